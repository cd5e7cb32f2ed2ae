/* Unit tests for the export's pipeline: every row reaches the worker
 * once, in order and intact, also rows larger than a batch's text; chunks
 * the worker packs are stored on the starting thread, in order, also
 * while rows are put on a reading thread of their own; an error on any
 * side stops the run and is reported; the same holds without a thread. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "ops/reg-pipe.h"
#include "util/xmalloc.h"

/* Enough rows that a reader stopped by a failed store has not put them
 * all: it runs at most four batches of 1,024 ahead of the worker, and
 * apart at most eight chunks ahead of storing. */
#define ROWS 20000
#define PER_CHUNK 700

struct run {
	struct regpipe *pipe;
	long long seen, stored, stored_first;
	int fail_at;			/* fn fails at this row (0: never) */
	int store_fail;			/* the store fails */
	int bad;			/* a row came wrong, or out of order */
	pthread_t starter;		/* the thread that stores */
	int stored_elsewhere;		/* a chunk stored off the starter */
	int put_apart;			/* rows put off the starter */
	struct regpack p;
	long long first;
};

static char big[700 * 1024];

/* Row i: its key says i, its name is long for a few rows. */
static void
make_row(int i, struct regsrc *r, char key[16], char num[16])
{
	int j;

	memset(r, 0, sizeof *r);
	r->id = i;
	snprintf(key, 16, "P%07d", i);
	snprintf(num, 16, "%012d", i);
	for (j = 0; j < PF_COUNT; j++) {
		r->f[j] = "";
		r->flen[j] = 0;
	}
	r->f[PF_KEY] = key;
	r->flen[PF_KEY] = strlen(key);
	r->f[PF_NAME] = i % 1000 == 999 ? big : "山田　太郎";
	r->flen[PF_NAME] = strlen(r->f[PF_NAME]);
	r->number = i % 3 ? num : NULL;
	r->branch = i % 5 ? "01" : NULL;
	r->has_state = i % 2;
	r->state_action = i % 4;
}

static int
worker_fn(const struct regsrc *r, void *arg)
{
	struct run *run = arg;
	struct regpack_rec pr;
	unsigned char h[32];
	char key[16], num[16];
	struct regsrc want;

	make_row((int)run->seen + 1, &want, key, num);
	if (r->id != want.id || strcmp(r->f[PF_KEY], key) != 0 ||
	    strcmp(r->f[PF_NAME], want.f[PF_NAME]) != 0 ||
	    (r->number == NULL) != (want.number == NULL) ||
	    (r->number != NULL && strcmp(r->number, num) != 0) ||
	    (r->branch == NULL) != (want.branch == NULL) ||
	    r->has_state != want.has_state ||
	    r->state_action != want.state_action)
		run->bad = 1;
	run->seen++;
	if (run->fail_at && run->seen == run->fail_at)
		return -1;
	memset(h, (int)run->seen, sizeof h);
	memset(&pr, 0, sizeof pr);
	pr.person = r->id;
	pr.action = 1;
	pr.rkey = r->f[PF_KEY];
	pr.rkey_len = strlen(pr.rkey);
	pr.sent = pr.content = h;
	regpack_add(&run->p, &pr);
	if (run->p.n == PER_CHUNK) {
		regpipe_sink(run->pipe, 7, run->first, &run->p, NULL);
		run->first += PER_CHUNK;
		regpack_reset(&run->p);
	}
	return 0;
}

static int
store_fn(void *arg, long long file_id, long long first_seq,
    const struct regpack *p, char **err)
{
	struct run *run = arg;

	if (!pthread_equal(pthread_self(), run->starter))
		run->stored_elsewhere = 1;
	if (file_id != 7 || first_seq != run->stored_first + 1 ||
	    p->n != PER_CHUNK)
		run->bad = 1;
	run->stored_first += p->n;
	run->stored++;
	if (run->store_fail && run->stored == 2) {
		/* A slow failure: reading apart goes on meanwhile, which is
		 * when a race on the failure would show (TSan). */
		const struct timespec pause = { 0, 100 * 1000 * 1000 };

		nanosleep(&pause, NULL);
		*err = xstrdup("disk full");
		return -1;
	}
	return 0;
}

/* Puts rows until one is refused. */
static int
put_rows(void *arg)
{
	struct run *run = arg;
	int i, rc = 0;

	if (!pthread_equal(pthread_self(), run->starter))
		run->put_apart = 1;
	for (i = 1; i <= ROWS && rc == 0; i++) {
		struct regsrc r;
		char key[16], num[16];

		make_row(i, &r, key, num);
		rc = regpipe_put(&r, run->pipe);
	}
	return rc;
}

enum drive_mode { INLINE, THREADED, APART };

/* Puts the rows here or, APART, on a reading thread; returns finish's
 * result. */
static int
drive(struct run *run, enum drive_mode m, char **err)
{
	int rc;

	memset(big, 'x', sizeof big - 1);
	regpack_init(&run->p);
	run->first = 1;
	run->starter = pthread_self();
	run->pipe = regpipe_start(m != INLINE, worker_fn, run, store_fn, run);
	if (m == APART)
		(void)regpipe_read_apart(run->pipe, put_rows, run);
	else
		(void)put_rows(run);
	rc = regpipe_finish(run->pipe, err);
	regpack_free(&run->p);
	return rc;
}

static void
check_all(enum drive_mode m)
{
	struct run run;
	char *err = NULL;

	memset(&run, 0, sizeof run);
	assert_int_equal(drive(&run, m, &err), 0);
	assert_null(err);
	assert_int_equal(run.bad, 0);
	assert_int_equal(run.seen, ROWS);
	assert_int_equal(run.stored, ROWS / PER_CHUNK);
	assert_int_equal(run.stored_elsewhere, 0);
	assert_int_equal(run.put_apart, m == APART);
}

static void
test_threaded(void **st)
{
	(void)st;
	check_all(THREADED);
}

static void
test_inline(void **st)
{
	(void)st;
	check_all(INLINE);
}

static void
test_apart(void **st)
{
	(void)st;
	check_all(APART);
}

/* A run in mode m where the worker fails at row fail_at, or (store_fail)
 * the second store fails; drive's result. */
static int
drive_failing(struct run *run, enum drive_mode m, int fail_at, int store_fail,
    char **err)
{
	memset(run, 0, sizeof *run);
	run->fail_at = fail_at;
	run->store_fail = store_fail;
	return drive(run, m, err);
}

static void
test_worker_fails(void **st)
{
	enum drive_mode m;

	(void)st;
	for (m = THREADED; m <= APART; m++) {
		struct run run;
		char *err = NULL;

		assert_int_equal(drive_failing(&run, m, 1234, 0, &err), -1);
		assert_int_equal(run.seen, 1234);
		assert_int_equal(run.bad, 0);
		free(err);
	}
}

static void
test_store_fails(void **st)
{
	enum drive_mode m;

	(void)st;
	for (m = THREADED; m <= APART; m++) {
		struct run run;
		char *err = NULL;

		assert_int_equal(drive_failing(&run, m, 0, 1, &err), -1);
		assert_non_null(err);
		assert_string_equal(err, "disk full");
		assert_int_equal(run.stored, 2);
		/* Reading stops: storing on the reader, at its next
		 * hand-over; apart, at the latest when the chunks waiting to
		 * be stored pile up. */
		assert_true(run.seen < ROWS);
		assert_int_equal(run.stored_elsewhere, 0);
		free(err);
	}
}

/* A reading thread that fails at once: the worker still ends and the
 * failure comes back. */
static int
read_fails(void *arg)
{
	(void)arg;
	return -1;
}

static void
test_read_fails(void **st)
{
	struct run run;
	char *err = NULL;

	(void)st;
	memset(&run, 0, sizeof run);
	regpack_init(&run.p);
	run.starter = pthread_self();
	run.pipe = regpipe_start(1, worker_fn, &run, store_fn, &run);
	assert_int_equal(regpipe_read_apart(run.pipe, read_fails, &run), -1);
	assert_int_equal(regpipe_finish(run.pipe, &err), 0);
	assert_null(err);
	assert_int_equal(run.seen, 0);
	regpack_free(&run.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threaded),
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_apart),
		cmocka_unit_test(test_read_fails),
		cmocka_unit_test(test_worker_fails),
		cmocka_unit_test(test_store_fails),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
