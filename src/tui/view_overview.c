/*
 * view_overview.c - view 1, Overview: billed and effective cost by month
 * (the figures `rightsize cost` prints), their trend as bars, the daily
 * effective cost as columns, and the data quality of every file read
 * (the accounts `rightsize ingest` prints).
 *
 * Layer: TUI view. Draws the model's month and day results; computes
 * nothing but where things go and how long a bar is.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "tui/tui_int.h"
#include "base/utc.h"

static const char *const help[] = {
	"Up/Down      scroll the month table when it does not fit",
	"The month totals are those of `rightsize cost`; the files' rows those",
	"of `rightsize ingest`. Bars and columns are scaled to the largest value.",
	NULL,
};

struct overview {
	int first; /* first month row shown */
};

static void
ov_open(struct tui *t)
{
	t->state[0] = xcalloc(1, sizeof(struct overview));
}

static void
ov_close(struct tui *t)
{
	free(t->state[0]);
	t->state[0] = NULL;
}

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static money_t
max_effective(const struct costresult *r)
{
	money_t mx = 0;
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->rows[i].effective > mx)
			mx = r->rows[i].effective;
	}
	return mx;
}

static void
put_orders(const struct tui *t, int y, enum tui_role r, double orders, double per)
{
	char buf[40];

	if (!isnan(orders)) {
		snprintf(buf, sizeof(buf), "%.0f", orders);
		tui_put_right(t, y, 38, 9, r, buf);
	}
	if (!isnan(per)) {
		/* four decimals, as `rightsize unitcost` prints per_order */
		snprintf(buf, sizeof(buf), "%.4f", per);
		tui_put_right(t, y, 47, 10, r, buf);
	}
}

static int
draw_months(struct tui *t, struct overview *ov, int y, int maxrows)
{
	const struct tuimodel *m = t->m;
	const struct costresult *mo = &m->months;
	money_t mx = max_effective(mo);
	char a[40], b[40], lab[16];
	int shown, i, barx = m->have_uc ? 59 : 40, barw = COLS - 2 - barx;
	size_t k;

	tui_put(t, y, 2, 10, ROLE_HEAD, "month");
	tui_put_right(t, y, 12, 13, ROLE_HEAD, "billed");
	tui_put_right(t, y, 25, 13, ROLE_HEAD, "effective");
	if (m->have_uc) {
		tui_put_right(t, y, 38, 9, ROLE_HEAD, "orders");
		tui_put_right(t, y, 47, 10, ROLE_HEAD, "per order");
	}
	tui_put(t, y, barx, barw, ROLE_HEAD, "trend (effective)");
	y++;
	shown = maxrows - 2;
	if (shown < 1)
		shown = 1;
	if (ov->first > (int)mo->n - shown)
		ov->first = (int)mo->n - shown;
	if (ov->first < 0)
		ov->first = 0;
	for (i = 0, k = (size_t)ov->first; i < shown && k < mo->n; i++, k++) {
		const struct costrow *r = &mo->rows[k];

		utc_format_month(r->period, lab, sizeof(lab));
		tui_put(t, y, 2, 10, ROLE_NORMAL, lab);
		tui_put_right(t, y, 12, 13, ROLE_NORMAL, money_format(r->billed, 2, a, sizeof(a)));
		tui_put_right(t, y, 25, 13, ROLE_NORMAL,
			      money_format(r->effective, 2, b, sizeof(b)));
		if (m->have_uc)
			put_orders(t, y, ROLE_NORMAL, m->month_orders[k], m->month_per_order[k]);
		if (mx > 0)
			tui_hbar(t, y, barx, barw, money_to_double(r->effective) / money_to_double(mx),
				 ROLE_BAR);
		y++;
	}
	tui_put(t, y, 2, 10, ROLE_TITLE, "TOTAL");
	tui_put_right(t, y, 12, 13, ROLE_TITLE, money_format(mo->billed, 2, a, sizeof(a)));
	tui_put_right(t, y, 25, 13, ROLE_TITLE, money_format(mo->effective, 2, b, sizeof(b)));
	if (m->have_uc)
		put_orders(t, y, ROLE_TITLE, m->uc.total.orders, m->total_per_order);
	if ((size_t)shown < mo->n)
		tui_putf(t, y, barx, barw, ROLE_DIM, "months %d-%d of %zu (Up/Down)", ov->first + 1,
			 ov->first + i, mo->n);
	y++;
	if (m->have_uc && m->uc.marginal.ok) {
		const struct unitcost_line *l = &m->uc.marginal;

		tui_putf(t, y, 2, COLS - 4, ROLE_NORMAL,
			 "marginal cost of one more order %.4f (95%%: %.4f to %.4f), "
			 "base %.4f an hour", l->slope, l->slope_lo, l->slope_hi, l->base);
	} else if (m->uc_error[0] != '\0') {
		tui_putf(t, y, 2, COLS - 4, ROLE_WARN, "cost per order: %s", m->uc_error);
	} else if (m->orders.n == 0) {
		tui_put(t, y, 2, COLS - 4, ROLE_DIM, "cost per order: open with --orders FILE");
	}
	return i + 3;
}

static void
draw_days(struct tui *t, int y, int h)
{
	const struct costresult *dy = &t->m->days;
	double v[512];
	int w = COLS - 4, n, i;
	size_t first;
	money_t mx;
	char d0[16], d1[16];

	if (dy->n == 0 || h < 2)
		return;
	if (w > (int)ARRAY_SIZE(v))
		w = (int)ARRAY_SIZE(v);
	n = (int)dy->n < w ? (int)dy->n : w;
	first = dy->n - (size_t)n;
	mx = 0;
	for (i = 0; i < n; i++) {
		if (dy->rows[first + (size_t)i].effective > mx)
			mx = dy->rows[first + (size_t)i].effective;
	}
	for (i = 0; i < n; i++) {
		money_t e = dy->rows[first + (size_t)i].effective;

		v[i] = mx > 0 && e > 0 ? money_to_double(e) / money_to_double(mx) : 0.0;
	}
	utc_format_date(dy->rows[first].period, d0, sizeof(d0));
	utc_format_date(dy->rows[dy->n - 1].period, d1, sizeof(d1));
	tui_putf(t, y, 2, COLS - 4, ROLE_HEAD, "effective cost per day, %s to %s (%d days)", d0, d1, n);
	tui_columns(t, y + h - 1, 2, h - 1, v, n, ROLE_BAR);
}

static void
quality_line(struct tui *t, int y, const struct account *a, const char *unit)
{
	char why[200];
	size_t len = 0;
	int k;

	why[0] = '\0';
	for (k = 0; k < a->nskip && len < sizeof(why) - 60; k++)
		len += (size_t)snprintf(why + len, sizeof(why) - len, "%s%s=%ld", k ? "; " : "",
					a->skip_reason[k], a->skip_count[k]);
	if (a->gaps > 0 && len < sizeof(why) - 40)
		snprintf(why + len, sizeof(why) - len, "%s%ld gaps", len ? "; " : "", a->gaps);
	tui_putf(t, y, 4, COLS - 6, a->nskip ? ROLE_WARN : ROLE_NORMAL,
		 "%-22.22s %-14.14s %7ld %s %7ld used %4ld skipped %s", base_name(a->file),
		 a->format, a->rows_read, unit, a->rows_used, account_skipped(a), why);
}

static void
draw_quality(struct tui *t, int y, int rows)
{
	const struct tuimodel *m = t->m;
	const struct account *tot = &m->total;
	size_t i, nlines = m->naccounts + m->nmaccounts + (m->orders.n > 0), shown = 0;
	int r = 1;

	tui_putf(t, y, 2, COLS - 4, ROLE_HEAD,
		 "data quality: %zu file%s, %ld rows read, %ld used, %ld skipped",
		 m->naccounts, m->naccounts == 1 ? "" : "s", tot->rows_read, tot->rows_used,
		 account_skipped(tot));
	for (i = 0; i < m->naccounts && r < rows; i++, r++, shown++)
		quality_line(t, y + r, &m->accounts[i], "read");
	for (i = 0; i < m->nmaccounts && r < rows; i++, r++, shown++)
		quality_line(t, y + r, &m->maccounts[i], "pts ");
	if (m->orders.n > 0 && r < rows) {
		quality_line(t, y + r, &m->oaccount, "rows");
		r++;
		shown++;
	}
	if (shown < nlines) {
		move(y + r - 1, 0);
		clrtoeol();
		tui_putf(t, y + r - 1, 4, COLS - 6, ROLE_DIM, "... and %zu more files",
			 nlines - shown + 1);
	}
}

static void
ov_draw(struct tui *t, int top, int rows)
{
	struct overview *ov = t->state[0];
	const struct tuimodel *m = t->m;
	int y = top, qrows, drows = 5, mrows;

	tui_putf(t, y, 1, COLS - 2, ROLE_TITLE, "Overview %s %s", t->g.hline, m->source);
	y += 2;
	if (m->months.n == 0) {
		tui_put(t, y, 2, COLS - 4, ROLE_WARN, "no cost rows in the input");
		draw_quality(t, y + 2, rows - 4);
		return;
	}
	qrows = 1 + (int)(m->naccounts + m->nmaccounts) + (m->orders.n > 0);
	if (qrows > 6)
		qrows = 6;
	mrows = rows - 2 - qrows - 1 - drows - 2;
	if (mrows > (int)m->months.n + 2)
		mrows = (int)m->months.n + 2;
	if (mrows < 3)
		mrows = 3;
	y += draw_months(t, ov, y, mrows) + 1;
	draw_days(t, y, drows);
	y += drows + 1;
	draw_quality(t, y, top + rows - y);
}

static int
ov_key(struct tui *t, int ch)
{
	struct overview *ov = t->state[0];

	switch (ch) {
	case KEY_UP:
	case 'k':
		ov->first--;
		return 1;
	case KEY_DOWN:
	case 'j':
		ov->first++;
		return 1;
	default:
		return 0;
	}
}

const struct tui_view view_overview = {
	"Overview", "Up,Down:scroll months", help, ov_open, ov_close, ov_draw, ov_key,
};
