/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The driver: one loop that draws, reads a key, lets the step handle it, and does Back, Next,
 * Help, Quit, resize and background checks once for every step. */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/settings.h"
#include "core/codec.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/xalloc.h"
#include "frontends.h"
#include "steps/steps.h"
#include "ui.h"

static bool in_text(struct wizard *w)
{
	struct step_state *s = &w->st[w->step];

	if (w->home || w->help || s->n == 0)
		return false;
	return s->f[s->focus].kind == FK_TEXT || s->f[s->focus].kind == FK_SECRET;
}

static int read_key(struct wizard *w)
{
	int key;

	if (w->script) {
		if (w->job.running) {
			job_wait(w);
			return KEY_F(63); /* wake-up: the job finished */
		}
		return script_next_key(w);
	}
	timeout(w->job.running ? 100 : -1);
	key = getch();
	if (key == 27) { /* Alt-x arrives as Esc x */
		int next;
		nodelay(stdscr, TRUE);
		next = getch();
		nodelay(stdscr, FALSE);
		if (next == 'n' || next == 'N')
			return 0x10000 + 'n';
		if (next == 'b' || next == 'B')
			return 0x10000 + 'b';
		if (next != ERR)
			ungetch(next);
	}
	return key;
}

static void save_draft(struct wizard *w)
{
	struct o365_err e;
	const struct step_ops *op = steps_get(w->step);

	if (op && op->leave && !w->home)
		op->leave(w, &w->st[w->step], false); /* keep what is valid on this screen */
	w->p->draft = true;
	w->p->resume_step = w->step;
	err_clear(&e);
	if (store_save(w->path, w->p, &e) == O365_OK)
		status_set(w, false, _("Draft saved in %s; run again to resume at step %d."), w->path,
			   w->step);
	else
		status_set(w, true, "%s", e.msg);
}

static void quit(struct wizard *w)
{
	int a;

	if (w->saved) {
		w->quit = true;
		return;
	}
	a = ui_ask(w, _("Quit. Save a draft to resume later? (y/n, Esc stays)"));
	if (a == 27) {
		status_set(w, false, "%s", "");
		return;
	}
	if (a == 'y' && w->mode != WMODE_ROTATE)
		save_draft(w);
	w->quit = true;
}

static void go(struct wizard *w, bool forward)
{
	const struct step_ops *op = steps_get(w->step);
	int to = forward ? steps_next(w, w->step) : steps_prev(w, w->step);

	if (op->leave && !op->leave(w, &w->st[w->step], forward))
		return;
	if (!forward && w->step == to)
		return;
	steps_go(w, to);
}

static void dispatch(struct wizard *w, int key)
{
	const struct step_ops *op = steps_get(w->step);
	enum action a;

	if (key == 0x10000 + 'n')
		a = ACT_NEXT;
	else if (key == 0x10000 + 'b')
		a = ACT_BACK;
	else
		a = action_for_key(key, in_text(w));
	if (a == ACT_RESIZE || a == ACT_NONE)
		return;
	if (w->cols < UI_MIN_COLS || w->rows < UI_MIN_ROWS) {
		if (a == ACT_QUIT)
			quit(w);
		return;
	}
	if (w->job.running) {
		if (a == ACT_BACK || a == ACT_QUIT)
			job_cancel(w);
		return;
	}
	if (w->help) {
		w->help = false;
		return;
	}
	if (a == ACT_HELP) {
		w->help = true;
		return;
	}
	if (a == ACT_QUIT) {
		quit(w);
		return;
	}
	if (w->home) {
		home_handle(w, a, key);
		return;
	}
	w->status_error = false;
	if (op->handle ? op->handle(w, &w->st[w->step], a, key) : fields_handle(w, &w->st[w->step], a, key))
		return;
	if (a == ACT_NEXT)
		go(w, true);
	else if (a == ACT_BACK)
		go(w, false);
	else if (a == ACT_JUMP && w->fail_step >= 0) {
		if (op->leave)
			op->leave(w, &w->st[w->step], false);
		w->mode = WMODE_SETUP; /* fixing a step is ordinary editing */
		steps_go(w, w->fail_step);
	}
}

static void finished_job(struct wizard *w)
{
	const struct step_ops *op = steps_get(w->step);

	if (op && op->job_done)
		op->job_done(w, &w->st[w->step]);
	report_clear(&w->job.report);
}

static enum o365_rc setup(struct wizard *w, const struct options *o)
{
	struct o365_err e;
	enum o365_rc rc;
	const char *slash, *dot;

	err_clear(&e);
	w->opts = o;
	w->fail_step = -1;
	pthread_mutex_init(&w->job.lock, NULL);
	if ((rc = store_path(o->config, o->profile, w->path, sizeof(w->path), &e)) != O365_OK) {
		err_print(&e);
		return rc;
	}
	slash = strrchr(w->path, '/');
	slash = slash ? slash + 1 : w->path;
	dot = strrchr(slash, '.');
	snprintf(w->profile_name, sizeof(w->profile_name), "%.*s",
		 (int)(dot ? dot - slash : (long)strlen(slash)), slash);
	if (store_exists(w->path)) {
		if ((rc = store_load(w->path, &w->p, &e)) != O365_OK) {
			err_print(&e);
			return rc;
		}
	} else if (!(w->p = profile_new())) {
		return O365_EIO;
	}
	if ((rc = settings_apply_overrides(o, w->p, &e)) != O365_OK) {
		err_print(&e);
		return rc;
	}
	if (getenv("O365_SCRIPT")) {
		if (!script_open(getenv("O365_SCRIPT"))) {
			fprintf(stderr, "%s: cannot read O365_SCRIPT %s\n", PACKAGE, getenv("O365_SCRIPT"));
			return O365_EUSAGE;
		}
		w->script = true;
	}
	/* Line drawing in ASCII where UTF-8 is not available, and always in scripts (golden screens). */
	w->ascii = w->script || getenv("O365_ASCII") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	return O365_OK;
}

enum o365_rc wizard_run(const struct options *o)
{
	struct wizard *w = xcalloc(1, sizeof(*w));
	enum o365_rc rc;
	bool existed;

	if ((rc = setup(w, o)) != O365_OK)
		goto out;
	existed = store_exists(w->path);
	if (!term_start(w)) {
		rc = O365_EUSAGE;
		goto out;
	}
	if (existed && w->p->draft) {
		steps_go(w, w->p->resume_step >= 0 && w->p->resume_step < STEP_COUNT ? w->p->resume_step : 0);
		status_set(w, false,
			   _("Resuming the draft at step %d; Esc goes back through the earlier steps."),
			   w->step);
	} else if (existed) {
		home_enter(w);
	} else {
		steps_go(w, STEP_START);
	}
	while (!w->quit) {
		int key;
		draw_frame(w);
		key = read_key(w);
		if (w->job.running && job_poll(w))
			finished_job(w);
		if (key == ERR) {
			if (w->script && !w->job.running)
				break; /* the script has ended */
			continue;
		}
		if (key == KEY_RESIZE)
			getmaxyx(stdscr, w->rows, w->cols);
		dispatch(w, key);
	}
	if (w->job.running) {
		job_cancel(w);
		job_wait(w);
		job_poll(w);
	}
	home_leave();
	checklist_free();
	term_stop();
	if (w->status[0] && !w->script)
		printf("%s\n", w->status);
	rc = w->exit_rc;
out:
	if (w) {
		report_clear(&w->last_token);
		report_clear(&w->last_mail);
		report_clear(&w->last_tenant);
		report_clear(&w->job.report);
		profile_free(&w->job.work);
		verify_state_clear(&w->job.vstate);
		codec_free_secret(&w->pending_secret);
		for (int i = 0; i < 16; i++)
			for (int k = 0; k < STEP_MAX_FIELDS; k++)
				codec_cleanse(w->st[i].f[k].buf, sizeof(w->st[i].f[k].buf));
		profile_free(&w->p);
		free(w);
	}
	return rc;
}
