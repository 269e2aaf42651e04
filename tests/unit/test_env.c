/* Unit tests: the environment variables samv reads (env.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static int clean(void **state)
{
	(void)state;
	unsetenv("SAMV_TODAY");
	unsetenv("SAMV_LOCK_TIMEOUT");
	unsetenv("SAMV_DIR");
	unsetenv("TMPDIR");
	return 0;
}

static void today(void **state)
{
	char d[11];

	(void)state;
	assert_int_equal(samv_env_today(d), 0);
	assert_string_equal(d, "");
	setenv("SAMV_TODAY", "", 1);
	assert_int_equal(samv_env_today(d), 0);
	assert_string_equal(d, "");
	setenv("SAMV_TODAY", "2024-02-29", 1);
	assert_int_equal(samv_env_today(d), 0);
	assert_string_equal(d, "2024-02-29");
	samv_date_today(d);
	assert_string_equal(d, "2024-02-29");
	setenv("SAMV_TODAY", "2026-02-30", 1);
	assert_int_equal(samv_env_today(d), SAMV_EUSAGE);
	assert_string_equal(samv_error_last(), "SAMV_TODAY: '2026-02-30' is not a real day (YYYY-MM-DD)");
	assert_int_equal(samv_env_check(), SAMV_EUSAGE);
	/* the clock, never the bad value */
	samv_date_today(d);
	assert_int_equal(samv_date_check(d), 0);
	assert_string_not_equal(d, "2026-02-30");
}

static void lock_timeout(void **state)
{
	static const char *const bad[] = { "abc", "-5", "-0.1", "1e9", "inf", "nan", "0x10", " 5", "5s", "86401", NULL };
	const char *const *b;
	double w;

	(void)state;
	assert_int_equal(samv_env_lock_timeout(&w), 0);
	assert_true(w == SAMV_LOCK_TIMEOUT_DEFAULT);
	setenv("SAMV_LOCK_TIMEOUT", "0", 1);
	assert_int_equal(samv_env_lock_timeout(&w), 0);
	assert_true(w == 0);
	setenv("SAMV_LOCK_TIMEOUT", "2.5", 1);
	assert_int_equal(samv_env_lock_timeout(&w), 0);
	assert_true(w == 2.5);
	setenv("SAMV_LOCK_TIMEOUT", "86400", 1);
	assert_int_equal(samv_env_lock_timeout(&w), 0);
	for (b = bad; *b; b++) {
		setenv("SAMV_LOCK_TIMEOUT", *b, 1);
		assert_int_equal(samv_env_lock_timeout(&w), SAMV_EUSAGE);
		assert_non_null(strstr(samv_error_last(), "SAMV_LOCK_TIMEOUT: '"));
		assert_int_equal(samv_env_check(), SAMV_EUSAGE);
	}
}

static void directories(void **state)
{
	const char *v;

	(void)state;
	assert_int_equal(samv_env_dir(&v), 0);
	assert_null(v);
	setenv("SAMV_DIR", "", 1);
	assert_int_equal(samv_env_dir(&v), 0);
	assert_null(v);
	setenv("SAMV_DIR", "/srv/samv", 1);
	assert_int_equal(samv_env_dir(&v), 0);
	assert_string_equal(v, "/srv/samv");
	assert_int_equal(samv_env_tmpdir(&v), 0);
	assert_string_equal(v, "/tmp");
	setenv("TMPDIR", "/", 1);
	assert_int_equal(samv_env_tmpdir(&v), 0);
	assert_string_equal(v, "/");
	setenv("TMPDIR", "tmp", 1);
	assert_int_equal(samv_env_tmpdir(&v), SAMV_EUSAGE);
	setenv("TMPDIR", "/nonexistent-samv-dir", 1);
	assert_int_equal(samv_env_tmpdir(&v), SAMV_EUSAGE);
	assert_string_equal(samv_error_last(), "TMPDIR: '/nonexistent-samv-dir' is not an absolute path to a directory");
	/* TMPDIR is not samv's own: only signature checks need it */
	assert_int_equal(samv_env_check(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(today, clean),
		cmocka_unit_test_setup(lock_timeout, clean),
		cmocka_unit_test_setup(directories, clean),
	};

	return cmocka_run_group_tests_name("env", tests, NULL, NULL);
}
