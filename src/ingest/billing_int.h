/*
 * billing_int.h - what billing.c shares with the per-format readers
 * (billing_aws.c, billing_focus.c, billing_azure.c, billing_gcp.c).
 * Not part of the engine's public interface.
 *
 * A format detects itself from the header, binds the columns it needs by
 * name, and turns each data row into one or more rollup cells with
 * bctx_emit(). Field helpers treat NULL, null and empty as absent and
 * report bad values at the field's line and column.
 */
#ifndef RS_BILLING_INT_H
#define RS_BILLING_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/billing.h"
#include "ingest/csvread.h"
#include "data/rollup.h"

#define BCOL_MAX 48

/*
 * Slash dates are read in one order per file: the option's, or the one the
 * first row valid in only one order tells. Until then, a row whose hour
 * depends on the order is added to two pending rollups, read month first
 * [0] and day first [1]; the one the file's order picks is merged, so sums
 * stay exact.
 */
struct bdate_row {
	enum utc_order order;   /* the only order its date reads in */
	long line, col;         /* line 0: the option, no row */
	const char *name;       /* its column's name (borrowed from the header) */
	char text[48];          /* its date */
};

struct bdates {
	struct bdate_row told;  /* what told the order (AUTO: nothing yet) */
	struct bdate_row mixed; /* the first row telling the other (line 0: none) */
	struct rollup *pend[2]; /* owned, NULL when empty */
	long pend_line;         /* the first pending row (0: none) */
	char pend_text[48];
	int amb;                /* the current row is pending ... */
	int64_t delta;          /* ... and its day-first time is this much later */
};

struct bctx {
	const char *path;
	struct csvr *csv;
	const struct csv_record *hdr;   /* borrowed */
	const char *hdr_raw;            /* borrowed: the header line as read */
	size_t hdr_rawlen;
	const struct csv_record *rec;   /* borrowed, current row */
	struct rollup *r;               /* borrowed */
	struct account *a;              /* borrowed */
	const struct billing_opts *opts;
	int col[BCOL_MAX];              /* bound columns, -1 = absent */
	int amount_id;                  /* field an overflowing sum is reported at, -1 none */
	int amortized;                  /* Azure: amortized dataset */
	int ncolumns;                   /* header field count */
	/* tags cache: raw text -> canonical form (see btags_lookup) */
	struct tagcache_entry {
		char *raw;
		size_t rawlen;
		char *canon;
	} *tc;
	size_t tc_cap, tc_n;
	/* CUR legacy resourceTags/ columns */
	int *tag_cols;
	size_t ntag_cols;
	unsigned char *want;            /* want[k]: column k is read (NULL: all) */
	struct bdates dates;
};

struct bformat {
	const char *name;
	/* Does this header belong to the format? Sets *variant name. */
	int (*detect)(const struct csv_record *hdr, const char *path,
		      const struct billing_opts *o, const char **variant);
	/* Bind columns into c->col; -1 with d when a required one is missing. */
	int (*bind)(struct bctx *c, struct diag *d);
	/* Turn the current row into cells. */
	int (*row)(struct bctx *c, struct diag *d);
};

extern const struct bformat bformat_cur_legacy;
extern const struct bformat bformat_cur2;
extern const struct bformat bformat_focus;
extern const struct bformat bformat_azure;
extern const struct bformat bformat_gcp;

/* Index of the header column named (case-insensitively) any of names
 * (NULL-terminated list), or -1. */
int bhdr_find(const struct csv_record *hdr, const char *const *names);
/* Bind each of n columns; names[i] is a NULL-terminated list. */
void bhdr_bind(struct bctx *c, const char *const *const *names, int n);
/* -1 with d if column id is not bound (naming what is missing). */
int bhdr_require(struct bctx *c, int id, const char *what, struct diag *d);

/* Field id of the current row: 1 present (s, n set), 0 absent. */
int bfield(const struct bctx *c, int id, const char **s, size_t *n);
/* Field id as a trimmed C string ("" when absent), valid for this row. */
const char *bfield_str(struct bctx *c, int id, int slot);
int bfield_money(struct bctx *c, int id, money_t *out, struct diag *d);
int bfield_usage(struct bctx *c, int id, int64_t *micro, struct diag *d);
/* The time in field id; a slash date in the file's order (struct bdates):
 * a row valid in both orders may be pending, and bctx_emit adds its cells
 * both ways. */
int bfield_time(struct bctx *c, int id, int64_t *out, struct diag *d);
/* Fill d for field id of the current row and return -1. */
int bfield_error(struct bctx *c, int id, struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Canonical tags (compact JSON object, keys sorted) from a JSON object,
 * an array of {key,value} or Azure's brace-less object; "" when empty.
 * Returns NULL (d filled for field id) when the text is not JSON. */
const char *btags_json(struct bctx *c, int id, struct diag *d);
/* Canonical tags from the key/value pairs given (keys need not be
 * sorted); the caller owns the result. */
char *btags_pairs(const char *const *keys, const char *const *vals, size_t n);
/* The cached canonical tags of raw text raw[0..n), or NULL. */
const char *btags_lookup(struct bctx *c, const char *raw, size_t n);
/* Remember canon (taken) for raw; returns it. */
const char *btags_store(struct bctx *c, const char *raw, size_t n, char *canon);
/* Value of key in the JSON object or {key,value} array in field id, copied
 * into buf; "" when absent or not JSON. */
const char *bjson_get(struct bctx *c, int id, const char *key, char *buf,
		      size_t n);

/* Add a cell (hour floored here) and count it in the account; a sum that
 * overflows is reported at field c->amount_id of the row. */
int bctx_emit(struct bctx *c, struct rollup_cell *cell, struct diag *d);

/* Case-insensitive substring test on a counted string. */
int bcontains(const char *s, size_t n, const char *needle);

#endif
