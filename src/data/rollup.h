/*
 * rollup.h - the hourly cost cube every analysis reads (the hinge of the
 * system; its CSV form is documented in rightsize-rollup(5)).
 *
 * Layer: engine. Billing readers add cells; cost views, unit cost, the
 * report and the TUI read them. A cell is cost and usage summed by
 *   hour x provider x currency x account x service x resource x usage type
 *   x instance type x region x pricing model x charge kind x tags
 * with billed (unblended, what the invoice says) and effective (amortized)
 * cost kept exactly (money_t) and usage in micro-units (1e-6).
 *
 * Ownership: the rollup owns its cells and interned strings; pointers in
 * a struct rollup_cell are borrowed and live as long as the rollup.
 */
#ifndef RS_ROLLUP_H
#define RS_ROLLUP_H

#include <stddef.h>
#include <stdint.h>

#include "data/account.h"
#include "base/money.h"
#include "base/util.h"

enum pricing_model {
	PM_NONE,        /* not a priced usage (tax, credit, fee...) */
	PM_ON_DEMAND,
	PM_COMMITMENT,  /* covered by a Savings Plan, RI or CUD */
	PM_SPOT,
	PM_N,
};

enum charge_kind {
	CK_USAGE,
	CK_COMMITMENT_FEE, /* recurring SP/RI fee (unused part is its effective cost) */
	CK_PURCHASE,       /* one-time or upfront purchase */
	CK_TAX,
	CK_CREDIT,
	CK_DISCOUNT,       /* EDP, bundled, private-rate discounts */
	CK_REFUND,
	CK_SUPPORT,
	CK_FEE,            /* other fees, marketplace */
	CK_ADJUSTMENT,     /* rounding, corrections */
	CK_N,
};

/* Text dimensions of a cell, in CSV column order after `hour`. */
enum rollup_dim {
	DIM_PROVIDER,
	DIM_CURRENCY,
	DIM_ACCOUNT,
	DIM_SERVICE,
	DIM_RESOURCE,
	DIM_USAGE_TYPE,
	DIM_INSTANCE_TYPE,
	DIM_REGION,
	DIM_PRICING_MODEL,
	DIM_CHARGE_KIND,
	DIM_TAGS,
	DIM_N,
};

/* A cell: the key (strings borrowed from the rollup) and its sums. */
struct rollup_cell {
	int64_t hour;                /* epoch seconds, a multiple of 3600 */
	const char *dim[DIM_N];      /* "" when absent; tags are a JSON object */
	enum pricing_model pm;
	enum charge_kind ck;
	int64_t usage;               /* micro-units of the usage type's unit */
	money_t billed;
	money_t effective;
	int64_t rows;                /* input rows folded into the cell */
};

struct rollup;

struct rollup *rollup_new(void);
void rollup_free(struct rollup *r);

/* Add one normalized charge. key->dim[DIM_PRICING_MODEL] and
 * [DIM_CHARGE_KIND] are ignored (taken from pm and ck); the other strings
 * are copied. Returns -1 when a sum would overflow. */
int rollup_add(struct rollup *r, const struct rollup_cell *key);
/* Exchange the contents of a and b (O(1)). */
void rollup_swap(struct rollup *a, struct rollup *b);
/* Fold every cell of src into dst. -1 when a sum would overflow, with no
 * cell of dst changed. */
int rollup_merge(struct rollup *dst, const struct rollup *src);

/* Sort cells into the canonical order (hour, then each dimension as
 * bytes): rollups of the same input are then byte-identical. */
void rollup_sort(struct rollup *r);
size_t rollup_count(const struct rollup *r);
const struct rollup_cell *rollup_get(const struct rollup *r, size_t i);
/* Sum of billed and effective over all cells (-1 on overflow). */
int rollup_totals(const struct rollup *r, money_t *billed, money_t *effective);

/* Names of dimensions, pricing models and charge kinds as written in the
 * CSV ("service", "on_demand", "commitment_fee"...), and back (-1). */
const char *rollup_dim_name(enum rollup_dim d);
int rollup_dim_parse(const char *s);
const char *rollup_pm_name(enum pricing_model pm);
int rollup_pm_parse(const char *s, size_t n);
const char *rollup_ck_name(enum charge_kind ck);
int rollup_ck_parse(const char *s, size_t n);

/* Write the canonical CSV to path atomically (temporary file in the same
 * folder, fsync, rename): a failure leaves any old file untouched. Sorts
 * r first. */
int rollup_write(struct rollup *r, const char *path, struct diag *d);
/* Is this header line (first line of a file) a rollup's? */
int rollup_is_header(const char *line, size_t n);

#endif
