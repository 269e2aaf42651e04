/* Unit tests: periods people say, ISO weeks, weekdays (period.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static void expect_period(const char *spec, const char *today, const char *since, const char *until,
			  const char *label)
{
	struct samv_period p;

	if (samv_period_parse(&p, spec, today) != 0)
		fail_msg("%s (today %s): %s", spec, today, samv_error_last());
	assert_string_equal(p.since, since);
	assert_string_equal(p.until, until);
	assert_string_equal(p.label, label);
}

static void weekday(void **state)
{
	(void)state;
	assert_int_equal(samv_date_weekday("1970-01-01"), 3);
	assert_int_equal(samv_date_weekday("1969-12-29"), 0);
	assert_int_equal(samv_date_weekday("2026-11-23"), 0);
	assert_int_equal(samv_date_weekday("2026-11-29"), 6);
	assert_int_equal(samv_date_weekday("1900-01-01"), 0);
	assert_int_equal(samv_date_weekday("2000-02-29"), 1);
}

static void isoweek(void **state)
{
	static const struct {
		const char *date;
		int year, week;
	} cases[] = {
		{ "2026-11-23", 2026, 48 }, { "2026-11-22", 2026, 47 }, { "2026-01-01", 2026, 1 },
		{ "2025-12-29", 2026, 1 },  { "2027-01-01", 2026, 53 }, { "2027-01-04", 2027, 1 },
		{ "2021-01-03", 2020, 53 }, { "2021-01-04", 2021, 1 },  { "2024-12-30", 2025, 1 },
		{ "2023-01-01", 2022, 52 }, { "1970-01-01", 1970, 1 },
	};
	size_t i;
	int y, w;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		samv_date_isoweek(&y, &w, cases[i].date);
		if (y != cases[i].year || w != cases[i].week)
			fail_msg("%s: %d-W%02d, expected %d-W%02d", cases[i].date, y, w, cases[i].year, cases[i].week);
	}
}

static void relative(void **state)
{
	(void)state;
	/* a Monday, a Sunday, and the first week of a year */
	expect_period("last-week", "2026-11-23", "2026-11-16", "2026-11-22", "2026-W47");
	expect_period("this-week", "2026-11-23", "2026-11-23", "2026-11-29", "2026-W48");
	expect_period("last-week", "2026-11-29", "2026-11-16", "2026-11-22", "2026-W47");
	expect_period("this-week", "2026-11-29", "2026-11-23", "2026-11-29", "2026-W48");
	expect_period("last-week", "2026-01-07", "2025-12-29", "2026-01-04", "2026-W01");
	expect_period("last-week", "2021-01-06", "2020-12-28", "2021-01-03", "2020-W53");
	expect_period("this-month", "2024-02-10", "2024-02-01", "2024-02-29", "2024-02");
	expect_period("last-month", "2026-01-15", "2025-12-01", "2025-12-31", "2025-12");
	expect_period("last-month", "2026-03-31", "2026-02-01", "2026-02-28", "2026-02");
	expect_period("this-year", "2026-11-23", "2026-01-01", "2026-12-31", "2026");
	expect_period("last-year", "2026-11-23", "2025-01-01", "2025-12-31", "2025");
	expect_period("all", "2026-11-23", "1900-01-01", "9999-12-31", "all");
}

static void named(void **state)
{
	(void)state;
	expect_period("2026-W47", "2026-11-23", "2026-11-16", "2026-11-22", "2026-W47");
	expect_period("2026-W01", "2026-11-23", "2025-12-29", "2026-01-04", "2026-W01");
	expect_period("2026-W53", "2026-11-23", "2026-12-28", "2027-01-03", "2026-W53");
	expect_period("2020-W53", "2026-11-23", "2020-12-28", "2021-01-03", "2020-W53");
	expect_period("2026-11", "2026-11-23", "2026-11-01", "2026-11-30", "2026-11");
	expect_period("2100-02", "2026-11-23", "2100-02-01", "2100-02-28", "2100-02");
	expect_period("2000-02", "2026-11-23", "2000-02-01", "2000-02-29", "2000-02");
	expect_period("2026", "2026-11-23", "2026-01-01", "2026-12-31", "2026");
}

static void refused(void **state)
{
	static const char *const bad[] = {
		"", "yesterday", "26", "2026-13", "2026-00", "2026-W00", "2021-W53", "2026-W54", "2026-W1",
		"2026-w47", "1899", "2026-11-01", "last week", "2026-1", "+2026",
	};
	struct samv_period p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (samv_period_parse(&p, bad[i], "2026-11-23") != SAMV_EINVAL)
			fail_msg("'%s' was taken for a period", bad[i]);
	assert_int_equal(samv_period_parse(&p, "2021-W53", "2026-11-23"), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "period '2021-W53': 2021 has weeks 1 to 52");
	assert_int_equal(samv_period_parse(&p, "soon", "2026-11-23"), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "'soon' is not a period (last-week, this-week, last-month, "
			    "this-month, last-year, this-year, all, YYYY-Www, YYYY-MM or YYYY)");
}

static void between(void **state)
{
	struct samv_period p;

	(void)state;
	assert_int_equal(samv_period_between(&p, "2026-01-01", "2026-03-31"), 0);
	assert_string_equal(p.since, "2026-01-01");
	assert_string_equal(p.until, "2026-03-31");
	assert_string_equal(p.label, "2026-01-01..2026-03-31");
	assert_false(samv_period_open(&p));
	assert_true(samv_period_has(&p, "2026-01-01"));
	assert_true(samv_period_has(&p, "2026-03-31"));
	assert_false(samv_period_has(&p, "2025-12-31"));
	assert_false(samv_period_has(&p, "2026-04-01"));
	assert_false(samv_period_has(&p, NULL));

	assert_int_equal(samv_period_between(&p, "2026-05-01", NULL), 0);
	assert_string_equal(p.until, "9999-12-31");
	assert_string_equal(p.label, "2026-05-01..");
	assert_true(samv_period_open(&p));
	assert_int_equal(samv_period_between(&p, NULL, "2026-05-01"), 0);
	assert_string_equal(p.since, "1900-01-01");
	assert_string_equal(p.label, "..2026-05-01");
	assert_int_equal(samv_period_between(&p, "2026-05-02", "2026-05-01"), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "--since 2026-05-02 is after --until 2026-05-01");
	assert_int_equal(samv_period_between(&p, "2026-02-30", NULL), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "--since: '2026-02-30' is not a date (YYYY-MM-DD)");
	assert_int_equal(samv_period_between(&p, NULL, "tomorrow"), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "--until: 'tomorrow' is not a date (YYYY-MM-DD)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(weekday), cmocka_unit_test(isoweek), cmocka_unit_test(relative),
		cmocka_unit_test(named),   cmocka_unit_test(refused), cmocka_unit_test(between),
	};

	return cmocka_run_group_tests_name("period", tests, NULL, NULL);
}
