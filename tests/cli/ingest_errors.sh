#!/bin/sh
# ingest_errors.sh - each malformed export (tests/gen_billing.py writes them
# with the place and message the spec gives) makes `rightsize ingest` exit
# 1 with exactly one stderr line "rightsize: FILE:LINE:COL: MESSAGE", write
# no output file, and leave an existing output file byte-identical.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 not found (Debian package python3): fixtures need it"
FX=$TMP/fx
"$PYTHON" "$top_srcdir/tests/gen_billing.py" "$FX" || hard_error "gen_billing.py failed"
cd "$FX/bad" || hard_error "no $FX/bad"

printf 'hour,provider\nthis file was here before\n' >"$TMP/before.csv"
tab=$(printf '\t')
while IFS=$tab read -r file line col rx; do
	# a fresh directory for the output: nothing may appear in it
	out=$TMP/o.$file
	mkdir "$out"
	expect_exit 1 "$file: exit 1" -- "$RS" ingest -o "$out/rollup.csv" "$file"
	expect_lines "$TMP/err" 1 "$file: one line on stderr"
	[ "$line" = "*" ] && line='[0-9]+'
	[ "$col" = "*" ] && col='[0-9]+'
	expect_match "$TMP/err" "^rightsize: $file:$line:$col: " "$file: names $file:$line:$col"
	expect_match "$TMP/err" "$rx" "$file: says /$rx/"
	expect_eq "$(ls -A "$out")" "" "$file: no output file (nor a temporary one) left"
	expect_eq "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "$file: nothing on stdout"

	cp "$TMP/before.csv" "$out/existing.csv"
	expect_exit 1 "$file: exit 1 over an existing output" -- \
		"$RS" ingest -o "$out/existing.csv" "$file"
	expect_same "$out/existing.csv" "$TMP/before.csv" "$file: existing output left byte-identical"
	expect_eq "$(ls -A "$out")" "existing.csv" "$file: no temporary file left next to it"

	# a bad file after a good one fails the whole run
	rm -f "$out/existing.csv"
	expect_exit 1 "$file after a good file: exit 1" -- \
		"$RS" ingest -o "$out/rollup.csv" ../cur-legacy.csv "$file"
	expect_eq "$(ls -A "$out")" "" "$file after a good file: no output file"
done <cases.txt
finish
