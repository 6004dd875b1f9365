/* test_rollup.c - cells merge by key, sums are exact, the CSV form round-
 * trips through the billing reader, writes are atomic. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/billing.h"
#include "model/costview.h"
#include "data/rollup.h"
#include "testlib.h"

static void
cell(struct rollup *r, int64_t hour, const char *svc, const char *res,
     enum pricing_model pm, enum charge_kind ck, money_t b, money_t e)
{
	struct rollup_cell c;

	memset(&c, 0, sizeof(c));
	c.hour = hour;
	c.dim[DIM_PROVIDER] = "aws";
	c.dim[DIM_CURRENCY] = "USD";
	c.dim[DIM_SERVICE] = svc;
	c.dim[DIM_RESOURCE] = res;
	c.dim[DIM_TAGS] = "{\"team\":\"web\"}";
	c.pm = pm;
	c.ck = ck;
	c.billed = b;
	c.effective = e;
	c.usage = 1500000;
	c.rows = 1;
	rollup_add(r, &c);
}

/* Row counts above 2^32 in one cell: added, merged, sorted, written and
 * read back whole, and an overflow of the count refused. */
static void
big_counts(const char *dir)
{
	struct rollup *r = rollup_new(), *other = rollup_new(), *back = rollup_new();
	struct rollup_cell c;
	struct account a;
	struct diag d;
	struct costq q;
	struct costresult res;
	char file[256];
	const int64_t h = 1790812800, three = 3000000000LL;

	memset(&c, 0, sizeof(c));
	c.hour = h;
	c.dim[DIM_PROVIDER] = "aws";
	c.dim[DIM_SERVICE] = "b";
	c.billed = c.effective = 2 * MONEY_SCALE;
	c.rows = three;
	test_int(rollup_add(r, &c), 0, "3e9 rows in a cell");
	test_int(rollup_add(r, &c), 0, "3e9 more rows in the same cell");
	c.dim[DIM_SERVICE] = "a";
	c.billed = c.effective = 1 * MONEY_SCALE;
	c.rows = 1;
	test_int(rollup_add(r, &c), 0, "a cell that sorts first");
	c.dim[DIM_SERVICE] = "b";
	c.rows = three;
	test_int(rollup_add(other, &c), 0, "3e9 rows in another rollup");
	test_int(rollup_merge(r, other), 0, "merge");
	rollup_sort(r);
	test_str(rollup_get(r, 0)->dim[DIM_SERVICE], "a", "sorted: a first");
	test_int(rollup_get(r, 0)->rows, 1, "sorted: a keeps its count");
	test_int(rollup_get(r, 0)->billed, MONEY_SCALE, "sorted: a keeps its sums");
	test_str(rollup_get(r, 1)->dim[DIM_SERVICE], "b", "sorted: b second");
	test_int(rollup_get(r, 1)->rows, 3 * three, "9e9 rows, not cut to 32 bits");
	test_int(rollup_get(r, 1)->billed, 5 * MONEY_SCALE, "sorted: b keeps its sums");

	snprintf(file, sizeof(file), "%s/big.csv", dir);
	test_int(rollup_write(r, file, &d), 0, "write counts above 2^32");
	test_int(billing_load(back, file, &a, &d), 0, "read them back");
	test_int(rollup_count(back) == 2 ? rollup_get(back, 1)->rows : -1, 3 * three,
		 "9e9 rows survive the round trip");
	costq_init(&q);
	test_int(costview_run(back, &q, &res, &d), 0, "cost view over them");
	test_int(res.n == 1 ? res.rows[0].rows : -1, 3 * three + 1, "cost view counts 9e9 + 1 rows");
	costresult_fini(&res);
	costq_fini(&q);

	c.rows = INT64_MAX;
	test_int(rollup_add(r, &c), -1, "a count past int64 is refused");
	test_int(rollup_get(r, 1)->rows, 3 * three, "and leaves the cell alone");

	/* a merge that overflows one cell changes none: a new cell first, a
	 * cell that would overflow after it */
	rollup_free(other);
	other = rollup_new();
	c.rows = 1;
	c.dim[DIM_SERVICE] = "0-new";
	test_int(rollup_add(other, &c), 0, "a new cell");
	c.dim[DIM_SERVICE] = "a";
	c.billed = c.effective = INT64_MAX;
	test_int(rollup_add(other, &c), 0, "a cell of INT64_MAX");
	test_int(rollup_merge(r, other), -1, "merging it overflows");
	test_int((int64_t)rollup_count(r), 2, "no cell added");
	test_int(rollup_get(r, 0)->billed, MONEY_SCALE, "no cell changed");
	unlink(file);
	rollup_free(r);
	rollup_free(other);
	rollup_free(back);
}

int
main(void)
{
	struct rollup *r = rollup_new(), *back = rollup_new();
	struct account a;
	struct diag d;
	money_t b, e;
	char path[] = "/tmp/rs-test-rollup.XXXXXX";
	char file[256], buf[64];
	struct costq q;
	struct costresult res;
	struct stat st;
	int i;
	const int64_t h = 1790812800;

	for (i = 0; i < 1000; i++)
		cell(r, h + 3600 * (i % 3), "AmazonEC2", "i-1", PM_ON_DEMAND, CK_USAGE,
		     123456789, 100000001);
	cell(r, h, "AmazonRDS", "db-1", PM_COMMITMENT, CK_USAGE, 0, 5 * MONEY_SCALE);
	cell(r, h, "AmazonRDS", "db-1", PM_COMMITMENT, CK_COMMITMENT_FEE, 7, 0);
	test_int((int64_t)rollup_count(r), 5, "cells merge by key");
	rollup_totals(r, &b, &e);
	test_int(b, 1000LL * 123456789 + 7, "billed sum exact");
	test_int(e, 1000LL * 100000001 + 5 * MONEY_SCALE, "effective sum exact");

	if (mkdtemp(path) == NULL)
		return 99;
	snprintf(file, sizeof(file), "%s/r.csv", path);
	test_int(rollup_write(r, file, &d), 0, "write rollup");
	test_int(billing_load(back, file, &a, &d), 0, "read rollup back");
	test_str(a.format, "rollup", "detected as a rollup");
	test_int(a.rows_read, 5, "5 rows read");
	test_int((int64_t)rollup_count(back), 5, "5 cells back");
	rollup_totals(back, &b, &e);
	test_int(b, 1000LL * 123456789 + 7, "billed survives the round trip");
	test_int(e, 1000LL * 100000001 + 5 * MONEY_SCALE, "effective survives the round trip");
	test_int(rollup_get(back, 0)->rows + rollup_get(back, 1)->rows +
		 rollup_get(back, 2)->rows + rollup_get(back, 3)->rows + rollup_get(back, 4)->rows,
		 1002, "row counts survive");
	test_int(rollup_get(back, 0)->usage, rollup_get(r, 0)->usage, "usage survives");

	/* atomic write: a failing write leaves the old file alone */
	stat(file, &st);
	test_int(rollup_write(r, "/nonexistent-dir/r.csv", &d), -1, "write to a missing folder fails");
	test_ok(strstr(d.msg, "cannot create") != NULL, "failure says why: %s", d.msg);

	/* cost views */
	costq_init(&q);
	test_int(costq_parse_by(&q, "service", &d), 0, "parse --by service");
	q.gran = GRAN_ALL;
	test_int(costview_run(back, &q, &res, &d), 0, "cost by service");
	test_int((int64_t)res.n, 2, "two services");
	test_str(res.rows[0].key[0], "AmazonEC2", "largest first");
	test_str(money_format(res.rows[0].effective, 2, buf, sizeof(buf)), "100.00",
		 "EC2 effective");
	test_str(money_format(res.rows[1].billed, 9, buf, sizeof(buf)), "0.000000007",
		 "RDS billed");
	costresult_fini(&res);
	costq_fini(&q);
	costq_init(&q);
	costq_parse_by(&q, "tag:team", &d);
	costq_parse_where(&q, "service=AmazonRDS", &d);
	costview_run(back, &q, &res, &d);
	test_int((int64_t)res.n, 1, "filter + tag grouping");
	test_str(res.rows[0].key[0], "web", "tag value");
	costresult_fini(&res);
	costq_fini(&q);
	test_str(costview_tag_value("{\"a\":\"x\\\"y\",\"b\":\"z\"}", "b", buf, sizeof(buf)), "z",
		 "tag value after an escaped quote");
	test_str(costview_tag_value("{\"t\":\"\\u001b[31m\\u00e9\\ud83d\\ude00\\r\\/\"}", "t", buf,
				    sizeof(buf)),
		 "\x1b[31m\xc3\xa9\xf0\x9f\x98\x80\r/", "tag value with \\u escapes and a surrogate pair");
	test_str(costview_tag_value("{\"t\":\"a\\u0000b\\ud800\"}", "t", buf, sizeof(buf)),
		 "a\xef\xbf\xbd" "b\xef\xbf\xbd", "tag value: \\u0000 and a lone surrogate are U+FFFD");
	test_str(costview_tag_value("{\"t\":\"ab\\u00e9\"}", "t", buf, 4), "ab",
		 "tag value: a character that does not fit is left out whole");
	test_int(costq_parse_by(&q, "colour", &d), -1, "unknown dimension rejected");
	costq_fini(&q);

	big_counts(path);
	unlink(file);
	rmdir(path);
	rollup_free(r);
	rollup_free(back);
	return test_summary();
}
