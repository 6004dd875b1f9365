#!/bin/sh
# layering.sh - the engine never includes curses nor prints to stdout;
# only src/tui/ includes curses, through the shim header.
. "$top_srcdir/tests/cli/lib.sh"

cd "$top_srcdir/src" || hard_error "no src"
bad=$(grep -l -E '#include *[<"](n?curses(w)?|ncursesw/curses)\.h' */*.c */*.h 2>/dev/null |
	grep -v -E '^tui/' || true)
expect_eq "$bad" "" "no file outside tui/ includes curses"

# the engine's sources are those listed for librsengine.a
engine=$(awk '/src_librsengine_a_SOURCES/ {on=1} on {print} on && !/\\$/ {on=0}' \
	"$top_srcdir"/mk/*.am | grep -o 'src/[a-z]*/[a-z_0-9]*\.c' | sed 's|src/||' | sort -u)
[ -n "$engine" ] || hard_error "found no engine sources"
# (a path such as /dev/stdout is a file the user names, written by afile)
for f in $engine; do
	if grep -n -E '\b(printf|puts|putchar)\(|(^|[^/])\bstdout\b' "$f" >"$TMP/hits"; then
		fail "engine file $f writes to stdout: $(head -2 "$TMP/hits")"
	else
		pass "engine file $f does not write to stdout"
	fi
done
finish
