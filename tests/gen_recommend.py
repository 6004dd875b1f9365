#!/usr/bin/env python3
"""gen_recommend.py OUTDIR - planted utilization for tests/cli/recommend.sh.

Writes into OUTDIR:
  metrics.csv  timestamp,series,value every 5 minutes for 14 days:
               web-1  8 % with one 30 % point in 250 (P99.5 = 8)
               web-2  95 % flat
               batch-1  0.5 % flat
               db-1   CPU 10 %, and db-1:mem at 35 %
               new-1  8 % for the last 20 hours only
  types.csv    resource,instance_type
  rollup.csv   a rollup (rightsize-rollup(5)): web-1 on m5.xlarge, 100
               hours, 50 of them under a Savings Plan at 0.048, 50
               on-demand at 0.192: effective 12.00, 0.12 an hour.
"""
import os
import sys
import datetime as dt

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
t0 = dt.datetime(2026, 10, 1, tzinfo=dt.timezone.utc)
N = 14 * 288


def ts(i):
    return (t0 + dt.timedelta(minutes=5 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")


with open(os.path.join(out, "metrics.csv"), "w") as f:
    f.write("timestamp,series,value\n")
    for i in range(N):
        t = ts(i)
        f.write("%s,web-1,%s\n" % (t, "30" if i % 250 == 249 else "8"))
        f.write("%s,web-2,95\n" % t)
        f.write("%s,batch-1,0.5\n" % t)
        f.write("%s,db-1,10\n" % t)
        f.write("%s,db-1:mem,35\n" % t)
        if i >= N - 240:
            f.write("%s,new-1,8\n" % t)

with open(os.path.join(out, "types.csv"), "w") as f:
    f.write("resource,instance_type\n")
    f.write("web-1,m5.xlarge\nweb-2,m5.xlarge\nbatch-1,c5.2xlarge\n"
            "db-1,r6g.xlarge\nnew-1,m5.large\n")

with open(os.path.join(out, "rollup.csv"), "w") as f:
    f.write("hour,provider,currency,account,service,resource,usage_type,"
            "instance_type,region,pricing_model,charge_kind,tags,usage,"
            "billed,effective,rows\n")
    for h in range(100):
        hour = (t0 + dt.timedelta(hours=h)).strftime("%Y-%m-%dT%H:00:00Z")
        if h < 50:
            pm, billed, eff = "commitment", "0", "0.048"
        else:
            pm, billed, eff = "on_demand", "0.192", "0.192"
        f.write("%s,aws,USD,111122223333,AmazonEC2,web-1,BoxUsage:m5.xlarge,"
                "m5.xlarge,us-east-1,%s,usage,{},1,%s,%s,1\n" % (hour, pm, billed, eff))
