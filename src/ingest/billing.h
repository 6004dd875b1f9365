/*
 * billing.h - read billing exports into a rollup.
 *
 * Layer: engine, readers. Detects the format from the header (never by
 * column position): AWS CUR legacy and 2.0, FOCUS 1.0-1.2, Azure EA and
 * MCA (actual or amortized), GCP's flattened BigQuery export, or a
 * rollup CSV written by rollup_write(). Plain or gzip. Billed and
 * effective (amortized) cost follow each format's published rules; see
 * rightsize-ingest(1) and rightsize-rollup(5).
 */
#ifndef RS_BILLING_H
#define RS_BILLING_H

#include "data/account.h"
#include "data/rollup.h"
#include "base/utc.h"
#include "base/util.h"

struct billing_opts {
	int azure_amortized; /* -1: from the file name; 0 actual; 1 amortized */
	int skip_short_rows; /* a row with fewer fields than the header is
			      * skipped (counted as "short row"), not an error */
	enum utc_order date_order; /* slash dates: AUTO decides per file */
	int threads;         /* threads for one plain file; 0: online CPUs */
	unsigned long long parallel_min; /* smallest file read on threads;
					  * 0: the default (16 MB) */
	/* Called now and then with bytes consumed of the file (may be NULL). */
	void (*progress)(void *ctx, unsigned long long done,
			 unsigned long long total);
	void *progress_ctx;
};

void billing_opts_init(struct billing_opts *o);

/* Read one file into r, filling a (rows read/used/skipped by reason,
 * format, billed and effective totals of what was added, and a warning
 * when the file left something to a default). Slash dates (Azure's
 * M/D/YYYY or D/M/YYYY) are read in one order for the whole file: the
 * option's, else the one the rows tell (a number above 12 before or after
 * the first slash); a file that tells both is an error naming two rows; a
 * file that tells neither is read month first (Azure's default) with
 * a->warning saying so. On bad input
 * returns -1 with d naming file, line and column; r may then hold part of
 * the file, so callers that must not keep partial data load into a
 * scratch rollup and merge on success. Bad input includes a row with
 * more fields than the header, and one with fewer (a file cut short)
 * unless o->skip_short_rows. */
int billing_load(struct rollup *r, const char *path, struct account *a,
		 struct diag *d);
int billing_load_opts(struct rollup *r, const char *path,
		      const struct billing_opts *o, struct account *a,
		      struct diag *d);

#endif
