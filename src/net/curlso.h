/* libcurl's few entry points the upload uses, reached through a table
 * filled when the first request needs them (net/curlso.c). */
#ifndef MYNA_NET_CURLSO_H
#define MYNA_NET_CURLSO_H

#include <curl/curl.h>

struct curl_api {
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *h, CURLoption opt, ...);
	CURLcode (*easy_perform)(CURL *h);
	CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *h);
	const char *(*easy_strerror)(CURLcode code);
	struct curl_slist *(*slist_append)(struct curl_slist *l,
	    const char *s);
	void (*slist_free_all)(struct curl_slist *l);
};

/* The table, loaded once for the process (thread-safe), or NULL with err
 * saying why libcurl could not be loaded. */
const struct curl_api *curl_api(char **err);

#endif
