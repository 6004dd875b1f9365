/*
 * recommend.h - right-sizing recommendations from utilization series and
 * the price catalog, in the manner of AWS Compute Optimizer.
 *
 * Layer: engine. For one resource: take its CPU series (percent, and its
 * memory series when present), keep the lookback window ending at the last
 * data point, reduce it to per-5-minute maxima, take a percentile of them
 * plus headroom as the capacity the resource needs, classify (idle, over-,
 * under-provisioned, optimized, not enough data) and rank up to three
 * candidate types from the catalog at the user's effective hourly rates.
 * Every number that goes into a finding is kept in the result so the front
 * end can print the reasoning (--explain).
 *
 * Ownership: a rec_result borrows catalog entries (they live as long as
 * the catalog) and owns its strings; free with rec_result_fini(). A
 * rec_rates owns its table; free with rec_rates_fini().
 */
#ifndef RS_RECOMMEND_H
#define RS_RECOMMEND_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/catalog.h"
#include "base/money.h"
#include "data/rollup.h"
#include "data/series.h"
#include "base/util.h"

#define REC_MAX_CANDIDATES 3

struct rec_params {
	double lookback_days; /* window ending at the last data point */
	double bucket_s;      /* maxima are taken per bucket of this many seconds */
	double percentile;    /* of the per-bucket maxima, 0..100 */
	double headroom;      /* fraction added to the percentile: 0.20 = 20% */
	double idle_max_cpu;  /* idle when max CPU <= this, percent */
	double min_hours;     /* fewer hours of data: not enough data */
	long hours_per_month; /* for monthly cost and savings */
	int max_candidates;   /* 0..REC_MAX_CANDIDATES */
	int allow_arch_change;/* 0: no candidates of another architecture */
	const char *region;   /* catalog region; NULL: first entry of the type */
};

/* Compute Optimizer defaults: 14 days, 5-minute maxima, P99.5 + 20 %,
 * idle at max CPU <= 1 %, 30 hours minimum, 730 hours a month, 3 options. */
void rec_params_init(struct rec_params *p);
/* Apply a preset over p: "compute-optimizer" (the defaults), "krr"
 * (Robusta KRR's CPU default: P95, no headroom) or "vpa" (Kubernetes VPA
 * recommender's target: P90 + 15 %). Returns 0, or -1 for an unknown name. */
int rec_params_preset(struct rec_params *p, const char *name);

enum rec_finding {
	REC_NOT_ENOUGH_DATA,
	REC_IDLE,
	REC_OVER,
	REC_UNDER,
	REC_OPTIMIZED,
	REC_UNKNOWN_TYPE, /* no instance type, or a type not in the catalog */
	REC_FINDING_N,
};

/* "not-enough-data", "idle", "over-provisioned", "under-provisioned",
 * "optimized", "unknown-type". */
const char *rec_finding_name(enum rec_finding f);

/* Effective hourly rate per instance type, from what a billing rollup says
 * the user paid: effective cost / instance-hours of its usage lines, so a
 * Savings Plan or RI discount is honoured. Types not billed get the list
 * price times `ratio`, the fleet's effective / list ratio (Compute Savings
 * Plans apply to any family). Also maps resource id -> instance type. */
struct rec_rates {
	struct rec_rate_item {
		char *type;
		money_t effective;   /* summed effective cost */
		double hours;        /* summed instance-hours */
		money_t rate;        /* effective / hours, per hour */
	} *items;
	size_t n, cap;
	struct rec_resource_type {
		char *resource;
		char *type;      /* the type of its latest usage hour */
		int64_t hour;
	} *res;
	size_t nres, rescap;
	double ratio;           /* effective / list over priced types; 1 if none */
	double ratio_hours;     /* instance-hours behind ratio */
};

void rec_rates_init(struct rec_rates *r);
void rec_rates_fini(struct rec_rates *r);
/* Fold every usage cell of ro that names an instance type into r (cells of
 * charge kind usage with usage > 0), then compute rates and the ratio
 * against list prices in c (region may be NULL). Returns 0, or -1 with d
 * when a type's cost or rate overflows. */
int rec_rates_from_rollup(struct rec_rates *r, const struct rollup *ro,
			  const struct catalog *c, const char *region, struct diag *d);
/* The instance type the billing shows for resource in its latest hour of
 * usage (a resized instance is judged as it runs now), or NULL. */
const char *rec_rates_type_of(const struct rec_rates *r, const char *resource);
/* Hourly rate for e at the user's rates (r may be NULL: list price) into
 * *rate, -1 when e has no on-demand price; *billed (may be NULL) is set to
 * 1 when it came from billed usage of that type. Returns 0, or -1 when the
 * rate overflows. */
int rec_rate(const struct rec_rates *r, const struct catalog_entry *e, money_t *rate,
	     int *billed);

struct rec_input {
	const char *resource;
	const char *type;          /* current instance type; NULL: unknown */
	const struct series *cpu;  /* borrowed; percent 0..100 */
	const struct series *mem;  /* borrowed; percent; may be NULL */
};

enum rec_kind { REC_SAME_FAMILY, REC_OTHER_FAMILY, REC_OTHER_ARCH };

/* "same-family", "other-family", "other-arch". */
const char *rec_kind_name(enum rec_kind k);

struct rec_candidate {
	const struct catalog_entry *entry; /* borrowed */
	enum rec_kind kind;
	double proj_cpu;      /* the percentile CPU on this type, percent */
	double proj_mem;      /* same for memory; NAN without memory data */
	int risk;             /* performance risk 0..4 (rightsize-recommend(1)) */
	int arch_change;
	const char *effort;   /* "low", "medium", "high" (static) */
	money_t rate;         /* hourly at the user's rates */
	int rate_billed;
	money_t monthly_savings; /* (current - candidate) x hours_per_month */
};

struct rec_result {
	char *resource;
	char *type;                        /* "" when unknown */
	const struct catalog_entry *current; /* borrowed; NULL when unknown */
	enum rec_finding finding;
	int64_t from, to;     /* window [from, to) */
	size_t points;        /* buckets with data */
	double hours;         /* points x bucket / 3600 */
	double bucket_s;      /* bucket actually used (the step when coarser) */
	double cpu_max, cpu_pct, cpu_need; /* percent of the current type */
	size_t mem_points;
	double mem_max, mem_pct, mem_need; /* NAN without memory data */
	int risk;             /* of staying on the current type */
	money_t rate;         /* current hourly at the user's rates; -1 unknown */
	int rate_billed;
	double rate_ratio;    /* effective / list applied to the list price; 1: none */
	money_t monthly_cost; /* rate x hours_per_month; -1 unknown */
	money_t best_savings; /* of the first candidate (idle: whole cost) */
	struct rec_candidate cand[REC_MAX_CANDIDATES];
	int ncand;
};

/*
 * Recommend for one resource. rates may be NULL (list prices). Fills out
 * (caller frees with rec_result_fini()); returns 0, or -1 with d when the
 * input is unusable (no CPU series, a series that is not on a grid).
 */
int rec_run(const struct rec_params *p, const struct catalog *c,
	    const struct rec_rates *rates, const struct rec_input *in,
	    struct rec_result *out, struct diag *d);
void rec_result_fini(struct rec_result *r);

/* The summary of `rightsize recommend`: resources, monthly cost (where
 * known) and savings per finding, and their totals. Zero it to start. */
struct rec_tally {
	long n[REC_FINDING_N];
	money_t cost[REC_FINDING_N], savings[REC_FINDING_N];
	long total;
	money_t total_cost, total_savings;
};

/* Count r in t. Returns 0, or -1 (t unchanged) when a sum overflows. */
int rec_tally_add(struct rec_tally *t, const struct rec_result *r);

/* Percentile p (0..100) of v[0..n) by linear interpolation between order
 * statistics (Hyndman-Fan type 7); sorts v in place. NAN when n == 0. */
double rec_percentile(double *v, size_t n, double p);

/* A series named ID:mem, ID:memory, ID/mem or ID/memory is resource ID's
 * memory utilization: the length of ID, or 0 when name has no such
 * suffix. */
size_t rec_memory_suffix(const char *name);
/* The memory series of resource res in set, or NULL. */
const struct series *rec_memory_of(const struct series_set *set, const char *res);

/* Is name a memory series: "ID:mem" and the like, or a CloudWatch Id
 * starting "mem" ("mem_i_0abc")? */
int rec_is_memory_series(const char *name);
/* The billed resource (in rates) a metrics series measures: its name, or,
 * since CloudWatch Ids allow no '-', the resource whose id with '-'
 * written '_' ends the name after a '_' ("cpu_i_0abc" for i-0abc). NULL:
 * none. The report and the TUI judge only such series. */
const char *rec_resource_of(const struct rec_rates *rates, const char *name);

/* The reasoning for r as a few lines of text (for --explain). */
void rec_explain(const struct rec_result *r, const struct rec_params *p,
		 char *buf, size_t n);

#endif
