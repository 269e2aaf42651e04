/*
 * period.c - the periods people say: last-week, this-week, 2026-W47,
 * 2026-11, 2026, or a range of dates.  A period is two inclusive dates
 * and a label; weeks are ISO 8601 weeks, Monday to Sunday, so that a
 * report for "2026-W47" means the same week in Sweden as in the calendar
 * on the wall.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"

#define FIRST_DAY "1900-01-01"
#define LAST_DAY "9999-12-31"

int samv_date_weekday(const char *date)
{
	/* 1970-01-01 was a Thursday: 3 days after a Monday */
	long d = samv_date_days(date) + 3;

	return (int)(((d % 7) + 7) % 7);
}

/* out = "YYYY-MM-DD" (years are checked to have four digits). */
static void ymd(char out[11], int y, int m, int d)
{
	char tmp[48];

	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

/* Days since the epoch of the Monday of week 1 of ISO year y. */
static long week1_monday(int y)
{
	char jan4[11];
	long d;

	ymd(jan4, y, 1, 4);
	d = samv_date_days(jan4);
	return d - (((d + 3) % 7) + 7) % 7;
}

void samv_date_isoweek(int *year, int *week, const char *date)
{
	long d = samv_date_days(date), thursday;
	char t[11];
	int y;

	thursday = d - samv_date_weekday(date) + 3;
	samv_date_from_days(t, thursday);
	y = atoi(t);
	*year = y;
	*week = (int)((thursday - week1_monday(y)) / 7) + 1;
}

/* Weeks in ISO year y: 53 when 28 December falls in week 53. */
static int weeks_in(int y)
{
	char dec28[11];
	int yy, w;

	ymd(dec28, y, 12, 28);
	samv_date_isoweek(&yy, &w, dec28);
	return w;
}

static void set_week(struct samv_period *p, long monday)
{
	int y, w;

	samv_date_from_days(p->since, monday);
	samv_date_from_days(p->until, monday + 6);
	samv_date_isoweek(&y, &w, p->since);
	snprintf(p->label, sizeof(p->label), "%04d-W%02d", y, w);
}

static int days_in_month(int y, int m)
{
	char first[11], next[11];

	ymd(first, y, m, 1);
	ymd(next, m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1);
	return (int)(samv_date_days(next) - samv_date_days(first));
}

static void set_month(struct samv_period *p, int y, int m)
{
	ymd(p->since, y, m, 1);
	ymd(p->until, y, m, days_in_month(y, m));
	snprintf(p->label, sizeof(p->label), "%04d-%02d", y, m);
}

static void set_year(struct samv_period *p, int y)
{
	ymd(p->since, y, 1, 1);
	ymd(p->until, y, 12, 31);
	snprintf(p->label, sizeof(p->label), "%04d", y);
}

static bool digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

int samv_period_parse(struct samv_period *p, const char *spec, const char *today)
{
	long t = samv_date_days(today), monday = t - samv_date_weekday(today);
	size_t n = strlen(spec);
	int y = atoi(today), m = atoi(today + 5), w;

	memset(p, 0, sizeof(*p));
	if (!strcmp(spec, "this-week"))
		return set_week(p, monday), 0;
	if (!strcmp(spec, "last-week"))
		return set_week(p, monday - 7), 0;
	if (!strcmp(spec, "this-month"))
		return set_month(p, y, m), 0;
	if (!strcmp(spec, "last-month"))
		return set_month(p, m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1), 0;
	if (!strcmp(spec, "this-year"))
		return set_year(p, y), 0;
	if (!strcmp(spec, "last-year"))
		return set_year(p, y - 1), 0;
	if (!strcmp(spec, "all")) {
		strcpy(p->since, FIRST_DAY);
		strcpy(p->until, LAST_DAY);
		strcpy(p->label, "all");
		return 0;
	}
	if (y < 1901 || y > 9998)
		return samv_error_set(SAMV_EINVAL, "today (%s) is out of range", today);
	if (n == 4 && digits(spec, 4) && (y = atoi(spec)) >= 1900 && y <= 9998)
		return set_year(p, y), 0;
	if (n == 7 && digits(spec, 4) && spec[4] == '-' && digits(spec + 5, 2)) {
		y = atoi(spec);
		m = atoi(spec + 5);
		if (y >= 1900 && y <= 9998 && m >= 1 && m <= 12)
			return set_month(p, y, m), 0;
	}
	if (n == 8 && digits(spec, 4) && spec[4] == '-' && spec[5] == 'W' && digits(spec + 6, 2)) {
		y = atoi(spec);
		w = atoi(spec + 6);
		if (y >= 1900 && y <= 9998 && w >= 1 && w <= weeks_in(y))
			return set_week(p, week1_monday(y) + 7L * (w - 1)), 0;
		if (y >= 1900 && y <= 9998)
			return samv_error_set(SAMV_EINVAL, "period '%s': %04d has weeks 1 to %d", spec, y,
					      weeks_in(y));
	}
	return samv_error_set(SAMV_EINVAL, "'%s' is not a period (last-week, this-week, last-month, "
			      "this-month, last-year, this-year, all, YYYY-Www, YYYY-MM or YYYY)", spec);
}

int samv_period_between(struct samv_period *p, const char *since, const char *until)
{
	memset(p, 0, sizeof(*p));
	if (since && samv_date_check(since) < 0)
		return samv_error_set(SAMV_EINVAL, "--since: %s", samv_error_last());
	if (until && samv_date_check(until) < 0)
		return samv_error_set(SAMV_EINVAL, "--until: %s", samv_error_last());
	strcpy(p->since, since ? since : FIRST_DAY);
	strcpy(p->until, until ? until : LAST_DAY);
	if (strcmp(p->since, p->until) > 0)
		return samv_error_set(SAMV_EINVAL, "--since %s is after --until %s", p->since, p->until);
	snprintf(p->label, sizeof(p->label), "%s..%s", since ? since : "", until ? until : "");
	return 0;
}

bool samv_period_has(const struct samv_period *p, const char *date)
{
	return date && strcmp(date, p->since) >= 0 && strcmp(date, p->until) <= 0;
}

bool samv_period_open(const struct samv_period *p)
{
	return !strcmp(p->since, FIRST_DAY) || !strcmp(p->until, LAST_DAY);
}
