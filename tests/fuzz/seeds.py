#!/usr/bin/env python3
"""seeds.py - seeds of every input shape for one fuzz target, and its
dictionary.

usage: seeds.py NAME CORPUS DICT SRCDIR [FIXTURES...]

Writes into CORPUS small (< 64 KB) seeds named seed-*: the shapes the
target's reader takes, each small enough that the fuzzer runs thousands of
inputs a second, and gzip versions of some. FIXTURES are files the
generators wrote (tests/gen_billing.py, tests/gen_metrics.py, a rollup):
they are kept whole when small, and their first lines kept as a small seed
of the same shape. DICT gets a libFuzzer dictionary: the string literals
of the sources the target reads (column names, JSON keys, directives,
enum names), which the fuzzer cannot learn by itself since the readers
compare them without regard to case.

Shapes (seed name: what):
  billing, billing_threads, rollup_roundtrip:
    every export gen_billing.py writes (CUR legacy, CUR 2.0, FOCUS 1.0-1.2,
    Azure EA and MCA actual/amortized, GCP) whole and cut to a few rows,
    the malformed ones, a rollup; gzip (one and two members), CRLF, BOM,
    parts concatenated with the header repeated.
  metrics: wide CSV (60 and 600 series, empty and NaN cells), two- and
    three-column CSV, CloudWatch get-metric-data (three pages as
    concatenated documents, as an array, with NextToken, PartialData,
    Messages), get-metric-statistics (every statistic, ExtendedStatistics),
    Prometheus query_range with NaN, +Inf, -Inf and several series,
    value-only files, and gzip versions.
  orders: hourly counts (with and without header, minute counts), order
    exports with a created_at column.
  catalog: the bundled catalog, cut, and small catalogs with every
    directive and "-" fields.
  scenario_load: the bundled scenarios (data/scenarios, tests/bench).
  scenario_set: `--set` overrides, a "%%" line, a bundled scenario.
  money, utc: numbers and time stamps in every spelling the readers take.
"""
import gzip
import json
import os
import re
import sys

LIMIT = 64 * 1024


def put(corpus, name, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) >= LIMIT:
        return
    with open(os.path.join(corpus, "seed-" + name), "wb") as f:
        f.write(data)


def put_gz(corpus, name, data, members=1):
    if isinstance(data, str):
        data = data.encode()
    if members == 1:
        z = gzip.compress(data, mtime=0)
    else:
        half = len(data) // 2
        z = gzip.compress(data[:half], mtime=0) + gzip.compress(data[half:], mtime=0)
    put(corpus, name + ".gz", z)


def head(data, lines):
    return b"".join(data.splitlines(keepends=True)[:lines])


# ---- billing -------------------------------------------------------------

def billing(corpus, fixtures):
    for path in fixtures:
        with open(path, "rb") as f:
            data = f.read()
        base = os.path.basename(path)
        put(corpus, base, data)
        if base.endswith(".gz"):
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError):
                continue
            base = base[:-3]
        if not data:
            continue
        small = head(data, 6)
        put(corpus, "small-" + base, small)
        if "bad" in path:
            continue
        put_gz(corpus, "small-" + base, small)
        put_gz(corpus, "two-members-" + base, small, members=2)
        put(corpus, "crlf-" + base, small.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
        put(corpus, "bom-" + base, b"\xef\xbb\xbf" + small)
        # two parts of one export concatenated: the header again
        hdr = small.splitlines(keepends=True)[0]
        put(corpus, "parts-" + base, small + hdr + b"".join(small.splitlines(keepends=True)[1:3]))
        # no newline at the end
        put(corpus, "no-eol-" + base, small.rstrip(b"\r\n"))


# ---- metrics ---------------------------------------------------------------

T0 = 1790812800  # 2026-10-01T00:00:00Z


def iso(t):
    days, sod = divmod(t, 86400)
    # civil from days (Hinnant), enough for the years used here
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    y = yoe + era * 400 + (m <= 2)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (y, m, d, sod // 3600, sod // 60 % 60, sod % 60)


def wide_csv(ncol, nrow, holes=False):
    out = ["timestamp," + ",".join("s%d" % k for k in range(ncol))]
    for i in range(nrow):
        cells = []
        for k in range(ncol):
            if holes and (i + k) % 7 == 0:
                cells.append("")
            elif holes and (i + k) % 11 == 0:
                cells.append("NaN")
            else:
                cells.append("%g" % ((i * 31 + k * 7) % 100 + 0.5))
        out.append(iso(T0 + 300 * i) + "," + ",".join(cells))
    return "\n".join(out) + "\n"


def gmd_page(ids, first, n, status, token=None):
    res = []
    for k, ident in enumerate(ids):
        ts = [iso(T0 + 300 * (first + n - 1 - i)) for i in range(n)]
        vals = [float((first + n - 1 - i) * (k + 1) % 97) for i in range(n)]
        res.append({"Id": ident, "Label": "web-%d" % k if k else "", "Timestamps": ts,
                    "Values": vals, "StatusCode": status})
    page = {"MetricDataResults": res, "Messages": []}
    if status == "PartialData":
        page["Messages"] = [{"Code": "MaxMetricsExceeded", "Value": "more"}]
    if token:
        page["NextToken"] = token
    return page


def metrics(corpus, fixtures):
    for path in fixtures:
        with open(path, "rb") as f:
            put(corpus, os.path.basename(path), f.read())
    put(corpus, "wide-60.csv", wide_csv(60, 40))
    put(corpus, "wide-600.csv", wide_csv(600, 8))
    put(corpus, "wide-holes.csv", wide_csv(40, 30, holes=True))
    put_gz(corpus, "wide-60.csv", wide_csv(60, 40))
    # a wide header with quoted and repeated names, short and long rows
    put(corpus, "wide-odd.csv",
        'time,"a,b",a,,"q""uote"\n' + iso(T0) + ",1,2,3,4\n" + iso(T0 + 60) + ",5,6\n" +
        iso(T0 + 120) + ",7,8,9,10,11\n")
    put(corpus, "csv2-epoch.csv", "".join("%d,%d\n" % (T0 + 60 * i, i) for i in range(30)))
    put(corpus, "csv3-series.csv",
        "time,series,value\n" + "".join("%s,web-%d,%d\n" % (iso(T0 + 60 * (i // 3)), i % 3, i)
                                        for i in range(30)))
    pages = [gmd_page(["cpu", "mem"], 24, 12, "PartialData", "tok-2"),
             gmd_page(["cpu", "mem"], 12, 12, "PartialData", "tok-3"),
             gmd_page(["cpu", "mem"], 0, 12, "Complete")]
    concat = "\n".join(json.dumps(p) for p in pages) + "\n"
    put(corpus, "gmd-3pages.json", concat)
    put(corpus, "gmd-3pages-array.json", json.dumps(pages))
    put_gz(corpus, "gmd-3pages.json", concat)
    put(corpus, "gmd-forbidden.json", json.dumps({"MetricDataResults": [
        {"Id": "x", "Label": "x", "Timestamps": [], "Values": [], "StatusCode": "Forbidden"}]}))
    stats = ["Average", "Maximum", "Minimum", "Sum", "SampleCount"]
    dps = []
    for i in range(24):
        dp = {"Timestamp": iso(T0 + 3600 * ((i * 7) % 24)), "Unit": "Percent"}
        for k, st in enumerate(stats):
            dp[st] = float(10 * k + i)
        dp["ExtendedStatistics"] = {"p99": 90.0 + i % 9, "p50": 40.0 + i % 5}
        dps.append(dp)
    gms = json.dumps({"Label": "CPUUtilization", "Datapoints": dps}, indent=1)
    put(corpus, "gms-all.json", gms)
    put_gz(corpus, "gms-all.json", gms)
    special = ["NaN", "+Inf", "-Inf", "1e308", "-0", "0x10", "", "1.5"]
    result = []
    for k in range(3):
        vals = [[T0 + 15 * i + 0.5, special[(i + k) % len(special)] if i % 4 == 0 else str(i * k)]
                for i in range(40)]
        result.append({"metric": {"__name__": "up", "job": "j%d" % k, "instance": "h:%d" % k},
                       "values": vals})
    prom = json.dumps({"status": "success", "data": {"resultType": "matrix", "result": result}})
    put(corpus, "prom-special.json", prom)
    put_gz(corpus, "prom-special.json", prom)
    put(corpus, "prom-vector.json", json.dumps({"status": "success", "data": {
        "resultType": "vector", "result": [{"metric": {}, "value": [T0, "1"]}]}}))
    put(corpus, "values-lines.txt", "".join("%d\n" % (i % 50) for i in range(200)))
    put(corpus, "values-blanks.txt", " ".join("%g" % (i / 3) for i in range(200)) + "\n")
    put(corpus, "values-header.csv", "cpu,mem\n" + "".join("%d,%d\n" % (i, 100 - i)
                                                          for i in range(50)))
    put_gz(corpus, "values-lines.txt", "".join("%d\n" % (i % 50) for i in range(200)))


def orders(corpus, fixtures):
    for path in fixtures:
        with open(path, "rb") as f:
            put(corpus, os.path.basename(path), f.read())
    put(corpus, "hourly-noheader.csv", "".join("%s,%d\n" % (iso(T0 + 3600 * i), 10 + i)
                                               for i in range(48)))
    put(corpus, "minutes.csv", "time,count\n" + "".join("%d,%d\n" % (T0 + 60 * i, i % 7)
                                                       for i in range(180)))
    put(corpus, "export.csv", "order_id,created_at,total,currency\n" +
        "".join("%d,%s,%d.99,USD\n" % (1000 + i, iso(T0 + 97 * i * 13), i % 40)
                for i in range(120)))
    put_gz(corpus, "export.csv", "order_id,created_at\n" +
           "".join("%d,%s\n" % (i, iso(T0 + 600 * i)) for i in range(60)))


# ---- catalog, scenarios ------------------------------------------------------

def catalog(corpus, srcdir):
    for name in sorted(os.listdir(os.path.join(srcdir, "data", "instances"))):
        with open(os.path.join(srcdir, "data", "instances", name), "rb") as f:
            data = f.read()
        put(corpus, name, data)
        lines = data.splitlines(keepends=True)
        directives = [ln for ln in lines if ln.startswith(b"@")]
        entries = [ln for ln in lines if ln[:1].isalnum()]
        put(corpus, "small-" + name, b"".join(directives + entries[:6]))
    put(corpus, "two-regions.cat",
        "@provider aws\n@region us-east-1\n@source https://example.com/a\n@read 2026-11-22\n"
        "m5.large, ec2, m5, x86_64, 2, 8, Up to 10 Gigabit, 1.0, 0.096, 0.03, <5%, 0.07, "
        "0.05, 0.06, 0.04\n"
        "@region eu-west-1\n"
        "m5.large, ec2, m5, x86_64, 2, 8, Up to 10 Gigabit, 1.0, 0.107, -, -, -, -, -, -\n"
        "m5.large, ec2, m5, x86_64, 2, 8, Up to 10 Gigabit, 1.0, 0.108, -, -, -, -, -, -\n")


def scenarios(srcdir):
    out = []
    for d in ("data/scenarios", "tests/bench"):
        full = os.path.join(srcdir, d)
        for name in sorted(os.listdir(full)):
            if name.endswith(".json"):
                with open(os.path.join(full, name), "rb") as f:
                    out.append((name, f.read()))
    return out


SETS = [
    ["policy.target=65", "load.growth=2.0"],
    ['load.peaks[]="2026-11-27:4x"', "tier.min=2", "slo.percentile=99"],
    ["candidates[0].tiers[0].max=50", "baseline.name=\"old\"", "days=7"],
    ['tier.policy={"type":"fixed","instances":3}', "seed=9", "load.noise=0"],
    ["policy.cooldown_seconds=600", "load.weekly=[1,1,1,1,1,1,1]", "start=\"2026-12-01\""],
]


def scenario_set(corpus, srcdir):
    for i, (name, data) in enumerate(scenarios(srcdir)):
        ov = SETS[i % len(SETS)]
        put(corpus, name, ("\n".join(ov) + "\n%%\n").encode() + data)
    put(corpus, "no-overrides.json", b"%%\n" + scenarios(srcdir)[0][1])


# ---- money, time ----------------------------------------------------------------

MONEY = ["0", "1", "-1.5", "+2.25", ".5", "5.", "0.00000080000", "0.0000000015",
         "0.0000000025", "1.385e-05", "1.2345E+3", "1E2", "123456789.123456789",
         "-0.000000000", "0.1234567890123456789", "5e-20", "9223372036.854775807",
         "-9223372036.854775807", "-9223372036.854775808", "9223372036.8547758075",
         "12345678901234567895e-10", "99999999999", "1e10", "1e-30", "0e999999",
         "000000000000000000000000001.5", "1.00000000000000000000000000005", "-.5e1",
         "abc", "1.2.3", "1e", "1,5", "NULL", "", "-", "+.e1", "0.0000000005",
         "0.0000000005000000001", "922337203.6854775807e1"]

TIMES = ["2026-10-01", "2026-10-01T13:00:00Z", "2026-10-01T13:00Z", "2026-10-01T13:00:00.123Z",
         "2026-10-01T13:00:00+02:00", "2026-10-01T13:00:00+0200", "2026-10-01T13:00:00-05",
         "2026-10-01 13:00:00", "2026-10-01 13:00:00.123456+00:00", "2026-10-01 13:00:00 UTC",
         "2026-10-01T00:00:00Z/2026-10-01T01:00:00Z", "10/01/2026", "10/01/2026 13:00",
         "13/01/2026 13:00:00", "1/2/2026", "1790000000", "1790000000.5", "1790000000000",
         "1900-01-01T00:00:00+14:00", "9999-12-31T23:59:60Z", "9999-12-31T24:00:00Z",
         "2024-02-29", "2023-02-29", "999999999999", "9999999999999999", "\"2026-10-01\"",
         " 2026-10-01 ", "2026-10-01T25:00:00Z", "2026-13-01"]


def strings(corpus, items):
    for i, s in enumerate(items):
        put(corpus, "%02d" % i, s)


# ---- dictionaries ---------------------------------------------------------------

SOURCES = {
    "billing": ["billing.c", "billing_aws.c", "billing_azure.c", "billing_gcp.c",
                "billing_focus.c", "rollup.c", "money.c", "utc.c"],
    "metrics": ["metrics.c", "utc.c"],
    "catalog": ["catalog.c"],
    "scenario": ["scenario.c", "policy.c", "sim.c", "catalog.c"],
}
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def dictionary(path, srcdir, files, extra=()):
    words = set(extra)
    for name in files:
        full = os.path.join(srcdir, "src", name)
        if not os.path.exists(full):
            continue
        with open(full, encoding="utf-8", errors="replace") as f:
            text = f.read()
        text = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
        for m in LITERAL.finditer(text):
            s = m.group(1)
            if "%" in s or "\\" in s or s.count(" ") > 1 or not 2 <= len(s) <= 48:
                continue
            words.add(s)
    with open(path, "w") as f:
        for w in sorted(words):
            f.write('"%s"\n' % "".join(c if c.isprintable() and c not in '"\\' else "\\x%02x" % ord(c)
                                       for c in w))


def scenario_load(corpus, srcdir):
    for fname, data in scenarios(srcdir):
        put(corpus, fname, data)


# target: (write its seeds (corpus, fixtures, srcdir), sources of its
# dictionary, words added to it)
TARGETS = {
    "billing": (lambda c, fx, src: billing(c, fx), "billing", []),
    "metrics": (lambda c, fx, src: metrics(c, fx), "metrics", ["NaN", "+Inf", "-Inf", "null"]),
    "orders": (lambda c, fx, src: orders(c, fx), "metrics", ["created_at"]),
    "catalog": (lambda c, fx, src: catalog(c, src), "catalog", []),
    "scenario_load": (lambda c, fx, src: scenario_load(c, src), "scenario", []),
    "scenario_set": (lambda c, fx, src: scenario_set(c, src), "scenario",
                     ["%%\n", "policy.", "tier.", "[]="]),
    "money": (lambda c, fx, src: strings(c, MONEY), None, ["e-", "E+", "000000000", "9223372036"]),
    "utc": (lambda c, fx, src: strings(c, TIMES), None,
            ["T", "Z", "UTC", "+00:00", ":00", "-01-", "/20"]),
}
TARGETS["billing_threads"] = TARGETS["rollup_roundtrip"] = TARGETS["billing"]


def main():
    name, corpus, dict_path, srcdir = sys.argv[1:5]
    if name not in TARGETS:
        sys.exit("seeds.py: no seeds for " + name)
    write, sources, extra = TARGETS[name]
    os.makedirs(corpus, exist_ok=True)
    write(corpus, sys.argv[5:], srcdir)
    dictionary(dict_path, srcdir, SOURCES.get(sources, []), extra)


if __name__ == "__main__":
    main()
