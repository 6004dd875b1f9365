/* test_money.c - exact money parsing, rounding and printing. */
#include "config.h"

#include <string.h>

#include "base/money.h"
#include "testlib.h"

static void
parse_ok(const char *s, money_t want)
{
	money_t m = 12345;
	int rc = money_parse(s, strlen(s), &m);

	test_int(rc, 0, "parse \"%s\" succeeds", s);
	test_int(m, want, "parse \"%s\" value", s);
}

static void
parse_bad(const char *s, int want_rc)
{
	money_t m;

	test_int(money_parse(s, strlen(s), &m), want_rc, "parse \"%s\" fails", s);
}

static void
fmt(money_t m, int dec, const char *want)
{
	char buf[32];

	test_str(money_format(m, dec, buf, sizeof(buf)), want,
		 "format %lld with %d decimals", (long long)m, dec);
}

/* Each checked operation near the limits of int64: the edge that fits, the
 * step beyond it, and the accumulator left alone on failure. */
static void
checked_ops(void)
{
	money_t m;

	m = -9000000000LL * MONEY_SCALE;
	test_int(money_sub(&m, 9000000000LL * MONEY_SCALE), -1, "-9e9 - 9e9 overflows");
	test_int(m, -9000000000LL * MONEY_SCALE, "failed sub leaves the value");
	m = INT64_MIN + 1;
	test_int(money_sub(&m, 1), 0, "INT64_MIN + 1 - 1 fits");
	test_int(m, INT64_MIN, "sub reaches INT64_MIN");
	m = 5;
	test_int(money_sub(&m, 7), 0, "5 - 7");
	test_int(m, -2, "5 - 7 = -2");

	m = INT64_MAX / 730;
	test_int(money_mul(&m, 730), 0, "INT64_MAX / 730 x 730 fits");
	m = INT64_MAX / 730 + 1;
	test_int(money_mul(&m, 730), -1, "one more x 730 overflows");
	test_int(m, INT64_MAX / 730 + 1, "failed mul leaves the value");
	m = -3;
	test_int(money_mul(&m, 4), 0, "-3 x 4");
	test_int(m, -12, "-3 x 4 = -12");

	/* $9 billion an hour for 1 s, 1 h, 2 h */
	m = 9000000000LL * MONEY_SCALE;
	test_int(money_muldiv(&m, 1, 3600), 0, "9e9/h for a second fits");
	test_int(m, 2500000LL * MONEY_SCALE, "9e9/h for a second = 2.5e6");
	m = 9000000000LL * MONEY_SCALE;
	test_int(money_muldiv(&m, 3600, 3600), 0, "9e9/h for an hour: the product passes int64");
	test_int(m, 9000000000LL * MONEY_SCALE, "9e9/h for an hour, exactly");
	m = 9000000000LL * MONEY_SCALE;
	test_int(money_muldiv(&m, 7200, 3600), -1, "9e9/h for two hours overflows");
	test_int(m, 9000000000LL * MONEY_SCALE, "failed muldiv leaves the value");
	m = 1;
	test_int(money_muldiv(&m, 1, 2), 0, "1/2");
	test_int(m, 1, "0.5 nano rounds away from zero");
	m = -1;
	test_int(money_muldiv(&m, 1, 2), 0, "-1/2");
	test_int(m, -1, "-0.5 nano rounds away from zero");
	m = 1000000000;
	test_int(money_muldiv(&m, 1, 3600), 0, "$1/h for a second");
	test_int(m, 277778, "$1/h for a second, rounded");

	m = 100 * MONEY_SCALE;
	test_int(money_mul_rate(&m, 1.5), 0, "x 1.5");
	test_int(m, 150 * MONEY_SCALE, "100 x 1.5 = 150");
	m = 9000000000LL * MONEY_SCALE;
	test_int(money_mul_rate(&m, 2.0), -1, "9e9 x 2 overflows");
	test_int(m, 9000000000LL * MONEY_SCALE, "failed rate leaves the value");
	m = 1;
	test_int(money_mul_rate(&m, INFINITY), -1, "x inf refused");
	test_int(money_mul_rate(&m, NAN), -1, "x nan refused");
	m = 0;
	test_int(money_mul_rate(&m, INFINITY), -1, "0 x inf refused (NaN)");

	test_int(money_from_double(1.5, &m), 0, "1.5 from double");
	test_int(m, 1500000000, "1.5 from double = 1.5e9 nano");
	test_int(money_from_double(1e10, &m), -1, "1e10 from double overflows");
	test_int(money_from_double(-1e10, &m), -1, "-1e10 from double overflows");
	test_int(money_from_double(NAN, &m), -1, "nan from double refused");
	test_int(money_from_double(INFINITY, &m), -1, "inf from double refused");
}

int
main(void)
{
	char buf[32];
	money_t acc;
	int i;

	parse_ok("0", 0);
	parse_ok("1", 1000000000);
	parse_ok("-1.5", -1500000000);
	parse_ok("+2.25", 2250000000);
	parse_ok(".5", 500000000);
	parse_ok("0.00000080000", 800);
	parse_ok("0.0000000015", 2);      /* half to even: 1.5 -> 2 */
	parse_ok("0.0000000025", 2);      /* 2.5 -> 2 */
	parse_ok("0.00000000250001", 3);  /* above half -> up */
	parse_ok("1.385e-05", 13850);
	parse_ok("1.2345E+3", 1234500000000LL);
	parse_ok("1E2", 100000000000LL);
	parse_ok("123456789.123456789", 123456789123456789LL);
	parse_ok("-0.000000000", 0);
	parse_ok("0.1234567890123456789", 123456789);
	parse_ok("5e-20", 0);
	/* more than 19 significant digits at nano-units: the rest rounds */
	parse_ok("1234567890.1234567895", 1234567890123456790LL);  /* odd: up */
	parse_ok("1234567890.1234567885", 1234567890123456788LL);  /* even: stays */
	parse_ok("1234567890.12345678850001", 1234567890123456789LL);
	parse_ok("12345678901234567895e-10", 1234567890123456790LL);
	parse_ok("9223372036.8547758065", 9223372036854775806LL);
	parse_bad("9223372036.8547758075", -2); /* rounds past the largest */
	/* the smallest amount, which money_format_exact() prints, reads back */
	parse_ok("-9223372036.854775808", INT64_MIN);
	parse_ok("-9223372036.854775807", -INT64_MAX);
	parse_bad("-9223372036.854775809", -2);
	parse_bad("9223372036.854775808", -2);
	parse_bad("", -1);
	parse_bad("abc", -1);
	parse_bad("1.2.3", -1);
	parse_bad("1e", -1);
	parse_bad("1,5", -1);
	parse_bad("NULL", -1);
	parse_bad("99999999999", -2); /* beyond 9.2e9 */

	fmt(1234567890, 2, "1.23");
	fmt(1235000000, 2, "1.24"); /* half away from zero */
	fmt(-1235000000, 2, "-1.24");
	fmt(-4000000, 2, "0.00");   /* -0.004 rounds to zero, no "-0.00" */
	fmt(5000000, 2, "0.01");
	fmt(1500000000, 0, "2");
	fmt(123, 9, "0.000000123");
	test_str(money_format_exact(1500000000, buf, sizeof(buf)), "1.50",
		 "exact keeps two decimals");
	test_str(money_format_exact(114455000, buf, sizeof(buf)), "0.114455",
		 "exact trims trailing zeros");
	test_str(money_format_exact(-800, buf, sizeof(buf)), "-0.0000008",
		 "exact small negative");
	test_int(money_round_cents(1235000000), 1240000000, "round cents up");
	test_int(money_round_cents(-1235000000), -1240000000, "round cents neg");

	/* A million additions of 0.1 are exactly 100000. */
	acc = 0;
	for (i = 0; i < 1000000; i++)
		money_add(&acc, 100000000);
	test_int(acc, 100000LL * MONEY_SCALE, "1e6 x 0.1 sums exactly");
	acc = INT64_MAX - 1;
	test_int(money_add(&acc, 5), -1, "overflow detected");
	test_int(acc, INT64_MAX - 1, "overflow leaves accumulator alone");
	acc = INT64_MIN + 1;
	test_int(money_add(&acc, -2), -1, "negative overflow detected");
	test_int(acc, INT64_MIN + 1, "negative overflow leaves accumulator alone");
	checked_ops();
	return test_summary();
}
