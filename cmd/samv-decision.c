/* samv-decision - decisions: anchors and kedge anchors (halningsankare). */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "anchoring.h"
#include "cache.h"

enum { O_DATE = SAMV_OPT_VERB, O_REASON, O_BY, O_JSON, O_REV, O_IDS, O_ACTOR, O_BODY, O_OUTCOME, O_NOTE };

static const struct samv_opt adopt_opts[] = {
	{ "date", 0, SAMV_OPT_ARG, "DATE", N_("the day it was adopted (default: the decision's date)"), O_DATE },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt revoke_opts[] = {
	{ "date", 0, SAMV_OPT_ARG, "DATE", N_("the day it was revoked (default today)"), O_DATE },
	{ "reason", 0, SAMV_OPT_ARG, "TEXT", N_("why, for the commit message (@FILE reads a file)"), O_REASON },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt expire_opts[] = {
	{ "date", 0, SAMV_OPT_ARG, "DATE", N_("the day it expired (default today)"), O_DATE },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt supersede_opts[] = {
	{ "by", 0, SAMV_OPT_ARG, "DECISION", N_("the decision that supersedes it"), O_BY },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt chain_opts[] = {
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the chain as JSON"), O_JSON },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the decisions as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static const struct samv_opt due_opts[] = {
	{ "date", 0, SAMV_OPT_ARG, "DATE", N_("due on or before DATE (default today)"), O_DATE },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the decisions as a JSON array"), O_JSON },
	{ "ids", 0, SAMV_OPT_NONE, NULL, N_("print only the ids, one a line"), O_IDS },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the decisions as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static const struct samv_opt anchor_opts[] = {
	{ "actor", 0, SAMV_OPT_ARG, "ID", "the party anchoring it at home", O_ACTOR },
	{ "body", 0, SAMV_OPT_ARG, "ID", "where: the party's board or committee (see samv-body list)", O_BODY },
	{ "date", 0, SAMV_OPT_ARG, "DATE", "when (default today)", O_DATE },
	{ "outcome", 0, SAMV_OPT_ARG, "WORD", "informed, backed, rejected or pending", O_OUTCOME },
	{ "note", 0, SAMV_OPT_ARG, "TEXT", "a note (@FILE reads a file)", O_NOTE },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt show_opts[] = {
	{ "json", 0, SAMV_OPT_NONE, NULL, "print the record as JSON (every field, null when absent)", O_JSON },
	{ "rev", 0, SAMV_OPT_ARG, "REV", "read the record as of a commit", O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt anchoring_opts[] = {
	{ "json", 0, SAMV_OPT_NONE, NULL, "print each party's standing as JSON", O_JSON },
	{ "rev", 0, SAMV_OPT_ARG, "REV", "read the records as of a commit", O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static int move(struct samv_entity *e, struct samv_store *s, const char *verb, const char *to)
{
	const char *date = samv_entity_arg(e, "date"), *reason = samv_entity_arg(e, "reason");
	char id[SAMV_ID_MAX + 1], command[64];
	struct samv_txn *t = NULL;
	char *body = NULL;
	char **ops;
	int n, rc;

	if ((rc = samv_entity_one_operand(e, "one id")) < 0)
		return rc;
	ops = samv_entity_operands(e, &n);
	if (date && samv_date_check(date) < 0)
		return samv_error_set(SAMV_EINVAL, "--date: %s", samv_error_last());
	if (reason && (rc = samv_text_arg(&body, "reason", reason)) < 0)
		return rc;
	snprintf(command, sizeof(command), "samv-decision %s", verb);
	if ((rc = samv_txn_begin(&t, s, command)) < 0 || (rc = samv_decision_move(id, t, ops[0], to, date)) < 0)
		goto out;
	rc = samv_entity_commit(e, t, verb, id, body);
out:
	samv_txn_free(t);
	free(body);
	return rc;
}

static int cmd_adopt(struct samv_entity *e, struct samv_store *s)
{
	return move(e, s, "adopt", "adopted");
}

static int cmd_revoke(struct samv_entity *e, struct samv_store *s)
{
	return move(e, s, "revoke", "revoked");
}

static int cmd_expire(struct samv_entity *e, struct samv_store *s)
{
	return move(e, s, "expire", "expired");
}

static int cmd_supersede(struct samv_entity *e, struct samv_store *s)
{
	const char *by = samv_entity_arg(e, "by");
	char old_id[SAMV_ID_MAX + 1], new_id[SAMV_ID_MAX + 1], body[200];
	struct samv_txn *t = NULL;
	bool now;
	char **ops;
	int n, rc;

	if ((rc = samv_entity_one_operand(e, "one id")) < 0)
		return rc;
	ops = samv_entity_operands(e, &n);
	if (!by)
		return samv_error_set(SAMV_EUSAGE, "supersede: --by is required (usage: samv-decision supersede "
				      "OLD --by NEW)");
	if ((rc = samv_txn_begin(&t, s, "samv-decision supersede")) < 0 ||
	    (rc = samv_decision_supersede(old_id, new_id, &now, t, ops[0], by)) < 0)
		goto out;
	if (now)
		snprintf(body, sizeof(body), "Superseded by %s.", new_id);
	else
		snprintf(body, sizeof(body), "To be superseded by %s when it is adopted.", new_id);
	rc = samv_entity_commit(e, t, "supersede", old_id, body);
out:
	samv_txn_free(t);
	return rc;
}

/* The decision the one operand names, in the view of --rev (*v is the
 * caller's to free, also on failure). */
static int one_decision(struct samv_entity *e, struct samv_store *s, struct samv_view **v, char id[SAMV_ID_MAX + 1])
{
	int n, rc;

	if ((rc = samv_entity_one_operand(e, "one id")) < 0)
		return rc;
	if ((rc = samv_view_rev(v, s, samv_entity_arg(e, "rev"))) < 0)
		return rc;
	return samv_record_resolve(id, *v, samv_type_find("decision"), samv_entity_operands(e, &n)[0]);
}

static int cmd_chain(struct samv_entity *e, struct samv_store *s)
{
	const struct samv_type *dt = samv_type_find("decision");
	char id[SAMV_ID_MAX + 1];
	struct samv_view *v = NULL;
	cJSON *all = NULL, *chain = NULL;
	int rc;

	if ((rc = one_decision(e, s, &v, id)) < 0 || (rc = samv_record_load_all(&all, v, dt, NULL)) < 0 ||
	    (rc = samv_decision_chain(&chain, all, id)) < 0)
		goto out;
	if (samv_entity_flag(e, "json"))
		rc = samv_print_json(stdout, chain);
	else
		samv_decision_chain_print(stdout, chain);
out:
	cJSON_Delete(chain);
	cJSON_Delete(all);
	samv_view_free(v);
	return rc;
}

static int cmd_due(struct samv_entity *e, struct samv_store *s)
{
	const struct samv_type *dt = samv_type_find("decision");
	const char *date = samv_entity_arg(e, "date");
	struct samv_view *v = NULL;
	cJSON *all = NULL, *due = NULL;
	const cJSON *rec;
	const char *args[2] = { NULL, NULL };
	char today[11];
	size_t w = 0;
	char **ops;
	int n, rc;

	ops = samv_entity_operands(e, &n);
	if (n)
		return samv_error_set(SAMV_EUSAGE, "due: unexpected argument '%s'", ops[0]);
	if (date && samv_date_check(date) < 0)
		return samv_error_set(SAMV_EUSAGE, "--date: %s", samv_error_last());
	samv_date_today(today);
	args[0] = date ? date : today;
	if ((rc = samv_view_rev(&v, s, samv_entity_arg(e, "rev"))) < 0)
		goto out;
	/* only the adopted ones due, from the cache's index (slim: the id,
	 * review and title the text and the ids print); samv_decision_due
	 * picks them again */
	rc = samv_record_select(&all, v, dt, !samv_entity_flag(e, "json"), "k_status = 'adopted' AND k_review <= ?2",
				args);
	if (rc == 1)
		rc = samv_record_load_all(&all, v, dt, NULL);
	if (rc < 0 || (rc = samv_decision_due(&due, all, args[0])) < 0)
		goto out;
	if (samv_entity_flag(e, "json")) {
		rc = samv_print_records(stdout, dt, due);
		goto found;
	}
	cJSON_ArrayForEach(rec, due)
		if (samv_utf8_width(samv_record_str(rec, "id")) > w)
			w = samv_utf8_width(samv_record_str(rec, "id"));
	cJSON_ArrayForEach(rec, due) {
		const char *id = samv_record_str(rec, "id");

		if (samv_entity_flag(e, "ids"))
			printf("%s\n", id);
		else
			printf("%s  %s%*s  %s\n", samv_record_str(rec, "review"), id,
			       (int)(w - samv_utf8_width(id)), "",
			       samv_record_str(rec, "title") ? samv_record_str(rec, "title") : "-");
	}
found:
	if (rc == 0 && cJSON_GetArraySize(due))
		rc = 1; /* decisions to review: exit 1, for cron, as action overdue */
out:
	cJSON_Delete(due);
	cJSON_Delete(all);
	samv_view_free(v);
	return rc;
}

static bool is_outcome(const char *o)
{
	const char *const *p;

	for (p = samv_anchoring_outcomes; *p; p++)
		if (!strcmp(*p, o))
			return true;
	return false;
}

/* One step of a party's anchoring at home: a new anchoring record. */
static int cmd_anchor(struct samv_entity *e, struct samv_store *s)
{
	const char *actor = samv_entity_arg(e, "actor"), *body = samv_entity_arg(e, "body");
	const char *date = samv_entity_arg(e, "date"), *outcome = samv_entity_arg(e, "outcome");
	const char *note = samv_entity_arg(e, "note");
	const struct samv_type *at = samv_type_find("anchoring");
	char did[SAMV_ID_MAX + 1], aid[SAMV_ID_MAX + 1], bid[SAMV_ID_MAX + 1], id[SAMV_ID_MAX + 1], today[11];
	struct samv_buf msg = SAMV_BUF_INIT;
	struct samv_txn *t = NULL;
	cJSON *d = NULL, *rec = NULL;
	char *text = NULL, **ops;
	int n, rc;

	if ((rc = samv_entity_one_operand(e, "one id")) < 0)
		return rc;
	ops = samv_entity_operands(e, &n);
	if (!actor || !outcome)
		return samv_error_set(SAMV_EUSAGE, _("anchor: --actor and --outcome are required (usage: samv-decision "
						     "anchor ID --actor ACTOR --outcome WORD)"));
	if (!is_outcome(outcome))
		return samv_error_set(SAMV_EINVAL, _("--outcome: '%s' is not one of informed, backed, rejected, pending"),
				      outcome);
	if (date && samv_date_check(date) < 0)
		return samv_error_set(SAMV_EINVAL, "--date: %s", samv_error_last());
	if (note && (rc = samv_text_arg(&text, "note", note)) < 0)
		return rc;
	samv_date_today(today);
	if ((rc = samv_txn_begin(&t, s, "samv-decision anchor")) < 0 ||
	    (rc = samv_record_resolve(did, samv_txn_view(t), samv_entity_cmd(e)->type, ops[0])) < 0 ||
	    (rc = samv_record_load(&d, samv_txn_view(t), samv_entity_cmd(e)->type, did)) < 0)
		goto out;
	if (!samv_anchoring_wanted(d)) {
		rc = samv_error_setp(SAMV_EINVAL, "decision '%s' is %s: only proposed or adopted decisions are anchored",
				     did, samv_status_word("decision", samv_record_str(d, "status")));
		goto out;
	}
	if ((rc = samv_record_resolve(aid, samv_txn_view(t), samv_type_find("actor"), actor)) < 0 ||
	    (body && (rc = samv_record_resolve(bid, samv_txn_view(t), samv_type_find("body"), body)) < 0) ||
	    (rc = samv_id_mint(id, sizeof(id), aid)) < 0)
		goto out;
	if (!(rec = cJSON_CreateObject()) || !cJSON_AddStringToObject(rec, "id", id) ||
	    !cJSON_AddStringToObject(rec, "decision", did) || !cJSON_AddStringToObject(rec, "actor", aid) ||
	    (body && !cJSON_AddStringToObject(rec, "body", bid)) ||
	    !cJSON_AddStringToObject(rec, "date", date ? date : today) ||
	    !cJSON_AddStringToObject(rec, "outcome", outcome) || (text && !cJSON_AddStringToObject(rec, "note", text))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = samv_anchoring_prepare(t, rec, NULL)) < 0 || (rc = samv_txn_put_record(t, at, rec)) < 0 ||
	    (rc = samv_buf_printf(&msg, "%s: %s%s%s on %s (anchoring %s).", aid, outcome, body ? " at " : "",
				  body ? bid : "", date ? date : today, id)) < 0)
		goto out;
	if ((rc = samv_entity_commit(e, t, "anchor", did, msg.ptr)) == 0)
		printf("%s\n", id);
out:
	samv_buf_free(&msg);
	samv_txn_free(t);
	cJSON_Delete(rec);
	cJSON_Delete(d);
	free(text);
	return rc;
}

/* Which parties have anchored decision ID at home, and who has not yet. */
static int cmd_anchoring(struct samv_entity *e, struct samv_store *s)
{
	char id[SAMV_ID_MAX + 1];
	struct samv_view *v = NULL;
	cJSON *st = NULL;
	int rc;

	if ((rc = one_decision(e, s, &v, id)) < 0 || (rc = samv_anchoring_of(&st, v, id)) < 0)
		goto out;
	if (samv_entity_flag(e, "json"))
		rc = samv_print_json(stdout, st);
	else
		samv_anchoring_print(stdout, st);
out:
	cJSON_Delete(st);
	samv_view_free(v);
	return rc;
}

static bool recorded(const cJSON *st)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, st)
		if (samv_record_str(e, "outcome"))
			return true;
	return false;
}

/* show, with each party's anchoring at home after the fields. */
static int cmd_show(struct samv_entity *e, struct samv_store *s)
{
	const struct samv_type *dt = samv_entity_cmd(e)->type;
	char id[SAMV_ID_MAX + 1];
	struct samv_view *v = NULL;
	cJSON *rec = NULL, *st = NULL;
	int rc;

	if ((rc = one_decision(e, s, &v, id)) < 0 || (rc = samv_record_load(&rec, v, dt, id)) < 0)
		goto out;
	if (samv_entity_flag(e, "json")) {
		rc = samv_print_records(stdout, dt, rec);
		goto out;
	}
	samv_entity_print_record(stdout, dt, rec);
	if ((rc = samv_anchoring_of(&st, v, id)) < 0)
		goto out;
	/* an ended decision shows its anchoring only when someone recorded any */
	if (cJSON_GetArraySize(st) && (samv_anchoring_wanted(rec) || recorded(st))) {
		printf("%s\n", _("anchoring at home:"));
		samv_anchoring_print(stdout, st);
	}
out:
	cJSON_Delete(st);
	cJSON_Delete(rec);
	samv_view_free(v);
	return rc;
}

static const struct samv_verb verbs[] = {
	{ "show", "ID", N_("show one decision, with each party's anchoring at home"), show_opts, false, cmd_show },
	{ "adopt", "ID [--date DATE]", N_("adopt a proposed decision"), adopt_opts, false, cmd_adopt },
	{ "revoke", "ID [--date DATE] [--reason TEXT]", N_("revoke a decision, or withdraw a proposal"), revoke_opts,
	  false, cmd_revoke },
	{ "expire", "ID [--date DATE]", N_("mark an adopted decision as expired"), expire_opts, false, cmd_expire },
	{ "supersede", "OLD --by NEW", N_("record that NEW supersedes OLD"), supersede_opts, false, cmd_supersede },
	{ "chain", "ID [--json]", N_("what a decision superseded, and what superseded it"), chain_opts, false,
	  cmd_chain },
	{ "due", "[--date DATE]", N_("adopted decisions due for review"), due_opts, false, cmd_due },
	{ "anchor", "ID --actor ACTOR --outcome WORD [--body BODY] [--date DATE] [--note TEXT]",
	  N_("record a party's anchoring of a decision at home (förankring)"), anchor_opts, false, cmd_anchor },
	{ "anchoring", "ID [--json]", N_("which parties have anchored a decision at home, and who has not yet"),
	  anchoring_opts, false, cmd_anchoring },
	{ NULL, NULL, NULL, NULL, false, NULL }
};

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-decision", .summary = N_("decisions: anchors and kedge anchors (halningsankare)"),
		.verbs = verbs, .prepare = samv_decision_prepare
	};

	samv_alloc_init();
	samv_i18n_init();
	c.type = samv_type_find("decision");
	return samv_entity_main(&c, argc, argv);
}
