#!/usr/bin/env python3
"""gen_tui_fixture.py - a small rollup CSV with planted costs for the TUI tests.

Writes OUT/rollup.csv (the rollup CSV form of rightsize-rollup(5)): two
months (2026-09, 2026-10), one cell a day per resource at 00:00 UTC, four
services, tags on two keys. Prints the ground truth as shell assignments
(sums computed with Decimal from the strings written), for the test to
source:

  rows=...                 data rows written
  billed_total=...         effective_total=...
  billed_2026_09=... effective_2026_09=... (and 2026_10)
  top_service=... top_service_effective=...   (largest effective, all months)
  top_resource=... top_resource_effective=... (largest within top_service)
  web_effective=...        (tag user:team=web, all months)

Python 3 standard library only; no clock, no randomness.
"""
import os
import sys
from decimal import Decimal

HEADER = ("hour,provider,currency,account,service,resource,usage_type,"
          "instance_type,region,pricing_model,charge_kind,tags,usage,billed,"
          "effective,rows")

# resource: service, usage type, instance type, pricing model, daily
# billed, daily effective, tags (compact JSON, keys sorted)
RESOURCES = [
    ("i-0aaaa00000000web1", "AmazonEC2", "BoxUsage:m5.xlarge", "m5.xlarge", "on_demand",
     "4.608000000", "4.608000000", '{"user:env":"prod","user:team":"web"}'),
    ("i-0aaaa00000000web2", "AmazonEC2", "BoxUsage:m5.xlarge", "m5.xlarge", "commitment",
     "0.000000000", "2.995200000", '{"user:env":"prod","user:team":"web"}'),
    ("i-0bbbb0000000batch", "AmazonEC2", "BoxUsage:c5.4xlarge", "c5.4xlarge", "on_demand",
     "16.320000000", "16.320000000", '{"user:env":"prod","user:team":"data"}'),
    ("verdant-db", "AmazonRDS", "Multi-AZUsage:db.r5.2xlarge", "db.r5.2xlarge", "on_demand",
     "12.000000000", "12.000000000", '{"user:env":"prod","user:team":"platform"}'),
    ("media-bucket", "AmazonS3", "TimedStorage-ByteHrs", "", "on_demand",
     "6.512345678", "6.512345678", '{"user:team":"web"}'),
    ("", "AmazonCloudWatch", "CW:MetricMonitorUsage", "", "on_demand",
     "0.333333333", "0.333333333", ""),
]

MONTHS = [("2026-09", 30), ("2026-10", 31)]


def csv_field(s):
    if any(c in s for c in ',"\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_cpu(out):
    """CPU percent per 5 minutes over the last 14 days of October for three
    instances: the batch worker at 2-8 % (over-provisioned), web1 at 88-97 %
    (under-provisioned), web2 at 35-65 % (optimized)."""
    import math
    start = 1792281600  # 2026-10-18T00:00:00Z
    rows = ["timestamp,series,value"]
    for i in range(14 * 288):
        t = start + 300 * i
        day = math.sin(2 * math.pi * (i % 288) / 288.0)
        wiggle = ((i * 7919) % 101) / 100.0  # deterministic, 0..1
        ts = "%d" % t
        rows.append("%s,i-0bbbb0000000batch,%.3f" % (ts, 5.0 + 3.0 * day * wiggle))
        rows.append("%s,i-0aaaa00000000web1,%.3f" % (ts, 92.5 + 4.5 * day * wiggle))
        rows.append("%s,i-0aaaa00000000web2,%.3f" % (ts, 50.0 + 15.0 * day * wiggle))
    with open(os.path.join(out, "cpu.csv"), "w", newline="") as fh:
        fh.write("\n".join(rows) + "\n")


def write_orders(out):
    """Hourly orders for September and October: 100 a hour on average, a
    daily cycle (+-60 %, highest at 14:00 UTC), Sundays 10 % more. Returns
    the count per month."""
    import math
    import datetime
    rows = ["timestamp,orders"]
    per_month = {}
    t = datetime.datetime(2026, 9, 1)
    end = datetime.datetime(2026, 11, 1)
    while t < end:
        v = 100.0 * (1 + 0.6 * math.sin(2 * math.pi * (t.hour - 8) / 24.0))
        if t.weekday() == 6:
            v *= 1.1
        n = int(round(v))
        rows.append("%s,%d" % (t.strftime("%Y-%m-%dT%H:00:00Z"), n))
        key = t.strftime("%Y-%m")
        per_month[key] = per_month.get(key, 0) + n
        t += datetime.timedelta(hours=1)
    with open(os.path.join(out, "orders.csv"), "w", newline="") as fh:
        fh.write("\n".join(rows) + "\n")
    return per_month


def write_scenario(out):
    """A week of one-minute load against a fixed fleet (baseline) and the
    same tier autoscaled at 60 % (candidate), with explicit prices so no
    catalog is read; two instance types to choose from, spot and
    commitment prices, one peak."""
    tier = ('"name": "web", "instance_type": "small", "price_per_hour": "0.20", '
            '"spot_price_per_hour": "0.07", "commitment_price_per_hour": "0.13", '
            '"capacity_rps": 20, "service_ms": 50')
    doc = """{
  "name": "tui fixture: fixed fleet against target tracking",
  "start": "2026-10-05", "days": 7, "step_seconds": 60, "seed": 3,
  "load": { "base_rps": 100, "daily_amplitude": 0.5, "peak_hour": 14, "noise": 0.02,
            "peaks": ["2026-10-07T10:00/6h:2x"], "requests_per_order": 20000 },
  "slo": { "percentile": 99, "latency_ms": 300 },
  "baseline": { "name": "fixed", "tiers": [ { %s,
      "policy": { "type": "fixed", "instances": 14 } } ],
    "fixed_costs": [ { "name": "database", "monthly": "500.00" } ] },
  "candidates": [ { "name": "autoscaled", "one_time_cost": "1000.00",
    "tiers": [ { %s, "boot_seconds": 120, "min": 2, "max": 40,
      "policy": { "type": "target_tracking", "target": 60 } } ],
    "fixed_costs": [ { "name": "database", "monthly": "500.00" } ] } ],
  "optimize": { "targets": [50, 60, 70], "instance_types": [
    { "instance_type": "small", "price_per_hour": "0.20", "capacity_rps": 20 },
    { "instance_type": "large", "price_per_hour": "0.36", "capacity_rps": 40 } ] }
}
""" % (tier, tier)
    with open(os.path.join(out, "scenario.json"), "w") as fh:
        fh.write(doc)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    lines = [HEADER]
    billed = {m: Decimal(0) for m, _ in MONTHS}
    eff = {m: Decimal(0) for m, _ in MONTHS}
    by_service = {}
    by_resource = {}
    web = Decimal(0)
    for month, days in MONTHS:
        for day in range(1, days + 1):
            # a little growth: day d costs (1 + d/1000) times the base,
            # rounded to nine decimals as an export would be
            f = Decimal(1000 + day + (0 if month == "2026-09" else 30)) / Decimal(1000)
            for (res, svc, ut, it, pm, b, e, tags) in RESOURCES:
                bv = (Decimal(b) * f).quantize(Decimal("0.000000001"))
                ev = (Decimal(e) * f).quantize(Decimal("0.000000001"))
                hour = "%s-%02dT00:00:00Z" % (month, day)
                lines.append(",".join([
                    hour, "aws", "USD", "111122223333", svc, res, ut, it,
                    "us-east-1", pm, "usage", csv_field(tags), "24.000000",
                    "%.9f" % bv, "%.9f" % ev, "1"]))
                billed[month] += bv
                eff[month] += ev
                by_service[svc] = by_service.get(svc, Decimal(0)) + ev
                by_resource[(svc, res)] = by_resource.get((svc, res), Decimal(0)) + ev
                if '"user:team":"web"' in tags:
                    web += ev
    with open(os.path.join(out, "rollup.csv"), "w", newline="") as fh:
        fh.write("\n".join(lines) + "\n")
    write_cpu(out)
    orders = write_orders(out)
    write_scenario(out)

    def cents(x):
        return str(x.quantize(Decimal("0.01")))

    top_svc = max(by_service, key=lambda s: by_service[s])
    top_res = max((k for k in by_resource if k[0] == top_svc), key=lambda k: by_resource[k])
    print("rows=%d" % (len(lines) - 1))
    print("billed_total=%s" % cents(sum(billed.values())))
    print("effective_total=%s" % cents(sum(eff.values())))
    for m, _ in MONTHS:
        k = m.replace("-", "_")
        print("billed_%s=%s" % (k, cents(billed[m])))
        print("effective_%s=%s" % (k, cents(eff[m])))
    print("top_service=%s" % top_svc)
    print("top_service_effective=%s" % cents(by_service[top_svc]))
    print("top_resource=%s" % top_res[1])
    print("top_resource_effective=%s" % cents(by_resource[top_res]))
    print("web_effective=%s" % cents(web))
    for m, _ in MONTHS:
        print("orders_%s=%d" % (m.replace("-", "_"), orders[m]))


if __name__ == "__main__":
    main()
