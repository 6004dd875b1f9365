/*
 * report.h - the monthly batch report: one month's cost, its changes and
 * where they come from, and the quality of the data behind it, written as
 * report.txt (people, 100 columns), report.json and report.csv (machines)
 * and report.html (one self-contained page with inline SVG charts).
 *
 * Layer: report writer, on top of the engine. Every cost number comes
 * from costview (the same questions `rightsize cost` asks), so the report
 * cannot disagree with the cost command. The report is a list of tables
 * and figures built once in memory (report_build) and then rendered in
 * four forms and written atomically (report_write): a failure leaves no
 * partial report and an earlier report untouched. Nothing depends on the
 * clock or the environment: the same inputs and options give the same
 * bytes; the footer echoes every option and each input's SHA-256.
 *
 * Ownership: a struct report owns everything in it; free with
 * report_fini(). Options are borrowed.
 */
#ifndef RS_REPORT_H
#define RS_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "model/loadfit.h"
#include "out/table.h"
#include "base/util.h"

/* Services listed in the cost-by-service table and movers listed: enough
 * for the bill's head (the top ten services carry nearly all of a typical
 * AWS bill) while a table stays one screen. */
#define REPORT_DEFAULT_TOP 10
/* Daily anomalies listed, largest departure first; services named per
 * anomaly (the ones whose cost moved most that day). */
#define REPORT_MAX_ANOMALIES 10
#define REPORT_ANOMALY_SERVICES 2
/* A day counts as an anomaly only when it lies outside its interval by at
 * least this share of the expected value: the hourly model's interval
 * understates day-to-day variation (its residuals are correlated within a
 * day), and departures of a few percent are ordinary (AWS Cost Anomaly
 * Detection likewise filters alerts by percentage impact). */
#define REPORT_ANOMALY_MIN_DEPARTURE 0.05
/* Text report width: the limit (fits a terminal and a mail). */
#define REPORT_TEXT_WIDTH 100
/* Names are not shortened below this many columns to fit the width. */
#define REPORT_MIN_NAME_WIDTH 16

struct report_opts {
	int64_t month;                 /* first second of the month (UTC) */
	const char *const *billing;    /* borrowed; billing exports or rollups */
	size_t nbilling;
	const char *orders;            /* hourly orders CSV or NULL */
	const char *const *metrics;    /* borrowed; metrics files */
	size_t nmetrics;
	int top;                       /* services and movers listed */
	const char *movers_by;         /* costview dimensions, "service,usage_type" */
	const char *const *scenarios;  /* borrowed; scenario files for the
					  autoscaling advice */
	size_t nscenarios;
	const struct loadfit_event *events; /* borrowed; declared events */
	size_t nevents;
	const char *catalog;           /* price catalog file or folder; NULL:
					  catalog_default_path(), and the
					  right-sizing section is left out
					  when there is none */
};

void report_opts_init(struct report_opts *o);

/* One table of the report: cells are formatted strings (numbers as exact
 * decimals), NULL for empty (JSON null). */
struct report_table {
	char *name;        /* JSON key, CSV "# name" line */
	char *title;       /* heading in text and HTML */
	char *note;        /* a sentence under the table, or NULL */
	size_t ncols;
	char **col;
	enum table_kind *kind;
	size_t nrows, rows_cap;
	char ***cell;      /* cell[row][col] */
	double **spark;    /* per row: values for a text sparkline, or NULL */
	size_t nspark;     /* values per sparkline (0: no sparkline column) */
	int footer;        /* part of the audit footer */
	int text_spark;    /* text shows each number column as a sparkline */
	unsigned keep;     /* bit c: never shorten column c in text (hashes) */
	unsigned tail;     /* bit c: shorten column c from the left (paths) */
};

enum report_fig_kind { REPORT_FIG_LINES, REPORT_FIG_BARS };

/* A chart of the HTML page, drawn after table `after`. */
struct report_fig {
	enum report_fig_kind kind;
	size_t after;
	char *title, *unit;
	size_t n;            /* points (lines) or bars */
	char **label;        /* n x labels or bar labels */
	char **text;         /* bars: n value texts */
	size_t nlines;
	char *line_name[3];
	double *v[3];        /* lines: nlines x n; bars: v[0] */
	int dashed[3];
	double *lo, *hi;     /* lines: a 95% band under the last line, or NULL */
};

struct report {
	char *heading;       /* first line of the text report and page title */
	struct report_table **t;
	size_t n, cap;
	struct report_fig **fig;
	size_t nfig, fig_cap;
	char **omitted;      /* sections left out and why (while building) */
	size_t nomitted, omitted_cap;
};

/* Read every input, ask the engine, and fill rep (initialized here).
 * Returns 0, or -1 with d naming the file (and line) at fault; rep is then
 * empty. Nothing is written anywhere. */
int report_build(const struct report_opts *o, struct report *rep, struct diag *d);
void report_fini(struct report *rep);

/* Render rep into report.txt, report.json, report.csv and report.html in
 * a new folder next to dir, then put it in dir's place with one rename
 * (an existing dir is swapped out and removed). dir's parent folders are
 * created. Refuses (-1 with d) a dir that holds files other than a
 * report's, so nothing the user keeps there is removed. */
int report_write(const struct report *rep, const char *dir, struct diag *d);

/* Render one form to f ("txt", "json", "csv", "html"). */
void report_render_text(const struct report *rep, FILE *f);
void report_render_json(const struct report *rep, FILE *f);
void report_render_csv(const struct report *rep, FILE *f);
void report_render_html(const struct report *rep, FILE *f);

#endif
