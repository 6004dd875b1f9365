#!/bin/sh
# fit_sample.sh - metrics, fit and unitcost on the bundled sample shop
# (data/sample, see its README): cost per order equals expected.json to
# the cent, and the fit finds the planted demand (3%/month growth, Sunday
# peak, evening peak, +150% sale day).
. "$top_srcdir/tests/cli/lib.sh"

S=$top_srcdir/data/sample
[ -f "$S/expected.json" ] || skip "data/sample is not in this tree"
[ -n "${PYTHON:-}" ] || skip "python3 is needed to read expected.json"
ex() { "$PYTHON" -c "import json,sys; d=json.load(open('$S/expected.json')); print($1)"; }

expect_exit 0 "unitcost by month" -- "$RS" unitcost -g month --orders "$S/orders/orders-hourly.csv" \
	--format csv "$S"/billing/*.csv.gz
for m in 2026-09 2026-10; do
	o=$(ex "d['months']['$m']['orders']")
	c=$(ex "d['months']['$m']['effective']")
	p=$(ex "d['months']['$m']['effective_per_order']")
	expect_match "$TMP/out" "^$m,[0-9]+,$o,$c,[0-9.]+,[0-9.]+,$p," "$m: $o orders, \$$c, \$$p per order"
done
expect_match "$TMP/out" "^TOTAL,1464,$(ex "d['total']['orders']"),$(ex "d['total']['effective']")," "both months"

expect_exit 0 "get-metric-data pages merged" -- "$RS" metrics --format csv \
	"$S/metrics/cloudwatch-cpu-page1.json.gz" "$S/metrics/cloudwatch-cpu-page2.json.gz"
expect_match "$TMP/out" '^i-04f1e043b39516e7c,,2026-10-18T00:00:00Z,2026-10-31T23:55:00Z,300,4032,0,0,' \
	"web01: 14 days of 5-minute points, named after the Label"

expect_exit 0 "fit the orders" -- "$RS" fit --orders --events "2026-10-16:Autumn sale" \
	--format json "$S/orders/orders-hourly.csv"
"$PYTHON" - "$TMP/out" "$S/expected.json" >"$TMP/check" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = json.load(open(sys.argv[2]))["planted"]["orders"]
m = d["model"][0]
e = d["events"][0]
up = p["event"]["uplift"] - 1
peak_utc = (p["daily_harmonics"][0]["peak_local_hour"] - p["timezone_offset_hours"]) % 24
checks = [
    ("growth %.3f within 0.015 of %.3f" % (m["growth_month"], p["growth_per_month"]),
     abs(m["growth_month"] - p["growth_per_month"]) <= 0.015),
    ("peak day Sunday", m["peak_day"] == "Sunday"),
    ("peak hour %d within 2 h of %.1f UTC" % (m["peak_hour_utc"], peak_utc),
     abs(m["peak_hour_utc"] - peak_utc) <= 2),
    ("sale uplift %.3f within 0.15 of %.2f" % (e["uplift"], up), abs(e["uplift"] - up) <= 0.15),
    ("model beats seasonal naive", m["mape"] < m["mape_seasonal_naive"]),
    ("the payment incident hour is an outlier", m["outliers"] >= 1),
]
for name, ok in checks:
    print(("PASS: " if ok else "FAIL: ") + name)
PY
while read -r line; do
	case $line in
	PASS:*) pass "${line#PASS: }" ;;
	*) fail "${line#FAIL: }" ;;
	esac
done <"$TMP/check"
finish
