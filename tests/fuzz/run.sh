#!/bin/sh
# tests/fuzz/run.sh SRCDIR RIGHTSIZE NAME - seed and run one fuzz target
# (tests/fuzz/fuzz_NAME, built by make) for $FUZZ_TIME seconds, one job.
# Crashing inputs are written to tests/fuzz/out/crash-NAME-*; the run
# exits non-zero when libFuzzer found one.
set -eu
srcdir=$1 rs=$2 name=$3
corpus=tests/fuzz/corpus/$name
mkdir -p tests/fuzz/out "$corpus"
sh "$srcdir/tests/fuzz/seed.sh" "$name" "$corpus" "${PYTHON:-python3}" "$srcdir" "$rs"
echo "fuzz-$name: ${FUZZ_TIME:-60} s on corpus $corpus ($(ls "$corpus" | wc -l) inputs)"
# shellcheck disable=SC2086 # FUZZ_FLAGS is a list of options
exec "tests/fuzz/fuzz_$name" ${FUZZ_FLAGS:-} -max_total_time="${FUZZ_TIME:-60}" \
	-artifact_prefix="tests/fuzz/out/crash-$name-" "$corpus"
