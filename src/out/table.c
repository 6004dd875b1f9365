/*
 * table.c - text, CSV and JSON rendering of result tables.
 * Layer: output.
 */
#include "config.h"

#include "out/table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

struct table_col {
	char *name;
	enum table_kind kind;
};

struct table {
	char *title;
	struct table_col *cols;
	size_t ncols, cols_cap;
	char ***rows; /* rows[r][c], NULL = empty */
	size_t nrows, rows_cap;
};

struct table *
table_new(const char *title)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->title = xstrdup(title ? title : "");
	return t;
}

void
table_free(struct table *t)
{
	size_t r, c;

	if (t == NULL)
		return;
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	for (c = 0; c < t->ncols; c++)
		free(t->cols[c].name);
	free(t->rows);
	free(t->cols);
	free(t->title);
	free(t);
}

void
table_add_col(struct table *t, const char *name, enum table_kind kind)
{
	if (t->nrows != 0)
		die("table_add_col after rows were added");
	xgrow((void **)&t->cols, &t->cols_cap, t->ncols + 1, sizeof(*t->cols));
	t->cols[t->ncols].name = xstrdup(name);
	t->cols[t->ncols].kind = kind;
	t->ncols++;
}

void
table_add_row(struct table *t)
{
	xgrow((void **)&t->rows, &t->rows_cap, t->nrows + 1, sizeof(*t->rows));
	t->rows[t->nrows++] = xcalloc(t->ncols, sizeof(char *));
}

void
table_set(struct table *t, int col, const char *text)
{
	char **row;

	if (t->nrows == 0 || col < 0 || (size_t)col >= t->ncols)
		die("table_set: no cell %d", col);
	row = t->rows[t->nrows - 1];
	free(row[col]);
	row[col] = text ? xstrdup(text) : NULL;
}

void
table_setf(struct table *t, int col, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	table_set(t, col, buf);
}

int
table_nrows(const struct table *t)
{
	return (int)t->nrows;
}

static void
pad(FILE *f, size_t n)
{
	while (n-- > 0)
		fputc(' ', f);
}

/* One text cell, header or row: s in its display form, padded to w
 * columns (numbers on the right; the last text column is not padded). */
static void
put_text_cell(FILE *f, const char *s, size_t w, enum table_kind kind, int last)
{
	size_t sw = utf8_cols(s);

	if (kind == TABLE_NUM)
		pad(f, w - sw);
	fputs(s, f);
	if (kind != TABLE_NUM && !last)
		pad(f, w - sw);
}

/* s as shown (utf8_display()), or s itself when that is the same. */
static const char *
shown(const char *s)
{
	if (s == NULL)
		return "";
	return utf8_is_shown_as_is(s) ? s : utf8_display(s, NULL);
}

/*
 * Names come from input: every cell is shown in its display form
 * (utf8_display(): control characters as \xHH, ill-formed UTF-8 as
 * U+FFFD), and the widths are those of what is printed.
 */
static void
print_text(const struct table *t, FILE *f)
{
	size_t *w = xcalloc(t->ncols, sizeof(size_t));
	const char **head = xcalloc(t->ncols, sizeof(char *));
	const char **cell = xcalloc(t->nrows * t->ncols + 1, sizeof(char *));
	size_t r, c, total = 0;

	for (c = 0; c < t->ncols; c++) {
		head[c] = shown(t->cols[c].name);
		w[c] = utf8_cols(head[c]);
	}
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = shown(t->rows[r][c]);
			size_t sw = utf8_cols(s);

			cell[r * t->ncols + c] = s;
			if (sw > w[c])
				w[c] = sw;
		}
	}
	for (c = 0; c < t->ncols; c++)
		total += w[c] + (c ? 2 : 0);
	if (t->title[0] != '\0') {
		utf8_display_put(f, t->title, NULL);
		fputc('\n', f);
	}
	for (c = 0; c < t->ncols; c++) {
		if (c)
			fputs("  ", f);
		put_text_cell(f, head[c], w[c], t->cols[c].kind, c + 1 == t->ncols);
	}
	fputc('\n', f);
	for (c = 0; c < total; c++)
		fputc('-', f);
	fputc('\n', f);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				fputs("  ", f);
			put_text_cell(f, cell[r * t->ncols + c], w[c], t->cols[c].kind,
				      c + 1 == t->ncols);
		}
		fputc('\n', f);
	}
	for (c = 0; c < t->ncols; c++) {
		if (head[c] != t->cols[c].name)
			free((char *)head[c]);
	}
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = cell[r * t->ncols + c];

			if (t->rows[r][c] != NULL && s != t->rows[r][c])
				free((char *)s);
		}
	}
	free(cell);
	free(head);
	free(w);
}

static void
print_csv(const struct table *t, FILE *f)
{
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		if (c)
			fputc(',', f);
		csv_put_field(f, t->cols[c].name, CSV_SHEET);
	}
	fputc('\n', f);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				fputc(',', f);
			if (t->rows[r][c])
				csv_put_field(f, t->rows[r][c], CSV_SHEET);
		}
		fputc('\n', f);
	}
}

void
json_print_string(FILE *f, const char *s)
{
	utf8_json_put(f, s);
}

/* A numeric cell is printed bare only when it is a plain JSON number. */
static int
is_json_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static void
print_json(const struct table *t, FILE *f, int indent)
{
	size_t r, c;

	fputs("[", f);
	for (r = 0; r < t->nrows; r++) {
		fprintf(f, "%s\n%*s{", r ? "," : "", indent + 2, "");
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->rows[r][c];

			if (c)
				fputs(", ", f);
			json_print_string(f, t->cols[c].name);
			fputs(": ", f);
			if (s == NULL || (t->cols[c].kind == TABLE_NUM && s[0] == '\0'))
				fputs("null", f);
			else if (t->cols[c].kind == TABLE_NUM && is_json_number(s))
				fputs(s, f);
			else
				json_print_string(f, s);
		}
		fputs("}", f);
	}
	if (t->nrows)
		fprintf(f, "\n%*s", indent, "");
	fputs("]", f);
}

void
table_print(const struct table *t, FILE *f, enum out_format fmt)
{
	switch (fmt) {
	case OUT_TEXT:
		print_text(t, f);
		break;
	case OUT_CSV:
		print_csv(t, f);
		break;
	case OUT_JSON:
		print_json(t, f, 0);
		fputc('\n', f);
		break;
	}
}

void
table_print_many(struct table *const *ts, int n, FILE *f, enum out_format fmt)
{
	int i;

	if (fmt == OUT_JSON) {
		fputs("{", f);
		for (i = 0; i < n; i++) {
			fprintf(f, "%s\n  ", i ? "," : "");
			json_print_string(f, ts[i]->title);
			fputs(": ", f);
			print_json(ts[i], f, 2);
		}
		fputs("\n}\n", f);
		return;
	}
	for (i = 0; i < n; i++) {
		if (i)
			fputc('\n', f);
		if (fmt == OUT_CSV) {
			fputs("# ", f);
			utf8_display_put(f, ts[i]->title, NULL);
			fputc('\n', f);
		}
		table_print(ts[i], f, fmt);
	}
}
