/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 4: a real token, its claims, and the Enterprise Application Object ID. */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "steps.h"

static void enter(struct wizard *w, struct step_state *s)
{
	if (!w->token_ran && !w->job.running)
		job_start(w, JOB_TOKEN);
}

static void draw(struct wizard *w, struct step_state *s, int y)
{
	y = steps_intro(w,
			_("The app asks Microsoft for a token exactly as the Extension Kit will. Its claims "
			  "show the roles that were really granted, and its oid is the Enterprise "
			  "Application Object ID that step 5 needs. F5 runs it again, F6 goes to the step a "
			  "failure names."));
	if (w->token_ran)
		draw_report_brief(w, &w->last_token, y, w->rows - 3);
}

static bool handle(struct wizard *w, struct step_state *s, enum action a, int key)
{
	if (a == ACT_RUN) {
		job_start(w, JOB_TOKEN);
		return true;
	}
	return false;
}

static bool leave(struct wizard *w, struct step_state *s, bool forward)
{
	if (!forward || w->token_ok)
		return true;
	if (!w->token_ran) {
		job_start(w, JOB_TOKEN);
		return false;
	}
	return ui_ask(w, _("The token check failed. Continue anyway? (y/n)")) == 'y';
}

static void job_done(struct wizard *w, struct step_state *s)
{
	const struct report_line *f;

	f = job_take_report(w, &w->last_token);
	w->token_ran = true;
	w->token_ok = w->job.rc == O365_OK || w->job.rc == O365_EEXPIRY;
	w->fail_step = f ? f->step : -1;
	w->mail_ran = false;
	if (w->job.rc == O365_ECANCEL)
		status_set(w, true, "%s", _("Cancelled. F5 runs the check again."));
	else if (w->token_ok)
		status_set(w, false, "%s", _("The token is right. Enter goes on."));
	else if (f && f->step >= 0)
		status_set(w, true, _("Go back to step %d (%s): F6 jumps there."), f->step,
			   step_name(f->step));
	else
		status_set(w, true, "%s", _("The check failed; see above. F5 runs it again."));
}

const struct step_ops step_token = {.id = STEP_TOKEN,
				    .enter = enter,
				    .draw = draw,
				    .handle = handle,
				    .leave = leave,
				    .job_done = job_done};
