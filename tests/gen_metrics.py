#!/usr/bin/env python3
"""gen_metrics.py - write metrics and orders fixtures with a known truth.

usage: gen_metrics.py OUTDIR

Every file is built from the rules below; tests/unit/test_metrics.c and
tests/cli/metrics.sh assert the values these rules imply.

T0 = 2026-10-01T00:00:00Z.

gmd_p1.json, gmd_p2.json  CloudWatch get-metric-data, Id "cpu" with
    Label "web-1" (so the series is "web-1"), step 300,
    v(i) = 10 + i for i = 0..23, newest first; i = 7 missing (a gap).
    Page 1 holds i = 11..23 (StatusCode PartialData) and Id "mem"
    (StatusCode Forbidden, no values); page 2 holds i = 0..11 with
    v(11) = 99 (Complete). Read p1 then p2, the later page's 99 wins.
gmd_concat.json  page 1 then page 2 as two documents in one file.
gmd_array.json   [page 1, page 2] as one JSON array.
gmd_shared.json  two Ids "a" and "b" with the same Label "CPUUtilization"
    (the series keep their Ids), 3 points each, a = 1, 2, 3; b = 4, 5, 6.
gms.json         get-metric-statistics, Label CPUUtilization, step 3600,
    i = 0..9 in a shuffled order, Average = 20 + i, Maximum = 50 + i,
    Unit Percent.
prom.json        Prometheus query_range, step 15 s, times T0 + 15 i + 0.5:
    http_requests_total{job="shop",instance="a:9090"}: "2i" for i = 0..19,
    except i = 4 "NaN", i = 9 "+Inf", i = 13 absent;
    {job="db"}: "1.5" for i = 0..19.
csv2.csv   header time,value; step 60, "YYYY-MM-DD HH:MM:SS" times;
    v(i) = 1.5 i for i = 0..9; i = 3 repeated at the end with 100 (last
    wins); i = 6 "n/a" (bad); i = 8 "" (empty).  11 rows.
csv3.csv   no header, timestamp,series,value, epoch seconds, step 60:
    web-1 = 1..5, web-2 = 10..50, rows in reverse time order.
wide.csv   header timestamp,cpu,mem with ISO Z times, step 300, 6 rows:
    cpu = 40 + i, mem = 70 - i.
values.txt 288 lines, v(i) = i % 50 (PlanetLab-like, needs --start).
orders_hourly.csv  header hour,orders: hours 0..4 = 10, 20, (none), 40,
    50 and a second row at 04:30 with 5 (summed: hour 4 = 55).
orders_export.csv  order_id,created_at,total: 3 orders in hour 0, 1 in
    hour 1, none in hour 2, 1 in hour 3, one row with empty created_at.
bad.json   trailing comma inside an object on line 3 (malformed JSON).
badts.csv  "yesterday" as a time stamp on line 3.
"""

import calendar
import json
import os
import random
import sys

T0 = calendar.timegm((2026, 10, 1, 0, 0, 0))


def iso(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def plain(t):
    import time
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(t))


def write(outdir, name, text):
    with open(os.path.join(outdir, name), "w", newline="") as f:
        f.write(text)


def gmd_pages():
    def res(idx, over=None):
        idx = sorted(idx, reverse=True)  # newest first
        vals = []
        for i in idx:
            vals.append(over.get(i, 10 + i) if over else 10 + i)
        return {"Id": "cpu", "Label": "web-1",
                "Timestamps": [iso(T0 + 300 * i) for i in idx],
                "Values": vals}
    p1 = {"MetricDataResults": [
        dict(res([i for i in range(11, 24)]), StatusCode="PartialData"),
        {"Id": "mem", "Label": "mem", "Timestamps": [], "Values": [],
         "StatusCode": "Forbidden"}],
        "NextToken": "abc", "Messages": []}
    p2 = {"MetricDataResults": [
        dict(res([i for i in range(0, 12) if i != 7], {11: 99}),
             StatusCode="Complete")],
        "Messages": []}
    return p1, p2


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    rnd = random.Random(42)

    p1, p2 = gmd_pages()
    write(outdir, "gmd_p1.json", json.dumps(p1, indent=2) + "\n")
    write(outdir, "gmd_p2.json", json.dumps(p2, indent=2) + "\n")
    write(outdir, "gmd_concat.json",
          json.dumps(p1, indent=1) + "\n" + json.dumps(p2, indent=1) + "\n")
    write(outdir, "gmd_array.json", json.dumps([p1, p2]) + "\n")
    shared = {"MetricDataResults": [
        {"Id": k, "Label": "CPUUtilization", "StatusCode": "Complete",
         "Timestamps": [iso(T0 + 60 * i) for i in range(3)],
         "Values": [float(base + i) for i in range(3)]}
        for k, base in (("a", 1), ("b", 4))]}
    write(outdir, "gmd_shared.json", json.dumps(shared) + "\n")

    idx = list(range(10))
    rnd.shuffle(idx)
    dps = [{"Timestamp": iso(T0 + 3600 * i), "Average": 20.0 + i,
            "Maximum": 50.0 + i, "Unit": "Percent"} for i in idx]
    write(outdir, "gms.json", json.dumps(
        {"Label": "CPUUtilization", "Datapoints": dps}, indent=4) + "\n")

    s1 = []
    for i in range(20):
        if i == 13:
            continue
        v = "NaN" if i == 4 else "+Inf" if i == 9 else str(2 * i)
        s1.append([T0 + 15 * i + 0.5, v])
    s2 = [[T0 + 15 * i + 0.5, "1.5"] for i in range(20)]
    prom = {"status": "success", "data": {"resultType": "matrix", "result": [
        {"metric": {"__name__": "http_requests_total", "job": "shop",
                    "instance": "a:9090"}, "values": s1},
        {"metric": {"job": "db"}, "values": s2}]}}
    write(outdir, "prom.json", json.dumps(prom) + "\n")

    rows = ["time,value"]
    for i in range(10):
        v = "n/a" if i == 6 else "" if i == 8 else repr(1.5 * i)
        rows.append("%s,%s" % (plain(T0 + 60 * i), v))
    rows.append("%s,100" % plain(T0 + 180))
    write(outdir, "csv2.csv", "\r\n".join(rows) + "\r\n")

    rows = []
    for i in reversed(range(5)):
        rows.append("%d,web-1,%d" % (T0 + 60 * i, i + 1))
        rows.append("%d,web-2,%d" % (T0 + 60 * i, 10 * (i + 1)))
    write(outdir, "csv3.csv", "\n".join(rows) + "\n")

    rows = ["timestamp,cpu,mem"]
    for i in range(6):
        rows.append("%s,%d,%d" % (iso(T0 + 300 * i), 40 + i, 70 - i))
    write(outdir, "wide.csv", "\n".join(rows) + "\n")

    write(outdir, "values.txt", "".join("%d\n" % (i % 50) for i in range(288)))

    rows = ["hour,orders"]
    for h, n in ((0, 10), (1, 20), (3, 40), (4, 50)):
        rows.append("%s,%d" % (iso(T0 + 3600 * h), n))
    rows.append("%s,5" % iso(T0 + 4 * 3600 + 1800))
    write(outdir, "orders_hourly.csv", "\n".join(rows) + "\n")

    rows = ["order_id,created_at,total"]
    times = [T0 + 60, T0 + 1200, T0 + 3599, T0 + 3600 + 5, T0 + 3 * 3600 + 7]
    for k, t in enumerate(times):
        rows.append("%d,%s,%.2f" % (1000 + k, iso(t), 19.99 + k))
    rows.insert(3, "1099,,5.00")
    write(outdir, "orders_export.csv", "\n".join(rows) + "\n")

    write(outdir, "bad.json",
          '{\n  "Datapoints": [\n'
          '    {"Timestamp": "2026-10-01T00:00:00Z", "Average": 1,}\n'
          '  ]\n}\n')
    write(outdir, "badts.csv",
          "timestamp,value\n2026-10-01T00:00:00Z,1\nyesterday,2\n")


if __name__ == "__main__":
    main()
