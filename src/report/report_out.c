/*
 * report_out.c - the monthly report rendered as text, JSON, CSV and one
 * self-contained HTML page, and written atomically into its folder.
 *
 * Layer: report writer. Text, JSON and CSV go through table.h so they
 * read like every other command's output; the text form shortens names to
 * keep each line within REPORT_TEXT_WIDTH columns and adds a sparkline
 * column where it fits. The HTML page holds its style and SVG charts
 * inline: no scripts, no fonts, no network.
 */
#include "config.h"

#include "report/report.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/afile.h"
#include "out/chart.h"
#include "base/utf8.h"

static const char *const report_files[] = {
	"report.txt", "report.json", "report.csv", "report.html",
};

/* ---- text ---- */

/* Display columns of a name once shown (utf8_cols(): code points; the
 * report writes no double-width characters). */
static size_t
cols_of(const char *s)
{
	return s ? utf8_cols(s) : 0;
}

/* Byte offset of code point k of s. */
static size_t
byte_of(const char *s, size_t k)
{
	size_t i = 0;

	while (s[i] && k > 0) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		k--;
	}
	return i;
}

/* s shortened to w columns with an ellipsis, at the end or (tail) at the
 * start. Returns a new string. */
static char *
shorten(const char *s, size_t w, int tail)
{
	size_t n = cols_of(s);

	if (n <= w || w < 2)
		return xstrdup(s);
	if (tail)
		return xasprintf("\xe2\x80\xa6%s", s + byte_of(s, n - (w - 1)));
	return xasprintf("%.*s\xe2\x80\xa6", (int)byte_of(s, w - 1), s);
}

/* Column widths of t as text; returns the line width. */
static size_t
text_widths(const struct report_table *t, size_t *w)
{
	size_t r, c, total = 0;

	for (c = 0; c < t->ncols; c++) {
		w[c] = cols_of(t->col[c]);
		for (r = 0; r < t->nrows; r++) {
			size_t x = cols_of(t->cell[r][c]);

			if (x > w[c])
				w[c] = x;
		}
		total += w[c] + (c ? 2 : 0);
	}
	return total;
}

/* Shrink text columns (widest first, never below REPORT_MIN_NAME_WIDTH or
 * the header) until total + extra fits the width. Returns the new total. */
static size_t
text_fit(const struct report_table *t, size_t *w, size_t total, size_t extra)
{
	while (total + extra > REPORT_TEXT_WIDTH) {
		size_t c, best = t->ncols;

		for (c = 0; c < t->ncols; c++) {
			size_t min = cols_of(t->col[c]);

			if (min < REPORT_MIN_NAME_WIDTH)
				min = REPORT_MIN_NAME_WIDTH;
			if (t->kind[c] != TABLE_TEXT || (t->keep >> c & 1u) || w[c] <= min)
				continue;
			if (best == t->ncols || w[c] > w[best])
				best = c;
		}
		if (best == t->ncols)
			break;
		w[best]--;
		total--;
	}
	return total;
}

/* Display columns of s[0..n). */
static size_t
cols_n(const char *s, size_t n)
{
	size_t w = 0, i;

	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	}
	return w;
}

/* Words of s (shown as utf8_display() shows them) folded into lines of
 * at most REPORT_TEXT_WIDTH columns. */
static void
text_wrap(FILE *f, const char *note)
{
	char *shown = utf8_display(note, NULL);
	const char *s = shown;
	size_t col = 0;

	while (*s) {
		size_t n, w;

		while (*s == ' ')
			s++;
		n = strcspn(s, " ");
		if (n == 0)
			break;
		w = cols_n(s, n);
		if (col > 0 && col + 1 + w > REPORT_TEXT_WIDTH) {
			fputc('\n', f);
			col = 0;
		}
		if (col > 0) {
			fputc(' ', f);
			col++;
		}
		fwrite(s, 1, n, f);
		col += w;
		s += n;
	}
	fputc('\n', f);
	free(shown);
}

/* One report table as a table.h table for text: names shortened to fit,
 * a "daily" sparkline column when there is room. */
static struct table *
text_table(const struct report_table *t)
{
	size_t *w = xcalloc(t->ncols + 1, sizeof(size_t));
	size_t total = text_widths(t, w), extra = 0, r, c;
	struct table *tt = table_new(t->title);
	char *spark = NULL;
	int with_spark = 0;

	if (t->nspark > 0) {
		/* names keep REPORT_MIN_NAME_WIDTH columns; else no sparkline */
		extra = 2 + (t->nspark > 5 ? t->nspark : 5);
		if (text_fit(t, w, total, extra) + extra <= REPORT_TEXT_WIDTH) {
			with_spark = 1;
		} else {
			total = text_widths(t, w);
			extra = 0;
		}
	}
	text_fit(t, w, total, extra);
	for (c = 0; c < t->ncols; c++)
		table_add_col(tt, t->col[c], t->kind[c]);
	if (with_spark) {
		table_add_col(tt, "daily", TABLE_TEXT);
		spark = xmalloc(3 * t->nspark + 1);
	}
	for (r = 0; r < t->nrows; r++) {
		table_add_row(tt);
		for (c = 0; c < t->ncols; c++) {
			/* shortened as shown, so a cut never splits an escape's
			 * width from its text */
			char *s = t->cell[r][c] ? utf8_display(t->cell[r][c], NULL) : NULL;

			if (s && t->kind[c] == TABLE_TEXT && cols_of(s) > w[c]) {
				char *sh = shorten(s, w[c], (int)(t->tail >> c & 1u));

				table_set(tt, (int)c, sh);
				free(sh);
			} else {
				table_set(tt, (int)c, s);
			}
			free(s);
		}
		if (with_spark && t->spark[r]) {
			chart_sparkline(t->spark[r], t->nspark, spark, 3 * t->nspark + 1);
			table_set(tt, (int)t->ncols, spark);
		}
	}
	free(spark);
	free(w);
	return tt;
}

/* A table of days as one sparkline per number column, with its smallest
 * and largest value and the first row (date) they fall on. */
static void
text_sparks(const struct report_table *t, FILE *f)
{
	double *v = xmalloc((t->nrows ? t->nrows : 1) * sizeof(double));
	char *spark = xmalloc(3 * t->nrows + 1);
	size_t r, c, namew = 0;

	fprintf(f, "%s, %s to %s\n", t->title, t->nrows ? t->cell[0][0] : "",
		t->nrows ? t->cell[t->nrows - 1][0] : "");
	for (c = 1; c < t->ncols; c++)
		namew = strlen(t->col[c]) > namew ? strlen(t->col[c]) : namew;
	for (c = 1; c < t->ncols; c++) {
		size_t lo = t->nrows, hi = t->nrows;

		for (r = 0; r < t->nrows; r++) {
			v[r] = t->cell[r][c] ? strtod(t->cell[r][c], NULL) : NAN;
			if (isnan(v[r]))
				continue;
			if (lo == t->nrows || v[r] < v[lo])
				lo = r;
			if (hi == t->nrows || v[r] > v[hi])
				hi = r;
		}
		chart_sparkline(v, t->nrows, spark, 3 * t->nrows + 1);
		fprintf(f, "%-*s  %s", (int)namew, t->col[c], spark);
		if (lo < t->nrows)
			fprintf(f, "  min %s (%s)  max %s (%s)", t->cell[lo][c], t->cell[lo][0],
				t->cell[hi][c], t->cell[hi][0]);
		fputc('\n', f);
	}
	free(v);
	free(spark);
}

void
report_render_text(const struct report *rep, FILE *f)
{
	size_t i, k, n = cols_of(rep->heading);
	int footer = 0;

	utf8_display_put(f, rep->heading, NULL);
	fputc('\n', f);
	for (k = 0; k < n; k++)
		fputc('=', f);
	fputc('\n', f);
	for (i = 0; i < rep->n; i++) {
		const struct report_table *t = rep->t[i];
		struct table *tt;

		if (t->footer && t->nrows == 0 && strcmp(t->name, "not_included") == 0)
			continue;
		if (t->footer && !footer) {
			fputs("\n-- audit: same inputs and parameters give the same report --\n", f);
			footer = 1;
		}
		fputc('\n', f);
		if (t->text_spark) {
			text_sparks(t, f);
			if (t->note)
				text_wrap(f, t->note);
			continue;
		}
		tt = text_table(t);
		table_print(tt, f, OUT_TEXT);
		table_free(tt);
		if (t->nrows == 0)
			fputs("(none)\n", f);
		if (t->note)
			text_wrap(f, t->note);
	}
}

/* ---- JSON and CSV ---- */

/* The tables as table.h tables named by their JSON keys. */
static struct table **
machine_tables(const struct report *rep)
{
	struct table **ts = xcalloc(rep->n ? rep->n : 1, sizeof(*ts));
	size_t i, r, c;

	for (i = 0; i < rep->n; i++) {
		const struct report_table *t = rep->t[i];

		ts[i] = table_new(t->name);
		for (c = 0; c < t->ncols; c++)
			table_add_col(ts[i], t->col[c], t->kind[c]);
		for (r = 0; r < t->nrows; r++) {
			table_add_row(ts[i]);
			for (c = 0; c < t->ncols; c++)
				table_set(ts[i], (int)c, t->cell[r][c]);
		}
	}
	return ts;
}

static void
render_machine(const struct report *rep, FILE *f, enum out_format fmt)
{
	struct table **ts = machine_tables(rep);
	size_t i;

	table_print_many(ts, (int)rep->n, f, fmt);
	for (i = 0; i < rep->n; i++)
		table_free(ts[i]);
	free(ts);
}

void
report_render_json(const struct report *rep, FILE *f)
{
	render_machine(rep, f, OUT_JSON);
}

void
report_render_csv(const struct report *rep, FILE *f)
{
	render_machine(rep, f, OUT_CSV);
}

/* ---- HTML ---- */

static const char html_style[] =
	"body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;"
	"color:#222;padding:0 1em}\n"
	"h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;"
	"border-bottom:1px solid #ccc}\n"
	"table{border-collapse:collapse;margin:.5em 0}\n"
	"th,td{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left;"
	"vertical-align:top}\n"
	"th{background:#f4f4f4}td.num,th.num{text-align:right;"
	"font-variant-numeric:tabular-nums}\n"
	"td.hash{font-family:monospace;font-size:12px}\n"
	"p.note{color:#555;max-width:60em}svg.chart{display:block;margin:1em 0 .2em}\n"
	"figure{margin:1em 0}figcaption{color:#555;font-size:12px}\n"
	"footer{margin-top:3em;color:#444}\n";

static void
html_table(FILE *f, const struct report_table *t)
{
	size_t r, c;

	fputs("<table>\n<thead><tr>", f);
	for (c = 0; c < t->ncols; c++) {
		fputs(t->kind[c] == TABLE_NUM ? "<th class=\"num\">" : "<th>", f);
		chart_xml_escape(f, t->col[c]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (r = 0; r < t->nrows; r++) {
		fputs("<tr>", f);
		for (c = 0; c < t->ncols; c++) {
			if (t->kind[c] == TABLE_NUM)
				fputs("<td class=\"num\">", f);
			else if (t->keep >> c & 1u)
				fputs("<td class=\"hash\">", f);
			else
				fputs("<td>", f);
			chart_xml_escape(f, t->cell[r][c] ? t->cell[r][c] : "");
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

static void
html_fig(FILE *f, const struct report_fig *g)
{
	size_t i;

	if (g->kind == REPORT_FIG_LINES) {
		struct chart_line lines[3];
		struct chart c;

		memset(lines, 0, sizeof(lines));
		memset(&c, 0, sizeof(c));
		for (i = 0; i < g->nlines; i++) {
			lines[i].name = g->line_name[i];
			lines[i].v = g->v[i];
			lines[i].dashed = g->dashed[i];
		}
		if (g->nlines > 0 && g->lo && g->hi) {
			lines[g->nlines - 1].lo = g->lo;
			lines[g->nlines - 1].hi = g->hi;
		}
		c.title = g->title;
		c.unit = g->unit;
		c.n = g->n;
		c.x_labels = (const char *const *)g->label;
		c.lines = lines;
		c.nlines = g->nlines;
		fputs("<figure>\n", f);
		chart_svg_lines(f, &c);
	} else {
		struct chart_bar *b = xcalloc(g->n ? g->n : 1, sizeof(*b));

		for (i = 0; i < g->n; i++) {
			b[i].label = g->label[i];
			b[i].value = g->v[0][i];
			b[i].text = g->text[i];
		}
		fputs("<figure>\n", f);
		chart_svg_bars(f, g->title, b, g->n, 0);
		free(b);
	}
	fputs("<figcaption>", f);
	chart_xml_escape(f, g->title);
	if (g->unit[0]) {
		fputs(" (", f);
		chart_xml_escape(f, g->unit);
		fputc(')', f);
	}
	fputs("</figcaption>\n</figure>\n", f);
}

void
report_render_html(const struct report *rep, FILE *f)
{
	size_t i, k;
	int footer = 0;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>", f);
	chart_xml_escape(f, rep->heading);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", html_style);
	chart_xml_escape(f, rep->heading);
	fputs("</h1>\n", f);
	for (i = 0; i < rep->n; i++) {
		const struct report_table *t = rep->t[i];

		if (t->footer && t->nrows == 0 && strcmp(t->name, "not_included") == 0)
			continue;
		if (t->footer && !footer) {
			fputs("<footer>\n<p>Audit: the same inputs and parameters give the "
			      "same report, byte for byte.</p>\n", f);
			footer = 1;
		}
		fprintf(f, "<section id=\"%s\">\n<h2>", t->name);
		chart_xml_escape(f, t->title);
		fputs("</h2>\n", f);
		if (t->text_spark) {
			/* a long table of days: folded, the chart says it better */
			fprintf(f, "<details><summary>%zu rows</summary>\n", t->nrows);
			html_table(f, t);
			fputs("</details>\n", f);
		} else {
			html_table(f, t);
		}
		if (t->note) {
			fputs("<p class=\"note\">", f);
			chart_xml_escape(f, t->note);
			fputs("</p>\n", f);
		}
		for (k = 0; k < rep->nfig; k++) {
			if (rep->fig[k]->after == i)
				html_fig(f, rep->fig[k]);
		}
		fputs("</section>\n", f);
	}
	if (footer)
		fputs("</footer>\n", f);
	fputs("</body>\n</html>\n", f);
}

/* ---- the atomic write ---- */

static int
is_report_file(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(report_files); i++) {
		if (strcmp(name, report_files[i]) == 0)
			return 1;
	}
	return 0;
}

/* Remove a folder holding only report files (what is not one stays, and
 * so does the folder). */
static void
remove_report_dir(const char *dir)
{
	afile_rmdir(dir, report_files, ARRAY_SIZE(report_files));
}

/* Create dir and its missing parents (mode 0777 less the umask). */
static int
mkdir_p(const char *dir, struct diag *d)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			rc = diag_set(d, p, 0, 0, "cannot create folder: %s", strerror(errno));
			goto out;
		}
		*s = '/';
	}
	if (mkdir(p, 0777) < 0 && errno != EEXIST) {
		rc = diag_set(d, p, 0, 0, "cannot create folder: %s", strerror(errno));
	} else {
		struct stat st;

		if (stat(p, &st) < 0 || !S_ISDIR(st.st_mode))
			rc = diag_set(d, p, 0, 0, "is not a folder");
	}
out:
	free(p);
	return rc;
}

static int
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* An existing target must be a folder holding nothing but report files
 * (dir is not a link: report_write() has followed it). */
static int
check_target(const char *dir, int *exists, struct diag *d)
{
	struct stat st;
	struct dirent *e;
	DIR *dp;
	int rc = 0;

	*exists = 0;
	if (lstat(dir, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		return diag_set(d, dir, 0, 0, "%s", strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return diag_set(d, dir, 0, 0, "exists and is not a folder");
	dp = opendir(dir);
	if (dp == NULL)
		return diag_set(d, dir, 0, 0, "%s", strerror(errno));
	while ((e = readdir(dp)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!is_report_file(e->d_name)) {
			rc = diag_set(d, dir, 0, 0, "holds '%s', which is not part of a report; "
				      "not replacing it (choose another -o)", e->d_name);
			break;
		}
	}
	closedir(dp);
	*exists = 1;
	return rc;
}

static int
write_one(const struct report *rep, const char *dir, size_t which, struct diag *d)
{
	char *path = xasprintf("%s/%s", dir, report_files[which]);
	FILE *f = fopen(path, "w");
	int rc = 0;

	if (f == NULL) {
		rc = diag_set(d, path, 0, 0, "cannot create: %s", strerror(errno));
		goto out;
	}
	switch (which) {
	case 0:
		report_render_text(rep, f);
		break;
	case 1:
		report_render_json(rep, f);
		break;
	case 2:
		report_render_csv(rep, f);
		break;
	default:
		report_render_html(rep, f);
		break;
	}
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)
		rc = diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
	if (fclose(f) != 0 && rc == 0)
		rc = diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
out:
	free(path);
	return rc;
}

/* Drop the trailing slashes of path (in place), keeping a lone "/". */
static void
strip_slashes(char *path)
{
	size_t len = strlen(path);

	while (len > 1 && path[len - 1] == '/')
		path[--len] = '\0';
}

int
report_write(const struct report *rep, const char *dir, struct diag *d)
{
	char *given = xstrdup(dir), *copy, *parent = NULL, *base, *slash, *tmp = NULL, *old = NULL;
	size_t i;
	int exists, rc = -1;

	/* a link (reports/latest -> 2026-10) is followed: the folder it
	 * points to is replaced, in its own parent, and the link stays */
	strip_slashes(given);
	copy = afile_follow(given);
	if (copy == NULL) {
		diag_set(d, dir, 0, 0, "cannot follow the link: %s", strerror(errno));
		goto out;
	}
	strip_slashes(copy);
	slash = strrchr(copy, '/');
	if (slash == NULL) {
		parent = xstrdup(".");
		base = copy;
	} else {
		parent = slash == copy ? xstrdup("/") : xstrndup(copy, (size_t)(slash - copy));
		base = slash + 1;
	}
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		diag_set(d, dir, 0, 0, "not a folder name a report can be written to");
		goto out;
	}
	if (mkdir_p(parent, d) < 0 || check_target(copy, &exists, d) < 0)
		goto out;
	afile_sweep(parent, report_files, ARRAY_SIZE(report_files));
	tmp = afile_tmpname(parent, base, "tmp");
	if (mkdtemp(tmp) == NULL) {
		diag_set(d, parent, 0, 0, "cannot create a temporary folder: %s", strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	chmod(tmp, 0755);
	for (i = 0; i < ARRAY_SIZE(report_files); i++) {
		if (write_one(rep, tmp, i, d) < 0)
			goto out;
	}
	sync_dir(tmp);
	if (!exists) {
		if (rename(tmp, copy) < 0) {
			diag_set(d, copy, 0, 0, "cannot rename the new report into place: %s",
				 strerror(errno));
			goto out;
		}
		free(tmp);
		tmp = NULL;
	} else {
#ifdef RENAME_EXCHANGE
		/* one atomic swap: readers see the old report or the new one */
		if (renameat2(AT_FDCWD, tmp, AT_FDCWD, copy, RENAME_EXCHANGE) == 0)
			goto swapped;
#endif
		old = afile_tmpname(parent, base, "old");
		if (mkdtemp(old) == NULL || rmdir(old) < 0 || rename(copy, old) < 0) {
			diag_set(d, copy, 0, 0, "cannot move the old report aside: %s",
				 strerror(errno));
			free(old);
			old = NULL;
			goto out;
		}
		if (rename(tmp, copy) < 0) {
			diag_set(d, copy, 0, 0, "cannot rename the new report into place: %s",
				 strerror(errno));
			rename(old, copy);
			free(old);
			old = NULL;
			goto out;
		}
		remove_report_dir(old);
		free(tmp);
		tmp = NULL;
		goto done;
#ifdef RENAME_EXCHANGE
swapped:
		/* tmp now holds the old report */
		remove_report_dir(tmp);
		free(tmp);
		tmp = NULL;
#endif
	}
done:
	sync_dir(parent);
	rc = 0;
out:
	if (tmp) {
		remove_report_dir(tmp);
		free(tmp);
	}
	free(old);
	free(parent);
	free(copy);
	free(given);
	return rc;
}
