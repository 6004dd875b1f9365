#!/bin/sh
# output_safety.sh - names from input that carry a spreadsheet formula,
# terminal escape sequences (C0, DEL, C1) and ill-formed UTF-8, in a
# generated billing export (service, account and tag names), a metrics
# file and a scenario, come out safe in every output: CSV cells that a
# spreadsheet would run get a ' (numbers do not), the rollup's guard is
# undone on reading (ingest -> rollup -> cost gives the original names),
# text tables, report.txt and error messages show control characters as
# \xHH with the columns still aligned, JSON parses strictly, and every
# output is well-formed UTF-8 with U+FFFD for the bad bytes.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 not found (Debian package python3): fixtures need it"
cd "$TMP" || hard_error "no $TMP"

# The fixtures and the checks share the names: one script.
cat >hostile.py <<'PY'
import csv, io, json, re, sys

FORMULA = '=HYPERLINK("http://evil.example/","click")'
ESC = "web\x1b[2J\x1b]0;pwned\x07"      # clear screen, set the title, bell
BAD = b"caf\xe9 \xc3\xa9 \xf0\x9f\x98"  # Latin-1 byte, e acute, cut emoji
BAD_SHOWN = "caf\ufffd \u00e9 \ufffd"
C1 = "a\u009b31mb"                      # CSI as one C1 character
QUOTE = "'quoted"
LONG = "L" * 90 + "\x1b[5m"             # longer than report.txt's columns
ACCOUNT = "-2+3+cmd|' /C calc'!A0"
TEAM_ESC = "\x1b[31mred"
NAMES = [FORMULA, ESC, BAD_SHOWN, C1, QUOTE, LONG]
TRIGGERS = "=+-@\t\r"


def fail(msg):
    print(msg)
    sys.exit(1)


def is_number(s):
    return re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?", s) is not None


def gen():
    rows = [(FORMULA, ACCOUNT, "10.00", "Usage", '{"team":"@SUM(A1)"}'),
            (ESC, "111", "5.00", "Usage", json.dumps({"team": TEAM_ESC})),
            (BAD.decode("utf-8", "surrogateescape"), "111", "2.50", "Usage", ""),
            (C1, "111", "1.25", "Usage", ""),
            (QUOTE, "111", "1.00", "Usage", ""),
            (LONG, "111", "0.75", "Usage", ""),
            ("plain", "111", "-12.50", "Credit", "")]
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["ChargePeriodStart", "ProviderName", "BillingCurrency", "SubAccountId",
                "ServiceName", "ChargeCategory", "BilledCost", "EffectiveCost", "Tags"])
    for h in range(2):
        for s, a, c, cat, t in rows:
            w.writerow(["2026-10-01T%02d:00:00Z" % h, "Amazon Web Services", "USD", a, s,
                        cat, c, c, t])
    open("hostile.csv", "wb").write(out.getvalue().encode("utf-8", "surrogateescape"))
    m = b"timestamp,series,value\n"
    for name in (b"=cmd|calc", b"cpu\x1b[2J\xe9"):
        for i in range(3):
            m += b"2026-10-01T00:%02d:00Z,%s,%d\n" % (5 * i, name, i + 1)
    open("metrics.csv", "wb").write(m)


def read_utf8(path):
    try:
        return open(path, "rb").read().decode("utf-8")
    except UnicodeDecodeError as e:
        fail("%s: not UTF-8: %s" % (path, e))


def controls(s, allowed):
    return [c for c in s if (ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f) and c not in allowed]


def check_text(path, *want):
    s = read_utf8(path)
    bad = controls(s, "\n")
    if bad:
        fail("%s: control characters %r" % (path, sorted(set(bad))))
    for w in want:
        if w not in s:
            fail("%s: no %r" % (path, w))
    if "'" + FORMULA in s:
        fail("%s: the spreadsheet guard is in a text output" % path)


def check_widths(path, title):
    """The table under title: header and rows as wide as its rule."""
    lines = read_utf8(path).split("\n")
    if title not in lines:
        fail("%s: no table %r" % (path, title))
    i = lines.index(title) + 1
    rule = lines[i + 1]
    if set(rule) != {"-"}:
        fail("%s: %r has no rule under its header" % (path, title))
    j = i
    while j < len(lines) and lines[j]:
        if len(lines[j]) != len(rule):
            fail("%s:%d: %d columns, the rule has %d: %r" % (path, j + 1, len(lines[j]), len(rule), lines[j]))
        j += 1
    if j - i < 3:
        fail("%s: %r has no rows" % (path, title))


def check_utf8(path):
    if "\ufffd" not in read_utf8(path):
        fail("%s: no U+FFFD for the ill-formed name" % path)


def check_html(path):
    check_utf8(path)
    bad = controls(read_utf8(path), "\t\n\r")
    if bad:
        fail("%s: control characters %r" % (path, sorted(set(bad))))


def load_json(path):
    try:
        return json.loads(read_utf8(path))
    except ValueError as e:
        fail("%s: strict JSON parser: %s" % (path, e))


def check_json(path, key="", *want):
    doc = load_json(path)
    if not key:
        return
    got = set()
    rows = doc if isinstance(doc, list) else [r for t in doc.values() for r in t]
    for r in rows:
        if r.get(key) is not None:
            got.add(r[key])
    for w in want or NAMES:
        w = {"TEAM_ESC": TEAM_ESC, "ACCOUNT": ACCOUNT}.get(w, w)
        if w not in got:
            fail("%s: %s %r not among %r" % (path, key, w, sorted(got)))


def check_csv(path, *want):
    s = read_utf8(path)
    cells = [c for row in csv.reader(io.StringIO(s, newline="")) for c in row]
    for c in cells:
        if c[:1] and c[0] in TRIGGERS and not (is_number(c) or c == "-"):
            fail("%s: cell %r can be a formula" % (path, c))
    for w in want:
        w = {"FORMULA": "'" + FORMULA, "ACCOUNT": "'" + ACCOUNT}.get(w, w)
        if w not in cells:
            fail("%s: no cell %r" % (path, w))


cmd = sys.argv[1]
{"gen": gen, "utf8": check_utf8, "text": check_text, "widths": check_widths, "html": check_html,
 "json": check_json, "csv": check_csv}[cmd](*sys.argv[2:])
PY
check() { "$PYTHON" "$TMP/hostile.py" "$@"; }
check gen || hard_error "fixture generator failed"

# ---- ingest -> rollup -> cost ----
expect_exit 0 "ingest the hostile export" -- "$RS" ingest -o rollup.csv hostile.csv
expect_exit 0 "the rollup is UTF-8 with U+FFFD for the bad bytes" -- check utf8 rollup.csv
if grep -Fq "\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"click\"\")\"" rollup.csv &&
	grep -Fq ",''quoted," rollup.csv && grep -Fq ",'-2+3+cmd|' /C calc'!A0," rollup.csv; then
	pass "rollup: formula cells and the one starting with ' carry one more '"
else
	fail "rollup: no guard on =HYPERLINK, 'quoted or the account: $(head -3 rollup.csv)"
fi
expect_match rollup.csv ',-12\.50,-12\.50,1$' "rollup: a negative amount is written as a number"
for fmt in text json csv; do
	"$RS" cost --by service,account,tag:team --format $fmt hostile.csv >"raw.$fmt" 2>&1
	"$RS" cost --by service,account,tag:team --format $fmt rollup.csv >"back.$fmt" 2>&1
	expect_same "back.$fmt" "raw.$fmt" "cost --format $fmt: the rollup read back gives the export's names"
done
expect_exit 0 "cost json: a strict parser reads it and the names are the originals" -- \
	check json back.json service
expect_exit 0 "cost json: account and tag values are the originals" -- \
	check json back.json account ACCOUNT
expect_exit 0 "cost json: a tag value with ESC (\\u001b in the rollup) is ESC again" -- \
	check json back.json tag:team TEAM_ESC '@SUM(A1)'
expect_exit 0 "cost csv: a ' before formula cells, numbers as they are" -- \
	check csv back.csv FORMULA ACCOUNT "'@SUM(A1)" -25.00
expect_exit 0 "cost text: control characters shown, names otherwise unchanged" -- \
	check text back.text "$(printf '=HYPERLINK("http://evil.example/","click")')" \
	'web\x1b[2J\x1b]0;pwned\x07' 'a\x9b31mb' "'quoted" '\x1b[31mred' \
	"$(printf 'caf\357\277\275 \303\251 \357\277\275')"
expect_exit 0 "cost text: columns aligned after escaping" -- check widths back.text cost

# the README's example
expect_exit 0 "cost --by service --format csv" -- "$RS" cost --by service --format csv rollup.csv
expect_match "$TMP/out" '^period,service,billed,effective,share$' "README example: header"
expect_match "$TMP/out" "^2026-10,\"'=HYPERLINK\(\"\"http://evil.example/\"\",\"\"click\"\"\)\",20\.00,20\.00,125\.0\$" \
	"README example: the formula comes out as '=HYPERLINK(...)"
expect_match "$TMP/out" '^2026-10,plain,-25\.00,-25\.00,-156\.2$' "README example: -25.00 stays a number"

# ---- the report: txt, json, csv, html ----
expect_exit 0 "report on the hostile export" -- "$RS" report -m 2026-10 -o rep hostile.csv
expect_match "$TMP/err" '^rightsize: report written to rep/$' "report: says where it wrote"
expect_exit 0 "report.json: a strict parser reads it, names are the originals" -- \
	check json rep/report.json service
expect_exit 0 "report.csv: a ' before formula cells" -- check csv rep/report.csv FORMULA -25.00
expect_exit 0 "report.txt: control characters shown" -- \
	check text rep/report.txt 'web\x1b[2J\x1b]0;pwned\x07' 'a\x9b31mb'
expect_exit 0 "report.txt: columns aligned after escaping" -- check widths rep/report.txt "Cost by service"
wide=$("$PYTHON" -c '
import sys
print(max(len(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")))' rep/report.txt)
if [ "$wide" -le 100 ]; then pass "report.txt: at most 100 columns with a long escaped name ($wide)"; else fail "report.txt: $wide columns"; fi
expect_exit 0 "report.html: UTF-8, U+FFFD, no control characters" -- check html rep/report.html
expect_match rep/report.html 'web\\x1b\[2J\\x1b\]0;pwned\\x07' "report.html: ESC shown as \\x1b"

# ---- metrics: series names from a metrics file ----
for fmt in text json csv; do
	expect_exit 0 "metrics --format $fmt" -- "$RS" metrics --format $fmt metrics.csv
	cp "$TMP/out" "metrics.$fmt"
done
expect_exit 0 "metrics text: control characters shown" -- check text metrics.text 'cpu\x1b[2J'
expect_exit 0 "metrics text: columns aligned" -- check widths metrics.text series
expect_exit 0 "metrics json: a strict parser reads it" -- check json metrics.json
expect_exit 0 "metrics csv: a ' before the formula" -- check csv metrics.csv "'=cmd|calc"
printf 'timestamp,series,value\n2026-10-01T00:00:00Z,ok,1\n2026-10-01T00:00:00Z,bad\033[2J,NaN\n' >nan.csv
expect_exit 0 "metrics: a series with no usable value" -- "$RS" metrics nan.csv
expect_match "$TMP/err" '^rightsize: warning: nan\.csv: bad\\x1b\[2J: no usable values$' \
	"the warning names the series with \\x1b"
cp "$TMP/err" warn.txt
expect_exit 0 "the warning holds no control character" -- check text warn.txt

# ---- the simulator's trace CSV: names from the scenario ----
cat >sc.json <<'J'
{ "start": "2026-11-01", "days": 1,
  "load": { "base_rps": 20, "requests_per_order": 50 },
  "baseline": { "name": "=cmd,x\u001b[2J", "tiers": [
    { "name": "-web", "price_per_hour": "0.10", "capacity_rps": 10,
      "policy": { "type": "fixed", "instances": 3 } } ] } }
J
expect_exit 0 "simulate --trace with hostile names" -- "$RS" simulate --trace trace.csv sc.json
cp "$TMP/out" simulate.text
expect_match trace.csv "^\"'=cmd,x.\\[2J\",2026-11-01T00:00:00Z,'-web,20,3,0,3,66\\.67,0\$" \
	"trace: names quoted and guarded, nine fields"
expect_exit 0 "trace: no formula cells" -- check csv trace.csv
expect_exit 0 "simulate text: control characters shown" -- check text simulate.text '=cmd,x\x1b[2J'

# ---- error messages: file names and fields from input ----
escname=$(printf 'no\033[2Jsuch.csv')
expect_exit 1 "a missing file whose name holds ESC" -- "$RS" cost "$escname"
expect_match "$TMP/err" '^rightsize: no\\x1b\[2Jsuch\.csv: ' "the name is shown with \\x1b"
cp "$TMP/err" msg1.txt
expect_exit 0 "the message holds no control character" -- check text msg1.txt
bad=$(printf 'bad\033]0;t\007.csv')
printf 'ChargePeriodStart,BilledCost,EffectiveCost,ChargeCategory,ServiceName\n2026-10-01T00:00:00Z,1\033[31m\351,1,Usage,x\n' >"$bad"
expect_exit 1 "a field with ESC and a bad byte in a file whose name holds OSC" -- \
	"$RS" ingest -o out.csv "$bad"
expect_match "$TMP/err" '^rightsize: bad\\x1b\]0;t\\x07\.csv:2:22: BilledCost "1\\x1b\[31m.*" is not a number$' \
	"file:line:col and the field, escaped"
cp "$TMP/err" msg2.txt
expect_exit 0 "the message is UTF-8 with no control character" -- check text msg2.txt
expect_exit 2 "an unknown command holding ESC" -- "$RS" "$(printf '\033[2J')"
expect_match "$TMP/err" "^rightsize: '\\\\x1b\\[2J' is not a command" "the command is shown with \\x1b"
cp "$TMP/err" msg3.txt
expect_exit 0 "the message holds no control character" -- check text msg3.txt
expect_exit 2 "a usage error quoting an argument with ESC" -- "$RS" cost --top "$(printf '\033[2J')" rollup.csv
cp "$TMP/err" msg4.txt
expect_exit 0 "the usage error holds no control character" -- check text msg4.txt

# Ill-formed UTF-8 is cleaned where names are kept, not only where they
# are printed: two spellings that both print as U+FFFD are one service,
# and an export and its rollup give the same cells.
printf 'ChargePeriodStart,BilledCost,EffectiveCost,ChargeCategory,ServiceName\n2026-10-01T00:00:00Z,1,1,Usage,Web\377\n2026-10-01T00:00:00Z,2,2,Usage,Web\376\n' >ill.csv
expect_exit 0 "cost on an export with two ill-formed spellings" -- "$RS" cost --by service --format csv ill.csv
cp "$TMP/out" ill-direct.csv
expect_lines ill-direct.csv 3 "the two spellings are one service (header, one row, TOTAL)"
expect_match ill-direct.csv "^2026-10,Web$(printf '\357\277\275'),3\.00," "one service, U+FFFD, 3.00"
expect_exit 0 "ingest the export" -- "$RS" ingest -o ill.rollup ill.csv
expect_exit 0 "cost on its rollup" -- "$RS" cost --by service --format csv ill.rollup
expect_same "$TMP/out" ill-direct.csv "the rollup gives what the export gives"
expect_exit 0 "the rollup read back" -- "$RS" ingest -o ill2.rollup ill.rollup
expect_same ill2.rollup ill.rollup "the rollup written again is the same bytes"

finish
