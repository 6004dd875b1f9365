#!/bin/sh
# manlint.sh - every man page renders without warnings.
. "$top_srcdir/tests/cli/lib.sh"

if command -v mandoc >/dev/null 2>&1; then
	lint() { mandoc -T lint -W warning "$1"; }
elif command -v groff >/dev/null 2>&1; then
	lint() { groff -man -ww -z "$1"; }
else
	skip "neither mandoc nor groff is installed"
fi
n=0
for p in "$top_builddir"/man/*.[1-9]; do
	[ -f "$p" ] || continue
	n=$((n + 1))
	if lint "$p" >"$TMP/lint" 2>&1 && [ ! -s "$TMP/lint" ]; then
		pass "$(basename "$p") lints clean"
	else
		fail "$(basename "$p"): $(head -5 "$TMP/lint")"
	fi
done
[ "$n" -gt 0 ] || hard_error "no man pages built"
finish
