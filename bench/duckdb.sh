#!/bin/sh
# bench/duckdb.sh - the rollup job done by DuckDB (bench/duckdb_rollup.mjs)
# on the benchmark's CUR export, plain and gzip, with 1 and 2 threads:
# MB/s, rows/s, peak RSS (GNU time -v, the whole node process), and its
# totals next to the generator's (they must agree to the cent).
#
# usage: bench/duckdb.sh SRCDIR OUTDIR   (OUTDIR holds cur.csv, cur.csv.gz,
#        cur.totals from bench/gen_cur). Installs the npm package
#        @duckdb/node-api into OUTDIR/../node once; skips (exit 0, saying
#        so) without node or when the package cannot be installed.
set -u
src=$1
out=$2
tm=/usr/bin/time
if ! "$tm" -v true >/dev/null 2>&1; then
	echo "bench-duckdb: GNU time is missing: apt-get install time" >&2
	exit 1
fi
if ! command -v node >/dev/null 2>&1; then
	echo "bench-duckdb: skipped, node is not installed"
	exit 0
fi
RS_NODE_MODULES=$(cd "$out/.." && pwd)/node
export RS_NODE_MODULES
if [ ! -f "$RS_NODE_MODULES/node_modules/@duckdb/node-api/package.json" ]; then
	mkdir -p "$RS_NODE_MODULES"
	if ! npm install --prefix "$RS_NODE_MODULES" --no-audit --no-fund --loglevel=error \
		@duckdb/node-api >"$out/npm.log" 2>&1; then
		echo "bench-duckdb: skipped, cannot install @duckdb/node-api (see $out/npm.log)"
		exit 0
	fi
fi
rows=$(sed -n 's/^rows //p' "$out/cur.totals")
want="$(sed -n 's/^billed_cents //p' "$out/cur.totals") $(sed -n 's/^effective_cents //p' "$out/cur.totals")"
plain_bytes=$(wc -c <"$out/cur.csv" | tr -d ' ')
echo "DuckDB $(node -e "console.log(require(process.argv[1]).version)" \
	"$RS_NODE_MODULES/node_modules/@duckdb/node-api/package.json" 2>/dev/null), read_csv + GROUP BY over the rollup's key"
status=0
for f in cur.csv cur.csv.gz; do
	for t in 1 2; do
		"$tm" -v node "$src/bench/duckdb_rollup.mjs" "$out/$f" "$t" \
			>"$out/duckdb.out" 2>"$out/time.txt" || { cat "$out/time.txt"; exit 1; }
		secs=$(sed -n 's/.*Elapsed (wall clock).*: //p' "$out/time.txt" |
			awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
		rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
		got=$(awk '{ for (i = 1; i < NF; i++) { if ($i == "billed_cents") b = $(i + 1);
			if ($i == "effective_cents") e = $(i + 1) } } END { print b, e }' "$out/duckdb.out")
		bytes=$(wc -c <"$out/$f" | tr -d ' ')
		awk -v f="$f" -v t="$t" -v s="$secs" -v b="$bytes" -v pb="$plain_bytes" -v r="$rows" -v m="$rss" \
			'BEGIN { if (s <= 0) s = 0.01;
			printf "%-11s %d thr %6.2f s  %7.1f MB/s of CSV", f, t, s, pb / s / 1e6;
			if (b != pb) printf " (%.1f MB/s of gzip)", b / s / 1e6;
			printf "  %9.0f rows/s  peak RSS %.1f MB\n", r / s, m / 1024 }'
		echo "                   DuckDB says: billed $(echo "$got" | cut -d' ' -f1) effective $(echo "$got" | cut -d' ' -f2)"
		if [ "$got" != "$want" ]; then
			echo "                   MISMATCH with the generator's totals ($want)"
			status=1
		fi
	done
done
rm -f "$out/duckdb.out" "$out/time.txt"
exit $status
