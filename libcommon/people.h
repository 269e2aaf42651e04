/* people.h - the people records on a ref of their own (people.c); see
 * samv(7), Personal data.  Private to libcommon. */
#ifndef SAMV_PEOPLE_H
#define SAMV_PEOPLE_H

#include "samv.h"
#include "store.h"

#define SAMV_PEOPLE_REF "refs/samv/people"
#define SAMV_PEOPLE_DIR "people"
/* On a remote the people chain is the branch samv-people, so that a plain
 * git clone, fetch or pull brings it, as refs/remotes/REMOTE/samv-people,
 * where samv-sync keeps it too (SAMV_PEOPLE_TRACKING with the remote's
 * name); refs/samv/remotes/ is where samv before it kept them. */
#define SAMV_PEOPLE_BRANCH "refs/heads/samv-people"
#define SAMV_PEOPLE_TRACKING "refs/remotes/%s/samv-people"
#define SAMV_PEOPLE_TRACKING_GLOB "refs/remotes/*/samv-people"
#define SAMV_PEOPLE_REMOTES "refs/samv/remotes/"

/* Whether path is the people directory or under it. */
bool samv_people_path(const char *path);
/* Whether a tree of the main branch keeps people itself (the layout
 * before samv-migrate(1)): then people/ is read and written there. */
bool samv_people_in_tree(git_tree *main_tree);
/* The people ref's tip and tree; *exists false (tree NULL) when there is
 * no such ref yet. */
int samv_people_tip(git_oid *tip, bool *exists, git_tree **tree, git_repository *repo);
/* The people chain to read: the people ref, or a chain git brought from a
 * remote (clone, fetch, pull) that it is behind, or that there is when
 * there is no ref yet (see SAMV_PEOPLE_TRACKING). */
int samv_people_current(git_oid *tip, bool *exists, git_tree **tree, git_repository *repo);
/* Under the write lock, the branch keeping no people: the people ref moved
 * to samv_people_current's chain (a fast-forward, or its first value). */
int samv_people_catch_up(git_repository *repo);
/*
 * One commit on the people ref with the staged entries (all under
 * people/), parent old (NULL: the ref is new), moved by compare-and-swap
 * from old: SAMV_EBUSY when it moved.  *changed false when the tree is
 * old's (nothing written).
 */
int samv_people_commit(git_repository *repo, const git_oid *old, git_tree *old_tree, const struct samv_staged *v,
		       size_t n, const char *message, const char *log, bool *changed);
/* The same on parent (NULL: none) with its tree, the ref moving from
 * expected (NULL: no ref yet): a commit on a rewritten chain. */
int samv_people_commit_on(git_repository *repo, const git_oid *parent, git_tree *parent_tree,
			  const git_oid *expected, const struct samv_staged *v, size_t n, const char *message,
			  const char *log, bool *changed);
/* Whether any commit of the chain from tip holds a person record whose id
 * is in ids (a cJSON array of strings); *which gets the first found. */
int samv_people_chain_holds(bool *holds, char which[SAMV_ID_MAX + 1], git_repository *repo, const git_oid *tip,
			    const cJSON *ids);
/* The ids of the tombstones in tree (people forgotten), a cJSON array. */
int samv_people_forgotten(cJSON **out, git_repository *repo, git_tree *tree);
/* The chain from tip rewritten with the records of ids removed from every
 * commit (authors, committers and messages kept, so that two clones that
 * rewrite the same chain get the same commits).  *out is tip when nothing
 * changed. */
int samv_people_rewrite(git_oid *out, git_repository *repo, const git_oid *tip, const cJSON *ids);

/* The people ref's tip and tree pinned by a write (both NULL when there is
 * no ref yet, borrowed); SAMV_EINVAL when the branch keeps people itself
 * (txn.c). */
int samv_txn_people(struct samv_txn *t, const git_oid **tip, git_tree **tree);

/* The people/ files the write removes are not named in its commit's
 * trailers: their paths hold the ids made from names (migrate.c). */
void samv_txn_hide_people(struct samv_txn *t);

/*
 * samv-sync's part (peoplesync.c): fetch the remote's people ref, refuse
 * when it has forgotten a person whose data our chain holds, rewrite its
 * chain when we have forgotten one it holds, combine with ours (a merge
 * commit when both moved; conflicts appended to c) and push.  Nothing to
 * do when the branch keeps people itself.
 */
int samv_people_sync(struct samv_store *s, git_remote *remote, const char *name, enum samv_favor favor,
		     struct samv_conflicts *c, bool *unverified, const char *test_gate, bool *later);
/* *later from samv_people_sync: the remote has no people yet; ours go to
 * it (SAMV_PEOPLE_BRANCH) once the branch has, by this. */
int samv_people_push_new(git_repository *repo, git_remote *remote, const char *name, bool *unverified);
/* Tests only (sync.c): say "GATE.ready", then wait for "GATE.go". */
void samv_sync_test_gate(const char *gate);
/* Fetch src of the remote into tracking (forced, no tags, no pruning),
 * with the remote's credentials; reflog is the ref log's message. */
int samv_sync_fetch(git_remote *remote, const char *name, const char *src, const char *tracking, const char *reflog,
		    bool *unverified);
/* sync.c: push local's tip to dst of the remote on this machine at path,
 * moving dst by compare-and-swap from expected (NULL: dst must not exist);
 * 1 when it moved, *tip the tip pushed. */
int samv_sync_push_local(git_oid *tip, git_remote *remote, const char *name, const char *path, const char *local,
			 const char *dst, const git_oid *expected, bool *unverified);

/* After samv-sync brought in a branch that no longer keeps people/ (they
 * were moved on another clone, samv-init --people-ref): the remote
 * NAME's people ref becomes ours, when we have none (peoplesync.c). */
int samv_people_adopt(struct samv_store *s, const char *name);

#endif
