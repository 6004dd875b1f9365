/*
 * utf8.h - names from input made safe to write: ill-formed UTF-8 replaced
 * by U+FFFD, control characters shown instead of sent to a terminal, JSON
 * string literals. Every writer of text, JSON, CSV, HTML and the rollup
 * goes through these, so a billing export cannot break a strict JSON
 * parser or move a terminal's cursor.
 *
 * Layer: bottom. Depends on libc only. Strings are NUL-terminated bytes
 * in no particular encoding; what comes out is always well-formed UTF-8.
 *
 * Control characters are C0 (U+0000..U+001F), DEL (U+007F) and C1
 * (U+0080..U+009F, two bytes in UTF-8). For people they are shown as \x
 * and two hex digits of the code point: ESC as "\x1b", CSI (U+009B) as
 * "\x9b". A backslash is not escaped: the display form is for reading,
 * not for parsing back.
 */
#ifndef RS_UTF8_H
#define RS_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* The code point at s[0..n) (n >= 1) into *cp; returns the bytes it
 * spans (1 to 4). An ill-formed sequence gives *cp = UTF8_REPLACEMENT and
 * the length of its maximal subpart, the longest start of a well-formed
 * sequence (at least one byte), so each one becomes exactly one U+FFFD
 * (Unicode 15.0, section 3.9, "U+FFFD Substitution of Maximal Subparts").
 * An encoded U+FFFD also gives UTF8_REPLACEMENT: tell them apart with
 * utf8_valid() when it matters. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Write code point cp as UTF-8 at out (room for four bytes); returns
 * how many bytes. A surrogate or a value above U+10FFFF is written as
 * U+FFFD. */
size_t utf8_encode(uint32_t cp, char *out);

/* Is s[0..n) well-formed UTF-8? */
int utf8_valid(const char *s, size_t n);

/* Is cp a control character (C0, DEL or C1)? */
int utf8_is_control(uint32_t cp);

/* s with each ill-formed sequence replaced by U+FFFD; a new string
 * (caller frees). */
char *utf8_sanitize(const char *s);

/* s as it is shown to a person (terminal, text file, error message):
 * well-formed UTF-8 (utf8_sanitize()) with every control character
 * written as \xHH, except those in keep (NULL: none; "\n" lets line ends
 * through). A new string (caller frees). Applying it twice gives the
 * same as once. */
char *utf8_display(const char *s, const char *keep);

/* Is utf8_display(s, NULL) the same as s (well-formed, no control
 * character)? Lets a writer skip the copy. */
int utf8_is_shown_as_is(const char *s);

/* Write utf8_display(s, keep) to f, allocating nothing (die() uses it). */
void utf8_display_put(FILE *f, const char *s, const char *keep);

/* Display columns of utf8_display(s, NULL): one per code point (the
 * program writes no double-width characters of its own). */
size_t utf8_cols(const char *s);

/* Write s to f as a JSON string literal: quotes, backslash and every
 * control character escaped (C0, DEL and C1 as \u00XX), ill-formed UTF-8
 * as U+FFFD. */
void utf8_json_put(FILE *f, const char *s);

#endif
