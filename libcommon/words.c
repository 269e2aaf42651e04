/*
 * words.c - the words of documents for the records' enum values: a
 * record keeps "civil", "process-leader", "kedge-anchor" whatever the
 * language; a Swedish document says "idéburen", "processledare",
 * "halningsankare".  English documents keep the values as they are.
 * The field is the context, as one value may mean two things ("official"
 * is a role and a level of decision).
 */
#include <string.h>
#include <strings.h>

#include "samv.h"

/* Marks (field, value) for xgettext (-kDPN_:1c,2); nothing at run time. */
#define DPN_(ctx, s) { ctx, s }

static const struct {
	const char *field, *value;
} words[] = {
	DPN_("sector", "public"), DPN_("sector", "civil"), DPN_("sector", "private"),
	DPN_("kind", "region"), DPN_("kind", "municipality"), DPN_("kind", "primary-care"),
	DPN_("kind", "social-services"), DPN_("kind", "association"), DPN_("kind", "umbrella"),
	DPN_("kind", "business"), DPN_("kind", "other"),
	DPN_("kind", "large-group-meeting"), DPN_("kind", "working-group"), DPN_("kind", "workshop"),
	DPN_("kind", "dialogue"), DPN_("kind", "council"), DPN_("kind", "iop"), DPN_("kind", "grant-programme"),
	DPN_("kind", "feedback-seminar"), DPN_("kind", "anchor"), DPN_("kind", "kedge-anchor"),
	DPN_("level", "local"), DPN_("level", "regional"), DPN_("level", "national"),
	DPN_("level", "political"), DPN_("level", "official"), DPN_("level", "arena"),
	DPN_("role", "official"), DPN_("role", "politician"), DPN_("role", "representative"),
	DPN_("role", "process-leader"), DPN_("role", "other"),
	DPN_("status", "active"), DPN_("status", "retired"), DPN_("status", "inactive"), DPN_("status", "paused"),
	DPN_("status", "closed"), DPN_("status", "planned"), DPN_("status", "held"), DPN_("status", "cancelled"),
	DPN_("status", "open"), DPN_("status", "done"), DPN_("status", "dropped"), DPN_("status", "proposed"),
	DPN_("status", "adopted"), DPN_("status", "superseded"), DPN_("status", "revoked"),
	DPN_("status", "expired"),
	DPN_("kind", "societal-challenge"), DPN_("kind", "welfare-gap"),
	DPN_("outcome", "informed"), DPN_("outcome", "backed"), DPN_("outcome", "rejected"), DPN_("outcome", "pending"),
};

const char *samv_doc_word(const char *lang, const char *field, const char *value)
{
	size_t i;

	if (!value || samv_doc_is_en(lang))
		return value;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].field, field) && !strcmp(words[i].value, value))
			return DP_(lang, field, value);
	return value;
}

/* Words coordinators type that are not the documents' own. */
static const struct {
	const char *field, *word, *value;
} extra[] = {
	{ "sector", "ideell", "civil" }, { "sector", "ideburen", "civil" }, { "kind", "ankare", "anchor" },
	{ "level", "politisk", "political" }, { "level", "politiskt", "political" },
	{ "level", "tjänstemannanivå", "official" }, { "level", "arenan", "arena" },
};

/* The Swedish word of a document (the catalog's) or a word of extra[], for
 * one of values; given itself when it is a value or no word. */
const char *samv_word_canonical(const char *field, const char *const *values, const char *given)
{
	size_t i;

	if (!values || !given)
		return given;
	for (i = 0; values[i]; i++)
		if (!strcmp(values[i], given))
			return given;
	for (i = 0; values[i]; i++) {
		const char *w = DP_("sv", field, values[i]);

		if (w != values[i] && !strcasecmp(w, given))
			return values[i];
	}
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		size_t j;

		if (strcmp(extra[i].field, field) || strcasecmp(extra[i].word, given))
			continue;
		for (j = 0; values[j]; j++)
			if (!strcmp(values[j], extra[i].value))
				return values[j];
	}
	return given;
}
