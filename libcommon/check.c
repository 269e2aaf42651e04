/*
 * check.c - validate a whole view: every file parses, every field is
 * right, every reference resolves, every file is where it belongs.  All
 * problems are reported, not just the first.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "arena.h"
#include "cache.h"
#include "checkcache.h"
#include "people.h"
#include "idset.h"
#include "pdscan.h"
#include "store.h"

#define NTYPES SAMV_NTYPES_MAX

/* Positions in a file are found when a problem is reported (locate), not
 * kept for every record: finding one scans the text. */
struct ref {
	const char *path, *field, *id; /* the check's arena */
	const struct samv_type *target;
	/* or, for a file replayed from the cache, its references as kept
	 * (lines, refs_fn) and read again only by check_refs: the cache's,
	 * not copied; field, id and target unused */
	const char *lines;
	size_t row; /* the cache's row of the file, or SIZE_MAX */
};

/* A purpose key named in "serves": it must name a purpose of the Agreement. */
struct served {
	const char *path;
	char key[2];
};

/* An organisation's normalised name, to find the same one added twice. */
struct named {
	char slug[SAMV_ID_MAX + 1];
	const char *path, *id;
};

struct check {
	struct samv_arena arena; /* the strings below: paths, fields, ids */
	struct samv_problems *pr;
	bool some;                      /* only some files: refs by lookup */
	struct named *named;
	size_t nnamed, capnamed;
	struct served *served;
	size_t nserved, capserved;
	struct samv_view *v;
	const struct samv_type *type;   /* of the directory being walked */
	struct samv_idset ids[NTYPES];  /* ids seen, per type */
	struct ref *refs;
	size_t nrefs, caprefs;
	struct samv_pdscan *ps;         /* personal data: whole checks only */
	cJSON *instruments;             /* whole checks: loaded first */
	/* whole checks through the cache (checkcache.c): files without a
	 * problem of their own replayed from their facts, and the decisions
	 * that readers would load, gathered on the way */
	struct samv_checkcache *cc;
	cJSON *decisions;
	bool people_missing;            /* a clone lacking the people ref */
	/* looked up once, not for every file */
	const struct samv_type *t_actor, *t_decision;
	const char *dir;                /* the directory of the last file met */
	size_t dlen;
	const struct samv_type *dir_type; /* its type, or NULL */
	/* what lets check_refs skip the kept files whose references all named
	 * a record at the last check (refs_fast) */
	size_t cur_row;                 /* the row of the file met, or SIZE_MAX */
	bool ids_lost;                  /* a kept file's id changed */
	/* the ids of the files the cache keeps no row of (files with a
	 * problem of their own), lines "type TAB id": the next check must
	 * find them again to skip what refers to them */
	struct samv_buf extra;
};

static const char *arena_dup(struct check *c, const char *s, size_t n)
{
	return samv_arena_dup(&c->arena, s, n);
}

/* t's place among samv_type_at's: the types are one array */
static size_t type_index(const struct samv_type *t)
{
	uintptr_t d = (uintptr_t)t - (uintptr_t)samv_type_at(0);
	size_t i = d / sizeof(*t);

	return d % sizeof(*t) == 0 && i < NTYPES && samv_type_at(i) == t ? i : 0;
}

/* Where key is written in the file at path, read again: only the few
 * records with a problem need it. */
static struct samv_pos locate(struct check *c, const char *path, const char *key)
{
	struct samv_buf text = SAMV_BUF_INIT;
	struct samv_pos pos = { 1, 1 };

	if (samv_view_read(&text, c->v, path) == 0)
		pos = samv_json_locate(text.ptr, key);
	samv_buf_free(&text);
	return pos;
}

static struct ref *ref_new(struct check *c)
{
	if (c->nrefs == c->caprefs) {
		size_t cap = c->caprefs ? c->caprefs * 2 : 64;
		struct ref *nv = realloc(c->refs, cap * sizeof(*nv));

		if (!nv) {
			samv_error_set(SAMV_ERROR, "out of memory");
			return NULL;
		}
		c->refs = nv;
		c->caprefs = cap;
	}
	return &c->refs[c->nrefs];
}

/* path: the arena's already (cross) */
static int add_ref(struct check *c, const char *path, const char *field, size_t flen, const struct samv_type *target,
		   const char *id, size_t idlen)
{
	struct ref *r;

	if (!target)
		return 0;
	if (!(r = ref_new(c)))
		return SAMV_ERROR;
	r->path = path;
	r->target = target;
	r->lines = NULL;
	r->row = c->cur_row;
	if (!(r->field = arena_dup(c, field, flen)) || !(r->id = arena_dup(c, id, idlen)))
		return SAMV_ERROR;
	c->nrefs++;
	return 0;
}

/* A replayed file's references, as the cache keeps them (path and lines
 * the cache's until it is closed, after check_refs). */
static int add_ref_lines(struct check *c, const char *path, const char *lines)
{
	struct ref *r;

	if (!*lines)
		return 0;
	if (!(r = ref_new(c)))
		return SAMV_ERROR;
	memset(r, 0, sizeof(*r));
	r->path = path;
	r->lines = lines;
	r->row = c->cur_row;
	c->nrefs++;
	return 0;
}

struct collect {
	struct check *c;
	const char *path;
};

static int collect_fn(const struct samv_field *f, const struct samv_type *target, const char *id, void *arg)
{
	struct collect *k = arg;

	(void)target;
	return add_ref(k->c, k->path, f->name, strlen(f->name), samv_type_find(f->ref), id, strlen(id));
}

/* A record's references as lines "field TAB type TAB id", what the cache
 * keeps of them (collect_refs replayed by replay_refs). */
static int refs_fn(const struct samv_field *f, const struct samv_type *target, const char *id, void *arg)
{
	struct samv_buf *b = arg;

	(void)target;
	/* pieces, not a printf: a cold check makes one a reference */
	if (samv_buf_puts(b, f->name) < 0 || samv_buf_put(b, "\t", 1) < 0 || samv_buf_puts(b, f->ref) < 0 ||
	    samv_buf_put(b, "\t", 1) < 0 || samv_buf_puts(b, id) < 0 || samv_buf_put(b, "\n", 1) < 0)
		return SAMV_ERROR;
	return 0;
}

/* One line of kept references at p, "field TAB type TAB id": its ends
 * found (0), or -1 when it is not whole (a row damaged by hand). */
struct ref_line {
	const char *tab1, *tab2, *nl;
};

#define REF_FIELD_MAX 128
#define REF_TYPE_MAX 64

static int ref_line(struct ref_line *l, const char *p)
{
	return (l->nl = strchr(p, '\n')) && (l->tab1 = memchr(p, '\t', (size_t)(l->nl - p))) &&
			       (l->tab2 = memchr(l->tab1 + 1, '\t', (size_t)(l->nl - l->tab1 - 1))) &&
			       l->tab1 - p < REF_FIELD_MAX && l->tab2 - l->tab1 - 1 < REF_TYPE_MAX &&
			       l->nl - l->tab2 - 1 < SAMV_ID_MAX + 1
		       ? 0
		       : -1;
}

/* The type a line names, looked up when it is not the line before's (a
 * record's references are mostly to one type or two). */
static const struct samv_type *ref_type(char type[REF_TYPE_MAX], const struct samv_type *t, const struct ref_line *l)
{
	size_t n = (size_t)(l->tab2 - l->tab1 - 1);

	if (!strncmp(type, l->tab1 + 1, n) && !type[n])
		return t;
	memcpy(type, l->tab1 + 1, n);
	type[n] = '\0';
	return samv_type_find(type);
}

/* The references kept as lines added as collect_refs would (lines: only
 * whether they are whole, then kept as they are for check_refs); a line
 * not whole: < 0, the ones before it left added. */
static int replay_refs(struct check *c, const char *path, const char *refs, bool lines)
{
	const struct samv_type *t = NULL;
	char type[REF_TYPE_MAX] = "";
	struct ref_line l;
	const char *p;
	int rc = 0;

	for (p = refs; rc == 0 && *p; p = l.nl + 1) {
		if (ref_line(&l, p) < 0)
			return samv_error_set(SAMV_EIO, "the query cache holds a damaged row for '%s'", path);
		if (lines)
			continue;
		t = ref_type(type, t, &l);
		rc = add_ref(c, path, p, (size_t)(l.tab1 - p), t, l.tab2 + 1, (size_t)(l.nl - l.tab2 - 1));
	}
	return rc < 0 || !lines ? rc : add_ref_lines(c, path, refs);
}

static int collect_refs(struct check *c, const char *path, const cJSON *rec)
{
	struct collect k = { c, path };

	return samv_record_refs(c->type, rec, collect_fn, &k);
}

/* The purpose keys rec serves that must be among the Agreement's, a
 * line each (what the cache keeps of them). */
static int served_lines(struct samv_buf *out, const struct samv_type *t, const cJSON *rec)
{
	const char *status = samv_record_str(rec, "status");
	const cJSON *it;

	/* a decision taken is history: what it served then may have left the
	 * Agreement since, on a later decision */
	if (!strcmp(t->name, "decision") && status && strcmp(status, "proposed"))
		return samv_buf_put(out, "", 0);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, "serves")) {
		if (!cJSON_IsString(it) || samv_purpose_key_check(it->valuestring) < 0)
			continue; /* validation has reported it */
		if (samv_buf_puts(out, it->valuestring) < 0 || samv_buf_put(out, "\n", 1) < 0)
			return SAMV_ERROR;
	}
	return samv_buf_put(out, "", 0);
}

static int add_served(struct check *c, const char *path, const char *lines)
{
	const char *p, *nl;

	for (p = lines; *p && (nl = strchr(p, '\n')); p = nl + 1) {
		struct served *sv;

		if (nl - p != 1)
			return samv_error_set(SAMV_EIO, "the query cache holds a damaged row for '%s'", path);
		if (c->nserved == c->capserved) {
			size_t cap = c->capserved ? c->capserved * 2 : 32;
			struct served *nv = realloc(c->served, cap * sizeof(*nv));

			if (!nv)
				return samv_error_set(SAMV_ERROR, "out of memory");
			c->served = nv;
			c->capserved = cap;
		}
		sv = &c->served[c->nserved];
		sv->path = path;
		sv->key[0] = *p;
		sv->key[1] = '\0';
		c->nserved++;
	}
	return 0;
}

/* Once there is an Agreement, what arenas and proposed decisions serve
 * must be among its purposes. */
static int check_served(struct check *c)
{
	char path[64];
	size_t i;
	int rc = 0;

	if (!samv_view_exists(c->v, "agreement/agreement.json"))
		return 0;
	for (i = 0; i < c->nserved && rc == 0; i++) {
		snprintf(path, sizeof(path), "agreement/purposes/%s.json", c->served[i].key);
		if (!samv_view_exists(c->v, path))
			rc = samv_problem_add(c->pr, c->served[i].path, locate(c, c->served[i].path, "serves"),
					      "unknown-purpose",
					      "serves: the Agreement has no purpose '%s'", c->served[i].key);
	}
	return rc;
}

/* The slug of an actor's name, when it is one the rule on names looks
 * at (not retired) (1), else 0. */
static int actor_slug(char out[SAMV_ID_MAX + 1], const struct samv_type *t, const cJSON *rec)
{
	const char *status = samv_record_str(rec, "status"), *name = samv_record_str(rec, "name");

	if (t != samv_type_find("actor") || (status && !strcmp(status, "retired")) || !name)
		return 0;
	if (samv_id_slug(out, SAMV_ID_MAX + 1, name) < 0 || !out[0]) {
		samv_error_clear();
		return 0;
	}
	return 1;
}

static int add_named(struct check *c, const char *path, const char *id, const char *slug)
{
	struct named *n;

	if (!id || strlen(slug) > SAMV_ID_MAX)
		return 0;
	if (c->nnamed == c->capnamed) {
		size_t cap = c->capnamed ? c->capnamed * 2 : 32;
		struct named *nv = realloc(c->named, cap * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		c->named = nv;
		c->capnamed = cap;
	}
	n = &c->named[c->nnamed];
	strcpy(n->slug, slug);
	n->path = path;
	if (!(n->id = arena_dup(c, id, strlen(id))))
		return SAMV_ERROR;
	c->nnamed++;
	return 0;
}

static int cmp_named(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int d = strcmp(x->slug, y->slug);

	return d ? d : strcmp(x->id, y->id);
}

/* Two coordinators who each added the same organisation on their own
 * clone get two ids (ids are minted with random suffixes, so they never
 * collide): the same normalised name says it is probably one. */
static int check_names(struct check *c)
{
	size_t i;
	int rc = 0;

	if (c->nnamed > 1)
		qsort(c->named, c->nnamed, sizeof(*c->named), cmp_named);
	for (i = 1; i < c->nnamed && rc == 0; i++)
		if (!strcmp(c->named[i].slug, c->named[i - 1].slug))
			rc = samv_problem_add(c->pr, c->named[i].path, locate(c, c->named[i].path, "name"),
					      "probable-duplicate",
					      "actor '%s' has the same name as '%s': probably one organisation "
					      "added twice (retire one, and point its people to the other)",
					      c->named[i].id, c->named[i - 1].id);
	return rc;
}

/* A symbolic link (committed with mode 120000, or in the work tree), a
 * FIFO, device or submodule is named, never opened: 1 when it was. */
static int irregular(struct check *c, const char *path)
{
	enum samv_file_kind k = samv_view_kind(c->v, path);
	int rc;

	if (k == SAMV_FILE_LINK)
		rc = samv_problem_add(c->pr, path, SAMV_POS_FILE, "symlink",
				      "a symbolic link: samv reads only regular files inside the repository");
	else if (k == SAMV_FILE_OTHER)
		rc = samv_problem_add(c->pr, path, SAMV_POS_FILE, "not-a-file",
				      "not a regular file (a FIFO, device, socket or submodule): samv does not open it");
	else
		return 0;
	return rc < 0 ? rc : 1;
}

/* What the rules across records read of a record besides its
 * references: what a file without a problem of its own is kept as in the
 * cache, and replayed from. */
static cJSON *facts_of(const cJSON *rec)
{
	static const char *const keep[] = { "id", "name", "status", "serves", "supersedes", "amends", "confirms", NULL };
	cJSON *out = cJSON_CreateObject(), *dup;
	const cJSON *it;
	size_t i;

	cJSON_ArrayForEach(it, rec) {
		bool want = false;

		for (i = 0; keep[i] && !want; i++)
			want = !strcmp(it->string, keep[i]);
		if (!out || !want)
			continue;
		if (!(dup = cJSON_Duplicate(it, true)) || !cJSON_AddItemToObject(out, it->string, dup)) {
			cJSON_Delete(dup);
			cJSON_Delete(out);
			return NULL;
		}
	}
	return out;
}

/* A record that samv_record_load_all would give: valid and where its id
 * says (store.c, check_placed). */
static bool placed(const cJSON *rec, const struct samv_type *t, const char *path)
{
	const char *id = samv_record_str(rec, "id");
	char want[256];

	return !id || samv_type_path(want, sizeof(want), t, id) < 0 || !strcmp(want, path);
}

/* One assessment against its instrument (answers on the scale, notes
 * where required); rec has no problem of its own. */
static int check_assessment_one(struct check *c, const cJSON *rec)
{
	const struct samv_type *t = samv_type_find("assessment");
	const char *id = samv_record_str(rec, "id"), *name = samv_record_str(rec, "instrument");
	const cJSON *inst;
	char path[256];

	if (!id || samv_id_check(id, NULL) < 0 || samv_type_path(path, sizeof(path), t, id) < 0 || !name)
		return 0;
	if (!(inst = samv_instrument_find(c->instruments, name)))
		return samv_problem_add(c->pr, path, SAMV_POS_FILE, "unknown-instrument",
					"instrument: unknown instrument '%s'", name);
	if (samv_assessment_validate(inst, rec) < 0)
		return samv_problem_add(c->pr, path, SAMV_POS_FILE, "bad-answer", "%s", samv_error_last());
	return 0;
}

/* What the rules across records read of a record (the cache keeps it
 * of a file without a problem of its own: kept_make, kept_read). */
struct kept {
	const char *id;       /* NULL: none */
	const char *slug;     /* an actor's (actor_slug), a person's
			       * (samv_pdscan_person_slug), or NULL */
	const char *served;   /* served_lines */
	const char *refs;     /* refs_fn's lines */
	const char *decision; /* a loadable decision's facts_of, as JSON */
};

/* The fields in order, each '-' (none) or '+' and its text and a NUL. */
static int kept_field(struct samv_buf *out, const char *f)
{
	if (!f)
		return samv_buf_put(out, "-", 1);
	return samv_buf_put(out, "+", 1) < 0 || samv_buf_put(out, f, strlen(f) + 1) < 0 ? SAMV_ERROR : 0;
}

static int kept_make(struct samv_buf *out, const struct samv_type *t, const cJSON *rec, bool loadable,
		     const char *refs)
{
	struct samv_buf served = SAMV_BUF_INIT;
	char slug[SAMV_ID_MAX + 1];
	char *dec = NULL;
	cJSON *facts = NULL;
	bool has = samv_type_personal(t) ? samv_pdscan_person_slug(slug, rec) == 1 : actor_slug(slug, t, rec) == 1;
	int rc;

	if ((rc = served_lines(&served, t, rec)) < 0)
		goto out;
	if (loadable && t == samv_type_find("decision") &&
	    (!(facts = facts_of(rec)) || !(dec = cJSON_PrintUnformatted(facts)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (kept_field(out, samv_record_str(rec, "id")) < 0 || kept_field(out, has ? slug : NULL) < 0 ||
	    kept_field(out, served.ptr) < 0 || kept_field(out, refs) < 0 || kept_field(out, dec) < 0)
		rc = samv_error_set(SAMV_ERROR, "out of memory");
out:
	cJSON_free(dec);
	cJSON_Delete(facts);
	samv_buf_free(&served);
	return rc;
}

/* 0, or < 0 for a row that is not whole (edited by hand) */
static int kept_read(struct kept *k, const char *p, size_t len)
{
	const char **f[] = { &k->id, &k->slug, &k->served, &k->refs, &k->decision };
	const char *end = p + len, *nul;
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (p < end && *p == '-') {
			*f[i] = NULL;
			p++;
			continue;
		}
		if (p >= end || *p != '+' || !(nul = memchr(p + 1, '\0', (size_t)(end - p - 1))))
			return -1;
		*f[i] = p + 1;
		p = nul + 1;
	}
	if (p != end || !k->served || !k->refs)
		return -1;
	for (p = k->served; *p; p += 2) /* a letter and a newline each */
		if (p[1] != '\n')
			return -1;
	return 0;
}

/* The rules across records: a record's id among its type's, and what it
 * refers to, serves and is named, kept for the end.  text NULL: the file
 * is read again only if a problem needs a position in it; rec NULL: its
 * references are k->refs (lines, refs_fn), else found in rec.  kept:
 * path and k's strings outlive the check (the cache's rows), and its
 * references have been added already (replay). */
static int cross_facts(struct check *c, const char *path, const struct samv_type *t, const struct kept *k,
		       const cJSON *rec, const char *text, bool kept)
{
	const char *apath, *aid;
	int rc = 0;

	if (k->id && samv_id_check(k->id, NULL) == 0) {
		if (!(aid = kept ? k->id : arena_dup(c, k->id, strlen(k->id))) ||
		    (rc = samv_idset_add_borrowed(&c->ids[type_index(t)], aid)) < 0)
			return SAMV_ERROR;
		rc = rc == 0 ? samv_problem_add(c->pr, path, text ? samv_json_locate(text, "id") : locate(c, path, "id"),
						"duplicate-id", "another %s has the id '%s'", t->name, k->id)
			     : 0;
	}
	c->type = t;
	if (rc < 0 || !(apath = kept ? path : arena_dup(c, path, strlen(path))))
		return rc < 0 ? rc : SAMV_ERROR;
	if ((!kept && (rc = rec ? collect_refs(c, apath, rec) : replay_refs(c, apath, k->refs, false)) < 0) ||
	    (rc = add_served(c, apath, k->served)) < 0)
		return rc;
	if (t == c->t_actor && k->slug)
		rc = add_named(c, apath, k->id, k->slug);
	return rc;
}

/* The same for a record just parsed; refs not NULL: its references as
 * the cache keeps them (refs_fn). */
static int cross(struct check *c, const char *path, const struct samv_type *t, const cJSON *rec, const char *text,
		 const char *refs)
{
	struct samv_buf served = SAMV_BUF_INIT;
	char slug[SAMV_ID_MAX + 1];
	struct kept k = { samv_record_str(rec, "id"), NULL, NULL, refs, NULL };
	int rc;

	if (actor_slug(slug, t, rec) == 1)
		k.slug = slug;
	if ((rc = served_lines(&served, t, rec)) == 0) {
		k.served = served.ptr;
		rc = cross_facts(c, path, t, &k, refs ? NULL : rec, text, false);
	}
	samv_buf_free(&served);
	return rc;
}

static int keep_decision(struct check *c, const struct samv_type *t, cJSON *facts)
{
	if (t != c->t_decision)
		return 0;
	if (!c->decisions && !(c->decisions = cJSON_CreateArray()))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return cJSON_AddItemToArray(c->decisions, facts) ? 0 : samv_error_set(SAMV_ERROR, "out of memory");
}

/* The file at path, blob oid, from the cache: 1 when it was there. */
static int replay(struct check *c, const char *path, const struct samv_type *t, const git_oid *oid)
{
	bool loadable = false, dec = t == c->t_decision;
	size_t klen, nrefs = c->nrefs, row;
	const char *kept, *kpath;
	cJSON *facts = NULL;
	struct kept k;
	int rc;

	if (!samv_checkcache_get(c->cc, path, oid, &kpath, &kept, &klen, &loadable, &row))
		return 0;
	c->cur_row = row;
	rc = kept_read(&k, kept, klen) < 0 ? -1 : replay_refs(c, kpath, k.refs, true);
	c->cur_row = SIZE_MAX;
	/* a row damaged by hand: the file is checked as if there were none
	 * (its references taken back) */
	if (rc < 0 || (loadable && dec) != (k.decision != NULL) || (k.decision && !(facts = cJSON_Parse(k.decision)))) {
		c->nrefs = nrefs;
		samv_error_clear();
		return 0;
	}
	rc = samv_pdscan_record_kept(c->ps, path, t, k.id, k.slug);
	if (rc == 0)
		rc = cross_facts(c, kpath, t, &k, NULL, NULL, true);
	if (rc == 0 && facts) {
		rc = keep_decision(c, t, facts);
		facts = NULL;
	}
	cJSON_Delete(facts);
	return rc < 0 ? rc : 1;
}

/* A file kept at the last check whose id is not the one it has now
 * (found before its row is replaced): its old id may be gone. */
static void lost_id(struct check *c, const char *path, const cJSON *rec)
{
	const char *old, *id = samv_record_str(rec, "id");
	struct kept k;
	size_t klen;

	if ((old = samv_checkcache_kept_of(c->cc, path, &klen)) &&
	    (kept_read(&k, old, klen) < 0 || !k.id || !id || strcmp(k.id, id)))
		c->ids_lost = true;
}

/* The id of a file the cache keeps no row of (see struct check, extra). */
static int add_extra(struct check *c, const struct samv_type *t, const char *id)
{
	if (!id || samv_id_check(id, NULL) < 0) {
		samv_error_clear();
		return 0;
	}
	return samv_buf_printf(&c->extra, "%s\t%s\n", t->name, id) < 0 ? samv_error_set(SAMV_ERROR, "out of memory")
									 : 0;
}

/* Parse, validate and place one record file. */
static int check_record(struct check *c, const char *path, const struct samv_type *t)
{
	struct samv_buf text = SAMV_BUF_INIT, canon = SAMV_BUF_INIT, refs = SAMV_BUF_INIT, kept = SAMV_BUF_INIT;
	bool cache = c->cc && t != samv_type_repository(), known = false, valid, loadable;
	struct samv_pos pos;
	cJSON *rec = NULL, *facts = NULL;
	const char *id;
	size_t before, row = SIZE_MAX;
	git_oid oid;
	int rc;

	if ((rc = irregular(c, path)) != 0)
		return rc < 0 ? rc : 0;
	if (cache && (rc = samv_checkcache_known(c->cc, path, &oid)) != 0) {
		if (rc < 0 || (rc = replay(c, path, t, &oid)) != 0)
			return rc < 0 ? rc : 0;
		known = true;
	}
	if ((rc = samv_view_read(&text, c->v, path)) < 0) {
		rc = samv_problem_add(c->pr, path, SAMV_POS_FILE, "unreadable", "%s",
				      samv_error_last());
		goto out;
	}
	if (cache && !known) {
		samv_checkcache_hash(&oid, text.ptr, text.len);
		if ((rc = replay(c, path, t, &oid)) != 0) {
			rc = rc < 0 ? rc : 0;
			goto out;
		}
	}
	before = c->pr->n;
	if (samv_json_parse(&rec, text.ptr, text.len, &pos) < 0) {
		rc = samv_problem_add(c->pr, path, pos, "syntax", "%s", samv_error_last());
		goto out;
	}
	if ((rc = samv_record_validate(c->pr, t, rec, path, text.ptr)) < 0)
		goto out;
	valid = c->pr->n == before;
	if (!cJSON_IsObject(rec))
		goto out;
	if (c->ps && (rc = samv_pdscan_record(c->ps, path, t, rec, text.ptr)) < 0)
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
			else if (samv_type_path(want, sizeof(want), t, id) == 0 && strcmp(want, path))
				rc = samv_problem_add(c->pr, path, SAMV_POS_FILE, "misplaced",
						      "belongs at '%s'", want);
		}
		if (rc == 0 && t == samv_type_find("purpose") && id && samv_id_check(id, NULL) == 0 &&
		    samv_purpose_key_check(id) < 0)
			rc = samv_problem_add(c->pr, path, samv_json_locate(text.ptr, "id"), "bad-id",
					      "a purpose's key is one letter a-z, not '%s'", id);
	}
	if (rc == 0 && (rc = samv_record_format(&canon, t, rec)) == 0 &&
	    (canon.len != text.len || memcmp(canon.ptr, text.ptr, text.len)))
		rc = samv_problem_add(c->pr, path, SAMV_POS_FILE, "not-canonical",
				      "not in canonical form (key order, indentation or spacing)");
	if (rc < 0 || t == samv_type_repository())
		goto out;
	/* the rest is for the records samv_record_load_all would give, which
	 * the uncached check reads again at the end (check_decisions,
	 * check_assessments) */
	loadable = valid && placed(rec, t, path);
	if (cache && loadable && t == samv_type_find("assessment") && (rc = check_assessment_one(c, rec)) < 0)
		goto out;
	/* only now: the facts are kept when the file has no problem of its own */
	if (cache && c->pr->n == before) {
		/* the references found once, for the cache and for cross */
		if ((rc = samv_record_refs(t, rec, refs_fn, &refs)) < 0 ||
		    (rc = kept_make(&kept, t, rec, loadable, refs.ptr ? refs.ptr : "")) < 0)
			goto out;
		lost_id(c, path, rec);
		if ((rc = samv_checkcache_put(c->cc, path, &oid, kept.ptr, kept.len, loadable, &row)) < 0)
			goto out;
	}
	c->cur_row = row;
	rc = cross(c, path, t, rec, text.ptr, kept.ptr ? (refs.ptr ? refs.ptr : "") : NULL);
	c->cur_row = SIZE_MAX;
	if (rc == 0 && cache && row == SIZE_MAX)
		rc = add_extra(c, t, samv_record_str(rec, "id"));
	if (rc < 0)
		goto out;
	if (cache && loadable && t == c->t_decision) {
		if (!facts && !(facts = facts_of(rec))) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		rc = keep_decision(c, t, facts);
		facts = NULL;
	}
out:
	cJSON_Delete(facts);
	cJSON_Delete(rec);
	samv_buf_free(&text);
	samv_buf_free(&canon);
	samv_buf_free(&refs);
	samv_buf_free(&kept);
	return rc;
}

static bool allowed_top(const char *name)
{
	static const char *const ok[] = { SAMV_REPO_FILE, "README.md", ".gitattributes", ".gitignore", SAMV_PDSCAN_ALLOW,
					  NULL };
	const char *const *p;

	for (p = ok; *p; p++)
		if (!strcmp(*p, name))
			return true;
	return false;
}

/* The type whose files live in directory dir (flat types) or in its
 * shard directories (the others), or NULL. */
static const struct samv_type *type_of_dir(const char *dir, size_t len, bool flat)
{
	const struct samv_type *t;
	size_t i;

	for (i = 0; (t = samv_type_at(i)); i++)
		if (t->flat == flat && strlen(t->dir) == len && !strncmp(t->dir, dir, len))
			return t;
	return NULL;
}

static bool is_json(const char *path)
{
	size_t n = strlen(path);

	return n > 5 && !strcmp(path + n - 5, ".json");
}

/* stray-file is for what git would track: in the work tree, a file git
 * ignores and does not track (a saved invitation.ics) is not ours. */
static bool git_ignores(const struct samv_view *v, const char *name)
{
	unsigned flags = 0;

	if (!v->root)
		return false;
	if (git_status_file(&flags, v->repo, name) < 0) {
		git_error_clear();
		return false;
	}
	return flags & GIT_STATUS_IGNORED;
}

/* The type whose records are in name's directory (base: its last '/'),
 * or NULL; the walk meets a directory's files one after the other. */
static const struct samv_type *record_dir(struct check *c, const char *name, const char *base)
{
	size_t len = (size_t)(base - name);
	const struct samv_type *t;

	if (c->dir && c->dlen == len && !memcmp(c->dir, name, len))
		return c->dir_type;
	if (!(t = type_of_dir(name, len, true)) && len > 3 && base[-3] == '/')
		t = type_of_dir(name, len - 3, false);
	if ((c->dir = arena_dup(c, name, len))) {
		c->dlen = len;
		c->dir_type = t;
	} else {
		samv_error_clear(); /* out of memory: only not remembered */
	}
	return t;
}

/* Paths from a walk of the root begin with '/'. */
static int top_fn(const char *path, void *arg)
{
	struct check *c = arg;
	const char *name = path + (path[0] == '/'), *base = strrchr(name, '/');
	const struct samv_type *t;
	size_t i;
	int rc;

	/* samv.json is checked first, as the repository record */
	if (strcmp(name, SAMV_REPO_FILE) && (rc = irregular(c, name)) != 0)
		return rc < 0 ? rc : 0;
	if (!base && allowed_top(name))
		return 0;
	/* the repository's own instruments: checked by check_assessments */
	if (!strncmp(name, "instruments/", 12) && !strchr(name + 12, '/') && is_json(name) && strlen(name) > 17)
		return 0;
	if (base && is_json(name) && (t = record_dir(c, name, base))) {
		c->type = t;
		return check_record(c, name, t);
	}
	if (git_ignores(c->v, name))
		return 0;
	if (c->ps && (rc = samv_pdscan_path(c->ps, name)) < 0)
		return rc;
	for (i = 0; (t = samv_type_at(i)); i++) {
		size_t n = strlen(t->dir);

		if (!strncmp(name, t->dir, n) && name[n] == '/')
			return samv_problem_add(c->pr, name, SAMV_POS_FILE, "stray-file",
						"not a record file (expected %s/%s.json)", t->dir,
						t->flat ? "ID" : "XX/ID");
	}
	return samv_problem_add(c->pr, name, SAMV_POS_FILE, "stray-file",
				"does not belong in a samv repository");
}

/* One reference of the file at rpath: a problem when it names no record
 * (1), else 0, or < 0. */
static int check_ref(struct check *c, const char *rpath, const char *field, const struct samv_type *target,
		     const char *id)
{
	char path[256];
	bool known;
	int rc;

	if (c->people_missing && samv_type_personal(target))
		return 0; /* missing-people says why */
	known = c->some ? samv_type_path(path, sizeof(path), target, id) == 0 && samv_view_exists(c->v, path)
			: samv_idset_has(&c->ids[type_index(target)], id);
	if (known)
		return 0;
	rc = samv_problem_addp(c->pr, rpath, locate(c, rpath, field), "bad-ref", "%s: unknown %s '%s'", field,
			       samv_type_the(target), id);
	return rc < 0 ? rc : 1;
}

/* A replayed file's references (whole: replay_refs has read them). */
static int check_ref_lines(struct check *c, const struct ref *r)
{
	const struct samv_type *t = NULL;
	char type[REF_TYPE_MAX] = "", field[REF_FIELD_MAX], id[SAMV_ID_MAX + 1];
	struct ref_line l;
	const char *p;
	int rc = 0;

	for (p = r->lines; rc >= 0 && *p && ref_line(&l, p) == 0; p = l.nl + 1) {
		int one;

		if (!(t = ref_type(type, t, &l)))
			continue;
		memcpy(field, p, (size_t)(l.tab1 - p));
		field[l.tab1 - p] = '\0';
		memcpy(id, l.tab2 + 1, (size_t)(l.nl - l.tab2 - 1));
		id[l.nl - l.tab2 - 1] = '\0';
		if ((one = check_ref(c, r->path, field, t, id)) != 0)
			rc = one;
	}
	return rc;
}

/* What check_refs leaves for the next check: whether people were
 * missing, and the ids of the files kept in no row, a line each. */
static int refs_state(struct samv_buf *out, const struct check *c)
{
	if (samv_buf_printf(out, "people_missing %d\n", c->people_missing) < 0 ||
	    samv_buf_put(out, c->extra.ptr ? c->extra.ptr : "", c->extra.len) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

/*
 * Whether the references of the kept files that named a record at the
 * last check still do, unread: an id goes only with its file, so they do
 * when every file kept then was met again with its id (no row unseen,
 * none with another id) and every id of the files kept in no row is still
 * there, people being missing or not as then.  The ids the check finds
 * are only more: a reference that named nothing then is checked again.
 */
static bool refs_fast(const struct check *c)
{
	const char *state = c->cc ? samv_checkcache_state(c->cc) : NULL, *p, *tab, *nl;
	char want[32], type[64], id[SAMV_ID_MAX + 1];
	const struct samv_type *t;

	if (!state || c->ids_lost || samv_checkcache_unseen(c->cc))
		return false;
	snprintf(want, sizeof(want), "people_missing %d\n", c->people_missing);
	if (strncmp(state, want, strlen(want)))
		return false;
	for (p = state + strlen(want); *p; p = nl + 1) {
		if (!(nl = strchr(p, '\n')) || !(tab = memchr(p, '\t', (size_t)(nl - p))) ||
		    (size_t)(tab - p) >= sizeof(type) || (size_t)(nl - tab - 1) >= sizeof(id))
			return false;
		memcpy(type, p, (size_t)(tab - p));
		type[tab - p] = '\0';
		memcpy(id, tab + 1, (size_t)(nl - tab - 1));
		id[nl - tab - 1] = '\0';
		if (!(t = samv_type_find(type)) || !samv_idset_has(&c->ids[type_index(t)], id))
			return false;
	}
	return true;
}

/* Every reference names a record of its type.  Each kept file's rows
 * say whether one of its references named none, for the next check. */
static int check_refs(struct check *c)
{
	struct samv_buf state = SAMV_BUF_INIT;
	bool fast = refs_fast(c), bad = false;
	size_t i, row = SIZE_MAX;
	int rc = 0, one = 0;

	for (i = 0; i < c->nrefs && rc == 0; i++) {
		const struct ref *r = &c->refs[i];

		/* a kept file's references are one after the other */
		if (r->row != row) {
			if (row != SIZE_MAX && c->cc)
				samv_checkcache_set_refs_bad(c->cc, row, bad);
			row = r->row;
			bad = false;
		}
		if (fast && r->lines && row != SIZE_MAX && !samv_checkcache_refs_bad(c->cc, row))
			continue;
		one = r->lines ? check_ref_lines(c, r) : check_ref(c, r->path, r->field, r->target, r->id);
		if (one < 0)
			rc = one;
		bad |= one > 0;
	}
	if (rc == 0 && row != SIZE_MAX && c->cc)
		samv_checkcache_set_refs_bad(c->cc, row, bad);
	if (rc == 0 && c->cc && (rc = refs_state(&state, c)) == 0)
		rc = samv_checkcache_set_state(c->cc, state.ptr);
	samv_buf_free(&state);
	return rc;
}

/* Every assessment against its instrument (the uncached check; the
 * cached one checks each as it meets it). */
static int check_assessments(struct check *c)
{
	const struct samv_type *t = samv_type_find("assessment");
	cJSON *all = NULL;
	const cJSON *rec;
	size_t skipped;
	int rc;

	/* records broken by hand are skipped: their problems are reported */
	if ((rc = samv_record_load_all(&all, c->v, t, &skipped)) < 0)
		goto out;
	cJSON_ArrayForEach(rec, all) {
		struct samv_problems own = SAMV_PROBLEMS_INIT;
		size_t bad;

		/* a record with problems of its own has been reported already */
		rc = samv_record_validate(&own, t, rec, "", NULL);
		bad = own.n;
		samv_problems_free(&own);
		if (rc < 0)
			break;
		if (!bad && (rc = check_assessment_one(c, rec)) < 0)
			break;
	}
out:
	cJSON_Delete(all);
	return rc;
}

static void check_free(struct check *c)
{
	size_t i;

	samv_arena_free(&c->arena);
	free(c->named);
	free(c->served);
	for (i = 0; i < NTYPES; i++)
		samv_idset_free(&c->ids[i]);
	free(c->refs);
	samv_buf_free(&c->extra);
	samv_pdscan_free(c->ps);
	cJSON_Delete(c->instruments);
	cJSON_Delete(c->decisions);
	samv_checkcache_discard(c->cc);
}

/* The links between decisions (supersedes, amends, confirms) are checked
 * when written; a file edited by hand can still close a cycle, or mark a
 * decision superseded that nothing adopted supersedes. */
static bool superseded_by_someone(const cJSON *all, const char *id)
{
	const cJSON *d;
	const char *st;

	/* the successor may since have ended in its turn: it was adopted */
	cJSON_ArrayForEach(d, all)
		if ((st = samv_record_str(d, "status")) && strcmp(st, "proposed") &&
		    (samv_json_has(cJSON_GetObjectItemCaseSensitive(d, "supersedes"), id) ||
		     samv_json_has(cJSON_GetObjectItemCaseSensitive(d, "confirms"), id)))
			return true;
	return false;
}

static int by_id(const void *a, const void *b)
{
	const char *x = samv_record_str(*(cJSON *const *)a, "id");
	const char *y = samv_record_str(*(cJSON *const *)b, "id");

	return strcmp(x ? x : "", y ? y : "");
}

/* The decisions samv_record_load_all would give: read again (uncached),
 * or gathered by the walk (their facts), in id order. */
static int check_decisions(struct check *c)
{
	const struct samv_type *t = samv_type_find("decision");
	cJSON *all = NULL, *d;
	char path[256];
	size_t bad;
	int rc = 0;

	if (c->cc) {
		all = c->decisions ? c->decisions : cJSON_CreateArray();
		c->decisions = NULL;
		if (!all || (rc = samv_json_sort(all, by_id)) < 0) {
			cJSON_Delete(all);
			return all ? rc : samv_error_set(SAMV_ERROR, "out of memory");
		}
	} else if ((rc = samv_record_load_all(&all, c->v, t, &bad)) < 0) {
		return rc;
	}
	cJSON_ArrayForEach(d, all) {
		const char *id = samv_record_str(d, "id"), *st = samv_record_str(d, "status");

		if (samv_type_path(path, sizeof(path), t, id) < 0)
			continue;
		if (samv_decision_cycle(all, d) < 0)
			rc = samv_problem_add(c->pr, path, samv_json_locate(NULL, "id"), "decision-cycle", "%s",
					      samv_error_last());
		else if (st && !strcmp(st, "superseded") && !superseded_by_someone(all, id))
			rc = samv_problem_add(c->pr, path, samv_json_locate(NULL, "status"), "orphan-superseded",
					      "decision '%s' is superseded, but no decision taken supersedes or confirms it", id);
		if (rc < 0)
			break;
	}
	samv_error_clear();
	cJSON_Delete(all);
	return rc;
}

/* The cache's rows for the view, if there is a cache: they hold for the
 * rules, the allow list and the instruments they were made under. */
static int cache_open(struct check *c)
{
	struct samv_buf allow = SAMV_BUF_INIT;
	char rules[64], *ctx = NULL, *inst = NULL, ahex[GIT_OID_HEXSZ + 1], ihex[GIT_OID_HEXSZ + 1];
	git_oid a, i;
	int rc;

	if (samv_view_read(&allow, c->v, SAMV_PDSCAN_ALLOW) < 0)
		samv_error_clear(); /* none, or a problem of its own: no rows kept */
	samv_checkcache_hash(&a, allow.ptr ? allow.ptr : "", allow.len);
	if (c->instruments && !(inst = cJSON_PrintUnformatted(c->instruments))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	samv_checkcache_hash(&i, inst ? inst : "null", strlen(inst ? inst : "null"));
	samv_cache_rules(rules);
	if (asprintf(&ctx, "%s format %d allow %s%s instruments %s", rules, SAMV_FORMAT,
		     git_oid_tostr(ahex, sizeof(ahex), &a), allow.ptr ? "" : " (none)",
		     git_oid_tostr(ihex, sizeof(ihex), &i)) < 0) {
		ctx = NULL;
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	rc = samv_checkcache_open(&c->cc, c->v, ctx);
out:
	free(ctx);
	cJSON_free(inst);
	samv_buf_free(&allow);
	return rc;
}

int samv_check(struct samv_problems *pr, struct samv_view *v)
{
	struct check c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.pr = pr;
	c.v = v;
	c.t_actor = samv_type_find("actor");
	c.t_decision = samv_type_find("decision");
	c.cur_row = SIZE_MAX;
	if ((rc = samv_pdscan_new(&c.ps, v, pr)) < 0)
		goto out;
	/* the instruments first: an assessment is checked against them when
	 * met, if the cache is used, and the cache's rows depend on them */
	if ((rc = samv_instruments_load(&c.instruments, v, pr)) < 0 || (rc = cache_open(&c)) < 0)
		goto out;
	if (!samv_view_exists(v, SAMV_REPO_FILE))
		rc = samv_problem_add(pr, SAMV_REPO_FILE, SAMV_POS_FILE, "missing-file",
				      "the repository record is missing; see samv-init(1)");
	else
		rc = check_record(&c, SAMV_REPO_FILE, samv_type_repository());
	/* a plain git clone: person references cannot be checked here */
	if (rc == 0 && (c.people_missing = samv_view_people_check(v) < 0))
		rc = samv_problem_add(pr, SAMV_REPO_FILE, SAMV_POS_FILE, "missing-people",
				      "this clone lacks the people records (%s; on the remote, the branch "
				      "samv-people): run samv-sync, or git fetch origin "
				      "samv-people:refs/remotes/origin/samv-people", SAMV_PEOPLE_REF);
	if (rc == 0)
		rc = samv_view_walk(v, "", top_fn, &c);
	if (rc == 0)
		rc = check_refs(&c);
	if (rc == 0)
		rc = check_served(&c);
	if (rc == 0)
		rc = check_names(&c);
	if (rc == 0)
		rc = check_decisions(&c);
	if (rc == 0 && !c.cc)
		rc = check_assessments(&c);
	/* the walk has routed people/: from the people ref, or the branch's */
	if (rc == 0)
		rc = samv_pdscan_finish(c.ps, v->people != NULL);
	if (rc == 0)
		samv_checkcache_close(c.cc);
	else
		samv_checkcache_discard(c.cc);
	c.cc = NULL;
out:
	samv_problems_sort(pr);
	check_free(&c);
	return rc;
}

int samv_check_files(struct samv_problems *pr, struct samv_view *v, const char *const *paths, size_t n)
{
	struct check c;
	size_t i;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.pr = pr;
	c.v = v;
	c.some = true;
	c.t_actor = samv_type_find("actor");
	c.t_decision = samv_type_find("decision");
	c.cur_row = SIZE_MAX;
	for (i = 0; i < n && rc == 0; i++) {
		if (!samv_view_exists(v, paths[i]))
			continue;
		rc = strcmp(paths[i], SAMV_REPO_FILE) ? top_fn(paths[i], &c)
						      : check_record(&c, SAMV_REPO_FILE, samv_type_repository());
	}
	if (rc == 0)
		rc = check_refs(&c);
	if (rc == 0)
		rc = check_served(&c);
	samv_problems_sort(pr);
	check_free(&c);
	return rc;
}
