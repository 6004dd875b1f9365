/*
 * billing_azure.c - Azure cost details exports, Enterprise Agreement
 * (PascalCase columns) and Microsoft Customer Agreement (camelCase), as
 * "actual" or "amortized" datasets.
 * Layer: engine, readers (a billing format).
 *
 * Microsoft publishes the two datasets separately ("Get started with
 * reservation/savings plan costs": actual cost shows purchases when they
 * are paid, amortized cost spreads them over the term and shows unused
 * commitment as UnusedReservation/UnusedSavingsPlan rows). So:
 *   actual:    billed = cost, effective = cost (ingest the amortized
 *              export for amortized costs);
 *   amortized: effective = cost; commitment-covered usage and unused
 *              commitment rows were prepaid, billed = 0; commitment
 *              purchases, if present, get effective 0.
 * The dataset is told by --azure-cost or by "amortized" in the file name.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest/billing_int.h"

enum {
	Z_DATE, Z_ACCOUNT, Z_SERVICE, Z_RESOURCE, Z_METER_SUB, Z_METER, Z_INFO,
	Z_REGION, Z_CURRENCY, Z_USAGE, Z_COST, Z_PRICING, Z_CHARGE, Z_TAGS, Z_N,
};

#define N(...) (const char *const[]){ __VA_ARGS__, NULL }

static const char *const cost_names[] = {
	"CostInBillingCurrency", "Cost", "PreTaxCost", "CostInUsd", NULL,
};

static const char *const *const names[Z_N] = {
	[Z_DATE] = N("Date", "UsageDateTime", "UsageDate"),
	[Z_ACCOUNT] = N("SubscriptionId", "SubscriptionGuid"),
	[Z_SERVICE] = N("MeterCategory"),
	[Z_RESOURCE] = N("ResourceId", "InstanceId"),
	[Z_METER_SUB] = N("MeterSubCategory"),
	[Z_METER] = N("MeterName"),
	[Z_INFO] = N("AdditionalInfo"),
	[Z_REGION] = N("ResourceLocation"),
	[Z_CURRENCY] = N("BillingCurrencyCode", "BillingCurrency", "Currency"),
	[Z_USAGE] = N("Quantity"),
	[Z_COST] = cost_names,
	[Z_PRICING] = N("PricingModel"),
	[Z_CHARGE] = N("ChargeType"),
	[Z_TAGS] = N("Tags"),
};

/* A camelCase header (MCA) has its cost column spelled that way. */
static int
is_mca(const struct csv_record *hdr)
{
	size_t i;

	for (i = 0; i < hdr->n; i++) {
		if (strcmp(hdr->f[i], "costInBillingCurrency") == 0 ||
		    strcmp(hdr->f[i], "billingProfileId") == 0 ||
		    strcmp(hdr->f[i], "meterCategory") == 0)
			return 1;
	}
	return 0;
}

static int
detect(const struct csv_record *hdr, const char *path,
       const struct billing_opts *o, const char **variant)
{
	const char *base = strrchr(path, '/');
	int amortized, mca;

	if (bhdr_find(hdr, cost_names) < 0 || bhdr_find(hdr, N("MeterCategory")) < 0)
		return 0;
	base = base ? base + 1 : path;
	amortized = o->azure_amortized >= 0 ? o->azure_amortized
					    : bcontains(base, strlen(base), "amortized");
	mca = is_mca(hdr);
	if (mca)
		*variant = amortized ? "azure-mca-amortized" : "azure-mca-actual";
	else
		*variant = amortized ? "azure-ea-amortized" : "azure-ea-actual";
	return 1;
}

static int
bind(struct bctx *c, struct diag *d)
{
	bhdr_bind(c, names, Z_N);
	c->amount_id = Z_COST;
	return bhdr_require(c, Z_DATE, "Date", d);
}

static int
row(struct bctx *c, struct diag *d)
{
	struct rollup_cell cell;
	const char *pm, *ct, *sub, *meter, *s;
	size_t n;
	money_t cost;
	char itype[128], utype[512];

	memset(&cell, 0, sizeof(cell));
	if (bfield_time(c, Z_DATE, &cell.hour, d) < 0 ||
	    bfield_money(c, Z_COST, &cost, d) < 0 ||
	    bfield_usage(c, Z_USAGE, &cell.usage, d) < 0)
		return -1;
	cell.dim[DIM_PROVIDER] = "azure";
	cell.dim[DIM_CURRENCY] = bfield(c, Z_CURRENCY, &s, &n) ? bfield_str(c, Z_CURRENCY, 0) : "USD";
	cell.dim[DIM_ACCOUNT] = bfield_str(c, Z_ACCOUNT, 0);
	cell.dim[DIM_SERVICE] = bfield_str(c, Z_SERVICE, 0);
	cell.dim[DIM_RESOURCE] = bfield_str(c, Z_RESOURCE, 0);
	sub = bfield_str(c, Z_METER_SUB, 0);
	meter = bfield_str(c, Z_METER, 0);
	if (sub[0] && meter[0])
		snprintf(utype, sizeof(utype), "%s: %s", sub, meter);
	else
		snprintf(utype, sizeof(utype), "%s", meter[0] ? meter : sub);
	cell.dim[DIM_USAGE_TYPE] = utype;
	cell.dim[DIM_INSTANCE_TYPE] = bjson_get(c, Z_INFO, "ServiceType", itype, sizeof(itype));
	cell.dim[DIM_REGION] = bfield_str(c, Z_REGION, 0);
	cell.dim[DIM_TAGS] = btags_json(c, Z_TAGS, d);
	if (cell.dim[DIM_TAGS] == NULL)
		return -1;

	ct = bfield_str(c, Z_CHARGE, 0);
	if (ct[0] == '\0' || strcasecmp(ct, "Usage") == 0)
		cell.ck = CK_USAGE;
	else if (strcasecmp(ct, "Purchase") == 0)
		cell.ck = CK_PURCHASE;
	else if (strcasecmp(ct, "UnusedReservation") == 0 || strcasecmp(ct, "UnusedSavingsPlan") == 0)
		cell.ck = CK_COMMITMENT_FEE;
	else if (strcasecmp(ct, "Refund") == 0)
		cell.ck = CK_REFUND;
	else if (strcasecmp(ct, "Tax") == 0)
		cell.ck = CK_TAX;
	else
		cell.ck = CK_ADJUSTMENT;

	pm = bfield_str(c, Z_PRICING, 0);
	if (strcasecmp(pm, "OnDemand") == 0)
		cell.pm = PM_ON_DEMAND;
	else if (strcasecmp(pm, "Reservation") == 0 || strcasecmp(pm, "SavingsPlan") == 0)
		cell.pm = PM_COMMITMENT;
	else if (strcasecmp(pm, "Spot") == 0)
		cell.pm = PM_SPOT;
	else
		cell.pm = cell.ck == CK_USAGE ? PM_ON_DEMAND : PM_NONE;

	cell.billed = cost;
	cell.effective = cost;
	if (c->amortized && cell.pm == PM_COMMITMENT) {
		if (cell.ck == CK_USAGE || cell.ck == CK_COMMITMENT_FEE)
			cell.billed = 0;
		else if (cell.ck == CK_PURCHASE)
			cell.effective = 0;
	}
	return bctx_emit(c, &cell, d);
}

const struct bformat bformat_azure = { "azure", detect, bind, row };
