/*
 * costview.c - grouping and filtering over the rollup.
 * Layer: engine (model).
 */
#include "config.h"

#include "model/costview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utc.h"
#include "base/utf8.h"

void
costq_init(struct costq *q)
{
	memset(q, 0, sizeof(*q));
	q->gran = GRAN_MONTH;
}

void
costq_fini(struct costq *q)
{
	int i;

	for (i = 0; i < q->nby; i++)
		free(q->tag_key[i]);
	for (i = 0; i < q->nwhere; i++) {
		free(q->where_tag[i]);
		free(q->where_val[i]);
	}
	memset(q, 0, sizeof(*q));
}

/* Parse one dimension name or "tag:KEY" from s[0..n). */
static int
parse_dim(const char *s, size_t n, int *dim, char **tag, struct diag *d)
{
	char name[64];

	*tag = NULL;
	if (n > 4 && strncmp(s, "tag:", 4) == 0) {
		*dim = COST_BY_TAG;
		*tag = xstrndup(s + 4, n - 4);
		return 0;
	}
	if (n == 0 || n >= sizeof(name))
		return diag_set(d, "", 0, 0, "empty or overlong dimension name");
	memcpy(name, s, n);
	name[n] = '\0';
	if (strcmp(name, "type") == 0)
		snprintf(name, sizeof(name), "instance_type");
	*dim = rollup_dim_parse(name);
	if (*dim < 0)
		return diag_set(d, "", 0, 0,
				"unknown dimension '%s' (use provider, currency, account, service, "
				"resource, usage_type, instance_type, region, pricing_model, "
				"charge_kind or tag:KEY)", name);
	return 0;
}

int
costq_parse_by(struct costq *q, const char *spec, struct diag *d)
{
	const char *p = spec;

	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (q->nby == COSTQ_MAX_BY)
			return diag_set(d, "", 0, 0, "at most %d grouping dimensions", COSTQ_MAX_BY);
		if (parse_dim(p, n, &q->by[q->nby], &q->tag_key[q->nby], d) < 0)
			return -1;
		q->nby++;
		p += n + (e ? 1 : 0);
	}
	return 0;
}

int
costq_parse_where(struct costq *q, const char *spec, struct diag *d)
{
	const char *eq = strchr(spec, '=');
	int i = q->nwhere;

	if (eq == NULL)
		return diag_set(d, "", 0, 0, "filter '%s' is not DIMENSION=VALUE", spec);
	if (i == COSTQ_MAX_WHERE)
		return diag_set(d, "", 0, 0, "at most %d filters", COSTQ_MAX_WHERE);
	if (parse_dim(spec, (size_t)(eq - spec), &q->where_dim[i], &q->where_tag[i], d) < 0)
		return -1;
	q->where_val[i] = xstrdup(eq + 1);
	q->nwhere++;
	return 0;
}

const char *
costq_by_name(const struct costq *q, int i, char *buf, size_t n)
{
	if (q->by[i] == COST_BY_TAG)
		snprintf(buf, n, "tag:%s", q->tag_key[i]);
	else
		snprintf(buf, n, "%s", rollup_dim_name((enum rollup_dim)q->by[i]));
	return buf;
}

/* The canonical tags form is a compact JSON object with string values and
 * JSON escapes; decode the value of key without a JSON library. */
/* Four hex digits at p into *v; 0 when they are not. */
static int
hex4(const char *p, uint32_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = p[i];

		if (c >= '0' && c <= '9')
			*v = *v << 4 | (uint32_t)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*v = *v << 4 | (uint32_t)((c | 0x20) - 'a' + 10);
		else
			return 0;
	}
	return 1;
}

/* The JSON string escape after a backslash at p ("n", "u001b", a
 * surrogate pair...) as UTF-8 at out (four bytes of room), its length in
 * *len; returns the characters it spans after the backslash. \u0000 and
 * lone surrogates become U+FFFD; an unknown escape is the character. */
static size_t
json_unescape(const char *p, char *out, size_t *len)
{
	static const char from[] = "bfnrt", to[] = "\b\f\n\r\t";
	const char *q = strchr(from, *p);
	uint32_t cp, lo;
	size_t used = 5;

	if (*p == 'u' && hex4(p + 1, &cp)) {
		if (cp >= 0xD800 && cp <= 0xDBFF && p[5] == '\\' && p[6] == 'u' &&
		    hex4(p + 7, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			used = 11;
		}
		*len = utf8_encode(cp == 0 ? UTF8_REPLACEMENT : cp, out);
		return used;
	}
	out[0] = q != NULL ? to[q - from] : *p;
	*len = 1;
	return 1;
}

const char *
costview_tag_value(const char *tags, const char *key, char *buf, size_t n)
{
	const char *p = tags;
	size_t klen = strlen(key), o;
	int full;

	buf[0] = '\0';
	if (*p != '{')
		return buf;
	p++;
	while (*p == '"') {
		const char *k = ++p;
		int match;

		while (*p && *p != '"') {
			if (*p == '\\' && p[1])
				p++;
			p++;
		}
		match = (size_t)(p - k) == klen && strncmp(k, key, klen) == 0;
		if (*p != '"' || p[1] != ':' || p[2] != '"')
			return buf;
		p += 3;
		o = 0;
		full = 0;
		while (*p && *p != '"') {
			char u[4];
			size_t len = 1;

			if (*p == '\\' && p[1])
				p += 1 + json_unescape(p + 1, u, &len);
			else
				u[0] = *p++;
			if (match && !full && o + len < n) {
				memcpy(buf + o, u, len);
				o += len;
			} else {
				full = 1;
			}
		}
		if (match) {
			buf[o] = '\0';
			return buf;
		}
		if (*p != '"')
			return buf;
		p++;
		if (*p == ',')
			p++;
	}
	return buf;
}

static const char *
cell_key(const struct rollup_cell *c, int dim, const char *tag, char *buf, size_t n)
{
	if (dim == COST_BY_TAG)
		return costview_tag_value(c->dim[DIM_TAGS], tag, buf, n);
	return c->dim[dim];
}

static int64_t
period_of(int64_t hour, enum cost_gran g)
{
	switch (g) {
	case GRAN_MONTH:
		return utc_floor_month(hour);
	case GRAN_DAY:
		return utc_floor_day(hour);
	case GRAN_HOUR:
		return hour;
	case GRAN_ALL:
		break;
	}
	return 0;
}

static const char *
own(struct costresult *res, const char *s)
{
	char *c = xstrdup(s);

	xgrow((void **)&res->strings, &res->strings_cap, res->nstrings + 1, sizeof(char *));
	res->strings[res->nstrings++] = c;
	return c;
}

/* Group table: open addressing on (period, keys) with owned key strings. */
struct group_table {
	size_t *slot; /* row index + 1 */
	size_t cap;
};

static uint64_t
row_hash(int64_t period, const char *const *keys, int nk)
{
	uint64_t h = hash_mix(0, (uint64_t)period);
	int i;

	for (i = 0; i < nk; i++)
		h = hash_mix(h, hash_bytes(keys[i], strlen(keys[i])));
	return h;
}

static int
row_matches(const struct costrow *r, int64_t period, const char *const *keys, int nk)
{
	int i;

	if (r->period != period)
		return 0;
	for (i = 0; i < nk; i++) {
		if (strcmp(r->key[i], keys[i]) != 0)
			return 0;
	}
	return 1;
}

static void
gt_rebuild(struct group_table *gt, const struct costresult *res, int nk)
{
	size_t i;

	free(gt->slot);
	gt->cap = gt->cap ? gt->cap * 2 : 256;
	gt->slot = xcalloc(gt->cap, sizeof(size_t));
	for (i = 0; i < res->n; i++) {
		size_t h = (size_t)row_hash(res->rows[i].period, res->rows[i].key, nk) & (gt->cap - 1);

		while (gt->slot[h])
			h = (h + 1) & (gt->cap - 1);
		gt->slot[h] = i + 1;
	}
}

static struct costrow *
gt_get(struct group_table *gt, struct costresult *res, int64_t period,
       const char *const *keys, int nk)
{
	size_t h;
	struct costrow *r;
	int i;

	if ((res->n + 1) * 2 > gt->cap)
		gt_rebuild(gt, res, nk);
	h = (size_t)row_hash(period, keys, nk) & (gt->cap - 1);
	while (gt->slot[h]) {
		r = &res->rows[gt->slot[h] - 1];
		if (row_matches(r, period, keys, nk))
			return r;
		h = (h + 1) & (gt->cap - 1);
	}
	xgrow((void **)&res->rows, &res->cap, res->n + 1, sizeof(*res->rows));
	r = &res->rows[res->n];
	memset(r, 0, sizeof(*r));
	r->period = period;
	for (i = 0; i < nk; i++)
		r->key[i] = own(res, keys[i]);
	gt->slot[h] = ++res->n;
	return r;
}

static int
selected(const struct rollup_cell *c, const struct costq *q)
{
	char buf[512];
	int i;

	if (q->from && c->hour < q->from)
		return 0;
	if (q->to && c->hour >= q->to)
		return 0;
	for (i = 0; i < q->nwhere; i++) {
		if (strcmp(cell_key(c, q->where_dim[i], q->where_tag[i], buf, sizeof(buf)),
			   q->where_val[i]) != 0)
			return 0;
	}
	return 1;
}

/* Add to a row, all or nothing: -1 when a sum would overflow. */
static int
add_to(struct costrow *r, money_t b, money_t e, int64_t u, int64_t rows)
{
	money_t billed = r->billed, effective = r->effective;
	int64_t usage, n;

	if (money_add(&billed, b) < 0 || money_add(&effective, e) < 0 ||
	    __builtin_add_overflow(r->usage, u, &usage) ||
	    __builtin_add_overflow(r->rows, rows, &n))
		return -1;
	r->billed = billed;
	r->effective = effective;
	r->usage = usage;
	r->rows = n;
	return 0;
}

static int
row_cmp(const void *pa, const void *pb)
{
	const struct costrow *a = pa, *b = pb;
	int i;

	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	if (a->effective != b->effective)
		return a->effective > b->effective ? -1 : 1;
	for (i = 0; i < COSTQ_MAX_BY && a->key[i] && b->key[i]; i++) {
		int c = strcmp(a->key[i], b->key[i]);

		if (c)
			return c;
	}
	return 0;
}

/* Fold all but the top q->top key combinations (by effective over all
 * periods) into "(other)". */
static int
fold_top(struct costresult *res, const struct costq *q, struct diag *d)
{
	struct costresult tot, out;
	struct group_table gt = { NULL, 0 }, gt2 = { NULL, 0 };
	const char *other[COSTQ_MAX_BY];
	size_t i, keep;
	int k, rc = -1;

	memset(&tot, 0, sizeof(tot));
	memset(&out, 0, sizeof(out));
	for (k = 0; k < q->nby; k++)
		other[k] = "(other)";
	for (i = 0; i < res->n; i++) {
		struct costrow *t = gt_get(&gt, &tot, 0, res->rows[i].key, q->nby);

		if (add_to(t, res->rows[i].billed, res->rows[i].effective, 0, 0) < 0)
			goto overflow;
	}
	if (tot.n > 0) /* qsort's pointer must not be NULL, even for 0 */
		qsort(tot.rows, tot.n, sizeof(*tot.rows), row_cmp);
	keep = (size_t)q->top < tot.n ? (size_t)q->top : tot.n;
	for (i = 0; i < res->n; i++) {
		const struct costrow *r = &res->rows[i];
		const char *const *keys = r->key;
		struct costrow *o;
		size_t j;
		int top = 0;

		for (j = 0; j < keep && !top; j++)
			top = row_matches(&tot.rows[j], 0, r->key, q->nby);
		if (!top)
			keys = other;
		o = gt_get(&gt2, &out, r->period, keys, q->nby);
		if (add_to(o, r->billed, r->effective, r->usage, r->rows) < 0)
			goto overflow;
	}
	out.billed = res->billed;
	out.effective = res->effective;
	out.cells = res->cells;
	costresult_fini(res);
	*res = out;
	memset(&out, 0, sizeof(out));
	rc = 0;
	goto done;
overflow:
	diag_set(d, "", 0, 0, "cost sum overflows");
done:
	costresult_fini(&tot);
	costresult_fini(&out);
	free(gt.slot);
	free(gt2.slot);
	return rc;
}

int
costview_run(const struct rollup *r, const struct costq *q, struct costresult *out,
	     struct diag *d)
{
	struct group_table gt = { NULL, 0 };
	size_t i, n = rollup_count(r);
	char bufs[COSTQ_MAX_BY][512];
	const char *keys[COSTQ_MAX_BY];
	int k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		const struct rollup_cell *c = rollup_get(r, i);
		struct costrow *row;

		if (!selected(c, q))
			continue;
		for (k = 0; k < q->nby; k++)
			keys[k] = cell_key(c, q->by[k], q->tag_key[k], bufs[k], sizeof(bufs[k]));
		row = gt_get(&gt, out, period_of(c->hour, q->gran), keys, q->nby);
		if (add_to(row, c->billed, c->effective, c->usage, c->rows) < 0 ||
		    money_add(&out->billed, c->billed) < 0 ||
		    money_add(&out->effective, c->effective) < 0) {
			free(gt.slot);
			return diag_set(d, "", 0, 0, "cost sum overflows");
		}
		out->cells++;
	}
	free(gt.slot);
	if (q->top > 0 && q->nby > 0 && fold_top(out, q, d) < 0)
		return -1;
	if (out->n > 1) /* rows is NULL when nothing was selected */
		qsort(out->rows, out->n, sizeof(*out->rows), row_cmp);
	return 0;
}

void
costresult_fini(struct costresult *res)
{
	size_t i;

	for (i = 0; i < res->nstrings; i++)
		free(res->strings[i]);
	free(res->strings);
	free(res->rows);
	memset(res, 0, sizeof(*res));
}
