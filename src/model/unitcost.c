/*
 * unitcost.c - cost per order: fixed/variable split of rollup cells,
 * averages per period, marginal cost by regression (see unitcost.h).
 *
 * Layer: engine, model.
 */
#include "config.h"

#include "model/unitcost.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>

#include "base/utc.h"

/* Services whose cost does not follow orders hour by hour: databases,
 * caches, search, streams and queues provisioned by size; storage and
 * backup billed by the byte-month; network base charges; support plans;
 * monitoring billed per metric-month.
 * AWS product codes, Azure meter categories, GCP service names. */
static const char *const fixed_services[] = {
	/* AWS */
	"AmazonRDS", "AmazonDynamoDB", "AmazonElastiCache", "AmazonMemoryDB",
	"AmazonRedshift", "AmazonDocDB", "AmazonNeptune", "AmazonES",
	"AmazonOpenSearchService", "AmazonMSK", "AmazonMQ", "AmazonS3", "AmazonEFS",
	"AmazonFSx", "AmazonGlacier", "AWSBackup", "AmazonVPC", "AmazonRoute53",
	"AWSDirectConnect", "AWSSupportBusiness", "AWSSupportEnterprise",
	"AWSSupportDeveloper", "AWSCloudTrail", "AWSConfig", "AmazonCloudWatch",
	/* Azure */
	"SQL Database", "SQL Managed Instance", "Azure Database for PostgreSQL",
	"Azure Database for MySQL", "Azure Cosmos DB", "Redis Cache", "Azure Cache for Redis",
	"Storage", "Backup", "Virtual Network",
	/* GCP */
	"Cloud SQL", "Cloud Spanner", "Cloud Memorystore for Redis", "Memorystore for Redis",
	"Cloud Bigtable", "Cloud Storage", "Cloud Filestore", "Networking",
	NULL,
};

const char *const *
unitcost_fixed_services(void)
{
	return fixed_services;
}

void
unitcost_opts_init(struct unitcost_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->gran = UC_DAY;
}

static int
in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; list != NULL && (n == (size_t)-1 ? list[i] != NULL : i < n); i++) {
		if (strcmp(s, list[i]) == 0)
			return 1;
	}
	return 0;
}

enum unitcost_class
unitcost_classify(const struct rollup_cell *c, const struct unitcost_opts *o,
		  const char **why)
{
	const char *svc = c->dim[DIM_SERVICE], *ut = c->dim[DIM_USAGE_TYPE];

	if (c->ck != CK_USAGE && c->ck != CK_DISCOUNT) {
		*why = "charge kind not driven by orders";
		return UC_FIXED;
	}
	if (in_list(svc, o->variable, o->nvariable)) {
		*why = "service declared variable";
		return UC_VARIABLE;
	}
	if (c->pm == PM_COMMITMENT) {
		*why = "commitment";
		return UC_FIXED;
	}
	if (in_list(svc, fixed_services, (size_t)-1) || in_list(svc, o->fixed, o->nfixed)) {
		*why = "fixed service";
		return UC_FIXED;
	}
	if (strstr(ut, "EBS:") != NULL || strstr(ut, "TimedStorage") != NULL) {
		*why = "storage usage type";
		return UC_FIXED;
	}
	*why = "scales with load";
	return UC_VARIABLE;
}

/* Hourly-accruing charge kinds: the ones the slope is fitted on. */
static int
accrues_hourly(enum charge_kind ck)
{
	return ck == CK_USAGE || ck == CK_DISCOUNT || ck == CK_COMMITMENT_FEE;
}

/*
 * y = base + slope x (gsl_fit_linear); intervals t_{0.975, n-2} times the
 * standard errors from GSL's covariance (scaled by sumsq / (n - 2)).
 */
static void
fit_line(const double *x, const double *y, size_t n, struct unitcost_line *l)
{
	double c00, c01, c11, sumsq, sy = 0, syy = 0, sx = 0, sxx = 0, t;
	size_t i;

	memset(l, 0, sizeof(*l));
	l->n = n;
	for (i = 0; i < n; i++) {
		sx += x[i];
		sxx += x[i] * x[i];
		sy += y[i];
		syy += y[i] * y[i];
	}
	if (n < 3 || sxx - sx * sx / (double)n <= 1e-12 * (sxx + 1e-300))
		return;
	gsl_fit_linear(x, 1, y, 1, n, &l->base, &l->slope, &c00, &c01, &c11, &sumsq);
	t = gsl_cdf_tdist_Pinv(0.975, (double)(n - 2));
	l->slope_lo = l->slope - t * sqrt(c11);
	l->slope_hi = l->slope + t * sqrt(c11);
	l->base_lo = l->base - t * sqrt(c00);
	l->base_hi = l->base + t * sqrt(c00);
	l->r2 = syy - sy * sy / (double)n > 0 ? 1 - sumsq / (syy - sy * sy / (double)n) : NAN;
	l->ok = 1;
}

static int64_t
period_of(int64_t hour, enum unitcost_gran g)
{
	switch (g) {
	case UC_HOUR:
		return hour;
	case UC_DAY:
		return utc_floor_day(hour);
	case UC_MONTH:
		break;
	}
	return utc_floor_month(hour);
}

static int
add(money_t *acc, money_t v, struct diag *d)
{
	if (money_add(acc, v) < 0)
		return diag_set(d, NULL, 0, 0, "cost sum overflows");
	return 0;
}

int
unitcost_run(const struct rollup *r, const struct series *orders,
	     const struct unitcost_opts *o, struct unitcost_result *out, struct diag *d)
{
	size_t nc = rollup_count(r), i, nh, k;
	int64_t first = 0, last = 0, h0, h1;
	money_t *tot = NULL, *fix = NULL, *var = NULL;
	double *acc = NULL, *accv = NULL, *x = NULL, *y = NULL, *yv = NULL;
	const char *cur0 = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (orders->step != 3600)
		return diag_set(d, NULL, 0, 0, "orders must be hourly (step %lld s)",
				(long long)orders->step);
	if (nc == 0)
		return diag_set(d, NULL, 0, 0, "no billing data");
	out->currencies = 0;
	for (i = 0; i < nc; i++) {
		const struct rollup_cell *c = rollup_get(r, i);

		if (i == 0 || c->hour < first)
			first = c->hour;
		if (i == 0 || c->hour > last)
			last = c->hour;
		if (cur0 == NULL) {
			cur0 = c->dim[DIM_CURRENCY];
			out->currencies = 1;
		} else if (out->currencies == 1 && strcmp(cur0, c->dim[DIM_CURRENCY]) != 0) {
			out->currencies = 2;
		}
	}
	/* the span: orders hours inside the billing's first to last hour */
	h0 = orders->start > first ? orders->start : first;
	h1 = series_time(orders, orders->n - 1) < last ? series_time(orders, orders->n - 1) : last;
	if (h1 < h0)
		return diag_set(d, NULL, 0, 0, "the orders and the billing share no hour");
	nh = (size_t)((h1 - h0) / 3600) + 1;
	tot = xcalloc(nh, sizeof(*tot));
	fix = xcalloc(nh, sizeof(*fix));
	var = xcalloc(nh, sizeof(*var));
	acc = xcalloc(nh, sizeof(*acc));
	accv = xcalloc(nh, sizeof(*accv));
	for (i = 0; i < nc; i++) {
		const struct rollup_cell *c = rollup_get(r, i);
		const char *why;
		enum unitcost_class cl = unitcost_classify(c, o, &why);
		int64_t oi = (c->hour - orders->start) / 3600;
		int known = c->hour >= h0 && c->hour <= h1 && oi >= 0 && (size_t)oi < orders->n &&
			    !isnan(orders->v[oi]);

		if (!known) {
			if (add(&out->outside, c->effective, d) < 0)
				goto out;
			continue;
		}
		k = (size_t)((c->hour - h0) / 3600);
		if (add(&tot[k], c->effective, d) < 0 ||
		    add(cl == UC_FIXED ? &fix[k] : &var[k], c->effective, d) < 0)
			goto out;
		if (accrues_hourly(c->ck)) {
			acc[k] += money_to_double(c->effective);
			if (cl == UC_VARIABLE)
				accv[k] += money_to_double(c->effective);
		} else if (add(&out->lump, c->effective, d) < 0) {
			goto out;
		}
	}
	x = xmalloc(nh * sizeof(*x));
	y = xmalloc(nh * sizeof(*y));
	yv = xmalloc(nh * sizeof(*yv));
	out->total.start = h0;
	for (k = 0; k < nh; k++) {
		int64_t hour = h0 + (int64_t)k * 3600;
		double ord = orders->v[(hour - orders->start) / 3600];
		struct unitcost_period *p;

		if (isnan(ord))
			continue;
		if (out->n == 0 || out->periods[out->n - 1].start != period_of(hour, o->gran)) {
			out->periods = xrealloc(out->periods, (out->n + 1) * sizeof(*out->periods));
			p = &out->periods[out->n++];
			memset(p, 0, sizeof(*p));
			p->start = period_of(hour, o->gran);
		}
		p = &out->periods[out->n - 1];
		if (add(&p->cost, tot[k], d) < 0 || add(&p->fixed, fix[k], d) < 0 ||
		    add(&p->variable, var[k], d) < 0 || add(&out->total.cost, tot[k], d) < 0 ||
		    add(&out->total.fixed, fix[k], d) < 0 ||
		    add(&out->total.variable, var[k], d) < 0)
			goto out;
		p->orders += ord;
		p->hours++;
		out->total.orders += ord;
		out->total.hours++;
		x[out->marginal.n] = ord;
		y[out->marginal.n] = acc[k];
		yv[out->marginal.n] = accv[k];
		out->marginal.n++;
	}
	out->hours_outside = (long)((last - first) / 3600 + 1) - out->total.hours;
	{
		size_t n = out->marginal.n;

		fit_line(x, y, n, &out->marginal);
		fit_line(x, yv, n, &out->variable);
	}
	rc = 0;
out:
	free(tot);
	free(fix);
	free(var);
	free(acc);
	free(accv);
	free(x);
	free(y);
	free(yv);
	if (rc < 0)
		unitcost_result_fini(out);
	return rc;
}

void
unitcost_result_fini(struct unitcost_result *res)
{
	if (res == NULL)
		return;
	free(res->periods);
	memset(res, 0, sizeof(*res));
}
