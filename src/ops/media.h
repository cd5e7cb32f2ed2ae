/* Electronic media for the J-LIS inquiry: packing checked files into an
 * AES ZIP with a generated password, and recording the medium's custody
 * (shipped, answer received, answer imported, disposed of) as audited
 * steps in order. Packing, receipt and disposal need a witness: a second,
 * different, authenticated user. */
#ifndef MYNA_OPS_MEDIA_H
#define MYNA_OPS_MEDIA_H

#include <stddef.h>

#include "domain/media.h"
#include "ops/accounts.h"
#include "ops/session.h"
#include "ops/witness.h"
#include "store/media.h"

#define MEDIA_FILE_MAX (512L * 1024 * 1024)	/* bytes of one inquiry file */

/*
 * The check every file passes before it is packed, in one place: the
 * inquiry file name rule for this vault's insurer, a non-empty file, and
 * the full format checker with the jlis-request layout (problems listed
 * in *err as file:line:field: message). name is the file's base name,
 * data and len its bytes as they will be packed.
 */
int ops_media_check_file(struct session *s, const char *name,
    const void *data, size_t len, char **err);

struct media_pack_result {
	char label[16];
	char sha256[65];		/* of the container */
	size_t nfiles;
	char password[MEDIA_PW_LEN + 1];	/* wipe after showing it once */
};

/* Packs the *.csv files of dir (each checked) into a new container at out,
 * records the medium (steps created and packed, witness checked) and keeps
 * the password in the vault. */
int ops_media_pack(struct session *s, const char *dir, const char *out,
    struct witness *witness, struct media_pack_result *res, char **err);
/* The same, recorded as packed on date (YYYY-MM-DD; NULL: today): the demo
 * office's medium that has waited for its answer for weeks. */
int ops_media_pack_on(struct session *s, const char *dir, const char *out,
    struct witness *witness, const char *date,
    struct media_pack_result *res, char **err);

struct media_carry_result {
	char label[16];
	size_t nfiles;
};

/* The dedicated terminal's channel: the checked *.csv inquiry files of the
 * hand-over folder dir, copied onto the USB medium usb (its own label) in
 * front of the witness and carried to the terminal, recorded as a new
 * terminal medium (created, packed, shipped) with each file's SHA-256. */
int ops_media_carry(struct session *s, const char *dir, const char *usb,
    struct witness *witness, struct media_carry_result *res,
    char **err);

/* What a step records; NULL items are not given. */
struct media_step_in {
	const char *date;		/* YYYY-MM-DD; NULL: today */
	const char *courier;		/* shipped */
	const char *tracking;
	const char *seal;		/* case or seal number */
	const char *notice_date;	/* date the sending notice was made */
	const char *answer_medium;	/* received: the answer medium's id
					 * (terminal: the USB medium's own) */
	const char *file;		/* received: the answer container (courier)
					 * or CSV (terminal), hashed; needed for
					 * the import */
	const char *method;		/* disposed of */
};

int ops_media_ship(struct session *s, const char *id,
    const struct media_step_in *in, char **err);
int ops_media_receive(struct session *s, const char *id,
    const struct media_step_in *in, struct witness *witness,
    char **err);
/* Disposal also erases the container password from the vault. */
int ops_media_dispose(struct session *s, const char *id,
    const struct media_step_in *in, struct witness *witness,
    char **err);

/*
 * For the answer import: records that the answer of medium id was imported
 * from files (each hashed now) with a short summary ("linked=398
 * notfound=11 mismatch=3"; no numbers). ops_media_answer_imported runs its
 * own transaction; the _tx form runs inside the caller's open transaction
 * (the import's own), so the numbers and this step commit together.
 */
int ops_media_answer_imported(struct session *s, const char *id,
    const char *const *files, size_t nfiles, const char *summary, char **err);
/* What the J-LIS import adds: the SHA-256 of each file as it arrived (the
 * container, or each CSV) must be one the medium's receipt recorded, and
 * the import's witness is kept on the step. */
struct media_arrival {
	const char *const *sha256;
	size_t n;
	const char *witness;
};
int ops_media_answer_imported_tx(struct session *s, const char *id,
    const char *const *files, size_t nfiles, const char *summary,
    const struct media_arrival *arrived, char **err);

/* Shows the container password again, for a lost notification: a
 * two-person, audited action. *password is secret_strdup'd. */
int ops_media_password(struct session *s, const char *id,
    struct witness *witness, char **password, char **err);

/* A medium with its steps and their files, for the timeline and slips. */
struct media_step_view {
	struct media_event ev;
	struct media_file *files;
	size_t nfiles;
};
struct media_view {
	struct media_row m;
	long overdue;		/* days past the answer deadline, 0 if not */
	struct media_step_view *steps;
	size_t nsteps;
};
int ops_media_view(struct session *s, const char *id, struct media_view *v,
    char **err);
void media_view_clear(struct media_view *v);
/* The view's first step named step ("created", "disposed", ...), or NULL. */
const struct media_step_view *media_view_step(const struct media_view *v,
    const char *step);

typedef int (*media_list_fn)(const struct media_row *m, long overdue,
    void *arg);
/* Every medium, newest first, with the days its answer is overdue. */
int ops_media_list(struct session *s, media_list_fn fn, void *arg, char **err);
/* The setting answer-overdue-days (default 28). */
long ops_media_overdue_limit(struct session *s);
/* Today as YYYY-MM-DD (local time). */
void media_today(char out[11]);

/* Printable documents: the hand-over slip (授受票) of a medium's transfers
 * and the disposal register (廃棄簿), as text or CSV (UTF-8). Allocated. */
enum media_format { MEDIA_TEXT, MEDIA_CSV };
char *media_slip(const struct media_view *v, const char *association,
    enum media_format fmt);
typedef int (*media_view_fn)(const struct media_view *v, void *arg);
int ops_media_disposed(struct session *s, media_view_fn fn, void *arg,
    char **err);
char *media_register(struct session *s, enum media_format fmt, char **err);

#endif
