/*
 * test_unitcost.c - the fixed/variable rules and the cost per order on a
 * small rollup built here: 48 hours, orders o_h = 10 + h, cost per hour
 * 3.00 on-demand compute + 0.25 per order, 1.00 database, 0.50
 * commitment, and a 20.00 support fee at hour 0.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "data/rollup.h"
#include "testlib.h"
#include "model/unitcost.h"

static void
cell(struct rollup *r, int64_t hour, const char *svc, const char *ut, enum pricing_model pm,
     enum charge_kind ck, const char *cost)
{
	struct rollup_cell c;
	int k;

	memset(&c, 0, sizeof(c));
	for (k = 0; k < DIM_N; k++)
		c.dim[k] = "";
	c.dim[DIM_PROVIDER] = "aws";
	c.dim[DIM_CURRENCY] = "USD";
	c.dim[DIM_SERVICE] = svc;
	c.dim[DIM_USAGE_TYPE] = ut;
	c.hour = hour;
	c.pm = pm;
	c.ck = ck;
	money_parse(cost, strlen(cost), &c.billed);
	c.effective = c.billed;
	c.rows = 1;
	rollup_add(r, &c);
}

int
main(void)
{
	struct rollup *r = rollup_new();
	struct unitcost_opts o;
	struct unitcost_result res;
	struct series orders;
	struct rollup_cell c;
	struct diag d;
	const char *why;
	const char *extra[] = { "AmazonEC2" };
	int64_t t0 = 1790000000 - 1790000000 % 86400;
	int h, k;
	char buf[32];

	unitcost_opts_init(&o);
	memset(&c, 0, sizeof(c));
	for (k = 0; k < DIM_N; k++)
		c.dim[k] = "";
	c.dim[DIM_SERVICE] = "AmazonEC2";
	c.dim[DIM_USAGE_TYPE] = "BoxUsage:c5.large";
	c.pm = PM_ON_DEMAND;
	c.ck = CK_USAGE;
	test_int(unitcost_classify(&c, &o, &why), UC_VARIABLE, "on-demand compute is variable");
	c.pm = PM_SPOT;
	test_int(unitcost_classify(&c, &o, &why), UC_VARIABLE, "spot is variable");
	c.pm = PM_COMMITMENT;
	test_int(unitcost_classify(&c, &o, &why), UC_FIXED, "commitment is fixed");
	test_str(why, "commitment", "rule named");
	c.pm = PM_ON_DEMAND;
	c.dim[DIM_USAGE_TYPE] = "EBS:VolumeUsage.gp3";
	test_int(unitcost_classify(&c, &o, &why), UC_FIXED, "EBS is fixed");
	c.dim[DIM_USAGE_TYPE] = "BoxUsage:c5.large";
	c.ck = CK_TAX;
	test_int(unitcost_classify(&c, &o, &why), UC_FIXED, "tax is fixed");
	c.ck = CK_DISCOUNT;
	test_int(unitcost_classify(&c, &o, &why), UC_VARIABLE, "a discount on compute follows it");
	c.ck = CK_USAGE;
	c.dim[DIM_SERVICE] = "AmazonRDS";
	test_int(unitcost_classify(&c, &o, &why), UC_FIXED, "RDS is fixed");
	c.dim[DIM_SERVICE] = "Cloud SQL";
	test_int(unitcost_classify(&c, &o, &why), UC_FIXED, "Cloud SQL is fixed");
	c.dim[DIM_SERVICE] = "AmazonEC2";
	o.fixed = extra;
	o.nfixed = 1;
	test_int(unitcost_classify(&c, &o, &why), UC_FIXED, "--fixed moves a service");
	o.fixed = NULL;
	o.nfixed = 0;
	o.variable = extra;
	o.nvariable = 1;
	c.dim[DIM_USAGE_TYPE] = "EBS:VolumeUsage.gp3";
	test_int(unitcost_classify(&c, &o, &why), UC_VARIABLE, "--variable wins over rules 2-4");
	o.variable = NULL;
	o.nvariable = 0;

	series_init(&orders, "orders", "", t0, 3600, 48);
	for (h = 0; h < 48; h++) {
		int64_t t = t0 + 3600 * h;

		orders.v[h] = 10 + h;
		snprintf(buf, sizeof(buf), "%.2f", 3.00 + 0.25 * (10 + h));
		cell(r, t, "AmazonEC2", "BoxUsage:c5.large", PM_ON_DEMAND, CK_USAGE, buf);
		cell(r, t, "AmazonRDS", "InstanceUsage:db.t3.medium", PM_ON_DEMAND, CK_USAGE, "1.00");
		cell(r, t, "AmazonEC2", "BoxUsage:c5.large", PM_COMMITMENT, CK_USAGE, "0.50");
	}
	cell(r, t0, "AWSSupportBusiness", "", PM_NONE, CK_SUPPORT, "20.00");
	o.gran = UC_DAY;
	test_ok(unitcost_run(r, &orders, &o, &res, &d) == 0, "run");
	test_int((int64_t)res.n, 2, "two days");
	/* day 1: orders 10..33 = 516; cost 24 x 4.50 + 0.25 x 516 + 20 = 257 */
	test_abs(res.periods[0].orders, 516, 0, "day 1 orders");
	test_int(res.periods[0].cost, 257 * (money_t)1000000000, "day 1 cost exact");
	test_int(res.periods[0].fixed, (24 * 1.5 + 20) * (money_t)1000000000, "day 1 fixed");
	test_abs(res.marginal.slope, 0.25, 1e-9, "marginal cost per order");
	test_abs(res.marginal.base, 4.50, 1e-9, "base per hour (support fee left out)");
	test_abs(res.variable.base, 3.00, 1e-9, "variable base");
	test_int(res.lump, 20 * (money_t)1000000000, "lump charges");
	test_int(res.total.hours, 48, "hours");
	unitcost_result_fini(&res);

	/* orders with a gap: that hour's cost is outside */
	orders.v[5] = NAN;
	test_ok(unitcost_run(r, &orders, &o, &res, &d) == 0, "run with a gap");
	test_int(res.total.hours, 47, "gap hour not counted");
	test_int(res.outside, (money_t)((3.00 + 0.25 * 15 + 1.5) * 1e9 + 0.5), "its cost is outside");
	test_int(res.hours_outside, 1, "one hour outside");
	unitcost_result_fini(&res);
	series_fini(&orders);
	rollup_free(r);
	return test_summary();
}
