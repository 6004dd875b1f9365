/*
 * csvread.h - CSV records from a plain or gzip file, with the line and
 * column of every field for error messages.
 *
 * Layer: engine, readers. Record boundaries are found here (quote-aware,
 * so a quoted field may hold commas, quotes and newlines); the fields of
 * a record are split and unquoted by libcsv. A UTF-8 byte-order mark and
 * CRLF line ends are accepted, and so are lone-CR line ends (classic Mac
 * OS), told from the first line: every CR of such a file reads as LF.
 * Scanning is linear in the input, however long a quoted field. The same
 * record splitter works on any byte range, so a file can be cut into
 * chunks at record boundaries (LF files only).
 *
 * Ownership: the reader owns the record and its fields; they are valid
 * until the next csvr_next() call.
 */
#ifndef RS_CSVREAD_H
#define RS_CSVREAD_H

#include <stddef.h>

#include "base/util.h"

/* Longest record accepted: a bound, so hostile input cannot take all
 * memory (real CUR rows with hundreds of tag columns stay far below). */
#define CSVR_MAX_RECORD (64u << 20)
/* Most fields in a record. */
#define CSVR_MAX_FIELDS 100000

struct csv_record {
	size_t n;            /* number of fields */
	const char **f;      /* fields, NUL-terminated, unquoted */
	const size_t *len;   /* their lengths */
	long line;           /* physical line where the record starts, 1-based */
	int blank;           /* the line is empty (n == 1, f[0] == "") */
};

struct csvr;

/* Open a CSV (or gzip CSV) file. Caller closes with csvr_close(). */
int csvr_open(const char *path, struct csvr **out, struct diag *d);
void csvr_close(struct csvr *r);
/* Read records of a plain file that start in [begin, stop): begin must be
 * the start of a record; the last record may run past stop. Lines are
 * counted from 1 at begin. For reading chunks of a file on threads. */
int csvr_open_range(const char *path, unsigned long long begin,
		    unsigned long long stop, struct csvr **out, struct diag *d);
/* Copy only the fields k < n with want[k] != 0 (others read as ""); NULL
 * copies all. Parsing stops copying what nobody reads. */
void csvr_want(struct csvr *r, const unsigned char *want, size_t n);
/* Stream offset (uncompressed) where the next record starts. */
unsigned long long csvr_offset(const struct csvr *r);
/* Physical lines consumed so far. */
long csvr_lines(const struct csvr *r);
int csvr_is_gzip(const struct csvr *r);
/* Whether the file has lone-CR line ends (known once a record is read);
 * such a file cannot be read in byte ranges. */
int csvr_cr_only(const struct csvr *r);
/* Next record: 1 with *rec filled, 0 at end of file, -1 on error (an
 * unterminated quoted field, a record over the bound, a read error). */
int csvr_next(struct csvr *r, struct csv_record *rec, struct diag *d);
/* 1-based column (byte offset in its line) where field k of the current
 * record starts; 0 if unknown. Used only on the error path. */
long csvr_field_col(const struct csvr *r, size_t k);
/* Where byte off of the current record's raw bytes is (off == its length:
 * just after its last byte, where a missing field would start): the field
 * it belongs to, its physical line and 1-based column. */
void csvr_locate(const struct csvr *r, size_t off, size_t *field, long *line, long *col);
/* The current record's raw bytes (without its line end). */
const char *csvr_raw(const struct csvr *r, size_t *len);
const char *csvr_path(const struct csvr *r);
unsigned long long csvr_consumed(const struct csvr *r);
unsigned long long csvr_size(const struct csvr *r);

#endif
