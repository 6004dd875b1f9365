/*
 * scenario.c - the scenario file reader (cJSON) and the synthetic load.
 *
 * Layer: engine, reader. Parse, convert, drop: the cJSON tree becomes
 * sim.h records and is deleted before returning. Every object is checked
 * against its list of keys, so a typo is an error, never ignored.
 */
#include "config.h"

#include "sim/scenario.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/afile.h"
#include "data/account.h"
#include "ingest/billing.h"
#include "ingest/catalog.h"
#include "model/loadfit.h"
#include "ingest/metrics.h"
#include "base/money.h"
#include "data/rollup.h"
#include "base/utc.h"
#include "base/util.h"

/* The largest scenario file read: a pack is a few KB, a year of
 * one-minute load values in "values" about 5 MB. */
#define SCENARIO_MAX_BYTES (64 << 20)

/* Reading context: the file name for diagnostics. */
struct rd {
	const char *file;
	struct diag *d;
	const char *text;         /* the file's text, to place errors */
	size_t ntext;
	const char *catalog_path; /* the scenario's "catalog", or NULL */
	const char *region;       /* the scenario's "region", or NULL */
	struct catalog *cat;      /* loaded on first need */
	char *cat_file;           /* where it was read */
};

static void locate(const char *text, size_t n, const char *path, long *line,
		   long *col);
static int
bad(struct rd *r, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int
bad(struct rd *r, const char *path, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	long line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	locate(r->text, r->ntext, path, &line, &col);
	return diag_set(r->d, r->file, line, col, "%s: %s", path, msg);
}

/* snprintf for JSON paths; a path longer than the buffer is cut. */
static void pathf(char *buf, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void
pathf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}

static void
subpath(char *buf, size_t n, const char *path, const char *key)
{
	size_t a = strlen(path), b = strlen(key), k = 0;

	if (a > 0 && a + 1 < n) {
		memcpy(buf, path, a);
		buf[a] = '.';
		k = a + 1;
	}
	if (k + b >= n)
		b = n - k - 1;
	memcpy(buf + k, key, b);
	buf[k + b] = '\0';
}

/*
 * Placing an error: a small scanner over the (valid) JSON text that
 * follows the same paths as the loader ("a.b[2].c") and stops at the
 * member or element the path names. Paths that an override added have no
 * place in the file; then only the path is given.
 */
struct scan {
	const char *s, *end;
	const char *want;  /* path sought */
	int skip;          /* occurrences of it to pass over (a repeated key) */
	const char *hit;   /* where it starts, once found */
	char path[300];
};

static void
scan_ws(struct scan *sc)
{
	while (sc->s < sc->end && (*sc->s == ' ' || *sc->s == '\t' ||
				   *sc->s == '\n' || *sc->s == '\r'))
		sc->s++;
}

/* Skip a string at sc->s (on the quote); copy up to n-1 raw bytes. */
static void
scan_string(struct scan *sc, char *out, size_t n)
{
	size_t k = 0;

	sc->s++;
	while (sc->s < sc->end && *sc->s != '"') {
		if (*sc->s == '\\' && sc->s + 1 < sc->end)
			sc->s++;
		if (out != NULL && k + 1 < n)
			out[k++] = *sc->s;
		sc->s++;
	}
	if (out != NULL)
		out[k] = '\0';
	if (sc->s < sc->end)
		sc->s++;
}

/* Skip one value without following paths (iteratively, so any depth is
 * fine): used below the depth the locator searches. */
static void
scan_skip(struct scan *sc)
{
	long depth = 0;

	do {
		scan_ws(sc);
		if (sc->s >= sc->end)
			return;
		if (*sc->s == '"') {
			scan_string(sc, NULL, 0);
		} else if (*sc->s == '{' || *sc->s == '[') {
			depth++;
			sc->s++;
		} else if (*sc->s == '}' || *sc->s == ']') {
			depth--;
			sc->s++;
		} else if (*sc->s == ',' || *sc->s == ':') {
			sc->s++;
		} else {
			while (sc->s < sc->end && *sc->s != ',' && *sc->s != '}' &&
			       *sc->s != ']' && *sc->s != ':' && *sc->s != '"')
				sc->s++;
		}
	} while (depth > 0);
}

static void
scan_value(struct scan *sc, int depth)
{
	size_t len = strlen(sc->path);

	scan_ws(sc);
	if (sc->s >= sc->end || sc->hit != NULL)
		return;
	if (depth > 64) {
		scan_skip(sc);
		return;
	}
	if (*sc->s == '{' || *sc->s == '[') {
		int obj = *sc->s == '{';
		size_t idx = 0;

		sc->s++;
		for (;;) {
			char key[128];
			const char *at;

			scan_ws(sc);
			if (sc->s >= sc->end || *sc->s == '}' || *sc->s == ']') {
				sc->s++;
				break;
			}
			at = sc->s;
			if (obj) {
				scan_string(sc, key, sizeof(key));
				scan_ws(sc);
				sc->s++; /* ':' */
				pathf(sc->path + len, sizeof(sc->path) - len, "%s%s",
				      len ? "." : "", key);
			} else {
				pathf(sc->path + len, sizeof(sc->path) - len, "[%zu]", idx);
			}
			if (strcmp(sc->path, sc->want) == 0) {
				if (sc->skip == 0) {
					sc->hit = at;
					return;
				}
				sc->skip--;
			}
			scan_value(sc, depth + 1);
			if (sc->hit != NULL)
				return;
			sc->path[len] = '\0';
			idx++;
			scan_ws(sc);
			if (sc->s < sc->end && *sc->s == ',')
				sc->s++;
		}
		return;
	}
	if (*sc->s == '"') {
		scan_string(sc, NULL, 0);
		return;
	}
	while (sc->s < sc->end && *sc->s != ',' && *sc->s != '}' && *sc->s != ']')
		sc->s++;
}

/* Line and column (1-based) of the byte at `at` in text. */
static void
text_position(const char *text, const char *at, long *line, long *col)
{
	const char *p;

	*line = 1;
	*col = 1;
	for (p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/* Line and column (1-based) of the occurrence nth (0: the first) of path
 * in text, or of the nearest enclosing member that is there; 0 when none
 * is. */
static void
locate_nth(const char *text, size_t n, const char *path, int nth, long *line,
	   long *col)
{
	struct scan sc;
	char want[300];

	*line = *col = 0;
	if (text == NULL || path[0] == '\0' || path[0] == '(')
		return;
	pathf(want, sizeof(want), "%s", path);
	for (;;) {
		char *dot, *br, *cut;

		memset(&sc, 0, sizeof(sc));
		sc.s = text;
		sc.end = text + n;
		sc.want = want;
		sc.skip = nth;
		scan_value(&sc, 0);
		nth = 0; /* an enclosing member: its first place */
		if (sc.hit != NULL)
			break;
		dot = strrchr(want, '.');
		br = strrchr(want, '[');
		cut = br != NULL && (dot == NULL || br > dot) ? br : dot;
		if (cut == NULL)
			return;
		*cut = '\0';
	}
	text_position(text, sc.hit, line, col);
}

static void
locate(const char *text, size_t n, const char *path, long *line, long *col)
{
	locate_nth(text, n, path, 0, line, col);
}

/* A member of an object, in the order of the file, for finding repeats. */
struct member {
	const char *key;
	size_t idx;
};

static int
member_cmp(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The index of the first member of obj (of n) whose key an earlier one
 * has (n when none), in O(n log n). */
static size_t
first_repeat(const cJSON *obj, size_t n)
{
	struct member *m = xmalloc(n * sizeof(*m));
	const cJSON *it;
	size_t k = 0, rep = n;

	cJSON_ArrayForEach(it, obj) {
		m[k].key = it->string;
		m[k].idx = k;
		k++;
	}
	qsort(m, n, sizeof(*m), member_cmp);
	for (k = 1; k < n; k++) {
		if (m[k].idx < rep && strcmp(m[k].key, m[k - 1].key) == 0)
			rep = m[k].idx;
	}
	free(m);
	return rep;
}

/* A repeated key: the error is at the repeat and names the first. The
 * locator searches 64 levels deep; below that only the path is given. */
static int
repeat_error(struct rd *r, const char *path, int depth)
{
	long l1 = 0, c1 = 0, l2 = 0, c2 = 0;

	if (depth <= 64) {
		locate_nth(r->text, r->ntext, path, 0, &l1, &c1);
		locate_nth(r->text, r->ntext, path, 1, &l2, &c2);
	}
	if (l1 > 0 && (l2 != l1 || c2 != c1))
		return diag_set(r->d, r->file, l2, c2,
				"%s: key given twice (first on line %ld, column %ld)",
				path, l1, c1);
	return diag_set(r->d, r->file, l2, c2, "%s: key given twice", path);
}

/* cJSON keeps the first of a repeated key and ignores the rest: refuse
 * a repeat anywhere in the tree, the first in the file. node is at path,
 * depth levels down. */
static int
check_repeats(struct rd *r, const cJSON *node, const char *path, int depth)
{
	const cJSON *it;
	size_t n = 0, rep, k = 0;
	char sub[300];

	if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
		return 0;
	cJSON_ArrayForEach(it, node) {
		n++;
	}
	rep = cJSON_IsObject(node) && n > 1 ? first_repeat(node, n) : n;
	cJSON_ArrayForEach(it, node) {
		if (cJSON_IsObject(node))
			subpath(sub, sizeof(sub), path, it->string);
		else
			pathf(sub, sizeof(sub), "%s[%zu]", path, k);
		if (k == rep)
			return repeat_error(r, sub, depth + 1);
		if (check_repeats(r, it, sub, depth + 1) != 0)
			return -1;
		k++;
	}
	return 0;
}

static int
check_keys(struct rd *r, const cJSON *obj, const char *path,
	   const char *const *keys)
{
	const cJSON *it;
	char p[300];

	if (!cJSON_IsObject(obj))
		return bad(r, path[0] ? path : "(top)", "expected an object");
	cJSON_ArrayForEach(it, obj) {
		size_t k;
		int ok = 0;

		for (k = 0; keys[k] != NULL; k++) {
			if (strcmp(it->string, keys[k]) == 0)
				ok = 1;
		}
		if (!ok) {
			subpath(p, sizeof(p), path, it->string);
			return bad(r, p, "unknown key");
		}
	}
	return 0;
}

/* Optional number: 1 when present (stored), 0 absent, -1 error. */
static int
get_num(struct rd *r, const cJSON *obj, const char *path, const char *key,
	double lo, double hi, double *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[300];

	if (v == NULL)
		return 0;
	subpath(p, sizeof(p), path, key);
	if (!cJSON_IsNumber(v))
		return bad(r, p, "expected a number");
	if (!(v->valuedouble >= lo && v->valuedouble <= hi))
		return bad(r, p, "%g is out of range [%g, %g]", v->valuedouble, lo, hi);
	*out = v->valuedouble;
	return 1;
}

static int
get_long(struct rd *r, const cJSON *obj, const char *path, const char *key,
	 long lo, long hi, long *out)
{
	double x;
	int rc = get_num(r, obj, path, key, (double)lo, (double)hi, &x);
	char p[300];

	if (rc <= 0)
		return rc;
	if (fabs(x - floor(x)) > 0.0) {
		subpath(p, sizeof(p), path, key);
		return bad(r, p, "expected a whole number");
	}
	*out = (long)x;
	return 1;
}

static int
get_secs(struct rd *r, const cJSON *obj, const char *path, const char *key,
	 int64_t *out)
{
	long x;
	int rc = get_long(r, obj, path, key, 0, 365L * 86400, &x);

	if (rc > 0)
		*out = x;
	return rc;
}

static int
get_str(struct rd *r, const cJSON *obj, const char *path, const char *key,
	const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[300];

	if (v == NULL)
		return 0;
	subpath(p, sizeof(p), path, key);
	if (!cJSON_IsString(v))
		return bad(r, p, "expected a string");
	*out = v->valuestring;
	return 1;
}

/* Money as a decimal string ("0.0832", exact) or a number (rounded to
 * nano-units). */
static int
get_money(struct rd *r, const cJSON *obj, const char *path, const char *key,
	  money_t *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[300];

	if (v == NULL)
		return 0;
	subpath(p, sizeof(p), path, key);
	if (cJSON_IsString(v)) {
		if (money_parse(v->valuestring, strlen(v->valuestring), out) != 0)
			return bad(r, p, "\"%s\" is not an amount", v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		if (!(fabs(v->valuedouble) < 9e9) || money_from_double(v->valuedouble, out) < 0)
			return bad(r, p, "amount out of range");
	} else {
		return bad(r, p, "expected an amount (number or decimal string)");
	}
	if (*out < 0)
		return bad(r, p, "amount must not be negative");
	return 1;
}

static int
get_time(struct rd *r, const cJSON *obj, const char *path, const char *key,
	 int64_t *out)
{
	const char *s;
	int rc = get_str(r, obj, path, key, &s);
	char p[300];

	if (rc <= 0)
		return rc;
	if (utc_parse(s, strlen(s), out) != 0) {
		subpath(p, sizeof(p), path, key);
		return bad(r, p, "\"%s\" is not a date or time", s);
	}
	return 1;
}

static int
get_array(struct rd *r, const cJSON *obj, const char *path, const char *key,
	  const cJSON **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char p[300];

	if (v == NULL)
		return 0;
	subpath(p, sizeof(p), path, key);
	if (!cJSON_IsArray(v))
		return bad(r, p, "expected an array");
	*out = v;
	return 1;
}

/* An array of numbers into a fresh double array. */
static int
get_nums(struct rd *r, const cJSON *obj, const char *path, const char *key,
	 double lo, double hi, double **out, size_t *n)
{
	const cJSON *a, *it;
	char p[300];
	size_t k = 0;

	if (get_array(r, obj, path, key, &a) <= 0)
		return r->d->msg[0] ? -1 : 0;
	*n = (size_t)cJSON_GetArraySize(a);
	*out = xcalloc(*n ? *n : 1, sizeof(double));
	cJSON_ArrayForEach(it, a) {
		pathf(p, sizeof(p), "%s%s%s[%zu]", path, path[0] ? "." : "", key, k);
		if (!cJSON_IsNumber(it)) {
			bad(r, p, "expected a number");
			goto fail;
		}
		if (!(it->valuedouble >= lo && it->valuedouble <= hi)) {
			bad(r, p, "%g is out of range [%g, %g]", it->valuedouble, lo, hi);
			goto fail;
		}
		(*out)[k++] = it->valuedouble;
	}
	return 1;
fail:
	/* the caller gets nothing to free on an error */
	free(*out);
	*out = NULL;
	*n = 0;
	return -1;
}

static int
get_notes(struct rd *r, const cJSON *obj, const char *path, const char *key,
	  char ***notes, size_t *n)
{
	const cJSON *a, *it;
	char p[300];
	size_t k = 0;

	if (get_array(r, obj, path, key, &a) <= 0)
		return r->d->msg[0] ? -1 : 0;
	cJSON_ArrayForEach(it, a) {
		pathf(p, sizeof(p), "%s%s%s[%zu]", path, path[0] ? "." : "", key, k);
		if (!cJSON_IsString(it))
			return bad(r, p, "expected a string");
		*notes = xrealloc(*notes, (*n + 1) * sizeof(char *));
		(*notes)[(*n)++] = xstrdup(it->valuestring);
		k++;
	}
	return 1;
}

#define TRY(x)                          \
	do {                            \
		if ((x) < 0)            \
			return -1;      \
	} while (0)

/* "HH:MM" -> minutes past midnight. */
static int
parse_hhmm(const char *s, int *out)
{
	int h, m;
	char tail;

	if (sscanf(s, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 24 ||
	    m < 0 || m > 59)
		return -1;
	*out = h * 60 + m;
	return 0;
}

static int
read_windows(struct rd *r, const cJSON *obj, const char *path, struct policy *p)
{
	static const char *const keys[] = {
		"start", "end", "daily_from", "daily_to", "min", "max", NULL,
	};
	const cJSON *a, *it;
	char wp[300];
	size_t k = 0;
	int rc;

	rc = get_array(r, obj, path, "windows", &a);
	TRY(rc);
	if (rc == 0) {
		subpath(wp, sizeof(wp), path, "windows");
		return bad(r, wp, "required for a scheduled policy");
	}
	p->nwindows = (size_t)cJSON_GetArraySize(a);
	p->windows = xcalloc(p->nwindows ? p->nwindows : 1, sizeof(*p->windows));
	cJSON_ArrayForEach(it, a) {
		struct policy_window *w = &p->windows[k];
		const char *from = NULL, *to = NULL;

		pathf(wp, sizeof(wp), "%s.windows[%zu]", path, k);
		TRY(check_keys(r, it, wp, keys));
		w->min = w->max = -1;
		TRY(get_long(r, it, wp, "min", 0, 1000000, &w->min));
		TRY(get_long(r, it, wp, "max", 0, 1000000, &w->max));
		TRY(get_str(r, it, wp, "daily_from", &from));
		TRY(get_str(r, it, wp, "daily_to", &to));
		if (from != NULL || to != NULL) {
			w->daily = 1;
			if (from == NULL || to == NULL || parse_hhmm(from, &w->from_min) ||
			    parse_hhmm(to, &w->to_min))
				return bad(r, wp, "daily_from and daily_to must both be HH:MM");
		} else {
			if (get_time(r, it, wp, "start", &w->start) <= 0 ||
			    get_time(r, it, wp, "end", &w->end) <= 0) {
				if (r->d->msg[0])
					return -1;
				return bad(r, wp, "needs start and end, or daily_from and daily_to");
			}
			if (w->end <= w->start)
				return bad(r, wp, "end is not after start");
		}
		k++;
	}
	return 0;
}

static int
read_steps(struct rd *r, const cJSON *obj, const char *path, struct policy *p)
{
	static const char *const keys[] = { "lower", "upper", "change", "percent", NULL };
	const cJSON *a, *it;
	char sp[300];
	size_t k = 0;
	int rc;

	rc = get_array(r, obj, path, "steps", &a);
	TRY(rc);
	if (rc == 0) {
		char q[300];

		subpath(q, sizeof(q), path, "steps");
		return bad(r, q, "required for a step policy");
	}
	p->nsteps = (size_t)cJSON_GetArraySize(a);
	p->steps = xcalloc(p->nsteps ? p->nsteps : 1, sizeof(*p->steps));
	cJSON_ArrayForEach(it, a) {
		struct policy_step *s = &p->steps[k];
		const cJSON *pc;

		pathf(sp, sizeof(sp), "%s.steps[%zu]", path, k);
		TRY(check_keys(r, it, sp, keys));
		s->lower = -INFINITY;
		s->upper = INFINITY;
		TRY(get_num(r, it, sp, "lower", -1e9, 1e9, &s->lower));
		TRY(get_num(r, it, sp, "upper", -1e9, 1e9, &s->upper));
		rc = get_num(r, it, sp, "change", -1e6, 1e6, &s->change);
		TRY(rc);
		if (rc == 0) {
			char q[300];

			subpath(q, sizeof(q), sp, "change");
			return bad(r, q, "required");
		}
		pc = cJSON_GetObjectItemCaseSensitive(it, "percent");
		if (pc != NULL) {
			if (!cJSON_IsBool(pc)) {
				char q[300];

				subpath(q, sizeof(q), sp, "percent");
				return bad(r, q, "expected true or false");
			}
			s->percent = cJSON_IsTrue(pc);
		}
		k++;
	}
	return 0;
}

/* The keys each policy type accepts (its parameters). */
static const char *const policy_keys[POL_N][12] = {
	[POL_FIXED] = { "type", "instances", NULL },
	[POL_TARGET] = { "type", "target", "scale_out_periods",
			 "scale_in_periods", "scale_in_threshold",
			 "scale_in_percent", "scale_in_cooldown", NULL },
	[POL_HPA] = { "type", "target", "tolerance",
		      "stabilization_seconds", "period_seconds",
		      "scale_up_percent", "scale_up_pods", NULL },
	[POL_STEP] = { "type", "steps", "periods", "cooldown", NULL },
	[POL_SCHEDULED] = { "type", "windows", NULL },
	[POL_PREDICTIVE] = { "type", "target", "lead_seconds", NULL },
};

static int
read_policy(struct rd *r, const cJSON *obj, const char *path, struct policy *p)
{
	const char *type = NULL;
	char tp[300];
	int kind, rc;
	double x;
	long n;

	if (!cJSON_IsObject(obj))
		return bad(r, path, "expected an object");
	rc = get_str(r, obj, path, "type", &type);
	TRY(rc);
	subpath(tp, sizeof(tp), path, "type");
	if (rc == 0)
		return bad(r, tp, "required (fixed, target_tracking, hpa, step, scheduled or predictive)");
	kind = policy_kind_parse(type);
	if (kind < 0)
		return bad(r, tp, "\"%s\" is not one of fixed, target_tracking, hpa, step, scheduled, predictive", type);
	policy_init(p, (enum policy_kind)kind);
	TRY(check_keys(r, obj, path, policy_keys[kind]));
	switch (p->kind) {
	case POL_FIXED:
		rc = get_long(r, obj, path, "instances", 0, 1000000, &p->instances);
		TRY(rc);
		if (rc == 0) {
			subpath(tp, sizeof(tp), path, "instances");
			return bad(r, tp, "required for a fixed policy");
		}
		break;
	case POL_TARGET:
		TRY(get_num(r, obj, path, "target", 1, 100, &p->target));
		if (get_long(r, obj, path, "scale_out_periods", 1, 1440, &n) > 0)
			p->out_periods = (int)n;
		if (get_long(r, obj, path, "scale_in_periods", 1, 1440, &n) > 0)
			p->in_periods = (int)n;
		TRY(get_num(r, obj, path, "scale_in_threshold", 0, 1, &p->in_threshold));
		TRY(get_num(r, obj, path, "scale_in_percent", 0, 100, &p->in_percent));
		TRY(get_secs(r, obj, path, "scale_in_cooldown", &p->in_cooldown));
		break;
	case POL_HPA:
		TRY(get_num(r, obj, path, "target", 1, 1000, &p->target));
		TRY(get_num(r, obj, path, "tolerance", 0, 1, &p->tolerance));
		TRY(get_secs(r, obj, path, "stabilization_seconds", &p->stabilization));
		TRY(get_secs(r, obj, path, "period_seconds", &p->period));
		TRY(get_num(r, obj, path, "scale_up_percent", 0, 10000, &p->up_percent));
		TRY(get_long(r, obj, path, "scale_up_pods", 0, 100000, &p->up_pods));
		if (p->period < 1)
			p->period = 1;
		break;
	case POL_STEP:
		if (get_long(r, obj, path, "periods", 1, 1440, &n) > 0)
			p->out_periods = (int)n;
		if (get_num(r, obj, path, "cooldown", 0, 86400, &x) > 0)
			p->in_cooldown = p->out_cooldown = (int64_t)x;
		TRY(read_steps(r, obj, path, p));
		break;
	case POL_SCHEDULED:
		TRY(read_windows(r, obj, path, p));
		break;
	case POL_PREDICTIVE:
		TRY(get_num(r, obj, path, "target", 1, 100, &p->target));
		TRY(get_secs(r, obj, path, "lead_seconds", &p->lead));
		break;
	case POL_N:
		break;
	}
	return r->d->msg[0] ? -1 : 0;
}

/*
 * A price the tier leaves out comes from the catalog: the scenario's
 * "catalog" (relative to the scenario file), else catalog_default_path().
 * The on-demand price is required there; spot and commitment (1-year
 * Compute Savings Plan) prices are taken when published.
 */
static int
catalog_prices(struct rd *r, const char *path, struct sim_tier *t)
{
	const struct catalog_entry *e;
	char p[300];

	subpath(p, sizeof(p), path, "price_per_hour");
	if (t->instance_type == NULL)
		return bad(r, p, "required (or an instance_type the catalog knows)");
	if (r->cat == NULL) {
		const char *cp = r->catalog_path;
		struct diag cd;

		if (cp != NULL && cp[0] != '/' && strchr(r->file, '/') != NULL)
			r->cat_file = xasprintf("%.*s/%s",
				(int)(strrchr(r->file, '/') - r->file), r->file, cp);
		else
			r->cat_file = xstrdup(cp != NULL ? cp : catalog_default_path());
		diag_clear(&cd);
		if (catalog_load(r->cat_file, &r->cat, &cd) != 0) {
			char msg[700];

			diag_format(&cd, msg, sizeof(msg));
			return bad(r, p, "not given, and the catalog cannot be read: %s", msg);
		}
	}
	e = catalog_find(r->cat, r->region, t->instance_type);
	if (e == NULL)
		return bad(r, p, "not given, and %s is not in the catalog %s",
			   t->instance_type, r->cat_file);
	if (e->price[CAT_ON_DEMAND] < 0)
		return bad(r, p, "not given, and the catalog %s publishes no on-demand price for %s",
			   r->cat_file, t->instance_type);
	t->price[SIM_ON_DEMAND] = e->price[CAT_ON_DEMAND];
	if (t->price[SIM_SPOT] < 0 && e->price[CAT_SPOT] >= 0)
		t->price[SIM_SPOT] = e->price[CAT_SPOT];
	if (t->price[SIM_COMMITMENT] < 0 && e->price[CAT_SP_1Y] >= 0)
		t->price[SIM_COMMITMENT] = e->price[CAT_SP_1Y];
	return 0;
}

static int
read_tier(struct rd *r, const cJSON *obj, const char *path, struct sim_tier *t)
{
	static const char *const keys[] = {
		"name", "instance_type", "price_per_hour", "spot_price_per_hour",
		"commitment_price_per_hour", "capacity_rps", "service_ms",
		"load_share", "boot_seconds", "min", "max", "initial",
		"committed_instances", "spot", "policy", "policies", NULL,
	};
	static const char *const spot_keys[] = {
		"share", "on_demand_base", "interruptions_per_month",
		"replacement_seconds", NULL,
	};
	const char *s;
	const cJSON *pol, *spot;
	char p[300];
	int rc;

	TRY(check_keys(r, obj, path, keys));
	sim_tier_init(t);
	if (get_str(r, obj, path, "name", &s) > 0)
		t->name = xstrdup(s);
	TRY(r->d->msg[0] ? -1 : 0);
	if (get_str(r, obj, path, "instance_type", &s) > 0)
		t->instance_type = xstrdup(s);
	TRY(r->d->msg[0] ? -1 : 0);
	if (t->name == NULL)
		t->name = xstrdup(t->instance_type ? t->instance_type : "tier");
	rc = get_money(r, obj, path, "price_per_hour", &t->price[SIM_ON_DEMAND]);
	TRY(rc);
	TRY(get_money(r, obj, path, "spot_price_per_hour", &t->price[SIM_SPOT]));
	TRY(get_money(r, obj, path, "commitment_price_per_hour",
		      &t->price[SIM_COMMITMENT]));
	if (rc == 0)
		TRY(catalog_prices(r, path, t));
	TRY(get_num(r, obj, path, "capacity_rps", 1e-6, 1e9, &t->capacity));
	TRY(get_num(r, obj, path, "service_ms", 1e-3, 1e6, &t->service_ms));
	TRY(get_num(r, obj, path, "load_share", 0, 1e6, &t->load_share));
	TRY(get_secs(r, obj, path, "boot_seconds", &t->boot));
	TRY(get_long(r, obj, path, "min", 0, 100000, &t->min));
	TRY(get_long(r, obj, path, "max", 0, 100000, &t->max));
	TRY(get_long(r, obj, path, "initial", 0, 100000, &t->initial));
	TRY(get_long(r, obj, path, "committed_instances", 0, 100000, &t->committed));
	spot = cJSON_GetObjectItemCaseSensitive(obj, "spot");
	if (spot != NULL) {
		subpath(p, sizeof(p), path, "spot");
		TRY(check_keys(r, spot, p, spot_keys));
		TRY(get_num(r, spot, p, "share", 0, 1, &t->spot_share));
		TRY(get_long(r, spot, p, "on_demand_base", 0, 100000, &t->on_demand_base));
		TRY(get_num(r, spot, p, "interruptions_per_month", 0, 100,
			    &t->spot_interrupts));
		TRY(get_secs(r, spot, p, "replacement_seconds", &t->spot_replace));
		if (t->spot_share > 0.0 && t->price[SIM_SPOT] < 0) {
			subpath(p, sizeof(p), path, "spot_price_per_hour");
			return bad(r, p, "required when spot.share is above 0");
		}
	}
	if (t->committed > 0 && t->price[SIM_COMMITMENT] < 0) {
		subpath(p, sizeof(p), path, "commitment_price_per_hour");
		return bad(r, p, "required when committed_instances is above 0");
	}
	pol = cJSON_GetObjectItemCaseSensitive(obj, "policy");
	if (pol != NULL && cJSON_GetObjectItemCaseSensitive(obj, "policies")) {
		subpath(p, sizeof(p), path, "policy");
		return bad(r, p, "give either policy or policies, not both");
	}
	if (pol != NULL) {
		subpath(p, sizeof(p), path, "policy");
		t->policies = xcalloc(1, sizeof(*t->policies));
		t->npolicies = 1;
		TRY(read_policy(r, pol, p, &t->policies[0]));
	} else {
		const cJSON *a, *it;
		size_t k = 0;

		rc = get_array(r, obj, path, "policies", &a);
		TRY(rc);
		if (rc > 0) {
			t->npolicies = (size_t)cJSON_GetArraySize(a);
			t->policies = xcalloc(t->npolicies ? t->npolicies : 1,
					      sizeof(*t->policies));
			cJSON_ArrayForEach(it, a) {
				pathf(p, sizeof(p), "%s.policies[%zu]", path, k);
				TRY(read_policy(r, it, p, &t->policies[k]));
				k++;
			}
		}
	}
	if (t->npolicies == 0) {
		subpath(p, sizeof(p), path, "policy");
		return bad(r, p, "required (at least one policy)");
	}
	if (t->max < 0) {
		size_t k;
		long m = t->min;

		for (k = 0; k < t->npolicies; k++) {
			if (t->policies[k].kind != POL_FIXED) {
				subpath(p, sizeof(p), path, "max");
				return bad(r, p, "required with a %s policy",
					   policy_kind_name(t->policies[k].kind));
			}
			if (t->policies[k].instances > m)
				m = t->policies[k].instances;
		}
		t->max = m;
	}
	if (t->max < t->min) {
		subpath(p, sizeof(p), path, "max");
		return bad(r, p, "%ld is below min %ld", t->max, t->min);
	}
	return 0;
}

/* A list of strings (e.g. service names) as a NULL-free array; 1 when
 * present. */
static int
get_strs(struct rd *r, const cJSON *obj, const char *path, const char *key,
	 const char ***out, size_t *n)
{
	const cJSON *a, *it;
	char p[300];
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (get_array(r, obj, path, key, &a) <= 0)
		return r->d->msg[0] ? -1 : 0;
	*out = xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof(char *));
	cJSON_ArrayForEach(it, a) {
		pathf(p, sizeof(p), "%s.%s[%zu]", path, key, k);
		if (!cJSON_IsString(it))
			return bad(r, p, "expected a string");
		(*out)[k++] = it->valuestring;
		*n = k;
	}
	return 1;
}

static int
in_list(const char *s, const char **list, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (strcmp(s, list[k]) == 0)
			return 1;
	}
	return 0;
}

/*
 * Fixed costs carried over from a billing export or rollup: the effective
 * (amortized) cost of each service kept by the filters, as a monthly rate
 * (sum * 730 / hours covered). Taxes and credits are left out: they follow
 * the bill, not the architecture. The path is relative to the scenario.
 */
static int
read_rollup_costs(struct rd *r, const cJSON *obj, const char *path,
		  struct sim_config *c)
{
	static const char *const keys[] = { "path", "services", "exclude_services", NULL };
	const char **only = NULL, **skip = NULL, **files = NULL, *file = NULL;
	size_t nonly = 0, nskip = 0, nfiles = 0, k, i;
	const cJSON *pv;
	struct rollup *ru = NULL;
	struct account acc;
	char *full = NULL;
	int64_t h0 = INT64_MAX, h1 = INT64_MIN;
	struct { const char *name; money_t sum; } *svc = NULL;
	size_t nsvc = 0, cap = 0;
	int rc = -1;

	if (check_keys(r, obj, path, keys) < 0 ||
	    get_strs(r, obj, path, "services", &only, &nonly) < 0 ||
	    get_strs(r, obj, path, "exclude_services", &skip, &nskip) < 0)
		goto out;
	pv = cJSON_GetObjectItemCaseSensitive(obj, "path");
	if (cJSON_IsString(pv)) {
		files = xcalloc(1, sizeof(*files));
		files[0] = pv->valuestring;
		nfiles = 1;
	} else if (cJSON_IsArray(pv) && cJSON_GetArraySize(pv) > 0) {
		if (get_strs(r, obj, path, "path", &files, &nfiles) < 0)
			goto out;
	} else {
		char p[300];

		subpath(p, sizeof(p), path, "path");
		bad(r, p, "required: a billing export or rollup, or an array of them");
		goto out;
	}
	file = files[0];
	ru = rollup_new();
	for (i = 0; i < nfiles; i++) {
		free(full);
		if (files[i][0] != '/' && strchr(r->file, '/') != NULL)
			full = xasprintf("%.*s/%s", (int)(strrchr(r->file, '/') - r->file),
					 r->file, files[i]);
		else
			full = xstrdup(files[i]);
		account_init(&acc, full, "");
		if (billing_load(ru, full, &acc, r->d) != 0)
			goto out;
	}
	for (i = 0; i < rollup_count(ru); i++) {
		const struct rollup_cell *cell = rollup_get(ru, i);
		const char *name = cell->dim[DIM_SERVICE];

		if (cell->hour < h0)
			h0 = cell->hour;
		if (cell->hour > h1)
			h1 = cell->hour;
		if (cell->ck == CK_TAX || cell->ck == CK_CREDIT)
			continue;
		if ((nonly > 0 && !in_list(name, only, nonly)) ||
		    in_list(name, skip, nskip))
			continue;
		for (k = 0; k < nsvc && strcmp(svc[k].name, name) != 0; k++)
			;
		if (k == nsvc) {
			xgrow((void **)&svc, &cap, nsvc + 1, sizeof(*svc));
			svc[nsvc].name = name;
			svc[nsvc].sum = 0;
			nsvc++;
		}
		if (money_add(&svc[k].sum, cell->effective) != 0) {
			bad(r, path, "cost overflows");
			goto out;
		}
	}
	if (nsvc == 0) {
		bad(r, path, "%s has no cost for the services asked for", full);
		goto out;
	}
	for (k = 0; k < nsvc; k++) {
		int64_t hours = (h1 - h0) / 3600 + 1;
		money_t m = svc[k].sum;

		/* the cost of the hours the files span, as 730 hours */
		if (money_muldiv(&m, 730, hours) < 0) {
			bad(r, path, "cost overflows");
			goto out;
		}
		c->fixed = xrealloc(c->fixed, (c->nfixed + 1) * sizeof(*c->fixed));
		if (nfiles > 1)
			c->fixed[c->nfixed].name = xasprintf("%s (from %zu bills)",
				svc[k].name[0] ? svc[k].name : "(no service)", nfiles);
		else
			c->fixed[c->nfixed].name = xasprintf("%s (from %s)",
				svc[k].name[0] ? svc[k].name : "(no service)", file);
		c->fixed[c->nfixed].monthly = m;
		c->nfixed++;
	}
	rc = 0;
out:
	free(svc);
	free(only);
	free(skip);
	free(files);
	free(full);
	rollup_free(ru);
	return rc;
}

static int
read_config(struct rd *r, const cJSON *obj, const char *path,
	    struct sim_config **out)
{
	static const char *const keys[] = {
		"name", "tiers", "fixed_costs", "fixed_costs_from_rollup",
		"one_time_cost", "notes", NULL,
	};
	static const char *const fixed_keys[] = { "name", "monthly", NULL };
	struct sim_config *c = xcalloc(1, sizeof(*c));
	const cJSON *a, *it;
	const char *s;
	char p[300];
	size_t k = 0;
	int rc;

	*out = c;
	TRY(check_keys(r, obj, path, keys));
	if (get_str(r, obj, path, "name", &s) > 0)
		c->name = xstrdup(s);
	TRY(r->d->msg[0] ? -1 : 0);
	if (c->name == NULL)
		c->name = xstrdup(path);
	TRY(get_money(r, obj, path, "one_time_cost", &c->one_time));
	TRY(get_notes(r, obj, path, "notes", &c->notes, &c->nnotes));
	rc = get_array(r, obj, path, "tiers", &a);
	TRY(rc);
	if (rc == 0 || cJSON_GetArraySize(a) == 0) {
		subpath(p, sizeof(p), path, "tiers");
		return bad(r, p, "required (at least one tier)");
	}
	c->tiers = xcalloc((size_t)cJSON_GetArraySize(a), sizeof(*c->tiers));
	cJSON_ArrayForEach(it, a) {
		pathf(p, sizeof(p), "%s.tiers[%zu]", path, k);
		c->ntiers = k + 1;
		TRY(read_tier(r, it, p, &c->tiers[k]));
		k++;
	}
	rc = get_array(r, obj, path, "fixed_costs", &a);
	TRY(rc);
	if (rc > 0) {
		k = 0;
		c->fixed = xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof(*c->fixed));
		cJSON_ArrayForEach(it, a) {
			pathf(p, sizeof(p), "%s.fixed_costs[%zu]", path, k);
			TRY(check_keys(r, it, p, fixed_keys));
			c->nfixed = k + 1;
			if (get_str(r, it, p, "name", &s) <= 0) {
				if (r->d->msg[0])
					return -1;
				return bad(r, p, "name required");
			}
			c->fixed[k].name = xstrdup(s);
			if (get_money(r, it, p, "monthly", &c->fixed[k].monthly) <= 0) {
				if (r->d->msg[0])
					return -1;
				return bad(r, p, "monthly required");
			}
			k++;
		}
	}
	a = cJSON_GetObjectItemCaseSensitive(obj, "fixed_costs_from_rollup");
	if (a != NULL) {
		subpath(p, sizeof(p), path, "fixed_costs_from_rollup");
		TRY(read_rollup_costs(r, a, p, c));
	}
	return 0;
}

const char *
scenario_peak_error(int rc)
{
	if (rc == -2)
		return "the factor must be a finite number above 0";
	return "the hours must be a finite number above 0, at most 87840 (3660 days)";
}

int
scenario_parse_peak(const char *s, struct scenario_peak *pk)
{
	const char *colon = strrchr(s, ':');
	const char *slash;
	char date[64], *end;
	size_t n;
	double hours = 24.0;

	if (colon == NULL)
		return -1;
	errno = 0;
	pk->factor = strtod(colon + 1, &end);
	if (end == colon + 1)
		return -1;
	if (*end == 'x' || *end == 'X')
		end++;
	if (*end != '\0')
		return -1;
	if (errno != 0 || !isfinite(pk->factor) || !(pk->factor > 0.0))
		return -2;
	slash = memchr(s, '/', (size_t)(colon - s));
	n = (size_t)((slash ? slash : colon) - s);
	if (n == 0 || n >= sizeof(date))
		return -1;
	memcpy(date, s, n);
	date[n] = '\0';
	if (utc_parse(date, n, &pk->start) != 0)
		return -1;
	if (slash != NULL) {
		errno = 0;
		hours = strtod(slash + 1, &end);
		if (end == slash + 1 || (*end != 'h' && *end != ':'))
			return -1;
		/* a peak longer than the longest run (3660 days) is a typo */
		if (errno != 0 || !isfinite(hours) || !(hours > 0.0) || hours > 3660.0 * 24)
			return -3;
	}
	pk->end = pk->start + (int64_t)llround(hours * 3600.0);
	return 0;
}

/*
 * "fit": true - the series is fitted with the load model (loadfit.h:
 * trend, daily and weekly harmonics, robust) and the run follows its
 * median forecast at every step from the scenario's start, which may lie
 * after the data (a forecast) or within it (the fitted curve).
 */
static int
replay_fit(struct rd *r, const struct series *sr, const struct scenario *sc,
	   double scale, int per_step, struct scenario_load *l)
{
	struct loadfit_opts o;
	struct loadfit *m = NULL;
	size_t k, n = (size_t)(sc->days * (86400 / sc->step));

	loadfit_opts_init(&o);
	if (loadfit_fit(sr, &o, &m, r->d) != 0) {
		char msg[512];

		pathf(msg, sizeof(msg), "%s", r->d->msg);
		return bad(r, "load.replay.fit", "the load model cannot be fitted: %s", msg);
	}
	l->values = xmalloc(n * sizeof(double));
	l->nvalues = n;
	for (k = 0; k < n; k++) {
		struct loadfit_point pt;

		loadfit_predict(m, sc->start + (int64_t)k * sc->step, &pt);
		l->values[k] = (pt.mean > 0.0 ? pt.mean : 0.0) * scale /
			(per_step ? (double)sr->step : 1.0);
	}
	loadfit_free(m);
	return 0;
}

/*
 * Replay a metrics file (any format metrics_load() reads) as the load:
 * one series, as requests per second ("unit": "rps", the default) or as a
 * count per grid step of the series ("per_step"), times "scale". It is
 * put on the scenario's grid by holding each value for its step, gaps
 * take the last value before them, and it starts at the scenario's start
 * (repeating when shorter than the run).
 */
static int
read_replay(struct rd *r, const cJSON *obj, const struct scenario *sc,
	    struct scenario_load *l)
{
	static const char *const keys[] = { "path", "series", "unit", "scale", "fit", NULL };
	const cJSON *fit = cJSON_GetObjectItemCaseSensitive(obj, "fit");
	int64_t step = sc->step;
	const char *file = NULL, *name = NULL, *unit = "rps";
	struct metrics_opts mo;
	struct series_set set = { 0 };
	struct series *sr = NULL;
	struct account acc;
	double scale = 1.0, last = NAN;
	char *full = NULL;
	size_t k, n;
	int rc = -1;

	if (check_keys(r, obj, "load.replay", keys) < 0 ||
	    get_str(r, obj, "load.replay", "series", &name) < 0 ||
	    get_str(r, obj, "load.replay", "unit", &unit) < 0 ||
	    get_num(r, obj, "load.replay", "scale", 0, 1e12, &scale) < 0)
		return -1;
	if (strcmp(unit, "rps") != 0 && strcmp(unit, "per_step") != 0)
		return bad(r, "load.replay.unit", "expected \"rps\" or \"per_step\"");
	if (get_str(r, obj, "load.replay", "path", &file) <= 0) {
		if (r->d->msg[0])
			return -1;
		return bad(r, "load.replay.path", "required");
	}
	if (file[0] != '/' && strchr(r->file, '/') != NULL)
		full = xasprintf("%.*s/%s", (int)(strrchr(r->file, '/') - r->file),
				 r->file, file);
	else
		full = xstrdup(file);
	metrics_opts_init(&mo);
	account_init(&acc, full, "");
	if (metrics_load(full, &mo, &set, &acc, r->d) != 0)
		goto out;
	if (name != NULL)
		sr = series_set_find(&set, name);
	else if (set.n == 1)
		sr = &set.items[0];
	if (sr == NULL) {
		if (name != NULL)
			bad(r, "load.replay.series", "%s has no series \"%s\"", full, name);
		else
			bad(r, "load.replay.series", "%s holds %zu series: name one",
			    full, set.n);
		goto out;
	}
	if (sr->n == 0) {
		bad(r, "load.replay", "%s: series \"%s\" is empty", full, sr->name);
		goto out;
	}
	if (fit != NULL && !cJSON_IsBool(fit)) {
		bad(r, "load.replay.fit", "expected true or false");
		goto out;
	}
	if (cJSON_IsTrue(fit)) {
		rc = replay_fit(r, sr, sc, scale, strcmp(unit, "per_step") == 0, l);
		goto out;
	}
	n = (size_t)(((int64_t)sr->n * sr->step + step - 1) / step);
	l->values = xmalloc(n * sizeof(double));
	l->nvalues = n;
	for (k = 0; k < sr->n && isnan(last); k++)
		last = sr->v[k];
	if (isnan(last)) {
		bad(r, "load.replay", "%s: series \"%s\" has no value", full, sr->name);
		goto out;
	}
	for (k = 0; k < n; k++) {
		size_t j = (size_t)((int64_t)k * step / sr->step);
		double v = j < sr->n ? sr->v[j] : NAN;

		if (!isnan(v))
			last = v;
		l->values[k] = last * scale /
			(strcmp(unit, "per_step") == 0 ? (double)sr->step : 1.0);
	}
	rc = 0;
out:
	series_set_fini(&set);
	free(full);
	return rc;
}

static int
read_load(struct rd *r, const cJSON *obj, const struct scenario *sc,
	  struct scenario_load *l)
{
	static const char *const keys[] = {
		"base_rps", "peak_rps", "users", "peak_users", "think_seconds",
		"daily_amplitude", "peak_hour", "hourly", "weekly", "growth",
		"annual_growth", "noise", "peaks", "requests_per_order",
		"orders_per_hour", "orders_per_month", "values", "replay", NULL,
	};
	double x, amp = 0.0, peak_hour = 20.0, think = 0.0, *arr = NULL;
	double users = -1, peak_users = -1, peak_rps = -1, oph = -1, opm = -1;
	size_t n = 0, k;
	int given = 0, rc;
	const cJSON *a, *it;

	TRY(check_keys(r, obj, "load", keys));
	l->base_rps = -1;
	l->growth = 1.0;
	for (k = 0; k < 24; k++)
		l->hourly[k] = 1.0;
	for (k = 0; k < 7; k++)
		l->weekly[k] = 1.0;
	rc = get_num(r, obj, "load", "base_rps", 0, 1e12, &l->base_rps);
	TRY(rc);
	given += rc;
	rc = get_num(r, obj, "load", "peak_rps", 0, 1e12, &peak_rps);
	TRY(rc);
	given += rc;
	rc = get_num(r, obj, "load", "users", 0, 1e12, &users);
	TRY(rc);
	given += rc;
	rc = get_num(r, obj, "load", "peak_users", 0, 1e12, &peak_users);
	TRY(rc);
	given += rc;
	TRY(get_num(r, obj, "load", "think_seconds", 1e-3, 1e6, &think));
	TRY(get_nums(r, obj, "load", "values", 0, 1e12, &l->values, &l->nvalues));
	if (l->values != NULL)
		given++;
	if (cJSON_GetObjectItemCaseSensitive(obj, "replay") != NULL) {
		given++;
		if (given == 1)
			TRY(read_replay(r, cJSON_GetObjectItemCaseSensitive(obj, "replay"),
					sc, l));
	}
	if (given != 1)
		return bad(r, "load", "give exactly one of base_rps, peak_rps, users, peak_users, values, replay");
	if ((users >= 0 || peak_users >= 0) && !(think > 0.0))
		return bad(r, "load.think_seconds", "required with users or peak_users");
	TRY(get_num(r, obj, "load", "daily_amplitude", 0, 1, &amp));
	TRY(get_num(r, obj, "load", "peak_hour", 0, 24, &peak_hour));
	for (k = 0; k < 24; k++)
		l->hourly[k] = 1.0 + amp * cos(2.0 * 3.14159265358979323846 * ((double)k + 0.5 - peak_hour) / 24.0);
	rc = get_nums(r, obj, "load", "hourly", 0, 1e9, &arr, &n);
	TRY(rc);
	if (rc > 0) {
		double sum = 0.0;

		if (n != 24) {
			free(arr);
			return bad(r, "load.hourly", "expected 24 values, got %zu", n);
		}
		for (k = 0; k < 24; k++)
			sum += arr[k];
		for (k = 0; k < 24; k++)
			l->hourly[k] = sum > 0.0 ? arr[k] * 24.0 / sum : 1.0;
		free(arr);
		arr = NULL;
	}
	rc = get_nums(r, obj, "load", "weekly", 0, 1e9, &arr, &n);
	TRY(rc);
	if (rc > 0) {
		double sum = 0.0;

		if (n != 7) {
			free(arr);
			return bad(r, "load.weekly", "expected 7 values (Monday first), got %zu", n);
		}
		for (k = 0; k < 7; k++)
			sum += arr[k];
		for (k = 0; k < 7; k++)
			l->weekly[k] = sum > 0.0 ? arr[k] * 7.0 / sum : 1.0;
		free(arr);
		arr = NULL;
	}
	x = 0.0;
	for (k = 0; k < 24; k++) {
		size_t w;

		for (w = 0; w < 7; w++) {
			if (l->hourly[k] * l->weekly[w] > x)
				x = l->hourly[k] * l->weekly[w];
		}
	}
	/* Little's law: N = lambda * W, with W the time between one user's
	 * requests (think time), so lambda = N / think. */
	if (users >= 0)
		l->base_rps = users / think;
	if (peak_users >= 0)
		peak_rps = peak_users / think;
	if (peak_rps >= 0)
		l->base_rps = x > 0.0 ? peak_rps / x : peak_rps;
	TRY(get_num(r, obj, "load", "growth", 0, 1e6, &l->growth));
	TRY(get_num(r, obj, "load", "annual_growth", -1, 100, &l->annual_growth));
	TRY(get_num(r, obj, "load", "noise", 0, 1, &l->noise));
	rc = get_array(r, obj, "load", "peaks", &a);
	TRY(rc);
	if (rc > 0) {
		k = 0;
		l->peaks = xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof(*l->peaks));
		cJSON_ArrayForEach(it, a) {
			char p[64];

			pathf(p, sizeof(p), "load.peaks[%zu]", k);
			if (!cJSON_IsString(it))
				return bad(r, p, "expected a string like \"2026-11-27:4x\"");
			rc = scenario_parse_peak(it->valuestring, &l->peaks[k]);
			if (rc == -1)
				return bad(r, p, "\"%s\" is not DATE[/HOURSh]:FACTORx",
					   it->valuestring);
			if (rc != 0)
				return bad(r, p, "\"%s\": %s", it->valuestring,
					   scenario_peak_error(rc));
			k++;
			l->npeaks = k;
		}
	}
	rc = get_num(r, obj, "load", "requests_per_order", 1e-9, 1e12, &l->requests_per_order);
	TRY(rc);
	TRY(get_num(r, obj, "load", "orders_per_hour", 1e-9, 1e12, &oph));
	TRY(get_num(r, obj, "load", "orders_per_month", 1e-9, 1e15, &opm));
	if (opm > 0)
		oph = opm / 730.0;
	if (oph > 0) {
		double mean = l->base_rps;

		if (l->values != NULL) {
			mean = 0.0;
			for (k = 0; k < l->nvalues; k++)
				mean += l->values[k];
			mean /= (double)(l->nvalues ? l->nvalues : 1);
		}
		l->requests_per_order = mean * 3600.0 / oph;
	}
	return 0;
}

static int
read_optimize(struct rd *r, const cJSON *obj, struct scenario *s)
{
	static const char *const keys[] = {
		"tier", "targets", "mins", "scale_in_cooldowns", "instance_types",
		"policy", "max_slo_minutes", NULL,
	};
	struct scenario_optimize *o = &s->opt;
	const char *str;
	const cJSON *a, *it;
	double *v = NULL;
	size_t n = 0, k;
	int rc;

	TRY(check_keys(r, obj, "optimize", keys));
	if (get_str(r, obj, "optimize", "tier", &str) > 0)
		o->tier = xstrdup(str);
	TRY(r->d->msg[0] ? -1 : 0);
	if (get_str(r, obj, "optimize", "policy", &str) > 0) {
		o->kind = policy_kind_parse(str);
		if (o->kind != POL_TARGET && o->kind != POL_HPA)
			return bad(r, "optimize.policy", "expected target_tracking or hpa");
	}
	TRY(r->d->msg[0] ? -1 : 0);
	free(o->targets);
	o->targets = NULL;
	rc = get_nums(r, obj, "optimize", "targets", 1, 100, &o->targets, &o->ntargets);
	TRY(rc);
	rc = get_nums(r, obj, "optimize", "mins", 0, 100000, &v, &n);
	TRY(rc);
	if (rc > 0) {
		o->mins = xcalloc(n + 1, sizeof(long));
		for (k = 0; k < n; k++)
			o->mins[k] = (long)v[k];
		o->nmins = n;
		free(v);
		v = NULL;
	}
	rc = get_nums(r, obj, "optimize", "scale_in_cooldowns", 0, 86400, &v, &n);
	TRY(rc);
	if (rc > 0) {
		o->cooldowns = xcalloc(n + 1, sizeof(int64_t));
		for (k = 0; k < n; k++)
			o->cooldowns[k] = (int64_t)v[k];
		o->ncooldowns = n;
		free(v);
		v = NULL;
	}
	TRY(get_num(r, obj, "optimize", "max_slo_minutes", 0, 1e9, &o->max_slo_minutes));
	rc = get_array(r, obj, "optimize", "instance_types", &a);
	TRY(rc);
	if (rc > 0) {
		static const char *const tkeys[] = {
			"instance_type", "price_per_hour", "spot_price_per_hour",
			"commitment_price_per_hour", "capacity_rps", "service_ms",
			"boot_seconds", "max", NULL,
		};
		k = 0;
		o->types = xcalloc((size_t)cJSON_GetArraySize(a) + 1, sizeof(*o->types));
		cJSON_ArrayForEach(it, a) {
			struct sim_tier *t = &o->types[k];
			char p[64];

			pathf(p, sizeof(p), "optimize.instance_types[%zu]", k);
			TRY(check_keys(r, it, p, tkeys));
			sim_tier_init(t);
			o->ntypes = k + 1;
			if (get_str(r, it, p, "instance_type", &str) <= 0) {
				if (r->d->msg[0])
					return -1;
				return bad(r, p, "instance_type required");
			}
			t->instance_type = xstrdup(str);
			rc = get_money(r, it, p, "price_per_hour", &t->price[SIM_ON_DEMAND]);
			TRY(rc);
			TRY(get_money(r, it, p, "spot_price_per_hour", &t->price[SIM_SPOT]));
			TRY(get_money(r, it, p, "commitment_price_per_hour", &t->price[SIM_COMMITMENT]));
			if (rc == 0)
				TRY(catalog_prices(r, p, t));
			if (get_num(r, it, p, "capacity_rps", 1e-6, 1e9, &t->capacity) <= 0) {
				if (r->d->msg[0])
					return -1;
				return bad(r, p, "capacity_rps required");
			}
			t->service_ms = -1;
			TRY(get_num(r, it, p, "service_ms", 1e-3, 1e6, &t->service_ms));
			t->boot = -1;
			TRY(get_secs(r, it, p, "boot_seconds", &t->boot));
			TRY(get_long(r, it, p, "max", 0, 100000, &t->max));
			k++;
		}
	}
	return 0;
}

static int
read_top(struct rd *r, const cJSON *root, struct scenario *s)
{
	static const char *const keys[] = {
		"name", "description", "source", "notes", "assumptions", "start",
		"days", "step_seconds", "seed", "load", "slo", "baseline",
		"candidates", "optimize", "catalog", "region", NULL,
	};
	static const char *const slo_keys[] = { "percentile", "latency_ms", NULL };
	const cJSON *o, *a, *it;
	const char *str;
	double seed = 1;
	size_t k = 0;
	int rc;

	TRY(check_keys(r, root, "", keys));
	if (get_str(r, root, "", "name", &str) > 0)
		s->name = xstrdup(str);
	TRY(r->d->msg[0] ? -1 : 0);
	if (get_str(r, root, "", "description", &str) > 0)
		s->description = xstrdup(str);
	TRY(r->d->msg[0] ? -1 : 0);
	if (get_str(r, root, "", "source", &str) > 0)
		s->source = xstrdup(str);
	TRY(r->d->msg[0] ? -1 : 0);
	if (get_str(r, root, "", "catalog", &str) > 0)
		r->catalog_path = str;
	TRY(r->d->msg[0] ? -1 : 0);
	if (get_str(r, root, "", "region", &str) > 0)
		r->region = str;
	TRY(r->d->msg[0] ? -1 : 0);
	TRY(get_notes(r, root, "", "notes", &s->notes, &s->nnotes));
	TRY(get_notes(r, root, "", "assumptions", &s->notes, &s->nnotes));
	s->start = utc_days_from_civil(2026, 11, 1) * 86400;
	TRY(get_time(r, root, "", "start", &s->start));
	s->days = 30;
	TRY(get_long(r, root, "", "days", 1, 3660, &s->days));
	s->step = 60;
	TRY(get_secs(r, root, "", "step_seconds", &s->step));
	if (s->step < 1 || s->step > 3600 || 86400 % s->step != 0)
		return bad(r, "step_seconds", "must divide a day and be 1..3600");
	/* 40 M steps: 76 years of minutes, or 15 months of seconds; more
	 * would take gigabytes for the load alone */
	if (s->days * (86400 / s->step) > 40000000L)
		return bad(r, "days", "%ld days of %lld-second steps is more than 40,000,000 steps",
			   s->days, (long long)s->step);
	TRY(get_num(r, root, "", "seed", 0, 9e15, &seed));
	s->seed = (uint64_t)seed;
	o = cJSON_GetObjectItemCaseSensitive(root, "load");
	if (o == NULL)
		return bad(r, "load", "required");
	TRY(read_load(r, o, s, &s->load));
	o = cJSON_GetObjectItemCaseSensitive(root, "slo");
	s->slo.percentile = 99.0;
	s->slo.latency_ms = 0.0;
	if (o != NULL) {
		TRY(check_keys(r, o, "slo", slo_keys));
		TRY(get_num(r, o, "slo", "percentile", 1, 99.999, &s->slo.percentile));
		TRY(get_num(r, o, "slo", "latency_ms", 0.001, 1e7, &s->slo.latency_ms));
	}
	o = cJSON_GetObjectItemCaseSensitive(root, "baseline");
	if (o == NULL)
		return bad(r, "baseline", "required");
	TRY(read_config(r, o, "baseline", &s->baseline));
	rc = get_array(r, root, "", "candidates", &a);
	TRY(rc);
	if (rc > 0) {
		s->candidates = xcalloc((size_t)cJSON_GetArraySize(a) + 1,
					sizeof(*s->candidates));
		cJSON_ArrayForEach(it, a) {
			char p[64];

			pathf(p, sizeof(p), "candidates[%zu]", k);
			s->ncandidates = k + 1;
			TRY(read_config(r, it, p, &s->candidates[k]));
			k++;
		}
	}
	s->opt.kind = POL_TARGET;
	o = cJSON_GetObjectItemCaseSensitive(root, "optimize");
	if (o != NULL)
		TRY(read_optimize(r, o, s));
	return 0;
}

/* ---- overrides ---- */

/* Split "a.b[2].c" into the next segment: key (into buf) and index (-1
 * none, -2 for "[]" append). Returns the rest of the path or NULL at the
 * end. */
static const char *
path_next(const char *p, char *key, size_t n, long *index)
{
	size_t k = 0;

	*index = -1;
	while (*p != '\0' && *p != '.' && *p != '[') {
		if (k + 1 < n)
			key[k++] = *p;
		p++;
	}
	key[k] = '\0';
	if (*p == '[') {
		if (p[1] == ']') {
			*index = -2;
			p += 2;
		} else {
			*index = strtol(p + 1, (char **)&p, 10);
			if (*p == ']')
				p++;
		}
	}
	if (*p == '.')
		return p + 1;
	return *p == '\0' ? NULL : p;
}

static int
set_path(cJSON *node, const char *path, const cJSON *value)
{
	char key[128];
	long idx;
	const char *rest = path_next(path, key, sizeof(key), &idx);
	cJSON *child;

	if (!cJSON_IsObject(node) || key[0] == '\0')
		return -1;
	child = cJSON_GetObjectItemCaseSensitive(node, key);
	if (idx == -1) {
		if (rest == NULL) {
			if (child != NULL)
				cJSON_ReplaceItemInObjectCaseSensitive(node, key,
					cJSON_Duplicate(value, 1));
			else
				cJSON_AddItemToObject(node, key, cJSON_Duplicate(value, 1));
			return 0;
		}
		if (child == NULL) {
			child = cJSON_CreateObject();
			cJSON_AddItemToObject(node, key, child);
		}
		return set_path(child, rest, value);
	}
	if (child == NULL) {
		child = cJSON_CreateArray();
		cJSON_AddItemToObject(node, key, child);
	}
	if (!cJSON_IsArray(child))
		return -1;
	if (idx == -2) {
		if (rest != NULL)
			return -1;
		cJSON_AddItemToArray(child, cJSON_Duplicate(value, 1));
		return 0;
	}
	if (idx < 0 || idx >= cJSON_GetArraySize(child))
		return -1;
	if (rest == NULL) {
		cJSON_ReplaceItemInArray(child, (int)idx, cJSON_Duplicate(value, 1));
		return 0;
	}
	return set_path(cJSON_GetArrayItem(child, (int)idx), rest, value);
}

/* Does this policy object's type take key (first path segment)? */
static int
policy_accepts(const cJSON *pol, const char *key)
{
	const cJSON *ty = cJSON_GetObjectItemCaseSensitive(pol, "type");
	size_t n = strcspn(key, ".[");
	int kind, k;

	if (!cJSON_IsString(ty))
		return 0;
	kind = policy_kind_parse(ty->valuestring);
	if (kind < 0)
		return 0;
	for (k = 0; policy_keys[kind][k] != NULL; k++) {
		if (strlen(policy_keys[kind][k]) == n &&
		    strncmp(policy_keys[kind][k], key, n) == 0)
			return 1;
	}
	return 0;
}

/* "policy.KEY" / "tier.KEY": every candidate's tiers (or the baseline's);
 * policy keys go only to policies whose type takes them. */
static int
set_shorthand(cJSON *root, const char *what, const char *key, const cJSON *value)
{
	cJSON *cands = cJSON_GetObjectItemCaseSensitive(root, "candidates");
	cJSON *cfg, *tier, *tiers, *pol;
	int hits = 0;
	cJSON *one[1];
	cJSON **list = one;
	int nlist = 0, k;

	if (cJSON_IsArray(cands) && cJSON_GetArraySize(cands) > 0) {
		nlist = cJSON_GetArraySize(cands);
		list = xcalloc((size_t)nlist, sizeof(cJSON *));
		for (k = 0; k < nlist; k++)
			list[k] = cJSON_GetArrayItem(cands, k);
	} else {
		one[0] = cJSON_GetObjectItemCaseSensitive(root, "baseline");
		nlist = one[0] ? 1 : 0;
	}
	for (k = 0; k < nlist; k++) {
		cfg = list[k];
		tiers = cJSON_GetObjectItemCaseSensitive(cfg, "tiers");
		if (!cJSON_IsArray(tiers))
			continue;
		cJSON_ArrayForEach(tier, tiers) {
			if (strcmp(what, "tier") == 0) {
				if (set_path(tier, key, value) == 0)
					hits++;
				continue;
			}
			pol = cJSON_GetObjectItemCaseSensitive(tier, "policy");
			if (cJSON_IsObject(pol) && policy_accepts(pol, key)) {
				if (set_path(pol, key, value) == 0)
					hits++;
			}
			pol = cJSON_GetObjectItemCaseSensitive(tier, "policies");
			if (cJSON_IsArray(pol)) {
				cJSON *p;

				cJSON_ArrayForEach(p, pol) {
					if (!policy_accepts(p, key))
						continue;
					if (set_path(p, key, value) == 0)
						hits++;
				}
			}
		}
	}
	if (list != one)
		free(list);
	return hits > 0 ? 0 : -1;
}

static int
apply_override(cJSON *root, const char *ov, struct rd *r)
{
	const char *eq = strchr(ov, '=');
	char path[256];
	cJSON *value;
	int rc;

	if (eq == NULL || eq == ov || (size_t)(eq - ov) >= sizeof(path))
		return diag_set(r->d, "", 0, 0, "override \"%s\": expected PATH=VALUE", ov);
	memcpy(path, ov, (size_t)(eq - ov));
	path[eq - ov] = '\0';
	value = cJSON_Parse(eq + 1);
	if (value == NULL)
		value = cJSON_CreateString(eq + 1);
	if (strncmp(path, "policy.", 7) == 0)
		rc = set_shorthand(root, "policy", path + 7, value);
	else if (strncmp(path, "tier.", 5) == 0)
		rc = set_shorthand(root, "tier", path + 5, value);
	else
		rc = set_path(root, path, value);
	cJSON_Delete(value);
	if (rc != 0)
		return diag_set(r->d, "", 0, 0, "override \"%s\": no such place in %s",
				ov, r->file);
	return 0;
}

/* The whole of path, NUL-terminated, or NULL with d set: a file larger
 * than SCENARIO_MAX_BYTES is refused after reading one byte past the
 * bound (so /dev/zero fails at once), and a read error is never taken
 * for the end of the file. */
static char *
read_all(const char *path, size_t *n, struct diag *d)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, len = 0, got;

	if (f == NULL) {
		diag_set(d, path, 0, 0, "%s", strerror(errno));
		return NULL;
	}
	do {
		size_t want;

		xgrow((void **)&buf, &cap, len + 65536, 1);
		want = cap - len - 1;
		if (want > SCENARIO_MAX_BYTES + 1 - len)
			want = SCENARIO_MAX_BYTES + 1 - len;
		got = fread(buf + len, 1, want, f);
		len += got;
	} while (got > 0 && len <= SCENARIO_MAX_BYTES);
	if (ferror(f) || len > SCENARIO_MAX_BYTES) {
		if (len > SCENARIO_MAX_BYTES)
			diag_set(d, path, 0, 0, "too large: a scenario file is at most %d MB",
				 SCENARIO_MAX_BYTES >> 20);
		else
			diag_set(d, path, 0, 0, "read error: %s", strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	*n = len;
	return buf;
}

/* Read path and parse it, applying the overrides: the JSON tree (caller
 * deletes it) and the text (caller frees *text, which r points into), or
 * NULL with r->d set. */
static cJSON *
load_tree(const char *path, const char *const *overrides, size_t nov, struct rd *r,
	  char **text)
{
	cJSON *root;
	const char *end = NULL;
	size_t n = 0, k;

	*text = read_all(path, &n, r->d);
	if (*text == NULL)
		return NULL;
	r->text = *text;
	r->ntext = n;
	root = cJSON_ParseWithLengthOpts(*text, n, &end, 0);
	if (root == NULL) {
		long line, col;

		end = cJSON_GetErrorPtr();
		if (end == NULL || end < *text || end > *text + n)
			end = *text + n;
		text_position(*text, end, &line, &col);
		diag_set(r->d, path, line, col, "JSON syntax error");
		return NULL;
	}
	if (check_repeats(r, root, "", 0) != 0) {
		cJSON_Delete(root);
		return NULL;
	}
	for (k = 0; k < nov; k++) {
		if (apply_override(root, overrides[k], r) != 0) {
			cJSON_Delete(root);
			return NULL;
		}
	}
	return root;
}

int
scenario_load(const char *path, const char *const *overrides, size_t nov,
	      struct scenario **out, struct diag *d)
{
	struct scenario *s = NULL;
	struct rd r = { path, d, NULL, 0, NULL, NULL, NULL, NULL };
	cJSON *root = NULL;
	char *text = NULL;
	int rc = -1;

	*out = NULL;
	diag_clear(d);
	root = load_tree(path, overrides, nov, &r, &text);
	if (root == NULL)
		goto out;
	s = xcalloc(1, sizeof(*s));
	if (read_top(&r, root, s) != 0)
		goto out;
	*out = s;
	s = NULL;
	rc = 0;
out:
	catalog_free(r.cat);
	free(r.cat_file);
	scenario_free(s);
	cJSON_Delete(root);
	free(text);
	return rc;
}

void
scenario_free(struct scenario *s)
{
	size_t k;

	if (s == NULL)
		return;
	free(s->name);
	free(s->description);
	free(s->source);
	for (k = 0; k < s->nnotes; k++)
		free(s->notes[k]);
	free(s->notes);
	free(s->load.peaks);
	free(s->load.values);
	sim_config_free(s->baseline);
	for (k = 0; k < s->ncandidates; k++)
		sim_config_free(s->candidates[k]);
	free(s->candidates);
	free(s->opt.tier);
	free(s->opt.targets);
	free(s->opt.mins);
	free(s->opt.cooldowns);
	for (k = 0; k < s->opt.ntypes; k++)
		sim_tier_fini(&s->opt.types[k]);
	free(s->opt.types);
	free(s);
}

/*
 * The synthetic load at time t (seconds since the start):
 *   base * hourly(h) * weekly(d) * (1 + annual_growth)^(t / 365 days)
 *        * growth * product of the factors of the peaks covering t
 *        * (1 + noise * z), z uniform with unit variance (seeded).
 * hourly is interpolated linearly between hour midpoints so the curve
 * has no steps on the hour.
 */
void
scenario_make_load(const struct scenario *s, struct sim_load *l)
{
	const struct scenario_load *ld = &s->load;
	size_t i, k;
	uint64_t rng = s->seed * 0x9E3779B97F4A7C15ULL + 12345;

	memset(l, 0, sizeof(*l));
	l->start = s->start;
	l->step = s->step;
	l->n = (size_t)(s->days * 86400 / s->step);
	l->rps = xmalloc(l->n * sizeof(double));
	l->requests_per_order = ld->requests_per_order;
	for (i = 0; i < l->n; i++) {
		int64_t t = l->start + (int64_t)i * l->step;
		double x, hpos, f, v;
		int h0, h1;

		if (ld->values != NULL) {
			v = ld->nvalues ? ld->values[i % ld->nvalues] : 0.0;
		} else {
			hpos = (double)((t % 86400 + 86400) % 86400) / 3600.0 - 0.5;
			if (hpos < 0)
				hpos += 24.0;
			h0 = (int)floor(hpos);
			f = hpos - h0;
			h1 = (h0 + 1) % 24;
			x = ld->hourly[h0] * (1.0 - f) + ld->hourly[h1] * f;
			v = ld->base_rps * x * ld->weekly[utc_weekday(t)];
		}
		if (fabs(ld->annual_growth) > 0.0)
			v *= pow(1.0 + ld->annual_growth,
				 (double)(t - l->start) / (365.0 * 86400.0));
		v *= ld->growth;
		for (k = 0; k < ld->npeaks; k++) {
			if (t >= ld->peaks[k].start && t < ld->peaks[k].end)
				v *= ld->peaks[k].factor;
		}
		if (ld->noise > 0.0) {
			uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
			double u;

			z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
			z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
			z ^= z >> 31;
			u = (double)(z >> 11) / 9007199254740992.0;
			v *= 1.0 + ld->noise * (u - 0.5) * sqrt(12.0);
			if (v < 0.0)
				v = 0.0;
		}
		l->rps[i] = v;
	}
}

/* ---- writing an edited scenario ------------------------------------------ */

/* Make the string node *s (a path relative to in_dir) absolute. */
static void
absolute_path(cJSON *s, const char *in_dir)
{
	char *abs;

	if (!cJSON_IsString(s) || s->valuestring[0] == '/')
		return;
	abs = xasprintf("%s/%s", in_dir, s->valuestring);
	if (cJSON_SetValuestring(s, abs) == NULL)
		die("out of memory");
	free(abs);
}

/* The paths a scenario names relative to its own folder ("catalog",
 * "load.replay.path", each configuration's
 * "fixed_costs_from_rollup.path"), made absolute. */
static void
absolute_paths(cJSON *root, const char *in_dir)
{
	cJSON *load, *rep, *cfg, *fc, *p, *e;
	cJSON *configs[2];
	int k;

	absolute_path(cJSON_GetObjectItemCaseSensitive(root, "catalog"), in_dir);
	load = cJSON_GetObjectItemCaseSensitive(root, "load");
	rep = cJSON_GetObjectItemCaseSensitive(load, "replay");
	absolute_path(cJSON_GetObjectItemCaseSensitive(rep, "path"), in_dir);
	configs[0] = cJSON_GetObjectItemCaseSensitive(root, "baseline");
	configs[1] = cJSON_GetObjectItemCaseSensitive(root, "candidates");
	for (k = 0; k < 2; k++) {
		cJSON *one = configs[k];

		if (one == NULL)
			continue;
		cfg = k == 0 ? one : cJSON_IsArray(one) ? one->child : NULL;
		for (; cfg != NULL; cfg = k == 0 ? NULL : cfg->next) {
			fc = cJSON_GetObjectItemCaseSensitive(cfg, "fixed_costs_from_rollup");
			p = cJSON_GetObjectItemCaseSensitive(fc, "path");
			if (cJSON_IsArray(p)) {
				cJSON_ArrayForEach(e, p)
					absolute_path(e, in_dir);
			} else {
				absolute_path(p, in_dir);
			}
		}
	}
}

/* The real folder of file f, or NULL (caller frees). */
static char *
real_dir(const char *f)
{
	const char *s = strrchr(f, '/');
	char *dir = s != NULL ? xstrndup(f, s == f ? 1 : (size_t)(s - f)) : xstrdup(".");
	char *real = realpath(dir, NULL);

	free(dir);
	return real;
}

int
scenario_write(const char *path, const char *const *overrides, size_t nov,
	       const char *out, struct diag *d)
{
	struct rd r = { path, d, NULL, 0, NULL, NULL, NULL, NULL };
	cJSON *root = NULL;
	char *text = NULL, *json = NULL, *in_dir = NULL, *out_dir = NULL, *target = NULL;
	struct afile af;
	FILE *f;
	int rc = -1;

	diag_clear(d);
	root = load_tree(path, overrides, nov, &r, &text);
	if (root == NULL)
		goto out;
	if (afile_is_stdout(out)) {
		diag_set(d, out, 0, 0, "a scenario is saved to a file; give its name");
		goto out;
	}
	in_dir = real_dir(path);
	/* a link is written through: paths are relative to its target's folder */
	target = afile_follow(out);
	out_dir = target != NULL ? real_dir(target) : NULL;
	if (out_dir == NULL) {
		diag_set(d, out, 0, 0, "no such folder");
		goto out;
	}
	if (in_dir != NULL && strcmp(in_dir, out_dir) != 0)
		absolute_paths(root, in_dir);
	json = cJSON_Print(root);
	if (json == NULL)
		die("out of memory");
	f = afile_open(&af, out, d);
	if (f == NULL)
		goto out;
	fputs(json, f);
	fputc('\n', f);
	if (afile_commit(&af, d) < 0)
		goto out;
	rc = 0;
out:
	free(json);
	free(in_dir);
	free(out_dir);
	free(target);
	catalog_free(r.cat);
	free(r.cat_file);
	cJSON_Delete(root);
	free(text);
	return rc;
}
