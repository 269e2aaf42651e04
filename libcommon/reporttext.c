/*
 * reporttext.c - a report document (report.c) in the document language:
 * a copy whose titles, column heads, chart names and enum cells are
 * translated, for the formats people read (text, Markdown, HTML).  The
 * document itself stays English so that --json and the CSV for scripts
 * are the same whatever the language.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

/* Replace o[key] (a string) with its translation t when t differs. */
static int set(cJSON *o, const char *key, const char *t)
{
	const char *s = samv_record_str(o, key);

	if (!s || !t || t == s || !strcmp(s, t))
		return 0;
	return cJSON_ReplaceItemInObjectCaseSensitive(o, key, cJSON_CreateString(t)) ? 0 : -1;
}

/* A title: translated whole, or "Head: rest" by the msgid "Head: %s"
 * (report.c makes "Arena: NAME" and "Assessment trend: TITLE"). */
static int title(cJSON *o, const char *key, const char *lang)
{
	const char *s = samv_record_str(o, key), *colon, *t;
	char head[128];
	char *joined = NULL;
	int rc;

	if (!s)
		return 0;
	if ((t = D_(lang, s)) != s)
		return set(o, key, t);
	if (!(colon = strstr(s, ": ")) || (size_t)(colon - s) + 4 > sizeof(head))
		return 0;
	snprintf(head, sizeof(head), "%.*s: %%s", (int)(colon - s), s);
	if ((t = D_(lang, head)) == head || asprintf(&joined, t, colon + 2) < 0)
		return 0;
	rc = set(o, key, joined);
	free(joined);
	return rc;
}

static bool word_column(const char *key)
{
	return !strcmp(key, "sector") || !strcmp(key, "kind") || !strcmp(key, "level") || !strcmp(key, "role") ||
	       !strcmp(key, "status");
}

/* Marks (context, msgid) for xgettext (-kDPN_:1c,2). */
#define DPN_(ctx, s) s

/* The arena report's "about" rows name a field of the arena. */
static const char *const about_fields[] = {
	DPN_("field", "name"), DPN_("field", "kind"), DPN_("field", "status"), DPN_("field", "convener"),
	DPN_("field", "members"), DPN_("field", "serves"), DPN_("field", "started"), NULL
};

static int about(cJSON *sec, const char *lang)
{
	const char *f;
	cJSON *r;
	size_t i;
	int rc = 0;

	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(sec, "rows")) {
		if (!(f = samv_record_str(r, "field")))
			continue;
		for (i = 0; about_fields[i] && strcmp(about_fields[i], f); i++)
			;
		if (!about_fields[i])
			continue;
		if (word_column(f))
			rc |= set(r, "value", samv_doc_word(lang, f, samv_record_str(r, "value")));
		rc |= set(r, "field", DP_(lang, "field", about_fields[i]));
	}
	return rc;
}

/* The Agreement's changes, "changed clause 2": the verb and the part. */
static const char *const changes[] = {
	DPN_("change", "added clause"), DPN_("change", "changed clause"), DPN_("change", "removed clause"),
	DPN_("change", "added party"), DPN_("change", "removed party"), DPN_("change", "added purpose"),
	DPN_("change", "changed purpose"), DPN_("change", "removed purpose"), NULL
};

static int change(cJSON *sec, const char *lang)
{
	const char *line, *sp;
	char *t = NULL;
	cJSON *r;
	size_t i, n;
	int rc = 0;

	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(sec, "rows")) {
		if (!(line = samv_record_str(r, "change")))
			continue;
		sp = strchr(line, ' ');
		sp = sp ? strchr(sp + 1, ' ') : NULL;
		n = sp ? (size_t)(sp - line) : strlen(line);
		for (i = 0; changes[i] && (strlen(changes[i]) != n || strncmp(changes[i], line, n)); i++)
			;
		if (!changes[i] || asprintf(&t, "%s%s", DP_(lang, "change", changes[i]), sp ? sp : "") < 0)
			continue;
		rc |= set(r, "change", t);
		free(t);
	}
	return rc;
}

/* A resource's column of money, "Money (SEK)", by the msgid "Money (%s)". */
static int money_title(cJSON *c, const char *key, const char *lang)
{
	char *joined = NULL;
	int rc;

	if (asprintf(&joined, D_(lang, "Money (%s)"), key + strlen("money_")) < 0)
		return -1;
	rc = set(c, "title", joined);
	free(joined);
	return rc;
}

/* An anchoring cell: "OUTCOME" or "OUTCOME DATE" (the matrix), "not yet"
 * or "(none)" (report.c), its words in the document's language. */
static int outcome_cell(cJSON *r, const char *key, const char *lang)
{
	const char *s = samv_record_str(r, key);
	char word[32], *t = NULL;
	size_t n;
	int rc;

	if (!s)
		return 0;
	if (!strcmp(s, "not yet") || !strcmp(s, "(none)"))
		return set(r, key, D_(lang, s));
	if ((n = strcspn(s, " ")) >= sizeof(word))
		return 0;
	snprintf(word, sizeof(word), "%.*s", (int)n, s);
	if (asprintf(&t, "%s%s", samv_doc_word(lang, "outcome", word), s + n) < 0)
		return -1;
	rc = set(r, key, t);
	free(t);
	return rc;
}

/* The decision register's chain cell, "supersedes k1; confirmed by k3"
 * (report.c links()): each link's words translated, the ids kept. */
static const char *const link_words[] = {
	DPN_("link", "supersedes"), DPN_("link", "amends"), DPN_("link", "confirms"),
	DPN_("link", "superseded by"), DPN_("link", "amended by"), DPN_("link", "confirmed by"), NULL
};

static int chain_cell(cJSON *r, const char *lang)
{
	const char *s = samv_record_str(r, "chain"), *end;
	struct samv_buf b = SAMV_BUF_INIT;
	size_t i, n;
	int rc = 0;

	for (; s && *s && rc == 0; s = *end ? end + 2 : end) {
		if (!(end = strstr(s, "; ")))
			end = s + strlen(s);
		for (i = 0; link_words[i]; i++) {
			n = strlen(link_words[i]);
			if ((size_t)(end - s) > n && !strncmp(s, link_words[i], n) && s[n] == ' ')
				break;
		}
		rc = link_words[i] ? samv_buf_printf(&b, "%s%s%.*s", b.len ? "; " : "", DP_(lang, "link", link_words[i]),
						     (int)(end - s - n), s + n)
				   : samv_buf_printf(&b, "%s%.*s", b.len ? "; " : "", (int)(end - s), s);
	}
	if (rc == 0 && b.len)
		rc = set(r, "chain", b.ptr);
	samv_buf_free(&b);
	return rc < 0 ? -1 : 0;
}

static int section(cJSON *sec, const char *lang)
{
	cJSON *c, *r;
	const char *id = samv_record_str(sec, "id");
	bool matrix = id && !strcmp(id, "matrix");
	int rc = title(sec, "title", lang) | (id && !strcmp(id, "about") ? about(sec, lang) : 0) |
		 (id && !strcmp(id, "agreement") ? change(sec, lang) : 0);

	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(sec, "columns")) {
		const char *key = samv_record_str(c, "key");
		/* the anchoring matrix has a column a party, named as it is */
		bool party = matrix && key && strcmp(key, "decision");

		if (key && !strncmp(key, "money_", strlen("money_")))
			rc |= money_title(c, key, lang);
		else if (!party)
			rc |= title(c, "title", lang);
		if (!key)
			continue;
		cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(sec, "rows"))
			if (party || !strcmp(key, "outcome") || !strcmp(key, "before"))
				rc |= outcome_cell(r, key, lang);
			else if (!strcmp(key, "chain"))
				rc |= chain_cell(r, lang);
			else if (word_column(key))
				rc |= set(r, key, samv_doc_word(lang, key, samv_record_str(r, key)));
	}
	return rc;
}

static int chart(cJSON *ch, const char *lang)
{
	const char *id = samv_record_str(ch, "id");
	cJSON *se;
	int rc = title(ch, "title", lang);

	cJSON_ArrayForEach(se, cJSON_GetObjectItemCaseSensitive(ch, "series")) {
		if (id && !strcmp(id, "attendance"))
			rc |= set(se, "name", samv_doc_word(lang, "sector", samv_record_str(se, "name")));
		else if (id && !strcmp(id, "decisions"))
			rc |= set(se, "name", samv_doc_word(lang, "kind", samv_record_str(se, "name")));
	}
	return rc;
}

int samv_report_localize_in(cJSON *d, const char *lang)
{
	cJSON *it;
	int rc = 0;

	rc |= title(d, "title", lang);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(d, "figures"))
		rc |= title(it, "title", lang);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(d, "sections"))
		rc |= section(it, lang);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(d, "charts"))
		rc |= chart(it, lang);
	return rc ? samv_error_set(SAMV_ERROR, "out of memory") : 0;
}

int samv_report_localize(cJSON **out, const cJSON *doc, const char *lang)
{
	cJSON *d = cJSON_Duplicate(doc, true);
	int rc;

	*out = NULL;
	if (!d)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if ((rc = samv_report_localize_in(d, lang)) < 0) {
		cJSON_Delete(d);
		return rc;
	}
	*out = d;
	return 0;
}
