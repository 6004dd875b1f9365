#!/bin/sh
# layering.sh - the layers of README's "Architecture" are what the code
# does: every source lives in one of the folders its table lists, each
# #include "folder/file.h" names a folder that the including folder may
# use (the table's last column), curses is included only by
# src/tui/tui_curses.h and only the TUI includes that, and the engine
# folders never write to stdout.
#
# Known exceptions, each to be cut by a later change, are listed below
# with their reason; one that no longer occurs fails the test, so the
# list can only shrink.
. "$top_srcdir/tests/cli/lib.sh"

EXCEPTIONS='
src/model/recommend.h ingest/catalog.h
src/sim/scenario.c ingest/billing.h
src/sim/scenario.c ingest/catalog.h
src/sim/scenario.c ingest/metrics.h
src/sim/scenario.c model/loadfit.h
'
# recommend.h: catalog entries are read and described in one module.
# scenario.c: the scenario reader still opens the billing, metrics and
#   catalog files a scenario names and fits their load itself.

cd "$top_srcdir" || hard_error "no source tree"
# | `src/base/` | what | base, data |  ->  "base base data"
sed -n '/^## Architecture/,/^## /p' README.md |
	sed -n 's/^| `src\/\([a-z]*\)\/` | .* | \([a-z, ]*\) |$/\1 \2/p' | tr -d ',' >"$TMP/layers"
[ -s "$TMP/layers" ] || hard_error "README's Architecture section has no table of src/ folders"
folders=$(cut -d' ' -f1 "$TMP/layers")

# every source file is in a listed folder
stray=$(find src -name '*.[ch]' | sort | while read -r f; do
	d=$(echo "$f" | cut -d/ -f2)
	case "$f" in src/*/*/*) echo "$f"; continue ;; src/*/*) ;; *) echo "$f"; continue ;; esac
	grep -q "^$d " "$TMP/layers" || echo "$f"
done)
expect_eq "$stray" "" "every source file is in a folder of README's table"
for d in $folders; do
	[ -d "src/$d" ] && pass "src/$d exists" || fail "README lists src/$d/, which does not exist"
done

# every include names its folder, and the folder is allowed
: >"$TMP/seen"
for f in $(find src -name '*.[ch]' | sort); do
	d=$(echo "$f" | cut -d/ -f2)
	allowed=" $(sed -n "s/^$d //p" "$TMP/layers") "
	sed -n 's/^[ \t]*#[ \t]*include[ \t]*"\([^"]*\)".*/\1/p' "$f" | while read -r h; do
		[ "$h" = config.h ] && continue
		case "$h" in
		*/*) ;;
		*) echo "$f: #include \"$h\" does not name its folder"; continue ;;
		esac
		hd=${h%%/*}
		case "$allowed" in *" $hd "*) continue ;; esac
		if echo "$EXCEPTIONS" | grep -qx "$f $h"; then
			echo "$f $h" >>"$TMP/seen"
			continue
		fi
		echo "$f: #include \"$h\": src/$d may include only$allowed"
	done
done >"$TMP/bad"
if [ -s "$TMP/bad" ]; then fail "includes point down only: $(cat "$TMP/bad")"; else
	pass "every include names its folder and points down"; fi
echo "$EXCEPTIONS" | grep . | while read -r e; do
	grep -qx "$e" "$TMP/seen" || echo "$e"
done >"$TMP/stale"
if [ -s "$TMP/stale" ]; then fail "exceptions no longer needed, remove them: $(cat "$TMP/stale")"; else
	pass "every listed exception still occurs"; fi

# curses: only through the shim, and only in the TUI
bad=$(grep -l -E '#include *[<"](n?curses(w)?|ncursesw/curses)\.h' $(find src -name '*.[ch]') |
	grep -v '^src/tui/tui_curses\.h$' || true)
expect_eq "$bad" "" "only src/tui/tui_curses.h includes curses"
bad=$(grep -l '#include "tui/tui_curses\.h"' $(find src -name '*.[ch]') | grep -v '^src/tui/' || true)
expect_eq "$bad" "" "only src/tui/ includes the curses shim"

# the engine (the folders in librsengine.a) never writes to stdout
# (a path such as /dev/stdout is a file the user names, written by afile)
for d in base data ingest model sim out; do
	for f in src/$d/*.c; do
		[ -f "$f" ] || continue
		if grep -n -E '\b(printf|puts|putchar)\(|(^|[^/])\bstdout\b' "$f" >"$TMP/hits"; then
			fail "engine file $f writes to stdout: $(head -2 "$TMP/hits")"
		else
			pass "engine file $f does not write to stdout"
		fi
	done
done
finish
