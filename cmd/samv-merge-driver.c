/*
 * samv-merge-driver - the merge driver git runs for record files
 * (merge.samv.driver = samv-merge-driver %O %A %B %P): the same field by
 * field merge as samv-sync, for git merge and git pull by hand.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"

enum { O_HELP = 1, O_VERSION, O_COMPLETE };

static const struct samv_opt opts[] = {
	{ "help", 'h', SAMV_OPT_NONE, NULL, N_("show this help and exit"), O_HELP },
	{ "version", 0, SAMV_OPT_NONE, NULL, N_("show the version and exit"), O_VERSION },
	{ "completion-helper", 0, SAMV_OPT_NONE, NULL, NULL, O_COMPLETE },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static void help(void)
{
	printf(_("usage: samv-merge-driver BASE OURS THEIRS PATH\n\n"
	       "Merge three versions of a record file field by field, as git's merge\n"
	       "driver: the result replaces OURS; exit 0 when clean, 1 with conflict\n"
	       "markers and a line a conflicting field on standard error.  Registered by\n"
	       "samv-init and samv-sync --setup.\n\n"
	       "options:\n"));
	samv_opt_help(stdout, opts);
}

static int read_file(struct samv_buf *out, const char *path)
{
	FILE *f = fopen(path, "rb");
	int rc;

	if (!f)
		return samv_error_set(SAMV_EIO, "cannot read '%s': %s", path, strerror(errno));
	rc = samv_buf_read(out, f, 64 * 1024 * 1024);
	fclose(f);
	return rc;
}

static int write_file(const char *path, const struct samv_buf *b)
{
	FILE *f = fopen(path, "wb");
	int rc = 0;

	if (!f)
		return samv_error_set(SAMV_EIO, "cannot write '%s': %s", path, strerror(errno));
	if ((b->len && fwrite(b->ptr, 1, b->len, f) != b->len) | (fclose(f) != 0))
		rc = samv_error_set(SAMV_EIO, "cannot write '%s': %s", path, strerror(errno));
	return rc;
}

/* The conflicting lines of the two resolutions between git's markers:
 * everything before the first and after the last differing line is the
 * same in both. */
static int markers(struct samv_buf *out, const struct samv_buf *o, const struct samv_buf *t)
{
	size_t pre = 0, i, osuf, tsuf;

	/* common prefix, whole lines */
	for (i = 0; i < o->len && i < t->len && o->ptr[i] == t->ptr[i]; i++)
		if (o->ptr[i] == '\n')
			pre = i + 1;
	/* common suffix, whole lines, not overlapping the prefix */
	osuf = o->len;
	tsuf = t->len;
	while (osuf > pre && tsuf > pre && o->ptr[osuf - 1] == t->ptr[tsuf - 1])
		osuf--, tsuf--;
	while (osuf > 0 && osuf < o->len && o->ptr[osuf - 1] != '\n')
		osuf++, tsuf++;
	if (samv_buf_put(out, o->ptr, pre) < 0 || samv_buf_puts(out, "<<<<<<< ours\n") < 0 ||
	    samv_buf_put(out, o->ptr + pre, osuf - pre) < 0 || samv_buf_puts(out, "=======\n") < 0 ||
	    samv_buf_put(out, t->ptr + pre, tsuf - pre) < 0 || samv_buf_puts(out, ">>>>>>> theirs\n") < 0 ||
	    samv_buf_put(out, o->ptr + osuf, o->len - osuf) < 0)
		return SAMV_ERROR;
	return 0;
}

int main(int argc, char **argv)
{
	const struct samv_opt *tables[] = { opts, NULL };
	struct samv_optstate st = { 1, NULL, NULL, NULL, 0, false };
	struct samv_buf text[3] = { SAMV_BUF_INIT, SAMV_BUF_INIT, SAMV_BUF_INIT };
	struct samv_buf res = SAMV_BUF_INIT, theirs = SAMV_BUF_INIT, marked = SAMV_BUF_INIT;
	struct samv_conflicts c = SAMV_CONFLICTS_INIT, ignored = SAMV_CONFLICTS_INIT;
	struct samv_side side[3];
	bool deleted;
	size_t i;
	int id, rc = 0;

	samv_alloc_init();
	samv_i18n_init();
	if (!(st.ops = calloc((size_t)argc + 1, sizeof(*st.ops)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto fail;
	}
	while ((id = samv_opt_next(&st, argc, argv, tables)) > 0) {
		switch (id) {
		case O_HELP: help(); goto out;
		case O_VERSION: samv_print_version(stdout, "samv-merge-driver"); goto out;
		case O_COMPLETE: samv_opt_complete(stdout, opts); goto out;
		}
	}
	if ((rc = id) < 0)
		goto fail;
	if (st.nops != 4) {
		rc = samv_error_set(SAMV_EUSAGE, "expected BASE OURS THEIRS PATH (usage: samv-merge-driver "
				    "%%O %%A %%B %%P, as merge.samv.driver)");
		goto fail;
	}
	for (i = 0; i < 3; i++) {
		if ((rc = read_file(&text[i], st.ops[i])) < 0)
			goto fail;
		/* git gives an empty base when both sides added the file */
		side[i].text = text[i].len ? text[i].ptr : NULL;
		side[i].len = text[i].len;
	}
	if ((rc = samv_merge_record(&res, &deleted, st.ops[3], &side[0], &side[1], &side[2], SAMV_FAVOR_NONE,
				    &c)) < 0)
		goto fail;
	if (c.n) {
		/* theirs' resolution beside ours' between markers, as git does */
		if ((rc = samv_merge_record(&theirs, &deleted, st.ops[3], &side[0], &side[1], &side[2],
					    SAMV_FAVOR_THEIRS, &ignored)) < 0 ||
		    (rc = markers(&marked, &res, &theirs)) < 0 || (rc = write_file(st.ops[1], &marked)) < 0)
			goto fail;
		for (i = 0; i < c.n; i++)
			samv_conflict_print(stderr, "samv-merge-driver", &c.v[i], _("the other branch"));
		rc = SAMV_EXIT_FAIL;
		goto out;
	}
	if ((rc = write_file(st.ops[1], &res)) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "samv-merge-driver: %s\n", samv_error_last());
	rc = samv_exit_status(rc);
	/* git takes any exit status but 0 as a conflict; 2 for usage is fine */
out:
	for (i = 0; i < 3; i++)
		samv_buf_free(&text[i]);
	samv_buf_free(&res);
	samv_buf_free(&theirs);
	samv_buf_free(&marked);
	samv_conflicts_free(&c);
	samv_conflicts_free(&ignored);
	free(st.ops);
	return rc;
}
