/*
 * test_tuisim.c - the What-if model: every knob moved in memory gives the
 * figures of loading the scenario again with the same overrides (what
 * `rightsize whatif --set` does), a refused change leaves everything as it
 * was, and a saved scenario reads back to the same figures.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"
#include "tui/tuisim.h"

static const char scenario_json[] =
	"{\n"
	"  \"name\": \"test\", \"start\": \"2026-10-05\", \"days\": 3, \"step_seconds\": 60,\n"
	"  \"seed\": 3,\n"
	"  \"load\": { \"base_rps\": 100, \"daily_amplitude\": 0.5, \"peak_hour\": 14,\n"
	"            \"noise\": 0.02, \"peaks\": [\"2026-10-06T10:00/6h:2x\"],\n"
	"            \"requests_per_order\": 20000 },\n"
	"  \"slo\": { \"percentile\": 99, \"latency_ms\": 300 },\n"
	"  \"baseline\": { \"name\": \"fixed\", \"tiers\": [ { \"name\": \"web\",\n"
	"      \"instance_type\": \"small\", \"price_per_hour\": \"0.20\",\n"
	"      \"capacity_rps\": 20, \"service_ms\": 50,\n"
	"      \"policy\": { \"type\": \"fixed\", \"instances\": 14 } } ],\n"
	"    \"fixed_costs\": [ { \"name\": \"db\", \"monthly\": \"500.00\" } ] },\n"
	"  \"candidates\": [ { \"name\": \"auto\", \"one_time_cost\": \"1000.00\",\n"
	"    \"tiers\": [ { \"name\": \"web\", \"instance_type\": \"small\",\n"
	"      \"price_per_hour\": \"0.20\", \"spot_price_per_hour\": \"0.07\",\n"
	"      \"commitment_price_per_hour\": \"0.13\", \"capacity_rps\": 20,\n"
	"      \"service_ms\": 50, \"boot_seconds\": 120, \"min\": 2, \"max\": 40,\n"
	"      \"policy\": { \"type\": \"target_tracking\", \"target\": 60 } } ],\n"
	"    \"fixed_costs\": [ { \"name\": \"db\", \"monthly\": \"500.00\" } ] } ],\n"
	"  \"optimize\": { \"targets\": [50, 60], \"instance_types\": [\n"
	"    { \"instance_type\": \"small\", \"price_per_hour\": \"0.20\", \"capacity_rps\": 20 },\n"
	"    { \"instance_type\": \"large\", \"price_per_hour\": \"0.36\", \"capacity_rps\": 40 } ] }\n"
	"}\n";

/* The figures of result i, one string. */
static void
figures(const struct tuisim *ts, size_t i, char *buf, size_t n)
{
	const struct tuisim_row *r = &ts->rows[i];

	snprintf(buf, n, "%s %s %s %s %s %s %s %s %s %s %s", r->monthly, r->per_order, r->slo,
		 r->peak, r->total, r->inst_hours, r->util, r->unserved, r->spot, r->commitment,
		 r->payback);
}

/* Move knob k by dir, then check the in-memory figures against a reload. */
static void
check_knob(struct tuisim *ts, int k, int dir)
{
	char fast[2][400], slow[2][400], v[64];
	struct diag d;
	size_t i;

	test_int(tuisim_change(ts, k, dir), 0, "%s moves", ts->knob[k].label);
	for (i = 0; i < 2; i++)
		figures(ts, i, fast[i], sizeof(fast[i]));
	diag_clear(&d);
	test_int(tuisim_reload(ts, &d), 0, "reload with %s = %s", ts->knob[k].label,
		 tuisim_knob_text(ts, k, v, sizeof(v)));
	for (i = 0; i < 2; i++) {
		figures(ts, i, slow[i], sizeof(slow[i]));
		test_str(fast[i], slow[i], "%s %+d: configuration %zu in memory = reloaded",
			 ts->knob[k].label, dir, i);
	}
}

int
main(void)
{
	char path[] = "/tmp/test_tuisim.XXXXXX", saved[64], before[400], after[400];
	struct tuisim *ts, *back;
	struct diag d;
	int fd = mkstemp(path), k, i;
	FILE *fp;

	test_ok(fd >= 0, "temporary file");
	fp = fdopen(fd, "w");
	fputs(scenario_json, fp);
	fclose(fp);
	diag_clear(&d);
	ts = tuisim_open(path, NULL, 0, &d);
	test_ok(ts != NULL, "scenario opens: %s", d.msg);
	if (ts == NULL) {
		unlink(path);
		return test_summary();
	}
	test_int((long)ts->nres, 2, "baseline and one candidate");
	test_int((long)ts->edited, 1, "the knobs edit the candidate");
	test_int((long)ts->steps, 3 * 1440, "three days of minutes");
	test_ok(ts->knob[KNOB_TARGET].available, "target knob");
	test_abs(ts->knob[KNOB_TARGET].value, 60, 1e-12, "target from the file");
	test_ok(ts->knob[KNOB_SPOT].available && ts->knob[KNOB_COMMIT].available,
		"spot and commitment knobs (prices given)");
	test_int((long)ts->ntypes, 2, "two instance types offered");

	/* every knob but the type, up and back down, against the reload */
	for (k = KNOB_TARGET; k < KNOB_N; k++) {
		check_knob(ts, k, 1);
		check_knob(ts, k, 1);
		check_knob(ts, k, -1);
	}
	/* several knobs at once */
	check_knob(ts, KNOB_TARGET, 1);
	check_knob(ts, KNOB_GROWTH, 1);
	/* the type goes through the file; back to the file's type in memory */
	check_knob(ts, KNOB_TYPE, 1);
	check_knob(ts, KNOB_TYPE, 1);

	/* typed values: in range, on the grid or not, against the reload */
	test_int(tuisim_set(ts, KNOB_TARGET, 72.5), 0, "target typed: 72.5");
	check_knob(ts, KNOB_GROWTH, 1);
	test_int(tuisim_set(ts, KNOB_MIN, 3.4), 0, "min typed: 3.4 is 3 instances");
	test_abs(ts->knob[KNOB_MIN].value, 3, 1e-12, "whole instances");
	check_knob(ts, KNOB_BOOT, 1);
	test_int(tuisim_set(ts, KNOB_TARGET, 400), -1, "target 400 is refused");
	test_ok(strstr(ts->error, "5 to 100") != NULL, "with the range: %s", ts->error);
	test_abs(ts->knob[KNOB_TARGET].value, 72.5, 1e-12, "and the target stays");
	test_int(tuisim_set(ts, KNOB_TYPE, 1), -1, "the type is chosen, not typed");

	/* a higher target needs fewer instances: cost per order falls */
	test_int(tuisim_reset(ts), 0, "reset");
	figures(ts, 1, before, sizeof(before));
	test_int(tuisim_change(ts, KNOB_TARGET, 1), 0, "target 65");
	test_ok(strtod(ts->rows[1].per_order, NULL) < strtod(strchr(before, ' ') + 1, NULL),
		"65 %% costs less per order than 60 %% (%s < %s)", ts->rows[1].per_order,
		strchr(before, ' ') + 1);

	/* saved, read back: the same figures */
	snprintf(saved, sizeof(saved), "%s-saved.json", path);
	diag_clear(&d);
	test_int(tuisim_save(ts, saved, &d), 0, "save: %s", d.msg);
	back = tuisim_open(saved, NULL, 0, &d);
	test_ok(back != NULL, "the saved file opens: %s", d.msg);
	if (back != NULL) {
		figures(ts, 1, before, sizeof(before));
		figures(back, 1, after, sizeof(after));
		test_str(after, before, "the saved scenario gives the edited figures");
		test_abs(back->knob[KNOB_TARGET].value, 65, 1e-12, "and has target 65");
		tuisim_free(back);
	}
	unlink(saved);

	/* a refused change: max below min */
	figures(ts, 1, before, sizeof(before));
	for (i = 0; i < 60 && tuisim_change(ts, KNOB_MAX, -1) == 0; i++)
		;
	test_ok(strstr(ts->error, "below min") != NULL, "max under min is refused: %s",
		ts->error);
	test_abs(ts->knob[KNOB_MAX].value, 2, 1e-12, "max stays at the last accepted value");

	tuisim_free(ts);
	unlink(path);
	return test_summary();
}
