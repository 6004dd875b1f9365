#!/usr/bin/env python3
"""bench/gen_series.py - metrics files with many series, for make bench-metrics.

usage: gen_series.py KIND N OUT
  KIND tsv:  timestamp,series,value with N series s0..s(N-1), 3 points each
  KIND gmd:  one CloudWatch get-metric-data page with N Ids m0.. (Labels
             cpu-0..), 3 points each, newest first as CloudWatch writes them
  KIND wide: timestamp plus N value columns c0.. (N < 100,000, the CSV
             reader's field bound), 3 rows
Series k holds k % 100 (tsv, wide) or 1, 2, 3 (gmd): the summary of any
series can be checked by hand.
"""
import json
import sys

kind, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
times = ["2026-10-01T00:%02d:00Z" % m for m in (0, 5, 10)]
with open(out, "w") as f:
    if kind == "tsv":
        f.write("timestamp,series,value\n")
        for t in times:
            f.write("".join("%s,s%d,%d\n" % (t, k, k % 100) for k in range(n)))
    elif kind == "gmd":
        res = [{"Id": "m%d" % k, "Label": "cpu-%d" % k, "StatusCode": "Complete",
                "Timestamps": list(reversed(times)), "Values": [3, 2, 1]} for k in range(n)]
        json.dump({"MetricDataResults": res}, f)
    elif kind == "wide":
        f.write("timestamp," + ",".join("c%d" % k for k in range(n)) + "\n")
        for t in times:
            f.write(t + "," + ",".join(str(k % 100) for k in range(n)) + "\n")
    else:
        sys.exit("gen_series.py: KIND is tsv, gmd or wide")
