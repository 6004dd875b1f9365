#!/bin/sh
# money.sh - money at the limits of money_t (int64 nano-units, +-9.2e9): a
# sum or product that does not fit is one error line naming the file (and
# the row's line:col), exit 1, never a wrapped total and never undefined
# behaviour (this runs in the ASan/UBSan build too). Ingest on one thread,
# on two (a file large enough to be cut into chunks), over several files,
# the CUR Savings Plan and RI fee formulas; simulate, whatif and
# --optimize with absurd prices. GCP credit amounts read exactly from the
# JSON text, and refused when they are not numbers. Row counts above 2^32.
# Non-finite and non-positive numbers on the command line are usage errors.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 not found (Debian package python3): fixtures need it"

CUR_HDR='identity/LineItemId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UnblendedCost'

# one_error DESC REGEX CMD...: CMD exits 1 with exactly one stderr line
# matching REGEX and prints nothing.
one_error() {
	desc=$1 rx=$2
	shift 2
	expect_exit 1 "$desc: exit 1" -- "$@"
	expect_lines "$TMP/err" 1 "$desc: one line on stderr"
	expect_match "$TMP/err" "^rightsize: $rx" "$desc: says /$rx/"
	expect_eq "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "$desc: nothing on stdout"
}

# usage_error DESC REGEX CMD...: CMD exits 2 saying REGEX.
usage_error() {
	desc=$1 rx=$2
	shift 2
	expect_exit 2 "$desc: exit 2" -- "$@"
	expect_match "$TMP/err" "$rx" "$desc: says /$rx/"
}

cd "$TMP" || hard_error "no $TMP"

# ---- ingest ------------------------------------------------------------------

# Two rows of $5e9 in two cells: each fits, their sum (the file's total)
# does not.
printf '%s\na,Usage,2026-10-01T00:00:00Z,5000000000\nb,Usage,2026-10-01T01:00:00Z,5000000000\n' \
	"$CUR_HDR" >two.csv
one_error "one file, -j 1" "two\.csv:3:30: cost sum overflows$" \
	"$RS" ingest -j 1 -o r.csv two.csv
[ -e r.csv ] && fail "one file: a rollup was written" || pass "one file: no rollup written"

# The same file cut into two chunks read on two threads (16 MB or more):
# the chunks' totals fit, their merge does not; the error is the one
# thread's, at the same row.
big() { # FILE [LAST-ROW]: a $5e9 row, 480,000 rows of a cent, LAST-ROW
	"$PYTHON" - "$@" "$CUR_HDR" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write(sys.argv[-1] + "\n")
    f.write("big1,Usage,2026-10-01T00:00:00Z,5000000000\n")
    row = "r%d,Usage,2026-10-01T02:00:00Z,0.01\n"
    for i in range(480000):
        f.write(row % (i % 50))
    if len(sys.argv) > 3:
        f.write(sys.argv[2] + "\n")
PY
	[ "$(wc -c <"$1")" -ge 16777216 ] || hard_error "$1 is under 16 MB: not read on threads"
}
big big.csv "big2,Usage,2026-10-01T01:00:00Z,5000000000"
one_error "big file, -j 1" "big\.csv:480003:33: cost sum overflows$" \
	"$RS" ingest -j 1 -n big.csv
cp "$TMP/err" err.j1
one_error "big file, -j 2 (chunks merged)" "big\.csv:480003:33: cost sum overflows$" \
	"$RS" ingest -j 2 -n big.csv
expect_same "$TMP/err" err.j1 "-j 2 says what -j 1 says"
rm -f big.csv

# A big file whose total fits, after a file with $5e9 in the cell of its
# first row: the cell overflows in the merge of the files' rollups.
big big-ok.csv
printf '%s\nbig1,Usage,2026-10-01T00:00:00Z,5000000000\n' "$CUR_HDR" >first.csv
expect_exit 0 "big file alone, -j 2" -- "$RS" ingest -j 2 -n big-ok.csv
one_error "big file after another, -j 1" "big-ok\.csv:2:33: cost sum overflows$" \
	"$RS" ingest -j 1 -n first.csv big-ok.csv
cp "$TMP/err" err.j1
one_error "big file after another, -j 2 (rollups merged)" "big-ok\.csv:2:33: cost sum overflows$" \
	"$RS" ingest -j 2 -n first.csv big-ok.csv
expect_same "$TMP/err" err.j1 "-j 2 says what -j 1 says"
rm -f big-ok.csv

# Several files: each total fits, the TOTAL does not.
printf '%s\na,Usage,2026-10-01T00:00:00Z,5000000000\n' "$CUR_HDR" >f1.csv
printf '%s\na,Usage,2026-10-01T01:00:00Z,5000000000\n' "$CUR_HDR" >f2.csv
one_error "TOTAL over two files" "f2\.csv: cost sum overflows \(the TOTAL with the files before it\)$" \
	"$RS" ingest -o r.csv f1.csv f2.csv
[ -e r.csv ] && fail "TOTAL: a rollup was written" || pass "TOTAL: no rollup written"
expect_exit 0 "each file alone is fine" -- "$RS" ingest -n f1.csv
expect_match "$TMP/out" '^TOTAL .* 5000000000\.00 +5000000000\.00$' "one file: TOTAL \$5e9"

# CUR fees: SavingsPlanRecurringFee's effective cost is commitment minus
# used; RIFee's the two unused parts.
SP_HDR="$CUR_HDR,savingsPlan/TotalCommitmentToDate,savingsPlan/UsedCommitment"
printf '%s\nf,SavingsPlanRecurringFee,2026-10-01T00:00:00Z,1,-9000000000,9000000000\n' \
	"$SP_HDR" >sp.csv
one_error "SP fee: -9e9 - 9e9" \
	"sp\.csv:2:50: savingsPlan/TotalCommitmentToDate minus savingsPlan/UsedCommitment overflows$" \
	"$RS" ingest -n sp.csv
printf '%s\nf,SavingsPlanRecurringFee,2026-10-01T00:00:00Z,1,9000000000,1000000000\n' \
	"$SP_HDR" >sp-ok.csv
expect_exit 0 "SP fee: 9e9 - 1e9 fits" -- "$RS" ingest -o sp-ok.rollup sp-ok.csv
expect_match sp-ok.rollup ',1\.00,8000000000\.00,1$' "SP fee: effective 8e9"
RI_HDR="$CUR_HDR,reservation/UnusedAmortizedUpfrontFeeForBillingPeriod,reservation/UnusedRecurringFee"
printf '%s\nf,RIFee,2026-10-01T00:00:00Z,1,9000000000,9000000000\n' "$RI_HDR" >ri.csv
one_error "RI fee: 9e9 + 9e9" \
	"ri\.csv:2:32: reservation/UnusedAmortizedUpfrontFeeForBillingPeriod plus reservation/UnusedRecurringFee overflows$" \
	"$RS" ingest -n ri.csv

# ---- GCP credits -----------------------------------------------------------------

GCP_HDR='usage_start_time,service.description,cost,credits'
gcp_row() { # HOUR CREDITS-JSON: a usage row of $10 with those credits
	printf '2026-10-01T%s:00:00Z,Compute Engine,10,"%s"\n' "$1" \
		"$(printf '%s' "$2" | sed 's/"/""/g')"
}
gcp() { # FILE CREDITS-JSON: the header and one row
	{ echo "$GCP_HDR"; gcp_row 00 "$2"; } >"$1"
}
for v in true false null '{}' '[1]'; do
	case $v in
	true | false | null) what=$v ;;
	'{}') what='an object' ;;
	*) what='an array' ;;
	esac
	gcp bad.csv "[{\"name\":\"ok\",\"amount\":-1},{\"name\":\"x\",\"amount\":$v}]"
	one_error "credit amount $v" "bad\.csv:2:40: credits\[1\]\.amount is $what, not a number$" \
		"$RS" ingest -n bad.csv
done
gcp bad.csv '[{"name":"x"}]'
one_error "credit without amount" "bad\.csv:2:40: credits\[0\] has no amount$" "$RS" ingest -n bad.csv
gcp bad.csv '[{"amount":"1.2.3"}]'
one_error "credit amount not a number" 'bad\.csv:2:40: credits\[0\]\.amount "1\.2\.3" is not a number$' \
	"$RS" ingest -n bad.csv
gcp bad.csv '[{"amount":-99999999999}]'
one_error "credit amount too large" 'bad\.csv:2:40: credits\[0\]\.amount -99999999999 is too large$' \
	"$RS" ingest -n bad.csv
gcp bad.csv '[{"amount":-9000000000},{"amount":-9000000000}]'
one_error "credits overflow" 'bad\.csv:2:40: cost sum overflows$' "$RS" ingest -n bad.csv

# Amounts with 16 and more significant digits, read from the text: a
# double keeps about 15.9, so -1234567.123456789 came back as
# -1234567.12345679, and 0.12345678949999999999 (just under half a
# nano-unit) rounded up through 0.1234567895.
{
	echo "$GCP_HDR"
	gcp_row 00 '[{"name":"a","amount":-1234567.123456789, "type":"PROMOTION"}]'
	gcp_row 01 '[ {"name":"b","x":{"amount":1},"amount" : 0.12345678949999999999}]'
	gcp_row 02 '[{"name":"c","amount":"-0.000000001"}]'
} >exact.csv
expect_exit 0 "exact credits" -- "$RS" ingest -o exact.rollup exact.csv
expect_match exact.rollup ',credit,,0,-1234567\.123456789,-1234567\.123456789,1$' \
	"16-digit credit kept exactly"
expect_match exact.rollup ',credit,,0,0\.123456789,0\.123456789,1$' \
	"20-digit credit rounded at the ninth decimal, not through a double"
expect_match exact.rollup ',credit,,0,-0\.000000001,-0\.000000001,1$' "a string amount"

# ---- row counts above 2^32 ---------------------------------------------------------

printf '%s\n%s\n' \
	'hour,provider,currency,account,service,resource,usage_type,instance_type,region,pricing_model,charge_kind,tags,usage,billed,effective,rows' \
	'2026-10-01T00:00:00Z,aws,USD,1,AmazonEC2,i-1,,,,on_demand,usage,,1,1.00,1.00,5000000000' \
	>counts.rollup
expect_exit 0 "a rollup cell of 5e9 rows" -- "$RS" ingest -o counts2.rollup counts.rollup counts.rollup
expect_match counts2.rollup ',2\.00,2\.00,10000000000$' "read twice: 1e10 rows, not cut to 32 bits"
sed 's/5000000000$/99999999999999999999/' counts.rollup >counts-bad.rollup
one_error "a count past int64" 'counts-bad\.rollup:2:[0-9]+: rows "99999999999999999999" is not a count$' \
	"$RS" ingest -n counts-bad.rollup

# ---- simulate, whatif ------------------------------------------------------------

# 3 instances at $9e9 an hour for a day: $6.5e11.
cat >absurd.json <<'J'
{ "start": "2026-11-01", "days": 1,
  "load": { "base_rps": 20, "requests_per_order": 50 },
  "baseline": { "name": "sane", "tiers": [
    { "name": "web", "price_per_hour": "0.10", "capacity_rps": 10,
      "policy": { "type": "target_tracking", "target": 50 }, "min": 3, "max": 6 } ] },
  "candidates": [ { "name": "absurd", "tiers": [
    { "name": "web", "price_per_hour": "9000000000", "capacity_rps": 10,
      "policy": { "type": "target_tracking", "target": 50 }, "min": 3, "max": 6 } ] } ],
  "optimize": { "targets": [50, 60], "instance_types": [
    { "instance_type": "sane.large", "price_per_hour": "0.10", "capacity_rps": 10 },
    { "instance_type": "absurd.large", "price_per_hour": "9000000000", "capacity_rps": 10 } ] } }
J
one_error "simulate, absurd price" "absurd\.json: configuration 'absurd': cost sum overflows" \
	"$RS" simulate absurd.json
one_error "simulate --trace, absurd price" "absurd\.json: configuration 'absurd': cost sum overflows" \
	"$RS" simulate --trace trace.csv absurd.json
[ -e trace.csv ] && fail "a failed run left a trace" || pass "a failed run leaves no trace"
expect_exit 0 "simulate the sane one alone" -- "$RS" simulate --config sane --format csv absurd.json
one_error "whatif, absurd price" "absurd\.json: configuration 'absurd': cost sum overflows" \
	"$RS" whatif absurd.json
one_error "whatif --optimize, absurd price" \
	"absurd\.json: absurd with absurd\.large, target 50 %, min 3, scale-in cooldown [0-9]+ s: cost sum overflows" \
	"$RS" whatif --optimize absurd.json
one_error "whatif, price set absurd" "absurd\.json: configuration 'sane': cost sum overflows" \
	"$RS" whatif --set 'baseline.tiers[0].price_per_hour="9000000000"' absurd.json

# ---- numbers on the command line and in scenarios ------------------------------

for p in 2026-11-01:inf 2026-11-01:infx 2026-11-01:nan 2026-11-01:1e999x 2026-11-01:0x \
	2026-11-01:-2x; do
	usage_error "whatif --peak $p" "--peak '$p': the factor must be a finite number above 0" \
		"$RS" whatif --peak "$p" absurd.json
	usage_error "simulate --peak $p" "--peak '$p': the factor must be a finite number above 0" \
		"$RS" simulate --peak "$p" absurd.json
done
for p in 2026-11-01/infh:2x 2026-11-01/nanh:2x 2026-11-01/0h:2x 2026-11-01/1e9h:2x; do
	usage_error "whatif --peak $p" "--peak '$p': the hours must be a finite number above 0" \
		"$RS" whatif --peak "$p" absurd.json
done
for v in inf -inf nan 1e999; do
	usage_error "--growth $v" "--growth: '$v' is not a finite number" \
		"$RS" whatif --growth "$v" absurd.json
	usage_error "--set load.growth=$v" "--set 'load.growth=$v': the value is not a finite number" \
		"$RS" simulate --set "load.growth=$v" absurd.json
	usage_error "tui --set load.growth=$v" "--set 'load.growth=$v': the value is not a finite number" \
		"$RS" tui --scenario absurd.json --set "load.growth=$v"
done
sed 's/"requests_per_order": 50 }/"requests_per_order": 50, "peaks": ["2026-11-01:infx"] }/' \
	absurd.json >peak.json
one_error "a scenario peak of inf" \
	'peak\.json:[0-9]+:[0-9]+: load\.peaks\[0\]: "2026-11-01:infx": the factor must be a finite number above 0$' \
	"$RS" simulate peak.json
finish
