/* store.c - finding the repository and reading records from it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samv.h"
#include "store.h"

#define RECORD_MAX (1024 * 1024)

int samv_store_open(struct samv_store **out, const char *dir)
{
	struct samv_store *s = NULL;
	git_buf found = GIT_BUF_INIT;
	const char *env = getenv("SAMV_DIR");
	struct samv_view *v = NULL;
	int rc;

	*out = NULL;
	if (!(s = calloc(1, sizeof(*s))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	/* shard trees pass libgit2's 4 KB cache limit at ~10k records; without
	 * the cache every record read re-parses its shard (docs/PERFORMANCE.md) */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)4 << 20);
	if (!dir && env && *env) {
		/* SAMV_DIR names the repository itself: no search upward */
		if (git_repository_open_ext(&s->repo, env, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
			rc = samv_error_set(SAMV_ENOTFOUND, "SAMV_DIR '%s' is not a git repository", env);
			goto out;
		}
	} else {
		if (dir && access(dir, F_OK) < 0) {
			rc = samv_error_set(SAMV_ENOTFOUND, "cannot use '%s': %s", dir, strerror(errno));
			goto out;
		}
		if (git_repository_discover(&found, dir ? dir : ".", 0, NULL) < 0 ||
		    git_repository_open(&s->repo, found.ptr) < 0) {
			rc = samv_error_set(SAMV_ENOTFOUND,
					    "not in a samv repository (or any parent of '%s'); see samv-init(1)",
					    dir ? dir : ".");
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
	samv_view_free(v);
	git_buf_dispose(&found);
	samv_store_free(s);
	return rc;
}

void samv_store_free(struct samv_store *s)
{
	if (!s)
		return;
	git_repository_free(s->repo);
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
	if (!rev && git_repository_head_unborn(s->repo) == 1)
		return samv_view_tree(out, s->repo, NULL);
	if (git_revparse_single(&obj, s->repo, rev ? rev : "HEAD") < 0) {
		rc = samv_error_set(SAMV_ENOTFOUND, "unknown revision '%s'", rev ? rev : "HEAD");
		goto out;
	}
	if (git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE) < 0) {
		rc = samv_error_git(SAMV_EINVAL, rev ? rev : "HEAD");
		goto out;
	}
	rc = samv_view_tree(out, s->repo, tree);
	if (rc == 0)
		tree = NULL;
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
	*out = v;
	return 0;
}

void samv_view_free(struct samv_view *v)
{
	if (!v)
		return;
	git_tree_free(v->tree);
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

static int read_file(struct samv_buf *out, const char *root, const char *path)
{
	char *full = NULL;
	FILE *f = NULL;
	int rc;

	if (asprintf(&full, "%s%s", root, path) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (!(f = fopen(full, "rb"))) {
		rc = samv_error_set(errno == ENOENT ? SAMV_ENOTFOUND : SAMV_EIO, "cannot read '%s': %s",
				    path, strerror(errno));
		goto out;
	}
	if ((rc = samv_buf_read(out, f, RECORD_MAX)) < 0)
		samv_error_set(rc, "cannot read '%s': %s", path, samv_error_last());
out:
	if (f)
		fclose(f);
	free(full);
	return rc;
}

int samv_view_read(struct samv_buf *out, struct samv_view *v, const char *path)
{
	const struct samv_staged *st = staged(v, path);
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	int rc;

	out->len = 0;
	if (st) {
		if (!st->text)
			return samv_error_set(SAMV_ENOTFOUND, "'%s' does not exist", path);
		return samv_buf_put(out, st->text, st->len);
	}
	if (v->root)
		return read_file(out, v->root, path);
	if (!v->tree || git_tree_entry_bypath(&e, v->tree, path) < 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		rc = samv_error_set(SAMV_ENOTFOUND, "'%s' does not exist", path);
		goto out;
	}
	if (git_blob_lookup(&blob, v->repo, git_tree_entry_id(e)) < 0) {
		rc = samv_error_git(SAMV_EIO, path);
		goto out;
	}
	if (git_blob_rawsize(blob) > RECORD_MAX) {
		rc = samv_error_set(SAMV_EINVAL, "'%s' is larger than %d bytes", path, RECORD_MAX);
		goto out;
	}
	rc = samv_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	if (rc == 0 && !out->ptr)
		rc = samv_buf_put(out, "", 0);
out:
	git_blob_free(blob);
	git_tree_entry_free(e);
	return rc;
}

bool samv_view_exists(struct samv_view *v, const char *path)
{
	const struct samv_staged *st = staged(v, path);
	git_tree_entry *e = NULL;
	struct stat sb;
	char *full = NULL;
	bool yes;

	if (st)
		return st->text != NULL;
	if (v->root) {
		if (asprintf(&full, "%s%s", v->root, path) < 0)
			return false;
		yes = stat(full, &sb) == 0 && S_ISREG(sb.st_mode);
		free(full);
		return yes;
	}
	if (!v->tree || git_tree_entry_bypath(&e, v->tree, path) < 0)
		return false;
	yes = git_tree_entry_type(e) == GIT_OBJECT_BLOB;
	git_tree_entry_free(e);
	return yes;
}

/* ---- walking --------------------------------------------------------- */

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(const char *root, const char *rel, samv_view_fn fn, void *arg)
{
	char **names = NULL, *full = NULL, *sub = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *d;
	struct stat sb;
	DIR *dir = NULL;
	int rc = 0;

	if (asprintf(&full, "%s%s", root, rel) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (!(dir = opendir(full))) {
		rc = errno == ENOENT ? 0 : samv_error_set(SAMV_EIO, "cannot read '%s': %s", rel, strerror(errno));
		goto out;
	}
	while ((d = readdir(dir))) {
		if (d->d_name[0] == '.' && (!d->d_name[1] || (d->d_name[1] == '.' && !d->d_name[2])))
			continue;
		if (!*rel && !strcmp(d->d_name, ".git"))
			continue;
		if (n == cap) {
			char **nv = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*nv));

			if (!nv) {
				rc = samv_error_set(SAMV_ERROR, "out of memory");
				goto out;
			}
			names = nv;
		}
		if (!(names[n] = strdup(d->d_name))) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n && rc == 0; i++) {
		free(sub);
		free(full);
		full = NULL;
		if (asprintf(&sub, "%s/%s", rel, names[i]) < 0 || asprintf(&full, "%s%s", root, sub) < 0) {
			sub = NULL;
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			break;
		}
		if (lstat(full, &sb) == 0 && S_ISDIR(sb.st_mode))
			rc = walk_dir(root, sub, fn, arg);
		else
			rc = fn(sub, arg);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(sub);
	free(full);
	if (dir)
		closedir(dir);
	return rc;
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
	int rc;

	if (v->root)
		return walk_dir(v->root, dir, fn, arg);
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
		rc = samv_error_set(SAMV_EINVAL, "%s:%d:%d: %s (samv-check lists every problem)", pr.v[0].file,
				    pr.v[0].line, pr.v[0].col, pr.v[0].msg);
	samv_problems_free(&pr);
	if (rc < 0) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return rc;
}

int samv_record_load(cJSON **out, struct samv_view *v, const struct samv_type *t, const char *id)
{
	struct samv_buf text = SAMV_BUF_INIT;
	char path[256];
	int rc;

	*out = NULL;
	if ((rc = samv_id_check(id, t->name)) < 0)
		return rc;
	if ((rc = samv_type_path(path, sizeof(path), t, id)) < 0)
		return rc;
	rc = samv_view_read(&text, v, path);
	if (rc == SAMV_ENOTFOUND)
		rc = samv_error_set(SAMV_ENOTFOUND, "no %s '%s'", t->name, id);
	if (rc == 0)
		rc = parse_valid(out, t, &text, path);
	samv_buf_free(&text);
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
	struct samv_buf text = SAMV_BUF_INIT;
	char id[SAMV_ID_MAX + 1];
	cJSON *rec = NULL;
	int rc;

	if (!samv_path_id(path, id))
		return 0;
	rc = samv_view_read(&text, w->v, path);
	if (rc == 0 && (rc = parse_valid(&rec, w->t, &text, path)) < 0 && w->tolerant) {
		w->bad++;
		rc = 0;
	}
	samv_buf_free(&text);
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

int samv_record_load_all(cJSON **out, struct samv_view *v, const struct samv_type *t, size_t *bad)
{
	struct load_walk w = { v, t, NULL, 0, 0, 0, bad != NULL };
	cJSON *arr = NULL;
	size_t i;
	int rc;

	*out = NULL;
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
	return 0;
}
