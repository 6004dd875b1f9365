#!/bin/sh
# ingest_formats.sh - every billing export format, generated from one ground
# truth by tests/gen_billing.py, ingests to exactly the expected account
# (rows read/used/skipped by reason, billed and effective to the cent), and
# the rollup gives the expected totals by service, by pricing model and
# charge kind, and by team tag. Exports of the same truth in different
# syntax (CUR legacy and 2.0, plain and gzip, EA and MCA, FOCUS 1.0 and 1.2)
# give byte-identical rollups.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 not found (Debian package python3): fixtures need it"
FX=$TMP/fx
"$PYTHON" "$top_srcdir/tests/gen_billing.py" "$FX" || hard_error "gen_billing.py failed"

# pick FILE COL...: the named columns of a CSV table, without its TOTAL row
# and the (none) group, as CSV, sorted as bytes.
pick() {
	"$PYTHON" - "$@" <<'EOF' | LC_ALL=C sort
import csv, sys
path, cols = sys.argv[1], sys.argv[2:]
with open(path, newline="") as f:
    rows = list(csv.DictReader(f))
w = csv.writer(sys.stdout, lineterminator="\n")
for r in rows:
    if r.get("period") == "TOTAL" or "(none)" in [r[c] for c in cols]:
        continue
    w.writerow([r[c] for c in cols])
EOF
}

# total FILE: "billed effective" of the TOTAL row of a cost table.
total() {
	"$PYTHON" - "$1" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="") as f:
    for r in csv.DictReader(f):
        if r.get("period") == "TOTAL":
            print(r["billed"], r["effective"])
EOF
}

cd "$FX" || hard_error "no $FX"
while read -r case tagkey files; do
	R=$TMP/$case.rollup.csv
	# shellcheck disable=SC2086
	expect_exit 0 "$case: ingest" -- "$RS" ingest --format csv -o "$R" $files
	expect_same "$TMP/out" "expected/$case.ingest.csv" "$case: ingest account ($files)"
	[ -s "$R" ] || { fail "$case: no rollup written"; continue; }

	expect_exit 0 "$case: cost by service" -- "$RS" cost --by service -g all --format csv "$R"
	pick "$TMP/out" service billed effective >"$TMP/got"
	sed 1d "expected/$case.services.csv" >"$TMP/want"
	expect_same "$TMP/got" "$TMP/want" "$case: billed/effective by service"

	expect_exit 0 "$case: cost by pricing model, charge kind" -- \
		"$RS" cost --by pricing_model,charge_kind -g all --format csv "$R"
	pick "$TMP/out" pricing_model charge_kind billed effective >"$TMP/got"
	sed 1d "expected/$case.kinds.csv" >"$TMP/want"
	expect_same "$TMP/got" "$TMP/want" "$case: billed/effective by pricing model and charge kind"

	expect_exit 0 "$case: cost by tag" -- "$RS" cost --by "tag:$tagkey" -g all --format csv "$R"
	pick "$TMP/out" "tag:$tagkey" billed effective >"$TMP/got"
	sed 1d "expected/$case.teams.csv" >"$TMP/want"
	expect_same "$TMP/got" "$TMP/want" "$case: billed/effective by tag $tagkey"

	# cost reads the raw exports too, to the same totals
	case_total=$(tail -n 1 "expected/$case.ingest.csv" | awk -F, '{ print $(NF-1), $NF }')
	# shellcheck disable=SC2086
	expect_exit 0 "$case: cost on the raw export" -- "$RS" cost -g all --format csv $files
	expect_eq "$(total "$TMP/out")" "$case_total" "$case: cost total from the raw export"
	expect_exit 0 "$case: cost on the rollup" -- "$RS" cost -g all --format csv "$R"
	expect_eq "$(total "$TMP/out")" "$case_total" "$case: cost total from the rollup"
done <cases.txt

# the same truth written differently gives the same rollup, byte for byte
while read -r first rest; do
	for other in $rest; do
		if [ -f "$TMP/$first.rollup.csv" ] && cmp -s "$TMP/$first.rollup.csv" "$TMP/$other.rollup.csv"; then
			pass "rollup of $other is identical to $first"
		else
			fail "rollup of $other differs from $first"
			diff "$TMP/$first.rollup.csv" "$TMP/$other.rollup.csv" | head -10
		fi
	done
done <same-rollup.txt

# every format at once: one row per file, TOTAL over all of them
# shellcheck disable=SC2046
expect_exit 0 "ingest of every fixture at once" -- "$RS" ingest --format csv -o "$TMP/all.csv" \
	$(cat all.txt)
expect_same "$TMP/out" expected/all.ingest.csv "every fixture at once: accounts and TOTAL"
finish
