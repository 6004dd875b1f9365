#!/bin/sh
# real_planetlab.sh - `rightsize recommend` on the 1,052 PlanetLab VM CPU
# traces in ../shared/data (24 hours each at 5-minute steps). Skipped,
# saying so, when the shared data is not there.
. "$top_srcdir/tests/cli/lib.sh"

CAT="$top_srcdir/data/instances"
DATA="${RS_SHARED_DATA:-$top_srcdir/../shared/data}/planetlab-vm-cpu/20110303"
[ -d "$DATA" ] || skip "PlanetLab traces not found at $DATA"

# 24 h < the 30 h minimum: every VM is "not enough data"
expect_exit 0 "planetlab, default minimum" -- "$RS" recommend -c "$CAT" --type m5.large \
	--start 2011-03-03 --format csv "$DATA"/*
expect_match "$TMP/out" '^not-enough-data,1052,' "planetlab: 24 h < 30 h, all 1052 not enough data"
expect_exit 0 "planetlab, min-hours 20" -- "$RS" recommend -c "$CAT" --type m5.large \
	--start 2011-03-03 --min-hours 20 --format csv "$DATA"/*
expect_match "$TMP/out" '^TOTAL,1052,' "planetlab --min-hours 20: 1052 resources"
expect_match "$TMP/out" '^not-enough-data,0,' "planetlab --min-hours 20: every VM judged"
finish
