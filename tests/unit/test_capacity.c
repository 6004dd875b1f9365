/*
 * test_capacity.c - utilization against load per instance, instances at a
 * target, Little's law, on data generated here from a known line.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/capacity.h"
#include "ingest/metrics.h"
#include "testlib.h"

int
main(void)
{
	double x[200], u[200];
	struct capacity_fit f;
	struct series us, ls;
	struct diag d;
	size_t i;

	/* u = 5 + 0.1 x exactly, plus an alternating +-1 that averages out */
	for (i = 0; i < 200; i++) {
		x[i] = 100 + 2.0 * (double)i;
		u[i] = 5 + 0.1 * x[i] + ((i & 1) ? 1 : -1);
	}
	test_ok(capacity_regress(x, u, 200, &f, &d) == 0, "regress");
	test_abs(f.b, 0.1, 1e-3, "slope");
	test_abs(f.a, 5, 0.3, "intercept");
	test_ok(f.b_lo < 0.1 && f.b_hi > 0.1, "slope interval covers the truth");
	test_ok(f.r2 > 0.99, "R^2");
	test_abs(capacity_load_at(&f, 60), 550, 5, "load per instance at 60%%");
	test_ok(capacity_load_at_conservative(&f, 60) < capacity_load_at(&f, 60),
		"conservative load is lower");
	test_int(capacity_instances(10000, 550, 0), 19, "instances for 10000");
	test_int(capacity_instances(11000, 550, 0), 20, "exact multiple is not rounded up");
	test_int(capacity_instances(10000, 550, 2), 10, "a type twice as large");
	test_int(capacity_instances(10, 550, 0), 1, "at least one instance");
	test_ok(isnan(capacity_load_at(&f, 3)), "target below idle cannot be reached");
	test_rel(capacity_littles(142000, 30, 0, 1), 4733.333333, 1e-9, "Little's law");
	test_rel(capacity_littles(1000, 8, 2, 3), 300, 1e-12, "with response time and k");

	/* no spread, too few points, falling line */
	for (i = 0; i < 10; i++)
		x[i] = 5;
	test_ok(capacity_regress(x, u, 10, &f, &d) < 0, "no spread in load fails");
	test_ok(capacity_regress(x, u, 2, &f, &d) < 0, "two points fail");
	for (i = 0; i < 10; i++) {
		x[i] = (double)i;
		u[i] = 50 - (double)i;
	}
	test_ok(capacity_regress(x, u, 10, &f, &d) < 0, "falling utilization fails");
	test_ok(strstr(d.msg, "does not rise") != NULL, "and says so");

	/* series: load every 60 s, utilization every 300 s, 4 instances */
	series_init(&ls, "load", "", 1790000000 - 1790000000 % 300, 60, 600);
	series_init(&us, "cpu", "", ls.start, 300, 120);
	for (i = 0; i < ls.n; i++)
		ls.v[i] = 400 + 300 * sin((double)i / 50);
	for (i = 0; i < us.n; i++) {
		double m = 0;
		size_t k;

		for (k = 0; k < 5; k++)
			m += ls.v[i * 5 + k];
		us.v[i] = 2 + 0.2 * (m / 5) / 4;
	}
	test_ok(capacity_fit_series(&us, &ls, NULL, 4, &f, &d) == 0, "fit series on two grids");
	test_int((int64_t)f.n, 120, "matched on the coarser grid");
	test_abs(f.b, 0.2, 1e-9, "series slope");
	test_abs(f.a, 2, 1e-9, "series intercept");
	series_fini(&ls);
	series_fini(&us);
	return test_summary();
}
