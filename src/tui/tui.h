/*
 * tui.h - the planning interface's entry point (`rightsize tui`).
 *
 * Layer: TUI front end. The caller (cmd_tui.c) reads the inputs into a
 * struct tuimodel; tui_run() owns the terminal until the user quits and
 * always gives it back (on quit, on error, on Ctrl-C and when die() runs
 * out of memory). This header does not include curses.
 */
#ifndef RS_TUI_H
#define RS_TUI_H

#include "tui/tuimodel.h"

struct tui_opts {
	int view;          /* first view, 0-based */
	int no_color;      /* --no-color (NO_COLOR in the environment too) */
	int ascii;         /* --ascii: plain ASCII even in a UTF-8 locale */
};

/* Run the interface on m (borrowed). Returns an exit status: 0 on quit,
 * 130 after Ctrl-C, 1 when the terminal cannot be opened. */
int tui_run(struct tuimodel *m, const struct tui_opts *o);

#endif
