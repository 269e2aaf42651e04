/* Unit tests: the field-by-field diff of JSON records and deep equality. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static cJSON *parse(const char *text)
{
	cJSON *v = cJSON_Parse(text);

	assert_non_null(v);
	return v;
}

/* The diff of two JSON texts (NULL: absent) as its lines, one a line. */
static char *lines(const char *a, const char *b)
{
	cJSON *x = a ? parse(a) : NULL, *y = b ? parse(b) : NULL, *d = NULL;
	struct samv_buf out = SAMV_BUF_INIT;
	const cJSON *c;

	assert_int_equal(samv_jsondiff(&d, x, y), 0);
	assert_int_equal(samv_buf_puts(&out, ""), 0);
	cJSON_ArrayForEach(c, d) {
		assert_int_equal(samv_jsondiff_line(&out, c), 0);
		assert_int_equal(samv_buf_puts(&out, "\n"), 0);
	}
	cJSON_Delete(x);
	cJSON_Delete(y);
	cJSON_Delete(d);
	return out.ptr;
}

static void expect_lines(const char *a, const char *b, const char *want)
{
	char *got = lines(a, b);

	assert_string_equal(got, want);
	free(got);
}

static void equal_is_deep_and_exact(void **state)
{
	static const char *const same[][2] = {
		{ "[\"a\", \"b\"]", "[\"a\", \"b\"]" },
		{ "{\"a\": 1, \"b\": [true, null]}", "{\"b\": [true, null], \"a\": 1}" },
		{ "\"Östergötland\"", "\"Östergötland\"" },
		{ "[]", "[]" },
	};
	static const char *const differ[][2] = {
		{ "[\"a\"]", "[\"a\", \"b\"]" }, /* cJSON_Compare says equal in 1.7.15 */
		{ "[\"a\", \"b\"]", "[\"a\"]" },
		{ "[\"a\", \"b\"]", "[\"b\", \"a\"]" },
		{ "{\"a\": 1}", "{\"a\": 1, \"b\": 2}" },
		{ "{\"a\": 1, \"b\": 2}", "{\"a\": 1}" },
		{ "1", "\"1\"" },
		{ "true", "false" },
		{ "null", "{}" },
		{ "\"a\"", "\"A\"" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		cJSON *a = parse(same[i][0]), *b = parse(same[i][1]);

		assert_true(samv_json_equal(a, b));
		assert_true(samv_json_equal(b, a));
		cJSON_Delete(a);
		cJSON_Delete(b);
	}
	for (i = 0; i < sizeof(differ) / sizeof(differ[0]); i++) {
		cJSON *a = parse(differ[i][0]), *b = parse(differ[i][1]);

		assert_false(samv_json_equal(a, b));
		assert_false(samv_json_equal(b, a));
		cJSON_Delete(a);
		cJSON_Delete(b);
	}
	assert_true(samv_json_equal(NULL, NULL));
}

static void fields_changed_added_removed(void **state)
{
	(void)state;
	expect_lines("{\"id\": \"x\", \"level\": \"regional\", \"note\": \"n\"}",
		     "{\"id\": \"x\", \"level\": \"national\", \"area\": \"Motala\"}",
		     "~ level: \"regional\" \xe2\x86\x92 \"national\"\n"
		     "+ area: \"Motala\"\n"
		     "- note: \"n\"\n");
	expect_lines("{\"id\": \"x\"}", "{\"id\": \"x\"}", "");
	/* values keep their type; text with a newline stays on one line */
	expect_lines("{\"n\": 1, \"b\": true, \"t\": \"a\\nb\"}", "{\"n\": 2, \"b\": false, \"t\": \"a\\nc\"}",
		     "~ n: 1 \xe2\x86\x92 2\n~ b: true \xe2\x86\x92 false\n~ t: \"a\\nb\" \xe2\x86\x92 \"a\\nc\"\n");
	expect_lines("{\"v\": \"1\"}", "{\"v\": 1}", "~ v: \"1\" \xe2\x86\x92 1\n");
}

static void created_and_deleted_records(void **state)
{
	(void)state;
	expect_lines(NULL, "{\"id\": \"x\", \"members\": [\"a\"]}", "+ id: \"x\"\n+ members: [\"a\"]\n");
	expect_lines("{\"id\": \"x\", \"serves\": [\"a\", \"b\"]}", NULL,
		     "- id: \"x\"\n- serves: [\"a\",\"b\"]\n");
	expect_lines(NULL, NULL, "");
}

static void lists_are_sets(void **state)
{
	(void)state;
	/* the case cJSON_Compare gets wrong: one item more */
	expect_lines("{\"members\": [\"a\"]}", "{\"members\": [\"a\", \"b\"]}", "+ members[]: \"b\"\n");
	expect_lines("{\"members\": [\"a\", \"b\"]}", "{\"members\": [\"a\"]}", "- members[]: \"b\"\n");
	expect_lines("{\"members\": [\"a\", \"b\"]}", "{\"members\": [\"b\", \"c\"]}",
		     "- members[]: \"a\"\n+ members[]: \"c\"\n");
	/* the same items in another order: the list as a whole */
	expect_lines("{\"agenda\": [\"Välkomna\", \"Beslut\"]}", "{\"agenda\": [\"Beslut\", \"Välkomna\"]}",
		     "~ agenda: [\"Välkomna\",\"Beslut\"] \xe2\x86\x92 [\"Beslut\",\"Välkomna\"]\n");
	/* lists of objects: an object is an item */
	expect_lines("{\"attended\": [{\"person\": \"eva\", \"actor\": \"r\"}]}",
		     "{\"attended\": [{\"person\": \"eva\", \"actor\": \"r\"}, {\"person\": \"ali\", \"actor\": \"f\"}]}",
		     "+ attended[]: {\"person\":\"ali\",\"actor\":\"f\"}\n");
	expect_lines("{\"members\": []}", "{\"members\": [\"a\"]}", "+ members[]: \"a\"\n");
	/* a list that became something else */
	expect_lines("{\"m\": [\"a\"]}", "{\"m\": \"a\"}", "~ m: [\"a\"] \xe2\x86\x92 \"a\"\n");
}

static void nested_objects_by_dotted_name(void **state)
{
	(void)state;
	expect_lines("{\"o\": {\"a\": 1, \"b\": {\"c\": \"x\"}}}", "{\"o\": {\"a\": 1, \"b\": {\"c\": \"y\", \"d\": 2}}}",
		     "~ o.b.c: \"x\" \xe2\x86\x92 \"y\"\n+ o.b.d: 2\n");
}

static void json_shape_of_a_change(void **state)
{
	cJSON *a = parse("{\"members\": [\"a\"], \"name\": \"A\"}"), *b = parse("{\"members\": [\"b\"], \"name\": \"B\"}");
	cJSON *d = NULL;
	char *s;

	(void)state;
	assert_int_equal(samv_jsondiff(&d, a, b), 0);
	s = cJSON_PrintUnformatted(d);
	assert_string_equal(s, "[{\"field\":\"members\",\"change\":\"item-removed\",\"item\":\"a\"},"
			       "{\"field\":\"members\",\"change\":\"item-added\",\"item\":\"b\"},"
			       "{\"field\":\"name\",\"change\":\"changed\",\"old\":\"A\",\"new\":\"B\"}]");
	cJSON_free(s);
	cJSON_Delete(a);
	cJSON_Delete(b);
	cJSON_Delete(d);
}

static void a_bad_change_is_refused(void **state)
{
	struct samv_buf out = SAMV_BUF_INIT;
	cJSON *c = parse("{\"field\": \"x\", \"change\": \"frobbed\"}");

	(void)state;
	assert_int_equal(samv_jsondiff_line(&out, c), SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "frobbed"));
	cJSON_Delete(c);
	c = parse("{}");
	assert_int_equal(samv_jsondiff_line(&out, c), SAMV_EINVAL);
	cJSON_Delete(c);
	samv_buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equal_is_deep_and_exact),
		cmocka_unit_test(fields_changed_added_removed),
		cmocka_unit_test(created_and_deleted_records),
		cmocka_unit_test(lists_are_sets),
		cmocka_unit_test(nested_objects_by_dotted_name),
		cmocka_unit_test(json_shape_of_a_change),
		cmocka_unit_test(a_bad_change_is_refused),
	};

	return cmocka_run_group_tests_name("jsondiff", tests, NULL, NULL);
}
