/*
 * view_policies.c - view 5, Policies: the scenario's configurations
 * (baseline and candidates: fleets and autoscaling policies) simulated
 * side by side: monthly cost, cost per order, SLO minutes, peak fleet and
 * the rest of `rightsize whatif`'s and `simulate`'s figures.
 *
 * Layer: TUI view. The simulation is the What-if model's (tuisim.h);
 * edits made on the What-if view show here too.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "tui/tuisim.h"

static const char *const help[] = {
	"Left/Right   scroll the configurations when they do not fit",
	"Figures are those of `rightsize whatif` (monthly cost, change, cost per",
	"order, SLO minutes, peak fleet, payback) and `rightsize simulate` (the",
	"cost by pricing model, instance-hours, mean fleet and utilization).",
	"Changes made on the What-if view (6) are included and listed below.",
	NULL,
};

struct pol {
	int first; /* first configuration column shown */
};

static void
po_open(struct tui *t)
{
	t->state[4] = xcalloc(1, sizeof(struct pol));
}

static void
po_close(struct tui *t)
{
	free(t->state[4]);
	t->state[4] = NULL;
}

/* Row label and the field of struct tuisim_row it shows. */
static const struct {
	const char *label;
	size_t off;
} figures[] = {
	/* whatif's columns first (they fit in 80x24), then simulate's */
	{ "monthly cost", offsetof(struct tuisim_row, monthly) },
	{ "change vs baseline %", offsetof(struct tuisim_row, change) },
	{ "cost per order", offsetof(struct tuisim_row, per_order) },
	{ "SLO minutes missed", offsetof(struct tuisim_row, slo) },
	{ "peak fleet", offsetof(struct tuisim_row, peak) },
	{ "unserved %", offsetof(struct tuisim_row, unserved) },
	{ "one-time cost", offsetof(struct tuisim_row, one_time) },
	{ "payback months", offsetof(struct tuisim_row, payback) },
	{ "mean fleet", offsetof(struct tuisim_row, mean_fleet) },
	{ "mean utilization %", offsetof(struct tuisim_row, util) },
	{ "instance-hours", offsetof(struct tuisim_row, inst_hours) },
	{ "on-demand compute", offsetof(struct tuisim_row, on_demand) },
	{ "spot compute", offsetof(struct tuisim_row, spot) },
	{ "committed compute", offsetof(struct tuisim_row, commitment) },
	{ "fixed costs", offsetof(struct tuisim_row, fixed) },
	{ "total over the run", offsetof(struct tuisim_row, total) },
	{ "orders", offsetof(struct tuisim_row, orders) },
};

#define LABEL_W 22
#define COL_W 14

static void
po_draw(struct tui *t, int top, int rows)
{
	struct pol *p = t->state[4];
	const struct tuisim *ts = t->m->sim;
	int y = top, ncols, i, c, shown;
	char ov[64][160];
	size_t nov, k;

	tui_putf(t, y++, 1, COLS - 2, ROLE_TITLE, "Policies %s %s", t->g.hline,
		 ts != NULL ? ts->sc->name : "");
	if (ts == NULL) {
		tui_put(t, y + 2, 2, COLS - 4, ROLE_DIM, TUI_NO_SCENARIO);
		return;
	}
	ncols = (COLS - 2 - LABEL_W) / COL_W;
	if (p->first > (int)ts->nres - ncols)
		p->first = (int)ts->nres - ncols;
	if (p->first < 0)
		p->first = 0;
	y++;
	for (c = 0; c < ncols && p->first + c < (int)ts->nres; c++) {
		const struct sim_config *cf = tuisim_config(ts, (size_t)(p->first + c));
		int x = 2 + LABEL_W + c * COL_W;
		size_t len = strlen(cf->name);
		char a[COL_W], b[COL_W];

		/* the name on two lines, cut at a blank when it can be */
		snprintf(a, sizeof(a), "%s", cf->name);
		b[0] = '\0';
		if (len >= sizeof(a)) {
			char *sp = strrchr(a, ' ');

			if (sp != NULL && sp > a)
				*sp = '\0';
			snprintf(b, sizeof(b), "%s", cf->name + strlen(a) + (sp ? 1 : 0));
		}
		tui_put_right(t, y, x, COL_W - 1, ROLE_HEAD, a);
		tui_put_right(t, y + 1, x, COL_W - 1, ROLE_HEAD, b);
	}
	tui_put(t, y + 1, 2, LABEL_W, ROLE_HEAD, p->first > 0 ? "< more" : "");
	if (p->first + ncols < (int)ts->nres)
		tui_put(t, y, 2, LABEL_W, ROLE_HEAD, "more >");
	y += 2;
	shown = (int)ARRAY_SIZE(figures);
	if (shown > top + rows - y - 3)
		shown = top + rows - y - 3;
	for (i = 0; i < shown; i++, y++) {
		tui_put(t, y, 2, LABEL_W, i < 5 ? ROLE_TITLE : ROLE_NORMAL, figures[i].label);
		for (c = 0; c < ncols && p->first + c < (int)ts->nres; c++) {
			const struct tuisim_row *r = &ts->rows[p->first + c];

			tui_put_right(t, y, 2 + LABEL_W + c * COL_W, COL_W - 1,
				      i < 5 ? ROLE_TITLE : ROLE_NORMAL,
				      (const char *)r + figures[i].off);
		}
	}
	y++;
	tui_putf(t, y++, 2, COLS - 4, ROLE_DIM,
		 "SLO: p%g of responses under %g ms; %zu steps of %lld s per configuration",
		 ts->sc->slo.percentile, ts->sc->slo.latency_ms, ts->steps,
		 (long long)ts->sc->step);
	nov = tuisim_overrides(ts, ov, ARRAY_SIZE(ov));
	if (nov > 0) {
		char line[512];
		size_t len = 0;

		line[0] = '\0';
		for (k = 0; k < nov && len < sizeof(line) - 170; k++)
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s", k ? " " : "",
						ov[k]);
		tui_putf(t, y, 2, COLS - 4, ROLE_WARN, "with What-if edits: %s", line);
	}
}

static int
po_key(struct tui *t, int ch)
{
	struct pol *p = t->state[4];

	switch (ch) {
	case KEY_LEFT:
	case 'h':
		p->first--;
		return 1;
	case KEY_RIGHT:
	case 'l':
		p->first++;
		return 1;
	default:
		return 0;
	}
}

const struct tui_view view_policies = {
	"Policies", "Left,Right:scroll", help, po_open, po_close, po_draw, po_key,
};
