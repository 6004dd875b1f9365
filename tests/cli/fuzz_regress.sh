#!/bin/sh
# fuzz_regress.sh - replay every input that once crashed a reader under
# fuzzing (tests/fuzz/regress/<target>/*), and the seed fixtures, through
# the fuzz targets' entry points built without libFuzzer: each must be
# read without a crash, a sanitizer report or an abort (the billing target
# aborts when a read rollup does not reconcile with the file's account).
# Targets: billing, metrics (and orders), catalog, scenario_load. Inputs
# listed in tests/fuzz/regress/OPEN (bug not fixed yet) replay with leak
# detection off and a 3 s limit: they must not crash.
. "$top_srcdir/tests/cli/lib.sh"

for t in billing metrics catalog scenario_load; do
	bin=$top_builddir/tests/fuzz/replay_$t
	[ -x "$bin" ] || hard_error "$bin not built"
	n=0
	for f in "$top_srcdir"/tests/fuzz/regress/$t/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		if grep -q "^$t/$(basename "$f") " "$top_srcdir/tests/fuzz/regress/OPEN"; then
			# a known, still open bug (tests/fuzz/regress/OPEN): it may
			# leak or hang (stopped after 3 s), but must not crash
			ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
				timeout 3 "$bin" "$f" >"$TMP/out" 2>"$TMP/err"
			got=$?
			case $got in
			0 | 124) pass "$t open input $(basename "$f"): no crash (exit $got)" ;;
			*) fail "$t open input $(basename "$f"): exit $got: $(head -c 300 "$TMP/err")" ;;
			esac
			continue
		fi
		expect_exit 0 "$t regression input $(basename "$f") replays cleanly" -- "$bin" "$f"
	done
	echo "$t: $n regression inputs"
done

# The seeds: every generated fixture, good and malformed.
"$PYTHON" "$top_srcdir/tests/gen_billing.py" "$TMP/fx" >/dev/null ||
	hard_error "gen_billing.py failed"
expect_exit 0 "billing seeds replay cleanly" -- \
	"$top_builddir/tests/fuzz/replay_billing" "$TMP"/fx/*.csv "$TMP"/fx/*.gz "$TMP"/fx/bad/*
expect_match "$TMP/out" "replayed .*/bad/too-many-fields.csv" "malformed seeds were replayed"
"$PYTHON" "$top_srcdir/tests/gen_metrics.py" "$TMP/m" >/dev/null || hard_error "gen_metrics.py failed"
expect_exit 0 "metrics seeds replay cleanly" -- "$top_builddir/tests/fuzz/replay_metrics" "$TMP"/m/*
expect_exit 0 "catalog seeds replay cleanly" -- \
	"$top_builddir/tests/fuzz/replay_catalog" "$top_srcdir"/data/instances/*.cat
expect_exit 0 "scenario seeds replay cleanly" -- \
	"$top_builddir/tests/fuzz/replay_scenario_load" "$top_srcdir"/data/scenarios/*.json
finish
