/*
 * view_rightsize.c - view 4, Right-size: one row per resource with its
 * finding, CPU percentile, current monthly cost and best candidate with
 * its monthly savings, as `rightsize recommend --billing` prints them;
 * Enter shows the reasoning (`--explain`) and every candidate.
 *
 * Layer: TUI view. The recommendations are made once by the model
 * (recommend.h); this file lays them out.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "tui/tui_int.h"

static const char *const help[] = {
	"Up/Down PgUp/PgDn  move the cursor",
	"Enter        show the reasoning and every candidate for the resource",
	"Esc          close the reasoning",
	"f            show only one finding (cycles), again to show all",
	"Figures are those of `rightsize recommend --billing FILES --explain METRICS`:",
	"P99.5 of 5-minute CPU maxima over 14 days + 20 % headroom (Compute",
	"Optimizer's defaults), priced at the effective rates the bill shows.",
	NULL,
};

struct rsz {
	int sel, first;
	int detail;      /* the reasoning panel is open */
	int finding;     /* -1 all, else only this finding */
	size_t *rows;    /* recs shown (indexes) */
	size_t nrows;
};

static void
select_rows(struct tui *t, struct rsz *z)
{
	size_t i;

	z->nrows = 0;
	for (i = 0; i < t->m->nrecs; i++) {
		if (z->finding < 0 || (int)t->m->recs[i].r.finding == z->finding)
			z->rows[z->nrows++] = i;
	}
	if (z->sel >= (int)z->nrows)
		z->sel = z->nrows ? (int)z->nrows - 1 : 0;
}

static void
rs_open(struct tui *t)
{
	struct rsz *z = xcalloc(1, sizeof(*z));

	z->finding = -1;
	z->rows = xcalloc(t->m->nrecs + 1, sizeof(*z->rows));
	t->state[3] = z;
	select_rows(t, z);
}

static void
rs_close(struct tui *t)
{
	struct rsz *z = t->state[3];

	free(z->rows);
	free(z);
	t->state[3] = NULL;
}

static void
pct(char *buf, size_t n, double v)
{
	if (isnan(v))
		buf[0] = '\0';
	else
		snprintf(buf, n, "%.2f", v);
}

static void
draw_detail(struct tui *t, const struct tui_rec *tr, int top, int rows)
{
	const struct rec_result *r = &tr->r;
	const char *p = tr->explain;
	char a[40], b[40], c[40];
	int y = top, k, cont = 0;

	while (*p && y < top + rows - 2 - r->ncand) {
		const char *e = strchr(p, '\n');
		int n = e ? (int)(e - p) : (int)strlen(p), x = cont ? 8 : 2, w = COLS - 2 - x;
		int cut = n;
		char line[400];

		/* wrap at a blank; continuation lines are indented */
		if (n > w) {
			for (cut = w; cut > w / 2 && p[cut] != ' '; cut--)
				;
			if (cut <= w / 2)
				cut = w;
		}
		snprintf(line, sizeof(line), "%.*s", cut, p);
		tui_put(t, y, x, w, y == top ? ROLE_TITLE : ROLE_NORMAL, line);
		y++;
		cont = cut < n;
		p += cut;
		if (cont) {
			while (*p == ' ')
				p++;
		} else if (e) {
			p++;
		}
	}
	if (r->ncand == 0)
		return;
	y++;
	tui_put(t, y++, 2, COLS - 4, ROLE_HEAD,
		"option candidate      kind          proj_cpu risk effort  new_rate savings/mo");
	for (k = 0; k < r->ncand && y < top + rows; k++, y++) {
		const struct rec_candidate *cd = &r->cand[k];

		pct(c, sizeof(c), cd->proj_cpu);
		tui_putf(t, y, 2, COLS - 4, ROLE_NORMAL, "%6d %-14s %-13s %8s %4d %-6s %9s %10s",
			 k + 1, cd->entry->type, rec_kind_name(cd->kind), c, cd->risk, cd->effort,
			 cd->rate >= 0 ? money_format(cd->rate, 4, a, sizeof(a)) : "",
			 money_format(cd->monthly_savings, 2, b, sizeof(b)));
	}
}

static void
rs_draw(struct tui *t, int top, int rows)
{
	struct rsz *z = t->state[3];
	const struct tuimodel *m = t->m;
	const struct rec_tally *s = &m->recsum;
	int y = top, shown, i, wide = COLS >= 100, resw;
	char a[40], b[40], cp[16];

	tui_putf(t, y++, 1, COLS - 2, ROLE_TITLE, "Right-size %s %zu resources%s%s", t->g.hline,
		 m->nrecs, z->finding >= 0 ? ", only " : "",
		 z->finding >= 0 ? rec_finding_name((enum rec_finding)z->finding) : "");
	if (m->metrics.n == 0) {
		tui_put(t, y + 2, 2, COLS - 4, ROLE_WARN,
			"no metrics given: open with --metrics FILE (CPU utilization per resource)");
		return;
	}
	if (m->catalog == NULL) {
		tui_putf(t, y + 2, 2, COLS - 4, ROLE_WARN, "the price catalog could not be read: %s",
			 m->catalog_error);
		tui_put(t, y + 3, 2, COLS - 4, ROLE_DIM,
			"give --catalog PATH or set RIGHTSIZE_CATALOG");
		return;
	}
	if (z->detail && z->nrows > 0) {
		draw_detail(t, &m->recs[z->rows[z->sel]], y + 1, rows - 2);
		return;
	}
	/* summary as `rightsize recommend` totals it */
	tui_putf(t, y++, 2, COLS - 4, ROLE_NORMAL,
		 "idle %ld  over %ld  under %ld  optimized %ld  not enough data %ld  unknown type %ld",
		 s->n[REC_IDLE], s->n[REC_OVER], s->n[REC_UNDER], s->n[REC_OPTIMIZED],
		 s->n[REC_NOT_ENOUGH_DATA], s->n[REC_UNKNOWN_TYPE]);
	{
		int x = 2 + tui_putf(t, y, 2, COLS - 4, ROLE_GOOD, "monthly cost %s, savings %s a month",
				     money_format(s->total_cost, 2, a, sizeof(a)),
				     money_format(s->total_savings, 2, b, sizeof(b)));

		if (m->rec_unbilled > 0)
			tui_putf(t, y, x, COLS - x - 2, ROLE_DIM,
				 "; %zu series of no billed instance not judged", m->rec_unbilled);
		y++;
	}
	y++;
	resw = COLS - 2 - 12 - 18 - 9 - 13 - 11 - (wide ? 11 : 0) - 1;
	{
		int x = 2;

		tui_put(t, y, x, resw - 1, ROLE_HEAD, "resource");
		x += resw;
		tui_put(t, y, x, 11, ROLE_HEAD, "type");
		x += 12;
		tui_put(t, y, x, 17, ROLE_HEAD, "finding");
		x += 18;
		tui_put_right(t, y, x, 8, ROLE_HEAD, "cpu_p");
		x += 9;
		if (wide) {
			tui_put_right(t, y, x, 10, ROLE_HEAD, "monthly");
			x += 11;
		}
		tui_put(t, y, x + 1, 12, ROLE_HEAD, "candidate");
		x += 13;
		tui_put_right(t, y, x, 10, ROLE_HEAD, "savings/mo");
	}
	y++;
	shown = top + rows - y;
	if (z->sel < z->first)
		z->first = z->sel;
	if (z->sel >= z->first + shown)
		z->first = z->sel - shown + 1;
	for (i = z->first; i < (int)z->nrows && i < z->first + shown; i++, y++) {
		const struct rec_result *r = &m->recs[z->rows[i]].r;
		enum tui_role role = i == z->sel ? ROLE_SEL : ROLE_NORMAL;
		int x = 2;

		if (i == z->sel) {
			attron(tui_attr(t, ROLE_SEL));
			mvhline(y, 1, ' ', COLS - 2);
			attroff(tui_attr(t, ROLE_SEL));
		}
		tui_put(t, y, x, resw - 1, role, r->resource);
		x += resw;
		tui_put(t, y, x, 11, role, r->type[0] ? r->type : "?");
		x += 12;
		tui_put(t, y, x, 17, r->finding == REC_OPTIMIZED || i == z->sel ? role : ROLE_WARN,
			rec_finding_name(r->finding));
		x += 18;
		pct(cp, sizeof(cp), r->cpu_pct);
		tui_put_right(t, y, x, 8, role, cp);
		x += 9;
		if (wide) {
			tui_put_right(t, y, x, 10, role,
				      r->monthly_cost >= 0 ? money_format(r->monthly_cost, 2, a, sizeof(a)) : "");
			x += 11;
		}
		tui_put(t, y, x + 1, 12, role,
			r->finding == REC_IDLE ? "(stop)" : r->ncand > 0 ? r->cand[0].entry->type : "");
		x += 13;
		if (r->finding == REC_IDLE || r->ncand > 0)
			tui_put_right(t, y, x, 10, role,
				      money_format(r->ncand > 0 ? r->cand[0].monthly_savings : r->best_savings,
						   2, b, sizeof(b)));
	}
}

static int
rs_key(struct tui *t, int ch)
{
	struct rsz *z = t->state[3];
	int page = LINES - 10;

	if (z->detail) {
		if (ch == 27 || ch == KEY_LEFT || ch == '\n' || ch == '\r' || ch == KEY_ENTER ||
		    ch == KEY_BACKSPACE || ch == 127) {
			z->detail = 0;
			return 1;
		}
	}
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (z->sel > 0)
			z->sel--;
		return 1;
	case KEY_DOWN:
	case 'j':
		if (z->sel + 1 < (int)z->nrows)
			z->sel++;
		return 1;
	case KEY_PPAGE:
		z->sel = z->sel > page ? z->sel - page : 0;
		return 1;
	case KEY_NPAGE:
		z->sel += page;
		if (z->sel >= (int)z->nrows)
			z->sel = z->nrows ? (int)z->nrows - 1 : 0;
		return 1;
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_RIGHT:
		z->detail = z->nrows > 0;
		return 1;
	case 'f':
		z->finding = z->finding + 1 >= REC_FINDING_N ? -1 : z->finding + 1;
		select_rows(t, z);
		return 1;
	default:
		return 0;
	}
}

const struct tui_view view_rightsize = {
	"Right-size", "Enter:why|Esc:back|f:finding", help, rs_open, rs_close, rs_draw, rs_key,
};
