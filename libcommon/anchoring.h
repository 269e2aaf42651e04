/* anchoring.h - anchoring at home (förankring): each party's steps to
 * inform its board, committee or members of a decision and win backing. */
#ifndef SAMV_ANCHORING_H
#define SAMV_ANCHORING_H

#include <stdbool.h>

#include "samv.h"

/* informed, backed, rejected, pending; NULL-terminated. */
extern const char *const samv_anchoring_outcomes[];

/* Rules across a plan's fields: its period runs forward (samv_type.check). */
int samv_plan_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text);
/* The prepare hook of an anchoring: the body, when given, is the party's own. */
int samv_anchoring_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old);

/* Whether an outcome counts as anchored: informed, backed or rejected
 * (the party's organisation has dealt with it); pending or none does not. */
bool samv_anchoring_done(const char *outcome);
/* Whether decision d is one its parties should anchor: proposed or adopted. */
bool samv_anchoring_wanted(const cJSON *d);

/* The parties of decision d, as an array of actor ids, sorted: the
 * members of its arena (arena may be NULL) when it has any, else the
 * Agreement's parties (agreement may be NULL); and every actor with an
 * anchoring of d in anchorings (all anchoring records). */
int samv_anchoring_parties(cJSON **out, const cJSON *d, const cJSON *arena, const cJSON *agreement,
			   const cJSON *anchorings);
/* Each party's latest anchoring of d, by actor: [{"actor", "outcome",
 * "date", "body", "note", "anchoring"}], null where it has none. */
int samv_anchoring_status(cJSON **out, const cJSON *d, const cJSON *parties, const cJSON *anchorings);
/* The same for decision id in view v, reading what it needs. */
int samv_anchoring_of(cJSON **out, struct samv_view *v, const char *id);
/* The anchoring before a (same decision and party, earlier), or NULL. */
const cJSON *samv_anchoring_previous(const cJSON *a, const cJSON *anchorings);
/* Print a status as lines "  ACTOR  OUTCOME  DATE  BODY". */
void samv_anchoring_print(FILE *f, const cJSON *status);

#endif
