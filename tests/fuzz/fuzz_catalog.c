/*
 * fuzz_catalog.c - libFuzzer target for the price catalog loader: the
 * bytes are read as one catalog file by catalog_load()
 * (rightsize-catalog(5)), and every entry loaded is then looked up.
 *
 * Layer: test. Built by `make fuzz`; `make check` replays
 * tests/fuzz/regress/catalog/ through tests/fuzz/replay.c.
 */
#include "config.h"

#include "fuzz_file.h"

#include "ingest/catalog.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct catalog *c = NULL;
	struct diag d;
	size_t i;

	if (catalog_load(path, &c, &d) == 0) {
		for (i = 0; i < catalog_count(c); i++) {
			const struct catalog_entry *e = catalog_get(c, i);

			if (catalog_find(c, e->region, e->type) == NULL)
				abort();
		}
		catalog_free(c);
	}
	return 0;
}
