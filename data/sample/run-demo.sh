#!/bin/sh
# run-demo.sh - the main job on the bundled sample data: the monthly run of
# Verdant Supply Co.'s September and October 2026 (see README.md here).
#
#   sh data/sample/run-demo.sh BINARY TOPDIR
#
# BINARY is the rightsize program, TOPDIR where reports/sample/ is written.
# ./autogen.sh demo calls it; it also works on the installed copy
# ($(pkgdatadir)/sample/run-demo.sh), finding the data next to itself.
set -eu
if [ $# -ne 2 ]; then
	echo "usage: sh run-demo.sh BINARY TOPDIR" >&2
	exit 2
fi
rs=$1
case $rs in
/*) ;;
*/*) rs=$(pwd)/$rs ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$2/reports/sample"
out=$(cd "$2/reports/sample" && pwd)

# 1. Billing: the CUR files (September, October in two parts) into one rollup.
(cd "$here" && "$rs" ingest -o "$out/rollup.csv" billing/*.csv.gz) | tee "$out/ingest.txt"
echo

# 2. What we spent, on what: billed and effective cost by service and month.
"$rs" cost --by service "$out/rollup.csv" | tee "$out/cost-by-service.txt"
echo

# 3. The monthly report for October: totals against September, cost per order,
#    services, commitments, movers, anomalies (the sale day), next month's
#    forecast, right-sizing from the CPU and memory metrics, autoscaling advice
#    from the sample's scenario (data/scenarios/sample-verdant.json), data quality.
#    Paths are relative to this folder so the report is the same wherever it runs.
(cd "$here" && "$rs" report --month 2026-10 -o "$out/2026-10" \
	--orders orders/orders-hourly.csv \
	--metrics metrics/cloudwatch-cpu-page1.json.gz \
	--metrics metrics/cloudwatch-cpu-page2.json.gz \
	--metrics metrics/cloudwatch-memory.json.gz \
	--catalog ../instances \
	--scenario ../scenarios/sample-verdant.json \
	billing/*.csv.gz)
sed -n '1,/^Cost by service/p' "$out/2026-10/report.txt" | sed '$d'
echo

echo "rightsize: sample outputs in $out:"
echo "  rollup.csv           hourly cost rollup of data/sample/billing (man 5 rightsize-rollup)"
echo "  ingest.txt           rows read, used and skipped, billed and effective per file"
echo "  cost-by-service.txt  billed and effective cost by service and month"
echo "  2026-10/             the monthly report: report.txt, report.json, report.csv and"
echo "                       report.html (open it in a browser; man rightsize-report)"
