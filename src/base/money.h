/*
 * money.h - exact money arithmetic.
 *
 * Layer: bottom. Amounts are signed 64-bit integers counting nano-units
 * (1e-9) of the currency: billing exports carry up to 10-15 decimals, so
 * parsing rounds half-to-even at the ninth; sums never drift, and a total
 * of 9.2 billion currency units fits. Money is printed to the cent (or any
 * number of decimals) only at the edge, rounding half away from zero.
 */
#ifndef RS_MONEY_H
#define RS_MONEY_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t money_t;

#define MONEY_SCALE 1000000000LL /* nano-units per currency unit */

/* Parse a decimal number ("-1.5", "1.2345E-05", "+3", ".5", "1,234.50" is
 * NOT accepted) from s[0..n). Returns 0, or -1 when it is not a number,
 * -2 when it is out of range. */
int money_parse(const char *s, size_t n, money_t *out);

/*
 * Checked arithmetic: every sum and product of money goes through these.
 * Each returns 0, or -1 when the result does not fit in money_t (or,
 * for a rate, when the rate is not a finite number), leaving *acc alone.
 */
/* *acc += v */
int money_add(money_t *acc, money_t v);
/* *acc -= v */
int money_sub(money_t *acc, money_t v);
/* *acc *= k (a count: hours, instances...) */
int money_mul(money_t *acc, int64_t k);
/* *acc * num / den exactly, rounded half away from zero; den > 0. For
 * amounts over time spans: price * seconds / 3600. */
int money_muldiv(money_t *acc, int64_t num, int64_t den);
/* *acc * rate rounded to the nano-unit (ratios, growth factors); exact to
 * double precision only, so never used for sums. */
int money_mul_rate(money_t *acc, double rate);

/* Round m to `decimals` (0..9) places and write it, e.g. "-1234.57".
 * buf needs 32 bytes. Returns buf. */
char *money_format(money_t m, int decimals, char *buf, size_t n);

/* Write m exactly, with at least two and at most nine decimals and no
 * trailing zeros beyond the second ("0.114455", "12.50"). Returns buf. */
char *money_format_exact(money_t m, char *buf, size_t n);

/* Round m to whole cents (result still in nano-units). */
money_t money_round_cents(money_t m);

/* m as a double, for statistics and ratios only (never for sums). */
double money_to_double(money_t m);
/* Nearest money_t to d currency units (prices in models, not sums).
 * Returns 0, or -1 when d is not finite or out of range. */
int money_from_double(double d, money_t *out);

#endif
