/*
 * optimize.h - sweep policy parameters and instance types for one tier of
 * a configuration; find the cheapest variant that meets the SLO and the
 * frontier of cost against minutes above the SLO.
 *
 * Layer: engine. Runs variants on `jobs` threads sharing the load and one
 * latency table per instance type (read-only), so a thousand year-long
 * one-minute runs take seconds.
 *
 * Ownership: optimize_run() fills a result the caller frees with
 * optimize_result_fini().
 */
#ifndef RS_OPTIMIZE_H
#define RS_OPTIMIZE_H

#include <stddef.h>

#include "sim/scenario.h"
#include "sim/sim.h"

struct opt_variant {
	char type[64];        /* instance type */
	double target;        /* utilization target, percent */
	long min;
	int64_t cooldown;     /* scale-in cooldown, seconds */
	struct sim_result r;  /* totals only (tiers freed) */
	int rc;               /* sim_run()'s: -1 when a cost overflowed */
};

struct opt_result {
	struct opt_variant *v;  /* in sweep order */
	size_t n;
	long best;              /* cheapest meeting the SLO, -1 none */
	size_t *frontier;       /* indexes into v, by rising cost */
	size_t nfrontier;
	size_t tier;            /* which tier was varied */
};

/* Sweep s->opt over tier `tier` of cfg (policy kind s->opt.kind replaces
 * the tier's target tracking / HPA policy, or joins its policies).
 * Returns 0, or -1 with d (no file named) when a variant's cost
 * overflows; out is to be freed either way. */
int optimize_run(const struct scenario *s, const struct sim_config *cfg,
		 size_t tier, const struct sim_load *l, int jobs,
		 struct opt_result *out, struct diag *d);
void optimize_result_fini(struct opt_result *o);

#endif
