/*
 * costview.h - questions asked of a rollup: totals and breakdowns of
 * billed and effective cost by any dimensions or a tag key, per month,
 * day or hour, over a date range, filtered, top N.
 *
 * Layer: engine (model). The cost command, the report and the TUI all ask
 * through here, so they cannot disagree.
 */
#ifndef RS_COSTVIEW_H
#define RS_COSTVIEW_H

#include <stdint.h>

#include "base/money.h"
#include "data/rollup.h"
#include "base/util.h"

#define COSTQ_MAX_BY 4
#define COSTQ_MAX_WHERE 8
#define COST_BY_TAG DIM_N /* group by the value of a tag key */

enum cost_gran { GRAN_ALL, GRAN_MONTH, GRAN_DAY, GRAN_HOUR };

struct costq {
	int64_t from, to;       /* [from, to) in epoch seconds; 0 = unbounded */
	enum cost_gran gran;
	int nby;
	int by[COSTQ_MAX_BY];   /* enum rollup_dim or COST_BY_TAG */
	char *tag_key[COSTQ_MAX_BY];
	int nwhere;
	int where_dim[COSTQ_MAX_WHERE];     /* enum rollup_dim or COST_BY_TAG */
	char *where_tag[COSTQ_MAX_WHERE];
	char *where_val[COSTQ_MAX_WHERE];
	int top;                /* keep the N largest groups, fold the rest; 0 = all */
};

struct costrow {
	int64_t period;         /* first second of the period; 0 for GRAN_ALL */
	const char *key[COSTQ_MAX_BY]; /* borrowed from the result */
	money_t billed, effective;
	int64_t usage;          /* micro-units (meaningful within one usage type) */
	int64_t rows;
};

struct costresult {
	struct costrow *rows;
	size_t n, cap;
	money_t billed, effective; /* totals over the selection */
	long cells;                 /* rollup cells selected */
	char **strings;             /* owned strings the keys point to */
	size_t nstrings, strings_cap;
};

void costq_init(struct costq *q);
void costq_fini(struct costq *q);
/* "service", "service,region", "tag:team": -1 with d on an unknown name. */
int costq_parse_by(struct costq *q, const char *spec, struct diag *d);
/* "service=AmazonEC2" or "tag:team=web": -1 with d when malformed. */
int costq_parse_where(struct costq *q, const char *spec, struct diag *d);
/* Name of grouping column i ("service", "tag:team"). */
const char *costq_by_name(const struct costq *q, int i, char *buf, size_t n);

/* Run q over r. Rows come sorted by period, then effective cost
 * (largest first), then key. -1 on overflow. Free with costresult_fini. */
int costview_run(const struct rollup *r, const struct costq *q,
		 struct costresult *out, struct diag *d);
void costresult_fini(struct costresult *res);

/* Value of tag key in a canonical tags object ("" when absent), written
 * into buf with its JSON escapes decoded (\u001b is ESC again: writers
 * make it safe for their reader). */
const char *costview_tag_value(const char *tags, const char *key, char *buf,
			       size_t n);

#endif
