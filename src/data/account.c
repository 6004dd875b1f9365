/*
 * account.c - per-file reading accounts.
 * Layer: bottom.
 */
#include "config.h"

#include "data/account.h"

#include <stdio.h>
#include <string.h>

void
account_init(struct account *a, const char *file, const char *format)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->file, sizeof(a->file), "%s", file ? file : "");
	snprintf(a->format, sizeof(a->format), "%s", format ? format : "");
}

static void
account_skip_n(struct account *a, const char *reason, long n)
{
	int i;

	for (i = 0; i < a->nskip; i++) {
		if (strcmp(a->skip_reason[i], reason) == 0) {
			a->skip_count[i] += n;
			return;
		}
	}
	if (a->nskip == ACCOUNT_MAX_REASONS)
		i = ACCOUNT_MAX_REASONS - 1; /* fold into the last reason */
	else
		a->skip_reason[a->nskip++] = reason;
	a->skip_count[i] += n;
}

void
account_skip(struct account *a, const char *reason)
{
	account_skip_n(a, reason, 1);
}

long
account_skipped(const struct account *a)
{
	long n = 0;
	int i;

	for (i = 0; i < a->nskip; i++)
		n += a->skip_count[i];
	return n;
}

int
account_merge(struct account *a, const struct account *b)
{
	money_t billed = a->billed, effective = a->effective;
	int i;

	if (money_add(&billed, b->billed) < 0 || money_add(&effective, b->effective) < 0)
		return -1;
	a->billed = billed;
	a->effective = effective;
	a->rows_read += b->rows_read;
	a->rows_used += b->rows_used;
	for (i = 0; i < b->nskip; i++)
		account_skip_n(a, b->skip_reason[i], b->skip_count[i]);
	a->values_bad += b->values_bad;
	a->gaps += b->gaps;
	return 0;
}
