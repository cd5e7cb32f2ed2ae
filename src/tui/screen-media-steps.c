/* Timeline > ship / receive / dispose / slip: small forms that record a
 * medium's custody steps with the same ops as 'mynadesk media ship|receive|
 * dispose' and write its hand-over slip (授受票) as 'media slip' prints it.
 * Receipt and disposal need a witness: the second person types their name
 * and password on the same form, and ops checks them with the step. A
 * refused step leaves the form as it was, except the witness's password,
 * which is never kept after a try. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops/handover.h"
#include "ops/media.h"
#include "tui/form.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define MF_MAX 5

typedef int (*mform_submit_fn)(struct tui *t, char *const *v,
    struct witness *w, char **err);

/* What one form asks for and what it does with the answers. */
struct mform_def {
	int n;
	const char *label[MF_MAX];
	const char *hint[MF_MAX];	/* after the field; NULL for none */
	int date_at;		/* prefilled with today; -1 for none */
	int witness_at;		/* the witness's name, the password next; -1 */
	int optional_at;	/* may stay empty (the date: today); -1 */
	int path_at;		/* a file path, prefilled ~/<medium>-slip.txt */
	const char *intro;	/* %s is the medium */
	mform_submit_fn submit;
};

/* The frame wipes and frees the state when the form is left. */
struct mform {
	struct field f[MF_MAX];
	int focus;
};

static void
mform_set(struct field *f, const char *s)
{
	size_t n = mbstowcs(f->buf, s, FIELD_MAX);

	if (n == (size_t)-1)
		n = 0;
	f->buf[n] = L'\0';
	f->len = f->cur = (int)n;
}

static struct mform *
mform_state(struct tui *t, const struct mform_def *d)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct mform *m = xcalloc(1, sizeof *m);
		char today[11], slip[64];

		if (d->date_at >= 0) {
			media_today(today);
			mform_set(&m->f[d->date_at], today);
		}
		if (d->witness_at >= 0)
			m->f[d->witness_at + 1].secret = 1;
		if (d->path_at >= 0) {
			/* Service mode: a name in the outbox. */
			snprintf(slip, sizeof slip, "%s%s-slip.txt",
			    ops_handover_confined() ? "" : "~/", tui_arg_key(t));
			mform_set(&m->f[d->path_at], slip);
		}
		*slot = m;
	}
	return *slot;
}

static int
mform_label_width(const struct mform_def *d)
{
	int i, w = 0;

	for (i = 0; i < d->n; i++)
		if (text_width(_(d->label[i])) > w)
			w = text_width(_(d->label[i]));
	return w + 2;
}

static void
mform_draw(struct tui *t, const struct mform_def *d, int top)
{
	struct mform *m = mform_state(t, d);
	int lw = mform_label_width(d), x = 2 + lw, fw = COLS - x - 2, i, y;
	char buf[256];

	if (fw > 30)
		fw = 30;
	snprintf(buf, sizeof buf, _(d->intro), tui_arg_key(t));
	draw_text(top, 2, COLS - 4, buf, ROLE_TITLE);
	for (i = 0, y = top + 2; i < d->n; i++, y += 2) {
		if (i == d->witness_at) {
			draw_text(y, 2, COLS - 4, _("The witness logs in here: a second "
			    "user, not you."), ROLE_TWO_PERSON);
			y += 2;
		}
		draw_text(y, 2, lw, _(d->label[i]), ROLE_NORMAL);
		field_draw(&m->f[i], y, x, fw, 0);
		if (d->hint[i] != NULL && x + fw + 2 < COLS - 1)
			draw_text(y, x + fw + 2, COLS - x - fw - 3, _(d->hint[i]),
			    ROLE_NORMAL);
	}
	draw_text(y, 2, COLS - 4, _("Enter on the last field records it; Esc "
	    "cancels."), ROLE_NORMAL);
	/* The focused field last, so the cursor ends up in it. */
	y = top + 2 + 2 * m->focus;
	if (d->witness_at >= 0 && m->focus >= d->witness_at)
		y += 2;
	field_draw(&m->f[m->focus], y, x, fw, 1);
	curs_set(1);
}

/* After a refusal: the password is gone, so the cursor goes to the first
 * field left to fill; a witness who is the user goes back to the name. */
static void
mform_refused(struct tui *t, const struct mform_def *d, struct mform *m,
    const char *err)
{
	int i;

	tui_message(t, ROLE_ERROR, "%s", err);
	if (d->witness_at < 0)
		return;
	field_clear(&m->f[d->witness_at + 1]);
	m->f[d->witness_at + 1].secret = 1;
	if (err_field_of(err) == ERR_FIELD_WITNESS) {
		m->focus = d->witness_at;
		return;
	}
	for (i = 0; i < d->n; i++)
		if (i != d->optional_at && m->f[i].len == 0) {
			m->focus = i;
			return;
		}
}

static int
mform_submit(struct tui *t, const struct mform_def *d, struct mform *m)
{
	char *v[MF_MAX] = { NULL }, *err = NULL;
	struct witness *w = NULL;
	int i, rc;

	/* The witness first, checked once: the step gets the handle, and the
	 * password field is empty from here on. */
	if (d->witness_at >= 0 && (w = form_witness(t, m->f, d->witness_at,
	    d->witness_at + 1, &m->focus, &err)) == NULL) {
		tui_message(t, ROLE_ERROR, "%s", err ? err : _("failed"));
		free(err);
		return KEY_HANDLED;
	}
	for (i = 0; i < d->n; i++)
		v[i] = field_text(&m->f[i]);
	tui_message(t, ROLE_NORMAL, "%s", _("recording..."));
	rc = d->submit(t, v, w, &err);
	ops_witness_free(w);
	for (i = 0; i < d->n; i++)
		secret_free_str(v[i]);
	if (rc < 0)
		mform_refused(t, d, m, err ? err : _("failed"));
	else
		tui_pop(t);	/* frees m; the message was set by submit */
	free(err);
	return KEY_HANDLED;
}

static int
mform_key_enter(struct tui *t, const struct mform_def *d)
{
	struct mform *m = mform_state(t, d);

	if (m->focus < d->n - 1) {
		m->focus++;
		return KEY_HANDLED;
	}
	return mform_submit(t, d, m);
}

static int
mform_key_move(struct tui *t, const struct mform_def *d, wint_t ch)
{
	struct mform *m = mform_state(t, d);

	m->focus = field_focus_step(m->focus, d->n, ch);
	return KEY_HANDLED;
}

static int
mform_key_esc(struct tui *t, wint_t ch)
{
	(void)ch;
	tui_message(t, ROLE_NORMAL, "%s", _("nothing was recorded"));
	return KEY_BACK;
}

static int
mform_key(struct tui *t, const struct mform_def *d, wint_t ch, int is_fkey)
{
	struct mform *m = mform_state(t, d);

	return field_key(&m->f[m->focus], ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

/* An empty field is "not given": ops then says what is missing. */
static const char *
given(const char *s)
{
	return s[0] != '\0' ? s : NULL;
}

/* ---- the steps ---- */

static int
ship_submit(struct tui *t, char *const *v, struct witness *w, char **err)
{
	struct media_step_in in;

	(void)w;
	memset(&in, 0, sizeof in);
	in.courier = given(v[0]);
	in.tracking = given(v[1]);
	in.seal = given(v[2]);
	in.notice_date = given(v[3]);
	in.date = given(v[4]);
	if (ops_media_ship(t->s, tui_arg_key(t), &in, err) < 0)
		return -1;
	/* L10N: %s is the medium, e.g. M0001. */
	tui_message(t, ROLE_OK, _("%s: shipping recorded"), tui_arg_key(t));
	return 0;
}

static int
receive_submit(struct tui *t, char *const *v, struct witness *w, char **err)
{
	struct media_step_in in;

	memset(&in, 0, sizeof in);
	in.answer_medium = given(v[0]);
	in.date = given(v[1]);
	if (ops_media_receive(t->s, tui_arg_key(t), &in, w, err) < 0)
		return -1;
	/* L10N: %s the medium, %s the witness's user name. */
	tui_message(t, ROLE_OK, _("%s: answer received, witness %s"),
	    tui_arg_key(t), ops_witness_name(w));
	return 0;
}

static int
dispose_submit(struct tui *t, char *const *v, struct witness *w, char **err)
{
	struct media_step_in in;

	memset(&in, 0, sizeof in);
	in.method = given(v[0]);
	in.date = given(v[1]);
	if (ops_media_dispose(t->s, tui_arg_key(t), &in, w, err) < 0)
		return -1;
	/* L10N: %s the medium, %s the witness's user name. */
	tui_message(t, ROLE_OK, _("%s: disposal recorded, witness %s; its "
	    "password is erased"), tui_arg_key(t), ops_witness_name(w));
	return 0;
}

/* "~/x" is x in the home directory, as a shell would have it. */
static char *
slip_path(const char *typed)
{
	const char *home = getenv("HOME");

	if (strncmp(typed, "~/", 2) == 0 && home != NULL && home[0] != '\0')
		return xasprintf("%s/%s", home, typed + 2);
	return xstrdup(typed);
}

/* Writes text to a new file: an existing one is never replaced. */
static int
slip_write(const char *path, const char *text, char **err)
{
	size_t len = strlen(text), done = 0;
	ssize_t w;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		return errno == EEXIST ? err_set(err, _("%s exists: type another "
		    "name (nothing is overwritten)"), path) :
		    err_set(err, _("cannot create %s: %s"), path, strerror(errno));
	while (done < len) {
		w = write(fd, text + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (close(fd) != 0 || done < len) {
		unlink(path);
		return err_set(err, _("cannot write %s"), path);
	}
	return 0;
}

static int
slip_submit(struct tui *t, char *const *v, struct witness *w, char **err)
{
	struct media_view mv;
	char *path, *assoc, *text;
	int rc;

	(void)w;
	if (v[0][0] == '\0')
		return err_set(err, _("type the path of the file to write"));
	if (ops_media_view(t->s, tui_arg_key(t), &mv, err) < 0)
		return -1;
	assoc = ops_association(t->s);
	text = media_slip(&mv, assoc, MEDIA_TEXT);
	/* Service mode: a new file in the outbox. */
	path = ops_handover_confined() ?
	    ops_handover_path(v[0], HANDOVER_WRITE_FILE, err) : slip_path(v[0]);
	rc = path == NULL ? -1 : slip_write(path, text, err);
	if (rc == 0)
		/* L10N: %s the medium, %s the file written. */
		tui_message(t, ROLE_OK, _("%s: hand-over slip written to %s"),
		    tui_arg_key(t), path);
	free(path);
	free(text);
	free(assoc);
	media_view_clear(&mv);
	return rc;
}

/* L10N: form labels of the media steps. */
static const struct mform_def ship_def = {
	5, { N_("Courier"), N_("Tracking number"), N_("Seal or case no."),
	    N_("Notice date"), N_("Shipped on") },
	{ NULL, NULL, NULL, N_("YYYY-MM-DD of the notice"),
	    N_("YYYY-MM-DD") },
	4, -1, 4, -1,
	/* L10N: %s is the medium. */
	N_("Record the shipping of %s to J-LIS"), ship_submit
};

static const struct mform_def receive_def = {
	4, { N_("Answer medium"), N_("Received on"), N_("Witness"),
	    N_("Witness password") },
	{ N_("id on the answer medium"), N_("YYYY-MM-DD"), NULL, NULL },
	1, 2, 1, -1,
	/* L10N: %s is the medium. */
	N_("Record the answer of %s as received"), receive_submit
};

static const struct mform_def dispose_def = {
	4, { N_("Method"), N_("Disposed on"), N_("Witness"),
	    N_("Witness password") },
	{ N_("e.g. shredded, degaussed"), N_("YYYY-MM-DD"), NULL, NULL },
	1, 2, 1, -1,
	/* L10N: %s is the medium. */
	N_("Record the disposal of %s"), dispose_submit
};

static const struct mform_def slip_def = {
	1, { N_("Write to") }, { NULL }, -1, -1, -1, 0,
	/* L10N: %s is the medium; 授受票. */
	N_("Write the hand-over slip of %s to a new text file"), slip_submit
};

#define MFORM_SCREEN(name, def)						\
	static void name##_draw(struct tui *t, int top, int rows)	\
	{ (void)rows; mform_draw(t, &def, top); }			\
	static int name##_key(struct tui *t, wint_t ch, int is_fkey)	\
	{ return mform_key(t, &def, ch, is_fkey); }			\
	static int name##_key_enter(struct tui *t, wint_t ch)		\
	{ (void)ch; return mform_key_enter(t, &def); }

#define MFORM_KEYS_ENTER(name) \
	{ '\n', '\n', 0, "Enter", N_("next / record"), N_("moves on; on the " \
	    "last field, records the step"), name##_key_enter }
#define MFORM_KEYS_END \
	{ 0x1b, 0x1b, 0, "Esc", N_("cancel"), N_("cancels; nothing is " \
	    "recorded"), mform_key_esc }, \
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL }, \
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
#define MFORM_KEYS(name, def) \
	static int name##_key_move(struct tui *t, wint_t ch) \
	{ return mform_key_move(t, &def, ch); } \
	static const struct screen_key name##_keys[] = { \
		MFORM_KEYS_ENTER(name), FORM_KEYS_MOVE(name##_key_move), \
		MFORM_KEYS_END \
	};

MFORM_SCREEN(ship, ship_def)
MFORM_SCREEN(receive, receive_def)
MFORM_SCREEN(dispose, dispose_def)
MFORM_SCREEN(slip, slip_def)
MFORM_KEYS(ship, ship_def)
MFORM_KEYS(receive, receive_def)
MFORM_KEYS(dispose, dispose_def)

/* One field: Enter writes, nothing to move between. */
static const struct screen_key slip_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("write"), N_("writes the slip to the "
	    "file named"), slip_key_enter },
	MFORM_KEYS_END
};

const struct screen screen_media_ship = {
	/* L10N: breadcrumb: recording the shipping of a medium. */
	.crumb = N_("Ship"),
	.help = N_("Records that the medium was handed to the security\n"
	    "courier: the courier, the tracking number, the case\n"
	    "or seal number, the date the sending notice was made\n"
	    "and the day it was shipped (today unless changed).\n"
	    "Only a packed medium can be shipped.\n"
	    "The step is kept in the audit log.\n"
	    "Esc cancels; nothing is recorded."),
	.draw = ship_draw,
	.key = ship_key,
	.keys = ship_keys,
};

const struct screen screen_media_receive = {
	/* L10N: breadcrumb: recording the answer medium's arrival. */
	.crumb = N_("Receive"),
	.help = N_("Records that the answer medium arrived: its id and\n"
	    "the day (today unless changed). Two persons: the\n"
	    "witness, another user, types their name and password\n"
	    "here; they are checked with the step and the password\n"
	    "is not kept. Only a shipped medium's answer can be\n"
	    "received. The step is kept in the audit log.\n"
	    "Esc cancels; nothing is recorded."),
	.draw = receive_draw,
	.key = receive_key,
	.keys = receive_keys,
};

const struct screen screen_media_dispose = {
	/* L10N: breadcrumb: recording a medium's disposal. */
	.crumb = N_("Dispose"),
	.help = N_("Records that the medium was destroyed: the method\n"
	    "and the day (today unless changed), with a witness,\n"
	    "another user, who types their name and password here.\n"
	    "A medium can be disposed of once its answer is\n"
	    "imported, or while still packed (never sent).\n"
	    "The container password is erased from the vault.\n"
	    "Esc cancels; nothing is recorded."),
	.draw = dispose_draw,
	.key = dispose_key,
	.keys = dispose_keys,
};

const struct screen screen_media_slip = {
	/* L10N: breadcrumb: writing the hand-over slip (授受票). */
	.crumb = N_("Slip"),
	.help = N_("Writes the hand-over slip (授受票) of this medium,\n"
	    "its transfers with who and when, as a text file to\n"
	    "print, as 'mynadesk media slip' does. ~/ is your home\n"
	    "directory. An existing file is never overwritten.\n"
	    "Esc cancels."),
	.draw = slip_draw,
	.key = slip_key,
	.keys = slip_keys,
};
