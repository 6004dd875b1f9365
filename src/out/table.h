/*
 * table.h - one result table printed three ways: aligned text for people,
 * CSV and JSON for machines. Every command that prints results builds a
 * table (or several) and hands it to table_print(), so --format behaves
 * the same everywhere.
 *
 * Layer: out (below the CLI, the report and the TUI). Cells are strings the
 * caller has already formatted; numeric columns are right-aligned in text
 * and unquoted in JSON, so put exact decimal strings in them.
 *
 * Cells may hold names from input, so each form makes them safe for its
 * reader (utf8.h): text shows control characters as \xHH; CSV puts a '
 * before a cell a spreadsheet would take for a formula (= + - @ TAB CR;
 * numbers such as -12.50 stay as they are); JSON escapes them.
 * All three replace ill-formed UTF-8 by U+FFFD.
 */
#ifndef RS_TABLE_H
#define RS_TABLE_H

#include <stdio.h>

/* The three forms every command, the report and the TUI model print. */
enum out_format { OUT_TEXT, OUT_JSON, OUT_CSV };

enum table_kind { TABLE_TEXT, TABLE_NUM };

struct table;

/* title is shown above the text form and used as the JSON key by
 * table_print_many(); caller frees with table_free(). */
struct table *table_new(const char *title);
void table_free(struct table *t);
void table_add_col(struct table *t, const char *name, enum table_kind kind);
/* Start a new row; cells default to empty (JSON null). */
void table_add_row(struct table *t);
/* Set a cell of the current row (copied). */
void table_set(struct table *t, int col, const char *text);
void table_setf(struct table *t, int col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int table_nrows(const struct table *t);

/* Print one table. Text: title line, header, rule, rows. CSV: header and
 * rows (RFC 4180 quoting). JSON: an array of objects. */
void table_print(const struct table *t, FILE *f, enum out_format fmt);

/* Print several tables as one document: text tables separated by blank
 * lines; JSON an object {title: [rows...], ...}; CSV each table preceded
 * by a "# title" line and separated by a blank line. */
void table_print_many(struct table *const *ts, int n, FILE *f,
		      enum out_format fmt);

/* Write s as a JSON string literal with escapes (utf8_json_put()). */
void json_print_string(FILE *f, const char *s);

#endif
