/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 5: the Exchange Online PowerShell with real values, written to a file or copied. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/i18n.h"
#include "core/powershell.h"
#include "core/store.h"
#include "steps.h"

enum { F_BOXES, F_SP, F_PERM, F_SENDAS, F_SMTPAUTH };

static enum vres check_boxes(struct wizard *w, struct field *f, struct vmsg *m)
{
	char buf[512], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", f->buf);
	m->res = V_OK;
	m->text[0] = '\0';
	if (!buf[0]) {
		m->res = V_ERR;
		snprintf(m->text, sizeof(m->text), "%s",
			 _("Enter the mailbox(es) the app sends from, separated by commas."));
	}
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
		if (validate_email(tok, m) == V_ERR)
			return V_ERR;
	return m->res;
}

static void commit_boxes(struct wizard *w, const char *text)
{
	char buf[512], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", text);
	profile_clear_mailboxes(w->p);
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
		profile_add_mailbox(w->p, tok);
}

static void enter(struct wizard *w, struct step_state *s)
{
	if (!s->loaded) {
		char boxes[512] = "";
		s->n = 5;
		s->f[F_BOXES] =
			(struct field){.label = N_("Mailboxes"), .kind = FK_TEXT, .check = check_boxes};
		s->f[F_SP] = (struct field){.label = N_("Ran New-ServicePrincipal"),
					    .kind = FK_CHECK,
					    .checked = w->p->checklist[CL_SP_REGISTERED]};
		s->f[F_PERM] = (struct field){.label = N_("Ran Add-MailboxPermission"),
					      .kind = FK_CHECK,
					      .checked = w->p->checklist[CL_MAILBOX_PERMISSION]};
		s->f[F_SENDAS] = (struct field){.label = N_("Ran Add-RecipientPermission"),
						.kind = FK_CHECK,
						.checked = w->p->checklist[CL_SENDAS]};
		s->f[F_SMTPAUTH] = (struct field){.label = N_("Ran Set-CASMailbox"),
						  .kind = FK_CHECK,
						  .checked = w->p->checklist[CL_SMTP_AUTH_ENABLED]};
		for (int i = 0; w->p->mailboxes && w->p->mailboxes[i]; i++)
			snprintf(boxes + strlen(boxes), sizeof(boxes) - strlen(boxes), "%s%s", i ? ", " : "",
				 w->p->mailboxes[i]);
		field_set(&s->f[F_BOXES], boxes[0] ? boxes : w->p->username);
	}
	s->f[F_SENDAS].hidden = !profile_sender_differs(w->p);
}

static void draw(struct wizard *w, struct step_state *s, int y)
{
	char line[700];

	y = steps_intro(
		w, _("Register the app in Exchange and let it open the mailboxes: F3 writes the PowerShell "
		     "with your values to a .ps1 file, F4 copies it. Run it as an Exchange administrator."));
	draw_fields(w, s, y);
	y += 7;
	if (w->p->sp_object_id)
		snprintf(line, sizeof(line),
			 _("-ObjectId %s is the Enterprise Application's Object ID, read from the token. The "
			   "Object ID "
			   "on the App registrations page is a different one: using it makes every login "
			   "fail."),
			 w->p->sp_object_id);
	else
		snprintf(line, sizeof(line), "%s",
			 _("The Enterprise Application Object ID is not known yet: the token check (step 4) "
			   "reads it."));
	y = draw_text(w, y, 2, w->cols - 4, line, ui_attr(w, ROLE_WARN));
	snprintf(line, sizeof(line), "New-ServicePrincipal -AppId %s -ObjectId %s",
		 w->p->client_id ? w->p->client_id : "?", w->p->sp_object_id ? w->p->sp_object_id : "?");
	y = draw_text(w, y + 1, 4, w->cols - 6, line, ui_attr(w, ROLE_KEY));
	if (s->note[0])
		draw_text(w, y, 2, w->cols - 4, s->note, ui_attr(w, ROLE_OK));
}

static void sync(struct wizard *w, struct step_state *s)
{
	if (s->f[F_BOXES].msg.res != V_ERR)
		commit_boxes(w, s->f[F_BOXES].buf);
	w->p->checklist[CL_SP_REGISTERED] = s->f[F_SP].checked;
	w->p->checklist[CL_MAILBOX_PERMISSION] = s->f[F_PERM].checked;
	w->p->checklist[CL_SENDAS] = s->f[F_SENDAS].checked;
	w->p->checklist[CL_SMTP_AUTH_ENABLED] = s->f[F_SMTPAUTH].checked;
}

static bool handle(struct wizard *w, struct step_state *s, enum action a, int key)
{
	char *script;

	if (a != ACT_WRITE && a != ACT_COPY)
		return fields_handle(w, s, a, key);
	fields_validate(w, s);
	sync(w, s);
	if (!(script = powershell_script(w->p, time(NULL))))
		return true;
	if (a == ACT_COPY) {
		ui_osc52_copy(script);
		snprintf(s->note, sizeof(s->note), "%s", _("Copied to the clipboard (OSC 52)."));
	} else {
		char dir[4096], path[4400];
		struct o365_err e;
		FILE *f;
		if (store_dir(dir, sizeof(dir), &e) != O365_OK || store_ensure_dir(dir, &e) != O365_OK) {
			status_set(w, true, "%s", e.msg);
			free(script);
			return true;
		}
		snprintf(path, sizeof(path), "%s/%s-exchange.ps1", dir, w->profile_name);
		if ((f = fopen(path, "w"))) {
			fputs(script, f);
			fclose(f);
			snprintf(s->note, sizeof(s->note), _("Written to %s"), path);
		} else {
			snprintf(s->note, sizeof(s->note), _("Cannot write %s: %s"), path, strerror(errno));
		}
	}
	free(script);
	return true;
}

static bool leave(struct wizard *w, struct step_state *s, bool forward)
{
	if (!steps_fields_ok(w, s, forward))
		return false;
	sync(w, s);
	w->st[STEP_MAILSERVER].loaded = w->st[STEP_MAILSERVER].loaded && w->p->username;
	return true;
}

const struct step_ops step_exchange = {
	.id = STEP_EXCHANGE, .enter = enter, .draw = draw, .handle = handle, .leave = leave};
