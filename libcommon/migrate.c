/*
 * migrate.c - moving a repository's people off the branch.
 *
 * A repository made before refs/samv/people kept its person records in
 * people/ on the branch under ids made from names ("eva-lind"), which
 * every meeting, action and assessment repeats.  The move gives every
 * person an id that carries no name ("p-7k2m9q"), rewrites every
 * reference to them on the branch (the fields are found from the record
 * types' tables, so a type added later is covered), and moves the records
 * to the people ref.  The former id is kept in the person's record there
 * (former_id), so that the old history can still be read, and goes with
 * the record when the person is forgotten; no commit message names it.
 *
 * The order makes a failure leave the repository as it was: the people
 * ref is created first (compare-and-swap from nothing), the branch then
 * moves by the write's own compare-and-swap, and when that fails the ref
 * is deleted again, from the commit this move made.
 */
#include <stdlib.h>
#include <string.h>

#include "migrate.h"
#include "people.h"
#include "store.h"

#define COMMAND "samv-init --people-ref"

struct paths {
	char **v;
	size_t n, cap;
};

static int paths_add(const char *path, void *arg)
{
	struct paths *p = arg;

	if (*path == '/')
		path++; /* the whole tree's walk names "/dir/file" */
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		char **nv = realloc(p->v, cap * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		p->v = nv;
		p->cap = cap;
	}
	if (!(p->v[p->n] = strdup(path)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	p->n++;
	return 0;
}

static void paths_free(struct paths *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
}

/* Replace the person ids of map found in the person references of rec (a
 * record of t, or an object inside one), counting them in *n. */
static int rewrite(size_t *n, const struct samv_type *t, cJSON *rec, const cJSON *map)
{
	const cJSON *to;
	cJSON *v, *it;
	size_t i;
	int rc, k;

	for (i = 0; i < t->nfields; i++) {
		const struct samv_field *f = &t->fields[i];

		if (!(v = cJSON_GetObjectItemCaseSensitive(rec, f->name)))
			continue;
		if (f->kind == SAMV_F_OBJS) {
			const struct samv_type *sub = samv_subtype_find(f->ref);

			cJSON_ArrayForEach(it, v)
				if (sub && cJSON_IsObject(it) && (rc = rewrite(n, sub, it, map)) < 0)
					return rc;
			continue;
		}
		if ((f->kind != SAMV_F_REF && f->kind != SAMV_F_REFS) || !f->ref || !samv_type_personal(samv_type_find(f->ref)))
			continue;
		if (cJSON_IsString(v)) {
			if ((to = cJSON_GetObjectItemCaseSensitive(map, v->valuestring))) {
				if (!cJSON_ReplaceItemInObjectCaseSensitive(rec, f->name, cJSON_CreateString(to->valuestring)))
					return samv_error_set(SAMV_ERROR, "out of memory");
				(*n)++;
			}
			continue;
		}
		k = 0;
		cJSON_ArrayForEach(it, v) {
			if (cJSON_IsString(it) && (to = cJSON_GetObjectItemCaseSensitive(map, it->valuestring))) {
				if (!cJSON_ReplaceItemInArray(v, k, cJSON_CreateString(to->valuestring)))
					return samv_error_set(SAMV_ERROR, "out of memory");
				(*n)++;
				/* the replacement took it's place: go on from there */
				it = cJSON_GetArrayItem(v, k);
			}
			k++;
		}
	}
	return 0;
}

/* Files of the work tree or index that differ from the branch: the move
 * rewrites files all over the tree, so it starts only from a clean one.
 * An untracked file under people/ counts too: the directory must go. */
static int check_clean(git_repository *repo)
{
	git_status_options so;
	git_status_list *list = NULL;
	const git_status_entry *e;
	const char *path;
	size_t i, n;
	int rc = 0;

	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	if (git_status_list_new(&list, repo, &so) < 0)
		return samv_error_git(SAMV_EIO, "cannot read the work tree's status");
	n = git_status_list_entrycount(list);
	for (i = 0; i < n && rc == 0; i++) {
		e = git_status_byindex(list, i);
		path = e->index_to_workdir ? e->index_to_workdir->new_file.path
		       : e->head_to_index ? e->head_to_index->new_file.path : "?";
		if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED))
			continue;
		if (e->status == GIT_STATUS_WT_NEW && !samv_people_path(path))
			continue;
		rc = samv_error_set(SAMV_EDIRTY, "'%s' has local changes; commit, restore or move them away first", path);
	}
	git_status_list_free(list);
	return rc;
}

/* samv.json says where people are from now on, so that a clone lacking
 * the ref is told so rather than writing people on the branch again. */
static int mark_layout(struct samv_txn *t, struct samv_view *v)
{
	struct samv_buf text = SAMV_BUF_INIT;
	cJSON *rec = NULL;
	int rc;

	if ((rc = samv_record_load_path(&rec, v, samv_type_repository(), SAMV_REPO_FILE)) < 0)
		return rc;
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "people");
	if (!cJSON_AddStringToObject(rec, "people", "ref"))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	else if ((rc = samv_record_format(&text, samv_type_repository(), rec)) == 0)
		rc = samv_txn_put(t, SAMV_REPO_FILE, text.ptr, text.len);
	cJSON_Delete(rec);
	samv_buf_free(&text);
	return rc;
}

/* A new id for a person: "p-" and six random characters, unlike every
 * id in map (old and new). */
static int mint(char out[SAMV_ID_MAX + 1], const cJSON *map)
{
	const cJSON *it;
	bool taken;
	int rc, tries;

	for (tries = 0; tries < 100; tries++) {
		if ((rc = samv_id_mint(out, SAMV_ID_MAX + 1, "p")) < 0)
			return rc;
		taken = cJSON_GetObjectItemCaseSensitive(map, out) != NULL;
		cJSON_ArrayForEach(it, map)
			if (cJSON_IsString(it) && !strcmp(it->valuestring, out))
				taken = true;
		if (!taken)
			return 0;
	}
	return samv_error_set(SAMV_ERROR, "cannot mint a free id");
}

static int message(struct samv_buf *msg, const char *subject, const char *body, const struct samv_staged *v,
		   size_t n)
{
	size_t i;

	if (samv_buf_printf(msg, "%s\n\n%s\n\nSamv-Command: " COMMAND "\n", subject, body) < 0)
		return SAMV_ERROR;
	for (i = 0; i < n; i++)
		if (samv_buf_printf(msg, "Samv-Record: %s\n", v[i].path) < 0)
			return SAMV_ERROR;
	return samv_buf_puts(msg, "Samv-Version: " SAMV_VERSION "\n");
}

/* The people ref back to nothing, if it is still the commit made here. */
static void undo_ref(git_repository *repo, const git_oid *made)
{
	git_reference *ref = NULL;

	if (git_reference_lookup(&ref, repo, SAMV_PEOPLE_REF) == 0 && git_reference_type(ref) == GIT_REFERENCE_DIRECT &&
	    git_oid_equal(git_reference_target(ref), made))
		git_reference_delete(ref);
	git_reference_free(ref);
}

/* No people on the branch: the ref is only started, as samv-init
 * --people-ref does for a new repository. */
static int start_only(struct samv_migration *m, git_repository *repo, bool dry_run)
{
	struct samv_staged none = { NULL, NULL, 0, 0 };
	bool changed;

	m->started = true;
	if (dry_run)
		return 0;
	return samv_people_commit(repo, NULL, NULL, &none, 0,
				  "people: start\n\nSamv-Command: " COMMAND "\nSamv-Version: " SAMV_VERSION "\n",
				  COMMAND, &changed);
}

static int cmp_old(const void *a, const void *b)
{
	return strcmp(samv_record_str(*(cJSON *const *)a, "old"), samv_record_str(*(cJSON *const *)b, "old"));
}

/* The pairs in the order of the old ids, as a reader looks them up. */
static int sort_pairs(cJSON *pairs)
{
	size_t n = (size_t)cJSON_GetArraySize(pairs), i;
	cJSON **v = calloc(n + 1, sizeof(*v));

	if (!v)
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < n; i++)
		v[i] = cJSON_DetachItemFromArray(pairs, 0);
	qsort(v, n, sizeof(*v), cmp_old);
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(pairs, v[i]);
	free(v);
	return 0;
}

/* A new id for every person on the branch: map gets old id -> new id,
 * m->people the pairs. */
static int mint_ids(cJSON *map, struct samv_migration *m, struct samv_view *v, const struct paths *all)
{
	const struct samv_type *pt = samv_type_find("person");
	char id[SAMV_ID_MAX + 1];
	cJSON *rec = NULL, *pair;
	const char *old;
	size_t i;
	int rc = 0;

	for (i = 0; i < all->n && rc == 0; i++) {
		if (samv_people_path(all->v[i]) && samv_type_of_path(all->v[i]) != pt)
			return samv_error_set(SAMV_EINVAL, "'%s' is no person record; move it away from people/ first",
					      all->v[i]);
		if (samv_type_of_path(all->v[i]) != pt)
			continue;
		if ((rc = samv_record_load_path(&rec, v, pt, all->v[i])) < 0 || (rc = mint(id, map)) < 0)
			break;
		old = samv_record_str(rec, "id");
		if (!cJSON_AddStringToObject(map, old, id) || !(pair = cJSON_CreateObject()) ||
		    !cJSON_AddItemToArray(m->people, pair) || !cJSON_AddStringToObject(pair, "old", old) ||
		    !cJSON_AddStringToObject(pair, "new", id))
			rc = samv_error_set(SAMV_ERROR, "out of memory");
		cJSON_Delete(rec);
		rec = NULL;
	}
	cJSON_Delete(rec);
	return rc < 0 ? rc : sort_pairs(m->people);
}

/* The person record under its new id, its former id kept in it. */
static int renamed(cJSON *rec, const cJSON *map)
{
	const cJSON *to = cJSON_GetObjectItemCaseSensitive(map, samv_record_str(rec, "id"));
	cJSON *old = cJSON_DetachItemFromObjectCaseSensitive(rec, "id");

	cJSON_DeleteItemFromObjectCaseSensitive(rec, "former_id");
	if (!to || !old || !cJSON_AddStringToObject(rec, "id", to->valuestring) ||
	    !cJSON_AddStringToObject(rec, "former_id", old->valuestring)) {
		cJSON_Delete(old);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	cJSON_Delete(old);
	return 0;
}

int samv_people_migrate(struct samv_migration *m, const char *dir, bool dry_run)
{
	const struct samv_type *pt = samv_type_find("person"), *t;
	struct samv_buf text = SAMV_BUF_INIT, pmsg = SAMV_BUF_INIT, body = SAMV_BUF_INIT;
	struct samv_staged *moved = NULL;
	struct samv_store *s = NULL;
	struct samv_txn *t_ = NULL;
	struct paths all = { NULL, 0, 0 };
	struct samv_view *v;
	git_repository *probe = NULL;
	cJSON *map = NULL, *rec = NULL;
	git_oid tip, made;
	bool exists, changed, ref_made = false;
	size_t i, k, before;
	int rc;

	memset(m, 0, sizeof(*m));
	/* dir itself, as samv_init reads it: no search upward */
	if (git_repository_open_ext(&probe, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		samv_error_clear();
		return SAMV_ENOTFOUND;
	}
	git_repository_free(probe);
	if ((rc = samv_store_open(&s, dir)) < 0) {
		if (rc == SAMV_ENOTFOUND)
			samv_error_clear();
		return rc;
	}
	if (!(m->people = cJSON_CreateArray()) || !(m->records = cJSON_CreateArray()) || !(map = cJSON_CreateObject())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = samv_txn_begin(&t_, s, COMMAND)) < 0)
		goto out;
	v = samv_txn_view(t_);
	if ((rc = samv_people_current(&tip, &exists, NULL, s->repo)) < 0)
		goto out;
	if (exists && !samv_people_in_tree(v->tree)) {
		rc = samv_error_set(SAMV_EEXISTS, "'%s' keeps its people on %s already", dir, SAMV_PEOPLE_REF);
		goto out;
	}
	if (exists) {
		rc = samv_error_set(SAMV_EINVAL, "%s exists but the branch still keeps people/ (a move that was "
				    "cut short?); if the ref holds nothing you need, git update-ref -d %s and run "
				    "again", SAMV_PEOPLE_REF, SAMV_PEOPLE_REF);
		goto out;
	}
	if (!dry_run && (rc = check_clean(s->repo)) < 0)
		goto out;
	if (!samv_people_in_tree(v->tree)) {
		rc = start_only(m, s->repo, dry_run);
		goto out;
	}
	if ((rc = samv_view_walk(v, "", paths_add, &all)) < 0 || (rc = mint_ids(map, m, v, &all)) < 0)
		goto out;
	/* the moved records, formatted again for the people ref */
	if (!(moved = calloc((size_t)cJSON_GetArraySize(m->people) + 1, sizeof(*moved)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	k = 0;
	for (i = 0; i < all.n; i++) {
		char path[256];

		if (!(t = samv_type_of_path(all.v[i])) || t == samv_type_repository())
			continue;
		if ((rc = samv_record_load_path(&rec, v, t, all.v[i])) < 0)
			goto out;
		if (t == pt && (rc = renamed(rec, map)) < 0)
			goto out;
		before = m->refs;
		if ((rc = rewrite(&m->refs, t, rec, map)) < 0 || (rc = samv_record_format(&text, t, rec)) < 0)
			goto out;
		if (t == pt) {
			if ((rc = samv_type_path(path, sizeof(path), pt, samv_record_str(rec, "id"))) < 0)
				goto out;
			if (!(moved[k].path = strdup(path)) || !(moved[k].text = malloc(text.len + 1))) {
				rc = samv_error_set(SAMV_ERROR, "out of memory");
				goto out;
			}
			memcpy(moved[k].text, text.ptr, text.len + 1);
			moved[k++].len = text.len;
			if ((rc = samv_txn_put(t_, all.v[i], NULL, 0)) < 0)
				goto out;
		} else if (m->refs != before) {
			if (!cJSON_AddItemToArray(m->records, cJSON_CreateString(all.v[i])) ||
			    (rc = samv_txn_put(t_, all.v[i], text.ptr, text.len)) < 0)
				goto out;
		}
		cJSON_Delete(rec);
		rec = NULL;
	}
	if (dry_run)
		goto out;
	if ((rc = mark_layout(t_, v)) < 0)
		goto out;
	if ((rc = samv_buf_printf(&body, "%d people moved from the branch, each under an id that carries no name "
				  "(the former id is kept in the record, on this ref only).",
				  cJSON_GetArraySize(m->people))) < 0 ||
	    (rc = message(&pmsg, "people: move from the branch", body.ptr, moved, k)) < 0)
		goto out;
	/* the commit point of the people ref: it must not exist yet */
	if ((rc = samv_people_commit(s->repo, NULL, NULL, moved, k, pmsg.ptr, COMMAND ": people: move from the branch",
				     &changed)) < 0 ||
	    (rc = samv_people_tip(&made, &ref_made, NULL, s->repo)) < 0)
		goto out;
	body.len = 0;
	samv_txn_hide_people(t_);
	if ((rc = samv_buf_printf(&body, "%d people now have ids that carry no name; %zu references in %d records "
				  "follow them.\nTheir records are on %s (samv(7), Personal data).",
				  cJSON_GetArraySize(m->people), m->refs, cJSON_GetArraySize(m->records),
				  SAMV_PEOPLE_REF)) < 0 ||
	    (rc = samv_txn_commit(t_, "people: move to " SAMV_PEOPLE_REF, body.ptr, &changed)) < 0)
		goto out;
	ref_made = false;
out:
	if (rc < 0 && ref_made)
		undo_ref(s->repo, &made);
	samv_txn_free(t_);
	for (i = 0; moved && moved[i].path; i++) {
		free(moved[i].path);
		free(moved[i].text);
	}
	free(moved);
	cJSON_Delete(rec);
	cJSON_Delete(map);
	paths_free(&all);
	samv_buf_free(&text);
	samv_buf_free(&pmsg);
	samv_buf_free(&body);
	samv_store_free(s);
	return rc;
}

void samv_migration_free(struct samv_migration *m)
{
	cJSON_Delete(m->people);
	cJSON_Delete(m->records);
	m->people = m->records = NULL;
}
