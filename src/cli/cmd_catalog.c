/*
 * cmd_catalog.c - `rightsize catalog`: list, filter and compare entries of
 * the instance and service price catalog.
 * Layer: front end.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/catalog.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "out/table.h"

static const char usage[] =
	"usage: rightsize catalog [options]\n"
	"       rightsize catalog [options] compare TYPE TYPE...\n"
	"\n"
	"List the price catalog (instance types, database and cache classes,\n"
	"Fargate and Lambda rates), filter it, or compare types side by side.\n"
	"\n"
	"Options:\n"
	"  -c, --catalog PATH       catalog file or folder of *.cat files\n"
	"                           (default: $RIGHTSIZE_CATALOG, else the installed one)\n"
	"  -f, --family F           only family F (e.g. m7g, db.r6g)\n"
	"  -a, --arch A             only architecture A (x86_64, arm64)\n"
	"  -s, --service S          only service S (ec2, rds, rds-multi-az,\n"
	"                           elasticache, fargate, lambda)\n"
	"      --min-vcpu N         at least N vCPUs\n"
	"      --max-price P        on-demand at most P per hour\n"
	"  -r, --region R           only region R\n"
	"      --provider P         only provider P\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Examples:\n"
	"  rightsize catalog --family m7g\n"
	"  rightsize catalog --service ec2 --arch arm64 --min-vcpu 4 --max-price 0.2\n"
	"  rightsize catalog compare m5.xlarge m7g.xlarge\n";

struct filter {
	const char *family, *arch, *service, *region, *provider;
	double min_vcpu;
	double max_price; /* < 0: none */
};

static int
keep(const struct filter *f, const struct catalog_entry *e)
{
	if (f->family != NULL && strcmp(f->family, e->family) != 0)
		return 0;
	if (f->arch != NULL && strcmp(f->arch, e->arch) != 0)
		return 0;
	if (f->service != NULL && strcmp(f->service, e->service) != 0)
		return 0;
	if (f->region != NULL && strcmp(f->region, e->region) != 0)
		return 0;
	if (f->provider != NULL && strcmp(f->provider, e->provider) != 0)
		return 0;
	if (e->vcpu < f->min_vcpu)
		return 0;
	if (f->max_price >= 0 && (e->price[CAT_ON_DEMAND] < 0 ||
				  money_to_double(e->price[CAT_ON_DEMAND]) > f->max_price + 1e-12))
		return 0;
	return 1;
}

static void
set_price(struct table *t, int col, money_t m)
{
	char buf[40];

	if (m >= 0)
		table_set(t, col, money_format_exact(m, buf, sizeof(buf)));
	else
		table_set(t, col, "-");
}

static const char *
band(const struct catalog_entry *e, char *buf, size_t n)
{
	if (e->spot_interrupt_lo < 0)
		return "-";
	if (e->spot_interrupt_lo <= 0)
		snprintf(buf, n, "<%g", e->spot_interrupt_hi);
	else if (e->spot_interrupt_hi >= 100)
		snprintf(buf, n, ">%g", e->spot_interrupt_lo);
	else
		snprintf(buf, n, "%g-%g", e->spot_interrupt_lo, e->spot_interrupt_hi);
	return buf;
}

/* On-demand price for a month of 730 hours (the AWS pricing pages'). */
static void
set_monthly(struct table *t, int col, const struct catalog_entry *e)
{
	char buf[40];
	money_t m = e->price[CAT_ON_DEMAND];

	/* the catalog refuses prices whose month overflows */
	if (m >= 0 && strcmp(e->service, "lambda") != 0 && money_mul(&m, 730) == 0)
		table_set(t, col, money_format(m, 2, buf, sizeof(buf)));
	else
		table_set(t, col, "-");
}

static int
list(const struct catalog *c, const struct filter *f, enum out_format fmt)
{
	static const char *const cols[] = {
		"provider", "region", "service", "type", "family", "arch", "vcpu",
		"memory_gib", "network", "perf", "on_demand", "monthly", "spot",
		"spot_band", "sp_1y", "sp_3y", "ri_1y", "ri_3y", "source", "read",
	};
	struct table *t = table_new("catalog");
	size_t i;
	int k, ncols = (int)ARRAY_SIZE(cols);
	char buf[40];

	/* The text form leaves out provider, source and read date to fit a
	 * terminal; JSON and CSV carry everything. */
	for (k = 0; k < ncols; k++) {
		if (fmt == OUT_TEXT && (k == 0 || k >= 18))
			continue;
		table_add_col(t, cols[k], (k >= 6 && k <= 17 && k != 8 && k != 13) ?
			      TABLE_NUM : TABLE_TEXT);
	}
	for (i = 0; i < catalog_count(c); i++) {
		const struct catalog_entry *e = catalog_get(c, i);
		int col = 0;

		if (!keep(f, e))
			continue;
		table_add_row(t);
		if (fmt != OUT_TEXT)
			table_set(t, col++, e->provider);
		table_set(t, col++, e->region);
		table_set(t, col++, e->service);
		table_set(t, col++, e->type);
		table_set(t, col++, e->family);
		table_set(t, col++, e->arch);
		table_setf(t, col++, "%g", e->vcpu);
		table_setf(t, col++, "%g", e->memory_gib);
		table_set(t, col++, e->network);
		table_setf(t, col++, "%g", e->perf);
		set_price(t, col++, e->price[CAT_ON_DEMAND]);
		set_monthly(t, col++, e);
		set_price(t, col++, e->price[CAT_SPOT]);
		table_set(t, col++, band(e, buf, sizeof(buf)));
		set_price(t, col++, e->price[CAT_SP_1Y]);
		set_price(t, col++, e->price[CAT_SP_3Y]);
		set_price(t, col++, e->price[CAT_RI_1Y]);
		set_price(t, col++, e->price[CAT_RI_3Y]);
		if (fmt != OUT_TEXT) {
			table_set(t, col++, e->source);
			table_set(t, col++, e->read_date);
		}
	}
	table_print(t, stdout, fmt);
	table_free(t);
	return RS_EXIT_OK;
}

/* One row per attribute, one column per type; the derived rows (price per
 * vCPU-hour, per perf-weighted vCPU-hour, per GiB-hour, relative to the
 * first type) are what a comparison is for. */
static int
compare(const struct catalog *c, const struct filter *f, char **types, int n,
	enum out_format fmt)
{
	const struct catalog_entry **e = xcalloc((size_t)n, sizeof(*e));
	struct table *t = table_new("compare");
	int i, p, rc = RS_EXIT_INPUT;
	char buf[40];

	for (i = 0; i < n; i++) {
		size_t k;

		for (k = 0; k < catalog_count(c) && e[i] == NULL; k++) {
			const struct catalog_entry *x = catalog_get(c, k);

			if (strcmp(x->type, types[i]) == 0 &&
			    (f->region == NULL || strcmp(x->region, f->region) == 0) &&
			    (f->service == NULL || strcmp(x->service, f->service) == 0) &&
			    (f->provider == NULL || strcmp(x->provider, f->provider) == 0))
				e[i] = x;
		}
		if (e[i] == NULL) {
			cli_fail("%s: not in the catalog", types[i]);
			goto out;
		}
	}
	table_add_col(t, "field", TABLE_TEXT);
	for (i = 0; i < n; i++)
		table_add_col(t, types[i], TABLE_TEXT);
#define ROW(name, ...)                                    \
	do {                                              \
		table_add_row(t);                         \
		table_set(t, 0, name);                    \
		for (i = 0; i < n; i++) {                 \
			__VA_ARGS__;                      \
		}                                         \
	} while (0)
	ROW("service", table_set(t, i + 1, e[i]->service));
	ROW("region", table_set(t, i + 1, e[i]->region));
	ROW("family", table_set(t, i + 1, e[i]->family));
	ROW("arch", table_set(t, i + 1, e[i]->arch));
	ROW("vcpu", table_setf(t, i + 1, "%g", e[i]->vcpu));
	ROW("memory_gib", table_setf(t, i + 1, "%g", e[i]->memory_gib));
	ROW("network", table_set(t, i + 1, e[i]->network));
	ROW("perf", table_setf(t, i + 1, "%g", e[i]->perf));
	for (p = 0; p < CAT_PRICE_N; p++)
		ROW(catalog_price_name((enum catalog_price)p),
		    set_price(t, i + 1, e[i]->price[p]));
	ROW("monthly", set_monthly(t, i + 1, e[i]));
	ROW("per_vcpu_hour",
	    if (e[i]->vcpu > 0 && e[i]->price[CAT_ON_DEMAND] >= 0)
		    table_setf(t, i + 1, "%.5f", money_to_double(e[i]->price[CAT_ON_DEMAND]) /
			       e[i]->vcpu);
	    else
		    table_set(t, i + 1, "-"));
	ROW("per_perf_vcpu_hour",
	    if (e[i]->vcpu > 0 && e[i]->price[CAT_ON_DEMAND] >= 0)
		    table_setf(t, i + 1, "%.5f", money_to_double(e[i]->price[CAT_ON_DEMAND]) /
			       (e[i]->vcpu * e[i]->perf));
	    else
		    table_set(t, i + 1, "-"));
	ROW("per_gib_hour",
	    if (e[i]->memory_gib > 0 && e[i]->price[CAT_ON_DEMAND] >= 0)
		    table_setf(t, i + 1, "%.5f", money_to_double(e[i]->price[CAT_ON_DEMAND]) /
			       e[i]->memory_gib);
	    else
		    table_set(t, i + 1, "-"));
	ROW("vs_first",
	    if (e[0]->price[CAT_ON_DEMAND] > 0 && e[i]->price[CAT_ON_DEMAND] >= 0)
		    table_setf(t, i + 1, "%+.1f%%", 100.0 *
			       (money_to_double(e[i]->price[CAT_ON_DEMAND]) /
				money_to_double(e[0]->price[CAT_ON_DEMAND]) - 1));
	    else
		    table_set(t, i + 1, "-"));
	ROW("spot_band", table_set(t, i + 1, band(e[i], buf, sizeof(buf))));
	ROW("source", table_set(t, i + 1, e[i]->source));
	ROW("read", table_set(t, i + 1, e[i]->read_date));
#undef ROW
	table_print(t, stdout, fmt);
	rc = RS_EXIT_OK;
out:
	table_free(t);
	free(e);
	return rc;
}

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, 'c' },
		{ "family", required_argument, NULL, 'f' },
		{ "arch", required_argument, NULL, 'a' },
		{ "service", required_argument, NULL, 's' },
		{ "min-vcpu", required_argument, NULL, 'V' },
		{ "max-price", required_argument, NULL, 'P' },
		{ "region", required_argument, NULL, 'r' },
		{ "provider", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct filter f;
	enum out_format fmt = OUT_TEXT;
	const char *path = NULL;
	struct catalog *c = NULL;
	struct diag d;
	int opt, rc = RS_EXIT_USAGE;

	memset(&f, 0, sizeof(f));
	f.max_price = -1;
	diag_clear(&d);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "c:f:a:s:r:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			path = optarg;
			break;
		case 'f':
			f.family = optarg;
			break;
		case 'a':
			f.arch = optarg;
			break;
		case 's':
			f.service = optarg;
			break;
		case 'r':
			f.region = optarg;
			break;
		case 'p':
			f.provider = optarg;
			break;
		case 'V':
			if (cli_parse_double(&cmd_catalog, "--min-vcpu", optarg, &f.min_vcpu) != 0)
				goto out;
			break;
		case 'P':
			if (cli_parse_double(&cmd_catalog, "--max-price", optarg, &f.max_price) != 0)
				goto out;
			if (f.max_price < 0) {
				cli_usage_error(&cmd_catalog, "--max-price takes a price >= 0");
				goto out;
			}
			break;
		case 'F':
			if (cli_format_option(&cmd_catalog, optarg, &fmt) != 0)
				goto out;
			break;
		case 'h':
			rc = cli_help(&cmd_catalog);
			goto out;
		default:
			cli_usage_error(&cmd_catalog, "unknown option");
			goto out;
		}
	}
	if (optind < argc && strcmp(argv[optind], "compare") != 0) {
		cli_usage_error(&cmd_catalog, "unknown argument '%s' (did you mean compare?)",
				argv[optind]);
		goto out;
	}
	if (optind < argc && argc - optind < 3) {
		cli_usage_error(&cmd_catalog, "compare takes two or more types");
		goto out;
	}
	if (path == NULL)
		path = catalog_default_path();
	if (catalog_load(path, &c, &d) < 0) {
		rc = cli_report(&d);
		goto out;
	}
	if (optind < argc)
		rc = compare(c, &f, argv + optind + 1, argc - optind - 1, fmt);
	else
		rc = list(c, &f, fmt);
out:
	catalog_free(c);
	return rc;
}

const struct cmd cmd_catalog = {
	"catalog", "list, filter and compare instance types and their prices", usage, run,
};
