/* test_money.c - exact money parsing, rounding and printing. */
#include "config.h"

#include <string.h>

#include "money.h"
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
	return test_summary();
}
