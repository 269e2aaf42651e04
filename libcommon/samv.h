/*
 * samv.h - the one public header of libcommon, the library behind every
 * samv command.
 *
 * Conventions (after libgit2): functions return 0 or a negative SAMV_E*
 * code and leave a message for samv_error_last(); output parameters come
 * first; every _free(NULL) is a no-op.  The library never prints to the
 * terminal on its own and never exits: callers hand it the stream to use.
 */
#ifndef SAMV_H
#define SAMV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include <cjson/cJSON.h>
#include <git2.h>

#include "i18n.h"
#include "doctext.h"

#define SAMV_VERSION "0.1.0"

/* Tune malloc for many small blocks (alloc.c); first thing in main. */
void samv_alloc_init(void);
/* cJSON's blocks from free lists of their own (jsonpool.c), for a
 * command that parses and frees record after record; what cJSON
 * allocated is then freed with cJSON_free or cJSON_Delete only. */
void samv_jsonpool_install(void);
/* git_libgit2_init without loading the CA certificates, which wait for
 * the first https remote (gitinit.c); the file left to load, or NULL. */
void samv_git_init(void);
const char *samv_git_ca_deferred(void);
#define SAMV_FORMAT 1

/* ---- errors (error.c) ---------------------------------------------- */

enum {
	SAMV_OK = 0,
	SAMV_ERROR = -1,    /* generic failure, message says what */
	SAMV_EINVAL = -2,   /* bad input: argument, field or record */
	SAMV_ENOTFOUND = -3,/* no such record, file or repository */
	SAMV_EEXISTS = -4,  /* record or repository already exists */
	SAMV_EBUSY = -5,    /* another writer holds the lock or moved the tip */
	SAMV_EDIRTY = -6,   /* a file the write touches has local changes */
	SAMV_EUSAGE = -7,   /* command-line usage */
	SAMV_EAMBIGUOUS = -8,
	SAMV_EIO = -9,
	SAMV_ECONFLICT = -10 /* a merge found the same field changed on both sides */
};

/* Exit statuses shared by every command (documented in samv(7)). */
/* SAMV_EXIT_FOUND: a --fail-on condition holds (the command itself worked). */
enum { SAMV_EXIT_OK = 0, SAMV_EXIT_FAIL = 1, SAMV_EXIT_USAGE = 2, SAMV_EXIT_BUSY = 3, SAMV_EXIT_FOUND = 4 };

/* fmt is the English text; it is translated here (xgettext takes it as a
 * message), and the English kept beside for samv_error_last_c(). */
int samv_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Set from libgit2's last error, prefixed by what we were doing (translated). */
int samv_error_git(int code, const char *what);
/* Set both texts as they are: English and the user's language. */
int samv_error_set_pair(int code, const char *c_text, const char *text);
/* The message in the user's language, and in English (for --json, and for
 * code that looks into a message). */
const char *samv_error_last(void);
const char *samv_error_last_c(void);
/* Trade the two texts, for formatting an English text from arguments that
 * include samv_error_last() (problem.c); called in pairs. */
void samv_error_swap(void);
/* An error whose arguments differ by language (a problem's message, see
 * samv_problem_say): the English text is formatted again with the
 * arguments evaluated for English.  xgettext takes fmt (po/). */
#define samv_error_setp(code, fmt, ...) \
	(samv_error_set((code), fmt, __VA_ARGS__), samv_error_english(true), \
	 samv_error_set_c(fmt, __VA_ARGS__), samv_error_english(false), (code))
void samv_error_set_c(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void samv_error_english(bool on);
bool samv_error_in_english(void);
void samv_error_clear(void);
int samv_exit_status(int code);

/* ---- small text helpers (utf8.c, buf.c) ------------------------------ */

/* Offset of the first invalid UTF-8 byte, or -1 when all of s is valid. */
long samv_utf8_invalid(const char *s, size_t len);
size_t samv_utf8_width(const char *s);
/* Whether s holds nothing but white space (or nothing). */
bool samv_text_blank(const char *s);

struct samv_buf {
	char *ptr;
	size_t len, cap;
};
#define SAMV_BUF_INIT { NULL, 0, 0 }
int samv_buf_put(struct samv_buf *b, const char *s, size_t n);
int samv_buf_puts(struct samv_buf *b, const char *s);
int samv_buf_spaces(struct samv_buf *b, int n);
int samv_buf_printf(struct samv_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void samv_buf_free(struct samv_buf *b);
/* One RFC 4180 field, after a comma unless first, quoted when it must be
 * (csv.c); NULL is an empty field.  Rows end in "\r\n". */
int samv_csv_field(struct samv_buf *b, const char *s, bool first);
/* The same with another separator (';' for Swedish Excel). */
int samv_csv_field_sep(struct samv_buf *b, const char *s, bool first, char sep);
/* Read a whole stream; fails with SAMV_EINVAL past max bytes. */
int samv_buf_read(struct samv_buf *b, FILE *f, size_t max);
/* Read a regular file of size bytes (fstat) open on fd (buf.c). */
int samv_buf_read_file(struct samv_buf *b, int fd, size_t size, size_t max);

/* ---- ids (id.c) ------------------------------------------------------ */

#define SAMV_ID_MAX 64

/* 0 when id is a valid record id; else SAMV_EINVAL saying why. */
int samv_id_check(const char *id, const char *what);
/* Make a slug (ASCII lower case, digits and '-') from a name. */
int samv_id_slug(char *out, size_t outsz, const char *name);
/* Mint a new id: slug of name + '-' + 6 random base32 characters. */
int samv_id_mint(char *out, size_t outsz, const char *name);
/* An ambiguous id's error names at most this many candidates. */
#define SAMV_ID_AMBIGUOUS_MAX 10
/* SAMV_EAMBIGUOUS, "TYPE id 'GIVEN' is ambiguous: a, b, c and N more"
 * (t NULL: "id 'GIVEN' ..."): n candidates named, total in all. */
struct samv_type;
int samv_id_ambiguous(const struct samv_type *t, const char *given, const char *const *cands, size_t n, size_t total);
/* The same across types: each id after its type's word ("aktör stad-a"). */
int samv_id_ambiguous_across(const char *given, const struct samv_type *const *types, const char *const *ids,
			     size_t n, size_t total);
/* The record's path: "<dir>/<shard>/<id>.json". */
int samv_id_path(char *out, size_t outsz, const char *dir, const char *id);
void samv_id_shard(char out[3], const char *id);

/* ---- dates (date.c) -------------------------------------------------- */

int samv_date_check(const char *s);   /* YYYY-MM-DD, a real day */
int samv_time_check(const char *s);   /* HH:MM, 00:00 to 23:59 */
/* Days since 1970-01-01 of a checked date, and back. */
long samv_date_days(const char *s);
void samv_date_from_days(char out[11], long days);
void samv_date_today(char out[11]);
/* SAMV_EINVAL, naming what, when date is after today: what has happened
 * (a decision taken, a meeting held) cannot be dated in the future. */
int samv_date_past(const char *date, const char *what);

/* ---- environment variables (env.c) ---------------------------------- */

/* Each returns 0, or SAMV_EUSAGE naming the variable when it is set to a
 * value samv cannot use; an empty value counts as unset. */
#define SAMV_LOCK_TIMEOUT_DEFAULT 10
#define SAMV_LOCK_TIMEOUT_MAX 86400
/* SAMV_TODAY, a real day; out is "" when unset. */
int samv_env_today(char out[11]);
/* SAMV_LOCK_TIMEOUT, seconds from 0 to SAMV_LOCK_TIMEOUT_MAX (default 10). */
int samv_env_lock_timeout(double *out);
/* SAMV_DIR, or NULL when unset (the store checks it names a repository). */
int samv_env_dir(const char **out);
/* TMPDIR, an absolute path to a directory (default /tmp). */
int samv_env_tmpdir(const char **out);
/* SAMV_NO_CACHE: 1 reads without the query cache (cache.c), 0 with it. */
int samv_env_no_cache(bool *out);
/* Every variable of samv's own that any command reads (SAMV_TODAY,
 * SAMV_LOCK_TIMEOUT): run first, so that no command acts on a bad one. */
int samv_env_check(void);

/* ---- record types (schema.c) ----------------------------------------- */

struct samv_problems;

enum samv_fkind {
	SAMV_F_STRING,  /* one line of text */
	SAMV_F_TEXT,    /* text, may hold newlines */
	SAMV_F_ENUM,
	SAMV_F_BOOL,
	SAMV_F_INT,
	SAMV_F_DATE,
	SAMV_F_ID,      /* the record's own id */
	SAMV_F_REF,     /* id of a record of type ->ref */
	SAMV_F_REFS,    /* set of ids of type ->ref */
	SAMV_F_KEYS,    /* set of short keys (Agreement purposes: a, b, ...) */
	SAMV_F_TIME,    /* HH:MM, local time */
	SAMV_F_LIST,    /* ordered list of one-line texts (an agenda) */
	SAMV_F_OBJS,    /* list of objects of the subtype named by ->ref */
	SAMV_F_MAP      /* object: short keys to strings or lists of strings */
};

enum {
	SAMV_FL_REQUIRED = 1 << 0, /* must be present */
	SAMV_FL_COLUMN = 1 << 1,   /* shown in list tables */
	SAMV_FL_FILTER = 1 << 2,   /* list can filter on it */
	SAMV_FL_NOEDIT = 1 << 3,   /* set by the command, not an option */
	SAMV_FL_TRAILER = 1 << 4,  /* a REF whose value names the commit in a
				    * trailer (the referenced type's ->trailer) */
	SAMV_FL_PERSONAL = 1 << 5  /* personal data: left out of public
				    * exports (samv-records(5), public.c) */
};

struct samv_field {
	const char *name;   /* JSON key */
	const char *opt;    /* option name, without "--" */
	enum samv_fkind kind;
	unsigned flags;
	const char *const *values; /* SAMV_F_ENUM: NULL-terminated */
	const char *ref;    /* SAMV_F_REF(S): the referenced type */
	size_t max;         /* bytes for text; items for sets */
	const char *def;    /* default on add */
	const char *help;
};

struct samv_type {
	const char *name;   /* "actor" */
	const char *dir;    /* "actors" */
	const char *title;  /* "organisation" (for people) */
	const struct samv_field *fields;
	size_t nfields;
	const char *retire_value; /* status value that retires, or NULL */
	const char *name_field;   /* new ids are minted from this field */
	const char *date_field;   /* list --since/--until filter on it */
	const char *trailer;      /* "Samv-Meeting": commit trailer naming records */
	bool flat;                /* files are dir/ID.json, not sharded */
	const char *lister;       /* the command that lists them, when not
				   * "samv-NAME list" */
	/* rules across fields (an end after the start); problems appended */
	int (*check)(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text);
	const char *retire_date;  /* the date field retire sets when absent,
				   * when not "retired" */
};

const struct samv_type *samv_type_find(const char *name);
/* Whether records of t are personal data, kept on the people ref and
 * never named in commit messages (people.c). */
bool samv_type_personal(const struct samv_type *t);
/* The command that lists records of type t, for hints in errors. */
const char *samv_type_lister(char out[64], const struct samv_type *t);
/* t's name in the user's language for messages (typeword.c): bare
 * ("aktör") and as a sentence's subject or object ("aktören"); t->name
 * while samv_error_setp formats the English text.  samv_msg: msgid
 * translated, or itself while the English text is formatted. */
const char *samv_type_word(const struct samv_type *t);
const char *samv_type_the(const struct samv_type *t);
const char *samv_msg(const char *msgid);
/* A status of a record of the type named, for messages ("hållet"); value
 * itself in English and when unknown (typeword.c). */
const char *samv_status_word(const char *type, const char *value);
const struct samv_type *samv_type_by_dir(const char *dir);
const struct samv_type *samv_type_at(size_t i); /* NULL past the end */
/* At most this many record types: tables indexed by type are this big
 * (schema.c asserts it when a type is added). */
#define SAMV_NTYPES_MAX 32
const struct samv_type *samv_type_repository(void);
const struct samv_field *samv_field_find(const struct samv_type *t, const char *name);
const struct samv_field *samv_field_by_opt(const struct samv_type *t, const char *opt);
/* The type of the objects in a SAMV_F_OBJS field (f->ref). */
const struct samv_type *samv_subtype_find(const char *name);
/* Where a record lives: "dir/XX/ID.json", or "dir/ID.json" for flat types. */
int samv_type_path(char *out, size_t outsz, const struct samv_type *t, const char *id);
#define SAMV_REPO_FILE "samv.json"
/* The type of the record file at path ("actors/4e/ID.json", "samv.json"),
 * or NULL when path is not where records of any type live. */
const struct samv_type *samv_type_of_path(const char *path);

/* ---- strict JSON (json.c) -------------------------------------------- */

struct samv_pos {
	int line, col;
};
/* The whole file (line 1, column 1); a name without commas, so that
 * xgettext counts samv_problem_add's arguments right. */
#define SAMV_POS_FILE ((struct samv_pos){ 1, 1 })

/*
 * Parse one JSON document strictly: valid UTF-8, no duplicate keys, no
 * raw control characters, no \u0000, nothing after the value, at most
 * max bytes.  On error *pos says where and the message why.
 */
int samv_json_parse(cJSON **out, const char *text, size_t len, struct samv_pos *pos);
/* JSON text (valid: as samv_json_parse takes it; len bytes and a NUL
 * after them) without the white space between its tokens, in place;
 * its new length.  cJSON_Minify would end a string at an escaped
 * backslash before its closing quote ("a\\") and take the white
 * space out of the next one. */
size_t samv_json_minify(char *text, size_t len);
/* Any JSON value, indented by two spaces, newline at the end. */
int samv_json_print(struct samv_buf *out, const cJSON *v);
/* Any JSON value, nested lines indented as at depth (2 spaces a level),
 * no newline after it. */
int samv_json_print_value(struct samv_buf *out, const cJSON *v, int depth);
/* A string as a JSON string literal (UTF-8 as is). */
int samv_json_put_string(struct samv_buf *out, const char *s);
/* A JSON number as "%.17g" writes it. */
int samv_json_put_number(struct samv_buf *out, double d);
/* Sort the items of arr in place; cmp compares two (cJSON *const *). */
int samv_json_sort(cJSON *arr, int (*cmp)(const void *, const void *));
/* Where the value of top-level key is written in text (1:1 if absent). */
struct samv_pos samv_json_locate(const char *text, const char *key);
/* Whether the array list holds the string s. */
bool samv_json_has(const cJSON *list, const char *s);

/* ---- records (record.c) ---------------------------------------------- */

/* The largest record file, in bytes: a larger one is no record (samv(7),
 * Limits). */
#define SAMV_RECORD_MAX (1024 * 1024)

struct samv_problem; /* below */
struct samv_problems;

/* Canonical text of a record of type t (2-space indent, fixed key order,
 * UTF-8 as is, newline at the end). */
int samv_record_format(struct samv_buf *out, const struct samv_type *t, const cJSON *rec);
/* Check a record's fields against its type; problems are appended with
 * file name path and positions found in text (may be NULL). */
int samv_record_validate(struct samv_problems *pr, const struct samv_type *t,
			 const cJSON *rec, const char *path, const char *text);
/* One value of field f checked as a record's would be (a filter's value):
 * SAMV_EINVAL with the message, name (e.g. "--sector") first. */
int samv_field_value_check(const struct samv_field *f, const cJSON *v, const char *name);
/* The string value of key; NULL when it is absent, not a string, or "". */
const char *samv_record_str(const cJSON *rec, const char *key);
/* Call fn for every well-formed id the record refers to, nested lists of
 * objects included; a non-zero return stops the walk and is returned. */
typedef int (*samv_ref_fn)(const struct samv_field *f, const struct samv_type *target, const char *id,
			   void *arg);
int samv_record_refs(const struct samv_type *t, const cJSON *rec, samv_ref_fn fn, void *arg);

/* ---- problems (problem.c) -------------------------------------------- */

struct samv_problem {
	char *file;
	int line, col;
	char *code;
	char *msg;    /* English: --json, sorting, comparing */
	char *text;   /* the same in the user's language: the terminal */
	char *commit; /* the commit it was found in (samv-log --verify), or NULL */
};

struct samv_problems {
	struct samv_problem *v;
	size_t n, cap;
};
#define SAMV_PROBLEMS_INIT { NULL, 0, 0 }

int samv_problem_add(struct samv_problems *pr, const char *file, struct samv_pos pos,
		     const char *code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A problem whose arguments differ by language (a type's name): added
 * with the arguments for the user's language, then its English text
 * formatted again with them evaluated for English (as samv_error_setp). */
#define samv_problem_addp(pr, file, pos, code, fmt, ...) \
	(samv_problem_add((pr), (file), (pos), (code), fmt, __VA_ARGS__) < 0 ? SAMV_ERROR : \
	 (samv_error_english(true), samv_problem_english((pr), fmt, __VA_ARGS__)))
/* The last problem's English text from fmt; ends samv_error_english(). */
int samv_problem_english(struct samv_problems *pr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A message already in both languages (a problem copied). */
int samv_problem_add_pair(struct samv_problems *pr, const char *file, struct samv_pos pos, const char *code,
			  const char *msg, const char *text);
/* p's message in the language samv_error_setp() is formatting. */
const char *samv_problem_say(const struct samv_problem *p);
void samv_problems_sort(struct samv_problems *pr);
/* Sort only the problems from index from on. */
void samv_problems_sort_from(struct samv_problems *pr, size_t from);
/* Name the commit of the problems from index from on. */
int samv_problems_set_commit(struct samv_problems *pr, size_t from, const char *commit);
/* A warning (probable-duplicate) is reported but does not fail a check;
 * samv_problems_errors counts the rest. */
bool samv_problem_is_warning(const struct samv_problem *p);
size_t samv_problems_errors(const struct samv_problems *pr);
void samv_problems_print(FILE *f, const struct samv_problems *pr);
int samv_problems_print_json(FILE *f, const struct samv_problems *pr);
void samv_problems_free(struct samv_problems *pr);

/* ---- the repository (store.c) ---------------------------------------- */

struct samv_store;

/*
 * Open the collaboration repository: dir (from -C) or $SAMV_DIR, else
 * found upward from the current directory.  Fails with SAMV_ENOTFOUND
 * when there is no git repository or it holds no samv.json.
 */
int samv_store_open(struct samv_store **out, const char *dir);
void samv_store_free(struct samv_store *s);
/* Whether libgit2 hashes every object it reads again to check its id
 * (on by default; git does not, git fsck checks the store): set, and
 * as last set, so that a part that turns it off for a while can leave
 * it as it found it. */
void samv_git_strict(bool on);
bool samv_git_strict_on(void);
git_repository *samv_store_repo(struct samv_store *s);
const char *samv_store_workdir(struct samv_store *s);

/* A read-only view of records: a commit's tree, or the work tree. */
struct samv_view;
/* rev NULL means HEAD. */
int samv_view_rev(struct samv_view **out, struct samv_store *s, const char *rev);
int samv_view_worktree(struct samv_view **out, struct samv_store *s);
void samv_view_free(struct samv_view *v);
/* Read a file of the view; SAMV_ENOTFOUND when absent. */
int samv_view_read(struct samv_buf *out, struct samv_view *v, const char *path);
bool samv_view_exists(struct samv_view *v, const char *path);
/* An error when the view's samv.json keeps people on refs/samv/people and
 * this clone lacks that ref (a plain git clone), naming what to run. */
int samv_view_people_check(struct samv_view *v);
/* Call fn for every file under dir (recursively), in path order. */
typedef int (*samv_view_fn)(const char *path, void *arg);
int samv_view_walk(struct samv_view *v, const char *dir, samv_view_fn fn, void *arg);

/* Load, parse and validate one record by id; SAMV_ENOTFOUND when absent,
 * SAMV_EINVAL naming the file when it is not a valid record. */
int samv_record_load(cJSON **out, struct samv_view *v, const struct samv_type *t, const char *id);
/* Resolve an id or a unique prefix of one to the full id (id.c); an
 * ambiguous prefix fails naming its candidates. */
int samv_record_resolve(char out[SAMV_ID_MAX + 1], struct samv_view *v,
			const struct samv_type *t, const char *id_or_prefix);
/* The ids of type t that begin with prefix: the first max (max > 0) in
 * order into out, *total how many in all (id.c). */
int samv_id_matches(char (*out)[SAMV_ID_MAX + 1], size_t max, size_t *total, struct samv_view *v,
		    const struct samv_type *t, const char *prefix);
/* Every record of a type, parsed and validated, in id order (an array of
 * objects).  A file that is not a valid record (larger than 1 MiB, not a
 * regular file, invalid, or its id not its file name): when bad is not
 * NULL it is skipped and counted; else, in a view of samv_view_rev or
 * samv_view_worktree, it is skipped and noted in the store (see
 * samv_store_skipped); else (a write's view) it fails the load, naming
 * it. */
int samv_record_load_all(cJSON **out, struct samv_view *v, const struct samv_type *t, size_t *bad);
/* After a reader's work (rc its result so far): one warning line on f
 * for each file its views left out, "PROG: warning: left out: FILE...";
 * then, when rc is 0 and files were left out, SAMV_EINVAL saying how
 * many (the command exits 1 after its full output).  Else rc. */
int samv_store_skipped(struct samv_store *s, FILE *f, const char *prog, int rc);

/* ---- writing: one commit per change (txn.c) -------------------------- */

struct samv_txn;

/*
 * Begin a write: take the suite's lock (waiting up to $SAMV_LOCK_TIMEOUT
 * seconds, default 10) and pin the branch tip.  Reads for the write must
 * go through samv_txn_view so they see the pinned tip.
 */
int samv_txn_begin(struct samv_txn **out, struct samv_store *s, const char *command);
struct samv_view *samv_txn_view(struct samv_txn *t);
/* Stage the new content of a file, or its removal (text NULL). */
int samv_txn_put(struct samv_txn *t, const char *path, const char *text, size_t len);
/* Stage a record: canonical text at its path; validates it first, refs
 * included (against the pinned tip plus what this txn staged). */
int samv_txn_put_record(struct samv_txn *t, const struct samv_type *type, const cJSON *rec);
/* The same for a record changed as a consequence of another (a decision
 * superseded when its successor is adopted): its own trailer names it,
 * but its meeting and arena are not the commit's. */
int samv_txn_put_consequence(struct samv_txn *t, const struct samv_type *type, const cJSON *rec);
int samv_txn_remove_record(struct samv_txn *t, const struct samv_type *type, const char *id);
/* Add a "Key: value" trailer to the commit (once; empty values skipped).
 * samv_txn_put_record adds the record's own (Samv-Meeting: ID) and those
 * of its trailer fields (Samv-Arena: ID). */
int samv_txn_trailer(struct samv_txn *t, const char *key, const char *value);
/*
 * Commit with subject (and optional body); trailers are added.  *changed
 * is false when the staged content equals the tip: then nothing is
 * written.  On any error the work tree, index and branch are unchanged.
 */
int samv_txn_commit(struct samv_txn *t, const char *subject, const char *body, bool *changed);
void samv_txn_free(struct samv_txn *t);
/* Finish or undo the write of a samv process that died (its journal under
 * .git/), unless a live writer holds the lock; NOTE gets one line saying
 * what was repaired, or nothing.  Every write does it first (recover.c). */
int samv_recover(struct samv_store *s, struct samv_buf *note);
/* Stage a file with a git file mode (0100644 or 0100755; 0 is 0100644). */
int samv_txn_put_mode(struct samv_txn *t, const char *path, const char *text, size_t len, unsigned mode);
/* The branch written ("refs/heads/main") and its pinned tip (NULL when
 * the branch is unborn). */
const char *samv_txn_branch(struct samv_txn *t);
const git_oid *samv_txn_tip(struct samv_txn *t);
/* The commit gets other as its second parent (a merge); its Samv-Record
 * trailers are then only those given with samv_txn_trailer. */
int samv_txn_merge_parent(struct samv_txn *t, const git_oid *other);
/* No new commit: samv_txn_commit moves the branch to the existing commit
 * to, whose tree must be the tip's plus what was staged, and updates the
 * work tree and index like a commit (a fast-forward). */
int samv_txn_fast_forward(struct samv_txn *t, const git_oid *to);

/* The author and committer, from GIT_AUTHOR_* / GIT_COMMITTER_* or the
 * git configuration (sig.c). */
int samv_sig_author(git_signature **out, git_repository *repo);
int samv_sig_committer(git_signature **out, git_repository *repo);
int samv_sig_parse_date(long long *when, int *offset_min, const char *s);

/* ---- initialising (init.c) ------------------------------------------- */

struct samv_init_opts {
	const char *name;
	const char *region;
	const char *language;
	const char *timezone; /* NULL: none written (Europe/Stockholm) */
	bool people_on_branch; /* false: samv.json says "people": "ref" */
};
/* Create or adopt a repository at dir; *created tells if git init ran. */
int samv_init(const char *dir, const struct samv_init_opts *o, bool *created);
/* The document language of the samv repository at dir, changed in one
 * commit; SAMV_ENOTFOUND when dir is not one; *changed false when it
 * already was lang. */
int samv_init_language(const char *dir, const char *lang, bool *changed);

/* ---- checking (check.c) ---------------------------------------------- */

/* Validate every file of the view; problems are appended, sorted. */
int samv_check(struct samv_problems *pr, struct samv_view *v);
/* Validate only the given files of the view (those absent are skipped);
 * references are looked up in the view. */
int samv_check_files(struct samv_problems *pr, struct samv_view *v, const char *const *paths, size_t n);

/* ---- the Agreement (agreement.c, history.c) --------------------------- */

/*
 * The Agreement (Överenskommelsen) is agreement/agreement.json, one file a
 * purpose (agreement/purposes/KEY.json) and one a clause
 * (agreement/clauses/ID.json).  Each write is one new version, made only on
 * the authority of a decision that is adopted in the tip it is written on.
 * In memory it is one JSON document: the fields of agreement.json, then
 * "purposes": {"a": TEXT, ...} and "clauses": [{"id", "heading", "text"}]
 * in natural order of their ids.
 */

/* Split an option value "KEY=TEXT"; TEXT may be "@FILE" or "@-" (see
 * samv_text_arg).  Both results are malloc'ed; opt names the option in
 * messages. */
int samv_key_text(char **key, char **text, const char *opt, const char *arg);
/* 0 when key is a purpose key, one letter a-z; else SAMV_EINVAL. */
int samv_purpose_key_check(const char *key);
/* Clause ids in natural order: 2 before 10, 4 before 4-1 before 4-10. */
int samv_clause_cmp(const char *a, const char *b);

/* The Agreement of a view; SAMV_ENOTFOUND when there is none. */
int samv_agreement_load(cJSON **out, struct samv_view *v);

/*
 * Write version 1: doc holds "title", optional "parties", "adopted",
 * "note", "purposes" and "clauses" as above.  decision is an id (or a
 * unique prefix) of an adopted decision; "adopted" defaults to its date.
 * Refused when an Agreement exists.  command names the commit's
 * Samv-Command.
 */
int samv_agreement_adopt(struct samv_store *s, const char *command, const char *decision, const cJSON *doc);

/* One amendment: every member may be NULL.  Lists are cJSON arrays of
 * strings; the KEY=TEXT options are cJSON objects of strings. */
struct samv_amend {
	const char *decision;  /* required */
	const char *date;      /* default: the decision's date */
	const char *title;
	const cJSON *add_parties, *remove_parties;
	const cJSON *add_purposes, *change_purposes, *remove_purposes;
	const cJSON *add_clauses, *change_clauses, *remove_clauses;
	const cJSON *headings; /* clause id -> heading ("" removes it) */
};
/* Make all the changes as one new version; *version is its number. */
int samv_agreement_amend(int *version, struct samv_store *s, const char *command, const struct samv_amend *a);

/*
 * Changes from Agreement a (NULL: none yet) to b, in the order title,
 * parties, purposes, clauses: an array of {"change": "added" | "removed" |
 * "changed", "what": "title" | "party" | "purpose" | "clause", "id", and
 * with texts "old" and "new"}.
 */
int samv_agreement_diff(cJSON **out, const cJSON *a, const cJSON *b, bool texts);
/* "changed clause 4" */
int samv_agreement_change_line(struct samv_buf *out, const cJSON *change);

/*
 * The versions of the Agreement in the history of rev (NULL: HEAD),
 * oldest first: the commits that changed agreement/, found by
 * comparing the tree of agreement/ with the parent's, never by diffing.
 * An array of {"version", "date", "decision", "meeting", "commit",
 * "author", "email", "time", "changes"}; empty when there is none.
 */
int samv_agreement_history(cJSON **out, struct samv_store *s, const char *rev);
/* The same, only the versions dated on or after since (each still told
 * against the version before it); the walk stops at the commit of the
 * oldest of them, and reads nothing when the tip's version is older. */
int samv_agreement_history_since(cJSON **out, struct samv_store *s, const char *rev, const char *since);
/* The history entry of version n, or the latest dated on or before date
 * (one of them is given); SAMV_ENOTFOUND saying why.  *out points into
 * history. */
int samv_agreement_find(const cJSON **out, const cJSON *history, int n, const char *date);

/*
 * Every commit in the history of rev (NULL: HEAD) that changed
 * agreement/ must name in a Samv-Decision trailer a decision that is
 * adopted in that commit's tree; problems are appended
 * (agreement-without-decision).  A merge whose agreement/ equals one
 * parent's changed nothing: the side that changed it is judged itself.
 */
int samv_check_history(struct samv_problems *pr, struct samv_store *s, const char *rev);
/* The same rule for one commit that changed agreement/. */
int samv_agreement_authority(struct samv_problems *pr, git_repository *repo, git_commit *c);

/* ---- three-way merge of records (merge.c) ---------------------------- */

/* Which side wins a conflict: none (report it), ours or theirs. */
enum samv_favor { SAMV_FAVOR_NONE, SAMV_FAVOR_OURS, SAMV_FAVOR_THEIRS };

/* One field changed to different values on both sides.  field is a path
 * ("level", "attended[eva].role"), "" for the whole record (deleted on
 * one side, changed on the other); ours and theirs are compact JSON, NULL
 * when absent. */
struct samv_conflict {
	char *file, *field, *ours, *theirs;
};
struct samv_conflicts {
	struct samv_conflict *v;
	size_t n, cap;
};
#define SAMV_CONFLICTS_INIT { NULL, 0, 0 }
int samv_conflict_add(struct samv_conflicts *c, const char *file, const char *field, const cJSON *ours,
		      const cJSON *theirs);
void samv_conflicts_free(struct samv_conflicts *c);
/* "PROG: conflict in actor ID (FILE): FIELD: yours V, THEIRS's V" */
void samv_conflict_print(FILE *f, const char *prog, const struct samv_conflict *k, const char *theirs);

/*
 * Three-way merge of JSON values (each may be NULL: absent).  *out gets
 * the merged value (NULL: absent).  Conflicts are appended (file names
 * them) unless favor picks a side; with SAMV_FAVOR_NONE ours is kept in
 * *out.  The rules are in merge.c and samv-merge-driver(1).
 */
int samv_merge_json(cJSON **out, const cJSON *base, const cJSON *ours, const cJSON *theirs,
		    enum samv_favor favor, struct samv_conflicts *c, const char *file);

/* One side of a file merge: text NULL when the file is absent there. */
struct samv_side {
	const char *text;
	size_t len;
};
/*
 * Merge the three versions of the file at path: *deleted when the result
 * is no file, else out holds its text: a side's text byte for byte when
 * only that side changed, else the merged record in canonical form.
 * SAMV_EINVAL when a version is not valid JSON.
 */
int samv_merge_record(struct samv_buf *out, bool *deleted, const char *path, const struct samv_side *base,
		      const struct samv_side *ours, const struct samv_side *theirs, enum samv_favor favor,
		      struct samv_conflicts *c);

/* ---- working together: samv-sync (sync.c) ----------------------------- */

struct samv_sync_opts {
	const char *remote;    /* NULL: the branch's upstream remote, else "origin" */
	enum samv_favor favor; /* how conflicts are resolved */
	const char *test_gate; /* tests only: wait at this gate before pushing */
	const char *people_test_gate; /* tests only: the same before pushing people */
};

enum samv_sync_how { SAMV_SYNC_UPTODATE, SAMV_SYNC_PUSHED, SAMV_SYNC_FASTFORWARD, SAMV_SYNC_MERGED };

struct samv_sync_result {
	size_t in, out;       /* commits received, local commits sent */
	int tries;            /* pushes refused because the remote moved */
	enum samv_sync_how how;
	char upstream[256];   /* "origin/main" */
	struct samv_conflicts conflicts; /* on SAMV_ECONFLICT */
	bool unverified;      /* a certificate not trusted was accepted (http.sslVerify=false) */
};

/*
 * Fetch the branch's counterpart from the remote, combine it with the
 * local branch (a fast-forward, or a merge commit with records merged
 * field by field) and push; fetch and combine again when the push is
 * refused because someone pushed in between (a few times, then
 * SAMV_EBUSY).  On SAMV_ECONFLICT nothing changed and r->conflicts says
 * what.  Free r with samv_sync_result_free whatever the result.
 */
int samv_sync(struct samv_sync_result *r, struct samv_store *s, const struct samv_sync_opts *o);
void samv_sync_result_free(struct samv_sync_result *r);

/* ---- reaching a remote (remote.c) ------------------------------------- */

/* One connection's callback payload: what was offered, and why it failed. */
struct samv_remote_auth {
	const char *url;
	int agent_tried, token_tried, user_tried;
	bool no_verify;  /* http.sslVerify=false or GIT_SSL_NO_VERIFY */
	bool unverified; /* a certificate that failed verification was accepted */
	bool cert_bad;   /* the server's certificate was not trusted */
	char *why;       /* our reason for the failure, instead of libgit2's */
	char *why_text;  /* the same in the user's language */
	char *rejected;  /* a push: the remote's reason for refusing the update */
};

/*
 * Set the callbacks of one fetch or push to url: credentials from the ssh
 * agent, the URL or SAMV_GIT_TOKEN, each offered once, and the host key or
 * certificate check.  For https, git's settings for certificate authorities
 * (samv_remote_tls).  Free a with samv_remote_auth_free.
 */
int samv_remote_init(struct samv_remote_auth *a, git_remote_callbacks *cb, git_repository *repo,
		     const char *url);
void samv_remote_auth_free(struct samv_remote_auth *a);
/* Make libgit2 trust the authorities of GIT_SSL_CAINFO, http.sslCAInfo or
 * SSL_CERT_FILE (else GIT_SSL_CAPATH, http.sslCAPath or SSL_CERT_DIR)
 * instead of its built-in file; *no_verify from GIT_SSL_NO_VERIFY and
 * http.sslVerify.  SAMV_EINVAL when the file cannot be read. */
int samv_remote_tls(bool *no_verify, git_repository *repo);
/* SAMV_EIO with one line: cannot WHAT 'NAME' (URL): the reason and what
 * to do about it (the URL without its password). */
int samv_remote_error(const struct samv_remote_auth *a, const char *what, const char *name);

/* The path of a path or file:// URL, else NULL (ssh, https, scp-like). */
const char *samv_url_local_path(const char *url);
/* url with the password of user:password@ written as ***. */
void samv_url_redact(char *out, size_t n, const char *url);
/* The host and port (22 unless given) of an ssh:// or scp-like URL; -1
 * when url is neither. */
int samv_url_ssh_host(char *host, size_t n, int *port, const char *url);

/* The lines of .gitattributes that select samv-merge-driver(1) for record
 * files, and the configuration that names it (init.c).  samv_merge_setup
 * writes both into a repository made without samv-init (one commit for
 * .gitattributes when it lacks them; *committed says so). */
int samv_merge_attributes(struct samv_buf *out);
int samv_merge_config(git_repository *repo);
int samv_merge_setup(bool *committed, struct samv_store *s, const char *command);

/* ---- command lines (opt.c) ------------------------------------------- */

enum samv_optarg { SAMV_OPT_NONE, SAMV_OPT_ARG };

struct samv_opt {
	const char *name;   /* long name without "--" */
	char sname;         /* short name or 0 */
	enum samv_optarg arg;
	const char *argname;
	const char *help;
	int id;             /* what the caller switches on */
};

/* The options every stand-alone command takes: -C, --help, --version and
 * the completion protocol's --completion-helper; the ids are the
 * command's own. */
#define SAMV_OPTS_COMMON(dir, help, version, complete) \
	{ "dir", 'C', SAMV_OPT_ARG, "DIR", N_("run as if started in DIR"), (dir) }, \
	{ "help", 'h', SAMV_OPT_NONE, NULL, N_("show this help and exit"), (help) }, \
	{ "version", 0, SAMV_OPT_NONE, NULL, N_("show the version and exit"), (version) }, \
	{ "completion-helper", 0, SAMV_OPT_NONE, NULL, NULL, (complete) }

struct samv_optstate {
	int ind;            /* next argv index; start at 1 */
	const char *arg;    /* the option's argument */
	const struct samv_opt *opt;
	char **ops;         /* operands in order: caller gives argc slots */
	int nops;
	bool dashdash;
};

/* Next option: its id (> 0), 0 when argv is used up, SAMV_EUSAGE on an
 * unknown option or a missing argument (message set).  Operands may stand
 * between options; they are collected in st->ops. */
int samv_opt_next(struct samv_optstate *st, int argc, char **argv,
		  const struct samv_opt *const *tables);
void samv_opt_help(FILE *f, const struct samv_opt *opts);
/* Options as the completion scripts want them: "--name=" or "--flag". */
void samv_opt_complete(FILE *f, const struct samv_opt *opts);

/* ---- "did you mean" (suggest.c) --------------------------------------- */

/* The names nearest to a mistyped one, as git's help.autocorrect weighs
 * them (a prefix first, then a Damerau-Levenshtein distance): up to max
 * into out, their number; 0 when none is near. */
size_t samv_suggest(const char **out, size_t max, const char *typed, const char *const *names, size_t n);
/* Append "did you mean 'x'?" (or "one of 'x', 'y'?"), each name after
 * prefix ("--"), to b: 1 when it did, 0 when no name is near. */
int samv_suggest_text(struct samv_buf *b, const char *prefix, const char *typed, const char *const *names,
		      size_t n);
/* SAMV_EUSAGE, "unknown WHAT 'PREFIXTYPED'; did you mean ...?", or with
 * " (see SEE)" when no name is near and see is given. */
int samv_error_unknown(const char *what, const char *prefix, const char *typed, const char *const *names, size_t n,
		       const char *see);

/* ---- the pager (pager.c) ---------------------------------------------- */

/* The pager to use, as git chooses: SAMV_PAGER, else core.pager from
 * repo's configuration (or the user's when repo is NULL), else PAGER, else
 * "less".  *out is NULL when paging is off ("" or "cat"); else malloc'ed. */
int samv_pager_command(char **out, git_repository *repo);
/* Run cmd with "sh -c", its standard input our standard output (and our
 * standard error when that is a terminal); LESS=FRX and LV=-c unless set. */
int samv_pager_start(pid_t *pid, const char *cmd);
/* Close our ends and wait for the pager: its exit status. */
int samv_pager_wait(pid_t pid);

/* ---- the generic record command (entity.c) ---------------------------- */

struct samv_entity; /* a parsed command line of a record command */

/* Options of a command's own subcommands take ids from here on; their
 * values are read back by name with samv_entity_arg/args/flag. */
#define SAMV_OPT_VERB 500

/* A subcommand beyond add, list, show, edit, retire and rm. */
struct samv_verb {
	const char *name;
	const char *args;   /* "ID [OPTIONS]" */
	const char *help;
	const struct samv_opt *opts; /* ids >= SAMV_OPT_VERB */
	bool fields;        /* also takes the type's field options */
	int (*run)(struct samv_entity *e, struct samv_store *s);
};

struct samv_cmd {
	const char *prog;   /* "samv-actor" */
	const struct samv_type *type;
	const char *summary;
	const char *retire_verb; /* "retire" or NULL */
	bool can_remove;    /* has an "rm" subcommand */
	const char *add_verb;    /* "plan" instead of "add", or NULL */
	const struct samv_verb *verbs; /* ends with a NULL name; or NULL */
	/* Rules that need the repository, run by add and edit (and by verbs
	 * that call it) before the record is staged: old is NULL on add.  It
	 * may stage other records in the same write. */
	int (*prepare)(struct samv_txn *t, cJSON *rec, const cJSON *old);
	/* Values of an option (name without "--") the tables cannot know,
	 * printed one a line for the completions; > 0 when it printed them. */
	int (*complete)(struct samv_entity *e, const char *opt);
};

/* main() of samv-actor, samv-person, samv-arena, samv-meeting, ... */
int samv_entity_main(const struct samv_cmd *cmd, int argc, char **argv);

const struct samv_cmd *samv_entity_cmd(struct samv_entity *e);
/* The operands; *n their number. */
char **samv_entity_operands(struct samv_entity *e, int *n);
/* Fails with a usage error unless there is exactly one operand. */
int samv_entity_one_operand(struct samv_entity *e, const char *what);
/* The last value of a verb's option (name without "--"), or NULL. */
const char *samv_entity_arg(struct samv_entity *e, const char *opt);
/* Every value of a repeatable option, an array of strings, or NULL. */
const cJSON *samv_entity_args(struct samv_entity *e, const char *opt);
/* The values given for a field on the command line (an array for a set
 * field), or NULL. */
const cJSON *samv_entity_field_args(struct samv_entity *e, const char *field);
bool samv_entity_flag(struct samv_entity *e, const char *opt);
bool samv_entity_json(struct samv_entity *e);
/* The directory given with -C, or NULL. */
const char *samv_entity_dir(struct samv_entity *e);
/* True when field options (--title, --remove-member, --unset) were given. */
bool samv_entity_has_fields(struct samv_entity *e);
/* Apply the field options to rec, resolving id prefixes in v. */
int samv_entity_apply(struct samv_entity *e, cJSON *rec, struct samv_view *v);
/* Commit as "<type>: <verb> <id>", telling on stderr when nothing changed. */
int samv_entity_commit(struct samv_entity *e, struct samv_txn *t, const char *verb, const char *id,
		       const char *body);
/* The text of a record for people: "field: value" lines. */
void samv_entity_print_record(FILE *f, const struct samv_type *t, const cJSON *rec);
/* Any JSON value as samv prints it (2-space indent, newline). */
int samv_print_json(FILE *f, const cJSON *v);
/* Records as --json prints them (jsonout.c): every field of t present,
 * null when absent; docs/schema/<type>.output.schema.json.  recs is one
 * record or an array of them. */
int samv_record_output(cJSON **out, const struct samv_type *t, const cJSON *rec);
int samv_records_output(cJSON **out, const struct samv_type *t, const cJSON *recs);
int samv_print_records(FILE *f, const struct samv_type *t, const cJSON *recs);
/* Remove the members that are null from every object in v: null in input
 * means absent. */
void samv_json_drop_nulls(cJSON *v);
/* A JSON string, or null for NULL: a key that is always there. */
cJSON *samv_json_str_or_null(const char *s);
/* Read a JSON object from a stream (at most max bytes); what names it in
 * errors ("standard input"). */
int samv_json_read_object(cJSON **out, FILE *in, size_t max, const char *what);
/* A text option value: "@FILE" reads the file, "@-" standard input;
 * anything else is the text itself.  *out is malloc'ed. */
int samv_text_arg(char **out, const char *opt, const char *value);

/* ---- documents for people: Markdown or text (doc.c) ------------------- */

enum samv_doc_format { SAMV_DOC_TEXT, SAMV_DOC_MARKDOWN };

struct samv_doc {
	struct samv_buf *out;
	enum samv_doc_format format;
	bool in_fields, in_list;
};

int samv_doc_format(enum samv_doc_format *out, const char *name);
int samv_doc_heading(struct samv_doc *d, int level, const char *text);
int samv_doc_field(struct samv_doc *d, const char *label, const char *value);
int samv_doc_para(struct samv_doc *d, const char *text);
int samv_doc_item(struct samv_doc *d, int n, const char *text);
int samv_doc_end_list(struct samv_doc *d);

/* ---- meetings and their follow-up (meeting.c) ------------------------- */

/* Rules across a meeting's fields, for validation (samv_type.check). */
int samv_meeting_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text);
int samv_action_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text);
/* The prepare hooks of samv-meeting and samv-meeting action. */
int samv_meeting_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old);
int samv_action_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old);
/* Record attendance: people attending (ids, with their organisation, role
 * and mandate as they are now), people absent; works out who was invited
 * and did not come. */
int samv_meeting_attend(cJSON *rec, struct samv_view *v, const cJSON *attended, const cJSON *absent);
/* A held meeting's absent and absent_actors worked out again from its
 * invitations and attendance (those attending are not absent; the invited
 * who did not come are), as after a merge of two partial attendance
 * records.  Any other meeting is left as it is. */
int samv_meeting_derive(cJSON *rec);
/* Before a three-way merge of a meeting changed on both sides: both
 * sides' SEQUENCE becomes one more than the higher, so that the merged
 * meeting is newer than either copy sent out (and the count no conflict). */
int samv_meeting_merge_sequence(const cJSON *base, cJSON *ours, cJSON *theirs);
/* The meeting's count of changes; 0 for a record from before the count. */
long long samv_meeting_sequence(const cJSON *m);

/* The invitation and the minutes (minutes.c): format "text" or
 * "markdown", lang "sv" or "en" (NULL: the repository's language is the
 * caller's to pass). */
int samv_meeting_invitation(struct samv_buf *out, struct samv_view *v, const cJSON *m, const char *format,
			    const char *lang);
int samv_meeting_minutes(struct samv_buf *out, struct samv_view *v, const cJSON *m, const char *format,
			 const char *lang);
/* The subject of the invitation (or of a cancelled meeting's notice) or
 * of the minutes: "Inbjudan: TITLE, DATE"; appended to out. */
int samv_meeting_subject(struct samv_buf *out, const cJSON *m, bool minutes, const char *lang);
/* "The meeting is cancelled.", a line before the invitation (whose first
 * block the document separates from it). */
int samv_meeting_cancel_note(struct samv_buf *out, const char *lang);
/* The meeting as an iCalendar (RFC 5545) iTIP message (ics.c): a
 * REQUEST, or a CANCEL for a cancelled meeting. */
struct samv_ics_opts {
	long long stamp;                 /* DTSTAMP, seconds since the epoch */
	const git_signature *organizer;  /* required, with an e-mail address */
	const char *tz;                  /* the TZID of start and end */
	const char *lang;                /* the description's language (doctext.h);
					  * NULL: Swedish and English side by side */
};
int samv_meeting_ics(struct samv_buf *out, struct samv_view *v, const cJSON *m, const struct samv_ics_opts *o);
/* What samv-meeting invite and minutes print (notice.c). */
struct samv_notice {
	struct samv_view *v;
	const cJSON *m;                 /* the meeting */
	const char *id, *lang, *tz;     /* its id, "sv" or "en", the TZID */
	bool minutes;                   /* the minutes, not the invitation */
	const git_signature *organizer; /* the sender; NULL: none known */
	long long stamp;                /* DTSTAMP and Date, seconds since the epoch */
};
/* Whether the notice may be made in format: text and Markdown invite only
 * to a planned meeting still to come. */
int samv_notice_check(const struct samv_notice *n, const char *format);
/* format: NULL or "text", "markdown", "md", "ics" (invitations), "mail"
 * or "json" (the keys listed in samv-meeting(1)). */
int samv_notice_render(struct samv_buf *out, const struct samv_notice *n, const char *format);
/* Whom the invitation (minutes false) or the minutes go to
 * (recipients.c): an array of {"person", "actor", "name", "email"}, every
 * key present, null when unknown; an invited organisation without a
 * contact person is one entry with person null. */
int samv_meeting_recipients(cJSON **out, struct samv_view *v, const cJSON *m, bool minutes);

/* ---- e-mail (mail.c) ----------------------------------------------------- */

/* A message for "sendmail -t": To: every recipient (objects with "name"
 * and "email", as samv_meeting_recipients gives) that has an address. */
struct samv_mail {
	const git_signature *from;
	const cJSON *to;
	const char *subject;     /* UTF-8 */
	long long date;          /* seconds since the epoch */
	const char *id;          /* Message-ID before the '@' (the sender's domain follows) */
	const char *body;        /* UTF-8 text, LF line ends */
	const char *attach_type; /* Content-Type of the attachment, without name */
	const char *attach_name;
	const char *attach;
	size_t attach_len;
};
int samv_mail_format(struct samv_buf *out, const struct samv_mail *m);
/* An address that may stand in To: and in a mailto: URI as it is. */
bool samv_mail_address_ok(const char *mail);

/* ---- time zones (tz.c) --------------------------------------------------- */

/* The zones a repository's "timezone" may name, NULL-terminated. */
extern const char *const samv_timezones[];
#define SAMV_TZ_DEFAULT "Europe/Stockholm"
bool samv_tz_known(const char *name);
/* The zone as an iCalendar VTIMEZONE (CRLF lines). */
int samv_tz_vtimezone(struct samv_buf *out, const char *name);
/* ---- decisions: anchors and kedge anchors (decision.c) ---------------- */

/*
 * The lifecycle: proposed -> adopted | revoked; adopted -> superseded |
 * revoked | expired; nothing leaves superseded, revoked or expired.
 */
bool samv_decision_can_move(const char *from, const char *to);
/* True for a status nothing leaves (superseded, revoked, expired). */
bool samv_decision_final(const char *status);
/*
 * 0 unless rec's links (supersedes, amends, confirms) name rec itself or
 * lead back to it through the decisions in all (an array of records; rec
 * stands in for its stored version): then SAMV_EINVAL naming the cycle.
 */
int samv_decision_cycle(const cJSON *all, const cJSON *rec);
/*
 * The prepare hook of samv-decision add and edit (old NULL on add): the
 * meeting's arena, the lifecycle (edit never changes the status), what
 * is fixed once adopted, dates, links; stages rec and, when rec is
 * adopted, the adopted decisions it supersedes or confirms, now
 * superseded.  Adds the trailers Samv-Status, Samv-Date on add and
 * Samv-Superseded for each decision it ends.
 */
int samv_decision_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old);
/*
 * Move a decision (id or prefix given) to adopted, revoked or expired.
 * date: for adopted the decision's new date (NULL keeps it); otherwise the
 * day it ended (NULL: today).  *id gets the full id.
 */
int samv_decision_move(char id[SAMV_ID_MAX + 1], struct samv_txn *t, const char *given, const char *to,
		       const char *date);
/* Add old to the supersedes of new; when new is adopted, old (adopted) is
 * superseded now and *now is set. */
int samv_decision_supersede(char old_id[SAMV_ID_MAX + 1], char new_id[SAMV_ID_MAX + 1], bool *now,
			    struct samv_txn *t, const char *old_given, const char *new_given);
/* The adopted decisions of all whose review date is on or before date,
 * by review date then id: references to them in a new array, good while
 * all is. */
int samv_decision_due(cJSON **out, const cJSON *all, const char *date);
/*
 * The chain of decision id among all (an array of decision records): a
 * tree of nodes {link, id, kind, status, date, title, back | forward},
 * described in samv-decision(1).  A cycle is cut and marked.
 */
int samv_decision_chain(cJSON **out, const cJSON *all, const char *id);
void samv_decision_chain_print(FILE *f, const cJSON *chain);

/* ---- assessment instruments (instrument.c) --------------------------- */

/*
 * An instrument is a JSON document (see samv-assess(1), INSTRUMENTS):
 * name, title {en, sv}, source, subjects, summary {method, ...}, scales
 * {NAME: {points: [{key, value, en, sv}], neutral}} and questions [{key,
 * group, type: scale | choices | text, scale, choices, note: required |
 * optional | none, required, en, sv}].  The built-in ones are embedded from
 * libcommon/instruments/NAME.json at build time; a repository's
 * instruments/NAME.json override or extend them.
 */
struct samv_builtin {
	const char *name;
	const char *text;
	size_t len;
};
extern const struct samv_builtin samv_builtin_instruments[]; /* ends with a NULL name */

/* 0 when inst is a whole, well-formed instrument; else SAMV_EINVAL saying
 * where ("questions[3]: scale: ..."). */
int samv_instrument_check(const cJSON *inst);
/* Parse and check; what names the text in messages. */
int samv_instrument_parse(cJSON **out, const char *text, size_t len, const char *what);
/* Every instrument: the built-in ones, then the view's (v may be NULL).
 * A bad instruments/NAME.json is an error, or with pr a problem (and
 * skipped).  An array, in order. */
int samv_instruments_load(cJSON **out, struct samv_view *v, struct samv_problems *pr);
const cJSON *samv_instrument_find(const cJSON *set, const char *name);
/* Like find, but SAMV_ENOTFOUND naming the instruments there are. */
int samv_instrument_get(const cJSON **out, const cJSON *set, const char *name);
const cJSON *samv_instrument_question(const cJSON *inst, const char *key);
const cJSON *samv_instrument_scale(const cJSON *inst, const cJSON *question);
/* The scale point of a question given by its key, its number or its label
 * in either language (case aside: "samsyn", "Shared view"). */
const cJSON *samv_instrument_point(const cJSON *inst, const cJSON *question, const char *given);
/* The "sv" or "en" text of o (lang NULL: en). */
const char *samv_instrument_text(const cJSON *o, const char *lang);
bool samv_subject_kind_ok(const char *kind);

/* ---- assessments (assess.c) ------------------------------------------- */

/* Rules across an assessment's fields that need no instrument: which ids
 * the subject kind needs (samv_type.check). */
int samv_assessment_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text);
/* Whether the subject of rec has the ids its kind needs and is one the
 * instrument assesses; SAMV_EINVAL saying why. */
int samv_assessment_fits(const cJSON *inst, const cJSON *rec);
/* The answers and notes of rec against its instrument: unknown question,
 * a value off the scale, a rating without its required note, a required
 * question unanswered, a subject the instrument is not for.  SAMV_EINVAL,
 * one line naming the question. */
int samv_assessment_validate(const cJSON *inst, const cJSON *rec);
/* The prepare hook of samv-assess add and edit: validate against the
 * instruments of the txn's view, put the answers in the instrument's
 * order, stage rec and add the trailers Samv-Instrument, Samv-Subject and
 * Samv-Date. */
int samv_assessment_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old);
/* "arena storgruppsmote", "pair a b", "collaboration": the subject of rec. */
int samv_assessment_subject(struct samv_buf *out, const cJSON *rec);
/* Whether rec is about the subject (kind, id, partner; id and partner may
 * be NULL). */
bool samv_assessment_about(const cJSON *rec, const char *kind, const char *id, const char *partner);

/*
 * The trend of one subject under one instrument: the assessments of all
 * (an array of records) about it, oldest first, and for each question the
 * answers across them.  {"instrument", "subject": {kind, id, partner},
 * "assessments": [{id, date, assessed_by}], "questions": [{key, type,
 * scale, answers: [{key, value, label, note} | null]}]}; labels in lang.
 */
int samv_assess_trend(cJSON **out, const cJSON *inst, const cJSON *all, const char *kind, const char *id,
		      const char *partner, const char *lang);
/* The trend as a terminal chart, or as CSV (RFC 4180, one row an answer,
 * after the header row when header). */
int samv_assess_trend_chart(struct samv_buf *out, const cJSON *trend, const cJSON *inst, const char *lang);
int samv_assess_trend_csv(struct samv_buf *out, const cJSON *trend, bool header);

/* ---- the levels of pairs (levels.c) ----------------------------------- */

/* Of a pairs instrument (levels), the latest rating in each direction
 * between actors, and the pairs whose two ratings differ by the
 * instrument's "disagree" or more: [{actor, partner, rating, value, date,
 * back, back_value, back_date, difference}], by actor then partner.  Only
 * actors in members (an array of ids) when members is not NULL. */
int samv_assess_disagreements(cJSON **out, const cJSON *inst, const cJSON *all, const cJSON *members);

struct samv_levels_opts {
	const cJSON *actors;   /* every actor record: names, and who is active */
	const cJSON *members;  /* only these actors and partners (an arena's), or NULL */
	const char *arena;     /* the arena whose members they are, for the record */
	const char *actor;     /* only this actor's block, or NULL */
	const char *lang;
};
/*
 * Per partner: for each actor in scope, the latest rating it gave each
 * partner and the one it received back, and the median of each side.
 * {instrument, title, question, disagree, arena, actors: [{actor, name, gave:
 * {count, median, lowest, highest}, received: {...}, partners: [{partner,
 * name, gave, received: {rating, value, label, date, assessment} | null,
 * difference, disagree}]}], not_rated: [ids in scope with no rating]}.
 */
int samv_assess_levels(cJSON **out, const cJSON *inst, const cJSON *all, const struct samv_levels_opts *o);
void samv_assess_levels_print(FILE *f, const cJSON *levels);

struct samv_gaps_opts {
	const char *today;     /* YYYY-MM-DD */
	int older_than;        /* months; members not assessed since are listed */
	const char *lang;
	const char *arena;     /* only this arena, or NULL for every active one */
};
/*
 * The retrospective diagnosis per arena (see samv-assess(1), gaps): an
 * array of {arena, name, step, cross, absent, skipped, unanswered,
 * hinders, hinders_most, not_assessed, disagree}.
 */
int samv_assess_gaps(cJSON **out, const cJSON *instruments, struct samv_view *v,
		     const struct samv_gaps_opts *o);
void samv_assess_gaps_print(FILE *f, const cJSON *gaps);
/* ---- periods (period.c) ------------------------------------------------ */

/* A period: two inclusive dates and the label people know it by
 * ("2026-W47", "2026-11", "2026", "2026-01-01..2026-03-31", "all"). */
struct samv_period {
	char since[11], until[11];
	char label[32];
};

/* 0 Monday ... 6 Sunday, of a checked date. */
int samv_date_weekday(const char *date);
/* The ISO 8601 week of a checked date: its year and number (1-53). */
void samv_date_isoweek(int *year, int *week, const char *date);
/*
 * A period from what people say: last-week, this-week, last-month,
 * this-month, last-year, this-year, all, YYYY-Www (ISO week, Monday to
 * Sunday), YYYY-MM or YYYY; relative ones count from today (a date).
 */
int samv_period_parse(struct samv_period *p, const char *spec, const char *today);
/* From --since and --until dates (either may be NULL: open). */
int samv_period_between(struct samv_period *p, const char *since, const char *until);
bool samv_period_has(const struct samv_period *p, const char *date);
/* True when the period has no first or no last day (all, --since only). */
bool samv_period_open(const struct samv_period *p);

/* ---- reports (report.c) and their formats (render.c, chart.c) ---------- */

/* What samv-report gathers; the JSON shape is in samv-report(1). */
struct samv_report_opts {
	const char *report;   /* summary, arena, decisions, actions, participation, agreement */
	const char *arena;    /* the arena's id or a unique prefix (arena report) */
	const char *rev;      /* read as of this commit (NULL: HEAD) */
	const char *today;    /* YYYY-MM-DD */
	struct samv_period period;
	int minutes_days;     /* minutes are late this many days after a meeting */
	bool public;          /* without personal data (public.c) */
	const char *lang;     /* --public: the language of people's labels (NULL: en) */
};

/* The i-th report's name (summary first), NULL past the end. */
const char *samv_report_name(size_t i);
/* Gather a report as one JSON document: "report", "title", "collaboration",
 * "period", "today", "figures", "sections", "charts". */
int samv_report_build(cJSON **out, struct samv_store *s, const struct samv_report_opts *o);
/* The value of figure key (0 when there is none). */
int samv_report_figure(const cJSON *doc, const char *key);
/* True when every figure is 0. */
bool samv_report_empty(const cJSON *doc);

enum samv_render_format { SAMV_RENDER_TEXT, SAMV_RENDER_MARKDOWN, SAMV_RENDER_JSON, SAMV_RENDER_CSV, SAMV_RENDER_HTML };
struct samv_render_opts {
	enum samv_render_format format;
	bool color; /* text: bold headings and dim rules (ANSI) */
	bool bom;   /* csv: start with a UTF-8 byte order mark */
	const char *lang;  /* the document language (NULL: en); not json or csv */
	bool excel_sv;     /* csv: Swedish Excel's dialect (BOM, ';', decimal comma) */
};
int samv_render_format(enum samv_render_format *out, const char *name);
/* A copy of a report document with its titles, heads and enum cells in
 * lang, for the formats people read (reporttext.c). */
int samv_report_localize(cJSON **out, const cJSON *doc, const char *lang);
/* The same, in doc itself. */
int samv_report_localize_in(cJSON *doc, const char *lang);
/* doc in o's format; for the formats people read doc is first put in
 * o->lang in place (no copy: a summary's rows are many). */
int samv_render(struct samv_buf *out, cJSON *doc, const struct samv_render_opts *o);
/* One chart of a report ({"id", "title", "kind", "labels", "series"}) as
 * inline SVG (chart.c). */
int samv_chart_svg(struct samv_buf *out, const cJSON *chart);
/* The same with its description in a document language (NULL: en). */
int samv_chart_svg_lang(struct samv_buf *out, const cJSON *chart, const char *lang);
/* ---- the audit trail (jsondiff.c, treediff.c, commitsig.c, auditlog.c,
 * auditverify.c) ------------------------------------------------------- */

/* Deep equality of two JSON values (arrays in order, objects by key). */
bool samv_json_equal(const cJSON *a, const cJSON *b);
/*
 * What changed from a to b (NULL: absent), field by field: an array of
 * {"field", "change", ...}: "changed" with "old" and "new", "added" with
 * "new", "removed" with "old", and in lists "item-added" or
 * "item-removed" with "item" (lists are compared as sets; a list whose
 * items are the same but not their order is "changed").  Fields of
 * nested objects are named "outer.inner".  In b's key order, then the
 * fields b no longer has.
 */
int samv_jsondiff(cJSON **out, const cJSON *a, const cJSON *b);
/* One change as a line (no newline): "~ f: old → new", "+ f: new",
 * "- f: old", "+ f[]: item", "- f[]: item"; values as JSON. */
int samv_jsondiff_line(struct samv_buf *out, const cJSON *change);

/* A file a commit changed (samv_treediff). */
struct samv_treechange {
	const char *path;
	git_oid old_id, new_id; /* old: in the first parent */
	unsigned old_mode, new_mode;
	bool had_old, has_new;
};
typedef int (*samv_treediff_fn)(const struct samv_treechange *c, void *arg);
/* The last trees looked up, kept for the next commit of a walk. */
struct samv_treememo;
int samv_treememo_new(struct samv_treememo **out);
void samv_treememo_free(struct samv_treememo *m);
/*
 * Call fn for every file commit c changed under paths (files or
 * directories, n of them; n == 0 or "" : the whole tree), comparing tree
 * entry ids down the paths only.  A merge changed a file only when it
 * differs from every parent's; a root commit added all it has.  memo
 * (may be NULL) keeps trees for the next call.
 */
int samv_treediff(git_repository *repo, struct samv_treememo *memo, git_commit *c, const char *const *paths,
		  size_t n, samv_treediff_fn fn, void *arg);
/* The same for every file that differs from tree from to tree to (either
 * may be NULL: empty); old is from's. */
int samv_treediff_trees(git_repository *repo, struct samv_treememo *memo, git_tree *from, git_tree *to,
			samv_treediff_fn fn, void *arg);

/*
 * The signature of a commit as `git log --show-signature` judges it, by
 * running gpg or ssh-keygen -Y (with gpg.ssh.allowedSignersFile) as git
 * does: NULL when unsigned, else {"format": "openpgp" | "ssh" | "x509",
 * "status": "good" | "bad" | "unknown-key" | "expired" | "revoked" |
 * "error", "signer", "key", "message"} (signer and key may be null).
 */
int samv_commit_signature(cJSON **out, git_repository *repo, const git_oid *id);

/* A commit time as "2026-11-23T11:02:00+01:00", in its own offset. */
int samv_git_time(char out[32], const git_time *t);
/* The type and id of the record whose path is path exactly (id "" for
 * samv.json), or NULL. */
const struct samv_type *samv_path_record(const char *path, char id[SAMV_ID_MAX + 1]);
/* The value of the first trailer key of a commit message (malloc'ed), or
 * NULL. */
char *samv_commit_trailer(const char *message, const char *key);

/* What samv-log walks and shows. */
struct samv_log_opts {
	const char *rev;       /* where the walk starts; NULL: HEAD */
	const char *hide;      /* a revision whose history is left out */
	const char *since;     /* YYYY-MM-DD: author date on or after */
	const char *until;     /* YYYY-MM-DD: author date on or before */
	long max;              /* at most this many commits; 0: all */
	bool signatures;       /* judge signatures (runs gpg, ssh-keygen) */
};

/*
 * The paths whose history tells the story of what (NULL: the whole
 * repository): "agreement" (the Agreement with its purposes and
 * clauses), or a record's id or unique prefix of any type, as of
 * o->rev.  An arena brings its meetings and decisions.  *paths is a
 * malloc'ed array of malloc'ed strings; *label says what it is
 * ("actor rf-sisu").
 */
int samv_log_paths(char ***paths, size_t *n, char **label, struct samv_store *s, const char *rev,
		   const char *what);
void samv_log_paths_free(char **paths, size_t n);
/*
 * Walk the history from o->rev, newest first (merged branches one after
 * the other, not by date), and call fn with an entry
 * for every commit that changed one of the paths (documented in
 * samv-log(1)): {"commit", "parents", "author", "email", "date",
 * "command", "subject", "signature", "files": [{"path", "type", "id",
 * "change", "fields"}]}.
 */
typedef int (*samv_log_fn)(const cJSON *entry, void *arg);
/* A walk from rev (NULL: HEAD) without hide's history (hide may be
 * NULL), sorted as asked; *w is NULL on an unborn branch. */
/* Is the commit's author date (the day, in its own offset) within
 * o->since and o->until? */
bool samv_log_in_period(git_commit *c, const struct samv_log_opts *o);
int samv_log_walk_start(git_revwalk **w, git_repository *repo, const char *rev, const char *hide, unsigned sort);
int samv_log(struct samv_store *s, const char *const *paths, size_t n, const struct samv_log_opts *o,
	     samv_log_fn fn, void *arg);
/* An entry for people, in the text form of samv-log(1). */
int samv_log_entry_text(struct samv_buf *out, const cJSON *entry);

/*
 * Every commit from o->rev (not in o->hide's history) that broke the
 * rules: a record invalid at that commit, a record deleted that others
 * still refer to, an Agreement change without an adopted decision, a
 * decision deleted, a commit made outside samv, a merge that is not the
 * field by field merge of its parents (samv-log(1)).  Problems carry
 * their commit, newest commit first, by file within a commit.
 */
int samv_log_verify(struct samv_problems *pr, struct samv_store *s, const struct samv_log_opts *o);

/* ---- personal data (people.c, forget.c) ------------------------------ */

/*
 * Erase a person's data (samv-person(1), forget): their record is taken
 * out of every commit of the people ref, a tombstone (id, organisation,
 * role, the date, ref) put in its place, and the ref's reflog dropped.
 * *id gets the full id; *mentions an array of {"file", "type", "id",
 * "field", "option"}: text fields on the branch that still hold the name,
 * e-mail or telephone, for a person to redact.
 */
int samv_person_forget(cJSON **mentions, char id[SAMV_ID_MAX + 1], struct samv_store *s, const char *given,
		       const char *ref, const char *today);

/* Start refs/samv/people in the repository at dir (samv-init
 * --people-ref): from then on people are kept there (samv(7)). */
int samv_people_start(const char *dir);

/* ---- publishing without personal data (public.c, export.c) ---------- */

struct samv_public;
/*
 * What a public copy of the records of v leaves out: people become their
 * organisation and role ("Representative of Region X (official)", in
 * lang), person ids that may carry a name become "person-N", and fields
 * marked SAMV_FL_PERSONAL are dropped.  Counts what it removed.
 */
int samv_public_new(struct samv_public **out, struct samv_view *v, const char *lang);
void samv_public_free(struct samv_public *p);
/* Make rec, a record of t, public in place. */
int samv_public_record(struct samv_public *p, const struct samv_type *t, cJSON *rec);
/* Reads of v from now on give public records (store.c's filter). */
void samv_public_attach(struct samv_public *p, struct samv_view *v);
/* What was removed: {"people": N, "ids": N, "fields": [{"type", "field",
 * "values"}]}. */
int samv_public_statement(cJSON **out, const struct samv_public *p);
/* The statement as a report section (render.c draws it). */
int samv_public_section(cJSON *sections, const struct samv_public *p);

struct samv_export_opts {
	const char *dir;   /* where to write; must not exist or be empty */
	const char *rev;   /* NULL: HEAD */
	const char *today; /* YYYY-MM-DD */
	const char *lang;  /* the HTML page's language (NULL: the repository's) */
	bool force;        /* replace a non-empty dir */
};
/* samv-export --public: the records without personal data as JSON, one
 * HTML page and removed.json, written to a temporary directory beside
 * o->dir and renamed into place; *files gets how many files. */
int samv_export_public(size_t *files, struct samv_store *s, const struct samv_export_opts *o);

/* Shared by every command (version.c). */
void samv_print_version(FILE *f, const char *prog);

#endif
