/*
 * ics.c - a meeting as an iCalendar event (RFC 5545), so that calendar
 * programs can put it in people's calendars.
 *
 * It is an iTIP message (RFC 5546): METHOD:REQUEST, or METHOD:CANCEL for
 * a cancelled meeting, from the ORGANIZER who records it, to an ATTENDEE
 * for everyone the invitation goes to (recipients.c).  Times carry the
 * repository's time zone (TZID) and its rules (a VTIMEZONE, tz.c), so that
 * 13:00 in Linköping is 13:00 in Linköping in every calendar; a meeting
 * without a start time is an all-day event.  The UID is the meeting's id
 * and SEQUENCE the meeting's own count of changes, so that a calendar
 * replaces an earlier copy with a later one.  Lines end in CRLF and are
 * folded at 75 octets, never inside a UTF-8 sequence.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "samv.h"

/* Append one content line, folded. */
static int put_line(struct samv_buf *out, const char *line)
{
	size_t n = strlen(line), col = 0, i = 0, len;

	while (i < n) {
		len = 1;
		while (i + len < n && ((unsigned char)line[i + len] & 0xc0) == 0x80)
			len++;
		if (col + len > 75) {
			if (samv_buf_puts(out, "\r\n ") < 0)
				return SAMV_ERROR;
			col = 1;
		}
		if (samv_buf_put(out, line + i, len) < 0)
			return SAMV_ERROR;
		col += len;
		i += len;
	}
	return samv_buf_puts(out, "\r\n");
}

/* TEXT values escape backslash, semicolon, comma and newline. */
static int put_text(struct samv_buf *out, const char *name, const char *value)
{
	struct samv_buf b = SAMV_BUF_INIT;
	const char *p;
	int rc = SAMV_ERROR;

	if (!value || !*value)
		return 0;
	if (samv_buf_printf(&b, "%s:", name) < 0)
		goto out;
	for (p = value; *p; p++) {
		const char *e = NULL;

		switch (*p) {
		case '\\': e = "\\\\"; break;
		case ';': e = "\\;"; break;
		case ',': e = "\\,"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = ""; break;
		}
		if (e ? samv_buf_puts(&b, e) : samv_buf_put(&b, p, 1))
			goto out;
	}
	rc = put_line(out, b.ptr);
out:
	samv_buf_free(&b);
	return rc;
}

static void compact_date(char out[9], const char *date)
{
	memcpy(out, date, 4);
	memcpy(out + 4, date + 5, 2);
	memcpy(out + 6, date + 8, 2);
	out[8] = '\0';
}

static int put_times(struct samv_buf *out, const cJSON *m, const char *tz)
{
	const char *date = samv_record_str(m, "date"), *start = samv_record_str(m, "start");
	const char *end = samv_record_str(m, "end");
	char d[9], next[11], line[64];

	compact_date(d, date);
	if (!start) {
		samv_date_from_days(next, samv_date_days(date) + 1);
		compact_date(line, next);
		if (samv_buf_printf(out, "DTSTART;VALUE=DATE:%s\r\n", d) < 0 ||
		    samv_buf_printf(out, "DTEND;VALUE=DATE:%.8s\r\n", line) < 0)
			return SAMV_ERROR;
		return 0;
	}
	if (samv_buf_printf(out, "DTSTART;TZID=%s:%sT%.2s%.2s00\r\n", tz, d, start, start + 3) < 0)
		return SAMV_ERROR;
	if (end)
		return samv_buf_printf(out, "DTEND;TZID=%s:%sT%.2s%.2s00\r\n", tz, d, end, end + 3);
	return samv_buf_puts(out, "DURATION:PT1H\r\n"); /* a start alone: an hour, as calendars assume */
}

/* A label of the description in the document's language; both side by
 * side when none is given (sv first: the collaboration's own). */
static const char *label(char out[96], const char *lang, const char *sv, const char *en)
{
	if (!lang)
		snprintf(out, 96, "%s/%s", sv, en);
	else
		snprintf(out, 96, "%s", D_(lang, en));
	return out;
}

static int put_description(struct samv_buf *out, const cJSON *m, const char *lang)
{
	struct samv_buf b = SAMV_BUF_INIT;
	const cJSON *it;
	char l[96];
	int rc = 0, n = 0;

	if (samv_record_str(m, "purpose"))
		rc |= samv_buf_printf(&b, "%s: %s\n", label(l, lang, "Syfte", DN_("Purpose")),
				      samv_record_str(m, "purpose"));
	if (samv_record_str(m, "goal"))
		rc |= samv_buf_printf(&b, "%s: %s\n", label(l, lang, "Mål", DN_("Goal")), samv_record_str(m, "goal"));
	if (samv_record_str(m, "expectations"))
		rc |= samv_buf_printf(&b, "%s: %s\n", label(l, lang, "Förväntningar", DN_("Expectations")),
				      samv_record_str(m, "expectations"));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "agenda"))
		rc |= samv_buf_printf(&b, "%s%s%d. %s\n", n ? "" : label(l, lang, "Dagordning", DN_("Agenda")),
				      n ? "" : ":\n", n + 1, it->valuestring), n++;
	if (rc < 0) {
		samv_buf_free(&b);
		return SAMV_ERROR;
	}
	if (b.len)
		b.ptr[--b.len] = '\0';
	rc = put_text(out, "DESCRIPTION", b.ptr);
	samv_buf_free(&b);
	return rc;
}

/* A URI holds only ASCII: other bytes, and spaces, are percent-encoded. */
static int put_url(struct samv_buf *out, const char *url)
{
	struct samv_buf b = SAMV_BUF_INIT;
	const unsigned char *p;
	int rc = samv_buf_puts(&b, "URL:");

	for (p = (const unsigned char *)url; *p && rc == 0; p++)
		rc = *p > 0x20 && *p < 0x7f && *p != '"' ? samv_buf_put(&b, (const char *)p, 1)
							  : samv_buf_printf(&b, "%%%02X", *p);
	if (rc == 0)
		rc = put_line(out, b.ptr);
	samv_buf_free(&b);
	return rc;
}

/* A parameter value is quoted and may not hold a double quote. */
static void param_value(char *out, size_t n, const char *s)
{
	size_t i = 0;

	for (; s && *s && i + 1 < n; s++)
		out[i++] = *s == '"' ? '\'' : (unsigned char)*s < 0x20 ? ' ' : *s;
	out[i] = '\0';
}

static int put_party(struct samv_buf *out, const char *prop, const char *params, const char *name,
		     const char *mail, const char *urn)
{
	char cn[600], line[1200];

	param_value(cn, sizeof(cn), name);
	if (samv_mail_address_ok(mail))
		snprintf(line, sizeof(line), "%s;%sCN=\"%s\":mailto:%s", prop, params, cn, mail);
	else
		snprintf(line, sizeof(line), "%s;%sCN=\"%s\":%s", prop, params, cn, urn);
	return put_line(out, line);
}

/* ATTENDEE for every recipient of the invitation: people with a mailto:
 * when their address is known, otherwise a urn:samv: name; an invited
 * organisation without a contact person as a GROUP. */
static int put_attendees(struct samv_buf *out, struct samv_view *v, const cJSON *m)
{
	cJSON *list = NULL;
	const cJSON *r;
	char urn[128];
	int rc;

	if ((rc = samv_meeting_recipients(&list, v, m, false)) < 0)
		return rc;
	cJSON_ArrayForEach(r, list) {
		const char *person = samv_record_str(r, "person"), *email = samv_record_str(r, "email");

		if (person)
			snprintf(urn, sizeof(urn), "urn:samv:person:%s", person);
		else
			snprintf(urn, sizeof(urn), "urn:samv:actor:%s", samv_record_str(r, "actor"));
		rc = put_party(out, "ATTENDEE",
			       !person ? "CUTYPE=GROUP;ROLE=REQ-PARTICIPANT;"
			       : samv_mail_address_ok(email) ? "CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;"
						: "CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;",
			       samv_record_str(r, "name"), email, urn);
		if (rc < 0)
			break;
	}
	cJSON_Delete(list);
	return rc;
}

int samv_meeting_ics(struct samv_buf *out, struct samv_view *v, const cJSON *m, const struct samv_ics_opts *o)
{
	const char *status = samv_record_str(m, "status");
	bool cancelled = status && !strcmp(status, "cancelled");
	time_t t = (time_t)o->stamp;
	struct tm tm;
	char when[32], uid[128];
	int rc;

	if (!o->organizer || !samv_mail_address_ok(o->organizer->email))
		return samv_error_set(SAMV_EINVAL, "an invitation needs an organiser with an e-mail address: "
				      "set user.email (git config) or GIT_AUTHOR_EMAIL");
	if (!samv_tz_known(o->tz))
		return samv_error_set(SAMV_EINVAL, "%s: timezone: '%s' is not a time zone samv knows",
				      SAMV_REPO_FILE, o->tz);
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(uid, sizeof(uid), "UID:%s@samv", samv_record_str(m, "id"));
	if (samv_buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") < 0 ||
	    samv_buf_printf(out, "PRODID:-//samv//samv %s//EN\r\n", SAMV_VERSION) < 0 ||
	    samv_buf_printf(out, "CALSCALE:GREGORIAN\r\nMETHOD:%s\r\n", cancelled ? "CANCEL" : "REQUEST") < 0 ||
	    (samv_record_str(m, "start") && samv_tz_vtimezone(out, o->tz) < 0) ||
	    samv_buf_puts(out, "BEGIN:VEVENT\r\n") < 0 ||
	    put_line(out, uid) < 0 || samv_buf_printf(out, "DTSTAMP:%s\r\n", when) < 0 ||
	    samv_buf_printf(out, "SEQUENCE:%lld\r\n", samv_meeting_sequence(m)) < 0 ||
	    put_times(out, m, o->tz) < 0 ||
	    put_text(out, "SUMMARY", samv_record_str(m, "title")) < 0 ||
	    put_text(out, "LOCATION", samv_record_str(m, "place")) < 0 || put_description(out, m, o->lang) < 0)
		return SAMV_ERROR;
	if (samv_record_str(m, "link") && put_url(out, samv_record_str(m, "link")) < 0)
		return SAMV_ERROR;
	if (put_party(out, "ORGANIZER", "", o->organizer->name, o->organizer->email, "") < 0)
		return SAMV_ERROR;
	if ((rc = put_attendees(out, v, m)) < 0)
		return rc;
	if (samv_buf_printf(out, "STATUS:%s\r\n", cancelled ? "CANCELLED" : "CONFIRMED") < 0 ||
	    samv_buf_puts(out, "END:VEVENT\r\nEND:VCALENDAR\r\n") < 0)
		return SAMV_ERROR;
	return 0;
}
