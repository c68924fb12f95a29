/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "claims.h"
#include "codec.h"
#include "i18n.h"
#include "stepref.h"
#include "validate.h"
#include "xalloc.h"

static char *str_claim(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (cJSON_IsString(v))
		return xstrdup(v->valuestring);
	if (cJSON_IsNumber(v)) {
		char buf[32];
		snprintf(buf, sizeof(buf), "%.0f", v->valuedouble);
		return xstrdup(buf);
	}
	return NULL;
}

static long num_claim(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	long n = 0;

	/* Unix times up to the year 9999; anything else is unreadable, not a wrapped number */
	return cJSON_IsNumber(v) && validate_whole(v->valuedouble, 0, 253402300799L, &n) ? n : 0;
}

bool claims_decode(const char *token, struct claims *c, char *why, size_t whyn)
{
	const char *d1, *d2;
	unsigned char *payload;
	size_t len;
	cJSON *o;
	const cJSON *roles;

	memset(c, 0, sizeof(*c));
	if (!token || !(d1 = strchr(token, '.')) || !(d2 = strchr(d1 + 1, '.'))) {
		snprintf(why, whyn, "%s", _("the access token is not a JWT (no three dot-separated parts)"));
		return false;
	}
	payload = codec_b64url_decode(d1 + 1, (size_t)(d2 - d1 - 1), &len);
	if (!payload) {
		snprintf(why, whyn, "%s", _("the token's payload is not base64url"));
		return false;
	}
	o = cJSON_ParseWithLength((const char *)payload, len);
	free(payload);
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		snprintf(why, whyn, "%s", _("the token's payload is not a JSON object"));
		return false;
	}
	c->aud = str_claim(o, "aud");
	c->iss = str_claim(o, "iss");
	c->tid = str_claim(o, "tid");
	c->appid = str_claim(o, "appid");
	if (!c->appid)
		c->appid = str_claim(o, "azp"); /* v2 tokens */
	c->oid = str_claim(o, "oid");
	c->idtyp = str_claim(o, "idtyp");
	c->appidacr = str_claim(o, "appidacr");
	if (!c->appidacr)
		c->appidacr = str_claim(o, "azpacr");
	c->ver = str_claim(o, "ver");
	c->app_displayname = str_claim(o, "app_displayname");
	c->exp = num_claim(o, "exp");
	c->nbf = num_claim(o, "nbf");
	c->iat = num_claim(o, "iat");
	roles = cJSON_GetObjectItemCaseSensitive(o, "roles");
	c->has_roles_claim = cJSON_IsArray(roles);
	if (c->has_roles_claim) {
		int n = cJSON_GetArraySize(roles), k = 0;
		const cJSON *it;
		c->roles = xcalloc((size_t)n + 1, sizeof(*c->roles));
		cJSON_ArrayForEach(it, roles)
		{
			if (cJSON_IsString(it))
				c->roles[k++] = xstrdup(it->valuestring);
		}
	}
	cJSON_Delete(o);
	return true;
}

void claims_free(struct claims *c)
{
	free(c->aud);
	free(c->iss);
	free(c->tid);
	free(c->appid);
	free(c->oid);
	free(c->idtyp);
	free(c->appidacr);
	free(c->ver);
	free(c->app_displayname);
	for (int i = 0; c->roles && c->roles[i]; i++)
		free(c->roles[i]);
	free(c->roles);
	memset(c, 0, sizeof(*c));
}

bool claims_has_role(const struct claims *c, const char *role)
{
	for (int i = 0; c->roles && c->roles[i]; i++)
		if (strcmp(c->roles[i], role) == 0)
			return true;
	return false;
}

int claims_required_roles(const struct profile *p, const char *out[2])
{
	int n = 0;

	out[n++] = ROLE_SMTP;
	if (p->mod_delivery)
		out[n++] = ROLE_IMAP;
	return n;
}

bool claims_diagnose(const struct claims *c, struct profile *p, time_t now, struct report *r)
{
	const char *need[2];
	int nneed = claims_required_roles(p, need);
	bool roles_ok = true;
	char list[512] = "";

	/* tenant: a domain cannot be compared with the GUID in tid */
	/* A token for another tenant or app can never open these mailboxes: a failure, not a hint. */
	if (c->tid && p->tenant && validate_is_guid(p->tenant) && strcasecmp(c->tid, p->tenant) != 0)
		report_add(r, RS_FAIL, RK_CLAIMS, NULL, STEP_APP, O365_EAUTH,
			   _("Copy the Directory (tenant) ID again from the app's Overview page."),
			   _("The token is for tenant %s, not the tenant entered (%s)."), c->tid, p->tenant);
	else if (c->tid)
		report_add(r, RS_OK, RK_CLAIMS, NULL, -1, O365_OK, NULL, _("Tenant (tid) %s"), c->tid);
	if (c->appid && p->client_id && strcasecmp(c->appid, p->client_id) != 0)
		report_add(r, RS_FAIL, RK_CLAIMS, NULL, STEP_APP, O365_EAUTH,
			   _("Copy the Application (client) ID again."),
			   _("The token is for app %s, not the client ID entered (%s)."), c->appid,
			   p->client_id);
	else if (c->appid)
		report_add(r, RS_OK, RK_CLAIMS, NULL, -1, O365_OK, NULL, _("Application (appid) %s"),
			   c->appid);
	if (!cloud_is_exchange_audience(p->cloud, c->aud))
		report_add(r, RS_WARN, RK_CLAIMS, NULL, STEP_START, O365_EAUTH,
			   _("Use the Exchange Online scope for the chosen cloud."),
			   _("Audience (aud) is %s, not Exchange Online: IMAP and SMTP will refuse it."),
			   c->aud ? c->aud : "-");
	else
		report_add(r, RS_INFO, RK_CLAIMS, NULL, -1, O365_OK, NULL, _("Audience (aud) %s"), c->aud);
	if (c->idtyp && strcmp(c->idtyp, "app") != 0)
		report_add(r, RS_WARN, RK_CLAIMS, NULL, -1, O365_OK, NULL,
			   _("Identity type (idtyp) is %s, not app: this is not an app-only token."),
			   c->idtyp);
	else
		report_add(r, RS_INFO, RK_CLAIMS, NULL, -1, O365_OK, NULL,
			   _("Identity type (idtyp) %s, credential "
			     "(appidacr) %s"),
			   c->idtyp ? c->idtyp : "-",
			   c->appidacr ? (strcmp(c->appidacr, "1") == 0	  ? _("1 = client secret")
					  : strcmp(c->appidacr, "2") == 0 ? _("2 = certificate")
									  : c->appidacr)
				       : "-");
	if (c->exp) {
		long mins = (c->exp - (long)now) / 60;
		report_add(r, c->exp > now ? RS_INFO : RS_WARN, RK_CLAIMS, NULL, -1, O365_OK, NULL,
			   _("Token valid for %ld more minutes (exp)"), mins);
	}
	if (c->oid && validate_is_guid(c->oid)) {
		if (!p->sp_object_id || strcasecmp(p->sp_object_id, c->oid) != 0)
			profile_set_str(&p->sp_object_id, c->oid);
		report_add(r, RS_OK, RK_CLAIMS, NULL, -1, O365_OK, NULL,
			   _("Enterprise Application Object ID (oid) %s: the -ObjectId for "
			     "New-ServicePrincipal"),
			   c->oid);
	} else {
		report_add(
			r, RS_WARN, RK_CLAIMS, NULL, STEP_EXCHANGE, O365_OK,
			_("Take the Object ID from Entra ID > Enterprise applications > the app > Overview "
			  "(not from App registrations)."),
			"%s",
			_("The token has no oid claim, so the Enterprise Application Object ID must be "
			  "copied by hand."));
	}
	for (int i = 0; c->roles && c->roles[i]; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "",
			 c->roles[i]);
	for (int i = 0; i < nneed; i++) {
		if (claims_has_role(c, need[i]))
			continue;
		roles_ok = false;
		{
			char fix[600];
			snprintf(fix, sizeof(fix),
				 _("API permissions > Add a permission > APIs my organization uses > Office "
				   "365 "
				   "Exchange Online > Application permissions > %s (not Microsoft Graph, not "
				   "Delegated); then Grant admin consent, and fetch a new token."),
				 need[i]);
			report_add(r, RS_FAIL, RK_ROLES, NULL, STEP_PERMISSIONS, O365_EROLES, fix,
				   _("The token lacks the %s role (roles: %s)."), need[i],
				   list[0] ? list : _("none"));
		}
	}
	if (roles_ok)
		report_add(r, RS_OK, RK_ROLES, NULL, -1, O365_OK, NULL, _("Roles: %s"), list);
	return roles_ok;
}
