/*
 * cmd_simulate.c - `rightsize simulate`: play a scenario's load against
 * its baseline and candidate fleets and print what each run costs and how
 * it holds the latency SLO.
 * Layer: front end.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/afile.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "sim/scenario.h"
#include "sim/sim.h"
#include "cli/simout.h"
#include "out/table.h"
#include "base/utc.h"

static const char usage[] =
	"usage: rightsize simulate [options] SCENARIO.json\n"
	"\n"
	"Replay a scenario's load (rightsize-scenario(5)) against its baseline and\n"
	"candidate fleets, minute by minute, and report for each: cost by pricing\n"
	"model and fixed costs, cost per order, instance-hours, peak and mean\n"
	"fleet, mean utilization, minutes above the latency SLO, load not served.\n"
	"\n"
	"Options:\n"
	"  -c, --config NAME        run only this configuration (baseline or a\n"
	"                           candidate's name)\n"
	"  -s, --set PATH=VALUE     change the scenario before running (repeatable),\n"
	"                           e.g. policy.target=65, tier.min=4,\n"
	"                           candidates[0].tiers[0].max=80\n"
	"  -g, --growth X           multiply the load by X\n"
	"  -p, --peak DATE:Nx       add a peak event, e.g. 2026-11-27:4x or\n"
	"                           2026-11-27T18:00/6h:3x (repeatable); N and the\n"
	"                           hours are finite numbers above 0\n"
	"      --trace FILE         write every step of every tier as CSV ('-':\n"
	"                           standard output, the tables to stderr)\n"
	"  -n, --notes              also print the scenario's assumptions\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Examples:\n"
	"  rightsize simulate data/scenarios/verdant.json\n"
	"  rightsize simulate --config after --growth 2 data/scenarios/verdant.json\n";

enum { OPT_FORMAT = 256, OPT_TRACE };

static const struct option longopts[] = {
	{ "config", required_argument, NULL, 'c' },
	{ "set", required_argument, NULL, 's' },
	{ "growth", required_argument, NULL, 'g' },
	{ "peak", required_argument, NULL, 'p' },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "notes", no_argument, NULL, 'n' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct trace_ctx {
	FILE *f;
	const struct sim_config *c;
};

static void
trace_step(void *ctx, const struct sim_step *s)
{
	struct trace_ctx *tc = ctx;
	char when[32];

	utc_format(s->t, when, sizeof(when));
	csv_put_field(tc->f, tc->c->name, CSV_SHEET);
	fprintf(tc->f, ",%s,", when);
	csv_put_field(tc->f, tc->c->tiers[s->tier].name, CSV_SHEET);
	fprintf(tc->f, ",%.6g,%ld,%ld,%ld,%.2f,%d\n", s->load, s->ready, s->booting,
		s->desired, s->util, s->breach);
}

static int
run(int argc, char **argv)
{
	struct simout_overrides ov = { NULL, 0, 0 };
	enum out_format fmt = OUT_TEXT;
	const char *only = NULL, *trace = NULL;
	struct scenario *sc = NULL;
	struct sim_load load = { 0, 0, 0, NULL, 0 };
	struct table *tabs[4] = { NULL, NULL, NULL, NULL };
	struct trace_ctx tc = { NULL, NULL };
	struct afile trace_file;
	struct diag d;
	size_t k, ran = 0;
	int ch, rc = RS_EXIT_OK, notes = 0;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:s:g:p:nh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			only = optarg;
			break;
		case 's':
			rc = simout_set(&cmd_simulate, &ov, optarg);
			break;
		case 'g':
			rc = simout_growth(&cmd_simulate, &ov, optarg);
			break;
		case 'p':
			rc = simout_peak(&cmd_simulate, &ov, optarg);
			break;
		case 'n':
			notes = 1;
			break;
		case OPT_TRACE:
			trace = optarg;
			break;
		case OPT_FORMAT:
			rc = cli_format_option(&cmd_simulate, optarg, &fmt);
			break;
		case 'h':
			simout_overrides_fini(&ov);
			return cli_help(&cmd_simulate);
		default:
			rc = cli_usage_error(&cmd_simulate, "unknown option '%s'",
					     argv[optind - 1]);
			break;
		}
		if (rc != 0)
			goto out;
	}
	if (optind != argc - 1) {
		rc = cli_usage_error(&cmd_simulate, "one scenario file expected");
		goto out;
	}
	if (scenario_load(argv[optind], (const char *const *)ov.v, ov.n, &sc, &d) != 0) {
		rc = cli_report(&d);
		goto out;
	}
	if (trace != NULL) {
		tc.f = afile_open(&trace_file, trace, &d);
		if (tc.f == NULL) {
			rc = cli_report(&d);
			goto out;
		}
		fputs("configuration,time,tier,load_rps,ready,booting,desired,util_pct,slo_missed\n",
		      tc.f);
	}
	scenario_make_load(sc, &load);
	tabs[0] = simout_runs_table();
	tabs[1] = simout_tiers_table();
	tabs[2] = simout_fixed_table();
	for (k = 0; k <= sc->ncandidates; k++) {
		const struct sim_config *c = k == 0 ? sc->baseline : sc->candidates[k - 1];
		struct sim_opts o = { sc->seed, NULL, NULL };
		struct sim_result r;

		if (only != NULL && strcmp(only, c->name) != 0)
			continue;
		if (tc.f != NULL) {
			tc.c = c;
			o.trace = trace_step;
			o.trace_ctx = &tc;
		}
		if (sim_run(c, &load, &sc->slo, &o, &r) < 0) {
			sim_result_fini(&r);
			rc = simout_overflow(argv[optind], c);
			goto out;
		}
		simout_runs_row(tabs[0], c, &r);
		simout_tiers_rows(tabs[1], c, &r);
		simout_fixed_rows(tabs[2], c, &r);
		sim_result_fini(&r);
		ran++;
	}
	if (ran == 0) {
		rc = cli_fail("%s: no configuration named '%s'", argv[optind], only);
		goto out;
	}
	if (tc.f != NULL) {
		tc.f = NULL;
		if (afile_commit(&trace_file, &d) < 0) {
			rc = cli_report(&d);
			goto out;
		}
	}
	if (notes)
		tabs[3] = simout_notes_table(sc);
	/* the trace took standard output: the tables go to stderr */
	table_print_many(tabs, notes ? 4 : 3,
			 trace != NULL && afile_is_stdout(trace) ? stderr : stdout, fmt);
out:
	if (tc.f != NULL)
		afile_abort(&trace_file); /* a failed run leaves no trace file */
	for (k = 0; k < 4; k++)
		table_free(tabs[k]);
	sim_load_fini(&load);
	scenario_free(sc);
	simout_overrides_fini(&ov);
	return rc;
}

const struct cmd cmd_simulate = {
	"simulate", "replay a scenario's load against fleets and autoscaling policies",
	usage, run,
};
