/*
 * fuzz_file.h - hand a fuzz input to a reader that takes a path.
 *
 * Layer: test. The bytes are written to one anonymous in-memory file
 * (memfd) per process and its path under /proc/self/fd is returned, so
 * the readers are fuzzed exactly as they read files on disk and the
 * engine needs no second, in-memory entry point.
 */
#ifndef RS_FUZZ_FILE_H
#define RS_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Replace the in-memory file's contents with data; returns its path
 * (static storage). Aborts when the file cannot be written. */
static const char *
fuzz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	size_t off = 0;

	if (fd < 0) {
		fd = memfd_create("fuzz-input", 0);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0)
		abort();
	while (off < size) {
		ssize_t n = pwrite(fd, data + off, size - off, (off_t)off);

		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	return path;
}

#endif
