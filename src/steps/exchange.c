/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 5: the Exchange Online PowerShell with real values, shown whole in a scrolling view,
 * written to a file or sent to the clipboard. The mailboxes, username and sender are asked here
 * so that the script is complete on a first run. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/atomic.h"
#include "core/i18n.h"
#include "core/powershell.h"
#include "core/store.h"
#include "steps.h"

enum { F_USER, F_SENDER, F_BOXES, F_RAN };

struct exchange {
	struct form fm;
	struct pane pane;
	char *handed;	   /* the script as last written or copied */
	bool show_refused; /* arrived by F6: scroll to the refused mailbox's line */
	bool ran_before;   /* the tick as loaded: the checklist changes only when it does */
};

static enum vres check_boxes(const struct form *fm, struct field *f, struct vmsg *m)
{
	char buf[512], *save = NULL, *tok;

	(void)fm;
	snprintf(buf, sizeof(buf), "%s", f->buf);
	m->res = V_OK;
	m->text[0] = '\0';
	if (!buf[0]) {
		m->res = V_ERR;
		snprintf(m->text, sizeof(m->text), "%s",
			 _("Enter the mailbox(es) the app uses, separated by commas."));
	}
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
		if (validate_email(tok, m) == V_ERR)
			return V_ERR;
	return m->res;
}

static void commit_boxes(struct session *s, const char *text)
{
	char buf[512], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", text);
	profile_clear_mailboxes(s->p);
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
		profile_add_mailbox(s->p, tok);
}

static void enter(struct session *s, void *priv)
{
	struct exchange *st = priv;
	struct form *fm = &st->fm;

	if (!fm->n) {
		char boxes[sizeof(fm->f[F_BOXES].buf)] = "";
		fm->n = 4;
		fm->f[F_USER] = (struct field){
			.label = N_("Mail server username"), .kind = FK_TEXT, .check = check_email};
		fm->f[F_SENDER] = (struct field){
			.label = N_("Sender's address"), .kind = FK_TEXT, .check = check_email};
		fm->f[F_BOXES] =
			(struct field){.label = N_("Mailboxes"), .kind = FK_TEXT, .check = check_boxes};
		fm->f[F_RAN] = (struct field){.label = N_("I ran it in Exchange"),
					      .kind = FK_CHECK,
					      .checked = s->p->checklist[CL_SP_REGISTERED] &&
							 s->p->checklist[CL_MAILBOX_PERMISSION]};
		bool fits = true;
		int nboxes = 0;
		for (int i = 0; s->p->mailboxes && s->p->mailboxes[i]; i++, nboxes++) {
			size_t used = strlen(boxes);
			if ((size_t)snprintf(boxes + used, sizeof(boxes) - used, "%s%s", i ? ", " : "",
					     s->p->mailboxes[i]) >= sizeof(boxes) - used)
				fits = false;
		}
		field_set(&fm->f[F_USER], s->p->username);
		field_set(&fm->f[F_SENDER], s->p->sender ? s->p->sender : s->p->username);
		/* A list longer than the field (made with --batch) is never cut: it is kept as saved. */
		field_set(&fm->f[F_BOXES], !fits ? "" : boxes[0] ? boxes : s->p->username);
		fm->f[F_BOXES].hidden = !fits;
		if (!fits)
			snprintf(fm->note, sizeof(fm->note),
				 _("The profile's %d mailboxes are more than this screen can edit: they are "
				   "kept "
				   "as saved (change them with --batch)."),
				 nboxes);
		st->ran_before = fm->f[F_RAN].checked;
		fm->focus = s->p->username ? F_RAN : F_USER;
		if (s->p->username)
			fields_validate(fm);
	}
	if (s->fixing) {
		st->show_refused = s->fail_what[0] != '\0';
		if (fm->f[F_BOXES].hidden)
			s->fixing = false;
		else
			steps_focus_failure(s, fm, F_BOXES);
	}
}

/* Valid values go into the profile as they are typed, so the script follows them. */
static void sync(struct session *s, struct exchange *st)
{
	struct form *fm = &st->fm;
	bool had_user = s->p->username != NULL;

	if (fm->f[F_USER].msg.res != V_ERR && fm->f[F_USER].buf[0])
		steps_commit_str(s, &s->p->username, fm->f[F_USER].buf);
	if (fm->f[F_SENDER].msg.res != V_ERR && fm->f[F_SENDER].buf[0])
		steps_commit_str(s, &s->p->sender, fm->f[F_SENDER].buf);
	if (fm->f[F_BOXES].msg.res != V_ERR && fm->f[F_BOXES].buf[0])
		commit_boxes(s, fm->f[F_BOXES].buf);
	else if (!had_user && s->p->username && !s->p->mailboxes)
		profile_add_mailbox(s->p, s->p->username);
	if (fm->f[F_RAN].checked == st->ran_before)
		return;
	s->p->checklist[CL_SP_REGISTERED] = fm->f[F_RAN].checked;
	s->p->checklist[CL_MAILBOX_PERMISSION] = fm->f[F_RAN].checked;
	s->p->checklist[CL_SENDAS] = fm->f[F_RAN].checked && profile_sender_differs(s->p);
	s->p->checklist[CL_SMTP_AUTH_ENABLED] = fm->f[F_RAN].checked;
}

static void draw(struct session *s, void *priv, int y)
{
	struct exchange *st = priv;
	struct form *fm = &st->fm;
	char *script = powershell_script(s->p, time(NULL));
	int bottom = ui_bottom(s->ui);

	y = steps_intro(
		s, _("Run this as an Exchange administrator. F3 writes it to a .ps1 file, F4 sends it to "
		     "the clipboard; PgDn, PgUp, Left and Right scroll it."));
	y = draw_fields(s->ui, fm, y - 1);
	if (!s->p->sp_object_id)
		y = draw_text(
			s->ui, y, 2, s->ui->cols - 4,
			_("The Enterprise Application Object ID is not known yet: the token check (step 4) "
			  "reads it."),
			ui_attr(s->ui, ROLE_WARN));
	else if (st->handed && script && strcmp(st->handed, script))
		y = draw_text(s->ui, y, 2, s->ui->cols - 4,
			      _("The PowerShell changed with your edits: write or copy it again."),
			      ui_attr(s->ui, ROLE_WARN));
	{
		int top = st->pane.top, left = st->pane.left;
		pane_clear(&st->pane);
		st->pane.nowrap = true;
		st->pane.top = top;
		st->pane.left = left;
	}
	if (script) {
		for (char *line = script, *nl; *line; line = nl ? nl + 1 : line + strlen(line)) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			pane_add(&st->pane, line[0] == '#' ? ROLE_DIM : ROLE_KEY, 0, line);
			if (!nl)
				break;
		}
	}
	free(script);
	if (st->show_refused) {
		/* The line to run for the first refused mailbox, at the top of the view. */
		char want[400];
		snprintf(want, sizeof(want), "Add-MailboxPermission -Identity '%.*s'",
			 (int)strcspn(s->fail_what, ","), s->fail_what);
		for (int i = 0; i < st->pane.n; i++)
			if (strstr(st->pane.l[i].text, want)) {
				st->pane.top = i > 0 ? i - 1 : 0;
				break;
			}
		st->show_refused = false;
	}
	pane_draw(s->ui, &st->pane, y, bottom);
}

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct exchange *st = priv;
	struct form *fm = &st->fm;
	char *script;

	if (a == ACT_PAGE_DOWN || a == ACT_PAGE_UP ||
	    ((a == ACT_LEFT || a == ACT_RIGHT) && !field_is_text(&fm->f[fm->focus])))
		return pane_scroll(&st->pane, a) || true;
	if (a != ACT_WRITE && a != ACT_COPY) {
		char user[512];
		bool used;
		snprintf(user, sizeof(user), "%s", fm->f[F_USER].buf);
		used = fields_handle(s->ui, fm, a, key);
		/* Sender and mailboxes follow the username until they are typed apart. */
		if (fm->focus == F_USER && strcmp(user, fm->f[F_USER].buf)) {
			if (!fm->f[F_SENDER].buf[0] || !strcmp(fm->f[F_SENDER].buf, user))
				field_set(&fm->f[F_SENDER], fm->f[F_USER].buf);
			if (!fm->f[F_BOXES].buf[0] || !strcmp(fm->f[F_BOXES].buf, user))
				field_set(&fm->f[F_BOXES], fm->f[F_USER].buf);
			field_check(fm, &fm->f[F_SENDER]);
			field_check(fm, &fm->f[F_BOXES]);
		}
		sync(s, st);
		return used;
	}
	fields_validate(fm);
	sync(s, st);
	if (!(script = powershell_script(s->p, time(NULL))))
		return true;
	if (a == ACT_COPY) {
		steps_copy(s, _("The PowerShell"), script,
			   _("If pasting gives nothing, F3 writes it to a file."));
	} else {
		char dir[4096], path[4400];
		struct o365_err e;
		if (store_dir(dir, sizeof(dir), &e) != O365_OK || store_ensure_dir(dir, &e) != O365_OK) {
			status_set(s->ui, true, "%s", e.msg);
			free(script);
			return true;
		}
		snprintf(path, sizeof(path), "%s/%s-exchange.ps1", dir, s->profile_name);
		/* a fresh file renamed into place: a symbolic link planted there is not followed */
		if (store_check_dir_of(path, &e) == O365_OK &&
		    atomic_replace(path, script, strlen(script), 0600, 0, &e) == O365_OK)
			status_set(s->ui, false, _("Written to %s"), path);
		else
			status_set(s->ui, true, "%s", e.msg);
	}
	free(st->handed);
	st->handed = script;
	return true;
}

static unsigned long long keys(struct session *s, void *priv)
{
	(void)s;
	(void)priv;
	return ACT_BIT(ACT_WRITE) | ACT_BIT(ACT_COPY) | ACT_BIT(ACT_PAGE_DOWN) | ACT_BIT(ACT_PAGE_UP);
}

static bool leave(struct session *s, void *priv, bool forward)
{
	struct exchange *st = priv;

	if (!steps_fields_ok(s, &st->fm, forward))
		return false;
	sync(s, st);
	s->stale[STEP_MAILSERVER] = true; /* it shows username and sender too */
	return true;
}

static void cleanse(void *priv)
{
	struct exchange *st = priv;

	pane_clear(&st->pane);
	free(st->handed);
	st->handed = NULL;
}

const struct step_ops step_exchange = {.id = STEP_EXCHANGE,
				       .private_size = sizeof(struct exchange),
				       .enter = enter,
				       .draw = draw,
				       .handle = handle,
				       .leave = leave,
				       .keys = keys,
				       .cleanse = cleanse};
