/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codec.h"
#include "profile.h"
#include "profile_json.h"
#include "store.h"
#include "validate.h"
#include "xalloc.h"

struct profile *profile_new(void)
{
	struct profile *p = xcalloc(1, sizeof(*p));

	p->schema = PROFILE_SCHEMA;
	p->cloud = CLOUD_GLOBAL;
	p->mod_notifications = true;
	p->smtp_port = CLOUD_SMTP_PORT;
	p->transport = TSEC_AUTO;
	p->resume_step = 0;
	if (!profile_set_str(&p->smtp_server, cloud_get(p->cloud)->smtp_host)) {
		free(p);
		return NULL;
	}
	return p;
}

bool profile_set_str(char **dst, const char *src)
{
	char *copy = NULL;

	if (src) {
		copy = xstrdup(src);
	}
	free(*dst);
	*dst = copy;
	return true;
}

bool profile_set_secret(struct profile *p, const char *secret)
{
	char *copy = NULL;

	if (secret)
		copy = xstrdup(secret);
	codec_free_secret(&p->secret);
	p->secret = copy;
	return true;
}

int profile_mailbox_count(const struct profile *p)
{
	int n = 0;

	while (p->mailboxes && p->mailboxes[n])
		n++;
	return n;
}

bool profile_add_mailbox(struct profile *p, const char *mbx)
{
	int n = profile_mailbox_count(p);
	char **m;

	for (int i = 0; i < n; i++)
		if (strcasecmp(p->mailboxes[i], mbx) == 0)
			return true;
	m = xrealloc(p->mailboxes, (size_t)(n + 2) * sizeof(*m));
	p->mailboxes = m;
	m[n] = xstrdup(mbx);
	m[n + 1] = NULL;
	return true;
}

void profile_clear_mailboxes(struct profile *p)
{
	for (int i = 0; p->mailboxes && p->mailboxes[i]; i++)
		free(p->mailboxes[i]);
	free(p->mailboxes);
	p->mailboxes = NULL;
}

void profile_clear_results(struct profile *p)
{
	for (int i = 0; i < p->n_results; i++) {
		free(p->results[i].name);
		free(p->results[i].message);
	}
	free(p->results);
	p->results = NULL;
	p->n_results = 0;
}

void profile_set_result(struct profile *p, const char *name, enum check_status st, const char *msg, time_t at)
{
	struct verification *v = NULL;

	for (int i = 0; i < p->n_results; i++)
		if (strcmp(p->results[i].name, name) == 0)
			v = &p->results[i];
	if (!v) {
		struct verification *r = xrealloc(p->results, (size_t)(p->n_results + 1) * sizeof(*r));
		p->results = r;
		v = &r[p->n_results];
		memset(v, 0, sizeof(*v));
		v->name = xstrdup(name);
		p->n_results++;
	}
	v->status = st;
	v->at = at;
	profile_set_str(&v->message, msg);
}

void profile_free(struct profile **pp)
{
	struct profile *p;

	if (!pp || !*pp)
		return;
	p = *pp;
	free(p->tenant);
	free(p->client_id);
	codec_free_secret(&p->secret);
	free(p->secret_expiry);
	free(p->cert_path);
	free(p->key_path);
	free(p->smtp_server);
	free(p->username);
	free(p->sender);
	profile_clear_mailboxes(p);
	free(p->sp_object_id);
	free(p->app_name);
	free(p->authority);
	free(p->imap_server);
	free(p->smtp_check_server);
	free(p->ca_file);
	profile_clear_results(p);
	profile_raw_free(p->raw);
	free(p);
	*pp = NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct profile *profile_clone(const struct profile *p)
{
	struct profile *q = xcalloc(1, sizeof(*q));

	*q = *p; /* scalars, the checklist */
	q->tenant = dup_or_null(p->tenant);
	q->client_id = dup_or_null(p->client_id);
	q->secret = dup_or_null(p->secret);
	q->secret_expiry = dup_or_null(p->secret_expiry);
	q->cert_path = dup_or_null(p->cert_path);
	q->key_path = dup_or_null(p->key_path);
	q->smtp_server = dup_or_null(p->smtp_server);
	q->username = dup_or_null(p->username);
	q->sender = dup_or_null(p->sender);
	q->sp_object_id = dup_or_null(p->sp_object_id);
	q->app_name = dup_or_null(p->app_name);
	q->authority = dup_or_null(p->authority);
	q->imap_server = dup_or_null(p->imap_server);
	q->smtp_check_server = dup_or_null(p->smtp_check_server);
	q->ca_file = dup_or_null(p->ca_file);
	q->mailboxes = NULL;
	for (int i = 0; p->mailboxes && p->mailboxes[i]; i++)
		profile_add_mailbox(q, p->mailboxes[i]);
	q->results = NULL;
	q->n_results = 0;
	for (int i = 0; i < p->n_results; i++)
		profile_set_result(q, p->results[i].name, p->results[i].status, p->results[i].message,
				   p->results[i].at);
	q->raw = profile_raw_dup(p->raw);
	return q;
}

const char *check_status_key(enum check_status s)
{
	switch (s) {
	case CHECK_OK:
		return "ok";
	case CHECK_WARN:
		return "warn";
	case CHECK_FAIL:
		return "fail";
	default:
		return "none";
	}
}

enum check_status check_status_from_key(const char *s)
{
	if (!s)
		return CHECK_NONE;
	if (!strcmp(s, "ok"))
		return CHECK_OK;
	if (!strcmp(s, "warn"))
		return CHECK_WARN;
	if (!strcmp(s, "fail"))
		return CHECK_FAIL;
	return CHECK_NONE;
}

const struct verification *profile_result(const struct profile *p, const char *name)
{
	for (int i = 0; i < p->n_results; i++)
		if (!strcmp(p->results[i].name, name))
			return &p->results[i];
	return NULL;
}

bool profile_sender_differs(const struct profile *p)
{
	return p->sender && p->username && strcasecmp(p->sender, p->username) != 0;
}

const char *profile_authority(const struct profile *p)
{
	return p->authority && *p->authority ? p->authority : cloud_get(p->cloud)->authority;
}

const char *profile_scope(const struct profile *p)
{
	return cloud_get(p->cloud)->scope;
}

static void endpoint(const char *override, const char *def_host, int def_port, char *host, size_t hn,
		     int *port)
{
	*port = def_port;
	if (override && *override) {
		if (!validate_hostport(override, host, hn, port))
			snprintf(host, hn, "%s", override);
		return;
	}
	snprintf(host, hn, "%s", def_host);
}

void profile_imap_endpoint(const struct profile *p, char *host, size_t hn, int *port)
{
	endpoint(p->imap_server, cloud_get(p->cloud)->imap_host, CLOUD_IMAP_PORT, host, hn, port);
}

void profile_smtp_endpoint(const struct profile *p, char *host, size_t hn, int *port)
{
	if (p->smtp_check_server && *p->smtp_check_server) {
		endpoint(p->smtp_check_server, "", CLOUD_SMTP_PORT, host, hn, port);
		return;
	}
	endpoint(NULL, p->smtp_server && *p->smtp_server ? p->smtp_server : cloud_get(p->cloud)->smtp_host,
		 p->smtp_port > 0 ? p->smtp_port : CLOUD_SMTP_PORT, host, hn, port);
}

int profile_days_left(const struct profile *p, time_t now)
{
	struct tm tm = {0};
	time_t exp;

	if (!p->secret_expiry || !validate_parse_date(p->secret_expiry, &tm))
		return INT_MIN;
	exp = timegm(&tm);
	/* A secret is valid through its expiry day, compared in UTC days. */
	return (int)((exp / 86400) - (now / 86400));
}

const char *const *profile_check_mailboxes(const struct profile *p, const char **fallback)
{
	if (p->mailboxes && p->mailboxes[0])
		return (const char *const *)p->mailboxes;
	fallback[0] = p->username;
	fallback[1] = NULL;
	return fallback;
}

const char **profile_login_mailboxes(const struct profile *p)
{
	int n = profile_mailbox_count(p), k = 0;
	const char **v = xcalloc((size_t)n + 2, sizeof(*v));
	bool have_user = !p->username || !*p->username;

	for (int i = 0; i < n; i++) {
		v[k++] = p->mailboxes[i];
		if (!have_user && strcasecmp(p->mailboxes[i], p->username) == 0)
			have_user = true;
	}
	if (!have_user)
		v[k++] = p->username;
	return v;
}

const char *tsec_key(enum tsec t)
{
	static const char *const keys[TSEC_COUNT] = {"Auto", "SSL", "TLS", "None"};
	return (unsigned)t < TSEC_COUNT ? keys[t] : "Auto";
}

int tsec_from_key(const char *s)
{
	for (int i = 0; s && i < TSEC_COUNT; i++)
		if (strcasecmp(s, tsec_key((enum tsec)i)) == 0)
			return i;
	return -1;
}

const char *checklist_key(enum checklist_item i)
{
	static const char *const keys[CL_COUNT] = {
		[CL_APP_REGISTERED] = "app_registered",
		[CL_SECRET_VALUE_COPIED] = "secret_value_copied",
		[CL_PERM_SMTP] = "permission_smtp_sendasapp",
		[CL_PERM_IMAP] = "permission_imap_accessasapp",
		[CL_ADMIN_CONSENT] = "admin_consent_granted",
		[CL_SP_REGISTERED] = "service_principal_registered",
		[CL_MAILBOX_PERMISSION] = "mailbox_permission_added",
		[CL_SENDAS] = "sendas_added",
		[CL_SMTP_AUTH_ENABLED] = "smtp_auth_enabled",
	};
	return (unsigned)i < CL_COUNT ? keys[i] : "";
}
