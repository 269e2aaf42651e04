/*
 * gen-schema.c - write a JSON Schema (draft 2020-12) for every record type
 * from the type tables in libcommon/schema.c, one file a type:
 * DIR/<type>.schema.json (repository.schema.json describes samv.json), and
 * for every record type the shape --json prints, DIR/<type>.output.schema.json;
 * and what samv-meeting invite/minutes --json and samv-sync --json print,
 * DIR/notice.output.schema.json and DIR/sync.output.schema.json.
 *
 * The files under docs/schema are made by this program and compared with
 * its output by tests/check-schema.sh, so that the schemas cannot drift
 * from the tables that drive validation.  Regenerate them with
 * "sh tests/check-schema.sh --update".
 *
 * What a schema cannot say is said in the descriptions: lengths are
 * counted by samv in bytes of UTF-8 (maxLength counts characters, so it is
 * a looser bound, and x-samv-max-bytes gives the real one), references
 * must resolve (x-samv-ref names the type), a record lives at the path its
 * id gives, and sets are written sorted.  x-samv-personal marks the
 * fields that hold personal data, which samv-export --public leaves out.
 *
 * Usage: gen-schema DIR
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "samv.h"

#define ID_PATTERN "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$"
/* Text holds at least one character that is not white space (as \s
 * counts it, spelt out so that every regex dialect reads it alike; the
 * controls below U+0020 are refused anyway): samv_text_blank. */
#define NONBLANK "[^\\u0000-\\u0020\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]"
#define LINE_PATTERN "^[^\\u0000-\\u001f]*" NONBLANK "[^\\u0000-\\u001f]*$"
#define TEXT_PATTERN "^[^\\u0000]*" NONBLANK "[^\\u0000]*$"
/* YYYY-MM-DD from 1900 on; whether the day exists in that month is left
 * to format "date" and to samv-check. */
#define DATE_PATTERN "^(?:19|[2-9][0-9])[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
#define TIME_PATTERN "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
#define INT_LIMIT 1e9

static const char *prog = "gen-schema";

static cJSON *add_str(cJSON *o, const char *key, const char *s)
{
	return cJSON_AddItemToObject(o, key, cJSON_CreateString(s)) ? o : NULL;
}

static cJSON *add_num(cJSON *o, const char *key, double n)
{
	return cJSON_AddItemToObject(o, key, cJSON_CreateNumber(n)) ? o : NULL;
}

static cJSON *add_bool(cJSON *o, const char *key, bool b)
{
	return cJSON_AddItemToObject(o, key, cJSON_CreateBool(b)) ? o : NULL;
}

static int add_strings(cJSON *o, const char *key, const char *const *values)
{
	cJSON *a = cJSON_CreateArray();

	if (!a || !cJSON_AddItemToObject(o, key, a))
		return -1;
	for (; *values; values++)
		if (!cJSON_AddItemToArray(a, cJSON_CreateString(*values)))
			return -1;
	return 0;
}

/* "full name" + what the schema cannot express. */
static int describe(cJSON *p, const struct samv_type *t, const struct samv_field *f)
{
	char d[512];
	int n = snprintf(d, sizeof(d), "%s", f->help);

	switch (f->kind) {
	case SAMV_F_STRING:
		n += snprintf(d + n, sizeof(d) - (size_t)n,
			      "; one line, at most %zu bytes of UTF-8", f->max);
		break;
	case SAMV_F_TEXT:
		n += snprintf(d + n, sizeof(d) - (size_t)n,
			      "; may hold newlines, at most %zu bytes of UTF-8", f->max);
		break;
	case SAMV_F_DATE:
		n += snprintf(d + n, sizeof(d) - (size_t)n, "; YYYY-MM-DD, a real day from 1900 on");
		break;
	case SAMV_F_ID:
		n += snprintf(d + n, sizeof(d) - (size_t)n,
			      "; the file is %s/%s<id>.json (see samv-records(5))", t->dir,
			      t->flat ? "" : "<shard>/");
		break;
	case SAMV_F_REF:
		n += snprintf(d + n, sizeof(d) - (size_t)n,
			      "; the id of an existing %s record, not the record's own", f->ref);
		break;
	case SAMV_F_REFS:
		n += snprintf(d + n, sizeof(d) - (size_t)n,
			      "; ids of existing %s records, written sorted, at most %zu",
			      f->ref, f->max);
		break;
	case SAMV_F_KEYS:
		n += snprintf(d + n, sizeof(d) - (size_t)n,
			      "; single letters a-z, written sorted");
		break;
	default:
		break;
	}
	(void)n;
	return add_str(p, "description", d) ? 0 : -1;
}

/* The keywords every id and reference shares. */
static bool add_id(cJSON *o)
{
	return add_str(o, "type", "string") && add_num(o, "minLength", 1) &&
	       add_num(o, "maxLength", SAMV_ID_MAX) && add_str(o, "pattern", ID_PATTERN);
}

static int add_properties(cJSON *s, const struct samv_type *t, bool output);

/* output: as --json prints it, where objects in lists have every key. */
static cJSON *field_schema(const struct samv_type *t, const struct samv_field *f, bool output)
{
	cJSON *p = cJSON_CreateObject(), *items = NULL;
	bool ok = p && describe(p, t, f) == 0;

	if (!ok)
		goto fail;
	switch (f->kind) {
	case SAMV_F_STRING:
	case SAMV_F_TEXT:
		ok = add_str(p, "type", "string") && add_num(p, "minLength", 1) &&
		     add_num(p, "maxLength", (double)f->max) &&
		     add_str(p, "pattern", f->kind == SAMV_F_STRING ? LINE_PATTERN : TEXT_PATTERN) &&
		     add_num(p, "x-samv-max-bytes", (double)f->max);
		break;
	case SAMV_F_ENUM:
		ok = add_str(p, "type", "string") && add_strings(p, "enum", f->values) == 0 &&
		     (!f->def || add_str(p, "default", f->def));
		break;
	case SAMV_F_BOOL:
		ok = add_str(p, "type", "boolean");
		break;
	case SAMV_F_INT:
		ok = add_str(p, "type", "integer");
		/* the repository record's format is the one this build writes */
		if (ok && t == samv_type_repository() && !strcmp(f->name, "format"))
			ok = add_num(p, "const", SAMV_FORMAT);
		else if (ok)
			ok = add_num(p, "minimum", -INT_LIMIT) && add_num(p, "maximum", INT_LIMIT);
		break;
	case SAMV_F_DATE:
		ok = add_str(p, "type", "string") && add_str(p, "format", "date") &&
		     add_str(p, "pattern", DATE_PATTERN);
		break;
	case SAMV_F_ID:
	case SAMV_F_REF:
		ok = add_id(p) && (f->kind == SAMV_F_ID || add_str(p, "x-samv-ref", f->ref));
		break;
	case SAMV_F_REFS:
	case SAMV_F_KEYS:
		ok = add_str(p, "type", "array") && (items = cJSON_CreateObject()) &&
		     cJSON_AddItemToObject(p, "items", items) &&
		     (f->kind == SAMV_F_REFS ? add_id(items)
					     : add_str(items, "type", "string") && add_str(items, "pattern", "^[a-z]$")) &&
		     add_num(p, "minItems", 1) && add_bool(p, "uniqueItems", true) &&
		     add_num(p, "maxItems", (double)f->max) &&
		     (f->kind == SAMV_F_KEYS || add_str(p, "x-samv-ref", f->ref));
		break;
	case SAMV_F_TIME:
		ok = add_str(p, "type", "string") && add_str(p, "pattern", TIME_PATTERN);
		break;
	case SAMV_F_LIST:
		ok = add_str(p, "type", "array") && (items = cJSON_CreateObject()) &&
		     cJSON_AddItemToObject(p, "items", items) && add_str(items, "type", "string") &&
		     add_num(items, "minLength", 1) && add_num(items, "maxLength", 200) &&
		     add_str(items, "pattern", LINE_PATTERN) && add_num(p, "minItems", 1) &&
		     add_bool(p, "uniqueItems", true) && add_num(p, "maxItems", (double)f->max);
		break;
	case SAMV_F_OBJS:
		ok = add_str(p, "type", "array") && (items = cJSON_CreateObject()) &&
		     cJSON_AddItemToObject(p, "items", items) && add_str(items, "type", "object") &&
		     add_properties(items, samv_subtype_find(f->ref), output) == 0 && add_num(p, "minItems", 1) &&
		     add_num(p, "maxItems", (double)f->max);
		break;
	case SAMV_F_MAP: {
		/* values: a text, or a set of short words; what the keys may be
		 * is the instrument's to say, checked by samv-check */
		cJSON *names = NULL, *any = NULL, *txt = NULL, *set = NULL, *word = NULL;

		ok = add_str(p, "type", "object") && (names = cJSON_CreateObject()) &&
		     cJSON_AddItemToObject(p, "propertyNames", names) &&
		     add_str(names, "pattern", "^[a-z0-9_-]{1,40}$") && (items = cJSON_CreateObject()) &&
		     cJSON_AddItemToObject(p, "additionalProperties", items) &&
		     (any = cJSON_AddArrayToObject(items, "oneOf")) && (txt = cJSON_CreateObject()) &&
		     cJSON_AddItemToArray(any, txt) && add_str(txt, "type", "string") && add_num(txt, "minLength", 1) &&
		     add_num(txt, "maxLength", (double)f->max) && add_str(txt, "pattern", TEXT_PATTERN) &&
		     (set = cJSON_CreateObject()) && cJSON_AddItemToArray(any, set) && add_str(set, "type", "array") &&
		     (word = cJSON_CreateObject()) && cJSON_AddItemToObject(set, "items", word) &&
		     add_str(word, "type", "string");
		break;
	}
	}
	if (ok && (f->flags & SAMV_FL_NOEDIT))
		ok = add_bool(p, "readOnly", true);
	/* samv-export --public leaves it out (samv-records(5)) */
	if (ok && (f->flags & SAMV_FL_PERSONAL))
		ok = add_bool(p, "x-samv-personal", true);
	if (ok)
		return p;
fail:
	cJSON_Delete(p);
	return NULL;
}

/* The shape --json prints: every field present, null when absent. */
static cJSON *output_schema(const struct samv_type *t)
{
	cJSON *s = cJSON_CreateObject();
	char title[128], desc[1024];

	snprintf(title, sizeof(title), "samv %s record as --json prints it", t->name);
	snprintf(desc, sizeof(desc),
		 "One %s as the commands' --json options print it (an array of these for lists): every "
		 "field of %s.schema.json present, in its order, null when the record has no value (an "
		 "empty set, a text never given), and no other keys; objects in lists likewise. Input "
		 "read with --stdin may be the same: null there means absent. See samv-records(5).",
		 t->title, t->name);
	if (!s || !add_str(s, "$schema", "https://json-schema.org/draft/2020-12/schema") ||
	    !add_str(s, "$comment", "Generated from libcommon/schema.c by tests/gen-schema.c; "
				    "do not edit. Regenerate: sh tests/check-schema.sh --update") ||
	    !add_str(s, "title", title) || !add_str(s, "description", desc) ||
	    !add_str(s, "type", "object") || add_properties(s, t, true) < 0)
		goto fail;
	return s;
fail:
	cJSON_Delete(s);
	return NULL;
}

static cJSON *type_schema(const struct samv_type *t)
{
	cJSON *s = cJSON_CreateObject();
	bool repo = t == samv_type_repository();
	char title[128], desc[1024], where[128];

	if (repo) {
		snprintf(title, sizeof(title), "samv repository record (%s)", SAMV_REPO_FILE);
		snprintf(where, sizeof(where), "%s at the top of the repository", SAMV_REPO_FILE);
	} else {
		if (strcmp(t->name, t->title))
			snprintf(title, sizeof(title), "samv %s record (%s)", t->name, t->title);
		else
			snprintf(title, sizeof(title), "samv %s record", t->name);
		snprintf(where, sizeof(where), "%s/%s<id>.json, one file a record", t->dir,
			 t->flat ? "" : "<shard>/");
	}
	snprintf(desc, sizeof(desc),
		 "One %s, stored as %s. Format %d. Files are written in canonical form: keys in the "
		 "order of the properties below, two-space indentation, UTF-8 as is, sets sorted, "
		 "empty values left out, a newline at the end. samv-check(1) also checks what a "
		 "schema cannot: lengths in bytes, that references resolve, that the file is where "
		 "its id puts it and that the text is canonical. See samv-records(5).",
		 t->title, where, SAMV_FORMAT);
	if (!s || !add_str(s, "$schema", "https://json-schema.org/draft/2020-12/schema") ||
	    !add_str(s, "$comment", "Generated from libcommon/schema.c by tests/gen-schema.c; "
				    "do not edit. Regenerate: sh tests/check-schema.sh --update") ||
	    !add_str(s, "title", title) || !add_str(s, "description", desc) ||
	    !add_str(s, "type", "object") || add_properties(s, t, false) < 0 ||
	    (!repo && !add_str(s, "x-samv-dir", t->dir)))
		goto fail;
	return s;
fail:
	cJSON_Delete(s);
	return NULL;
}

/* "anyOf": [p, null] */
static cJSON *nullable(cJSON *p)
{
	cJSON *o = cJSON_CreateObject(), *any = o ? cJSON_AddArrayToObject(o, "anyOf") : NULL, *n = NULL;

	if (!any || !cJSON_AddItemToArray(any, p)) {
		cJSON_Delete(o);
		cJSON_Delete(p);
		return NULL;
	}
	if (!(n = cJSON_CreateObject()) || !cJSON_AddItemToArray(any, n) || !add_str(n, "type", "null")) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* properties, required and additionalProperties of a type or subtype; in
 * the output form every property is required and may be null */
static int add_properties(cJSON *s, const struct samv_type *t, bool output)
{
	cJSON *props, *req, *p;
	size_t i;

	if (!t || !(props = cJSON_AddObjectToObject(s, "properties")) ||
	    !(req = cJSON_AddArrayToObject(s, "required")) || !add_bool(s, "additionalProperties", false))
		return -1;
	for (i = 0; i < t->nfields; i++) {
		const struct samv_field *f = &t->fields[i];

		if (!(p = field_schema(t, f, output)) || (output && !(p = nullable(p))))
			return -1;
		if (!cJSON_AddItemToObject(props, f->name, p)) {
			cJSON_Delete(p);
			return -1;
		}
		if ((output || (f->flags & SAMV_FL_REQUIRED)) && !cJSON_AddItemToArray(req, cJSON_CreateString(f->name)))
			return -1;
	}
	return 0;
}

/* Write schema s (NULL: it could not be made) to path; s is freed. */
static int write_file(const char *path, cJSON *s)
{
	struct samv_buf b = SAMV_BUF_INIT;
	FILE *f = NULL;
	int rc = -1;

	if (!s || samv_json_print(&b, s) < 0) {
		fprintf(stderr, "%s: %s: out of memory\n", prog, path);
		goto out;
	}
	if (!(f = fopen(path, "w")) || fwrite(b.ptr, 1, b.len, f) != b.len) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		goto out;
	}
	f = NULL;
	rc = 0;
out:
	if (f)
		fclose(f);
	cJSON_Delete(s);
	samv_buf_free(&b);
	return rc;
}

static int write_schema(const char *dir, const struct samv_type *t, bool output)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s.%sschema.json", dir, t->name, output ? "output." : "");
	return write_file(path, output ? output_schema(t) : type_schema(t));
}

/* ---- what invite, minutes and sync print with --json --------------------- */

struct prop {
	const char *name, *type; /* a JSON Schema type; "object" and "array" are built below */
	bool nullable;
	const char *help;
};

static const struct prop notice_props[] = {
	{ "meeting", "string", false, "the meeting's id" },
	{ "title", "string", false, "its title" },
	{ "date", "string", false, "its day, YYYY-MM-DD" },
	{ "start", "string", true, "start time, HH:MM, in timezone" },
	{ "end", "string", true, "end time, HH:MM, in timezone" },
	{ "timezone", "string", false, "the repository's time zone (TZID)" },
	{ "place", "string", true, "where it is held" },
	{ "link", "string", true, "link to join on line" },
	{ "status", "string", false, "planned, held or cancelled" },
	{ "sequence", "integer", false, "the meeting's count of changes: the SEQUENCE of its invitations" },
	{ "method", "string", true, "REQUEST or CANCEL for an invitation; null for the minutes" },
	{ "organizer", "object", true, "who sends it (the git identity): name and email; null when none is set" },
	{ "subject", "string", false, "the subject of the message" },
	{ "recipients", "array", false, "whom it goes to: person, actor, name and email, each null when unknown" },
	{ "text", "string", false, "the invitation or the minutes as text" },
	{ NULL, NULL, false, NULL }
};

static const struct prop sync_props[] = {
	{ "result", "string", false, "up-to-date, pushed, fast-forward, merged, or conflict (nothing changed)" },
	{ "upstream", "string", false, "the remote branch, as origin/main" },
	{ "in", "integer", false, "commits received" },
	{ "out", "integer", false, "local commits sent" },
	{ "retries", "integer", false, "pushes refused because the remote moved" },
	{ "unverified", "boolean", false, "a certificate not trusted was accepted" },
	{ "conflicts", "array", false, "the conflicting fields when result is conflict: file, type, id, field, ours, theirs" },
	{ NULL, NULL, false, NULL }
};

static const struct prop recipient_props[] = {
	{ "person", "string", true, "the person's id; null for an organisation without a contact person" },
	{ "actor", "string", true, "the organisation's id" },
	{ "name", "string", false, "the name" },
	{ "email", "string", true, "the e-mail address, when known" },
	{ NULL, NULL, false, NULL }
};

static const struct prop organizer_props[] = {
	{ "name", "string", false, "the name" },
	{ "email", "string", true, "the e-mail address" },
	{ NULL, NULL, false, NULL }
};

static const struct prop conflict_props[] = {
	{ "file", "string", false, "the file" },
	{ "type", "string", true, "the record type; null for a file that is not a record" },
	{ "id", "string", true, "the record's id" },
	{ "field", "string", true, "the field; null when the whole file is in conflict" },
	{ "ours", "string", true, "your value as JSON text; null when absent or deleted" },
	{ "theirs", "string", true, "the remote's value as JSON text; null when absent or deleted" },
	{ NULL, NULL, false, NULL }
};

static int add_props(cJSON *s, const struct prop *props);

static cJSON *prop_schema(const struct prop *p)
{
	cJSON *o = cJSON_CreateObject(), *items = NULL, *types;
	const struct prop *sub = !strcmp(p->name, "organizer") ? organizer_props
				 : !strcmp(p->name, "recipients") ? recipient_props : conflict_props;
	bool ok = o && add_str(o, "description", p->help);

	if (ok && p->nullable)
		ok = (types = cJSON_AddArrayToObject(o, "type")) && cJSON_AddItemToArray(types, cJSON_CreateString(p->type)) &&
		     cJSON_AddItemToArray(types, cJSON_CreateString("null"));
	else if (ok)
		ok = add_str(o, "type", p->type);
	if (ok && !strcmp(p->type, "object"))
		ok = add_props(o, sub) == 0;
	else if (ok && !strcmp(p->type, "array"))
		ok = (items = cJSON_AddObjectToObject(o, "items")) && add_str(items, "type", "object") &&
		     add_props(items, sub) == 0;
	if (ok)
		return o;
	cJSON_Delete(o);
	return NULL;
}

/* every property required, no others */
static int add_props(cJSON *s, const struct prop *props)
{
	cJSON *ps = cJSON_AddObjectToObject(s, "properties"), *req = cJSON_AddArrayToObject(s, "required"), *p;

	if (!ps || !req || !add_bool(s, "additionalProperties", false))
		return -1;
	for (; props->name; props++) {
		if (!(p = prop_schema(props)) || !cJSON_AddItemToObject(ps, props->name, p) ||
		    !cJSON_AddItemToArray(req, cJSON_CreateString(props->name)))
			return -1;
	}
	return 0;
}

static int write_output(const char *dir, const char *name, const char *title, const char *desc,
			const struct prop *props)
{
	cJSON *s = cJSON_CreateObject();
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s.output.schema.json", dir, name);
	if (!s || !add_str(s, "$schema", "https://json-schema.org/draft/2020-12/schema") ||
	    !add_str(s, "$comment", "Generated by tests/gen-schema.c; do not edit. Regenerate: "
				    "sh tests/check-schema.sh --update") ||
	    !add_str(s, "title", title) || !add_str(s, "description", desc) || !add_str(s, "type", "object") ||
	    add_props(s, props) < 0) {
		cJSON_Delete(s);
		s = NULL;
	}
	return write_file(path, s);
}

int main(int argc, char **argv)
{
	const struct samv_type *t;
	size_t i;

	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: %s DIR\n", prog);
		return 2;
	}
	if (write_schema(argv[1], samv_type_repository(), false) < 0)
		return 1;
	for (i = 0; (t = samv_type_at(i)); i++)
		if (write_schema(argv[1], t, false) < 0 || write_schema(argv[1], t, true) < 0)
			return 1;
	if (write_output(argv[1], "notice", "samv-meeting invite or minutes --json",
			 "What samv-meeting invite --json and minutes --json print: the meeting, whom the "
			 "invitation or the minutes go to, the subject and the text, for scripts that send them "
			 "themselves. Every key is always there. See samv-meeting(1).", notice_props) < 0 ||
	    write_output(argv[1], "sync", "samv-sync --json",
			 "What samv-sync --json prints: what happened, every key always there. See samv-sync(1).",
			 sync_props) < 0)
		return 1;
	return 0;
}
