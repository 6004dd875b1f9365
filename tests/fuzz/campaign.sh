#!/bin/sh
# tests/fuzz/campaign.sh SRCDIR RIGHTSIZE NAME... - `make fuzz-campaign`:
# run every fuzz target for $FUZZ_TIME seconds (tests/fuzz/run.sh, going
# on after a finding), $FUZZ_JOBS (1 or 2) at a time, each one's output in
# tests/fuzz/out/NAME.log, then print
#
#   target  executions  exec/s  findings
#
# Exits non-zero when any target found something (its inputs are
# tests/fuzz/out/crash-NAME-*).
set -eu
srcdir=$1 rs=$2
shift 2
jobs=${FUZZ_JOBS:-1}
mkdir -p tests/fuzz/out
FUZZ_KEEP_GOING=1
export FUZZ_KEEP_GOING

one() {
	rm -f "tests/fuzz/out/$1.stats"
	sh "$srcdir/tests/fuzz/run.sh" "$srcdir" "$rs" "$1" >"tests/fuzz/out/$1.log" 2>&1 || true
	tail -n 1 "tests/fuzz/out/$1.log"
}

names=$*
echo "fuzz-campaign: $# targets, ${FUZZ_TIME:-60} s each, $jobs at a time"
while [ $# -gt 0 ]; do
	if [ "$jobs" -ge 2 ] && [ $# -ge 2 ]; then
		one "$1" &
		one "$2" &
		wait
		shift 2
	else
		one "$1"
		shift
	fi
done

status=0
printf '\n%-18s %12s %8s %9s\n' target executions exec/s findings
for name in $names; do
	f=tests/fuzz/out/$name.stats
	if [ ! -f "$f" ]; then
		printf '%-18s %12s %8s %9s\n' "$name" - - "failed to run"
		status=1
		continue
	fi
	read -r name execs rate findings <"$f"
	printf '%-18s %12s %8s %9s\n' "$name" "$execs" "$rate" "$findings"
	[ "$findings" -eq 0 ] || status=1
done
exit $status
