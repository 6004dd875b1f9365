/*
 * rollup.c - the hourly cost cube: an open-addressing hash table of cells
 * keyed by hour, interned dimension strings, pricing model and charge
 * kind; sums kept exactly.
 * Layer: engine.
 *
 * Strings are interned once (a second hash table over an arena), so a key
 * compares by pointers and a cell costs a few dozen bytes however long
 * its resource ids and tags are.
 */
#include "config.h"

#include "data/rollup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/afile.h"
#include "base/utc.h"
#include "base/utf8.h"

/* ---- string interning ---------------------------------------------- */

struct strpool {
	const char **slot; /* open addressing, NULL = empty */
	size_t cap, n;
	char **blocks;     /* arena blocks */
	size_t nblocks, blocks_cap;
	size_t used, avail;
};

#define POOL_BLOCK (256u << 10)

static void
pool_fini(struct strpool *p)
{
	size_t i;

	for (i = 0; i < p->nblocks; i++)
		free(p->blocks[i]);
	free(p->blocks);
	free(p->slot);
}

static const char *
pool_store(struct strpool *p, const char *s, size_t n)
{
	char *dst;

	if (n + 1 > p->avail) {
		size_t sz = n + 1 > POOL_BLOCK ? n + 1 : POOL_BLOCK;

		xgrow((void **)&p->blocks, &p->blocks_cap, p->nblocks + 1, sizeof(char *));
		p->blocks[p->nblocks++] = xmalloc(sz);
		p->used = 0;
		p->avail = sz;
	}
	dst = p->blocks[p->nblocks - 1] + p->used;
	memcpy(dst, s, n);
	dst[n] = '\0';
	p->used += n + 1;
	p->avail -= n + 1;
	return dst;
}

static void
pool_rehash(struct strpool *p)
{
	size_t ncap = p->cap ? p->cap * 2 : 1024, i;
	const char **ns = xcalloc(ncap, sizeof(*ns));

	for (i = 0; i < p->cap; i++) {
		if (p->slot[i] != NULL) {
			size_t h = (size_t)hash_fast(p->slot[i], strlen(p->slot[i])) & (ncap - 1);

			while (ns[h] != NULL)
				h = (h + 1) & (ncap - 1);
			ns[h] = p->slot[i];
		}
	}
	free(p->slot);
	p->slot = ns;
	p->cap = ncap;
}

static const char *
pool_intern(struct strpool *p, const char *s, size_t n)
{
	size_t h;

	if (n == 0)
		return "";
	if ((p->n + 1) * 2 > p->cap)
		pool_rehash(p);
	h = (size_t)hash_fast(s, n) & (p->cap - 1);
	while (p->slot[h] != NULL) {
		if (strncmp(p->slot[h], s, n) == 0 && p->slot[h][n] == '\0')
			return p->slot[h];
		h = (h + 1) & (p->cap - 1);
	}
	/* Names are kept as valid UTF-8, each ill-formed sequence as U+FFFD
	 * (utf8_sanitize()): what a rollup writes and reads back, so an
	 * export and its rollup give the same cells. Checked only for a
	 * string new to the pool; a raw form that needs it is looked up by
	 * its clean form. */
	if (!utf8_valid(s, n)) {
		char *raw = xstrndup(s, n), *clean = utf8_sanitize(raw);
		const char *got = pool_intern(p, clean, strlen(clean));

		free(clean);
		free(raw);
		return got;
	}
	p->slot[h] = pool_store(p, s, n);
	p->n++;
	return p->slot[h];
}

/* ---- the cube -------------------------------------------------------- */

/*
 * Two levels keep a cell small: the distinct dimension tuples (a few
 * thousand: one per resource, usage type, pricing model...) are interned
 * once as keys, and a cell is only (hour, key, sums) = 40 bytes. A
 * million cells then take ~50 MB with their index, whatever the ids and
 * tags. rollup_get() materializes full cells on first use (after the
 * last add), for readers that want them. The row count is 64 bits: a
 * rollup read back and merged many times may pass 2^32 rows in one cell.
 */
struct rkey {
	const char *dim[DIM_N]; /* interned; enum dims point at the names */
	uint8_t pm, ck;
	uint8_t sparse;         /* cells found through the global index */
	int32_t hbase;          /* hour of hslot[0] */
	uint32_t hcap;          /* hslot covers [hbase, hbase + hcap) */
	uint32_t ncells;
	uint32_t *hslot;        /* cell index + 1 per hour, 0 = none (owned) */
};

struct rcell {
	int32_t hour;       /* hours since the epoch */
	uint32_t key;       /* index into keys */
	int64_t usage;
	money_t billed, effective;
	int64_t rows;
};

struct rollup {
	struct strpool pool;
	struct rkey *keys;
	size_t nkeys, keys_cap;
	uint32_t *key_index;    /* hash -> key + 1 */
	size_t key_index_cap;
	struct rcell *cells;
	size_t n, cells_cap;
	uint32_t *index;        /* (hour, sparse key) -> cell + 1 */
	size_t index_cap, index_n;
	int sorted;
	/* per-dimension cache of the last string interned (rows repeat) */
	const char *last_str[DIM_N];
	size_t last_len[DIM_N];
	uint32_t last_key;
	int have_last_key;
	struct rollup_cell *view; /* materialized cells, NULL when stale */
};

static const char *const dim_names[DIM_N] = {
	"provider", "currency", "account", "service", "resource", "usage_type",
	"instance_type", "region", "pricing_model", "charge_kind", "tags",
};
static const char *const pm_names[PM_N] = {
	"none", "on_demand", "commitment", "spot",
};
static const char *const ck_names[CK_N] = {
	"usage", "commitment_fee", "purchase", "tax", "credit", "discount",
	"refund", "support", "fee", "adjustment",
};

/* Index of s[0..n) in names[0..count), or -1. */
static int
name_index(const char *const *names, int count, const char *s, size_t n)
{
	int i;

	for (i = 0; i < count; i++) {
		if (strlen(names[i]) == n && memcmp(s, names[i], n) == 0)
			return i;
	}
	return -1;
}

const char *
rollup_dim_name(enum rollup_dim d)
{
	return dim_names[d];
}

int
rollup_dim_parse(const char *s)
{
	return name_index(dim_names, DIM_N, s, strlen(s));
}

const char *
rollup_pm_name(enum pricing_model pm)
{
	return pm_names[pm];
}

int
rollup_pm_parse(const char *s, size_t n)
{
	return name_index(pm_names, PM_N, s, n);
}

const char *
rollup_ck_name(enum charge_kind ck)
{
	return ck_names[ck];
}

int
rollup_ck_parse(const char *s, size_t n)
{
	return name_index(ck_names, CK_N, s, n);
}

struct rollup *
rollup_new(void)
{
	return xcalloc(1, sizeof(struct rollup));
}

void
rollup_free(struct rollup *r)
{
	if (r == NULL)
		return;
	pool_fini(&r->pool);
	for (size_t i = 0; i < r->nkeys; i++)
		free(r->keys[i].hslot);
	free(r->keys);
	free(r->key_index);
	free(r->cells);
	free(r->index);
	free(r->view);
	free(r);
}

static int
is_enum_dim(int i)
{
	return i == DIM_PRICING_MODEL || i == DIM_CHARGE_KIND;
}

static uint64_t
key_hash(const struct rkey *k)
{
	uint64_t h = (uint64_t)k->pm * 31 + k->ck;
	int i;

	for (i = 0; i < DIM_N; i++) {
		if (!is_enum_dim(i))
			h = hash_mix(h, (uint64_t)(uintptr_t)k->dim[i]);
	}
	return h;
}

static int
key_same(const struct rkey *a, const struct rkey *b)
{
	int i;

	if (a->pm != b->pm || a->ck != b->ck)
		return 0;
	for (i = 0; i < DIM_N; i++) {
		if (!is_enum_dim(i) && a->dim[i] != b->dim[i])
			return 0;
	}
	return 1;
}

static void
key_index_rebuild(struct rollup *r)
{
	size_t ncap = r->key_index_cap ? r->key_index_cap * 2 : 1024, i;

	while (ncap < r->nkeys * 2)
		ncap *= 2;
	free(r->key_index);
	r->key_index = xcalloc(ncap, sizeof(*r->key_index));
	r->key_index_cap = ncap;
	for (i = 0; i < r->nkeys; i++) {
		size_t h = (size_t)key_hash(&r->keys[i]) & (ncap - 1);

		while (r->key_index[h] != 0)
			h = (h + 1) & (ncap - 1);
		r->key_index[h] = (uint32_t)(i + 1);
	}
}

/* The id of an interned tuple, adding it when new. */
static uint32_t
key_id(struct rollup *r, const struct rkey *k)
{
	size_t h;

	if (r->have_last_key && key_same(&r->keys[r->last_key], k))
		return r->last_key;
	if ((r->nkeys + 1) * 2 > r->key_index_cap)
		key_index_rebuild(r);
	h = (size_t)key_hash(k) & (r->key_index_cap - 1);
	while (r->key_index[h] != 0) {
		uint32_t id = r->key_index[h] - 1;

		if (key_same(&r->keys[id], k)) {
			r->last_key = id;
			r->have_last_key = 1;
			return id;
		}
		h = (h + 1) & (r->key_index_cap - 1);
	}
	if (r->nkeys >= UINT32_MAX - 1)
		die("rollup has too many distinct keys");
	xgrow((void **)&r->keys, &r->keys_cap, r->nkeys + 1, sizeof(*r->keys));
	r->keys[r->nkeys] = *k;
	r->keys[r->nkeys].sparse = 0;
	r->keys[r->nkeys].hbase = 0;
	r->keys[r->nkeys].hcap = 0;
	r->keys[r->nkeys].ncells = 0;
	r->keys[r->nkeys].hslot = NULL;
	r->key_index[h] = (uint32_t)(r->nkeys + 1);
	r->last_key = (uint32_t)r->nkeys;
	r->have_last_key = 1;
	return (uint32_t)r->nkeys++;
}

/*
 * Finding a cell: most keys are a resource's usage, present in most hours,
 * so each key keeps a dense map hour -> cell (one array index, no hashing,
 * good locality). A key whose hours are sparse (a monthly fee, a rollup
 * of many months) would waste that map, so it moves to one global hash
 * table on (hour, key) instead.
 */
#define HOUR_MAP_MIN 64u  /* a map this small is always fine */
#define HOUR_MAP_SLACK 4u /* map slots allowed per cell of the key */

static uint64_t
cell_hash(int32_t hour, uint32_t key)
{
	return hash_mix((uint64_t)(uint32_t)hour, key);
}

static void
global_insert(struct rollup *r, size_t cell)
{
	size_t h = (size_t)cell_hash(r->cells[cell].hour, r->cells[cell].key) & (r->index_cap - 1);

	while (r->index[h] != 0)
		h = (h + 1) & (r->index_cap - 1);
	r->index[h] = (uint32_t)(cell + 1);
}

static size_t
global_count(const struct rollup *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->nkeys; i++) {
		if (r->keys[i].sparse)
			n += r->keys[i].ncells;
	}
	return n;
}

static void
global_rebuild(struct rollup *r, size_t need)
{
	size_t ncap = 4096, i;

	while (ncap < need * 2)
		ncap *= 2;
	free(r->index);
	r->index = xcalloc(ncap, sizeof(*r->index));
	r->index_cap = ncap;
	r->index_n = 0;
	for (i = 0; i < r->n; i++) {
		if (r->keys[r->cells[i].key].sparse) {
			global_insert(r, i);
			r->index_n++;
		}
	}
}

/* Rebuild every map and the global index from the cells (after sort). */
static void
index_rebuild(struct rollup *r)
{
	size_t i;

	for (i = 0; i < r->nkeys; i++) {
		if (r->keys[i].hslot != NULL)
			memset(r->keys[i].hslot, 0, r->keys[i].hcap * sizeof(uint32_t));
	}
	for (i = 0; i < r->n; i++) {
		struct rkey *k = &r->keys[r->cells[i].key];

		if (!k->sparse)
			k->hslot[r->cells[i].hour - k->hbase] = (uint32_t)(i + 1);
	}
	global_rebuild(r, global_count(r));
}

/* Turn key k sparse: move its cells from its map to the global index. */
static void
make_sparse(struct rollup *r, struct rkey *k)
{
	uint32_t i;

	k->sparse = 1;
	if ((r->index_n + k->ncells + 1) * 2 > r->index_cap)
		global_rebuild(r, r->index_n + k->ncells + 1);
	for (i = 0; i < k->hcap; i++) {
		if (k->hslot[i] != 0) {
			global_insert(r, k->hslot[i] - 1);
			r->index_n++;
		}
	}
	free(k->hslot);
	k->hslot = NULL;
	k->hcap = 0;
}

/* The map slot of hour for key k, growing the map; NULL when the key
 * should go sparse instead. */
static uint32_t *
hour_slot(struct rkey *k, int32_t hour)
{
	int64_t lo, hi, span, cap;
	uint32_t *m;

	if (k->hslot != NULL && hour >= k->hbase && (int64_t)hour < (int64_t)k->hbase + k->hcap)
		return &k->hslot[hour - k->hbase];
	lo = k->hslot ? (hour < k->hbase ? hour : k->hbase) : hour;
	hi = k->hslot ? ((int64_t)hour + 1 > (int64_t)k->hbase + k->hcap ? (int64_t)hour + 1
								      : (int64_t)k->hbase + k->hcap)
		      : (int64_t)hour + 1;
	span = hi - lo;
	if (span > HOUR_MAP_MIN && span > (int64_t)HOUR_MAP_SLACK * (k->ncells + 1))
		return NULL;
	/* grow with room on the side that grew (hours mostly ascend) */
	cap = span < (int64_t)HOUR_MAP_MIN ? (int64_t)HOUR_MAP_MIN : span + span / 2;
	if (k->hslot != NULL && hour < k->hbase)
		lo = hi - cap;
	m = xcalloc((size_t)cap, sizeof(*m));
	if (k->hslot != NULL)
		memcpy(m + (k->hbase - lo), k->hslot, k->hcap * sizeof(*m));
	free(k->hslot);
	k->hslot = m;
	k->hbase = (int32_t)lo;
	k->hcap = (uint32_t)cap;
	return &k->hslot[hour - k->hbase];
}

/* The cell of (hour, key), or NULL: a lookup that changes nothing. */
static const struct rcell *
find_cell(const struct rollup *r, int32_t hour, uint32_t key)
{
	const struct rkey *k = &r->keys[key];
	size_t h;

	if (!k->sparse) {
		if (k->hslot == NULL || hour < k->hbase ||
		    (int64_t)hour >= (int64_t)k->hbase + k->hcap || k->hslot[hour - k->hbase] == 0)
			return NULL;
		return &r->cells[k->hslot[hour - k->hbase] - 1];
	}
	if (r->index_cap == 0)
		return NULL;
	h = (size_t)cell_hash(hour, key) & (r->index_cap - 1);
	while (r->index[h] != 0) {
		const struct rcell *c = &r->cells[r->index[h] - 1];

		if (c->hour == hour && c->key == key)
			return c;
		h = (h + 1) & (r->index_cap - 1);
	}
	return NULL;
}

static int
accumulate(struct rcell *c, int64_t usage, money_t billed, money_t effective, int64_t rows)
{
	money_t b = c->billed, e = c->effective;
	int64_t u, n;

	if (money_add(&b, billed) < 0 || money_add(&e, effective) < 0 ||
	    __builtin_add_overflow(c->usage, usage, &u) ||
	    __builtin_add_overflow(c->rows, rows, &n))
		return -1;
	c->billed = b;
	c->effective = e;
	c->usage = u;
	c->rows = n;
	return 0;
}

static uint32_t
new_cell(struct rollup *r, int32_t hour, uint32_t key, int64_t usage, money_t billed,
	 money_t effective, int64_t rows)
{
	struct rcell *c;

	if (r->n >= UINT32_MAX - 1)
		die("rollup has too many cells");
	xgrow((void **)&r->cells, &r->cells_cap, r->n + 1, sizeof(*r->cells));
	c = &r->cells[r->n];
	memset(c, 0, sizeof(*c));
	c->hour = hour;
	c->key = key;
	c->usage = usage;
	c->billed = billed;
	c->effective = effective;
	c->rows = rows;
	r->keys[key].ncells++;
	r->sorted = 0;
	return (uint32_t)(++r->n);
}

static int
add_cell(struct rollup *r, int32_t hour, uint32_t key, int64_t usage, money_t billed,
	 money_t effective, int64_t rows)
{
	struct rkey *k = &r->keys[key];
	size_t h;

	if (!k->sparse) {
		uint32_t *slot = hour_slot(k, hour);

		if (slot != NULL) {
			if (*slot != 0)
				return accumulate(&r->cells[*slot - 1], usage, billed, effective, rows);
			*slot = new_cell(r, hour, key, usage, billed, effective, rows);
			return 0;
		}
		make_sparse(r, k);
	}
	if ((r->index_n + 1) * 2 > r->index_cap)
		global_rebuild(r, r->index_n + 1);
	h = (size_t)cell_hash(hour, key) & (r->index_cap - 1);
	while (r->index[h] != 0) {
		struct rcell *c = &r->cells[r->index[h] - 1];

		if (c->hour == hour && c->key == key)
			return accumulate(c, usage, billed, effective, rows);
		h = (h + 1) & (r->index_cap - 1);
	}
	r->index[h] = new_cell(r, hour, key, usage, billed, effective, rows);
	r->index_n++;
	return 0;
}

static void
view_drop(struct rollup *r)
{
	free(r->view);
	r->view = NULL;
}

int
rollup_add(struct rollup *r, const struct rollup_cell *c)
{
	struct rkey k;
	int64_t hour = c->hour >= 0 ? c->hour / 3600 : -((-c->hour + 3599) / 3600);
	int i;

	if (hour < INT32_MIN || hour > INT32_MAX)
		return -1;
	view_drop(r);
	for (i = 0; i < DIM_N; i++) {
		const char *s = c->dim[i] ? c->dim[i] : "";
		size_t n;

		if (is_enum_dim(i))
			continue;
		n = strlen(s);
		if (r->last_str[i] != NULL && r->last_len[i] == n &&
		    memcmp(r->last_str[i], s, n) == 0) {
			k.dim[i] = r->last_str[i];
			continue;
		}
		k.dim[i] = pool_intern(&r->pool, s, n);
		r->last_str[i] = k.dim[i];
		r->last_len[i] = n;
	}
	k.pm = (uint8_t)c->pm;
	k.ck = (uint8_t)c->ck;
	k.dim[DIM_PRICING_MODEL] = pm_names[c->pm];
	k.dim[DIM_CHARGE_KIND] = ck_names[c->ck];
	return add_cell(r, (int32_t)hour, key_id(r, &k), c->usage, c->billed, c->effective,
			c->rows);
}

void
rollup_swap(struct rollup *a, struct rollup *b)
{
	struct rollup t = *a;

	*a = *b;
	*b = t;
}

int
rollup_merge(struct rollup *dst, const struct rollup *src)
{
	uint32_t *map;
	size_t i;
	int rc = 0;

	view_drop(dst);
	/* re-intern src's keys in dst once, then add cells by mapped key */
	map = xcalloc(src->nkeys ? src->nkeys : 1, sizeof(*map));
	for (i = 0; i < src->nkeys; i++) {
		struct rkey k = src->keys[i];
		int d;

		for (d = 0; d < DIM_N; d++) {
			if (!is_enum_dim(d))
				k.dim[d] = pool_intern(&dst->pool, k.dim[d], strlen(k.dim[d]));
		}
		map[i] = key_id(dst, &k);
	}
	/* All or nothing: each cell of dst takes at most one of src (their
	 * keys are distinct), so checking each pair first is enough. */
	for (i = 0; i < src->n && rc == 0; i++) {
		const struct rcell *c = &src->cells[i];
		const struct rcell *t = find_cell(dst, c->hour, map[c->key]);

		if (t != NULL) {
			struct rcell sum = *t;

			rc = accumulate(&sum, c->usage, c->billed, c->effective, c->rows);
		}
	}
	for (i = 0; i < src->n && rc == 0; i++) {
		const struct rcell *c = &src->cells[i];

		rc = add_cell(dst, c->hour, map[c->key], c->usage, c->billed, c->effective, c->rows);
	}
	free(map);
	return rc;
}

static int
key_ptr_cmp(const void *pa, const void *pb)
{
	const struct rkey *ka = *(const struct rkey *const *)pa;
	const struct rkey *kb = *(const struct rkey *const *)pb;
	int i, c;

	for (i = 0; i < DIM_N; i++) {
		c = strcmp(ka->dim[i], kb->dim[i]);
		if (c != 0)
			return c;
	}
	return 0;
}

/* While sorting, a cell's key field holds its key's rank. */
static int
rcell_cmp(const void *pa, const void *pb)
{
	const struct rcell *a = pa, *b = pb;

	if (a->hour != b->hour)
		return a->hour < b->hour ? -1 : 1;
	return a->key < b->key ? -1 : a->key > b->key;
}

/* Sort the keys once by their dimensions, then cells by (hour, key
 * rank): no string comparison per cell pair. The rank stands in the
 * cell's key field during the sort (keeping cells at 40 bytes) and is
 * mapped back to the key after it. */
void
rollup_sort(struct rollup *r)
{
	const struct rkey **order;
	uint32_t *rank;
	size_t i;

	if (r->sorted)
		return;
	view_drop(r);
	order = xmalloc((r->nkeys ? r->nkeys : 1) * sizeof(*order));
	rank = xmalloc((r->nkeys ? r->nkeys : 1) * sizeof(*rank));
	for (i = 0; i < r->nkeys; i++)
		order[i] = &r->keys[i];
	if (r->nkeys > 0) /* qsort's pointer must not be NULL, even for 0 */
		qsort(order, r->nkeys, sizeof(*order), key_ptr_cmp);
	for (i = 0; i < r->nkeys; i++)
		rank[order[i] - r->keys] = (uint32_t)i;
	for (i = 0; i < r->n; i++)
		r->cells[i].key = rank[r->cells[i].key];
	if (r->n > 0)
		qsort(r->cells, r->n, sizeof(*r->cells), rcell_cmp);
	for (i = 0; i < r->n; i++)
		r->cells[i].key = (uint32_t)(order[r->cells[i].key] - r->keys);
	free(order);
	free(rank);
	index_rebuild(r);
	r->sorted = 1;
}

size_t
rollup_count(const struct rollup *r)
{
	return r->n;
}

static void
fill_cell(const struct rollup *r, size_t i, struct rollup_cell *out)
{
	const struct rcell *c = &r->cells[i];
	const struct rkey *k = &r->keys[c->key];

	memcpy(out->dim, k->dim, sizeof(out->dim));
	out->hour = (int64_t)c->hour * 3600;
	out->pm = (enum pricing_model)k->pm;
	out->ck = (enum charge_kind)k->ck;
	out->usage = c->usage;
	out->billed = c->billed;
	out->effective = c->effective;
	out->rows = c->rows;
}

const struct rollup_cell *
rollup_get(const struct rollup *rc, size_t i)
{
	struct rollup *r = (struct rollup *)rc; /* the view is a cache */

	if (r->view == NULL) {
		size_t k;

		r->view = xmalloc((r->n ? r->n : 1) * sizeof(*r->view));
		for (k = 0; k < r->n; k++)
			fill_cell(r, k, &r->view[k]);
	}
	return &r->view[i];
}

int
rollup_totals(const struct rollup *r, money_t *billed, money_t *effective)
{
	size_t i;

	*billed = 0;
	*effective = 0;
	for (i = 0; i < r->n; i++) {
		if (money_add(billed, r->cells[i].billed) < 0 ||
		    money_add(effective, r->cells[i].effective) < 0)
			return -1;
	}
	return 0;
}

/* ---- CSV form ---------------------------------------------------------- */

static const char rollup_header[] =
	"hour,provider,currency,account,service,resource,usage_type,"
	"instance_type,region,pricing_model,charge_kind,tags,usage,billed,"
	"effective,rows";

int
rollup_is_header(const char *line, size_t n)
{
	size_t hl = sizeof(rollup_header) - 1;

	while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == '\n'))
		n--;
	return n == hl && memcmp(line, rollup_header, hl) == 0;
}

/* Write v (in units of 10^-scale) as an exact decimal with at least
 * min_frac and no more than the needed fraction digits. Returns length. */
static size_t
fmt_fixed(char *out, int64_t v, int scale, int min_frac)
{
	char digits[32];
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	int nd = 0, frac, i;
	size_t n = 0;

	do {
		digits[nd++] = (char)('0' + a % 10);
		a /= 10;
	} while (a != 0 || nd <= scale);
	/* digits[0..scale) are the fraction, least significant first */
	frac = scale;
	while (frac > min_frac && digits[scale - frac] == '0')
		frac--;
	if (v < 0)
		out[n++] = '-';
	for (i = nd - 1; i >= scale; i--)
		out[n++] = digits[i];
	if (frac > 0) {
		out[n++] = '.';
		for (i = scale - 1; i >= scale - frac; i--)
			out[n++] = digits[i];
	}
	return n;
}

/* Each key's dimensions as one CSV fragment ",provider,...,tags". */
static char **
render_keys(const struct rollup *r)
{
	char **frag = xcalloc(r->nkeys ? r->nkeys : 1, sizeof(char *));
	size_t i;

	for (i = 0; i < r->nkeys; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&buf, &len);
		int k;

		if (m == NULL)
			die("out of memory");
		for (k = 0; k < DIM_N; k++) {
			fputc(',', m);
			csv_put_field(m, r->keys[i].dim[k], CSV_ROLLUP);
		}
		if (fclose(m) != 0)
			die("out of memory");
		frag[i] = buf;
	}
	return frag;
}

int
rollup_write(struct rollup *r, const char *path, struct diag *d)
{
	struct afile af;
	FILE *f;
	size_t i;
	char hour[32];
	int32_t last_hour = 0;
	char **frag;

	rollup_sort(r);
	f = afile_open(&af, path, d);
	if (f == NULL)
		return -1;
	fprintf(f, "%s\n", rollup_header);
	frag = render_keys(r);
	for (i = 0; i < r->n; i++) {
		const struct rcell *c = &r->cells[i];
		char line[160];
		size_t n;

		if (i == 0 || c->hour != last_hour) {
			utc_format((int64_t)c->hour * 3600, hour, sizeof(hour));
			last_hour = c->hour;
		}
		fputs(hour, f);
		fputs(frag[c->key], f);
		n = 0;
		line[n++] = ',';
		n += fmt_fixed(line + n, c->usage, 6, 0);
		line[n++] = ',';
		n += fmt_fixed(line + n, c->billed, 9, 2);
		line[n++] = ',';
		n += fmt_fixed(line + n, c->effective, 9, 2);
		line[n++] = ',';
		n += fmt_fixed(line + n, c->rows, 0, 0);
		line[n++] = '\n';
		fwrite(line, 1, n, f);
	}
	for (i = 0; i < r->nkeys; i++)
		free(frag[i]);
	free(frag);
	return afile_commit(&af, d);
}
