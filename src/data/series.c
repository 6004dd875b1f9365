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
