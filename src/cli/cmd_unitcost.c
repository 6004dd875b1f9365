/*
 * cmd_unitcost.c - `rightsize unitcost`: what one order costs, on average
 * per hour, day or month and at the margin, with fixed and variable cost
 * apart.
 * Layer: front end.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/billing.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "ingest/metrics.h"
#include "data/rollup.h"
#include "out/table.h"
#include "model/unitcost.h"
#include "base/utc.h"

static const char usage[] =
	"usage: rightsize unitcost [options] --orders FILE BILLING...\n"
	"\n"
	"What one order costs: effective (amortized) cost per order by hour, day or\n"
	"month, split into fixed cost (databases, commitments, storage, support...)\n"
	"and variable cost, and the marginal cost of one more order (the slope of\n"
	"hourly cost on hourly orders, with its 95% interval). BILLING files are\n"
	"rollups or raw billing exports.\n"
	"\n"
	"Options:\n"
	"      --orders FILE        hourly order counts (timestamp,orders), or with\n"
	"      --orders-time-column COL  an order export, one row per order\n"
	"  -g, --granularity G      hour, day (default) or month\n"
	"      --fixed SERVICE      count this service as fixed (repeatable)\n"
	"      --variable SERVICE   count this service as variable (repeatable)\n"
	"      --classes            also list cost by service and class, with the rule\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Fixed: charges other than usage (commitment fees, tax, support...),\n"
	"commitment-covered usage, the fixed services (see rightsize-unitcost(1)),\n"
	"and storage usage types (EBS:, TimedStorage). Everything else is variable.\n"
	"\n"
	"Examples:\n"
	"  rightsize unitcost --orders orders-hourly.csv rollup-2026-10.csv\n"
	"  rightsize unitcost -g month --orders-time-column created_at \\\n"
	"      --orders orders.csv cur-2026-10.csv.gz\n";

static void
per_order(struct table *t, int col, money_t cost, double orders)
{
	if (orders > 0)
		table_setf(t, col, "%.4f", money_to_double(cost) / orders);
}

static void
period_row(struct table *t, const char *label, const struct unitcost_period *p)
{
	char m[48];

	table_add_row(t);
	table_set(t, 0, label);
	table_setf(t, 1, "%ld", p->hours);
	table_setf(t, 2, "%.0f", p->orders);
	table_set(t, 3, money_format(p->cost, 2, m, sizeof(m)));
	table_set(t, 4, money_format(p->fixed, 2, m, sizeof(m)));
	table_set(t, 5, money_format(p->variable, 2, m, sizeof(m)));
	per_order(t, 6, p->cost, p->orders);
	per_order(t, 7, p->fixed, p->orders);
	per_order(t, 8, p->variable, p->orders);
}

static void
line_row(struct table *t, const char *what, const struct unitcost_line *l)
{
	table_add_row(t);
	table_set(t, 0, what);
	table_setf(t, 1, "%zu", l->n);
	if (!l->ok)
		return;
	table_setf(t, 2, "%.4f", l->slope);
	table_setf(t, 3, "%.4f", l->slope_lo);
	table_setf(t, 4, "%.4f", l->slope_hi);
	table_setf(t, 5, "%.4f", l->base);
	table_setf(t, 6, "%.4f", l->base_lo);
	table_setf(t, 7, "%.4f", l->base_hi);
	if (!isnan(l->r2))
		table_setf(t, 8, "%.4f", l->r2);
}

struct svc {
	const char *service;
	enum unitcost_class cl;
	const char *why;
	money_t cost;
};

static int
svc_cmp(const void *pa, const void *pb)
{
	const struct svc *a = pa, *b = pb;

	if (a->cost != b->cost)
		return a->cost > b->cost ? -1 : 1;
	return strcmp(a->service, b->service);
}

/* Cost by (service, class, rule), largest first; NULL (after the error
 * line) when a sum overflows. */
static struct table *
classes_table(const struct rollup *r, const struct unitcost_opts *o)
{
	struct svc *v = NULL;
	size_t n = 0, cap = 0, i, k;
	struct table *t = table_new("classes");
	char m[48];

	table_add_col(t, "service", TABLE_TEXT);
	table_add_col(t, "class", TABLE_TEXT);
	table_add_col(t, "rule", TABLE_TEXT);
	table_add_col(t, "effective", TABLE_NUM);
	for (i = 0; i < rollup_count(r); i++) {
		const struct rollup_cell *c = rollup_get(r, i);
		const char *why;
		enum unitcost_class cl = unitcost_classify(c, o, &why);

		for (k = 0; k < n; k++) {
			if (v[k].cl == cl && v[k].why == why &&
			    strcmp(v[k].service, c->dim[DIM_SERVICE]) == 0)
				break;
		}
		if (k == n) {
			xgrow((void **)&v, &cap, n + 1, sizeof(*v));
			v[n].service = c->dim[DIM_SERVICE];
			v[n].cl = cl;
			v[n].why = why;
			v[n].cost = 0;
			n++;
		}
		if (money_add(&v[k].cost, c->effective) < 0) {
			cli_fail("cost of %s overflows", c->dim[DIM_SERVICE][0] ? c->dim[DIM_SERVICE]
										 : "(none)");
			free(v);
			table_free(t);
			return NULL;
		}
	}
	qsort(v, n, sizeof(*v), svc_cmp);
	for (k = 0; k < n; k++) {
		table_add_row(t);
		table_set(t, 0, v[k].service[0] ? v[k].service : "(none)");
		table_set(t, 1, v[k].cl == UC_FIXED ? "fixed" : "variable");
		table_set(t, 2, v[k].why);
		table_set(t, 3, money_format(v[k].cost, 2, m, sizeof(m)));
	}
	free(v);
	return t;
}

static int
run(int argc, char **argv)
{
	enum { O_ORDERS = 256, O_OCOL, O_FIXED, O_VARIABLE, O_CLASSES, O_FORMAT };
	static const struct option longopts[] = {
		{ "orders", required_argument, NULL, O_ORDERS },
		{ "orders-time-column", required_argument, NULL, O_OCOL },
		{ "granularity", required_argument, NULL, 'g' },
		{ "fixed", required_argument, NULL, O_FIXED },
		{ "variable", required_argument, NULL, O_VARIABLE },
		{ "classes", no_argument, NULL, O_CLASSES },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format fmt = OUT_TEXT;
	struct unitcost_opts uo;
	struct unitcost_result res;
	struct orders_opts oo;
	struct series orders;
	struct rollup *r = NULL;
	struct table *tp = NULL, *tm = NULL, *tn = NULL, *tc = NULL;
	const char **fixed = NULL, **variable = NULL;
	const char *orders_path = NULL;
	struct diag d;
	int opt, i, rc = RS_EXIT_USAGE, classes = 0, have_orders = 0;
	size_t k;
	char buf[48], m[48];

	unitcost_opts_init(&uo);
	orders_opts_init(&oo);
	memset(&res, 0, sizeof(res));
	memset(&orders, 0, sizeof(orders));
	diag_clear(&d);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "g:h", longopts, NULL)) != -1) {
		switch (opt) {
		case O_ORDERS:
			orders_path = optarg;
			break;
		case O_OCOL:
			oo.time_column = optarg;
			break;
		case 'g':
			if (strcmp(optarg, "hour") == 0)
				uo.gran = UC_HOUR;
			else if (strcmp(optarg, "day") == 0)
				uo.gran = UC_DAY;
			else if (strcmp(optarg, "month") == 0)
				uo.gran = UC_MONTH;
			else {
				cli_usage_error(&cmd_unitcost, "--granularity is hour, day or month");
				goto out;
			}
			break;
		case O_FIXED:
			fixed = xrealloc(fixed, (uo.nfixed + 1) * sizeof(*fixed));
			fixed[uo.nfixed++] = optarg;
			break;
		case O_VARIABLE:
			variable = xrealloc(variable, (uo.nvariable + 1) * sizeof(*variable));
			variable[uo.nvariable++] = optarg;
			break;
		case O_CLASSES:
			classes = 1;
			break;
		case O_FORMAT:
			if (cli_format_option(&cmd_unitcost, optarg, &fmt) != 0)
				goto out;
			break;
		case 'h':
			rc = cli_help(&cmd_unitcost);
			goto out;
		default:
			cli_usage_error(&cmd_unitcost, "unknown option");
			goto out;
		}
	}
	uo.fixed = fixed;
	uo.variable = variable;
	if (orders_path == NULL) {
		cli_usage_error(&cmd_unitcost, "--orders names the orders file");
		goto out;
	}
	if (optind >= argc) {
		cli_usage_error(&cmd_unitcost, "no rollup or billing files given");
		goto out;
	}
	rc = RS_EXIT_INPUT;
	{
		struct account a;

		if (orders_load(orders_path, &oo, &orders, &a, &d) < 0) {
			cli_report(&d);
			goto out;
		}
		have_orders = 1;
	}
	r = rollup_new();
	for (i = optind; i < argc; i++) {
		struct account a;

		if (cli_billing_load(r, argv[i], &a, &d) < 0) {
			cli_report(&d);
			goto out;
		}
	}
	if (unitcost_run(r, &orders, &uo, &res, &d) < 0) {
		cli_report(&d);
		goto out;
	}
	if (res.currencies > 1)
		cli_warn("costs in several currencies are added together");

	tp = table_new("cost_per_order");
	table_add_col(tp, "period", TABLE_TEXT);
	table_add_col(tp, "hours", TABLE_NUM);
	table_add_col(tp, "orders", TABLE_NUM);
	table_add_col(tp, "cost", TABLE_NUM);
	table_add_col(tp, "fixed", TABLE_NUM);
	table_add_col(tp, "variable", TABLE_NUM);
	table_add_col(tp, "per_order", TABLE_NUM);
	table_add_col(tp, "fixed_per_order", TABLE_NUM);
	table_add_col(tp, "variable_per_order", TABLE_NUM);
	for (k = 0; k < res.n; k++) {
		int64_t p = res.periods[k].start;

		if (uo.gran == UC_HOUR)
			utc_format(p, buf, sizeof(buf));
		else if (uo.gran == UC_DAY)
			utc_format_date(p, buf, sizeof(buf));
		else
			utc_format_month(p, buf, sizeof(buf));
		period_row(tp, buf, &res.periods[k]);
	}
	period_row(tp, "TOTAL", &res.total);

	tm = table_new("marginal");
	table_add_col(tm, "cost", TABLE_TEXT);
	table_add_col(tm, "hours", TABLE_NUM);
	table_add_col(tm, "per_order", TABLE_NUM);
	table_add_col(tm, "per_order_lo95", TABLE_NUM);
	table_add_col(tm, "per_order_hi95", TABLE_NUM);
	table_add_col(tm, "base_per_hour", TABLE_NUM);
	table_add_col(tm, "base_lo95", TABLE_NUM);
	table_add_col(tm, "base_hi95", TABLE_NUM);
	table_add_col(tm, "r2", TABLE_NUM);
	line_row(tm, "hourly cost", &res.marginal);
	line_row(tm, "variable cost", &res.variable);

	tn = table_new("left_out");
	table_add_col(tn, "what", TABLE_TEXT);
	table_add_col(tn, "effective", TABLE_NUM);
	table_add_col(tn, "note", TABLE_TEXT);
	table_add_row(tn);
	table_set(tn, 0, "lump charges");
	table_set(tn, 1, money_format(res.lump, 2, m, sizeof(m)));
	table_set(tn, 2, "in the averages, not in the hourly slope (tax, support, fees...)");
	table_add_row(tn);
	table_set(tn, 0, "hours without orders");
	table_set(tn, 1, money_format(res.outside, 2, m, sizeof(m)));
	table_setf(tn, 2, "%ld billing hours without orders data: in no figure",
		   res.hours_outside);
	{
		struct table *all[4] = { tp, tm, tn, NULL };
		int nt = 3;

		if (classes) {
			tc = classes_table(r, &uo);
			if (tc == NULL)
				goto out;
			all[nt++] = tc;
		}
		table_print_many(all, nt, stdout, fmt);
	}
	rc = RS_EXIT_OK;
out:
	table_free(tp);
	table_free(tm);
	table_free(tn);
	table_free(tc);
	unitcost_result_fini(&res);
	if (have_orders)
		series_fini(&orders);
	rollup_free(r);
	free(fixed);
	free(variable);
	return rc;
}

const struct cmd cmd_unitcost = {
	"unitcost", "cost per order: average, marginal, fixed and variable", usage, run,
};
