/*
 * simout.h - what `simulate` and `whatif` share: the scenario override
 * options (--set, --growth, --peak) and the result tables.
 *
 * Layer: front end. Builds tables from sim_result records; no analysis.
 */
#ifndef RS_SIMOUT_H
#define RS_SIMOUT_H

#include <stddef.h>

#include "cli/cmd.h"
#include "sim/scenario.h"
#include "sim/sim.h"
#include "out/table.h"

/* Override strings gathered from the command line ("PATH=VALUE"). */
struct simout_overrides {
	char **v;
	size_t n, cap;
};

/* Handle --set/--growth/--peak option values. Returns 0, or a usage
 * error status (2) after printing it. */
int simout_set(const struct cmd *c, struct simout_overrides *o, const char *s);
int simout_growth(const struct cmd *c, struct simout_overrides *o, const char *s);
int simout_peak(const struct cmd *c, struct simout_overrides *o, const char *s);
void simout_overrides_fini(struct simout_overrides *o);

/* The error line for a run of c whose cost overflows (sim_run() returned
 * -1), naming the scenario file; returns the exit status (1). */
int simout_overflow(const char *file, const struct sim_config *c);

/* Format money to cents (or `dec` decimals); -1 as "". */
void simout_money(char *buf, size_t n, money_t m, int dec);

/* Columns and one row per run. */
struct table *simout_runs_table(void);
void simout_runs_row(struct table *t, const struct sim_config *c,
		     const struct sim_result *r);
struct table *simout_tiers_table(void);
void simout_tiers_rows(struct table *t, const struct sim_config *c,
		       const struct sim_result *r);
/* Fixed costs of each configuration: per month and over the run. */
struct table *simout_fixed_table(void);
void simout_fixed_rows(struct table *t, const struct sim_config *c,
		       const struct sim_result *r);
/* The scenario's and configurations' assumptions as a table. */
struct table *simout_notes_table(const struct scenario *s);

#endif
