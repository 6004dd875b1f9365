/* test_billing.c - the threaded reader gives the same rollup and account
 * as one thread, falls back when a cut lands inside a quoted newline,
 * reports errors at their line in the whole file, and finds or skips rows
 * cut short in any chunk; the tags cache keeps every row's own tags while
 * it grows and when it starts over. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/billing.h"
#include "data/rollup.h"
#include "testlib.h"

static const char header[] =
	"lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageAccountId,"
	"lineItem/ProductCode,lineItem/ResourceId,lineItem/UsageType,"
	"lineItem/UsageAmount,lineItem/UnblendedCost,lineItem/LineItemDescription,"
	"resourceTags/user:team\n";

/* n rows; every `quoted`-th row has a description with a newline inside
 * quotes; row `bad` (1-based data row, 0 = none) has a bad cost; rows
 * `cut` and n ends after the cost when `cut` is not 0. */
static void
write_cur(const char *path, int n, int quoted, int bad, int cut)
{
	FILE *f = fopen(path, "w");
	int i;

	fputs(header, f);
	for (i = 1; i <= n; i++) {
		fprintf(f, "Usage,2026-10-%02dT%02d:00:00Z,111,AmazonEC2,i-%04d,BoxUsage:m5.large,1,",
			1 + (i / 24) % 28, i % 24, i % 97);
		if (i == bad)
			fputs("1.2.3", f);
		else
			fprintf(f, "0.%09d", (i * 7919) % 1000000000);
		if (cut && (i == cut || i == n))
			fputs(i == n ? "" : "\n", f);
		else if (quoted && i % quoted == 0)
			fputs(",\"two\nlines, \"\"quoted\"\"\",web\n", f);
		else
			fprintf(f, ",plain,%s\n", i % 3 ? "web" : "");
	}
	fclose(f);
}

/* 2n rows over n resources, each with tags of its own: row i is resource
 * r-(i mod n) tagged team t-(i mod n), so the second half hits the cache. */
static void
write_tagged(const char *path, int n)
{
	FILE *f = fopen(path, "w");
	int i;

	fputs(header, f);
	for (i = 0; i < 2 * n; i++)
		fprintf(f, "Usage,2026-10-01T%02d:00:00Z,111,AmazonEC2,r-%05d,BoxUsage,1,0.5,x,t-%05d\n",
			i < n ? 0 : 1, i % n, i % n);
	fclose(f);
}

/*
 * An Azure export of n rows over days 1-12 of months 1-12 (each date valid
 * month first and day first), the date written day first (dmy) or month
 * first, or ISO (iso). The row `tell` (0: none) is on the 13th: only one
 * order reads it; the row `mix` (0: none) is on the 13th written in the
 * other order.
 */
static void
write_azure(const char *path, int n, int dmy, int iso, int tell, int mix)
{
	FILE *f = fopen(path, "w");
	int i;

	fputs("Date,SubscriptionId,MeterCategory,CostInBillingCurrency\n", f);
	for (i = 1; i <= n; i++) {
		int day = 1 + (i * 7) % 12, month = 1 + (i / 3) % 12, first = dmy;

		if (i == tell || i == mix)
			day = 13;
		if (i == mix)
			first = !dmy;
		if (iso)
			fprintf(f, "2026-%02d-%02d", month, day);
		else
			fprintf(f, "%02d/%02d/2026", first ? day : month, first ? month : day);
		fprintf(f, ",sub-%d,Virtual Machines,0.%09d\n", i % 5, (i * 7919) % 1000000000);
	}
	fclose(f);
}

static void
load(const char *path, int threads, struct rollup **r, struct account *a,
     struct diag *d, int *rc)
{
	struct billing_opts o;

	billing_opts_init(&o);
	o.threads = threads;
	o.parallel_min = 1;
	*r = rollup_new();
	*rc = billing_load_opts(*r, path, &o, a, d);
}

/* path2 on threads gives the same rollup and account as path1 on one. */
static void
same_as(const char *path1, const char *path2, int threads, const char *what)
{
	struct rollup *r1, *r2;
	struct account a1, a2;
	struct diag d;
	int rc1, rc2;
	money_t b1, e1, b2, e2;
	size_t i;
	int cells_same = 1;

	load(path1, 1, &r1, &a1, &d, &rc1);
	load(path2, threads, &r2, &a2, &d, &rc2);
	test_int(rc1, 0, "%s: one thread reads", what);
	test_int(rc2, 0, "%s: %d threads read", what, threads);
	test_int(a2.rows_read, a1.rows_read, "%s: rows read agree", what);
	test_int(a2.rows_used, a1.rows_used, "%s: rows used agree", what);
	rollup_totals(r1, &b1, &e1);
	rollup_totals(r2, &b2, &e2);
	test_int(b2, b1, "%s: billed agrees", what);
	test_int(a2.billed, b1, "%s: account billed agrees", what);
	rollup_sort(r1);
	rollup_sort(r2);
	test_int((int64_t)rollup_count(r2), (int64_t)rollup_count(r1), "%s: cell count", what);
	for (i = 0; i < rollup_count(r1) && cells_same; i++) {
		const struct rollup_cell *c1 = rollup_get(r1, i), *c2 = rollup_get(r2, i);

		cells_same = c1->hour == c2->hour && c1->billed == c2->billed &&
			     c1->rows == c2->rows && strcmp(c1->dim[DIM_RESOURCE], c2->dim[DIM_RESOURCE]) == 0 &&
			     strcmp(c1->dim[DIM_TAGS], c2->dim[DIM_TAGS]) == 0;
	}
	test_ok(cells_same, "%s: every cell agrees", what);
	rollup_free(r1);
	rollup_free(r2);
}

/* Reading path on threads fails at line:col with a message holding msg. */
static void
fails_at(const char *path, int threads, long line, long col, const char *msg,
	 const char *what)
{
	struct rollup *r;
	struct account a;
	struct diag d;
	int rc;

	load(path, threads, &r, &a, &d, &rc);
	test_int(rc, -1, "%s, %d threads: an error", what, threads);
	test_int(d.line, line, "%s, %d threads: its line", what, threads);
	test_int(d.col, col, "%s, %d threads: its column", what, threads);
	test_ok(strstr(d.msg, msg) != NULL, "%s, %d threads: message: %s", what, threads, d.msg);
	rollup_free(r);
}

static void
same(const char *path, int threads, const char *what)
{
	same_as(path, path, threads, what);
}

int
main(void)
{
	char dir[] = "/tmp/rs-test-billing.XXXXXX";
	char path[128], iso[128];
	struct rollup *r;
	struct account a;
	struct diag d;
	int rc, t;

	if (mkdtemp(dir) == NULL)
		return 99;
	snprintf(path, sizeof(path), "%s/cur.csv", dir);

	write_cur(path, 5000, 0, 0, 0);
	for (t = 2; t <= 7; t++) {
		char what[32];

		snprintf(what, sizeof(what), "plain rows, %d threads", t);
		same(path, t, what);
	}
	/* quoted newlines everywhere: some cuts land inside quotes */
	write_cur(path, 5000, 3, 0, 0);
	for (t = 2; t <= 7; t++) {
		char what[40];

		snprintf(what, sizeof(what), "quoted newlines, %d threads", t);
		same(path, t, what);
	}
	/* an error late in the file is reported at its line in the file:
	 * header is line 1, data row i is line i + 1 (no quoted newlines) */
	write_cur(path, 5000, 0, 4321, 0);
	load(path, 4, &r, &a, &d, &rc);
	test_int(rc, -1, "bad cost fails on threads");
	test_int(d.line, 4322, "error line counted across chunks");
	test_int(d.col, 69, "error column");
	test_ok(strstr(d.msg, "is not a number") != NULL, "error message: %s", d.msg);
	rollup_free(r);

	/* rows cut short: an error at the first one's end on any number of
	 * threads; skipped and counted with skip_short_rows */
	write_cur(path, 5000, 0, 0, 3210);
	for (t = 1; t <= 4; t += 3) {
		struct billing_opts o;

		fails_at(path, t, 3211, 80, "row has 8 fields, the header has 10", "a short row");
		billing_opts_init(&o);
		o.threads = t;
		o.parallel_min = 1;
		o.skip_short_rows = 1;
		r = rollup_new();
		rc = billing_load_opts(r, path, &o, &a, &d);
		test_int(rc, 0, "%d threads: short rows skipped", t);
		test_int(a.rows_read, 5000, "%d threads: every row read", t);
		test_int(a.rows_used, 4998, "%d threads: all but the two short rows used", t);
		test_ok(a.nskip == 1 && strcmp(a.skip_reason[0], "short row") == 0 &&
				a.skip_count[0] == 2,
			"%d threads: counted as 2 short rows", t);
		rollup_free(r);
	}

	/* Azure slash dates, one order per file: told by row 4000 in the
	 * last chunk, for the pending rows of every chunk before it */
	snprintf(iso, sizeof(iso), "%s/iso.csv", dir);
	write_azure(iso, 5000, 0, 1, 4000, 0);
	for (t = 1; t <= 4; t += 3) {
		char what[48];

		write_azure(path, 5000, 1, 0, 4000, 0);
		snprintf(what, sizeof(what), "day first, %d threads", t);
		same_as(iso, path, t, what);
		write_azure(path, 5000, 0, 0, 4000, 0);
		snprintf(what, sizeof(what), "month first, %d threads", t);
		same_as(iso, path, t, what);

		/* told day first by row 1000 and month first by row 4000 */
		write_azure(path, 5000, 1, 0, 1000, 4000);
		fails_at(path, t, 4001, 1, "\"13/10/2026\" on line 1001 only day first",
			 "both date orders");

		/* nothing tells: month first with a warning naming row 1 */
		write_azure(path, 5000, 0, 0, 0, 0);
		load(path, t, &r, &a, &d, &rc);
		test_int(rc, 0, "%d threads: nothing tells", t);
		test_ok(strstr(a.warning, "(line 2) are read month first") != NULL,
			"%d threads: warning: %s", t, a.warning);
		rollup_free(r);
		write_azure(path, 5000, 1, 0, 4000, 0);
		load(path, t, &r, &a, &d, &rc);
		test_str(a.warning, "", "%d threads: no warning when a row tells", t);
		rollup_free(r);
	}
	unlink(iso);

	/* more distinct tags than the cache holds (8192): it grows from its
	 * small start, starts over, and every cell keeps its row's tags */
	write_tagged(path, 20000);
	load(path, 1, &r, &a, &d, &rc);
	test_int(rc, 0, "20000 distinct tags read");
	test_int((int64_t)rollup_count(r), 40000, "one cell per row");
	{
		size_t i, wrong = 0;

		for (i = 0; i < rollup_count(r); i++) {
			const struct rollup_cell *c = rollup_get(r, i);
			char want[64];

			snprintf(want, sizeof(want), "{\"user:team\":\"t-%s\"}",
				 c->dim[DIM_RESOURCE] + 2);
			wrong += strcmp(c->dim[DIM_TAGS], want) != 0;
		}
		test_int((int64_t)wrong, 0, "every cell has its own row's tags");
	}
	rollup_free(r);

	unlink(path);
	rmdir(dir);
	return test_summary();
}
