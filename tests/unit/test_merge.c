/* Unit tests: the three-way merge of records (merge.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

/* Merge three JSON texts ("" = absent); return the compact result ("" when
 * absent) and leave the conflicts in c. */
static char *merge3(struct samv_conflicts *c, enum samv_favor favor, const char *b, const char *o,
		    const char *t)
{
	cJSON *jb = *b ? cJSON_Parse(b) : NULL, *jo = *o ? cJSON_Parse(o) : NULL, *jt = *t ? cJSON_Parse(t) : NULL;
	cJSON *res = NULL;
	char *s;

	assert_int_equal(samv_merge_json(&res, jb, jo, jt, favor, c, "f.json"), 0);
	s = res ? cJSON_PrintUnformatted(res) : strdup("");
	cJSON_Delete(jb);
	cJSON_Delete(jo);
	cJSON_Delete(jt);
	cJSON_Delete(res);
	return s;
}

#define MERGED(want, b, o, t)                                                                   \
	do {                                                                                    \
		struct samv_conflicts c_ = SAMV_CONFLICTS_INIT;                                \
		char *s_ = merge3(&c_, SAMV_FAVOR_NONE, b, o, t);                              \
		assert_string_equal(s_, want);                                                  \
		assert_int_equal(c_.n, 0);                                                      \
		free(s_);                                                                       \
		samv_conflicts_free(&c_);                                                       \
	} while (0)

static void objects_take_each_sides_fields(void **state)
{
	(void)state;
	MERGED("{\"a\":2,\"b\":3}", "{\"a\":1,\"b\":1}", "{\"a\":2,\"b\":1}", "{\"a\":1,\"b\":3}");
	/* a field added on one side, one removed on the other */
	MERGED("{\"a\":1,\"c\":\"x\"}", "{\"a\":1,\"b\":1}", "{\"a\":1,\"b\":1,\"c\":\"x\"}", "{\"a\":1}");
	/* "", null and [] are absent, as the canonical writer has them */
	MERGED("{\"a\":1,\"n\":\"\"}", "{\"a\":1,\"n\":\"x\"}", "{\"a\":1,\"n\":\"\"}", "{\"a\":1,\"n\":\"x\"}");
}

static void identical_changes_are_no_conflict(void **state)
{
	(void)state;
	MERGED("{\"a\":5}", "{\"a\":1}", "{\"a\":5}", "{\"a\":5}");
	MERGED("", "{\"a\":1}", "", "");
}

static void reordered_keys_are_no_change(void **state)
{
	(void)state;
	/* ours only reordered: theirs' change is taken, no conflict */
	MERGED("{\"a\":9,\"b\":2}", "{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}", "{\"a\":9,\"b\":2}");
	MERGED("{\"a\":1,\"b\":2}", "{\"a\":1,\"b\":2}", "{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}");
}

static void sets_of_ids(void **state)
{
	(void)state;
	/* additions on both sides kept */
	MERGED("{\"m\":[\"a\",\"b\",\"c\"]}", "{\"m\":[\"a\"]}", "{\"m\":[\"a\",\"b\"]}", "{\"m\":[\"a\",\"c\"]}");
	/* a removal honoured while the other side adds */
	MERGED("{\"m\":[\"b\",\"c\"]}", "{\"m\":[\"a\",\"b\"]}", "{\"m\":[\"b\"]}", "{\"m\":[\"a\",\"b\",\"c\"]}");
	/* removing the last one leaves the field out */
	MERGED("{\"m\":[\"c\"]}", "{\"m\":[\"a\"]}", "{}", "{\"m\":[\"a\",\"c\"]}");
	/* both added a set the base did not have */
	MERGED("{\"m\":[\"x\",\"y\"]}", "{}", "{\"m\":[\"x\"]}", "{\"m\":[\"y\"]}");
}

static void attendance_merged_per_person(void **state)
{
	(void)state;
	MERGED("{\"attended\":[{\"person\":\"eva\",\"role\":\"chair\"},{\"person\":\"ali\"},{\"person\":\"bo\"}]}",
	       "{\"attended\":[{\"person\":\"eva\"}]}",
	       "{\"attended\":[{\"person\":\"eva\",\"role\":\"chair\"},{\"person\":\"ali\"}]}",
	       "{\"attended\":[{\"person\":\"eva\"},{\"person\":\"bo\"}]}");
	/* objects without a key merge as sets of values */
	MERGED("{\"d\":[{\"date\":\"1\"},{\"date\":\"2\"},{\"date\":\"3\"}]}", "{\"d\":[{\"date\":\"1\"}]}",
	       "{\"d\":[{\"date\":\"1\"},{\"date\":\"2\"}]}", "{\"d\":[{\"date\":\"1\"},{\"date\":\"3\"}]}");
}

static void nested_objects(void **state)
{
	(void)state;
	MERGED("{\"o\":{\"x\":2,\"y\":3}}", "{\"o\":{\"x\":1,\"y\":1}}", "{\"o\":{\"x\":2,\"y\":1}}",
	       "{\"o\":{\"x\":1,\"y\":3}}");
}

static void same_field_is_a_conflict(void **state)
{
	struct samv_conflicts c = SAMV_CONFLICTS_INIT;
	char *s;

	(void)state;
	s = merge3(&c, SAMV_FAVOR_NONE, "{\"level\":\"regional\",\"a\":1}", "{\"level\":\"national\",\"a\":1}",
		   "{\"level\":\"local\",\"a\":2}");
	assert_string_equal(s, "{\"level\":\"national\",\"a\":2}");
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].file, "f.json");
	assert_string_equal(c.v[0].field, "level");
	assert_string_equal(c.v[0].ours, "\"national\"");
	assert_string_equal(c.v[0].theirs, "\"local\"");
	free(s);
	samv_conflicts_free(&c);
	/* a nested one names the element */
	s = merge3(&c, SAMV_FAVOR_NONE, "{\"attended\":[{\"person\":\"eva\"}]}",
		   "{\"attended\":[{\"person\":\"eva\",\"role\":\"chair\"}]}",
		   "{\"attended\":[{\"person\":\"eva\",\"role\":\"guest\"}]}");
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].field, "attended[eva].role");
	free(s);
	samv_conflicts_free(&c);
	/* favouring a side resolves it silently */
	s = merge3(&c, SAMV_FAVOR_THEIRS, "{\"level\":\"r\",\"a\":1}", "{\"level\":\"n\",\"a\":1}",
		   "{\"level\":\"l\",\"a\":1}");
	assert_string_equal(s, "{\"level\":\"l\",\"a\":1}");
	assert_int_equal(c.n, 0);
	free(s);
	s = merge3(&c, SAMV_FAVOR_OURS, "{\"level\":\"r\"}", "{\"level\":\"n\"}", "{\"level\":\"l\"}");
	assert_string_equal(s, "{\"level\":\"n\"}");
	assert_int_equal(c.n, 0);
	free(s);
}

static void deletion_against_change(void **state)
{
	struct samv_conflicts c = SAMV_CONFLICTS_INIT;
	char *s;

	(void)state;
	/* the record deleted here, changed there */
	s = merge3(&c, SAMV_FAVOR_NONE, "{\"a\":1}", "", "{\"a\":2}");
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].field, "");
	assert_null(c.v[0].ours);
	assert_string_equal(c.v[0].theirs, "{\"a\":2}");
	free(s);
	samv_conflicts_free(&c);
	/* a field removed here, changed there */
	s = merge3(&c, SAMV_FAVOR_NONE, "{\"a\":1,\"n\":\"x\"}", "{\"a\":1}", "{\"a\":1,\"n\":\"y\"}");
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].field, "n");
	free(s);
	samv_conflicts_free(&c);
	/* an attendee removed here, changed there */
	s = merge3(&c, SAMV_FAVOR_NONE, "{\"at\":[{\"person\":\"a\"},{\"person\":\"b\"}]}",
		   "{\"at\":[{\"person\":\"a\"}]}", "{\"at\":[{\"person\":\"a\"},{\"person\":\"b\",\"role\":\"x\"}]}");
	assert_int_equal(c.n, 1);
	assert_string_equal(c.v[0].field, "at[b]");
	free(s);
	samv_conflicts_free(&c);
	/* deleted on both sides, or deleted on one and unchanged on the other */
	MERGED("", "{\"a\":1}", "", "{\"a\":1}");
}

static void records_keep_canonical_form(void **state)
{
	const char *base = "{\n  \"id\": \"rf-sisu\",\n  \"name\": \"RF-SISU\",\n  \"sector\": \"civil\",\n"
			   "  \"kind\": \"umbrella\",\n  \"level\": \"regional\",\n  \"status\": \"active\"\n}\n";
	const char *ours = "{\n  \"id\": \"rf-sisu\",\n  \"name\": \"RF-SISU\",\n  \"sector\": \"civil\",\n"
			   "  \"kind\": \"umbrella\",\n  \"level\": \"national\",\n  \"status\": \"active\"\n}\n";
	/* theirs in another key order, with a new field */
	const char *theirs = "{\"status\":\"active\",\"kind\":\"umbrella\",\"sector\":\"civil\",\"name\":\"RF-SISU\","
			     "\"id\":\"rf-sisu\",\"level\":\"regional\",\"short\":\"RF\"}";
	struct samv_side b = { base, strlen(base) }, o = { ours, strlen(ours) }, t = { theirs, strlen(theirs) };
	struct samv_conflicts c = SAMV_CONFLICTS_INIT;
	struct samv_buf out = SAMV_BUF_INIT;
	bool deleted;

	(void)state;
	assert_int_equal(samv_merge_record(&out, &deleted, "actors/4e/rf-sisu.json", &b, &o, &t, SAMV_FAVOR_NONE, &c),
			 0);
	assert_false(deleted);
	assert_int_equal(c.n, 0);
	assert_non_null(out.ptr);
	assert_string_equal(out.ptr, "{\n  \"id\": \"rf-sisu\",\n  \"name\": \"RF-SISU\",\n  \"short\": \"RF\",\n"
				     "  \"sector\": \"civil\",\n  \"kind\": \"umbrella\",\n  \"level\": \"national\",\n"
				     "  \"status\": \"active\"\n}\n");
	/* only one side changed: its text byte for byte */
	assert_int_equal(samv_merge_record(&out, &deleted, "actors/4e/rf-sisu.json", &b, &b, &t, SAMV_FAVOR_NONE, &c),
			 0);
	assert_int_equal(out.len, strlen(theirs));
	/* a side that is not JSON */
	t.text = "{";
	t.len = 1;
	assert_int_equal(samv_merge_record(&out, &deleted, "actors/4e/rf-sisu.json", &b, &o, &t, SAMV_FAVOR_NONE, &c),
			 SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "actors/4e/rf-sisu.json: their version"));
	/* a number no double holds: refused, never written as "inf" */
	t.text = "{\"id\":\"rf-sisu\",\"x\":1e999}";
	t.len = strlen(t.text);
	assert_int_equal(samv_merge_record(&out, &deleted, "actors/4e/rf-sisu.json", &b, &o, &t, SAMV_FAVOR_NONE, &c),
			 SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "their version, 1:21: number out of range"));
	samv_buf_free(&out);
	samv_conflicts_free(&c);
}

/* Two partial attendance records of one held meeting: the absent lists,
 * worked out from the others, are worked out again after the merge. */
static void meeting_absence_derived(void **state)
{
	const char *base = "{\"id\":\"m2\",\"arena\":\"stor\",\"title\":\"T\",\"date\":\"2026-11-21\","
			   "\"invited\":[\"region\",\"rf-sisu\"],\"invited_people\":[\"eva\",\"ali\",\"bo\"],"
			   "\"status\":\"planned\"}";
	const char *ours = "{\"id\":\"m2\",\"arena\":\"stor\",\"title\":\"T\",\"date\":\"2026-11-21\","
			   "\"invited\":[\"region\",\"rf-sisu\"],\"invited_people\":[\"eva\",\"ali\",\"bo\"],"
			   "\"status\":\"held\",\"attended\":[{\"person\":\"eva\",\"actor\":\"region\"}],"
			   "\"absent\":[\"ali\",\"bo\"],\"absent_actors\":[\"rf-sisu\"]}";
	const char *theirs = "{\"id\":\"m2\",\"arena\":\"stor\",\"title\":\"T\",\"date\":\"2026-11-21\","
			     "\"invited\":[\"region\",\"rf-sisu\"],\"invited_people\":[\"eva\",\"ali\",\"bo\"],"
			     "\"status\":\"held\",\"attended\":[{\"person\":\"ali\",\"actor\":\"rf-sisu\"}],"
			     "\"absent\":[\"eva\",\"bo\"],\"absent_actors\":[\"region\"]}";
	struct samv_side b = { base, strlen(base) }, o = { ours, strlen(ours) }, t = { theirs, strlen(theirs) };
	struct samv_conflicts c = SAMV_CONFLICTS_INIT;
	struct samv_buf out = SAMV_BUF_INIT;
	cJSON *m;
	bool deleted;

	(void)state;
	assert_int_equal(samv_merge_record(&out, &deleted, "meetings/b4/m2.json", &b, &o, &t, SAMV_FAVOR_NONE, &c), 0);
	assert_int_equal(c.n, 0);
	assert_non_null(m = cJSON_Parse(out.ptr));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(m, "attended")), 2);
	/* eva and ali came; bo did not; someone came from each organisation */
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(m, "absent")), 1);
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(m, "absent"), 0)->valuestring, "bo");
	assert_null(cJSON_GetObjectItem(m, "absent_actors"));
	cJSON_Delete(m);
	/* a meeting not held keeps its lists as merged */
	samv_buf_free(&out);
	assert_int_equal(samv_meeting_derive(m = cJSON_Parse(base)), 0);
	assert_null(cJSON_GetObjectItem(m, "absent"));
	cJSON_Delete(m);
	/* found by tests/fuzz/fuzz_merge: a merged record is not validated yet,
	 * and an invitation that is not a string was read as a NULL id */
	m = cJSON_Parse("{\"status\":\"held\",\"invited_people\":[1,\"bo\"],\"invited\":[{},\"region\"],"
			"\"attended\":[{\"person\":\"eva\",\"actor\":\"region\"}]}");
	assert_int_equal(samv_meeting_derive(m), 0);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(m, "absent")), 1);
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(m, "absent"), 0)->valuestring, "bo");
	assert_null(cJSON_GetObjectItem(m, "absent_actors"));
	cJSON_Delete(m);
	samv_conflicts_free(&c);
}

/* Both sides changed a meeting: SEQUENCE is one more than the higher
 * side's, no conflict; one side alone keeps its own. */
static void meeting_sequence_merged(void **state)
{
	const char *base = "{\"id\":\"m3\",\"arena\":\"stor\",\"title\":\"T\",\"date\":\"2026-12-21\","
			   "\"status\":\"planned\",\"sequence\":1}";
	const char *ours = "{\"id\":\"m3\",\"arena\":\"stor\",\"title\":\"T\",\"date\":\"2026-12-21\","
			   "\"place\":\"Motala\",\"status\":\"planned\",\"sequence\":2}";
	const char *theirs = "{\"id\":\"m3\",\"arena\":\"stor\",\"title\":\"T\",\"date\":\"2026-12-21\","
			     "\"start\":\"10:00\",\"end\":\"11:00\",\"status\":\"planned\",\"sequence\":3}";
	struct samv_side b = { base, strlen(base) }, o = { ours, strlen(ours) }, t = { theirs, strlen(theirs) };
	struct samv_conflicts c = SAMV_CONFLICTS_INIT;
	struct samv_buf out = SAMV_BUF_INIT;
	cJSON *m;
	bool deleted;

	(void)state;
	assert_int_equal(samv_merge_record(&out, &deleted, "meetings/aa/m3.json", &b, &o, &t, SAMV_FAVOR_NONE, &c), 0);
	assert_int_equal(c.n, 0);
	assert_non_null(m = cJSON_Parse(out.ptr));
	assert_int_equal(cJSON_GetObjectItem(m, "sequence")->valueint, 4);
	assert_string_equal(cJSON_GetObjectItem(m, "place")->valuestring, "Motala");
	assert_string_equal(cJSON_GetObjectItem(m, "start")->valuestring, "10:00");
	cJSON_Delete(m);
	/* only theirs changed: theirs, as it is */
	assert_int_equal(samv_merge_record(&out, &deleted, "meetings/aa/m3.json", &b, &b, &t, SAMV_FAVOR_NONE, &c), 0);
	assert_non_null(m = cJSON_Parse(out.ptr));
	assert_int_equal(cJSON_GetObjectItem(m, "sequence")->valueint, 3);
	cJSON_Delete(m);
	samv_buf_free(&out);
	samv_conflicts_free(&c);
}

static void type_of_path(void **state)
{
	(void)state;
	assert_string_equal(samv_type_of_path("actors/4e/rf-sisu.json")->name, "actor");
	assert_string_equal(samv_type_of_path("agreement/clauses/4.json")->name, "clause");
	assert_string_equal(samv_type_of_path("agreement/agreement.json")->name, "agreement");
	assert_string_equal(samv_type_of_path("samv.json")->name, "repository");
	assert_null(samv_type_of_path("actors/rf-sisu.json"));
	assert_null(samv_type_of_path("README.md"));
	assert_null(samv_type_of_path("docs/x.json"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(objects_take_each_sides_fields),
		cmocka_unit_test(identical_changes_are_no_conflict),
		cmocka_unit_test(reordered_keys_are_no_change),
		cmocka_unit_test(sets_of_ids),
		cmocka_unit_test(attendance_merged_per_person),
		cmocka_unit_test(nested_objects),
		cmocka_unit_test(same_field_is_a_conflict),
		cmocka_unit_test(meeting_sequence_merged),
		cmocka_unit_test(deletion_against_change),
		cmocka_unit_test(records_keep_canonical_form),
		cmocka_unit_test(meeting_absence_derived),
		cmocka_unit_test(type_of_path),
	};

	return cmocka_run_group_tests_name("merge", tests, NULL, NULL);
}
