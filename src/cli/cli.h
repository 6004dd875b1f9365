/*
 * cli.h - helpers shared by the subcommands: output format, option
 * errors, printing diagnostics, progress on a terminal.
 *
 * Layer: front end. Only cmd_*.c, main.c and the report writer use it.
 */
#ifndef RS_CLI_H
#define RS_CLI_H

#include <stdio.h>

#include "data/account.h"
#include "cli/cmd.h"
#include "data/rollup.h"
#include "ingest/metrics.h"
#include "base/util.h"
#include "out/table.h"

/* Parse "text", "json" or "csv"; -1 otherwise. */
int cli_parse_format(const char *s, enum out_format *f);

/* Parse a --format argument into *f: 0, or RS_EXIT_USAGE after printing
 * the usage error every command gives for it. */
int cli_format_option(const struct cmd *c, const char *arg, enum out_format *f);

/*
 * Messages quote file names and fields from input, so each of these
 * prints the message in its display form (utf8_display()): control
 * characters as \xHH, ill-formed UTF-8 as U+FFFD.
 */
/* Print "rightsize: FILE:LINE:COL: MSG" to stderr; returns RS_EXIT_INPUT. */
int cli_report(const struct diag *d);
/* Print "rightsize: MSG" to stderr; returns RS_EXIT_INPUT. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "rightsize: warning: MSG" to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Load one billing file into r (billing_load()) and print the reader's
 * warning, if any, with cli_warn(). Returns -1 with d filled. */
int cli_billing_load(struct rollup *r, const char *path, struct account *a, struct diag *d);
/* Print "rightsize CMD: MSG" and a hint to stderr; returns RS_EXIT_USAGE. */
int cli_usage_error(const struct cmd *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print to f for a person, in the display form with line ends kept. */
void cli_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print the command's usage to stdout; returns RS_EXIT_OK. */
int cli_help(const struct cmd *c);

/* Parse a decimal/integer option value or fail with a usage error (a
 * double must be finite: "inf", "nan" and "1e999" are refused). */
int cli_parse_double(const struct cmd *c, const char *opt, const char *s,
		     double *out);
/* Is s the whole text of a number that is not finite ("inf", "nan",
 * "1e999")? For option values handed on as text (--set). */
int cli_nonfinite(const char *s);
int cli_parse_long(const struct cmd *c, const char *opt, const char *s,
		   long *out);

/* The options of every command that reads metrics files: the codes for
 * getopt_long tables (CLI_METRICS_LONGOPTS) and their one parser. */
enum {
	CLI_OPT_STEP = 0x1000, /* --step DURATION: grid step */
	CLI_OPT_START,         /* --start TIME: value-only files */
	CLI_OPT_DEDUP,         /* --dedup last|mean */
	CLI_OPT_STAT,          /* --statistic NAME: get-metric-statistics */
};
#define CLI_METRICS_LONGOPTS \
	{ "step", required_argument, NULL, CLI_OPT_STEP }, \
	{ "start", required_argument, NULL, CLI_OPT_START }, \
	{ "dedup", required_argument, NULL, CLI_OPT_DEDUP }, \
	{ "statistic", required_argument, NULL, CLI_OPT_STAT }
/* If opt is one of those, apply arg to mo: 1 done, -1 after a usage error
 * was printed (exit 2); 0 when opt is not one of them. */
int cli_metrics_option(const struct cmd *c, int opt, const char *arg,
		       struct metrics_opts *mo);

/* Progress on stderr, only when stderr is a terminal. cli_progress() is
 * rate-limited (at most ~10 updates a second); pass done/total in bytes. */
void cli_progress(const char *what, unsigned long long done,
		  unsigned long long total);
void cli_progress_end(void);

#endif
