#!/bin/sh
# catalog.sh - `rightsize catalog`: filters, compare, formats; a malformed
# or out-of-range row, a row given twice in one file, an overlong line
# (/dev/zero) reported as file:line:col with exit 1; a later file's row
# replacing an earlier one; 300,000 rows read in linear time.
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

# Out of range: a machine of 0 vCPUs, 1e308 GiB, an absurd price.
hdr='@provider aws\n@region us-east-1\n@source mine\n@read 2026-11-22\n'
printf "$hdr"'m5.large, ec2, m5, x86_64, 0, 8, net, 1.0, 0.096, -, -, -, -, -, -\n' >"$TMP/cat/zz-bad.cat"
expect_exit 1 "vcpu 0" -- "$RS" catalog -c "$TMP/cat"
expect_match "$TMP/err" '^rightsize: .*zz-bad\.cat:5:28: vcpu "0" is out of range \(0\.125 to 4096\)$' \
	"vcpu 0: placed, with the bounds"
printf "$hdr"'m5.large, ec2, m5, x86_64, 2, 1e308, net, 1.0, 0.096, -, -, -, -, -, -\n' >"$TMP/cat/zz-bad.cat"
expect_exit 1 "memory 1e308" -- "$RS" catalog -c "$TMP/cat"
expect_match "$TMP/err" '^rightsize: .*zz-bad\.cat:5:31: memory_gib "1e308" is not a decimal number$' \
	"memory 1e308: placed"
printf "$hdr"'m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 960000, -, -, -, -, -, -\n' >"$TMP/cat/zz-bad.cat"
expect_exit 1 "price 960000 an hour" -- "$RS" catalog -c "$TMP/cat"
expect_match "$TMP/err" '^rightsize: .*zz-bad\.cat:5:44: on_demand "960000" is out of range \(0 to 10000\)$' \
	"absurd price: placed, with the bound"

# A row given twice in one file: which price was meant? Both lines named.
printf "$hdr"'m5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.09, -, -, -, -, -, -\n# again\nm5.large, ec2, m5, x86_64, 2, 8, net, 1.0, 0.08, -, -, -, -, -, -\n' \
	>"$TMP/cat/zz-bad.cat"
expect_exit 1 "repeat in one file" -- "$RS" catalog -c "$TMP/cat"
expect_match "$TMP/err" '^rightsize: .*zz-bad\.cat:7:1: m5\.large \(aws, us-east-1, ec2\) is already on line 5 of this file' \
	"repeat in one file: both lines named"
rm "$TMP/cat/zz-bad.cat"

# Bounded lines: /dev/zero fails at once, and so does a 5,000-byte line.
expect_exit 1 "catalog -c /dev/zero" -- timeout 10 "$RS" catalog -c /dev/zero
expect_match "$TMP/err" '^rightsize: /dev/zero:1:4097: line longer than 4096 bytes$' "/dev/zero: line too long"
{ printf "$hdr"; awk 'BEGIN { s = "#"; for (i = 0; i < 4999; i++) s = s "x"; print s }'; } >"$TMP/long.cat"
expect_exit 1 "a 5,000-byte line" -- "$RS" catalog -c "$TMP/long.cat"
expect_match "$TMP/err" 'long\.cat:5:4097: line longer than 4096 bytes$' "5,000-byte line: placed"
# A *.cat that cannot be read is a read error, not an empty file.
mkdir "$TMP/cat/sub.cat"
expect_exit 1 "unreadable *.cat" -- "$RS" catalog -c "$TMP/cat"
expect_match "$TMP/err" 'sub\.cat:1: read error: Is a directory$' "read error named"
rmdir "$TMP/cat/sub.cat"

# 300,000 rows in 3 regions: linear (a row is looked up by a hash of its
# key; a linear search per row took minutes here).
awk 'BEGIN { print "@provider aws\n@source gen\n@read 2026-11-22";
	for (i = 0; i < 300000; i++) {
		if (i % 100000 == 0) printf "@region r%d\n", i / 100000
		printf "g%d.large, ec2, g%d, x86_64, 2, 8, -, 1, 0.%04d, -, -, -, -, -, -\n", i, i % 1000, i % 10000
	} }' >"$TMP/big.cat"
expect_exit 0 "300,000 rows within 60 s" -- timeout 60 "$RS" catalog -c "$TMP/big.cat" \
	compare g0.large g299999.large --format csv
expect_match "$TMP/out" '^region,r0,r2$' "300,000 rows: both ends found"
expect_match "$TMP/out" '^on_demand,0\.00,0\.9999$' "300,000 rows: their prices"
expect_exit 0 "300,000 rows: a region's entry" -- timeout 60 "$RS" catalog -c "$TMP/big.cat" -r r1 --family g7 --format csv
expect_lines "$TMP/out" 101 "r1, family g7: header and 100 types"
rm "$TMP/big.cat"

RIGHTSIZE_CATALOG="$CAT" expect_exit 0 "RIGHTSIZE_CATALOG" -- "$RS" catalog --family c7g --format csv
expect_lines "$TMP/out" 6 "RIGHTSIZE_CATALOG used"
finish
