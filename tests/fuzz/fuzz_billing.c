/*
 * fuzz_billing.c - libFuzzer target for the billing reader: any bytes are
 * read as a file by billing_load() (format detection, every export format,
 * the rollup CSV, plain or gzip) into a fresh rollup, which must then
 * reconcile with the file's reading account.
 *
 * Layer: test. Built by `make fuzz` with clang -fsanitize=fuzzer, and by
 * `make check` with tests/fuzz/replay.c to replay tests/fuzz/regress/billing/.
 */
#include "config.h"

#include "fuzz_file.h"

#include "ingest/billing.h"
#include "data/rollup.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct billing_opts o;
	struct rollup *r;
	struct account a;
	struct diag d;
	money_t billed, effective;

	billing_opts_init(&o);
	o.threads = 1;
	r = rollup_new();
	if (billing_load_opts(r, path, &o, &a, &d) == 0) {
		/* Every row is counted once, and the account's sums are the
		 * rollup's. */
		if (rollup_totals(r, &billed, &effective) < 0 || billed != a.billed ||
		    effective != a.effective ||
		    a.rows_read != a.rows_used + account_skipped(&a))
			abort();
		rollup_sort(r);
	}
	rollup_free(r);
	return 0;
}
