#!/bin/sh
# autogen.sh - set up, build and run rightsize from a fresh checkout.
#
#   ./autogen.sh demo    install missing Debian packages (as root), build,
#                        and run the monthly job on the sample data in data/
#   ./autogen.sh check   the same, plus what only the tests use (Chromium,
#                        Node.js and npm), then the whole test suite twice:
#                        -Werror build, then ASan+UBSan build
#   ./autogen.sh deps    only install (or, not root, print) missing packages
#
# Builds happen out of tree in build/ (and build-san/ for the sanitizers).
set -eu
cd "$(dirname "$0")"
top=$(pwd)
mode=${1:-demo}

PKGS="build-essential autoconf automake pkg-config libcsv-dev libcjson-dev \
libgsl-dev libncurses-dev zlib1g-dev libisal-dev python3 mandoc tmux valgrind bzip2 time"
# What only the tests use: Chromium renders report.html; Node.js and npm
# install DuckDB (npm @duckdb/node-api), the independent engine the rollup
# and the SQL are checked against.
CHECK_PKGS="chromium"

deps() { # deps PACKAGE...
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			missing="$missing $p"
	done
	# Node.js may come from elsewhere (NodeSource ships npm inside nodejs,
	# and Debian's npm conflicts with it): ask for the commands.
	if [ "${want_node:-no}" = yes ]; then
		command -v node >/dev/null 2>&1 || missing="$missing nodejs"
		command -v npm >/dev/null 2>&1 || missing="$missing npm"
	fi
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -eq 0 ]; then
		echo "autogen.sh: installing$missing"
		DEBIAN_FRONTEND=noninteractive apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
	else
		echo "autogen.sh: missing Debian packages; run as root or:" >&2
		echo "  sudo apt-get install -y$missing" >&2
		exit 1
	fi
}

build() { # build DIR [configure options]
	dir=$1; shift
	[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] ||
		autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
	mkdir -p "$dir"
	(cd "$dir" && { [ -f Makefile ] && [ Makefile -nt "$top/configure" ] ||
		"$top/configure" -q "$@"; } && make -s -j2)
}

case $mode in
deps)
	want_node=yes deps $PKGS $CHECK_PKGS
	;;
demo)
	deps $PKGS
	build build --enable-werror
	sh "$top/data/sample/run-demo.sh" "$top/build/src/rightsize" "$top"
	;;
check)
	want_node=yes deps $PKGS $CHECK_PKGS
	rc=0
	mkdir -p build && : >build/.check-start
	build build --enable-werror
	(cd build && make -s -j2 check) || rc=1
	build build-san --enable-werror --enable-sanitizers
	(cd build-san && make -s -j2 check) || rc=1
	pass=0; fail=0; skip=0
	for log in build/test-suite.log build-san/test-suite.log; do
		[ -f "$log" ] || { fail=$((fail + 1)); continue; }
		p=$(sed -n 's/^# PASS: *//p' "$log"); f=$(sed -n 's/^# FAIL: *//p' "$log")
		e=$(sed -n 's/^# ERROR: *//p' "$log"); x=$(sed -n 's/^# XPASS: *//p' "$log")
		s=$(sed -n 's/^# SKIP: *//p' "$log")
		pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0} + ${e:-0} + ${x:-0}))
		skip=$((skip + ${s:-0}))
	done
	for log in build/test-suite.log build-san/test-suite.log; do
		[ -f "$log" ] && grep -E '^(FAIL|ERROR)' "$log" | head -20
	done
	# each skip of this run with its reason: the last "SKIP:" line of the
	# test's log (results older than this run are not counted)
	for trs in $(find build build-san -name '*.trs' -newer build/.check-start 2>/dev/null | sort); do
		grep -q '^:test-result: SKIP' "$trs" || continue
		why=$(grep '^SKIP: ' "${trs%.trs}.log" 2>/dev/null | tail -1 | sed 's/^SKIP: //')
		echo "skipped: ${trs%.trs} (${why:-no reason given})"
	done
	[ "$fail" -eq 0 ] || rc=1
	echo "$pass passed, $fail failed, $skip skipped"
	exit $rc
	;;
*)
	echo "usage: ./autogen.sh [demo|check|deps]" >&2
	exit 2
	;;
esac
