/*
 * cmd_metrics.c - `rightsize metrics`: read metrics or orders files and
 * print what each series holds (span, step, points, gaps, bad values,
 * min/mean/max), so users can check an export before modelling it.
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
#include "ingest/metrics.h"
#include "data/series.h"
#include "out/table.h"
#include "base/utc.h"

static const char usage[] =
	"usage: rightsize metrics [options] FILE...\n"
	"\n"
	"Read utilization metrics (CloudWatch get-metric-data or get-metric-statistics\n"
	"JSON, Prometheus query_range JSON, CSV, or bare values) or order counts, put\n"
	"every series on a regular UTC grid and summarize it: span, step, points,\n"
	"gaps, bad values, min/mean/max. Files holding the same series are merged.\n"
	"\n"
	"Options:\n"
	"      --step DURATION      grid step (300, 5m, 1h); default: the most common\n"
	"                           spacing, or 300 s for bare values\n"
	"      --start TIME         time of the first value of files without time\n"
	"                           stamps (2011-03-03T00:00:00Z)\n"
	"      --dedup RULE         two points on one grid point: last (default, the\n"
	"                           one read last wins) or mean\n"
	"      --statistic KEY      get-metric-statistics: only this statistic\n"
	"                           (Average, Maximum, p99...)\n"
	"      --name NAME          name of a file's single unnamed series\n"
	"      --orders             the files hold orders: hourly counts, or with\n"
	"                           --orders-time-column an export, one row per order\n"
	"      --orders-time-column COL\n"
	"                           the order export's time column (implies --orders)\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Environment: RIGHTSIZE_METRICS_MAX_JSON is the memory one JSON file may take,\n"
	"its text and parse tree (default 1G); a file past it is refused as too large.\n"
	"\n"
	"Examples:\n"
	"  rightsize metrics cpu-page1.json cpu-page2.json\n"
	"  rightsize metrics --start 2011-03-03 --step 5m planetlab/*\n"
	"  rightsize metrics --orders-time-column created_at orders.csv\n";

static void
add_series_row(struct table *t, const struct series *s, long bad)
{
	struct series_stats st;
	char a[32];

	series_stats(s, &st);
	table_add_row(t);
	table_set(t, 0, s->name);
	table_set(t, 1, s->unit);
	table_set(t, 2, utc_format(s->start, a, sizeof(a)));
	table_set(t, 3, utc_format(series_time(s, s->n ? s->n - 1 : 0), a, sizeof(a)));
	table_setf(t, 4, "%lld", (long long)s->step);
	table_setf(t, 5, "%zu", st.points);
	table_setf(t, 6, "%zu", st.gaps);
	table_setf(t, 7, "%ld", bad);
	if (st.points > 0) {
		table_setf(t, 8, "%.6g", st.min);
		table_setf(t, 9, "%.6g", st.mean);
		table_setf(t, 10, "%.6g", st.max);
	}
}

static int
run(int argc, char **argv)
{
	enum { O_NAME = 256, O_ORDERS, O_OCOL, O_FORMAT };
	static const struct option longopts[] = {
		CLI_METRICS_LONGOPTS,
		{ "name", required_argument, NULL, O_NAME },
		{ "orders", no_argument, NULL, O_ORDERS },
		{ "orders-time-column", required_argument, NULL, O_OCOL },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format fmt = OUT_TEXT;
	struct metrics_opts mo;
	struct orders_opts oo;
	struct metrics_tally tally;
	struct series_set set;
	struct table *t = NULL;
	long *obad = NULL; /* orders: bad values per series */
	struct diag d;
	int opt, i, orders = 0, rc = RS_EXIT_USAGE;
	size_t k;

	metrics_opts_init(&mo);
	orders_opts_init(&oo);
	memset(&tally, 0, sizeof(tally));
	memset(&set, 0, sizeof(set));
	mo.tally = &tally;
	diag_clear(&d);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		int shared = cli_metrics_option(&cmd_metrics, opt, optarg, &mo);

		if (shared < 0)
			goto out;
		if (shared > 0)
			continue;
		switch (opt) {
		case O_NAME:
			mo.name = optarg;
			oo.name = optarg;
			break;
		case O_ORDERS:
			orders = 1;
			break;
		case O_OCOL:
			orders = 1;
			oo.time_column = optarg;
			break;
		case O_FORMAT:
			if (cli_format_option(&cmd_metrics, optarg, &fmt) != 0)
				goto out;
			break;
		case 'h':
			rc = cli_help(&cmd_metrics);
			goto out;
		default:
			cli_usage_error(&cmd_metrics, "unknown option");
			goto out;
		}
	}
	if (optind >= argc) {
		cli_usage_error(&cmd_metrics, "no metrics files given");
		goto out;
	}
	rc = RS_EXIT_INPUT;
	for (i = optind; i < argc; i++) {
		struct account a;

		if (orders) {
			struct series s;
			char *name = oo.name ? NULL
					     : xasprintf("orders%s%s", argc - optind > 1 ? ":" : "",
							 argc - optind > 1 ? argv[i] : "");
			struct orders_opts o1 = oo;

			if (name != NULL)
				o1.name = name;
			if (orders_load(argv[i], &o1, &s, &a, &d) < 0) {
				free(name);
				cli_report(&d);
				goto out;
			}
			free(name);
			series_set_add(&set, &s);
			obad = xrealloc(obad, set.n * sizeof(*obad));
			obad[set.n - 1] = a.values_bad;
			continue;
		}
		if (metrics_load(argv[i], &mo, &set, &a, &d) < 0) {
			cli_report(&d);
			goto out;
		}
	}
	for (k = 0; k < tally.nwarnings; k++)
		cli_warn("%s", tally.warnings[k]);

	t = table_new("series");
	table_add_col(t, "series", TABLE_TEXT);
	table_add_col(t, "unit", TABLE_TEXT);
	table_add_col(t, "start", TABLE_TEXT);
	table_add_col(t, "end", TABLE_TEXT);
	table_add_col(t, "step_s", TABLE_NUM);
	table_add_col(t, "points", TABLE_NUM);
	table_add_col(t, "gaps", TABLE_NUM);
	table_add_col(t, "bad", TABLE_NUM);
	table_add_col(t, "min", TABLE_NUM);
	table_add_col(t, "mean", TABLE_NUM);
	table_add_col(t, "max", TABLE_NUM);
	for (k = 0; k < set.n; k++) {
		const struct metrics_tally_item *ti = metrics_tally_find(&tally, set.items[k].name);

		add_series_row(t, &set.items[k],
			       orders ? obad[k] : ti ? ti->values_bad : 0);
	}
	table_print(t, stdout, fmt);
	rc = RS_EXIT_OK;
out:
	table_free(t);
	free(obad);
	series_set_fini(&set);
	metrics_tally_fini(&tally);
	return rc;
}

const struct cmd cmd_metrics = {
	"metrics", "check metrics and order files: span, step, gaps, bad values", usage, run,
};
