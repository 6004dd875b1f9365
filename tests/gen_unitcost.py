#!/usr/bin/env python3
"""gen_unitcost.py - a rollup and hourly orders with a known cost per order.

usage: gen_unitcost.py OUTDIR

Writes OUTDIR/rollup.csv (rightsize-rollup(5) columns), OUTDIR/orders.csv
(timestamp,orders) and OUTDIR/expected.txt (key value lines).

14 days of hours from 2026-10-05T00:00:00Z; orders per hour
  o_h = 100 + round(80 cos(2 pi (hour - 14) / 24)) + (h mod 7) - 3
and per hour, all aws/USD/account 111111111111/us-east-1:
  AmazonEC2 BoxUsage:m5.large on_demand usage:  2.00 + 0.05 o_h + e_h,
      e_h = +0.10 on even hours, -0.10 on odd ones        (variable)
  AmazonEC2 BoxUsage:m5.large commitment usage: 0.80  (fixed: commitment)
  AmazonEC2 EBS:VolumeUsage.gp3 on_demand usage: 0.20 (fixed: storage)
  AmazonRDS InstanceUsage:db.r5.large on_demand: 1.50 (fixed service)
  AmazonS3 TimedStorage-ByteHrs on_demand usage: 0.10 (fixed service)
  and once, at the first hour, tax 50.00                (fixed, lump)
So the marginal cost of an order is 0.05 and the hourly base 4.60
(2.00 + 0.80 + 0.20 + 1.50 + 0.10); the variable line's base is 2.00.
The last 24 hours of billing have no orders row (orders end a day
early): their cost is reported as outside.
"""
import calendar
import math
import os
import sys
import time
from decimal import Decimal

HDR = ("hour,provider,currency,account,service,resource,usage_type,instance_type,"
       "region,pricing_model,charge_kind,tags,usage,billed,effective,rows")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    t0 = calendar.timegm((2026, 10, 5, 0, 0, 0))
    hours = 14 * 24
    rows = [HDR]
    orows = ["timestamp,orders"]
    tot = Decimal(0)
    fixed = Decimal(0)
    var = Decimal(0)
    norders = 0
    outside = Decimal(0)

    def cell(t, svc, ut, itype, pm, ck, cost):
        ts = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        c = "%.9f" % cost
        rows.append("%s,aws,USD,111111111111,%s,,%s,%s,us-east-1,%s,%s,,1.000000,%s,%s,1"
                    % (ts, svc, ut, itype, pm, ck, c, c))

    for i in range(hours):
        t = t0 + 3600 * i
        h = (t % 86400) // 3600
        o = 100 + round(80 * math.cos(2 * math.pi * (h - 14) / 24)) + (i % 7) - 3
        e = Decimal("0.10") if i % 2 == 0 else Decimal("-0.10")
        v = Decimal("2.00") + Decimal("0.05") * o + e
        f = Decimal("0.80") + Decimal("0.20") + Decimal("1.50") + Decimal("0.10")
        cell(t, "AmazonEC2", "BoxUsage:m5.large", "m5.large", "on_demand", "usage", v)
        cell(t, "AmazonEC2", "BoxUsage:m5.large", "m5.large", "commitment", "usage",
             Decimal("0.80"))
        cell(t, "AmazonEC2", "EBS:VolumeUsage.gp3", "", "on_demand", "usage", Decimal("0.20"))
        cell(t, "AmazonRDS", "InstanceUsage:db.r5.large", "db.r5.large", "on_demand",
             "usage", Decimal("1.50"))
        cell(t, "AmazonS3", "TimedStorage-ByteHrs", "", "on_demand", "usage", Decimal("0.10"))
        if i == 0:
            cell(t, "AmazonEC2", "Tax", "", "none", "tax", Decimal("50.00"))
            f += Decimal("50.00")
        if i >= hours - 24:
            outside += v + f
            continue
        orows.append("%s,%d" % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)), o))
        tot += v + f
        fixed += f
        var += v
        norders += o
    with open(os.path.join(out, "rollup.csv"), "w") as fh:
        fh.write("\n".join(rows) + "\n")
    with open(os.path.join(out, "orders.csv"), "w") as fh:
        fh.write("\n".join(orows) + "\n")
    with open(os.path.join(out, "expected.txt"), "w") as fh:
        fh.write("cost %.2f\nfixed %.2f\nvariable %.2f\norders %d\nper_order %.4f\n"
                 "outside %.2f\n" % (tot, fixed, var, norders, tot / norders, outside))


if __name__ == "__main__":
    main()
