#!/bin/sh
# valgrind.sh - ingest and cost run clean under valgrind (no invalid
# access, no leak). The sanitizer build does not list it (ASan and
# valgrind do not mix); run by hand there, it skips, saying so.
. "$top_srcdir/tests/cli/lib.sh"

command -v valgrind >/dev/null 2>&1 || skip "valgrind is not installed"
if grep -q -- '-fsanitize' "$top_builddir/Makefile" 2>/dev/null &&
	grep -q -- '^RS_SAN_CFLAGS = -fsanitize' "$top_builddir/Makefile"; then
	skip "sanitizer build: valgrind cannot run ASan binaries"
fi

cat >"$TMP/cur.csv" <<'CSV'
lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/ResourceId,lineItem/UsageType,lineItem/UsageAmount,lineItem/UnblendedCost,savingsPlan/SavingsPlanEffectiveCost,resourceTags/user:team
Usage,2026-10-01T00:00:00Z,111,AmazonEC2,i-1,BoxUsage:m5.large,1,0.096,,web
SavingsPlanCoveredUsage,2026-10-01T00:00:00Z,111,AmazonEC2,i-2,BoxUsage:m5.large,1,0.096,0.0672,"a,b"
SavingsPlanNegation,2026-10-01T00:00:00Z,111,AmazonEC2,i-2,BoxUsage:m5.large,1,-0.096,,"a,b"
Tax,2026-10-01T00:00:00Z,111,AmazonEC2,,,0,1.5E-1,,
CSV
gzip -c "$TMP/cur.csv" >"$TMP/cur.csv.gz"
vg() { valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect "$@"; }
expect_exit 0 "ingest under valgrind" -- vg "$RS" ingest -o "$TMP/r.csv" "$TMP/cur.csv" "$TMP/cur.csv.gz"
expect_exit 0 "cost under valgrind" -- vg "$RS" cost --by service,tag:user:team -g all "$TMP/r.csv"
expect_exit 1 "bad input under valgrind" -- vg "$RS" ingest -n "$TMP/nonexistent.csv"
finish
