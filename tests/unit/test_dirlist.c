/* Unit tests: the directories' listings samv-check keeps (dirlist.c):
 * kept only when older than the walk, given back only for the very stat
 * data they were kept with, written and read back, dropped when not met. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "dirlist.h"
#include "samv.h"

#define TABLE "CREATE TABLE chk_dir(path TEXT PRIMARY KEY, st BLOB NOT NULL, names BLOB NOT NULL);"

static const char names[] = "a.json\0b.json\0c.txt"; /* NUL after each */

static struct stat dir_stat(time_t t)
{
	struct stat sb;

	memset(&sb, 0, sizeof(sb));
	sb.st_mode = S_IFDIR | 0755;
	sb.st_ino = 4242;
	sb.st_size = 4096;
	sb.st_mtim.tv_sec = sb.st_ctim.tv_sec = t;
	sb.st_mtim.tv_nsec = sb.st_ctim.tv_nsec = 5;
	return sb;
}

static int rows(sqlite3 *db)
{
	sqlite3_stmt *st;
	int n = -1;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM chk_dir", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* An empty table in a database of its own, and the listings read from
 * it for a walk that began at second 1000. */
static sqlite3 *empty_table(struct samv_dirlist *dl, struct timespec *start)
{
	sqlite3 *db;

	start->tv_sec = 1000;
	start->tv_nsec = 0;
	memset(dl, 0, sizeof(*dl));
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, TABLE, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(samv_dirlist_load(dl, db, start), 0);
	return db;
}

static void kept_when_older_than_the_walk(void **state)
{
	struct timespec start;
	struct samv_dirlist dl;
	struct stat old = dir_stat(998), now = dir_stat(1000);
	const char *got;
	size_t len;
	sqlite3 *db = empty_table(&dl, &start);

	(void)state;
	/* changed in the second the walk began: not kept */
	assert_int_equal(samv_dirlist_put(&dl, "/actors/aa", &now, names, sizeof(names)), 0);
	assert_false(samv_dirlist_known(&dl, "/actors/aa"));
	/* nor when only its ctime is that recent */
	now.st_mtim.tv_sec = 900;
	assert_int_equal(samv_dirlist_put(&dl, "/actors/aa", &now, names, sizeof(names)), 0);
	assert_false(samv_dirlist_known(&dl, "/actors/aa"));
	/* older: kept, and given back for the same stat data only */
	assert_int_equal(samv_dirlist_put(&dl, "/actors/aa", &old, names, sizeof(names)), 0);
	assert_true(samv_dirlist_known(&dl, "/actors/aa"));
	assert_int_equal(samv_dirlist_get(&dl, "/actors/aa", &old, &got, &len), 1);
	assert_int_equal(len, sizeof(names));
	assert_memory_equal(got, names, sizeof(names));
	old.st_ctim.tv_nsec++;
	assert_int_equal(samv_dirlist_get(&dl, "/actors/aa", &old, &got, &len), 0);
	old.st_ctim.tv_nsec--;
	old.st_mtim.tv_sec--;
	assert_int_equal(samv_dirlist_get(&dl, "/actors/aa", &old, &got, &len), 0);
	old.st_mtim.tv_sec++;
	assert_int_equal(samv_dirlist_get(&dl, "/actors/bb", &old, &got, &len), 0);
	assert_true(samv_dirlist_changed(&dl));
	assert_int_equal(samv_dirlist_write(&dl, db), SQLITE_OK);
	assert_int_equal(rows(db), 1);
	samv_dirlist_free(&dl);

	/* read back by the next walk; a walk that meets it changes nothing */
	assert_int_equal(samv_dirlist_load(&dl, db, &start), 0);
	assert_false(samv_dirlist_changed(&dl)); /* no walk yet */
	assert_int_equal(samv_dirlist_get(&dl, "/actors/aa", &old, &got, &len), 1);
	assert_memory_equal(got, names, sizeof(names));
	assert_false(samv_dirlist_changed(&dl));
	samv_dirlist_free(&dl);

	/* a walk that does not meet it (the directory gone) deletes it */
	assert_int_equal(samv_dirlist_load(&dl, db, &start), 0);
	assert_false(samv_dirlist_known(&dl, "/actors/cc"));
	assert_true(samv_dirlist_changed(&dl));
	assert_int_equal(samv_dirlist_write(&dl, db), SQLITE_OK);
	assert_int_equal(rows(db), 0);
	samv_dirlist_free(&dl);
	sqlite3_close(db);
}

/* A listing that does not end with a NUL (edited by hand) is not read. */
static void a_damaged_listing_is_not_used(void **state)
{
	struct timespec start;
	struct samv_dirlist dl;
	struct stat old = dir_stat(998);
	const char *got;
	size_t len;
	sqlite3 *db = empty_table(&dl, &start);
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(samv_dirlist_put(&dl, "/actors/aa", &old, names, sizeof(names)), 0);
	assert_int_equal(samv_dirlist_write(&dl, db), SQLITE_OK);
	samv_dirlist_free(&dl);
	assert_int_equal(sqlite3_prepare_v2(db, "UPDATE chk_dir SET names = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_blob(st, 1, "a.json", 6, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(samv_dirlist_load(&dl, db, &start), 0);
	assert_false(samv_dirlist_known(&dl, "/actors/aa"));
	assert_int_equal(samv_dirlist_get(&dl, "/actors/aa", &old, &got, &len), 0);
	samv_dirlist_free(&dl);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kept_when_older_than_the_walk),
		cmocka_unit_test(a_damaged_listing_is_not_used),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
