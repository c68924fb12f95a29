/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 0: cloud, modules, and who is needed. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "steps.h"

static const char *clouds[CLOUD_COUNT]; /* labels from the one cloud table */

enum { F_CLOUD, F_NOTIF, F_DELIVERY, F_REPORTING };

struct start {
	struct form fm;
};

static enum vres check_cloud(const struct form *fm, struct field *f, struct vmsg *m)
{
	(void)fm;
	m->res = V_OK;
	m->text[0] = '\0';
	if (!cloud_get((enum cloud)f->choice)->confirmed) {
		m->res = V_WARN;
		snprintf(m->text, sizeof(m->text), "%s",
			 _("Scope and hosts for this cloud come from third-party sources; the checks will "
			   "tell."));
	}
	return m->res;
}

static void enter(struct session *s, void *priv)
{
	struct form *fm = &((struct start *)priv)->fm;

	if (!fm->n) {
		fm->n = 4;
		for (int i = 0; i < CLOUD_COUNT; i++)
			clouds[i] = cloud_get((enum cloud)i)->label;
		fm->f[F_CLOUD] = (struct field){.label = N_("Cloud"),
						.kind = FK_CHOICE,
						.choices = clouds,
						.nchoices = CLOUD_COUNT,
						.choice = (int)s->p->cloud,
						.check = check_cloud};
		fm->f[F_NOTIF] = (struct field){.label = N_("Email Notifications"),
						.kind = FK_CHECK,
						.checked = s->p->mod_notifications};
		fm->f[F_DELIVERY] = (struct field){.label = N_("  delivery notifications"), .kind = FK_CHECK};
		fm->f[F_REPORTING] = (struct field){
			.label = N_("Reporting"), .kind = FK_CHECK, .checked = s->p->mod_reporting};
		field_check(fm, &fm->f[F_CLOUD]);
	}
	/* Step 6 may have changed it since. */
	fm->f[F_DELIVERY].checked = s->p->mod_delivery;
}

static void draw(struct session *s, void *priv, int y)
{
	y = steps_intro(
		s, _("This wizard sets up the Extension Kit's Mail server with Authentication type "
		     "Office365OAuth, proves each step works, then saves it. You will need an Entra ID "
		     "administrator who can grant admin consent (Global Administrator or Privileged Role "
		     "Administrator) and, for step 5, Exchange Online PowerShell with an Exchange "
		     "administrator role. Choose the cloud and the modules that send mail; delivery "
		     "notifications also need IMAP."));
	draw_fields(s->ui, priv, y);
}

static bool leave(struct session *s, void *priv, bool forward)
{
	struct form *fm = priv;
	enum cloud old = s->p->cloud;

	if (forward && !fm->f[F_NOTIF].checked && !fm->f[F_REPORTING].checked) {
		fm->focus = F_NOTIF;
		status_set(s->ui, true, "%s",
			   _("Tick Email Notifications or Reporting: one of them sends the mail."));
		return false;
	}
	s->p->cloud = (enum cloud)fm->f[F_CLOUD].choice;
	s->p->mod_notifications = fm->f[F_NOTIF].checked;
	s->p->mod_delivery = fm->f[F_DELIVERY].checked;
	s->p->mod_reporting = fm->f[F_REPORTING].checked;
	/* The SMTP host follows the cloud unless the admin typed another one. */
	if (old != s->p->cloud) {
		if (s->p->smtp_server && !strcmp(s->p->smtp_server, cloud_get(old)->smtp_host))
			profile_set_str(&s->p->smtp_server, cloud_get(s->p->cloud)->smtp_host);
		s->stale[STEP_MAILSERVER] = true;
	}
	return true;
}

const struct step_ops step_start = {
	.id = STEP_START, .private_size = sizeof(struct start), .enter = enter, .draw = draw, .leave = leave};
