/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "export.h"
#include "i18n.h"
#include "xalloc.h"

/* One mapping table: M-Files Admin label, our JSON property, shell variable. The product's own
 * JSON names are not published, so these names are ours and documented in the man page. */
enum field_id {
	F_AUTH,
	F_SERVER,
	F_PORT,
	F_TSEC,
	F_USER,
	F_SENDER,
	F_DELIVERY,
	F_TENANT,
	F_CLIENT,
	F_SECRET,
	F_SCOPE,
	F_EXPIRY,
	F_COUNT
};

struct export_field {
	const char *label;
	const char *json;
	const char *env;
	bool secret;
	bool number;
	bool boolean;
};

static const struct export_field fields[F_COUNT] = {
	[F_AUTH] = {.label = "Authentication type",
		    .json = "authenticationType",
		    .env = "O365_AUTHENTICATION_TYPE"},
	[F_SERVER] = {.label = "SMTP server", .json = "smtpServer", .env = "O365_SMTP_SERVER"},
	[F_PORT] = {.label = "SMTP server port",
		    .json = "smtpServerPort",
		    .env = "O365_SMTP_PORT",
		    .number = true},
	[F_TSEC] = {.label = "Transport security",
		    .json = "transportSecurity",
		    .env = "O365_TRANSPORT_SECURITY"},
	[F_USER] = {.label = "Username", .json = "username", .env = "O365_USERNAME"},
	[F_SENDER] = {.label = "Sender's e-mail address", .json = "senderEmailAddress", .env = "O365_SENDER"},
	[F_DELIVERY] = {.label = "Delivery notifications enabled",
			.json = "deliveryNotificationsEnabled",
			.env = "O365_DELIVERY_NOTIFICATIONS",
			.boolean = true},
	[F_TENANT] = {.label = "Tenant ID", .json = "tenantId", .env = "O365_TENANT_ID"},
	[F_CLIENT] = {.label = "Application (client) ID", .json = "clientId", .env = "O365_CLIENT_ID"},
	[F_SECRET] = {.label = "Client Secret",
		      .json = "clientSecret",
		      .env = "O365_CLIENT_SECRET",
		      .secret = true},
	[F_SCOPE] = {.label = "Scope", .json = "scope", .env = "O365_SCOPE"},
	[F_EXPIRY] = {.label = N_("Client secret expires"),
		      .json = "clientSecretExpires",
		      .env = "O365_SECRET_EXPIRES"},
};

int export_format_from_name(const char *name)
{
	if (!name)
		return -1;
	if (!strcmp(name, "extension-kit") || !strcmp(name, "sheet"))
		return EXPORT_SHEET;
	if (!strcmp(name, "json"))
		return EXPORT_JSON;
	if (!strcmp(name, "env"))
		return EXPORT_ENV;
	return -1;
}

static void value(const struct profile *p, enum field_id id, char *out, size_t n)
{
	out[0] = '\0';
	switch (id) {
	case F_AUTH:
		snprintf(out, n, "Office365OAuth");
		break;
	case F_SERVER:
		snprintf(out, n, "%s", p->smtp_server ? p->smtp_server : "");
		break;
	case F_PORT:
		snprintf(out, n, "%d", p->smtp_port);
		break;
	case F_TSEC:
		snprintf(out, n, "%s", tsec_key(p->transport));
		break;
	case F_USER:
		snprintf(out, n, "%s", p->username ? p->username : "");
		break;
	case F_SENDER:
		snprintf(out, n, "%s", p->sender ? p->sender : "");
		break;
	case F_DELIVERY:
		snprintf(out, n, "%s", p->mod_delivery ? "Yes" : "No");
		break;
	case F_TENANT:
		snprintf(out, n, "%s", p->tenant ? p->tenant : "");
		break;
	case F_CLIENT:
		snprintf(out, n, "%s", p->client_id ? p->client_id : "");
		break;
	case F_SECRET:
		snprintf(out, n, "%s", p->secret ? p->secret : "");
		break;
	case F_SCOPE:
		snprintf(out, n, "%s", profile_scope(p));
		break;
	case F_EXPIRY:
		snprintf(out, n, "%s", p->secret_expiry ? p->secret_expiry : "");
		break;
	default:
		break;
	}
}

static char *sheet(const struct profile *p, bool include_secret)
{
	size_t cap = 8192, len = 0;
	char *s = xmalloc(cap), v[1024];

	len += (size_t)snprintf(
		s + len, cap - len, "%s\n%s\n\n",
		_("M-Files Admin > your vault > Configurations > Other Applications > Extension Kit"),
		_("> Email Notifications (and Reporting) > Mail server"));
	for (int i = 0; i < F_COUNT; i++) {
		if (i == F_EXPIRY)
			continue;
		value(p, (enum field_id)i, v, sizeof(v));
		if (fields[i].secret && !include_secret)
			snprintf(v, sizeof(v), "%s", _("(not shown; add --include-secret)"));
		/* The labels are the product's own, in its own language. */
		len += (size_t)snprintf(s + len, cap - len, "%-32s %s\n", fields[i].label, v);
	}
	len += (size_t)snprintf(s + len, cap - len, "\n%-*s %s\n", i18n_pad(_(fields[F_EXPIRY].label), 32),
				_(fields[F_EXPIRY].label), p->secret_expiry ? p->secret_expiry : "-");
	codec_cleanse(v, sizeof(v));
	return s;
}

static char *json(const struct profile *p, bool include_secret)
{
	cJSON *o = cJSON_CreateObject();
	char v[1024], *text;

	for (int i = 0; i < F_COUNT; i++) {
		if (fields[i].secret && !include_secret)
			continue;
		value(p, (enum field_id)i, v, sizeof(v));
		if (fields[i].number)
			cJSON_AddNumberToObject(o, fields[i].json, atoi(v));
		else if (fields[i].boolean)
			cJSON_AddBoolToObject(o, fields[i].json, p->mod_delivery);
		else if (!v[0])
			cJSON_AddNullToObject(o, fields[i].json);
		else
			cJSON_AddStringToObject(o, fields[i].json, v);
	}
	codec_cleanse(v, sizeof(v));
	text = cJSON_Print(o);
	cJSON_Delete(o);
	if (text) {
		char *out = xmalloc(strlen(text) + 2);
		sprintf(out, "%s\n", text);
		codec_cleanse(text, strlen(text));
		cJSON_free(text);
		return out;
	}
	return NULL;
}

/* Single-quoted shell words: a quote becomes '\''. */
static char *env(const struct profile *p, bool include_secret)
{
	size_t cap = 8192, len = 0;
	char *s = xmalloc(cap), v[1024];

	for (int i = 0; i < F_COUNT; i++) {
		if (fields[i].secret && !include_secret)
			continue;
		value(p, (enum field_id)i, v, sizeof(v));
		len += (size_t)snprintf(s + len, cap - len, "%s='", fields[i].env);
		for (const char *c = v; *c && len + 5 < cap; c++) {
			if (*c == '\'')
				len += (size_t)snprintf(s + len, cap - len, "'\\''");
			else if (*c != '\n')
				s[len++] = *c;
		}
		len += (size_t)snprintf(s + len, cap - len, "'\n");
	}
	codec_cleanse(v, sizeof(v));
	return s;
}

char *export_profile(const struct profile *p, enum export_format f, bool include_secret)
{
	switch (f) {
	case EXPORT_JSON:
		return json(p, include_secret);
	case EXPORT_ENV:
		return env(p, include_secret);
	default:
		return sheet(p, include_secret);
	}
}
