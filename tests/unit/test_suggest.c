/* Unit tests: "did you mean" (suggest.c) and the ambiguous id message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static const char *const commands[] = { "init", "actor", "person", "arena", "meeting", "decision", "agreement",
					 "assess", "check", "report", "log", "sync", "help" };
#define N (sizeof(commands) / sizeof(commands[0]))

static void one_nearest(const char *typed, const char *want)
{
	const char *near[4];

	assert_int_equal(samv_suggest(near, 4, typed, commands, N), 1);
	assert_string_equal(near[0], want);
}

static void suggest_typos(void **state)
{
	(void)state;
	one_nearest("actr", "actor");     /* a letter missing */
	one_nearest("lgo", "log");        /* two letters swapped */
	one_nearest("chekc", "check");    /* swapped at the end */
	one_nearest("metting", "meeting");/* a wrong letter */
	one_nearest("repoort", "report"); /* an extra letter */
	one_nearest("meet", "meeting");   /* a prefix */
	one_nearest("syncc", "sync");
}

static void suggest_nothing_far(void **state)
{
	const char *near[4];

	(void)state;
	assert_int_equal(samv_suggest(near, 4, "foo", commands, N), 0);
	assert_int_equal(samv_suggest(near, 4, "x", commands, N), 0);
	assert_int_equal(samv_suggest(near, 4, "", commands, N), 0);
	assert_int_equal(samv_suggest(near, 4, "frobnicate", commands, N), 0);
}

static void suggest_every_equal_one(void **state)
{
	const char *near[4];

	(void)state;
	/* "a" begins actor, arena, agreement and assess: all as near */
	assert_int_equal(samv_suggest(near, 4, "a", commands, N), 4);
	assert_string_equal(near[0], "actor");
	assert_string_equal(near[3], "assess");
	assert_int_equal(samv_suggest(near, 2, "a", commands, N), 2);
}

static void suggest_text_and_error(void **state)
{
	struct samv_buf b = SAMV_BUF_INIT;
	static const char *const opts[] = { "sector", "kind", "level" };

	(void)state;
	assert_int_equal(samv_suggest_text(&b, "--", "sectr", opts, 3), 1);
	assert_string_equal(b.ptr, "did you mean '--sector'?");
	samv_buf_free(&b);
	assert_int_equal(samv_suggest_text(&b, "", "zzzz", opts, 3), 0);
	assert_null(b.ptr);
	assert_int_equal(samv_error_unknown("option", "--", "levle", opts, 3, NULL), SAMV_EUSAGE);
	assert_string_equal(samv_error_last(), "unknown option '--levle'; did you mean '--level'?");
	assert_int_equal(samv_error_unknown("command", "", "zzzz", opts, 3, "samv-actor --help"), SAMV_EUSAGE);
	assert_string_equal(samv_error_last(), "unknown command 'zzzz' (see samv-actor --help)");
}

static void ambiguous_names_candidates(void **state)
{
	static const char *const ids[] = { "stad-a", "stad-b" };

	(void)state;
	assert_int_equal(samv_id_ambiguous(samv_type_find("actor"), "st", ids, 2, 2), SAMV_EAMBIGUOUS);
	assert_string_equal(samv_error_last(), "actor id 'st' is ambiguous: stad-a, stad-b");
	assert_int_equal(samv_id_ambiguous(NULL, "s", ids, 2, 14), SAMV_EAMBIGUOUS);
	assert_string_equal(samv_error_last(), "id 's' is ambiguous: stad-a, stad-b and 12 more");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(suggest_typos),
		cmocka_unit_test(suggest_nothing_far),
		cmocka_unit_test(suggest_every_equal_one),
		cmocka_unit_test(suggest_text_and_error),
		cmocka_unit_test(ambiguous_names_candidates),
	};

	return cmocka_run_group_tests_name("suggest", tests, NULL, NULL);
}
