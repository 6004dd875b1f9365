/*
 * view_costs.c - view 2, Costs: the breakdown `rightsize cost --by DIM
 * --where ... --month ...` prints, sortable, filterable by text, and
 * drilled into with Enter (service -> resource -> usage type), back
 * with Esc.
 *
 * Layer: TUI view. Keys ask the model (costview) for a new breakdown;
 * drawing lays out the rows it returned.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "tui/tui_int.h"
#include "base/utc.h"

static const char *const help[] = {
	"Up/Down PgUp/PgDn Home/End   move the cursor",
	"Enter        drill into the selected row (service > resource > usage type)",
	"Esc, Left    back one drill-down step",
	"g            group by the next dimension (service, resource, usage type,",
	"             instance type, region, account, pricing model, charge kind, tags)",
	"t            group by the next tag key",
	"s            sort by effective cost, billed cost or name",
	"[ ]          previous / next month (or all months)",
	"/            filter the rows by text; c clears the filter",
	"Figures are those of `rightsize cost --by DIM --where DIM=VALUE --month M`.",
	NULL,
};

#define COSTS_MAX_DEPTH COSTQ_MAX_WHERE

/* Groupings offered by g, in order (tags follow). */
static const int group_dims[] = {
	DIM_SERVICE, DIM_RESOURCE, DIM_USAGE_TYPE, DIM_INSTANCE_TYPE, DIM_REGION,
	DIM_ACCOUNT, DIM_PRICING_MODEL, DIM_CHARGE_KIND,
};
/* Drill-down order: what Enter groups by next. */
static const int drill_dims[] = { DIM_SERVICE, DIM_RESOURCE, DIM_USAGE_TYPE };

struct level {
	int by;
	char tag[128];
	int sel, first;
};

struct costs {
	struct level lv[COSTS_MAX_DEPTH + 1]; /* lv[depth] is the current grouping */
	struct tui_filter path[COSTS_MAX_DEPTH];
	int depth;
	int month;           /* -1: all months, else index into m->months */
	enum tui_sort sort;
	char needle[64];
	struct tui_costs res;
	int ok;
};

static const char *const sort_names[] = { "effective", "billed", "name" };

static struct level *
cur(struct costs *c)
{
	return &c->lv[c->depth];
}

static void
query(struct tui *t, struct costs *c)
{
	struct level *l = cur(c);
	int64_t from = 0, to = 0;
	struct diag d;

	tui_costs_fini(&c->res);
	if (c->month >= 0 && (size_t)c->month < t->m->months.n) {
		from = t->m->months.rows[c->month].period;
		to = utc_next_month(from);
	}
	diag_clear(&d);
	c->ok = tuimodel_costs(t->m, l->by, l->tag, c->path, c->depth, from, to, &c->res, &d) == 0;
	if (!c->ok) {
		snprintf(t->msg, sizeof(t->msg), "cost query failed: %.200s", d.msg);
		return;
	}
	tuimodel_costs_arrange(&c->res, c->sort, c->needle);
	if (l->sel >= (int)c->res.norder)
		l->sel = c->res.norder ? (int)c->res.norder - 1 : 0;
}

static void
co_open(struct tui *t)
{
	struct costs *c = xcalloc(1, sizeof(*c));

	t->state[1] = c;
	c->lv[0].by = DIM_SERVICE;
	c->month = -1;
	query(t, c);
}

static void
co_close(struct tui *t)
{
	struct costs *c = t->state[1];

	tui_costs_fini(&c->res);
	free(c);
	t->state[1] = NULL;
}

static void
draw_path(struct tui *t, struct costs *c, int y)
{
	int x = 2, i;
	char lab[200];

	x += tui_put(t, y, x, COLS - x - 1, ROLE_DIM, "all costs");
	for (i = 0; i < c->depth && x < COLS - 4; i++) {
		char dim[160];

		tuimodel_dim_label(c->path[i].dim, c->path[i].tag, dim, sizeof(dim));
		snprintf(lab, sizeof(lab), " %s %s=%s", t->g.arrow_r, dim,
			 c->path[i].val[0] ? c->path[i].val : "(none)");
		x += tui_put(t, y, x, COLS - x - 1, ROLE_NORMAL, lab);
	}
}

static void
co_draw(struct tui *t, int top, int rows)
{
	struct costs *c = t->state[1];
	struct level *l = cur(c);
	char by[160], mon[16], a[40], b[40];
	int y = top, shown, i, keyw, barx, barw;
	money_t mx = 0;

	tuimodel_dim_label(l->by, l->tag, by, sizeof(by));
	if (c->month >= 0)
		utc_format_month(t->m->months.rows[c->month].period, mon, sizeof(mon));
	else
		snprintf(mon, sizeof(mon), "all");
	tui_putf(t, y++, 1, COLS - 2, ROLE_TITLE, "Costs %s by %s   month: %s   sort: %s%s%s%s",
		 t->g.hline, by, mon, sort_names[c->sort], c->needle[0] ? "   filter: \"" : "",
		 c->needle, c->needle[0] ? "\"" : "");
	draw_path(t, c, y++);
	if (!c->ok)
		return;
	/* columns: key | billed | effective | share | bar */
	keyw = COLS - 2 - 13 - 13 - 7 - 2;
	barw = keyw >= 56 ? keyw / 4 : 0;
	keyw -= barw;
	barx = 2 + keyw + 13 + 13 + 7 + 1;
	y++;
	tui_put(t, y, 2, keyw - 1, ROLE_HEAD, by);
	tui_put_right(t, y, 2 + keyw, 12, ROLE_HEAD, "billed");
	tui_put_right(t, y, 2 + keyw + 13, 12, ROLE_HEAD, "effective");
	tui_put_right(t, y, 2 + keyw + 26, 6, ROLE_HEAD, "share");
	y++;
	shown = top + rows - y - 1;
	if (l->sel < l->first)
		l->first = l->sel;
	if (l->sel >= l->first + shown)
		l->first = l->sel - shown + 1;
	if (l->first < 0)
		l->first = 0;
	for (i = 0; i < (int)c->res.norder; i++) {
		money_t e = c->res.res.rows[c->res.order[i]].effective;

		if (e > mx)
			mx = e;
	}
	for (i = l->first; i < (int)c->res.norder && i < l->first + shown; i++, y++) {
		size_t k = c->res.order[i];
		const struct costrow *r = &c->res.res.rows[k];
		enum tui_role role = i == l->sel ? ROLE_SEL : ROLE_NORMAL;

		if (i == l->sel) {
			attron(tui_attr(t, ROLE_SEL));
			mvhline(y, 1, ' ', barx - 1);
			attroff(tui_attr(t, ROLE_SEL));
		}
		tui_put(t, y, 2, keyw - 1, role, r->key[0][0] ? r->key[0] : "(none)");
		tui_put_right(t, y, 2 + keyw, 12, role, money_format(r->billed, 2, a, sizeof(a)));
		tui_put_right(t, y, 2 + keyw + 13, 12, role,
			      money_format(r->effective, 2, b, sizeof(b)));
		tui_put_right(t, y, 2 + keyw + 26, 6, role, c->res.share[k]);
		if (barw > 0 && mx > 0)
			tui_hbar(t, y, barx, barw, money_to_double(r->effective) / money_to_double(mx),
				 ROLE_BAR);
	}
	if (c->res.norder == 0)
		tui_put(t, y, 2, COLS - 4, ROLE_DIM,
			c->needle[0] ? "no row matches the filter (c clears it)" : "no costs here");
	y = top + rows - 1;
	tui_put(t, y, 2, keyw - 1, ROLE_TITLE, "TOTAL");
	tui_put_right(t, y, 2 + keyw, 12, ROLE_TITLE, money_format(c->res.res.billed, 2, a, sizeof(a)));
	tui_put_right(t, y, 2 + keyw + 13, 12, ROLE_TITLE,
		      money_format(c->res.res.effective, 2, b, sizeof(b)));
	tui_putf(t, y, 2 + keyw + 28, COLS - keyw - 30, ROLE_DIM, "%zu rows%s",
		 c->res.norder, c->res.norder < c->res.res.n ? " shown" : "");
}

/* Next grouping after l's: the dimensions, then each tag key. */
static void
next_group(const struct tuimodel *m, struct level *l, int tags_only)
{
	size_t nd = ARRAY_SIZE(group_dims), i, pos = 0, total = nd + m->ntag_keys;

	if (l->by == COST_BY_TAG) {
		for (i = 0; i < m->ntag_keys; i++) {
			if (strcmp(m->tag_keys[i], l->tag) == 0)
				pos = nd + i;
		}
	} else {
		for (i = 0; i < nd; i++) {
			if (group_dims[i] == l->by)
				pos = i;
		}
	}
	if (tags_only) {
		if (m->ntag_keys == 0)
			return;
		pos = pos >= nd ? pos + 1 : nd;
		if (pos >= total)
			pos = nd;
	} else {
		pos = (pos + 1) % total;
	}
	if (pos < nd) {
		l->by = group_dims[pos];
		l->tag[0] = '\0';
	} else {
		l->by = COST_BY_TAG;
		snprintf(l->tag, sizeof(l->tag), "%s", m->tag_keys[pos - nd]);
	}
	l->sel = 0;
	l->first = 0;
}

static int
in_path(const struct costs *c, int dim)
{
	int i;

	for (i = 0; i < c->depth; i++) {
		if (c->path[i].dim == dim)
			return 1;
	}
	return 0;
}

static void
drill(struct tui *t, struct costs *c)
{
	struct level *l = cur(c);
	struct tui_filter *f;
	const struct costrow *r;
	size_t i;
	int next = -1;

	if (c->res.norder == 0)
		return;
	if (c->depth == COSTS_MAX_DEPTH) {
		snprintf(t->msg, sizeof(t->msg), "at most %d drill-down steps", COSTS_MAX_DEPTH);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(drill_dims) && next < 0; i++) {
		if (drill_dims[i] != l->by && !in_path(c, drill_dims[i]))
			next = drill_dims[i];
	}
	if (next < 0) {
		snprintf(t->msg, sizeof(t->msg), "no finer breakdown: press g to group differently");
		return;
	}
	r = &c->res.res.rows[c->res.order[l->sel]];
	f = &c->path[c->depth];
	f->dim = l->by;
	memcpy(f->tag, l->tag, sizeof(f->tag));
	snprintf(f->val, sizeof(f->val), "%s", r->key[0]);
	c->depth++;
	memset(cur(c), 0, sizeof(struct level));
	cur(c)->by = next;
	c->needle[0] = '\0';
	query(t, c);
}

static int
co_key(struct tui *t, int ch)
{
	struct costs *c = t->state[1];
	struct level *l = cur(c);
	int page = LINES - 10;

	switch (ch) {
	case KEY_UP:
	case 'k':
		if (l->sel > 0)
			l->sel--;
		return 1;
	case KEY_DOWN:
	case 'j':
		if (l->sel + 1 < (int)c->res.norder)
			l->sel++;
		return 1;
	case KEY_PPAGE:
		l->sel = l->sel > page ? l->sel - page : 0;
		return 1;
	case KEY_NPAGE:
		l->sel += page;
		if (l->sel >= (int)c->res.norder)
			l->sel = c->res.norder ? (int)c->res.norder - 1 : 0;
		return 1;
	case KEY_HOME:
		l->sel = 0;
		return 1;
	case KEY_END:
		l->sel = c->res.norder ? (int)c->res.norder - 1 : 0;
		return 1;
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_RIGHT:
		drill(t, c);
		return 1;
	case 27:
	case KEY_LEFT:
	case KEY_BACKSPACE:
	case 127:
		if (c->depth > 0) {
			c->depth--;
			c->needle[0] = '\0';
			query(t, c);
		} else if (c->needle[0] != '\0') {
			c->needle[0] = '\0';
			tuimodel_costs_arrange(&c->res, c->sort, c->needle);
		}
		return 1;
	case 'g':
	case 't':
		next_group(t->m, l, ch == 't');
		if (ch == 't' && t->m->ntag_keys == 0)
			snprintf(t->msg, sizeof(t->msg), "the costs carry no tags");
		query(t, c);
		return 1;
	case 's':
		c->sort = (enum tui_sort)((c->sort + 1) % TUI_SORT_N);
		tuimodel_costs_arrange(&c->res, c->sort, c->needle);
		l->sel = 0;
		return 1;
	case '[':
		c->month = c->month < 0 ? (int)t->m->months.n - 1 : c->month - 1;
		query(t, c);
		return 1;
	case ']':
		c->month = c->month + 1 >= (int)t->m->months.n ? -1 : c->month + 1;
		query(t, c);
		return 1;
	case '/': {
		char buf[sizeof(c->needle)];

		snprintf(buf, sizeof(buf), "%s", c->needle);
		if (tui_prompt(t, "filter rows containing: ", buf, sizeof(buf)) == 0) {
			memcpy(c->needle, buf, sizeof(c->needle));
			tuimodel_costs_arrange(&c->res, c->sort, c->needle);
			l->sel = 0;
			l->first = 0;
		}
		return 1;
	}
	case 'c':
		c->needle[0] = '\0';
		tuimodel_costs_arrange(&c->res, c->sort, c->needle);
		return 1;
	default:
		return 0;
	}
}

const struct tui_view view_costs = {
	"Costs",
	"Enter:drill|Esc:back|g,t:group|s:sort|[]:month|/:find",
	help, co_open, co_close, co_draw, co_key,
};
