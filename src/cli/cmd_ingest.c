/*
 * cmd_ingest.c - `rightsize ingest`: billing exports in, a rollup out,
 * and an account of every file.
 * Layer: front end.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/afile.h"
#include "ingest/billing.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "data/rollup.h"
#include "out/table.h"

static const char usage[] =
	"usage: rightsize ingest [options] FILE...\n"
	"\n"
	"Read billing exports into an hourly rollup (rightsize-rollup(5)) and print,\n"
	"for every file, the rows read, used and skipped by reason, and the billed\n"
	"and effective totals. Formats are detected from the header: AWS CUR legacy\n"
	"and 2.0, FOCUS 1.0-1.2, Azure EA/MCA (actual or amortized), GCP billing\n"
	"export, or a rollup; plain or gzip. Nothing is written when any file is bad.\n"
	"\n"
	"Options:\n"
	"  -o, --output FILE        write the rollup to FILE (default: rollup.csv;\n"
	"                           '-': standard output, the account to stderr)\n"
	"  -n, --dry-run            read and account, write no rollup\n"
	"  -j, --threads N          threads for one plain file (default: CPUs)\n"
	"      --azure-cost KIND    Azure files are 'actual' or 'amortized' cost\n"
	"                           (default: 'amortized' when the name says so)\n"
	"      --skip-short-rows    skip rows with fewer fields than the header\n"
	"                           (counted as 'short row'; default: an error)\n"
	"      --date-order ORDER   read slash dates as 'mdy' (M/D/YYYY) or 'dmy'\n"
	"                           (D/M/YYYY); default: what the file's dates\n"
	"                           tell, else mdy with a warning\n"
	"      --format FMT         text, json or csv (default: text)\n"
	"  -h, --help               show this help\n"
	"\n"
	"Example:\n"
	"  rightsize ingest -o rollup.csv data/sample/billing/*.csv.gz\n";

static void
progress(void *ctx, unsigned long long done, unsigned long long total)
{
	cli_progress((const char *)ctx, done, total);
}

static void
account_row(struct table *t, const struct account *a)
{
	char buf[600], m[40];
	size_t len = 0;
	int i;

	table_add_row(t);
	table_set(t, 0, a->file);
	table_set(t, 1, a->format);
	table_setf(t, 2, "%ld", a->rows_read);
	table_setf(t, 3, "%ld", a->rows_used);
	table_setf(t, 4, "%ld", account_skipped(a));
	buf[0] = '\0';
	for (i = 0; i < a->nskip && len < sizeof(buf) - 80; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s=%ld", i ? "; " : "",
					a->skip_reason[i], a->skip_count[i]);
	table_set(t, 5, buf);
	table_set(t, 6, money_format(a->billed, 2, m, sizeof(m)));
	table_set(t, 7, money_format(a->effective, 2, m, sizeof(m)));
}

static int
run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "azure-cost", required_argument, NULL, 'A' },
		{ "threads", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'F' },
		{ "skip-short-rows", no_argument, NULL, 'S' },
		{ "date-order", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = "rollup.csv";
	enum out_format fmt = OUT_TEXT;
	struct billing_opts bo;
	struct rollup *r = NULL;
	struct account total;
	struct table *t = NULL;
	struct diag d;
	FILE *out;
	int opt, dry = 0, i, rc = RS_EXIT_INPUT;

	billing_opts_init(&bo);
	optind = 1;
	while ((opt = getopt_long(argc, argv, "o:nj:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case 'n':
			dry = 1;
			break;
		case 'j': {
			long n;

			if (cli_parse_long(&cmd_ingest, "--threads", optarg, &n) != 0)
				return RS_EXIT_USAGE;
			if (n < 1 || n > 64)
				return cli_usage_error(&cmd_ingest, "--threads takes 1 to 64");
			bo.threads = (int)n;
			break;
		}
		case 'A':
			if (strcmp(optarg, "actual") == 0)
				bo.azure_amortized = 0;
			else if (strcmp(optarg, "amortized") == 0)
				bo.azure_amortized = 1;
			else
				return cli_usage_error(&cmd_ingest, "--azure-cost is 'actual' or 'amortized'");
			break;
		case 'S':
			bo.skip_short_rows = 1;
			break;
		case 'D':
			if (strcmp(optarg, "mdy") == 0)
				bo.date_order = UTC_ORDER_MDY;
			else if (strcmp(optarg, "dmy") == 0)
				bo.date_order = UTC_ORDER_DMY;
			else
				return cli_usage_error(&cmd_ingest, "--date-order is 'mdy' or 'dmy'");
			break;
		case 'F':
			if (cli_format_option(&cmd_ingest, optarg, &fmt) != 0)
				return RS_EXIT_USAGE;
			break;
		case 'h':
			return cli_help(&cmd_ingest);
		default:
			return cli_usage_error(&cmd_ingest, "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage_error(&cmd_ingest, "no billing files given");

	r = rollup_new();
	t = table_new("ingest");
	table_add_col(t, "file", TABLE_TEXT);
	table_add_col(t, "format", TABLE_TEXT);
	table_add_col(t, "rows_read", TABLE_NUM);
	table_add_col(t, "rows_used", TABLE_NUM);
	table_add_col(t, "rows_skipped", TABLE_NUM);
	table_add_col(t, "skipped_by_reason", TABLE_TEXT);
	table_add_col(t, "billed", TABLE_NUM);
	table_add_col(t, "effective", TABLE_NUM);
	account_init(&total, "TOTAL", "");
	diag_clear(&d);
	bo.progress = progress;
	for (i = optind; i < argc; i++) {
		struct account a;

		bo.progress_ctx = argv[i];
		if (billing_load_opts(r, argv[i], &bo, &a, &d) < 0) {
			cli_report(&d);
			goto out;
		}
		cli_progress_end();
		if (a.warning[0] != '\0')
			cli_warn("%s", a.warning);
		if (account_merge(&total, &a) < 0) {
			cli_fail("%s: cost sum overflows (the TOTAL with the files before it)",
				 argv[i]);
			goto out;
		}
		account_row(t, &a);
	}
	account_row(t, &total);
	if (!dry && rollup_write(r, output, &d) < 0) {
		cli_report(&d);
		goto out;
	}
	/* the rollup took standard output: the account goes to stderr */
	out = !dry && afile_is_stdout(output) ? stderr : stdout;
	table_print(t, out, fmt);
	if (!dry && fmt == OUT_TEXT)
		cli_printf(out, "\nrollup: %s (%zu cells)\n", output, rollup_count(r));
	rc = RS_EXIT_OK;
out:
	table_free(t);
	rollup_free(r);
	return rc;
}

const struct cmd cmd_ingest = {
	"ingest", "read billing exports into an hourly cost rollup", usage, run,
};
