/*
 * afile.c - atomic replacement of a file (temporary file + fsync + rename).
 * Layer: bottom.
 */
#include "config.h"

#include "afile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

FILE *
afile_open(struct afile *a, const char *path, struct diag *d)
{
	mode_t um;
	int fd;

	memset(a, 0, sizeof(*a));
	a->path = xstrdup(path);
	a->tmp = xasprintf("%s.tmp.XXXXXX", path);
	fd = mkstemp(a->tmp);
	if (fd < 0) {
		diag_set(d, path, 0, 0, "cannot create: %s", strerror(errno));
		goto fail;
	}
	/* mkstemp makes 0600; a finished file gets the usual 0666 & ~umask */
	um = umask(0);
	umask(um);
	if (fchmod(fd, 0666 & ~um) != 0) {
		diag_set(d, path, 0, 0, "cannot create: %s", strerror(errno));
		close(fd);
		unlink(a->tmp);
		goto fail;
	}
	a->f = fdopen(fd, "w");
	if (a->f == NULL) {
		diag_set(d, path, 0, 0, "cannot write: %s", strerror(errno));
		close(fd);
		unlink(a->tmp);
		goto fail;
	}
	setvbuf(a->f, NULL, _IOFBF, 1u << 20);
	return a->f;
fail:
	free(a->path);
	free(a->tmp);
	memset(a, 0, sizeof(*a));
	return NULL;
}

/* Sync the folder holding path, so a rename in it is on disk. */
static void
sync_dir(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int fd;

	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd); /* best effort: some file systems refuse */
		close(fd);
	}
	free(dir);
}

int
afile_commit(struct afile *a, struct diag *d)
{
	int rc = -1;

	if (a->f == NULL)
		return diag_set(d, a->path ? a->path : "", 0, 0, "nothing to write");
	if (fflush(a->f) != 0 || ferror(a->f) || fsync(fileno(a->f)) != 0) {
		diag_set(d, a->path, 0, 0, "write failed: %s", strerror(errno));
		fclose(a->f);
		goto out;
	}
	if (fclose(a->f) != 0) {
		diag_set(d, a->path, 0, 0, "write failed: %s", strerror(errno));
		goto out;
	}
	if (rename(a->tmp, a->path) != 0) {
		diag_set(d, a->path, 0, 0, "cannot rename into place: %s", strerror(errno));
		goto out;
	}
	sync_dir(a->path);
	rc = 0;
out:
	a->f = NULL;
	if (rc != 0)
		unlink(a->tmp);
	free(a->path);
	free(a->tmp);
	memset(a, 0, sizeof(*a));
	return rc;
}

void
afile_abort(struct afile *a)
{
	if (a->f != NULL) {
		fclose(a->f);
		unlink(a->tmp);
	}
	free(a->path);
	free(a->tmp);
	memset(a, 0, sizeof(*a));
}
