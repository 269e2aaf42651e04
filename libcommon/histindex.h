/* histindex.h - the record path -> commits index in the query cache
 * (histindex.c; docs/CACHE.md).  Not installed. */
#ifndef SAMV_HISTINDEX_H
#define SAMV_HISTINDEX_H

#include "samv.h"

struct samv_store;

/* The commits an index query found. */
struct samv_histlist {
	git_oid *v;
	size_t n;
	/* 1: v is the answer, in the order of the unsorted walk from the
	 * revision (git_revwalk, GIT_SORT_NONE); 0: v (sorted by id) is a
	 * superset to filter that walk with (samv_histlist_has) */
	bool ordered;
};

/*
 * The commits in the history of rev (NULL: HEAD), without hide's (may
 * be NULL), that may have changed one of paths (n > 0 of them; files or
 * directories): those whose tree entry at a path, or at a file on the
 * way to it, differs from every parent's (a root commit: exists).  That
 * holds every commit samv_treediff reports a file under the paths for,
 * and is exactly the commits whose tree entry at a path changed so.
 * The index is first brought up to HEAD (only commits it does not hold
 * are read); made from nothing only when build (reading every commit's
 * changed trees costs several walks: worth it for samv-log, not for a
 * walk that looks at one top directory).
 *
 * Returns 1 when the index cannot answer (SAMV_NO_CACHE=1, no usable
 * cache, none yet and !build, an unborn branch, rev outside HEAD's
 * history): walk as before.
 */
int samv_histindex_commits(struct samv_histlist *l, struct samv_store *s, const char *rev, const char *hide,
			   const char *const *paths, size_t n, bool build);
bool samv_histlist_has(const struct samv_histlist *l, const git_oid *id);
void samv_histlist_free(struct samv_histlist *l);

/*
 * A walk of the history from rev without hide's, newest first as
 * samv_log_walk_start's unsorted walk, that meets only the commits
 * samv_histindex_commits found for paths when the index can answer
 * (n == 0: every commit, by git_revwalk).  After start, hw is empty
 * (next: GIT_ITEROVER) on an unborn branch; next returns 0,
 * GIT_ITEROVER, or a libgit2 error.
 */
struct samv_datewalk;
struct samv_histwalk {
	git_revwalk *w;
	struct samv_datewalk *dw; /* without hide: read as the caller goes */
	struct samv_histlist l;
	size_t i;
	bool use; /* l answers: in order, or as a filter of w */
};
int samv_histwalk_start(struct samv_histwalk *hw, struct samv_store *s, const char *rev, const char *hide,
			const char *const *paths, size_t n, bool build);
int samv_histwalk_next(git_oid *out, struct samv_histwalk *hw);
void samv_histwalk_free(struct samv_histwalk *hw);

/* Call fn for every file (leaf true) and directory (leaf false) entry
 * of commit c that differs from every parent's, as samv_treediff sees
 * them with no paths; a directory before what is below it. */
typedef int (*samv_treenode_fn)(const char *path, bool leaf, void *arg);
int samv_treediff_nodes(git_repository *repo, struct samv_treememo *memo, git_commit *c, samv_treenode_fn fn,
			void *arg);

#endif
