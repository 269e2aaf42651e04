/* samv-init - create a collaboration repository, or adopt a git one. */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "migrate.h"

enum { O_HELP = 1, O_VERSION, O_NAME, O_REGION, O_LANGUAGE, O_COMPLETE, O_TIMEZONE, O_PEOPLE_REF, O_PEOPLE_ON_BRANCH, O_DRY_RUN };

static const struct samv_opt opts[] = {
	{ "name", 0, SAMV_OPT_ARG, "NAME", N_("name of the collaboration (default: the directory's)"), O_NAME },
	{ "region", 0, SAMV_OPT_ARG, "REGION", N_("the region or area it covers"), O_REGION },
	{ "language", 0, SAMV_OPT_ARG, "LANG", N_("the language of documents: sv or en (default sv); alone, on a samv "
	  "repository, changes it"), O_LANGUAGE },
	{ "timezone", 0, SAMV_OPT_ARG, "ZONE", N_("the time zone of meetings (default Europe/Stockholm)"), O_TIMEZONE },
	{ "people-ref", 0, SAMV_OPT_NONE, NULL, N_("alone, on a samv repository that keeps its people on the branch: "
	  "move them to refs/samv/people (new repositories keep them there; see samv(7), Personal data)"), O_PEOPLE_REF },
	{ "people-on-branch", 0, SAMV_OPT_NONE, NULL, N_("keep people on the branch, under people/, with ids made "
	  "from their names (not for private persons' data)"), O_PEOPLE_ON_BRANCH },
	{ "dry-run", 'n', SAMV_OPT_NONE, NULL, N_("with --people-ref on a samv repository: print the plan of the "
	  "move, change nothing"), O_DRY_RUN },
	{ "help", 'h', SAMV_OPT_NONE, NULL, N_("show this help and exit"), O_HELP },
	{ "version", 0, SAMV_OPT_NONE, NULL, N_("show the version and exit"), O_VERSION },
	{ "completion-helper", 0, SAMV_OPT_NONE, NULL, NULL, O_COMPLETE },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static void help(void)
{
	printf(_("usage: samv-init [OPTIONS] [DIR]\n\n"
	       "Create a samv repository in DIR (default: the current directory), or add\n"
	       "the samv layout to the git repository there in one commit.\n\noptions:\n"));
	samv_opt_help(stdout, opts);
}

/* The move of a repository's people to the people ref, or its plan. */
static int migrate(const char *dir, bool dry_run)
{
	struct samv_migration m;
	const cJSON *it;
	int n;
	int rc = samv_people_migrate(&m, dir, dry_run);

	if (rc < 0)
		goto out;
	if (m.started) {
		printf(dry_run ? _("would start refs/samv/people in %s (the branch keeps no people)\n")
			       : _("Started refs/samv/people in %s (the branch kept no people)\n"), dir);
		goto out;
	}
	if (dry_run) {
		n = cJSON_GetArraySize(m.people);
		printf(ngettext("would move %d person from the branch to refs/samv/people, under a new id:\n",
				"would move %d people from the branch to refs/samv/people, under new ids:\n",
				(unsigned long)n),
		       n);
		cJSON_ArrayForEach(it, m.people)
			printf("  %s -> %s\n", samv_record_str(it, "old"), samv_record_str(it, "new"));
		n = cJSON_GetArraySize(m.records);
		printf(ngettext("would rewrite %d record (references: %zu):\n", "would rewrite %d records (references: %zu):\n",
				(unsigned long)n),
		       n, m.refs);
		cJSON_ArrayForEach(it, m.records)
			printf("  %s\n", it->valuestring);
		printf(_("would remove people/ from the branch; one commit on each (nothing written now)\n"));
		goto out;
	}
	n = cJSON_GetArraySize(m.people);
	printf(ngettext("Moved %d person to refs/samv/people in %s", "Moved %d people to refs/samv/people in %s",
			(unsigned long)n),
	       n, dir);
	n = cJSON_GetArraySize(m.records);
	printf(ngettext("; %d record rewritten (references: %zu)\n", "; %d records rewritten (references: %zu)\n",
			(unsigned long)n),
	       n, m.refs);
out:
	samv_migration_free(&m);
	return rc;
}

int main(int argc, char **argv)
{
	const struct samv_opt *tables[] = { opts, NULL };
	struct samv_optstate st = { 1, NULL, NULL, NULL, 0, false };
	struct samv_init_opts o = { NULL, NULL, NULL, NULL, false };
	const char *dir;
	bool created, changed, people_ref = false, on_branch = false, dry_run = false;
	int id, rc = 0;

	samv_alloc_init();
	samv_i18n_init();
	if (!(st.ops = calloc((size_t)argc + 1, sizeof(*st.ops)))) {
		fprintf(stderr, _("samv-init: out of memory\n"));
		return SAMV_EXIT_FAIL;
	}
	while ((id = samv_opt_next(&st, argc, argv, tables)) > 0) {
		switch (id) {
		case O_HELP: help(); goto out;
		case O_VERSION: samv_print_version(stdout, "samv-init"); goto out;
		case O_COMPLETE: samv_opt_complete(stdout, opts); goto out;
		case O_NAME: o.name = st.arg; break;
		case O_REGION: o.region = st.arg; break;
		case O_LANGUAGE: o.language = st.arg; break;
		case O_TIMEZONE: o.timezone = st.arg; break;
		case O_PEOPLE_REF: people_ref = true; break;
		case O_PEOPLE_ON_BRANCH: on_branch = true; break;
		case O_DRY_RUN: dry_run = true; break;
		}
	}
	if ((rc = id) < 0)
		goto fail;
	if (st.nops > 1) {
		rc = samv_error_set(SAMV_EUSAGE, "too many arguments (usage: samv-init [OPTIONS] [DIR])");
		goto fail;
	}
	if (people_ref && on_branch) {
		rc = samv_error_set(SAMV_EUSAGE, "--people-ref and --people-on-branch: choose one");
		goto fail;
	}
	o.people_on_branch = on_branch;
	dir = st.nops ? st.ops[0] : ".";
	if ((rc = samv_env_check()) < 0)
		goto fail;
	samv_git_init();
	/* --language alone on a samv repository changes its document language */
	if (o.language && !o.name && !o.region && !o.timezone) {
		rc = samv_init_language(dir, o.language, &changed);
		if (rc != SAMV_ENOTFOUND) {
			git_libgit2_shutdown();
			if (rc < 0)
				goto fail;
			printf(changed ? _("Document language of %s set to %s\n") : _("Document language of %s is already %s\n"),
			       dir, o.language);
			goto out;
		}
		samv_error_clear();
	}
	/* --people-ref alone on a samv repository moves its people */
	if (people_ref && !o.name && !o.region && !o.language && !o.timezone) {
		rc = migrate(dir, dry_run);
		if (rc != SAMV_ENOTFOUND) {
			git_libgit2_shutdown();
			if (rc < 0)
				goto fail;
			goto out;
		}
	}
	if (dry_run) {
		git_libgit2_shutdown();
		rc = samv_error_set(SAMV_EUSAGE, "--dry-run: only with --people-ref alone, on a samv repository");
		goto fail;
	}
	rc = samv_init(dir, &o, &created);
	git_libgit2_shutdown();
	if (rc < 0)
		goto fail;
	printf(created ? _("Initialised samv repository in %s\n") : _("Added the samv layout in %s\n"), dir);
	goto out;
fail:
	fprintf(stderr, "samv-init: %s\n", samv_error_last());
out:
	free(st.ops);
	return samv_exit_status(rc);
}
