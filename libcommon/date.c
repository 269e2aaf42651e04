/* date.c - calendar dates as records store them: YYYY-MM-DD. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "samv.h"

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : d[m - 1];
}

int samv_date_check(const char *s)
{
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		goto bad;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			goto bad;
	/* digits checked: read as sscanf("%4d-%2d-%2d") would, for less */
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		goto bad;
	return 0;
bad:
	return samv_error_set(SAMV_EINVAL, "'%s' is not a date (YYYY-MM-DD)", s);
}

/* Today in local time; SAMV_TODAY overrides it so that tests and
 * reproducible runs do not depend on the clock.  Commands refuse a bad
 * SAMV_TODAY before they start (samv_env_check). */
void samv_date_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	if (samv_env_today(out) == 0 && out[0])
		return;
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int samv_date_past(const char *date, const char *what)
{
	char today[11];

	samv_date_today(today);
	if (date && strcmp(date, today) > 0)
		return samv_error_set(SAMV_EINVAL, "%s: %s is in the future (today is %s)", what, date, today);
	return 0;
}

int samv_time_check(const char *s)
{
	if (strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9' || (s[0] == '2' && s[1] > '3'))
		return samv_error_set(SAMV_EINVAL, "'%s' is not a time of day (HH:MM, 00:00 to 23:59)", s);
	return 0;
}

/* Days since 1970-01-01 of a checked date (proleptic Gregorian). */
long samv_date_days(const char *s)
{
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void samv_date_from_days(char out[11], long z)
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	char tmp[80];

	snprintf(tmp, sizeof(tmp), "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}
