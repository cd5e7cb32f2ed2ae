/* Secret buffers: mlock keeps them out of swap, OPENSSL_cleanse wipes them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <openssl/crypto.h>

#include "util/secret.h"
#include "util/xmalloc.h"

void *
secret_alloc(size_t n)
{
	void *p = xcalloc(1, n);

	/* mlock can fail under a tight RLIMIT_MEMLOCK; the buffer is still
	 * wiped on free, so carry on rather than refuse to work. */
	(void)mlock(p, n);
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
	OPENSSL_cleanse(p, n);
	(void)munlock(p, n);
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
