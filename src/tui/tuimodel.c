/*
 * tuimodel.c - the planning screens' model: reads the inputs once and
 * answers the screens' questions through the engine (costview for every
 * cost figure), so the TUI shows what `rightsize cost` would print.
 *
 * Layer: front end (the TUI's model); no curses here.
 */
#include "config.h"

#include "tui/tuimodel.h"

#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/billing.h"
#include "ingest/metrics.h"
#include "base/money.h"
#include "base/utc.h"

/* ---- inputs ------------------------------------------------------------ */

static const char *
store_add(struct tui_store *st, char *s)
{
	xgrow((void **)&st->s, &st->cap, st->n + 1, sizeof(*st->s));
	st->s[st->n++] = s;
	return s;
}

static void
list_add(const char ***list, size_t *n, size_t *cap, const char *s)
{
	xgrow((void **)list, cap, *n + 1, sizeof(**list));
	(*list)[(*n)++] = s;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

static int
is_file(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

int
tuimodel_sample_inputs(const char *dir, struct tui_inputs *in,
		       struct tui_store *st, struct diag *d)
{
	/* Metrics of the sample worth a screen: the load balancer's request
	 * count is the load curve; CPU and memory drive right-sizing. The
	 * CloudWatch query file is an input to the AWS CLI, not data. */
	static const char *const metrics[] = {
		"cloudwatch-alb-requests.json.gz",
		"cloudwatch-cpu-page1.json.gz",
		"cloudwatch-cpu-page2.json.gz",
		"cloudwatch-memory.json.gz",
	};
	const char *env = getenv("RIGHTSIZE_SAMPLE");
	char *bdir, **names = NULL;
	size_t nnames = 0, cap = 0, i;
	struct dirent *e;
	DIR *dp;

	if (env != NULL && env[0] != '\0')
		dir = env;
	bdir = xasprintf("%s/billing", dir);
	dp = opendir(bdir);
	if (dp == NULL) {
		free(bdir);
		return diag_set(d, dir, 0, 0,
				"no input files given and no sample data here "
				"(give rollups or billing files, or set RIGHTSIZE_SAMPLE)");
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.' ||
		    !(has_suffix(e->d_name, ".csv") || has_suffix(e->d_name, ".csv.gz")))
			continue;
		xgrow((void **)&names, &cap, nnames + 1, sizeof(*names));
		names[nnames++] = xasprintf("%s/%s", bdir, e->d_name);
	}
	closedir(dp);
	free(bdir);
	if (nnames == 0) {
		free(names);
		return diag_set(d, dir, 0, 0, "the sample data has no billing files");
	}
	qsort(names, nnames, sizeof(*names), cmp_str);
	memset(in, 0, sizeof(*in));
	for (i = 0; i < nnames; i++)
		list_add(&st->billing, &in->nbilling, &st->billing_cap, store_add(st, names[i]));
	free(names);
	in->billing = st->billing;
	for (i = 0; i < ARRAY_SIZE(metrics); i++) {
		char *p = xasprintf("%s/metrics/%s", dir, metrics[i]);

		if (is_file(p))
			list_add(&st->metrics, &in->nmetrics, &st->metrics_cap, store_add(st, p));
		else
			free(p);
	}
	in->metrics = st->metrics;
	{
		char *p = xasprintf("%s/orders/orders-hourly.csv", dir);

		if (is_file(p))
			in->orders = store_add(st, p);
		else
			free(p);
	}
	{
		/* the scenario pack written for the sample: installed next to it */
		char *p = xasprintf("%s/../scenarios/sample-verdant.json", dir);

		if (is_file(p))
			in->scenario = store_add(st, p);
		else
			free(p);
	}
	in->sample_dir = store_add(st, xstrdup(dir));
	return 0;
}

void
tuimodel_store_fini(struct tui_store *st)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		free(st->s[i]);
	free(st->s);
	free(st->billing);
	free(st->metrics);
	memset(st, 0, sizeof(*st));
}

/* ---- tag keys ---------------------------------------------------------- */

/* Keys of a canonical tags object (compact JSON, string values). */
static void
collect_keys(const char *tags, char ***keys, size_t *n, size_t *cap)
{
	const char *p = tags;

	if (*p != '{')
		return;
	p++;
	while (*p == '"') {
		const char *k = ++p;
		size_t i;
		int seen = 0;

		while (*p && *p != '"') {
			if (*p == '\\' && p[1])
				p++;
			p++;
		}
		for (i = 0; i < *n && !seen; i++)
			seen = strlen((*keys)[i]) == (size_t)(p - k) &&
			       strncmp((*keys)[i], k, (size_t)(p - k)) == 0;
		if (!seen) {
			xgrow((void **)keys, cap, *n + 1, sizeof(**keys));
			(*keys)[(*n)++] = xstrndup(k, (size_t)(p - k));
		}
		if (*p != '"' || p[1] != ':' || p[2] != '"')
			return;
		p += 3;
		while (*p && *p != '"') {
			if (*p == '\\' && p[1])
				p++;
			p++;
		}
		if (*p != '"')
			return;
		p++;
		if (*p == ',')
			p++;
	}
}

static void
find_tag_keys(struct tuimodel *m)
{
	const char *last = NULL;
	size_t i, cap = 0;

	for (i = 0; i < rollup_count(m->rollup); i++) {
		const char *tags = rollup_get(m->rollup, i)->dim[DIM_TAGS];

		/* tag strings are interned: equal pointers, equal tags */
		if (tags == last || tags[0] == '\0')
			continue;
		last = tags;
		collect_keys(tags, &m->tag_keys, &m->ntag_keys, &cap);
	}
	if (m->ntag_keys > 1)
		qsort(m->tag_keys, m->ntag_keys, sizeof(*m->tag_keys), cmp_str);
}

/* ---- month totals ------------------------------------------------------ */

static int
run_totals(struct tuimodel *m, enum cost_gran g, struct costresult *out,
	   struct diag *d)
{
	struct costq q;
	int rc;

	costq_init(&q);
	q.gran = g;
	rc = costview_run(m->rollup, &q, out, d);
	costq_fini(&q);
	return rc;
}

/* ---- right-sizing -------------------------------------------------------- */

/* Largest monthly saving first, then by resource: the report's order. */
static int
rec_cmp(const void *pa, const void *pb)
{
	const struct rec_result *a = &((const struct tui_rec *)pa)->r;
	const struct rec_result *b = &((const struct tui_rec *)pb)->r;

	if (a->best_savings != b->best_savings)
		return a->best_savings > b->best_savings ? -1 : 1;
	return strcmp(a->resource, b->resource);
}

/*
 * Recommend for every metrics series that measures a billed resource with
 * an instance type (rec_resource_of: the report's rule, which also reads
 * CloudWatch Ids such as cpu_i_0abc), as `rightsize recommend --billing`
 * judges each (Compute Optimizer's defaults, the bill's effective rates),
 * and total the findings as its summary table does.
 */
static int
recommend_all(struct tuimodel *m, const char *catpath, struct diag *d)
{
	size_t i, j;

	rec_params_init(&m->recp);
	rec_rates_init(&m->rates);
	if (m->metrics.n == 0)
		return 0;
	if (catalog_load(catpath, &m->catalog, d) < 0) {
		diag_format(d, m->catalog_error, sizeof(m->catalog_error));
		m->catalog = NULL;
		diag_clear(d);
		return 0;
	}
	if (rec_rates_from_rollup(&m->rates, m->rollup, m->catalog, m->recp.region, d) < 0)
		return -1;
	m->recs = xcalloc(m->metrics.n, sizeof(*m->recs));
	for (i = 0; i < m->metrics.n; i++) {
		const struct series *ser = &m->metrics.items[i];
		struct tui_rec *tr = &m->recs[m->nrecs];
		struct rec_input in;
		char buf[4096];

		if (rec_is_memory_series(ser->name))
			continue;
		memset(&in, 0, sizeof(in));
		in.resource = rec_resource_of(&m->rates, ser->name);
		in.type = in.resource ? rec_rates_type_of(&m->rates, in.resource) : NULL;
		if (in.type == NULL) {
			m->rec_unbilled++;
			continue;
		}
		in.cpu = ser;
		for (j = 0; j < m->metrics.n && in.mem == NULL; j++) {
			const char *mn = m->metrics.items[j].name;

			if (rec_is_memory_series(mn) && rec_resource_of(&m->rates, mn) == in.resource)
				in.mem = &m->metrics.items[j];
		}
		if (rec_run(&m->recp, m->catalog, &m->rates, &in, &tr->r, d) < 0) {
			rec_result_fini(&tr->r);
			return -1;
		}
		rec_explain(&tr->r, &m->recp, buf, sizeof(buf));
		tr->explain = xstrdup(buf);
		m->nrecs++;
		if (rec_tally_add(&m->recsum, &tr->r) < 0)
			return diag_set(d, "", 0, 0, "%s: monthly cost sum overflows", in.resource);
	}
	if (m->nrecs > 1)
		qsort(m->recs, m->nrecs, sizeof(*m->recs), rec_cmp);
	return 0;
}

/* ---- cost per order ------------------------------------------------------ */

/* `rightsize unitcost -g month`: per month the orders and the effective
 * cost per order (its per_order column), lined up with the month rows. */
static void
unit_costs(struct tuimodel *m)
{
	struct unitcost_opts o;
	struct diag d;
	size_t i, k;

	m->month_orders = xcalloc(m->months.n + 1, sizeof(double));
	m->month_per_order = xcalloc(m->months.n + 1, sizeof(double));
	for (i = 0; i < m->months.n; i++)
		m->month_orders[i] = m->month_per_order[i] = NAN;
	m->total_per_order = NAN;
	if (m->orders.n == 0 || rollup_count(m->rollup) == 0)
		return;
	unitcost_opts_init(&o);
	o.gran = UC_MONTH;
	diag_clear(&d);
	if (unitcost_run(m->rollup, &m->orders, &o, &m->uc, &d) < 0) {
		diag_format(&d, m->uc_error, sizeof(m->uc_error));
		return;
	}
	m->have_uc = 1;
	for (k = 0; k < m->uc.n; k++) {
		const struct unitcost_period *p = &m->uc.periods[k];

		for (i = 0; i < m->months.n; i++) {
			if (m->months.rows[i].period != p->start)
				continue;
			m->month_orders[i] = p->orders;
			if (p->orders > 0)
				m->month_per_order[i] = money_to_double(p->cost) / p->orders;
		}
	}
	if (m->uc.total.orders > 0)
		m->total_per_order = money_to_double(m->uc.total.cost) / m->uc.total.orders;
}

/* ---- loading ----------------------------------------------------------- */

struct tuimodel *
tuimodel_load(const struct tui_inputs *in, struct diag *d)
{
	struct tuimodel *m = xcalloc(1, sizeof(*m));
	struct metrics_opts mo;
	size_t i;

	m->rollup = rollup_new();
	m->accounts = xcalloc(in->nbilling ? in->nbilling : 1, sizeof(*m->accounts));
	account_init(&m->total, "TOTAL", "");
	for (i = 0; i < in->nbilling; i++) {
		if (billing_load(m->rollup, in->billing[i], &m->accounts[i], d) < 0)
			goto fail;
		m->naccounts++;
		if (account_merge(&m->total, &m->accounts[i]) < 0) {
			diag_set(d, in->billing[i], 0, 0,
				 "cost sum overflows (the TOTAL with the files before it)");
			goto fail;
		}
	}
	rollup_sort(m->rollup);
	if (run_totals(m, GRAN_MONTH, &m->months, d) < 0 ||
	    run_totals(m, GRAN_DAY, &m->days, d) < 0)
		goto fail;
	find_tag_keys(m);

	metrics_opts_init(&mo);
	m->maccounts = xcalloc(in->nmetrics ? in->nmetrics : 1, sizeof(*m->maccounts));
	for (i = 0; i < in->nmetrics; i++) {
		if (metrics_load(in->metrics[i], &mo, &m->metrics, &m->maccounts[i], d) < 0)
			goto fail;
		m->nmaccounts++;
	}
	if (in->orders != NULL) {
		struct orders_opts oo;

		orders_opts_init(&oo);
		oo.time_column = in->orders_time_column;
		if (orders_load(in->orders, &oo, &m->orders, &m->oaccount, d) < 0)
			goto fail;
	}
	if (recommend_all(m, in->catalog ? in->catalog : catalog_default_path(), d) < 0)
		goto fail;
	unit_costs(m);
	m->fits = xcalloc(tuimodel_nload_series(m) + 1, sizeof(*m->fits));
	if (in->scenario != NULL) {
		const char *base = strrchr(in->scenario, '/');
		size_t bl;

		m->sim = tuisim_open(in->scenario, in->set, in->nset, d);
		if (m->sim == NULL)
			goto fail;
		/* save next to where the planner works: ./NAME-edited.json */
		base = base ? base + 1 : in->scenario;
		bl = strlen(base);
		if (bl > 5 && strcmp(base + bl - 5, ".json") == 0)
			bl -= 5;
		snprintf(m->sim_save_default, sizeof(m->sim_save_default), "%.*s-edited.json",
			 (int)(bl > 400 ? 400 : bl), base);
	}

	if (in->sample_dir != NULL)
		snprintf(m->source, sizeof(m->source), "sample data in %s", in->sample_dir);
	else if (in->nbilling == 1)
		snprintf(m->source, sizeof(m->source), "%s", in->billing[0]);
	else
		snprintf(m->source, sizeof(m->source), "%zu billing files, first %s",
			 in->nbilling, in->nbilling ? in->billing[0] : "-");
	return m;
fail:
	tuimodel_free(m);
	return NULL;
}

void
tuimodel_free(struct tuimodel *m)
{
	size_t i;

	if (m == NULL)
		return;
	rollup_free(m->rollup);
	free(m->accounts);
	costresult_fini(&m->months);
	costresult_fini(&m->days);
	for (i = 0; i < m->ntag_keys; i++)
		free(m->tag_keys[i]);
	free(m->tag_keys);
	/* the fits first: their count is that of the series */
	if (m->fits != NULL) {
		for (i = 0; i < tuimodel_nload_series(m); i++)
			loadfit_free(m->fits[i].fit);
		free(m->fits);
	}
	series_set_fini(&m->metrics);
	free(m->maccounts);
	series_fini(&m->orders);
	if (m->have_uc)
		unitcost_result_fini(&m->uc);
	free(m->month_orders);
	free(m->month_per_order);
	for (i = 0; i < m->nrecs; i++) {
		rec_result_fini(&m->recs[i].r);
		free(m->recs[i].explain);
	}
	free(m->recs);
	rec_rates_fini(&m->rates);
	catalog_free(m->catalog);
	tuisim_free(m->sim);
	free(m);
}

/* ---- costs ------------------------------------------------------------- */

const char *
tuimodel_dim_label(int dim, const char *tag, char *buf, size_t n)
{
	if (dim == COST_BY_TAG)
		snprintf(buf, n, "tag:%s", tag ? tag : "");
	else
		snprintf(buf, n, "%s", rollup_dim_name((enum rollup_dim)dim));
	return buf;
}

int
tuimodel_costs(const struct tuimodel *m, int by, const char *tag,
	       const struct tui_filter *f, int nf, int64_t from, int64_t to,
	       struct tui_costs *out, struct diag *d)
{
	struct costq q;
	size_t i;
	int k, rc = -1;

	memset(out, 0, sizeof(*out));
	costq_init(&q);
	q.gran = GRAN_ALL;
	q.from = from;
	q.to = to;
	q.nby = 1;
	q.by[0] = by;
	q.tag_key[0] = by == COST_BY_TAG ? xstrdup(tag) : NULL;
	for (k = 0; k < nf && k < COSTQ_MAX_WHERE; k++) {
		q.where_dim[k] = f[k].dim;
		q.where_tag[k] = f[k].dim == COST_BY_TAG ? xstrdup(f[k].tag) : NULL;
		q.where_val[k] = xstrdup(f[k].val);
		q.nwhere++;
	}
	if (costview_run(m->rollup, &q, &out->res, d) < 0)
		goto out;
	out->order = xcalloc(out->res.n + 1, sizeof(*out->order));
	out->share = xcalloc(out->res.n + 1, sizeof(*out->share));
	for (i = 0; i < out->res.n; i++) {
		out->order[i] = i;
		/* the share column of `rightsize cost` */
		if (out->res.effective != 0)
			snprintf(out->share[i], sizeof(out->share[i]), "%.1f",
				 100.0 * money_to_double(out->res.rows[i].effective) /
					 money_to_double(out->res.effective));
	}
	out->norder = out->res.n;
	rc = 0;
out:
	costq_fini(&q);
	return rc;
}

static int
cmp_money_desc(money_t a, money_t b)
{
	return a > b ? -1 : a < b ? 1 : 0;
}

/* qsort has no context argument: the rows being sorted. */
struct sort_ctx {
	const struct costresult *res;
	enum tui_sort s;
};

static int
row_cmp(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *c = arg;
	size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	const struct costrow *a = &c->res->rows[ia], *b = &c->res->rows[ib];
	int r = 0;

	switch (c->s) {
	case TUI_SORT_EFFECTIVE:
		r = cmp_money_desc(a->effective, b->effective);
		break;
	case TUI_SORT_BILLED:
		r = cmp_money_desc(a->billed, b->billed);
		break;
	case TUI_SORT_NAME:
	case TUI_SORT_N:
		break;
	}
	if (r == 0)
		r = strcmp(a->key[0], b->key[0]);
	return r != 0 ? r : (ia < ib ? -1 : ia > ib);
}

static int
contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;

	for (; *hay; hay++) {
		for (i = 0; i < n && hay[i]; i++) {
			if (tolower((unsigned char)hay[i]) != tolower((unsigned char)needle[i]))
				break;
		}
		if (i == n)
			return 1;
	}
	return n == 0;
}

void
tuimodel_costs_arrange(struct tui_costs *c, enum tui_sort s, const char *needle)
{
	struct sort_ctx ctx = { &c->res, s };
	size_t i, n = 0;

	for (i = 0; i < c->res.n; i++) {
		if (needle == NULL || needle[0] == '\0' ||
		    contains_nocase(c->res.rows[i].key[0], needle))
			c->order[n++] = i;
	}
	c->norder = n;
	qsort_r(c->order, n, sizeof(*c->order), row_cmp, &ctx);
}

void
tui_costs_fini(struct tui_costs *c)
{
	costresult_fini(&c->res);
	free(c->order);
	free(c->share);
	memset(c, 0, sizeof(*c));
}

/* ---- load -------------------------------------------------------------- */

/* Model evaluations per chart column: 24 resolves a daily cycle in a
 * column a day wide. */
#define TUI_CHART_SAMPLES 24

size_t
tuimodel_nload_series(const struct tuimodel *m)
{
	return (m->orders.n > 0) + m->metrics.n;
}

const struct series *
tuimodel_load_series(const struct tuimodel *m, size_t i)
{
	if (m->orders.n > 0) {
		if (i == 0)
			return &m->orders;
		i--;
	}
	return i < m->metrics.n ? &m->metrics.items[i] : NULL;
}

int
tuimodel_fit(struct tuimodel *m, size_t i)
{
	struct tui_fit *f = &m->fits[i];
	struct loadfit_opts o;
	struct diag d;

	if (f->tried)
		return f->fit != NULL ? 0 : -1;
	f->tried = 1;
	loadfit_opts_init(&o);
	diag_clear(&d);
	if (loadfit_fit(tuimodel_load_series(m, i), &o, &f->fit, &d) < 0) {
		f->fit = NULL;
		snprintf(f->error, sizeof(f->error), "%s", d.msg);
		return -1;
	}
	loadfit_summary(f->fit, &f->sum);
	return 0;
}

static const char *const weekday_name[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

/* "%+.1f%%" of a fraction as `rightsize fit` prints it, or "". */
static void
pct(char *buf, size_t n, double f)
{
	if (isnan(f))
		buf[0] = '\0';
	else
		snprintf(buf, n, "%+.1f%%", 100 * f);
}

void
tuimodel_fit_lines(const struct tuimodel *m, size_t i, char *buf, size_t n)
{
	const struct series *s = tuimodel_load_series(m, i);
	const struct loadfit_summary *sm = &m->fits[i].sum;
	char a[32], b[32], c[32];
	size_t used = 0;

#define LINE(...)                                                             \
	do {                                                                  \
		int w_ = snprintf(buf + used, used < n ? n - used : 0, __VA_ARGS__); \
		if (w_ > 0)                                                   \
			used += (size_t)w_;                                   \
	} while (0)

	buf[0] = '\0';
	if (m->fits[i].fit == NULL)
		return;
	pct(a, sizeof(a), sm->growth_month);
	pct(b, sizeof(b), sm->growth_lo);
	pct(c, sizeof(c), sm->growth_hi);
	if (b[0] != '\0')
		LINE("growth per month %s (95%%: %s to %s)", a, b, c);
	else
		LINE("growth per month %s", a);
	LINE("   level %.4g %s\n", sm->level_end, s->unit ? s->unit : "");
	if (sm->peak_hour >= 0)
		LINE("peak hour %02d:00 UTC, ", sm->peak_hour);
	else
		LINE("peak hour none, ");
	LINE("peak day %s, ", sm->peak_weekday >= 0 ? weekday_name[sm->peak_weekday] : "none");
	if (sm->peak_hour >= 0)
		LINE("quietest %02d:00 UTC, ", sm->trough_hour);
	LINE("peak-to-mean %.2f\n", sm->peak_to_mean);
	LINE("R^2 %.3f", sm->r2);
	if (!isnan(sm->mape)) {
		LINE("   held-out MAPE %.1f%%", 100 * sm->mape);
		if (!isnan(sm->mape_naive))
			LINE(" (naive %.1f%%)", 100 * sm->mape_naive);
		LINE("   in 80%%/95%%: %.0f%%/%.0f%%", 100 * sm->cover80, 100 * sm->cover95);
	} else {
		LINE("   held-out MAPE not computed");
	}
	LINE("\n");
#undef LINE
}

void
tui_chart_fini(struct tui_chart *c)
{
	free(c->mean);
	memset(c, 0, sizeof(*c));
}

/*
 * Column k covers [from + k w, from + (k + 1) w) with w = (to - from) / n.
 * Measured values: the mean, least and largest non-gap point inside.
 * The scale's top is the largest value drawn (a column mean or the upper
 * 80% bound), so nothing is clipped.
 */
void
tuimodel_chart(const struct tuimodel *m, size_t idx, int64_t from, int64_t to, int n,
	       struct tui_chart *c)
{
	const struct series *s = tuimodel_load_series(m, idx);
	double w;
	int k;

	memset(c, 0, sizeof(*c));
	if (n < 1 || to <= from)
		return;
	c->n = n;
	c->from = from;
	c->to = to;
	/* one block holds the eight arrays */
	c->mean = xcalloc((size_t)n * 8, sizeof(double));
	c->min = c->mean + n;
	c->max = c->min + n;
	c->fit = c->max + n;
	c->lo80 = c->fit + n;
	c->hi80 = c->lo80 + n;
	c->lo95 = c->hi80 + n;
	c->hi95 = c->lo95 + n;
	w = (double)(to - from) / n;
	for (k = 0; k < n; k++) {
		c->mean[k] = c->min[k] = c->max[k] = NAN;
		c->fit[k] = c->lo80[k] = c->hi80[k] = c->lo95[k] = c->hi95[k] = NAN;
	}
	if (s == NULL || s->n == 0)
		return;
	c->last = series_time(s, s->n - 1);
	if (m->fits != NULL && m->fits[idx].fit != NULL) {
		/* the model averaged over the column like the measured points:
		 * at most TUI_CHART_SAMPLES evenly spaced times, none closer
		 * than the series step */
		for (k = 0; k < n; k++) {
			double t0 = from + k * w, sum[5] = { 0, 0, 0, 0, 0 };
			int j, ns = (int)(w / (double)s->step);

			if (ns < 1)
				ns = 1;
			if (ns > TUI_CHART_SAMPLES)
				ns = TUI_CHART_SAMPLES;
			for (j = 0; j < ns; j++) {
				struct loadfit_point p;

				loadfit_predict(m->fits[idx].fit, (int64_t)(t0 + (j + 0.5) * w / ns), &p);
				sum[0] += p.mean;
				sum[1] += p.lo80;
				sum[2] += p.hi80;
				sum[3] += p.lo95;
				sum[4] += p.hi95;
			}
			c->fit[k] = sum[0] / ns;
			c->lo80[k] = sum[1] / ns;
			c->hi80[k] = sum[2] / ns;
			c->lo95[k] = sum[3] / ns;
			c->hi95[k] = sum[4] / ns;
		}
	}
	for (k = 0; k < n; k++) {
		int64_t t0 = from + (int64_t)(k * w), t1 = from + (int64_t)((k + 1) * w);
		int64_t i0, i1, i;
		double sum = 0, lo = INFINITY, hi = -INFINITY;
		long cnt = 0;

		if (t1 <= t0)
			t1 = t0 + 1;
		/* points with t0 <= time < t1 */
		i0 = t0 <= s->start ? 0 : (t0 - s->start + s->step - 1) / s->step;
		i1 = t1 <= s->start ? 0 : (t1 - s->start + s->step - 1) / s->step;
		if (i1 > (int64_t)s->n)
			i1 = (int64_t)s->n;
		for (i = i0; i < i1; i++) {
			double v = s->v[i];

			if (isnan(v))
				continue;
			sum += v;
			cnt++;
			if (v < lo)
				lo = v;
			if (v > hi)
				hi = v;
		}
		if (cnt > 0) {
			c->mean[k] = sum / (double)cnt;
			c->min[k] = lo;
			c->max[k] = hi;
		}
	}
	c->ymax = 0;
	for (k = 0; k < n; k++) {
		if (!isnan(c->mean[k]) && c->mean[k] > c->ymax)
			c->ymax = c->mean[k];
		if (!isnan(c->hi80[k]) && c->hi80[k] > c->ymax)
			c->ymax = c->hi80[k];
	}
}
