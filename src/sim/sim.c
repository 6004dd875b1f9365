/*
 * sim.c - the discrete-time autoscaling simulator.
 *
 * Layer: engine. One pass over the load; at each step, for each tier:
 *   1. instances whose boot finishes now go into service; spot instances
 *      may be interrupted (a deterministic pseudo-random draw) and are
 *      relaunched after the replacement delay;
 *   2. the policies see utilization over the instances in service and
 *      propose capacities; the largest wins, clamped to [min, max];
 *   3. the fleet moves towards it: launches boot for `boot` seconds,
 *      removals take booting instances first (newest first);
 *   4. the step is accounted: billed instance-seconds by pricing model,
 *      requests served and not served, and whether the latency SLO holds
 *      (load above the largest rate the fleet in service can take within
 *      the SLO, from the M/M/c table, see queue.h).
 */
#include "config.h"

#include "sim/sim.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/policy_int.h"
#include "sim/queue.h"
#include "base/util.h"

#define MONTH_SECONDS (730LL * 3600) /* AWS pricing month: 730 hours */

void
sim_tier_init(struct sim_tier *t)
{
	int k;

	memset(t, 0, sizeof(*t));
	for (k = 0; k < SIM_PRICE_N; k++)
		t->price[k] = -1;
	t->capacity = 100.0;
	t->service_ms = 100.0;
	t->load_share = 1.0;
	t->boot = 0;
	t->min = 0;
	t->max = -1;
	t->initial = -1;
	t->spot_replace = 120;
}

void
sim_tier_fini(struct sim_tier *t)
{
	size_t k;

	if (t == NULL)
		return;
	free(t->name);
	free(t->instance_type);
	for (k = 0; k < t->npolicies; k++)
		policy_fini(&t->policies[k]);
	free(t->policies);
	memset(t, 0, sizeof(*t));
}

void
sim_tier_copy(struct sim_tier *dst, const struct sim_tier *src)
{
	size_t k;

	*dst = *src;
	dst->name = src->name ? xstrdup(src->name) : NULL;
	dst->instance_type = src->instance_type ? xstrdup(src->instance_type) : NULL;
	dst->policies = NULL;
	if (src->npolicies > 0) {
		dst->policies = xcalloc(src->npolicies, sizeof(*dst->policies));
		for (k = 0; k < src->npolicies; k++)
			policy_copy(&dst->policies[k], &src->policies[k]);
	}
}

void
sim_config_free(struct sim_config *c)
{
	size_t k;

	if (c == NULL)
		return;
	for (k = 0; k < c->ntiers; k++)
		sim_tier_fini(&c->tiers[k]);
	free(c->tiers);
	for (k = 0; k < c->nfixed; k++)
		free(c->fixed[k].name);
	free(c->fixed);
	for (k = 0; k < c->nnotes; k++)
		free(c->notes[k]);
	free(c->notes);
	free(c->name);
	free(c);
}

struct sim_config *
sim_config_dup(const struct sim_config *c)
{
	struct sim_config *d = xcalloc(1, sizeof(*d));
	size_t k;

	d->name = c->name ? xstrdup(c->name) : NULL;
	d->one_time = c->one_time;
	d->ntiers = c->ntiers;
	d->tiers = xcalloc(c->ntiers ? c->ntiers : 1, sizeof(*d->tiers));
	for (k = 0; k < c->ntiers; k++)
		sim_tier_copy(&d->tiers[k], &c->tiers[k]);
	d->nfixed = c->nfixed;
	d->fixed = xcalloc(c->nfixed ? c->nfixed : 1, sizeof(*d->fixed));
	for (k = 0; k < c->nfixed; k++) {
		d->fixed[k].name = xstrdup(c->fixed[k].name);
		d->fixed[k].monthly = c->fixed[k].monthly;
	}
	d->nnotes = c->nnotes;
	d->notes = xcalloc(c->nnotes ? c->nnotes : 1, sizeof(*d->notes));
	for (k = 0; k < c->nnotes; k++)
		d->notes[k] = xstrdup(c->notes[k]);
	return d;
}

void
sim_load_fini(struct sim_load *l)
{
	if (l == NULL)
		return;
	free(l->rps);
	memset(l, 0, sizeof(*l));
}

void
sim_result_fini(struct sim_result *r)
{
	if (r == NULL)
		return;
	free(r->tiers);
	r->tiers = NULL;
}

int
sim_price_seconds(money_t per_hour, int64_t seconds, money_t *out)
{
	*out = 0;
	if (per_hour <= 0 || seconds <= 0)
		return 0;
	*out = per_hour;
	return money_muldiv(out, seconds, 3600);
}

int
sim_prorate_month(money_t monthly, int64_t seconds, money_t *out)
{
	*out = 0;
	if (monthly == 0 || seconds <= 0)
		return 0;
	*out = monthly;
	return money_muldiv(out, seconds, MONTH_SECONDS);
}

/* Parallel servers per instance and their rate (see sim.h). */
static void
tier_servers(const struct sim_tier *t, long *k, double *mu)
{
	double w = t->capacity * t->service_ms / 1000.0;

	*k = w < 1.0 ? 1 : lround(w);
	*mu = t->capacity / (double)*k;
}

static double
rate_for(const struct sim_tier *t, const struct sim_slo *slo, long n)
{
	long k;
	double mu;

	if (n <= 0)
		return 0.0;
	if (slo == NULL || slo->percentile <= 0.0 || slo->latency_ms <= 0.0)
		return (double)n * t->capacity;
	tier_servers(t, &k, &mu);
	return queue_max_rate(mu, n * k, slo->percentile / 100.0,
			      slo->latency_ms / 1000.0);
}

double *
sim_tier_rate_table(const struct sim_tier *t, const struct sim_slo *slo)
{
	long n, max = t->max < 0 ? 0 : t->max;
	double *r = xmalloc((size_t)(max + 1) * sizeof(*r));

	for (n = 0; n <= max; n++)
		r[n] = rate_for(t, slo, n);
	return r;
}

/* splitmix64 (Steele, Lea, Flood 2014): a small, well-mixed generator. */
static double
rng_uniform(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	z ^= z >> 31;
	return (double)(z >> 11) / 9007199254740992.0;
}

struct tier_run {
	const struct sim_tier *t;
	struct policy_state *ps;
	double *rate;      /* max rate by instances in service */
	double *own_rate;  /* rate when computed here (lazy), else NULL */
	long *boot_ring;   /* instances becoming ready at step (index % nb) */
	long nb;           /* boot steps + 1 */
	long bpos;         /* i % nb, kept without dividing */
	long *spot_ring;   /* interrupted instances relaunched at step */
	long ns;
	long spos;         /* i % ns */
	long ready, booting, awaiting, desired;
	double p_interrupt; /* per spot instance per step */
	double *inv_cap;    /* 100 / (n * capacity): utilization per req/s */
	struct policy_obs ob; /* the fields that do not change are set once */
	uint64_t rng;
	double served, cap_sum, fleet_sum;
};

static long
clampl(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Slot k steps after the current one in a ring of n at position pos. */
static long
ring_at(long pos, long k, long n)
{
	pos += k;
	return pos >= n ? pos - n : pos;
}

static void
launch(struct tier_run *r, long n)
{
	if (n <= 0)
		return;
	if (r->nb <= 1) {
		r->ready += n;
		return;
	}
	r->boot_ring[ring_at(r->bpos, r->nb - 1, r->nb)] += n;
	r->booting += n;
}

/* Remove n instances: awaiting relaunch first, then booting (newest
 * first), then in service. */
static void
remove_n(struct tier_run *r, long n)
{
	long k, take;

	take = n < r->awaiting ? n : r->awaiting;
	if (take > 0) {
		/* cancel the latest relaunches */
		for (k = r->ns - 1; k >= 1 && take > 0; k--) {
			long *slot = &r->spot_ring[ring_at(r->spos, k, r->ns)];
			long x = *slot < take ? *slot : take;

			*slot -= x;
			take -= x;
			r->awaiting -= x;
			n -= x;
		}
	}
	for (k = r->nb - 1; k >= 1 && n > 0 && r->booting > 0; k--) {
		long *slot = &r->boot_ring[ring_at(r->bpos, k, r->nb)];
		long x = *slot < n ? *slot : n;

		*slot -= x;
		r->booting -= x;
		n -= x;
	}
	if (n > 0)
		r->ready -= n < r->ready ? n : r->ready;
}

static double
tier_rate(struct tier_run *r, const struct sim_slo *slo, long n)
{
	if (n > r->t->max)
		n = r->t->max;
	if (n < 0)
		n = 0;
	if (r->rate[n] < 0.0)
		r->rate[n] = rate_for(r->t, slo, n);
	return r->rate[n];
}

static void
tier_start(struct tier_run *r, const struct sim_tier *t,
	   const struct sim_load *l, uint64_t seed, const double *cum)
{
	long n0, k;
	size_t p;

	memset(r, 0, sizeof(*r));
	r->t = t;
	if (t->max_rate != NULL) {
		r->rate = (double *)t->max_rate;
	} else {
		r->own_rate = xmalloc((size_t)(t->max + 1) * sizeof(double));
		for (k = 0; k <= t->max; k++)
			r->own_rate[k] = -1.0;
		r->rate = r->own_rate;
	}
	r->nb = (long)((t->boot + l->step - 1) / l->step) + 1;
	r->boot_ring = xcalloc((size_t)r->nb, sizeof(long));
	r->ns = (long)((t->spot_replace + l->step - 1) / l->step) + 1;
	r->spot_ring = xcalloc((size_t)r->ns, sizeof(long));
	r->ps = xcalloc(t->npolicies ? t->npolicies : 1, sizeof(*r->ps));
	for (p = 0; p < t->npolicies; p++)
		policy_state_init(&r->ps[p]);
	n0 = t->initial;
	if (n0 < 0) {
		n0 = t->min;
		for (p = 0; p < t->npolicies; p++) {
			if (t->policies[p].kind == POL_FIXED &&
			    t->policies[p].instances > n0)
				n0 = t->policies[p].instances;
		}
	}
	n0 = clampl(n0, t->min, t->max);
	r->ready = r->desired = n0;
	r->p_interrupt = t->spot_interrupts / 100.0 * (double)l->step /
		(double)MONTH_SECONDS;
	r->inv_cap = xmalloc((size_t)(t->max + 1) * sizeof(double));
	r->inv_cap[0] = 0.0;
	for (k = 1; k <= t->max; k++)
		r->inv_cap[k] = 100.0 / ((double)k * t->capacity);
	r->ob.step = l->step;
	r->ob.capacity = t->capacity;
	r->ob.boot = t->boot;
	r->ob.n = l->n;
	r->ob.cum = cum;
	r->rng = seed;
}

static void
tier_end(struct tier_run *r)
{
	free(r->own_rate);
	free(r->inv_cap);
	free(r->boot_ring);
	free(r->spot_ring);
	free(r->ps);
}

static long
spot_count(const struct sim_tier *t, long fleet)
{
	long above = fleet - t->on_demand_base;

	if (above <= 0 || t->spot_share <= 0.0)
		return 0;
	return (long)floor((double)above * t->spot_share + 1e-9);
}

/*
 * One tier over the whole load. The tier's state lives in locals for the
 * loop (the hot path of --optimize); what crosses tiers (whether any tier
 * missed the SLO, the fleet of all tiers) goes into per-step arrays when
 * there is more than one tier.
 */
static void
run_tier(struct tier_run *r, size_t k, const struct sim_load *l,
	 const struct sim_slo *slo, const struct sim_opts *o,
	 struct sim_tier_result *tr, unsigned char *breach_any, long *fleet_all)
{
	const struct sim_tier *tt = r->t;
	const double share = tt->load_share, capacity = tt->capacity;
	const double step_d = (double)l->step;
	const int tracing = o != NULL && o->trace != NULL;
	const int spotty = r->p_interrupt > 0.0;
	const size_t npol = tt->npolicies;
	const double *rate = r->rate;
	const int tt_only = npol == 1 && tt->policies[0].kind == POL_TARGET;
	struct policy_state tst = r->ps[0]; /* tt_only: the policy's state */
	struct policy_obs tob = r->ob;      /* tt_only: what it sees */
	const int full_table = r->own_rate == NULL; /* precomputed for 0..max */
	long ready = r->ready, desired = r->desired, booting = r->booting;
	const int has_spot = tt->spot_share > 0.0;
	int64_t od_s = 0, spot_s = 0, slo_s = 0, t = l->start;
	int64_t ready_sum = 0, fleet_sum = 0;
	long peak = 0;
	double unserved = 0.0, offered = 0.0, served_sum = 0.0;
	size_t i, p;

	for (i = 0; i < l->n; i++, t += l->step) {
		double load = l->rps[i] * share, capn, util;
		long mn = tt->min, mx = tt->max, want = -1, fleet, spot, od;
		int breach;

		/* 1. boots complete, relaunches start, spot interruptions */
		if (r->nb > 1) {
			long *slot = &r->boot_ring[r->bpos];

			ready += *slot;
			booting -= *slot;
			*slot = 0;
		}
		if (r->awaiting > 0) {
			long *slot = &r->spot_ring[r->spos];

			if (*slot > 0) {
				long x = *slot;

				*slot = 0;
				r->awaiting -= x;
				r->ready = ready;
				r->booting = booting;
				launch(r, x);
				ready = r->ready;
				booting = r->booting;
			}
		}
		if (spotty) {
			long sr = spot_count(tt, ready);
			long hit = (long)floor((double)sr * r->p_interrupt +
					       rng_uniform(&r->rng));

			if (hit > 0) {
				ready -= hit;
				r->awaiting += hit;
				r->spot_ring[ring_at(r->spos, r->ns - 1, r->ns)] += hit;
			}
		}

		/* 2. policies: the largest proposal wins */
		if (ready > 0) {
			util = load * r->inv_cap[ready];
			if (util > 100.0)
				util = 100.0;
		} else {
			util = load > 0.0 ? 100.0 : 0.0;
		}
		if (tt_only) {
			/* one target tracking policy (every --optimize variant):
			 * state and observation in locals the compiler keeps in
			 * registers, instead of memory written every minute */
			tob.t = t;
			tob.i = i;
			tob.ready = ready;
			tob.booting = booting;
			tob.desired = desired;
			tob.util = util;
			tob.load = load;
			want = policy_target_desired(&tt->policies[0], &tst, &tob);
		} else if (npol > 0) {
			struct policy_obs *ob = &r->ob;

			ob->t = t;
			ob->i = i;
			ob->ready = ready;
			ob->booting = booting;
			ob->desired = desired;
			ob->util = util;
			ob->load = load;
			for (p = 0; p < npol; p++) {
				const struct policy *pol = &tt->policies[p];
				long d = pol->kind == POL_TARGET ?
					policy_target_desired(pol, &r->ps[p], ob) :
					policy_desired(pol, &r->ps[p], ob, &mn, &mx);

				if (d > want)
					want = d;
			}
		}
		if (want < 0)
			want = desired;
		if (mx > tt->max)
			mx = tt->max;
		if (mn > mx)
			mn = mx;
		desired = clampl(want, mn, mx);

		/* 3. move the fleet */
		fleet = ready + booting + r->awaiting;
		if (desired != fleet) {
			r->ready = ready;
			r->booting = booting;
			if (desired > fleet)
				launch(r, desired - fleet);
			else
				remove_n(r, fleet - desired);
			ready = r->ready;
			booting = r->booting;
		}

		/* 4. account */
		capn = (double)ready * capacity;
		offered += load;
		if (load > capn) {
			unserved += load - capn;
			served_sum += capn;
		} else {
			served_sum += load;
		}
		ready_sum += ready;
		breach = load > 0.0 &&
			load > (full_table ? rate[ready] : tier_rate(r, slo, ready));
		if (breach) {
			slo_s += l->step;
			if (breach_any != NULL)
				breach_any[i] = 1;
		}
		fleet = ready + booting;
		spot = 0;
		if (has_spot) {
			spot = spot_count(tt, fleet);
			if (spot > fleet)
				spot = fleet;
		}
		od = fleet - spot - tt->committed;
		if (od < 0)
			od = 0;
		od_s += od;
		spot_s += spot;
		if (fleet > peak)
			peak = fleet;
		fleet_sum += fleet;
		if (fleet_all != NULL)
			fleet_all[i] += fleet;
		if (tracing) {
			struct sim_step st;

			st.tier = k;
			st.i = i;
			st.t = t;
			st.load = load;
			st.ready = ready;
			st.booting = booting;
			st.desired = desired;
			st.util = util;
			st.breach = breach;
			o->trace(o->trace_ctx, &st);
		}
		r->bpos = ring_at(r->bpos, 1, r->nb);
		r->spos = ring_at(r->spos, 1, r->ns);
	}
	r->ready = ready;
	r->desired = desired;
	r->booting = booting;
	if (tt_only)
		r->ps[0] = tst;
	tr->inst_seconds[SIM_ON_DEMAND] = od_s * l->step;
	tr->inst_seconds[SIM_SPOT] = spot_s * l->step;
	tr->inst_seconds[SIM_COMMITMENT] = (int64_t)tt->committed * l->step *
		(int64_t)l->n;
	tr->slo_seconds = slo_s;
	tr->peak = peak;
	tr->unserved = unserved * step_d;
	tr->offered = offered * step_d;
	r->served = served_sum;
	r->cap_sum = (double)ready_sum * capacity;
	r->fleet_sum = (double)fleet_sum;
}

int
sim_run(const struct sim_config *c, const struct sim_load *l,
	const struct sim_slo *slo, const struct sim_opts *o,
	struct sim_result *res)
{
	struct tier_run *runs;
	const double *cum = NULL;
	double *cum_own = NULL;
	unsigned char *breach_any = NULL;
	long *fleet_all = NULL;
	size_t i, k, p;
	int need_cum = 0, overflow = 0;
	double offered = 0.0;

	memset(res, 0, sizeof(*res));
	res->ntiers = c->ntiers;
	res->tiers = xcalloc(c->ntiers ? c->ntiers : 1, sizeof(*res->tiers));
	runs = xcalloc(c->ntiers ? c->ntiers : 1, sizeof(*runs));
	for (k = 0; k < c->ntiers; k++) {
		for (p = 0; p < c->tiers[k].npolicies; p++) {
			if (c->tiers[k].policies[p].kind == POL_PREDICTIVE)
				need_cum = 1;
		}
	}
	if (need_cum) {
		cum_own = xmalloc((l->n + 1) * sizeof(double));
		cum_own[0] = 0.0;
		for (i = 0; i < l->n; i++)
			cum_own[i + 1] = cum_own[i] + l->rps[i];
		cum = cum_own;
	}
	for (i = 0; i < l->n; i++)
		offered += l->rps[i] * (double)l->step;
	if (c->ntiers > 1) {
		breach_any = xcalloc(l->n ? l->n : 1, 1);
		fleet_all = xcalloc(l->n ? l->n : 1, sizeof(long));
	}
	for (k = 0; k < c->ntiers; k++) {
		tier_start(&runs[k], &c->tiers[k], l,
			   (o ? o->seed : 1) * 1000003ULL + k, cum);
		run_tier(&runs[k], k, l, slo, o, &res->tiers[k], breach_any, fleet_all);
	}
	if (c->ntiers == 1) {
		res->slo_seconds = res->tiers[0].slo_seconds;
		res->peak = res->tiers[0].peak;
		res->mean_fleet = runs[0].fleet_sum;
	} else {
		for (i = 0; i < l->n; i++) {
			if (breach_any[i])
				res->slo_seconds += l->step;
			if (fleet_all[i] > res->peak)
				res->peak = fleet_all[i];
			res->mean_fleet += (double)fleet_all[i];
		}
	}
	free(breach_any);
	free(fleet_all);

	/* totals */
	res->seconds = (int64_t)l->n * l->step;
	for (k = 0; k < c->ntiers; k++) {
		struct tier_run *r = &runs[k];
		struct sim_tier_result *tr = &res->tiers[k];
		int m;

		for (m = 0; m < SIM_PRICE_N; m++) {
			money_t price = c->tiers[k].price[m];

			if (price < 0 && m != SIM_ON_DEMAND)
				price = c->tiers[k].price[SIM_ON_DEMAND];
			if (sim_price_seconds(price, tr->inst_seconds[m], &tr->compute[m]) < 0 ||
			    money_add(&tr->cost, tr->compute[m]) < 0 ||
			    money_add(&res->compute[m], tr->compute[m]) < 0)
				overflow = 1;
			res->instance_hours += (double)tr->inst_seconds[m] / 3600.0;
		}
		tr->mean_fleet = l->n ? r->fleet_sum / (double)l->n : 0.0;
		tr->mean_util = r->cap_sum > 0.0 ? r->served / r->cap_sum : 0.0;
		res->unserved += tr->unserved;
		res->mean_util += tr->mean_util / (double)c->ntiers;
		tier_end(r);
	}
	if (l->n > 0)
		res->mean_fleet /= (double)l->n;
	for (k = 0; k < c->nfixed; k++) {
		money_t run;

		if (sim_prorate_month(c->fixed[k].monthly, res->seconds, &run) < 0 ||
		    money_add(&res->fixed, run) < 0)
			overflow = 1;
	}
	res->total = res->fixed;
	for (k = 0; k < SIM_PRICE_N; k++) {
		if (money_add(&res->total, res->compute[k]) < 0)
			overflow = 1;
	}
	res->monthly = res->total;
	if (res->seconds <= 0)
		res->monthly = 0;
	else if (money_muldiv(&res->monthly, MONTH_SECONDS, res->seconds) < 0)
		overflow = 1;
	{
		double lost = 0.0;

		if (c->ntiers > 0 && res->tiers[0].offered > 0.0)
			lost = res->tiers[0].unserved / res->tiers[0].offered;
		res->unserved_share = lost;
		res->orders = l->requests_per_order > 0.0 ?
			offered * (1.0 - lost) / l->requests_per_order : 0.0;
	}
	res->per_order = -1;
	if (res->orders >= 0.5) {
		res->per_order = res->total;
		if (money_mul_rate(&res->per_order, 1.0 / res->orders) < 0)
			overflow = 1;
	}
	free(cum_own);
	free(runs);
	return overflow ? -1 : 0;
}
