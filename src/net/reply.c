/* The server's short "key=value" replies, kept apart from the transport so
 * the parser can be fuzzed without a network library. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "net/upload.h"

int
upload_reply_value(const char *body, size_t len, const char *key, char *val,
    size_t vallen)
{
	size_t klen = strlen(key), i = 0;

	while (i < len) {
		size_t end = i, n, j;

		while (end < len && body[end] != '\n')
			end++;
		if (end - i > klen && memcmp(body + i, key, klen) == 0 &&
		    body[i + klen] == '=') {
			n = end - i - klen - 1;
			if (n > 0 && body[end - 1] == '\r')
				n--;
			if (n == 0 || n >= vallen)
				return -1;
			for (j = 0; j < n; j++) {
				char ch = body[i + klen + 1 + j];

				if (!isalnum((unsigned char)ch) &&
				    strchr("._-", ch) == NULL)
					return -1;
				val[j] = ch;
			}
			val[n] = '\0';
			return 0;
		}
		i = end + 1;
	}
	return -1;
}
