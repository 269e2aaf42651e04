/* Unit tests: dates and numbers as a document language writes them
 * (doclang.c), and the document catalog read from a .mo file (catalog.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static void english_unchanged(void **state)
{
	char b[48], d[64];

	(void)state;
	assert_string_equal(samv_doc_date(b, "en", "2026-12-06"), "2026-12-06");
	assert_string_equal(samv_doc_day(d, "en", "2026-12-03"), "2026-12-03");
	assert_string_equal(samv_doc_int(b, "en", 1234567), "1234567");
	assert_string_equal(samv_doc_decimal(b, "en", 3.5, 1), "3.5");
	assert_string_equal(samv_doc_period(b, "en", "2026-W49"), "2026-W49");
	assert_string_equal(samv_doc_text("en", "Summary"), "Summary");
	assert_string_equal(samv_doc_word(NULL, "sector", "civil"), "civil");
}

/* The catalog is found by SAMV_LOCALEDIR, set by main to build/share/locale. */
static void swedish(void **state)
{
	char b[48], d[64];

	(void)state;
	assert_int_equal(samv_doc_lang_check("sv"), 0);
	assert_string_equal(samv_doc_date(b, "sv", "2026-12-06"), "6 december 2026");
	assert_string_equal(samv_doc_date(b, "sv", "2027-05-31"), "31 maj 2027");
	assert_string_equal(samv_doc_date(b, "sv", "not a date"), "not a date");
	/* a meeting's day in a letter: weekday, date and ISO week */
	assert_string_equal(samv_doc_day(d, "sv", "2026-12-03"), "torsdag 3 december 2026 (vecka 49)");
	assert_string_equal(samv_doc_day(d, "sv", "2027-01-03"), "söndag 3 januari 2027 (vecka 53)");
	assert_string_equal(samv_doc_day(d, "sv", "2026-02-30"), "2026-02-30");
	assert_string_equal(samv_doc_int(b, "sv", 9999), "9999");
	assert_string_equal(samv_doc_int(b, "sv", 12345), "12\xc2\xa0" "345");
	assert_string_equal(samv_doc_int(b, "sv", -1234567), "-1\xc2\xa0" "234\xc2\xa0" "567");
	assert_string_equal(samv_doc_decimal(b, "sv", 3.5, 1), "3,5");
	assert_string_equal(samv_doc_period(b, "sv", "2026-W49"), "vecka 49, 2026");
	assert_string_equal(samv_doc_period(b, "sv", "2026-11"), "2026-11");
	assert_string_equal(samv_doc_text("sv", "Summary"), "Sammanfattning");
	assert_string_equal(samv_doc_text("sv", "no such msgid"), "no such msgid");
	assert_string_equal(samv_doc_word("sv", "role", "official"), "tjänsteman");
	assert_string_equal(samv_doc_word("sv", "level", "official"), "tjänstemannabeslut");
	assert_string_equal(samv_doc_word("sv", "sector", "nonsense"), "nonsense");
}

static void refused(void **state)
{
	(void)state;
	assert_int_equal(samv_doc_lang_check("de"), SAMV_EUSAGE);
	assert_string_equal(samv_error_last(), "--lang: 'de' is not one of sv, en");
	assert_int_equal(samv_doc_lang_check(NULL), SAMV_EUSAGE);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_unchanged), cmocka_unit_test(swedish), cmocka_unit_test(refused),
	};
	char dir[4096];
	const char *slash = strrchr(argv[0], '/');

	(void)argc;
	/* build/tests/test_doctext: the catalog is in build/share/locale */
	snprintf(dir, sizeof(dir), "%.*s/../share/locale", slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");
	if (!getenv("SAMV_LOCALEDIR"))
		setenv("SAMV_LOCALEDIR", dir, 1);
	return cmocka_run_group_tests_name("doctext", tests, NULL, NULL);
}
