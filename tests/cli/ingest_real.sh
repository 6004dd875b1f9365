#!/bin/sh
# ingest_real.sh - real public exports from ../shared/data (the FinOps FOCUS
# 1.0 sample, koku's GCP and Azure EA fixtures) ingest to the billed and
# effective totals an independent sum gives: Python's csv module and Decimal
# over the same files (FOCUS: BilledCost and EffectiveCost; GCP: cost plus
# every credit amount; Azure actual cost: CostInBillingCurrency for both).
# Skips, saying so, when the shared data is absent.
. "$top_srcdir/tests/cli/lib.sh"

DATA=${RS_SHARED_DATA:-$top_srcdir/../shared/data}
[ -n "${PYTHON:-}" ] || skip "python3 not found (Debian package python3)"
for f in focus-sample/focus_sample.csv koku-billing-fixtures/gcp_2024-03-01_5.csv \
	koku-billing-fixtures/azure_version_2.csv; do
	[ -r "$DATA/$f" ] || skip "shared data $DATA/$f not present"
done

# expect FILE FORMAT: the ingest CSV row an independent reading gives
# (file,format,rows_read,rows_used,billed,effective); with several
# FILE FORMAT pairs, the TOTAL of all of them.
expect_row() {
	"$PYTHON" - "$@" <<'EOF'
import csv, io, json, sys
from decimal import Decimal as D, ROUND_HALF_UP

def money(s):
    s = s.strip()
    return D(0) if s in ("", "NULL", "null") else D(s)

def cents(x):
    return str(x.quantize(D("0.01"), rounding=ROUND_HALF_UP))

args = sys.argv[1:]
total = [0, 0, D(0), D(0)]
for path, fmt in zip(args[0::2], args[1::2]):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    col = {n: i for i, n in enumerate(header)}
    read = len(body)
    used = 0
    billed = eff = D(0)
    for r in body:
        if not r or r == header:
            continue
        used += 1
        r = r + [""] * (len(header) - len(r))
        if fmt.startswith("focus"):
            billed += money(r[col["BilledCost"]])
            eff += money(r[col["EffectiveCost"]])
        elif fmt == "gcp":
            cost = money(r[col["cost"]])
            for c in json.loads(r[col["credits"]] or "[]"):
                cost += D(str(c["amount"]))
            billed += cost
            eff += cost
        else:
            cost = money(r[col["CostInBillingCurrency"]])
            billed += cost
            eff += cost
    if len(args) == 2:
        print(",".join([path.rsplit("/", 1)[-1], fmt, str(read), str(used),
                        cents(billed), cents(eff)]))
    total = [total[0] + read, total[1] + used, total[2] + billed, total[3] + eff]
if len(args) > 2:
    print(",".join(["TOTAL", "", str(total[0]), str(total[1]),
                    cents(total[2]), cents(total[3])]))
EOF
}

# the same columns of rightsize's account (file given by basename)
got_row() {
	"$PYTHON" - "$1" "$2" <<'EOF'
import csv, sys
with open(sys.argv[1], newline="") as f:
    for r in csv.DictReader(f):
        if r["file"] == sys.argv[2]:
            print(",".join([r["file"], r["format"], r["rows_read"], r["rows_used"],
                            r["billed"], r["effective"]]))
EOF
}

set -- focus-sample/focus_sample.csv focus-1.0 \
	koku-billing-fixtures/gcp_2024-03-01_5.csv gcp \
	koku-billing-fixtures/azure_version_2.csv azure-ea-actual
all=""
while [ $# -ge 2 ]; do
	f=$1 fmt=$2
	shift 2
	base=$(basename "$f")
	all="$all $f $fmt"
	(cd "$DATA/$(dirname "$f")" && expect_row "$base" "$fmt") >"$TMP/want" \
		|| hard_error "independent sum of $f failed"
	(cd "$DATA/$(dirname "$f")" && "$RS" ingest --format csv -o "$TMP/$base.rollup.csv" "$base") \
		>"$TMP/out" 2>"$TMP/err"
	expect_eq "$?" 0 "$f: ingest exits 0 ($(head -c 200 "$TMP/err"))"
	got_row "$TMP/out" "$base" >"$TMP/got"
	expect_same "$TMP/got" "$TMP/want" "$f: format, rows and billed/effective equal the independent sum"
	expect_exit 0 "$f: cost on the rollup" -- "$RS" cost -g all --format csv "$TMP/$base.rollup.csv"
	expect_match "$TMP/out" "^TOTAL,,?$(cut -d, -f5,6 "$TMP/want" | sed 's/\./\\./g')," \
		"$f: cost on the rollup gives the same total"
done

# all three at once: the TOTAL row
# shellcheck disable=SC2086
(cd "$DATA" && expect_row $all) >"$TMP/want" || hard_error "independent sum failed"
# shellcheck disable=SC2086
(cd "$DATA" && "$RS" ingest --format csv -o "$TMP/all.rollup.csv" \
	$(printf '%s\n' $all | sed -n 'p;n')) >"$TMP/out" 2>"$TMP/err"
expect_eq "$?" 0 "all three at once: exit 0 ($(head -c 200 "$TMP/err"))"
got_row "$TMP/out" TOTAL >"$TMP/got"
expect_same "$TMP/got" "$TMP/want" "all three at once: TOTAL equals the independent sum"
finish
