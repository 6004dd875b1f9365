/*
 * money.c - exact decimal parsing and printing for money in nano-units.
 * Layer: bottom.
 */
#include "config.h"

#include "base/money.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Digits beyond the 9th decimal decide rounding (half to even), they are
 * not kept. Exponents shift the decimal point; we accumulate up to 19
 * significant digits exactly in an unsigned 64-bit mantissa. */
int
money_parse(const char *s, size_t n, money_t *out)
{
	size_t i = 0;
	int neg = 0, ndig = 0, frac_digits = 0, seen_point = 0, any = 0;
	int exp10 = 0, dropped_nonzero = 0, dropped_first = -1;
	uint64_t mant = 0;
	int scale;

	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	for (; i < n; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9') {
			any = 1;
			if (mant == 0 && c == '0') {
				if (seen_point)
					frac_digits++;
				continue;
			}
			if (ndig < 19) {
				mant = mant * 10 + (uint64_t)(c - '0');
				ndig++;
				if (seen_point)
					frac_digits++;
			} else {
				/* Too many significant digits: remember the
				 * first dropped one for rounding. */
				if (dropped_first < 0)
					dropped_first = c - '0';
				else if (c != '0')
					dropped_nonzero = 1;
				if (!seen_point)
					exp10++;
			}
		} else if (c == '.' && !seen_point) {
			seen_point = 1;
		} else {
			break;
		}
	}
	if (!any)
		return -1;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		int eneg = 0, e = 0, edig = 0;

		i++;
		if (i < n && (s[i] == '-' || s[i] == '+')) {
			eneg = s[i] == '-';
			i++;
		}
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (e < 10000)
				e = e * 10 + (s[i] - '0');
			edig++;
		}
		if (edig == 0)
			return -1;
		exp10 += eneg ? -e : e;
	}
	if (i != n)
		return -1;

	/* value = mant * 10^(exp10 - frac_digits); we want value * 10^9 */
	scale = 9 + exp10 - frac_digits;
	if (mant == 0) {
		*out = 0;
		return 0;
	}
	if (scale >= 0) {
		/* digits beyond the 19 kept still round (half to even); with
		 * scale > 0 the result is out of range anyway */
		if (scale == 0 && (dropped_first > 5 ||
				   (dropped_first == 5 && (dropped_nonzero || (mant & 1)))))
			mant++;
		while (scale-- > 0) {
			if (mant > UINT64_MAX / 10)
				return -2;
			mant *= 10;
		}
	} else {
		uint64_t rem_digit = 0;
		int sticky = dropped_first > 0 || dropped_nonzero;

		if (scale < -20) {
			*out = 0;
			return 0;
		}
		while (scale++ < 0) {
			if (rem_digit != 0)
				sticky = 1;
			rem_digit = mant % 10;
			mant /= 10;
		}
		/* round half to even */
		if (rem_digit > 5 || (rem_digit == 5 && (sticky || (mant & 1))))
			mant++;
	}
	/* two's complement reaches one further below zero: INT64_MIN, which
	 * money_format_exact() prints, reads back */
	if (mant > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
		return -2;
	*out = neg ? (money_t)(0 - mant) : (money_t)mant;
	return 0;
}

int
money_add(money_t *acc, money_t v)
{
	money_t r;

	if (__builtin_add_overflow(*acc, v, &r))
		return -1;
	*acc = r;
	return 0;
}

int
money_sub(money_t *acc, money_t v)
{
	money_t r;

	if (__builtin_sub_overflow(*acc, v, &r))
		return -1;
	*acc = r;
	return 0;
}

int
money_mul(money_t *acc, int64_t k)
{
	money_t r;

	if (__builtin_mul_overflow(*acc, k, &r))
		return -1;
	*acc = r;
	return 0;
}

/*
 * a * num / den, rounded half away from zero. With a 128-bit type the
 * product is exact whatever its size. Without one, a = q * den + r splits
 * it into q * num + r * num / den, exact too but reported as an overflow
 * when r * num does not fit (only for den * num beyond 9.2e18, far above
 * any time span in seconds).
 */
int
money_muldiv(money_t *acc, int64_t num, int64_t den)
{
#ifdef __SIZEOF_INT128__
	__int128 p, q, r;

	assert(den > 0);
	p = (__int128)*acc * num;
	q = p / den;
	r = p % den;
	if ((r < 0 ? -r : r) * 2 >= den)
		q += p < 0 ? -1 : 1;
	if (q < INT64_MIN || q > INT64_MAX)
		return -1;
	*acc = (money_t)q;
	return 0;
#else
	money_t hi, lo, q, r;

	assert(den > 0);
	if (__builtin_mul_overflow(*acc / den, num, &hi) ||
	    __builtin_mul_overflow(*acc % den, num, &lo))
		return -1;
	q = lo / den;
	r = lo < 0 ? -(lo % den) : lo % den;
	if (r >= den - r) /* 2r >= den, without overflowing 2r */
		q += lo < 0 ? -1 : 1;
	if (money_add(&hi, q) < 0)
		return -1;
	*acc = hi;
	return 0;
#endif
}

/* Is x (nano-units) inside money_t's range? 2^63 is exact in a double. */
static int
in_range(double x)
{
	return isfinite(x) && x >= -9223372036854775808.0 && x < 9223372036854775808.0;
}

int
money_mul_rate(money_t *acc, double rate)
{
	double x = (double)*acc * rate;

	if (!in_range(x))
		return -1;
	*acc = (money_t)llround(x);
	return 0;
}

static uint64_t
pow10u(int k)
{
	uint64_t p = 1;

	while (k-- > 0)
		p *= 10;
	return p;
}

char *
money_format(money_t m, int decimals, char *buf, size_t n)
{
	uint64_t a, unit, q, whole, frac;
	int neg = m < 0;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	a = neg ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
	unit = pow10u(9 - decimals);
	q = a / unit;
	if (a % unit >= (unit + 1) / 2 && unit > 1)
		q++; /* half away from zero */
	whole = q / pow10u(decimals);
	frac = q % pow10u(decimals);
	if (q == 0)
		neg = 0;
	if (decimals == 0)
		snprintf(buf, n, "%s%llu", neg ? "-" : "",
			 (unsigned long long)whole);
	else
		snprintf(buf, n, "%s%llu.%0*llu", neg ? "-" : "",
			 (unsigned long long)whole, decimals,
			 (unsigned long long)frac);
	return buf;
}

char *
money_format_exact(money_t m, char *buf, size_t n)
{
	size_t len, point;

	money_format(m, 9, buf, n);
	len = strlen(buf);
	point = (size_t)(strchr(buf, '.') - buf);
	while (len - 1 - point > 2 && buf[len - 1] == '0')
		buf[--len] = '\0';
	return buf;
}

money_t
money_round_cents(money_t m)
{
	const money_t unit = MONEY_SCALE / 100;
	money_t q = m / unit, r = m % unit;

	if (r >= unit / 2)
		q++;
	else if (r <= -unit / 2)
		q--;
	return q * unit;
}

double
money_to_double(money_t m)
{
	return (double)m / (double)MONEY_SCALE;
}

int
money_from_double(double d, money_t *out)
{
	double x = d * (double)MONEY_SCALE;

	if (!in_range(x))
		return -1;
	*out = (money_t)llround(x);
	return 0;
}
