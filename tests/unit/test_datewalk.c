/* Unit tests: the walk that reads commits as it goes (datewalk.c) hands
 * them out in the order of libgit2's unsorted revwalk, which the history
 * index records, on histories with merges, equal commit times and
 * commits older than their parents. */
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
#include "datewalk.h"

#include "treefx.h"

/* A commit made at time t, of a tree with one file holding text, with
 * parents p[0..n). */
static git_commit *commit_at(struct fx *f, git_time_t t, const char *text, git_commit **p, size_t n)
{
	git_signature *sig = NULL;
	git_tree *tree = tree_of(f, "f", text, NULL);
	git_commit *c = NULL;
	git_oid id;

	assert_int_equal(git_signature_new(&sig, "T", "t@example.org", t, 60), 0);
	assert_int_equal(git_commit_create(&id, f->repo, NULL, sig, sig, NULL, text, tree, n,
					   (const git_commit **)p), 0);
	assert_int_equal(git_commit_lookup(&c, f->repo, &id), 0);
	git_signature_free(sig);
	git_tree_free(tree);
	return c;
}

/* The messages of the commits of both walks from tip, in their order,
 * the first max of the date walk's. */
static void walks(struct fx *f, git_commit *tip, size_t max, char rev[256], char date[256])
{
	struct samv_datewalk *w = NULL;
	git_revwalk *rw = NULL;
	git_commit *c = NULL;
	git_oid id;
	size_t n = 0;
	int e;

	rev[0] = date[0] = '\0';
	assert_int_equal(git_revwalk_new(&rw, f->repo), 0);
	assert_int_equal(git_revwalk_sorting(rw, GIT_SORT_NONE), 0);
	assert_int_equal(git_revwalk_push(rw, git_commit_id(tip)), 0);
	while (git_revwalk_next(&id, rw) == 0) {
		assert_int_equal(git_commit_lookup(&c, f->repo, &id), 0);
		snprintf(rev + strlen(rev), 256 - strlen(rev), "%s ", git_commit_message(c));
		git_commit_free(c);
	}
	git_revwalk_free(rw);
	assert_int_equal(samv_datewalk_new(&w, f->repo, git_commit_id(tip), 0), 0);
	while (n++ < max && (e = samv_datewalk_next(&id, w)) == 0) {
		assert_int_equal(git_commit_lookup(&c, f->repo, &id), 0);
		snprintf(date + strlen(date), 256 - strlen(date), "%s ", git_commit_message(c));
		git_commit_free(c);
	}
	if (n <= max)
		assert_int_equal(e, GIT_ITEROVER);
	samv_datewalk_free(w);
}

/* A line of commits: newest first, each once. */
static void line(void **state)
{
	struct fx *f = *state;
	git_commit *c[4] = { NULL };
	char rev[256], date[256];
	size_t i;

	c[0] = commit_at(f, 1000, "a", NULL, 0);
	for (i = 1; i < 4; i++)
		c[i] = commit_at(f, 1000 + (git_time_t)i * 10, (const char *[]){ "a", "b", "c", "d" }[i], &c[i - 1], 1);
	walks(f, c[3], 100, rev, date);
	assert_string_equal(date, "d c b a ");
	assert_string_equal(date, rev);
	for (i = 0; i < 4; i++)
		git_commit_free(c[i]);
}

/*
 *   r(100) - a(200) - c(200) ----- m(300) - x(250)
 *         \                       /
 *          b(150) - d(400) ------'
 *           \                    /
 *            e(200) -------------   (m's third parent)
 * Equal times go in the order met; d is newer than the merge; x older.
 */
static void merges(void **state)
{
	struct fx *f = *state;
	git_commit *r, *a, *b, *c, *d, *e, *m, *x, *p[3];
	char rev[256], date[256];

	r = commit_at(f, 100, "r", NULL, 0);
	a = commit_at(f, 200, "a", &r, 1);
	b = commit_at(f, 150, "b", &r, 1);
	c = commit_at(f, 200, "c", &a, 1);
	d = commit_at(f, 400, "d", &b, 1);
	e = commit_at(f, 200, "e", &b, 1);
	p[0] = c;
	p[1] = d;
	p[2] = e;
	m = commit_at(f, 300, "m", p, 3);
	x = commit_at(f, 250, "x", &m, 1);
	walks(f, x, 100, rev, date);
	assert_string_equal(date, rev);
	assert_string_equal(date, "x m d c e a b r ");
	/* stopped early: the first three, the rest never read (and freed) */
	walks(f, x, 3, rev, date);
	assert_string_equal(date, "x m d ");
	git_commit_free(x);
	git_commit_free(m);
	git_commit_free(e);
	git_commit_free(d);
	git_commit_free(c);
	git_commit_free(b);
	git_commit_free(a);
	git_commit_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(line, setup, teardown),
		cmocka_unit_test_setup_teardown(merges, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
