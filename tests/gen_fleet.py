#!/usr/bin/env python3
"""gen_fleet.py - write a fleet's load, utilization and instance count.

usage: gen_fleet.py OUT.csv [--seed N]

Hourly for 21 days from 2026-10-05T00:00:00Z, columns
timestamp,requests,cpu,instances:
  requests  = 2400 + 1600 cos(2 pi (hour - 14) / 24) + N(0, 50^2)  (req/s)
  instances = 10 from 10:00 to 17:59 UTC, else 8  (a scheduled scale-out)
  cpu       = 5 + 0.1 x requests / instances + N(0, 1)          (percent)
so the truth is idle 5% and 0.1 percentage points per request/s per
instance; at a 60% target an instance serves 550 req/s.
"""
import argparse
import calendar
import math
import random
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    t0 = calendar.timegm((2026, 10, 5, 0, 0, 0))
    rows = ["timestamp,requests,cpu,instances"]
    for i in range(21 * 24):
        t = t0 + 3600 * i
        h = (t % 86400) // 3600
        req = 2400 + 1600 * math.cos(2 * math.pi * (h - 14) / 24) + rnd.gauss(0, 50)
        inst = 10 if 10 <= h < 18 else 8
        cpu = 5 + 0.1 * req / inst + rnd.gauss(0, 1)
        rows.append("%s,%.3f,%.3f,%d" % (
            time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t)), req, cpu, inst))
    with open(a.out, "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
