#!/usr/bin/env python3
"""nasa_minutes.py - the NASA KSC 1995 trace (requests per second, one
line of integers) to requests per minute with UTC time stamps.

usage: nasa_minutes.py workload.txt OUT.csv

The upstream reader wrote the July log, then the August log, one value
per second from each log's first request, so the index is not wall-clock
time. Two anchors fix it:
  - index 0 is 01/Jul/1995:00:00:01 -0400 (the first July request);
  - the 135,851-second zero run starting at index 2,435,065 is the server
    shut down from 01/Aug/1995:14:52:01 to 03/Aug/1995:04:36:13 -0400 (the
    trace's documented outage), so August's first second, 01/Aug/1995
    00:00:00 -0400, is 53,521 s earlier: index 2,381,544. The July log
    ends at index 2,381,543 (28/Jul/1995:13:32:24 -0400: the July log
    stops there), so 28 Jul 13:32 to 1 Aug 00:00 is missing, not zero.
    Check: 2,381,544 + the 2,678,394 seconds of the August log is within
    12 s of the trace's 5,059,950 values.
Minutes are written as they are; the outage stays zeros (a real outage),
the missing days are absent (a gap).
"""
import calendar
import sys
import time

JUL = calendar.timegm((1995, 7, 1, 4, 0, 1))    # 00:00:01 EDT
AUG = calendar.timegm((1995, 8, 1, 4, 0, 0))    # 00:00:00 EDT
SPLIT = 2381544


def main():
    v = open(sys.argv[1]).read().split()
    mins = {}
    for i, x in enumerate(v):
        t = JUL + i if i < SPLIT else AUG + (i - SPLIT)
        m = t - t % 60
        mins[m] = mins.get(m, 0) + int(x)
    with open(sys.argv[2], "w") as f:
        f.write("timestamp,requests\n")
        for m in sorted(mins):
            f.write("%s,%d\n" % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(m)), mins[m]))


if __name__ == "__main__":
    main()
