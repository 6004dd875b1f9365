#!/usr/bin/env python3
"""check_report_json.py - report.json against its documented shape and the
planted truth of gen_report.py.

  check_report_json.py REPORT.json MANPAGE TRUTH.json

Shape: a JSON object whose members are the tables named in SHAPE below, in
that order (optional ones may be absent), each an array of objects with
exactly the listed members, numbers as JSON numbers or null. Every table
and column name must be documented in the man page (rightsize-report(1),
section "JSON AND CSV"). Values: totals, services, commitments and orders
as planted. Prints one line per check; exits 1 on any failure.
"""
import json
import re
import sys
from decimal import Decimal as D, ROUND_HALF_UP

# table: (optional, [(column, kind)]) ; kind: "text", "num"
SHAPE = [
    ("summary", False, [("measure", "text"), ("month", "num"), ("last_month", "num"),
                        ("change_pct", "num"), ("last_year", "num"),
                        ("year_change_pct", "num")]),
    ("daily", False, [("date", "text"), ("billed", "num"), ("effective", "num"),
                      ("usage_effective", "num"), ("orders", "num?")]),
    ("coverage", False, [("period", "text"), ("role", "text"), ("days", "num"),
                         ("days_with_data", "num"), ("billed", "num"),
                         ("effective", "num")]),
    ("cost_per_order", True, [("measure", "text"), ("month", "num"), ("last_month", "num"),
                              ("change_pct", "num")]),
    ("by_service", False, [("service", "text"), ("billed", "num"), ("effective", "num"),
                           ("share_pct", "num"), ("last_month", "num"),
                           ("change_pct", "num")]),
    ("by_pricing_model", False, [("pricing_model", "text"), ("charge_kind", "text"),
                                 ("billed", "num"), ("effective", "num"),
                                 ("share_pct", "num")]),
    ("commitments", False, [("measure", "text"), ("value", "num"), ("unit", "text")]),
    ("movers", True, None),  # columns: the --movers-by dimensions, then MOVERS_TAIL
    ("anomalies", True, [("date", "text"), ("measure", "text"), ("actual", "num"),
                         ("expected", "num"), ("lo95", "num"), ("hi95", "num"),
                         ("services", "text")]),
    ("forecast", True, [("measure", "text"), ("month", "text"), ("forecast", "num"),
                        ("lo80", "num"), ("hi80", "num"), ("lo95", "num"), ("hi95", "num")]),
    ("rightsizing", True, [("resource", "text"), ("type", "text"), ("finding", "text"),
                           ("cpu_pct", "num"), ("candidate", "text"), ("risk", "num"),
                           ("cost", "num"), ("savings", "num")]),
    ("autoscaling", True, [("scenario", "text"), ("configuration", "text"), ("type", "text"),
                           ("policy", "text"), ("min", "num"), ("monthly", "num"),
                           ("per_order", "num"), ("slo_min", "num"), ("peak", "num"),
                           ("saving", "num")]),
    ("data_quality", False, [("file", "text"), ("kind", "text"), ("format", "text"),
                             ("read", "num"), ("used", "num"), ("skipped", "num"),
                             ("gaps", "num"), ("bad_values", "num")]),
    ("warnings", False, [("file", "text"), ("warning", "text")]),
    ("skipped", False, [("file", "text"), ("reason", "text"), ("rows", "num")]),
    ("not_included", False, [("section", "text")]),
    ("parameters", False, [("name", "text"), ("value", "text")]),
    ("inputs", False, [("file", "text"), ("bytes", "num"), ("sha256", "text")]),
]
MOVERS_TAIL = [("last_month", "num"), ("month", "num"), ("change", "num"),
               ("change_pct", "num")]

fails = 0
checks = 0


def check(ok, what):
    global fails, checks
    checks += 1
    if not ok:
        fails += 1
    print("%s: %s" % ("PASS" if ok else "FAIL", what))


def cents(s):
    return str(D(s).quantize(D("0.01"), rounding=ROUND_HALF_UP))


def num(v):
    """A JSON number as the exact decimal it was written as."""
    return D(str(v)) if v is not None else None


def main():
    report_path, man_path, truth_path = sys.argv[1:4]
    with open(report_path) as f:
        text = f.read()
    rep = json.loads(text, parse_float=D)
    with open(man_path) as f:
        man = f.read()
    with open(truth_path) as f:
        truth = json.load(f)

    # ---- shape ----
    names = [n for n, _, _ in SHAPE]
    check(isinstance(rep, dict), "the document is an object")
    check([k for k in rep if k in names] == [n for n in names if n in rep],
          "tables in the documented order")
    check(all(k in names for k in rep), "no undocumented table: %s"
          % [k for k in rep if k not in names])
    for name, optional, cols in SHAPE:
        if name not in rep:
            check(optional, "table %s present" % name)
            continue
        check(re.search(r"\b%s\b" % re.escape(name), man) is not None,
              "table %s documented in the man page" % name)
        rows = rep[name]
        check(isinstance(rows, list), "%s is an array" % name)
        if name == "movers" and rows:
            keys = list(rows[0].keys())
            cols = [(k, "text") for k in keys[:-len(MOVERS_TAIL)]] + MOVERS_TAIL
        if cols is None:
            continue
        want = [c for c, k in cols if not k.endswith("?") or
                (rows and c in rows[0])]
        for c, _ in cols:
            check(re.search(r"\b%s\b" % re.escape(c), man) is not None,
                  "column %s.%s documented" % (name, c))
        ok_keys = all(list(r.keys()) == want for r in rows)
        check(ok_keys, "%s rows have exactly the columns %s" % (name, want))
        kinds = dict((c, k.rstrip("?")) for c, k in cols)
        bad = [(c, r[c]) for r in rows for c in r if
               not (r[c] is None or (kinds.get(c) == "num" and isinstance(r[c], (int, D))) or
                    (kinds.get(c) == "text" and isinstance(r[c], str)))]
        check(not bad, "%s values have their documented types %s" % (name, bad[:3]))

    # ---- values ----
    oct_, sep, year = (truth["months"][k] for k in ("2026-10", "2026-09", "2025-10"))
    summ = {r["measure"]: r for r in rep["summary"]}
    check(summ["billed"]["month"] == D(cents(oct_["billed"])), "billed October")
    check(summ["effective"]["month"] == D(cents(oct_["effective"])), "effective October")
    check(summ["billed"]["last_month"] == D(cents(sep["billed"])), "billed September")
    check(summ["billed"]["last_year"] == D(cents(year["billed"])), "billed October 2025")
    pct = (D(oct_["billed"]) - D(sep["billed"])) / D(sep["billed"]) * 100
    check(summ["billed"]["change_pct"] == pct.quantize(D("0.1"), rounding=ROUND_HALF_UP),
          "change from September %s" % summ["billed"]["change_pct"])
    check(summ["orders"]["month"] == truth["orders"]["2026-10"], "orders October")
    check(summ["orders"]["last_month"] == truth["orders"]["2026-09"], "orders September")
    svc = {r["service"]: r for r in rep["by_service"]}
    for name, (b, e) in truth["services"]["2026-10"].items():
        check(svc[name]["billed"] == D(cents(b)) and svc[name]["effective"] == D(cents(e)),
              "service %s billed %s effective %s" % (name, cents(b), cents(e)))
    check(svc["TOTAL"]["effective"] == D(cents(oct_["effective"])), "services total")
    com = {r["measure"]: r["value"] for r in rep["commitments"]}
    c = truth["months"]["2026-10/commitment"]
    used, unused = D(c["used"]), D(c["unused"])
    check(com["commitment_used"] == D(cents(used)), "commitment used")
    check(com["commitment_unused"] == D(cents(unused)), "commitment unused")
    util = (used / (used + unused) * 100).quantize(D("0.1"), rounding=ROUND_HALF_UP)
    check(com["utilization_pct"] == util, "utilization %s" % util)
    daily = sum(num(r["effective"]) for r in rep["daily"])
    check(abs(daily - D(cents(oct_["effective"]))) <= D("0.01") * 31,
          "days add up to the month (within rounding)")
    dq = {r["file"]: r for r in rep["data_quality"]}
    check(dq["cur-2026-10.csv"]["skipped"] == 2 and dq["cur-2026-10.csv"]["used"] ==
          oct_["rows"], "October file: 2 blank lines skipped, %d rows used" % oct_["rows"])
    check("prices.cat" not in dq and any(r["file"] == "prices.cat" for r in rep["inputs"]),
          "the catalog is an input, hashed, with no rows to account")
    check(dq["cpu.csv"]["bad_values"] == 1, "metrics: one bad value")
    check(all(len(r["sha256"]) == 64 for r in rep["inputs"]), "hashes are SHA-256 hex")
    cpo = {r["measure"]: r for r in rep["cost_per_order"]}
    per = (D(oct_["effective"]) / truth["orders"]["2026-10"]).quantize(
        D("0.0001"), rounding=ROUND_HALF_UP)
    check(cpo["per_order"]["month"] == per and summ["cost_per_order"]["month"] == per,
          "cost per order %s = effective / orders" % per)
    check(cpo["marginal_lo95"]["month"] <= cpo["marginal_per_order"]["month"] <=
          cpo["marginal_hi95"]["month"], "marginal cost inside its interval")
    sale = [r for r in rep["anomalies"] if r["date"] == "2026-10-16"]
    check(sorted(r["measure"] for r in sale) == ["cost", "orders"],
          "the sale day is an anomaly of cost and orders")
    check(all(r["actual"] > r["hi95"] for r in sale), "above its interval")
    check(sale and sale[0]["services"].startswith("AmazonEC2 +"),
          "EC2 (the doubled fleet) is named first behind it")
    fc = {r["measure"]: r for r in rep["forecast"]}
    check(all(fc[m]["lo95"] <= fc[m]["lo80"] <= fc[m]["forecast"] <= fc[m]["hi80"] <=
              fc[m]["hi95"] for m in ("orders", "cost")) and fc["orders"]["month"] == "2026-11",
          "forecast for 2026-11 inside nested intervals")
    rs = {r["resource"]: r for r in rep["rightsizing"]}
    check(rs["i-0web1"]["finding"] == "over-provisioned" and
          rs["i-0web1"]["candidate"] == "m5.large" and rs["i-0web1"]["savings"] > 0,
          "i-0web1 (CPU at most 21.5 %) over-provisioned, m5.large, saves money")
    au = {r["configuration"]: r for r in rep["autoscaling"]}
    check(au["current"]["policy"] == "target 40%" and au["cheapest in SLO"]["policy"] ==
          "target 80%" and au["cheapest in SLO"]["slo_min"] <= 10,
          "autoscaling: 80 % is the cheapest target within 10 SLO minutes")
    check(abs(au["cheapest in SLO"]["saving"] - (au["current"]["monthly"] -
              au["cheapest in SLO"]["monthly"])) <= D("0.01"),
          "saving = current - cheapest (to the cent: each is rounded from exact sums)")
    print("%d checks, %d failed" % (checks, fails))
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
