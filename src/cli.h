/*
 * cli.h - helpers shared by the subcommands: output format, option
 * errors, printing diagnostics, progress on a terminal.
 *
 * Layer: front end. Only cmd_*.c, main.c and the report writer use it.
 */
#ifndef RS_CLI_H
#define RS_CLI_H

#include <stdio.h>

#include "cmd.h"
#include "util.h"

enum out_format { OUT_TEXT, OUT_JSON, OUT_CSV };

/* Parse "text", "json" or "csv"; -1 otherwise. */
int cli_parse_format(const char *s, enum out_format *f);

/* Print "rightsize: FILE:LINE:COL: MSG" to stderr; returns RS_EXIT_INPUT. */
int cli_report(const struct diag *d);
/* Print "rightsize: MSG" to stderr; returns RS_EXIT_INPUT. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "rightsize CMD: MSG" and a hint to stderr; returns RS_EXIT_USAGE. */
int cli_usage_error(const struct cmd *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print the command's usage to stdout; returns RS_EXIT_OK. */
int cli_help(const struct cmd *c);

/* Parse a decimal/integer option value or fail with a usage error. */
int cli_parse_double(const struct cmd *c, const char *opt, const char *s,
		     double *out);
int cli_parse_long(const struct cmd *c, const char *opt, const char *s,
		   long *out);

/* Progress on stderr, only when stderr is a terminal. cli_progress() is
 * rate-limited (at most ~10 updates a second); pass done/total in bytes. */
void cli_progress(const char *what, unsigned long long done,
		  unsigned long long total);
void cli_progress_end(void);

#endif
