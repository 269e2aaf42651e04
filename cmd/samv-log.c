/* samv-log - the audit trail: who changed what, when, with which command. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"

enum {
	O_HELP = 1, O_VERSION, O_DIR, O_REV, O_JSON, O_MAX, O_SINCE, O_UNTIL, O_VERIFY, O_NO_SIG,
	O_COMPLETE, O_COMPVALUES
};

static const struct samv_opt opts[] = {
	{ "max-count", 'n', SAMV_OPT_ARG, "N", N_("show at most N commits"), O_MAX },
	{ "since", 0, SAMV_OPT_ARG, "DATE|REV", N_("only commits dated on or after DATE, or made after REV"),
	  O_SINCE },
	{ "until", 0, SAMV_OPT_ARG, "DATE", N_("only commits dated on or before DATE (YYYY-MM-DD)"), O_UNTIL },
	{ "rev", 'r', SAMV_OPT_ARG, "REV", N_("walk the history of REV instead of HEAD"), O_REV },
	{ "verify", 0, SAMV_OPT_NONE, NULL, N_("report every commit that broke the rules (exit 1 if any)"), O_VERIFY },
	{ "no-signatures", 0, SAMV_OPT_NONE, NULL, N_("do not check the commits' signatures"), O_NO_SIG },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print JSON (see samv-log(1) for its shape)"), O_JSON },
	SAMV_OPTS_COMMON(O_DIR, O_HELP, O_VERSION, O_COMPLETE),
	{ "completion-values", 0, SAMV_OPT_ARG, "OPTION", NULL, O_COMPVALUES },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static void help(void)
{
	printf(_("usage: samv-log [OPTIONS] [ID | agreement]\n"
	       "       samv-log --verify [--since REV] [OPTIONS]\n\n"
	       "The history of a record (an id or a unique prefix, of any type), of an arena\n"
	       "with its meetings and decisions, or of the Agreement, from git: each commit's\n"
	       "author, date, samv command, signature, and what changed field by field.\n"
	       "Without an operand, every commit of the repository.  With --verify, every\n"
	       "commit that broke the rules, one 'file:line:col: code: message' line each.\n\n"
	       "options:\n"));
	samv_opt_help(stdout, opts);
}

/* Completion of the operand: every record id, and "agreement". */
static int complete_ids(struct samv_store *s)
{
	struct samv_view *v = NULL;
	const struct samv_type *t;
	const cJSON *rec;
	cJSON *all = NULL;
	size_t i;
	int rc;

	if ((rc = samv_view_rev(&v, s, NULL)) < 0)
		return rc;
	printf("agreement\n");
	for (i = 0; (t = samv_type_at(i)) && rc == 0; i++) {
		if (t->flat)
			continue;
		if ((rc = samv_record_load_all(&all, v, t, NULL)) < 0)
			break;
		cJSON_ArrayForEach(rec, all)
			if (samv_record_str(rec, "id"))
				printf("%s\n", samv_record_str(rec, "id"));
		cJSON_Delete(all);
		all = NULL;
	}
	samv_view_free(v);
	return rc;
}

struct printer {
	bool json;
	long n;
	struct samv_buf buf;
};

static int print_entry(const cJSON *e, void *arg)
{
	struct printer *p = arg;
	int rc;

	p->buf.len = 0;
	if (p->json) {
		if ((rc = samv_buf_puts(&p->buf, p->n ? ",\n    " : "    ")) < 0 ||
		    (rc = samv_json_print_value(&p->buf, e, 2)) < 0)
			return rc;
	} else {
		if ((p->n && (rc = samv_buf_puts(&p->buf, "\n")) < 0) || (rc = samv_log_entry_text(&p->buf, e)) < 0)
			return rc;
	}
	p->n++;
	if (fwrite(p->buf.ptr, 1, p->buf.len, stdout) != p->buf.len)
		return samv_error_set(SAMV_EIO, "cannot write: %s", strerror(errno));
	return 0;
}

static int print_json_head(const char *label, char **paths, size_t n)
{
	struct samv_buf b = SAMV_BUF_INIT;
	size_t i;
	int rc;

	if ((rc = samv_buf_puts(&b, "{\n  \"of\": ")) < 0 || (rc = samv_json_put_string(&b, label)) < 0 ||
	    (rc = samv_buf_puts(&b, ",\n  \"paths\": [")) < 0)
		goto out;
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = samv_buf_puts(&b, i ? ",\n    " : "\n    ")) == 0)
			rc = samv_json_put_string(&b, paths[i]);
	}
	if (rc == 0)
		rc = samv_buf_puts(&b, n ? "\n  ],\n  \"commits\": [\n" : "],\n  \"commits\": [\n");
	if (rc == 0)
		fputs(b.ptr, stdout);
out:
	samv_buf_free(&b);
	return rc;
}

int main(int argc, char **argv)
{
	const struct samv_opt *tables[] = { opts, NULL };
	struct samv_optstate st = { 1, NULL, NULL, NULL, 0, false };
	struct samv_log_opts o = { NULL, NULL, NULL, NULL, 0, true };
	struct printer p = { false, 0, SAMV_BUF_INIT };
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	struct samv_store *s = NULL;
	const char *dir = NULL, *since = NULL, *compvalues = NULL;
	char **paths = NULL, *label = NULL, *end;
	size_t npaths = 0;
	bool verify = false;
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
		case O_VERSION: samv_print_version(stdout, "samv-log"); goto out;
		case O_COMPLETE: samv_opt_complete(stdout, opts); goto out;
		case O_COMPVALUES: compvalues = st.arg; break;
		case O_DIR: dir = st.arg; break;
		case O_REV: o.rev = st.arg; break;
		case O_JSON: p.json = true; break;
		case O_VERIFY: verify = true; break;
		case O_NO_SIG: o.signatures = false; break;
		case O_SINCE: since = st.arg; break;
		case O_UNTIL:
			if (samv_date_check(st.arg) < 0) {
				rc = samv_error_set(SAMV_EUSAGE, "--until: '%s' is not a date (YYYY-MM-DD)", st.arg);
				goto fail;
			}
			o.until = st.arg;
			break;
		case O_MAX:
			errno = 0;
			o.max = strtol(st.arg, &end, 10);
			if (errno || end == st.arg || *end || o.max < 1) {
				rc = samv_error_set(SAMV_EUSAGE, "--max-count: '%s' is not a positive number", st.arg);
				goto fail;
			}
			break;
		}
	}
	if ((rc = id) < 0)
		goto fail;
	if (compvalues) {
		/* the operand's values; options take none worth listing */
		if (strcmp(compvalues, "ID") || samv_store_open(&s, dir) < 0 || complete_ids(s) < 0)
			goto out;
		goto out;
	}
	if (st.nops > 1 || (verify && st.nops)) {
		rc = samv_error_set(SAMV_EUSAGE, "unexpected argument '%s' (usage: samv-log [OPTIONS] [ID])",
				    st.ops[verify ? 0 : 1]);
		goto fail;
	}
	if ((rc = samv_store_open(&s, dir)) < 0)
		goto fail;
	/* libgit2 hashes every object it reads again, which took two thirds
	 * of a walk's time; git log does not, and git fsck checks the object
	 * store (docs/PERFORMANCE.md) */
	samv_git_strict(false);
	if (since) {
		git_object *obj = NULL;

		if (samv_date_check(since) == 0) {
			o.since = since;
		} else if (git_revparse_single(&obj, samv_store_repo(s), since) == 0) {
			git_object_free(obj);
			o.hide = since;
		} else {
			rc = samv_error_set(SAMV_EUSAGE, "--since: '%s' is neither a date (YYYY-MM-DD) nor a "
					    "revision", since);
			goto fail;
		}
	}
	if (verify) {
		/* unlike the log below: each commit's records are read by path,
		 * through their trees, several times; samv_store_open's cache of
		 * trees up to 4 MB is kept, in less memory than libgit2's 256 MB:
		 * a few commits' trees are all that is used again
		 * (docs/PERFORMANCE.md) */
		git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)32 << 20);
		if ((rc = samv_log_verify(&pr, s, &o)) < 0)
			goto fail;
		if (p.json)
			rc = samv_problems_print_json(stdout, &pr);
		else
			samv_problems_print(stdout, &pr);
		if (rc < 0)
			goto fail;
		rc = pr.n ? SAMV_EXIT_FAIL : SAMV_EXIT_OK;
		goto out;
	}
	if ((rc = samv_log_paths(&paths, &npaths, &label, s, o.rev, st.nops ? st.ops[0] : NULL)) < 0)
		goto fail;
	/* the walk keeps the trees it needs (samv_treememo); libgit2's cache,
	 * raised for reading many records, would keep every tree of the
	 * history and cost more than it saves (docs/PERFORMANCE.md) */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)0);
	if (p.json && (rc = print_json_head(label, paths, npaths)) < 0)
		goto fail;
	if ((rc = samv_log(s, (const char *const *)paths, npaths, &o, print_entry, &p)) < 0)
		goto fail;
	if (p.json)
		fputs(p.n ? "\n  ]\n}\n" : "  ]\n}\n", stdout);
	if (fflush(stdout) != 0) {
		rc = samv_error_set(SAMV_EIO, "cannot write: %s", strerror(errno));
		goto fail;
	}
	rc = samv_store_skipped(s, stderr, "samv-log", 0);
	if (rc == 0)
		goto out;
fail:
	fflush(stdout);
	fprintf(stderr, "samv-log: %s\n", samv_error_last());
	rc = samv_exit_status(rc);
out:
	samv_buf_free(&p.buf);
	samv_problems_free(&pr);
	samv_log_paths_free(paths, npaths);
	free(label);
	samv_store_free(s);
	free(st.ops);
	git_libgit2_shutdown();
	return rc;
}
