/*
 * tui.c - the planning interface's frame: terminal set-up and restore,
 * the tab line, the bottom key line, help, and the loop that hands each
 * key to the current view (ncdu's draw/key pair per view, by state).
 *
 * Layer: TUI. The terminal is given back on every way out: quit, a
 * failed call, Ctrl-C (SIGINT/SIGTERM/SIGHUP set a flag the loop reads),
 * and out of memory (die() runs tui_restore through die_set_cleanup).
 */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"

/* The screen state: the only mutable globals of the program. A signal
 * handler may only set a flag; the terminal is open or not. */
static volatile sig_atomic_t tui_signal;
static SCREEN *tui_screen;

static const struct tui_view *const views[TUI_NVIEWS] = {
	&view_overview, &view_costs, &view_load,
	&view_rightsize, &view_policies, &view_whatif,
};

/* How long getch() waits before the loop looks at the signal flag. */
#define TUI_POLL_MS 200

static void
on_signal(int sig)
{
	tui_signal = sig;
}

static void
tui_restore(void)
{
	if (tui_screen != NULL) {
		curs_set(1);
		endwin();
		delscreen(tui_screen);
		tui_screen = NULL;
	}
}

int
tui_interrupted(void)
{
	return tui_signal != 0;
}

static const char *const global_help[] = {
	"1-6          switch view (Overview, Costs, Load, Right-size, Policies, What-if)",
	"Tab, S-Tab   next / previous view",
	"?            this help (any key closes it)",
	"q            quit (Ctrl-C also quits and restores the terminal)",
	"Ctrl-L       redraw the screen",
	NULL,
};

static void
draw_tabs(const struct tui *t)
{
	int i, x = 0;

	attron(tui_attr(t, ROLE_TAB));
	move(0, 0);
	clrtoeol();
	mvhline(0, 0, ' ', COLS);
	attroff(tui_attr(t, ROLE_TAB));
	x += tui_put(t, 0, x, COLS - x, ROLE_TAB, " rightsize ");
	for (i = 0; i < TUI_NVIEWS && x < COLS; i++) {
		char lab[40];

		snprintf(lab, sizeof(lab), " %d %s ", i + 1, views[i]->tab);
		x += tui_put(t, 0, x, COLS - x, i == t->view ? ROLE_TAB_ON : ROLE_TAB, lab);
	}
}

/* Key list "KEY:label|KEY:label": keys highlighted, labels plain. */
static int
put_keys(const struct tui *t, int y, int x, const char *list)
{
	const char *p = list;

	while (*p && x < COLS) {
		const char *bar = strchr(p, '|'), *colon;
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		char key[32], lab[64];

		colon = memchr(p, ':', n);
		if (colon == NULL || colon == p)
			colon = p + n;
		snprintf(key, sizeof(key), "%.*s", (int)(colon - p), p);
		snprintf(lab, sizeof(lab), " %.*s ",
			 colon < p + n ? (int)(p + n - colon - 1) : 0, colon + 1);
		x += tui_put(t, y, x, COLS - x, ROLE_KEY, key);
		x += tui_put(t, y, x, COLS - x, ROLE_NORMAL, lab);
		p += n + (bar ? 1 : 0);
	}
	return x;
}

static void
draw_keys(const struct tui *t)
{
	int x, y = LINES - 1;

	move(y, 0);
	clrtoeol();
	/* the tab line shows the view numbers; narrow screens keep the room
	 * for the view's own keys */
	x = put_keys(t, y, 0, COLS >= 100 ? "1-6,Tab:views|?:help|q:quit" : "?:help|q:quit");
	if (t->help) {
		put_keys(t, y, x, "any key:close help");
		return;
	}
	if (views[t->view]->keys[0] == '\0')
		return;
	x += tui_put(t, y, x, COLS - x, ROLE_DIM, t->g.vline);
	put_keys(t, y, x + 1, views[t->view]->keys);
}

static void
draw_help(const struct tui *t, int top, int rows)
{
	const char *const *h;
	int y = top;

	tui_put(t, y++, 2, COLS - 4, ROLE_HEAD, "Keys everywhere");
	for (h = global_help; *h && y < top + rows; h++)
		tui_put(t, y++, 4, COLS - 6, ROLE_NORMAL, *h);
	y++;
	if (y < top + rows)
		tui_putf(t, y++, 2, COLS - 4, ROLE_HEAD, "Keys in %s", views[t->view]->tab);
	for (h = views[t->view]->help; h && *h && y < top + rows; h++)
		tui_put(t, y++, 4, COLS - 6, ROLE_NORMAL, *h);
}

static void
draw(struct tui *t)
{
	int top = 1, rows = LINES - 3;

	erase();
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES) {
		tui_putf(t, 0, 0, COLS, ROLE_WARN, "terminal %dx%d is too small: rightsize tui needs %dx%d",
			 COLS, LINES, TUI_MIN_COLS, TUI_MIN_LINES);
		tui_put(t, 1, 0, COLS, ROLE_NORMAL, "enlarge the window, or press q to quit");
		refresh();
		return;
	}
	draw_tabs(t);
	if (t->help)
		draw_help(t, top + 1, rows - 1);
	else
		views[t->view]->draw(t, top, rows);
	if (t->msg[0] != '\0')
		tui_put(t, LINES - 2, 0, COLS, ROLE_WARN, t->msg);
	draw_keys(t);
	refresh();
}

static void
show(struct tui *t, int v)
{
	t->view = (v + TUI_NVIEWS) % TUI_NVIEWS;
	if (!t->opened[t->view]) {
		t->opened[t->view] = 1;
		if (views[t->view]->open != NULL)
			views[t->view]->open(t);
	}
}

static void
handle_key(struct tui *t, int ch)
{
	if (t->help) {
		t->help = 0;
		return;
	}
	if (ch == KEY_RESIZE || ch == 12 /* Ctrl-L */) {
		clearok(curscr, TRUE);
		return;
	}
	if (views[t->view]->key(t, ch))
		return;
	switch (ch) {
	case 'q':
	case 'Q':
		t->quit = 1;
		break;
	case '?':
	case KEY_F(1):
		t->help = 1;
		break;
	case '\t':
		show(t, t->view + 1);
		break;
	case KEY_BTAB:
		show(t, t->view - 1);
		break;
	default:
		if (ch >= '1' && ch < '1' + TUI_NVIEWS)
			show(t, ch - '1');
		break;
	}
}

int
tui_run(struct tuimodel *m, const struct tui_opts *o)
{
	struct sigaction sa;
	struct tui t;
	const char *nc = getenv("NO_COLOR");
	int i, rc = 0, dirty = 1;

	memset(&t, 0, sizeof(t));
	t.m = m;
	/* Only the character type: numbers keep the C locale's decimal point
	 * for every parser the views may call. */
	setlocale(LC_CTYPE, "");
	t.utf8 = !o->ascii && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	t.color = !o->no_color && (nc == NULL || nc[0] == '\0');
	tui_glyphs_init(&t);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	die_set_cleanup(tui_restore);
	atexit(tui_restore);

	/* newterm, not initscr: initscr exits by itself on an unknown TERM */
	tui_screen = newterm(NULL, stdout, stdin);
	if (tui_screen == NULL) {
		fprintf(stderr, "rightsize: cannot drive terminal type '%s'\n",
			getenv("TERM") ? getenv("TERM") : "(TERM not set)");
		return 1;
	}
	set_term(tui_screen);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	timeout(TUI_POLL_MS);
	tui_colors_init(&t);

	show(&t, o->view);
	while (!t.quit && !tui_signal) {
		int ch;

		if (dirty)
			draw(&t);
		dirty = 0;
		ch = getch();
		if (ch == ERR)
			continue;
		dirty = 1;
		t.msg[0] = '\0';
		handle_key(&t, ch);
	}
	tui_restore();
	if (tui_signal)
		rc = 128 + tui_signal;
	for (i = 0; i < TUI_NVIEWS; i++) {
		if (t.opened[i] && views[i]->close != NULL)
			views[i]->close(&t);
	}
	die_set_cleanup(NULL);
	return rc;
}
