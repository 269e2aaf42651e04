/* Unit tests: the tree entries a commit changed, as the history index
 * keeps them (samv_treediff_nodes in treediff.c, histindex.c). */
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
#include "histindex.h"

#include "treefx.h"

/* A commit of tree t (freed) with parents p[0..n). */
static git_commit *commit_of(struct fx *f, git_tree *t, git_commit **p, size_t n)
{
	git_signature *sig = NULL;
	git_commit *c = NULL;
	git_oid id;

	assert_int_equal(git_signature_new(&sig, "T", "t@example.org", 1795428000, 60), 0);
	assert_int_equal(git_commit_create(&id, f->repo, NULL, sig, sig, NULL, "m", t, n,
					   (const git_commit **)p), 0);
	assert_int_equal(git_commit_lookup(&c, f->repo, &id), 0);
	git_signature_free(sig);
	git_tree_free(t);
	return c;
}

static int node_fn(const char *path, bool leaf, void *arg)
{
	char *out = arg;
	size_t n = strlen(out);

	snprintf(out + n, 512 - n, "%s%s%s", n ? " " : "", path, leaf ? "" : "/");
	return 0;
}

static const char *nodes(struct fx *f, git_commit *c, char out[512])
{
	out[0] = '\0';
	assert_int_equal(samv_treediff_nodes(f->repo, NULL, c, node_fn, out), 0);
	return out;
}

/* A root commit: everything; then one file: the directories down to it
 * and the file; a merge: only what differs from every parent, a
 * directory too when no file in it does. */
static void entries_changed(void **state)
{
	struct fx *f = *state;
	git_commit *root, *a, *b, *m, *p[2];
	char out[512];

	root = commit_of(f, tree_of(f, "agreement/clauses/1.json", "1", "agreement/clauses/2.json", "2",
				    "actors/ab/x.json", "x", "samv.json", "s", NULL), NULL, 0);
	assert_string_equal(nodes(f, root, out),
			    "actors/ actors/ab/ actors/ab/x.json agreement/ agreement/clauses/ "
			    "agreement/clauses/1.json agreement/clauses/2.json samv.json");
	p[0] = root;
	a = commit_of(f, tree_of(f, "agreement/clauses/1.json", "1a", "agreement/clauses/2.json", "2",
				 "actors/ab/x.json", "x", "samv.json", "s", NULL), p, 1);
	assert_string_equal(nodes(f, a, out), "agreement/ agreement/clauses/ agreement/clauses/1.json");
	b = commit_of(f, tree_of(f, "agreement/clauses/1.json", "1", "agreement/clauses/2.json", "2b",
				 "actors/ab/x.json", "x", "samv.json", "s", NULL), p, 1);
	p[0] = a;
	p[1] = b;
	/* clause 1 from a, clause 2 from b, x changed in the merge itself */
	m = commit_of(f, tree_of(f, "agreement/clauses/1.json", "1a", "agreement/clauses/2.json", "2b",
				 "actors/ab/x.json", "x2", "samv.json", "s", NULL), p, 2);
	assert_string_equal(nodes(f, m, out), "actors/ actors/ab/ actors/ab/x.json agreement/ agreement/clauses/");
	git_commit_free(m);
	git_commit_free(b);
	git_commit_free(a);
	git_commit_free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(entries_changed, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
