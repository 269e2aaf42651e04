/*
 * decision.c - decisions: anchors and kedge anchors (halningsankare).
 *
 * A decision is proposed, then adopted; an adopted one ends superseded,
 * revoked or expired, and nothing leaves those.  Once adopted, what was
 * decided is fixed: a change is a new decision that supersedes or amends
 * it.  Links (supersedes, amends, confirms) point from the newer decision
 * to the older and never form a cycle.  Adopting a decision supersedes,
 * in the same commit, the adopted decisions it supersedes or confirms.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "idset.h"

static const struct {
	const char *from, *to;
} moves[] = {
	{ "proposed", "adopted" },
	{ "proposed", "revoked" },   /* a proposal withdrawn */
	{ "adopted", "superseded" },
	{ "adopted", "revoked" },
	{ "adopted", "expired" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The link fields, older decision named in the newer one. */
static const char *const links[] = { "supersedes", "amends", "confirms" };
static const char *const back_words[] = { "supersedes", "amends", "confirms" };
static const char *const forward_words[] = { "superseded-by", "amended-by", "confirmed-by" };

/* Fixed once a decision is no longer a proposal. */
static const char *const frozen[] = { "kind", "level", "title", "text", "date", "serves" };

bool samv_decision_can_move(const char *from, const char *to)
{
	size_t i;

	for (i = 0; from && to && i < N(moves); i++)
		if (!strcmp(moves[i].from, from) && !strcmp(moves[i].to, to))
			return true;
	return false;
}

bool samv_decision_final(const char *status)
{
	size_t i;

	for (i = 0; status && i < N(moves); i++)
		if (!strcmp(moves[i].from, status))
			return false;
	return true;
}

/* "decision 'x' is superseded; only a proposed or adopted decision can be
 * revoked", the states named from the table. */
static int refuse_move(const char *id, const char *from, const char *to)
{
	struct samv_buf who = SAMV_BUF_INIT;
	size_t i;
	int n = 0, rc;

	for (i = 0; i < N(moves); i++)
		if (!strcmp(moves[i].to, to) &&
		    samv_buf_printf(&who, "%s%s", n++ ? " or " : "", moves[i].from) < 0) {
			samv_buf_free(&who);
			return samv_error_set(SAMV_ERROR, "out of memory");
		}
	if (n)
		rc = samv_error_set(SAMV_EINVAL, "decision '%s' is %s; only %s %s decision can be %s", id,
				    from ? from : "without a status", who.ptr[0] == 'a' ? "an" : "a", who.ptr, to);
	else
		rc = samv_error_set(SAMV_EINVAL, "decision '%s': no decision can become %s", id, to);
	samv_buf_free(&who);
	return rc;
}

static bool same(const cJSON *a, const cJSON *b, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(a, key);
	const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, key);

	return (!x && !y) || (x && y && cJSON_Compare(x, y, 1));
}

static int set_str(cJSON *rec, const char *key, const char *value)
{
	cJSON_DeleteItemFromObjectCaseSensitive(rec, key);
	return cJSON_AddStringToObject(rec, key, value) ? 0 : samv_error_set(SAMV_ERROR, "out of memory");
}

static const cJSON *find(const cJSON *all, const char *id)
{
	const cJSON *rec;

	cJSON_ArrayForEach(rec, all) {
		const char *rid = samv_record_str(rec, "id");

		if (rid && !strcmp(rid, id))
			return rec;
	}
	return NULL;
}

/* ---- cycles ------------------------------------------------------------ */

struct walk {
	const cJSON *all, *rec;   /* rec stands in for its stored version */
	const char *target;
	struct samv_idset seen;
	const char *path[256];    /* the links followed, for the message */
	size_t depth;
};

static const cJSON *node(struct walk *w, const char *id)
{
	const char *rid = samv_record_str(w->rec, "id");

	return rid && !strcmp(rid, id) ? w->rec : find(w->all, id);
}

/* 1 when target is reached from id along links, 0 if not, < 0 on error. */
static int reach(struct walk *w, const char *id)
{
	const cJSON *rec, *it;
	size_t i;
	int rc;

	if (w->depth < N(w->path))
		w->path[w->depth] = id;
	w->depth++;
	if (!strcmp(id, w->target))
		return 1;
	if ((rc = samv_idset_add(&w->seen, id)) <= 0)
		goto out; /* seen before: no way from here, or out of memory */
	rc = 0;
	if (!(rec = node(w, id)))
		goto out; /* a missing decision leads nowhere */
	for (i = 0; i < N(links); i++)
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, links[i]))
			if (cJSON_IsString(it) && (rc = reach(w, it->valuestring)) != 0)
				return rc;
out:
	w->depth--;
	return rc;
}

int samv_decision_cycle(const cJSON *all, const cJSON *rec)
{
	struct walk w;
	struct samv_buf msg = SAMV_BUF_INIT;
	const char *id = samv_record_str(rec, "id");
	const cJSON *it;
	size_t i, k;
	int rc = 0;

	if (!id)
		return 0;
	memset(&w, 0, sizeof(w));
	w.all = all;
	w.rec = rec;
	w.target = id;
	for (i = 0; i < N(links) && rc == 0; i++) {
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, links[i])) {
			if (!cJSON_IsString(it))
				continue;
			if (!strcmp(it->valuestring, id)) {
				rc = samv_error_setp(SAMV_EINVAL, "decision '%s' cannot %s itself", id,
						     samv_msg(i == 0 ? N_("supersede") : i == 1 ? N_("amend") : N_("confirm")));
				break;
			}
			w.depth = 0;
			if ((rc = reach(&w, it->valuestring)) == 0)
				continue;
			if (rc < 0)
				break;
			/* id -> it -> ... -> id */
			if (samv_buf_printf(&msg, "%s", id) < 0)
				rc = SAMV_ERROR;
			for (k = 0; k < w.depth && k < N(w.path) && rc >= 0; k++)
				if (samv_buf_printf(&msg, " -> %s", w.path[k]) < 0)
					rc = SAMV_ERROR;
			rc = rc < 0 ? samv_error_set(SAMV_ERROR, "out of memory")
				    : samv_error_setp(SAMV_EINVAL, "decision '%s' cannot %s '%s': the links would "
						      "form a cycle (%s)", id,
						      samv_msg(i == 0 ? N_("supersede") : i == 1 ? N_("amend") : N_("confirm")),
						      it->valuestring, msg.ptr);
			break;
		}
	}
	samv_idset_free(&w.seen);
	samv_buf_free(&msg);
	return rc;
}

/* ---- the rules of add, edit and the verbs -------------------------------- */

static const struct samv_type *dtype(void)
{
	return samv_type_find("decision");
}

/* The meeting decides where: its arena is the decision's arena. */
static int meeting_arena(struct samv_txn *t, cJSON *rec, const cJSON *old)
{
	const char *mid = samv_record_str(rec, "meeting"), *arena, *mine;
	const struct samv_type *mt = samv_type_find("meeting");
	cJSON *m = NULL;
	int rc;

	if (!mid)
		return 0;
	if ((rc = samv_record_load(&m, samv_txn_view(t), mt, mid)) < 0) {
		if (rc == SAMV_ENOTFOUND)
			rc = samv_error_set(SAMV_EINVAL, "meeting: unknown meeting '%s' (see samv-meeting list)", mid);
		goto out;
	}
	if (!(arena = samv_record_str(m, "arena")))
		goto out;
	mine = samv_record_str(rec, "arena");
	/* an arena this edit left alone follows a new meeting */
	if (!mine || (old && !same(old, rec, "meeting") && same(old, rec, "arena"))) {
		rc = set_str(rec, "arena", arena);
	} else if (strcmp(mine, arena)) {
		rc = samv_error_set(SAMV_EINVAL, "arena: '%s' is not the arena of meeting '%s' ('%s')", mine, mid,
				    arena);
	}
out:
	cJSON_Delete(m);
	return rc;
}

static int check_status(const cJSON *rec, const cJSON *old, bool moving)
{
	const char *id = samv_record_str(rec, "id"), *status = samv_record_str(rec, "status");
	const char *was = old ? samv_record_str(old, "status") : NULL;

	if (!status)
		return 0; /* validation says it is required */
	if (!old) {
		if (strcmp(status, "proposed") && strcmp(status, "adopted"))
			return samv_error_set(SAMV_EINVAL, "status: a new decision is proposed or adopted, not %s "
					      "(add it, then use samv-decision revoke, expire or supersede)", status);
		if (cJSON_GetObjectItemCaseSensitive(rec, "ended"))
			return samv_error_set(SAMV_EINVAL, "ended: set by samv-decision when a decision ends");
		return 0;
	}
	if (moving)
		return 0;
	if (!was || strcmp(status, was))
		return samv_error_setp(SAMV_EINVAL, "status: cannot be edited; use samv-decision adopt, revoke, "
				       "expire or supersede (decision '%s' is %s)", id,
				       samv_status_word("decision", was ? was : "without a status"));
	if (!same(old, rec, "ended"))
		return samv_error_set(SAMV_EINVAL, "ended: set by samv-decision when a decision ends; it cannot "
				      "be edited");
	return 0;
}

/* What was decided cannot change once it is decided. */
static int check_frozen(const cJSON *rec, const cJSON *old)
{
	const char *was = old ? samv_record_str(old, "status") : NULL;
	size_t i;

	if (!was || !strcmp(was, "proposed"))
		return 0;
	for (i = 0; i < N(frozen); i++)
		if (!same(old, rec, frozen[i]))
			return samv_error_setp(SAMV_EINVAL, "decision '%s' is %s: its %s cannot change; propose a new "
					       "decision that supersedes or amends it", samv_record_str(rec, "id"),
					       samv_status_word("decision", was), frozen[i]);
	return 0;
}

static int check_dates(const cJSON *rec)
{
	const char *date = samv_record_str(rec, "date"), *review = samv_record_str(rec, "review");
	const char *ended = samv_record_str(rec, "ended"), *status = samv_record_str(rec, "status");
	int rc;

	if (!date || samv_date_check(date) < 0)
		return 0; /* validation says why */
	if (review && samv_date_check(review) == 0 && strcmp(review, date) < 0)
		return samv_error_set(SAMV_EINVAL, "review: %s is before the decision's date %s", review, date);
	if (ended && samv_date_check(ended) == 0 && strcmp(ended, date) < 0)
		return samv_error_set(SAMV_EINVAL, "decision '%s' cannot end on %s, before its date %s",
				      samv_record_str(rec, "id"), ended, date);
	/* only a proposal may be dated ahead: the rest has happened */
	if (status && strcmp(status, "proposed") && (rc = samv_date_past(date, "date")) < 0)
		return rc;
	if (ended && samv_date_check(ended) == 0 && (rc = samv_date_past(ended, "ended")) < 0)
		return rc;
	return 0;
}

/* Links: never to itself or round in a cycle; a link is made only to an
 * adopted decision and only while this one is proposed or adopted; once
 * adopted, links stay; only an anchor confirms, and only a kedge anchor. */
static int check_links(struct samv_txn *t, const cJSON *rec, const cJSON *old)
{
	const char *id = samv_record_str(rec, "id"), *kind = samv_record_str(rec, "kind");
	const char *status = samv_record_str(rec, "status");
	const char *was = old ? samv_record_str(old, "status") : NULL;
	cJSON *all = NULL, *target = NULL;
	const cJSON *it;
	size_t i;
	int rc;

	if ((rc = samv_record_load_all(&all, samv_txn_view(t), dtype(), NULL)) < 0 ||
	    (rc = samv_decision_cycle(all, rec)) < 0)
		goto out;
	for (i = 0; i < N(links); i++) {
		const cJSON *had = old ? cJSON_GetObjectItemCaseSensitive(old, links[i]) : NULL;
		const cJSON *has = cJSON_GetObjectItemCaseSensitive(rec, links[i]);

		cJSON_ArrayForEach(it, had)
			if (cJSON_IsString(it) && was && strcmp(was, "proposed") && !samv_json_has(has, it->valuestring)) {
				rc = samv_error_setp(SAMV_EINVAL, "decision '%s' is %s: its link %s '%s' cannot be "
						     "removed", id, samv_status_word("decision", was), links[i],
						     it->valuestring);
				goto out;
			}
		cJSON_ArrayForEach(it, has) {
			const char *tid = it->valuestring, *ts, *tk;
			bool added;

			if (!cJSON_IsString(it))
				continue;
			added = !samv_json_has(had, tid);
			cJSON_Delete(target);
			target = NULL;
			if (i == 2 && kind && strcmp(kind, "anchor")) {
				rc = samv_error_set(SAMV_EINVAL, "decision '%s' is a %s; only an anchor can confirm "
						    "a kedge anchor", id, kind);
				goto out;
			}
			if (added && status && samv_decision_final(status)) {
				rc = samv_error_setp(SAMV_EINVAL, "decision '%s' is %s; links are added only to a "
						     "proposed or adopted decision", id, samv_status_word("decision", status));
				goto out;
			}
			if ((rc = samv_record_load(&target, samv_txn_view(t), dtype(), tid)) < 0) {
				if (rc == SAMV_ENOTFOUND)
					rc = samv_error_set(SAMV_EINVAL, "%s: unknown decision '%s' (see "
							    "samv-decision list)", links[i], tid);
				goto out;
			}
			ts = samv_record_str(target, "status");
			tk = samv_record_str(target, "kind");
			if (i == 2 && tk && strcmp(tk, "kedge-anchor")) {
				rc = samv_error_set(SAMV_EINVAL, "decision '%s' is an %s; only a kedge anchor can be "
						    "confirmed", tid, tk);
				goto out;
			}
			if (added && (!ts || strcmp(ts, "adopted"))) {
				rc = samv_error_setp(SAMV_EINVAL, "decision '%s' is %s; only an adopted decision can "
						     "be %s", tid, samv_status_word("decision", ts ? ts : "without a status"),
						     samv_status_word("decision", i == 0   ? "superseded"
										  : i == 1 ? "amended"
											   : "confirmed"));
				goto out;
			}
			/* the commit that links to a decision is about it too */
			if (added && (rc = samv_txn_trailer(t, "Samv-Decision", tid)) < 0)
				goto out;
		}
	}
out:
	cJSON_Delete(target);
	cJSON_Delete(all);
	return rc;
}

/* An adopted decision ends the adopted ones it supersedes or confirms,
 * dated its own date, in the same write. */
static int cascade(struct samv_txn *t, const cJSON *rec)
{
	const char *id = samv_record_str(rec, "id"), *date = samv_record_str(rec, "date");
	const char *status = samv_record_str(rec, "status");
	cJSON *old = NULL;
	const cJSON *it;
	size_t i;
	int rc = 0;

	if (!status || strcmp(status, "adopted"))
		return 0;
	for (i = 0; i < N(links) && rc == 0; i++) {
		if (!strcmp(links[i], "amends"))
			continue;
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, links[i])) {
			const char *oid = it->valuestring, *odate;

			cJSON_Delete(old);
			old = NULL;
			if (!cJSON_IsString(it))
				continue;
			if ((rc = samv_record_load(&old, samv_txn_view(t), dtype(), oid)) < 0)
				break;
			if (!samv_record_str(old, "status") || strcmp(samv_record_str(old, "status"), "adopted"))
				continue;
			odate = samv_record_str(old, "date");
			if (odate && date && strcmp(date, odate) < 0) {
				rc = samv_error_set(SAMV_EINVAL, "decision '%s' (%s) cannot supersede '%s', a later "
						    "decision (%s)", id, date, oid, odate);
				break;
			}
			if ((rc = set_str(old, "status", "superseded")) < 0 || (rc = set_str(old, "ended", date)) < 0 ||
			    (rc = samv_txn_put_consequence(t, dtype(), old)) < 0 ||
			    (rc = samv_txn_trailer(t, "Samv-Superseded", oid)) < 0)
				break;
		}
	}
	cJSON_Delete(old);
	return rc;
}

static int rules(struct samv_txn *t, cJSON *rec, const cJSON *old, bool moving)
{
	int rc;

	if ((rc = meeting_arena(t, rec, old)) < 0 || (rc = samv_txn_put_record(t, dtype(), rec)) < 0 ||
	    (rc = check_status(rec, old, moving)) < 0 || (rc = check_frozen(rec, old)) < 0 ||
	    (rc = check_dates(rec)) < 0 || (rc = check_links(t, rec, old)) < 0)
		return rc;
	/* a new status is named in the commit, with the day it took effect */
	if (!old || moving) {
		const char *status = samv_record_str(rec, "status");
		bool ends = status && strcmp(status, "proposed") && strcmp(status, "adopted");

		if ((rc = samv_txn_trailer(t, "Samv-Status", status)) < 0 ||
		    (rc = samv_txn_trailer(t, "Samv-Date", samv_record_str(rec, ends ? "ended" : "date"))) < 0)
			return rc;
	}
	return cascade(t, rec);
}

int samv_decision_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old)
{
	return rules(t, rec, old, false);
}

int samv_decision_move(char id[SAMV_ID_MAX + 1], struct samv_txn *t, const char *given, const char *to,
		       const char *date)
{
	cJSON *rec = NULL, *old = NULL;
	const char *from;
	char today[11];
	int rc;

	if (date && samv_date_check(date) < 0)
		return samv_error_set(SAMV_EINVAL, "--date: %s", samv_error_last());
	if ((rc = samv_record_resolve(id, samv_txn_view(t), dtype(), given)) < 0 ||
	    (rc = samv_record_load(&old, samv_txn_view(t), dtype(), id)) < 0)
		goto out;
	from = samv_record_str(old, "status");
	if (!strcmp(to, "superseded")) {
		rc = samv_error_set(SAMV_EINVAL, "a decision is superseded by another (see samv-decision "
				    "supersede)");
		goto out;
	}
	if (!samv_decision_can_move(from, to)) {
		rc = refuse_move(id, from, to);
		goto out;
	}
	if (!(rec = cJSON_Duplicate(old, 1))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	samv_date_today(today);
	if ((rc = set_str(rec, "status", to)) < 0)
		goto out;
	if (!strcmp(to, "adopted")) {
		if (date && (rc = set_str(rec, "date", date)) < 0)
			goto out;
	} else if ((rc = set_str(rec, "ended", date ? date : today)) < 0) {
		goto out;
	}
	rc = rules(t, rec, old, true);
out:
	cJSON_Delete(rec);
	cJSON_Delete(old);
	return rc;
}

int samv_decision_supersede(char old_id[SAMV_ID_MAX + 1], char new_id[SAMV_ID_MAX + 1], bool *now,
			    struct samv_txn *t, const char *old_given, const char *new_given)
{
	cJSON *rec = NULL, *was = NULL, *after = NULL;
	cJSON *list;
	int rc;

	*now = false;
	if ((rc = samv_record_resolve(old_id, samv_txn_view(t), dtype(), old_given)) < 0 ||
	    (rc = samv_record_resolve(new_id, samv_txn_view(t), dtype(), new_given)) < 0 ||
	    (rc = samv_record_load(&was, samv_txn_view(t), dtype(), new_id)) < 0)
		goto out;
	if (!(rec = cJSON_Duplicate(was, 1))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (!(list = cJSON_GetObjectItemCaseSensitive(rec, "supersedes")) &&
	    !(list = cJSON_AddArrayToObject(rec, "supersedes"))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (!samv_json_has(list, old_id) && !cJSON_AddItemToArray(list, cJSON_CreateString(old_id))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	/* the commit is about the old decision first */
	if ((rc = samv_txn_trailer(t, "Samv-Decision", old_id)) < 0 || (rc = rules(t, rec, was, false)) < 0 ||
	    (rc = samv_record_load(&after, samv_txn_view(t), dtype(), old_id)) < 0)
		goto out;
	if (samv_record_str(after, "status") && !strcmp(samv_record_str(after, "status"), "superseded") &&
	    samv_record_str(rec, "status") && !strcmp(samv_record_str(rec, "status"), "adopted") &&
	    !samv_json_has(cJSON_GetObjectItemCaseSensitive(was, "supersedes"), old_id)) {
		*now = true;
		if ((rc = samv_txn_trailer(t, "Samv-Status", "superseded")) < 0 ||
		    (rc = samv_txn_trailer(t, "Samv-Date", samv_record_str(rec, "date"))) < 0)
			goto out;
	}
out:
	cJSON_Delete(after);
	cJSON_Delete(rec);
	cJSON_Delete(was);
	return rc;
}

/* ---- reviews ----------------------------------------------------------- */

struct due {
	const cJSON *rec;
	const char *review, *id;
};

static int by_review(const void *a, const void *b)
{
	const struct due *x = a, *y = b;
	int c = strcmp(x->review, y->review);

	return c ? c : strcmp(x->id, y->id);
}

int samv_decision_due(cJSON **out, const cJSON *all, const char *date)
{
	struct due *v = NULL;
	const cJSON *rec;
	size_t n = 0, i;
	int rc = 0;

	*out = NULL;
	if (!(v = calloc((size_t)cJSON_GetArraySize(all) + 1, sizeof(*v))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(rec, all) {
		const char *status = samv_record_str(rec, "status"), *review = samv_record_str(rec, "review");
		const char *id = samv_record_str(rec, "id");

		if (id && status && !strcmp(status, "adopted") && review && strcmp(review, date) <= 0)
			v[n++] = (struct due){ rec, review, id };
	}
	qsort(v, n, sizeof(*v), by_review);
	if (!(*out = cJSON_CreateArray()))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < n && rc == 0; i++)
		if (!cJSON_AddItemReferenceToArray(*out, (cJSON *)v[i].rec))
			rc = samv_error_set(SAMV_ERROR, "out of memory");
	if (rc < 0) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	free(v);
	return rc;
}

/* ---- the chain ------------------------------------------------------------ */

static cJSON *chain_node(const cJSON *rec, const char *id, const char *link)
{
	static const char *const keys[] = { "kind", "status", "date", "title" };
	cJSON *n = cJSON_CreateObject();
	size_t i;

	if (!n)
		return NULL;
	if (link && !cJSON_AddStringToObject(n, "link", link))
		goto fail;
	if (!cJSON_AddStringToObject(n, "id", id))
		goto fail;
	if (!rec) {
		if (!cJSON_AddTrueToObject(n, "missing"))
			goto fail;
		return n;
	}
	for (i = 0; i < N(keys); i++) {
		const char *v = samv_record_str(rec, keys[i]);

		if (!(v ? cJSON_AddStringToObject(n, keys[i], v) : cJSON_AddNullToObject(n, keys[i])))
			goto fail;
	}
	return n;
fail:
	cJSON_Delete(n);
	return NULL;
}

/* The ids on the way from the root to here, to stop at a cycle. */
struct trail {
	const char *id;
	const struct trail *up;
};

static bool on_trail(const struct trail *tr, const char *id)
{
	for (; tr; tr = tr->up)
		if (!strcmp(tr->id, id))
			return true;
	return false;
}

static int grow_chain(cJSON *n, const cJSON *all, const cJSON *rec, bool forward, const struct trail *up);

static int add_child(cJSON *kids, const cJSON *all, const char *id, const char *link, bool forward,
		     const struct trail *up)
{
	const cJSON *rec = find(all, id);
	struct trail here = { id, up };
	cJSON *n = chain_node(rec, id, link);

	if (!n || !cJSON_AddItemToArray(kids, n)) {
		cJSON_Delete(n);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	if (on_trail(up, id))
		return cJSON_AddTrueToObject(n, "cycle") ? 0 : samv_error_set(SAMV_ERROR, "out of memory");
	if (!rec)
		return 0;
	return grow_chain(n, all, rec, forward, &here);
}

/* Back: what rec names; forward: the decisions that name rec. */
static int grow_chain(cJSON *n, const cJSON *all, const cJSON *rec, bool forward, const struct trail *up)
{
	const char *id = samv_record_str(rec, "id");
	cJSON *kids = cJSON_AddArrayToObject(n, forward ? "forward" : "back");
	const cJSON *it, *other;
	size_t i;
	int rc = 0;

	if (!kids)
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < N(links) && rc == 0; i++) {
		if (!forward) {
			cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, links[i]))
				if (cJSON_IsString(it) &&
				    (rc = add_child(kids, all, it->valuestring, back_words[i], false, up)) < 0)
					break;
			continue;
		}
		cJSON_ArrayForEach(other, all) {
			const char *oid = samv_record_str(other, "id");

			if (oid && samv_json_has(cJSON_GetObjectItemCaseSensitive(other, links[i]), id) &&
			    (rc = add_child(kids, all, oid, forward_words[i], true, up)) < 0)
				break;
		}
	}
	return rc;
}

int samv_decision_chain(cJSON **out, const cJSON *all, const char *id)
{
	const cJSON *rec = find(all, id);
	struct trail root = { id, NULL };
	cJSON *n = NULL;
	int rc;

	*out = NULL;
	if (!rec)
		return samv_error_set(SAMV_ENOTFOUND, "no decision '%s' (see samv-decision list)", id);
	if (!(n = chain_node(rec, id, NULL))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = grow_chain(n, all, rec, false, &root)) < 0 || (rc = grow_chain(n, all, rec, true, &root)) < 0)
		goto out;
	*out = n;
	n = NULL;
out:
	cJSON_Delete(n);
	return rc;
}

static void print_node(FILE *f, const cJSON *n, int depth)
{
	const char *link = samv_record_str(n, "link");
	static const char *const keys[] = { "kind", "status", "date", "title" };
	const cJSON *kid;
	size_t i;

	fprintf(f, "%*s", depth * 2, "");
	if (link)
		fprintf(f, "%s  ", link);
	fputs(samv_record_str(n, "id"), f);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(n, "missing"))) {
		fputs("  (missing)\n", f);
		return;
	}
	for (i = 0; i < N(keys); i++) {
		const char *v = samv_record_str(n, keys[i]);

		fprintf(f, "  %s", v ? v : "-");
	}
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(n, "cycle"))) {
		fputs("  (cycle)\n", f);
		return;
	}
	fputc('\n', f);
	cJSON_ArrayForEach(kid, cJSON_GetObjectItemCaseSensitive(n, "back"))
		print_node(f, kid, depth + 1);
	cJSON_ArrayForEach(kid, cJSON_GetObjectItemCaseSensitive(n, "forward"))
		print_node(f, kid, depth + 1);
}

void samv_decision_chain_print(FILE *f, const cJSON *chain)
{
	print_node(f, chain, 0);
}
