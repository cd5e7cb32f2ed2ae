/* A private scratch folder for files that hold personal data for a moment
 * (an answer taken out of its container): mode 0700, in memory (/dev/shm)
 * where the system has it, overwritten and removed afterwards, and also
 * when the program is stopped by SIGINT, SIGTERM or SIGHUP. */
#ifndef MYNA_PRIVDIR_H
#define MYNA_PRIVDIR_H

#include <signal.h>
#include <stddef.h>

/* Makes the folder ($TMPDIR, else /dev/shm, else /tmp); *dir allocated.
 * The folder is locked (flock) for as long as this process lives. */
int privdir_new(char **dir, char **err);

/* Removes, wiped, every folder privdir_new made that no living process
 * holds: what a process killed outright (SIGKILL, no handler) left in
 * $TMPDIR, /dev/shm or /tmp. Run at every start and before each new one. */
void privdir_sweep(void);

/* Holds SIGINT, SIGTERM and SIGHUP back (old gets the previous mask), and
 * lets them through again. Between the two the folder can change safely. */
void privdir_hold(sigset_t *old);
void privdir_release(const sigset_t *old);

/* While guarded, one of the three signals wipes and removes the files
 * (full paths, kept by the caller until privdir_unguard) and the folder,
 * then ends the program as the signal would have. Call while held. */
void privdir_guard(const char *dir, char *const *files, size_t n);
void privdir_unguard(void);

/* Overwrites every file under dir with zeros, removes them and dir. */
void privdir_remove(const char *dir);

#endif
