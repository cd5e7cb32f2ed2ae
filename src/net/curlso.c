/* libcurl is opened on the first upload instead of linked. Linked, it made
 * every command, the console and the format checker load some 28 more
 * shared libraries at start (its LDAP, RTMP, SSH, Kerberos, IDN and HTTP/2
 * back ends): about 23 ms of CPU each time, a quarter of checking a
 * 95,000-row inquiry file, and code mapped into the process that holds the
 * data key whether or not it ever talks to a server. Only the upload does. */
#include "config.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#include "net/curlso.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The ABI the headers we build with describe (libcurl4 on Debian). */
#define CURLSO_NAME "libcurl.so.4"

static struct curl_api curlso_api;
static char *curlso_err;	/* why loading failed; kept for the process */
static pthread_once_t curlso_once = PTHREAD_ONCE_INIT;

/* POSIX guarantees a function's address fits a void *: dlsym's way. */
static int
curlso_sym(void *lib, const char *name, void *fn)
{
	void *p = dlsym(lib, name);

	if (p == NULL)
		return -1;
	memcpy(fn, &p, sizeof p);
	return 0;
}

static void
curlso_load(void)
{
	struct curl_api a;
	void *lib = dlopen(CURLSO_NAME, RTLD_NOW | RTLD_LOCAL);
	const char *why;

	if (lib == NULL) {
		why = dlerror();
		curlso_err = xasprintf(_("cannot load %s for the upload (%s): "
		    "install the libcurl4 package"), CURLSO_NAME, why ? why : "?");
		return;
	}
	if (curlso_sym(lib, "curl_easy_init", &a.easy_init) < 0 ||
	    curlso_sym(lib, "curl_easy_setopt", &a.easy_setopt) < 0 ||
	    curlso_sym(lib, "curl_easy_perform", &a.easy_perform) < 0 ||
	    curlso_sym(lib, "curl_easy_getinfo", &a.easy_getinfo) < 0 ||
	    curlso_sym(lib, "curl_easy_cleanup", &a.easy_cleanup) < 0 ||
	    curlso_sym(lib, "curl_easy_strerror", &a.easy_strerror) < 0 ||
	    curlso_sym(lib, "curl_slist_append", &a.slist_append) < 0 ||
	    curlso_sym(lib, "curl_slist_free_all", &a.slist_free_all) < 0) {
		curlso_err = xasprintf(_("%s lacks a function the upload needs"),
		    CURLSO_NAME);
		dlclose(lib);
		return;
	}
	/* Stays loaded for the process: the handles it made may outlive any
	 * one caller. */
	curlso_api = a;
}

const struct curl_api *
curl_api(char **err)
{
	pthread_once(&curlso_once, curlso_load);
	if (curlso_err != NULL) {
		err_set(err, "%s", curlso_err);
		return NULL;
	}
	return &curlso_api;
}
