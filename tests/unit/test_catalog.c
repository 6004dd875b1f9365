/*
 * test_catalog.c - the catalog loader: entries and exact prices, directives,
 * later files' rows replacing earlier ones (and repeats within one file
 * refused), file:line:col of malformed and out-of-range rows, the line
 * bound, look-ups and group walks on a catalog of 60,000 rows, and the
 * shipped AWS catalog.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/catalog.h"
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

/* A bad row must fail with exactly this line and column, and a message
 * holding want (when not NULL). */
static void
bad(const char *row, long line, long col, const char *want, const char *what)
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
	if (want != NULL)
		test_ok(strstr(d.msg, want) != NULL, "%s: \"%s\" in \"%s\"", what, want, d.msg);
}

/* A good row must load. */
static void
good(const char *rows, const char *what)
{
	char text[1024];
	struct catalog *c = NULL;
	struct diag d;

	snprintf(text, sizeof(text), "%s%s", head, rows);
	diag_clear(&d);
	test_int(catalog_load(write_file("good.cat", text), &c, &d), 0, "%s: loads (%s)", what,
		 d.msg);
	catalog_free(c);
}

/* 60,000 rows: 2,000 types in 10 regions and 3 services, read back by
 * look-up and by group walks in load order. */
static void
big_catalog(void)
{
	struct catalog *c = NULL;
	const struct catalog_entry *e;
	struct diag d;
	char p[600];
	FILE *f;
	int r, s, t, bad_find = 0, bad_walk = 0;
	size_t n;

	snprintf(p, sizeof(p), "%s/big.cat", tmpdir);
	f = fopen(p, "w");
	if (f == NULL)
		exit(99);
	fputs("@provider aws\n@source gen\n@read 2026-11-22\n", f);
	for (r = 0; r < 10; r++) {
		fprintf(f, "@region r%d\n", r);
		for (s = 0; s < 3; s++) {
			for (t = 0; t < 2000; t++)
				fprintf(f, "t%d.large, svc%d, t%d, x86_64, %d, 8, -, 1, 0.%03d, "
					"-, -, -, -, -, -\n", t, s, t % 50, 1 + t % 64, r * 3 + s);
		}
	}
	fclose(f);
	diag_clear(&d);
	test_int(catalog_load(p, &c, &d), 0, "60,000 rows load (%s)", d.msg);
	if (c == NULL)
		return;
	test_int((int64_t)catalog_count(c), 60000, "60,000 entries");
	for (r = 0; r < 10; r++) {
		char region[8], svc[8], type[16];

		snprintf(region, sizeof(region), "r%d", r);
		for (s = 0; s < 3; s++) {
			snprintf(svc, sizeof(svc), "svc%d", s);
			for (t = 0; t < 2000; t += 7) {
				snprintf(type, sizeof(type), "t%d.large", t);
				e = catalog_find_service(c, region, svc, type);
				if (e == NULL || strcmp(e->type, type) != 0 ||
				    strcmp(e->region, region) != 0 || strcmp(e->service, svc) != 0 ||
				    e->price[CAT_ON_DEMAND] != (money_t)(r * 3 + s) * 1000000)
					bad_find++;
			}
		}
	}
	test_int(bad_find, 0, "every look-up by region, service and type is right");
	e = catalog_find(c, NULL, "t1999.large");
	test_ok(e != NULL && strcmp(e->region, "r0") == 0 && strcmp(e->service, "svc0") == 0,
		"no region: the first loaded entry of the type");
	e = catalog_find(c, "r7", "t5.large");
	test_ok(e != NULL && strcmp(e->service, "svc0") == 0, "no service: the first in r7");
	test_ok(catalog_find(c, "r10", "t5.large") == NULL, "an unknown region: NULL");
	test_ok(catalog_find(c, NULL, "t2000.large") == NULL, "an unknown type: NULL");
	e = catalog_find_service(c, "r4", "svc2", "t0.large");
	n = 0;
	for (; e != NULL; e = catalog_group_next(c, e)) {
		if (strcmp(e->region, "r4") != 0 || strcmp(e->service, "svc2") != 0 ||
		    catalog_get(c, 4 * 6000 + 2 * 2000 + n) != e)
			bad_walk++;
		n++;
	}
	test_int((int64_t)n, 2000, "a group walk from its first entry: 2,000 entries");
	test_int(bad_walk, 0, "... all of the group, in load order");
	e = catalog_get(c, 59999);
	test_ok(e != NULL && catalog_group_first(c, e) == catalog_get(c, 58000),
		"the group of the last entry starts 2,000 entries before it");
	catalog_free(c);
	unlink(p);
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

	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.096, -, -, -, -, -\n", 6, 1, NULL,
	    "14 fields");
	bad("m5.large, ec2, m5, x86_64, two, 8, net, 1.0, 0.096, -, -, -, -, -, -\n", 6, 28, NULL,
	    "vcpu not a number");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.0.96, -, -, -, -, -, -\n", 6, 44, NULL,
	    "bad price");
	/* above 10,000 an hour (so a 730-hour month always fits money_t) */
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 12634757, -, -, -, -, -, -\n", 6, 44, NULL,
	    "price whose month would overflow");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 1, -, -, 12634757, -, -, -\n", 6, 53, NULL,
	    "sp_1y whose month would overflow");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, -0.1, -, -, -, -, -, -\n", 6, 44, NULL,
	    "negative price");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.1, -, 3-7, -, -, -, -\n", 6, 52, NULL,
	    "unknown spot band");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 0, 0.1, -, -, -, -, -, -\n", 6, 39, NULL,
	    "perf 0");
	bad("m5 large, ec2, m5, x86_64, 2, 8, net, 1, 0.1, -, -, -, -, -, -\n", 6, 1, NULL,
	    "blank in type");
	bad("@read yesterday\n", 6, 7, NULL, "bad @read date");
	bad("@colour blue\n", 6, 1, NULL, "unknown directive");
	bad("m5.large, ec2, m5, x86_64, 0, 8, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 28,
	    "vcpu \"0\" is out of range (0.125 to 4096)", "vcpu 0");
	bad("m5.large, ec2, m5, x86_64, 5000, 8, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 28,
	    "vcpu \"5000\" is out of range", "vcpu 5000");
	bad("m5.large, ec2, m5, x86_64, 0.1, 8, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 28,
	    "out of range", "vcpu 0.1");
	bad("m5.large, ec2, m5, x86_64, -2, 8, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 28,
	    "vcpu \"-2\" is not a decimal number", "vcpu -2");
	bad("m5.large, ec2, m5, x86_64, nan, 8, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 28,
	    "is not a decimal number", "vcpu nan");
	bad("m5.large, ec2, m5, x86_64, inf, 8, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 28,
	    "is not a decimal number", "vcpu inf");
	bad("m5.large, ec2, m5, x86_64, 1e3, 8, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 28,
	    "is not a decimal number", "vcpu 1e3");
	bad("m5.large, ec2, m5, x86_64, 0x10, 8, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 28,
	    "is not a decimal number", "vcpu in hex");
	bad("m5.large, ec2, m5, x86_64, 2, 1e308, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 31,
	    "memory_gib \"1e308\" is not a decimal number", "memory 1e308");
	bad("m5.large, ec2, m5, x86_64, 2, 100000, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 31,
	    "memory_gib \"100000\" is out of range (0.0625 to 65536)", "memory 100000");
	bad("m5.large, ec2, m5, x86_64, 2, 0, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 31,
	    "memory_gib \"0\" is out of range", "memory 0");
	bad("m5.large, ec2, m5, x86_64, 2, nan, net, 1.0, 0.1, -, -, -, -, -, -\n", 6, 31,
	    "is not a decimal number", "memory nan");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1000, 0.1, -, -, -, -, -, -\n", 6, 39,
	    "perf \"1000\" is out of range (0.01 to 100)", "perf 1000");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, nan, 0.1, -, -, -, -, -, -\n", 6, 39,
	    "perf \"nan\" is not a decimal number", "perf nan");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 1e308, -, -, -, -, -, -\n", 6, 44,
	    "on_demand \"1e308\" is out of range (0 to 10000)", "price 1e308");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 20000, -, -, -, -, -, -\n", 6, 44,
	    "on_demand \"20000\" is out of range (0 to 10000)", "price 20000");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, nan, -, -, -, -, -, -\n", 6, 44,
	    "on_demand \"nan\" is not a price", "price nan");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, inf, -, -, -, -, -, -\n", 6, 44,
	    "on_demand \"inf\" is not a price", "price inf");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.1, 99999, -, -, -, -, -\n", 6, 49,
	    "spot \"99999\" is out of range", "spot 99999");
	bad("fargate.x, fargate, fargate, x86_64, 2, 0, -, 1.0, 0.04, -, -, -, -, -, -\n", 6, 38,
	    "vcpu \"2\" of a fargate rate is not 0 or 1", "fargate vcpu 2");
	bad("fargate.x, fargate, fargate, x86_64, 1, 1, -, 1.0, 0.04, -, -, -, -, -, -\n", 6, 41,
	    "memory_gib \"1\" of a fargate rate is not 0", "fargate per vCPU and GB at once");
	bad("fargate.x, fargate, fargate, x86_64, 0, 4, -, 1.0, 0.04, -, -, -, -, -, -\n", 6, 41,
	    "memory_gib \"4\" of a fargate rate is not 0 or 1", "fargate memory 4");
	good("fargate.x, fargate, fargate, x86_64, 1, 0, -, 1.0, 0.04, -, -, -, -, -, -\n"
	     "fargate.y, fargate, fargate, x86_64, 0, 1, -, 1.0, 0.004, -, -, -, -, -, -\n"
	     "lambda.request, lambda, lambda, -, 0, 0, -, 1.0, 0.0000002, -, -, -, -, -, -\n",
	     "unit rates: per vCPU, per GB, per request");
	good("e2-micro, compute, e2, x86_64, 0.25, 1, -, 1.0, 0.0084, -, -, -, -, -, -\n"
	     "big, ec2, u7in, x86_64, 896, 32768, -, 1.0, 407.68, -, -, -, -, -, -\n",
	     "a shared-core fraction of a vCPU, and the largest EC2 type");
	bad("m5.large, ec2, m5, x86_64, 2, 8, net, 1, 0.096, -, -, -, -, -, -\n"
	    "m5.large, rds, m5, x86_64, 2, 8, net, 1, 0.1, -, -, -, -, -, -\n"
	    "m5.large, ec2, m5, x86_64, 2, 8, net, 1, 0.09, -, -, -, -, -, -\n", 8, 1,
	    "m5.large (aws, us-east-1, ec2) is already on line 6 of this file", "repeat in one file");
	good("m5.large, ec2, m5, x86_64, 2, 8, net, 1, 0.096, -, -, -, -, -, -\n"
	     "@region eu-west-1\n"
	     "m5.large, ec2, m5, x86_64, 2, 8, net, 1, 0.107, -, -, -, -, -, -\n",
	     "the same type in another region is not a repeat");
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

	/* The line bound: 4096 bytes a line, its end excluded. */
	{
		size_t n = strlen(head);
		char *text = xmalloc(n + 4200);
		struct catalog *c2 = NULL;

		memcpy(text, head, n);
		memset(text + n, 'x', 4097);
		text[n] = '#';
		strcpy(text + n + 4096, "\n");
		test_int(catalog_load(write_file("long.cat", text), &c2, &d), 0,
			 "a comment of 4096 bytes is read (%s)", d.msg);
		catalog_free(c2);
		c2 = NULL;
		text[n + 4096] = 'x';
		strcpy(text + n + 4097, "\n");
		diag_clear(&d);
		test_int(catalog_load(write_file("long.cat", text), &c2, &d), -1,
			 "a line of 4097 bytes is refused");
		test_ok(d.line == 6 && d.col == 4097 &&
			strcmp(d.msg, "line longer than 4096 bytes") == 0,
			"... at 6:4097: %ld:%ld: %s", d.line, d.col, d.msg);
		catalog_free(c2);
		free(text);
	}
	/* A NUL byte, placed. */
	{
		static const char nul[] = "@provider aws\n# a\0b\n";
		struct catalog *c2 = NULL;
		FILE *f;

		snprintf(path, sizeof(path), "%s/nul.cat", tmpdir);
		f = fopen(path, "w");
		if (f == NULL || fwrite(nul, 1, sizeof(nul) - 1, f) != sizeof(nul) - 1)
			return 99;
		fclose(f);
		diag_clear(&d);
		test_int(catalog_load(path, &c2, &d), -1, "a NUL byte is refused");
		test_ok(d.line == 2 && d.col == 4 && strstr(d.msg, "NUL byte") != NULL,
			"... at 2:4: %ld:%ld: %s", d.line, d.col, d.msg);
		catalog_free(c2);
		unlink(path);
	}
	big_catalog();

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
