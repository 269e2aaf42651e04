/* migrate.h - moving a repository's people off the branch (migrate.c);
 * see samv(7), Personal data, and samv-init(1), --people-ref. */
#ifndef SAMV_MIGRATE_H
#define SAMV_MIGRATE_H

#include "samv.h"

/* What a move did, or would do (dry run). */
struct samv_migration {
	cJSON *people;  /* [{"old": ID, "new": ID}], in the order of the old ids */
	cJSON *records; /* paths of the branch's records whose references change */
	size_t refs;    /* references rewritten in them */
	bool started;   /* the branch kept no people: only the people ref was started */
};

/*
 * Move the people of the samv repository at dir from the branch to
 * refs/samv/people: every person gets an id that carries no name (its
 * former id kept in the record, on the people ref only), every reference
 * on the branch is rewritten to it, and people/ leaves the branch: one
 * commit on the people ref (its first) and one on the branch.  With
 * dry_run, m tells what would be done and nothing is written.
 * SAMV_ENOTFOUND (nothing written, no message kept) when dir is not a
 * samv repository; SAMV_EEXISTS when it keeps people on the ref already;
 * SAMV_EDIRTY when its work tree has changes; SAMV_EBUSY when another
 * writer holds it.  On failure the repository is as it was.
 */
int samv_people_migrate(struct samv_migration *m, const char *dir, bool dry_run);
void samv_migration_free(struct samv_migration *m);

#endif
