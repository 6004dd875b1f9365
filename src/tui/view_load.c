/*
 * view_load.c - view 3, Load: the load curve drawn in the terminal (mean
 * per column as bars), the fitted model (a marker per column) and its
 * forecast band (80%) past the last point, four weeks ahead; zoom and
 * scroll in time, choose the series. The model is `rightsize fit`'s with
 * its defaults.
 *
 * Layer: TUI view. The model cuts the series into columns (tuimodel_chart);
 * this file maps values to rows.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "base/utc.h"

static const char *const help[] = {
	"+ -          zoom in / out (everything, 4 weeks, 1 week, 2 days, 1 day, 6 hours)",
	"Left/Right   scroll a quarter of the window back / forward",
	"Home/End     the start of the series / the end of the forecast",
	"n, p         next / previous series (orders first, then each metrics series)",
	"Bars are the mean of the points in each column; the scale starts at 0.",
	NULL,
};

/* Window widths offered by + and -; 0 is the whole series. */
static const int64_t zooms[] = { 0, 28 * 86400, 7 * 86400, 2 * 86400, 86400, 6 * 3600 };

struct load {
	size_t series;
	int zoom;
	int64_t end;      /* right edge of the window (zoomed in) */
	int end_set;
	struct tui_chart c; /* the model's columns for the window shown */
	size_t c_series;
	int has_fit;
	char fit_text[1024]; /* the model's figures, or why there is none */
};

/* Ask the model for series l->series' load model and its figures. */
static void
fit_series(struct tui *t, struct load *l)
{
	if (tuimodel_nload_series(t->m) == 0)
		return;
	l->has_fit = tuimodel_fit(t->m, l->series) == 0;
	if (l->has_fit)
		tuimodel_fit_lines(t->m, l->series, l->fit_text, sizeof(l->fit_text));
	else
		snprintf(l->fit_text, sizeof(l->fit_text), "no load model: %.900s",
			 t->m->fits[l->series].error);
	l->c.n = 0; /* the chart must be asked again */
}

static void
ld_open(struct tui *t)
{
	struct load *l = xcalloc(1, sizeof(struct load));

	t->state[2] = l;
	fit_series(t, l);
}

static void
ld_close(struct tui *t)
{
	struct load *l = t->state[2];

	tui_chart_fini(&l->c);
	free(t->state[2]);
	t->state[2] = NULL;
}

/* The span the chart may show: series start to its end (plus the forecast
 * when the series has a model). */
static void
span(const struct tui *t, const struct load *l, int64_t *lo, int64_t *hi)
{
	const struct series *s = tuimodel_load_series(t->m, l->series);

	*lo = s->start;
	*hi = series_time(s, s->n - 1) + s->step + (l->has_fit ? TUI_FORECAST : 0);
}

static void
window(const struct tui *t, struct load *l, int64_t *from, int64_t *to)
{
	int64_t lo, hi, w = zooms[l->zoom];

	span(t, l, &lo, &hi);
	if (w == 0 || w >= hi - lo) {
		*from = lo;
		*to = hi;
		return;
	}
	if (!l->end_set) {
		l->end = hi;
		l->end_set = 1;
	}
	if (l->end > hi)
		l->end = hi;
	if (l->end - w < lo)
		l->end = lo + w;
	*from = l->end - w;
	*to = l->end;
}

static void
fmt_axis(char *buf, size_t n, double v)
{
	if (fabs(v) >= 1e6)
		snprintf(buf, n, "%.3gM", v / 1e6);
	else if (fabs(v) >= 1e4)
		snprintf(buf, n, "%.3gk", v / 1e3);
	else
		snprintf(buf, n, "%.4g", v);
}

static void
fmt_time(char *buf, size_t n, int64_t t, int64_t width)
{
	char full[32];

	utc_format(t, full, sizeof(full));
	if (width > 4 * 86400)
		snprintf(buf, n, "%.10s", full);
	else
		snprintf(buf, n, "%.10s %.5s", full, full + 11);
}

static void
draw_chart(struct tui *t, const struct tui_chart *c, int y0, int x0, int h)
{
	int k, row;

	for (k = 0; k < c->n; k++) {
		double sc = c->ymax > 0 ? (double)h / c->ymax : 0;

		/* band, then the measured bar over it, then the model marker */
		if (!isnan(c->lo80[k]) && !isnan(c->hi80[k])) {
			int r0 = (int)floor(c->lo80[k] * sc), r1 = (int)ceil(c->hi80[k] * sc);

			for (row = r0; row < r1 && row < h; row++)
				tui_put(t, y0 + h - 1 - row, x0 + k, 1, ROLE_BAND, t->g.band);
		}
		if (!isnan(c->mean[k])) {
			double v = c->ymax > 0 ? c->mean[k] / c->ymax : 0;

			tui_columns(t, y0 + h - 1, x0 + k, h, &v, 1, ROLE_BAR);
		}
		if (!isnan(c->fit[k])) {
			int r = (int)floor(c->fit[k] * sc);

			if (r >= h)
				r = h - 1;
			if (r < 0)
				r = 0;
			tui_put(t, y0 + h - 1 - r, x0 + k, 1, ROLE_MODEL, t->g.model);
		}
	}
}

static void
ld_draw(struct tui *t, int top, int rows)
{
	struct load *l = t->state[2];
	const struct series *s;
	const struct tui_chart *c;
	int64_t from, to;
	int y = top, h, x0 = 10, w = COLS - x0 - 2, i;
	char a[40], b[40], lab[40];

	if (tuimodel_nload_series(t->m) == 0) {
		tui_putf(t, y, 1, COLS - 2, ROLE_TITLE, "Load %s", t->g.hline);
		tui_put(t, y + 3, 2, COLS - 4, ROLE_WARN,
			"no load series: open with --metrics FILE (requests, CPU) or --orders FILE");
		return;
	}
	s = tuimodel_load_series(t->m, l->series);
	window(t, l, &from, &to);
	fmt_time(a, sizeof(a), from, to - from);
	fmt_time(b, sizeof(b), to, to - from);
	tui_putf(t, y++, 1, COLS - 2, ROLE_TITLE, "Load %s %s%s%s%s (%zu of %zu)  %s to %s",
		 t->g.hline, s->name, s->unit && s->unit[0] ? " [" : "", s->unit ? s->unit : "",
		 s->unit && s->unit[0] ? "]" : "", l->series + 1, tuimodel_nload_series(t->m), a, b);
	{
		const char *p = l->fit_text;
		int k;

		for (k = 0; k < 3; k++, y++) {
			const char *e = strchr(p, '\n');
			int n = e ? (int)(e - p) : (int)strlen(p);
			char line[400];

			snprintf(line, sizeof(line), "%.*s", n, p);
			tui_put(t, y, 2, COLS - 4, l->has_fit ? ROLE_NORMAL : ROLE_WARN, line);
			p += n + (e ? 1 : 0);
		}
	}
	h = top + rows - y - 3;
	/* ask the model again only when the window or its width changed */
	if (l->c.n != w || l->c.from != from || l->c.to != to || l->c_series != l->series) {
		tui_chart_fini(&l->c);
		tuimodel_chart(t->m, l->series, from, to, w, &l->c);
		l->c_series = l->series;
	}
	c = &l->c;
	/* y axis: top, middle, zero */
	for (i = 0; i < h; i++)
		tui_put(t, y + i, x0 - 1, 1, ROLE_DIM, t->g.vline);
	for (i = 0; i < 3; i++) {
		double v = c->ymax * (2 - i) / 2.0;
		int yy = i == 0 ? y : i == 1 ? y + h / 2 : y + h - 1;

		fmt_axis(lab, sizeof(lab), v);
		tui_put_right(t, yy, 0, x0 - 2, ROLE_DIM, lab);
		tui_put(t, yy, x0 - 1, 1, ROLE_DIM, t->g.vline);
	}
	draw_chart(t, c, y, x0, h);
	y += h;
	tui_hline(t, y, x0, w);
	y++;
	tui_put(t, y, x0, w / 2, ROLE_DIM, a);
	tui_put_right(t, y, x0 + w / 2, w - w / 2, ROLE_DIM, b);
	y++;
	{
		int x = x0;

		x += tui_put(t, y, x, 1, ROLE_BAR, t->g.eighths_v[8]);
		x += tui_put(t, y, x + 1, COLS - x - 1, ROLE_DIM, "measured  ") + 1;
		if (l->has_fit) {
			x += tui_put(t, y, x, 1, ROLE_MODEL, t->g.model);
			x += tui_put(t, y, x + 1, COLS - x - 1, ROLE_DIM, "model  ") + 1;
			x += tui_put(t, y, x, 1, ROLE_BAND, t->g.band);
			tui_put(t, y, x + 1, COLS - x - 1, ROLE_DIM, "80% interval, 4 weeks ahead");
		}
	}
}

static int
ld_key(struct tui *t, int ch)
{
	struct load *l = t->state[2];
	size_t ns = tuimodel_nload_series(t->m);
	int64_t lo, hi, w;

	if (ns == 0)
		return 0;
	span(t, l, &lo, &hi);
	w = zooms[l->zoom] ? zooms[l->zoom] : hi - lo;
	switch (ch) {
	case '+':
	case '=':
		if (l->zoom + 1 < (int)ARRAY_SIZE(zooms))
			l->zoom++;
		return 1;
	case '-':
	case '_':
		if (l->zoom > 0)
			l->zoom--;
		return 1;
	case KEY_LEFT:
	case 'h':
		l->end -= w / 4;
		return 1;
	case KEY_RIGHT:
	case 'l':
		l->end += w / 4;
		return 1;
	case KEY_HOME:
		l->end = lo;
		return 1;
	case KEY_END:
		l->end = hi;
		return 1;
	case 'n':
	case 'p':
		l->series = (l->series + (ch == 'n' ? 1 : ns - 1)) % ns;
		l->end_set = 0;
		fit_series(t, l);
		return 1;
	default:
		return 0;
	}
}

const struct tui_view view_load = {
	"Load", "+,-:zoom|Left,Right:scroll|Home,End|n,p:series", help, ld_open, ld_close,
	ld_draw, ld_key,
};
