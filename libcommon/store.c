/* store.c - finding the repository and reading records from it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samv.h"
#include "store.h"
#include "people.h"
#include "cache.h"
#include "dirlist.h"

/* Why libgit2 would not open the repository found at gitdir: its
 * ownership check (a repository of another user) is said as such, with
 * git's way out, anything else is "not a repository".  libgit2 1.5.1
 * reports that check as GIT_ENOTFOUND when safe.directory is not set, so
 * the owner (neither you nor root, whom git trusts) is looked at too. */
static int open_failed(int code, const char *gitdir, const char *fallback)
{
	struct stat st;
	char *top = NULL, *slash;
	bool other;
	int rc;

	if (gitdir && (top = strdup(gitdir)) && (slash = strrchr(top, '/')) && slash > top && !slash[1]) {
		*slash = '\0';
		if ((slash = strrchr(top, '/')))
			slash[1] = '\0'; /* the work tree above .git/ */
	}
	other = top && lstat(top, &st) == 0 && st.st_uid != geteuid() && st.st_uid != 0;
	if (other)
		rc = samv_error_set(SAMV_EINVAL, "git refuses the repository at '%s': it is owned by another user "
				    "(uid %lu); to trust it, see safe.directory in git-config(1)", top,
				    (unsigned long)st.st_uid);
	else if (code == GIT_EOWNER)
		rc = samv_error_git(SAMV_EINVAL, "git refuses the repository (see safe.directory in git-config(1))");
	else
		rc = samv_error_set(SAMV_ENOTFOUND, "%s", fallback);
	free(top);
	return rc;
}

static bool git_strict = true;

void samv_git_strict(bool on)
{
	git_strict = on;
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, (int)on);
}

bool samv_git_strict_on(void)
{
	return git_strict;
}

int samv_store_open(struct samv_store **out, const char *dir)
{
	struct samv_store *s = NULL;
	git_buf found = GIT_BUF_INIT;
	const char *env = NULL;
	struct samv_view *v = NULL;
	char *msg = NULL;
	int rc, e;

	*out = NULL;
	if ((rc = samv_env_check()) < 0 || (rc = samv_env_dir(&env)) < 0)
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	/* shard trees pass libgit2's 4 KB cache limit at ~10k records; without
	 * the cache every record read re-parses its shard (docs/PERFORMANCE.md) */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)4 << 20);
	if (!dir && env) {
		/* SAMV_DIR names the repository itself: no search upward */
		if ((e = git_repository_open_ext(&s->repo, env, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL)) < 0) {
			rc = samv_error_set(SAMV_EUSAGE, "SAMV_DIR: '%s' is not a git repository", env);
			if (e == GIT_EOWNER || git_repository_discover(&found, env, 0, NULL) == 0)
				rc = open_failed(e, found.ptr, samv_error_last());
			goto out;
		}
	} else {
		if (dir && access(dir, F_OK) < 0) {
			rc = samv_error_set(SAMV_ENOTFOUND, "cannot use '%s': %s", dir, strerror(errno));
			goto out;
		}
		if ((e = git_repository_discover(&found, dir ? dir : ".", 0, NULL)) < 0 ||
		    (e = git_repository_open(&s->repo, found.ptr)) < 0) {
			if (asprintf(&msg, _("not in a samv repository (or any parent of '%s'); see samv-init(1)"),
				     dir ? dir : ".") < 0)
				msg = NULL;
			rc = open_failed(e, found.ptr, msg ? msg : _("not in a samv repository"));
			goto out;
		}
	}
	if (git_repository_is_bare(s->repo)) {
		rc = samv_error_set(SAMV_EINVAL, "'%s' is a bare repository; samv needs a work tree",
				    git_repository_path(s->repo));
		goto out;
	}
	s->workdir = git_repository_workdir(s->repo);
	if ((rc = samv_view_rev(&v, s, NULL)) < 0 && rc != SAMV_ENOTFOUND)
		goto out;
	if (!(v && samv_view_exists(v, SAMV_REPO_FILE))) {
		struct stat st;
		char *p = NULL;

		if (asprintf(&p, "%s%s", s->workdir, SAMV_REPO_FILE) < 0) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		rc = stat(p, &st);
		free(p);
		if (rc < 0) {
			rc = samv_error_set(SAMV_ENOTFOUND, "'%s' is a git repository but not a samv one "
					    "(no %s); see samv-init(1)", s->workdir, SAMV_REPO_FILE);
			goto out;
		}
	}
	*out = s;
	s = NULL;
	rc = 0;
out:
	free(msg);
	samv_view_free(v);
	git_buf_dispose(&found);
	samv_store_free(s);
	return rc;
}

void samv_store_free(struct samv_store *s)
{
	if (!s)
		return;
	samv_cache_close(s);
	git_repository_free(s->repo);
	samv_problems_free(&s->skipped);
	samv_idset_free(&s->skipped_paths);
	free(s);
}

git_repository *samv_store_repo(struct samv_store *s)
{
	return s->repo;
}

const char *samv_store_workdir(struct samv_store *s)
{
	return s->workdir;
}

/* ---- views ----------------------------------------------------------- */

int samv_view_tree(struct samv_view **out, git_repository *repo, git_tree *tree)
{
	struct samv_view *v = calloc(1, sizeof(*v));

	*out = NULL;
	if (!v)
		return samv_error_set(SAMV_ERROR, "out of memory");
	v->repo = repo;
	v->tree = tree;
	*out = v;
	return 0;
}

int samv_view_rev(struct samv_view **out, struct samv_store *s, const char *rev)
{
	git_object *obj = NULL;
	git_tree *tree = NULL;
	int rc;

	*out = NULL;
	if (!rev && git_repository_head_unborn(s->repo) == 1) {
		if ((rc = samv_view_tree(out, s->repo, NULL)) == 0)
			(*out)->store = s;
		return rc;
	}
	if (git_revparse_single(&obj, s->repo, rev ? rev : "HEAD") < 0) {
		rc = samv_error_set(SAMV_ENOTFOUND, "unknown revision '%s'", rev ? rev : "HEAD");
		goto out;
	}
	if (git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE) < 0) {
		rc = samv_error_git(SAMV_EINVAL, rev ? rev : "HEAD");
		goto out;
	}
	rc = samv_view_tree(out, s->repo, tree);
	if (rc == 0) {
		tree = NULL;
		(*out)->store = s;
	}
out:
	git_tree_free(tree);
	git_object_free(obj);
	return rc;
}

int samv_view_worktree(struct samv_view **out, struct samv_store *s)
{
	struct samv_view *v = calloc(1, sizeof(*v));

	*out = NULL;
	if (!v || !(v->root = strdup(s->workdir))) {
		free(v);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	v->repo = s->repo;
	v->store = s;
	*out = v;
	return 0;
}

void samv_view_free(struct samv_view *v)
{
	if (!v)
		return;
	samv_view_free(v->people);
	git_tree_free(v->tree);
	git_tree_free(v->memo_tree);
	free(v->memo_dir);
	free(v->root);
	free(v);
}

static const struct samv_staged *staged(struct samv_view *v, const char *path)
{
	size_t i;

	for (i = 0; v->stage && i < v->stage->n; i++)
		if (!strcmp(v->stage->v[i].path, path))
			return &v->stage->v[i];
	return NULL;
}

/* The tree of directory dir ("" is the root) of a tree view, borrowed:
 * valid until the next lookup.  NULL when there is no such directory. */
static git_tree *dir_tree(struct samv_view *v, const char *dir, size_t len)
{
	git_tree_entry *e = NULL;
	git_tree *t = NULL;
	char *d;

	if (!len)
		return v->tree;
	if (v->memo_dir && strlen(v->memo_dir) == len && !strncmp(v->memo_dir, dir, len))
		return v->memo_tree;
	if (!(d = strndup(dir, len)))
		return NULL;
	if (git_tree_entry_bypath(&e, v->tree, d) < 0 || git_tree_entry_type(e) != GIT_OBJECT_TREE ||
	    git_tree_lookup(&t, v->repo, git_tree_entry_id(e)) < 0) {
		git_tree_entry_free(e);
		free(d);
		return NULL;
	}
	git_tree_entry_free(e);
	git_tree_free(v->memo_tree);
	free(v->memo_dir);
	v->memo_tree = t;
	v->memo_dir = d;
	return t;
}

/* The entry at path in a tree view, borrowed (see dir_tree), or NULL. */
static const git_tree_entry *tree_entry(struct samv_view *v, const char *path)
{
	const char *slash = strrchr(path, '/');
	git_tree *t;

	if (!v->tree)
		return NULL;
	t = dir_tree(v, path, slash ? (size_t)(slash - path) : 0);
	return t ? git_tree_entry_byname(t, slash ? slash + 1 : path) : NULL;
}

/* ---- the work tree: regular files inside it, nothing else ----------- */

/* The directory holding path under root, opened without following a
 * symbolic link on the way (a link to /etc named actors/88 is not
 * entered); *base is path's last component.  -1 with errno set. */
static int open_parent(const char *root, const char *path, const char **base)
{
	const char *p = path, *slash;
	char comp[256];
	int dfd, fd;

	if ((dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	for (; (slash = strchr(p, '/')); p = slash + 1) {
		size_t n = (size_t)(slash - p);

		if (!n)
			continue;
		if (n >= sizeof(comp) || (n == 2 && p[0] == '.' && p[1] == '.')) {
			close(dfd);
			errno = EINVAL;
			return -1;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		fd = openat(dfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(dfd);
		if (fd < 0)
			return -1;
		dfd = fd;
	}
	*base = p;
	return dfd;
}

static enum samv_file_kind kind_of_mode(mode_t m)
{
	return S_ISREG(m) ? SAMV_FILE_REGULAR : S_ISLNK(m) ? SAMV_FILE_LINK : SAMV_FILE_OTHER;
}

/* What is at path; *dfd is left open on its directory when asked for. */
static enum samv_file_kind worktree_kind_at(int *dfd, const char *root, const char *path, const char **base)
{
	struct stat sb;

	if ((*dfd = open_parent(root, path, base)) < 0)
		/* a link or a file where a directory should be */
		return errno == ELOOP || errno == ENOTDIR ? SAMV_FILE_LINK
		       : errno == ENOENT		  ? SAMV_FILE_NONE
							  : SAMV_FILE_OTHER;
	if (fstatat(*dfd, *base, &sb, AT_SYMLINK_NOFOLLOW) < 0)
		return SAMV_FILE_NONE;
	return kind_of_mode(sb.st_mode);
}

static enum samv_file_kind worktree_kind(const char *root, const char *path)
{
	const char *base;
	int dfd;
	enum samv_file_kind k = worktree_kind_at(&dfd, root, path, &base);

	if (dfd >= 0)
		close(dfd);
	return k;
}

static int not_regular(const char *path, enum samv_file_kind k)
{
	if (k == SAMV_FILE_LINK)
		return samv_error_set(SAMV_EINVAL, "'%s' is a symbolic link (samv reads only regular files "
				      "inside the repository)", path);
	return samv_error_set(SAMV_EINVAL, "'%s' is not a regular file", path);
}

static int too_large(const char *path)
{
	return samv_error_set(SAMV_EINVAL, "'%s' is larger than %d bytes, the limit of a record file", path,
			      SAMV_RECORD_MAX);
}

/* Read base, a regular file of the directory open on dfd (path names it
 * in errors): never through a symbolic link, never a FIFO or device
 * (which could block or never end), never more than SAMV_RECORD_MAX
 * bytes (refused by size before reading). */
static int read_file_at(struct samv_buf *out, int dfd, const char *base, const char *path, struct stat *st)
{
	struct stat sb;
	int fd, rc;

	if ((fd = openat(dfd, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &sb) < 0) {
		rc = errno == ELOOP || errno == ENOTDIR ? not_regular(path, SAMV_FILE_LINK)
		     : samv_error_set(errno == ENOENT ? SAMV_ENOTFOUND : SAMV_EIO, "cannot read '%s': %s", path,
				      strerror(errno));
		goto out;
	}
	/* checked again on what was opened: the file may have been swapped */
	if (!S_ISREG(sb.st_mode)) {
		rc = not_regular(path, SAMV_FILE_OTHER);
		goto out;
	}
	if (sb.st_size > SAMV_RECORD_MAX) {
		rc = too_large(path);
		goto out;
	}
	if ((rc = samv_buf_read_file(out, fd, (size_t)sb.st_size, SAMV_RECORD_MAX)) < 0)
		samv_error_set(rc, "cannot read '%s': %s", path, samv_error_last());
	else if (st)
		*st = sb;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

static struct samv_view *route(struct samv_view *v, const char *path);

/* The view (v, or the one path is routed to) whose walk is handing path
 * to its callback, or NULL. */
static struct samv_view *walked_view(struct samv_view *v, const char *path)
{
	struct samv_view *w = staged(v, path) ? NULL : route(v, path);

	return w && w->root && w->walked_path && !strcmp(w->walked_path + (w->walked_path[0] == '/'), path) ? w
																	    : NULL;
}

static const char *base_of(const char *path)
{
	return strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
}

/* Read a regular file of the work tree (read_file_at).  The file a walk
 * is handing to its callback is opened from the directory the walk holds
 * open and was looked at by the walk's lstat: a cold samv-check reads
 * every file, and opening each from the root took four system calls
 * more (docs/PERFORMANCE.md). */
static int read_file(struct samv_buf *out, struct samv_view *v, const char *path)
{
	struct samv_view *w = walked_view(v, path);
	const char *base;
	bool borrowed = w && w->walked_dfd >= 0, lazy = borrowed && w->walked_lazy;
	int dfd = -1, rc;
	/* looked at before opening: a device is not even opened */
	enum samv_file_kind k;

	if (borrowed) {
		/* not stat'd by the walk: regular by its entry's type, and the
		 * fstat of the read is its stat (taken before it is read) */
		k = lazy ? SAMV_FILE_REGULAR : kind_of_mode(w->walked_st.st_mode);
		dfd = w->walked_dfd;
		base = base_of(path);
	} else
		k = worktree_kind_at(&dfd, v->root, path, &base);
	if (k == SAMV_FILE_NONE) {
		rc = samv_error_set(SAMV_ENOTFOUND, "cannot read '%s': %s", path, strerror(ENOENT));
		goto out;
	}
	if (k != SAMV_FILE_REGULAR) {
		rc = not_regular(path, k);
		goto out;
	}
	if ((rc = read_file_at(out, dfd, base, path, lazy ? &w->walked_st : NULL)) == 0 && lazy)
		w->walked_lazy = false;
out:
	if (dfd >= 0 && !borrowed)
		close(dfd);
	return rc;
}

/* ---- reading a view ---------------------------------------------------- */

static enum samv_file_kind tree_kind(const git_tree_entry *e)
{
	if (!e)
		return SAMV_FILE_NONE;
	switch (git_tree_entry_filemode(e)) {
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		return SAMV_FILE_REGULAR;
	case GIT_FILEMODE_LINK:
		return SAMV_FILE_LINK;
	default:
		return SAMV_FILE_OTHER; /* a directory, a submodule */
	}
}

/* Whether the view's own files keep people/ (the layout before
 * samv-migrate(1)). */
static bool keeps_people(struct samv_view *v)
{
	struct stat sb;
	char *p = NULL;
	bool dir;

	if (!v->root)
		return samv_people_in_tree(v->tree);
	if (asprintf(&p, "%s%s", v->root, SAMV_PEOPLE_DIR) < 0)
		return false;
	dir = lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
	free(p);
	return dir;
}

int samv_view_people_check(struct samv_view *v)
{
	struct samv_buf text = SAMV_BUF_INIT;
	cJSON *rec = NULL;
	const char *layout;
	git_oid tip;
	bool exists;
	int rc = 0;

	if (v->is_people || v->people || keeps_people(v))
		return 0;
	if (samv_people_current(&tip, &exists, NULL, v->repo) < 0 || exists)
		goto out;
	if (samv_view_read(&text, v, SAMV_REPO_FILE) < 0 || !(rec = cJSON_ParseWithLength(text.ptr, text.len)))
		goto out;
	layout = samv_record_str(rec, "people");
	if (layout && !strcmp(layout, "ref"))
		rc = samv_error_set(SAMV_EINVAL, "this clone lacks the people records (%s; on the remote, the branch "
				    "samv-people): run samv-sync, or git fetch origin "
				    "samv-people:refs/remotes/origin/samv-people", SAMV_PEOPLE_REF);
out:
	if (rc == 0)
		samv_error_clear();
	cJSON_Delete(rec);
	samv_buf_free(&text);
	return rc;
}

int samv_view_set_people(struct samv_view *v, git_tree *tree)
{
	int rc = 0;

	v->people_known = true;
	if (tree && (rc = samv_view_tree(&v->people, v->repo, tree)) == 0) {
		v->people->is_people = true;
		v->people->store = v->store;
	}
	return rc;
}

/* The view that holds path: people/ comes from the people ref unless the
 * view's own files keep it. */
static struct samv_view *route(struct samv_view *v, const char *path)
{
	git_tree *tree = NULL;
	git_oid tip;
	bool exists;

	if (v->is_people || !samv_people_path(path))
		return v;
	if (!v->people_known) {
		v->people_known = true;
		if (!keeps_people(v) && samv_people_current(&tip, &exists, &tree, v->repo) == 0 && exists &&
		    samv_view_set_people(v, tree) < 0)
			git_tree_free(tree);
		samv_error_clear();
	}
	return v->people ? v->people : v;
}

enum samv_file_kind samv_view_kind(struct samv_view *v, const char *path)
{
	const struct samv_staged *st = staged(v, path);

	if (st)
		return st->text ? SAMV_FILE_REGULAR : SAMV_FILE_NONE;
	if ((v = route(v, path))->root) {
		struct samv_view *w = walked_view(v, path);

		/* a file the walk did not stat is regular by its entry's type */
		if (w)
			return w->walked_lazy ? SAMV_FILE_REGULAR : kind_of_mode(w->walked_st.st_mode);
		return worktree_kind(v->root, path);
	}
	return tree_kind(tree_entry(v, path));
}

int samv_view_read(struct samv_buf *out, struct samv_view *v, const char *path)
{
	const struct samv_staged *st = staged(v, path);
	const git_tree_entry *e;
	enum samv_file_kind k;
	git_blob *blob = NULL;
	git_odb *odb = NULL;
	git_object_t type;
	size_t size;
	int rc;

	out->len = 0;
	if (st) {
		if (!st->text)
			return samv_error_set(SAMV_ENOTFOUND, "'%s' does not exist", path);
		return samv_buf_put(out, st->text, st->len);
	}
	if ((v = route(v, path))->root)
		return read_file(out, v, path);
	e = tree_entry(v, path);
	if ((k = tree_kind(e)) == SAMV_FILE_NONE || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return samv_error_set(SAMV_ENOTFOUND, "'%s' does not exist", path);
	if (k != SAMV_FILE_REGULAR)
		return not_regular(path, k);
	/* the size from the object's header: a 100 MB blob is not inflated */
	if (git_repository_odb(&odb, v->repo) < 0 || git_odb_read_header(&size, &type, odb, git_tree_entry_id(e)) < 0) {
		rc = samv_error_git(SAMV_EIO, path);
		goto out;
	}
	if (size > SAMV_RECORD_MAX) {
		rc = too_large(path);
		goto out;
	}
	if (git_blob_lookup(&blob, v->repo, git_tree_entry_id(e)) < 0) {
		rc = samv_error_git(SAMV_EIO, path);
		goto out;
	}
	rc = samv_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	if (rc == 0 && !out->ptr)
		rc = samv_buf_put(out, "", 0);
out:
	git_blob_free(blob);
	git_odb_free(odb);
	return rc;
}

const char *samv_view_root_of(struct samv_view *v, const char *path)
{
	return staged(v, path) ? NULL : route(v, path)->root;
}

int samv_view_blob_id(git_oid *out, struct samv_view *v, const char *path)
{
	const git_tree_entry *e;

	if (staged(v, path) || (v = route(v, path))->root)
		return 0;
	e = tree_entry(v, path);
	if (tree_kind(e) != SAMV_FILE_REGULAR || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	git_oid_cpy(out, git_tree_entry_id(e));
	return 1;
}

/* A file is there, regular or a symbolic link (which reading refuses, so
 * that it is named rather than taken for a missing record). */
bool samv_view_exists(struct samv_view *v, const char *path)
{
	enum samv_file_kind k = samv_view_kind(v, path);

	return k == SAMV_FILE_REGULAR || k == SAMV_FILE_LINK;
}

/* ---- walking --------------------------------------------------------- */

/* Directory rel of the work tree, reached without following a link:
 * its descriptor, or -1 with errno set. */
static int open_dir(const char *root, const char *rel)
{
	const char *base;
	int dfd = open_parent(root, rel, &base), fd, e;

	if (dfd < 0 || !*base)
		return dfd;
	fd = openat(dfd, base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	e = errno;
	close(dfd);
	errno = e;
	return fd;
}

const struct stat *samv_view_walked(struct samv_view *v, const char *path)
{
	struct samv_view *w = walked_view(v, path);

	if (w && w->walked_lazy) {
		if (fstatat(w->walked_dfd, base_of(path), &w->walked_st, AT_SYMLINK_NOFOLLOW) < 0) {
			/* gone since it was listed: as if the walk had found it so */
			w->walked_path = NULL;
			return NULL;
		}
		w->walked_lazy = false;
	}
	return w ? &w->walked_st : NULL;
}

void samv_stat_fields(long long st[SAMV_STAT_FIELDS], const struct stat *sb)
{
	st[0] = (long long)sb->st_mtim.tv_sec;
	st[1] = sb->st_mtim.tv_nsec;
	st[2] = (long long)sb->st_ctim.tv_sec;
	st[3] = sb->st_ctim.tv_nsec;
	st[4] = (long long)sb->st_size;
	st[5] = (long long)sb->st_ino;
	st[6] = (long long)sb->st_mode;
}

bool samv_stat_settled(const struct stat *sb, const struct timespec *start)
{
	return sb->st_mtim.tv_sec < start->tv_sec && sb->st_ctim.tv_sec < start->tv_sec;
}

/* An entry of a directory: its name (an offset in the directory's
 * names), and whether getdents said it is a directory (then it is
 * entered without an lstat of its own). */
struct dent {
	size_t name;
	bool dir, reg; /* by the entry's type (DT_UNKNOWN: neither) */
};

struct dents {
	struct dent *v;
	size_t n, cap;
	char *names; /* every name, NUL after each */
	size_t len, lcap;
};

static int cmp_dent(const void *a, const void *b, void *names)
{
	return strcmp((const char *)names + ((const struct dent *)a)->name,
		      (const char *)names + ((const struct dent *)b)->name);
}

static int dents_add(struct dents *d, const char *name, unsigned char type)
{
	size_t len = strlen(name) + 1;

	if (d->n == d->cap) {
		struct dent *nv = realloc(d->v, (d->cap = d->cap ? d->cap * 2 : 64) * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		d->v = nv;
	}
	if (d->len + len > d->lcap) {
		char *nv;

		while (d->len + len > d->lcap)
			d->lcap = d->lcap ? d->lcap * 2 : 4096;
		if (!(nv = realloc(d->names, d->lcap)))
			return samv_error_set(SAMV_ERROR, "out of memory");
		d->names = nv;
	}
	memcpy(d->names + d->len, name, len);
	d->v[d->n].name = d->len;
	d->v[d->n].dir = type == DT_DIR;
	d->v[d->n++].reg = type == DT_REG;
	d->len += len;
	return 0;
}

/* The entries of the directory open on fd ("." and ".." left out, and
 * ".git" at the top), read with getdents64 itself, in name order:
 * opendir would add an fstat and two fcntl a directory, and a work tree
 * of 10 000 records has over a thousand shard directories
 * (docs/PERFORMANCE.md). */
static int read_dents(int fd, const char *rel, struct dents *out)
{
	char buf[32768];
	ssize_t got;
	long off;
	int rc = 0;

	while (rc == 0 && (got = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < got && rc == 0; off += ((struct dirent64 *)(buf + off))->d_reclen) {
			const struct dirent64 *d = (const struct dirent64 *)(buf + off);

			if (d->d_name[0] == '.' && (!d->d_name[1] || (d->d_name[1] == '.' && !d->d_name[2])))
				continue;
			if (!*rel && !strcmp(d->d_name, ".git"))
				continue;
			rc = dents_add(out, d->d_name, d->d_type);
		}
	}
	if (rc == 0 && got < 0)
		rc = samv_error_set(SAMV_EIO, "cannot read '%s': %s", rel, strerror(errno));
	if (rc == 0 && out->n > 1)
		qsort_r(out->v, out->n, sizeof(*out->v), cmp_dent, out->names);
	return rc;
}

/* The file sub, as the walk saw it (seen: sb is its lstat; dfd: its
 * directory, open, or -1), handed to the callback: the callback's own
 * look at it (samv_view_kind, samv_view_read) need not open every
 * directory again. */
static int visit_file(struct samv_view *v, const char *sub, const struct stat *sb, bool reg, int dfd,
		      samv_view_fn fn, void *arg)
{
	int rc;

	v->walked_path = NULL;
	if (sb || reg) {
		v->walked_path = sub;
		if (sb)
			v->walked_st = *sb;
		v->walked_lazy = !sb;
		v->walked_dfd = dfd;
	}
	rc = fn(sub, arg);
	v->walked_path = NULL;
	v->walked_dfd = -1;
	v->walked_lazy = false;
	return rc;
}

static int walk_fd(struct samv_view *v, int fd, const char *rel, const struct stat *dst, samv_view_fn fn,
		   void *arg);
static int walk_listed(struct samv_view *v, int at, const char *dname, const char *rel, const char *names,
		       size_t len, samv_view_fn fn, void *arg);

/* The directory sub, at name (a path without a link on the way, checked
 * by the walk) under the directory open on at: its kept listing when it
 * is unchanged (dirlist.c), else read.  Entered from its parent, never
 * through a link: a link or a file put there since is met as a file (as
 * in a tree), a directory gone since as nothing. */
static int walk_sub(struct samv_view *v, int at, const char *name, const char *sub, samv_view_fn fn, void *arg)
{
	struct stat dst;
	const char *names;
	size_t len;
	int sfd;

	if (v->dirs && samv_dirlist_known(v->dirs, sub) && fstatat(at, name, &dst, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(dst.st_mode) && samv_dirlist_get(v->dirs, sub, &dst, &names, &len))
		return walk_listed(v, at, name, sub, names, len, fn, arg);
	if ((sfd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0)
		/* its stat data taken before its names are read: a name added
		 * in between makes them differ next time */
		return walk_fd(v, sfd, sub, v->dirs && fstat(sfd, &dst) == 0 ? &dst : NULL, fn, arg);
	if (errno == ELOOP || errno == ENOTDIR)
		return fn(sub, arg);
	if (errno != ENOENT)
		return samv_error_set(SAMV_EIO, "cannot read '%s': %s", sub, strerror(errno));
	return 0;
}

/* The directory rel of files, at dname under the directory open on at,
 * from its kept listing: names, NUL after each, in name order. */
static int walk_listed(struct samv_view *v, int at, const char *dname, const char *rel, const char *names,
		       size_t len, samv_view_fn fn, void *arg)
{
	size_t rlen = strlen(rel), dlen = strlen(dname), n;
	char *sub = malloc(rlen + 1 + NAME_MAX + 1), *path = malloc(dlen + 1 + NAME_MAX + 1);
	const char *p;
	struct stat sb;
	int rc = 0;

	if (!sub || !path) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	memcpy(sub, rel, rlen);
	sub[rlen] = '/';
	memcpy(path, dname, dlen);
	path[dlen] = '/';
	for (p = names; p < names + len && rc == 0; p += n + 1) {
		if ((n = strlen(p)) > NAME_MAX)
			continue;
		memcpy(sub + rlen + 1, p, n + 1);
		memcpy(path + dlen + 1, p, n + 1);
		if (fstatat(at, path, &sb, AT_SYMLINK_NOFOLLOW) < 0)
			rc = visit_file(v, sub, NULL, false, -1, fn, arg);
		else if (S_ISDIR(sb.st_mode))
			rc = walk_sub(v, at, path, sub, fn, arg);
		else
			rc = visit_file(v, sub, &sb, false, -1, fn, arg);
	}
out:
	free(sub);
	free(path);
	return rc;
}

/* Keep the listing of rel, a directory of files only, in name order. */
static int keep_listing(struct samv_view *v, const char *rel, const struct stat *dst, const struct dents *d)
{
	char *all = malloc(d->len ? d->len : 1), *p = all;
	size_t i, n;
	int rc;

	if (!all)
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < d->n; i++) {
		n = strlen(d->names + d->v[i].name) + 1;
		memcpy(p, d->names + d->v[i].name, n);
		p += n;
	}
	rc = samv_dirlist_put(v->dirs, rel, dst, all, (size_t)(p - all));
	free(all);
	return rc;
}

/* The directory rel, open on fd (closed here); dst: its stat data, taken
 * before its names were read, when its listing may be kept. */
static int walk_fd(struct samv_view *v, int fd, const char *rel, const struct stat *dst, samv_view_fn fn,
		   void *arg)
{
	struct dents d = { NULL, 0, 0, NULL, 0, 0 };
	size_t rlen = strlen(rel), i;
	char *sub = NULL;
	struct stat sb;
	bool seen, subdirs = false;
	int rc;

	if ((rc = read_dents(fd, rel, &d)) < 0)
		goto out;
	/* rel/name, the name written after rel/ for each entry */
	if (!(sub = malloc(rlen + 1 + NAME_MAX + 1))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	memcpy(sub, rel, rlen);
	sub[rlen] = '/';
	for (i = 0; i < d.n && rc == 0; i++) {
		const char *name = d.names + d.v[i].name;
		bool dir = d.v[i].dir, reg = d.v[i].reg;

		if (strlen(name) > NAME_MAX)
			continue; /* no file system gives one */
		strcpy(sub + rlen + 1, name);
		/* a regular file by its entry's type is stat'd only when asked
		 * (samv_view_walked), or by the read that opens it: a cold
		 * samv-check reads every file, and paid an fstatat more each */
		seen = dir || reg || fstatat(fd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0;
		if (seen && !reg && (dir || S_ISDIR(sb.st_mode))) {
			subdirs = true;
			rc = walk_sub(v, fd, name, sub, fn, arg);
		} else
			rc = visit_file(v, sub, seen && !reg ? &sb : NULL, reg, fd, fn, arg);
	}
	if (rc == 0 && dst && !subdirs)
		rc = keep_listing(v, rel, dst, &d);
out:
	free(d.v);
	free(d.names);
	free(sub);
	close(fd);
	return rc;
}

static int walk_dir(struct samv_view *v, const char *rel, samv_view_fn fn, void *arg)
{
	int fd;

	if ((fd = open_dir(v->root, rel)) < 0) {
		/* a link or a file where the directory should be is not entered:
		 * the callback meets it as a file (as in a tree) */
		if (*rel && (errno == ELOOP || errno == ENOTDIR))
			return fn(rel, arg);
		return errno == ENOENT ? 0 : samv_error_set(SAMV_EIO, "cannot read '%s': %s", rel, strerror(errno));
	}
	return walk_fd(v, fd, rel, NULL, fn, arg);
}

static int walk_tree(git_repository *repo, git_tree *tree, const char *rel, samv_view_fn fn, void *arg);

/* Every file of the view itself, the people ref's left out. */
static int walk_own(struct samv_view *v, samv_view_fn fn, void *arg)
{
	if (v->root)
		return walk_dir(v, "", fn, arg);
	return v->tree ? walk_tree(v->repo, v->tree, "", fn, arg) : 0;
}

static int walk_tree(git_repository *repo, git_tree *tree, const char *rel, samv_view_fn fn, void *arg)
{
	size_t i, n = git_tree_entrycount(tree);
	git_tree *subtree = NULL;
	char *sub = NULL;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);

		free(sub);
		if (asprintf(&sub, "%s/%s", rel, git_tree_entry_name(e)) < 0) {
			sub = NULL;
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			break;
		}
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
			if (git_tree_lookup(&subtree, repo, git_tree_entry_id(e)) < 0) {
				rc = samv_error_git(SAMV_EIO, sub);
				break;
			}
			rc = walk_tree(repo, subtree, sub, fn, arg);
			git_tree_free(subtree);
			subtree = NULL;
		} else {
			rc = fn(sub, arg);
		}
	}
	free(sub);
	return rc;
}

int samv_view_walk(struct samv_view *v, const char *dir, samv_view_fn fn, void *arg)
{
	git_tree_entry *e = NULL;
	git_tree *sub = NULL;
	struct samv_view *pv;
	int rc;

	if (!*dir && (pv = route(v, SAMV_PEOPLE_DIR)) != v) {
		/* the whole view: its own files, then the people ref's */
		if ((rc = walk_own(v, fn, arg)) == 0 && pv->tree)
			rc = walk_tree(pv->repo, pv->tree, "", fn, arg);
		return rc;
	}
	v = route(v, dir);
	if (v->root)
		return walk_dir(v, dir, fn, arg);
	if (!v->tree)
		return 0;
	if (!*dir)
		return walk_tree(v->repo, v->tree, "", fn, arg);
	if (git_tree_entry_bypath(&e, v->tree, dir) < 0)
		return 0;
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		rc = fn(dir, arg);
		goto out;
	}
	if (git_tree_lookup(&sub, v->repo, git_tree_entry_id(e)) < 0) {
		rc = samv_error_git(SAMV_EIO, dir);
		goto out;
	}
	rc = walk_tree(v->repo, sub, dir, fn, arg);
out:
	git_tree_free(sub);
	git_tree_entry_free(e);
	return rc;
}

/* ---- records --------------------------------------------------------- */

int samv_record_parse(cJSON **out, const struct samv_buf *text, const char *path)
{
	struct samv_pos pos;

	if (samv_json_parse(out, text->ptr, text->len, &pos) < 0)
		return samv_error_set(SAMV_EINVAL, "%s:%d:%d: %s", path, pos.line, pos.col, samv_error_last());
	if (!cJSON_IsObject(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		return samv_error_set(SAMV_EINVAL, "%s: not a JSON object", path);
	}
	return 0;
}

/* Parse and validate: commands trust the records they load, so a record
 * broken by hand stops them with the file named instead of a crash. */
static int parse_valid(cJSON **out, const struct samv_type *t, const struct samv_buf *text, const char *path)
{
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	int rc;

	if ((rc = samv_record_parse(out, text, path)) < 0)
		return rc;
	if ((rc = samv_record_validate(&pr, t, *out, path, text->ptr)) == 0 && pr.n)
		rc = samv_error_setp(SAMV_EINVAL, "%s:%d:%d: %s (samv-check lists every problem)", pr.v[0].file,
				     pr.v[0].line, pr.v[0].col, samv_problem_say(&pr.v[0]));
	samv_problems_free(&pr);
	if (rc < 0) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return rc;
}

/* A record is where its id says: "actors/4e/x.json" holds id "x".  One
 * that is not would show twice, or under a name it does not have. */
static int check_placed(const cJSON *rec, const struct samv_type *t, const char *path)
{
	const char *id = samv_record_str(rec, "id");
	char want[256], fid[SAMV_ID_MAX + 1];

	if (!id || samv_type_path(want, sizeof(want), t, id) < 0 || !strcmp(want, path))
		return 0; /* validation has said what is wrong with the id */
	if (samv_path_id(path, fid) && !strcmp(fid, id))
		return samv_error_set(SAMV_EINVAL, "%s: belongs at '%s' (samv-check lists every problem)", path, want);
	return samv_error_set(SAMV_EINVAL, "%s: id '%s' does not match the file name (samv-check lists "
			      "every problem)", path, id);
}

int samv_record_load_text(cJSON **out, struct samv_buf *text, struct samv_view *v, const struct samv_type *t,
			  const char *path)
{
	int rc;

	*out = NULL;
	rc = samv_view_read(text, v, path);
	if (rc == 0)
		rc = parse_valid(out, t, text, path);
	if (rc == 0 && (rc = check_placed(*out, t, path)) < 0) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return rc;
}

int samv_record_load_path(cJSON **out, struct samv_view *v, const struct samv_type *t, const char *path)
{
	struct samv_buf text = SAMV_BUF_INIT;
	int rc = samv_record_load_text(out, &text, v, t, path);

	samv_buf_free(&text);
	return rc;
}

int samv_record_load(cJSON **out, struct samv_view *v, const struct samv_type *t, const char *id)
{
	char path[256];
	int rc;

	*out = NULL;
	if ((rc = samv_id_check(id, t->name)) < 0)
		return rc;
	if ((rc = samv_type_path(path, sizeof(path), t, id)) < 0)
		return rc;
	if ((rc = samv_record_load_path(out, v, t, path)) == SAMV_ENOTFOUND &&
	    (!samv_type_personal(t) || (rc = samv_view_people_check(v)) == 0))
		rc = samv_error_setp(SAMV_ENOTFOUND, "no %s '%s'", samv_type_the(t), id);
	if (rc == 0 && v->filter && (rc = v->filter(v->filter_arg, t, *out)) < 0) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return rc;
}

/* The id of a record path "dir/xx/ID.json", or NULL. */
const char *samv_path_id(const char *path, char out[SAMV_ID_MAX + 1])
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n <= 5 || strcmp(base + n - 5, ".json") || n - 5 > SAMV_ID_MAX)
		return NULL;
	memcpy(out, base, n - 5);
	out[n - 5] = '\0';
	return out;
}

int samv_store_skip(struct samv_store *s, const char *path)
{
	int rc = samv_idset_add(&s->skipped_paths, path);

	if (rc <= 0)
		return rc;
	return samv_problem_add(&s->skipped, path, SAMV_POS_FILE, "skipped", "%s", samv_error_last());
}

int samv_store_skipped(struct samv_store *s, FILE *f, const char *prog, int rc)
{
	size_t i, n = s->skipped.n;

	for (i = 0; i < n; i++)
		fprintf(f, _("%s: warning: left out: %s\n"), prog, s->skipped.v[i].text);
	if (!n || rc != 0)
		return rc;
	return samv_error_set(SAMV_EINVAL, "%zu file%s left out: not valid records (see samv-check)", n,
			      n == 1 ? "" : "s");
}

struct load_walk {
	struct samv_view *v;
	const struct samv_type *t;
	cJSON **items;
	size_t n, cap, bad;
	bool tolerant; /* count bad files instead of failing */
};

static int load_fn(const char *path, void *arg)
{
	struct load_walk *w = arg;
	char id[SAMV_ID_MAX + 1];
	cJSON *rec = NULL;
	int rc;

	if (!samv_path_id(path, id))
		return 0;
	rc = samv_record_load_path(&rec, w->v, w->t, path);
	/* too large, not a regular file, not valid or misplaced: left out */
	if (rc == SAMV_EINVAL && (w->tolerant || w->v->store)) {
		w->bad++;
		rc = w->tolerant ? 0 : samv_store_skip(w->v->store, path);
	}
	if (rc < 0 || !rec)
		return rc;
	if (w->n == w->cap) {
		cJSON **nv = realloc(w->items, (w->cap = w->cap ? w->cap * 2 : 64) * sizeof(*nv));

		if (!nv) {
			cJSON_Delete(rec);
			return samv_error_set(SAMV_ERROR, "out of memory");
		}
		w->items = nv;
	}
	w->items[w->n++] = rec;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	const char *x = samv_record_str(*(cJSON *const *)a, "id");
	const char *y = samv_record_str(*(cJSON *const *)b, "id");

	return strcmp(x ? x : "", y ? y : "");
}

/* The view's filter on every record loaded; on failure none is given. */
static int filter_all(struct samv_view *v, const struct samv_type *t, cJSON **all)
{
	cJSON *rec;
	int rc;

	if (!v->filter)
		return 0;
	cJSON_ArrayForEach(rec, *all)
		if ((rc = v->filter(v->filter_arg, t, rec)) < 0)
			goto fail;
	/* the filter may give new ids: back in id order, for lookups */
	if ((rc = samv_json_sort(*all, cmp_id)) < 0)
		goto fail;
	return 0;
fail:
	cJSON_Delete(*all);
	*all = NULL;
	return rc;
}

int samv_record_select(cJSON **out, struct samv_view *v, const struct samv_type *t, bool slim, const char *where,
		       const char *const *args)
{
	/* a view that filters what it reads (--public) may change ids the
	 * selection would compare: its readers read every record */
	if (v->filter)
		return 1;
	return samv_cache_select(out, route(v, t->dir), t, slim, where, args);
}

int samv_record_list(cJSON **out, struct samv_view *v, const struct samv_type *t, bool rows, const char *where,
		     const char *const *args)
{
	if (v->filter)
		return 1;
	return samv_cache_list(out, route(v, t->dir), t, rows, where, args);
}

int samv_record_load_all(cJSON **out, struct samv_view *v, const struct samv_type *t, size_t *bad)
{
	struct load_walk w = { v, t, NULL, 0, 0, 0, bad != NULL };
	cJSON *arr = NULL;
	size_t i;
	int rc;

	*out = NULL;
	/* people may come from their own ref: the cache reads whichever holds them */
	if ((rc = samv_cache_load_all(out, route(v, t->dir), t, bad)) <= 0)
		return rc < 0 ? rc : filter_all(v, t, out);
	rc = samv_view_walk(v, t->dir, load_fn, &w);
	if (rc == 0 && !(arr = cJSON_CreateArray()))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	if (rc == 0 && w.n)
		qsort(w.items, w.n, sizeof(*w.items), cmp_id);
	for (i = 0; i < w.n; i++) {
		if (rc == 0 && cJSON_AddItemToArray(arr, w.items[i]))
			continue;
		cJSON_Delete(w.items[i]);
	}
	free(w.items);
	if (rc < 0) {
		cJSON_Delete(arr);
		return rc;
	}
	if (bad)
		*bad = w.bad;
	*out = arr;
	return filter_all(v, t, out);
}
