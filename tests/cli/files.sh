#!/bin/sh
# files.sh - how rightsize writes files: `ingest -o` and `simulate --trace`
# onto a link (written through, the link stays), a dangling link, a
# character device, a FIFO, standard output and a descriptor; `report -o`
# onto a link to a report folder and a dangling one; our temporaries
# (.NAME.rightsize-tmp.HOST.PID.XXXXXX) left by a killed run are removed
# by the next write into the folder, those of a live run and everything
# not ours stay.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 not found (Debian package python3): fixtures need it"
command -v timeout >/dev/null 2>&1 || skip "timeout (coreutils) not found: the FIFO checks need it"
"$PYTHON" "$top_srcdir/tests/gen_billing.py" "$TMP/fx" >/dev/null || hard_error "gen_billing.py failed"
"$PYTHON" "$top_srcdir/tests/gen_report.py" --out "$TMP/rin" >/dev/null || hard_error "gen_report.py failed"
BILL=$TMP/fx/cur-legacy.csv
CUR=$TMP/rin/cur-2026-10.csv
# one instance for a day: a trace of 1440 steps
printf '{"start": "2026-11-01", "days": 1, "load": {"base_rps": 5, "requests_per_order": 10},
 "baseline": {"name": "one", "tiers": [{"name": "web", "price_per_hour": "0.05",
 "capacity_rps": 10, "policy": {"type": "fixed", "instances": 1}}]}}\n' >"$TMP/day.json"

# what a plain write gives, to compare against
mkdir "$TMP/want"
"$RS" ingest -o "$TMP/want/rollup.csv" "$BILL" >/dev/null 2>&1 || hard_error "plain ingest failed"
"$RS" simulate --trace "$TMP/want/trace.csv" "$TMP/day.json" >/dev/null 2>&1 ||
	hard_error "plain simulate failed"

# nothing but the names given in FOLDER (no temporary left)
only() { # FOLDER DESC NAME...
	dir=$1; desc=$2; shift 2
	got=$(ls -A "$dir" | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
	expect_eq "$got" "$want" "$desc"
}

# ---- a link to a regular file: written through, the link stays ----
mkdir "$TMP/real" "$TMP/links"
echo "old rollup" >"$TMP/real/rollup.csv"
ln -s ../real/rollup.csv "$TMP/links/rollup.csv"
expect_exit 0 "ingest -o a link to a file" -- "$RS" ingest -o "$TMP/links/rollup.csv" "$BILL"
if [ -L "$TMP/links/rollup.csv" ]; then pass "the link is still a link"; else
	fail "the link was replaced by a file"; fi
expect_eq "$(readlink "$TMP/links/rollup.csv")" "../real/rollup.csv" "the link points where it did"
expect_same "$TMP/real/rollup.csv" "$TMP/want/rollup.csv" "the link's target holds the new rollup"
only "$TMP/links" "nothing left beside the link" rollup.csv
only "$TMP/real" "nothing left beside the target" rollup.csv

# a dangling link: its target is created
ln -s ../real/new.csv "$TMP/links/new.csv"
expect_exit 0 "ingest -o a dangling link" -- "$RS" ingest -o "$TMP/links/new.csv" "$BILL"
if [ -L "$TMP/links/new.csv" ]; then pass "the dangling link is still a link"; else
	fail "the dangling link was replaced by a file"; fi
expect_same "$TMP/real/new.csv" "$TMP/want/rollup.csv" "the dangling link's target is created"
ln -s loop "$TMP/links/loop"
expect_exit 1 "ingest -o a link to itself" -- "$RS" ingest -o "$TMP/links/loop" "$BILL"
expect_match "$TMP/err" "^rightsize: $TMP/links/loop: cannot follow the link: Too many levels" \
	"a link loop is named"

# a link to a trace
ln -s ../real/trace.csv "$TMP/links/trace.csv"
expect_exit 0 "simulate --trace a dangling link" -- \
	"$RS" simulate --trace "$TMP/links/trace.csv" "$TMP/day.json"
expect_same "$TMP/real/trace.csv" "$TMP/want/trace.csv" "the trace lands at the link's target"
if [ -L "$TMP/links/trace.csv" ]; then pass "the trace link is still a link"; else
	fail "the trace link was replaced by a file"; fi

# ---- a character device: written into, never replaced ----
# As root a broken writer would replace the machine's /dev/null, so it is
# tried on a node of our own first (mknod needs root), and on /dev/null
# only once that node survived.
mkdir "$TMP/dev"
if [ "$(id -u)" -eq 0 ] && mknod "$TMP/dev/null" c 1 3 2>/dev/null; then
	expect_exit 0 "ingest -o a character device" -- "$RS" ingest -o "$TMP/dev/null" "$BILL"
	expect_exit 0 "simulate --trace a character device" -- \
		"$RS" simulate --trace "$TMP/dev/null" "$TMP/day.json"
	if [ -c "$TMP/dev/null" ]; then
		pass "the device is still a device"
		devnull_ok=1
	else
		fail "the device was replaced by a regular file"
		devnull_ok=0
	fi
	only "$TMP/dev" "nothing left beside the device" null
elif [ "$(id -u)" -ne 0 ]; then
	devnull_ok=1 # not root: /dev/null cannot be replaced
else
	echo "note: mknod refused: the device checks are not run"
	devnull_ok=0
fi
if [ "$devnull_ok" = 1 ]; then
	expect_exit 0 "ingest -o /dev/null" -- "$RS" ingest -o /dev/null "$BILL"
	expect_exit 0 "simulate --trace /dev/null" -- "$RS" simulate --trace /dev/null "$TMP/day.json"
	if [ -c /dev/null ]; then pass "/dev/null is still a device"; else fail "/dev/null was replaced"; fi
fi
mkdir "$TMP/dir"
expect_exit 1 "ingest -o a folder" -- "$RS" ingest -o "$TMP/dir" "$BILL"
expect_match "$TMP/err" "^rightsize: $TMP/dir: is a folder$" "a folder is refused"

# ---- a FIFO: written into, with a reader on the other end ----
fifo_case() { # DESC WANT -- CMD... (writing to $TMP/fifo)
	fdesc=$1; fwant=$2; shift 3
	rm -f "$TMP/fifo" "$TMP/fifo.out"
	mkfifo "$TMP/fifo" || hard_error "mkfifo failed"
	timeout 10 cat "$TMP/fifo" >"$TMP/fifo.out" &
	reader=$!
	expect_exit 0 "$fdesc" -- timeout 10 "$@"
	wait "$reader"
	expect_eq "$?" 0 "$fdesc: the reader got an end of file"
	expect_same "$TMP/fifo.out" "$fwant" "$fdesc: the reader got it all"
	if [ -p "$TMP/fifo" ]; then pass "$fdesc: the FIFO is still a FIFO"; else
		fail "$fdesc: the FIFO was replaced"; fi
}
fifo_case "ingest -o a FIFO" "$TMP/want/rollup.csv" -- "$RS" ingest -o "$TMP/fifo" "$BILL"
fifo_case "simulate --trace a FIFO" "$TMP/want/trace.csv" -- \
	"$RS" simulate --trace "$TMP/fifo" "$TMP/day.json"
rm -f "$TMP/fifo" "$TMP/fifo.out"

# ---- standard output and descriptors ----
expect_exit 0 "ingest -o -" -- "$RS" ingest -o - "$BILL"
expect_same "$TMP/out" "$TMP/want/rollup.csv" "ingest -o -: the rollup is standard output"
expect_match "$TMP/err" '^TOTAL ' "ingest -o -: the account goes to standard error"
expect_exit 0 "simulate --trace -" -- "$RS" simulate --trace - "$TMP/day.json"
expect_same "$TMP/out" "$TMP/want/trace.csv" "simulate --trace -: the trace is standard output"
expect_match "$TMP/err" '^one ' "simulate --trace -: the tables go to standard error"
# README: the rollup compressed on its way out
"$RS" ingest -o - "$BILL" 2>/dev/null | gzip -c >"$TMP/rollup.csv.gz"
gzip -dc "$TMP/rollup.csv.gz" >"$TMP/unzipped.csv"
expect_same "$TMP/unzipped.csv" "$TMP/want/rollup.csv" "ingest -o - | gzip (the README example)"
# a descriptor the shell opened on a regular file is written into, as the
# shell itself does, not renamed over
: >"$TMP/fd3.csv"
ino=$(ls -i "$TMP/fd3.csv" | cut -d' ' -f1)
"$RS" ingest -o /dev/fd/3 "$BILL" >/dev/null 2>&1 3>"$TMP/fd3.csv"
expect_eq "$?" 0 "ingest -o /dev/fd/3: exit 0"
expect_same "$TMP/fd3.csv" "$TMP/want/rollup.csv" "ingest -o /dev/fd/3: the rollup is in the file"
expect_eq "$(ls -i "$TMP/fd3.csv" | cut -d' ' -f1)" "$ino" "ingest -o /dev/fd/3: the same file, not a new one"

# ---- stale temporaries of our own naming ----
host=$(uname -n | tr -c 'A-Za-z0-9\n' '-' | cut -c1-32)
sh -c 'exit 0' &
dead=$!
wait "$dead"
kill -0 "$dead" 2>/dev/null && hard_error "process $dead is still there"
live=$$
W=$TMP/w
mkdir "$W"
for f in ".rollup.csv.rightsize-tmp.$host.$dead.AbC123" \
	".rollup.csv.rightsize-tmp.$host.$live.AbC123" \
	".rollup.csv.rightsize-tmp.otherhost.$dead.AbC123" \
	".old.csv.rightsize-tmp.otherhost.$dead.XyZ789" \
	".rollup.csv.rightsize-tmp.$host.$dead.short" \
	"rollup.csv.rightsize-tmp.$host.$dead.AbC123" \
	"rollup.csv.tmp.AbC123" "notes.txt"; do
	echo partial >"$W/$f"
done
touch -d '2 days ago' "$W/.old.csv.rightsize-tmp.otherhost.$dead.XyZ789"
mkdir "$W/.r.rightsize-tmp.$host.$dead.QwE456"
ln -s notes.txt "$W/.l.rightsize-tmp.$host.$dead.QwE456"
expect_exit 0 "ingest into a folder with stale temporaries" -- "$RS" ingest -o "$W/rollup.csv" "$BILL"
only "$W" "the temporaries of dead runs are gone, the rest stays" \
	".rollup.csv.rightsize-tmp.$host.$live.AbC123" \
	".rollup.csv.rightsize-tmp.otherhost.$dead.AbC123" \
	".rollup.csv.rightsize-tmp.$host.$dead.short" \
	"rollup.csv.rightsize-tmp.$host.$dead.AbC123" \
	".l.rightsize-tmp.$host.$dead.QwE456" \
	"rollup.csv.tmp.AbC123" notes.txt rollup.csv
expect_eq "$(cat "$W/notes.txt")" partial "an unrelated file is untouched"

# ---- report -o a link to a report folder ----
R=$TMP/reports
run_report() { "$RS" report -m 2026-10 -o "$1" "$CUR"; }
expect_exit 0 "report" -- run_report "$TMP/want/report"
expect_exit 0 "report into reports/2026-10" -- run_report "$R/2026-10"
echo "stale" >"$R/2026-10/report.txt"
ln -s 2026-10 "$R/latest"
expect_exit 0 "report -o a link to a report folder" -- run_report "$R/latest"
expect_match "$TMP/err" "report written to $R/latest/" "says where it wrote"
if [ -L "$R/latest" ]; then pass "report: the link is still a link"; else
	fail "report: the link was replaced"; fi
expect_eq "$(readlink "$R/latest")" 2026-10 "report: the link points where it did"
for f in report.txt report.json report.csv report.html; do
	expect_same "$R/2026-10/$f" "$TMP/want/report/$f" "report: the link's target has the new $f"
done
only "$R" "report: nothing left beside the link and its target" 2026-10 latest
expect_exit 0 "report -o LINK/ (trailing slash)" -- run_report "$R/latest/"
expect_match "$TMP/err" "report written to $R/latest/$" "report -o LINK/: one slash in the message"
if [ -L "$R/latest" ]; then pass "report: LINK/ leaves the link"; else fail "report: LINK/ replaced the link"; fi

# the user's file in the link's target: refused, nothing harmed
echo mine >"$R/2026-10/notes.txt"
expect_exit 1 "report -o a link to a folder holding another file" -- run_report "$R/latest"
expect_match "$TMP/err" "holds 'notes.txt'" "report: the other file is named"
expect_eq "$(cat "$R/2026-10/notes.txt")" mine "report: the user's file is untouched"
expect_same "$R/2026-10/report.txt" "$TMP/want/report/report.txt" "report: the report there is untouched"
if [ -L "$R/latest" ]; then pass "report: a refusal leaves the link"; else fail "report: a refusal replaced the link"; fi
only "$R" "report: a refusal leaves nothing beside" 2026-10 latest
rm "$R/2026-10/notes.txt"

# a dangling link: the folder it names is created
ln -s 2026-11 "$R/next"
expect_exit 0 "report -o a dangling link" -- run_report "$R/next"
if [ -L "$R/next" ]; then pass "report: the dangling link is still a link"; else
	fail "report: the dangling link was replaced"; fi
expect_same "$R/2026-11/report.json" "$TMP/want/report/report.json" "report: the link's target is created"
only "$R" "report: nothing left beside the dangling link" 2026-10 2026-11 latest next

# ---- stale report folders of our naming ----
mk_tmpdir() { # NAME FILE...: a folder of partial files
	d=$R/$1; shift
	mkdir "$d"
	for f in "$@"; do echo partial >"$d/$f"; done
}
mk_tmpdir ".2026-10.rightsize-tmp.$host.$dead.AbC123" report.txt report.json
mk_tmpdir ".2026-10.rightsize-tmp.$host.$live.AbC123" report.txt
mk_tmpdir ".2026-11.rightsize-tmp.$host.$dead.DeF456" report.txt notes.txt
mk_tmpdir ".2026-10.rightsize-old.$host.$dead.GhI789" report.txt report.csv
mk_tmpdir ".2026-12.rightsize-old.$host.$dead.JkL012" report.txt
mk_tmpdir ".2026-09.tmp-AbC123" report.txt
expect_exit 0 "report into a folder with stale temporary folders" -- run_report "$R/2026-10"
only "$R" "report: the temporary folders of dead runs are gone" 2026-10 2026-11 latest next \
	".2026-10.rightsize-tmp.$host.$live.AbC123" \
	".2026-11.rightsize-tmp.$host.$dead.DeF456" \
	".2026-12.rightsize-old.$host.$dead.JkL012" \
	".2026-09.tmp-AbC123"
only "$R/.2026-10.rightsize-tmp.$host.$live.AbC123" "report: a live run's folder is untouched" report.txt
only "$R/.2026-11.rightsize-tmp.$host.$dead.DeF456" \
	"report: a dead run's folder holding another file keeps that file" notes.txt
only "$R/.2026-12.rightsize-old.$host.$dead.JkL012" \
	"report: a report moved aside with nothing in its place stays" report.txt
finish
