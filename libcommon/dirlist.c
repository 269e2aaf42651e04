/*
 * dirlist.c - the names in the work tree's directories of files (the
 * shard directories), as a walk read them, kept by samv-check in the
 * query cache (table chk_dir, made by checkcache.c).
 *
 * A warm samv-check must lstat every file (an edit in place changes
 * only the file's own times), but need not read a directory whose names
 * have not changed: adding, removing or renaming a name in a directory
 * changes its mtime and ctime, so a directory whose stat data are those
 * kept, and were older than the walk that kept them, still holds the
 * names kept.  It is opened, read with getdents64 twice and closed:
 * four system calls, where one lstat tells it is unchanged (git's
 * untracked cache trusts a directory's stat data the same way).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dirlist.h"
#include "hash.h"
#include "samv.h"
#include "store.h"

struct samv_dirent {
	const char *path; /* in the arena, the names after it */
	const char *names;
	size_t len;
	unsigned long hash;
	long long st[SAMV_STAT_FIELDS]; /* samv_stat_fields */
	bool met;	 /* by this walk */
	bool dirty;	 /* to be written */
};

static struct samv_dirent *find(struct samv_dirlist *dl, const char *path, unsigned long h)
{
	size_t j;

	if (!dl->index.cap)
		return NULL;
	for (j = samv_slot_first(&dl->index, h); dl->index.v[j]; j = samv_slot_next(&dl->index, j)) {
		struct samv_dirent *e = &dl->v[dl->index.v[j] - 1];

		if (e->hash == h && !strcmp(e->path, path))
			return e;
	}
	return NULL;
}

/* The entry of path, new and empty when there was none. */
static struct samv_dirent *entry(struct samv_dirlist *dl, const char *path)
{
	unsigned long h = samv_hash_str(path);
	struct samv_dirent *e = find(dl, path, h);
	size_t i;

	if (e)
		return e;
	if (dl->n == dl->nalloc) {
		size_t na = dl->nalloc ? dl->nalloc * 2 : 256;
		struct samv_dirent *nv;

		if (na >= UINT32_MAX / 4 || !(nv = realloc(dl->v, na * sizeof(*nv)))) {
			samv_error_set(SAMV_ERROR, "out of memory");
			return NULL;
		}
		dl->v = nv;
		dl->nalloc = na;
	}
	if ((dl->n + 1) * 2 > dl->index.cap) {
		if (samv_slots_make(&dl->index, dl->index.cap ? dl->index.cap * 2 : 512) < 0)
			return NULL;
		for (i = 0; i < dl->n; i++)
			samv_slots_put(&dl->index, dl->v[i].hash, i);
	}
	e = &dl->v[dl->n];
	memset(e, 0, sizeof(*e));
	if (!(e->path = samv_arena_dup(&dl->arena, path, strlen(path))))
		return NULL;
	e->hash = h;
	samv_slots_put(&dl->index, h, dl->n++);
	return e;
}

static int set_names(struct samv_dirlist *dl, struct samv_dirent *e, const char *names, size_t len)
{
	char *p = samv_arena_alloc(&dl->arena, len);

	if (!p)
		return SAMV_ERROR;
	if (len)
		memcpy(p, names, len);
	e->names = p;
	e->len = len;
	return 0;
}

int samv_dirlist_load(struct samv_dirlist *dl, sqlite3 *db, const struct timespec *start)
{
	sqlite3_stmt *st = NULL;
	int r;

	dl->start = *start;
	if (sqlite3_prepare_v2(db, "SELECT path, st, names FROM chk_dir", -1, &st, NULL) != SQLITE_OK)
		return 0; /* a cache, read nothing from */
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		const void *names = sqlite3_column_blob(st, 2);
		size_t len = (size_t)sqlite3_column_bytes(st, 2);
		struct samv_dirent *e;

		/* a listing ends with its last name's NUL */
		if (!path || sqlite3_column_bytes(st, 1) != (int)sizeof(e->st) || (len && ((const char *)names)[len - 1]))
			continue;
		if (!(e = entry(dl, path)) || set_names(dl, e, names, len) < 0) {
			sqlite3_finalize(st);
			return SAMV_ERROR;
		}
		memcpy(e->st, sqlite3_column_blob(st, 1), sizeof(e->st));
	}
	sqlite3_finalize(st);
	return 0;
}

bool samv_dirlist_known(struct samv_dirlist *dl, const char *rel)
{
	dl->used = true;
	return find(dl, rel, samv_hash_str(rel)) != NULL;
}

int samv_dirlist_get(struct samv_dirlist *dl, const char *rel, const struct stat *sb, const char **names,
		     size_t *len)
{
	struct samv_dirent *e = find(dl, rel, samv_hash_str(rel));
	long long st[SAMV_STAT_FIELDS];

	dl->used = true;
	if (!e || !e->names)
		return 0;
	samv_stat_fields(st, sb);
	if (memcmp(st, e->st, sizeof(st)))
		return 0;
	e->met = true;
	*names = e->names;
	*len = e->len;
	return 1;
}

int samv_dirlist_put(struct samv_dirlist *dl, const char *rel, const struct stat *sb, const char *names,
		     size_t len)
{
	struct samv_dirent *e;

	dl->used = true;
	/* a change in the second the walk began could leave both times as
	 * they are: not kept, read again next time */
	if (!S_ISDIR(sb->st_mode) || !samv_stat_settled(sb, &dl->start))
		return 0;
	if (!(e = entry(dl, rel)) || set_names(dl, e, names, len) < 0)
		return SAMV_ERROR;
	samv_stat_fields(e->st, sb);
	e->met = e->dirty = true;
	return 0;
}

bool samv_dirlist_changed(const struct samv_dirlist *dl)
{
	size_t i;

	if (!dl->used)
		return false;
	for (i = 0; i < dl->n; i++)
		if (dl->v[i].dirty || !dl->v[i].met)
			return true;
	return false;
}

int samv_dirlist_write(struct samv_dirlist *dl, sqlite3 *db)
{
	sqlite3_stmt *ins = NULL, *del = NULL;
	size_t i;
	int r = SQLITE_OK;

	if (!samv_dirlist_changed(dl))
		return SQLITE_OK;
	for (i = 0; i < dl->n && r == SQLITE_OK; i++) {
		const struct samv_dirent *e = &dl->v[i];

		if (e->dirty) {
			if (!ins && (r = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO chk_dir(path, st, names)"
							    " VALUES (?1, ?2, ?3)", -1, &ins, NULL)) != SQLITE_OK)
				break;
			sqlite3_reset(ins);
			sqlite3_bind_text(ins, 1, e->path, -1, SQLITE_STATIC);
			sqlite3_bind_blob(ins, 2, e->st, (int)sizeof(e->st), SQLITE_STATIC);
			sqlite3_bind_blob(ins, 3, e->len ? e->names : "", (int)e->len, SQLITE_STATIC);
			r = sqlite3_step(ins) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
		} else if (!e->met) {
			/* gone, changed into something not kept, or not met */
			if (!del && (r = sqlite3_prepare_v2(db, "DELETE FROM chk_dir WHERE path = ?1", -1, &del, NULL)) !=
					    SQLITE_OK)
				break;
			sqlite3_reset(del);
			sqlite3_bind_text(del, 1, e->path, -1, SQLITE_STATIC);
			r = sqlite3_step(del) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
		}
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(del);
	return r;
}

void samv_dirlist_free(struct samv_dirlist *dl)
{
	samv_arena_free(&dl->arena);
	free(dl->v);
	samv_slots_free(&dl->index);
	memset(dl, 0, sizeof(*dl));
}
