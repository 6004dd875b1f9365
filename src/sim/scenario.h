/*
 * scenario.h - what-if scenario files (JSON, documented in
 * rightsize-scenario(5)): a load, an SLO, a baseline fleet and candidate
 * fleets, each with tiers, instance types, policies, pricing mix, fixed
 * costs and a one-time migration cost.
 *
 * Layer: engine, reader. cJSON stays inside scenario.c: the loader turns
 * the tree into sim.h records and deletes it. Unknown keys and wrong
 * types are errors naming the JSON path ("tiers[0].policy.target:
 * expected a number"); syntax errors carry line and column.
 *
 * Ownership: scenario_load() returns a scenario the caller frees with
 * scenario_free(); its configurations are owned by it.
 */
#ifndef RS_SCENARIO_H
#define RS_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "sim/sim.h"
#include "base/util.h"

struct scenario_peak {
	int64_t start, end; /* [start, end) */
	double factor;
};

/* The synthetic load: base rate x daily shape x weekly shape x trend x
 * growth x peak events (x noise), on a grid of step seconds. */
struct scenario_load {
	double base_rps;       /* mean offered rate on an ordinary day */
	double hourly[24];     /* daily shape, mean 1 */
	double weekly[7];      /* Monday..Sunday, mean 1 */
	double growth;         /* multiplier on everything (default 1) */
	double annual_growth;  /* compounding trend per year (0.3 = +30 %) */
	double noise;          /* relative standard deviation per step */
	struct scenario_peak *peaks;
	size_t npeaks;
	double requests_per_order;
	double *values;        /* explicit rate per step instead (or NULL) */
	size_t nvalues;
};

struct scenario_optimize {
	char *tier;              /* tier to vary (NULL: the first) */
	double *targets;         /* utilization targets, percent */
	size_t ntargets;
	long *mins;              /* minimum capacities */
	size_t nmins;
	int64_t *cooldowns;      /* scale-in cooldowns, seconds */
	size_t ncooldowns;
	struct sim_tier *types;  /* instance types to try (tier templates) */
	size_t ntypes;
	int kind;                /* POL_TARGET or POL_HPA */
	double max_slo_minutes;  /* what "meets the SLO" allows */
};

struct scenario {
	char *name;
	char *description;
	char *source;            /* the case study it models, if any */
	char **notes;            /* assumptions, in order */
	size_t nnotes;
	int64_t start;
	int64_t step;
	long days;
	uint64_t seed;
	struct scenario_load load;
	struct sim_slo slo;
	struct sim_config *baseline;
	struct sim_config **candidates;
	size_t ncandidates;
	struct scenario_optimize opt;
};

/* Read path, applying overrides first: each "PATH=VALUE", where PATH is
 * a dotted JSON path ("candidates[0].tiers[1].min", "load.growth") or a
 * shorthand: "policy.KEY" sets KEY in every policy of every candidate
 * (the baseline when there are none), "tier.KEY" likewise for tiers,
 * "load.peaks[]" appends. VALUE is JSON, or else taken as a string.
 * Returns 0, or -1 with d set. */
int scenario_load(const char *path, const char *const *overrides, size_t noverrides,
		  struct scenario **out, struct diag *d);
void scenario_free(struct scenario *s);

/* Write path's document with the overrides applied (as scenario_load()
 * applies them) to out, as JSON that scenario_load() reads back; paths
 * the scenario names relative to its folder are made absolute when out
 * is in another folder ("-", standard output, is refused). 0, or -1 with d. */
int scenario_write(const char *path, const char *const *overrides, size_t nov,
		   const char *out, struct diag *d);

/* Build the load series; caller frees with sim_load_fini(). */
void scenario_make_load(const struct scenario *s, struct sim_load *l);

/* Parse a peak "YYYY-MM-DD:4x" or "YYYY-MM-DDTHH:MM/6h:4x". Returns 0;
 * -1 when it has not that form, -2 when the factor is not a finite
 * number above 0, -3 when the hours are not (or exceed 3660 days). */
int scenario_parse_peak(const char *s, struct scenario_peak *p);
/* What a scenario_parse_peak() failure of -2 or -3 means, as a phrase. */
const char *scenario_peak_error(int rc);

#endif
