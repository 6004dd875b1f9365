# tests/cli/lib.sh - shared helpers for the CLI tests (sourced).
#
# Environment from the automake harness: top_srcdir, top_builddir,
# RIGHTSIZE (the binary under test), PYTHON.
set -u
: "${top_srcdir:?run through make check}"
: "${top_builddir:?run through make check}"
RS=${RIGHTSIZE:-$top_builddir/src/rightsize}
fails=0
checks=0
name=$(basename "$0" .sh)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rs-$name.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

pass() { checks=$((checks + 1)); echo "PASS: $*"; }
fail() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }
skip() { echo "SKIP: $*"; exit 77; }
hard_error() { echo "ERROR: $*"; exit 99; }

# expect_exit WANT DESC -- CMD...: run CMD, capture stdout/stderr in
# $TMP/out and $TMP/err, check the exit status.
expect_exit() {
	want=$1; desc=$2; shift 3
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		pass "$desc (exit $got)"
	else
		fail "$desc: exit $got, want $want; stderr: $(head -c 400 "$TMP/err")"
	fi
}

# expect_match FILE REGEX DESC: FILE has a line matching REGEX (grep -E).
expect_match() {
	if grep -Eq -- "$2" "$1"; then
		pass "$3"
	else
		fail "$3: no line matches /$2/ in: $(head -c 400 "$1")"
	fi
}

expect_no_match() {
	if grep -Eq -- "$2" "$1"; then
		fail "$3: a line matches /$2/"
	else
		pass "$3"
	fi
}

# expect_lines FILE N DESC: FILE has exactly N lines.
expect_lines() {
	got=$(wc -l <"$1" | tr -d ' ')
	if [ "$got" -eq "$2" ]; then pass "$3"; else fail "$3: $got lines, want $2"; fi
}

# expect_same GOT WANT DESC: files identical (diff -u shown on failure).
expect_same() {
	if diff -u "$2" "$1" >"$TMP/diff"; then
		pass "$3"
	else
		fail "$3"; head -40 "$TMP/diff"
	fi
}

# expect_eq GOT WANT DESC
expect_eq() {
	if [ "$1" = "$2" ]; then pass "$3"; else fail "$3: got '$1', want '$2'"; fi
}

finish() {
	echo "$checks checks, $fails failed"
	[ "$fails" -eq 0 ] || exit 1
	exit 0
}
