/*
 * showword.c - list and show in the user's language: a record's field
 * labels and enum values worded as the document catalog (samv-doc) words
 * them, in the language of the user's messages, so each word is
 * translated once for documents and the terminal alike.  The C locale,
 * --json and CSV keep the records' own keys and values.
 */
#include <string.h>

#include "samv.h"
#include "showword.h"

/* Marks (context, msgid) for the document catalog (-kDPN_:1c,2). */
#define DPN_(ctx, s) s

/* Every field of every record type, labelled in show. */
static const char *const labels[] = {
	DPN_("field", "absent"), DPN_("field", "absent_actors"), DPN_("field", "actor"),
	DPN_("field", "actors"), DPN_("field", "adopted"), DPN_("field", "agenda"),
	DPN_("field", "agreed"), DPN_("field", "all_heard"), DPN_("field", "amended"),
	DPN_("field", "amends"), DPN_("field", "amount"), DPN_("field", "answers"),
	DPN_("field", "area"), DPN_("field", "arena"), DPN_("field", "arenas"),
	DPN_("field", "assessed_by"), DPN_("field", "attended"), DPN_("field", "basis"),
	DPN_("field", "body"), DPN_("field", "boundary_spanner"), DPN_("field", "challenge"),
	DPN_("field", "cites_bodies"), DPN_("field", "cites_plans"), DPN_("field", "comment"),
	DPN_("field", "confirms"), DPN_("field", "contact"), DPN_("field", "convener"),
	DPN_("field", "currency"), DPN_("field", "date"), DPN_("field", "decision"),
	DPN_("field", "decisions"), DPN_("field", "definition"), DPN_("field", "description"),
	DPN_("field", "direction"), DPN_("field", "distributed"), DPN_("field", "distribution_announced"),
	DPN_("field", "done"), DPN_("field", "due"), DPN_("field", "email"),
	DPN_("field", "end"), DPN_("field", "ended"), DPN_("field", "expectations"),
	DPN_("field", "forgotten"), DPN_("field", "forgotten_ref"), DPN_("field", "format"),
	DPN_("field", "former_id"), DPN_("field", "from"), DPN_("field", "goal"),
	DPN_("field", "heading"), DPN_("field", "hours"), DPN_("field", "how"),
	DPN_("field", "id"), DPN_("field", "instrument"), DPN_("field", "intros"),
	DPN_("field", "invited"), DPN_("field", "invited_people"), DPN_("field", "kind"),
	DPN_("field", "language"), DPN_("field", "level"), DPN_("field", "link"),
	DPN_("field", "mandate"), DPN_("field", "meeting"), DPN_("field", "members"),
	DPN_("field", "minutes"), DPN_("field", "name"), DPN_("field", "next_invite"),
	DPN_("field", "next_step"), DPN_("field", "note"), DPN_("field", "notes"),
	DPN_("field", "orgnr"), DPN_("field", "outcome"), DPN_("field", "owner"),
	DPN_("field", "owner_actor"), DPN_("field", "parent"), DPN_("field", "parties"),
	DPN_("field", "partner"), DPN_("field", "people"), DPN_("field", "per"),
	DPN_("field", "percent"), DPN_("field", "person"), DPN_("field", "phone"),
	DPN_("field", "place"), DPN_("field", "power"), DPN_("field", "purpose"),
	DPN_("field", "reference"), DPN_("field", "region"), DPN_("field", "report"),
	DPN_("field", "reported"), DPN_("field", "retired"), DPN_("field", "review"),
	DPN_("field", "role"), DPN_("field", "sector"), DPN_("field", "sequence"),
	DPN_("field", "serves"), DPN_("field", "short"), DPN_("field", "speaks_for"),
	DPN_("field", "start"), DPN_("field", "started"), DPN_("field", "status"),
	DPN_("field", "subject_kind"), DPN_("field", "summarised"), DPN_("field", "summary"),
	DPN_("field", "supersedes"), DPN_("field", "targets"), DPN_("field", "term"),
	DPN_("field", "text"), DPN_("field", "timezone"), DPN_("field", "title"),
	DPN_("field", "to"), DPN_("field", "translation"), DPN_("field", "until"),
	DPN_("field", "variants"), DPN_("field", "version"), DPN_("field", "words"),
};

/* Enum values that no document words yet (words.c has the rest). */
#undef DPN_
#define DPN_(ctx, s) { ctx, s }
static const struct {
	const char *field, *value;
} values[] = {
	DPN_("subject_kind", "actor"), DPN_("subject_kind", "arena"),
	DPN_("subject_kind", "pair"), DPN_("subject_kind", "collaboration"),
	DPN_("kind", "money"), DPN_("kind", "time"), DPN_("kind", "premises"),
	DPN_("kind", "board"), DPN_("kind", "committee"), DPN_("kind", "members-meeting"),
	DPN_("kind", "assembly"), DPN_("kind", "management"),
	DPN_("kind", "operational-plan"), DPN_("kind", "action-plan"), DPN_("kind", "budget"),
	DPN_("kind", "strategy"), DPN_("kind", "policy"),
	DPN_("basis", "paid"), DPN_("basis", "voluntary"),
	DPN_("per", "week"), DPN_("per", "month"),
	DPN_("status", "forgotten"), DPN_("status", "ended"), DPN_("status", "agreed"),
};

const char *samv_user_lang(void)
{
	static const char *lang;
	const char *l;

	if (lang)
		return lang;
	/* TRANSLATORS: the two-letter code of this catalog's language ("sv"):
	 * list and show word records as the documents of that language do. */
	l = samv_pgettext("language code", NC_("language code", "en"));
	lang = "en";
	if (strlen(l) == 2 && !samv_doc_is_en(l) && samv_doc_lang_check(l) == 0)
		lang = l;
	samv_error_clear();
	return lang;
}

const char *samv_show_label(const char *field)
{
	const char *lang = samv_user_lang();
	size_t i;

	if (samv_doc_is_en(lang))
		return field;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(labels[i], field))
			return DP_(lang, "field", labels[i]);
	return field;
}

const char *samv_show_value(const struct samv_field *f, const char *value)
{
	const char *lang = samv_user_lang(), *w;
	size_t i;

	if (!value || f->kind != SAMV_F_ENUM || samv_doc_is_en(lang))
		return value;
	if ((w = samv_doc_word(lang, f->name, value)) != value)
		return w;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (!strcmp(values[i].field, f->name) && !strcmp(values[i].value, value))
			return DP_(lang, f->name, value);
	return value;
}
