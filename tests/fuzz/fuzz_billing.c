/*
 * fuzz_billing.c - libFuzzer target for the billing reader: any bytes are
 * read as a file by billing_load() (format detection from the header, every
 * export format, rollup CSV, plain or gzip), into a fresh rollup.
 *
 * Layer: test. The input reaches the reader exactly as a file on disk
 * would: it is written to an anonymous in-memory file (memfd) and read
 * through /proc/self/fd, so the engine needs no second entry point.
 * Built by `make fuzz` with clang -fsanitize=fuzzer, and by `make check`
 * with tests/fuzz/replay.c to replay tests/fuzz/regress/billing/.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "billing.h"
#include "rollup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	struct billing_opts o;
	struct rollup *r;
	struct account a;
	struct diag d;
	money_t billed, effective;
	size_t off = 0;

	if (fd < 0) {
		fd = memfd_create("fuzz-billing", 0);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0)
		abort();
	while (off < size) {
		ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);

		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	billing_opts_init(&o);
	o.threads = 1;
	r = rollup_new();
	if (billing_load_opts(r, path, &o, &a, &d) == 0) {
		/* What was read must reconcile: the account's sums are the
		 * rollup's (every row is counted once). */
		if (rollup_totals(r, &billed, &effective) < 0 || billed != a.billed ||
		    effective != a.effective ||
		    a.rows_read != a.rows_used + account_skipped(&a))
			abort();
		rollup_sort(r);
	}
	rollup_free(r);
	return 0;
}
