/*
 * cli.c - shared front-end helpers for subcommands.
 * Layer: front end.
 */
#include "config.h"

#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ingest/billing.h"
#include "base/utc.h"
#include "base/utf8.h"

int
cli_parse_format(const char *s, enum out_format *f)
{
	if (strcmp(s, "text") == 0)
		*f = OUT_TEXT;
	else if (strcmp(s, "json") == 0)
		*f = OUT_JSON;
	else if (strcmp(s, "csv") == 0)
		*f = OUT_CSV;
	else
		return -1;
	return 0;
}

int
cli_format_option(const struct cmd *c, const char *arg, enum out_format *f)
{
	if (cli_parse_format(arg, f) == 0)
		return 0;
	return cli_usage_error(c, "--format is text, json or csv");
}

/* "rightsize: " prefix, the message (display form), a new line. */
static void
vsay(const char *prefix, const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);

	cli_progress_end();
	fputs(prefix, stderr);
	utf8_display_put(stderr, msg, NULL);
	fputc('\n', stderr);
	free(msg);
}

int
cli_report(const struct diag *d)
{
	char buf[1200];

	diag_format(d, buf, sizeof(buf));
	cli_fail("%s", buf);
	return RS_EXIT_INPUT;
}

int
cli_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("rightsize: ", fmt, ap);
	va_end(ap);
	return RS_EXIT_INPUT;
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay("rightsize: warning: ", fmt, ap);
	va_end(ap);
}

int
cli_billing_load(struct rollup *r, const char *path, struct account *a, struct diag *d)
{
	if (billing_load(r, path, a, d) < 0)
		return -1;
	if (a->warning[0] != '\0')
		cli_warn("%s", a->warning);
	return 0;
}

void
cli_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	utf8_display_put(f, msg, "\n");
	free(msg);
}

int
cli_usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "rightsize %s: ", c->name);
	utf8_display_put(stderr, msg, NULL);
	fprintf(stderr, "\nTry 'rightsize %s --help'.\n", c->name);
	free(msg);
	return RS_EXIT_USAGE;
}

int
cli_help(const struct cmd *c)
{
	fputs(c->usage, stdout);
	return RS_EXIT_OK;
}

int
cli_parse_double(const struct cmd *c, const char *opt, const char *s,
		 double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0')
		return cli_usage_error(c, "%s: '%s' is not a number", opt, s);
	if (!isfinite(v))
		return cli_usage_error(c, "%s: '%s' is not a finite number", opt, s);
	if (errno != 0)
		return cli_usage_error(c, "%s: '%s' is out of range", opt, s);
	*out = v;
	return 0;
}

int
cli_nonfinite(const char *s)
{
	char *end;
	double v;

	v = strtod(s, &end);
	return end != s && *end == '\0' && !isfinite(v);
}

int
cli_parse_long(const struct cmd *c, const char *opt, const char *s,
	       long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno != 0)
		return cli_usage_error(c, "%s: '%s' is not an integer", opt, s);
	*out = v;
	return 0;
}

int
cli_metrics_option(const struct cmd *c, int opt, const char *arg,
		   struct metrics_opts *mo)
{
	switch (opt) {
	case CLI_OPT_STEP:
		if (duration_parse(arg, &mo->step) < 0 || mo->step <= 0) {
			cli_usage_error(c, "--step takes a duration (300, 5m, 1h)");
			return -1;
		}
		return 1;
	case CLI_OPT_START:
		if (utc_parse(arg, strlen(arg), &mo->start) < 0) {
			cli_usage_error(c, "--start: '%s' is not a time stamp", arg);
			return -1;
		}
		mo->start_set = 1;
		return 1;
	case CLI_OPT_DEDUP:
		if (strcmp(arg, "last") == 0) {
			mo->dedup = METRICS_DEDUP_LAST;
		} else if (strcmp(arg, "mean") == 0) {
			mo->dedup = METRICS_DEDUP_MEAN;
		} else {
			cli_usage_error(c, "--dedup is last or mean");
			return -1;
		}
		return 1;
	case CLI_OPT_STAT:
		mo->statistic = arg;
		return 1;
	}
	return 0;
}

static int progress_shown;
static struct timespec progress_last;

void
cli_progress(const char *what, unsigned long long done,
	     unsigned long long total)
{
	struct timespec now;
	double dt;

	if (!isatty(STDERR_FILENO))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	dt = (double)(now.tv_sec - progress_last.tv_sec) +
	     (double)(now.tv_nsec - progress_last.tv_nsec) / 1e9;
	if (progress_shown && dt < 0.1 && done < total)
		return;
	progress_last = now;
	if (total > 0)
		fprintf(stderr, "\r%s: %3.0f%% (%llu of %llu MB)", what,
			100.0 * (double)done / (double)total, done >> 20,
			total >> 20);
	else
		fprintf(stderr, "\r%s: %llu MB", what, done >> 20);
	progress_shown = 1;
}

void
cli_progress_end(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = 0;
	}
}
