/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The simulated servers. Their words are Microsoft's and Exchange's own, so what a trainee learns
 * here reads the same against a real tenant. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/claims.h"
#include "core/codec.h"
#include "core/crypto.h"
#include "core/i18n.h"
#include "servers.h"

#define EXO_HOST "BN1PR01CA0014.namprd01.prod.outlook.com"
#define RESOURCE "https://outlook.office365.com"

/* ---- token endpoint and discovery ---- */

static bool tenant_known(const struct practice *t, const char *tenant)
{
	return tenant && (!strcasecmp(tenant, t->tenant_id) || !strcasecmp(tenant, t->domain));
}

static enum o365_rc ms_error(struct practice *t, struct net_result *r, long status, const char *error,
			     long code, bool codes, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Fills r as the real client reads Microsoft's error body (first line of the description). */
static enum o365_rc ms_error(struct practice *t, struct net_result *r, long status, const char *error,
			     long code, bool codes, const char *fmt, ...)
{
	char text[900];
	time_t now = time(NULL);
	struct tm tm;
	const struct fix *fx;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	r->fault = NF_NONE;
	r->http_status = status;
	snprintf(r->error, sizeof(r->error), "%s", error);
	snprintf(r->description, sizeof(r->description), "AADSTS%ld: %s", code, text);
	r->code = codes || strstr(r->description, "AADSTS") ? code : 0;
	{
		/* The tenant's own IDs, one pair per error, so a session reads the same each time. */
		char label[40];
		snprintf(label, sizeof(label), "trace-%ld", code);
		practice_derive_id(t, label, r->trace_id);
		snprintf(label, sizeof(label), "correlation-%ld", code);
		practice_derive_id(t, label, r->correlation_id);
	}
	gmtime_r(&now, &tm);
	strftime(r->timestamp, sizeof(r->timestamp), "%Y-%m-%d %H:%M:%SZ", &tm);
	fx = catalogue_aadsts(r->code);
	return fx ? fx->rc : O365_EAUTH;
}

static enum o365_rc pr_discover(void *ctx, const struct net_cfg *cfg, const char *authority,
				const char *tenant, struct discovery *out, struct net_result *r)
{
	struct practice *t = ctx;
	enum o365_rc rc = O365_OK;

	(void)cfg;
	(void)authority;
	memset(out, 0, sizeof(*out));
	memset(r, 0, sizeof(*r));
	r->attempts = 1;
	practice_lock(t);
	if (!tenant_known(t, tenant)) {
		rc = ms_error(
			t, r, 400, "invalid_tenant", 90002, false,
			"Tenant '%s' not found. Check to make sure you have the correct tenant ID and are "
			"signing into the correct cloud. Check with your subscription administrator, this "
			"may happen if there are no active subscriptions for the tenant.",
			tenant ? tenant : "");
	} else {
		r->http_status = 200;
		snprintf(out->token_endpoint, sizeof(out->token_endpoint),
			 "https://login.microsoftonline.com/%s/oauth2/v2.0/token", t->tenant_id);
		snprintf(out->issuer, sizeof(out->issuer), "https://login.microsoftonline.com/%s/v2.0",
			 t->tenant_id);
		snprintf(out->region, sizeof(out->region), "WW");
		snprintf(out->cloud_instance, sizeof(out->cloud_instance), "microsoftonline.com");
	}
	practice_unlock(t);
	return rc;
}

static char *b64url_str(const char *s)
{
	return codec_b64url_encode((const unsigned char *)s, strlen(s));
}

/* The signature is a keyed hash only this tenant can make, so its servers know their tokens. */
static void sign(struct practice *t, const char *signing_input, char hex[65])
{
	char key[PR_ID];
	size_t n = strlen(signing_input) + PR_ID + 1;
	char *buf = malloc(n);

	practice_derive_id(t, "signing-key", key);
	if (!buf) {
		hex[0] = '\0';
		return;
	}
	snprintf(buf, n, "%s.%s", key, signing_input);
	crypto_sha256_hex(buf, strlen(buf), hex);
	free(buf);
}

static char *mint(struct practice *t, const char *appid, const char *oid, const char *roles)
{
	char payload[2048], hex[65], uti[PR_ID], *h64, *p64, *s64, *si, *out = NULL;
	long now = (long)time(NULL);

	crypto_guid(uti);
	snprintf(
		payload, sizeof(payload),
		"{\"aud\":\"%s\",\"iss\":\"https://sts.windows.net/%s/\",\"iat\":%ld,\"nbf\":%ld,\"exp\":%ld,"
		"\"app_displayname\":\"%s\",\"appid\":\"%s\",\"appidacr\":\"1\","
		"\"idp\":\"https://sts.windows.net/%s/\",\"idtyp\":\"app\",\"oid\":\"%s\",%s%s%s"
		"\"sub\":\"%s\",\"tid\":\"%s\",\"uti\":\"%s\",\"ver\":\"1.0\"}",
		RESOURCE, t->tenant_id, now - 300, now - 300, now + 3599, t->app_name, appid, t->tenant_id,
		oid, roles[0] ? "\"roles\":[" : "", roles, roles[0] ? "]," : "", oid, t->tenant_id, uti);
	h64 = b64url_str("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"practice\"}");
	p64 = b64url_str(payload);
	if (h64 && p64 && (si = malloc(strlen(h64) + strlen(p64) + 2))) {
		sprintf(si, "%s.%s", h64, p64);
		sign(t, si, hex);
		if ((s64 = b64url_str(hex)) && (out = malloc(strlen(si) + strlen(s64) + 2)))
			sprintf(out, "%s.%s", si, s64);
		free(s64);
		free(si);
	}
	free(h64);
	free(p64);
	return out;
}

static bool expired(const char *date)
{
	char today[11];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	return strcmp(date, today) < 0;
}

static enum o365_rc pr_token(void *ctx, const struct net_cfg *cfg, const struct token_request *req,
			     struct token *out, struct net_result *r)
{
	struct practice *t = ctx;
	enum o365_rc rc = O365_OK;
	const char *cid = req->client_id ? req->client_id : "";
	const char *scope = req->scope ? req->scope : "";
	size_t sl = strlen(scope);
	char roles[512] = "";
	bool ours, found = false, stale = false;

	(void)cfg;
	memset(r, 0, sizeof(*r));
	memset(out, 0, sizeof(*out));
	r->attempts = 1;
	practice_lock(t);
	ours = !strcasecmp(cid, t->client_id);
	if (req->tenant && (!strcasecmp(req->tenant, "common") || !strcasecmp(req->tenant, "consumers"))) {
		rc = ms_error(
			t, r, 400, "invalid_request", 9001023, true,
			"The grant type isn't supported over the /common or /consumers endpoints. Please "
			"use the /organizations or tenant-specific endpoint.");
		goto out;
	}
	if (!tenant_known(t, req->tenant)) {
		rc = ms_error(
			t, r, 400, "invalid_request", 90002, true,
			"Tenant '%s' not found. Check to make sure you have the correct tenant ID and are "
			"signing into the correct cloud. Check with your subscription administrator, this "
			"may happen if there are no active subscriptions for the tenant.",
			req->tenant ? req->tenant : "");
		goto out;
	}
	if (!ours && strcasecmp(cid, t->other_client_id) != 0) {
		rc = ms_error(
			t, r, 400, "unauthorized_client", 700016, true,
			"Application with identifier '%s' was not found in the directory '%s'. This can "
			"happen if the application has not been installed by the administrator of the "
			"tenant or consented to by any user in the tenant. You may have sent your "
			"authentication request to the wrong tenant.",
			cid, t->domain);
		goto out;
	}
	if (sl < 9 || strcmp(scope + sl - 9, "/.default") != 0) {
		rc = ms_error(
			t, r, 400, "invalid_scope", 1002012, true,
			"The provided value for scope %s is not valid. Client credential flows must have a "
			"scope value with /.default suffixed to the resource identifier (application ID "
			"URI).",
			scope);
		goto out;
	}
	if (strncasecmp(scope, RESOURCE, sl - 9) != 0 || sl - 9 != strlen(RESOURCE)) {
		rc = ms_error(
			t, r, 400, "invalid_resource", 500011, true,
			"The resource principal named %.*s was not found in the tenant named %s. This can "
			"happen if the application has not been installed by the administrator of the "
			"tenant or consented to by any user in the tenant. You might have sent your "
			"authentication request to the wrong tenant.",
			(int)(sl - 9), scope, t->domain);
		goto out;
	}
	if (req->cert_path) {
		rc = ms_error(t, r, 401, "invalid_client", 700027, true,
			      "The certificate with identifier used to sign the client assertion is not "
			      "registered on application. [Reason - The key was not found.]");
		goto out;
	}
	if (!req->secret || !*req->secret) {
		rc = ms_error(t, r, 401, "invalid_client", 7000218, true,
			      "The request body must contain the following parameter: 'client_assertion' or "
			      "'client_secret'.");
		goto out;
	}
	if (ours) {
		for (int i = 0; i < t->nsecrets; i++)
			if (!strcmp(req->secret, t->secrets[i].value)) {
				found = true;
				stale = expired(t->secrets[i].expires);
			}
	} else {
		found = !strcmp(req->secret, t->other_secret);
	}
	if (!found) {
		rc = ms_error(
			t, r, 401, "invalid_client", 7000215, true,
			"Invalid client secret provided. Ensure the secret being sent in the request is the "
			"client secret value, not the client secret ID, for a secret added to app '%s'.",
			cid);
		goto out;
	}
	if (stale) {
		rc = ms_error(
			t, r, 401, "invalid_client", 7000222, true,
			"The provided client secret keys for app '%s' are expired. Visit the Azure portal "
			"to create new keys for your app: https://aka.ms/NewClientSecret, or consider using "
			"certificate credentials for added security: https://aka.ms/certCreds.",
			cid);
		goto out;
	}
	/* roles: the consented Application permissions on the resource asked for, nothing else. */
	for (int i = 0; ours && i < t->nperms; i++) {
		const struct pr_permission *p = &t->perms[i];
		if (p->api != PR_API_EXCHANGE || p->type != PR_APPLICATION || !p->consented)
			continue;
		snprintf(roles + strlen(roles), sizeof(roles) - strlen(roles), "%s\"%s\"",
			 roles[0] ? "," : "", p->name);
	}
	{
		char other_oid[PR_ID];
		practice_derive_id(t, "other-sp-object", other_oid);
		out->access_token = mint(t, cid, ours ? t->sp_object_id : other_oid, roles);
	}
	if (!out->access_token) {
		r->fault = NF_LOCAL;
		rc = O365_ENET;
		goto out;
	}
	r->http_status = 200;
	out->expires_in = 3599;
	out->obtained = time(NULL);
out:
	practice_unlock(t);
	return rc;
}

/* ---- Exchange's IMAP and SMTP ---- */

struct dialogue {
	struct mail_result *res;
	char *buf;
	size_t len, cap;
	char first_error[512];
	char last_final[512];
	char command[16]; /* our last command's verb, as the real client notes it */
	int stage;	  /* 0 greeting and capabilities, 1 STARTTLS, 2 AUTH, 3 logged in */
	bool decided;
};

static void say(struct dialogue *d, const char *prefix, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct dialogue *d, const char *prefix, const char *fmt, ...)
{
	char line[700];
	va_list ap;
	size_t need;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	need = d->len + strlen(prefix) + strlen(line) + 2;
	if (need > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 2048;
		char *nb;
		while (cap < need)
			cap *= 2;
		if (!(nb = realloc(d->buf, cap)))
			return;
		d->buf = nb;
		d->cap = cap;
	}
	d->len += (size_t)sprintf(d->buf + d->len, "%s%s\n", prefix, line);
}

/* One of our commands: its verb moves the stage, as in the real client. */
static void client(struct dialogue *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void client(struct dialogue *d, const char *fmt, ...)
{
	char line[600], verb[32] = "";
	const char *v = line;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	say(d, "> ", "%s", line);
	if (d->res->proto == MP_IMAP && strchr(line, ' '))
		v = strchr(line, ' ') + 1; /* past the tag */
	sscanf(v, "%31[A-Za-z]", verb);
	if (!verb[0])
		return; /* a SASL continuation stays in AUTH */
	for (char *c = verb; *c; c++)
		*c = (char)(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);
	snprintf(d->command, sizeof(d->command), "%s", verb);
	if (!strcmp(verb, "CAPABILITY") || !strcmp(verb, "EHLO"))
		d->stage = d->stage == 3 ? 3 : 0;
	else if (!strcmp(verb, "STARTTLS"))
		d->stage = 1;
	else if (!strcmp(verb, "AUTHENTICATE") || !strcmp(verb, "AUTH")) {
		d->stage = 2;
		snprintf(d->command, sizeof(d->command), "AUTH");
	} else
		d->stage = 3;
}

/* A server line; is_final/is_error as the real client reads them. A refusal decides the verdict
 * where it arrives, as in the real client. */
static void server(struct dialogue *d, bool final, bool error, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void server(struct dialogue *d, bool final, bool error, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	say(d, "< ", "%s", line);
	if (error && !d->decided) {
		struct mail_reply *rp = &d->res->reply;
		snprintf(d->first_error, sizeof(d->first_error), "%s", line);
		catalogue_mail_reply_parse(d->res->proto, line, rp);
		snprintf(rp->command, sizeof(rp->command), "%s", d->command);
		if (catalogue_mail_transient(d->res->proto, d->stage == 0, rp))
			d->res->verdict = MV_BUSY;
		else
			d->res->verdict = d->stage == 0	  ? MV_GREETING
					  : d->stage == 1 ? MV_STARTTLS
					  : d->stage == 2 ? MV_AUTH_REFUSED
							  : MV_COMMAND_REFUSED;
		d->decided = true;
	}
	if (final)
		snprintf(d->last_final, sizeof(d->last_final), "%s", line);
}

/* What Exchange decides from a token: valid, roles, and the service principal it maps to. */
struct verdict {
	bool valid;
	bool imap_role, smtp_role;
	bool sp_ok; /* a service principal with this AppId and Object ID is in effect */
	char oid[PR_ID];
};

static void judge(struct practice *t, const char *token, struct verdict *v)
{
	struct claims c;
	char why[128], hex[65];
	const char *dot;
	char *si, *want;

	memset(v, 0, sizeof(*v));
	if (!token || !(dot = strrchr(token, '.')))
		return;
	if (!(si = strndup(token, (size_t)(dot - token))))
		return;
	sign(t, si, hex);
	free(si);
	want = b64url_str(hex);
	if (!want || strcmp(want, dot + 1) != 0 || !claims_decode(token, &c, why, sizeof(why))) {
		free(want);
		return;
	}
	free(want);
	v->valid = c.exp > time(NULL) && c.tid && !strcasecmp(c.tid, t->tenant_id) && c.aud &&
		   !strcmp(c.aud, RESOURCE);
	v->imap_role = claims_has_role(&c, ROLE_IMAP);
	v->smtp_role = claims_has_role(&c, ROLE_SMTP);
	snprintf(v->oid, sizeof(v->oid), "%s", c.oid ? c.oid : "");
	for (int i = 0; i < t->nsps; i++)
		if (c.oid && c.appid && !strcasecmp(t->sps[i].object_id, c.oid) &&
		    !strcasecmp(t->sps[i].app_id, c.appid) && practice_effective(t, t->sps[i].at))
			v->sp_ok = true;
	claims_free(&c);
}

static void imap_session(struct practice *t, const struct verdict *v, const char *mbx, char tag,
			 struct mail_result *res, struct dialogue *d)
{
	struct pr_mailbox *b = practice_find_box(t, mbx);

	server(d, false, false,
	       "* OK The Microsoft Exchange IMAP4 service is ready. "
	       "[QgBOADEAUABSADAAMQBDAEEAMAAwADEANAAuAG4AYQBtAHAAcgBkADAAMQAuAHAAcgBvAGQALgBvAHUAdABsAG8AbwBr"
	       "AC4AYwBvAG0A]");
	client(d, "%c001 CAPABILITY", tag);
	server(d, false, false,
	       "* CAPABILITY IMAP4 IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2 SASL-IR UIDPLUS ID UNSELECT CHILDREN "
	       "IDLE "
	       "NAMESPACE LITERAL+");
	server(d, true, false, "%c001 OK CAPABILITY completed.", tag);
	client(d, "%c002 AUTHENTICATE XOAUTH2 <redacted>", tag);
	if (!v->valid || !v->imap_role || !b || !v->sp_ok) {
		server(d, true, true, "%c002 NO AUTHENTICATE failed.", tag);
		res->curl_code = 67;
		return;
	}
	server(d, true, false, "%c002 OK AUTHENTICATE completed.", tag);
	client(d, "%c003 EXAMINE INBOX", tag);
	if (!b->imap_enabled || !practice_has_grant(t, PR_FULLACCESS, b->addr, v->oid)) {
		server(d, true, true, "%c003 BAD User is authenticated but not connected.", tag);
		res->curl_code = 21;
		return;
	}
	server(d, false, false, "* 0 EXISTS");
	server(d, false, false, "* 0 RECENT");
	server(d, false, false, "* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $MDNSent)");
	server(d, false, false, "* OK [UIDVALIDITY 14] UIDVALIDITY value");
	server(d, true, false, "%c003 OK [READ-ONLY] EXAMINE completed.", tag);
	client(d, "%c004 LOGOUT", tag);
	server(d, false, false, "* BYE Microsoft Exchange Server IMAP4 server signing off.");
	res->ok = true;
}

/* EHLO, STARTTLS, AUTH as the user; returns whether the login was accepted. */
static bool smtp_login(struct practice *t, const struct verdict *v, const char *user, struct mail_result *res,
		       struct dialogue *d)
{
	struct pr_mailbox *b = practice_find_box(t, user);
	bool by_mailbox = false;

	server(d, true, false,
	       "220 " EXO_HOST " Microsoft ESMTP MAIL Service ready at Fri, 27 Nov 2026 14:00:00 +0000");
	client(d, "EHLO o365-oauth-setup.invalid");
	server(d, false, false, "250-" EXO_HOST " Hello [127.0.0.1]");
	server(d, false, false, "250-SIZE 157286400");
	server(d, false, false, "250-PIPELINING");
	server(d, false, false, "250-DSN");
	server(d, false, false, "250-ENHANCEDSTATUSCODES");
	server(d, false, false, "250-STARTTLS");
	server(d, true, false, "250 SMTPUTF8");
	client(d, "STARTTLS");
	server(d, true, false, "220 2.0.0 SMTP server ready");
	client(d, "EHLO o365-oauth-setup.invalid");
	server(d, false, false, "250-" EXO_HOST " Hello [127.0.0.1]");
	server(d, false, false, "250-AUTH LOGIN XOAUTH2");
	server(d, true, false, "250 SMTPUTF8");
	client(d, "AUTH XOAUTH2");
	server(d, false, false, "334 ");
	client(d, "<redacted>");
	if (v->valid && b && practice_smtp_disabled(t, b, &by_mailbox)) {
		server(d, true, true,
		       "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for "
		       "the "
		       "%s. Visit https://aka.ms/smtp_auth_disabled for more information. [" EXO_HOST "]",
		       by_mailbox ? "Mailbox" : "Tenant");
		res->curl_code = 67;
		return false;
	}
	if (!v->valid || !v->smtp_role || !b || !v->sp_ok ||
	    !practice_has_grant(t, PR_FULLACCESS, b->addr, v->oid)) {
		server(d, true, true, "535 5.7.3 Authentication unsuccessful [" EXO_HOST "]");
		res->curl_code = 67;
		return false;
	}
	server(d, true, false, "235 2.7.0 Authentication successful");
	return true;
}

static void finish(struct mail_result *res, struct dialogue *d)
{
	snprintf(res->last_reply, sizeof(res->last_reply), "%s",
		 d->first_error[0] ? d->first_error : d->last_final);
	if (res->ok)
		res->verdict = MV_OK;
	res->fault = NF_NONE;
	res->transcript = d->buf;
	res->seconds = 0.0;
	d->buf = NULL;
}

static enum o365_rc pr_mail_check(void *ctx, const struct mail_cfg *cfg, const char *token,
				  const char *const *mailboxes, bool imap, bool smtp,
				  struct mail_result **out, int *n)
{
	struct practice *t = ctx;
	struct verdict v;
	int count = 0, k = 0;
	struct mail_result *res;

	(void)cfg;
	while (mailboxes[count])
		count++;
	*n = 0;
	*out = res = calloc((size_t)count * 2 + 1, sizeof(*res));
	if (!res)
		return O365_ENET;
	practice_lock(t);
	judge(t, token, &v);
	for (int i = 0; mailboxes[i]; i++) {
		for (int pr = 0; pr < 2; pr++) {
			struct dialogue d = {.res = &res[k]};
			if ((pr == 0 && !imap) || (pr == 1 && !smtp))
				continue;
			res[k].proto = pr == 0 ? MP_IMAP : MP_SMTP;
			snprintf(res[k].mailbox, sizeof(res[k].mailbox), "%s", mailboxes[i]);
			if (pr == 0) {
				imap_session(t, &v, mailboxes[i], (char)('A' + k % 26), &res[k], &d);
			} else if (smtp_login(t, &v, mailboxes[i], &res[k], &d)) {
				client(&d, "NOOP");
				server(&d, true, false, "250 2.0.0 OK");
				client(&d, "QUIT");
				res[k].ok = true;
			}
			finish(&res[k], &d);
			k++;
		}
	}
	practice_unlock(t);
	*n = k;
	return cfg && cfg->net.cancel && *cfg->net.cancel ? O365_ECANCEL : O365_OK;
}

static enum o365_rc pr_send_test(void *ctx, const struct mail_cfg *cfg, const char *token,
				 const char *username, const char *sender, const char *rcpt,
				 struct mail_result *out)
{
	struct practice *t = ctx;
	struct verdict v;
	struct dialogue d = {.res = out};

	(void)cfg;
	memset(out, 0, sizeof(*out));
	out->proto = MP_SMTP;
	snprintf(out->mailbox, sizeof(out->mailbox), "%s", sender ? sender : "");
	practice_lock(t);
	judge(t, token, &v);
	if (smtp_login(t, &v, username, out, &d)) {
		client(&d, "MAIL FROM:<%s>", sender);
		server(&d, true, false, "250 2.1.0 Sender OK");
		client(&d, "RCPT TO:<%s>", rcpt);
		server(&d, true, false, "250 2.1.5 Recipient OK");
		client(&d, "DATA");
		server(&d, true, false, "354 Start mail input; end with <CRLF>.<CRLF>");
		if (strcasecmp(sender, username) != 0 && !practice_has_grant(t, PR_SENDAS, sender, v.oid)) {
			server(&d, true, true,
			       "554 5.2.252 SendAsDenied; %s not allowed to send as %s; "
			       "STOREDRV.Submission.Exception:SendAsDeniedException."
			       "MapiExceptionSendAsDenied; "
			       "Failed to process message due to a permanent exception with message "
			       "[BeginDiagnosticData]Cannot submit message.[EndDiagnosticData]",
			       username, sender);
			out->curl_code = 55;
		} else {
			server(&d, true, false,
			       "250 2.0.0 OK <practice@" EXO_HOST "> [Hostname=" EXO_HOST "]");
			out->ok = true;
			practice_log(t, PR_EV_NOTE, -1, "Test message from %s to %s accepted", sender, rcpt);
		}
	}
	practice_unlock(t);
	finish(out, &d);
	return out->ok ? O365_OK : O365_EMAILBOX;
}

void practice_backend(struct practice *t, struct net_backend *be)
{
	memset(be, 0, sizeof(*be));
	be->ctx = t;
	be->token_fetch = pr_token;
	be->discover = pr_discover;
	be->mail_check = pr_mail_check;
	be->mail_send_test = pr_send_test;
}
