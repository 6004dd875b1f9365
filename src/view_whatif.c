/*
 * view_whatif.c - view 6, What-if.
 *
 * Layer: TUI view. This build lacks the engine module the view asks, so
 * it says what is missing instead of showing made-up figures.
 */
#include "config.h"

#include "tui_int.h"

static const char *const help[] = {
	"This view needs the simulator and scenarios (src/sim.h, src/scenario.h).",
	NULL,
};

static void
draw(struct tui *t, int top, int rows)
{
	tui_putf(t, top, 1, COLS - 2, ROLE_TITLE, "What-if %s", t->g.hline);
	tui_unavailable(t, top + 1, rows - 1, "The other views work on the same inputs.",
			"the simulator and scenarios (src/sim.h, src/scenario.h)");
}

static int
key(struct tui *t, int ch)
{
	(void)t;
	(void)ch;
	return 0;
}

const struct tui_view view_whatif = {
	"What-if", "", help, NULL, NULL, draw, key,
};
