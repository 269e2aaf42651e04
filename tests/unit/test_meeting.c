/* Unit tests: meeting rules, nested records, dates, iCalendar lines. */
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
	struct samv_pos pos;
	cJSON *j = NULL;

	assert_int_equal(samv_json_parse(&j, text, strlen(text), &pos), 0);
	return j;
}

/* Validate a meeting; return its problems' messages joined by '|'. */
static char *problems_of(const char *text)
{
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	struct samv_buf b = SAMV_BUF_INIT;
	cJSON *m = parse(text);
	size_t i;

	assert_int_equal(samv_record_validate(&pr, samv_type_find("meeting"), m, "m.json", text), 0);
	for (i = 0; i < pr.n; i++)
		samv_buf_printf(&b, "%s%s", i ? "|" : "", pr.v[i].msg);
	samv_buf_puts(&b, "");
	samv_problems_free(&pr);
	cJSON_Delete(m);
	return b.ptr;
}

#define BASE "\"id\": \"m\", \"arena\": \"a\", \"title\": \"T\", \"date\": \"2026-12-01\", "

static void meeting_rules(void **state)
{
	char *p;

	(void)state;
	p = problems_of("{" BASE "\"status\": \"planned\", \"start\": \"13:00\", \"end\": \"15:00\"}");
	assert_string_equal(p, "");
	free(p);
	p = problems_of("{" BASE "\"status\": \"planned\", \"start\": \"13:00\", \"end\": \"13:00\"}");
	assert_string_equal(p, "end: 13:00 is not after the start 13:00");
	free(p);
	p = problems_of("{" BASE "\"status\": \"planned\", \"end\": \"13:00\"}");
	assert_string_equal(p, "end: an end time needs a start time");
	free(p);
	p = problems_of("{" BASE "\"status\": \"planned\", \"start\": \"24:00\"}");
	assert_string_equal(p, "start: '24:00' is not a time of day (HH:MM, 00:00 to 23:59)");
	free(p);
	p = problems_of("{" BASE "\"status\": \"held\", \"attended\": [{\"person\": \"p\", \"actor\": \"x\"},"
			" {\"person\": \"p\", \"actor\": \"x\"}]}");
	assert_string_equal(p, "attended: 'p' is listed twice");
	free(p);
	p = problems_of("{" BASE "\"status\": \"held\", \"attended\": [{\"person\": \"p\", \"actor\": \"x\"}],"
			" \"absent\": [\"p\"]}");
	assert_string_equal(p, "absent: 'p' is also listed as attending");
	free(p);
	p = problems_of("{" BASE "\"status\": \"planned\", \"attended\": [{\"person\": \"p\", \"actor\": \"x\"}]}");
	assert_string_equal(p, "attended: a planned meeting has no attendance (hold it first)");
	free(p);
}

/* Problems inside a list of objects name the entry and the field. */
static void nested_problems(void **state)
{
	char *p;

	(void)state;
	p = problems_of("{" BASE "\"status\": \"held\", \"attended\": [{\"person\": \"p\"},"
			" {\"person\": \"q\", \"actor\": \"x\", \"role\": \"king\", \"hat\": 1}, 7]}");
	assert_string_equal(p, "attended[1].actor: required|attended[2].role: 'king' is not one of official, "
			       "politician, representative, process-leader, other|"
			       "'attended[2].hat' is not a field of attendance entries|attended[3]: must be an object");
	free(p);
	p = problems_of("{" BASE "\"status\": \"planned\", \"agenda\": [\"a\", \"b\\nc\"]}");
	assert_string_equal(p, "agenda: one line of text, no control characters");
	free(p);
}

/* Lists of objects are written in order, keys in the subtype's order;
 * sets sorted; agenda items in order. */
static void nested_format(void **state)
{
	struct samv_buf b = SAMV_BUF_INIT;
	cJSON *m = parse("{\"status\": \"held\", \"agenda\": [\"z\", \"a\"], \"invited\": [\"y\", \"b\"], " BASE
			 "\"attended\": [{\"role\": \"other\", \"actor\": \"x\", \"person\": \"q\"}, {\"person\": \"b\","
			 " \"actor\": \"x\"}]}");

	(void)state;
	assert_int_equal(samv_record_format(&b, samv_type_find("meeting"), m), 0);
	assert_string_equal(b.ptr, "{\n"
				   "  \"id\": \"m\",\n"
				   "  \"arena\": \"a\",\n"
				   "  \"title\": \"T\",\n"
				   "  \"date\": \"2026-12-01\",\n"
				   "  \"invited\": [\n    \"b\",\n    \"y\"\n  ],\n"
				   "  \"agenda\": [\n    \"z\",\n    \"a\"\n  ],\n"
				   "  \"status\": \"held\",\n"
				   "  \"attended\": [\n"
				   "    {\n      \"person\": \"q\",\n      \"actor\": \"x\",\n      \"role\": \"other\"\n    },\n"
				   "    {\n      \"person\": \"b\",\n      \"actor\": \"x\"\n    }\n"
				   "  ]\n"
				   "}\n");
	samv_buf_free(&b);
	cJSON_Delete(m);
}

static void days(void **state)
{
	char d[11];

	(void)state;
	assert_int_equal(samv_date_days("1970-01-01"), 0);
	assert_int_equal(samv_date_days("2026-11-23"), 20780);
	samv_date_from_days(d, samv_date_days("2024-02-28") + 1);
	assert_string_equal(d, "2024-02-29");
	samv_date_from_days(d, samv_date_days("2026-12-31") + 1);
	assert_string_equal(d, "2027-01-01");
	samv_date_from_days(d, samv_date_days("1900-03-01") - 1);
	assert_string_equal(d, "1900-02-28");
}

/* Content lines fold at 75 octets and never inside a UTF-8 character. */
static void ics_folding(void **state)
{
	struct samv_buf b = SAMV_BUF_INIT;
	struct samv_ics_opts o = { 0, NULL, "Europe/Stockholm", NULL };
	git_signature *org = NULL;
	char title[400];
	cJSON *m;
	const char *line, *end;
	size_t i;

	(void)state;
	assert_int_equal(git_signature_new(&org, "Ola \"Q\" Ek", "ola@example.org", 0, 0), 0);
	o.organizer = org;
	/* 7 bytes a round: two 2-byte letters and three escaped characters */
	for (i = 0; i < 40; i++)
		memcpy(title + i * 7, "ö,ä;\\", 7);
	title[280] = '\0';
	m = cJSON_CreateObject();
	cJSON_AddStringToObject(m, "id", "m");
	cJSON_AddStringToObject(m, "title", title);
	cJSON_AddStringToObject(m, "date", "2026-12-01");
	cJSON_AddStringToObject(m, "status", "planned");
	/* no organiser: no invitation */
	o.organizer = NULL;
	assert_int_equal(samv_meeting_ics(&b, NULL, m, &o), SAMV_EINVAL);
	o.organizer = org;
	b.len = 0;
	assert_int_equal(samv_meeting_ics(&b, NULL, m, &o), 0);
	for (line = b.ptr; *line; line = end + 2) {
		end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_true(end - line <= 75);
		/* a continuation never starts inside a character */
		if (line[0] == ' ')
			assert_true(((unsigned char)line[1] & 0xc0) != 0x80);
	}
	assert_non_null(strstr(b.ptr, "SUMMARY:ö\\,ä\\;\\\\ö"));
	assert_non_null(strstr(b.ptr, "DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\n"));
	assert_non_null(strstr(b.ptr, "DTSTAMP:19700101T000000Z\r\n"));
	/* an all-day event needs no time zone; a quote cannot end the CN */
	assert_null(strstr(b.ptr, "VTIMEZONE"));
	assert_non_null(strstr(b.ptr, "ORGANIZER;CN=\"Ola 'Q' Ek\":mailto:ola@example.org\r\n"));
	assert_non_null(strstr(b.ptr, "METHOD:REQUEST\r\n"));
	assert_non_null(strstr(b.ptr, "SEQUENCE:0\r\n"));
	git_signature_free(org);
	samv_buf_free(&b);
	cJSON_Delete(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(meeting_rules),
		cmocka_unit_test(nested_problems),
		cmocka_unit_test(nested_format),
		cmocka_unit_test(days),
		cmocka_unit_test(ics_folding),
	};

	int rc;

	git_libgit2_init(); /* for git_signature_new */
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
