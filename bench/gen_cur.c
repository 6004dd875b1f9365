/*
 * gen_cur.c - writes a synthetic AWS Cost and Usage Report (legacy column
 * names) for benchmarking `rightsize ingest`: N line items (default
 * 1,000,000) of one month, 45 columns, about 600 bytes a row, and the exact
 * billed and effective totals rightsize's billing rules give for it.
 *
 * Layer: benchmark tool (not part of the engine; links nothing of it).
 *
 * The month is October 2026 (744 hours). A fleet of 3,000 resources runs
 * hour after hour; each resource keeps one role, so each hour holds about
 * N/744 rows spread over a few thousand resources, as a real CUR does:
 *   55 % EC2 on demand, 8 % spot, 14 % covered by a Savings Plan (each such
 *   usage also gets its SavingsPlanNegation line), 6 % reserved
 *   (DiscountedUsage), 6 % RDS, 5 % EBS volumes, 4 % S3 (storage and
 *   request lines whose tiny costs are written in scientific notation),
 *   2 % data transfer;
 * plus per hour one SavingsPlanRecurringFee line per plan, and at the end
 * of the month the RIFee lines, RI upfront fees, tax, a credit, EDP
 * discounts and the support fee. Tags (team, env, app, cost centre,
 * creator) on most resources.
 * Descriptions carry quoted commas.
 *
 * Every amount is an integer number of nano-dollars, written exactly, so
 * the totals below are exact: billed = sum of lineItem/UnblendedCost;
 * effective per line type as in the billing spec (SP covered usage: its
 * SavingsPlanEffectiveCost; negation 0; recurring fee:
 * TotalCommitmentToDate - UsedCommitment; DiscountedUsage:
 * reservation/EffectiveCost; RIFee: the unused upfront + recurring parts;
 * RI upfront Fee 0; everything else its unblended cost).
 *
 * usage: gen_cur [-n ROWS] [-s SEED] [-t TOTALS] [-o OUT]
 * Writes the CSV to OUT (default stdout) and "rows N", "billed X",
 * "effective Y" (to the nanodollar and to the cent) to TOTALS.
 * Output is the same for the same ROWS and SEED.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NANO INT64_C(1000000000)
#define HOURS 744            /* October has 31 days */
#define NRES 3000            /* resources in the fleet */
#define NSP 3                /* Savings Plans, one recurring fee line per hour each */
#define NRI 20               /* reservations, one RIFee and one upfront Fee line each */
#define TAIL (2 * NRI + 12)  /* month-end lines: RIFee, RI fees, tax, credit, EDP, support */
#define BUFSZ (4u << 20)     /* output buffer; flushed when less than a row is left */
#define ROWMAX 2048

static const char *const header[] = {
	"identity/LineItemId", "identity/TimeInterval", "bill/InvoiceId", "bill/BillingEntity",
	"bill/BillType", "bill/PayerAccountId", "bill/BillingPeriodStartDate",
	"bill/BillingPeriodEndDate", "lineItem/UsageAccountId", "lineItem/LineItemType",
	"lineItem/UsageStartDate", "lineItem/UsageEndDate", "lineItem/ProductCode",
	"lineItem/UsageType", "lineItem/Operation", "lineItem/AvailabilityZone",
	"lineItem/ResourceId", "lineItem/UsageAmount", "lineItem/NormalizationFactor",
	"lineItem/CurrencyCode", "lineItem/UnblendedRate", "lineItem/UnblendedCost",
	"lineItem/BlendedRate", "lineItem/BlendedCost", "lineItem/LineItemDescription",
	"product/ProductName", "product/instanceType", "product/region",
	"product/operatingSystem", "product/tenancy", "pricing/term", "pricing/unit",
	"reservation/ReservationARN", "reservation/EffectiveCost",
	"reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
	"reservation/UnusedRecurringFee", "savingsPlan/SavingsPlanARN",
	"savingsPlan/SavingsPlanEffectiveCost", "savingsPlan/TotalCommitmentToDate",
	"savingsPlan/UsedCommitment", "resourceTags/user:team", "resourceTags/user:env",
	"resourceTags/user:app", "resourceTags/user:cost-center", "resourceTags/aws:createdBy",
};
#define NCOL (sizeof(header) / sizeof(header[0]))

/* On-demand Linux prices in us-east-1 (USD per hour, public price list). */
static const struct itype {
	const char *name;
	int64_t rate; /* nano-dollars per hour */
	const char *nf; /* normalization factor */
} itypes[] = {
	{ "t3.micro", 10400000, "0.5" },     { "t3.medium", 41600000, "2" },
	{ "t3.large", 83200000, "4" },       { "m5.large", 96000000, "4" },
	{ "m5.xlarge", 192000000, "8" },     { "m5.2xlarge", 384000000, "16" },
	{ "m6i.large", 96000000, "4" },      { "m6i.xlarge", 192000000, "8" },
	{ "c5.large", 85000000, "4" },       { "c5.xlarge", 170000000, "8" },
	{ "c5.2xlarge", 340000000, "16" },   { "c6g.xlarge", 136000000, "8" },
	{ "r5.large", 126000000, "4" },      { "r5.xlarge", 252000000, "8" },
	{ "r6g.2xlarge", 403200000, "16" },  { "m5.4xlarge", 768000000, "32" },
};
#define NITYPE (sizeof(itypes) / sizeof(itypes[0]))

static const char *const teams[] = { "web", "checkout", "search", "catalog", "payments",
				     "batch", "data", "ml", "platform", "mobile-api",
				     "recommendations", "inventory" };
static const char *const cost_centers[] = { "cc-4711-ecommerce", "cc-4712-platform",
					    "cc-4713-data", "cc-4714-mobile" };
static const char *const envs[] = { "prod", "prod", "prod", "staging", "dev" };
static const char *const azs[] = { "us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d" };
static const char *const accounts[] = { "111122223333", "222233334444", "333344445555",
					"444455556666", "555566667777" };

enum role { R_OD, R_SPOT, R_SP, R_RI, R_RDS, R_EBS, R_S3, R_DT };

struct res {
	enum role role;
	int itype, team, env, az, account;
	char id[40];
	char creator[96]; /* aws:createdBy, empty for a fifth of the fleet */
};

struct out {
	FILE *f;
	char *buf;
	size_t len;
	long rows;
	int64_t billed, effective;
};

/* xorshift64*: Vigna, "An experimental exploration of Marsaglia's xorshift
 * generators" (2016); plenty for synthetic data, and deterministic. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned
rng_below(unsigned n)
{
	return (unsigned)((rng() >> 33) % n);
}

static char *
put(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

static char *
put_u(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* nano-dollars as a plain decimal, trailing zeros dropped: 96000000 -> 0.096 */
static char *
put_money(char *p, int64_t v)
{
	uint64_t u, frac;
	int i;
	char d[9];

	if (v < 0) {
		*p++ = '-';
		u = (uint64_t)(-v);
	} else {
		u = (uint64_t)v;
	}
	p = put_u(p, u / NANO);
	frac = u % NANO;
	if (frac == 0)
		return p;
	for (i = 8; i >= 0; i--) {
		d[i] = (char)('0' + frac % 10);
		frac /= 10;
	}
	for (i = 8; d[i] == '0'; i--)
		;
	*p++ = '.';
	memcpy(p, d, (size_t)i + 1);
	return p + i + 1;
}

/* a positive amount below 1e-4 in scientific notation: 12345 -> 1.2345E-05 */
static char *
put_sci(char *p, int64_t v)
{
	char d[24];
	int n = 0, e, i;
	uint64_t u = (uint64_t)v;

	if (v <= 0 || v >= 100000)
		return put_money(p, v);
	while (u) {
		d[n++] = (char)('0' + u % 10);
		u /= 10;
	}
	/* d holds the digits reversed; value = 0.d... * 10^(n - 9) */
	e = n - 1 - 9;
	*p++ = d[n - 1];
	*p++ = '.';
	for (i = 0; i < n - 1 && d[i] == '0'; i++)
		;
	if (i == n - 1) {
		*p++ = '0';
	} else {
		int k;

		for (k = n - 2; k >= i; k--)
			*p++ = d[k];
	}
	*p++ = 'E';
	*p++ = '-';
	*p++ = (char)('0' + (-e) / 10);
	*p++ = (char)('0' + (-e) % 10);
	return p;
}

static char *
put_id(char *p, int n)
{
	static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";
	uint64_t r = rng();
	int i;

	for (i = 0; i < n; i++) {
		if (i % 12 == 11)
			r = rng();
		*p++ = b32[r & 31];
		r >>= 5;
	}
	return p;
}

static char hours_s[HOURS + 1][24];

static void
hours_init(void)
{
	int h;

	for (h = 0; h <= HOURS; h++) {
		if (h == HOURS)
			snprintf(hours_s[h], sizeof(hours_s[h]), "2026-11-01T00:00:00Z");
		else
			snprintf(hours_s[h], sizeof(hours_s[h]), "2026-10-%02dT%02d:00:00Z",
				 h / 24 + 1, h % 24);
	}
}

static int
out_flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		return -1;
	o->len = 0;
	return 0;
}

/* One line item. Text fields may be NULL (empty). */
struct li {
	int hour, hour_end;
	const char *type, *product, *usage_type, *operation, *az, *resource, *account;
	const char *desc, *product_name, *itype, *os, *tenancy, *term, *unit, *nf;
	int64_t usage;   /* micro-units */
	int64_t rate, cost, effective;
	int sci;         /* write cost and rate in scientific notation */
	const char *ri_arn, *sp_arn;
	int64_t ri_eff, ri_unused_up, ri_unused_rec, sp_eff, sp_commit, sp_used;
	int has_ri_eff, has_sp_eff, has_sp_fee, has_ri_unused;
	const char *team, *env, *app, *cost_center, *creator;
};

static char *
put_field(char *p, const char *s)
{
	if (!s)
		return p;
	if (strpbrk(s, ",\"\n")) {
		*p++ = '"';
		for (; *s; s++) {
			if (*s == '"')
				*p++ = '"';
			*p++ = *s;
		}
		*p++ = '"';
		return p;
	}
	return put(p, s);
}

/* one cell and its comma: text (NULL = empty) or an optional amount */
static char *
col_text(char *p, const char *s)
{
	p = put_field(p, s);
	*p++ = ',';
	return p;
}

static char *
col_money(char *p, int has, int64_t v, int sci)
{
	if (has)
		p = sci ? put_sci(p, v) : put_money(p, v);
	*p++ = ',';
	return p;
}

static int
emit(struct out *o, const struct li *l)
{
	const char *const tail[] = {
		l->desc, l->product_name, l->itype, "us-east-1", l->os, l->tenancy, l->term,
		l->unit, l->ri_arn,
	};
	const char *const tags[] = { l->team, l->env, l->app, l->cost_center };
	char *p;
	size_t i;

	if (BUFSZ - o->len < ROWMAX && out_flush(o) < 0)
		return -1;
	p = o->buf + o->len;
	p = put_id(p, 52);
	*p++ = ',';
	p = put(p, hours_s[l->hour]);
	*p++ = '/';
	p = put(p, hours_s[l->hour_end]);
	p = put(p, ",2026-10-INV-0042,AWS,Anniversary,111122223333,2026-10-01T00:00:00Z,"
		   "2026-11-01T00:00:00Z,");
	p = col_text(p, l->account);
	p = col_text(p, l->type);
	p = col_text(p, hours_s[l->hour]);
	p = col_text(p, hours_s[l->hour_end]);
	p = col_text(p, l->product);
	p = col_text(p, l->usage_type);
	p = col_text(p, l->operation);
	p = col_text(p, l->az);
	p = col_text(p, l->resource);
	p = col_money(p, 1, l->usage * 1000, 0); /* micro-units -> the nano printer */
	p = col_text(p, l->nf);
	p = col_text(p, "USD");
	for (i = 0; i < 2; i++) { /* unblended, then blended: the same here */
		p = col_money(p, 1, l->rate, l->sci);
		p = col_money(p, 1, l->cost, l->sci);
	}
	for (i = 0; i < sizeof(tail) / sizeof(tail[0]); i++)
		p = col_text(p, tail[i]);
	p = col_money(p, l->has_ri_eff, l->ri_eff, 0);
	p = col_money(p, l->has_ri_unused, l->ri_unused_up, 0);
	p = col_money(p, l->has_ri_unused, l->ri_unused_rec, 0);
	p = col_text(p, l->sp_arn);
	p = col_money(p, l->has_sp_eff, l->sp_eff, 0);
	p = col_money(p, l->has_sp_fee, l->sp_commit, 0);
	p = col_money(p, l->has_sp_fee, l->sp_used, 0);
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		p = col_text(p, tags[i]);
	p = put_field(p, l->creator);
	*p++ = '\n';
	o->len = (size_t)(p - o->buf);
	o->rows++;
	o->billed += l->cost;
	o->effective += l->effective;
	return 0;
}

static char sp_arns[NSP][80];
static char ri_arns[NRI][80];

static void
resources_init(struct res *r)
{
	int i;

	for (i = 0; i < NRES; i++) {
		int pct = (int)rng_below(100);
		char *p;

		r[i].role = pct < 55 ? R_OD : pct < 63 ? R_SPOT : pct < 77 ? R_SP :
			    pct < 83 ? R_RI : pct < 89 ? R_RDS : pct < 94 ? R_EBS :
			    pct < 98 ? R_S3 : R_DT;
		r[i].itype = (int)rng_below(NITYPE);
		r[i].team = (int)rng_below(sizeof(teams) / sizeof(teams[0]));
		r[i].env = rng_below(10) < 8 ? (int)rng_below(sizeof(envs) / sizeof(envs[0])) : -1;
		r[i].az = (int)rng_below(4);
		r[i].account = (int)rng_below(sizeof(accounts) / sizeof(accounts[0]));
		p = r[i].id;
		switch (r[i].role) {
		case R_RDS:
			p += snprintf(p, 12, "db-");
			break;
		case R_EBS:
			p += snprintf(p, 12, "vol-0");
			break;
		case R_S3:
			p += snprintf(p, 12, "shop-");
			break;
		default:
			p += snprintf(p, 12, "i-0");
			break;
		}
		p = put_id(p, 17);
		*p = '\0';
		if (rng_below(5)) {
			p = r[i].creator + snprintf(r[i].creator, sizeof(r[i].creator),
						    "AssumedRole:AROA");
			p = put_id(p, 17);
			snprintf(p, 40, ":%s-autoscaling-group", teams[r[i].team]);
		}
	}
}

/* usage in micro-units times a rate in nano-dollars, as exact nano-dollars
 * (rounded down: it is the export's own number that is summed). */
static int64_t
cost_of(int64_t usage_micro, int64_t rate)
{
	return usage_micro / 1000 * rate / 1000 + (usage_micro % 1000) * rate / 1000000;
}

static int
emit_usage(struct out *o, const struct res *r, int h, long *left)
{
	const struct itype *it = &itypes[r->itype];
	char ut[64], desc[160], rs[32];
	struct li l;

	memset(&l, 0, sizeof(l));
	l.hour = h;
	l.hour_end = h + 1;
	l.type = "Usage";
	l.az = azs[r->az];
	l.resource = r->id;
	l.account = accounts[r->account];
	l.team = teams[r->team];
	l.env = r->env >= 0 ? envs[r->env] : NULL;
	l.app = r->env >= 0 ? "shop" : NULL;
	l.cost_center = cost_centers[r->team % 4];
	l.creator = r->creator;
	l.usage = 1000000;
	l.product = "AmazonEC2";
	l.product_name = "Amazon Elastic Compute Cloud";
	l.os = "Linux";
	l.tenancy = "Shared";
	l.term = "OnDemand";
	l.unit = "Hrs";
	l.itype = it->name;
	l.nf = it->nf;
	l.operation = "RunInstances";
	l.rate = it->rate;
	l.usage_type = ut;
	l.desc = desc;
	snprintf(ut, sizeof(ut), "USE1-BoxUsage:%s", it->name);
	*put_money(rs, it->rate) = '\0';
	snprintf(desc, sizeof(desc), "$%s per On Demand Linux %s Instance Hour", rs, it->name);
	switch (r->role) {
	case R_OD:
		break;
	case R_SPOT:
		snprintf(ut, sizeof(ut), "USE1-SpotUsage:%s", it->name);
		snprintf(desc, sizeof(desc), "Linux/UNIX (Amazon VPC), %s spot instance-hour",
			 it->name);
		l.operation = "RunInstances:SV001";
		l.term = NULL;
		l.rate = it->rate * (30 + (int64_t)rng_below(15)) / 100;
		break;
	case R_SP:
		l.type = "SavingsPlanCoveredUsage";
		l.sp_arn = sp_arns[r->account % NSP];
		l.has_sp_eff = 1;
		break;
	case R_RI:
		l.type = "DiscountedUsage";
		l.term = "Reserved";
		l.ri_arn = ri_arns[r->itype % NRI];
		l.has_ri_eff = 1;
		snprintf(desc, sizeof(desc), "USD 0.0 hourly fee per Linux/UNIX (Amazon VPC), %s instance",
			 it->name);
		break;
	case R_RDS:
		l.product = "AmazonRDS";
		l.product_name = "Amazon Relational Database Service";
		snprintf(ut, sizeof(ut), "USE1-InstanceUsage:db.%s", it->name);
		l.operation = "CreateDBInstance:0014";
		l.os = NULL;
		l.rate = it->rate * 17 / 10;
		snprintf(desc, sizeof(desc),
			 "RDS for PostgreSQL db.%s Single-AZ instance hour (or partial hour), gp3",
			 it->name);
		break;
	case R_EBS:
		l.itype = NULL;
		l.nf = NULL;
		l.usage_type = "USE1-EBS:VolumeUsage.gp3";
		l.operation = "CreateVolume-Gp3";
		l.unit = "GB-Mo";
		l.usage = 100000 + (int64_t)rng_below(2000000); /* GB-months in the hour */
		l.rate = 80000000;
		snprintf(desc, sizeof(desc), "$0.08 per GB-month of General Purpose (gp3) provisioned storage, US East");
		break;
	case R_S3:
		l.product = "AmazonS3";
		l.product_name = "Amazon Simple Storage Service";
		l.itype = NULL;
		l.nf = NULL;
		l.az = NULL;
		l.os = NULL;
		l.tenancy = NULL;
		if (rng_below(2)) {
			l.usage_type = "USE1-Requests-Tier2";
			l.operation = "GetObject";
			l.unit = "Requests";
			l.usage = (1 + (int64_t)rng_below(200)) * 1000000;
			l.rate = 400;
			l.sci = 1;
			snprintf(desc, sizeof(desc), "$0.0004 per 1,000 GET and all other requests");
		} else {
			l.usage_type = "USE1-TimedStorage-ByteHrs";
			l.operation = "StandardStorage";
			l.unit = "GB-Mo";
			l.usage = 1000 + (int64_t)rng_below(5000000);
			l.rate = 23000000;
			snprintf(desc, sizeof(desc), "$0.023 per GB - first 50 TB / month of storage used");
		}
		break;
	case R_DT:
		l.product = "AWSDataTransfer";
		l.product_name = "AWS Data Transfer";
		l.itype = NULL;
		l.nf = NULL;
		l.os = NULL;
		l.tenancy = NULL;
		l.usage_type = "USE1-DataTransfer-Out-Bytes";
		l.operation = "";
		l.unit = "GB";
		l.usage = (int64_t)rng_below(30000000);
		l.rate = 90000000;
		snprintf(desc, sizeof(desc), "$0.090 per GB - first 10 TB / month data transfer out beyond the global free tier");
		break;
	}
	l.cost = cost_of(l.usage, l.rate);
	l.effective = l.cost;
	if (r->role == R_SP) {
		l.sp_eff = l.cost * 72 / 100;
		l.effective = l.sp_eff;
	} else if (r->role == R_RI) {
		l.ri_eff = l.cost * 62 / 100;
		l.effective = l.ri_eff;
		l.cost = 0;
		l.rate = 0;
	}
	if (emit(o, &l) < 0)
		return -1;
	(*left)--;
	if (r->role == R_SP && *left > 0) {
		/* the negation takes the covered usage off the bill */
		l.type = "SavingsPlanNegation";
		l.cost = -l.cost;
		l.rate = -l.rate;
		l.effective = 0;
		l.has_sp_eff = 0;
		l.term = NULL;
		snprintf(desc, sizeof(desc), "SavingsPlanNegation used by AccountId : %s and UsageSku : %s",
			 l.account, "8AB2XRB6V4GT9ND7");
		if (emit(o, &l) < 0)
			return -1;
		(*left)--;
	}
	return 0;
}

static int
emit_sp_fee(struct out *o, int h, int k)
{
	struct li l;

	memset(&l, 0, sizeof(l));
	l.hour = h;
	l.hour_end = h + 1;
	l.type = "SavingsPlanRecurringFee";
	l.product = "ComputeSavingsPlans";
	l.product_name = "Savings Plans for AWS Compute usage";
	l.usage_type = "ComputeSP:1yrNoUpfront";
	l.account = accounts[0];
	l.resource = sp_arns[k];
	l.sp_arn = sp_arns[k];
	l.usage = 1000000;
	l.desc = "1 year No Upfront Compute Savings Plan, hourly commitment";
	l.has_sp_fee = 1;
	l.sp_commit = (int64_t)(k + 1) * 25 * NANO / 10;
	l.sp_used = l.sp_commit - (int64_t)rng_below(1000) * l.sp_commit / 4000;
	l.rate = l.sp_commit;
	l.cost = l.sp_commit;
	l.effective = l.sp_commit - l.sp_used;
	return emit(o, &l);
}

static int
emit_month_end(struct out *o)
{
	static const struct {
		const char *type, *product, *desc;
		int64_t cost;
	} misc[] = {
		{ "Tax", "AmazonEC2", "Tax for product code AmazonEC2, region us-east-1", 4123456789012LL },
		{ "Tax", "AmazonRDS", "Tax for product code AmazonRDS", 312345678901LL },
		{ "Tax", "AmazonS3", "Tax for product code AmazonS3", 45678901234LL },
		{ "Tax", "AWSDataTransfer", "Tax for product code AWSDataTransfer", 2345678901LL },
		{ "Credit", "AmazonEC2", "AWS Activate credits, \"Portfolio\" package", -5000000000000LL },
		{ "EdpDiscount", "AmazonEC2", "Enterprise Discount Program discount", -1234567890123LL },
		{ "EdpDiscount", "AmazonRDS", "Enterprise Discount Program discount", -98765432109LL },
		{ "EdpDiscount", "AmazonS3", "Enterprise Discount Program discount", -8765432101LL },
		{ "Refund", "AmazonEC2", "Refund for over-billing, case 17431", -123450000000LL },
		{ "Fee", "AWSSupportBusiness", "Business support plan, 10% of usage, minimum $100", 2999990000000LL },
		{ "BundledDiscount", "AmazonEC2", "Free tier, 750 hours of t3.micro", -7800000000LL },
		{ "RoundingError", "AmazonEC2", "", 1LL },
	};
	struct li l;
	size_t i;
	int k;

	for (k = 0; k < NRI; k++) {
		memset(&l, 0, sizeof(l));
		l.hour = 0;
		l.hour_end = HOURS;
		l.type = "RIFee";
		l.product = "AmazonEC2";
		l.account = accounts[0];
		l.resource = ri_arns[k];
		l.ri_arn = ri_arns[k];
		l.itype = itypes[k % NITYPE].name;
		l.usage = 744000000;
		l.desc = "USD 0.0504 hourly fee per Linux/UNIX (Amazon VPC), reserved instance";
		l.term = "Reserved";
		l.cost = (int64_t)(k + 1) * 37500000000LL;
		l.has_ri_unused = 1;
		l.ri_unused_up = (int64_t)rng_below(1000) * 8100000;
		l.ri_unused_rec = (int64_t)rng_below(1000) * 12250000;
		l.effective = l.ri_unused_up + l.ri_unused_rec;
		if (emit(o, &l) < 0)
			return -1;
		l.type = "Fee";
		l.has_ri_unused = 0;
		l.usage = 1000000;
		l.desc = "Sign up charge for subscription: 1234567, planId: 2";
		l.cost = (int64_t)(k + 1) * 438000000000LL;
		l.effective = 0;
		if (emit(o, &l) < 0)
			return -1;
	}
	for (i = 0; i < sizeof(misc) / sizeof(misc[0]); i++) {
		memset(&l, 0, sizeof(l));
		l.hour = 0;
		l.hour_end = HOURS;
		l.type = misc[i].type;
		l.product = misc[i].product;
		l.account = accounts[i % 5];
		l.desc = misc[i].desc;
		l.cost = misc[i].cost;
		l.effective = l.cost;
		if (emit(o, &l) < 0)
			return -1;
	}
	return 0;
}

static void
fmt_nanos(char *buf, size_t n, int64_t v, int cents)
{
	uint64_t u = v < 0 ? (uint64_t)(-v) : (uint64_t)v;

	if (cents) {
		u = (u + 5000000) / 10000000; /* half away from zero */
		snprintf(buf, n, "%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "", u / 100, u % 100);
	} else {
		snprintf(buf, n, "%s%" PRIu64 ".%09" PRIu64, v < 0 ? "-" : "", u / (uint64_t)NANO, u % (uint64_t)NANO);
	}
}

int
main(int argc, char **argv)
{
	long rows = 1000000, left, per_hour;
	const char *outpath = NULL, *totals = NULL;
	struct res *fleet = NULL;
	struct out o;
	char a[40], b[40];
	int opt, h, k, rc = 1;
	size_t i;
	FILE *t;

	while ((opt = getopt(argc, argv, "n:s:o:t:")) != -1) {
		switch (opt) {
		case 'n':
			rows = strtol(optarg, NULL, 10);
			break;
		case 's':
			rng_state ^= strtoull(optarg, NULL, 10) * 0x9e3779b97f4a7c15ULL;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 't':
			totals = optarg;
			break;
		default:
			fprintf(stderr, "usage: gen_cur [-n ROWS] [-s SEED] [-t TOTALS] [-o OUT]\n");
			return 2;
		}
	}
	if (rows < TAIL + HOURS * (NSP + 2)) {
		fprintf(stderr, "gen_cur: at least %d rows\n", TAIL + HOURS * (NSP + 2));
		return 2;
	}
	memset(&o, 0, sizeof(o));
	o.f = outpath ? fopen(outpath, "wb") : stdout;
	o.buf = malloc(BUFSZ);
	fleet = calloc(NRES, sizeof(*fleet));
	if (!o.f || !o.buf || !fleet) {
		fprintf(stderr, "gen_cur: %s: %s\n", outpath ? outpath : "stdout", strerror(errno));
		goto out;
	}
	hours_init();
	for (k = 0; k < NSP; k++)
		snprintf(sp_arns[k], sizeof(sp_arns[k]),
			 "arn:aws:savingsplans::111122223333:savingsplan/%08x-sp%02d",
			 (unsigned)rng(), k);
	for (k = 0; k < NRI; k++)
		snprintf(ri_arns[k], sizeof(ri_arns[k]),
			 "arn:aws:ec2:us-east-1:111122223333:reserved-instances/%08x-ri%02d",
			 (unsigned)rng(), k);
	resources_init(fleet);

	for (i = 0; i < NCOL; i++) {
		o.len += (size_t)snprintf(o.buf + o.len, BUFSZ - o.len, "%s%s", i ? "," : "",
					  header[i]);
	}
	o.buf[o.len++] = '\n';

	left = rows - TAIL;
	for (h = 0; h < HOURS; h++) {
		long n;
		int start;

		/* spread what is left evenly over the hours that are left */
		per_hour = left / (HOURS - h);
		for (k = 0; k < NSP; k++) {
			if (emit_sp_fee(&o, h, k) < 0)
				goto io;
			left--;
			per_hour--;
		}
		start = (int)rng_below(NRES);
		for (n = 0; per_hour > 0; n++) {
			long before = left;

			if (emit_usage(&o, &fleet[(start + n) % NRES], h, &left) < 0)
				goto io;
			per_hour -= before - left;
		}
	}
	if (emit_month_end(&o) < 0 || out_flush(&o) < 0)
		goto io;
	if (outpath && fclose(o.f) != 0) {
		o.f = NULL;
		goto io;
	}
	o.f = NULL;
	if (o.rows != rows) {
		fprintf(stderr, "gen_cur: wrote %ld rows, meant %ld\n", o.rows, rows);
		goto out;
	}
	if (totals) {
		t = fopen(totals, "w");
		if (!t) {
			fprintf(stderr, "gen_cur: %s: %s\n", totals, strerror(errno));
			goto out;
		}
		fmt_nanos(a, sizeof(a), o.billed, 0);
		fmt_nanos(b, sizeof(b), o.effective, 0);
		fprintf(t, "rows %ld\nbilled %s\neffective %s\n", o.rows, a, b);
		fmt_nanos(a, sizeof(a), o.billed, 1);
		fmt_nanos(b, sizeof(b), o.effective, 1);
		fprintf(t, "billed_cents %s\neffective_cents %s\n", a, b);
		if (fclose(t) != 0) {
			fprintf(stderr, "gen_cur: %s: %s\n", totals, strerror(errno));
			goto out;
		}
	}
	rc = 0;
	goto out;
io:
	fprintf(stderr, "gen_cur: %s: %s\n", outpath ? outpath : "stdout", strerror(errno));
out:
	if (o.f && o.f != stdout)
		fclose(o.f);
	free(o.buf);
	free(fleet);
	return rc;
}
