/* samv-sync - meet the other coordinators on a git remote: fetch, merge
 * records field by field, push. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samv.h"

enum { O_HELP = 1, O_VERSION, O_DIR, O_REMOTE, O_OURS, O_THEIRS, O_SETUP, O_COMPLETE, O_JSON };

static const struct samv_opt opts[] = {
	{ "remote", 0, SAMV_OPT_ARG, "NAME", N_("the remote to sync with (default: the branch's, else origin)"),
	  O_REMOTE },
	{ "ours", 0, SAMV_OPT_NONE, NULL, N_("resolve conflicting fields with your values"), O_OURS },
	{ "theirs", 0, SAMV_OPT_NONE, NULL, N_("resolve conflicting fields with the remote's values"), O_THEIRS },
	{ "setup", 0, SAMV_OPT_NONE, NULL,
	  N_("register the record merge driver for git merge and git pull, then exit"), O_SETUP },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("say what happened as JSON (see samv-sync(1) for its keys)"), O_JSON },
	SAMV_OPTS_COMMON(O_DIR, O_HELP, O_VERSION, O_COMPLETE),
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static void help(void)
{
	printf(_("usage: samv-sync [OPTIONS]\n\n"
	       "Fetch from the remote, combine its commits with yours (records changed on\n"
	       "both sides are merged field by field), and push; again if someone pushed\n"
	       "in between.  One line tells what came in and went out.  When the same\n"
	       "field was changed on both sides nothing changes: the conflicts are listed,\n"
	       "and --ours or --theirs resolves them.\n\n"
	       "options:\n"));
	samv_opt_help(stdout, opts);
}

static void report(const struct samv_sync_result *r)
{
	static const char *const how[] = { N_("up to date"), N_("pushed"), N_("fast-forward"), N_("merged") };

	if (r->how == SAMV_SYNC_UPTODATE) {
		printf(_("samv-sync: up to date (%s)\n"), r->upstream);
		return;
	}
	printf(_("samv-sync: %zu in, %zu out, %s (%s"), r->in, r->out, gettext(how[r->how]), r->upstream);
	if (r->tries)
		printf(ngettext(", %d retry", ", %d retries", (unsigned long)r->tries), r->tries);
	printf(")\n");
}

/* A record's id is its file's name, less ".json". */
static bool path_id(const char *path, char id[SAMV_ID_MAX + 1])
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strlen(base);

	if (n <= 5 || n - 5 > SAMV_ID_MAX || strcmp(base + n - 5, ".json"))
		return false;
	memcpy(id, base, n - 5);
	id[n - 5] = '\0';
	return true;
}

/* --json: the same facts as report() and conflicts(), every key always
 * there; result "conflict" when nothing was changed. */
static int report_json(const struct samv_sync_result *r, bool conflict)
{
	static const char *const how[] = { "up-to-date", "pushed", "fast-forward", "merged" };
	cJSON *o = cJSON_CreateObject(), *list, *c;
	char id[SAMV_ID_MAX + 1];
	size_t i;
	int rc = 0;

	if (!o || !cJSON_AddStringToObject(o, "result", conflict ? "conflict" : how[r->how]) ||
	    !cJSON_AddStringToObject(o, "upstream", r->upstream) ||
	    !cJSON_AddNumberToObject(o, "in", (double)r->in) || !cJSON_AddNumberToObject(o, "out", (double)r->out) ||
	    !cJSON_AddNumberToObject(o, "retries", r->tries) ||
	    !cJSON_AddBoolToObject(o, "unverified", r->unverified) || !(list = cJSON_AddArrayToObject(o, "conflicts")))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; rc == 0 && conflict && i < r->conflicts.n; i++) {
		const struct samv_conflict *k = &r->conflicts.v[i];
		const struct samv_type *t = samv_type_of_path(k->file);
		bool rec = t && t != samv_type_repository() && path_id(k->file, id);

		if (!(c = cJSON_CreateObject()) || !cJSON_AddItemToArray(list, c)) {
			cJSON_Delete(c);
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			break;
		}
		cJSON_AddStringToObject(c, "file", k->file);
		cJSON_AddItemToObject(c, "type", samv_json_str_or_null(rec ? t->name : NULL));
		cJSON_AddItemToObject(c, "id", samv_json_str_or_null(rec ? id : NULL));
		cJSON_AddItemToObject(c, "field", samv_json_str_or_null(*k->field ? k->field : NULL));
		cJSON_AddItemToObject(c, "ours", samv_json_str_or_null(k->ours));
		cJSON_AddItemToObject(c, "theirs", samv_json_str_or_null(k->theirs));
	}
	if (rc == 0)
		rc = samv_print_json(stdout, o);
	cJSON_Delete(o);
	return rc;
}

static void conflicts(const struct samv_sync_result *r)
{
	size_t i;

	for (i = 0; i < r->conflicts.n; i++)
		samv_conflict_print(stderr, "samv-sync", &r->conflicts.v[i], r->upstream);
	fprintf(stderr,
		_("samv-sync: nothing was changed; keep your values with 'samv-sync --ours' or take %s's with "
		"'samv-sync --theirs' (only the conflicting fields), then edit the record if neither is right\n"),
		r->upstream);
}

int main(int argc, char **argv)
{
	const struct samv_opt *tables[] = { opts, NULL };
	struct samv_optstate st = { 1, NULL, NULL, NULL, 0, false };
	struct samv_sync_opts so = { NULL, SAMV_FAVOR_NONE, NULL, NULL };
	struct samv_sync_result r;
	struct samv_store *s = NULL;
	const char *dir = NULL;
	bool setup = false, committed, json = false;
	int id, rc = 0, both = 0;

	samv_alloc_init();
	samv_i18n_init();
	memset(&r, 0, sizeof(r));
	samv_git_init();
	if (!(st.ops = calloc((size_t)argc + 1, sizeof(*st.ops)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto fail;
	}
	while ((id = samv_opt_next(&st, argc, argv, tables)) > 0) {
		switch (id) {
		case O_HELP: help(); goto out;
		case O_VERSION: samv_print_version(stdout, "samv-sync"); goto out;
		case O_COMPLETE: samv_opt_complete(stdout, opts); goto out;
		case O_DIR: dir = st.arg; break;
		case O_REMOTE: so.remote = st.arg; break;
		case O_OURS: both |= 1; so.favor = SAMV_FAVOR_OURS; break;
		case O_THEIRS: both |= 2; so.favor = SAMV_FAVOR_THEIRS; break;
		case O_SETUP: setup = true; break;
		case O_JSON: json = true; break;
		}
	}
	if ((rc = id) < 0)
		goto fail;
	if (st.nops) {
		rc = samv_error_set(SAMV_EUSAGE, "unexpected argument '%s' (usage: samv-sync [OPTIONS])", st.ops[0]);
		goto fail;
	}
	if (both == 3) {
		rc = samv_error_set(SAMV_EUSAGE, "--ours and --theirs cannot be used together");
		goto fail;
	}
	if ((rc = samv_store_open(&s, dir)) < 0)
		goto fail;
	/* relative path remotes ("../shared.git") mean what they mean to git,
	 * which runs in the top of the work tree */
	if (chdir(samv_store_workdir(s)) < 0) {
		rc = samv_error_set(SAMV_EIO, "cannot change to '%s': %s", samv_store_workdir(s), strerror(errno));
		goto fail;
	}
	if (setup && json) {
		rc = samv_error_set(SAMV_EUSAGE, "--json: not with --setup");
		goto fail;
	}
	if (setup) {
		if ((rc = samv_merge_setup(&committed, s, "samv-sync --setup")) < 0)
			goto fail;
		printf(_("samv-sync: the record merge driver is registered%s\n"),
		       committed ? _(" (.gitattributes committed)") : "");
		goto out;
	}
	so.test_gate = getenv("SAMV_SYNC_TEST_GATE");
	so.people_test_gate = getenv("SAMV_SYNC_PEOPLE_TEST_GATE");
	rc = samv_sync(&r, s, &so);
	if (r.unverified)
		fprintf(stderr, _("samv-sync: warning: the server's certificate was not verified (http.sslVerify is "
			"false or GIT_SSL_NO_VERIFY is set)\n"));
	if (rc == SAMV_ECONFLICT) {
		conflicts(&r);
		if (json && report_json(&r, true) < 0)
			goto fail;
		rc = SAMV_EXIT_FAIL;
		goto out;
	}
	if (rc < 0 || (json && (rc = report_json(&r, false)) < 0))
		goto fail;
	if (!json)
		report(&r);
	goto out;
fail:
	fprintf(stderr, "samv-sync: %s\n", samv_error_last());
	rc = samv_exit_status(rc);
out:
	samv_sync_result_free(&r);
	samv_store_free(s);
	free(st.ops);
	git_libgit2_shutdown();
	return rc;
}
