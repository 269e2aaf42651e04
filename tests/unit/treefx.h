/* treefx.h - the fixture of the unit tests that build trees and commits
 * in a bare repository of their own (test_refindex.c, test_histindex.c):
 * setup, teardown, and tree_of(f, path, text, ..., NULL). */
#ifndef SAMV_TEST_TREEFX_H
#define SAMV_TEST_TREEFX_H

struct fx {
	char dir[64];
	git_repository *repo;
	git_tree *empty;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	git_treebuilder *tb = NULL;
	git_oid id;

	git_libgit2_init();
	strcpy(f->dir, "/tmp/samv-unit-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	assert_int_equal(git_repository_init(&f->repo, f->dir, 1), 0);
	assert_int_equal(git_treebuilder_new(&tb, f->repo, NULL), 0);
	assert_int_equal(git_treebuilder_write(&id, tb), 0);
	git_treebuilder_free(tb);
	assert_int_equal(git_tree_lookup(&f->empty, f->repo, &id), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[128];

	git_tree_free(f->empty);
	git_repository_free(f->repo);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	git_libgit2_shutdown();
	return 0;
}

/* A tree of the files given as path, text, ..., NULL. */
static git_tree *tree_of(struct fx *f, ...)
{
	git_tree_update up[16];
	git_tree *t = NULL;
	const char *path;
	size_t n = 0;
	git_oid id;
	va_list ap;

	va_start(ap, f);
	while ((path = va_arg(ap, const char *))) {
		const char *text = va_arg(ap, const char *);

		memset(&up[n], 0, sizeof(up[n]));
		up[n].action = GIT_TREE_UPDATE_UPSERT;
		up[n].filemode = GIT_FILEMODE_BLOB;
		up[n].path = path;
		assert_int_equal(git_blob_create_from_buffer(&up[n].id, f->repo, text, strlen(text)), 0);
		n++;
	}
	va_end(ap);
	assert_int_equal(git_tree_create_updated(&id, f->repo, f->empty, n, up), 0);
	assert_int_equal(git_tree_lookup(&t, f->repo, &id), 0);
	return t;
}

#endif
