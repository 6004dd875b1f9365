/*
 * billing_aws.c - AWS Cost and Usage Reports: legacy CUR
 * ("lineItem/UnblendedCost") and CUR 2.0 ("line_item_unblended_cost").
 * Layer: engine, readers (a billing format).
 *
 * Amortized (effective) cost follows AWS's published rules ("Understanding
 * your reservations / Savings Plans in the CUR", and the CUR query
 * library's amortized-cost expression):
 *   SavingsPlanCoveredUsage  -> savingsPlan/SavingsPlanEffectiveCost
 *   SavingsPlanNegation      -> 0 (it only cancels the covered usage's UC)
 *   SavingsPlanRecurringFee  -> TotalCommitmentToDate - UsedCommitment
 *   SavingsPlanUpfrontFee    -> 0 (amortized into covered usage)
 *   DiscountedUsage          -> reservation/EffectiveCost
 *   RIFee                    -> UnusedAmortizedUpfrontFeeForBillingPeriod
 *                               + UnusedRecurringFee
 *   Fee with a ReservationARN-> 0 (RI upfront, amortized into usage)
 *   anything else            -> UnblendedCost
 * Billed cost is always lineItem/UnblendedCost: the sum is the invoice.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ingest/billing_int.h"

enum {
	A_TYPE, A_START, A_ACCOUNT, A_PRODUCT, A_RESOURCE, A_USAGE_TYPE,
	A_USAGE, A_COST, A_CURRENCY, A_ITYPE, A_REGION, A_REGION_CODE,
	A_SP_EFF, A_SP_TOTAL, A_SP_USED, A_RI_EFF, A_RI_UNUSED_UPFRONT,
	A_RI_UNUSED_RECURRING, A_RI_ARN, A_PRODUCT_MAP, A_TAGS_MAP,
	A_LEGAL_ENTITY, A_N,
};

#define N(...) (const char *const[]){ __VA_ARGS__, NULL }

static const char *const *const legacy_names[A_N] = {
	[A_TYPE] = N("lineItem/LineItemType"),
	[A_START] = N("lineItem/UsageStartDate", "identity/TimeInterval"),
	[A_ACCOUNT] = N("lineItem/UsageAccountId"),
	[A_PRODUCT] = N("lineItem/ProductCode", "product/ProductName"),
	[A_RESOURCE] = N("lineItem/ResourceId"),
	[A_USAGE_TYPE] = N("lineItem/UsageType"),
	[A_USAGE] = N("lineItem/UsageAmount"),
	[A_COST] = N("lineItem/UnblendedCost"),
	[A_CURRENCY] = N("lineItem/CurrencyCode"),
	[A_ITYPE] = N("product/instanceType"),
	[A_REGION] = N("product/region", "product/regionCode"),
	[A_REGION_CODE] = N("product/regionCode"),
	[A_SP_EFF] = N("savingsPlan/SavingsPlanEffectiveCost"),
	[A_SP_TOTAL] = N("savingsPlan/TotalCommitmentToDate"),
	[A_SP_USED] = N("savingsPlan/UsedCommitment"),
	[A_RI_EFF] = N("reservation/EffectiveCost"),
	[A_RI_UNUSED_UPFRONT] = N("reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"),
	[A_RI_UNUSED_RECURRING] = N("reservation/UnusedRecurringFee"),
	[A_RI_ARN] = N("reservation/ReservationARN"),
	[A_PRODUCT_MAP] = NULL,
	[A_TAGS_MAP] = NULL,
	[A_LEGAL_ENTITY] = N("lineItem/LegalEntity"),
};

static const char *const *const cur2_names[A_N] = {
	[A_TYPE] = N("line_item_line_item_type"),
	[A_START] = N("line_item_usage_start_date", "identity_time_interval"),
	[A_ACCOUNT] = N("line_item_usage_account_id"),
	[A_PRODUCT] = N("line_item_product_code", "product_servicecode"),
	[A_RESOURCE] = N("line_item_resource_id"),
	[A_USAGE_TYPE] = N("line_item_usage_type"),
	[A_USAGE] = N("line_item_usage_amount"),
	[A_COST] = N("line_item_unblended_cost"),
	[A_CURRENCY] = N("line_item_currency_code"),
	[A_ITYPE] = N("product_instance_type"),
	[A_REGION] = N("product_region_code", "product_region"),
	[A_REGION_CODE] = N("product_region_code"),
	[A_SP_EFF] = N("savings_plan_savings_plan_effective_cost"),
	[A_SP_TOTAL] = N("savings_plan_total_commitment_to_date"),
	[A_SP_USED] = N("savings_plan_used_commitment"),
	[A_RI_EFF] = N("reservation_effective_cost"),
	[A_RI_UNUSED_UPFRONT] = N("reservation_unused_amortized_upfront_fee_for_billing_period"),
	[A_RI_UNUSED_RECURRING] = N("reservation_unused_recurring_fee"),
	[A_RI_ARN] = N("reservation_reservation_a_r_n"),
	[A_PRODUCT_MAP] = N("product"),
	[A_TAGS_MAP] = N("resource_tags"),
	[A_LEGAL_ENTITY] = N("line_item_legal_entity"),
};

static int
detect_legacy(const struct csv_record *hdr, const char *path,
	      const struct billing_opts *o, const char **variant)
{
	(void)path;
	(void)o;
	*variant = "aws-cur-legacy";
	return bhdr_find(hdr, N("lineItem/UnblendedCost")) >= 0;
}

static int
detect_cur2(const struct csv_record *hdr, const char *path,
	    const struct billing_opts *o, const char **variant)
{
	(void)path;
	(void)o;
	*variant = "aws-cur-2.0";
	return bhdr_find(hdr, N("line_item_unblended_cost")) >= 0;
}

static int
require_common(struct bctx *c, struct diag *d)
{
	c->amount_id = A_COST;
	if (bhdr_require(c, A_TYPE, "line item type", d) < 0 ||
	    bhdr_require(c, A_START, "usage start date", d) < 0 ||
	    bhdr_require(c, A_COST, "unblended cost", d) < 0)
		return -1;
	return 0;
}

static int
bind_legacy(struct bctx *c, struct diag *d)
{
	size_t i;

	bhdr_bind(c, legacy_names, A_N);
	/* every resourceTags/<key> column is a tag */
	c->tag_cols = xcalloc(c->hdr->n ? c->hdr->n : 1, sizeof(int));
	for (i = 0; i < c->hdr->n; i++) {
		if (strncasecmp(c->hdr->f[i], "resourceTags/", 13) == 0 && c->hdr->len[i] > 13)
			c->tag_cols[c->ntag_cols++] = (int)i;
	}
	return require_common(c, d);
}

static int
bind_cur2(struct bctx *c, struct diag *d)
{
	bhdr_bind(c, cur2_names, A_N);
	return require_common(c, d);
}

/* Tags from the resourceTags/ columns. Consecutive rows often carry the
 * same tags, so the row's tag values are compared with the last row's
 * before building the canonical form again. */
static const char *
legacy_tags(struct bctx *c)
{
	const char **keys, **vals;
	const char *res;
	size_t i, n = 0, len = 0;
	char *sig;

	if (c->ntag_cols == 0)
		return "";
	for (i = 0; i < c->ntag_cols; i++) {
		int k = c->tag_cols[i];

		len += ((size_t)k < c->rec->n ? c->rec->len[k] : 0) + 1;
	}
	sig = xmalloc(len + 1);
	len = 0;
	for (i = 0; i < c->ntag_cols; i++) {
		int k = c->tag_cols[i];
		size_t fl = (size_t)k < c->rec->n ? c->rec->len[k] : 0;

		if (fl)
			memcpy(sig + len, c->rec->f[k], fl);
		len += fl;
		sig[len++] = '\x1f';
	}
	sig[len] = '\0';
	res = btags_lookup(c, sig, len);
	if (res != NULL) {
		free(sig);
		return res;
	}
	keys = xcalloc(c->ntag_cols, sizeof(char *));
	vals = xcalloc(c->ntag_cols, sizeof(char *));
	for (i = 0; i < c->ntag_cols; i++) {
		int k = c->tag_cols[i];

		if ((size_t)k >= c->rec->n || c->rec->len[k] == 0)
			continue;
		keys[n] = c->hdr->f[k] + 13;
		vals[n] = c->rec->f[k];
		n++;
	}
	res = btags_store(c, sig, len, btags_pairs(keys, vals, n));
	free(keys);
	free(vals);
	free(sig);
	return res;
}

static int
is_support(const char *product)
{
	return strncmp(product, "AWSSupport", 10) == 0 ||
	       strncmp(product, "AWSDeveloperSupport", 19) == 0 ||
	       strncmp(product, "AWSBusinessSupport", 18) == 0 ||
	       strncmp(product, "AWSEnterprise", 13) == 0;
}

/* A fee's effective cost, field a (op) field b, does not fit. */
static int
fee_overflow(struct bctx *c, int a, int b, const char *op, struct diag *d)
{
	const char *na = c->col[a] >= 0 ? c->hdr->f[c->col[a]] : "?";
	const char *nb = c->col[b] >= 0 ? c->hdr->f[c->col[b]] : "?";

	return bfield_error(c, a, d, "%s %s %s overflows", na, op, nb);
}

static int
cur_row(struct bctx *c, struct diag *d, int cur2)
{
	struct rollup_cell cell;
	const char *type, *s;
	size_t n;
	money_t uc, x, y;
	char itype[128];

	memset(&cell, 0, sizeof(cell));
	if (bfield_time(c, A_START, &cell.hour, d) < 0 ||
	    bfield_money(c, A_COST, &uc, d) < 0 ||
	    bfield_usage(c, A_USAGE, &cell.usage, d) < 0)
		return -1;
	type = bfield_str(c, A_TYPE, 0);
	cell.dim[DIM_PROVIDER] = "aws";
	cell.dim[DIM_CURRENCY] = bfield(c, A_CURRENCY, &s, &n) ? bfield_str(c, A_CURRENCY, 0) : "USD";
	cell.dim[DIM_ACCOUNT] = bfield_str(c, A_ACCOUNT, 0);
	cell.dim[DIM_SERVICE] = bfield_str(c, A_PRODUCT, 0);
	cell.dim[DIM_RESOURCE] = bfield_str(c, A_RESOURCE, 0);
	cell.dim[DIM_USAGE_TYPE] = bfield_str(c, A_USAGE_TYPE, 0);
	cell.dim[DIM_REGION] = bfield_str(c, A_REGION, 0);
	if (cur2 && cell.dim[DIM_REGION][0] == '\0')
		cell.dim[DIM_REGION] = bfield_str(c, A_REGION_CODE, 0);
	cell.dim[DIM_INSTANCE_TYPE] = bfield_str(c, A_ITYPE, 0);
	if (cur2 && cell.dim[DIM_INSTANCE_TYPE][0] == '\0' && c->col[A_PRODUCT_MAP] >= 0)
		cell.dim[DIM_INSTANCE_TYPE] =
			bjson_get(c, A_PRODUCT_MAP, "instance_type", itype, sizeof(itype));
	if (cur2) {
		cell.dim[DIM_TAGS] = c->col[A_TAGS_MAP] >= 0 ? btags_json(c, A_TAGS_MAP, d) : "";
		if (cell.dim[DIM_TAGS] == NULL)
			return -1;
	} else {
		cell.dim[DIM_TAGS] = legacy_tags(c);
	}
	cell.billed = uc;
	cell.effective = uc;
	cell.pm = PM_NONE;
	cell.ck = CK_ADJUSTMENT;

	if (strcmp(type, "Usage") == 0) {
		cell.ck = CK_USAGE;
		cell.pm = strstr(cell.dim[DIM_USAGE_TYPE], "SpotUsage") ? PM_SPOT : PM_ON_DEMAND;
	} else if (strcmp(type, "SavingsPlanCoveredUsage") == 0) {
		cell.ck = CK_USAGE;
		cell.pm = PM_COMMITMENT;
		if (bfield_money(c, A_SP_EFF, &cell.effective, d) < 0)
			return -1;
	} else if (strcmp(type, "SavingsPlanNegation") == 0) {
		cell.ck = CK_USAGE;
		cell.pm = PM_COMMITMENT;
		cell.effective = 0;
	} else if (strcmp(type, "SavingsPlanRecurringFee") == 0) {
		cell.ck = CK_COMMITMENT_FEE;
		cell.pm = PM_COMMITMENT;
		if (bfield_money(c, A_SP_TOTAL, &x, d) < 0 ||
		    bfield_money(c, A_SP_USED, &y, d) < 0)
			return -1;
		if (money_sub(&x, y) < 0)
			return fee_overflow(c, A_SP_TOTAL, A_SP_USED, "minus", d);
		cell.effective = x;
	} else if (strcmp(type, "SavingsPlanUpfrontFee") == 0) {
		cell.ck = CK_PURCHASE;
		cell.pm = PM_COMMITMENT;
		cell.effective = 0;
	} else if (strcmp(type, "DiscountedUsage") == 0) {
		cell.ck = CK_USAGE;
		cell.pm = PM_COMMITMENT;
		if (bfield_money(c, A_RI_EFF, &cell.effective, d) < 0)
			return -1;
	} else if (strcmp(type, "RIFee") == 0) {
		cell.ck = CK_COMMITMENT_FEE;
		cell.pm = PM_COMMITMENT;
		if (bfield_money(c, A_RI_UNUSED_UPFRONT, &x, d) < 0 ||
		    bfield_money(c, A_RI_UNUSED_RECURRING, &y, d) < 0)
			return -1;
		if (money_add(&x, y) < 0)
			return fee_overflow(c, A_RI_UNUSED_UPFRONT, A_RI_UNUSED_RECURRING, "plus", d);
		cell.effective = x;
	} else if (strcmp(type, "Fee") == 0) {
		if (bfield(c, A_RI_ARN, &s, &n)) {
			cell.ck = CK_PURCHASE;
			cell.pm = PM_COMMITMENT;
			cell.effective = 0;
		} else {
			cell.ck = is_support(cell.dim[DIM_SERVICE]) ? CK_SUPPORT : CK_FEE;
		}
	} else if (strcmp(type, "Tax") == 0) {
		cell.ck = CK_TAX;
	} else if (strcmp(type, "Credit") == 0) {
		cell.ck = CK_CREDIT;
	} else if (strcmp(type, "Refund") == 0) {
		cell.ck = CK_REFUND;
	} else if (strcmp(type, "BundledDiscount") == 0 || strcmp(type, "Discount") == 0 ||
		   strcmp(type, "EdpDiscount") == 0 || strcmp(type, "PrivateRateDiscount") == 0 ||
		   strcmp(type, "DistributorDiscount") == 0) {
		cell.ck = CK_DISCOUNT;
	}
	return bctx_emit(c, &cell, d);
}

static int
row_legacy(struct bctx *c, struct diag *d)
{
	return cur_row(c, d, 0);
}

static int
row_cur2(struct bctx *c, struct diag *d)
{
	return cur_row(c, d, 1);
}

const struct bformat bformat_cur_legacy = {
	"aws-cur-legacy", detect_legacy, bind_legacy, row_legacy,
};

const struct bformat bformat_cur2 = {
	"aws-cur-2.0", detect_cur2, bind_cur2, row_cur2,
};
