/*
 * test_tuimodel.c - the planning screens' model without a terminal: the
 * cost breakdown under drill-down filters and a month, its ordering and
 * text filter, the Overview's month totals, tag keys, and the Load
 * chart's columns.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"
#include "tui/tuimodel.h"

static const char rollup_csv[] =
	"hour,provider,currency,account,service,resource,usage_type,instance_type,region,"
	"pricing_model,charge_kind,tags,usage,billed,effective,rows\n"
	"2026-09-01T00:00:00Z,aws,USD,1,AmazonEC2,i-1,BoxUsage:m5.large,m5.large,us-east-1,"
	"on_demand,usage,\"{\"\"team\"\":\"\"web\"\"}\",1.000000,10.000000000,10.000000000,1\n"
	"2026-09-01T00:00:00Z,aws,USD,1,AmazonEC2,i-2,BoxUsage:m5.large,m5.large,us-east-1,"
	"commitment,usage,\"{\"\"env\"\":\"\"prod\"\",\"\"team\"\":\"\"data\"\"}\",1.000000,"
	"0.000000000,6.500000000,1\n"
	"2026-10-01T05:00:00Z,aws,USD,1,AmazonRDS,db-1,InstanceUsage,db.r5.large,us-east-1,"
	"on_demand,usage,,1.000000,20.250000000,20.250000000,1\n"
	"2026-10-02T05:00:00Z,aws,USD,1,AmazonEC2,i-1,BoxUsage:m5.large,m5.large,us-east-1,"
	"on_demand,usage,\"{\"\"team\"\":\"\"web\"\"}\",1.000000,3.000000000,3.000000000,1\n";

static const char *
key_at(const struct tui_costs *c, size_t i)
{
	return c->res.rows[c->order[i]].key[0];
}

int
main(void)
{
	char path[] = "/tmp/test_tuimodel.XXXXXX";
	const char *files[1];
	struct tui_inputs in;
	struct tuimodel *m;
	struct tui_costs c;
	struct tui_filter f;
	struct diag d;
	char buf[64];
	int fd = mkstemp(path);
	FILE *fp;

	test_ok(fd >= 0, "temporary file");
	fp = fdopen(fd, "w");
	fputs(rollup_csv, fp);
	fclose(fp);

	memset(&in, 0, sizeof(in));
	files[0] = path;
	in.billing = files;
	in.nbilling = 1;
	diag_clear(&d);
	m = tuimodel_load(&in, &d);
	test_ok(m != NULL, "model loads a rollup");
	if (m == NULL) {
		unlink(path);
		return test_summary();
	}

	/* Overview: months and totals as costview gives them */
	test_int((long)m->months.n, 2, "two months");
	test_str(money_format(m->months.rows[0].billed, 2, buf, sizeof(buf)), "10.00",
		 "September billed");
	test_str(money_format(m->months.rows[0].effective, 2, buf, sizeof(buf)), "16.50",
		 "September effective (commitment amortized)");
	test_str(money_format(m->months.effective, 2, buf, sizeof(buf)), "39.75", "total effective");
	test_int((long)m->days.n, 3, "three days with costs");
	test_int(m->total.rows_read, 4, "rows read");
	test_int((long)m->ntag_keys, 2, "two tag keys");
	test_str(m->tag_keys[0], "env", "tag keys sorted");
	test_str(m->tag_keys[1], "team", "second tag key");
	test_int((long)tuimodel_nload_series(m), 0, "no load series without metrics");

	/* Costs: by service, largest effective first */
	diag_clear(&d);
	test_int(tuimodel_costs(m, DIM_SERVICE, NULL, NULL, 0, 0, 0, &c, &d), 0, "by service");
	tuimodel_costs_arrange(&c, TUI_SORT_EFFECTIVE, NULL);
	test_int((long)c.norder, 2, "two services");
	test_str(key_at(&c, 0), "AmazonRDS", "RDS has the largest effective cost");
	test_str(c.share[c.order[0]], "50.9", "its share as `cost` prints it");
	tuimodel_costs_arrange(&c, TUI_SORT_BILLED, NULL);
	test_str(key_at(&c, 0), "AmazonRDS", "and the largest billed");
	tuimodel_costs_arrange(&c, TUI_SORT_NAME, NULL);
	test_str(key_at(&c, 0), "AmazonEC2", "by name: EC2 first");
	tuimodel_costs_arrange(&c, TUI_SORT_EFFECTIVE, "rds");
	test_int((long)c.norder, 1, "the text filter ignores case");
	test_str(key_at(&c, 0), "AmazonRDS", "and keeps the match");
	tuimodel_costs_arrange(&c, TUI_SORT_EFFECTIVE, "nothing");
	test_int((long)c.norder, 0, "a filter can keep nothing");
	tui_costs_fini(&c);

	/* drill into EC2 by resource, in October only */
	memset(&f, 0, sizeof(f));
	f.dim = DIM_SERVICE;
	snprintf(f.val, sizeof(f.val), "AmazonEC2");
	test_int(tuimodel_costs(m, DIM_RESOURCE, NULL, &f, 1, m->months.rows[1].period,
				m->months.rows[1].period + 31 * 86400, &c, &d),
		 0, "EC2 by resource in October");
	tuimodel_costs_arrange(&c, TUI_SORT_EFFECTIVE, NULL);
	test_int((long)c.norder, 1, "one EC2 resource in October");
	test_str(key_at(&c, 0), "i-1", "i-1");
	test_str(money_format(c.res.effective, 2, buf, sizeof(buf)), "3.00", "its total");
	tui_costs_fini(&c);

	/* by tag */
	test_int(tuimodel_costs(m, COST_BY_TAG, "team", NULL, 0, 0, 0, &c, &d), 0, "by tag");
	tuimodel_costs_arrange(&c, TUI_SORT_NAME, NULL);
	test_int((long)c.norder, 3, "data, web and untagged");
	test_str(key_at(&c, 0), "", "untagged first by name");
	test_str(tuimodel_dim_label(COST_BY_TAG, "team", buf, sizeof(buf)), "tag:team",
		 "tag grouping label");
	tui_costs_fini(&c);

	/* Load chart: a 10-point series cut into 5 columns of 2 points */
	{
		struct series s;
		struct tui_chart ch;
		int i;

		series_init(&s, "load", "", 0, 60, 10);
		for (i = 0; i < 10; i++)
			s.v[i] = i;
		s.v[3] = NAN;
		series_set_add(&m->metrics, &s);
		test_int((long)tuimodel_nload_series(m), 1, "one load series");
		tuimodel_chart(m, 0, 0, 600, 5, &ch);
		test_int(ch.n, 5, "five columns");
		test_abs(ch.mean[0], 0.5, 1e-12, "column 0 is the mean of its two points");
		test_abs(ch.mean[1], 2.0, 1e-12, "a gap is left out, never zero");
		test_abs(ch.max[4], 9.0, 1e-12, "column 4's largest point");
		test_ok(isnan(ch.fit[0]), "no model: no fitted value");
		test_abs(ch.ymax, 8.5, 1e-12, "the scale holds the largest column mean");
		tui_chart_fini(&ch);
		tuimodel_chart(m, 0, 600, 1200, 2, &ch);
		test_ok(isnan(ch.mean[0]) && isnan(ch.mean[1]), "past the series: no values");
		tui_chart_fini(&ch);
	}

	tuimodel_free(m);
	unlink(path);
	return test_summary();
}
