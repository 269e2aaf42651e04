/*
 * cache.c - the derived query cache: .git/samv/cache.sqlite.
 *
 * It holds, for every record file the readers have asked about, the
 * record already parsed, validated and checked for its place (as compact
 * JSON), or why it is not a valid record; and, for every directory of
 * the record types, the git tree id it was last brought up to.  Bringing
 * it up to a tree reads only the subtrees whose ids differ from those
 * kept, and in them only the blobs whose ids (or modes) differ: a reader
 * after one write reads one shard tree and one blob, not the collection.
 *
 * It is never the source of truth: every use checks it against the tree
 * the reader pinned, inside one SQLite transaction that also serves the
 * reads, so that two readers at different commits never see each other's
 * half.  A file that is not a cache of ours is removed and built again;
 * when it cannot be written (a read-only .git/), readers read git as if
 * there were no cache.  See samv(7), CACHE, and docs/CACHE.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cache.h"
#include "listcols.h"
#include "showword.h"
#include "store.h"

/* PRAGMA user_version of the layout below; another value is a file we
 * did not write (or an older samv's), rebuilt. */
#define CACHE_SCHEMA 0x53410007

/* The columns of a slim record (samv_cache_select), in the order of
 * slim_cols; their names without "k_" are the fields'. */
static const char slim_cols[] = "id, k_date, k_status, k_due, k_done, k_review, k_meeting, k_arena, k_title, k_name, k_sector,"
				" k_att";
static const char *const slim_keys[] = { "id", "date", "status", "due", "done", "review", "meeting", "arena", "title", "name", "sector" };
#define NSLIM ((int)(sizeof(slim_keys) / sizeof(slim_keys[0])))
/* read after them (slim_cols), no field of its own: the attendance */
#define SLIM_ATT "att"
/* The columns of a list row (samv_cache_list): id and the list columns
 * t has (only those: each column read costs, on a long list). */
static void list_cols(char out[128], const struct samv_type *t)
{
	int n;

	strcpy(out, "id");
	for (n = 0; n < SAMV_LISTCOLS && samv_listcol_field(t, n); n++)
		snprintf(out + strlen(out), 128 - strlen(out), ", k_f%d", n + 1);
}

static const char schema_sql[] =
	"CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT NOT NULL);"
	/* a directory of a record type, or one below it: the tree id the
	 * rows under it were read from */
	"CREATE TABLE trees(path TEXT PRIMARY KEY, parent TEXT NOT NULL, oid BLOB NOT NULL);"
	"CREATE INDEX trees_parent ON trees(parent);"
	/* a *.json file there: its blob id and mode, and the record (json)
	 * or why it is none (bad: "LANG:why", in the language it was said
	 * in, bad_why) */
	"CREATE TABLE recs(path TEXT PRIMARY KEY, parent TEXT NOT NULL, dir TEXT NOT NULL, id TEXT NOT NULL,"
	" oid BLOB NOT NULL, mode INTEGER NOT NULL,"
	/* the list columns (listcols.c): a string as it is (even empty), a
	 * yes/no as 1 or 0, else NULL (so no type: TEXT would make 1 '1');
	 * before json, so that a row's columns are read without its json */
	" k_f1, k_f2, k_f3, k_f4, k_f5, k_f6, k_f7, k_f8, k_f9, k_f10, k_f11, k_f12,"
	" json TEXT, bad TEXT,"
	/* the fields readers select on, and those they show of many records,
	 * taken out of the record when it is stored (sync_file, as
	 * samv_record_str reads them; k_ndist: the items of "distributed"): a
	 * query reads only the rows it wants, and of them perhaps only these
	 * (samv_cache_select) */
	" k_date TEXT, k_status TEXT, k_due TEXT, k_done TEXT, k_review TEXT, k_meeting TEXT, k_arena TEXT,"
	" k_title TEXT, k_name TEXT, k_sector TEXT, k_ndist INTEGER NOT NULL DEFAULT 0,"
	/* the organisations of "attended", one a line (slim: "att"): the
	 * summary's attendance chart reads a year of meetings by them */
	" k_att TEXT);"
	"CREATE INDEX recs_parent ON recs(parent);"
	"CREATE INDEX recs_dir_id ON recs(dir, id);"
	"CREATE INDEX recs_date ON recs(dir, k_date);"
	"CREATE INDEX recs_status ON recs(dir, k_status, k_ndist, k_date);"
	"CREATE INDEX recs_due ON recs(dir, k_status, k_due);"
	"CREATE INDEX recs_done ON recs(dir, k_status, k_done);"
	"CREATE INDEX recs_review ON recs(dir, k_status, k_review);"
	"CREATE INDEX recs_meeting ON recs(dir, k_meeting);"
	/* a list reads this index alone, the records (bad IS NULL: a row has
	 * json or bad, never both) in id order (samv_cache_list) */
	"CREATE INDEX recs_list ON recs(dir, bad, id, k_f1, k_f2, k_f3, k_f4, k_f5, k_f6, k_f7, k_f8, k_f9, k_f10,"
	" k_f11, k_f12);"
	/* every read asks for the files that are not records: few or none */
	"CREATE INDEX recs_bad ON recs(dir, path) WHERE bad IS NOT NULL;";

enum {
	ST_TREE_GET,
	ST_TREE_PUT,
	ST_TREE_KIDS,
	ST_TREE_DEL,
	ST_REC_GET,
	ST_REC_PUT,
	ST_REC_KIDS,
	ST_REC_DEL,
	ST_RECS,
	ST_BAD,
	ST_N
};

static const char *const stmt_sql[ST_N] = {
	[ST_TREE_GET] = "SELECT oid FROM trees WHERE path = ?1",
	[ST_TREE_PUT] = "INSERT OR REPLACE INTO trees(path, parent, oid) VALUES (?1, ?2, ?3)",
	[ST_TREE_KIDS] = "SELECT path FROM trees WHERE parent = ?1",
	/* the tree and everything below it ('0' follows '/') */
	[ST_TREE_DEL] = "DELETE FROM trees WHERE path = ?1 OR (path > ?1 || '/' AND path < ?1 || '0')",
	[ST_REC_GET] = "SELECT oid, mode FROM recs WHERE path = ?1",
	[ST_REC_PUT] = ("INSERT OR REPLACE INTO recs(path, parent, dir, id, oid, mode, json, bad, k_date, k_status,"
			" k_due, k_done, k_review, k_meeting, k_arena, k_title, k_name, k_sector, k_ndist,"
			" k_f1, k_f2, k_f3, k_f4, k_f5, k_f6, k_f7, k_f8, k_f9, k_f10, k_f11, k_f12, k_att)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
			" ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)"),
	[ST_REC_KIDS] = "SELECT path FROM recs WHERE parent = ?1",
	[ST_REC_DEL] = "DELETE FROM recs WHERE path = ?1 OR (path > ?1 || '/' AND path < ?1 || '0')",
	[ST_RECS] = "SELECT json FROM recs WHERE dir = ?1 AND json IS NOT NULL ORDER BY id",
	[ST_BAD] = "SELECT path, bad FROM recs WHERE dir = ?1 AND bad IS NOT NULL ORDER BY path",
};

struct samv_cache {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[ST_N];
};

/* A SQLite failure: which kind decides between rebuilding and giving up. */
enum { CACHE_OK = 0, CACHE_BROKEN = 1, CACHE_UNUSABLE = 2 };

static int sql_fail(sqlite3 *db, int code)
{
	int c = (db ? sqlite3_errcode(db) : code) & 0xff;

	if (code != SQLITE_OK)
		c = code & 0xff;
	return c == SQLITE_CORRUPT || c == SQLITE_NOTADB || c == SQLITE_FORMAT ? CACHE_BROKEN : CACHE_UNUSABLE;
}

static void cache_free(struct samv_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < ST_N; i++)
		sqlite3_finalize(c->st[i]);
	sqlite3_close(c->db);
	free(c->path);
	free(c);
}

/* What is wrong with the file at path as a SQLite database, seen from its
 * header alone, or NULL: a truncated file otherwise opens and fails only
 * when the missing pages are read, perhaps halfway through a reader. */
static const char *header_problem(const char *path)
{
	unsigned char h[100];
	struct stat st;
	unsigned long psize, pages;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL; /* absent: created; unreadable: open says so */
	/* not a regular file: SQLite cannot open it, and readers go without */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
		close(fd);
		return NULL;
	}
	n = read(fd, h, sizeof(h));
	close(fd);
	if (n != (ssize_t)sizeof(h) || memcmp(h, "SQLite format 3", 16))
		return "is not a SQLite database";
	psize = (unsigned long)h[16] << 8 | h[17];
	if (psize == 1)
		psize = 65536;
	pages = (unsigned long)h[28] << 24 | (unsigned long)h[29] << 16 | (unsigned long)h[30] << 8 | h[31];
	/* the header's page count is valid when its change counter matches */
	if (!memcmp(h + 24, h + 92, 4) && (off_t)(psize * pages) > st.st_size)
		return "is truncated";
	return NULL;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? CACHE_OK : sql_fail(db, SQLITE_OK);
}

/* Open (creating when absent) the cache at path; *why says what was wrong
 * with a file found broken. */
static int cache_open_at(struct samv_cache **out, const char *path, const char **why)
{
	struct samv_cache *c = calloc(1, sizeof(*c));
	sqlite3_stmt *st = NULL;
	int rc = CACHE_UNUSABLE, version, tables, i;

	*out = NULL;
	if (!c || !(c->path = strdup(path)))
		goto out;
	if ((*why = header_problem(path))) {
		rc = CACHE_BROKEN;
		goto out;
	}
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		goto out;
	sqlite3_busy_timeout(c->db, SAMV_LOCK_TIMEOUT_DEFAULT * 1000);
	/* a cache: after a crash of the machine it may be lost, and rebuilt */
	if ((rc = exec(c->db, "PRAGMA synchronous=OFF")) != CACHE_OK)
		goto out;
	if (sqlite3_prepare_v2(c->db, "SELECT (SELECT user_version FROM pragma_user_version),"
			       " (SELECT count(*) FROM sqlite_master)", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = sql_fail(c->db, SQLITE_OK);
		*why = "is not a SQLite database";
		goto out;
	}
	version = sqlite3_column_int(st, 0);
	tables = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	st = NULL;
	if (version == 0 && tables == 0) {
		char *sql = NULL;

		if (asprintf(&sql, "BEGIN IMMEDIATE; %s PRAGMA user_version=%d; COMMIT;", schema_sql, CACHE_SCHEMA) < 0)
			goto out;
		rc = exec(c->db, sql);
		free(sql);
		if (rc != CACHE_OK) {
			/* SQLITE_ERROR: another reader made the tables first */
			int err = sqlite3_errcode(c->db);

			exec(c->db, "ROLLBACK");
			if (err != SQLITE_ERROR)
				goto out;
		}
	} else if (version != CACHE_SCHEMA) {
		rc = CACHE_BROKEN;
		*why = "was not written by this samv";
		goto out;
	}
	for (i = 0; i < ST_N; i++)
		if (sqlite3_prepare_v3(c->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &c->st[i], NULL) != SQLITE_OK) {
			rc = sql_fail(c->db, SQLITE_OK);
			*why = "does not hold the cache's tables";
			goto out;
		}
	*out = c;
	c = NULL;
	rc = CACHE_OK;
out:
	sqlite3_finalize(st);
	if (rc == CACHE_BROKEN && !*why)
		*why = "is corrupt";
	cache_free(c);
	return rc;
}

/* The records as this samv validates them: a cache written by another
 * build of samv is emptied (its rules may differ), not trusted. */
static void fnv(unsigned long long *h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n--) {
		*h ^= *b++;
		*h *= 1099511628211ull;
	}
}

static void fnv_str(unsigned long long *h, const char *s)
{
	fnv(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* The version and a digest of the record types' rules: what a cached
 * validation depends on. */
static void rules_id(char out[64])
{
	unsigned long long h = 14695981039346656037ull;
	const struct samv_type *t;
	size_t i, j, k;

	for (i = 0; (t = samv_type_at(i)); i++) {
		fnv_str(&h, t->name);
		fnv_str(&h, t->dir);
		fnv(&h, &t->flat, sizeof(t->flat));
		fnv_str(&h, t->date_field); /* a list column */
		for (j = 0; j < t->nfields; j++) {
			const struct samv_field *f = &t->fields[j];

			fnv_str(&h, f->name);
			fnv(&h, &f->kind, sizeof(f->kind));
			fnv(&h, &f->flags, sizeof(f->flags));
			fnv(&h, &f->max, sizeof(f->max));
			fnv_str(&h, f->ref);
			for (k = 0; f->values && f->values[k]; k++)
				fnv_str(&h, f->values[k]);
		}
	}
	snprintf(out, 64, "%s %016llx", SAMV_VERSION, h);
}

void samv_cache_rules(char out[64])
{
	rules_id(out);
}

static int cache_own(struct samv_cache *c)
{
	char want[64];
	sqlite3_stmt *st = NULL;
	int rc = CACHE_OK;

	rules_id(want);
	if (sqlite3_prepare_v2(c->db, "SELECT v FROM meta WHERE k = 'samv'", -1, &st, NULL) != SQLITE_OK)
		return sql_fail(c->db, SQLITE_OK);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), want)) {
		sqlite3_finalize(st);
		return CACHE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sql_fail(c->db, rc);
	if (sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO meta(k, v) VALUES ('samv', ?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return sql_fail(c->db, SQLITE_OK);
	sqlite3_bind_text(st, 1, want, -1, SQLITE_TRANSIENT);
	if ((rc = exec(c->db, "BEGIN IMMEDIATE; DELETE FROM trees; DELETE FROM recs;")) == CACHE_OK &&
	    sqlite3_step(st) != SQLITE_DONE)
		rc = sql_fail(c->db, SQLITE_OK);
	sqlite3_finalize(st);
	if (rc == CACHE_OK)
		rc = exec(c->db, "COMMIT");
	if (rc != CACHE_OK)
		exec(c->db, "ROLLBACK");
	return rc;
}

static void remove_file(const char *path)
{
	char *j = NULL;

	unlink(path);
	if (asprintf(&j, "%s-journal", path) >= 0) {
		unlink(j);
		free(j);
	}
}

/* Say, once, that the file was not a cache and is built again: the only
 * thing this file prints, since no caller asked for the rebuild and every
 * reader would otherwise have to pass it on. */
static void say_rebuilt(const char *path, const char *why)
{
	static bool said;

	if (said)
		return;
	said = true;
	fprintf(stderr, _("%s: warning: query cache '%s' %s; rebuilt\n"), program_invocation_short_name, path, why);
}

/* The store's cache, opened (and when broken rebuilt) on first use; NULL
 * when readers go without it. */
static struct samv_cache *cache_get(struct samv_store *s)
{
	const char *why = NULL;
	char *path = NULL, *dir = NULL;
	bool off = false;
	int rc;

	if (s->cache_state)
		return s->cache_state > 0 ? s->cache : NULL;
	s->cache_state = -1;
	if (samv_env_no_cache(&off) < 0 || off)
		return NULL;
	if (asprintf(&dir, "%ssamv", git_repository_commondir(s->repo)) < 0) {
		dir = NULL;
		goto out;
	}
	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		goto out; /* a read-only .git/: no cache */
	if (asprintf(&path, "%s/%s", dir, strrchr(SAMV_CACHE_FILE, '/') + 1) < 0) {
		path = NULL;
		goto out;
	}
	rc = cache_open_at(&s->cache, path, &why);
	if (rc == CACHE_OK && (rc = cache_own(s->cache)) == CACHE_BROKEN)
		why = "is corrupt";
	if (rc == CACHE_BROKEN) {
		cache_free(s->cache);
		s->cache = NULL;
		remove_file(path);
		say_rebuilt(path, why);
		if ((rc = cache_open_at(&s->cache, path, &why)) == CACHE_OK)
			rc = cache_own(s->cache);
	}
	if (rc != CACHE_OK) {
		cache_free(s->cache);
		s->cache = NULL;
		goto out;
	}
	s->cache_state = 1;
out:
	free(dir);
	free(path);
	return s->cache;
}

void samv_cache_close(struct samv_store *s)
{
	cache_free(s->cache);
	s->cache = NULL;
	s->cache_state = 0;
}

/* ---- bringing the cache up to a tree --------------------------------- */

struct sync {
	struct samv_cache *c;
	struct samv_view *v;
	const struct samv_type *t;
	int sqlrc;  /* CACHE_* of a SQLite failure */
};

static sqlite3_stmt *st_reset(struct sync *y, int which)
{
	sqlite3_stmt *st = y->c->st[which];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/* The step of a statement that returns no rows. */
static int st_done(struct sync *y, sqlite3_stmt *st)
{
	int r = sqlite3_step(st);

	sqlite3_reset(st);
	if (r == SQLITE_DONE)
		return 0;
	y->sqlrc = sql_fail(y->c->db, r);
	return SAMV_EIO;
}

/* Whether the row of path in table which (ST_TREE_GET or ST_REC_GET) has
 * this oid (and mode). */
static int same_oid(struct sync *y, int which, const char *path, const git_oid *oid, int mode)
{
	sqlite3_stmt *st = st_reset(y, which);
	int r, same = 0;

	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		same = sqlite3_column_bytes(st, 0) == GIT_OID_RAWSZ &&
		       !memcmp(sqlite3_column_blob(st, 0), oid->id, GIT_OID_RAWSZ) &&
		       (which == ST_TREE_GET || sqlite3_column_int(st, 1) == mode);
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE) {
		y->sqlrc = sql_fail(y->c->db, r);
		return SAMV_EIO;
	}
	return same;
}

static int del(struct sync *y, int which, const char *path)
{
	sqlite3_stmt *st = st_reset(y, which);

	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	return st_done(y, st);
}

/* Rows of the children of dir (table kids: ST_TREE_KIDS, ST_REC_KIDS)
 * that the tree no longer has as such (a tree, or a file): removed. */
static int drop_gone(struct sync *y, int kids, const char *dir, const git_tree *tree)
{
	sqlite3_stmt *st = st_reset(y, kids);
	char **gone = NULL;
	size_t n = 0, cap = 0, i, skip = strlen(dir) + 1;
	int r, rc = 0;

	sqlite3_bind_text(st, 1, dir, -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		const git_tree_entry *e = strlen(p) > skip ? git_tree_entry_byname(tree, p + skip) : NULL;
		bool is_tree = e && git_tree_entry_type(e) == GIT_OBJECT_TREE;

		if (e && is_tree == (kids == ST_TREE_KIDS))
			continue;
		if (n == cap) {
			char **nv = realloc(gone, (cap = cap ? 2 * cap : 16) * sizeof(*nv));

			if (!nv) {
				rc = samv_error_set(SAMV_ERROR, "out of memory");
				goto out;
			}
			gone = nv;
		}
		if (!(gone[n] = strdup(p))) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		n++;
	}
	if (r != SQLITE_DONE) {
		y->sqlrc = sql_fail(y->c->db, r);
		rc = SAMV_EIO;
		goto out;
	}
	sqlite3_reset(st);
	for (i = 0; i < n && rc == 0; i++) {
		rc = del(y, ST_REC_DEL, gone[i]);
		if (rc == 0 && kids == ST_TREE_KIDS)
			rc = del(y, ST_TREE_DEL, gone[i]);
	}
out:
	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		free(gone[i]);
	free(gone);
	return rc;
}

/* List column i's value: the field as it is in the record. */
static void bind_listcol(sqlite3_stmt *st, int i, const cJSON *rec, const struct samv_field *f)
{
	const cJSON *v = f ? cJSON_GetObjectItemCaseSensitive(rec, f->name) : NULL;

	if (cJSON_IsString(v))
		sqlite3_bind_text(st, i, v->valuestring, -1, SQLITE_STATIC);
	else if (cJSON_IsBool(v))
		sqlite3_bind_int(st, i, cJSON_IsTrue(v));
}

/* The organisations of rec's "attended" (their ids have no line break),
 * one a line, into column i: NULL without an attendance list. */
static int bind_att(sqlite3_stmt *st, int i, const cJSON *rec, struct samv_buf *b)
{
	const cJSON *att = cJSON_GetObjectItemCaseSensitive(rec, "attended"), *a;

	if (!cJSON_IsArray(att))
		return 0;
	cJSON_ArrayForEach(a, att) {
		const char *actor = samv_record_str(a, "actor");

		if (actor && ((b->len && samv_buf_put(b, "\n", 1) < 0) || samv_buf_puts(b, actor) < 0))
			return samv_error_set(SAMV_ERROR, "out of memory");
	}
	if (samv_buf_put(b, "", 1) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	sqlite3_bind_text(st, i, b->ptr, -1, SQLITE_STATIC);
	return 0;
}

/* The file at path (entry e of directory parent): read again when its
 * blob or mode changed. */
static int sync_file(struct sync *y, const char *parent, const char *path, const git_tree_entry *e)
{
	char id[SAMV_ID_MAX + 1];
	int mode = (int)git_tree_entry_filemode(e), rc, i;
	sqlite3_stmt *st;
	cJSON *rec = NULL;
	char *json = NULL, *why = NULL;
	struct samv_buf att = SAMV_BUF_INIT;
	/* before the load: its first call clears the last error */
	const char *bad = NULL, *lang = samv_user_lang();

	if (!samv_path_id(path, id))
		return 0; /* not a record file: readers pass it by */
	if ((rc = same_oid(y, ST_REC_GET, path, git_tree_entry_id(e), mode)) != 0)
		return rc < 0 ? rc : 0;
	rc = samv_record_load_path(&rec, y->v, y->t, path);
	if (rc == SAMV_EINVAL)
		bad = samv_error_last();
	else if (rc < 0)
		return rc;
	else if (!(json = cJSON_PrintUnformatted(rec)))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	if (rc < 0 && !bad) {
		cJSON_Delete(rec);
		return rc;
	}
	st = st_reset(y, ST_REC_PUT);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, parent, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, y->t->dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, git_tree_entry_id(e)->id, GIT_OID_RAWSZ, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, mode);
	if (json)
		sqlite3_bind_text(st, 7, json, -1, SQLITE_STATIC);
	/* why, in the language it was said in: "sv:..." (read_bad) */
	if (bad && asprintf(&why, "%s:%s", lang, bad) < 0) {
		why = NULL;
		cJSON_Delete(rec);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	if (why)
		sqlite3_bind_text(st, 8, why, -1, SQLITE_STATIC);
	/* the columns after id in slim_keys, then k_ndist */
	for (i = 1; json && i < NSLIM; i++)
		sqlite3_bind_text(st, 8 + i, samv_record_str(rec, slim_keys[i]), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8 + NSLIM, json ? cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(rec, "distributed")) : 0);
	for (i = 0; json && i < SAMV_LISTCOLS; i++)
		bind_listcol(st, 9 + NSLIM + i, rec, samv_listcol_field(y->t, i));
	if (json && (rc = bind_att(st, 9 + NSLIM + SAMV_LISTCOLS, rec, &att)) < 0) {
		cJSON_Delete(rec);
		cJSON_free(json);
		free(why);
		return rc;
	}
	rc = st_done(y, st);
	sqlite3_clear_bindings(st);
	samv_buf_free(&att);
	cJSON_Delete(rec);
	cJSON_free(json);
	free(why);
	return rc;
}

/* The directory path (tree oid, in directory parent) and all below it. */
static int sync_tree(struct sync *y, const char *parent, const char *path, const git_oid *oid)
{
	git_tree *tree = NULL;
	char *sub = NULL;
	sqlite3_stmt *st;
	size_t i, n;
	int rc;

	if ((rc = same_oid(y, ST_TREE_GET, path, oid, 0)) != 0)
		return rc < 0 ? rc : 0;
	if (git_tree_lookup(&tree, y->v->repo, oid) < 0)
		return samv_error_git(SAMV_EIO, path);
	if ((rc = drop_gone(y, ST_TREE_KIDS, path, tree)) < 0 || (rc = drop_gone(y, ST_REC_KIDS, path, tree)) < 0)
		goto out;
	n = git_tree_entrycount(tree);
	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);

		free(sub);
		if (asprintf(&sub, "%s/%s", path, git_tree_entry_name(e)) < 0) {
			sub = NULL;
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			break;
		}
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
			rc = sync_tree(y, path, sub, git_tree_entry_id(e));
		else
			rc = sync_file(y, path, sub, e);
	}
	if (rc < 0)
		goto out;
	st = st_reset(y, ST_TREE_PUT);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, parent, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, oid->id, GIT_OID_RAWSZ, SQLITE_STATIC);
	rc = st_done(y, st);
out:
	free(sub);
	git_tree_free(tree);
	return rc;
}

/* The type's directory brought up to the view's tree. */
static int sync_dir(struct sync *y)
{
	git_tree_entry *e = NULL;
	int rc;

	/* no directory (or a file in its place): readers find no records */
	if (git_tree_entry_bypath(&e, y->v->tree, y->t->dir) < 0 || git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		if ((rc = del(y, ST_REC_DEL, y->t->dir)) == 0)
			rc = del(y, ST_TREE_DEL, y->t->dir);
	} else {
		rc = sync_tree(y, "", y->t->dir, git_tree_entry_id(e));
	}
	git_tree_entry_free(e);
	return rc;
}

/* ---- reading --------------------------------------------------------- */

/* A record and its id, found once for the sort, not at every comparison. */
struct by_id_item {
	cJSON *rec;
	const char *id;
};

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct by_id_item *)a)->id, ((const struct by_id_item *)b)->id);
}

/* The records of the rows statement st gives (its first column, the json),
 * in its order, or sorted by id (sort): a query that selects by another
 * column's index leaves the order to us, the sort being cheaper than the
 * walk of every row that an ORDER BY id makes SQLite choose. */
/* A slim record from the row of slim_cols: its fields that are strings. */
static cJSON *slim_record(sqlite3_stmt *st)
{
	cJSON *rec = cJSON_CreateObject(), *it;
	size_t len[NSLIM + 1], size = 0, at;
	char *block = NULL, *base = NULL;
	int i;

	/* as a list row: the strings in one block that the first string's
	 * item owns, keys not copied (a summary reads thousands of these);
	 * the columns of slim_keys, then the attendance (SLIM_ATT) */
	for (i = 0; i <= NSLIM; i++) {
		len[i] = sqlite3_column_type(st, i) == SQLITE_TEXT ? (size_t)sqlite3_column_bytes(st, i) + 1 : 0;
		size += len[i];
	}
	if (!rec || (size && !(block = base = malloc(size))))
		goto fail;
	for (i = 0, at = 0; i <= NSLIM; at += len[i++]) {
		if (!len[i])
			continue;
		memcpy(base + at, sqlite3_column_text(st, i), len[i]);
		if (!(it = cJSON_CreateStringReference(base + at)))
			goto fail;
		if (block)
			it->type &= ~cJSON_IsReference; /* the first: owns the block */
		if (!cJSON_AddItemToObjectCS(rec, i < NSLIM ? slim_keys[i] : SLIM_ATT, it)) {
			it->type |= cJSON_IsReference;
			cJSON_Delete(it);
			goto fail;
		}
		block = NULL;
	}
	return rec;
fail:
	free(block);
	cJSON_Delete(rec);
	return NULL;
}

/* A list row (samv_cache_list) from the row of id and the list columns:
 * the fields those hold (keys from the type's table, not copied). */
static cJSON *list_record(sqlite3_stmt *st, const struct samv_field *const *cols)
{
	cJSON *rec = cJSON_CreateObject(), *it = NULL;
	size_t len[SAMV_LISTCOLS + 1], size = 0, at;
	char *block = NULL, *base;
	int i, n;

	/* the row's strings in one block that the id's item owns (freed
	 * with it: its reference flag cleared), the others referring into
	 * it: a long list makes and frees a third of the pieces */
	for (n = 0; n <= SAMV_LISTCOLS && (!n || cols[n - 1]); n++) {
		len[n] = sqlite3_column_type(st, n) == SQLITE_TEXT ? (size_t)sqlite3_column_bytes(st, n) + 1 : 0;
		size += len[n];
	}
	if (!rec || !len[0] || !(block = malloc(size)))
		goto fail;
	for (i = 0, at = 0; i < n; at += len[i++])
		if (len[i])
			memcpy(block + at, sqlite3_column_text(st, i), len[i]);
	if (!(it = cJSON_CreateStringReference(block)))
		goto fail;
	it->type &= ~cJSON_IsReference;
	base = block;
	block = NULL;
	if (!cJSON_AddItemToObjectCS(rec, "id", it))
		goto fail;
	for (i = 1, at = len[0]; i < n; at += len[i++]) {
		it = NULL;
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_TEXT:
			it = cJSON_CreateStringReference(base + at);
			break;
		case SQLITE_INTEGER:
			it = cJSON_CreateBool(sqlite3_column_int(st, i));
			break;
		default:
			continue;
		}
		if (!it || !cJSON_AddItemToObjectCS(rec, cols[i - 1]->name, it))
			goto fail;
	}
	return rec;
fail:
	free(block);
	cJSON_Delete(it);
	cJSON_Delete(rec);
	return NULL;
}

/* slim: 1, a slim record; 2, a list row of the type of y */
static int read_rows(struct sync *y, sqlite3_stmt *st, bool sort, int slim, cJSON **out)
{
	cJSON *arr = cJSON_CreateArray(), *rec;
	struct by_id_item *v = NULL;
	const struct samv_field *cols[SAMV_LISTCOLS];
	size_t n = 0, i;
	int r, rc = 0;

	if (!arr)
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < SAMV_LISTCOLS; i++)
		cols[i] = samv_listcol_field(y->t, (int)i);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *json = (const char *)sqlite3_column_text(st, 0);

		if (!json)
			continue;
		if (!(rec = slim == 2 ? list_record(st, cols)
			    : slim ? slim_record(st)
				   : cJSON_ParseWithLength(json, (size_t)sqlite3_column_bytes(st, 0))) ||
		    !cJSON_AddItemToArray(arr, rec)) {
			cJSON_Delete(rec);
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		n++;
	}
	if (r != SQLITE_DONE) {
		y->sqlrc = sql_fail(y->c->db, r);
		rc = SAMV_EIO;
		goto out;
	}
	if (sort && n > 1) {
		if (!(v = malloc(n * sizeof(*v)))) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		for (i = 0; i < n; i++) {
			v[i].rec = cJSON_DetachItemViaPointer(arr, arr->child);
			v[i].id = samv_record_str(v[i].rec, "id") ? samv_record_str(v[i].rec, "id") : "";
		}
		qsort(v, n, sizeof(*v), by_id);
		for (i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, v[i].rec); /* cannot fail: both are set */
	}
	*out = arr;
	arr = NULL;
out:
	free(v);
	sqlite3_reset(st);
	cJSON_Delete(arr);
	return rc;
}

/* The files that are not valid records, in the order a walk of the tree
 * meets them: counted (bad not NULL) or noted in the store. */
/* Why the file at path is no valid record, as the last error, in the
 * user's language: as kept (why: "LANG:text") when said in it, else found
 * again (a reader in another locale filled the row). */
static int bad_why(struct sync *y, const char *path, const char *why)
{
	const char *lang = samv_user_lang(), *colon = strchr(why, ':');
	size_t n = strlen(lang);
	cJSON *rec = NULL;
	int rc;

	samv_error_clear();
	if (!strncmp(why, lang, n) && why[n] == ':') {
		samv_error_set(SAMV_EINVAL, "%s", why + n + 1);
		return 0;
	}
	rc = samv_record_load_path(&rec, y->v, y->t, path);
	cJSON_Delete(rec);
	if (rc == 0)
		samv_error_set(SAMV_EINVAL, "%s", colon ? colon + 1 : why);
	return rc == 0 || rc == SAMV_EINVAL ? 0 : rc;
}

static int read_bad(struct sync *y, size_t *bad)
{
	sqlite3_stmt *st = st_reset(y, ST_BAD);
	int r, rc = 0;

	sqlite3_bind_text(st, 1, y->t->dir, -1, SQLITE_STATIC);
	if (bad)
		*bad = 0;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (bad) {
			++*bad;
			continue;
		}
		if ((rc = bad_why(y, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1))) < 0 ||
		    (rc = samv_store_skip(y->v->store, (const char *)sqlite3_column_text(st, 0))) < 0)
			goto out;
	}
	if (r != SQLITE_DONE) {
		y->sqlrc = sql_fail(y->c->db, r);
		rc = SAMV_EIO;
	}
out:
	sqlite3_reset(st);
	return rc;
}

/* What one use reads, once the cache is up to the tree: every record
 * (where NULL) or those a condition selects. */
struct query {
	int slim;  /* 1: slim records; 2: list rows (samv_cache_list) */
	bool list; /* a list's: in id order (its index), json or list rows */
	const char *where;
	const char *const *args;
	size_t *bad;
};

static int read_query(struct sync *y, const struct query *q, cJSON **out)
{
	sqlite3_stmt *st = NULL;
	char *sql = NULL, cols[128];
	size_t i;
	int rc;

	if (!q->where && !q->slim) {
		st = st_reset(y, ST_RECS);
		sqlite3_bind_text(st, 1, y->t->dir, -1, SQLITE_STATIC);
		rc = read_rows(y, st, false, false, out);
		return rc < 0 ? rc : read_bad(y, q->bad);
	}
	/* a list's rows name no column outside its index (recs_list) */
	if (q->slim == 2)
		list_cols(cols, y->t);
	if (asprintf(&sql, "SELECT %s FROM recs WHERE dir = ?1 AND %s AND (%s)%s",
		     q->slim == 2 ? cols : q->slim ? slim_cols : "json",
		     q->list ? "bad IS NULL" : "json IS NOT NULL", q->where ? q->where : "1",
		     q->list ? " ORDER BY id" : "") < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (sqlite3_prepare_v2(y->c->db, sql, -1, &st, NULL) != SQLITE_OK) {
		y->sqlrc = sql_fail(y->c->db, SQLITE_OK);
		rc = SAMV_EIO;
		goto out;
	}
	sqlite3_bind_text(st, 1, y->t->dir, -1, SQLITE_STATIC);
	for (i = 0; q->args && q->args[i]; i++)
		sqlite3_bind_text(st, (int)i + 2, q->args[i], -1, SQLITE_STATIC);
	if ((rc = read_rows(y, st, !q->list, q->slim, out)) == 0)
		rc = read_bad(y, NULL);
out:
	sqlite3_finalize(st);
	free(sql);
	return rc;
}

/* Bring the cache up to the view's tree and read from it, in one
 * transaction; a cache found broken is rebuilt once. */
static int serve(cJSON **out, struct samv_view *v, const struct samv_type *t, const struct query *q)
{
	struct samv_store *s = v->store;
	struct sync y = { NULL, v, t, CACHE_OK };
	int attempt, rc = 1;

	*out = NULL;
	/* a write's view, the work tree, an unborn branch: read directly */
	if (!s || v->root || v->stage || !v->tree)
		return 1;
	for (attempt = 0; attempt < 2; attempt++) {
		if (!(y.c = cache_get(s)))
			return 1;
		y.sqlrc = CACHE_OK;
		if ((y.sqlrc = exec(y.c->db, "BEGIN IMMEDIATE")) == CACHE_OK) {
			rc = sync_dir(&y);
			if (rc == 0)
				rc = read_query(&y, q, out);
			if (rc == 0 && (y.sqlrc = exec(y.c->db, "COMMIT")) != CACHE_OK)
				rc = SAMV_EIO;
			if (rc < 0)
				exec(y.c->db, "ROLLBACK");
		}
		if (y.sqlrc == CACHE_OK)
			return rc;
		/* SQLite failed, not git nor the records: read without it */
		cJSON_Delete(*out);
		*out = NULL;
		samv_error_clear();
		if (y.sqlrc != CACHE_BROKEN) {
			samv_cache_close(s);
			s->cache_state = -1;
			return 1;
		}
		{
			char *path = strdup(y.c->path);

			samv_cache_close(s);
			if (path) {
				remove_file(path);
				say_rebuilt(path, "is corrupt");
				free(path);
			}
		}
	}
	s->cache_state = -1;
	return 1;
}

/* ---- the other tables kept in the file (histindex.c) ----------------- */

sqlite3 *samv_cache_db(struct samv_store *s)
{
	struct samv_cache *c = cache_get(s);

	return c ? c->db : NULL;
}

bool samv_cache_failed(struct samv_store *s, int sqlite_code)
{
	char *path;

	if (!s->cache || sql_fail(NULL, sqlite_code) != CACHE_BROKEN) {
		samv_cache_close(s);
		s->cache_state = -1;
		return false;
	}
	path = strdup(s->cache->path);
	samv_cache_close(s);
	if (!path) {
		s->cache_state = -1;
		return false;
	}
	remove_file(path);
	say_rebuilt(path, "is corrupt");
	free(path);
	return true;
}

int samv_cache_load_all(cJSON **out, struct samv_view *v, const struct samv_type *t, size_t *bad)
{
	struct query q = { 0, false, NULL, NULL, bad };

	return serve(out, v, t, &q);
}

int samv_cache_select(cJSON **out, struct samv_view *v, const struct samv_type *t, bool slim, const char *where,
		      const char *const *args)
{
	struct query q = { slim, false, where, args, NULL };

	return serve(out, v, t, &q);
}

int samv_cache_list(cJSON **out, struct samv_view *v, const struct samv_type *t, bool rows, const char *where,
		    const char *const *args)
{
	struct query q = { rows ? 2 : 0, true, where ? where : "1", args, NULL };

	return serve(out, v, t, &q);
}
