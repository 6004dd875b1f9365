/* test_rollup.c - cells merge by key, sums are exact, the CSV form round-
 * trips through the billing reader, writes are atomic. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "billing.h"
#include "costview.h"
#include "rollup.h"
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

	unlink(file);
	rmdir(path);
	rollup_free(r);
	rollup_free(back);
	return test_summary();
}
