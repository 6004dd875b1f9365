/*
 * cmd.h - the subcommand table entry (tmux style: each cmd_<name>.c
 * exports one `const struct cmd`, main.c lists them, and `rightsize help`
 * prints summaries from the same table so usage text cannot drift).
 *
 * Layer: front end (CLI). Commands parse their flags, call the engine,
 * and print; they hold no analysis of their own.
 */
#ifndef RS_CMD_H
#define RS_CMD_H

struct cmd {
	const char *name;
	const char *summary; /* one line for `rightsize help` */
	const char *usage;   /* full text for `rightsize NAME --help` */
	/* argv[0] is the command name; returns an exit status. */
	int (*run)(int argc, char **argv);
};

extern const struct cmd cmd_ingest;
extern const struct cmd cmd_cost;
extern const struct cmd cmd_catalog;
extern const struct cmd cmd_recommend;
extern const struct cmd cmd_metrics;
extern const struct cmd cmd_fit;
extern const struct cmd cmd_capacity;
extern const struct cmd cmd_unitcost;
extern const struct cmd cmd_simulate;
extern const struct cmd cmd_whatif;
extern const struct cmd cmd_report;
extern const struct cmd cmd_tui;

#endif
