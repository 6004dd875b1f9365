#!/bin/sh
# catalog.sh - `rightsize catalog`: filters, compare, formats, and a
# malformed catalog row reported as file:line:col with exit 1.
. "$top_srcdir/tests/cli/lib.sh"

CAT="$top_srcdir/data/instances"

expect_exit 0 "list m7g" -- "$RS" catalog -c "$CAT" --family m7g --format csv
expect_lines "$TMP/out" 6 "m7g: header and 5 sizes"
expect_match "$TMP/out" '^aws,us-east-1,ec2,m7g\.xlarge,m7g,arm64,4,16,Up to 12\.5 Gigabit,1\.25,0\.1632,119\.14,' \
	"m7g.xlarge row: 0.1632/h, 119.14/month"

expect_exit 0 "arm64, >= 4 vCPU, <= 0.2/h" -- "$RS" catalog -c "$CAT" --service ec2 --arch arm64 \
	--min-vcpu 4 --max-price 0.2 --format csv
got=$(tail -n +2 "$TMP/out" | cut -d, -f4 | sort | tr '\n' ' ')
expect_eq "$got" "c6g.xlarge c7g.xlarge m6g.xlarge m7g.xlarge t4g.xlarge " "filter result set"

expect_exit 0 "rds multi-az json" -- "$RS" catalog -c "$CAT" -s rds-multi-az --family db.m5 --format json
expect_match "$TMP/out" '"type": ?"db\.m5\.large"' "json names db.m5.large"
expect_match "$TMP/out" '"on_demand": ?0\.356' "Multi-AZ db.m5.large 0.356"

expect_exit 0 "compare" -- "$RS" catalog -c "$CAT" compare m5.xlarge m7g.xlarge --format csv
expect_match "$TMP/out" '^on_demand,0\.192,0\.1632$' "compare: on-demand row"
expect_match "$TMP/out" '^vs_first,\+0\.0%,-15\.0%$' "compare: m7g.xlarge 15% cheaper"
expect_match "$TMP/out" '^per_perf_vcpu_hour,0\.04800,0\.03264$' "compare: per perf-vCPU-hour"
expect_match "$TMP/out" '^arch,x86_64,arm64$' "compare: arch row"

expect_exit 1 "compare unknown type" -- "$RS" catalog -c "$CAT" compare m5.xlarge z9.huge
expect_match "$TMP/err" 'z9\.huge: not in the catalog' "unknown type named"
expect_exit 2 "compare with one type" -- "$RS" catalog -c "$CAT" compare m5.xlarge
expect_exit 2 "stray argument" -- "$RS" catalog -c "$CAT" list
expect_exit 2 "bad --max-price" -- "$RS" catalog -c "$CAT" --max-price cheap

# A malformed row: file, line, column and exit 1.
mkdir "$TMP/cat"
cp "$CAT"/*.cat "$TMP/cat/"
printf '@provider aws\n@region us-east-1\n@source mine\n@read 2026-11-22\nm5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.0.96, -, -, -, -, -, -\n' \
	>"$TMP/cat/zz-bad.cat"
expect_exit 1 "malformed row" -- "$RS" catalog -c "$TMP/cat"
expect_match "$TMP/err" '^rightsize: .*zz-bad\.cat:5:44: on_demand "0\.0\.96" is not a price' \
	"malformed row: file:line:col and field"

# An override: a later file's row replaces the list price.
printf '@provider aws\n@region us-east-1\n@source contract\n@read 2026-11-01\nm7g.xlarge, ec2, m7g, arm64, 4, 16, Up to 12.5 Gigabit, 1.25, 0.143616, -, <5, -, -, -, -\n' \
	>"$TMP/cat/zz-bad.cat"
expect_exit 0 "override" -- "$RS" catalog -c "$TMP/cat" --family m7g --format csv
expect_match "$TMP/out" ',m7g\.xlarge,.*,0\.143616,104\.84,-,<5,.*,contract,2026-11-01$' \
	"negotiated rate replaces the list price"

RIGHTSIZE_CATALOG="$CAT" expect_exit 0 "RIGHTSIZE_CATALOG" -- "$RS" catalog --family c7g --format csv
expect_lines "$TMP/out" 6 "RIGHTSIZE_CATALOG used"
finish
