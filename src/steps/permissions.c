/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 3: the API permissions checklist, with the portal pages it needs. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "steps.h"

enum { F_SMTP, F_IMAP, F_CONSENT };

struct permissions {
	struct form fm;
	struct ui_menu menu;
};

static void enter(struct session *s, void *priv)
{
	struct form *fm = priv;

	if (!fm->n) {
		fm->n = 3;
		fm->f[F_SMTP] = (struct field){.label = N_("SMTP.SendAsApp added"),
					       .kind = FK_CHECK,
					       .checked = s->p->checklist[CL_PERM_SMTP]};
		fm->f[F_IMAP] = (struct field){.label = N_("IMAP.AccessAsApp added"),
					       .kind = FK_CHECK,
					       .checked = s->p->checklist[CL_PERM_IMAP]};
		fm->f[F_CONSENT] = (struct field){.label = N_("Admin consent granted"),
						  .kind = FK_CHECK,
						  .checked = s->p->checklist[CL_ADMIN_CONSENT]};
	}
	fm->f[F_IMAP].hidden = !s->p->mod_delivery;
	if (fm->f[fm->focus].hidden)
		fm->focus = F_SMTP;
	if (s->fixing)
		steps_focus_failure(s, fm, strstr(s->fail_why, "onsent") ? F_CONSENT : F_SMTP);
}

/* The page F4 copies: consent when that line is chosen, else the app's API permissions. */
static void link(struct session *s, const struct form *fm, char *out, size_t n)
{
	const char *client = s->p->client_id ? s->p->client_id : "";

	if (fm->focus == F_CONSENT)
		snprintf(out, n, "%s/%s/adminconsent?client_id=%s", profile_authority(s->p),
			 s->p->tenant ? s->p->tenant : "organizations", client);
	else
		snprintf(out, n,
			 "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/"
			 "ApplicationMenuBlade/~/CallAnAPI/appId/%s",
			 client);
}

static void draw(struct session *s, void *priv, int y)
{
	struct permissions *st = priv;
	struct form *fm = &st->fm;
	char url[600];

	y = steps_intro(
		s,
		s->p->mod_delivery
			? _("API permissions > Add a permission > APIs my organization uses > Office 365 "
			    "Exchange Online > Application permissions (not Delegated). Tick SMTP.SendAsApp "
			    "and IMAP.AccessAsApp (delivery notifications read mail over IMAP), Add. Not the "
			    "Microsoft Graph ones; Graph's User.Read may stay. Then Grant admin consent.")
			: _("API permissions > Add a permission > APIs my organization uses > Office 365 "
			    "Exchange Online > Application permissions (not Delegated). Tick "
			    "SMTP.SendAsApp, Add. Not the Microsoft Graph one; Graph's User.Read may stay. "
			    "Then Grant admin consent for your organisation."));
	y = menu_checklist(s->ui, &st->menu, fm, y);
	link(s, fm, url, sizeof(url));
	y = steps_link(s, y + 1,
		       fm->focus == F_CONSENT ? _("Admin consent page (F4 copies the whole address):")
					      : _("The app's API permissions (F4 copies the whole address):"),
		       url);
	draw_text(s->ui, y + 1, 2, s->ui->cols - 4,
		  _("Up and Down choose, Space ticks. Step 4 checks all of this in the token itself."),
		  ui_attr(s->ui, ROLE_DIM));
}

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct form *fm = priv;
	char url[600];

	if (a == ACT_COPY) {
		link(s, fm, url, sizeof(url));
		steps_copy(s,
			   fm->focus == F_CONSENT ? _("The admin consent address")
						  : _("The API permissions address"),
			   url,
			   _("If pasting gives nothing, select the address on the screen with the mouse."));
		return true;
	}
	return fields_handle(s->ui, fm, a, key);
}

static unsigned long long keys(struct session *s, void *priv)
{
	(void)s;
	(void)priv;
	return ACT_BIT(ACT_COPY);
}

static bool leave(struct session *s, void *priv, bool forward)
{
	struct form *fm = priv;
	bool all = fm->f[F_SMTP].checked && fm->f[F_CONSENT].checked &&
		   (fm->f[F_IMAP].hidden || fm->f[F_IMAP].checked);

	s->p->checklist[CL_PERM_SMTP] = fm->f[F_SMTP].checked;
	s->p->checklist[CL_PERM_IMAP] = fm->f[F_IMAP].checked;
	s->p->checklist[CL_ADMIN_CONSENT] = fm->f[F_CONSENT].checked;
	if (forward && !all &&
	    ui_ask(s->ui, _("Not everything is ticked; the token check will show what is missing. Continue?"),
		   'y') != 'y')
		return false;
	if (forward)
		s->token_ran = false; /* permissions may have changed: fetch a new token */
	return true;
}

static void cleanse(void *priv)
{
	ui_menu_free(&((struct permissions *)priv)->menu);
}

const struct step_ops step_permissions = {.id = STEP_PERMISSIONS,
					  .private_size = sizeof(struct permissions),
					  .enter = enter,
					  .draw = draw,
					  .handle = handle,
					  .leave = leave,
					  .keys = keys,
					  .cleanse = cleanse};
