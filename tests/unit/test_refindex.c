/* Unit tests: who refers to whom, as the index moves from tree to tree
 * (refindex.c, treediff.c). */
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
#include "refindex.h"

#include "treefx.h"

struct lines {
	char text[512];
};

static int line_fn(const char *path, const char *field, void *arg)
{
	struct lines *l = arg;
	size_t n = strlen(l->text);

	snprintf(l->text + n, sizeof(l->text) - n, "%s%s %s", n ? ";" : "", path, field);
	return 0;
}

/* The referrers, in the order the index gives them. */
static const char *referrers(struct samv_refindex *ix, const char *type, const char *id)
{
	static struct lines l;

	l.text[0] = '\0';
	assert_int_equal(samv_refindex_referrers(ix, samv_type_find(type), id, line_fn, &l), 0);
	return l.text;
}

#define ARENA_A "{\"id\": \"stor\", \"members\": [\"region\", \"ideell\"], \"serves\": [\"a\"]}"
#define ARENA_B "{\"id\": \"stor\", \"members\": [\"ideell\"]}"
#define MEETING "{\"id\": \"m\", \"arena\": \"stor\", \"attended\": [{\"person\": \"eva\"}]}"
#define TAKEN "{\"id\": \"d\", \"status\": \"adopted\", \"serves\": [\"b\"], \"meeting\": \"m\"}"

static void moves_with_the_trees(void **state)
{
	struct fx *f = *state;
	struct samv_refindex *ix = NULL;
	git_tree *a = tree_of(f, "arenas/02/stor.json", ARENA_A, "meetings/6f/m.json", MEETING,
			      "decisions/aa/d.json", TAKEN, "README.md", "not a record", NULL);
	git_tree *b = tree_of(f, "arenas/02/stor.json", ARENA_B, "arenas/5e/x.json",
			      "{\"id\": \"x\", \"members\": [\"region\"]}", "meetings/6f/m.json", "{ not json", NULL);

	assert_int_equal(samv_refindex_new(&ix), 0);
	/* read in full the first time */
	assert_int_equal(samv_refindex_at(ix, f->repo, NULL, a), 0);
	assert_string_equal(referrers(ix, "actor", "region"), "arenas/02/stor.json members");
	assert_string_equal(referrers(ix, "arena", "stor"), "meetings/6f/m.json arena");
	assert_string_equal(referrers(ix, "person", "eva"), "meetings/6f/m.json person");
	assert_string_equal(referrers(ix, "meeting", "m"), "decisions/aa/d.json meeting");
	/* what an arena serves refers to a purpose; a decision taken does not */
	assert_string_equal(referrers(ix, "purpose", "a"), "arenas/02/stor.json serves");
	assert_string_equal(referrers(ix, "purpose", "b"), "");
	assert_string_equal(referrers(ix, "actor", "nobody"), "");
	/* moved: a changed file's references replaced, a deleted file's and
	 * one no longer JSON gone, a new file's added */
	assert_int_equal(samv_refindex_at(ix, f->repo, NULL, b), 0);
	assert_string_equal(referrers(ix, "actor", "region"), "arenas/5e/x.json members");
	assert_string_equal(referrers(ix, "actor", "ideell"), "arenas/02/stor.json members");
	assert_string_equal(referrers(ix, "arena", "stor"), "");
	assert_string_equal(referrers(ix, "purpose", "a"), "");
	assert_string_equal(referrers(ix, "meeting", "m"), "");
	/* to nothing and back */
	assert_int_equal(samv_refindex_at(ix, f->repo, NULL, NULL), 0);
	assert_string_equal(referrers(ix, "actor", "ideell"), "");
	assert_int_equal(samv_refindex_at(ix, f->repo, NULL, a), 0);
	assert_string_equal(referrers(ix, "actor", "ideell"), "arenas/02/stor.json members");
	assert_string_equal(referrers(ix, "arena", "stor"), "meetings/6f/m.json arena");
	samv_refindex_free(ix);
	git_tree_free(a);
	git_tree_free(b);
}

/* Many files referring to one record: each leaves the list on its own. */
static void many_referrers_of_one(void **state)
{
	struct fx *f = *state;
	struct samv_refindex *ix = NULL;
	git_tree *a = tree_of(f, "arenas/01/a.json", "{\"members\": [\"region\"]}", "arenas/02/b.json",
			      "{\"members\": [\"region\", \"region\"]}", "arenas/03/c.json", "{\"members\": [\"region\"]}",
			      NULL);
	git_tree *b = tree_of(f, "arenas/01/a.json", "{\"members\": [\"region\"]}", "arenas/03/c.json",
			      "{\"members\": [\"region\"]}", NULL);
	git_tree *c = tree_of(f, "arenas/03/c.json", "{\"members\": [\"region\"]}", NULL);

	assert_int_equal(samv_refindex_new(&ix), 0);
	assert_int_equal(samv_refindex_at(ix, f->repo, NULL, a), 0);
	assert_string_equal(referrers(ix, "actor", "region"),
			    "arenas/03/c.json members;arenas/02/b.json members;arenas/02/b.json members;"
			    "arenas/01/a.json members");
	assert_int_equal(samv_refindex_at(ix, f->repo, NULL, b), 0);
	assert_string_equal(referrers(ix, "actor", "region"), "arenas/03/c.json members;arenas/01/a.json members");
	assert_int_equal(samv_refindex_at(ix, f->repo, NULL, c), 0);
	assert_string_equal(referrers(ix, "actor", "region"), "arenas/03/c.json members");
	samv_refindex_free(ix);
	git_tree_free(a);
	git_tree_free(b);
	git_tree_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(moves_with_the_trees, setup, teardown),
		cmocka_unit_test_setup_teardown(many_referrers_of_one, setup, teardown),
	};

	return cmocka_run_group_tests_name("refindex", tests, NULL, NULL);
}
