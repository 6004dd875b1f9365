/*
 * tui_curses.h - the one place curses is included (htop's shim rule).
 *
 * Layer: TUI. Only src/tui*.c and src/view_*.c include this header; they
 * are built with ncursesw's CFLAGS (which set feature macros) into
 * src/librstui.a, so the rest of the program never sees them.
 * tests/cli/layering.sh checks the rule.
 */
#ifndef RS_TUI_CURSES_H
#define RS_TUI_CURSES_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#endif
