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

#include "rollup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utc.h"

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
			size_t h = (size_t)hash_bytes(p->slot[i], strlen(p->slot[i])) & (ncap - 1);

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
	h = (size_t)hash_bytes(s, n) & (p->cap - 1);
	while (p->slot[h] != NULL) {
		if (strncmp(p->slot[h], s, n) == 0 && p->slot[h][n] == '\0')
			return p->slot[h];
		h = (h + 1) & (p->cap - 1);
	}
	p->slot[h] = pool_store(p, s, n);
	p->n++;
	return p->slot[h];
}

/* ---- the cube -------------------------------------------------------- */

struct rollup {
	struct strpool pool;
	struct rollup_cell *cells;
	size_t n, cells_cap;
	uint32_t *index;  /* hash -> cell index + 1, 0 = empty */
	size_t index_cap;
	int sorted;
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

const char *
rollup_dim_name(enum rollup_dim d)
{
	return dim_names[d];
}

int
rollup_dim_parse(const char *s)
{
	int i;

	for (i = 0; i < DIM_N; i++) {
		if (strcmp(s, dim_names[i]) == 0)
			return i;
	}
	return -1;
}

const char *
rollup_pm_name(enum pricing_model pm)
{
	return pm_names[pm];
}

int
rollup_pm_parse(const char *s, size_t n)
{
	int i;

	for (i = 0; i < PM_N; i++) {
		if (strlen(pm_names[i]) == n && memcmp(s, pm_names[i], n) == 0)
			return i;
	}
	return -1;
}

const char *
rollup_ck_name(enum charge_kind ck)
{
	return ck_names[ck];
}

int
rollup_ck_parse(const char *s, size_t n)
{
	int i;

	for (i = 0; i < CK_N; i++) {
		if (strlen(ck_names[i]) == n && memcmp(s, ck_names[i], n) == 0)
			return i;
	}
	return -1;
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
	free(r->cells);
	free(r->index);
	free(r);
}

/* Dimensions that come from the enums, not the pool. */
static int
is_enum_dim(int i)
{
	return i == DIM_PRICING_MODEL || i == DIM_CHARGE_KIND;
}

static uint64_t
cell_hash(const struct rollup_cell *c)
{
	uint64_t h = hash_mix((uint64_t)c->hour, (uint64_t)c->pm * 31 + (uint64_t)c->ck);
	int i;

	for (i = 0; i < DIM_N; i++) {
		if (!is_enum_dim(i))
			h = hash_mix(h, (uint64_t)(uintptr_t)c->dim[i]);
	}
	return h;
}

static int
cell_same_key(const struct rollup_cell *a, const struct rollup_cell *b)
{
	int i;

	if (a->hour != b->hour || a->pm != b->pm || a->ck != b->ck)
		return 0;
	for (i = 0; i < DIM_N; i++) {
		if (!is_enum_dim(i) && a->dim[i] != b->dim[i])
			return 0;
	}
	return 1;
}

static void
index_rebuild(struct rollup *r)
{
	size_t ncap = r->index_cap ? r->index_cap * 2 : 4096, i;

	while (ncap < r->n * 2)
		ncap *= 2;
	free(r->index);
	r->index = xcalloc(ncap, sizeof(*r->index));
	r->index_cap = ncap;
	for (i = 0; i < r->n; i++) {
		size_t h = (size_t)cell_hash(&r->cells[i]) & (ncap - 1);

		while (r->index[h] != 0)
			h = (h + 1) & (ncap - 1);
		r->index[h] = (uint32_t)(i + 1);
	}
}

/* Add sums of `k` (whose dims are already interned) into the cube. */
static int
add_interned(struct rollup *r, const struct rollup_cell *k)
{
	size_t h;
	struct rollup_cell *c;

	if ((r->n + 1) * 2 > r->index_cap)
		index_rebuild(r);
	h = (size_t)cell_hash(k) & (r->index_cap - 1);
	while (r->index[h] != 0) {
		c = &r->cells[r->index[h] - 1];
		if (cell_same_key(c, k)) {
			money_t b = c->billed, e = c->effective;
			int64_t u;

			if (money_add(&b, k->billed) < 0 || money_add(&e, k->effective) < 0 ||
			    __builtin_add_overflow(c->usage, k->usage, &u))
				return -1;
			c->billed = b;
			c->effective = e;
			c->usage = u;
			c->rows += k->rows;
			return 0;
		}
		h = (h + 1) & (r->index_cap - 1);
	}
	if (r->n >= UINT32_MAX - 1)
		die("rollup has too many cells");
	xgrow((void **)&r->cells, &r->cells_cap, r->n + 1, sizeof(*r->cells));
	c = &r->cells[r->n];
	*c = *k;
	c->dim[DIM_PRICING_MODEL] = pm_names[k->pm];
	c->dim[DIM_CHARGE_KIND] = ck_names[k->ck];
	r->index[h] = (uint32_t)(++r->n);
	r->sorted = 0;
	return 0;
}

int
rollup_add(struct rollup *r, const struct rollup_cell *key)
{
	struct rollup_cell k = *key;
	int i;

	for (i = 0; i < DIM_N; i++) {
		if (is_enum_dim(i))
			continue;
		k.dim[i] = key->dim[i] ? pool_intern(&r->pool, key->dim[i], strlen(key->dim[i])) : "";
	}
	return add_interned(r, &k);
}

int
rollup_merge(struct rollup *dst, const struct rollup *src)
{
	size_t i;

	for (i = 0; i < src->n; i++) {
		if (rollup_add(dst, &src->cells[i]) < 0)
			return -1;
	}
	return 0;
}

static int
cell_cmp(const void *pa, const void *pb)
{
	const struct rollup_cell *a = pa, *b = pb;
	int i, c;

	if (a->hour != b->hour)
		return a->hour < b->hour ? -1 : 1;
	for (i = 0; i < DIM_N; i++) {
		c = strcmp(a->dim[i], b->dim[i]);
		if (c != 0)
			return c;
	}
	return 0;
}

void
rollup_sort(struct rollup *r)
{
	if (r->sorted)
		return;
	qsort(r->cells, r->n, sizeof(*r->cells), cell_cmp);
	index_rebuild(r);
	r->sorted = 1;
}

size_t
rollup_count(const struct rollup *r)
{
	return r->n;
}

const struct rollup_cell *
rollup_get(const struct rollup *r, size_t i)
{
	return &r->cells[i];
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

static void
put_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* Usage in micro-units as an exact decimal without trailing zeros. */
static void
put_usage(FILE *f, int64_t u)
{
	uint64_t a = u < 0 ? (uint64_t)0 - (uint64_t)u : (uint64_t)u;
	unsigned long long whole = a / 1000000, frac = a % 1000000;
	char fb[8];
	int len;

	if (frac == 0) {
		fprintf(f, "%s%llu", u < 0 ? "-" : "", whole);
		return;
	}
	snprintf(fb, sizeof(fb), "%06llu", frac);
	len = 6;
	while (len > 1 && fb[len - 1] == '0')
		fb[--len] = '\0';
	fprintf(f, "%s%llu.%s", u < 0 ? "-" : "", whole, fb);
}

int
rollup_write(struct rollup *r, const char *path, struct diag *d)
{
	char *tmp = NULL;
	FILE *f = NULL;
	int fd, rc = -1;
	size_t i;
	char buf[40];

	rollup_sort(r);
	tmp = xasprintf("%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_set(d, path, 0, 0, "cannot create: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	{
		mode_t um = umask(0);

		umask(um);
		fchmod(fd, 0666 & ~um);
	}
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	fprintf(f, "%s\n", rollup_header);
	for (i = 0; i < r->n; i++) {
		const struct rollup_cell *c = &r->cells[i];
		int k;

		fputs(utc_format(c->hour, buf, sizeof(buf)), f);
		for (k = 0; k < DIM_N; k++) {
			fputc(',', f);
			put_field(f, c->dim[k]);
		}
		fputc(',', f);
		put_usage(f, c->usage);
		fprintf(f, ",%s", money_format_exact(c->billed, buf, sizeof(buf)));
		fprintf(f, ",%s", money_format_exact(c->effective, buf, sizeof(buf)));
		fprintf(f, ",%ld\n", c->rows);
	}
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0) {
		diag_set(d, path, 0, 0, "write failed: %s", strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		diag_set(d, path, 0, 0, "write failed: %s", strerror(errno));
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) != 0) {
		diag_set(d, path, 0, 0, "cannot rename into place: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}
