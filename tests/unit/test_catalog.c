/*
 * test_catalog.c - the catalog loader: entries and exact prices, directives,
 * later rows replacing earlier ones, file:line:col of malformed rows, and
 * the shipped AWS catalog.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "testlib.h"

static char tmpdir[] = "/tmp/rs-test-catalog.XXXXXX";

static const char *
write_file(const char *name, const char *text)
{
	static char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(99);
	}
	fputs(text, f);
	fclose(f);
	return path;
}

static const char head[] =
	"# test catalog\n"
	"@provider aws\n@region us-east-1\n@source https://example.test/p\n@read 2026-11-22\n";

/* A bad row must fail with exactly this line and column. */
static void
bad(const char *row, long line, long col, const char *what)
{
	char text[1024];
	struct catalog *c = NULL;
	struct diag d;

	snprintf(text, sizeof(text), "%s%s", head, row);
	diag_clear(&d);
	test_int(catalog_load(write_file("bad.cat", text), &c, &d), -1, "%s: rejected", what);
	test_ok(c == NULL, "%s: no catalog returned", what);
	test_int(d.line, line, "%s: line", what);
	test_int(d.col, col, "%s: column (%s)", what, d.msg);
}

int
main(void)
{
	struct catalog *c = NULL;
	const struct catalog_entry *e;
	struct diag d;
	char path[700];
	const char *srcdir = getenv("top_srcdir");

	if (mkdtemp(tmpdir) == NULL)
		return 99;
	diag_clear(&d);
	write_file("a.cat", "# first\n"
		   "@provider aws\n@region us-east-1\n@source https://example.test/ec2\n"
		   "@read 2026-11-22\n"
		   "m5.large, ec2, m5, x86_64, 2, 8, Up to 10 Gigabit, 1.0, 0.096, 0.0363, 5-10, 0.068, 0.045, 0.06, 0.041\n"
		   "  # indented comment\n\n"
		   "m7g.large, ec2, m7g, arm64, 2, 8, Up to 12.5 Gigabit, 1.25, 0.0816, -, -, -, -, -, -\n"
		   "@region eu-west-1\n"
		   "m5.large, ec2, m5, x86_64, 2, 8, Up to 10 Gigabit, 1.0, 0.107, -, >20, -, -, -, -\n");
	write_file("b.cat", "@provider aws\n@region us-east-1\n@source negotiated\n@read 2026-11-01\n"
		   "m7g.large, ec2, m7g, arm64, 2, 8, Up to 12.5 Gigabit, 1.25, 0.07, -, <5, -, -, -, -\r\n");
	write_file("ignored.txt", "not a catalog\n");
	test_int(catalog_load(tmpdir, &c, &d), 0, "folder loads (%s)", d.msg);
	test_int((int64_t)catalog_count(c), 3, "3 entries (b.cat's m7g.large replaces a.cat's)");
	e = catalog_find(c, "us-east-1", "m5.large");
	test_ok(e != NULL, "m5.large found in us-east-1");
	if (e != NULL) {
		test_int(e->price[CAT_ON_DEMAND], 96000000, "on-demand 0.096 exactly");
		test_int(e->price[CAT_SPOT], 36300000, "spot 0.0363");
		test_int(e->price[CAT_SP_1Y], 68000000, "sp_1y 0.068");
		test_int(e->price[CAT_RI_3Y], 41000000, "ri_3y 0.041");
		test_abs(e->spot_interrupt_lo, 5, 0, "band 5-10: lo");
		test_abs(e->spot_interrupt_hi, 10, 0, "band 5-10: hi");
		test_str(e->network, "Up to 10 Gigabit", "network keeps inner blanks");
		test_str(e->source, "https://example.test/ec2", "source from @source");
		test_str(e->read_date, "2026-11-22", "read date from @read");
		test_abs(e->memory_gib, 8, 0, "memory");
	}
	e = catalog_find(c, "eu-west-1", "m5.large");
	test_ok(e != NULL && e->price[CAT_ON_DEMAND] == 107000000, "eu-west-1 row kept apart");
	test_ok(e != NULL && e->spot_interrupt_lo > 19.9 && e->spot_interrupt_hi > 99,
		"band >20");
	e = catalog_find(c, NULL, "m7g.large");
	test_ok(e != NULL && e->price[CAT_ON_DEMAND] == 70000000,
		"later file overrides: negotiated 0.07");
	test_ok(e != NULL && strcmp(e->source, "negotiated") == 0, "override carries its source");
	test_ok(e != NULL && e->price[CAT_SPOT] == -1, "unpublished price is -1");
	test_ok(catalog_find(c, NULL, "m9.large") == NULL, "unknown type: NULL");
	catalog_free(c);
	c = NULL;

	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.096, -, -, -, -, -\n", 6, 1,
	    "14 fields");
	bad("m5.large, ec2, m5, x86_64, two, 8, net, 1.0, 0.096, -, -, -, -, -, -\n", 6, 28,
	    "vcpu not a number");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.0.96, -, -, -, -, -, -\n", 6, 44,
	    "bad price");
	/* a 730-hour month of the price must fit money_t (12,634,756.21 an hour) */
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 12634757, -, -, -, -, -, -\n", 6, 44,
	    "price whose month overflows");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 1, -, -, 12634757, -, -, -\n", 6, 53,
	    "sp_1y whose month overflows");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, -0.1, -, -, -, -, -, -\n", 6, 44,
	    "negative price");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.1, -, 3-7, -, -, -, -\n", 6, 52,
	    "unknown spot band");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 0, 0.1, -, -, -, -, -, -\n", 6, 39,
	    "perf 0");
	bad("m5 large, ec2, m5, x86_64, 2, 8, net, 1, 0.1, -, -, -, -, -, -\n", 6, 1,
	    "blank in type");
	bad("@read yesterday\n", 6, 7, "bad @read date");
	bad("@colour blue\n", 6, 1, "unknown directive");
	{
		struct catalog *c2 = NULL;

		diag_clear(&d);
		test_int(catalog_load(write_file("nohead.cat",
			"m5.large, ec2, m5, x86_64, 2, 8, net, 1, 0.1, -, -, -, -, -, -\n"), &c2, &d),
			-1, "row before directives rejected");
		test_int(d.line, 1, "row before directives: line 1");
		test_ok(strstr(d.file, "nohead.cat") != NULL, "diag names the file");
		catalog_free(c2);
	}
	test_int(catalog_load("/nonexistent/catalog", &c, &d), -1, "missing path fails");

	/* The shipped catalog. */
	if (srcdir != NULL) {
		snprintf(path, sizeof(path), "%s/data/instances", srcdir);
		diag_clear(&d);
		test_int(catalog_load(path, &c, &d), 0, "shipped catalog loads (%s)", d.msg);
		if (c != NULL) {
			test_ok(catalog_count(c) >= 190, "shipped catalog: %zu entries", catalog_count(c));
			e = catalog_find(c, "us-east-1", "m7g.xlarge");
			test_ok(e != NULL && e->price[CAT_ON_DEMAND] == 163200000 &&
				strcmp(e->arch, "arm64") == 0 && e->vcpu > 3.9 && e->memory_gib > 15.9,
				"m7g.xlarge: 0.1632, arm64, 4 vCPU, 16 GiB");
			e = catalog_find(c, "us-east-1", "c5.9xlarge");
			test_ok(e != NULL && e->price[CAT_ON_DEMAND] == 1530000000, "c5.9xlarge 1.53");
			e = catalog_find_service(c, "us-east-1", "rds-multi-az", "db.r6g.2xlarge");
			test_ok(e != NULL && e->price[CAT_ON_DEMAND] == 1798000000,
				"db.r6g.2xlarge Multi-AZ = 2 x 0.899");
			e = catalog_find(c, "us-east-1", "db.r6g.2xlarge");
			test_ok(e != NULL && strcmp(e->service, "rds") == 0, "first match is Single-AZ");
			e = catalog_find(c, NULL, "fargate.vcpu-hour");
			test_ok(e != NULL && e->price[CAT_ON_DEMAND] == 40480000, "Fargate vCPU-hour 0.04048");
			e = catalog_find(c, NULL, "lambda.request");
			test_ok(e != NULL && e->price[CAT_ON_DEMAND] == 200, "Lambda request 0.0000002");
		}
		catalog_free(c);
	}
	test_str(catalog_price_name(CAT_RI_1Y), "ri_1y", "price names");
	{
		char cmd[700];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			return 99;
	}
	return test_summary();
}
