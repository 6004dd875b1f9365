/*
 * policy.c - autoscaling policies (fixed, AWS target tracking, Kubernetes
 * HPA, step, scheduled, predictive), evaluated once per simulation step.
 *
 * Layer: engine. See policy.h for the rules and their sources; the
 * defaults below are the services' published defaults.
 */
#include "config.h"

#include "sim/policy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/policy_int.h"
#include "base/util.h"

static const char *const kind_names[POL_N] = {
	"fixed", "target_tracking", "hpa", "step", "scheduled", "predictive",
};

const char *
policy_kind_name(enum policy_kind k)
{
	return (unsigned)k < POL_N ? kind_names[k] : "?";
}

int
policy_kind_parse(const char *s)
{
	int i;

	for (i = 0; i < POL_N; i++) {
		if (strcmp(s, kind_names[i]) == 0)
			return i;
	}
	return -1;
}

void
policy_init(struct policy *p, enum policy_kind kind)
{
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->target = 50.0;          /* AWS predictive/TT console default: 50 % CPU */
	p->out_periods = 3;        /* AWS TT AlarmHigh: 3 of 3 datapoints, 1 min */
	p->in_periods = 15;        /* AWS TT AlarmLow: 15 of 15 datapoints, 1 min */
	p->in_threshold = 0.9;     /* ours: low alarm 10 % under the target (AWS does not publish it) */
	p->in_percent = 10.0;      /* "scales in gradually": our reading, 10 %/action */
	p->in_cooldown = 300;      /* EC2 Auto Scaling default cooldown, 300 s */
	p->out_cooldown = 300;
	p->tolerance = 0.1;        /* kube-controller-manager --horizontal-pod-autoscaler-tolerance */
	p->stabilization = 300;    /* HPA behavior.scaleDown.stabilizationWindowSeconds */
	p->period = 15;            /* HPA --horizontal-pod-autoscaler-sync-period */
	p->up_percent = 100.0;     /* HPA default scaleUp policy: 100 % per 15 s */
	p->up_pods = 4;            /* ... or 4 pods per 15 s, whichever is more */
	p->lead = -1;              /* predictive SchedulingBufferTime: boot time */
	if (kind == POL_STEP)
		p->out_periods = 1;
}

void
policy_fini(struct policy *p)
{
	if (p == NULL)
		return;
	free(p->steps);
	free(p->windows);
	p->steps = NULL;
	p->windows = NULL;
	p->nsteps = p->nwindows = 0;
}

void
policy_copy(struct policy *dst, const struct policy *src)
{
	*dst = *src;
	dst->steps = NULL;
	dst->windows = NULL;
	if (src->nsteps > 0) {
		dst->steps = xmalloc(src->nsteps * sizeof(*dst->steps));
		memcpy(dst->steps, src->steps, src->nsteps * sizeof(*dst->steps));
	}
	if (src->nwindows > 0) {
		dst->windows = xmalloc(src->nwindows * sizeof(*dst->windows));
		memcpy(dst->windows, src->windows,
		       src->nwindows * sizeof(*dst->windows));
	}
}

void
policy_state_init(struct policy_state *s)
{
	memset(s, 0, sizeof(*s));
	s->last_in = s->last_out = INT64_MIN / 2;
	s->next_eval = INT64_MIN;
	s->last = -1;
}

/*
 * Kubernetes HPA, evaluated every sync period. usage is the fleet's
 * total in percent-pods (load / per-pod capacity * 100). With only ready
 * pods counted, ratio = usage / (ready * target); within the tolerance
 * nothing changes. Scaling up with pods still starting, Kubernetes counts
 * the unready pods as using 0 %, which lowers the ratio (and cancels the
 * scale-up when it drops to 1 or below). desired = ceil(usage / target).
 * Scale-down takes the highest recommendation of the stabilization
 * window; scale-up is limited to max(current * (1 + up_percent/100),
 * current + up_pods) per 15 s period.
 */
static long
hpa_desired(const struct policy *p, struct policy_state *s,
	    const struct policy_obs *o)
{
	double usage, ratio;
	long rec, cur = o->desired, best, lim;
	int k, periods;

	if (o->t < s->next_eval)
		return s->last >= 0 ? s->last : cur;
	s->next_eval = o->t + (p->period > o->step ? p->period : o->step);
	if (o->ready <= 0) {
		s->last = cur;
		return cur;
	}
	usage = o->util * (double)o->ready;
	ratio = usage / ((double)o->ready * p->target);
	if (fabs(ratio - 1.0) <= p->tolerance) {
		rec = cur;
	} else if (ratio > 1.0 && o->booting > 0) {
		double r2 = usage / ((double)(o->ready + o->booting) * p->target);

		rec = r2 <= 1.0 + p->tolerance ? cur : cap_ceil(usage / p->target);
	} else {
		rec = cap_ceil(usage / p->target);
	}
	/* remember the recommendation for the stabilization window */
	s->rec[s->rec_head] = rec;
	s->rec_t[s->rec_head] = o->t;
	s->rec_head = (s->rec_head + 1) % POLICY_HIST;
	if (s->nrec < POLICY_HIST)
		s->nrec++;
	if (rec < cur) {
		best = rec;
		for (k = 0; k < s->nrec; k++) {
			if (o->t - s->rec_t[k] < p->stabilization && s->rec[k] > best)
				best = s->rec[k];
		}
		rec = best < cur ? best : cur;
	} else if (rec > cur) {
		periods = (int)((o->step > p->period ? o->step : p->period) / 15);
		if (periods < 1)
			periods = 1;
		lim = cur < 1 ? 1 : cur;
		for (k = 0; k < periods; k++) {
			long a = cap_ceil((double)lim * (1.0 + p->up_percent / 100.0));
			long b = lim + p->up_pods;

			lim = a > b ? a : b;
		}
		if (rec > lim)
			rec = lim;
	}
	s->last = rec;
	return rec;
}

/* Step scaling: the step containing the metric gives the adjustment; it
 * must hold out_periods datapoints (the alarm) and respect the cooldown
 * of its direction. */
static long
step_desired(const struct policy *p, struct policy_state *s,
	     const struct policy_obs *o)
{
	const struct policy_step *hit = NULL;
	size_t k;
	long change;

	for (k = 0; k < p->nsteps; k++) {
		if (o->util >= p->steps[k].lower && o->util < p->steps[k].upper) {
			hit = &p->steps[k];
			break;
		}
	}
	if (hit == NULL || fabs(hit->change) < 1e-12) {
		s->hi = s->lo = 0;
		return o->desired;
	}
	if (hit->change > 0) {
		s->hi++;
		s->lo = 0;
	} else {
		s->lo++;
		s->hi = 0;
	}
	if (hit->percent)
		change = (long)trunc((double)o->desired * hit->change / 100.0);
	else
		change = (long)hit->change;
	if (change == 0)
		change = hit->change > 0 ? 1 : -1;
	if (change > 0 && s->hi >= p->out_periods &&
	    o->t - s->last_out >= p->out_cooldown) {
		s->hi = 0;
		s->last_out = o->t;
		return o->desired + change;
	}
	if (change < 0 && s->lo >= p->out_periods &&
	    o->t - s->last_in >= p->in_cooldown) {
		s->lo = 0;
		s->last_in = o->t;
		return o->desired + change > 0 ? o->desired + change : 0;
	}
	return o->desired;
}

static int
window_active(const struct policy_window *w, int64_t t)
{
	if (w->daily) {
		int m = (int)(((t % 86400) + 86400) % 86400 / 60);

		if (w->from_min <= w->to_min)
			return m >= w->from_min && m < w->to_min;
		return m >= w->from_min || m < w->to_min;
	}
	return t >= w->start && t < w->end;
}

static long
scheduled_desired(const struct policy *p, const struct policy_obs *o,
		  long *min, long *max)
{
	size_t k;
	long want = -1;

	for (k = 0; k < p->nwindows; k++) {
		const struct policy_window *w = &p->windows[k];

		if (!window_active(w, o->t))
			continue;
		if (w->min >= 0 && w->min > *min)
			*min = w->min;
		if (w->max >= 0 && w->max < *max)
			*max = w->max;
		if (w->min > want)
			want = w->min;
	}
	return want;
}

/* Mean load over steps [a, b) from the cumulative sums; -1 if outside. */
static double
mean_load(const struct policy_obs *o, long a, long b)
{
	if (a < 0 || b <= a || (size_t)b > o->i)
		return -1.0;
	return (o->cum[b] - o->cum[a]) / (double)(b - a);
}

/*
 * Predictive: the hour that contains now + lead is forecast as the mean
 * load of the same hour one and two weeks earlier (whichever are in the
 * past), or of the same hour the day before while less than a week of
 * history exists; capacity = forecast / (capacity * target). Returns -1
 * (no opinion) before 24 h of history, as AWS needs a day of data.
 */
static long
predictive_desired(const struct policy *p, const struct policy_obs *o)
{
	int64_t lead = p->lead >= 0 ? p->lead : o->boot;
	long per_hour = (long)(3600 / o->step), per_day = 24 * per_hour;
	long j, h0, k;
	double sum = 0.0, m;
	int got = 0;

	if (per_hour < 1 || (long)o->i < per_day)
		return -1;
	j = (long)o->i + (long)((lead + o->step - 1) / o->step);
	h0 = j - (long)(((o->t - (int64_t)o->i * o->step +
			   (int64_t)j * o->step) % 3600) / o->step);
	for (k = 1; k <= 2; k++) {
		m = mean_load(o, h0 - k * 7 * per_day, h0 - k * 7 * per_day + per_hour);
		if (m >= 0.0) {
			sum += m;
			got++;
		}
	}
	if (got == 0) {
		m = mean_load(o, h0 - per_day, h0 - per_day + per_hour);
		if (m < 0.0)
			return -1;
		sum = m;
		got = 1;
	}
	return cap_ceil(sum / got / (o->capacity * p->target / 100.0));
}

long
policy_desired(const struct policy *p, struct policy_state *s,
	       const struct policy_obs *o, long *min, long *max)
{
	switch (p->kind) {
	case POL_FIXED:
		return p->instances;
	case POL_TARGET:
		return policy_target_desired(p, s, o);
	case POL_HPA:
		return hpa_desired(p, s, o);
	case POL_STEP:
		return step_desired(p, s, o);
	case POL_SCHEDULED:
		return scheduled_desired(p, o, min, max);
	case POL_PREDICTIVE:
		return predictive_desired(p, o);
	case POL_N:
		break;
	}
	return -1;
}
