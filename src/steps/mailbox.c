/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 7: IMAP and SMTP logins for every mailbox, with the propagation wait on offer. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "steps.h"

static void enter(struct wizard *w, struct step_state *s)
{
	if (!w->mail_ran && !w->job.running) {
		w->waiting = false;
		job_start(w, JOB_FULL);
	}
}

/* Only what this step is about: the mailbox lines, and any failure. */
static void draw(struct wizard *w, struct step_state *s, int y)
{
	struct report view = {0};

	y = steps_intro(
		w, _("Each mailbox logs in over SMTP (and IMAP for delivery notifications) with XOAUTH2, "
		     "then opens the mailbox; nothing is sent. F5 checks again; F7 waits for Exchange, "
		     "which can take 30-60 minutes after the PowerShell."));
	if (profile_sender_differs(w->p)) {
		y = draw_text(w, y, 2, w->cols - 4,
			      _("The sender differs from the username: only a real message proves the SendAs "
				"permission. F9 sends one, after asking."),
			      ui_attr(w, ROLE_WARN)) +
		    1;
	}
	if (!w->mail_ran)
		return;
	for (int i = 0; i < w->last_mail.n; i++) {
		const struct report_line *l = &w->last_mail.lines[i];
		if (l->st == RS_FAIL || rkind_is_mail(l->kind)) {
			view.lines = (struct report_line *)l;
			view.n = 1;
			y = draw_report(w, &view, y, w->rows - 3);
		}
	}
}

static bool handle(struct wizard *w, struct step_state *s, enum action a, int key)
{
	if (a == ACT_RUN || a == ACT_WAIT) {
		w->waiting = a == ACT_WAIT;
		w->send_test = false;
		job_start(w, JOB_FULL);
		return true;
	}
	if (a == ACT_SEND && w->p->sender) {
		char q[400];
		snprintf(q, sizeof(q), _("Send a real test message as %s? (y/n)"), w->p->sender);
		if (ui_ask(w, q) != 'y') {
			status_set(w, false, "%s", _("Nothing was sent."));
			return true;
		}
		w->waiting = false;
		w->send_test = true;
		job_start(w, JOB_FULL);
		w->send_test = false;
		return true;
	}
	return false;
}

static bool leave(struct wizard *w, struct step_state *s, bool forward)
{
	if (!forward || w->mail_ok)
		return true;
	if (!w->mail_ran) {
		job_start(w, JOB_FULL);
		return false;
	}
	return ui_ask(w, _("Not every mailbox passed. Continue anyway? (y/n)")) == 'y';
}

static void job_done(struct wizard *w, struct step_state *s)
{
	const struct report_line *f;

	f = job_take_report(w, &w->last_mail);
	w->mail_ran = true;
	w->mail_ok = w->job.rc == O365_OK || w->job.rc == O365_EEXPIRY;
	w->token_ok = w->token_ok || w->mail_ok;
	w->waiting = false;
	w->fail_step = f ? f->step : -1;
	if (w->job.rc == O365_ECANCEL)
		status_set(w, true, "%s", _("Cancelled. F5 checks again."));
	else if (w->mail_ok)
		status_set(w, false, "%s", _("Every mailbox works. Enter goes to the summary."));
	else if (f && f->rc == O365_EMAILBOX)
		status_set(w, true, _("Step %d (%s) is the cause. F6 goes there, F7 waits."), f->step,
			   step_name(f->step));
	else if (f && f->step >= 0)
		status_set(w, true, _("Go back to step %d (%s): F6 jumps there."), f->step,
			   step_name(f->step));
}

const struct step_ops step_mailbox = {.id = STEP_MAILBOX,
				      .enter = enter,
				      .draw = draw,
				      .handle = handle,
				      .leave = leave,
				      .job_done = job_done};
