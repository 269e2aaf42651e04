/* Unit tests: strict JSON, canonical records, validation, option parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static int parse_err(const char *text, struct samv_pos *pos)
{
	cJSON *j = NULL;
	int rc = samv_json_parse(&j, text, strlen(text), pos);

	cJSON_Delete(j);
	return rc;
}

static void json_strict(void **state)
{
	struct samv_pos pos;

	(void)state;
	assert_int_equal(parse_err("{\n  \"a\": 1,\n  \"a\": 2\n}", &pos), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "duplicate key 'a'");
	assert_true(pos.line == 3 && pos.col == 3);
	assert_int_equal(parse_err("{\"a\": \"x\ty\"}", &pos), SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "control character"));
	assert_int_equal(parse_err("{\"a\": \"x\\u0000y\"}", &pos), SAMV_EINVAL);
	assert_int_equal(parse_err("{\"a\": 1} x", &pos), SAMV_EINVAL);
	assert_int_equal(parse_err("{\n\"name\": \"\xc3\"}", &pos), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "invalid UTF-8");
	assert_true(pos.line == 2 && pos.col == 10);
	assert_int_equal(parse_err("{\n  \"a\": [1,\n", &pos), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "unexpected end of JSON text");
	/* found by tests/fuzz/fuzz_record: cJSON reads a bad \u escape as
	 * U+0000, which cut "\ugipr..." down to "" */
	assert_int_equal(parse_err("{\"a\": \"x\\ugiprmotala\"}", &pos), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "\\u must be followed by four hexadecimal digits");
	assert_true(pos.line == 1 && pos.col == 9);
	assert_int_equal(parse_err("{\"a\": \"\\u00e", &pos), SAMV_EINVAL);
	assert_int_equal(parse_err("{\"a\": \"\\u00e5\\uD83D\\uDE00\"}", &pos), 0);
	assert_int_equal(parse_err("{\"a\": tru}", &pos), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "JSON syntax error");
	assert_int_equal(parse_err("{\"a\": {\"b\": [\"c\", \"d\"]}}", &pos), 0);
}

static void json_nul_byte(void **state)
{
	struct samv_pos pos;
	cJSON *j = NULL;

	(void)state;
	assert_int_equal(samv_json_parse(&j, "{}\0{}", 5, &pos), SAMV_EINVAL);
	assert_null(j);
	assert_string_equal(samv_error_last(), "NUL byte in JSON text");
}

/* Found by tests/fuzz/fuzz_record: cJSON reads 1e999 as infinity, and the
 * canonical writer then wrote "inf", which is not JSON. */
static void json_huge_number(void **state)
{
	struct samv_pos pos;

	(void)state;
	assert_int_equal(parse_err("{\n  \"a\": \"1e999\",\n  \"b\": [1, -1e999]\n}", &pos), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "number out of range");
	assert_true(pos.line == 3 && pos.col == 12);
	assert_int_equal(parse_err("{\"a\": 1e999}", &pos), SAMV_EINVAL);
	assert_int_equal(parse_err("[1e308, -1.7976931348623157e308, 1e-999, -0]", &pos), 0);
}

static void json_locate_and_print(void **state)
{
	const char *text = "{\n  \"id\": \"x\",\n  \"sub\": {\"name\": 1},\n  \"name\": \"y\"\n}\n";
	struct samv_buf b = SAMV_BUF_INIT;
	struct samv_pos p = samv_json_locate(text, "name");
	cJSON *j = cJSON_Parse("{\"a\":[\"x\",true],\"b\":{},\"c\":\"Ö\\n\"}");

	(void)state;
	assert_true(p.line == 4 && p.col == 3); /* the top-level key, not the nested one */
	assert_int_equal(samv_json_print(&b, j), 0);
	assert_string_equal(b.ptr, "{\n  \"a\": [\n    \"x\",\n    true\n  ],\n  \"b\": {},\n  \"c\": \"Ö\\n\"\n}\n");
	samv_buf_free(&b);
	cJSON_Delete(j);
}

static const char canonical_arena[] =
	"{\n"
	"  \"id\": \"storgruppsmote\",\n"
	"  \"name\": \"Storgruppsmöte \\\"stor\\\"\",\n"
	"  \"kind\": \"large-group-meeting\",\n"
	"  \"members\": [\n"
	"    \"a-org\",\n"
	"    \"b-org\"\n"
	"  ],\n"
	"  \"serves\": [\n"
	"    \"a\",\n"
	"    \"d\"\n"
	"  ],\n"
	"  \"status\": \"active\"\n"
	"}\n";

static void record_canonical(void **state)
{
	const struct samv_type *t = samv_type_find("arena");
	struct samv_buf a = SAMV_BUF_INIT, b = SAMV_BUF_INIT;
	cJSON *rec = cJSON_Parse("{\"status\":\"active\",\"serves\":[\"d\",\"a\"],\"note\":\"\",\"members\":"
				 "[\"b-org\",\"a-org\"],\"purpose\":null,\"convener\":null,\"kind\":"
				 "\"large-group-meeting\",\"name\":\"Storgruppsmöte \\\"stor\\\"\",\"id\":"
				 "\"storgruppsmote\",\"started\":\"\"}");
	cJSON *again;

	(void)state;
	assert_non_null(rec);
	assert_int_equal(samv_record_format(&a, t, rec), 0);
	assert_string_equal(a.ptr, canonical_arena);
	again = cJSON_Parse(a.ptr);
	assert_int_equal(samv_record_format(&b, t, again), 0);
	assert_string_equal(a.ptr, b.ptr); /* idempotent */
	cJSON_Delete(again);
	cJSON_Delete(rec);
	samv_buf_free(&a);
	samv_buf_free(&b);
}

static void record_validate_reports_all(void **state)
{
	const struct samv_type *t = samv_type_find("actor");
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	const char *text = "{\n  \"id\": \"x-org\",\n  \"sector\": \"publik\",\n  \"kind\": 3,\n"
			   "  \"level\": \"local\",\n  \"parent\": \"x-org\",\n  \"retired\": \"2026-02-30\",\n"
			   "  \"status\": \"active\",\n  \"colour\": \"red\"\n}\n";
	cJSON *rec = cJSON_Parse(text);
	size_t i;
	const char *want[][2] = {
		{ "missing-field", "name: required" },
		{ "bad-value", "sector: 'publik' is not one of public, civil, private" },
		{ "bad-type", "kind: must be a string" },
		{ "bad-ref", "parent: a record cannot refer to itself" },
		{ "bad-date", "retired: '2026-02-30' is not a date (YYYY-MM-DD)" },
		{ "unknown-field", "'colour' is not a field of actor records" },
	};

	(void)state;
	assert_int_equal(samv_record_validate(&pr, t, rec, "actors/xx/x-org.json", text), 0);
	assert_int_equal(pr.n, 6);
	for (i = 0; i < 6; i++) {
		assert_string_equal(pr.v[i].code, want[i][0]);
		assert_string_equal(pr.v[i].msg, want[i][1]);
	}
	assert_int_equal(pr.v[1].line, 3); /* sector */
	assert_int_equal(pr.v[5].line, 9); /* colour */
	samv_problems_free(&pr);
	cJSON_Delete(rec);
}

/* Found by tests/fuzz/fuzz_record: "" passed where a rule wants a value,
 * and the canonical writer then left it out, writing an invalid record. */
static void record_rules_see_empty_as_absent(void **state)
{
	const struct samv_type *t = samv_type_find("assessment");
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	const char *text = "{\"id\": \"a1\", \"instrument\": \"levels\", \"subject_kind\": \"pair\", "
			   "\"actor\": \"\", \"partner\": \"rf\", \"date\": \"2025-03-20\", "
			   "\"answers\": {\"level\": \"cn\"}}";
	cJSON *rec = cJSON_Parse(text);

	(void)state;
	assert_null(samv_record_str(rec, "actor"));
	assert_int_equal(samv_record_validate(&pr, t, rec, "assessments/a1.json", text), 0);
	assert_int_equal(pr.n, 1);
	assert_string_equal(pr.v[0].code, "bad-subject");
	samv_problems_free(&pr);
	cJSON_Delete(rec);
}

static void record_validate_sets_and_sizes(void **state)
{
	const struct samv_type *t = samv_type_find("arena");
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	char *big = malloc(300);
	cJSON *rec;

	(void)state;
	memset(big, 'x', 299);
	big[299] = '\0';
	rec = cJSON_CreateObject();
	cJSON_AddStringToObject(rec, "id", "a");
	cJSON_AddStringToObject(rec, "name", big);
	cJSON_AddStringToObject(rec, "kind", "council");
	cJSON_AddStringToObject(rec, "status", "active");
	cJSON_AddItemToObject(rec, "members", cJSON_CreateStringArray((const char *[]){ "b", "b" }, 2));
	cJSON_AddItemToObject(rec, "serves", cJSON_CreateStringArray((const char *[]){ "ab" }, 1));
	assert_int_equal(samv_record_validate(&pr, t, rec, "p", NULL), 0);
	assert_int_equal(pr.n, 3);
	assert_string_equal(pr.v[0].msg, "name: 299 bytes, at most 200");
	assert_string_equal(pr.v[1].msg, "members: 'b' is listed twice");
	assert_string_equal(pr.v[2].msg, "serves: 'ab' is not a purpose key (a single letter a-z)");
	samv_problems_free(&pr);
	cJSON_Delete(rec);
	free(big);
}

static void options(void **state)
{
	static const struct samv_opt t1[] = {
		{ "name", 0, SAMV_OPT_ARG, "NAME", "n", 1 },
		{ "json", 0, SAMV_OPT_NONE, NULL, "j", 2 },
		{ "dir", 'C', SAMV_OPT_ARG, "DIR", "d", 3 },
		{ NULL, 0, 0, NULL, NULL, 0 },
	};
	const struct samv_opt *tables[] = { t1, NULL };
	char *argv[] = { "p", "show", "--name=Ö", "x", "-Cdir", "--json", "--", "--json", NULL };
	char *bad1[] = { "p", "--nope", NULL };
	char *bad2[] = { "p", "--name", NULL };
	char *bad3[] = { "p", "--json=1", NULL };
	char *ops[10];
	struct samv_optstate st = { 1, NULL, NULL, ops, 0, false };

	(void)state;
	assert_int_equal(samv_opt_next(&st, 8, argv, tables), 1);
	assert_string_equal(st.arg, "Ö");
	assert_int_equal(samv_opt_next(&st, 8, argv, tables), 3);
	assert_string_equal(st.arg, "dir");
	assert_int_equal(samv_opt_next(&st, 8, argv, tables), 2);
	assert_int_equal(samv_opt_next(&st, 8, argv, tables), 0);
	assert_int_equal(st.nops, 3);
	assert_string_equal(ops[0], "show");
	assert_string_equal(ops[1], "x");
	assert_string_equal(ops[2], "--json");
	st = (struct samv_optstate){ 1, NULL, NULL, ops, 0, false };
	assert_int_equal(samv_opt_next(&st, 2, bad1, tables), SAMV_EUSAGE);
	assert_string_equal(samv_error_last(), "unknown option '--nope'");
	st = (struct samv_optstate){ 1, NULL, NULL, ops, 0, false };
	assert_int_equal(samv_opt_next(&st, 2, bad2, tables), SAMV_EUSAGE);
	assert_string_equal(samv_error_last(), "option '--name' needs a value (NAME)");
	st = (struct samv_optstate){ 1, NULL, NULL, ops, 0, false };
	assert_int_equal(samv_opt_next(&st, 2, bad3, tables), SAMV_EUSAGE);
	assert_string_equal(samv_error_last(), "option '--json' takes no value");
}

/* The text the query cache keeps of a record: the same JSON without white
 * space between tokens, strings as they are (an escaped backslash at a
 * string's end does not end it early). */
static void json_minify(void **state)
{
	char s[] = "{\n  \"a\": \"x\\\\\",\n  \"b c\": \"d\\\" e\",\n  \"f\": [\n    1,\n    2\n  ],\r\n\t\"g\": \"\"\n}\n";
	const char *want = "{\"a\":\"x\\\\\",\"b c\":\"d\\\" e\",\"f\":[1,2],\"g\":\"\"}";
	cJSON *a = NULL, *b = NULL;
	size_t n;

	(void)state;
	assert_int_equal(samv_json_parse(&a, s, strlen(s), NULL), 0);
	n = samv_json_minify(s, strlen(s));
	assert_string_equal(s, want);
	assert_int_equal(n, strlen(want));
	assert_int_equal(samv_json_parse(&b, s, n, NULL), 0);
	assert_true(cJSON_Compare(a, b, true));
	cJSON_Delete(a);
	cJSON_Delete(b);
}

/* Every schema field's name is plain (record.c writes it unescaped when
 * it formats a record): lower case, digits, '_' and '-' only. */
static void plain_names_of(const struct samv_type *t, int depth)
{
	size_t i;

	assert_non_null(t);
	assert_true(depth < 4);
	for (i = 0; i < t->nfields; i++) {
		const struct samv_field *f = &t->fields[i];

		assert_true(f->name[0] && strspn(f->name, "abcdefghijklmnopqrstuvwxyz0123456789_-") == strlen(f->name));
		if (f->kind == SAMV_F_OBJS && f->ref)
			plain_names_of(samv_subtype_find(f->ref), depth + 1);
	}
}

static void field_names_plain(void **state)
{
	const struct samv_type *t;
	size_t i;

	(void)state;
	for (i = 0; (t = samv_type_at(i)); i++)
		plain_names_of(t, 0);
	assert_true(i > 5);
	plain_names_of(samv_type_repository(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(field_names_plain),
		cmocka_unit_test(json_strict),
		cmocka_unit_test(json_nul_byte),
		cmocka_unit_test(json_huge_number),
		cmocka_unit_test(json_locate_and_print),
		cmocka_unit_test(json_minify),
		cmocka_unit_test(record_canonical),
		cmocka_unit_test(record_validate_reports_all),
		cmocka_unit_test(record_rules_see_empty_as_absent),
		cmocka_unit_test(record_validate_sets_and_sizes),
		cmocka_unit_test(options),
	};

	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
