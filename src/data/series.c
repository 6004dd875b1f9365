/*
 * series.c - regular UTC time series (value record helpers).
 * Layer: engine.
 */
#include "config.h"

#include "data/series.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

void
series_init(struct series *s, const char *name, const char *unit,
	    int64_t start, int64_t step, size_t n)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name ? name : "");
	s->unit = xstrdup(unit ? unit : "");
	s->start = start;
	s->step = step;
	s->n = n;
	s->v = xmalloc((n ? n : 1) * sizeof(double));
	for (i = 0; i < n; i++)
		s->v[i] = NAN;
}

void
series_fini(struct series *s)
{
	if (s == NULL)
		return;
	free(s->name);
	free(s->unit);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static const char *
item_name(const void *items, size_t pos)
{
	return ((const struct series *)items)[pos].name;
}

void
series_set_add(struct series_set *set, struct series *s)
{
	if (series_set_find(set, s->name) == NULL)
		nameindex_add(&set->idx, s->name, set->n);
	xgrow((void **)&set->items, &set->cap, set->n + 1, sizeof(*set->items));
	set->items[set->n++] = *s;
	memset(s, 0, sizeof(*s));
}

void
series_set_fini(struct series_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		series_fini(&set->items[i]);
	free(set->items);
	nameindex_fini(&set->idx);
	memset(set, 0, sizeof(*set));
}

struct series *
series_set_find(const struct series_set *set, const char *name)
{
	size_t i = nameindex_find(&set->idx, name, item_name, set->items);

	return i == NAMEINDEX_NONE ? NULL : &set->items[i];
}

void
series_stats(const struct series *s, struct series_stats *st)
{
	size_t i;
	double sum = 0;

	memset(st, 0, sizeof(*st));
	st->min = st->max = st->mean = NAN;
	for (i = 0; i < s->n; i++) {
		double v = s->v[i];

		if (isnan(v)) {
			st->gaps++;
			continue;
		}
		if (st->points == 0 || v < st->min)
			st->min = v;
		if (st->points == 0 || v > st->max)
			st->max = v;
		sum += v;
		st->points++;
	}
	if (st->points > 0)
		st->mean = sum / (double)st->points;
}

int
series_resample(const struct series *s, int64_t step, int sum, struct series *out,
		struct diag *d)
{
	int64_t first, last, per;
	size_t nb, i, *cnt;
	double *acc;

	if (step <= 0 || step % s->step != 0)
		return diag_set(d, NULL, 0, 0,
				"cannot resample %s from a %lld s step to %lld s (not a multiple)",
				s->name, (long long)s->step, (long long)step);
	per = step / s->step;
	first = s->start - (((s->start % step) + step) % step);
	last = series_time(s, s->n ? s->n - 1 : 0);
	nb = (size_t)((last - first) / step) + 1;
	series_init(out, s->name, s->unit, first, step, nb);
	acc = xcalloc(nb, sizeof(*acc));
	cnt = xcalloc(nb, sizeof(*cnt));
	for (i = 0; i < s->n; i++) {
		size_t b;

		if (isnan(s->v[i]))
			continue;
		b = (size_t)((series_time(s, i) - first) / step);
		acc[b] += s->v[i];
		cnt[b]++;
	}
	for (i = 0; i < nb; i++) {
		/* the first and last buckets may be cut by the series' ends */
		int64_t lo = first + (int64_t)i * step, hi = lo + step;
		int64_t from = lo > s->start ? lo : s->start;
		int64_t to = hi < last + s->step ? hi : last + s->step;
		double expect = (double)((to - from + s->step - 1) / s->step);

		if (cnt[i] == 0 || 2.0 * (double)cnt[i] < expect)
			continue;
		out->v[i] = sum ? acc[i] * ((double)per / (double)cnt[i])
				: acc[i] / (double)cnt[i];
	}
	free(acc);
	free(cnt);
	return 0;
}
