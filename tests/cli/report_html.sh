#!/bin/sh
# report_html.sh - report.html in a real browser: headless Chromium renders
# it to a PNG and dumps its DOM; the page loads with no errors or network
# requests and holds its charts. Skipped when Chromium is not installed.
. "$top_srcdir/tests/cli/lib.sh"

chromium=""
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then chromium=$c; break; fi
done
[ -n "$chromium" ] || skip "Chromium is not installed (Debian package chromium)"

"$PYTHON" "$top_srcdir/tests/gen_report.py" --out "$TMP/in" || hard_error "generator failed"
cd "$TMP/in" || hard_error "no input folder"
expect_exit 0 "report" -- "$RS" report -m 2026-10 -o "$TMP/r" --orders orders.csv \
	--metrics cpu.csv --catalog prices.cat cur-2025-10.csv cur-2026-09.csv cur-2026-10.csv
html="$TMP/r/report.html"

# self-contained: no scripts, nothing fetched
expect_no_match "$html" '<script|<link|<img|<iframe|src=|url\(|@import|https?:' \
	"no scripts and no external resources"

# flags as documented for this machine: no sandbox (root), no background
# network (the machine's network is closed), a fresh profile
browse() {
	timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$TMP/profile" --enable-logging=stderr --v=0 \
		"$@" "file://$html"
}
browse --screenshot="$TMP/report.png" --window-size=1100,4000 >"$TMP/shot.out" 2>"$TMP/shot.err"
size=$(wc -c <"$TMP/report.png" 2>/dev/null || echo 0)
if [ "$size" -gt 20000 ] && head -c 8 "$TMP/report.png" | od -An -c | grep -q 'P   N   G'; then
	pass "rendered to a PNG ($size bytes)"
else
	fail "no screenshot: $(tail -3 "$TMP/shot.err")"
fi
browse --dump-dom >"$TMP/dom.html" 2>"$TMP/dom.err"
expect_match "$TMP/dom.html" '<h1>rightsize monthly report 2026-10' "the page loaded"
n=$(grep -o '<svg class="chart"' "$TMP/dom.html" | wc -l)
expect_eq "$n" 6 "six charts in the DOM (daily cost, orders, services, pricing, movers, forecast)"
expect_eq "$(grep -c '<polyline class="line"' "$TMP/dom.html")" 5 \
	"lines: this month, last month, orders, orders and model with the forecast"
expect_eq "$(grep -c '<path class="band"' "$TMP/dom.html")" 1 "the forecast's 95% band"
expect_match "$TMP/dom.html" '<rect class="bar"' "bar charts have bars"
total=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["months"]["2026-10"]["effective"])' truth.json)
total=$(printf '%.2f' "$total")
expect_match "$TMP/dom.html" "<td class=\"num\">$total</td>" "the planted total $total is on the page"
expect_no_match "$TMP/shot.err" 'Uncaught|Failed to load|ERR_|CONSOLE' \
	"no console errors or failed loads"
finish
