/*
 * catalog.c - the instance and service price catalog: a plain-text file
 * format (rightsize-catalog(5)) read into entries with exact prices.
 *
 * Layer: engine. One entry a line, 15 comma-separated fields; `@key value`
 * directives set the provider, region, source and read date of the rows
 * that follow; `#` starts a comment line. A later row for the same
 * provider, region, service and type replaces the earlier one, so a user
 * file loaded after ours (files of a folder are read in name order) can
 * override a price with a negotiated rate.
 */
#include "config.h"

#include "catalog.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "utc.h"

#define CAT_FIELDS 15

struct catalog {
	struct catalog_entry *items;
	size_t n, cap;
};

/* Directive state while reading one file. */
struct cat_ctx {
	const char *path;
	long line;
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
		entry_fini(&c->items[i]);
	free(c->items);
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
	return i < c->n ? &c->items[i] : NULL;
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
	size_t i;

	for (i = 0; i < c->n; i++) {
		const struct catalog_entry *e = &c->items[i];

		if (strcmp(e->type, type) != 0)
			continue;
		if (region != NULL && strcmp(e->region, region) != 0)
			continue;
		if (service != NULL && strcmp(e->service, service) != 0)
			continue;
		return e;
	}
	return NULL;
}

const char *
catalog_price_name(enum catalog_price p)
{
	static const char *const names[CAT_PRICE_N] = {
		"on_demand", "spot", "sp_1y", "sp_3y", "ri_1y", "ri_3y",
	};

	return (unsigned)p < CAT_PRICE_N ? names[p] : "?";
}

/* Parse a non-negative finite decimal from the whole of s. */
static int
parse_num(const char *s, double *out)
{
	char *end;
	double v;

	if (*s == '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || errno != 0 || !isfinite(v) || v < 0)
		return -1;
	*out = v;
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

static void
cat_put(struct catalog *c, struct catalog_entry *e)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		struct catalog_entry *o = &c->items[i];

		if (strcmp(o->type, e->type) == 0 && strcmp(o->region, e->region) == 0 &&
		    strcmp(o->provider, e->provider) == 0 &&
		    strcmp(o->service, e->service) == 0) {
			entry_fini(o);
			*o = *e;
			return;
		}
	}
	xgrow((void **)&c->items, &c->cap, c->n + 1, sizeof(*c->items));
	c->items[c->n++] = *e;
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
	if (parse_num(f[4], &e.vcpu) < 0)
		return diag_set(d, x->path, x->line, col[4],
				"vcpu \"%s\" is not a number >= 0", f[4]);
	if (parse_num(f[5], &e.memory_gib) < 0)
		return diag_set(d, x->path, x->line, col[5],
				"memory_gib \"%s\" is not a number >= 0", f[5]);
	if (f[6][0] == '\0')
		return diag_set(d, x->path, x->line, col[6], "network is empty (use -)");
	if (parse_num(f[7], &e.perf) < 0 || e.perf <= 0)
		return diag_set(d, x->path, x->line, col[7],
				"perf \"%s\" is not a number > 0", f[7]);
	for (i = 8; i < CAT_FIELDS; i++) {
		enum catalog_price p = price_of[i - 8];
		money_t m, month;

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
		if (money_parse(f[i], strlen(f[i]), &m) != 0 || m < 0)
			return diag_set(d, x->path, x->line, col[i],
					"%s \"%s\" is not a price >= 0 (or -)", names[i], f[i]);
		/* prices are multiplied by a 730-hour month (recommend, catalog) */
		month = m;
		if (money_mul(&month, 730) < 0)
			return diag_set(d, x->path, x->line, col[i],
					"%s \"%s\" is too large (a 730-hour month of it overflows)",
					names[i], f[i]);
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
	cat_put(c, &e);
	return 0;
}

static int
load_file(struct catalog *c, const char *path, struct diag *d)
{
	struct cat_ctx x;
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = -1;

	memset(&x, 0, sizeof(x));
	x.path = path;
	fp = fopen(path, "r");
	if (fp == NULL)
		return diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
	while ((len = getline(&line, &cap, fp)) != -1) {
		char *p = line;

		x.line++;
		while (len > 0 && isspace((unsigned char)line[len - 1]))
			line[--len] = '\0';
		if (memchr(line, '\0', (size_t)len) != NULL) {
			diag_set(d, path, x.line, 1, "NUL byte: not a text file");
			goto out;
		}
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
	if (ferror(fp)) {
		diag_set(d, path, x.line, 0, "read error: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(line);
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
