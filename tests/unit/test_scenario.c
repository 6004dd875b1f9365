/* test_scenario.c - scenario files: values read, overrides, synthetic
 * load, one clear error (JSON path, or line:col) for bad files (repeated
 * keys among them), and a scenario saved through a link. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sim/scenario.h"
#include "sim/sim.h"
#include "testlib.h"
#include "base/util.h"

static char path[256];

static void
write_file(const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		exit(99);
	}
	fputs(text, f);
	fclose(f);
}

static const char good[] =
	"{\n"
	"  \"name\": \"t\", \"start\": \"2026-11-23\", \"days\": 7,\n"
	"  \"notes\": [\"one\"],\n"
	"  \"load\": {\"peak_users\": 1200, \"think_seconds\": 30,\n"
	"           \"daily_amplitude\": 0.5, \"peak_hour\": 12,\n"
	"           \"orders_per_hour\": 360, \"peaks\": [\"2026-11-27:4x\"]},\n"
	"  \"slo\": {\"percentile\": 99, \"latency_ms\": 400},\n"
	"  \"baseline\": {\"name\": \"before\", \"tiers\": [\n"
	"     {\"name\": \"web\", \"instance_type\": \"m5.xlarge\",\n"
	"      \"price_per_hour\": \"0.192\", \"capacity_rps\": 20, \"service_ms\": 50,\n"
	"      \"policy\": {\"type\": \"fixed\", \"instances\": 4}}],\n"
	"     \"fixed_costs\": [{\"name\": \"db\", \"monthly\": 730}]},\n"
	"  \"candidates\": [{\"name\": \"after\", \"one_time_cost\": 5000, \"tiers\": [\n"
	"     {\"name\": \"web\", \"price_per_hour\": 0.1, \"capacity_rps\": 20,\n"
	"      \"min\": 1, \"max\": 10, \"boot_seconds\": 60,\n"
	"      \"policies\": [{\"type\": \"target_tracking\", \"target\": 50},\n"
	"                     {\"type\": \"scheduled\", \"windows\": [{\"daily_from\": \"08:00\", \"daily_to\": \"20:00\", \"min\": 3}]}]}]}]\n"
	"}\n";

static void
expect_error(const char *text, const char *want, const char *what)
{
	struct scenario *s = NULL;
	struct diag d;
	char buf[1200];
	int rc;

	write_file(text);
	rc = scenario_load(path, NULL, 0, &s, &d);
	diag_format(&d, buf, sizeof(buf));
	test_int(rc, -1, "%s: rejected", what);
	test_ok(strstr(buf, want) != NULL, "%s: \"%s\" in \"%s\"", what, want, buf);
	test_ok(s == NULL, "%s: nothing returned", what);
	scenario_free(s);
}

/* good with one substring replaced */
static char *
edit(const char *from, const char *to)
{
	const char *p = strstr(good, from);
	char *out;

	if (p == NULL) {
		fprintf(stderr, "edit: '%s' not in the fixture\n", from);
		exit(99);
	}
	out = malloc(sizeof(good) + strlen(to));
	memcpy(out, good, (size_t)(p - good));
	strcpy(out + (p - good), to);
	strcat(out, p + strlen(from));
	return out;
}

/* Saved through a link into another folder: the link stays, the file
 * lands at its target, and the catalog named relative to the scenario's
 * folder is made absolute (the target is not beside the scenario, though
 * the link is). Standard output is no place to save one. */
static void
save_through_link(void)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *dir = xasprintf("%s/rs-scenario-save-%ld", tmp, (long)getpid());
	char *sub = xasprintf("%s/sub", dir), *link = xasprintf("%s/saved.json", dir);
	char *target = xasprintf("%s/real.json", sub), *real, *cat;
	char buf[4096];
	struct diag d;
	struct stat st;
	FILE *f;
	size_t n;

	if (mkdir(dir, 0700) != 0 || mkdir(sub, 0700) != 0 || symlink("sub/real.json", link) != 0) {
		perror(dir);
		exit(99);
	}
	real = realpath(dir, NULL);
	cat = xasprintf("\"%s/prices.cat\"", real ? real : dir);
	free(real);
	snprintf(path, sizeof(path), "%.200s/in.json", dir);
	write_file("{ \"catalog\": \"prices.cat\", \"days\": 1 }\n");
	test_int(scenario_write(path, NULL, 0, link, &d), 0, "saved through a link: %s", d.msg);
	test_ok(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link is still a link");
	f = fopen(target, "r");
	n = f != NULL ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	buf[n] = '\0';
	if (f != NULL)
		fclose(f);
	test_ok(strstr(buf, cat) != NULL, "the catalog path is absolute at the target: %s", buf);
	test_int(scenario_write(path, NULL, 0, "-", &d), -1, "'-' is refused");
	test_ok(strstr(d.msg, "saved to a file") != NULL, "and says why: %s", d.msg);
	unlink(target);
	unlink(link);
	unlink(path);
	rmdir(sub);
	rmdir(dir);
	free(dir);
	free(sub);
	free(link);
	free(target);
	free(cat);
}

int
main(void)
{
	struct scenario *s = NULL;
	struct sim_load l;
	struct diag d;
	char *t;
	const char *ov[3];
	double mx = 0;
	size_t i;

	snprintf(path, sizeof(path), "%s/rs-scenario-%ld.json",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
	write_file(good);
	test_int(scenario_load(path, NULL, 0, &s, &d), 0, "good scenario loads: %s", d.msg);
	if (s == NULL)
		return test_summary();
	test_str(s->baseline->name, "before", "baseline name");
	test_int((long)s->ncandidates, 1, "one candidate");
	test_int(s->baseline->tiers[0].price[SIM_ON_DEMAND], 192000000, "price exact from a string");
	test_int(s->candidates[0]->tiers[0].price[SIM_ON_DEMAND], 100000000, "price from a number");
	test_int(s->baseline->tiers[0].max, 4, "fixed-only tier: max defaults to the fleet");
	test_int(s->candidates[0]->one_time, 5000000000000LL, "one-time cost");
	test_int((long)s->candidates[0]->tiers[0].npolicies, 2, "two policies");
	test_int(s->candidates[0]->tiers[0].policies[1].windows[0].from_min, 480, "daily window from 08:00");
	test_int((long)s->load.npeaks, 1, "one peak");
	test_abs(s->load.peaks[0].factor, 4.0, 0, "peak factor 4");
	/* peak_users / think = 40 req/s at the ordinary-day peak */
	scenario_make_load(s, &l);
	test_int((long)l.n, 7 * 1440, "7 days of minutes");
	for (i = 0; i < 1440 * 4; i++)
		mx = l.rps[i] > mx ? l.rps[i] : mx;
	test_abs(mx, 40.0, 0.05, "ordinary-day peak = 1200 users / 30 s = 40 req/s (%g)", mx);
	mx = 0;
	for (i = 1440 * 4; i < 1440 * 5; i++)
		mx = l.rps[i] > mx ? l.rps[i] : mx;
	test_abs(mx, 160.0, 0.2, "2026-11-27 at 4x: 160 req/s (%g)", mx);
	/* mean rate = base = 40/1.5; orders 360/h -> requests per order */
	test_abs(s->load.base_rps, 40.0 / (1.0 + 0.5 * cos(3.14159265358979 / 24.0)), 1e-9,
		 "base = peak / highest hourly weight (hour midpoints)");
	test_abs(l.requests_per_order, s->load.base_rps * 3600.0 / 360.0, 1e-6,
		 "requests per order from orders per hour");
	sim_load_fini(&l);
	scenario_free(s);

	/* overrides */
	ov[0] = "policy.target=65";
	ov[1] = "load.growth=2.0";
	ov[2] = "load.peaks[]=\"2026-11-28:3x\"";
	test_int(scenario_load(path, ov, 3, &s, &d), 0, "overrides apply: %s", d.msg);
	if (s != NULL) {
		test_abs(s->candidates[0]->tiers[0].policies[0].target, 65.0, 0, "policy.target=65");
		test_abs(s->load.growth, 2.0, 0, "--growth 2.0");
		test_int((long)s->load.npeaks, 2, "--peak appends");
		test_int(s->baseline->tiers[0].policies[0].instances, 4, "the baseline is untouched");
		scenario_free(s);
	}
	ov[0] = "candidates[0].tiers[0].max=25";
	test_int(scenario_load(path, ov, 1, &s, &d), 0, "explicit path override");
	if (s != NULL) {
		test_int(s->candidates[0]->tiers[0].max, 25, "candidates[0].tiers[0].max=25");
		scenario_free(s);
	}
	ov[0] = "candidates[3].tiers[0].max=25";
	test_int(scenario_load(path, ov, 1, &s, &d), -1, "override of a missing place fails");
	ov[0] = "policy.targte=65";
	test_int(scenario_load(path, ov, 1, &s, &d), -1, "a misspelt policy key matches no policy");
	test_ok(strstr(d.msg, "policy.targte=65\": no such place") != NULL, "... named: %s", d.msg);
	ov[0] = "load.bsae_rps=3";
	test_int(scenario_load(path, ov, 1, &s, &d), -1, "a misspelt path is an unknown key");
	test_ok(strstr(d.msg, "load.bsae_rps: unknown key") != NULL, "... named: %s", d.msg);

	/* errors: one clear message each */
	t = edit("\"target\": 50", "\"target\": \"fifty\"");
	expect_error(t, "candidates[0].tiers[0].policies[0].target: expected a number", "wrong type");
	expect_error(t, ":16:48: candidates[0]" , "wrong type: placed at line and column");
	free(t);
	t = edit("\"instances\": 4", "\"instances\": 4, \"instancs\": 5");
	expect_error(t, "baseline.tiers[0].policy.instancs: unknown key", "unknown key");
	free(t);
	t = edit("\"type\": \"fixed\"", "\"type\": \"fixd\"");
	expect_error(t, "baseline.tiers[0].policy.type: \"fixd\" is not one of", "unknown policy");
	free(t);
	t = edit("\"price_per_hour\": 0.1, ", "");
	expect_error(t, "candidates[0].tiers[0].price_per_hour: required", "missing price");
	free(t);
	t = edit("\"max\": 10, ", "");
	expect_error(t, "candidates[0].tiers[0].max: required with a target_tracking policy", "missing max");
	free(t);
	t = edit("\"2026-11-27:4x\"", "\"2026-11-27:four\"");
	expect_error(t, "load.peaks[0]: \"2026-11-27:four\" is not", "bad peak");
	free(t);
	t = edit("\"days\": 7,", "\"days\": 7,,");
	expect_error(t, ":2:50: JSON syntax error", "syntax error has line:col");
	free(t);
	t = edit("\"percentile\": 99", "\"percentile\": 100");
	expect_error(t, "slo.percentile: 100 is out of range", "percentile out of range");
	free(t);
	expect_error("[1, 2]", "(top): expected an object", "not an object");
	t = edit("\"days\": 7,", "\"days\": 3000, \"step_seconds\": 1,");
	expect_error(t, "days: 3000 days of 1-second steps is more than 40,000,000 steps", "too many steps");
	free(t);

	/* a key given twice: cJSON keeps the first; we refuse, at the repeat */
	t = edit("\"days\": 7,", "\"days\": 7, \"days\": 8,");
	expect_error(t, ":2:50: days: key given twice (first on line 2, column 39)", "repeated key");
	free(t);
	t = edit("\"instances\": 4", "\"instances\": 4,\n \"instances\": 5");
	expect_error(t, ":12:2: baseline.tiers[0].policy.instances: key given twice "
		     "(first on line 11, column 35)", "repeated key, nested");
	free(t);
	t = edit("{\"name\": \"after\",", "{\"name\": \"after\", \"name\": \"later\",");
	expect_error(t, "candidates[0].name: key given twice", "repeated key in an array element");
	free(t);
	expect_error("{\"a\": {\"x\": 1, \"x\": 2},\n \"a\": 3}",
		     ":1:16: a.x: key given twice (first on line 1, column 8)",
		     "the first repeat in the file is the one named");
	ov[0] = "load.growth=2";
	t = edit("\"days\": 7,", "\"days\": 7, \"days\": 7,");
	write_file(t);
	test_int(scenario_load(path, ov, 1, &s, &d), -1, "a repeated key fails with overrides too");
	test_ok(strstr(d.msg, "days: key given twice") != NULL, "... named: %s", d.msg);
	free(t);

	unlink(path);
	test_int(scenario_load(path, NULL, 0, &s, &d), -1, "missing file fails");
	save_through_link();
	return test_summary();
}
