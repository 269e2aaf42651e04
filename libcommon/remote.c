/*
 * remote.c - reaching a git remote through libgit2: credentials, the
 * server's host key or certificate, git's settings for certificate
 * authorities, and errors that say what to do about them.
 *
 * What libgit2 1.5.1 (Debian: libssh2, mbedTLS) does by itself, found by
 * running it against sshd and lighttpd on loopback (tests/cli/t1210):
 * - ssh: it checks the host key against ~/.ssh/known_hosts (plain,
 *   hashed |1| and [host]:port entries; a plain host entry matches any
 *   port) and prefers the key type found there; an unknown or changed key
 *   fails with "invalid or unknown remote ssh hostkey", with no hint.
 * - https: it verifies the certificate against the CA file built in,
 *   /etc/ssl/certs/ca-certificates.crt (loaded here, not at init:
 *   gitinit.c), and reads neither git's
 *   http.sslCAInfo nor GIT_SSL_CAINFO nor SSL_CERT_FILE; mbedTLS 2.28
 *   matches the host name only against DNS names, never IP addresses.
 * - credentials: it asks again after a refused one for as long as the
 *   callback offers one; an empty answer reads "authentication required
 *   but no callback set".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samv.h"

/* ---- URLs ------------------------------------------------------------- */

const char *samv_url_local_path(const char *url)
{
	const char *colon, *slash;

	if (!strncmp(url, "file://", 7))
		return url + 7;
	if (strstr(url, "://"))
		return NULL;
	/* "host:path" is scp-like ssh unless a '/' comes before the ':' */
	colon = strchr(url, ':');
	slash = strchr(url, '/');
	return !colon || (slash && slash < colon) ? url : NULL;
}

/* Where the authority (user@host:port) of url starts and ends. */
static const char *authority(const char *url, const char **end)
{
	const char *p = strstr(url, "://"), *e;

	if (!p)
		return NULL;
	p += 3;
	e = p + strcspn(p, "/?#");
	*end = e;
	return p;
}

void samv_url_redact(char *out, size_t n, const char *url)
{
	const char *a, *end, *at, *colon;

	a = authority(url, &end);
	at = a ? memchr(a, '@', (size_t)(end - a)) : NULL;
	colon = at ? memchr(a, ':', (size_t)(at - a)) : NULL;
	if (!colon) {
		snprintf(out, n, "%s", url);
		return;
	}
	snprintf(out, n, "%.*s***%s", (int)(colon + 1 - url), url, at);
}

int samv_url_ssh_host(char *host, size_t n, int *port, const char *url)
{
	const char *a, *end = NULL, *h, *he, *at, *colon;

	*port = 22;
	if (!strncmp(url, "ssh://", 6) || !strncmp(url, "ssh+git://", 10) || !strncmp(url, "git+ssh://", 10)) {
		a = authority(url, &end);
		at = memchr(a, '@', (size_t)(end - a));
		h = at ? at + 1 : a;
		if (*h == '[') { /* [::1]:2222 */
			he = memchr(h, ']', (size_t)(end - h));
			if (!he)
				return -1;
			colon = he + 1 < end && he[1] == ':' ? he + 1 : NULL;
			h++;
		} else {
			colon = memchr(h, ':', (size_t)(end - h));
			he = colon ? colon : end;
		}
		if (colon)
			*port = atoi(colon + 1);
	} else if (!samv_url_local_path(url) && !strstr(url, "://")) {
		/* scp-like user@host:path */
		end = strchr(url, ':');
		at = memchr(url, '@', (size_t)(end - url));
		h = at ? at + 1 : url;
		he = end;
	} else {
		return -1;
	}
	if (he <= h || *port <= 0 || *port > 65535)
		return -1;
	snprintf(host, n, "%.*s", (int)(he - h), h);
	return 0;
}

static bool url_has_password(const char *url)
{
	const char *a, *end, *at;

	a = authority(url, &end);
	at = a ? memchr(a, '@', (size_t)(end - a)) : NULL;
	return at && memchr(a, ':', (size_t)(at - a));
}

/* ---- certificate authorities ------------------------------------------ */

/* The first of: the environment variable, git's setting, the other
 * environment variable (OpenSSL's), with ~ expanded in the setting. */
static int ca_setting(char **out, const char **from, git_config *cfg, const char *env, const char *key,
		      const char *env2)
{
	git_buf b = { NULL, 0, 0 };
	const char *v;

	*out = NULL;
	if ((v = getenv(env)) && *v) {
		*from = env;
	} else if (cfg && git_config_get_path(&b, cfg, key) == 0 && b.ptr && *b.ptr) {
		*from = key;
		v = b.ptr;
	} else if ((v = getenv(env2)) && *v) {
		*from = env2;
	} else {
		return 0;
	}
	*out = strdup(v);
	git_buf_dispose(&b);
	return *out ? 0 : samv_error_set(SAMV_ERROR, "out of memory");
}

int samv_remote_tls(bool *no_verify, git_repository *repo)
{
	git_config *cfg = NULL;
	char *file = NULL, *dir = NULL;
	const char *ffrom = NULL, *dfrom = NULL;
	int verify = 1, rc;

	*no_verify = false;
	if (git_repository_config_snapshot(&cfg, repo) < 0)
		return samv_error_git(SAMV_ERROR, "cannot read the configuration");
	if ((rc = ca_setting(&file, &ffrom, cfg, "GIT_SSL_CAINFO", "http.sslcainfo", "SSL_CERT_FILE")) < 0 ||
	    (rc = ca_setting(&dir, &dfrom, cfg, "GIT_SSL_CAPATH", "http.sslcapath", "SSL_CERT_DIR")) < 0)
		goto out;
	/* as git: the variable set at all turns verification off */
	if (getenv("GIT_SSL_NO_VERIFY") || (git_config_get_bool(&verify, cfg, "http.sslverify") == 0 && !verify))
		*no_verify = true;
	/* mbedTLS takes a file or a directory; these replace the built-in
	 * file, as git's settings replace curl's.  Without them, the built-in
	 * file, which samv_git_init left unread (gitinit.c). */
	if (!file && !dir && samv_git_ca_deferred()) {
		if (!(file = strdup(samv_git_ca_deferred()))) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		ffrom = "libgit2's built-in setting";
	}
	if ((file || dir) && git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, file ? NULL : dir) < 0) {
		const git_error *e = git_error_last();

		rc = samv_error_set(SAMV_EINVAL, "cannot read the certificate authorities in '%s' (from %s): %s",
				    file ? file : dir, file ? ffrom : dfrom, e && e->message ? e->message : "error");
	}
out:
	free(file);
	free(dir);
	git_config_free(cfg);
	return rc;
}

/* ---- the callbacks ---------------------------------------------------- */

/* Keep the reason for the error to come; libgit2 returns the error. */
static int why(struct samv_remote_auth *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* fmt is marked N_() by the callers: kept in English and translated. */
static int why(struct samv_remote_auth *a, const char *fmt, ...)
{
	va_list ap;

	free(a->why);
	free(a->why_text);
	va_start(ap, fmt);
	if (vasprintf(&a->why, fmt, ap) < 0)
		a->why = NULL;
	va_end(ap);
	va_start(ap, fmt);
	if (vasprintf(&a->why_text, gettext(fmt), ap) < 0)
		a->why_text = NULL;
	va_end(ap);
	return GIT_EUSER;
}

/* What a coordinator's git already uses, as far as libgit2 can use it:
 * the ssh agent for ssh remotes, a token for https (libgit2 itself uses
 * one written in the URL first).  Each is offered once: a refused one
 * ends in an error that says which was refused, not in a loop. */
static int credentials(git_credential **out, const char *url, const char *user, unsigned int allowed,
		       void *payload)
{
	struct samv_remote_auth *a = payload;
	const char *token = getenv("SAMV_GIT_TOKEN"), *tuser = getenv("SAMV_GIT_USERNAME");
	const char *sock = getenv("SSH_AUTH_SOCK");
	struct stat st;

	(void)url;
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		if (!user || !*user)
			user = "git";
		if (!sock || !*sock)
			return why(a, N_("no ssh agent to take a key from (SSH_AUTH_SOCK is not set): start "
				      "ssh-agent and add your key with ssh-add"));
		if (stat(sock, &st) < 0 || !S_ISSOCK(st.st_mode))
			return why(a, N_("no ssh agent at '%s' (SSH_AUTH_SOCK): is ssh-agent running?"), sock);
		if (!a->agent_tried++)
			return git_credential_ssh_key_from_agent(out, user);
		return why(a, N_("the server refused the keys in the ssh agent for user '%s' (ssh-add -l lists "
			      "them: is yours there, and its public key on the server?)"), user);
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		const char *u = user && *user ? user : tuser && *tuser ? tuser : "samv";

		if (token && *token && !a->token_tried++)
			return git_credential_userpass_plaintext_new(out, u, token);
		if (a->token_tried)
			return why(a, N_("the server refused the token in SAMV_GIT_TOKEN for user '%s'"), u);
		if (url_has_password(a->url))
			return why(a, N_("the server refused the user name and token written in the URL"));
		return why(a, N_("the server asks for a user name and token: set SAMV_GIT_TOKEN (and "
			      "SAMV_GIT_USERNAME) or write them in the URL"));
	}
	if ((allowed & GIT_CREDENTIAL_USERNAME) && !a->user_tried++)
		return git_credential_username_new(out, user && *user ? user : "git");
	return GIT_PASSTHROUGH;
}

static void base64(char *out, const unsigned char *in, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;
	unsigned v;

	for (i = 0; i + 2 < n; i += 3) {
		v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		*out++ = tab[v >> 18];
		*out++ = tab[(v >> 12) & 63];
		*out++ = tab[(v >> 6) & 63];
		*out++ = tab[v & 63];
	}
	if (i < n) { /* no '=' padding, as ssh prints fingerprints */
		v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0);
		*out++ = tab[v >> 18];
		*out++ = tab[(v >> 12) & 63];
		if (i + 1 < n)
			*out++ = tab[(v >> 6) & 63];
	}
	*out = '\0';
}

static const char *key_type(const git_cert_hostkey *k)
{
	if (!(k->type & GIT_CERT_SSH_RAW))
		return "key";
	switch (k->raw_type) {
	case GIT_CERT_SSH_RAW_TYPE_RSA: return "ssh-rsa";
	case GIT_CERT_SSH_RAW_TYPE_DSS: return "ssh-dss";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256: return "ecdsa-sha2-nistp256";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384: return "ecdsa-sha2-nistp384";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521: return "ecdsa-sha2-nistp521";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ED25519: return "ssh-ed25519";
	default: return "key";
	}
}

/* libgit2 has checked the host key against ~/.ssh/known_hosts (valid) and
 * the certificate against the trusted authorities; what is left is to say
 * what to do about an unknown key, and http.sslVerify=false. */
static int certificate(git_cert *cert, int valid, const char *host, void *payload)
{
	struct samv_remote_auth *a = payload;

	if (cert->cert_type == GIT_CERT_HOSTKEY_LIBSSH2 && !valid) {
		const git_cert_hostkey *k = (const git_cert_hostkey *)cert;
		char fp[64] = "", h[256] = "", portopt[16] = "", sshport[16] = "";
		int port = 22;

		if (k->type & GIT_CERT_SSH_SHA256)
			base64(fp, k->hash_sha256, sizeof(k->hash_sha256));
		if (samv_url_ssh_host(h, sizeof(h), &port, a->url) < 0)
			snprintf(h, sizeof(h), "%s", host ? host : "?");
		if (port != 22) {
			snprintf(portopt, sizeof(portopt), "-p %d ", port);
			snprintf(sshport, sizeof(sshport), " port %d", port);
		}
		return why(a, N_("the host key of %s%s (%s SHA256:%s) is not in ~/.ssh/known_hosts, or differs from "
			      "the key there: if it is the server's, add it (ssh-keyscan %s%s >>~/.ssh/known_hosts, "
			      "or connect once with ssh %s%s)"),
			   h, sshport, key_type(k), fp, portopt, h, portopt, h);
	}
	if (cert->cert_type == GIT_CERT_X509 && !valid) {
		if (a->no_verify) {
			a->unverified = true;
			return 0;
		}
		a->cert_bad = true;
		return GIT_PASSTHROUGH; /* libgit2's message names the problem */
	}
	return valid ? 0 : GIT_PASSTHROUGH;
}

int samv_remote_init(struct samv_remote_auth *a, git_remote_callbacks *cb, git_repository *repo,
		     const char *url)
{
	memset(a, 0, sizeof(*a));
	a->url = url;
	cb->credentials = credentials;
	cb->certificate_check = certificate;
	cb->payload = a;
	if (!strncmp(url, "https://", 8))
		return samv_remote_tls(&a->no_verify, repo);
	return 0;
}

void samv_remote_auth_free(struct samv_remote_auth *a)
{
	free(a->why);
	free(a->why_text);
	free(a->rejected);
	a->why = a->why_text = a->rejected = NULL;
}

/* ---- errors ----------------------------------------------------------- */

/* msg on one line: the server's own messages end in a newline, and
 * mbedTLS gives one line per problem. */
static void one_line(char out[1024], const char *msg)
{
	const char *p;
	size_t n = 0;

	for (p = msg; *p && n + 3 < 1024; p++) {
		if (*p == '\n' || *p == '\r') {
			while (p[1] == '\n' || p[1] == '\r')
				p++;
			if (p[1]) {
				out[n++] = ';';
				out[n++] = ' ';
			}
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

/* what the callers pass: "cannot fetch from 'origin'" */
static const char *const verbs[] = { N_("fetch from"), N_("push to") };

/* An argument in the language being formatted (samv_error_setp). */
#define LANG_(c, t) (samv_error_in_english() ? (c) : (t))

int samv_remote_error(const struct samv_remote_auth *a, const char *what, const char *name)
{
	const git_error *e = git_error_last();
	const char *path = samv_url_local_path(a->url), *lib;
	char url[1024], line[1024], text[1024], host[256];
	int port;

	(void)verbs;
	samv_url_redact(url, sizeof(url), a->url);
	/* a path (or file://) remote that is not there: libgit2 would call it
	 * an unsupported protocol */
	if (path && access(path, F_OK) < 0)
		return samv_error_setp(SAMV_EIO, "cannot %s '%s' (%s): no such repository", samv_msg(what), name, url);
	/* libgit2's own text stays English in both */
	lib = e && e->message ? e->message : "unknown error";
	one_line(line, a->why ? a->why : lib);
	one_line(text, a->why_text ? a->why_text : a->why ? a->why : lib);
	if (a->cert_bad && !a->why)
		return samv_error_setp(SAMV_EIO, "cannot %s '%s' (%s): the server's certificate is not trusted: %s "
				       "(if its authority is not a public one, set http.sslCAInfo or GIT_SSL_CAINFO "
				       "to the file of the authority's certificate)", samv_msg(what), name, url,
				       LANG_(line, text));
	if (!a->why && strstr(line, "Unable to exchange encryption keys") &&
	    samv_url_ssh_host(host, sizeof(host), &port, a->url) == 0)
		return samv_error_setp(SAMV_EIO, "cannot %s '%s' (%s): %s (~/.ssh/known_hosts may hold a key "
				       "for %s of another type than the server offers: has its key changed?)",
				       samv_msg(what), name, url, LANG_(line, text), host);
	return samv_error_setp(SAMV_EIO, "cannot %s '%s' (%s): %s", samv_msg(what), name, url, LANG_(line, text));
}
