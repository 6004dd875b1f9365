/*
 * cmd_tui.c - `rightsize tui`: the interactive planning interface on the
 * same inputs as the other commands, or the bundled sample data.
 * Layer: front end. Reads the inputs into the TUI's model (errors are
 * printed as one line before the screen is touched), then runs tui_run().
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "tui/tui.h"
#include "tui/tuimodel.h"

#ifndef RS_SAMPLEDIR
#define RS_SAMPLEDIR "/usr/local/share/rightsize/sample"
#endif

static const char usage[] =
	"usage: rightsize tui [options] [FILE...]\n"
	"\n"
	"Interactive planning views on rollups or billing exports (FILE...),\n"
	"metrics, orders and a scenario: 1 Overview, 2 Costs, 3 Load, 4 Right-size,\n"
	"5 Policies, 6 What-if. With no files, opens the bundled sample data.\n"
	"\n"
	"Options:\n"
	"  -m, --metrics FILE       metrics file (CloudWatch, Prometheus, CSV);\n"
	"                           repeatable\n"
	"  -o, --orders FILE        orders: hourly counts, or an order export with\n"
	"      --orders-time-column COL   naming its time column\n"
	"  -s, --scenario FILE      scenario JSON for Policies and What-if\n"
	"      --set PATH=VALUE     change the scenario first, as for `whatif`\n"
	"                           (repeatable)\n"
	"  -c, --catalog PATH       price catalog (default: $RIGHTSIZE_CATALOG or\n"
	"                           installed)\n"
	"  -v, --view N             open on view N (1-6; default 1)\n"
	"      --no-color           no colour (also when NO_COLOR is set)\n"
	"      --ascii              plain ASCII drawing even in a UTF-8 locale\n"
	"  -h, --help               show this help\n"
	"\n"
	"Keys: 1-6 or Tab switch views, ? help, q quit; each view shows its keys\n"
	"on the bottom line.\n"
	"\n"
	"Environment: RIGHTSIZE_SAMPLE names the sample data folder (default\n"
	RS_SAMPLEDIR ").\n"
	"\n"
	"Examples:\n"
	"  rightsize tui\n"
	"  rightsize tui --view 2 rollup-2026-10.csv\n"
	"  rightsize tui -m alb-requests.json -o orders.csv cur-2026-10.csv.gz\n";

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "metrics", required_argument, NULL, 'm' },
		{ "orders", required_argument, NULL, 'o' },
		{ "orders-time-column", required_argument, NULL, 'O' },
		{ "scenario", required_argument, NULL, 's' },
		{ "catalog", required_argument, NULL, 'c' },
		{ "set", required_argument, NULL, 'S' },
		{ "view", required_argument, NULL, 'v' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "ascii", no_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct tui_inputs in;
	struct tui_store store;
	struct tui_opts o;
	struct tuimodel *m = NULL;
	const char **metrics = NULL, **sets = NULL;
	size_t metrics_cap = 0, sets_cap = 0;
	struct diag d;
	long view;
	int opt, rc = RS_EXIT_USAGE;

	memset(&in, 0, sizeof(in));
	memset(&store, 0, sizeof(store));
	memset(&o, 0, sizeof(o));
	diag_clear(&d);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "m:o:s:c:v:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			xgrow((void **)&metrics, &metrics_cap, in.nmetrics + 1, sizeof(*metrics));
			metrics[in.nmetrics++] = optarg;
			break;
		case 'o':
			in.orders = optarg;
			break;
		case 'O':
			in.orders_time_column = optarg;
			break;
		case 's':
			in.scenario = optarg;
			break;
		case 'c':
			in.catalog = optarg;
			break;
		case 'S':
			if (strchr(optarg, '=') == NULL) {
				cli_usage_error(&cmd_tui, "--set takes PATH=VALUE");
				goto out;
			}
			if (cli_nonfinite(strchr(optarg, '=') + 1)) {
				cli_usage_error(&cmd_tui, "--set '%s': the value is not a finite number",
						optarg);
				goto out;
			}
			xgrow((void **)&sets, &sets_cap, in.nset + 1, sizeof(*sets));
			sets[in.nset++] = optarg;
			break;
		case 'v':
			if (cli_parse_long(&cmd_tui, "--view", optarg, &view) != 0)
				goto out;
			if (view < 1 || view > 6) {
				cli_usage_error(&cmd_tui, "--view takes 1 to 6");
				goto out;
			}
			o.view = (int)view - 1;
			break;
		case 'C':
			o.no_color = 1;
			break;
		case 'A':
			o.ascii = 1;
			break;
		case 'h':
			rc = cli_help(&cmd_tui);
			goto out;
		default:
			cli_usage_error(&cmd_tui, "unknown option");
			goto out;
		}
	}
	in.metrics = metrics;
	in.set = sets;
	rc = RS_EXIT_INPUT;
	if (optind < argc) {
		in.billing = (const char **)(argv + optind);
		in.nbilling = (size_t)(argc - optind);
	} else if (in.nmetrics > 0 || in.orders != NULL || in.scenario != NULL) {
		cli_usage_error(&cmd_tui, "give the billing files or rollups too");
		rc = RS_EXIT_USAGE;
		goto out;
	} else {
		const char *cat = in.catalog;
		size_t nset = in.nset;

		if (tuimodel_sample_inputs(RS_SAMPLEDIR, &in, &store, &d) < 0) {
			cli_report(&d);
			goto out;
		}
		in.catalog = cat;
		in.set = sets;
		in.nset = nset;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_fail("tui needs a terminal on standard input and output");
		goto out;
	}
	m = tuimodel_load(&in, &d);
	if (m == NULL) {
		cli_report(&d);
		goto out;
	}
	rc = tui_run(m, &o);
out:
	tuimodel_free(m);
	tuimodel_store_fini(&store);
	free(metrics);
	free(sets);
	return rc;
}

const struct cmd cmd_tui = {
	"tui", "interactive planning views (costs, load, right-sizing, what-if)", usage, run,
};
