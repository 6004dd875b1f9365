/*
 * cmd_whatif.c - `rightsize whatif`: the baseline and candidate fleets of
 * a scenario side by side (monthly cost, cost per order, SLO minutes,
 * peak fleet, payback of the migration), or with --optimize the cheapest
 * policy and instance type that meets the SLO.
 * Layer: front end.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd.h"
#include "sim/optimize.h"
#include "sim/scenario.h"
#include "sim/sim.h"
#include "cli/simout.h"
#include "out/table.h"

static const char usage[] =
	"usage: rightsize whatif [options] SCENARIO.json\n"
	"\n"
	"Compare a scenario's baseline with its candidates (rightsize-scenario(5)):\n"
	"monthly cost, change, cost per order, minutes above the latency SLO, peak\n"
	"fleet, and how many months a migration's one-time cost takes to pay back.\n"
	"With --optimize, sweep policy targets, minimum capacities, scale-in\n"
	"cooldowns and instance types for one tier, and print the cheapest variant\n"
	"that meets the SLO and the frontier of cost against SLO minutes.\n"
	"\n"
	"Options:\n"
	"  -s, --set PATH=VALUE     change the scenario first (repeatable), e.g.\n"
	"                           policy.target=65 (every candidate's policies)\n"
	"  -g, --growth X           multiply the load by X\n"
	"  -p, --peak DATE:Nx       add a peak event (repeatable), N a finite\n"
	"                           number above 0\n"
	"  -O, --optimize           sweep (the scenario's \"optimize\" block)\n"
	"  -c, --config NAME        configuration to optimize (default: the first\n"
	"                           candidate, else the baseline)\n"
	"  -t, --tier NAME          tier to optimize (default: optimize.tier, else\n"
	"                           the first)\n"
	"  -j, --jobs N             threads for --optimize (default 2)\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Examples:\n"
	"  rightsize whatif data/scenarios/verdant.json\n"
	"  rightsize whatif --set policy.target=65 --growth 2.0 \\\n"
	"      --peak 2026-11-27:4x data/scenarios/verdant.json\n"
	"  rightsize whatif --optimize data/scenarios/verdant.json\n";

enum { OPT_FORMAT = 256 };

static const struct option longopts[] = {
	{ "set", required_argument, NULL, 's' },
	{ "growth", required_argument, NULL, 'g' },
	{ "peak", required_argument, NULL, 'p' },
	{ "optimize", no_argument, NULL, 'O' },
	{ "config", required_argument, NULL, 'c' },
	{ "tier", required_argument, NULL, 't' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
compare(const struct scenario *sc, const struct sim_load *load, struct table *t,
	const char *file)
{
	struct sim_result base;
	size_t k;
	char b[40];

	for (k = 0; k <= sc->ncandidates; k++) {
		const struct sim_config *c = k == 0 ? sc->baseline : sc->candidates[k - 1];
		struct sim_opts o = { sc->seed, NULL, NULL };
		struct sim_result r, *rp = k == 0 ? &base : &r;
		money_t saving;
		int have_saving;

		if (sim_run(c, load, &sc->slo, &o, rp) < 0) {
			if (k > 0)
				sim_result_fini(&r);
			sim_result_fini(&base);
			return simout_overflow(file, c);
		}
		saving = base.monthly;
		have_saving = k > 0 && money_sub(&saving, rp->monthly) == 0;
		table_add_row(t);
		table_set(t, 0, c->name);
		simout_money(b, sizeof(b), rp->monthly, 2);
		table_set(t, 1, b);
		if (have_saving && base.monthly > 0)
			table_setf(t, 2, "%+.1f", -100.0 * money_to_double(saving) /
				   money_to_double(base.monthly));
		simout_money(b, sizeof(b), rp->per_order, 4);
		table_set(t, 3, b);
		table_setf(t, 4, "%.0f", (double)rp->slo_seconds / 60.0);
		table_setf(t, 5, "%ld", rp->peak);
		table_setf(t, 6, "%.3f", rp->unserved_share * 100.0);
		simout_money(b, sizeof(b), c->one_time, 2);
		table_set(t, 7, c->one_time > 0 ? b : "");
		if (have_saving) {
			if (c->one_time <= 0)
				table_set(t, 8, saving >= 0 ? "0.0" : "never");
			else if (saving <= 0)
				table_set(t, 8, "never");
			else
				table_setf(t, 8, "%.1f", money_to_double(c->one_time) /
					   money_to_double(saving));
		}
		if (k > 0)
			sim_result_fini(&r);
	}
	sim_result_fini(&base);
	return RS_EXIT_OK;
}

static void
variant_row(struct table *t, const struct opt_variant *v)
{
	char b[40];

	table_add_row(t);
	table_set(t, 0, v->type);
	table_setf(t, 1, "%g", v->target);
	table_setf(t, 2, "%ld", v->min);
	table_setf(t, 3, "%lld", (long long)v->cooldown);
	simout_money(b, sizeof(b), v->r.monthly, 2);
	table_set(t, 4, b);
	simout_money(b, sizeof(b), v->r.per_order, 4);
	table_set(t, 5, b);
	table_setf(t, 6, "%.0f", (double)v->r.slo_seconds / 60.0);
	table_setf(t, 7, "%ld", v->r.peak);
	table_setf(t, 8, "%.1f", v->r.mean_util * 100.0);
}

static struct table *
variant_table(const char *title)
{
	struct table *t = table_new(title);

	table_add_col(t, "instance_type", TABLE_TEXT);
	table_add_col(t, "target_pct", TABLE_NUM);
	table_add_col(t, "min", TABLE_NUM);
	table_add_col(t, "scale_in_cooldown", TABLE_NUM);
	table_add_col(t, "monthly_cost", TABLE_NUM);
	table_add_col(t, "cost_per_order", TABLE_NUM);
	table_add_col(t, "slo_minutes", TABLE_NUM);
	table_add_col(t, "peak_fleet", TABLE_NUM);
	table_add_col(t, "mean_util_pct", TABLE_NUM);
	return t;
}

static int
optimize(const struct scenario *sc, const struct sim_load *load,
	 const char *cfgname, const char *tiername, int jobs, enum out_format fmt,
	 const char *file)
{
	const struct sim_config *c = sc->ncandidates ? sc->candidates[0] : sc->baseline;
	struct opt_result res;
	struct table *tabs[2];
	struct diag d;
	size_t k, tier = 0;

	if (cfgname != NULL) {
		c = strcmp(sc->baseline->name, cfgname) == 0 ? sc->baseline : NULL;
		for (k = 0; c == NULL && k < sc->ncandidates; k++) {
			if (strcmp(sc->candidates[k]->name, cfgname) == 0)
				c = sc->candidates[k];
		}
		if (c == NULL)
			return cli_fail("%s: no configuration named '%s'", file, cfgname);
	}
	if (tiername == NULL)
		tiername = sc->opt.tier;
	if (tiername != NULL) {
		for (tier = 0; tier < c->ntiers; tier++) {
			if (strcmp(c->tiers[tier].name, tiername) == 0)
				break;
		}
		if (tier == c->ntiers)
			return cli_fail("%s: %s has no tier named '%s'", file, c->name, tiername);
	}
	if (optimize_run(sc, c, tier, load, jobs, &res, &d) != 0) {
		optimize_result_fini(&res);
		if (d.file[0] == '\0')
			snprintf(d.file, sizeof(d.file), "%s", file);
		return cli_report(&d);
	}
	tabs[0] = variant_table("optimum");
	if (res.best >= 0)
		variant_row(tabs[0], &res.v[res.best]);
	tabs[1] = variant_table("frontier");
	for (k = 0; k < res.nfrontier; k++)
		variant_row(tabs[1], &res.v[res.frontier[k]]);
	table_print_many(tabs, 2, stdout, fmt);
	if (res.best < 0 && fmt == OUT_TEXT)
		printf("\nNo variant of %zu meets the SLO (at most %g minutes above it).\n",
		       res.n, sc->opt.max_slo_minutes);
	table_free(tabs[0]);
	table_free(tabs[1]);
	optimize_result_fini(&res);
	return RS_EXIT_OK;
}

static int
run(int argc, char **argv)
{
	struct simout_overrides ov = { NULL, 0, 0 };
	enum out_format fmt = OUT_TEXT;
	struct scenario *sc = NULL;
	struct sim_load load = { 0, 0, 0, NULL, 0 };
	const char *cfgname = NULL, *tiername = NULL;
	struct table *t = NULL;
	struct diag d;
	long jobs = 2;
	int ch, rc = RS_EXIT_OK, opt = 0;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "s:g:p:Oc:t:j:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			rc = simout_set(&cmd_whatif, &ov, optarg);
			break;
		case 'g':
			rc = simout_growth(&cmd_whatif, &ov, optarg);
			break;
		case 'p':
			rc = simout_peak(&cmd_whatif, &ov, optarg);
			break;
		case 'O':
			opt = 1;
			break;
		case 'c':
			cfgname = optarg;
			break;
		case 't':
			tiername = optarg;
			break;
		case 'j':
			rc = cli_parse_long(&cmd_whatif, "--jobs", optarg, &jobs);
			if (rc == 0 && (jobs < 1 || jobs > 64))
				rc = cli_usage_error(&cmd_whatif, "--jobs must be 1..64");
			break;
		case OPT_FORMAT:
			rc = cli_format_option(&cmd_whatif, optarg, &fmt);
			break;
		case 'h':
			simout_overrides_fini(&ov);
			return cli_help(&cmd_whatif);
		default:
			rc = cli_usage_error(&cmd_whatif, "unknown option '%s'",
					     argv[optind - 1]);
			break;
		}
		if (rc != 0)
			goto out;
	}
	if (optind != argc - 1) {
		rc = cli_usage_error(&cmd_whatif, "one scenario file expected");
		goto out;
	}
	if (scenario_load(argv[optind], (const char *const *)ov.v, ov.n, &sc, &d) != 0) {
		rc = cli_report(&d);
		goto out;
	}
	scenario_make_load(sc, &load);
	if (opt) {
		rc = optimize(sc, &load, cfgname, tiername, (int)jobs, fmt, argv[optind]);
		goto out;
	}
	t = table_new("whatif");
	table_add_col(t, "configuration", TABLE_TEXT);
	table_add_col(t, "monthly_cost", TABLE_NUM);
	table_add_col(t, "change_pct", TABLE_NUM);
	table_add_col(t, "cost_per_order", TABLE_NUM);
	table_add_col(t, "slo_minutes", TABLE_NUM);
	table_add_col(t, "peak_fleet", TABLE_NUM);
	table_add_col(t, "unserved_pct", TABLE_NUM);
	table_add_col(t, "one_time_cost", TABLE_NUM);
	table_add_col(t, "payback_months", TABLE_NUM);
	rc = compare(sc, &load, t, argv[optind]);
	if (rc == RS_EXIT_OK)
		table_print(t, stdout, fmt);
out:
	table_free(t);
	sim_load_fini(&load);
	scenario_free(sc);
	simout_overrides_fini(&ov);
	return rc;
}

const struct cmd cmd_whatif = {
	"whatif", "compare fleets and policies side by side; --optimize finds the cheapest",
	usage, run,
};
