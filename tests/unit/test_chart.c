/*
 * test_chart.c - sparklines, tick steps and SVG charts: exact characters
 * for known values, gaps as gaps, escaping, and identical bytes twice.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/chart.h"
#include "testlib.h"

static char *
capture_lines(const struct chart *c)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	chart_svg_lines(f, c);
	fclose(f);
	return buf;
}

static int
count(const char *s, const char *needle)
{
	int k = 0;

	while ((s = strstr(s, needle)) != NULL) {
		k++;
		s++;
	}
	return k;
}

int
main(void)
{
	const double ramp[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	const double gap[4] = { 1, NAN, 3, 2 };
	const double flat[3] = { 5, 5, 5 };
	const double v[5] = { 10, 20, NAN, 40, 30 }, lo[5] = { 5, 15, NAN, 35, 25 },
		     hi[5] = { 15, 25, NAN, 45, 35 };
	const char *labels[5] = { "1", "2", "3", "4", "5" };
	struct chart_line line = { "a<b", v, lo, hi, 0 };
	struct chart c;
	struct chart_bar bars[2] = { { "up & away", 100, "100.00" }, { "down", -50, "-50.00" } };
	char buf[128], *s1, *s2, *bar = NULL;
	size_t n = 0;
	FILE *f;

	test_int((int64_t)chart_sparkline(ramp, 8, buf, sizeof(buf)), 8, "eight columns");
	test_str(buf, "▁▂▃▄▅▆▇█", "a ramp uses every block once");
	chart_sparkline(gap, 4, buf, sizeof(buf));
	test_str(buf, "▁ █▅", "a gap is a blank, not the lowest block");
	chart_sparkline(flat, 3, buf, sizeof(buf));
	test_str(buf, "▄▄▄", "equal values sit in the middle");
	test_int((int64_t)chart_sparkline(ramp, 8, buf, 7), 2, "a short buffer gets a prefix");
	test_str(buf, "▁▂", "prefix of whole characters");

	test_abs(chart_tick_step(100, 5), 20, 1e-12, "ticks of 0..100 by 20");
	test_abs(chart_tick_step(7.3, 5), 2, 1e-12, "ticks of 0..7.3 by 2");
	test_abs(chart_tick_step(0.042, 5), 0.01, 1e-15, "ticks of 0..0.042 by 0.01");
	test_abs(chart_tick_step(0, 5), 1, 0, "an empty span ticks by 1");

	memset(&c, 0, sizeof(c));
	c.title = "Daily cost & more";
	c.unit = "USD";
	c.n = 5;
	c.x_labels = labels;
	c.lines = &line;
	c.nlines = 1;
	s1 = capture_lines(&c);
	s2 = capture_lines(&c);
	test_str(s1, s2, "the same chart twice is the same bytes");
	test_ok(strncmp(s1, "<svg ", 5) == 0, "starts with <svg");
	test_int(count(s1, "<polyline"), 2, "the gap splits the line in two polylines");
	test_int(count(s1, "class=\"band\""), 1, "one interval band");
	test_ok(strstr(s1, "Daily cost &amp; more") != NULL, "title escaped");
	test_ok(strstr(s1, "a&lt;b") != NULL, "legend escaped");
	test_ok(strstr(s1, "points=\"64.0,") != NULL, "first point at the left margin");
	/* y axis 0..50 by 10: six grid lines */
	test_int(count(s1, "class=\"grid\""), 6, "grid lines 0,10,...,50");
	test_ok(strstr(s1, "-0.0") == NULL, "no negative zero");
	free(s1);
	free(s2);

	f = open_memstream(&bar, &n);
	chart_svg_bars(f, "Bars", bars, 2, 0);
	fclose(f);
	test_int(count(bar, "<rect class=\"bar\""), 2, "two bars");
	test_ok(strstr(bar, "up &amp; away") != NULL, "bar label escaped");
	/* labels take 7 px a character + 12 ("up & away": 75, so the 80 px
	 * minimum); range -50..100 over 720 - 80 - 90 = 550 px: zero at
	 * 80 + 550/3 */
	test_ok(strstr(bar, "x=\"263.3\" y=\"6.0\" width=\"366.7\"") != NULL,
		"positive bar starts at zero and is 2/3 of the plot");
	test_ok(strstr(bar, "x=\"80.0\" y=\"30.0\" width=\"183.3\"") != NULL,
		"negative bar ends at zero");
	free(bar);
	return test_summary();
}
