/*
 * test_loadfit.c - the load model recovers what tests/gen_load.py planted
 * (growth, daily and weekly amplitude and phase, event uplift), stays on
 * course through an outage, and its intervals cover about their nominal
 * share of held-out points.
 *
 * Tolerances: noise is N(0, 0.1^2) in log-load on hourly points over nine
 * weeks; amplitudes are also biased down by the log floor (about 0.01
 * at these amplitudes), hence +-0.03; phases +-15 minutes (daily) and
 * +-3 hours (weekly); growth +-1 point a month; a one-day uplift of 80%
 * (24 points) +-10 points. Interval coverage on 168 held-out points:
 * 80% within [0.68, 0.92], 95% within [0.87, 1] (about three binomial
 * standard deviations).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model/loadfit.h"
#include "ingest/metrics.h"
#include "testlib.h"
#include "base/utc.h"

static char dir[256];
static const char *py, *top;

/* Generate a series with gen_load.py ARGS and load it. */
static int
gen(const char *name, const char *args, struct series *out)
{
	char cmd[1024], path[512];
	struct metrics_opts o;
	struct series_set set;
	struct account a;
	struct diag d;

	snprintf(path, sizeof(path), "%s/%s.csv", dir, name);
	snprintf(cmd, sizeof(cmd), "'%s' '%s/tests/gen_load.py' '%s' %s", py, top, path, args);
	if (system(cmd) != 0)
		return -1;
	metrics_opts_init(&o);
	memset(&set, 0, sizeof(set));
	if (metrics_load(path, &o, &set, &a, &d) < 0 || set.n != 1) {
		printf("load %s: %s\n", path, d.msg);
		series_set_fini(&set);
		return -1;
	}
	*out = set.items[0];
	memset(&set.items[0], 0, sizeof(set.items[0]));
	series_set_fini(&set);
	return 0;
}

static void
check_shape(const struct loadfit *m, const char *what)
{
	double amp, peak;

	test_ok(loadfit_harmonic(m, 86400, 1, &amp, &peak) == 0, "%s: daily harmonic", what);
	test_abs(amp, 0.5, 0.03, "%s: daily amplitude", what);
	test_abs(peak / 3600, 14, 0.25, "%s: daily peak hour", what);
	test_ok(loadfit_harmonic(m, 604800, 1, &amp, &peak) == 0, "%s: weekly harmonic", what);
	test_abs(amp, 0.2, 0.03, "%s: weekly amplitude", what);
	test_abs(peak / 3600, 108, 3, "%s: weekly peak hour", what);
}

static void
test_planted(void)
{
	struct series s;
	struct loadfit_opts o;
	struct loadfit_event ev;
	struct loadfit *m = NULL;
	struct loadfit_summary sm;
	struct diag d;

	if (gen("planted", "--event 2026-11-13:1.8", &s) < 0) {
		test_ok(0, "generate planted series");
		return;
	}
	loadfit_opts_init(&o);
	test_ok(loadfit_parse_event("2026-11-13:Campaign", &ev) == 0, "parse event");
	o.events = &ev;
	o.nevents = 1;
	test_ok(loadfit_fit(&s, &o, &m, &d) == 0, "fit planted series");
	if (m == NULL) {
		series_fini(&s);
		return;
	}
	loadfit_summary(m, &sm);
	check_shape(m, "planted");
	test_abs(sm.growth_month, 0.05, 0.01, "growth per month");
	test_ok(sm.growth_lo < 0.05 && sm.growth_hi > 0.05, "growth interval covers the truth");
	test_int(sm.daily_k, 1, "BIC picks one daily harmonic");
	test_int(sm.weekly_k, 1, "BIC picks one weekly harmonic");
	test_int((int64_t)sm.nevents, 1, "one event");
	test_abs(sm.events[0].uplift, 0.8, 0.1, "event uplift");
	test_str(sm.events[0].name, "Campaign", "event name");
	test_int(sm.peak_hour, 14, "peak hour");
	test_int(sm.peak_weekday, 4, "peak weekday Friday");
	test_ok(sm.r2 > 0.9, "R^2 %.3f above 0.9", sm.r2);
	test_ok(sm.mape < sm.mape_naive, "model MAPE %.3f beats seasonal naive %.3f", sm.mape,
		sm.mape_naive);
	test_abs(sm.mape, 0.08, 0.03, "MAPE near the noise level");
	test_int((int64_t)sm.holdout_points, 168, "one week held out");
	test_ok(sm.cover80 >= 0.68 && sm.cover80 <= 0.92, "80%% interval covers %.3f",
		sm.cover80);
	test_ok(sm.cover95 >= 0.87, "95%% interval covers %.3f", sm.cover95);
	test_abs(sm.scale, 0.1, 0.015, "residual scale is the noise");
	/* the forecast carries the growth forward */
	{
		struct loadfit_point a, b;
		int64_t t = series_time(&s, s.n - 1);

		loadfit_predict(m, t + 7 * 86400, &a);
		loadfit_predict(m, t + 7 * 86400 + 28 * 86400, &b);
		test_rel(b.mean / a.mean, pow(1.05, 28 * 86400 / LOADFIT_MONTH), 0.02,
			 "four weeks ahead: growth compounds");
		test_ok(a.lo95 < a.lo80 && a.lo80 < a.mean && a.mean < a.hi80 && a.hi80 < a.hi95,
			"interval order");
		test_ok(b.hi95 / b.lo95 > a.hi95 / a.lo95, "intervals widen with the horizon");
	}
	loadfit_free(m);
	series_fini(&s);
}

static void
test_outage(void)
{
	struct series s;
	struct loadfit_opts o;
	struct loadfit *m = NULL;
	struct loadfit_summary sm;
	struct diag d;

	if (gen("outage", "--outage 500:30 --seed 7", &s) < 0) {
		test_ok(0, "generate outage series");
		return;
	}
	loadfit_opts_init(&o);
	test_ok(loadfit_fit(&s, &o, &m, &d) == 0, "fit through an outage");
	if (m == NULL) {
		series_fini(&s);
		return;
	}
	loadfit_summary(m, &sm);
	check_shape(m, "outage");
	test_abs(sm.growth_month, 0.05, 0.01, "outage: growth");
	test_ok(sm.outliers >= 30, "outage: %zu outliers rejected (30 zero hours)", sm.outliers);
	loadfit_free(m);
	series_fini(&s);
}

static void
test_linear(void)
{
	struct series s;
	struct loadfit_opts o;
	struct loadfit *m = NULL;
	struct loadfit_summary sm;
	struct diag d;

	if (gen("linear", "--trend linear --growth 0.1 --seed 3", &s) < 0) {
		test_ok(0, "generate linear series");
		return;
	}
	loadfit_opts_init(&o);
	o.trend = LOADFIT_TREND_LINEAR;
	test_ok(loadfit_fit(&s, &o, &m, &d) == 0, "fit a linear trend");
	if (m != NULL) {
		loadfit_summary(m, &sm);
		test_abs(sm.growth_month, 0.1, 0.015, "linear growth per month");
		check_shape(m, "linear");
	}
	loadfit_free(m);
	series_fini(&s);
}

static void
test_events_parse(void)
{
	struct loadfit_event e;
	int64_t day;

	utc_parse("2026-11-27", 10, &day);
	test_ok(loadfit_parse_event("2026-11-27:Black Friday", &e) == 0, "parse event");
	test_int(e.day, day, "event day");
	test_str(e.name, "Black Friday", "event name");
	test_ok(loadfit_parse_event("2026-11-27, Cyber Monday ", &e) == 0, "comma form");
	test_str(e.name, "Cyber Monday", "name trimmed");
	test_ok(loadfit_parse_event("2026-11-27", &e) < 0, "no name");
	test_ok(loadfit_parse_event("Black Friday", &e) < 0, "no date");
	test_ok(loadfit_parse_event("2026-13-01:x", &e) < 0, "bad month");
}

int
main(void)
{
	const char *tmp = getenv("TMPDIR");
	char cmd[512];

	py = getenv("PYTHON");
	top = getenv("top_srcdir");
	if (py == NULL || py[0] == '\0' || top == NULL) {
		printf("SKIP: PYTHON or top_srcdir not set (run through make check)\n");
		return 77;
	}
	snprintf(dir, sizeof(dir), "%s/rs-test-loadfit.XXXXXX", tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return 99;
	test_events_parse();
	test_planted();
	test_outage();
	test_linear();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("note: could not remove %s\n", dir);
	return test_summary();
}
