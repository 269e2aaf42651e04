/*
 * notice.c - what samv-meeting invite and minutes print: the invitation or
 * the minutes as text or Markdown, the invitation as an iCalendar message,
 * either as an e-mail message ready for sendmail -t, or as JSON for
 * scripts that send it themselves.
 */
#include <string.h>

#include "samv.h"

/* Text and Markdown invite to a planned meeting still to come; the
 * calendar forms (ics, mail, json) also say that one was moved or
 * cancelled. */
int samv_notice_check(const struct samv_notice *n, const char *format)
{
	const char *status = samv_record_str(n->m, "status"), *date = samv_record_str(n->m, "date");
	char today[11];

	if (n->minutes || (format && (!strcmp(format, "ics") || !strcmp(format, "mail") || !strcmp(format, "json"))))
		return 0;
	samv_date_today(today);
	if (status && strcmp(status, "planned"))
		return samv_error_setp(SAMV_EINVAL, "meeting '%s' is %s; an invitation is for a planned meeting", n->id,
				       samv_status_word("meeting", status));
	if (date && strcmp(date, today) < 0)
		return samv_error_set(SAMV_EINVAL, "meeting '%s' was on %s, in the past; nobody can be invited to it",
				      n->id, date);
	return 0;
}

static int ics(struct samv_buf *out, const struct samv_notice *n)
{
	struct samv_ics_opts o = { n->stamp, n->organizer, n->tz, n->lang };

	return samv_meeting_ics(out, n->v, n->m, &o);
}

/* The text of the message: the invitation (a cancelled meeting's says so
 * first) or the minutes. */
static int body_text(struct samv_buf *out, const struct samv_notice *n)
{
	const char *status = samv_record_str(n->m, "status");

	if (n->minutes)
		return samv_meeting_minutes(out, n->v, n->m, "text", n->lang);
	if (status && !strcmp(status, "cancelled") && samv_meeting_cancel_note(out, n->lang) < 0)
		return SAMV_ERROR;
	return samv_meeting_invitation(out, n->v, n->m, "text", n->lang);
}

/* The minutes of a held meeting, or the invitation with its .ics, as one
 * message for sendmail -t. */
static int mail(struct samv_buf *out, const struct samv_notice *n)
{
	struct samv_buf body = SAMV_BUF_INIT, att = SAMV_BUF_INIT, subj = SAMV_BUF_INIT;
	const char *status = samv_record_str(n->m, "status");
	char mid[SAMV_ID_MAX + 64], type[80], name[SAMV_ID_MAX + 16];
	struct samv_mail msg = { n->organizer, NULL, NULL, n->stamp, mid, NULL, type, name, NULL, 0 };
	cJSON *to = NULL;
	int rc;

	if (n->minutes && (!status || strcmp(status, "held")))
		return samv_error_setp(SAMV_EINVAL, "meeting '%s' is %s; minutes are sent after it is held "
				       "(see samv-meeting hold)", n->id, samv_status_word("meeting", status ? status : "not held"));
	if ((rc = samv_meeting_recipients(&to, n->v, n->m, n->minutes)) < 0 || (rc = body_text(&body, n)) < 0 ||
	    (rc = n->minutes ? samv_meeting_minutes(&att, n->v, n->m, "markdown", n->lang) : ics(&att, n)) < 0 ||
	    (rc = samv_meeting_subject(&subj, n->m, n->minutes, n->lang)) < 0)
		goto out;
	if (n->minutes) {
		snprintf(type, sizeof(type), "text/markdown; charset=UTF-8");
		/* TRANSLATORS: the file name of the minutes attached to a mail; ASCII */
		snprintf(name, sizeof(name), D_(n->lang, "%s-minutes.md"), n->id);
		snprintf(mid, sizeof(mid), "samv.%s.minutes.%lld", n->id, n->stamp);
	} else {
		snprintf(type, sizeof(type), "text/calendar; charset=UTF-8; method=%s",
			 status && !strcmp(status, "cancelled") ? "CANCEL" : "REQUEST");
		snprintf(name, sizeof(name), "%s.ics", n->id);
		snprintf(mid, sizeof(mid), "samv.%s.%lld.%lld", n->id, samv_meeting_sequence(n->m), n->stamp);
	}
	msg.to = to;
	msg.subject = subj.ptr;
	msg.body = body.ptr;
	msg.attach = att.ptr;
	msg.attach_len = att.len;
	if ((rc = samv_mail_format(out, &msg)) < 0)
		rc = samv_error_set(rc, "meeting '%s': %s", n->id, samv_error_last());
out:
	cJSON_Delete(to);
	samv_buf_free(&body);
	samv_buf_free(&att);
	samv_buf_free(&subj);
	return rc;
}

/* --json: what a script needs to send the invitation or the minutes
 * itself; the keys are listed in samv-meeting(1). */
static int doc_json(struct samv_buf *out, const struct samv_notice *n)
{
	struct samv_buf text = SAMV_BUF_INIT, subj = SAMV_BUF_INIT;
	const char *status = samv_record_str(n->m, "status"), *method = NULL;
	const char *email = n->organizer ? n->organizer->email : "";
	cJSON *o = cJSON_CreateObject(), *to = NULL, *org = NULL;
	bool ok;
	int rc;

	if (!n->minutes)
		method = status && !strcmp(status, "cancelled") ? "CANCEL" : "REQUEST";
	if (!o) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = samv_meeting_recipients(&to, n->v, n->m, n->minutes)) < 0 || (rc = body_text(&text, n)) < 0 ||
	    (rc = samv_meeting_subject(&subj, n->m, n->minutes, n->lang)) < 0)
		goto out;
	ok = cJSON_AddStringToObject(o, "meeting", n->id) &&
	     cJSON_AddStringToObject(o, "title", samv_record_str(n->m, "title")) &&
	     cJSON_AddStringToObject(o, "date", samv_record_str(n->m, "date")) &&
	     cJSON_AddItemToObject(o, "start", samv_json_str_or_null(samv_record_str(n->m, "start"))) &&
	     cJSON_AddItemToObject(o, "end", samv_json_str_or_null(samv_record_str(n->m, "end"))) &&
	     cJSON_AddStringToObject(o, "timezone", n->tz) &&
	     cJSON_AddItemToObject(o, "place", samv_json_str_or_null(samv_record_str(n->m, "place"))) &&
	     cJSON_AddItemToObject(o, "link", samv_json_str_or_null(samv_record_str(n->m, "link"))) &&
	     cJSON_AddStringToObject(o, "status", status) &&
	     cJSON_AddNumberToObject(o, "sequence", (double)samv_meeting_sequence(n->m)) &&
	     cJSON_AddItemToObject(o, "method", samv_json_str_or_null(method));
	if (ok && n->organizer)
		ok = (org = cJSON_AddObjectToObject(o, "organizer")) &&
		     cJSON_AddStringToObject(org, "name", n->organizer->name) &&
		     cJSON_AddItemToObject(org, "email", samv_json_str_or_null(*email ? email : NULL));
	else if (ok)
		ok = cJSON_AddNullToObject(o, "organizer");
	ok = ok && cJSON_AddStringToObject(o, "subject", subj.ptr) && cJSON_AddItemToObject(o, "recipients", to);
	if (ok)
		to = NULL; /* o owns it */
	if (!ok || !cJSON_AddStringToObject(o, "text", text.ptr)) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	rc = samv_json_print(out, o);
out:
	cJSON_Delete(o);
	cJSON_Delete(to);
	samv_buf_free(&text);
	samv_buf_free(&subj);
	return rc;
}

int samv_notice_render(struct samv_buf *out, const struct samv_notice *n, const char *format)
{
	if (format && !strcmp(format, "json"))
		return doc_json(out, n);
	if (format && !strcmp(format, "mail"))
		return mail(out, n);
	if (format && !strcmp(format, "ics"))
		return ics(out, n);
	if (n->minutes)
		return samv_meeting_minutes(out, n->v, n->m, format, n->lang);
	return samv_meeting_invitation(out, n->v, n->m, format, n->lang);
}
