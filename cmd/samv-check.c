/* samv-check - validate a whole repository, every problem on its own line. */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "checkcache.h"

enum { O_HELP = 1, O_VERSION, O_DIR, O_REV, O_JSON, O_NO_HISTORY, O_FAIL_ON, O_COMPLETE, O_COMPVALUES };

static const struct samv_opt opts[] = {
	{ "rev", 'r', SAMV_OPT_ARG, "REV", N_("check the repository as of a commit, not the work tree"), O_REV },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the problems as a JSON array"), O_JSON },
	{ "no-history", 0, SAMV_OPT_NONE, NULL, N_("skip the check of the Agreement's history"), O_NO_HISTORY },
	{ "fail-on", 0, SAMV_OPT_ARG, "WHAT", N_("exit 1 on these warnings too: personal-data, warnings (all; "
	  "comma-separated)"), O_FAIL_ON },
	SAMV_OPTS_COMMON(O_DIR, O_HELP, O_VERSION, O_COMPLETE),
	{ "completion-values", 0, SAMV_OPT_ARG, "OPTION", NULL, O_COMPVALUES },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static void help(void)
{
	printf(_("usage: samv-check [OPTIONS]\n\n"
	       "Validate every file of the repository: silent with exit status 0 when all\n"
	       "is well, else one 'file:line:col: code: message' line a problem and exit 1.\n"
	       "Also checks that every change of the Agreement in the history rests on an\n"
	       "adopted decision.\n\n"
	       "options:\n"));
	samv_opt_help(stdout, opts);
}

/* Which warnings --fail-on makes fail: bit 1 personal data, bit 2 all. */
static int parse_fail_on(unsigned *out, const char *what)
{
	char buf[128], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", what);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "personal-data"))
			*out |= 1;
		else if (!strcmp(tok, "warnings"))
			*out |= 2;
		else
			return samv_error_set(SAMV_EUSAGE, "--fail-on: '%s' is not one of personal-data, warnings", tok);
	}
	return 0;
}

/* Problems, and the warnings --fail-on names. */
static size_t failing(const struct samv_problems *pr, unsigned fail_on)
{
	size_t i, n = samv_problems_errors(pr);

	for (i = 0; i < pr->n; i++)
		if (samv_problem_is_warning(&pr->v[i]) &&
		    ((fail_on & 2) || ((fail_on & 1) && !strncmp(pr->v[i].code, "personal-", 9))))
			n++;
	return n;
}

int main(int argc, char **argv)
{
	const struct samv_opt *tables[] = { opts, NULL };
	struct samv_optstate st = { 1, NULL, NULL, NULL, 0, false };
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	struct samv_buf note = SAMV_BUF_INIT;
	struct samv_store *s = NULL;
	struct samv_view *v = NULL;
	const char *dir = NULL, *rev = NULL;
	bool json = false, history = true;
	unsigned fail_on = 0;
	int id, rc = 0;

	samv_alloc_init();
	/* every record file parsed and freed, one after another */
	samv_jsonpool_install();
	samv_i18n_init();
	samv_git_init();
	/* objects are not hashed again on every read, as git does not
	 * (git fsck checks the store): the history's walk reads thousands */
	samv_git_strict(false);
	if (!(st.ops = calloc((size_t)argc + 1, sizeof(*st.ops)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto fail;
	}
	while ((id = samv_opt_next(&st, argc, argv, tables)) > 0) {
		switch (id) {
		case O_HELP: help(); goto out;
		case O_VERSION: samv_print_version(stdout, "samv-check"); goto out;
		case O_COMPLETE: samv_opt_complete(stdout, opts); goto out;
		case O_COMPVALUES:
			if (!strcmp(st.arg, "--fail-on"))
				printf("personal-data\nwarnings\n");
			goto out;
		case O_FAIL_ON:
			if ((rc = parse_fail_on(&fail_on, st.arg)) < 0)
				goto fail;
			break;
		case O_DIR: dir = st.arg; break;
		case O_REV: rev = st.arg; break;
		case O_JSON: json = true; break;
		case O_NO_HISTORY: history = false; break;
		}
	}
	if ((rc = id) < 0)
		goto fail;
	if (st.nops) {
		rc = samv_error_set(SAMV_EUSAGE, "unexpected argument '%s' (usage: samv-check [OPTIONS])", st.ops[0]);
		goto fail;
	}
	if ((rc = samv_store_open(&s, dir)) < 0)
		goto fail;
	/* a write a dead samv process left half-done is finished or undone
	 * first, as the next writer would; then the repository is checked */
	rc = samv_recover(s, &note);
	if (note.len)
		fprintf(stderr, "samv-check: %s\n", note.ptr);
	if (rc < 0)
		goto fail;
	rc = rev ? samv_view_rev(&v, s, rev) : samv_view_worktree(&v, s);
	if (rc < 0 || (rc = samv_check(&pr, v)) < 0)
		goto fail;
	/* every change of the Agreement up to what is checked (for the work
	 * tree: up to HEAD) must rest on an adopted decision */
	if (history && (rc = samv_checkcache_history(&pr, s, rev)) < 0)
		goto fail;
	samv_problems_sort(&pr);
	if (json)
		rc = samv_problems_print_json(stdout, &pr);
	else
		samv_problems_print(stdout, &pr);
	if (rc < 0)
		goto fail;
	rc = failing(&pr, fail_on) ? 1 : 0;
	goto out;
fail:
	fprintf(stderr, "samv-check: %s\n", samv_error_last());
	rc = samv_exit_status(rc);
out:
	samv_problems_free(&pr);
	samv_buf_free(&note);
	samv_view_free(v);
	samv_store_free(s);
	free(st.ops);
	git_libgit2_shutdown();
	return rc;
}
