/*
 * simout.c - command-line overrides and result tables for the simulator
 * commands.
 *
 * Layer: front end.
 */
#include "config.h"

#include "cli/simout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "base/util.h"

static void
add(struct simout_overrides *o, char *s)
{
	xgrow((void **)&o->v, &o->cap, o->n + 1, sizeof(char *));
	o->v[o->n++] = s;
}

int
simout_set(const struct cmd *c, struct simout_overrides *o, const char *s)
{
	const char *eq = strchr(s, '=');

	if (eq == NULL || eq == s)
		return cli_usage_error(c, "--set wants PATH=VALUE, got '%s'", s);
	if (cli_nonfinite(eq + 1))
		return cli_usage_error(c, "--set '%s': the value is not a finite number", s);
	add(o, xstrdup(s));
	return 0;
}

int
simout_growth(const struct cmd *c, struct simout_overrides *o, const char *s)
{
	double g;
	int rc = cli_parse_double(c, "--growth", s, &g);

	if (rc != 0)
		return rc;
	if (!(g >= 0.0))
		return cli_usage_error(c, "--growth must not be negative");
	add(o, xasprintf("load.growth=%.17g", g));
	return 0;
}

int
simout_peak(const struct cmd *c, struct simout_overrides *o, const char *s)
{
	struct scenario_peak p;
	int rc = scenario_parse_peak(s, &p);

	if (rc == -1)
		return cli_usage_error(c, "--peak wants DATE[/HOURSh]:FACTORx, got '%s'", s);
	if (rc != 0)
		return cli_usage_error(c, "--peak '%s': %s", s, scenario_peak_error(rc));
	add(o, xasprintf("load.peaks[]=\"%s\"", s));
	return 0;
}

void
simout_overrides_fini(struct simout_overrides *o)
{
	size_t k;

	for (k = 0; k < o->n; k++)
		free(o->v[k]);
	free(o->v);
	memset(o, 0, sizeof(*o));
}

int
simout_overflow(const char *file, const struct sim_config *c)
{
	return cli_fail("%s: configuration '%s': cost sum overflows (a price or fleet too large)",
			file, c->name);
}

void
simout_money(char *buf, size_t n, money_t m, int dec)
{
	if (m < 0) {
		buf[0] = '\0';
		return;
	}
	money_format(m, dec, buf, n);
}

enum {
	R_CONFIG, R_MONTHLY, R_TOTAL, R_ON_DEMAND, R_SPOT, R_COMMIT, R_FIXED,
	R_ORDERS, R_PER_ORDER, R_INST_HOURS, R_PEAK, R_MEAN, R_UTIL, R_SLO,
	R_UNSERVED,
};

struct table *
simout_runs_table(void)
{
	struct table *t = table_new("runs");

	table_add_col(t, "configuration", TABLE_TEXT);
	table_add_col(t, "monthly_cost", TABLE_NUM);
	table_add_col(t, "total_cost", TABLE_NUM);
	table_add_col(t, "on_demand", TABLE_NUM);
	table_add_col(t, "spot", TABLE_NUM);
	table_add_col(t, "commitment", TABLE_NUM);
	table_add_col(t, "fixed", TABLE_NUM);
	table_add_col(t, "orders", TABLE_NUM);
	table_add_col(t, "cost_per_order", TABLE_NUM);
	table_add_col(t, "instance_hours", TABLE_NUM);
	table_add_col(t, "peak_fleet", TABLE_NUM);
	table_add_col(t, "mean_fleet", TABLE_NUM);
	table_add_col(t, "mean_util_pct", TABLE_NUM);
	table_add_col(t, "slo_minutes", TABLE_NUM);
	table_add_col(t, "unserved_pct", TABLE_NUM);
	return t;
}

void
simout_runs_row(struct table *t, const struct sim_config *c,
		const struct sim_result *r)
{
	char b[40];

	table_add_row(t);
	table_set(t, R_CONFIG, c->name);
	simout_money(b, sizeof(b), r->monthly, 2);
	table_set(t, R_MONTHLY, b);
	simout_money(b, sizeof(b), r->total, 2);
	table_set(t, R_TOTAL, b);
	simout_money(b, sizeof(b), r->compute[SIM_ON_DEMAND], 2);
	table_set(t, R_ON_DEMAND, b);
	simout_money(b, sizeof(b), r->compute[SIM_SPOT], 2);
	table_set(t, R_SPOT, b);
	simout_money(b, sizeof(b), r->compute[SIM_COMMITMENT], 2);
	table_set(t, R_COMMIT, b);
	simout_money(b, sizeof(b), r->fixed, 2);
	table_set(t, R_FIXED, b);
	table_setf(t, R_ORDERS, "%.0f", r->orders);
	simout_money(b, sizeof(b), r->per_order, 4);
	table_set(t, R_PER_ORDER, b);
	table_setf(t, R_INST_HOURS, "%.1f", r->instance_hours);
	table_setf(t, R_PEAK, "%ld", r->peak);
	table_setf(t, R_MEAN, "%.1f", r->mean_fleet);
	table_setf(t, R_UTIL, "%.1f", r->mean_util * 100.0);
	table_setf(t, R_SLO, "%.0f", (double)r->slo_seconds / 60.0);
	table_setf(t, R_UNSERVED, "%.3f", r->unserved_share * 100.0);
}

struct table *
simout_tiers_table(void)
{
	struct table *t = table_new("tiers");

	table_add_col(t, "configuration", TABLE_TEXT);
	table_add_col(t, "tier", TABLE_TEXT);
	table_add_col(t, "instance_type", TABLE_TEXT);
	table_add_col(t, "on_demand_hours", TABLE_NUM);
	table_add_col(t, "spot_hours", TABLE_NUM);
	table_add_col(t, "committed_hours", TABLE_NUM);
	table_add_col(t, "compute_cost", TABLE_NUM);
	table_add_col(t, "peak_fleet", TABLE_NUM);
	table_add_col(t, "mean_fleet", TABLE_NUM);
	table_add_col(t, "mean_util_pct", TABLE_NUM);
	table_add_col(t, "slo_minutes", TABLE_NUM);
	table_add_col(t, "unserved_pct", TABLE_NUM);
	return t;
}

void
simout_tiers_rows(struct table *t, const struct sim_config *c,
		  const struct sim_result *r)
{
	size_t k;
	char b[40];

	for (k = 0; k < r->ntiers; k++) {
		const struct sim_tier_result *tr = &r->tiers[k];

		table_add_row(t);
		table_set(t, 0, c->name);
		table_set(t, 1, c->tiers[k].name);
		table_set(t, 2, c->tiers[k].instance_type ? c->tiers[k].instance_type : "");
		table_setf(t, 3, "%.1f", (double)tr->inst_seconds[SIM_ON_DEMAND] / 3600.0);
		table_setf(t, 4, "%.1f", (double)tr->inst_seconds[SIM_SPOT] / 3600.0);
		table_setf(t, 5, "%.1f", (double)tr->inst_seconds[SIM_COMMITMENT] / 3600.0);
		simout_money(b, sizeof(b), tr->cost, 2);
		table_set(t, 6, b);
		table_setf(t, 7, "%ld", tr->peak);
		table_setf(t, 8, "%.1f", tr->mean_fleet);
		table_setf(t, 9, "%.1f", tr->mean_util * 100.0);
		table_setf(t, 10, "%.0f", (double)tr->slo_seconds / 60.0);
		table_setf(t, 11, "%.3f", tr->offered > 0.0 ?
			   100.0 * tr->unserved / tr->offered : 0.0);
	}
}

struct table *
simout_fixed_table(void)
{
	struct table *t = table_new("fixed_costs");

	table_add_col(t, "configuration", TABLE_TEXT);
	table_add_col(t, "cost", TABLE_TEXT);
	table_add_col(t, "monthly", TABLE_NUM);
	table_add_col(t, "run", TABLE_NUM);
	return t;
}

void
simout_fixed_rows(struct table *t, const struct sim_config *c,
		  const struct sim_result *r)
{
	size_t k;
	char b[40];

	for (k = 0; k < c->nfixed; k++) {
		money_t run;

		table_add_row(t);
		table_set(t, 0, c->name);
		table_set(t, 1, c->fixed[k].name);
		simout_money(b, sizeof(b), c->fixed[k].monthly, 2);
		table_set(t, 2, b);
		/* sim_run() summed the same amounts without overflow */
		if (sim_prorate_month(c->fixed[k].monthly, r->seconds, &run) < 0)
			run = -1;
		simout_money(b, sizeof(b), run, 2);
		table_set(t, 3, b);
	}
}

static void
notes_rows(struct table *t, const char *who, char *const *notes, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		table_add_row(t);
		table_set(t, 0, who);
		table_set(t, 1, notes[k]);
	}
}

struct table *
simout_notes_table(const struct scenario *s)
{
	struct table *t = table_new("assumptions");
	size_t k;

	table_add_col(t, "where", TABLE_TEXT);
	table_add_col(t, "assumption", TABLE_TEXT);
	notes_rows(t, "scenario", s->notes, s->nnotes);
	notes_rows(t, s->baseline->name, s->baseline->notes, s->baseline->nnotes);
	for (k = 0; k < s->ncandidates; k++)
		notes_rows(t, s->candidates[k]->name, s->candidates[k]->notes,
			   s->candidates[k]->nnotes);
	return t;
}
