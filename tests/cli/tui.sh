#!/bin/sh
# tui.sh - drive `rightsize tui` inside tmux and check what a person sees:
# each view's title and key figures (exact values planted by
# tests/gen_tui_fixture.py, and the same as `rightsize cost` prints),
# navigation, help, resize to 80x24, ASCII and monochrome terminals, and
# that quitting (q, Ctrl-C) gives the terminal back.
. "$top_srcdir/tests/cli/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"
[ -n "${PYTHON:-}" ] || skip "python3 is needed for the fixture"

"$PYTHON" "$top_srcdir/tests/gen_tui_fixture.py" "$TMP/fx" >"$TMP/truth.sh" ||
	hard_error "fixture generator failed"
. "$TMP/truth.sh"
FX=$TMP/fx/rollup.csv
CPU=$TMP/fx/cpu.csv
ORD=$TMP/fx/orders.csv
SCN=$TMP/fx/scenario.json
RIGHTSIZE_CATALOG=${RIGHTSIZE_CATALOG:-$top_srcdir/data/instances}
export RIGHTSIZE_CATALOG

# A private tmux server, so the test never touches anyone's sessions.
TM="tmux -u -L rs-tui-$$ -f /dev/null"
trap '$TM kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
# Slow builds (sanitizers, valgrind) get more time to draw.
WAIT=${RS_TUI_WAIT:-10}

# start NAME ENV... -- ARGS...: run the TUI in a 100x30 window; the shell
# prints rs-exit=STATUS when it leaves.
start() {
	s=$1; shift
	envs=""
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	$TM new-session -d -s "$s" -x 100 -y 30 \
		"cd '$TMP' && env $envs TERM=screen RIGHTSIZE_SAMPLE=$TMP/nosample $RS tui $*; echo rs-exit=\$?; sleep 600" ||
		hard_error "tmux cannot start a session"
}

screen() { $TM capture-pane -p -t "$1" >"$TMP/screen"; }

# wait_for NAME REGEX: poll the screen until a line matches (or time out).
wait_for() {
	i=0
	while [ $i -lt $((WAIT * 10)) ]; do
		screen "$1"
		grep -Eq -- "$2" "$TMP/screen" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# see NAME REGEX DESC: the screen shows a line matching REGEX.
see() {
	if wait_for "$1" "$2"; then
		pass "$3"
	else
		fail "$3: no line matches /$2/ on screen:"; cat "$TMP/screen"
	fi
}

keys() { s=$1; shift; $TM send-keys -t "$s" "$@"; }

# coloured NAME: the screen of session NAME uses a colour (SGR 30-37 or
# 40-47; capture-pane -e keeps the escape sequences).
coloured() {
	$TM capture-pane -e -p -t "$1" >"$TMP/esc"
	grep -Eq "$(printf '\033')\\[([0-9;]*;)?(3[0-7]|4[0-7])[;m]" "$TMP/esc"
}

# --- the figures the CLI prints, for comparison --------------------------
"$RS" cost "$FX" >"$TMP/cli" 2>&1 || hard_error "rightsize cost failed"
cli_total=$(awk '$1 == "TOTAL" { print $2 " " $3 }' "$TMP/cli")
expect_eq "$cli_total" "$billed_total $effective_total" "cost prints the planted totals"

"$RS" recommend --billing "$FX" --format csv "$CPU" >"$TMP/rec.csv" 2>&1 ||
	hard_error "rightsize recommend failed: $(head -3 "$TMP/rec.csv")"
# first option per resource: resource finding cpu_p monthly candidate savings
rec_row() {
	awk -F, -v r="$1" '$1 == r && ($11 == "1" || $11 == "") {
		print $3 " " $6 " " $10 " " $12 " " $19; exit }' "$TMP/rec.csv"
}
set -- $(rec_row i-0bbbb0000000batch)
batch_finding=$1 batch_cpu=$2 batch_monthly=$3 batch_cand=$4 batch_sav=$5
set -- $(rec_row i-0aaaa00000000web1)
web1_finding=$1
expect_eq "$batch_finding" "over-provisioned" "recommend: the 2-8 % batch worker is over-provisioned"
expect_eq "$web1_finding" "under-provisioned" "recommend: the 88-97 % web server is under-provisioned"

"$RS" unitcost -g month --orders "$ORD" --format csv "$FX" >"$TMP/uc.csv" 2>&1 ||
	hard_error "rightsize unitcost failed: $(head -3 "$TMP/uc.csv")"
uc_row() { awk -F, -v p="$1" '$1 == p { print $3 " +" $7; exit }' "$TMP/uc.csv"; }
"$RS" fit "$ORD" >"$TMP/fit.txt" 2>&1 || hard_error "rightsize fit failed"
fit_growth=$(sed -n 's/^orders  *growth per month  *\([-+][0-9.]*%\).*/\1/p' "$TMP/fit.txt")
fit_r2=$(sed -n 's/^orders  *R^2  *\([0-9.]*\) .*/\1/p' "$TMP/fit.txt")
[ -n "$fit_growth" ] && [ -n "$fit_r2" ] || hard_error "cannot read fit's output: $(head -5 "$TMP/fit.txt")"

# whatif's figures: configuration monthly_cost change cost_per_order slo peak
wi_row() {
	awk -F, -v c="$2" '$1 == c { print $2 " " $4 " " $5 " " $6; exit }' "$1"
}
"$RS" whatif --format csv "$SCN" >"$TMP/wi.csv" 2>&1 || hard_error "whatif failed: $(head -3 "$TMP/wi.csv")"
"$RS" whatif --set policy.target=65 --format csv "$SCN" >"$TMP/wi65.csv" 2>&1 ||
	hard_error "whatif --set failed"
"$RS" whatif --set load.growth=2 --format csv "$SCN" >"$TMP/wig2.csv" 2>&1 ||
	hard_error "whatif --set load.growth failed"
set -- $(wi_row "$TMP/wi.csv" fixed)
fixed_monthly=$1 fixed_po=$2 fixed_slo=$3 fixed_peak=$4
set -- $(wi_row "$TMP/wi.csv" autoscaled)
auto_monthly=$1 auto_po=$2 auto_slo=$3 auto_peak=$4
set -- $(wi_row "$TMP/wi65.csv" autoscaled)
auto65_monthly=$1 auto65_po=$2

# --- Overview --------------------------------------------------------------
start a LC_ALL=C.UTF-8 -- -m "$CPU" -o "$ORD" -s "$SCN" "$FX"
see a '1 Overview +2 Costs +3 Load +4 Right-size +5 Policies +6 What-if' "tab line shows the six views"
see a "Overview $(printf '\342\224\200') $TMP/fx/rollup.csv" "overview title names the input, with a Unicode rule in UTF-8"
see a "^ +TOTAL +$billed_total +$effective_total( |$)" "overview: billed and effective totals as cost prints them"
see a "^ +2026-09 +$billed_2026_09 +$effective_2026_09 +$(uc_row 2026-09) " "overview: September, orders and cost per order as unitcost prints them"
see a "^ +2026-10 +$billed_2026_10 +$effective_2026_10 +$(uc_row 2026-10) " "overview: October, orders and cost per order"
see a "^ +TOTAL +$billed_total +$effective_total +$(uc_row TOTAL)" "overview: total orders and cost per order"
see a "marginal cost of one more order $(awk -F, '$1 == "hourly cost" { print $3; exit }' "$TMP/uc.csv") " "overview: marginal cost per order"
see a "data quality: 1 file, $rows rows read, $rows used, 0 skipped" "overview: data quality from the reading account"
see a 'rollup +366 read' "overview: the file's own account"
see a 'cpu.csv +csv-series +12096 pts +12096 used' "overview: the metrics file's account"
see a 'orders.csv +.* 1464 rows +1464 used' "overview: the orders file's account"
see a '1-6.*views.*\?.*help.*q.*quit' "keys shown on the bottom line"
$TM display -p -t a '#{alternate_on}' >"$TMP/alt"
expect_eq "$(cat "$TMP/alt")" "1" "the TUI uses the alternate screen"
if coloured a; then pass "colour on a colour terminal"; else fail "colour on a colour terminal"; fi

# --- Costs -------------------------------------------------------------------
keys a 2
see a 'Costs .* by service +month: all +sort: effective' "2 opens Costs grouped by service"
see a "^ +$top_service +[0-9.]+ +$top_service_effective +[0-9.]+" "costs: top service with its effective cost"
see a "^ +TOTAL +$billed_total +$effective_total" "costs: total of the selection"
keys a Enter
see a "all costs .* service=$top_service" "Enter drills into the selected service"
see a 'by resource' "the drill-down groups by resource"
see a "^ +$top_resource +[0-9.]+ +$top_resource_effective " "costs: the service's top resource"
keys a Escape
see a 'by service' "Esc goes back"
if grep -q 'service=' "$TMP/screen"; then fail "Esc leaves no filter"; else pass "Esc leaves no filter"; fi
keys a ']'
see a 'month: 2026-09' "] selects the first month"
see a "^ +TOTAL +$billed_2026_09 +$effective_2026_09" "costs: September's total"
keys a ']' ']'
see a 'month: all' "] cycles back to all months"
keys a t
see a 'by tag:user:env' "t groups by the first tag key"
keys a t
see a 'by tag:user:team' "t moves to the next tag key"
see a "^ +web +[0-9.]+ +$web_effective " "costs: effective cost of tag user:team=web"
keys a s
see a 'sort: billed' "s sorts by billed cost"
keys a g
see a 'by service' "g cycles the grouping back to service"
keys a / C l o u d Enter
see a 'filter: "Cloud"' "/ sets a text filter"
see a '^ +AmazonCloudWatch ' "the filter keeps the matching row"
if grep -q 'AmazonRDS' "$TMP/screen"; then fail "the filter hides other rows"; else pass "the filter hides other rows"; fi
keys a c

# --- Right-size --------------------------------------------------------------
keys a 4
see a '^ Right-size .* 3 resources' "4 opens Right-size"
see a 'idle 0 +over 1 +under 1 +optimized 1' "right-size: findings as recommend counts them"
see a "^ +i-0bbbb0000000batch +c5.4xlarge +over-provisioned +$batch_cpu +$batch_monthly +$batch_cand +$batch_sav\$" \
	"right-size: the batch worker's row as recommend prints it"
see a '^ +i-0aaaa00000000web1 +m5.xlarge +under-provisioned ' "right-size: web1 under-provisioned"
keys a Enter
see a 'i-0bbbb0000000batch \(c5.4xlarge\): over-provisioned' "Enter shows the reasoning"
see a "P99.5 of 300-s maxima $batch_cpu %" "the reasoning names the percentile"
see a "^ +1 $batch_cand " "the reasoning lists the candidates"
keys a Escape
see a 'idle 0 +over 1' "Esc closes the reasoning"
keys a f f f
see a 'only over-provisioned' "f shows one finding"
see a '^ +i-0bbbb0000000batch ' "the filtered finding's resource is shown"
if grep -q 'i-0aaaa00000000web1' "$TMP/screen"; then fail "f hides the other findings"; else pass "f hides the other findings"; fi
keys a f f f f
see a 'Right-size .* 3 resources$' "f cycles back to all findings"

# --- Load ----------------------------------------------------------------------
keys a 3
see a '^ Load .* orders .*\(1 of 4\) +2026-09-01 to 2026-11-29' "3 opens Load on the orders: data and four weeks of forecast"
see a '^ +0 .*'"$(printf '\342\226\210')" "load: bars drawn from zero"
see a "growth per month $fit_growth" "load: growth per month as fit prints it"
see a 'peak hour 14:00 UTC, peak day Sunday' "load: the planted peak hour and day"
see a "R\^2 $fit_r2 " "load: R^2 as fit prints it"
see a "model .* 80% interval" "load: legend names the model and its band"
keys a +
see a '\(1 of 4\) +2026-11-01 to 2026-11-29' "+ zooms to the last four weeks (the forecast)"
screen a
if grep -q "$(printf '\342\226\221')" "$TMP/screen"; then pass "the forecast band is drawn"; else fail "the forecast band is drawn"; fi
keys a Left
see a '\(1 of 4\) +2026-10-25 to 2026-11-22' "Left scrolls back a quarter window"
keys a Home
see a '\(1 of 4\) +2026-09-01 to 2026-09-29' "Home goes to the start"
keys a End
see a '\(1 of 4\) +2026-11-01 to 2026-11-29' "End goes to the end of the forecast"
keys a n
see a '^ Load .* i-0bbbb0000000batch .*\(2 of 4\)' "n moves to the next series"
keys a p -

# --- Policies ------------------------------------------------------------------
keys a 5
see a '^ Policies .* tui fixture' "5 opens Policies on the scenario"
see a '^ +fixed +autoscaled' "the configurations side by side"
see a "^ +monthly cost +$fixed_monthly +$auto_monthly\$" "policies: monthly cost as whatif prints it"
see a "^ +cost per order +$fixed_po +$auto_po\$" "policies: cost per order"
see a "^ +SLO minutes missed +$fixed_slo +$auto_slo\$" "policies: SLO minutes"
see a "^ +peak fleet +$fixed_peak +$auto_peak\$" "policies: peak fleet"
see a '^ +payback months +1\.5$' "policies: payback of the one-time cost"

# --- What-if ------------------------------------------------------------------
keys a 6
see a '^ What-if .* autoscaled' "6 opens What-if on the candidate"
see a '^ +target util % +60 ' "the target knob shows the file's 60 %"
see a "cost per order +$auto_po +$fixed_po" "what-if: cost per order, edited and baseline"
keys a Down Right
see a '^ +target util % +65\*' "Right raises the target to 65 % (marked as changed)"
see a "monthly cost +$auto65_monthly " "what-if: monthly cost as whatif --set policy.target=65 prints it"
see a "cost per order +$auto65_po " "what-if: cost per order re-simulated at once"
screen a
awk -v a="$auto_po" -v b="$auto65_po" 'BEGIN { exit !(b + 0 < a + 0) }'
expect_eq "$?" "0" "a higher target lowers the cost per order ($auto_po -> $auto65_po)"
see a 'recomputed in [0-9.]+ ms' "the recompute time is shown"
keys a w Enter
see a 'saved: rightsize whatif scenario-edited.json' "w saves the edited scenario"
"$RS" whatif --format csv "$TMP/scenario-edited.json" >"$TMP/wi-saved.csv" 2>&1
set -- $(wi_row "$TMP/wi-saved.csv" autoscaled)
expect_eq "$2" "$auto65_po" "whatif on the saved file gives the screen's cost per order"
keys a Down Down Down Down Down Down Right
see a '^ +spot share % +10\*' "the spot share knob moves"
keys a r
see a '^ +target util % +60 ' "r puts the knobs back"
see a "cost per order +$auto_po " "and the figures with them"
keys a Up Up Up Up Up Up Up Right
see a '^ +instance type +large\*' "the instance type cycles through the scenario's list"
keys a r
keys a Down Down Down Down Down Enter BSpace BSpace BSpace BSpace 2 Enter
see a '^ +growth +2.00x\*' "Enter types a value: growth 2"
set -- $(wi_row "$TMP/wig2.csv" autoscaled)
see a "cost per order +$2 " "what-if: cost per order as whatif --set load.growth=2 prints it"
keys a r

# --- the other views, help, Tab ------------------------------------------
keys a 3
see a '^ Load ' "3 opens Load"
keys a Tab
see a '^ Right-size ' "Tab moves to Right-size"
keys a Tab
see a '^ Policies ' "Tab moves to Policies"
keys a Tab
see a '^ What-if ' "Tab moves to What-if"
keys a Tab
see a '^ Overview ' "Tab wraps to Overview"
keys a BTab
see a '^ What-if ' "Shift-Tab goes back"
keys a '?'
see a 'Keys everywhere' "? shows help"
see a 'Keys in What-if' "help names the current view"
keys a x
keys a 1

# --- resize --------------------------------------------------------------
$TM resize-window -t a -x 80 -y 24
see a "^ +TOTAL +$billed_total +$effective_total( |$)" "80x24: overview still shows the totals"
see a 'data quality: 1 file' "80x24: data quality still shown"
see a '^\? help q quit .* scroll months' "80x24: help, quit and the view's keys on the bottom line"
screen a
expect_eq "$(wc -l <"$TMP/screen" | tr -d ' ')" "24" "80x24: the screen is 24 lines"
keys a 2
see a "^ +TOTAL +$billed_total +$effective_total" "80x24: costs total"
$TM resize-window -t a -x 60 -y 20
see a 'too small' "60x20: says the terminal is too small"
$TM resize-window -t a -x 100 -y 30
see a 'Costs .* by service' "back to 100x30: costs again"

# --- quit ------------------------------------------------------------------
keys a q
see a '^rs-exit=0$' "q quits with status 0"
$TM display -p -t a '#{alternate_on}' >"$TMP/alt"
expect_eq "$(cat "$TMP/alt")" "0" "after q the alternate screen is left"

# --- Ctrl-C, plain ASCII, no colour ---------------------------------------
start b LC_ALL=C NO_COLOR=1 -- "$FX"
see b 'Overview - ' "C locale: ASCII rule in the title"
see b '^ +2026-10 +[0-9.]+ +[0-9.]+ +#+' "C locale: bars drawn with #"
if grep -q "$(printf '\342\224\200')" "$TMP/screen"; then
	fail "C locale: no Unicode line drawing"
else
	pass "C locale: no Unicode line drawing"
fi
if coloured b; then fail "NO_COLOR: no colour"; else pass "NO_COLOR: no colour"; fi
grep -q "$(printf '\033')\\[7m" "$TMP/esc" || grep -q "$(printf '\033')\\[[0-9;]*7m" "$TMP/esc"
expect_eq "$?" "0" "NO_COLOR: the current tab still stands out (reverse video)"
keys b 3
see b 'no load series: open with --metrics FILE' "Load without metrics or orders says which option gives it"
keys b 4
see b 'no metrics given: open with --metrics FILE' "Right-size without metrics says so"
keys b 5
see b 'no scenario given: open with --scenario FILE' "Policies without a scenario says so"
keys b 6
see b 'no scenario given: open with --scenario FILE' "What-if without a scenario says so"
keys b 1
see b '^ Overview ' "back to Overview"
keys b C-c
see b '^rs-exit=130$' "Ctrl-C leaves with status 130"
$TM display -p -t b '#{alternate_on}' >"$TMP/alt"
expect_eq "$(cat "$TMP/alt")" "0" "after Ctrl-C the alternate screen is left"

# --- --ascii and --no-color in a UTF-8 colour terminal ----------------------
start f LC_ALL=C.UTF-8 -- --ascii --no-color --view 2 "$FX"
see f 'Costs - by service' "--ascii: ASCII rule in a UTF-8 locale, --view 2 opens Costs"
if grep -q "$(printf '\342')" "$TMP/screen"; then
	fail "--ascii: no Unicode on the screen"
else
	pass "--ascii: no Unicode on the screen"
fi
if coloured f; then fail "--no-color: no colour"; else pass "--no-color: no colour"; fi
keys f q
see f '^rs-exit=0$' "--ascii session quits"

# --- names from the export cannot drive the terminal --------------------
# A C1 control (U+009B, CSI) is drawn as a blank and an ill-formed byte as
# U+FFFD, so neither reaches the terminal.
"$PYTHON" - "$FX" "$TMP/evil.csv" <<'EOF' || hard_error "cannot write evil.csv"
import sys
s = open(sys.argv[1], "rb").read().replace(b",AmazonEC2,", b",Evil\xc2\x9b2JCo\xffX,")
open(sys.argv[2], "wb").write(s)
EOF
start h LC_ALL=C.UTF-8 -- --view 2 "$TMP/evil.csv"
see h "^  Evil 2JCo$(printf '\357\277\275')X " "a C1 control is a blank, an ill-formed byte U+FFFD"
keys h q

# --- start-up errors are one line before the screen is touched ------------
start c LC_ALL=C.UTF-8 -- "$TMP/no-such-file.csv"
see c 'rightsize: .*no-such-file.csv' "a missing file is reported as one line"
see c '^rs-exit=1$' "a missing file exits 1"
$TM new-session -d -s g -x 100 -y 30 \
	"env TERM=no-such-terminal $RS tui '$FX'; echo rs-exit=\$?; sleep 600"
see g "cannot drive terminal type 'no-such-terminal'" "an unknown terminal type is one line"
see g '^rs-exit=1$' "an unknown terminal type exits 1"
start d LC_ALL=C.UTF-8 --
see d 'no input files given and no sample data' "no files and no sample: says so"
see d '^rs-exit=1$' "no files and no sample exits 1"
# --- no files: the bundled sample data and its scenario pack ---------------
SAMPLE=$top_srcdir/data/sample
if [ -d "$SAMPLE/billing" ] && [ -f "$top_srcdir/data/scenarios/sample-verdant.json" ]; then
	"$RS" cost "$SAMPLE"/billing/*.csv.gz >"$TMP/sample-cost" 2>&1 || hard_error "cost on the sample failed"
	sample_total=$(awk '$1 == "TOTAL" { print $2 " +" $3 }' "$TMP/sample-cost")
	$TM new-session -d -s e -x 100 -y 30 \
		"cd '$TMP' && env LC_ALL=C.UTF-8 TERM=screen RIGHTSIZE_SAMPLE='$SAMPLE' $RS tui; echo rs-exit=\$?; sleep 600"
	WAIT=$((WAIT * 4))
	see e "Overview .* sample data in " "no files: the sample data opens"
	see e "^ +TOTAL +$sample_total " "sample: the totals of cost on its bills"
	see e 'data quality: 3 files' "sample: its three bills accounted"
	keys e 4
	see e '^ +i-04dcf5fb5925fe624 +c5.4xlarge +over-provisioned ' "sample: the planted over-provisioned batch worker"
	see e '^ +i-094054aea8b98da3a +t3.large +idle ' "sample: the planted idle dev box"
	see e '^ +i-0b5fb8ec622d8d64b +m5.large +under-provisioned ' "sample: the planted under-provisioned search node"
	keys e 5
	see e '^ Policies .* Verdant Supply Co., the bundled sample data' "sample: its scenario pack on Policies"
	WAIT=$((WAIT / 4))
	keys e q
	see e '^rs-exit=0$' "sample: q quits"
else
	fail "no data/sample or sample scenario in this tree"
fi

expect_exit 1 "not a terminal" -- sh -c "'$RS' tui '$FX' </dev/null >/dev/null"
expect_exit 2 "bad --view" -- "$RS" tui --view 9 "$FX"

finish
