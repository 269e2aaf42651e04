/*
 * schema.c - the record types: one table per type drives the canonical key
 * order, validation, the command-line options of add/edit, list columns,
 * the JSON Schemas under docs/schema and the shell completions.
 */
#include <string.h>

#include "samv.h"

#define STR 200     /* one-line text, bytes */
#define TEXT 16384  /* free text, bytes */
#define SET 1000    /* members of a set */

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
static const char *const person_status[] = { "active", "inactive", NULL };
static const char *const arena_kinds[] = {
	"large-group-meeting", "working-group", "workshop", "dialogue", "council",
	"iop", "grant-programme", "feedback-seminar", "other", NULL
};
static const char *const arena_status[] = { "active", "paused", "closed", NULL };
static const char *const languages[] = { "sv", "en", NULL };

#define REQ SAMV_FL_REQUIRED
#define COL SAMV_FL_COLUMN
#define FIL SAMV_FL_FILTER

static const struct samv_field repository_fields[] = {
	{ "format", "format", SAMV_F_INT, REQ | SAMV_FL_NOEDIT, NULL, NULL, 0, NULL,
	  "version of the record format (1)" },
	{ "name", "name", SAMV_F_STRING, REQ, NULL, NULL, STR, NULL, "name of the collaboration" },
	{ "region", "region", SAMV_F_STRING, 0, NULL, NULL, STR, NULL, "the region or area it covers" },
	{ "language", "language", SAMV_F_ENUM, REQ, languages, NULL, 0, "sv",
	  "default language of texts the suite writes" },
};

static const struct samv_field actor_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, "the organisation's id" },
	{ "name", "name", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, "full name" },
	{ "short", "short", SAMV_F_STRING, 0, NULL, NULL, 40, NULL, "short name or abbreviation" },
	{ "sector", "sector", SAMV_F_ENUM, REQ | COL | FIL, sectors, NULL, 0, NULL, "public, civil or private" },
	{ "kind", "kind", SAMV_F_ENUM, REQ | COL | FIL, actor_kinds, NULL, 0, NULL, "what kind of organisation" },
	{ "level", "level", SAMV_F_ENUM, REQ | COL | FIL, levels, NULL, 0, NULL, "local, regional or national" },
	{ "parent", "parent", SAMV_F_REF, FIL, NULL, "actor", 0, NULL,
	  "organisation it belongs to (a national parent, an umbrella)" },
	{ "area", "area", SAMV_F_STRING, FIL, NULL, NULL, STR, NULL, "municipality or catchment area" },
	{ "orgnr", "orgnr", SAMV_F_STRING, 0, NULL, NULL, 20, NULL, "organisation number" },
	{ "status", "status", SAMV_F_ENUM, REQ | FIL, actor_status, NULL, 0, "active", "active or retired" },
	{ "retired", "retired", SAMV_F_DATE, SAMV_FL_NOEDIT, NULL, NULL, 0, NULL, "date it was retired" },
	{ "note", "note", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, "free note" },
};

static const struct samv_field person_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, "the person's id" },
	{ "name", "name", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, "name" },
	{ "actor", "actor", SAMV_F_REF, REQ | COL | FIL, NULL, "actor", 0, NULL, "organisation the person acts for" },
	{ "role", "role", SAMV_F_ENUM, REQ | COL | FIL, roles, NULL, 0, NULL, "role in the collaboration" },
	{ "title", "title", SAMV_F_STRING, 0, NULL, NULL, STR, NULL, "title in the organisation" },
	{ "boundary_spanner", "boundary-spanner", SAMV_F_BOOL, FIL, NULL, NULL, 0, NULL,
	  "acts as a boundary spanner (gränsgångare)" },
	{ "mandate", "mandate", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, "the mandate (uppdrag) given by the organisation" },
	{ "email", "email", SAMV_F_STRING, 0, NULL, NULL, STR, NULL, "e-mail address, only if the person gave it" },
	{ "phone", "phone", SAMV_F_STRING, 0, NULL, NULL, 40, NULL, "telephone, only if the person gave it" },
	{ "status", "status", SAMV_F_ENUM, REQ | FIL, person_status, NULL, 0, "active", "active or inactive" },
	{ "note", "note", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, "free note" },
};

static const struct samv_field arena_fields[] = {
	{ "id", "id", SAMV_F_ID, REQ, NULL, NULL, 0, NULL, "the arena's id" },
	{ "name", "name", SAMV_F_STRING, REQ | COL, NULL, NULL, STR, NULL, "name" },
	{ "kind", "kind", SAMV_F_ENUM, REQ | COL | FIL, arena_kinds, NULL, 0, NULL, "what kind of arena" },
	{ "purpose", "purpose", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, "why the arena exists" },
	{ "challenge", "challenge", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL,
	  "the societal challenge (samhällsutmaning) it is about" },
	{ "convener", "convener", SAMV_F_REF, FIL, NULL, "actor", 0, NULL, "organisation that convenes it" },
	{ "members", "member", SAMV_F_REFS, FIL, NULL, "actor", SET, NULL, "member organisations" },
	{ "serves", "serves", SAMV_F_KEYS, FIL, NULL, NULL, 26, NULL,
	  "purposes of the Agreement it serves (a, b, c, ...)" },
	{ "status", "status", SAMV_F_ENUM, REQ | COL | FIL, arena_status, NULL, 0, "active", "active, paused or closed" },
	{ "started", "started", SAMV_F_DATE, 0, NULL, NULL, 0, NULL, "date it first met or was set up" },
	{ "note", "note", SAMV_F_TEXT, 0, NULL, NULL, TEXT, NULL, "free note" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct samv_type repository_type = {
	"repository", "", "repository", repository_fields, N(repository_fields), NULL
};

static const struct samv_type types[] = {
	{ "actor", "actors", "organisation", actor_fields, N(actor_fields), "retired" },
	{ "person", "people", "person", person_fields, N(person_fields), "inactive" },
	{ "arena", "arenas", "arena", arena_fields, N(arena_fields), "closed" },
};

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

const struct samv_type *samv_type_by_dir(const char *dir)
{
	size_t i;

	for (i = 0; i < N(types); i++)
		if (!strcmp(types[i].dir, dir))
			return &types[i];
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
