#!/bin/sh
# tests/fuzz/seed.sh NAME CORPUS PYTHON SRCDIR RIGHTSIZE - fill a fuzz
# corpus with the generated fixtures that reader NAME reads (the corpus
# keeps what libFuzzer adds between runs).
set -eu
name=$1 corpus=$2 py=$3 srcdir=$4 rs=$5
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rs-seed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
case $name in
billing)
	"$py" "$srcdir/tests/gen_billing.py" "$tmp/fx" >/dev/null
	for f in "$tmp"/fx/*.csv "$tmp"/fx/*.gz "$tmp"/fx/bad/*.csv "$tmp"/fx/bad/*.gz; do
		[ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
	done
	"$rs" ingest -o "$corpus/seed-rollup.csv" "$tmp"/fx/cur-legacy.csv \
		"$tmp"/fx/gcp.csv "$tmp"/fx/focus-1.1.csv >/dev/null
	;;
metrics)
	"$py" "$srcdir/tests/gen_metrics.py" "$tmp/m" >/dev/null
	for f in "$tmp"/m/*; do
		[ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
	done
	;;
scenario_load)
	for f in "$srcdir"/data/scenarios/*.json "$srcdir"/tests/bench/*.json; do
		[ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
	done
	;;
catalog)
	for f in "$srcdir"/data/instances/*.cat; do
		[ -f "$f" ] && cp "$f" "$corpus/seed-$(basename "$f")"
	done
	;;
*)
	echo "seed.sh: no seeds for $name" >&2
	;;
esac
