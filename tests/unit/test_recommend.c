/*
 * test_recommend.c - right-sizing on planted utilization against the
 * shipped catalog: 8 % P99.5 over-provisioned, 95 % under-provisioned,
 * flat 0.5 % idle, 20 hours not enough data; percentiles, 5-minute
 * maxima, presets, and effective rates from a billing rollup.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/catalog.h"
#include "model/recommend.h"
#include "data/rollup.h"
#include "testlib.h"

#define T0 1790000000LL /* 2026-09-21, a multiple of 300 */

/* A series of n points every step seconds: base, plus `spike` at every
 * k-th point (k 0: none). */
static void
planted(struct series *s, const char *name, int64_t step, size_t n, double base,
	double spike, size_t k)
{
	size_t i;

	series_init(s, name, "Percent", T0, step, n);
	for (i = 0; i < n; i++)
		s->v[i] = (k != 0 && i % k == k - 1) ? spike : base;
}

/* An hour of EC2 usage of resource res on instance type type (no cost). */
static void
usage_key(struct rollup_cell *k, const char *res, const char *type)
{
	int dim;

	memset(k, 0, sizeof(*k));
	for (dim = 0; dim < DIM_N; dim++)
		k->dim[dim] = "";
	k->dim[DIM_RESOURCE] = res;
	k->dim[DIM_INSTANCE_TYPE] = type;
	k->dim[DIM_SERVICE] = "AmazonEC2";
	k->ck = CK_USAGE;
	k->usage = 1000000; /* one hour */
}

static const struct rec_candidate *
cand(const struct rec_result *r, const char *type)
{
	int k;

	for (k = 0; k < r->ncand; k++) {
		if (strcmp(r->cand[k].entry->type, type) == 0)
			return &r->cand[k];
	}
	return NULL;
}

int
main(void)
{
	const char *srcdir = getenv("top_srcdir");
	struct catalog *c = NULL;
	struct rec_params p;
	struct rec_result r;
	struct rec_input in;
	struct series s, m;
	struct diag d;
	char path[600], buf[4096];
	const struct rec_candidate *cd;
	const size_t two_weeks = 14 * 288;

	if (srcdir == NULL)
		srcdir = ".";
	snprintf(path, sizeof(path), "%s/data/instances", srcdir);
	diag_clear(&d);
	if (catalog_load(path, &c, &d) != 0) {
		printf("FAIL: catalog: %s:%ld: %s\n", d.file, d.line, d.msg);
		return 1;
	}

	/* Percentile, type 7. */
	{
		double v[100];
		int i;

		for (i = 0; i < 100; i++)
			v[i] = 100 - i;
		test_abs(rec_percentile(v, 100, 99.5), 99.505, 1e-9, "P99.5 of 1..100");
		test_abs(rec_percentile(v, 100, 50), 50.5, 1e-9, "P50 of 1..100");
		test_ok(isnan(rec_percentile(v, 0, 50)), "no values: NAN");
	}

	rec_params_init(&p);
	test_abs(p.percentile, 99.5, 0, "default P99.5");
	test_abs(p.headroom, 0.20, 0, "default headroom 20 %%");
	test_abs(p.lookback_days, 14, 0, "default lookback 14 days");
	memset(&in, 0, sizeof(in));
	in.resource = "i-over";
	in.type = "m5.xlarge";

	/* 1. Two weeks at 8 % with 0.4 % of points at 30 %: P99.5 stays 8. */
	planted(&s, "i-over", 300, two_weeks, 8, 30, 250);
	in.cpu = &s;
	test_int(rec_run(&p, c, NULL, &in, &r, &d), 0, "over: runs");
	test_str(rec_finding_name(r.finding), "over-provisioned", "8 %% P99.5 on m5.xlarge");
	test_abs(r.cpu_pct, 8, 1e-9, "over: P99.5 = 8 (spikes below the 0.5 %% tail)");
	test_abs(r.cpu_max, 30, 1e-9, "over: max 30");
	test_abs(r.cpu_need, 9.6, 1e-9, "over: need 9.6 %% with headroom");
	test_int((int64_t)r.points, (int64_t)two_weeks, "over: 4032 five-minute maxima");
	test_abs(r.hours, 336, 1e-9, "over: 336 hours");
	test_int(r.monthly_cost, 192000000LL * 730, "over: m5.xlarge 0.192 x 730");
	test_int(r.ncand, 3, "over: three candidates");
	cd = cand(&r, "m5.large");
	test_ok(cd != NULL, "over: same-family m5.large offered");
	if (cd != NULL) {
		test_abs(cd->proj_cpu, 16, 1e-9, "over: m5.large at 16 %%");
		test_int(cd->monthly_savings, 96000000LL * 730, "over: saves 0.096 x 730 = 70.08");
		test_int(cd->risk, 0, "over: m5.large risk 0");
		test_str(cd->effort, "low", "over: resize effort low");
		test_int(cd->arch_change, 0, "over: no arch change");
	}
	test_str(r.cand[0].entry->type, "m6g.large", "over: rank 1 is the cheapest fit, m6g.large");
	test_int(r.cand[0].arch_change, 1, "over: m6g.large changes architecture");
	test_str(r.cand[0].effort, "high", "over: arch change effort high");
	test_int(r.cand[0].monthly_savings, (192000000LL - 77000000LL) * 730,
		 "over: m6g.large saves 83.95");
	test_str(r.cand[1].entry->type, "m6a.large", "over: rank 2 other x86 family m6a.large");
	test_str(rec_kind_name(r.cand[1].kind), "other-family", "over: m6a is other-family");
	test_ok(r.cand[0].rate <= r.cand[1].rate && r.cand[1].rate <= r.cand[2].rate,
		"over: ranked by rate");
	rec_explain(&r, &p, buf, sizeof(buf));
	test_ok(strstr(buf, "P99.5") != NULL && strstr(buf, "4032 buckets") != NULL &&
		strstr(buf, "need 9.60") != NULL, "explain names percentile, points, need");
	rec_result_fini(&r);

	/* Without arch change: no Graviton. */
	p.allow_arch_change = 0;
	rec_run(&p, c, NULL, &in, &r, &d);
	test_ok(r.ncand > 0 && cand(&r, "m6g.large") == NULL && cand(&r, "m7g.large") == NULL,
		"--no-arch-change drops arm64 candidates");
	rec_result_fini(&r);
	p.allow_arch_change = 1;
	series_fini(&s);

	/* 2. 95 %: under-provisioned; m5.2xlarge runs it at 47.5 %. */
	in.resource = "i-under";
	planted(&s, "i-under", 300, two_weeks, 95, 0, 0);
	in.cpu = &s;
	rec_run(&p, c, NULL, &in, &r, &d);
	test_str(rec_finding_name(r.finding), "under-provisioned", "95 %% is under-provisioned");
	test_int(r.risk, 4, "under: staying has risk 4");
	cd = cand(&r, "m5.2xlarge");
	test_ok(cd != NULL && fabs(cd->proj_cpu - 47.5) < 1e-9, "under: m5.2xlarge at 47.5 %%");
	test_ok(cd != NULL && cd->monthly_savings == -192000000LL * 730,
		"under: m5.2xlarge costs 140.16 more a month");
	test_ok(r.ncand > 0 && r.cand[0].risk < 3, "under: the first option is low risk");
	cd = cand(&r, "m7g.xlarge");
	test_ok(cd == NULL || cd == &r.cand[r.ncand - 1], "under: a risky m7g.xlarge ranks last");
	rec_result_fini(&r);
	series_fini(&s);

	/* 3. Flat 0.5 %: idle, stopping saves the whole month. */
	in.resource = "i-idle";
	planted(&s, "i-idle", 300, two_weeks, 0.5, 0, 0);
	in.cpu = &s;
	rec_run(&p, c, NULL, &in, &r, &d);
	test_str(rec_finding_name(r.finding), "idle", "flat 0.5 %% is idle");
	test_int(r.best_savings, 192000000LL * 730, "idle: saves 140.16");
	test_int(r.ncand, 0, "idle: no candidate types");
	rec_result_fini(&r);
	series_fini(&s);

	/* 4. 20 hours: not enough data, no guess. */
	in.resource = "i-new";
	planted(&s, "i-new", 300, 240, 8, 0, 0);
	in.cpu = &s;
	rec_run(&p, c, NULL, &in, &r, &d);
	test_str(rec_finding_name(r.finding), "not-enough-data", "20 hours: not enough data");
	test_abs(r.hours, 20, 1e-9, "20 hours counted");
	test_int(r.ncand, 0, "not enough data: no candidates");
	rec_result_fini(&r);
	p.min_hours = 12;
	rec_run(&p, c, NULL, &in, &r, &d);
	test_str(rec_finding_name(r.finding), "over-provisioned", "20 hours with --min-hours 12");
	rec_result_fini(&r);
	p.min_hours = 30;
	series_fini(&s);

	/* 5. One-minute data: maxima per 5 minutes; a 1-minute spike to 60 %
	 * in every 5-minute bucket makes every maximum 60. */
	in.resource = "i-spiky";
	planted(&s, "i-spiky", 60, 14 * 1440, 5, 60, 5);
	in.cpu = &s;
	rec_run(&p, c, NULL, &in, &r, &d);
	test_int((int64_t)r.points, (int64_t)two_weeks, "1-minute data: 4032 buckets");
	test_abs(r.cpu_pct, 60, 1e-9, "1-minute data: P99.5 of maxima is the spike");
	test_str(rec_finding_name(r.finding), "optimized", "60 %% x 1.2 = 72 %%: optimized");
	rec_result_fini(&r);
	series_fini(&s);

	/* 6. Lookback: 20 days of data, only the last 14 count. */
	in.resource = "i-long";
	planted(&s, "i-long", 300, 20 * 288, 8, 0, 0);
	for (size_t i = 0; i < 6 * 288; i++)
		s.v[i] = 90; /* old busy days fall out of the window */
	in.cpu = &s;
	rec_run(&p, c, NULL, &in, &r, &d);
	test_abs(r.cpu_pct, 8, 1e-9, "lookback: days before the window ignored");
	test_int(r.to - r.from, 14 * 86400, "lookback: 14-day window");
	rec_result_fini(&r);
	series_fini(&s);

	/* 7. Memory: 8 % CPU but memory at 60 %: m5.large would hold 120 %
	 * x 1.2 of memory, so no smaller m5 fits: optimized; candidates need
	 * 0.6 x 16 x 1.2 = 11.52 GiB. */
	in.resource = "i-mem";
	planted(&s, "i-mem", 300, two_weeks, 8, 0, 0);
	planted(&m, "i-mem:mem", 300, two_weeks, 60, 0, 0);
	in.cpu = &s;
	in.mem = &m;
	rec_run(&p, c, NULL, &in, &r, &d);
	test_str(rec_finding_name(r.finding), "optimized", "memory-bound: optimized");
	test_abs(r.mem_pct, 60, 1e-9, "memory P99.5 60");
	for (int k = 0; k < r.ncand; k++)
		test_ok(r.cand[k].entry->memory_gib >= 11.52, "memory: %s has >= 11.52 GiB",
			r.cand[k].entry->type);
	rec_result_fini(&r);
	in.mem = NULL;
	series_fini(&m);
	series_fini(&s);

	/* 8. Presets. */
	test_int(rec_params_preset(&p, "krr"), 0, "krr preset");
	test_abs(p.percentile, 95, 0, "krr: P95");
	test_int(rec_params_preset(&p, "vpa"), 0, "vpa preset");
	test_ok(fabs(p.percentile - 90) < 1e-12 && fabs(p.headroom - 0.15) < 1e-12,
		"vpa: P90 + 15 %%");
	test_int(rec_params_preset(&p, "nope"), -1, "unknown preset");
	rec_params_init(&p);

	/* 9. Effective rates: the rollup shows m5.xlarge at 12.00 for 100
	 * instance-hours (0.12/h, a Savings Plan at 62.5 % of 0.192). */
	{
		struct rollup *ro = rollup_new();
		struct rollup_cell k;
		struct rec_rates rates;
		int h;

		usage_key(&k, "i-over", "m5.xlarge");
		for (h = 0; h < 100; h++) {
			k.hour = T0 + h * 3600LL;
			k.pm = h < 50 ? PM_COMMITMENT : PM_ON_DEMAND;
			k.billed = h < 50 ? 0 : 192000000;
			k.effective = h < 50 ? 48000000 : 192000000; /* mean 0.12 */
			rollup_add(ro, &k);
		}
		/* An older hour on another type: the latest one wins. */
		k.hour = T0 - 3600;
		k.dim[DIM_INSTANCE_TYPE] = "m5.2xlarge";
		k.pm = PM_ON_DEMAND;
		k.billed = k.effective = 384000000;
		rollup_add(ro, &k);
		rec_rates_init(&rates);
		test_int(rec_rates_from_rollup(&rates, ro, c, NULL, &d), 0, "rates from the rollup");
		test_str(rec_rates_type_of(&rates, "i-over"), "m5.xlarge", "resource -> type from billing");
		test_abs(rates.ratio, (12.0 + 0.384) / (0.192 * 100 + 0.384), 1e-9,
			 "effective / list ratio over both types");
		in.resource = "i-over";
		in.type = rec_rates_type_of(&rates, "i-over");
		planted(&s, "i-over", 300, two_weeks, 8, 0, 0);
		in.cpu = &s;
		rec_run(&p, c, &rates, &in, &r, &d);
		test_int(r.rate, 120000000, "current rate 0.12 from billing");
		test_int(r.rate_billed, 1, "current rate marked billed");
		cd = cand(&r, "m5.large");
		test_ok(cd != NULL && llabs(cd->rate - llround(0.096 * rates.ratio * 1e9)) <= 1,
			"m5.large at list x ratio");
		test_ok(cd != NULL && cd->monthly_savings == (120000000 - cd->rate) * 730,
			"savings at effective rates");
		rec_result_fini(&r);
		series_fini(&s);
		rec_rates_fini(&rates);
		rollup_free(ro);
	}

	/* 10. Unknown type. */
	in.type = "z9.huge";
	planted(&s, "i-x", 300, two_weeks, 8, 0, 0);
	in.cpu = &s;
	rec_run(&p, c, NULL, &in, &r, &d);
	test_str(rec_finding_name(r.finding), "unknown-type", "type not in catalog");
	rec_result_fini(&r);
	series_fini(&s);

	/* 11. Money beyond money_t: an hour of m5.xlarge billed at $9e9 is a
	 * rate whose month overflows; tallies refuse to wrap. */
	{
		struct rollup *ro = rollup_new();
		struct rollup_cell k;
		struct rec_rates rates;
		struct rec_tally t;

		usage_key(&k, "i-dear", "m5.xlarge");
		k.pm = PM_ON_DEMAND;
		k.hour = T0;
		k.billed = k.effective = 9000000000LL * 1000000000LL;
		rollup_add(ro, &k);
		rec_rates_init(&rates);
		test_int(rec_rates_from_rollup(&rates, ro, c, NULL, &d), 0, "a $9e9 hour is a rate");
		in.resource = "i-dear";
		in.type = "m5.xlarge";
		planted(&s, "i-dear", 300, two_weeks, 50, 0, 0);
		in.cpu = &s;
		test_int(rec_run(&p, c, &rates, &in, &r, &d), -1, "its month overflows");
		test_str(d.msg, "monthly cost overflows", "and says so");
		rec_result_fini(&r);
		series_fini(&s);
		k.hour = T0 + 3600;
		rollup_add(ro, &k);
		rec_rates_fini(&rates);
		rec_rates_init(&rates);
		test_int(rec_rates_from_rollup(&rates, ro, c, NULL, &d), -1,
			 "two $9e9 hours of one type overflow");
		rec_rates_fini(&rates);
		rollup_free(ro);

		memset(&t, 0, sizeof(t));
		memset(&r, 0, sizeof(r));
		r.finding = REC_IDLE;
		r.monthly_cost = r.best_savings = 5000000000LL * 1000000000LL;
		test_int(rec_tally_add(&t, &r), 0, "tally $5e9");
		test_int(rec_tally_add(&t, &r), -1, "a second $5e9 overflows");
		test_int(t.n[REC_IDLE], 1, "and is not counted");
		test_int(t.total_cost, r.monthly_cost, "the total stays");
	}

	catalog_free(c);
	return test_summary();
}
