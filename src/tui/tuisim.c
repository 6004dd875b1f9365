/*
 * tuisim.c - the What-if and Policies screens' model: knobs as scenario
 * overrides, reload, simulate every configuration, time it.
 *
 * Layer: front end (the TUI's model); no curses. The knobs are the
 * shorthands of `rightsize whatif --set` ("tier.min=4", "policy.target=60",
 * "load.growth=1.2"), so a screen's figures are that command's.
 */
#include "config.h"

#include "tui/tuisim.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/money.h"
#include "base/utc.h"

/* Knob steps and bounds. Targets 5..100 % in steps of 5 (AWS target
 * tracking takes any percentage; 5 points is a planner's step); growth
 * and the peak multiplier in tenths; boot delay in half minutes (instance
 * boots take 30 s to several minutes); spot share in tenths. */
static const struct {
	const char *label;
	double step, lo, hi;
} knob_def[KNOB_N] = {
	[KNOB_TYPE] = { "instance type", 1, 0, 0 },
	[KNOB_TARGET] = { "target util %", 5, 5, 100 },
	[KNOB_MIN] = { "min instances", 1, 0, 100000 },
	[KNOB_MAX] = { "max instances", 1, 1, 100000 },
	[KNOB_BOOT] = { "boot delay s", 30, 0, 3600 },
	[KNOB_GROWTH] = { "growth", 0.1, 0.1, 100 },
	[KNOB_PEAK] = { "peak multiplier", 0.1, 0.1, 100 }, /* a factor is > 0 */
	[KNOB_SPOT] = { "spot share %", 10, 0, 100 },
	[KNOB_COMMIT] = { "committed inst.", 1, 0, 100000 },
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

const struct sim_config *
tuisim_config(const struct tuisim *ts, size_t i)
{
	if (i == 0)
		return ts->sc->baseline;
	return i - 1 < ts->sc->ncandidates ? ts->sc->candidates[i - 1] : NULL;
}

static const struct sim_tier *
edited_tier(const struct tuisim *ts)
{
	const struct sim_config *c = tuisim_config(ts, ts->edited);

	return c != NULL && c->ntiers > 0 ? &c->tiers[0] : NULL;
}

static const struct policy *
target_policy(const struct sim_tier *t)
{
	size_t k;

	for (k = 0; t != NULL && k < t->npolicies; k++) {
		if (t->policies[k].kind == POL_TARGET || t->policies[k].kind == POL_HPA ||
		    t->policies[k].kind == POL_PREDICTIVE)
			return &t->policies[k];
	}
	return NULL;
}

/* Knob values as the loaded scenario has them. */
static void
read_knobs(struct tuisim *ts, int first)
{
	const struct sim_tier *t = edited_tier(ts);
	const struct policy *p = target_policy(t);
	double v[KNOB_N];
	int k;
	size_t i;

	for (k = 0; k < KNOB_N; k++)
		v[k] = NAN;
	if (t != NULL) {
		v[KNOB_TYPE] = -1;
		for (i = 0; i < ts->ntypes; i++) {
			if (t->instance_type && strcmp(ts->types[i].type, t->instance_type) == 0)
				v[KNOB_TYPE] = (double)i;
		}
		v[KNOB_TARGET] = p != NULL ? p->target : NAN;
		v[KNOB_MIN] = (double)t->min;
		v[KNOB_MAX] = (double)t->max;
		v[KNOB_BOOT] = (double)t->boot;
		v[KNOB_SPOT] = t->spot_share * 100.0;
		v[KNOB_COMMIT] = (double)t->committed;
	}
	v[KNOB_GROWTH] = ts->sc->load.growth;
	v[KNOB_PEAK] = 1.0;
	if (!first) {
		/* after a change only the knobs' own record matters */
		return;
	}
	for (k = 0; k < KNOB_N; k++) {
		struct tui_knob *kb = &ts->knob[k];

		kb->label = knob_def[k].label;
		kb->step = knob_def[k].step;
		kb->lo = knob_def[k].lo;
		kb->hi = knob_def[k].hi;
		kb->value = kb->file = v[k];
		kb->available = t != NULL && !isnan(v[k]);
		kb->why[0] = '\0';
	}
	if (t == NULL)
		snprintf(ts->knob[0].why, sizeof(ts->knob[0].why), "no tier to edit");
	if (ts->ntypes == 0) {
		ts->knob[KNOB_TYPE].available = 0;
		snprintf(ts->knob[KNOB_TYPE].why, sizeof(ts->knob[KNOB_TYPE].why),
			 "the scenario lists no optimize.instance_types");
	}
	ts->knob[KNOB_TYPE].hi = ts->ntypes ? (double)(ts->ntypes - 1) : 0;
	if (p == NULL)
		snprintf(ts->knob[KNOB_TARGET].why, sizeof(ts->knob[KNOB_TARGET].why),
			 "no target-tracking, HPA or predictive policy");
	if (ts->npeaks == 0) {
		ts->knob[KNOB_PEAK].available = 0;
		snprintf(ts->knob[KNOB_PEAK].why, sizeof(ts->knob[KNOB_PEAK].why),
			 "the scenario declares no peaks");
	}
	if (t != NULL && t->price[SIM_SPOT] < 0) {
		ts->knob[KNOB_SPOT].available = 0;
		snprintf(ts->knob[KNOB_SPOT].why, sizeof(ts->knob[KNOB_SPOT].why),
			 "no spot price for %s", t->instance_type ? t->instance_type : "the tier");
	}
	if (t != NULL && t->price[SIM_COMMITMENT] < 0) {
		ts->knob[KNOB_COMMIT].available = 0;
		snprintf(ts->knob[KNOB_COMMIT].why, sizeof(ts->knob[KNOB_COMMIT].why),
			 "no commitment price for %s",
			 t->instance_type ? t->instance_type : "the tier");
	}
}

static void
fmt_num(char *buf, size_t n, double v)
{
	if (fabs(v - llround(v)) < 1e-9)
		snprintf(buf, n, "%lld", (long long)llround(v));
	else
		snprintf(buf, n, "%.6g", v);
}

size_t
tuisim_overrides(const struct tuisim *ts, char (*ov)[160], size_t max)
{
	size_t n = 0, i;
	int k;
	char v[64];

	for (k = 0; k < KNOB_N; k++) {
		const struct tui_knob *kb = &ts->knob[k];

		if (!kb->available || fabs(kb->value - kb->file) < 1e-9 || isnan(kb->value))
			continue;
		fmt_num(v, sizeof(v), kb->value);
		switch (k) {
		case KNOB_TYPE: {
			const struct tui_type *ty = &ts->types[(size_t)kb->value];

			if (n + 3 > max)
				return n;
			snprintf(ov[n++], 160, "tier.instance_type=\"%s\"", ty->type);
			snprintf(ov[n++], 160, "tier.price_per_hour=\"%s\"", ty->price);
			fmt_num(v, sizeof(v), ty->capacity);
			snprintf(ov[n++], 160, "tier.capacity_rps=%s", v);
			break;
		}
		case KNOB_TARGET:
			if (n < max)
				snprintf(ov[n++], 160, "policy.target=%s", v);
			break;
		case KNOB_MIN:
			if (n < max)
				snprintf(ov[n++], 160, "tier.min=%s", v);
			break;
		case KNOB_MAX:
			if (n < max)
				snprintf(ov[n++], 160, "tier.max=%s", v);
			break;
		case KNOB_BOOT:
			if (n < max)
				snprintf(ov[n++], 160, "tier.boot_seconds=%s", v);
			break;
		case KNOB_GROWTH:
			if (n < max)
				snprintf(ov[n++], 160, "load.growth=%s", v);
			break;
		case KNOB_PEAK:
			/* every declared peak, its factor times the multiplier */
			for (i = 0; i < ts->npeaks && n < max; i++) {
				const struct scenario_peak *p = &ts->peaks[i];
				char start[32], f[32], h[32];

				utc_format(p->start, start, sizeof(start));
				fmt_num(h, sizeof(h), (double)(p->end - p->start) / 3600.0);
				fmt_num(f, sizeof(f), p->factor * kb->value);
				snprintf(ov[n++], 160, "load.peaks[%zu]=\"%s/%sh:%sx\"", i, start, h, f);
			}
			break;
		case KNOB_SPOT:
			fmt_num(v, sizeof(v), kb->value / 100.0);
			if (n < max)
				snprintf(ov[n++], 160, "tier.spot.share=%s", v);
			break;
		case KNOB_COMMIT:
			if (n < max)
				snprintf(ov[n++], 160, "tier.committed_instances=%s", v);
			break;
		}
	}
	return n;
}

/* Collects the first tier's instances in service per step of the edited
 * configuration. */
struct trace_ctx {
	double *ready;
	size_t n;
};

static void
trace_step(void *ctx, const struct sim_step *s)
{
	struct trace_ctx *c = ctx;

	if (s->tier == 0 && s->i < c->n)
		c->ready[s->i] = (double)s->ready;
}

static void
free_results(struct tuisim *ts)
{
	size_t i;

	for (i = 0; i < ts->nres; i++)
		sim_result_fini(&ts->res[i]);
	free(ts->res);
	ts->res = NULL;
	ts->nres = 0;
	sim_load_fini(&ts->load);
	memset(&ts->load, 0, sizeof(ts->load));
	free(ts->ready);
	ts->ready = NULL;
	free(ts->rows);
	ts->rows = NULL;
}

/* Money to cents (or dec decimals), a negative amount (unknown) as "":
 * the rule of simout_money(), which the CLI tables use. */
static void
money_cell(char *buf, size_t n, money_t m, int dec)
{
	if (m < 0)
		buf[0] = '\0';
	else
		money_format(m, dec, buf, n);
}

static void
make_row(const struct tuisim *ts, size_t i, struct tuisim_row *row)
{
	const struct sim_result *r = &ts->res[i], *base = &ts->res[0];
	const struct sim_config *c = tuisim_config(ts, i);
	money_t saving = base->monthly;
	int have_saving = i > 0 && money_sub(&saving, r->monthly) == 0;

	memset(row, 0, sizeof(*row));
	money_cell(row->monthly, sizeof(row->monthly), r->monthly, 2);
	if (have_saving && base->monthly > 0)
		snprintf(row->change, sizeof(row->change), "%+.1f",
			 -100.0 * money_to_double(saving) / money_to_double(base->monthly));
	money_cell(row->per_order, sizeof(row->per_order), r->per_order, 4);
	snprintf(row->slo, sizeof(row->slo), "%.0f", (double)r->slo_seconds / 60.0);
	snprintf(row->peak, sizeof(row->peak), "%ld", r->peak);
	snprintf(row->unserved, sizeof(row->unserved), "%.3f", r->unserved_share * 100.0);
	if (c->one_time > 0)
		money_cell(row->one_time, sizeof(row->one_time), c->one_time, 2);
	if (have_saving) {
		if (c->one_time <= 0)
			snprintf(row->payback, sizeof(row->payback), "%s", saving >= 0 ? "0.0" : "never");
		else if (saving <= 0)
			snprintf(row->payback, sizeof(row->payback), "never");
		else
			snprintf(row->payback, sizeof(row->payback), "%.1f",
				 money_to_double(c->one_time) / money_to_double(saving));
	}
	money_cell(row->total, sizeof(row->total), r->total, 2);
	money_cell(row->on_demand, sizeof(row->on_demand), r->compute[SIM_ON_DEMAND], 2);
	money_cell(row->spot, sizeof(row->spot), r->compute[SIM_SPOT], 2);
	money_cell(row->commitment, sizeof(row->commitment), r->compute[SIM_COMMITMENT], 2);
	money_cell(row->fixed, sizeof(row->fixed), r->fixed, 2);
	snprintf(row->orders, sizeof(row->orders), "%.0f", r->orders);
	snprintf(row->inst_hours, sizeof(row->inst_hours), "%.1f", r->instance_hours);
	snprintf(row->mean_fleet, sizeof(row->mean_fleet), "%.1f", r->mean_fleet);
	snprintf(row->util, sizeof(row->util), "%.1f", r->mean_util * 100.0);
}

/* Simulate every configuration of sc on its load and make sc, the
 * results and the chart data current (sc replaces ts->sc when it is
 * another scenario). When a cost overflows, -1 with d and nothing
 * changes (sc is left to the caller). */
static int
simulate(struct tuisim *ts, struct scenario *sc, double t0, struct diag *d)
{
	struct sim_result *res;
	struct sim_load load;
	struct trace_ctx tc;
	size_t k;
	int rc = 0;

	scenario_make_load(sc, &load);
	res = xcalloc(1 + sc->ncandidates, sizeof(*res));
	tc.n = load.n;
	tc.ready = xcalloc(load.n + 1, sizeof(double));
	for (k = 0; k < 1 + sc->ncandidates; k++) {
		const struct sim_config *c = k == 0 ? sc->baseline : sc->candidates[k - 1];
		struct sim_opts o;

		memset(&o, 0, sizeof(o));
		o.seed = sc->seed;
		if (k == ts->edited) {
			o.trace = trace_step;
			o.trace_ctx = &tc;
		}
		if (rc == 0 && sim_run(c, &load, &sc->slo, &o, &res[k]) < 0)
			rc = diag_set(d, ts->path, 0, 0, "configuration '%s': cost sum overflows "
				      "(a price or fleet too large)", c->name);
	}
	if (rc < 0) {
		for (k = 0; k < 1 + sc->ncandidates; k++)
			sim_result_fini(&res[k]);
		free(res);
		free(tc.ready);
		sim_load_fini(&load);
		return -1;
	}
	free_results(ts);
	if (sc != ts->sc) {
		scenario_free(ts->sc);
		ts->sc = sc;
	}
	ts->res = res;
	ts->nres = 1 + sc->ncandidates;
	ts->load = load;
	ts->ready = tc.ready;
	ts->steps = load.n;
	ts->rows = xcalloc(ts->nres, sizeof(*ts->rows));
	for (k = 0; k < ts->nres; k++)
		make_row(ts, k, &ts->rows[k]);
	ts->gen++;
	ts->ms = now_ms() - t0;
	return 0;
}

/* The slow path, and the reference: load the scenario file again with the
 * command line's and the knobs' overrides (what `rightsize whatif --set`
 * does) and simulate. On failure nothing changes. */
static int
reload(struct tuisim *ts, struct diag *d)
{
	char ov[64][160];
	const char *list[96];
	size_t n = 0, i;
	struct scenario *sc = NULL;
	double t0 = now_ms();

	for (i = 0; i < ts->nfixed_ov && n < ARRAY_SIZE(list); i++)
		list[n++] = ts->fixed_ov[i];
	if (ts->sc != NULL) {
		size_t m = tuisim_overrides(ts, ov, ARRAY_SIZE(ov));

		for (i = 0; i < m && n < ARRAY_SIZE(list); i++)
			list[n++] = ov[i];
	}
	if (scenario_load(ts->path, list, n, &sc, d) < 0)
		return -1;
	if (simulate(ts, sc, t0, d) < 0) {
		scenario_free(sc);
		return -1;
	}
	return 0;
}

int
tuisim_reload(struct tuisim *ts, struct diag *d)
{
	return reload(ts, d);
}

/* Has knob k a value other than the file's (so an override stands for it)? */
static int
knob_set(const struct tuisim *ts, int k)
{
	const struct tui_knob *kb = &ts->knob[k];

	return kb->available && !isnan(kb->value) && fabs(kb->value - kb->file) >= 1e-9;
}

/* The "tier.KEY" and "policy.target" overrides, applied to one tier the
 * way scenario_load() applies them to the JSON. */
static void
apply_tier(const struct tuisim *ts, struct sim_tier *t)
{
	size_t p;

	if (knob_set(ts, KNOB_MIN))
		t->min = lround(ts->knob[KNOB_MIN].value);
	if (knob_set(ts, KNOB_MAX))
		t->max = lround(ts->knob[KNOB_MAX].value);
	if (knob_set(ts, KNOB_BOOT))
		t->boot = llround(ts->knob[KNOB_BOOT].value);
	if (knob_set(ts, KNOB_SPOT))
		t->spot_share = ts->knob[KNOB_SPOT].value / 100.0;
	if (knob_set(ts, KNOB_COMMIT))
		t->committed = lround(ts->knob[KNOB_COMMIT].value);
	if (knob_set(ts, KNOB_TARGET)) {
		for (p = 0; p < t->npolicies; p++) {
			/* the policy kinds whose JSON takes a "target" */
			if (t->policies[p].kind == POL_TARGET || t->policies[p].kind == POL_HPA ||
			    t->policies[p].kind == POL_PREDICTIVE)
				t->policies[p].target = ts->knob[KNOB_TARGET].value;
		}
	}
}

/* Exchange sc's baseline and candidates with cfg[0..1 + ncandidates). */
static void
swap_configs(struct scenario *sc, struct sim_config **cfg)
{
	size_t k;

	for (k = 0; k < 1 + sc->ncandidates; k++) {
		struct sim_config **slot = k == 0 ? &sc->baseline : &sc->candidates[k - 1];
		struct sim_config *t = *slot;

		*slot = cfg[k];
		cfg[k] = t;
	}
}

/*
 * The fast path: the scenario as read from the file (kept at open) with
 * the knobs applied in memory, without reading the file and what it
 * names (billing, metrics, a load fit) again. Used for every knob but the
 * instance type, whose prices the file may leave to the catalog; a test
 * (test_tuisim) checks it gives the reload's figures knob by knob.
 */
static int
apply_fast(struct tuisim *ts, struct diag *d)
{
	struct scenario *sc = ts->sc;
	size_t ncfg = 1 + sc->ncandidates, k, j;
	struct sim_config **cfg = xcalloc(ncfg, sizeof(*cfg));
	double t0 = now_ms(), growth, *factor;
	int rc;

	for (k = 0; k < ncfg; k++) {
		/* the shorthands edit every candidate, or the baseline alone */
		int edit = sc->ncandidates > 0 ? k > 0 : 1;

		cfg[k] = sim_config_dup(ts->file_cfg[k]);
		for (j = 0; edit && j < cfg[k]->ntiers; j++) {
			struct sim_tier *t = &cfg[k]->tiers[j];

			apply_tier(ts, t);
			if (t->max < t->min) {
				diag_set(d, ts->path, 0, 0, "%s[%zu].tiers[%zu].max: %ld is below min %ld",
					 k == 0 ? "baseline" : "candidates", k == 0 ? 0 : k - 1, j,
					 t->max, t->min);
				for (k = 0; k < ncfg; k++)
					sim_config_free(cfg[k]);
				free(cfg);
				return -1;
			}
		}
	}
	/* the new configurations in, the old ones kept until the run works */
	swap_configs(sc, cfg);
	growth = sc->load.growth;
	sc->load.growth = knob_set(ts, KNOB_GROWTH) ? ts->knob[KNOB_GROWTH].value : ts->file_growth;
	factor = xcalloc(sc->load.npeaks + 1, sizeof(*factor));
	for (k = 0; k < sc->load.npeaks; k++)
		factor[k] = sc->load.peaks[k].factor;
	for (k = 0; k < ts->npeaks && k < sc->load.npeaks; k++)
		sc->load.peaks[k].factor = ts->peaks[k].factor *
					   (knob_set(ts, KNOB_PEAK) ? ts->knob[KNOB_PEAK].value : 1.0);
	rc = simulate(ts, sc, t0, d);
	if (rc < 0) {
		swap_configs(sc, cfg);
		sc->load.growth = growth;
		for (k = 0; k < sc->load.npeaks; k++)
			sc->load.peaks[k].factor = factor[k];
	}
	for (k = 0; k < ncfg; k++)
		sim_config_free(cfg[k]);
	free(cfg);
	free(factor);
	return rc;
}

/* Re-simulate after a knob moved: in memory unless the instance type
 * differs from the file's. */
static int
recompute(struct tuisim *ts, struct diag *d)
{
	if (knob_set(ts, KNOB_TYPE) || ts->file_cfg == NULL)
		return reload(ts, d);
	return apply_fast(ts, d);
}

struct tuisim *
tuisim_open(const char *path, const char *const *ov, size_t nov, struct diag *d)
{
	struct tuisim *ts = xcalloc(1, sizeof(*ts));
	size_t i;

	ts->path = xstrdup(path);
	ts->fixed_ov = xcalloc(nov + 1, sizeof(char *));
	for (i = 0; i < nov; i++)
		ts->fixed_ov[i] = xstrdup(ov[i]);
	ts->nfixed_ov = nov;
	/* first load: learn which configuration to edit, then simulate it */
	ts->edited = 0;
	if (reload(ts, d) < 0) {
		tuisim_free(ts);
		return NULL;
	}
	if (ts->sc->ncandidates > 0) {
		ts->edited = 1;
		if (reload(ts, d) < 0) {
			tuisim_free(ts);
			return NULL;
		}
	}
	ts->ntypes = ts->sc->opt.ntypes;
	ts->types = xcalloc(ts->ntypes + 1, sizeof(*ts->types));
	for (i = 0; i < ts->ntypes; i++) {
		const struct sim_tier *t = &ts->sc->opt.types[i];

		ts->types[i].type = xstrdup(t->instance_type ? t->instance_type : "?");
		money_format_exact(t->price[SIM_ON_DEMAND], ts->types[i].price,
				   sizeof(ts->types[i].price));
		ts->types[i].capacity = t->capacity;
	}
	ts->npeaks = ts->sc->load.npeaks;
	ts->peaks = xcalloc(ts->npeaks + 1, sizeof(*ts->peaks));
	memcpy(ts->peaks, ts->sc->load.peaks, ts->npeaks * sizeof(*ts->peaks));
	ts->file_growth = ts->sc->load.growth;
	ts->nfile_cfg = 1 + ts->sc->ncandidates;
	ts->file_cfg = xcalloc(ts->nfile_cfg, sizeof(*ts->file_cfg));
	for (i = 0; i < ts->nfile_cfg; i++)
		ts->file_cfg[i] = sim_config_dup(tuisim_config(ts, i));
	read_knobs(ts, 1);
	return ts;
}

void
tuisim_free(struct tuisim *ts)
{
	size_t i;

	if (ts == NULL)
		return;
	free_results(ts);
	scenario_free(ts->sc);
	for (i = 0; i < ts->nfixed_ov; i++)
		free(ts->fixed_ov[i]);
	free(ts->fixed_ov);
	for (i = 0; i < ts->ntypes; i++)
		free(ts->types[i].type);
	free(ts->types);
	free(ts->peaks);
	for (i = 0; i < ts->nfile_cfg; i++)
		sim_config_free(ts->file_cfg[i]);
	free(ts->file_cfg);
	free(ts->path);
	free(ts);
}

/* Give knob k the value v and re-simulate; on failure the knob goes back. */
static int
set_value(struct tuisim *ts, int k, double v)
{
	struct tui_knob *kb = &ts->knob[k];
	double old = kb->value;
	struct diag d;

	if (fabs(v - old) < 1e-12)
		return 0;
	kb->value = v;
	ts->changes++;
	diag_clear(&d);
	if (recompute(ts, &d) < 0) {
		kb->value = old;
		diag_format(&d, ts->error, sizeof(ts->error));
		return -1;
	}
	return 0;
}

int
tuisim_change(struct tuisim *ts, int k, int dir)
{
	struct tui_knob *kb = &ts->knob[k];
	double old = kb->value, v;

	ts->error[0] = '\0';
	if (!kb->available) {
		snprintf(ts->error, sizeof(ts->error), "%s: %s", kb->label, kb->why);
		return -1;
	}
	if (k == KNOB_TYPE) {
		/* cycle through the offered types */
		v = old < 0 ? 0 : fmod(old + dir + (double)ts->ntypes, (double)ts->ntypes);
	} else {
		v = old + dir * kb->step;
		/* keep a decimal knob on its grid (0.1 + 0.2 drifts) */
		v = round(v / kb->step * 1e6) / 1e6 * kb->step;
		if (v < kb->lo)
			v = kb->lo;
		if (v > kb->hi)
			v = kb->hi;
	}
	return set_value(ts, k, v);
}

int
tuisim_set(struct tuisim *ts, int k, double v)
{
	struct tui_knob *kb = &ts->knob[k];

	ts->error[0] = '\0';
	if (!kb->available || k == KNOB_TYPE) {
		snprintf(ts->error, sizeof(ts->error), "%s: %s", kb->label,
			 kb->available ? "choose it with Left and Right" : kb->why);
		return -1;
	}
	if (isnan(v) || v < kb->lo || v > kb->hi) {
		snprintf(ts->error, sizeof(ts->error), "%s: %g to %g", kb->label, kb->lo, kb->hi);
		return -1;
	}
	/* whole instances and seconds */
	if (k == KNOB_MIN || k == KNOB_MAX || k == KNOB_COMMIT || k == KNOB_BOOT)
		v = round(v);
	return set_value(ts, k, v);
}

int
tuisim_reset(struct tuisim *ts)
{
	struct diag d;
	int k;

	for (k = 0; k < KNOB_N; k++)
		ts->knob[k].value = ts->knob[k].file;
	ts->changes++;
	diag_clear(&d);
	if (recompute(ts, &d) < 0) {
		diag_format(&d, ts->error, sizeof(ts->error));
		return -1;
	}
	return 0;
}

const char *
tuisim_knob_text(const struct tuisim *ts, int k, char *buf, size_t n)
{
	const struct tui_knob *kb = &ts->knob[k];
	const struct sim_tier *t = edited_tier(ts);

	if (isnan(kb->value)) {
		snprintf(buf, n, "-");
		return buf;
	}
	switch (k) {
	case KNOB_TYPE:
		if (kb->value >= 0 && (size_t)kb->value < ts->ntypes)
			snprintf(buf, n, "%s", ts->types[(size_t)kb->value].type);
		else
			snprintf(buf, n, "%s", t && t->instance_type ? t->instance_type : "-");
		break;
	case KNOB_GROWTH:
	case KNOB_PEAK:
		snprintf(buf, n, "%.2fx", kb->value);
		break;
	default:
		fmt_num(buf, n, kb->value);
		break;
	}
	return buf;
}

int
tuisim_save(const struct tuisim *ts, const char *out, struct diag *d)
{
	char ov[64][160];
	const char *list[96];
	size_t n = 0, i, m;

	for (i = 0; i < ts->nfixed_ov && n < ARRAY_SIZE(list); i++)
		list[n++] = ts->fixed_ov[i];
	m = tuisim_overrides(ts, ov, ARRAY_SIZE(ov));
	for (i = 0; i < m && n < ARRAY_SIZE(list); i++)
		list[n++] = ov[i];
	return scenario_write(ts->path, list, n, out, d);
}

/* Means per column of the offered load (requests/s, the tier's share) and
 * of the instances in service. */
void
tuisim_chart(const struct tuisim *ts, int n, double **load, double **ready,
	     double *load_max, double *ready_max)
{
	const struct sim_tier *t = edited_tier(ts);
	double share = t != NULL && t->load_share > 0 ? t->load_share : 1.0;
	size_t steps = ts->load.n;
	int k;

	*load = xcalloc((size_t)n + 1, sizeof(double));
	*ready = xcalloc((size_t)n + 1, sizeof(double));
	*load_max = *ready_max = 0;
	for (k = 0; k < n; k++) {
		size_t i0 = steps * (size_t)k / (size_t)n, i1 = steps * (size_t)(k + 1) / (size_t)n, i;
		double sl = 0, sr = 0;

		if (i1 <= i0)
			i1 = i0 + 1;
		if (i1 > steps)
			i1 = steps;
		for (i = i0; i < i1; i++) {
			sl += ts->load.rps[i] * share;
			sr += ts->ready[i];
		}
		(*load)[k] = i1 > i0 ? sl / (double)(i1 - i0) : NAN;
		(*ready)[k] = i1 > i0 ? sr / (double)(i1 - i0) : NAN;
		if ((*load)[k] > *load_max)
			*load_max = (*load)[k];
		if ((*ready)[k] > *ready_max)
			*ready_max = (*ready)[k];
	}
}
