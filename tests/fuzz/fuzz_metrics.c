/*
 * fuzz_metrics.c - libFuzzer target for the metrics and orders readers:
 * the bytes are read by metrics_load() (CloudWatch get-metric-data and
 * get-metric-statistics JSON, Prometheus query_range JSON, CSV, value-only
 * files), then by orders_load() as hourly counts and as an order export.
 *
 * Layer: test. Built by `make fuzz`; `make check` replays
 * tests/fuzz/regress/metrics/ through tests/fuzz/replay.c.
 */
#include "config.h"

#include <string.h>

#include "fuzz_file.h"

#include "metrics.h"
#include "series.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct metrics_opts mo;
	struct orders_opts oo;
	struct series_set set;
	struct series s;
	struct account a;
	struct diag d;

	metrics_opts_init(&mo);
	memset(&set, 0, sizeof(set));
	(void)metrics_load(path, &mo, &set, &a, &d);
	series_set_fini(&set);

	orders_opts_init(&oo);
	memset(&s, 0, sizeof(s));
	(void)orders_load(path, &oo, &s, &a, &d);
	series_fini(&s);
	oo.time_column = "created_at";
	(void)orders_load(path, &oo, &s, &a, &d);
	series_fini(&s);
	return 0;
}
