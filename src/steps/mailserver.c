/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 6: the Extension Kit's Mail server fields, prefilled per cloud. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/xalloc.h"
#include "steps.h"

static const char *const tsecs[] = {"Auto", "SSL", "TLS", "None"};

enum { F_SERVER, F_PORT, F_TSEC, F_USER, F_SENDER, F_DELIVERY };

struct mailserver {
	struct form fm;
};

static enum vres check_host(const struct form *fm, struct field *f, struct vmsg *m)
{
	(void)fm;
	return validate_host(f->buf, m);
}

static enum vres check_port(const struct form *fm, struct field *f, struct vmsg *m)
{
	(void)fm;
	return validate_port(f->buf, NULL, m);
}

static enum vres check_tsec(const struct form *fm, struct field *f, struct vmsg *m)
{
	(void)fm;
	m->res = f->choice == TSEC_NONE ? V_ERR : f->choice == TSEC_SSL ? V_WARN : V_OK;
	snprintf(m->text, sizeof(m->text), "%s",
		 f->choice == TSEC_NONE	 ? _("None would send the token in clear; choose Auto or TLS.")
		 : f->choice == TSEC_SSL ? _("SSL may mean implicit TLS, which port 587 does not speak.")
					 : "");
	return m->res;
}

static void enter(struct session *s, void *priv)
{
	struct form *fm = priv;
	char port[16];
	const char *user = s->p->username ? s->p->username : s->p->mailboxes ? s->p->mailboxes[0] : NULL;

	if (!fm->n) {
		fm->n = 6;
		fm->f[F_SERVER] =
			(struct field){.label = N_("SMTP server"), .kind = FK_TEXT, .check = check_host};
		fm->f[F_PORT] = (struct field){
			.label = N_("SMTP server port"), .kind = FK_TEXT, .check = check_port, .max = 5};
		fm->f[F_TSEC] = (struct field){.label = N_("Transport security"),
					       .kind = FK_CHOICE,
					       .choices = tsecs,
					       .nchoices = 4,
					       .choice = (int)s->p->transport,
					       .check = check_tsec};
		fm->f[F_USER] =
			(struct field){.label = N_("Username"), .kind = FK_TEXT, .check = check_email};
		fm->f[F_SENDER] = (struct field){
			.label = N_("Sender's e-mail address"), .kind = FK_TEXT, .check = check_email};
		fm->f[F_DELIVERY] = (struct field){.label = N_("Delivery notifications"),
						   .kind = FK_CHECK,
						   .checked = s->p->mod_delivery};
		snprintf(port, sizeof(port), "%d", s->p->smtp_port);
		field_set(&fm->f[F_SERVER],
			  s->p->smtp_server ? s->p->smtp_server : cloud_get(s->p->cloud)->smtp_host);
		field_set(&fm->f[F_PORT], port);
		field_set(&fm->f[F_USER], user);
		field_set(&fm->f[F_SENDER], s->p->sender ? s->p->sender : user);
		fm->focus = F_USER;
		fields_validate(fm);
	}
	if (s->fixing)
		steps_focus_failure(s, fm, F_USER);
}

static void draw(struct session *s, void *priv, int y)
{
	y = steps_intro(
		s, _("These are the fields of M-Files Admin > Configurations > Other Applications > "
		     "Extension Kit > Email Notifications > Mail server, with Authentication type "
		     "Office365OAuth. Office 365 takes OAuth mail on port 587 with STARTTLS (Auto or TLS)."));
	draw_fields(s->ui, priv, y);
}

static bool leave(struct session *s, void *priv, bool forward)
{
	struct form *fm = priv;
	char *old_user = s->p->username ? xstrdup(s->p->username) : NULL;

	if (!steps_fields_ok(s, fm, forward)) {
		free(old_user);
		return false;
	}
	if (fm->f[F_SERVER].msg.res != V_ERR)
		steps_commit_str(s, &s->p->smtp_server, fm->f[F_SERVER].buf);
	if (fm->f[F_PORT].msg.res != V_ERR)
		s->p->smtp_port = atoi(fm->f[F_PORT].buf);
	s->p->transport = (enum tsec)fm->f[F_TSEC].choice;
	if (fm->f[F_USER].msg.res != V_ERR)
		steps_commit_str(s, &s->p->username, fm->f[F_USER].buf);
	if (fm->f[F_SENDER].msg.res != V_ERR)
		steps_commit_str(s, &s->p->sender, fm->f[F_SENDER].buf);
	if (s->p->mod_delivery != fm->f[F_DELIVERY].checked)
		s->token_ran = false; /* the roles needed have changed */
	s->p->mod_delivery = fm->f[F_DELIVERY].checked;
	if (s->p->username && !s->p->mailboxes)
		profile_add_mailbox(s->p, s->p->username);
	if ((old_user == NULL) != (s->p->username == NULL) ||
	    (old_user && s->p->username && strcmp(old_user, s->p->username)))
		s->stale[STEP_EXCHANGE] = true;
	free(old_user);
	s->stale[STEP_PERMISSIONS] = false;
	s->mail_ran = false;
	return true;
}

const struct step_ops step_mailserver = {.id = STEP_MAILSERVER,
					 .private_size = sizeof(struct mailserver),
					 .enter = enter,
					 .draw = draw,
					 .leave = leave};
