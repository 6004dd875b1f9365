/* test_sim.c - the simulator and its policies on hand-computed cases,
 * and properties (more capacity never raises SLO minutes; a cheaper price
 * never raises cost). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/policy.h"
#include "sim/sim.h"
#include "testlib.h"
#include "base/util.h"

#define M(x) ((money_t)((x) * 1e9 + 0.5))

static struct sim_config *
one_tier(const char *name, struct policy *pols, size_t npol)
{
	struct sim_config *c = xcalloc(1, sizeof(*c));
	struct sim_tier *t;
	size_t k;

	c->name = xstrdup(name);
	c->ntiers = 1;
	c->tiers = xcalloc(1, sizeof(*c->tiers));
	t = &c->tiers[0];
	sim_tier_init(t);
	t->name = xstrdup("web");
	t->price[SIM_ON_DEMAND] = M(0.10);
	t->capacity = 10.0;
	t->service_ms = 100.0;
	t->policies = xcalloc(npol, sizeof(*t->policies));
	t->npolicies = npol;
	for (k = 0; k < npol; k++)
		policy_copy(&t->policies[k], &pols[k]);
	return c;
}

static void
make_load(struct sim_load *l, size_t n, double rps)
{
	size_t i;

	memset(l, 0, sizeof(*l));
	l->start = 1795132800; /* 2026-11-22T00:00:00Z */
	l->step = 60;
	l->n = n;
	l->rps = xmalloc(n * sizeof(double));
	for (i = 0; i < n; i++)
		l->rps[i] = rps;
}

struct rec {
	long ready[64], booting[64], desired[64];
	int breach[64];
};

static void
record(void *ctx, const struct sim_step *s)
{
	struct rec *r = ctx;

	if (s->i < 64) {
		r->ready[s->i] = s->ready;
		r->booting[s->i] = s->booting;
		r->desired[s->i] = s->desired;
		r->breach[s->i] = s->breach;
	}
}

/* One tier of n fixed instances (p is its policy, for the caller to
 * finish) under a day of 10 req/s, 100 requests an order. */
static struct sim_config *
fixed_day(const char *name, struct policy *p, long n, struct sim_load *l)
{
	struct sim_config *c;

	policy_init(p, POL_FIXED);
	p->instances = n;
	c = one_tier(name, p, 1);
	c->tiers[0].max = n;
	make_load(l, 1440, 10.0);
	l->requests_per_order = 100.0;
	return c;
}

static void
fixed_fleet(void)
{
	struct policy p;
	struct sim_config *c;
	struct sim_load l;
	struct sim_result r;
	struct sim_slo none = { 0, 0 };

	c = fixed_day("fixed", &p, 3, &l);
	c->nfixed = 1;
	c->fixed = xcalloc(1, sizeof(*c->fixed));
	c->fixed[0].name = xstrdup("database");
	c->fixed[0].monthly = M(730); /* $1 an hour */
	sim_run(c, &l, &none, NULL, &r);
	test_int(r.compute[SIM_ON_DEMAND], M(7.20), "3 x $0.10/h x 24 h = $7.20");
	test_int(r.fixed, M(24), "database $730/month for 24 h = $24");
	test_int(r.total, M(31.20), "total $31.20");
	test_abs(r.instance_hours, 72.0, 1e-9, "72 instance-hours");
	test_abs(r.orders, 8640.0, 1e-6, "10 req/s for a day / 100 per order = 8640 orders");
	test_int(r.per_order, 3611111, "cost per order $31.20 / 8640 = $0.003611111");
	test_int(r.peak, 3, "peak fleet 3");
	test_abs(r.mean_util, 10.0 / 30.0, 1e-12, "mean utilization 1/3");
	test_int(r.slo_seconds, 0, "no SLO minutes");
	/* 30 days: monthly = total * 730 / 720 */
	sim_result_fini(&r);
	sim_config_free(c);
	sim_load_fini(&l);
	policy_fini(&p);
}

/* Costs beyond money_t: sim_run() says so instead of wrapping (and under
 * UBSan, without undefined behaviour on the way). */
static void
absurd_prices(void)
{
	struct policy p;
	struct sim_config *c;
	struct sim_load l;
	struct sim_result r;
	struct sim_slo none = { 0, 0 };

	c = fixed_day("absurd", &p, 3, &l);
	/* 3 instances x 730 h x $4e6 = $8.76e9 a month: fits */
	c->tiers[0].price[SIM_ON_DEMAND] = 4000000LL * MONEY_SCALE;
	test_int(sim_run(c, &l, &none, NULL, &r), 0, "$4e6 an hour for a day fits");
	test_int(r.total, 288000000LL * MONEY_SCALE, "3 x 24 h x $4e6 = $2.88e8");
	test_int(r.monthly, 8760000000LL * MONEY_SCALE, "its month: 3 x 730 h x $4e6 = $8.76e9");
	sim_result_fini(&r);
	/* an hour of $3e9 is fine, but its 730-hour month is $2.2e12 */
	c->tiers[0].price[SIM_ON_DEMAND] = 3000000000LL * MONEY_SCALE;
	c->tiers[0].policies[0].instances = 1;
	sim_load_fini(&l);
	make_load(&l, 60, 10.0);
	test_int(sim_run(c, &l, &none, NULL, &r), -1, "a month of $3e9 an hour overflows");
	sim_result_fini(&r);
	/* the compute itself */
	c->tiers[0].price[SIM_ON_DEMAND] = 9000000000LL * MONEY_SCALE;
	c->tiers[0].policies[0].instances = 3;
	sim_load_fini(&l);
	make_load(&l, 1440, 10.0);
	test_int(sim_run(c, &l, &none, NULL, &r), -1, "3 x 24 h x $9e9 overflows");
	sim_result_fini(&r);
	/* the fixed costs */
	c->tiers[0].price[SIM_ON_DEMAND] = M(0.10);
	c->nfixed = 2;
	c->fixed = xcalloc(2, sizeof(*c->fixed));
	c->fixed[0].name = xstrdup("one");
	c->fixed[1].name = xstrdup("two");
	c->fixed[0].monthly = c->fixed[1].monthly = 8000000000LL * MONEY_SCALE;
	sim_load_fini(&l);
	make_load(&l, 730 * 60, 10.0);
	test_int(sim_run(c, &l, &none, NULL, &r), -1, "two fixed costs of $8e9 overflow");
	sim_result_fini(&r);
	sim_config_free(c);
	sim_load_fini(&l);
	policy_fini(&p);
}

/*
 * Target tracking, target 50 %, capacity 10 req/s, boot 120 s, two
 * instances, load 8 req/s for 10 minutes then 40 req/s:
 *   minutes 10, 11, 12 above the target (100 %): the alarm fires at 12,
 *   desired = ceil(2 * 100 / 50) = 4, in service at 14;
 *   minutes 13, 14, 15 above again (100 %, ready 4 at 40 req/s): at 15
 *   desired = ceil(4 * 100 / 50) = 8, in service at 17; then 50 %.
 */
static void
target_step(void)
{
	static const long want_ready[20] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
					     2, 2, 2, 2, 4, 4, 4, 8, 8, 8 };
	static const long want_desired[20] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
					       2, 2, 4, 4, 4, 8, 8, 8, 8, 8 };
	struct policy p;
	struct sim_config *c;
	struct sim_load l;
	struct sim_result r;
	struct sim_slo none = { 0, 0 };
	struct rec rec;
	struct sim_opts o = { 1, record, &rec };
	int i, ok_r = 1, ok_d = 1;

	policy_init(&p, POL_TARGET);
	p.target = 50.0;
	c = one_tier("tt", &p, 1);
	c->tiers[0].boot = 120;
	c->tiers[0].min = 2;
	c->tiers[0].max = 20;
	make_load(&l, 30, 8.0);
	for (i = 10; i < 30; i++)
		l.rps[i] = 40.0;
	memset(&rec, 0, sizeof(rec));
	sim_run(c, &l, &none, &o, &r);
	for (i = 0; i < 20; i++) {
		if (rec.ready[i] != want_ready[i])
			ok_r = 0;
		if (rec.desired[i] != want_desired[i])
			ok_d = 0;
		if (rec.ready[i] != want_ready[i] || rec.desired[i] != want_desired[i])
			printf("  minute %d: ready %ld (want %ld), desired %ld (want %ld)\n",
			       i, rec.ready[i], want_ready[i], rec.desired[i], want_desired[i]);
	}
	test_ok(ok_r, "target tracking: instances in service minute by minute");
	test_ok(ok_d, "target tracking: desired capacity minute by minute");
	test_int(rec.booting[12], 2, "two instances booting at minute 12");
	test_int(rec.booting[15], 4, "four instances booting at minute 15");
	test_int(r.slo_seconds, 4 * 60, "overloaded minutes 10-13 (40 > 20 req/s)");
	test_abs(r.unserved, 4 * 60 * 20.0, 1e-9, "4 minutes x 20 req/s not served");
	/* instance-minutes: 12x2 + 2x4 + 1x4 + 2x8 + 13x8 = 156 */
	test_int(r.tiers[0].inst_seconds[SIM_ON_DEMAND], 156 * 60,
		 "156 instance-minutes billed (booting ones too)");
	test_int(r.compute[SIM_ON_DEMAND], M(0.26), "156 minutes at $0.10/h = $0.26");
	sim_result_fini(&r);
	sim_config_free(c);
	sim_load_fini(&l);
	policy_fini(&p);
}

/*
 * HPA, target 50 %, capacity 10 req/s, no boot delay, 4 pods; load 20,
 * 20, 30, then 10 req/s. ratio 1 -> 4; 1.5 -> ceil(300/50) = 6; then the
 * raw recommendation is ceil(100/50) = 2 but the 300 s stabilization
 * keeps the highest recommendation (6 at t = 120 s) until t = 420 s.
 */
static void
hpa_sequence(void)
{
	static const double load[10] = { 20, 20, 30, 10, 10, 10, 10, 10, 10, 10 };
	static const long want[10] = { 4, 4, 6, 6, 6, 6, 6, 2, 2, 2 };
	struct policy p;
	struct sim_config *c;
	struct sim_load l;
	struct sim_result r;
	struct sim_slo none = { 0, 0 };
	struct rec rec;
	struct sim_opts o = { 1, record, &rec };
	int i, ok = 1;

	policy_init(&p, POL_HPA);
	p.target = 50.0;
	c = one_tier("hpa", &p, 1);
	c->tiers[0].min = 1;
	c->tiers[0].max = 100;
	c->tiers[0].initial = 4;
	make_load(&l, 10, 0);
	for (i = 0; i < 10; i++)
		l.rps[i] = load[i];
	memset(&rec, 0, sizeof(rec));
	sim_run(c, &l, &none, &o, &r);
	for (i = 0; i < 10; i++) {
		if (rec.desired[i] != want[i]) {
			ok = 0;
			printf("  minute %d: desired %ld, want %ld\n", i, rec.desired[i], want[i]);
		}
	}
	test_ok(ok, "HPA: replicas 4 4 6 6 6 6 6 2 2 2");
	sim_result_fini(&r);
	/* tolerance: 10 % above target does nothing; 4 pods at 54 % stay */
	for (i = 0; i < 10; i++)
		l.rps[i] = 21.6;
	sim_run(c, &l, &none, &o, &r);
	test_int(rec.desired[9], 4, "HPA: 54 %% on a 50 %% target is within tolerance");
	sim_result_fini(&r);
	/* scale-up limit: max(+100 %, +4) per 15 s, four periods a minute */
	c->tiers[0].initial = 1;
	p.target = 1.0;
	c->tiers[0].policies[0].target = 1.0;
	for (i = 0; i < 10; i++)
		l.rps[i] = 100.0;
	sim_run(c, &l, &none, &o, &r);
	test_int(rec.desired[0], 40, "HPA: 1 pod grows at most to 5, 10, 20, 40 in a minute");
	sim_result_fini(&r);
	sim_config_free(c);
	sim_load_fini(&l);
	policy_fini(&p);
}

/*
 * Step scaling: +2 at 80 % or more, -1 below 30 %, two datapoints, 300 s
 * cooldown; capacity 10 req/s, 2 instances, no boot delay; load 18 req/s
 * for 5 minutes, then 4. Minute 1: second datapoint at 90 % -> 4. Minutes
 * 5-6 at 10 % -> 3 at minute 6; the next -1 waits for the cooldown
 * (t = 660 s, minute 11) although the alarm holds from minute 8.
 */
static void
step_policy(void)
{
	static const long want[12] = { 2, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2 };
	struct policy p;
	struct sim_config *c;
	struct sim_load l;
	struct sim_result r;
	struct sim_slo none = { 0, 0 };
	struct rec rec;
	struct sim_opts o = { 1, record, &rec };
	int i, ok = 1;

	policy_init(&p, POL_STEP);
	p.out_periods = 2;
	p.nsteps = 2;
	p.steps = xcalloc(2, sizeof(*p.steps));
	p.steps[0] = (struct policy_step){ 80, INFINITY, 2, 0 };
	p.steps[1] = (struct policy_step){ -INFINITY, 30, -1, 0 };
	c = one_tier("step", &p, 1);
	c->tiers[0].min = 1;
	c->tiers[0].max = 10;
	c->tiers[0].initial = 2;
	make_load(&l, 12, 18.0);
	for (i = 5; i < 12; i++)
		l.rps[i] = 4.0;
	memset(&rec, 0, sizeof(rec));
	sim_run(c, &l, &none, &o, &r);
	for (i = 0; i < 12; i++) {
		if (rec.desired[i] != want[i]) {
			ok = 0;
			printf("  minute %d: desired %ld, want %ld\n", i, rec.desired[i], want[i]);
		}
	}
	test_ok(ok, "step scaling: 2 4 4 4 4 4 3 3 3 3 3 2");
	sim_result_fini(&r);
	sim_config_free(c);
	sim_load_fini(&l);
	policy_fini(&p);
}

/* Commitments are paid whether used or not; spot above the base. */
static void
pricing_mix(void)
{
	struct policy p;
	struct sim_config *c;
	struct sim_load l;
	struct sim_result r;
	struct sim_slo none = { 0, 0 };

	policy_init(&p, POL_FIXED);
	p.instances = 5;
	c = one_tier("mix", &p, 1);
	c->tiers[0].max = 5;
	c->tiers[0].committed = 3;
	c->tiers[0].price[SIM_COMMITMENT] = M(0.06);
	make_load(&l, 600, 10.0); /* 10 hours */
	sim_run(c, &l, &none, NULL, &r);
	test_int(r.compute[SIM_COMMITMENT], M(1.80), "3 committed x 10 h x $0.06 = $1.80");
	test_int(r.compute[SIM_ON_DEMAND], M(2.00), "2 uncovered x 10 h x $0.10 = $2.00");
	test_int(r.total, M(3.80), "total $3.80");
	sim_result_fini(&r);
	c->tiers[0].committed = 8;
	sim_run(c, &l, &none, NULL, &r);
	test_int(r.compute[SIM_COMMITMENT], M(4.80), "8 committed, 5 used: $4.80 paid anyway");
	test_int(r.compute[SIM_ON_DEMAND], 0, "nothing on demand when covered");
	sim_result_fini(&r);
	c->tiers[0].committed = 0;
	c->tiers[0].policies[0].instances = 10;
	c->tiers[0].max = 10;
	c->tiers[0].on_demand_base = 2;
	c->tiers[0].spot_share = 0.5;
	c->tiers[0].price[SIM_SPOT] = M(0.03);
	sim_run(c, &l, &none, NULL, &r);
	test_int(r.tiers[0].inst_seconds[SIM_SPOT], 4 * 36000, "spot: half of the 8 above the base");
	test_int(r.compute[SIM_ON_DEMAND], M(6.00), "6 on demand x 10 h x $0.10");
	test_int(r.compute[SIM_SPOT], M(1.20), "4 spot x 10 h x $0.03");
	sim_result_fini(&r);
	/* interruptions: 100 %/month over a 30-day run with replacements */
	c->tiers[0].spot_interrupts = 100.0;
	c->tiers[0].spot_replace = 600;
	sim_load_fini(&l);
	make_load(&l, 43200, 10.0);
	sim_run(c, &l, &none, NULL, &r);
	test_ok(r.tiers[0].inst_seconds[SIM_SPOT] < 4LL * 43200 * 60,
		"interrupted spot instances are not billed while awaiting replacement");
	test_ok(r.tiers[0].inst_seconds[SIM_SPOT] > 4LL * 43200 * 60 * 99 / 100,
		"but replacements come back (about 4 x 10 min lost each)");
	sim_result_fini(&r);
	{
		money_t m;

		test_int(sim_price_seconds(M(0.0832), 3600, &m), 0, "one hour at $0.0832: fits");
		test_int(m, M(0.0832), "one hour at $0.0832");
		test_int(sim_price_seconds(M(1), 1, &m), 0, "one second at $1/h: fits");
		test_int(m, 277778, "one second at $1/h, rounded");
		/* $9 billion an hour for 30 days is $6.5 trillion: no money_t */
		test_int(sim_price_seconds(9000000000LL * MONEY_SCALE / 1000, 30 * 86400, &m), 0,
			 "$9 million an hour for 30 days fits");
		test_int(m, 9000000LL * 720 * MONEY_SCALE, "$9 million an hour for 30 days");
		test_int(sim_price_seconds(9000000000LL * MONEY_SCALE, 30 * 86400, &m), -1,
			 "$9 billion an hour for 30 days overflows");
		test_int(sim_prorate_month(9000000000LL * MONEY_SCALE, 2 * 730 * 3600, &m), -1,
			 "two months of $9 billion overflow");
		test_int(sim_prorate_month(M(730), 3600, &m), 0, "one hour of $730 a month: fits");
		test_int(m, M(1), "one hour of $730 a month");
	}
	sim_config_free(c);
	sim_load_fini(&l);
	policy_fini(&p);
}

/* Scheduled raises the floor in its window; predictive launches ahead. */
static void
scheduled_predictive(void)
{
	struct policy p[2];
	struct sim_config *c;
	struct sim_load l;
	struct sim_result r;
	struct sim_slo none = { 0, 0 };
	struct rec rec;
	struct sim_opts o = { 1, record, &rec };
	size_t i;

	policy_init(&p[0], POL_TARGET);
	policy_init(&p[1], POL_SCHEDULED);
	p[1].nwindows = 1;
	p[1].windows = xcalloc(1, sizeof(*p[1].windows));
	p[1].windows[0].start = 1795132800 + 5 * 60;
	p[1].windows[0].end = 1795132800 + 8 * 60;
	p[1].windows[0].min = 7;
	p[1].windows[0].max = -1;
	c = one_tier("sched", p, 2);
	c->tiers[0].min = 2;
	c->tiers[0].max = 20;
	make_load(&l, 30, 5.0);
	memset(&rec, 0, sizeof(rec));
	sim_run(c, &l, &none, &o, &r);
	test_int(rec.desired[4], 2, "before the window: 2");
	test_int(rec.desired[5], 7, "scheduled window raises the floor to 7");
	test_int(rec.desired[13], 7, "after the window the floor is gone, scale-in waits for the alarm");
	test_int(rec.desired[14], 6, "15 low datapoints (minutes 0-14): scale in by 10 %%, at least one");
	test_int(rec.desired[28], 6, "the next scale-in needs 15 more datapoints");
	test_int(rec.desired[29], 5, "... and then removes one more");
	sim_result_fini(&r);
	sim_config_free(c);
	sim_load_fini(&l);
	policy_fini(&p[0]);
	policy_fini(&p[1]);

	/* predictive: a daily burst at 12:00 of 100 req/s (else 10); from the
	 * second day capacity for it is launched before noon */
	policy_init(&p[0], POL_TARGET);
	policy_init(&p[1], POL_PREDICTIVE);
	c = one_tier("pred", p, 2);
	c->tiers[0].min = 2;
	c->tiers[0].max = 40;
	c->tiers[0].boot = 300;
	make_load(&l, 3 * 1440, 10.0);
	for (i = 0; i < l.n; i++) {
		if (i % 1440 >= 720 && i % 1440 < 780)
			l.rps[i] = 100.0;
	}
	sim_run(c, &l, &none, NULL, &r);
	{
		struct sim_result r2;

		sim_config_free(c);
		c = one_tier("tt", p, 1);
		c->tiers[0].min = 2;
		c->tiers[0].max = 40;
		c->tiers[0].boot = 300;
		sim_run(c, &l, &none, NULL, &r2);
		test_ok(r.slo_seconds < r2.slo_seconds,
			"predictive + target tracking misses the SLO less (%lld s) than target tracking alone (%lld s)",
			(long long)r.slo_seconds, (long long)r2.slo_seconds);
		test_ok(r2.slo_seconds - r.slo_seconds >= 2 * 5 * 60,
			"on days 2 and 3 the burst finds capacity ready");
		sim_result_fini(&r2);
	}
	sim_result_fini(&r);
	sim_config_free(c);
	sim_load_fini(&l);
	policy_fini(&p[0]);
	policy_fini(&p[1]);
}

/* Properties on pseudo-random loads. */
static void
properties(void)
{
	struct sim_slo slo = { 99.0, 400.0 };
	struct sim_load l;
	struct policy p;
	uint64_t s = 42;
	int trial, n, ok_cap = 1, ok_price = 1, ok_min = 1;

	make_load(&l, 2880, 0);
	for (trial = 0; trial < 8; trial++) {
		size_t i;
		int64_t prev = INT64_MAX;

		for (i = 0; i < l.n; i++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			l.rps[i] = 40.0 + 30.0 * sin((double)i / 200.0 + trial) +
				(double)(s >> 40) / (double)(1ULL << 24) * 20.0;
		}
		/* fixed fleets of 1..15: SLO minutes never rise with capacity */
		for (n = 1; n <= 15; n++) {
			struct sim_config *c;
			struct sim_result r, r2;

			policy_init(&p, POL_FIXED);
			p.instances = n;
			c = one_tier("p", &p, 1);
			c->tiers[0].max = n;
			sim_run(c, &l, &slo, NULL, &r);
			if (r.slo_seconds > prev)
				ok_cap = 0;
			prev = r.slo_seconds;
			c->tiers[0].price[SIM_ON_DEMAND] = M(0.07);
			sim_run(c, &l, &slo, NULL, &r2);
			if (r2.total > r.total)
				ok_price = 0;
			sim_result_fini(&r);
			sim_result_fini(&r2);
			sim_config_free(c);
			policy_fini(&p);
		}
		/* target tracking: a higher minimum never raises SLO minutes */
		prev = INT64_MAX;
		for (n = 1; n <= 12; n++) {
			struct sim_config *c;
			struct sim_result r;

			policy_init(&p, POL_TARGET);
			p.target = 70.0;
			c = one_tier("p", &p, 1);
			c->tiers[0].min = n;
			c->tiers[0].max = 30;
			c->tiers[0].boot = 180;
			sim_run(c, &l, &slo, NULL, &r);
			if (r.slo_seconds > prev)
				ok_min = 0;
			prev = r.slo_seconds;
			sim_result_fini(&r);
			sim_config_free(c);
			policy_fini(&p);
		}
	}
	test_ok(ok_cap, "more instances never raise SLO minutes (8 loads x 15 fleets)");
	test_ok(ok_price, "a cheaper price never raises cost");
	test_ok(ok_min, "a higher minimum under target tracking never raises SLO minutes");
	sim_load_fini(&l);
}

int
main(void)
{
	fixed_fleet();
	absurd_prices();
	target_step();
	hpa_sequence();
	step_policy();
	pricing_mix();
	scheduled_predictive();
	properties();
	return test_summary();
}
