/* samv-person - people who act for an organisation. */
#include "samv.h"

enum { O_REASON = SAMV_OPT_VERB, O_JSON };

static const struct samv_opt forget_opts[] = {
	{ "reason", 0, SAMV_OPT_ARG, "REF", "the decision or request the erasure follows (kept in the tombstone)",
	  O_REASON },
	{ "json", 0, SAMV_OPT_NONE, NULL, "print what still mentions the person as JSON", O_JSON },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

/* Erase a person's data and say what is left for a person to redact. */
static int cmd_forget(struct samv_entity *e, struct samv_store *s)
{
	char id[SAMV_ID_MAX + 1], today[11];
	cJSON *mentions = NULL, *m;
	int rc, n;

	if ((rc = samv_entity_one_operand(e, "one id")) < 0)
		return rc;
	samv_date_today(today);
	if ((rc = samv_person_forget(&mentions, id, s, samv_entity_operands(e, &n)[0],
				     samv_entity_arg(e, "reason"), today)) < 0)
		return rc;
	if (samv_entity_flag(e, "json")) {
		rc = samv_print_json(stdout, mentions);
		goto out;
	}
	printf(_("forgot %s: the record is gone from every commit of refs/samv/people; a tombstone stays\n"), id);
	if (cJSON_GetArraySize(mentions))
		printf(_("still named in these fields (redact them; their earlier versions stay in the branch's history):\n"));
	cJSON_ArrayForEach(m, mentions)
		printf("  %s: %s: samv-%s edit %s --%s=...\n", samv_record_str(m, "file"), samv_record_str(m, "field"),
		       samv_record_str(m, "type"), samv_record_str(m, "id"), samv_record_str(m, "option"));
	printf(_("to remove the old objects from this clone: git gc --prune=now; then samv sync, and the same "
		 "in every other clone\n"));
out:
	cJSON_Delete(mentions);
	return rc;
}

static const struct samv_verb verbs[] = {
	{ "forget", "ID [--reason REF]", "erase a person's data, leaving a tombstone", forget_opts, false,
	  cmd_forget },
	{ NULL, NULL, NULL, NULL, false, NULL }
};

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-person", .summary = N_("people who act for an organisation"), .retire_verb = "retire",
		.can_remove = true, .verbs = verbs
	};

	c.type = samv_type_find("person");
	return samv_entity_main(&c, argc, argv);
}
