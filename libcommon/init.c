/* init.c - creating a collaboration repository, or adopting a git one. */
#include <errno.h>
#include <ftw.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samv.h"
#include "store.h"

static const char readme_sv[] =
	"# %s\n"
	"\n"
	"Detta är en samverkans register, fört med samv(7): en JSON-fil per post,\n"
	"en commit per ändring. Historiken läses med vanlig `git log`.\n"
	"\n"
	"This is a collaboration's record, kept with samv(7): one JSON file per\n"
	"record, one commit per change, readable with plain `git log`.\n"
	"\n"
	"- `samv.json`: the collaboration (name, region, language, time zone)\n"
	"- `actors/`: organisations\n"
	"- `people/`: people who act for them\n"
	"- `arenas/`: arenas where the sectors meet\n"
	"- `meetings/`, `actions/`: meetings and their follow-up items\n"
	"- `decisions/`: decisions, anchors and kedge anchors\n"
	"- `agreement/`: the Agreement, its purposes and clauses\n"
	"- `challenges/`, `targets/`: the challenges it is about, their target groups\n"
	"- `resources/`: money, time and premises the parties put in\n"
	"- `glossary/`: terms the parties agreed on (a common language)\n"
	"\n"
	"Records sit in 256 shard directories (`actors/3f/ID.json`) so that no\n"
	"directory grows past a few hundred entries. Every commit names the files\n"
	"it touched in `Samv-Record:` trailers:\n"
	"\n"
	"    git log --format='%%h %%an %%s%%n%%(trailers:key=Samv-Record)'\n";

static const char attributes[] = "# samv records are UTF-8 JSON with LF line ends\n*.json text eol=lf\n";
static const char merge_comment[] = "# git merge and git pull merge records field by field (samv-merge-driver(1))\n";

/* One line a record directory, generated from the types so that a new type is
 * never forgotten: the shards of actors/, each flat directory. */
int samv_merge_attributes(struct samv_buf *out)
{
	const struct samv_type *t;
	size_t i;

	if (samv_buf_puts(out, merge_comment) < 0 || samv_buf_printf(out, "/%s merge=samv\n", SAMV_REPO_FILE) < 0)
		return SAMV_ERROR;
	for (i = 0; (t = samv_type_at(i)); i++)
		if (*t->dir && samv_buf_printf(out, "/%s/%s*.json merge=samv\n", t->dir, t->flat ? "" : "**/") < 0)
			return SAMV_ERROR;
	return 0;
}

/* The driver is a program of the suite, found on PATH; the configuration
 * is not committed, so every clone needs it (samv-init, samv-sync --setup). */
int samv_merge_config(git_repository *repo)
{
	git_config *cfg = NULL;
	int rc = 0;

	if (git_repository_config(&cfg, repo) < 0)
		return samv_error_git(SAMV_EIO, "cannot open the repository's config");
	if (git_config_set_string(cfg, "merge.samv.name", "samv records, field by field") < 0 ||
	    git_config_set_string(cfg, "merge.samv.driver", "samv-merge-driver %O %A %B %P") < 0)
		rc = samv_error_git(SAMV_EIO, "cannot write the repository's config");
	git_config_free(cfg);
	return rc;
}

/* Append the lines .gitattributes lacks; one commit if any. */
int samv_merge_setup(bool *committed, struct samv_store *s, const char *command)
{
	struct samv_buf have = SAMV_BUF_INIT, want = SAMV_BUF_INIT;
	struct samv_txn *t = NULL;
	char *line, *save = NULL;
	bool added = false;
	int rc;

	*committed = false;
	if ((rc = samv_txn_begin(&t, s, command)) < 0)
		goto out;
	rc = samv_view_read(&have, samv_txn_view(t), ".gitattributes");
	if (rc < 0 && rc != SAMV_ENOTFOUND)
		goto out;
	if ((rc = samv_merge_attributes(&want)) < 0)
		goto out;
	for (line = strtok_r(want.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);
		const char *p;
		bool found = false;

		if (line[0] == '#')
			continue;
		for (p = have.ptr; p && (p = strstr(p, line)); p++)
			if ((p == have.ptr || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
				found = true;
		if (found)
			continue;
		if ((!added && ((have.len && have.ptr[have.len - 1] != '\n' && samv_buf_puts(&have, "\n") < 0) ||
				samv_buf_puts(&have, merge_comment) < 0)) ||
		    samv_buf_printf(&have, "%s\n", line) < 0) {
			rc = SAMV_ERROR;
			goto out;
		}
		added = true;
	}
	if (added && ((rc = samv_txn_put(t, ".gitattributes", have.ptr, have.len)) < 0 ||
		      (rc = samv_txn_commit(t, "sync: merge records field by field (samv-merge-driver)", NULL,
					    committed)) < 0))
		goto out;
	rc = samv_merge_config(s->repo);
out:
	samv_txn_free(t);
	samv_buf_free(&have);
	samv_buf_free(&want);
	return rc;
}

static int set_config(git_repository *repo)
{
	git_config *cfg = NULL;
	int rc = 0;

	if (git_repository_config(&cfg, repo) < 0)
		return samv_error_git(SAMV_EIO, "cannot open the repository's config");
	/* libgit2 1.5 rejects the commit-graph git 2.39 writes unless it is of
	 * generation version 1 (see docs/PERFORMANCE.md) */
	if (git_config_set_bool(cfg, "core.commitGraph", 1) < 0 ||
	    git_config_set_int32(cfg, "commitGraph.generationVersion", 1) < 0 ||
	    git_config_set_int32(cfg, "samv.format", SAMV_FORMAT) < 0)
		rc = samv_error_git(SAMV_EIO, "cannot write the repository's config");
	git_config_free(cfg);
	return rc;
}

static int open_or_create(git_repository **repo, const char *dir, bool *created)
{
	git_repository_init_options io;

	*created = false;
	git_repository_init_options_init(&io, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	if (git_repository_open_ext(repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0) {
		if (git_repository_is_bare(*repo))
			return samv_error_set(SAMV_EINVAL, "'%s' is a bare repository; samv needs a work tree", dir);
		return 0;
	}
	io.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
	io.initial_head = "main";
	if (git_repository_init_ext(repo, dir, &io) < 0)
		return samv_error_git(SAMV_EIO, dir);
	*created = true;
	return 0;
}

static int write_layout(struct samv_store *s, const struct samv_init_opts *o, const char *name)
{
	struct samv_buf readme = SAMV_BUF_INIT, attrs = SAMV_BUF_INIT;
	struct samv_txn *t = NULL;
	cJSON *rec = cJSON_CreateObject();
	char subject[256];
	bool changed;
	int rc;

	if (!rec || !cJSON_AddNumberToObject(rec, "format", SAMV_FORMAT) ||
	    !cJSON_AddStringToObject(rec, "name", name) ||
	    (o->region && !cJSON_AddStringToObject(rec, "region", o->region)) ||
	    !cJSON_AddStringToObject(rec, "language", o->language ? o->language : "sv") ||
	    (o->timezone && !cJSON_AddStringToObject(rec, "timezone", o->timezone)) ||
	    (!o->people_on_branch && !cJSON_AddStringToObject(rec, "people", "ref"))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = samv_txn_begin(&t, s, "samv-init")) < 0)
		goto out;
	if (samv_view_exists(samv_txn_view(t), SAMV_REPO_FILE)) {
		rc = samv_error_set(SAMV_EEXISTS, "'%s' is already a samv repository", s->workdir);
		goto out;
	}
	if ((rc = samv_txn_put_record(t, samv_type_repository(), rec)) < 0)
		goto out;
	if (!samv_view_exists(samv_txn_view(t), "README.md")) {
		char *p = NULL;

		if (asprintf(&p, "%sREADME.md", s->workdir) < 0) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		rc = access(p, F_OK);
		free(p);
		if (rc < 0 && ((rc = samv_buf_printf(&readme, readme_sv, name)) < 0 ||
			       (rc = samv_txn_put(t, "README.md", readme.ptr, readme.len)) < 0))
			goto out;
	}
	if (!samv_view_exists(samv_txn_view(t), ".gitattributes")) {
		if ((rc = samv_buf_puts(&attrs, attributes)) < 0 || (rc = samv_merge_attributes(&attrs)) < 0 ||
		    (rc = samv_txn_put(t, ".gitattributes", attrs.ptr, attrs.len)) < 0)
			goto out;
	}
	snprintf(subject, sizeof(subject), "samv: init %s", name);
	rc = samv_txn_commit(t, subject, NULL, &changed);
out:
	samv_txn_free(t);
	samv_buf_free(&readme);
	samv_buf_free(&attrs);
	cJSON_Delete(rec);
	return rc;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int samv_init(const char *dir, const struct samv_init_opts *o, bool *created)
{
	struct samv_store s = { .repo = NULL };
	char abs[PATH_MAX], *copy = NULL;
	const char *name = o->name;
	struct stat sb;
	int rc;

	*created = false;
	if (o->language && strcmp(o->language, "sv") && strcmp(o->language, "en"))
		return samv_error_set(SAMV_EINVAL, "--language: '%s' is not one of sv, en", o->language);
	if (o->timezone && !samv_tz_known(o->timezone))
		return samv_error_set(SAMV_EINVAL, "--timezone: '%s' is not one of Europe/Stockholm, Europe/Oslo, "
				      "Europe/Copenhagen, Europe/Berlin, Europe/Helsinki, Europe/London, "
				      "Atlantic/Reykjavik, UTC", o->timezone);
	if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode))
		return samv_error_set(SAMV_EINVAL, "'%s' exists and is not a directory", dir);
	if ((rc = open_or_create(&s.repo, dir, created)) < 0)
		goto out;
	s.workdir = git_repository_workdir(s.repo);
	if (!name) {
		if (!realpath(s.workdir, abs) || !(copy = strdup(abs))) {
			rc = samv_error_set(SAMV_EIO, "cannot resolve '%s': %s", dir, strerror(errno));
			goto out;
		}
		name = basename(copy);
	}
	if ((rc = write_layout(&s, o, name)) < 0)
		goto out;
	if ((rc = set_config(s.repo)) == 0)
		rc = samv_merge_config(s.repo);
	/* people are kept apart from the audit trail unless asked otherwise */
	if (rc == 0 && !o->people_on_branch)
		rc = samv_people_start(dir);
out:
	if (rc < 0 && *created) {
		/* leave nothing behind from a failed first init */
		char *gitdir = strdup(git_repository_path(s.repo));

		git_repository_free(s.repo);
		s.repo = NULL;
		if (gitdir)
			nftw(gitdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
		free(gitdir);
		rmdir(dir);
		*created = false;
	}
	git_repository_free(s.repo);
	free(copy);
	return rc;
}

/*
 * The document language of an existing repository, changed in one commit
 * (samv-init --language on a samv repository): SAMV_ENOTFOUND when dir is
 * no samv repository; *changed false when it already was lang.
 */
int samv_init_language(const char *dir, const char *lang, bool *changed)
{
	struct samv_buf text = SAMV_BUF_INIT;
	struct samv_store *s = NULL;
	struct samv_txn *t = NULL;
	struct samv_pos pos;
	cJSON *rec = NULL;
	char subject[64];
	const char *was;
	int rc;

	*changed = false;
	if (!lang || (strcmp(lang, "sv") && strcmp(lang, "en")))
		return samv_error_set(SAMV_EINVAL, "--language: '%s' is not one of sv, en", lang ? lang : "");
	if ((rc = samv_store_open(&s, dir)) < 0)
		goto out;
	if ((rc = samv_txn_begin(&t, s, "samv-init")) < 0)
		goto out;
	if (!samv_view_exists(samv_txn_view(t), SAMV_REPO_FILE)) {
		rc = samv_error_set(SAMV_ENOTFOUND, "'%s' is not a samv repository", dir);
		goto out;
	}
	if ((rc = samv_view_read(&text, samv_txn_view(t), SAMV_REPO_FILE)) < 0)
		goto out;
	if (samv_json_parse(&rec, text.ptr, text.len, &pos) < 0) {
		rc = samv_error_set(SAMV_EINVAL, "%s:%d:%d: %s", SAMV_REPO_FILE, pos.line, pos.col, samv_error_last());
		goto out;
	}
	was = samv_record_str(rec, "language");
	if (was && !strcmp(was, lang))
		goto out;
	if (!cJSON_ReplaceItemInObjectCaseSensitive(rec, "language", cJSON_CreateString(lang)) &&
	    !cJSON_AddStringToObject(rec, "language", lang)) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	snprintf(subject, sizeof(subject), "samv: language %s", lang);
	if ((rc = samv_txn_put_record(t, samv_type_repository(), rec)) < 0 ||
	    (rc = samv_txn_commit(t, subject, NULL, changed)) < 0)
		goto out;
out:
	samv_txn_free(t);
	samv_store_free(s);
	samv_buf_free(&text);
	cJSON_Delete(rec);
	return rc;
}
