/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 4: a real token, its claims, and the Enterprise Application Object ID. */
#include "config.h"

#include <string.h>

#include "core/i18n.h"
#include "steps.h"

struct tokenstep {
	struct form fm;
	struct report last;
	struct pane pane;
};

static void enter(struct session *s, void *priv)
{
	(void)priv;
	if (!s->token_ran && !s->job.running)
		steps_check(s, JOB_TOKEN, false, NULL);
}

static void draw(struct session *s, void *priv, int y)
{
	struct tokenstep *st = priv;

	y = steps_intro(s,
			_("The app asks Microsoft for a token exactly as the Extension Kit will. Its claims "
			  "show the roles that were really granted, and its oid is the Enterprise "
			  "Application Object ID that step 5 needs."));
	if (s->token_ran)
		pane_draw(s->ui, &st->pane, y, ui_bottom(s->ui));
}

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct tokenstep *st = priv;

	(void)key;
	if (a == ACT_RUN) {
		steps_check(s, JOB_TOKEN, false, NULL);
		return true;
	}
	return pane_scroll(&st->pane, a);
}

static unsigned long long keys(struct session *s, void *priv)
{
	struct tokenstep *st = priv;

	(void)s;
	return ACT_BIT(ACT_RUN) |
	       (pane_scrolls(&st->pane) ? ACT_BIT(ACT_PAGE_DOWN) | ACT_BIT(ACT_PAGE_UP) : 0);
}

static bool leave(struct session *s, void *priv, bool forward)
{
	(void)priv;
	return steps_leave_checked(s, forward, s->token_ok, s->token_ran, JOB_TOKEN,
				   _("The token check failed. Continue anyway?"));
}

static void job_done(struct session *s, void *priv)
{
	struct tokenstep *st = priv;
	const struct report_line *f;

	if (steps_cancelled(s))
		return;
	f = steps_take_report(s, &st->last);
	pane_clear(&st->pane);
	pane_add_report(&st->pane, &st->last, s->ui->cols - 4);
	s->token_ran = true;
	s->token_ok = s->job.rc == O365_OK || s->job.rc == O365_EEXPIRY;
	s->mail_ran = false;
	steps_note_failure(s, &st->last);
	if (s->token_ok)
		status_set(s->ui, false, "%s", _("The token is right. Enter goes on."));
	else if (f && s->fail_step >= 0)
		status_set(s->ui, true, _("Go back to step %d (%s): F6 goes to the field."), s->fail_step,
			   step_name(s->fail_step));
	else
		status_set(s->ui, true, "%s", _("The check failed; see above. F5 runs it again."));
}

static void cleanse(void *priv)
{
	struct tokenstep *st = priv;

	report_clear(&st->last);
	pane_clear(&st->pane);
}

const struct step_ops step_token = {.id = STEP_TOKEN,
				    .private_size = sizeof(struct tokenstep),
				    .enter = enter,
				    .draw = draw,
				    .handle = handle,
				    .leave = leave,
				    .job_done = job_done,
				    .keys = keys,
				    .cleanse = cleanse};
