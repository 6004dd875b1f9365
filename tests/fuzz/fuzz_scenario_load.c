/*
 * fuzz_scenario_load.c - libFuzzer target for the scenario loader: the
 * bytes are read as a scenario file by scenario_load()
 * (rightsize-scenario(5)). Files a scenario names are looked up next to
 * it, here under /proc/self/fd, so they are normally absent.
 * (tests/fuzz_scenario.py, `make fuzz-scenario`, mutates whole scenario
 * packs through `rightsize simulate` instead.)
 *
 * Layer: test. Built by `make fuzz`; `make check` replays
 * tests/fuzz/regress/scenario_load/ through tests/fuzz/replay.c.
 */
#include "config.h"

#include "fuzz_file.h"

#include "sim/scenario.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct scenario *s = NULL;
	struct diag d;

	if (scenario_load(path, NULL, 0, &s, &d) == 0)
		scenario_free(s);
	return 0;
}
