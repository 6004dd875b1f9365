/*
 * billing.c - the billing reader: open, detect the format from the header,
 * stream rows into the rollup, keep the file's account. Also reads
 * rollup CSV files back (rightsize-rollup(5)).
 * Layer: engine, readers.
 */
#include "config.h"

#include "ingest/billing.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "ingest/billing_int.h"
#include "ingest/csvread.h"
#include "base/utc.h"

void
billing_opts_init(struct billing_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->azure_amortized = -1;
}

/* ---- header and field helpers ---------------------------------------- */

int
bhdr_find(const struct csv_record *hdr, const char *const *names)
{
	size_t i;
	int k;

	for (k = 0; names[k] != NULL; k++) {
		for (i = 0; i < hdr->n; i++) {
			const char *s = hdr->f[i];
			size_t n = hdr->len[i];

			strn_trim(&s, &n);
			if (strn_ieq(s, n, names[k]))
				return (int)i;
		}
	}
	return -1;
}

void
bhdr_bind(struct bctx *c, const char *const *const *names, int n)
{
	int i;

	for (i = 0; i < n && i < BCOL_MAX; i++)
		c->col[i] = names[i] ? bhdr_find(c->hdr, names[i]) : -1;
}

int
bhdr_require(struct bctx *c, int id, const char *what, struct diag *d)
{
	if (c->col[id] >= 0)
		return 0;
	return diag_set(d, c->path, 1, 0, "%s header has no %s column", c->a->format, what);
}

static int
is_null(const char *s, size_t n)
{
	return n == 0 || strn_ieq(s, n, "null");
}

int
bfield(const struct bctx *c, int id, const char **s, size_t *n)
{
	int k = c->col[id];

	if (k < 0 || (size_t)k >= c->rec->n)
		return 0;
	*s = c->rec->f[k];
	*n = c->rec->len[k];
	strn_trim(s, n);
	return !is_null(*s, *n);
}

const char *
bfield_str(struct bctx *c, int id, int slot)
{
	const char *s;
	size_t n;

	(void)slot;
	if (!bfield(c, id, &s, &n))
		return "";
	/* Fields are NUL-terminated copies in the reader's arena, which this
	 * row owns: trimming may end the string early in place. */
	if (s[n] != '\0')
		((char *)s)[n] = '\0';
	return s;
}

int
bfield_error(struct bctx *c, int id, struct diag *d, const char *fmt, ...)
{
	va_list ap;
	char msg[400];
	int k = c->col[id];
	long col = k >= 0 ? csvr_field_col(c->csv, (size_t)k) : 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return diag_set(d, c->path, c->rec->line, col, "%s", msg);
}

static const char *
col_name(const struct bctx *c, int id)
{
	int k = c->col[id];

	return k >= 0 && (size_t)k < c->hdr->n ? c->hdr->f[k] : "?";
}

static void
snip(char *buf, size_t bn, const char *s, size_t n)
{
	if (n > 40)
		snprintf(buf, bn, "%.37s...", s);
	else
		snprintf(buf, bn, "%.*s", (int)n, s);
}

int
bfield_money(struct bctx *c, int id, money_t *out, struct diag *d)
{
	const char *s;
	size_t n;
	int rc;
	char b[48];

	*out = 0;
	if (!bfield(c, id, &s, &n))
		return 0;
	rc = money_parse(s, n, out);
	if (rc == 0)
		return 0;
	snip(b, sizeof(b), s, n);
	if (rc == -2)
		return bfield_error(c, id, d, "%s \"%s\" is too large", col_name(c, id), b);
	return bfield_error(c, id, d, "%s \"%s\" is not a number", col_name(c, id), b);
}

int
bfield_usage(struct bctx *c, int id, int64_t *micro, struct diag *d)
{
	const char *s;
	size_t n;
	char b[64], *end;
	double v;

	*micro = 0;
	if (!bfield(c, id, &s, &n))
		return 0;
	if (n >= sizeof(b))
		goto bad;
	memcpy(b, s, n);
	b[n] = '\0';
	v = strtod(b, &end);
	if (end == b || *end != '\0' || !isfinite(v))
		goto bad;
	if (fabs(v) >= 9.2e12)
		return bfield_error(c, id, d, "%s \"%s\" is too large", col_name(c, id), b);
	*micro = llround(v * 1e6);
	return 0;
bad:
	snip(b, sizeof(b), s, n);
	return bfield_error(c, id, d, "%s \"%s\" is not a number", col_name(c, id), b);
}

/* The error for a time stamp utc_parse_order() refused with rc. */
static int
time_error(struct bctx *c, int id, int rc, const char *s, size_t n, struct diag *d)
{
	char b[48];

	snip(b, sizeof(b), s, n);
	if (rc == -2)
		return bfield_error(c, id, d, "%s \"%s\" is outside the years 1900 to 9999 (UTC)",
				    col_name(c, id), b);
	return bfield_error(c, id, d, "%s \"%s\" is not a date", col_name(c, id), b);
}

static const char *
order_name(enum utc_order o)
{
	return o == UTC_ORDER_DMY ? "day first (D/M/YYYY)" : "month first (M/D/YYYY)";
}

/* Merge the pending rows read in order o into r (none when r is NULL)
 * and drop both readings. -1 on overflow. */
static int
dates_merge(struct bdates *z, struct rollup *r, enum utc_order o)
{
	int rc = 0;

	if (r != NULL && z->pend[0] != NULL)
		rc = rollup_merge(r, z->pend[o == UTC_ORDER_DMY]);
	rollup_free(z->pend[0]);
	rollup_free(z->pend[1]);
	z->pend[0] = z->pend[1] = NULL;
	return rc;
}

/* Row y (line numbers + yoff) can only be read in y->order, but z
 * (+ zoff) told the other: an error at y naming both. */
static int
dates_mixed(const struct bdate_row *z, long zoff, const struct bdate_row *y, long yoff,
	    const char *path, struct diag *d)
{
	if (z->line == 0)
		return diag_set(d, path, y->line + yoff, y->col,
				"%s \"%s\" can only be read %s, not %s as the date order given",
				y->name, y->text, order_name(y->order), order_name(z->order));
	return diag_set(d, path, y->line + yoff, y->col,
			"%s \"%s\" can only be read %s, but \"%s\" on line %ld only %s:"
			" the file mixes both orders", y->name, y->text, order_name(y->order),
			z->text, z->line + zoff, order_name(z->order));
}

/* The current row's slash date s[0..n) can only be read in order o. */
static int
dates_told(struct bctx *c, int id, enum utc_order o, const char *s, size_t n, struct diag *d)
{
	struct bdates *z = &c->dates;
	struct bdate_row y;

	if (z->told.order == o)
		return 0;
	memset(&y, 0, sizeof(y));
	y.order = o;
	y.line = c->rec->line;
	y.col = csvr_field_col(c->csv, (size_t)c->col[id]);
	y.name = col_name(c, id);
	snip(y.text, sizeof(y.text), s, n);
	if (z->told.order != UTC_ORDER_AUTO) {
		z->mixed = y;
		return dates_mixed(&z->told, 0, &y, 0, c->path, d);
	}
	z->told = y;
	if (dates_merge(z, c->r, o) < 0)
		return diag_set(d, c->path, c->rec->line, 0, "cost sum overflows");
	return 0;
}

/*
 * Chunk y of a file read on threads, after line0 lines of the file,
 * against what the chunks before it told (file, lines in the whole file):
 * the file takes y's order if it has none yet. Returns 0, or -1 with d
 * when they differ, or when y mixes both orders itself.
 */
static int
dates_agree(struct bdate_row *file, const struct bdates *y, long line0, const char *path,
	    struct diag *d)
{
	if (y->mixed.line > 0)
		return dates_mixed(&y->told, line0, &y->mixed, line0, path, d);
	if (y->told.order == UTC_ORDER_AUTO || y->told.line == 0)
		return 0; /* told nothing, or the option (all chunks agree) */
	if (file->order == UTC_ORDER_AUTO) {
		*file = y->told;
		file->line += line0;
		return 0;
	}
	return file->order == y->told.order ? 0 : dates_mixed(file, 0, &y->told, line0, path, d);
}

int
bfield_time(struct bctx *c, int id, int64_t *out, struct diag *d)
{
	struct bdates *z = &c->dates;
	const char *s;
	size_t n;
	int64_t t[2];
	int rc, rm, rd;

	z->amb = 0;
	if (!bfield(c, id, &s, &n))
		return bfield_error(c, id, d, "%s is missing", col_name(c, id));
	if (!utc_is_slash_date(s, n)) {
		rc = utc_parse(s, n, out);
		return rc == 0 ? 0 : time_error(c, id, rc, s, n, d);
	}
	rm = utc_parse_order(s, n, UTC_ORDER_MDY, &t[0]);
	rd = utc_parse_order(s, n, UTC_ORDER_DMY, &t[1]);
	if (rm == -2 || rd == -2 || (rm != 0 && rd != 0))
		return time_error(c, id, rm == -2 || rd == -2 ? -2 : -1, s, n, d);
	if (rm != 0 || rd != 0) {
		/* valid in one order only: it tells the file's */
		*out = rm == 0 ? t[0] : t[1];
		return dates_told(c, id, rm == 0 ? UTC_ORDER_MDY : UTC_ORDER_DMY, s, n, d);
	}
	if (z->told.order != UTC_ORDER_AUTO || t[0] == t[1]) {
		*out = t[z->told.order == UTC_ORDER_DMY];
		return 0;
	}
	*out = t[0];
	z->amb = 1;
	z->delta = t[1] - t[0];
	if (z->pend_line == 0) {
		z->pend_line = c->rec->line;
		snip(z->pend_text, sizeof(z->pend_text), s, n);
	}
	return 0;
}

int
bcontains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	if (k > n)
		return 0;
	for (i = 0; i + k <= n; i++) {
		if (strncasecmp(s + i, needle, k) == 0)
			return 1;
	}
	return 0;
}

/* ---- tags ----------------------------------------------------------------- */

struct kv {
	const char *k;
	const char *v;
};

static int
kv_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->k, ((const struct kv *)b)->k);
}

/* Append s as a JSON string to *buf. */
static void
json_append_str(char **buf, size_t *len, size_t *cap, const char *s)
{
	xgrow((void **)buf, cap, *len + strlen(s) * 6 + 3, 1);
	(*buf)[(*len)++] = '"';
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\') {
			(*buf)[(*len)++] = '\\';
			(*buf)[(*len)++] = (char)ch;
		} else if (ch < 0x20) {
			*len += (size_t)sprintf(*buf + *len, "\\u%04x", ch);
		} else {
			(*buf)[(*len)++] = (char)ch;
		}
	}
	(*buf)[(*len)++] = '"';
	(*buf)[*len] = '\0';
}

/* Canonical compact JSON of pairs (keys sorted, pairs with an empty key
 * or value dropped, first of duplicate keys kept); "" when none. The
 * caller owns the result. */
static char *
canon_pairs(struct kv *kv, size_t n)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, i, out = 0;

	qsort(kv, n, sizeof(*kv), kv_cmp);
	xgrow((void **)&buf, &cap, 2, 1);
	buf[len++] = '{';
	for (i = 0; i < n; i++) {
		if (kv[i].k[0] == '\0' || kv[i].v[0] == '\0')
			continue;
		if (i > 0 && strcmp(kv[i].k, kv[i - 1].k) == 0)
			continue; /* duplicate key: first wins */
		if (out++)
			buf[len++] = ',';
		json_append_str(&buf, &len, &cap, kv[i].k);
		xgrow((void **)&buf, &cap, len + 2, 1);
		buf[len++] = ':';
		json_append_str(&buf, &len, &cap, kv[i].v);
	}
	xgrow((void **)&buf, &cap, len + 2, 1);
	buf[len++] = '}';
	buf[len] = '\0';
	if (out == 0) {
		free(buf);
		return xstrdup("");
	}
	return buf;
}

/*
 * The tags cache: raw tag text (or a row's tag-column signature) ->
 * canonical form. Rows of one resource repeat their tags, so parsing and
 * sorting happen once per distinct value. Bounded: when full it starts
 * over, so hostile input cannot grow it without limit. The table starts
 * small and doubles (kept at most half full): most files hold a handful
 * of distinct tag sets, and a small file should not pay for the largest
 * table.
 */
#define TAGCACHE_MAX 8192
#define TAGCACHE_MIN 64

static void
tagcache_clear(struct bctx *c)
{
	size_t i;

	for (i = 0; i < c->tc_cap; i++) {
		free(c->tc[i].raw);
		free(c->tc[i].canon);
	}
	free(c->tc);
	c->tc = NULL;
	c->tc_cap = 0;
	c->tc_n = 0;
}

/* The free slot for raw in a table of cap (a power of two) entries. */
static size_t
tagcache_slot(const struct tagcache_entry *tc, size_t cap, const char *raw, size_t n)
{
	size_t h = (size_t)hash_fast(raw, n) & (cap - 1);

	while (tc[h].raw != NULL)
		h = (h + 1) & (cap - 1);
	return h;
}

static void
tagcache_grow(struct bctx *c)
{
	size_t cap = c->tc_cap ? 2 * c->tc_cap : TAGCACHE_MIN, i;
	struct tagcache_entry *tc = xcalloc(cap, sizeof(*tc));

	for (i = 0; i < c->tc_cap; i++) {
		if (c->tc[i].raw != NULL)
			tc[tagcache_slot(tc, cap, c->tc[i].raw, c->tc[i].rawlen)] = c->tc[i];
	}
	free(c->tc);
	c->tc = tc;
	c->tc_cap = cap;
}

const char *
btags_lookup(struct bctx *c, const char *raw, size_t n)
{
	size_t h;

	if (c->tc_cap == 0)
		return NULL;
	h = (size_t)hash_fast(raw, n) & (c->tc_cap - 1);
	while (c->tc[h].raw != NULL) {
		if (c->tc[h].rawlen == n && memcmp(c->tc[h].raw, raw, n) == 0)
			return c->tc[h].canon;
		h = (h + 1) & (c->tc_cap - 1);
	}
	return NULL;
}

const char *
btags_store(struct bctx *c, const char *raw, size_t n, char *canon)
{
	size_t h;

	if (c->tc_n + 1 > TAGCACHE_MAX)
		tagcache_clear(c);
	if (2 * (c->tc_n + 1) > c->tc_cap)
		tagcache_grow(c);
	h = tagcache_slot(c->tc, c->tc_cap, raw, n);
	c->tc[h].raw = xstrndup(raw, n);
	c->tc[h].rawlen = n;
	c->tc[h].canon = canon;
	c->tc_n++;
	return canon;
}

char *
btags_pairs(const char *const *keys, const char *const *vals, size_t n)
{
	struct kv *kv = xcalloc(n ? n : 1, sizeof(*kv));
	char *res;
	size_t i;

	for (i = 0; i < n; i++) {
		kv[i].k = keys[i];
		kv[i].v = vals[i];
	}
	res = canon_pairs(kv, n);
	free(kv);
	return res;
}

/* Parse tags text into a cJSON tree; brace-less Azure objects are
 * wrapped. NULL when not JSON. */
static cJSON *
parse_tags(const char *s, size_t n)
{
	cJSON *j;
	char *w;

	if (n > 0 && (s[0] == '{' || s[0] == '['))
		return cJSON_ParseWithLength(s, n);
	w = xmalloc(n + 3);
	w[0] = '{';
	memcpy(w + 1, s, n);
	w[n + 1] = '}';
	w[n + 2] = '\0';
	j = cJSON_ParseWithLength(w, n + 2);
	free(w);
	return j;
}

static const char *
json_scalar(cJSON *v, char *buf, size_t n)
{
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v)) {
		snprintf(buf, n, "%.17g", v->valuedouble);
		return buf;
	}
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "true" : "false";
	return "";
}

const char *
btags_json(struct bctx *c, int id, struct diag *d)
{
	const char *s;
	size_t n, cnt = 0, i = 0;
	cJSON *j, *it;
	struct kv *kv;
	char (*nb)[32];
	const char *res;

	if (!bfield(c, id, &s, &n) || (n == 2 && (memcmp(s, "{}", 2) == 0 ||
						  memcmp(s, "[]", 2) == 0)))
		return "";
	res = btags_lookup(c, s, n);
	if (res != NULL)
		return res;
	j = parse_tags(s, n);
	if (j == NULL || (!cJSON_IsObject(j) && !cJSON_IsArray(j))) {
		cJSON_Delete(j);
		bfield_error(c, id, d, "%s is not a JSON object", col_name(c, id));
		return NULL;
	}
	cJSON_ArrayForEach(it, j)
		cnt++;
	kv = xcalloc(cnt ? cnt : 1, sizeof(*kv));
	nb = xcalloc(cnt ? cnt : 1, sizeof(*nb));
	cJSON_ArrayForEach(it, j) {
		if (cJSON_IsArray(j)) {
			/* GCP labels: [{"key": k, "value": v}] */
			cJSON *k = cJSON_GetObjectItemCaseSensitive(it, "key");
			cJSON *v = cJSON_GetObjectItemCaseSensitive(it, "value");

			kv[i].k = cJSON_IsString(k) ? k->valuestring : "";
			kv[i].v = v ? json_scalar(v, nb[i], sizeof(nb[i])) : "";
		} else {
			kv[i].k = it->string ? it->string : "";
			kv[i].v = json_scalar(it, nb[i], sizeof(nb[i]));
		}
		i++;
	}
	res = btags_store(c, s, n, canon_pairs(kv, cnt));
	free(kv);
	free(nb);
	cJSON_Delete(j);
	return res;
}

const char *
bjson_get(struct bctx *c, int id, const char *key, char *buf, size_t n)
{
	const char *s;
	size_t len;
	cJSON *j, *it;
	char nb[32];

	buf[0] = '\0';
	if (!bfield(c, id, &s, &len))
		return buf;
	j = parse_tags(s, len);
	if (j == NULL)
		return buf;
	if (cJSON_IsObject(j)) {
		it = cJSON_GetObjectItem(j, key);
		if (it != NULL)
			snprintf(buf, n, "%s", json_scalar(it, nb, sizeof(nb)));
	} else if (cJSON_IsArray(j)) {
		cJSON_ArrayForEach(it, j) {
			cJSON *k = cJSON_GetObjectItemCaseSensitive(it, "key");
			cJSON *v = cJSON_GetObjectItemCaseSensitive(it, "value");

			if (cJSON_IsString(k) && strcmp(k->valuestring, key) == 0 && v) {
				snprintf(buf, n, "%s", json_scalar(v, nb, sizeof(nb)));
				break;
			}
		}
	}
	cJSON_Delete(j);
	return buf;
}

/* Add cell to r at the hour of time t. */
static int
add_at(struct rollup *r, struct rollup_cell *cell, int64_t t)
{
	cell->hour = utc_floor_hour(t);
	return rollup_add(r, cell);
}

int
bctx_emit(struct bctx *c, struct rollup_cell *cell, struct diag *d)
{
	struct bdates *z = &c->dates;
	int rc;

	cell->rows = 1;
	if (z->amb) {
		/* the row's hour depends on the file's date order, not known yet */
		int64_t t = cell->hour;

		if (z->pend[0] == NULL) {
			z->pend[0] = rollup_new();
			z->pend[1] = rollup_new();
		}
		rc = add_at(z->pend[0], cell, t) < 0 || add_at(z->pend[1], cell, t + z->delta) < 0;
	} else {
		rc = add_at(c->r, cell, cell->hour) < 0;
	}
	if (rc || money_add(&c->a->billed, cell->billed) < 0 ||
	    money_add(&c->a->effective, cell->effective) < 0) {
		if (c->amount_id >= 0)
			return bfield_error(c, c->amount_id, d, "cost sum overflows");
		return diag_set(d, c->path, c->rec->line, 0, "cost sum overflows");
	}
	return 0;
}

/*
 * The end of a file (or of a chunk, line0 lines into it) that told no
 * date order: rows still pending are read month first, Azure's default
 * (US M/D/YYYY for EA exports), with a warning. Returns -1 on overflow.
 */
static int
dates_finish(struct bdates *z, struct rollup *r, struct account *a, const char *path,
	     long line0)
{
	if (z->pend[0] == NULL)
		return 0;
	if (a->warning[0] == '\0')
		snprintf(a->warning, sizeof(a->warning),
		 "%s: dates such as \"%s\" (line %ld) are read month first (M/D/YYYY, Azure's"
		 " default): no day above 12 tells the order; --date-order mdy or dmy"
		 " settles it", path, z->pend_text, z->pend_line + line0);
	return dates_merge(z, r, UTC_ORDER_MDY);
}

/* ---- rollup CSV ----------------------------------------------------------- */

enum { RC_HOUR, RC_USAGE = DIM_N + 1, RC_BILLED, RC_EFFECTIVE, RC_ROWS, RC_N };

static int
rollup_row(struct bctx *c, struct diag *d)
{
	struct rollup_cell cell;
	const char *s = "";
	size_t n = 0;
	int k, v;
	char *end;
	long long rows = -1;

	memset(&cell, 0, sizeof(cell));
	if (c->rec->n != RC_N)
		return diag_set(d, c->path, c->rec->line, 1,
				"rollup row has %zu fields, expected %d", c->rec->n, RC_N);
	for (k = 0; k < RC_N; k++)
		c->col[k] = k;
	if (bfield_time(c, RC_HOUR, &cell.hour, d) < 0)
		return -1;
	for (k = 0; k < DIM_N; k++)
		cell.dim[k] = csv_unguard(bfield_str(c, k + 1, 0));
	v = rollup_pm_parse(cell.dim[DIM_PRICING_MODEL], strlen(cell.dim[DIM_PRICING_MODEL]));
	if (v < 0)
		return bfield_error(c, DIM_PRICING_MODEL + 1, d, "unknown pricing_model \"%s\"",
				    cell.dim[DIM_PRICING_MODEL]);
	cell.pm = (enum pricing_model)v;
	v = rollup_ck_parse(cell.dim[DIM_CHARGE_KIND], strlen(cell.dim[DIM_CHARGE_KIND]));
	if (v < 0)
		return bfield_error(c, DIM_CHARGE_KIND + 1, d, "unknown charge_kind \"%s\"",
				    cell.dim[DIM_CHARGE_KIND]);
	cell.ck = (enum charge_kind)v;
	if (bfield_usage(c, RC_USAGE, &cell.usage, d) < 0 ||
	    bfield_money(c, RC_BILLED, &cell.billed, d) < 0 ||
	    bfield_money(c, RC_EFFECTIVE, &cell.effective, d) < 0)
		return -1;
	if (bfield(c, RC_ROWS, &s, &n)) {
		errno = 0;
		rows = strtoll(s, &end, 10);
		if (errno != 0 || end != s + n)
			rows = -1;
	}
	if (rows < 0)
		return bfield_error(c, RC_ROWS, d, "rows \"%.*s\" is not a count", (int)n, s);
	cell.rows = rows;
	if (rollup_add(c->r, &cell) < 0 || money_add(&c->a->billed, cell.billed) < 0 ||
	    money_add(&c->a->effective, cell.effective) < 0)
		return bfield_error(c, RC_BILLED, d, "cost sum overflows");
	return 0;
}

/* ---- the reader ------------------------------------------------------------ */

static const struct bformat *const formats[] = {
	&bformat_cur_legacy, &bformat_cur2, &bformat_focus, &bformat_azure, &bformat_gcp,
};

/* Is the current record the header again (parts concatenated)? */
static int
same_as_header(struct csvr *csv, const struct bctx *c)
{
	size_t n;
	const char *raw = csvr_raw(csv, &n);

	return n == c->hdr_rawlen && memcmp(raw, c->hdr_raw, n) == 0;
}

/* Tell the reader which columns the format reads (kept in c->want). */
static void
want_bound(struct bctx *c, struct csvr *csv, int all)
{
	size_t i;

	free(c->want);
	c->want = NULL;
	if (all) {
		csvr_want(csv, NULL, 0);
		return;
	}
	c->want = xcalloc(c->hdr->n ? c->hdr->n : 1, 1);
	for (i = 0; i < BCOL_MAX; i++) {
		if (c->col[i] >= 0 && (size_t)c->col[i] < c->hdr->n)
			c->want[c->col[i]] = 1;
	}
	for (i = 0; i < c->ntag_cols; i++)
		c->want[c->tag_cols[i]] = 1;
	csvr_want(csv, c->want, c->hdr->n);
}

/* Name of header column k, trimmed. */
static void
hdr_name(const struct csv_record *hdr, size_t k, const char **s, size_t *n)
{
	*s = hdr->f[k];
	*n = hdr->len[k];
	strn_trim(s, n);
}

struct hname {
	const char *s;
	size_t n;
	size_t k; /* column */
};

/* By name as bytes, then by column. */
static int
hname_cmp(const void *a, const void *b)
{
	const struct hname *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);

	if (c == 0 && x->n != y->n)
		c = x->n < y->n ? -1 : 1;
	return c != 0 ? c : x->k < y->k ? -1 : x->k > y->k;
}

/*
 * The header names each column once: a name given twice (the format would
 * read the first and drop the other silently) is an error naming both
 * places; so is a column the format reads whose name another column
 * repeats but for case (the names are matched ignoring case). Names that
 * differ in case are otherwise distinct (CUR tag keys are case-sensitive:
 * resourceTags/user:Team and resourceTags/user:team are two tags).
 * Empty names bind nothing and may repeat. A NUL byte in the header is an
 * error too.
 */
static int
check_header(struct bctx *c, struct csvr *csv, struct diag *d)
{
	const struct csv_record *h = c->hdr;
	struct hname *names;
	size_t i, n, first = 0, second = SIZE_MAX, rawlen, f;
	const char *raw = csvr_raw(csv, &rawlen), *s, *t, *nul;
	long line, col;
	int id;

	nul = memchr(raw, '\0', rawlen);
	if (nul != NULL) {
		csvr_locate(csv, (size_t)(nul - raw), &f, &line, &col);
		return diag_set(d, c->path, line, col, "NUL byte in the header");
	}
	names = xcalloc(h->n ? h->n : 1, sizeof(*names));
	for (i = 0; i < h->n; i++) {
		hdr_name(h, i, &names[i].s, &names[i].n);
		names[i].k = i;
	}
	qsort(names, h->n, sizeof(*names), hname_cmp);
	/* equal names are adjacent, in column order: report the pair whose
	 * second column comes first */
	for (i = 1; i < h->n; i++) {
		const struct hname *x = &names[i - 1], *y = &names[i];

		if (y->n > 0 && x->n == y->n && memcmp(x->s, y->s, y->n) == 0 && y->k < second) {
			first = x->k;
			second = y->k;
		}
	}
	free(names);
	if (second != SIZE_MAX) {
		hdr_name(h, second, &s, &n);
		return diag_set(d, c->path, 1, csvr_field_col(csv, second),
				"column \"%.*s\" is in the header twice (also at 1:%ld)", (int)n, s,
				csvr_field_col(csv, first));
	}
	for (id = 0; id < BCOL_MAX; id++) {
		if (c->col[id] < 0)
			continue;
		hdr_name(h, (size_t)c->col[id], &s, &n);
		for (i = 0; i < h->n; i++) {
			if (i == (size_t)c->col[id])
				continue;
			hdr_name(h, i, &t, &f);
			if (f == n && strncasecmp(t, s, n) == 0 && memcmp(t, s, n) != 0) {
				size_t a = i < (size_t)c->col[id] ? i : (size_t)c->col[id];
				size_t b = a == i ? (size_t)c->col[id] : i;

				hdr_name(h, b, &t, &f);
				hdr_name(h, a, &s, &n);
				return diag_set(d, c->path, 1, csvr_field_col(csv, b),
						"column \"%.*s\" differs only in case from \"%.*s\" at 1:%ld:"
						" which one is meant?", (int)f, t, (int)n, s,
						csvr_field_col(csv, a));
			}
		}
	}
	return 0;
}

/* Deep copy of a record (the header must outlive the reader's buffer). */
static void
record_copy(struct csv_record *dst, const struct csv_record *src)
{
	char **f = xcalloc(src->n, sizeof(char *));
	size_t *len = xcalloc(src->n, sizeof(size_t));
	size_t i;

	for (i = 0; i < src->n; i++) {
		f[i] = xstrndup(src->f[i], src->len[i]);
		len[i] = src->len[i];
	}
	*dst = *src;
	dst->f = (const char **)f;
	dst->len = len;
}

static void
record_free(struct csv_record *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free((char *)r->f[i]);
	free((void *)r->f);
	free((void *)r->len);
}

/* A NUL byte in a field the format reads would end a name early (the
 * rollup keeps C strings): an error at that field. */
static int
check_nul(const struct bctx *c, struct csvr *csv, const struct csv_record *rec,
	  struct diag *d)
{
	size_t n, k;
	const char *raw = csvr_raw(csv, &n);

	if (memchr(raw, '\0', n) == NULL)
		return 0;
	for (k = 0; k < rec->n && k < c->hdr->n; k++) {
		if ((c->want == NULL || c->want[k]) && memchr(rec->f[k], '\0', rec->len[k]) != NULL)
			return diag_set(d, c->path, rec->line, csvr_field_col(csv, k),
					"%s holds a NUL byte", c->hdr->f[k]);
	}
	return 0;
}

/* Read data rows from csv until its end (or its range's end) into c. */
static int
read_rows(struct bctx *c, struct csvr *csv, const struct bformat *fmt,
	  const struct billing_opts *o, int report_progress, struct diag *d)
{
	struct csv_record rec;
	unsigned long long tick = 0;
	int rc;

	while ((rc = csvr_next(csv, &rec, d)) > 0) {
		c->a->rows_read++;
		if (rec.blank) {
			account_skip(c->a, "blank line");
			continue;
		}
		if (same_as_header(csv, c)) {
			account_skip(c->a, "repeated header");
			continue;
		}
		if (rec.n > c->hdr->n)
			return diag_set(d, c->path, rec.line, csvr_field_col(csv, c->hdr->n),
					"row has %zu fields, the header has %zu", rec.n, c->hdr->n);
		if (rec.n < c->hdr->n) {
			long line, col;

			if (o->skip_short_rows) {
				account_skip(c->a, "short row");
				continue;
			}
			csvr_locate(csv, SIZE_MAX, &(size_t){ 0 }, &line, &col);
			return diag_set(d, c->path, line, col,
					"row has %zu field%s, the header has %zu (is the file cut short?)",
					rec.n, rec.n == 1 ? "" : "s", c->hdr->n);
		}
		if (check_nul(c, csv, &rec, d) < 0)
			return -1;
		c->rec = &rec;
		c->dates.amb = 0;
		if ((fmt == NULL ? rollup_row(c, d) : fmt->row(c, d)) < 0)
			return -1;
		c->a->rows_used++;
		if (report_progress && o->progress != NULL && (++tick & 0xFFF) == 0)
			o->progress(o->progress_ctx, csvr_consumed(csv), csvr_size(csv));
	}
	return rc;
}

static void
bctx_init(struct bctx *c, const char *path, struct csvr *csv,
	  const struct csv_record *hdr, struct rollup *r, struct account *a,
	  const struct billing_opts *o)
{
	int i;

	memset(c, 0, sizeof(*c));
	c->path = path;
	c->csv = csv;
	c->hdr = hdr;
	c->r = r;
	c->a = a;
	c->opts = o;
	c->ncolumns = (int)hdr->n;
	c->amortized = strstr(a->format, "amortized") != NULL;
	c->dates.told.order = o->date_order;
	for (i = 0; i < BCOL_MAX; i++)
		c->col[i] = -1;
	c->amount_id = -1;
}

static void
bctx_fini(struct bctx *c)
{
	tagcache_clear(c);
	free(c->tag_cols);
	free(c->want);
	rollup_free(c->dates.pend[0]);
	rollup_free(c->dates.pend[1]);
}

/*
 * Parallel reading of one plain file. The data after the header is cut
 * into nthreads chunks at newlines; each thread reads its chunk into its
 * own rollup and account, and the results are merged in chunk order
 * (sums are exact, so the merge order cannot change them). A cut is a
 * guess when it falls inside a quoted field holding a newline: the guess
 * is checked afterwards (the chunk before must end exactly where the next
 * begins) and the caller falls back to one thread when it was wrong.
 */
struct chunk {
	const char *path;
	const struct bformat *fmt;
	const struct csv_record *hdr;
	const char *hdr_raw;
	size_t hdr_rawlen;
	const struct billing_opts *o;
	const char *format;
	unsigned long long begin, stop, end;
	struct rollup *r;
	struct account a;
	struct diag d;
	struct bdates dates; /* the chunk's slash-date order and pending rows */
	long lines;
	long line0;          /* lines of the file before the chunk */
	int rc;
	int first;
};

static void *
chunk_run(void *arg)
{
	struct chunk *ch = arg;
	struct csvr *csv = NULL;
	struct bctx c;

	account_init(&ch->a, ch->path, ch->format);
	diag_clear(&ch->d);
	ch->rc = -1;
	if (csvr_open_range(ch->path, ch->begin, ch->stop, &csv, &ch->d) < 0)
		return NULL;
	bctx_init(&c, ch->path, csv, ch->hdr, ch->r, &ch->a, ch->o);
	c.hdr_raw = ch->hdr_raw;
	c.hdr_rawlen = ch->hdr_rawlen;
	if (ch->fmt == NULL || ch->fmt->bind(&c, &ch->d) == 0) {
		want_bound(&c, csv, ch->fmt == NULL);
		ch->rc = read_rows(&c, csv, ch->fmt, ch->o, ch->first, &ch->d);
	}
	ch->end = csvr_offset(csv);
	ch->lines = csvr_lines(csv);
	ch->dates = c.dates; /* taken over */
	c.dates.pend[0] = c.dates.pend[1] = NULL;
	bctx_fini(&c);
	csvr_close(csv);
	return NULL;
}

/* Offset just after the first newline at or after `at`, or size. */
static unsigned long long
next_line_start(const char *path, unsigned long long at, unsigned long long size)
{
	char buf[65536];
	FILE *f = fopen(path, "rb");
	unsigned long long pos = at;

	if (f == NULL || fseeko(f, (off_t)at, SEEK_SET) != 0) {
		if (f)
			fclose(f);
		return size;
	}
	for (;;) {
		size_t n = fread(buf, 1, sizeof(buf), f);
		const char *nl;

		if (n == 0)
			break;
		nl = memchr(buf, '\n', n);
		if (nl != NULL) {
			fclose(f);
			return pos + (unsigned long long)(nl - buf) + 1;
		}
		pos += n;
	}
	fclose(f);
	return size;
}

/* Returns 0 done, -1 error (d filled), 1 when the cut guess was wrong or
 * a sum overflows in the merge: the caller must read sequentially. */
static int
load_parallel(struct rollup *r, const char *path, const struct bformat *fmt,
	      const struct csv_record *hdr, const char *hdr_raw, size_t hdr_rawlen,
	      const struct billing_opts *o,
	      struct account *a, unsigned long long data_start, long hdr_lines,
	      unsigned long long size, int nthreads, struct diag *d)
{
	struct chunk *ch = xcalloc((size_t)nthreads, sizeof(*ch));
	pthread_t *tid = xcalloc((size_t)nthreads, sizeof(*tid));
	unsigned long long span = size - data_start;
	int i, ret = 0, started = 0;
	long line0 = hdr_lines;
	struct bdate_row dates = { .order = UTC_ORDER_AUTO };

	for (i = 0; i < nthreads; i++) {
		ch[i].path = path;
		ch[i].fmt = fmt;
		ch[i].hdr = hdr;
		ch[i].hdr_raw = hdr_raw;
		ch[i].hdr_rawlen = hdr_rawlen;
		ch[i].o = o;
		ch[i].format = a->format;
		ch[i].first = i == 0;
		ch[i].begin = i == 0 ? data_start
				     : next_line_start(path, data_start + span * (unsigned)i /
								    (unsigned)nthreads - 1, size);
		ch[i].r = i == 0 ? r : rollup_new();
	}
	for (i = 0; i < nthreads; i++)
		ch[i].stop = i + 1 < nthreads ? ch[i + 1].begin : size;
	for (i = 0; i < nthreads; i++) {
		if (ch[i].begin >= ch[i].stop) {
			ch[i].rc = 0; /* empty chunk */
			ch[i].end = ch[i].begin;
			account_init(&ch[i].a, path, a->format);
			continue;
		}
		if (pthread_create(&tid[i], NULL, chunk_run, &ch[i]) != 0)
			die("cannot start a thread");
		started |= 1 << i;
	}
	for (i = 0; i < nthreads; i++) {
		if (started & (1 << i))
			pthread_join(tid[i], NULL);
	}
	/* the first failing chunk's error, at its line in the whole file; the
	 * slash-date order the first chunk to tell one tells, for them all */
	for (i = 0; i < nthreads && ret == 0; i++) {
		ch[i].line0 = line0;
		ret = dates_agree(&dates, &ch[i].dates, line0, path, d);
		if (ret < 0)
			break;
		if (ch[i].rc < 0) {
			*d = ch[i].d;
			if (d->line > 0)
				d->line += line0;
			ret = -1;
			break;
		}
		if (i + 1 < nthreads && ch[i].end != ch[i + 1].begin) {
			ret = 1; /* a cut fell inside a quoted field */
			break;
		}
		line0 += ch[i].lines;
	}
	/* A sum that overflows when the chunks are merged overflows on one
	 * thread too, at a row: returning 1 has the caller read the file
	 * again on one thread, which names that row. */
	for (i = 0; i < nthreads; i++) {
		if (ret == 0 &&
		    ((dates.order != UTC_ORDER_AUTO &&
		      dates_merge(&ch[i].dates, ch[i].r, dates.order) < 0) ||
		     dates_finish(&ch[i].dates, ch[i].r, a, path, ch[i].line0) < 0 ||
		     (i > 0 && rollup_merge(r, ch[i].r) < 0) || account_merge(a, &ch[i].a) < 0))
			ret = 1;
		dates_merge(&ch[i].dates, NULL, UTC_ORDER_AUTO);
		if (i > 0)
			rollup_free(ch[i].r);
	}
	free(ch);
	free(tid);
	return ret;
}

/* Threads to use: the option, or the online CPUs (at most 8). */
static int
thread_count(const struct billing_opts *o)
{
	long n;

	if (o->threads > 0)
		return o->threads > 64 ? 64 : o->threads;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* Below this, one thread reads faster than starting several. */
#define PARALLEL_MIN_BYTES (16ull << 20)

int
billing_load_opts(struct rollup *r, const char *path, const struct billing_opts *o,
		  struct account *a, struct diag *d)
{
	struct csvr *csv = NULL;
	struct csv_record rec, hdr;
	struct bctx c;
	const struct bformat *fmt = NULL;
	const char *variant = NULL;
	int rc, ret = -1, have_hdr = 0, nthreads;
	size_t i, raw_len;
	const char *raw;
	struct billing_opts defaults;
	struct rollup *scratch = NULL;
	char *hdr_raw = NULL;

	if (o == NULL) {
		billing_opts_init(&defaults);
		o = &defaults;
	}
	memset(&c, 0, sizeof(c));
	account_init(a, path, "");
	if (csvr_open(path, &csv, d) < 0)
		return -1;
	rc = csvr_next(csv, &rec, d);
	if (rc < 0)
		goto out;
	if (rc == 0) {
		diag_set(d, path, 1, 1, "empty file");
		goto out;
	}
	raw = csvr_raw(csv, &raw_len);
	if (rollup_is_header(raw, raw_len)) {
		snprintf(a->format, sizeof(a->format), "rollup");
	} else {
		for (i = 0; i < ARRAY_SIZE(formats); i++) {
			variant = NULL;
			if (formats[i]->detect(&rec, path, o, &variant)) {
				fmt = formats[i];
				break;
			}
		}
		if (fmt == NULL) {
			diag_set(d, path, 1, 1,
				 "unrecognised billing header (not AWS CUR, FOCUS, Azure, GCP or a rollup)");
			goto out;
		}
		snprintf(a->format, sizeof(a->format), "%s", variant ? variant : fmt->name);
	}
	record_copy(&hdr, &rec);
	hdr_raw = xstrndup(raw, raw_len);
	have_hdr = 1;
	bctx_init(&c, path, csv, &hdr, r, a, o);
	c.hdr_raw = hdr_raw;
	c.hdr_rawlen = raw_len;
	if ((fmt != NULL && fmt->bind(&c, d) < 0) || check_header(&c, csv, d) < 0)
		goto out;
	want_bound(&c, csv, fmt == NULL);

	nthreads = thread_count(o);
	if (nthreads > 1 && !csvr_is_gzip(csv) && !csvr_cr_only(csv) &&
	    csvr_size(csv) > csvr_offset(csv) &&
	    csvr_size(csv) - csvr_offset(csv) >=
		    (o->parallel_min ? o->parallel_min : PARALLEL_MIN_BYTES)) {
		unsigned long long data_start = csvr_offset(csv), size = csvr_size(csv);
		long hdr_lines = csvr_lines(csv);
		struct account pa;

		/* read into a scratch rollup so a wrong cut guess leaves r alone */
		scratch = rollup_new();
		account_init(&pa, path, a->format);
		rc = load_parallel(scratch, path, fmt, &hdr, hdr_raw, raw_len, o, &pa, data_start,
				   hdr_lines,
				   size, nthreads, d);
		if (rc < 0)
			goto out;
		/* a is still empty: only cells can overflow, with the files
		 * read before; the merge then leaves r alone, and one thread
		 * names the row */
		if (rc == 0 && rollup_count(r) == 0)
			rollup_swap(r, scratch);
		else if (rc == 0 && rollup_merge(r, scratch) < 0)
			rc = 1;
		if (rc == 0) {
			if (account_merge(a, &pa) < 0) {
				diag_set(d, path, 0, 0, "cost sum overflows");
				goto out;
			}
			memcpy(a->warning, pa.warning, sizeof(a->warning));
			ret = 0;
			goto out;
		}
		/* fall through: read the whole file on this thread */
	}
	if (read_rows(&c, csv, fmt, o, 1, d) < 0)
		goto out;
	if (dates_finish(&c.dates, r, a, path, 0) < 0) {
		diag_set(d, path, 0, 0, "cost sum overflows");
		goto out;
	}
	ret = 0;
out:
	if (have_hdr)
		record_free(&hdr);
	free(hdr_raw);
	rollup_free(scratch);
	bctx_fini(&c);
	csvr_close(csv);
	return ret;
}

int
billing_load(struct rollup *r, const char *path, struct account *a, struct diag *d)
{
	return billing_load_opts(r, path, NULL, a, d);
}
