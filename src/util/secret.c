/* Secret buffers: mlock keeps them out of swap, OPENSSL_cleanse wipes them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "util/secret.h"
#include "util/xmalloc.h"

/* Whole pages of their own: mlock and munlock work on pages and do not
 * count, so a secret sharing a page with another would be unlocked when
 * the other is freed. */
static size_t
secret_span(size_t n)
{
	long pg = sysconf(_SC_PAGESIZE);
	size_t page = pg > 0 ? (size_t)pg : 4096;

	return n == 0 ? page : (n + page - 1) / page * page;
}

void *
secret_alloc(size_t n)
{
	size_t span = secret_span(n);
	long pg = sysconf(_SC_PAGESIZE);
	void *p = NULL;

	if (posix_memalign(&p, pg > 0 ? (size_t)pg : 4096, span) != 0)
		p = xcalloc(1, span);	/* out of memory ends the program there */
	memset(p, 0, span);
	/* mlock can fail under a tight RLIMIT_MEMLOCK; the buffer is still
	 * wiped on free, so carry on rather than refuse to work. */
	(void)mlock(p, span);
	return p;
}

void
secret_wipe(void *p, size_t n)
{
	if (p != NULL)
		OPENSSL_cleanse(p, n);
}

void
secret_free(void *p, size_t n)
{
	if (p == NULL)
		return;
	OPENSSL_cleanse(p, secret_span(n));
	(void)munlock(p, secret_span(n));
	free(p);
}

char *
secret_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = secret_alloc(n);

	memcpy(p, s, n);
	return p;
}

void
secret_free_str(char *s)
{
	if (s != NULL)
		secret_free(s, strlen(s) + 1);
}
