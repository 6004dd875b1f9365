/*
 * replay.c - run a libFuzzer target's entry point on files, without
 * libFuzzer: `make check` replays every input under tests/fuzz/regress/
 * (inputs that once crashed a reader) and the seed corpus this way, with
 * the normal compiler and, under --enable-sanitizers, ASan and UBSan.
 *
 * Layer: test.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *buf = NULL;
		size_t len = 0, cap = 0, n;

		if (f == NULL) {
			perror(argv[i]);
			return 99;
		}
		do {
			if (len == cap) {
				cap = cap ? cap * 2 : 65536;
				buf = realloc(buf, cap);
				if (buf == NULL)
					return 99;
			}
			n = fread(buf + len, 1, cap - len, f);
			len += n;
		} while (n > 0);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		printf("replayed %s (%zu bytes)\n", argv[i], len);
	}
	return 0;
}
