#!/usr/bin/env python3
"""gen_load.py - write a load series with planted parameters.

usage: gen_load.py OUT.csv [--step S] [--days N] [--start YYYY-MM-DD]
       [--level L] [--trend exp|linear] [--growth G] [--daily-amp A]
       [--daily-peak H] [--weekly-amp A] [--weekly-peak H]
       [--event YYYY-MM-DD:FACTOR]... [--noise SIGMA] [--outage START_H:HOURS]
       [--seed N] [--values]

The truth, at time t (tau = months of 365.2425/12 days from the middle of
the series, d = hours since midnight UTC, w = hours since Monday 00:00 UTC):

  exp trend:    log y = log L + log(1 + G) tau
  linear trend: log y = log L + log(1 + G tau)
                + A_d cos(2 pi (d - H_d) / 24)
                + A_w cos(2 pi (w - H_w) / 168)
                + log FACTOR on each event day
                + N(0, SIGMA^2)

so the load grows by G per month (exp: compounding; linear: G x L per
month), peaks daily at H_d and weekly at H_w, and is FACTOR times higher
on an event day. --outage writes zeros for HOURS hours from hour START_H
of the series (a real outage, as in the NASA trace). Defaults: hourly,
63 days from Monday 2026-10-05, L 1000, exp, G 0.05, A_d 0.5 at 14 h,
A_w 0.2 at 108 h (Friday 12:00), no events, SIGMA 0.1, seed 1.
--values writes bare values, one a line (no time stamps).
"""

import argparse
import calendar
import math
import random
import time

MONTH = 365.2425 / 12 * 86400


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--step", type=int, default=3600)
    ap.add_argument("--days", type=float, default=63)
    ap.add_argument("--start", default="2026-10-05")
    ap.add_argument("--level", type=float, default=1000)
    ap.add_argument("--trend", default="exp")
    ap.add_argument("--growth", type=float, default=0.05)
    ap.add_argument("--daily-amp", type=float, default=0.5)
    ap.add_argument("--daily-peak", type=float, default=14)
    ap.add_argument("--weekly-amp", type=float, default=0.2)
    ap.add_argument("--weekly-peak", type=float, default=108)
    ap.add_argument("--event", action="append", default=[])
    ap.add_argument("--noise", type=float, default=0.1)
    ap.add_argument("--outage", default=None)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--values", action="store_true")
    a = ap.parse_args()

    rnd = random.Random(a.seed)
    t0 = calendar.timegm(time.strptime(a.start, "%Y-%m-%d"))
    n = int(a.days * 86400 / a.step)
    tref = t0 + n * a.step // 2
    events = {}
    for e in a.event:
        day, fac = e.split(":")
        events[calendar.timegm(time.strptime(day, "%Y-%m-%d"))] = math.log(float(fac))
    out_lo = out_hi = -1
    if a.outage:
        s, h = a.outage.split(":")
        out_lo = t0 + int(float(s) * 3600)
        out_hi = out_lo + int(float(h) * 3600)
    monday = 345600
    lines = [] if a.values else ["timestamp,value"]
    for i in range(n):
        t = t0 + i * a.step
        tau = (t - tref) / MONTH
        if a.trend == "linear":
            z = math.log(a.level) + math.log(1 + a.growth * tau)
        else:
            z = math.log(a.level) + math.log(1 + a.growth) * tau
        d = (t % 86400) / 3600.0
        w = ((t - monday) % 604800) / 3600.0
        z += a.daily_amp * math.cos(2 * math.pi * (d - a.daily_peak) / 24)
        z += a.weekly_amp * math.cos(2 * math.pi * (w - a.weekly_peak) / 168)
        z += events.get(t - t % 86400, 0.0)
        z += rnd.gauss(0, a.noise)
        y = 0.0 if out_lo <= t < out_hi else math.exp(z)
        if a.values:
            lines.append("%.6f" % y)
        else:
            lines.append("%s,%.6f" % (time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                    time.gmtime(t)), y))
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
