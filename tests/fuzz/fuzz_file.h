/*
 * fuzz_file.h - hand a fuzz input to a reader that takes a path, and the
 * checks the targets share.
 *
 * Layer: test. The bytes are written to one anonymous in-memory file
 * (memfd) per process and its path under /proc/self/fd is returned, so
 * the readers are fuzzed exactly as they read files on disk and the
 * engine needs no second, in-memory entry point. Targets that write files
 * (a rollup, an edited scenario) write them in fuzz_dir(), a folder on
 * tmpfs when there is one (the writers fsync), removed at exit.
 */
#ifndef RS_FUZZ_FILE_H
#define RS_FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property the target checks failed: say which, then abort (libFuzzer
 * saves the input as a crash). */
#define fuzz_check(cond)                                                        \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "fuzz check failed: %s:%d: %s\n", __FILE__, \
				__LINE__, #cond);                               \
			abort();                                                \
		}                                                               \
	} while (0)

/* Write data to the in-memory file slot (0 or 1; a target may need two
 * files at once); returns its path (static storage). Aborts when the file
 * cannot be written. */
static inline const char *
fuzz_file_slot(int slot, const uint8_t *data, size_t size)
{
	static int fd[2] = { -1, -1 };
	static char path[2][64];
	size_t off = 0;

	if (fd[slot] < 0) {
		fd[slot] = memfd_create("fuzz-input", 0);
		if (fd[slot] < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path[slot], sizeof(path[slot]), "/proc/self/fd/%d", fd[slot]);
	}
	if (ftruncate(fd[slot], 0) < 0)
		abort();
	while (off < size) {
		ssize_t n = pwrite(fd[slot], data + off, size - off, (off_t)off);

		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	return path[slot];
}

/* Replace the in-memory file's contents with data; returns its path. */
static inline const char *
fuzz_file(const uint8_t *data, size_t size)
{
	return fuzz_file_slot(0, data, size);
}

/* Do files a and b hold the same bytes? */
static inline int
fuzz_same_bytes(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int ca, cb, same = fa != NULL && fb != NULL;

	while (same) {
		ca = getc(fa);
		cb = getc(fb);
		same = ca == cb;
		if (ca == EOF)
			break;
	}
	if (fa != NULL)
		fclose(fa);
	if (fb != NULL)
		fclose(fb);
	return same;
}

static char fuzz_dir_path[64];

static inline void
fuzz_dir_remove(void)
{
	char cmd[96];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fuzz_dir_path);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fuzz_dir_path);
}

/* A private folder for files a target writes: $RS_FUZZ_DIR (tests/fuzz/
 * run.sh and tests/cli/fuzz_regress.sh make one and remove it), else one
 * made on first use and removed at exit; a process that crashes leaves
 * that one behind, so set RS_FUZZ_DIR to run a target on crashing inputs
 * by hand (-minimize_crash runs many). */
static inline const char *
fuzz_dir(void)
{
	const char *env = getenv("RS_FUZZ_DIR");
	struct stat st;

	if (env != NULL && env[0] != '\0')
		return env;
	if (fuzz_dir_path[0] == '\0') {
		const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm"
										     : "/tmp";

		snprintf(fuzz_dir_path, sizeof(fuzz_dir_path), "%s/rs-fuzz.XXXXXX", base);
		if (mkdtemp(fuzz_dir_path) == NULL) {
			perror("mkdtemp");
			abort();
		}
		atexit(fuzz_dir_remove);
	}
	return fuzz_dir_path;
}

#endif
