/*
 * mail.c - an RFC 5322 message, ready for "sendmail -t": headers that say
 * who it is from and to, a text body and one attachment, as
 * multipart/mixed (RFC 2046).
 *
 * Everything is 7-bit on the wire, so that no relay has to convert it:
 * names and subjects that are not ASCII become RFC 2047 encoded words
 * (UTF-8, base64), the body is UTF-8 in quoted-printable, the attachment
 * base64.  Lines end in CRLF.  The boundary starts with "=_", which
 * neither quoted-printable nor base64 text can hold.
 */
#include <string.h>
#include <time.h>

#include "samv.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int put_b64(struct samv_buf *out, const unsigned char *p, size_t n)
{
	char q[4];
	size_t i;

	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
			     (i + 2 < n ? p[i + 2] : 0);

		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		if (samv_buf_put(out, q, 4) < 0)
			return SAMV_ERROR;
	}
	return 0;
}

/* base64 in lines of 76 characters (57 bytes). */
static int put_b64_lines(struct samv_buf *out, const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i += 57)
		if (put_b64(out, (const unsigned char *)data + i, len - i < 57 ? len - i : 57) < 0 ||
		    samv_buf_puts(out, "\r\n") < 0)
			return SAMV_ERROR;
	return 0;
}

static bool ascii_line(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/* Encoded words, cut between UTF-8 sequences, joined by folding white
 * space, so that no line is longer than 76 characters: col is where the
 * first starts; 12 characters are "=?UTF-8?B?" and "?=", and 3 bytes
 * take 4 characters of base64. */
static int put_encoded(struct samv_buf *out, const char *s, size_t col)
{
	size_t n = strlen(s), i = 0, len, room;

	while (i < n) {
		room = (76 - (i ? 1 : col) - 12) / 4 * 3;
		len = n - i < room ? n - i : room;
		while (len < n - i && len > 1 && ((unsigned char)s[i + len] & 0xc0) == 0x80)
			len--;
		if ((i && samv_buf_puts(out, "\r\n ") < 0) || samv_buf_puts(out, "=?UTF-8?B?") < 0 ||
		    put_b64(out, (const unsigned char *)s + i, len) < 0 || samv_buf_puts(out, "?=") < 0)
			return SAMV_ERROR;
		i += len;
	}
	return 0;
}

/* A display name: as it is, quoted when it holds specials, encoded when
 * it is not ASCII. */
static int put_name(struct samv_buf *out, const char *name)
{
	const char *p;

	if (!ascii_line(name))
		return put_encoded(out, name, 6); /* after "From: ", "To: " or a fold */
	if (!strpbrk(name, "()<>[]:;@\\,.\""))
		return samv_buf_puts(out, name);
	if (samv_buf_puts(out, "\"") < 0)
		return SAMV_ERROR;
	for (p = name; *p; p++)
		if ((strchr("\\\"", *p) && samv_buf_puts(out, "\\") < 0) || samv_buf_put(out, p, 1) < 0)
			return SAMV_ERROR;
	return samv_buf_puts(out, "\"");
}

static int put_address(struct samv_buf *out, const char *name, const char *email)
{
	if (name && *name && (put_name(out, name) < 0 || samv_buf_puts(out, " ") < 0))
		return SAMV_ERROR;
	return samv_buf_printf(out, "<%s>", email);
}

bool samv_mail_address_ok(const char *mail)
{
	const char *at = mail ? strchr(mail, '@') : NULL;

	return at && at != mail && at[1] && !strchr(at + 1, '@') && ascii_line(mail) &&
	       !strpbrk(mail, " \"<>,;:()[]\\");
}

/* quoted-printable (RFC 2045): lines of at most 76 characters, '=' and
 * bytes outside printable ASCII as =XX, a space or tab before a line end
 * encoded, LF in the text a CRLF. */
static int put_qp(struct samv_buf *out, const char *text)
{
	const unsigned char *p;
	int col = 0;

	for (p = (const unsigned char *)text; *p; p++) {
		bool end = p[1] == '\n' || !p[1];
		char enc[4];
		int w;

		if (*p == '\n') {
			if (samv_buf_puts(out, "\r\n") < 0)
				return SAMV_ERROR;
			col = 0;
			continue;
		}
		if ((*p < 0x20 && *p != '\t') || *p > 0x7e || *p == '=' || ((*p == ' ' || *p == '\t') && end))
			snprintf(enc, sizeof(enc), "=%02X", *p);
		else
			snprintf(enc, sizeof(enc), "%c", *p);
		w = (int)strlen(enc);
		if (col + w > (end ? 76 : 75)) {
			if (samv_buf_puts(out, "=\r\n") < 0)
				return SAMV_ERROR;
			col = 0;
		}
		if (samv_buf_puts(out, enc) < 0)
			return SAMV_ERROR;
		col += w;
	}
	return col ? samv_buf_puts(out, "\r\n") : 0;
}

static int put_to(struct samv_buf *out, const cJSON *to, int *n)
{
	const cJSON *r;

	*n = 0;
	cJSON_ArrayForEach(r, to) {
		const char *email = samv_record_str(r, "email");

		if (!samv_mail_address_ok(email))
			continue;
		if (samv_buf_puts(out, *n ? ",\r\n " : "To: ") < 0 ||
		    put_address(out, samv_record_str(r, "name"), email) < 0)
			return SAMV_ERROR;
		(*n)++;
	}
	return *n ? samv_buf_puts(out, "\r\n") : 0;
}

static int put_headers(struct samv_buf *out, const struct samv_mail *m, const char *boundary)
{
	const char *at = strchr(m->from->email, '@');
	char date[64];
	time_t t = (time_t)m->date;
	struct tm tm;
	int n;

	gmtime_r(&t, &tm);
	/* the C locale's day and month names are RFC 5322's */
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if (samv_buf_puts(out, "From: ") < 0 || put_address(out, m->from->name, m->from->email) < 0 ||
	    samv_buf_puts(out, "\r\n") < 0 || put_to(out, m->to, &n) < 0)
		return SAMV_ERROR;
	if (!n)
		return samv_error_set(SAMV_EINVAL, "nobody it goes to has an e-mail address (see samv-person edit "
				      "--email, samv-actor edit --contact)");
	if (samv_buf_puts(out, "Subject: ") < 0 ||
	    (ascii_line(m->subject) ? samv_buf_puts(out, m->subject) : put_encoded(out, m->subject, 9)) < 0 ||
	    samv_buf_printf(out, "\r\nDate: %s\r\nMessage-ID: <%s@%s>\r\n", date, m->id, at + 1) < 0 ||
	    samv_buf_printf(out, "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
			    boundary) < 0)
		return SAMV_ERROR;
	/* 7-bit and read by no MIME reader: English in every document language */
	return samv_buf_puts(out, "This is a MIME message.\r\n");
}

int samv_mail_format(struct samv_buf *out, const struct samv_mail *m)
{
	char boundary[128];
	int rc;

	if (!m->from || !samv_mail_address_ok(m->from->email))
		return samv_error_set(SAMV_EINVAL, "a message needs a sender with an e-mail address: set user.email "
				      "(git config) or GIT_AUTHOR_EMAIL");
	snprintf(boundary, sizeof(boundary), "=_samv_%s", m->id);
	if ((rc = put_headers(out, m, boundary)) < 0)
		return rc;
	if (samv_buf_printf(out, "\r\n--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			    "Content-Transfer-Encoding: quoted-printable\r\n\r\n", boundary) < 0 ||
	    put_qp(out, m->body) < 0 ||
	    samv_buf_printf(out, "\r\n--%s\r\nContent-Type: %s; name=\"%s\"\r\n"
			    "Content-Disposition: attachment; filename=\"%s\"\r\n"
			    "Content-Transfer-Encoding: base64\r\n\r\n", boundary, m->attach_type, m->attach_name,
			    m->attach_name) < 0 ||
	    put_b64_lines(out, m->attach, m->attach_len) < 0 || samv_buf_printf(out, "\r\n--%s--\r\n", boundary) < 0)
		return SAMV_ERROR;
	return 0;
}
