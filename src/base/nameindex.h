/*
 * nameindex.h - a hash index from names to positions in an array the
 * caller owns (series by name, CloudWatch results by Id), so looking a
 * name up costs the same with 10 or 300,000 of them.
 *
 * Layer: bottom. Open addressing with linear probing, at most half full.
 * The index stores each name's hash and position, never the name: it asks
 * the caller for the name at a position (key_fn), so the caller may move
 * or replace its elements as long as the name at each position stays.
 * Zero-initialized is empty; nameindex_fini() frees it.
 */
#ifndef RS_NAMEINDEX_H
#define RS_NAMEINDEX_H

#include <stddef.h>
#include <stdint.h>

#define NAMEINDEX_NONE ((size_t)-1)

struct nameindex_slot {
	uint64_t hash;
	size_t pos; /* position + 1; 0: empty */
};

struct nameindex {
	struct nameindex_slot *slot;
	size_t cap, n; /* cap is 0 or a power of two */
};

/* The name of the element at pos of the caller's array items. */
typedef const char *nameindex_key_fn(const void *items, size_t pos);

/* Position of the element named name, or NAMEINDEX_NONE. */
size_t nameindex_find(const struct nameindex *x, const char *name, nameindex_key_fn *key,
		      const void *items);
/* Record that the element at pos is named name (not yet in the index). */
void nameindex_add(struct nameindex *x, const char *name, size_t pos);
void nameindex_fini(struct nameindex *x);

#endif
