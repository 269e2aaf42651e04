/* Unit tests: writes are one commit or nothing (txn.c, journal.c,
 * recover.c, init.c, check.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "samv.h"
#include "repofx.h"
#include "store.h"

struct fx {
	char dir[64];
	struct samv_store *s;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	repofx_make(f->dir, &f->s, NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int rc = repofx_remove(f->dir, f->s);

	free(f);
	return rc;
}

static cJSON *actor(const char *id, const char *parent)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "name", "Förening");
	cJSON_AddStringToObject(r, "sector", "civil");
	cJSON_AddStringToObject(r, "kind", "association");
	cJSON_AddStringToObject(r, "level", "local");
	if (parent)
		cJSON_AddStringToObject(r, "parent", parent);
	cJSON_AddStringToObject(r, "status", "active");
	return r;
}

static void head_id(git_oid *out, struct samv_store *s)
{
	assert_int_equal(git_reference_name_to_id(out, samv_store_repo(s), "HEAD"), 0);
}

static size_t status_count(struct samv_store *s)
{
	git_status_list *l = NULL;
	git_status_options o;
	size_t n;

	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	assert_int_equal(git_status_list_new(&l, samv_store_repo(s), &o), 0);
	n = git_status_list_entrycount(l);
	git_status_list_free(l);
	return n;
}

static int put_actor(struct fx *f, const char *id, const char *parent, bool *changed)
{
	struct samv_txn *t = NULL;
	cJSON *r = actor(id, parent);
	int rc = samv_txn_begin(&t, f->s, "test");

	if (rc == 0)
		rc = samv_txn_put_record(t, samv_type_find("actor"), r);
	if (rc == 0)
		rc = samv_txn_commit(t, "actor: add x", "Förening", changed);
	samv_txn_free(t);
	cJSON_Delete(r);
	return rc;
}

static void one_commit_with_trailers(void **state)
{
	struct fx *f = *state;
	git_commit *c = NULL;
	git_oid before, after;
	bool changed;
	char path[256];

	head_id(&before, f->s);
	assert_int_equal(put_actor(f, "forening", NULL, &changed), 0);
	assert_true(changed);
	head_id(&after, f->s);
	assert_int_equal(git_commit_lookup(&c, samv_store_repo(f->s), &after), 0);
	assert_true(git_oid_equal(git_commit_parent_id(c, 0), &before));
	assert_string_equal(git_commit_message(c), "actor: add x\n\nFörening\n\nSamv-Command: test\n"
						   "Samv-Record: actors/fd/forening.json\nSamv-Version: " SAMV_VERSION "\n");
	assert_string_equal(git_commit_author(c)->name, "A U Thor");
	assert_string_equal(git_commit_committer(c)->email, "committer@example.org");
	git_commit_free(c);
	snprintf(path, sizeof(path), "%s/actors/fd/forening.json", f->dir);
	assert_int_equal(access(path, R_OK), 0);
	assert_int_equal(status_count(f->s), 0); /* work tree and index match HEAD */
}

static void unchanged_write_makes_no_commit(void **state)
{
	struct fx *f = *state;
	git_oid a, b;
	bool changed = true;

	assert_int_equal(put_actor(f, "forening", NULL, &changed), 0);
	head_id(&a, f->s);
	assert_int_equal(put_actor(f, "forening", NULL, &changed), 0);
	assert_false(changed);
	head_id(&b, f->s);
	assert_true(git_oid_equal(&a, &b));
}

static void moved_branch_is_busy_and_changes_nothing(void **state)
{
	struct fx *f = *state;
	git_repository *repo = samv_store_repo(f->s);
	git_signature *sig = NULL;
	git_commit *tip = NULL;
	git_tree *tree = NULL;
	struct samv_txn *t = NULL;
	git_oid other, now;
	cJSON *r = actor("forening", NULL);
	bool changed;
	char path[256];

	assert_int_equal(samv_txn_begin(&t, f->s, "test"), 0);
	assert_int_equal(samv_txn_put_record(t, samv_type_find("actor"), r), 0);
	/* someone commits by hand meanwhile */
	head_id(&now, f->s);
	assert_int_equal(git_commit_lookup(&tip, repo, &now), 0);
	assert_int_equal(git_commit_tree(&tree, tip), 0);
	assert_int_equal(git_signature_now(&sig, "Hand", "hand@example.org"), 0);
	assert_int_equal(git_commit_create_v(&other, repo, "HEAD", sig, sig, NULL, "by hand\n", tree, 1, tip), 0);
	assert_int_equal(samv_txn_commit(t, "actor: add forening", NULL, &changed), SAMV_EBUSY);
	assert_non_null(strstr(samv_error_last(), "moved while writing"));
	assert_false(changed);
	samv_txn_free(t);
	head_id(&now, f->s);
	assert_true(git_oid_equal(&now, &other)); /* the hand commit is kept */
	snprintf(path, sizeof(path), "%s/actors/fd/forening.json", f->dir);
	assert_int_equal(access(path, F_OK), -1);
	snprintf(path, sizeof(path), "%s/actors", f->dir);
	assert_int_equal(access(path, F_OK), -1); /* no directory or temp file left */
	assert_int_equal(status_count(f->s), 0);
	git_signature_free(sig);
	git_tree_free(tree);
	git_commit_free(tip);
	cJSON_Delete(r);
}

static void dirty_file_is_refused(void **state)
{
	struct fx *f = *state;
	char path[256];
	bool changed;
	git_oid a, b;
	FILE *fp;

	assert_int_equal(put_actor(f, "forening", NULL, &changed), 0);
	head_id(&a, f->s);
	snprintf(path, sizeof(path), "%s/actors/fd/forening.json", f->dir);
	assert_non_null(fp = fopen(path, "a"));
	fputs(" ", fp);
	fclose(fp);
	cJSON_Delete(NULL);
	{
		struct samv_txn *t = NULL;
		cJSON *r = actor("forening", NULL);

		cJSON_ReplaceItemInObject(r, "level", cJSON_CreateString("national"));
		assert_int_equal(samv_txn_begin(&t, f->s, "test"), 0);
		assert_int_equal(samv_txn_put_record(t, samv_type_find("actor"), r), 0);
		assert_int_equal(samv_txn_commit(t, "actor: edit forening", NULL, &changed), SAMV_EDIRTY);
		assert_string_equal(samv_error_last(),
				    "'actors/fd/forening.json' has local changes; commit or restore them first");
		samv_txn_free(t);
		cJSON_Delete(r);
	}
	head_id(&b, f->s);
	assert_true(git_oid_equal(&a, &b));
	/* another record can still be written */
	assert_int_equal(put_actor(f, "annan", NULL, &changed), 0);
	assert_true(changed);
}

static void unknown_reference_and_bad_field(void **state)
{
	struct fx *f = *state;
	struct samv_txn *t = NULL;
	cJSON *r = actor("forening", "nope");

	assert_int_equal(samv_txn_begin(&t, f->s, "test"), 0);
	assert_int_equal(samv_txn_put_record(t, samv_type_find("actor"), r), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "parent: unknown actor 'nope' (see samv-actor list)");
	cJSON_ReplaceItemInObject(r, "parent", cJSON_CreateString("forening-2"));
	cJSON_ReplaceItemInObject(r, "sector", cJSON_CreateString("x"));
	assert_int_equal(samv_txn_put_record(t, samv_type_find("actor"), r), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "sector: 'x' is not one of public, civil, private");
	samv_txn_free(t);
	cJSON_Delete(r);
}

static void staged_records_resolve_references(void **state)
{
	struct fx *f = *state;
	struct samv_txn *t = NULL;
	cJSON *parent = actor("parent", NULL), *child = actor("child", "parent");
	bool changed;

	assert_int_equal(samv_txn_begin(&t, f->s, "test"), 0);
	assert_int_equal(samv_txn_put_record(t, samv_type_find("actor"), parent), 0);
	assert_int_equal(samv_txn_put_record(t, samv_type_find("actor"), child), 0);
	assert_int_equal(samv_txn_commit(t, "two", NULL, &changed), 0);
	samv_txn_free(t);
	cJSON_Delete(parent);
	cJSON_Delete(child);
}

static void second_writer_is_busy(void **state)
{
	struct fx *f = *state;
	struct samv_txn *a = NULL, *b = NULL;

	assert_int_equal(samv_txn_begin(&a, f->s, "test"), 0);
	assert_int_equal(samv_txn_begin(&b, f->s, "test"), SAMV_EBUSY);
	assert_non_null(strstr(samv_error_last(), "another samv command is writing"));
	samv_txn_free(a);
	assert_int_equal(samv_txn_begin(&b, f->s, "test"), 0); /* released */
	samv_txn_free(b);
}

static void check_finds_every_problem(void **state)
{
	struct fx *f = *state;
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	struct samv_view *v = NULL;
	char path[256];
	bool changed;
	FILE *fp;

	assert_int_equal(put_actor(f, "forening", NULL, &changed), 0);
	snprintf(path, sizeof(path), "%s/actors/fd/forening.json", f->dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("{\n  \"id\": \"forening\",\n  \"name\": \"F\",\n  \"sector\": \"civil\",\n  \"kind\": \"x\",\n"
	      "  \"level\": \"local\",\n  \"parent\": \"gone\",\n  \"status\": \"active\"\n}\n", fp);
	fclose(fp);
	snprintf(path, sizeof(path), "%s/notes.txt", f->dir);
	assert_non_null(fp = fopen(path, "w"));
	fclose(fp);
	assert_int_equal(samv_view_worktree(&v, f->s), 0);
	assert_int_equal(samv_check(&pr, v), 0);
	assert_int_equal(pr.n, 3);
	assert_string_equal(pr.v[0].file, "actors/fd/forening.json");
	assert_int_equal(pr.v[0].line, 5);
	assert_string_equal(pr.v[0].code, "bad-value");
	assert_string_equal(pr.v[1].code, "bad-ref");
	assert_string_equal(pr.v[1].msg, "parent: unknown actor 'gone'");
	assert_string_equal(pr.v[2].file, "notes.txt");
	assert_string_equal(pr.v[2].code, "stray-file");
	samv_problems_free(&pr);
	samv_view_free(v);
	/* the committed tree is still valid */
	assert_int_equal(samv_view_rev(&v, f->s, "HEAD"), 0);
	assert_int_equal(samv_check(&pr, v), 0);
	assert_int_equal(pr.n, 0);
	samv_view_free(v);
}

/* ---- the journal of a dead writer (journal.c, recover.c) ---- */

static void put_git(struct fx *f, const char *name, const char *text)
{
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s%s", git_repository_path(samv_store_repo(f->s)), name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static bool exists_git(struct fx *f, const char *name)
{
	char path[160];

	snprintf(path, sizeof(path), "%s%s", git_repository_path(samv_store_repo(f->s)), name);
	return access(path, F_OK) == 0;
}

#define HEAD "samv-journal 1\npid 1\nlock index.lock\ntemp samv-index\n"
#define ZERO "0000000000000000000000000000000000000000"

/* Only whole lines count: a plan cut short was never acted upon. */
static void torn_plan_is_no_plan(void **state)
{
	struct fx *f = *state;
	struct samv_journal *j = NULL;

	put_git(f, "samv-journal", HEAD "branch refs/heads/main\nold " ZERO "\ntarget " ZERO "\ndel actors/aa/x.json\npla");
	assert_int_equal(samv_journal_read(&j, samv_store_repo(f->s), f->dir), 0);
	assert_non_null(j);
	assert_false(j->planned);
	assert_int_equal(j->n, 0);
	samv_journal_free(j);
}

/* A path outside the work tree, or a branch outside refs/heads/, makes the
 * journal damaged: nothing is done from it. */
static void paths_outside_are_refused(void **state)
{
	static const char *bad[] = { "del ../x.json\nplan\n", "del .git/config\nplan\n",
				     "del /etc/passwd\nplan\n", "del a/../../x\nplan\n" };
	struct fx *f = *state;
	struct samv_journal *j = NULL;
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(text, sizeof(text), HEAD "branch refs/heads/main\nold " ZERO "\ntarget " ZERO "\n%s", bad[i]);
		put_git(f, "samv-journal", text);
		assert_int_equal(samv_journal_read(&j, samv_store_repo(f->s), f->dir), SAMV_EINVAL);
		assert_null(j);
	}
	put_git(f, "samv-journal", HEAD "branch refs/heads/../../config\nplan\n");
	assert_int_equal(samv_journal_read(&j, samv_store_repo(f->s), f->dir), SAMV_EINVAL);
}

/* The dead writer's index.lock (a hard link to its journal) goes; one that
 * is not the journal's (git's) stays. */
static void only_the_journals_own_lock_is_removed(void **state)
{
	struct fx *f = *state;
	struct samv_buf note = SAMV_BUF_INIT;
	char a[160], b[160];

	put_git(f, "samv-journal", HEAD);
	snprintf(a, sizeof(a), "%ssamv-journal", git_repository_path(samv_store_repo(f->s)));
	snprintf(b, sizeof(b), "%sindex.lock", git_repository_path(samv_store_repo(f->s)));
	assert_int_equal(link(a, b), 0);
	assert_int_equal(samv_recover(f->s, &note), 0);
	assert_string_equal(note.ptr, "rolled back an interrupted write: nothing of it had been committed");
	assert_false(exists_git(f, "index.lock"));
	assert_false(exists_git(f, "samv-journal"));

	put_git(f, "samv-journal", HEAD);
	put_git(f, "index.lock", "");
	note.len = 0;
	assert_int_equal(samv_recover(f->s, &note), 0);
	assert_true(exists_git(f, "index.lock"));
	assert_false(exists_git(f, "samv-journal"));
	samv_buf_free(&note);
}

/* No journal: nothing is opened or created. */
static void nothing_to_recover(void **state)
{
	struct fx *f = *state;
	struct samv_buf note = SAMV_BUF_INIT;
	char lock[160];

	snprintf(lock, sizeof(lock), "%ssamv.lock", git_repository_path(samv_store_repo(f->s)));
	unlink(lock);
	assert_int_equal(samv_recover(f->s, &note), 0);
	assert_int_equal(note.len, 0);
	assert_false(exists_git(f, "samv.lock"));
	samv_buf_free(&note);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(one_commit_with_trailers, setup, teardown),
		cmocka_unit_test_setup_teardown(unchanged_write_makes_no_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(moved_branch_is_busy_and_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(dirty_file_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_reference_and_bad_field, setup, teardown),
		cmocka_unit_test_setup_teardown(staged_records_resolve_references, setup, teardown),
		cmocka_unit_test_setup_teardown(second_writer_is_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(check_finds_every_problem, setup, teardown),
		cmocka_unit_test_setup_teardown(torn_plan_is_no_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(paths_outside_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(only_the_journals_own_lock_is_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(nothing_to_recover, setup, teardown),
	};

	return cmocka_run_group_tests_name("txn", tests, NULL, NULL);
}
