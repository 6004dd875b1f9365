/*
 * view_whatif.c - view 6, What-if: the scenario's knobs as a form
 * (instance type, target utilization, min/max, boot delay, growth, peak
 * multiplier, spot share, commitment). Changing one reloads the scenario
 * with the knobs as overrides and re-runs the simulation of every
 * configuration at once; the figures and the chart follow, with the time
 * the recompute took. w saves the edited scenario as JSON that
 * `rightsize whatif` reads.
 *
 * Layer: TUI view. The knobs and the simulation are the model's
 * (tuisim.h); this file lays them out.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "tui/tuisim.h"

static const char *const help[] = {
	"Up/Down      choose a knob",
	"Left/Right   change it by one step (- and + too); the simulation re-runs",
	"Enter        type a value for it",
	"r            put every knob back to the scenario file's value",
	"w            save the edited scenario as JSON (rightsize whatif FILE reads it)",
	"The knobs are `rightsize whatif --set` overrides: instance type from the",
	"scenario's optimize.instance_types; target on target-tracking/HPA policies;",
	"tier min, max, boot_seconds, spot.share, committed_instances; load.growth;",
	"peak multiplier on every declared peak. They apply to every candidate.",
	NULL,
};

struct wi {
	int sel;
	/* the chart as last asked of the model */
	int cn;
	double *load, *ready, load_max, ready_max;
	unsigned chart_gen; /* the simulation the chart belongs to */
};

static void
wi_open(struct tui *t)
{
	t->state[5] = xcalloc(1, sizeof(struct wi));
}

static void
wi_free_chart(struct wi *w)
{
	free(w->load);
	free(w->ready);
	w->load = w->ready = NULL;
	w->cn = 0;
}

static void
wi_close(struct tui *t)
{
	struct wi *w = t->state[5];

	wi_free_chart(w);
	free(w);
	t->state[5] = NULL;
}

static void
put_figure(struct tui *t, int y, int x, const char *label, const char *now,
	   const char *base, enum tui_role r)
{
	tui_put(t, y, x, 18, ROLE_NORMAL, label);
	tui_put_right(t, y, x + 18, 10, r, now);
	tui_put_right(t, y, x + 29, 10, ROLE_DIM, base);
}

static void
wi_draw(struct tui *t, int top, int rows)
{
	struct wi *w = t->state[5];
	const struct tuisim *ts = t->m->sim;
	const struct tuisim_row *cur, *base;
	int y = top, k, x2 = 39, h, cw, i;
	char v[64];

	tui_putf(t, y++, 1, COLS - 2, ROLE_TITLE, "What-if %s %s", t->g.hline,
		 ts != NULL ? tuisim_config(ts, ts->edited)->name : "");
	if (ts == NULL) {
		tui_put(t, y + 2, 2, COLS - 4, ROLE_DIM, TUI_NO_SCENARIO);
		return;
	}
	y++;
	/* the form */
	for (k = 0; k < KNOB_N; k++) {
		const struct tui_knob *kb = &ts->knob[k];
		enum tui_role r = k == w->sel ? ROLE_SEL : kb->available ? ROLE_NORMAL : ROLE_DIM;
		int changed = kb->available && fabs(kb->value - kb->file) > 1e-9;

		if (k == w->sel) {
			attron(tui_attr(t, ROLE_SEL));
			mvhline(y + k, 1, ' ', x2 - 2);
			attroff(tui_attr(t, ROLE_SEL));
		}
		tui_putf(t, y + k, 2, 15, r, "%s", kb->label);
		tui_put_right(t, y + k, 17, 20, r,
			      kb->available ? tuisim_knob_text(ts, k, v, sizeof(v)) : "-");
		if (changed)
			tui_put(t, y + k, 37, 1, k == w->sel ? ROLE_SEL : ROLE_WARN, "*");
	}
	/* the figures: edited configuration against the baseline */
	cur = &ts->rows[ts->edited];
	base = &ts->rows[0];
	put_figure(t, y, x2, "", "edited", "baseline", ROLE_HEAD);
	tui_put(t, y, x2, 18, ROLE_HEAD, "figure");
	put_figure(t, y + 1, x2, "monthly cost", cur->monthly, base->monthly, ROLE_TITLE);
	put_figure(t, y + 2, x2, "change %", cur->change, "", ROLE_NORMAL);
	put_figure(t, y + 3, x2, "cost per order", cur->per_order, base->per_order, ROLE_TITLE);
	put_figure(t, y + 4, x2, "SLO minutes missed", cur->slo, base->slo, ROLE_NORMAL);
	put_figure(t, y + 5, x2, "peak fleet", cur->peak, base->peak, ROLE_NORMAL);
	put_figure(t, y + 6, x2, "mean utilization %", cur->util, base->util, ROLE_NORMAL);
	put_figure(t, y + 7, x2, "payback months", cur->payback, "", ROLE_NORMAL);
	tui_putf(t, y + 8, x2, COLS - x2 - 1, ROLE_DIM, "%s in %.1f ms",
		 ts->changes ? "recomputed" : "read and simulated", ts->ms);
	y += KNOB_N + 1;
	if (ts->error[0] != '\0') {
		tui_put(t, y, 2, COLS - 4, ROLE_WARN, ts->error);
		y++;
	} else if (ts->knob[w->sel].why[0] != '\0' && !ts->knob[w->sel].available) {
		tui_putf(t, y, 2, COLS - 4, ROLE_DIM, "%s: %s", ts->knob[w->sel].label,
			 ts->knob[w->sel].why);
		y++;
	} else {
		y++;
	}
	/* the chart: instances in service as bars, offered load as a marker */
	h = top + rows - y - 1;
	cw = COLS - 12;
	if (h < 2)
		return;
	if (w->cn != cw || w->chart_gen != ts->gen) {
		wi_free_chart(w);
		tuisim_chart(ts, cw, &w->load, &w->ready, &w->load_max, &w->ready_max);
		w->cn = cw;
		w->chart_gen = ts->gen;
	}
	snprintf(v, sizeof(v), "%.0f", w->ready_max);
	tui_put_right(t, y, 0, 8, ROLE_BAR, v);
	tui_put_right(t, y + h - 1, 0, 8, ROLE_BAR, "0");
	for (i = 0; i < h; i++)
		tui_put(t, y + i, 9, 1, ROLE_DIM, t->g.vline);
	for (i = 0; i < cw; i++) {
		double f = w->ready_max > 0 ? w->ready[i] / w->ready_max : 0;

		tui_columns(t, y + h - 1, 10 + i, h, &f, 1, ROLE_BAR);
		if (w->load_max > 0 && !isnan(w->load[i])) {
			int r = (int)floor(w->load[i] / w->load_max * (h - 1) + 0.5);

			tui_put(t, y + h - 1 - r, 10 + i, 1, ROLE_MODEL, t->g.model);
		}
	}
	{
		int x = 10;

		x += tui_put(t, y + h, x, 1, ROLE_BAR, t->g.eighths_v[8]);
		x += tui_put(t, y + h, x + 1, COLS - x - 1, ROLE_DIM, "instances in service  ") + 1;
		x += tui_put(t, y + h, x, 1, ROLE_MODEL, t->g.model);
		snprintf(v, sizeof(v), " offered load (top %.0f req/s)", w->load_max);
		tui_put(t, y + h, x, COLS - x - 1, ROLE_DIM, v);
	}
}

static int
wi_key(struct tui *t, int ch)
{
	struct wi *w = t->state[5];
	struct tuisim *ts = t->m->sim;

	if (ts == NULL)
		return 0;
	switch (ch) {
	case KEY_UP:
	case 'k':
		w->sel = (w->sel + KNOB_N - 1) % KNOB_N;
		return 1;
	case KEY_DOWN:
	case 'j':
		w->sel = (w->sel + 1) % KNOB_N;
		return 1;
	case KEY_LEFT:
	case '-':
	case 'h':
	case KEY_RIGHT:
	case '+':
	case '=':
	case 'l':
		tuisim_change(ts, w->sel, ch == KEY_LEFT || ch == '-' || ch == 'h' ? -1 : 1);
		return 1;
	case '\n':
	case '\r':
	case KEY_ENTER: {
		char buf[64], label[128], *end;
		double v;

		tuisim_knob_text(ts, w->sel, buf, sizeof(buf));
		/* growth and peak show "1.20x": edit the number */
		buf[strcspn(buf, "x")] = '\0';
		snprintf(label, sizeof(label), "%s: ", ts->knob[w->sel].label);
		if (tui_prompt(t, label, buf, sizeof(buf)) < 0)
			return 1;
		v = strtod(buf, &end);
		if (end == buf || *end != '\0')
			snprintf(t->msg, sizeof(t->msg), "'%s' is not a number", buf);
		else
			tuisim_set(ts, w->sel, v);
		return 1;
	}
	case 'r':
		tuisim_reset(ts);
		return 1;
	case 'w': {
		char path[512];
		struct diag d;

		snprintf(path, sizeof(path), "%s", t->m->sim_save_default);
		if (tui_prompt(t, "save the edited scenario to: ", path, sizeof(path)) < 0)
			return 1;
		diag_clear(&d);
		if (tuisim_save(ts, path, &d) < 0) {
			char buf[600];

			diag_format(&d, buf, sizeof(buf));
			snprintf(t->msg, sizeof(t->msg), "not saved: %.200s", buf);
		} else {
			snprintf(t->msg, sizeof(t->msg), "saved: rightsize whatif %.200s", path);
		}
		return 1;
	}
	default:
		return 0;
	}
}

const struct tui_view view_whatif = {
	"What-if", "Up,Down:knob|Left,Right:change|Enter:type|r:reset|w:save", help, wi_open, wi_close,
	wi_draw, wi_key,
};
