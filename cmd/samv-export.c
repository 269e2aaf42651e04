/* samv-export - the records without personal data, to hand out or publish. */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

#define PROG "samv-export"

enum { O_HELP = 1, O_VERSION, O_DIR, O_COMPLETE, O_COMPVALUES, O_PUBLIC, O_REV, O_LANG, O_FORCE };

static const struct samv_opt opts[] = {
	{ "public", 0, SAMV_OPT_NONE, NULL, N_("without personal data (required: the only kind of export)"), O_PUBLIC },
	{ "rev", 'r', SAMV_OPT_ARG, "REV", N_("export the records as of a commit (default HEAD)"), O_REV },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language of the HTML page (default: the repository's)"), O_LANG },
	{ "force", 'f', SAMV_OPT_NONE, NULL, N_("replace OUTDIR when it is not empty"), O_FORCE },
	SAMV_OPTS_COMMON(O_DIR, O_HELP, O_VERSION, O_COMPLETE),
	{ "completion-values", 0, SAMV_OPT_ARG, "OPTION", NULL, O_COMPVALUES },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static void help(void)
{
	printf(_("usage: %s --public [OPTIONS] OUTDIR\n\n"
	       "Writes OUTDIR: the records as JSON without personal data, an HTML page of\n"
	       "the decisions, the Agreement, the arenas and the meetings held, and\n"
	       "removed.json, what was left out.\n\n"
	       "options:\n"), PROG);
	samv_opt_help(stdout, opts);
	printf(_("\nExit status: 0; 1 on failure (OUTDIR not empty, cannot be written); 2 on bad usage.\n"
	       "See %s(1).\n"), PROG);
}

int main(int argc, char **argv)
{
	const struct samv_opt *tables[] = { opts, NULL };
	struct samv_optstate st = { 1, NULL, NULL, NULL, 0, false };
	struct samv_export_opts eo = { 0 };
	struct samv_store *s = NULL;
	const char *dir = NULL, *compvalues = NULL;
	bool complete = false, public = false;
	char today[11];
	size_t files = 0;
	int id, rc = 0;

	samv_alloc_init();
	samv_i18n_init();
	samv_git_init();
	if (!(st.ops = calloc((size_t)argc + 1, sizeof(*st.ops)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto fail;
	}
	while ((id = samv_opt_next(&st, argc, argv, tables)) > 0) {
		switch (id) {
		case O_HELP: help(); goto out;
		case O_VERSION: samv_print_version(stdout, PROG); goto out;
		case O_COMPLETE: complete = true; break;
		case O_COMPVALUES: compvalues = st.arg; break;
		case O_DIR: dir = st.arg; break;
		case O_PUBLIC: public = true; break;
		case O_REV: eo.rev = st.arg; break;
		case O_LANG: eo.lang = st.arg; break;
		case O_FORCE: eo.force = true; break;
		}
	}
	if ((rc = id) < 0)
		goto fail;
	if (compvalues) {
		if (!strcmp(compvalues, "--lang"))
			printf("sv\nen\n");
		goto out;
	}
	if (complete) {
		samv_opt_complete(stdout, opts);
		goto out;
	}
	/* --public says what the export is: there is no other kind, and
	 * none that carries personal data */
	if (!public) {
		rc = samv_error_set(SAMV_EUSAGE, "--public is required (usage: %s --public [OPTIONS] OUTDIR)", PROG);
		goto fail;
	}
	if (st.nops != 1) {
		rc = st.nops ? samv_error_set(SAMV_EUSAGE, "unexpected argument '%s' (usage: %s --public [OPTIONS] OUTDIR)",
					      st.ops[1], PROG)
			     : samv_error_set(SAMV_EUSAGE, "missing OUTDIR (usage: %s --public [OPTIONS] OUTDIR)", PROG);
		goto fail;
	}
	if (eo.lang && strcmp(eo.lang, "sv") && strcmp(eo.lang, "en")) {
		rc = samv_error_set(SAMV_EUSAGE, "--lang: '%s' is not one of sv, en", eo.lang);
		goto fail;
	}
	samv_date_today(today);
	eo.today = today;
	eo.dir = st.ops[0];
	if ((rc = samv_store_open(&s, dir)) < 0 || (rc = samv_export_public(&files, s, &eo)) < 0)
		goto fail;
	printf(_("exported %zu files to %s\n"), files, eo.dir);
	if (fflush(stdout) != 0) {
		rc = samv_error_set(SAMV_EIO, "cannot write standard output");
		goto fail;
	}
	rc = 0;
	if (samv_store_skipped(s, stderr, PROG, 0) < 0) {
		fprintf(stderr, "%s: %s\n", PROG, samv_error_last());
		rc = SAMV_EXIT_FAIL;
	}
	goto out;
fail:
	if (s)
		samv_store_skipped(s, stderr, PROG, rc);
	fprintf(stderr, "%s: %s\n", PROG, samv_error_last());
	rc = samv_exit_status(rc);
out:
	samv_store_free(s);
	free(st.ops);
	git_libgit2_shutdown();
	return rc;
}
