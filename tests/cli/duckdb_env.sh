# tests/cli/duckdb_env.sh - sourced after lib.sh by tests (and the bench)
# that use DuckDB: installs the npm package @duckdb/node-api into
# $top_builddir/tests/node once (npm's cache makes later installs quick)
# and sets RS_NODE_MODULES; skips (exit 77, saying why) when node or npm
# is missing or the package cannot be installed.
command -v node >/dev/null 2>&1 || skip "node is not installed (Debian package nodejs): DuckDB checks need it"
RS_NODE_MODULES=$top_builddir/tests/node
export RS_NODE_MODULES
if [ ! -f "$RS_NODE_MODULES/node_modules/@duckdb/node-api/package.json" ]; then
	command -v npm >/dev/null 2>&1 || skip "npm is not installed (Debian package npm): cannot install @duckdb/node-api"
	mkdir -p "$RS_NODE_MODULES"
	if ! timeout 300 npm install --prefix "$RS_NODE_MODULES" --no-audit --no-fund \
		--loglevel=error @duckdb/node-api >"$TMP/npm.log" 2>&1; then
		skip "cannot install the npm package @duckdb/node-api: $(grep -v '^npm warn' "$TMP/npm.log" | head -c 300)"
	fi
fi
node -e "require(process.argv[1])" "$RS_NODE_MODULES/node_modules/@duckdb/node-api" 2>"$TMP/node.err" ||
	skip "@duckdb/node-api does not load on this machine: $(head -c 300 "$TMP/node.err")"
