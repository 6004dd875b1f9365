#!/bin/sh
# metrics.sh - `rightsize metrics` on generated fixtures: summaries in
# every format, and bad input as one clear line with exit 1.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 is needed for the fixtures"
"$PYTHON" "$top_srcdir/tests/gen_metrics.py" "$TMP/fx" || hard_error "generator failed"
F=$TMP/fx

expect_exit 0 "two get-metric-data pages" -- "$RS" metrics --format csv "$F/gmd_p1.json" "$F/gmd_p2.json"
expect_match "$TMP/out" '^web-1,,2026-10-01T00:00:00Z,2026-10-01T01:55:00Z,300,23,1,0,10,25.087,99$' "merged cpu summary"
expect_no_match "$TMP/err" 'PartialData' "PartialData completed by the second page is not a warning"
expect_match "$TMP/err" 'warning: .*gmd_p1.json: mem: StatusCode Forbidden' "Forbidden reported"
expect_lines "$TMP/out" 2 "Forbidden result has no series row"
expect_exit 0 "the first page alone" -- "$RS" metrics --format csv "$F/gmd_p1.json"
expect_match "$TMP/err" 'warning: .*gmd_p1.json: cpu: StatusCode PartialData' "a missing page is reported"

printf '{"MetricDataQueries": [{"Id": "m1"}]}\n' >"$TMP/query.json"
expect_exit 1 "a get-metric-data query, not its output" -- "$RS" metrics "$TMP/query.json"
expect_match "$TMP/err" "query.json: this is a get-metric-data query" "says it is the query"

expect_exit 0 "prometheus" -- "$RS" metrics --format csv "$F/prom.json"
expect_match "$TMP/out" '^"http_requests_total\{instance=""a:9090"",job=""shop""\}",,2026-10-01T00:00:00Z,2026-10-01T00:04:45Z,15,17,3,2,0,' "labelled series: 17 points, 3 gaps, 2 bad"

expect_exit 0 "json output" -- "$RS" metrics --format json "$F/csv3.csv"
expect_match "$TMP/out" '"series": *"web-2"' "json names the series"
expect_match "$TMP/out" '"max": *50' "json max"

expect_exit 0 "text output" -- "$RS" metrics "$F/gms.json"
expect_match "$TMP/out" '^CPUUtilization:Maximum +Percent +2026-10-01T00:00:00Z +2026-10-01T09:00:00Z +3600 +10 +0 +0 +50 +54.5 +59$' "text row"

expect_exit 0 "values with --start" -- "$RS" metrics --format csv --start 2011-03-03 --step 5m "$F/values.txt"
expect_match "$TMP/out" '^values,,2011-03-03T00:00:00Z,2011-03-03T23:55:00Z,300,288,0,0,0,23.7083,49$' "values grid"

expect_exit 0 "order export" -- "$RS" metrics --format csv --orders-time-column created_at "$F/orders_export.csv"
expect_match "$TMP/out" '^orders,orders/h,2026-10-01T00:00:00Z,2026-10-01T03:00:00Z,3600,4,0,0,0,1.25,3$' "hourly orders, empty hour is 0"

expect_exit 0 "hourly counts" -- "$RS" metrics --format csv --orders "$F/orders_hourly.csv"
expect_match "$TMP/out" '^orders,orders/h,2026-10-01T00:00:00Z,2026-10-01T04:00:00Z,3600,4,1,0,10,31.25,55$' "missing hour is a gap"

# bad input: exit 1, one line naming file:line:col
expect_exit 1 "malformed JSON" -- "$RS" metrics "$F/bad.json"
expect_match "$TMP/err" '^rightsize: .*bad\.json:3:5[5-7]: malformed JSON' "JSON error position"
expect_lines "$TMP/err" 1 "one line for malformed JSON"
expect_exit 1 "bad time stamp" -- "$RS" metrics "$F/badts.csv"
expect_match "$TMP/err" '^rightsize: .*badts\.csv:3:1: "yesterday" is not a time stamp' "time stamp error"
expect_lines "$TMP/err" 1 "one line for a bad time stamp"
expect_exit 1 "values need --start" -- "$RS" metrics "$F/values.txt"
expect_match "$TMP/err" 'values.txt:1:1: .*--start' "says to give --start"
expect_exit 1 "missing file" -- "$RS" metrics "$F/nope.json"
expect_lines "$TMP/err" 1 "one line for a missing file"
expect_exit 1 "missing order column" -- "$RS" metrics --orders-time-column placed_at "$F/orders_export.csv"
expect_match "$TMP/err" 'orders_export.csv:1:1: no column placed_at' "names the column"
expect_exit 2 "bad --step" -- "$RS" metrics --step soon "$F/gms.json"
expect_exit 2 "bad --dedup" -- "$RS" metrics --dedup first "$F/gms.json"
finish
