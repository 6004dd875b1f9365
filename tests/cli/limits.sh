#!/bin/sh
# limits.sh - hostile inputs get one clear error line, exit 1, bounded
# memory and bounded time: a 0-byte file, a field over the record bound
# (CSVR_MAX_RECORD, 64 MB), a row with thousands of columns and a header
# with more than CSVR_MAX_FIELDS (100,000), JSON nested 10,000 deep in a
# tag column, a 10 GB sparse file (never written: truncate), a gzip bomb
# (1 GB of zeros in 1 MB). And a failed write of the rollup (file size
# limit) leaves the old rollup intact and no temporary file behind.
# Metrics files: JSON nested 10,000 deep, a 0-byte file.
. "$top_srcdir/tests/cli/lib.sh"

# Peak RSS bound: the 64 MB record buffer plus the reader's blocks (about
# 90 MB measured; 175 MB under --enable-sanitizers).
MEM_MAX_KB=300000
TIME=/usr/bin/time
"$TIME" -f %M true >/dev/null 2>&1 || TIME=""

# limit_cmd DESC REGEX CMD...: CMD exits 1 with one stderr line matching
# REGEX, within MEM_MAX_KB.
limit_cmd() {
	desc=$1 rx=$2
	shift 2
	if [ -n "$TIME" ]; then
		"$TIME" -o "$TMP/mem" -f %M "$@" >"$TMP/out" 2>"$TMP/err"
	else
		"$@" >"$TMP/out" 2>"$TMP/err"
	fi
	got=$?
	expect_eq "$got" 1 "$desc: exit 1"
	expect_lines "$TMP/err" 1 "$desc: one error line"
	expect_match "$TMP/err" "^rightsize: $rx" "$desc: says why"
	if [ -n "$TIME" ]; then
		kb=$(tail -1 "$TMP/mem")
		if [ "$kb" -le "$MEM_MAX_KB" ]; then
			pass "$desc: peak RSS $kb KB <= $MEM_MAX_KB KB"
		else
			fail "$desc: peak RSS $kb KB > $MEM_MAX_KB KB"
		fi
	fi
}

# limit_case DESC REGEX FILE...: `rightsize ingest -o` on FILE fails as
# limit_cmd says and writes no rollup.
limit_case() {
	desc=$1 rx=$2
	shift 2
	rm -f "$TMP/r.csv"
	limit_cmd "$desc" "$rx" "$RS" ingest -o "$TMP/r.csv" "$@"
	if [ -e "$TMP/r.csv" ]; then fail "$desc: a rollup was written"; else pass "$desc: no rollup written"; fi
}

CUR_HDR='identity/LineItemId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UnblendedCost'

: >"$TMP/empty.csv"
limit_case "0-byte file" ".*/empty.csv(:1:1)?: empty file$" "$TMP/empty.csv"

"$PYTHON" - "$TMP/long.csv" "$CUR_HDR" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write(sys.argv[2] + "\n")
    f.write('li1,Usage,2026-10-01T00:00:00Z,1\n')
    f.write('li2,Usage,2026-10-01T00:00:00Z,"' + "x" * ((64 << 20) + 1) + '"\n')
PY
limit_case "a field longer than the 64 MB record bound" \
	".*/long.csv:3:1: record longer than 64 MB" "$TMP/long.csv"

"$PYTHON" - "$TMP/wide.csv" "$CUR_HDR" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write(sys.argv[2] + "\n")
    f.write("li1,Usage,2026-10-01T00:00:00Z,1" + ",x" * 5000 + "\n")
PY
limit_case "a row with 5,004 columns under a 4-column header" \
	".*/wide.csv:2:[0-9]+: row has 5004 fields, the header has 4$" "$TMP/wide.csv"

"$PYTHON" - "$TMP/wider.csv" "$CUR_HDR" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write(sys.argv[2] + "".join(",c%d" % i for i in range(120000)) + "\n")
PY
limit_case "a header with 120,004 columns" \
	".*/wider.csv:1:1: more than 100000 fields in a record" "$TMP/wider.csv"

"$PYTHON" - "$TMP" <<'PY'
import sys
deep = "[" * 10000 + "]" * 10000
q = lambda s: '"' + s.replace('"', '""') + '"'
with open(sys.argv[1] + "/deep-cur2.csv", "w") as f:
    f.write("line_item_line_item_type,line_item_usage_start_date,line_item_unblended_cost,resource_tags\n")
    f.write("Usage,2026-10-01T00:00:00Z,1," + q('{"user:team":' + deep + "}") + "\n")
with open(sys.argv[1] + "/deep-focus.csv", "w") as f:
    f.write("ChargePeriodStart,BilledCost,EffectiveCost,ChargeCategory,Tags\n")
    f.write("2026-10-01T00:00:00Z,1,1,Usage," + q('{"team":' + deep + "}") + "\n")
PY
limit_case "CUR 2.0 resource_tags nested 10,000 deep" \
	".*/deep-cur2.csv:2:[0-9]+: resource_tags is not a JSON object" "$TMP/deep-cur2.csv"
limit_case "FOCUS Tags nested 10,000 deep" \
	".*/deep-focus.csv:2:[0-9]+: Tags is not a JSON object" "$TMP/deep-focus.csv"

# The metrics readers (JSON through cJSON, whose nesting limit is 1000).
"$PYTHON" - "$TMP" <<'PY'
import sys
deep = "[" * 10000 + "]" * 10000
docs = {
    "deep-gmd.json": '{"MetricDataResults":' + deep + "}",
    "deep-prom.json": '{"status":"success","data":{"resultType":"matrix","result":' + deep + "}}",
    "deep-bare.json": deep,
}
for name, text in docs.items():
    with open(sys.argv[1] + "/" + name, "w") as f:
        f.write(text + "\n")
PY
for f in deep-gmd deep-prom deep-bare; do
	limit_cmd "metrics: $f.json nested 10,000 deep" ".*/$f.json:1:[0-9]+: malformed JSON" \
		"$RS" metrics "$TMP/$f.json"
done
limit_cmd "metrics: 0-byte file" ".*/empty.csv: empty file$" "$RS" metrics "$TMP/empty.csv"

# 10 GB of holes: the reader stops at the record bound, after 64 MB.
if truncate -s 10G "$TMP/sparse.csv" 2>/dev/null; then
	start=$(date +%s)
	limit_case "a 10 GB sparse file" ".*/sparse.csv:1:1: record longer than 64 MB" "$TMP/sparse.csv"
	secs=$(($(date +%s) - start))
	if [ "$secs" -le 20 ]; then pass "10 GB sparse file: failed in ${secs}s"; else fail "10 GB sparse file: took ${secs}s"; fi
	used=$(du -k "$TMP/sparse.csv" | cut -f1)
	if [ "$used" -lt 1024 ]; then pass "sparse file stayed sparse ($used KB on disk)"; else fail "sparse file uses $used KB"; fi
	rm -f "$TMP/sparse.csv"
else
	echo "no sparse files on $TMP: 10 GB case not run"
fi

# A gzip bomb: one 64 MB member of zeros (65 KB compressed) 16 times is a
# 1 GB stream (concatenated members are one stream).
"$PYTHON" - "$TMP/bomb.csv.gz" <<'PY'
import sys, zlib
c = zlib.compressobj(9, zlib.DEFLATED, 31)
member = c.compress(b"\0" * (64 << 20)) + c.flush()
with open(sys.argv[1], "wb") as f:
    for _ in range(16):
        f.write(member)
PY
limit_case "a gzip bomb (1 GB of zeros)" ".*/bomb.csv.gz:1:1: record longer than 64 MB" "$TMP/bomb.csv.gz"
{ printf '%s\n' "$CUR_HDR" | gzip -c; cat "$TMP/bomb.csv.gz"; } >"$TMP/bomb2.csv.gz"
limit_case "a gzip bomb after a valid header" ".*/bomb2.csv.gz:2:1: record longer than 64 MB" "$TMP/bomb2.csv.gz"
rm -f "$TMP"/*.gz "$TMP/long.csv"

# A failed write (file size limit; the signal ignored so write() fails
# with EFBIG as on a full disk) keeps the old rollup and leaves no
# temporary file.
"$PYTHON" "$top_srcdir/tests/gen_billing.py" "$TMP/fx" >/dev/null || hard_error "gen_billing.py failed"
mkdir "$TMP/outdir"
expect_exit 0 "write a rollup" -- "$RS" ingest -o "$TMP/outdir/month.csv" "$TMP/fx/focus-1.0.csv"
cp "$TMP/outdir/month.csv" "$TMP/month.orig"
# A metrics file of a few lines whose time stamps are far apart would take
# gigabytes of grid: refused before anything is allocated.
printf 'timestamp,series,value\n1700000000,a,1\n1740000000,a,1\n' >"$TMP/scattered.csv"
limit_cmd "metrics: scattered time stamps" ".*scattered.csv: series a would take the file past [0-9]+ grid points" \
	"$RS" metrics --step 1 "$TMP/scattered.csv"

(
	trap '' XFSZ
	ulimit -f 4 || exit 98
	exec "$RS" ingest -o "$TMP/outdir/month.csv" "$TMP/fx/cur-legacy.csv"
) >"$TMP/out" 2>"$TMP/err"
got=$?
if [ "$got" -eq 98 ]; then
	echo "ulimit -f is not available: failed-write case not run"
else
	expect_eq "$got" 1 "failed write: exit 1"
	expect_match "$TMP/err" "^rightsize: .*/outdir/month.csv: write failed: File too large$" "failed write: says so"
	expect_same "$TMP/outdir/month.csv" "$TMP/month.orig" "failed write: the old rollup is intact"
	expect_eq "$(ls -A "$TMP/outdir")" "month.csv" "failed write: no temporary file left"
fi
finish
