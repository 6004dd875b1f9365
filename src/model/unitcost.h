/*
 * unitcost.h - what one order costs: average cost per order by hour, day
 * or month, and the marginal cost of one more order, with the fixed part
 * of the bill (databases, commitments, storage) split from the part that
 * scales with orders.
 *
 * Layer: engine, model. Reads a rollup and an hourly orders series; GSL
 * stays inside unitcost.c.
 *
 * Fixed or variable: a rollup cell is FIXED when, in this order,
 *   1. its charge kind is not usage or discount (commitment fees,
 *      purchases, tax, credits, refunds, support, fees, adjustments: not
 *      driven by orders);
 *   2. its pricing model is commitment (a Savings Plan, reservation or
 *      committed use discount is paid whatever the orders);
 *   3. its service is in the fixed list (unitcost_fixed_services():
 *      databases, caches, search, queues, storage, backup, networking
 *      base, support) or added with unitcost_opts.fixed;
 *   4. its usage type is storage billed under a compute service (contains
 *      "EBS:" or "TimedStorage");
 * unless its service is listed in unitcost_opts.variable. Every other
 * cell (on-demand and spot compute, load balancers, data transfer,
 * serverless requests...) is VARIABLE.
 *
 * Average cost per order = effective cost / orders over the hours where
 * both are known (orders not a gap, inside the billing's first to last
 * hour); hours with billing but no orders are counted apart.
 *
 * Marginal cost: least squares of hourly effective cost on hourly orders,
 *   cost_h = base + marginal x orders_h,
 * with 95% intervals (Student's t, n - 2 degrees of freedom), on the
 * charges that accrue by the hour (charge kinds usage, discount and
 * commitment_fee); lump charges (tax, support, credits, purchases...)
 * land on one hour and would only add noise, so they are left out of the
 * slope and reported as such. The same regression on the variable cost
 * alone gives the variable cost per order.
 */
#ifndef RS_UNITCOST_H
#define RS_UNITCOST_H

#include <stddef.h>
#include <stdint.h>

#include "base/money.h"
#include "data/rollup.h"
#include "data/series.h"
#include "base/util.h"

enum unitcost_gran { UC_HOUR, UC_DAY, UC_MONTH };
enum unitcost_class { UC_VARIABLE, UC_FIXED };

struct unitcost_opts {
	enum unitcost_gran gran;
	const char *const *fixed;    /* more fixed services (borrowed) */
	size_t nfixed;
	const char *const *variable; /* services never fixed (borrowed) */
	size_t nvariable;
};

void unitcost_opts_init(struct unitcost_opts *o);
/* The built-in list of fixed services (NULL-terminated, static). */
const char *const *unitcost_fixed_services(void);
/* Class of a cell and the rule that decided it (a static string). */
enum unitcost_class unitcost_classify(const struct rollup_cell *c,
				      const struct unitcost_opts *o, const char **why);

struct unitcost_period {
	int64_t start;      /* first second of the period */
	money_t cost, fixed, variable;
	double orders;
	long hours;         /* hours with orders known */
};

/* An OLS line y = base + slope x with 95% intervals. */
struct unitcost_line {
	int ok;             /* 0: fewer than 3 hours or no spread in orders */
	size_t n;
	double slope, slope_lo, slope_hi;
	double base, base_lo, base_hi;
	double r2;
};

struct unitcost_result {
	struct unitcost_period *periods; /* by period start */
	size_t n;
	struct unitcost_period total;
	struct unitcost_line marginal;   /* hourly accruing cost on orders */
	struct unitcost_line variable;   /* hourly variable cost on orders */
	money_t lump;                    /* in-span cost left out of the slopes */
	money_t outside;                 /* cost in hours without orders data */
	long hours_outside;              /* billing hours without orders data */
	int currencies;                  /* distinct currencies summed */
};

/* Compute r against hourly orders (step 3600). -1 with d when nothing
 * overlaps or a sum overflows. Free with unitcost_result_fini(). */
int unitcost_run(const struct rollup *r, const struct series *orders,
		 const struct unitcost_opts *o, struct unitcost_result *out,
		 struct diag *d);
void unitcost_result_fini(struct unitcost_result *res);

#endif
