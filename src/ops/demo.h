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

#endif
