/*
 * optimize.c - the policy and instance-type sweep behind
 * `rightsize whatif --optimize`.
 *
 * Layer: engine. Each variant is a copy of the configuration with one
 * tier changed; variants run in parallel (POSIX threads, a static split)
 * and only their totals are kept. "Meets the SLO" means at most
 * max_slo_minutes above the latency SLO over the whole run.
 */
#include "config.h"

#include "sim/optimize.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

struct job {
	const struct sim_config *cfg;
	const struct sim_load *l;
	const struct sim_slo *slo;
	uint64_t seed;
	struct sim_config **cfgs; /* one per variant */
	struct opt_variant *v;
	size_t n, first, stride;
};

static void *
worker(void *arg)
{
	struct job *j = arg;
	size_t i;

	for (i = j->first; i < j->n; i += j->stride) {
		struct sim_opts o = { j->seed, NULL, NULL };

		j->v[i].rc = sim_run(j->cfgs[i], j->l, j->slo, &o, &j->v[i].r);
		sim_result_fini(&j->v[i].r);
	}
	return NULL;
}

struct table_job {
	const struct sim_tier *types;
	const struct sim_slo *slo;
	double **tables;
	size_t n, first, stride;
};

static void *
table_worker(void *arg)
{
	struct table_job *j = arg;
	size_t a;

	for (a = j->first; a < j->n; a += j->stride)
		j->tables[a] = sim_tier_rate_table(&j->types[a], j->slo);
	return NULL;
}

static int
cmp_cost(const void *a, const void *b, void *ctx)
{
	const struct opt_variant *v = ctx;
	const struct opt_variant *x = &v[*(const size_t *)a];
	const struct opt_variant *y = &v[*(const size_t *)b];

	if (x->r.total != y->r.total)
		return x->r.total < y->r.total ? -1 : 1;
	if (x->r.slo_seconds != y->r.slo_seconds)
		return x->r.slo_seconds < y->r.slo_seconds ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Insertion-free sort with a context: qsort_r is not portable C11, so a
 * plain merge sort over indexes. */
static void
sort_idx(size_t *idx, size_t n, const struct opt_variant *v)
{
	size_t width, i, *tmp = xmalloc((n ? n : 1) * sizeof(size_t));

	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t lo = i, mid = i + width < n ? i + width : n;
			size_t hi = i + 2 * width < n ? i + 2 * width : n;
			size_t a = lo, b = mid, k = lo;

			while (a < mid && b < hi) {
				if (cmp_cost(&idx[b], &idx[a], (void *)v) < 0)
					tmp[k++] = idx[b++];
				else
					tmp[k++] = idx[a++];
			}
			while (a < mid)
				tmp[k++] = idx[a++];
			while (b < hi)
				tmp[k++] = idx[b++];
		}
		memcpy(idx, tmp, n * sizeof(size_t));
	}
	free(tmp);
}

int
optimize_run(const struct scenario *s, const struct sim_config *cfg,
	     size_t tier, const struct sim_load *l, int jobs,
	     struct opt_result *out, struct diag *d)
{
	const struct scenario_optimize *op = &s->opt;
	const struct sim_tier *base = &cfg->tiers[tier];
	static const double def_targets[] = { 30, 35, 40, 45, 50, 55, 60, 65,
					      70, 75, 80, 85, 90 };
	size_t ntypes = op->ntypes ? op->ntypes : 1;
	size_t ntargets = op->ntargets ? op->ntargets : ARRAY_SIZE(def_targets);
	size_t nmins = op->nmins ? op->nmins : 1;
	size_t ncool = op->ncooldowns ? op->ncooldowns : 1;
	size_t n = ntypes * ntargets * nmins * ncool, i, a, b, c, e, k;
	struct sim_config **cfgs;
	struct sim_tier *types;
	double **tables;
	pthread_t *th;
	struct job *jb;
	size_t *idx;
	int64_t best_slo;

	memset(out, 0, sizeof(*out));
	out->best = -1;
	out->tier = tier;
	if (tier >= cfg->ntiers)
		return diag_set(d, "", 0, 0, "no tier %zu to optimize", tier);
	if (jobs < 1)
		jobs = 1;
	if (jobs > 64)
		jobs = 64;
	/* one template and one latency table per instance type */
	types = xcalloc(ntypes, sizeof(*types));
	tables = xcalloc(ntypes, sizeof(*tables));
	for (a = 0; a < ntypes; a++) {
		sim_tier_copy(&types[a], base);
		if (op->ntypes > 0) {
			const struct sim_tier *ot = &op->types[a];

			free(types[a].instance_type);
			types[a].instance_type = xstrdup(ot->instance_type);
			memcpy(types[a].price, ot->price, sizeof(ot->price));
			types[a].capacity = ot->capacity;
			if (ot->service_ms > 0)
				types[a].service_ms = ot->service_ms;
			if (ot->boot >= 0)
				types[a].boot = ot->boot;
			if (ot->max > 0)
				types[a].max = ot->max;
		}
	}
	/* the latency tables, one per type, in parallel too */
	th = xcalloc((size_t)jobs, sizeof(*th));
	{
		struct table_job *tj = xcalloc((size_t)jobs, sizeof(*tj));

		for (k = 0; k < (size_t)jobs; k++) {
			tj[k] = (struct table_job){ types, &s->slo, tables, ntypes, k,
						    (size_t)jobs };
			if (k > 0 && pthread_create(&th[k], NULL, table_worker, &tj[k]) != 0)
				die("cannot start a thread");
		}
		table_worker(&tj[0]);
		for (k = 1; k < (size_t)jobs; k++)
			pthread_join(th[k], NULL);
		free(tj);
	}
	out->n = n;
	out->v = xcalloc(n ? n : 1, sizeof(*out->v));
	cfgs = xcalloc(n ? n : 1, sizeof(*cfgs));
	i = 0;
	for (a = 0; a < ntypes; a++) {
		for (b = 0; b < ntargets; b++) {
			for (c = 0; c < nmins; c++) {
				for (e = 0; e < ncool; e++, i++) {
					struct opt_variant *v = &out->v[i];
					struct sim_config *vc = sim_config_dup(cfg);
					struct sim_tier *t = &vc->tiers[tier];
					struct policy *pol = NULL;

					sim_tier_fini(t);
					sim_tier_copy(t, &types[a]);
					t->max_rate = tables[a];
					for (k = 0; k < t->npolicies; k++) {
						if (t->policies[k].kind == POL_TARGET ||
						    t->policies[k].kind == POL_HPA ||
						    t->policies[k].kind == POL_FIXED)
							pol = &t->policies[k];
					}
					if (pol == NULL) {
						t->policies = xrealloc(t->policies,
							(t->npolicies + 1) * sizeof(*pol));
						pol = &t->policies[t->npolicies++];
						policy_init(pol, (enum policy_kind)op->kind);
					} else if ((int)pol->kind != op->kind) {
						policy_fini(pol);
						policy_init(pol, (enum policy_kind)op->kind);
					}
					pol->target = op->ntargets ? op->targets[b] : def_targets[b];
					if (op->nmins)
						t->min = op->mins[c] < t->max ? op->mins[c] : t->max;
					if (op->ncooldowns)
						pol->in_cooldown = op->cooldowns[e];
					snprintf(v->type, sizeof(v->type), "%s",
						 t->instance_type ? t->instance_type : t->name);
					v->target = pol->target;
					v->min = t->min;
					v->cooldown = pol->in_cooldown;
					cfgs[i] = vc;
				}
			}
		}
	}
	jb = xcalloc((size_t)jobs, sizeof(*jb));
	for (k = 0; k < (size_t)jobs; k++) {
		jb[k] = (struct job){ cfg, l, &s->slo, s->seed, cfgs, out->v, n, k,
				      (size_t)jobs };
		if (k > 0 && pthread_create(&th[k], NULL, worker, &jb[k]) != 0)
			die("cannot start a thread");
	}
	worker(&jb[0]);
	for (k = 1; k < (size_t)jobs; k++)
		pthread_join(th[k], NULL);
	free(th);
	free(jb);
	for (i = 0; i < n; i++)
		sim_config_free(cfgs[i]);
	free(cfgs);
	for (a = 0; a < ntypes; a++) {
		sim_tier_fini(&types[a]);
		free(tables[a]);
	}
	free(types);
	free(tables);
	for (i = 0; i < n; i++) {
		const struct opt_variant *v = &out->v[i];

		if (v->rc < 0)
			return diag_set(d, "", 0, 0, "%s with %s, target %g %%, min %ld, scale-in "
					"cooldown %lld s: cost sum overflows (a price or fleet too "
					"large)", cfg->name, v->type, v->target, v->min,
					(long long)v->cooldown);
	}

	/* cheapest meeting the SLO; frontier: by rising cost, strictly fewer
	 * SLO minutes than every cheaper variant */
	idx = xmalloc((n ? n : 1) * sizeof(size_t));
	for (i = 0; i < n; i++)
		idx[i] = i;
	sort_idx(idx, n, out->v);
	out->frontier = xmalloc((n ? n : 1) * sizeof(size_t));
	best_slo = INT64_MAX;
	for (i = 0; i < n; i++) {
		const struct opt_variant *v = &out->v[idx[i]];

		if (out->best < 0 && (double)v->r.slo_seconds / 60.0 <=
		    op->max_slo_minutes + 1e-9)
			out->best = (long)idx[i];
		if (v->r.slo_seconds < best_slo) {
			best_slo = v->r.slo_seconds;
			out->frontier[out->nfrontier++] = idx[i];
		}
	}
	free(idx);
	return 0;
}

void
optimize_result_fini(struct opt_result *o)
{
	if (o == NULL)
		return;
	free(o->v);
	free(o->frontier);
	memset(o, 0, sizeof(*o));
}
