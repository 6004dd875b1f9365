/*
 * tui_draw.c - drawing helpers shared by the views: clipped text, rules,
 * bars and columns in Unicode eighths or ASCII, colours with a monochrome
 * fallback.
 *
 * Layer: TUI (screen writing). Knows curses, nothing of the model.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "base/utf8.h"

/* Colour pairs by role: foreground, background (-1: terminal default). */
static const short role_colors[ROLE_N][2] = {
	[ROLE_NORMAL] = { -1, -1 },
	[ROLE_TAB] = { COLOR_WHITE, COLOR_BLUE },
	[ROLE_TAB_ON] = { COLOR_BLACK, COLOR_CYAN },
	[ROLE_TITLE] = { COLOR_CYAN, -1 },
	[ROLE_HEAD] = { COLOR_YELLOW, -1 },
	[ROLE_SEL] = { COLOR_BLACK, COLOR_CYAN },
	[ROLE_KEY] = { COLOR_BLACK, COLOR_CYAN },
	[ROLE_DIM] = { COLOR_BLUE, -1 },
	[ROLE_WARN] = { COLOR_RED, -1 },
	[ROLE_BAR] = { COLOR_GREEN, -1 },
	[ROLE_MODEL] = { COLOR_YELLOW, -1 },
	[ROLE_BAND] = { COLOR_BLUE, -1 },
	[ROLE_GOOD] = { COLOR_GREEN, -1 },
};

/* Without colour, attributes keep each role readable. */
static const int role_mono[ROLE_N] = {
	[ROLE_NORMAL] = A_NORMAL,
	[ROLE_TAB] = A_NORMAL,
	[ROLE_TAB_ON] = A_REVERSE,
	[ROLE_TITLE] = A_BOLD,
	[ROLE_HEAD] = A_UNDERLINE,
	[ROLE_SEL] = A_REVERSE,
	[ROLE_KEY] = A_REVERSE,
	[ROLE_DIM] = A_NORMAL,
	[ROLE_WARN] = A_BOLD,
	[ROLE_BAR] = A_NORMAL,
	[ROLE_MODEL] = A_BOLD,
	[ROLE_BAND] = A_NORMAL,
	[ROLE_GOOD] = A_NORMAL,
};

void
tui_colors_init(struct tui *t)
{
	int r;

	if (!t->color)
		return;
	if (!has_colors() || start_color() == ERR) {
		t->color = 0;
		return;
	}
	use_default_colors();
	for (r = 1; r < ROLE_N; r++)
		init_pair((short)r, role_colors[r][0], role_colors[r][1]);
}

static const struct tui_glyphs glyphs_utf8 = {
	"\u2500", "\u2502",
	{ " ", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589", "\u2588" },
	{ " ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" },
	"\u2591", "\u2022", "\u25b6", "\u2192",
};

static const struct tui_glyphs glyphs_ascii = {
	"-", "|",
	{ " ", " ", " ", "-", "-", "=", "=", "#", "#" },
	{ " ", " ", "_", "_", ".", ".", ":", ":", "#" },
	":", "*", ">", ">",
};

void
tui_glyphs_init(struct tui *t)
{
	t->g = t->utf8 ? glyphs_utf8 : glyphs_ascii;
}

int
tui_attr(const struct tui *t, enum tui_role r)
{
	if (t->color)
		return r == ROLE_NORMAL ? A_NORMAL :
		       (int)COLOR_PAIR(r) | (r == ROLE_TITLE || r == ROLE_HEAD ? A_BOLD : 0);
	return role_mono[r];
}

int
tui_width(const char *s)
{
	size_t n = strlen(s);
	int w = 0;

	while (n > 0) {
		uint32_t cp;
		size_t l = utf8_decode(s, n, &cp);

		s += l;
		n -= l;
		w++;
	}
	return w;
}

/*
 * One column per character: a UTF-8 sequence is written whole in a UTF-8
 * locale and as '?' otherwise, an ill-formed one as U+FFFD; control
 * characters (a tab or new line in an export's field, ESC, and the C1
 * controls U+0080-U+009F, which some terminals obey) as a blank, so data
 * can never move the cursor.
 */
int
tui_put(const struct tui *t, int y, int x, int w, enum tui_role r, const char *s)
{
	const char *p = s;
	size_t n = strlen(s);
	int cols = 0;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS || w <= 0)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	attron(tui_attr(t, r));
	move(y, x);
	while (n > 0 && cols < w) {
		uint32_t cp;
		size_t l = utf8_decode(p, n, &cp);

		if (utf8_is_control(cp))
			addch(' '); /* C0, DEL and C1 (U+0080-U+009F) alike */
		else if (cp < 0x80)
			addch((chtype)(unsigned char)*p);
		else if (!t->utf8)
			addch('?');
		else if (utf8_valid(p, l))
			addnstr(p, (int)l);
		else
			addstr("\xef\xbf\xbd"); /* U+FFFD for an ill-formed sequence */
		p += l;
		n -= l;
		cols++;
	}
	attroff(tui_attr(t, r));
	return cols;
}

int
tui_putf(const struct tui *t, int y, int x, int w, enum tui_role r, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return tui_put(t, y, x, w, r, buf);
}

void
tui_put_right(const struct tui *t, int y, int x, int w, enum tui_role r, const char *s)
{
	int sw = tui_width(s);

	if (sw >= w)
		tui_put(t, y, x, w, r, s);
	else
		tui_put(t, y, x + w - sw, sw, r, s);
}

void
tui_hline(const struct tui *t, int y, int x, int w)
{
	int i;

	attron(tui_attr(t, ROLE_DIM));
	for (i = 0; i < w && x + i < COLS; i++)
		mvaddstr(y, x + i, t->g.hline);
	attroff(tui_attr(t, ROLE_DIM));
}

void
tui_hbar(const struct tui *t, int y, int x, int w, double frac, enum tui_role r)
{
	long eighths;
	int i;

	if (!(frac > 0.0))
		return;
	if (frac > 1.0)
		frac = 1.0;
	eighths = lround(frac * w * 8.0);
	attron(tui_attr(t, r));
	for (i = 0; i < w && eighths > 0; i++, eighths -= 8) {
		const char *g = t->g.eighths_h[eighths >= 8 ? 8 : eighths];

		mvaddstr(y, x + i, g);
	}
	attroff(tui_attr(t, r));
}

void
tui_columns(const struct tui *t, int y, int x, int h, const double *v, int n,
	    enum tui_role r)
{
	int i, row;

	attron(tui_attr(t, r));
	for (i = 0; i < n && x + i < COLS; i++) {
		long eighths;

		if (isnan(v[i]) || !(v[i] > 0.0))
			continue;
		eighths = lround((v[i] > 1.0 ? 1.0 : v[i]) * h * 8.0);
		for (row = 0; row < h && eighths > 0; row++, eighths -= 8)
			mvaddstr(y - row, x + i, t->g.eighths_v[eighths >= 8 ? 8 : eighths]);
	}
	attroff(tui_attr(t, r));
}

int
tui_prompt(struct tui *t, const char *label, char *buf, size_t n)
{
	size_t len = strlen(buf);
	int ch, rc = -1;

	curs_set(1);
	for (;;) {
		move(LINES - 2, 0);
		clrtoeol();
		tui_putf(t, LINES - 2, 0, COLS - 1, ROLE_NORMAL, "%s%s", label, buf);
		refresh();
		ch = getch();
		if (ch == ERR) {
			if (tui_interrupted())
				break;
			continue;
		}
		if (ch == 27) {
			rc = -1;
			break;
		}
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
			rc = 0;
			break;
		}
		if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
			if (len > 0)
				buf[--len] = '\0';
		} else if (ch >= 32 && ch < 127 && len + 1 < n) {
			buf[len++] = (char)ch;
			buf[len] = '\0';
		}
	}
	curs_set(0);
	move(LINES - 2, 0);
	clrtoeol();
	return rc;
}
