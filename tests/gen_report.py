#!/usr/bin/env python3
"""gen_report.py - a small, fully known billing history for the report tests.

Writes into --out:
  cur-2025-10.csv, cur-2026-09.csv, cur-2026-10.csv  AWS CUR (legacy CSV)
      one line per charge per day: on-demand EC2, Savings Plan covered EC2
      (with its negation and the monthly recurring fee), RDS instance and
      storage, S3, CloudFront in proportion to orders, support fee, tax and
      (October) a credit. October has two blank lines (skipped rows).
  orders.csv   hourly orders, 2026-09-01 to 2026-10-31, with a sale day
  cpu.csv      5-minute CPU of one instance on 2026-10-31, one NaN, one gap
  truth.json   the planted totals (Decimal arithmetic on the strings written)

Python 3 standard library only; no clock, no randomness.
"""
import argparse
import datetime as dt
import json
import math
import os
from decimal import Decimal as D

HEADER = [
    "identity/LineItemId", "lineItem/UsageAccountId", "lineItem/LineItemType",
    "lineItem/UsageStartDate", "lineItem/UsageEndDate", "lineItem/ProductCode",
    "lineItem/ResourceId", "lineItem/UsageType", "lineItem/UsageAmount",
    "lineItem/CurrencyCode", "lineItem/UnblendedCost", "product/instanceType",
    "product/region", "savingsPlan/SavingsPlanEffectiveCost",
    "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment",
]

OD_M5 = D("0.192")      # m5.xlarge on-demand per hour
SP_M5 = D("0.131")      # the same under the Savings Plan
RDS = D("0.25")         # db.r5.large per hour
SALE = dt.date(2026, 10, 16)


def days(year, month):
    d = dt.date(year, month, 1)
    while d.month == month:
        yield d
        d += dt.timedelta(days=1)


def orders_of_hour(day, hour):
    """Planted orders: a daily shape, weekends +20 %, growth of 1 % a week
    from 2026-09-01, a sale day x2.5; whole orders."""
    base = 100 + 60 * math.cos(2 * math.pi * (hour - 20) / 24)
    weeks = (day - dt.date(2026, 9, 1)).days / 7.0
    f = (1.2 if day.weekday() >= 5 else 1.0) * (1 + 0.01 * weeks)
    if day == SALE:
        f *= 2.5
    return int(base * f + 0.5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    truth = {"months": {}, "services": {}, "orders": {}}
    line_no = 0

    for (y, m, ec2_n, with_sp, s3, tax) in (
            (2025, 10, 2, False, D("0.50"), D("25.00")),
            (2026, 9, 3, True, D("0.75"), D("30.00")),
            (2026, 10, 4, True, D("0.75"), D("35.00"))):
        rows = []
        key = "%04d-%02d" % (y, m)
        billed = D(0)
        effective = D(0)
        services = {}
        used = D(0)
        ndays = 0
        month_orders = 0

        def add(day, typ, product, usage_type, amount, cost, itype="",
                sp_eff="", sp_total="", sp_used="", eff=None, hour=None, res=None):
            nonlocal billed, effective, line_no
            line_no += 1
            if hour is None:
                start = "%sT00:00:00Z" % day.isoformat()
                end = "%sT00:00:00Z" % (day + dt.timedelta(days=1)).isoformat()
            else:
                start = "%sT%02d:00:00Z" % (day.isoformat(), hour)
                end = "%sT%02d:59:59Z" % (day.isoformat(), hour)
            rows.append([
                "L%08d" % line_no, "111122223333", typ, start, end, product,
                res or "r-" + product.lower(), usage_type, str(amount), "USD", str(cost),
                itype, "us-east-1", str(sp_eff), str(sp_total), str(sp_used)])
            e = cost if eff is None else eff
            billed += cost
            effective += e
            s = services.setdefault(product, [D(0), D(0)])
            s[0] += cost
            s[1] += e

        for day in days(y, m):
            ndays += 1
            n = ec2_n * 2 if day == SALE else ec2_n
            for h in range(24):
                # the web fleet, billed by the hour; i-0web1 is its first
                # instance, the others follow the orders (one more at the
                # evening peak)
                add(day, "Usage", "AmazonEC2", "BoxUsage:m5.xlarge", 1, OD_M5,
                    itype="m5.xlarge", hour=h, res="i-0web1")
                extra = n - 1 + (1 if 17 <= h <= 23 else 0)
                if extra > 0:
                    add(day, "Usage", "AmazonEC2", "BoxUsage:m5.xlarge", extra,
                        OD_M5 * extra, itype="m5.xlarge", hour=h, res="i-0webN")
            if with_sp:
                for h in range(24):
                    add(day, "SavingsPlanCoveredUsage", "AmazonEC2", "BoxUsage:m5.xlarge",
                        2, OD_M5 * 2, itype="m5.xlarge", sp_eff=SP_M5 * 2,
                        eff=SP_M5 * 2, res="i-0base", hour=h)
                    add(day, "SavingsPlanNegation", "AmazonEC2", "BoxUsage:m5.xlarge",
                        0, -OD_M5 * 2, itype="m5.xlarge", eff=D(0), res="i-0base", hour=h)
                    used += SP_M5 * 2
            for h in range(24):
                add(day, "Usage", "AmazonRDS", "InstanceUsage:db.r5.large", 1, RDS,
                    itype="db.r5.large", hour=h)
            add(day, "Usage", "AmazonRDS", "RDS:GP2-Storage", D("6.5"), D("1.50"))
            add(day, "Usage", "AmazonS3", "TimedStorage-ByteHrs", 30, s3)
            if y == 2026:
                for h in range(24):
                    o = orders_of_hour(day, h)
                    month_orders += o
                    add(day, "Usage", "AmazonCloudFront", "US-DataTransfer-Out-Bytes",
                        D(o) / 100, D("0.0012") * o, hour=h)
            if day.day == 1:
                add(day, "Fee", "AWSSupportBusiness", "Dollar", 1, D("100.00"))
                add(day, "Tax", "AmazonEC2", "", 0, tax)
                if (y, m) == (2026, 10):
                    add(day, "Credit", "AmazonEC2", "", 0, D("-50.00"))
        if with_sp:
            # the plan's monthly fee: October's commitment is not all used
            hours = ndays * 24
            rate = D("0.30") if m == 10 else SP_M5 * 2
            total = rate * hours
            add(dt.date(y, m, 1), "SavingsPlanRecurringFee", "ComputeSavingsPlans",
                "ComputeSP:1yrNoUpfront", hours, total, sp_total=total, sp_used=used,
                eff=total - used)
            truth["months"][key + "/commitment"] = {
                "used": str(used), "unused": str(total - used)}
        path = os.path.join(args.out, "cur-%s.csv" % key)
        with open(path, "w", newline="") as f:
            f.write(",".join(HEADER) + "\n")
            for i, r in enumerate(rows):
                if (y, m) == (2026, 10) and i in (1000, 2000):
                    f.write("\n")
                f.write(",".join(r) + "\n")
        truth["months"][key] = {"billed": str(billed), "effective": str(effective),
                                "rows": len(rows)}
        truth["services"][key] = {k: [str(v[0]), str(v[1])] for k, v in services.items()}
        if y == 2026:
            truth["orders"][key] = month_orders

    with open(os.path.join(args.out, "orders.csv"), "w") as f:
        f.write("timestamp,orders\n")
        for m in (9, 10):
            for day in days(2026, m):
                for h in range(24):
                    f.write("%sT%02d:00:00Z,%d\n" % (day.isoformat(), h,
                                                     orders_of_hour(day, h)))
    # CPU of i-0web1, two days of 5-minute maxima between 10 and 21.5 %:
    # over-provisioned (P99.5 + 20 % headroom is about 26 % of an
    # m5.xlarge, so an m5.large at about half the price would do)
    with open(os.path.join(args.out, "cpu.csv"), "w") as f:
        f.write("timestamp,series,value\n")
        t0 = dt.datetime(2026, 10, 30, tzinfo=dt.timezone.utc)
        for i in range(576):
            if i == 100:
                continue  # a gap
            v = "NaN" if i == 200 else "%.1f" % (10 + (i % 24) * 0.5)
            f.write("%s,i-0web1,%s\n" % ((t0 + dt.timedelta(seconds=300 * i)).strftime(
                "%Y-%m-%dT%H:%M:%SZ"), v))
    # a price catalog (rightsize-catalog(5)) with the m5 sizes
    with open(os.path.join(args.out, "prices.cat"), "w") as f:
        f.write("# test catalog: list prices of the m5 family, us-east-1 (see gen_report.py)\n"
                "@provider aws\n@region us-east-1\n"
                "@source https://aws.amazon.com/ec2/pricing/on-demand/\n@read 2026-11-22\n")
        for size, vcpu, mem, price in (("large", 2, 8, "0.096"), ("xlarge", 4, 16, "0.192"),
                                       ("2xlarge", 8, 32, "0.384")):
            f.write("m5.%s, ec2, m5, x86_64, %d, %d, Up to 10 Gigabit, 1.0, %s, "
                    "-, -, -, -, -, -\n" % (size, vcpu, mem, price))
    # a small scenario (rightsize-scenario(5)) for the autoscaling advice:
    # a week of web load at 20 req/s on average, the fleet as it runs at a
    # 40 % target, and a sweep of targets over the same fleet
    tier = {"name": "web", "instance_type": "m5.xlarge", "price_per_hour": "0.192",
            "capacity_rps": 10, "service_ms": 200, "boot_seconds": 180, "min": 2, "max": 20,
            "policy": {"type": "target_tracking", "target": 40}}
    scenario = {
        "name": "report test: one web tier",
        "start": "2026-11-02", "days": 7, "seed": 1,
        "load": {"base_rps": 20, "daily_amplitude": 0.5, "peak_hour": 20,
                 "requests_per_order": 500},
        "slo": {"percentile": 95, "latency_ms": 1000},
        "baseline": {"name": "as it runs", "tiers": [tier],
                     "fixed_costs": [{"name": "database", "monthly": "300.00"}]},
        "candidates": [{"name": "swept", "tiers": [dict(tier, policy={
            "type": "target_tracking", "target": 50})],
            "fixed_costs": [{"name": "database", "monthly": "300.00"}]}],
        "optimize": {"targets": [40, 50, 60, 70, 80, 90], "max_slo_minutes": 10},
    }
    with open(os.path.join(args.out, "web.json"), "w") as f:
        json.dump(scenario, f, indent=1)
        f.write("\n")
    with open(os.path.join(args.out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
