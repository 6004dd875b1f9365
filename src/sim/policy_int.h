/*
 * policy_int.h - the target tracking step, shared by policy.c and the
 * simulator's inner loop (sim.c), which calls it directly: it runs once a
 * minute per fleet, millions of times per sweep, and a call through
 * policy_desired() costs a third of the loop.
 *
 * Layer: engine, private to policy.c and sim.c.
 */
#ifndef RS_POLICY_INT_H
#define RS_POLICY_INT_H

#include <math.h>

#include "sim/policy.h"

/* ceil(x) as a capacity, never negative; tiny excess from rounding
 * (x = 3.0000000001) does not add an instance. */
static inline long
cap_ceil(double x)
{
	if (!(x > 0.0))
		return 0;
	if (x > 1e9)
		return 1000000000L;
	return (long)ceil(x - 1e-9);
}

/*
 * Target tracking. The metric is utilization over instances in service
 * (booting ones are excluded, as AWS excludes instances in warm-up). The
 * high alarm needs out_periods consecutive one-minute datapoints above
 * the target; then capacity becomes ready * metric / target (instances
 * already booting are part of the current capacity, so they are not
 * launched twice). Utilization cannot exceed 100 %, so one action grows
 * the fleet by at most 100 / target: a big step in load takes several
 * rounds, as it does on AWS. The low alarm needs in_periods datapoints
 * below in_threshold * target; scale-in then removes at most in_percent
 * of the capacity (at least one instance) and waits in_cooldown.
 */
static inline long
policy_target_desired(const struct policy *p, struct policy_state *s,
	       const struct policy_obs *o)
{
	long want;

	int above, below;

	if (o->ready <= 0)
		return o->desired;
	/* consecutive datapoints above / below, written without branches:
	 * with a noisy load the comparisons are unpredictable */
	above = o->util > p->target;
	below = o->util < p->target * p->in_threshold;
	s->hi = (s->hi + 1) * above;
	s->lo = (s->lo + 1) * below;
	if (s->hi >= p->out_periods) {
		want = cap_ceil((double)o->ready * o->util / p->target);
		if (want > o->desired) {
			s->hi = 0;
			s->last_out = o->t;
			return want;
		}
		return o->desired;
	}
	if (s->lo >= p->in_periods && o->booting == 0 &&
	    o->t - s->last_in >= p->in_cooldown) {
		long floor_n, step;

		want = cap_ceil((double)o->ready * o->util / p->target);
		step = (long)floor((double)o->desired * p->in_percent / 100.0);
		if (step < 1)
			step = 1;
		floor_n = o->desired - step;
		if (want < floor_n)
			want = floor_n;
		if (want < o->desired) {
			s->lo = 0;
			s->last_in = o->t;
			return want;
		}
	}
	return o->desired;
}

#endif
