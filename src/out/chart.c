/*
 * chart.c - text sparklines and inline SVG charts.
 *
 * Layer: output helpers (engine library: writes only to the FILE it is
 * given). Coordinates are printed with one decimal, so the same numbers
 * always give the same bytes.
 */
#include "config.h"

#include "out/chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

/* Eight palette colours, distinguishable for the common forms of colour
 * blindness (Okabe and Ito, "Color Universal Design", 2008). */
static const char *const palette[] = {
	"#0072B2", "#D55E00", "#009E73", "#CC79A7",
	"#E69F00", "#56B4E9", "#F0E442", "#000000",
};

size_t
chart_sparkline(const double *v, size_t n, char *buf, size_t size)
{
	/* U+2581 LOWER ONE EIGHTH BLOCK .. U+2588 FULL BLOCK */
	static const char *const blocks[8] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
	};
	double lo = INFINITY, hi = -INFINITY;
	size_t i, o = 0, cols = 0;

	if (size == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (isfinite(v[i])) {
			lo = fmin(lo, v[i]);
			hi = fmax(hi, v[i]);
		}
	}
	for (i = 0; i < n; i++) {
		const char *s;
		size_t len;

		if (!isfinite(v[i])) {
			s = " ";
		} else if (hi - lo <= 0) {
			s = blocks[3];
		} else {
			int k = (int)floor((v[i] - lo) / (hi - lo) * 8.0);

			s = blocks[k > 7 ? 7 : k < 0 ? 0 : k];
		}
		len = strlen(s);
		if (o + len + 1 > size)
			break;
		memcpy(buf + o, s, len);
		o += len;
		cols++;
	}
	buf[o] = '\0';
	return cols;
}

void
chart_xml_escape(FILE *f, const char *text)
{
	/* HTML allows no control characters but blanks and line ends */
	char *shown = utf8_display(text, "\t\n\r");
	const char *s;

	for (s = shown; *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
	free(shown);
}

/* A coordinate with one decimal, never "-0.0". */
static void
coord(FILE *f, double x)
{
	if (fabs(x) < 0.05)
		x = 0;
	fprintf(f, "%.1f", x);
}

double
chart_tick_step(double span, int ticks)
{
	double raw, mag, m;

	if (!(span > 0) || ticks < 1)
		return 1;
	raw = span / ticks;
	mag = pow(10, floor(log10(raw)));
	m = raw / mag;
	if (m <= 1)
		return mag;
	if (m <= 2)
		return 2 * mag;
	if (m <= 5)
		return 5 * mag;
	return 10 * mag;
}

/* Tick label: as many decimals as the step needs, thousands unseparated. */
static void
tick_label(FILE *f, double v, double step)
{
	int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);

	if (fabs(v) < step / 2)
		v = 0;
	fprintf(f, "%.*f", dec, v);
}

static void
svg_open(FILE *f, const char *title, int w, int h)
{
	fprintf(f, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		"role=\"img\" aria-label=\"", w, h, w, h);
	chart_xml_escape(f, title ? title : "");
	fputs("\">\n<title>", f);
	chart_xml_escape(f, title ? title : "");
	fputs("</title>\n", f);
}

/* The y range [lo, hi] over every finite value, band included, widened
 * to include 0 and rounded out to whole ticks. */
static void
y_range(const struct chart *c, double *lo, double *hi, double *step)
{
	size_t i, k;

	*lo = 0;
	*hi = 0;
	for (k = 0; k < c->nlines; k++) {
		const struct chart_line *l = &c->lines[k];

		for (i = 0; i < c->n; i++) {
			const double vals[3] = { l->v[i], l->lo ? l->lo[i] : NAN,
						 l->hi ? l->hi[i] : NAN };
			int j;

			for (j = 0; j < 3; j++) {
				if (isfinite(vals[j])) {
					*lo = fmin(*lo, vals[j]);
					*hi = fmax(*hi, vals[j]);
				}
			}
		}
	}
	if (*hi - *lo <= 0)
		*hi = *lo + 1;
	*step = chart_tick_step(*hi - *lo, 5);
	*lo = floor(*lo / *step) * *step;
	*hi = ceil(*hi / *step) * *step;
}

void
chart_svg_lines(FILE *f, const struct chart *c)
{
	const int w = c->width > 0 ? c->width : 720, h = c->height > 0 ? c->height : 240;
	const double left = 64, right = 16, top = 28, bottom = 36;
	const double pw = w - left - right, ph = h - top - bottom;
	double lo, hi, step, t, legend_x = left + 8;
	size_t i, k, every = c->x_every;

	y_range(c, &lo, &hi, &step);
	svg_open(f, c->title, w, h);
#define X(i) (left + (c->n > 1 ? pw * (double)(i) / (double)(c->n - 1) : pw / 2))
#define Y(v) (top + ph - ph * ((v) - lo) / (hi - lo))
	/* grid and y ticks */
	for (t = lo; t <= hi + step / 2; t += step) {
		fputs("<line class=\"grid\" x1=\"", f);
		coord(f, left);
		fputs("\" x2=\"", f);
		coord(f, left + pw);
		fputs("\" y1=\"", f);
		coord(f, Y(t));
		fputs("\" y2=\"", f);
		coord(f, Y(t));
		fputs("\" stroke=\"#ddd\"/>\n<text x=\"", f);
		coord(f, left - 6);
		fputs("\" y=\"", f);
		coord(f, Y(t) + 4);
		fputs("\" text-anchor=\"end\" font-size=\"11\">", f);
		tick_label(f, t, step);
		fputs("</text>\n", f);
	}
	if (c->unit) {
		fputs("<text x=\"4\" y=\"14\" font-size=\"11\">", f);
		chart_xml_escape(f, c->unit);
		fputs("</text>\n", f);
		/* the legend starts after the caption (about 6.5 px a character) */
		legend_x = fmax(legend_x, 4 + 6.5 * (double)strlen(c->unit) + 16);
	}
	/* x labels */
	if (every == 0)
		every = c->n > 8 ? (c->n + 7) / 8 : 1;
	for (i = 0; c->x_labels && i < c->n; i += every) {
		fputs("<text x=\"", f);
		coord(f, X(i));
		fputs("\" y=\"", f);
		coord(f, top + ph + 16);
		fputs("\" text-anchor=\"middle\" font-size=\"11\">", f);
		chart_xml_escape(f, c->x_labels[i]);
		fputs("</text>\n", f);
	}
	for (k = 0; k < c->nlines; k++) {
		const struct chart_line *l = &c->lines[k];
		const char *col = palette[k % ARRAY_SIZE(palette)];
		int open = 0;

		if (l->lo && l->hi) {
			/* the band: along hi left to right, back along lo */
			fprintf(f, "<path class=\"band\" fill=\"%s\" fill-opacity=\"0.18\" d=\"", col);
			for (i = 0; i < c->n; i++) {
				fputs(i ? " L" : "M", f);
				coord(f, X(i));
				fputc(',', f);
				coord(f, Y(isfinite(l->hi[i]) ? l->hi[i] : lo));
			}
			for (i = c->n; i-- > 0;) {
				fputs(" L", f);
				coord(f, X(i));
				fputc(',', f);
				coord(f, Y(isfinite(l->lo[i]) ? l->lo[i] : lo));
			}
			fputs(" Z\"/>\n", f);
		}
		for (i = 0; i < c->n; i++) {
			if (!isfinite(l->v[i])) {
				if (open)
					fputs("\"/>\n", f);
				open = 0;
				continue;
			}
			if (!open) {
				fprintf(f, "<polyline class=\"line\" fill=\"none\" stroke=\"%s\" "
					"stroke-width=\"2\"%s points=\"", col,
					l->dashed ? " stroke-dasharray=\"5,4\"" : "");
				open = 1;
			} else {
				fputc(' ', f);
			}
			coord(f, X(i));
			fputc(',', f);
			coord(f, Y(l->v[i]));
		}
		if (open)
			fputs("\"/>\n", f);
		/* legend entry */
		fprintf(f, "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"4\" fill=\"%s\"/>"
			"<text x=\"%d\" y=\"14\" font-size=\"11\">", (int)legend_x + (int)k * 170,
			col, (int)legend_x + 16 + (int)k * 170);
		chart_xml_escape(f, l->name ? l->name : "");
		fputs("</text>\n", f);
	}
#undef X
#undef Y
	fputs("</svg>\n", f);
}

void
chart_svg_bars(FILE *f, const char *title, const struct chart_bar *b, size_t n, int width)
{
	const int w = width > 0 ? width : 720, bar = 18, gap = 6;
	const double text_w = 90;
	const int h = (int)n * (bar + gap) + gap + 4;
	double lo = 0, hi = 0, label_w = 80, pw, x0;
	size_t i;

	/* room for the longest label at about 7 px a character (12 px
	 * sans-serif), at most 45 % of the width */
	for (i = 0; i < n; i++) {
		double lw = 7.0 * (double)strlen(b[i].label ? b[i].label : "") + 12;

		label_w = fmax(label_w, fmin(lw, 0.45 * w));
	}
	pw = w - label_w - text_w;
	for (i = 0; i < n; i++) {
		if (isfinite(b[i].value)) {
			lo = fmin(lo, b[i].value);
			hi = fmax(hi, b[i].value);
		}
	}
	if (hi - lo <= 0)
		hi = lo + 1;
	x0 = label_w + pw * (0 - lo) / (hi - lo);
	svg_open(f, title, w, h);
	for (i = 0; i < n; i++) {
		double y = gap + (double)i * (bar + gap);
		double v = isfinite(b[i].value) ? b[i].value : 0;
		double len = pw * fabs(v) / (hi - lo);
		double x = v < 0 ? x0 - len : x0;

		fputs("<text x=\"", f);
		coord(f, label_w - 6);
		fputs("\" y=\"", f);
		coord(f, y + bar - 5);
		fputs("\" text-anchor=\"end\" font-size=\"12\">", f);
		chart_xml_escape(f, b[i].label ? b[i].label : "");
		fprintf(f, "</text>\n<rect class=\"bar\" fill=\"%s\" x=\"",
			palette[v < 0 ? 1 : 0]);
		coord(f, x);
		fputs("\" y=\"", f);
		coord(f, y);
		fputs("\" width=\"", f);
		coord(f, len);
		fprintf(f, "\" height=\"%d\"/>\n", bar);
		if (b[i].text) {
			fputs("<text x=\"", f);
			coord(f, (v < 0 ? x0 : x + len) + 4);
			fputs("\" y=\"", f);
			coord(f, y + bar - 5);
			fputs("\" font-size=\"12\">", f);
			chart_xml_escape(f, b[i].text);
			fputs("</text>\n", f);
		}
	}
	fputs("</svg>\n", f);
}
