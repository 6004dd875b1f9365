/*
 * recommend.c - right-sizing findings and ranked candidate types.
 *
 * Layer: engine (reads series, catalog and rollup; writes nothing). The
 * method follows AWS Compute Optimizer's published defaults: a 14-day
 * lookback of per-5-minute maxima, the P99.5 of them plus 20 % headroom as
 * the need, 30 hours of data at least. Capacity is vCPUs times the
 * catalog's per-vCPU performance factor, so a Graviton candidate is sized
 * with its stated factor.
 */
#include "config.h"

#include "model/recommend.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
rec_params_init(struct rec_params *p)
{
	memset(p, 0, sizeof(*p));
	/* AWS Compute Optimizer defaults (User Guide, "Rightsizing
	 * recommendation preferences"): 14-day lookback, P99.5 CPU threshold,
	 * 20 % headroom; metrics at 5-minute granularity; at least 30 hours of
	 * data before it recommends. */
	p->lookback_days = 14;
	p->bucket_s = 300;
	p->percentile = 99.5;
	p->headroom = 0.20;
	p->idle_max_cpu = 1.0;  /* issue 4: idle = max CPU <= 1 % */
	p->min_hours = 30;
	p->hours_per_month = 730; /* AWS pricing pages' month: 730 hours */
	p->max_candidates = REC_MAX_CANDIDATES;
	p->allow_arch_change = 1;
	p->region = NULL;
}

int
rec_params_preset(struct rec_params *p, const char *name)
{
	if (strcmp(name, "compute-optimizer") == 0) {
		p->percentile = 99.5;
		p->headroom = 0.20;
	} else if (strcmp(name, "krr") == 0) {
		/* Robusta KRR "simple" strategy: CPU request = P95 of usage. */
		p->percentile = 95;
		p->headroom = 0;
	} else if (strcmp(name, "vpa") == 0) {
		/* Kubernetes VPA recommender: target = P90 of CPU usage with a
		 * 15 % safety margin (--recommendation-margin-fraction=0.15). */
		p->percentile = 90;
		p->headroom = 0.15;
	} else
		return -1;
	return 0;
}

const char *
rec_finding_name(enum rec_finding f)
{
	static const char *const names[REC_FINDING_N] = {
		"not-enough-data", "idle", "over-provisioned",
		"under-provisioned", "optimized", "unknown-type",
	};

	return (unsigned)f < REC_FINDING_N ? names[f] : "?";
}

const char *
rec_kind_name(enum rec_kind k)
{
	switch (k) {
	case REC_SAME_FAMILY:
		return "same-family";
	case REC_OTHER_FAMILY:
		return "other-family";
	case REC_OTHER_ARCH:
		return "other-arch";
	}
	return "?";
}

/* ---- effective rates from billing ---- */

void
rec_rates_init(struct rec_rates *r)
{
	memset(r, 0, sizeof(*r));
	r->ratio = 1.0;
}

void
rec_rates_fini(struct rec_rates *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->items[i].type);
	for (i = 0; i < r->nres; i++) {
		free(r->res[i].resource);
		free(r->res[i].type);
	}
	free(r->items);
	free(r->res);
	rec_rates_init(r);
}

static struct rec_rate_item *
rate_item(struct rec_rates *r, const char *type, int add)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (strcmp(r->items[i].type, type) == 0)
			return &r->items[i];
	}
	if (!add)
		return NULL;
	xgrow((void **)&r->items, &r->cap, r->n + 1, sizeof(*r->items));
	memset(&r->items[r->n], 0, sizeof(r->items[r->n]));
	r->items[r->n].type = xstrdup(type);
	return &r->items[r->n++];
}

const char *
rec_rates_type_of(const struct rec_rates *r, const char *resource)
{
	size_t i;

	for (i = 0; i < r->nres; i++) {
		if (strcmp(r->res[i].resource, resource) == 0)
			return r->res[i].type;
	}
	return NULL;
}

static void
resource_type(struct rec_rates *r, const char *res, const char *type, int64_t hour)
{
	size_t i;

	for (i = 0; i < r->nres; i++) {
		if (strcmp(r->res[i].resource, res) == 0) {
			if (hour > r->res[i].hour ||
			    (hour == r->res[i].hour && strcmp(type, r->res[i].type) > 0)) {
				free(r->res[i].type);
				r->res[i].type = xstrdup(type);
				r->res[i].hour = hour;
			}
			return;
		}
	}
	xgrow((void **)&r->res, &r->rescap, r->nres + 1, sizeof(*r->res));
	r->res[r->nres].resource = xstrdup(res);
	r->res[r->nres].type = xstrdup(type);
	r->res[r->nres].hour = hour;
	r->nres++;
}

/*
 * rate(type) = sum(effective) / sum(instance-hours) over the type's usage
 * cells; ratio = sum(effective) / sum(list x hours) over the types the
 * catalog prices. Usage of instance lines is in hours (CUR BoxUsage,
 * InstanceUsage, NodeUsage; FOCUS ConsumedQuantity in Hours).
 */
int
rec_rates_from_rollup(struct rec_rates *r, const struct rollup *ro,
		      const struct catalog *c, const char *region, struct diag *d)
{
	double eff_priced = 0, list_priced = 0, hours_priced = 0;
	size_t i;

	for (i = 0; i < rollup_count(ro); i++) {
		const struct rollup_cell *cell = rollup_get(ro, i);
		const char *type = cell->dim[DIM_INSTANCE_TYPE];
		const char *res = cell->dim[DIM_RESOURCE];
		struct rec_rate_item *it;

		if (cell->ck != CK_USAGE || cell->usage <= 0 || type[0] == '\0')
			continue;
		if (cell->pm != PM_ON_DEMAND && cell->pm != PM_COMMITMENT &&
		    cell->pm != PM_SPOT)
			continue;
		it = rate_item(r, type, 1);
		if (money_add(&it->effective, cell->effective) < 0)
			return diag_set(d, "", 0, 0, "effective cost of %s instances overflows", type);
		it->hours += (double)cell->usage / 1e6;
		if (res[0] != '\0')
			resource_type(r, res, type, cell->hour);
	}
	for (i = 0; i < r->n; i++) {
		struct rec_rate_item *it = &r->items[i];
		const struct catalog_entry *e;

		it->rate = -1;
		if (it->hours > 0 &&
		    money_from_double(money_to_double(it->effective) / it->hours, &it->rate) < 0)
			return diag_set(d, "", 0, 0, "hourly rate of %s instances overflows",
					it->type);
		e = c != NULL ? catalog_find(c, region, it->type) : NULL;
		if (e != NULL && e->price[CAT_ON_DEMAND] > 0 && it->hours > 0) {
			eff_priced += money_to_double(it->effective);
			list_priced += money_to_double(e->price[CAT_ON_DEMAND]) * it->hours;
			hours_priced += it->hours;
		}
	}
	if (list_priced > 0) {
		r->ratio = eff_priced / list_priced;
		r->ratio_hours = hours_priced;
	}
	return 0;
}

int
rec_rate(const struct rec_rates *r, const struct catalog_entry *e, money_t *rate, int *billed)
{
	size_t i;

	if (billed != NULL)
		*billed = 0;
	*rate = -1;
	if (r != NULL) {
		for (i = 0; i < r->n; i++) {
			if (strcmp(r->items[i].type, e->type) == 0 && r->items[i].rate >= 0) {
				if (billed != NULL)
					*billed = 1;
				*rate = r->items[i].rate;
				return 0;
			}
		}
	}
	if (e->price[CAT_ON_DEMAND] < 0)
		return 0;
	*rate = e->price[CAT_ON_DEMAND];
	if (r == NULL || r->ratio_hours <= 0)
		return 0;
	return money_mul_rate(rate, r->ratio);
}

/* ---- statistics ---- */

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * Type 7 (R's default, numpy's "linear"): with the values sorted
 * x[0] <= ... <= x[n-1], h = (n - 1) p / 100 and the percentile is
 * x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 */
double
rec_percentile(double *v, size_t n, double p)
{
	double h, lo;
	size_t k;

	if (n == 0)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	if (p <= 0)
		return v[0];
	if (p >= 100)
		return v[n - 1];
	h = (double)(n - 1) * p / 100.0;
	lo = floor(h);
	k = (size_t)lo;
	if (k + 1 >= n)
		return v[n - 1];
	return v[k] + (h - lo) * (v[k + 1] - v[k]);
}

/* Index of the last non-gap point, or -1. */
static long
last_point(const struct series *s)
{
	size_t i;

	for (i = s->n; i > 0; i--) {
		if (!isnan(s->v[i - 1]))
			return (long)(i - 1);
	}
	return -1;
}

/*
 * Per-bucket maxima of s over [from, to): bucket b covers
 * [from + b*w, from + (b+1)*w). Returns the maxima of the buckets holding
 * data (caller frees), their count in *n, and the overall max in *max.
 */
static double *
bucket_maxima(const struct series *s, int64_t from, int64_t to, double w,
	      size_t *n, double *max)
{
	size_t nb = (size_t)ceil((double)(to - from) / w), i, k = 0;
	double *m = xmalloc((nb ? nb : 1) * sizeof(*m));

	for (i = 0; i < nb; i++)
		m[i] = NAN;
	*max = NAN;
	for (i = 0; i < s->n; i++) {
		int64_t t = series_time(s, i);
		size_t b;

		if (t < from || t >= to || isnan(s->v[i]))
			continue;
		b = (size_t)((double)(t - from) / w);
		if (b >= nb)
			continue;
		if (isnan(m[b]) || s->v[i] > m[b])
			m[b] = s->v[i];
		if (isnan(*max) || s->v[i] > *max)
			*max = s->v[i];
	}
	for (i = 0; i < nb; i++) {
		if (!isnan(m[i]))
			m[k++] = m[i];
	}
	*n = k;
	return m;
}

/* Burstable families (t2/t3/t3a/t4g, db.t*, cache.t*): their CPU is a
 * credit baseline, so they are candidates only for a burstable resource. */
static int
is_burstable(const struct catalog_entry *e)
{
	const char *f = strrchr(e->family, '.');

	f = f != NULL ? f + 1 : e->family;
	return f[0] == 't' && f[1] >= '0' && f[1] <= '9';
}

static double
capacity(const struct catalog_entry *e)
{
	return e->vcpu * e->perf;
}

/*
 * Performance risk 0..4 of running the need on a type: from the
 * percentile utilization it would run at plus headroom, u,
 *   u <= 50 %: 0 (very low), <= 70 %: 1, <= 85 %: 2, <= 100 %: 3,
 *   > 100 %: 4 (very high: the need does not fit);
 * plus 1 when the projection leans on a performance factor different
 * from the current type's (another processor generation or
 * architecture), plus 1 for a burstable type (CPU credits); at most 4.
 */
static int
risk_of(double u_need, int perf_differs, int burstable)
{
	int r;

	if (isnan(u_need))
		return 0;
	if (u_need <= 50)
		r = 0;
	else if (u_need <= 70)
		r = 1;
	else if (u_need <= 85)
		r = 2;
	else if (u_need <= 100)
		r = 3;
	else
		r = 4;
	r += perf_differs + burstable;
	return r > 4 ? 4 : r;
}

/* Candidate order: a performance risk of 3 or 4 ranks after every lower
 * risk, then the lower rate, then the lower risk, then the name. */
static int
better(const struct rec_candidate *a, const struct rec_candidate *b)
{
	if ((a->risk >= 3) != (b->risk >= 3))
		return a->risk < 3;
	if (a->rate != b->rate)
		return a->rate < b->rate;
	if (a->risk != b->risk)
		return a->risk < b->risk;
	return strcmp(a->entry->type, b->entry->type) < 0;
}

static int
candidates(const struct rec_params *p, const struct catalog *c,
	   const struct rec_rates *rates, struct rec_result *r, struct diag *d)
{
	const struct catalog_entry *cur = r->current, *e;
	struct rec_candidate *all = NULL;
	size_t nall = 0, cap = 0, i;
	double cap_cur = capacity(cur), need_cap = r->cpu_pct / 100.0 * cap_cur *
		(1 + p->headroom);
	double need_mem = isnan(r->mem_pct) ? NAN :
		r->mem_pct / 100.0 * cur->memory_gib * (1 + p->headroom);
	double ratio_cur = cur->vcpu > 0 ? cur->memory_gib / cur->vcpu : 0;
	int chosen[REC_MAX_CANDIDATES];
	int k, nchosen = 0, cur_burstable = is_burstable(cur);

	/* the entries of cur's provider, region and service; the numeric
	 * tests first, as they are the cheap ones */
	for (e = catalog_group_first(c, cur); e != NULL; e = catalog_group_next(c, e)) {
		struct rec_candidate cd;

		if (e == cur || e->vcpu <= 0 || capacity(e) < need_cap)
			continue;
		if (!cur_burstable && is_burstable(e))
			continue;
		if (!p->allow_arch_change && strcmp(e->arch, cur->arch) != 0)
			continue;
		/* Memory: with a memory series the need must fit; without one
		 * keep at least the current GiB per vCPU (the shape of the
		 * family), sizing by CPU only. */
		if (!isnan(need_mem)) {
			if (e->memory_gib < need_mem)
				continue;
		} else if (e->memory_gib / e->vcpu < ratio_cur * 0.999) {
			continue;
		}
		memset(&cd, 0, sizeof(cd));
		cd.entry = e;
		if (rec_rate(rates, e, &cd.rate, &cd.rate_billed) < 0) {
			free(all);
			return diag_set(d, r->resource, 0, 0, "rate of %s overflows", e->type);
		}
		if (cd.rate < 0)
			continue;
		/* Downsizing and alternatives must be cheaper; an under-
		 * provisioned resource takes whatever fits. */
		if (r->finding != REC_UNDER && r->rate >= 0 && cd.rate >= r->rate)
			continue;
		cd.kind = strcmp(e->family, cur->family) == 0 ? REC_SAME_FAMILY :
			  strcmp(e->arch, cur->arch) == 0 ? REC_OTHER_FAMILY :
			  REC_OTHER_ARCH;
		cd.arch_change = strcmp(e->arch, cur->arch) != 0;
		cd.effort = cd.kind == REC_SAME_FAMILY ? "low" :
			    cd.kind == REC_OTHER_FAMILY ? "medium" : "high";
		cd.proj_cpu = r->cpu_pct * cap_cur / capacity(e);
		cd.proj_mem = isnan(r->mem_pct) ? NAN :
			r->mem_pct * cur->memory_gib / e->memory_gib;
		{
			double u = cd.proj_cpu * (1 + p->headroom);

			if (!isnan(cd.proj_mem) && cd.proj_mem * (1 + p->headroom) > u)
				u = cd.proj_mem * (1 + p->headroom);
			cd.risk = risk_of(u, fabs(e->perf - cur->perf) > 1e-9,
					  is_burstable(e));
		}
		cd.monthly_savings = r->rate >= 0 ? r->rate : 0;
		if (r->rate >= 0 && (money_sub(&cd.monthly_savings, cd.rate) < 0 ||
				     money_mul(&cd.monthly_savings, p->hours_per_month) < 0)) {
			free(all);
			return diag_set(d, r->resource, 0, 0, "monthly savings with %s overflow",
					e->type);
		}
		xgrow((void **)&all, &cap, nall + 1, sizeof(*all));
		all[nall++] = cd;
	}
	/* The best of each kind first (a resize, another family, another
	 * architecture), then the next best overall; ranked, then cut to
	 * max_candidates (so one option is the best overall). */
	for (k = 0; k < 3; k++) {
		int best = -1;

		for (i = 0; i < nall; i++) {
			if ((int)all[i].kind == k && (best < 0 || better(&all[i], &all[best])))
				best = (int)i;
		}
		if (best >= 0)
			chosen[nchosen++] = best;
	}
	while (nchosen < REC_MAX_CANDIDATES) {
		int best = -1;

		for (i = 0; i < nall; i++) {
			int j, taken = 0;

			for (j = 0; j < nchosen; j++)
				taken |= chosen[j] == (int)i;
			if (!taken && (best < 0 || better(&all[i], &all[best])))
				best = (int)i;
		}
		if (best < 0)
			break;
		chosen[nchosen++] = best;
	}
	for (k = 0; k < nchosen; k++)
		r->cand[k] = all[chosen[k]];
	r->ncand = nchosen;
	/* rank by rate (insertion sort of at most three) */
	for (k = 1; k < r->ncand; k++) {
		struct rec_candidate t = r->cand[k];
		int j = k - 1;

		while (j >= 0 && better(&t, &r->cand[j])) {
			r->cand[j + 1] = r->cand[j];
			j--;
		}
		r->cand[j + 1] = t;
	}
	if (r->ncand > p->max_candidates)
		r->ncand = p->max_candidates;
	free(all);
	return 0;
}

/* Is there a smaller type of the same family that holds the need? */
static int
smaller_fits(const struct catalog *c, const struct catalog_entry *cur,
	     double need_cap, double need_mem)
{
	const struct catalog_entry *e;

	/* the entries of cur's provider, region and service */
	for (e = catalog_group_first(c, cur); e != NULL; e = catalog_group_next(c, e)) {
		if (capacity(e) >= capacity(cur) - 1e-9)
			continue;
		if (capacity(e) >= need_cap && (isnan(need_mem) || e->memory_gib >= need_mem) &&
		    strcmp(e->family, cur->family) == 0)
			return 1;
	}
	return 0;
}

int
rec_run(const struct rec_params *p, const struct catalog *c,
	const struct rec_rates *rates, const struct rec_input *in,
	struct rec_result *out, struct diag *d)
{
	const struct series *s = in->cpu;
	double *m = NULL, w;
	long last;
	int64_t span;

	memset(out, 0, sizeof(*out));
	out->resource = xstrdup(in->resource);
	out->type = xstrdup(in->type != NULL ? in->type : "");
	out->cpu_max = out->cpu_pct = out->cpu_need = NAN;
	out->mem_max = out->mem_pct = out->mem_need = NAN;
	out->rate = out->monthly_cost = -1;
	out->rate_ratio = 1.0;
	if (s == NULL || s->step <= 0)
		return diag_set(d, in->resource, 0, 0, "no CPU series on a time grid");
	w = p->bucket_s > (double)s->step ? p->bucket_s : (double)s->step;
	out->bucket_s = w;
	last = last_point(s);
	if (last < 0) {
		out->finding = REC_NOT_ENOUGH_DATA;
		return 0;
	}
	out->to = series_time(s, (size_t)last) + s->step;
	span = (int64_t)(p->lookback_days * 86400.0);
	out->from = out->to - span;
	if (out->from < s->start)
		out->from = s->start;
	m = bucket_maxima(s, out->from, out->to, w, &out->points, &out->cpu_max);
	out->hours = (double)out->points * w / 3600.0;
	out->cpu_pct = rec_percentile(m, out->points, p->percentile);
	out->cpu_need = out->cpu_pct * (1 + p->headroom);
	free(m);
	if (in->mem != NULL && in->mem->step > 0) {
		double mw = p->bucket_s > (double)in->mem->step ? p->bucket_s :
			(double)in->mem->step;

		m = bucket_maxima(in->mem, out->from, out->to, mw, &out->mem_points,
				  &out->mem_max);
		if (out->mem_points > 0) {
			out->mem_pct = rec_percentile(m, out->mem_points, p->percentile);
			out->mem_need = out->mem_pct * (1 + p->headroom);
		}
		free(m);
	}
	out->current = in->type != NULL ? catalog_find(c, p->region, in->type) : NULL;
	if (out->current != NULL) {
		if (rec_rate(rates, out->current, &out->rate, &out->rate_billed) < 0)
			return diag_set(d, in->resource, 0, 0, "rate of %s overflows", in->type);
		out->rate_ratio = (!out->rate_billed && rates != NULL &&
				   rates->ratio_hours > 0) ? rates->ratio : 1.0;
		out->monthly_cost = out->rate;
		if (out->rate >= 0 && money_mul(&out->monthly_cost, p->hours_per_month) < 0)
			return diag_set(d, in->resource, 0, 0, "monthly cost overflows");
	}
	if (out->hours < p->min_hours) {
		out->finding = REC_NOT_ENOUGH_DATA;
		return 0;
	}
	if (out->current == NULL) {
		out->finding = REC_UNKNOWN_TYPE;
		return 0;
	}
	{
		double u = out->cpu_need;

		if (!isnan(out->mem_need) && out->mem_need > u)
			u = out->mem_need;
		out->risk = risk_of(u, 0, is_burstable(out->current));
	}
	if (out->cpu_max <= p->idle_max_cpu) {
		out->finding = REC_IDLE;
		out->best_savings = out->monthly_cost > 0 ? out->monthly_cost : 0;
		return 0;
	}
	if (out->cpu_need > 100 || (!isnan(out->mem_need) && out->mem_need > 100))
		out->finding = REC_UNDER;
	else if (smaller_fits(c, out->current,
			      out->cpu_pct / 100.0 * capacity(out->current) * (1 + p->headroom),
			      isnan(out->mem_pct) ? NAN :
			      out->mem_pct / 100.0 * out->current->memory_gib * (1 + p->headroom)))
		out->finding = REC_OVER;
	else
		out->finding = REC_OPTIMIZED;
	if (candidates(p, c, rates, out, d) < 0)
		return -1;
	out->best_savings = out->ncand > 0 ? out->cand[0].monthly_savings : 0;
	return 0;
}

int
rec_tally_add(struct rec_tally *t, const struct rec_result *r)
{
	money_t cost = r->monthly_cost > 0 ? r->monthly_cost : 0;
	money_t c = t->cost[r->finding], s = t->savings[r->finding];
	money_t tc = t->total_cost, ts = t->total_savings;

	if (money_add(&c, cost) < 0 || money_add(&s, r->best_savings) < 0 ||
	    money_add(&tc, cost) < 0 || money_add(&ts, r->best_savings) < 0)
		return -1;
	t->cost[r->finding] = c;
	t->savings[r->finding] = s;
	t->total_cost = tc;
	t->total_savings = ts;
	t->n[r->finding]++;
	t->total++;
	return 0;
}

void
rec_result_fini(struct rec_result *r)
{
	free(r->resource);
	free(r->type);
	memset(r, 0, sizeof(*r));
}

void
rec_explain(const struct rec_result *r, const struct rec_params *p, char *buf,
	    size_t n)
{
	char a[32], b[32];
	size_t used = 0;
	int k;

#define ADD(...)                                                              \
	do {                                                                  \
		int w_ = snprintf(buf + used, used < n ? n - used : 0, __VA_ARGS__); \
		if (w_ > 0)                                                   \
			used += (size_t)w_;                                   \
	} while (0)

	if (n == 0)
		return;
	buf[0] = '\0';
	ADD("%s (%s): %s\n", r->resource, r->type[0] ? r->type : "type unknown",
	    rec_finding_name(r->finding));
	ADD("  window: %.0f days lookback, %zu buckets of %.0f s with data = %.1f h "
	    "(minimum %.0f h)\n", p->lookback_days, r->points, r->bucket_s, r->hours,
	    p->min_hours);
	if (r->points > 0)
		ADD("  cpu: max %.2f %%, P%g of %.0f-s maxima %.2f %%, + %.0f %% headroom "
		    "= need %.2f %% of %s\n", r->cpu_max, p->percentile, r->bucket_s,
		    r->cpu_pct, p->headroom * 100, r->cpu_need,
		    r->current ? r->current->type : "the current type");
	if (!isnan(r->mem_pct))
		ADD("  memory: max %.2f %%, P%g %.2f %%, need %.2f %% (%zu buckets)\n",
		    r->mem_max, p->percentile, r->mem_pct, r->mem_need, r->mem_points);
	else if (r->points > 0)
		ADD("  memory: no series; candidates keep at least the current GiB per vCPU\n");
	if (r->current != NULL) {
		char how[64];

		if (r->rate_billed)
			snprintf(how, sizeof(how), "billed effective rate");
		else if (fabs(r->rate_ratio - 1.0) > 1e-12)
			snprintf(how, sizeof(how), "list x billed ratio %.4f", r->rate_ratio);
		else
			snprintf(how, sizeof(how), "list price");
		ADD("  %s: %g vCPU x perf %g, %g GiB, %s/h (%s), %s/month\n",
		    r->current->type, r->current->vcpu, r->current->perf,
		    r->current->memory_gib, money_format(r->rate, 4, a, sizeof(a)), how,
		    money_format(r->monthly_cost, 2, b, sizeof(b)));
	}
	switch (r->finding) {
	case REC_NOT_ENOUGH_DATA:
		ADD("  fewer than %.0f hours of data: no recommendation\n", p->min_hours);
		break;
	case REC_UNKNOWN_TYPE:
		ADD("  the instance type is unknown or not in the catalog\n");
		break;
	case REC_IDLE:
		ADD("  max CPU %.2f %% <= %.2f %%: idle; stopping it saves %s/month\n",
		    r->cpu_max, p->idle_max_cpu, money_format(r->best_savings, 2, a, sizeof(a)));
		break;
	case REC_UNDER:
		ADD("  need above 100 %%: under-provisioned\n");
		break;
	case REC_OVER:
		ADD("  a smaller size of %s holds the need: over-provisioned\n",
		    r->current->family);
		break;
	case REC_OPTIMIZED:
		ADD("  no smaller size of %s holds the need: optimized\n",
		    r->current->family);
		break;
	case REC_FINDING_N:
		break;
	}
	for (k = 0; k < r->ncand; k++) {
		const struct rec_candidate *cd = &r->cand[k];

		ADD("  option %d: %s (%s), %g vCPU x perf %g, %g GiB: CPU %.2f %% -> "
		    "%.2f %%, risk %d, effort %s, %s/h, saves %s/month\n", k + 1,
		    cd->entry->type, rec_kind_name(cd->kind), cd->entry->vcpu,
		    cd->entry->perf, cd->entry->memory_gib, r->cpu_pct, cd->proj_cpu,
		    cd->risk, cd->effort, money_format(cd->rate, 4, a, sizeof(a)),
		    money_format(cd->monthly_savings, 2, b, sizeof(b)));
	}
#undef ADD
}

size_t
rec_memory_suffix(const char *name)
{
	static const char *const suf[] = { ":memory", ":mem", "/memory", "/mem" };
	size_t n = strlen(name), i;

	for (i = 0; i < ARRAY_SIZE(suf); i++) {
		size_t l = strlen(suf[i]);

		if (n > l && strcmp(name + n - l, suf[i]) == 0)
			return n - l;
	}
	return 0;
}

const struct series *
rec_memory_of(const struct series_set *set, const char *res)
{
	size_t i, n = strlen(res);

	for (i = 0; i < set->n; i++) {
		size_t l = rec_memory_suffix(set->items[i].name);

		if (l == n && strncmp(set->items[i].name, res, n) == 0)
			return &set->items[i];
	}
	return NULL;
}

/* Is name a memory series: "ID:mem" and the like (recommend's rule), or
 * a CloudWatch Id starting "mem" ("mem_i_0abc")? */
int
rec_is_memory_series(const char *name)
{
	return rec_memory_suffix(name) > 0 || strncmp(name, "mem", 3) == 0;
}

/* The billed resource a metrics series measures: its name, or (CloudWatch
 * Ids allow no '-', so "cpu_i_0abc" stands for i-0abc) the resource whose
 * id, with '-' written '_', ends the name after a '_'. NULL: none. */
const char *
rec_resource_of(const struct rec_rates *rates, const char *name)
{
	char *alt, *base;
	size_t i, n = strlen(name);
	const char *found = NULL;

	if (rec_memory_suffix(name) > 0)
		n = rec_memory_suffix(name);
	base = xstrndup(name, n);
	for (i = 0; i < rates->nres && found == NULL; i++) {
		if (strcmp(rates->res[i].resource, base) == 0)
			found = rates->res[i].resource;
	}
	for (i = 0; i < rates->nres && found == NULL; i++) {
		size_t l = strlen(rates->res[i].resource), j;

		if (l == 0 || l + 1 > n || base[n - l - 1] != '_')
			continue;
		alt = xstrdup(rates->res[i].resource);
		for (j = 0; j < l; j++) {
			if (alt[j] == '-')
				alt[j] = '_';
		}
		if (strcmp(base + n - l, alt) == 0)
			found = rates->res[i].resource;
		free(alt);
	}
	free(base);
	return found;
}
