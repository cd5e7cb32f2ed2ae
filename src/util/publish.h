/* Giving a finished file its name, never replacing one that is there. */
#ifndef MYNA_PUBLISH_H
#define MYNA_PUBLISH_H

/* Renames tmp to name unless name exists, in one step (rename without
 * replace, or a hard link where the file system lacks that), then makes the
 * directory entry durable. Returns 0, or -1 with err (tmp is kept: it may be
 * the only copy of something recorded). */
int file_publish(const char *tmp, const char *name, char **err);

/* Makes the directory entries of file's folder durable. */
void file_sync_dir(const char *file);

#endif
