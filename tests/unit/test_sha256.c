/*
 * test_sha256.c - SHA-256 against the FIPS 180-2 appendix examples and
 * the NIST byte-oriented vectors, fed whole and in odd pieces.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/sha256.h"
#include "testlib.h"

static void
check(const char *msg, size_t n, size_t piece, const char *want, const char *what)
{
	struct sha256 s;
	char hex[65];
	size_t i;

	sha256_init(&s);
	for (i = 0; i < n; i += piece)
		sha256_update(&s, msg + i, n - i < piece ? n - i : piece);
	sha256_final_hex(&s, hex);
	test_str(hex, want, "%s in pieces of %zu", what, piece);
}

int
main(void)
{
	static const char two_blocks[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char *million = malloc(1000000), path[] = "/tmp/rs-test-sha256-XXXXXX";
	unsigned long long size;
	struct diag d;
	char hex[65];
	size_t pieces[] = { 1, 3, 63, 64, 65, 1000000 };
	size_t k;
	FILE *f;
	int fd;

	for (k = 0; k < ARRAY_SIZE(pieces); k++) {
		check("", 0, pieces[k],
		      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty");
		check("abc", 3, pieces[k],
		      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
		check(two_blocks, strlen(two_blocks), pieces[k],
		      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
		      "448-bit message");
	}
	memset(million, 'a', 1000000);
	check(million, 1000000, 4096,
	      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	      "one million 'a'");
	/* 55 and 56 bytes: the padding's length field fits or spills */
	check(million, 55, 7, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
	      "55 'a'");
	check(million, 56, 7, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
	      "56 'a'");

	fd = mkstemp(path);
	f = fdopen(fd, "wb");
	fwrite(million, 1, 1000000, f);
	fclose(f);
	test_int(sha256_file(path, hex, &size, &d), 0, "sha256_file reads a file");
	test_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
		 "sha256_file digest");
	test_int((int64_t)size, 1000000, "sha256_file size");
	unlink(path);
	test_int(sha256_file(path, hex, &size, &d), -1, "a missing file is an error");
	test_ok(strstr(d.msg, "cannot open") != NULL, "the error says so: %s", d.msg);
	free(million);
	return test_summary();
}
