#!/bin/sh
# ingest_input.sh - how `rightsize ingest` reads the bytes it is given:
# lone-CR line ends read like LF, and a quoted field of 40 MB scans in
# linear time. Fixtures come from tests/gen_billing.py.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 not found (Debian package python3): fixtures need it"
command -v timeout >/dev/null 2>&1 || skip "timeout not found (Debian package coreutils)"
FX=$TMP/fx
"$PYTHON" "$top_srcdir/tests/gen_billing.py" "$FX" >/dev/null || hard_error "gen_billing.py failed"
cd "$FX" || hard_error "no $FX"

# account: the ingest account in $TMP/out without its file names
account() {
	cut -d, -f2- "$TMP/out"
}

# ---- lone-CR line ends (classic Mac OS) ----------------------------------
# Each export with its line ends (LF or CRLF, also inside quoted fields)
# turned into lone CRs reads to the same account and the same rollup.
for f in cur-legacy.csv azure-ea-actual.csv focus-1.0.csv gcp.csv; do
	"$PYTHON" - "$f" "cr-$f" <<'EOF' || hard_error "cannot write cr-$1"
import gzip, sys
data = open(sys.argv[1], "rb").read().replace(b"\r\n", b"\r").replace(b"\n", b"\r")
assert b"\n" not in data
open(sys.argv[2], "wb").write(data)
open(sys.argv[2] + ".gz", "wb").write(gzip.compress(data, mtime=0))
EOF
	expect_exit 0 "$f: ingest" -- "$RS" ingest --format csv -o "$TMP/lf.csv" "$f"
	account >"$TMP/lf.account"
	for g in "cr-$f" "cr-$f.gz"; do
		expect_exit 0 "$g: ingest" -- "$RS" ingest --format csv -o "$TMP/cr.csv" "$g"
		account >"$TMP/cr.account"
		expect_same "$TMP/cr.account" "$TMP/lf.account" "$g: the same account as $f"
		cmp -s "$TMP/cr.csv" "$TMP/lf.csv"
		expect_eq "$?" 0 "$g: the same rollup as $f"
	done
done

# ---- a 40 MB quoted field ------------------------------------------------
# One row whose description is 20 million quote characters (40 MB of ""
# pairs; its gzip is a few kB): read in a fraction of a second by a linear
# scan, hours by a quadratic one. The limit is 20 s so a slow machine does
# not fail it.
"$PYTHON" - <<'EOF' || hard_error "cannot write the long-field export"
import csv, gzip, io
with open("cur-legacy.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
hdr, row = rows[0], rows[1] + [""] * (len(rows[0]) - len(rows[1]))
row[hdr.index("lineItem/LineItemDescription")] = '"' * 20000000
out = io.StringIO()
csv.writer(out, lineterminator="\n").writerows([hdr, row])
data = out.getvalue().encode()
assert len(data) > 40000000
open("long-field.csv", "wb").write(data)
open("long-field.csv.gz", "wb").write(gzip.compress(data, mtime=0))
EOF
for f in long-field.csv.gz long-field.csv; do
	expect_exit 0 "$f: read within 20 s" -- timeout 20 "$RS" ingest -n --format csv "$f"
	expect_match "$TMP/out" "^$f,aws-cur-legacy,1,1,0," "$f: the row is read and used"
done
rm -f long-field.csv long-field.csv.gz

# ---- rows cut short ------------------------------------------------------
# An export of over 16 MB (read on two threads with -j 2): the fixture's
# rows many times over. big-cut.csv is cut in the middle of its last row's
# cost; big-mid.csv has one short row in its second half; big-less.csv is
# big-cut.csv without the cut row.
"$PYTHON" - <<'EOF' || hard_error "cannot write the big exports"
import csv, gzip, io
with open("cur-legacy.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
hdr = rows[0]
body = [r for r in rows[1:] if r and r != hdr]
assert all(len(r) == len(hdr) for r in body)
def text(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()
data = body * (18000000 // len(text(body)) + 1)
less = text([hdr] + data[:-1])
assert len(less) > 17000000
open("big-less.csv", "w").write(less)
ci = hdr.index("lineItem/UnblendedCost")
cut = text([data[-1][:ci]]).rstrip("\n") + "," + data[-1][ci][:2]
open("big-cut.csv", "w").write(less + cut)
open("big-cut.csv.gz", "wb").write(gzip.compress((less + cut).encode(), mtime=0))
mid = len(data) * 3 // 4
short = text([data[mid][:ci + 1]])
open("big-mid.csv", "w").write(text([hdr] + data[:mid]) + short + text(data[mid + 1:]))
with open("big.txt", "w") as f:
    f.write("%d %d %d %d %d\n" % (len(data) + 1, len(cut) + 1, ci + 1, len(hdr), mid + 2))
EOF
read -r lines endcol nf nh midline <big.txt
for j in 1 2; do
	for f in big-cut.csv big-cut.csv.gz; do
		expect_exit 1 "$f -j $j: a row cut short is an error" -- "$RS" ingest -j "$j" -n "$f"
		expect_match "$TMP/err" \
			"^rightsize: $f:$lines:$endcol: row has $nf fields, the header has $nh \(is the file cut short\?\)\$" \
			"$f -j $j: names the place just after the cut"
	done
	expect_exit 1 "big-mid.csv -j $j: a short row in the middle is an error" -- \
		"$RS" ingest -j "$j" -n big-mid.csv
	expect_match "$TMP/err" "^rightsize: big-mid.csv:$midline:[0-9]+: row has $nf fields" \
		"big-mid.csv -j $j: names its line"
done
expect_exit 0 "big-less.csv: ingest" -- "$RS" ingest -j 1 -n --format csv big-less.csv
totals=$(sed -n 2p "$TMP/out" | cut -d, -f7-8)
used=$(sed -n 2p "$TMP/out" | cut -d, -f4)
for j in 1 2; do
	for f in big-cut.csv big-cut.csv.gz big-mid.csv; do
		expect_exit 0 "$f -j $j --skip-short-rows" -- \
			"$RS" ingest -j "$j" -n --skip-short-rows --format csv "$f"
		[ "$f" = big-mid.csv ] && continue
		expect_match "$TMP/out" "^$f,aws-cur-legacy,$((used + 1)),$used,1,short row=1,$totals\$" \
			"$f -j $j --skip-short-rows: the cut row counted as skipped, totals without it"
	done
	expect_match "$TMP/out" "^big-mid.csv,aws-cur-legacy,$((used + 1)),$used,1,short row=1," \
		"big-mid.csv -j $j --skip-short-rows: the short row counted as skipped"
done
rm -f big*.csv big*.csv.gz

# ---- the first and last hours a rollup holds -----------------------------
# Charges at 1900-01-01T00:00:00Z and up to 9999-12-31T23:59:59Z (also
# given with an offset) ingest, and the rollup reads back to itself.
# (Beyond them is an error: tests/gen_billing.py's bad fixtures.)
"$PYTHON" - <<'EOF' || hard_error "cannot write the edge-date export"
import csv
with open("cur-legacy.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
hdr = rows[0]
body = [r for r in rows[1:] if r and r != hdr][:4]
k = hdr.index("lineItem/UsageStartDate")
for r, t in zip(body, ["1900-01-01T00:00:00Z", "1900-01-01T09:00:00+09:00",
                       "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+14:00"]):
    r[k] = t
with open("edges.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows([hdr] + body)
EOF
expect_exit 0 "edges.csv: ingest" -- "$RS" ingest --format csv -o edges.rollup.csv edges.csv
sed -n 2p "$TMP/out" | cut -d, -f3- >"$TMP/edges.account"
expect_match edges.rollup.csv "^1900-01-01T00:00:00Z," "the first hour is written"
expect_match edges.rollup.csv "^9999-12-31T23:00:00Z," "the last hour is written"
expect_match edges.rollup.csv "^9999-12-31T09:00:00Z," "the last day with an offset is written"
expect_exit 0 "edges.rollup.csv: the rollup reads back" -- \
	"$RS" ingest --format csv -o edges.back.csv edges.rollup.csv
cmp -s edges.back.csv edges.rollup.csv
expect_eq "$?" 0 "edges.rollup.csv: reads back to the same rollup"
sed -n 2p "$TMP/out" | cut -d, -f7- >"$TMP/back.totals"
cut -d, -f5- "$TMP/edges.account" >"$TMP/edges.totals"
expect_same "$TMP/back.totals" "$TMP/edges.totals" "edges.rollup.csv: the same totals"

# ---- header names ----------------------------------------------------------
# CUR tag keys are case-sensitive: resourceTags/user:Team is a tag of its
# own next to resourceTags/user:team, not a repeated column. Columns with
# no name (trailing commas) may repeat. (A name given twice, or a column
# read under a name repeated in other case, is an error: the bad fixtures.)
"$PYTHON" - <<'EOF' || hard_error "cannot write the tag-case export"
import csv
with open("cur-legacy.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
hdr = rows[0]
body = [r + ["ops", "", ""] for r in rows[1:] if r and r != hdr]
with open("tag-case.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows([hdr + ["resourceTags/user:Team", "", ""]] + body)
EOF
expect_exit 0 "tag-case.csv: ingest" -- "$RS" ingest --format csv -o tag-case.rollup.csv tag-case.csv
expect_exit 0 "tag-case.csv: cost by tag user:Team" -- \
	"$RS" cost --by tag:user:Team -g all --format csv tag-case.rollup.csv
expect_match "$TMP/out" "^all,ops," "user:Team is read as a tag of its own"
expect_exit 0 "tag-case.csv: cost by tag user:team" -- \
	"$RS" cost --by tag:user:team -g all --format csv tag-case.rollup.csv
expect_match "$TMP/out" "^all,web," "user:team keeps its values"

finish
