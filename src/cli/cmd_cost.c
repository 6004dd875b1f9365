/*
 * cmd_cost.c - `rightsize cost`: totals and breakdowns of billed and
 * effective cost from rollups or raw billing exports.
 * Layer: front end.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/billing.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "model/costview.h"
#include "data/rollup.h"
#include "out/table.h"
#include "base/utc.h"

static const char usage[] =
	"usage: rightsize cost [options] FILE...\n"
	"\n"
	"Billed (invoice) and effective (amortized) cost from rollups or raw billing\n"
	"exports: totals by month, or broken down by any dimensions or a tag key.\n"
	"\n"
	"Options:\n"
	"  -b, --by DIMS            group by a comma-separated list of: provider,\n"
	"                           currency, account, service, resource, usage_type,\n"
	"                           instance_type, region, pricing_model, charge_kind,\n"
	"                           tag:KEY\n"
	"  -g, --granularity G      month (default), day, hour or all\n"
	"      --from DATE          first day included (YYYY-MM-DD or YYYY-MM)\n"
	"      --to DATE            first day excluded (YYYY-MM-DD or YYYY-MM)\n"
	"  -m, --month YYYY-MM      only that month\n"
	"  -w, --where DIM=VALUE    keep only matching cells (repeatable)\n"
	"  -t, --top N              the N largest groups; the rest as (other)\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Examples:\n"
	"  rightsize cost rollup.csv\n"
	"  rightsize cost --by service --top 5 --month 2026-10 rollup.csv\n"
	"  rightsize cost --by tag:user:team -g day --format csv rollup.csv\n";

static int
parse_date(const char *s, int64_t *out)
{
	if (strlen(s) == 7)
		return utc_parse_month(s, out);
	return utc_parse(s, strlen(s), out);
}

static void
period_label(int64_t p, enum cost_gran g, char *buf, size_t n)
{
	switch (g) {
	case GRAN_MONTH:
		utc_format_month(p, buf, n);
		break;
	case GRAN_DAY:
		utc_format_date(p, buf, n);
		break;
	case GRAN_HOUR:
		utc_format(p, buf, n);
		break;
	case GRAN_ALL:
		snprintf(buf, n, "all");
		break;
	}
}

/* Warn when costs in several currencies would be added together. */
static void
check_currencies(const struct rollup *r, const struct costq *q)
{
	const char *first = NULL;
	size_t i;
	int k;

	for (k = 0; k < q->nby; k++) {
		if (q->by[k] == DIM_CURRENCY)
			return;
	}
	for (k = 0; k < q->nwhere; k++) {
		if (q->where_dim[k] == DIM_CURRENCY)
			return;
	}
	for (i = 0; i < rollup_count(r); i++) {
		const char *c = rollup_get(r, i)->dim[DIM_CURRENCY];

		if (first == NULL)
			first = c;
		else if (strcmp(first, c) != 0) {
			cli_warn("costs in %s and %s are added together; "
				 "use --by currency or --where currency=...", first, c);
			return;
		}
	}
}

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "granularity", required_argument, NULL, 'g' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 'T' },
		{ "month", required_argument, NULL, 'm' },
		{ "where", required_argument, NULL, 'w' },
		{ "top", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format fmt = OUT_TEXT;
	struct costq q;
	struct costresult res;
	struct rollup *r = NULL;
	struct table *t = NULL;
	struct diag d;
	int opt, i, rc = RS_EXIT_USAGE, ncols;
	long top;
	char buf[64], m[40];

	costq_init(&q);
	memset(&res, 0, sizeof(res));
	diag_clear(&d);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "b:g:m:w:t:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'b':
			if (costq_parse_by(&q, optarg, &d) < 0) {
				cli_usage_error(&cmd_cost, "--by: %s", d.msg);
				goto out;
			}
			break;
		case 'g':
			if (strcmp(optarg, "month") == 0)
				q.gran = GRAN_MONTH;
			else if (strcmp(optarg, "day") == 0)
				q.gran = GRAN_DAY;
			else if (strcmp(optarg, "hour") == 0)
				q.gran = GRAN_HOUR;
			else if (strcmp(optarg, "all") == 0)
				q.gran = GRAN_ALL;
			else {
				cli_usage_error(&cmd_cost, "--granularity is month, day, hour or all");
				goto out;
			}
			break;
		case 'f':
		case 'T':
			if (parse_date(optarg, opt == 'f' ? &q.from : &q.to) < 0) {
				cli_usage_error(&cmd_cost, "'%s' is not a date (YYYY-MM-DD or YYYY-MM)", optarg);
				goto out;
			}
			break;
		case 'm':
			if (utc_parse_month(optarg, &q.from) < 0) {
				cli_usage_error(&cmd_cost, "--month takes YYYY-MM");
				goto out;
			}
			q.to = utc_next_month(q.from);
			break;
		case 'w':
			if (costq_parse_where(&q, optarg, &d) < 0) {
				cli_usage_error(&cmd_cost, "--where: %s", d.msg);
				goto out;
			}
			break;
		case 't':
			if (cli_parse_long(&cmd_cost, "--top", optarg, &top) != 0 || top < 1) {
				if (top < 1)
					cli_usage_error(&cmd_cost, "--top takes a positive count");
				goto out;
			}
			q.top = (int)top;
			break;
		case 'F':
			if (cli_format_option(&cmd_cost, optarg, &fmt) != 0)
				goto out;
			break;
		case 'h':
			rc = cli_help(&cmd_cost);
			goto out;
		default:
			cli_usage_error(&cmd_cost, "unknown option");
			goto out;
		}
	}
	if (optind >= argc) {
		cli_usage_error(&cmd_cost, "no rollup or billing files given");
		goto out;
	}
	rc = RS_EXIT_INPUT;
	r = rollup_new();
	for (i = optind; i < argc; i++) {
		struct account a;

		if (cli_billing_load(r, argv[i], &a, &d) < 0) {
			cli_report(&d);
			goto out;
		}
	}
	check_currencies(r, &q);
	if (costview_run(r, &q, &res, &d) < 0) {
		cli_report(&d);
		goto out;
	}

	t = table_new("cost");
	table_add_col(t, "period", TABLE_TEXT);
	for (i = 0; i < q.nby; i++)
		table_add_col(t, costq_by_name(&q, i, buf, sizeof(buf)), TABLE_TEXT);
	table_add_col(t, "billed", TABLE_NUM);
	table_add_col(t, "effective", TABLE_NUM);
	table_add_col(t, "share", TABLE_NUM);
	ncols = q.nby + 4;
	for (size_t k = 0; k < res.n; k++) {
		const struct costrow *row = &res.rows[k];

		table_add_row(t);
		period_label(row->period, q.gran, buf, sizeof(buf));
		table_set(t, 0, buf);
		for (i = 0; i < q.nby; i++)
			table_set(t, 1 + i, row->key[i][0] ? row->key[i] : "(none)");
		table_set(t, q.nby + 1, money_format(row->billed, 2, m, sizeof(m)));
		table_set(t, q.nby + 2, money_format(row->effective, 2, m, sizeof(m)));
		if (res.effective != 0)
			table_setf(t, q.nby + 3, "%.1f",
				   100.0 * money_to_double(row->effective) / money_to_double(res.effective));
	}
	table_add_row(t);
	table_set(t, 0, "TOTAL");
	table_set(t, ncols - 3, money_format(res.billed, 2, m, sizeof(m)));
	table_set(t, ncols - 2, money_format(res.effective, 2, m, sizeof(m)));
	table_set(t, ncols - 1, res.effective != 0 ? "100.0" : "");
	table_print(t, stdout, fmt);
	rc = RS_EXIT_OK;
out:
	table_free(t);
	costresult_fini(&res);
	costq_fini(&q);
	rollup_free(r);
	return rc;
}

const struct cmd cmd_cost = {
	"cost", "totals and breakdowns of billed and effective cost", usage, run,
};
