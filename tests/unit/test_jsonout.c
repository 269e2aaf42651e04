/* test_jsonout.c - records as --json prints them: every field, null when
 * absent, objects in lists likewise; and null read back as absent.
 * Numbers and strings as the canonical form writes them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static void every_field_null_when_absent(void **state)
{
	const struct samv_type *t = samv_type_find("meeting");
	cJSON *m = cJSON_Parse("{\"id\":\"m1\",\"arena\":\"stor\",\"title\":\"T\",\"date\":\"2026-12-01\","
			       "\"agenda\":[],\"place\":\"\",\"colour\":\"red\",\"status\":\"held\","
			       "\"attended\":[{\"person\":\"eva\",\"actor\":\"region\"}]}");
	cJSON *out = NULL, *att;
	size_t i;

	(void)state;
	assert_non_null(m);
	assert_int_equal(samv_record_output(&out, t, m), 0);
	/* the type's fields, in order, and nothing else */
	assert_int_equal(cJSON_GetArraySize(out), (int)t->nfields);
	for (i = 0; i < t->nfields; i++)
		assert_string_equal(cJSON_GetArrayItem(out, (int)i)->string, t->fields[i].name);
	assert_null(cJSON_GetObjectItem(out, "colour"));
	/* empty values are absent: null */
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "agenda")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "place")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(out, "sequence")));
	assert_string_equal(cJSON_GetObjectItem(out, "title")->valuestring, "T");
	/* an attendee has every key of attendance */
	att = cJSON_GetArrayItem(cJSON_GetObjectItem(out, "attended"), 0);
	assert_int_equal(cJSON_GetArraySize(att), 4);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(att, "mandate")));
	/* and back: null is absent */
	samv_json_drop_nulls(out);
	assert_null(cJSON_GetObjectItem(out, "agenda"));
	assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(out, "attended"), 0), "mandate"));
	assert_string_equal(cJSON_GetObjectItem(out, "status")->valuestring, "held");
	cJSON_Delete(out);
	cJSON_Delete(m);
}

/* A number is written as "%.17g" writes it, whole or not. */
static void numbers_as_printf_writes_them(void **state)
{
	static const double v[] = { 0, -0.0, 1, -1, 7, 10, 42, 1234567, -98765, 999999999999999.0,
				    -999999999999999.0, 1e15, -1e15, 1e16, 1e17, 1e300, 0.5, -2.25, 3.14159,
				    1.0 / 3, 123456789012.5 };
	struct samv_buf b = SAMV_BUF_INIT;
	char want[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		b.len = 0;
		snprintf(want, sizeof(want), "%.17g", v[i]);
		assert_int_equal(samv_json_put_number(&b, v[i]), 0);
		assert_string_equal(b.ptr, want);
	}
	samv_buf_free(&b);
}

/* A string's escapes, runs of plain text between them kept whole. */
static void strings_escaped(void **state)
{
	struct samv_buf b = SAMV_BUF_INIT;

	(void)state;
	assert_int_equal(samv_json_put_string(&b, ""), 0);
	assert_string_equal(b.ptr, "\"\"");
	b.len = 0;
	assert_int_equal(samv_json_put_string(&b, "Ordf\xc3\xb6rande \"Eva\"\n\ta\\b\x01\x1f\r\b\f\x7f"), 0);
	assert_string_equal(b.ptr, "\"Ordf\xc3\xb6rande \\\"Eva\\\"\\n\\ta\\\\b\\u0001\\u001f\\r\\b\\f\x7f\"");
	b.len = 0;
	assert_int_equal(samv_json_put_string(&b, "\n"), 0);
	assert_string_equal(b.ptr, "\"\\n\"");
	samv_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_field_null_when_absent),
		cmocka_unit_test(numbers_as_printf_writes_them),
		cmocka_unit_test(strings_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
