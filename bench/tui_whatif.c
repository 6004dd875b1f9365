/*
 * tui_whatif.c - how long the What-if view takes to answer a knob: reload
 * the scenario with the knobs as overrides and simulate every
 * configuration (tuisim_change), timed over many changes.
 *
 *   tui_whatif SCENARIO [N] [PATH=VALUE...]
 *
 * Prints the steps simulated per configuration, the configurations, and
 * the median, mean and largest time per change in milliseconds.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tuisim.h"

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct tuisim *ts;
	struct diag d;
	double *ms, sum = 0;
	int n = argc > 2 ? atoi(argv[2]) : 20, i, k = KNOB_TARGET;

	if (argc < 2 || n < 1) {
		fputs("usage: tui_whatif SCENARIO [N] [PATH=VALUE...]\n", stderr);
		return 2;
	}
	diag_clear(&d);
	ts = tuisim_open(argv[1], (const char *const *)argv + 3,
			 argc > 3 ? (size_t)(argc - 3) : 0, &d);
	if (ts == NULL) {
		fprintf(stderr, "tui_whatif: %s: %s\n", d.file, d.msg);
		return 1;
	}
	if (!ts->knob[k].available)
		k = KNOB_GROWTH;
	ms = calloc((size_t)n, sizeof(double));
	for (i = 0; i < n; i++) {
		/* up and down by one step: every change re-simulates */
		if (tuisim_change(ts, k, i % 2 == 0 ? 1 : -1) < 0) {
			fprintf(stderr, "tui_whatif: %s\n", ts->error);
			return 1;
		}
		ms[i] = ts->ms;
		sum += ts->ms;
	}
	qsort(ms, (size_t)n, sizeof(double), cmp_double);
	printf("%s: knob '%s', %zu steps of %lld s x %zu configurations: "
	       "median %.1f ms, mean %.1f ms, max %.1f ms per change (%d changes)\n",
	       argv[1], ts->knob[k].label, ts->steps, (long long)ts->sc->step, ts->nres,
	       ms[n / 2], sum / n, ms[n - 1], n);
	free(ms);
	tuisim_free(ts);
	return 0;
}
