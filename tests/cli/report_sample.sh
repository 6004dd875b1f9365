#!/bin/sh
# report_sample.sh - the report on the bundled sample (data/sample) agrees
# with its ground truth (expected.json): October and September billed and
# effective totals, orders and effective cost per order; the sale day is
# an anomaly; the batch worker, dev box and search node get the findings
# the sample was built to show; and run-demo.sh (the main job) writes the
# report.
. "$top_srcdir/tests/cli/lib.sh"

S="$top_srcdir/data/sample"
[ -f "$S/expected.json" ] || skip "no bundled sample data in $S"
cd "$S" || hard_error "cannot enter $S"
expect_exit 0 "report on the sample" -- "$RS" report -m 2026-10 -o "$TMP/r" \
	--orders orders/orders-hourly.csv --catalog ../instances \
	--metrics metrics/cloudwatch-cpu-page1.json.gz --metrics metrics/cloudwatch-cpu-page2.json.gz \
	--metrics metrics/cloudwatch-memory.json.gz --scenario ../scenarios/sample-verdant.json \
	billing/*.csv.gz
"$PYTHON" - "$TMP/r/report.json" expected.json >"$TMP/check.log" 2>&1 <<'PY'
import json, sys
from decimal import Decimal as D
rep = json.load(open(sys.argv[1]), parse_float=D)
exp = json.load(open(sys.argv[2]))
fails = 0
def check(ok, what):
    global fails
    print(("PASS: " if ok else "FAIL: ") + what)
    fails += 0 if ok else 1
s = {r["measure"]: r for r in rep["summary"]}
for col, m in (("month", "2026-10"), ("last_month", "2026-09")):
    e = exp["months"][m]
    check(s["billed"][col] == D(e["billed"]), "%s billed %s" % (m, e["billed"]))
    check(s["effective"][col] == D(e["effective"]), "%s effective %s" % (m, e["effective"]))
    check(s["orders"][col] == e["orders"], "%s orders %d" % (m, e["orders"]))
    check(s["cost_per_order"][col] == D(e["effective_per_order"]),
          "%s effective per order %s" % (m, e["effective_per_order"]))
sale = [r for r in rep["anomalies"] if r["date"] == "2026-10-16"]
check(sorted(r["measure"] for r in sale) == ["cost", "orders"], "the sale day is an anomaly")
rs = {r["resource"]: r["finding"] for r in rep["rightsizing"]}
for name, want in (("i-04dcf5fb5925fe624", "over-provisioned"), ("i-094054aea8b98da3a", "idle"),
                   ("i-0b5fb8ec622d8d64b", "under-provisioned")):
    check(rs.get(name) == want, "%s is %s (got %s)" % (name, want, rs.get(name)))
check(rep["not_included"] == [], "nothing left out")
sys.exit(1 if fails else 0)
PY
if [ $? -eq 0 ]; then pass "report agrees with expected.json ($(grep -c PASS "$TMP/check.log") checks)"; else
	fail "report against expected.json: $(grep FAIL "$TMP/check.log" | head -5)"; fi

expect_exit 0 "run-demo.sh, the main job" -- sh "$S/run-demo.sh" "$RS" "$TMP/top"
for f in report.txt report.json report.csv report.html; do
	if [ -s "$TMP/top/reports/sample/2026-10/$f" ]; then pass "run-demo.sh wrote 2026-10/$f"; else
		fail "run-demo.sh wrote no 2026-10/$f"; fi
done
cmp -s "$TMP/top/reports/sample/2026-10/report.json" "$TMP/r/report.json"
expect_eq "$?" 0 "run-demo.sh's report equals the one above (paths relative to the sample)"
finish
