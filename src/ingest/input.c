/*
 * input.c - plain or gzip byte streams for the readers.
 * Layer: engine (readers' bottom).
 *
 * gzip is inflated in this thread, block by block, into the caller's
 * buffer; ISA-L's igzip inflates about twice as fast as zlib on this kind
 * of text (measured in `make bench`), zlib is the fallback.
 */
#include "config.h"

#include "ingest/input.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif
#include <zlib.h>

#define INPUT_BUFSZ (1u << 20)
/* gzip is inflated on a thread of its own into a ring of blocks, so
 * inflating and parsing overlap (two cores: ~max of the two, not sum). */
#define PREFETCH_BLOCKS 4
#define PREFETCH_BLOCK (4u << 20)

struct prefetch {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *data[PREFETCH_BLOCKS];
	size_t block;          /* size of each data block */
	size_t len[PREFETCH_BLOCKS];
	unsigned head, tail;   /* filled blocks are [head, tail) mod N */
	size_t pos;            /* read position in the head block */
	int done, failed, stop;
	struct diag err;
};

struct input {
	char *path;
	int fd;
	int gzip;
	int eof;           /* no more compressed bytes to read */
	int member_done;   /* the last gzip member ended cleanly */
	int stream_end;    /* nothing more to return */
	unsigned char *zbuf;
	size_t zcap, zlen, zpos;
	unsigned long long consumed, size;
#ifdef HAVE_ISAL
	struct inflate_state isal;
#else
	z_stream z;
#endif
	struct prefetch *pf;
	int prefetch_ok;   /* start the inflater thread on first read */
};

static long read_gzip(struct input *in, char *buf, size_t n, struct diag *d);
static void prefetch_stop(struct input *in);

int
input_open(const char *path, struct input **out, struct diag *d)
{
	struct input *in;
	struct stat st;
	ssize_t n;

	*out = NULL;
	in = xcalloc(1, sizeof(*in));
	in->path = xstrdup(path);
	if (strcmp(path, "-") == 0) {
		in->fd = STDIN_FILENO;
	} else {
		in->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (in->fd < 0) {
			diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
			goto fail;
		}
	}
	if (fstat(in->fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			diag_set(d, path, 0, 0, "is a directory");
			goto fail;
		}
		if (S_ISREG(st.st_mode))
			in->size = (unsigned long long)st.st_size;
	}
	in->zcap = input_block(in, INPUT_BUFSZ);
	in->zbuf = xmalloc(in->zcap);
	/* Read the first block to sniff the gzip magic bytes. */
	do {
		n = read(in->fd, in->zbuf, in->zcap);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		diag_set(d, path, 0, 0, "read error: %s", strerror(errno));
		goto fail;
	}
	in->zlen = (size_t)n;
	in->consumed = (unsigned long long)n;
	if (n == 0)
		in->eof = 1;
	in->gzip = n >= 2 && in->zbuf[0] == 0x1f && in->zbuf[1] == 0x8b;
	if (in->gzip) {
#ifdef HAVE_ISAL
		isal_inflate_init(&in->isal);
		in->isal.crc_flag = ISAL_GZIP;
#else
		if (inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK) {
			diag_set(d, path, 0, 0, "cannot start zlib");
			goto fail;
		}
#endif
		in->prefetch_ok = 1;
	}
	*out = in;
	return 0;
fail:
	input_close(in);
	return -1;
}

int
input_open_at(const char *path, unsigned long long offset, struct input **out,
	      struct diag *d)
{
	struct input *in;
	struct stat st;

	*out = NULL;
	in = xcalloc(1, sizeof(*in));
	in->path = xstrdup(path);
	in->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0) {
		diag_set(d, path, 0, 0, "cannot open: %s", strerror(errno));
		goto fail;
	}
	if (fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode))
		in->size = (unsigned long long)st.st_size;
	if (lseek(in->fd, (off_t)offset, SEEK_SET) < 0) {
		diag_set(d, path, 0, 0, "cannot seek: %s", strerror(errno));
		goto fail;
	}
	in->consumed = offset;
	in->zcap = input_block(in, INPUT_BUFSZ);
	in->zbuf = xmalloc(in->zcap);
	*out = in;
	return 0;
fail:
	input_close(in);
	return -1;
}

void
input_close(struct input *in)
{
	if (in == NULL)
		return;
	if (in->pf != NULL)
		prefetch_stop(in);
#ifndef HAVE_ISAL
	if (in->gzip)
		inflateEnd(&in->z);
#endif
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	free(in->zbuf);
	free(in->path);
	free(in);
}

/* Refill the compressed buffer when it is used up. */
static int
refill(struct input *in, struct diag *d)
{
	ssize_t n;

	if (in->zpos < in->zlen || in->eof)
		return 0;
	do {
		n = read(in->fd, in->zbuf, in->zcap);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return diag_set(d, in->path, 0, 0, "read error: %s", strerror(errno));
	in->zlen = (size_t)n;
	in->zpos = 0;
	in->consumed += (unsigned long long)n;
	if (n == 0)
		in->eof = 1;
	return 0;
}

static long
read_plain(struct input *in, char *buf, size_t n, struct diag *d)
{
	size_t k;

	if (refill(in, d) < 0)
		return -1;
	k = in->zlen - in->zpos;
	if (k > n)
		k = n;
	memcpy(buf, in->zbuf + in->zpos, k);
	in->zpos += k;
	return (long)k;
}

/* Skip NUL padding between or after members (some tools add it). */
static int
only_padding_left(struct input *in, struct diag *d)
{
	for (;;) {
		if (refill(in, d) < 0)
			return -1;
		if (in->zpos >= in->zlen)
			return 1;
		if (in->zbuf[in->zpos] != 0)
			return 0;
		in->zpos++;
	}
}

static long
read_gzip(struct input *in, char *buf, size_t n, struct diag *d)
{
	for (;;) {
		size_t produced;
		int pad;

		if (in->stream_end)
			return 0;
		if (refill(in, d) < 0)
			return -1;
		if (in->member_done) {
			pad = only_padding_left(in, d);
			if (pad < 0)
				return -1;
			if (pad) {
				in->stream_end = 1;
				return 0;
			}
			/* another member follows */
			in->member_done = 0;
#ifdef HAVE_ISAL
			isal_inflate_reset(&in->isal);
			in->isal.crc_flag = ISAL_GZIP;
#else
			inflateReset(&in->z);
#endif
		}
		if (in->zpos >= in->zlen && in->eof)
			return diag_set(d, in->path, 0, 0, "gzip data ends early (truncated file)");
#ifdef HAVE_ISAL
		{
			int rc;

			in->isal.next_in = in->zbuf + in->zpos;
			in->isal.avail_in = (uint32_t)(in->zlen - in->zpos);
			in->isal.next_out = (uint8_t *)buf;
			in->isal.avail_out = (uint32_t)(n > UINT32_MAX ? UINT32_MAX : n);
			rc = isal_inflate(&in->isal);
			if (rc < 0)
				return diag_set(d, in->path, 0, 0,
						"corrupt gzip data (ISA-L error %d)", rc);
			in->zpos = in->zlen - in->isal.avail_in;
			produced = (size_t)((char *)in->isal.next_out - buf);
			if (in->isal.block_state == ISAL_BLOCK_FINISH)
				in->member_done = 1;
		}
#else
		{
			int rc;

			in->z.next_in = in->zbuf + in->zpos;
			in->z.avail_in = (uInt)(in->zlen - in->zpos);
			in->z.next_out = (Bytef *)buf;
			in->z.avail_out = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
			rc = inflate(&in->z, Z_NO_FLUSH);
			if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
				return diag_set(d, in->path, 0, 0, "corrupt gzip data: %s",
						in->z.msg ? in->z.msg : "zlib error");
			in->zpos = in->zlen - in->z.avail_in;
			produced = (size_t)((char *)in->z.next_out - buf);
			if (rc == Z_STREAM_END)
				in->member_done = 1;
		}
#endif
		if (produced > 0)
			return (long)produced;
	}
}

static void *
prefetch_run(void *arg)
{
	struct input *in = arg;
	struct prefetch *pf = in->pf;

	for (;;) {
		unsigned slot;
		size_t filled = 0;
		long n = 1;
		struct diag d;

		pthread_mutex_lock(&pf->mu);
		while (pf->tail - pf->head == PREFETCH_BLOCKS && !pf->stop)
			pthread_cond_wait(&pf->cv, &pf->mu);
		if (pf->stop) {
			pthread_mutex_unlock(&pf->mu);
			return NULL;
		}
		slot = pf->tail % PREFETCH_BLOCKS;
		pthread_mutex_unlock(&pf->mu);

		diag_clear(&d);
		while (filled < pf->block) {
			n = read_gzip(in, pf->data[slot] + filled, pf->block - filled, &d);
			if (n <= 0)
				break;
			filled += (size_t)n;
		}
		pthread_mutex_lock(&pf->mu);
		if (filled > 0) {
			pf->len[slot] = filled;
			pf->tail++;
		}
		if (n < 0) {
			pf->err = d;
			pf->failed = 1;
		}
		if (n <= 0)
			pf->done = 1;
		pthread_cond_broadcast(&pf->cv);
		pthread_mutex_unlock(&pf->mu);
		if (n <= 0)
			return NULL;
	}
}

static void
prefetch_start(struct input *in)
{
	struct prefetch *pf = xcalloc(1, sizeof(*pf));
	int i;

	pf->block = input_block(in, PREFETCH_BLOCK);
	for (i = 0; i < PREFETCH_BLOCKS; i++)
		pf->data[i] = xmalloc(pf->block);
	pthread_mutex_init(&pf->mu, NULL);
	pthread_cond_init(&pf->cv, NULL);
	in->pf = pf;
	if (pthread_create(&pf->thread, NULL, prefetch_run, in) != 0) {
		/* no thread: inflate in the caller's thread instead */
		for (i = 0; i < PREFETCH_BLOCKS; i++)
			free(pf->data[i]);
		pthread_mutex_destroy(&pf->mu);
		pthread_cond_destroy(&pf->cv);
		free(pf);
		in->pf = NULL;
	}
}

static void
prefetch_stop(struct input *in)
{
	struct prefetch *pf = in->pf;
	int i;

	pthread_mutex_lock(&pf->mu);
	pf->stop = 1;
	pthread_cond_broadcast(&pf->cv);
	pthread_mutex_unlock(&pf->mu);
	pthread_join(pf->thread, NULL);
	for (i = 0; i < PREFETCH_BLOCKS; i++)
		free(pf->data[i]);
	pthread_mutex_destroy(&pf->mu);
	pthread_cond_destroy(&pf->cv);
	free(pf);
	in->pf = NULL;
}

static long
read_prefetched(struct input *in, char *buf, size_t n, struct diag *d)
{
	struct prefetch *pf = in->pf;
	unsigned slot;
	size_t k;

	pthread_mutex_lock(&pf->mu);
	while (pf->head == pf->tail && !pf->done)
		pthread_cond_wait(&pf->cv, &pf->mu);
	if (pf->head == pf->tail) {
		int failed = pf->failed;

		if (failed)
			*d = pf->err;
		pthread_mutex_unlock(&pf->mu);
		return failed ? -1 : 0;
	}
	slot = pf->head % PREFETCH_BLOCKS;
	pthread_mutex_unlock(&pf->mu);

	k = pf->len[slot] - pf->pos;
	if (k > n)
		k = n;
	memcpy(buf, pf->data[slot] + pf->pos, k);
	pf->pos += k;
	if (pf->pos == pf->len[slot]) {
		pthread_mutex_lock(&pf->mu);
		pf->pos = 0;
		pf->head++;
		pthread_cond_broadcast(&pf->cv);
		pthread_mutex_unlock(&pf->mu);
	}
	return (long)k;
}

long
input_read(struct input *in, char *buf, size_t n, struct diag *d)
{
	if (n == 0)
		return 0;
	if (in->gzip && in->pf == NULL && !in->stream_end && in->prefetch_ok) {
		in->prefetch_ok = 0;
		prefetch_start(in);
	}
	if (in->pf != NULL)
		return read_prefetched(in, buf, n, d);
	return in->gzip ? read_gzip(in, buf, n, d) : read_plain(in, buf, n, d);
}

int
input_is_gzip(const struct input *in)
{
	return in->gzip;
}

unsigned long long
input_consumed(const struct input *in)
{
	return in->consumed - (in->zlen - in->zpos);
}

unsigned long long
input_size(const struct input *in)
{
	return in->size;
}

size_t
input_block(const struct input *in, size_t max)
{
	/* gzip text inflates to several times its size: a guess, which only
	 * costs more refills or a buffer growing when it is wrong */
	unsigned long long expect = in->gzip ? 4 * in->size : in->size;
	size_t n = 4096;

	if (in->size == 0)
		return max;
	while (n < max && n <= expect)
		n *= 2;
	return n < max ? n : max;
}

const char *
input_inflater(const struct input *in)
{
	if (!in->gzip)
		return "none";
#ifdef HAVE_ISAL
	return "isa-l";
#else
	return "zlib";
#endif
}
