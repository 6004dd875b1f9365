/*
 * sha256.h - SHA-256 (FIPS 180-4) of bytes and of files, for the audit
 * hashes a report prints next to its inputs: anyone can check them with
 * sha256sum(1).
 *
 * Layer: bottom. Depends on libc only.
 */
#ifndef RS_SHA256_H
#define RS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

struct sha256 {
	uint32_t h[8];
	uint64_t len;          /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *p, size_t n);
/* Finish and write the digest as 64 lower-case hex digits and a NUL
 * (hex needs 65 bytes). s must be initialized again before reuse. */
void sha256_final_hex(struct sha256 *s, char hex[65]);

/* Hash the file at path; *size gets its length in bytes. Returns 0, or
 * -1 with d naming the file when it cannot be read. */
int sha256_file(const char *path, char hex[65], unsigned long long *size,
		struct diag *d);

#endif
