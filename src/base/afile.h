/*
 * afile.h - write a file so that readers see the old one or the new one,
 * never half of one: the bytes go to a temporary file in the same folder,
 * which is flushed to disk and renamed over the target; the folder is
 * synced so the rename itself survives a crash.
 *
 * What is not a regular file is never renamed over: "-" is standard
 * output, and a character device or FIFO (-o /dev/null, a named pipe) is
 * written directly. A symbolic link is followed and its target replaced
 * in the target's folder; the link stays.
 *
 * Temporaries are named .NAME.rightsize-tmp.HOST.PID.XXXXXX, so that a
 * run killed half-way leaves something obviously ours, and the next write
 * into the same folder removes those whose process is gone
 * (afile_sweep()). Nothing else in the folder is touched.
 *
 * Layer: bottom. Used by every single-file writer (rollups, saved
 * scenarios, simulation traces); the report, a folder of files, renames a
 * temporary folder the same way, with the same naming and sweep.
 */
#ifndef RS_AFILE_H
#define RS_AFILE_H

#include <stddef.h>
#include <stdio.h>

#include "base/util.h"

struct afile {
	char *path;   /* as given, for messages */
	char *target; /* path with its links followed: what the rename replaces */
	char *tmp;    /* the temporary file beside target; NULL: written directly */
	FILE *f;      /* write here */
};

/* Start writing path ("-": standard output). Returns the stream, or NULL
 * with d filled (a folder, a block device or a socket is refused). */
FILE *afile_open(struct afile *a, const char *path, struct diag *d);
/* Flush, sync and rename into place. -1 with d filled (the target is then
 * untouched and the temporary file removed; what was written directly
 * stays written). */
int afile_commit(struct afile *a, struct diag *d);
/* Give up: remove the temporary file (no-op when nothing is open). */
void afile_abort(struct afile *a);

/* 1 when path names standard output ("-"), where the caller must then
 * print nothing else. */
int afile_is_stdout(const char *path);

/* path with the symbolic links of its last component followed, to a name
 * that is not a link (it need not exist: a dangling link gives the name
 * it points to). NULL with errno set (ELOOP). Caller frees. */
char *afile_follow(const char *path);

/* A template for mkstemp() or mkdtemp() beside base in folder dir:
 * "dir/.base.rightsize-KIND.HOST.PID.XXXXXX"; kind is "tmp" (what is
 * being written) or "old" (a report moved aside). Caller frees. */
char *afile_tmpname(const char *dir, const char *base, const char *kind);

/* Remove from folder dir our temporaries left by runs that are gone: of
 * this host and a process that no longer exists, or untouched for a day.
 * A temporary folder loses the files named in inner (what a run of ours
 * puts there), then goes if that empties it; a folder moved aside ("old")
 * goes only when what replaced it is there. Best effort, silent. */
void afile_sweep(const char *dir, const char *const *inner, size_t ninner);

/* Remove the files named inner from folder dir (never through a link),
 * then dir itself if that empties it. */
void afile_rmdir(const char *dir, const char *const *inner, size_t ninner);

#endif
