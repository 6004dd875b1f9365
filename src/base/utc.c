/*
 * utc.c - civil time <-> epoch seconds without the C library's time zone
 * machinery (timegm is not C11, and mktime reads TZ).
 * Layer: bottom.
 *
 * utc_days_from_civil / utc_civil_from_days are Howard Hinnant's
 * public-domain algorithms ("chrono-Compatible Low-Level Date Algorithms").
 */
#include "config.h"

#include "base/utc.h"

#include <stdio.h>
#include <string.h>

int64_t
utc_days_from_civil(int y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
utc_civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
digits(const char *s, size_t n, size_t at, int count, int *val)
{
	int v = 0, i;

	if (at + (size_t)count > n)
		return -1;
	for (i = 0; i < count; i++) {
		char c = s[at + (size_t)i];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*val = v;
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int
valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

/* Parse "[T ]HH:MM[:SS[.fff]]" then an optional zone at s[*at]. */
static int
parse_clock_zone(const char *s, size_t n, size_t *at, int64_t *secs)
{
	size_t i = *at;
	int hh, mm, ss = 0;
	int64_t off = 0;

	if (i >= n) {
		*secs = 0;
		return 0;
	}
	if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
		return -1;
	i++;
	while (i < n && s[i] == ' ')
		i++;
	if (digits(s, n, i, 2, &hh) < 0 || i + 2 >= n || s[i + 2] != ':' ||
	    digits(s, n, i + 3, 2, &mm) < 0)
		return -1;
	i += 5;
	if (i < n && s[i] == ':') {
		if (digits(s, n, i + 1, 2, &ss) < 0)
			return -1;
		i += 3;
		if (i < n && (s[i] == '.' || s[i] == ',')) {
			i++;
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
		}
	}
	if (hh > 24 || mm > 59 || ss > 60 || (hh == 24 && (mm || ss)))
		return -1;
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
		i++;
	} else if (i + 3 <= n && memcmp(s + i, "UTC", 3) == 0) {
		i += 3;
	} else if (i < n && (s[i] == '+' || s[i] == '-')) {
		int sign = s[i] == '-' ? -1 : 1, oh, om = 0;

		if (digits(s, n, i + 1, 2, &oh) < 0)
			return -1;
		i += 3;
		if (i < n && s[i] == ':')
			i++;
		if (i < n && s[i] >= '0' && s[i] <= '9') {
			if (digits(s, n, i, 2, &om) < 0)
				return -1;
			i += 2;
		}
		if (oh > 14 || om > 59)
			return -1;
		off = sign * (oh * 3600 + om * 60);
	}
	*secs = (int64_t)hh * 3600 + mm * 60 + ss - off;
	*at = i;
	return 0;
}

static int
parse_epoch(const char *s, size_t n, int64_t *out)
{
	size_t i = 0, int_digits = 0;
	int64_t v = 0;

	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (int_digits++ > 15)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (int_digits < 9)
		return -1; /* too short to be an epoch time: refuse to guess */
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i != n)
		return -1;
	if (int_digits >= 13)
		v /= 1000; /* milliseconds */
	*out = v;
	return 0;
}

/* Blanks and stray quotes around a time stamp are not part of it. */
static void
trim_stamp(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '"')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '"'))
		(*n)--;
}

static int
is_slash(const char *s, size_t n)
{
	return n >= 8 && (s[1] == '/' || s[2] == '/');
}

int
utc_is_slash_date(const char *s, size_t n)
{
	trim_stamp(&s, &n);
	return is_slash(s, n);
}

static int
parse_any(const char *s, size_t n, enum utc_order order, int64_t *out)
{
	int y, mo, d;
	size_t i;
	int64_t secs;

	trim_stamp(&s, &n);
	if (n >= 10 && s[4] == '-' && s[7] == '-') {
		if (digits(s, n, 0, 4, &y) < 0 || digits(s, n, 5, 2, &mo) < 0 ||
		    digits(s, n, 8, 2, &d) < 0 || !valid_ymd(y, mo, d))
			return -1;
		i = 10;
		/* CUR identity/TimeInterval "start/end": keep the start */
		for (size_t k = i; k < n; k++) {
			if (s[k] == '/') {
				n = k;
				break;
			}
		}
		if (parse_clock_zone(s, n, &i, &secs) < 0 || i != n)
			return -1;
		*out = utc_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + secs;
		return 0;
	}
	/* M/D/YYYY or MM/DD/YYYY (Azure), D/M/YYYY */
	if (is_slash(s, n)) {
		int a, b;
		size_t p = s[1] == '/' ? 1 : 2, q;

		if (digits(s, n, 0, (int)p, &a) < 0)
			return -1;
		q = p + 1;
		if (q + 1 < n && s[q + 1] == '/') {
			if (digits(s, n, q, 1, &b) < 0)
				return -1;
			q += 2;
		} else {
			if (digits(s, n, q, 2, &b) < 0 || q + 2 >= n || s[q + 2] != '/')
				return -1;
			q += 3;
		}
		if (digits(s, n, q, 4, &y) < 0)
			return -1;
		i = q + 4;
		if (order == UTC_ORDER_DMY || (order == UTC_ORDER_AUTO && a > 12)) {
			d = a;
			mo = b;
		} else {
			mo = a;
			d = b;
		}
		if (!valid_ymd(y, mo, d))
			return -1;
		if (parse_clock_zone(s, n, &i, &secs) < 0 || i != n)
			return -1;
		*out = utc_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + secs;
		return 0;
	}
	return parse_epoch(s, n, out);
}

int
utc_parse(const char *s, size_t n, int64_t *out)
{
	return utc_parse_order(s, n, UTC_ORDER_AUTO, out);
}

int
utc_parse_order(const char *s, size_t n, enum utc_order order, int64_t *out)
{
	int64_t t;

	if (parse_any(s, n, order, &t) < 0)
		return -1;
	if (t < UTC_MIN || t > UTC_MAX)
		return -2;
	*out = t;
	return 0;
}

char *
utc_format(int64_t t, char *buf, size_t n)
{
	int y;
	unsigned m, d;
	int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t sod = t - day * 86400;

	utc_civil_from_days(day, &y, &m, &d);
	snprintf(buf, n, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d,
		 (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60));
	return buf;
}

char *
utc_format_date(int64_t t, char *buf, size_t n)
{
	int y;
	unsigned m, d;

	utc_civil_from_days(utc_floor_day(t) / 86400, &y, &m, &d);
	snprintf(buf, n, "%04d-%02u-%02u", y, m, d);
	return buf;
}

char *
utc_format_month(int64_t t, char *buf, size_t n)
{
	int y;
	unsigned m, d;

	utc_civil_from_days(utc_floor_day(t) / 86400, &y, &m, &d);
	snprintf(buf, n, "%04d-%02u", y, m);
	return buf;
}

int64_t
utc_floor_hour(int64_t t)
{
	int64_t r = t % 3600;

	return r < 0 ? t - r - 3600 : t - r;
}

int64_t
utc_floor_day(int64_t t)
{
	int64_t r = t % 86400;

	return r < 0 ? t - r - 86400 : t - r;
}

int64_t
utc_floor_month(int64_t t)
{
	int y;
	unsigned m, d;

	utc_civil_from_days(utc_floor_day(t) / 86400, &y, &m, &d);
	return utc_days_from_civil(y, m, 1) * 86400;
}

int64_t
utc_next_month(int64_t t)
{
	int y;
	unsigned m, d;

	utc_civil_from_days(utc_floor_day(t) / 86400, &y, &m, &d);
	if (++m > 12) {
		m = 1;
		y++;
	}
	return utc_days_from_civil(y, m, 1) * 86400;
}

int
utc_weekday(int64_t t)
{
	int64_t days = utc_floor_day(t) / 86400;

	/* 1970-01-01 was a Thursday (3 with Monday = 0) */
	return (int)(((days % 7) + 7 + 3) % 7);
}

int
utc_parse_month(const char *s, int64_t *out)
{
	int y, m;
	size_t n = strlen(s);

	if (n != 7 || s[4] != '-' || digits(s, n, 0, 4, &y) < 0 ||
	    digits(s, n, 5, 2, &m) < 0 || m < 1 || m > 12)
		return -1;
	*out = utc_days_from_civil(y, (unsigned)m, 1) * 86400;
	return 0;
}
