/*
 * fuzz_billing_threads.c - libFuzzer target for the threaded billing
 * reader: the bytes are read by billing_load_opts() on one thread and on
 * two to four (cut into chunks however small the file), and both reads
 * must agree: the same cells, account and totals, or the same error at
 * the same place.
 *
 * Layer: test. Built by `make fuzz`; `make check` replays
 * tests/fuzz/regress/billing_threads/ through tests/fuzz/replay.c.
 */
#include "config.h"

#include "fuzz_file.h"
#include "fuzz_rollup.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct rollup *r1, *r2;
	struct account a1, a2;
	struct diag d1, d2;
	int rc1, rc2;

	rc1 = fuzz_billing_read(path, 1, &r1, &a1, &d1);
	rc2 = fuzz_billing_read(path, 2 + (int)(size % 3), &r2, &a2, &d2);
	fuzz_check(rc1 == rc2);
	if (rc1 == 0) {
		fuzz_check(fuzz_same_account(&a1, &a2));
		fuzz_check(fuzz_same_cells(r1, r2));
	} else {
		fuzz_check(d1.line == d2.line);
		fuzz_check(d1.col == d2.col);
		fuzz_check(strcmp(d1.msg, d2.msg) == 0);
	}
	rollup_free(r1);
	rollup_free(r2);
	return 0;
}
