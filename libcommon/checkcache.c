/*
 * checkcache.c - samv-check's results kept in the query cache
 * (.git/samv/cache.sqlite, tables chk_*; docs/CACHE.md, "samv-check").
 *
 * A file's own problems depend on its text, its path and the rules (the
 * record types, the allow list of public contacts, the instruments): a
 * file found without a problem of its own is kept by path and blob id,
 * with the facts of it that the rules across records read (its id, name,
 * status, references, links).  A later check replays those facts instead
 * of reading, parsing and validating the file; a file with problems is
 * not kept, and is checked again every time, so every message is made
 * afresh, in the user's language.  The rules across records (unknown
 * references, duplicates, names in paths, decision cycles) are always
 * run again, on the facts; check.c skips the references of the rows
 * whose references all named a record, while no id of the last check is
 * gone (refs_bad, the state, and rows pruned to the files last met:
 * docs/CACHE.md, "References skipped").
 *
 * A work tree file's blob id is known without reading it from the stat
 * data kept when samv-check last read it, as git status trusts its
 * index: only when the file was last changed before that read began (a
 * change in the same clock tick would keep the same times), so a change
 * since always shows in the stat data.  Git's own index is not used: with
 * "*.json text eol=lf" its blob id is that of the text git stored, which
 * is not the file's when the file has CRLF line ends.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "arena.h"
#include "cache.h"
#include "checkcache.h"
#include "dirlist.h"
#include "gitindex.h"
#include "hash.h"
#include "store.h"

/* chk_meta 'layout': another value drops the tables */
#define CHK_LAYOUT "5"

static const char create_sql[] =
	"BEGIN IMMEDIATE;"
	"DROP TABLE IF EXISTS chk_file; DROP TABLE IF EXISTS chk_hist_bad; DROP TABLE IF EXISTS chk_meta;"
	"DROP TABLE IF EXISTS chk_dir;"
	"CREATE TABLE chk_meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);"
	/* a file without a problem of its own; kept: what check.c keeps of
	 * it (its facts, opaque here); st: the stat data of the work tree
	 * file it was read from, seven 64-bit integers in the machine's
	 * order (NULL: not to be trusted); refs_bad: a reference of it named
	 * no record at the last check */
	"CREATE TABLE chk_file(path TEXT PRIMARY KEY, oid BLOB NOT NULL, loadable INTEGER NOT NULL,"
	" kept BLOB NOT NULL, st BLOB, refs_bad INTEGER NOT NULL DEFAULT 0);"
	/* the commits of the verified history that have a problem */
	"CREATE TABLE chk_hist_bad(oid BLOB PRIMARY KEY);"
	/* a work tree directory of files as the walk last read it
	 * (dirlist.c): its stat data as chk_file's st, its names */
	"CREATE TABLE chk_dir(path TEXT PRIMARY KEY, st BLOB NOT NULL, names BLOB NOT NULL);"
	"INSERT INTO chk_meta VALUES ('layout', '" CHK_LAYOUT "');"
	"COMMIT;";

struct row {
	const char *path; /* the path, then kept, in the cache's arena */
	const char *kept;
	size_t klen;
	unsigned long hash; /* of the path */
	unsigned char oid[GIT_OID_RAWSZ];
	bool loadable, has_stat, dirty;
	bool loaded;   /* read from the cache, written by the last check */
	bool seen;     /* met by this check (get or put) */
	bool refs_bad; /* a reference of it named no record */
	long long st[SAMV_STAT_FIELDS]; /* samv_stat_fields */
};

struct samv_checkcache {
	struct samv_store *s;
	struct samv_view *v;
	sqlite3 *db; /* the cache's connection when opened: see close */
	char *ctx;
	bool ctx_changed;
	/* the rows one after the other, and an index of them by path (open
	 * addressing, 0 empty, else a row's place + 1): a table of the rows
	 * themselves, half empty, was the most of a check's page faults */
	struct row *rows;
	size_t n, nalloc;
	struct samv_slots index;
	struct samv_arena arena; /* the rows' text */
	/* the row samv_checkcache_known found the file's stat data in: its
	 * stat data need not be taken again by samv_checkcache_get */
	const struct row *verified;
	struct timespec start; /* before any file was read */
	size_t next; /* the row after the one row_find found last */
	/* what the last check left of the rules across records (check.c's,
	 * opaque here), as read and to be written; gen: the writes made
	 * since the tables were made, as read */
	char *state, *new_state;
	long long gen;
	/* the directories' listings, lent to the view's walk */
	struct samv_dirlist dirs;
};

static int index_build(struct samv_checkcache *cc, size_t cap)
{
	size_t i;

	if (samv_slots_make(&cc->index, cap) < 0)
		return SAMV_ERROR;
	for (i = 0; i < cc->n; i++)
		samv_slots_put(&cc->index, cc->rows[i].hash, i);
	return 0;
}

/* Room for n rows in all. */
static int reserve(struct samv_checkcache *cc, size_t n)
{
	size_t cap = cc->index.cap ? cc->index.cap : 1024;

	if (n >= UINT32_MAX / 2)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (n > cc->nalloc) {
		struct row *nv = realloc(cc->rows, n * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		samv_thp_hint(nv, n * sizeof(*nv));
		cc->rows = nv;
		cc->nalloc = n;
		cc->verified = NULL;
	}
	while (n * 2 > cap)
		cap *= 2;
	return cap != cc->index.cap ? index_build(cc, cap) : 0;
}

static struct row *row_find_h(struct samv_checkcache *cc, const char *path, unsigned long h)
{
	size_t j;

	if (!cc->index.cap)
		return NULL;
	for (j = samv_slot_first(&cc->index, h); cc->index.v[j]; j = samv_slot_next(&cc->index, j)) {
		struct row *w = &cc->rows[cc->index.v[j] - 1];

		if (w->hash == h && !strcmp(w->path, path))
			return w;
	}
	return NULL;
}

/* The rows are read in the order they were written, which is mostly the
 * walk's: the row after the last one found is tried first, and found
 * without a hash or a jump through memory (the most of a warm check's
 * cache misses, when every lookup went through the index). */
static struct row *row_find(struct samv_checkcache *cc, const char *path)
{
	struct row *w;

	if (cc->next < cc->n && !strcmp(cc->rows[cc->next].path, path))
		return &cc->rows[cc->next++];
	if ((w = row_find_h(cc, path, samv_hash_str(path))))
		cc->next = (size_t)(w - cc->rows) + 1;
	return w;
}

static int row_set(struct samv_checkcache *cc, struct row *w, const char *path, const void *kept, size_t klen);

/* A new row of path (not there yet, its hash h), its other fields zero. */
static struct row *row_new_h(struct samv_checkcache *cc, const char *path, unsigned long h, const void *kept,
			     size_t klen)
{
	struct row *w;

	if (cc->n == cc->nalloc ? reserve(cc, cc->n ? cc->n * 2 : 1024) < 0 : reserve(cc, cc->n + 1) < 0)
		return NULL;
	w = &cc->rows[cc->n];
	memset(w, 0, sizeof(*w));
	if (row_set(cc, w, path, kept, klen) < 0)
		return NULL;
	w->hash = h;
	samv_slots_put(&cc->index, h, cc->n++);
	return w;
}

static struct row *row_new(struct samv_checkcache *cc, const char *path, const void *kept, size_t klen)
{
	return row_new_h(cc, path, samv_hash_str(path), kept, klen);
}

/* The tables, made when absent or of another layout. */
static int tables(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int r;
	bool ok = false;

	r = sqlite3_prepare_v2(db, "SELECT v FROM chk_meta WHERE k = 'layout'", -1, &st, NULL);
	if (r == SQLITE_OK && (r = sqlite3_step(st)) == SQLITE_ROW)
		ok = !strcmp((const char *)sqlite3_column_text(st, 0), CHK_LAYOUT);
	sqlite3_finalize(st);
	if (ok)
		return SQLITE_OK;
	if (r != SQLITE_OK && r != SQLITE_ROW && r != SQLITE_DONE && (r & 0xff) != SQLITE_ERROR)
		return r; /* SQLITE_ERROR: no such table */
	if ((r = sqlite3_exec(db, create_sql, NULL, NULL, NULL)) != SQLITE_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

/* A SQLite failure: the cache is dropped for this run (and removed with
 * one line on stderr when corrupt, to be made again by the next). */
static void sql_failed(struct samv_store *s, sqlite3 *db, int r)
{
	samv_cache_failed(s, r == SQLITE_OK || r == SQLITE_ROW || r == SQLITE_DONE ? sqlite3_errcode(db) : r);
}

static char *meta_get(sqlite3 *db, const char *k, int *r)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if ((*r = sqlite3_prepare_v2(db, "SELECT v FROM chk_meta WHERE k = ?1", -1, &st, NULL)) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
	if ((*r = sqlite3_step(st)) == SQLITE_ROW) {
		v = strdup((const char *)sqlite3_column_text(st, 0));
		*r = SQLITE_OK;
	} else if (*r == SQLITE_DONE) {
		*r = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return v;
}

static int meta_put(sqlite3 *db, const char *k, const char *v)
{
	sqlite3_stmt *st = NULL;
	int r;

	if ((r = sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO chk_meta(k, v) VALUES (?1, ?2)", -1, &st, NULL)) !=
	    SQLITE_OK)
		return r;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, v, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? SQLITE_OK : r;
}

static void free_rows(struct samv_checkcache *cc)
{
	samv_arena_free(&cc->arena);
	free(cc->rows);
	samv_slots_free(&cc->index);
	cc->rows = NULL;
	cc->n = cc->nalloc = cc->next = 0;
	cc->verified = NULL;
}

/* The row's path and kept text, one after the other; a row replaced
 * leaves its old text in the arena until the cache is closed. */
static int row_set(struct samv_checkcache *cc, struct row *w, const char *path, const void *kept, size_t klen)
{
	size_t plen = strlen(path);
	char *p = samv_arena_alloc(&cc->arena, plen + 1 + klen);

	if (!p)
		return SAMV_ERROR;
	memcpy(p, path, plen + 1);
	if (klen)
		memcpy(p + plen + 1, kept, klen);
	w->path = p;
	w->kept = p + plen + 1;
	w->klen = klen;
	return 0;
}

static int load_rows(struct samv_checkcache *cc)
{
	sqlite3_stmt *st = NULL;
	int r;

	/* the table made once to its size, not grown row by row */
	r = sqlite3_prepare_v2(cc->db, "SELECT count(*) FROM chk_file", -1, &st, NULL);
	if (r == SQLITE_OK && (r = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 n = sqlite3_column_int64(st, 0);

		r = SQLITE_OK;
		if (n > 0 && reserve(cc, (size_t)n) < 0) {
			sqlite3_finalize(st);
			return SAMV_ERROR;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (r == SQLITE_OK)
		r = sqlite3_prepare_v2(cc->db, "SELECT path, oid, loadable, kept, st, refs_bad FROM chk_file", -1, &st,
				       NULL);
	while (r == SQLITE_OK && (r = sqlite3_step(st)) == SQLITE_ROW && (r = SQLITE_OK) == SQLITE_OK) {
		const char *path = (const char *)sqlite3_column_text(st, 0);
		const void *kept = sqlite3_column_blob(st, 3);
		size_t klen = (size_t)sqlite3_column_bytes(st, 3);
		unsigned long h;
		struct row *w;

		if (!path || sqlite3_column_bytes(st, 1) != GIT_OID_RAWSZ)
			continue;
		if (row_find_h(cc, path, (h = samv_hash_str(path))))
			continue; /* a path is the key: not met twice */
		if (!(w = row_new_h(cc, path, h, kept, klen))) {
			sqlite3_finalize(st);
			return SAMV_ERROR;
		}
		memcpy(w->oid, sqlite3_column_blob(st, 1), GIT_OID_RAWSZ);
		w->loadable = sqlite3_column_int(st, 2) != 0;
		if ((w->has_stat = sqlite3_column_bytes(st, 4) == (int)sizeof(w->st)))
			memcpy(w->st, sqlite3_column_blob(st, 4), sizeof(w->st));
		w->refs_bad = sqlite3_column_int(st, 5) != 0;
		w->loaded = true;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE) {
		sql_failed(cc->s, cc->db, r);
		free_rows(cc);
		return 1;
	}
	return 0;
}

static void cc_free(struct samv_checkcache *cc)
{
	if (!cc)
		return;
	free_rows(cc);
	if (cc->v && cc->v->dirs == &cc->dirs)
		cc->v->dirs = NULL;
	samv_dirlist_free(&cc->dirs);
	free(cc->ctx);
	free(cc->state);
	free(cc->new_state);
	free(cc);
}

/* The state the last check left, and the generation it was written in. */
static int load_state(struct samv_checkcache *cc)
{
	char *gen;
	int r;

	gen = meta_get(cc->db, "gen", &r);
	if (r == SQLITE_OK)
		cc->state = meta_get(cc->db, "state", &r);
	if (r != SQLITE_OK) {
		free(gen);
		sql_failed(cc->s, cc->db, r);
		return 1;
	}
	cc->gen = gen ? strtoll(gen, NULL, 10) : 0;
	free(gen);
	return 0;
}

int samv_checkcache_open(struct samv_checkcache **out, struct samv_view *v, const char *ctx)
{
	struct samv_checkcache *cc = NULL;
	char *have = NULL;
	sqlite3 *db;
	int r, rc = 0;

	*out = NULL;
	if (!v->store || v->stage || !(db = samv_cache_db(v->store)))
		return 0;
	if ((r = tables(db)) != SQLITE_OK) {
		sql_failed(v->store, db, r);
		return 0;
	}
	if (!(cc = calloc(1, sizeof(*cc))) || !(cc->ctx = strdup(ctx))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	cc->s = v->store;
	cc->v = v;
	cc->db = db;
	/* coarse: the clock file times are taken from */
	clock_gettime(CLOCK_REALTIME_COARSE, &cc->start);
	have = meta_get(db, "ctx", &r);
	if (r != SQLITE_OK) {
		sql_failed(v->store, db, r);
		goto out;
	}
	/* rows of other rules are not read, and are replaced on close */
	if (!have || strcmp(have, ctx))
		cc->ctx_changed = true;
	else if ((rc = load_state(cc)) != 0 || (rc = load_rows(cc)) != 0)
		goto out;
	/* what a directory holds does not depend on the rules */
	if (v->root) {
		if ((rc = samv_dirlist_load(&cc->dirs, db, &cc->start)) < 0)
			goto out;
		v->dirs = &cc->dirs;
	}
	*out = cc;
	cc = NULL;
out:
	free(have);
	cc_free(cc);
	return rc < 0 ? rc : 0;
}

/* A file last changed before the check began: a later change gives it a
 * later mtime.  Whole seconds: a file system that keeps coarser times
 * than the clock's tick would otherwise give a later change the same. */
static bool stat_trusted(const struct samv_checkcache *cc, const struct stat *sb)
{
	return S_ISREG(sb->st_mode) && samv_stat_settled(sb, &cc->start);
}

/* The work tree file's stat data, when path is read from the work tree. */
static int wt_stat(struct samv_checkcache *cc, const char *path, struct stat *sb)
{
	const char *root = samv_view_root_of(cc->v, path);
	const struct stat *walked;
	char *full = NULL;
	int r;

	if (!root)
		return 0;
	/* taken by the walk before the file was read: a change since has a
	 * later time (see stat_trusted) and fails the next comparison */
	if ((walked = samv_view_walked(cc->v, path))) {
		*sb = *walked;
		return 1;
	}
	if (asprintf(&full, "%s%s", root, path) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	r = lstat(full, sb);
	free(full);
	return r == 0 ? 1 : 0;
}

int samv_checkcache_known(struct samv_checkcache *cc, const char *path, git_oid *oid)
{
	struct row *w;
	struct stat sb;
	long long st[SAMV_STAT_FIELDS];
	int rc;

	if (samv_view_blob_id(oid, cc->v, path))
		return 1;
	/* the row first: a file without one (a cold check) is not stat'd
	 * here, the read that opens it does (samv_view_walked) */
	if (!(w = row_find(cc, path)) || !w->has_stat)
		return 0;
	if ((rc = wt_stat(cc, path, &sb)) <= 0)
		return rc;
	samv_stat_fields(st, &sb);
	if (memcmp(st, w->st, sizeof(st)) || !stat_trusted(cc, &sb))
		return 0;
	git_oid_fromraw(oid, w->oid);
	cc->verified = w;
	return 1;
}

/*
 * The blob id of a file's text, the key of its row.  Hashed without
 * git's collision detection, which was an eighth of a cold check's
 * instructions: a row is kept only of a file found without a problem, so
 * of canonical JSON text, valid UTF-8 with no control byte, quote or
 * backslash unescaped; the blocks a SHA-1 collision is made of are near
 * random bytes that such text cannot hold.  A file made to collide with
 * a kept one would need a second preimage, which no known attack gives.
 */
void samv_checkcache_hash(git_oid *oid, const char *text, size_t len)
{
	samv_blob_id(oid, text, len);
}

/* Keep the stat data of the work tree file just read as path's row's,
 * when it can be trusted (see the top of the file). */
static void take_stat(struct samv_checkcache *cc, const char *path, struct row *w)
{
	struct stat sb;
	long long st[SAMV_STAT_FIELDS];
	bool had = w->has_stat;

	if (wt_stat(cc, path, &sb) <= 0 || !stat_trusted(cc, &sb)) {
		w->dirty |= had;
		w->has_stat = false;
		return;
	}
	samv_stat_fields(st, &sb);
	if (!had || memcmp(st, w->st, sizeof(st))) {
		memcpy(w->st, st, sizeof(st));
		w->has_stat = true;
		w->dirty = true;
	}
}

int samv_checkcache_get(struct samv_checkcache *cc, const char *path, const git_oid *oid, const char **kpath,
			const char **kept, size_t *klen, bool *loadable, size_t *row)
{
	/* mostly the row samv_checkcache_known has just found */
	struct row *w = cc->verified && !strcmp(cc->verified->path, path) ? (struct row *)cc->verified
									    : row_find(cc, path);

	if (!w || git_oid_is_zero(oid) || memcmp(w->oid, oid->id, GIT_OID_RAWSZ))
		return 0;
	w->seen = true;
	*row = (size_t)(w - cc->rows);
	*kpath = w->path;
	*kept = w->kept;
	*klen = w->klen;
	*loadable = w->loadable;
	if (w != cc->verified && samv_view_root_of(cc->v, path))
		take_stat(cc, path, w);
	cc->verified = NULL;
	return 1;
}

int samv_checkcache_put(struct samv_checkcache *cc, const char *path, const git_oid *oid, const char *kept,
			size_t klen, bool loadable, size_t *row)
{
	struct row *w;
	int rc;

	cc->verified = NULL;
	*row = SIZE_MAX;
	if (git_oid_is_zero(oid))
		return 0; /* not hashed: nothing to key it by */
	if ((w = row_find(cc, path)) && !memcmp(w->oid, oid->id, GIT_OID_RAWSZ) && w->loadable == loadable &&
	    w->klen == klen && !memcmp(w->kept, kept, klen)) {
		/* the same file again (another view of it): its stat data kept */
		if (samv_view_root_of(cc->v, path))
			take_stat(cc, path, w);
		w->seen = true;
		*row = (size_t)(w - cc->rows);
		return 0;
	}
	if (w ? (rc = row_set(cc, w, path, kept, klen)) < 0 : !(w = row_new(cc, path, kept, klen)))
		return w ? rc : SAMV_ERROR;
	memcpy(w->oid, oid->id, GIT_OID_RAWSZ);
	w->loadable = loadable;
	w->has_stat = false;
	w->dirty = true;
	w->seen = true;
	w->refs_bad = false; /* until check.c says */
	if (samv_view_root_of(cc->v, path))
		take_stat(cc, path, w);
	*row = (size_t)(w - cc->rows);
	return 0;
}

const char *samv_checkcache_kept_of(struct samv_checkcache *cc, const char *path, size_t *klen)
{
	struct row *w = row_find(cc, path);

	if (!w || !w->loaded)
		return NULL;
	*klen = w->klen;
	return w->kept;
}

bool samv_checkcache_refs_bad(const struct samv_checkcache *cc, size_t row)
{
	return row < cc->n && cc->rows[row].refs_bad;
}

void samv_checkcache_set_refs_bad(struct samv_checkcache *cc, size_t row, bool bad)
{
	if (row < cc->n && cc->rows[row].refs_bad != bad) {
		cc->rows[row].refs_bad = bad;
		cc->rows[row].dirty = true;
	}
}

size_t samv_checkcache_unseen(const struct samv_checkcache *cc)
{
	size_t i, n = 0;

	for (i = 0; i < cc->n; i++)
		n += cc->rows[i].loaded && !cc->rows[i].seen;
	return n;
}

const char *samv_checkcache_state(const struct samv_checkcache *cc)
{
	return cc->state;
}

int samv_checkcache_set_state(struct samv_checkcache *cc, const char *state)
{
	char *dup = strdup(state);

	if (!dup)
		return samv_error_set(SAMV_ERROR, "out of memory");
	free(cc->new_state);
	cc->new_state = dup;
	return 0;
}

/* The rows of the last check that this one did not meet (files gone, or
 * with a problem now, or of another view): removed, so that the rows are
 * the files this check met, which the next one compares with. */
static int prune(struct samv_checkcache *cc)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int r = SQLITE_OK;

	for (i = 0; i < cc->n && r == SQLITE_OK; i++) {
		const struct row *w = &cc->rows[i];

		if (!w->loaded || w->seen)
			continue;
		if (!st && (r = sqlite3_prepare_v2(cc->db, "DELETE FROM chk_file WHERE path = ?1", -1, &st, NULL)) !=
			       SQLITE_OK)
			break;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, w->path, -1, SQLITE_STATIC);
		r = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(cc->db);
	}
	sqlite3_finalize(st);
	return r;
}

/* Whether this check found the rows and the state as the last one left
 * them. */
static bool unchanged(const struct samv_checkcache *cc)
{
	size_t i;

	if (cc->ctx_changed || !cc->state || !cc->new_state || strcmp(cc->state, cc->new_state) ||
	    samv_dirlist_changed(&cc->dirs))
		return false;
	for (i = 0; i < cc->n; i++)
		if (cc->rows[i].dirty || (cc->rows[i].loaded && !cc->rows[i].seen))
			return false;
	return true;
}

static int write_rows(struct samv_checkcache *cc)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int r;

	char *gen = NULL, next[32];
	bool alone;

	if (unchanged(cc))
		return SQLITE_OK; /* nothing to write: the cache is left as it was */
	if ((r = sqlite3_exec(cc->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
		return r;
	if (cc->ctx_changed && ((r = sqlite3_exec(cc->db, "DELETE FROM chk_file", NULL, NULL, NULL)) != SQLITE_OK ||
				(r = meta_put(cc->db, "ctx", cc->ctx)) != SQLITE_OK))
		goto out;
	/* alone: no other check wrote since the rows were read, so the rows
	 * become this check's view of the files, and its state holds of
	 * them; else the rows are still each true of their file, but the
	 * state is dropped, for the next check to make anew */
	if (!(gen = meta_get(cc->db, "gen", &r)) && r != SQLITE_OK)
		goto out;
	alone = cc->ctx_changed ? true : (gen ? strtoll(gen, NULL, 10) : 0) == cc->gen;
	snprintf(next, sizeof(next), "%lld", (alone ? cc->gen : gen ? strtoll(gen, NULL, 10) : 0) + 1);
	if ((r = meta_put(cc->db, "gen", next)) != SQLITE_OK ||
	    (r = alone && cc->new_state ? meta_put(cc->db, "state", cc->new_state)
					: sqlite3_exec(cc->db, "DELETE FROM chk_meta WHERE k = 'state'", NULL, NULL, NULL)) !=
		    SQLITE_OK ||
	    (alone && (r = prune(cc)) != SQLITE_OK) || (r = samv_dirlist_write(&cc->dirs, cc->db)) != SQLITE_OK)
		goto out;
	if ((r = sqlite3_prepare_v2(cc->db, "INSERT OR REPLACE INTO chk_file(path, oid, loadable, kept, st, refs_bad)"
				    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &st, NULL)) != SQLITE_OK)
		goto out;
	for (i = 0; i < cc->n; i++) {
		const struct row *w = &cc->rows[i];

		if (!w->dirty)
			continue;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_text(st, 1, w->path, -1, SQLITE_STATIC);
		sqlite3_bind_blob(st, 2, w->oid, GIT_OID_RAWSZ, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, w->loadable);
		sqlite3_bind_blob(st, 4, w->kept, (int)w->klen, SQLITE_STATIC);
		if (w->has_stat)
			sqlite3_bind_blob(st, 5, w->st, (int)sizeof(w->st), SQLITE_STATIC);
		sqlite3_bind_int(st, 6, w->refs_bad);
		if ((r = sqlite3_step(st)) != SQLITE_DONE)
			goto out;
	}
	r = SQLITE_OK;
out:
	free(gen);
	sqlite3_finalize(st);
	if (r == SQLITE_OK)
		r = sqlite3_exec(cc->db, "COMMIT", NULL, NULL, NULL);
	if (r != SQLITE_OK)
		sqlite3_exec(cc->db, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

void samv_checkcache_close(struct samv_checkcache *cc)
{
	int r;

	if (!cc)
		return;
	/* a reader in between found the file broken and made it anew: the
	 * rows are not written to the new one, whose tables may not exist */
	if (samv_cache_db(cc->s) != cc->db) {
		cc_free(cc);
		return;
	}
	/* a cache another samv holds, or a full disk: the rows are not kept */
	if ((r = write_rows(cc)) != SQLITE_OK && (r & 0xff) != SQLITE_BUSY)
		sql_failed(cc->s, cc->db, r);
	cc_free(cc);
}

void samv_checkcache_discard(struct samv_checkcache *cc)
{
	cc_free(cc);
}

/* ---- the history ---------------------------------------------------------- */

struct hist {
	git_oid *bad;
	size_t n, cap;
};

static int add_bad(const git_oid *commit, void *arg)
{
	struct hist *h = arg;

	if (h->n == h->cap) {
		git_oid *nv = realloc(h->bad, (h->cap = h->cap ? h->cap * 2 : 16) * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		h->bad = nv;
	}
	git_oid_cpy(&h->bad[h->n++], commit);
	return 0;
}

/* The commits after tip when they are a chain of one parent each, as
 * after samv's writes or plain git commits (1, newest first in *out):
 * a revwalk that hides tip marks tip's history first, which cost a
 * warm check as much as the rest of its history part.  0: not such a
 * chain of at most SAMV_CHAIN_MAX commits, or one cannot be read.
 * target is tip: an empty chain. */
#define SAMV_CHAIN_MAX 64
static int hist_chain(git_oid out[SAMV_CHAIN_MAX], size_t *n, git_repository *repo, const git_oid *target,
		      const git_oid *tip)
{
	git_commit *c = NULL;
	git_oid cur;

	git_oid_cpy(&cur, target);
	for (*n = 0; !git_oid_equal(&cur, tip); (*n)++) {
		if (*n == SAMV_CHAIN_MAX || git_commit_lookup(&c, repo, &cur) < 0 || git_commit_parentcount(c) != 1) {
			git_commit_free(c);
			git_error_clear();
			return 0;
		}
		git_oid_cpy(&out[*n], &cur);
		git_oid_cpy(&cur, git_commit_parent_id(c, 0));
		git_commit_free(c);
		c = NULL;
	}
	return 1;
}

/* The bad commits kept, for a tip found in target's history (1); 0 when
 * none can be used. */
static int hist_resume(struct hist *h, sqlite3 *db, const git_oid *target, git_oid *tip, git_repository *repo,
		       const char *rules, int *r)
{
	sqlite3_stmt *st = NULL;
	char *t = meta_get(db, "hist_tip", r), *ctx = NULL;
	git_oid chain[SAMV_CHAIN_MAX];
	size_t n;
	int ok = 0;

	if (*r != SQLITE_OK || !t)
		goto out;
	ctx = meta_get(db, "hist_ctx", r);
	if (*r != SQLITE_OK || !ctx || strcmp(ctx, rules) || git_oid_fromstr(tip, t) < 0)
		goto out;
	/* git_graph_descendant_of looks for merge bases: as costly as the
	 * revwalk, when a chain of commits leads to tip */
	if (!hist_chain(chain, &n, repo, target, tip) && git_graph_descendant_of(repo, target, tip) != 1) {
		git_error_clear();
		goto out;
	}
	if ((*r = sqlite3_prepare_v2(db, "SELECT oid FROM chk_hist_bad", -1, &st, NULL)) != SQLITE_OK)
		goto out;
	while ((*r = sqlite3_step(st)) == SQLITE_ROW) {
		git_oid o;

		if (sqlite3_column_bytes(st, 0) != GIT_OID_RAWSZ)
			continue;
		git_oid_fromraw(&o, sqlite3_column_blob(st, 0));
		if (add_bad(&o, h) < 0) {
			ok = SAMV_ERROR;
			goto out;
		}
	}
	if (*r != SQLITE_DONE)
		goto out;
	*r = SQLITE_OK;
	ok = 1;
out:
	sqlite3_finalize(st);
	free(t);
	free(ctx);
	return ok;
}

/* One commit after tip judged; 1 when it cannot be read. */
static int hist_judge(struct samv_problems *pr, git_repository *repo, const git_oid *oid, struct hist *h)
{
	git_commit *c = NULL;
	size_t before = pr->n;
	int rc;

	if (git_commit_lookup(&c, repo, oid) < 0)
		return 1;
	if ((rc = samv_agreement_changed(c)) > 0)
		rc = samv_agreement_authority(pr, repo, c);
	if (rc == 0 && pr->n > before)
		rc = add_bad(oid, h);
	git_commit_free(c);
	return rc;
}

/* The commits of target's history after tip, and those bad before it,
 * judged: 1 when a commit cannot be read (the whole walk is made). */
static int hist_from(struct samv_problems *pr, git_repository *repo, const git_oid *target, const git_oid *tip,
		     struct hist *h)
{
	git_oid chain[SAMV_CHAIN_MAX];
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	size_t i, nold = h->n, n;
	git_oid oid;
	int rc = 0, e = GIT_ITEROVER;

	if (hist_chain(chain, &n, repo, target, tip)) {
		for (i = 0; i < n && rc == 0; i++)
			rc = hist_judge(pr, repo, &chain[i], h);
	} else if (git_revwalk_new(&w, repo) < 0 || git_revwalk_push(w, target) < 0 || git_revwalk_hide(w, tip) < 0) {
		rc = 1;
		goto out;
	} else {
		while (rc == 0 && (e = git_revwalk_next(&oid, w)) == 0)
			rc = hist_judge(pr, repo, &oid, h);
	}
	if (rc == 0 && e != GIT_ITEROVER)
		rc = 1;
	/* a commit bad before is bad still: judged again for its message */
	for (i = 0; rc == 0 && i < nold; i++) {
		if (git_commit_lookup(&c, repo, &h->bad[i]) < 0) {
			rc = 1;
			break;
		}
		rc = samv_agreement_authority(pr, repo, c);
		git_commit_free(c);
		c = NULL;
	}
out:
	if (rc > 0)
		git_error_clear();
	git_revwalk_free(w);
	return rc;
}

static int hist_save(sqlite3 *db, const struct hist *h, const git_oid *target, const char *rules)
{
	char hex[GIT_OID_HEXSZ + 1];
	sqlite3_stmt *st = NULL;
	size_t i;
	int r;

	git_oid_tostr(hex, sizeof(hex), target);
	if ((r = sqlite3_exec(db, "BEGIN IMMEDIATE; DELETE FROM chk_hist_bad;", NULL, NULL, NULL)) != SQLITE_OK)
		goto out;
	if ((r = sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO chk_hist_bad(oid) VALUES (?1)", -1, &st, NULL)) !=
	    SQLITE_OK)
		goto out;
	for (i = 0; i < h->n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_blob(st, 1, h->bad[i].id, GIT_OID_RAWSZ, SQLITE_STATIC);
		if ((r = sqlite3_step(st)) != SQLITE_DONE)
			goto out;
	}
	if ((r = meta_put(db, "hist_tip", hex)) == SQLITE_OK && (r = meta_put(db, "hist_ctx", rules)) == SQLITE_OK)
		r = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
out:
	sqlite3_finalize(st);
	if (r != SQLITE_OK)
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	return r;
}

/* The problems of from appended to pr, as they are. */
static int append(struct samv_problems *pr, const struct samv_problems *from)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < from->n && rc == 0; i++) {
		const struct samv_problem *p = &from->v[i];
		struct samv_pos pos = { p->line, p->col };

		rc = samv_problem_add_pair(pr, p->file, pos, p->code, p->msg, p->text);
	}
	return rc;
}

int samv_checkcache_history(struct samv_problems *pr, struct samv_store *s, const char *rev)
{
	git_repository *repo = samv_store_repo(s);
	struct samv_problems found = SAMV_PROBLEMS_INIT;
	struct hist h = { NULL, 0, 0 };
	git_object *obj = NULL, *commit = NULL;
	git_oid target, tip;
	char rules[64];
	bool resumed = false;
	sqlite3 *db;
	int rc, r = SQLITE_OK;

	if (git_revparse_single(&obj, repo, rev ? rev : "HEAD") < 0 || git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		/* an unborn branch, a bad --rev: as without the cache */
		git_object_free(obj);
		git_error_clear();
		return samv_check_history(pr, s, rev);
	}
	git_oid_cpy(&target, git_object_id(commit));
	git_object_free(commit);
	git_object_free(obj);
	if (!(db = samv_cache_db(s)) || (r = tables(db)) != SQLITE_OK) {
		if (db)
			sql_failed(s, db, r);
		return samv_check_history(pr, s, rev);
	}
	samv_cache_rules(rules);
	if ((rc = hist_resume(&h, db, &target, &tip, repo, rules, &r)) < 0)
		goto out;
	if (r != SQLITE_OK) {
		sql_failed(s, db, r);
		h.n = 0;
		rc = 0;
	}
	if (rc > 0) {
		/* what a walk that cannot be finished found is forgotten */
		if ((rc = hist_from(&found, repo, &target, &tip, &h)) < 0 || (rc == 0 && (rc = append(pr, &found)) < 0))
			goto out;
		resumed = rc == 0;
		if (!resumed)
			h.n = 0;
	}
	if (!resumed && (rc = samv_check_history_each(pr, s, rev, add_bad, &h)) < 0)
		goto out;
	rc = 0;
	/* the walk may have found the file broken and dropped it */
	if ((db = samv_cache_db(s)) && (r = tables(db)) == SQLITE_OK)
		r = hist_save(db, &h, &target, rules);
	if (db && r != SQLITE_OK && (r & 0xff) != SQLITE_BUSY)
		sql_failed(s, db, r);
out:
	samv_problems_free(&found);
	free(h.bad);
	return rc;
}
