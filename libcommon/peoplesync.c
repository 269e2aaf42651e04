/*
 * peoplesync.c - samv-sync's share of the people ref (people.c).
 *
 * Before the branch is synced, the remote's refs/samv/people is fetched
 * to refs/samv/remotes/REMOTE/people and combined with ours: a
 * fast-forward, or a merge commit whose records are merged field by field
 * (a tombstone wins over the record it replaces), then pushed back.
 *
 * An erasure must not be undone by a clone that still has the data: when
 * the remote has forgotten a person (a tombstone) whose record is in any
 * commit of our chain, the sync is refused, saying what to run here.
 * When we have forgotten a person whose record is still in the remote's
 * chain, that chain is rewritten as ours was (people.c gives the same
 * commits) and pushed in its place.
 */
#include <stdlib.h>
#include <string.h>

#include "people.h"

static bool is_tombstone(git_repository *repo, const git_index_entry *e)
{
	git_blob *b = NULL;
	cJSON *rec = NULL;
	const char *status;
	bool yes = false;

	if (e && git_blob_lookup(&b, repo, &e->id) == 0) {
		rec = cJSON_ParseWithLength(git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
		yes = (status = samv_record_str(rec, "status")) && !strcmp(status, "forgotten");
	}
	cJSON_Delete(rec);
	git_blob_free(b);
	return yes;
}

static int side(struct samv_side *s, git_blob **b, git_repository *repo, const git_index_entry *e)
{
	s->text = NULL;
	s->len = 0;
	*b = NULL;
	if (!e)
		return 0;
	if (git_blob_lookup(b, repo, &e->id) < 0)
		return samv_error_git(SAMV_ERROR, "cannot read a blob");
	s->text = git_blob_rawcontent(*b);
	s->len = (size_t)git_blob_rawsize(*b);
	if (!s->text)
		s->text = "";
	return 0;
}

/* One path both sides changed: a tombstone wins, else field by field. */
static int resolve(git_index *idx, git_repository *repo, const git_index_entry *a, const git_index_entry *o,
		   const git_index_entry *t, enum samv_favor favor, struct samv_conflicts *c)
{
	const char *path = o ? o->path : t ? t->path : a->path;
	struct samv_side sa, so, st;
	git_blob *ba = NULL, *bo = NULL, *bt = NULL;
	struct samv_buf out = SAMV_BUF_INIT;
	const git_index_entry *win = NULL;
	git_index_entry e;
	char *p = strdup(path);
	size_t before = c->n;
	bool deleted = false;
	int rc = 0;

	if (!p)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (is_tombstone(repo, o))
		win = o;
	else if (is_tombstone(repo, t))
		win = t;
	memset(&e, 0, sizeof(e));
	if (win) {
		git_oid_cpy(&e.id, &win->id); /* not its stage: the entry is resolved */
	} else {
		if ((rc = side(&sa, &ba, repo, a)) < 0 || (rc = side(&so, &bo, repo, o)) < 0 ||
		    (rc = side(&st, &bt, repo, t)) < 0 ||
		    (rc = samv_merge_record(&out, &deleted, p, &sa, &so, &st, favor, c)) < 0 || c->n > before)
			goto out;
		if (!deleted && git_blob_create_from_buffer(&e.id, repo, out.ptr ? out.ptr : "", out.len) < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot write the merged record");
			goto out;
		}
	}
	e.mode = GIT_FILEMODE_BLOB;
	e.path = p;
	git_index_conflict_remove(idx, p);
	if (!deleted && git_index_add(idx, &e) < 0)
		rc = samv_error_git(SAMV_EIO, "cannot write the merged record");
out:
	samv_buf_free(&out);
	git_blob_free(ba);
	git_blob_free(bo);
	git_blob_free(bt);
	free(p);
	return rc;
}

static int commit_tree(git_tree **out, git_repository *repo, const git_oid *id)
{
	git_commit *c = NULL;
	int rc = 0;

	if (git_commit_lookup(&c, repo, id) < 0 || git_commit_tree(out, c) < 0)
		rc = samv_error_git(SAMV_ERROR, "cannot read " SAMV_PEOPLE_REF);
	git_commit_free(c);
	return rc;
}

/* The merge of ours and theirs, in *tree_id. */
static int merge(git_oid *tree_id, git_repository *repo, const git_oid *ours, const git_oid *theirs,
		 enum samv_favor favor, struct samv_conflicts *c)
{
	git_tree *tb = NULL, *to = NULL, *tt = NULL;
	git_index *idx = NULL;
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *a, *o, *t;
	git_merge_options mo;
	git_oid base;
	size_t guard;
	int rc;
	bool have_base = git_merge_base(&base, repo, ours, theirs) == 0;

	git_error_clear();
	git_merge_options_init(&mo, GIT_MERGE_OPTIONS_VERSION);
	if ((have_base && (rc = commit_tree(&tb, repo, &base)) < 0) || (rc = commit_tree(&to, repo, ours)) < 0 ||
	    (rc = commit_tree(&tt, repo, theirs)) < 0)
		goto out;
	if (git_merge_trees(&idx, repo, tb, to, tt, &mo) < 0) {
		rc = samv_error_git(SAMV_ERROR, "cannot merge " SAMV_PEOPLE_REF);
		goto out;
	}
	/* resolved one at a time: resolving changes the conflicts listed */
	for (guard = 0; rc == 0 && git_index_has_conflicts(idx); guard++) {
		if (guard > git_index_entrycount(idx)) {
			rc = samv_error_set(SAMV_ERROR, "cannot merge " SAMV_PEOPLE_REF);
			break;
		}
		if (git_index_conflict_iterator_new(&it, idx) < 0 || git_index_conflict_next(&a, &o, &t, it) < 0) {
			rc = samv_error_git(SAMV_ERROR, "cannot merge " SAMV_PEOPLE_REF);
			break;
		}
		rc = resolve(idx, repo, a, o, t, favor, c);
		git_index_conflict_iterator_free(it);
		it = NULL;
		if (rc == 0 && c->n)
			rc = samv_error_set(SAMV_ECONFLICT, "conflict");
	}
	if (rc == 0 && git_index_write_tree_to(tree_id, idx, repo) < 0)
		rc = samv_error_git(SAMV_EIO, "cannot write tree");
out:
	git_index_conflict_iterator_free(it);
	git_index_free(idx);
	git_tree_free(tb);
	git_tree_free(to);
	git_tree_free(tt);
	return rc;
}

static int merge_commit(git_oid *out, git_repository *repo, const git_oid *tree_id, const git_oid *ours,
			const git_oid *theirs, const char *remote)
{
	git_signature *author = NULL, *committer = NULL;
	git_commit *p[2] = { NULL, NULL };
	git_tree *tree = NULL;
	char *msg = NULL;
	int rc;

	if ((rc = samv_sig_author(&author, repo)) < 0 || (rc = samv_sig_committer(&committer, repo)) < 0)
		goto out;
	if (asprintf(&msg, "sync: merge %s's people\n\nSamv-Command: samv-sync\nSamv-Version: %s\n", remote,
		     SAMV_VERSION) < 0) {
		msg = NULL;
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (git_tree_lookup(&tree, repo, tree_id) < 0 || git_commit_lookup(&p[0], repo, ours) < 0 ||
	    git_commit_lookup(&p[1], repo, theirs) < 0 ||
	    git_commit_create(out, repo, NULL, author, committer, NULL, msg, tree, 2, (const git_commit **)p) < 0)
		rc = samv_error_git(SAMV_EIO, "cannot write commit");
out:
	free(msg);
	git_tree_free(tree);
	git_commit_free(p[0]);
	git_commit_free(p[1]);
	git_signature_free(author);
	git_signature_free(committer);
	return rc;
}

static int push(git_remote *remote, const char *name, bool force, bool *unverified)
{
	git_push_options po;
	struct samv_remote_auth a;
	char *spec = NULL;
	git_strarray specs;
	int rc;

	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	if ((rc = samv_remote_init(&a, &po.callbacks, git_remote_owner(remote), git_remote_url(remote))) < 0)
		goto out;
	if (asprintf(&spec, "%s%s:%s", force ? "+" : "", SAMV_PEOPLE_REF, SAMV_PEOPLE_BRANCH) < 0) {
		spec = NULL;
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	specs.strings = &spec;
	specs.count = 1;
	if (git_remote_push(remote, &specs, &po) < 0)
		rc = samv_remote_error(&a, "push to", name);
	*unverified |= a.unverified;
out:
	free(spec);
	samv_remote_auth_free(&a);
	return rc;
}

/* To a remote on this machine, by compare-and-swap from the tip fetched
 * (expected; NULL when the remote had none), as the branch (sync.c). */
static int push_local(git_remote *remote, const char *name, const char *path, const git_oid *expected,
		      bool *unverified)
{
	git_oid tip;
	int rc = samv_sync_push_local(&tip, remote, name, path, SAMV_PEOPLE_REF, SAMV_PEOPLE_BRANCH, expected,
				      unverified);

	if (rc == 1)
		rc = samv_error_set(SAMV_EBUSY, "busy: %s of '%s' moved while syncing (another clone pushed); "
				    "nothing of it was lost: run samv-sync again", SAMV_PEOPLE_BRANCH, name);
	return rc;
}

/* Move our people ref from old (NULL: none) to to, by compare-and-swap. */
static int move(git_repository *repo, const git_oid *old, const git_oid *to)
{
	git_reference *ref = NULL;
	int e = old ? git_reference_create_matching(&ref, repo, SAMV_PEOPLE_REF, to, 1, old, "samv-sync")
		    : git_reference_create(&ref, repo, SAMV_PEOPLE_REF, to, 0, "samv-sync");

	git_reference_free(ref);
	if (e == GIT_EMODIFIED || e == GIT_EEXISTS || e == GIT_ELOCKED)
		return samv_error_set(SAMV_EBUSY, "busy: %s moved while syncing; run samv-sync again",
				      SAMV_PEOPLE_REF);
	return e < 0 ? samv_error_git(SAMV_EIO, "cannot update " SAMV_PEOPLE_REF) : 0;
}

int samv_people_push_new(git_repository *repo, git_remote *remote, const char *name, bool *unverified)
{
	const char *path = samv_url_local_path(git_remote_url(remote));
	git_reference *ref = NULL;
	char *tracking = NULL;
	git_oid now;
	int rc;

	if (asprintf(&tracking, SAMV_PEOPLE_TRACKING, name) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	rc = path ? push_local(remote, name, path, NULL, unverified) : push(remote, name, false, unverified);
	if (rc == 0 && git_reference_name_to_id(&now, repo, SAMV_PEOPLE_REF) == 0 &&
	    git_reference_create(&ref, repo, tracking, &now, 1, "samv-sync: push people") < 0)
		rc = samv_error_git(SAMV_EIO, tracking);
	git_reference_free(ref);
	free(tracking);
	return rc;
}

int samv_people_sync(struct samv_store *s, git_remote *remote, const char *name, enum samv_favor favor,
		     struct samv_conflicts *c, bool *unverified, const char *test_gate, bool *later)
{
	git_repository *repo = samv_store_repo(s);
	struct samv_txn *t = NULL;
	const git_oid *ours;
	git_tree *ptree, *ttree = NULL;
	git_oid theirs, fetched, result, tree_id;
	cJSON *ours_gone = NULL, *theirs_gone = NULL;
	char *tracking = NULL, which[SAMV_ID_MAX + 1];
	bool have_theirs, holds, rewritten = false, push_needed = false;
	int rc;

	if (asprintf(&tracking, SAMV_PEOPLE_TRACKING, name) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if ((rc = samv_sync_fetch(remote, name, SAMV_PEOPLE_BRANCH, tracking, "samv-sync: fetch people", unverified)) < 0)
		goto out;
	/* its log would keep a chain the remote has rewritten (forget) */
	if (git_reflog_delete(repo, tracking) < 0)
		git_error_clear();
	if ((rc = samv_txn_begin(&t, s, "samv-sync")) < 0)
		goto out;
	if (samv_txn_people(t, &ours, &ptree) < 0) {
		samv_error_clear();
		goto out; /* people are on the branch: synced with it */
	}
	have_theirs = git_reference_name_to_id(&fetched, repo, tracking) == 0;
	git_oid_cpy(&theirs, &fetched);
	if (!have_theirs && !ours)
		goto out;
	if (have_theirs && (rc = commit_tree(&ttree, repo, &theirs)) < 0)
		goto out;
	if ((rc = samv_people_forgotten(&ours_gone, repo, ptree)) < 0 ||
	    (rc = samv_people_forgotten(&theirs_gone, repo, ttree)) < 0)
		goto out;
	/* what they forgot must not come back from us */
	if (ours && (rc = samv_people_chain_holds(&holds, which, repo, ours, theirs_gone)) == 0 && holds) {
		rc = samv_error_set(SAMV_EINVAL, "%s has forgotten person '%s', whose data this clone still holds; "
				    "run 'samv person forget %s' here, then 'git gc --prune=now', then sync again",
				    name, which, which);
		goto out;
	}
	if (rc < 0)
		goto out;
	/* what we forgot goes from their chain as it went from ours */
	if (have_theirs && (rc = samv_people_chain_holds(&holds, which, repo, &theirs, ours_gone)) == 0 && holds) {
		if ((rc = samv_people_rewrite(&theirs, repo, &fetched, ours_gone)) < 0)
			goto out;
		rewritten = true;
	}
	if (rc < 0)
		goto out;
	if (!have_theirs) {
		/* the remote's first branch should be the collaboration's:
		 * hosting services make the first one pushed the default */
		*later = true;
	} else if (!ours) {
		rc = move(repo, NULL, &theirs);
		push_needed = rewritten;
	} else if (git_oid_equal(ours, &theirs)) {
		push_needed = rewritten;
	} else if (git_graph_descendant_of(repo, ours, &theirs) == 1) {
		push_needed = true;
	} else if (git_graph_descendant_of(repo, &theirs, ours) == 1) {
		rc = move(repo, ours, &theirs);
		push_needed = rewritten;
	} else {
		if ((rc = merge(&tree_id, repo, ours, &theirs, favor, c)) < 0 ||
		    (rc = merge_commit(&result, repo, &tree_id, ours, &theirs, name)) < 0 ||
		    (rc = move(repo, ours, &result)) < 0)
			goto out;
		push_needed = true;
	}
	if (rc < 0)
		goto out;
	/* the lock is let go before the network: the ref moved by CAS */
	samv_txn_free(t);
	t = NULL;
	if (push_needed) {
		const char *path = samv_url_local_path(git_remote_url(remote));

		samv_sync_test_gate(test_gate);
		rc = path ? push_local(remote, name, path, have_theirs ? &fetched : NULL, unverified)
			  : push(remote, name, rewritten, unverified);
		if (rc < 0)
			goto out;
	}
	if (push_needed) {
		git_reference *ref = NULL;
		git_oid now;

		/* our copy of theirs is what they have now, the old chain not kept */
		if (git_reference_name_to_id(&now, repo, SAMV_PEOPLE_REF) == 0 &&
		    git_reference_create(&ref, repo, tracking, &now, 1, "samv-sync: push people") < 0)
			rc = samv_error_git(SAMV_EIO, tracking);
		git_reference_free(ref);
	}
	if (rc == 0 && rewritten && git_reflog_delete(repo, tracking) < 0)
		rc = samv_error_git(SAMV_EIO, tracking);
out:
	samv_txn_free(t);
	git_tree_free(ttree);
	cJSON_Delete(ours_gone);
	cJSON_Delete(theirs_gone);
	free(tracking);
	return rc;
}

int samv_people_adopt(struct samv_store *s, const char *name)
{
	git_repository *repo = samv_store_repo(s);
	git_reference *ref = NULL;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid tip, theirs;
	char *tracking = NULL;
	bool exists;
	int rc = 0, e;

	if ((rc = samv_people_tip(&tip, &exists, NULL, repo)) < 0 || exists)
		return rc;
	if (asprintf(&tracking, SAMV_PEOPLE_TRACKING, name) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (git_reference_name_to_id(&theirs, repo, tracking) < 0 || git_revparse_single((git_object **)&head, repo,
											"HEAD^{commit}") < 0) {
		git_error_clear();
		goto out;
	}
	if (git_commit_tree(&tree, head) < 0) {
		rc = samv_error_git(SAMV_ERROR, "HEAD");
		goto out;
	}
	if (samv_people_in_tree(tree))
		goto out;
	/* from nothing: a ref made meanwhile by another writer is theirs too */
	e = git_reference_create(&ref, repo, SAMV_PEOPLE_REF, &theirs, 0, "samv-sync: people from the remote");
	if (e < 0 && e != GIT_EEXISTS)
		rc = samv_error_git(SAMV_EIO, "cannot update " SAMV_PEOPLE_REF);
out:
	git_reference_free(ref);
	git_tree_free(tree);
	git_commit_free(head);
	free(tracking);
	return rc;
}
