/*
 * tz.c - the time zones a repository may meet in, with the rules a
 * calendar needs to place a local time: an iCalendar VTIMEZONE.
 *
 * A short table rather than the system's tz database: an invitation must
 * carry its zone's rules, and the collaborations samv serves meet in
 * Europe, where one rule (summer time from the last Sunday of March to the
 * last Sunday of October, switched at 01:00 UTC) has held since 1996.
 */
#include <string.h>

#include "samv.h"

struct zone {
	const char *name;
	int std;               /* minutes east of UTC in winter */
	bool summer;           /* the EU summer-time rule applies */
	const char *std_name, *dst_name;
};

static const struct zone zones[] = {
	{ "Europe/Stockholm", 60, true, "CET", "CEST" },
	{ "Europe/Oslo", 60, true, "CET", "CEST" },
	{ "Europe/Copenhagen", 60, true, "CET", "CEST" },
	{ "Europe/Berlin", 60, true, "CET", "CEST" },
	{ "Europe/Helsinki", 120, true, "EET", "EEST" },
	{ "Europe/London", 0, true, "GMT", "BST" },
	{ "Atlantic/Reykjavik", 0, false, "GMT", NULL },
	{ "UTC", 0, false, "UTC", NULL },
};

/* The enum of the repository's timezone field (schema.c). */
const char *const samv_timezones[] = {
	"Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Berlin", "Europe/Helsinki",
	"Europe/London", "Atlantic/Reykjavik", "UTC", NULL
};

static const struct zone *find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (!strcmp(zones[i].name, name))
			return &zones[i];
	return NULL;
}

bool samv_tz_known(const char *name)
{
	return name && find(name);
}

static void offset(char out[6], int minutes)
{
	int a = minutes < 0 ? -minutes : minutes;

	snprintf(out, 6, "%c%02d%02d", minutes < 0 ? '-' : '+', a / 60 % 100, a % 60);
}

/* One STANDARD or DAYLIGHT part of a VTIMEZONE; start is the local time
 * of the first switch, in the offset it switches from. */
static int put_part(struct samv_buf *out, const char *kind, int from, int to, const char *name,
		    const char *start, const char *rule)
{
	char f[6], t[6];

	offset(f, from);
	offset(t, to);
	if (samv_buf_printf(out, "BEGIN:%s\r\nTZOFFSETFROM:%s\r\nTZOFFSETTO:%s\r\nTZNAME:%s\r\nDTSTART:%s\r\n",
			    kind, f, t, name, start) < 0 ||
	    (rule && samv_buf_printf(out, "RRULE:%s\r\n", rule) < 0))
		return SAMV_ERROR;
	return samv_buf_printf(out, "END:%s\r\n", kind);
}

int samv_tz_vtimezone(struct samv_buf *out, const char *name)
{
	const struct zone *z = find(name);
	char start[32];

	if (!z)
		return samv_error_set(SAMV_EINVAL, "timezone: '%s' is not a time zone samv knows", name);
	if (samv_buf_printf(out, "BEGIN:VTIMEZONE\r\nTZID:%s\r\n", z->name) < 0)
		return SAMV_ERROR;
	if (!z->summer) {
		if (put_part(out, "STANDARD", z->std, z->std, z->std_name, "19700101T000000", NULL) < 0)
			return SAMV_ERROR;
	} else {
		/* 1970-03-29 and 1970-10-25 were the last Sundays of their
		 * months: the first occurrences of the rules */
		snprintf(start, sizeof(start), "19700329T%02d0000", 1 + z->std / 60);
		if (put_part(out, "DAYLIGHT", z->std, z->std + 60, z->dst_name, start,
			     "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU") < 0)
			return SAMV_ERROR;
		snprintf(start, sizeof(start), "19701025T%02d0000", 2 + z->std / 60);
		if (put_part(out, "STANDARD", z->std + 60, z->std, z->std_name, start,
			     "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU") < 0)
			return SAMV_ERROR;
	}
	return samv_buf_puts(out, "END:VTIMEZONE\r\n");
}
