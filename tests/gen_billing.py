#!/usr/bin/env python3
"""gen_billing.py - billing export fixtures from one known ground truth.

usage: gen_billing.py OUTDIR

A small fictional shop runs for two days (2026-10-01 and 2026-10-02, four
hours a day) on one cloud: web servers on demand, a batch worker on spot, an
API server covered by a partial-upfront Savings Plan, a reserved instance,
a database, object storage and data transfer, plus the month's tax, a
credit, a refund, an enterprise discount and a support fee.  That ground
truth (TRUTH below) is written once per export format, each in the format's
own semantics (rightsize's billing spec), with the mess real exports carry:
UTF-8 BOM, CRLF, quoted commas, JSON in quoted fields, NULL/null/empty,
scientific notation, several date formats, blank lines, a repeated header.

Every money amount is a Decimal with at most nine decimals, so the expected
billed and effective totals are exact.  For each case the generator writes:

  OUTDIR/<file>                      the export
  OUTDIR/expected/<case>.ingest.csv  `rightsize ingest --format csv FILES`
                                     (files given by basename, run in OUTDIR)
  OUTDIR/expected/<case>.services.csv  service,billed,effective per service
  OUTDIR/expected/<case>.kinds.csv   the same per (pricing_model, charge_kind)
  OUTDIR/expected/<case>.teams.csv   the same per value of the team tag
                                     (tagged rows only)
  OUTDIR/expected/<case>.itypes.csv  the same per instance type (rows that
                                     name one)
  OUTDIR/cases.txt                   "<case> <team tag key> <option> <file>..."
                                     per line (option "-" for none)
  OUTDIR/all.txt, OUTDIR/expected/all.ingest.csv
                                     every file at once, and its account
  OUTDIR/same-rollup.txt             cases whose rollups must be
                                     byte-identical (one group a line): the
                                     same truth, different syntax
  OUTDIR/bad/<file>, OUTDIR/bad/cases.txt
                                     malformed inputs, one per line:
                                     "<file>\t<line>\t<col>\t<ERE>"; line and
                                     col are "*" where the spec gives no place

The generator checks itself: the formats that amortize (CUR, FOCUS, Azure
amortized) must give exactly the ground truth's billed and effective
totals; it exits 1 if they do not.
"""

import copy
import gzip
import json
import os
import sys
from decimal import Decimal as D, ROUND_HALF_UP

# ---------------------------------------------------------------------------
# Ground truth

DAYS = ["2026-10-01", "2026-10-02"]
HOURS = [0, 1, 2, 3]
PROD = "111122223333"
STAGING = "444455556666"
REGION = "us-east-1"
SP_ARN = "arn:aws:savingsplans::111122223333:savingsplan/5c1b7a6e-sp01"
RI_ARN = "arn:aws:ec2:us-east-1:111122223333:reserved-instances/7d2f-ri01"

# Savings Plan (partial upfront): per hour the commitment is 0.15, of which
# 0.05 is the amortized upfront and 0.10 the recurring fee; the covered
# usage's on-demand cost is 0.192 and its SP rate 0.1344.
SP_OD = D("0.192")
SP_RATE = D("0.1344")
SP_COMMIT = D("0.15")
SP_RECURRING = D("0.10")
# Spot prices move by the hour.
SPOT = [D("0.06812345"), D("0.0692"), D("0.07031"), D("0.0688"),
        D("0.0671"), D("0.069999999"), D("0.0702"), D("0.0684")]
RI_EFF = D("0.0795")          # reservation/EffectiveCost per hour
RDS = D("0.068")


class Charge:
    """One ground-truth charge: what the shop was billed and what it cost
    when commitments are amortized, with its logical service."""

    def __init__(self, kind, day, hour, svc, billed, eff, account=PROD,
                 resource="", itype="", usage=D(0), tags=None, ut="",
                 od=D(0), used=D(0), unused_up=D(0), unused_rec=D(0),
                 desc=""):
        self.kind = kind
        self.day = day
        self.hour = hour
        self.svc = svc
        self.billed = billed
        self.eff = eff
        self.account = account
        self.resource = resource
        self.itype = itype
        self.usage = usage
        self.tags = tags or {}
        self.ut = ut
        self.od = od                # on-demand equivalent (covered usage)
        self.used = used            # SP used commitment
        self.unused_up = unused_up  # RI unused amortized upfront
        self.unused_rec = unused_rec
        self.desc = desc


def truth():
    t = []
    web = {"user:team": "web", "user:env": "prod"}
    k = 0
    for day in DAYS:
        for h in HOURS:
            t.append(Charge("od", day, h, "ec2", D("0.096"), D("0.096"),
                            resource="i-0a1b2c3d4e5f60001", itype="m5.large",
                            usage=D(1), tags=web,
                            ut="BoxUsage:m5.large",
                            desc="$0.096 per On Demand Linux m5.large Instance Hour"))
            if day == DAYS[0] and h < 2:
                t.append(Charge("od", day, h, "ec2", D("0.0416"), D("0.0416"),
                                account=STAGING,
                                resource="i-0a1b2c3d4e5f60002", itype="t3.medium",
                                usage=D(1),
                                tags={"user:team": "web", "user:env": "staging"},
                                ut="BoxUsage:t3.medium",
                                desc="$0.0416 per On Demand Linux t3.medium Instance Hour"))
            t.append(Charge("spot", day, h, "ec2", SPOT[k], SPOT[k],
                            resource="i-0a1b2c3d4e5f60003", itype="c5.xlarge",
                            usage=D(1), tags={"user:team": "batch"},
                            ut="SpotUsage:c5.xlarge",
                            desc="Linux/UNIX (Amazon VPC), c5.xlarge spot instance-hour"))
            t.append(Charge("sp_cov", day, h, "ec2", D(0), SP_RATE,
                            resource="i-0a1b2c3d4e5f60004", itype="m5.xlarge",
                            usage=D(1), tags={"user:team": "api", "user:env": "prod"},
                            ut="BoxUsage:m5.xlarge", od=SP_OD,
                            desc="$0.192 per On Demand Linux m5.xlarge Instance Hour"))
            t.append(Charge("sp_fee", day, h, "sp", SP_RECURRING,
                            SP_COMMIT - SP_RATE, resource=SP_ARN, usage=D(1),
                            ut="ComputeSP:1yrPartialUpfront", used=SP_RATE,
                            desc="1 year Partial Upfront Compute Savings Plan"))
            t.append(Charge("ri_use", day, h, "ec2", D(0), RI_EFF,
                            resource="i-0a1b2c3d4e5f60005", itype="r5.large",
                            usage=D(1), tags={"user:team": "search"},
                            ut="BoxUsage:r5.large",
                            desc="USD 0.0 hourly fee per Linux/UNIX (Amazon VPC), r5.large instance"))
            t.append(Charge("rds", day, h, "rds", RDS, RDS,
                            resource="arn:aws:rds:us-east-1:111122223333:db:orders",
                            itype="db.t3.medium", usage=D(1),
                            tags={"user:team": "web", "user:env": "prod"},
                            ut="InstanceUsage:db.t3.medium",
                            desc="$0.068 per db.t3.medium instance hour (or partial hour) running PostgreSQL"))
            k += 1
        t.append(Charge("s3", day, 0, "s3", D("0.94716"), D("0.94716"),
                        resource="shop-assets", usage=D("41.18086957"),
                        tags={"user:team": "web"}, ut="TimedStorage-ByteHrs",
                        desc="$0.023 per GB-Month of storage used"))
        t.append(Charge("s3", day, 0, "s3", D("1.2345E-05"), D("1.2345E-05"),
                        resource="shop-assets", usage=D("3.6E+01"),
                        tags={"user:team": "web"}, ut="Requests-Tier2",
                        desc="$0.0004 per 1,000 GET and all other requests"))
        t.append(Charge("dt", day, 0, "dt", D("1.125"), D("1.125"),
                        resource="i-0a1b2c3d4e5f60001", usage=D("12.5"),
                        ut="DataTransfer-Out-Bytes",
                        desc="$0.09 per GB - first 10 TB / month data transfer out"))
    d0 = DAYS[0]
    t.append(Charge("sp_upfront", d0, 0, "sp", D("876.00"), D(0),
                    resource=SP_ARN, ut="ComputeSP:1yrPartialUpfront",
                    desc="Savings Plan upfront fee"))
    t.append(Charge("ri_fee", d0, 0, "ec2", D("37.50"), D("20.35"),
                    resource=RI_ARN, itype="r5.large", usage=D(744),
                    ut="HeavyUsage:r5.large", unused_up=D("8.10"),
                    unused_rec=D("12.25"),
                    desc="USD 0.0504 hourly fee per Linux/UNIX (Amazon VPC), r5.large instance"))
    t.append(Charge("ri_upfront", d0, 0, "ec2", D("438.00"), D(0),
                    resource=RI_ARN, itype="r5.large", usage=D(1),
                    ut="HeavyUsage:r5.large",
                    desc="Sign up charge for subscription: 7d2f, planId: 2"))
    t.append(Charge("tax", d0, 0, "ec2", D("3.17"), D("3.17"),
                    desc="Tax for product code AmazonEC2, region us-east-1"))
    t.append(Charge("credit", d0, 0, "ec2", D("-5.00"), D("-5.00"),
                    desc="AWS Activate Credits, promo \"START-UP\""))
    t.append(Charge("refund", d0, 0, "ec2", D("-1.25"), D("-1.25"),
                    desc="Refund for over-billing, case 1234"))
    t.append(Charge("edp", d0, 0, "ec2", D("-2.345678"), D("-2.345678"),
                    desc="Enterprise Discount Program discount"))
    t.append(Charge("fee", d0, 0, "dns", D("12.00"), D("12.00"),
                    desc="Domain registration: shop-example.com, 1 year"))
    t.append(Charge("other", d0, 0, "ec2", D("-0.50"), D("-0.50"),
                    desc="Solution Provider Program discount"))
    t.append(Charge("support", d0, 0, "support", D("10.00"), D("10.00"),
                    desc="Business support plan, October"))
    return t


# ---------------------------------------------------------------------------
# CSV writing (RFC 4180, with the quirks exports have)

def q(s):
    """Quote a field when it needs it (comma, quote, CR/LF)."""
    s = str(s)
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def jcompact(obj):
    return json.dumps(obj, separators=(",", ":"), sort_keys=True)


def num(x):
    """A Decimal as an export writes it: plain, except that very small
    amounts come in scientific notation (1.2345E-05) and the request count
    36 as 3.6E+01, as exports written by Spark/Athena do."""
    if x == 36:
        return "3.6E+01"
    if x != 0 and abs(x) < D("0.0001"):
        m, e = ("%.10E" % x).split("E")
        return m.rstrip("0").rstrip(".") + "E" + e
    return str(x)


class Sheet:
    """An export being written: header, records, and the expected account
    (rows, skips, billed/effective, per-service sums) kept alongside."""

    def __init__(self, header, bom=False, crlf=False):
        self.header = header
        self.bom = bom
        self.eol = "\r\n" if crlf else "\n"
        self.lines = []
        self.rows_read = 0
        self.rows_used = 0
        self.skips = []          # reasons in order of first occurrence
        self.skipn = {}
        self.billed = D(0)
        self.eff = D(0)
        self.services = {}
        self.kinds = {}          # (pricing_model, charge_kind) -> sums
        self.teams = {}          # value of the team tag -> sums (tagged rows)
        self.itypes = {}         # instance type -> sums (rows that name one)

    def row(self, values, service, billed, eff, pm_kind, cells_extra=(),
            team="", itype=""):
        """values: dict column -> text; absent columns are empty.  pm_kind is
        the (pricing_model, charge_kind) the spec gives the row; cells_extra
        more (pm, kind, billed, effective) cells of the same row (GCP
        credits); team the row's team tag, itype the instance type the spec
        finds in it.  Every row has all the header's fields (a shorter row
        is a file cut short: an error)."""
        cells = [q(values.get(c, "")) for c in self.header]
        for c in values:
            assert c in self.header, c
        self.lines.append(",".join(cells))
        self.rows_read += 1
        self.rows_used += 1
        self.money(service, pm_kind, billed, eff, team, itype)
        for pm, kind, b, e in cells_extra:
            self.money(service, (pm, kind), b, e, team, itype)

    def money(self, service, pm_kind, billed, eff, team, itype):
        for value, sums in ((team, self.teams), (itype, self.itypes)):
            if value:
                b, e = sums.get(value, (D(0), D(0)))
                sums[value] = (b + billed, e + eff)
        b, e = self.kinds.get(pm_kind, (D(0), D(0)))
        self.kinds[pm_kind] = (b + billed, e + eff)
        self.billed += billed
        self.eff += eff
        b, e = self.services.get(service, (D(0), D(0)))
        self.services[service] = (b + billed, e + eff)

    def skip(self, reason, line):
        self.lines.append(line)
        self.rows_read += 1
        if reason not in self.skipn:
            self.skips.append(reason)
            self.skipn[reason] = 0
        self.skipn[reason] += 1

    def blank(self):
        self.skip("blank line", "")

    def repeat_header(self):
        self.skip("repeated header", ",".join(q(c) for c in self.header))

    def text(self):
        head = ",".join(q(c) for c in self.header)
        body = self.eol.join([head] + self.lines) + self.eol
        return ("\ufeff" if self.bom else "") + body

    def data(self):
        return self.text().encode("utf-8")


def cents(x):
    return str(x.quantize(D("0.01"), rounding=ROUND_HALF_UP))


# ---------------------------------------------------------------------------
# AWS CUR legacy and 2.0

CUR_SVC = {"ec2": "AmazonEC2", "rds": "AmazonRDS", "s3": "AmazonS3",
           "dt": "AWSDataTransfer", "sp": "ComputeSavingsPlans",
           "support": "AWSSupportBusiness", "dns": "AmazonRoute53"}

CUR_LEGACY_COLS = [
    "identity/LineItemId", "identity/TimeInterval", "bill/PayerAccountId",
    "bill/BillingPeriodStartDate", "lineItem/UsageAccountId",
    "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/UsageEndDate",
    "lineItem/ProductCode", "lineItem/UsageType", "lineItem/Operation",
    "lineItem/ResourceId", "lineItem/UsageAmount", "lineItem/CurrencyCode",
    "lineItem/UnblendedRate", "lineItem/UnblendedCost",
    "lineItem/LineItemDescription", "product/instanceType", "product/region",
    "pricing/term", "reservation/ReservationARN", "reservation/EffectiveCost",
    "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
    "reservation/UnusedRecurringFee", "savingsPlan/SavingsPlanARN",
    "savingsPlan/SavingsPlanEffectiveCost",
    "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment",
    "resourceTags/user:env", "resourceTags/user:team",
]

# legacy name -> CUR 2.0 name
CUR2_NAME = {
    "identity/LineItemId": "identity_line_item_id",
    "identity/TimeInterval": "identity_time_interval",
    "bill/PayerAccountId": "bill_payer_account_id",
    "bill/BillingPeriodStartDate": "bill_billing_period_start_date",
    "lineItem/UsageAccountId": "line_item_usage_account_id",
    "lineItem/LineItemType": "line_item_line_item_type",
    "lineItem/UsageStartDate": "line_item_usage_start_date",
    "lineItem/UsageEndDate": "line_item_usage_end_date",
    "lineItem/ProductCode": "line_item_product_code",
    "lineItem/UsageType": "line_item_usage_type",
    "lineItem/Operation": "line_item_operation",
    "lineItem/ResourceId": "line_item_resource_id",
    "lineItem/UsageAmount": "line_item_usage_amount",
    "lineItem/CurrencyCode": "line_item_currency_code",
    "lineItem/UnblendedRate": "line_item_unblended_rate",
    "lineItem/UnblendedCost": "line_item_unblended_cost",
    "lineItem/LineItemDescription": "line_item_line_item_description",
    "product/region": "product_region_code",
    "pricing/term": "pricing_term",
    "reservation/ReservationARN": "reservation_reservation_a_r_n",
    "reservation/EffectiveCost": "reservation_effective_cost",
    "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod":
        "reservation_unused_amortized_upfront_fee_for_billing_period",
    "reservation/UnusedRecurringFee": "reservation_unused_recurring_fee",
    "savingsPlan/SavingsPlanARN": "savings_plan_savings_plan_a_r_n",
    "savingsPlan/SavingsPlanEffectiveCost":
        "savings_plan_savings_plan_effective_cost",
    "savingsPlan/TotalCommitmentToDate":
        "savings_plan_total_commitment_to_date",
    "savingsPlan/UsedCommitment": "savings_plan_used_commitment",
}
CUR2_COLS = [CUR2_NAME[c] for c in CUR_LEGACY_COLS
             if c in CUR2_NAME and c != "product/instanceType"]
CUR2_COLS.insert(CUR2_COLS.index("product_region_code"), "product")
CUR2_COLS.append("resource_tags")


def iso_z(day, hour):
    return "%sT%02d:00:00Z" % (day, hour)


def space_time(day, hour):
    return "%s %02d:00:00" % (day, hour)


def cur_lines(c, n):
    """The CUR line items of one charge: list of (legacy-column values,
    billed, effective).  n numbers the line ids."""
    start = c.day + "T%02d:00:00Z" % c.hour
    end = c.day + "T%02d:00:00Z" % (c.hour + 1)
    if c.kind in ("sp_upfront", "ri_fee", "ri_upfront", "tax", "credit",
                  "refund", "edp", "support", "fee", "other"):
        start = "2026-10-01T00:00:00Z"
        end = "2026-11-01T00:00:00Z"
    region = REGION if c.svc not in ("support",) else ""
    base = {
        "identity/LineItemId": "li%06d" % n,
        "identity/TimeInterval": start + "/" + end,
        "bill/PayerAccountId": PROD,
        "bill/BillingPeriodStartDate": "2026-10-01T00:00:00Z",
        "lineItem/UsageAccountId": c.account,
        "lineItem/UsageStartDate": start,
        "lineItem/UsageEndDate": end,
        "lineItem/ProductCode": CUR_SVC[c.svc],
        "lineItem/UsageType": ("USE1-" + c.ut) if c.ut else "",
        "lineItem/ResourceId": c.resource,
        "lineItem/CurrencyCode": "USD",
        "lineItem/LineItemDescription": c.desc,
        "product/instanceType": c.itype,
        "product/region": region,
    }
    for tk, tv in c.tags.items():
        base["resourceTags/" + tk] = tv
    out = []

    def line(typ, uc, eff, extra=None, usage=None):
        v = dict(base)
        v["lineItem/LineItemType"] = typ
        v["lineItem/UnblendedCost"] = num(uc)
        if usage is not None:
            v["lineItem/UsageAmount"] = num(usage)
        v.update(extra or {})
        out.append((v, uc, eff))

    k = c.kind
    if k in ("od", "rds", "s3", "dt"):
        line("Usage", c.billed, c.eff, {"pricing/term": "OnDemand",
                                        "lineItem/Operation": "RunInstances",
                                        "lineItem/UnblendedRate": num(c.billed)},
             usage=c.usage)
    elif k == "spot":
        line("Usage", c.billed, c.eff, {"lineItem/Operation": "RunInstances:SV001",
                                        "lineItem/UsageType": "USE1-SpotUsage:" + c.itype},
             usage=c.usage)
    elif k == "sp_cov":
        sp = {"savingsPlan/SavingsPlanARN": SP_ARN,
              "savingsPlan/SavingsPlanEffectiveCost": num(c.eff),
              "pricing/term": "OnDemand", "lineItem/Operation": "RunInstances",
              "lineItem/UnblendedRate": num(c.od)}
        line("SavingsPlanCoveredUsage", c.od, c.eff, sp, usage=c.usage)
        neg = {"savingsPlan/SavingsPlanARN": SP_ARN,
               "lineItem/Operation": "RunInstances",
               "lineItem/LineItemDescription": "SavingsPlanNegation used by AccountId : "
                                               + PROD + " and UsageSku : ABCD1234"}
        line("SavingsPlanNegation", -c.od, D(0), neg, usage=c.usage)
    elif k == "sp_fee":
        line("SavingsPlanRecurringFee", c.billed, SP_COMMIT - c.used,
             {"savingsPlan/SavingsPlanARN": SP_ARN,
              "savingsPlan/TotalCommitmentToDate": num(SP_COMMIT),
              "savingsPlan/UsedCommitment": num(c.used),
              "lineItem/UsageType": "ComputeSP:1yrPartialUpfront"},
             usage=c.usage)
    elif k == "sp_upfront":
        line("SavingsPlanUpfrontFee", c.billed, D(0),
             {"savingsPlan/SavingsPlanARN": SP_ARN,
              "lineItem/UsageType": "ComputeSP:1yrPartialUpfront",
              "product/region": ""}, usage=D(1))
    elif k == "ri_use":
        line("DiscountedUsage", D(0), c.eff,
             {"reservation/ReservationARN": RI_ARN,
              "reservation/EffectiveCost": num(c.eff),
              "pricing/term": "Reserved", "lineItem/Operation": "RunInstances",
              "lineItem/UnblendedRate": "0.0"}, usage=c.usage)
    elif k == "ri_fee":
        line("RIFee", c.billed, c.unused_up + c.unused_rec,
             {"reservation/ReservationARN": RI_ARN,
              "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod": num(c.unused_up),
              "reservation/UnusedRecurringFee": num(c.unused_rec),
              "pricing/term": "Reserved"}, usage=c.usage)
    elif k == "ri_upfront":
        line("Fee", c.billed, D(0), {"reservation/ReservationARN": RI_ARN,
                                     "lineItem/ResourceId": ""}, usage=D(1))
    elif k == "tax":
        line("Tax", c.billed, c.eff, {"lineItem/UsageType": "", "product/region": ""})
    elif k == "credit":
        line("Credit", c.billed, c.eff, {"lineItem/UsageType": ""})
    elif k == "refund":
        line("Refund", c.billed, c.eff, {"lineItem/UsageType": ""})
    elif k == "edp":
        line("EdpDiscount", c.billed, c.eff, {"lineItem/UsageType": ""})
    elif k == "fee":
        line("Fee", c.billed, c.eff, {"lineItem/UsageType": "", "product/region": ""})
    elif k == "other":
        # not in the spec's table: "anything else" is an adjustment
        line("SppDiscount", c.billed, c.eff, {"lineItem/UsageType": ""})
    elif k == "support":
        line("Fee", c.billed, c.eff, {"lineItem/UsageType": "Dollar",
                                      "lineItem/ResourceId": ""}, usage=D(1))
    else:
        raise ValueError(k)
    return out


def cur_class(typ, usage_type, ri_arn, product):
    """(pricing_model, charge_kind) of a CUR line item, by the spec's table."""
    if typ == "Usage":
        return ("spot" if "SpotUsage" in usage_type else "on_demand", "usage")
    if typ in ("SavingsPlanCoveredUsage", "SavingsPlanNegation", "DiscountedUsage"):
        return ("commitment", "usage")
    if typ in ("SavingsPlanRecurringFee", "RIFee"):
        return ("commitment", "commitment_fee")
    if typ == "SavingsPlanUpfrontFee":
        return ("commitment", "purchase")
    if typ == "Fee":
        if ri_arn:
            return ("commitment", "purchase")
        if product.startswith(("AWSSupport", "AWSDeveloperSupport", "AWSBusinessSupport",
                               "AWSEnterprise")):
            return ("none", "support")
        return ("none", "fee")
    kind = {"Tax": "tax", "Credit": "credit", "Refund": "refund",
            "BundledDiscount": "discount", "Discount": "discount", "EdpDiscount": "discount",
            "PrivateRateDiscount": "discount", "DistributorDiscount": "discount"}
    return ("none", kind.get(typ, "adjustment"))


def all_cur_lines(charges):
    out = []
    for c in charges:
        out.extend(cur_lines(c, len(out) + 1))
    return out


def cur_legacy(charges, bom, crlf, header=None, mess=True, date=None,
               svc_of=lambda v: v["lineItem/ProductCode"]):
    s = Sheet(header or CUR_LEGACY_COLS, bom=bom, crlf=crlf)
    lines = all_cur_lines(charges)
    for i, (v, b, e) in enumerate(lines):
        v = {c: x for c, x in v.items() if c in s.header}
        if date:
            for c in ("lineItem/UsageStartDate", "lineItem/UsageEndDate"):
                if c in v and v[c]:
                    v[c] = date(v[c])
        s.row(v, svc_of(v), b, e, cur_class(v["lineItem/LineItemType"],
                                             v.get("lineItem/UsageType", ""),
                                             v.get("reservation/ReservationARN", ""),
                                             v["lineItem/ProductCode"]),
              team=v.get("resourceTags/user:team", ""), itype=v.get("product/instanceType", ""))
        if mess and i == 3:
            s.blank()
        if mess and i == 9:
            s.repeat_header()
    return s


def cur2(charges):
    s = Sheet(CUR2_COLS, bom=False, crlf=False)
    for i, (v, b, e) in enumerate(all_cur_lines(charges)):
        w = {}
        for c, x in v.items():
            if c in CUR2_NAME:
                w[CUR2_NAME[c]] = x
        for c in ("line_item_usage_start_date", "line_item_usage_end_date"):
            w[c] = w[c].replace("T", " ").replace("Z", "")
        prod = {"region": v.get("product/region", "")}
        if v.get("product/instanceType"):
            prod["instance_type"] = v["product/instanceType"]
            prod["instance_family"] = "general purpose"
        w["product"] = jcompact(prod)
        tags = {c[len("resourceTags/"):]: x for c, x in v.items()
                if c.startswith("resourceTags/")}
        w["resource_tags"] = jcompact(tags) if tags else ""
        s.row(w, w["line_item_product_code"], b, e,
              cur_class(w["line_item_line_item_type"], w.get("line_item_usage_type", ""),
                        w.get("reservation_reservation_a_r_n", ""),
                        w["line_item_product_code"]),
              team=tags.get("user:team", ""), itype=prod.get("instance_type", ""))
        if i == 5:
            s.blank()
        if i == 6:
            s.blank()
    return s


# ---------------------------------------------------------------------------
# FOCUS 1.0 / 1.1 / 1.2

FOCUS_SVC = {"ec2": "Amazon Elastic Compute Cloud",
             "rds": "Amazon Relational Database Service",
             "s3": "Amazon Simple Storage Service",
             "dt": "AWS Data Transfer", "sp": "Savings Plans for AWS Compute usage",
             "support": "AWS Support (Business)", "dns": "Amazon Route 53"}

FOCUS10_COLS = [
    "AvailabilityZone", "BilledCost", "BillingAccountId", "BillingCurrency",
    "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory", "ChargeClass",
    "ChargeDescription", "ChargeFrequency", "ChargePeriodStart",
    "ChargePeriodEnd", "CommitmentDiscountCategory", "CommitmentDiscountId",
    "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity",
    "ConsumedUnit", "EffectiveCost", "ListCost", "PricingCategory",
    "ProviderName", "RegionId", "ResourceId", "ServiceCategory", "ServiceName",
    "SkuId", "SubAccountId", "Tags", "x_UsageType", "x_InstanceType",
]
FOCUS11_COLS = [c for c in FOCUS10_COLS if c not in ("x_UsageType", "x_InstanceType")] + [
    "ServiceSubcategory", "SkuMeter", "SkuPriceDetails", "CommitmentDiscountQuantity"]
FOCUS12_COLS = ["InvoiceId", "PricingCurrency", "BillingAccountType"] + FOCUS10_COLS + [
    "SkuPriceDetails"]


def focus_rows(c):
    """FOCUS rows of one charge: list of (values, billed, effective)."""
    per = c.kind in ("od", "spot", "sp_cov", "sp_fee", "ri_use", "rds")
    if per:
        start = "%s %02d:00:00" % (c.day, c.hour)
        end = "%s %02d:00:00" % (c.day, c.hour + 1)
    elif c.kind in ("s3", "dt"):
        start, end = c.day + " 00:00:00", c.day + " 23:59:59"
        end = "%s 00:00:00" % ("2026-10-0%d" % (int(c.day[-1]) + 1))
    else:
        start, end = "2026-10-01 00:00:00", "2026-11-01 00:00:00"
    base = {
        "BillingAccountId": PROD, "BillingCurrency": "USD",
        "BillingPeriodStart": "2026-10-01 00:00:00",
        "BillingPeriodEnd": "2026-11-01 00:00:00",
        "ChargeDescription": c.desc, "ChargePeriodStart": start,
        "ChargePeriodEnd": end, "ProviderName": "AWS",
        "RegionId": REGION if c.svc != "support" else "",
        "ResourceId": c.resource, "ServiceName": FOCUS_SVC[c.svc],
        "ServiceCategory": "Compute", "SkuId": "SKU-" + (c.ut or c.kind).upper().replace(":", "-"),
        "SubAccountId": c.account,
        "Tags": jcompact(c.tags) if c.tags else "",
        "x_UsageType": ("USE1-" + c.ut) if c.ut else "",
        "x_InstanceType": c.itype,
        "ChargeFrequency": "Usage-Based",
    }
    if c.itype:
        base["SkuPriceDetails"] = jcompact({"InstanceType": c.itype, "OperatingSystem": "Linux"})
    out = []

    def row(cat, pc, billed, eff, extra=None):
        v = dict(base)
        v.update({"ChargeCategory": cat, "PricingCategory": pc,
                  "BilledCost": num(billed), "EffectiveCost": num(eff),
                  "ListCost": num(billed)})
        if cat == "Usage":
            v["ConsumedQuantity"] = num(c.usage)
            v["ConsumedUnit"] = "Hours"
        v.update(extra or {})
        out.append((v, billed, eff))

    k = c.kind
    sp = {"CommitmentDiscountId": SP_ARN, "CommitmentDiscountType": "Compute Savings Plan",
          "CommitmentDiscountCategory": "Spend"}
    ri = {"CommitmentDiscountId": RI_ARN, "CommitmentDiscountType": "Reserved Instance",
          "CommitmentDiscountCategory": "Usage"}
    if k in ("od", "rds", "s3", "dt"):
        row("Usage", "Standard", c.billed, c.eff)
    elif k == "spot":
        row("Usage", "Dynamic", c.billed, c.eff)
    elif k == "sp_cov":
        row("Usage", "Committed", D(0), c.eff, dict(sp, CommitmentDiscountStatus="Used",
                                                     ListCost=num(c.od)))
    elif k == "sp_fee":
        row("Purchase", "", c.billed, D(0), dict(sp, ChargeFrequency="Recurring"))
        row("Usage", "Committed", D(0), c.eff, dict(sp, CommitmentDiscountStatus="Unused",
                                                     ResourceId=SP_ARN))
    elif k == "sp_upfront":
        row("Purchase", "", c.billed, D(0), dict(sp, ChargeFrequency="One-Time"))
    elif k == "ri_use":
        row("Usage", "Committed", D(0), c.eff, dict(ri, CommitmentDiscountStatus="Used"))
    elif k == "ri_fee":
        row("Purchase", "", c.billed, D(0), dict(ri, ChargeFrequency="Recurring"))
        row("Usage", "Committed", D(0), c.eff, dict(ri, CommitmentDiscountStatus="Unused",
                                                     ConsumedQuantity="0"))
    elif k == "ri_upfront":
        row("Purchase", "", c.billed, D(0), dict(ri, ChargeFrequency="One-Time"))
    elif k == "tax":
        row("Tax", "", c.billed, c.eff, {"ChargeFrequency": "Recurring"})
    elif k == "credit":
        row("Credit", "", c.billed, c.eff, {"ChargeFrequency": "One-Time"})
    elif k == "refund":
        row("Credit", "", c.billed, c.eff, {"ChargeFrequency": "One-Time",
                                             "ChargeClass": "Correction"})
    elif k == "edp":
        row("Adjustment", "", c.billed, c.eff, {"ChargeFrequency": "Recurring"})
    elif k == "fee":
        row("Purchase", "", c.billed, c.eff, {"ChargeFrequency": "One-Time"})
    elif k == "other":
        row("Adjustment", "", c.billed, c.eff, {"ChargeFrequency": "One-Time"})
    elif k == "support":
        row("Purchase", "", c.billed, c.eff, {"ChargeFrequency": "Recurring"})
    else:
        raise ValueError(k)
    return out


def focus_class(v, null):
    """(pricing_model, charge_kind) of a FOCUS row, by the spec."""
    def get(k):
        x = v.get(k, "")
        return "" if x in ("NULL", "null", null) else x
    pm = {"Standard": "on_demand", "On-Demand": "on_demand", "Committed": "commitment",
          "Commitment-Based": "commitment", "Dynamic": "spot", "Spot": "spot"}.get(
              get("PricingCategory"), "none")
    cat = get("ChargeCategory")
    if get("CommitmentDiscountId") and cat == "Usage":
        pm = "commitment"
    kind = {"Usage": "usage", "Purchase": "purchase", "Tax": "tax", "Credit": "credit",
            "Adjustment": "adjustment"}[cat]
    if kind == "purchase" and get("ChargeFrequency") == "Recurring" and \
            get("CommitmentDiscountId"):
        kind = "commitment_fee"
    return (pm, kind)


def focus_itype(v, null):
    """Instance type of a FOCUS row: x_InstanceType, else a key of the
    SkuPriceDetails JSON, by the spec."""
    x = v.get("x_InstanceType", "")
    if "x_InstanceType" in v or x:
        return "" if x in ("NULL", "null", null) else x
    spd = v.get("SkuPriceDetails", "")
    if spd in ("", "NULL", "null"):
        return ""
    d = json.loads(spd)
    for k in ("InstanceType", "instanceType", "VMSize", "vmSize"):
        if k in d:
            return d[k]
    return ""


def focus(charges, version):
    cols = {"1.0": FOCUS10_COLS, "1.1": FOCUS11_COLS, "1.2": FOCUS12_COLS}[version]
    null = {"1.0": "NULL", "1.1": "null", "1.2": ""}[version]
    s = Sheet(cols, bom=(version == "1.0"), crlf=(version == "1.1"))
    i = 0
    for c in charges:
        for v, b, e in focus_rows(c):
            v = {k: x for k, x in v.items() if k in cols}
            if version == "1.1":
                for k in ("ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart",
                          "BillingPeriodEnd"):
                    v[k] = v[k].replace(" ", "T") + "Z"
                v["ServiceSubcategory"] = "Virtual Machines" if c.itype else ""
                v["SkuMeter"] = c.ut
            if version == "1.2":
                for k in ("ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart",
                          "BillingPeriodEnd"):
                    v[k] = v[k].replace(" ", "T") + "+00:00"
                v["InvoiceId"] = "INV-2026-10-0042"
                v["PricingCurrency"] = "USD"
                v["BillingAccountType"] = "Billing Account"
                if "SkuPriceDetails" in v:
                    v["SkuPriceDetails"] = v["SkuPriceDetails"].replace(
                        "InstanceType", "instanceType")
                    if i % 3 == 0:
                        # x_InstanceType wins over SkuPriceDetails
                        v["SkuPriceDetails"] = jcompact({"instanceType": "decoy.large"})
            for k in cols:
                if v.get(k, "") == "" and k not in ("ResourceId", "Tags", "RegionId"):
                    v[k] = null
            s.row(v, FOCUS_SVC[c.svc], b, e, focus_class(v, null),
                  team=c.tags.get("user:team", ""), itype=focus_itype(v, null))
            if version == "1.0" and i == 2:
                s.blank()
            if version == "1.1" and i == 4:
                s.repeat_header()
            i += 1
    return s


# ---------------------------------------------------------------------------
# Azure cost exports (EA and MCA; actual and amortized datasets)

AZ_SVC = {"ec2": "Virtual Machines", "rds": "SQL Database", "s3": "Storage",
          "dt": "Bandwidth", "sp": "Virtual Machines", "support": "Azure Support",
          "dns": "Azure DNS"}
AZ_SUB = {PROD: "8c5e2f1a-1111-4a7b-9c3d-000000000001",
          STAGING: "8c5e2f1a-2222-4a7b-9c3d-000000000002"}
AZ_RES = "/subscriptions/%s/resourceGroups/shop/providers/Microsoft.Compute/virtualMachines/%s"
AZ_DB = "/subscriptions/%s/resourceGroups/shop/providers/Microsoft.Sql/servers/orders"
AZ_STORAGE = ("/subscriptions/%s/resourceGroups/shop/providers/Microsoft.Storage/"
              "storageAccounts/shopassets")
AZ_SIZE = {"m5.large": "Standard_D2s_v5", "t3.medium": "Standard_B2s",
           "c5.xlarge": "Standard_F4s_v2", "m5.xlarge": "Standard_D4s_v5",
           "r5.large": "Standard_E2s_v5", "db.t3.medium": ""}

EA_COLS = ["InvoiceSectionName", "AccountName", "SubscriptionId", "SubscriptionName",
           "Date", "ProductName", "MeterCategory", "MeterSubCategory", "MeterName",
           "ResourceLocation", "ResourceId", "Quantity", "EffectivePrice",
           "CostInBillingCurrency", "BillingCurrencyCode", "ChargeType", "Frequency",
           "PricingModel", "ReservationId", "AdditionalInfo", "Tags"]
MCA_COLS = ["billingAccountId", "billingProfileId", "subscriptionId", "subscriptionName",
            "date", "productName", "meterCategory", "meterSubCategory", "meterName",
            "resourceLocation", "resourceId", "quantity", "effectivePrice",
            "costInBillingCurrency", "billingCurrency", "chargeType", "frequency",
            "pricingModel", "benefitId", "additionalInfo", "tags"]


# The older EA column names (v1 usage details) for the same columns.
AZ_V1 = {"Date": "UsageDateTime", "SubscriptionId": "SubscriptionGuid",
         "ResourceId": "InstanceId", "CostInBillingCurrency": "PreTaxCost",
         "BillingCurrencyCode": "Currency"}


def renamed(sheet, names):
    """The same export with its columns renamed (names: old -> new)."""
    s = copy.deepcopy(sheet)
    old = ",".join(q(c) for c in s.header)
    s.header = [names.get(c, c) for c in s.header]
    new = ",".join(q(c) for c in s.header)
    s.lines = [new if x == old else x for x in s.lines]
    return s


def azure_daily(charges):
    """Azure exports are daily: hourly charges summed per day and resource."""
    groups = {}
    order = []
    for c in charges:
        key = (c.kind, c.day, c.account, c.resource, c.ut)
        if key not in groups:
            groups[key] = Charge(c.kind, c.day, 0, c.svc, D(0), D(0), account=c.account,
                                 resource=c.resource, itype=c.itype, tags=c.tags, ut=c.ut,
                                 desc=c.desc)
            order.append(key)
        g = groups[key]
        g.billed += c.billed
        g.eff += c.eff
        g.usage += c.usage
        g.od += c.od
        g.used += c.used
        g.unused_up += c.unused_up
        g.unused_rec += c.unused_rec
    return [groups[k] for k in order]


def azure_class(pm_text, charge_type):
    """(pricing_model, charge_kind) of an Azure row, by the spec."""
    kind = {"Usage": "usage", "Purchase": "purchase", "UnusedReservation": "commitment_fee",
            "UnusedSavingsPlan": "commitment_fee", "Refund": "refund", "Tax": "tax",
            "RoundingAdjustment": "adjustment"}.get(charge_type, "adjustment")
    pm = {"OnDemand": "on_demand", "Reservation": "commitment", "SavingsPlan": "commitment",
          "Spot": "spot"}.get(pm_text)
    if pm is None:
        pm = "on_demand" if pm_text == "" and kind == "usage" else "none"
    return (pm, kind)


def azure(charges, mca, amortized, day_first=False):
    cols = MCA_COLS if mca else EA_COLS
    s = Sheet(cols, bom=not mca, crlf=True)
    name = {c.lower(): c for c in cols}
    i = 0
    for c in azure_daily(charges):
        sub = AZ_SUB[c.account]
        if c.resource.startswith("i-"):
            res = AZ_RES % (sub, "vm-" + c.resource[-4:])
        elif c.svc == "rds":
            res = AZ_DB % sub
        elif c.svc == "s3":
            res = AZ_STORAGE % sub
        else:
            res = c.resource
        if mca:
            date = c.day
        else:
            y, m, dd = c.day.split("-")
            date = "%s/%s/%s" % ((dd, m, y) if day_first else (m, dd, y))
        size = AZ_SIZE.get(c.itype, "")
        info = {"ServiceType": size, "VCPUs": 2} if size else {}
        if c.tags:
            body = ",".join('"%s": "%s"' % (k.split(":")[-1], v)
                            for k, v in sorted(c.tags.items()))
            tags = body if not mca else "{" + body + "}"
        else:
            tags = ""
        base = {"invoicesectionname": "Shop", "accountname": "shop-ea",
                "billingaccountid": "77777777", "billingprofileid": "BP-ABCD-1234",
                "subscriptionid": sub, "subscriptionname": "shop-" + c.account[-4:],
                "date": date, "productname": c.desc,
                "metercategory": AZ_SVC[c.svc], "metersubcategory": "", "metername": c.ut,
                "resourcelocation": "eastus" if c.svc != "support" else "",
                "resourceid": res, "quantity": num(c.usage),
                "billingcurrencycode": "USD", "billingcurrency": "USD",
                "frequency": "UsageBased", "additionalinfo": jcompact(info) if info else "",
                "tags": tags}
        if c.kind in ("od", "spot", "sp_cov", "ri_use") and size:
            base["metersubcategory"] = size.split("_")[1] + " Series"
            base["metername"] = size[len("Standard_"):]
        rows = []

        def add(charge_type, pm, cost, billed, eff, extra=None):
            v = dict(base)
            v.update({"chargetype": charge_type, "pricingmodel": pm,
                      "costinbillingcurrency": num(cost), "effectiveprice": ""})
            v.update(extra or {})
            rows.append((v, billed, eff))

        k = c.kind
        am = amortized
        if k in ("od", "rds", "s3", "dt"):
            add("Usage", "OnDemand" if i % 3 else "", c.billed, c.billed, c.eff)
        elif k == "spot":
            add("Usage", "Spot", c.billed, c.billed, c.eff)
        elif k in ("sp_cov", "ri_use", "sp_fee", "ri_fee", "sp_upfront", "ri_upfront"):
            # commitments: covered usage is prepaid (0 in the actual
            # dataset, its amortized cost in the amortized one); the
            # recurring fee and the upfront fee are purchases, and the
            # amortized dataset adds the unused part of the commitment.
            pm, idcol, cid, unused = {
                "sp": ("SavingsPlan", "benefitid", SP_ARN, "UnusedSavingsPlan"),
                "ri": ("Reservation", "reservationid", RI_ARN, "UnusedReservation")}[k[:2]]
            if k.endswith(("_cov", "_use")):
                cost = c.eff if am else D(0)
                add("Usage", pm, cost, D(0), cost, {idcol: cid})
            else:
                add("Purchase", pm, c.billed, c.billed, D(0) if am else c.billed,
                    {"frequency": "Recurring" if k.endswith("_fee") else "OneTime",
                     "resourceid": "", idcol: cid})
            if am and k.endswith("_fee"):
                add(unused, pm, c.eff, D(0), c.eff, {idcol: cid})
        elif k == "tax":
            add("Tax", "", c.billed, c.billed, c.eff, {"quantity": ""})
        elif k == "credit":
            add("Credit", "", c.billed, c.billed, c.eff, {"quantity": ""})
        elif k == "refund":
            add("Refund", "", c.billed, c.billed, c.eff, {"quantity": ""})
        elif k == "edp":
            add("RoundingAdjustment", "", c.billed, c.billed, c.eff, {"quantity": ""})
        elif k == "fee":
            add("Purchase", "", c.billed, c.billed, c.eff, {"frequency": "OneTime"})
        elif k == "other":
            add("Adjustment", "", c.billed, c.billed, c.eff, {"quantity": ""})
        elif k == "support":
            add("Purchase", "", c.billed, c.billed, c.eff, {"frequency": "Recurring"})
        else:
            raise ValueError(k)
        for v, b, e in rows:
            w = {name[key]: x for key, x in v.items() if key in name}
            s.row(w, w[name["metercategory"]], b, e,
                  azure_class(v["pricingmodel"], v["chargetype"]),
                  team=c.tags.get("user:team", ""), itype=size)
            if i == 6:
                s.blank()
            if i == 7 and mca:
                s.repeat_header()
            i += 1
    return s


# ---------------------------------------------------------------------------
# GCP billing export (BigQuery flattened to CSV, dotted names)

GCP_COLS = ["billing_account_id", "service.id", "service.description", "sku.id",
            "sku.description", "usage_start_time", "usage_end_time", "project.id",
            "project.name", "labels", "system_labels", "location.location",
            "location.region", "export_time", "cost", "currency", "usage.amount",
            "usage.unit", "credits", "invoice.month", "cost_type", "resource.name"]
GCP_SVC = {"ec2": "Compute Engine", "rds": "Cloud SQL", "s3": "Cloud Storage",
           "dt": "Networking", "sp": "Compute Engine", "support": "Support",
           "dns": "Cloud Domains"}
GCP_PROJECT = {PROD: "shop-prod-4711", STAGING: "shop-staging-4712"}
GCP_MACHINE = {"m5.large": "n2-standard-2", "t3.medium": "e2-medium",
               "c5.xlarge": "c2-standard-4", "m5.xlarge": "n2-standard-4",
               "db.t3.medium": "db-custom-2-4096"}


def gcp(charges):
    """GCP has no prepaid commitments or reservations: the Savings Plan is a
    committed use discount billed by the hour at its full commitment, the
    covered usage carries a COMMITTED_USAGE_DISCOUNT credit; the reserved
    instance and both upfront fees have no GCP counterpart and are left out.
    The shop's credit and the enterprise discount are credits on usage rows."""
    s = Sheet(GCP_COLS, bom=False, crlf=True)
    i = 0
    promo_done = disc_done = False
    for c in charges:
        if c.kind in ("ri_use", "ri_fee", "ri_upfront", "sp_upfront", "credit", "edp"):
            continue
        start = "%s %02d:00:00+00:00" % (c.day, c.hour)
        end = "%s %02d:00:00+00:00" % (c.day, c.hour + 1)
        if c.kind in ("tax", "support", "fee", "other"):
            start, end = "2026-10-01 00:00:00+00:00", "2026-11-01 00:00:00+00:00"
        labels = [{"key": k.split(":")[-1], "value": v} for k, v in sorted(c.tags.items())]
        sysl = []
        if c.itype in GCP_MACHINE:
            sysl = [{"key": "compute.googleapis.com/cores", "value": "2"},
                    {"key": "compute.googleapis.com/machine_spec",
                     "value": GCP_MACHINE[c.itype]}]
        sku = {"od": "N2 Instance Core running in Americas",
               "spot": "Spot Preemptible C2 Instance Core running in Americas",
               "sp_cov": "N2 Instance Core running in Americas",
               "sp_fee": "Commitment v1: N2 Cpu in Americas for 1 Year",
               "rds": "Cloud SQL for PostgreSQL: Zonal - vCPU in Americas",
               "s3": "Standard Storage US Multi-region",
               "dt": "Network Internet Egress from Americas to Americas",
               "tax": "Tax", "refund": "Billing adjustment",
               "support": "Enhanced Support", "fee": "Domain registration",
               "other": "Rounding error"}[c.kind]
        cost = c.billed
        credits = []
        if c.kind == "sp_cov":
            cost = SP_OD
            credits.append({"name": "Committed use discount: CPU", "amount": -SP_OD,
                            "type": "COMMITTED_USAGE_DISCOUNT", "id": "cud-1"})
        elif c.kind == "sp_fee":
            cost = SP_COMMIT
        if c.kind == "od" and not promo_done:
            credits.append({"name": "Free trial credit", "amount": D("-5.00"),
                            "type": "PROMOTION", "id": "promo-1"})
            promo_done = True
        elif c.kind == "od" and c.hour == 1 and not disc_done:
            credits.append({"name": "Enterprise discount", "amount": D("-2.345678"),
                            "type": "DISCOUNT", "id": "disc-1"})
            disc_done = True
        cost_type = {"tax": "tax", "refund": "adjustment",
                     "other": "rounding_error"}.get(c.kind, "regular")
        cr = "[" + ", ".join(
            '{"name": "%s", "amount": %s, "full_name": null, "id": "%s", "type": "%s"}'
            % (x["name"], num(x["amount"]), x["id"], x["type"]) for x in credits) + "]"
        v = {"billing_account_id": "01ABCD-23EF45-6789AB", "service.id": "6F81-5844-456A",
             "service.description": GCP_SVC[c.svc], "sku.id": "SKU-%d" % (len(sku) * 7),
             "sku.description": sku, "usage_start_time": start, "usage_end_time": end,
             "project.id": GCP_PROJECT[c.account], "project.name": "shop",
             "labels": json.dumps(labels), "system_labels": json.dumps(sysl),
             "location.location": "us-central1" if c.svc != "support" else "",
             "location.region": "us-central1" if c.svc != "support" else "",
             "export_time": "2026-10-03 01:11:12.066000+00:00",
             "cost": num(cost), "currency": "USD",
             "usage.amount": num(c.usage * 3600) if c.kind in ("od", "spot") else num(c.usage),
             "usage.unit": "seconds", "credits": cr, "invoice.month": "202610",
             "cost_type": cost_type, "resource.name": c.resource}
        if cost_type != "regular":
            pk = ("none", {"tax": "tax"}.get(cost_type, "adjustment"))
        elif "Commitment" in sku:
            pk = ("commitment", "commitment_fee")
        elif "Spot" in sku or "Preemptible" in sku:
            pk = ("spot", "usage")
        else:
            pk = ("on_demand", "usage")
        extra = [("commitment" if "COMMITTED_USAGE" in x["type"] else "none", "credit",
                  x["amount"], x["amount"]) for x in credits]
        s.row(v, GCP_SVC[c.svc], cost, cost, pk, cells_extra=extra,
              team=c.tags.get("user:team", ""), itype=GCP_MACHINE.get(c.itype, ""))
        if i == 3:
            s.blank()
        i += 1
    return s


# ---------------------------------------------------------------------------
# Expected outputs

INGEST_HEADER = "file,format,rows_read,rows_used,rows_skipped,skipped_by_reason,billed,effective"


def ingest_row(name, fmt, rows_read, rows_used, skips, skipn, billed, eff):
    reasons = "; ".join("%s=%d" % (r, skipn[r]) for r in skips)
    return ",".join([q(name), fmt, str(rows_read), str(rows_used),
                     str(rows_read - rows_used), q(reasons), cents(billed), cents(eff)])


def expected_ingest(parts):
    """parts: list of (file name, format, Sheet).  One row per file and the
    TOTAL row (empty format), reasons merged in order of first occurrence."""
    lines = [INGEST_HEADER]
    tr = tu = 0
    tb = te = D(0)
    skips, skipn = [], {}
    for name, fmt, s in parts:
        lines.append(ingest_row(name, fmt, s.rows_read, s.rows_used, s.skips, s.skipn,
                                s.billed, s.eff))
        tr += s.rows_read
        tu += s.rows_used
        tb += s.billed
        te += s.eff
        for r in s.skips:
            if r not in skipn:
                skips.append(r)
                skipn[r] = 0
            skipn[r] += s.skipn[r]
    lines.append(ingest_row("TOTAL", "", tr, tu, skips, skipn, tb, te))
    return "\n".join(lines) + "\n"


def expected_breakdown(parts, attr, header):
    """Sums by service (attr "services"), (pricing_model, charge_kind)
    ("kinds"), team tag ("teams") or instance type ("itypes"), sorted as
    bytes, money to the cent."""
    tot = {}
    for _, _, s in parts:
        for k, (b, e) in getattr(s, attr).items():
            ob, oe = tot.get(k, (D(0), D(0)))
            tot[k] = (ob + b, oe + e)
    lines = []
    for k in tot:
        key = k if isinstance(k, tuple) else (k,)
        lines.append(",".join([q(x) for x in key] + [cents(tot[k][0]), cents(tot[k][1])]))
    lines.sort(key=lambda x: x.encode("utf-8"))
    return header + "\n" + "".join(x + "\n" for x in lines)


# ---------------------------------------------------------------------------
# Malformed inputs

def bad_fixtures(outdir, charges):
    """Write OUTDIR/bad/* and bad/cases.txt (file, line, col, ERE)."""
    bad = os.path.join(outdir, "bad")
    os.makedirs(bad, exist_ok=True)
    cases = []
    good = cur_legacy(charges[:12], bom=False, crlf=False, mess=False)
    lines = good.text().split("\n")[:-1]        # header + 12+ rows
    hdr = CUR_LEGACY_COLS

    def colpos(line, field):
        """1-based byte column where field number `field` starts."""
        col, k, inq = 1, 0, False
        for ch in line:
            if k == field:
                return col
            if ch == '"':
                inq = not inq
            elif ch == "," and not inq:
                k += 1
            col += len(ch.encode("utf-8"))
        assert k == field
        return col

    def write(name, text):
        with open(os.path.join(bad, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)

    # truncated: the last row is cut inside a quoted description, no newline
    fi = hdr.index("lineItem/LineItemDescription")
    n = next(k for k in range(5, len(lines)) if lines[k][colpos(lines[k], fi) - 1] == '"')
    last = lines[n]
    col = colpos(last, fi)
    cut = last[:col + 20]
    write("truncated.csv", "\n".join(lines[:n] + [cut]))
    cases.append(("truncated.csv", n + 1, col, "unterminated quoted field"))

    # the last row cut in the middle of its cost (an interrupted download):
    # fewer fields than the header and no line end; the error points just
    # after its last byte.  The gzip copy is a whole gzip stream of the cut
    # text (compressed after the cut).
    last = lines[8]
    ci = hdr.index("lineItem/UnblendedCost")
    cut = last[:colpos(last, ci) + 1]
    text = "\n".join(lines[:8] + [cut])
    rx = "row has %d fields, the header has %d" % (ci + 1, len(hdr))
    write("short-row.csv", text)
    cases.append(("short-row.csv", 9, len(cut.encode("utf-8")) + 1, rx))
    with open(os.path.join(bad, "short-row.csv.gz"), "wb") as f:
        f.write(gzip.compress(text.encode("utf-8"), mtime=0))
    cases.append(("short-row.csv.gz", 9, len(cut.encode("utf-8")) + 1, rx))

    # wrong header
    write("wrong-header.csv", "date,amount,description\n2026-10-01,1.00,coffee\n")
    cases.append(("wrong-header.csv", 1, 1, "unrecognised billing header"))

    # unterminated quote on line 3; no quote character after it in the file
    ln = lines[2]
    col = colpos(ln, fi)
    rest = [x.replace('"', "") for x in lines[3:8]]
    broken = ln[:col - 1] + '"Tax for product code AmazonEC2' + "\n" + "\n".join(rest) + "\n"
    write("unterminated-quote.csv", "\n".join(lines[:2]) + "\n" + broken)
    cases.append(("unterminated-quote.csv", 3, col, "unterminated quoted field"))

    def replace_cell(name, lineno, column, value, rx, sheet=None):
        """The first lines of a CUR (or of sheet) with the cell of `column`
        on line `lineno` (1-based, the header is 1) replaced by value;
        expect rx at that cell.  A name ending in .gz is compressed."""
        src, names, eol = lines, hdr, "\n"
        if sheet is not None:
            src, names, eol = sheet.text().split(sheet.eol)[:-1], sheet.header, sheet.eol
        ln = src[lineno - 1]
        col = colpos(ln, names.index(column))
        end = ln.find(",", col - 1)
        end = len(ln) if end < 0 else end       # the last column
        text = eol.join(src[:lineno - 1] + [ln[:col - 1] + value + ln[end:]]
                        + src[lineno:8]) + eol
        if name.endswith(".gz"):
            with open(os.path.join(bad, name), "wb") as f:
                f.write(gzip.compress(text.encode("utf-8"), mtime=0))
        else:
            write(name, text)
        cases.append((name, lineno, col, rx))

    replace_cell("bad-number.csv", 4, "lineItem/UnblendedCost", "abc",
                 'UnblendedCost "abc" is not a number')
    replace_cell("bad-date.csv", 3, "lineItem/UsageStartDate", "2026-13-45T00:00:00Z",
                 "2026-13-45")
    replace_cell("missing-date.csv", 5, "lineItem/UsageStartDate", "", "[Dd]ate")
    # dates a rollup could not be read back in: past 9999 in UTC
    replace_cell("date-after-9999.csv", 4, "lineItem/UsageStartDate",
                 "9999-12-31T23:00:00-14:00", "outside the years 1900 to 9999")
    replace_cell("epoch-15-digits.csv", 5, "lineItem/UsageStartDate", "999999999999999",
                 '"999999999999999" is outside the years 1900 to 9999')
    replace_cell("date-before-1900.csv", 6, "lineItem/UsageStartDate",
                 "1900-01-01T00:00:00+01:00", "outside the years 1900 to 9999")
    replace_cell("bad-usage.csv", 6, "lineItem/UsageAmount", "n/a",
                 'UsageAmount "n/a" is not a number')
    replace_cell("bad-number.csv.gz", 7, "lineItem/UnblendedCost", "1.2.3",
                 r'UnblendedCost "1\.2\.3" is not a number')
    replace_cell("focus-bad-number.csv", 4, "EffectiveCost", "12;50",
                 'EffectiveCost "12;50" is not a number', focus(charges[:12], "1.0"))
    replace_cell("azure-bad-date.csv", 3, "Date", "13/45/2026", "13/45/2026",
                 azure(charges[:12], mca=False, amortized=False))
    replace_cell("azure-bad-cost.csv", 5, "CostInBillingCurrency", "USD 1.00",
                 'CostInBillingCurrency "USD 1.00" is not a number',
                 azure(charges[:12], mca=False, amortized=False))

    # NUL bytes in names the rollup keeps
    replace_cell("nul-service.csv", 4, "lineItem/ProductCode", "Amazon\0EC2",
                 "lineItem/ProductCode holds a NUL byte")
    replace_cell("nul-tag.csv", 5, "resourceTags/user:team", "web\0",
                 "resourceTags/user:team holds a NUL byte")
    replace_cell("azure-nul-region.csv", 3, "ResourceLocation", "east\0us",
                 "ResourceLocation holds a NUL byte",
                 azure(charges[:12], mca=False, amortized=False))

    # a column named twice (the second would be dropped silently): the
    # error is at the second and names the first; a column the format reads
    # named again in other case is as ambiguous
    def extra_column(name, column, first, rx):
        hl = ",".join(hdr + [column])
        body = [ln + ",0.5" for ln in lines[1:6]]
        write(name, "\n".join([hl] + body) + "\n")
        cases.append((name, 1, colpos(hl, len(hdr)),
                      rx % (column, colpos(hl, hdr.index(first)))))

    extra_column("duplicate-column.csv", "lineItem/UnblendedCost", "lineItem/UnblendedCost",
                 'column "%s" is in the header twice [(]also at 1:%d[)]')
    extra_column("duplicate-tag-column.csv", "resourceTags/user:team", "resourceTags/user:team",
                 'column "%s" is in the header twice [(]also at 1:%d[)]')
    extra_column("case-duplicate-column.csv", "lineitem/unblendedcost", "lineItem/UnblendedCost",
                 'column "%s" differs only in case from "lineItem/UnblendedCost" at 1:%d')

    # empty file, plain and gzip
    write("empty.csv", "")
    cases.append(("empty.csv", "*", "*", "empty file"))
    with open(os.path.join(bad, "empty.csv.gz"), "wb") as f:
        f.write(gzip.compress(b"", mtime=0))
    cases.append(("empty.csv.gz", "*", "*", "empty file"))

    # gzip cut short
    full = "\n".join(lines) + "\n"
    z = gzip.compress(full.encode("utf-8") * 40, compresslevel=6, mtime=0)
    with open(os.path.join(bad, "cut.csv.gz"), "wb") as f:
        f.write(z[:len(z) // 2])
    cases.append(("cut.csv.gz", "*", "*", "gzip data ends early"))

    # a row with more fields than the header (line 3): the error points at
    # the first field beyond the header
    ln = lines[2]
    nfields = len(hdr)
    padded = ln + "," * (nfields - 1 - ln.count(",")) if '"' not in ln else None
    assert padded is not None
    extra = padded + ",surplus"
    col = len(padded.encode("utf-8")) + 2
    write("too-many-fields.csv", "\n".join(lines[:2] + [extra] + lines[3:8]) + "\n")
    cases.append(("too-many-fields.csv", 3, col, "field"))

    with open(os.path.join(bad, "cases.txt"), "w") as f:
        for name, line, col, rx in cases:
            f.write("%s\t%s\t%s\t%s\n" % (name, line, col, rx))


# ---------------------------------------------------------------------------

def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: gen_billing.py OUTDIR\n")
        return 2
    out = argv[1]
    os.makedirs(os.path.join(out, "expected"), exist_ok=True)
    charges = truth()
    tb = sum((c.billed for c in charges), D(0))
    te = sum((c.eff for c in charges), D(0))

    cases = []     # (case, [(file, format, sheet, bytes)])

    def one(case, fname, fmt, sheet, data=None, must_match_truth=True):
        if must_match_truth:
            if sheet.billed != tb or sheet.eff != te:
                sys.stderr.write("gen_billing: %s: billed %s effective %s, truth %s %s\n"
                                 % (fname, sheet.billed, sheet.eff, tb, te))
                sys.exit(1)
        cases.append((case, [(fname, fmt, sheet, data if data is not None else sheet.data())]))

    s = cur_legacy(charges, bom=True, crlf=False)
    one("cur-legacy", "cur-legacy.csv", "aws-cur-legacy", s)
    s = cur_legacy(charges, bom=False, crlf=True, date=lambda x: x.replace("T", " ").replace("Z", ""))
    one("cur-legacy-gz", "cur-legacy-crlf.csv.gz", "aws-cur-legacy", s,
        gzip.compress(s.data(), compresslevel=6, mtime=0))

    # A month in two parts: part 1 has day one and the monthly lines, without
    # tag columns; part 2 has day two, its columns in another order, with the
    # tag columns and an extra column part 1 lacks, and neither the
    # description nor the currency column (the currency defaults to USD).
    p1 = [c for c in charges if c.day == DAYS[0]]
    p2 = [c for c in charges if c.day == DAYS[1]]
    h1 = [c for c in CUR_LEGACY_COLS if not c.startswith("resourceTags/")]
    h2 = list(reversed([c for c in CUR_LEGACY_COLS
                        if c not in ("lineItem/LineItemDescription", "lineItem/CurrencyCode")]))
    h2.insert(5, "product/operatingSystem")
    s1 = cur_legacy(p1, bom=True, crlf=False, header=h1, mess=False)
    s2 = cur_legacy(p2, bom=False, crlf=False, header=h2, mess=False)
    s2.blank()
    s2.repeat_header()
    if s1.billed + s2.billed != tb or s1.eff + s2.eff != te:
        sys.stderr.write("gen_billing: CUR parts do not add up to the truth\n")
        return 1
    cases.append(("cur-parts", [("cur-2026-10-part1.csv", "aws-cur-legacy", s1, s1.data()),
                                ("cur-2026-10-part2.csv.gz", "aws-cur-legacy", s2,
                                 gzip.compress(s2.data(), compresslevel=1, mtime=0))]))

    one("cur2", "cur2.csv", "aws-cur-2.0", cur2(charges))
    one("focus-1.0", "focus-1.0.csv", "focus-1.0", focus(charges, "1.0"))
    one("focus-1.1", "focus-1.1.csv", "focus-1.1", focus(charges, "1.1"))
    s = focus(charges, "1.2")
    one("focus-1.2", "focus-1.2.csv.gz", "focus-1.2", s, gzip.compress(s.data(), mtime=0))
    one("azure-ea-actual", "azure-ea-actual.csv", "azure-ea-actual",
        azure(charges, mca=False, amortized=False), must_match_truth=False)
    one("azure-ea-amortized", "azure-ea-Amortized-2026-10.csv", "azure-ea-amortized",
        azure(charges, mca=False, amortized=True))
    one("azure-mca-actual", "azure-mca-actual.csv", "azure-mca-actual",
        azure(charges, mca=True, amortized=False), must_match_truth=False)
    one("azure-mca-amortized", "azure-mca-amortized.csv", "azure-mca-amortized",
        azure(charges, mca=True, amortized=True))
    one("azure-ea-v1", "azure-ea-v1.csv", "azure-ea-actual",
        renamed(azure(charges, mca=False, amortized=False), AZ_V1), must_match_truth=False)
    one("azure-ea-by-option", "azure-ea-2026-10.csv", "azure-ea-amortized",
        azure(charges, mca=False, amortized=True))
    # day first (01/10/2026): no day above 12 tells, so --date-order dmy
    one("azure-ea-day-first", "azure-ea-day-first.csv", "azure-ea-actual",
        azure(charges, mca=False, amortized=False, day_first=True), must_match_truth=False)
    s = gcp(charges)
    one("gcp", "gcp.csv", "gcp", s, must_match_truth=False)
    one("gcp-underscored", "gcp-underscored.csv", "gcp",
        renamed(s, {c: c.replace(".", "_") for c in GCP_COLS}), must_match_truth=False)

    # The actual Azure datasets bill exactly what the truth bills.
    for case, parts in cases:
        if case.endswith("-actual"):
            s = parts[0][2]
            if s.billed != tb or s.eff != tb:
                sys.stderr.write("gen_billing: %s does not bill the truth\n" % case)
                return 1

    with open(os.path.join(out, "cases.txt"), "w") as f:
        for case, parts in cases:
            for fname, _, _, data in parts:
                with open(os.path.join(out, fname), "wb") as g:
                    g.write(data)
            meta = [(fname, fmt, s) for fname, fmt, s, _ in parts]
            with open(os.path.join(out, "expected", case + ".ingest.csv"), "w") as g:
                g.write(expected_ingest(meta))
            with open(os.path.join(out, "expected", case + ".services.csv"), "w") as g:
                g.write(expected_breakdown(meta, "services", "service,billed,effective"))
            with open(os.path.join(out, "expected", case + ".teams.csv"), "w") as g:
                g.write(expected_breakdown(meta, "teams", "team,billed,effective"))
            with open(os.path.join(out, "expected", case + ".itypes.csv"), "w") as g:
                g.write(expected_breakdown(meta, "itypes", "instance_type,billed,effective"))
            with open(os.path.join(out, "expected", case + ".kinds.csv"), "w") as g:
                g.write(expected_breakdown(meta, "kinds",
                                           "pricing_model,charge_kind,billed,effective"))
            tagkey = "team" if case.startswith(("azure", "gcp")) else "user:team"
            opts = {"azure-ea-by-option": "--azure-cost=amortized",
                    "azure-ea-day-first": "--date-order=dmy"}.get(case, "-")
            f.write(" ".join([case, tagkey, opts] + [p[0] for p in parts]) + "\n")
    with open(os.path.join(out, "expected", "truth.txt"), "w") as f:
        f.write("billed %s\neffective %s\n" % (cents(tb), cents(te)))
    # every file of every case in one run
    meta = [(fname, fmt, s) for case, parts in cases for fname, fmt, s, _ in parts
            if case not in ("azure-ea-by-option", "azure-ea-day-first")]  # options
    with open(os.path.join(out, "expected", "all.ingest.csv"), "w") as g:
        g.write(expected_ingest(meta))
    with open(os.path.join(out, "all.txt"), "w") as g:
        g.write(" ".join(m[0] for m in meta) + "\n")
    with open(os.path.join(out, "same-rollup.txt"), "w") as f:
        f.write("cur-legacy cur-legacy-gz cur2\n"
                "focus-1.0 focus-1.2\n"
                "azure-ea-actual azure-mca-actual azure-ea-v1 azure-ea-day-first\n"
                "azure-ea-amortized azure-mca-amortized azure-ea-by-option\n"
                "gcp gcp-underscored\n")
    bad_fixtures(out, charges)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
