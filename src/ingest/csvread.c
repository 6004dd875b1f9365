/*
 * csvread.c - quote-aware record splitting over a streamed buffer, field
 * parsing by libcsv.
 * Layer: engine, readers.
 *
 * The buffer holds [start, end) of unread bytes; a record is complete when
 * a newline outside quotes is found. When no complete record remains the
 * tail is moved to the front and more input is read; a record longer than
 * the buffer grows it up to CSVR_MAX_RECORD. The scan of an incomplete
 * record is kept (offset, quote state, newlines seen) and resumed after
 * the read, and the next newline is remembered across quotes, so every
 * byte of a record is looked at a bounded number of times however long
 * its quoted fields are.
 *
 * Line ends: LF and CRLF as they come; a file whose first line ends in a
 * lone CR (classic Mac OS) has every CR read as LF from then on.
 */
#include "config.h"

#include "ingest/csvread.h"

#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "ingest/input.h"

#define CSVR_BLOCK (4u << 20)

struct csvr {
	struct input *in;
	char *path;
	char *buf;
	size_t cap, start, end;
	int eof;
	long next_line;       /* physical line number of buf[start] */
	unsigned long long base; /* stream offset of buf[0] */
	unsigned long long stop; /* no record starts at or after this (0: none) */
	int first;            /* BOM not yet checked */
	int eol_known;        /* the line-end style is decided */
	int cr_only;          /* lone CRs end lines: read them as LF */
	size_t eol_scan;      /* bytes of the first record looked at (from start) */
	int eol_inq;

	/* scan of the record at buf[start], relative to start */
	size_t scan;          /* bytes scanned */
	int scan_inq;         /* inside quotes at scan */
	size_t scan_quote;    /* the unclosed opening quote, or (size_t)-1 */
	long scan_lines;      /* newlines inside quotes so far */
	size_t scan_nl;       /* no newline in [scan, scan_nl) when scan_nl > scan */

	/* current record */
	const char *raw;
	size_t rawlen;
	long rec_line;

	/* fields: one arena of NUL-terminated copies */
	struct csv_parser parser;
	char *arena;
	size_t arena_len, arena_cap;
	size_t *off;          /* offsets of fields in arena */
	size_t *flen;
	const char **fptr;
	size_t nf, fcap;
	int too_many;
	unsigned char *want;  /* want[k] == 0: field k is not copied */
	size_t nwant;
};

/* Append a field to the current record: a NUL-terminated copy in the
 * arena (the arena is sized for the record before splitting starts). */
static void
push_field(struct csvr *r, const char *s, size_t len)
{
	if (r->nf >= CSVR_MAX_FIELDS) {
		r->too_many = 1;
		return;
	}
	if (r->nf == r->fcap) {
		r->fcap = r->fcap ? r->fcap * 2 : 64;
		r->off = xrealloc(r->off, r->fcap * sizeof(*r->off));
		r->flen = xrealloc(r->flen, r->fcap * sizeof(*r->flen));
		r->fptr = xrealloc(r->fptr, r->fcap * sizeof(*r->fptr));
	}
	if (r->arena_len + len + 1 > r->arena_cap) /* libcsv path only */
		xgrow((void **)&r->arena, &r->arena_cap, r->arena_len + len + 1, 1);
	if (len)
		memcpy(r->arena + r->arena_len, s, len);
	r->arena[r->arena_len + len] = '\0';
	r->off[r->nf] = r->arena_len;
	r->flen[r->nf] = len;
	r->arena_len += len + 1;
	r->nf++;
}

static void
field_cb(void *s, size_t len, void *data)
{
	push_field(data, s, len);
}

/* Make room for up to n fields in the field arrays. */
static void
ensure_fields(struct csvr *r, size_t n)
{
	if (n <= r->fcap)
		return;
	while (r->fcap < n)
		r->fcap = r->fcap ? r->fcap * 2 : 64;
	r->off = xrealloc(r->off, r->fcap * sizeof(*r->off));
	r->flen = xrealloc(r->flen, r->fcap * sizeof(*r->flen));
	r->fptr = xrealloc(r->fptr, r->fcap * sizeof(*r->fptr));
}

/*
 * Split a record without libcsv when it is simple: unquoted fields, or
 * quoted fields without doubled quotes that end at a comma. Returns 0 when
 * done, -1 when the record needs libcsv's full rules (escaped quotes,
 * text after a closing quote). The caller has sized the arena for the
 * record; the field arrays are sized here for the most fields a record of
 * this length can hold, so the loop does no bounds checks. arena[0] is a
 * NUL that fields the caller does not want all share.
 */
static int
split_fast(struct csvr *r, const char *p, size_t len)
{
	size_t i = 0, nf = 0, al = r->arena_len;
	const unsigned char *want = r->want;
	size_t nwant = want ? r->nwant : 0;

	ensure_fields(r, len + 2);
	for (;;) {
		const char *fs;
		size_t fl;

		if (i < len && p[i] == '"') {
			const char *q = memchr(p + i + 1, '"', len - i - 1);
			size_t e;

			if (q == NULL)
				return -1;
			e = (size_t)(q - p);
			if (e + 1 < len && p[e + 1] != ',')
				return -1; /* "" escape or text after the quote */
			fs = p + i + 1;
			fl = e - i - 1;
			i = e + 1;
		} else {
			const char *c = memchr(p + i, ',', len - i);
			size_t e = c ? (size_t)(c - p) : len;

			fs = p + i;
			fl = e - i;
			i = e;
		}
		if (want != NULL && (nf >= nwant || !want[nf])) {
			r->off[nf] = 0;
			r->flen[nf] = 0;
		} else {
			memcpy(r->arena + al, fs, fl);
			r->arena[al + fl] = '\0';
			r->off[nf] = al;
			r->flen[nf] = fl;
			al += fl + 1;
		}
		nf++;
		if (i >= len)
			break;
		i++; /* the comma */
		if (i == len) {
			r->off[nf] = 0; /* trailing empty field */
			r->flen[nf] = 0;
			nf++;
			break;
		}
	}
	r->nf = nf;
	r->arena_len = al;
	if (nf > CSVR_MAX_FIELDS)
		r->too_many = 1;
	return 0;
}

static void
record_cb(int c, void *data)
{
	(void)c;
	(void)data;
}

static struct csvr *
csvr_new(void)
{
	return xcalloc(1, sizeof(struct csvr));
}

static void
csvr_setup(struct csvr *r, const char *path)
{
	r->path = xstrdup(path);
	r->cap = input_block(r->in, CSVR_BLOCK);
	r->buf = xmalloc(r->cap + 1);
	r->next_line = 1;
	r->scan_quote = (size_t)-1;
	if (csv_init(&r->parser, CSV_APPEND_NULL) != 0)
		die("cannot initialise libcsv");
}

int
csvr_open_range(const char *path, unsigned long long begin,
		unsigned long long stop, struct csvr **out, struct diag *d)
{
	struct csvr *r = csvr_new();

	*out = NULL;
	if (input_open_at(path, begin, &r->in, d) < 0) {
		free(r);
		return -1;
	}
	csvr_setup(r, path);
	r->base = begin;
	r->stop = stop;
	r->eol_known = 1; /* chunks are cut at LF: files with LF line ends only */
	*out = r;
	return 0;
}

unsigned long long
csvr_offset(const struct csvr *r)
{
	return r->base + r->start;
}

long
csvr_lines(const struct csvr *r)
{
	return r->next_line - 1;
}

int
csvr_is_gzip(const struct csvr *r)
{
	return input_is_gzip(r->in);
}

int
csvr_cr_only(const struct csvr *r)
{
	return r->cr_only;
}

int
csvr_open(const char *path, struct csvr **out, struct diag *d)
{
	struct csvr *r;

	*out = NULL;
	r = csvr_new();
	if (input_open(path, &r->in, d) < 0) {
		free(r);
		return -1;
	}
	csvr_setup(r, path);
	r->first = 1;
	*out = r;
	return 0;
}

void
csvr_want(struct csvr *r, const unsigned char *want, size_t n)
{
	free(r->want);
	r->want = NULL;
	r->nwant = 0;
	if (want != NULL) {
		r->want = xmalloc(n ? n : 1);
		memcpy(r->want, want, n);
		r->nwant = n;
	}
}

void
csvr_close(struct csvr *r)
{
	if (r == NULL)
		return;
	free(r->want);
	csv_free(&r->parser);
	input_close(r->in);
	free(r->path);
	free(r->buf);
	free(r->arena);
	free(r->off);
	free(r->flen);
	free(r->fptr);
	free(r);
}

/* Every CR in p[0..n) becomes LF (a file with lone-CR line ends). */
static void
cr_to_lf(char *p, size_t n)
{
	char *e = p + n;

	while ((p = memchr(p, '\r', (size_t)(e - p))) != NULL)
		*p++ = '\n';
}

/* Read more input after the unread bytes; grow the buffer when it is
 * full of one record. Returns 0, or -1 on error. */
static int
fill(struct csvr *r, struct diag *d)
{
	long n;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->base += r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		if (r->cap >= CSVR_MAX_RECORD)
			return diag_set(d, r->path, r->next_line, 1,
					"record longer than %u MB (is this a CSV file?)",
					CSVR_MAX_RECORD >> 20);
		r->cap *= 2;
		r->buf = xrealloc(r->buf, r->cap + 1);
	}
	n = input_read(r->in, r->buf + r->end, r->cap - r->end, d);
	if (n < 0) {
		/* place a stream error (a cut gzip) where the data stopped */
		if (d != NULL && d->line == 0) {
			long line = r->next_line, col = 1;
			size_t k;

			for (k = r->start; k < r->end; k++) {
				if (r->buf[k] == '\n') {
					line++;
					col = 1;
				} else {
					col++;
				}
			}
			d->line = line;
			d->col = col;
		}
		return -1;
	}
	if (n == 0)
		r->eof = 1;
	if (r->cr_only)
		cr_to_lf(r->buf + r->end, (size_t)n);
	r->end += (size_t)n;
	return 0;
}

/* Index of the first newline at or after buf[i], or end; remembers it so
 * a search is not repeated over bytes already known to hold none. */
static size_t
next_newline(struct csvr *r, size_t i)
{
	size_t known = r->start + r->scan_nl, from = known > i ? known : i;
	const char *nl;

	if (from < r->end && r->buf[from] == '\n')
		return from;
	nl = memchr(r->buf + from, '\n', r->end - from);
	from = nl ? (size_t)(nl - r->buf) : r->end;
	r->scan_nl = from - r->start;
	return from;
}

/*
 * Scan the record starting at buf[start] from where the last scan
 * stopped: the index of its newline outside quotes, or `end` if there is
 * none yet (the state is kept for the next call). A doubled quote inside
 * quotes is an escaped quote; a quote at the end of the buffer waits for
 * the next byte to tell which it is.
 */
static size_t
scan_record(struct csvr *r)
{
	const char *buf = r->buf;
	size_t i = r->start + r->scan, end = r->end, e = end;

	while (i < end) {
		if (!r->scan_inq) {
			size_t nl = next_newline(r, i);
			const char *q = memchr(buf + i, '"', nl - i);

			if (q == NULL) {
				i = nl;
				e = nl;
				break;
			}
			r->scan_inq = 1;
			r->scan_quote = (size_t)(q - buf) - r->start;
			i = (size_t)(q - buf) + 1;
		} else {
			const char *q = memchr(buf + i, '"', end - i);
			size_t qi = q ? (size_t)(q - buf) : end, nl;

			while ((nl = next_newline(r, i)) < qi) {
				r->scan_lines++;
				i = nl + 1;
			}
			if (q == NULL) {
				i = end;
				break;
			}
			if (qi + 1 == end && !r->eof) {
				i = qi; /* a closing quote or the first of "": read on */
				break;
			}
			if (qi + 1 < end && buf[qi + 1] == '"') {
				i = qi + 2; /* "" inside quotes */
				continue;
			}
			i = qi + 1;
			r->scan_inq = 0;
			r->scan_quote = (size_t)-1;
		}
	}
	r->scan = i - r->start;
	return e;
}

/* Forget the scan: the next record starts at buf[start]. */
static void
scan_reset(struct csvr *r)
{
	r->scan = 0;
	r->scan_inq = 0;
	r->scan_quote = (size_t)-1;
	r->scan_lines = 0;
	r->scan_nl = 0;
}

/*
 * Decide the line-end style from the first line end outside quotes: a CR
 * not followed by LF means lone-CR line ends, and the unread bytes are
 * converted. Returns 1 when decided, 0 when more input is needed.
 */
static int
detect_eol(struct csvr *r)
{
	size_t k = r->start + r->eol_scan;

	for (; k < r->end; k++) {
		char c = r->buf[k];

		if (c == '"') {
			r->eol_inq = !r->eol_inq;
		} else if (!r->eol_inq && c == '\r') {
			if (k + 1 == r->end && !r->eof)
				break; /* is a LF next? */
			r->cr_only = k + 1 == r->end || r->buf[k + 1] != '\n';
			goto known;
		} else if (!r->eol_inq && c == '\n') {
			goto known;
		}
	}
	r->eol_scan = k - r->start;
	if (!r->eof)
		return 0;
known:
	if (r->cr_only)
		cr_to_lf(r->buf + r->start, r->end - r->start);
	r->eol_known = 1;
	return 1;
}

int
csvr_next(struct csvr *r, struct csv_record *rec, struct diag *d)
{
	size_t e, len;
	const char *p;

	if (r->stop != 0 && r->base + r->start >= r->stop)
		return 0;
	for (;;) {
		if (r->first && (r->end - r->start >= 3 || r->eof)) {
			if (r->end - r->start >= 3 &&
			    memcmp(r->buf + r->start, "\xEF\xBB\xBF", 3) == 0)
				r->start += 3;
			r->first = 0;
		}
		if (!r->first && (r->eol_known || detect_eol(r))) {
			e = scan_record(r);
			if (e < r->end)
				break; /* complete record */
			if (r->eof) {
				if (r->start == r->end)
					return 0;
				if (r->scan_quote != (size_t)-1) {
					size_t quote_at = r->start + r->scan_quote, k;
					long col = 1, qline = r->next_line;

					for (k = quote_at; k > r->start && r->buf[k - 1] != '\n'; k--)
						col++;
					for (; k > r->start; k--)
						qline += r->buf[k - 1] == '\n';
					return diag_set(d, r->path, qline, col,
							"unterminated quoted field (file ends inside quotes)");
				}
				break; /* last record without a newline */
			}
		}
		if (fill(r, d) < 0)
			return -1;
	}
	len = e - r->start;
	r->raw = r->buf + r->start;
	rec->line = r->next_line;
	r->rec_line = rec->line;
	r->next_line += r->scan_lines + (e < r->end ? 1 : 0);
	r->start = e < r->end ? e + 1 : e;
	scan_reset(r);
	if (len > 0 && r->raw[len - 1] == '\r')
		len--;
	r->rawlen = len;

	/* split fields; every field's copy fits in 2 * len + 3 bytes */
	r->too_many = 0;
	xgrow((void **)&r->arena, &r->arena_cap, 2 * len + 3, 1);
	r->arena[0] = '\0';
	r->nf = 0;
	r->arena_len = 1;
	if (len > 0 && split_fast(r, r->raw, len) < 0) {
		r->nf = 0;
		r->arena_len = 1;
		/* libcsv grows its field buffer by this much at a time: one
		 * step must hold the record's longest field, or a long field
		 * costs a reallocation every 128 bytes */
		if (len >= 128)
			csv_set_blk_size(&r->parser, len + 1);
		if (csv_parse(&r->parser, r->raw, len, field_cb, record_cb, r) != len)
			return diag_set(d, r->path, rec->line, 1, "malformed CSV: %s",
					csv_strerror(csv_error(&r->parser)));
		csv_fini(&r->parser, field_cb, record_cb, r);
	}
	if (r->too_many)
		return diag_set(d, r->path, rec->line, 1, "more than %d fields in a record",
				CSVR_MAX_FIELDS);
	if (r->nf == 0)
		push_field(r, "", 0);
	for (size_t k = 0; k < r->nf; k++)
		r->fptr[k] = r->arena + r->off[k];
	rec->n = r->nf;
	rec->f = r->fptr;
	rec->len = r->flen;
	p = r->raw;
	rec->blank = 1;
	for (size_t k = 0; k < len; k++) {
		if (p[k] != ' ' && p[k] != '\t') {
			rec->blank = 0;
			break;
		}
	}
	return 1;
}

long
csvr_field_col(const struct csvr *r, size_t k)
{
	size_t i = 0, field = 0;
	long col = 1;
	int inq = 0;

	while (i < r->rawlen && field < k) {
		char c = r->raw[i];

		if (c == '"')
			inq = !inq;
		else if (c == ',' && !inq)
			field++;
		if (c == '\n')
			col = 0;
		i++;
		col++;
	}
	return field == k ? col : 0;
}

void
csvr_locate(const struct csvr *r, size_t off, size_t *field, long *line, long *col)
{
	size_t i, bol = 0;
	int inq = 0;

	*field = 0;
	*line = r->rec_line;
	for (i = 0; i < off && i < r->rawlen; i++) {
		char c = r->raw[i];

		if (c == '"') {
			inq = !inq;
		} else if (c == ',' && !inq) {
			(*field)++;
		} else if (c == '\n') {
			(*line)++;
			bol = i + 1;
		}
	}
	*col = (long)(i - bol) + 1;
}

const char *
csvr_raw(const struct csvr *r, size_t *len)
{
	*len = r->rawlen;
	return r->raw;
}

const char *
csvr_path(const struct csvr *r)
{
	return r->path;
}

unsigned long long
csvr_consumed(const struct csvr *r)
{
	return input_consumed(r->in);
}

unsigned long long
csvr_size(const struct csvr *r)
{
	return input_size(r->in);
}
