#!/bin/sh
# capacity.sh - `rightsize capacity` on a generated fleet (truth: idle 5%,
# 0.1 points of CPU per request/s per instance; see tests/gen_fleet.py).
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 is needed for the fixtures"
"$PYTHON" "$top_srcdir/tests/gen_fleet.py" "$TMP/fleet.csv" || hard_error "generator failed"

expect_exit 0 "capacity plan" -- "$RS" capacity --load requests --util cpu \
	--instances instances --peak 10000 --users 142000 --think-time 30s --format csv \
	"$TMP/fleet.csv"
# idle 5 +- 0.5, slope 0.1 +- 0.003, 504 hourly points
line=$(grep '^cpu,requests,' "$TMP/out")
idle=$(echo "$line" | cut -d, -f4)
slope=$(echo "$line" | cut -d, -f7)
expect_eq "$(echo "$line" | cut -d, -f3)" 504 "504 matched points"
expect_eq "$(awk -v v="$idle" 'BEGIN { print (v > 4.5 && v < 5.5) }')" 1 "idle $idle near 5"
expect_eq "$(awk -v v="$slope" 'BEGIN { print (v > 0.097 && v < 0.103) }')" 1 "slope $slope near 0.1"
# 10000 req/s at 550 per instance: 19; 142,000 users / 30 s = 4733 req/s: 9
expect_match "$TMP/out" '^planned peak,10000,19,19,' "19 instances for 10000 req/s"
expect_match "$TMP/out" '^concurrent users,4733.33,9,9,' "Little's law: 9 instances"
expect_match "$TMP/out" '^observed peak,4[01][0-9][0-9]\.?[0-9]*,8,8,' "observed peak needs 8"

expect_exit 0 "larger type" -- "$RS" capacity --load requests --util cpu \
	--instances instances --peak 10000 --capacity-ratio 2 --format csv "$TMP/fleet.csv"
expect_match "$TMP/out" '^planned peak,10000,10,10,' "10 instances twice as large"

expect_exit 0 "forecast peak" -- "$RS" capacity --load requests --util cpu \
	--instances instances --forecast 1w --format json "$TMP/fleet.csv"
expect_match "$TMP/out" '"plan_for": "forecast peak, 95% bound"' "forecast plan row"

expect_exit 2 "no --util" -- "$RS" capacity --load requests "$TMP/fleet.csv"
expect_exit 2 "users without think time" -- "$RS" capacity --load requests --util cpu \
	--users 100 "$TMP/fleet.csv"
expect_exit 1 "unknown series" -- "$RS" capacity --load requests --util mem "$TMP/fleet.csv"
expect_match "$TMP/err" 'no series named mem' "names the missing series"
# utilization as a fraction with a percent target is caught
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { $3 = $3 / 100; print }' \
	"$TMP/fleet.csv" >"$TMP/frac.csv"
expect_exit 1 "fraction target check" -- "$RS" capacity --load requests --util cpu \
	--instances instances "$TMP/frac.csv"
expect_match "$TMP/err" 'looks like a fraction' "says the target must be a fraction"
expect_exit 0 "fraction target" -- "$RS" capacity --load requests --util cpu \
	--instances instances --target 0.6 --peak 10000 --format csv "$TMP/frac.csv"
expect_match "$TMP/out" '^planned peak,10000,19,19,' "same plan with fractions"
finish
