#!/usr/bin/env python3
"""gen_sample.py - write the bundled sample data (data/sample/) from one
planted ground truth.

The story: Verdant Supply Co., a home-goods web shop (~1.2 M monthly users),
runs a PHP monolith on EC2 behind an Application Load Balancer, MySQL on RDS,
Redis on ElastiCache, media on S3 behind CloudFront, in us-east-1, for
September and October 2026. This script writes, for those two months:

  billing/   AWS Cost and Usage Report (legacy CSV, hourly), gzip: September
             in one file, October in two parts (the second part carries one
             more resourceTags column, as when a tag is activated mid-month)
  orders/    hourly order counts, and one week as an order export (one row
             per order)
  metrics/   CloudWatch get-metric-data output (CPU per instance in two
             pages, agent memory, ALB request count) and a Prometheus
             query_range answer for the web fleet's CPU
  expected.json  the ground truth: totals per month and service (computed
             with Decimal from the very strings written), orders, cost per
             order, and every planted parameter

Deterministic: one seeded random.Random, no wall clock, gzip with mtime 0,
floats rounded before they are printed. Python 3 standard library only.

usage: gen_sample.py --out DIR
"""
import argparse
import base64
import csv
import datetime as dt
import functools
import gzip
import hashlib
import io
import json
import math
import os
import random
from decimal import Decimal, ROUND_HALF_UP, ROUND_HALF_EVEN

SEED = 20261101
UTC = dt.timezone.utc
START = dt.datetime(2026, 9, 1, tzinfo=UTC)
END = dt.datetime(2026, 11, 1, tzinfo=UTC)
HOURS = int((END - START).total_seconds() // 3600)  # 1464
MONTHS = ("2026-09", "2026-10")

# ---- the planted load model -------------------------------------------------
# Orders per hour at time t (hours since 2026-09-01T00:00Z):
#   level * growth^(days/MONTH_DAYS) * daily(local hour) * weekly(local day) * event
# Local time is US Eastern, which is UTC-4 for all of September and October
# 2026 (daylight time ends on 2026-11-01).
LOCAL_OFFSET_H = -4
LEVEL = 75.0              # orders/hour on 2026-09-01: ~1,800 orders/day
GROWTH_PER_MONTH = 0.03   # 3 % a month, compounded continuously
MONTH_DAYS = 365.2425 / 12  # a planner's month, 30.436875 days
DAILY = ((0.52, 18.5), (0.15, 9.0))   # (amplitude, phase hour) of 24 h and 12 h
WEEKLY = (0.07, 6.0)      # amplitude, phase day (0 = Monday): peak on Sunday
# The sale runs 24 hours from 20:00 Eastern on 2026-10-15, i.e. the UTC day
# 2026-10-16 (launched at evening prime time).
EVENT = {"date": "2026-10-16", "name": "Autumn sale", "uplift": 2.5, "day": "UTC"}
# An outlier the fit must shrug off: a payment provider incident during which
# most checkouts failed (traffic carried on, orders did not).
OUTAGE = {"start": "2026-09-23T18:00:00Z", "hours": 1, "factor": 0.15}
# Requests at the load balancer: REQ_PER_ORDER per order, plus a constant
# background of crawlers and uptime checks. ~1,400 requests per order is
# ~2.5 visits of ~25 dynamic requests per user and 4-5 % conversion (media
# comes from CloudFront and is not counted here).
REQ_PER_ORDER = 1400
REQ_BACKGROUND = 2.5      # requests/second
# Web tier capacity: one m5.xlarge serves WEB_CAP requests/s at 100 % CPU
# above an idle floor of WEB_IDLE_CPU %. The Auto Scaling group tracks
# WEB_TARGET % CPU between 6 and 14 instances (a warm pool keeps the 14 ids);
# a scheduled action raises the maximum to 32 for the sale day.
WEB_CAP = 7.5
WEB_IDLE_CPU = 4.0
WEB_TARGET = 50.0
WEB_MIN, WEB_MAX, WEB_MAX_SALE = 6, 14, 32
SP_INSTANCES = 5          # the Savings Plan commitment covers 5 m5.xlarge

# ---- prices: us-east-1, Linux, on-demand list prices (USD) -------------------
# Sources in data/sample/README.md (AWS pricing pages for EC2, RDS for MySQL,
# ElastiCache, EBS, VPC/NAT, ELB, S3, CloudFront, CloudWatch, Support).
P = {
    "m5.xlarge": Decimal("0.192"),
    "m5.large": Decimal("0.096"),
    "c5.4xlarge": Decimal("0.68"),
    "t3.large": Decimal("0.0832"),
    "db.r5.2xlarge.maz": Decimal("2.00"),     # MySQL Multi-AZ (2 x 1.00)
    "cache.r6g.large": Decimal("0.206"),
    "ebs.gp3": Decimal("0.08"),               # per GB-month
    "rds.gp2.maz": Decimal("0.23"),           # per GB-month, Multi-AZ
    "nat.hour": Decimal("0.045"),
    "nat.gb": Decimal("0.045"),
    "alb.hour": Decimal("0.0225"),
    "alb.lcu": Decimal("0.008"),
    "dto.gb": Decimal("0.09"),                # internet, first 10 TB tier
    "s3.gb": Decimal("0.023"),                # Standard, first 50 TB
    "s3.put": Decimal("0.000005"),            # $0.005 per 1,000
    "s3.get": Decimal("0.0000004"),           # $0.0004 per 1,000
    "cf.gb": Decimal("0.085"),                # US/Canada/Mexico, first 10 TB
    "cf.req": Decimal("0.000001"),            # HTTPS, $0.0100 per 10,000
    "cw.metric": Decimal("0.30"),             # custom metric-month
}
# Compute Savings Plan, 1 year, Partial Upfront, bought 2026-04-01 (before the
# sample starts, so the upfront payment is not on these invoices). The rate is
# an assumption near the published m5.xlarge rate (about 32 % off on-demand).
SP_RATE = Decimal("0.131")
SP_COMMIT = SP_RATE * SP_INSTANCES            # $/hour, fully used every hour
SP_RECURRING = SP_COMMIT / 2                  # half paid monthly ...
SP_UPFRONT_AMORT = SP_COMMIT - SP_RECURRING   # ... half paid upfront
SP_ARN = "arn:aws:savingsplans::531209874412:savingsplan/6f1c0b2e-8d4a-4e57-9b3c-2a7d1e5f9c04"
TAX_RATE = Decimal("0.06")  # state sales tax on AWS services (assumption)
CREDIT = {"month": "2026-10", "amount": Decimal("-500.00"), "product": "AmazonEC2",
          "description": "AWS Credits - Migration Acceleration Program"}

ACCOUNT = "531209874412"
REGION = "us-east-1"
LOCATION = "US East (N. Virginia)"
Q10 = Decimal("0.0000000001")


def d10(x):
    """Decimal to the 10 places a legacy CUR prints."""
    return Decimal(x).quantize(Q10, rounding=ROUND_HALF_UP)


def s10(x):
    return format(d10(x), "f")


def rid(kind, name, n=17):
    """A stable AWS-looking id from a name (i-0..., vol-0...)."""
    return kind + "-0" + hashlib.sha256(name.encode()).hexdigest()[: n - 1]


@functools.lru_cache(maxsize=None)
def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def month_of(t):
    return t.strftime("%Y-%m")


def hours_in_month(m):
    y, mo = int(m[:4]), int(m[5:])
    a = dt.datetime(y, mo, 1, tzinfo=UTC)
    b = dt.datetime(y + (mo == 12), mo % 12 + 1, 1, tzinfo=UTC)
    return int((b - a).total_seconds() // 3600)


# ---- randomness (only random() is used: stable across Python versions) ------
class Rng:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def u(self):
        return self.r.random()

    def gauss(self):
        u1 = 1.0 - self.r.random()
        u2 = self.r.random()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def poisson(self, lam):
        # Knuth's product method; lam stays below ~700 so exp() is fine
        lim = math.exp(-lam)
        k, p = 0, self.r.random()
        while p > lim:
            k += 1
            p *= self.r.random()
        return k


# ---- the load curve ---------------------------------------------------------
def local_parts(t):
    """(local hour as float, local weekday 0=Mon as float, local date)."""
    lt = t + dt.timedelta(hours=LOCAL_OFFSET_H)
    hl = lt.hour + lt.minute / 60.0 + lt.second / 3600.0
    return hl, lt.weekday() + hl / 24.0, lt.date().isoformat()


def order_rate(t):
    """Expected orders per hour at instant t (smooth, no noise, no outage)."""
    hl, wd, _ = local_parts(t)
    days = (t - START).total_seconds() / 86400.0
    v = LEVEL * math.exp(math.log(1 + GROWTH_PER_MONTH) * days / MONTH_DAYS)
    f = 1.0
    for amp, ph in DAILY[:1]:
        f += amp * math.cos(2 * math.pi * (hl - ph) / 24.0)
    amp2, ph2 = DAILY[1]
    f += amp2 * math.cos(4 * math.pi * (hl - ph2) / 24.0)
    v *= f
    v *= 1 + WEEKLY[0] * math.cos(2 * math.pi * (wd - WEEKLY[1]) / 7.0)
    if t.strftime("%Y-%m-%d") == EVENT["date"]:
        v *= EVENT["uplift"]
    return v


def request_rate(t):
    """Expected load balancer requests per second at instant t."""
    return order_rate(t) * REQ_PER_ORDER / 3600.0 + REQ_BACKGROUND


def web_count(t_hour):
    """Instances in service for the hour starting at t_hour (target tracking
    on the hour's mean CPU, clamped to the group's min/max)."""
    r = sum(request_rate(t_hour + dt.timedelta(minutes=5 * k + 2.5)) for k in range(12)) / 12
    work = 100.0 * r / WEB_CAP                     # CPU-% of one instance
    n = math.ceil(work / (WEB_TARGET - WEB_IDLE_CPU))
    hi = WEB_MAX_SALE if t_hour.strftime("%Y-%m-%d") == EVENT["date"] else WEB_MAX
    return max(WEB_MIN, min(hi, n))


# ---- resources --------------------------------------------------------------
AZS = ("us-east-1a", "us-east-1b", "us-east-1c")
WEB = []  # (name, instance id, az, volume id)
for k in range(1, WEB_MAX_SALE + 1):
    name = "web%02d" % k
    WEB.append((name, rid("i", "verdant-" + name), AZS[(k - 1) % 3], rid("vol", "verdant-root-" + name)))
SINGLES = {
    # name: (instance type, az, team, env, service, EBS GB, role)
    "batch": ("c5.4xlarge", "us-east-1b", "fulfilment", "prod", "batch", 500),
    "dev": ("t3.large", "us-east-1a", "platform", "dev", "dev", 200),
    "search": ("m5.large", "us-east-1c", "storefront", "prod", "search", 300),
}
SINGLE_ID = {k: rid("i", "verdant-" + k) for k in SINGLES}
SINGLE_VOL = {k: rid("vol", "verdant-data-" + k) for k in SINGLES}
WEB_EBS_GB = 100
RDS_ARN = "arn:aws:rds:us-east-1:%s:db:verdant-prod-mysql" % ACCOUNT
RDS_GB = 1000
CACHE_ARNS = ["arn:aws:elasticache:us-east-1:%s:cluster:verdant-redis-000%d-001" % (ACCOUNT, k)
              for k in (1, 2)]
NAT_ARN = "arn:aws:ec2:us-east-1:%s:natgateway/nat-0b7e3c91d5a24f608" % ACCOUNT
ALB_NAME = "app/verdant-web/4f2a1c9e8b7d6a53"
ALB_ARN = "arn:aws:elasticloadbalancing:us-east-1:%s:loadbalancer/%s" % (ACCOUNT, ALB_NAME)
BUCKET = "verdant-media-prod"
S3_GB = 8500
CF_ARN = "arn:aws:cloudfront::%s:distribution/E2QWRUHAPOMQZL" % ACCOUNT
CW_METRICS = 120

TAGS = {
    "web": ("storefront", "prod", "web"),
    "batch": ("fulfilment", "prod", "batch"),
    "dev": ("platform", "dev", "dev"),
    "search": ("storefront", "prod", "search"),
    "mysql": ("data", "prod", "mysql"),
    "redis": ("data", "prod", "redis"),
    "nat": ("platform", "prod", "network"),
    "alb": ("storefront", "prod", "edge"),
    "media": ("storefront", "prod", "media"),
    "cdn": ("storefront", "prod", "cdn"),
}
COST_CENTER = {"storefront": "cc-4100", "fulfilment": "cc-4300", "platform": "cc-4200",
               "data": "cc-4200"}

# ---- the CUR ----------------------------------------------------------------
COLUMNS = [
    "identity/LineItemId", "identity/TimeInterval",
    "bill/InvoiceId", "bill/InvoicingEntity", "bill/BillingEntity", "bill/BillType",
    "bill/PayerAccountId", "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate",
    "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate",
    "lineItem/UsageEndDate", "lineItem/ProductCode", "lineItem/UsageType",
    "lineItem/Operation", "lineItem/AvailabilityZone", "lineItem/ResourceId",
    "lineItem/UsageAmount", "lineItem/NormalizationFactor",
    "lineItem/NormalizedUsageAmount", "lineItem/CurrencyCode", "lineItem/UnblendedRate",
    "lineItem/UnblendedCost", "lineItem/BlendedRate", "lineItem/BlendedCost",
    "lineItem/LineItemDescription", "lineItem/TaxType", "lineItem/LegalEntity",
    "product/ProductName", "product/databaseEngine", "product/deploymentOption",
    "product/instanceFamily", "product/instanceType", "product/location",
    "product/memory", "product/operatingSystem", "product/productFamily",
    "product/region", "product/servicecode", "product/vcpu",
    "pricing/publicOnDemandCost", "pricing/publicOnDemandRate", "pricing/term",
    "pricing/unit",
    "reservation/EffectiveCost", "reservation/ReservationARN",
    "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedRecurringFee",
    "savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod", "savingsPlan/RecurringCommitmentForBillingPeriod",
    "savingsPlan/SavingsPlanARN", "savingsPlan/SavingsPlanEffectiveCost",
    "savingsPlan/SavingsPlanRate", "savingsPlan/TotalCommitmentToDate",
    "savingsPlan/UsedCommitment",
    "resourceTags/user:env", "resourceTags/user:service", "resourceTags/user:team",
]
EXTRA_TAG = "resourceTags/user:cost-center"   # October part 2 only

PRODUCT_NAME = {
    "AmazonEC2": "Amazon Elastic Compute Cloud",
    "AmazonRDS": "Amazon Relational Database Service",
    "AmazonElastiCache": "Amazon ElastiCache",
    "AmazonS3": "Amazon Simple Storage Service",
    "AmazonCloudFront": "Amazon CloudFront",
    "AWSELB": "Elastic Load Balancing",
    "AWSDataTransfer": "AWS Data Transfer",
    "AmazonCloudWatch": "AmazonCloudWatch",
    "ComputeSavingsPlans": "Savings Plans for AWS Compute usage",
    "AWSSupportBusiness": "AWS Support (Business)",
}
INSTANCE_INFO = {  # family, memory, vcpu, normalization factor
    "m5.xlarge": ("General purpose", "16 GiB", "4", 8),
    "m5.large": ("General purpose", "8 GiB", "2", 4),
    "c5.4xlarge": ("Compute optimized", "32 GiB", "16", 32),
    "t3.large": ("General purpose", "8 GiB", "2", 4),
}


class Cur:
    """Collects the line items of one billing month."""

    def __init__(self, month):
        self.month = month
        y, m = int(month[:4]), int(month[5:])
        self.start = dt.datetime(y, m, 1, tzinfo=UTC)
        self.end = dt.datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=UTC)
        self.rows = []
        self.invoice = {"2026-09": "2026117604", "2026-10": "2026133518"}[month]

    def add(self, ltype, t0, t1, product, usage_type, operation, resource, usage,
            rate, cost, desc, az="", tags=None, itype="", extra=None, region=REGION):
        cost = d10(cost)
        r = {
            "identity/TimeInterval": "%s/%s" % (iso(t0), iso(t1)),
            "bill/InvoiceId": self.invoice,
            "bill/InvoicingEntity": "Amazon Web Services, Inc.",
            "bill/BillingEntity": "AWS",
            "bill/BillType": "Anniversary",
            "bill/PayerAccountId": ACCOUNT,
            "bill/BillingPeriodStartDate": iso(self.start),
            "bill/BillingPeriodEndDate": iso(self.end),
            "lineItem/UsageAccountId": ACCOUNT,
            "lineItem/LineItemType": ltype,
            "lineItem/UsageStartDate": iso(t0),
            "lineItem/UsageEndDate": iso(t1),
            "lineItem/ProductCode": product,
            "lineItem/UsageType": usage_type,
            "lineItem/Operation": operation,
            "lineItem/AvailabilityZone": az,
            "lineItem/ResourceId": resource,
            "lineItem/UsageAmount": "" if usage is None else s10(usage),
            "lineItem/CurrencyCode": "USD",
            "lineItem/UnblendedRate": "" if rate is None else s10(rate),
            "lineItem/UnblendedCost": format(cost, "f"),
            "lineItem/BlendedRate": "" if rate is None else s10(rate),
            "lineItem/BlendedCost": format(cost, "f"),
            "lineItem/LineItemDescription": desc,
            "lineItem/LegalEntity": "Amazon Web Services, Inc.",
            "product/ProductName": PRODUCT_NAME[product],
            "product/location": LOCATION if region == REGION else "",
            "product/region": region,
            "product/servicecode": product,
        }
        if itype in INSTANCE_INFO:
            fam, mem, vcpu, nf = INSTANCE_INFO[itype]
            r.update({"product/instanceType": itype, "product/instanceFamily": fam,
                      "product/memory": mem, "product/vcpu": vcpu,
                      "product/operatingSystem": "Linux",
                      "product/productFamily": "Compute Instance",
                      "lineItem/NormalizationFactor": str(nf),
                      "lineItem/NormalizedUsageAmount": s10(Decimal(usage or 0) * nf)})
        elif itype:
            r["product/instanceType"] = itype
        if tags:
            team, env, svc = TAGS[tags]
            r.update({"resourceTags/user:team": team, "resourceTags/user:env": env,
                      "resourceTags/user:service": svc,
                      EXTRA_TAG: COST_CENTER[team]})
        if extra:
            r.update(extra)
        self.rows.append(r)
        return r

    def od(self, t0, product, usage_type, operation, resource, usage, rate, desc, unit,
           **kw):
        """An on-demand Usage line for the hour starting at t0."""
        usage = d10(usage)
        cost = usage * rate
        kw.setdefault("extra", {})
        kw["extra"].update({"pricing/publicOnDemandCost": s10(cost),
                            "pricing/publicOnDemandRate": s10(rate),
                            "pricing/term": "OnDemand", "pricing/unit": unit})
        return self.add("Usage", t0, t0 + dt.timedelta(hours=1), product, usage_type,
                        operation, resource, usage, rate, cost, desc, **kw)


def cur_hour(cur, t, n_web, traffic, rng):
    """All line items for the hour starting at t."""
    h1 = t + dt.timedelta(hours=1)
    month_h = hours_in_month(month_of(t))
    m5 = P["m5.xlarge"]
    desc_m5 = "$0.192 per On Demand Linux m5.xlarge Instance Hour"
    # web fleet: the first SP_INSTANCES instances are covered by the plan
    used = Decimal(0)
    for k in range(n_web):
        name, iid, az, _ = WEB[k]
        if k < SP_INSTANCES:
            spc = SP_RATE
            used += spc
            cur.add("SavingsPlanCoveredUsage", t, h1, "AmazonEC2", "BoxUsage:m5.xlarge",
                    "RunInstances", iid, 1, m5, m5, desc_m5, az=az, tags="web",
                    itype="m5.xlarge",
                    extra={"pricing/publicOnDemandCost": s10(m5),
                           "pricing/publicOnDemandRate": s10(m5), "pricing/term": "OnDemand",
                           "pricing/unit": "Hrs", "savingsPlan/SavingsPlanARN": SP_ARN,
                           "savingsPlan/SavingsPlanRate": s10(SP_RATE),
                           "savingsPlan/SavingsPlanEffectiveCost": s10(spc)})
            cur.add("SavingsPlanNegation", t, h1, "AmazonEC2", "BoxUsage:m5.xlarge",
                    "RunInstances", iid, 0, m5, -m5,
                    "SavingsPlanNegation used by AccountId : %s and UsageSku : 6WKZ2RFMQ2CNJ7DP" % ACCOUNT,
                    az=az, tags="web", itype="m5.xlarge",
                    extra={"savingsPlan/SavingsPlanARN": SP_ARN,
                           "savingsPlan/SavingsPlanRate": s10(SP_RATE)})
        else:
            cur.od(t, "AmazonEC2", "BoxUsage:m5.xlarge", "RunInstances", iid, 1, m5,
                   desc_m5, "Hrs", az=az, tags="web", itype="m5.xlarge")
    cur.add("SavingsPlanRecurringFee", t, h1, "ComputeSavingsPlans", "ComputeSP:1yrPartialUpfront",
            "", SP_ARN, 1, SP_RECURRING, SP_RECURRING,
            "1 year Partial Upfront Compute Savings Plan", az="",
            extra={"savingsPlan/SavingsPlanARN": SP_ARN,
                   "savingsPlan/RecurringCommitmentForBillingPeriod": s10(SP_RECURRING),
                   "savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod": s10(SP_UPFRONT_AMORT),
                   "savingsPlan/TotalCommitmentToDate": s10(SP_COMMIT),
                   "savingsPlan/UsedCommitment": s10(used)})
    # the three single instances
    for key, (itype, az, _team, _env, _svc, _gb) in SINGLES.items():
        rate = P[itype]
        cur.od(t, "AmazonEC2", "BoxUsage:" + itype, "RunInstances", SINGLE_ID[key], 1, rate,
               "$%s per On Demand Linux %s Instance Hour" % (rate.normalize(), itype), "Hrs",
               az=az, tags=key, itype=itype)
    # EBS: root volumes of the warm pool (kept while stopped), of sale
    # instances while they run, and the data volumes of the singles
    gbmo = lambda gb: Decimal(gb) / month_h
    desc_gp3 = "$0.08 per GB-month of General Purpose (gp3) provisioned storage - US East (Northern Virginia)"
    for k in range(max(WEB_MAX, n_web)):
        name, _, az, vol = WEB[k]
        cur.od(t, "AmazonEC2", "EBS:VolumeUsage.gp3", "CreateVolume-Gp3", vol,
               gbmo(WEB_EBS_GB), P["ebs.gp3"], desc_gp3, "GB-Mo", az=az, tags="web")
    for key, (_it, az, _t, _e, _s, gb) in SINGLES.items():
        cur.od(t, "AmazonEC2", "EBS:VolumeUsage.gp3", "CreateVolume-Gp3", SINGLE_VOL[key],
               gbmo(gb), P["ebs.gp3"], desc_gp3, "GB-Mo", az=az, tags=key)
    # RDS MySQL Multi-AZ and its storage
    cur.od(t, "AmazonRDS", "Multi-AZUsage:db.r5.2xl", "CreateDBInstance:0002", RDS_ARN, 1,
           P["db.r5.2xlarge.maz"],
           "$2.00 per RDS db.r5.2xlarge Multi-AZ instance hour (or partial hour) running MySQL",
           "Hrs", az="us-east-1a", tags="mysql", itype="db.r5.2xlarge",
           extra={"product/databaseEngine": "MySQL", "product/deploymentOption": "Multi-AZ",
                  "product/productFamily": "Database Instance", "product/vcpu": "8",
                  "product/memory": "64 GiB", "product/instanceFamily": "Memory optimized"})
    cur.od(t, "AmazonRDS", "RDS:Multi-AZ-GP2-Storage", "CreateDBInstance:0002", RDS_ARN,
           gbmo(RDS_GB), P["rds.gp2.maz"],
           "$0.23 per GB-month of provisioned GP2 storage running MySQL Multi-AZ", "GB-Mo",
           az="us-east-1a", tags="mysql",
           extra={"product/databaseEngine": "MySQL", "product/deploymentOption": "Multi-AZ",
                  "product/productFamily": "Database Storage"})
    # ElastiCache Redis, two nodes
    for k, arn in enumerate(CACHE_ARNS):
        cur.od(t, "AmazonElastiCache", "NodeUsage:cache.r6g.large", "CreateCacheCluster:0002",
               arn, 1, P["cache.r6g.large"],
               "$0.206 per Cache Node-hour (or partial hour) for cache.r6g.large",
               "Hrs", az=AZS[k], tags="redis", itype="cache.r6g.large",
               extra={"product/productFamily": "Cache Instance", "product/vcpu": "2",
                      "product/memory": "13.07 GiB", "product/instanceFamily": "Memory optimized"})
    # traffic-driven charges: requests in this hour, `traffic`
    req = traffic
    nat_gb = d10(Decimal(round(1.2 + req * 2.2e-6 * (1 + 0.05 * rng.gauss()), 6)))
    cur.od(t, "AmazonEC2", "NatGateway-Hours", "NatGateway", NAT_ARN, 1, P["nat.hour"],
           "$0.045 per NAT Gateway Hour", "Hrs", az="us-east-1a", tags="nat",
           extra={"product/productFamily": "NAT Gateway"})
    cur.od(t, "AmazonEC2", "NatGateway-Bytes", "NatGateway", NAT_ARN, nat_gb, P["nat.gb"],
           "$0.045 per GB Data Processed by NAT Gateways", "GB", az="us-east-1a", tags="nat",
           extra={"product/productFamily": "NAT Gateway"})
    lcu = d10(Decimal(round(0.6 + req / 45000.0, 6)))
    cur.od(t, "AWSELB", "LoadBalancerUsage", "LoadBalancing:Application", ALB_ARN, 1,
           P["alb.hour"], "$0.0225 per Application LoadBalancer-hour (or partial hour)", "Hrs",
           tags="alb", extra={"product/productFamily": "Load Balancer-Application"})
    cur.od(t, "AWSELB", "LCUUsage", "LoadBalancing:Application", ALB_ARN, lcu, P["alb.lcu"],
           "$0.008 per used Application load balancer capacity unit-hour (or partial hour)",
           "LCU-Hrs", tags="alb", extra={"product/productFamily": "Load Balancer-Application"})
    dto_gb = d10(Decimal(round(req * 24e-6 * (1 + 0.04 * rng.gauss()), 6)))  # ~24 KB/request
    cur.od(t, "AWSDataTransfer", "DataTransfer-Out-Bytes", "LoadBalancing:Application", ALB_ARN,
           dto_gb, P["dto.gb"], "$0.090 per GB - first 10 TB / month data transfer out beyond the global free tier",
           "GB", tags="alb", extra={"product/productFamily": "Data Transfer"})
    # CloudFront: ~3 requests and ~150 KB of media per load balancer request
    cf_req = int(round(req * 3.0 * (1 + 0.03 * rng.gauss())))
    cf_gb = d10(Decimal(round(req * 150e-6 * (1 + 0.04 * rng.gauss()), 6)))
    cur.od(t, "AmazonCloudFront", "US-DataTransfer-Out-Bytes", "GET", CF_ARN, cf_gb, P["cf.gb"],
           "$0.085 per GB - first 10 TB / month data transfer out (United States, Mexico, & Canada)",
           "GB", tags="cdn", region="global", extra={"product/productFamily": "Data Transfer"})
    cur.od(t, "AmazonCloudFront", "US-Requests-Tier2-HTTPS", "GET", CF_ARN, cf_req, P["cf.req"],
           "$0.0100 per 10,000 HTTPS Requests (United States, Mexico, & Canada)", "Requests",
           tags="cdn", region="global", extra={"product/productFamily": "Request"})
    # S3: origin fetches from CloudFront and uploads from the back office
    s3_get = int(round(cf_req * 0.04 * (1 + 0.05 * rng.gauss())))
    s3_put = int(round(900 + req * 0.004 * (1 + 0.1 * rng.gauss())))
    cur.od(t, "AmazonS3", "Requests-Tier2", "GetObject", BUCKET, s3_get, P["s3.get"],
           "$0.0004 per 1,000 GET and all other requests", "Requests", tags="media",
           extra={"product/productFamily": "API Request"})
    cur.od(t, "AmazonS3", "Requests-Tier1", "PutObject", BUCKET, s3_put, P["s3.put"],
           "$0.005 per 1,000 PUT, COPY, POST, or LIST requests", "Requests", tags="media",
           extra={"product/productFamily": "API Request"})
    if t.hour == 0:  # daily lines
        d1 = t + dt.timedelta(days=1)
        gb = Decimal(S3_GB) * 24 / month_h
        r = cur.od(t, "AmazonS3", "TimedStorage-ByteHrs", "StandardStorage", BUCKET, gb,
                   P["s3.gb"], "$0.023 per GB - first 50 TB / month of storage used", "GB-Mo",
                   tags="media", extra={"product/productFamily": "Storage"})
        r["identity/TimeInterval"] = "%s/%s" % (iso(t), iso(d1))
        r["lineItem/UsageEndDate"] = iso(d1)
        cw = Decimal(CW_METRICS) * 24 / month_h
        r = cur.od(t, "AmazonCloudWatch", "CW:MetricMonitorUsage", "MetricStorage", "", cw,
                   P["cw.metric"], "$0.30 per metric-month - first 10,000 metrics", "Metrics",
                   extra={"product/productFamily": "Metric"})
        r["identity/TimeInterval"] = "%s/%s" % (iso(t), iso(d1))
        r["lineItem/UsageEndDate"] = iso(d1)


def billed_sum(rows, pred=lambda r: True):
    return sum((Decimal(r["lineItem/UnblendedCost"]) for r in rows if pred(r)), Decimal(0))


def cur_month_end(cur):
    """Monthly lines: credit, support, tax (support and tax computed from the
    month's other charges; like a CUR's, they carry no region)."""
    t0, t1 = cur.start, cur.end
    if CREDIT["month"] == cur.month:
        cur.add("Credit", t0, t1, CREDIT["product"], "", "", "", None, None,
                CREDIT["amount"], CREDIT["description"], region="")
    base = billed_sum(cur.rows, lambda r: r["lineItem/LineItemType"] != "Credit")
    # Business support: 10 % of the first $10K of monthly AWS charges, 7 % of
    # the next $70K, at least $100 (AWS Support pricing page)
    fee = max(Decimal(100), min(base, Decimal(10000)) * Decimal("0.10")
              + max(Decimal(0), min(base, Decimal(80000)) - 10000) * Decimal("0.07"))
    fee = fee.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    cur.add("Fee", t0, t1, "AWSSupportBusiness", "Dollar", "", "", 1, fee, fee,
            "AWS Support (Business)", region="", extra={"product/productFamily": "AWS Support"})
    by_product = {}
    for r in cur.rows:
        p = r["lineItem/ProductCode"]
        by_product[p] = by_product.get(p, Decimal(0)) + Decimal(r["lineItem/UnblendedCost"])
    for p in sorted(by_product):
        tax = (by_product[p] * TAX_RATE).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if tax == 0:
            continue
        cur.add("Tax", t0, t1, p, "", "", "", None, None, tax,
                "Tax for product code %s" % p, region="", extra={"lineItem/TaxType": "Sales Tax"})


def effective(r):
    """Amortized cost of a line, by the rules in billing-spec / rightsize-ingest(1)."""
    t = r["lineItem/LineItemType"]
    uc = Decimal(r["lineItem/UnblendedCost"])
    g = lambda c: Decimal(r.get(c) or 0)
    if t == "SavingsPlanCoveredUsage":
        return g("savingsPlan/SavingsPlanEffectiveCost")
    if t == "SavingsPlanNegation":
        return Decimal(0)
    if t == "SavingsPlanRecurringFee":
        return g("savingsPlan/TotalCommitmentToDate") - g("savingsPlan/UsedCommitment")
    return uc


def line_item_ids(rows, month):
    """52 base32 characters like a CUR's: a hash of the line (product,
    resource, usage type, line type) then a hash of the row, so the ids of
    one line's hours share a prefix: unique, and far smaller compressed than
    52 random characters."""
    for i, r in enumerate(rows):
        hl = hashlib.sha256(("%s|%s" % (month, "|".join(r[c] for c in LINE_KEY))).encode()).digest()
        h = hashlib.sha256(("%s|%d|%s" % (month, i, r["lineItem/UsageStartDate"])).encode()).digest()
        r["identity/LineItemId"] = (base64.b32encode(hl).decode().lower()[:38]
                                    + base64.b32encode(h).decode().lower()[:14])


LINE_KEY = ("lineItem/ProductCode", "lineItem/ResourceId", "lineItem/UsageType",
            "lineItem/LineItemType")


def cur_order(rows):
    """A CUR groups a month's lines in no documented order; ours lists each
    line (product, resource, usage type, type) hour after hour, the monthly
    lines (credit, support, tax) last."""
    monthly = ("Credit", "Fee", "Tax")
    first = {}
    for i, r in enumerate(rows):
        first.setdefault(tuple(r[c] for c in LINE_KEY), i)
    return sorted(rows, key=lambda r: (r["lineItem/LineItemType"] in monthly,
                                       first[tuple(r[c] for c in LINE_KEY)],
                                       r["lineItem/UsageStartDate"]))


def gz_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as f:
        f.write(data)
    return buf.getvalue()


def csv_bytes(columns, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([r.get(c, "") for c in columns])
    return buf.getvalue().encode()


# ---- metrics ----------------------------------------------------------------
def r4(x):
    return round(x, 4)


def go_float(x):
    """A float as Prometheus writes a sample value (Go's shortest 'f')."""
    return ("%.4f" % x).rstrip("0").rstrip(".")


@functools.lru_cache(maxsize=None)
def cw_ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def cw_json(results, next_token=None):
    doc = {"MetricDataResults": results}
    if next_token:
        doc["NextToken"] = next_token
    doc["Messages"] = []
    return (json.dumps(doc, indent=4) + "\n").encode()


def main():
    ap = argparse.ArgumentParser(description="write the rightsize sample data")
    ap.add_argument("--out", required=True, help="directory to write (created)")
    args = ap.parse_args()
    out = args.out
    rng = Rng(SEED)

    # -- hourly truth -------------------------------------------------------
    hours = [START + dt.timedelta(hours=h) for h in range(HOURS)]
    outage_t = dt.datetime.strptime(OUTAGE["start"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    orders, n_web, traffic = [], [], []
    for t in hours:
        lam = round(order_rate(t + dt.timedelta(minutes=30)), 6)
        if outage_t <= t < outage_t + dt.timedelta(hours=OUTAGE["hours"]):
            lam = round(lam * OUTAGE["factor"], 6)
        orders.append(rng.poisson(lam))
        n_web.append(web_count(t))
    # ALB requests per 5 minutes for the whole period (the load curve)
    slots = [START + dt.timedelta(minutes=5 * k) for k in range(HOURS * 12)]
    req5 = []
    for t in slots:
        lam = request_rate(t + dt.timedelta(minutes=2.5)) * 300.0
        req5.append(max(0, int(round(lam * (1 + 0.03 * rng.gauss())))))
    for h in range(HOURS):
        traffic.append(sum(req5[12 * h: 12 * h + 12]))

    files = {}

    # -- orders ---------------------------------------------------------------
    lines = ["timestamp,orders"] + ["%s,%d" % (iso(t), n) for t, n in zip(hours, orders)]
    files["orders/orders-hourly.csv"] = ("\n".join(lines) + "\n").encode()
    wk0 = dt.datetime(2026, 10, 12, tzinfo=UTC)
    wk1 = wk0 + dt.timedelta(days=7)
    seq = 1048213 + sum(n for t, n in zip(hours, orders) if t < wk0)
    lines = ["order_id,created_at,total"]
    export_count = 0
    for t, n in zip(hours, orders):
        if not (wk0 <= t < wk1):
            continue
        secs = sorted(int(rng.u() * 3600) for _ in range(n))
        for s in secs:
            # basket: lognormal, median ~$68, mean ~$85; sale day 20 % off
            total = math.exp(math.log(68.0) + 0.65 * rng.gauss())
            if t.strftime("%Y-%m-%d") == EVENT["date"]:
                total *= 0.8
            total = max(6.95, round(total, 2))
            lines.append("VS-%d,%s,%.2f" % (seq, iso(t + dt.timedelta(seconds=s)), total))
            seq += 1
            export_count += 1
    files["orders/orders-export-2026-10-12.csv"] = ("\n".join(lines) + "\n").encode()

    # -- billing --------------------------------------------------------------
    curs = {m: Cur(m) for m in MONTHS}
    for h, t in enumerate(hours):
        cur_hour(curs[month_of(t)], t, n_web[h], traffic[h], rng)
    for m in MONTHS:
        cur_month_end(curs[m])
        curs[m].rows = cur_order(curs[m].rows)
        line_item_ids(curs[m].rows, m)
    sep = curs["2026-09"].rows
    octr = curs["2026-10"].rows
    # October in two parts, cut where the first ~55 % of the lines end;
    # part 2 has the cost-center tag column (activated mid-month)
    cut = int(len(octr) * 0.55)
    parts = {
        "billing/cur-2026-09-00001.csv.gz": (COLUMNS, sep),
        "billing/cur-2026-10-00001.csv.gz": (COLUMNS, octr[:cut]),
        "billing/cur-2026-10-00002.csv.gz": (COLUMNS + [EXTRA_TAG], octr[cut:]),
    }
    for name, (cols, rows) in parts.items():
        files[name] = gz_bytes(csv_bytes(cols, rows))

    # -- metrics: CloudWatch CPU, last 14 days of October --------------------
    m0 = dt.datetime(2026, 10, 18, tzinfo=UTC)
    mslots = [m0 + dt.timedelta(minutes=5 * k) for k in range(14 * 288)]
    first_slot = int((m0 - START).total_seconds() // 300)
    insts = [(w[0], w[1]) for w in WEB[:WEB_MAX]] + [(k, SINGLE_ID[k]) for k in SINGLES]
    cpu = {iid: [] for _, iid in insts}      # (t, avg, max) or None when stopped
    peak_r = max(request_rate(t) for t in mslots)
    for j, t in enumerate(mslots):
        h = int((t - START).total_seconds() // 3600)
        n = n_web[h]
        r = req5[first_slot + j] / 300.0
        for k, (name, iid) in enumerate(insts):
            if name.startswith("web"):
                if k >= n:
                    cpu[iid].append(None)
                    continue
                avg = WEB_IDLE_CPU + 100.0 * r / n / WEB_CAP * (1 + 0.02 * rng.gauss()) + (k % 3 - 1) * 0.8
                mx = avg * (1 + 0.03 * abs(rng.gauss()))
            elif name == "batch":
                job = t.minute < 10 or (t.hour == 6 and t.minute < 40)
                avg = (5.6 if job else 1.8) + (1.2 if job else 0.5) * rng.u()
                mx = avg * (1 + 0.25 * rng.u())
            elif name == "dev":
                avg = 0.32 + 0.1 * rng.u()
                mx = avg + 0.12 * rng.u()
            else:  # search: saturated, following traffic
                avg = 88.5 + 5.5 * min(1.0, r / peak_r) + 0.6 * rng.gauss()
                mx = min(97.0, avg + 1.2 * abs(rng.gauss()))
            cpu[iid].append((t, r4(min(avg, 99.9)), r4(min(mx, 99.9))))
    half = 7 * 288
    pages = []
    for older in (False, True):
        results = []
        for name, iid in insts:
            pts = [p for p in (cpu[iid][:half] if older else cpu[iid][half:]) if p]
            pts.reverse()  # newest first (ScanBy TimestampDescending)
            results.append({
                "Id": "cpu_" + iid.replace("-", "_"),
                "Label": iid,
                "Timestamps": [cw_ts(p[0]) for p in pts],
                "Values": [p[2] for p in pts],
                "StatusCode": "Complete" if older else "PartialData",
            })
        pages.append(results)
    token = base64.b64encode(hashlib.sha256(b"verdant-cpu-page-2").digest() * 2).decode()
    files["metrics/cloudwatch-cpu-page1.json.gz"] = gz_bytes(cw_json(pages[0], token))
    files["metrics/cloudwatch-cpu-page2.json.gz"] = gz_bytes(cw_json(pages[1]))
    # the query that produced them (aws cloudwatch get-metric-data --cli-input-json)
    query = {"MetricDataQueries": [
        {"Id": "cpu_" + iid.replace("-", "_"), "Label": iid,
         "MetricStat": {"Metric": {"Namespace": "AWS/EC2", "MetricName": "CPUUtilization",
                                   "Dimensions": [{"Name": "InstanceId", "Value": iid}]},
                        "Period": 300, "Stat": "Maximum"}, "ReturnData": True}
        for _, iid in insts],
        "StartTime": cw_ts(m0), "EndTime": cw_ts(END), "ScanBy": "TimestampDescending",
        "MaxDatapoints": 30000}
    files["metrics/cloudwatch-cpu-query.json"] = (json.dumps(query, indent=4) + "\n").encode()

    # memory (CloudWatch agent) for four instances, Maximum at 5 minutes
    mem_of = {"web01": (57.0, 4.0), "batch": (21.0, 2.5), "dev": (12.0, 0.6), "search": (80.0, 3.0)}
    results = []
    for name, iid in insts:
        if name not in mem_of:
            continue
        base, amp = mem_of[name]
        ts, vs = [], []
        for j, t in enumerate(mslots):
            hl = local_parts(t)[0]
            v = base + amp * math.sin(2 * math.pi * (hl - 13) / 24.0) + 0.4 * rng.gauss()
            ts.append(cw_ts(t))
            vs.append(r4(v))
        ts.reverse()
        vs.reverse()
        itype = "m5.xlarge" if name.startswith("web") else SINGLES[name][0]
        results.append({"Id": "mem_" + iid.replace("-", "_"), "Label": iid + ":mem", "Timestamps": ts,
                        "Values": vs, "StatusCode": "Complete"})
    files["metrics/cloudwatch-memory.json.gz"] = gz_bytes(cw_json(results))

    # ALB RequestCount, Sum per 5 minutes, the whole two months
    ts = [cw_ts(t) for t in reversed(slots)]
    vs = [float(v) for v in reversed(req5)]
    files["metrics/cloudwatch-alb-requests.json.gz"] = gz_bytes(cw_json([{
        "Id": "requests", "Label": "RequestCount", "Timestamps": ts, "Values": vs,
        "StatusCode": "Complete"}]))

    # Prometheus query_range: web fleet CPU (node_exporter), same 14 days
    res = []
    for k, (name, iid, az, _) in enumerate(WEB[:WEB_MAX]):
        vals = []
        for p in cpu[iid]:
            if p:
                vals.append([int(p[0].timestamp()), go_float(p[1])])
        ip = "10.0.%d.%d" % (11 + AZS.index(az), 20 + k)
        res.append({"metric": {"asg": "verdant-web", "instance": ip + ":9100",
                               "instance_id": iid, "job": "node"}, "values": vals})
    prom = {"status": "success", "data": {"resultType": "matrix", "result": res}}
    files["metrics/prometheus-web-cpu.json.gz"] = gz_bytes(
        (json.dumps(prom, separators=(",", ":")) + "\n").encode())

    # -- expected.json --------------------------------------------------------
    def cents(x):
        return format(x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")

    def nano_cents(rows, f):
        # the same sum as an engine holding 9 decimals (half to even) would make
        s = sum((Decimal(f(r)).quantize(Decimal("0.000000001"), rounding=ROUND_HALF_EVEN)
                 for r in rows), Decimal(0))
        return cents(s)

    exp = {"story": "Verdant Supply Co., us-east-1, 2026-09..2026-10; see README.md",
           "seed": SEED, "currency": "USD", "months": {}, "files": {}}
    allrows = []
    for m in MONTHS:
        rows = curs[m].rows
        allrows += rows
        b = billed_sum(rows)
        e = sum((effective(r) for r in rows), Decimal(0))
        assert cents(b) == nano_cents(rows, lambda r: r["lineItem/UnblendedCost"])
        assert cents(e) == nano_cents(rows, effective)
        svc = {}
        kinds = {}
        for r in rows:
            p = r["lineItem/ProductCode"]
            s = svc.setdefault(p, [Decimal(0), Decimal(0)])
            s[0] += Decimal(r["lineItem/UnblendedCost"])
            s[1] += effective(r)
            k = r["lineItem/LineItemType"]
            s = kinds.setdefault(k, [Decimal(0), Decimal(0), 0])
            s[0] += Decimal(r["lineItem/UnblendedCost"])
            s[1] += effective(r)
            s[2] += 1
        o = sum(n for t, n in zip(hours, orders) if month_of(t) == m)
        webh = sum(n for t, n in zip(hours, n_web) if month_of(t) == m)
        exp["months"][m] = {
            "billed": cents(b), "effective": cents(e),
            "billed_exact": format(b, "f"), "effective_exact": format(e, "f"),
            "rows": len(rows),
            "orders": o,
            "orders_per_day": round(o / (hours_in_month(m) / 24), 1),
            "billed_per_order": format((b / o).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), "f"),
            "effective_per_order": format((e / o).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), "f"),
            "services": {p: {"billed": cents(v[0]), "effective": cents(v[1])} for p, v in sorted(svc.items())},
            "line_item_types": {k: {"rows": v[2], "billed": cents(v[0]), "effective": cents(v[1])}
                                for k, v in sorted(kinds.items())},
            "web_instance_hours": webh,
            "web_instances_min": min(n for t, n in zip(hours, n_web) if month_of(t) == m),
            "web_instances_max": max(n for t, n in zip(hours, n_web) if month_of(t) == m),
            "alb_requests": sum(tr for t, tr in zip(hours, traffic) if month_of(t) == m),
        }
    for name, (cols, rows) in parts.items():
        exp["files"][name] = {"rows_read": len(rows), "columns": len(cols),
                              "billed": cents(billed_sum(rows)),
                              "effective": cents(sum((effective(r) for r in rows), Decimal(0)))}
    tb = billed_sum(allrows)
    te = sum((effective(r) for r in allrows), Decimal(0))
    to = sum(orders)
    exp["total"] = {"billed": cents(tb), "effective": cents(te), "orders": to,
                    "rows": len(allrows),
                    "effective_per_order": format((te / to).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), "f")}
    mo = exp["months"]
    exp["month_over_month"] = {
        "effective_change_pct": round(float((Decimal(mo["2026-10"]["effective"]) / Decimal(mo["2026-09"]["effective"]) - 1) * 100), 2),
        "orders_change_pct": round((mo["2026-10"]["orders"] / mo["2026-09"]["orders"] - 1) * 100, 2),
    }
    exp["orders_export"] = {"file": "orders/orders-export-2026-10-12.csv",
                            "from": iso(wk0), "to": iso(wk1), "orders": export_count}
    exp["planted"] = {
        "orders": {"level_per_hour_at_start": LEVEL, "start": iso(START),
                   "growth_per_month": GROWTH_PER_MONTH, "month_days": MONTH_DAYS,
                   "timezone_offset_hours": LOCAL_OFFSET_H,
                   "daily_harmonics": [{"period_hours": 24, "amplitude": DAILY[0][0], "peak_local_hour": DAILY[0][1]},
                                       {"period_hours": 12, "amplitude": DAILY[1][0], "peak_local_hour": DAILY[1][1]}],
                   "weekly_harmonic": {"amplitude": WEEKLY[0], "peak_local_weekday": WEEKLY[1], "weekday_base": "0=Monday"},
                   "event": EVENT, "outlier": OUTAGE, "noise": "Poisson"},
        "requests": {"per_order": REQ_PER_ORDER, "background_per_second": REQ_BACKGROUND,
                     "noise_sd": 0.03, "period_seconds": 300},
        "web": {"instance_type": "m5.xlarge", "requests_per_second_at_100pct": WEB_CAP,
                "idle_cpu_pct": WEB_IDLE_CPU, "target_cpu_pct": WEB_TARGET,
                "min": WEB_MIN, "max": WEB_MAX, "max_on_event_day": WEB_MAX_SALE,
                "warm_pool_ids": [w[1] for w in WEB[:WEB_MAX]],
                "event_ids": [w[1] for w in WEB[WEB_MAX:]]},
        "savings_plan": {"arn": SP_ARN, "type": "Compute", "term": "1yr", "payment": "Partial Upfront",
                         "rate_m5_xlarge": str(SP_RATE), "commitment_per_hour": str(SP_COMMIT),
                         "recurring_per_hour": str(SP_RECURRING),
                         "amortized_upfront_per_hour": str(SP_UPFRONT_AMORT),
                         "covered_instances": SP_INSTANCES},
        "tax_rate": str(TAX_RATE),
        "metrics_window": {"from": iso(m0), "to": iso(END), "period_seconds": 300},
    }
    # per instance: the planted finding, and the range and P99.5 (nearest
    # rank) of the 5-minute maxima written to the CloudWatch pages
    finding = {"batch": "over-provisioned", "dev": "idle", "search": "under-provisioned"}
    exp["instances"] = {}
    for name, iid in insts:
        pts = sorted(p[2] for p in cpu[iid] if p)
        rank = max(1, math.ceil(0.995 * len(pts)))
        info = {"name": name,
                "type": SINGLES[name][0] if name in SINGLES else "m5.xlarge",
                "points": len(pts),
                "cpu_max_pct": [pts[0], pts[-1]], "cpu_max_p99_5": pts[rank - 1]}
        if name in finding:
            info["finding"] = finding[name]
        else:
            info["group"] = "verdant-web"
        exp["instances"][iid] = info
    files["expected.json"] = (json.dumps(exp, indent=2, sort_keys=False) + "\n").encode()

    for name, data in sorted(files.items()):
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)


if __name__ == "__main__":
    main()
