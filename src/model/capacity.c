/*
 * capacity.c - utilization against load per instance (OLS with GSL),
 * instances for a load at a target utilization, Little's law.
 *
 * Layer: engine, model.
 */
#include "config.h"

#include "model/capacity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>

#include "data/series.h"

/*
 * u = a + b x by least squares (gsl_fit_linear). Confidence intervals
 * use Student's t with n - 2 degrees of freedom: a +- t sqrt(cov00),
 * b +- t sqrt(cov11), where GSL scales the covariance by the residual
 * variance sumsq / (n - 2).
 */
int
capacity_regress(const double *x, const double *u, size_t n, struct capacity_fit *f,
		 struct diag *d)
{
	double *xs = xmalloc((n ? n : 1) * sizeof(double));
	double *us = xmalloc((n ? n : 1) * sizeof(double));
	double sumsq, su = 0, suu = 0, sx = 0, sxx = 0;
	size_t i, m = 0;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < n; i++) {
		if (!isfinite(x[i]) || !isfinite(u[i]))
			continue;
		xs[m] = x[i];
		us[m] = u[i];
		sx += x[i];
		sxx += x[i] * x[i];
		su += u[i];
		suu += u[i] * u[i];
		if (m == 0 || x[i] > f->x_max_seen)
			f->x_max_seen = x[i];
		m++;
	}
	if (m < 3) {
		diag_set(d, NULL, 0, 0, "%zu matched points of load and utilization; at least 3 "
			 "are needed", m);
		goto out;
	}
	if (sxx - sx * sx / (double)m <= 1e-12 * (sxx + 1e-300)) {
		diag_set(d, NULL, 0, 0, "the load per instance never changes: no slope to fit");
		goto out;
	}
	gsl_fit_linear(xs, 1, us, 1, m, &f->a, &f->b, &f->cov00, &f->cov01, &f->cov11,
		       &sumsq);
	f->n = m;
	f->tq = gsl_cdf_tdist_Pinv(0.975, (double)(m - 2));
	f->a_lo = f->a - f->tq * sqrt(f->cov00);
	f->a_hi = f->a + f->tq * sqrt(f->cov00);
	f->b_lo = f->b - f->tq * sqrt(f->cov11);
	f->b_hi = f->b + f->tq * sqrt(f->cov11);
	f->sd = sqrt(sumsq / (double)(m - 2));
	f->r2 = 1 - sumsq / (suu - su * su / (double)m);
	f->x_mean = sx / (double)m;
	if (!(f->b > 0)) {
		diag_set(d, NULL, 0, 0, "utilization does not rise with load (slope %.3g): "
			 "check that the series are the fleet's load and its utilization", f->b);
		goto out;
	}
	rc = 0;
out:
	free(xs);
	free(us);
	return rc;
}

/* Value of s at time t (NAN when outside or a gap), s on its grid. */
static double
at(const struct series *s, int64_t t)
{
	int64_t k;

	if (t < s->start || (t - s->start) % s->step != 0)
		return NAN;
	k = (t - s->start) / s->step;
	return (size_t)k < s->n ? s->v[k] : NAN;
}

int
capacity_fit_series(const struct series *util, const struct series *load,
		    const struct series *instances, double ninstances,
		    struct capacity_fit *f, struct diag *d)
{
	struct series ru, rl, ri;
	const struct series *U = util, *L = load, *I = instances;
	int64_t step = util->step;
	double *x = NULL, *u = NULL;
	size_t i, m = 0;
	int rc = -1, have_u = 0, have_l = 0, have_i = 0;

	if (load->step > step)
		step = load->step;
	if (instances != NULL && instances->step > step)
		step = instances->step;
	if (util->step != step) {
		if (series_resample(util, step, 0, &ru, d) < 0)
			goto out;
		U = &ru;
		have_u = 1;
	}
	if (load->step != step) {
		if (series_resample(load, step, 0, &rl, d) < 0)
			goto out;
		L = &rl;
		have_l = 1;
	}
	if (instances != NULL && instances->step != step) {
		if (series_resample(instances, step, 0, &ri, d) < 0)
			goto out;
		I = &ri;
		have_i = 1;
	}
	x = xmalloc((U->n ? U->n : 1) * sizeof(double));
	u = xmalloc((U->n ? U->n : 1) * sizeof(double));
	for (i = 0; i < U->n; i++) {
		int64_t t = series_time(U, i);
		double l = at(L, t), k = I != NULL ? at(I, t) : ninstances;

		if (isnan(U->v[i]) || isnan(l) || !(k > 0))
			continue;
		x[m] = l / k;
		u[m] = U->v[i];
		m++;
	}
	if (m == 0) {
		diag_set(d, NULL, 0, 0, "%s and %s share no time stamps (on a %lld s grid)",
			 util->name, load->name, (long long)step);
		goto out;
	}
	rc = capacity_regress(x, u, m, f, d);
out:
	if (have_u)
		series_fini(&ru);
	if (have_l)
		series_fini(&rl);
	if (have_i)
		series_fini(&ri);
	free(x);
	free(u);
	return rc;
}

double
capacity_load_at(const struct capacity_fit *f, double target)
{
	double x = (target - f->a) / f->b;

	return x > 0 ? x : NAN;
}

/*
 * Largest x with a + b x + t se(x) <= target, se(x)^2 = cov00 + 2 x cov01
 * + x^2 cov11 (the upper 95% bound of the mean line). Bisection on
 * [0, x_point]: the bound is above the line, so the answer is below it.
 */
double
capacity_load_at_conservative(const struct capacity_fit *f, double target)
{
	double lo = 0, hi = capacity_load_at(f, target);
	int it;

	if (isnan(hi))
		return NAN;
	for (it = 0; it < 100; it++) {
		double x = (lo + hi) / 2;
		double v = f->cov00 + 2 * x * f->cov01 + x * x * f->cov11;
		double up = f->a + f->b * x + f->tq * sqrt(v > 0 ? v : 0);

		if (up <= target)
			lo = x;
		else
			hi = x;
	}
	{
		double v = f->cov00;

		if (f->a + f->tq * sqrt(v > 0 ? v : 0) > target)
			return NAN;
	}
	return lo;
}

long
capacity_instances(double load, double per_instance, double ratio)
{
	double n;

	if (!(per_instance > 0) || isnan(load))
		return 0;
	if (ratio > 0)
		per_instance *= ratio;
	n = ceil(load / per_instance - 1e-9);
	return n < 1 ? 1 : (long)n;
}

double
capacity_littles(double users, double think_s, double response_s, double k)
{
	double cycle = think_s + (response_s > 0 ? response_s : 0);

	if (!(cycle > 0))
		return NAN;
	return (k > 0 ? k : 1) * users / cycle;
}
