/*
 * pdscan.c - personal data where it does not belong: samv-check's
 * warnings (samv-check(1), samv(7) PERSONAL DATA).
 *
 * E-mail addresses and telephone numbers belong in a person's contact
 * fields, which can be erased; in a minutes text or a note they stay in
 * the branch's history for good.  A person's name in an id or a file path
 * is in every commit that names the record (trailers, messages).  The
 * text of each record is scanned once, while samv-check has it parsed;
 * names are matched against paths at the end, when every person is
 * known.  What is found is shown masked: check output goes to logs.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdscan.h"
#include "arena.h"
#include "idset.h"
#include "people.h"

#define NAME_TOKENS 6 /* the longest name looked for, in words */

/* A person's name as a slug ("eva-lind"), and whose it is. */
struct pdname {
	const char *slug, *person; /* the scan's arena */
};

/* A file whose path may hold a name; person records apart. */
struct pdpath {
	const char *path, *id; /* the scan's arena */
	bool record;
	bool own_name; /* a person whose id holds a word of their own name */
};

struct samv_pdscan {
	struct samv_arena arena; /* the strings of names and paths */
	struct samv_view *v;
	struct samv_problems *pr;
	struct samv_idset ok_email, ok_phone, ok_id; /* the allow list */
	struct samv_idset first;                     /* names' first words */
	/* a first word's length (bit, 63: 63 or more) by its first
	 * character (first_key): most words of a path are none, found
	 * without a lookup; first_any: a word this cannot say */
	uint64_t first_lens[36];
	bool first_any;
	struct pdname *names;
	size_t nnames, capnames;
	struct pdpath *paths, *people;
	size_t npaths, cappaths, npeople, cappeople;
};

static bool is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* ---- finding and masking ------------------------------------------------ */

static bool local_char(unsigned char c)
{
	return is_alnum(c) || c >= 0x80 || strchr("._%+-'", c);
}

static bool domain_char(unsigned char c)
{
	return is_alnum(c) || c >= 0x80 || c == '-' || c == '.';
}

const char *samv_pd_find_email(const char *s, size_t *len)
{
	const char *at, *l, *r, *dot;
	size_t tld;

	for (; (at = strchr(s, '@')); s = at + 1) {
		for (l = at; l > s && local_char((unsigned char)l[-1]); l--)
			;
		while (l < at && *l == '.')
			l++;
		for (r = at + 1; domain_char((unsigned char)*r); r++)
			;
		while (r > at + 1 && r[-1] == '.')
			r--;
		if (l == at || r == at + 1 || at[1] == '.' || at[1] == '-')
			continue;
		/* a domain of two labels or more, the last two letters or more */
		for (dot = r; dot > at && dot[-1] != '.'; dot--)
			;
		if (dot <= at + 2)
			continue;
		for (tld = 0; dot + tld < r && ((dot[tld] | 0x20) >= 'a' && (dot[tld] | 0x20) <= 'z'); tld++)
			;
		if (tld < 2 || dot + tld != r)
			continue;
		*len = (size_t)(r - l);
		return l;
	}
	return NULL;
}

/* "0900-1200": a span of hours, written without the dot. */
static bool time_span(const char *p, size_t len)
{
	int h1, m1, h2, m2;

	return len == 9 && p[4] == '-' && strspn(p, "0123456789") == 4 && strspn(p + 5, "0123456789") == 4 &&
	       sscanf(p, "%2d%2d-%2d%2d", &h1, &m1, &h2, &m2) == 4 && h1 < 24 && h2 < 24 && m1 < 60 && m2 < 60;
}

/*
 * A telephone number: "+46 70-123 45 67", "070-123 45 67", "08-12 34 56",
 * "(08) 123 456": 8 to 15 digits in groups split by one space, hyphen or
 * parenthesis, starting with + or 0 (as numbers are written in Sweden;
 * dates, amounts and organisation numbers do not), not inside a word, a
 * time or a link.
 */
const char *samv_pd_find_phone(const char *s, size_t *len)
{
	const char *p, *q, *end;
	size_t digits;

	/* strpbrk skips the text between candidates faster than a loop */
	for (p = s; (p = strpbrk(p, "+0(")); p++) {
		unsigned char prev = p > s ? (unsigned char)p[-1] : ' ';

		if (is_alnum(prev) || prev >= 0x80 || strchr("+-./:=_@#&?%", prev))
			continue;
		q = p;
		if (*q == '(' && q[1] != '0')
			continue;
		if (*q == '+')
			q++;
		digits = 0;
		end = NULL;
		while (*q) {
			if (*q >= '0' && *q <= '9') {
				digits++;
				end = ++q;
			} else if ((*q == ' ' || *q == '-' || *q == '(' || *q == ')') && q[1] &&
				   ((q[1] >= '0' && q[1] <= '9') || (q[1] == '(' && q[0] == ' ') ||
				    (q[0] == ')' && q[1] == ' ' && q[2] >= '0' && q[2] <= '9'))) {
				q++;
			} else {
				break;
			}
		}
		if (!end || digits < 8 || digits > 15) {
			if (end && end > p)
				p = end - 1;
			continue;
		}
		/* a number glued to a word, a decimal or a time is not one */
		if (is_alnum((unsigned char)*end) || (unsigned char)*end >= 0x80 ||
		    ((*end == '.' || *end == ':' || *end == ',' || *end == '/') && end[1] >= '0' && end[1] <= '9')) {
			p = end - 1;
			continue;
		}
		if (time_span(p, (size_t)(end - p))) {
			p = end - 1;
			continue;
		}
		*len = (size_t)(end - p);
		return p;
	}
	return NULL;
}

/* The Luhn check digit of ten digits is right. */
static bool luhn(const char d[10])
{
	int i, sum = 0;

	for (i = 0; i < 10; i++) {
		int v = (d[i] - '0') * (i % 2 ? 1 : 2);

		sum += v > 9 ? v - 9 : v;
	}
	return sum % 10 == 0;
}

const char *samv_pd_find_idnumber(const char *s, size_t *len)
{
	const char *p, *q;
	char d[12];
	size_t n, k;
	int month, day;

	for (p = s; (p = strpbrk(p, "0123456789")); p++) {
		if (p > s && (is_alnum((unsigned char)p[-1]) || strchr("+-./:", p[-1])))
			continue;
		for (q = p, n = 0; n < 12 && ((*q >= '0' && *q <= '9') || ((*q == '-' || *q == '+') && (n == 6 || n == 8)));
		     q++)
			if (*q >= '0' && *q <= '9')
				d[n++] = *q;
		/* a hyphen only between the date and the last four */
		if ((n != 10 && n != 12) || is_alnum((unsigned char)*q) || (*q == '-' && q[1] >= '0' && q[1] <= '9')) {
			while (*p >= '0' && *p <= '9')
				p++;
			if (!*p)
				break;
			continue;
		}
		k = n - 10; /* the century, when written */
		if (memchr(p, '-', (size_t)(q - p)) && p[6 + k] != '-' && p[6 + k] != '+')
			continue;
		if (k && strncmp(d, "19", 2) && strncmp(d, "20", 2))
			continue;
		month = (d[k + 2] - '0') * 10 + (d[k + 3] - '0');
		day = (d[k + 4] - '0') * 10 + (d[k + 5] - '0');
		if (day > 60)
			day -= 60;
		if (month < 1 || month > 12 || day < 1 || day > 31 || !luhn(d + k))
			continue;
		*len = (size_t)(q - p);
		return p;
	}
	return NULL;
}

/* One character of a mask: an ASCII letter or digit shown, else '*'. */
static char shown(char c)
{
	return is_alnum((unsigned char)c) ? c : '*';
}

void samv_pd_mask_email(char *out, size_t outsz, const char *s, size_t len)
{
	const char *at = memchr(s, '@', len), *dot = s + len;

	while (dot > at && dot[-1] != '.')
		dot--;
	snprintf(out, outsz, "%c***@%c***.%.*s", shown(s[0]), shown(at[1]), (int)(s + len - dot), dot);
}

void samv_pd_mask_phone(char *out, size_t outsz, const char *s, size_t len)
{
	size_t i, k = 0, digits = 0, seen = 0;

	for (i = 0; i < len; i++)
		digits += s[i] >= '0' && s[i] <= '9';
	for (i = 0; i < len && k + 1 < outsz; i++) {
		bool d = s[i] >= '0' && s[i] <= '9';

		seen += d;
		out[k++] = d && seen + 2 <= digits ? '*' : s[i];
	}
	out[k] = '\0';
}

/* ---- the allow list ------------------------------------------------------ */

/* Digits only, "+46"/"0046" as the "0" dialled at home: one number
 * written two ways is one. */
static void phone_key(char *out, size_t outsz, const char *s, size_t len)
{
	size_t i, k = 0;
	bool plus = false;

	for (i = 0; i < len && k + 1 < outsz; i++) {
		if (s[i] == '+' && !k)
			plus = true;
		else if (s[i] >= '0' && s[i] <= '9')
			out[k++] = s[i];
	}
	out[k] = '\0';
	if (plus && !strncmp(out, "46", 2)) {
		memmove(out + 1, out + 2, k - 1);
		out[0] = '0';
	} else if (!strncmp(out, "0046", 4)) {
		memmove(out + 1, out + 4, k - 3);
	}
}

static void lower_copy(char *out, size_t outsz, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && i + 1 < outsz; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
}

static int allow_line(struct samv_pdscan *ps, char *line)
{
	char key[256];
	size_t n = strlen(line);

	while (n && strchr(" \t\r", line[n - 1]))
		line[--n] = '\0';
	while (*line == ' ' || *line == '\t')
		line++, n--;
	if (!n || *line == '#')
		return 0;
	if (strchr(line, '@')) {
		lower_copy(key, sizeof(key), line, n);
		return samv_idset_add(&ps->ok_email, key) < 0 ? SAMV_ERROR : 0;
	}
	if (strspn(line, "+0123456789 -()") == n) {
		phone_key(key, sizeof(key), line, n);
		if (strlen(key) >= 7)
			return samv_idset_add(&ps->ok_phone, key) < 0 ? SAMV_ERROR : 0;
	}
	return samv_idset_add(&ps->ok_id, line) < 0 ? SAMV_ERROR : 0;
}

static int read_allow(struct samv_pdscan *ps)
{
	struct samv_buf text = SAMV_BUF_INIT;
	char *line, *next;
	int rc = samv_view_read(&text, ps->v, SAMV_PDSCAN_ALLOW);

	if (rc == SAMV_ENOTFOUND) {
		samv_error_clear();
		return 0;
	}
	if (rc < 0)
		return samv_problem_add(ps->pr, SAMV_PDSCAN_ALLOW, SAMV_POS_FILE, "unreadable", "%s",
					samv_error_last());
	for (line = text.ptr; rc == 0 && line && *line; line = next) {
		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		rc = allow_line(ps, line);
	}
	samv_buf_free(&text);
	return rc;
}

int samv_pdscan_new(struct samv_pdscan **out, struct samv_view *v, struct samv_problems *pr)
{
	struct samv_pdscan *ps = calloc(1, sizeof(*ps));
	int rc;

	*out = NULL;
	if (!ps)
		return samv_error_set(SAMV_ERROR, "out of memory");
	ps->v = v;
	ps->pr = pr;
	if ((rc = read_allow(ps)) < 0) {
		samv_pdscan_free(ps);
		return rc;
	}
	*out = ps;
	return 0;
}

/* ---- e-mail addresses and telephone numbers in text ------------------------ */

/* What one field holds, counted over all its strings. */
struct found {
	size_t emails, phones, idnumbers;
	char email[128], phone[64]; /* the first, masked */
};

static void scan_string(struct samv_pdscan *ps, struct found *f, const char *s)
{
	const char *p, *at;
	char key[256];
	size_t len;

	for (p = s; (at = samv_pd_find_email(p, &len)); p = at + len) {
		lower_copy(key, sizeof(key), at, len);
		if (samv_idset_has(&ps->ok_email, key))
			continue;
		if (!f->emails++)
			samv_pd_mask_email(f->email, sizeof(f->email), at, len);
	}
	for (p = s; (at = samv_pd_find_phone(p, &len)); p = at + len) {
		phone_key(key, sizeof(key), at, len);
		if (samv_idset_has(&ps->ok_phone, key))
			continue;
		if (!f->phones++)
			samv_pd_mask_phone(f->phone, sizeof(f->phone), at, len);
	}
	for (p = s; (at = samv_pd_find_idnumber(p, &len)); p = at + len)
		f->idnumbers++;
}

/* Every string of a value: a text, a list, a map's values (an
 * assessment's answers and notes). */
static void scan_value(struct samv_pdscan *ps, struct found *f, const cJSON *val)
{
	const cJSON *it;

	if (cJSON_IsString(val))
		scan_string(ps, f, val->valuestring);
	else if (cJSON_IsArray(val) || cJSON_IsObject(val))
		cJSON_ArrayForEach(it, val)
			scan_value(ps, f, it);
}

/* Fields that hold no free text though they are strings: where contact
 * data belongs, and numbers and links that look like telephone numbers. */
static bool not_free_text(const struct samv_type *t, const struct samv_field *f)
{
	if (samv_type_personal(t) && (!strcmp(f->name, "email") || !strcmp(f->name, "phone")))
		return true;
	return !strcmp(f->name, "orgnr") || !strcmp(f->name, "link") || !strcmp(f->name, "reference") ||
	       !strcmp(f->name, "instrument") || !strcmp(f->name, "currency");
}

static int report(struct samv_pdscan *ps, const char *path, const char *text, const char *key,
		  const char *field, const struct found *f)
{
	struct samv_pos pos = samv_json_locate(text, key);
	int rc = 0;

	if (f->emails == 1)
		rc = samv_problem_add(ps->pr, path, pos, "personal-email",
				      "%s: an e-mail address (%s) outside the person records "
				      "(a public one: list it in .samv-personal-allow)", field, f->email);
	else if (f->emails)
		rc = samv_problem_add(ps->pr, path, pos, "personal-email",
				      "%s: %zu e-mail addresses (%s, ...) outside the person records "
				      "(public ones: list them in .samv-personal-allow)", field, f->emails, f->email);
	if (rc == 0 && f->phones == 1)
		rc = samv_problem_add(ps->pr, path, pos, "personal-phone",
				      "%s: a telephone number (%s) outside the person records "
				      "(a public one: list it in .samv-personal-allow)", field, f->phone);
	else if (rc == 0 && f->phones)
		rc = samv_problem_add(ps->pr, path, pos, "personal-phone",
				      "%s: %zu telephone numbers (%s, ...) outside the person records "
				      "(public ones: list them in .samv-personal-allow)", field, f->phones, f->phone);
	/* not even masked in part: the record types have no place for one */
	if (rc == 0 && f->idnumbers)
		rc = samv_problem_add(ps->pr, path, pos, "personal-idnumber",
				      "%s: %zu personal identity number(s) (personnummer): samv's records have no "
				      "place for them; remove them", field, f->idnumbers);
	return rc;
}

/* The field of t named key.  Records are written in the order of their
 * fields, so the search starts after the field found last: a record
 * costs about one comparison a field. */
static const struct samv_field *field_of(const struct samv_type *t, const char *key, size_t *from)
{
	size_t i, j;

	for (i = 0; i < t->nfields; i++) {
		j = (*from + i) % t->nfields;
		if (!strcmp(t->fields[j].name, key)) {
			*from = j + 1;
			return &t->fields[j];
		}
	}
	return NULL;
}

/* The text fields of rec, of type t; an object of a list (parent[index],
 * an attendance) is at key of the record's text. */
static int scan_fields(struct samv_pdscan *ps, const char *path, const char *text, const char *parent,
		       size_t index, const struct samv_type *t, const cJSON *rec)
{
	const struct samv_field *f;
	const struct samv_type *sub;
	const cJSON *val, *it;
	char field[128];
	size_t from = 0, k;
	int rc = 0;

	cJSON_ArrayForEach(val, rec) {
		struct found found;

		if (!val->string || !(f = field_of(t, val->string, &from)))
			continue; /* validation has reported it */
		if (f->kind == SAMV_F_OBJS && (sub = samv_subtype_find(f->ref)) && cJSON_IsArray(val)) {
			k = 0;
			cJSON_ArrayForEach(it, val)
				if ((rc = scan_fields(ps, path, text, f->name, k++, sub, it)) < 0)
					return rc;
			continue;
		}
		if (f->kind != SAMV_F_STRING && f->kind != SAMV_F_TEXT && f->kind != SAMV_F_LIST &&
		    f->kind != SAMV_F_MAP)
			continue;
		memset(&found, 0, sizeof(found));
		scan_value(ps, &found, val);
		if ((!found.emails && !found.phones && !found.idnumbers) || not_free_text(t, f))
			continue;
		if (parent)
			snprintf(field, sizeof(field), "%s[%zu].%s", parent, index, f->name);
		else
			snprintf(field, sizeof(field), "%s", f->name);
		if ((rc = report(ps, path, text, parent ? parent : f->name, field, &found)) < 0)
			break;
	}
	return rc;
}

/* ---- names in paths and ids ---------------------------------------------- */

static int add_path(struct samv_arena *arena, struct pdpath **v, size_t *n, size_t *cap, const char *path,
		    const char *id, bool record)
{
	struct pdpath *p;

	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 256;
		struct pdpath *nv = realloc(*v, c * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		*v = nv;
		*cap = c;
	}
	p = &(*v)[*n];
	memset(p, 0, sizeof(*p));
	p->record = record;
	if (!(p->path = samv_arena_dup(arena, path, strlen(path))) ||
	    (id && !(p->id = samv_arena_dup(arena, id, strlen(id)))))
		return SAMV_ERROR;
	(*n)++;
	return 0;
}

int samv_pdscan_path(struct samv_pdscan *ps, const char *path)
{
	if (samv_people_path(path))
		return 0; /* the person records: their ids are looked at apart */
	return add_path(&ps->arena, &ps->paths, &ps->npaths, &ps->cappaths, path, NULL, false);
}

/* A word's first character as first_lens's index, or -1. */
static int first_key(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	return c >= 'a' && c <= 'z' ? c - 'a' : c >= '0' && c <= '9' ? 26 + c - '0' : -1;
}

static uint64_t len_bit(size_t len)
{
	return (uint64_t)1 << (len < 63 ? len : 63);
}

/* Whether a word of lw characters at w may be a first word (no: 0). */
static bool maybe_first(const struct samv_pdscan *ps, const char *w, size_t lw)
{
	int k = first_key((unsigned char)w[0]);

	return ps->first_any || (k >= 0 && (ps->first_lens[k] & len_bit(lw)));
}

static int add_name(struct samv_pdscan *ps, const char *slug, const char *person)
{
	int k;

	struct pdname *n;
	char first[64];

	if (ps->nnames == ps->capnames) {
		size_t c = ps->capnames ? ps->capnames * 2 : 64;
		struct pdname *nv = realloc(ps->names, c * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		ps->names = nv;
		ps->capnames = c;
	}
	n = &ps->names[ps->nnames];
	if (!(n->slug = samv_arena_dup(&ps->arena, slug, strlen(slug))) ||
	    !(n->person = samv_arena_dup(&ps->arena, person, strlen(person))))
		return SAMV_ERROR;
	ps->nnames++;
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(slug, "-"), slug);
	if ((k = first_key((unsigned char)first[0])) < 0)
		ps->first_any = true;
	else
		ps->first_lens[k] |= len_bit(strlen(first));
	return samv_idset_add(&ps->first, first) < 0 ? SAMV_ERROR : 0;
}

/* Whether a word of id (three letters or more) is a word of slug. */
static bool shares_word(const char *id, const char *slug)
{
	const char *a, *b;
	size_t la, lb;

	for (a = id; *a; a += la + (a[la] == '-')) {
		la = strcspn(a, "-");
		if (la < 3)
			continue;
		for (b = slug; *b; b += lb + (b[lb] == '-')) {
			lb = strcspn(b, "-");
			if (la == lb && !strncmp(a, b, la))
				return true;
		}
	}
	return false;
}

int samv_pdscan_person_slug(char out[64], const cJSON *rec)
{
	const char *name = samv_record_str(rec, "name"), *status = samv_record_str(rec, "status");

	if (status && !strcmp(status, "forgotten"))
		return 0;
	if (!name || samv_id_slug(out, 64, name) < 0) {
		samv_error_clear();
		return 0;
	}
	return 1;
}

/* A person: the full name and first + last name, when a name has two
 * words or more (one word alone is too common to look for); slug NULL:
 * none to look for (samv_pdscan_person_slug). */
static int person_slug(struct samv_pdscan *ps, const char *path, const char *id, const char *slug)
{
	const char *last;
	char two[64];
	int rc;

	if (!slug)
		return 0;
	if (id && (rc = add_path(&ps->arena, &ps->people, &ps->npeople, &ps->cappeople, path, id, true)) < 0)
		return rc;
	if (id)
		ps->people[ps->npeople - 1].own_name = shares_word(id, slug);
	if (!(last = strrchr(slug, '-')))
		return 0;
	if ((rc = add_name(ps, slug, id ? id : "")) < 0)
		return rc;
	snprintf(two, sizeof(two), "%.*s%s", (int)strcspn(slug, "-"), slug, last);
	return strcmp(two, slug) ? add_name(ps, two, id ? id : "") : 0;
}

int samv_pdscan_record_kept(struct samv_pdscan *ps, const char *path, const struct samv_type *t, const char *id,
			    const char *slug)
{
	if (samv_type_personal(t))
		return person_slug(ps, path, id, slug);
	if (!samv_people_path(path))
		return add_path(&ps->arena, &ps->paths, &ps->npaths, &ps->cappaths, path, id, true);
	return 0;
}

int samv_pdscan_record_names(struct samv_pdscan *ps, const char *path, const struct samv_type *t, const cJSON *rec)
{
	char slug[64];
	bool has = samv_type_personal(t) && samv_pdscan_person_slug(slug, rec);

	return samv_pdscan_record_kept(ps, path, t, samv_record_str(rec, "id"), has ? slug : NULL);
}

int samv_pdscan_record(struct samv_pdscan *ps, const char *path, const struct samv_type *t, const cJSON *rec,
		       const char *text)
{
	int rc = samv_pdscan_record_names(ps, path, t, rec);

	return rc < 0 ? rc : scan_fields(ps, path, text, NULL, 0, t, rec);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct pdname *)a)->slug, ((const struct pdname *)b)->slug);
}

/* The person whose name is in s as whole words, or NULL. */
static const char *name_in(const struct samv_pdscan *ps, const char *s)
{
	const char *w[64];
	size_t lw[64], n = 0, i, k;
	const char *p;
	char cand[256];

	for (p = s; *p && n < 64;) {
		while (*p && !is_alnum((unsigned char)*p))
			p++;
		if (!*p)
			break;
		w[n] = p;
		while (is_alnum((unsigned char)*p))
			p++;
		lw[n] = (size_t)(p - w[n]);
		n++;
	}
	for (i = 0; i + 1 < n; i++) {
		size_t len = 0;

		if (lw[i] >= sizeof(cand) || !maybe_first(ps, w[i], lw[i]))
			continue;
		lower_copy(cand, sizeof(cand), w[i], lw[i]);
		if (!samv_idset_has(&ps->first, cand))
			continue;
		len = lw[i];
		for (k = i + 1; k < n && k < i + NAME_TOKENS; k++) {
			struct pdname key, *hit;

			if (len + 1 + lw[k] >= sizeof(cand))
				break;
			cand[len++] = '-';
			lower_copy(cand + len, sizeof(cand) - len, w[k], lw[k]);
			len += lw[k];
			key.slug = cand;
			if ((hit = bsearch(&key, ps->names, ps->nnames, sizeof(*ps->names), cmp_name)))
				return hit->person;
		}
	}
	return NULL;
}

static bool allowed(const struct samv_pdscan *ps, const struct pdpath *p)
{
	return samv_idset_has(&ps->ok_id, p->path) || (p->id && samv_idset_has(&ps->ok_id, p->id));
}

int samv_pdscan_finish(struct samv_pdscan *ps, bool people_ref)
{
	const char *who;
	size_t i;
	int rc = 0;

	if (ps->nnames > 1)
		qsort(ps->names, ps->nnames, sizeof(*ps->names), cmp_name);
	for (i = 0; i < ps->npaths && rc == 0; i++) {
		struct pdpath *p = &ps->paths[i];

		if (!ps->nnames || !(who = name_in(ps, p->path)) || allowed(ps, p))
			continue;
		rc = p->record ? samv_problem_add(ps->pr, p->path, SAMV_POS_FILE, "personal-name",
						  "id: holds the name of person '%s', kept in every commit "
						  "that names the record (see samv(7), PERSONAL DATA)", who)
			       : samv_problem_add(ps->pr, p->path, SAMV_POS_FILE, "personal-name",
						  "path: holds the name of person '%s', kept in every commit "
						  "that has the file (see samv(7), PERSONAL DATA)", who);
	}
	/* before the people ref, person ids were their names: by design */
	for (i = 0; people_ref && i < ps->npeople && rc == 0; i++) {
		struct pdpath *p = &ps->people[i];

		if ((p->own_name || name_in(ps, p->id)) && !allowed(ps, p))
			rc = samv_problem_add(ps->pr, p->path, SAMV_POS_FILE, "personal-id",
					      "id: person id '%s' carries a name; refer to people by ids "
					      "that carry none (see samv(7), PERSONAL DATA)", p->id);
	}
	return rc;
}

void samv_pdscan_free(struct samv_pdscan *ps)
{
	if (!ps)
		return;
	samv_idset_free(&ps->ok_email);
	samv_idset_free(&ps->ok_phone);
	samv_idset_free(&ps->ok_id);
	samv_idset_free(&ps->first);
	free(ps->names);
	free(ps->paths);
	free(ps->people);
	samv_arena_free(&ps->arena);
	free(ps);
}
