/*
 * view_load.c - view 3, Load.
 *
 * Layer: TUI view. This build lacks the engine module the view asks, so
 * it says what is missing instead of showing made-up figures.
 */
#include "config.h"

#include "tui_int.h"

static const char *const help[] = {
	"This view needs the load model (src/metrics.h, src/loadfit.h: metrics readers and load fit).",
	NULL,
};

static void
draw(struct tui *t, int top, int rows)
{
	tui_putf(t, top, 1, COLS - 2, ROLE_TITLE, "Load %s", t->g.hline);
	tui_unavailable(t, top + 1, rows - 1, "The other views work on the same inputs.",
			"the load model (src/metrics.h, src/loadfit.h: metrics readers and load fit)");
}

static int
key(struct tui *t, int ch)
{
	(void)t;
	(void)ch;
	return 0;
}

const struct tui_view view_load = {
	"Load", "", help, NULL, NULL, draw, key,
};
