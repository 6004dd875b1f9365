/* test_utc.c - time stamp formats of the real exports, to UTC seconds,
 * within the years a rollup can be read back in. */
#include "config.h"

#include <string.h>

#include "testlib.h"
#include "base/utc.h"

static void
ok(const char *s, int64_t want)
{
	int64_t t = -1;

	test_int(utc_parse(s, strlen(s), &t), 0, "parse \"%s\"", s);
	test_int(t, want, "value of \"%s\"", s);
}

static void
bad(const char *s)
{
	int64_t t;

	test_int(utc_parse(s, strlen(s), &t), -1, "reject \"%s\"", s);
}

/* A time stamp outside [UTC_MIN, UTC_MAX]. */
static void
outside(const char *s)
{
	int64_t t;

	test_int(utc_parse(s, strlen(s), &t), -2, "\"%s\" is out of range", s);
}

/* t is written as a rollup writes hours and read back to t. */
static void
round_trip(int64_t t)
{
	char buf[32];
	int64_t back = 0;

	utc_format(t, buf, sizeof(buf));
	test_int(utc_parse(buf, strlen(buf), &back), 0, "%s reads back", buf);
	test_int(back, t, "%s reads back to itself", buf);
}

int
main(void)
{
	const int64_t oct1 = 1790812800; /* 2026-10-01T00:00:00Z */
	char buf[32];

	ok("2026-10-01", oct1);
	ok("2026-10-01T00:00:00Z", oct1);
	ok("2026-10-01T13:00Z", oct1 + 13 * 3600);
	ok("2026-10-01T13:00:00.123Z", oct1 + 13 * 3600);
	ok("2026-10-01T13:00:00+02:00", oct1 + 11 * 3600);
	ok("2026-10-01T13:00:00-0500", oct1 + 18 * 3600);
	ok("2026-10-01 13:00:00", oct1 + 13 * 3600);
	ok("2026-10-01 13:00:00.066000+00:00", oct1 + 13 * 3600);
	ok("2026-10-01 13:00:00 UTC", oct1 + 13 * 3600);
	ok("2026-10-01T00:00:00Z/2026-10-01T01:00:00Z", oct1);
	ok("10/01/2026", oct1);
	ok("10/1/2026", oct1);
	ok("1/10/2026", utc_days_from_civil(2026, 1, 10) * 86400);
	ok("13/10/2026", utc_days_from_civil(2026, 10, 13) * 86400);
	ok("10/01/2026 13:05", oct1 + 13 * 3600 + 300);
	ok("1790812800", oct1);
	ok("1790812800.75", oct1);
	ok("1790812800000", oct1);
	ok("2024-02-29", utc_days_from_civil(2024, 2, 29) * 86400);
	bad("");
	bad("2026-13-01");
	bad("2026-02-30");
	bad("2025-02-29");
	bad("20261001");
	bad("yesterday");
	bad("2026-10-01T25:00:00Z");
	bad("2026-10-01X");
	/* only instants that print as a time stamp reading back: from
	 * 1900-01-01 to the end of 9999, whatever the form */
	ok("1900-01-01T00:00:00Z", -2208988800LL);
	ok("9999-12-31T23:59:59Z", 253402300799LL);
	ok("253402300799", 253402300799LL);
	ok("1900-01-01T13:00:00+13:00", -2208988800LL);
	outside("1900-01-01T00:00:00+14:00");
	outside("9999-12-31T24:00:00Z");
	outside("9999-12-31T23:59:60Z");
	outside("9999-12-31T23:59:59-00:01");
	outside("253402300800");
	outside("999999999999");
	outside("9999999999999999");

	/* the range: the four-digit years, in UTC after the offset */
	ok("1900-01-01T00:00:00Z", UTC_MIN);
	ok("1900-01-01T10:00:00+10:00", UTC_MIN);
	ok("9999-12-31T23:59:59Z", UTC_MAX);
	ok("9999-12-31T23:59:59.999Z", UTC_MAX);
	ok("9999-12-31T23:00:00+14:00", UTC_MAX - 14 * 3600 - 3599);
	ok("12/31/9999 23:59:59", UTC_MAX);
	outside("9999-12-31T23:00:00-14:00");
	outside("9999-12-31T24:00:00Z");
	outside("1900-01-01T00:00:00+00:01");
	outside("1900-01-01 13:59:00+14:00");
	outside("253402300800");     /* 10000-01-01 in seconds */
	outside("999999999999999");  /* 15 digits: milliseconds, year 33658 */
	outside("9999999999999999");
	bad("99999999999999999");    /* 17 digits: not an epoch */
	round_trip(UTC_MIN);
	round_trip(UTC_MAX - 3599);  /* the last hour a rollup holds */
	round_trip(utc_floor_hour(UTC_MAX));

	/* slash dates in a given order */
	{
		int64_t t = 0;

		test_int(utc_parse_order("12/04/2026", 10, UTC_ORDER_DMY, &t), 0, "12/04/2026 day first");
		test_int(t, utc_days_from_civil(2026, 4, 12) * 86400, "12/04/2026 day first is 12 April");
		test_int(utc_parse_order("12/04/2026", 10, UTC_ORDER_MDY, &t), 0, "12/04/2026 month first");
		test_int(t, utc_days_from_civil(2026, 12, 4) * 86400, "12/04/2026 month first is 4 December");
		test_int(utc_parse_order("13/04/2026", 10, UTC_ORDER_MDY, &t), -1, "13/04/2026 is not month first");
		test_int(utc_parse_order("04/13/2026", 10, UTC_ORDER_DMY, &t), -1, "04/13/2026 is not day first");
		test_int(utc_parse_order("2026-04-12", 10, UTC_ORDER_DMY, &t), 0, "ISO dates ignore the order");
		test_int(t, utc_days_from_civil(2026, 4, 12) * 86400, "ISO date value");
		test_ok(utc_is_slash_date(" 1/2/2026 ", 10), "1/2/2026 is a slash date");
		test_ok(!utc_is_slash_date("2026-01-02", 10), "2026-01-02 is not");
		test_ok(!utc_is_slash_date("1790812800", 10), "an epoch is not");
	}

	test_str(utc_format(oct1 + 3661, buf, sizeof(buf)), "2026-10-01T01:01:01Z",
		 "format");
	test_str(utc_format_date(oct1 + 86399, buf, sizeof(buf)), "2026-10-01",
		 "format date");
	test_str(utc_format_month(oct1 + 86400 * 40, buf, sizeof(buf)), "2026-11",
		 "format month");
	test_int(utc_floor_month(oct1 + 86400 * 5 + 7), oct1, "floor month");
	test_int(utc_next_month(oct1), utc_days_from_civil(2026, 11, 1) * 86400,
		 "next month");
	test_int(utc_next_month(utc_days_from_civil(2026, 12, 15) * 86400),
		 utc_days_from_civil(2027, 1, 1) * 86400, "next month wraps year");
	test_int(utc_weekday(oct1), 3, "2026-10-01 is a Thursday");
	test_int(utc_floor_hour(oct1 + 3599), oct1, "floor hour");
	return test_summary();
}
