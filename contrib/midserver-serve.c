/* midserver-sim serve: an HTTPS server on loopback that plays the
 * intermediate server for tests and training. It demands a client
 * certificate signed by --client-ca, answers each uploaded file with the
 * simulator's own offline answer (`midserver-sim answer FILE --fail N`, run
 * as a child), and can be told to misbehave: --slow MS keeps a file
 * "processing" that long, --drop N drops the connection after taking the
 * first N uploads (the file is registered, the reply is lost), --fail N
 * fails N rows of each file, --jlis-mismatch N reports N persons of each
 * persons file as differing from the resident registry.
 *
 * libmicrohttpd does the HTTP and TLS (GnuTLS) work: a simulator is no place
 * for a hand-written HTTP parser. Everything runs on MHD's one internal
 * thread, so the table of files needs no lock. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/gnutls.h>
#include <microhttpd.h>

#include "midserver-serve.h"

#define SIM_MAX_FILES 256
#define SIM_MAX_BODY (512u << 20)

struct sim_file {
	char key[65];		/* Idempotency-Key: the file's SHA-256 */
	char id[16];
	char name[256];
	char *result;
	size_t result_len;
	struct timespec ready;
};

struct sim {
	const char *answer_cmd;	/* program run as: CMD answer FILE --fail N */
	int fail;
	int jlis_mismatch;	/* passed on to the answer */
	long slow_ms;
	int drop;		/* uploads still to drop after registering */
	struct sim_file files[SIM_MAX_FILES];
	int nfiles;
	int registrations;	/* files answered: a retry must not add one */
};

struct sim_req {
	char *body;
	size_t len;
	int too_big;
};

static char *
sim_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1)) != NULL) {
		*len = fread(p, 1, (size_t)n, f);
		p[*len] = '\0';
	}
	fclose(f);
	return p;
}

/* Runs the offline answer on the uploaded bytes, saved under the name they
 * were sent with (the name says which registration file it is). 0 with the
 * result, or -1 with the answer's complaint. */
static int
sim_answer(struct sim *s, const char *name, const char *body, size_t len,
    char **out, size_t *outlen)
{
	char dir[] = "/tmp/midsim-XXXXXX", in[512], res[600], msg[600];
	char failarg[16], mmarg[16];
	int fi = -1, fo = -1, fe = -1, status = -1, ok = 0;
	pid_t pid;

	*out = NULL;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(in, sizeof in, "%s/%s", dir, name);
	snprintf(res, sizeof res, "%s/answer.out", dir);
	snprintf(msg, sizeof msg, "%s/answer.err", dir);
	snprintf(failarg, sizeof failarg, "%d", s->fail);
	snprintf(mmarg, sizeof mmarg, "%d", s->jlis_mismatch);
	fi = open(in, O_WRONLY | O_CREAT | O_EXCL, 0600);
	fo = open(res, O_WRONLY | O_CREAT | O_EXCL, 0600);
	fe = open(msg, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fi < 0 || fo < 0 || fe < 0 || write(fi, body, len) != (ssize_t)len)
		goto done;
	if ((pid = fork()) == 0) {
		dup2(fo, STDOUT_FILENO);
		dup2(fe, STDERR_FILENO);
		execl(s->answer_cmd, s->answer_cmd, "answer", in, "--fail",
		    failarg, "--jlis-mismatch", mmarg, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	/* The result on success; the answer's complaint otherwise. */
	ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	*out = sim_read_file(ok ? res : msg, outlen);
done:
	if (fi >= 0)
		close(fi);
	if (fo >= 0)
		close(fo);
	if (fe >= 0)
		close(fe);
	unlink(in);
	unlink(res);
	unlink(msg);
	rmdir(dir);
	if (*out == NULL)
		return -1;
	return ok ? 0 : -1;
}

static enum MHD_Result
sim_reply(struct MHD_Connection *c, unsigned code, const char *text,
    size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len,
	    (void *)text, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc = MHD_queue_response(c, code, r);

	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
sim_text(struct MHD_Connection *c, unsigned code, const char *text)
{
	return sim_reply(c, code, text, strlen(text));
}

/* The client must show a certificate that the client CA signed. */
static int
sim_client_ok(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_GNUTLS_SESSION);
	gnutls_session_t tls;
	unsigned int status = 0, n = 0;

	if (ci == NULL || (tls = ci->tls_session) == NULL)
		return 0;
	if (gnutls_certificate_get_peers(tls, &n) == NULL || n == 0)
		return 0;
	return gnutls_certificate_verify_peers2(tls, &status) == 0 &&
	    status == 0;
}

static struct sim_file *
sim_find(struct sim *s, const char *key, const char *id)
{
	int i;

	for (i = 0; i < s->nfiles; i++)
		if ((key && strcmp(s->files[i].key, key) == 0) ||
		    (id && strcmp(s->files[i].id, id) == 0))
			return &s->files[i];
	return NULL;
}

static int
sim_key_ok(const char *k)
{
	size_t i;

	if (k == NULL || strlen(k) != 64)
		return 0;
	for (i = 0; i < 64; i++)
		if (strchr("0123456789abcdef", k[i]) == NULL)
			return 0;
	return 1;
}

static void
sim_ready_at(struct sim_file *f, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, &f->ready);
	f->ready.tv_sec += ms / 1000;
	f->ready.tv_nsec += (ms % 1000) * 1000000L;
	if (f->ready.tv_nsec >= 1000000000L) {
		f->ready.tv_sec++;
		f->ready.tv_nsec -= 1000000000L;
	}
}

static int
sim_is_ready(const struct sim_file *f)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > f->ready.tv_sec || (now.tv_sec == f->ready.tv_sec &&
	    now.tv_nsec >= f->ready.tv_nsec);
}

/* A whole upload has arrived: register it once, answer with its id. */
static enum MHD_Result
sim_put_done(struct sim *s, struct MHD_Connection *c, const char *name,
    struct sim_req *q)
{
	const char *key = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Idempotency-Key");
	struct sim_file *f;
	char reply[64];

	if (name[0] == '.' || strlen(name) > 200 || name[strspn(name,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")]
	    != '\0')
		return sim_text(c, 400, "a file name of letters, digits, '.', '_' "
		    "and '-' is required\n");
	if (!sim_key_ok(key))
		return sim_text(c, 400, "an Idempotency-Key of 64 hex digits is "
		    "required\n");
	if ((f = sim_find(s, key, NULL)) == NULL) {
		if (s->nfiles == SIM_MAX_FILES)
			return sim_text(c, 503, "too many files\n");
		f = &s->files[s->nfiles];
		memset(f, 0, sizeof *f);
		if (sim_answer(s, name, q->body, q->len, &f->result,
		    &f->result_len) < 0) {
			enum MHD_Result rc = f->result ? sim_reply(c, 422,
			    f->result, f->result_len) :
			    sim_text(c, 500, "the answer program failed\n");

			free(f->result);
			return rc;
		}
		snprintf(f->key, sizeof f->key, "%s", key);
		snprintf(f->id, sizeof f->id, "F%06d", s->nfiles + 1);
		snprintf(f->name, sizeof f->name, "%s", name);
		sim_ready_at(f, s->slow_ms);
		s->nfiles++;
		s->registrations++;
		fprintf(stderr, "midserver-sim: registered %s as %s\n", name,
		    f->id);
	}
	if (s->drop > 0) {
		s->drop--;
		fprintf(stderr, "midserver-sim: dropping the reply for %s\n",
		    f->id);
		return MHD_NO;	/* MHD closes the connection unanswered */
	}
	snprintf(reply, sizeof reply, "id=%s\n", f->id);
	return sim_text(c, 202, reply);
}

static enum MHD_Result
sim_get(struct sim *s, struct MHD_Connection *c, const char *path)
{
	char id[16], what[16];
	struct sim_file *f;

	if (strcmp(path, "/v1/stats") == 0) {
		char body[64];

		snprintf(body, sizeof body, "registrations=%d\n",
		    s->registrations);
		return sim_text(c, 200, body);
	}
	if (sscanf(path, "/v1/files/%15[A-Z0-9]/%15[a-z]", id, what) != 2 ||
	    (f = sim_find(s, NULL, id)) == NULL)
		return sim_text(c, 404, "no such file\n");
	if (strcmp(what, "status") == 0)
		return sim_text(c, 200, sim_is_ready(f) ? "state=done\n" :
		    "state=processing\n");
	if (strcmp(what, "result") == 0)
		return sim_is_ready(f) ? sim_reply(c, 200, f->result,
		    f->result_len) : sim_text(c, 409, "still processing\n");
	return sim_text(c, 404, "no such resource\n");
}

static int
sim_take_body(struct sim_req *q, const char *data, size_t *size)
{
	if (q->len + *size > SIM_MAX_BODY)
		q->too_big = 1;
	if (!q->too_big) {
		char *p = realloc(q->body, q->len + *size + 1);

		if (p == NULL)
			return -1;
		q->body = p;
		memcpy(q->body + q->len, data, *size);
		q->len += *size;
		q->body[q->len] = '\0';
	}
	*size = 0;
	return 0;
}

static enum MHD_Result
sim_handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *data, size_t *size,
    void **ctx)
{
	struct sim *s = cls;
	struct sim_req *q = *ctx;

	(void)version;
	if (q == NULL) {
		if ((q = calloc(1, sizeof *q)) == NULL)
			return MHD_NO;
		*ctx = q;
		return MHD_YES;
	}
	if (*size > 0)
		return sim_take_body(q, data, size) == 0 ? MHD_YES : MHD_NO;
	if (!sim_client_ok(c))
		return sim_text(c, 403, "a client certificate signed by the "
		    "association's CA is required\n");
	if (strcmp(method, "GET") == 0)
		return sim_get(s, c, url);
	if (strcmp(method, "PUT") == 0 && strncmp(url, "/v1/files/", 10) == 0 &&
	    url[10] != '\0' && strchr(url + 10, '/') == NULL) {
		if (q->too_big)
			return sim_text(c, 413, "file too large\n");
		return sim_put_done(s, c, url + 10, q);
	}
	return sim_text(c, 405, "not allowed\n");
}

static void
sim_done(void *cls, struct MHD_Connection *c, void **ctx,
    enum MHD_RequestTerminationCode toe)
{
	struct sim_req *q = *ctx;

	(void)cls;
	(void)c;
	(void)toe;
	if (q != NULL) {
		free(q->body);
		free(q);
		*ctx = NULL;
	}
}

static int
sim_usage(void)
{
	fprintf(stderr, "usage: midserver-sim serve --port P --cert F --key F "
	    "--client-ca F [--port-file F] [--fail N] [--jlis-mismatch N] "
	    "[--slow MS] [--drop N] "
	    "[--answer-cmd PROG]\n");
	return 2;
}

struct sim_opts {
	int port;
	const char *cert, *key, *ca, *port_file;
};

/* Longest --slow: a day. Longer would add nothing to a test and could
 * overflow the ready time's seconds. */
#define SIM_MAX_SLOW_MS (24L * 60 * 60 * 1000)

/* One numeric option's value: all of ARG a decimal number in MIN..MAX.
 * atoi took "x" for 0 and "80x" for 80; a typo must not quietly start a
 * server on another port or with no failures. 0, or -1 after saying why. */
static int
sim_number(const char *opt, const char *arg, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end == arg || *end != '\0') {
		fprintf(stderr, "midserver-sim: --%s: not a number: %s\n", opt,
		    arg);
		return -1;
	}
	if (errno == ERANGE || v < min || v > max) {
		fprintf(stderr, "midserver-sim: --%s: out of range %ld..%ld: %s\n",
		    opt, min, max, arg);
		return -1;
	}
	*out = v;
	return 0;
}

/* sim_number for an int option. */
static int
sim_int(const char *opt, const char *arg, long min, long max, int *out)
{
	long v;

	if (sim_number(opt, arg, min, max, &v) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

static int
sim_parse(int argc, char **argv, struct sim *s, struct sim_opts *o)
{
	static const struct option longs[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "cert", required_argument, NULL, 'c' },
		{ "key", required_argument, NULL, 'k' },
		{ "client-ca", required_argument, NULL, 'a' },
		{ "port-file", required_argument, NULL, 'P' },
		{ "fail", required_argument, NULL, 'f' },
		{ "slow", required_argument, NULL, 's' },
		{ "drop", required_argument, NULL, 'd' },
		{ "jlis-mismatch", required_argument, NULL, 'j' },
		{ "answer-cmd", required_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, bad = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (ch) {
		/* Port 0: any free port, told through --port-file. */
		case 'p': bad |= sim_int("port", optarg, 0, 65535, &o->port); break;
		case 'c': o->cert = optarg; break;
		case 'k': o->key = optarg; break;
		case 'a': o->ca = optarg; break;
		case 'P': o->port_file = optarg; break;
		case 'f': bad |= sim_int("fail", optarg, 0, INT_MAX, &s->fail); break;
		case 's':
			bad |= sim_number("slow", optarg, 0, SIM_MAX_SLOW_MS,
			    &s->slow_ms);
			break;
		case 'd': bad |= sim_int("drop", optarg, 0, INT_MAX, &s->drop); break;
		case 'j':
			bad |= sim_int("jlis-mismatch", optarg, 0, INT_MAX,
			    &s->jlis_mismatch);
			break;
		case 'x': s->answer_cmd = optarg; break;
		default: return -1;
		}
	}
	if (bad)
		return -2;
	return o->cert && o->key && o->ca ? 0 : -1;
}

static void
sim_write_port(struct MHD_Daemon *d, const char *path)
{
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d,
	    MHD_DAEMON_INFO_BIND_PORT);
	FILE *f;

	if (path == NULL || di == NULL || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%u\n", (unsigned)di->port);
	fclose(f);
}

static struct MHD_Daemon *
sim_start(struct sim *s, const struct sim_opts *o, char *cert, char *key,
    char *ca)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)o->port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_TLS |
	    MHD_USE_ERROR_LOG, 0, NULL, NULL, sim_handle, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_HTTPS_MEM_CERT, cert, MHD_OPTION_HTTPS_MEM_KEY, key,
	    MHD_OPTION_HTTPS_MEM_TRUST, ca,
	    MHD_OPTION_NOTIFY_COMPLETED, sim_done, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
}

int
sim_serve_main(int argc, char **argv)
{
	static struct sim s;
	struct sim_opts o = { 0 };
	struct MHD_Daemon *d;
	char *cert, *key, *ca;
	size_t n;
	sigset_t set;
	int sig;

	s.answer_cmd = "/proc/self/exe";
	switch (sim_parse(argc, argv, &s, &o)) {
	case -2:
		return 2;	/* a bad number, already named */
	case -1:
		return sim_usage();
	}
	cert = sim_read_file(o.cert, &n);
	key = sim_read_file(o.key, &n);
	ca = sim_read_file(o.ca, &n);
	if (cert == NULL || key == NULL || ca == NULL) {
		fprintf(stderr, "midserver-sim: cannot read the certificate, key "
		    "or client CA\n");
		return 1;
	}
	if (s.answer_cmd && strcmp(s.answer_cmd, "/proc/self/exe") == 0) {
		static char self[4096];
		ssize_t m = readlink("/proc/self/exe", self, sizeof self - 1);

		if (m > 0) {
			self[m] = '\0';
			s.answer_cmd = self;
		}
	}
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if ((d = sim_start(&s, &o, cert, key, ca)) == NULL) {
		fprintf(stderr, "midserver-sim: cannot serve on port %d\n", o.port);
		return 1;
	}
	sim_write_port(d, o.port_file);
	fprintf(stderr, "midserver-sim: serving on 127.0.0.1\n");
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	for (n = 0; n < (size_t)s.nfiles; n++)
		free(s.files[n].result);
	free(cert);
	free(key);
	free(ca);
	return 0;
}
