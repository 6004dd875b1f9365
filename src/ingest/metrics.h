/*
 * metrics.h - utilization metrics and order counts in, regular UTC series
 * out.
 *
 * Layer: engine, readers. The format is told from the content, never the
 * file name:
 *   - CloudWatch `get-metric-data` JSON (MetricDataResults; newest first;
 *     several pages as concatenated documents or a JSON array of pages;
 *     results merged per Id; StatusCode PartialData/Forbidden reported;
 *     a series is named after its Label, or its Id when the Label is empty
 *     or shared with another Id of the page; one Id with two Labels in a
 *     file is an error, two Ids coming to one name a warning);
 *   - CloudWatch `get-metric-statistics` JSON (Datapoints, unordered; one
 *     series per statistic key present: Average, Maximum, Minimum, Sum,
 *     SampleCount, ExtendedStatistics such as p99);
 *   - Prometheus `query_range` JSON (matrix; values are strings; series
 *     named `metric{label="v",...}` with labels sorted by name);
 *   - CSV: `timestamp,value`, `timestamp,series,value`, or with a header
 *     naming the time column, `timestamp,a,b,...` (one series per column;
 *     two columns of one name are an error);
 *   - value-only files: numbers separated by blanks or new lines (or a CSV
 *     with a header and no time column), no time stamps: the grid comes
 *     from metrics_opts.start and .step.
 * Plain or gzip. A name holding NUL is an error (it would be cut short).
 *
 * Every series leaves sorted, de-duplicated and on a regular grid:
 *   - step: metrics_opts.step if set, else the most common spacing of
 *     consecutive distinct time stamps;
 *   - start: the first time stamp; each point goes to the nearest grid
 *     point;
 *   - two points on one grid point: by default the one read last wins
 *     (later in the file, or from a later file), and the other is counted
 *     as skipped "duplicate time stamp"; METRICS_DEDUP_MEAN averages them
 *     instead (the right rule when --step makes the grid coarser);
 *   - a grid point with no value is a gap (NAN), never zero; gaps are
 *     counted in account.gaps;
 *   - a value that is not a finite number (NaN, +Inf, "n/a", null) is a
 *     bad value: counted in account.values_bad and skipped "bad value",
 *     never used.
 * For metrics a "row" of the account is one data point (one value), so a
 * CSV line with three value columns is three rows.
 *
 * Ownership: series added to a series_set are owned by the set. cJSON
 * types never leave metrics.c.
 */
#ifndef RS_METRICS_H
#define RS_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "data/account.h"
#include "base/nameindex.h"
#include "data/series.h"
#include "base/util.h"

/* Default grid step of value-only files: 300 s, the CloudWatch basic
 * monitoring period and the PlanetLab/CoMon sampling interval. */
#define METRICS_DEFAULT_VALUES_STEP 300
/* Longest grid accepted for one series (2^26 points, two years at one
 * second): a bound so one wrong time stamp cannot take all memory. */
#define METRICS_MAX_POINTS (1L << 26)
/* Memory one JSON metrics file may take, its text and the trees cJSON
 * parses from it together (1 GiB): a year of one-minute get-metric-data
 * for one series (36 MB of text as the AWS CLI writes it) takes ~150 MB.
 * Past it the file is refused as "too large"; metrics_opts.max_json or the
 * environment variable RIGHTSIZE_METRICS_MAX_JSON (512M, 4G) raise it. */
#define METRICS_MAX_JSON (1ULL << 30)
/* Grid points all series of one file may take together (16.7 M: 32 series
 * of a year of minutes; ~270 MB): scattered time stamps in a small file
 * must not take gigabytes. */
#define METRICS_MAX_FILE_POINTS (1L << 24)

enum metrics_dedup {
	METRICS_DEDUP_LAST, /* the point read last wins (default) */
	METRICS_DEDUP_MEAN, /* the mean of the points on the grid point */
};

/* Per-series counts while reading, kept when a tally is passed. */
struct metrics_tally_item {
	char *series;
	long points;     /* data points read */
	long values_bad; /* of which not finite numbers */
	long duplicates; /* points sharing a grid point with another */
};

/* A get-metric-data Id seen PartialData on some page. */
struct metrics_partial {
	char *id;
	int open; /* not Complete on a later page yet */
};

/* What reading found besides the series: per-series counts and warnings
 * (one line each, e.g. a StatusCode other than Complete). Owns its items;
 * zero-initialized is empty; free with metrics_tally_fini(). */
struct metrics_tally {
	struct metrics_tally_item *items;
	size_t n, cap;
	struct nameindex idx; /* items by series */
	char **warnings;
	size_t nwarnings, warnings_cap;
	/* get-metric-data Ids seen PartialData, nopen of them not yet
	 * Complete on a later page (none open before first_open); one warning
	 * names the open ones (its index + 1 in warnings, 0 = none), dropped
	 * once every page has been read. */
	struct metrics_partial *partial;
	size_t npartial, partial_cap, nopen, first_open;
	struct nameindex pidx; /* partial by Id */
	size_t partial_warning;
};

struct metrics_opts {
	int64_t step;              /* grid step in seconds; 0: infer */
	int64_t start;             /* value-only files: time of the first value */
	int start_set;             /* start was given */
	enum metrics_dedup dedup;
	const char *statistic;     /* get-metric-statistics: keep only this key */
	const char *name;          /* name for a file's single unnamed series;
				      NULL: the file name without extension */
	unsigned long long max_json; /* memory a JSON file may take; 0:
					$RIGHTSIZE_METRICS_MAX_JSON, else
					METRICS_MAX_JSON */
	struct metrics_tally *tally; /* borrowed; may be NULL */
};

void metrics_opts_init(struct metrics_opts *o);
void metrics_tally_fini(struct metrics_tally *t);
const struct metrics_tally_item *metrics_tally_find(const struct metrics_tally *t,
						     const char *series);

/*
 * Read one metrics file and add its series to out; a series whose name is
 * already in out is merged with it (points re-gridded together, the new
 * file's points winning under METRICS_DEDUP_LAST). a is initialized and
 * filled (format, rows read/used/skipped, values_bad, gaps of the series
 * this file touched). Returns 0, or -1 with d naming file, line and
 * column (malformed JSON, a time stamp we cannot read, no data, a name
 * that is ambiguous, JSON past the memory limit: "too large"); out is
 * then unchanged. Out of memory parsing JSON under the limit dies.
 */
int metrics_load(const char *path, const struct metrics_opts *o,
		 struct series_set *out, struct account *a, struct diag *d);

struct orders_opts {
	/* Order export: the column holding each order's time (matched without
	 * regard to case). NULL: the file holds hourly counts. */
	const char *time_column;
	const char *name; /* series name; NULL: "orders" */
};

void orders_opts_init(struct orders_opts *o);

/*
 * Read orders into out (initialized here; caller frees with
 * series_fini()): an hourly series of order counts, step 3600, start on
 * the hour.
 *   - Hourly counts (time_column NULL): `timestamp,orders` with an
 *     optional header (count column named orders, count or value, or the
 *     second column). Rows are floored to their hour and added, so a
 *     per-minute count file becomes hourly. An hour with no row is a gap.
 *   - Order export (time_column set): one row per order, header required;
 *     each order counts in the hour of its time stamp. Every hour from the
 *     first order's to the last order's is then a real count: an hour
 *     without orders inside the export's span is 0 orders, not a gap (the
 *     one place zero is right: the export lists every order).
 * Returns 0, or -1 with d (missing column, bad time stamp or count).
 */
int orders_load(const char *path, const struct orders_opts *o,
		struct series *out, struct account *a, struct diag *d);

/* Parse a duration: seconds ("300"), or a number with a unit s, m, h, d
 * or w ("5m", "1.5h", "8w"). 0 and *secs > 0, or -1. */
int duration_parse(const char *s, int64_t *secs);

#endif
