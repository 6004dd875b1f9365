/*
 * fuzz_rollup_roundtrip.c - libFuzzer target for the rollup CSV form
 * (rightsize-rollup(5)): the bytes are read by billing_load() as any
 * export; what it reads is written with rollup_write(), read back, and
 * must give the same cells and totals; writing that again must give the
 * same bytes (the form is canonical).
 *
 * Layer: test. Built by `make fuzz`; `make check` replays
 * tests/fuzz/regress/rollup_roundtrip/ through tests/fuzz/replay.c.
 */
#include "config.h"

#include "fuzz_file.h"
#include "fuzz_rollup.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	char p1[128], p2[128];
	struct rollup *r1, *r2;
	struct account a1, a2;
	struct diag d;
	money_t b1, e1, b2, e2;

	if (fuzz_billing_read(path, 1, &r1, &a1, &d) != 0) {
		rollup_free(r1);
		return 0;
	}
	snprintf(p1, sizeof(p1), "%s/a.csv", fuzz_dir());
	snprintf(p2, sizeof(p2), "%s/b.csv", fuzz_dir());
	fuzz_check(rollup_write(r1, p1, &d) == 0);
	fuzz_check(fuzz_billing_read(p1, 1, &r2, &a2, &d) == 0 ||
		   (fprintf(stderr, "%s:%ld:%ld: %s\n", d.file, d.line, d.col, d.msg), 0));
	fuzz_check(strcmp(a2.format, "rollup") == 0);
	fuzz_check(rollup_totals(r1, &b1, &e1) == 0 && rollup_totals(r2, &b2, &e2) == 0);
	fuzz_check(b1 == b2 && e1 == e2 && a2.billed == b1 && a2.effective == e1);
	fuzz_check(fuzz_same_cells(r1, r2));
	fuzz_check(rollup_write(r2, p2, &d) == 0);
	fuzz_check(fuzz_same_bytes(p1, p2));
	rollup_free(r1);
	rollup_free(r2);
	return 0;
}
