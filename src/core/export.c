/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "export.h"
#include "i18n.h"
#include "strbuf.h"
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

/* The field's text; num holds numbers. Never cut: values are as long as the profile says. */
static const char *value(const struct profile *p, enum field_id id, char num[16])
{
	switch (id) {
	case F_AUTH:
		return "Office365OAuth";
	case F_SERVER:
		return p->smtp_server ? p->smtp_server : "";
	case F_PORT:
		snprintf(num, 16, "%d", p->smtp_port);
		return num;
	case F_TSEC:
		return tsec_key(p->transport);
	case F_USER:
		return p->username ? p->username : "";
	case F_SENDER:
		return p->sender ? p->sender : "";
	case F_DELIVERY:
		return p->mod_delivery ? "Yes" : "No";
	case F_TENANT:
		return p->tenant ? p->tenant : "";
	case F_CLIENT:
		return p->client_id ? p->client_id : "";
	case F_SECRET:
		return p->secret ? p->secret : "";
	case F_SCOPE:
		return profile_scope(p);
	case F_EXPIRY:
		return p->secret_expiry ? p->secret_expiry : "";
	default:
		return "";
	}
}

static char *sheet(const struct profile *p, bool include_secret)
{
	struct strbuf b = {0};
	char num[16];

	strbuf_addf(&b, "%s\n%s\n\n",
		    _("M-Files Admin > your vault > Configurations > Other Applications > Extension Kit"),
		    _("> Email Notifications (and Reporting) > Mail server"));
	for (int i = 0; i < F_COUNT; i++) {
		const char *v;
		if (i == F_EXPIRY)
			continue;
		v = value(p, (enum field_id)i, num);
		if (fields[i].secret && !include_secret)
			v = _("(not shown; add --include-secret)");
		/* The labels are the product's own, in its own language. */
		strbuf_addf(&b, "%-32s %s\n", fields[i].label, v);
	}
	strbuf_addf(&b, "\n%-*s %s\n", i18n_pad(_(fields[F_EXPIRY].label), 32), _(fields[F_EXPIRY].label),
		    p->secret_expiry ? p->secret_expiry : "-");
	return strbuf_finish(&b);
}

static char *json(const struct profile *p, bool include_secret)
{
	cJSON *o = cJSON_CreateObject();
	char num[16], *text, *out = NULL;
	bool failed = !o;

	for (int i = 0; !failed && i < F_COUNT; i++) {
		const char *v;
		if (fields[i].secret && !include_secret)
			continue;
		v = value(p, (enum field_id)i, num);
		if (fields[i].number)
			failed = !cJSON_AddNumberToObject(o, fields[i].json, p->smtp_port);
		else if (fields[i].boolean)
			failed = !cJSON_AddBoolToObject(o, fields[i].json, p->mod_delivery);
		else if (!v[0])
			failed = !cJSON_AddNullToObject(o, fields[i].json);
		else
			failed = !cJSON_AddStringToObject(o, fields[i].json, v);
	}
	text = failed ? NULL : cJSON_Print(o);
	cJSON_Delete(o);
	if (text) {
		struct strbuf b = {0};
		strbuf_puts(&b, text);
		strbuf_puts(&b, "\n");
		out = strbuf_finish(&b);
		codec_cleanse(text, strlen(text));
		cJSON_free(text);
	}
	return out;
}

/* Single-quoted shell words: a quote becomes '\''; a line break is dropped. */
static char *env(const struct profile *p, bool include_secret)
{
	struct strbuf b = {0};
	char num[16];

	for (int i = 0; i < F_COUNT; i++) {
		if (fields[i].secret && !include_secret)
			continue;
		strbuf_addf(&b, "%s='", fields[i].env);
		for (const char *c = value(p, (enum field_id)i, num); *c; c++) {
			if (*c == '\'')
				strbuf_puts(&b, "'\\''");
			else if (*c != '\n' && *c != '\r')
				strbuf_add(&b, c, 1);
		}
		strbuf_puts(&b, "'\n");
	}
	return strbuf_finish(&b);
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
