#!/bin/sh
# ingest_input.sh - how `rightsize ingest` reads the bytes it is given:
# lone-CR line ends read like LF, and a quoted field of 40 MB scans in
# linear time. Fixtures come from tests/gen_billing.py.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 not found (Debian package python3): fixtures need it"
command -v timeout >/dev/null 2>&1 || skip "timeout not found (Debian package coreutils)"
FX=$TMP/fx
"$PYTHON" "$top_srcdir/tests/gen_billing.py" "$FX" >/dev/null || hard_error "gen_billing.py failed"
cd "$FX" || hard_error "no $FX"

# account: the ingest account in $TMP/out without its file names
account() {
	cut -d, -f2- "$TMP/out"
}

# ---- lone-CR line ends (classic Mac OS) ----------------------------------
# Each export with its line ends (LF or CRLF, also inside quoted fields)
# turned into lone CRs reads to the same account and the same rollup.
for f in cur-legacy.csv azure-ea-actual.csv focus-1.0.csv gcp.csv; do
	"$PYTHON" - "$f" "cr-$f" <<'EOF' || hard_error "cannot write cr-$1"
import gzip, sys
data = open(sys.argv[1], "rb").read().replace(b"\r\n", b"\r").replace(b"\n", b"\r")
assert b"\n" not in data
open(sys.argv[2], "wb").write(data)
open(sys.argv[2] + ".gz", "wb").write(gzip.compress(data, mtime=0))
EOF
	expect_exit 0 "$f: ingest" -- "$RS" ingest --format csv -o "$TMP/lf.csv" "$f"
	account >"$TMP/lf.account"
	for g in "cr-$f" "cr-$f.gz"; do
		expect_exit 0 "$g: ingest" -- "$RS" ingest --format csv -o "$TMP/cr.csv" "$g"
		account >"$TMP/cr.account"
		expect_same "$TMP/cr.account" "$TMP/lf.account" "$g: the same account as $f"
		cmp -s "$TMP/cr.csv" "$TMP/lf.csv"
		expect_eq "$?" 0 "$g: the same rollup as $f"
	done
done

# ---- a 40 MB quoted field ------------------------------------------------
# One row whose description is 20 million quote characters (40 MB of ""
# pairs; its gzip is a few kB): read in a fraction of a second by a linear
# scan, hours by a quadratic one. The limit is 20 s so a slow machine does
# not fail it.
"$PYTHON" - <<'EOF' || hard_error "cannot write the long-field export"
import csv, gzip, io
with open("cur-legacy.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
hdr, row = rows[0], rows[1] + [""] * (len(rows[0]) - len(rows[1]))
row[hdr.index("lineItem/LineItemDescription")] = '"' * 20000000
out = io.StringIO()
csv.writer(out, lineterminator="\n").writerows([hdr, row])
data = out.getvalue().encode()
assert len(data) > 40000000
open("long-field.csv", "wb").write(data)
open("long-field.csv.gz", "wb").write(gzip.compress(data, mtime=0))
EOF
for f in long-field.csv.gz long-field.csv; do
	expect_exit 0 "$f: read within 20 s" -- timeout 20 "$RS" ingest -n --format csv "$f"
	expect_match "$TMP/out" "^$f,aws-cur-legacy,1,1,0," "$f: the row is read and used"
done
rm -f long-field.csv long-field.csv.gz

finish
