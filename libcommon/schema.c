/*
 * schema.c - the record types: one table per type drives the canonical key
 * order, validation, the command-line options of add/edit, list columns,
 * the JSON Schemas under docs/schema and the shell completions.
 */
#include <string.h>

#include "samv.h"
#include "anchoring.h"
#include "challenge.h"

#define STR 200     /* one-line text, bytes */
#define TEXT 16384  /* free text, bytes */
#define SET 1000    /* members of a set */
#define MINUTES (256 * 1024) /* the minutes of a meeting, bytes */

static const char *const sectors[] = { "public", "civil", "private", NULL };
static const char *const actor_kinds[] = {
	"region", "municipality", "primary-care", "social-services", "association",
	"umbrella", "business", "other", NULL
};
static const char *const levels[] = { "local", "regional", "national", NULL };
static const char *const actor_status[] = { "active", "retired", NULL };
static const char *const roles[] = {
	"official", "politician", "representative", "process-leader", "other", NULL
};
static const char *const person_status[] = { "active", "inactive", "forgotten", NULL };
static const char *const arena_kinds[] = {
	"large-group-meeting", "working-group", "workshop", "dialogue", "council",
	"iop", "grant-programme", "feedback-seminar", "other", NULL
};
static const char *const arena_status[] = { "active", "paused", "closed", NULL };
static const char *const languages[] = { "sv", "en", NULL };
static const char *const meeting_status[] = { "planned", "held", "cancelled", NULL };
static const char *const action_status[] = { "open", "done", "dropped", NULL };
static const char *const decision_kinds[] = { "anchor", "kedge-anchor", NULL };
static const char *const decision_levels[] = { "political", "official", "arena", NULL };
static const char *const subject_kinds[] = { "actor", "arena", "pair", "collaboration", NULL };
static const char *const decision_status[] = {
	"proposed", "adopted", "superseded", "revoked", "expired", NULL
};
static const char *const challenge_kinds[] = { "societal-challenge", "welfare-gap", NULL };
static const char *const challenge_status[] = { "active", "closed", NULL };
static const char *const target_status[] = { "active", "retired", NULL };
static const char *const resource_kinds[] = { "money", "time", "premises", NULL };
static const char *const resource_basis[] = { "paid", "voluntary", NULL };
static const char *const resource_per[] = { "week", "month", NULL };
static const char *const resource_status[] = { "active", "ended", NULL };
static const char *const term_languages[] = { "sv", "en", NULL };
static const char *const term_status[] = { "agreed", "proposed", "retired", NULL };

#define REQ SAMV_FL_REQUIRED
#define COL SAMV_FL_COLUMN
#define FIL SAMV_FL_FILTER
#define TRL SAMV_FL_TRAILER
/* Personal data (samv-records(5), PERSONAL DATA): the person's own fields,
 * and free text where what was said or noted about people is written (notes,
 * minutes, observations of power, reports back, assessment comments).  Texts
 * meant for the public record (a decision, the Agreement, a meeting's summary
 * and direction) are not: they are written without naming private persons. */
#define PER SAMV_FL_PERSONAL

static const char *const people_layouts[] = { "ref", NULL };
static const struct samv_field repository_fields[] = {
	{ "format", "format", SAMV_F_INT, REQ | SAMV_FL_NOEDIT, NULL, NULL, 0, NULL,
	  N_("version of the record format (1)") },
	{ "name", "name", SAMV_F_STRING, REQ, NULL, NULL, STR, NULL, N_("name of the collaboration") },
	{ "region", "region", SAMV_F_STRING, 0, NULL, NULL, STR, NULL, N_("the region or area it covers") },
	{ "language", "language", SAMV_F_ENUM, REQ, languages, NULL, 0, "sv",
	  N_("default language of texts the suite writes") },
	{ "timezone", "timezone", SAMV_F_ENUM, 0, samv_timezones, NULL, 0, "Europe/Stockholm",
	  N_("the time zone meetings' times are in (invitations carry its rules)") },
	{ "people", "people", SAMV_F_ENUM, SAMV_FL_NOEDIT, people_layouts, NULL, 0, NULL,
	  N_("where the people records are kept: ref, on refs/samv/people (set by samv-init and by the move "
	     "there); absent in repositories made before it, whose people are on that ref when it exists") },
};
static const char *const body_kinds[] = {
	"board", "committee", "council", "members-meeting", "assembly", "management", "other", NULL
};
static const char *const body_status[] = { "active", "retired", NULL };
static const char *const plan_kinds[] = {
	"operational-plan", "action-plan", "budget", "strategy", "policy", "other", NULL
};
static const char *const plan_status[] = { "active", "retired", NULL };

static const struct samv_field actor_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the organisation's id") },
	{ "name", "name", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("full name") },
	{ "short", "short", SAMV_F_STRING, 0, NULL, NULL, 40, NULL, N_("short name or abbreviation") },
	{ "sector", "sector", SAMV_F_ENUM, REQ | COL | FIL, sectors, NULL, 0, NULL, N_("public, civil or private") },
	{ "kind", "kind", SAMV_F_ENUM, REQ | COL | FIL, actor_kinds, NULL, 0, NULL, N_("what kind of organisation") },
	{ "level", "level", SAMV_F_ENUM, REQ | COL | FIL, levels, NULL, 0, NULL, N_("local, regional or national") },
	{ "parent", "parent", SAMV_F_REF, FIL, NULL, "actor", 0, NULL,
	  N_("organisation it belongs to (a national parent, an umbrella)") },
	{ "area", "area", SAMV_F_STRING, FIL, NULL, NULL, STR, NULL, N_("municipality or catchment area") },
	{ "orgnr", "orgnr", SAMV_F_STRING, 0, NULL, NULL, 20, NULL, N_("organisation number") },
	{ "contact", "contact", SAMV_F_REF, 0, NULL, "person", 0, NULL,
	  N_("the person who receives the organisation's invitations") },
	{ "speaks_for", "speaks-for", SAMV_F_REFS, FIL, NULL, "actor", SET, NULL,
	  N_("member organisations it speaks for (an umbrella's \"one voice\")") },
	{ "status", "status", SAMV_F_ENUM, REQ | FIL, actor_status, NULL, 0, "active", N_("active or retired") },
	{ "retired", "retired", SAMV_F_DATE, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL, N_("date it was retired") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

static const struct samv_field person_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the person's id") },
	{ "name", "name", SAMV_F_STRING, REQ | COL | PER, NULL, NULL, STR, NULL, N_("name") },
	{ "actor", "actor", SAMV_F_REF, REQ | COL | FIL, NULL, "actor", 0, NULL, N_("organisation the person acts for") },
	{ "role", "role", SAMV_F_ENUM, REQ | COL | FIL, roles, NULL, 0, NULL, N_("role in the collaboration") },
	{ "title", "title", SAMV_F_STRING, PER, NULL, NULL, STR, NULL, N_("title in the organisation") },
	{ "boundary_spanner", "boundary-spanner", SAMV_F_BOOL, FIL, NULL, NULL, 0, NULL,
	  N_("acts as a boundary spanner (gränsgångare)") },
	{ "mandate", "mandate", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("the mandate (uppdrag) given by the organisation") },
	{ "email", "email", SAMV_F_STRING, PER, NULL, NULL, STR, NULL, N_("e-mail address, only if the person gave it") },
	{ "phone", "phone", SAMV_F_STRING, PER, NULL, NULL, 40, NULL, N_("telephone, only if the person gave it") },
	{ "status", "status", SAMV_F_ENUM, REQ | FIL, person_status, NULL, 0, "active",
	  N_("active or inactive; forgotten for the tombstone samv-person forget leaves") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
	{ "forgotten", "forgotten", SAMV_F_DATE, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL,
	  N_("date the person's data was erased (a tombstone)") },
	{ "forgotten_ref", "forgotten-ref", SAMV_F_STRING, SAMV_FL_NOEDIT | PER, NULL, NULL, STR, NULL,
	  N_("the decision or request the erasure follows") },
	{ "former_id", "former-id", SAMV_F_STRING, SAMV_FL_NOEDIT | PER, NULL, NULL, SAMV_ID_MAX, NULL,
	  N_("the id made from the name it had before the move to refs/samv/people (samv-init --people-ref)") },
};

static const struct samv_field arena_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the arena's id") },
	{ "name", "name", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("name") },
	{ "kind", "kind", SAMV_F_ENUM, REQ | COL | FIL, arena_kinds, NULL, 0, NULL, N_("what kind of arena") },
	{ "purpose", "purpose", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, N_("why the arena exists") },
	{ "challenge", "challenge", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL,
	  N_("the societal challenge (samhällsutmaning) it is about") },
	{ "targets", "target", SAMV_F_REFS, FIL, NULL, "target", SET, NULL,
	  N_("target groups (målgrupper) it pilots activities for") },
	{ "convener", "convener", SAMV_F_REF, FIL, NULL, "actor", 0, NULL, N_("organisation that convenes it") },
	{ "members", "member", SAMV_F_REFS, FIL, NULL, "actor", SET, NULL, N_("member organisations") },
	{ "serves", "serves", SAMV_F_KEYS, FIL, NULL, NULL, 26, NULL,
	  N_("purposes of the Agreement it serves (a, b, c, ...)") },
	{ "status", "status", SAMV_F_ENUM, REQ | COL | FIL, arena_status, NULL, 0, "active", N_("active, paused or closed") },
	{ "started", "started", SAMV_F_DATE, 0, NULL, NULL, 0, NULL, N_("date it first met or was set up") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

/* One attendee of a meeting: role and mandate as they were that day. */
static const struct samv_field attendance_fields[] = {
	{ "person", "person", SAMV_F_REF, REQ, NULL, "person", 0, NULL, N_("who attended") },
	{ "actor", "actor", SAMV_F_REF, REQ, NULL, "actor", 0, NULL, N_("the organisation they spoke for") },
	{ "role", "role", SAMV_F_ENUM, 0, roles, NULL, 0, NULL, N_("their role at the meeting") },
	{ "mandate", "mandate", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("the mandate they came with") },
};

/* One sending of the minutes. */
static const struct samv_field distribution_fields[] = {
	{ "date", "date", SAMV_F_DATE, REQ, NULL, NULL, 0, NULL, N_("when the minutes were sent") },
	{ "people", "person", SAMV_F_REFS, 0, NULL, "person", SET, NULL, N_("people they were sent to") },
	{ "actors", "actor", SAMV_F_REFS, 0, NULL, "actor", SET, NULL, N_("organisations they were sent to") },
	{ "how", "how", SAMV_F_STRING, 0, NULL, NULL, STR, NULL, N_("how (e-mail, the arena's page, ...)") },
};

static const struct samv_field meeting_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the meeting's id") },
	{ "arena", "arena", SAMV_F_REF, REQ | COL | FIL | TRL, NULL, "arena", 0, NULL, N_("the arena it is held in") },
	{ "title", "title", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("title") },
	{ "date", "date", SAMV_F_DATE, REQ | COL, NULL, NULL, 0, NULL, N_("the day it is held") },
	{ "start", "start", SAMV_F_TIME, 0, NULL, NULL, 0, NULL, N_("start time, HH:MM (local time)") },
	{ "end", "end", SAMV_F_TIME, 0, NULL, NULL, 0, NULL, N_("end time, HH:MM (local time)") },
	{ "place", "place", SAMV_F_STRING, 0, NULL, NULL, STR, NULL, N_("where it is held") },
	{ "link", "link", SAMV_F_STRING, 0, NULL, NULL, STR, NULL, N_("link to join on line") },
	{ "purpose", "purpose", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, N_("why the meeting is held (syfte)") },
	{ "goal", "goal", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, N_("what it should reach (mål)") },
	{ "expectations", "expect", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL,
	  N_("what is expected of the participants") },
	{ "invited", "invite", SAMV_F_REFS, FIL, NULL, "actor", SET, NULL, N_("organisations invited") },
	{ "invited_people", "invite-person", SAMV_F_REFS, 0, NULL, "person", SET, NULL, N_("people invited by name") },
	{ "agenda", "agenda", SAMV_F_LIST, 0, NULL, NULL, 100, NULL, N_("agenda items, in order") },
	{ "status", "status", SAMV_F_ENUM, REQ | COL | FIL, meeting_status, NULL, 0, "planned",
	  N_("planned, held or cancelled") },
	{ "sequence", "sequence", SAMV_F_INT, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL,
	  N_("changes since it was planned: the SEQUENCE of its invitations (absent: 0)") },
	{ "attended", "attended", SAMV_F_OBJS, SAMV_FL_NOEDIT, NULL, "attendance", SET, NULL,
	  N_("who attended: person, organisation, role and mandate") },
	{ "absent", "absent", SAMV_F_REFS, 0, NULL, "person", SET, NULL,
	  N_("people invited who did not come") },
	{ "absent_actors", "absent-actor", SAMV_F_REFS, 0, NULL, "actor", SET, NULL,
	  N_("organisations invited that nobody came from") },
	{ "intros", "intros", SAMV_F_BOOL, 0, NULL, NULL, 0, NULL,
	  N_("checklist: everyone introduced themselves (role, organisation, mandate)") },
	{ "all_heard", "all-heard", SAMV_F_BOOL, 0, NULL, NULL, 0, NULL,
	  N_("checklist: everyone could speak and ask") },
	{ "summarised", "summarised", SAMV_F_BOOL, 0, NULL, NULL, 0, NULL,
	  N_("checklist: what was said was summarised") },
	{ "distribution_announced", "distribution-announced", SAMV_F_BOOL, 0, NULL, NULL, 0, NULL,
	  N_("checklist: when and how the minutes go out was said") },
	{ "summary", "summary", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, N_("summary of what was said") },
	{ "direction", "direction", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, N_("the direction adopted, if any") },
	{ "next_step", "next-step", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL,
	  N_("the next step agreed (e.g. the next meeting)") },
	{ "next_invite", "next-invite", SAMV_F_REFS, 0, NULL, "actor", SET, NULL,
	  N_("organisations to invite to the next meeting") },
	{ "words", "words", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL,
	  N_("observed: different words used for the same thing") },
	{ "power", "power", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL,
	  N_("observed: a power imbalance and how it shaped the meeting") },
	{ "minutes", "minutes", SAMV_F_TEXT, PER, NULL, NULL, MINUTES, NULL, N_("the minutes (protokoll, minnesanteckningar)") },
	{ "distributed", "distributed", SAMV_F_OBJS, SAMV_FL_NOEDIT, NULL, "distribution", 100, NULL,
	  N_("when and to whom the minutes were sent") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

static const struct samv_field action_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the action's id") },
	{ "meeting", "meeting", SAMV_F_REF, REQ | FIL | TRL, NULL, "meeting", 0, NULL, N_("the meeting that agreed it") },
	{ "arena", "arena", SAMV_F_REF, FIL | SAMV_FL_NOEDIT | TRL, NULL, "arena", 0, NULL,
	  N_("the meeting's arena (set by the command)") },
	{ "title", "title", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("what is to be done") },
	{ "owner", "owner", SAMV_F_REF, COL | FIL, NULL, "person", 0, NULL, N_("the person who owns it") },
	{ "owner_actor", "owner-actor", SAMV_F_REF, FIL, NULL, "actor", 0, NULL,
	  N_("the organisation that owns it") },
	{ "due", "due", SAMV_F_DATE, COL, NULL, NULL, 0, NULL, N_("when it is due") },
	{ "status", "status", SAMV_F_ENUM, REQ | COL | FIL, action_status, NULL, 0, "open", N_("open, done or dropped") },
	{ "done", "done", SAMV_F_DATE, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL, N_("when it was done or dropped") },
	{ "reported", "reported", SAMV_F_DATE, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL,
	  N_("when it was reported back to the actors") },
	{ "report", "report", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("what was reported back") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

static const struct samv_field decision_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the decision's id") },
	{ "kind", "kind", SAMV_F_ENUM, REQ | COL | FIL, decision_kinds, NULL, 0, NULL,
	  N_("anchor (firm) or kedge-anchor (halningsankare, provisional)") },
	{ "level", "level", SAMV_F_ENUM, REQ | COL | FIL, decision_levels, NULL, 0, NULL,
	  N_("political, official or arena") },
	{ "title", "title", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("short title") },
	{ "text", "text", SAMV_F_TEXT, REQ, NULL, NULL, TEXT, NULL, N_("what was decided") },
	{ "date", "date", SAMV_F_DATE, REQ | COL, NULL, NULL, 0, NULL, N_("the day it was (or is to be) decided") },
	{ "meeting", "meeting", SAMV_F_REF, FIL | TRL, NULL, "meeting", 0, NULL, N_("the meeting it was made at") },
	{ "arena", "arena", SAMV_F_REF, FIL | TRL, NULL, "arena", 0, NULL, N_("the arena it belongs to") },
	{ "body", "body", SAMV_F_STRING, 0, NULL, NULL, STR, NULL,
	  N_("the body that made it (a committee, a board), when not a meeting here") },
	{ "serves", "serves", SAMV_F_KEYS, FIL, NULL, NULL, 26, NULL,
	  N_("purposes of the Agreement it serves (a, b, c, ...)") },
	{ "status", "status", SAMV_F_ENUM, REQ | COL | FIL, decision_status, NULL, 0, "proposed",
	  N_("proposed, adopted, superseded, revoked or expired") },
	{ "supersedes", "supersedes", SAMV_F_REFS, 0, NULL, "decision", SET, NULL, N_("decisions it replaces") },
	{ "amends", "amends", SAMV_F_REFS, 0, NULL, "decision", SET, NULL, N_("decisions it amends") },
	{ "confirms", "confirms", SAMV_F_REFS, 0, NULL, "decision", SET, NULL,
	  N_("kedge anchors it confirms as firm") },
	{ "cites_bodies", "cites-body", SAMV_F_REFS, FIL, NULL, "body", SET, NULL,
	  N_("bodies (committees, boards) it refers to or is to be anchored in") },
	{ "cites_plans", "cites-plan", SAMV_F_REFS, FIL, NULL, "plan", SET, NULL,
	  N_("plans (verksamhetsplaner) it refers to or is written into") },
	{ "review", "review", SAMV_F_DATE, 0, NULL, NULL, 0, NULL, N_("when it is to be reviewed") },
	{ "ended", "ended", SAMV_F_DATE, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL,
	  N_("when it was superseded, revoked or expired") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

/* An assessment made with an instrument (samv-assess); answers and notes
 * are checked against the instrument by samv_assessment_validate. */
static const struct samv_field assessment_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the assessment's id") },
	{ "instrument", "instrument", SAMV_F_STRING, REQ | COL | FIL, NULL, NULL, SAMV_ID_MAX, NULL,
	  N_("the instrument used (cross, levels, steps or the repository's own)") },
	{ "subject_kind", "subject-kind", SAMV_F_ENUM, REQ | COL | FIL, subject_kinds, NULL, 0, NULL,
	  N_("what is assessed: actor, arena, pair or collaboration") },
	{ "actor", "actor", SAMV_F_REF, COL | FIL, NULL, "actor", 0, NULL,
	  N_("the organisation assessed, or the one rating its partner in a pair") },
	{ "partner", "partner", SAMV_F_REF, FIL, NULL, "actor", 0, NULL, N_("the partner rated, in a pair") },
	{ "arena", "arena", SAMV_F_REF, COL | FIL | TRL, NULL, "arena", 0, NULL,
	  N_("the arena assessed, or the arena the assessment was made for") },
	{ "date", "date", SAMV_F_DATE, REQ | COL, NULL, NULL, 0, NULL, N_("the day of the assessment") },
	{ "assessed_by", "by", SAMV_F_REF, FIL, NULL, "person", 0, NULL, N_("the person who assessed") },
	{ "answers", "answers", SAMV_F_MAP, REQ, NULL, NULL, TEXT, NULL,
	  N_("question key to answer: a scale point's key, a list of choices, or text") },
	{ "notes", "notes", SAMV_F_MAP, PER, NULL, NULL, TEXT, NULL,
	  N_("question key to the note that goes with the answer") },
	{ "comment", "comment", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("a note on the assessment as a whole") },
};

static const struct samv_field agreement_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("always 'agreement'") },
	{ "title", "title", SAMV_F_STRING, REQ, NULL, NULL, STR, NULL, N_("title of the Agreement") },
	{ "parties", "party", SAMV_F_REFS, 0, NULL, "actor", SET, NULL, N_("the signatory organisations") },
	{ "adopted", "adopted", SAMV_F_DATE, REQ, NULL, NULL, 0, NULL, N_("when it was first adopted") },
	{ "version", "version", SAMV_F_INT, REQ | SAMV_FL_NOEDIT, NULL, NULL, 0, NULL,
	  N_("version: 1 when adopted, one more with each amendment") },
	{ "amended", "amended", SAMV_F_DATE, 0, NULL, NULL, 0, NULL, N_("date of the latest amendment") },
	{ "decision", "decision", SAMV_F_REF, REQ | TRL, NULL, "decision", 0, NULL,
	  N_("the adopted decision behind the latest version") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

static const struct samv_field purpose_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the purpose's key: one letter a-z") },
	{ "text", "text", SAMV_F_TEXT, REQ, NULL, NULL, TEXT, NULL, N_("the purpose") },
};

static const struct samv_field clause_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the clause's stable id (e.g. 4 or 4-2)") },
	{ "heading", "heading", SAMV_F_STRING, 0, NULL, NULL, STR, NULL, N_("heading") },
	{ "text", "text", SAMV_F_TEXT, REQ, NULL, NULL, TEXT, NULL, N_("the clause") },
};

/* The societal challenge (samhällsutmaning, välfärdslucka) the
 * collaboration is about: who it is for, what it serves, who works on it. */
static const struct samv_field challenge_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the challenge's id") },
	{ "title", "title", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("short title") },
	{ "kind", "kind", SAMV_F_ENUM, COL | FIL, challenge_kinds, NULL, 0, NULL,
	  N_("societal-challenge (samhällsutmaning) or welfare-gap (välfärdslucka)") },
	{ "description", "description", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, N_("what the challenge is") },
	{ "serves", "serves", SAMV_F_KEYS, FIL, NULL, NULL, 26, NULL,
	  N_("purposes of the Agreement it serves (a, b, c, ...)") },
	{ "targets", "target", SAMV_F_REFS, FIL, NULL, "target", SET, NULL, N_("its target groups (målgrupper)") },
	{ "arenas", "arena", SAMV_F_REFS, FIL, NULL, "arena", SET, NULL, N_("arenas working on it") },
	{ "decisions", "decision", SAMV_F_REFS, FIL, NULL, "decision", SET, NULL, N_("decisions about it") },
	{ "status", "status", SAMV_F_ENUM, REQ | COL | FIL, challenge_status, NULL, 0, "active", N_("active or closed") },
	{ "started", "started", SAMV_F_DATE, 0, NULL, NULL, 0, NULL, N_("when the collaboration took it up") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

/* A target group (målgrupp): shared by challenges and arenas. */
static const struct samv_field target_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the target group's id") },
	{ "name", "name", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("name") },
	{ "description", "description", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, N_("who belongs to it") },
	{ "area", "area", SAMV_F_STRING, COL | FIL, NULL, NULL, STR, NULL, N_("municipality or area where they live") },
	{ "status", "status", SAMV_F_ENUM, REQ | COL | FIL, target_status, NULL, 0, "active", N_("active or retired") },
	{ "retired", "retired", SAMV_F_DATE, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL, N_("date it was retired") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

/* What one party puts in: money, time or premises, for an arena or a
 * challenge, over a period (samv_resource_check: the rules across fields). */
static const struct samv_field resource_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the resource's id") },
	{ "title", "title", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("what it is") },
	{ "kind", "kind", SAMV_F_ENUM, REQ | COL | FIL, resource_kinds, NULL, 0, NULL, N_("money, time or premises") },
	{ "actor", "actor", SAMV_F_REF, REQ | COL | FIL, NULL, "actor", 0, NULL, N_("the party that contributes it") },
	{ "arena", "arena", SAMV_F_REF, FIL | TRL, NULL, "arena", 0, NULL, N_("the arena it is for") },
	{ "challenge", "challenge", SAMV_F_REF, FIL | TRL, NULL, "challenge", 0, NULL, N_("the challenge it is for") },
	{ "amount", "amount", SAMV_F_INT, 0, NULL, NULL, 0, NULL, N_("money: the amount, in whole units of the currency") },
	{ "currency", "currency", SAMV_F_STRING, 0, NULL, NULL, 3, NULL, N_("money: ISO 4217 code (SEK, EUR)") },
	{ "percent", "percent", SAMV_F_INT, 0, NULL, NULL, 0, NULL, N_("time: percent of a full-time post, 1 to 100") },
	{ "hours", "hours", SAMV_F_INT, 0, NULL, NULL, 0, NULL, N_("time: hours per week or month (--per)") },
	{ "per", "per", SAMV_F_ENUM, 0, resource_per, NULL, 0, NULL, N_("time: the hours are per week or per month") },
	{ "basis", "basis", SAMV_F_ENUM, FIL, resource_basis, NULL, 0, NULL,
	  N_("time: paid (in the post) or voluntary (in free time)") },
	{ "person", "person", SAMV_F_REF, FIL, NULL, "person", 0, NULL, N_("time: whose time it is") },
	{ "from", "from", SAMV_F_DATE, REQ | COL, NULL, NULL, 0, NULL, N_("first day of the period") },
	{ "until", "until", SAMV_F_DATE, COL, NULL, NULL, 0, NULL, N_("last day of the period (absent: open-ended)") },
	{ "decision", "decision", SAMV_F_REF, FIL | TRL, NULL, "decision", 0, NULL, N_("the decision it comes from") },
	{ "status", "status", SAMV_F_ENUM, REQ | FIL, resource_status, NULL, 0, "active", N_("active or ended") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

/* A term of the common language (gemensamt språk) the parties agreed on. */
static const struct samv_field term_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the term's id") },
	{ "term", "term", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("the term") },
	{ "language", "language", SAMV_F_ENUM, REQ | COL | FIL, term_languages, NULL, 0, "sv", N_("its language: sv or en") },
	{ "translation", "translation", SAMV_F_STRING, COL, NULL, NULL, STR, NULL, N_("the term in the other language") },
	{ "definition", "definition", SAMV_F_TEXT, REQ, NULL, NULL, TEXT, NULL, N_("what the parties mean by it") },
	{ "variants", "variant", SAMV_F_LIST, 0, NULL, NULL, 50, NULL,
	  N_("other words the parties use for the same thing") },
	{ "decision", "decision", SAMV_F_REF, FIL | TRL, NULL, "decision", 0, NULL, N_("the decision that agreed it") },
	{ "meeting", "meeting", SAMV_F_REF, FIL | TRL, NULL, "meeting", 0, NULL, N_("the meeting where it was agreed") },
	{ "agreed", "agreed", SAMV_F_DATE, 0, NULL, NULL, 0, NULL, N_("when it was agreed") },
	{ "status", "status", SAMV_F_ENUM, REQ | COL | FIL, term_status, NULL, 0, "agreed",
	  N_("agreed, proposed or retired") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

/* A body of an organisation (nämnd, styrelse): where decisions are anchored. */
static const struct samv_field body_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the body's id") },
	{ "name", "name", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("name (e.g. Regional development committee)") },
	{ "kind", "kind", SAMV_F_ENUM, REQ | COL | FIL, body_kinds, NULL, 0, NULL,
	  N_("board (styrelse), committee (nämnd), council, members-meeting, assembly, management or other") },
	{ "actor", "actor", SAMV_F_REF, REQ | COL | FIL, NULL, "actor", 0, NULL, N_("the organisation it belongs to") },
	{ "status", "status", SAMV_F_ENUM, REQ | FIL, body_status, NULL, 0, "active", N_("active or retired") },
	{ "retired", "retired", SAMV_F_DATE, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL, N_("date it was retired") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

/* A plan decisions refer to (verksamhetsplan, handlingsplan). */
static const struct samv_field plan_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the plan's id") },
	{ "title", "title", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, N_("title") },
	{ "kind", "kind", SAMV_F_ENUM, REQ | COL | FIL, plan_kinds, NULL, 0, NULL,
	  N_("operational-plan (verksamhetsplan), action-plan, budget, strategy, policy or other") },
	{ "actor", "actor", SAMV_F_REF, REQ | COL | FIL, NULL, "actor", 0, NULL, N_("the organisation that owns it") },
	{ "body", "body", SAMV_F_REF, FIL, NULL, "body", 0, NULL, N_("the body that adopted it") },
	{ "from", "from", SAMV_F_DATE, 0, NULL, NULL, 0, NULL, N_("first day of the period it covers") },
	{ "to", "to", SAMV_F_DATE, 0, NULL, NULL, 0, NULL, N_("last day of the period it covers") },
	{ "reference", "reference", SAMV_F_STRING, 0, NULL, NULL, STR, NULL, N_("diary number (diarienummer) or URL") },
	{ "status", "status", SAMV_F_ENUM, REQ | FIL, plan_status, NULL, 0, "active", N_("active or retired") },
	{ "retired", "retired", SAMV_F_DATE, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL, N_("date it was retired") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

/* One step of a party's anchoring of a decision at home (förankring). */
static const struct samv_field anchoring_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, N_("the anchoring's id") },
	{ "decision", "decision", SAMV_F_REF, REQ | COL | FIL | TRL, NULL, "decision", 0, NULL,
	  N_("the decision anchored") },
	{ "actor", "actor", SAMV_F_REF, REQ | COL | FIL, NULL, "actor", 0, NULL, N_("the party anchoring it at home") },
	{ "body", "body", SAMV_F_REF, FIL, NULL, "body", 0, NULL, N_("where: the party's body (board, committee)") },
	{ "date", "date", SAMV_F_DATE, REQ | COL, NULL, NULL, 0, NULL, N_("when") },
	{ "outcome", "outcome", SAMV_F_ENUM, REQ | COL | FIL, samv_anchoring_outcomes, NULL, 0, NULL,
	  N_("informed, backed, rejected or pending") },
	{ "note", "note", SAMV_F_TEXT, PER, NULL, NULL, TEXT, NULL, N_("free note") },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct samv_type repository_type = {
	.name = "repository", .dir = "", .title = "repository",
	.fields = repository_fields, .nfields = N(repository_fields),
};

static const struct samv_type types[] = {
	{ .name = "actor", .dir = "actors", .title = "organisation", .fields = actor_fields,
	  .nfields = N(actor_fields), .retire_value = "retired", .name_field = "name", .check = samv_actor_check },
	{ .name = "person", .dir = "people", .title = "person", .fields = person_fields,
	  .nfields = N(person_fields), .retire_value = "inactive", .name_field = "name" },
	{ .name = "arena", .dir = "arenas", .title = "arena", .fields = arena_fields,
	  .nfields = N(arena_fields), .retire_value = "closed", .name_field = "name", .trailer = "Samv-Arena" },
	{ .name = "meeting", .dir = "meetings", .title = "meeting", .fields = meeting_fields,
	  .nfields = N(meeting_fields), .retire_value = "cancelled", .name_field = "title",
	  .date_field = "date", .trailer = "Samv-Meeting", .check = samv_meeting_check },
	{ .name = "action", .dir = "actions", .title = "action", .lister = "samv-meeting action list", .fields = action_fields,
	  .nfields = N(action_fields), .retire_value = "dropped", .name_field = "title",
	  .date_field = "due", .trailer = "Samv-Action", .check = samv_action_check },
	{ .name = "decision", .dir = "decisions", .title = "decision", .fields = decision_fields,
	  .nfields = N(decision_fields), .name_field = "title", .date_field = "date",
	  .trailer = "Samv-Decision" },
	{ .name = "assessment", .dir = "assessments", .title = "assessment", .fields = assessment_fields,
	  .nfields = N(assessment_fields), .name_field = "instrument", .date_field = "date",
	  .trailer = "Samv-Assessment", .check = samv_assessment_check },
	{ .name = "agreement", .dir = "agreement", .title = "Agreement", .fields = agreement_fields,
	  .nfields = N(agreement_fields), .flat = true },
	{ .name = "purpose", .dir = "agreement/purposes", .title = "purpose", .lister = "samv-agreement show", .fields = purpose_fields,
	  .nfields = N(purpose_fields), .flat = true },
	{ .name = "clause", .dir = "agreement/clauses", .title = "clause", .lister = "samv-agreement show", .fields = clause_fields,
	  .nfields = N(clause_fields), .flat = true, .trailer = "Samv-Clause" },
	{ .name = "challenge", .dir = "challenges", .title = "challenge", .fields = challenge_fields,
	  .nfields = N(challenge_fields), .retire_value = "closed", .name_field = "title",
	  .trailer = "Samv-Challenge" },
	{ .name = "target", .dir = "targets", .title = "target group", .fields = target_fields,
	  .nfields = N(target_fields), .retire_value = "retired", .name_field = "name" },
	{ .name = "resource", .dir = "resources", .title = "resource", .fields = resource_fields,
	  .nfields = N(resource_fields), .retire_value = "ended", .name_field = "title", .date_field = "from",
	  .check = samv_resource_check, .retire_date = "until" },
	{ .name = "term", .dir = "glossary", .title = "term", .lister = "samv-glossary list", .fields = term_fields,
	  .nfields = N(term_fields), .retire_value = "retired", .name_field = "term" },
	{ .name = "body", .dir = "bodies", .title = "body", .fields = body_fields,
	  .nfields = N(body_fields), .retire_value = "retired", .name_field = "name", .trailer = "Samv-Body" },
	{ .name = "plan", .dir = "plans", .title = "plan", .fields = plan_fields,
	  .nfields = N(plan_fields), .retire_value = "retired", .name_field = "title", .trailer = "Samv-Plan",
	  .check = samv_plan_check },
	{ .name = "anchoring", .dir = "anchorings", .title = "anchoring", .lister = "samv-decision anchoring",
	  .fields = anchoring_fields, .nfields = N(anchoring_fields), .name_field = "decision", .date_field = "date",
	  .trailer = "Samv-Anchoring" },
};

_Static_assert(N(types) <= SAMV_NTYPES_MAX, "more record types than SAMV_NTYPES_MAX");

/* Types of objects inside records (items of SAMV_F_OBJS fields). */
static const struct samv_type subtypes[] = {
	{ .name = "attendance", .dir = "", .title = "attendee", .fields = attendance_fields,
	  .nfields = N(attendance_fields) },
	{ .name = "distribution", .dir = "", .title = "distribution", .fields = distribution_fields,
	  .nfields = N(distribution_fields) },
};

const struct samv_type *samv_subtype_find(const char *name)
{
	size_t i;

	for (i = 0; i < N(subtypes); i++)
		if (!strcmp(subtypes[i].name, name))
			return &subtypes[i];
	return NULL;
}

int samv_type_path(char *out, size_t outsz, const struct samv_type *t, const char *id)
{
	int n;

	if (t == &repository_type)
		n = snprintf(out, outsz, "%s", SAMV_REPO_FILE);
	else if (t->flat)
		n = snprintf(out, outsz, "%s/%s.json", t->dir, id);
	else
		return samv_id_path(out, outsz, t->dir, id);
	if (n < 0 || (size_t)n >= outsz)
		return samv_error_set(SAMV_ERROR, "path too long");
	return 0;
}

const struct samv_type *samv_type_at(size_t i)
{
	return i < N(types) ? &types[i] : NULL;
}

const struct samv_type *samv_type_repository(void)
{
	return &repository_type;
}

const struct samv_type *samv_type_find(const char *name)
{
	size_t i;

	for (i = 0; i < N(types); i++)
		if (!strcmp(types[i].name, name))
			return &types[i];
	return NULL;
}

const char *samv_type_lister(char out[64], const struct samv_type *t)
{
	if (t->lister)
		return t->lister;
	snprintf(out, 64, "samv-%s list", t->name);
	return out;
}

const struct samv_type *samv_type_by_dir(const char *dir)
{
	size_t i;

	for (i = 0; i < N(types); i++)
		if (!strcmp(types[i].dir, dir))
			return &types[i];
	return NULL;
}

static bool is_json(const char *path)
{
	size_t n = strlen(path);

	return n > 5 && !strcmp(path + n - 5, ".json");
}

const struct samv_type *samv_type_of_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t i, len;

	if (!strcmp(path, SAMV_REPO_FILE))
		return &repository_type;
	if (!slash || !is_json(path))
		return NULL;
	len = (size_t)(slash - path);
	for (i = 0; i < N(types); i++) {
		size_t n = strlen(types[i].dir);

		/* flat types: DIR/ID.json; the others: DIR/XX/ID.json */
		if (types[i].flat ? n == len && !strncmp(path, types[i].dir, n)
				  : len == n + 3 && !strncmp(path, types[i].dir, n) && path[n] == '/')
			return &types[i];
	}
	return NULL;
}

const struct samv_field *samv_field_find(const struct samv_type *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nfields; i++)
		if (!strcmp(t->fields[i].name, name))
			return &t->fields[i];
	return NULL;
}

const struct samv_field *samv_field_by_opt(const struct samv_type *t, const char *opt)
{
	size_t i;

	for (i = 0; i < t->nfields; i++)
		if (!strcmp(t->fields[i].opt, opt))
			return &t->fields[i];
	return NULL;
}
