/*
 * checkcache.h - samv-check's results kept in the query cache
 * (checkcache.c; docs/CACHE.md, "samv-check"); private to libcommon.
 */
#ifndef SAMV_CHECKCACHE_H
#define SAMV_CHECKCACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "samv.h"

struct samv_checkcache;

/*
 * The rows kept for the view v's files, valid while ctx (what a file's
 * own result depends on besides its text and path: the rules, the allow
 * list, the instruments) is the one they were written under.  *out is
 * NULL when there is no cache to use (SAMV_NO_CACHE=1, a read-only
 * .git/, a write's view): the check then reads every file.
 */
int samv_checkcache_open(struct samv_checkcache **out, struct samv_view *v, const char *ctx);
/* The blob id of path known without reading it: from the tree, or for a
 * work tree file from the stat data kept when it was last read (1);
 * 0 when it must be read. */
int samv_checkcache_known(struct samv_checkcache *cc, const char *path, git_oid *oid);
/* The file's blob id from its text. */
void samv_checkcache_hash(git_oid *oid, const char *text, size_t len);
/* What was kept of path at blob oid (1: *kept, klen bytes and a NUL
 * after them, and *kpath, path's copy, the cache's until close), or 0. */
int samv_checkcache_get(struct samv_checkcache *cc, const char *path, const git_oid *oid, const char **kpath,
			const char **kept, size_t *klen, bool *loadable, size_t *row);
/* Keep what check.c keeps of a file found without a problem of its own
 * (kept: klen bytes, opaque here); loadable: samv_record_load_all would
 * give it.  *row: its row's handle, or SIZE_MAX (not kept). */
int samv_checkcache_put(struct samv_checkcache *cc, const char *path, const git_oid *oid, const char *kept,
			size_t klen, bool loadable, size_t *row);
/* What the last check kept of path (before this one's put), or NULL. */
const char *samv_checkcache_kept_of(struct samv_checkcache *cc, const char *path, size_t *klen);

/*
 * What lets the rules across records skip what has not changed
 * (check.c, check_refs): whether a row's references named no record at
 * the last check; how many rows of the last check this one has not met
 * (with get or put); and the state the last check left (check.c's text,
 * NULL: none, or another check wrote since) and this one leaves.
 */
bool samv_checkcache_refs_bad(const struct samv_checkcache *cc, size_t row);
void samv_checkcache_set_refs_bad(struct samv_checkcache *cc, size_t row, bool bad);
size_t samv_checkcache_unseen(const struct samv_checkcache *cc);
const char *samv_checkcache_state(const struct samv_checkcache *cc);
int samv_checkcache_set_state(struct samv_checkcache *cc, const char *state);
/* Write what was put (a failure to write leaves the cache as it was) and
 * free. */
void samv_checkcache_close(struct samv_checkcache *cc);
/* Free without writing (the check failed). */
void samv_checkcache_discard(struct samv_checkcache *cc);

/* samv_check_history through the cache: the commits after the last one
 * verified (when it is in rev's history), and those found bad before. */
int samv_checkcache_history(struct samv_problems *pr, struct samv_store *s, const char *rev);

/* history.c: samv_check_history, each commit with a problem handed to
 * bad; and whether a commit changed agreement/ (1), as it judges. */
int samv_check_history_each(struct samv_problems *pr, struct samv_store *s, const char *rev,
			    int (*bad)(const git_oid *commit, void *arg), void *arg);
int samv_agreement_changed(git_commit *c);

#endif
