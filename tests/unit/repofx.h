/* repofx.h - a samv repository of its own for the unit tests that go
 * through the store (test_txn.c, test_public.c): fixed identity and dates,
 * made by samv_init in a fresh directory under /tmp (people on the branch,
 * as these tests write them there), opened; and removed again. */
#ifndef SAMV_TEST_REPOFX_H
#define SAMV_TEST_REPOFX_H

static void repofx_make(char dir[64], struct samv_store **s, const char *language)
{
	struct samv_init_opts o = { "Test", NULL, language, NULL, true };
	bool created;

	setenv("GIT_AUTHOR_NAME", "A U Thor", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.org", 1);
	setenv("GIT_AUTHOR_DATE", "@1795428000 +0100", 1);
	setenv("GIT_COMMITTER_NAME", "C O Mitter", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.org", 1);
	setenv("GIT_COMMITTER_DATE", "@1795428000 +0100", 1);
	setenv("SAMV_LOCK_TIMEOUT", "0", 1);
	unsetenv("SAMV_DIR");
	git_libgit2_init();
	strcpy(dir, "/tmp/samv-unit-XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(samv_init(dir, &o, &created), 0);
	assert_true(created);
	assert_int_equal(samv_store_open(s, dir), 0);
}

/* The store closed, the directory removed: 0, or -1 for cmocka. */
static int repofx_remove(const char *dir, struct samv_store *s)
{
	char cmd[128];

	samv_store_free(s);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	git_libgit2_shutdown();
	return system(cmd) == 0 ? 0 : -1;
}

#endif
