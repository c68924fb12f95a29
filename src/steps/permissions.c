/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 3: the API permissions checklist. */
#include "config.h"

#include "core/i18n.h"
#include "steps.h"

enum { F_SMTP, F_IMAP, F_CONSENT };

static void enter(struct wizard *w, struct step_state *s)
{
	if (!s->loaded) {
		s->n = 3;
		s->f[F_SMTP] = (struct field){.label = N_("SMTP.SendAsApp added"),
					      .kind = FK_CHECK,
					      .checked = w->p->checklist[CL_PERM_SMTP]};
		s->f[F_IMAP] = (struct field){.label = N_("IMAP.AccessAsApp added"),
					      .kind = FK_CHECK,
					      .checked = w->p->checklist[CL_PERM_IMAP]};
		s->f[F_CONSENT] = (struct field){.label = N_("Admin consent granted"),
						 .kind = FK_CHECK,
						 .checked = w->p->checklist[CL_ADMIN_CONSENT]};
	}
	s->f[F_IMAP].hidden = !w->p->mod_delivery;
	if (s->f[s->focus].hidden)
		s->focus = F_SMTP;
}

static void draw(struct wizard *w, struct step_state *s, int y)
{
	y = steps_intro(
		w,
		w->p->mod_delivery
			? _("API permissions > Add a permission > APIs my organization uses > Office 365 "
			    "Exchange Online > Application permissions (not Delegated). Tick SMTP.SendAsApp "
			    "and IMAP.AccessAsApp (delivery notifications read mail over IMAP), Add. Not the "
			    "Microsoft Graph ones; Graph's User.Read may stay. Then Grant admin consent.")
			: _("API permissions > Add a permission > APIs my organization uses > Office 365 "
			    "Exchange Online > Application permissions (not Delegated). Tick "
			    "SMTP.SendAsApp, Add. Not the Microsoft Graph one; Graph's User.Read may stay. "
			    "Then Grant admin consent for your organisation."));
	y = checklist_draw(w, s, y);
	draw_text(w, y + 1, 2, w->cols - 4,
		  _("Up and Down choose, Space ticks. Step 4 checks all of this in the token itself."),
		  ui_attr(w, ROLE_DIM));
}

static bool leave(struct wizard *w, struct step_state *s, bool forward)
{
	bool all = s->f[F_SMTP].checked && s->f[F_CONSENT].checked &&
		   (s->f[F_IMAP].hidden || s->f[F_IMAP].checked);

	w->p->checklist[CL_PERM_SMTP] = s->f[F_SMTP].checked;
	w->p->checklist[CL_PERM_IMAP] = s->f[F_IMAP].checked;
	w->p->checklist[CL_ADMIN_CONSENT] = s->f[F_CONSENT].checked;
	if (forward && !all &&
	    ui_ask(w, _("Not everything is ticked; the token check will show what is missing. "
			"Continue? (y/n)")) != 'y') {
		status_set(w, false, "%s", "");
		return false;
	}
	if (forward)
		w->token_ran = false; /* permissions may have changed: fetch a new token */
	return true;
}

const struct step_ops step_permissions = {
	.id = STEP_PERMISSIONS, .enter = enter, .draw = draw, .leave = leave};
