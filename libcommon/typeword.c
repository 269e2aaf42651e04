/*
 * typeword.c - a record type's name in the user's language, for messages
 * that name a type ("aktören 'x' finns inte"), and the type's own name
 * while the English text of a message is formatted (samv_error_setp), so
 * --json and the C locale keep "no actor 'x'".
 *
 * Two forms, each a message in its own context: Swedish puts a noun in its
 * definite form where English says "no actor" or "actor ... already
 * exists", and keeps it bare in a parenthesis.  English is the type's name
 * in both.
 */
#include <string.h>

#include "samv.h"

#define CTX_WORD "record type"
#define CTX_THE "record type, definite"

static const struct typeword {
	const char *name, *word, *the;
} words[] = {
	/* TRANSLATORS: "record type" is a type's name where a message names
	 * it bare ("(actor)"); "record type, definite" where it is the subject
	 * or object ("no actor 'x'", "actor 'x' already exists"): Swedish
	 * "aktören".  The English text of both is the type's own name. */
	{ "repository", NC_("record type", "repository"), NC_("record type, definite", "repository") },
	{ "actor", NC_("record type", "actor"), NC_("record type, definite", "actor") },
	{ "person", NC_("record type", "person"), NC_("record type, definite", "person") },
	{ "arena", NC_("record type", "arena"), NC_("record type, definite", "arena") },
	{ "meeting", NC_("record type", "meeting"), NC_("record type, definite", "meeting") },
	{ "action", NC_("record type", "action"), NC_("record type, definite", "action") },
	{ "decision", NC_("record type", "decision"), NC_("record type, definite", "decision") },
	{ "assessment", NC_("record type", "assessment"), NC_("record type, definite", "assessment") },
	{ "agreement", NC_("record type", "agreement"), NC_("record type, definite", "agreement") },
	{ "purpose", NC_("record type", "purpose"), NC_("record type, definite", "purpose") },
	{ "clause", NC_("record type", "clause"), NC_("record type, definite", "clause") },
	{ "challenge", NC_("record type", "challenge"), NC_("record type, definite", "challenge") },
	{ "target", NC_("record type", "target"), NC_("record type, definite", "target") },
	{ "resource", NC_("record type", "resource"), NC_("record type, definite", "resource") },
	{ "term", NC_("record type", "term"), NC_("record type, definite", "term") },
	{ "body", NC_("record type", "body"), NC_("record type, definite", "body") },
	{ "plan", NC_("record type", "plan"), NC_("record type, definite", "plan") },
	{ "anchoring", NC_("record type", "anchoring"), NC_("record type, definite", "anchoring") },
	{ "attendance", NC_("record type", "attendance"), NC_("record type, definite", "attendance") },
	{ "distribution", NC_("record type", "distribution"), NC_("record type, definite", "distribution") },
};

/* msgid in the context ctx; English while the English text is formatted. */
static const char *ptext(const char *ctx, const char *msgid)
{
	return samv_error_in_english() ? msgid : samv_pgettext(ctx, msgid);
}

static const char *word(const struct samv_type *t, int definite)
{
	size_t i;

	if (!t)
		return "";
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(words[i].name, t->name))
			return ptext(definite ? CTX_THE : CTX_WORD, definite ? words[i].the : words[i].word);
	return t->name;
}

const char *samv_type_word(const struct samv_type *t)
{
	return word(t, 0);
}

const char *samv_type_the(const struct samv_type *t)
{
	return word(t, 1);
}

const char *samv_msg(const char *msgid)
{
	return samv_error_in_english() ? msgid : gettext(msgid);
}

/* A status in messages ("mötet 's0' är hållet"): the word agrees with its
 * type's noun, so each type's statuses are their own context. */
static const struct statusword {
	const char *type, *ctx, *value;
} statuses[] = {
	{ "meeting", "meeting status", NC_("meeting status", "planned") },
	{ "meeting", "meeting status", NC_("meeting status", "held") },
	{ "meeting", "meeting status", NC_("meeting status", "cancelled") },
	{ "meeting", "meeting status", NC_("meeting status", "not held") },
	{ "action", "action status", NC_("action status", "open") },
	{ "action", "action status", NC_("action status", "done") },
	{ "action", "action status", NC_("action status", "dropped") },
	/* TRANSLATORS: also what a decision becomes by a link: superseded, amended, confirmed */
	{ "decision", "decision status", NC_("decision status", "proposed") },
	{ "decision", "decision status", NC_("decision status", "adopted") },
	{ "decision", "decision status", NC_("decision status", "superseded") },
	{ "decision", "decision status", NC_("decision status", "revoked") },
	{ "decision", "decision status", NC_("decision status", "expired") },
	{ "decision", "decision status", NC_("decision status", "amended") },
	{ "decision", "decision status", NC_("decision status", "confirmed") },
	{ "decision", "decision status", NC_("decision status", "without a status") },
};

const char *samv_status_word(const char *type, const char *value)
{
	size_t i;

	if (!value)
		return "";
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (!strcmp(statuses[i].type, type) && !strcmp(statuses[i].value, value))
			return ptext(statuses[i].ctx, statuses[i].value);
	return value;
}
