/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 6: the Extension Kit's Mail server fields, prefilled per cloud. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "steps.h"

static const char *const tsecs[] = {"Auto", "SSL", "TLS", "None"};

enum { F_SERVER, F_PORT, F_TSEC, F_USER, F_SENDER, F_DELIVERY };

static enum vres check_host(struct wizard *w, struct field *f, struct vmsg *m)
{
	return validate_host(f->buf, m);
}

static enum vres check_port(struct wizard *w, struct field *f, struct vmsg *m)
{
	return validate_port(f->buf, NULL, m);
}

static enum vres check_tsec(struct wizard *w, struct field *f, struct vmsg *m)
{
	m->res = f->choice == TSEC_NONE ? V_ERR : f->choice == TSEC_SSL ? V_WARN : V_OK;
	snprintf(m->text, sizeof(m->text), "%s",
		 f->choice == TSEC_NONE	 ? _("None would send the token in clear; choose Auto or TLS.")
		 : f->choice == TSEC_SSL ? _("SSL may mean implicit TLS, which port 587 does not speak.")
					 : "");
	return m->res;
}

static void enter(struct wizard *w, struct step_state *s)
{
	char port[16];
	const char *user = w->p->username ? w->p->username : w->p->mailboxes ? w->p->mailboxes[0] : NULL;

	if (s->loaded)
		return;
	s->n = 6;
	s->f[F_SERVER] = (struct field){.label = N_("SMTP server"), .kind = FK_TEXT, .check = check_host};
	s->f[F_PORT] = (struct field){.label = N_("SMTP server port"), .kind = FK_TEXT, .check = check_port};
	s->f[F_TSEC] = (struct field){.label = N_("Transport security"),
				      .kind = FK_CHOICE,
				      .choices = tsecs,
				      .nchoices = 4,
				      .choice = (int)w->p->transport,
				      .check = check_tsec};
	s->f[F_USER] = (struct field){.label = N_("Username"), .kind = FK_TEXT, .check = check_email};
	s->f[F_SENDER] =
		(struct field){.label = N_("Sender's e-mail address"), .kind = FK_TEXT, .check = check_email};
	s->f[F_DELIVERY] = (struct field){
		.label = N_("Delivery notifications"), .kind = FK_CHECK, .checked = w->p->mod_delivery};
	snprintf(port, sizeof(port), "%d", w->p->smtp_port);
	field_set(&s->f[F_SERVER], w->p->smtp_server ? w->p->smtp_server : cloud_get(w->p->cloud)->smtp_host);
	field_set(&s->f[F_PORT], port);
	field_set(&s->f[F_USER], user);
	field_set(&s->f[F_SENDER], w->p->sender ? w->p->sender : user);
	s->focus = F_USER;
	fields_validate(w, s);
}

static void draw(struct wizard *w, struct step_state *s, int y)
{
	y = steps_intro(
		w, _("These are the fields of M-Files Admin > Configurations > Other Applications > "
		     "Extension Kit > Email Notifications > Mail server, with Authentication type "
		     "Office365OAuth. Office 365 takes OAuth mail on port 587 with STARTTLS (Auto or TLS)."));
	draw_fields(w, s, y);
}

static bool leave(struct wizard *w, struct step_state *s, bool forward)
{
	if (!steps_fields_ok(w, s, forward))
		return false;
	if (s->f[F_SERVER].msg.res != V_ERR)
		steps_commit_str(&w->p->smtp_server, s->f[F_SERVER].buf);
	if (s->f[F_PORT].msg.res != V_ERR)
		w->p->smtp_port = atoi(s->f[F_PORT].buf);
	w->p->transport = (enum tsec)s->f[F_TSEC].choice;
	if (s->f[F_USER].msg.res != V_ERR)
		steps_commit_str(&w->p->username, s->f[F_USER].buf);
	if (s->f[F_SENDER].msg.res != V_ERR)
		steps_commit_str(&w->p->sender, s->f[F_SENDER].buf);
	if (w->p->mod_delivery != s->f[F_DELIVERY].checked)
		w->token_ran = false; /* the roles needed have changed */
	w->p->mod_delivery = s->f[F_DELIVERY].checked;
	w->st[STEP_START].f[2].checked = w->p->mod_delivery;
	if (w->p->username && !w->p->mailboxes)
		profile_add_mailbox(w->p, w->p->username);
	w->mail_ran = false;
	return true;
}

const struct step_ops step_mailserver = {.id = STEP_MAILSERVER, .enter = enter, .draw = draw, .leave = leave};
