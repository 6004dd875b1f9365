/*
 * report_int.h - what the report's two halves share: the reading context
 * (inputs, the periods compared), the table and figure builders, and the
 * sections of report_model.c that report.c calls.
 *
 * Layer: report writer (internal to report.c and report_model.c).
 * report.c: inputs, periods, the cost sections, data quality, footer.
 * report_model.c: sections from the models (unit cost, anomalies and
 * forecast, right-sizing, autoscaling).
 */
#ifndef RS_REPORT_INT_H
#define RS_REPORT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "data/account.h"
#include "ingest/catalog.h"
#include "model/costview.h"
#include "ingest/metrics.h"
#include "base/money.h"
#include "report/report.h"
#include "data/rollup.h"
#include "data/series.h"
#include "model/unitcost.h"
#include "base/util.h"

#define DAY 86400

/* One month compared: its span, totals and days (report.c). */
struct period {
	const char *role;    /* "month", "previous month", "same month last year" */
	int64_t from, to;
	int days;
	int days_with_data;
	money_t billed, effective;
	int complete;        /* billing data on every day */
	double *daily_billed, *daily_effective; /* days values, NAN: no data */
	money_t *day_billed, *day_effective;    /* the same, exact (0: no data) */
};

/* One input file: its reading account and audit hash. */
struct input {
	char *path;
	const char *kind;    /* "billing", "orders", "metrics" */
	struct account a;
	struct metrics_tally tally; /* metrics: the reader's warnings */
	char sha[65];
	unsigned long long bytes;
};

/* Everything the sections read. */
struct ctx {
	const struct report_opts *o;
	struct report *rep;
	struct rollup *ro;
	struct input *in;
	size_t nin;
	struct series orders;
	int have_orders;
	struct series_set metrics;
	struct catalog *cat;      /* NULL: no catalog, no right-sizing */
	struct unitcost_result uc[2]; /* month, previous month (have_uc[k]) */
	int have_uc[2];
	const char *catpath;
	struct period p[3];  /* month, previous month, same month last year */
	char currency[64];
};

/* Orders of a period (orders_sum). */
struct order_sum {
	double total;
	long hours, missing;
	double *daily;      /* days values; NAN: a day with no data */
};

/* Tables: add one to rep (owned by it), its columns, a row, cells of the
 * current row (copied; NULL empty), money to the cent, 100 num/den with
 * one decimal (empty when den is 0), the change of cur against prev, a
 * row's sparkline values, a sentence under the table. */
struct report_table *rt_add(struct report *rep, const char *name, const char *title);
void rt_col(struct report_table *t, const char *name, enum table_kind kind);
/* Several columns: "name,#count" (a leading '#' makes a number column). */
void rt_cols(struct report_table *t, const char *spec);
void rt_row(struct report_table *t);
void rt_set(struct report_table *t, size_t col, const char *s);
void rt_setf(struct report_table *t, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rt_money(struct report_table *t, size_t col, money_t m);
void rt_pct(struct report_table *t, size_t col, double num, double den);
void rt_change(struct report_table *t, size_t col, money_t cur, money_t prev);
void rt_spark(struct report_table *t, const double *v, size_t n);
void rt_note(struct report_table *t, const char *s);
/* A chart drawn after the last table added; a line of n NAN values. */
struct report_fig *fig_add(struct report *rep, enum report_fig_kind kind, const char *title,
			   const char *unit, size_t n);
double *fig_line(struct report_fig *f, const char *name, int dashed);
/* Say a section was left out, and why (the not_included table). */
void omit(struct report *rep, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* costview over [from, to) grouped by `by` (NULL: not grouped); the
 * effective cost of usage charges per day of p. -1 with d. */
int cost_query(const struct rollup *r, int64_t from, int64_t to, enum cost_gran g,
	       const char *by, struct costresult *res, struct diag *d);
int usage_by_day(const struct rollup *r, const struct period *p, const char *by,
		 struct costresult *res, struct diag *d);
/* Orders in p (os->daily allocated; the caller frees it). */
void orders_sum(const struct series *s, const struct period *p, struct order_sum *os);
/* Add an input, hashing it; NULL with d when it cannot be read. */
struct input *input_add(struct ctx *c, const char *path, const char *kind, struct diag *d);

/* report_model.c */
int prepare_unitcost(struct ctx *c, struct diag *d);
double uc_measure(const struct unitcost_result *r, size_t k, char *buf, size_t n);
void section_unitcost(struct ctx *c);
int section_models(struct ctx *c, struct diag *d);
int section_rightsizing(struct ctx *c, struct diag *d);
int section_autoscaling(struct ctx *c, struct diag *d);

#endif
