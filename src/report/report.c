/*
 * report.c - the monthly report's content: which tables and charts, and
 * every number in them, asked of the engine (costview for cost, the
 * metrics readers for orders and data quality; the model sections are in
 * report_model.c).
 *
 * Layer: report writer (above the engine; rendering and the atomic write
 * are in report_out.c). Money is summed exactly (money_t) and printed to
 * the cent; ratios are doubles printed with one decimal.
 */
#include "config.h"

#include "report/report.h"

#include <dirent.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/billing.h"
#include "model/recommend.h"
#include "report/report_int.h"
#include "base/sha256.h"
#include "base/utc.h"

void
report_opts_init(struct report_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->top = REPORT_DEFAULT_TOP;
	o->movers_by = "service,usage_type";
}

/* ---- building tables ---- */

struct report_table *
rt_add(struct report *rep, const char *name, const char *title)
{
	struct report_table *t = xcalloc(1, sizeof(*t));

	t->name = xstrdup(name);
	t->title = xstrdup(title);
	xgrow((void **)&rep->t, &rep->cap, rep->n + 1, sizeof(*rep->t));
	rep->t[rep->n++] = t;
	return t;
}

void
rt_col(struct report_table *t, const char *name, enum table_kind kind)
{
	t->col = xrealloc(t->col, (t->ncols + 1) * sizeof(*t->col));
	t->kind = xrealloc(t->kind, (t->ncols + 1) * sizeof(*t->kind));
	t->col[t->ncols] = xstrdup(name);
	t->kind[t->ncols] = kind;
	t->ncols++;
}

void
rt_cols(struct report_table *t, const char *spec)
{
	while (*spec) {
		size_t n = strcspn(spec, ",");
		int num = *spec == '#';
		char *name = xstrndup(spec + num, n - (size_t)num);

		rt_col(t, name, num ? TABLE_NUM : TABLE_TEXT);
		free(name);
		spec += n + (spec[n] == ',');
	}
}

void
rt_row(struct report_table *t)
{
	size_t old = t->rows_cap;

	xgrow((void **)&t->cell, &t->rows_cap, t->nrows + 1, sizeof(*t->cell));
	if (t->rows_cap != old) {
		t->spark = xrealloc(t->spark, t->rows_cap * sizeof(*t->spark));
		memset(t->spark + old, 0, (t->rows_cap - old) * sizeof(*t->spark));
	}
	t->cell[t->nrows] = xcalloc(t->ncols, sizeof(char *));
	t->nrows++;
}

void
rt_set(struct report_table *t, size_t col, const char *s)
{
	char **row = t->cell[t->nrows - 1];

	free(row[col]);
	row[col] = s ? xstrdup(s) : NULL;
}

void
rt_setf(struct report_table *t, size_t col, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rt_set(t, col, buf);
}

void
rt_money(struct report_table *t, size_t col, money_t m)
{
	char buf[40];

	rt_set(t, col, money_format(m, 2, buf, sizeof(buf)));
}

/* 100 * num / den with one decimal; empty when den is 0. */
void
rt_pct(struct report_table *t, size_t col, double num, double den)
{
	double p;

	if (fabs(den) <= 0)
		return;
	p = 100.0 * num / den;
	if (fabs(p) < 0.05)
		p = 0;
	rt_setf(t, col, "%.1f", p);
}

/* Relative change of cur against prev, percent; empty without prev. */
void
rt_change(struct report_table *t, size_t col, money_t cur, money_t prev)
{
	rt_pct(t, col, money_to_double(cur) - money_to_double(prev), money_to_double(prev));
}

void
rt_spark(struct report_table *t, const double *v, size_t n)
{
	t->nspark = n;
	t->spark[t->nrows - 1] = xmalloc((n ? n : 1) * sizeof(double));
	memcpy(t->spark[t->nrows - 1], v, n * sizeof(double));
}

void
rt_note(struct report_table *t, const char *s)
{
	char *n;

	if (t->note == NULL) {
		t->note = xstrdup(s);
		return;
	}
	n = xasprintf("%s %s", t->note, s);
	free(t->note);
	t->note = n;
}

struct report_fig *
fig_add(struct report *rep, enum report_fig_kind kind, const char *title, const char *unit,
	size_t n)
{
	struct report_fig *f = xcalloc(1, sizeof(*f));

	f->kind = kind;
	f->after = rep->n - 1;
	f->title = xstrdup(title);
	f->unit = xstrdup(unit ? unit : "");
	f->n = n;
	f->label = xcalloc(n ? n : 1, sizeof(char *));
	f->text = xcalloc(n ? n : 1, sizeof(char *));
	xgrow((void **)&rep->fig, &rep->fig_cap, rep->nfig + 1, sizeof(*rep->fig));
	rep->fig[rep->nfig++] = f;
	return f;
}

double *
fig_line(struct report_fig *f, const char *name, int dashed)
{
	size_t k = f->nlines++, i;

	f->line_name[k] = xstrdup(name);
	f->dashed[k] = dashed;
	f->v[k] = xmalloc((f->n ? f->n : 1) * sizeof(double));
	for (i = 0; i < f->n; i++)
		f->v[k][i] = NAN;
	return f->v[k];
}

void
omit(struct report *rep, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	xgrow((void **)&rep->omitted, &rep->omitted_cap, rep->nomitted + 1, sizeof(char *));
	rep->omitted[rep->nomitted++] = xstrdup(buf);
}

/* ---- the periods compared ---- */


static void
period_init(struct period *p, const char *role, int64_t from)
{
	memset(p, 0, sizeof(*p));
	p->role = role;
	p->from = from;
	p->to = utc_next_month(from);
	p->days = (int)((p->to - p->from) / DAY);
}

static void
period_fini(struct period *p)
{
	free(p->daily_billed);
	free(p->daily_effective);
	free(p->day_billed);
	free(p->day_effective);
}

/* Run a cost query over [from, to) grouped by `by` (NULL: no grouping). */
int
cost_query(const struct rollup *r, int64_t from, int64_t to, enum cost_gran g,
	   const char *by, struct costresult *res, struct diag *d)
{
	struct costq q;
	int rc;

	costq_init(&q);
	q.from = from;
	q.to = to;
	q.gran = g;
	rc = by ? costq_parse_by(&q, by, d) : 0;
	if (rc == 0)
		rc = costview_run(r, &q, res, d);
	costq_fini(&q);
	return rc;
}

/* Effective cost of usage charges per day of p, grouped by `by` (NULL:
 * not grouped): the day-to-day shape without the monthly lines (tax,
 * support, credits, fees) that are dated on the first of the month. */
int
usage_by_day(const struct rollup *r, const struct period *p, const char *by,
	     struct costresult *res, struct diag *d)
{
	struct costq q;
	int rc;

	costq_init(&q);
	q.from = p->from;
	q.to = p->to;
	q.gran = GRAN_DAY;
	rc = by ? costq_parse_by(&q, by, d) : 0;
	if (rc == 0)
		rc = costq_parse_where(&q, "charge_kind=usage", d);
	if (rc == 0)
		rc = costview_run(r, &q, res, d);
	costq_fini(&q);
	return rc;
}

/* Totals and days with data of p: one costview query by day. */
static int
period_fill(const struct rollup *r, struct period *p, struct diag *d)
{
	struct costresult res;
	size_t i;
	int k;

	if (cost_query(r, p->from, p->to, GRAN_DAY, NULL, &res, d) < 0)
		return -1;
	p->daily_billed = xmalloc((size_t)p->days * sizeof(double));
	p->daily_effective = xmalloc((size_t)p->days * sizeof(double));
	p->day_billed = xcalloc((size_t)p->days, sizeof(money_t));
	p->day_effective = xcalloc((size_t)p->days, sizeof(money_t));
	for (k = 0; k < p->days; k++) {
		p->daily_billed[k] = NAN;
		p->daily_effective[k] = NAN;
	}
	for (i = 0; i < res.n; i++) {
		k = (int)((res.rows[i].period - p->from) / DAY);
		p->daily_billed[k] = money_to_double(res.rows[i].billed);
		p->daily_effective[k] = money_to_double(res.rows[i].effective);
		p->day_billed[k] = res.rows[i].billed;
		p->day_effective[k] = res.rows[i].effective;
	}
	p->days_with_data = (int)res.n;
	p->billed = res.billed;
	p->effective = res.effective;
	p->complete = p->days_with_data == p->days;
	costresult_fini(&res);
	return 0;
}

/* ---- inputs ---- */



struct input *
input_add(struct ctx *c, const char *path, const char *kind, struct diag *d)
{
	struct input *in;

	c->in = xrealloc(c->in, (c->nin + 1) * sizeof(*c->in));
	in = &c->in[c->nin];
	memset(in, 0, sizeof(*in));
	in->path = xstrdup(path);
	in->kind = kind;
	c->nin++;
	if (sha256_file(path, in->sha, &in->bytes, d) < 0)
		return NULL;
	return in;
}

static int
load_inputs(struct ctx *c, struct diag *d)
{
	const struct report_opts *o = c->o;
	size_t i;

	c->ro = rollup_new();
	for (i = 0; i < o->nbilling; i++) {
		struct input *in = input_add(c, o->billing[i], "billing", d);

		if (in == NULL || billing_load(c->ro, o->billing[i], &in->a, d) < 0)
			return -1;
	}
	if (o->orders) {
		struct orders_opts oo;
		struct input *in = input_add(c, o->orders, "orders", d);

		orders_opts_init(&oo);
		if (in == NULL || orders_load(o->orders, &oo, &c->orders, &in->a, d) < 0)
			return -1;
		c->have_orders = 1;
	}
	for (i = 0; i < o->nscenarios; i++) {
		struct input *in = input_add(c, o->scenarios[i], "scenario", d);

		if (in == NULL)
			return -1;
		account_init(&in->a, o->scenarios[i], "rightsize-scenario");
	}
	for (i = 0; i < o->nmetrics; i++) {
		struct metrics_opts mo;
		struct input *in = input_add(c, o->metrics[i], "metrics", d);

		metrics_opts_init(&mo);
		if (in == NULL)
			return -1;
		mo.tally = &in->tally;
		if (metrics_load(o->metrics[i], &mo, &c->metrics, &in->a, d) < 0)
			return -1;
	}
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The price catalog, when metrics ask for right-sizing: its files are
 * inputs too (hashed, listed). A catalog the user named must load; the
 * default one may be absent (the section is then left out). */
static int
load_catalog(struct ctx *c, struct diag *d)
{
	const char *path = c->o->catalog ? c->o->catalog : catalog_default_path();
	char **names = NULL;
	size_t n = 0, i;
	struct stat st;
	int rc = -1;

	if (c->o->nmetrics == 0)
		return 0;
	if (c->o->catalog == NULL && stat(path, &st) < 0) {
		omit(c->rep, "right-sizing (no price catalog at %s; give --catalog)", path);
		return 0;
	}
	if (catalog_load(path, &c->cat, d) < 0)
		return -1;
	c->catpath = path;
	/* the files catalog_load() read: the file, or the folder's *.cat */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		DIR *dp = opendir(path);
		struct dirent *de;

		while (dp && (de = readdir(dp)) != NULL) {
			size_t l = strlen(de->d_name);

			if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".cat") != 0)
				continue;
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xasprintf("%s/%s", path, de->d_name);
		}
		if (dp)
			closedir(dp);
		if (n > 1)
			qsort(names, n, sizeof(*names), name_cmp);
	} else {
		names = xmalloc(sizeof(*names));
		names[n++] = xstrdup(path);
	}
	for (i = 0; i < n; i++) {
		struct input *in = input_add(c, names[i], "catalog", d);

		if (in == NULL)
			goto out;
		account_init(&in->a, names[i], "rightsize-catalog");
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* The currencies of the month's cells: one name, or "A+B" when mixed. */
static int
find_currency(struct ctx *c, struct diag *d)
{
	struct costresult res;
	size_t i;

	if (cost_query(c->ro, c->p[0].from, c->p[0].to, GRAN_ALL, "currency", &res, d) < 0)
		return -1;
	c->currency[0] = '\0';
	for (i = 0; i < res.n; i++) {
		size_t len = strlen(c->currency);

		snprintf(c->currency + len, sizeof(c->currency) - len, "%s%s", i ? "+" : "",
			 res.rows[i].key[0][0] ? res.rows[i].key[0] : "(none)");
	}
	costresult_fini(&res);
	return 0;
}

/* ---- orders ---- */


/* Orders in [p->from, p->to): the sum over hours with data; missing
 * counts hours of the period with no value. */
void
orders_sum(const struct series *s, const struct period *p, struct order_sum *os)
{
	int64_t t;
	int k;

	memset(os, 0, sizeof(*os));
	os->daily = xmalloc((size_t)p->days * sizeof(double));
	for (k = 0; k < p->days; k++)
		os->daily[k] = NAN;
	for (t = p->from; t < p->to; t += 3600) {
		int64_t i = (t - s->start) / s->step;
		double v = t >= s->start && (t - s->start) % s->step == 0 && (size_t)i < s->n ?
				   s->v[i] : NAN;

		os->hours++;
		if (isnan(v)) {
			os->missing++;
			continue;
		}
		k = (int)((t - p->from) / DAY);
		os->daily[k] = isnan(os->daily[k]) ? v : os->daily[k] + v;
		os->total += v;
	}
}

/* ---- sections ---- */

/* Effective cost per day of p from an ungrouped daily result (NAN: a
 * day without rows). */
static void
day_values(const struct costresult *res, const struct period *p, double *v)
{
	size_t i;
	int k;

	for (k = 0; k < p->days; k++)
		v[k] = NAN;
	for (i = 0; i < res->n; i++) {
		k = (int)((res->rows[i].period - p->from) / DAY);
		v[k] = money_to_double(res->rows[i].effective);
	}
}

static void
period_label(const struct period *p, char *buf, size_t n)
{
	utc_format_month(p->from, buf, n);
}

static int
section_summary(struct ctx *c, struct diag *d)
{
	struct report_table *t = rt_add(c->rep, "summary", "Summary");
	struct period *m = &c->p[0], *pm = &c->p[1], *py = &c->p[2];
	struct order_sum os[3];
	struct costresult usage;
	char l0[16], l1[16], l2[16], note[256];
	struct report_fig *f;
	int k;

	period_label(m, l0, sizeof(l0));
	period_label(pm, l1, sizeof(l1));
	period_label(py, l2, sizeof(l2));
	rt_cols(t, "measure,#month,#last_month,#change_pct,#last_year,#year_change_pct");
	for (k = 0; k < 2; k++) {
		money_t cur = k ? m->effective : m->billed;
		money_t prev = k ? pm->effective : pm->billed;
		money_t year = k ? py->effective : py->billed;

		rt_row(t);
		rt_set(t, 0, k ? "effective" : "billed");
		rt_money(t, 1, cur);
		if (pm->complete) {
			rt_money(t, 2, prev);
			rt_change(t, 3, cur, prev);
		}
		if (py->complete) {
			rt_money(t, 4, year);
			rt_change(t, 5, cur, year);
		}
	}
	if (c->have_orders) {
		for (k = 0; k < 3; k++)
			orders_sum(&c->orders, &c->p[k], &os[k]);
		rt_row(t);
		rt_set(t, 0, "orders");
		if (os[0].missing == 0) {
			rt_setf(t, 1, "%.0f", os[0].total);
			if (os[1].missing == 0) {
				rt_setf(t, 2, "%.0f", os[1].total);
				rt_pct(t, 3, os[0].total - os[1].total, os[1].total);
			}
			if (os[2].missing == 0) {
				rt_setf(t, 4, "%.0f", os[2].total);
				rt_pct(t, 5, os[0].total - os[2].total, os[2].total);
			}
			if (c->have_uc[0]) {
				char buf[48];
				double x[2] = { NAN, NAN };

				rt_row(t);
				rt_set(t, 0, "cost_per_order");
				for (k = 0; k < 2; k++) {
					if (!c->have_uc[k])
						continue;
					x[k] = uc_measure(&c->uc[k], 3, buf, sizeof(buf));
					rt_set(t, 1 + (size_t)k, buf[0] ? buf : NULL);
				}
				if (isfinite(x[0]) && isfinite(x[1]))
					rt_pct(t, 3, x[0] - x[1], x[1]);
			}
		} else {
			snprintf(note, sizeof(note), "Orders for %s have no data in %ld of %ld hours, "
				 "so they are not totalled.", l0, os[0].missing, os[0].hours);
			rt_note(t, note);
		}
	}
	snprintf(note, sizeof(note), "Costs in %s; billed is the invoice, effective the "
		 "amortized cost (commitments spread over the hours they cover).",
		 c->currency[0] ? c->currency : "(no currency)");
	rt_note(t, note);
	for (k = 1; k < 3; k++) {
		if (!c->p[k].complete) {
			snprintf(note, sizeof(note), "No comparison with %s: billing data on %d of "
				 "its %d days.", k == 1 ? l1 : l2, c->p[k].days_with_data,
				 c->p[k].days);
			rt_note(t, note);
		}
	}

	/* Day by day: machines get the numbers, the text shows sparklines. */
	t = rt_add(c->rep, "daily", "Day by day");
	t->text_spark = 1;
	rt_cols(t, "date,#billed,#effective,#usage_effective");
	if (c->have_orders)
		rt_col(t, "orders", TABLE_NUM);
	if (usage_by_day(c->ro, m, NULL, &usage, d) < 0)
		return -1;
	for (k = 0; k < m->days; k++) {
		size_t j;

		rt_row(t);
		rt_set(t, 0, utc_format_date(m->from + (int64_t)k * DAY, note, sizeof(note)));
		if (!isnan(m->daily_billed[k])) {
			rt_money(t, 1, m->day_billed[k]);
			rt_money(t, 2, m->day_effective[k]);
		}
		for (j = 0; j < usage.n; j++) {
			if (usage.rows[j].period == m->from + (int64_t)k * DAY)
				rt_money(t, 3, usage.rows[j].effective);
		}
		if (c->have_orders && !isnan(os[0].daily[k]))
			rt_setf(t, 4, "%.0f", os[0].daily[k]);
	}
	rt_note(t, "usage_effective: effective cost of usage charges only, without the monthly "
		"lines (tax, support, credits, fees) dated on the first of the month.");

	/* Daily cost chart: usage charges this month and last month by day
	 * of the month. */
	snprintf(note, sizeof(note), "Daily effective cost of usage, %s", l0);
	f = fig_add(c->rep, REPORT_FIG_LINES, note, c->currency, (size_t)m->days);
	for (k = 0; k < m->days; k++)
		f->label[k] = xasprintf("%d", k + 1);
	day_values(&usage, m, fig_line(f, l0, 0));
	costresult_fini(&usage);
	if (pm->days_with_data > 0) {
		double *v = xmalloc((size_t)pm->days * sizeof(double)), *line;

		if (usage_by_day(c->ro, pm, NULL, &usage, d) < 0) {
			free(v);
			return -1;
		}
		day_values(&usage, pm, v);
		costresult_fini(&usage);
		line = fig_line(f, l1, 1);
		for (k = 0; k < m->days && k < pm->days; k++)
			line[k] = v[k];
		free(v);
	}
	if (c->have_orders) {
		snprintf(note, sizeof(note), "Daily orders, %s", l0);
		f = fig_add(c->rep, REPORT_FIG_LINES, note, "orders", (size_t)m->days);
		for (k = 0; k < m->days; k++)
			f->label[k] = xasprintf("%d", k + 1);
		memcpy(fig_line(f, "orders", 0), os[0].daily, (size_t)m->days * sizeof(double));
		for (k = 0; k < 3; k++)
			free(os[k].daily);
	}
	return 0;
}

static int
section_coverage(struct ctx *c)
{
	struct report_table *t = rt_add(c->rep, "coverage", "Billing data per month compared");
	char buf[16];
	int k;

	rt_cols(t, "period,role,#days,#days_with_data,#billed,#effective");
	for (k = 0; k < 3; k++) {
		rt_row(t);
		rt_set(t, 0, utc_format_month(c->p[k].from, buf, sizeof(buf)));
		rt_set(t, 1, c->p[k].role);
		rt_setf(t, 2, "%d", c->p[k].days);
		rt_setf(t, 3, "%d", c->p[k].days_with_data);
		rt_money(t, 4, c->p[k].billed);
		rt_money(t, 5, c->p[k].effective);
	}
	return 0;
}

/* Look up the row with key k in a one-dimension result (NULL: none). */
static const struct costrow *
find_row(const struct costresult *res, const char *k)
{
	size_t i;

	for (i = 0; i < res->n; i++) {
		if (strcmp(res->rows[i].key[0], k) == 0)
			return &res->rows[i];
	}
	return NULL;
}

static int
section_services(struct ctx *c, struct diag *d)
{
	const struct period *m = &c->p[0], *pm = &c->p[1];
	struct costresult cur, prev, daily;
	struct report_table *t;
	struct report_fig *f;
	money_t ob = 0, oe = 0, op = 0;
	double *spark = xmalloc((size_t)m->days * sizeof(double));
	double *ospark = xmalloc((size_t)m->days * sizeof(double));
	size_t i, j, top = (size_t)c->o->top, nbars;
	int rc = -1, k;

	memset(&cur, 0, sizeof(cur));
	memset(&prev, 0, sizeof(prev));
	memset(&daily, 0, sizeof(daily));
	if (cost_query(c->ro, m->from, m->to, GRAN_ALL, "service", &cur, d) < 0 ||
	    cost_query(c->ro, pm->from, pm->to, GRAN_ALL, "service", &prev, d) < 0 ||
	    usage_by_day(c->ro, m, "service", &daily, d) < 0)
		goto out;
	t = rt_add(c->rep, "by_service", "Cost by service");
	rt_cols(t, "service,#billed,#effective,#share_pct,#last_month,#change_pct");
	for (k = 0; k < m->days; k++)
		ospark[k] = NAN;
	for (i = 0; i < cur.n; i++) {
		const struct costrow *r = &cur.rows[i];
		const struct costrow *p = find_row(&prev, r->key[0]);
		int keep = i < top || (i == top && cur.n == top + 1);

		for (k = 0; k < m->days; k++)
			spark[k] = NAN;
		for (j = 0; j < daily.n; j++) {
			if (strcmp(daily.rows[j].key[0], r->key[0]) == 0) {
				k = (int)((daily.rows[j].period - m->from) / DAY);
				spark[k] = money_to_double(daily.rows[j].effective);
			}
		}
		if (!keep) {
			if (money_add(&ob, r->billed) < 0 || money_add(&oe, r->effective) < 0 ||
			    (p && money_add(&op, p->effective) < 0))
				goto overflow;
			for (k = 0; k < m->days; k++) {
				if (!isnan(spark[k]))
					ospark[k] = isnan(ospark[k]) ? spark[k] : ospark[k] + spark[k];
			}
			continue;
		}
		rt_row(t);
		rt_set(t, 0, r->key[0][0] ? r->key[0] : "(none)");
		rt_money(t, 1, r->billed);
		rt_money(t, 2, r->effective);
		rt_pct(t, 3, money_to_double(r->effective), money_to_double(cur.effective));
		if (pm->complete) {
			rt_money(t, 4, p ? p->effective : 0);
			if (p)
				rt_change(t, 5, r->effective, p->effective);
		}
		rt_spark(t, spark, (size_t)m->days);
	}
	if (cur.n > top + 1) {
		/* the folded tail: its previous month is the services' that
		 * are in the tail this month */
		rt_row(t);
		rt_setf(t, 0, "(%zu other)", cur.n - top);
		rt_money(t, 1, ob);
		rt_money(t, 2, oe);
		rt_pct(t, 3, money_to_double(oe), money_to_double(cur.effective));
		if (pm->complete) {
			rt_money(t, 4, op);
			rt_change(t, 5, oe, op);
		}
		rt_spark(t, ospark, (size_t)m->days);
	}
	rt_row(t);
	rt_set(t, 0, "TOTAL");
	rt_money(t, 1, cur.billed);
	rt_money(t, 2, cur.effective);
	rt_set(t, 3, cur.effective != 0 ? "100.0" : NULL);
	if (pm->complete) {
		rt_money(t, 4, prev.effective);
		rt_change(t, 5, cur.effective, prev.effective);
	}
	for (k = 0; k < m->days; k++)
		spark[k] = NAN;
	for (j = 0; j < daily.n; j++) {
		k = (int)((daily.rows[j].period - m->from) / DAY);
		spark[k] = isnan(spark[k]) ? 0 : spark[k];
		spark[k] += money_to_double(daily.rows[j].effective);
	}
	rt_spark(t, spark, (size_t)m->days);
	if (pm->complete)
		rt_note(t, "Services billed only last month are not listed here.");

	nbars = t->nrows - 1;
	f = fig_add(c->rep, REPORT_FIG_BARS, "Effective cost by service", c->currency, nbars);
	f->v[0] = xmalloc((nbars ? nbars : 1) * sizeof(double));
	for (i = 0; i < nbars; i++) {
		money_t v;

		f->label[i] = xstrdup(t->cell[i][0]);
		f->text[i] = xstrdup(t->cell[i][2]);
		money_parse(t->cell[i][2], strlen(t->cell[i][2]), &v);
		f->v[0][i] = money_to_double(v);
	}
	rc = 0;
	goto out;
overflow:
	diag_set(d, "", 0, 0, "cost sum overflows");
out:
	free(spark);
	free(ospark);
	costresult_fini(&cur);
	costresult_fini(&prev);
	costresult_fini(&daily);
	return rc;
}

/* Rows of a measure, value, unit table. */
static void
measure_money(struct report_table *t, const char *name, money_t v, const char *currency)
{
	rt_row(t);
	rt_set(t, 0, name);
	rt_money(t, 1, v);
	rt_set(t, 2, currency);
}

static void
measure_pct(struct report_table *t, const char *name, money_t num, money_t den)
{
	rt_row(t);
	rt_set(t, 0, name);
	rt_pct(t, 1, money_to_double(num), money_to_double(den));
	rt_set(t, 2, "percent");
}

static int
section_pricing(struct ctx *c, struct diag *d)
{
	const struct period *m = &c->p[0];
	struct costresult res;
	struct report_table *t;
	struct report_fig *f;
	money_t usage = 0, covered = 0, unused = 0, committed;
	size_t i;
	int rc = -1;

	if (cost_query(c->ro, m->from, m->to, GRAN_ALL, "pricing_model,charge_kind", &res, d) < 0)
		return -1;
	t = rt_add(c->rep, "by_pricing_model", "Cost by pricing model and charge kind");
	rt_cols(t, "pricing_model,charge_kind,#billed,#effective,#share_pct");
	f = fig_add(c->rep, REPORT_FIG_BARS, "Effective cost by pricing model and charge kind",
		    c->currency, res.n);
	f->v[0] = xmalloc((res.n ? res.n : 1) * sizeof(double));
	for (i = 0; i < res.n; i++) {
		const struct costrow *r = &res.rows[i];
		int pm = rollup_pm_parse(r->key[0], strlen(r->key[0]));
		int ck = rollup_ck_parse(r->key[1], strlen(r->key[1]));
		char buf[40];

		rt_row(t);
		rt_set(t, 0, r->key[0]);
		rt_set(t, 1, r->key[1]);
		rt_money(t, 2, r->billed);
		rt_money(t, 3, r->effective);
		rt_pct(t, 4, money_to_double(r->effective), money_to_double(res.effective));
		f->label[i] = xasprintf("%s / %s", r->key[0], r->key[1]);
		f->text[i] = xstrdup(money_format(r->effective, 2, buf, sizeof(buf)));
		f->v[0][i] = money_to_double(r->effective);
		if (ck == CK_USAGE && pm != PM_NONE && money_add(&usage, r->effective) < 0)
			goto overflow;
		if (ck == CK_USAGE && pm == PM_COMMITMENT && money_add(&covered, r->effective) < 0)
			goto overflow;
		if (ck == CK_COMMITMENT_FEE && money_add(&unused, r->effective) < 0)
			goto overflow;
	}

	committed = covered;
	if (money_add(&committed, unused) < 0)
		goto overflow;
	t = rt_add(c->rep, "commitments", "Commitments (Savings Plans, reservations)");
	rt_cols(t, "measure,#value,unit");
	measure_money(t, "usage_effective", usage, c->currency);
	measure_money(t, "covered_usage_effective", covered, c->currency);
	measure_pct(t, "coverage_pct", covered, usage);
	measure_money(t, "commitment_used", covered, c->currency);
	measure_money(t, "commitment_unused", unused, c->currency);
	measure_pct(t, "utilization_pct", covered, committed);
	rt_note(t, "Coverage: effective cost of usage covered by commitments over the effective "
		"cost of all priced usage. Utilization: commitment used (the covered usage's "
		"effective cost) over used plus unused (the fees' effective cost).");
	rc = 0;
	goto out;
overflow:
	diag_set(d, "", 0, 0, "cost sum overflows");
out:
	costresult_fini(&res);
	return rc;
}

/* One key combination of the movers table: previous and current month. */
struct mover {
	const char *key[COSTQ_MAX_BY]; /* borrowed from the costresult */
	money_t prev, cur, change;
};

/* |m|, which fits in 64 unsigned bits even for INT64_MIN */
static uint64_t
money_magnitude(money_t m)
{
	return m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
}

static int
mover_cmp(const void *pa, const void *pb)
{
	const struct mover *a = pa, *b = pb;
	uint64_t aa = money_magnitude(a->change), bb = money_magnitude(b->change);
	int i;

	if (aa != bb)
		return aa > bb ? -1 : 1;
	for (i = 0; i < COSTQ_MAX_BY && a->key[i]; i++) {
		int r = strcmp(a->key[i], b->key[i]);

		if (r)
			return r;
	}
	return 0;
}

static int
mover_key_cmp(const struct mover *m, const struct costrow *r, int nk)
{
	int i;

	for (i = 0; i < nk; i++) {
		if (strcmp(m->key[i], r->key[i]) != 0)
			return 1;
	}
	return 0;
}

static int
section_movers(struct ctx *c, struct diag *d)
{
	const struct period *m = &c->p[0], *pm = &c->p[1];
	struct costresult res;
	struct costq q;
	struct report_table *t;
	struct report_fig *f;
	struct mover *mv = NULL;
	size_t i, j, nmv = 0, n;
	char name[64], buf[40];
	int rc = -1, k;

	if (!pm->complete) {
		utc_format_month(pm->from, buf, sizeof(buf));
		omit(c->rep, "top cost movers (billing data on %d of %d days of %s)",
		     pm->days_with_data, pm->days, buf);
		return 0;
	}
	costq_init(&q);
	memset(&res, 0, sizeof(res));
	q.from = pm->from;
	q.to = m->to;
	q.gran = GRAN_MONTH;
	if (costq_parse_by(&q, c->o->movers_by, d) < 0 || costview_run(c->ro, &q, &res, d) < 0)
		goto out;
	mv = xcalloc(res.n ? res.n : 1, sizeof(*mv));
	for (i = 0; i < res.n; i++) {
		const struct costrow *r = &res.rows[i];

		for (j = 0; j < nmv && mover_key_cmp(&mv[j], r, q.nby); j++)
			;
		if (j == nmv) {
			for (k = 0; k < q.nby; k++)
				mv[j].key[k] = r->key[k];
			nmv++;
		}
		if (r->period == m->from)
			mv[j].cur = r->effective;
		else
			mv[j].prev = r->effective;
	}
	for (j = 0; j < nmv; j++) {
		mv[j].change = mv[j].cur;
		if (money_sub(&mv[j].change, mv[j].prev) < 0) {
			diag_set(d, "", 0, 0, "cost change overflows");
			goto out;
		}
	}
	if (nmv > 1)
		qsort(mv, nmv, sizeof(*mv), mover_cmp);
	n = nmv < (size_t)c->o->top ? nmv : (size_t)c->o->top;
	t = rt_add(c->rep, "movers", "Top cost movers against the previous month (effective)");
	for (k = 0; k < q.nby; k++)
		rt_col(t, costq_by_name(&q, k, name, sizeof(name)), TABLE_TEXT);
	rt_cols(t, "#last_month,#month,#change,#change_pct");
	f = fig_add(c->rep, REPORT_FIG_BARS, "Top cost movers (change in effective cost)",
		    c->currency, n);
	f->v[0] = xmalloc((n ? n : 1) * sizeof(double));
	for (j = 0; j < n; j++) {
		char lab[256] = "";

		rt_row(t);
		for (k = 0; k < q.nby; k++) {
			const char *s = mv[j].key[k][0] ? mv[j].key[k] : "(none)";
			size_t len = strlen(lab);

			rt_set(t, (size_t)k, s);
			snprintf(lab + len, sizeof(lab) - len, "%s%s", k ? " " : "", s);
		}
		rt_money(t, (size_t)q.nby, mv[j].prev);
		rt_money(t, (size_t)q.nby + 1, mv[j].cur);
		rt_money(t, (size_t)q.nby + 2, mv[j].change);
		rt_change(t, (size_t)q.nby + 3, mv[j].cur, mv[j].prev);
		f->label[j] = xstrdup(lab);
		f->text[j] = xstrdup(money_format(mv[j].change, 2, buf, sizeof(buf)));
		f->v[0][j] = money_to_double(mv[j].change);
	}
	rt_note(t, "Largest changes first, whichever the direction; change_pct is empty for "
		"what was not billed last month.");
	rc = 0;
out:
	free(mv);
	costresult_fini(&res);
	costq_fini(&q);
	return rc;
}

static void
section_quality(struct ctx *c)
{
	struct report_table *t = rt_add(c->rep, "data_quality", "Data quality: rows per input file");
	struct report_table *s;
	size_t i;
	int k;

	rt_col(t, "file", TABLE_TEXT);
	t->tail = 1u << 0;
	rt_cols(t, "kind,format,#read,#used,#skipped,#gaps,#bad_values");
	for (i = 0; i < c->nin; i++) {
		const struct account *a = &c->in[i].a;

		if (strcmp(c->in[i].kind, "catalog") == 0 || strcmp(c->in[i].kind, "scenario") == 0)
			continue; /* read whole or refused: nothing to account */
		rt_row(t);
		rt_set(t, 0, c->in[i].path);
		rt_set(t, 1, c->in[i].kind);
		rt_set(t, 2, a->format);
		rt_setf(t, 3, "%ld", a->rows_read);
		rt_setf(t, 4, "%ld", a->rows_used);
		rt_setf(t, 5, "%ld", account_skipped(a));
		rt_setf(t, 6, "%ld", a->gaps);
		rt_setf(t, 7, "%ld", a->values_bad);
	}
	rt_note(t, "Rows: read = used + skipped; for metrics a row is one data point, gaps are "
		"grid points with no value and bad values are points that are not finite numbers.");
	s = rt_add(c->rep, "warnings", "Warnings from the readers");
	rt_col(s, "file", TABLE_TEXT);
	s->tail = 1u << 0;
	rt_col(s, "warning", TABLE_TEXT);
	for (i = 0; i < c->nin; i++) {
		size_t w, nw = c->in[i].tally.nwarnings;

		/* the billing reader's one warning (an undecided date order),
		 * then the metrics reader's */
		for (w = c->in[i].a.warning[0] == '\0'; w <= nw; w++) {
			const char *msg = w == 0 ? c->in[i].a.warning : c->in[i].tally.warnings[w - 1];
			size_t pl = strlen(c->in[i].path);

			/* the reader names the file; the table has a column for it */
			if (strncmp(msg, c->in[i].path, pl) == 0 && strncmp(msg + pl, ": ", 2) == 0)
				msg += pl + 2;
			rt_row(s);
			rt_set(s, 0, c->in[i].path);
			rt_set(s, 1, msg);
		}
	}
	s = rt_add(c->rep, "skipped", "Rows skipped, by reason");
	rt_col(s, "file", TABLE_TEXT);
	s->tail = 1u << 0;
	rt_col(s, "reason", TABLE_TEXT);
	rt_col(s, "rows", TABLE_NUM);
	for (i = 0; i < c->nin; i++) {
		const struct account *a = &c->in[i].a;

		for (k = 0; k < a->nskip; k++) {
			rt_row(s);
			rt_set(s, 0, c->in[i].path);
			rt_set(s, 1, a->skip_reason[k]);
			rt_setf(s, 2, "%ld", a->skip_count[k]);
		}
	}
}

static void
section_footer(struct ctx *c)
{
	const struct report_opts *o = c->o;
	struct report_table *t = rt_add(c->rep, "not_included", "Not included");
	char buf[32];
	size_t i;

	t->footer = 1;
	rt_col(t, "section", TABLE_TEXT);
	for (i = 0; i < c->rep->nomitted; i++) {
		rt_row(t);
		rt_set(t, 0, c->rep->omitted[i]);
	}
	t = rt_add(c->rep, "parameters", "Parameters");

	t->footer = 1;
	rt_col(t, "name", TABLE_TEXT);
	rt_col(t, "value", TABLE_TEXT);
	rt_row(t);
	rt_set(t, 0, "program");
	rt_set(t, 1, PACKAGE_NAME " " PACKAGE_VERSION);
	rt_row(t);
	rt_set(t, 0, "month");
	rt_set(t, 1, utc_format_month(o->month, buf, sizeof(buf)));
	rt_row(t);
	rt_set(t, 0, "top");
	rt_setf(t, 1, "%d", o->top);
	rt_row(t);
	rt_set(t, 0, "movers_by");
	rt_set(t, 1, o->movers_by);
	if (c->cat) {
		struct rec_params p;

		rec_params_init(&p);
		rt_row(t);
		rt_set(t, 0, "rightsizing");
		rt_setf(t, 1, "compute-optimizer: P%g of %gs maxima, %g days, headroom %g%%, "
			"idle at %g%%, %ld h/month", p.percentile, p.bucket_s, p.lookback_days,
			100 * p.headroom, p.idle_max_cpu, p.hours_per_month);
		rt_row(t);
		rt_set(t, 0, "catalog");
		rt_set(t, 1, c->catpath);
	}
	for (i = 0; i < c->nin; i++) {
		if (strcmp(c->in[i].kind, "catalog") == 0)
			continue; /* the catalog option is above; its files are inputs */
		rt_row(t);
		rt_set(t, 0, c->in[i].kind);
		rt_set(t, 1, c->in[i].path);
	}

	t = rt_add(c->rep, "inputs", "Inputs (SHA-256 of each file's bytes)");
	t->footer = 1;
	rt_cols(t, "file,#bytes,sha256");
	t->keep = 1u << 2;
	t->tail = 1u << 0;
	for (i = 0; i < c->nin; i++) {
		rt_row(t);
		rt_set(t, 0, c->in[i].path);
		rt_setf(t, 1, "%llu", c->in[i].bytes);
		rt_set(t, 2, c->in[i].sha);
	}
}

static void
ctx_fini(struct ctx *c)
{
	size_t i;
	int k;

	for (i = 0; i < c->nin; i++) {
		free(c->in[i].path);
		metrics_tally_fini(&c->in[i].tally);
	}
	free(c->in);
	rollup_free(c->ro);
	catalog_free(c->cat);
	unitcost_result_fini(&c->uc[0]);
	unitcost_result_fini(&c->uc[1]);
	series_fini(&c->orders);
	series_set_fini(&c->metrics);
	for (k = 0; k < 3; k++)
		period_fini(&c->p[k]);
}

int
report_build(const struct report_opts *o, struct report *rep, struct diag *d)
{
	struct ctx c;
	char buf[16];
	int y, k, rc = -1;
	unsigned mo, dd;

	memset(rep, 0, sizeof(*rep));
	memset(&c, 0, sizeof(c));
	c.o = o;
	c.rep = rep;
	utc_civil_from_days(o->month / DAY, &y, &mo, &dd);
	period_init(&c.p[0], "month", o->month);
	period_init(&c.p[1], "previous month", utc_floor_month(o->month - 1));
	period_init(&c.p[2], "same month last year", utc_days_from_civil(y - 1, mo, 1) * DAY);
	if (load_inputs(&c, d) < 0 || load_catalog(&c, d) < 0)
		goto out;
	for (k = 0; k < 3; k++) {
		if (period_fill(c.ro, &c.p[k], d) < 0)
			goto out;
	}
	utc_format_month(o->month, buf, sizeof(buf));
	if (c.p[0].days_with_data == 0) {
		diag_set(d, o->billing[0], 0, 0, "no billing data for %s in the files given", buf);
		goto out;
	}
	if (find_currency(&c, d) < 0)
		goto out;
	rep->heading = xasprintf("rightsize monthly report %s (UTC, %d days)", buf, c.p[0].days);
	if (prepare_unitcost(&c, d) < 0)
		goto out;
	if (section_summary(&c, d) < 0)
		goto out;
	section_coverage(&c);
	section_unitcost(&c);
	if (section_services(&c, d) < 0 || section_pricing(&c, d) < 0 ||
	    section_movers(&c, d) < 0)
		goto out;
	if (section_models(&c, d) < 0 || section_rightsizing(&c, d) < 0 ||
	    section_autoscaling(&c, d) < 0)
		goto out;
	if (!c.have_orders)
		omit(rep, "orders in the summary (no --orders)");
	if (o->nmetrics == 0)
		omit(rep, "right-sizing (no --metrics)");
	section_quality(&c);
	section_footer(&c);
	rc = 0;
out:
	ctx_fini(&c);
	if (rc < 0)
		report_fini(rep);
	return rc;
}

static void
table_fini(struct report_table *t)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			free(t->cell[r][c]);
		free(t->cell[r]);
		free(t->spark[r]);
	}
	for (c = 0; c < t->ncols; c++)
		free(t->col[c]);
	free(t->cell);
	free(t->spark);
	free(t->col);
	free(t->kind);
	free(t->name);
	free(t->title);
	free(t->note);
	free(t);
}

void
report_fini(struct report *rep)
{
	size_t i, j;

	for (i = 0; i < rep->n; i++)
		table_fini(rep->t[i]);
	for (i = 0; i < rep->nfig; i++) {
		struct report_fig *f = rep->fig[i];

		for (j = 0; j < f->n; j++) {
			free(f->label[j]);
			free(f->text[j]);
		}
		for (j = 0; j < 3; j++) {
			free(f->line_name[j]);
			free(f->v[j]);
		}
		free(f->label);
		free(f->text);
		free(f->title);
		free(f->unit);
		free(f->lo);
		free(f->hi);
		free(f);
	}
	for (i = 0; i < rep->nomitted; i++)
		free(rep->omitted[i]);
	free(rep->omitted);
	free(rep->t);
	free(rep->fig);
	free(rep->heading);
	memset(rep, 0, sizeof(*rep));
}
