/*
 * doclang.c - which language a document is written in, and dates and
 * numbers as that language writes them in running text (doctext.h).
 * English documents are left as they always were: ISO dates, plain
 * numbers; Swedish ones get "6 december 2026", "vecka 49", "12 345",
 * "3,5".
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

#define NBSP "\xc2\xa0"
/* Marks (context, msgid) for xgettext (-kDPN_:1c,2). */
#define DPN_(ctx, s) s

int samv_doc_language(char out[3], struct samv_view *v, const char *given)
{
	struct samv_buf text = SAMV_BUF_INIT;
	struct samv_pos pos;
	cJSON *r = NULL;
	const char *l;

	strcpy(out, "sv");
	if (given) {
		snprintf(out, 3, "%s", given);
		if (strlen(given) != 2)
			return samv_error_set(SAMV_EUSAGE, "--lang: '%s' is not one of sv, en", given);
	} else if (v && samv_view_read(&text, v, SAMV_REPO_FILE) == 0 &&
		   samv_json_parse(&r, text.ptr, text.len, &pos) == 0 && (l = samv_record_str(r, "language")) &&
		   strlen(l) == 2) {
		strcpy(out, l);
	}
	samv_error_clear();
	cJSON_Delete(r);
	samv_buf_free(&text);
	return samv_doc_lang_check(out);
}

const char *samv_doc_date(char out[32], const char *lang, const char *iso)
{
	static const char *const months[] = {
		DPN_("month", "January"), DPN_("month", "February"), DPN_("month", "March"),
		DPN_("month", "April"), DPN_("month", "May"), DPN_("month", "June"),
		DPN_("month", "July"), DPN_("month", "August"), DPN_("month", "September"),
		DPN_("month", "October"), DPN_("month", "November"), DPN_("month", "December"),
	};
	int y, m, d;

	if (samv_doc_is_en(lang) || !iso || samv_date_check(iso) < 0 || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3) {
		samv_error_clear();
		snprintf(out, 32, "%s", iso ? iso : "");
		return out;
	}
	snprintf(out, 32, "%d %s %d", d, DP_(lang, "month", months[m - 1]), y);
	return out;
}

const char *samv_doc_day(char out[64], const char *lang, const char *iso)
{
	static const char *const days[] = {
		DPN_("weekday", "Monday"), DPN_("weekday", "Tuesday"), DPN_("weekday", "Wednesday"),
		DPN_("weekday", "Thursday"), DPN_("weekday", "Friday"), DPN_("weekday", "Saturday"),
		DPN_("weekday", "Sunday"),
	};
	char date[32], week[12];
	int y, w, wd;

	if (samv_doc_is_en(lang) || !iso || samv_date_check(iso) < 0) {
		samv_error_clear();
		snprintf(out, 64, "%s", iso ? iso : "");
		return out;
	}
	samv_date_isoweek(&y, &w, iso);
	wd = samv_date_weekday(iso);
	snprintf(week, sizeof(week), "%d", w);
	/* TRANSLATORS: weekday, date, week number: "torsdag 3 december 2026 (vecka 49)" */
	snprintf(out, 64, D_(lang, "%s %s (week %s)"), DP_(lang, "weekday", days[wd]),
		 samv_doc_date(date, lang, iso), week);
	return out;
}

const char *samv_doc_int(char out[32], const char *lang, long n)
{
	char digits[24], *o = out;
	size_t len, i;

	snprintf(digits, sizeof(digits), "%ld", n < 0 ? -n : n);
	len = strlen(digits);
	if (samv_doc_is_en(lang) || len < 5) { /* Swedish writes 1000 to 9999 whole */
		snprintf(out, 32, "%ld", n);
		return out;
	}
	if (n < 0)
		*o++ = '-';
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0) {
			memcpy(o, NBSP, 2);
			o += 2;
		}
		*o++ = digits[i];
	}
	*o = '\0';
	return out;
}

const char *samv_doc_decimal(char out[48], const char *lang, double x, int d)
{
	char *dot;

	snprintf(out, 48, "%.*f", d, x);
	if (!samv_doc_is_en(lang) && (dot = strchr(out, '.')))
		*dot = ',';
	return out;
}

const char *samv_doc_period(char out[48], const char *lang, const char *label)
{
	int y, w;
	char tail;

	if (!samv_doc_is_en(lang) && label && sscanf(label, "%4d-W%2d%c", &y, &w, &tail) == 2) {
		snprintf(out, 48, D_(lang, "week %d, %d"), w, y);
		return out;
	}
	snprintf(out, 48, "%s", label ? label : "");
	return out;
}
