/* store.h - libcommon's private view of the store (not installed). */
#ifndef SAMV_STORE_H
#define SAMV_STORE_H

#include "samv.h"
#include "idset.h"

struct samv_store {
	git_repository *repo;
	const char *workdir; /* ends in '/' */
	/* files readers left out (not valid records), each once, with why */
	struct samv_problems skipped;
	struct samv_idset skipped_paths;
};

struct samv_staged {
	char *path;
	char *text; /* NULL: removed */
	size_t len;
	unsigned mode; /* git file mode; 0: a plain file */
};

struct samv_stage {
	struct samv_staged *v;
	size_t n, cap;
};

struct samv_view {
	git_repository *repo;
	git_tree *tree;            /* NULL: unborn branch (or work tree) */
	char *root;                /* set for the work tree, ends in '/' */
	const struct samv_stage *stage; /* a write's own changes, seen first */
	/* the store of a reader's view (samv_view_rev, _worktree): a file
	 * that is not a valid record is skipped and noted there.  NULL for a
	 * write's or the history's views, where it fails the load. */
	struct samv_store *store;
	/* the directory looked up last: a tree too large for libgit2's cache
	 * (100 000 entries) would otherwise be read again for every file */
	char *memo_dir;
	git_tree *memo_tree;
};

int samv_view_tree(struct samv_view **out, git_repository *repo, git_tree *tree);
/* What is at path: samv reads only regular files (samv-check names the
 * rest). */
enum samv_file_kind { SAMV_FILE_NONE, SAMV_FILE_REGULAR, SAMV_FILE_LINK, SAMV_FILE_OTHER };
enum samv_file_kind samv_view_kind(struct samv_view *v, const char *path);
int samv_record_parse(cJSON **out, const struct samv_buf *text, const char *path);
const char *samv_path_id(const char *path, char out[SAMV_ID_MAX + 1]);

#endif
