/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The start screen: what an admin coming back wants. A menu of tasks, each step's state with a
 * jump by number, a name for a new profile, and a picker when there are several profiles. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/codec.h"
#include "core/i18n.h"
#include "core/lastcheck.h"
#include "core/store.h"
#include "core/text.h"
#include "steps.h"

enum { H_ROTATE, H_REVERIFY, H_RESUME, H_EDIT, H_NEW, H_OVER, H_PICK, H_COUNT };
enum view { V_MENU, V_PICK, V_NAME };

static const char *const labels[H_COUNT] = {
	N_("Rotate the client secret"),
	N_("Re-verify everything"),
	N_("Resume the draft"),
	N_("Review and edit a step"),
	N_("Set up a new profile"),
	N_("Start over (this profile is replaced only when the new one is saved)"),
	N_("Choose another profile"),
};

struct home {
	struct form fm; /* the new profile's name */
	struct ui_menu menu;
	int shown[H_COUNT], n_shown, current;
	enum view view;
	char **names; /* profiles, for the picker */
	int n_names;
	bool started;
};

static bool exists(const struct session *s)
{
	return store_exists(s->path);
}

static void list_profiles(struct home *h)
{
	char dir[4096];
	struct o365_err e;

	store_free_list(&h->names);
	h->n_names = 0;
	if (store_dir(dir, sizeof(dir), &e) == O365_OK)
		h->n_names = store_list(dir, &h->names);
}

static void build(struct session *s, struct home *h)
{
	bool draft = store_exists(s->draft_path);

	h->n_shown = 0;
	for (int i = 0; i < H_COUNT; i++) {
		if ((i == H_ROTATE || i == H_REVERIFY || i == H_OVER) && !exists(s))
			continue;
		if (i == H_RESUME && !draft)
			continue;
		if (i == H_PICK && h->n_names < 2)
			continue;
		/* A practice session keeps to its own practice profile. */
		if ((i == H_NEW || i == H_PICK) && s->practice)
			continue;
		h->shown[h->n_shown++] = i;
	}
}

static enum vres check_name(const struct form *fm, struct field *f, struct vmsg *m)
{
	char dir[4096], path[4200];
	struct o365_err e;

	(void)fm;
	m->res = V_OK;
	m->text[0] = '\0';
	if (!store_name_ok(f->buf)) {
		m->res = V_ERR;
		snprintf(m->text, sizeof(m->text), "%s",
			 _("Use letters, digits, dots, dashes and underscores, e.g. contoso-mail."));
	} else if (store_dir(dir, sizeof(dir), &e) == O365_OK &&
		   (snprintf(path, sizeof(path), "%.3000s/%.64s.json", dir, f->buf), store_exists(path))) {
		m->res = V_ERR;
		snprintf(m->text, sizeof(m->text), "%s",
			 _("A profile with this name exists; choose another name."));
	}
	return m->res;
}

static void enter(struct session *s, void *priv)
{
	struct home *h = priv;
	int days = profile_days_left(s->p, time(NULL));

	if (s->pending_secret) {
		/* Back at the start screen, a rotation in progress is given up: nothing was changed. */
		codec_free_secret(&s->pending_secret);
		s->pending_expiry[0] = '\0';
		s->stale[STEP_SECRET] = true;
		s->token_ran = s->mail_ran = false;
		status_set(s->ui, false, "%s", _("The rotation was left; the profile is unchanged."));
	}
	s->mode = WMODE_SETUP;
	list_profiles(h);
	h->view = V_MENU;
	if (!h->started && !exists(s) && h->n_names >= 1 && !s->opts->profile && !s->opts->config)
		h->view = V_PICK;
	h->started = true;
	build(s, h);
	h->current = 0;
	for (int i = 0; i < h->n_shown; i++)
		if (h->shown[i] == (store_exists(s->draft_path)	    ? H_RESUME
				    : days != INT_MIN && days <= 30 ? H_ROTATE
								    : H_REVERIFY))
			h->current = i;
	h->fm.n = 0;
}

static bool state_ok(const struct profile *p, const char *name)
{
	const struct verification *v = profile_result(p, name);

	return v && v->status == CHECK_OK;
}

static const char *state_of(const struct session *s, int step);

/* done / failed / not yet, from the profile and its last recorded checks. */
static const char *state_of(const struct session *s, int step)
{
	const struct profile *p = s->p;
	int ok = 0, fail = 0;

	for (int i = 0; i < p->n_results; i++) {
		const char *n = p->results[i].name;
		bool mine = step == STEP_TOKEN ? !strcmp(n, "token") || !strcmp(n, "roles")
			    : step == STEP_MAILBOX || step == STEP_EXCHANGE
				    ? !strncmp(n, "imap:", 5) || !strncmp(n, "smtp:", 5)
				    : false;
		if (!mine)
			continue;
		ok += p->results[i].status == CHECK_OK || p->results[i].status == CHECK_WARN;
		fail += p->results[i].status == CHECK_FAIL;
	}
	switch (step) {
	case STEP_START:
		return p->mod_notifications || p->mod_reporting ? _("done") : _("not yet");
	case STEP_APP:
		return p->tenant && p->client_id ? _("done") : _("not yet");
	case STEP_SECRET:
		return p->secret || p->cert_path ? _("done") : _("not yet");
	case STEP_PERMISSIONS: /* a token with the roles proves it too */
		return (p->checklist[CL_PERM_SMTP] && p->checklist[CL_ADMIN_CONSENT]) || state_ok(p, "roles")
			       ? _("done")
			       : _("not yet");
	case STEP_EXCHANGE: /* as a mailbox that logs in does */
		return (p->checklist[CL_SP_REGISTERED] && p->checklist[CL_MAILBOX_PERMISSION]) ||
				       (ok && !fail)
			       ? _("done")
			       : _("not yet");
	case STEP_MAILSERVER:
		return p->username && p->sender ? _("done") : _("not yet");
	case STEP_SUMMARY:
		return exists(s) && !p->draft ? _("saved") : _("not yet");
	default:
		return fail ? _("FAILED") : ok ? _("passed") : _("not yet");
	}
}

static void draw_steps(struct session *s, int y)
{
	char cell[80];

	for (int i = 0; i < STEP_COUNT && y + i % 5 < ui_bottom(s->ui) - 1; i++) {
		const char *st = state_of(s, i);
		/* Widths in screen columns: translated names are UTF-8. */
		snprintf(cell, sizeof(cell), "%d %-*s %s", i, i18n_pad(step_name(i), 26), step_name(i), st);
		attron(ui_attr(s->ui, !strcmp(st, _("FAILED")) ? ROLE_FAIL : ROLE_DIM));
		mvaddnstr(y + i % 5, 2 + (i / 5) * 39, cell, i18n_pad(cell, 38));
		attroff(ui_attr(s->ui, !strcmp(st, _("FAILED")) ? ROLE_FAIL : ROLE_DIM));
	}
}

/* "LABEL: YYYY-MM-DD HH:MM UTC, STATUS: message" in at most two rows (the message is the
 * recorded one-line summary). */
static int draw_outcome(struct session *s, int y, const char *label, time_t at, enum check_status st,
			const char *message)
{
	char when[40], line[900];
	char *safe = text_clean(message ? message : "", 600); /* a state file anyone may have written */
	struct tm tm;
	/* the words the reports use */
	const char *word = rstatus_label(st == CHECK_OK ? RS_OK : st == CHECK_WARN ? RS_WARN : RS_FAIL);

	gmtime_r(&at, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(line, sizeof(line), "%s: %s, %s: %s", label, when, word, safe ? safe : "");
	free(safe);
	return draw_text_to(s->ui, y, 2, s->ui->cols - 4, y + 2, line,
			    ui_attr(s->ui, st == CHECK_OK     ? ROLE_OK
					   : st == CHECK_WARN ? ROLE_WARN
							      : ROLE_FAIL));
}

/* The last check (a scheduled --check, kept apart from the profile) and the verification the
 * profile was saved with: two different things an admin coming back wants to tell apart. */
static int draw_history(struct session *s, int y)
{
	struct last_check lc;
	const struct verification *v = profile_result(s->p, PROFILE_OVERALL);

	if (lastcheck_load(s->path, &lc))
		y = draw_outcome(s, y, _("Last check"), lc.at, lc.status, lc.message);
	else
		y = draw_text(s->ui, y, 2, s->ui->cols - 4, _("Last check: none recorded."),
			      ui_attr(s->ui, ROLE_DIM));
	if (v)
		y = draw_outcome(s, y, _("Last saved verification"), v->at, v->status, v->message);
	return y;
}

static void draw(struct session *s, void *priv, int y)
{
	struct home *h = priv;
	int days = profile_days_left(s->p, time(NULL));
	char line[600];
	const char *names[UI_MENU_MAX];
	int spare;

	if (h->view == V_PICK) {
		y = draw_text(s->ui, y, 2, s->ui->cols - 4,
			      _("Several profiles are set up here. Choose one:"), A_NORMAL);
		for (int i = 0; i < h->n_names && i < UI_MENU_MAX; i++)
			names[i] = h->names[i];
		y = ui_menu_show(s->ui, &h->menu, names, h->n_names, h->current, y + 1, 4);
		draw_text(s->ui, y + 1, 2, s->ui->cols - 4,
			  _("Up and Down choose, Enter opens. N sets up a new profile."),
			  ui_attr(s->ui, ROLE_DIM));
		return;
	}
	if (h->view == V_NAME) {
		y = draw_text(s->ui, y, 2, s->ui->cols - 4,
			      _("A name for the new profile (its file is NAME.json in the configuration "
				"directory). "
				"Enter goes on, Esc returns."),
			      A_NORMAL);
		draw_fields(s->ui, &h->fm, y + 1);
		return;
	}
	if (exists(s)) {
		snprintf(line, sizeof(line), _("Profile %s is set up for tenant %s (app %s)."),
			 s->profile_name, s->p->tenant ? s->p->tenant : "-",
			 s->p->client_id ? s->p->client_id : "-");
		y = draw_text(s->ui, y, 2, s->ui->cols - 4, line, A_NORMAL);
		if (days == INT_MIN)
			snprintf(line, sizeof(line), "%s", _("No secret expiry date is recorded."));
		else if (days < 0)
			snprintf(line, sizeof(line), _("The client secret expired on %s: rotate it now."),
				 s->p->secret_expiry);
		else
			snprintf(line, sizeof(line), _("The client secret expires in %d days (%s)."), days,
				 s->p->secret_expiry);
		y = draw_text(s->ui, y, 2, s->ui->cols - 4, line,
			      ui_attr(s->ui, days != INT_MIN && days <= 30 ? ROLE_WARN : ROLE_OK));
		y = draw_history(s, y);
	} else {
		snprintf(line, sizeof(line), _("Profile %s has a draft that was not finished."),
			 s->profile_name);
		y = draw_text(s->ui, y, 2, s->ui->cols - 4, line, A_NORMAL);
	}
	for (int i = 0; i < h->n_shown; i++)
		names[i] = _(labels[h->shown[i]]);
	/* The blank rows around the menu go first when rows are short: the steps' states and the
	 * hint below them must stay on screen. */
	spare = ui_bottom(s->ui) - y - (h->n_shown + 6);
	y = ui_menu_show(s->ui, &h->menu, names, h->n_shown, h->current, y + (spare >= 2), 4);
	y += spare >= 1;
	draw_steps(s, y);
	draw_text(s->ui, y + 5, 2, s->ui->cols - 4,
		  _("Enter starts the task; a number 0-8 goes to that step."), ui_attr(s->ui, ROLE_DIM));
}

static void reset(struct session *s, struct profile *p)
{
	profile_free(&s->p);
	s->p = p;
	for (int i = 0; i < STEP_COUNT; i++)
		s->stale[i] = true;
	s->token_ran = s->token_ok = s->mail_ran = s->mail_ok = false;
	s->fail_step = -1;
	s->saved = false;
}

static struct profile *fresh_profile(const struct profile *old)
{
	struct profile *p = profile_new();

	if (!p)
		return NULL;
	/* Where to reach the servers is not part of what is started over. */
	profile_set_str(&p->authority, old->authority);
	profile_set_str(&p->ca_file, old->ca_file);
	profile_set_str(&p->imap_server, old->imap_server);
	profile_set_str(&p->smtp_check_server, old->smtp_check_server);
	return p;
}

static void set_paths(struct session *s, const char *name)
{
	char dir[3800];
	struct o365_err e;

	if (store_dir(dir, sizeof(dir), &e) != O365_OK)
		return;
	snprintf(s->profile_name, sizeof(s->profile_name), "%s", name);
	snprintf(s->path, sizeof(s->path), "%s/%s.json", dir, name);
	snprintf(s->draft_path, sizeof(s->draft_path), "%s.draft", s->path);
}

static void open_profile(struct session *s, struct home *h, const char *name)
{
	struct profile *p = NULL;
	struct o365_err e;

	set_paths(s, name);
	err_clear(&e);
	if (store_load(store_exists(s->path) ? s->path : s->draft_path, &p, &e) != O365_OK) {
		status_set(s->ui, true, "%s", e.msg);
		return;
	}
	reset(s, p);
	steps_snapshot(s);
	s->fresh = false;
	h->view = V_MENU;
	build(s, h);
	h->current = 0;
}

static void start(struct session *s, struct home *h, int what)
{
	switch (what) {
	case H_ROTATE:
		s->mode = WMODE_ROTATE;
		snprintf(s->old_expiry, sizeof(s->old_expiry), "%.10s",
			 s->p->secret_expiry ? s->p->secret_expiry : "");
		s->stale[STEP_SECRET] = true;
		s->go_to = STEP_SECRET;
		break;
	case H_REVERIFY:
		s->mode = WMODE_REVERIFY;
		s->token_ran = s->mail_ran = false;
		s->go_to = STEP_TOKEN;
		break;
	case H_RESUME: {
		struct profile *p = NULL;
		struct o365_err e;
		if (store_load(s->draft_path, &p, &e) != O365_OK) {
			status_set(s->ui, true, "%s", e.msg);
			return;
		}
		reset(s, p);
		s->go_to = p->resume_step >= 0 && p->resume_step < STEP_COUNT ? p->resume_step : 0;
		break;
	}
	case H_EDIT:
		s->go_to = STEP_START;
		break;
	case H_NEW:
		h->view = V_NAME;
		h->fm.n = 1;
		h->fm.focus = 0;
		h->fm.f[0] = (struct field){
			.label = N_("Profile name"), .kind = FK_TEXT, .check = check_name, .max = 64};
		return;
	case H_OVER:
		if (ui_ask(s->ui,
			   _("Start over with empty fields? The saved profile stays as it is until the new "
			     "one is "
			     "saved at step 8."),
			   'n') != 'y') {
			status_set(s->ui, false, "%s", _("Nothing was changed."));
			return;
		}
		reset(s, fresh_profile(s->p));
		steps_snapshot(s); /* quitting before anything is typed leaves no draft */
		s->fresh = true;
		s->go_to = STEP_START;
		break;
	case H_PICK:
		h->view = V_PICK;
		h->current = 0;
		return;
	}
}

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct home *h = priv;
	int n = h->view == V_PICK ? h->n_names : h->n_shown;

	if (h->view == V_NAME) {
		if (a == ACT_BACK) {
			h->view = V_MENU;
			h->fm.n = 0;
			return true;
		}
		if (a == ACT_NEXT) {
			if (fields_validate(&h->fm) >= 0) {
				status_set(s->ui, true, "%s", _("Fix the name: the reason is beside it."));
				return true;
			}
			set_paths(s, h->fm.f[0].buf);
			reset(s, fresh_profile(s->p));
			steps_snapshot(s);
			s->fresh = true;
			s->go_to = STEP_START;
			return true;
		}
		return fields_handle(s->ui, &h->fm, a, key);
	}
	switch (a) {
	case ACT_FIELD_NEXT:
		h->current = (h->current + 1) % (n ? n : 1);
		return true;
	case ACT_FIELD_PREV:
		h->current = (h->current + (n ? n : 1) - 1) % (n ? n : 1);
		return true;
	case ACT_NEXT:
		if (h->view == V_PICK) {
			if (h->current < h->n_names)
				open_profile(s, h, h->names[h->current]);
			return true;
		}
		if (h->current < h->n_shown)
			start(s, h, h->shown[h->current]);
		return true;
	case ACT_BACK:
		if (h->view == V_PICK && exists(s)) {
			h->view = V_MENU;
			return true;
		}
		return true;
	case ACT_CHAR:
		if (h->view == V_PICK && (key == 'n' || key == 'N')) {
			start(s, h, H_NEW);
			return true;
		}
		if (h->view == V_MENU && key >= '0' && key < '0' + STEP_COUNT) {
			s->go_to = key - '0';
			return true;
		}
		return false;
	default:
		return false;
	}
}

static unsigned long long keys(struct session *s, void *priv)
{
	(void)s;
	(void)priv;
	return ACT_BIT(ACT_FIELD_NEXT);
}

static void cleanse(void *priv)
{
	struct home *h = priv;

	ui_menu_free(&h->menu);
	store_free_list(&h->names);
}

const struct step_ops step_home = {.id = STEPS_HOME,
				   .private_size = sizeof(struct home),
				   .enter = enter,
				   .draw = draw,
				   .handle = handle,
				   .keys = keys,
				   .cleanse = cleanse};
