/* Accepted answers packed a chunk of records per row. A row of
 * reg_answers per accepted record (its key, the status word, an empty
 * message) was a B-tree insert per record and the second largest write of
 * a result import; an accepted answer needs only its branch number. A
 * pack is, per record in seq order, one length byte and the branch
 * number's bytes, or the byte REGANS_NONE for a record whose answer is
 * not held here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/reg-answers.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define REGANS_NONE 0xff

long long
regans_first(long long seq)
{
	return seq < 1 ? 1 : (seq - 1) / REGANS_CHUNK * REGANS_CHUNK + 1;
}

void
regans_init(struct regans_pack *p, long long first_seq)
{
	memset(p, 0, sizeof *p);
	p->first_seq = first_seq;
}

void
regans_add(struct regans_pack *p, const char *branch, size_t len)
{
	if (p->cap - p->len < REGANS_BRANCH_MAX + 1) {
		p->cap = p->cap ? p->cap * 2 : 16 * 1024;
		p->buf = xrealloc(p->buf, p->cap);
	}
	p->n++;
	if (branch == NULL || len > REGANS_BRANCH_MAX) {
		p->buf[p->len++] = REGANS_NONE;
		return;
	}
	p->buf[p->len++] = (unsigned char)len;
	memcpy(p->buf + p->len, branch, len);
	p->len += len;
	p->packed++;
}

int
regans_flush(struct vault *v, long long file_id, struct regans_pack *p,
    long long next_seq, char **err)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	/* A pack of refused answers only says nothing: it is not kept. */
	if (p->packed > 0) {
		if (db_prepare(v->db, "INSERT INTO reg_answer_packs (file_id, "
		    "first_seq, n, data) VALUES (?, ?, ?, ?)", &st, err) < 0)
			return -1;
		sqlite3_bind_int64(st, 1, file_id);
		sqlite3_bind_int64(st, 2, p->first_seq);
		sqlite3_bind_int(st, 3, p->n);
		sqlite3_bind_blob(st, 4, p->buf, (int)p->len, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	p->len = 0;
	p->n = p->packed = 0;
	p->first_seq = next_seq;
	return rc == SQLITE_DONE ? 0 : db_fail(v->db, err,
	    _("recording the result"));
}

void
regans_free(struct regans_pack *p)
{
	free(p->buf);
	memset(p, 0, sizeof *p);
}

int
regans_find(const unsigned char *data, size_t len, long long i,
    const char **branch, size_t *blen)
{
	size_t off = 0;

	if (i < 0)
		return 0;
	for (;;) {
		size_t l;

		if (off >= len)
			return 0;	/* past the pack's records */
		l = data[off] == REGANS_NONE ? 0 : data[off];
		if (len - off - 1 < l)
			return -1;
		if (i-- == 0) {
			if (data[off] == REGANS_NONE)
				return 0;
			*branch = (const char *)data + off + 1;
			*blen = l;
			return 1;
		}
		off += 1 + l;
	}
}
