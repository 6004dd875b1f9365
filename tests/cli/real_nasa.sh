#!/bin/sh
# real_nasa.sh - `rightsize metrics` and `fit` on the NASA HTTP 1995 trace
# in ../shared/data: every request counted, the hourly fit explains the
# cycles, the outage is set aside. Skipped, saying so, when the shared
# data is not there.
. "$top_srcdir/tests/cli/lib.sh"

SD=${RS_SHARED_DATA:-$top_srcdir/../shared/data}
NASA=$SD/workload-nasa-http-1995/workload.tbz2
[ -f "$NASA" ] || skip "NASA trace not found at $NASA"
command -v bzip2 >/dev/null 2>&1 || skip "bzip2 is not installed (Debian package bzip2)"
[ -n "${PYTHON:-}" ] || skip "python3 is needed to bin the trace"

(cd "$TMP" && tar -xjf "$NASA") || hard_error "cannot extract $NASA"
"$PYTHON" "$top_srcdir/tests/nasa_minutes.py" "$TMP/workload.txt" "$TMP/nasa.csv" \
	|| hard_error "nasa_minutes.py failed"
rm -f "$TMP/workload.txt"
expect_exit 0 "NASA per minute" -- "$RS" metrics --format csv "$TMP/nasa.csv"
# 3,461,610 requests in the trace
sum=$(awk -F, 'NR > 1 { s += $2 } END { print s }' "$TMP/nasa.csv")
expect_eq "$sum" 3461610 "every request counted"
expect_exit 0 "fit NASA hourly" -- "$RS" fit --resample 1h --sum --format csv "$TMP/nasa.csv"
echo "NASA hourly (exp trend): $(sed -n 2p "$TMP/out")"
expect_match "$TMP/out" '^requests,1[34][0-9][0-9],3600,' "NASA: about 1,400 hourly points"
r2=$(sed -n 2p "$TMP/out" | cut -d, -f13)
outl=$(sed -n 2p "$TMP/out" | cut -d, -f21)
expect_eq "$(awk -v r="$r2" 'BEGIN { print (r > 0.5) }')" 1 "NASA: R^2 $r2 above 0.5"
expect_eq "$(awk -v o="$outl" 'BEGIN { print (o >= 30) }')" 1 "NASA: the 38-hour outage is set aside ($outl outliers)"
expect_exit 0 "fit NASA, local level" -- "$RS" fit --resample 1h --sum --trend none \
	--halflife 2w --format csv "$TMP/nasa.csv"
echo "NASA hourly (no trend, 2-week half-life): $(sed -n 2p "$TMP/out")"
mape=$(sed -n 2p "$TMP/out" | cut -d, -f15)
naive=$(sed -n 2p "$TMP/out" | cut -d, -f16)
expect_eq "$(awk -v a="$mape" -v b="$naive" 'BEGIN { print (a < b * 1.05) }')" 1 \
	"NASA: MAPE $mape within 5% of seasonal naive $naive"
finish
