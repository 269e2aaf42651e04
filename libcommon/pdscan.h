/* pdscan.h - samv-check's warnings on personal data where it does not
 * belong (pdscan.c); private to libcommon.  See samv-check(1). */
#ifndef SAMV_PDSCAN_H
#define SAMV_PDSCAN_H

#include "samv.h"

/* The allow list of public addresses, numbers and ids that hold a name
 * (samv-check(1)); a tracked file at the top of the repository. */
#define SAMV_PDSCAN_ALLOW ".samv-personal-allow"

struct samv_pdscan;

/* A scan for the view v, its warnings appended to pr; the allow list is
 * read from v (a malformed one is a problem of its own). */
int samv_pdscan_new(struct samv_pdscan **out, struct samv_view *v, struct samv_problems *pr);
/* One record, parsed from text at path: e-mail addresses and telephone
 * numbers in its text fields are warned of now; person names are kept
 * for samv_pdscan_finish. */
int samv_pdscan_record(struct samv_pdscan *ps, const char *path, const struct samv_type *t, const cJSON *rec,
		       const char *text);
/* What samv_pdscan_record keeps of a record for samv_pdscan_finish (its
 * id, a person's name), without scanning its text: for a record whose
 * text is known to hold nothing to warn of (checkcache.c). */
int samv_pdscan_record_names(struct samv_pdscan *ps, const char *path, const struct samv_type *t, const cJSON *rec);
/* A file of the view (a record or not), whose path is looked at for a
 * person's name once all names are known. */
int samv_pdscan_path(struct samv_pdscan *ps, const char *path);
/* The same, from what a cache kept of the record: its id, and for a
 * person the slug samv_pdscan_person_slug made (NULL: none). */
int samv_pdscan_record_kept(struct samv_pdscan *ps, const char *path, const struct samv_type *t, const char *id,
			    const char *slug);
/* A person record's name as the scan looks for it (1), or none (0: no
 * name, or a person forgotten). */
int samv_pdscan_person_slug(char out[64], const cJSON *rec);
/* Names in paths and ids; people_ref: people live on refs/samv/people,
 * where a person's own id must carry no name either. */
int samv_pdscan_finish(struct samv_pdscan *ps, bool people_ref);
void samv_pdscan_free(struct samv_pdscan *ps);

/* Where an e-mail address or a telephone number starts in s: its length
 * in *len, NULL when none (exposed for the unit tests). */
const char *samv_pd_find_email(const char *s, size_t *len);
const char *samv_pd_find_phone(const char *s, size_t *len);
/* A Swedish personal identity number (personnummer, samordningsnummer):
 * YYMMDD-NNNN or YYYYMMDD-NNNN, the hyphen optional, a day of the
 * calendar (plus 60 for a samordningsnummer) and the check digit right. */
const char *samv_pd_find_idnumber(const char *s, size_t *len);
/* The found text masked for a log: "e***@e***.org", "***-*** ** 67". */
void samv_pd_mask_email(char *out, size_t outsz, const char *s, size_t len);
void samv_pd_mask_phone(char *out, size_t outsz, const char *s, size_t len);

#endif
