/*
 * export.c - samv-export --public: the records without personal data
 * (public.c) as a directory that can be handed out or put on a web site:
 * one JSON file a record at the path it has in the repository, one HTML
 * page (the decisions, the Agreement and its amendments, the arenas, the
 * meetings held) and removed.json, the statement of what was left out.
 *
 * The directory is written beside its final place and renamed into it,
 * so that a failed export leaves nothing and a reader never sees half.
 */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samv.h"
#include "store.h"

#define PAGE "index.html"
#define STATEMENT "removed.json"

struct exp {
	struct samv_view *v;
	struct samv_public *pub;
	const struct samv_type *t;
	const char *root;  /* the temporary directory */
	char lang[3];
	size_t files;
	cJSON *decisions, *arenas, *meetings, *actors, *agreement, *purposes, *clauses;
};

static int oom(void)
{
	return samv_error_set(SAMV_ERROR, "out of memory");
}

/* mkdir -p of path's directories, under root (which exists). */
static int make_dirs(const char *root, const char *path)
{
	char full[4096];
	size_t n = strlen(root);
	char *p;

	if (snprintf(full, sizeof(full), "%s/%s", root, path) >= (int)sizeof(full))
		return samv_error_set(SAMV_EINVAL, "%s: path too long", path);
	for (p = full + n + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(full, 0777) < 0 && errno != EEXIST)
			return samv_error_set(SAMV_EIO, "cannot create '%s': %s", full, strerror(errno));
		*p = '/';
	}
	return 0;
}

static int write_file(struct exp *x, const char *path, const char *text, size_t len)
{
	char full[4096];
	bool short_write;
	FILE *f;
	int rc;

	if ((rc = make_dirs(x->root, path)) < 0)
		return rc;
	snprintf(full, sizeof(full), "%s/%s", x->root, path);
	if (!(f = fopen(full, "wx")))
		return samv_error_set(SAMV_EIO, "cannot write '%s': %s", full, strerror(errno));
	short_write = len && fwrite(text, 1, len, f) != len;
	/* closed either way; a full disk may show only here */
	if (fclose(f) != 0 || short_write)
		return samv_error_set(SAMV_EIO, "cannot write '%s': %s", full, strerror(errno));
	x->files++;
	return 0;
}

/* Kept for the page: the records it shows, public already. */
static int keep(struct exp *x, const cJSON *rec)
{
	cJSON **to = NULL, *dup;
	const char *n = x->t->name;

	if (!strcmp(n, "decision"))
		to = &x->decisions;
	else if (!strcmp(n, "arena"))
		to = &x->arenas;
	else if (!strcmp(n, "meeting"))
		to = &x->meetings;
	else if (!strcmp(n, "actor"))
		to = &x->actors;
	else if (!strcmp(n, "purpose"))
		to = &x->purposes;
	else if (!strcmp(n, "clause"))
		to = &x->clauses;
	else if (!strcmp(n, "agreement"))
		to = &x->agreement;
	if (!to)
		return 0;
	if ((!*to && !(*to = cJSON_CreateArray())) || !(dup = cJSON_Duplicate(rec, true)))
		return oom();
	cJSON_AddItemToArray(*to, dup);
	return 0;
}

static int export_one(const char *path, void *arg)
{
	struct exp *x = arg;
	struct samv_buf text = SAMV_BUF_INIT;
	char out[256];
	cJSON *rec = NULL;
	int rc;

	/* agreement/ holds the clauses' and purposes' directories too */
	if (samv_type_of_path(path) != x->t)
		return 0;
	if ((rc = samv_record_load_path(&rec, x->v, x->t, path)) < 0 ||
	    (rc = samv_public_record(x->pub, x->t, rec)) < 0)
		goto out;
	/* a person may have a new id, and so a new place */
	if (samv_type_personal(x->t)) {
		if ((rc = samv_type_path(out, sizeof(out), x->t, samv_record_str(rec, "id"))) < 0)
			goto out;
		path = out;
	}
	if ((rc = samv_record_format(&text, x->t, rec)) < 0 || (rc = write_file(x, path, text.ptr, text.len)) < 0 ||
	    (rc = keep(x, rec)) < 0)
		goto out;
out:
	cJSON_Delete(rec);
	samv_buf_free(&text);
	return rc;
}

/* ---- the page ------------------------------------------------------------ */

static cJSON *add_section(cJSON *sections, const char *id, const char *title, const char *const (*cols)[2])
{
	cJSON *s = cJSON_CreateObject(), *cs, *o;

	if (!s || !cJSON_AddItemToArray(sections, s) || !cJSON_AddStringToObject(s, "id", id) ||
	    !cJSON_AddStringToObject(s, "title", title) || !(cs = cJSON_AddArrayToObject(s, "columns")))
		return NULL;
	for (; (*cols)[0]; cols++)
		if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(cs, o) ||
		    !cJSON_AddStringToObject(o, "key", (*cols)[0]) || !cJSON_AddStringToObject(o, "title", (*cols)[1]))
			return NULL;
	return cJSON_AddArrayToObject(s, "rows");
}

static const char *name_in(const cJSON *all, const char *id)
{
	const cJSON *r;

	cJSON_ArrayForEach(r, all)
		if (id && samv_record_str(r, "id") && !strcmp(samv_record_str(r, "id"), id))
			return samv_record_str(r, "name") ? samv_record_str(r, "name") : id;
	return id;
}

/* Row of keys (NULL-terminated pairs key, value; a NULL value is null). */
static bool add_row(cJSON *rows, const char *const *kv)
{
	cJSON *r = cJSON_CreateObject();

	if (!r || !cJSON_AddItemToArray(rows, r))
		return cJSON_Delete(r), false;
	for (; kv[0]; kv += 2)
		if (!(kv[1] ? cJSON_AddStringToObject(r, kv[0], kv[1]) : cJSON_AddNullToObject(r, kv[0])))
			return false;
	return true;
}

static bool agreement_rows(struct exp *x, cJSON *sections)
{
	static const char *const cols[][2] = { { "part", DN_("Part") }, { "text", DN_("Text") }, { NULL, NULL } };
	const cJSON *a = cJSON_GetArrayItem(x->agreement, 0), *r;
	cJSON *rows;
	char part[SAMV_ID_MAX + 220];

	if (!a)
		return true;
	if (!(rows = add_section(sections, "agreement-text", samv_record_str(a, "title") ? samv_record_str(a, "title")
			: DN_("The Agreement"), cols)))
		return false;
	cJSON_ArrayForEach(r, x->purposes) {
		snprintf(part, sizeof(part), "%s %s", D_(x->lang, "Purpose"), samv_record_str(r, "id"));
		if (!add_row(rows, (const char *const[]){ "part", part, "text", samv_record_str(r, "text"), NULL }))
			return false;
	}
	cJSON_ArrayForEach(r, x->clauses) {
		const char *h = samv_record_str(r, "heading");

		snprintf(part, sizeof(part), "%s%s%s", samv_record_str(r, "id"), h ? " " : "", h ? h : "");
		if (!add_row(rows, (const char *const[]){ "part", part, "text", samv_record_str(r, "text"), NULL }))
			return false;
	}
	return true;
}

static bool register_rows(struct exp *x, cJSON *sections)
{
	static const char *const dcols[][2] = {
		{ "date", DN_("Date") }, { "id", DN_("Id") }, { "title", DN_("Title") }, { "kind", DN_("Kind") },
		{ "status", DN_("Status") }, { "text", DN_("Text") }, { NULL, NULL }
	};
	static const char *const acols[][2] = {
		{ "name", DN_("Arena") }, { "kind", DN_("Kind") }, { "status", DN_("Status") },
		{ "members", DN_("Members") }, { NULL, NULL }
	};
	static const char *const mcols[][2] = {
		{ "date", DN_("Date") }, { "arena", DN_("Arena") }, { "title", DN_("Title") },
		{ "summary", DN_("Summary") }, { "direction", DN_("Direction") }, { NULL, NULL }
	};
	const cJSON *r, *m;
	cJSON *rows;
	struct samv_buf mem = SAMV_BUF_INIT;
	bool ok = true;

	if (!(rows = add_section(sections, "decisions", DN_("Decisions"), dcols)))
		return false;
	cJSON_ArrayForEach(r, x->decisions)
		if (!add_row(rows, (const char *const[]){ "date", samv_record_str(r, "date"), "id", samv_record_str(r, "id"),
			     "title", samv_record_str(r, "title"), "kind", samv_record_str(r, "kind"),
			     "status", samv_record_str(r, "status"), "text", samv_record_str(r, "text"), NULL }))
			return false;
	if (!(rows = add_section(sections, "arenas", DN_("Arenas"), acols)))
		return false;
	cJSON_ArrayForEach(r, x->arenas) {
		mem.len = 0;
		cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(r, "members"))
			if (cJSON_IsString(m) && (samv_buf_puts(&mem, mem.len ? ", " : "") < 0 ||
						  samv_buf_puts(&mem, name_in(x->actors, m->valuestring)) < 0))
				ok = false;
		if (!ok || !add_row(rows, (const char *const[]){ "name", samv_record_str(r, "name"), "kind",
				    samv_record_str(r, "kind"), "status", samv_record_str(r, "status"), "members",
				    mem.len ? mem.ptr : "", NULL })) {
			ok = false;
			break;
		}
	}
	samv_buf_free(&mem);
	if (!ok || !(rows = add_section(sections, "meetings", DN_("Meetings held"), mcols)))
		return false;
	cJSON_ArrayForEach(r, x->meetings) {
		const char *st = samv_record_str(r, "status");

		if (st && !strcmp(st, "held") &&
		    !add_row(rows, (const char *const[]){ "date", samv_record_str(r, "date"), "arena",
			     name_in(x->arenas, samv_record_str(r, "arena")), "title", samv_record_str(r, "title"),
			     "summary", samv_record_str(r, "summary"), "direction", samv_record_str(r, "direction"),
			     NULL }))
			return false;
	}
	return true;
}

static int by_date(const void *a, const void *b)
{
	const char *x = samv_record_str(*(cJSON *const *)a, "date"), *y = samv_record_str(*(cJSON *const *)b, "date");
	int c = strcmp(x ? x : "", y ? y : "");

	return c ? c : strcmp(samv_record_str(*(cJSON *const *)a, "id"), samv_record_str(*(cJSON *const *)b, "id"));
}

static int page(struct exp *x, struct samv_store *s, const struct samv_export_opts *o, const char *coll)
{
	struct samv_report_opts ro = { 0 };
	struct samv_render_opts rend = { SAMV_RENDER_HTML, false, false, NULL, false };
	struct samv_buf html = SAMV_BUF_INIT;
	cJSON *doc = NULL, *changes = NULL, *loc = NULL, *sections, *p, *it;
	int rc;

	ro.report = "agreement";
	ro.rev = o->rev;
	ro.today = o->today;
	ro.public = true;
	ro.lang = x->lang;
	if ((rc = samv_period_parse(&ro.period, "all", o->today)) < 0 ||
	    (rc = samv_report_build(&changes, s, &ro)) < 0)
		goto out;
	if ((rc = samv_json_sort(x->decisions, by_date)) < 0 || (rc = samv_json_sort(x->meetings, by_date)) < 0)
		goto out;
	if (!(doc = cJSON_CreateObject()) || !cJSON_AddStringToObject(doc, "report", "public") ||
	    !cJSON_AddStringToObject(doc, "title", DN_("Public records")) ||
	    !cJSON_AddStringToObject(doc, "collaboration", coll) || !cJSON_AddNullToObject(doc, "arena") ||
	    !(p = cJSON_AddObjectToObject(doc, "period")) || !cJSON_AddStringToObject(p, "label", ro.period.label) ||
	    !cJSON_AddStringToObject(p, "since", ro.period.since) ||
	    !cJSON_AddStringToObject(p, "until", ro.period.until) || !cJSON_AddStringToObject(doc, "today", o->today) ||
	    !cJSON_AddArrayToObject(doc, "figures") || !(sections = cJSON_AddArrayToObject(doc, "sections")) ||
	    !cJSON_AddArrayToObject(doc, "charts") || !agreement_rows(x, sections)) {
		rc = oom();
		goto out;
	}
	/* the Agreement's amendments, as samv-report agreement tells them */
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(changes, "sections")) {
		const char *id = samv_record_str(it, "id");
		cJSON *dup;

		if (id && strcmp(id, "removed") && (!(dup = cJSON_Duplicate(it, true)) || !cJSON_AddItemToArray(sections, dup))) {
			rc = oom();
			goto out;
		}
	}
	if (!register_rows(x, sections)) {
		rc = oom();
		goto out;
	}
	if ((rc = samv_public_section(sections, x->pub)) < 0 || (rc = samv_report_localize(&loc, doc, x->lang)) < 0)
		goto out;
	rend.lang = x->lang;
	if ((rc = samv_render(&html, loc, &rend)) < 0 || (rc = write_file(x, PAGE, html.ptr, html.len)) < 0)
		goto out;
out:
	cJSON_Delete(doc);
	cJSON_Delete(loc);
	cJSON_Delete(changes);
	samv_buf_free(&html);
	return rc;
}

/* ---- the directory ------------------------------------------------------- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* 1 when dir is absent, 0 when it is an empty directory, else an error
 * (or 2 when it is a non-empty directory and force allows it). */
static int target_state(const char *dir, bool force)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	bool empty = true;

	if (lstat(dir, &st) < 0) {
		if (errno == ENOENT)
			return 1;
		return samv_error_set(SAMV_EIO, "cannot read '%s': %s", dir, strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return samv_error_set(SAMV_EEXISTS, "'%s' exists and is not a directory", dir);
	if (!(d = opendir(dir)))
		return samv_error_set(SAMV_EIO, "cannot read '%s': %s", dir, strerror(errno));
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			empty = false;
	closedir(d);
	if (empty)
		return 0;
	if (!force)
		return samv_error_set(SAMV_EEXISTS, "'%s' is not empty (--force replaces it)", dir);
	return 2;
}

static int collaboration(char **out, cJSON **repo, struct samv_view *v)
{
	struct samv_buf text = SAMV_BUF_INIT;
	struct samv_pos pos;
	const char *name;
	int rc;

	*out = NULL;
	if ((rc = samv_view_read(&text, v, SAMV_REPO_FILE)) < 0)
		goto out;
	if (samv_json_parse(repo, text.ptr, text.len, &pos) < 0) {
		rc = samv_error_set(SAMV_EINVAL, "%s:%d:%d: %s", SAMV_REPO_FILE, pos.line, pos.col, samv_error_last());
		goto out;
	}
	name = samv_record_str(*repo, "name");
	if (!(*out = strdup(name ? name : "samv")))
		rc = oom();
out:
	samv_buf_free(&text);
	return rc;
}

int samv_export_public(size_t *files, struct samv_store *s, const struct samv_export_opts *o)
{
	struct exp x = { 0 };
	struct samv_buf text = SAMV_BUF_INIT;
	char *tmp = NULL, *old = NULL, *coll = NULL;
	cJSON *repo = NULL, *st = NULL;
	const struct samv_type *t;
	int state, rc;
	size_t i, n;

	*files = 0;
	if ((state = rc = target_state(o->dir, o->force)) < 0)
		return rc;
	if ((rc = samv_view_rev(&x.v, s, o->rev)) < 0 || (rc = samv_doc_language(x.lang, x.v, o->lang)) < 0 ||
	    (rc = samv_public_new(&x.pub, x.v, x.lang)) < 0 || (rc = collaboration(&coll, &repo, x.v)) < 0)
		goto out;
	/* beside the target, so that rename(2) moves it in one step */
	n = strlen(o->dir);
	while (n > 1 && o->dir[n - 1] == '/')
		n--;
	if (!(tmp = malloc(n + 32)) || !(old = malloc(n + 32))) {
		rc = oom();
		goto out;
	}
	snprintf(tmp, n + 32, "%.*s.samv-tmp-XXXXXX", (int)n, o->dir);
	snprintf(old, n + 32, "%.*s.samv-old-XXXXXX", (int)n, o->dir);
	if (!mkdtemp(tmp)) {
		rc = samv_error_set(SAMV_EIO, "cannot create a directory beside '%s': %s", o->dir, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	x.root = tmp;
	if ((rc = samv_public_record(x.pub, samv_type_repository(), repo)) < 0 ||
	    (rc = samv_record_format(&text, samv_type_repository(), repo)) < 0 ||
	    (rc = write_file(&x, SAMV_REPO_FILE, text.ptr, text.len)) < 0)
		goto out;
	for (i = 0; (t = samv_type_at(i)); i++) {
		x.t = t;
		if ((rc = samv_view_walk(x.v, t->dir, export_one, &x)) < 0)
			goto out;
	}
	text.len = 0;
	if ((rc = page(&x, s, o, coll)) < 0 || (rc = samv_public_statement(&st, x.pub)) < 0 ||
	    (rc = samv_json_print(&text, st)) < 0 || (rc = write_file(&x, STATEMENT, text.ptr, text.len)) < 0)
		goto out;
	if (state == 0 && rmdir(o->dir) < 0) {
		rc = samv_error_set(SAMV_EIO, "cannot replace '%s': %s", o->dir, strerror(errno));
		goto out;
	}
	/* --force: the old directory moves aside first and goes last */
	if (state == 2 && (!mkdtemp(old) || rmdir(old) < 0 || rename(o->dir, old) < 0)) {
		rc = samv_error_set(SAMV_EIO, "cannot replace '%s': %s", o->dir, strerror(errno));
		goto out;
	}
	if (rename(tmp, o->dir) < 0) {
		rc = samv_error_set(SAMV_EIO, "cannot write '%s': %s", o->dir, strerror(errno));
		/* what was there before is put back */
		if (state == 2)
			rename(old, o->dir);
		else if (state == 0)
			mkdir(o->dir, 0777);
		goto out;
	}
	if (state == 2)
		rm_tree(old);
	free(tmp);
	tmp = NULL;
	*files = x.files;
out:
	if (tmp)
		rm_tree(tmp);
	free(tmp);
	free(old);
	free(coll);
	cJSON_Delete(repo);
	cJSON_Delete(st);
	samv_buf_free(&text);
	samv_public_free(x.pub);
	samv_view_free(x.v);
	cJSON_Delete(x.decisions);
	cJSON_Delete(x.arenas);
	cJSON_Delete(x.meetings);
	cJSON_Delete(x.actors);
	cJSON_Delete(x.agreement);
	cJSON_Delete(x.purposes);
	cJSON_Delete(x.clauses);
	return rc;
}
