/*
 * floor.c - the least a write costs with libgit2, for make bench: what
 * any program must do to change one file of a repository as one commit,
 * with the durability samv gives (objects and the branch fsync'd, the
 * file written to a temporary file, fsync'd and renamed into place).
 * samv's write does this and more (validation, references, the journal,
 * the index); its CPU is compared with this one's (docs/PERFORMANCE.md).
 *
 *   floor PATH N     (in the work tree of a repository)
 *
 * The new content is the file's content at HEAD with one or two final
 * newlines, by N, so that every run makes a commit.  libgit2 is started
 * as samv starts it (samv_git_init, libcommon/gitinit.c: the CA
 * certificates, which no local write needs, left unread), so that the
 * floor holds no cost samv does not pay.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "samv.h"

static void die(const char *what)
{
	const git_error *e = git_error_last();

	fprintf(stderr, "floor: %s: %s\n", what, e ? e->message : "failed");
	exit(1);
}

int main(int argc, char **argv)
{
	git_repository *repo;
	git_reference *head, *ref;
	git_commit *tip;
	git_tree *tree;
	git_tree_entry *te;
	git_blob *old;
	git_signature *sig;
	git_tree_update up;
	git_oid tree_id, commit_id;
	const git_commit *parents[1];
	char *text, tmp[4096];
	size_t len;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: floor PATH N\n");
		return 2;
	}
	samv_git_init();
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	if (git_repository_open_ext(&repo, ".", 0, NULL) < 0)
		die("repository");
	if (git_repository_head(&head, repo) < 0 || git_commit_lookup(&tip, repo, git_reference_target(head)) < 0 ||
	    git_commit_tree(&tree, tip) < 0)
		die("HEAD");
	if (git_tree_entry_bypath(&te, tree, argv[1]) < 0 || git_blob_lookup(&old, repo, git_tree_entry_id(te)) < 0)
		die(argv[1]);
	len = (size_t)git_blob_rawsize(old);
	text = malloc(len + 2);
	memcpy(text, git_blob_rawcontent(old), len);
	while (len && text[len - 1] == '\n')
		len--;
	text[len++] = '\n';
	if ((atol(argv[2]) / 2) % 2)
		text[len++] = '\n';

	memset(&up, 0, sizeof(up));
	up.action = GIT_TREE_UPDATE_UPSERT;
	up.filemode = GIT_FILEMODE_BLOB;
	up.path = argv[1];
	if (git_blob_create_from_buffer(&up.id, repo, text, len) < 0 ||
	    git_tree_create_updated(&tree_id, repo, tree, 1, &up) < 0)
		die("tree");
	git_tree_free(tree);
	/* who: from the environment as samv and git take it, else the config */
	if (git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    (getenv("GIT_AUTHOR_NAME") && getenv("GIT_AUTHOR_EMAIL")
		     ? git_signature_now(&sig, getenv("GIT_AUTHOR_NAME"), getenv("GIT_AUTHOR_EMAIL"))
		     : git_signature_default(&sig, repo)) < 0)
		die("signature");
	parents[0] = tip;
	if (git_commit_create(&commit_id, repo, NULL, sig, sig, NULL, "floor: one file\n", tree, 1, parents) < 0)
		die("commit");
	/* the file, durable, before the branch moves (as samv does) */
	snprintf(tmp, sizeof(tmp), "%s.floor-tmp", argv[1]);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len || fsync(fd) < 0 || close(fd) < 0)
		die("file");
	if (git_reference_create_matching(&ref, repo, git_reference_name(head), &commit_id, 1, git_commit_id(tip),
					  "floor") < 0)
		die("compare-and-swap");
	if (rename(tmp, argv[1]) < 0)
		die("rename");
	puts(git_oid_tostr_s(&commit_id));
	git_reference_free(ref);
	git_signature_free(sig);
	git_blob_free(old);
	git_tree_entry_free(te);
	git_tree_free(tree);
	git_commit_free(tip);
	git_reference_free(head);
	git_repository_free(repo);
	free(text);
	git_libgit2_shutdown();
	return 0;
}
