/*
 * input.h - a byte stream from a file, plain or gzip (detected by its
 * magic bytes, not its name), inflated with ISA-L when available and zlib
 * otherwise. Concatenated gzip members (as `cat a.gz b.gz`) are one stream.
 *
 * Layer: engine, bottom of the readers. Errors name the file.
 */
#ifndef RS_INPUT_H
#define RS_INPUT_H

#include <stddef.h>

#include "base/util.h"

struct input;

/* Open path ("-" is standard input). Caller closes with input_close(). */
int input_open(const char *path, struct input **out, struct diag *d);
void input_close(struct input *in);
/* Open a plain (not gzip) file to be read from byte offset on; used to
 * read chunks of one file on several threads. */
int input_open_at(const char *path, unsigned long long offset,
		  struct input **out, struct diag *d);
/* Read up to n bytes into buf. Returns the count, 0 at the end, or -1
 * with d filled (read error, corrupt or truncated gzip). */
long input_read(struct input *in, char *buf, size_t n, struct diag *d);
/* Whether the file is gzip. */
int input_is_gzip(const struct input *in);
/* Bytes of the file consumed so far and its size (0 if unknown), for
 * progress reports. */
unsigned long long input_consumed(const struct input *in);
unsigned long long input_size(const struct input *in);
/* A read buffer size for this stream: max, or less (a power of two of at
 * least 4 KiB) when the file is small (for gzip, a guess from its
 * compressed size), so that small files (thousands a second under
 * fuzzing) do not pay for big buffers. */
size_t input_block(const struct input *in, size_t max);
/* Name of the inflater in use: "zlib", "isa-l" or "none". */
const char *input_inflater(const struct input *in);

#endif
