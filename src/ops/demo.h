/* The demo vault: a living office for newcomers and screenshots. */
#ifndef MYNA_DEMO_H
#define MYNA_DEMO_H

#include "ops/accounts.h"
#include "ops/session.h"
#include "ops/witness.h"

struct demo_info {
	char user[2][32];
	char role[2][16];
	char password[2][32];
};

/* Creates a vault in dir with an administrator and a supervisor whose
 * generated passwords land in d. */
int ops_demo_create(const char *dir, struct demo_info *d, char **err);
void demo_info_clear(struct demo_info *d);
/* Removes a throw-away demo vault: its files (the store's list) and its
 * folder. */
void ops_demo_remove(const char *dir);

typedef void (*demo_progress_fn)(const char *what, long done, long total,
    void *arg);
/* Fills the demo vault: imports the generated extract, then has the first
 * demo user enter most numbers (from numbers: "KEY,NUMBER" lines) and the
 * second confirm most of them, so every state shows on screen. */
int ops_demo_fill(const char *dir, const struct demo_info *d,
    const char *extract, const char *numbers, demo_progress_fn progress,
    void *arg, char **err);

/*
 * The rest of the office (src/ops/demo-office.c), in steps between which
 * the caller runs the programs that play J-LIS and the intermediate
 * server, all in one session of the first demo user with the second as
 * witness. work is a private folder for the files that go out and come
 * back; numbers is the file given to ops_demo_fill.
 */
struct demo_office {
	struct session *a;
	/* The witness's name and password, checked anew for each step (a
	 * handle is good for one action); w is the latest handle. */
	const char *wname, *wpassword;
	struct witness *w;
};
int ops_demo_office_open(const char *dir, const struct demo_info *d,
    struct demo_office *o, char **err);
void ops_demo_office_close(struct demo_office *o);
/* The persons without a number asked about in five inquiries (work/inq-1
 * ... inq-5): the first carried to the dedicated terminal (M0001), the
 * others packed for the courier and taken to one step each: in transit,
 * answer received, packed, disposed of. */
int ops_demo_media_out(struct demo_office *o, const char *work,
    const char *numbers, char **err);
/* The terminal's answers (the *.csv of folder answers, answering the
 * files in work/inq-1) received on M0001 and imported, with the witness. */
int ops_demo_answers(struct demo_office *o, const char *answers, char **err);
/* A registration file of every person with a confirmed number written in
 * out_dir; *file gets its path (allocated). */
int ops_demo_registration_out(struct demo_office *o, const char *out_dir,
    char **file, char **err);
/* The server's result imported, and it and the text file note stored as
 * evidence. */
int ops_demo_registration_in(struct demo_office *o, const char *result,
    const char *note, char **err);

#endif
