/*
 * dirlist.h - the names in the work tree's directories as samv-check's
 * last walk read them, kept in the query cache (dirlist.c; table
 * chk_dir; docs/CACHE.md, "Directories not read again"); private to
 * libcommon.
 */
#ifndef SAMV_DIRLIST_H
#define SAMV_DIRLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <sqlite3.h>

#include "arena.h"
#include "hash.h"

struct stat;
struct samv_dirent;

struct samv_dirlist {
	struct samv_dirent *v;
	size_t n, nalloc;
	struct samv_slots index; /* of v, by path */
	struct samv_arena arena;
	struct timespec start; /* the walk's start, coarse clock */
	bool used;	       /* a walk of the work tree asked */
};

/* The listings kept in db (none when the table cannot be read), for a
 * walk that began at start. */
int samv_dirlist_load(struct samv_dirlist *dl, sqlite3 *db, const struct timespec *start);
/* Whether a listing of rel (a directory of files only) is kept. */
bool samv_dirlist_known(struct samv_dirlist *dl, const char *rel);
/* The names of rel (NUL after each, len bytes in all) when kept for
 * exactly the stat data sb (1), else 0: a name added, removed or
 * renamed since changes the directory's mtime and ctime. */
int samv_dirlist_get(struct samv_dirlist *dl, const char *rel, const struct stat *sb, const char **names,
		     size_t *len);
/* Keep rel's names, read after sb was taken, when its times are before
 * the walk's start (a change in the same second could keep them). */
int samv_dirlist_put(struct samv_dirlist *dl, const char *rel, const struct stat *sb, const char *names,
		     size_t len);
/* Whether the table needs writing: a listing kept anew, or one of a
 * directory the walk did not meet. */
bool samv_dirlist_changed(const struct samv_dirlist *dl);
/* Write the changes, in the caller's transaction (an SQLite code). */
int samv_dirlist_write(struct samv_dirlist *dl, sqlite3 *db);
void samv_dirlist_free(struct samv_dirlist *dl);

#endif
