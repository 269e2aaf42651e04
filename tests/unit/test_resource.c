/* Unit tests: the rules across the fields of a resource, and an umbrella
 * that would speak for itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

/* Validate a record of type; return its problems' messages joined by '|'. */
static char *problems_of(const char *type, const char *text)
{
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	struct samv_buf b = SAMV_BUF_INIT;
	struct samv_pos pos;
	cJSON *r = NULL;
	size_t i;

	assert_int_equal(samv_json_parse(&r, text, strlen(text), &pos), 0);
	assert_int_equal(samv_record_validate(&pr, samv_type_find(type), r, "r.json", text), 0);
	for (i = 0; i < pr.n; i++)
		samv_buf_printf(&b, "%s%s", i ? "|" : "", pr.v[i].msg);
	samv_buf_puts(&b, "");
	samv_problems_free(&pr);
	cJSON_Delete(r);
	return b.ptr;
}

static void expect(const char *text, const char *want)
{
	char *p = problems_of("resource", text);

	assert_string_equal(p, want);
	free(p);
}

#define R(kind, rest) "{\"id\": \"r\", \"title\": \"T\", \"kind\": \"" kind "\", \"actor\": \"a\", " \
	"\"arena\": \"s\", " rest "\"from\": \"2026-01-01\", \"status\": \"active\"}"

static void money(void **state)
{
	(void)state;
	expect(R("money", "\"amount\": 1, \"currency\": \"SEK\", "), "");
	expect(R("money", "\"amount\": 0, \"currency\": \"SEK\", "), "amount: must be above 0");
	expect(R("money", "\"amount\": -1, \"currency\": \"SEK\", "), "amount: must be above 0");
	expect(R("money", "\"currency\": \"SEK\", "), "amount: money needs an amount (--amount)");
	expect(R("money", "\"amount\": 5, "), "currency: money needs a currency (--currency SEK)");
	expect(R("money", "\"amount\": 5, \"currency\": \"Sek\", "),
	       "currency: must be an ISO 4217 code of three capital letters (SEK, EUR)");
	/* three bytes that are no letters A-Z */
	expect(R("money", "\"amount\": 5, \"currency\": \"S1K\", "),
	       "currency: must be an ISO 4217 code of three capital letters (SEK, EUR)");
	expect(R("money", "\"amount\": 5, \"currency\": \"SEK\", \"basis\": \"paid\", "),
	       "basis: a money resource has no basis");
}

static void time_given(void **state)
{
	(void)state;
	expect(R("time", "\"percent\": 1, \"basis\": \"paid\", "), "");
	expect(R("time", "\"percent\": 100, \"basis\": \"voluntary\", "), "");
	expect(R("time", "\"percent\": 101, \"basis\": \"paid\", "), "percent: must be from 1 to 100");
	expect(R("time", "\"hours\": 744, \"per\": \"month\", \"basis\": \"voluntary\", "), "");
	expect(R("time", "\"hours\": 745, \"per\": \"month\", \"basis\": \"voluntary\", "),
	       "hours: must be from 1 to 744");
	expect(R("time", "\"percent\": 50, \"per\": \"week\", \"basis\": \"paid\", "),
	       "per: only hours are per week or month");
	expect(R("time", "\"percent\": 50, "),
	       "basis: time is paid or voluntary (--basis paid, --basis voluntary)");
	expect(R("time", "\"amount\": 5, \"percent\": 50, \"basis\": \"paid\", "), "amount: a time resource has no amount");
}

static void period_and_place(void **state)
{
	char *p;

	(void)state;
	expect(R("premises", "\"until\": \"2026-01-01\", "), "");
	expect(R("premises", "\"until\": \"2025-12-31\", "), "until: the period ends before it starts (from)");
	expect(R("premises", "\"hours\": 3, "), "hours: a premises resource has no hours");
	p = problems_of("resource", "{\"id\": \"r\", \"title\": \"T\", \"kind\": \"premises\", \"actor\": \"a\", "
			"\"from\": \"2026-01-01\", \"status\": \"active\"}");
	assert_string_equal(p, "arena: a resource is for an arena or a challenge (--arena, --challenge)");
	free(p);
	p = problems_of("resource", "{\"id\": \"r\", \"title\": \"T\", \"kind\": \"premises\", \"actor\": \"a\", "
			"\"challenge\": \"c\", \"from\": \"2026-01-01\", \"status\": \"ended\"}");
	assert_string_equal(p, "until: an ended resource has the last day of its period");
	free(p);
}

static void speaks_for_itself(void **state)
{
	char *p;

	(void)state;
	p = problems_of("actor", "{\"id\": \"rf\", \"name\": \"RF\", \"sector\": \"civil\", \"kind\": \"umbrella\", "
			"\"level\": \"regional\", \"speaks_for\": [\"ifk\", \"rf\"], \"status\": \"active\"}");
	assert_string_equal(p, "speaks_for: an organisation does not speak for itself");
	free(p);
	p = problems_of("actor", "{\"id\": \"rf\", \"name\": \"RF\", \"sector\": \"civil\", \"kind\": \"umbrella\", "
			"\"level\": \"regional\", \"speaks_for\": [\"ifk\"], \"status\": \"active\"}");
	assert_string_equal(p, "");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money),
		cmocka_unit_test(time_given),
		cmocka_unit_test(period_and_place),
		cmocka_unit_test(speaks_for_itself),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
