/*
 * check.c - validate a whole view: every file parses, every field is
 * right, every reference resolves, every file is where it belongs.  All
 * problems are reported, not just the first.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "idset.h"
#include "store.h"

#define NTYPES 16

struct ref {
	char *path;
	struct samv_pos pos;
	const char *field;
	const struct samv_type *target;
	char *id;
};

struct check {
	struct samv_problems *pr;
	struct samv_view *v;
	const struct samv_type *type;   /* of the directory being walked */
	struct samv_idset ids[NTYPES];  /* ids seen, per type */
	struct ref *refs;
	size_t nrefs, caprefs;
};

static size_t type_index(const struct samv_type *t)
{
	size_t i;

	for (i = 0; samv_type_at(i); i++)
		if (samv_type_at(i) == t)
			return i;
	return 0;
}

static int add_ref(struct check *c, const char *path, struct samv_pos pos, const struct samv_field *f,
		   const char *id)
{
	struct ref *r;

	if (c->nrefs == c->caprefs) {
		size_t cap = c->caprefs ? c->caprefs * 2 : 64;
		struct ref *nv = realloc(c->refs, cap * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		c->refs = nv;
		c->caprefs = cap;
	}
	r = &c->refs[c->nrefs];
	r->path = strdup(path);
	r->id = strdup(id);
	r->pos = pos;
	r->field = f->name;
	r->target = samv_type_find(f->ref);
	if (!r->path || !r->id || !r->target) {
		free(r->path);
		free(r->id);
		return r->target ? samv_error_set(SAMV_ERROR, "out of memory") : 0;
	}
	c->nrefs++;
	return 0;
}

static int collect_refs(struct check *c, const char *path, const char *text, const cJSON *rec)
{
	const cJSON *v, *it;
	size_t i;

	for (i = 0; i < c->type->nfields; i++) {
		const struct samv_field *f = &c->type->fields[i];

		if (f->kind != SAMV_F_REF && f->kind != SAMV_F_REFS)
			continue;
		v = cJSON_GetObjectItemCaseSensitive(rec, f->name);
		for (it = cJSON_IsArray(v) ? v->child : v; it; it = cJSON_IsArray(v) ? it->next : NULL)
			if (cJSON_IsString(it) && samv_id_check(it->valuestring, NULL) == 0 &&
			    add_ref(c, path, samv_json_locate(text, f->name), f, it->valuestring) < 0)
				return SAMV_ERROR;
	}
	return 0;
}

/* Parse, validate and place one record file. */
static int check_record(struct check *c, const char *path, const struct samv_type *t)
{
	struct samv_buf text = SAMV_BUF_INIT, canon = SAMV_BUF_INIT;
	struct samv_pos pos;
	cJSON *rec = NULL;
	const char *id;
	int rc;

	if ((rc = samv_view_read(&text, c->v, path)) < 0) {
		rc = samv_problem_add(c->pr, path, (struct samv_pos){ 1, 1 }, "unreadable", "%s",
				      samv_error_last());
		goto out;
	}
	if (samv_json_parse(&rec, text.ptr, text.len, &pos) < 0) {
		rc = samv_problem_add(c->pr, path, pos, "syntax", "%s", samv_error_last());
		goto out;
	}
	if ((rc = samv_record_validate(c->pr, t, rec, path, text.ptr)) < 0)
		goto out;
	if (!cJSON_IsObject(rec))
		goto out;
	if (t == samv_type_repository()) {
		const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(rec, "format");

		if (cJSON_IsNumber(fmt) && fmt->valuedouble != SAMV_FORMAT)
			rc = samv_problem_add(c->pr, path, samv_json_locate(text.ptr, "format"), "bad-value",
					      "format: %g is not supported (this samv writes format %d)",
					      fmt->valuedouble, SAMV_FORMAT);
	} else {
		char want[256], fid[SAMV_ID_MAX + 1];

		id = samv_record_str(rec, "id");
		if (id && samv_id_check(id, NULL) == 0) {
			if (samv_path_id(path, fid) && strcmp(fid, id))
				rc = samv_problem_add(c->pr, path, samv_json_locate(text.ptr, "id"), "id-mismatch",
						      "id '%s' does not match the file name", id);
			else if (samv_id_path(want, sizeof(want), t->dir, id) == 0 && strcmp(want, path))
				rc = samv_problem_add(c->pr, path, (struct samv_pos){ 1, 1 }, "misplaced",
						      "belongs at '%s'", want);
			if (rc == 0 && samv_idset_add(&c->ids[type_index(t)], id) == 0)
				rc = samv_problem_add(c->pr, path, samv_json_locate(text.ptr, "id"), "duplicate-id",
						      "another %s has the id '%s'", t->name, id);
		}
		c->type = t;
		if (rc == 0)
			rc = collect_refs(c, path, text.ptr, rec);
	}
	if (rc == 0 && (rc = samv_record_format(&canon, t, rec)) == 0 &&
	    (canon.len != text.len || memcmp(canon.ptr, text.ptr, text.len)))
		rc = samv_problem_add(c->pr, path, (struct samv_pos){ 1, 1 }, "not-canonical",
				      "not in canonical form (key order, indentation or spacing)");
out:
	cJSON_Delete(rec);
	samv_buf_free(&text);
	samv_buf_free(&canon);
	return rc;
}

static int record_fn(const char *path, void *arg)
{
	struct check *c = arg;
	const char *rest = strchr(path, '/') + 1, *slash = strchr(rest, '/');
	size_t n = strlen(path);

	if (n < 5 || strcmp(path + n - 5, ".json") || !slash || strchr(slash + 1, '/') ||
	    slash - rest != 2)
		return samv_problem_add(c->pr, path, (struct samv_pos){ 1, 1 }, "stray-file",
					"not a record file (expected %s/XX/ID.json)", c->type->dir);
	return check_record(c, path, c->type);
}

static bool allowed_top(const char *name)
{
	static const char *const ok[] = { SAMV_REPO_FILE, "README.md", ".gitattributes", ".gitignore", NULL };
	const char *const *p;

	for (p = ok; *p; p++)
		if (!strcmp(*p, name))
			return true;
	return false;
}

/* Paths from a walk of the root begin with '/'. */
static int top_fn(const char *path, void *arg)
{
	struct check *c = arg;
	const char *name = path + (path[0] == '/'), *slash = strchr(name, '/');
	const struct samv_type *t;
	char dir[256];

	if (!slash && allowed_top(name))
		return 0;
	if (slash) {
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - name), name);
		if ((t = samv_type_by_dir(dir))) {
			c->type = t;
			return record_fn(name, c);
		}
	}
	return samv_problem_add(c->pr, name, (struct samv_pos){ 1, 1 }, "stray-file",
				"does not belong in a samv repository");
}

static int check_refs(struct check *c)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < c->nrefs && rc == 0; i++) {
		struct ref *r = &c->refs[i];

		if (!samv_idset_has(&c->ids[type_index(r->target)], r->id))
			rc = samv_problem_add(c->pr, r->path, r->pos, "bad-ref", "%s: unknown %s '%s'", r->field,
					      r->target->name, r->id);
	}
	return rc;
}

int samv_check(struct samv_problems *pr, struct samv_view *v)
{
	struct check c;
	size_t i;
	int rc;

	memset(&c, 0, sizeof(c));
	c.pr = pr;
	c.v = v;
	if (!samv_view_exists(v, SAMV_REPO_FILE))
		rc = samv_problem_add(pr, SAMV_REPO_FILE, (struct samv_pos){ 1, 1 }, "missing-file",
				      "the repository record is missing; see samv-init(1)");
	else
		rc = check_record(&c, SAMV_REPO_FILE, samv_type_repository());
	if (rc == 0)
		rc = samv_view_walk(v, "", top_fn, &c);
	if (rc == 0)
		rc = check_refs(&c);
	samv_problems_sort(pr);
	for (i = 0; i < NTYPES; i++)
		samv_idset_free(&c.ids[i]);
	for (i = 0; i < c.nrefs; i++) {
		free(c.refs[i].path);
		free(c.refs[i].id);
	}
	free(c.refs);
	return rc;
}
