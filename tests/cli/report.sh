#!/bin/sh
# report.sh - `rightsize report` on a generated month with planted totals:
# text, JSON and CSV against golden files, JSON against its documented
# shape and the planted values, 100 columns, the same bytes twice, input
# hashes, agreement with `rightsize cost`, and clean failures that leave
# no partial report and an old report intact.
#
# RS_UPDATE_GOLDEN=1 make check TESTS=tests/cli/report.sh rewrites the
# golden files from this build's output (review the diff before commit).
. "$top_srcdir/tests/cli/lib.sh"

golden="$top_srcdir/tests/golden/report"
"$PYTHON" "$top_srcdir/tests/gen_report.py" --out "$TMP/in" || hard_error "generator failed"
cd "$TMP/in" || hard_error "no input folder"
version=$("$RS" --version | sed 's/^rightsize //')

run_report() { # OUTDIR [extra options]
	o=$1; shift
	"$RS" report -m 2026-10 -o "$o" --orders orders.csv --metrics cpu.csv \
		--catalog prices.cat --scenario web.json "$@" \
		cur-2025-10.csv cur-2026-09.csv cur-2026-10.csv
}

expect_exit 0 "report on the generated month" -- run_report "$TMP/r1"
expect_match "$TMP/err" "report written to $TMP/r1/" "says where it wrote"
for f in report.txt report.json report.csv report.html; do
	if [ -s "$TMP/r1/$f" ]; then pass "$f written"; else fail "$f missing or empty"; fi
done

# golden files: the program's version is the one thing allowed to differ
for f in report.txt report.json report.csv; do
	sed "s/rightsize $version/rightsize @VERSION@/" "$TMP/r1/$f" >"$TMP/$f.norm"
	if [ "${RS_UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$TMP/$f.norm" "$golden/$f"
	fi
	expect_same "$TMP/$f.norm" "$golden/$f" "$f equals the golden file"
done

# JSON: documented shape and planted values
if "$PYTHON" "$top_srcdir/tests/check_report_json.py" "$TMP/r1/report.json" \
	"$top_srcdir/man/rightsize-report.1.in" truth.json >"$TMP/json.log" 2>&1; then
	pass "report.json has its documented shape and the planted values ($(tail -1 "$TMP/json.log"))"
else
	fail "report.json check: $(grep -E 'FAIL|Error' "$TMP/json.log" | head -5)"
fi

# at most 100 columns (code points, the sparklines are one column each)
wide=$("$PYTHON" -c '
import sys
for i, l in enumerate(open(sys.argv[1], encoding="utf-8").read().split("\n"), 1):
    if len(l) > 100:
        print(i, len(l))' "$TMP/r1/report.txt")
expect_eq "$wide" "" "every line of report.txt fits 100 columns"
spark=$("$PYTHON" -c '
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
print(len(re.findall("^usage_effective +[\u2581-\u2588]{31}  min [0-9.]+ [(]2026-10-[0-9]+[)]  "
                     "max [0-9.]+ [(]2026-10-16[)]$", t, re.M)))' "$TMP/r1/report.txt")
expect_eq "$spark" 1 "the days as a 31-day sparkline, largest on the sale day"

# deterministic: the same bytes again, elsewhere and in place
expect_exit 0 "second run" -- run_report "$TMP/r2"
same=1
for f in report.txt report.json report.csv report.html; do
	cmp -s "$TMP/r1/$f" "$TMP/r2/$f" || same=0
done
expect_eq "$same" 1 "a second run gives identical files"
expect_exit 0 "rerun over the old report" -- run_report "$TMP/r2"
cmp -s "$TMP/r1/report.json" "$TMP/r2/report.json" && pass "replaced report identical" ||
	fail "replaced report differs"
expect_eq "$(ls -A "$TMP" | grep -c '^\.r')" 0 "no temporary folders left beside the report"

# inputs: SHA-256 as sha256sum has it, parameters echoed
sum=$(sha256sum cur-2026-10.csv | cut -d' ' -f1)
expect_match "$TMP/r1/report.csv" "^cur-2026-10.csv,[0-9]+,$sum\$" "input hash matches sha256sum"
expect_match "$TMP/r1/report.csv" '^movers_by,"service,usage_type"$' "parameters echoed"

# the report and `rightsize cost` agree
"$RS" cost --by service --month 2026-10 --format csv cur-*.csv |
	awk -F, 'NR > 1 && $1 != "TOTAL" { print $2 "," $3 "," $4 }' | sort >"$TMP/cost.csv"
sed -n '/^# by_service$/,/^$/p' "$TMP/r1/report.csv" |
	awk -F, 'NR > 2 && NF > 1 && $1 != "TOTAL" { print $1 "," $2 "," $3 }' | sort >"$TMP/rep.csv"
expect_same "$TMP/rep.csv" "$TMP/cost.csv" "by_service equals rightsize cost --by service"

# the autoscaling advice is what `rightsize whatif --optimize` finds
"$RS" whatif --optimize --format csv web.json | sed -n '/^# optimum$/,/^$/p' |
	awk -F, 'NR == 3 { print $1 "," $5 }' >"$TMP/opt.csv"
sed -n '/^# autoscaling$/,/^$/p' "$TMP/r1/report.csv" |
	awk -F, '$2 == "cheapest in SLO" { print $3 "," $6 }' >"$TMP/adv.csv"
expect_same "$TMP/adv.csv" "$TMP/opt.csv" "autoscaling advice equals whatif --optimize (type, monthly cost)"

# default folder reports/<month>; other options change the report
mkdir "$TMP/cwd" && cp cur-2026-10.csv "$TMP/cwd/" && (cd "$TMP/cwd" &&
	"$RS" report -m 2026-10 --top 2 --movers-by service cur-2026-10.csv) >/dev/null 2>&1
if [ -f "$TMP/cwd/reports/2026-10/report.txt" ]; then pass "default reports/2026-10"; else
	fail "no reports/2026-10/report.txt"; fi
expect_match "$TMP/cwd/reports/2026-10/report.csv" '^\(4 other\),' "--top 2 folds the rest"
expect_match "$TMP/cwd/reports/2026-10/report.csv" '^top cost movers \(billing data on 0 of 30 days of 2026-09\)$' \
	"movers left out without last month, and said so"
expect_no_match "$TMP/cwd/reports/2026-10/report.txt" '^orders +[0-9]' "no orders row without --orders"

# no invalid access and no leak, on success and on failure (valgrind
# cannot run sanitizer builds)
if command -v valgrind >/dev/null 2>&1 && ! grep -q '^RS_SAN_CFLAGS = -fsanitize' "$top_builddir/Makefile"; then
	vg() { valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect "$@"; }
	expect_exit 0 "report under valgrind" -- vg "$RS" report -m 2026-10 -o "$TMP/vg" --orders orders.csv \
		--metrics cpu.csv --catalog prices.cat cur-2025-10.csv cur-2026-09.csv cur-2026-10.csv
	expect_exit 1 "a failing report under valgrind" -- vg "$RS" report -m 2026-10 -o "$TMP/vg" \
		--metrics cpu.csv --catalog no-such.cat cur-2026-10.csv
else
	echo "valgrind checks skipped (no valgrind, or a sanitizer build)"
fi

# orders that stop before the month: no cost per order, no forecast, said so
head -721 orders.csv >sep-orders.csv
expect_exit 0 "orders of September only" -- "$RS" report -m 2026-10 -o "$TMP/sep" \
	--orders sep-orders.csv cur-2026-09.csv cur-2026-10.csv
expect_match "$TMP/sep/report.csv" "^cost per order \(the orders and the billing share no hour\)$" \
	"cost per order left out, and why"
expect_match "$TMP/sep/report.csv" "^order anomalies and forecast \(the orders have no count on the month's last day\)$" \
	"forecast left out, and why"
expect_match "$TMP/sep/report.txt" "^Orders for 2026-10 have no data in 744 of 744 hours" \
	"the orders row says why it is empty"

# failures: nothing written, the old report intact
cp -r "$TMP/r1" "$TMP/r1.before"
expect_exit 1 "a missing billing file" -- "$RS" report -m 2026-10 -o "$TMP/r1" no-such.csv
expect_match "$TMP/err" '^rightsize: no-such.csv: cannot open' "the missing file is named"
sed 's/^\(L[0-9]*,[0-9]*,Usage,2026-10-05[^,]*,[^,]*,AmazonS3,[^,]*,[^,]*,[^,]*,USD,\)[^,]*/\11.2.3/' \
	cur-2026-10.csv >bad.csv
expect_exit 1 "a malformed billing file" -- "$RS" report -m 2026-10 -o "$TMP/r1" cur-2026-09.csv bad.csv
expect_match "$TMP/err" '^rightsize: bad.csv:[0-9]+:[0-9]+: ' "the bad cell is placed"
printf 'timestamp,orders\n2026-10-01T00:00:00Z,12\nyesterday,3\n' >bad-orders.csv
expect_exit 1 "malformed orders" -- "$RS" report -m 2026-10 -o "$TMP/r1" --orders bad-orders.csv cur-2026-10.csv
expect_match "$TMP/err" "^rightsize: bad-orders.csv:3:1: \"yesterday\" is not a time stamp" "the bad time stamp is placed"
expect_exit 1 "a month without billing" -- "$RS" report -m 2027-01 -o "$TMP/r1" cur-2026-10.csv
expect_match "$TMP/err" 'no billing data for 2027-01' "says the month has no data"
# a write that fails half-way (files limited to 4 KB, SIGXFSZ ignored so
# write() returns EFBIG): the temporary folder goes, the old report stays
(trap '' XFSZ; ulimit -f 8; run_report "$TMP/r1") >"$TMP/out" 2>"$TMP/err"
expect_eq "$?" 1 "a failing write exits 1"
expect_match "$TMP/err" '^rightsize: .*/\.r1\.rightsize-tmp\.[^/]+/report\.[a-z]+: cannot write' \
	"the failed write is named"
expect_eq "$(ls -A "$TMP" | grep -c '^\.r1\.')" 0 "no temporary folder left after a failed write"
if diff -r "$TMP/r1" "$TMP/r1.before" >/dev/null; then pass "old report intact after failures"; else
	fail "old report changed by a failed run"; fi
touch "$TMP/plain"
expect_exit 1 "an output under a plain file" -- "$RS" report -m 2026-10 -o "$TMP/plain/r" cur-2026-10.csv
expect_match "$TMP/err" "^rightsize: $TMP/plain: is not a folder" "says the parent is not a folder"
expect_exit 1 "missing input, new folder" -- "$RS" report -m 2026-10 -o "$TMP/new/r" no-such.csv
if [ -e "$TMP/new" ]; then fail "a failed run created $TMP/new"; else pass "a failed run creates nothing"; fi
mkdir "$TMP/mine" && echo keep >"$TMP/mine/notes.txt"
expect_exit 1 "a folder with other files" -- run_report "$TMP/mine"
expect_match "$TMP/err" "holds 'notes.txt'" "refuses to replace the user's files"
expect_eq "$(cat "$TMP/mine/notes.txt")" keep "the user's file is untouched"
expect_exit 2 "no --month" -- "$RS" report cur-2026-10.csv
expect_exit 2 "bad --month" -- "$RS" report -m 2026-13 cur-2026-10.csv
expect_exit 2 "no billing files" -- "$RS" report -m 2026-10
expect_exit 2 "bad --movers-by" -- "$RS" report -m 2026-10 --top 0 cur-2026-10.csv
finish
