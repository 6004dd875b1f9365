#!/bin/sh
# tests/fuzz/run.sh SRCDIR RIGHTSIZE NAME - seed and run one fuzz target
# (tests/fuzz/fuzz_NAME, built by make) for $FUZZ_TIME seconds, with the
# dictionary seed.sh writes for it. Crashing inputs (and timeouts, out of
# memory, leaks) are written to tests/fuzz/out/crash-NAME-*.
#
# By default the run stops at the first finding and exits non-zero.
# With FUZZ_KEEP_GOING=1 (make fuzz-campaign) libFuzzer runs in fork mode
# and goes on after crashes, timeouts and running out of memory until the
# time is used up. Either way the last line is "fuzz-NAME: EXECUTIONS
# executions, EXEC/S exec/s, FINDINGS findings" (findings: inputs written
# to tests/fuzz/out/), also left in tests/fuzz/out/NAME.stats as "NAME
# EXECUTIONS EXEC/S FINDINGS".
#
# Seeds of bugs still open that crash (tests/fuzz/regress/OPEN) are left
# out of the corpus, or the run would stop on them before fuzzing.
set -eu
srcdir=$1 rs=$2 name=$3
corpus=tests/fuzz/corpus/$name
out=tests/fuzz/out
time=${FUZZ_TIME:-60}
mkdir -p "$out" "$corpus" tests/fuzz/dict
sh "$srcdir/tests/fuzz/seed.sh" "$name" "$corpus" "${PYTHON:-python3}" "$srcdir" "$rs"
dict=
[ -s "tests/fuzz/dict/$name.dict" ] && dict=-dict=tests/fuzz/dict/$name.dict
echo "fuzz-$name: $time s on corpus $corpus ($(ls "$corpus" | wc -l) inputs)"

# files the targets write (a rollup, an edited scenario): on tmpfs when
# there is one, since their writers fsync
base=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
RS_FUZZ_DIR=$(mktemp -d "$base/rs-fuzz-$name.XXXXXX")
export RS_FUZZ_DIR
log=$(mktemp "${TMPDIR:-/tmp}/rs-fuzz-$name.XXXXXX")
trap 'rm -rf "$RS_FUZZ_DIR" "$log" "$log.rc"' EXIT

# the OPEN patterns of this target's inputs that still crash
open_crashes=$(sed -n "s|^$name/\([^ ]*\)  *crashes .*|\1|p" "$srcdir/tests/fuzz/regress/OPEN")
for pat in $open_crashes; do
	# shellcheck disable=SC2086 # a glob on purpose
	(cd "$corpus" && rm -f -- $pat)
done

artifacts() { ls "$out" | grep -c "^crash-$name-" || true; }
before=$(artifacts)
t0=$(date +%s)
keep=
[ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
# shellcheck disable=SC2086 # FUZZ_FLAGS and keep are lists of options
{
	"tests/fuzz/fuzz_$name" ${FUZZ_FLAGS:-} $keep $dict -max_total_time="$time" \
		-artifact_prefix="$out/crash-$name-" "$corpus" 2>&1 &&
		echo 0 >"$log.rc" || echo $? >"$log.rc"
} | tee "$log"
status=$(cat "$log.rc")
spent=$(($(date +%s) - t0))
if [ -n "$keep" ]; then
	# fork mode: "#EXECUTIONS: cov: ... time: SECONDS s job: ..." lines
	execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -n 1)
else
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
fi
execs=${execs:-0}
findings=$(($(artifacts) - before))
rate=$((execs / (spent > 0 ? spent : 1)))
echo "$name $execs $rate $findings" >"$out/$name.stats"
echo "fuzz-$name: $execs executions, $rate exec/s, $findings findings"
[ "$findings" -eq 0 ] && { [ "$status" -eq 0 ] || [ -n "$keep" ]; }
