/*
 * fuzz_metrics.c - libFuzzer target for the metrics reader: the bytes are
 * read by metrics_load() (CloudWatch get-metric-data and
 * get-metric-statistics JSON, Prometheus query_range JSON, CSV, value-only
 * files); every series it makes must have a step, and the account must
 * count each point once. (Orders have their own target, fuzz_orders.c.)
 *
 * Layer: test. Built by `make fuzz`; `make check` replays
 * tests/fuzz/regress/metrics/ through tests/fuzz/replay.c.
 */
#include "config.h"

#include <string.h>

#include "fuzz_file.h"

#include "ingest/metrics.h"
#include "data/series.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct metrics_opts mo;
	struct series_set set;
	struct account a;
	struct diag d;
	size_t i;

	metrics_opts_init(&mo);
	memset(&set, 0, sizeof(set));
	if (metrics_load(path, &mo, &set, &a, &d) == 0) {
		fuzz_check(a.rows_read == a.rows_used + account_skipped(&a));
		for (i = 0; i < set.n; i++)
			fuzz_check(set.items[i].step > 0);
	}
	series_set_fini(&set);
	return 0;
}
