/*
 * util.h - memory, diagnostics and small string helpers shared by every
 * layer of rightsize.
 *
 * Layer: bottom. Depends on libc only. Nothing here writes to stdout.
 *
 * Errors come in three tiers (see README, "Architecture"):
 *   1. programmer errors: assert();
 *   2. out of memory: xmalloc() and friends call die(), which runs the
 *      registered cleanup hook (the TUI restores the terminal) and exits 3;
 *   3. bad input: functions return -1 and fill a struct diag that the
 *      front end prints as one line "rightsize: FILE:LINE:COL: MESSAGE".
 */
#ifndef RS_UTIL_H
#define RS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses shared by every command. */
enum {
	RS_EXIT_OK = 0,
	RS_EXIT_INPUT = 1,    /* bad input or failed analysis */
	RS_EXIT_USAGE = 2,    /* bad command line */
	RS_EXIT_INTERNAL = 3, /* out of memory, bug */
};

/* A diagnostic about bad input: where it is and what is wrong with it.
 * line and col are 1-based; 0 means "not known" and is not printed. */
struct diag {
	char file[512];
	long line;
	long col;
	char msg[512];
};

void diag_clear(struct diag *d);
/* Fill d; returns -1 so callers can write `return diag_set(...)`. */
int diag_set(struct diag *d, const char *file, long line, long col,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int diag_vset(struct diag *d, const char *file, long line, long col,
	      const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
/* Format d as "FILE:LINE:COL: MSG" into buf (no program name, no newline). */
void diag_format(const struct diag *d, char *buf, size_t n);

/* Out of memory and other unrecoverable states: print, run the cleanup
 * hook, exit RS_EXIT_INTERNAL. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Register a function die() calls before exiting (the TUI's endwin). */
void die_set_cleanup(void (*fn)(void));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow *p (holding *cap elements of size sz) to hold at least need. */
void xgrow(void **p, size_t *cap, size_t need, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* 64-bit FNV-1a; stable across runs (used for hashing and audit hashes). */
uint64_t hash_bytes(const void *p, size_t n);
uint64_t hash_mix(uint64_t h, uint64_t v);
/* A faster 64-bit hash for in-memory tables (eight bytes a step); its
 * values may change between versions: never store them. */
uint64_t hash_fast(const void *p, size_t n);

/* Case-insensitive comparison of a counted string with a C string. */
int strn_ieq(const char *s, size_t n, const char *lit);
/* Trim ASCII blanks from both ends of a counted string, in place. */
void strn_trim(const char **s, size_t *n);

/* How csv_put_field() keeps a spreadsheet from taking a cell for a
 * formula. A cell starting with = + - @ TAB or CR is one to Excel,
 * LibreOffice and Google Sheets (OWASP, "CSV Injection"); a ' before it
 * makes it text, and the spreadsheet does not show the '. A number
 * (-12.50, +2.5%, 1e-3) and a lone - (no value) cannot be formulas and
 * are written as they are. */
enum csv_guard {
	CSV_SHEET,  /* a ' before a cell that could be a formula */
	CSV_ROLLUP, /* reversible: a ' also before a cell starting with ';
		     * csv_unguard() takes exactly one off again */
};

/* Write s to f as one CSV field (RFC 4180), guarded as g says, with
 * ill-formed UTF-8 as U+FFFD; quoted when it holds a comma, quote or line
 * end, starts with '#' or has blanks at either end. */
/* Read one line of fp into buf (max + 1 bytes), without its '\n': 1 with
 * *len set, 0 at the end of the file, -1 when the line is longer than
 * max bytes (what was read is dropped), -2 on a read error (errno set).
 * A read error is never taken for the end, and no line grows without
 * bound. */
int line_read(FILE *fp, char *buf, size_t max, size_t *len);

void csv_put_field(FILE *f, const char *s, enum csv_guard g);
/* A cell read back from a CSV_ROLLUP field: s without one leading '. */
const char *csv_unguard(const char *s);

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
