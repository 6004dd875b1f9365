#!/bin/sh
# ingest_input.sh - how `rightsize ingest` reads the bytes it is given:
# lone-CR line ends read like LF; a quoted field of 40 MB scans in linear
# time; a row cut short is an error at its place, or skipped and counted
# with --skip-short-rows, on one thread and two, plain and gzip (and the
# README's example of it); the first and last hours a rollup holds read
# back; tag columns that differ in case are two tags; Azure slash dates
# are read in one day/month order per file, on one thread and two. The
# malformed cases that are plain errors (dates out of range, repeated
# columns, NUL bytes) are in tests/gen_billing.py's bad fixtures, checked
# by ingest_errors.sh. Fixtures come from tests/gen_billing.py or are
# written here.
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

# ---- rows cut short ------------------------------------------------------
# An export of over 16 MB (read on two threads with -j 2): the fixture's
# rows many times over. big-cut.csv is cut in the middle of its last row's
# cost; big-mid.csv has one short row in its second half; big-less.csv is
# big-cut.csv without the cut row.
"$PYTHON" - <<'EOF' || hard_error "cannot write the big exports"
import csv, gzip, io
with open("cur-legacy.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
hdr = rows[0]
body = [r for r in rows[1:] if r and r != hdr]
assert all(len(r) == len(hdr) for r in body)
def text(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()
data = body * (18000000 // len(text(body)) + 1)
less = text([hdr] + data[:-1])
assert len(less) > 17000000
open("big-less.csv", "w").write(less)
ci = hdr.index("lineItem/UnblendedCost")
cut = text([data[-1][:ci]]).rstrip("\n") + "," + data[-1][ci][:2]
open("big-cut.csv", "w").write(less + cut)
open("big-cut.csv.gz", "wb").write(gzip.compress((less + cut).encode(), mtime=0))
mid = len(data) * 3 // 4
short = text([data[mid][:ci + 1]])
open("big-mid.csv", "w").write(text([hdr] + data[:mid]) + short + text(data[mid + 1:]))
with open("big.txt", "w") as f:
    f.write("%d %d %d %d %d\n" % (len(data) + 1, len(cut) + 1, ci + 1, len(hdr), mid + 2))
EOF
read -r lines endcol nf nh midline <big.txt
for j in 1 2; do
	for f in big-cut.csv big-cut.csv.gz; do
		expect_exit 1 "$f -j $j: a row cut short is an error" -- "$RS" ingest -j "$j" -n "$f"
		expect_match "$TMP/err" \
			"^rightsize: $f:$lines:$endcol: row has $nf fields, the header has $nh \(is the file cut short\?\)\$" \
			"$f -j $j: names the place just after the cut"
	done
	expect_exit 1 "big-mid.csv -j $j: a short row in the middle is an error" -- \
		"$RS" ingest -j "$j" -n big-mid.csv
	expect_match "$TMP/err" "^rightsize: big-mid.csv:$midline:[0-9]+: row has $nf fields" \
		"big-mid.csv -j $j: names its line"
done
expect_exit 0 "big-less.csv: ingest" -- "$RS" ingest -j 1 -n --format csv big-less.csv
totals=$(sed -n 2p "$TMP/out" | cut -d, -f7-8)
used=$(sed -n 2p "$TMP/out" | cut -d, -f4)
for j in 1 2; do
	for f in big-cut.csv big-cut.csv.gz big-mid.csv; do
		expect_exit 0 "$f -j $j --skip-short-rows" -- \
			"$RS" ingest -j "$j" -n --skip-short-rows --format csv "$f"
		[ "$f" = big-mid.csv ] && continue
		expect_match "$TMP/out" "^$f,aws-cur-legacy,$((used + 1)),$used,1,short row=1,$totals\$" \
			"$f -j $j --skip-short-rows: the cut row counted as skipped, totals without it"
	done
	expect_match "$TMP/out" "^big-mid.csv,aws-cur-legacy,$((used + 1)),$used,1,short row=1," \
		"big-mid.csv -j $j --skip-short-rows: the short row counted as skipped"
done
rm -f big*.csv big*.csv.gz

# The README's example (Billing ingest): a sample month cut short, read as
# the README says, with the output it shows.
README=$top_srcdir/README.md
cut_cmd=$(grep '^gzip -dc data/sample/billing/.*>cut\.csv$' "$README")
[ -n "$cut_cmd" ] || hard_error "README has no cut-short example"
mkdir "$TMP/readme"
ln -s "$(cd "$top_srcdir" && pwd)/data" "$TMP/readme/data"
(cd "$TMP/readme" && sh -c "$cut_cmd") || hard_error "README example: $cut_cmd failed"
grep '^rightsize: cut\.csv:' "$README" >"$TMP/readme.err"
expect_lines "$TMP/readme.err" 1 "README shows the error"
awk '/^rightsize ingest -n --skip-short-rows cut\.csv$/ { f = 1; next }
	f && /^```$/ { if (++n == 3) exit; next }
	n == 2' "$README" >"$TMP/readme.out"
expect_match "$TMP/readme.out" "short row=1" "README shows the account with --skip-short-rows"
(cd "$TMP/readme" && "$RS" ingest -n cut.csv) >"$TMP/out" 2>"$TMP/err"
expect_eq "$?" 1 "README example: ingest -n cut.csv exits 1"
expect_same "$TMP/err" "$TMP/readme.err" "README example: the error it shows"
(cd "$TMP/readme" && "$RS" ingest -n --skip-short-rows cut.csv) >"$TMP/out" 2>"$TMP/err"
expect_eq "$?" 0 "README example: ingest -n --skip-short-rows cut.csv exits 0"
expect_same "$TMP/out" "$TMP/readme.out" "README example: the account it shows"

# ---- the first and last hours a rollup holds -----------------------------
# Charges at 1900-01-01T00:00:00Z and up to 9999-12-31T23:59:59Z (also
# given with an offset) ingest, and the rollup reads back to itself.
# (Beyond them is an error: tests/gen_billing.py's bad fixtures.)
"$PYTHON" - <<'EOF' || hard_error "cannot write the edge-date export"
import csv
with open("cur-legacy.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
hdr = rows[0]
body = [r for r in rows[1:] if r and r != hdr][:4]
k = hdr.index("lineItem/UsageStartDate")
for r, t in zip(body, ["1900-01-01T00:00:00Z", "1900-01-01T09:00:00+09:00",
                       "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+14:00"]):
    r[k] = t
with open("edges.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows([hdr] + body)
EOF
expect_exit 0 "edges.csv: ingest" -- "$RS" ingest --format csv -o edges.rollup.csv edges.csv
sed -n 2p "$TMP/out" | cut -d, -f3- >"$TMP/edges.account"
expect_match edges.rollup.csv "^1900-01-01T00:00:00Z," "the first hour is written"
expect_match edges.rollup.csv "^9999-12-31T23:00:00Z," "the last hour is written"
expect_match edges.rollup.csv "^9999-12-31T09:00:00Z," "the last day with an offset is written"
expect_exit 0 "edges.rollup.csv: the rollup reads back" -- \
	"$RS" ingest --format csv -o edges.back.csv edges.rollup.csv
cmp -s edges.back.csv edges.rollup.csv
expect_eq "$?" 0 "edges.rollup.csv: reads back to the same rollup"
sed -n 2p "$TMP/out" | cut -d, -f7- >"$TMP/back.totals"
cut -d, -f5- "$TMP/edges.account" >"$TMP/edges.totals"
expect_same "$TMP/back.totals" "$TMP/edges.totals" "edges.rollup.csv: the same totals"

# ---- header names ----------------------------------------------------------
# CUR tag keys are case-sensitive: resourceTags/user:Team is a tag of its
# own next to resourceTags/user:team, not a repeated column. Columns with
# no name (trailing commas) may repeat. (A name given twice, or a column
# read under a name repeated in other case, is an error: the bad fixtures.)
"$PYTHON" - <<'EOF' || hard_error "cannot write the tag-case export"
import csv
with open("cur-legacy.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
hdr = rows[0]
body = [r + ["ops", "", ""] for r in rows[1:] if r and r != hdr]
with open("tag-case.csv", "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows([hdr + ["resourceTags/user:Team", "", ""]] + body)
EOF
expect_exit 0 "tag-case.csv: ingest" -- "$RS" ingest --format csv -o tag-case.rollup.csv tag-case.csv
expect_exit 0 "tag-case.csv: cost by tag user:Team" -- \
	"$RS" cost --by tag:user:Team -g all --format csv tag-case.rollup.csv
expect_match "$TMP/out" "^all,ops," "user:Team is read as a tag of its own"
expect_exit 0 "tag-case.csv: cost by tag user:team" -- \
	"$RS" cost --by tag:user:team -g all --format csv tag-case.rollup.csv
expect_match "$TMP/out" "^all,web," "user:team keeps its values"

# ---- Azure slash dates: one day/month order per file ---------------------
# azure OUT STYLE DAYS COPIES [mix]: the Azure EA fixture's rows COPIES
# times, its two days moved to April DAYS (two numbers) and written as
# STYLE (iso, mdy or dmy), every row of the first day before every row of
# the second; "mix" writes the last row's date in the other order. Writes
# OUT.lines: the line of the first row of the second day, of the last row.
azure() {
	"$PYTHON" - "$@" <<'EOF' || hard_error "cannot write Azure export $1"
import csv, sys
out, style, days, copies = sys.argv[1], sys.argv[2], sys.argv[3].split(","), int(sys.argv[4])
mix = sys.argv[5:] == ["mix"]
with open("azure-ea-actual.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
hdr = rows[0]
k = hdr.index("Date")
body = [r for r in rows[1:] if r and r != hdr]
day = {"10/01/2026": days[0], "10/02/2026": days[1]}
def date(d, style):
    return {"iso": "2026-04-%s", "mdy": "04/%s/2026", "dmy": "%s/04/2026"}[style] % d
data = []
for first in (True, False):
    for _ in range(copies):
        for r in body:
            if (r[k] == "10/01/2026") == first:
                data.append(r[:k] + [date(day[r[k]], style)] + r[k + 1:])
second = 2 + next(i for i, r in enumerate(data) if r[k] == date(days[1], style))
if mix:
    data[-1][k] = date(days[1], {"mdy": "dmy", "dmy": "mdy"}[style])
with open(out, "w", newline="") as f:
    csv.writer(f, lineterminator="\r\n").writerows([hdr] + data)
with open(out + ".lines", "w") as f:
    f.write("%d %d\n" % (second, len(data) + 1))
EOF
}

# 12 April is 12/04 day first and 04/12 month first: the 13th tells the
# order, after every row of the 12th; all three read to the same rollup.
for style in iso mdy dmy; do
	azure "az-$style.csv" "$style" 12,13 1
	expect_exit 0 "az-$style.csv: ingest" -- "$RS" ingest --format csv -o "az-$style.rollup" "az-$style.csv"
	expect_eq "$(wc -c <"$TMP/err" | tr -d ' ')" 0 "az-$style.csv: no warning (the 13th tells)"
done
for style in mdy dmy; do
	cmp -s "az-$style.rollup" az-iso.rollup
	expect_eq "$?" 0 "az-$style.csv: the same rollup as ISO dates"
done
expect_no_match az-dmy.rollup "^2026-12-04" "az-dmy.csv: 12/04/2026 is not 4 December"

# Only the 11th and 12th: nothing tells. Read month first with one
# warning naming the file and the option; --date-order settles it.
azure az-amb.csv dmy 11,12 1
azure az-amb-iso.csv iso 11,12 1
expect_exit 0 "az-amb-iso.csv: ingest" -- "$RS" ingest -o az-amb-iso.rollup az-amb-iso.csv
expect_exit 0 "az-amb.csv: ingest" -- "$RS" ingest -o az-amb.rollup az-amb.csv
expect_lines "$TMP/err" 1 "az-amb.csv: one warning"
expect_match "$TMP/err" '^rightsize: warning: az-amb.csv: dates such as "11/04/2026" \(line 2\) are read month first \(M/D/YYYY.*--date-order mdy or dmy settles it$' \
	"az-amb.csv: the warning names the file, a date and --date-order"
expect_match az-amb.rollup "^2026-11-04T" "az-amb.csv: read month first"
expect_exit 0 "az-amb.csv --date-order dmy" -- \
	"$RS" ingest --date-order dmy -o az-amb.rollup az-amb.csv
expect_eq "$(wc -c <"$TMP/err" | tr -d ' ')" 0 "az-amb.csv --date-order dmy: no warning"
cmp -s az-amb.rollup az-amb-iso.rollup
expect_eq "$?" 0 "az-amb.csv --date-order dmy: the same rollup as ISO dates"

# A file with both orders is an error naming the two rows; so is a date
# the option's order cannot read.
azure az-mix.csv dmy 12,13 1 mix
read -r second last <az-mix.csv.lines
expect_exit 1 "az-mix.csv: both orders" -- "$RS" ingest -n az-mix.csv
expect_match "$TMP/err" "^rightsize: az-mix.csv:$last:[0-9]+: Date \"04/13/2026\" can only be read month first \(M/D/YYYY\), but \"13/04/2026\" on line $second only day first \(D/M/YYYY\): the file mixes both orders\$" \
	"az-mix.csv: names both rows"
expect_exit 1 "az-dmy.csv --date-order mdy" -- "$RS" ingest -n --date-order mdy az-dmy.csv
read -r second last <az-dmy.csv.lines
expect_match "$TMP/err" "^rightsize: az-dmy.csv:$second:[0-9]+: Date \"13/04/2026\" can only be read day first" \
	"az-dmy.csv --date-order mdy: names the first row it cannot read"
expect_exit 2 "--date-order ymd is a usage error" -- "$RS" ingest -n --date-order ymd az-dmy.csv

# Over 16 MB on two threads: the rows of the 12th fill the first chunk,
# the 13th tells the order in the second; one order for the whole file.
azure az-big.csv dmy 12,13 2000
[ "$(wc -c <az-big.csv)" -gt 17000000 ] || hard_error "az-big.csv is too small to be read on threads"
azure az-big-iso.csv iso 12,13 2000
expect_exit 0 "az-big-iso.csv: ingest" -- "$RS" ingest -j 1 -o az-big-iso.rollup az-big-iso.csv
for j in 1 2; do
	expect_exit 0 "az-big.csv -j $j: ingest" -- "$RS" ingest -j "$j" -o az-big.rollup az-big.csv
	cmp -s az-big.rollup az-big-iso.rollup
	expect_eq "$?" 0 "az-big.csv -j $j: the same rollup as ISO dates"
done
azure az-big-mix.csv dmy 12,13 2000 mix
read -r second last <az-big-mix.csv.lines
for j in 1 2; do
	expect_exit 1 "az-big-mix.csv -j $j: both orders" -- "$RS" ingest -j "$j" -n az-big-mix.csv
	expect_match "$TMP/err" "^rightsize: az-big-mix.csv:$last:[0-9]+: .* on line $second only day first" \
		"az-big-mix.csv -j $j: names both rows"
done
rm -f az-big*

# Every command that reads billing files shows the undecided order: cost
# on stderr, the report in its warnings table.
azure az-amb.csv dmy 11,12 1
expect_exit 0 "cost az-amb.csv" -- "$RS" cost az-amb.csv
expect_match "$TMP/err" '^rightsize: warning: az-amb.csv: dates such as "11/04/2026" .*--date-order' \
	"cost az-amb.csv: the reader's warning on stderr"
expect_exit 0 "report az-amb.csv" -- "$RS" report -m 2026-11 -o az-amb.report az-amb.csv
expect_match az-amb.report/report.csv '^az-amb\.csv,"dates such as ""11/04/2026"" .*--date-order' \
	"report az-amb.csv: the reader's warning in the warnings table"

finish
