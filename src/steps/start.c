/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 0: cloud, modules, and who is needed. */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "steps.h"

static const char *clouds[CLOUD_COUNT]; /* labels from the one cloud table */

enum { F_CLOUD, F_NOTIF, F_DELIVERY, F_REPORTING };

static enum vres check_cloud(struct wizard *w, struct field *f, struct vmsg *m)
{
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

static void enter(struct wizard *w, struct step_state *s)
{
	if (s->loaded)
		return;
	s->n = 4;
	for (int i = 0; i < CLOUD_COUNT; i++)
		clouds[i] = cloud_get((enum cloud)i)->label;
	s->f[F_CLOUD] = (struct field){.label = N_("Cloud"),
				       .kind = FK_CHOICE,
				       .choices = clouds,
				       .nchoices = CLOUD_COUNT,
				       .choice = (int)w->p->cloud,
				       .check = check_cloud};
	s->f[F_NOTIF] = (struct field){
		.label = N_("Email Notifications"), .kind = FK_CHECK, .checked = w->p->mod_notifications};
	s->f[F_DELIVERY] = (struct field){
		.label = N_("  delivery notifications"), .kind = FK_CHECK, .checked = w->p->mod_delivery};
	s->f[F_REPORTING] =
		(struct field){.label = N_("Reporting"), .kind = FK_CHECK, .checked = w->p->mod_reporting};
	check_cloud(w, &s->f[F_CLOUD], &s->f[F_CLOUD].msg);
}

static void draw(struct wizard *w, struct step_state *s, int y)
{
	y = steps_intro(
		w, _("This wizard sets up the Extension Kit's Mail server with Authentication type "
		     "Office365OAuth, proves each step works, then saves it. You will need an Entra ID "
		     "administrator who can grant admin consent (Global Administrator or Privileged Role "
		     "Administrator) and, for step 5, Exchange Online PowerShell with an Exchange "
		     "administrator role. Choose the cloud and the modules that send mail; delivery "
		     "notifications also need IMAP."));
	draw_fields(w, s, y);
}

static bool leave(struct wizard *w, struct step_state *s, bool forward)
{
	enum cloud old = w->p->cloud;

	if (forward && !s->f[F_NOTIF].checked && !s->f[F_REPORTING].checked) {
		status_set(w, true, "%s",
			   _("Tick Email Notifications or Reporting: one of them sends the mail."));
		return false;
	}
	w->p->cloud = (enum cloud)s->f[F_CLOUD].choice;
	w->p->mod_notifications = s->f[F_NOTIF].checked;
	w->p->mod_delivery = s->f[F_DELIVERY].checked;
	w->p->mod_reporting = s->f[F_REPORTING].checked;
	/* The SMTP host follows the cloud unless the admin typed another one. */
	if (old != w->p->cloud && w->p->smtp_server && !strcmp(w->p->smtp_server, cloud_get(old)->smtp_host))
		profile_set_str(&w->p->smtp_server, cloud_get(w->p->cloud)->smtp_host);
	w->st[STEP_MAILSERVER].loaded = false;
	w->st[STEP_PERMISSIONS].loaded = false;
	return true;
}

const struct step_ops step_start = {.id = STEP_START, .enter = enter, .draw = draw, .leave = leave};
