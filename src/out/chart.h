/*
 * chart.h - small charts for people: text sparklines (one block character
 * per value) for terminals and text reports, and inline SVG line and bar
 * charts for HTML pages. Output is a pure function of the input (fixed
 * decimals, no clock, no randomness), so charts are byte-reproducible.
 *
 * Layer: output helpers in the engine library (no stdout, no curses):
 * the report writes them into files, the TUI can draw sparklines.
 */
#ifndef RS_CHART_H
#define RS_CHART_H

#include <stddef.h>
#include <stdio.h>

/* Sparkline of v[0..n): each finite value becomes one of the eight
 * blocks U+2581..U+2588 scaled between the smallest and largest finite
 * value (all equal: the fourth block); a NAN is a blank. Written as UTF-8
 * with a NUL into buf (needs 3n+1 bytes; shorter buffers get a prefix).
 * Returns the number of characters (display columns) written. */
size_t chart_sparkline(const double *v, size_t n, char *buf, size_t size);

/* One line of a line chart: n values (NAN = gap, the line breaks), and
 * optionally an interval band lo..hi drawn beneath it (both or neither). */
struct chart_line {
	const char *name;      /* legend text */
	const double *v;       /* borrowed, n values */
	const double *lo, *hi; /* borrowed, n values each, or NULL */
	int dashed;
};

struct chart {
	const char *title;            /* heading and accessible name */
	const char *unit;             /* y-axis caption, e.g. "USD per day" */
	int width, height;            /* pixels; 0: 720 x 240 */
	size_t n;                     /* points along x */
	const char *const *x_labels;  /* borrowed, n labels or NULL */
	size_t x_every;               /* label every k-th point; 0: about 8 labels */
	const struct chart_line *lines; /* borrowed */
	size_t nlines;
};

/* Write c as one <svg> element (no XML declaration, no namespace: it is
 * meant to be inline in HTML5) with a legend, y grid with round ticks, and
 * polylines. Text is XML-escaped. */
void chart_svg_lines(FILE *f, const struct chart *c);

/* One bar of a horizontal bar chart. */
struct chart_bar {
	const char *label;  /* left of the bar */
	double value;       /* length; negative values are drawn from 0 leftwards */
	const char *text;   /* printed right of the bar (e.g. "1234.56"); may be NULL */
};

/* Write a horizontal bar chart as one <svg> element, bars in the order
 * given. width 0: 720. */
void chart_svg_bars(FILE *f, const char *title, const struct chart_bar *b, size_t n,
		    int width);

/* The "nice" tick step (1, 2 or 5 times a power of ten) that divides
 * [0, span] into at most `ticks` intervals; 1 when span <= 0. */
double chart_tick_step(double span, int ticks);

/* Write s to f with &, <, >, " and ' escaped for XML/HTML, ill-formed
 * UTF-8 as U+FFFD and control characters other than TAB, LF and CR as
 * \xHH (utf8_display()): HTML allows none of them. */
void chart_xml_escape(FILE *f, const char *s);

#endif
