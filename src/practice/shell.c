/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small interpreter for the Exchange Online cmdlets of the set-up, and the portal's actions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/validate.h"
#include "shell.h"

#define MAX_WORDS 32
#define EXO_DC	  "BN1PR01A001DC01.NAMPRD01.PROD.OUTLOOK.COM"

struct words {
	char *w[MAX_WORDS];
	bool quoted[MAX_WORDS];
	int n;
	char *pipe; /* what follows the first unquoted | */
};

static void words_free(struct words *ws)
{
	for (int i = 0; i < ws->n; i++)
		free(ws->w[i]);
	free(ws->pipe);
	memset(ws, 0, sizeof(*ws));
}

/* Typographic quotes, as pasted from a manual, count as quotes (PowerShell agrees). */
static int quote_len(const char *p, char *kind)
{
	static const char *const dq[] = {"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e", NULL};
	static const char *const sq[] = {"\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9a", "\xe2\x80\x9b",
					 NULL};

	if (*p == '"' || *p == '\'') {
		*kind = *p;
		return 1;
	}
	for (int i = 0; dq[i]; i++)
		if (!strncmp(p, dq[i], 3)) {
			*kind = '"';
			return 3;
		}
	for (int i = 0; sq[i]; i++)
		if (!strncmp(p, sq[i], 3)) {
			*kind = '\'';
			return 3;
		}
	return 0;
}

/* Splits a line into words; -Name:value becomes -Name and value. Returns false with msg on error. */
static bool split(const char *line, struct words *ws, char *msg, size_t mn)
{
	const char *p = line;

	memset(ws, 0, sizeof(*ws));
	while (*p) {
		char buf[512];
		size_t k = 0;
		bool quoted = false;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			break;
		if (*p == '|') {
			ws->pipe = strdup(p + 1);
			break;
		}
		if (*p == '<' || *p == '>') {
			snprintf(msg, mn,
				 "ParserError:\nLine |\n   1 | %s\n     | The '%c' operator is reserved for "
				 "future use.",
				 line, *p);
			return false;
		}
		while (*p && *p != ' ' && *p != '\t' && *p != '|' && k < sizeof(buf) - 4) {
			char kind;
			int ql = quote_len(p, &kind);
			if (ql) {
				p += ql;
				quoted = true;
				for (;;) {
					char k2;
					int ql2 = quote_len(p, &k2);
					if (!*p) {
						snprintf(msg, mn,
							 "ParserError:\nLine |\n   1 | %s\n     | The string "
							 "is missing "
							 "the terminator: %c.",
							 line, kind);
						return false;
					}
					if (ql2 && k2 == kind) {
						char k3;
						int ql3;
						p += ql2;
						ql3 = quote_len(p, &k3);
						if (kind == '\'' && ql3 && k3 == '\'') {
							/* '' inside '...', of any of the quote characters:
							 * the second one is kept, as PowerShell does */
							if (k + (size_t)ql3 < sizeof(buf) - 4) {
								memcpy(buf + k, p, (size_t)ql3);
								k += (size_t)ql3;
							}
							p += ql3;
							continue;
						}
						break;
					}
					if (k < sizeof(buf) - 4)
						buf[k++] = *p;
					p++;
				}
				continue;
			}
			if (*p == ':' && k > 1 && buf[0] == '-' && !quoted) {
				/* -AutoMapping:$false */
				buf[k] = '\0';
				if (ws->n < MAX_WORDS)
					ws->w[ws->n++] = strdup(buf);
				k = 0;
				p++;
				continue;
			}
			buf[k++] = *p++;
		}
		buf[k] = '\0';
		if (ws->n < MAX_WORDS) {
			ws->quoted[ws->n] = quoted;
			ws->w[ws->n++] = strdup(buf);
		}
	}
	return true;
}

struct param {
	const char *name;
	bool is_switch;
	const char *value;
	bool set;
};

/* Binds the words after the cmdlet to its parameters, PowerShell-style. */
static bool bind(const char *cmd, struct words *ws, struct param *ps, const char *positional, FILE *out)
{
	for (int i = 1; i < ws->n; i++) {
		const char *w = ws->w[i];
		struct param *hit = NULL;
		if (w[0] != '-' || ws->quoted[i]) {
			for (struct param *p = ps; positional && p->name; p++)
				if (!strcasecmp(p->name, positional) && !p->set)
					hit = p;
			if (!hit) {
				fprintf(out,
					"%s: A positional parameter cannot be found that accepts argument "
					"'%s'.\n",
					cmd, w);
				return false;
			}
			hit->value = w;
			hit->set = true;
			continue;
		}
		for (struct param *p = ps; p->name; p++)
			if (!strcasecmp(p->name, w + 1))
				hit = p;
		if (!hit) {
			fprintf(out, "%s: A parameter cannot be found that matches parameter name '%s'.\n",
				cmd, w + 1);
			return false;
		}
		hit->set = true;
		if (hit->is_switch) {
			if (i + 1 < ws->n && ws->w[i + 1][0] == '$')
				hit->value = ws->w[++i];
			else
				hit->value = "$true";
			continue;
		}
		if (i + 1 >= ws->n || (ws->w[i + 1][0] == '-' && !ws->quoted[i + 1])) {
			fprintf(out,
				"%s: Missing an argument for parameter '%s'. Specify a parameter of type "
				"'System.String' and try again.\n",
				cmd, hit->name);
			return false;
		}
		hit->value = ws->w[++i];
	}
	return true;
}

#define PA(n)                                                                                                \
	{                                                                                                    \
		n, false, NULL, false                                                                        \
	}
#define SW(n)                                                                                                \
	{                                                                                                    \
		n, true, NULL, false                                                                         \
	}
#define END                                                                                                  \
	{                                                                                                    \
		NULL, false, NULL, false                                                                     \
	}

static const char *val(struct param *ps, const char *name)
{
	for (struct param *p = ps; p->name; p++)
		if (!strcasecmp(p->name, name) && p->set)
			return p->value;
	return NULL;
}

static bool need(const char *cmd, struct param *ps, const char *const *names, FILE *out)
{
	char missing[200] = "";

	for (int i = 0; names[i]; i++)
		if (!val(ps, names[i]))
			snprintf(missing + strlen(missing), sizeof(missing) - strlen(missing), "%s%s",
				 missing[0] ? ", " : "", names[i]);
	if (!missing[0])
		return true;
	fprintf(out, "%s: Cannot process command because of one or more missing mandatory parameters: %s.\n",
		cmd, missing);
	return false;
}

/* PowerShell's Boolean parameter: $true, $false, 1, 0 (and $null where allowed). */
static int boolean(const char *cmd, const char *param, const char *v, bool allow_null, FILE *out)
{
	if (!strcasecmp(v, "$true") || !strcmp(v, "1"))
		return 1;
	if (!strcasecmp(v, "$false") || !strcmp(v, "0"))
		return 0;
	if (allow_null && !strcasecmp(v, "$null"))
		return -1;
	fprintf(out,
		"%s: Cannot process argument transformation on parameter '%s'. Cannot convert value "
		"\"System.String\" to type \"System.Boolean\". Boolean parameters accept only Boolean values "
		"and numbers, such as $True, $False, 1 or 0.\n",
		cmd, param);
	return -2;
}

static void not_found(FILE *out, const char *what)
{
	fprintf(out,
		"Write-ErrorMessage: "
		"|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|"
		"The operation couldn't be performed because object '%s' couldn't be found on '" EXO_DC
		"'.\n",
		what);
}

static void alias(const char *addr, char *out, size_t n)
{
	snprintf(out, n, "%.*s", (int)strcspn(addr, "@"), addr);
}

static const struct pr_sp *sp_or_error(struct practice *t, const char *id, FILE *out)
{
	const struct pr_sp *sp = practice_find_sp(t, id);

	if (!sp)
		not_found(out, id);
	return sp;
}

static void show_sp(FILE *out, const struct pr_sp *sp)
{
	fprintf(out, "\nDisplayName : %s\nAppId       : %s\nObjectId    : %s\nIdentity    : %s\n", sp->name,
		sp->app_id, sp->object_id, sp->object_id);
}

/* ---- the cmdlets ---- */

static bool exo(struct practice *t, struct words *ws, FILE *out)
{
	const char *cmd = ws->w[0];
	char a[128];

	if (!strcasecmp(cmd, "New-ServicePrincipal")) {
		struct param ps[] = {PA("AppId"),	 PA("ObjectId"), PA("ServiceId"), PA("DisplayName"),
				     PA("Organization"), SW("Confirm"),	 SW("WhatIf"),	  END};
		const char *const req[] = {"AppId", "ObjectId", NULL};
		struct pr_sp *sp;
		if (!bind(cmd, ws, ps, NULL, out))
			return false;
		if (!val(ps, "ObjectId") && val(ps, "ServiceId"))
			ps[1] = (struct param){"ObjectId", false, val(ps, "ServiceId"), true};
		if (!need(cmd, ps, req, out))
			return false;
		if (!validate_is_guid(val(ps, "AppId")) || !validate_is_guid(val(ps, "ObjectId"))) {
			const char *bad =
				validate_is_guid(val(ps, "AppId")) ? val(ps, "ObjectId") : val(ps, "AppId");
			fprintf(out,
				"%s: Cannot bind parameter '%s'. '%s' is not a valid GUID: copy the value "
				"from the "
				"Enterprise application's Overview page.\n",
				cmd, validate_is_guid(val(ps, "AppId")) ? "ObjectId" : "AppId", bad);
			return false;
		}
		for (int i = 0; i < t->nsps; i++)
			if (!strcasecmp(t->sps[i].object_id, val(ps, "ObjectId"))) {
				fprintf(out,
					"Write-ErrorMessage: |Microsoft.Exchange.Management.Tasks."
					"ServicePrincipalAlreadyExistsException|A service principal with "
					"ObjectId "
					"'%s' already exists.\n",
					val(ps, "ObjectId"));
				return false;
			}
		if (t->nsps == PR_MAX_SPS) {
			fprintf(out,
				"%s: too many service principals; remove one with Remove-ServicePrincipal.\n",
				cmd);
			return false;
		}
		sp = &t->sps[t->nsps++];
		snprintf(sp->app_id, sizeof(sp->app_id), "%s", val(ps, "AppId") ? val(ps, "AppId") : "");
		snprintf(sp->object_id, sizeof(sp->object_id), "%s",
			 val(ps, "ObjectId") ? val(ps, "ObjectId") : "");
		snprintf(sp->name, sizeof(sp->name), "%s",
			 val(ps, "DisplayName") ? val(ps, "DisplayName") : val(ps, "ObjectId"));
		sp->at = practice_now(t);
		fprintf(out, "\nDisplayName                    ObjectId                             AppId\n");
		fprintf(out, "-----------                    --------                             -----\n");
		fprintf(out, "%-30.30s %-36s %s\n", sp->name, sp->object_id, sp->app_id);
		practice_log(t, PR_EV_CHANGE, 5, "New-ServicePrincipal -AppId %s -ObjectId %s", sp->app_id,
			     sp->object_id);
		return true;
	}
	if (!strcasecmp(cmd, "Get-ServicePrincipal")) {
		struct param ps[] = {PA("Identity"), PA("Organization"), END};
		if (!bind(cmd, ws, ps, "Identity", out))
			return false;
		if (val(ps, "Identity") && strcasecmp(val(ps, "Identity"), "$null") != 0) {
			const struct pr_sp *sp = sp_or_error(t, val(ps, "Identity"), out);
			if (!sp)
				return false;
			show_sp(out, sp);
		} else {
			for (int i = 0; i < t->nsps; i++)
				show_sp(out, &t->sps[i]);
		}
		fprintf(out, "\n");
		return true;
	}
	if (!strcasecmp(cmd, "Remove-ServicePrincipal")) {
		struct param ps[] = {PA("Identity"), SW("Confirm"), SW("WhatIf"), END};
		const char *const req[] = {"Identity", NULL};
		const struct pr_sp *sp;
		int i;
		if (!bind(cmd, ws, ps, "Identity", out) || !need(cmd, ps, req, out) ||
		    !(sp = sp_or_error(t, val(ps, "Identity"), out)))
			return false;
		i = (int)(sp - t->sps);
		practice_log(t, PR_EV_CHANGE, 5, "Remove-ServicePrincipal %s", sp->object_id);
		memmove(&t->sps[i], &t->sps[i + 1], sizeof(t->sps[0]) * (size_t)(t->nsps - i - 1));
		t->nsps--;
		return true;
	}
	if (!strcasecmp(cmd, "Add-MailboxPermission") || !strcasecmp(cmd, "Add-RecipientPermission")) {
		bool sendas = !strcasecmp(cmd, "Add-RecipientPermission");
		struct param ps[] = {PA("Identity"),	    PA(sendas ? "Trustee" : "User"),
				     PA("AccessRights"),    SW("AutoMapping"),
				     PA("InheritanceType"), SW("Confirm"),
				     SW("WhatIf"),	    END};
		const char *const req[] = {"Identity", sendas ? "Trustee" : "User", "AccessRights", NULL};
		static const char *const rights[] = {
			"ChangeOwner", "ChangePermission", "DeleteItem", "ExternalAccount",
			"FullAccess",  "ReadPermission",   NULL};
		const char *right;
		struct pr_mailbox *b;
		const struct pr_sp *sp;
		bool known = false;
		struct pr_grant_rec *g;
		if (!bind(cmd, ws, ps, "Identity", out) || !need(cmd, ps, req, out))
			return false;
		right = val(ps, "AccessRights");
		for (int i = 0; !sendas && rights[i]; i++)
			if (!strcasecmp(rights[i], right)) {
				known = true;
				right = rights[i]; /* PowerShell shows the enumerator's own spelling */
			}
		if (sendas ? strcasecmp(right, "SendAs") != 0 : !known) {
			if (sendas)
				fprintf(out, "Write-ErrorMessage: |Microsoft.Exchange.Management.Tasks."
					     "RecipientTaskException|The only valid value for AccessRights "
					     "is SendAs.\n");
			else
				fprintf(out,
					"%s: Cannot bind parameter 'AccessRights'. Cannot convert value "
					"\"%s\" to type "
					"\"Microsoft.Exchange.Management.RecipientTasks.MailboxRights\". "
					"Error: "
					"\"Unable to match the identifier name %s to a valid enumerator "
					"name. Specify "
					"one of the following enumerator names and try again:\nChangeOwner, "
					"ChangePermission, DeleteItem, ExternalAccount, FullAccess, "
					"ReadPermission\"\n",
					cmd, right, right);
			return false;
		}
		if (!(b = practice_find_box(t, val(ps, "Identity")))) {
			not_found(out, val(ps, "Identity"));
			return false;
		}
		if (!(sp = sp_or_error(t, val(ps, sendas ? "Trustee" : "User"), out)))
			return false;
		alias(b->addr, a, sizeof(a));
		if (sendas) {
			fprintf(out, "\nIdentity Trustee                AccessControlType AccessRights "
				     "Inherited\n");
			fprintf(out,
				"-------- -------                ----------------- ------------ ---------\n");
			fprintf(out, "%-8s %-22.22s Allow             {SendAs}     False\n", a, sp->name);
		} else {
			fprintf(out, "\nIdentity             User                 AccessRights    "
				     "IsInherited Deny\n");
			fprintf(out, "--------             ----                 ------------    ----------- "
				     "----\n");
			char r2[40];
			snprintf(r2, sizeof(r2), "{%s}", right);
			fprintf(out, "%-20.20s %-20.20s %-15s %-11s %s\n", a, sp->name, r2, "False", "False");
		}
		if (!sendas && strcasecmp(right, "FullAccess") != 0)
			return true;
		if (t->ngrants < PR_MAX_GRANTS) {
			g = &t->grants[t->ngrants++];
			g->kind = sendas ? PR_SENDAS : PR_FULLACCESS;
			snprintf(g->mailbox, sizeof(g->mailbox), "%s", b->addr);
			snprintf(g->object_id, sizeof(g->object_id), "%s", sp->object_id);
			g->at = practice_now(t);
		}
		practice_log(t, PR_EV_CHANGE, 5, "%s -Identity %s %s %s -AccessRights %s", cmd, b->addr,
			     sendas ? "-Trustee" : "-User", sp->object_id, sendas ? "SendAs" : "FullAccess");
		return true;
	}
	if (!strcasecmp(cmd, "Get-MailboxPermission") || !strcasecmp(cmd, "Get-RecipientPermission")) {
		bool sendas = !strcasecmp(cmd, "Get-RecipientPermission");
		struct param ps[] = {PA("Identity"), PA(sendas ? "Trustee" : "User"), END};
		const char *const req[] = {"Identity", NULL};
		struct pr_mailbox *b;
		if (!bind(cmd, ws, ps, "Identity", out) || !need(cmd, ps, req, out))
			return false;
		if (!(b = practice_find_box(t, val(ps, "Identity")))) {
			not_found(out, val(ps, "Identity"));
			return false;
		}
		alias(b->addr, a, sizeof(a));
		fprintf(out, "\nIdentity             User                                 AccessRights\n");
		fprintf(out, "--------             ----                                 ------------\n");
		if (!sendas)
			fprintf(out,
				"%-20.20s NT AUTHORITY\\SELF                    {FullAccess, "
				"ReadPermission}\n",
				a);
		for (int i = 0; i < t->ngrants; i++) {
			const struct pr_grant_rec *g = &t->grants[i];
			const char *who = val(ps, sendas ? "Trustee" : "User");
			const struct pr_sp *sp = practice_find_sp(t, g->object_id);
			if (g->kind != (sendas ? PR_SENDAS : PR_FULLACCESS) ||
			    strcasecmp(g->mailbox, b->addr) != 0)
				continue;
			if (who && strcasecmp(who, g->object_id) != 0 &&
			    (!sp || strcasecmp(who, sp->name) != 0))
				continue;
			fprintf(out, "%-20.20s %-36s {%s}\n", a, sp ? sp->name : g->object_id,
				sendas ? "SendAs" : "FullAccess");
		}
		fprintf(out, "\n");
		return true;
	}
	if (!strcasecmp(cmd, "Set-CASMailbox")) {
		struct param ps[] = {PA("Identity"), PA("SmtpClientAuthenticationDisabled"),
				     PA("ImapEnabled"), END};
		const char *const req[] = {"Identity", NULL};
		struct pr_mailbox *b;
		int smtp = -3, imap = -3;
		bool changed = false;
		if (!bind(cmd, ws, ps, "Identity", out) || !need(cmd, ps, req, out))
			return false;
		if (val(ps, "SmtpClientAuthenticationDisabled") &&
		    (smtp = boolean(cmd, "SmtpClientAuthenticationDisabled",
				    val(ps, "SmtpClientAuthenticationDisabled"), true, out)) == -2)
			return false;
		if (val(ps, "ImapEnabled") &&
		    (imap = boolean(cmd, "ImapEnabled", val(ps, "ImapEnabled"), false, out)) == -2)
			return false;
		if (!(b = practice_find_box(t, val(ps, "Identity")))) {
			not_found(out, val(ps, "Identity"));
			return false;
		}
		if (smtp != -3 && smtp != b->smtp_auth_disabled) {
			b->prev_smtp_auth_disabled = practice_effective(t, b->smtp_at)
							     ? b->smtp_auth_disabled
							     : b->prev_smtp_auth_disabled;
			b->smtp_auth_disabled = smtp;
			b->smtp_at = practice_now(t);
			changed = true;
			practice_log(t, PR_EV_CHANGE, 5,
				     "Set-CASMailbox -Identity %s -SmtpClientAuthenticationDisabled %s",
				     b->addr,
				     smtp == 1	 ? "$true"
				     : smtp == 0 ? "$false"
						 : "$null");
		}
		if (imap != -3 && (imap == 1) != b->imap_enabled) {
			b->imap_enabled = imap == 1;
			changed = true;
			practice_log(t, PR_EV_CHANGE, 5, "Set-CASMailbox -Identity %s -ImapEnabled %s",
				     b->addr, imap ? "$true" : "$false");
		}
		if (!changed) {
			alias(b->addr, a, sizeof(a));
			fprintf(out,
				"WARNING: The command completed successfully but no settings of '%s' have "
				"been modified.\n",
				a);
		}
		return true;
	}
	if (!strcasecmp(cmd, "Get-CASMailbox")) {
		struct param ps[] = {PA("Identity"), END};
		const char *const req[] = {"Identity", NULL};
		struct pr_mailbox *b;
		if (!bind(cmd, ws, ps, "Identity", out) || !need(cmd, ps, req, out))
			return false;
		if (!(b = practice_find_box(t, val(ps, "Identity")))) {
			not_found(out, val(ps, "Identity"));
			return false;
		}
		fprintf(out,
			"\nSmtpClientAuthenticationDisabled : %s\nImapEnabled                      : %s\n\n",
			b->smtp_auth_disabled == 1   ? "True"
			: b->smtp_auth_disabled == 0 ? "False"
						     : "",
			b->imap_enabled ? "True" : "False");
		return true;
	}
	if (!strcasecmp(cmd, "Set-TransportConfig")) {
		struct param ps[] = {PA("SmtpClientAuthenticationDisabled"), END};
		const char *const req[] = {"SmtpClientAuthenticationDisabled", NULL};
		int v;
		if (!bind(cmd, ws, ps, NULL, out) || !need(cmd, ps, req, out))
			return false;
		if ((v = boolean(cmd, "SmtpClientAuthenticationDisabled",
				 val(ps, "SmtpClientAuthenticationDisabled"), false, out)) == -2)
			return false;
		if (v != t->org_smtp_auth_disabled) {
			t->prev_org_smtp_auth_disabled = practice_effective(t, t->org_smtp_at)
								 ? t->org_smtp_auth_disabled
								 : t->prev_org_smtp_auth_disabled;
			t->org_smtp_auth_disabled = v;
			t->org_smtp_at = practice_now(t);
			practice_log(t, PR_EV_CHANGE, 5,
				     "Set-TransportConfig -SmtpClientAuthenticationDisabled %s",
				     v ? "$true" : "$false");
		} else {
			fprintf(out,
				"WARNING: The command completed successfully but no settings of 'Transport "
				"Settings' have been modified.\n");
		}
		return true;
	}
	if (!strcasecmp(cmd, "Get-TransportConfig")) {
		struct param ps[] = {END};
		if (!bind(cmd, ws, ps, NULL, out))
			return false;
		fprintf(out, "\nSmtpClientAuthenticationDisabled : %s\n\n",
			t->org_smtp_auth_disabled ? "True" : "False");
		return true;
	}
	if (!strcasecmp(cmd, "Disconnect-ExchangeOnline")) {
		t->connected = false;
		return true;
	}
	return false;
}

static bool is_exo(const char *cmd)
{
	static const char *const names[] = {"New-ServicePrincipal",
					    "Get-ServicePrincipal",
					    "Remove-ServicePrincipal",
					    "Add-MailboxPermission",
					    "Get-MailboxPermission",
					    "Add-RecipientPermission",
					    "Get-RecipientPermission",
					    "Set-CASMailbox",
					    "Get-CASMailbox",
					    "Set-TransportConfig",
					    "Get-TransportConfig",
					    "Disconnect-ExchangeOnline",
					    NULL};

	for (int i = 0; names[i]; i++)
		if (!strcasecmp(names[i], cmd))
			return true;
	return false;
}

static void not_recognized(FILE *out, const char *cmd)
{
	fprintf(out,
		"%s: The term '%s' is not recognized as a name of a cmdlet, function, script file, or "
		"executable "
		"program.\nCheck the spelling of the name, or if a path was included, verify that the path "
		"is "
		"correct and try again.\n",
		cmd, cmd);
}

/* ---- the portal's actions ---- */

static bool portal(struct practice *t, struct words *ws, FILE *out)
{
	struct o365_err e;
	const char *verb = ws->n > 1 ? ws->w[1] : "show";

	err_clear(&e);
	if (!strcasecmp(verb, "show")) {
		char *text = practice_portal_text(t);
		fputs(text ? text : "", out);
		free(text);
		return true;
	}
	if (!strcasecmp(verb, "new-secret")) {
		int days = ws->n > 2 ? atoi(ws->w[2]) : 180;
		const struct pr_secret *s = practice_new_secret(t, ws->n > 3 ? ws->w[3] : NULL, days, &e);
		if (!s) {
			fprintf(out, "%s\n", e.msg);
			return false;
		}
		fprintf(out, _("New client secret \"%s\", expires %s.\n"), s->description, s->expires);
		fprintf(out, _("  Value:     %s   (copy it now: it is shown only once)\n"), s->value);
		fprintf(out, _("  Secret ID: %s   (not the secret)\n"), s->id);
		t->secrets[t->nsecrets - 1].shown = true;
		return true;
	}
	if (!strcasecmp(verb, "add-permission") && ws->n == 5) {
		enum pr_api api;
		enum pr_type type;
		if (!strcasecmp(ws->w[2], "exchange") || !strcasecmp(ws->w[2], "Office 365 Exchange Online"))
			api = PR_API_EXCHANGE;
		else if (!strcasecmp(ws->w[2], "graph") || !strcasecmp(ws->w[2], "Microsoft Graph"))
			api = PR_API_GRAPH;
		else {
			fprintf(out,
				_("Choose the API: exchange (Office 365 Exchange Online) or graph (Microsoft "
				  "Graph).\n"));
			return false;
		}
		if (!strcasecmp(ws->w[3], "application"))
			type = PR_APPLICATION;
		else if (!strcasecmp(ws->w[3], "delegated"))
			type = PR_DELEGATED;
		else {
			fprintf(out, _("Choose the type: application or delegated.\n"));
			return false;
		}
		if (practice_add_permission(t, api, type, ws->w[4], &e) != O365_OK) {
			fprintf(out, "%s\n", e.msg);
			return false;
		}
		fprintf(out, _("Added %s (%s, %s): not granted for %s yet.\n"), ws->w[4],
			practice_api_name(api), practice_type_name(type), t->domain);
		return true;
	}
	if (!strcasecmp(verb, "remove-permission") && ws->n == 3) {
		if (practice_remove_permission(t, ws->w[2], &e) != O365_OK) {
			fprintf(out, "%s\n", e.msg);
			return false;
		}
		fprintf(out, _("Removed %s.\n"), ws->w[2]);
		return true;
	}
	if (!strcasecmp(verb, "grant-consent")) {
		practice_grant_consent(t);
		fprintf(out, _("Granted admin consent for %s: every permission on the list is granted.\n"),
			t->domain);
		return true;
	}
	fprintf(out, "%s",
		_("Portal actions: portal show | portal new-secret [DAYS [DESCRIPTION]] | portal "
		  "add-permission "
		  "exchange|graph application|delegated NAME | portal remove-permission NAME | portal "
		  "grant-consent\n"));
	return false;
}

char *practice_shell_line(struct practice *t, const char *line, bool *error)
{
	struct words ws;
	char *buf = NULL, msg[1024];
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	bool ok = true;

	*error = false;
	if (!out)
		return NULL;
	practice_lock(t);
	if (!split(line, &ws, msg, sizeof(msg))) {
		fprintf(out, "%s\n", msg);
		ok = false;
		goto done;
	}
	if (ws.n == 0)
		goto done;
	if (ws.pipe) {
		/* Only formatting may follow a pipe; the output is a list either way. */
		char fmt[64] = "";
		sscanf(ws.pipe, " %63s", fmt);
		if (strcasecmp(fmt, "Format-List") && strcasecmp(fmt, "fl") &&
		    strcasecmp(fmt, "Format-Table") && strcasecmp(fmt, "ft") &&
		    strcasecmp(fmt, "Select-Object")) {
			not_recognized(out, fmt);
			ok = false;
			goto done;
		}
	}
	if (!strcasecmp(ws.w[0], "portal")) {
		ok = portal(t, &ws, out);
	} else if (!strcasecmp(ws.w[0], "Install-Module") || !strcasecmp(ws.w[0], "Import-Module")) {
		/* The module is there already. */
	} else if (!strcasecmp(ws.w[0], "Connect-ExchangeOnline")) {
		struct param ps[] = {PA("Organization"), PA("UserPrincipalName"), SW("ShowBanner"), END};
		if (!(ok = bind(ws.w[0], &ws, ps, NULL, out)))
			goto done;
		if (val(ps, "Organization") && strcasecmp(val(ps, "Organization"), t->tenant_id) != 0 &&
		    strcasecmp(val(ps, "Organization"), t->domain) != 0) {
			fprintf(out,
				"OperationStopped: AADSTS90002: Tenant '%s' not found. Check to make sure "
				"you have "
				"the correct tenant ID and are signing into the correct cloud.\n",
				val(ps, "Organization"));
			ok = false;
			goto done;
		}
		t->connected = true;
		fprintf(out, _("Connected to Exchange Online for %s as admin@%s (practice tenant).\n"),
			t->domain, t->domain);
	} else if (is_exo(ws.w[0])) {
		if (!t->connected) {
			not_recognized(out, ws.w[0]);
			fprintf(out, "%s\n",
				_("(Run Connect-ExchangeOnline first: the Exchange cmdlets exist only "
				  "in a connected session.)"));
			ok = false;
		} else {
			ok = exo(t, &ws, out);
		}
	} else {
		not_recognized(out, ws.w[0]);
		ok = false;
	}
done:
	practice_unlock(t);
	words_free(&ws);
	fclose(out);
	*error = !ok;
	return buf;
}
