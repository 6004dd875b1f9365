#!/bin/sh
# help.sh - every command answers --help and `rightsize help NAME`, the
# program answers --version, and usage errors exit 2.
. "$top_srcdir/tests/cli/lib.sh"

expect_exit 0 "--version" -- "$RS" --version
expect_match "$TMP/out" '^rightsize [0-9]+\.[0-9]+' "--version prints the version"
expect_exit 0 "help" -- "$RS" help
cp "$TMP/out" "$TMP/overview"
expect_exit 2 "no command" -- "$RS"
expect_exit 2 "unknown command" -- "$RS" frobnicate
expect_match "$TMP/err" "'frobnicate' is not a command" "unknown command is named"

cmds=$(sed -n 's/^  \([a-z]*\) .*/\1/p' "$TMP/overview")
[ -n "$cmds" ] || hard_error "help lists no commands"
for c in $cmds; do
	expect_exit 0 "$c --help" -- "$RS" "$c" --help
	expect_match "$TMP/out" "^usage: rightsize $c" "$c --help shows its usage"
	cp "$TMP/out" "$TMP/h1"
	expect_exit 0 "help $c" -- "$RS" help "$c"
	expect_same "$TMP/out" "$TMP/h1" "help $c equals $c --help"
	expect_exit 2 "$c with a bad option" -- "$RS" "$c" --no-such-option
	if [ -f "$top_builddir/man/rightsize-$c.1" ] || [ -f "$top_srcdir/man/rightsize-$c.1.in" ]; then
		pass "$c has a man page"
	else
		fail "$c has no man page man/rightsize-$c.1.in"
	fi
done
finish
