/*
 * cmd_fit.c - `rightsize fit`: fit the load model to metrics or orders
 * and report it in a planner's words (growth per month, peak hour and
 * day, peak-to-mean, event uplift, R^2, held-out MAPE against seasonal
 * naive), with a forecast and its 80% and 95% intervals.
 * Layer: front end.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "model/loadfit.h"
#include "ingest/metrics.h"
#include "data/series.h"
#include "out/table.h"
#include "base/utc.h"

static const char usage[] =
	"usage: rightsize fit [options] FILE...\n"
	"\n"
	"Fit load = level x growth x daily and weekly cycles x events to a metrics or\n"
	"orders series (robust, on log-load; harmonics chosen by BIC), score it on a\n"
	"held-out last week against the seasonal-naive forecast (same hour last\n"
	"week), and forecast with 80% and 95% intervals.\n"
	"\n"
	"Input (read as `rightsize metrics` reads it):\n"
	"      --series NAME        fit only this series (default: every series)\n"
	"      --orders             the files hold hourly order counts\n"
	"      --orders-time-column COL  the files are order exports (one row per order)\n"
	"      --start TIME, --step DURATION, --dedup last|mean, --statistic KEY\n"
	"                           as for `rightsize metrics`\n"
	"      --resample DURATION  fit on a coarser grid (1h): mean of each bucket, or\n"
	"      --sum                the sum (counts: requests per second -> per hour)\n"
	"Model:\n"
	"      --events LIST        declared events, DATE:NAME[;DATE:NAME...]\n"
	"                           (2026-11-27:Black Friday); repeatable\n"
	"      --events-file FILE   one DATE:NAME a line\n"
	"      --trend T            exp (default: % per month), linear (amount per\n"
	"                           month) or none\n"
	"      --criterion C        bic (default) or aic, to choose the harmonics\n"
	"      --holdout DURATION   held-out tail (default 7d, at most a quarter);\n"
	"                           0 for none\n"
	"Output:\n"
	"      --forecast DURATION  forecast this far past the last point (4w)\n"
	"      --forecast-step DURATION  forecast spacing (default: the series step)\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Examples:\n"
	"  rightsize fit --orders --forecast 4w orders-hourly.csv\n"
	"  rightsize fit --events '2025-11-28:Black Friday' --forecast 8w requests.json\n"
	"  rightsize fit --start 2011-03-03 --step 5m --format json cpu.txt\n";

static const char *const weekday_name[] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

static const char *
trend_name(enum loadfit_trend t)
{
	return t == LOADFIT_TREND_EXP ? "exp" : t == LOADFIT_TREND_LINEAR ? "linear" : "none";
}

/* "%+.1f%%" of a fraction, or "" when not known. */
static void
pct(char *buf, size_t n, double f)
{
	if (isnan(f))
		buf[0] = '\0';
	else
		snprintf(buf, n, "%+.1f%%", 100 * f);
}

/* A number with digits significant digits, or "" (JSON null) when not
 * known. */
static void
setnum(struct table *t, int col, int digits, double v)
{
	if (!isnan(v) && isfinite(v))
		table_setf(t, col, "%.*g", digits, v);
}

static void
kv(struct table *t, const char *series, const char *what, const char *value,
   const char *meaning)
{
	table_add_row(t);
	table_set(t, 0, series);
	table_set(t, 1, what);
	table_set(t, 2, value);
	table_set(t, 3, meaning);
}

/* Text form: the figures one a line, in words. */
static void
describe(struct table *t, const struct series *s, const struct loadfit_summary *m)
{
	char v[160], a[32], b[32], c[32];

	snprintf(v, sizeof(v), "%zu x %llds, %s to %s", m->points, (long long)s->step,
		 utc_format(s->start, a, sizeof(a)),
		 utc_format(series_time(s, s->n - 1), b, sizeof(b)));
	kv(t, s->name, "fitted points", v, "");
	pct(a, sizeof(a), m->growth_month);
	pct(b, sizeof(b), m->growth_lo);
	pct(c, sizeof(c), m->growth_hi);
	if (b[0] != '\0')
		snprintf(v, sizeof(v), "%s (95%%: %s to %s)", a, b, c);
	else
		snprintf(v, sizeof(v), "%s", a);
	kv(t, s->name, "growth per month", v,
	   m->trend == LOADFIT_TREND_LINEAR ? "linear: of the mid-history level"
					    : m->trend == LOADFIT_TREND_EXP ? "compounding"
									    : "no trend fitted");
	snprintf(v, sizeof(v), "%.4g %s", m->level_end, s->unit);
	kv(t, s->name, "level", v, "mean fitted load over the last week");
	if (m->peak_hour >= 0) {
		snprintf(v, sizeof(v), "%02d:00 UTC", m->peak_hour);
		kv(t, s->name, "peak hour", v, "hour of day with the highest mean load");
		snprintf(v, sizeof(v), "%02d:00 UTC", m->trough_hour);
		kv(t, s->name, "quietest hour", v, "");
	} else {
		kv(t, s->name, "peak hour", "none", "no daily cycle fitted (too short, or none)");
	}
	kv(t, s->name, "peak day", m->peak_weekday >= 0 ? weekday_name[m->peak_weekday] : "none",
	   m->peak_weekday >= 0 ? "" : "no weekly cycle fitted (under two weeks, or none)");
	snprintf(v, sizeof(v), "%.2f", m->peak_to_mean);
	kv(t, s->name, "peak-to-mean", v, "highest point of the weekly cycle / its mean");
	for (size_t k = 0; k < m->nevents; k++) {
		const struct loadfit_event_effect *e = &m->events[k];
		char what[96];

		snprintf(what, sizeof(what), "event: %s", e->name);
		if (isnan(e->uplift)) {
			kv(t, s->name, what, "not estimated", "no fitted points on its days");
			continue;
		}
		pct(a, sizeof(a), e->uplift);
		pct(b, sizeof(b), e->lo);
		pct(c, sizeof(c), e->hi);
		snprintf(v, sizeof(v), "%s (95%%: %s to %s)", a, b, c);
		kv(t, s->name, what, v, "uplift on its days");
	}
	snprintf(v, sizeof(v), "%.3f", m->r2);
	kv(t, s->name, "R^2", v, "in-sample, on load");
	if (!isnan(m->mape)) {
		snprintf(v, sizeof(v), "%.1f%%", 100 * m->mape);
		kv(t, s->name, "held-out MAPE", v, "");
		if (!isnan(m->mape_naive)) {
			snprintf(v, sizeof(v), "%.1f%%", 100 * m->mape_naive);
			kv(t, s->name, "seasonal-naive MAPE", v,
			   m->mape < m->mape_naive ? "same hour last week: the model is better"
						   : "same hour last week: the model is NOT better");
		}
		snprintf(v, sizeof(v), "%.0f%% / %.0f%%", 100 * m->cover80, 100 * m->cover95);
		kv(t, s->name, "held-out in 80% / 95% intervals", v, "");
	} else {
		kv(t, s->name, "held-out MAPE", "not computed", "series too short");
	}
	snprintf(v, sizeof(v), "%d daily + %d weekly, %d parameters", m->daily_k, m->weekly_k,
		 m->params);
	kv(t, s->name, "harmonics", v, "chosen by the information criterion");
	snprintf(v, sizeof(v), "%zu", m->outliers);
	kv(t, s->name, "outliers", v, "points the robust fit set aside (outages, spikes)");
	if (m->negative > 0) {
		snprintf(v, sizeof(v), "%zu", m->negative);
		kv(t, s->name, "below zero", v, "points that are not a load: not fitted");
	}
}

/* JSON/CSV form: one row per series, one column per figure. */
static void
model_row(struct table *t, const struct series *s, const struct loadfit_summary *m)
{
	int c = 0;

	table_add_row(t);
	table_set(t, c++, s->name);
	table_setf(t, c++, "%zu", m->points);
	table_setf(t, c++, "%lld", (long long)s->step);
	table_set(t, c++, trend_name(m->trend));
	setnum(t, c++, 6, m->growth_month);
	setnum(t, c++, 6, m->growth_lo);
	setnum(t, c++, 6, m->growth_hi);
	setnum(t, c++, 6, m->level_end);
	if (m->peak_hour >= 0) {
		table_setf(t, c++, "%d", m->peak_hour);
		table_setf(t, c++, "%d", m->trough_hour);
	} else {
		c += 2;
	}
	table_set(t, c++, m->peak_weekday >= 0 ? weekday_name[m->peak_weekday] : "");
	setnum(t, c++, 4, m->peak_to_mean);
	setnum(t, c++, 4, m->r2);
	table_setf(t, c++, "%zu", m->holdout_points);
	setnum(t, c++, 4, m->mape);
	setnum(t, c++, 4, m->mape_naive);
	setnum(t, c++, 4, m->cover80);
	setnum(t, c++, 4, m->cover95);
	table_setf(t, c++, "%d", m->daily_k);
	table_setf(t, c++, "%d", m->weekly_k);
	table_setf(t, c++, "%zu", m->outliers);
	table_setf(t, c++, "%zu", m->negative);
}

static const char *const model_cols[] = {
	"series", "points", "step_s", "trend", "growth_month", "growth_lo", "growth_hi",
	"level", "peak_hour_utc", "quietest_hour_utc", "peak_day", "peak_to_mean", "r2",
	"holdout_points", "mape", "mape_seasonal_naive", "holdout_in_80", "holdout_in_95",
	"daily_harmonics", "weekly_harmonics", "outliers", "below_zero",
};

static int
run(int argc, char **argv)
{
	enum {
		O_SERIES = 256, O_ORDERS, O_OCOL, O_RESAMPLE,
		O_SUM, O_EVENTS, O_EVFILE, O_TREND, O_CRIT, O_HOLDOUT, O_FORECAST, O_FSTEP,
		O_FORMAT, O_HALFLIFE,
	};
	static const struct option longopts[] = {
		{ "series", required_argument, NULL, O_SERIES },
		{ "orders", no_argument, NULL, O_ORDERS },
		{ "orders-time-column", required_argument, NULL, O_OCOL },
		CLI_METRICS_LONGOPTS,
		{ "resample", required_argument, NULL, O_RESAMPLE },
		{ "sum", no_argument, NULL, O_SUM },
		{ "events", required_argument, NULL, O_EVENTS },
		{ "events-file", required_argument, NULL, O_EVFILE },
		{ "trend", required_argument, NULL, O_TREND },
		{ "criterion", required_argument, NULL, O_CRIT },
		{ "holdout", required_argument, NULL, O_HOLDOUT },
		{ "halflife", required_argument, NULL, O_HALFLIFE },
		{ "forecast", required_argument, NULL, O_FORECAST },
		{ "forecast-step", required_argument, NULL, O_FSTEP },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format fmt = OUT_TEXT;
	struct metrics_opts mo;
	struct orders_opts oo;
	struct loadfit_opts lo;
	struct loadfit_event *ev = NULL;
	size_t nev = 0, k;
	struct metrics_tally tally;
	struct series_set set;
	struct table *tm = NULL, *te = NULL, *tf = NULL;
	struct diag d;
	const char *only = NULL, *evfile = NULL;
	int64_t resample = 0, horizon = 0, fstep = 0;
	int opt, i, orders = 0, sum = 0, rc = RS_EXIT_USAGE, nfit = 0;

	metrics_opts_init(&mo);
	orders_opts_init(&oo);
	loadfit_opts_init(&lo);
	memset(&tally, 0, sizeof(tally));
	memset(&set, 0, sizeof(set));
	mo.tally = &tally;
	diag_clear(&d);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		int shared = cli_metrics_option(&cmd_fit, opt, optarg, &mo);

		if (shared < 0)
			goto out;
		if (shared > 0)
			continue;
		switch (opt) {
		case O_SERIES:
			only = optarg;
			break;
		case O_ORDERS:
			orders = 1;
			break;
		case O_OCOL:
			orders = 1;
			oo.time_column = optarg;
			break;
		case O_RESAMPLE:
		case O_FORECAST:
		case O_FSTEP: {
			int64_t v;

			if (duration_parse(optarg, &v) < 0) {
				cli_usage_error(&cmd_fit, "'%s' is not a duration (300, 5m, 1h, 4w)",
						optarg);
				goto out;
			}
			if (opt == O_RESAMPLE)
				resample = v;
			else if (opt == O_FORECAST)
				horizon = v;
			else
				fstep = v;
			break;
		}
		case O_HOLDOUT:
			if (strcmp(optarg, "0") == 0 || strcmp(optarg, "none") == 0) {
				lo.holdout = -1;
			} else if (duration_parse(optarg, &lo.holdout) < 0) {
				cli_usage_error(&cmd_fit, "--holdout takes a duration or 0");
				goto out;
			}
			break;
		case O_HALFLIFE:
			if (duration_parse(optarg, &lo.halflife) < 0) {
				cli_usage_error(&cmd_fit, "--halflife takes a duration (2w)");
				goto out;
			}
			break;
		case O_SUM:
			sum = 1;
			break;
		case O_EVENTS:
			if (loadfit_parse_events(optarg, &ev, &nev) < 0) {
				cli_usage_error(&cmd_fit, "--events: '%s' is not DATE:NAME[;DATE:NAME...]",
						optarg);
				goto out;
			}
			break;
		case O_EVFILE:
			evfile = optarg;
			break;
		case O_TREND:
			if (strcmp(optarg, "exp") == 0)
				lo.trend = LOADFIT_TREND_EXP;
			else if (strcmp(optarg, "linear") == 0)
				lo.trend = LOADFIT_TREND_LINEAR;
			else if (strcmp(optarg, "none") == 0)
				lo.trend = LOADFIT_TREND_NONE;
			else {
				cli_usage_error(&cmd_fit, "--trend is exp, linear or none");
				goto out;
			}
			break;
		case O_CRIT:
			if (strcmp(optarg, "bic") == 0)
				lo.criterion = LOADFIT_BIC;
			else if (strcmp(optarg, "aic") == 0)
				lo.criterion = LOADFIT_AIC;
			else {
				cli_usage_error(&cmd_fit, "--criterion is bic or aic");
				goto out;
			}
			break;
		case O_FORMAT:
			if (cli_format_option(&cmd_fit, optarg, &fmt) != 0)
				goto out;
			break;
		case 'h':
			rc = cli_help(&cmd_fit);
			goto out;
		default:
			cli_usage_error(&cmd_fit, "unknown option");
			goto out;
		}
	}
	if (optind >= argc) {
		cli_usage_error(&cmd_fit, "no metrics or orders files given");
		goto out;
	}
	rc = RS_EXIT_INPUT;
	if (evfile != NULL && loadfit_load_events(evfile, &ev, &nev, &d) < 0) {
		cli_report(&d);
		goto out;
	}
	lo.events = ev;
	lo.nevents = nev;
	for (i = optind; i < argc; i++) {
		struct account a;

		if (orders) {
			struct series s;
			struct orders_opts o1 = oo;
			char *name = argc - optind > 1 ? xasprintf("orders:%s", argv[i]) : NULL;

			if (name != NULL)
				o1.name = name;
			if (orders_load(argv[i], &o1, &s, &a, &d) < 0) {
				free(name);
				cli_report(&d);
				goto out;
			}
			free(name);
			series_set_add(&set, &s);
		} else if (metrics_load(argv[i], &mo, &set, &a, &d) < 0) {
			cli_report(&d);
			goto out;
		}
	}
	for (k = 0; k < tally.nwarnings; k++)
		cli_warn("%s", tally.warnings[k]);

	tm = table_new("model");
	if (fmt == OUT_TEXT) {
		table_add_col(tm, "series", TABLE_TEXT);
		table_add_col(tm, "figure", TABLE_TEXT);
		table_add_col(tm, "value", TABLE_TEXT);
		table_add_col(tm, "meaning", TABLE_TEXT);
	} else {
		for (k = 0; k < ARRAY_SIZE(model_cols); k++)
			table_add_col(tm, model_cols[k], k == 0 || k == 3 || k == 10 ? TABLE_TEXT
										 : TABLE_NUM);
	}
	te = table_new("events");
	table_add_col(te, "series", TABLE_TEXT);
	table_add_col(te, "event", TABLE_TEXT);
	table_add_col(te, "points", TABLE_NUM);
	table_add_col(te, "uplift", TABLE_NUM);
	table_add_col(te, "uplift_lo95", TABLE_NUM);
	table_add_col(te, "uplift_hi95", TABLE_NUM);
	tf = table_new("forecast");
	table_add_col(tf, "series", TABLE_TEXT);
	table_add_col(tf, "time", TABLE_TEXT);
	table_add_col(tf, "forecast", TABLE_NUM);
	table_add_col(tf, "lo80", TABLE_NUM);
	table_add_col(tf, "hi80", TABLE_NUM);
	table_add_col(tf, "lo95", TABLE_NUM);
	table_add_col(tf, "hi95", TABLE_NUM);

	for (k = 0; k < set.n; k++) {
		struct series rs, *s = &set.items[k];
		struct loadfit *m = NULL;
		struct loadfit_summary sm;
		int have_rs = 0;

		if (only != NULL && strcmp(s->name, only) != 0)
			continue;
		if (resample > 0 && resample != s->step) {
			if (series_resample(s, resample, sum, &rs, &d) < 0) {
				cli_report(&d);
				goto out;
			}
			s = &rs;
			have_rs = 1;
		}
		if (loadfit_fit(s, &lo, &m, &d) < 0) {
			if (have_rs)
				series_fini(&rs);
			cli_report(&d);
			goto out;
		}
		nfit++;
		loadfit_summary(m, &sm);
		if (fmt == OUT_TEXT)
			describe(tm, s, &sm);
		else
			model_row(tm, s, &sm);
		for (size_t e = 0; e < sm.nevents; e++) {
			table_add_row(te);
			table_set(te, 0, s->name);
			table_set(te, 1, sm.events[e].name);
			table_setf(te, 2, "%ld", sm.events[e].points);
			setnum(te, 3, 4, sm.events[e].uplift);
			setnum(te, 4, 4, sm.events[e].lo);
			setnum(te, 5, 4, sm.events[e].hi);
		}
		if (horizon > 0) {
			int64_t st = fstep > 0 ? fstep : s->step;

			if (horizon / st > LOADFIT_MAX_FORECAST) {
				loadfit_free(m);
				if (have_rs)
					series_fini(&rs);
				rc = cli_fail("--forecast %llds at a %llds step is more than %d rows; "
					      "give a coarser --forecast-step", (long long)horizon,
					      (long long)st, LOADFIT_MAX_FORECAST);
				goto out;
			}
			int64_t t0 = series_time(s, s->n - 1);
			char a[32];

			for (int64_t t = t0 + st; t <= t0 + horizon; t += st) {
				struct loadfit_point p;

				loadfit_predict(m, t, &p);
				table_add_row(tf);
				table_set(tf, 0, s->name);
				table_set(tf, 1, utc_format(t, a, sizeof(a)));
				table_setf(tf, 2, "%.6g", p.mean);
				table_setf(tf, 3, "%.6g", p.lo80);
				table_setf(tf, 4, "%.6g", p.hi80);
				table_setf(tf, 5, "%.6g", p.lo95);
				table_setf(tf, 6, "%.6g", p.hi95);
			}
		}
		loadfit_free(m);
		if (have_rs)
			series_fini(&rs);
	}
	if (nfit == 0) {
		if (only != NULL)
			cli_fail("no series named %s in the input", only);
		else
			cli_fail("no series to fit in the input");
		goto out;
	}
	{
		struct table *all[3];
		int nt = 0;

		all[nt++] = tm;
		if (table_nrows(te) > 0 && fmt != OUT_TEXT)
			all[nt++] = te;
		if (horizon > 0)
			all[nt++] = tf;
		if (nt == 1)
			table_print(tm, stdout, fmt);
		else
			table_print_many(all, nt, stdout, fmt);
	}
	rc = RS_EXIT_OK;
out:
	table_free(tm);
	table_free(te);
	table_free(tf);
	free(ev);
	series_set_fini(&set);
	metrics_tally_fini(&tally);
	return rc;
}

const struct cmd cmd_fit = {
	"fit", "fit and forecast the load curve: growth, peaks, events, accuracy", usage, run,
};
