/*
 * catalog.c - the instance and service price catalog: a plain-text file
 * format (rightsize-catalog(5)) read into entries with exact prices.
 *
 * Layer: engine. One entry a line, 15 comma-separated fields; `@key value`
 * directives set the provider, region, source and read date of the rows
 * that follow; `#` starts a comment line. A row of a later file for the
 * same provider, region, service and type replaces the earlier one, so a
 * user file loaded after ours (files of a folder are read in name order)
 * can override a price with a negotiated rate; within one file such a
 * repeat is an error naming both lines (which price was meant?).
 *
 * Three open-addressing hash tables index the entries: by provider,
 * region, service and type (at most one entry each: replacing and
 * refusing repeats), by type (look-ups), and by provider, region and
 * service (the candidates of a resize). The entries of one key are
 * chained in load order, so a look-up costs the few entries that share
 * its key, never the catalog.
 */
#include "config.h"

#include "ingest/catalog.h"

#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/utc.h"

#define CAT_FIELDS 15
/* Longest line read, its end excluded: a row is about 100 bytes, a
 * @source URL a few hundred; anything longer is not a catalog. */
#define CAT_MAX_LINE 4096

/* What a row may say (rightsize-catalog(5)). A machine has 0.125 to 4096
 * vCPUs (fractions for shared-core types such as GCP's e2-micro, 0.25;
 * the largest EC2 type, u7in-32tb.224xlarge, has 896) and 1/16 to 65536
 * GiB (64 TiB; the same type has 32 TiB). perf is relative to one x86
 * vCPU: 0.01 to 100 leaves room for any real processor. A price above
 * 10,000 an hour is a typo (the dearest EC2 type lists at about 410). */
#define CAT_VCPU_MIN 0.125
#define CAT_VCPU_MAX 4096.0
#define CAT_MEM_MIN 0.0625
#define CAT_MEM_MAX 65536.0
#define CAT_PERF_MIN 0.01
#define CAT_PERF_MAX 100.0
#define CAT_PRICE_MAX ((money_t)10000 * MONEY_SCALE)

#define CAT_NONE ((size_t)-1)

/* The keys entries are indexed by. */
enum cat_key {
	CATK_ENTRY, /* provider, region, service, type: one entry each */
	CATK_TYPE,  /* type */
	CATK_GROUP, /* provider, region, service */
	CATK_N,
};

/* An entry and where it was read; next[k] chains the entries of its key
 * k in load order. */
struct cat_item {
	struct catalog_entry e;
	size_t next[CATK_N]; /* the next entry with the same key, or CAT_NONE */
	long line;           /* its line in file number `file` */
	unsigned file;
};

/* A slot of an index: the first and last entry of one key. */
struct cat_slot {
	uint64_t hash;
	size_t head, tail; /* CAT_NONE: empty slot */
};

struct cat_index {
	struct cat_slot *slots; /* nslots, a power of two, at most half full */
	size_t nslots, nkeys;
};

struct catalog {
	struct cat_item *items;
	size_t n, cap;
	struct cat_index ix[CATK_N];
	unsigned nfiles;        /* files read so far */
};

/* Directive state while reading one file. */
struct cat_ctx {
	const char *path;
	long line;
	unsigned file;
	char *provider, *region, *source, *read_date;
};

static void
entry_fini(struct catalog_entry *e)
{
	free(e->provider);
	free(e->region);
	free(e->service);
	free(e->type);
	free(e->family);
	free(e->arch);
	free(e->network);
	free(e->source);
	free(e->read_date);
}

void
catalog_free(struct catalog *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		entry_fini(&c->items[i].e);
	free(c->items);
	for (i = 0; i < CATK_N; i++)
		free(c->ix[i].slots);
	free(c);
}

size_t
catalog_count(const struct catalog *c)
{
	return c->n;
}

const struct catalog_entry *
catalog_get(const struct catalog *c, size_t i)
{
	return i < c->n ? &c->items[i].e : NULL;
}

static uint64_t
key_hash(enum cat_key k, const struct catalog_entry *e)
{
	uint64_t g = 0, t = 0;

	if (k != CATK_TYPE)
		g = hash_mix(hash_mix(hash_fast(e->provider, strlen(e->provider)),
				      hash_fast(e->region, strlen(e->region))),
			     hash_fast(e->service, strlen(e->service)));
	if (k != CATK_GROUP)
		t = hash_fast(e->type, strlen(e->type));
	return k == CATK_ENTRY ? hash_mix(g, t) : g ^ t;
}

static int
key_eq(enum cat_key k, const struct catalog_entry *a, const struct catalog_entry *b)
{
	if (k != CATK_GROUP && strcmp(a->type, b->type) != 0)
		return 0;
	return k == CATK_TYPE ||
	       (strcmp(a->region, b->region) == 0 && strcmp(a->service, b->service) == 0 &&
		strcmp(a->provider, b->provider) == 0);
}

/* The slot of index k holding the key of e (hash h): its own, or the
 * empty one where it would go. An index is never full (at most half). */
static struct cat_slot *
cat_slot(const struct catalog *c, enum cat_key k, const struct catalog_entry *e,
	 uint64_t h)
{
	const struct cat_index *ix = &c->ix[k];
	size_t mask = ix->nslots - 1, i = (size_t)h & mask;

	for (;;) {
		struct cat_slot *s = &ix->slots[i];

		if (s->head == CAT_NONE ||
		    (s->hash == h && key_eq(k, &c->items[s->head].e, e)))
			return s;
		i = (i + 1) & mask;
	}
}

/* Make room in index k for one more key: double it past half full. */
static void
cat_reserve(struct catalog *c, enum cat_key k)
{
	struct cat_index *ix = &c->ix[k];
	struct cat_slot *old = ix->slots;
	size_t nold = ix->nslots, i;

	if (2 * (ix->nkeys + 1) <= ix->nslots)
		return;
	ix->nslots = nold > 0 ? 2 * nold : 64;
	ix->slots = xmalloc(ix->nslots * sizeof(*ix->slots));
	for (i = 0; i < ix->nslots; i++)
		ix->slots[i].head = CAT_NONE;
	for (i = 0; i < nold; i++) {
		if (old[i].head != CAT_NONE)
			*cat_slot(c, k, &c->items[old[i].head].e, old[i].hash) = old[i];
	}
	free(old);
}

/* Chain the new last entry, items[c->n - 1], into index k. */
static void
cat_index_add(struct catalog *c, enum cat_key k)
{
	size_t i = c->n - 1;
	const struct catalog_entry *e = &c->items[i].e;
	uint64_t h = key_hash(k, e);
	struct cat_slot *s;

	cat_reserve(c, k);
	s = cat_slot(c, k, e, h);
	c->items[i].next[k] = CAT_NONE;
	if (s->head == CAT_NONE) {
		s->hash = h;
		s->head = i;
		c->ix[k].nkeys++;
	} else {
		c->items[s->tail].next[k] = i;
	}
	s->tail = i;
}

/* The first entry with the key of e in index k, or CAT_NONE. */
static size_t
cat_first(const struct catalog *c, enum cat_key k, const struct catalog_entry *e)
{
	if (c->ix[k].nslots == 0)
		return CAT_NONE;
	return cat_slot(c, k, e, key_hash(k, e))->head;
}

const struct catalog_entry *
catalog_find(const struct catalog *c, const char *region, const char *type)
{
	return catalog_find_service(c, region, NULL, type);
}

const struct catalog_entry *
catalog_find_service(const struct catalog *c, const char *region,
		     const char *service, const char *type)
{
	struct catalog_entry probe;
	size_t i;

	memset(&probe, 0, sizeof(probe));
	probe.type = (char *)type; /* key_eq and key_hash only read it */
	for (i = cat_first(c, CATK_TYPE, &probe); i != CAT_NONE;
	     i = c->items[i].next[CATK_TYPE]) {
		const struct catalog_entry *e = &c->items[i].e;

		if (region != NULL && strcmp(e->region, region) != 0)
			continue;
		if (service != NULL && strcmp(e->service, service) != 0)
			continue;
		return e;
	}
	return NULL;
}

/* The item e is (entries are the first member of their item). */
static size_t
item_of(const struct catalog *c, const struct catalog_entry *e)
{
	size_t i = (size_t)((const struct cat_item *)(const void *)e - c->items);

	assert(i < c->n && &c->items[i].e == e);
	return i;
}

const struct catalog_entry *
catalog_group_first(const struct catalog *c, const struct catalog_entry *e)
{
	return &c->items[cat_first(c, CATK_GROUP, e)].e;
}

const struct catalog_entry *
catalog_group_next(const struct catalog *c, const struct catalog_entry *e)
{
	size_t i = c->items[item_of(c, e)].next[CATK_GROUP];

	return i != CAT_NONE ? &c->items[i].e : NULL;
}

const char *
catalog_price_name(enum catalog_price p)
{
	static const char *const names[CAT_PRICE_N] = {
		"on_demand", "spot", "sp_1y", "sp_3y", "ri_1y", "ri_3y",
	};

	return (unsigned)p < CAT_PRICE_N ? names[p] : "?";
}

/* Parse the whole of s as a plain decimal: digits with an optional
 * fraction ("2", "0.5", "15.25"); no sign, exponent, hex, inf or nan. */
static int
parse_num(const char *s, double *out)
{
	const char *p = s;
	size_t digits = 0;

	while (isdigit((unsigned char)*p)) {
		p++;
		digits++;
	}
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			p++;
			digits++;
		}
	}
	if (digits == 0 || *p != '\0')
		return -1;
	*out = strtod(s, NULL);
	return 0;
}

/* Spot Advisor interruption bands (percent of instances reclaimed in the
 * trailing month): https://aws.amazon.com/ec2/spot/instance-advisor/ */
static int
parse_band(const char *s, double *lo, double *hi)
{
	static const struct {
		const char *name;
		double lo, hi;
	} bands[] = {
		{ "<5", 0, 5 }, { "5-10", 5, 10 }, { "10-15", 10, 15 },
		{ "15-20", 15, 20 }, { ">20", 20, 100 }, { "-", -1, -1 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bands); i++) {
		if (strcmp(s, bands[i].name) == 0) {
			*lo = bands[i].lo;
			*hi = bands[i].hi;
			return 0;
		}
	}
	return -1;
}

static int
is_date(const char *s)
{
	int64_t t;

	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	       utc_parse(s, 10, &t) == 0;
}

static int
has_blank(const char *s)
{
	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			return 1;
	}
	return 0;
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

static int
directive(struct cat_ctx *x, char *line, struct diag *d)
{
	char *key = line + 1, *val = key;
	size_t n;

	while (*val && !isspace((unsigned char)*val))
		val++;
	n = (size_t)(val - key);
	while (*val && isspace((unsigned char)*val))
		val++;
	if (*val == '\0')
		return diag_set(d, x->path, x->line, 1, "directive @%.*s needs a value",
				(int)n, key);
	if (n == 8 && strncmp(key, "provider", n) == 0)
		set_str(&x->provider, val);
	else if (n == 6 && strncmp(key, "region", n) == 0)
		set_str(&x->region, val);
	else if (n == 6 && strncmp(key, "source", n) == 0)
		set_str(&x->source, val);
	else if (n == 4 && strncmp(key, "read", n) == 0) {
		if (!is_date(val))
			return diag_set(d, x->path, x->line, (long)(val - line) + 1,
					"@read \"%s\" is not a date YYYY-MM-DD", val);
		set_str(&x->read_date, val);
	} else
		return diag_set(d, x->path, x->line, 1,
				"unknown directive @%.*s (provider, region, source, read)",
				(int)n, key);
	return 0;
}

/* Split line in place at commas into CAT_FIELDS trimmed fields; col[i] is
 * the 1-based column where field i starts. Returns the field count. */
static int
split(char *line, char **f, long *col)
{
	char *p = line;
	int nf = 0;

	for (;;) {
		char *start = p, *end;

		while (*p && *p != ',')
			p++;
		end = p;
		while (start < end && isspace((unsigned char)*start))
			start++;
		while (end > start && isspace((unsigned char)end[-1]))
			end--;
		if (nf < CAT_FIELDS) {
			f[nf] = start;
			col[nf] = (long)(start - line) + 1;
		}
		nf++;
		if (*p == '\0') {
			*end = '\0';
			break;
		}
		*end = '\0';
		p++;
	}
	return nf;
}

/* Add e (taking its strings), or let it replace the entry of an earlier
 * file with the same provider, region, service and type. The same twice
 * in one file is an error: e is freed and d names both lines. */
static int
cat_put(struct catalog *c, const struct cat_ctx *x, struct catalog_entry *e,
	struct diag *d)
{
	size_t i = cat_first(c, CATK_ENTRY, e);
	struct cat_item *it;
	int k;

	if (i != CAT_NONE) {
		struct cat_item *o = &c->items[i];

		if (o->file == x->file) {
			diag_set(d, x->path, x->line, 1,
				 "%s (%s, %s, %s) is already on line %ld of this file; "
				 "one row each (a later file may replace it)",
				 e->type, e->provider, e->region, e->service, o->line);
			entry_fini(e);
			return -1;
		}
		entry_fini(&o->e);
		o->e = *e;
		o->line = x->line;
		o->file = x->file;
		return 0;
	}
	xgrow((void **)&c->items, &c->cap, c->n + 1, sizeof(*c->items));
	it = &c->items[c->n++];
	it->e = *e;
	it->line = x->line;
	it->file = x->file;
	for (k = 0; k < CATK_N; k++)
		cat_index_add(c, (enum cat_key)k);
	return 0;
}

/* v is exactly k (a unit is 0 or 1; -Wfloat-equal wants it said so). */
static int
num_is(double v, double k)
{
	return v >= k && v <= k;
}

/* Is service priced per unit (vCPU-hour, GB-hour, request) rather than
 * per machine? Then vcpu and memory_gib name the unit. */
static int
is_unit_rate(const char *service)
{
	return strcmp(service, "fargate") == 0 || strcmp(service, "lambda") == 0;
}

/* vcpu and memory_gib: a machine's size within bounds, or a unit rate's
 * unit (1 and 0, 0 and 1, or 0 and 0). */
static int
check_size(const struct cat_ctx *x, char **f, const long *col,
	   const struct catalog_entry *e, struct diag *d)
{
	if (is_unit_rate(f[1])) {
		if (!num_is(e->vcpu, 0) && !num_is(e->vcpu, 1))
			return diag_set(d, x->path, x->line, col[4],
					"vcpu \"%s\" of a %s rate is not 0 or 1 (the unit: "
					"1 for a vCPU-hour)", f[4], f[1]);
		if ((!num_is(e->memory_gib, 0) && !num_is(e->memory_gib, 1)) ||
		    (num_is(e->vcpu, 1) && num_is(e->memory_gib, 1)))
			return diag_set(d, x->path, x->line, col[5],
					"memory_gib \"%s\" of a %s rate is not %s (the unit: "
					"1 for a GB-hour or GB-second)", f[5], f[1],
					num_is(e->vcpu, 1) ? "0" : "0 or 1");
		return 0;
	}
	if (e->vcpu < CAT_VCPU_MIN || e->vcpu > CAT_VCPU_MAX)
		return diag_set(d, x->path, x->line, col[4],
				"vcpu \"%s\" is out of range (%g to %g)", f[4],
				CAT_VCPU_MIN, CAT_VCPU_MAX);
	if (e->memory_gib < CAT_MEM_MIN || e->memory_gib > CAT_MEM_MAX)
		return diag_set(d, x->path, x->line, col[5],
				"memory_gib \"%s\" is out of range (%g to %g)", f[5],
				CAT_MEM_MIN, CAT_MEM_MAX);
	return 0;
}

static int
row(struct catalog *c, struct cat_ctx *x, char *line, struct diag *d)
{
	static const char *const names[CAT_FIELDS] = {
		"type", "service", "family", "arch", "vcpu", "memory_gib",
		"network", "perf", "on_demand", "spot", "spot_band", "sp_1y",
		"sp_3y", "ri_1y", "ri_3y",
	};
	static const enum catalog_price price_of[] = {
		CAT_ON_DEMAND, CAT_SPOT, (enum catalog_price)-1, CAT_SP_1Y,
		CAT_SP_3Y, CAT_RI_1Y, CAT_RI_3Y,
	};
	static const int num_field[] = { 4, 5, 7 }; /* vcpu, memory_gib, perf */
	struct catalog_entry e;
	char *f[CAT_FIELDS];
	long col[CAT_FIELDS];
	int nf, i;

	nf = split(line, f, col);
	if (nf != CAT_FIELDS)
		return diag_set(d, x->path, x->line, nf > CAT_FIELDS ? col[CAT_FIELDS - 1] : 1,
				"%d fields, want %d (type, service, family, arch, vcpu, "
				"memory_gib, network, perf, on_demand, spot, spot_band, "
				"sp_1y, sp_3y, ri_1y, ri_3y)", nf, CAT_FIELDS);
	if (x->provider == NULL || x->region == NULL || x->source == NULL ||
	    x->read_date == NULL)
		return diag_set(d, x->path, x->line, 1,
				"entry before @provider, @region, @source and @read are all set");
	for (i = 0; i < 4; i++) {
		if (f[i][0] == '\0' || has_blank(f[i]))
			return diag_set(d, x->path, x->line, col[i],
					"%s \"%s\" must be one word", names[i], f[i]);
	}
	memset(&e, 0, sizeof(e));
	for (i = 0; i < 3; i++) {
		int k = num_field[i];
		double *v = k == 4 ? &e.vcpu : k == 5 ? &e.memory_gib : &e.perf;

		if (parse_num(f[k], v) < 0)
			return diag_set(d, x->path, x->line, col[k],
					"%s \"%s\" is not a decimal number", names[k], f[k]);
	}
	if (check_size(x, f, col, &e, d) < 0)
		return -1;
	if (f[6][0] == '\0')
		return diag_set(d, x->path, x->line, col[6], "network is empty (use -)");
	if (e.perf < CAT_PERF_MIN || e.perf > CAT_PERF_MAX)
		return diag_set(d, x->path, x->line, col[7],
				"perf \"%s\" is out of range (%g to %g)", f[7],
				CAT_PERF_MIN, CAT_PERF_MAX);
	for (i = 8; i < CAT_FIELDS; i++) {
		enum catalog_price p = price_of[i - 8];
		money_t m;
		int rc;

		if (i == 10) {
			if (parse_band(f[i], &e.spot_interrupt_lo, &e.spot_interrupt_hi) < 0)
				return diag_set(d, x->path, x->line, col[i],
						"spot_band \"%s\" is not one of <5, 5-10, "
						"10-15, 15-20, >20, -", f[i]);
			continue;
		}
		if (strcmp(f[i], "-") == 0) {
			e.price[p] = -1;
			continue;
		}
		rc = money_parse(f[i], strlen(f[i]), &m);
		if (rc == -1)
			return diag_set(d, x->path, x->line, col[i],
					"%s \"%s\" is not a price (a decimal, or -)",
					names[i], f[i]);
		if (rc != 0 || m < 0 || m > CAT_PRICE_MAX)
			return diag_set(d, x->path, x->line, col[i],
					"%s \"%s\" is out of range (0 to %lld)", names[i], f[i],
					(long long)(CAT_PRICE_MAX / MONEY_SCALE));
		e.price[p] = m;
	}
	e.type = xstrdup(f[0]);
	e.service = xstrdup(f[1]);
	e.family = xstrdup(f[2]);
	e.arch = xstrdup(f[3]);
	e.network = xstrdup(f[6]);
	e.provider = xstrdup(x->provider);
	e.region = xstrdup(x->region);
	e.source = xstrdup(x->source);
	e.read_date = xstrdup(x->read_date);
	return cat_put(c, x, &e, d);
}

static int
load_file(struct catalog *c, const char *path, struct diag *d)
{
	struct cat_ctx x;
	FILE *fp;
	char line[CAT_MAX_LINE + 1];
	size_t len;
	int rc = -1, got;

	memset(&x, 0, sizeof(x));
	x.path = path;
	x.file = c->nfiles++;
	fp = fopen(path, "r");
	if (fp == NULL)
		return diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
	for (;;) {
		const char *nul;
		char *p = line;

		got = line_read(fp, line, CAT_MAX_LINE, &len);
		if (got <= 0)
			break;
		x.line++;
		nul = memchr(line, '\0', len);
		if (nul != NULL) {
			diag_set(d, path, x.line, (long)(nul - line) + 1,
				 "NUL byte: not a text file");
			goto out;
		}
		while (len > 0 && isspace((unsigned char)line[len - 1]))
			line[--len] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		if (*p == '@') {
			if (directive(&x, p, d) < 0)
				goto out;
			continue;
		}
		if (row(c, &x, line, d) < 0)
			goto out;
	}
	if (got == -1) {
		diag_set(d, path, x.line + 1, CAT_MAX_LINE + 1, "line longer than %d bytes",
			 CAT_MAX_LINE);
		goto out;
	}
	if (got == -2) {
		diag_set(d, path, x.line + 1, 0, "read error: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(x.provider);
	free(x.region);
	free(x.source);
	free(x.read_date);
	fclose(fp);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.cat file of dir, in name order. */
static int
load_dir(struct catalog *c, const char *dir, struct diag *d)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	dp = opendir(dir);
	if (dp == NULL)
		return diag_set(d, dir, 0, 0, "cannot open folder: %s", strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".cat") != 0)
			continue;
		xgrow((void **)&names, &cap, n + 1, sizeof(*names));
		names[n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(dp);
	if (n == 0)
		rc = diag_set(d, dir, 0, 0, "no *.cat catalog files in this folder");
	else
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && rc == 0; i++)
		rc = load_file(c, names[i], d);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int
catalog_load(const char *path, struct catalog **out, struct diag *d)
{
	struct catalog *c = xcalloc(1, sizeof(*c));
	struct stat st;
	int rc;

	*out = NULL;
	if (stat(path, &st) != 0) {
		free(c);
		return diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
	}
	if (S_ISDIR(st.st_mode))
		rc = load_dir(c, path, d);
	else
		rc = load_file(c, path, d);
	if (rc < 0) {
		catalog_free(c);
		return -1;
	}
	*out = c;
	return 0;
}

#ifndef RS_PKGDATADIR
#define RS_PKGDATADIR "/usr/local/share/rightsize"
#endif

const char *
catalog_default_path(void)
{
	const char *env = getenv("RIGHTSIZE_CATALOG");
	struct stat st;

	if (env != NULL && env[0] != '\0')
		return env;
	if (stat(RS_PKGDATADIR "/instances", &st) == 0)
		return RS_PKGDATADIR "/instances";
	/* not installed: the source tree this binary was built from */
	if (stat(RS_SRCDIR "/data/instances", &st) == 0)
		return RS_SRCDIR "/data/instances";
	return "data/instances";
}
