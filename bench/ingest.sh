#!/bin/sh
# bench/ingest.sh - time `rightsize ingest` on a generated CUR export, plain
# and gzip: MB/s, rows/s, peak RSS (GNU time -v), and the totals the
# generator expects next to the ones ingest reports.
#
# usage: bench/ingest.sh RIGHTSIZE OUTDIR   (OUTDIR holds cur.csv, cur.csv.gz
#        and cur.totals from bench/gen_cur; the rollup goes to OUTDIR/rollup.csv)
set -u
rs=$1
out=$2
tm=/usr/bin/time
if ! "$tm" -v true >/dev/null 2>&1; then
	echo "bench-ingest: GNU time is missing: apt-get install time" >&2
	exit 1
fi
rows=$(sed -n 's/^rows //p' "$out/cur.totals")
want_b=$(sed -n 's/^billed_cents //p' "$out/cur.totals")
want_e=$(sed -n 's/^effective_cents //p' "$out/cur.totals")
plain_bytes=$(wc -c <"$out/cur.csv" | tr -d ' ')
echo "input: $rows rows, $plain_bytes bytes plain, $(wc -c <"$out/cur.csv.gz" | tr -d ' ') bytes gzip (gzip -6)"
echo "expected (from bench/gen_cur): billed $want_b effective $want_e"
status=0
for f in cur.csv cur.csv.gz; do
	"$tm" -v "$rs" ingest --format csv -o "$out/rollup.csv" "$out/$f" \
		>"$out/ingest.out" 2>"$out/time.txt" || { cat "$out/time.txt"; exit 1; }
	# Elapsed (wall clock) time (h:mm:ss or m:ss): 0:08.29
	secs=$(sed -n 's/.*Elapsed (wall clock).*: //p' "$out/time.txt" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
	got=$(awk -F, -v f="$out/$f" '$1 == f { print $7, $8 }' "$out/ingest.out")
	bytes=$(wc -c <"$out/$f" | tr -d ' ')
	awk -v f="$f" -v s="$secs" -v b="$bytes" -v pb="$plain_bytes" -v r="$rows" -v m="$rss" \
		'BEGIN { if (s <= 0) s = 0.01;
		printf "%-11s %6.2f s  %7.1f MB/s of CSV", f, s, pb / s / 1e6;
		if (b != pb) printf " (%.1f MB/s of gzip)", b / s / 1e6;
		printf "  %9.0f rows/s  peak RSS %.1f MB\n", r / s, m / 1024 }'
	echo "            ingest says:  billed $(echo "$got" | cut -d' ' -f1) effective $(echo "$got" | cut -d' ' -f2)"
	if [ "$got" != "$want_b $want_e" ]; then
		echo "            MISMATCH with the generator's totals"
		status=1
	fi
done
rm -f "$out/ingest.out" "$out/time.txt"
exit $status
