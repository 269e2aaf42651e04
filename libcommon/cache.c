/*
 * cache.c - the derived query cache: .git/samv/cache.sqlite.
 *
 * It holds, in a table per record type, for every record file the
 * readers have asked about, the record already parsed, validated and
 * checked for its place (as its text without white space), or why it is
 * not a valid record; and, for every directory of the record types, the
 * git tree id it was last brought up to.  Bringing it up to a tree reads
 * only the subtrees whose ids differ from those kept, and in them only
 * the blobs whose ids (or modes) differ: a reader after one write reads
 * one shard tree and one blob, not the collection.  A type read for the
 * first time is filled in one transaction, its indexes made at the end.
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
	/* a directory of a record type (dir), or one below it: the tree id
	 * the rows of the type's table under it were read from */
	"CREATE TABLE trees(dir TEXT NOT NULL, path TEXT NOT NULL, parent TEXT NOT NULL, oid BLOB NOT NULL,"
	" PRIMARY KEY (dir, path)) WITHOUT ROWID;"
	"CREATE INDEX trees_parent ON trees(dir, parent);";

/* The table of the records of one type, "recs:DIR", made when the type is
 * first read (%s: its quoted name).  A *.json file there: its blob id and
 * mode, and the record (json) or why it is none (bad: "LANG:why", in the
 * language it was said in, bad_why). */
static const char table_sql[] =
	"CREATE TABLE %s(path TEXT NOT NULL, parent TEXT NOT NULL, id TEXT NOT NULL,"
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
	" k_att TEXT,"
	/* a directory's files in one range: the files of a shard are
	 * compared with its tree's (drop_gone) */
	" PRIMARY KEY (parent, path))";

/* Its indexes on the fields readers select on, each made when the type
 * has the field (a column always NULL would be indexed for nothing), and
 * once the table is filled (a sort of the rows costs less than keeping
 * each index in order row by row): %1$s the table's quoted name, %2$s
 * its name for the index names. */
static const struct {
	const char *field, *sql;
} index_sql[] = {
	{ "date", "CREATE INDEX \"%2$s:date\" ON %1$s(k_date) WHERE k_date IS NOT NULL" },
	{ "status", "CREATE INDEX \"%2$s:status\" ON %1$s(k_status, k_ndist, k_date)" },
	{ "due", "CREATE INDEX \"%2$s:due\" ON %1$s(k_status, k_due) WHERE k_due IS NOT NULL" },
	{ "done", "CREATE INDEX \"%2$s:done\" ON %1$s(k_status, k_done) WHERE k_done IS NOT NULL" },
	{ "review", "CREATE INDEX \"%2$s:review\" ON %1$s(k_status, k_review) WHERE k_review IS NOT NULL" },
	{ "meeting", "CREATE INDEX \"%2$s:meeting\" ON %1$s(k_meeting) WHERE k_meeting IS NOT NULL" },
};

/* Statements on the trees (?1 the type's directory). */
enum {
	ST_TREE_GET,
	ST_TREE_PUT,
	ST_TREE_KIDS,
	ST_TREE_DEL,
	ST_TREE_DIR,
	ST_TABLE,
	ST_N
};

static const char *const stmt_sql[ST_N] = {
	[ST_TREE_GET] = "SELECT oid FROM trees WHERE dir = ?1 AND path = ?2",
	[ST_TREE_PUT] = "INSERT OR REPLACE INTO trees(dir, path, parent, oid) VALUES (?1, ?2, ?3, ?4)",
	[ST_TREE_KIDS] = "SELECT path FROM trees WHERE dir = ?1 AND parent = ?2",
	/* the tree and everything below it ('0' follows '/') */
	[ST_TREE_DEL] = "DELETE FROM trees WHERE dir = ?1 AND (path = ?2 OR (path > ?2 || '/' AND path < ?2 || '0'))",
	[ST_TREE_DIR] = "DELETE FROM trees WHERE dir = ?1",
	[ST_TABLE] = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
};

/* Statements on a type's table (%s: its quoted name). */
enum {
	TS_REC_GET,
	TS_REC_PUT,
	TS_REC_KIDS,
	TS_REC_DEL,
	TS_RECS,
	TS_BAD,
	TS_N
};

/* ST_REC_PUT's parameters: ?1 path, ?2 parent, ?3 id, ?4 oid, ?5 mode,
 * ?6 json, ?7 bad, then the k_ columns of slim_keys after id, k_ndist,
 * the list columns, and k_att */
#define P_SLIM 7
#define P_NDIST (P_SLIM + NSLIM)
#define P_LIST (P_NDIST + 1)
#define P_ATT (P_LIST + SAMV_LISTCOLS) /* k_att */

static const char *const tstmt_sql[TS_N] = {
	[TS_REC_GET] = "SELECT oid, mode FROM %s WHERE parent = ?2 AND path = ?1",
	[TS_REC_PUT] = ("INSERT OR REPLACE INTO %s(path, parent, id, oid, mode, json, bad, k_date, k_status,"
			" k_due, k_done, k_review, k_meeting, k_arena, k_title, k_name, k_sector, k_ndist,"
			" k_f1, k_f2, k_f3, k_f4, k_f5, k_f6, k_f7, k_f8, k_f9, k_f10, k_f11, k_f12, k_att)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
			" ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)"),
	[TS_REC_KIDS] = "SELECT path FROM %s WHERE parent = ?1",
	/* the file ?1 in directory ?2, or the files in directory ?1 and
	 * below it ('0' follows '/') */
	[TS_REC_DEL] = ("DELETE FROM %s WHERE (parent = ?2 AND path = ?1) OR parent = ?1"
			" OR (parent > ?1 || '/' AND parent < ?1 || '0')"),
	/* a row holds json or bad, never both: the list index serves */
	[TS_RECS] = "SELECT json FROM %s WHERE bad IS NULL ORDER BY id",
	/* every read asks for the files that are not records: few or none,
	 * at the end of the list index (bad is text when not NULL; IS NOT
	 * NULL would not be read as a range of it) */
	[TS_BAD] = "SELECT path, bad FROM %s WHERE bad >= '' ORDER BY path",
};

/* What the cache keeps of one record type while open: its table's
 * statements, and where each field of a record goes in a row. */
struct tab {
	const struct samv_type *t;
	char *name;   /* "recs:DIR" */
	char *quoted; /* "\"recs:DIR\"", for SQL */
	sqlite3_stmt *st[TS_N];
	/* per field of t: its column among slim_keys (0: none), its list
	 * column (-1: none) */
	signed char *slim, *list;
	int ndist; /* the field "distributed", or -1 */
};

struct samv_cache {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[ST_N];
	struct tab *tabs;
	size_t ntabs;
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

static void tab_free(struct tab *b)
{
	size_t i;

	for (i = 0; i < TS_N; i++)
		sqlite3_finalize(b->st[i]);
	free(b->name);
	sqlite3_free(b->quoted);
	free(b->slim);
	free(b->list);
}

static void cache_free(struct samv_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->ntabs; i++)
		tab_free(&c->tabs[i]);
	free(c->tabs);
	for (i = 0; i < ST_N; i++)
		sqlite3_finalize(c->st[i]);
	sqlite3_close(c->db);
	free(c->path);
	free(c);
}

/* The types' tables known to the connection forgotten (a rollback may
 * have taken one away): found again on their next use. */
static void tabs_forget(struct samv_cache *c)
{
	size_t i;

	for (i = 0; i < c->ntabs; i++)
		tab_free(&c->tabs[i]);
	c->ntabs = 0;
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
	/* a cache: after a crash of the machine it may be lost, and rebuilt;
	 * read through a mapping, not a pread(2) a page (docs/CACHE.md) */
	if ((rc = exec(c->db, "PRAGMA synchronous=OFF")) != CACHE_OK ||
	    (rc = exec(c->db, "PRAGMA mmap_size=1073741824")) != CACHE_OK)
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

/* Every type's table dropped, in the caller's transaction. */
static int drop_tables(sqlite3 *db)
{
	sqlite3_str *sql = sqlite3_str_new(db);
	sqlite3_stmt *st = NULL;
	char *text = NULL;
	int r, rc = CACHE_OK;

	if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'recs:%'", -1,
			       &st, NULL) != SQLITE_OK) {
		rc = sql_fail(db, SQLITE_OK);
		goto out;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		sqlite3_str_appendf(sql, "DROP TABLE \"%w\";", (const char *)sqlite3_column_text(st, 0));
	if (r != SQLITE_DONE)
		rc = sql_fail(db, r);
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_str_errcode(sql) != SQLITE_OK) {
		rc = CACHE_UNUSABLE;
		goto out;
	}
	if (rc == CACHE_OK && sqlite3_str_length(sql))
		rc = exec(db, sqlite3_str_value(sql));
out:
	text = sqlite3_str_finish(sql);
	sqlite3_free(text);
	return rc;
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
	if ((rc = exec(c->db, "BEGIN IMMEDIATE; DELETE FROM trees;")) == CACHE_OK && (rc = drop_tables(c->db)) == CACHE_OK &&
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

/* ---- a type's table ------------------------------------------------- */

/* The type's table in c, its statements prepared when the table is there
 * (exists), else NULL with *missing set; NULL too on a failure (*rc). */
static struct tab *tab_get(struct samv_cache *c, const struct samv_type *t, bool *missing, int *rc)
{
	struct tab *b = NULL;
	sqlite3_stmt *st = c->st[ST_TABLE];
	char *sql = NULL;
	size_t i;
	int r, k;

	*missing = false;
	*rc = CACHE_OK;
	for (i = 0; i < c->ntabs; i++)
		if (c->tabs[i].t == t)
			return &c->tabs[i];
	/* named after the type's directory: not made until it has rows */
	if (!(sql = sqlite3_mprintf("recs:%s", t->dir)))
		goto oom;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, sql, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE) {
		*rc = sql_fail(c->db, r);
		goto out;
	}
	if (r == SQLITE_DONE) {
		*missing = true;
		goto out;
	}
	{
		struct tab *nv = realloc(c->tabs, (c->ntabs + 1) * sizeof(*nv));

		if (!nv)
			goto oom;
		c->tabs = nv;
	}
	b = &c->tabs[c->ntabs];
	memset(b, 0, sizeof(*b));
	b->t = t;
	b->ndist = -1;
	if (!(b->name = strdup(sql)) || !(b->quoted = sqlite3_mprintf("\"%w\"", sql)) ||
	    !(b->slim = calloc(t->nfields + 1, 1)) || !(b->list = malloc(t->nfields + 1))) {
		tab_free(b);
		goto oom;
	}
	c->ntabs++;
	for (i = 0; i < t->nfields; i++) {
		const char *name = t->fields[i].name;

		b->list[i] = -1;
		for (k = 1; k < NSLIM; k++)
			if (!strcmp(slim_keys[k], name))
				b->slim[i] = (signed char)k;
		for (k = 0; k < SAMV_LISTCOLS && samv_listcol_field(t, k); k++)
			if (samv_listcol_field(t, k) == &t->fields[i])
				b->list[i] = (signed char)k;
		if (!strcmp(name, "distributed"))
			b->ndist = (int)i;
	}
	for (k = 0; k < TS_N; k++) {
		char *q = sqlite3_mprintf(tstmt_sql[k], b->quoted);

		if (!q)
			goto oom;
		r = sqlite3_prepare_v3(c->db, q, -1, SQLITE_PREPARE_PERSISTENT, &b->st[k], NULL);
		sqlite3_free(q);
		if (r != SQLITE_OK) {
			*rc = sql_fail(c->db, SQLITE_OK);
			b = NULL;
			goto out;
		}
	}
	goto out;
oom:
	b = NULL;
	*rc = CACHE_UNUSABLE;
	samv_error_set(SAMV_ERROR, "out of memory");
out:
	sqlite3_free(sql);
	return b;
}

/* Make the type's table, without its indexes (made by index_tab once it
 * is filled). */
static int make_tab(struct samv_cache *c, const struct samv_type *t)
{
	char *name = sqlite3_mprintf("\"recs:%w\"", t->dir), *sql = name ? sqlite3_mprintf(table_sql, name) : NULL;
	int rc = sql ? exec(c->db, sql) : CACHE_UNUSABLE;

	sqlite3_free(sql);
	sqlite3_free(name);
	return rc;
}

static int index_tab(struct samv_cache *c, const struct tab *b)
{
	char cols[128], *sql = NULL;
	size_t i;
	int rc = CACHE_OK;

	/* a list reads this index alone, the records (bad IS NULL: a row
	 * has json or bad, never both) in id order (samv_cache_list); only
	 * the list columns the type has */
	list_cols(cols, b->t);
	if (asprintf(&sql, "CREATE INDEX \"%s:list\" ON %s(bad, %s)", b->name, b->quoted, cols) < 0)
		return CACHE_UNUSABLE;
	rc = exec(c->db, sql);
	free(sql);
	for (i = 0; rc == CACHE_OK && i < sizeof(index_sql) / sizeof(index_sql[0]); i++) {
		if (!samv_field_find(b->t, index_sql[i].field))
			continue;
		if (asprintf(&sql, index_sql[i].sql, b->quoted, b->name) < 0)
			return CACHE_UNUSABLE;
		rc = exec(c->db, sql);
		free(sql);
	}
	return rc;
}

/* ---- bringing the cache up to a tree --------------------------------- */

struct sync {
	struct samv_cache *c;
	struct samv_view *v;
	const struct samv_type *t;
	struct tab *b;
	struct samv_buf text; /* a file's, read by sync_file */
	bool fill;  /* the table is new: no row to compare with */
	int sqlrc;  /* CACHE_* of a SQLite failure */
};

static sqlite3_stmt *st_reset(sqlite3_stmt *st)
{
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

/* Statement recst of the type's files (rec: ?1 path, ?2 parent) or
 * treest of its trees (?1 the type's directory, ?2 path), reset and
 * bound to the place of path. */
static sqlite3_stmt *place(struct sync *y, bool rec, int recst, int treest, const char *parent, const char *path)
{
	sqlite3_stmt *st;

	if (rec) {
		st = st_reset(y->b->st[recst]);
		sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, parent, -1, SQLITE_STATIC);
	} else {
		st = st_reset(y->c->st[treest]);
		sqlite3_bind_text(st, 1, y->t->dir, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	}
	return st;
}

/* Whether the row of path (a tree's, or a file's in directory parent
 * when rec) has this oid (and mode). */
static int same_oid(struct sync *y, bool rec, const char *parent, const char *path, const git_oid *oid, int mode)
{
	sqlite3_stmt *st;
	int r, same = 0;

	if (y->fill)
		return 0;
	st = place(y, rec, TS_REC_GET, ST_TREE_GET, parent, path);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		same = sqlite3_column_bytes(st, 0) == GIT_OID_RAWSZ &&
		       !memcmp(sqlite3_column_blob(st, 0), oid->id, GIT_OID_RAWSZ) &&
		       (!rec || sqlite3_column_int(st, 1) == mode);
	sqlite3_reset(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE) {
		y->sqlrc = sql_fail(y->c->db, r);
		return SAMV_EIO;
	}
	return same;
}

/* The rows of path (in directory parent) and all below it: of the type's
 * files (rec) or of its trees. */
static int del(struct sync *y, bool rec, const char *parent, const char *path)
{
	return st_done(y, place(y, rec, TS_REC_DEL, ST_TREE_DEL, parent, path));
}

/* Rows of the children of dir (of the type's files when rec, else of its
 * trees) that the tree no longer has as such (a file, or a tree):
 * removed. */
static int drop_gone(struct sync *y, bool rec, const char *dir, const git_tree *tree)
{
	sqlite3_stmt *st;
	char **gone = NULL;
	size_t n = 0, cap = 0, i, skip = strlen(dir) + 1;
	int r, rc = 0;

	if (y->fill)
		return 0;
	if (rec) {
		st = st_reset(y->b->st[TS_REC_KIDS]);
		sqlite3_bind_text(st, 1, dir, -1, SQLITE_STATIC);
	} else {
		st = st_reset(y->c->st[ST_TREE_KIDS]);
		sqlite3_bind_text(st, 1, y->t->dir, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, dir, -1, SQLITE_STATIC);
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *p = (const char *)sqlite3_column_text(st, 0);
		const git_tree_entry *e = strlen(p) > skip ? git_tree_entry_byname(tree, p + skip) : NULL;
		bool is_tree = e && git_tree_entry_type(e) == GIT_OBJECT_TREE;

		if (e && is_tree == !rec)
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
		rc = del(y, true, dir, gone[i]);
		if (rc == 0 && !rec)
			rc = del(y, false, dir, gone[i]);
	}
out:
	sqlite3_reset(st);
	for (i = 0; i < n; i++)
		free(gone[i]);
	free(gone);
	return rc;
}

/* The columns of a valid record taken out of it: each member's field,
 * found in the type's order (a record is written in it, so mostly the
 * next one), gives its column.  As samv_record_str (slim: a string not
 * empty), the list columns (a string as it is, a yes/no as 1 or 0) and
 * cJSON_GetArraySize ("distributed") read them; a valid record has no
 * member twice nor one that is no field. */
static void bind_cols(struct sync *y, sqlite3_stmt *st, const cJSON *rec)
{
	const struct samv_type *t = y->t;
	const struct tab *b = y->b;
	const cJSON *v;
	size_t at = 0, k, i;

	for (v = rec->child; v; v = v->next) {
		if (!v->string)
			continue;
		for (k = 0; k < t->nfields; k++) {
			i = (at + k) % t->nfields;
			if (!strcmp(t->fields[i].name, v->string))
				break;
		}
		if (k == t->nfields)
			continue;
		at = i + 1;
		if (b->slim[i] && cJSON_IsString(v) && v->valuestring[0])
			sqlite3_bind_text(st, P_SLIM + b->slim[i], v->valuestring, -1, SQLITE_STATIC);
		if (b->list[i] >= 0) {
			if (cJSON_IsString(v))
				sqlite3_bind_text(st, P_LIST + b->list[i], v->valuestring, -1, SQLITE_STATIC);
			else if (cJSON_IsBool(v))
				sqlite3_bind_int(st, P_LIST + b->list[i], cJSON_IsTrue(v));
		}
		if ((int)i == b->ndist)
			sqlite3_bind_int(st, P_NDIST, cJSON_GetArraySize(v));
	}
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
	int mode = (int)git_tree_entry_filemode(e), rc;
	sqlite3_stmt *st;
	cJSON *rec = NULL;
	char *json = NULL, *why = NULL;
	struct samv_buf att = SAMV_BUF_INIT;
	size_t len = 0;
	/* before the load: its first call clears the last error */
	const char *bad = NULL, *lang = samv_user_lang();

	if (!samv_path_id(path, id))
		return 0; /* not a record file: readers pass it by */
	if ((rc = same_oid(y, true, parent, path, git_tree_entry_id(e), mode)) != 0)
		return rc < 0 ? rc : 0;
	rc = samv_record_load_text(&rec, &y->text, y->v, y->t, path);
	if (rc == SAMV_EINVAL) {
		bad = samv_error_last();
	} else if (rc < 0) {
		return rc;
	} else {
		/* the record's own text without its white space: read back,
		 * it is the record the file gives */
		json = y->text.ptr;
		len = samv_json_minify(json, y->text.len);
	}
	st = st_reset(y->b->st[TS_REC_PUT]);
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, parent, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, git_tree_entry_id(e)->id, GIT_OID_RAWSZ, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, mode);
	if (json)
		sqlite3_bind_text(st, 6, json, (int)len, SQLITE_STATIC);
	/* why, in the language it was said in: "sv:..." (read_bad) */
	if (bad && asprintf(&why, "%s:%s", lang, bad) < 0) {
		why = NULL;
		cJSON_Delete(rec);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	if (why)
		sqlite3_bind_text(st, 7, why, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, P_NDIST, 0);
	if (json)
		bind_cols(y, st, rec);
	if (json && (rc = bind_att(st, P_ATT, rec, &att)) < 0) {
		cJSON_Delete(rec);
		free(why);
		return rc;
	}
	rc = st_done(y, st);
	sqlite3_clear_bindings(st);
	samv_buf_free(&att);
	cJSON_Delete(rec);
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

	if ((rc = same_oid(y, false, parent, path, oid, 0)) != 0)
		return rc < 0 ? rc : 0;
	if (git_tree_lookup(&tree, y->v->repo, oid) < 0)
		return samv_error_git(SAMV_EIO, path);
	if ((rc = drop_gone(y, false, path, tree)) < 0 || (rc = drop_gone(y, true, path, tree)) < 0)
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
	st = st_reset(y->c->st[ST_TREE_PUT]);
	sqlite3_bind_text(st, 1, y->t->dir, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, parent, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, oid->id, GIT_OID_RAWSZ, SQLITE_STATIC);
	rc = st_done(y, st);
out:
	free(sub);
	git_tree_free(tree);
	return rc;
}

/* The type's directory brought up to the view's tree (its table made and
 * filled when it has none yet); *none when it has neither a table nor a
 * directory, and so no records. */
static int sync_dir(struct sync *y, bool *none)
{
	git_tree_entry *e = NULL;
	bool missing;
	int rc = 0, sqlrc;

	*none = false;
	y->fill = false;
	/* no directory (or a file in its place): readers find no records */
	if (git_tree_entry_bypath(&e, y->v->tree, y->t->dir) < 0 || git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		git_tree_entry_free(e);
		e = NULL;
	}
	if (!(y->b = tab_get(y->c, y->t, &missing, &sqlrc)) && !missing) {
		y->sqlrc = sqlrc;
		rc = sqlrc == CACHE_OK ? SAMV_ERROR : SAMV_EIO;
		goto out;
	}
	if (missing && !e) {
		*none = true;
		goto out;
	}
	if (missing) {
		/* filled from nothing: no row to compare with, and the
		 * indexes made at the end */
		sqlite3_stmt *st = st_reset(y->c->st[ST_TREE_DIR]);

		sqlite3_bind_text(st, 1, y->t->dir, -1, SQLITE_STATIC);
		if ((rc = st_done(y, st)) < 0)
			goto out;
		if ((y->sqlrc = make_tab(y->c, y->t)) != CACHE_OK ||
		    !(y->b = tab_get(y->c, y->t, &missing, &y->sqlrc))) {
			rc = y->sqlrc == CACHE_OK ? SAMV_ERROR : SAMV_EIO;
			goto out;
		}
		y->fill = true;
	}
	if (!e) {
		if ((rc = del(y, true, "", y->t->dir)) == 0)
			rc = del(y, false, "", y->t->dir);
	} else {
		/* the objects read are not hashed again to check their ids,
		 * as git, samv-log and samv-check read them: that was a
		 * seventh of a fill */
		bool strict = samv_git_strict_on();

		if (strict)
			samv_git_strict(false);
		rc = sync_tree(y, "", y->t->dir, git_tree_entry_id(e));
		if (strict)
			samv_git_strict(true);
	}
	if (rc == 0 && y->fill && (y->sqlrc = index_tab(y->c, y->b)) != CACHE_OK)
		rc = SAMV_EIO;
out:
	y->fill = false;
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
	if (!rec || (size && !(block = base = cJSON_malloc(size))))
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
	cJSON_free(block); /* cJSON_malloc'd: a string item frees it */
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
	if (!rec || !len[0] || !(block = cJSON_malloc(size)))
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
	cJSON_free(block); /* cJSON_malloc'd: a string item frees it */
	cJSON_Delete(it);
	cJSON_Delete(rec);
	return NULL;
}

/* The records of the rows statement st gives (its first column, the json),
 * in its order, or sorted by id (sort): a query that selects by another
 * column's index leaves the order to us, the sort being cheaper than the
 * walk of every row that an ORDER BY id makes SQLite choose.  slim: 1, a
 * slim record; 2, a list row of the type of y. */
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
	sqlite3_stmt *st = st_reset(y->b->st[TS_BAD]);
	int r, rc = 0;

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
		st = st_reset(y->b->st[TS_RECS]);
		rc = read_rows(y, st, false, false, out);
		return rc < 0 ? rc : read_bad(y, q->bad);
	}
	/* a list's rows name no column outside its index (recs:DIR:list) */
	if (q->slim == 2)
		list_cols(cols, y->t);
	/* ?1 unused: the caller's parameters are ?2, ... */
	if (asprintf(&sql, "SELECT %s FROM %s WHERE %s AND (%s)%s", q->slim == 2 ? cols : q->slim ? slim_cols : "json",
		     y->b->quoted,
		     q->list ? "bad IS NULL" : "json IS NOT NULL", q->where ? q->where : "1",
		     q->list ? " ORDER BY id" : "") < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (sqlite3_prepare_v2(y->c->db, sql, -1, &st, NULL) != SQLITE_OK) {
		y->sqlrc = sql_fail(y->c->db, SQLITE_OK);
		rc = SAMV_EIO;
		goto out;
	}
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
	struct sync y = { NULL, v, t, NULL, SAMV_BUF_INIT, false, CACHE_OK };
	int attempt, rc = 1;
	bool none;

	*out = NULL;
	/* a write's view, the work tree, an unborn branch: read directly */
	if (!s || v->root || v->stage || !v->tree)
		return 1;
	for (attempt = 0; attempt < 2; attempt++) {
		if (!(y.c = cache_get(s)))
			goto out;
		y.sqlrc = CACHE_OK;
		if ((y.sqlrc = exec(y.c->db, "BEGIN IMMEDIATE")) == CACHE_OK) {
			rc = sync_dir(&y, &none);
			if (rc == 0 && none) {
				/* neither records nor a table for them */
				if (!(*out = cJSON_CreateArray()))
					rc = samv_error_set(SAMV_ERROR, "out of memory");
				else if (q->bad)
					*q->bad = 0;
			} else if (rc == 0) {
				rc = read_query(&y, q, out);
			}
			if (rc == 0 && (y.sqlrc = exec(y.c->db, "COMMIT")) != CACHE_OK)
				rc = SAMV_EIO;
			if (rc < 0) {
				exec(y.c->db, "ROLLBACK");
				/* a table made in it is gone again */
				tabs_forget(y.c);
			}
		}
		if (y.sqlrc == CACHE_OK)
			goto out;
		/* SQLite failed, not git nor the records: read without it */
		rc = 1;
		cJSON_Delete(*out);
		*out = NULL;
		samv_error_clear();
		if (y.sqlrc != CACHE_BROKEN) {
			samv_cache_close(s);
			s->cache_state = -1;
			goto out;
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
out:
	samv_buf_free(&y.text);
	return rc;
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
