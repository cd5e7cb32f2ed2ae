/* The demo vault: a living office for newcomers and screenshots. */
#ifndef MYNA_DEMO_H
#define MYNA_DEMO_H

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

#endif
