/* Unit tests: the streamed index update (gitindex.c) gives what libgit2's
 * own read + add + write gives, for index versions 2, 3 and 4, keeps the
 * cache tree only where nothing changed, and refuses what it cannot
 * update. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "samv.h"
#include "gitindex.h"

static char dir[64];

static void path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static git_oid blob_id(const char *text)
{
	git_oid id;

	git_odb_hash(&id, text, strlen(text), GIT_OBJECT_BLOB);
	return id;
}

static void add(git_index *ix, const char *path, const char *text, uint32_t mtime)
{
	git_index_entry e;

	memset(&e, 0, sizeof(e));
	e.path = path;
	e.mode = GIT_FILEMODE_BLOB;
	e.id = blob_id(text);
	e.mtime.seconds = (int32_t)mtime;
	e.file_size = (uint32_t)strlen(text);
	assert_int_equal(git_index_add(ix, &e), 0);
}

/* An index file NAME of version VERSION holding a, b/c, b/d, e/f, g. */
static void make_index(const char *name, unsigned version, bool intent)
{
	char p[128];
	git_index *ix;

	path_of(p, sizeof(p), name);
	unlink(p);
	assert_int_equal(git_index_open(&ix, p), 0);
	assert_int_equal(git_index_set_version(ix, version), 0);
	add(ix, "a", "A", 1);
	add(ix, "b/c", "C", 2);
	add(ix, "b/d", "D", 3);
	add(ix, "e/f", "F", 4);
	add(ix, "g", "G", 5);
	if (intent) {
		/* an intent-to-add entry: extended flags, which make version 3 */
		git_index_entry e = *git_index_get_bypath(ix, "g", 0);

		e.flags_extended |= GIT_INDEX_ENTRY_INTENT_TO_ADD;
		assert_int_equal(git_index_add(ix, &e), 0);
	}
	assert_int_equal(git_index_write(ix), 0);
	git_index_free(ix);
}

static void write_file(const char *name, const unsigned char *data, size_t len)
{
	char p[128];
	FILE *f;

	path_of(p, sizeof(p), name);
	assert_non_null(f = fopen(p, "wb"));
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static struct samv_gitindex_change put(const char *path, const char *text, uint32_t mtime)
{
	struct samv_gitindex_change c;

	memset(&c, 0, sizeof(c));
	c.path = path;
	c.mode = GIT_FILEMODE_BLOB;
	c.id = blob_id(text);
	c.mtime_s = mtime;
	c.size = (uint32_t)strlen(text);
	return c;
}

static struct samv_gitindex_change del(const char *path)
{
	struct samv_gitindex_change c;

	memset(&c, 0, sizeof(c));
	c.path = path;
	return c;
}

/* Apply the same changes with libgit2 and by streaming; compare what
 * libgit2 reads back from both, entry by entry. */
static void same_as_libgit2(unsigned version, bool intent)
{
	struct samv_gitindex_change ch[4];
	struct samv_gitindex sx;
	unsigned char *out;
	size_t len, i;
	git_index *want, *have;
	char p[128];

	make_index("index", version, intent);
	path_of(p, sizeof(p), "index");
	assert_int_equal(samv_gitindex_open(&sx, p), 0);
	assert_int_equal(sx.version, version);
	assert_int_equal(sx.nentries, 5);
	/* unsorted on purpose: an insertion before, inside and after */
	ch[0] = put("h", "H", 9);
	ch[1] = put("b/c", "C2", 7);
	ch[2] = del("e/f");
	ch[3] = put("0", "zero", 8);
	assert_int_equal(samv_gitindex_update(&out, &len, &sx, ch, 4), 0);
	write_file("streamed", out, len);
	free(out);
	samv_gitindex_free(&sx);

	assert_int_equal(git_index_open(&want, p), 0);
	add(want, "h", "H", 9);
	add(want, "b/c", "C2", 7);
	assert_int_equal(git_index_remove(want, "e/f", 0), 0);
	add(want, "0", "zero", 8);
	path_of(p, sizeof(p), "streamed");
	/* libgit2 checks the trailing SHA-1 when it reads */
	assert_int_equal(git_index_open(&have, p), 0);
	assert_int_equal(git_index_read(have, 1), 0);
	assert_int_equal(git_index_entrycount(have), git_index_entrycount(want));
	assert_int_equal(git_index_entrycount(have), 6);
	for (i = 0; i < git_index_entrycount(want); i++) {
		const git_index_entry *a = git_index_get_byindex(want, i), *b = git_index_get_byindex(have, i);

		assert_string_equal(a->path, b->path);
		assert_true(git_oid_equal(&a->id, &b->id));
		assert_int_equal(a->mode, b->mode);
		assert_int_equal(a->mtime.seconds, b->mtime.seconds);
		assert_int_equal(a->file_size, b->file_size);
		assert_int_equal(a->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD,
				 b->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD);
	}
	assert_int_equal(git_index_version(have), version);
	git_index_free(want);
	git_index_free(have);
}

static void test_v2(void **state)
{
	(void)state;
	same_as_libgit2(2, false);
}

static void test_v3(void **state)
{
	(void)state;
	same_as_libgit2(3, true);
}

static void test_v4(void **state)
{
	(void)state;
	same_as_libgit2(4, false);
}

static void test_find(void **state)
{
	struct samv_gitindex sx;
	git_index_entry anc, ours, theirs;
	git_index *ix;
	git_oid id, c = blob_id("C");
	char p[128];

	(void)state;
	make_index("index", 4, false);
	path_of(p, sizeof(p), "index");
	assert_int_equal(git_index_open(&ix, p), 0);
	memset(&anc, 0, sizeof(anc));
	anc.path = "e/f";
	anc.mode = GIT_FILEMODE_BLOB;
	anc.id = blob_id("F");
	ours = theirs = anc;
	ours.id = blob_id("F1");
	theirs.id = blob_id("F2");
	assert_int_equal(git_index_conflict_add(ix, &anc, &ours, &theirs), 0);
	assert_int_equal(git_index_write(ix), 0);
	git_index_free(ix);

	assert_int_equal(samv_gitindex_open(&sx, p), 0);
	assert_true(samv_gitindex_find(&sx, "b/c", 0, &id));
	assert_true(git_oid_equal(&id, &c));
	assert_false(samv_gitindex_find(&sx, "b", 0, NULL));
	assert_false(samv_gitindex_find(&sx, "b/c", 1, NULL));
	assert_false(samv_gitindex_find(&sx, "e/f", 0, NULL));
	assert_true(samv_gitindex_find(&sx, "e/f", 1, NULL));
	assert_true(samv_gitindex_find(&sx, "e/f", 3, &id));
	assert_true(git_oid_equal(&id, &theirs.id));
	assert_true(samv_gitindex_find(&sx, "g", 0, NULL));
	samv_gitindex_free(&sx);
}

/* The cache tree: the root and b/ hold a changed path and are invalidated
 * (-1); e/ keeps its entry count and id. */
static void test_tree(void **state)
{
	static const char root_bad[] = "\0-1 2\n", b_bad[] = "b\0-1 0\n", e_ok[] = "e\0001 0\n";
	struct samv_gitindex_change ch[1];
	struct samv_gitindex sx;
	unsigned char *out;
	git_repository *repo;
	git_index *ix;
	git_oid tree;
	size_t len;
	char p[128];

	(void)state;
	path_of(p, sizeof(p), "repo");
	assert_int_equal(git_repository_init(&repo, p, 0), 0);
	assert_int_equal(git_repository_index(&ix, repo), 0);
	/* libgit2 adds only blobs the repository has */
	assert_int_equal(git_blob_create_from_buffer(&tree, repo, "A", 1), 0);
	assert_int_equal(git_blob_create_from_buffer(&tree, repo, "C", 1), 0);
	assert_int_equal(git_blob_create_from_buffer(&tree, repo, "F", 1), 0);
	add(ix, "a", "A", 1);
	add(ix, "b/c", "C", 2);
	add(ix, "e/f", "F", 4);
	assert_int_equal(git_index_write_tree(&tree, ix), 0);
	assert_int_equal(git_index_write(ix), 0);
	git_index_free(ix);
	git_repository_free(repo);

	path_of(p, sizeof(p), "repo/.git/index");
	assert_int_equal(samv_gitindex_open(&sx, p), 0);
	assert_non_null(memmem(sx.data + sx.ext, sx.size - sx.ext, "TREE", 4));
	assert_non_null(memmem(sx.data + sx.ext, sx.size - sx.ext, e_ok, sizeof(e_ok) - 1));
	ch[0] = put("b/c", "C2", 7);
	assert_int_equal(samv_gitindex_update(&out, &len, &sx, ch, 1), 0);
	assert_non_null(memmem(out, len, "TREE", 4));
	assert_non_null(memmem(out, len, root_bad, sizeof(root_bad) - 1));
	assert_non_null(memmem(out, len, b_bad, sizeof(b_bad) - 1));
	assert_non_null(memmem(out, len, e_ok, sizeof(e_ok) - 1));
	write_file("repo/.git/index", out, len);
	free(out);
	samv_gitindex_free(&sx);
	/* and libgit2 reads it */
	assert_int_equal(git_index_open(&ix, p), 0);
	assert_int_equal(git_index_entrycount(ix), 3);
	git_index_free(ix);
}

static void test_missing_is_empty(void **state)
{
	struct samv_gitindex_change ch[1];
	struct samv_gitindex sx;
	unsigned char *out;
	git_index *ix;
	size_t len;
	char p[128];

	(void)state;
	path_of(p, sizeof(p), "none");
	unlink(p);
	assert_int_equal(samv_gitindex_open(&sx, p), 0);
	assert_int_equal(sx.nentries, 0);
	ch[0] = put("x/y.json", "{}", 1);
	assert_int_equal(samv_gitindex_update(&out, &len, &sx, ch, 1), 0);
	write_file("fresh", out, len);
	free(out);
	samv_gitindex_free(&sx);
	path_of(p, sizeof(p), "fresh");
	assert_int_equal(git_index_open(&ix, p), 0);
	assert_int_equal(git_index_entrycount(ix), 1);
	assert_string_equal(git_index_get_byindex(ix, 0)->path, "x/y.json");
	git_index_free(ix);
}

/* An index of version V with one extension SIG (4 bytes of data). */
static size_t with_extension(unsigned char *b, unsigned v, const char *sig)
{
	static const unsigned char head[12] = { 'D', 'I', 'R', 'C', 0, 0, 0, 0, 0, 0, 0, 0 };

	memcpy(b, head, 12);
	b[7] = (unsigned char)v;
	memcpy(b + 12, sig, 4);
	memcpy(b + 16, "\0\0\0\4abcd", 8);
	samv_sha1(b + 24, b, 24);
	return 44;
}

/* samv_gitindex_write (what a samv write uses) writes the bytes
 * samv_gitindex_update builds, for a run-copying version (2) and a
 * re-encoded one (4); the first and last entries removed, one inserted. */
static void write_same(unsigned version)
{
	struct samv_gitindex_change ch[3];
	struct samv_gitindex sx;
	unsigned char *out, *got;
	size_t len;
	char p[128], q[128];
	git_index *ix;
	FILE *f;
	int fd;

	make_index("index", version, false);
	path_of(p, sizeof(p), "index");
	path_of(q, sizeof(q), "written");
	ch[0] = del("g");
	ch[1] = put("b/e", "E", 6);
	ch[2] = del("a");
	assert_int_equal(samv_gitindex_open(&sx, p), 0);
	assert_int_equal(samv_gitindex_update(&out, &len, &sx, ch, 3), 0);
	samv_gitindex_free(&sx);
	assert_int_equal(samv_gitindex_open(&sx, p), 0);
	assert_true((fd = open(q, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0);
	assert_int_equal(samv_gitindex_write(fd, &sx, ch, 3, NULL), 0);
	close(fd);
	samv_gitindex_free(&sx);
	got = malloc(len + 1);
	assert_non_null(f = fopen(q, "rb"));
	assert_int_equal(fread(got, 1, len + 1, f), len);
	fclose(f);
	assert_memory_equal(got, out, len);
	free(got);
	free(out);
	/* libgit2 reads it (it checks the checksum): b/c b/d b/e e/f */
	assert_int_equal(git_index_open(&ix, q), 0);
	assert_int_equal(git_index_entrycount(ix), 4);
	assert_string_equal(git_index_get_byindex(ix, 0)->path, "b/c");
	assert_string_equal(git_index_get_byindex(ix, 2)->path, "b/e");
	assert_string_equal(git_index_get_byindex(ix, 3)->path, "e/f");
	git_index_free(ix);
}

static void test_write(void **state)
{
	(void)state;
	write_same(2);
	write_same(4);
}

static void test_refused(void **state)
{
	struct samv_gitindex sx;
	unsigned char b[64], *data;
	size_t len;
	char p[128];
	FILE *f;

	(void)state;
	len = with_extension(b, 2, "link");
	assert_int_equal(samv_gitindex_parse(&sx, b, len), SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "split index"));
	samv_error_clear();
	len = with_extension(b, 2, "sdir");
	assert_int_equal(samv_gitindex_parse(&sx, b, len), SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "sparse index"));
	samv_error_clear();
	len = with_extension(b, 5, "UNTR");
	assert_int_equal(samv_gitindex_parse(&sx, b, len), SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "version 5"));
	samv_error_clear();
	/* an optional extension is read, and dropped when written */
	len = with_extension(b, 2, "UNTR");
	assert_int_equal(samv_gitindex_parse(&sx, b, len), 0);
	assert_int_equal(samv_gitindex_update(&data, &len, &sx, NULL, 0), 0);
	assert_int_equal(len, 32);
	assert_null(memmem(data, len, "UNTR", 4));
	free(data);
	samv_gitindex_free(&sx);

	/* damaged: cut short, and entries out of order */
	make_index("index", 2, false);
	path_of(p, sizeof(p), "index");
	assert_non_null(f = fopen(p, "rb"));
	data = malloc(4096);
	len = fread(data, 1, 4096, f);
	fclose(f);
	assert_int_equal(samv_gitindex_parse(&sx, data, 100), SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "damaged"));
	samv_error_clear();
	data[12 + 62] = 'z'; /* the first path, "a", becomes "z": before "b/c" no more */
	assert_int_equal(samv_gitindex_parse(&sx, data, len), SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "out of order"));
	samv_error_clear();
	free(data);
}

/* An empty version 2 index whose only extension is TREE holding LEN
 * bytes of TREE. */
static size_t with_tree(unsigned char *b, const char *tree, size_t len)
{
	static const unsigned char head[12] = { 'D', 'I', 'R', 'C', 0, 0, 0, 2, 0, 0, 0, 0 };

	memcpy(b, head, 12);
	memcpy(b + 12, "TREE", 4);
	b[16] = b[17] = b[18] = 0;
	b[19] = (unsigned char)len;
	memcpy(b + 20, tree, len);
	samv_sha1(b + 20 + len, b, 20 + len);
	return 40 + len;
}

/* The cache tree's "COUNT SUBTREES\n" lines are read as git writes them
 * ("%d %d\n"); anything else drops the extension (git builds it again)
 * and the index stays readable. */
static void test_tree_lines(void **state)
{
	static const struct {
		const char *tree;
		size_t len;
		bool kept;
	} cases[] = {
		{ "\0-1 0\n", 6, true },
		{ "\0-1 0 \n", 7, false },
		{ "\0+1 0\n", 6, false },
		{ "\0 -1 0\n", 7, false },
		{ "\0-1\n", 4, false },
		{ "\0-1 \n", 5, false },
		{ "\0-1234567890 0\n", 15, false },
		{ "\0-1 -1\n", 7, false },
		{ "\0-1 0x\n", 7, false },
	};
	struct samv_gitindex sx;
	unsigned char b[128], *out;
	size_t len, i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = with_tree(b, cases[i].tree, cases[i].len);
		assert_int_equal(samv_gitindex_parse(&sx, b, len), 0);
		assert_int_equal(samv_gitindex_update(&out, &len, &sx, NULL, 0), 0);
		assert_int_equal(memmem(out, len, "TREE", 4) != NULL, cases[i].kept);
		samv_gitindex_free(&sx);
		assert_int_equal(samv_gitindex_parse(&sx, out, len), 0);
		samv_gitindex_free(&sx);
		free(out);
	}
}

/* A path is changed once a write: the same new path twice is refused,
 * by the runs' way (version 2) and the re-encoding one (version 4). */
static void test_twice(void **state)
{
	static const unsigned versions[] = { 2, 4 };
	struct samv_gitindex_change ch[2];
	struct samv_gitindex sx;
	unsigned char *out;
	size_t len, i;
	char p[128];

	(void)state;
	for (i = 0; i < 2; i++) {
		make_index("index", versions[i], false);
		path_of(p, sizeof(p), "index");
		assert_int_equal(samv_gitindex_open(&sx, p), 0);
		ch[0] = put("h", "H", 9);
		ch[1] = put("h", "H2", 10);
		out = NULL;
		assert_int_equal(samv_gitindex_update(&out, &len, &sx, ch, 2), SAMV_ERROR);
		assert_non_null(strstr(samv_error_last(), "'h' changed twice"));
		assert_null(out);
		samv_gitindex_free(&sx);
	}
}

/* samv_blob_id gives git's blob id (git_odb_hash's), of any length */
static void test_blob_id(void **state)
{
	static const size_t lens[] = { 0, 1, 55, 56, 63, 64, 65, 1000, 100000 };
	char *data = malloc(100000);
	git_oid a, b;
	size_t i;

	(void)state;
	assert_non_null(data);
	for (i = 0; i < 100000; i++)
		data[i] = (char)(i * 7 + i / 13);
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		samv_blob_id(&a, data, lens[i]);
		assert_int_equal(git_odb_hash(&b, data, lens[i], GIT_OBJECT_BLOB), 0);
		assert_true(git_oid_equal(&a, &b));
	}
	/* git's id of the empty blob */
	assert_int_equal(git_oid_fromstr(&b, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"), 0);
	samv_blob_id(&a, "", 0);
	assert_true(git_oid_equal(&a, &b));
	free(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v2),
		cmocka_unit_test(test_v3),
		cmocka_unit_test(test_v4),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_missing_is_empty),
		cmocka_unit_test(test_write),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_blob_id),
		cmocka_unit_test(test_tree_lines),
		cmocka_unit_test(test_twice),
	};
	char cmd[96];
	int rc;

	git_libgit2_init();
	strcpy(dir, "/tmp/samv-gitindex-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	git_libgit2_shutdown();
	return rc;
}
