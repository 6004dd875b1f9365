/*
 * test_utf8.c - the escaping every writer uses for names from input:
 * U+FFFD for ill-formed UTF-8 by maximal subparts, the display form
 * (control characters as \xHH), JSON string literals, CSV fields guarded
 * against spreadsheet formulas (and the rollup's reversible guard), and
 * HTML text.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/chart.h"
#include "base/utf8.h"
#include "base/util.h"
#include "testlib.h"

#define FFFD "\xEF\xBF\xBD"

/* What fn writes to a FILE for s, as a new string. */
static char *
capture(void (*fn)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	fn(f, s);
	fclose(f);
	return buf;
}

static void
check_sanitize(const char *in, const char *want, const char *what)
{
	char *got = utf8_sanitize(in);

	test_str(got, want, "sanitize: %s", what);
	test_ok(utf8_valid(got, strlen(got)), "sanitize: %s is valid UTF-8", what);
	free(got);
}

static void
check_display(const char *in, const char *keep, const char *want, const char *what)
{
	char *got = utf8_display(in, keep), *again = utf8_display(got, keep);

	test_str(got, want, "display: %s", what);
	test_str(again, got, "display: %s, twice is once", what);
	test_int((int64_t)utf8_cols(in), (int64_t)utf8_cols(got), "display: %s, columns", what);
	free(got);
	free(again);
}

static void
put_sheet(FILE *f, const char *s)
{
	csv_put_field(f, s, CSV_SHEET);
}

static void
put_rollup(FILE *f, const char *s)
{
	csv_put_field(f, s, CSV_ROLLUP);
}

static void
check_capture(void (*fn)(FILE *, const char *), const char *in, const char *want,
	      const char *what)
{
	char *got = capture(fn, in);

	test_str(got, want, "%s", what);
	free(got);
}

/* The rollup's guard undone: write, strip the CSV quotes, unguard. */
static void
check_rollup_round_trip(const char *name)
{
	char *got = capture(put_rollup, name), *field = got;
	size_t n = strlen(got);

	if (n >= 2 && got[0] == '"' && got[n - 1] == '"') {
		char *r = got + 1, *w = got;

		for (; r < got + n - 1; r++) {
			*w++ = *r;
			if (*r == '"')
				r++;
		}
		*w = '\0';
	}
	test_str(csv_unguard(field), name, "rollup guard round trip of \"%s\"", name);
	free(got);
}

/* Well-formed sequences of each length, and ill-formed ones as their
 * maximal subpart. */
static const struct {
	const char *in;
	size_t len;
	uint32_t cp;
	const char *what;
} decode_cases[] = {
	{ "A", 1, 'A', "ASCII" },
	{ "\xC3\xA9", 2, 0xE9, "e acute" },
	{ "\xE2\x82\xAC", 3, 0x20AC, "euro sign" },
	{ "\xF0\x9F\x98\x80", 4, 0x1F600, "emoji" },
	{ "\xC2\x9B", 2, 0x9B, "CSI (C1)" },
	{ "\xE2\x82" "A", 2, UTF8_REPLACEMENT, "a cut sequence is its subpart" },
	{ "\xE0\x80\xAF", 1, UTF8_REPLACEMENT, "overlong E0 80: one byte" },
	{ "\xED\xA0\x80", 1, UTF8_REPLACEMENT, "a surrogate's lead: one byte" },
	{ "\xF4\x90\x80\x80", 1, UTF8_REPLACEMENT, "above U+10FFFF: one byte" },
	{ "\xF0\x9F\x98", 3, UTF8_REPLACEMENT, "a cut emoji is one subpart" },
	{ "\x9B", 1, UTF8_REPLACEMENT, "a lone C1 byte" },
};

/* CSV for spreadsheets (OWASP) and the rollup's reversible guard. */
static const struct {
	const char *in;
	enum csv_guard g;
	const char *want, *what;
} csv_cases[] = {
	{ "=HYPERLINK(\"http://x\",\"y\")", CSV_SHEET, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
	  "csv: =HYPERLINK gets a quote, inside the CSV quotes" },
	{ "=1+2", CSV_SHEET, "'=1+2", "csv: = gets a quote" },
	{ "+cmd", CSV_SHEET, "'+cmd", "csv: + gets a quote" },
	{ "-2+3+cmd|' /C calc'!A0", CSV_SHEET, "'-2+3+cmd|' /C calc'!A0", "csv: - gets a quote" },
	{ "@SUM(A1)", CSV_SHEET, "'@SUM(A1)", "csv: @ gets a quote" },
	{ "\t=1", CSV_SHEET, "'\t=1", "csv: a leading tab gets a quote (and needs no CSV quotes)" },
	{ "\r=1", CSV_SHEET, "\"'\r=1\"", "csv: a leading CR gets a quote" },
	{ "-12.50", CSV_SHEET, "-12.50", "csv: a negative amount is a number" },
	{ "+2.5%", CSV_SHEET, "+2.5%", "csv: a signed percentage is a number" },
	{ "-1.5e-3", CSV_SHEET, "-1.5e-3", "csv: exponent" },
	{ "-", CSV_SHEET, "-", "csv: a lone - (no value)" },
	{ "-e5", CSV_SHEET, "'-e5", "csv: not a number" },
	{ "'quoted", CSV_SHEET, "'quoted", "csv: a leading ' is left for spreadsheets" },
	{ "a=b", CSV_SHEET, "a=b", "csv: = inside is fine" },
	{ "caf\xE9", CSV_SHEET, "caf" FFFD, "csv: ill-formed as U+FFFD" },
	{ "a,b", CSV_SHEET, "\"a,b\"", "csv: RFC 4180 quoting as before" },
	{ "=1+2", CSV_ROLLUP, "'=1+2", "rollup: = gets a quote" },
	{ "'quoted", CSV_ROLLUP, "''quoted", "rollup: a leading ' gets another" },
	{ "-12.50", CSV_ROLLUP, "-12.50", "rollup: a number stays" },
};

int
main(void)
{
	uint32_t cp;
	const char *names[] = {
		"=HYPERLINK(\"http://x\",\"y\")", "+1", "-cmd", "@SUM(A1)", "\tx", "\rx",
		"'quoted", "''twice", "'", "plain", "-12.50", "-", "",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(decode_cases); i++) {
		const char *in = decode_cases[i].in;

		test_int((int64_t)utf8_decode(in, strlen(in), &cp), (int64_t)decode_cases[i].len,
			 "decode: %s, length", decode_cases[i].what);
		test_int(cp, decode_cases[i].cp, "decode: %s, code point", decode_cases[i].what);
	}

	/* sanitising: Unicode 15.0 table 3-8 and the usual cases */
	check_sanitize("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64",
		       "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", "Unicode table 3-8");
	check_sanitize("\xC0\xAF", FFFD FFFD, "overlong slash (C0 AF)");
	check_sanitize("\xE0\x80\xAF", FFFD FFFD FFFD, "overlong E0 80 AF");
	check_sanitize("\xED\xA0\x80", FFFD FFFD FFFD, "surrogate D800");
	check_sanitize("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, "U+110000");
	check_sanitize("caf\xE9", "caf" FFFD, "Latin-1 e acute");
	check_sanitize("ok \xF0\x9F\x98", "ok " FFFD, "emoji cut at the end");
	check_sanitize("\xFF\xFE", FFFD FFFD, "bytes that never occur");
	check_sanitize("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
		       "well-formed text is unchanged");
	check_sanitize("a\x1b[31m", "a\x1b[31m", "control characters are kept");
	test_ok(!utf8_valid("caf\xE9", 4), "valid: Latin-1 is not UTF-8");
	test_ok(utf8_valid(FFFD, 3), "valid: an encoded U+FFFD is");
	test_ok(!utf8_valid("\xED\xBF\xBF", 3), "valid: a surrogate is not");

	/* display form */
	check_display("web\x1b[2J\x1b]0;pwned\x07", NULL, "web\\x1b[2J\\x1b]0;pwned\\x07", "ESC and BEL");
	check_display("a\xC2\x9B" "31mb", NULL, "a\\x9b31mb", "C1 CSI");
	check_display("del\x7f", NULL, "del\\x7f", "DEL");
	check_display("two\nlines\ttab\r", NULL, "two\\x0alines\\x09tab\\x0d", "line ends and tabs");
	check_display("two\nlines\x1b", "\n", "two\nlines\\x1b", "line ends kept when asked");
	check_display("caf\xE9\x1b", NULL, "caf" FFFD "\\x1b", "ill-formed and control");
	check_display("caf\xC3\xA9 \\x1b", NULL, "caf\xC3\xA9 \\x1b", "printable text unchanged");
	test_int((int64_t)utf8_cols("\xC3\xA9t\xC3\xA9"), 3, "cols: code points");
	test_int((int64_t)utf8_cols("a\x1b" "b"), 6, "cols: an escape is four columns");
	test_int((int64_t)utf8_cols("a\xE9"), 2, "cols: an ill-formed byte is one U+FFFD");

	/* JSON */
	check_capture(utf8_json_put, "a\"b\\c\n\t\r", "\"a\\\"b\\\\c\\n\\t\\r\"", "json: quote, backslash, blanks");
	check_capture(utf8_json_put, "\x1b[0m\x7f\xC2\x85", "\"\\u001b[0m\\u007f\\u0085\"", "json: C0, DEL and C1 as \\u");
	check_capture(utf8_json_put, "caf\xE9 \xC3\xA9", "\"caf" FFFD " \xC3\xA9\"", "json: ill-formed as U+FFFD");

	for (i = 0; i < ARRAY_SIZE(csv_cases); i++)
		check_capture(csv_cases[i].g == CSV_SHEET ? put_sheet : put_rollup, csv_cases[i].in,
			      csv_cases[i].want, csv_cases[i].what);
	for (i = 0; i < ARRAY_SIZE(names); i++)
		check_rollup_round_trip(names[i]);
	test_str(csv_unguard("''x"), "'x", "unguard takes exactly one quote off");

	/* HTML text */
	check_capture(chart_xml_escape, "<b>\x1b[31m&\"'\xC2\x9B\x7f\xE9\n\t",
		      "&lt;b&gt;\\x1b[31m&amp;&quot;&#39;\\x9b\\x7f" FFFD "\n\t",
		      "html: markup escaped, controls shown, line ends kept, U+FFFD");
	return test_summary();
}
