#!/bin/sh
# recommend.sh - `rightsize recommend` on planted utilization: findings,
# candidates, effective rates from a rollup, presets, formats. The PlanetLab
# traces are in real_planetlab.sh.
. "$top_srcdir/tests/cli/lib.sh"

CAT="$top_srcdir/data/instances"
"$PYTHON" "$top_srcdir/tests/gen_recommend.py" "$TMP/fx" || hard_error "fixture generator failed"
F="$TMP/fx"

expect_exit 0 "recommend csv" -- "$RS" recommend -c "$CAT" --types "$F/types.csv" --format csv "$F/metrics.csv"
cp "$TMP/out" "$TMP/rec.csv"
finding() { grep "^$1," "$TMP/rec.csv" | head -1 | cut -d, -f3; }
expect_eq "$(finding web-1)" "over-provisioned" "web-1 8% P99.5: over-provisioned"
expect_eq "$(finding web-2)" "under-provisioned" "web-2 95%: under-provisioned"
expect_eq "$(finding batch-1)" "idle" "batch-1 0.5%: idle"
expect_eq "$(finding new-1)" "not-enough-data" "new-1 20 hours: not enough data"
expect_eq "$(finding db-1)" "over-provisioned" "db-1: CPU and memory both fit r6g.large"
expect_match "$TMP/rec.csv" '^web-1,m5\.xlarge,over-provisioned,336\.0,30\.00,8\.00,9\.60,,0\.1920,140\.16,[123],m5\.large,same-family,16\.00,0,low,no,0\.0960,70\.08$' \
	"web-1: m5.large at 16%, saves 70.08 at list price"
expect_match "$TMP/rec.csv" '^web-1,.*,1,m6g\.large,other-arch,16\.00,0,high,yes,0\.0770,83\.95$' \
	"web-1: option 1 m6g.large saves 83.95"
expect_match "$TMP/rec.csv" '^web-2,.*,m5\.2xlarge,same-family,47\.50,1,low,no,0\.3840,-140\.16$' \
	"web-2: m5.2xlarge at 47.5% costs 140.16 more"
expect_match "$TMP/rec.csv" '^batch-1,c5\.2xlarge,idle,.*,0\.3400,248\.20,,\(stop\),.*,248\.20$' \
	"batch-1: stopping saves 248.20"
expect_match "$TMP/rec.csv" '^db-1,r6g\.xlarge,over-provisioned,.*,35\.00,.*,r6g\.large,' \
	"db-1: memory P99.5 35% reported, r6g.large (16 GiB >= 13.44) offered"
expect_match "$TMP/rec.csv" '^over-provisioned,2,' "summary: 2 over-provisioned"
expect_match "$TMP/rec.csv" '^TOTAL,5,' "summary: 5 resources"

# Effective rates from billing: web-1 pays 0.12/h (Savings Plan), so the
# candidates are priced at 62.5 % of list.
expect_exit 0 "recommend with billing" -- "$RS" recommend -c "$CAT" --types "$F/types.csv" \
	--billing "$F/rollup.csv" --format csv "$F/metrics.csv"
expect_match "$TMP/out" '^web-1,m5\.xlarge,over-provisioned,.*,0\.1200,87\.60,.*,m5\.large,same-family,.*,0\.0600,43\.80$' \
	"billing: m5.large at 0.06 saves 43.80 at effective rates"

# Type from the billing rollup alone (no --types).
expect_exit 0 "type from billing" -- "$RS" recommend -c "$CAT" --billing "$F/rollup.csv" --format csv "$F/metrics.csv"
expect_match "$TMP/out" '^web-1,m5\.xlarge,over-provisioned,' "web-1 typed by the rollup"
expect_match "$TMP/out" '^web-2,,unknown-type,' "web-2 untyped: unknown-type"

# Presets and thresholds.
expect_exit 0 "vpa preset" -- "$RS" recommend -c "$CAT" --types "$F/types.csv" --preset vpa --format csv "$F/metrics.csv"
expect_match "$TMP/out" '^web-1,m5\.xlarge,over-provisioned,336\.0,30\.00,8\.00,9\.20,' "vpa: 8 x 1.15 = 9.20"
expect_exit 0 "min-hours 12" -- "$RS" recommend -c "$CAT" --types "$F/types.csv" --min-hours 12 --format csv "$F/metrics.csv"
expect_match "$TMP/out" '^new-1,m5\.large,optimized,20\.0,' "new-1 with --min-hours 12: optimized"
expect_exit 0 "no arch change, one option" -- "$RS" recommend -c "$CAT" --types "$F/types.csv" \
	--no-arch-change --candidates 1 --format csv "$F/metrics.csv"
expect_match "$TMP/out" '^web-1,.*,1,m6a\.large,other-family,' "no-arch-change: m6a.large first"
expect_no_match "$TMP/out" ',2,m' "--candidates 1: one option"

# --explain prints the numbers behind each finding.
expect_exit 0 "explain" -- "$RS" recommend -c "$CAT" --types "$F/types.csv" --explain "$F/metrics.csv"
expect_match "$TMP/out" 'web-1 \(m5\.xlarge\): over-provisioned' "explain: finding"
expect_match "$TMP/out" 'cpu: max 30\.00 %, P99\.5 of 300-s maxima 8\.00 %, \+ 20 % headroom = need 9\.60 %' \
	"explain: percentile, headroom, need"
expect_match "$TMP/out" '4032 buckets of 300 s with data = 336\.0 h' "explain: data points"
expect_exit 0 "json" -- "$RS" recommend -c "$CAT" --types "$F/types.csv" --explain --format json "$F/metrics.csv"
expect_match "$TMP/out" '"recommendations"' "json: recommendations key"
expect_match "$TMP/out" '"explain": ?"web-1 \(m5\.xlarge\): over-provisioned;' "json: explain column"

expect_exit 2 "bad preset" -- "$RS" recommend --preset nope "$F/metrics.csv"
expect_exit 2 "no files" -- "$RS" recommend -c "$CAT"
printf 'resource,instance_type\nweb-1\n' >"$TMP/badtypes.csv"
expect_exit 1 "bad types file" -- "$RS" recommend -c "$CAT" --types "$TMP/badtypes.csv" "$F/metrics.csv"
expect_match "$TMP/err" 'badtypes\.csv:2:1: want two fields' "bad types file: file:line:col"

# a types file is read in bounded lines: /dev/zero fails at once
expect_exit 1 "--types /dev/zero" -- timeout 10 "$RS" recommend -c "$CAT" --types /dev/zero "$F/metrics.csv"
expect_match "$TMP/err" '^rightsize: /dev/zero:1:4097: line longer than 4096 bytes$' "--types /dev/zero: line too long"
printf 'resource,instance_type\nweb-1,m5.\000large\n' >"$TMP/nultypes.csv"
expect_exit 1 "NUL in a types file" -- "$RS" recommend -c "$CAT" --types "$TMP/nultypes.csv" "$F/metrics.csv"
expect_match "$TMP/err" 'nultypes\.csv:2:10: NUL byte' "NUL in a types file: file:line:col"
finish
