/*
 * fuzz_utc.c - libFuzzer target for time stamps (src/base/utc.h): the bytes
 * are a time stamp; one that utc_parse() reads must print with
 * utc_format() as text that reads back to the same second and prints the
 * same again, and the floors, date, month and weekday of it must agree
 * with each other. The first eight bytes are also a time of their own
 * (folded into the years utc_parse() reads) that must print and read
 * back, and a day number whose civil date must convert back.
 *
 * Layer: test. Built by `make fuzz`; `make check` replays
 * tests/fuzz/regress/utc/ through tests/fuzz/replay.c.
 */
#include "config.h"

#include <string.h>

#include "fuzz_file.h"

#include "base/utc.h"

/* The instants utc_parse() reads in its date forms: 1900-01-01 up to the
 * end of 9999. */
#define T_LO (-2208988800LL)
#define T_HI (253402300799LL)

static void
check_time(int64_t t)
{
	char f[48], f2[48], date[16], month[16];
	int64_t back = 0, h = utc_floor_hour(t), day = utc_floor_day(t);
	int64_t mon = utc_floor_month(t), next = utc_next_month(t);

	utc_format(t, f, sizeof(f));
	fuzz_check(utc_parse(f, strlen(f), &back) == 0 && back == t);
	utc_format(back, f2, sizeof(f2));
	fuzz_check(strcmp(f, f2) == 0);
	utc_format_date(t, date, sizeof(date));
	utc_format_month(t, month, sizeof(month));
	fuzz_check(strncmp(f, date, strlen(date)) == 0 && f[strlen(date)] == 'T');
	fuzz_check(strncmp(f, month, strlen(month)) == 0 && f[strlen(month)] == '-');
	fuzz_check(h <= t && t - h < 3600 && h % 3600 == 0);
	fuzz_check(day <= h && t - day < 86400 && day % 86400 == 0);
	fuzz_check(mon <= day && t < next && next - mon >= 28 * 86400 &&
		   next - mon <= 31 * 86400);
	fuzz_check(utc_parse_month(month, &back) == 0 && back == mon);
	fuzz_check(utc_weekday(t) >= 0 && utc_weekday(t) <= 6 &&
		   utc_weekday(t + 86400) == (utc_weekday(t) + 1) % 7);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t t = 0;

	if (utc_parse((const char *)data, size, &t) == 0)
		check_time(t);
	if (size >= 8) {
		uint64_t u;
		int64_t z;
		int y;
		unsigned m, d;

		memcpy(&u, data, sizeof(u));
		check_time(T_LO + (int64_t)(u % (uint64_t)(T_HI - T_LO + 1)));
		/* any day within about 2.7 million years */
		z = (int64_t)(u % 2000000000ULL) - 1000000000;
		utc_civil_from_days(z, &y, &m, &d);
		fuzz_check(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		fuzz_check(utc_days_from_civil(y, m, d) == z);
	}
	return 0;
}
