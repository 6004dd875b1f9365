#!/bin/sh
# unitcost.sh - `rightsize unitcost` on a generated rollup and orders with
# a known cost per order (see tests/gen_unitcost.py): exact totals, the
# planted marginal cost 0.05 and hourly base 4.60, the fixed/variable
# classes, and bad input.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 is needed for the fixtures"
"$PYTHON" "$top_srcdir/tests/gen_unitcost.py" "$TMP/uc" || hard_error "generator failed"
F=$TMP/uc
want() { awk -v k="$1" '$1 == k { print $2 }' "$F/expected.txt"; }

expect_exit 0 "unitcost by day" -- "$RS" unitcost --orders "$F/orders.csv" --format csv "$F/rollup.csv"
expect_match "$TMP/out" "^TOTAL,312,$(want orders),$(want cost),$(want fixed),$(want variable),$(want per_order)," \
	"exact totals and cost per order"
expect_match "$TMP/out" '^hourly cost,312,0\.0500,0\.049[0-9],0\.050[0-9],4\.6000,' "marginal 0.05, base 4.60"
expect_match "$TMP/out" '^variable cost,312,0\.0500,.*,2\.0000,' "variable line: base 2.00"
expect_match "$TMP/out" '^lump charges,50\.00,' "tax left out of the slope"
expect_match "$TMP/out" "^hours without orders,$(want outside),\"?24 billing hours" "last day outside"
n=$(grep -c '^2026-10-' "$TMP/out")
expect_eq "$n" 13 "13 days with orders"

expect_exit 0 "by month, classes" -- "$RS" unitcost -g month --classes --orders "$F/orders.csv" \
	--format csv "$F/rollup.csv"
expect_match "$TMP/out" "^2026-10,312,$(want orders),$(want cost)," "one month"
expect_match "$TMP/out" '^AmazonEC2,variable,scales with load,' "on-demand compute is variable"
expect_match "$TMP/out" '^AmazonEC2,fixed,commitment,' "commitment is fixed"
expect_match "$TMP/out" '^AmazonEC2,fixed,storage usage type,' "EBS is fixed"
expect_match "$TMP/out" '^AmazonRDS,fixed,fixed service,' "RDS is fixed"
expect_match "$TMP/out" '^AmazonEC2,fixed,charge kind not driven by orders,50\.00' "tax is fixed"

expect_exit 0 "RDS declared variable" -- "$RS" unitcost --variable AmazonRDS --orders "$F/orders.csv" \
	--format csv "$F/rollup.csv"
expect_match "$TMP/out" '^variable cost,312,0\.0500,.*,3\.5000,' "variable base now 3.50"

expect_exit 0 "text" -- "$RS" unitcost -g hour --orders "$F/orders.csv" "$F/rollup.csv"
expect_match "$TMP/out" '^2026-10-05T14:00:00Z +1 +' "hourly periods"

expect_exit 2 "no --orders" -- "$RS" unitcost "$F/rollup.csv"
expect_exit 2 "bad granularity" -- "$RS" unitcost -g week --orders "$F/orders.csv" "$F/rollup.csv"
printf 'timestamp,orders\n2020-01-01T00:00:00Z,5\n2020-01-01T01:00:00Z,6\n' >"$TMP/old.csv"
expect_exit 1 "no shared hour" -- "$RS" unitcost --orders "$TMP/old.csv" "$F/rollup.csv"
expect_match "$TMP/err" 'share no hour' "says so"
printf 'timestamp,orders\nsoon,5\n' >"$TMP/bad.csv"
expect_exit 1 "bad orders file" -- "$RS" unitcost --orders "$TMP/bad.csv" "$F/rollup.csv"
expect_match "$TMP/err" 'bad.csv:2:1: "soon" is not a time stamp' "names line and column"
finish
