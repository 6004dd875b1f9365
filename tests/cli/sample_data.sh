#!/bin/sh
# sample_data.sh - the bundled sample data (data/sample/) is exactly what
# tests/gen_sample.py writes, is all installed, loads, and its totals are the
# ground truth in expected.json to the cent.
. "$top_srcdir/tests/cli/lib.sh"

S=$top_srcdir/data/sample
[ -n "${PYTHON:-}" ] && command -v "$PYTHON" >/dev/null 2>&1 || skip "python3 not found"
[ -f "$S/expected.json" ] || hard_error "no $S/expected.json"

# verdicts FILE WHAT: turn the checker's "PASS desc" / "FAIL desc" lines
# into checks (any other line, e.g. a traceback, is a failure).
verdicts() {
	while read -r verdict desc; do
		case $verdict in
		PASS) pass "$desc" ;;
		FAIL) fail "$desc" ;;
		*) fail "$2: $verdict $desc" ;;
		esac
	done <"$1"
}

# ---- 1. regenerated == committed ----------------------------------------
"$PYTHON" "$top_srcdir/tests/gen_sample.py" --out "$TMP/gen" || hard_error "generator failed"
(cd "$TMP/gen" && find . -type f | sort) >"$TMP/gen.list"
(cd "$S" && find . -type f ! -name README.md ! -name run-demo.sh | sort) >"$TMP/com.list"
expect_same "$TMP/com.list" "$TMP/gen.list" "committed files are the generated ones, no more, no fewer"
for f in $(cat "$TMP/gen.list"); do
	f=${f#./}
	if cmp -s "$TMP/gen/$f" "$S/$f"; then
		pass "$f byte-identical to a fresh run"
	elif case $f in *.gz) true ;; *) false ;; esac &&
		gzip -dc "$TMP/gen/$f" >"$TMP/a" && gzip -dc "$S/$f" >"$TMP/b" && cmp -s "$TMP/a" "$TMP/b"; then
		# same data; only the compressor differs (another zlib build)
		pass "$f same content as a fresh run (gzip bytes differ: other zlib)"
	else
		fail "$f differs from a fresh run of tests/gen_sample.py (hand-edited? rerun 'make sample')"
	fi
done

# ---- 2. every file is installed (listed in mk/sample.am), size budget ----
for f in $(cat "$TMP/com.list") ./README.md ./run-demo.sh; do
	f=${f#./}
	if grep -Fq "data/sample/$f" "$top_srcdir/mk/sample.am"; then
		pass "$f listed for install in mk/sample.am"
	else
		fail "$f not listed in mk/sample.am"
	fi
done
bytes=$(cat "$S"/*.* "$S"/*/* | wc -c | tr -d ' ')
if [ "$bytes" -lt 5500000 ]; then
	pass "sample data is $bytes bytes (< 5.5 MB)"
else
	fail "sample data is $bytes bytes (budget 5.5 MB)"
fi

# ---- 3. the billing loads, totals to the cent ---------------------------
# Ingest's per-file account and the cost per service and month, both
# compared with what expected.json says they must be.
"$PYTHON" - "$S/expected.json" "$TMP" <<'EOF' || hard_error "cannot read expected.json"
import json, sys
e = json.load(open(sys.argv[1]))
tmp = sys.argv[2]
with open(tmp + "/want-ingest.csv", "w") as f:
    f.write("file,format,rows_read,rows_used,rows_skipped,skipped_by_reason,billed,effective\n")
    for name, v in e["files"].items():
        f.write("%s,aws-cur-legacy,%d,%d,0,,%s,%s\n" % (name, v["rows_read"], v["rows_read"],
                                                       v["billed"], v["effective"]))
    t = e["total"]
    f.write("TOTAL,,%d,%d,0,,%s,%s\n" % (t["rows"], t["rows"], t["billed"], t["effective"]))
with open(tmp + "/want-months.csv", "w") as f:
    for m, v in sorted(e["months"].items()):
        f.write("%s,%s,%s\n" % (m, v["billed"], v["effective"]))
with open(tmp + "/want-services.csv", "w") as f:
    for m, v in sorted(e["months"].items()):
        for s, c in sorted(v["services"].items()):
            f.write("%s,%s,%s,%s\n" % (m, s, c["billed"], c["effective"]))
EOF
(cd "$S" && "$RS" ingest -o "$TMP/rollup.csv" --format csv billing/*.csv.gz) >"$TMP/ingest.csv" 2>"$TMP/ingest.err"
expect_eq "$?" 0 "ingest reads the three CUR files"
expect_same "$TMP/ingest.csv" "$TMP/want-ingest.csv" "ingest account per file and TOTAL equals expected.json to the cent"
expect_exit 0 "cost by month" -- "$RS" cost --format csv "$TMP/rollup.csv"
grep -E '^2026-' "$TMP/out" | cut -d, -f1-3 >"$TMP/got-months.csv"
expect_same "$TMP/got-months.csv" "$TMP/want-months.csv" "billed and effective per month equal expected.json"
expect_exit 0 "cost by service" -- "$RS" cost --by service --format csv "$TMP/rollup.csv"
grep -E '^2026-' "$TMP/out" | cut -d, -f1-4 | sort >"$TMP/got-services.csv"
expect_same "$TMP/got-services.csv" "$TMP/want-services.csv" "billed and effective per service and month equal expected.json"

# ---- 4. orders and metrics agree with the story --------------------------
"$PYTHON" - "$S" >"$TMP/checks" 2>&1 <<'EOF'
import csv, gzip, json, sys
from collections import Counter
S = sys.argv[1]
e = json.load(open(S + "/expected.json"))
def check(ok, desc):
    print(("PASS " if ok else "FAIL ") + desc)
def load(p):
    return json.load(gzip.open(S + "/" + p) if p.endswith(".gz") else open(S + "/" + p))

hourly = [(t, int(n)) for t, n in csv.reader(open(S + "/orders/orders-hourly.csv")) if t != "timestamp"]
check(len(hourly) == 1464, "orders-hourly.csv has 1464 hours (%d)" % len(hourly))
for m, v in e["months"].items():
    got = sum(n for t, n in hourly if t.startswith(m))
    check(got == v["orders"], "orders in %s: %d, expected.json %d" % (m, got, v["orders"]))
ex = e["orders_export"]
per_hour = Counter(r["created_at"][:13] for r in csv.DictReader(open(S + "/" + ex["file"])))
want = {t[:13]: n for t, n in hourly if ex["from"] <= t < ex["to"] and n}
check(per_hour == Counter(want), "order export rows per hour equal the hourly counts")
check(sum(per_hour.values()) == ex["orders"], "order export has %d orders" % ex["orders"])

alb = load("metrics/cloudwatch-alb-requests.json.gz")["MetricDataResults"][0]
ts = alb["Timestamps"]
check(ts == sorted(ts, reverse=True) and len(set(ts)) == len(ts), "ALB RequestCount is newest first, no duplicates")
for m, v in e["months"].items():
    got = int(sum(x for t, x in zip(ts, alb["Values"]) if t.startswith(m)))
    check(got == v["alb_requests"], "ALB requests in %s: %d, expected.json %d" % (m, got, v["alb_requests"]))

p1 = load("metrics/cloudwatch-cpu-page1.json.gz")
p2 = load("metrics/cloudwatch-cpu-page2.json.gz")
check("NextToken" in p1 and "NextToken" not in p2, "CPU page 1 has a NextToken, page 2 none")
merged = {}
for page in (p1, p2):
    for r in page["MetricDataResults"]:
        merged.setdefault(r["Label"], []).extend(zip(r["Timestamps"], r["Values"]))
for iid, v in e["instances"].items():
    pts = merged.get(iid, [])
    vals = sorted(x for _, x in pts)
    ok = (len(pts) == v["points"] and [t for t, _ in pts] == sorted((t for t, _ in pts), reverse=True)
          and vals and [vals[0], vals[-1]] == v["cpu_max_pct"])
    check(ok, "CPU of %s (%s): %d points newest first, max %s" % (v["name"], iid, len(pts), v["cpu_max_pct"][1]))
for iid, lo, hi in [(i, *{"idle": (0.2, 1.0), "over-provisioned": (5.0, 10.0),
                          "under-provisioned": (85.0, 97.0)}[v["finding"]])
                    for i, v in e["instances"].items() if "finding" in v]:
    p = e["instances"][iid]["cpu_max_p99_5"]
    check(lo <= p <= hi, "%s P99.5 %.2f in [%g, %g]" % (e["instances"][iid]["finding"], p, lo, hi))
prom = load("metrics/prometheus-web-cpu.json.gz")
res = prom["data"]["result"]
check(prom["status"] == "success" and prom["data"]["resultType"] == "matrix" and len(res) == 14,
      "Prometheus answer is a matrix of 14 web instances")
check(all(isinstance(v[1], str) for r in res for v in r["values"]), "Prometheus values are strings")
mem = load("metrics/cloudwatch-memory.json.gz")["MetricDataResults"]
check(len(mem) == 4 and all(len(r["Values"]) == 4032 for r in mem), "memory for 4 instances, 4032 points each")

# the instance rates in the CUR are the sourced catalog's on-demand prices
from decimal import Decimal
cat = {}
for line in open(S + "/../instances/aws-us-east-1.cat"):
    f = [x.strip() for x in line.split(",")]
    if len(f) == 15 and not line.startswith("#"):
        cat[(f[0], f[1])] = Decimal(f[8])
svc = {"AmazonEC2": "ec2", "AmazonElastiCache": "elasticache", "AmazonRDS": "rds"}
rates = {}
for p in sorted(e["files"]):
    for r in csv.DictReader(gzip.open(S + "/" + p, "rt")):
        it = r["product/instanceType"]
        if it and r["lineItem/LineItemType"] in ("Usage", "SavingsPlanCoveredUsage"):
            s = svc[r["lineItem/ProductCode"]]
            if r["product/deploymentOption"] == "Multi-AZ":
                s = "rds-multi-az"
            rates.setdefault((it, s), set()).add(Decimal(r["lineItem/UnblendedRate"]))
for k, v in sorted(rates.items()):
    check(v == {cat.get(k)}, "%s %s rate %s is the catalog's on-demand %s"
          % (k[1], k[0], ", ".join(str(x) for x in sorted(v)), cat.get(k)))
EOF
verdicts "$TMP/checks" "orders/metrics check"

# ---- 5. rightsize's own readers load the metrics and orders; the planted
# findings come out of recommend ----------------------------------------------
M=$S/metrics
expect_exit 0 "rightsize metrics reads every metrics file" -- \
	"$RS" metrics --format csv "$M/cloudwatch-cpu-page1.json.gz" "$M/cloudwatch-cpu-page2.json.gz" \
	"$M/cloudwatch-memory.json.gz" "$M/cloudwatch-alb-requests.json.gz" "$M/prometheus-web-cpu.json.gz"
cp "$TMP/out" "$TMP/metrics.csv"
expect_exit 0 "rightsize metrics reads the hourly orders" -- \
	"$RS" metrics --orders --format csv "$S/orders/orders-hourly.csv"
cp "$TMP/out" "$TMP/orders.csv"
expect_exit 0 "rightsize metrics reads the order export" -- \
	"$RS" metrics --orders-time-column created_at --format csv "$S/orders/orders-export-2026-10-12.csv"
cp "$TMP/out" "$TMP/export.csv"
# Series may be named by the query's Id (cpu_i_0...) or its Label (i-0...):
# the types file and the checks accept both.
"$PYTHON" - "$S" "$TMP" >"$TMP/checks2" 2>&1 <<'EOF'
import csv, json, sys
S, T = sys.argv[1], sys.argv[2]
e = json.load(open(S + "/expected.json"))
def check(ok, desc):
    print(("PASS " if ok else "FAIL ") + desc)
def rows(p):
    return {r["series"]: r for r in csv.DictReader(open(p))}
m = rows(T + "/metrics.csv")
def find(iid, prefix):
    for name in (prefix + iid.replace("-", "_"), iid, iid + (":mem" if prefix == "mem_" else "")):
        if name in m:
            return m[name]
    return None
for iid, v in e["instances"].items():
    r = find(iid, "cpu_")
    check(r is not None and int(r["points"]) == v["points"] and int(r["gaps"]) == 4032 - v["points"],
          "metrics: CPU of %s has %d points and %d gaps" % (v["name"], v["points"], 4032 - v["points"]))
mem = [k for k in m if k.startswith("mem_") or k.endswith(":mem")]
check(len(mem) == 4 and all(int(m[k]["points"]) == 4032 for k in mem), "metrics: 4 memory series of 4032 points")
prom = [k for k in m if 'asg="verdant-web"' in k]
check(len(prom) == 14, "metrics: 14 Prometheus series (%d)" % len(prom))
req = [r for k, r in m.items() if k in ("requests", "RequestCount")]
check(len(req) == 1 and int(req[0]["points"]) == 17568 and int(req[0]["gaps"]) == 0,
      "metrics: ALB requests, 17568 points, no gaps")
o = list(rows(T + "/orders.csv").values())
total = sum(v["orders"] for v in e["months"].values())
check(len(o) == 1 and int(o[0]["points"]) == 1464 and abs(float(o[0]["mean"]) * 1464 - total) < 0.1,
      "orders: 1464 hours, %d orders" % total)
x = list(rows(T + "/export.csv").values())
check(len(x) == 1 and int(x[0]["points"]) == 168, "order export: 168 hours")
with open(T + "/types.csv", "w") as f:
    f.write("resource,instance_type\n")
    for iid, v in e["instances"].items():
        f.write("cpu_%s,%s\n%s,%s\n" % (iid.replace("-", "_"), v["type"], iid, v["type"]))
EOF
verdicts "$TMP/checks2" "metrics check"
expect_exit 0 "recommend on the sample CPU pages" -- \
	"$RS" recommend -c "$top_srcdir/data/instances" --types "$TMP/types.csv" --format csv \
	"$M/cloudwatch-cpu-page1.json.gz" "$M/cloudwatch-cpu-page2.json.gz"
"$PYTHON" - "$S/expected.json" "$TMP/out" >"$TMP/checks3" 2>&1 <<'EOF'
import json, sys
e = json.load(open(sys.argv[1]))
found = {}
for line in open(sys.argv[2]):
    f = line.rstrip("\n").split(",")
    if len(f) > 3 and f[0] not in ("resource", "finding"):
        found[f[0]] = f[2]
for iid, v in e["instances"].items():
    want = v.get("finding", "optimized")
    got = found.get("cpu_" + iid.replace("-", "_"), found.get(iid))
    print("%s recommend: %s (%s) is %s (%s)" % ("PASS" if got == want else "FAIL", v["name"], v["type"], want, got))
EOF
verdicts "$TMP/checks3" "recommend check"

# cost per order from the bills and the orders is expected.json's; the load
# model finds the planted growth, sale uplift and weekly peak
expect_exit 0 "unitcost per month on the sample" -- \
	"$RS" unitcost -g month --format csv --orders "$S/orders/orders-hourly.csv" \
	"$S"/billing/*.csv.gz
cp "$TMP/out" "$TMP/unitcost.csv"
expect_exit 0 "fit on the hourly orders with the sale declared" -- \
	"$RS" fit --orders --events "2026-10-16:Autumn sale" --forecast 1h --format csv \
	"$S/orders/orders-hourly.csv"
"$PYTHON" - "$S/expected.json" "$TMP/unitcost.csv" "$TMP/out" >"$TMP/checks4" 2>&1 <<'EOF'
import csv, json, sys
e = json.load(open(sys.argv[1]))
def check(ok, desc):
    print(("PASS " if ok else "FAIL ") + desc)
def table(path, first):
    # the table whose header starts with `first`, from a multi-table csv
    out, hdr = [], None
    for f in csv.reader(open(path)):
        if not f or f[0].startswith("#"):
            hdr = None
        elif hdr is None and f[0] == first:
            hdr = f
        elif hdr:
            out.append(dict(zip(hdr, f)))
    return out
u = {r["period"]: r for r in table(sys.argv[2], "period")}
for m, v in e["months"].items():
    r = u.get(m, {})
    check(r.get("cost") == v["effective"] and r.get("orders") == str(v["orders"])
          and r.get("per_order") == v["effective_per_order"],
          "unitcost %s: %s / %s orders = %s per order" % (m, v["effective"], v["orders"], v["effective_per_order"]))
p = e["planted"]["orders"]
rows = table(sys.argv[3], "series")  # the model and the events tables
fit = [r for r in rows if "growth_month" in r]
evs = [r for r in rows if "uplift" in r]
g = fit[0] if fit else {}
check(fit and float(g["growth_lo"]) <= p["growth_per_month"] <= float(g["growth_hi"]),
      "fit: growth interval %s-%s covers the planted %s a month" % (g.get("growth_lo"), g.get("growth_hi"), p["growth_per_month"]))
check(fit and g["peak_day"] == "Sunday", "fit: weekly peak on Sunday (%s)" % g.get("peak_day"))
check(fit and float(g["mape"]) < float(g["mape_seasonal_naive"]),
      "fit: held-out MAPE %s beats seasonal naive %s" % (g.get("mape"), g.get("mape_seasonal_naive")))
x = evs[0] if evs else {}
want = p["event"]["uplift"] - 1
check(evs and float(x["uplift_lo95"]) <= want <= float(x["uplift_hi95"]),
      "fit: sale uplift interval %s-%s covers the planted +%g" % (x.get("uplift_lo95"), x.get("uplift_hi95"), want))
EOF
verdicts "$TMP/checks4" "unitcost/fit check"

# ---- 6. the README states the totals; the demo runs ----------------------
for m in 2026-09 2026-10; do
	eff=$("$PYTHON" -c 'import json,sys; e=json.load(open(sys.argv[1])); print(e["months"][sys.argv[2]]["effective"])' "$S/expected.json" "$m")
	# README writes dollars with thousands separators
	want=$(echo "$eff" | sed -e ':a' -e 's/^\([0-9]*\)\([0-9]\{3\}\)/\1,\2/;ta')
	expect_match "$S/README.md" "\\\$$want" "README states $m's effective total \$$want"
done
expect_exit 0 "run-demo.sh runs the main job" -- sh "$S/run-demo.sh" "$RS" "$TMP/top"
expect_match "$TMP/out" "sample outputs in $TMP/top/reports/sample" "run-demo.sh says where its outputs went"
cmp -s "$TMP/top/reports/sample/rollup.csv" "$TMP/rollup.csv"
expect_eq "$?" 0 "run-demo.sh's rollup equals a direct ingest"

finish
