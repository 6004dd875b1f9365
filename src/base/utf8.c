/*
 * utf8.c - UTF-8 decoding with U+FFFD for ill-formed sequences, the
 * display form of names (control characters as \xHH) and JSON string
 * literals.
 * Layer: bottom (libc only).
 *
 * The decoder follows the table of well-formed byte sequences (Unicode
 * 15.0, table 3-7): overlong forms, surrogates (ED A0..BF) and code
 * points above U+10FFFF are ill-formed, and a sequence cut short counts as
 * one maximal subpart, so "\xE2\x82" followed by "A" is U+FFFD "A".
 */
#include "config.h"

#include "base/utf8.h"

#include <string.h>

#include "base/util.h"

/* What decode() gives for an ill-formed sequence. */
#define ILL_FORMED UINT32_MAX

static size_t
decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1Fu;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0Fu;
		if (s[0] == 0xE0)
			lo = 0xA0; /* no overlong forms */
		else if (s[0] == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07u;
		if (s[0] == 0xF0)
			lo = 0x90; /* no overlong forms */
		else if (s[0] == 0xF4)
			hi = 0x8F; /* nothing above U+10FFFF */
	} else {
		/* a continuation byte, C0, C1 or F5..FF: never starts a sequence */
		*cp = ILL_FORMED;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*cp = ILL_FORMED;
			return i;
		}
		c = c << 6 | (s[i] & 0x3Fu);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = c;
	return len;
}

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	size_t k = decode(s, n, cp);

	if (*cp == ILL_FORMED)
		*cp = UTF8_REPLACEMENT;
	return k;
}

int
utf8_valid(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		i += decode(s + i, n - i, &cp);
		if (cp == ILL_FORMED)
			return 0;
	}
	return 1;
}

int
utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * The length of the start of s[0..n) that every writer copies as it is:
 * printable ASCII other than the bytes in stop (may be NULL), and
 * well-formed sequences of non-control characters. Names are mostly this,
 * so writers copy them in runs and decode only what needs changing.
 */
static size_t
plain_run(const char *s, size_t n, const char *stop)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t k;

		if (c >= 0x20 && c < 0x7F) {
			if (stop != NULL && strchr(stop, c) != NULL)
				break;
			i++;
			continue;
		}
		if (c < 0x80)
			break;
		k = decode(s + i, n - i, &cp);
		if (cp == ILL_FORMED || utf8_is_control(cp))
			break;
		i += k;
	}
	return i;
}

/* How utf8_display() writes code point cp: as it is (U+FFFD for an
 * ill-formed sequence, utf8_decode() already gave it), or \xHH for a
 * control character not in keep. Writes at most four bytes at out;
 * returns how many. */
static size_t
show(uint32_t cp, const char *keep, char *out)
{
	static const char hex[] = "0123456789abcdef";

	if (!utf8_is_control(cp) || (cp != 0 && keep != NULL && strchr(keep, (int)cp) != NULL))
		return utf8_encode(cp, out);
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[cp >> 4];
	out[3] = hex[cp & 0xF];
	return 4;
}

/*
 * The one loop of every writer here: s to f, plain runs as they are and
 * each other code point (U+FFFD for an ill-formed sequence) through one().
 */
static void
walk(FILE *f, const char *s, const char *stop,
     void (*one)(FILE *, uint32_t, const char *), const char *ctx)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		size_t k = plain_run(s + i, n - i, stop);
		uint32_t cp;

		fwrite(s + i, 1, k, f);
		i += k;
		if (i == n)
			break;
		i += utf8_decode(s + i, n - i, &cp);
		one(f, cp, ctx);
	}
}

static void
put_sanitized(FILE *f, uint32_t cp, const char *unused)
{
	char b[4];

	(void)unused;
	fwrite(b, 1, utf8_encode(cp, b), f);
}

static void
put_shown(FILE *f, uint32_t cp, const char *keep)
{
	char b[4];

	fwrite(b, 1, show(cp, keep, b), f);
}

/* walk() into a new string. */
static char *
rewrite(const char *s, void (*one)(FILE *, uint32_t, const char *), const char *keep)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (m == NULL)
		die("out of memory");
	walk(m, s, NULL, one, keep);
	if (fclose(m) != 0)
		die("out of memory");
	return buf;
}

char *
utf8_sanitize(const char *s)
{
	return rewrite(s, put_sanitized, NULL);
}

char *
utf8_display(const char *s, const char *keep)
{
	return rewrite(s, put_shown, keep);
}

int
utf8_is_shown_as_is(const char *s)
{
	size_t n = strlen(s);

	return plain_run(s, n, NULL) == n;
}

void
utf8_display_put(FILE *f, const char *s, const char *keep)
{
	walk(f, s, NULL, put_shown, keep);
}

size_t
utf8_cols(const char *s)
{
	size_t n = strlen(s), i = 0, w = 0;

	while (i < n) {
		size_t k = plain_run(s + i, n - i, NULL), j;
		uint32_t cp;

		for (j = i; j < i + k; j++)
			w += ((unsigned char)s[j] & 0xC0) != 0x80;
		i += k;
		if (i == n)
			break;
		i += utf8_decode(s + i, n - i, &cp);
		w += utf8_is_control(cp) ? 4 : 1;
	}
	return w;
}

/* the escapes JSON has a short form for (RFC 8259, section 7) */
static const char json_short_from[] = "\"\\\n\r\t", json_short_to[] = "\"\\nrt";

static void
put_json(FILE *f, uint32_t cp, const char *unused)
{
	const char *q = cp < 0x80 ? strchr(json_short_from, (int)cp) : NULL;
	char b[4];

	(void)unused;
	if (q != NULL) {
		fputc('\\', f);
		fputc(json_short_to[q - json_short_from], f);
	} else if (utf8_is_control(cp)) {
		fprintf(f, "\\u%04x", (unsigned)cp);
	} else {
		fwrite(b, 1, utf8_encode(cp, b), f);
	}
}

void
utf8_json_put(FILE *f, const char *s)
{
	fputc('"', f);
	walk(f, s, json_short_from, put_json, NULL);
	fputc('"', f);
}
