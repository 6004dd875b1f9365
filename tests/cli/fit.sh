#!/bin/sh
# fit.sh - `rightsize fit` recovers planted parameters from a generated
# series (JSON output checked against the truth in tests/gen_load.py),
# and rejects bad options and input. The real traces are in real_nasa.sh
# and real_cloudwatch.sh.
. "$top_srcdir/tests/cli/lib.sh"

[ -n "${PYTHON:-}" ] || skip "python3 is needed for the fixtures"
"$PYTHON" "$top_srcdir/tests/gen_load.py" "$TMP/load.csv" --event 2026-11-13:1.8 \
	|| hard_error "generator failed"

expect_exit 0 "fit planted series" -- "$RS" fit --events "2026-11-13:Campaign" \
	--forecast 2d --forecast-step 1h --format json "$TMP/load.csv"
cp "$TMP/out" "$TMP/fit.json"
# check the figures against the truth: growth 5%/month, peak 14:00 UTC on
# Friday, +80% campaign, model better than seasonal naive, 48 forecast rows
"$PYTHON" - "$TMP/fit.json" >"$TMP/check" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["model"][0]
e = d["events"][0]
f = d["forecast"]
checks = [
    ("growth per month 0.05 +- 0.01", abs(m["growth_month"] - 0.05) <= 0.01),
    ("peak hour 14", m["peak_hour_utc"] == 14),
    ("peak day Friday", m["peak_day"] == "Friday"),
    ("campaign uplift 0.8 +- 0.1", abs(e["uplift"] - 0.8) <= 0.1),
    ("model beats seasonal naive", m["mape"] < m["mape_seasonal_naive"]),
    ("R^2 above 0.9", m["r2"] > 0.9),
    ("168 held-out points", m["holdout_points"] == 168),
    ("48 hourly forecast rows", len(f) == 48),
    ("forecast inside its intervals",
     all(r["lo95"] <= r["lo80"] <= r["forecast"] <= r["hi80"] <= r["hi95"] for r in f)),
    ("one daily and one weekly harmonic",
     m["daily_harmonics"] == 1 and m["weekly_harmonics"] == 1),
]
for name, ok in checks:
    print(("PASS: " if ok else "FAIL: ") + name)
PY
while read -r line; do
	case $line in
	PASS:*) pass "${line#PASS: }" ;;
	*) fail "${line#FAIL: }" ;;
	esac
done <"$TMP/check"

expect_exit 0 "text summary" -- "$RS" fit --events "2026-11-13:Campaign" "$TMP/load.csv"
expect_match "$TMP/out" 'peak hour +14:00 UTC' "peak hour in words"
expect_match "$TMP/out" 'peak day +Friday' "peak day in words"
expect_match "$TMP/out" 'event: Campaign +\+[78][0-9]\.[0-9]% \(95%' "event uplift in words"
expect_match "$TMP/out" 'seasonal-naive MAPE .*the model is better' "naive comparison in words"

# events from a file give the same uplift
printf '# campaigns\n2026-11-13:Campaign\n\n' >"$TMP/events.txt"
expect_exit 0 "events file" -- "$RS" fit --events-file "$TMP/events.txt" --format csv "$TMP/load.csv"
expect_match "$TMP/out" '^load,Campaign,24,0\.[78]' "events file read"

# bad input and options
expect_exit 2 "bad --events" -- "$RS" fit --events "Black Friday" "$TMP/load.csv"
expect_exit 2 "bad --trend" -- "$RS" fit --trend cubic "$TMP/load.csv"
expect_exit 2 "bad --forecast" -- "$RS" fit --forecast soon "$TMP/load.csv"
printf '2026-11-13:Campaign\nnot an event\n' >"$TMP/bad-events.txt"
expect_exit 1 "bad events file" -- "$RS" fit --events-file "$TMP/bad-events.txt" "$TMP/load.csv"
expect_match "$TMP/err" 'bad-events.txt:2:1: "not an event" is not an event' "events file error names the line"
printf 'timestamp,value\n2026-10-01T00:00:00Z,1\n2026-10-01T01:00:00Z,2\n' >"$TMP/short.csv"
expect_exit 1 "too short to fit" -- "$RS" fit "$TMP/short.csv"
expect_lines "$TMP/err" 1 "one line"
expect_exit 1 "unknown series" -- "$RS" fit --series nope "$TMP/load.csv"
# an events file is read in bounded lines: a long line is refused, never
# split into two events
"$PYTHON" -c 'print("2026-11-13:" + "x" * 5000)' >"$TMP/long-events.txt"
expect_exit 1 "--events-file with a 5,011-byte line" -- "$RS" fit --events-file "$TMP/long-events.txt" "$TMP/load.csv"
expect_match "$TMP/err" 'long-events\.txt:1:4097: line longer than 4096 bytes' "long event line: file:line:col"
expect_exit 1 "--events-file /dev/zero" -- timeout 10 "$RS" fit --events-file /dev/zero "$TMP/load.csv"
finish
