/* cache.h - the derived query cache under .git/samv/ (not installed). */
#ifndef SAMV_CACHE_H
#define SAMV_CACHE_H

#include "samv.h"

struct samv_store;
struct samv_view;

/* The cache file, relative to git's common directory. */
#define SAMV_CACHE_FILE "samv/cache.sqlite"

/*
 * Every record file of type t in the view's tree, through the cache:
 * first the cache is brought up to the view's tree (only the subtrees
 * and blobs whose ids changed are read), then, in the same SQLite
 * transaction, the valid records are handed out in id order and the
 * files that are not valid records are counted (bad not NULL) or noted
 * in the store as samv_record_load_all does.
 *
 * Returns 1 when the cache cannot serve the view (SAMV_NO_CACHE=1, a
 * write's or the work tree's view, an unwritable git directory, a cache
 * found broken this time): the caller reads the tree itself.
 */
int samv_cache_load_all(cJSON **out, struct samv_view *v, const struct samv_type *t, size_t *bad);

/* The cache's SQLite connection, opened (or made) on first use, for the
 * tables other files keep in it (histindex.c); NULL when readers go
 * without the cache (as for samv_cache_load_all returning 1). */
struct sqlite3 *samv_cache_db(struct samv_store *s);
/* A SQLite call on that connection failed with sqlite_code: true when
 * the file was corrupt, and has been removed (one line on stderr) to be
 * made again by the next samv_cache_db; false when the store is to go
 * without the cache from now on. */
bool samv_cache_failed(struct samv_store *s, int sqlite_code);

/*
 * The valid records of type t in the view's tree for which the SQL
 * condition where holds (every one when NULL), in id order, through the
 * cache brought up to the tree as above (files that are not valid records
 * are noted in the store).  where may use the columns id, k_date,
 * k_status, k_due, k_done, k_review, k_meeting, k_arena, k_title, k_name,
 * k_sector (the record's field of that name as samv_record_str reads it:
 * NULL when absent, empty or not a string) and k_ndist (the items of
 * "distributed" as cJSON_GetArraySize counts them), and the parameters ?2, ?3, ... bound to args (NULL-terminated,
 * text).  Callers filter the records they get again with their own rule:
 * where need only select a superset of them.
 *
 * slim: each record holds only those fields (id and the k_ ones without
 * "k_") that are strings, and "att": the "actor" of each item of
 * "attended" that has one, one a line (a meeting's attending
 * organisations); built from the columns, no JSON is parsed.  For
 * readers that look at nothing else of many records.
 *
 * Returns 1, as samv_cache_load_all, when the cache cannot serve.
 */
int samv_cache_select(cJSON **out, struct samv_view *v, const struct samv_type *t, bool slim, const char *where,
		      const char *const *args);


/* samv_cache_select on the view that holds t's records (people may be on
 * their own ref): 1 when the cache cannot serve, and the caller reads
 * every record (samv_record_load_all) and filters them itself. */
int samv_record_select(cJSON **out, struct samv_view *v, const struct samv_type *t, bool slim, const char *where,
		       const char *const *args);

/*
 * The valid records of type t for which where holds (as for
 * samv_cache_select; it may also use the list columns k_f1 ... k_f12,
 * listcols.h), in id order, read in that order from the cache's list
 * index.  rows: each record holds only its id and the fields its list
 * columns hold (strings, and yes/no as booleans), built from the columns
 * alone; else the whole record.  For lists: only the records listed are
 * read.  Returns 1, as samv_cache_load_all, when the cache cannot serve.
 */
int samv_cache_list(cJSON **out, struct samv_view *v, const struct samv_type *t, bool rows, const char *where,
		    const char *const *args);

/* samv_cache_list on the view that holds t's records, as
 * samv_record_select: 1 when the cache cannot serve. */
int samv_record_list(cJSON **out, struct samv_view *v, const struct samv_type *t, bool rows, const char *where,
		     const char *const *args);

/* The samv version and a digest of the record types' rules, which a
 * cached validation depends on (checkcache.c keys its rows on it too). */
void samv_cache_rules(char out[64]);

/* Close the store's cache, if it opened one. */
void samv_cache_close(struct samv_store *s);

#endif
