#!/bin/sh
# bench/metrics.sh - time `rightsize metrics` on files with many series:
# 300,000 series as timestamp,series,value CSV, 300,000 Ids in one
# CloudWatch get-metric-data page, and 99,999 columns of a wide CSV (the
# most the CSV reader takes in a row). Prints wall and CPU seconds and
# peak RSS (GNU time), and checks every series came out.
#
# usage: bench/metrics.sh RIGHTSIZE OUTDIR PYTHON SRCDIR   (the files are
#        written to OUTDIR once and kept)
set -u
rs=$1
out=$2
py=$3
src=$4
tm=/usr/bin/time
if ! "$tm" -v true >/dev/null 2>&1; then
	echo "bench-metrics: GNU time is missing: apt-get install time" >&2
	exit 1
fi
mkdir -p "$out" || exit 1
status=0
for spec in tsv:300000:many-300k.csv gmd:300000:many-300k.json wide:99999:wide-100k.csv; do
	kind=${spec%%:*}
	rest=${spec#*:}
	n=${rest%%:*}
	f=$out/${rest#*:}
	if [ ! -s "$f" ]; then
		"$py" "$src/bench/gen_series.py" "$kind" "$n" "$f.tmp" && mv "$f.tmp" "$f" || exit 1
	fi
	"$tm" -v "$rs" metrics --format csv "$f" >"$out/metrics.out" 2>"$out/time.txt" ||
		{ cat "$out/time.txt"; exit 1; }
	# Elapsed (wall clock) time (h:mm:ss or m:ss): 0:08.29
	secs=$(sed -n 's/.*Elapsed (wall clock).*: //p' "$out/time.txt" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
	user=$(sed -n 's/.*User time (seconds): //p' "$out/time.txt")
	sys=$(sed -n 's/.*System time (seconds): //p' "$out/time.txt")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
	got=$(($(wc -l <"$out/metrics.out") - 1))
	awk -v f="${f##*/}" -v n="$n" -v s="$secs" -v u="$user" -v y="$sys" -v m="$rss" \
		-v b="$(wc -c <"$f")" 'BEGIN {
		printf "%-16s %7d series %6.1f MB  %6.2f s wall  %6.2f s CPU  peak RSS %.1f MB\n",
			f, n, b / 1e6, s, u + y, m / 1024 }'
	if [ "$got" -ne "$n" ]; then
		echo "                 MISMATCH: $got series in the summary, want $n"
		status=1
	fi
done
exit $status
