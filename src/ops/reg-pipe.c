/* The export's pipeline: rows are copied into batches, which the worker
 * takes in order. A batch's text (individual numbers among it) is wiped
 * before the batch is reused or freed. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "ops/reg-pipe.h"
#include "util/xmalloc.h"

#define PIPE_ROWS 256
#define PIPE_BATCHES 4

struct prow {
	struct regsrc r;
	unsigned char row_hash[32], hmac[32], state[32];
};

struct pbatch {
	int n, full;
	struct prow rows[PIPE_ROWS];
	char *text;
	size_t used, cap;
};

struct regpipe {
	regsrc_fn fn;
	void *arg;
	int threaded;
	pthread_t worker;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct pbatch b[PIPE_BATCHES];
	int fill, take;			/* next batch to fill, to take */
	int done;			/* no more batches will come */
	int rc;				/* the worker's first non-zero fn() */
};

/* Copies s into the batch's text; the text only grows while the batch
 * fills, so earlier pointers stay valid once it has reached its size. */
static const char *
pbatch_text(struct pbatch *b, const char *s)
{
	size_t n;
	char *t;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	if (b->used + n > b->cap)
		return NULL;
	t = b->text + b->used;
	memcpy(t, s, n);
	b->used += n;
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
	size_t n = 0;
	int i;

	for (i = 0; i < PF_COUNT; i++)
		n += strlen(r->f[i]) + 1;
	if (r->number != NULL)
		n += strlen(r->number) + 1;
	if (r->branch != NULL)
		n += strlen(r->branch) + 1;
	return n;
}

/* Text is sized for the batch's first rows; a batch that needs more
 * grows before any of its rows point into it. */
static void
pbatch_room(struct pbatch *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 64 * 1024;

	if (b->used + need <= b->cap)
		return;
	while (cap < b->used + need)
		cap *= 2;
	if (b->n > 0) {
		/* Rows already point into the text: move them along. */
		char *t = xmalloc(cap);
		int i, j;

		memcpy(t, b->text, b->used);
		for (i = 0; i < b->n; i++) {
			struct regsrc *r = &b->rows[i].r;

			for (j = 0; j < PF_COUNT; j++)
				r->f[j] = t + (r->f[j] - b->text);
			if (r->number != NULL)
				r->number = t + (r->number - b->text);
			if (r->branch != NULL)
				r->branch = t + (r->branch - b->text);
		}
		OPENSSL_cleanse(b->text, b->cap);
		free(b->text);
		b->text = t;
	} else {
		if (b->text != NULL) {
			OPENSSL_cleanse(b->text, b->cap);
			free(b->text);
		}
		b->text = xmalloc(cap);
	}
	b->cap = cap;
}

static void
pbatch_add(struct pbatch *b, const struct regsrc *src)
{
	struct prow *p = &b->rows[b->n];
	int i;

	pbatch_room(b, prow_size(src));
	p->r = *src;
	for (i = 0; i < PF_COUNT; i++)
		p->r.f[i] = pbatch_text(b, src->f[i]);
	p->r.number = pbatch_text(b, src->number);
	p->r.branch = pbatch_text(b, src->branch);
	p->r.row_hash = pbatch_hash(p->row_hash, src->row_hash);
	p->r.hmac = pbatch_hash(p->hmac, src->hmac);
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
		if (!b->full) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
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
}

struct regpipe *
regpipe_start(regsrc_fn fn, void *arg)
{
	struct regpipe *p = xcalloc(1, sizeof *p);

	p->fn = fn;
	p->arg = arg;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	/* Serialized mode (1) lets the worker use the vault's connection
	 * while this thread reads from it; SQLite holds the connection's
	 * mutex for each call. */
	p->threaded = sqlite3_threadsafe() == 1 &&
	    pthread_create(&p->worker, NULL, regpipe_worker, p) == 0;
	return p;
}

/* Hands the batch being filled to the worker and waits for the next one
 * to be free; returns the worker's error so far. */
static int
regpipe_hand_over(struct regpipe *p)
{
	struct pbatch *b = &p->b[p->fill];
	int rc;

	pthread_mutex_lock(&p->mu);
	b->full = 1;
	p->fill = (p->fill + 1) % PIPE_BATCHES;
	pthread_cond_broadcast(&p->cv);
	while (p->b[p->fill].full)
		pthread_cond_wait(&p->cv, &p->mu);
	rc = p->rc;
	pthread_mutex_unlock(&p->mu);
	return rc;
}

int
regpipe_put(const struct regsrc *row, void *pipe)
{
	struct regpipe *p = pipe;
	struct pbatch *b = &p->b[p->fill];

	if (!p->threaded)
		return p->rc = p->fn(row, p->arg);
	pbatch_add(b, row);
	return b->n == PIPE_ROWS ? regpipe_hand_over(p) : 0;
}

int
regpipe_finish(struct regpipe *p)
{
	int rc, i;

	if (p->threaded) {
		pthread_mutex_lock(&p->mu);
		if (p->b[p->fill].n > 0) {
			p->b[p->fill].full = 1;
			p->fill = (p->fill + 1) % PIPE_BATCHES;
		}
		p->done = 1;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->worker, NULL);
	}
	rc = p->rc;
	for (i = 0; i < PIPE_BATCHES; i++) {
		pbatch_clear(&p->b[i]);
		if (p->b[i].text != NULL)
			OPENSSL_cleanse(p->b[i].text, p->b[i].cap);
		free(p->b[i].text);
	}
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
	return rc;
}
