/*
 * afile.h - write a file so that readers see the old one or the new one,
 * never half of one: the bytes go to a temporary file in the same folder,
 * which is flushed to disk and renamed over the target; the folder is
 * synced so the rename itself survives a crash.
 *
 * Layer: bottom. Used by every single-file writer (rollups, saved
 * scenarios, simulation traces); the report, a folder of files, renames a
 * temporary folder the same way.
 */
#ifndef RS_AFILE_H
#define RS_AFILE_H

#include <stdio.h>

#include "util.h"

struct afile {
	char *path;  /* the target */
	char *tmp;   /* the temporary file beside it */
	FILE *f;     /* write here */
};

/* Start writing path. Returns the stream, or NULL with d filled. */
FILE *afile_open(struct afile *a, const char *path, struct diag *d);
/* Flush, sync and rename into place. -1 with d filled (the target is then
 * untouched and the temporary file removed). */
int afile_commit(struct afile *a, struct diag *d);
/* Give up: remove the temporary file (no-op when nothing is open). */
void afile_abort(struct afile *a);

#endif
