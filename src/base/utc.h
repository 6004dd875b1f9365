/*
 * utc.h - time stamps: every input format in, UTC epoch seconds inside.
 *
 * Layer: bottom. Parsing never consults the local time zone.
 */
#ifndef RS_UTC_H
#define RS_UTC_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a time stamp from s[0..n) into UTC epoch seconds (fractions are
 * truncated). Accepted, with the exports that use them:
 *   2026-10-01                        (Azure, GCP partition_date)
 *   2026-10-01T13:00:00Z, ...T13:00Z, ...T13:00:00.123Z   (CUR, CloudWatch)
 *   2026-10-01T13:00:00+02:00, +0200, -05             (offsets applied)
 *   2026-10-01 13:00:00[.ffffff][+00:00| UTC]          (FOCUS, GCP)
 *   2026-10-01T00:00:00Z/2026-10-01T01:00:00Z         (CUR interval: start)
 *   10/01/2026[ 13:00[:00]]          (Azure: month first; day first when
 *                                    the first number is above 12; see
 *                                    utc_parse_order)
 *   1790000000, 1790000000.5, 1790000000000           (epoch s, s.frac, ms)
 * Returns 0, -1 when s is not a time stamp we know, or -2 when it is one
 * outside [UTC_MIN, UTC_MAX] once its offset is applied.
 */
int utc_parse(const char *s, size_t n, int64_t *out);

/* Order of day and month in a slash date (Azure exports write M/D/YYYY
 * or D/M/YYYY by the account's locale). */
enum utc_order {
	UTC_ORDER_AUTO, /* day first only when the first number is above 12 */
	UTC_ORDER_MDY,
	UTC_ORDER_DMY,
};

/* utc_parse with a slash date read in the given order; other time stamps
 * read as utc_parse reads them. Same returns. */
int utc_parse_order(const char *s, size_t n, enum utc_order order, int64_t *out);
/* Whether s is a slash date (D/M/YYYY or M/D/YYYY, either order). */
int utc_is_slash_date(const char *s, size_t n);

/* The instants accepted on input: 1900-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z, the years a four-digit UTC time stamp (how a
 * rollup writes its hours, rightsize-rollup(5)) can be read back in. */
#define UTC_MIN INT64_C(-2208988800)
#define UTC_MAX INT64_C(253402300799)

/* Days since 1970-01-01 of a proleptic Gregorian date (no range checks). */
int64_t utc_days_from_civil(int y, unsigned m, unsigned d);
/* Inverse of utc_days_from_civil. */
void utc_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d);

/* "2026-10-01T13:00:00Z" (buf >= 21 bytes). Returns buf. */
char *utc_format(int64_t t, char *buf, size_t n);
/* "2026-10-01" (buf >= 11 bytes). Returns buf. */
char *utc_format_date(int64_t t, char *buf, size_t n);
/* "2026-10" (buf >= 8 bytes). Returns buf. */
char *utc_format_month(int64_t t, char *buf, size_t n);

/* Floor t to the hour, day, or first day of its month (UTC). */
int64_t utc_floor_hour(int64_t t);
int64_t utc_floor_day(int64_t t);
int64_t utc_floor_month(int64_t t);
/* First second of the month after t's month. */
int64_t utc_next_month(int64_t t);
/* 0 = Monday ... 6 = Sunday. */
int utc_weekday(int64_t t);

/* Parse "2026-10" into the first second of that month; -1 if malformed. */
int utc_parse_month(const char *s, int64_t *out);

#endif
