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
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		goto bad;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		goto bad;
	return 0;
bad:
	return samv_error_set(SAMV_EINVAL, "'%s' is not a date (YYYY-MM-DD)", s);
}

/* Today in local time; SAMV_TODAY overrides it so that tests and
 * reproducible runs do not depend on the clock. */
void samv_date_today(char out[11])
{
	const char *env = getenv("SAMV_TODAY");
	time_t now = time(NULL);
	struct tm tm;

	if (env && samv_date_check(env) == 0) {
		memcpy(out, env, 11);
		return;
	}
	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
