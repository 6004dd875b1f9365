#!/bin/sh
# metrics_input.sh - the metrics reader on input that once broke it: wide
# CSV files (one series per column, up to hundreds of columns) through
# metrics, fit and report --metrics; ambiguous input (a repeated column
# name, one get-metric-data Id with two Labels, NUL in names) refused or
# warned about with its place; JSON that would take too much memory
# refused as "too large", never as malformed; thousands of series read
# correctly (the time for 300,000 is `make bench-metrics`).
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 is needed for the fixtures"

# wide.py FILE NCOL NROW: timestamp plus NCOL columns c0.. (or a.. i for
# NCOL 9), NROW hourly rows from 2026-10-01; column k holds 10 (k + 1)
# plus 5 in the first twelve hours of a day and minus 5 in the others, so
# a value in the wrong column shows.
wide() {
	"$PYTHON" - "$@" <<'PY' || hard_error "wide CSV generator failed"
import sys
path, ncol, nrow = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
names = [chr(97 + k) for k in range(ncol)] if ncol <= 26 else ["c%d" % k for k in range(ncol)]
with open(path, "w") as f:
    f.write("timestamp," + ",".join(names) + "\n")
    for h in range(nrow):
        w = 5 if h % 24 < 12 else -5
        f.write("2026-10-%02dT%02d:00:00Z," % (1 + h // 24, h % 24) +
                ",".join("%d" % (10 * (k + 1) + w) for k in range(ncol)) + "\n")
PY
}

# the one-line report from the hardening issue
printf 'timestamp,a,b,c,d,e,f,g,h,i\n2026-10-01T00:00:00Z,1,2,3,4,5,6,7,8,9\n' >"$TMP/w.csv"
expect_exit 0 "metrics: nine value columns" -- "$RS" metrics --format csv "$TMP/w.csv"
expect_lines "$TMP/out" 10 "nine series and a header"
expect_match "$TMP/out" '^a,,2026-10-01T00:00:00Z,2026-10-01T00:00:00Z,60,1,0,0,1,1,1$' "first column"
expect_match "$TMP/out" '^i,,2026-10-01T00:00:00Z,2026-10-01T00:00:00Z,60,1,0,0,9,9,9$' "last column"

wide "$TMP/w9.csv" 9 504
wide "$TMP/w500.csv" 500 504
for w in w9 w500; do
	if [ $w = w9 ]; then n=9 first=a mid=e last=i; else n=500 first=c0 mid=c250 last=c499; fi
	expect_exit 0 "metrics: $n value columns" -- "$RS" metrics --format csv "$TMP/$w.csv"
	expect_lines "$TMP/out" $((n + 1)) "$n columns: one series each"
	expect_match "$TMP/out" "^$first,,2026-10-01T00:00:00Z,2026-10-21T23:00:00Z,3600,504,0,0,5,10,15$" \
		"$n columns: the first column's values"
	expect_match "$TMP/out" "^$last,,.*,504,0,0,$((n * 10 - 5)),$((n * 10)),$((n * 10 + 5))$" \
		"$n columns: the last column's values"
	expect_exit 0 "fit: $n value columns" -- "$RS" fit --format csv --series $mid "$TMP/$w.csv"
	# its level is about its own 10 (k + 1), 10 away from its neighbours'
	if [ $w = w9 ]; then want=50; else want=2510; fi
	near=$(awk -F, -v s=$mid -v w=$want '$1 == s { print ($8 > w - 2 && $8 < w + 2) ? "yes" : $8 }' "$TMP/out")
	expect_eq "$near" yes "fit: $n columns: the level of $mid is its own ($want)"
	rm -rf "$TMP/rep"
	"$PYTHON" - "$TMP/bill.csv" <<'PY' || hard_error "billing generator failed"
import sys
with open(sys.argv[1], "w") as f:
    f.write("ChargePeriodStart,BilledCost,EffectiveCost,ChargeCategory\n")
    f.write("2026-10-01T00:00:00Z,1.00,1.00,Usage\n")
PY
	expect_exit 0 "report --metrics: $n value columns" -- \
		"$RS" report -m 2026-10 -o "$TMP/rep" --metrics "$TMP/$w.csv" "$TMP/bill.csv"
	expect_match "$TMP/rep/report.txt" "^$TMP/$w.csv +metrics +csv +$((n * 504)) +$((n * 504)) " \
		"report: every value of the $n columns read and used"
done

# Ambiguous input is refused (the totals would be wrong) at its place.
printf 'timestamp,a,a\n2026-10-01T00:00:00Z,1,2\n' >"$TMP/dup.csv"
expect_exit 1 "a wide CSV with a repeated column name" -- "$RS" metrics "$TMP/dup.csv"
expect_match "$TMP/err" '^rightsize: .*/dup\.csv:1:13: columns 2 and 3 are both named "a"' \
	"the repeated name: line and column"
expect_lines "$TMP/err" 1 "the repeated name: one line"
printf 'cpu,mem,cpu\n1,2,3\n' >"$TMP/dupv.csv"
expect_exit 1 "a value-only CSV with a repeated column name" -- \
	"$RS" metrics --start 2026-10-01 "$TMP/dupv.csv"
expect_match "$TMP/err" '^rightsize: .*/dupv\.csv:1:9: columns 1 and 3 are both named "cpu"' \
	"value-only columns: the repeated name"
expect_exit 1 "fit on a repeated column name" -- "$RS" fit "$TMP/dup.csv"
expect_match "$TMP/err" 'dup\.csv:1:13: columns 2 and 3' "fit says so too"
printf 'timestamp,a\000x,a\000y\n2026-10-01T00:00:00Z,1,2\n' >"$TMP/nul.csv"
expect_exit 1 "a NUL byte in a column name" -- "$RS" metrics "$TMP/nul.csv"
expect_match "$TMP/err" '^rightsize: .*/nul\.csv:1:11: the name of column 2 holds a NUL byte' \
	"NUL in a column name: its place"
printf 'timestamp,series,value\n2026-10-01T00:00:00Z,a\000x,1\n2026-10-01T00:00:00Z,a\000y,2\n' >"$TMP/nul3.csv"
expect_exit 1 "a NUL byte in a series column" -- "$RS" metrics "$TMP/nul3.csv"
expect_match "$TMP/err" '^rightsize: .*/nul3\.csv:2:22: the series name holds a NUL byte' \
	"NUL in a series name: its place"

# get-metric-data: one Id with two Labels (two queries' answers appended)
gmd_page() { # ID LABEL TIME VALUE
	printf '{"MetricDataResults":[{"Id":"%s","Label":"%s","StatusCode":"Complete","Timestamps":["%s"],"Values":[%s]}]}\n' "$@"
}
{
	gmd_page m1 cpu 2026-10-01T00:05:00Z 10
	gmd_page m1 mem 2026-10-01T00:00:00Z 70
} >"$TMP/twolabels.json"
expect_exit 1 "one Id with two Labels" -- "$RS" metrics "$TMP/twolabels.json"
expect_match "$TMP/err" '^rightsize: .*/twolabels\.json: document 2: MetricDataResults\[0\]: Id m1 has the Label "mem", but "cpu" at MetricDataResults\[0\]' \
	"two Labels: both places named"
expect_lines "$TMP/err" 1 "two Labels: one line"
printf '[%s,%s]\n' "$(gmd_page m1 cpu 2026-10-01T00:05:00Z 10)" \
	"$(gmd_page m1 mem 2026-10-01T00:00:00Z 70)" >"$TMP/twolabels-array.json"
expect_exit 1 "one Id with two Labels in an array of pages" -- "$RS" metrics "$TMP/twolabels-array.json"
expect_match "$TMP/err" ': \[1\]\.MetricDataResults\[0\]: Id m1 has the Label "mem", but "cpu" at \[0\]\.MetricDataResults\[0\]' \
	"array of pages: JSON paths"
# the same Id and Label on two pages is one answer: merged, no message
{
	gmd_page m1 cpu 2026-10-01T00:05:00Z 10
	gmd_page m1 cpu 2026-10-01T00:00:00Z 30
} >"$TMP/onelabel.json"
expect_exit 0 "one Id, one Label, two pages" -- "$RS" metrics --format csv "$TMP/onelabel.json"
expect_match "$TMP/out" '^cpu,,2026-10-01T00:00:00Z,2026-10-01T00:05:00Z,300,2,0,0,10,20,30$' "the pages merged"
expect_lines "$TMP/err" 0 "one answer: no warning"
# two Ids whose Labels name one series on different pages: merged, warned
{
	gmd_page m1 CPUUtilization 2026-10-01T00:05:00Z 10
	gmd_page m2 CPUUtilization 2026-10-01T00:00:00Z 30
} >"$TMP/twoids.json"
expect_exit 0 "two Ids with one Label on two pages" -- "$RS" metrics --format csv "$TMP/twoids.json"
expect_match "$TMP/err" '^rightsize: warning: .*/twoids\.json: document 2: MetricDataResults\[0\]: Id m2 is read as series CPUUtilization, as Id m1 at MetricDataResults\[0\]' \
	"two Ids, one name: warned with both places"
# NUL in an Id (\u0000): "m\u0000a" and "m\u0000b" would both read as "m"
printf '{"MetricDataResults":[\n{"Id":"m\\u0000a","Timestamps":["2026-10-01T00:00:00Z"],"Values":[1]},\n{"Id":"m\\u0000b","Timestamps":["2026-10-01T00:00:00Z"],"Values":[2]}]}\n' >"$TMP/nulid.json"
expect_exit 1 "a NUL character in an Id" -- "$RS" metrics "$TMP/nulid.json"
expect_match "$TMP/err" '^rightsize: .*/nulid\.json:2:9: a NUL character \(\\u0000\)' "NUL in an Id: line and column"
printf '{"MetricDataResults":[{"Id":"m1","Label":"cpu\000x","Timestamps":["2026-10-01T00:00:00Z"],"Values":[1]}]}\n' >"$TMP/nulbyte.json"
expect_exit 1 "a NUL byte in a Label" -- "$RS" metrics "$TMP/nulbyte.json"
expect_match "$TMP/err" '^rightsize: .*/nulbyte\.json:1:46: a NUL byte' "NUL byte in JSON: line and column"

# JSON that would take too much memory: refused before it is parsed, as
# "too large" with the limit and the knob, in bounded memory. A 2 MB
# gzip that decodes to 2 GB of numbers (concatenated members are one
# stream; each value would be a 64-byte node).
"$PYTHON" - "$TMP" <<'PY' || hard_error "JSON bomb generator failed"
import sys, zlib
def member(b):
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    return c.compress(b) + c.flush()
body = member(b"1," * (32 << 20))
with open(sys.argv[1] + "/bomb.json.gz", "wb") as f:
    f.write(member(b'{"MetricDataResults":[{"Id":"m1","Timestamps":[],"Values":['))
    for _ in range(32):
        f.write(body)
    f.write(member(b"1]}]}\n"))
# 12 MB of numbers: within the default limit, its tree ~500 MB
with open(sys.argv[1] + "/num12m.json", "w") as f:
    f.write('{"MetricDataResults":[{"Id":"m1","Timestamps":[],"Values":[' + "1," * (6 << 20) + "1]}]}\n")
PY
TIME=/usr/bin/time
"$TIME" -f %M true >/dev/null 2>&1 || TIME=""
if [ -n "$TIME" ]; then
	"$TIME" -o "$TMP/mem" -f %M "$RS" metrics "$TMP/bomb.json.gz" >"$TMP/out" 2>"$TMP/err"
else
	"$RS" metrics "$TMP/bomb.json.gz" >"$TMP/out" 2>"$TMP/err"
fi
expect_eq "$?" 1 "a gzip of 2 GB of JSON: exit 1"
expect_lines "$TMP/err" 1 "a gzip of 2 GB of JSON: one line"
expect_match "$TMP/err" '^rightsize: .*/bomb\.json\.gz: too large: .* more than the limit of 1G; set RIGHTSIZE_METRICS_MAX_JSON' \
	"a gzip of 2 GB of JSON: too large, the limit and how to raise it"
if [ -n "$TIME" ]; then
	# the limit is memory: 1 GB of text and tree; reading stops at ~30 MB
	kb=$(tail -1 "$TMP/mem")
	if [ "$kb" -le 300000 ]; then pass "refused in $kb KB"; else fail "refused in $kb KB > 300000 KB"; fi
fi
expect_exit 1 "a smaller limit from the environment" -- \
	env RIGHTSIZE_METRICS_MAX_JSON=64M "$RS" metrics "$TMP/num12m.json"
expect_match "$TMP/err" 'num12m\.json: too large: .* more than the limit of 64M; set RIGHTSIZE_METRICS_MAX_JSON \(e\.g\. to 256M\)' \
	"the limit from the environment is the one named"
expect_exit 1 "a limit that is not a size" -- env RIGHTSIZE_METRICS_MAX_JSON=lots "$RS" metrics "$TMP/num12m.json"
expect_match "$TMP/err" 'RIGHTSIZE_METRICS_MAX_JSON="lots" is not a size' "says the knob is wrong"
RIGHTSIZE_METRICS_MAX_JSON=128k
export RIGHTSIZE_METRICS_MAX_JSON
expect_exit 1 "report --metrics under the limit too" -- \
	"$RS" report -m 2026-10 -o "$TMP/rep2" --metrics "$TMP/num12m.json" "$TMP/bill.csv"
expect_match "$TMP/err" 'num12m\.json: too large: .*limit of 128K' "report: too large"
unset RIGHTSIZE_METRICS_MAX_JSON
# README's example: the limit raised from the environment
expect_exit 0 "README: a limit from the environment" -- \
	env RIGHTSIZE_METRICS_MAX_JSON=4G "$RS" metrics "$top_srcdir/data/sample/metrics/cloudwatch-cpu-page1.json.gz"
expect_match "$TMP/out" '^i-04f1e043b39516e7c ' "README: the sample page read"
# Out of memory while parsing (a 100 MB address-space limit; the tree
# would take ~500 MB) is out of memory, exit 3, never "malformed JSON".
if (ulimit -v 100000 && "$RS" --version) >/dev/null 2>&1; then
	(ulimit -v 100000 && exec "$RS" metrics "$TMP/num12m.json") >"$TMP/out" 2>"$TMP/err"
	expect_eq "$?" 3 "out of memory parsing JSON: exit 3"
	expect_match "$TMP/err" '^rightsize: out of memory parsing the JSON of .*num12m\.json' \
		"out of memory parsing JSON: says so"
	expect_no_match "$TMP/err" 'malformed' "out of memory is not malformed JSON"
else
	echo "note: the binary does not start under ulimit -v (sanitizers?): out-of-memory case not run"
fi

# Thousands of series, looked up by name and Id (correctness only; the
# time for 300,000 is `make bench-metrics`): 4,000 series in a CSV, and
# 3,000 Ids over two get-metric-data pages, the first PartialData for
# every Id and the second completing them.
"$PYTHON" - "$TMP" <<'PY' || hard_error "many-series generator failed"
import json, sys
d = sys.argv[1]
with open(d + "/many.csv", "w") as f:
    f.write("timestamp,series,value\n")
    for m in (0, 5, 10):
        for k in range(4000):
            f.write("2026-10-01T00:%02d:00Z,s%d,%d\n" % (m, k, k + m))
def page(status, times, base):
    return {"MetricDataResults": [
        {"Id": "m%d" % k, "Label": "cpu-%d" % k, "StatusCode": status,
         "Timestamps": times, "Values": [base + k for _ in times]} for k in range(3000)]}
with open(d + "/pages.json", "w") as f:
    json.dump(page("PartialData", ["2026-10-01T00:10:00Z", "2026-10-01T00:05:00Z"], 0), f)
    f.write("\n")
    json.dump(page("Complete", ["2026-10-01T00:00:00Z"], 100000), f)
with open(d + "/page1.json", "w") as f:
    json.dump(page("PartialData", ["2026-10-01T00:10:00Z", "2026-10-01T00:05:00Z"], 0), f)
PY
expect_exit 0 "4,000 series in a CSV" -- "$RS" metrics --format csv "$TMP/many.csv"
expect_lines "$TMP/out" 4001 "4,000 series: a row each"
expect_match "$TMP/out" '^s0,,2026-10-01T00:00:00Z,2026-10-01T00:10:00Z,300,3,0,0,0,5,10$' "series s0"
expect_match "$TMP/out" '^s3999,,2026-10-01T00:00:00Z,2026-10-01T00:10:00Z,300,3,0,0,3999,4004,4009$' \
	"series s3999"
expect_exit 0 "3,000 Ids over two pages" -- "$RS" metrics --format csv "$TMP/pages.json"
expect_lines "$TMP/out" 3001 "3,000 Ids: a series each, the pages merged"
expect_match "$TMP/out" '^cpu-2999,,2026-10-01T00:00:00Z,2026-10-01T00:10:00Z,300,3,0,0,2999,36332.3,102999$' \
	"Id m2999: both pages' points"
expect_no_match "$TMP/err" 'PartialData' "3,000 Ids: the second page completes the first"
expect_exit 0 "the first page of 3,000 Ids alone" -- "$RS" metrics --format csv "$TMP/page1.json"
expect_match "$TMP/err" 'page1.json: m0 and 2999 more: StatusCode PartialData' \
	"3,000 partial Ids: one warning naming the first"
expect_lines "$TMP/err" 1 "3,000 partial Ids: one warning"

# orders files share the metrics grid budget: two stamps 7,600 years
# apart are refused at once instead of taking half a gigabyte
printf 'timestamp,orders\n1900-01-01T00:00:00Z,1\n9500-01-01T00:00:00Z,1\n' >"$TMP/stray-orders.csv"
expect_exit 1 "orders with a stray time stamp" -- "$RS" fit --orders "$TMP/stray-orders.csv"
expect_match "$TMP/err" 'stray-orders\.csv: orders span 66[0-9]+ hours, more than 16777216 \(a stray time stamp\?\)' \
	"orders with a stray time stamp: too long a span"

finish
