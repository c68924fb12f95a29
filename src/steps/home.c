/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The re-run start screen: what an admin coming back wants, on an ncurses menu. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/store.h"
#include "steps.h"

enum { H_ROTATE, H_REVERIFY, H_EDIT, H_NEW, H_OVER, H_COUNT };

static const char *const labels[H_COUNT] = {
	N_("Rotate the client secret"),
	N_("Re-verify everything"),
	N_("Review and edit a step"),
	N_("Set up a new profile"),
	N_("Start over (the old profile is backed up)"),
};

static struct ui_menu menu;
static int current;

void home_leave(void)
{
	ui_menu_free(&menu);
}

void home_enter(struct wizard *w)
{
	int days = profile_days_left(w->p, time(NULL));

	w->home = true;
	current = days != INT_MIN && days <= 30 ? H_ROTATE : H_REVERIFY;
}

void home_draw(struct wizard *w)
{
	int days = profile_days_left(w->p, time(NULL)), y = 3;
	const struct verification *v = profile_result(w->p, PROFILE_OVERALL);
	char line[600], when[32] = "";

	snprintf(line, sizeof(line), _("Profile %s is set up for tenant %s (app %s)."), w->profile_name,
		 w->p->tenant ? w->p->tenant : "-", w->p->client_id ? w->p->client_id : "-");
	y = draw_text(w, y, 2, w->cols - 4, line, A_NORMAL);
	if (days == INT_MIN)
		snprintf(line, sizeof(line), "%s", _("No secret expiry date is recorded."));
	else if (days < 0)
		snprintf(line, sizeof(line), _("The client secret expired on %s: rotate it now."),
			 w->p->secret_expiry);
	else
		snprintf(line, sizeof(line), _("The client secret expires in %d days (%s)."), days,
			 w->p->secret_expiry);
	y = draw_text(w, y, 2, w->cols - 4, line,
		      ui_attr(w, days != INT_MIN && days <= 30 ? ROLE_WARN : ROLE_OK));
	if (v) {
		struct tm tm;
		gmtime_r(&v->at, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
		snprintf(line, sizeof(line), _("Last verification %s: %s"), when,
			 v->message ? v->message : "");
	} else {
		snprintf(line, sizeof(line), "%s", _("No verification is recorded yet."));
	}
	y = draw_text(w, y, 2, w->cols - 4, line,
		      ui_attr(w, v && v->status == CHECK_FAIL ? ROLE_FAIL : ROLE_DIM));
	{
		const char *names[H_COUNT];
		for (int i = 0; i < H_COUNT; i++)
			names[i] = _(labels[i]);
		ui_menu_show(w, &menu, names, H_COUNT, current, y + 1, 4);
	}
	draw_text(w, y + H_COUNT + 2, 2, w->cols - 4,
		  _("Up and Down choose, Enter starts. Rotation verifies the new secret before anything "
		    "changes."),
		  ui_attr(w, ROLE_DIM));
}

static void fresh_profile(struct wizard *w)
{
	struct profile *p = profile_new();

	if (!p)
		return;
	profile_set_str(&p->authority, w->p->authority);
	profile_set_str(&p->ca_file, w->p->ca_file);
	profile_set_str(&p->imap_server, w->p->imap_server);
	profile_set_str(&p->smtp_check_server, w->p->smtp_check_server);
	profile_free(&w->p);
	w->p = p;
	memset(w->st, 0, sizeof(w->st));
}

bool home_handle(struct wizard *w, enum action a, int key)
{
	switch (a) {
	case ACT_FIELD_NEXT:
		current = (current + 1) % H_COUNT;
		return true;
	case ACT_FIELD_PREV:
		current = (current + H_COUNT - 1) % H_COUNT;
		return true;
	case ACT_NEXT:
		break;
	default:
		return false;
	}
	w->home = false;
	home_leave();
	switch (current) {
	case H_ROTATE:
		w->mode = WMODE_ROTATE;
		snprintf(w->old_expiry, sizeof(w->old_expiry), "%.10s",
			 w->p->secret_expiry ? w->p->secret_expiry : "");
		steps_go(w, STEP_SECRET);
		break;
	case H_REVERIFY:
		w->mode = WMODE_REVERIFY;
		steps_go(w, STEP_TOKEN);
		break;
	case H_EDIT:
		steps_go(w, STEP_START);
		break;
	case H_NEW: {
		char dir[3800];
		struct o365_err e;
		if (store_dir(dir, sizeof(dir), &e) != O365_OK)
			break;
		for (int i = 2; i < 1000; i++) {
			snprintf(w->profile_name, sizeof(w->profile_name), "profile%d", i);
			snprintf(w->path, sizeof(w->path), "%s/%s.json", dir, w->profile_name);
			if (!store_exists(w->path))
				break;
		}
		fresh_profile(w);
		steps_go(w, STEP_START);
		status_set(w, false, _("New profile %s (use --profile NAME to choose the name)."),
			   w->profile_name);
		break;
	}
	default: {
		char bak[4200];
		snprintf(bak, sizeof(bak), "%s.bak-%ld-start-over", w->path, (long)time(NULL));
		if (rename(w->path, bak) == 0)
			status_set(w, false, _("The old profile is kept as %s."), bak);
		fresh_profile(w);
		steps_go(w, STEP_START);
	}
	}
	return true;
}
