/*
 * report_model.c - the report's sections that come from the models: cost
 * per order (unitcost.h), anomalies and next month's forecast (loadfit.h),
 * right-sizing (recommend.h) and autoscaling advice (sim.h, optimize.h).
 * Each calls the engine's API and only arranges what it returns.
 *
 * Layer: report writer.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/loadfit.h"
#include "sim/optimize.h"
#include "sim/policy.h"
#include "model/recommend.h"
#include "report/report_int.h"
#include "sim/scenario.h"
#include "sim/sim.h"
#include "base/utc.h"

/* A rollup of the cells of r in [from, to): unit cost reads whole
 * rollups, and a month's cost per order is that month's alone. */
static struct rollup *
period_rollup(const struct rollup *r, const struct period *p, struct diag *d)
{
	struct rollup *out = rollup_new();
	size_t i, n = rollup_count(r);

	for (i = 0; i < n; i++) {
		const struct rollup_cell *cell = rollup_get(r, i);

		if (cell->hour >= p->from && cell->hour < p->to && rollup_add(out, cell) < 0) {
			rollup_free(out);
			diag_set(d, "", 0, 0, "cost sum overflows");
			return NULL;
		}
	}
	return out;
}

/* Cost per order of the month and the previous month (unitcost.h), when
 * orders are given; a period unit cost cannot measure is left out with
 * the reason. */
int
prepare_unitcost(struct ctx *c, struct diag *d)
{
	struct unitcost_opts uo;
	char buf[16];
	int k;

	if (!c->have_orders)
		return 0;
	unitcost_opts_init(&uo);
	uo.gran = UC_MONTH;
	for (k = 0; k < 2; k++) {
		struct rollup *r;
		struct diag ud;

		if (k == 1 && !c->p[1].complete)
			break;
		r = period_rollup(c->ro, &c->p[k], d);
		if (r == NULL)
			return -1;
		diag_clear(&ud);
		if (unitcost_run(r, &c->orders, &uo, &c->uc[k], &ud) == 0)
			c->have_uc[k] = 1;
		else if (k == 0)
			omit(c->rep, "cost per order (%s)", ud.msg);
		else
			omit(c->rep, "cost per order of %s (%s)",
			     utc_format_month(c->p[1].from, buf, sizeof(buf)), ud.msg);
		rollup_free(r);
	}
	return 0;
}

/* Measure k of the cost per order table for r: its value (NAN: none)
 * and its text into buf ("" when none). */
double
uc_measure(const struct unitcost_result *r, size_t k, char *buf, size_t n)
{
	const struct unitcost_line *l = &r->marginal;
	const struct unitcost_period *p = &r->total;
	double x = NAN;

	switch (k) {
	case 0:
		x = (double)p->hours;
		break;
	case 1:
		x = p->orders;
		break;
	case 2:
		x = money_to_double(p->cost);
		money_format(p->cost, 2, buf, n);
		return x;
	case 3:
	case 4:
	case 5:
		if (p->orders > 0)
			x = money_to_double(k == 3 ? p->cost : k == 4 ? p->fixed : p->variable) /
			    p->orders;
		break;
	default:
		if (l->ok)
			x = k == 6 ? l->slope : k == 7 ? l->slope_lo : l->slope_hi;
		break;
	}
	if (isnan(x))
		buf[0] = '\0';
	else
		snprintf(buf, n, k < 2 ? "%.0f" : "%.4f", x);
	return x;
}

/* The cost per order table: average, fixed and variable parts, and the
 * marginal cost of one more order with its 95% interval. */
void
section_unitcost(struct ctx *c)
{
	static const char *const what[] = {
		"hours", "orders", "cost", "per_order", "fixed_per_order",
		"variable_per_order", "marginal_per_order", "marginal_lo95", "marginal_hi95",
	};
	struct report_table *t;
	size_t k;

	if (!c->have_uc[0])
		return;
	t = rt_add(c->rep, "cost_per_order", "Cost per order");
	rt_cols(t, "measure,#month,#last_month,#change_pct");
	for (k = 0; k < ARRAY_SIZE(what); k++) {
		double x[2] = { NAN, NAN };
		char buf[48];
		int j;

		rt_row(t);
		rt_set(t, 0, what[k]);
		for (j = 0; j < 2; j++) {
			if (!c->have_uc[j])
				continue;
			x[j] = uc_measure(&c->uc[j], k, buf, sizeof(buf));
			if (buf[0])
				rt_set(t, 1 + (size_t)j, buf);
		}
		if (k > 0 && k < 7 && isfinite(x[0]) && isfinite(x[1]))
			rt_pct(t, 3, x[0] - x[1], x[1]);
	}
	rt_note(t, "Average: effective cost over orders in the hours both are known. Fixed: "
		"charges other than usage, commitment-covered usage, databases, caches, "
		"storage and the like; variable: the rest (rightsize-unitcost(1)). Marginal: "
		"slope of hourly cost on hourly orders, with its 95% interval.");
}

/* One resource judged by the right-sizing engine. */
struct rs_row {
	struct rec_result r;
};

static int
rs_cmp(const void *pa, const void *pb)
{
	const struct rec_result *a = &((const struct rs_row *)pa)->r;
	const struct rec_result *b = &((const struct rs_row *)pb)->r;

	if (a->best_savings != b->best_savings)
		return a->best_savings > b->best_savings ? -1 : 1;
	return strcmp(a->resource, b->resource);
}

/* Right-sizing: every metrics series that measures a billed resource with
 * an instance type, judged by recommend.h at the effective rates the
 * billing shows (Compute Optimizer's defaults), largest monthly saving
 * first. */
int
section_rightsizing(struct ctx *c, struct diag *d)
{
	struct rec_params p;
	struct rec_rates rates;
	struct report_table *t;
	struct rs_row *rows = NULL;
	size_t i, n = 0, unbilled = 0;
	money_t total = 0;
	char note[256];
	int rc = -1;

	if (c->cat == NULL)
		return 0;
	rec_params_init(&p);
	rec_rates_init(&rates);
	if (rec_rates_from_rollup(&rates, c->ro, c->cat, NULL, d) < 0)
		goto out;
	for (i = 0; i < c->metrics.n; i++) {
		const struct series *s = &c->metrics.items[i];
		struct rec_input in;
		size_t j;

		if (rec_is_memory_series(s->name))
			continue;
		memset(&in, 0, sizeof(in));
		in.resource = rec_resource_of(&rates, s->name);
		in.type = in.resource ? rec_rates_type_of(&rates, in.resource) : NULL;
		if (in.type == NULL) {
			unbilled++;
			continue;
		}
		in.cpu = s;
		for (j = 0; j < c->metrics.n && in.mem == NULL; j++) {
			const char *m = c->metrics.items[j].name;

			if (rec_is_memory_series(m) && rec_resource_of(&rates, m) == in.resource)
				in.mem = &c->metrics.items[j];
		}
		rows = xrealloc(rows, (n + 1) * sizeof(*rows));
		memset(&rows[n], 0, sizeof(rows[n]));
		if (rec_run(&p, c->cat, &rates, &in, &rows[n].r, d) < 0) {
			rec_result_fini(&rows[n].r);
			goto out;
		}
		n++;
	}
	if (n > 1)
		qsort(rows, n, sizeof(*rows), rs_cmp);
	t = rt_add(c->rep, "rightsizing", "Right-sizing opportunities (monthly, at your rates)");
	rt_cols(t, "resource,type,finding,#cpu_pct,candidate,#risk,#cost,#savings");
	for (i = 0; i < n; i++) {
		const struct rec_result *r = &rows[i].r;

		rt_row(t);
		rt_set(t, 0, r->resource);
		rt_set(t, 1, r->type);
		rt_set(t, 2, rec_finding_name(r->finding));
		if (!isnan(r->cpu_pct))
			rt_setf(t, 3, "%.1f", r->cpu_pct);
		if (r->finding == REC_IDLE)
			rt_set(t, 4, "(stop)");
		else if (r->ncand > 0)
			rt_set(t, 4, r->cand[0].entry->type);
		if (r->ncand > 0 && r->finding != REC_IDLE)
			rt_setf(t, 5, "%d", r->cand[0].risk);
		if (r->monthly_cost >= 0)
			rt_money(t, 6, r->monthly_cost);
		rt_money(t, 7, r->best_savings);
		if (r->best_savings > 0 && money_add(&total, r->best_savings) < 0) {
			diag_set(d, "", 0, 0, "savings sum overflows");
			goto out;
		}
	}
	rt_row(t);
	rt_set(t, 0, "TOTAL");
	rt_money(t, 7, total);
	snprintf(note, sizeof(note), "CPU at P%g of %g-minute maxima over %g days plus %g %% "
		 "headroom (AWS Compute Optimizer's defaults); cost at %ld hours a month; the "
		 "total adds the savings only (under-provisioned resources cost more).",
		 p.percentile, p.bucket_s / 60, p.lookback_days, 100 * p.headroom,
		 p.hours_per_month);
	rt_note(t, note);
	if (unbilled > 0) {
		snprintf(note, sizeof(note), "%zu metrics series measure no billed resource with "
			 "an instance type and are not judged.", unbilled);
		rt_note(t, note);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		rec_result_fini(&rows[i].r);
	free(rows);
	rec_rates_fini(&rates);
	return rc;
}

/* s cut to the points before `to` (a model of the month must not see
 * what came after it). */
static void
series_until(const struct series *s, int64_t to, struct series *out)
{
	size_t n = 0;

	while (n < s->n && series_time(s, n) < to)
		n++;
	series_init(out, s->name, s->unit, s->start, s->step, n);
	memcpy(out->v, s->v, n * sizeof(double));
}

/* Fit the load model to s (up to the month's end); NULL with the reason
 * in why when it cannot be fitted. */
static struct loadfit *
fit_until(struct ctx *c, const struct series *s, char *why, size_t n)
{
	struct loadfit_opts lo;
	struct loadfit *m = NULL;
	struct series cut;
	struct diag d;

	loadfit_opts_init(&lo);
	lo.events = c->o->events;
	lo.nevents = c->o->nevents;
	series_until(s, c->p[0].to, &cut);
	diag_clear(&d);
	if (loadfit_fit(&cut, &lo, &m, &d) < 0) {
		snprintf(why, n, "%s", d.msg);
		m = NULL;
	}
	series_fini(&cut);
	return m;
}

/* Sums over the hours of [from, to) of the model's median and bounds. */
struct span_sum {
	double mean, lo80, hi80, lo95, hi95;
};

static void
predict_span(const struct loadfit *m, int64_t from, int64_t to, struct span_sum *s)
{
	int64_t t;

	memset(s, 0, sizeof(*s));
	for (t = from; t < to; t += 3600) {
		struct loadfit_point p;

		loadfit_predict(m, t, &p);
		s->mean += p.mean;
		s->lo80 += p.lo80;
		s->hi80 += p.hi80;
		s->lo95 += p.lo95;
		s->hi95 += p.hi95;
	}
}

/* Hourly effective cost of usage charges from the first billed hour to
 * the month's end (costview); hours without usage are gaps. */
static int
usage_hourly(struct ctx *c, struct series *out, struct diag *d)
{
	struct costresult res;
	struct costq q;
	size_t i, n;
	int rc;

	costq_init(&q);
	q.to = c->p[0].to;
	q.gran = GRAN_HOUR;
	rc = costq_parse_where(&q, "charge_kind=usage", d);
	if (rc == 0)
		rc = costview_run(c->ro, &q, &res, d);
	costq_fini(&q);
	if (rc < 0)
		return -1;
	if (res.n == 0) {
		series_init(out, "usage cost", "", c->p[0].from, 3600, 0);
		costresult_fini(&res);
		return 0;
	}
	n = (size_t)((c->p[0].to - res.rows[0].period) / 3600);
	series_init(out, "usage cost", "", res.rows[0].period, 3600, n);
	for (i = 0; i < res.n; i++)
		out->v[(res.rows[i].period - out->start) / 3600] =
			money_to_double(res.rows[i].effective);
	costresult_fini(&res);
	return 0;
}

/* One day outside its interval. */
struct anomaly {
	int64_t day;
	const char *what;     /* "cost" or "orders" */
	double actual;
	struct span_sum e;
	double departure;     /* distance outside the interval / expected */
};

static int
anomaly_cmp(const void *pa, const void *pb)
{
	const struct anomaly *a = pa, *b = pb;

	if (fabs(a->departure - b->departure) > 1e-12)
		return a->departure > b->departure ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return strcmp(a->what, b->what);
}

/* Days of the month whose total of s falls outside the summed 95% bounds
 * of model m, appended to *an. */
static void
find_anomalies(const struct ctx *c, const struct loadfit *m, const struct series *s,
	       const char *what, struct anomaly **an, size_t *n)
{
	const struct period *p = &c->p[0];
	int k;

	for (k = 0; k < p->days; k++) {
		int64_t from = p->from + (int64_t)k * DAY, t;
		struct span_sum e;
		double actual = 0;
		int hours = 0;

		for (t = from; t < from + DAY; t += 3600) {
			int64_t i = (t - s->start) / s->step;

			if (t >= s->start && (size_t)i < s->n && !isnan(s->v[i])) {
				actual += s->v[i];
				hours++;
			}
		}
		if (hours < 24)
			continue; /* a day with gaps is not judged */
		predict_span(m, from, from + DAY, &e);
		if (actual >= e.lo95 && actual <= e.hi95)
			continue;
		if ((actual > e.hi95 ? actual - e.hi95 : e.lo95 - actual) <
		    REPORT_ANOMALY_MIN_DEPARTURE * fabs(e.mean))
			continue;
		*an = xrealloc(*an, (*n + 1) * sizeof(**an));
		(*an)[*n].day = from;
		(*an)[*n].what = what;
		(*an)[*n].actual = actual;
		(*an)[*n].e = e;
		(*an)[*n].departure = (actual > e.hi95 ? actual - e.hi95 : e.lo95 - actual) /
				      (e.mean > 0 ? e.mean : 1);
		(*n)++;
	}
}

/* The services whose usage cost on day moved most against their mean day
 * of the month, as "AmazonEC2 +12.34, AmazonS3 -1.20". */
static int
services_behind(struct ctx *c, int64_t day, char *buf, size_t n, struct diag *d)
{
	const struct period *p = &c->p[0];
	struct costresult all, one;
	struct { const char *svc; double diff; } top[REPORT_ANOMALY_SERVICES];
	size_t i, ntop = 0, o = 0;
	struct period pd;

	memset(&pd, 0, sizeof(pd));
	pd.from = day;
	pd.to = day + DAY;
	if (usage_by_day(c->ro, p, "service", &all, d) < 0)
		return -1;
	if (usage_by_day(c->ro, &pd, "service", &one, d) < 0) {
		costresult_fini(&all);
		return -1;
	}
	for (i = 0; i < one.n; i++) {
		double mean = 0, diff;
		size_t j, k;

		for (j = 0; j < all.n; j++) {
			if (strcmp(all.rows[j].key[0], one.rows[i].key[0]) == 0)
				mean += money_to_double(all.rows[j].effective);
		}
		diff = money_to_double(one.rows[i].effective) - mean / p->days;
		for (k = ntop; k > 0 && fabs(top[k - 1].diff) < fabs(diff); k--) {
			if (k < REPORT_ANOMALY_SERVICES)
				top[k] = top[k - 1];
		}
		if (k < REPORT_ANOMALY_SERVICES) {
			top[k].svc = one.rows[i].key[0];
			top[k].diff = diff;
			if (ntop < REPORT_ANOMALY_SERVICES)
				ntop++;
		}
	}
	buf[0] = '\0';
	for (i = 0; i < ntop && o < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s %+.2f", i ? ", " : "",
				      top[i].svc[0] ? top[i].svc : "(none)", top[i].diff);
	costresult_fini(&all);
	costresult_fini(&one);
	return 0;
}

/* Does s have a value on the last day of p? A forecast must start from
 * the month's end, not from wherever the data stopped. */
static int
covers_last_day(const struct series *s, const struct period *p)
{
	int64_t t;

	for (t = p->to - DAY; t < p->to; t += s->step) {
		int64_t i = (t - s->start) / s->step;

		if (t >= s->start && (size_t)i < s->n && !isnan(s->v[i]))
			return 1;
	}
	return 0;
}

/* Anomalies (days outside the fitted model's 95% interval, cost and
 * orders) and the forecast of next month's orders and cost. */
int
section_models(struct ctx *c, struct diag *d)
{
	const struct period *m = &c->p[0];
	struct loadfit *mo = NULL, *mc = NULL;
	struct series cost;
	struct anomaly *an = NULL;
	struct report_table *t;
	struct report_fig *f;
	size_t nan_ = 0, i;
	char why[512], buf[64], note[512];
	int64_t nfrom = m->to, nto = utc_next_month(m->to);
	int rc = -1, k, ndays = (int)((nto - nfrom) / DAY);

	memset(&cost, 0, sizeof(cost));
	if (usage_hourly(c, &cost, d) < 0)
		goto out;
	mc = fit_until(c, &cost, why, sizeof(why));
	if (mc == NULL)
		omit(c->rep, "cost anomalies (load model: %s)", why);
	if (c->have_orders && !covers_last_day(&c->orders, m)) {
		omit(c->rep, "order anomalies and forecast (the orders have no count on the "
		     "month's last day)");
	} else if (c->have_orders) {
		mo = fit_until(c, &c->orders, why, sizeof(why));
		if (mo == NULL)
			omit(c->rep, "order anomalies and forecast (load model: %s)", why);
	} else {
		omit(c->rep, "order anomalies and forecast (no --orders)");
	}
	if (mc)
		find_anomalies(c, mc, &cost, "cost", &an, &nan_);
	if (mo)
		find_anomalies(c, mo, &c->orders, "orders", &an, &nan_);
	if (mc || mo) {
		if (nan_ > 1)
			qsort(an, nan_, sizeof(*an), anomaly_cmp);
		t = rt_add(c->rep, "anomalies", "Anomalies: days outside the fitted model's 95% interval");
		rt_cols(t, "date,measure,#actual,#expected,#lo95,#hi95,services");
		for (i = 0; i < nan_ && i < REPORT_MAX_ANOMALIES; i++) {
			int dec = strcmp(an[i].what, "cost") == 0 ? 2 : 0;

			rt_row(t);
			rt_set(t, 0, utc_format_date(an[i].day, buf, sizeof(buf)));
			rt_set(t, 1, an[i].what);
			rt_setf(t, 2, "%.*f", dec, an[i].actual);
			rt_setf(t, 3, "%.*f", dec, an[i].e.mean);
			rt_setf(t, 4, "%.*f", dec, an[i].e.lo95);
			rt_setf(t, 5, "%.*f", dec, an[i].e.hi95);
			if (services_behind(c, an[i].day, note, sizeof(note), d) < 0)
				goto out;
			rt_set(t, 6, note);
		}
		snprintf(note, sizeof(note), "Cost: hourly effective cost of usage; orders: hourly "
			 "orders; each fitted by rightsize-fit(1)'s load model up to the month's end "
			 "(%zu declared events). A day's interval sums its hours' 95%% bounds; a day "
			 "must lie outside it by %g%% of the expected value; days with gaps are not "
			 "judged. Services: usage cost that day against their mean "
			 "day of the month.", c->o->nevents,
			 100 * REPORT_ANOMALY_MIN_DEPARTURE);
		rt_note(t, note);
	}
	if (mo) {
		struct span_sum so;
		struct loadfit_summary sm;
		const struct unitcost_line *l = c->have_uc[0] ? &c->uc[0].marginal : NULL;

		predict_span(mo, nfrom, nto, &so);
		loadfit_summary(mo, &sm);
		t = rt_add(c->rep, "forecast", "Forecast of next month");
		rt_cols(t, "measure,month,#forecast,#lo80,#hi80,#lo95,#hi95");
		rt_row(t);
		rt_set(t, 0, "orders");
		rt_set(t, 1, utc_format_month(nfrom, buf, sizeof(buf)));
		rt_setf(t, 2, "%.0f", so.mean);
		rt_setf(t, 3, "%.0f", so.lo80);
		rt_setf(t, 4, "%.0f", so.hi80);
		rt_setf(t, 5, "%.0f", so.lo95);
		rt_setf(t, 6, "%.0f", so.hi95);
		if (l && l->ok) {
			/* cost = hours x base + marginal x orders + this month's lump charges */
			double hours = (double)(nto - nfrom) / 3600, lump = money_to_double(c->uc[0].lump);
			const double x[5] = { so.mean, so.lo80, so.hi80, so.lo95, so.hi95 };
			double y[5];
			int j;

			for (j = 0; j < 5; j++)
				y[j] = hours * l->base + l->slope * x[j] + lump;
			rt_row(t);
			rt_set(t, 0, "cost");
			rt_set(t, 1, buf);
			/* a negative slope turns the orders' bounds round */
			rt_setf(t, 2, "%.2f", y[0]);
			rt_setf(t, 3, "%.2f", fmin(y[1], y[2]));
			rt_setf(t, 4, "%.2f", fmax(y[1], y[2]));
			rt_setf(t, 5, "%.2f", fmin(y[3], y[4]));
			rt_setf(t, 6, "%.2f", fmax(y[3], y[4]));
		}
		snprintf(note, sizeof(note), "Orders: the load model fitted to hourly orders "
			 "(growth %+.1f%% a month, R^2 %.3f, held-out MAPE %.1f%% against %.1f%% for "
			 "the same hour a week before); bounds sum the hours' bounds. Cost: this "
			 "month's hourly base plus marginal cost per order (rightsize-unitcost(1)) "
			 "times the forecast orders, plus this month's lump charges.",
			 100 * sm.growth_month, sm.r2, 100 * sm.mape, 100 * sm.mape_naive);
		rt_note(t, note);

		snprintf(note, sizeof(note), "Daily orders, %s and forecast for %s",
			 utc_format_month(m->from, buf, sizeof(buf)),
			 utc_format_month(nfrom, why, sizeof(why)));
		f = fig_add(c->rep, REPORT_FIG_LINES, note, "orders per day",
			    (size_t)(m->days + ndays));
		{
			double *act = fig_line(f, "actual", 0), *fc = fig_line(f, "model", 1);

			f->lo = xmalloc(f->n * sizeof(double));
			f->hi = xmalloc(f->n * sizeof(double));
			for (k = 0; k < m->days + ndays; k++) {
				int64_t from = m->from + (int64_t)k * DAY;
				struct span_sum e;

				f->label[k] = xstrdup(utc_format_date(from, buf, sizeof(buf)) + 5);
				predict_span(mo, from, from + DAY, &e);
				fc[k] = e.mean;
				f->lo[k] = e.lo95;
				f->hi[k] = e.hi95;
				if (k < m->days) {
					struct period pd;
					struct order_sum os;

					memset(&pd, 0, sizeof(pd));
					pd.from = from;
					pd.to = from + DAY;
					pd.days = 1;
					orders_sum(&c->orders, &pd, &os);
					act[k] = os.missing ? NAN : os.total;
					free(os.daily);
				}
			}
		}
	}
	rc = 0;
out:
	free(an);
	series_fini(&cost);
	loadfit_free(mo);
	loadfit_free(mc);
	return rc;
}

/* "target 50%" (target tracking) or "hpa 60%". */
static void
policy_short(enum policy_kind k, double target, char *buf, size_t n)
{
	snprintf(buf, n, "%s %g%%", k == POL_HPA ? "hpa" : "target", target);
}

/* The autoscaling policy of a tier in words: its first target tracking or
 * HPA policy ("target 50%"), else the first policy's kind. */
static void
policy_words(const struct sim_tier *t, char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < t->npolicies; i++) {
		if (t->policies[i].kind == POL_TARGET || t->policies[i].kind == POL_HPA) {
			policy_short(t->policies[i].kind, t->policies[i].target, buf, n);
			return;
		}
	}
	snprintf(buf, n, "%s", t->npolicies ? policy_kind_name(t->policies[0].kind) : "fixed");
}

/* Scenario name for tables: the file name without folder and ".json". */
static void
scenario_label(const char *path, char *buf, size_t n)
{
	const char *b = strrchr(path, '/');
	size_t len;

	b = b ? b + 1 : path;
	len = strlen(b);
	if (len > 5 && strcmp(b + len - 5, ".json") == 0)
		len -= 5;
	snprintf(buf, n, "%.*s", (int)len, b);
}

static void
autoscaling_row(struct report_table *t, const char *scen, const char *what, const char *type,
		const char *policy, long min, const struct sim_result *r, money_t saving)
{
	char b[48];

	rt_row(t);
	rt_set(t, 0, scen);
	rt_set(t, 1, what);
	rt_set(t, 2, type);
	rt_set(t, 3, policy);
	rt_setf(t, 4, "%ld", min);
	rt_money(t, 5, r->monthly);
	if (r->per_order >= 0)
		rt_set(t, 6, money_format(r->per_order, 4, b, sizeof(b)));
	rt_setf(t, 7, "%.0f", (double)r->slo_seconds / 60.0);
	rt_setf(t, 8, "%ld", r->peak);
	if (saving != INT64_MIN)
		rt_money(t, 9, saving);
}

/* Autoscaling advice: each scenario's current fleet and policy (its
 * baseline) simulated, against the cheapest variant that meets the SLO of
 * the sweep `rightsize whatif --optimize FILE` runs (optimize.h over the
 * first candidate, or the baseline when there is none; the tier named by
 * optimize.tier, or the first). */
int
section_autoscaling(struct ctx *c, struct diag *d)
{
	struct report_table *t;
	size_t k;
	char note[512];

	if (c->o->nscenarios == 0) {
		omit(c->rep, "autoscaling advice (no --scenario)");
		return 0;
	}
	t = rt_add(c->rep, "autoscaling", "Autoscaling: the current policy against the cheapest "
		   "meeting the SLO (simulated)");
	rt_cols(t, "scenario,configuration,type,policy,#min,"
		"#monthly,#per_order,#slo_min,#peak,#saving");
	for (k = 0; k < c->o->nscenarios; k++) {
		const char *path = c->o->scenarios[k];
		struct scenario *sc = NULL;
		struct sim_load load;
		struct sim_result r0;
		struct opt_result res;
		struct sim_opts so;
		const struct sim_tier *tier;
		const struct sim_config *swept;
		char label[128], pol[64];
		size_t ti = 0;
		int rc = -1;

		memset(&load, 0, sizeof(load));
		memset(&res, 0, sizeof(res));
		memset(&r0, 0, sizeof(r0));
		if (scenario_load(path, NULL, 0, &sc, d) != 0)
			return -1;
		swept = sc->ncandidates ? sc->candidates[0] : sc->baseline;
		for (ti = 0; sc->opt.tier && ti < swept->ntiers; ti++) {
			if (strcmp(swept->tiers[ti].name, sc->opt.tier) == 0)
				break;
		}
		if (ti == swept->ntiers) {
			diag_set(d, path, 0, 0, "optimize.tier '%s' is not a tier of %s",
				 sc->opt.tier, swept->name);
			goto next;
		}
		scenario_make_load(sc, &load);
		memset(&so, 0, sizeof(so));
		so.seed = sc->seed;
		if (sim_run(sc->baseline, &load, &sc->slo, &so, &r0) != 0) {
			diag_set(d, path, 0, 0, "configuration '%s': cost sum overflows (a price or "
				 "fleet too large)", sc->baseline->name);
			goto next;
		}
		if (optimize_run(sc, swept, ti, &load, 2, &res, d) != 0) {
			if (d->file[0] == '\0')
				snprintf(d->file, sizeof(d->file), "%s", path);
			goto next;
		}
		scenario_label(path, label, sizeof(label));
		tier = &sc->baseline->tiers[ti < sc->baseline->ntiers ? ti : 0];
		policy_words(tier, pol, sizeof(pol));
		autoscaling_row(t, label, "current", tier->instance_type, pol, tier->min, &r0,
				INT64_MIN);
		if (res.best >= 0 || res.nfrontier > 0) {
			/* none meeting the SLO: the frontier's last variant, the
			 * one with the fewest minutes above it */
			const struct opt_variant *v = res.best >= 0 ? &res.v[res.best] :
							&res.v[res.frontier[res.nfrontier - 1]];
			money_t saving = r0.monthly;

			if (money_sub(&saving, v->r.monthly) < 0)
				saving = INT64_MIN; /* not shown */
			policy_short((enum policy_kind)sc->opt.kind, v->target, pol, sizeof(pol));
			autoscaling_row(t, label, res.best >= 0 ? "cheapest in SLO" : "fewest SLO mins",
					v->type, pol, v->min, &v->r, saving);
		}
		if (res.best < 0) {
			snprintf(note, sizeof(note), "%s: none of the %zu variants meets the SLO; "
				 "the one with the fewest minutes above it is shown.", label, res.n);
			rt_note(t, note);
		}
		snprintf(note, sizeof(note), "%s: current is \"%s\"; %zu variants of \"%s\", tier "
			 "%s, swept; %ld days from %s, SLO p%g under %g ms with at most %g minutes "
			 "above it.", label, sc->baseline->name, res.n, swept->name,
			 swept->tiers[ti].name, sc->days, utc_format_date(sc->start, pol, sizeof(pol)),
			 sc->slo.percentile, sc->slo.latency_ms, sc->opt.max_slo_minutes);
		rt_note(t, note);
		rc = 0;
next:
		optimize_result_fini(&res);
		sim_result_fini(&r0);
		sim_load_fini(&load);
		scenario_free(sc);
		if (rc < 0)
			return -1;
	}
	rt_note(t, "Simulated over each scenario's own period and load (rightsize-simulate(1), "
		"rightsize-whatif(1)); monthly is the run's cost scaled to 730 hours.");
	return 0;
}
