/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Client-credentials token requests (secret or certificate) and tenant discovery. */
#include "config.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/codec.h"
#include "core/crypto.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "http.h"

#define ASSERTION_TYPE "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

void token_clear(struct token *t)
{
	if (!t)
		return;
	codec_free_secret(&t->access_token);
	t->expires_in = 0;
	t->obtained = 0;
}

/* A token is reused until two minutes before it expires. */
bool token_usable(const struct token *t, time_t now)
{
	return t && t->access_token && t->obtained + t->expires_in - 120 > now;
}

static char *escape(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0), *out;

	if (!e)
		return NULL;
	out = xstrdup(e);
	codec_cleanse(e, strlen(e));
	curl_free(e);
	return out;
}

/* "https://host/" and "https://host" name the same authority. */
static int authority_len(const char *a)
{
	size_t n = strlen(a);

	while (n > 8 && a[n - 1] == '/')
		n--;
	return (int)n;
}

static void copy_json_str(const cJSON *o, const char *k, char *dst, size_t n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (cJSON_IsString(v)) {
		snprintf(dst, n, "%s", v->valuestring);
		text_trim_partial(dst); /* a cut never splits a character */
	}
}

/* Microsoft's error body; the code comes from error_codes, or the AADSTS prefix as a fallback
 * (discovery answers carry no error_codes). */
static void parse_error(const cJSON *o, struct net_result *r)
{
	const cJSON *codes = cJSON_GetObjectItemCaseSensitive(o, "error_codes");
	const char *p;

	copy_json_str(o, "error", r->error, sizeof(r->error));
	copy_json_str(o, "error_description", r->description, sizeof(r->description));
	copy_json_str(o, "trace_id", r->trace_id, sizeof(r->trace_id));
	copy_json_str(o, "correlation_id", r->correlation_id, sizeof(r->correlation_id));
	copy_json_str(o, "timestamp", r->timestamp, sizeof(r->timestamp));
	if (cJSON_IsArray(codes) && cJSON_IsNumber(cJSON_GetArrayItem(codes, 0)))
		validate_whole(cJSON_GetArrayItem(codes, 0)->valuedouble, 0, 999999999, &r->code);
	else if ((p = strstr(r->description, "AADSTS")) && p[6] >= '0' && p[6] <= '9') {
		char *end;
		long c = strtol(p + 6, &end, 10);
		r->code = end - (p + 6) <= 9 ? c : 0;
	}
	/* Keep only the first line of the description: the rest repeats the IDs. */
	if ((p = strpbrk(r->description, "\r\n")))
		r->description[p - r->description] = '\0';
}

static bool looks_html(const struct http_resp *h)
{
	const char *b = h->body;

	if (strncasecmp(h->content_type, "text/html", 9) == 0)
		return true;
	while (b && (*b == ' ' || *b == '\r' || *b == '\n' || *b == '\t'))
		b++;
	return b && *b == '<';
}

/* Turns an answer into a status; *json receives the parsed body for success paths. */
static enum o365_rc classify(enum net_fault f, struct http_resp *h, struct net_result *r, cJSON **json)
{
	cJSON *o;

	*json = NULL;
	if (f == NF_CANCELLED)
		return O365_ECANCEL;
	if (f != NF_NONE && f != NF_HTTP_5XX && f != NF_HTTP_429)
		return O365_ENET;
	if (!h->body || !h->len) {
		if (f == NF_NONE)
			r->fault = h->status >= 300 && h->status < 400 ? NF_REDIRECT : NF_NOT_JSON;
		return O365_ENET;
	}
	o = cJSON_ParseWithLength(h->body, h->len);
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		if (f == NF_NONE)
			r->fault = looks_html(h)			 ? NF_HTML
				   : h->status >= 300 && h->status < 400 ? NF_REDIRECT
									 : NF_NOT_JSON;
		return O365_ENET;
	}
	if (h->status >= 200 && h->status < 300) {
		*json = o;
		return O365_OK;
	}
	parse_error(o, r);
	cJSON_Delete(o);
	/* Throttling and outages are transient whatever the body says: never a set-up mistake. */
	if (h->status == 429 || h->status >= 500) {
		r->fault = h->status == 429 ? NF_HTTP_429 : NF_HTTP_5XX;
		return O365_ENET;
	}
	if (r->code || r->error[0]) {
		const struct fix *fx = catalogue_aadsts(r->code);
		r->fault = NF_NONE;
		if (fx)
			return fx->rc;
		return h->status >= 500 || !strcmp(r->error, "temporarily_unavailable") ? O365_ENET
											: O365_EAUTH;
	}
	if (f == NF_NONE)
		r->fault = h->status >= 300 && h->status < 400 ? NF_REDIRECT : NF_HTTP_OTHER;
	return O365_ENET;
}

/* ---- client assertion (certificate credential) ---- */

static char *b64url_json(const cJSON *o)
{
	char *text = cJSON_PrintUnformatted(o), *out;

	if (!text)
		return NULL;
	out = codec_b64url_encode((const unsigned char *)text, strlen(text));
	cJSON_free(text);
	return out;
}

struct passphrase {
	const char *text; /* NULL: none given */
	bool asked;	  /* the key turned out to be encrypted */
};

/* OpenSSL's passphrase callback: the given passphrase or a refusal, never a prompt. */
static int give_passphrase(char *buf, int size, int rwflag, void *ud)
{
	struct passphrase *pp = ud;
	size_t n;

	pp->asked = true;
	if (!pp->text || (n = strlen(pp->text)) > (size_t)size)
		return -1;
	memcpy(buf, pp->text, n);
	return (int)n;
}

/* The first line of a regular 0600 file of ours into out; false with r->detail set. */
static bool read_passphrase_file(const char *path, char *out, size_t n, struct net_result *r)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	struct stat st;
	ssize_t k = -1;

	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    !(st.st_mode & 077))
		k = read(fd, out, n - 1);
	if (fd >= 0)
		close(fd);
	if (k < 0) {
		snprintf(r->detail, sizeof(r->detail),
			 _("--key-passphrase-file %s: not a readable regular file of yours with mode 0600"),
			 path);
		return false;
	}
	out[k] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	return true;
}

static char *make_assertion(const struct token_request *req, const char *aud, struct net_result *r)
{
	FILE *f;
	X509 *cert = NULL;
	EVP_PKEY *key = NULL;
	EVP_MD_CTX *md = NULL;
	unsigned char *der = NULL, sha1[20], *sig = NULL;
	unsigned int sha1len = 0;
	int derlen;
	size_t siglen = 0;
	char *h64 = NULL, *c64 = NULL, *s64 = NULL, *x5t = NULL, *out = NULL, *input = NULL, jti[37];
	cJSON *hdr = NULL, *cl = NULL;
	time_t now = time(NULL);

	if (!(f = fopen(req->cert_path, "r"))) {
		snprintf(r->detail, sizeof(r->detail), _("cannot read the certificate %s"), req->cert_path);
		goto out;
	}
	cert = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (!cert) {
		snprintf(r->detail, sizeof(r->detail), _("%s is not a PEM certificate"), req->cert_path);
		goto out;
	}
	if (!(f = fopen(req->key_path, "r"))) {
		snprintf(r->detail, sizeof(r->detail), _("cannot read the private key %s"), req->key_path);
		goto out;
	}
	{
		char pass[1024] = "";
		struct passphrase pp = {.text = req->key_passphrase};
		if (!pp.text && req->key_passphrase_file) {
			if (!read_passphrase_file(req->key_passphrase_file, pass, sizeof(pass), r)) {
				fclose(f);
				goto out;
			}
			pp.text = pass;
		}
		key = PEM_read_PrivateKey(f, NULL, give_passphrase, &pp);
		fclose(f);
		codec_cleanse(pass, sizeof(pass));
		if (!key && pp.asked && !pp.text)
			snprintf(r->detail, sizeof(r->detail),
				 _("the private key %s is encrypted: give its passphrase with "
				   "--key-passphrase-file FILE (mode 0600), or in the wizard"),
				 req->key_path);
		else if (!key && pp.asked)
			snprintf(r->detail, sizeof(r->detail),
				 _("the passphrase does not open the private key %s"), req->key_path);
		else if (!key)
			snprintf(r->detail, sizeof(r->detail), _("%s is not a PEM private key"),
				 req->key_path);
		if (!key)
			goto out;
	}
	if (X509_check_private_key(cert, key) != 1) {
		snprintf(r->detail, sizeof(r->detail), "%s",
			 _("the private key does not belong to the certificate"));
		goto out;
	}
	derlen = i2d_X509(cert, &der);
	if (derlen <= 0 || !EVP_Digest(der, (size_t)derlen, sha1, &sha1len, EVP_sha1(), NULL))
		goto out;
	/* x5t is the SHA-1 thumbprint with RS256: the combination longest proven to work. */
	x5t = codec_b64url_encode(sha1, sha1len);
	hdr = cJSON_CreateObject();
	cJSON_AddStringToObject(hdr, "alg", "RS256");
	cJSON_AddStringToObject(hdr, "typ", "JWT");
	cJSON_AddStringToObject(hdr, "x5t", x5t);
	cl = cJSON_CreateObject();
	crypto_guid(jti);
	cJSON_AddStringToObject(cl, "aud", aud);
	cJSON_AddStringToObject(cl, "iss", req->client_id);
	cJSON_AddStringToObject(cl, "sub", req->client_id);
	cJSON_AddStringToObject(cl, "jti", jti);
	cJSON_AddNumberToObject(cl, "nbf", (double)now);
	cJSON_AddNumberToObject(cl, "iat", (double)now);
	cJSON_AddNumberToObject(cl, "exp", (double)(now + 600));
	if (!(h64 = b64url_json(hdr)) || !(c64 = b64url_json(cl)))
		goto out;
	input = xmalloc(strlen(h64) + strlen(c64) + 2);
	sprintf(input, "%s.%s", h64, c64);
	md = EVP_MD_CTX_new();
	if (!md || EVP_DigestSignInit(md, NULL, EVP_sha256(), NULL, key) != 1 ||
	    EVP_DigestSign(md, NULL, &siglen, (unsigned char *)input, strlen(input)) != 1 ||
	    !(sig = xmalloc(siglen ? siglen : 1)) ||
	    EVP_DigestSign(md, sig, &siglen, (unsigned char *)input, strlen(input)) != 1) {
		snprintf(r->detail, sizeof(r->detail), "%s", _("signing the client assertion failed"));
		goto out;
	}
	s64 = codec_b64url_encode(sig, siglen);
	if (s64) {
		out = xmalloc(strlen(input) + strlen(s64) + 2);
		sprintf(out, "%s.%s", input, s64);
	}
out:
	cJSON_Delete(hdr);
	cJSON_Delete(cl);
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	X509_free(cert);
	OPENSSL_free(der);
	free(sig);
	free(h64);
	free(c64);
	free(s64);
	free(x5t);
	free(input);
	return out;
}

/* expires_in arrives as a number, or as a string from some proxies; a value no token has (beyond
 * a day, negative, not a number) counts as absent: Entra's client-credentials tokens last 3599 s. */
static long expires_in(const cJSON *ei)
{
	long v = 0;
	char *end;

	if (cJSON_IsNumber(ei) && validate_whole(ei->valuedouble, 1, 86400, &v))
		return v;
	if (cJSON_IsString(ei) && ei->valuestring[0] >= '0' && ei->valuestring[0] <= '9' &&
	    strlen(ei->valuestring) <= 6) {
		v = strtol(ei->valuestring, &end, 10);
		if (!*end && v >= 1 && v <= 86400)
			return v;
	}
	return 3599;
}

/* The token endpoint's answer read into a token, or a code with r filled for the catalogue. */
static enum o365_rc token_from_reply(enum net_fault f, struct http_resp *h, struct token *out,
				     struct net_result *r)
{
	cJSON *json = NULL;
	const cJSON *at, *ei;
	enum o365_rc rc = classify(f, h, r, &json);

	if (rc == O365_OK) {
		at = cJSON_GetObjectItemCaseSensitive(json, "access_token");
		ei = cJSON_GetObjectItemCaseSensitive(json, "expires_in");
		if (!cJSON_IsString(at) || !at->valuestring[0]) {
			r->fault = NF_NO_TOKEN;
			rc = O365_ENET;
		} else {
			out->access_token = xstrdup(at->valuestring);
			codec_cleanse(at->valuestring, strlen(at->valuestring));
			out->expires_in = expires_in(ei);
			out->obtained = time(NULL);
		}
	}
	cJSON_Delete(json);
	return rc;
}

/* The fault http_request reports for a final status. */
static enum net_fault status_fault(long status)
{
	return status == 429 ? NF_HTTP_429 : status >= 500 ? NF_HTTP_5XX : NF_NONE;
}

/* A reply as http_request would have kept it, from bytes given by a caller (tests, fuzzing). */
static void reply_from_bytes(long status, const char *ctype, const char *body, size_t len,
			     struct http_resp *h, struct net_result *r)
{
	memset(r, 0, sizeof(*r));
	h->status = status;
	h->len = len;
	h->body = xmalloc(len + 1);
	memcpy(h->body, body, len);
	h->body[len] = '\0';
	snprintf(h->content_type, sizeof(h->content_type), "%s", ctype ? ctype : "");
	r->http_status = status;
}

enum o365_rc net_token_parse(long status, const char *ctype, const char *body, size_t len, struct token *out,
			     struct net_result *r)
{
	struct http_resp h = {0};
	enum o365_rc rc;

	memset(out, 0, sizeof(*out));
	reply_from_bytes(status, ctype, body, len, &h, r);
	rc = token_from_reply(status_fault(status), &h, out, r);
	http_resp_free(&h);
	return rc;
}

enum o365_rc net_token_fetch(const struct net_cfg *cfg, const struct token_request *req, struct token *out,
			     struct net_result *r)
{
	char url[1024], *tenant = NULL, *cid = NULL, *scope = NULL, *cred = NULL, *form = NULL;
	struct http_resp h = {0};
	enum o365_rc rc = O365_ENET;
	enum net_fault f;
	size_t flen;

	memset(r, 0, sizeof(*r));
	memset(out, 0, sizeof(*out));
	if (!(tenant = escape(req->tenant)) || !(cid = escape(req->client_id)) ||
	    !(scope = escape(req->scope)))
		goto local;
	snprintf(url, sizeof(url), "%.*s/%s/oauth2/v2.0/token", authority_len(req->authority), req->authority,
		 tenant);
	if (req->cert_path && req->key_path) {
		char *assertion = make_assertion(req, url, r);
		if (!assertion)
			goto local;
		cred = xmalloc(strlen(assertion) + 128);
		sprintf(cred, "client_assertion_type=%s&client_assertion=%s",
			"urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer", assertion);
		codec_free_secret(&assertion);
	} else {
		char *sec = escape(req->secret ? req->secret : "");
		if (!sec)
			goto local;
		cred = xmalloc(strlen(sec) + 32);
		sprintf(cred, "client_secret=%s", sec);
		codec_free_secret(&sec);
	}
	if (!cred)
		goto local;
	flen = strlen(cid) + strlen(scope) + strlen(cred) + 96;
	form = xmalloc(flen);
	snprintf(form, flen, "grant_type=client_credentials&client_id=%s&scope=%s&%s", cid, scope, cred);
	f = http_request(cfg, url, form, &h, r);
	rc = token_from_reply(f, &h, out, r);
	goto out;
local:
	r->fault = NF_LOCAL;
	if (!r->detail[0])
		snprintf(r->detail, sizeof(r->detail), "%s", _("could not build the token request"));
	rc = req->cert_path ? O365_ECONFIG : O365_ENET;
out:
	http_resp_free(&h);
	codec_free_secret(&form);
	codec_free_secret(&cred);
	free(tenant);
	free(cid);
	free(scope);
	return rc;
}

static enum o365_rc discovery_from_reply(enum net_fault f, struct http_resp *h, struct discovery *out,
					 struct net_result *r)
{
	cJSON *json = NULL;
	enum o365_rc rc = classify(f, h, r, &json);

	if (rc == O365_OK) {
		copy_json_str(json, "token_endpoint", out->token_endpoint, sizeof(out->token_endpoint));
		copy_json_str(json, "issuer", out->issuer, sizeof(out->issuer));
		copy_json_str(json, "tenant_region_scope", out->region, sizeof(out->region));
		copy_json_str(json, "cloud_instance_name", out->cloud_instance, sizeof(out->cloud_instance));
		if (!out->token_endpoint[0]) {
			r->fault = NF_NOT_JSON;
			rc = O365_ENET;
		}
	}
	cJSON_Delete(json);
	return rc;
}

enum o365_rc net_discovery_parse(long status, const char *ctype, const char *body, size_t len,
				 struct discovery *out, struct net_result *r)
{
	struct http_resp h = {0};
	enum o365_rc rc;

	memset(out, 0, sizeof(*out));
	reply_from_bytes(status, ctype, body, len, &h, r);
	rc = discovery_from_reply(status_fault(status), &h, out, r);
	http_resp_free(&h);
	return rc;
}

enum o365_rc net_discover(const struct net_cfg *cfg, const char *authority, const char *tenant,
			  struct discovery *out, struct net_result *r)
{
	char url[1024], *t = escape(tenant);
	struct http_resp h = {0};
	enum o365_rc rc;

	memset(r, 0, sizeof(*r));
	memset(out, 0, sizeof(*out));
	if (!t)
		return O365_ENET;
	snprintf(url, sizeof(url), "%.*s/%s/v2.0/.well-known/openid-configuration", authority_len(authority),
		 authority, t);
	free(t);
	rc = discovery_from_reply(http_request(cfg, url, NULL, &h, r), &h, out, r);
	http_resp_free(&h);
	return rc;
}
