/*
 * tuisim.h - the What-if and Policies screens' model: a scenario file,
 * knobs that become scenario overrides (the `--set PATH=VALUE` of
 * `rightsize whatif`), and the simulation of every configuration.
 *
 * Layer: front end (the TUI's model); no curses. Every change re-runs
 * sim_run() on each configuration with the knobs applied as
 * `rightsize whatif --set ...` applies them, so the screen shows that
 * command's figures: in memory on the configurations read at open (fast:
 * nothing is read again), or, for the instance type, by loading the file
 * again with the overrides. The edited scenario is saved as a
 * JSON file `rightsize whatif` reads (scenario_write()).
 *
 * Ownership: a tuisim owns its scenario, results and strings; free with
 * tuisim_free().
 */
#ifndef RS_TUISIM_H
#define RS_TUISIM_H

#include <stddef.h>
#include <stdint.h>

#include "sim/scenario.h"
#include "sim/sim.h"
#include "base/util.h"

enum tui_knob_id {
	KNOB_TYPE,    /* instance type: one of the scenario's optimize.instance_types */
	KNOB_TARGET,  /* target utilization of target-tracking/HPA policies, percent */
	KNOB_MIN,
	KNOB_MAX,
	KNOB_BOOT,    /* boot delay, seconds */
	KNOB_GROWTH,  /* load.growth multiplier */
	KNOB_PEAK,    /* multiplier on every declared peak's factor */
	KNOB_SPOT,    /* spot share above the on-demand base, percent */
	KNOB_COMMIT,  /* committed instances */
	KNOB_N,
};

struct tui_knob {
	const char *label;
	int available;  /* the edited configuration has this knob */
	char why[96];   /* when not: why */
	double value;   /* current value (KNOB_TYPE: index into types) */
	double file;    /* the value in the file */
	double step, lo, hi;
};

/* An instance type the knob offers (from the scenario's optimize list). */
struct tui_type {
	char *type;
	char price[40];  /* exact decimal per hour */
	double capacity; /* requests/s at 100 % */
};

/* One configuration's figures as `rightsize whatif` and `simulate`
 * print them (their formats; change and payback against the baseline by
 * whatif's rules). */
struct tuisim_row {
	char monthly[32], change[16], per_order[32], slo[24], peak[24], unserved[24];
	char one_time[32], payback[16], total[32], on_demand[32], spot[32];
	char commitment[32], fixed[32], orders[32], inst_hours[32], mean_fleet[24];
	char util[16];
};

struct tuisim {
	char *path;
	char **fixed_ov;         /* overrides given on the command line */
	size_t nfixed_ov;
	struct scenario *sc;     /* as last loaded (with the knobs) */
	struct sim_result *res;  /* baseline, then each candidate */
	size_t nres;
	size_t edited;           /* the configuration the knobs show (index into res) */
	struct tui_knob knob[KNOB_N];
	struct tui_type *types;
	size_t ntypes;
	struct scenario_peak *peaks; /* the file's peaks */
	size_t npeaks;
	struct sim_config **file_cfg; /* the file's configurations, for the fast path */
	size_t nfile_cfg;
	double file_growth;
	struct tuisim_row *rows; /* figures of each result, as the CLI prints them */
	unsigned gen;            /* counts the simulations, so views know when to redraw */
	unsigned changes;        /* knob changes and resets made */
	double ms;               /* wall time of the last reload and simulation */
	size_t steps;            /* simulated steps per configuration */
	char error[600];         /* why the last change was refused ("" if none) */
	/* the edited configuration's first tier, per step: offered load and
	 * instances in service (for the chart) */
	struct sim_load load;
	double *ready;
};

/* Read path (with overrides ov from the command line) and simulate it.
 * NULL with d when the file cannot be read. */
struct tuisim *tuisim_open(const char *path, const char *const *ov, size_t nov,
			   struct diag *d);
void tuisim_free(struct tuisim *ts);

/* The configuration of result i (baseline first). */
const struct sim_config *tuisim_config(const struct tuisim *ts, size_t i);

/* Move knob k by dir steps (+1/-1) and re-simulate. 0 when the change
 * took; -1 when the scenario refused it (ts->error says why; the knob and
 * the results stay as they were). */
int tuisim_change(struct tuisim *ts, int k, int dir);
/* Give knob k the value v (typed in) and re-simulate; as tuisim_change.
 * -1 with ts->error when v is out of the knob's range or the knob is the
 * instance type. */
int tuisim_set(struct tuisim *ts, int k, double v);
/* Load the file again with the knobs as overrides and simulate: what a
 * change does when it cannot be made in memory, and the reference the
 * in-memory path is tested against. 0, or -1 with d. */
int tuisim_reload(struct tuisim *ts, struct diag *d);
/* Put every knob back to the file's value and re-simulate. */
int tuisim_reset(struct tuisim *ts);
/* Text of knob k's value ("m5.large", "65", "1.20x") into buf. */
const char *tuisim_knob_text(const struct tuisim *ts, int k, char *buf, size_t n);
/* The overrides the knobs stand for now ("tier.min=4", ...), as
 * `rightsize whatif --set` takes them; returns how many (at most max). */
size_t tuisim_overrides(const struct tuisim *ts, char (*ov)[160], size_t max);

/* Write the scenario with the knobs applied to out (JSON that
 * `rightsize whatif` reads). 0, or -1 with d. */
int tuisim_save(const struct tuisim *ts, const char *out, struct diag *d);

/* The edited configuration's offered load and instances in service cut
 * into n columns (means per column), with the scale top of each. Arrays
 * of n doubles the caller frees. */
void tuisim_chart(const struct tuisim *ts, int n, double **load, double **ready,
		  double *load_max, double *ready_max);

#endif
