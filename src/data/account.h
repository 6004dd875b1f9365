/*
 * account.h - what every reader reports about every file it reads: rows
 * read, rows used, rows skipped by reason, and (for billing) the billed
 * and effective totals. Nothing is dropped silently: rows_read ==
 * rows_used + the sum of the skip counts, always.
 *
 * Layer: bottom (plain value record shared by readers and front ends).
 */
#ifndef RS_ACCOUNT_H
#define RS_ACCOUNT_H

#include "base/money.h"

#define ACCOUNT_MAX_REASONS 16

struct account {
	char file[512];
	char format[48];       /* detected format, e.g. "aws-cur-legacy" */
	long rows_read;        /* data rows (header excluded) */
	long rows_used;
	const char *skip_reason[ACCOUNT_MAX_REASONS]; /* static strings */
	long skip_count[ACCOUNT_MAX_REASONS];
	int nskip;
	money_t billed;        /* billing readers only */
	money_t effective;
	long values_bad;       /* metrics readers: NaN/Inf/non-numeric */
	long gaps;             /* metrics readers: missing grid points */
	char warning[400];     /* what the reader assumed about the file, with
				* its name ("" if nothing); not merged */
};

void account_init(struct account *a, const char *file, const char *format);
/* Count one skipped row under reason (a string literal). */
void account_skip(struct account *a, const char *reason);
long account_skipped(const struct account *a);
/* Add b's counts and totals into a (reasons matched by string). Returns
 * -1, leaving a alone, when a money total would overflow. */
int account_merge(struct account *a, const struct account *b);

#endif
