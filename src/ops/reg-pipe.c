/* The export's pipeline: rows are copied into batches, which the worker
 * takes in order; chunks of packed records come back the other way. A
 * batch's text (individual numbers among it) is wiped before the batch is
 * reused or freed. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "ops/reg-pipe.h"
#include "util/xmalloc.h"

#define PIPE_ROWS 1024
#define PIPE_BATCHES 4
#define PIPE_TEXT (2048 * 1024)
/* Packed chunks a reader apart may run ahead of their storing: memory
 * stays bounded when storing is slow, and a failed store stops reading
 * soon. */
#define PIPE_CHUNKS_AHEAD 8

struct prow {
	struct regsrc r;
	unsigned char state[32];
};

struct pbatch {
	int n, full;
	struct prow rows[PIPE_ROWS];
	char *text;
	size_t used, cap;
};

struct pchunk {
	long long file, first;
	struct regpack p;
};

struct regpipe {
	regsrc_fn fn;
	void *arg;
	regpipe_store_fn store;
	void *store_arg;
	int threaded;
	pthread_t worker;
	pthread_mutex_t mu;
	pthread_cond_t cv;		/* batches filled, taken; the end */
	pthread_cond_t chunk_cv;	/* chunks packed; the end */
	struct pbatch b[PIPE_BATCHES];
	int fill, take;			/* next batch to fill, to take */
	int done;			/* no more batches will come */
	int finished;			/* the worker has returned */
	int rc;				/* the worker's first non-zero fn() */
	int apart;			/* rows put on a reading thread of their own */
	int read_done;			/* that thread has handed its last batch */
	struct pchunk *chunks;		/* packed, not stored yet */
	size_t nchunks, chunks_cap;
	int store_failed;
	char *store_err;
};

/* Copies the n bytes of s and its NUL into the batch's text, which the
 * caller has made room for. */
static const char *
pbatch_text(struct pbatch *b, const char *s, size_t n)
{
	char *t = b->text + b->used;

	memcpy(t, s, n + 1);
	b->used += n + 1;
	return t;
}

static const unsigned char *
pbatch_hash(unsigned char *dst, const unsigned char *src)
{
	if (src == NULL)
		return NULL;
	memcpy(dst, src, 32);
	return dst;
}

/* Bytes the row's text needs in the batch. */
static size_t
prow_size(const struct regsrc *r)
{
	size_t n = PF_COUNT + 2;
	int i;

	for (i = 0; i < PF_COUNT; i++)
		n += r->flen[i];
	if (r->number != NULL)
		n += strlen(r->number);
	if (r->branch != NULL)
		n += strlen(r->branch);
	return n;
}

/* An empty batch gets text enough for need; a batch with rows is never
 * moved, its rows point into it. */
static void
pbatch_reserve(struct pbatch *b, size_t need)
{
	size_t cap = need > PIPE_TEXT ? need : PIPE_TEXT;

	if (b->cap >= cap)
		return;
	if (b->text != NULL) {
		OPENSSL_cleanse(b->text, b->cap);
		free(b->text);
	}
	b->text = xmalloc(cap);
	b->cap = cap;
}

static void
pbatch_add(struct pbatch *b, const struct regsrc *src)
{
	struct prow *p = &b->rows[b->n];
	int i;

	p->r = *src;
	for (i = 0; i < PF_COUNT; i++)
		p->r.f[i] = pbatch_text(b, src->f[i], src->flen[i]);
	p->r.number = src->number ? pbatch_text(b, src->number,
	    strlen(src->number)) : NULL;
	p->r.branch = src->branch ? pbatch_text(b, src->branch,
	    strlen(src->branch)) : NULL;
	p->r.state_content = pbatch_hash(p->state, src->state_content);
	b->n++;
}

static void
pbatch_clear(struct pbatch *b)
{
	if (b->text != NULL)
		OPENSSL_cleanse(b->text, b->used);
	b->used = 0;
	b->n = 0;
	b->full = 0;
}

/* The worker's side of one batch: rows in order, stopping at an error. */
static int
pbatch_run(struct regpipe *p, struct pbatch *b)
{
	int i, rc = 0;

	for (i = 0; i < b->n && rc == 0; i++)
		rc = p->fn(&b->rows[i].r, p->arg);
	return rc;
}

/* After an error the worker goes on taking batches, without work, so that
 * the reader never waits for a batch that is not coming back. */
static void *
regpipe_worker(void *arg)
{
	struct regpipe *p = arg;
	int rc = 0;

	for (;;) {
		struct pbatch *b = &p->b[p->take];

		pthread_mutex_lock(&p->mu);
		while (!b->full && !p->done)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!b->full)
			break;
		pthread_mutex_unlock(&p->mu);
		if (rc == 0)
			rc = pbatch_run(p, b);
		pthread_mutex_lock(&p->mu);
		p->rc = rc;
		pbatch_clear(b);
		p->take = (p->take + 1) % PIPE_BATCHES;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	p->finished = 1;
	pthread_cond_broadcast(&p->cv);
	pthread_cond_broadcast(&p->chunk_cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int
regpipe_sink(void *pipe, long long file_id, long long first_seq,
    struct regpack *pk, char **err)
{
	struct regpipe *p = pipe;
	struct pchunk *c;

	(void)err;
	pthread_mutex_lock(&p->mu);
	if (p->nchunks == p->chunks_cap) {
		p->chunks_cap = p->chunks_cap ? p->chunks_cap * 2 : 4;
		p->chunks = xrealloc(p->chunks, p->chunks_cap * sizeof *p->chunks);
	}
	c = &p->chunks[p->nchunks++];
	c->file = file_id;
	c->first = first_seq;
	c->p = *pk;
	regpack_init(pk);
	/* Only a thread storing to the end waits for chunks; a reader that
	 * stores takes them at its next hand-over. */
	pthread_cond_signal(&p->chunk_cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

/* Stores the chunks packed so far; called with the mutex held, which it
 * drops while storing. Only the storing thread touches store_err; the
 * failure itself is published under the mutex, where a reader apart
 * looks for it. */
static void
regpipe_drain(struct regpipe *p)
{
	struct pchunk *list;
	size_t n, i;
	int failed = p->store_failed;

	while (p->nchunks > 0) {
		list = p->chunks;
		n = p->nchunks;
		p->chunks = NULL;
		p->nchunks = p->chunks_cap = 0;
		pthread_mutex_unlock(&p->mu);
		for (i = 0; i < n; i++) {
			if (!failed && p->store(p->store_arg, list[i].file,
			    list[i].first, &list[i].p, &p->store_err) < 0)
				failed = 1;
			regpack_free(&list[i].p);
		}
		free(list);
		pthread_mutex_lock(&p->mu);
		p->store_failed = failed;
		/* A reader apart may wait for the chunks to go. */
		pthread_cond_broadcast(&p->cv);
	}
}

struct regpipe *
regpipe_start(int threaded, regsrc_fn fn, void *arg, regpipe_store_fn store,
    void *store_arg)
{
	struct regpipe *p = xcalloc(1, sizeof *p);

	p->fn = fn;
	p->arg = arg;
	p->store = store;
	p->store_arg = store_arg;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	pthread_cond_init(&p->chunk_cv, NULL);
	p->threaded = threaded &&
	    pthread_create(&p->worker, NULL, regpipe_worker, p) == 0;
	return p;
}

/* Hands the batch being filled to the worker and waits for the next one
 * to be free: storing chunks meanwhile or, reading apart, until no more
 * than PIPE_CHUNKS_AHEAD wait to be stored. Returns the worker's error,
 * or -1 once a store has failed. */
static int
regpipe_hand_over(struct regpipe *p)
{
	struct pbatch *b = &p->b[p->fill];
	int rc;

	pthread_mutex_lock(&p->mu);
	b->full = 1;
	p->fill = (p->fill + 1) % PIPE_BATCHES;
	pthread_cond_broadcast(&p->cv);
	for (;;) {
		if (!p->apart)
			regpipe_drain(p);
		if (!p->b[p->fill].full && (!p->apart || p->store_failed ||
		    p->nchunks <= PIPE_CHUNKS_AHEAD))
			break;
		pthread_cond_wait(&p->cv, &p->mu);
	}
	rc = p->rc != 0 ? p->rc : -p->store_failed;
	pthread_mutex_unlock(&p->mu);
	return rc;
}

int
regpipe_put(const struct regsrc *row, void *pipe)
{
	struct regpipe *p = pipe;
	struct pbatch *b = &p->b[p->fill];
	size_t need;
	int rc;

	if (!p->threaded) {
		/* fn may have packed a chunk: it is stored at once. */
		p->rc = p->fn(row, p->arg);
		pthread_mutex_lock(&p->mu);
		regpipe_drain(p);
		pthread_mutex_unlock(&p->mu);
		return p->rc != 0 ? p->rc : -p->store_failed;
	}
	need = prow_size(row);
	if (b->n > 0 && b->used + need > b->cap) {
		if ((rc = regpipe_hand_over(p)) != 0)
			return rc;
		b = &p->b[p->fill];
	}
	if (b->n == 0)
		pbatch_reserve(b, need);
	pbatch_add(b, row);
	return b->n == PIPE_ROWS ? regpipe_hand_over(p) : 0;
}

/* The last batch to the worker: no more will come. Mutex held. */
static void
regpipe_last_batch(struct regpipe *p)
{
	if (p->b[p->fill].n > 0) {
		p->b[p->fill].full = 1;
		p->fill = (p->fill + 1) % PIPE_BATCHES;
	}
	p->done = 1;
	pthread_cond_broadcast(&p->cv);
}

/* Stores chunks as they come until the worker has returned and, reading
 * apart, the reader has handed its last batch. Mutex held. Each drain
 * ends with none left, and the worker packs none after it returns. */
static void
regpipe_store_to_end(struct regpipe *p)
{
	for (;;) {
		regpipe_drain(p);
		if (p->finished && (!p->apart || p->read_done))
			break;
		pthread_cond_wait(&p->chunk_cv, &p->mu);
	}
}

struct pread {
	struct regpipe *p;
	regpipe_read_fn read;
	void *arg;
	int rc;
};

static void *
regpipe_reader(void *arg)
{
	struct pread *r = arg;
	struct regpipe *p = r->p;

	r->rc = r->read(r->arg);
	pthread_mutex_lock(&p->mu);
	regpipe_last_batch(p);
	p->read_done = 1;
	pthread_cond_broadcast(&p->chunk_cv);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

int
regpipe_read_apart(struct regpipe *p, regpipe_read_fn read, void *arg)
{
	struct pread r = { p, read, arg, 0 };
	pthread_t t;

	if (!p->threaded)
		return read(arg);
	p->apart = 1;
	if (pthread_create(&t, NULL, regpipe_reader, &r) != 0) {
		p->apart = 0;
		return read(arg);
	}
	pthread_mutex_lock(&p->mu);
	regpipe_store_to_end(p);
	pthread_mutex_unlock(&p->mu);
	pthread_join(t, NULL);
	return r.rc;
}

/* The last batch to the worker; chunks stored until it has returned. */
static void
regpipe_wind_down(struct regpipe *p)
{
	pthread_mutex_lock(&p->mu);
	regpipe_last_batch(p);
	regpipe_store_to_end(p);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->worker, NULL);
}

int
regpipe_finish(struct regpipe *p, char **err)
{
	int rc, i;

	if (p->threaded) {
		regpipe_wind_down(p);
	} else {
		pthread_mutex_lock(&p->mu);
		regpipe_drain(p);
		pthread_mutex_unlock(&p->mu);
	}
	rc = p->rc < 0 || p->store_failed ? -1 : 0;
	err_keep(err, p->store_err);
	for (i = 0; i < PIPE_BATCHES; i++) {
		pbatch_clear(&p->b[i]);
		if (p->b[i].text != NULL)
			OPENSSL_cleanse(p->b[i].text, p->b[i].cap);
		free(p->b[i].text);
	}
	free(p->chunks);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	pthread_cond_destroy(&p->chunk_cv);
	free(p);
	return rc;
}
