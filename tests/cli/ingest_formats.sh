#!/bin/sh
# ingest_formats.sh - every billing export format, generated from one ground
# truth by tests/gen_billing.py, ingests to exactly the expected account
# (rows read/used/skipped by reason, billed and effective to the cent), and
# the rollup gives the expected totals by service, by pricing model and
# charge kind, by team tag and by instance type, with the right provider and
# currency. Exports of the same truth in different
# syntax (CUR legacy and 2.0, plain and gzip, EA and MCA, FOCUS 1.0 and 1.2)
# give byte-identical rollups.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 not found (Debian package python3): fixtures need it"
FX=$TMP/fx
"$PYTHON" "$top_srcdir/tests/gen_billing.py" "$FX" || hard_error "gen_billing.py failed"

# pick FILE COL...: the named columns of a CSV table, without its TOTAL row
# and the (none) group, sorted as bytes. (awk: the tables here have no
# quoted cells; one that does is a hard error rather than a wrong answer.)
pick() {
	if grep -q '"' "$1"; then
		hard_error "pick: quoted cells in $1"
	fi
	file=$1
	shift
	awk -F, -v want="$*" '
		NR == 1 {
			n = split(want, w, " ")
			for (i = 1; i <= NF; i++)
				idx[$i] = i
			for (j = 1; j <= n; j++)
				if (!(w[j] in idx))
					exit 2
			next
		}
		$1 == "TOTAL" { next }
		{
			line = ""
			for (j = 1; j <= n; j++) {
				v = $(idx[w[j]])
				if (v == "(none)")
					next
				line = line (j > 1 ? "," : "") v
			}
			print line
		}' "$file" | LC_ALL=C sort
}

# total FILE: "billed effective" of the TOTAL row of a cost table.
total() {
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) idx[$i] = i; next }
		$1 == "TOTAL" { print $(idx["billed"]), $(idx["effective"]) }' "$1"
}

cd "$FX" || hard_error "no $FX"
while read -r case tagkey opt files; do
	R=$TMP/$case.rollup.csv
	[ "$opt" = - ] && opt=
	# shellcheck disable=SC2086
	expect_exit 0 "$case: ingest" -- "$RS" ingest $opt --format csv -o "$R" $files
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

	expect_exit 0 "$case: cost by instance type" -- \
		"$RS" cost --by instance_type -g all --format csv "$R"
	pick "$TMP/out" instance_type billed effective >"$TMP/got"
	sed 1d "expected/$case.itypes.csv" >"$TMP/want"
	expect_same "$TMP/got" "$TMP/want" "$case: billed/effective by instance type"

	# one provider, one currency (USD also where the column is absent)
	case $case in
	cur* | focus*) provider=aws ;;
	azure*) provider=azure ;;
	*) provider=gcp ;;
	esac
	expect_exit 0 "$case: cost by provider, currency" -- \
		"$RS" cost --by provider,currency -g all --format csv "$R"
	pick "$TMP/out" provider currency >"$TMP/got"
	echo "$provider,USD" >"$TMP/want"
	expect_same "$TMP/got" "$TMP/want" "$case: provider $provider, currency USD"

	# cost reads the raw exports too, to the same totals
	case_total=$(tail -n 1 "expected/$case.ingest.csv" | awk -F, '{ print $(NF-1), $NF }')
	if [ -n "$opt" ]; then
		: # cost has no --azure-cost; the rollup total below covers it
	else
		# shellcheck disable=SC2086
		expect_exit 0 "$case: cost on the raw export" -- "$RS" cost -g all --format csv $files
		expect_eq "$(total "$TMP/out")" "$case_total" "$case: cost total from the raw export"
	fi
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
