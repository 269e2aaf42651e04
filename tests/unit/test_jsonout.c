/* test_jsonout.c - records as --json prints them: every field, null when
 * absent, objects in lists likewise; and null read back as absent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_field_null_when_absent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
