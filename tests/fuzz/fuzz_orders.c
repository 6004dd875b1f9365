/*
 * fuzz_orders.c - libFuzzer target for the orders reader: the bytes are
 * read by orders_load() as hourly counts and as an order export (time
 * column "created_at"); a series read must be hourly, start on the hour,
 * and count each row once.
 *
 * Layer: test. Built by `make fuzz`; `make check` replays
 * tests/fuzz/regress/orders/ through tests/fuzz/replay.c.
 */
#include "config.h"

#include <string.h>

#include "fuzz_file.h"

#include "ingest/metrics.h"
#include "data/series.h"

static void
read_orders(const char *path, const char *time_column)
{
	struct orders_opts oo;
	struct series s;
	struct account a;
	struct diag d;

	orders_opts_init(&oo);
	oo.time_column = time_column;
	memset(&s, 0, sizeof(s));
	if (orders_load(path, &oo, &s, &a, &d) == 0) {
		fuzz_check(s.step == 3600 && s.start % 3600 == 0 && s.n > 0);
		fuzz_check(a.rows_read == a.rows_used + account_skipped(&a));
	}
	series_fini(&s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);

	read_orders(path, NULL);
	read_orders(path, "created_at");
	return 0;
}
