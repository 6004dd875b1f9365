/*
 * cmd_capacity.c - `rightsize capacity`: regress utilization on load per
 * instance, then say how many instances a load needs at a target
 * utilization: the observed peak, a planned peak, a forecast's peak, or
 * concurrent users through Little's law.
 * Layer: front end.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/capacity.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "model/loadfit.h"
#include "ingest/metrics.h"
#include "data/series.h"
#include "out/table.h"
#include "base/utc.h"

/* Default target: 60% CPU, inside the 50-70% band AWS and Kubernetes
 * target-tracking examples use, leaving room for a peak while new
 * instances boot. */
#define CAPACITY_DEFAULT_TARGET 60.0

static const char usage[] =
	"usage: rightsize capacity [options] FILE...\n"
	"\n"
	"Regress utilization on load per instance (least squares with intercept and\n"
	"95% intervals), then say how many instances a load needs at a target\n"
	"utilization: the observed peak, a planned peak, the peak of a forecast, or\n"
	"concurrent users converted to a request rate by Little's law.\n"
	"\n"
	"Series (files read as `rightsize metrics` reads them, merged):\n"
	"      --load NAME          the fleet's total load (requests/s, orders/h...)\n"
	"      --util NAME          utilization, mean over instances (CPU %)\n"
	"      --instances N|NAME   instances serving the load: a number or a series\n"
	"                           (default 1)\n"
	"      --start TIME, --step DURATION, --dedup last|mean, --statistic KEY\n"
	"Plan:\n"
	"      --target U           target utilization, in the utilization's unit\n"
	"                           (default 60, i.e. 60%)\n"
	"      --peak LOAD          plan for this total load\n"
	"      --users N            plan for N concurrent users (Little's law) ...\n"
	"      --think-time DURATION    ... who wait this long between actions\n"
	"      --response-time DURATION ... for responses this slow (default 0)\n"
	"      --requests-per-action K  ... making K requests an action (default 1)\n"
	"      --forecast DURATION  fit the load model to --load and plan for the peak\n"
	"                           of its forecast this far ahead\n"
	"      --events LIST        events for that forecast (DATE:NAME;...)\n"
	"      --capacity-ratio R   count instances of a type with R times the\n"
	"                           measured type's capacity (2: twice the vCPUs)\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Examples:\n"
	"  rightsize capacity --load requests --util cpu --instances instances fleet.csv\n"
	"  rightsize capacity --load requests --util cpu --instances 6 \\\n"
	"      --users 142000 --think-time 30s fleet.csv\n";

struct plan {
	const char *what;
	double load;
	char note[128];
};

static double
series_max(const struct series *s, int64_t *when)
{
	double m = NAN;
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (!isnan(s->v[i]) && (isnan(m) || s->v[i] > m)) {
			m = s->v[i];
			*when = series_time(s, i);
		}
	}
	return m;
}

static int
run(int argc, char **argv)
{
	enum {
		O_LOAD = 256, O_UTIL, O_INST, O_TARGET,
		O_PEAK, O_USERS, O_THINK, O_RESP, O_KREQ, O_FORECAST, O_EVENTS, O_RATIO,
		O_FORMAT,
	};
	static const struct option longopts[] = {
		{ "load", required_argument, NULL, O_LOAD },
		{ "util", required_argument, NULL, O_UTIL },
		{ "instances", required_argument, NULL, O_INST },
		CLI_METRICS_LONGOPTS,
		{ "target", required_argument, NULL, O_TARGET },
		{ "peak", required_argument, NULL, O_PEAK },
		{ "users", required_argument, NULL, O_USERS },
		{ "think-time", required_argument, NULL, O_THINK },
		{ "response-time", required_argument, NULL, O_RESP },
		{ "requests-per-action", required_argument, NULL, O_KREQ },
		{ "forecast", required_argument, NULL, O_FORECAST },
		{ "events", required_argument, NULL, O_EVENTS },
		{ "capacity-ratio", required_argument, NULL, O_RATIO },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format fmt = OUT_TEXT;
	struct metrics_opts mo;
	struct metrics_tally tally;
	struct series_set set;
	struct capacity_fit f;
	struct loadfit_event *ev = NULL;
	size_t nev = 0, k;
	struct table *tr = NULL, *tp = NULL;
	struct plan plans[6];
	int nplans = 0;
	struct diag d;
	const char *load_name = NULL, *util_name = NULL, *inst_name = NULL;
	double ninst = 1, target = CAPACITY_DEFAULT_TARGET, peak = NAN, users = NAN;
	double think = NAN, resp = 0, kreq = 1, ratio = 0, xpt, xcons;
	int64_t horizon = 0;
	int opt, i, rc = RS_EXIT_USAGE;
	const struct series *L, *U, *I = NULL;

	metrics_opts_init(&mo);
	memset(&tally, 0, sizeof(tally));
	memset(&set, 0, sizeof(set));
	mo.tally = &tally;
	diag_clear(&d);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		int64_t dur;
		int shared = cli_metrics_option(&cmd_capacity, opt, optarg, &mo);

		if (shared < 0)
			goto out;
		if (shared > 0)
			continue;
		switch (opt) {
		case O_LOAD:
			load_name = optarg;
			break;
		case O_UTIL:
			util_name = optarg;
			break;
		case O_INST: {
			char *end;

			ninst = strtod(optarg, &end);
			if (end == optarg || *end != '\0') {
				inst_name = optarg;
				ninst = 1;
			} else if (!(isfinite(ninst) && ninst > 0)) {
				cli_usage_error(&cmd_capacity, "--instances takes a positive count "
						"or a series name");
				goto out;
			}
			break;
		}
		case O_THINK:
		case O_RESP:
		case O_FORECAST:
			if (duration_parse(optarg, &dur) < 0) {
				cli_usage_error(&cmd_capacity, "'%s' is not a duration (30s, 5m, 4w)",
						optarg);
				goto out;
			}
			if (opt == O_THINK)
				think = (double)dur;
			else if (opt == O_RESP)
				resp = (double)dur;
			else
				horizon = dur;
			break;
		case O_TARGET:
			if (cli_parse_double(&cmd_capacity, "--target", optarg, &target) != 0)
				goto out;
			if (!(target > 0)) {
				cli_usage_error(&cmd_capacity, "--target must be positive");
				goto out;
			}
			break;
		case O_PEAK:
			if (cli_parse_double(&cmd_capacity, "--peak", optarg, &peak) != 0)
				goto out;
			break;
		case O_USERS:
			if (cli_parse_double(&cmd_capacity, "--users", optarg, &users) != 0)
				goto out;
			break;
		case O_KREQ:
			if (cli_parse_double(&cmd_capacity, "--requests-per-action", optarg,
					     &kreq) != 0)
				goto out;
			break;
		case O_RATIO:
			if (cli_parse_double(&cmd_capacity, "--capacity-ratio", optarg, &ratio) != 0)
				goto out;
			if (!(ratio > 0)) {
				cli_usage_error(&cmd_capacity, "--capacity-ratio must be positive");
				goto out;
			}
			break;
		case O_EVENTS:
			if (loadfit_parse_events(optarg, &ev, &nev) < 0) {
				cli_usage_error(&cmd_capacity, "--events: '%s' is not DATE:NAME[;...]",
						optarg);
				goto out;
			}
			break;
		case O_FORMAT:
			if (cli_format_option(&cmd_capacity, optarg, &fmt) != 0)
				goto out;
			break;
		case 'h':
			rc = cli_help(&cmd_capacity);
			goto out;
		default:
			cli_usage_error(&cmd_capacity, "unknown option");
			goto out;
		}
	}
	if (load_name == NULL || util_name == NULL) {
		cli_usage_error(&cmd_capacity, "--load and --util name the series to regress");
		goto out;
	}
	if (!isnan(users) && isnan(think)) {
		cli_usage_error(&cmd_capacity, "--users needs --think-time");
		goto out;
	}
	if (optind >= argc) {
		cli_usage_error(&cmd_capacity, "no metrics files given");
		goto out;
	}
	rc = RS_EXIT_INPUT;
	for (i = optind; i < argc; i++) {
		struct account a;

		if (metrics_load(argv[i], &mo, &set, &a, &d) < 0) {
			cli_report(&d);
			goto out;
		}
	}
	for (k = 0; k < tally.nwarnings; k++)
		cli_warn("%s", tally.warnings[k]);
	L = series_set_find(&set, load_name);
	U = series_set_find(&set, util_name);
	if (inst_name != NULL)
		I = series_set_find(&set, inst_name);
	if (L == NULL || U == NULL || (inst_name != NULL && I == NULL)) {
		rc = cli_fail("no series named %s in the input",
			      L == NULL ? load_name : U == NULL ? util_name : inst_name);
		goto out;
	}
	if (capacity_fit_series(U, L, I, ninst, &f, &d) < 0) {
		rc = cli_fail("%s on %s: %s", util_name, load_name, d.msg);
		goto out;
	}
	{
		struct series_stats st;

		series_stats(U, &st);
		if (st.max <= 1.5 && target > 1.5) {
			rc = cli_fail("%s looks like a fraction (max %.3g); give --target as a "
				      "fraction too (0.6)", util_name, st.max);
			goto out;
		}
	}
	xpt = capacity_load_at(&f, target);
	xcons = capacity_load_at_conservative(&f, target);

	/* what to plan for */
	{
		int64_t when = 0;
		double m = series_max(L, &when);
		struct plan *p = &plans[nplans++];
		char a[32];

		p->what = "observed peak";
		p->load = m;
		snprintf(p->note, sizeof(p->note), "at %s", utc_format(when, a, sizeof(a)));
	}
	if (!isnan(peak)) {
		struct plan *p = &plans[nplans++];

		p->what = "planned peak";
		p->load = peak;
		p->note[0] = '\0';
	}
	if (!isnan(users)) {
		struct plan *p = &plans[nplans++];

		p->what = "concurrent users";
		p->load = capacity_littles(users, think, resp, kreq);
		snprintf(p->note, sizeof(p->note), "%.0f users x %g / (%gs think + %gs response)",
			 users, kreq, think, resp);
	}
	if (horizon > 0) {
		struct loadfit_opts lo;
		struct loadfit *m = NULL;
		int64_t t0 = series_time(L, L->n - 1), t, at_mean = 0, at_hi = 0;
		double pm = 0, ph = 0;
		char a[32];

		loadfit_opts_init(&lo);
		lo.events = ev;
		lo.nevents = nev;
		if (loadfit_fit(L, &lo, &m, &d) < 0) {
			cli_report(&d);
			goto out;
		}
		for (t = t0 + L->step; t <= t0 + horizon; t += L->step) {
			struct loadfit_point pt;

			loadfit_predict(m, t, &pt);
			if (pt.mean > pm) {
				pm = pt.mean;
				at_mean = t;
			}
			if (pt.hi95 > ph) {
				ph = pt.hi95;
				at_hi = t;
			}
		}
		loadfit_free(m);
		plans[nplans].what = "forecast peak";
		plans[nplans].load = pm;
		snprintf(plans[nplans].note, sizeof(plans[nplans].note), "median, at %s",
			 utc_format(at_mean, a, sizeof(a)));
		nplans++;
		plans[nplans].what = "forecast peak, 95% bound";
		plans[nplans].load = ph;
		snprintf(plans[nplans].note, sizeof(plans[nplans].note), "upper 95%%, at %s",
			 utc_format(at_hi, a, sizeof(a)));
		nplans++;
	}

	tr = table_new("regression");
	table_add_col(tr, "utilization", TABLE_TEXT);
	table_add_col(tr, "load", TABLE_TEXT);
	table_add_col(tr, "points", TABLE_NUM);
	table_add_col(tr, "idle", TABLE_NUM);
	table_add_col(tr, "idle_lo95", TABLE_NUM);
	table_add_col(tr, "idle_hi95", TABLE_NUM);
	table_add_col(tr, "per_unit", TABLE_NUM);
	table_add_col(tr, "per_unit_lo95", TABLE_NUM);
	table_add_col(tr, "per_unit_hi95", TABLE_NUM);
	table_add_col(tr, "r2", TABLE_NUM);
	table_add_col(tr, "target", TABLE_NUM);
	table_add_col(tr, "load_per_instance_at_target", TABLE_NUM);
	table_add_col(tr, "conservative", TABLE_NUM);
	table_add_col(tr, "max_seen", TABLE_NUM);
	table_add_row(tr);
	table_set(tr, 0, util_name);
	table_set(tr, 1, load_name);
	table_setf(tr, 2, "%zu", f.n);
	table_setf(tr, 3, "%.4g", f.a);
	table_setf(tr, 4, "%.4g", f.a_lo);
	table_setf(tr, 5, "%.4g", f.a_hi);
	table_setf(tr, 6, "%.4g", f.b);
	table_setf(tr, 7, "%.4g", f.b_lo);
	table_setf(tr, 8, "%.4g", f.b_hi);
	table_setf(tr, 9, "%.4f", f.r2);
	table_setf(tr, 10, "%g", target);
	if (!isnan(xpt))
		table_setf(tr, 11, "%.4g", xpt);
	if (!isnan(xcons))
		table_setf(tr, 12, "%.4g", xcons);
	table_setf(tr, 13, "%.4g", f.x_max_seen);

	tp = table_new("plan");
	table_add_col(tp, "plan_for", TABLE_TEXT);
	table_add_col(tp, "load", TABLE_NUM);
	table_add_col(tp, "instances", TABLE_NUM);
	table_add_col(tp, "instances_conservative", TABLE_NUM);
	table_add_col(tp, "note", TABLE_TEXT);
	for (i = 0; i < nplans; i++) {
		table_add_row(tp);
		table_set(tp, 0, plans[i].what);
		table_setf(tp, 1, "%.6g", plans[i].load);
		if (!isnan(xpt))
			table_setf(tp, 2, "%ld", capacity_instances(plans[i].load, xpt, ratio));
		if (!isnan(xcons))
			table_setf(tp, 3, "%ld", capacity_instances(plans[i].load, xcons, ratio));
		table_set(tp, 4, plans[i].note);
	}
	if (isnan(xpt))
		cli_warn("the target %g is below the idle level %.3g: no load reaches it", target,
			 f.a);
	else if (xpt > 1.5 * f.x_max_seen)
		cli_warn("the target needs %.3g per instance, beyond the %.3g seen; "
			 "the straight line is extrapolated", xpt, f.x_max_seen);
	{
		struct table *all[2] = { tr, tp };

		table_print_many(all, 2, stdout, fmt);
	}
	rc = RS_EXIT_OK;
out:
	table_free(tr);
	table_free(tp);
	free(ev);
	series_set_fini(&set);
	metrics_tally_fini(&tally);
	return rc;
}

const struct cmd cmd_capacity = {
	"capacity", "instances for a load: utilization vs load, Little's law", usage, run,
};
