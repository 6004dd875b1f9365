/*
 * loadfit.h - the load model: level x growth x daily and weekly cycles x
 * declared events, fitted robustly to a load series, with forecasts and
 * prediction intervals.
 *
 * Layer: engine, model. GSL types stay inside loadfit.c.
 *
 * The model, for load y at time t (any unit: requests/s, orders/h, CPU %):
 *
 *   log(y + c) = b0 + trend(t)
 *              + sum_k=1..Kd [a_k cos(2 pi k d(t)) + b_k sin(2 pi k d(t))]
 *              + sum_k=1..Kw [e_k cos(2 pi k w(t)) + f_k sin(2 pi k w(t))]
 *              + sum_e u_e [t falls on a day of event e] + noise
 *
 * with d(t) the fraction of the UTC day and w(t) the fraction of the week
 * since Monday 00:00 UTC. Fitting log-load makes every term a factor:
 * load = level x growth x daily x weekly x (1 + uplift). c is a small
 * floor (LOADFIT_LOG_FLOOR x mean load) so that empty periods (zero
 * requests) stay finite; it shifts log-load at the mean level by under
 * 1%. Trend: exponential (b1 t: a constant percentage per month), linear
 * (log(1 + g t): a constant amount per month, g found by a profile search)
 * or none. Events with the same name share one uplift (Black Friday on two
 * dates is one effect).
 *
 * Robust: iteratively reweighted least squares (Huber, then Tukey's
 * bisquare, scale from the median absolute residual), the algorithm of
 * gsl_multifit_robust, on normal equations accumulated in one pass per
 * iteration. Rows are grouped by their position in the week, so a pass
 * costs O(n) plus O(positions x p^2): a year of one-minute data (525,600
 * points, 20 regressors) fits in milliseconds. The numbers of harmonics
 * Kd and Kw are chosen by BIC (or AIC) among all pairs up to the maximums,
 * from the same normal equations.
 *
 * Accuracy: the last part of the series (LOADFIT_HOLDOUT_DAYS, at most a
 * quarter of it) is held out, the model refitted without it and scored
 * by MAPE against the seasonal-naive forecast (same time a week before),
 * with the share of held-out points inside the 80% and 95% intervals.
 * Then the model is fitted on the whole series.
 *
 * Intervals: the point forecast is the median load exp(z) - c. Bounds add
 * quantiles of the in-sample log residuals (points the robust fit
 * rejected as outliers, such as outages, left out), widened by
 * sqrt(1 + h) for the uncertainty of the coefficients (h the leverage
 * of the forecast time).
 */
#ifndef RS_LOADFIT_H
#define RS_LOADFIT_H

#include <stddef.h>
#include <stdint.h>

#include "data/series.h"
#include "base/util.h"

/* c = 1% of the mean load: keeps empty periods finite while moving
 * log-load at the mean level by log(1.01) < 1%. */
#define LOADFIT_LOG_FLOOR 0.01
/* Held-out tail: one week (one full weekly cycle; seasonal naive needs
 * the week before it), at most a quarter of the series. */
#define LOADFIT_HOLDOUT_DAYS 7
/* Candidate harmonics: daily up to 6 (a 4-hour period, enough for
 * morning and evening peaks), weekly up to 3 (weekly k = 7 is daily 1). */
#define LOADFIT_MAX_DAILY 6
#define LOADFIT_MAX_WEEKLY 6
#define LOADFIT_MAX_EVENTS 32
/* Most forecast rows a command prints (a year at one minute). */
#define LOADFIT_MAX_FORECAST 525600
/* Seconds in a planner's month: 365.2425 / 12 days. */
#define LOADFIT_MONTH 2629746.0

enum loadfit_trend { LOADFIT_TREND_EXP, LOADFIT_TREND_LINEAR, LOADFIT_TREND_NONE };
enum loadfit_criterion { LOADFIT_BIC, LOADFIT_AIC };

/* A declared event: a UTC day and a name. */
struct loadfit_event {
	int64_t day;   /* epoch seconds of the day's 00:00 UTC */
	char name[64];
};

struct loadfit_opts {
	enum loadfit_trend trend;        /* default LOADFIT_TREND_EXP */
	enum loadfit_criterion criterion; /* default LOADFIT_BIC */
	int max_daily, max_weekly;       /* candidate maximums */
	int64_t holdout;                 /* seconds held out; 0 auto; -1 none */
	int64_t halflife;                /* recency weighting; 0 = none */
	const struct loadfit_event *events; /* borrowed */
	size_t nevents;
};

void loadfit_opts_init(struct loadfit_opts *o);

/* "2026-11-27:Black Friday" (or "2026-11-27,Black Friday") into e; -1
 * when the date or the name is missing. */
int loadfit_parse_event(const char *spec, struct loadfit_event *e);
/* Several events separated by semicolons, appended to *ev (xrealloc'ed);
 * -1 when one is malformed (those before it are kept). */
int loadfit_parse_events(const char *list, struct loadfit_event **ev, size_t *n);
/* Read events from a file, one "DATE:NAME" or "DATE,NAME" a line (blank
 * lines and # comments skipped), appending to *ev (xrealloc'ed). -1 with
 * d naming the line. */
int loadfit_load_events(const char *path, struct loadfit_event **ev, size_t *n,
			struct diag *d);

struct loadfit;

/* Fit s. Returns 0 with *out (caller frees with loadfit_free()), or -1
 * with d (too few points, a singular system). */
int loadfit_fit(const struct series *s, const struct loadfit_opts *o,
		struct loadfit **out, struct diag *d);
void loadfit_free(struct loadfit *m);

struct loadfit_event_effect {
	char name[64];
	double uplift, lo, hi; /* fraction: 0.8 = +80%; 95% interval */
	long points;           /* fitted points on its days; 0 = not estimated */
};

/* What a planner reads. Fractions, not percent. */
struct loadfit_summary {
	size_t points;          /* fitted (non-gap) points */
	size_t outliers;        /* rejected by the robust fit (weight 0) */
	size_t negative;        /* points below zero: not a load, not fitted */
	int daily_k, weekly_k;  /* harmonics chosen */
	int params;
	enum loadfit_trend trend;
	double growth_month;    /* per month: exp trend, or linear amount/level */
	double growth_lo, growth_hi; /* 95% interval */
	double level_end;       /* fitted mean load over the last week of history */
	int peak_hour;          /* hour of day (UTC) of the highest mean load;
				   -1 without a daily cycle */
	int peak_weekday;       /* 0 = Monday; -1 without a weekly cycle */
	int trough_hour;        /* -1 without a daily cycle */
	double peak_to_mean;    /* highest point of the weekly cycle / its mean */
	double r2;              /* in-sample, on load (not log) */
	double r2_log;          /* in-sample, on log-load */
	double scale;           /* robust residual scale (log) */
	double log_floor;       /* c */
	/* held-out tail */
	size_t holdout_points;
	double mape, mape_naive; /* NAN when not computed */
	double cover80, cover95;
	size_t nevents;
	struct loadfit_event_effect events[LOADFIT_MAX_EVENTS];
};

void loadfit_summary(const struct loadfit *m, struct loadfit_summary *s);

/* Harmonic k (1-based) of the daily (period 86400) or weekly (604800)
 * cycle: amplitude in log-load and the time of its peak in seconds after
 * midnight / Monday 00:00 UTC. -1 when the model has no such term. */
int loadfit_harmonic(const struct loadfit *m, int64_t period, int k, double *amp,
		     double *peak);
/* Trend coefficient: log-growth per month (exp) or g per month (linear). */
double loadfit_trend_coef(const struct loadfit *m);

struct loadfit_point {
	int64_t t;
	double mean;            /* median forecast */
	double lo80, hi80, lo95, hi95;
};

/* Forecast (or fitted value) at t. */
void loadfit_predict(const struct loadfit *m, int64_t t, struct loadfit_point *p);

#endif
