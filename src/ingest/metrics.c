/*
 * metrics.c - metrics and order files into regular UTC series: format
 * detection, the CloudWatch, Prometheus, CSV and value-only readers, and
 * the common step that sorts, de-duplicates and grids the points.
 *
 * Layer: engine, readers. The only file that sees cJSON types for
 * metrics: each JSON document is parsed, turned into points, and deleted
 * before the next.
 */
#include "config.h"

#include "ingest/metrics.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "ingest/csvread.h"
#include "ingest/input.h"
#include "base/utc.h"

/* Largest value-only file read into memory (1 GiB): a bound against
 * hostile input. */
#define METRICS_MAX_VALUES (1ULL << 30)

/* One data point while reading; seq orders points by when they were read
 * (0 for points of a series already in the output). */
struct mpoint {
	int64_t t;
	double v;
	size_t seq;
};

/* Points of one series while reading a file. */
struct macc {
	char *name;
	char *unit;
	struct mpoint *p;
	size_t n, cap;
	size_t tally; /* index + 1 of its tally item; 0: not looked up yet */
};

/* A get-metric-data Id seen in the file: results are merged per Id. */
struct gmd_id {
	char *id;
	char *label; /* its Label where first seen ("": none) */
	char *name;  /* the series it feeds */
	char *where; /* JSON path of that result */
};

struct mreader {
	const char *path;
	const struct metrics_opts *o;
	struct account *a;
	struct diag *d;
	struct macc *s;
	size_t ns, scap;
	struct nameindex sidx; /* s by name */
	size_t seq;
	char *base; /* file name without folder and extension */
	struct series *ready; /* value-only series, already on their grid */
	size_t nready, ready_cap;
	struct gmd_id *ids; /* get-metric-data: the Ids of the file */
	size_t nids, ids_cap;
	struct nameindex ididx, idnameidx; /* ids by Id, by series name */
	char where[64]; /* JSON path of the page being read ("" or "[2].") */
	char *merged; /* the first warning of Ids merged by name, */
	size_t nmerged; /* and how many there were */
};

void
metrics_opts_init(struct metrics_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->dedup = METRICS_DEDUP_LAST;
}

void
orders_opts_init(struct orders_opts *o)
{
	memset(o, 0, sizeof(*o));
}

void
metrics_tally_fini(struct metrics_tally *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		free(t->items[i].series);
	for (i = 0; i < t->nwarnings; i++)
		free(t->warnings[i]);
	for (i = 0; i < t->npartial; i++)
		free(t->partial[i].id);
	free(t->items);
	free(t->warnings);
	free(t->partial);
	nameindex_fini(&t->idx);
	nameindex_fini(&t->pidx);
	memset(t, 0, sizeof(*t));
}

static const char *
tally_key(const void *items, size_t pos)
{
	return ((const struct metrics_tally_item *)items)[pos].series;
}

const struct metrics_tally_item *
metrics_tally_find(const struct metrics_tally *t, const char *series)
{
	size_t i;

	if (t == NULL)
		return NULL;
	i = nameindex_find(&t->idx, series, tally_key, t->items);
	return i == NAMEINDEX_NONE ? NULL : &t->items[i];
}

static struct metrics_tally_item *
tally_get(struct metrics_tally *t, const char *series)
{
	size_t i = nameindex_find(&t->idx, series, tally_key, t->items);

	if (i != NAMEINDEX_NONE)
		return &t->items[i];
	xgrow((void **)&t->items, &t->cap, t->n + 1, sizeof(*t->items));
	memset(&t->items[t->n], 0, sizeof(t->items[0]));
	t->items[t->n].series = xstrdup(series);
	nameindex_add(&t->idx, series, t->n);
	return &t->items[t->n++];
}

static void warn(struct mreader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void
warn(struct mreader *r, const char *fmt, ...)
{
	struct metrics_tally *t = r->o->tally;
	char msg[512];
	va_list ap;

	if (t == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	xgrow((void **)&t->warnings, &t->warnings_cap, t->nwarnings + 1,
	      sizeof(*t->warnings));
	t->warnings[t->nwarnings++] = xasprintf("%s: %s", r->path, msg);
}

/* " and N more" in a static buffer (for one warning at a time). */
static const char *
xbuf_more(int n)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), " and %d more", n);
	return buf;
}

/* ---- points by series ---------------------------------------------- */

static const char *
acc_key(const void *items, size_t pos)
{
	return ((const struct macc *)items)[pos].name;
}

/* The points of series name read so far from this file, or NULL. */
static struct macc *
acc_find(struct mreader *r, const char *name)
{
	size_t i = nameindex_find(&r->sidx, name, acc_key, r->s);

	return i == NAMEINDEX_NONE ? NULL : &r->s[i];
}

/* The points of series name, made empty when new. The pointer is valid
 * until the next acc_get(). */
static struct macc *
acc_get(struct mreader *r, const char *name, const char *unit)
{
	struct macc *s = acc_find(r, name);

	if (s != NULL) {
		if (s->unit[0] == '\0' && unit != NULL && unit[0] != '\0') {
			free(s->unit);
			s->unit = xstrdup(unit);
		}
		return s;
	}
	xgrow((void **)&r->s, &r->scap, r->ns + 1, sizeof(*r->s));
	s = &r->s[r->ns];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->unit = xstrdup(unit ? unit : "");
	nameindex_add(&r->sidx, name, r->ns++);
	return s;
}

/* The tally item of s (NULL without a tally), looked up once. */
static struct metrics_tally_item *
acc_tally(struct mreader *r, struct macc *s)
{
	struct metrics_tally *t = r->o->tally;

	if (t == NULL)
		return NULL;
	if (s->tally == 0)
		s->tally = (size_t)(tally_get(t, s->name) - t->items) + 1;
	return &t->items[s->tally - 1];
}

/* One value read for series s at time t: used if finite, else counted. */
static void
acc_add(struct mreader *r, struct macc *s, int64_t t, double v)
{
	struct metrics_tally_item *ti = acc_tally(r, s);

	r->a->rows_read++;
	if (ti != NULL)
		ti->points++;
	if (!isfinite(v)) {
		r->a->values_bad++;
		account_skip(r->a, "bad value");
		if (ti != NULL)
			ti->values_bad++;
		return;
	}
	xgrow((void **)&s->p, &s->cap, s->n + 1, sizeof(*s->p));
	s->p[s->n].t = t;
	s->p[s->n].v = v;
	s->p[s->n].seq = ++r->seq;
	s->n++;
}

/* A value that is empty: a missing point, counted but not bad. */
static void
acc_empty(struct mreader *r, struct macc *s)
{
	struct metrics_tally_item *ti = acc_tally(r, s);

	r->a->rows_read++;
	account_skip(r->a, "empty value");
	if (ti != NULL)
		ti->points++;
}

/* Parse a number from s[0..n); NAN when it is not one (or not finite). */
static double
parse_value(const char *s, size_t n)
{
	char buf[64], *end;
	double v;

	strn_trim(&s, &n);
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(buf))
		return NAN;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (end != buf + n || errno == ERANGE || !isfinite(v))
		return NAN;
	return v;
}

/* ---- the grid --------------------------------------------------------- */

static int
mpoint_cmp(const void *pa, const void *pb)
{
	const struct mpoint *a = pa, *b = pb;

	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

static int
i64_cmp(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

/* The most common spacing of consecutive distinct times in sorted p;
 * ties go to the smaller spacing. 0 when fewer than two distinct times. */
static int64_t
infer_step(const struct mpoint *p, size_t n)
{
	int64_t *d, best = 0;
	size_t nd = 0, i, run, best_run = 0;

	if (n < 2)
		return 0;
	d = xmalloc((n - 1) * sizeof(*d));
	for (i = 1; i < n; i++) {
		if (p[i].t != p[i - 1].t)
			d[nd++] = p[i].t - p[i - 1].t;
	}
	qsort(d, nd, sizeof(*d), i64_cmp);
	for (i = 0; i < nd; i += run) {
		for (run = 1; i + run < nd && d[i + run] == d[i]; run++)
			;
		if (run > best_run) {
			best_run = run;
			best = d[i];
		}
	}
	free(d);
	return best;
}

/*
 * Put the points p (any order) of series name on a regular grid into out:
 * step as given or inferred, start at the first time, each point on its
 * nearest grid point (half a step rounds up), collisions by the dedup
 * rule. *dups counts, under METRICS_DEDUP_MEAN, every point that joined
 * an already filled grid point; under METRICS_DEDUP_LAST, the dropped
 * points that were read from this file (seq > 0). -1 with d when the grid
 * would be too long.
 */
static int
grid_points(struct mpoint *p, size_t n, int64_t step, enum metrics_dedup dedup,
	    const char *name, const char *unit, const char *path,
	    struct series *out, long *dups, size_t *budget, struct diag *d)
{
	int64_t start, span;
	size_t i, len;
	size_t *seq_at = NULL;
	double *sum = NULL;
	long *cnt = NULL;

	*dups = 0;
	qsort(p, n, sizeof(*p), mpoint_cmp);
	if (step <= 0)
		step = infer_step(p, n);
	if (step <= 0)
		step = 60; /* one point (or one time): any step is right */
	start = n > 0 ? p[0].t : 0;
	span = n > 0 ? p[n - 1].t - start : 0;
	if (span / step + 1 > METRICS_MAX_POINTS) {
		char a[32], b[32];

		return diag_set(d, path, 0, 0,
				"series %s runs from %s to %s: %lld points at a %lld s step, "
				"more than %ld (a stray time stamp?)",
				name, utc_format(start, a, sizeof(a)),
				utc_format(p[n - 1].t, b, sizeof(b)),
				(long long)(span / step + 1), (long long)step,
				(long)METRICS_MAX_POINTS);
	}
	len = n > 0 ? (size_t)((span + step / 2) / step) + 1 : 0;
	/* all series of one file share one budget of grid points, so a small
	 * file of scattered time stamps cannot take gigabytes */
	if (len > *budget)
		return diag_set(d, path, 0, 0,
				"series %s would take the file past %ld grid points in all "
				"(stray time stamps?)", name, (long)METRICS_MAX_FILE_POINTS);
	*budget -= len;
	series_init(out, name, unit, start, step, len);
	if (dedup == METRICS_DEDUP_MEAN) {
		sum = xcalloc(len ? len : 1, sizeof(*sum));
		cnt = xcalloc(len ? len : 1, sizeof(*cnt));
	} else {
		seq_at = xcalloc(len ? len : 1, sizeof(*seq_at));
	}
	for (i = 0; i < n; i++) {
		size_t k = (size_t)((p[i].t - start + step / 2) / step);

		if (dedup == METRICS_DEDUP_MEAN) {
			if (cnt[k] > 0)
				(*dups)++;
			sum[k] += p[i].v;
			cnt[k]++;
			continue;
		}
		if (!isnan(out->v[k])) {
			/* the loser is the point read earlier; it counts only
			 * when it was read from this file (seq > 0) */
			size_t loser = p[i].seq < seq_at[k] ? p[i].seq : seq_at[k];

			if (loser > 0)
				(*dups)++;
			if (p[i].seq < seq_at[k])
				continue;
		}
		out->v[k] = p[i].v;
		seq_at[k] = p[i].seq;
	}
	if (dedup == METRICS_DEDUP_MEAN) {
		for (i = 0; i < len; i++) {
			if (cnt[i] > 0)
				out->v[i] = sum[i] / (double)cnt[i];
		}
	}
	free(sum);
	free(cnt);
	free(seq_at);
	return 0;
}

static size_t
count_gaps(const struct series *s)
{
	size_t i, g = 0;

	for (i = 0; i < s->n; i++) {
		if (isnan(s->v[i]))
			g++;
	}
	return g;
}

/* ---- finishing a file: merge and grid ---------------------------------- */

/* Append the non-gap points of grid g to acc s with the given seq (0 for
 * earlier data, or fresh numbers for this file's). */
static void
acc_add_grid(struct mreader *r, struct macc *s, const struct series *g, int fresh)
{
	size_t j;

	xgrow((void **)&s->p, &s->cap, s->n + g->n, sizeof(*s->p));
	for (j = 0; j < g->n; j++) {
		if (isnan(g->v[j]))
			continue;
		s->p[s->n].t = series_time(g, j);
		s->p[s->n].v = g->v[j];
		s->p[s->n].seq = fresh ? ++r->seq : 0;
		s->n++;
	}
}

/*
 * Grid every series read from the file and merge it into out. All grids
 * are built before out is touched, so a failure leaves out unchanged.
 */
static int
reader_finish(struct mreader *r, struct series_set *out)
{
	struct series *made = NULL;
	size_t i, nmade = 0, budget;
	int rc = -1;

	/* value-only grids that meet another series of the same name go
	 * through the points path; the others are kept as they are */
	for (i = 0; i < r->nready; i++) {
		struct series *g = &r->ready[i];

		if (series_set_find(out, g->name) != NULL || acc_find(r, g->name) != NULL) {
			acc_add_grid(r, acc_get(r, g->name, g->unit), g, 1);
			series_fini(g);
		}
	}
	budget = (size_t)METRICS_MAX_FILE_POINTS;
	made = xcalloc(r->ns + r->nready + 1, sizeof(*made));
	for (i = 0; i < r->ns; i++) {
		struct macc *s = &r->s[i];
		struct series *old = series_set_find(out, s->name);
		long dups, k;

		if (old != NULL)
			acc_add_grid(r, s, old, 0);
		if (s->n == 0) {
			/* nothing usable (an empty result, or only bad values,
			 * which the account counts): no series */
			warn(r, "%s: no usable values", s->name);
			continue;
		}
		if (grid_points(s->p, s->n, r->o->step, r->o->dedup, s->name,
				s->unit[0] ? s->unit : (old ? old->unit : ""),
				r->path, &made[nmade], &dups, &budget, r->d) < 0)
			goto out;
		nmade++;
		if (r->o->dedup == METRICS_DEDUP_LAST) {
			for (k = 0; k < dups; k++)
				account_skip(r->a, "duplicate time stamp");
		}
		if (r->o->tally != NULL)
			acc_tally(r, s)->duplicates += dups;
	}
	for (i = 0; i < r->nready; i++) {
		if (r->ready[i].name != NULL) {
			made[nmade++] = r->ready[i];
			memset(&r->ready[i], 0, sizeof(r->ready[i]));
		}
	}
	if (nmade == 0) {
		diag_set(r->d, r->path, 0, 0, "no series in the file");
		goto out;
	}
	/* commit */
	for (i = 0; i < nmade; i++) {
		struct series *old = series_set_find(out, made[i].name);

		r->a->gaps += (long)count_gaps(&made[i]);
		if (old != NULL) {
			series_fini(old);
			*old = made[i];
		} else {
			series_set_add(out, &made[i]);
		}
		memset(&made[i], 0, sizeof(made[i]));
	}
	r->a->rows_used = r->a->rows_read - account_skipped(r->a);
	rc = 0;
out:
	for (i = 0; i < nmade; i++)
		series_fini(&made[i]);
	free(made);
	return rc;
}

static void
reader_fini(struct mreader *r)
{
	size_t i;

	for (i = 0; i < r->ns; i++) {
		free(r->s[i].name);
		free(r->s[i].unit);
		free(r->s[i].p);
	}
	for (i = 0; i < r->nready; i++)
		series_fini(&r->ready[i]);
	for (i = 0; i < r->nids; i++) {
		free(r->ids[i].id);
		free(r->ids[i].label);
		free(r->ids[i].name);
		free(r->ids[i].where);
	}
	free(r->ids);
	free(r->merged);
	free(r->ready);
	free(r->s);
	nameindex_fini(&r->sidx);
	nameindex_fini(&r->ididx);
	nameindex_fini(&r->idnameidx);
	free(r->base);
}

/* Keep a finished value-only grid (takes v). */
static void
reader_add_ready(struct mreader *r, const char *name, double *v, size_t n)
{
	struct series *s;
	int64_t step = r->o->step > 0 ? r->o->step : METRICS_DEFAULT_VALUES_STEP;

	xgrow((void **)&r->ready, &r->ready_cap, r->nready + 1, sizeof(*r->ready));
	s = &r->ready[r->nready++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->unit = xstrdup("");
	s->start = r->o->start;
	s->step = step;
	s->n = n;
	s->v = v;
}

/* ---- whole file ------------------------------------------------------ */

/*
 * What a JSON text will take in memory once cJSON has parsed it, counted
 * while it is read, so a file too large is refused before it is parsed
 * (a 3.6 MB gzip of numbers decodes to ~350 MB of text, and its tree
 * would take ~6 GB: each value is a 64-byte node). Also finds the first
 * NUL: a 0 byte, or a \u0000 escape that would cut a name short.
 */
struct jscan {
	int in_str, esc, in_tok;
	int uhex, uzero;          /* \u digits still to come; all seen were 0 */
	size_t str_len, esc_at;
	unsigned long long values; /* nodes cJSON makes, keys included */
	unsigned long long keys;   /* object keys (a key is no node of its own) */
	unsigned long long strs;   /* bytes the strings take */
	size_t nul;                /* offset + 1 of the first NUL, 0: none */
};

/* A cJSON node and a string as the allocator holds them: its 16-byte
 * header and rounding (glibc's; others are close). */
#define JSCAN_NODE ((unsigned long long)sizeof(cJSON) + 16)
#define JSCAN_STR(len) ((unsigned long long)((len) + 24 > 32 ? (len) + 24 : 32))

static void
jscan_run(struct jscan *js, const char *buf, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == 0 && js->nul == 0)
			js->nul = i + 1;
		if (js->in_str) {
			js->str_len++;
			if (js->uhex > 0) {
				if (c != '0')
					js->uzero = 0;
				if (--js->uhex == 0 && js->uzero && js->nul == 0)
					js->nul = js->esc_at + 1;
			} else if (js->esc) {
				js->esc = 0;
				if (c == 'u') {
					js->uhex = 4;
					js->uzero = 1;
				}
			} else if (c == '\\') {
				js->esc = 1;
				js->esc_at = i;
			} else if (c == '"') {
				js->in_str = 0;
				js->strs += JSCAN_STR(js->str_len);
			}
			continue;
		}
		switch (c) {
		case '"':
			js->in_str = 1;
			js->str_len = 0;
			js->values++;
			js->in_tok = 0;
			break;
		case '{':
		case '[':
			js->values++;
			js->in_tok = 0;
			break;
		case ':':
			js->keys++;
			js->in_tok = 0;
			break;
		case ',':
		case '}':
		case ']':
		case ' ':
		case '\t':
		case '\n':
		case '\r':
			js->in_tok = 0;
			break;
		default: /* a number, true, false or null */
			if (!js->in_tok)
				js->values++;
			js->in_tok = 1;
			break;
		}
	}
}

/* Bytes text of n bytes scanned so far would take once parsed. */
static unsigned long long
jscan_memory(const struct jscan *js, size_t n)
{
	unsigned long long nodes = js->values > js->keys ? js->values - js->keys : 0;

	return (unsigned long long)n + nodes * JSCAN_NODE + js->strs;
}

/* A unit letter and what it multiplies by. */
struct unit {
	char c;
	double mult;
};

/*
 * A number, with at most one of the unit letters of units (ignoring case
 * with nocase) after it, and then optionally the string tail ("B" of
 * "4GB"), times the unit's factor: *v in [1, max]. 0, or -1.
 */
static int
parse_scaled(const char *s, const struct unit *units, size_t nunits, int nocase,
	     const char *tail, double max, double *v)
{
	char *end;
	size_t k;

	errno = 0;
	*v = strtod(s, &end);
	if (end == s || errno != 0 || !isfinite(*v))
		return -1;
	if (*end != '\0') {
		for (k = 0; k < nunits; k++) {
			if (*end == units[k].c ||
			    (nocase && tolower((unsigned char)*end) == tolower(units[k].c)))
				break;
		}
		if (k == nunits)
			return -1;
		*v *= units[k].mult;
		end++;
		if (*end != '\0' && (tail == NULL || !strn_ieq(end, strlen(end), tail)))
			return -1;
	}
	return *v >= 1 && *v <= max ? 0 : -1;
}

/* Parse a size: bytes, or a number with K, M, G or T (powers of 1024;
 * "4G" or "4GB"). 0 and *v > 0, or -1. */
static int
size_parse(const char *s, unsigned long long *v)
{
	static const struct unit units[] = {
		{ 'K', 1024.0 },
		{ 'M', 1024.0 * 1024 },
		{ 'G', 1024.0 * 1024 * 1024 },
		{ 'T', 1024.0 * 1024 * 1024 * 1024 },
	};
	double x;

	if (parse_scaled(s, units, ARRAY_SIZE(units), 1, "B", 9e18, &x) < 0)
		return -1;
	*v = (unsigned long long)x;
	return 0;
}

/* A size as $RIGHTSIZE_METRICS_MAX_JSON takes it: "1G", "1536M", or bytes. */
static const char *
size_format(unsigned long long v, char *buf, size_t n)
{
	static const char units[] = "KMGT";
	int u = -1;

	while (u < 3 && v % 1024 == 0 && v >= 1024) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, n, "%llu", v);
	else
		snprintf(buf, n, "%llu%c", v, units[u]);
	return buf;
}

/* The memory a JSON metrics file may take: o->max_json, else
 * $RIGHTSIZE_METRICS_MAX_JSON, else METRICS_MAX_JSON. */
static int
json_limit(const struct metrics_opts *o, const char *path, unsigned long long *max,
	   struct diag *d)
{
	const char *env = getenv("RIGHTSIZE_METRICS_MAX_JSON");

	*max = METRICS_MAX_JSON;
	if (o->max_json > 0)
		*max = o->max_json;
	else if (env != NULL && env[0] != '\0' && size_parse(env, max) < 0)
		return diag_set(d, path, 0, 0,
				"RIGHTSIZE_METRICS_MAX_JSON=\"%.40s\" is not a size (512M, 4G)", env);
	return 0;
}

static int
too_large(const char *path, unsigned long long text, unsigned long long mem,
	  unsigned long long max, struct diag *d)
{
	char lim[32], more[32];

	size_format(max, lim, sizeof(lim));
	size_format(max > (1ULL << 60) ? max : 4 * max, more, sizeof(more));
	if (mem <= text)
		return diag_set(d, path, 0, 0,
				"too large: %.1f MB of JSON, more than the limit of %s; set "
				"RIGHTSIZE_METRICS_MAX_JSON (e.g. to %s) to read it",
				(double)text / (1 << 20), lim, more);
	return diag_set(d, path, 0, 0,
			"too large: its first %.1f MB of JSON would take %.1f MB in memory "
			"once parsed, more than the limit of %s; set "
			"RIGHTSIZE_METRICS_MAX_JSON (e.g. to %s) to read it",
			(double)text / (1 << 20), (double)mem / (1 << 20), lim, more);
}

/*
 * Read the whole file (decoded) into *buf (NUL-terminated; caller frees).
 * With js, the text is JSON: scanned as it comes, and refused as too
 * large once it and its parse tree would take more than max bytes;
 * without, the text is refused past max bytes.
 */
static int
read_all(const char *path, unsigned long long max, struct jscan *js, char **buf,
	 size_t *len, struct diag *d)
{
	struct input *in = NULL;
	size_t cap = 1 << 16, n = 0;
	char *b;
	long got;
	int rc = -1;

	if (input_open(path, &in, d) < 0)
		return -1;
	b = xmalloc(cap);
	if (!input_is_gzip(in) && input_size(in) > max) {
		if (js != NULL)
			too_large(path, input_size(in), input_size(in), max, d);
		else
			diag_set(d, path, 0, 0, "file larger than %llu bytes", max);
		goto out;
	}
	for (;;) {
		if (cap - n < (1 << 15)) {
			cap *= 2;
			b = xrealloc(b, cap);
		}
		got = input_read(in, b + n, cap - n - 1, d);
		if (got < 0)
			goto out;
		if (got == 0)
			break;
		if (js != NULL)
			jscan_run(js, b, n, n + (size_t)got);
		n += (size_t)got;
		if (js != NULL && jscan_memory(js, n) > max) {
			too_large(path, n, jscan_memory(js, n), max, d);
			goto out;
		}
		if (js == NULL && n > max) {
			diag_set(d, path, 0, 0, "file larger than %llu bytes", max);
			goto out;
		}
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	b = NULL;
	rc = 0;
out:
	input_close(in);
	free(b);
	return rc;
}

/* 1-based line and column of byte p in buf. */
static void
line_col(const char *buf, const char *p, long *line, long *col)
{
	const char *q, *bol = buf;

	*line = 1;
	for (q = buf; q < p; q++) {
		if (*q == '\n') {
			(*line)++;
			bol = q + 1;
		}
	}
	*col = (long)(p - bol) + 1;
}

/* ---- JSON readers ----------------------------------------------------- */

/* Time of a JSON value: a time stamp string or epoch seconds. */
static int
json_time(const cJSON *j, int64_t *t)
{
	if (cJSON_IsString(j))
		return utc_parse(j->valuestring, strlen(j->valuestring), t);
	/* epoch seconds within +-1e11 (years -1200 to 5100) */
	if (cJSON_IsNumber(j) && fabs(j->valuedouble) < 1e11) {
		*t = (int64_t)floor(j->valuedouble);
		return 0;
	}
	return -1;
}

static double
json_value(const cJSON *j)
{
	if (cJSON_IsNumber(j))
		return j->valuedouble;
	if (cJSON_IsString(j))
		return parse_value(j->valuestring, strlen(j->valuestring));
	return NAN;
}

static const char *
json_str(const cJSON *obj, const char *key)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(j) ? j->valuestring : NULL;
}

/* Labels of one get-metric-data page: which are shared by two Ids. The
 * strings are borrowed from the page's tree. */
struct page_label {
	const char *label;
	const char *id; /* the first Id with the Label */
	int shared;     /* another Id has it too */
};

static const char *
page_label_key(const void *items, size_t pos)
{
	return ((const struct page_label *)items)[pos].label;
}

struct page_labels {
	struct page_label *l;
	size_t n, cap;
	struct nameindex idx;
};

static void
page_labels_build(struct page_labels *pl, const cJSON *res)
{
	const cJSON *m;

	memset(pl, 0, sizeof(*pl));
	cJSON_ArrayForEach(m, res) {
		const char *id = json_str(m, "Id"), *label = json_str(m, "Label");
		size_t i;

		if (id == NULL || label == NULL || label[0] == '\0')
			continue;
		i = nameindex_find(&pl->idx, label, page_label_key, pl->l);
		if (i != NAMEINDEX_NONE) {
			if (strcmp(pl->l[i].id, id) != 0)
				pl->l[i].shared = 1;
			continue;
		}
		xgrow((void **)&pl->l, &pl->cap, pl->n + 1, sizeof(*pl->l));
		pl->l[pl->n].label = label;
		pl->l[pl->n].id = id;
		pl->l[pl->n].shared = 0;
		nameindex_add(&pl->idx, label, pl->n++);
	}
}

static void
page_labels_fini(struct page_labels *pl)
{
	free(pl->l);
	nameindex_fini(&pl->idx);
}

static const char *
gmd_id_key(const void *items, size_t pos)
{
	return ((const struct gmd_id *)items)[pos].id;
}

static const char *
gmd_name_key(const void *items, size_t pos)
{
	return ((const struct gmd_id *)items)[pos].name;
}

/*
 * The series name of get-metric-data result m (Id id, at JSON path
 * where): its Label, unless the Label is empty or another Id of the same
 * page has it too (CloudWatch fills the Label with the metric name when
 * the query gives none), then its Id. An Id seen before in the file keeps
 * its first name, so pages merge per Id; seen before with another Label,
 * it is two queries' answers under one Id, which cannot be told apart:
 * NULL with r->d. Two Ids of different pages that come to one name are
 * merged, with a warning.
 */
static const char *
gmd_name(struct mreader *r, const struct page_labels *pl, const cJSON *m, const char *id,
	 const char *where)
{
	const char *label = json_str(m, "Label");
	struct gmd_id *g;
	size_t i;

	if (label == NULL)
		label = "";
	i = nameindex_find(&r->ididx, id, gmd_id_key, r->ids);
	if (i != NAMEINDEX_NONE) {
		g = &r->ids[i];
		if (label[0] != '\0' && g->label[0] != '\0' && strcmp(label, g->label) != 0) {
			diag_set(r->d, r->path, 0, 0,
				 "%s: Id %s has the Label \"%s\", but \"%s\" at %s: two queries "
				 "answered under one Id cannot be told apart (read each answer "
				 "as its own file)", where, id, label, g->label, g->where);
			return NULL;
		}
		return g->name;
	}
	xgrow((void **)&r->ids, &r->ids_cap, r->nids + 1, sizeof(*r->ids));
	g = &r->ids[r->nids];
	g->id = xstrdup(id);
	g->label = xstrdup(label);
	g->where = xstrdup(where);
	if (label[0] == '\0') {
		g->name = xstrdup(id);
	} else {
		i = nameindex_find(&pl->idx, label, page_label_key, pl->l);
		g->name = xstrdup(i != NAMEINDEX_NONE && pl->l[i].shared ? id : label);
	}
	i = nameindex_find(&r->idnameidx, g->name, gmd_name_key, r->ids);
	if (i == NAMEINDEX_NONE)
		nameindex_add(&r->idnameidx, g->name, r->nids);
	else if (r->nmerged++ == 0)
		r->merged = xasprintf("%s: Id %s is read as series %s, as Id %s at %s: their "
				      "points are merged into one series", where, id, g->name,
				      r->ids[i].id, r->ids[i].where);
	nameindex_add(&r->ididx, id, r->nids);
	return r->ids[r->nids++].name;
}

static const char *
partial_key(const void *items, size_t pos)
{
	return ((const struct metrics_partial *)items)[pos].id;
}

/* Note that Id is PartialData (1) or Complete (0) on this page, and keep
 * one warning naming the Ids still partial after every page so far: the
 * pages of one answer passed together are not a warning. */
static void
note_partial(struct mreader *r, const char *id, int partial)
{
	struct metrics_tally *t = r->o->tally;
	size_t i;

	if (t == NULL)
		return;
	i = nameindex_find(&t->pidx, id, partial_key, t->partial);
	if (i == NAMEINDEX_NONE) {
		if (!partial)
			return;
		xgrow((void **)&t->partial, &t->partial_cap, t->npartial + 1,
		      sizeof(*t->partial));
		t->partial[t->npartial].id = xstrdup(id);
		t->partial[t->npartial].open = 0;
		nameindex_add(&t->pidx, id, t->npartial);
		i = t->npartial++;
	}
	if (partial && !t->partial[i].open) {
		t->partial[i].open = 1;
		t->nopen++;
		if (i < t->first_open)
			t->first_open = i;
	} else if (!partial && t->partial[i].open) {
		t->partial[i].open = 0;
		t->nopen--;
	}
}

static void
update_partial_warning(struct mreader *r)
{
	struct metrics_tally *t = r->o->tally;
	size_t w;

	if (t == NULL)
		return;
	if (t->partial_warning != 0) {
		/* remove the old one, keeping the others in order */
		w = t->partial_warning - 1;
		free(t->warnings[w]);
		memmove(&t->warnings[w], &t->warnings[w + 1],
			(t->nwarnings - w - 1) * sizeof(*t->warnings));
		t->nwarnings--;
		t->partial_warning = 0;
	}
	if (t->nopen == 0)
		return;
	while (!t->partial[t->first_open].open)
		t->first_open++;
	warn(r, "%s%s: StatusCode PartialData: this page is part of a longer answer; "
	     "pass every page (NextToken)", t->partial[t->first_open].id,
	     t->nopen > 1 ? xbuf_more((int)t->nopen - 1) : "");
	t->partial_warning = t->nwarnings;
}

/* One page of `aws cloudwatch get-metric-data`. */
static int
read_gmd(struct mreader *r, const cJSON *doc)
{
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(doc, "MetricDataResults");
	const cJSON *m;
	const char *other = NULL, *other_status = NULL;
	struct page_labels pl;
	int npartial = 0, nother = 0, rc = 0, k = -1;

	if (!cJSON_IsArray(res))
		return diag_set(r->d, r->path, 0, 0, "%sMetricDataResults is not an array",
				r->where);
	page_labels_build(&pl, res);
	cJSON_ArrayForEach(m, res) {
		const char *id = json_str(m, "Id");
		const char *status = json_str(m, "StatusCode");
		const cJSON *ts = cJSON_GetObjectItemCaseSensitive(m, "Timestamps");
		const cJSON *vs = cJSON_GetObjectItemCaseSensitive(m, "Values");
		const cJSON *tj, *vj;
		const char *name;
		char where[96];
		struct macc *s;

		snprintf(where, sizeof(where), "%sMetricDataResults[%d]", r->where, ++k);
		if (id == NULL) {
			rc = diag_set(r->d, r->path, 0, 0, "%s has no Id", where);
			goto out;
		}
		if (status != NULL)
			note_partial(r, id, strcmp(status, "PartialData") == 0);
		if (status != NULL && strcmp(status, "Complete") != 0) {
			if (strcmp(status, "PartialData") == 0) {
				npartial++;
			} else if (nother++ == 0) {
				other = id;
				other_status = status;
			}
		}
		if (ts == NULL && vs == NULL)
			continue;
		if (!cJSON_IsArray(ts) || !cJSON_IsArray(vs)) {
			rc = diag_set(r->d, r->path, 0, 0,
				      "%s (Id %s): Timestamps and Values must be arrays", where, id);
			goto out;
		}
		if (cJSON_GetArraySize(ts) != cJSON_GetArraySize(vs)) {
			rc = diag_set(r->d, r->path, 0, 0, "%s (Id %s): %d Timestamps but %d Values",
				      where, id, cJSON_GetArraySize(ts), cJSON_GetArraySize(vs));
			goto out;
		}
		if (cJSON_GetArraySize(ts) == 0)
			continue; /* no data in the period: no series */
		name = gmd_name(r, &pl, m, id, where);
		if (name == NULL) {
			rc = -1;
			goto out;
		}
		s = acc_get(r, name, NULL);
		for (tj = ts->child, vj = vs->child; tj != NULL && vj != NULL;
		     tj = tj->next, vj = vj->next) {
			int64_t t;

			if (json_time(tj, &t) < 0) {
				rc = diag_set(r->d, r->path, 0, 0,
					      "%s (Id %s): Timestamps holds something that is not "
					      "a time stamp", where, id);
				goto out;
			}
			acc_add(r, s, t, json_value(vj));
		}
	}
out:
	page_labels_fini(&pl);
	/* one warning per status and page, not one per result */
	if (r->o->tally != NULL && (npartial > 0 || r->o->tally->partial_warning != 0))
		update_partial_warning(r);
	if (nother > 0)
		warn(r, "%s%s: StatusCode %s: no or incomplete data", other,
		     nother > 1 ? xbuf_more(nother - 1) : "", other_status);
	return rc;
}

static const char *const cw_stats[] = {
	"Average", "Maximum", "Minimum", "Sum", "SampleCount",
};

static void
add_key(const char **keys, size_t *nkeys, size_t max, const char *key)
{
	size_t k;

	for (k = 0; k < *nkeys; k++) {
		if (strcmp(keys[k], key) == 0)
			return;
	}
	if (*nkeys < max)
		keys[(*nkeys)++] = key;
}

/* `aws cloudwatch get-metric-statistics`: one series per statistic key
 * (named after the Label, with ":Key" when there are several). */
static int
read_gms(struct mreader *r, const cJSON *doc)
{
	const cJSON *dps = cJSON_GetObjectItemCaseSensitive(doc, "Datapoints");
	const char *label = json_str(doc, "Label");
	const char *keys[32];
	size_t nkeys = 0, k;
	const cJSON *p, *e;

	if (!cJSON_IsArray(dps))
		return diag_set(r->d, r->path, 0, 0, "Datapoints is not an array");
	if (label == NULL || label[0] == '\0')
		label = r->o->name ? r->o->name : r->base;
	cJSON_ArrayForEach(p, dps) {
		cJSON_ArrayForEach(e, p) {
			if (strcmp(e->string, "ExtendedStatistics") == 0) {
				const cJSON *x;

				cJSON_ArrayForEach(x, e)
					add_key(keys, &nkeys, ARRAY_SIZE(keys), x->string);
				continue;
			}
			for (k = 0; k < ARRAY_SIZE(cw_stats); k++) {
				if (strcmp(e->string, cw_stats[k]) == 0)
					add_key(keys, &nkeys, ARRAY_SIZE(keys), e->string);
			}
		}
	}
	if (r->o->statistic != NULL) {
		size_t keep = nkeys;

		for (k = 0; k < nkeys; k++) {
			if (strcmp(keys[k], r->o->statistic) == 0)
				keep = k;
		}
		if (keep == nkeys)
			return diag_set(r->d, r->path, 0, 0,
					"no statistic %s in Datapoints%s%s", r->o->statistic,
					nkeys ? " (found " : "", nkeys ? keys[0] : "");
		keys[0] = keys[keep];
		nkeys = 1;
	}
	for (k = 0; k < nkeys; k++) {
		char *name = nkeys == 1 ? xstrdup(label) : xasprintf("%s:%s", label, keys[k]);
		struct macc *s = acc_get(r, name, NULL);

		free(name);
		cJSON_ArrayForEach(p, dps) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(p, keys[k]);
			const char *unit = json_str(p, "Unit");
			int64_t t;

			if (v == NULL)
				v = cJSON_GetObjectItemCaseSensitive(
					cJSON_GetObjectItemCaseSensitive(p, "ExtendedStatistics"),
					keys[k]);
			if (v == NULL)
				continue;
			if (json_time(cJSON_GetObjectItemCaseSensitive(p, "Timestamp"), &t) < 0)
				return diag_set(r->d, r->path, 0, 0,
						"a Datapoint has no Timestamp we can read");
			if (unit != NULL && s->unit[0] == '\0') {
				free(s->unit);
				s->unit = xstrdup(unit);
			}
			acc_add(r, s, t, json_value(v));
		}
	}
	return 0;
}

static int
str_ptr_cmp(const void *pa, const void *pb)
{
	return strcmp(*(char *const *)pa, *(char *const *)pb);
}

/* Prometheus series name: __name__{a="x",b="y"}, labels sorted by name
 * (as Prometheus prints them), quotes and backslashes escaped. */
static char *
prom_name(const cJSON *metric, const char *fallback)
{
	const char *names[256];
	const cJSON *e;
	const char *mname = NULL;
	size_t n = 0, i, len;
	char *out, *w;

	cJSON_ArrayForEach(e, metric) {
		if (!cJSON_IsString(e))
			continue;
		if (strcmp(e->string, "__name__") == 0)
			mname = e->valuestring;
		else if (n < ARRAY_SIZE(names))
			names[n++] = e->string;
	}
	if (mname == NULL && n == 0)
		return xstrdup(fallback);
	qsort(names, n, sizeof(names[0]), str_ptr_cmp);
	len = (mname ? strlen(mname) : 0) + 3;
	for (i = 0; i < n; i++)
		len += strlen(names[i]) + 2 * strlen(json_str(metric, names[i])) + 4;
	out = w = xmalloc(len);
	w += sprintf(w, "%s", mname ? mname : "");
	if (n > 0) {
		*w++ = '{';
		for (i = 0; i < n; i++) {
			const char *v = json_str(metric, names[i]);

			w += sprintf(w, "%s%s=\"", i ? "," : "", names[i]);
			for (; *v; v++) {
				if (*v == '"' || *v == '\\')
					*w++ = '\\';
				*w++ = *v;
			}
			*w++ = '"';
		}
		*w++ = '}';
	}
	*w = '\0';
	return out;
}

/* Prometheus HTTP API /api/v1/query_range. */
static int
read_prom(struct mreader *r, const cJSON *doc)
{
	const char *status = json_str(doc, "status");
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(doc, "data");
	const char *rtype = json_str(data, "resultType");
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(data, "result");
	const cJSON *m;

	if (status != NULL && strcmp(status, "success") != 0) {
		const char *err = json_str(doc, "error");

		return diag_set(r->d, r->path, 0, 0, "Prometheus answered status %s: %s",
				status, err ? err : "(no message)");
	}
	if (rtype == NULL || strcmp(rtype, "matrix") != 0)
		return diag_set(r->d, r->path, 0, 0,
				"Prometheus resultType is %s; a query_range matrix is needed",
				rtype ? rtype : "missing");
	if (!cJSON_IsArray(res))
		return diag_set(r->d, r->path, 0, 0, "Prometheus data.result is not an array");
	cJSON_ArrayForEach(m, res) {
		const cJSON *vals = cJSON_GetObjectItemCaseSensitive(m, "values");
		const cJSON *pair;
		char *name = prom_name(cJSON_GetObjectItemCaseSensitive(m, "metric"),
				       r->o->name ? r->o->name : r->base);
		struct macc *s = acc_get(r, name, NULL);

		free(name);
		if (!cJSON_IsArray(vals))
			return diag_set(r->d, r->path, 0, 0, "series %s has no values array",
					s->name);
		cJSON_ArrayForEach(pair, vals) {
			int64_t t;

			if (!cJSON_IsArray(pair) || cJSON_GetArraySize(pair) != 2 ||
			    json_time(pair->child, &t) < 0)
				return diag_set(r->d, r->path, 0, 0,
						"series %s: a value is not a [time, \"value\"] pair",
						s->name);
			acc_add(r, s, t, json_value(pair->child->next));
		}
	}
	return 0;
}

static int
read_json_doc(struct mreader *r, const cJSON *doc)
{
	if (cJSON_IsArray(doc)) {
		size_t len = strlen(r->where);
		const cJSON *e;
		int k = 0;

		/* an array of pages */
		cJSON_ArrayForEach(e, doc) {
			snprintf(r->where + len, sizeof(r->where) - len, "[%d].", k++);
			if (read_json_doc(r, e) < 0)
				return -1;
		}
		r->where[len] = '\0';
		return 0;
	}
	if (!cJSON_IsObject(doc))
		return diag_set(r->d, r->path, 0, 0,
				"JSON is not a CloudWatch or Prometheus answer");
	if (cJSON_GetObjectItemCaseSensitive(doc, "MetricDataQueries") != NULL)
		return diag_set(r->d, r->path, 0, 0,
				"this is a get-metric-data query (its input), not its output");
	if (cJSON_GetObjectItemCaseSensitive(doc, "MetricDataResults") != NULL) {
		snprintf(r->a->format, sizeof(r->a->format), "cloudwatch-get-metric-data");
		return read_gmd(r, doc);
	}
	if (cJSON_GetObjectItemCaseSensitive(doc, "Datapoints") != NULL) {
		snprintf(r->a->format, sizeof(r->a->format), "cloudwatch-get-metric-statistics");
		return read_gms(r, doc);
	}
	if (cJSON_GetObjectItemCaseSensitive(doc, "data") != NULL ||
	    cJSON_GetObjectItemCaseSensitive(doc, "status") != NULL) {
		snprintf(r->a->format, sizeof(r->a->format), "prometheus-query-range");
		return read_prom(r, doc);
	}
	return diag_set(r->d, r->path, 0, 0,
			"JSON has none of MetricDataResults (CloudWatch get-metric-data), "
			"Datapoints (get-metric-statistics) or data.result (Prometheus)");
}

/* One or more JSON documents one after another (pages appended). */
static int
read_json(struct mreader *r, const char *buf, size_t len)
{
	size_t off = 0;
	int ndocs = 0;

	for (;;) {
		const char *end = NULL;
		cJSON *doc;
		int rc;

		while (off < len && isspace((unsigned char)buf[off]))
			off++;
		if (off >= len)
			break;
		/* on failure end is the position cJSON_GetErrorPtr() would
		 * give, without its global state; cJSON fails the same way
		 * when malloc does, which sets errno (cJSON's only other call
		 * that may, strtod, sets ERANGE) */
		errno = 0;
		doc = cJSON_ParseWithLengthOpts(buf + off, len - off, &end, 0);
		if (doc == NULL && errno == ENOMEM)
			die("out of memory parsing the JSON of %s (%.1f MB)", r->path,
			    (double)len / (1 << 20));
		if (doc == NULL) {
			long line, col;
			const char *at = end != NULL ? end : cJSON_GetErrorPtr();

			if (at == NULL || at < buf || at > buf + len)
				at = buf + off;
			line_col(buf, at, &line, &col);
			if (at >= buf + len)
				return diag_set(r->d, r->path, line, col,
						"malformed JSON: the file ends inside a value");
			{
				/* up to 16 bytes of the line, ending where
				 * parsing stopped */
				const char *from = at - (col - 1 > 16 ? 16 : col - 1);
				const char *to = at;

				if (*to != '\n' && *to != '\r')
					to++;
				return diag_set(r->d, r->path, line, col,
						"malformed JSON at '%.*s'", (int)(to - from),
						from);
			}
		}
		if (ndocs > 0)
			snprintf(r->where, sizeof(r->where), "document %d: ", ndocs + 1);
		rc = read_json_doc(r, doc);
		cJSON_Delete(doc);
		if (rc < 0)
			return -1;
		ndocs++;
		off = (size_t)(end - buf);
	}
	if (ndocs == 0)
		return diag_set(r->d, r->path, 0, 0, "empty file");
	if (r->nmerged > 0)
		warn(r, "%s%s", r->merged,
		     r->nmerged > 1 ? xbuf_more((int)r->nmerged - 1) : "");
	return 0;
}

/* ---- value-only files ------------------------------------------------- */

static int
looks_like_number(const char *s, size_t n)
{
	strn_trim(&s, &n);
	if (n == 0)
		return 0;
	if (s[0] == '-' || s[0] == '+' || s[0] == '.')
		return 1;
	if (isdigit((unsigned char)s[0]))
		return 1;
	return strn_ieq(s, n, "nan") || strn_ieq(s, n, "inf") || strn_ieq(s, n, "infinity");
}

/* Numbers separated by blanks or new lines (one a line, as PlanetLab;
 * or all on one line, as the NASA trace); an optional first token that
 * is not a number names the series. */
static int
read_values(struct mreader *r, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *tok;
	const char *name = r->o->name ? r->o->name : r->base;
	size_t n = 0, cap = 1024;
	double *v;
	char *hdr = NULL;
	long line = 1;

	if (!r->o->start_set)
		return diag_set(r->d, r->path, 1, 1,
				"values without time stamps: give the time of the first "
				"value (--start)");
	snprintf(r->a->format, sizeof(r->a->format), "values");
	v = xmalloc(cap * sizeof(*v));
	while (p < end) {
		double x;

		while (p < end && isspace((unsigned char)*p)) {
			if (*p == '\n')
				line++;
			p++;
		}
		if (p >= end)
			break;
		tok = p;
		while (p < end && !isspace((unsigned char)*p))
			p++;
		if (n == 0 && hdr == NULL && line == 1 &&
		    !looks_like_number(tok, (size_t)(p - tok))) {
			if (memchr(tok, '\0', (size_t)(p - tok)) != NULL) {
				free(v);
				return diag_set(r->d, r->path, 1, (long)(tok - buf) + 1,
						"the series name holds a NUL byte");
			}
			hdr = xstrndup(tok, (size_t)(p - tok));
			if (r->o->name == NULL)
				name = hdr;
			continue;
		}
		x = parse_value(tok, (size_t)(p - tok));
		if (n == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		r->a->rows_read++;
		if (isnan(x)) {
			r->a->values_bad++;
			account_skip(r->a, "bad value");
		}
		v[n++] = x;
	}
	if (n == 0) {
		free(v);
		free(hdr);
		return diag_set(r->d, r->path, 0, 0, "no values");
	}
	if (r->o->tally != NULL) {
		struct metrics_tally_item *ti = tally_get(r->o->tally, name);

		ti->points += (long)n;
		ti->values_bad += r->a->values_bad;
	}
	reader_add_ready(r, name, v, n);
	free(hdr);
	return 0;
}

/* ---- CSV -------------------------------------------------------------- */

static int
name_is(const char *s, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strn_ieq(s, strlen(s), names[i]))
			return 1;
	}
	return 0;
}

static int
field_empty(const char *s, size_t n)
{
	strn_trim(&s, &n);
	return n == 0;
}

/* A CSV time: a time stamp, or with --start, seconds from the start (as
 * the Azure public traces write them: 0, 300, 600...). */
static int
csv_time(const struct mreader *r, const char *f, size_t n, int64_t *t)
{
	double x;

	if (utc_parse(f, n, t) == 0)
		return 0;
	if (!r->o->start_set)
		return -1;
	x = parse_value(f, n);
	if (isnan(x) || x < 0 || x >= 1e9)
		return -1;
	*t = r->o->start + (int64_t)llround(x);
	return 0;
}

static const char *const time_names[] = {
	"timestamp", "time", "ts", "date", "datetime", "period", "hour", "t",
};
static const char *const series_names[] = {
	"series", "name", "metric", "id", "label",
};
static const char *const value_names[] = {
	"value", "values", "y",
};

enum csv_shape { CSV_TV, CSV_TSV, CSV_WIDE, CSV_NOTIME };

static const char *
colname_key(const void *items, size_t pos)
{
	return ((char *const *)items)[pos];
}

/*
 * The header rec of a CSV with one series per column: every column but
 * skip (the time column; ncol for none) names a series. Two columns of
 * one name, or a name holding a NUL byte (which would cut it short), make
 * the series ambiguous: -1 with r->d at the column.
 */
static int
header_names_check(struct mreader *r, const struct csvr *c, const struct csv_record *rec,
		   char *const *colname, size_t ncol, size_t skip)
{
	struct nameindex idx;
	size_t k, j;
	int rc = 0;

	memset(&idx, 0, sizeof(idx));
	for (k = 0; k < ncol && rc == 0; k++) {
		if (k == skip)
			continue;
		if (memchr(rec->f[k], '\0', rec->len[k]) != NULL) {
			rc = diag_set(r->d, r->path, rec->line, csvr_field_col(c, k),
				      "the name of column %zu holds a NUL byte", k + 1);
			break;
		}
		j = nameindex_find(&idx, colname[k], colname_key, colname);
		if (j != NAMEINDEX_NONE)
			rc = diag_set(r->d, r->path, rec->line, csvr_field_col(c, k),
				      "columns %zu and %zu are both named \"%s\": two series of one "
				      "name cannot be told apart", j + 1, k + 1, colname[k]);
		else
			nameindex_add(&idx, colname[k], k);
	}
	nameindex_fini(&idx);
	return rc;
}

/*
 * CSV metrics. Without a header: `timestamp,value` or
 * `timestamp,series,value`. With a header (the first field is not a time
 * stamp): the time column by name (timestamp, time, date, ...), a series
 * column by name (series, name, metric, id, label) with its value column,
 * or else one series per other column named by its header; with no time
 * column the columns are value-only series on the --start/--step grid.
 */
static int
read_csv(struct mreader *r)
{
	struct csvr *c = NULL;
	struct csv_record rec;
	enum csv_shape shape = CSV_TV;
	char **colname = NULL;
	double **cols = NULL; /* CSV_NOTIME: values per column */
	size_t ncol = 0, nrows = 0, cap = 0, k;
	size_t tcol = 0, scol = 0, vcol = 1;
	/* per column, wide: index + 1 into r->s (0: none); never pointers,
	 * which the next acc_get() may move */
	size_t *acc = NULL;
	int first = 1, got, rc = -1;

	if (csvr_open(r->path, &c, r->d) < 0)
		return -1;
	while ((got = csvr_next(c, &rec, r->d)) == 1) {
		int64_t t = 0;

		if (rec.blank)
			continue;
		if (first) {
			first = 0;
			ncol = rec.n;
			if (utc_parse(rec.f[0], rec.len[0], &t) < 0 &&
			    !looks_like_number(rec.f[0], rec.len[0])) {
				/* a header */
				size_t have_t = ncol, have_s = ncol, have_v = ncol;

				colname = xcalloc(ncol, sizeof(*colname));
				for (k = 0; k < ncol; k++) {
					const char *f = rec.f[k];
					size_t fl = rec.len[k];

					strn_trim(&f, &fl);
					colname[k] = xstrndup(f, fl);
					if (have_t == ncol && name_is(colname[k], time_names,
								      ARRAY_SIZE(time_names)))
						have_t = k;
					else if (have_s == ncol &&
						 name_is(colname[k], series_names,
							 ARRAY_SIZE(series_names)))
						have_s = k;
					else if (have_v == ncol &&
						 name_is(colname[k], value_names,
							 ARRAY_SIZE(value_names)))
						have_v = k;
				}
				if (have_t == ncol) {
					if (!r->o->start_set) {
						diag_set(r->d, r->path, rec.line, 1,
							 "no time column (timestamp, time, date...): "
							 "give the time of the first row (--start)");
						goto out;
					}
					if (header_names_check(r, c, &rec, colname, ncol, ncol) < 0)
						goto out;
					shape = CSV_NOTIME;
					cols = xcalloc(ncol, sizeof(*cols));
					snprintf(r->a->format, sizeof(r->a->format), "csv-values");
					continue;
				}
				tcol = have_t;
				if (have_s < ncol) {
					shape = CSV_TSV;
					scol = have_s;
					if (have_v == ncol && ncol == 3)
						have_v = 3 - tcol - scol;
					if (have_v == ncol) {
						diag_set(r->d, r->path, rec.line, 1,
							 "a series column but no value column "
							 "(value)");
						goto out;
					}
					vcol = have_v;
				} else {
					if (header_names_check(r, c, &rec, colname, ncol, tcol) < 0)
						goto out;
					shape = CSV_WIDE;
					acc = xcalloc(ncol, sizeof(*acc));
					for (k = 0; k < ncol; k++) {
						const char *nm = colname[k];

						if (k == tcol)
							continue;
						if (ncol == 2 && name_is(nm, value_names,
									 ARRAY_SIZE(value_names)))
							nm = r->o->name ? r->o->name : r->base;
						else if (ncol == 2 && r->o->name != NULL)
							nm = r->o->name;
						acc[k] = (size_t)(acc_get(r, nm, NULL) - r->s) + 1;
					}
				}
				snprintf(r->a->format, sizeof(r->a->format), "%s",
					 shape == CSV_TSV ? "csv-series" : "csv");
				continue;
			}
			/* no header */
			if (ncol == 2) {
				shape = CSV_TV;
			} else if (ncol == 3) {
				shape = CSV_TSV;
				scol = 1;
				vcol = 2;
			} else {
				diag_set(r->d, r->path, rec.line, 1,
					 "%zu columns and no header: write timestamp,value or "
					 "timestamp,series,value, or add a header", ncol);
				goto out;
			}
			snprintf(r->a->format, sizeof(r->a->format), "%s",
				 shape == CSV_TSV ? "csv-series" : "csv");
		}
		if (rec.n != ncol) {
			diag_set(r->d, r->path, rec.line, 1, "%zu fields where the %s has %zu",
				 rec.n, colname ? "header" : "first row", ncol);
			goto out;
		}
		if (shape == CSV_NOTIME) {
			if (nrows == cap) {
				cap = cap ? cap * 2 : 1024;
				for (k = 0; k < ncol; k++)
					cols[k] = xrealloc(cols[k], cap * sizeof(double));
			}
			for (k = 0; k < ncol; k++) {
				double x = parse_value(rec.f[k], rec.len[k]);

				r->a->rows_read++;
				if (isnan(x)) {
					r->a->values_bad++;
					account_skip(r->a, "bad value");
					if (r->o->tally != NULL)
						tally_get(r->o->tally, colname[k])->values_bad++;
				}
				if (r->o->tally != NULL)
					tally_get(r->o->tally, colname[k])->points++;
				cols[k][nrows] = x;
			}
			nrows++;
			continue;
		}
		if (csv_time(r, rec.f[tcol], rec.len[tcol], &t) < 0) {
			diag_set(r->d, r->path, rec.line, csvr_field_col(c, tcol),
				 "\"%.40s\" is not a time stamp%s", rec.f[tcol],
				 r->o->start_set ? "" : " (seconds from a start need --start)");
			goto out;
		}
		if (shape == CSV_TV) {
			struct macc *s;

			if (acc == NULL) {
				acc = xcalloc(2, sizeof(*acc));
				s = acc_get(r, r->o->name ? r->o->name : r->base, NULL);
				acc[1] = (size_t)(s - r->s) + 1;
			}
			s = &r->s[acc[1] - 1];
			if (field_empty(rec.f[1], rec.len[1]))
				acc_empty(r, s);
			else
				acc_add(r, s, t, parse_value(rec.f[1], rec.len[1]));
		} else if (shape == CSV_TSV) {
			const char *sn = rec.f[scol];
			size_t sl = rec.len[scol];
			char *name;
			struct macc *s;

			strn_trim(&sn, &sl);
			if (memchr(sn, '\0', sl) != NULL) {
				diag_set(r->d, r->path, rec.line, csvr_field_col(c, scol),
					 "the series name holds a NUL byte");
				goto out;
			}
			name = xstrndup(sn, sl);
			s = acc_get(r, name, NULL);
			free(name);
			if (field_empty(rec.f[vcol], rec.len[vcol]))
				acc_empty(r, s);
			else
				acc_add(r, s, t, parse_value(rec.f[vcol], rec.len[vcol]));
		} else {
			for (k = 0; k < ncol; k++) {
				struct macc *s;

				if (k == tcol)
					continue;
				s = &r->s[acc[k] - 1];
				if (field_empty(rec.f[k], rec.len[k]))
					acc_empty(r, s);
				else
					acc_add(r, s, t, parse_value(rec.f[k], rec.len[k]));
			}
		}
	}
	if (got < 0)
		goto out;
	if (first) {
		diag_set(r->d, r->path, 0, 0, "empty file");
		goto out;
	}
	if (shape == CSV_NOTIME) {
		if (nrows == 0) {
			diag_set(r->d, r->path, 0, 0, "a header and no rows");
			goto out;
		}
		for (k = 0; k < ncol; k++) {
			reader_add_ready(r, ncol == 1 && r->o->name ? r->o->name : colname[k],
					 cols[k], nrows);
			cols[k] = NULL;
		}
	}
	rc = 0;
out:
	for (k = 0; colname != NULL && k < ncol; k++)
		free(colname[k]);
	for (k = 0; cols != NULL && k < ncol; k++)
		free(cols[k]);
	free(colname);
	free(cols);
	free(acc);
	csvr_close(c);
	return rc;
}

/* ---- detection and entry points ---------------------------------------- */

enum mformat { MF_JSON, MF_CSV, MF_VALUES };

/* Tell the format from the first bytes: JSON starts with { or [; a first
 * line with a comma is CSV; anything else is values. */
static int
sniff(const char *path, enum mformat *f, struct diag *d)
{
	struct input *in = NULL;
	char buf[4096];
	long n, i = 0;

	if (input_open(path, &in, d) < 0)
		return -1;
	n = input_read(in, buf, sizeof(buf) - 1, d);
	input_close(in);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && isspace((unsigned char)buf[i]))
		i++;
	if (i >= n)
		return diag_set(d, path, 0, 0, "empty file");
	if (buf[i] == '{' || buf[i] == '[') {
		*f = MF_JSON;
		return 0;
	}
	*f = MF_VALUES;
	for (; i < n && buf[i] != '\n'; i++) {
		if (buf[i] == ',') {
			*f = MF_CSV;
			break;
		}
	}
	return 0;
}

static char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	char *s, *dot;

	s = xstrdup(b ? b + 1 : path);
	if (strlen(s) > 3 && strcmp(s + strlen(s) - 3, ".gz") == 0)
		s[strlen(s) - 3] = '\0';
	dot = strrchr(s, '.');
	if (dot != NULL && dot != s)
		*dot = '\0';
	return s;
}

int
metrics_load(const char *path, const struct metrics_opts *o,
	     struct series_set *out, struct account *a, struct diag *d)
{
	struct mreader r;
	enum mformat f;
	char *buf = NULL;
	size_t len = 0;
	int rc = -1;

	account_init(a, path, "");
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.o = o;
	r.a = a;
	r.d = d;
	r.base = base_name(path);
	if (sniff(path, &f, d) < 0)
		goto out;
	if (f == MF_CSV) {
		if (read_csv(&r) < 0)
			goto out;
	} else if (f == MF_JSON) {
		struct jscan js;
		unsigned long long max;

		memset(&js, 0, sizeof(js));
		if (json_limit(o, path, &max, d) < 0 || read_all(path, max, &js, &buf, &len, d) < 0)
			goto out;
		if (js.nul != 0) {
			long line, col;

			line_col(buf, buf + js.nul - 1, &line, &col);
			diag_set(d, path, line, col, "%s: names, Ids and time stamps cannot hold one",
				 buf[js.nul - 1] == '\0' ? "a NUL byte"
							  : "a NUL character (\\u0000)");
			goto out;
		}
		if (read_json(&r, buf, len) < 0)
			goto out;
	} else {
		if (read_all(path, METRICS_MAX_VALUES, NULL, &buf, &len, d) < 0 ||
		    read_values(&r, buf, len) < 0)
			goto out;
	}
	if (reader_finish(&r, out) < 0)
		goto out;
	rc = 0;
out:
	free(buf);
	reader_fini(&r);
	return rc;
}

/* ---- orders ------------------------------------------------------------ */

static const char *const count_names[] = {
	"orders", "count", "value", "n",
};

int
orders_load(const char *path, const struct orders_opts *o, struct series *out,
	    struct account *a, struct diag *d)
{
	struct csvr *c = NULL;
	struct csv_record rec;
	int64_t *hour = NULL, lo = 0, hi = 0;
	double *cnt = NULL;
	size_t n = 0, cap = 0, k, tcol = 0, ccol = 1, ncol = 0;
	int first = 1, got, rc = -1, header = 0;
	int export = o->time_column != NULL;

	account_init(a, path, export ? "orders-export" : "orders-hourly");
	memset(out, 0, sizeof(*out));
	if (csvr_open(path, &c, d) < 0)
		return -1;
	while ((got = csvr_next(c, &rec, d)) == 1) {
		int64_t t;
		double x = 1;

		if (rec.blank)
			continue;
		if (first) {
			first = 0;
			ncol = rec.n;
			header = utc_parse(rec.f[0], rec.len[0], &t) < 0;
			if (export) {
				tcol = ncol;
				for (k = 0; k < ncol; k++) {
					const char *f = rec.f[k];
					size_t fl = rec.len[k];

					strn_trim(&f, &fl);
					if (strn_ieq(f, fl, o->time_column))
						tcol = k;
				}
				if (tcol == ncol) {
					diag_set(d, path, rec.line, 1,
						 "no column %s in the header (it starts \"%.60s\")",
						 o->time_column, csvr_raw(c, &(size_t){ 0 }));
					goto out;
				}
				continue;
			}
			if (ncol < 2) {
				diag_set(d, path, rec.line, 1,
					 "hourly orders need two columns: timestamp,orders "
					 "(for an order export give its time column)");
				goto out;
			}
			if (header) {
				size_t ht = ncol, hc = ncol;

				for (k = 0; k < ncol; k++) {
					char *nm = xstrndup(rec.f[k], rec.len[k]);

					if (ht == ncol && name_is(nm, time_names, ARRAY_SIZE(time_names)))
						ht = k;
					else if (hc == ncol &&
						 name_is(nm, count_names, ARRAY_SIZE(count_names)))
						hc = k;
					free(nm);
				}
				tcol = ht < ncol ? ht : 0;
				ccol = hc < ncol ? hc : (tcol == 0 ? 1 : 0);
				continue;
			}
		}
		if (rec.n != ncol) {
			diag_set(d, path, rec.line, 1, "%zu fields where the %s has %zu", rec.n,
				 header ? "header" : "first row", ncol);
			goto out;
		}
		a->rows_read++;
		if (export && rec.len[tcol] == 0) {
			account_skip(a, "empty time stamp");
			continue;
		}
		if (utc_parse(rec.f[tcol], rec.len[tcol], &t) < 0) {
			diag_set(d, path, rec.line, csvr_field_col(c, tcol),
				 "\"%.40s\" is not a time stamp", rec.f[tcol]);
			goto out;
		}
		if (!export) {
			x = parse_value(rec.f[ccol], rec.len[ccol]);
			if (isnan(x) || x < 0) {
				a->values_bad++;
				account_skip(a, "bad value");
				continue;
			}
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			hour = xrealloc(hour, cap * sizeof(*hour));
			cnt = xrealloc(cnt, cap * sizeof(*cnt));
		}
		hour[n] = utc_floor_hour(t);
		cnt[n] = x;
		if (n == 0 || hour[n] < lo)
			lo = hour[n];
		if (n == 0 || hour[n] > hi)
			hi = hour[n];
		n++;
	}
	if (got < 0)
		goto out;
	if (n == 0) {
		diag_set(d, path, 0, 0, "no orders in the file");
		goto out;
	}
	/* the same budget as a metrics file's grid points (one per hour) */
	if ((hi - lo) / 3600 + 1 > METRICS_MAX_FILE_POINTS) {
		diag_set(d, path, 0, 0,
			 "orders span %lld hours, more than %ld (a stray time stamp?)",
			 (long long)((hi - lo) / 3600 + 1), (long)METRICS_MAX_FILE_POINTS);
		goto out;
	}
	series_init(out, o->name ? o->name : "orders", "orders/h", lo, 3600,
		    (size_t)((hi - lo) / 3600 + 1));
	if (export) {
		for (k = 0; k < out->n; k++)
			out->v[k] = 0; /* the export lists every order: no row, no order */
	}
	for (k = 0; k < n; k++) {
		size_t i = (size_t)((hour[k] - lo) / 3600);

		out->v[i] = isnan(out->v[i]) ? cnt[k] : out->v[i] + cnt[k];
	}
	a->gaps = (long)count_gaps(out);
	a->rows_used = a->rows_read - account_skipped(a);
	rc = 0;
out:
	free(hour);
	free(cnt);
	csvr_close(c);
	return rc;
}

int
duration_parse(const char *s, int64_t *secs)
{
	static const struct unit units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 }, { 'w', 7 * 86400 },
	};
	double v;

	if (parse_scaled(s, units, ARRAY_SIZE(units), 0, NULL, 1e12, &v) < 0)
		return -1;
	*secs = (int64_t)llround(v);
	return 0;
}

