/*
 * main.c - global options and the subcommand table.
 * Layer: front end. Each subcommand lives in cmd_<name>.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "cli/cli.h"
#include "cli/cmd.h"

static const struct cmd *const commands[] = {
	&cmd_ingest,
	&cmd_cost,
	&cmd_catalog,
	&cmd_recommend,
	&cmd_metrics,
	&cmd_fit,
	&cmd_capacity,
	&cmd_unitcost,
	&cmd_simulate,
	&cmd_whatif,
	&cmd_report,
	&cmd_tui,
	NULL,
};

static void
print_overview(FILE *f)
{
	size_t i;

	fputs("usage: rightsize <command> [options] [files]\n"
	      "       rightsize help [command]\n"
	      "       rightsize --version\n\n"
	      "What an online shop's cloud costs per order, which instances are the\n"
	      "wrong size, and what another fleet or policy would cost.\n\n"
	      "Commands:\n", f);
	for (i = 0; commands[i] != NULL; i++)
		fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\nRun 'rightsize <command> --help' for a command's options;\n"
	      "'man rightsize' for the whole reference.\n", f);
}

static const struct cmd *
find_command(const char *name)
{
	size_t i;

	for (i = 0; commands[i] != NULL; i++) {
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct cmd *c;

	gsl_set_error_handler_off();
	if (argc < 2) {
		print_overview(stderr);
		return RS_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("rightsize %s\n", PACKAGE_VERSION);
		return RS_EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			c = find_command(argv[2]);
			if (c == NULL) {
				cli_fail("no command '%s'; see 'rightsize help'", argv[2]);
				return RS_EXIT_USAGE;
			}
			return cli_help(c);
		}
		print_overview(stdout);
		return RS_EXIT_OK;
	}
	c = find_command(argv[1]);
	if (c == NULL) {
		cli_fail("'%s' is not a command; see 'rightsize help'", argv[1]);
		return RS_EXIT_USAGE;
	}
	return c->run(argc - 1, argv + 1);
}
