/*
 * billing_focus.c - FinOps FOCUS 1.0, 1.1 and 1.2 cost and usage exports.
 * Layer: engine, readers (a billing format).
 *
 * FOCUS states both costs: BilledCost is what the invoice charges,
 * EffectiveCost the amortized cost after commitment discounts (FOCUS
 * spec, "EffectiveCost"), so no rule of ours sits between the export and
 * the rollup. The version is told from the columns it introduced.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ingest/billing_int.h"

enum {
	F_START, F_ACCOUNT, F_SERVICE, F_RESOURCE, F_USAGE_TYPE, F_SKU, F_ITYPE,
	F_SKU_DETAILS, F_REGION, F_CURRENCY, F_PROVIDER, F_USAGE, F_BILLED,
	F_EFFECTIVE, F_TAGS, F_PRICING_CAT, F_CHARGE_CAT, F_CHARGE_FREQ,
	F_COMMIT_ID, F_N,
};

#define N(...) (const char *const[]){ __VA_ARGS__, NULL }

static const char *const *const names[F_N] = {
	[F_START] = N("ChargePeriodStart"),
	[F_ACCOUNT] = N("SubAccountId"),
	[F_SERVICE] = N("ServiceName"),
	[F_RESOURCE] = N("ResourceId"),
	[F_USAGE_TYPE] = N("x_UsageType"),
	[F_SKU] = N("SkuId"),
	[F_ITYPE] = N("x_InstanceType"),
	[F_SKU_DETAILS] = N("SkuPriceDetails"),
	[F_REGION] = N("RegionId"),
	[F_CURRENCY] = N("BillingCurrency"),
	[F_PROVIDER] = N("ProviderName", "ServiceProviderName"),
	[F_USAGE] = N("ConsumedQuantity"),
	[F_BILLED] = N("BilledCost"),
	[F_EFFECTIVE] = N("EffectiveCost"),
	[F_TAGS] = N("Tags"),
	[F_PRICING_CAT] = N("PricingCategory"),
	[F_CHARGE_CAT] = N("ChargeCategory"),
	[F_CHARGE_FREQ] = N("ChargeFrequency"),
	[F_COMMIT_ID] = N("CommitmentDiscountId"),
};

static int
detect(const struct csv_record *hdr, const char *path,
       const struct billing_opts *o, const char **variant)
{
	(void)path;
	(void)o;
	if (bhdr_find(hdr, N("BilledCost")) < 0 || bhdr_find(hdr, N("EffectiveCost")) < 0 ||
	    bhdr_find(hdr, N("ChargePeriodStart")) < 0)
		return 0;
	if (bhdr_find(hdr, N("InvoiceId", "PricingCurrency", "BillingAccountType")) >= 0)
		*variant = "focus-1.2";
	else if (bhdr_find(hdr, N("ServiceSubcategory", "SkuMeter", "SkuPriceDetails",
				  "CommitmentDiscountQuantity", "CapacityReservationId")) >= 0)
		*variant = "focus-1.1";
	else
		*variant = "focus-1.0";
	return 1;
}

static int
bind(struct bctx *c, struct diag *d)
{
	bhdr_bind(c, names, F_N);
	c->amount_id = F_BILLED;
	return bhdr_require(c, F_CHARGE_CAT, "ChargeCategory", d);
}

static int
row(struct bctx *c, struct diag *d)
{
	struct rollup_cell cell;
	const char *pc, *cc, *s;
	size_t n;
	char itype[128], provider[64];
	size_t i;

	memset(&cell, 0, sizeof(cell));
	if (bfield_time(c, F_START, &cell.hour, d) < 0 ||
	    bfield_money(c, F_BILLED, &cell.billed, d) < 0 ||
	    bfield_money(c, F_EFFECTIVE, &cell.effective, d) < 0 ||
	    bfield_usage(c, F_USAGE, &cell.usage, d) < 0)
		return -1;
	snprintf(provider, sizeof(provider), "%s", bfield_str(c, F_PROVIDER, 0));
	for (i = 0; provider[i]; i++)
		provider[i] = (char)tolower((unsigned char)provider[i]);
	if (strncmp(provider, "amazon web services", 19) == 0)
		snprintf(provider, sizeof(provider), "aws");
	else if (strcmp(provider, "microsoft") == 0)
		snprintf(provider, sizeof(provider), "azure");
	else if (strcmp(provider, "google cloud") == 0)
		snprintf(provider, sizeof(provider), "gcp");
	cell.dim[DIM_PROVIDER] = provider;
	cell.dim[DIM_CURRENCY] = bfield(c, F_CURRENCY, &s, &n) ? bfield_str(c, F_CURRENCY, 0) : "USD";
	cell.dim[DIM_ACCOUNT] = bfield_str(c, F_ACCOUNT, 0);
	cell.dim[DIM_SERVICE] = bfield_str(c, F_SERVICE, 0);
	cell.dim[DIM_RESOURCE] = bfield_str(c, F_RESOURCE, 0);
	cell.dim[DIM_USAGE_TYPE] = c->col[F_USAGE_TYPE] >= 0 ? bfield_str(c, F_USAGE_TYPE, 0)
							    : bfield_str(c, F_SKU, 0);
	cell.dim[DIM_REGION] = bfield_str(c, F_REGION, 0);
	cell.dim[DIM_INSTANCE_TYPE] = bfield_str(c, F_ITYPE, 0);
	if (cell.dim[DIM_INSTANCE_TYPE][0] == '\0' && c->col[F_SKU_DETAILS] >= 0) {
		static const char *const keys[] = { "InstanceType", "instanceType", "VMSize", "vmSize" };

		for (i = 0; i < ARRAY_SIZE(keys); i++) {
			bjson_get(c, F_SKU_DETAILS, keys[i], itype, sizeof(itype));
			if (itype[0]) {
				cell.dim[DIM_INSTANCE_TYPE] = itype;
				break;
			}
		}
	}
	cell.dim[DIM_TAGS] = btags_json(c, F_TAGS, d);
	if (cell.dim[DIM_TAGS] == NULL)
		return -1;

	pc = bfield_str(c, F_PRICING_CAT, 0);
	if (strcasecmp(pc, "Standard") == 0 || strcasecmp(pc, "On-Demand") == 0)
		cell.pm = PM_ON_DEMAND;
	else if (strcasecmp(pc, "Committed") == 0 || strcasecmp(pc, "Commitment-Based") == 0)
		cell.pm = PM_COMMITMENT;
	else if (strcasecmp(pc, "Dynamic") == 0 || strcasecmp(pc, "Spot") == 0)
		cell.pm = PM_SPOT;
	else
		cell.pm = PM_NONE;

	cc = bfield_str(c, F_CHARGE_CAT, 0);
	if (strcasecmp(cc, "Usage") == 0) {
		cell.ck = CK_USAGE;
		if (bfield(c, F_COMMIT_ID, &s, &n))
			cell.pm = PM_COMMITMENT;
	} else if (strcasecmp(cc, "Purchase") == 0) {
		cell.ck = CK_PURCHASE;
		if (bfield(c, F_COMMIT_ID, &s, &n) &&
		    strcasecmp(bfield_str(c, F_CHARGE_FREQ, 0), "Recurring") == 0)
			cell.ck = CK_COMMITMENT_FEE;
	} else if (strcasecmp(cc, "Tax") == 0) {
		cell.ck = CK_TAX;
	} else if (strcasecmp(cc, "Credit") == 0) {
		cell.ck = CK_CREDIT;
	} else {
		cell.ck = CK_ADJUSTMENT;
	}
	return bctx_emit(c, &cell, d);
}

const struct bformat bformat_focus = { "focus", detect, bind, row };
