/*
 * afile.c - atomic replacement of a file (temporary file + fsync + rename),
 * direct writes to what cannot be replaced (standard output, devices,
 * FIFOs), and the naming and sweeping of our temporaries.
 * Layer: bottom.
 */
#include "config.h"

#include "base/afile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How many links afile_follow() follows: Linux's own limit (MAXSYMLINKS). */
#define FOLLOW_MAX 40
/* A temporary untouched this long is stale even if its process id is in
 * use (reused, or on another host): our writes take seconds, and a trace
 * being written is touched at every megabyte. */
#define STALE_SECONDS (24 * 3600)
/* Host names in temporaries are cut to this (a host name may take 64). */
#define HOST_MAX 32

static const char tmp_mark[] = ".rightsize-";

int
afile_is_stdout(const char *path)
{
	return strcmp(path, "-") == 0;
}

/* The descriptor a name of an open file stands for ("-", /dev/stdout,
 * /dev/fd/N), or -1. Through /proc these are links to whatever the
 * descriptor holds, which may be a regular file; the shell writes to the
 * descriptor itself, and so do we. */
static int
std_fd(const char *path)
{
	static const char *const dirs[] = { "/dev/fd/", "/proc/self/fd/" };
	size_t i;

	if (afile_is_stdout(path) || strcmp(path, "/dev/stdout") == 0)
		return STDOUT_FILENO;
	if (strcmp(path, "/dev/stderr") == 0)
		return STDERR_FILENO;
	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		size_t n = strlen(dirs[i]);
		const char *s = path + n;
		char *end;
		long fd;

		if (strncmp(path, dirs[i], n) != 0 || *s < '0' || *s > '9')
			continue;
		errno = 0;
		fd = strtol(s, &end, 10);
		if (*end == '\0' && errno == 0 && fd <= INT_MAX)
			return (int)fd;
	}
	return -1;
}

/* An ASCII letter or digit (isalnum() depends on the locale). */
static int
is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Our host's name as it goes into temporaries: letters, digits and '-'. */
static void
host_tag(char *buf, size_t n)
{
	char host[256];
	size_t i;

	if (gethostname(host, sizeof(host)) != 0 || host[0] == '\0')
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	for (i = 0; host[i] && i + 1 < n; i++)
		buf[i] = is_alnum((unsigned char)host[i]) ? host[i] : '-';
	buf[i] = '\0';
}

char *
afile_tmpname(const char *dir, const char *base, const char *kind)
{
	char host[HOST_MAX + 1];

	host_tag(host, sizeof(host));
	return xasprintf("%s/.%s%s%s.%s.%ld.XXXXXX", dir, base, tmp_mark, kind, host,
			 (long)getpid());
}

/* The folder part of path ("." when none); caller frees. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

char *
afile_follow(const char *path)
{
	char *p = xstrdup(path);
	int hops;

	for (hops = 0; hops <= FOLLOW_MAX; hops++) {
		struct stat st;
		size_t cap = 256;
		char *text = NULL, *dir;
		ssize_t n;

		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p; /* not a link, or not there: the caller finds out which */
		for (;;) {
			text = xrealloc(text, cap);
			n = readlink(p, text, cap);
			if (n < 0) {
				free(text);
				return p;
			}
			if ((size_t)n < cap)
				break;
			cap *= 2;
		}
		text[n] = '\0';
		if (text[0] == '/') {
			free(p);
			p = text;
			continue;
		}
		dir = dir_of(p);
		free(p);
		p = xasprintf("%s/%s", dir, text);
		free(dir);
		free(text);
	}
	free(p);
	errno = ELOOP;
	return NULL;
}

/* ---- the sweep ---- */

/* Parse ".BASE.rightsize-KIND.HOST.PID.XXXXXX": 1 with its parts (base
 * as an offset and length into name), else 0. */
static int
parse_tmpname(const char *name, size_t *base_len, char *kind, char *host, size_t hostsz,
	      long *pid)
{
	const char *m = NULL, *s, *h, *dot;
	char *end;
	size_t i;

	if (name[0] != '.')
		return 0;
	for (s = strstr(name + 1, tmp_mark); s != NULL; s = strstr(s + 1, tmp_mark))
		m = s;
	if (m == NULL || m == name + 1)
		return 0;
	s = m + strlen(tmp_mark);
	if (strncmp(s, "tmp.", 4) != 0 && strncmp(s, "old.", 4) != 0)
		return 0;
	*kind = s[0];
	h = s + 4;
	dot = strchr(h, '.');
	if (dot == NULL || dot == h || (size_t)(dot - h) >= hostsz)
		return 0;
	memcpy(host, h, (size_t)(dot - h));
	host[dot - h] = '\0';
	if (dot[1] < '1' || dot[1] > '9')
		return 0;
	errno = 0;
	*pid = strtol(dot + 1, &end, 10);
	if (errno != 0 || *pid <= 0 || *pid > INT_MAX || *end != '.')
		return 0;
	for (i = 1; i <= 6; i++) {
		if (!is_alnum((unsigned char)end[i]))
			return 0;
	}
	if (end[7] != '\0')
		return 0;
	*base_len = (size_t)(m - name - 1);
	return 1;
}

/* Remove the files inner of folder name (relative to dfd), then the
 * folder if that empties it. The folder is opened without following a
 * link, so nothing outside it can be reached. */
static void
rmdir_at(int dfd, const char *name, const char *const *inner, size_t ninner)
{
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	size_t i;

	if (fd < 0)
		return;
	for (i = 0; i < ninner; i++)
		unlinkat(fd, inner[i], 0);
	close(fd);
	unlinkat(dfd, name, AT_REMOVEDIR); /* fails, harmlessly, if not empty */
}

void
afile_rmdir(const char *dir, const char *const *inner, size_t ninner)
{
	rmdir_at(AT_FDCWD, dir, inner, ninner);
}

/* Is the process that made a temporary gone? Only a process of this host
 * can be asked; any temporary untouched for a day is gone too. */
static int
is_stale(const char *host, long pid, const struct stat *st)
{
	char here[HOST_MAX + 1];
	time_t now = time(NULL);

	if (now > st->st_mtime && now - st->st_mtime > STALE_SECONDS)
		return 1;
	host_tag(here, sizeof(here));
	if (strcmp(host, here) != 0 || (pid_t)pid == getpid())
		return 0;
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void
afile_sweep(const char *dir, const char *const *inner, size_t ninner)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int dfd;

	if (dp == NULL)
		return;
	dfd = dirfd(dp);
	while ((e = readdir(dp)) != NULL) {
		char kind, host[HOST_MAX + 1];
		size_t base_len;
		struct stat st;
		long pid;

		if (!parse_tmpname(e->d_name, &base_len, &kind, host, sizeof(host), &pid) ||
		    fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !is_stale(host, pid, &st)) {
			continue;
		}
		if (kind == 't' && S_ISREG(st.st_mode)) {
			unlinkat(dfd, e->d_name, 0);
		} else if (kind == 't' && S_ISDIR(st.st_mode)) {
			rmdir_at(dfd, e->d_name, inner, ninner);
		} else if (kind == 'o' && S_ISDIR(st.st_mode)) {
			/* an old report moved aside by a run killed before it put the
			 * new one in place is the only copy: it stays */
			char *base = xstrndup(e->d_name + 1, base_len);
			struct stat bst;

			if (fstatat(dfd, base, &bst, AT_SYMLINK_NOFOLLOW) == 0)
				rmdir_at(dfd, e->d_name, inner, ninner);
			free(base);
		}
	}
	closedir(dp);
}

/* ---- writing ---- */

/* Free a's names and clear it; NULL, for afile_open's failures. */
static FILE *
release(struct afile *a)
{
	free(a->path);
	free(a->target);
	free(a->tmp);
	memset(a, 0, sizeof(*a));
	return NULL;
}

/* Write to fd as it is (standard output, a device, a FIFO). */
static FILE *
open_direct(struct afile *a, int fd, struct diag *d)
{
	a->f = fdopen(fd, "w");
	if (a->f == NULL) {
		diag_set(d, a->path, 0, 0, "cannot write: %s", strerror(errno));
		close(fd);
		return release(a);
	}
	return a->f;
}

/* What stat() says of the target, as a refusal, or NULL when it can be
 * written (a regular file, a character device or a FIFO). */
static const char *
refusal(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return "is a folder";
	if (S_ISBLK(st->st_mode))
		return "is a block device; not writing to it";
	if (!S_ISREG(st->st_mode) && !S_ISCHR(st->st_mode) && !S_ISFIFO(st->st_mode))
		return "is not a regular file, a character device or a FIFO; not writing to it";
	return NULL;
}

/* A device or a FIFO: nothing to rename over, so write into it. */
static FILE *
open_device(struct afile *a, struct diag *d)
{
	struct stat st;
	int fd = open(a->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		diag_set(d, a->path, 0, 0, "cannot open: %s", strerror(errno));
		return release(a);
	}
	if (fstat(fd, &st) != 0 || S_ISREG(st.st_mode) || refusal(&st) != NULL) {
		diag_set(d, a->path, 0, 0, "changed while being opened");
		close(fd);
		return release(a);
	}
	return open_direct(a, fd, d);
}

/* A regular file, or none yet: a temporary beside the link's target. */
static FILE *
open_replace(struct afile *a, struct diag *d)
{
	char *dir, *base;
	mode_t um;
	int fd;

	a->target = afile_follow(a->path);
	if (a->target == NULL) {
		diag_set(d, a->path, 0, 0, "cannot follow the link: %s", strerror(errno));
		return release(a);
	}
	dir = dir_of(a->target);
	base = strrchr(a->target, '/');
	base = base != NULL ? base + 1 : a->target;
	afile_sweep(dir, NULL, 0);
	a->tmp = afile_tmpname(dir, base, "tmp");
	free(dir);
	fd = mkstemp(a->tmp);
	if (fd < 0) {
		diag_set(d, a->path, 0, 0, "cannot create: %s", strerror(errno));
		return release(a);
	}
	/* mkstemp makes 0600; a finished file gets the usual 0666 & ~umask */
	um = umask(0);
	umask(um);
	if (fchmod(fd, 0666 & ~um) != 0) {
		diag_set(d, a->path, 0, 0, "cannot create: %s", strerror(errno));
		close(fd);
		unlink(a->tmp);
		return release(a);
	}
	a->f = fdopen(fd, "w");
	if (a->f == NULL) {
		diag_set(d, a->path, 0, 0, "cannot write: %s", strerror(errno));
		close(fd);
		unlink(a->tmp);
		return release(a);
	}
	setvbuf(a->f, NULL, _IOFBF, 1u << 20);
	return a->f;
}

FILE *
afile_open(struct afile *a, const char *path, struct diag *d)
{
	struct stat st;
	const char *no;
	int fd;

	memset(a, 0, sizeof(*a));
	a->path = xstrdup(path);
	if (path[0] == '\0') {
		diag_set(d, "", 0, 0, "an empty file name");
		return release(a);
	}
	fd = std_fd(path);
	if (fd >= 0) {
		int dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);

		if (dup_fd < 0) {
			diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
			return release(a);
		}
		return open_direct(a, dup_fd, d);
	}
	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return open_replace(a, d);
	no = refusal(&st);
	if (no != NULL) {
		diag_set(d, path, 0, 0, "%s", no);
		return release(a);
	}
	return open_device(a, d);
}

/* Sync the folder holding path, so a rename in it is on disk. */
static void
sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd); /* best effort: some file systems refuse */
		close(fd);
	}
	free(dir);
}

/* Flush f to where it goes: a regular file to disk too (a pipe or a
 * device cannot be synced). 0, or -1 with errno. */
static int
flush_out(FILE *f)
{
	struct stat st;

	if (fflush(f) != 0 || ferror(f))
		return -1;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && fsync(fileno(f)) != 0)
		return -1;
	return 0;
}

int
afile_commit(struct afile *a, struct diag *d)
{
	int rc = -1;

	if (a->f == NULL)
		return diag_set(d, a->path ? a->path : "", 0, 0, "nothing to write");
	if (flush_out(a->f) != 0) {
		diag_set(d, a->path, 0, 0, "write failed: %s", strerror(errno));
		fclose(a->f);
		goto out;
	}
	if (fclose(a->f) != 0) {
		diag_set(d, a->path, 0, 0, "write failed: %s", strerror(errno));
		goto out;
	}
	if (a->tmp != NULL) {
		if (rename(a->tmp, a->target) != 0) {
			diag_set(d, a->path, 0, 0, "cannot rename into place: %s",
				 strerror(errno));
			goto out;
		}
		sync_dir(a->target);
	}
	rc = 0;
out:
	a->f = NULL;
	if (rc != 0 && a->tmp != NULL)
		unlink(a->tmp);
	release(a);
	return rc;
}

void
afile_abort(struct afile *a)
{
	if (a->f != NULL) {
		fclose(a->f);
		if (a->tmp != NULL)
			unlink(a->tmp);
	}
	release(a);
}
