/*
 * tuimodel.h - what the planning screens show, asked of the engine.
 *
 * Layer: front end (the TUI's model). The views draw only what is in a
 * struct tuimodel or what the engine returns to a view's key handler;
 * every figure comes from the same engine calls the CLI and the report
 * make (costview for costs), so the screen cannot show a number the
 * command line would not. Nothing here includes curses, so the model is
 * usable (and testable) without a terminal.
 *
 * Ownership: a tuimodel owns everything it points to; free with
 * tuimodel_free().
 */
#ifndef RS_TUIMODEL_H
#define RS_TUIMODEL_H

#include <stddef.h>
#include <stdint.h>

#include "data/account.h"
#include "ingest/catalog.h"
#include "model/costview.h"
#include "model/loadfit.h"
#include "model/recommend.h"
#include "data/rollup.h"
#include "data/series.h"
#include "tui/tuisim.h"
#include "model/unitcost.h"
#include "base/util.h"

/* What to open: the same inputs as the other commands. */
struct tui_inputs {
	const char **billing;   /* rollups or raw billing exports (borrowed) */
	size_t nbilling;
	const char **metrics;   /* metrics files (borrowed) */
	size_t nmetrics;
	const char *orders;     /* hourly orders or an order export; may be NULL */
	const char *orders_time_column; /* order export's time column; NULL: counts */
	const char *scenario;   /* scenario JSON; may be NULL */
	const char *const *set; /* its overrides, "PATH=VALUE" (borrowed) */
	size_t nset;
	const char *catalog;    /* price catalog; NULL: catalog_default_path() */
	const char *sample_dir; /* set when the bundled sample data is used */
};

struct tuimodel {
	char source[640];         /* one line: where the figures come from */
	struct rollup *rollup;
	struct account *accounts; /* one per billing file */
	size_t naccounts;
	struct account total;     /* their sum */
	struct costresult months; /* effective and billed by month (GRAN_MONTH) */
	struct costresult days;   /* by day (GRAN_DAY) */
	char **tag_keys;          /* tag keys present in the rollup, sorted */
	size_t ntag_keys;

	struct series_set metrics; /* every metrics file's series */
	struct account *maccounts; /* one per metrics file */
	size_t nmaccounts;
	struct series orders;      /* hourly orders; n == 0 when none given */
	struct account oaccount;

	/* Cost per order: `rightsize unitcost -g month` (have_uc 0 without
	 * orders, or with uc_error when it could not be computed) */
	int have_uc;
	char uc_error[600];
	struct unitcost_result uc;
	double *month_orders;      /* per row of months: orders, NAN unknown */
	double *month_per_order;   /* effective cost per order, NAN unknown */
	double total_per_order;

	/* Policies and What-if: the scenario and its simulation (NULL when
	 * none was given), and where What-if saves by default */
	struct tuisim *sim;
	char sim_save_default[512];

	/* Load model per load series (tuimodel_fit), NULL until asked */
	struct tui_fit *fits;

	/* Right-size: `rightsize recommend --billing FILES METRICS` */
	struct catalog *catalog;   /* NULL when it could not be read */
	char catalog_error[600];   /* why, then */
	struct rec_params recp;
	struct rec_rates rates;
	struct tui_rec *recs;      /* one per series of a billed resource, largest saving first */
	size_t nrecs;
	size_t rec_unbilled;       /* series that measure no billed resource with a type */
	struct rec_tally recsum;   /* the summary table of `rightsize recommend` */
};

/* A load series' model, as `rightsize fit` makes it. */
struct tui_fit {
	int tried;
	struct loadfit *fit;        /* NULL when the fit failed: see error */
	char error[600];
	struct loadfit_summary sum;
};

/* A recommendation with its reasoning as `rightsize recommend --explain`
 * prints it. */
struct tui_rec {
	struct rec_result r;
	char *explain;
};

/* Read every input (sorted, the same way the CLI would). Returns the
 * model, or NULL with d naming the file and line at fault. */
struct tuimodel *tuimodel_load(const struct tui_inputs *in, struct diag *d);
void tuimodel_free(struct tuimodel *m);

/* Strings and lists an inputs record points to when the model made them. */
struct tui_store {
	char **s;
	size_t n, cap;
	const char **billing, **metrics; /* the lists in the inputs */
	size_t billing_cap, metrics_cap;
};

/*
 * Fill in with the bundled sample data's files: billing/ *.csv(.gz),
 * orders/orders-hourly.csv, metrics/ (paths owned by store, freed with
 * tuimodel_store_fini). Looks in $RIGHTSIZE_SAMPLE when set, else dir.
 * Returns 0, or -1 with d when there is no sample there.
 */
int tuimodel_sample_inputs(const char *dir, struct tui_inputs *in,
			   struct tui_store *store, struct diag *d);
void tuimodel_store_fini(struct tui_store *store);

/* ---- costs ------------------------------------------------------------- */

/* One step of a drill-down: cells where dimension dim (enum rollup_dim or
 * COST_BY_TAG with tag) equals val. */
struct tui_filter {
	int dim;
	char tag[128];
	char val[256];
};

enum tui_sort { TUI_SORT_EFFECTIVE, TUI_SORT_BILLED, TUI_SORT_NAME, TUI_SORT_N };

/* A breakdown as the Costs screen shows it: costview's rows (GRAN_ALL,
 * grouped by one dimension, under the drill-down filters and a month),
 * in display order, with each row's share of the selection as
 * `rightsize cost` prints it. */
struct tui_costs {
	struct costresult res;
	size_t *order;    /* display order: indexes into res.rows */
	size_t norder;    /* rows kept by the text filter */
	char (*share)[16]; /* per row of res, "12.3" or "" */
};

/* Run the breakdown. by/tag is the grouping; from/to a month or 0/0.
 * Returns 0 or -1 with d. Free with tui_costs_fini. */
int tuimodel_costs(const struct tuimodel *m, int by, const char *tag,
		   const struct tui_filter *f, int nf, int64_t from, int64_t to,
		   struct tui_costs *out, struct diag *d);
/* Order the rows and keep those whose key contains needle (case
 * ignored; NULL or "" keeps all). */
void tuimodel_costs_arrange(struct tui_costs *c, enum tui_sort s,
			    const char *needle);
void tui_costs_fini(struct tui_costs *c);

/* ---- load -------------------------------------------------------------- */

/* The load series on offer: the orders (when given) then every metrics
 * series, in file order. NULL past the end. */
const struct series *tuimodel_load_series(const struct tuimodel *m, size_t i);
size_t tuimodel_nload_series(const struct tuimodel *m);

/* Fit series i's load model (once; later calls return the same). 0 when
 * there is a model, -1 when it failed (the reason in m->fits[i].error). */
int tuimodel_fit(struct tuimodel *m, size_t i);
/* The model's figures as `rightsize fit` words them, one "figure: value"
 * a line, into buf. "" when series i has no model. */
void tuimodel_fit_lines(const struct tuimodel *m, size_t i, char *buf, size_t n);
/* How far past the last point the Load view forecasts: four weeks, the
 * horizon of `rightsize fit --forecast 4w` in its examples. */
#define TUI_FORECAST (28 * 86400)

/* A load curve cut into n columns over [from, to): per column the mean,
 * lowest and highest measured value (NAN where the series has only gaps
 * or does not reach), and the fitted model with its 80% and 95% bands at
 * the column's middle (NAN without a model). ymax is the top of a scale
 * that holds every value drawn (column means, the 80% band). */
struct tui_chart {
	int n;
	int64_t from, to;
	int64_t last;        /* time of the series' last point */
	double *mean, *min, *max;
	double *fit, *lo80, *hi80, *lo95, *hi95;
	double ymax;
};

/* Fill c for series i (owned arrays; free with tui_chart_fini). */
void tuimodel_chart(const struct tuimodel *m, size_t i, int64_t from, int64_t to,
		    int n, struct tui_chart *c);
void tui_chart_fini(struct tui_chart *c);

/* Name of a grouping ("service", "tag:user:team") into buf. */
const char *tuimodel_dim_label(int dim, const char *tag, char *buf, size_t n);

#endif
