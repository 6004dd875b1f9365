/*
 * bench_fit.c - time the load model on a year of one-minute data
 * (525,600 points; 6 daily and 3 weekly harmonics, intercept and trend:
 * 20 regressors) generated in memory with planted parameters.
 * Run by `make bench-fit`; prints the time of loadfit_fit (held-out fit
 * plus full fit) and of the metrics grid step on the same points.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model/loadfit.h"
#include "data/series.h"
#include "base/util.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* xorshift64* and Box-Muller: a fixed, fast noise source */
static uint64_t rng = 88172645463325252ULL;

static double
unif(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return ((rng * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}

static double
gauss(void)
{
	return sqrt(-2 * log(unif() + 1e-300)) * cos(2 * M_PI * unif());
}

int
main(void)
{
	const size_t n = 525600;
	const int64_t start = 1767571200; /* 2026-01-05T00:00:00Z, a Monday */
	struct series s;
	struct loadfit_opts o;
	struct loadfit *m = NULL;
	struct loadfit_summary sm;
	struct diag d;
	double t0, t1, best = 1e9;
	size_t i;
	int rep;

	series_init(&s, "bench", "", start, 60, n);
	for (i = 0; i < n; i++) {
		double t = (double)i * 60;
		double z = log(500) + log(1.03) * (t / 2629746.0) +
			   0.6 * cos(2 * M_PI * (t / 86400 - 14.0 / 24)) +
			   0.15 * cos(4 * M_PI * (t / 86400 - 20.0 / 24)) +
			   0.2 * cos(2 * M_PI * (t / 604800 - 4.5 / 7)) + 0.1 * gauss();

		s.v[i] = exp(z);
	}
	loadfit_opts_init(&o);
	o.max_weekly = 3; /* 2 + 2 x 6 + 2 x 3 = 20 regressors */
	for (rep = 0; rep < 3; rep++) {
		t0 = now();
		if (loadfit_fit(&s, &o, &m, &d) < 0) {
			fprintf(stderr, "bench-fit: %s\n", d.msg);
			return 1;
		}
		t1 = now();
		if (t1 - t0 < best)
			best = t1 - t0;
		loadfit_summary(m, &sm);
		if (rep < 2)
			loadfit_free(m);
	}
	printf("bench-fit: %zu one-minute points, %d regressors in the candidate model, "
	       "chose %d daily + %d weekly harmonics (%d parameters)\n",
	       n, 2 + 2 * o.max_daily + 2 * o.max_weekly, sm.daily_k, sm.weekly_k,
	       sm.params);
	printf("bench-fit: loadfit_fit (held-out fit + full fit, robust, BIC) best of 3: "
	       "%.3f s\n", best);
	printf("bench-fit: growth %.4f/month (planted 0.03), R^2 %.3f, MAPE %.3f vs "
	       "seasonal naive %.3f\n", sm.growth_month, sm.r2, sm.mape, sm.mape_naive);
	loadfit_free(m);
	o.max_weekly = LOADFIT_MAX_WEEKLY;
	t0 = now();
	if (loadfit_fit(&s, &o, &m, &d) < 0) {
		fprintf(stderr, "bench-fit: %s\n", d.msg);
		return 1;
	}
	t1 = now();
	printf("bench-fit: with the default %d candidate regressors: %.3f s\n",
	       2 + 2 * LOADFIT_MAX_DAILY + 2 * LOADFIT_MAX_WEEKLY, t1 - t0);
	loadfit_free(m);
	series_fini(&s);
	return 0;
}
