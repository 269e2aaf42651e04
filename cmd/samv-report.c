/* samv-report - weekly summaries for cron, registers and a dashboard page. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samv.h"

#define PROG "samv-report"

enum {
	O_HELP = 1, O_VERSION, O_DIR, O_COMPLETE, O_COMPVALUES, O_PERIOD, O_SINCE, O_UNTIL, O_FORMAT, O_JSON,
	O_MINUTES_DAYS, O_QUIET, O_FAIL_ON, O_COLOR, O_BOM, O_REV, O_LANG, O_CSV_DIALECT, O_PUBLIC
};

static const struct samv_opt opts[] = {
	{ "period", 'p', SAMV_OPT_ARG, "PERIOD", N_("last-week (summary's default), this-week, 2026-W47, 2026-11, "
	  "2026, all, ..."), O_PERIOD },
	{ "since", 0, SAMV_OPT_ARG, "DATE", N_("the period starts on DATE"), O_SINCE },
	{ "until", 0, SAMV_OPT_ARG, "DATE", N_("the period ends on DATE"), O_UNTIL },
	{ "format", 'f', SAMV_OPT_ARG, "FORMAT", N_("text (default), markdown, json, csv or html"), O_FORMAT },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("the same as --format json"), O_JSON },
	{ "minutes-days", 0, SAMV_OPT_ARG, "N", N_("minutes are late N days after a meeting (default 7)"), O_MINUTES_DAYS },
	{ "quiet-if-empty", 'q', SAMV_OPT_NONE, NULL, N_("print nothing when every figure is 0"), O_QUIET },
	{ "fail-on", 0, SAMV_OPT_ARG, "WHAT", N_("exit 4 when there are overdue actions, decisions due, late "
	  "minutes or adopted decisions not anchored (overdue, due, late, unanchored; comma-separated)"), O_FAIL_ON },
	{ "color", 0, SAMV_OPT_ARG, "WHEN", N_("bold headings: auto (on a terminal, unless NO_COLOR), always, never"),
	  O_COLOR },
	{ "bom", 0, SAMV_OPT_NONE, NULL, N_("csv: start with a UTF-8 byte order mark (for Excel)"), O_BOM },
	{ "rev", 'r', SAMV_OPT_ARG, "REV", N_("read the records as of a commit (default HEAD)"), O_REV },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language of the report (default: the repository's)"), O_LANG },
	{ "csv-dialect", 0, SAMV_OPT_ARG, "DIALECT", N_("csv: rfc4180 (default) or excel-sv (';', BOM, for Swedish "
	  "Excel)"), O_CSV_DIALECT },
	{ "public", 0, SAMV_OPT_NONE, NULL, N_("without personal data: people by organisation and role, personal "
	  "fields left out, and what was removed (see samv-export(1))"), O_PUBLIC },
	SAMV_OPTS_COMMON(O_DIR, O_HELP, O_VERSION, O_COMPLETE),
	{ "completion-values", 0, SAMV_OPT_ARG, "OPTION", NULL, O_COMPVALUES },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static void help(void)
{
	printf(_("usage: %s [OPTIONS] [REPORT [ARENA]]\n\n"
	       "Reports on the collaboration, from the records at the tip of the branch:\n"
	       "  summary        meetings, decisions, the Agreement, actions, minutes (default)\n"
	       "  arena ID       one arena's meetings, attendance and decisions\n"
	       "  decisions      the decision register, with chains\n"
	       "  actions        open and overdue follow-ups by owner\n"
	       "  participation  who is at the table: sectors, kinds, levels, roles\n"
	       "  agreement      the changelog of the Agreement\n"
	       "  resources      money, time and premises by party and sector\n"
	       "  anchoring      each party's anchoring of decisions at home (förankring)\n\n"
	       "options:\n"), PROG);
	samv_opt_help(stdout, opts);
	printf(_("\nExit status: 0; 1 on failure; 2 on bad usage; 3 when the repository is busy;\n"
	       "4 when --fail-on finds something.\n"
	       "See %s(1).\n"), PROG);
}

static int complete_values(const char *opt)
{
	static const char *const values[][8] = {
		{ "--format", "text", "markdown", "json", "csv", "html", NULL },
		{ "--color", "auto", "always", "never", NULL },
		{ "--lang", "sv", "en", NULL },
		{ "--csv-dialect", "rfc4180", "excel-sv", NULL },
		{ "--fail-on", "overdue", "due", "late", "unanchored", NULL },
		{ "--period", "last-week", "this-week", "last-month", "this-month", "last-year", "this-year", "all" },
	};
	size_t i, j;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		if (!strcmp(values[i][0], opt))
			for (j = 1; j < 8 && values[i][j]; j++)
				printf("%s\n", values[i][j]);
	return 0;
}

/* Whether the figures say --fail-on's condition holds (exit 4). */
static int fail_on(bool *hit, const cJSON *doc, const char *what)
{
	char buf[128], *tok, *save = NULL;

	*hit = false;
	if (!what)
		return 0;
	snprintf(buf, sizeof(buf), "%s", what);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "overdue"))
			*hit |= samv_report_figure(doc, "actions_overdue") > 0;
		else if (!strcmp(tok, "due"))
			*hit |= samv_report_figure(doc, "decisions_due") > 0;
		else if (!strcmp(tok, "late"))
			*hit |= samv_report_figure(doc, "minutes_late") > 0;
		else if (!strcmp(tok, "unanchored"))
			*hit |= samv_report_figure(doc, "unanchored") > 0;
		else
			return samv_error_set(SAMV_EUSAGE, "--fail-on: '%s' is not one of overdue, due, late, unanchored",
					      tok);
	}
	return 0;
}

static bool want_color(const char *when)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (!strcmp(when, "always"))
		return true;
	if (!strcmp(when, "never"))
		return false;
	return isatty(STDOUT_FILENO) && !(no && *no) && !(term && !strcmp(term, "dumb"));
}

int main(int argc, char **argv)
{
	const struct samv_opt *tables[] = { opts, NULL };
	struct samv_optstate st = { 1, NULL, NULL, NULL, 0, false };
	struct samv_report_opts ro = { 0 };
	struct samv_render_opts rend = { SAMV_RENDER_TEXT, false, false, NULL, false };
	struct samv_view *view = NULL;
	const char *lang = NULL, *dialect = NULL;
	char doclang[3];
	struct samv_buf out = SAMV_BUF_INIT;
	struct samv_store *s = NULL;
	const char *dir = NULL, *period = NULL, *since = NULL, *until = NULL, *format = "text";
	const char *failon = NULL, *color = "auto", *compvalues = NULL, *days = NULL;
	bool quiet = false, complete = false, hit = false, people;
	cJSON *doc = NULL;
	char today[11], *end;
	long n;
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
		case O_PERIOD: period = st.arg; break;
		case O_SINCE: since = st.arg; break;
		case O_UNTIL: until = st.arg; break;
		case O_FORMAT: format = st.arg; break;
		case O_JSON: format = "json"; break;
		case O_MINUTES_DAYS: days = st.arg; break;
		case O_QUIET: quiet = true; break;
		case O_FAIL_ON: failon = st.arg; break;
		case O_COLOR: color = st.arg; break;
		case O_BOM: rend.bom = true; break;
		case O_REV: ro.rev = st.arg; break;
		case O_LANG: lang = st.arg; break;
		case O_CSV_DIALECT: dialect = st.arg; break;
		case O_PUBLIC: ro.public = true; break;
		}
	}
	if ((rc = id) < 0)
		goto fail;
	if (compvalues) {
		complete_values(compvalues);
		goto out;
	}
	if (complete) {
		for (n = 0; !st.nops && samv_report_name((size_t)n); n++)
			printf("%s\n", samv_report_name((size_t)n));
		samv_opt_complete(stdout, opts);
		goto out;
	}
	ro.report = st.nops ? st.ops[0] : "summary";
	ro.arena = st.nops > 1 ? st.ops[1] : NULL;
	if (st.nops > (strcmp(ro.report, "arena") ? 1 : 2)) {
		rc = samv_error_set(SAMV_EUSAGE, "unexpected argument '%s' (usage: %s [OPTIONS] [REPORT [ARENA]])",
				    st.ops[strcmp(ro.report, "arena") ? 1 : 2], PROG);
		goto fail;
	}
	if ((rc = samv_render_format(&rend.format, format)) < 0)
		goto fail;
	if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never")) {
		rc = samv_error_set(SAMV_EUSAGE, "--color: '%s' is not one of auto, always, never", color);
		goto fail;
	}
	if (dialect && strcmp(dialect, "rfc4180") && strcmp(dialect, "excel-sv")) {
		rc = samv_error_set(SAMV_EUSAGE, "--csv-dialect: '%s' is not one of rfc4180, excel-sv", dialect);
		goto fail;
	}
	rend.excel_sv = dialect && !strcmp(dialect, "excel-sv");
	/* JSON and CSV for scripts do not depend on the language nor need its catalog */
	people = rend.format != SAMV_RENDER_JSON && (rend.format != SAMV_RENDER_CSV || rend.excel_sv);
	if (lang && (strcmp(lang, "sv") && strcmp(lang, "en"))) {
		rc = samv_error_set(SAMV_EUSAGE, "--lang: '%s' is not one of sv, en", lang);
		goto fail;
	}
	if (lang && people && (rc = samv_doc_language(doclang, NULL, lang)) < 0)
		goto fail;
	rend.color = rend.format == SAMV_RENDER_TEXT && want_color(color);
	ro.minutes_days = 7;
	if (days) {
		n = strtol(days, &end, 10);
		if (!*days || *end || n < 0 || n > 3650) {
			rc = samv_error_set(SAMV_EUSAGE, "--minutes-days: '%s' is not a number of days (0 to 3650)", days);
			goto fail;
		}
		ro.minutes_days = (int)n;
	}
	if ((rc = fail_on(&hit, NULL, failon)) < 0)
		goto fail;
	samv_date_today(today);
	ro.today = today;
	if (period && (since || until)) {
		rc = samv_error_set(SAMV_EUSAGE, "--period cannot be given with --since or --until");
		goto fail;
	}
	if (since || until)
		rc = samv_period_between(&ro.period, since, until);
	else
		rc = samv_period_parse(&ro.period, period ? period : strcmp(ro.report, "summary") ? "all" : "last-week",
				       today);
	if (rc < 0) {
		if (period)
			samv_error_set(SAMV_EUSAGE, "--period: %s", samv_error_last());
		else
			samv_error_set(SAMV_EUSAGE, "%s", samv_error_last());
		rc = SAMV_EUSAGE;
		goto fail;
	}
	if ((rc = samv_store_open(&s, dir)) < 0)
		goto fail;
	/* --public labels people in the document language, in every format */
	if ((people || ro.public) && !lang &&
	    ((rc = samv_view_rev(&view, s, ro.rev)) < 0 || (rc = samv_doc_language(doclang, view, NULL)) < 0))
		goto fail;
	if (ro.public && lang && !people && (rc = samv_doc_language(doclang, NULL, lang)) < 0)
		goto fail;
	ro.lang = ro.public ? doclang : NULL;
	if ((rc = samv_report_build(&doc, s, &ro)) < 0)
		goto fail;
	rend.lang = people ? doclang : NULL;
	fail_on(&hit, doc, failon);
	if (!(quiet && samv_report_empty(doc))) {
		if ((rc = samv_render(&out, doc, &rend)) < 0)
			goto fail;
		if ((out.len && fwrite(out.ptr, 1, out.len, stdout) != out.len) || fflush(stdout) != 0) {
			rc = samv_error_set(SAMV_EIO, "cannot write standard output");
			goto fail;
		}
	}
	rc = hit ? SAMV_EXIT_FOUND : 0;
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
	cJSON_Delete(doc);
	samv_view_free(view);
	samv_buf_free(&out);
	samv_store_free(s);
	free(st.ops);
	git_libgit2_shutdown();
	return rc;
}
