/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 7: IMAP and SMTP logins for every mailbox, with the propagation wait on offer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "core/xalloc.h"
#include "steps.h"

struct mailbox {
	struct form fm;
	struct report last;
	struct pane pane;
};

static void enter(struct session *s, void *priv)
{
	(void)priv;
	if (!s->mail_ran && !s->job.running)
		steps_check(s, JOB_FULL, false, NULL);
}

/* "1 of 20 mailboxes refused: box13@..." first, then the failures, then each mailbox. */
static void fill(struct session *s, struct mailbox *st)
{
	const char *boxes[256];
	bool bad[256];
	int n = 0, nbad = 0;
	char line[800], list[400] = "";
	struct report view = {0};

	pane_clear(&st->pane);
	for (int i = 0; i < st->last.n; i++) {
		const struct report_line *l = &st->last.lines[i];
		const char *box = l->subject;
		int k;
		if ((l->kind != RK_IMAP && l->kind != RK_SMTP) || !box)
			continue;
		for (k = 0; k < n && strcasecmp(boxes[k], box); k++)
			;
		if (k == n && n < 256) {
			boxes[n] = box;
			bad[n++] = false;
		}
		if (k < n && l->st == RS_FAIL && !bad[k]) {
			bad[k] = true;
			nbad++;
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 nbad > 1 ? ", " : "", box);
		}
	}
	if (n) {
		if (nbad)
			snprintf(line, sizeof(line), _("%d of %d mailboxes refused: %s"), nbad, n, list);
		else
			snprintf(line, sizeof(line), "%s", n == 1 ? _("The mailbox logs in.") : "");
		if (!nbad && n > 1)
			snprintf(line, sizeof(line), _("All %d mailboxes log in."), n);
		pane_add(&st->pane, nbad ? ROLE_FAIL : ROLE_OK, 0, line);
	}
	if (s->fail_step == STEP_EXCHANGE && s->fail_what[0]) {
		snprintf(line, sizeof(line), "-> %s", s->fail_why);
		pane_add(&st->pane, ROLE_WARN, 3, line);
	}
	/* Only what this step is about: the mailbox lines and any failure, failures first. */
	view.lines = xcalloc((size_t)st->last.n + 1, sizeof(*view.lines));
	for (int i = 0; i < st->last.n; i++) {
		const struct report_line *l = &st->last.lines[i];
		if (l->st == RS_FAIL || rkind_is_mail(l->kind))
			view.lines[view.n++] = *l; /* shallow: the strings stay st->last's */
	}
	pane_add_report(&st->pane, &view, s->ui->cols - 4);
	free(view.lines);
}

static void draw(struct session *s, void *priv, int y)
{
	struct mailbox *st = priv;

	y = steps_intro(
		s, _("Each mailbox logs in over SMTP (and IMAP for delivery notifications) with XOAUTH2, "
		     "then opens the mailbox; nothing is sent. Exchange can take 30-60 minutes after "
		     "the PowerShell."));
	if (profile_sender_differs(s->p))
		y = draw_text(s->ui, y, 2, s->ui->cols - 4,
			      _("The sender differs from the username: only a real message proves the SendAs "
				"permission. F9 sends one, after asking."),
			      ui_attr(s->ui, ROLE_WARN)) +
		    1;
	if (s->mail_ran)
		pane_draw(s->ui, &st->pane, y, ui_bottom(s->ui));
}

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct mailbox *st = priv;

	(void)key;
	if (a == ACT_RUN || a == ACT_WAIT) {
		steps_check(s, JOB_FULL, a == ACT_WAIT, NULL);
		return true;
	}
	if (a == ACT_SEND && s->p->sender) {
		char q[400];
		snprintf(q, sizeof(q), _("Send a real test message as %s to itself?"), s->p->sender);
		if (ui_ask(s->ui, q, 'n') != 'y') {
			status_set(s->ui, false, "%s", _("Nothing was sent."));
			return true;
		}
		steps_check(s, JOB_FULL, false, s->p->sender);
		return true;
	}
	return pane_scroll(&st->pane, a);
}

static unsigned long long keys(struct session *s, void *priv)
{
	struct mailbox *st = priv;
	unsigned long long m = ACT_BIT(ACT_RUN) | ACT_BIT(ACT_WAIT);

	if (s->p->sender)
		m |= ACT_BIT(ACT_SEND);
	if (pane_scrolls(&st->pane))
		m |= ACT_BIT(ACT_PAGE_DOWN) | ACT_BIT(ACT_PAGE_UP);
	return m;
}

static bool leave(struct session *s, void *priv, bool forward)
{
	(void)priv;
	return steps_leave_checked(s, forward, s->mail_ok, s->mail_ran, JOB_FULL,
				   _("Not every mailbox passed. Continue anyway?"));
}

static void job_done(struct session *s, void *priv)
{
	struct mailbox *st = priv;
	const struct report_line *f;

	if (steps_cancelled(s))
		return;
	f = steps_take_report(s, &st->last);
	s->mail_ran = true;
	s->mail_ok = s->job.rc == O365_OK || s->job.rc == O365_EEXPIRY;
	s->token_ok = s->token_ok || s->mail_ok;
	steps_note_failure(s, &st->last);
	fill(s, st);
	if (s->mail_ok)
		status_set(s->ui, false, "%s", _("Every mailbox works. Enter goes to the summary."));
	else if (f && f->rc == O365_EMAILBOX && s->fail_step >= 0)
		status_set(s->ui, true, _("Step %d (%s) is the cause. F6 goes there, F7 waits."),
			   s->fail_step, step_name(s->fail_step));
	else if (f && s->fail_step >= 0)
		status_set(s->ui, true, _("Go back to step %d (%s): F6 goes to the field."), s->fail_step,
			   step_name(s->fail_step));
}

static void cleanse(void *priv)
{
	struct mailbox *st = priv;

	report_clear(&st->last);
	pane_clear(&st->pane);
}

const struct step_ops step_mailbox = {.id = STEP_MAILBOX,
				      .private_size = sizeof(struct mailbox),
				      .enter = enter,
				      .draw = draw,
				      .handle = handle,
				      .leave = leave,
				      .job_done = job_done,
				      .keys = keys,
				      .cleanse = cleanse};
