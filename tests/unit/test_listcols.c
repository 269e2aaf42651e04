/* Unit tests: the list columns the query cache keeps for lists
 * (listcols.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"
#include "listcols.h"

/* Every type's list prints from list rows: each column it shows, its
 * status and its date field have a list column (a type with more than
 * SAMV_LISTCOLS such fields would list by parsing every record). */
static void test_every_type_covered(void **state)
{
	const struct samv_type *t;
	size_t i;

	(void)state;
	for (i = 0; (t = samv_type_at(i)); i++) {
		if (!samv_listcols_cover(t))
			fail_msg("type %s: a list column missing", t->name);
		if (samv_field_find(t, "status") && samv_listcol(t, "status") < 0)
			fail_msg("type %s: no list column for status", t->name);
		if (t->date_field && samv_listcol(t, t->date_field) < 0)
			fail_msg("type %s: no list column for %s", t->name, t->date_field);
	}
}

/* A meeting's: the one-value fields shown or filtered on, in the order
 * of its fields; sets (invited) and texts are not kept. */
static void test_meeting_columns(void **state)
{
	const struct samv_type *t = samv_type_find("meeting");
	const char *want[] = { "arena", "title", "date", "status" };
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_non_null(samv_listcol_field(t, (int)i));
		assert_string_equal(samv_listcol_field(t, (int)i)->name, want[i]);
		assert_int_equal(samv_listcol(t, want[i]), (int)i);
	}
	assert_null(samv_listcol_field(t, 4));
	assert_null(samv_listcol_field(t, -1));
	assert_int_equal(samv_listcol(t, "invited"), -1);
	assert_int_equal(samv_listcol(t, "minutes"), -1);
	assert_int_equal(samv_listcol(t, "id"), -1);
	/* a yes/no field a list filters on has one */
	assert_true(samv_listcol(samv_type_find("person"), "boundary_spanner") >= 0);
}

/* The conditions: numbered parameters after ?1 (the directory), values
 * in order; none for a field without a column. */
static void test_cond(void **state)
{
	const struct samv_type *t = samv_type_find("meeting");
	struct samv_buf b = SAMV_BUF_INIT;
	const char *args[4] = { NULL };
	size_t n = 0;

	(void)state;
	assert_int_equal(samv_buf_puts(&b, "1"), 0);
	assert_true(samv_listcol_cond(&b, args, &n, t, "status", "IS NOT", "cancelled"));
	assert_false(samv_listcol_cond(&b, args, &n, t, "invited", "=", "x"));
	assert_true(samv_listcol_cond(&b, args, &n, t, "date", ">=", "2026-01-01"));
	assert_string_equal(b.ptr, "1 AND k_f4 IS NOT ?2 AND k_f3 >= ?3");
	assert_int_equal(n, 2);
	assert_string_equal(args[0], "cancelled");
	assert_string_equal(args[1], "2026-01-01");
	assert_null(args[2]);
	samv_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type_covered),
		cmocka_unit_test(test_meeting_columns),
		cmocka_unit_test(test_cond),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
