/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "steps.h"

static const struct step_ops *const table[STEP_COUNT] = {
	[STEP_START] = &step_start,	      [STEP_APP] = &step_app,
	[STEP_SECRET] = &step_secret,	      [STEP_PERMISSIONS] = &step_permissions,
	[STEP_TOKEN] = &step_token,	      [STEP_EXCHANGE] = &step_exchange,
	[STEP_MAILSERVER] = &step_mailserver, [STEP_MAILBOX] = &step_mailbox,
	[STEP_SUMMARY] = &step_summary,
};

const struct step_ops *steps_get(int id)
{
	return id >= 0 && id < STEP_COUNT ? table[id] : NULL;
}

void steps_draw(struct wizard *w)
{
	const struct step_ops *op = steps_get(w->step);

	if (w->home) {
		home_draw(w);
		return;
	}
	if (op && op->draw)
		op->draw(w, &w->st[w->step], 3);
}

void steps_go(struct wizard *w, int id)
{
	const struct step_ops *op = steps_get(id);

	if (!op)
		return;
	w->step = id;
	w->status[0] = '\0';
	if (op->enter)
		op->enter(w, &w->st[id]);
	w->st[id].loaded = true;
}

/* Rotation walks secret -> token -> mailboxes -> summary; re-verification token -> mailboxes. */
int steps_next(const struct wizard *w, int from)
{
	if (w->mode == WMODE_ROTATE) {
		static const int next[STEP_COUNT] = {2, 2, 4, 4, 7, 7, 7, 8, 8};
		return next[from];
	}
	if (w->mode == WMODE_REVERIFY) {
		static const int next[STEP_COUNT] = {4, 4, 4, 4, 7, 7, 7, 8, 8};
		return next[from];
	}
	return from + 1 < STEP_COUNT ? from + 1 : from;
}

int steps_prev(const struct wizard *w, int from)
{
	if (w->mode == WMODE_ROTATE) {
		static const int prev[STEP_COUNT] = {2, 2, 2, 2, 2, 4, 4, 4, 7};
		return prev[from];
	}
	if (w->mode == WMODE_REVERIFY) {
		static const int prev[STEP_COUNT] = {4, 4, 4, 4, 4, 4, 4, 4, 7};
		return prev[from];
	}
	return from > 0 ? from - 1 : 0;
}

int steps_intro(struct wizard *w, const char *text)
{
	return draw_text(w, 3, 2, w->cols - 4, text, A_NORMAL) + 1;
}

void steps_commit_str(char **dst, const char *buf)
{
	char *t = validate_trim(buf);

	profile_set_str(dst, t && *t ? t : NULL);
	free(t);
}

enum vres check_email(struct wizard *w, struct field *f, struct vmsg *m)
{
	return validate_email(f->buf, m);
}

bool steps_fields_ok(struct wizard *w, struct step_state *s, bool forward)
{
	int bad = fields_validate(w, s);

	if (bad < 0 || !forward)
		return true;
	s->focus = bad;
	status_set(w, true, "%s", _("Fix the field marked ! to go on."));
	return false;
}
