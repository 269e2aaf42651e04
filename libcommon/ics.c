/*
 * ics.c - a meeting as an iCalendar event (RFC 5545), so that calendar
 * programs can put it in people's calendars.
 *
 * Times are "floating" local times (no time zone): the collaboration
 * meets in one region, and a floating time shows as written in every
 * calendar.  A meeting without a start time is an all-day event.  Lines
 * end in CRLF and are folded at 75 octets, never inside a UTF-8 sequence.
 * The UID is the meeting's id, so that sending the event again updates it,
 * and SEQUENCE grows with the repository's last change, so the later copy
 * wins.  No METHOD: the file is an event to import, not an iTIP message;
 * attendees are named only with an organiser, whom replies go to.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "samv.h"

/* SEQUENCE counts minutes from 2000-01-01: it fits 32 bits for 4000 years. */
#define SEQ_EPOCH 946684800LL

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

static int put_times(struct samv_buf *out, const cJSON *m)
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
	if (samv_buf_printf(out, "DTSTART:%sT%.2s%.2s00\r\n", d, start, start + 3) < 0)
		return SAMV_ERROR;
	if (end)
		return samv_buf_printf(out, "DTEND:%sT%.2s%.2s00\r\n", d, end, end + 3);
	return samv_buf_puts(out, "DURATION:PT1H\r\n"); /* a start alone: an hour, as calendars assume */
}

static int put_description(struct samv_buf *out, const cJSON *m)
{
	struct samv_buf b = SAMV_BUF_INIT;
	const cJSON *it;
	int rc = 0, n = 0;

	if (samv_record_str(m, "purpose"))
		rc |= samv_buf_printf(&b, "Syfte/Purpose: %s\n", samv_record_str(m, "purpose"));
	if (samv_record_str(m, "goal"))
		rc |= samv_buf_printf(&b, "Mål/Goal: %s\n", samv_record_str(m, "goal"));
	if (samv_record_str(m, "expectations"))
		rc |= samv_buf_printf(&b, "Förväntningar/Expectations: %s\n", samv_record_str(m, "expectations"));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "agenda"))
		rc |= samv_buf_printf(&b, "%s%d. %s\n", n ? "" : "Dagordning/Agenda:\n", n + 1, it->valuestring), n++;
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

/* A quoted CN may hold anything but a double quote. */
static bool cn_ok(const char *name, const char *mail)
{
	return mail && name && !strchr(name, '"') && !strpbrk(mail, "\r\n\" ");
}

/* Invited people who gave an e-mail address become ATTENDEEs, under the
 * ORGANIZER who sends the invitation. */
static int put_attendees(struct samv_buf *out, struct samv_view *v, const cJSON *m, const git_signature *org)
{
	const cJSON *it;
	cJSON *p = NULL;
	char line[600];
	int rc = 0;

	if (!org || !cn_ok(org->name, org->email))
		return 0;
	snprintf(line, sizeof(line), "ORGANIZER;CN=\"%s\":mailto:%s", org->name, org->email);
	if (put_line(out, line) < 0)
		return SAMV_ERROR;

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "invited_people")) {
		const char *mail, *name;

		if (samv_record_load(&p, v, samv_type_find("person"), it->valuestring) < 0) {
			samv_error_clear();
			continue;
		}
		mail = samv_record_str(p, "email");
		name = samv_record_str(p, "name");
		if (cn_ok(name, mail)) {
			snprintf(line, sizeof(line), "ATTENDEE;CN=\"%s\";ROLE=REQ-PARTICIPANT:mailto:%s", name, mail);
			rc = put_line(out, line);
		}
		cJSON_Delete(p);
		p = NULL;
		if (rc < 0)
			break;
	}
	return rc;
}

int samv_meeting_ics(struct samv_buf *out, struct samv_view *v, const cJSON *m, long long stamp,
		     const git_signature *organizer)
{
	const char *status = samv_record_str(m, "status");
	time_t t = (time_t)stamp;
	struct tm tm;
	char when[32], uid[128];

	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm);
	snprintf(uid, sizeof(uid), "UID:%s@samv", samv_record_str(m, "id"));
	if (samv_buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") < 0 ||
	    samv_buf_printf(out, "PRODID:-//samv//samv %s//EN\r\n", SAMV_VERSION) < 0 ||
	    samv_buf_puts(out, "CALSCALE:GREGORIAN\r\nBEGIN:VEVENT\r\n") < 0 ||
	    put_line(out, uid) < 0 || samv_buf_printf(out, "DTSTAMP:%s\r\n", when) < 0 ||
	    samv_buf_printf(out, "SEQUENCE:%lld\r\n", stamp > SEQ_EPOCH ? (stamp - SEQ_EPOCH) / 60 : 0) < 0 ||
	    put_times(out, m) < 0 ||
	    put_text(out, "SUMMARY", samv_record_str(m, "title")) < 0 ||
	    put_text(out, "LOCATION", samv_record_str(m, "place")) < 0 || put_description(out, m) < 0)
		return SAMV_ERROR;
	if (samv_record_str(m, "link") && put_url(out, samv_record_str(m, "link")) < 0)
		return SAMV_ERROR;
	if (put_attendees(out, v, m, organizer) < 0 ||
	    samv_buf_printf(out, "STATUS:%s\r\n", status && !strcmp(status, "cancelled") ? "CANCELLED" : "CONFIRMED") < 0 ||
	    samv_buf_puts(out, "END:VEVENT\r\nEND:VCALENDAR\r\n") < 0)
		return SAMV_ERROR;
	return 0;
}
