/*
 * test_metrics.c - the metrics and orders readers on fixtures written at
 * test time by tests/gen_metrics.py (see its docstring for the truth
 * each file is built from).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/metrics.h"
#include "testlib.h"
#include "base/utc.h"

static char dir[256];
static int64_t T0;

static const char *
fx(const char *name)
{
	static char buf[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static long
skips(const struct account *a, const char *reason)
{
	int i;

	for (i = 0; i < a->nskip; i++) {
		if (strcmp(a->skip_reason[i], reason) == 0)
			return a->skip_count[i];
	}
	return 0;
}

/* Load files in order into a fresh set; 0 or -1. */
static int
load(struct series_set *set, const struct metrics_opts *o, struct account *a,
     struct diag *d, const char *f1, const char *f2)
{
	memset(set, 0, sizeof(*set));
	if (metrics_load(fx(f1), o, set, a, d) < 0)
		return -1;
	if (f2 != NULL && metrics_load(fx(f2), o, set, a, d) < 0)
		return -1;
	return 0;
}

static void
check_cpu(const struct series_set *set, const char *what)
{
	const struct series *s = series_set_find(set, "web-1");
	struct series_stats st;

	test_ok(s != NULL, "%s: series named after the Label", what);
	if (s == NULL)
		return;
	series_stats(s, &st);
	test_int(s->start, T0, "%s: start", what);
	test_int(s->step, 300, "%s: step inferred", what);
	test_int((int64_t)s->n, 24, "%s: grid length", what);
	test_int((int64_t)st.gaps, 1, "%s: one gap", what);
	test_ok(isnan(s->v[7]), "%s: the missing period is a gap, not zero", what);
	test_abs(s->v[5], 15, 0, "%s: v[5]", what);
	test_abs(s->v[11], 99, 0, "%s: the later page wins", what);
	test_abs(s->v[23], 33, 0, "%s: newest point", what);
	test_ok(series_set_find(set, "mem") == NULL, "%s: Forbidden result has no series",
		what);
}

static void
test_cloudwatch(void)
{
	struct metrics_opts o;
	struct metrics_tally tally;
	struct series_set set;
	struct account a;
	struct diag d;
	const struct series *s;

	metrics_opts_init(&o);
	memset(&tally, 0, sizeof(tally));
	o.tally = &tally;
	test_ok(load(&set, &o, &a, &d, "gmd_p1.json", "gmd_p2.json") == 0, "two pages, two files");
	check_cpu(&set, "gmd files");
	/* page 2 completes the answer page 1 left partial: only Forbidden */
	test_int((int64_t)tally.nwarnings, 1, "Forbidden reported, PartialData completed");
	test_ok(tally.nwarnings > 0 && strstr(tally.warnings[0], "Forbidden") != NULL,
		"the warning names Forbidden");
	series_set_fini(&set);
	metrics_tally_fini(&tally);
	o.tally = &tally;
	test_ok(load(&set, &o, &a, &d, "gmd_p1.json", NULL) == 0, "first page alone");
	test_ok(tally.nwarnings > 0 && strstr(tally.warnings[0], "PartialData") != NULL,
		"a page alone is reported PartialData");
	test_str(a.format, "cloudwatch-get-metric-data", "format detected");
	series_set_fini(&set);
	metrics_tally_fini(&tally);

	o.tally = NULL;
	test_ok(load(&set, &o, &a, &d, "gmd_concat.json", NULL) == 0, "concatenated pages");
	check_cpu(&set, "gmd concat");
	test_int(a.rows_read, 24, "concat: 24 points read");
	test_int(skips(&a, "duplicate time stamp"), 1, "concat: the overlapping point skipped");
	test_int(a.rows_used, 23, "concat: rows used");
	test_int(a.gaps, 1, "concat: gaps in the account");
	series_set_fini(&set);

	test_ok(load(&set, &o, &a, &d, "gmd_array.json", NULL) == 0, "array of pages");
	check_cpu(&set, "gmd array");
	series_set_fini(&set);

	test_ok(load(&set, &o, &a, &d, "gmd_shared.json", NULL) == 0, "shared Label");
	test_ok(series_set_find(&set, "a") != NULL && series_set_find(&set, "b") != NULL &&
		set.n == 2, "a Label shared by two Ids: the series keep their Ids");
	s = series_set_find(&set, "b");
	if (s != NULL)
		test_abs(s->v[2], 6, 0, "shared Label: b's values");
	series_set_fini(&set);

	test_ok(load(&set, &o, &a, &d, "gms.json", NULL) == 0, "get-metric-statistics");
	test_int((int64_t)set.n, 2, "one series per statistic");
	s = series_set_find(&set, "CPUUtilization:Maximum");
	test_ok(s != NULL, "Maximum series named Label:Maximum");
	if (s != NULL) {
		test_int(s->step, 3600, "gms: step");
		test_int((int64_t)s->n, 10, "gms: sorted onto 10 points");
		test_abs(s->v[0], 50, 0, "gms: first Maximum");
		test_abs(s->v[9], 59, 0, "gms: last Maximum");
		test_str(s->unit, "Percent", "gms: unit");
	}
	series_set_fini(&set);

	o.statistic = "Average";
	test_ok(load(&set, &o, &a, &d, "gms.json", NULL) == 0, "--statistic Average");
	s = series_set_find(&set, "CPUUtilization");
	test_ok(s != NULL && set.n == 1, "one statistic keeps the Label as name");
	if (s != NULL)
		test_abs(s->v[3], 23, 0, "Average of hour 3");
	series_set_fini(&set);
	o.statistic = "p99";
	test_ok(load(&set, &o, &a, &d, "gms.json", NULL) < 0, "absent statistic is an error");
	series_set_fini(&set);
}

static void
test_prometheus(void)
{
	struct metrics_opts o;
	struct metrics_tally tally;
	struct series_set set;
	struct account a;
	struct diag d;
	const struct series *s;
	const struct metrics_tally_item *ti;
	const char *n1 = "http_requests_total{instance=\"a:9090\",job=\"shop\"}";

	metrics_opts_init(&o);
	memset(&tally, 0, sizeof(tally));
	o.tally = &tally;
	test_ok(load(&set, &o, &a, &d, "prom.json", NULL) == 0, "prometheus matrix");
	test_str(a.format, "prometheus-query-range", "format detected");
	s = series_set_find(&set, n1);
	test_ok(s != NULL, "series named metric{labels sorted}");
	test_ok(series_set_find(&set, "{job=\"db\"}") != NULL, "series without __name__");
	if (s != NULL) {
		test_int(s->step, 15, "step 15 s");
		test_int((int64_t)s->n, 20, "20 grid points");
		test_ok(isnan(s->v[4]) && isnan(s->v[9]) && isnan(s->v[13]),
			"NaN, +Inf and the absent point are gaps");
		test_abs(s->v[12], 24, 0, "string value parsed");
	}
	test_int(a.values_bad, 2, "NaN and +Inf counted as bad");
	test_int(a.rows_read, 39, "points read");
	test_int(a.rows_used, 37, "points used");
	ti = metrics_tally_find(&tally, n1);
	test_ok(ti != NULL && ti->values_bad == 2, "bad values per series");
	series_set_fini(&set);
	metrics_tally_fini(&tally);
}

static void
test_csv(void)
{
	struct metrics_opts o;
	struct series_set set;
	struct account a;
	struct diag d;
	const struct series *s;

	metrics_opts_init(&o);
	test_ok(load(&set, &o, &a, &d, "csv2.csv", NULL) == 0, "csv with header");
	s = series_set_find(&set, "csv2");
	test_ok(s != NULL, "single value column named after the file");
	if (s != NULL) {
		test_int(s->step, 60, "csv: step");
		test_int((int64_t)s->n, 10, "csv: grid");
		test_abs(s->v[3], 100, 0, "csv: duplicate, last wins");
		test_ok(isnan(s->v[6]) && isnan(s->v[8]), "csv: bad and empty values are gaps");
		test_abs(s->v[9], 13.5, 0, "csv: last value");
	}
	test_int(a.rows_read, 11, "csv: rows read");
	test_int(a.values_bad, 1, "csv: one bad value");
	test_int(skips(&a, "empty value"), 1, "csv: one empty value");
	test_int(skips(&a, "duplicate time stamp"), 1, "csv: one duplicate");
	test_int(a.rows_used, 8, "csv: rows used");
	test_int(a.gaps, 2, "csv: gaps");
	series_set_fini(&set);

	o.dedup = METRICS_DEDUP_MEAN;
	test_ok(load(&set, &o, &a, &d, "csv2.csv", NULL) == 0, "csv, dedup mean");
	s = series_set_find(&set, "csv2");
	if (s != NULL)
		test_abs(s->v[3], (4.5 + 100) / 2, 1e-12, "csv: duplicate averaged");
	test_int(a.rows_used, 9, "dedup mean: both duplicates used");
	series_set_fini(&set);
	o.dedup = METRICS_DEDUP_LAST;

	test_ok(load(&set, &o, &a, &d, "csv3.csv", NULL) == 0, "timestamp,series,value");
	s = series_set_find(&set, "web-2");
	test_int((int64_t)set.n, 2, "two series");
	if (s != NULL) {
		test_int(s->start, T0, "csv3: sorted start");
		test_abs(s->v[4], 50, 0, "csv3: web-2 last");
	}
	series_set_fini(&set);

	test_ok(load(&set, &o, &a, &d, "wide.csv", NULL) == 0, "wide csv");
	s = series_set_find(&set, "mem");
	if (s != NULL) {
		test_int(s->step, 300, "wide: step");
		test_abs(s->v[5], 65, 0, "wide: mem last");
	}
	test_int(a.rows_read, 12, "wide: a row per value");
	series_set_fini(&set);

	o.step = 600;
	o.dedup = METRICS_DEDUP_MEAN;
	test_ok(load(&set, &o, &a, &d, "wide.csv", NULL) == 0, "wide csv resampled to 600 s");
	s = series_set_find(&set, "cpu");
	if (s != NULL) {
		test_int((int64_t)s->n, 4, "resampled grid (nearest point, halves round up)");
		test_abs(s->v[1], 41.5, 1e-12, "resampled mean of 40+1, 40+2");
	}
	series_set_fini(&set);
}

static void
test_values(void)
{
	struct metrics_opts o;
	struct series_set set;
	struct account a;
	struct diag d;
	const struct series *s;

	metrics_opts_init(&o);
	test_ok(load(&set, &o, &a, &d, "values.txt", NULL) < 0, "values without --start fail");
	test_ok(strstr(d.msg, "--start") != NULL, "and say to give --start");
	series_set_fini(&set);
	o.start_set = 1;
	utc_parse("2011-03-03", 10, &o.start);
	test_ok(load(&set, &o, &a, &d, "values.txt", NULL) == 0, "values with --start");
	s = series_set_find(&set, "values");
	if (s != NULL) {
		test_int(s->step, 300, "values: default step 300 s");
		test_int((int64_t)s->n, 288, "values: 288 points");
		test_abs(s->v[287], 287 % 50, 0, "values: last");
	}
	test_str(a.format, "values", "values format");
	series_set_fini(&set);
}

static void
test_orders(void)
{
	struct orders_opts o;
	struct series s;
	struct account a;
	struct diag d;

	orders_opts_init(&o);
	test_ok(orders_load(fx("orders_hourly.csv"), &o, &s, &a, &d) == 0, "hourly orders");
	test_int(s.step, 3600, "orders: hourly");
	test_int((int64_t)s.n, 5, "orders: 5 hours");
	test_ok(isnan(s.v[2]), "orders: a missing hour in a counts file is a gap");
	test_abs(s.v[4], 55, 0, "orders: rows in one hour are added");
	series_fini(&s);

	o.time_column = "CREATED_AT";
	test_ok(orders_load(fx("orders_export.csv"), &o, &s, &a, &d) == 0, "order export");
	test_int((int64_t)s.n, 4, "export: 4 hours");
	test_abs(s.v[0], 3, 0, "export: hour 0");
	test_abs(s.v[2], 0, 0, "export: an hour without orders is 0");
	test_abs(s.v[3], 1, 0, "export: hour 3");
	test_int(a.rows_read, 6, "export: rows read");
	test_int(skips(&a, "empty time stamp"), 1, "export: empty time skipped");
	series_fini(&s);

	o.time_column = "placed_at";
	test_ok(orders_load(fx("orders_export.csv"), &o, &s, &a, &d) < 0,
		"missing time column is an error");
	test_ok(strstr(d.msg, "placed_at") != NULL, "naming the column");
}

static void
test_bad(void)
{
	struct metrics_opts o;
	struct series_set set;
	struct account a;
	struct diag d;

	metrics_opts_init(&o);
	test_ok(load(&set, &o, &a, &d, "bad.json", NULL) < 0, "malformed JSON fails");
	test_int(d.line, 3, "malformed JSON: line");
	test_ok(d.col >= 55 && d.col <= 57, "malformed JSON: column at the stray }");
	series_set_fini(&set);
	test_ok(load(&set, &o, &a, &d, "badts.csv", NULL) < 0, "bad time stamp fails");
	test_int(d.line, 3, "bad time stamp: line");
	test_int(d.col, 1, "bad time stamp: column");
	series_set_fini(&set);
}

/* Write text to fixture name (in the test's folder); returns its path. */
static const char *
put(const char *name, const char *text)
{
	const char *path = fx(name);
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		printf("FAIL: cannot write %s\n", path);
		exit(99);
	}
	return path;
}

/* A wide CSV of 300 value columns: the reader's series array moves many
 * times while the columns are set up; each column keeps its own values. */
static void
test_wide(void)
{
	struct metrics_opts o;
	struct series_set set;
	struct account a;
	struct diag d;
	char *text = xstrdup("timestamp"), *t;
	size_t k, bad = 0;
	int row;

	for (k = 0; k < 300; k++) {
		t = xasprintf("%s,col%zu", text, k);
		free(text);
		text = t;
	}
	for (row = 0; row < 3; row++) {
		t = xasprintf("%s\n2026-10-01T0%d:00:00Z", text, row);
		free(text);
		text = t;
		for (k = 0; k < 300; k++) {
			t = xasprintf("%s,%zu", text, k * 10 + (size_t)row);
			free(text);
			text = t;
		}
	}
	t = xasprintf("%s\n", text);
	free(text);
	put("wide300.csv", t);
	free(t);
	metrics_opts_init(&o);
	test_ok(load(&set, &o, &a, &d, "wide300.csv", NULL) == 0, "300 value columns");
	test_int((int64_t)set.n, 300, "300 columns: a series each");
	test_int(a.rows_read, 900, "300 columns: every value read");
	for (k = 0; k < 300; k++) {
		char name[16];
		const struct series *s;

		snprintf(name, sizeof(name), "col%zu", k);
		s = series_set_find(&set, name);
		if (s == NULL || s->n != 3 || fabs(s->v[0] - (double)(k * 10)) > 0 ||
		    fabs(s->v[2] - (double)(k * 10 + 2)) > 0)
			bad++;
	}
	test_int((int64_t)bad, 0, "300 columns: each series holds its own column");
	series_set_fini(&set);
}

#define GMD_PAGE                                                                    \
	"{\"MetricDataResults\":[{\"Id\":\"%s\",\"Label\":\"%s\","                 \
	"\"Timestamps\":[\"2026-10-01T00:0%d:00Z\"],\"Values\":[%d]}]}\n"

/* Input that cannot be read one way only is an error (or a warning)
 * naming its place. */
static void
test_ambiguous(void)
{
	struct metrics_opts o;
	struct metrics_tally tally;
	struct series_set set;
	struct account a;
	struct diag d;
	char *t1, *t2, *text;

	metrics_opts_init(&o);
	put("dup.csv", "timestamp,a,b,a\n2026-10-01T00:00:00Z,1,2,3\n");
	test_ok(load(&set, &o, &a, &d, "dup.csv", NULL) < 0, "a repeated column name fails");
	test_int(d.line, 1, "repeated column: line");
	test_int(d.col, 15, "repeated column: column of the second");
	test_ok(strstr(d.msg, "columns 2 and 4") != NULL, "repeated column: both named");
	test_int((int64_t)set.n, 0, "repeated column: no series");
	series_set_fini(&set);

	t1 = xasprintf(GMD_PAGE, "m1", "cpu", 5, 10);
	t2 = xasprintf(GMD_PAGE, "m1", "mem", 0, 70);
	text = xasprintf("%s%s", t1, t2);
	put("twolabels.json", text);
	free(text);
	test_ok(load(&set, &o, &a, &d, "twolabels.json", NULL) < 0, "one Id, two Labels fails");
	test_ok(strstr(d.msg, "document 2: MetricDataResults[0]: Id m1 has the Label \"mem\", "
			      "but \"cpu\" at MetricDataResults[0]") != NULL,
		"one Id, two Labels: both places (%s)", d.msg);
	series_set_fini(&set);
	free(t2);

	memset(&tally, 0, sizeof(tally));
	o.tally = &tally;
	t2 = xasprintf(GMD_PAGE, "m2", "cpu", 0, 30);
	text = xasprintf("%s%s", t1, t2);
	put("twoids.json", text);
	free(text);
	test_ok(load(&set, &o, &a, &d, "twoids.json", NULL) == 0, "two Ids, one Label: read");
	test_int((int64_t)set.n, 1, "two Ids, one Label: one series");
	test_ok(tally.nwarnings == 1 &&
		strstr(tally.warnings[0], "Id m2 is read as series cpu, as Id m1") != NULL,
		"two Ids, one Label: warned");
	series_set_fini(&set);
	metrics_tally_fini(&tally);
	o.tally = NULL;
	free(t1);
	free(t2);

	put("nulid.json", "{\"MetricDataResults\":[{\"Id\":\"m1\",\"Timestamps\":[],\"Values\":[]},\n"
			  "  {\"Id\":\"m\\\\\\u0000\",\"Timestamps\":[],\"Values\":[]}]}\n");
	test_ok(load(&set, &o, &a, &d, "nulid.json", NULL) < 0, "\\u0000 in an Id fails");
	test_int(d.line, 2, "\\u0000: line");
	test_int(d.col, 13, "\\u0000: column of the escape");
	series_set_fini(&set);
	put("bsl.json", "{\"MetricDataResults\":[{\"Id\":\"m\\\\u0000\",\"Timestamps\":"
			"[\"2026-10-01T00:00:00Z\"],\"Values\":[1]}]}\n");
	test_ok(load(&set, &o, &a, &d, "bsl.json", NULL) == 0,
		"an escaped backslash before u0000 is no NUL");
	test_ok(series_set_find(&set, "m\\u0000") != NULL, "and names the series");
	series_set_fini(&set);
}

/* A JSON file is refused as too large by its text and parse tree. */
static void
test_json_limit(void)
{
	struct metrics_opts o;
	struct series_set set;
	struct account a;
	struct diag d;
	const char *path = fx("big.json");
	FILE *f = fopen(path, "w");
	int i;

	if (f == NULL)
		exit(99);
	fputs("{\"MetricDataResults\":[{\"Id\":\"m1\",\"Timestamps\":[", f);
	for (i = 0; i < 100000; i++)
		fprintf(f, "%s%d", i ? "," : "", 1790000000 + 60 * i);
	fputs("],\"Values\":[", f);
	for (i = 0; i < 100000; i++)
		fprintf(f, "%s%d", i ? "," : "", i % 100);
	fputs("]}]}\n", f);
	fclose(f);
	metrics_opts_init(&o);
	test_ok(load(&set, &o, &a, &d, "big.json", NULL) == 0, "2 MB of JSON under the default limit");
	series_set_fini(&set);
	o.max_json = 8 << 20; /* text 1.8 MB, tree 200,000 nodes of ~80 bytes */
	test_ok(load(&set, &o, &a, &d, "big.json", NULL) < 0, "over an 8 MB limit: refused");
	test_ok(strstr(d.msg, "too large") != NULL && strstr(d.msg, "limit of 8M") != NULL &&
		strstr(d.msg, "RIGHTSIZE_METRICS_MAX_JSON") != NULL,
		"too large, the limit, the knob (%s)", d.msg);
	test_int((int64_t)set.n, 0, "too large: no series");
	series_set_fini(&set);
	o.max_json = 1 << 20;
	test_ok(load(&set, &o, &a, &d, "big.json", NULL) < 0 && strstr(d.msg, "too large") != NULL,
		"text alone over the limit: too large");
	series_set_fini(&set);
}

static void
test_resample_duration(void)
{
	struct series s, r;
	struct diag d;
	int64_t v;
	size_t i;

	/* one value a minute from 00:30 for 3 hours; in hour 2 (i 90..149)
	 * 29 minutes missing */
	series_init(&s, "x", "", T0 + 1800, 60, 180);
	for (i = 0; i < s.n; i++)
		s.v[i] = (i >= 90 && i < 119) ? NAN : 2;
	test_ok(series_resample(&s, 3600, 1, &r, &d) == 0, "resample to hours, sum");
	test_int(r.start, T0, "buckets start on the hour");
	test_int((int64_t)r.n, 4, "four hour buckets");
	test_abs(r.v[0], 120, 1e-9, "cut first hour: 30 minutes present, scaled to the hour");
	test_ok(isnan(r.v[2]) == 0, "hour with 29 of 60 minutes missing is kept");
	test_abs(r.v[2], 120, 1e-9, "and scaled up");
	series_fini(&r);
	test_ok(series_resample(&s, 3600, 0, &r, &d) == 0, "resample, mean");
	test_abs(r.v[1], 2, 1e-12, "mean");
	series_fini(&r);
	for (i = 55; i < 90; i++)
		s.v[i] = NAN; /* hour 1 (i 30..89): 35 of 60 missing */
	test_ok(series_resample(&s, 3600, 1, &r, &d) == 0, "resample with a mostly empty hour");
	test_ok(isnan(r.v[1]), "under half present: a gap");
	series_fini(&r);
	test_ok(series_resample(&s, 90, 0, &r, &d) < 0, "not a multiple of the step");
	series_fini(&s);

	test_ok(duration_parse("300", &v) == 0 && v == 300, "duration 300");
	test_ok(duration_parse("5m", &v) == 0 && v == 300, "duration 5m");
	test_ok(duration_parse("1.5h", &v) == 0 && v == 5400, "duration 1.5h");
	test_ok(duration_parse("4w", &v) == 0 && v == 4 * 604800, "duration 4w");
	test_ok(duration_parse("soon", &v) < 0, "not a duration");
	test_ok(duration_parse("5x", &v) < 0, "unknown unit");
	test_ok(duration_parse("0", &v) < 0, "zero");
	test_ok(duration_parse("-5m", &v) < 0, "negative");
}

int
main(void)
{
	const char *py = getenv("PYTHON"), *top = getenv("top_srcdir");
	const char *tmp = getenv("TMPDIR");
	char cmd[1024];
	int64_t s;

	if (py == NULL || py[0] == '\0' || top == NULL) {
		printf("SKIP: PYTHON or top_srcdir not set (run through make check)\n");
		return 77;
	}
	snprintf(dir, sizeof(dir), "%s/rs-test-metrics.XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 99;
	snprintf(cmd, sizeof(cmd), "'%s' '%s/tests/gen_metrics.py' '%s'", py, top, dir);
	if (system(cmd) != 0) {
		printf("FAIL: fixture generator\n");
		return 99;
	}
	utc_parse("2026-10-01T00:00:00Z", 20, &s);
	T0 = s;
	test_cloudwatch();
	test_prometheus();
	test_csv();
	test_values();
	test_orders();
	test_bad();
	test_wide();
	test_ambiguous();
	test_json_limit();
	test_resample_duration();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("note: could not remove %s\n", dir);
	return test_summary();
}
