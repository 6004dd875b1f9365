/*
 * util.c - memory, diagnostics and small string helpers.
 * Layer: bottom (libc only).
 */
#include "config.h"

#include "base/util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

static void (*die_cleanup)(void);

void
diag_clear(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

int
diag_vset(struct diag *d, const char *file, long line, long col,
	  const char *fmt, va_list ap)
{
	if (d == NULL)
		return -1;
	snprintf(d->file, sizeof(d->file), "%s", file ? file : "");
	d->line = line;
	d->col = col;
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	return -1;
}

int
diag_set(struct diag *d, const char *file, long line, long col,
	 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(d, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void
diag_format(const struct diag *d, char *buf, size_t n)
{
	if (d->file[0] == '\0')
		snprintf(buf, n, "%s", d->msg);
	else if (d->line <= 0)
		snprintf(buf, n, "%s: %s", d->file, d->msg);
	else if (d->col <= 0)
		snprintf(buf, n, "%s:%ld: %s", d->file, d->line, d->msg);
	else
		snprintf(buf, n, "%s:%ld:%ld: %s", d->file, d->line, d->col,
			 d->msg);
}

void
die_set_cleanup(void (*fn)(void))
{
	die_cleanup = fn;
}

_Noreturn void
die(const char *fmt, ...)
{
	va_list ap;
	char msg[1024];

	if (die_cleanup != NULL)
		die_cleanup();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fputs("rightsize: ", stderr);
	utf8_display_put(stderr, msg, NULL);
	fputc('\n', stderr);
	exit(RS_EXIT_INTERNAL);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory allocating %zu bytes", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die("out of memory allocating %zu x %zu bytes", n, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		die("out of memory allocating %zu bytes", n);
	return q;
}

void
xgrow(void **p, size_t *cap, size_t need, size_t sz)
{
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / sz)
			die("out of memory: array of %zu elements", need);
		ncap *= 2;
	}
	*p = xrealloc(*p, ncap * sz);
	*cap = ncap;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *p;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		die("bad format string");
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

uint64_t
hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

uint64_t
hash_fast(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ (n * 0xff51afd7ed558ccdULL), w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ (w * 0x87c37b91114253d5ULL)) * 0x4cf5ad432745937fULL;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ (w * 0x87c37b91114253d5ULL)) * 0x4cf5ad432745937fULL;
	h ^= h >> 32;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 31);
}

uint64_t
hash_mix(uint64_t h, uint64_t v)
{
	/* splitmix64 finaliser over h ^ v */
	uint64_t z = h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int
strn_ieq(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (lit[i] == '\0')
			return 0;
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)lit[i]))
			return 0;
	}
	return lit[n] == '\0';
}

void
strn_trim(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}


/* A decimal number as the program prints it: sign, digits with one
 * point, exponent, percent sign. */
static int
csv_is_number(const char *s)
{
	const char *p = s;
	size_t digits = 0;

	if (*p == '-' || *p == '+')
		p++;
	for (; isdigit((unsigned char)*p); p++)
		digits++;
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++)
			digits++;
	}
	if (digits == 0)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == '%')
		p++;
	return *p == '\0';
}

/* Could a spreadsheet take s for a formula? It starts with one of OWASP's
 * characters and is neither a number nor a lone "-". */
static int
csv_may_be_formula(const char *s)
{
	if (s[0] == '\0' || strchr("=+-@\t\r", s[0]) == NULL)
		return 0;
	return strcmp(s, "-") != 0 && !csv_is_number(s);
}

void
csv_put_field(FILE *f, const char *s, enum csv_guard g)
{
	char *clean = NULL;
	size_t n = strlen(s);
	int guard;

	if (!utf8_valid(s, n)) {
		clean = utf8_sanitize(s);
		s = clean;
		n = strlen(s);
	}
	guard = csv_may_be_formula(s) || (g == CSV_ROLLUP && s[0] == '\'');
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != '#' &&
	    !(n > 0 && !guard && isspace((unsigned char)s[0])) &&
	    !(n > 0 && isspace((unsigned char)s[n - 1]))) {
		if (guard)
			fputc('\'', f);
		fputs(s, f);
		free(clean);
		return;
	}
	fputc('"', f);
	if (guard)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
	free(clean);
}

const char *
csv_unguard(const char *s)
{
	return s[0] == '\'' ? s + 1 : s;
}

int
line_read(FILE *fp, char *buf, size_t max, size_t *len)
{
	size_t n = 0;
	int ch;

	for (;;) {
		ch = getc_unlocked(fp);
		if (ch == EOF || ch == '\n')
			break;
		if (n == max)
			return -1;
		buf[n++] = (char)ch;
	}
	if (ch == EOF && ferror(fp))
		return -2;
	if (ch == EOF && n == 0)
		return 0;
	buf[n] = '\0';
	*len = n;
	return 1;
}
