#!/bin/sh
# real_cloudwatch.sh - the real `aws cloudwatch get-metric-statistics`
# example in ../shared/data through `metrics` (unordered datapoints sorted)
# and `fit` (too short for cycles: level and trend only). Skipped, saying
# so, when the shared data is not there.
. "$top_srcdir/tests/cli/lib.sh"

SD=${RS_SHARED_DATA:-$top_srcdir/../shared/data}
CW=$SD/cloudwatch-getmetricstatistics-example/get-metric-statistics.output.json
[ -f "$CW" ] || skip "CloudWatch example not found at $CW"

expect_exit 0 "real get-metric-statistics" -- "$RS" metrics --format csv "$CW"
expect_match "$TMP/out" '^CPUUtilization,Percent,2014-02-18T23:18:00Z,2014-02-19T19:18:00Z,3600,21,0,0,0.33,5.99095,99.67$' "unordered datapoints sorted"
# 21 hourly points: too short for cycles or a held-out week; the fit
# still runs (level and trend only) and sets the 99.67% spike aside
expect_exit 0 "fit the CloudWatch example" -- "$RS" fit --format csv "$CW"
echo "CloudWatch example: $(sed -n 2p "$TMP/out")"
expect_match "$TMP/out" '^CPUUtilization,21,3600,exp,' "21 points fitted"
finish
