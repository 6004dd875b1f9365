/*
 * capacity.h - from load to instances: how utilization rises with load
 * per instance, how many instances a load needs at a target utilization,
 * and Little's law for concurrent users.
 *
 * Layer: engine, model. GSL types stay inside capacity.c.
 *
 * The model: utilization u of an instance (CPU %, say) is linear in the
 * load x it serves (requests/s per instance):
 *
 *   u = a + b x + noise      (a: idle utilization; b: utilization per unit)
 *
 * fitted by ordinary least squares with an intercept on matched points of
 * a utilization series and a load series divided by the instance count.
 * A fleet serving total load L at a target utilization U then needs
 *
 *   x_max = (U - a) / b per instance, instances = ceil(L / x_max),
 *
 * and, conservatively, the count at which the upper 95% confidence bound
 * of the mean utilization stays at U. Linear scaling holds while the
 * instances are not saturated; points above the target teach the line
 * less than points below it, so fit on a range of ordinary days.
 */
#ifndef RS_CAPACITY_H
#define RS_CAPACITY_H

#include <stddef.h>

#include "data/series.h"
#include "base/util.h"

struct capacity_fit {
	size_t n;             /* matched points used */
	double a, b;          /* intercept (idle) and slope (per unit of load) */
	double a_lo, a_hi;    /* 95% confidence intervals */
	double b_lo, b_hi;
	double r2;
	double sd;            /* residual standard deviation */
	double x_mean;        /* mean load per instance of the data */
	double x_max_seen;    /* highest load per instance in the data */
	/* for the confidence band of the mean at x */
	double cov00, cov01, cov11, tq;
};

/* OLS of u[i] on x[i] over the points where both are finite. -1 with d
 * when fewer than 3 points, no spread in x, or a slope that is not
 * positive (utilization must rise with load). */
int capacity_regress(const double *x, const double *u, size_t n,
		     struct capacity_fit *f, struct diag *d);

/*
 * Match a utilization series and a load series (total over the fleet) on
 * their common times, dividing load by the instance count (a series, or
 * a constant when instances is NULL), and regress. The coarser step wins:
 * the finer series is averaged onto it first. -1 with d.
 */
int capacity_fit_series(const struct series *util, const struct series *load,
			const struct series *instances, double ninstances,
			struct capacity_fit *f, struct diag *d);

/* Load per instance at which the fitted utilization reaches target, and
 * the lower value at which the upper 95% confidence bound of the mean
 * reaches it (NAN when never). */
double capacity_load_at(const struct capacity_fit *f, double target);
double capacity_load_at_conservative(const struct capacity_fit *f, double target);

/* Instances of the measured type for total load at target utilization
 * (ceil; at least 1); ratio > 0 converts to a type with ratio times the
 * measured type's capacity (2: twice the vCPUs, assuming linear scaling).
 * 0 when the target cannot be reached (target below the idle level). */
long capacity_instances(double load, double per_instance, double ratio);

/* Little's law: requests per second from concurrent users, think time and
 * response time (seconds) and requests per user interaction:
 * lambda = k N / (Z + R). */
double capacity_littles(double users, double think_s, double response_s, double k);

#endif
