/*
 * fuzz_money.c - libFuzzer target for exact money (src/base/money.h): the
 * bytes are a decimal that money_parse() must read exactly as a plain
 * reference does (every digit kept, rounded half to even at the ninth
 * decimal, out of range beyond the 64-bit nano-units, INT64_MIN included); what it reads
 * must print back canonically (money_format_exact() reads back to the
 * same amount and prints the same text again) and round to any number of
 * decimals half away from zero. The first eight bytes are also an amount
 * of their own that must print and read back.
 *
 * Layer: test. Built by `make fuzz`; `make check` replays
 * tests/fuzz/regress/money/ through tests/fuzz/replay.c.
 */
#include "config.h"

#include <string.h>

#include "fuzz_file.h"

#include "base/money.h"

/* The reference reader: the same syntax as money_parse() ([+-], digits
 * with at most one point and at least one digit, [eE][+-]digits), the
 * value from all of its digits. 0, -1 (not a number) or -2 (out of
 * range). */
static int
ref_parse(const char *s, size_t n, money_t *out)
{
	char *dig = malloc(n + 1);
	size_t i = 0, nd = 0, k;
	long nint = -1, e = 0, p;
	int neg = 0, eneg = 0, rc = -1;
	unsigned __int128 q = 0;

	if (dig == NULL)
		abort();
	if (i < n && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			dig[nd++] = s[i];
		else if (s[i] == '.' && nint < 0)
			nint = (long)nd;
		else
			break;
	}
	if (nd == 0)
		goto out;
	if (nint < 0)
		nint = (long)nd;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e0;

		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		for (e0 = i; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (e < 100000000)
				e = e * 10 + (s[i] - '0');
		}
		if (i == e0)
			goto out;
	}
	if (i != n)
		goto out;
	rc = 0;
	/* nano-units: the point sits after digit p */
	p = nint + (eneg ? -e : e) + 9;
	for (k = 0; k < nd && dig[k] == '0'; k++)
		p--;
	if (k == nd) {
		*out = 0;
		goto out;
	}
	if (p > 19) {
		rc = -2;
		goto out;
	}
	for (i = k; (long)(i - k) < p; i++)
		q = q * 10 + (unsigned)(i < nd ? dig[i] - '0' : 0);
	if (p >= 0 && (size_t)p + k < nd) {
		int first = dig[k + (size_t)p] - '0', sticky = 0;

		for (i = k + (size_t)p + 1; i < nd; i++)
			sticky |= dig[i] != '0';
		if (first > 5 || (first == 5 && (sticky || (q & 1))))
			q++;
	}
	/* one further below zero: INT64_MIN reads back */
	if (q > (unsigned __int128)INT64_MAX + (neg ? 1 : 0)) {
		rc = -2;
		goto out;
	}
	*out = neg ? (money_t)(0 - (uint64_t)q) : (money_t)q;
out:
	free(dig);
	return rc;
}

/* m printed with `decimals` and read back is m rounded half away from
 * zero (or out of range when that no longer fits). */
static void
check_rounding(money_t m, int decimals)
{
	char buf[48];
	money_t unit = 1, back = 0, want;
	__int128 a = m < 0 ? -(__int128)m : m, q;
	int k, rc;

	for (k = decimals; k < 9; k++)
		unit *= 10;
	q = a / unit + (a % unit * 2 >= unit ? 1 : 0);
	q *= unit;
	money_format(m, decimals, buf, sizeof(buf));
	rc = money_parse(buf, strlen(buf), &back);
	if (q > (__int128)INT64_MAX + (m < 0 ? 1 : 0)) {
		fuzz_check(rc == -2);
		return;
	}
	want = m < 0 ? (money_t)(-q) : (money_t)q;
	fuzz_check(rc == 0 && back == want);
	if (decimals == 2)
		fuzz_check(money_round_cents(m) == want);
}

/* m prints exactly, reads back to m, and prints the same again. */
static void
check_exact(money_t m)
{
	char t[48], t2[48];
	money_t back = 0;

	money_format_exact(m, t, sizeof(t));
	fuzz_check(money_parse(t, strlen(t), &back) == 0 && back == m);
	money_format_exact(back, t2, sizeof(t2));
	fuzz_check(strcmp(t, t2) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	money_t m = 0, want = 0, acc;
	int rc, ref, d;

	rc = money_parse(s, size, &m);
	ref = ref_parse(s, size, &want);
	fuzz_check(rc == ref);
	if (rc == 0) {
		fuzz_check(m == want);
		check_exact(m);
		for (d = 0; d <= 9; d++)
			check_rounding(m, d);
	}
	if (size >= 16) {
		money_t x, y;

		memcpy(&x, data, sizeof(x));
		memcpy(&y, data + 8, sizeof(y));
		check_exact(x);
		for (d = 0; d <= 9; d++)
			check_rounding(x, d);
		acc = x;
		if (money_add(&acc, y) == 0)
			fuzz_check((__int128)acc == (__int128)x + y);
		else
			fuzz_check(acc == x && ((__int128)x + y > INT64_MAX ||
						 (__int128)x + y < INT64_MIN));
	}
	return 0;
}
