#!/bin/sh
# sql_duckdb.sh - the rollup SQL of data/sql/trino (rightsize-rollup(5))
# run on DuckDB over the generated CUR legacy, CUR 2.0 and FOCUS fixtures
# equals `rightsize ingest`'s rollup: to the cent per (hour, service,
# resource, pricing_model, charge_kind) and in total, and, read back by
# rightsize, byte for byte. Two SQL rollups of a month's two parts, given
# together, equal the native rollup of both parts. The SQL-to-DuckDB
# adapter is described in tests/sql_duckdb.mjs.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/duckdb_env.sh"

SQL=$top_srcdir/data/sql/trino
JS=$top_srcdir/tests/sql_duckdb.mjs
"$PYTHON" "$top_srcdir/tests/gen_billing.py" "$TMP/fx" >/dev/null || hard_error "gen_billing.py failed"
read -r _ truth_billed <"$TMP/fx/expected/truth.txt"
truth_effective=$(sed -n 's/^effective //p' "$TMP/fx/expected/truth.txt")

# FORMAT FILE per line
while read -r fmt file; do
	sql_out=$TMP/sql-$file.csv
	expect_exit 0 "$file: the $fmt SQL runs on DuckDB" -- \
		node "$JS" run "$SQL" "$fmt" "$TMP/fx/$file" "$sql_out"
	expect_exit 0 "$file: native ingest" -- "$RS" ingest -o "$TMP/nat-$file.csv" "$TMP/fx/$file"
	expect_exit 0 "$file: SQL rollup equals the native one to the cent per key and in total" -- \
		node "$JS" compare "$sql_out" "$TMP/nat-$file.csv"
	cp "$TMP/out" "$TMP/cmp-$file"
	case $file in
	*part*) ;;
	*) expect_match "$TMP/cmp-$file" "billed $truth_billed $truth_billed effective $truth_effective $truth_effective\$" \
		"$file: both total the ground truth ($truth_billed billed, $truth_effective effective)" ;;
	esac
	expect_exit 0 "$file: rightsize reads the SQL rollup" -- \
		"$RS" ingest -o "$TMP/re-$file.csv" "$sql_out"
	expect_same "$TMP/re-$file.csv" "$TMP/nat-$file.csv" "$file: SQL rollup read back is byte-identical to the native rollup"
done <<EOF_CASES
cur_legacy cur-legacy.csv
cur_legacy cur-legacy-crlf.csv.gz
cur2 cur2.csv
focus focus-1.0.csv
focus focus-1.1.csv
focus focus-1.2.csv.gz
cur_legacy cur-2026-10-part1.csv
cur_legacy cur-2026-10-part2.csv.gz
EOF_CASES

# A month in two parts (different columns, one gzip): the two SQL rollups
# given together are the native rollup of both parts.
p1=cur-2026-10-part1.csv p2=cur-2026-10-part2.csv.gz
expect_exit 0 "native rollup of both parts" -- \
	"$RS" ingest -o "$TMP/nat-parts.csv" "$TMP/fx/$p1" "$TMP/fx/$p2"
expect_exit 0 "the two SQL rollups given together" -- \
	"$RS" ingest -o "$TMP/sql-parts.csv" --format csv "$TMP/sql-$p1.csv" "$TMP/sql-$p2.csv"
expect_match "$TMP/out" "^TOTAL,,[0-9]+,[0-9]+,0,,$truth_billed,$truth_effective\$" \
	"ingest of the two SQL rollups totals the ground truth"
expect_same "$TMP/sql-parts.csv" "$TMP/nat-parts.csv" "two SQL rollups together = native rollup of both parts"
expect_exit 0 "cost by service over the two SQL rollups" -- \
	"$RS" cost --by service --format csv "$TMP/sql-$p1.csv" "$TMP/sql-$p2.csv"
mv "$TMP/out" "$TMP/cost-sql"
expect_exit 0 "cost by service over the native parts" -- \
	"$RS" cost --by service --format csv "$TMP/fx/$p1" "$TMP/fx/$p2"
expect_same "$TMP/cost-sql" "$TMP/out" "cost by service is the same from SQL rollups and from the exports"
finish
