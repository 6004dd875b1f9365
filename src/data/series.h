/*
 * series.h - a regular time series on a UTC grid, the common currency of
 * metrics, orders, load models and the simulator.
 *
 * Layer: engine, plain value record. A gap is NAN, never zero; readers
 * put every input on a grid (sorted, de-duplicated) before handing it on.
 *
 * Ownership: a series owns name, unit and v; a series_set owns its items.
 */
#ifndef RS_SERIES_H
#define RS_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "base/nameindex.h"
#include "base/util.h"

struct series {
	char *name;    /* id: CloudWatch Id/Label, Prometheus label set, CSV series */
	char *unit;    /* "Percent", "Count", "requests/s", or "" */
	int64_t start; /* epoch seconds of v[0] (UTC) */
	int64_t step;  /* seconds between points, > 0 */
	size_t n;
	double *v;     /* n values; NAN marks a gap */
};

struct series_set {
	struct series *items;
	size_t n, cap;
	struct nameindex idx; /* items by name (the first of a name) */
};

/* Make s an empty grid of n gaps starting at start with step (copies name). */
void series_init(struct series *s, const char *name, const char *unit,
		 int64_t start, int64_t step, size_t n);
void series_fini(struct series *s);
/* Append a series to the set, taking ownership of its contents. The set
 * may be zero-initialized. Items may be replaced in place by a series of
 * the same name; never renamed. */
void series_set_add(struct series_set *set, struct series *s);
void series_set_fini(struct series_set *set);
/* The series named name (the first added of that name), or NULL. */
struct series *series_set_find(const struct series_set *set, const char *name);

/* Epoch seconds of point i. */
static inline int64_t
series_time(const struct series *s, size_t i)
{
	return s->start + (int64_t)i * s->step;
}

/* Summary of one series over its non-gap points (min/mean/max NAN when
 * every point is a gap). */
struct series_stats {
	size_t points; /* non-gap */
	size_t gaps;
	double min, mean, max;
};

void series_stats(const struct series *s, struct series_stats *st);

/*
 * Resample s onto a coarser grid of step (a multiple of s->step) into out
 * (initialized here): buckets start at multiples of step since the epoch
 * (so hours start on the hour). A bucket holds the mean of its points, or
 * with sum set their sum, provided at least half of its points are
 * present (of those the series covers, for the cut buckets at its
 * ends): the sum is then scaled to the whole bucket (mean x points per
 * bucket), so missing seconds do not read as a dip. Fewer than half: a
 * gap. -1 with d
 * when step is not a multiple of s->step.
 */
int series_resample(const struct series *s, int64_t step, int sum, struct series *out,
		    struct diag *d);

#endif
