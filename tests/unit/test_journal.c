/* Unit tests: a dead writer's journal is read strictly and repaired without
 * touching what it does not own (journal.c, recover.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "samv.h"
#include "store.h"

struct fx {
	char dir[64];
	char git[96];
	struct samv_store *s;
};

static int setup(void **state)
{
	struct samv_init_opts o = { "Test", NULL, NULL };
	struct fx *f = calloc(1, sizeof(*f));
	bool created;

	setenv("GIT_AUTHOR_NAME", "A U Thor", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "C O Mitter", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.org", 1);
	setenv("SAMV_LOCK_TIMEOUT", "0", 1);
	unsetenv("SAMV_DIR");
	git_libgit2_init();
	strcpy(f->dir, "/tmp/samv-unit-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(samv_init(f->dir, &o, &created), 0);
	assert_int_equal(samv_store_open(&f->s, f->dir), 0);
	snprintf(f->git, sizeof(f->git), "%s/.git/", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[128];

	samv_store_free(f->s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	git_libgit2_shutdown();
	return 0;
}

static void put(const struct fx *f, const char *name, const char *text)
{
	char path[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s%s", f->git, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static bool exists(const struct fx *f, const char *name)
{
	char path[160];

	snprintf(path, sizeof(path), "%s%s", f->git, name);
	return access(path, F_OK) == 0;
}

#define HEAD "samv-journal 1\npid 1\nlock index.lock\ntemp samv-index\n"
#define ZERO "0000000000000000000000000000000000000000"

/* Only whole lines count: a plan cut short was never acted upon. */
static void torn_plan_is_no_plan(void **state)
{
	struct fx *f = *state;
	struct samv_journal *j = NULL;

	put(f, "samv-journal", HEAD "branch refs/heads/main\nold " ZERO "\ntarget " ZERO "\ndel actors/aa/x.json\npla");
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
		put(f, "samv-journal", text);
		assert_int_equal(samv_journal_read(&j, samv_store_repo(f->s), f->dir), SAMV_EINVAL);
		assert_null(j);
	}
	put(f, "samv-journal", HEAD "branch refs/heads/../../config\nplan\n");
	assert_int_equal(samv_journal_read(&j, samv_store_repo(f->s), f->dir), SAMV_EINVAL);
}

/* The dead writer's index.lock (a hard link to its journal) goes; one that
 * is not the journal's (git's) stays. */
static void only_the_journals_own_lock_is_removed(void **state)
{
	struct fx *f = *state;
	struct samv_buf note = SAMV_BUF_INIT;
	char a[160], b[160];

	put(f, "samv-journal", HEAD);
	snprintf(a, sizeof(a), "%ssamv-journal", f->git);
	snprintf(b, sizeof(b), "%sindex.lock", f->git);
	assert_int_equal(link(a, b), 0);
	assert_int_equal(samv_recover(f->s, &note), 0);
	assert_string_equal(note.ptr, "rolled back an interrupted write: nothing of it had been committed");
	assert_false(exists(f, "index.lock"));
	assert_false(exists(f, "samv-journal"));

	put(f, "samv-journal", HEAD);
	put(f, "index.lock", "");
	note.len = 0;
	assert_int_equal(samv_recover(f->s, &note), 0);
	assert_true(exists(f, "index.lock"));
	assert_false(exists(f, "samv-journal"));
	samv_buf_free(&note);
}

/* No journal: nothing is opened or created. */
static void nothing_to_recover(void **state)
{
	struct fx *f = *state;
	struct samv_buf note = SAMV_BUF_INIT;
	char lock[160];

	snprintf(lock, sizeof(lock), "%ssamv.lock", f->git);
	unlink(lock);
	assert_int_equal(samv_recover(f->s, &note), 0);
	assert_int_equal(note.len, 0);
	assert_false(exists(f, "samv.lock"));
	samv_buf_free(&note);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(torn_plan_is_no_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(paths_outside_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(only_the_journals_own_lock_is_removed, setup, teardown),
		cmocka_unit_test_setup_teardown(nothing_to_recover, setup, teardown),
	};

	return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
