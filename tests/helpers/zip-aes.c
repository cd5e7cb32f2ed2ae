/* Test helper: packs files into an AES-256 ZIP with the project's own
 * zipbox code, as J-LIS's answer container is made. The password is read
 * from standard input (one line). Usage: zip-aes OUT.zip FILE... */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/zipbox.h"
#include "util/readfile.h"

int
main(int argc, char **argv)
{
	struct zipbox_member m[16];
	char pw[256], *data[16], *err = NULL;
	size_t len[16];
	int i, n = argc - 2, rc;

	if (n < 1 || n > 16 || fgets(pw, sizeof pw, stdin) == NULL) {
		fprintf(stderr, "usage: zip-aes OUT.zip FILE... <password\n");
		return 2;
	}
	pw[strcspn(pw, "\n")] = '\0';
	for (i = 0; i < n; i++) {
		const char *base = strrchr(argv[i + 2], '/');

		if (readfile_all(argv[i + 2], 1 << 26, &data[i], &len[i], &err) < 0) {
			fprintf(stderr, "zip-aes: %s\n", err);
			return 1;
		}
		m[i].name = base ? base + 1 : argv[i + 2];
		m[i].data = data[i];
		m[i].len = len[i];
	}
	rc = zipbox_pack(argv[1], m, (size_t)n, pw, &err);
	if (rc < 0)
		fprintf(stderr, "zip-aes: %s\n", err);
	for (i = 0; i < n; i++)
		free(data[i]);
	return rc < 0 ? 1 : 0;
}
