/*
 * cmd_report.c - `rightsize report`: the monthly batch report into
 * reports/<month>/ (or -o DIR) as report.txt, .json, .csv and .html.
 * Layer: front end.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "model/loadfit.h"
#include "report/report.h"
#include "base/utc.h"

static const char usage[] =
	"usage: rightsize report --month YYYY-MM [options] BILLING...\n"
	"\n"
	"The monthly report for finance and engineering: totals and changes, cost\n"
	"by service and pricing model, commitments, top movers and data quality,\n"
	"written to reports/YYYY-MM/ as report.txt, report.json, report.csv and\n"
	"report.html (self-contained, inline SVG charts). BILLING are raw billing\n"
	"exports or rollups; include the previous month (and the same month a year\n"
	"earlier) for the comparisons. The same inputs give the same bytes.\n"
	"\n"
	"Options:\n"
	"  -m, --month YYYY-MM      the month reported (required)\n"
	"  -o, --output DIR         output folder (default: reports/YYYY-MM)\n"
	"      --orders FILE        hourly order counts (timestamp,orders)\n"
	"      --metrics FILE       utilization metrics (repeatable): right-sizing of\n"
	"                           the billed resources they name, data quality\n"
	"  -c, --catalog PATH       price catalog for right-sizing (default:\n"
	"                           $RIGHTSIZE_CATALOG or the installed one)\n"
	"      --event DATE:NAME    a declared event for the load models (repeatable)\n"
	"      --scenario FILE      scenario (rightsize-scenario(5)) for the autoscaling\n"
	"                           advice: its baseline against the cheapest variant\n"
	"                           meeting the SLO (repeatable)\n"
	"  -t, --top N              services and movers listed (default 10)\n"
	"      --movers-by DIMS     dimensions of the movers table\n"
	"                           (default service,usage_type; see rightsize cost)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Examples:\n"
	"  rightsize report --month 2026-10 rollup.csv\n"
	"  rightsize report -m 2026-10 -o out/ --orders orders.csv cur-*.csv.gz\n";

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "output", required_argument, NULL, 'o' },
		{ "orders", required_argument, NULL, 'O' },
		{ "metrics", required_argument, NULL, 'M' },
		{ "top", required_argument, NULL, 't' },
		{ "movers-by", required_argument, NULL, 'B' },
		{ "catalog", required_argument, NULL, 'c' },
		{ "event", required_argument, NULL, 'E' },
		{ "scenario", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_opts o;
	struct report rep;
	struct diag d;
	const char **metrics = NULL, **scenarios = NULL;
	struct loadfit_event *events = NULL;
	char *outdir = NULL, month[16];
	int opt, rc = RS_EXIT_USAGE, have_month = 0;
	long top;

	report_opts_init(&o);
	memset(&rep, 0, sizeof(rep));
	diag_clear(&d);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "m:o:t:c:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			if (utc_parse_month(optarg, &o.month) < 0) {
				cli_usage_error(&cmd_report, "--month takes YYYY-MM");
				goto out;
			}
			have_month = 1;
			break;
		case 'o':
			free(outdir);
			outdir = xstrdup(optarg);
			break;
		case 'O':
			o.orders = optarg;
			break;
		case 'M':
			metrics = xrealloc(metrics, (o.nmetrics + 1) * sizeof(*metrics));
			metrics[o.nmetrics++] = optarg;
			o.metrics = metrics;
			break;
		case 't':
			if (cli_parse_long(&cmd_report, "--top", optarg, &top) != 0)
				goto out;
			if (top < 1 || top > 1000) {
				cli_usage_error(&cmd_report, "--top takes a count from 1 to 1000");
				goto out;
			}
			o.top = (int)top;
			break;
		case 'B':
			o.movers_by = optarg;
			break;
		case 'c':
			o.catalog = optarg;
			break;
		case 'S':
			scenarios = xrealloc(scenarios, (o.nscenarios + 1) * sizeof(*scenarios));
			scenarios[o.nscenarios++] = optarg;
			o.scenarios = scenarios;
			break;
		case 'E':
			events = xrealloc(events, (o.nevents + 1) * sizeof(*events));
			if (loadfit_parse_event(optarg, &events[o.nevents]) < 0) {
				cli_usage_error(&cmd_report, "--event takes DATE:NAME (2026-11-27:Black Friday)");
				goto out;
			}
			o.nevents++;
			o.events = events;
			break;
		case 'h':
			rc = cli_help(&cmd_report);
			goto out;
		default:
			cli_usage_error(&cmd_report, "unknown option");
			goto out;
		}
	}
	if (!have_month) {
		cli_usage_error(&cmd_report, "--month YYYY-MM is required");
		goto out;
	}
	if (optind >= argc) {
		cli_usage_error(&cmd_report, "no billing exports or rollups given");
		goto out;
	}
	o.billing = (const char *const *)(argv + optind);
	o.nbilling = (size_t)(argc - optind);
	if (outdir == NULL)
		outdir = xasprintf("reports/%s", utc_format_month(o.month, month, sizeof(month)));
	rc = RS_EXIT_INPUT;
	if (report_build(&o, &rep, &d) < 0 || report_write(&rep, outdir, &d) < 0) {
		cli_report(&d);
		goto out;
	}
	/* "DIR/" as given stays one slash */
	cli_printf(stderr, "rightsize: report written to %s%s\n", outdir,
		   outdir[0] != '\0' && outdir[strlen(outdir) - 1] == '/' ? "" : "/");
	rc = RS_EXIT_OK;
out:
	report_fini(&rep);
	free(metrics);
	free(scenarios);
	free(events);
	free(outdir);
	return rc;
}

const struct cmd cmd_report = {
	"report", "the monthly report: text, JSON, CSV and an HTML page", usage, run,
};
