/* Unit tests: the Agreement's pure logic (KEY=TEXT, purpose keys, the
 * natural order of clause ids, the differences between two versions). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static void key_text_splits_at_the_first_equals(void **state)
{
	char *key, *text;

	(void)state;
	assert_int_equal(samv_key_text(&key, &text, "clause", "4=a = b"), 0);
	assert_string_equal(key, "4");
	assert_string_equal(text, "a = b");
	free(key);
	free(text);
	assert_int_equal(samv_key_text(&key, &text, "clause", "4="), 0);
	assert_string_equal(text, "");
	free(key);
	free(text);
	assert_int_equal(samv_key_text(&key, &text, "clause", "4=@@x"), 0);
	assert_string_equal(text, "@x");
	free(key);
	free(text);
	assert_int_equal(samv_key_text(&key, &text, "clause", "no-equals"), SAMV_EUSAGE);
	assert_null(key);
	assert_null(text);
	assert_string_equal(samv_error_last(), "--clause: expected KEY=TEXT, not 'no-equals'");
	assert_int_equal(samv_key_text(&key, &text, "clause", "=text"), SAMV_EUSAGE);
	assert_int_equal(samv_key_text(&key, &text, "clause", "4=\xff"), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "--clause: invalid UTF-8");
	assert_int_equal(samv_key_text(&key, &text, "clause", "4=@/nonexistent/file"), SAMV_ENOTFOUND);
	assert_null(key);
}

static void purpose_keys_are_one_letter(void **state)
{
	(void)state;
	assert_int_equal(samv_purpose_key_check("a"), 0);
	assert_int_equal(samv_purpose_key_check("z"), 0);
	assert_int_equal(samv_purpose_key_check("ab"), SAMV_EINVAL);
	assert_int_equal(samv_purpose_key_check("A"), SAMV_EINVAL);
	assert_int_equal(samv_purpose_key_check("1"), SAMV_EINVAL);
	assert_int_equal(samv_purpose_key_check(""), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "invalid purpose key '': one letter a-z");
}

static int cmp(const void *a, const void *b)
{
	return samv_clause_cmp(*(const char *const *)a, *(const char *const *)b);
}

static void clause_ids_in_natural_order(void **state)
{
	const char *ids[] = { "10", "4-10", "2", "4-2", "4", "1", "4-1", "preamble" };
	const char *want[] = { "1", "2", "4", "4-1", "4-2", "4-10", "10", "preamble" };
	size_t i;

	(void)state;
	qsort(ids, sizeof(ids) / sizeof(ids[0]), sizeof(ids[0]), cmp);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		assert_string_equal(ids[i], want[i]);
}

static cJSON *parse(const char *s)
{
	cJSON *v = NULL;
	struct samv_pos pos;

	assert_int_equal(samv_json_parse(&v, s, strlen(s), &pos), 0);
	return v;
}

static char *lines(const cJSON *changes)
{
	struct samv_buf b = SAMV_BUF_INIT;
	const cJSON *c;

	samv_buf_puts(&b, "");
	cJSON_ArrayForEach(c, changes) {
		samv_agreement_change_line(&b, c);
		samv_buf_puts(&b, ";");
	}
	return b.ptr;
}

static void diff_tells_what_changed_in_order(void **state)
{
	cJSON *a = parse("{\"title\": \"T\", \"parties\": [\"region\", \"x\"],"
			 " \"purposes\": {\"a\": \"A\", \"b\": \"B\", \"c\": \"C\"},"
			 " \"clauses\": [{\"id\": \"2\", \"text\": \"two\"}, {\"id\": \"4\", \"text\": \"four\"},"
			 " {\"id\": \"10\", \"text\": \"ten\"}]}");
	cJSON *b = parse("{\"title\": \"T2\", \"parties\": [\"region\", \"y\"],"
			 " \"purposes\": {\"a\": \"A\", \"b\": \"B!\", \"d\": \"D\"},"
			 " \"clauses\": [{\"id\": \"2\", \"text\": \"two\"}, {\"id\": \"4\", \"heading\": \"H\", \"text\": \"four\"},"
			 " {\"id\": \"4-1\", \"text\": \"new\"}]}");
	cJSON *d = NULL;
	const cJSON *c;
	char *s;

	(void)state;
	assert_int_equal(samv_agreement_diff(&d, a, b, true), 0);
	s = lines(d);
	assert_string_equal(s, "changed title;removed party x;added party y;changed purpose b;removed purpose c;"
			    "added purpose d;changed clause 4;added clause 4-1;removed clause 10;");
	free(s);
	c = cJSON_GetArrayItem(d, 3);
	assert_string_equal(cJSON_GetObjectItem(c, "old")->valuestring, "B");
	assert_string_equal(cJSON_GetObjectItem(c, "new")->valuestring, "B!");
	cJSON_Delete(d);
	/* from nothing: everything is added, the title is no change */
	assert_int_equal(samv_agreement_diff(&d, NULL, a, false), 0);
	s = lines(d);
	assert_string_equal(s, "added party region;added party x;added purpose a;added purpose b;added purpose c;"
			    "added clause 2;added clause 4;added clause 10;");
	assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(d, 0), "new"));
	free(s);
	cJSON_Delete(d);
	assert_int_equal(samv_agreement_diff(&d, a, a, true), 0);
	assert_int_equal(cJSON_GetArraySize(d), 0);
	cJSON_Delete(d);
	cJSON_Delete(a);
	cJSON_Delete(b);
}

static void find_by_number_and_date(void **state)
{
	cJSON *h = parse("[{\"version\": 1, \"date\": \"2026-03-10\", \"commit\": \"a\"},"
			 " {\"version\": 2, \"date\": \"2026-09-15\", \"commit\": \"b\"},"
			 " {\"version\": 3, \"date\": \"2026-09-15\", \"commit\": \"c\"}]");
	const cJSON *e;

	(void)state;
	assert_int_equal(samv_agreement_find(&e, h, 2, NULL), 0);
	assert_string_equal(samv_record_str(e, "commit"), "b");
	assert_int_equal(samv_agreement_find(&e, h, 0, "2026-09-14"), 0);
	assert_string_equal(samv_record_str(e, "commit"), "a");
	assert_int_equal(samv_agreement_find(&e, h, 0, "2026-09-15"), 0);
	assert_string_equal(samv_record_str(e, "commit"), "c");
	assert_int_equal(samv_agreement_find(&e, h, 0, "2026-01-01"), SAMV_ENOTFOUND);
	assert_string_equal(samv_error_last(),
			    "no version of the Agreement on or before 2026-01-01 (version 1 is of 2026-03-10)");
	assert_int_equal(samv_agreement_find(&e, h, 4, NULL), SAMV_ENOTFOUND);
	assert_string_equal(samv_error_last(), "no version 4 of the Agreement (the latest is 3)");
	cJSON_Delete(h);
	h = parse("[]");
	assert_int_equal(samv_agreement_find(&e, h, 1, NULL), SAMV_ENOTFOUND);
	cJSON_Delete(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_text_splits_at_the_first_equals),
		cmocka_unit_test(purpose_keys_are_one_letter),
		cmocka_unit_test(clause_ids_in_natural_order),
		cmocka_unit_test(diff_tells_what_changed_in_order),
		cmocka_unit_test(find_by_number_and_date),
	};

	return cmocka_run_group_tests_name("agreement", tests, NULL, NULL);
}
