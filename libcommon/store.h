/* store.h - libcommon's private view of the store (not installed). */
#ifndef SAMV_STORE_H
#define SAMV_STORE_H

#include <sys/stat.h>

#include "samv.h"
#include "idset.h"

struct samv_dirlist;

struct samv_store {
	git_repository *repo;
	const char *workdir; /* ends in '/' */
	/* files readers left out (not valid records), each once, with why */
	struct samv_problems skipped;
	struct samv_idset skipped_paths;
	/* the query cache (cache.c), opened when a reader first wants it */
	struct samv_cache *cache;
	int cache_state; /* 0: not tried yet, 1: open, -1: not used */
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
	/* people/ read from the people ref (people.c) when the main tree
	 * does not keep them: looked up once, or pinned by a write */
	struct samv_view *people;
	bool people_known, is_people;
	/* applied to every record samv_record_load(_all) gives (a public
	 * copy: samv_public_attach); NULL: records as they are */
	int (*filter)(void *arg, const struct samv_type *t, cJSON *rec);
	void *filter_arg;
	/* the file a work tree walk is handing to its callback, and what its
	 * lstat said (samv_view_walked), and the directory it is in, open
	 * (-1 between files); NULL between files.  walked_lazy: not stat'd
	 * yet, a regular file by its directory entry's type: the stat is
	 * taken when asked for, or by the read that opens it (fstat) */
	const char *walked_path;
	struct stat walked_st;
	int walked_dfd;
	bool walked_lazy;
	/* the directories' listings a walk of the work tree may use instead
	 * of reading them (samv-check's, dirlist.c), or NULL */
	struct samv_dirlist *dirs;
};

int samv_view_tree(struct samv_view **out, git_repository *repo, git_tree *tree);
/* Read people/ of v from tree (a people ref's, taken over; NULL: from v
 * itself), instead of looking the ref up (store.c). */
int samv_view_set_people(struct samv_view *v, git_tree *tree);
/* What is at path: samv reads only regular files (samv-check names the
 * rest). */
enum samv_file_kind { SAMV_FILE_NONE, SAMV_FILE_REGULAR, SAMV_FILE_LINK, SAMV_FILE_OTHER };
enum samv_file_kind samv_view_kind(struct samv_view *v, const char *path);
/* The blob id of the regular file at path when the view reads it from a
 * tree (1), without reading it; 0 for the work tree, a write's own change
 * or what is not a regular file there. */
int samv_view_blob_id(git_oid *out, struct samv_view *v, const char *path);
/* The work tree's root when path is read from it (people/ may come from
 * the people ref instead), else NULL. */
const char *samv_view_root_of(struct samv_view *v, const char *path);
struct stat;
/* The lstat of the work tree file at path, when a walk of the view is
 * handing it to its callback now (samv_view_walk), else NULL. */
const struct stat *samv_view_walked(struct samv_view *v, const char *path);
/* What samv-check keeps of a work tree file's or directory's stat data
 * to know it unchanged: mtime, mtime_ns, ctime, ctime_ns, size, inode,
 * mode (checkcache.c, dirlist.c). */
#define SAMV_STAT_FIELDS 7
void samv_stat_fields(long long st[SAMV_STAT_FIELDS], const struct stat *sb);
/* Whether those can be kept: last changed in a second before start (a
 * change in start's second could leave the times as they are). */
bool samv_stat_settled(const struct stat *sb, const struct timespec *start);
int samv_record_parse(cJSON **out, const struct samv_buf *text, const char *path);
const char *samv_path_id(const char *path, char out[SAMV_ID_MAX + 1]);
/* Load, parse and validate the record file at path as type t (a file
 * not a valid record fails with SAMV_EINVAL saying why). */
int samv_record_load_path(cJSON **out, struct samv_view *v, const struct samv_type *t, const char *path);
/* The same, the file's text read into text (its buffer reused). */
int samv_record_load_text(cJSON **out, struct samv_buf *text, struct samv_view *v, const struct samv_type *t,
			  const char *path);
/* Note a file left out by a reader, once, with the reason just set. */
int samv_store_skip(struct samv_store *s, const char *path);

/* ---- a write's journal and its hold on .git/index.lock (journal.c) ---- */

struct samv_jentry {
	char *path;
	char *tmp;     /* its temporary file's name, in path's directory; NULL: removed */
	git_oid blob;
	unsigned mode;
};

struct samv_journal {
	char *gitdir, *workdir; /* end in '/' */
	char *path;             /* .git/samv-journal */
	char *lock;             /* .git/index.lock: a hard link to the journal */
	char *newindex;         /* .git/samv-index: the index being written */
	int fd;
	char *branch;
	git_oid old, target;    /* old is zero for an unborn branch */
	struct samv_jentry *v;
	size_t n;
	bool planned;           /* the plan is durable: the commit point may follow */
	bool index_ready;       /* samv-index holds the new index */
	bool done;              /* journal and lock removed */
};

int samv_journal_begin(struct samv_journal **out, git_repository *repo, const char *workdir, double wait);
int samv_journal_take_lock(struct samv_journal *j, double wait);
bool samv_journal_owns_lock(const struct samv_journal *j);
int samv_journal_add(struct samv_journal *j, const char *path, const char *tmp, const git_oid *blob, unsigned mode);
char *samv_journal_tmp(const struct samv_journal *j, const struct samv_jentry *e);
int samv_journal_plan(struct samv_journal *j, const char *branch, const git_oid *old, const git_oid *target);
struct samv_gitindex;
/* .git/index as it is (gitindex.h), read while index.lock is held. */
int samv_journal_index(struct samv_journal *j, struct samv_gitindex *out);
/* The new index into .git/samv-index, before the commit point. */
int samv_journal_prepare_index(struct samv_journal *j, const struct samv_gitindex *ix);
/* After the commit point: files into place, the new index over the old
 * (prepared, or for a dead writer's journal built here), lock released. */
int samv_journal_finish(struct samv_journal *j);
void samv_journal_abort(struct samv_journal *j);
void samv_journal_close(struct samv_journal *j);
void samv_journal_free(struct samv_journal *j);
int samv_journal_read(struct samv_journal **out, git_repository *repo, const char *workdir);

/* recover.c: finish or undo what a dead writer left; the caller holds the
 * flock on .git/samv.lock.  NOTE gets one line when something was done. */
int samv_recover_locked(git_repository *repo, const char *workdir, struct samv_buf *note);
int samv_lock_open(int *fd, git_repository *repo);

#endif
