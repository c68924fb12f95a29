/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scenarios: each starts from a tenant set up right and makes one mistake, in the tenant or in
 * what the trainee types. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/i18n.h"
#include "scenario.h"

#define DAY    (24.0 * 3600)
#define NOTIFY "notify@contoso.com"
#define ALERTS "alerts@contoso.com"

static void add_perm(struct practice *t, enum pr_api api, enum pr_type type, const char *name, bool ok)
{
	struct pr_permission *p = &t->perms[t->nperms++];

	p->api = api;
	p->type = type;
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->consented = ok;
}

static void add_grant(struct practice *t, enum pr_grant kind, const char *box, const char *sp, double at)
{
	struct pr_grant_rec *g = &t->grants[t->ngrants++];

	g->kind = kind;
	snprintf(g->mailbox, sizeof(g->mailbox), "%s", box);
	snprintf(g->object_id, sizeof(g->object_id), "%s", sp);
	g->at = at;
}

static void add_sp(struct practice *t, const char *object_id, double at)
{
	struct pr_sp *s = &t->sps[t->nsps++];

	snprintf(s->app_id, sizeof(s->app_id), "%s", t->client_id);
	snprintf(s->object_id, sizeof(s->object_id), "%s", object_id);
	snprintf(s->name, sizeof(s->name), "%s", t->app_name);
	s->at = at;
}

static void add_box(struct practice *t, const char *addr, int smtp_disabled)
{
	struct pr_mailbox *b = &t->boxes[t->nboxes++];

	snprintf(b->addr, sizeof(b->addr), "%s", addr);
	b->smtp_auth_disabled = b->prev_smtp_auth_disabled = smtp_disabled;
	b->smtp_at = -30 * DAY;
	b->imap_enabled = true;
}

void practice_setup_clean(struct practice *t)
{
	time_t when = time(NULL) + 180 * 86400;
	struct tm tm;
	struct pr_secret *s;

	practice_derive_id(t, "tenant", t->tenant_id);
	snprintf(t->domain, sizeof(t->domain), "contoso.onmicrosoft.com");
	snprintf(t->app_name, sizeof(t->app_name), "Extension Kit");
	practice_derive_id(t, "client", t->client_id);
	practice_derive_id(t, "app-object", t->app_object_id);
	practice_derive_id(t, "sp-object", t->sp_object_id);
	practice_derive_id(t, "other-client", t->other_client_id);
	practice_derive_secret(t, "other-secret", t->other_secret);
	s = &t->secrets[t->nsecrets++];
	practice_derive_id(t, "secret-id-0", s->id);
	practice_derive_secret(t, "secret-0", s->value);
	snprintf(s->description, sizeof(s->description), "Extension Kit");
	gmtime_r(&when, &tm);
	strftime(s->expires, sizeof(s->expires), "%Y-%m-%d", &tm);
	s->shown = false; /* created just now: the trainee still sees the Value */
	add_perm(t, PR_API_GRAPH, PR_DELEGATED, "User.Read", true);
	add_perm(t, PR_API_EXCHANGE, PR_APPLICATION, "IMAP.AccessAsApp", true);
	add_perm(t, PR_API_EXCHANGE, PR_APPLICATION, "SMTP.SendAsApp", true);
	add_sp(t, t->sp_object_id, -2 * DAY);
	add_box(t, NOTIFY, 0);
	add_box(t, ALERTS, -1);
	add_grant(t, PR_FULLACCESS, NOTIFY, t->sp_object_id, -2 * DAY);
	/* New tenants have SMTP AUTH off for the organisation; the sending mailbox turns it on. */
	t->org_smtp_auth_disabled = t->prev_org_smtp_auth_disabled = 1;
	t->org_smtp_at = -365 * DAY;
}

/* ---- the mistakes in the tenant ---- */

static void fresh(struct practice *t)
{
	t->nsecrets = 0;
	t->nperms = 1; /* User.Read, there by default */
	t->nsps = 0;
	t->ngrants = 0;
	t->boxes[0].smtp_auth_disabled = t->boxes[0].prev_smtp_auth_disabled = -1;
}

static void secret_hidden(struct practice *t)
{
	t->secrets[0].shown = true;
}

static void secret_expired(struct practice *t)
{
	time_t when = time(NULL) - 86400;
	struct tm tm;

	gmtime_r(&when, &tm);
	strftime(t->secrets[0].expires, sizeof(t->secrets[0].expires), "%Y-%m-%d", &tm);
	t->secrets[0].shown = true;
}

static void remove_perm(struct practice *t, const char *name)
{
	for (int i = 0; i < t->nperms; i++)
		if (!strcmp(t->perms[i].name, name)) {
			memmove(&t->perms[i], &t->perms[i + 1],
				sizeof(t->perms[0]) * (size_t)(t->nperms - i - 1));
			t->nperms--;
			return;
		}
}

static void delegated(struct practice *t)
{
	for (int i = 0; i < t->nperms; i++)
		if (t->perms[i].api == PR_API_EXCHANGE)
			t->perms[i].type = PR_DELEGATED;
	/* Delegated Exchange permissions carry user names. */
	snprintf(t->perms[1].name, sizeof(t->perms[1].name), "IMAP.AccessAsUser.All");
	snprintf(t->perms[2].name, sizeof(t->perms[2].name), "SMTP.Send");
}

static void graph(struct practice *t)
{
	remove_perm(t, "IMAP.AccessAsApp");
	remove_perm(t, "SMTP.SendAsApp");
	add_perm(t, PR_API_GRAPH, PR_APPLICATION, "Mail.Send", true);
	add_perm(t, PR_API_GRAPH, PR_APPLICATION, "Mail.Read", true);
}

static void no_consent(struct practice *t)
{
	for (int i = 0; i < t->nperms; i++)
		if (t->perms[i].api == PR_API_EXCHANGE)
			t->perms[i].consented = false;
}

static void no_smtp_perm(struct practice *t)
{
	remove_perm(t, "SMTP.SendAsApp");
}

static void no_imap_perm(struct practice *t)
{
	remove_perm(t, "IMAP.AccessAsApp");
}

static void wrong_oid(struct practice *t)
{
	snprintf(t->sps[0].object_id, sizeof(t->sps[0].object_id), "%s", t->app_object_id);
	snprintf(t->grants[0].object_id, sizeof(t->grants[0].object_id), "%s", t->app_object_id);
}

static void no_sp(struct practice *t)
{
	t->nsps = 0;
	t->ngrants = 0;
}

static void no_fullaccess(struct practice *t)
{
	t->ngrants = 0;
}

static void smtp_off(struct practice *t)
{
	t->boxes[0].smtp_auth_disabled = t->boxes[0].prev_smtp_auth_disabled = -1;
}

static void propagation(struct practice *t)
{
	/* The admin granted FullAccess a few minutes ago and checks at once. */
	t->grants[0].at = -3 * 60;
}

/* ---- what the trainee typed ---- */

void practice_typed_profile(const struct practice *t, struct profile *p)
{
	const struct pr_secret *s = t->nsecrets ? &t->secrets[0] : NULL;

	profile_set_str(&p->tenant, t->tenant_id);
	profile_set_str(&p->client_id, t->client_id);
	profile_set_secret(p, s ? s->value : NULL);
	profile_set_str(&p->secret_expiry, s ? s->expires : NULL);
	p->mod_notifications = true;
	p->mod_delivery = true;
	profile_set_str(&p->smtp_server, "smtp.office365.com");
	p->smtp_port = 587;
	p->transport = TSEC_AUTO;
	profile_set_str(&p->username, NOTIFY);
	profile_set_str(&p->sender, NOTIFY);
	profile_clear_mailboxes(p);
	profile_add_mailbox(p, NOTIFY);
	profile_set_str(&p->app_name, t->app_name);
	/* The trainee believes every step was done: that is what makes a mistake hard to find. */
	for (int i = 0; i < CL_COUNT; i++)
		p->checklist[i] = i != CL_SENDAS;
	if (!strcmp(t->scenario, "secret-id"))
		profile_set_secret(p, s->id);
	else if (!strcmp(t->scenario, "secret-other-app"))
		profile_set_secret(p, t->other_secret);
	else if (!strcmp(t->scenario, "object-id"))
		profile_set_str(&p->client_id, t->app_object_id);
	else if (!strcmp(t->scenario, "tenant-typo")) {
		char typo[PR_ID];
		snprintf(typo, sizeof(typo), "%s", t->tenant_id);
		/* Two neighbouring characters swapped, as hands do. */
		char a = typo[10], b = typo[11];
		if (a != b) {
			typo[10] = b;
			typo[11] = a;
		} else {
			typo[11] = a == 'a' ? 'b' : 'a';
		}
		profile_set_str(&p->tenant, typo);
	} else if (!strcmp(t->scenario, "no-sendas")) {
		profile_set_str(&p->sender, ALERTS);
		p->checklist[CL_SENDAS] = true;
	} else if (!strcmp(t->scenario, "fresh"))
		profile_set_secret(p, NULL);
}

static const struct pr_scenario table[] = {
	{"clean", N_("everything is set up right: watch every check pass"), false, NULL},
	{"fresh", N_("a new app registration and nothing else: do every step yourself"), false, fresh},
	{"secret-id", N_("the Secret ID was pasted instead of the secret's Value"), true, secret_hidden},
	{"secret-expired", N_("the client secret has expired"), true, secret_expired},
	{"secret-other-app", N_("the secret belongs to another app registration"), true, secret_hidden},
	{"object-id", N_("the App Registration's Object ID was entered as the client ID"), true, NULL},
	{"tenant-typo", N_("a typo in the Directory (tenant) ID"), true, NULL},
	{"delegated", N_("the Exchange permissions were added as Delegated, not Application"), true,
	 delegated},
	{"graph", N_("the permissions were added under Microsoft Graph, not Office 365 Exchange Online"),
	 true, graph},
	{"no-consent", N_("admin consent was never granted"), true, no_consent},
	{"no-smtp-permission", N_("SMTP.SendAsApp is missing"), true, no_smtp_perm},
	{"no-imap-permission", N_("IMAP.AccessAsApp is missing"), true, no_imap_perm},
	{"wrong-object-id", N_("the service principal was registered with the App Registration's Object ID"),
	 true, wrong_oid},
	{"no-service-principal", N_("the service principal was never registered in Exchange"), true, no_sp},
	{"no-fullaccess", N_("Add-MailboxPermission (FullAccess) was skipped"), true, no_fullaccess},
	{"smtp-auth-disabled", N_("SMTP AUTH is off for the organisation and not turned on for the mailbox"),
	 true, smtp_off},
	{"no-sendas", N_("the sender differs from the username and has no SendAs (the send test shows it)"),
	 true, NULL},
	{"propagation", N_("everything is right, but Exchange is still applying the last change"), true,
	 propagation},
};

const struct pr_scenario *practice_scenarios(int *n)
{
	*n = (int)(sizeof(table) / sizeof(table[0]));
	return table;
}

const struct pr_scenario *practice_scenario(const char *name)
{
	for (size_t i = 0; name && i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].name, name))
			return &table[i];
	return NULL;
}

const char *practice_pick_random(void)
{
	unsigned char r[4];
	int n = 0, k;
	const struct pr_scenario *mistakes[sizeof(table) / sizeof(table[0])];

	/* Only mistakes a plain check reveals: SendAs shows only when a test message is sent. */
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].mistake && strcmp(table[i].name, "no-sendas") != 0)
			mistakes[n++] = &table[i];
	if (!crypto_random(r, sizeof(r)))
		memset(r, 0, sizeof(r));
	k = (int)(((unsigned)r[0] << 8 | r[1]) % (unsigned)n);
	return mistakes[k]->name;
}
