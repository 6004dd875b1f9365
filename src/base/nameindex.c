/*
 * nameindex.c - hash index from names to array positions (open
 * addressing, linear probing, grown to stay at most half full).
 * Layer: bottom.
 */
#include "config.h"

#include "base/nameindex.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

static uint64_t
name_hash(const char *name)
{
	return hash_fast(name, strlen(name));
}

size_t
nameindex_find(const struct nameindex *x, const char *name, nameindex_key_fn *key,
	       const void *items)
{
	uint64_t h;
	size_t i;

	if (x->n == 0)
		return NAMEINDEX_NONE;
	h = name_hash(name);
	for (i = h & (x->cap - 1); x->slot[i].pos != 0; i = (i + 1) & (x->cap - 1)) {
		const struct nameindex_slot *sl = &x->slot[i];

		if (sl->hash == h && strcmp(key(items, sl->pos - 1), name) == 0)
			return sl->pos - 1;
	}
	return NAMEINDEX_NONE;
}

/* Put a slot into a table of cap slots that has room. */
static void
slot_put(struct nameindex_slot *slot, size_t cap, uint64_t h, size_t pos1)
{
	size_t i;

	for (i = h & (cap - 1); slot[i].pos != 0; i = (i + 1) & (cap - 1))
		;
	slot[i].hash = h;
	slot[i].pos = pos1;
}

void
nameindex_add(struct nameindex *x, const char *name, size_t pos)
{
	if (2 * (x->n + 1) > x->cap) {
		size_t ncap = x->cap ? 2 * x->cap : 64, i;
		struct nameindex_slot *ns = xcalloc(ncap, sizeof(*ns));

		for (i = 0; i < x->cap; i++) {
			if (x->slot[i].pos != 0)
				slot_put(ns, ncap, x->slot[i].hash, x->slot[i].pos);
		}
		free(x->slot);
		x->slot = ns;
		x->cap = ncap;
	}
	slot_put(x->slot, x->cap, name_hash(name), pos + 1);
	x->n++;
}

void
nameindex_fini(struct nameindex *x)
{
	if (x == NULL)
		return;
	free(x->slot);
	memset(x, 0, sizeof(*x));
}
