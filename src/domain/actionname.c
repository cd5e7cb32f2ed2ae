/* The audit viewer's words for actions and details. The labels are
 * translated here, not stored: the log's bytes (and so its chain) stay the
 * machine names, and a new language needs no migration. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "domain/account.h"
#include "domain/actionname.h"
#include "domain/regfile.h"
#include "util/i18n.h"

struct name_pair {
	const char *key;
	const char *label;	/* NP_("audit", ...) */
};

static const struct name_pair actions[] = {
	{ "login", NP_("audit", "login") },
	{ "logout", NP_("audit", "logout") },
	{ "login.refused", NP_("audit", "login refused") },
	{ "login.recovery", NP_("audit", "recovery key login") },
	{ "session.lock", NP_("audit", "console locked (idle)") },
	{ "session.unlock", NP_("audit", "console unlocked") },
	{ "session.unlock-failed", NP_("audit", "console unlock failed") },
	{ "vault.init", NP_("audit", "vault created") },
	{ "vault.lockout", NP_("audit", "locked: failed logins") },
	{ "vault.rekey", NP_("audit", "data key changed") },
	{ "vault.signkey-moved", NP_("audit", "signing key moved") },
	{ "schema.migrate", NP_("audit", "vault schema updated") },
	{ "user.add", NP_("audit", "user added") },
	{ "user.passwd", NP_("audit", "password changed") },
	{ "user.role", NP_("audit", "role changed") },
	{ "user.lock", NP_("audit", "user locked") },
	{ "user.unlock", NP_("audit", "user unlocked") },
	{ "staffkey.add", NP_("audit", "SSH key added") },
	{ "staffkey.remove", NP_("audit", "SSH key removed") },
	{ "settings.set", NP_("audit", "setting changed") },
	{ "person.import", NP_("audit", "persons imported") },
	{ "number.enter", NP_("audit", "number entered") },
	{ "number.confirm", NP_("audit", "number confirmed") },
	{ "number.match", NP_("audit", "number matched") },
	{ "number.mismatch", NP_("audit", "number mismatch") },
	{ "number.duplicate", NP_("audit", "number duplicate") },
	{ "number.delete", NP_("audit", "number erased") },
	{ "number.reveal", NP_("audit", "number shown") },
	{ "idproof.record", NP_("audit", "ID check recorded") },
	{ "evidence.add", NP_("audit", "evidence stored") },
	{ "evidence.get", NP_("audit", "evidence taken out") },
	{ "jlis.request", NP_("audit", "J-LIS inquiry written") },
	{ "jlis.receive", NP_("audit", "J-LIS answer imported") },
	{ "jlis.accept", NP_("audit", "held answer accepted") },
	{ "jlis.reject", NP_("audit", "held answer rejected") },
	{ "jlis.inquiry-name", NP_("audit", "inquiry name recorded") },
	{ "media.create", NP_("audit", "medium created") },
	{ "media.pack", NP_("audit", "medium packed") },
	{ "media.carry", NP_("audit", "taken to the terminal") },
	{ "media.ship", NP_("audit", "medium shipped") },
	{ "media.receive", NP_("audit", "answer medium received") },
	{ "media.import", NP_("audit", "answer medium imported") },
	{ "media.dispose", NP_("audit", "medium disposed of") },
	{ "media.password", NP_("audit", "medium password shown") },
	{ "bulk.export", NP_("audit", "registration file made") },
	{ "bulk.results", NP_("audit", "results imported") },
	{ "upload.sent", NP_("audit", "sent to the server") },
	{ "upload.result", NP_("audit", "result from the server") },
	{ "registration.no-error", NP_("audit", "difference confirmed") },
	{ "cutover.record", NP_("audit", "system switch recorded") },
	{ "audit.export", NP_("audit", "evidence exported") },
	{ "audit.report", NP_("audit", "daily report") },
	{ "audit.verify", NP_("audit", "audit log verified") },
	{ "audit.verify-head", NP_("audit", "printed head checked") },
	{ "audit.checkpoint", NP_("audit", "checkpoint signed") },
	{ "backup.create", NP_("audit", "backup made") },
	{ "backup.restore", NP_("audit", "backup restored") },
	{ "backup.verify", NP_("audit", "backup verified") },
	{ "pia.done", NP_("audit", "PIA recorded") },
	{ NULL, NULL }
};

static const struct name_pair keys[] = {
	{ "channel", NP_("audit detail", "channel") },
	{ "received", NP_("audit detail", "received") },
	{ "doc", NP_("audit detail", "document no.") },
	{ "mode", NP_("audit detail", "how") },
	{ "items", NP_("audit detail", "documents") },
	{ "result", NP_("audit detail", "result") },
	{ "reason", NP_("audit detail", "reason") },
	{ "date", NP_("audit detail", "date") },
	{ "files", NP_("audit detail", "files") },
	{ "role", NP_("audit detail", "role") },
	{ "count", NP_("audit detail", "count") },
	{ "kind", NP_("audit detail", "kind") },
	{ "file", NP_("audit detail", "file") },
	{ "sha256", NP_("audit detail", "SHA-256") },
	{ "file-sha256", NP_("audit detail", "file's SHA-256") },
	{ "container_sha256", NP_("audit detail", "ZIP's SHA-256") },
	{ "rows", NP_("audit detail", "rows") },
	{ "records", NP_("audit detail", "records") },
	{ "layout", NP_("audit detail", "layout") },
	{ "added", NP_("audit detail", "added") },
	{ "changed", NP_("audit detail", "changed") },
	{ "unchanged", NP_("audit detail", "unchanged") },
	{ "rejected", NP_("audit detail", "rejected") },
	{ "accepted", NP_("audit detail", "accepted") },
	{ "failed", NP_("audit detail", "failed") },
	{ "medium", NP_("audit detail", "medium") },
	{ "members", NP_("audit detail", "files inside") },
	{ "request", NP_("audit detail", "inquiry") },
	{ "reinquiries", NP_("audit detail", "asked again") },
	{ "size", NP_("audit detail", "size") },
	{ "bytes", NP_("audit detail", "bytes") },
	{ "about", NP_("audit detail", "concerning") },
	{ "answer_medium", NP_("audit detail", "answer medium") },
	{ "at", NP_("audit detail", "at") },
	{ "attempts", NP_("audit detail", "attempts") },
	{ "base-extract", NP_("audit detail", "base extract") },
	{ "confirmed", NP_("audit detail", "confirmed") },
	{ "created", NP_("audit detail", "made") },
	{ "created_checked", NP_("audit detail", "made time checked") },
	{ "cutover", NP_("audit detail", "switch") },
	{ "expected", NP_("audit detail", "expected") },
	{ "got", NP_("audit detail", "found") },
	{ "fingerprint", NP_("audit detail", "fingerprint") },
	{ "found", NP_("audit detail", "found at record") },
	{ "generation", NP_("audit detail", "key generation") },
	{ "head", NP_("audit detail", "chain head") },
	{ "held", NP_("audit detail", "held") },
	{ "held-by", NP_("audit detail", "held by") },
	{ "id", NP_("audit detail", "server's id") },
	{ "incidents", NP_("audit detail", "incidents") },
	{ "insurer", NP_("audit detail", "insurer") },
	{ "into", NP_("audit detail", "into") },
	{ "jlis-mismatch", NP_("audit detail", "J-LIS mismatches") },
	{ "jlis-settled", NP_("audit detail", "J-LIS settled") },
	{ "keys", NP_("audit detail", "keys") },
	{ "level", NP_("audit detail", "level") },
	{ "manifest", NP_("audit detail", "manifest") },
	{ "name", NP_("audit detail", "name") },
	{ "no-number", NP_("audit detail", "without a number") },
	{ "not-found", NP_("audit detail", "not found") },
	{ "out", NP_("audit detail", "written to") },
	{ "pattern", NP_("audit detail", "pattern") },
	{ "persons", NP_("audit detail", "persons") },
	{ "refused", NP_("audit detail", "refused") },
	{ "reinquiry", NP_("audit detail", "to ask again") },
	{ "root", NP_("audit detail", "root") },
	{ "source-sha256", NP_("audit detail", "source's SHA-256") },
	{ "staff", NP_("audit detail", "staff") },
	{ "summary", NP_("audit detail", "summary") },
	{ "title", NP_("audit detail", "title") },
	{ "tree", NP_("audit detail", "tree size") },
	{ "type", NP_("audit detail", "type") },
	{ "url", NP_("audit detail", "URL") },
	{ "usb", NP_("audit detail", "USB memory") },
	{ "user", NP_("audit detail", "user") },
	{ "version", NP_("audit detail", "version") },
	{ NULL, NULL }
};

/* Values of the channel: where the number or the document came from. */
static const struct name_pair channels[] = {
	{ "member", NP_("channel", "the insured") },
	{ "employer", NP_("channel", "employer") },
	{ "jlis", NP_("channel", "J-LIS") },
	{ "terminal", NP_("channel", "dedicated terminal") },
	{ "courier", NP_("channel", "courier") },
	{ NULL, NULL }
};

static const char *
name_find(const struct name_pair *t, const char *key, size_t len)
{
	for (; t->key != NULL; t++)
		if (strlen(t->key) == len && strncmp(t->key, key, len) == 0)
			return i18n_ctx(t->label);
	return NULL;
}

const char *
action_label(const char *action)
{
	const char *l = name_find(actions, action, strlen(action));

	return l != NULL ? l : action;
}

int
action_is_session(const char *action)
{
	return strcmp(action, "login") == 0 || strcmp(action, "logout") == 0;
}

/* A registration kind in words ("persons": 加入者), or NULL when the
 * value is not one (other actions may say kind= of something else). */
static const char *
kind_label(const char *val, size_t vlen)
{
	char name[32];
	enum reg_kind k;

	if (vlen >= sizeof name)
		return NULL;
	memcpy(name, val, vlen);
	name[vlen] = '\0';
	return reg_kind_parse(name, &k, NULL) == 0 ? reg_kind_label(k) : NULL;
}

/* The words for a value that is a code (a channel, a role), or NULL to
 * show the value as recorded. */
static const char *
detail_value(const char *key, size_t klen, const char *val, size_t vlen)
{
	char role[16];
	const char *l;

	if (klen == strlen("channel") && strncmp(key, "channel", klen) == 0)
		return name_find(channels, val, vlen);
	if (klen == strlen("kind") && strncmp(key, "kind", klen) == 0)
		return kind_label(val, vlen);
	if (klen == strlen("role") && strncmp(key, "role", klen) == 0 &&
	    vlen < sizeof role) {
		memcpy(role, val, vlen);
		role[vlen] = '\0';
		l = account_role_label(role);
		return l != role ? l : NULL;
	}
	return NULL;
}

/* One "key=value" word (len bytes at w) in words, appended at out + *o. */
static void
detail_word(const char *w, size_t len, char *out, size_t size, size_t *o)
{
	const char *eq = memchr(w, '=', len), *k, *v = NULL;
	int n;

	if (*o >= size)
		return;
	if (eq == NULL || (k = name_find(keys, w, (size_t)(eq - w))) == NULL) {
		n = snprintf(out + *o, size - *o, "%s%.*s", *o ? " " : "",
		    (int)len, w);
	} else {
		size_t vlen = len - (size_t)(eq - w) - 1;

		v = detail_value(w, (size_t)(eq - w), eq + 1, vlen);
		/* L10N: one audit detail: the item's name, then its value. */
		n = snprintf(out + *o, size - *o, _("%s%s: %.*s"), *o ? " " : "",
		    k, v ? (int)strlen(v) : (int)vlen, v ? v : eq + 1);
	}
	if (n > 0)
		*o += (size_t)n;
}

void
action_detail_text(const char *detail, char *out, size_t len)
{
	size_t o = 0;
	const char *p = detail;

	if (len == 0)
		return;
	out[0] = '\0';
	while (*p != '\0') {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (n > 0)
			detail_word(p, n, out, len, &o);
		p += n;
	}
	if (o >= len)
		out[len - 1] = '\0';
}
