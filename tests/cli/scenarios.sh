#!/bin/sh
# scenarios.sh - every scenario pack in data/scenarios/ runs end to end.
# The before configurations reproduce the case studies' reported monthly
# cost to the cent (their unitemized line is calibrated to it, as each pack
# says); the projections are pinned so a change in the engine shows up
# here (README, "Scenario packs", explains them against the studies).
# A key given twice, /dev/zero and an oversized file are refused.
. "$top_srcdir/tests/cli/lib.sh"

dir="$top_srcdir/data/scenarios"
n=0
for f in "$dir"/*.json; do
	p=$(basename "$f" .json)
	n=$((n + 1))
	expect_exit 0 "$p: simulate" -- "$RS" simulate --notes "$f"
	expect_match "$TMP/out" '^assumptions$' "$p: prints its assumptions"
	expect_exit 0 "$p: whatif" -- "$RS" whatif --format csv "$f"
	cp "$TMP/out" "$TMP/$p.csv"
	expect_match "$TMP/$p.csv" '^before,' "$p: has a before"
	expect_match "$TMP/$p.csv" '^[^,]*("[^"]*")?,[0-9.]+,[-+][0-9.]+,' "$p: has a candidate, compared"
done
expect_eq "$n" 6 "six packs: one per case study, and the sample data's"

row() { # FILE REGEX DESC
	expect_match "$TMP/$1.csv" "$2" "$1: $3"
}
# Verdant: $18,500 before (study), $12,200 after (study)
row verdant '^before,18500\.00,,0\.3839,44640,6,' "before = the study's \$18,500; misses the 400 ms SLO every minute"
row verdant '^after,9397\.40,-49\.2,0\.1881,11,74,0\.018,60000\.00,6\.6$' "after projected at \$9,397.40 (study: \$12,200)"
row verdant '^"after, fixed for the peak",11844\.22,-36\.0,0\.2371,0,77,' "fixed for the peak: no SLO minute, \$2,447 more"
# ShopFlow: $70,500 before, $36,200 after
row shopflow '^before,70500\.00,,0\.7144,43200,4,22\.127,' "before = \$70,500; 22 % of today's load not served"
row shopflow '^after,34426\.21,-51\.2,0\.2717,0,31,0\.000,420000\.00,11\.6$' "after projected at \$34,426.21 (study: \$36,200)"
# RetailPro: $187,000 and $108,000 a year
row retailpro '^before,15583\.33,,0\.0031,564,20,' "before = \$187,000 / 12"
row retailpro '^after,7796\.74,-50\.0,0\.0015,6,46,' "after projected at \$7,796.74 (study: \$9,000)"
row retailpro '^"after, target tracking only",7730\.16,-50\.4,0\.0015,12,27,' "without predictive: cheaper, twice the SLO minutes"
# Fashion retailer: -32 %
row fashion '^before,9130\.67,,0\.0261,71,5,' "before priced from its stated size"
row fashion '^after,5874\.31,-35\.7,0\.0168,4,96,' "after -35.7 % (study: -32 %)"
# LAMP to microservices: $317,500 before, $190,500 after
row webskyne-lamp '^before,317500\.00,,0\.4645,0,280,' "before = \$317,500"
row webskyne-lamp '^after,122348\.63,-61\.5,0\.1790,9,80,' "after projected at \$122,348.63 (study: \$190,500)"

# the sample data's pack: fitted load, costs carried over from the CURs.
# Its figures follow data/sample/, so only what does not depend on the
# generator's details is pinned: the other instances put right save
# exactly $496.40 + $60.74 + $70.08 - $124.10 - $140.16 = $362.96 a month.
before=$(sed -n 's/^before,\([0-9.]*\),.*/\1/p' "$TMP/sample-verdant.csv")
right=$(sed -n 's/^"before, other instances put right",\([0-9.]*\),.*/\1/p' "$TMP/sample-verdant.csv")
expect_eq "$(awk -v a="$before" -v b="$right" 'BEGIN { printf "%.2f", a - b }')" "362.96" \
	"sample: putting the other instances right saves \$362.96 a month"
expect_match "$TMP/sample-verdant.csv" '^before,(5[5-9]|6[0-9])[0-9][0-9]\.[0-9][0-9],' \
	"sample: November projected between \$5,500 and \$6,999 (September-October: about \$6,600 a month)"
expect_exit 0 "sample: fixed costs" -- "$RS" simulate --format csv "$dir/sample-verdant.json"
expect_match "$TMP/out" '^before,AmazonRDS \(from 3 bills\),1689\.37,' \
	"sample: RDS carried over from the three CURs at \$1,689.37 a month"

# quick overrides on a pack: doubling Verdant's load
expect_exit 0 "verdant --growth 2" -- "$RS" whatif --growth 2 --format csv "$dir/verdant.json"
expect_match "$TMP/out" '^"after, fixed for the peak",11844\.22,-36\.0,[0-9.]+,[1-9][0-9]*,77,' \
	"the fleet fixed for the sale misses the SLO at twice the load"

# --optimize on a pack: the optimum meets the SLO
expect_exit 0 "verdant --optimize" -- "$RS" whatif --optimize --format csv "$dir/verdant.json"
expect_match "$TMP/out" '^fargate 2 vCPU 4 GB,85,8,300,9659\.89,0\.1934,0,28,' \
	"optimum: 2 vCPU tasks at 85 %, minimum 8, no SLO minute"

# A key given twice (JSON readers differ on which one wins): refused at
# the repeat, naming the first; the pack without it runs (above).
sed -e 's/^  "days": \(.*\),$/  "days": \1, "days": 1,/' \
	-e "s|\"catalog\": \"../instances\"|\"catalog\": \"$top_srcdir/data/instances\"|" \
	"$dir/verdant.json" >"$TMP/twice.json"
ln=$(grep -n '^  "days": ' "$TMP/twice.json" | cut -d: -f1)
expect_eq "$(grep -c '"days": 1,$' "$TMP/twice.json")" 1 "fixture: verdant.json with days given twice"
sed 's/, "days": 1,$/,/' "$TMP/twice.json" >"$TMP/once.json"
expect_exit 0 "fixture: the same with days once runs" -- "$RS" simulate "$TMP/once.json"
for cmd in simulate whatif; do
	expect_exit 1 "$cmd: a repeated key" -- "$RS" $cmd "$TMP/twice.json"
	expect_match "$TMP/err" "^rightsize: .*twice\.json:$ln:[0-9]+: days: key given twice \(first on line $ln, column 3\)$" \
		"$cmd: the repeat placed, the first named"
done

# Bounded reads: /dev/zero and a 65 MB file fail at once; a folder is a
# read error, not an empty scenario.
for cmd in simulate whatif; do
	expect_exit 1 "$cmd /dev/zero" -- timeout 10 "$RS" $cmd /dev/zero
	expect_match "$TMP/err" '^rightsize: /dev/zero: too large: a scenario file is at most 64 MB$' \
		"$cmd /dev/zero: too large"
done
if truncate -s 65M "$TMP/huge.json" 2>/dev/null; then
	expect_exit 1 "a 65 MB scenario" -- timeout 10 "$RS" simulate "$TMP/huge.json"
	expect_match "$TMP/err" 'huge\.json: too large: a scenario file is at most 64 MB$' "65 MB: too large"
	rm -f "$TMP/huge.json"
fi
mkdir "$TMP/folder.json"
expect_exit 1 "a folder" -- "$RS" simulate "$TMP/folder.json"
expect_match "$TMP/err" 'folder\.json: read error: Is a directory$' "a folder: read error"
finish
