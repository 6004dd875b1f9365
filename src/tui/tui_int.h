/*
 * tui_int.h - inside the planning interface: the screen state, the view
 * table and the drawing helpers every view shares.
 *
 * Layer: TUI. Architecture (ncdu's): one draw/key pair per view, chosen
 * by t->view. A view's key handler asks the engine (through the model)
 * and keeps the answer in its state; its draw function only lays out
 * what is there: no figures are computed while drawing. The screen is
 * split into rows:
 *   0            tabs (the six views, the current one marked)
 *   1            the view's title line
 *   2 .. LINES-3 the view's body
 *   LINES-2      message line (errors, hints)
 *   LINES-1      the keys, always shown
 */
#ifndef RS_TUI_INT_H
#define RS_TUI_INT_H

#include <stddef.h>

#include "tui/tui.h"
#include "tui/tui_curses.h"
#include "tui/tuimodel.h"

/* Smallest screen the layout is designed for. */
#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

/* What Policies and What-if say without a scenario. */
#define TUI_NO_SCENARIO "no scenario given: open with --scenario FILE (data/scenarios/*.json)"

enum tui_role {
	ROLE_NORMAL,
	ROLE_TAB,      /* tab labels */
	ROLE_TAB_ON,   /* the current view's tab */
	ROLE_TITLE,
	ROLE_HEAD,     /* table headings */
	ROLE_SEL,      /* the selected row */
	ROLE_KEY,      /* key names on the bottom line */
	ROLE_DIM,      /* secondary text */
	ROLE_WARN,
	ROLE_BAR,      /* bars and measured load */
	ROLE_MODEL,    /* fitted model */
	ROLE_BAND,     /* forecast band */
	ROLE_GOOD,
	ROLE_N,
};

/* Glyphs: Unicode in a UTF-8 locale, ASCII otherwise. */
struct tui_glyphs {
	const char *hline, *vline;
	const char *eighths_h[9]; /* horizontal bar: 0/8 .. 8/8 of a cell */
	const char *eighths_v[9]; /* vertical column: 0/8 .. 8/8 of a cell */
	const char *band;         /* forecast band fill */
	const char *model;        /* fitted line marker */
	const char *sel;          /* row cursor */
	const char *arrow_r;
};

struct tui;

struct tui_view {
	const char *tab;      /* label on the tab line */
	const char *keys;     /* the view's keys for the bottom line */
	const char *const *help; /* help lines, NULL-terminated */
	void (*open)(struct tui *t);   /* first show: ask the model; may be NULL */
	void (*close)(struct tui *t);  /* free the view state; may be NULL */
	void (*draw)(struct tui *t, int top, int rows);
	/* 1 when the key was the view's, 0 to let the frame handle it */
	int (*key)(struct tui *t, int ch);
};

#define TUI_NVIEWS 6

struct tui {
	struct tuimodel *m;  /* borrowed */
	int view;
	int opened[TUI_NVIEWS];
	void *state[TUI_NVIEWS]; /* each view's own state */
	int help;            /* help overlay shown */
	int quit;
	int color, utf8;
	struct tui_glyphs g;
	char msg[256];       /* message line; cleared on the next key */
};

extern const struct tui_view view_overview, view_costs, view_load,
	view_rightsize, view_policies, view_whatif;

/* Has a signal asked the interface to leave? (tui.c) */
int tui_interrupted(void);

/* ---- drawing helpers (tui_draw.c) --------------------------------------- */

void tui_colors_init(struct tui *t);
void tui_glyphs_init(struct tui *t);
int tui_attr(const struct tui *t, enum tui_role r);
/* Write s at (y, x), at most w columns (UTF-8 aware, one column per
 * character), in role r. Returns the columns written. */
int tui_put(const struct tui *t, int y, int x, int w, enum tui_role r, const char *s);
int tui_putf(const struct tui *t, int y, int x, int w, enum tui_role r,
	     const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Right-aligned in w columns. */
void tui_put_right(const struct tui *t, int y, int x, int w, enum tui_role r,
		   const char *s);
/* A horizontal rule of w columns. */
void tui_hline(const struct tui *t, int y, int x, int w);
/* A horizontal bar filling frac (0..1) of w columns, in eighths. */
void tui_hbar(const struct tui *t, int y, int x, int w, double frac, enum tui_role r);
/* Columns of characters each showing v[i] (0..1 of h rows) from the
 * bottom row y up. NAN leaves the column empty. */
void tui_columns(const struct tui *t, int y, int x, int h, const double *v,
		 int n, enum tui_role r);
/* Display columns of a UTF-8 string. */
int tui_width(const char *s);
/* Prompt on the message line for a line of text (Esc cancels: -1). */
int tui_prompt(struct tui *t, const char *label, char *buf, size_t n);

#endif
