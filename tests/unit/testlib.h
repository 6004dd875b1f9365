/*
 * testlib.h - gsl_test-style checks for the unit test programs.
 *
 * Each check prints "PASS: description" or "FAIL: description (details)";
 * test_summary() prints the count and returns the exit status for main().
 * Header-only so every test program is a single .c file.
 */
#ifndef RS_TESTLIB_H
#define RS_TESTLIB_H

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int test_failures;
static int test_count;

static void test_vreport(int ok, const char *detail, const char *fmt,
			 va_list ap) __attribute__((format(printf, 3, 0)));
static void
test_vreport(int ok, const char *detail, const char *fmt, va_list ap)
{
	test_count++;
	if (!ok)
		test_failures++;
	fputs(ok ? "PASS: " : "FAIL: ", stdout);
	vprintf(fmt, ap);
	if (!ok && detail != NULL)
		printf(" (%s)", detail);
	putchar('\n');
}

static void test_ok(int ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), unused));
static void
test_ok(int ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	test_vreport(ok, NULL, fmt, ap);
	va_end(ap);
}

static void test_int(int64_t got, int64_t want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), unused));
static void
test_int(int64_t got, int64_t want, const char *fmt, ...)
{
	va_list ap;
	char d[96];

	snprintf(d, sizeof(d), "got %" PRId64 ", want %" PRId64, got, want);
	va_start(ap, fmt);
	test_vreport(got == want, d, fmt, ap);
	va_end(ap);
}

static void test_str(const char *got, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), unused));
static void
test_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	char d[512];
	int ok = got != NULL && want != NULL && strcmp(got, want) == 0;

	snprintf(d, sizeof(d), "got \"%s\", want \"%s\"", got ? got : "(null)",
		 want ? want : "(null)");
	va_start(ap, fmt);
	test_vreport(ok, d, fmt, ap);
	va_end(ap);
}

/* |got - want| <= tol */
static void test_abs(double got, double want, double tol, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), unused));
static void
test_abs(double got, double want, double tol, const char *fmt, ...)
{
	va_list ap;
	char d[128];
	int ok = isfinite(got) && fabs(got - want) <= tol;

	snprintf(d, sizeof(d), "got %.10g, want %.10g +- %.3g", got, want, tol);
	va_start(ap, fmt);
	test_vreport(ok, d, fmt, ap);
	va_end(ap);
}

/* |got - want| <= tol * |want| */
static void test_rel(double got, double want, double tol, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), unused));
static void
test_rel(double got, double want, double tol, const char *fmt, ...)
{
	va_list ap;
	char d[128];
	int ok = isfinite(got) && fabs(got - want) <= tol * fabs(want);

	snprintf(d, sizeof(d), "got %.10g, want %.10g (rel %.3g)", got, want, tol);
	va_start(ap, fmt);
	test_vreport(ok, d, fmt, ap);
	va_end(ap);
}

static int test_summary(void) __attribute__((unused));
static int
test_summary(void)
{
	printf("%d checks, %d failed\n", test_count, test_failures);
	return test_failures ? 1 : 0;
}

#endif
