/*
 * test_nameindex.c - the name index, and series_set_find() built on it:
 * every name found after the table has grown many times, absent names
 * not found, the first series of a name wins, items replaced in place
 * stay found.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/nameindex.h"
#include "data/series.h"
#include "testlib.h"
#include "base/util.h"

static const char *
key(const void *items, size_t pos)
{
	return ((char *const *)items)[pos];
}

static void
test_index(void)
{
	struct nameindex x;
	enum { N = 20000 };
	char **names = xcalloc(N, sizeof(*names));
	size_t i, wrong = 0, found = 0;

	memset(&x, 0, sizeof(x));
	test_ok(nameindex_find(&x, "a", key, names) == NAMEINDEX_NONE, "empty index: not found");
	for (i = 0; i < N; i++) {
		names[i] = xasprintf("series-%zu", i);
		nameindex_add(&x, names[i], i);
	}
	test_int((int64_t)x.n, N, "%d names indexed", N);
	test_ok(x.cap >= 2 * x.n, "at most half full");
	for (i = 0; i < N; i++) {
		if (nameindex_find(&x, names[i], key, names) != i)
			wrong++;
	}
	test_int((int64_t)wrong, 0, "every name at its position");
	for (i = 0; i < N; i++) {
		char absent[32];

		snprintf(absent, sizeof(absent), "series-%zu", N + i);
		if (nameindex_find(&x, absent, key, names) != NAMEINDEX_NONE)
			found++;
	}
	test_int((int64_t)found, 0, "absent names not found");
	test_ok(nameindex_find(&x, "", key, names) == NAMEINDEX_NONE, "the empty name: not found");
	nameindex_fini(&x);
	nameindex_fini(&x);
	test_ok(x.slot == NULL && x.n == 0, "fini twice is harmless");
	for (i = 0; i < N; i++)
		free(names[i]);
	free(names);
}

static void
test_series_set(void)
{
	struct series_set set;
	struct series s;
	size_t i, wrong = 0;
	char name[32];

	memset(&set, 0, sizeof(set));
	for (i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "m%zu", i);
		series_init(&s, name, "", 0, 60, 1);
		s.v[0] = (double)i;
		series_set_add(&set, &s);
	}
	series_init(&s, "m7", "", 0, 60, 1);
	s.v[0] = -1;
	series_set_add(&set, &s);
	for (i = 0; i < 5000; i++) {
		const struct series *f;

		snprintf(name, sizeof(name), "m%zu", i);
		f = series_set_find(&set, name);
		if (f == NULL || f != &set.items[i])
			wrong++;
	}
	test_int((int64_t)wrong, 0, "5000 series found by name");
	test_ok(series_set_find(&set, "m7") == &set.items[7], "a repeated name: the first wins");
	test_ok(series_set_find(&set, "m5000") == NULL, "absent series");
	/* replaced in place by a series of the same name (as metrics_load
	 * merges a file into an earlier one) */
	series_fini(&set.items[42]);
	series_init(&set.items[42], "m42", "Percent", 0, 60, 2);
	test_ok(series_set_find(&set, "m42") == &set.items[42], "a replaced item is found");
	series_set_fini(&set);
	test_ok(series_set_find(&set, "m1") == NULL, "an emptied set finds nothing");
}

int
main(void)
{
	test_index();
	test_series_set();
	return test_summary();
}
