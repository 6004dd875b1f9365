/*
 * cmd_recommend.c - `rightsize recommend`: right-sizing findings and
 * ranked candidate types per resource from utilization metrics, priced at
 * the user's effective rates when a billing export is given.
 * Layer: front end.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/billing.h"
#include "ingest/catalog.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "ingest/metrics.h"
#include "model/recommend.h"
#include "data/rollup.h"
#include "out/table.h"
#include "base/utc.h"

static const char usage[] =
	"usage: rightsize recommend [options] METRICS...\n"
	"\n"
	"Right-sizing per resource from its CPU (and memory) utilization: idle,\n"
	"over-provisioned, under-provisioned, optimized or not enough data, with\n"
	"up to three ranked candidate types and monthly savings at your rates.\n"
	"A series is a resource (its name is the resource id); a series named\n"
	"ID:mem or ID:memory is that resource's memory utilization.\n"
	"\n"
	"Options:\n"
	"  -c, --catalog PATH       price catalog (default: $RIGHTSIZE_CATALOG or installed)\n"
	"  -r, --region R           catalog region of the resources (default: first match)\n"
	"  -t, --types FILE         CSV resource,instance_type\n"
	"  -T, --type TYPE          instance type of resources not otherwise typed\n"
	"  -b, --billing FILE       billing export or rollup (repeatable): effective\n"
	"                           rates per type and resource -> instance type\n"
	"  -p, --preset NAME        compute-optimizer (P99.5 + 20%, default),\n"
	"                           krr (P95), vpa (P90 + 15%)\n"
	"      --percentile P       percentile of the 5-minute maxima (0-100)\n"
	"      --headroom PCT       headroom added to it, percent\n"
	"      --lookback DAYS      window ending at the last point (default 14)\n"
	"      --min-hours H        less data is 'not enough data' (default 30)\n"
	"      --idle-max PCT       idle when max CPU <= PCT (default 1)\n"
	"      --candidates N       options per resource, 0-3 (default 3)\n"
	"      --no-arch-change     no candidates of another architecture\n"
	"      --step DURATION      metrics grid step (default: inferred; 5m for value files)\n"
	"      --start TIME         time of the first value of files without time stamps\n"
	"  -e, --explain            print the reasoning for each resource\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Examples:\n"
	"  rightsize recommend --type m5.xlarge cpu.json\n"
	"  rightsize recommend --types types.csv --billing cur.csv.gz --explain metrics/*.json\n"
	"  rightsize recommend --preset krr --min-hours 12 --type m5.large --format csv vm*\n";

enum {
	O_PCT = 256, O_HEADROOM, O_LOOKBACK, O_MINH, O_IDLE, O_NCAND, O_NOARCH,
	O_STEP, O_START, O_FORMAT,
};

struct typemap {
	char **res, **type;
	size_t n, cap;
};

static void
typemap_fini(struct typemap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->res[i]);
		free(m->type[i]);
	}
	free(m->res);
	free(m->type);
}

static const char *
typemap_find(const struct typemap *m, const char *res)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (strcmp(m->res[i], res) == 0)
			return m->type[i];
	}
	return NULL;
}

/* resource,instance_type per line; an optional header naming them; blank
 * lines and lines starting with # skipped. A line is at most
 * TYPEMAP_MAX_LINE bytes (a resource id or ARN and a type fit many times
 * over), so a wrong file such as /dev/zero fails at once. */
#define TYPEMAP_MAX_LINE 4096
static int
typemap_load(struct typemap *m, const char *path, struct diag *d)
{
	FILE *f = fopen(path, "r");
	char line[TYPEMAP_MAX_LINE + 1], *comma, *a, *b;
	size_t capt, len;
	long ln = 0;
	int rc = -1, got;

	if (f == NULL)
		return diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
	while ((got = line_read(f, line, TYPEMAP_MAX_LINE, &len)) > 0) {
		size_t la, lb;

		ln++;
		if (memchr(line, '\0', len) != NULL) {
			diag_set(d, path, ln, (long)((char *)memchr(line, '\0', len) - line) + 1,
				 "NUL byte: not a text file");
			goto out;
		}
		while (len > 0 && isspace((unsigned char)line[len - 1]))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		comma = strchr(line, ',');
		if (comma == NULL || strchr(comma + 1, ',') != NULL) {
			diag_set(d, path, ln, 1, "want two fields: resource,instance_type");
			goto out;
		}
		*comma = '\0';
		a = line;
		b = comma + 1;
		la = strlen(a);
		lb = strlen(b);
		strn_trim((const char **)&a, &la);
		strn_trim((const char **)&b, &lb);
		a[la] = '\0';
		b[lb] = '\0';
		if (ln == 1 && strcmp(a, "resource") == 0)
			continue;
		if (la == 0 || lb == 0) {
			diag_set(d, path, ln, la == 0 ? 1 : (long)(b - line) + 1,
				 "empty %s", la == 0 ? "resource" : "instance type");
			goto out;
		}
		capt = m->cap;
		xgrow((void **)&m->res, &m->cap, m->n + 1, sizeof(*m->res));
		xgrow((void **)&m->type, &capt, m->n + 1, sizeof(*m->type));
		m->res[m->n] = xstrdup(a);
		m->type[m->n] = xstrdup(b);
		m->n++;
	}
	if (got == -1)
		diag_set(d, path, ln + 1, TYPEMAP_MAX_LINE + 1, "line longer than %d bytes",
			 TYPEMAP_MAX_LINE);
	else if (got == -2)
		diag_set(d, path, ln + 1, 0, "read error: %s", strerror(errno));
	else
		rc = 0;
out:
	fclose(f);
	return rc;
}

static void
set_money(struct table *t, int col, money_t m, int dec)
{
	char buf[40];

	if (m >= 0 || dec == 2)
		table_set(t, col, money_format(m, dec, buf, sizeof(buf)));
}

static void
set_pct(struct table *t, int col, double v)
{
	if (!isnan(v))
		table_setf(t, col, "%.2f", v);
}

/* Explanation on one line for CSV/JSON. */
static void
flatten(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == '\n')
		s[--n] = '\0';
	for (; *s; s++) {
		if (*s == '\n')
			*s = ';';
	}
}

enum {
	C_RES, C_TYPE, C_FINDING, C_HOURS, C_CPU_MAX, C_CPU_P, C_NEED, C_MEM_P,
	C_RATE, C_MONTHLY, C_OPTION, C_CAND, C_KIND, C_PROJ, C_RISK, C_EFFORT,
	C_ARCH, C_NEW_RATE, C_SAVINGS, C_EXPLAIN,
};

static struct table *
results_table(int explain)
{
	static const char *const cols[] = {
		"resource", "type", "finding", "hours", "cpu_max", "cpu_p", "cpu_need",
		"mem_p", "rate", "monthly", "option", "candidate", "kind", "proj_cpu",
		"risk", "effort", "arch_change", "new_rate", "monthly_savings",
		"explain",
	};
	struct table *t = table_new("recommendations");
	int k;

	for (k = 0; k < (int)ARRAY_SIZE(cols); k++) {
		if (k == C_EXPLAIN && !explain)
			break;
		table_add_col(t, cols[k],
			      (k == C_HOURS || k == C_CPU_MAX || k == C_CPU_P || k == C_NEED ||
			       k == C_MEM_P || k == C_RATE || k == C_MONTHLY || k == C_OPTION ||
			       k == C_PROJ || k == C_RISK || k == C_NEW_RATE || k == C_SAVINGS) ?
			      TABLE_NUM : TABLE_TEXT);
	}
	return t;
}

static void
add_rows(struct table *t, const struct rec_result *r, const char *explain)
{
	int k, n = r->ncand > 0 ? r->ncand : 1;

	for (k = 0; k < n; k++) {
		table_add_row(t);
		table_set(t, C_RES, r->resource);
		table_set(t, C_TYPE, r->type);
		table_set(t, C_FINDING, rec_finding_name(r->finding));
		table_setf(t, C_HOURS, "%.1f", r->hours);
		set_pct(t, C_CPU_MAX, r->cpu_max);
		set_pct(t, C_CPU_P, r->cpu_pct);
		set_pct(t, C_NEED, r->cpu_need);
		set_pct(t, C_MEM_P, r->mem_pct);
		set_money(t, C_RATE, r->rate, 4);
		if (r->monthly_cost >= 0)
			set_money(t, C_MONTHLY, r->monthly_cost, 2);
		if (r->finding == REC_IDLE) {
			table_set(t, C_CAND, "(stop)");
			set_money(t, C_SAVINGS, r->best_savings, 2);
		}
		if (r->ncand > 0) {
			const struct rec_candidate *c = &r->cand[k];

			table_setf(t, C_OPTION, "%d", k + 1);
			table_set(t, C_CAND, c->entry->type);
			table_set(t, C_KIND, rec_kind_name(c->kind));
			set_pct(t, C_PROJ, c->proj_cpu);
			table_setf(t, C_RISK, "%d", c->risk);
			table_set(t, C_EFFORT, c->effort);
			table_set(t, C_ARCH, c->arch_change ? "yes" : "no");
			set_money(t, C_NEW_RATE, c->rate, 4);
			set_money(t, C_SAVINGS, c->monthly_savings, 2);
		}
		if (explain != NULL)
			table_set(t, C_EXPLAIN, explain);
	}
}

static struct table *
summary_table(const struct rec_tally *s)
{
	struct table *t = table_new("summary");
	char buf[40];
	int f;

	table_add_col(t, "finding", TABLE_TEXT);
	table_add_col(t, "resources", TABLE_NUM);
	table_add_col(t, "monthly_cost", TABLE_NUM);
	table_add_col(t, "monthly_savings", TABLE_NUM);
	for (f = 0; f < REC_FINDING_N; f++) {
		table_add_row(t);
		table_set(t, 0, rec_finding_name((enum rec_finding)f));
		table_setf(t, 1, "%ld", s->n[f]);
		table_set(t, 2, money_format(s->cost[f], 2, buf, sizeof(buf)));
		table_set(t, 3, money_format(s->savings[f], 2, buf, sizeof(buf)));
	}
	table_add_row(t);
	table_set(t, 0, "TOTAL");
	table_setf(t, 1, "%ld", s->total);
	table_set(t, 2, money_format(s->total_cost, 2, buf, sizeof(buf)));
	table_set(t, 3, money_format(s->total_savings, 2, buf, sizeof(buf)));
	return t;
}

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "catalog", required_argument, NULL, 'c' },
		{ "region", required_argument, NULL, 'r' },
		{ "types", required_argument, NULL, 't' },
		{ "type", required_argument, NULL, 'T' },
		{ "billing", required_argument, NULL, 'b' },
		{ "preset", required_argument, NULL, 'p' },
		{ "percentile", required_argument, NULL, O_PCT },
		{ "headroom", required_argument, NULL, O_HEADROOM },
		{ "lookback", required_argument, NULL, O_LOOKBACK },
		{ "min-hours", required_argument, NULL, O_MINH },
		{ "idle-max", required_argument, NULL, O_IDLE },
		{ "candidates", required_argument, NULL, O_NCAND },
		{ "no-arch-change", no_argument, NULL, O_NOARCH },
		{ "step", required_argument, NULL, O_STEP },
		{ "start", required_argument, NULL, O_START },
		{ "explain", no_argument, NULL, 'e' },
		{ "format", required_argument, NULL, O_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rec_params p;
	struct metrics_opts mo;
	struct series_set set;
	struct typemap tm;
	struct rec_rates rates;
	struct rec_tally sum;
	struct rollup *ro = NULL;
	struct catalog *cat = NULL;
	struct table *t = NULL, *ts = NULL;
	enum out_format fmt = OUT_TEXT;
	const char *catpath = NULL, *deftype = NULL;
	const char **billing = NULL;
	size_t nbilling = 0, capb = 0, i;
	struct diag d;
	double v;
	long lv;
	int opt, explain = 0, rc = RS_EXIT_USAGE;
	char ebuf[4096];

	rec_params_init(&p);
	metrics_opts_init(&mo);
	memset(&set, 0, sizeof(set));
	memset(&tm, 0, sizeof(tm));
	memset(&sum, 0, sizeof(sum));
	rec_rates_init(&rates);
	diag_clear(&d);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "c:r:t:T:b:p:eh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			catpath = optarg;
			break;
		case 'r':
			p.region = optarg;
			break;
		case 't':
			if (typemap_load(&tm, optarg, &d) < 0) {
				rc = cli_report(&d);
				goto out;
			}
			break;
		case 'T':
			deftype = optarg;
			break;
		case 'b':
			xgrow((void **)&billing, &capb, nbilling + 1, sizeof(*billing));
			billing[nbilling++] = optarg;
			break;
		case 'p':
			if (rec_params_preset(&p, optarg) < 0) {
				cli_usage_error(&cmd_recommend,
						"--preset is compute-optimizer, krr or vpa");
				goto out;
			}
			break;
		case O_PCT:
			if (cli_parse_double(&cmd_recommend, "--percentile", optarg, &v) != 0)
				goto out;
			if (v < 0 || v > 100) {
				cli_usage_error(&cmd_recommend, "--percentile is 0 to 100");
				goto out;
			}
			p.percentile = v;
			break;
		case O_HEADROOM:
			if (cli_parse_double(&cmd_recommend, "--headroom", optarg, &v) != 0)
				goto out;
			if (v < 0 || v > 1000) {
				cli_usage_error(&cmd_recommend, "--headroom is a percent >= 0");
				goto out;
			}
			p.headroom = v / 100.0;
			break;
		case O_LOOKBACK:
			if (cli_parse_double(&cmd_recommend, "--lookback", optarg, &v) != 0)
				goto out;
			if (v <= 0) {
				cli_usage_error(&cmd_recommend, "--lookback takes days > 0");
				goto out;
			}
			p.lookback_days = v;
			break;
		case O_MINH:
			if (cli_parse_double(&cmd_recommend, "--min-hours", optarg, &v) != 0)
				goto out;
			if (v < 0) {
				cli_usage_error(&cmd_recommend, "--min-hours takes hours >= 0");
				goto out;
			}
			p.min_hours = v;
			break;
		case O_IDLE:
			if (cli_parse_double(&cmd_recommend, "--idle-max", optarg, &v) != 0)
				goto out;
			p.idle_max_cpu = v;
			break;
		case O_NCAND:
			if (cli_parse_long(&cmd_recommend, "--candidates", optarg, &lv) != 0)
				goto out;
			if (lv < 0 || lv > REC_MAX_CANDIDATES) {
				cli_usage_error(&cmd_recommend, "--candidates is 0 to %d",
						REC_MAX_CANDIDATES);
				goto out;
			}
			p.max_candidates = (int)lv;
			break;
		case O_NOARCH:
			p.allow_arch_change = 0;
			break;
		case O_STEP:
			if (duration_parse(optarg, &mo.step) < 0) {
				cli_usage_error(&cmd_recommend, "--step takes a duration (300, 5m, 1h)");
				goto out;
			}
			break;
		case O_START:
			if (utc_parse(optarg, strlen(optarg), &mo.start) < 0) {
				cli_usage_error(&cmd_recommend, "--start: '%s' is not a time stamp",
						optarg);
				goto out;
			}
			mo.start_set = 1;
			break;
		case 'e':
			explain = 1;
			break;
		case O_FORMAT:
			if (cli_format_option(&cmd_recommend, optarg, &fmt) != 0)
				goto out;
			break;
		case 'h':
			rc = cli_help(&cmd_recommend);
			goto out;
		default:
			cli_usage_error(&cmd_recommend, "unknown option");
			goto out;
		}
	}
	if (optind >= argc) {
		cli_usage_error(&cmd_recommend, "no metrics files given");
		goto out;
	}
	rc = RS_EXIT_INPUT;
	if (catpath == NULL)
		catpath = catalog_default_path();
	if (catalog_load(catpath, &cat, &d) < 0) {
		cli_report(&d);
		goto out;
	}
	if (nbilling > 0) {
		ro = rollup_new();
		for (i = 0; i < nbilling; i++) {
			struct account a;

			if (cli_billing_load(ro, billing[i], &a, &d) < 0) {
				cli_report(&d);
				goto out;
			}
		}
		if (rec_rates_from_rollup(&rates, ro, cat, p.region, &d) < 0) {
			cli_report(&d);
			goto out;
		}
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		struct account a;

		if (metrics_load(argv[i], &mo, &set, &a, &d) < 0) {
			cli_report(&d);
			goto out;
		}
	}

	t = results_table(explain && fmt != OUT_TEXT);
	for (i = 0; i < set.n; i++) {
		const struct series *s = &set.items[i];
		struct rec_input in;
		struct rec_result r;

		if (rec_memory_suffix(s->name) > 0)
			continue;
		memset(&in, 0, sizeof(in));
		in.resource = s->name;
		in.cpu = s;
		in.mem = rec_memory_of(&set, s->name);
		in.type = typemap_find(&tm, s->name);
		if (in.type == NULL && ro != NULL)
			in.type = rec_rates_type_of(&rates, s->name);
		if (in.type == NULL)
			in.type = deftype;
		if (rec_run(&p, cat, ro != NULL ? &rates : NULL, &in, &r, &d) < 0) {
			rec_result_fini(&r);
			cli_report(&d);
			goto out;
		}
		if (rec_tally_add(&sum, &r) < 0) {
			rec_result_fini(&r);
			cli_fail("%s: monthly cost sum overflows", s->name);
			goto out;
		}
		if (explain) {
			rec_explain(&r, &p, ebuf, sizeof(ebuf));
			if (fmt == OUT_TEXT)
				cli_printf(stdout, "%s", ebuf);
			else
				flatten(ebuf);
		}
		add_rows(t, &r, explain && fmt != OUT_TEXT ? ebuf : NULL);
		rec_result_fini(&r);
	}
	if (explain && fmt == OUT_TEXT)
		fputc('\n', stdout);
	ts = summary_table(&sum);
	{
		struct table *both[2] = { t, ts };

		table_print_many(both, 2, stdout, fmt);
	}
	rc = RS_EXIT_OK;
out:
	table_free(t);
	table_free(ts);
	free(billing);
	typemap_fini(&tm);
	rec_rates_fini(&rates);
	rollup_free(ro);
	series_set_fini(&set);
	catalog_free(cat);
	return rc;
}

const struct cmd cmd_recommend = {
	"recommend", "right-sizing findings and cheaper instance types from utilization",
	usage, run,
};
