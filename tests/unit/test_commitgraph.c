/* Unit tests: git's commit-graph read (commitgraph.c) against what git
 * 2.39 writes — every commit found, its time and parents those libgit2
 * reads, octopus parents, the Bloom filters' keys (git's own test
 * vectors, t0095-bloom.sh) and answers; a damaged, cut or disabled graph
 * not used; and the date walk the same with and without it. */
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
#include "commitgraph.h"
#include "datewalk.h"

#include "treefx.h"

/* A commit at time t of the tree of the files path, text, ... NULL, with
 * parents p[0..n). */
static git_commit *commit_of(struct fx *f, git_time_t t, const char *msg, git_commit **p, size_t n, git_tree *tree)
{
	git_signature *sig = NULL;
	git_commit *c = NULL;
	git_oid id;

	assert_int_equal(git_signature_new(&sig, "T", "t@example.org", t, 60), 0);
	assert_int_equal(git_commit_create(&id, f->repo, NULL, sig, sig, NULL, msg, tree, n, (const git_commit **)p),
			 0);
	assert_int_equal(git_commit_lookup(&c, f->repo, &id), 0);
	git_signature_free(sig);
	git_tree_free(tree);
	return c;
}

/* git commit-graph write for the history of tip, with Bloom filters */
static void write_graph(struct fx *f, const git_commit *tip)
{
	char cmd[256], hex[GIT_OID_HEXSZ + 1];
	FILE *p;

	snprintf(cmd, sizeof(cmd),
		 "git --git-dir='%s' commit-graph write --stdin-commits --changed-paths --no-progress", f->dir);
	assert_non_null(p = popen(cmd, "w"));
	git_oid_tostr(hex, sizeof(hex), git_commit_id(tip));
	fprintf(p, "%s\n", hex);
	assert_int_equal(pclose(p), 0);
}

/*
 *   r - a(actors) - g(agreement) - m(octopus: g, b, d) - x(actors)
 *    \                            /  /
 *     b(actors) -----------------'  /
 *      \                           /
 *       d(agreement) -------------'
 */
struct hist {
	git_commit *r, *a, *g, *b, *d, *m, *x;
};

static void build(struct fx *f, struct hist *h)
{
	git_commit *p[3];

	h->r = commit_of(f, 100, "r", NULL, 0, tree_of(f, "agreement/agreement.json", "1", "actors/x.json", "1", NULL));
	h->a = commit_of(f, 200, "a", &h->r, 1, tree_of(f, "agreement/agreement.json", "1", "actors/x.json", "2", NULL));
	h->g = commit_of(f, 300, "g", &h->a, 1, tree_of(f, "agreement/agreement.json", "2", "actors/x.json", "2", NULL));
	h->b = commit_of(f, 150, "b", &h->r, 1, tree_of(f, "agreement/agreement.json", "1", "actors/x.json", "3", NULL));
	h->d = commit_of(f, 300, "d", &h->b, 1, tree_of(f, "agreement/agreement.json", "3", "actors/x.json", "3", NULL));
	p[0] = h->g;
	p[1] = h->b;
	p[2] = h->d;
	h->m = commit_of(f, 400, "m", p, 3, tree_of(f, "agreement/agreement.json", "2", "actors/x.json", "4", NULL));
	h->x = commit_of(f, 350, "x", &h->m, 1, tree_of(f, "agreement/agreement.json", "2", "actors/x.json", "5", NULL));
}

static void drop(struct hist *h)
{
	git_commit_free(h->r);
	git_commit_free(h->a);
	git_commit_free(h->g);
	git_commit_free(h->b);
	git_commit_free(h->d);
	git_commit_free(h->m);
	git_commit_free(h->x);
}

static void murmur(void **state)
{
	(void)state;
	assert_int_equal(samv_murmur3(0, "", 0), 0);
	assert_int_equal(samv_murmur3(0, "Hello world!", 12), 0x627b0c2c);
	assert_int_equal(samv_murmur3(0, "The quick brown fox jumps over the lazy dog", 43), 0x2e4ff723);
}

/* every commit as libgit2 reads it; the keys git's tests give */
static void commits(void **state)
{
	static const uint32_t empty[7] = { 0x5615800c, 0x5b966560, 0x61174ab4, 0x66983008,
					   0x6c19155c, 0x7199fab0, 0x771ae004 };
	static const uint32_t space[7] = { 0xf178874c, 0x5f3d6eb6, 0xcd025620, 0x3ac73d8a,
					   0xa88c24f4, 0x16510c5e, 0x8415f3c8 };
	struct fx *f = *state;
	struct samv_cgraph *g = NULL;
	struct samv_bloom_key k;
	struct hist h;
	git_commit *all[7];
	git_oid id;
	uint32_t pos, pp;
	unsigned i, j;

	build(f, &h);
	write_graph(f, h.x);
	assert_int_equal(samv_cgraph_open(&g, f->repo), 0);
	assert_non_null(g);
	all[0] = h.r, all[1] = h.a, all[2] = h.g, all[3] = h.b, all[4] = h.d, all[5] = h.m, all[6] = h.x;
	for (i = 0; i < 7; i++) {
		assert_true(samv_cgraph_find(g, git_commit_id(all[i]), &pos));
		samv_cgraph_id(&id, g, pos);
		assert_true(git_oid_equal(&id, git_commit_id(all[i])));
		assert_int_equal(samv_cgraph_time(g, pos), git_commit_time(all[i]));
		for (j = 0; j < git_commit_parentcount(all[i]); j++) {
			assert_int_equal(samv_cgraph_parent(g, pos, j, &pp), 1);
			samv_cgraph_id(&id, g, pp);
			assert_true(git_oid_equal(&id, git_commit_parent_id(all[i], j)));
		}
		assert_int_equal(samv_cgraph_parent(g, pos, j, &pp), 0);
	}
	/* a commit not in it */
	assert_false(samv_cgraph_find(g, git_tree_id(f->empty), &pos));

	samv_bloom_key(&k, "", 0);
	assert_memory_equal(k.h, empty, sizeof(empty));
	samv_bloom_key(&k, " ", 1);
	assert_memory_equal(k.h, space, sizeof(space));

	/* changed against the first parent: r (a root holds it), g, d;
	 * unchanged: a, b, m (as g has it), x */
	samv_bloom_key(&k, "agreement", 9);
	for (i = 0; i < 7; i++) {
		assert_true(samv_cgraph_find(g, git_commit_id(all[i]), &pos));
		assert_int_equal(samv_cgraph_may_change(g, pos, &k, 1), all[i] == h.r || all[i] == h.g || all[i] == h.d);
	}
	samv_bloom_key(&k, "actors", 6);
	for (i = 0; i < 7; i++) {
		assert_true(samv_cgraph_find(g, git_commit_id(all[i]), &pos));
		assert_int_equal(samv_cgraph_may_change(g, pos, &k, 1), all[i] != h.g && all[i] != h.d);
	}
	samv_cgraph_free(g);
	drop(&h);
}

static void copy_graph(struct fx *f, const char *how)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "cd '%s/objects/info' && %s", f->dir, how);
	assert_int_equal(system(cmd), 0);
}

/* a graph that cannot be trusted whole is not used */
static void refused(void **state)
{
	struct fx *f = *state;
	struct samv_cgraph *g = NULL;
	struct samv_bloom_key k;
	git_config *cfg = NULL;
	struct hist h;
	uint32_t pos;

	build(f, &h);
	assert_int_equal(samv_cgraph_open(&g, f->repo), 0);
	assert_null(g); /* none yet */
	write_graph(f, h.x);
	copy_graph(f, "cp commit-graph good");
	/* one byte of a commit's row changed: the checksum fails */
	copy_graph(f, "chmod u+w commit-graph && printf 'Z' | dd of=commit-graph bs=1 seek=1200 conv=notrunc 2>/dev/null");
	assert_int_equal(samv_cgraph_open(&g, f->repo), 0);
	assert_null(g);
	/* cut short */
	copy_graph(f, "head -c 500 good >commit-graph");
	assert_int_equal(samv_cgraph_open(&g, f->repo), 0);
	assert_null(g);
	/* whole again, but core.commitGraph is false */
	copy_graph(f, "cp good commit-graph");
	assert_int_equal(samv_cgraph_open(&g, f->repo), 0);
	assert_non_null(g);
	samv_cgraph_free(g);
	assert_int_equal(git_repository_config(&cfg, f->repo), 0);
	/* commitGraph.readChangedPaths false: the graph, not its filters */
	assert_int_equal(git_config_set_bool(cfg, "commitGraph.readChangedPaths", 0), 0);
	assert_int_equal(samv_cgraph_open(&g, f->repo), 0);
	assert_non_null(g);
	samv_bloom_key(&k, "agreement", 9);
	assert_true(samv_cgraph_find(g, git_commit_id(h.a), &pos));
	assert_int_equal(samv_cgraph_may_change(g, pos, &k, 1), 1);
	samv_cgraph_free(g);
	assert_int_equal(git_config_set_bool(cfg, "commitGraph.readChangedPaths", 1), 0);
	assert_int_equal(samv_cgraph_open(&g, f->repo), 0);
	assert_int_equal(samv_cgraph_may_change(g, pos, &k, 1), 0);
	samv_cgraph_free(g);
	assert_int_equal(git_config_set_bool(cfg, "core.commitGraph", 0), 0);
	git_config_free(cfg);
	assert_int_equal(samv_cgraph_open(&g, f->repo), 0);
	assert_null(g);
	drop(&h);
}

/* the messages of the date walk from tip, with flags and paths, each
 * followed by a space */
static void walk(struct fx *f, const git_commit *tip, unsigned flags, const char *path, char out[1024])
{
	struct samv_datewalk *w = NULL;
	git_commit *c = NULL;
	git_oid id;
	int e;

	out[0] = '\0';
	assert_int_equal(samv_datewalk_new(&w, f->repo, git_commit_id(tip), flags), 0);
	if (path)
		assert_int_equal(samv_datewalk_paths(w, &path, 1), 0);
	while ((e = samv_datewalk_next(&id, w)) == 0) {
		assert_int_equal(git_commit_lookup(&c, f->repo, &id), 0);
		assert_true(strlen(out) + strlen(git_commit_message(c)) + 2 < 1024);
		strcat(out, git_commit_message(c));
		strcat(out, " ");
		git_commit_free(c);
	}
	assert_int_equal(e, GIT_ITEROVER);
	samv_datewalk_free(w);
}

/* The history of build() under 70 commits that change actors/ only: the
 * walk reads the first 64 and the one in line from the pack, then
 * opens the graph. */
static void datewalk(void **state)
{
	struct fx *f = *state;
	git_commit *top, *next;
	struct hist h;
	char plain[1024], graph[1024], want[1024] = "", msg[16], text[16];
	int i;

	build(f, &h);
	top = h.x;
	git_commit_dup(&top, h.x);
	for (i = 1; i <= 70; i++) {
		snprintf(msg, sizeof(msg), "t%d", i);
		snprintf(text, sizeof(text), "%d", 100 + i);
		next = commit_of(f, 500 + i, msg, &top, 1, tree_of(f, "agreement/agreement.json", "2", "actors/x.json", text,
									NULL));
		git_commit_free(top);
		top = next;
	}
	write_graph(f, top);
	walk(f, top, 0, NULL, plain);
	for (i = 70; i >= 1; i--)
		snprintf(want + strlen(want), sizeof(want) - strlen(want), "t%d ", i);
	strcat(want, "x m g d a b r ");
	assert_string_equal(plain, want);
	walk(f, top, SAMV_DATEWALK_GRAPH, NULL, graph);
	assert_string_equal(graph, plain);
	/* the commits that may have changed agreement/: past the first 65,
	 * the graph's filters leave out those that kept their first
	 * parent's (t5 to t1, x, m, a, b) */
	walk(f, top, SAMV_DATEWALK_GRAPH, "agreement", graph);
	want[0] = '\0';
	for (i = 70; i >= 6; i--)
		snprintf(want + strlen(want), sizeof(want) - strlen(want), "t%d ", i);
	strcat(want, "g d r ");
	assert_string_equal(graph, want);
	/* without the graph, or for a path deeper than the top, every one */
	walk(f, top, 0, "agreement", graph);
	assert_string_equal(graph, plain);
	walk(f, top, SAMV_DATEWALK_GRAPH, "agreement/agreement.json", graph);
	assert_string_equal(graph, plain);
	/* a walk from inside the graph: the first 65 read from the pack are
	 * the whole of it */
	walk(f, h.x, SAMV_DATEWALK_GRAPH, "agreement", graph);
	assert_string_equal(graph, "x m g d a b r ");
	git_commit_free(top);
	drop(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(murmur),
		cmocka_unit_test_setup_teardown(commits, setup, teardown),
		cmocka_unit_test_setup_teardown(refused, setup, teardown),
		cmocka_unit_test_setup_teardown(datewalk, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
