/* The media tables: media, their steps, the files of each step and the
 * container passwords. */
#ifndef MYNA_STORE_MEDIA_H
#define MYNA_STORE_MEDIA_H

struct vault;

#define MEDIA_TEXT_MAX 120	/* bytes of a free-text item (courier, seal...) */

struct media_row {
	long long id;
	char label[16];
	char state[12];
	char container[1024];
	char sha256[65];
	char created[24];
	char shipped[11];	/* YYYY-MM-DD or "" */
	char channel[12];	/* "courier" or "terminal" */
};

/* One step. Text items are "" where the step has none. */
struct media_event {
	long long id;
	char step[12];
	char date[11];
	char actor[64];
	char witness[64];
	char courier[MEDIA_TEXT_MAX + 1];
	char tracking[MEDIA_TEXT_MAX + 1];
	char seal[MEDIA_TEXT_MAX + 1];
	char notice_date[11];
	char answer_medium[MEDIA_TEXT_MAX + 1];
	char method[MEDIA_TEXT_MAX + 1];
	char summary[256];
	char recorded[24];
};

struct media_file {
	char name[256];
	char sha256[65];
	long long bytes;
};

/* A new medium in state packed; *id and label get its row id and M0001. */
int media_insert(struct vault *v, const char *container, const char *sha256,
    long long *id, char label[16], char **err);
/* A medium's channel, "courier" (the default) or "terminal" (container is
 * then the USB medium's label, sha256 ""). */
int media_set_channel(struct vault *v, long long id, const char *channel,
    char **err);
int media_set_state(struct vault *v, long long id, const char *state,
    const char *shipped, char **err);
/* Appends a step (ev->id is set). */
int media_event_add(struct vault *v, long long medium, struct media_event *ev,
    char **err);
int media_file_add(struct vault *v, long long event, const struct media_file *f,
    char **err);

/* 1 and *out when a medium has this label (or row id), 0 when none. */
int media_find(struct vault *v, const char *label, struct media_row *out,
    char **err);

typedef int (*media_row_fn)(const struct media_row *m, void *arg);
/* Every medium, newest first. */
int media_list(struct vault *v, media_row_fn fn, void *arg, char **err);

typedef int (*media_event_fn)(const struct media_event *ev, void *arg);
/* A medium's steps, in order. */
int media_events(struct vault *v, long long medium, media_event_fn fn,
    void *arg, char **err);
typedef int (*media_file_fn)(const struct media_file *f, void *arg);
int media_event_files(struct vault *v, long long event, media_file_fn fn,
    void *arg, char **err);

/* 1 when the medium's step (e.g. "received") recorded a file with this
 * SHA-256, 0 when not. */
int media_step_has_file(struct vault *v, long long medium, const char *step,
    const char *sha256, char **err);

/* The label of a medium that holds an inquiry file of this name and was
 * shipped or is not disposed of (allocated), or NULL. */
char *media_name_in_use(struct vault *v, const char *name);

/* The container password: kept apart from every listing. */
int media_secret_put(struct vault *v, long long id, const char *password,
    char **err);
/* secret_strdup'd password, or NULL when none is kept. */
char *media_secret_get(struct vault *v, long long id);
int media_secret_drop(struct vault *v, long long id, char **err);

#endif
