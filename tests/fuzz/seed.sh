#!/bin/sh
# tests/fuzz/seed.sh NAME CORPUS PYTHON SRCDIR RIGHTSIZE [DICTDIR] - fill a
# fuzz corpus with seeds of every shape reader NAME reads
# (tests/fuzz/seeds.py, from the generated fixtures and small inline
# writers) and write its dictionary to DICTDIR/NAME.dict (default
# tests/fuzz/dict). The corpus keeps what libFuzzer adds between runs.
set -eu
name=$1 corpus=$2 py=$3 srcdir=$4 rs=$5 dictdir=${6:-tests/fuzz/dict}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rs-seed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$corpus" "$dictdir"
set --
case $name in
billing | billing_threads | rollup_roundtrip)
	"$py" "$srcdir/tests/gen_billing.py" "$tmp/fx" >/dev/null
	"$rs" ingest -o "$tmp/fx/rollup.csv" "$tmp"/fx/cur-legacy.csv \
		"$tmp"/fx/gcp.csv "$tmp"/fx/focus-1.1.csv >/dev/null
	for f in "$tmp"/fx/*.csv "$tmp"/fx/*.gz "$tmp"/fx/bad/*.csv "$tmp"/fx/bad/*.gz; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	;;
metrics | orders)
	"$py" "$srcdir/tests/gen_metrics.py" "$tmp/m" >/dev/null
	for f in "$tmp"/m/*; do
		case $name/$(basename "$f") in
		metrics/orders_* | orders/[!o]*) ;;
		*) set -- "$@" "$f" ;;
		esac
	done
	;;
esac
"$py" "$srcdir/tests/fuzz/seeds.py" "$name" "$corpus" "$dictdir/$name.dict" \
	"$srcdir" "$@"
