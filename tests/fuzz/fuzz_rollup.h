/*
 * fuzz_rollup.h - what the billing targets compare: two reads of one
 * input must give the same rollup cells, account and error.
 *
 * Layer: test (tests/fuzz/fuzz_billing_threads.c, fuzz_rollup_roundtrip.c).
 */
#ifndef RS_FUZZ_ROLLUP_H
#define RS_FUZZ_ROLLUP_H

#include <string.h>

#include "ingest/billing.h"
#include "data/rollup.h"

/* billing_load_opts() on `threads` threads (any file size is cut into
 * chunks); *r is new, the caller frees it. */
static inline int
fuzz_billing_read(const char *path, int threads, struct rollup **r, struct account *a,
		  struct diag *d)
{
	struct billing_opts o;

	billing_opts_init(&o);
	o.threads = threads;
	o.parallel_min = 1;
	*r = rollup_new();
	diag_clear(d);
	return billing_load_opts(*r, path, &o, a, d);
}

/* Do a and b hold the same cells? Sorts both. */
static inline int
fuzz_same_cells(struct rollup *a, struct rollup *b)
{
	size_t i;
	int k;

	rollup_sort(a);
	rollup_sort(b);
	if (rollup_count(a) != rollup_count(b))
		return 0;
	for (i = 0; i < rollup_count(a); i++) {
		const struct rollup_cell *x = rollup_get(a, i), *y = rollup_get(b, i);

		if (x->hour != y->hour || x->pm != y->pm || x->ck != y->ck ||
		    x->usage != y->usage || x->billed != y->billed ||
		    x->effective != y->effective || x->rows != y->rows)
			return 0;
		for (k = 0; k < DIM_N; k++) {
			if (strcmp(x->dim[k], y->dim[k]) != 0)
				return 0;
		}
	}
	return 1;
}

/* Do two accounts of one file agree on rows, totals and skip reasons
 * (in any order)? */
static inline int
fuzz_same_account(const struct account *a, const struct account *b)
{
	int i, j;

	if (a->rows_read != b->rows_read || a->rows_used != b->rows_used ||
	    a->billed != b->billed || a->effective != b->effective || a->nskip != b->nskip ||
	    strcmp(a->format, b->format) != 0)
		return 0;
	for (i = 0; i < a->nskip; i++) {
		for (j = 0; j < b->nskip; j++) {
			if (strcmp(a->skip_reason[i], b->skip_reason[j]) == 0)
				break;
		}
		if (j == b->nskip || a->skip_count[i] != b->skip_count[j])
			return 0;
	}
	return 1;
}

#endif
