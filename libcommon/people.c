/*
 * people.c - the people records on a ref of their own.
 *
 * Names, e-mail addresses and telephone numbers are kept out of the main
 * branch, whose history is the audit trail and is never rewritten: the
 * main branch refers to people by ids that carry no name, and the people
 * records live on refs/samv/people, a commit chain of their own (one file
 * a person, at the path it had on the main branch) that can be rewritten
 * when a person's data must be erased (samv-person(1), forget).  Readers
 * see both as one tree (store.c); writes move the ref by compare-and-swap,
 * as txn.c moves the branch.  On a remote the chain is the branch
 * samv-people, which plain git clone, fetch and pull bring as
 * refs/remotes/REMOTE/samv-people: readers take it when this clone has no
 * chain yet or is behind it, and the next write moves the ref there.
 */
#include <stdlib.h>
#include <string.h>

#include "people.h"

bool samv_people_path(const char *path)
{
	size_t n = strlen(SAMV_PEOPLE_DIR);

	if (*path == '/')
		path++;
	return !strncmp(path, SAMV_PEOPLE_DIR, n) && (path[n] == '\0' || path[n] == '/');
}

bool samv_people_in_tree(git_tree *main_tree)
{
	return main_tree && git_tree_entry_byname(main_tree, SAMV_PEOPLE_DIR);
}

int samv_people_tip(git_oid *tip, bool *exists, git_tree **tree, git_repository *repo)
{
	git_commit *c = NULL;
	int e;

	*exists = false;
	if (tree)
		*tree = NULL;
	e = git_reference_name_to_id(tip, repo, SAMV_PEOPLE_REF);
	if (e == GIT_ENOTFOUND)
		return 0;
	if (e < 0 || git_commit_lookup(&c, repo, tip) < 0 || (tree && git_commit_tree(tree, c) < 0)) {
		git_commit_free(c);
		return samv_error_git(SAMV_ERROR, SAMV_PEOPLE_REF);
	}
	git_commit_free(c);
	*exists = true;
	return 0;
}

/* A people chain git fetched from a remote (refs/remotes/REMOTE/samv-people)
 * that this clone is behind: the first one, in name order, when it has no
 * people ref; else one that is a strict descendant of local. */
static int fetched_ahead(git_oid *out, bool *found, git_repository *repo, const git_oid *local)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;

	*found = false;
	if (git_reference_iterator_glob_new(&it, repo, SAMV_PEOPLE_TRACKING_GLOB) < 0)
		return samv_error_git(SAMV_ERROR, "cannot list references");
	while (!*found && git_reference_next(&ref, it) == 0) {
		const git_oid *id = git_reference_target(ref);

		if (id && (!local || (!git_oid_equal(id, local) && git_graph_descendant_of(repo, id, local) == 1))) {
			git_oid_cpy(out, id);
			*found = true;
		}
		git_reference_free(ref);
		ref = NULL;
	}
	git_reference_iterator_free(it);
	git_error_clear();
	return 0;
}

int samv_people_current(git_oid *tip, bool *exists, git_tree **tree, git_repository *repo)
{
	git_commit *c = NULL;
	git_oid ahead;
	bool found;
	int rc;

	if (tree)
		*tree = NULL;
	if ((rc = samv_people_tip(tip, exists, NULL, repo)) < 0 ||
	    (rc = fetched_ahead(&ahead, &found, repo, *exists ? tip : NULL)) < 0)
		return rc;
	if (found) {
		git_oid_cpy(tip, &ahead);
		*exists = true;
	}
	if (*exists && tree && (git_commit_lookup(&c, repo, tip) < 0 || git_commit_tree(tree, c) < 0))
		rc = samv_error_git(SAMV_ERROR, SAMV_PEOPLE_REF);
	git_commit_free(c);
	return rc;
}

int samv_people_catch_up(git_repository *repo)
{
	git_reference *ref = NULL;
	git_oid local, ahead;
	bool exists, found;
	int rc, e;

	if ((rc = samv_people_tip(&local, &exists, NULL, repo)) < 0 ||
	    (rc = fetched_ahead(&ahead, &found, repo, exists ? &local : NULL)) < 0 || !found)
		return rc;
	e = exists ? git_reference_create_matching(&ref, repo, SAMV_PEOPLE_REF, &ahead, 1, &local,
						   "samv: people fetched by git")
		   : git_reference_create(&ref, repo, SAMV_PEOPLE_REF, &ahead, 0, "samv: people fetched by git");
	git_reference_free(ref);
	if (e == GIT_EMODIFIED || e == GIT_EEXISTS || e == GIT_ELOCKED)
		return samv_error_set(SAMV_EBUSY, "busy: %s moved while writing; nothing was changed, run the "
				      "command again", SAMV_PEOPLE_REF);
	return e < 0 ? samv_error_git(SAMV_EIO, "cannot update " SAMV_PEOPLE_REF) : 0;
}

static int empty_tree(git_tree **out, git_repository *repo)
{
	git_treebuilder *tb = NULL;
	git_oid id;
	int rc = 0;

	if (git_treebuilder_new(&tb, repo, NULL) < 0 || git_treebuilder_write(&id, tb) < 0 ||
	    git_tree_lookup(out, repo, &id) < 0)
		rc = samv_error_git(SAMV_EIO, "cannot write tree");
	git_treebuilder_free(tb);
	return rc;
}

int samv_people_commit(git_repository *repo, const git_oid *old, git_tree *old_tree, const struct samv_staged *v,
		       size_t n, const char *message, const char *log, bool *changed)
{
	return samv_people_commit_on(repo, old, old_tree, old, v, n, message, log, changed);
}

int samv_people_commit_on(git_repository *repo, const git_oid *old, git_tree *old_tree, const git_oid *expected,
			  const struct samv_staged *v, size_t n, const char *message, const char *log, bool *changed)
{
	git_signature *author = NULL, *committer = NULL;
	git_tree_update *up = calloc(n + 1, sizeof(*up));
	git_tree *base = old_tree, *tree = NULL;
	git_commit *parent = NULL;
	git_reference *ref = NULL;
	git_tree_entry *e = NULL;
	git_oid tree_id, commit_id;
	size_t i, k = 0;
	int rc = 0, err;

	*changed = false;
	if (!up)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (!base && (rc = empty_tree(&base, repo)) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		bool present = git_tree_entry_bypath(&e, base, v[i].path) == 0;

		git_tree_entry_free(e);
		e = NULL;
		if (!v[i].text && !present)
			continue;
		up[k].path = v[i].path;
		up[k].action = v[i].text ? GIT_TREE_UPDATE_UPSERT : GIT_TREE_UPDATE_REMOVE;
		up[k].filemode = GIT_FILEMODE_BLOB;
		if (v[i].text && git_blob_create_from_buffer(&up[k].id, repo, v[i].text, v[i].len) < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot write object");
			goto out;
		}
		k++;
	}
	if (git_tree_create_updated(&tree_id, repo, base, k, up) < 0 || git_tree_lookup(&tree, repo, &tree_id) < 0) {
		rc = samv_error_git(SAMV_EIO, "cannot write tree");
		goto out;
	}
	if (old && expected && git_oid_equal(old, expected) && git_oid_equal(&tree_id, git_tree_id(base)))
		goto out;
	if ((rc = samv_sig_author(&author, repo)) < 0 || (rc = samv_sig_committer(&committer, repo)) < 0)
		goto out;
	if (old && git_commit_lookup(&parent, repo, old) < 0) {
		rc = samv_error_git(SAMV_ERROR, SAMV_PEOPLE_REF);
		goto out;
	}
	if (git_commit_create(&commit_id, repo, NULL, author, committer, NULL, message, tree, old ? 1 : 0,
			      (const git_commit **)&parent) < 0) {
		rc = samv_error_git(SAMV_EIO, "cannot write commit");
		goto out;
	}
	/* the commit point: the ref moves only from the tip this write read */
	err = expected ? git_reference_create_matching(&ref, repo, SAMV_PEOPLE_REF, &commit_id, 1, expected, log)
		  : git_reference_create(&ref, repo, SAMV_PEOPLE_REF, &commit_id, 0, log);
	if (err == GIT_EMODIFIED || err == GIT_EEXISTS || err == GIT_ELOCKED)
		rc = samv_error_set(SAMV_EBUSY, "busy: %s moved while writing; nothing was changed, run the "
				    "command again", SAMV_PEOPLE_REF);
	else if (err < 0)
		rc = samv_error_git(SAMV_EIO, "cannot update " SAMV_PEOPLE_REF);
	else
		*changed = true;
out:
	git_reference_free(ref);
	git_commit_free(parent);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	if (base != old_tree)
		git_tree_free(base);
	free(up);
	return rc;
}

/* Whether the blob at path of tree is a person's record that still holds
 * their data (not a tombstone). */
static bool holds_data(git_repository *repo, git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	cJSON *rec = NULL;
	const char *status;
	bool holds = false;

	if (git_tree_entry_bypath(&e, tree, path) < 0)
		return false;
	if (git_blob_lookup(&b, repo, git_tree_entry_id(e)) == 0) {
		rec = cJSON_ParseWithLength(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
		status = samv_record_str(rec, "status");
		/* a blob that is no record is data all the same */
		holds = !status || strcmp(status, "forgotten") != 0;
	}
	cJSON_Delete(rec);
	git_blob_free(b);
	git_tree_entry_free(e);
	return holds;
}

int samv_people_chain_holds(bool *holds, char which[SAMV_ID_MAX + 1], git_repository *repo, const git_oid *tip,
			    const cJSON *ids)
{
	const struct samv_type *t = samv_type_find("person");
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	const cJSON *it;
	char path[256];
	git_oid id;
	int rc = 0, e;

	*holds = false;
	if (!cJSON_GetArraySize(ids))
		return 0;
	if (git_revwalk_new(&w, repo) < 0 || git_revwalk_push(w, tip) < 0) {
		rc = samv_error_git(SAMV_ERROR, "cannot walk " SAMV_PEOPLE_REF);
		goto out;
	}
	while (!*holds && (e = git_revwalk_next(&id, w)) == 0) {
		if (git_commit_lookup(&c, repo, &id) < 0 || git_commit_tree(&tree, c) < 0) {
			rc = samv_error_git(SAMV_ERROR, "cannot read " SAMV_PEOPLE_REF);
			goto out;
		}
		cJSON_ArrayForEach(it, ids) {
			if (!cJSON_IsString(it) || samv_type_path(path, sizeof(path), t, it->valuestring) < 0)
				continue;
			if (holds_data(repo, tree, path)) {
				*holds = true;
				snprintf(which, SAMV_ID_MAX + 1, "%s", it->valuestring);
				break;
			}
		}
		git_tree_free(tree);
		git_commit_free(c);
		tree = NULL;
		c = NULL;
	}
out:
	git_tree_free(tree);
	git_commit_free(c);
	git_revwalk_free(w);
	return rc;
}

struct forgotten_walk {
	git_repository *repo;
	git_tree *tree;
	cJSON *ids;
};

static int forgotten_fn(const char *root, const git_tree_entry *e, void *payload)
{
	struct forgotten_walk *f = payload;
	git_blob *b = NULL;
	cJSON *rec = NULL;
	const char *status, *id;
	int rc = 0;

	(void)root;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || git_blob_lookup(&b, f->repo, git_tree_entry_id(e)) < 0)
		return 0;
	rec = cJSON_ParseWithLength(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	if ((status = samv_record_str(rec, "status")) && !strcmp(status, "forgotten") &&
	    (id = samv_record_str(rec, "id")) && !cJSON_AddItemToArray(f->ids, cJSON_CreateString(id)))
		rc = -1;
	cJSON_Delete(rec);
	git_blob_free(b);
	return rc;
}

int samv_people_forgotten(cJSON **out, git_repository *repo, git_tree *tree)
{
	struct forgotten_walk f = { repo, tree, cJSON_CreateArray() };

	*out = NULL;
	if (!f.ids)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (tree && git_tree_walk(tree, GIT_TREEWALK_PRE, forgotten_fn, &f) < 0) {
		cJSON_Delete(f.ids);
		return samv_error_set(SAMV_ERROR, "cannot read " SAMV_PEOPLE_REF);
	}
	*out = f.ids;
	return 0;
}

/* Old commit ids and their rewritten ones. */
struct oidmap {
	git_oid *from, *to;
	size_t n, cap;
};

static const git_oid *oidmap_get(const struct oidmap *m, const git_oid *from)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (git_oid_equal(&m->from[i], from))
			return &m->to[i];
	return from;
}

static int oidmap_put(struct oidmap *m, const git_oid *from, const git_oid *to)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		git_oid *f = realloc(m->from, cap * sizeof(*f)), *t;

		if (!f)
			return samv_error_set(SAMV_ERROR, "out of memory");
		m->from = f;
		if (!(t = realloc(m->to, cap * sizeof(*t))))
			return samv_error_set(SAMV_ERROR, "out of memory");
		m->to = t;
		m->cap = cap;
	}
	git_oid_cpy(&m->from[m->n], from);
	git_oid_cpy(&m->to[m->n], to);
	m->n++;
	return 0;
}

/* The tree without the records of ids. */
static int tree_without(git_oid *out, git_repository *repo, git_tree *tree, const cJSON *ids)
{
	const struct samv_type *t = samv_type_find("person");
	size_t n = (size_t)cJSON_GetArraySize(ids), k = 0, i;
	git_tree_update *up = calloc(n + 1, sizeof(*up));
	char (*paths)[256] = calloc(n + 1, sizeof(*paths));
	git_tree_entry *e = NULL;
	const cJSON *it;
	int rc = 0;

	if (!up || !paths) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	i = 0;
	cJSON_ArrayForEach(it, ids) {
		if (!cJSON_IsString(it) || samv_type_path(paths[i], sizeof(paths[i]), t, it->valuestring) < 0)
			continue;
		if (git_tree_entry_bypath(&e, tree, paths[i]) == 0) {
			up[k].path = paths[i];
			up[k].action = GIT_TREE_UPDATE_REMOVE;
			k++;
		}
		git_tree_entry_free(e);
		e = NULL;
		i++;
	}
	if (!k)
		git_oid_cpy(out, git_tree_id(tree));
	else if (git_tree_create_updated(out, repo, tree, k, up) < 0)
		rc = samv_error_git(SAMV_EIO, "cannot write tree");
out:
	free(up);
	free(paths);
	return rc;
}

int samv_people_rewrite(git_oid *out, git_repository *repo, const git_oid *tip, const cJSON *ids)
{
	struct oidmap m = { NULL, NULL, 0, 0 };
	git_revwalk *w = NULL;
	git_commit *c = NULL, *parents[8];
	git_tree *tree = NULL, *newtree = NULL;
	git_oid id, tree_id, new_id;
	size_t np = 0, i;
	int rc = 0, e;

	if (git_revwalk_new(&w, repo) < 0 || git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(w, tip) < 0) {
		rc = samv_error_git(SAMV_ERROR, "cannot walk " SAMV_PEOPLE_REF);
		goto out;
	}
	while ((e = git_revwalk_next(&id, w)) == 0) {
		bool same = true;

		if (git_commit_lookup(&c, repo, &id) < 0 || git_commit_tree(&tree, c) < 0) {
			rc = samv_error_git(SAMV_ERROR, "cannot read " SAMV_PEOPLE_REF);
			goto out;
		}
		np = git_commit_parentcount(c);
		if (np > 8) {
			rc = samv_error_set(SAMV_EINVAL, "%s: a commit with more than 8 parents", SAMV_PEOPLE_REF);
			goto out;
		}
		for (i = 0; i < np; i++)
			if (!git_oid_equal(oidmap_get(&m, git_commit_parent_id(c, (unsigned)i)),
					   git_commit_parent_id(c, (unsigned)i)))
				same = false;
		if ((rc = tree_without(&tree_id, repo, tree, ids)) < 0)
			goto out;
		if (same && git_oid_equal(&tree_id, git_tree_id(tree))) {
			git_oid_cpy(&new_id, &id);
		} else {
			for (i = 0; i < np; i++)
				parents[i] = NULL;
			for (i = 0; i < np; i++)
				if (git_commit_lookup(&parents[i], repo,
						      oidmap_get(&m, git_commit_parent_id(c, (unsigned)i))) < 0)
					break;
			if (i < np || git_tree_lookup(&newtree, repo, &tree_id) < 0 ||
			    git_commit_create(&new_id, repo, NULL, git_commit_author(c), git_commit_committer(c),
					      git_commit_message_encoding(c), git_commit_message_raw(c), newtree, np,
					      (const git_commit **)parents) < 0)
				rc = samv_error_git(SAMV_EIO, "cannot write commit");
			for (i = 0; i < np; i++)
				git_commit_free(parents[i]);
			git_tree_free(newtree);
			newtree = NULL;
			if (rc < 0)
				goto out;
		}
		if ((rc = oidmap_put(&m, &id, &new_id)) < 0)
			goto out;
		git_tree_free(tree);
		git_commit_free(c);
		tree = NULL;
		c = NULL;
	}
	if (e != GIT_ITEROVER) {
		rc = samv_error_git(SAMV_ERROR, "cannot walk " SAMV_PEOPLE_REF);
		goto out;
	}
	git_oid_cpy(out, oidmap_get(&m, tip));
out:
	git_tree_free(tree);
	git_commit_free(c);
	git_revwalk_free(w);
	free(m.from);
	free(m.to);
	return rc;
}

bool samv_type_personal(const struct samv_type *t)
{
	return t && !strcmp(t->dir, SAMV_PEOPLE_DIR);
}

int samv_people_start(const char *dir)
{
	struct samv_staged none = { NULL, NULL, 0, 0 };
	git_repository *repo = NULL;
	git_oid tip;
	bool exists, changed;
	int rc = 0;

	if (git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		return samv_error_git(SAMV_ENOTFOUND, dir);
	if ((rc = samv_people_tip(&tip, &exists, NULL, repo)) == 0 && !exists)
		rc = samv_people_commit(repo, NULL, NULL, &none, 0,
					"people: start\n\nSamv-Command: samv-init\nSamv-Version: " SAMV_VERSION "\n",
					"samv-init", &changed);
	git_repository_free(repo);
	return rc;
}
