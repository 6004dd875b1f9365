#!/bin/sh
# bench/compare.sh - rightsize ingest against DuckDB on the same CUR export,
# side by side in one run: plain and gzip, 1 and 2 threads each; MB/s of
# CSV, rows/s, peak RSS (GNU time, whole process), both totals checked
# against the generator's to the cent, and the ratios the ingest goal is
# stated in (rightsize at 2 threads / DuckDB at 2 threads; RSS DuckDB /
# rightsize). Last, callgrind's instruction count per input byte for the
# single-thread path on the first 100,000 rows (repeatable, unlike time).
#
# usage: bench/compare.sh SRCDIR RIGHTSIZE OUTDIR   (OUTDIR from bench/gen_cur;
#        DuckDB's npm package is installed into OUTDIR/../node as by
#        bench/duckdb.sh; without node the DuckDB rows are skipped, saying so)
set -u
src=$1
rs=$2
out=$3
tm=/usr/bin/time
"$tm" -v true >/dev/null 2>&1 || { echo "bench-compare: GNU time is missing: apt-get install time" >&2; exit 1; }
rows=$(sed -n 's/^rows //p' "$out/cur.totals")
want="$(sed -n 's/^billed_cents //p' "$out/cur.totals") $(sed -n 's/^effective_cents //p' "$out/cur.totals")"
plain=$(wc -c <"$out/cur.csv" | tr -d ' ')
RS_NODE_MODULES=$(cd "$out/.." && pwd)/node
export RS_NODE_MODULES
duck=yes
if ! command -v node >/dev/null 2>&1; then
	duck="no (node is not installed)"
elif [ ! -f "$RS_NODE_MODULES/node_modules/@duckdb/node-api/package.json" ]; then
	mkdir -p "$RS_NODE_MODULES"
	npm install --prefix "$RS_NODE_MODULES" --no-audit --no-fund --loglevel=error \
		@duckdb/node-api >"$out/npm.log" 2>&1 || duck="no (cannot install @duckdb/node-api)"
fi
status=0
: >"$out/compare.tsv"

# run LABEL FILE THREADS TOTALS-EXTRACTOR CMD...: time CMD, record a row
run() {
	label=$1 f=$2 t=$3 kind=$4
	shift 4
	"$tm" -v "$@" >"$out/run.out" 2>"$out/time.txt" || { cat "$out/time.txt" "$out/run.out"; exit 1; }
	secs=$(sed -n 's/.*Elapsed (wall clock).*: //p' "$out/time.txt" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
	if [ "$kind" = rs ]; then
		got=$(awk -F, '$1 == "TOTAL" { print $7, $8 }' "$out/run.out")
	else
		got=$(awk '{ for (i = 1; i < NF; i++) { if ($i == "billed_cents") b = $(i + 1);
			if ($i == "effective_cents") e = $(i + 1) } } END { print b, e }' "$out/run.out")
	fi
	ok=agree
	[ "$got" = "$want" ] || { ok="MISMATCH ($got, want $want)"; status=1; }
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$f" "$t" "$secs" "$rss" "$ok" >>"$out/compare.tsv"
}

# both files in the page cache first, so no run pays for the disk
cat "$out/cur.csv" "$out/cur.csv.gz" >/dev/null
for f in cur.csv cur.csv.gz; do
	for t in 1 2; do
		run rightsize "$f" "$t" rs "$rs" ingest --threads "$t" --format csv \
			-o "$out/rollup-compare.csv" "$out/$f"
		if [ "$duck" = yes ]; then
			run duckdb "$f" "$t" duck node "$src/bench/duckdb_rollup.mjs" "$out/$f" "$t"
		fi
	done
done
echo "ingest of $rows CUR rows ($plain bytes of CSV) into the hourly rollup; totals must equal the generator's"
[ "$duck" = yes ] || echo "DuckDB: $duck"
awk -F'\t' -v pb="$plain" -v r="$rows" '
	{ s = $4 > 0 ? $4 : 0.01; mbs[$1, $2, $3] = pb / s / 1e6; rss[$1, $2, $3] = $5 / 1024
	  printf "%-9s %-11s %d thr %6.2f s %7.1f MB/s %9.0f rows/s  peak RSS %6.1f MB  %s\n",
		$1, $2, $3, s, pb / s / 1e6, r / s, $5 / 1024, $6 }
	END {
		for (i = 1; i <= 2; i++) {
			f = i == 1 ? "cur.csv" : "cur.csv.gz"
			if (mbs["duckdb", f, 2] > 0)
				printf "%-11s rightsize 2 thr / DuckDB 2 thr: %.2fx throughput, %.2fx less peak RSS\n",
					f, mbs["rightsize", f, 2] / mbs["duckdb", f, 2],
					rss["duckdb", f, 2] / rss["rightsize", f, 2]
		}
	}' "$out/compare.tsv"
if command -v valgrind >/dev/null 2>&1; then
	head -100001 "$out/cur.csv" >"$out/cur-100k.csv"
	bytes=$(wc -c <"$out/cur-100k.csv" | tr -d ' ')
	valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
		"$rs" ingest --threads 1 -o "$out/rollup-100k.csv" "$out/cur-100k.csv" \
		>/dev/null 2>"$out/callgrind.txt"
	ir=$(sed -n 's/.*Collected : *//p' "$out/callgrind.txt" | tr -d ',')
	awk -v ir="$ir" -v b="$bytes" 'BEGIN { printf "callgrind, one thread, first 100,000 rows (%d bytes): %.0f instructions, %.1f per byte\n", b, ir, ir / b }'
	rm -f "$out/cur-100k.csv" "$out/rollup-100k.csv" "$out/callgrind.txt"
fi
rm -f "$out/run.out" "$out/time.txt" "$out/rollup-compare.csv"
exit $status
