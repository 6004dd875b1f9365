/*
 * policy.h - autoscaling policies: given what a fleet looks like now,
 * how many instances should it have?
 *
 * Layer: engine. The simulator (sim.c) owns the clock and the fleet; a
 * policy only reads an observation and returns a desired capacity. The
 * semantics follow the published rules of the services users know:
 *
 *   fixed           a constant fleet (the "before" of most migrations).
 *   target_tracking AWS EC2 Auto Scaling target tracking: a metric kept
 *                   near a target; instances still booting do not count
 *                   in the metric; scale out proportionally and fast when
 *                   the high alarm fires (3 of 3 one-minute datapoints
 *                   above the target), scale in gradually when the low
 *                   alarm fires (15 of 15 datapoints below the target).
 *                   Source: AWS, "Target tracking scaling policies for
 *                   Amazon EC2 Auto Scaling" and the CloudWatch alarms it
 *                   creates. Ours, not AWS's: the low alarm sits at 90 %
 *                   of the target and a scale-in removes at most 10 % of
 *                   the capacity (AWS publishes neither; both settable).
 *   hpa             Kubernetes HorizontalPodAutoscaler v2:
 *                   desired = ceil(current * metric / target), no change
 *                   within a tolerance of 0.1, the highest recommendation
 *                   of the last 300 s wins on scale-down, scale-up limited
 *                   to max(+100 %, +4 pods) per 15 s. Source: kubernetes.io,
 *                   "Horizontal Pod Autoscaling", algorithm details and
 *                   the default `behavior`.
 *   step            AWS step scaling: an alarm on the metric; the step
 *                   whose bounds contain the metric adds or removes a
 *                   number (or percentage) of instances.
 *   scheduled       AWS scheduled actions: during a window the minimum
 *                   (and optionally maximum) capacity is set.
 *   predictive      AWS predictive scaling: a forecast of the load from
 *                   history (the same hour one and two weeks earlier, or
 *                   the day before while less than a week is known; at
 *                   least 24 h of history, 48 h horizon), capacity
 *                   launched ahead by the boot time, scale out only.
 *
 * Several policies on one fleet combine as EC2 Auto Scaling does: each
 * proposes a capacity and the largest wins.
 *
 * Ownership: struct policy is a plain value record (steps and windows
 * owned, freed by policy_fini()); run-time state lives in struct
 * policy_state, one per simulation run, so runs can share policies.
 */
#ifndef RS_POLICY_H
#define RS_POLICY_H

#include <stddef.h>
#include <stdint.h>

enum policy_kind {
	POL_FIXED,
	POL_TARGET,
	POL_HPA,
	POL_STEP,
	POL_SCHEDULED,
	POL_PREDICTIVE,
	POL_N,
};

struct policy_step {
	double lower;  /* metric >= lower (percent; -INFINITY open) */
	double upper;  /* metric < upper (INFINITY open) */
	double change; /* instances, or percent of capacity when percent */
	int percent;
};

struct policy_window {
	int64_t start, end; /* absolute [start, end) epoch seconds; or */
	int daily;          /* every day from..to minutes past midnight UTC */
	int from_min, to_min;
	long min;           /* capacity floor in the window (-1: unchanged) */
	long max;           /* capacity ceiling in the window (-1: unchanged) */
};

struct policy {
	enum policy_kind kind;
	long instances;        /* fixed */
	double target;         /* percent utilization: target, hpa, predictive */
	int out_periods;       /* target/step: datapoints above before acting */
	int in_periods;        /* target: datapoints below before scaling in */
	double in_threshold;   /* target: low alarm at this fraction of target */
	double in_percent;     /* target: at most this % of capacity per scale-in */
	int64_t in_cooldown;   /* target/step: seconds between scale-ins */
	int64_t out_cooldown;  /* step: seconds between scale-outs */
	double tolerance;      /* hpa */
	int64_t stabilization; /* hpa: scale-down window, seconds */
	int64_t period;        /* hpa: sync period, seconds */
	double up_percent;     /* hpa: scale-up limit per period, percent */
	long up_pods;          /* hpa: scale-up limit per period, pods */
	int64_t lead;          /* predictive: launch this early (-1: boot time) */
	struct policy_step *steps;
	size_t nsteps;
	struct policy_window *windows;
	size_t nwindows;
};

/* A policy of the given kind with every parameter at its documented
 * default (see the header comment and rightsize-scenario(5)). */
void policy_init(struct policy *p, enum policy_kind kind);
void policy_fini(struct policy *p);
/* Deep copy (steps and windows duplicated). */
void policy_copy(struct policy *dst, const struct policy *src);
/* "fixed", "target_tracking", ... and back (-1 when unknown). */
const char *policy_kind_name(enum policy_kind k);
int policy_kind_parse(const char *s);

/* What a policy sees at one evaluation. */
struct policy_obs {
	int64_t t;           /* epoch seconds of this step */
	int64_t step;        /* seconds per step */
	size_t i;            /* index of this step in the load */
	long ready;          /* instances in service */
	long booting;        /* launched, not yet in service */
	long desired;        /* the fleet's current desired capacity */
	double util;         /* percent, over ready instances, capped at 100 */
	double load;         /* offered requests per second now */
	double capacity;     /* requests per second one instance serves at 100 % */
	int64_t boot;        /* seconds from launch to in service */
	const double *cum;   /* cum[k] = sum of load[0..k), k <= n (borrowed) */
	size_t n;            /* steps in the load */
};

#define POLICY_HIST 64

struct policy_state {
	int hi, lo;                 /* consecutive datapoints above / below */
	int64_t last_in, last_out;  /* time of the last scale-in / out */
	long rec[POLICY_HIST];      /* hpa: recommendations in the window */
	int64_t rec_t[POLICY_HIST];
	int nrec, rec_head;
	int64_t next_eval;          /* hpa: next sync */
	long last;                  /* hpa: last decision */
};

void policy_state_init(struct policy_state *s);

/* The capacity p proposes now, or -1 when it has no opinion (a scheduled
 * policy outside its windows, predictive without 24 h of history). May
 * also tighten *min and *max (scheduled windows). */
long policy_desired(const struct policy *p, struct policy_state *s,
		    const struct policy_obs *o, long *min, long *max);

#endif
