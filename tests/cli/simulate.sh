#!/bin/sh
# simulate.sh - `rightsize simulate` and `rightsize whatif` on scenarios
# written here with hand-computed answers, and bad scenarios rejected with
# one clear line and exit 1.
. "$top_srcdir/tests/cli/lib.sh"

# 3 fixed instances at $0.10/h for one day, 20 req/s, 50 requests an order:
# $7.20, 34,560 orders, $0.000208 each; monthly = 7.20 x 730 / 24 = $219.00.
cat >"$TMP/fixed.json" <<'J'
{ "start": "2026-11-01", "days": 1,
  "load": { "base_rps": 20, "requests_per_order": 50 },
  "baseline": { "name": "three", "tiers": [
    { "name": "web", "price_per_hour": "0.10", "capacity_rps": 10,
      "policy": { "type": "fixed", "instances": 3 } } ] } }
J
expect_exit 0 "fixed fleet runs" -- "$RS" simulate --format csv "$TMP/fixed.json"
expect_match "$TMP/out" '^three,219\.00,7\.20,7\.20,0\.00,0\.00,0\.00,34560,0\.0002,72\.0,3,3\.0,66\.7,0,0\.000$' \
	"fixed fleet: \$219.00 a month, \$7.20, 34560 orders, 72 instance-hours, 66.7 % busy"

# growth 2.0: 40 req/s on 30 req/s of capacity: every minute misses, a
# quarter of the requests are lost
expect_exit 0 "--growth" -- "$RS" simulate --growth 2.0 --format csv "$TMP/fixed.json"
expect_match "$TMP/out" '^three,219\.00,7\.20,.*,1440,25\.000$' "--growth 2.0: 1440 SLO minutes, 25 % not served"

# a 2x peak for 6 hours: 360 minutes over capacity
expect_exit 0 "--peak" -- "$RS" simulate --peak 2026-11-01T06:00/6h:2x --format csv "$TMP/fixed.json"
expect_match "$TMP/out" '^three,.*,360,10\.000$' "--peak 6h:2x: 360 SLO minutes, 10 % not served"

# --set on the baseline (no candidates): 4 instances cost $9.60 a day
expect_exit 0 "--set" -- "$RS" simulate --set policy.instances=4 --set tier.max=4 --format csv "$TMP/fixed.json"
expect_match "$TMP/out" '^three,292\.00,9\.60,' "--set policy.instances=4: \$9.60 a day"

# trace: one line per minute plus the header
expect_exit 0 "--trace" -- "$RS" simulate --trace "$TMP/trace.csv" "$TMP/fixed.json"
expect_lines "$TMP/trace.csv" 1441 "trace has 1440 steps and a header"
expect_match "$TMP/trace.csv" '^three,2026-11-01T00:00:00Z,web,20,3,0,3,66\.67,0$' "trace line of the first minute"

# JSON output parses and carries the same numbers
expect_exit 0 "json" -- "$RS" simulate --format json "$TMP/fixed.json"
if [ -n "${PYTHON:-}" ]; then
	got=$($PYTHON -c 'import json,sys; d=json.load(sys.stdin); print(d["runs"][0]["total_cost"], d["tiers"][0]["peak_fleet"])' <"$TMP/out")
	expect_eq "$got" "7.2 3" "JSON: total 7.2, peak 3"
fi

# whatif: 10 instances ($730/month) against 5 ($365) with a $730 migration:
# -50 %, payback 2.0 months
cat >"$TMP/pay.json" <<'J'
{ "start": "2026-11-01", "days": 2,
  "load": { "base_rps": 10, "requests_per_order": 36 },
  "baseline": { "name": "ten", "tiers": [
    { "name": "web", "price_per_hour": 0.1, "capacity_rps": 10,
      "policy": { "type": "fixed", "instances": 10 } } ] },
  "candidates": [ { "name": "five", "one_time_cost": "730", "tiers": [
    { "name": "web", "price_per_hour": 0.1, "capacity_rps": 10,
      "policy": { "type": "fixed", "instances": 5 } } ] },
    { "name": "twelve", "one_time_cost": 100, "tiers": [
    { "name": "web", "price_per_hour": 0.1, "capacity_rps": 10,
      "policy": { "type": "fixed", "instances": 12 } } ] } ] }
J
expect_exit 0 "whatif" -- "$RS" whatif --format csv "$TMP/pay.json"
expect_match "$TMP/out" '^ten,730\.00,,0\.0010,0,10,0\.000,,$' "whatif baseline row"
expect_match "$TMP/out" '^five,365\.00,-50\.0,0\.0005,0,5,0\.000,730\.00,2\.0$' "whatif: -50 %, payback 2.0 months"
expect_match "$TMP/out" '^twelve,876\.00,\+20\.0,.*,100\.00,never$' "a dearer candidate never pays back"

# --optimize: 45 req/s; type b (50 req/s for $0.40/h) at a 90 % target holds
# with one instance and no SLO minute; everything else costs more or misses
cat >"$TMP/opt.json" <<'J'
{ "start": "2026-11-01", "days": 1,
  "load": { "base_rps": 45, "requests_per_order": 45 },
  "baseline": { "name": "b", "tiers": [
    { "name": "web", "price_per_hour": 0.1, "capacity_rps": 10, "min": 1, "max": 20,
      "policy": { "type": "target_tracking", "target": 50 } } ] },
  "optimize": { "targets": [50, 90], "mins": [1],
    "instance_types": [
      { "instance_type": "a", "price_per_hour": "0.10", "capacity_rps": 10 },
      { "instance_type": "b", "price_per_hour": "0.40", "capacity_rps": 50 } ] } }
J
expect_exit 0 "optimize" -- "$RS" whatif --optimize --jobs 2 --format csv "$TMP/opt.json"
expect_match "$TMP/out" '^b,90,1,300,292\.00,0\.0001,0,1,90\.0$' "optimum: type b at 90 %, \$292.00 a month"
expect_exit 0 "optimize, 1 job" -- "$RS" whatif --optimize --jobs 1 --format csv "$TMP/opt.json"
cp "$TMP/out" "$TMP/opt1"
expect_exit 0 "optimize, 2 jobs" -- "$RS" whatif --optimize --jobs 2 --format csv "$TMP/opt.json"
expect_same "$TMP/out" "$TMP/opt1" "one thread or two: the same answer"
expect_exit 0 "optimize with the HPA" -- "$RS" whatif --optimize --set optimize.policy=hpa --format csv "$TMP/opt.json"
expect_match "$TMP/out" '^b,90,1,300,292\.00,0\.0001,0,1,90\.0$' "HPA optimum: type b at 90 %"

# fixed costs carried over from a rollup: RDS $1/h and CloudFront $0.50/h
# over two hours -> $730.00 and $365.00 a month; EC2 excluded, tax left out
cat >"$TMP/r.csv" <<'J'
hour,provider,currency,account,service,resource,usage_type,instance_type,region,pricing_model,charge_kind,tags,usage,billed,effective,rows
2026-10-01T00:00:00Z,aws,USD,1,AmazonCloudFront,,,,,on_demand,usage,{},1,0.5,0.5,1
2026-10-01T00:00:00Z,aws,USD,1,AmazonEC2,,,m5.large,,on_demand,usage,{},1,2,2,1
2026-10-01T00:00:00Z,aws,USD,1,AmazonRDS,,,,,on_demand,usage,{},1,1,1,1
2026-10-01T01:00:00Z,aws,USD,1,AmazonCloudFront,,,,,on_demand,usage,{},1,0.5,0.5,1
2026-10-01T01:00:00Z,aws,USD,1,AmazonEC2,,,m5.large,,on_demand,usage,{},1,2,2,1
2026-10-01T01:00:00Z,aws,USD,1,AmazonRDS,,,,,on_demand,usage,{},1,1,1,1
2026-10-01T01:00:00Z,aws,USD,1,AmazonRDS,,,,,none,tax,{},0,9,9,1
J
sed 's|"tiers": \[|"fixed_costs_from_rollup": { "path": "r.csv", "exclude_services": ["AmazonEC2"] }, "tiers": [|' \
	"$TMP/fixed.json" >"$TMP/roll.json"
expect_exit 0 "fixed costs from a rollup" -- "$RS" simulate --format csv "$TMP/roll.json"
expect_match "$TMP/out" '^three,1314\.00,43\.20,7\.20,0\.00,0\.00,36\.00,' \
	"RDS \$730 + CloudFront \$365 a month carried over: \$36.00 for the day"
sed 's|"r.csv"|"missing.csv"|' "$TMP/roll.json" >"$TMP/roll2.json"
expect_exit 1 "a missing rollup" -- "$RS" simulate "$TMP/roll2.json"
expect_lines "$TMP/err" 1 "a missing rollup: one line"

# a price left out comes from the catalog: m5.large at $0.096/h
if [ -d "$top_srcdir/data/instances" ]; then
	sed -e "s|\"start\"|\"catalog\": \"$top_srcdir/data/instances\", \"start\"|" \
	    -e 's|"price_per_hour": "0.10", |"instance_type": "m5.large", |' \
		"$TMP/fixed.json" >"$TMP/cat.json"
	expect_exit 0 "price from the catalog" -- "$RS" simulate --format csv "$TMP/cat.json"
	expect_match "$TMP/out" '^three,210\.24,6\.91,' "m5.large from the catalog: 3 x \$0.096 x 730 = \$210.24 a month"
	sed 's|"m5.large"|"m5.nosuch"|' "$TMP/cat.json" >"$TMP/cat2.json"
	expect_exit 1 "unknown type without a price" -- "$RS" simulate "$TMP/cat2.json"
	expect_match "$TMP/err" 'baseline\.tiers\[0\]\.price_per_hour: not given, and m5\.nosuch is not in the catalog' \
		"unknown type: says so"
fi

# replaying a metrics file: 600, 1200, 600 requests per 5 minutes (2, 4,
# 2 req/s) repeated all day on 3 req/s: a third of the minutes over
# capacity, 1 of 8/3 req/s lost on them (12.5 %), 20,160 orders
cat >"$TMP/m.csv" <<'J'
timestamp,value
2026-11-01T00:00:00Z,600
2026-11-01T00:05:00Z,1200
2026-11-01T00:10:00Z,600
J
cat >"$TMP/replay.json" <<'J'
{ "start": "2026-11-01", "days": 1,
  "load": { "replay": { "path": "m.csv", "unit": "per_step" }, "requests_per_order": 10 },
  "baseline": { "name": "one", "tiers": [
    { "name": "web", "price_per_hour": "0.10", "capacity_rps": 3,
      "policy": { "type": "fixed", "instances": 1 } } ] } }
J
expect_exit 0 "replay a metrics file" -- "$RS" simulate --format csv "$TMP/replay.json"
expect_match "$TMP/out" '^one,73\.00,2\.40,2\.40,0\.00,0\.00,0\.00,20160,0\.0001,24\.0,1,1\.0,77\.8,480,12\.500$' \
	"replay: 480 SLO minutes, 12.5 % not served, 20160 orders"
sed 's|"m.csv"|"none.csv"|' "$TMP/replay.json" >"$TMP/replay2.json"
expect_exit 1 "replay of a missing file" -- "$RS" simulate "$TMP/replay2.json"
expect_lines "$TMP/err" 1 "replay of a missing file: one line"

# "fit": three weeks of hourly load 100 x (1 + 0.5 cos(2 pi (h - 20) / 24))
# fitted and forecast for the two days after: 150 req/s at 20:00, 50 at
# 08:00, a mean of 100 (172,800 orders of 100 requests)
if [ -n "${PYTHON:-}" ]; then
	$PYTHON - "$TMP/fit.csv" <<'P'
import math, sys, datetime
t0 = datetime.datetime(2026, 10, 11, tzinfo=datetime.timezone.utc)
with open(sys.argv[1], "w") as f:
    f.write("timestamp,value\n")
    for h in range(21 * 24):
        t = t0 + datetime.timedelta(hours=h)
        v = 100 * (1 + 0.5 * math.cos(2 * math.pi * ((h % 24) - 20) / 24))
        f.write(t.strftime("%Y-%m-%dT%H:%M:%SZ") + ",%.6f\n" % v)
P
	sed 's|"m.csv", "unit": "per_step"|"fit.csv", "fit": true|; s|"requests_per_order": 10|"requests_per_order": 100|; s|"days": 1|"days": 2|; s|"capacity_rps": 3|"capacity_rps": 300|' \
		"$TMP/replay.json" >"$TMP/fit.json"
	expect_exit 0 "fitted and forecast load" -- "$RS" simulate --format csv --trace "$TMP/fit-trace.csv" "$TMP/fit.json"
	expect_match "$TMP/out" '^one,73\.00,4\.80,4\.80,0\.00,0\.00,0\.00,172800,' "forecast mean 100 req/s: 172800 orders"
	expect_match "$TMP/fit-trace.csv" '^one,2026-11-02T20:00:00Z,web,(149\.9|150\.0)' "forecast 150 req/s at 20:00"
	expect_match "$TMP/fit-trace.csv" '^one,2026-11-02T08:00:00Z,web,(49\.9|50\.0)' "forecast 50 req/s at 08:00"
fi

# bad scenarios: one line, exit 1, naming the place
bad() {
	bad_desc=$1; bad_re=$2
	expect_exit 1 "$bad_desc" -- "$RS" simulate "$TMP/bad.json"
	expect_lines "$TMP/err" 1 "$bad_desc: one line"
	expect_match "$TMP/err" "$bad_re" "$bad_desc: says where"
}
sed 's/"instances": 3/"instances": "three"/' "$TMP/fixed.json" >"$TMP/bad.json"
bad "wrong type" '^rightsize: .*bad\.json:5:36: baseline\.tiers\[0\]\.policy\.instances: expected a number$'
sed 's/"capacity_rps"/"capacity"/' "$TMP/fixed.json" >"$TMP/bad.json"
bad "unknown key" 'bad\.json:4:48: baseline\.tiers\[0\]\.capacity: unknown key$'
sed 's/"days": 1,/"days": 1/' "$TMP/fixed.json" >"$TMP/bad.json"
bad "syntax error" 'bad\.json:2:[0-9]+: JSON syntax error$'
printf '{ "load": { "base_rps": 1 } }\n' >"$TMP/bad.json"
bad "no baseline" 'baseline: required$'
expect_exit 1 "missing file" -- "$RS" simulate "$TMP/nope.json"
expect_lines "$TMP/err" 1 "missing file: one line"
expect_exit 1 "bad --set path" -- "$RS" whatif --set candidates[4].name=x "$TMP/fixed.json"
expect_exit 2 "bad --peak" -- "$RS" whatif --peak tomorrow "$TMP/fixed.json"
expect_exit 2 "no file" -- "$RS" simulate
expect_exit 1 "unknown --config" -- "$RS" simulate --config nope "$TMP/fixed.json"
finish
