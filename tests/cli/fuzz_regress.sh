#!/bin/sh
# fuzz_regress.sh - replay every input that once crashed a fuzz target or
# failed one of its checks (tests/fuzz/regress/<target>/*), and every
# target's seeds (tests/fuzz/seed.sh: inputs of every shape, good and
# malformed), through the targets' entry points built without libFuzzer:
# each must run without a crash, a sanitizer report, or a failed check
# (the targets abort when two reads that must agree do not).
#
# Inputs matching a line of tests/fuzz/regress/OPEN (bug not fixed yet)
# replay with leak detection off and a 3 s limit: they must not crash;
# those whose line says "crashes" may still crash or fail their check
# (reported, not failed) until the line is deleted with the fix.
. "$top_srcdir/tests/cli/lib.sh"

open_list=$top_srcdir/tests/fuzz/regress/OPEN
# the files targets write (fuzz_file.h), removed with $TMP even when a
# replay aborts
RS_FUZZ_DIR=$TMP/written
export RS_FUZZ_DIR
mkdir -p "$RS_FUZZ_DIR"

# open_rule TARGET/FILE: "" (not open), "open" (must not crash) or
# "crashes" (may crash), from the first OPEN line whose pattern matches.
open_rule() {
	while read -r pat first rest; do
		case $pat in
		'#'* | '') continue ;;
		esac
		# shellcheck disable=SC2254 # the pattern is a glob on purpose
		case $1 in
		$pat)
			if [ "$first" = crashes ]; then echo crashes; else echo open; fi
			return
			;;
		esac
	done <"$open_list"
}

# replay_open BIN TARGET FILE RULE: an input of a still open bug.
replay_open() {
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		timeout 3 "$1" "$3" >"$TMP/out" 2>"$TMP/err"
	got=$?
	case $4/$got in
	open/0 | open/124) pass "$2 open input $(basename "$3"): no crash (exit $got)" ;;
	open/*) fail "$2 open input $(basename "$3"): exit $got: $(head -c 300 "$TMP/err")" ;;
	crashes/0) pass "$2 open input $(basename "$3"): no failure seen here (exit 0)" ;;
	crashes/*) pass "$2 open input $(basename "$3"): still open (exit $got)" ;;
	esac
}

targets="billing billing_threads rollup_roundtrip metrics orders catalog scenario_load
	scenario_set money utc"
for t in $targets; do
	bin=$top_builddir/tests/fuzz/replay_$t
	[ -x "$bin" ] || hard_error "$bin not built"
	n=0
	for f in "$top_srcdir"/tests/fuzz/regress/$t/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		rule=$(open_rule "$t/$(basename "$f")")
		if [ -n "$rule" ]; then
			replay_open "$bin" "$t" "$f" "$rule"
			continue
		fi
		expect_exit 0 "$t regression input $(basename "$f") replays cleanly" -- "$bin" "$f"
	done
	echo "$t: $n regression inputs"

	# the seeds, all in one run but for those of open bugs
	sh "$top_srcdir/tests/fuzz/seed.sh" "$t" "$TMP/seeds-$t" "$PYTHON" "$top_srcdir" \
		"$RIGHTSIZE" "$TMP/dict" >"$TMP/seed.log" 2>&1 ||
		hard_error "seed.sh $t failed: $(cat "$TMP/seed.log")"
	set --
	for f in "$TMP/seeds-$t"/*; do
		rule=$(open_rule "$t/$(basename "$f")")
		if [ -n "$rule" ]; then
			replay_open "$bin" "$t" "$f" "$rule"
		else
			set -- "$@" "$f"
		fi
	done
	expect_exit 0 "$t seeds ($#) replay cleanly" -- "$bin" "$@"
	[ "$t" != billing ] ||
		expect_match "$TMP/out" "replayed .*/seed-wrong-header.csv" "malformed seeds were replayed"
done
finish
