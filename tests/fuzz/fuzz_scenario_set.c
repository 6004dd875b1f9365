/*
 * fuzz_scenario_set.c - libFuzzer target for `--set PATH=VALUE`
 * overrides (whatif, simulate): the bytes are overrides, one a line, then
 * a line "%%", then a scenario file (no "%%" line: the whole input is the
 * scenario and there are no overrides). The scenario is loaded with the
 * overrides (scenario_load()) and written with them (scenario_write(),
 * as `whatif --write` does); what was written must load alike (both load,
 * or both fail with the same message) and write back to the same bytes.
 *
 * Layer: test. The files live in a folder of fuzz_dir() holding a link
 * "instances" to the default catalog, so that a scenario's "catalog":
 * "../instances" (as in data/scenarios/) is found. Built by `make fuzz`;
 * `make check` replays tests/fuzz/regress/scenario_set/ through
 * tests/fuzz/replay.c.
 */
#include "config.h"

#include <errno.h>

#include "fuzz_file.h"

#include "ingest/catalog.h"
#include "sim/scenario.h"

#define MAX_OVERRIDES 64

/* fuzz_dir()/s, with fuzz_dir()/instances -> the default catalog. */
static const char *
scenario_dir(void)
{
	static char dir[256];

	if (dir[0] == '\0') {
		char link[300], *cat = realpath(catalog_default_path(), NULL);

		if ((size_t)snprintf(dir, sizeof(dir), "%s/s", fuzz_dir()) >= sizeof(dir))
			abort();
		snprintf(link, sizeof(link), "%s/instances", fuzz_dir());
		if ((mkdir(dir, 0700) != 0 && errno != EEXIST) ||
		    (cat != NULL && symlink(cat, link) != 0 && errno != EEXIST))
			abort();
		free(cat);
	}
	return dir;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *doc, *line;
	const char *ov[MAX_OVERRIDES];
	size_t nov = 0;
	char in[300], out1[300], out2[300];
	struct scenario *s1 = NULL, *s2 = NULL;
	struct diag d1, d2;
	int rc1, rc2;
	FILE *f;

	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	doc = text;
	if (strncmp(text, "%%\n", 3) == 0) {
		doc = text + 3;
	} else if ((line = strstr(text, "\n%%\n")) != NULL) {
		doc = line + 4;
		*line = '\0';
		for (line = strtok(text, "\n"); line != NULL && nov < MAX_OVERRIDES;
		     line = strtok(NULL, "\n"))
			ov[nov++] = line;
	}
	snprintf(in, sizeof(in), "%s/in.json", scenario_dir());
	snprintf(out1, sizeof(out1), "%s/out1.json", scenario_dir());
	snprintf(out2, sizeof(out2), "%s/out2.json", scenario_dir());
	f = fopen(in, "wb");
	if (f == NULL)
		abort();
	fwrite(doc, 1, size - (size_t)(doc - text), f);
	if (fclose(f) != 0)
		abort();

	rc1 = scenario_load(in, ov, nov, &s1, &d1);
	if (scenario_write(in, ov, nov, out1, &d2) != 0) {
		/* the overrides or the JSON are wrong: loading fails too */
		fuzz_check(rc1 != 0);
		free(text);
		return 0;
	}
	rc2 = scenario_load(out1, NULL, 0, &s2, &d2);
	fuzz_check(rc1 == rc2);
	if (rc1 == 0) {
		fuzz_check(strcmp(s1->name, s2->name) == 0 && s1->start == s2->start &&
			   s1->step == s2->step && s1->days == s2->days &&
			   s1->seed == s2->seed && s1->ncandidates == s2->ncandidates &&
			   s1->load.npeaks == s2->load.npeaks);
	} else {
		fuzz_check(strcmp(d1.msg, d2.msg) == 0 ||
			   (fprintf(stderr, "%s\n%s\n", d1.msg, d2.msg), 0));
	}
	fuzz_check(scenario_write(out1, NULL, 0, out2, &d2) == 0);
	fuzz_check(fuzz_same_bytes(out1, out2));
	scenario_free(s1);
	scenario_free(s2);
	free(text);
	return 0;
}
