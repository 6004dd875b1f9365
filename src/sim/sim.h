/*
 * sim.h - the autoscaling simulator: a load series played against one
 * fleet per tier, minute by minute (or finer), with boot delays,
 * policies, spot interruptions and commitments, priced exactly.
 *
 * Layer: engine. Inputs are plain records built by scenario.c (or by
 * tests); sim_run() is pure apart from its result and an optional trace
 * callback, so many runs may go in parallel on shared inputs.
 *
 * Money: instance-seconds are counted as integers per pricing model and
 * multiplied by the exact hourly prices once, at the end.
 *
 * Ownership: a sim_config owns its tiers, a tier its policies and
 * strings; sim_config_free() releases them. A sim_load owns rps.
 */
#ifndef RS_SIM_H
#define RS_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "base/money.h"
#include "sim/policy.h"

enum sim_price { SIM_ON_DEMAND, SIM_SPOT, SIM_COMMITMENT, SIM_PRICE_N };

struct sim_tier {
	char *name;
	char *instance_type;
	money_t price[SIM_PRICE_N]; /* per instance-hour; -1 unknown */
	double capacity;      /* requests/s one instance serves at 100 % */
	double service_ms;    /* mean service time of one request */
	double load_share;    /* this tier's requests per offered request */
	int64_t boot;         /* seconds from launch to in service */
	long min, max;
	long initial;         /* instances at the start (-1: min, or fixed) */
	long committed;       /* instances covered by a commitment, always paid */
	double spot_share;    /* fraction above on_demand_base run on spot */
	long on_demand_base;
	double spot_interrupts; /* percent of spot instances interrupted a month */
	int64_t spot_replace;   /* seconds before an interrupted one is relaunched */
	struct policy *policies;
	size_t npolicies;
	const double *max_rate; /* borrowed: see sim_tier_rate_table() */
};

struct sim_fixed {
	char *name;
	money_t monthly; /* per month of 730 hours */
};

struct sim_config {
	char *name;
	struct sim_tier *tiers;
	size_t ntiers;
	struct sim_fixed *fixed;
	size_t nfixed;
	money_t one_time; /* migration cost, for payback (0 none) */
	char **notes;
	size_t nnotes;
};

struct sim_load {
	int64_t start, step; /* epoch seconds, seconds per step */
	size_t n;
	double *rps;         /* offered requests per second at each step */
	double requests_per_order;
};

struct sim_slo {
	double percentile; /* e.g. 99 */
	double latency_ms; /* the response time that percentile must meet */
};

struct sim_tier_result {
	int64_t inst_seconds[SIM_PRICE_N]; /* billed; commitment = paid */
	money_t compute[SIM_PRICE_N];
	money_t cost;                      /* compute, all pricing models */
	long peak;
	double mean_fleet;
	double mean_util;        /* requests served / capacity in service, over the run */
	int64_t slo_seconds;
	double unserved;         /* requests */
	double offered;          /* requests */
};

struct sim_result {
	money_t compute[SIM_PRICE_N];
	money_t fixed;
	money_t total;
	money_t monthly;         /* total scaled to 730 hours */
	money_t per_order;       /* total / orders, -1 when no orders */
	double orders;
	double instance_hours;
	long peak;               /* largest fleet, all tiers */
	double mean_fleet;
	double mean_util;
	int64_t slo_seconds;     /* time any tier missed the latency SLO */
	double unserved;         /* requests not served */
	double unserved_share;
	int64_t seconds;         /* simulated time */
	size_t ntiers;
	struct sim_tier_result *tiers; /* owned; sim_result_fini() */
};

/* One step of one tier, for traces and tests. */
struct sim_step {
	size_t tier, i;
	int64_t t;
	double load;
	long ready, booting, desired;
	double util;
	int breach;
};

struct sim_opts {
	uint64_t seed; /* spot interruptions */
	void (*trace)(void *ctx, const struct sim_step *s);
	void *trace_ctx;
};

void sim_tier_init(struct sim_tier *t);
void sim_tier_fini(struct sim_tier *t);
/* Deep copy of a tier (policies too); max_rate stays borrowed. */
void sim_tier_copy(struct sim_tier *dst, const struct sim_tier *src);
void sim_config_free(struct sim_config *c);
/* Deep copy of a configuration. */
struct sim_config *sim_config_dup(const struct sim_config *c);
void sim_load_fini(struct sim_load *l);
void sim_result_fini(struct sim_result *r);

/* The largest arrival rate (requests/s) n instances of t can take while
 * meeting slo, for n = 0..max; caller frees the array. An instance is
 * modelled as capacity * service_ms / 1000 parallel M/M/c servers
 * (at least one). */
double *sim_tier_rate_table(const struct sim_tier *t, const struct sim_slo *slo);

/* Play load against c. Returns 0, or -1 when a cost does not fit in
 * money_t (absurd prices or fleets): the money figures are then not to be
 * shown. Either way the result's tiers array is owned by r
 * (sim_result_fini()). */
int sim_run(const struct sim_config *c, const struct sim_load *l,
	    const struct sim_slo *slo, const struct sim_opts *o,
	    struct sim_result *r);

/* A monthly amount (730 hours) for `seconds`, exactly, rounded half away
 * from zero, into *out. -1 on overflow. */
int sim_prorate_month(money_t monthly, int64_t seconds, money_t *out);

/* price (per hour) * seconds / 3600, exactly, rounded half up, into *out
 * (0 for an unknown price). -1 on overflow. */
int sim_price_seconds(money_t per_hour, int64_t seconds, money_t *out);

#endif
