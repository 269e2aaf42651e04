/*
 * txn.c - a write: staged files become exactly one commit, or nothing.
 *
 * git's lock protocol, end to end: the suite's writers are serialised by
 * flock(2) on .git/samv.lock (the kernel releases it when a process dies);
 * a dead writer's journal is then finished or undone (recover.c); then
 * .git/index.lock is taken (journal.c) before the tip or the index is
 * read, so that no git command can build a commit from an index this write
 * is about to change.  Objects, the journal's plan, the temporary files and
 * the new index are written first; the compare-and-swap of the branch is
 * the commit point; only after it are files and the new index renamed into
 * place, and index.lock let go.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "samv.h"
#include "store.h"
#include "people.h"
#include "gitindex.h"

struct samv_txn {
	struct samv_store *s;
	char *command;
	char *branch;          /* "refs/heads/main" */
	int lockfd;
	struct samv_journal *journal; /* and with it, index.lock */
	bool committed;        /* the branch moved: the journal must survive a failure */
	bool unborn;
	git_oid tip;
	git_commit *tip_commit;
	git_tree *tip_tree;
	struct samv_view *view;
	struct samv_stage stage;
	git_oid *blobs;        /* per staged entry, set by build_tree */
	char **made_dirs;      /* directories this write created */
	size_t nmade;
	struct samv_buf trailers; /* "Key: value\n" lines, each once */
	bool merge;            /* a second parent: other */
	bool ff;               /* no new commit: the branch moves to other */
	git_oid other;
	/* people/ goes to the people ref (people.c), pinned here as the tip */
	bool people_layout, people_exists;
	git_oid people_tip;
	git_tree *people_tree;
	bool hide_people;      /* people/ files removed go unnamed (migrate.c) */
};

static int take_lock(struct samv_txn *t, double wait)
{
	double waited = 0;
	int rc;

	if ((rc = samv_lock_open(&t->lockfd, t->s->repo)) < 0)
		return rc;
	while (flock(t->lockfd, LOCK_EX | LOCK_NB) < 0) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };

		if (errno != EWOULDBLOCK && errno != EINTR)
			return samv_error_set(SAMV_EIO, "cannot lock '.git/samv.lock': %s", strerror(errno));
		if (waited >= wait)
			return samv_error_set(SAMV_EBUSY, "busy: another samv command is writing to this "
					      "repository (waited %gs; see SAMV_LOCK_TIMEOUT)", wait);
		nanosleep(&ts, NULL);
		waited += 0.05;
	}
	return 0;
}

/* With the suite's lock held, a journal left behind is a dead writer's.
 * The line saying what was repaired is printed here, not returned: it must
 * be said even when the command itself then fails. */
static int recover(struct samv_txn *t)
{
	struct samv_buf note = SAMV_BUF_INIT;
	int rc = samv_recover_locked(t->s->repo, t->s->workdir, &note);

	if (note.len)
		fprintf(stderr, "%.*s: %s\n", (int)strcspn(t->command, " "), t->command, note.ptr);
	samv_buf_free(&note);
	return rc;
}

static int pin_tip(struct samv_txn *t)
{
	git_reference *head = NULL;
	int rc = 0, e;

	if (git_reference_lookup(&head, t->s->repo, "HEAD") < 0)
		return samv_error_git(SAMV_ERROR, "cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		rc = samv_error_set(SAMV_EINVAL, "HEAD is detached; check out a branch before writing");
		goto out;
	}
	if (!(t->branch = strdup(git_reference_symbolic_target(head)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	e = git_reference_name_to_id(&t->tip, t->s->repo, t->branch);
	if (e == GIT_ENOTFOUND) {
		t->unborn = true;
	} else if (e < 0 || git_commit_lookup(&t->tip_commit, t->s->repo, &t->tip) < 0 ||
		   git_commit_tree(&t->tip_tree, t->tip_commit) < 0) {
		rc = samv_error_git(SAMV_ERROR, t->branch);
		goto out;
	}
	if ((rc = samv_view_tree(&t->view, t->s->repo, NULL)) < 0)
		goto out;
	if (t->tip_tree && git_tree_dup(&t->view->tree, t->tip_tree) < 0) {
		rc = samv_error_git(SAMV_ERROR, "tree");
		goto out;
	}
	t->view->stage = &t->stage;
	/* people go to their ref when it exists and the branch keeps none */
	if (!samv_people_in_tree(t->tip_tree)) {
		git_tree *dup = NULL;

		/* what git clone, fetch or pull brought is taken first */
		if ((rc = samv_people_catch_up(t->s->repo)) < 0 ||
		    (rc = samv_people_tip(&t->people_tip, &t->people_exists, &t->people_tree, t->s->repo)) < 0)
			goto out;
		if (!(t->people_layout = t->people_exists))
			goto out;
		if (t->people_tree && git_tree_dup(&dup, t->people_tree) < 0) {
			rc = samv_error_git(SAMV_ERROR, "tree");
			goto out;
		}
		if ((rc = samv_view_set_people(t->view, dup)) < 0)
			git_tree_free(dup);
	}
out:
	git_reference_free(head);
	return rc;
}

int samv_txn_begin(struct samv_txn **out, struct samv_store *s, const char *command)
{
	struct samv_txn *t;
	double wait;
	int rc;

	*out = NULL;
	if ((rc = samv_env_lock_timeout(&wait)) < 0)
		return rc;
	t = calloc(1, sizeof(*t));
	if (!t || !(t->command = strdup(command))) {
		free(t);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	t->s = s;
	t->lockfd = -1;
	/* a coordinator's record must survive a power cut: fsync objects and
	 * refs too (measured: a few ms a commit, docs/PERFORMANCE.md) */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	if ((rc = take_lock(t, wait)) < 0 || (rc = recover(t)) < 0 ||
	    (rc = samv_journal_begin(&t->journal, s->repo, s->workdir, wait)) < 0 ||
	    (rc = pin_tip(t)) < 0) {
		samv_txn_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

struct samv_view *samv_txn_view(struct samv_txn *t)
{
	return t->view;
}

int samv_txn_put(struct samv_txn *t, const char *path, const char *text, size_t len)
{
	return samv_txn_put_mode(t, path, text, len, 0);
}

const char *samv_txn_branch(struct samv_txn *t)
{
	return t->branch;
}

int samv_txn_people(struct samv_txn *t, const git_oid **tip, git_tree **tree)
{
	*tip = NULL;
	*tree = NULL;
	if (!t->people_layout)
		return samv_error_set(SAMV_EINVAL, "this repository keeps its people on the branch (people/), "
				      "not on %s; see Personal data in samv(7)", SAMV_PEOPLE_REF);
	if (t->people_exists) {
		*tip = &t->people_tip;
		*tree = t->people_tree;
	}
	return 0;
}

void samv_txn_hide_people(struct samv_txn *t)
{
	t->hide_people = true;
}

const git_oid *samv_txn_tip(struct samv_txn *t)
{
	return t->unborn ? NULL : &t->tip;
}

int samv_txn_merge_parent(struct samv_txn *t, const git_oid *other)
{
	if (t->unborn)
		return samv_error_set(SAMV_EINVAL, "cannot merge into an unborn branch");
	t->merge = true;
	git_oid_cpy(&t->other, other);
	return 0;
}

int samv_txn_fast_forward(struct samv_txn *t, const git_oid *to)
{
	t->ff = true;
	git_oid_cpy(&t->other, to);
	return 0;
}

int samv_txn_put_mode(struct samv_txn *t, const char *path, const char *text, size_t len, unsigned mode)
{
	struct samv_staged *st = NULL;
	size_t i;
	int rc;

	/* never a person on the branch of a clone that lacks the people ref */
	if (!t->people_layout && samv_people_path(path) && (rc = samv_view_people_check(t->view)) < 0)
		return rc;
	for (i = 0; i < t->stage.n; i++)
		if (!strcmp(t->stage.v[i].path, path))
			st = &t->stage.v[i];
	if (!st) {
		if (t->stage.n == t->stage.cap) {
			size_t cap = t->stage.cap ? t->stage.cap * 2 : 8;
			struct samv_staged *nv = realloc(t->stage.v, cap * sizeof(*nv));

			if (!nv)
				return samv_error_set(SAMV_ERROR, "out of memory");
			t->stage.v = nv;
			t->stage.cap = cap;
		}
		st = &t->stage.v[t->stage.n];
		memset(st, 0, sizeof(*st));
		if (!(st->path = strdup(path)))
			return samv_error_set(SAMV_ERROR, "out of memory");
		t->stage.n++;
	}
	free(st->text);
	st->text = NULL;
	st->len = 0;
	st->mode = mode;
	if (text) {
		if (!(st->text = malloc(len + 1)))
			return samv_error_set(SAMV_ERROR, "out of memory");
		memcpy(st->text, text, len);
		st->text[len] = '\0';
		st->len = len;
	}
	return 0;
}

static int ref_exists(const struct samv_field *f, const struct samv_type *target, const char *id, void *arg)
{
	struct samv_txn *t = arg;
	char path[256], lister[64];

	if (samv_type_path(path, sizeof(path), target, id) < 0)
		return SAMV_ERROR;
	if (!samv_view_exists(t->view, path))
		return samv_error_setp(SAMV_EINVAL, "%s: unknown %s '%s' (see %s)", f->name, samv_type_the(target),
				       id, samv_type_lister(lister, target));
	return 0;
}

int samv_txn_trailer(struct samv_txn *t, const char *key, const char *value)
{
	char line[512];
	size_t n;
	const char *p;

	if (!value || !*value || strchr(value, '\n'))
		return 0;
	n = (size_t)snprintf(line, sizeof(line), "%s: %s\n", key, value);
	if (n >= sizeof(line))
		return samv_error_set(SAMV_EINVAL, "trailer %s too long", key);
	for (p = t->trailers.ptr; p && (p = strstr(p, line)); p++)
		if (p == t->trailers.ptr || p[-1] == '\n')
			return 0;
	return samv_buf_puts(&t->trailers, line);
}

/* A record names itself ("Samv-Meeting: ID") and what its TRAILER fields
 * refer to ("Samv-Arena: ID"), so that git log --grep finds every commit
 * about an arena, a meeting or a decision. */
static int record_trailers(struct samv_txn *t, const struct samv_type *type, const cJSON *rec, bool own_only)
{
	const struct samv_type *target;
	const char *id = samv_record_str(rec, "id"), *v;
	size_t i;

	if (type->trailer && samv_txn_trailer(t, type->trailer, id) < 0)
		return SAMV_ERROR;
	for (i = 0; i < type->nfields && !own_only; i++) {
		const struct samv_field *f = &type->fields[i];

		if (!(f->flags & SAMV_FL_TRAILER) || !(target = samv_type_find(f->ref)) || !target->trailer)
			continue;
		if ((v = samv_record_str(rec, f->name)) && samv_txn_trailer(t, target->trailer, v) < 0)
			return SAMV_ERROR;
	}
	return 0;
}

/* Once there is an Agreement, the purposes a record serves must be its;
 * one it served before the purpose left the Agreement may stay. */
static int check_keys(struct samv_txn *t, const struct samv_type *type, const cJSON *rec)
{
	const struct samv_type *purpose = samv_type_find("purpose");
	const cJSON *it, *was;
	cJSON *old = NULL;
	char path[256];
	size_t i;
	int rc = 0;

	if (!samv_view_exists(t->view, "agreement/agreement.json"))
		return 0;
	for (i = 0; i < type->nfields && rc == 0; i++) {
		if (type->fields[i].kind != SAMV_F_KEYS || !cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(rec, type->fields[i].name)))
			continue;
		if (!old && samv_record_load(&old, t->view, type, samv_record_str(rec, "id")) < 0)
			samv_error_clear();
		was = cJSON_GetObjectItemCaseSensitive(old, type->fields[i].name);
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, type->fields[i].name)) {
			if (!cJSON_IsString(it) || samv_json_has(was, it->valuestring) ||
			    samv_type_path(path, sizeof(path), purpose, it->valuestring) < 0)
				continue;
			if (!samv_view_exists(t->view, path)) {
				rc = samv_error_set(SAMV_EINVAL, "%s: the Agreement has no purpose '%s' "
						    "(see samv-agreement show)", type->fields[i].name, it->valuestring);
				break;
			}
		}
	}
	cJSON_Delete(old);
	return rc;
}

/* Every id a record refers to must name a record of the right type. */
static int check_refs(struct samv_txn *t, const struct samv_type *type, const cJSON *rec)
{
	int rc = samv_record_refs(type, rec, ref_exists, t);

	return rc ? rc : check_keys(t, type, rec);
}

static int put_record(struct samv_txn *t, const struct samv_type *type, const cJSON *rec, bool own_only)
{
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	struct samv_buf text = SAMV_BUF_INIT;
	const char *id = samv_record_str(rec, "id");
	char path[256];
	int rc;

	if (type == samv_type_repository())
		strcpy(path, SAMV_REPO_FILE);
	else if (!id || (rc = samv_type_path(path, sizeof(path), type, id)) < 0)
		return samv_error_setp(SAMV_EINVAL, "the %s has no valid id", samv_type_the(type));
	if ((rc = samv_record_validate(&pr, type, rec, path, NULL)) < 0)
		goto out;
	if (pr.n) {
		rc = samv_error_set_pair(SAMV_EINVAL, pr.v[0].msg, pr.v[0].text);
		goto out;
	}
	if ((rc = check_refs(t, type, rec)) < 0 || (rc = samv_record_format(&text, type, rec)) < 0 ||
	    (rc = record_trailers(t, type, rec, own_only)) < 0)
		goto out;
	rc = samv_txn_put(t, path, text.ptr, text.len);
out:
	samv_buf_free(&text);
	samv_problems_free(&pr);
	return rc;
}

int samv_txn_put_record(struct samv_txn *t, const struct samv_type *type, const cJSON *rec)
{
	return put_record(t, type, rec, false);
}

int samv_txn_put_consequence(struct samv_txn *t, const struct samv_type *type, const cJSON *rec)
{
	return put_record(t, type, rec, true);
}

int samv_txn_remove_record(struct samv_txn *t, const struct samv_type *type, const char *id)
{
	char path[256];
	int rc;

	if ((rc = samv_type_path(path, sizeof(path), type, id)) < 0)
		return rc;
	return samv_txn_put(t, path, NULL, 0);
}

/* ---- commit ---------------------------------------------------------- */

static int tip_blob(git_oid *out, struct samv_txn *t, const char *path)
{
	git_tree_entry *e = NULL;
	int found;

	if (!t->tip_tree || git_tree_entry_bypath(&e, t->tip_tree, path) < 0)
		return 0;
	found = git_tree_entry_type(e) == GIT_OBJECT_BLOB;
	if (found)
		git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return found;
}

/* A file this write touches must equal the tip in the work tree and index:
 * otherwise local changes would be overwritten or committed by surprise. */
static int check_clean(struct samv_txn *t, const struct samv_gitindex *index)
{
	struct samv_buf text = SAMV_BUF_INIT;
	git_oid want, have, staged;
	bool ie;
	char *full = NULL;
	size_t i;
	int rc = 0, in_tip;
	FILE *f;

	for (i = 0; i < t->stage.n && rc == 0; i++) {
		const char *path = t->stage.v[i].path;

		in_tip = tip_blob(&want, t, path);
		ie = samv_gitindex_find(index, path, 0, &staged);
		if ((ie && (!in_tip || !git_oid_equal(&staged, &want))) || (!ie && in_tip) ||
		    samv_gitindex_find(index, path, 1, NULL) || samv_gitindex_find(index, path, 2, NULL) ||
		    samv_gitindex_find(index, path, 3, NULL)) {
			rc = samv_error_set(SAMV_EDIRTY, "'%s' has staged changes; commit or reset them first",
					    path);
			break;
		}
		free(full);
		if (asprintf(&full, "%s%s", t->s->workdir, path) < 0) {
			full = NULL;
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			break;
		}
		f = fopen(full, "rb");
		if (!f) {
			if (in_tip)
				rc = samv_error_set(SAMV_EDIRTY, "'%s' was deleted in the work tree; "
						    "restore it first (git checkout -- '%s')", path, path);
			continue;
		}
		text.len = 0;
		rc = samv_buf_read(&text, f, 64 * 1024 * 1024);
		fclose(f);
		if (rc < 0)
			break;
		if (git_odb_hash(&have, text.ptr, text.len, GIT_OBJECT_BLOB) < 0) {
			rc = samv_error_git(SAMV_ERROR, path);
			break;
		}
		if (!in_tip)
			rc = samv_error_set(SAMV_EDIRTY, "'%s' exists in the work tree but not in the branch; "
					    "move it away first", path);
		else if (!git_oid_equal(&have, &want))
			rc = samv_error_set(SAMV_EDIRTY, "'%s' has local changes; commit or restore them first",
					    path);
	}
	free(full);
	samv_buf_free(&text);
	return rc;
}

static int build_tree(git_oid *out, struct samv_txn *t)
{
	git_tree_update *up = calloc(t->stage.n + 1, sizeof(*up));
	git_treebuilder *tb = NULL;
	git_tree *base = NULL;
	git_oid empty, dummy;
	size_t i, n = 0;
	int rc = SAMV_ERROR;

	free(t->blobs);
	if (!up || !(t->blobs = calloc(t->stage.n + 1, sizeof(*t->blobs)))) {
		free(up);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	for (i = 0; i < t->stage.n; i++) {
		struct samv_staged *st = &t->stage.v[i];

		if (!st->text && !tip_blob(&dummy, t, st->path))
			continue;
		up[n].path = st->path;
		up[n].action = st->text ? GIT_TREE_UPDATE_UPSERT : GIT_TREE_UPDATE_REMOVE;
		up[n].filemode = st->mode ? (git_filemode_t)st->mode : GIT_FILEMODE_BLOB;
		if (st->text && git_blob_create_from_buffer(&up[n].id, t->s->repo, st->text, st->len) < 0) {
			samv_error_git(SAMV_EIO, "cannot write object");
			goto out;
		}
		if (st->text)
			git_oid_cpy(&t->blobs[i], &up[n].id);
		n++;
	}
	if (t->tip_tree) {
		base = t->tip_tree;
	} else if (git_treebuilder_new(&tb, t->s->repo, NULL) < 0 || git_treebuilder_write(&empty, tb) < 0 ||
		   git_tree_lookup(&base, t->s->repo, &empty) < 0) {
		samv_error_git(SAMV_EIO, "cannot write tree");
		goto out;
	}
	if (git_tree_create_updated(out, t->s->repo, base, n, up) < 0) {
		samv_error_git(SAMV_EIO, "cannot write tree");
		goto out;
	}
	rc = 0;
out:
	if (base != t->tip_tree)
		git_tree_free(base);
	git_treebuilder_free(tb);
	free(up);
	return rc;
}

static int make_message(struct samv_buf *msg, struct samv_txn *t, const char *subject, const char *body)
{
	size_t i;

	if (samv_buf_printf(msg, "%s\n\n", subject) < 0)
		return SAMV_ERROR;
	if (body && *body && samv_buf_printf(msg, "%s%s\n", body, body[strlen(body) - 1] == '\n' ? "" : "\n") < 0)
		return SAMV_ERROR;
	if (samv_buf_printf(msg, "Samv-Command: %s\n", t->command) < 0)
		return SAMV_ERROR;
	if (t->trailers.len && samv_buf_put(msg, t->trailers.ptr, t->trailers.len) < 0)
		return SAMV_ERROR;
	/* a merge stages everything that came in: its Samv-Record trailers are
	 * only the records merged field by field, given by the caller */
	for (i = 0; !t->merge && i < t->stage.n; i++)
		if (!(t->hide_people && samv_people_path(t->stage.v[i].path)) &&
		    samv_buf_printf(msg, "Samv-Record: %s\n", t->stage.v[i].path) < 0)
			return SAMV_ERROR;
	return samv_buf_printf(msg, "Samv-Version: %s\n", SAMV_VERSION);
}

static int mkdirs(struct samv_txn *t, const char *full)
{
	char *copy = strdup(full), *dir;
	struct stat sb;
	int rc = 0;

	if (!copy)
		return samv_error_set(SAMV_ERROR, "out of memory");
	dir = dirname(copy);
	if (stat(dir, &sb) == 0)
		goto out;
	if ((rc = mkdirs(t, dir)) < 0)
		goto out;
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		rc = samv_error_set(SAMV_EIO, "cannot create '%s': %s", dir, strerror(errno));
		goto out;
	}
	{
		char **nv = realloc(t->made_dirs, (t->nmade + 1) * sizeof(*nv));

		if (!nv || !(nv[t->nmade] = strdup(dir))) {
			if (nv)
				t->made_dirs = nv;
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		t->made_dirs = nv;
		t->nmade++;
	}
out:
	free(copy);
	return rc;
}

/* The staged content into its temporary file, named in the journal's plan
 * before it is created, so that a crash leaves nothing unaccounted for. */
static int write_temp(struct samv_txn *t, const struct samv_staged *st, const struct samv_jentry *e)
{
	char *tmp = samv_journal_tmp(t->journal, e);
	size_t off = 0;
	ssize_t n;
	int fd = -1, rc = SAMV_EIO;

	if (!tmp)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if ((rc = mkdirs(t, tmp)) < 0)
		goto out;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
		  st->mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 0777 : 0666);
	if (fd < 0) {
		rc = samv_error_set(SAMV_EIO, "cannot write '%s': %s", st->path, strerror(errno));
		goto out;
	}
	while (off < st->len) {
		if ((n = write(fd, st->text + off, st->len - off)) < 0) {
			if (errno == EINTR)
				continue;
			rc = samv_error_set(SAMV_EIO, "cannot write '%s': %s", st->path, strerror(errno));
			goto out;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0) {
		rc = samv_error_set(SAMV_EIO, "cannot write '%s': %s", st->path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = samv_error_set(SAMV_EIO, "cannot write '%s': %s", st->path, strerror(errno));
	free(tmp);
	return rc;
}

/* Before the commit point: the plan (durable), then the temporary files. */
static int prepare_files(struct samv_txn *t, const git_oid *commit)
{
	char name[64];
	size_t i;
	int rc;

	for (i = 0; i < t->stage.n; i++) {
		const struct samv_staged *st = &t->stage.v[i];

		snprintf(name, sizeof(name), ".samv-tmp-%ld-%zu", (long)getpid(), i);
		if ((rc = samv_journal_add(t->journal, st->path, st->text ? name : NULL, &t->blobs[i], st->mode)) < 0)
			return rc;
	}
	if ((rc = samv_journal_plan(t->journal, t->branch, t->unborn ? NULL : &t->tip, commit)) < 0)
		return rc;
	for (i = 0; i < t->stage.n; i++)
		if (t->stage.v[i].text && (rc = write_temp(t, &t->stage.v[i], &t->journal->v[i])) < 0)
			return rc;
	return 0;
}

/* Undo a write that did not reach its commit point. */
static void undo_files(struct samv_txn *t)
{
	if (t->journal && !t->journal->done && !t->committed)
		samv_journal_abort(t->journal);
	while (t->nmade > 0) {
		t->nmade--;
		rmdir(t->made_dirs[t->nmade]);
		free(t->made_dirs[t->nmade]);
	}
}

static int update_branch(struct samv_txn *t, const git_oid *id, const char *subject)
{
	git_reference *ref = NULL;
	char *log = NULL;
	int e;

	if (asprintf(&log, "%s: %s", t->command, subject) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (t->unborn)
		e = git_reference_create(&ref, t->s->repo, t->branch, id, 0, log);
	else
		e = git_reference_create_matching(&ref, t->s->repo, t->branch, id, 1, &t->tip, log);
	free(log);
	git_reference_free(ref);
	if (e == GIT_EMODIFIED || e == GIT_EEXISTS)
		return samv_error_set(SAMV_EBUSY, "busy: %s moved while writing (a concurrent git commit?); "
				      "nothing was changed, run the command again", t->branch);
	if (e == GIT_ELOCKED)
		return samv_error_set(SAMV_EBUSY, "busy: '.git/%s.lock' exists: a git process is running, or one "
				      "was killed (remove the file if no git process is running)", t->branch);
	if (e < 0)
		return samv_error_git(SAMV_EIO, "cannot update the branch");
	return 0;
}

static int make_commit(git_oid *out, struct samv_txn *t, const git_oid *tree_id, const char *subject,
		       const char *body)
{
	git_signature *author = NULL, *committer = NULL;
	struct samv_buf msg = SAMV_BUF_INIT;
	const git_commit *parents[2];
	git_commit *other = NULL;
	git_tree *tree = NULL;
	int rc;

	if ((rc = samv_sig_author(&author, t->s->repo)) < 0 ||
	    (rc = samv_sig_committer(&committer, t->s->repo)) < 0)
		goto out;
	if ((rc = make_message(&msg, t, subject, body)) < 0)
		goto out;
	if (git_tree_lookup(&tree, t->s->repo, tree_id) < 0 ||
	    (t->merge && git_commit_lookup(&other, t->s->repo, &t->other) < 0)) {
		rc = samv_error_git(SAMV_EIO, "tree");
		goto out;
	}
	parents[0] = t->tip_commit;
	parents[1] = other;
	if (git_commit_create(out, t->s->repo, NULL, author, committer, NULL, msg.ptr, tree,
			      t->unborn ? 0 : t->merge ? 2 : 1, parents) < 0)
		rc = samv_error_git(SAMV_EIO, "cannot write commit");
out:
	git_commit_free(other);
	git_tree_free(tree);
	git_signature_free(author);
	git_signature_free(committer);
	samv_buf_free(&msg);
	return rc;
}

/* The staged people/ files, taken out of the stage, become one commit on
 * the people ref, with the same subject and trailers as the branch's. */
static int commit_people(struct samv_txn *t, const char *subject, const char *body, bool *changed)
{
	struct samv_stage main = t->stage, people = { NULL, 0, 0 };
	struct samv_buf msg = SAMV_BUF_INIT;
	char *log = NULL;
	size_t i, k = 0;
	int rc = 0;

	*changed = false;
	if (!(people.v = calloc(t->stage.n + 1, sizeof(*people.v))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < t->stage.n; i++) {
		if (samv_people_path(t->stage.v[i].path))
			people.v[people.n++] = t->stage.v[i];
		else
			t->stage.v[k++] = t->stage.v[i];
	}
	t->stage.n = k;
	main = t->stage;
	if (!people.n)
		goto out;
	/* the message's Samv-Record trailers are those of the people files */
	t->stage = people;
	rc = make_message(&msg, t, subject, body);
	t->stage = main;
	if (rc < 0 || asprintf(&log, "%s: %s", t->command, subject) < 0) {
		log = NULL;
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	rc = samv_people_commit(t->s->repo, t->people_exists ? &t->people_tip : NULL, t->people_tree, people.v,
				people.n, msg.ptr, log, changed);
out:
	for (i = 0; i < people.n; i++) {
		free(people.v[i].path);
		free(people.v[i].text);
	}
	free(people.v);
	free(log);
	samv_buf_free(&msg);
	return rc;
}

int samv_txn_commit(struct samv_txn *t, const char *subject, const char *body, bool *changed)
{
	struct samv_gitindex index = { 0 };
	git_oid tree_id, commit_id;
	size_t i;
	bool people = false;
	int rc = 0;

	*changed = false;
	if (t->people_layout && (rc = commit_people(t, subject, body, &people)) < 0)
		goto out;
	*changed = people;
	if (people && !t->stage.n && !t->merge && !t->ff)
		goto out; /* only people changed: the branch stays */
	if ((rc = build_tree(&tree_id, t)) < 0)
		goto out;
	if (t->ff) {
		git_commit *to = NULL;

		if (git_commit_lookup(&to, t->s->repo, &t->other) < 0) {
			rc = samv_error_git(SAMV_ERROR, "cannot read the commit to move to");
			goto out;
		}
		rc = git_oid_equal(git_commit_tree_id(to), &tree_id)
			     ? 0
			     : samv_error_set(SAMV_ERROR, "the files staged do not make the tree of the commit to move to");
		git_commit_free(to);
		if (rc < 0)
			goto out;
		git_oid_cpy(&commit_id, &t->other);
	} else if (!t->merge && t->tip_tree && git_oid_equal(&tree_id, git_tree_id(t->tip_tree))) {
		goto out; /* nothing changes: no commit */
	}
	/* index.lock is held since samv_txn_begin: the index read here is the
	 * one the new index replaces */
	if ((rc = samv_journal_index(t->journal, &index)) < 0 || (rc = check_clean(t, &index)) < 0)
		goto out;
	if (!t->ff && (rc = make_commit(&commit_id, t, &tree_id, subject, body)) < 0)
		goto out;
	if ((rc = prepare_files(t, &commit_id)) < 0 || (rc = samv_journal_prepare_index(t->journal, &index)) < 0 ||
	    (rc = update_branch(t, &commit_id, subject)) < 0)
		goto undo;
	*changed = true;
	t->committed = true;
	/* the directories now belong to the commit: forget them */
	for (i = 0; i < t->nmade; i++)
		free(t->made_dirs[i]);
	t->nmade = 0;
	if ((rc = samv_journal_finish(t->journal)) < 0)
		rc = samv_error_set(SAMV_EIO, "committed %.12s, but %s; the next samv command (or samv check) "
				    "finishes the write", git_oid_tostr_s(&commit_id), samv_error_last());
	goto out;
undo:
	undo_files(t);
out:
	samv_gitindex_free(&index);
	return rc;
}

void samv_txn_free(struct samv_txn *t)
{
	size_t i;

	if (!t)
		return;
	undo_files(t);
	free(t->made_dirs);
	/* after a failure past the commit point the journal and index.lock
	 * stay, for the next samv command to finish the write */
	samv_journal_free(t->journal);
	for (i = 0; i < t->stage.n; i++) {
		free(t->stage.v[i].path);
		free(t->stage.v[i].text);
	}
	free(t->stage.v);
	free(t->blobs);
	samv_view_free(t->view);
	git_tree_free(t->tip_tree);
	git_tree_free(t->people_tree);
	git_commit_free(t->tip_commit);
	free(t->branch);
	free(t->command);
	samv_buf_free(&t->trailers);
	if (t->lockfd >= 0)
		close(t->lockfd); /* releases the flock */
	free(t);
}
