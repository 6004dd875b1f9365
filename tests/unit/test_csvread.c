/* test_csvread.c - record splitting, quoting, BOM, CRLF, line numbers,
 * gzip input (plain and concatenated members), records far longer than
 * the buffers a small file starts with, and the errors. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "csvread.h"
#include "testlib.h"

static char dir[] = "/tmp/rs-test-csvread.XXXXXX";

static char *
write_file(const char *name, const char *data, size_t n)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *f;

	sprintf(path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	fwrite(data, 1, n, f);
	fclose(f);
	return path;
}

static char *
write_gz(const char *name, const char *data, int members)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	size_t n = strlen(data), half = n / 2;
	gzFile g;

	sprintf(path, "%s/%s", dir, name);
	g = gzopen(path, "wb");
	if (members == 1) {
		gzwrite(g, data, (unsigned)n);
		gzclose(g);
	} else {
		gzwrite(g, data, (unsigned)half);
		gzclose(g);
		g = gzopen(path, "ab");
		gzwrite(g, data + half, (unsigned)(n - half));
		gzclose(g);
	}
	return path;
}

static void
check_sample(const char *path, const char *what)
{
	struct csvr *r;
	struct csv_record rec;
	struct diag d;
	int rc;

	if (csvr_open(path, &r, &d) < 0) {
		test_ok(0, "%s: open (%s)", what, d.msg);
		return;
	}
	rc = csvr_next(r, &rec, &d);
	test_int(rc, 1, "%s: header read", what);
	test_int((int64_t)rec.n, 3, "%s: header has 3 fields (BOM stripped)", what);
	test_str(rec.f[0], "a", "%s: first header field", what);
	rc = csvr_next(r, &rec, &d);
	test_int((int64_t)rec.n, 3, "%s: row 1 fields", what);
	test_str(rec.f[1], "x, \"y\"", "%s: quoted comma and doubled quotes", what);
	test_str(rec.f[2], "{\"k\":\"v\"}", "%s: JSON in a field", what);
	test_int(rec.line, 2, "%s: row 1 line", what);
	rc = csvr_next(r, &rec, &d);
	test_str(rec.f[1], "two\nlines", "%s: newline inside quotes", what);
	test_int(rec.line, 3, "%s: row 2 line", what);
	rc = csvr_next(r, &rec, &d);
	test_int(rec.line, 5, "%s: row 3 line counts the embedded newline", what);
	test_ok(rec.blank, "%s: blank line seen as blank", what);
	rc = csvr_next(r, &rec, &d);
	test_str(rec.f[2], "", "%s: trailing empty field", what);
	test_int((int64_t)rec.n, 3, "%s: trailing empty field counted", what);
	test_int(csvr_field_col(r, 1), 3, "%s: column of field 2", what);
	rc = csvr_next(r, &rec, &d);
	test_int(rc, 1, "%s: last row without newline", what);
	test_str(rec.f[0], "9", "%s: last row value", what);
	rc = csvr_next(r, &rec, &d);
	test_int(rc, 0, "%s: end of file", what);
	csvr_close(r);
}

int
main(void)
{
	static const char sample[] =
		"\xEF\xBB\xBF" "a,b,c\r\n"
		"1,\"x, \"\"y\"\"\",\"{\"\"k\"\"\"\":\"\"v\"\"}\"\r\n"
		"2,\"two\nlines\",z\r\n"
		"\r\n"
		"3,4,\r\n"
		"9,8,7";
	struct csvr *r;
	struct csv_record rec;
	struct diag d;
	char *p;
	int rc;

	if (mkdtemp(dir) == NULL)
		return 99;
	/* The sample's JSON field is written with the quoting exports use. */
	p = write_file("s.csv", sample, strlen(sample));
	{
		/* fix expectation: the field above is {"k"":"v"} after unquoting;
		 * write the canonical one instead */
		static const char fixed[] =
			"\xEF\xBB\xBF" "a,b,c\r\n"
			"1,\"x, \"\"y\"\"\",\"{\"\"k\"\":\"\"v\"\"}\"\r\n"
			"2,\"two\nlines\",z\r\n"
			"\r\n"
			"3,4,\r\n"
			"9,8,7";
		free(p);
		p = write_file("s.csv", fixed, strlen(fixed));
		check_sample(p, "plain");
		free(p);
		p = write_gz("s.csv.gz", fixed, 1);
		check_sample(p, "gzip");
		free(p);
		p = write_gz("m.csv.gz", fixed, 2);
		check_sample(p, "gzip, two members");
		free(p);
	}

	/* unterminated quote: error names the line and column of the quote */
	p = write_file("u.csv", "a,b\n1,2\n3,\"open\n4,5\n", 20);
	csvr_open(p, &r, &d);
	csvr_next(r, &rec, &d);
	csvr_next(r, &rec, &d);
	rc = csvr_next(r, &rec, &d);
	test_int(rc, -1, "unterminated quote is an error");
	test_int(d.line, 3, "unterminated quote line");
	test_int(d.col, 3, "unterminated quote column");
	csvr_close(r);
	free(p);

	/* a gzip file cut short */
	{
		FILE *f;
		char buf[4096];
		size_t n;
		char big[20000];

		for (n = 0; n < sizeof(big) - 1; n++)
			big[n] = (char)('a' + (n * 7) % 26);
		big[sizeof(big) - 1] = '\0';
		p = write_gz("t.csv.gz", big, 1);
		f = fopen(p, "rb");
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		free(p);
		p = write_file("t.csv.gz", buf, n / 2);
		csvr_open(p, &r, &d);
		do {
			rc = csvr_next(r, &rec, &d);
		} while (rc > 0);
		test_int(rc, -1, "truncated gzip is an error");
		test_ok(strstr(d.msg, "ends early") != NULL, "truncated gzip message: %s", d.msg);
		csvr_close(r);
		unlink(p);
		free(p);
	}
	/* a small gzip file inflating to a 3 MB record: the buffers sized
	 * from its compressed size grow, and the rows around it are intact */
	{
		size_t n = 3u << 20, k;
		char *big = malloc(n + 16);
		int same = 1;

		memcpy(big, "a,b\n1,", 6);
		memset(big + 6, 'x', n);
		memcpy(big + 6 + n, "\n2,y", 5);
		p = write_gz("l.csv.gz", big, 1);
		free(big);
		test_int(csvr_open(p, &r, &d), 0, "long record: open");
		csvr_next(r, &rec, &d);
		rc = csvr_next(r, &rec, &d);
		test_int(rc, 1, "long record read");
		test_int((int64_t)rec.len[1], (int64_t)n, "long record: field length");
		for (k = 0; k < rec.len[1] && same; k++)
			same = rec.f[1][k] == 'x';
		test_ok(same, "long record: field bytes");
		rc = csvr_next(r, &rec, &d);
		test_int(rc, 1, "row after the long record");
		test_int(rec.line, 3, "row after the long record: line");
		test_str(rec.f[1], "y", "row after the long record: value");
		test_int(csvr_next(r, &rec, &d), 0, "long record: end of file");
		csvr_close(r);
		unlink(p);
		free(p);
	}
	/* missing file */
	test_int(csvr_open("/nonexistent/x.csv", &r, &d), -1, "missing file is an error");
	test_ok(strstr(d.msg, "cannot open") != NULL, "missing file message");

	unlink("/tmp/rs-test-csvread.placeholder");
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 99;
	}
	return test_summary();
}
