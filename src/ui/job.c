/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs a verification on a clone of the profile in a thread, so the screen never freezes and
 * Esc can cancel. The driver merges the outcome back when it polls. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "check/settings.h"
#include "core/codec.h"
#include "core/i18n.h"
#include "core/store.h"
#include "ui.h"

static void on_progress(void *ud, const char *line)
{
	struct job *j = ud;

	pthread_mutex_lock(&j->lock);
	snprintf(j->progress, sizeof(j->progress), "%s", line[0] == '!' && line[1] == ' ' ? line + 2 : line);
	pthread_mutex_unlock(&j->lock);
}

static void *run(void *arg)
{
	struct job *j = arg;

	j->rc = verify_run(j->work, &j->opts, &j->vstate, &j->report);
	pthread_mutex_lock(&j->lock);
	j->done = true;
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

void job_start(struct wizard *w, enum job_kind kind)
{
	struct job *j = &w->job;

	if (j->running)
		return;
	report_clear(&j->report);
	profile_free(&j->work);
	/* Every check fetches its own token: secrets and consent may have changed since. */
	verify_state_clear(&j->vstate);
	j->work = profile_clone(w->p);
	if (!j->work) {
		status_set(w, true, "%s", _("Out of memory."));
		return;
	}
	if (w->pending_secret) {
		profile_set_secret(j->work, w->pending_secret);
		profile_set_str(&j->work->secret_expiry, w->pending_expiry[0] ? w->pending_expiry : NULL);
	}
	settings_verify_opts(w->opts, &j->opts);
	j->opts.progress = on_progress;
	j->opts.ud = j;
	j->opts.cancel = &j->cancel;
	j->opts.token_only = kind == JOB_TOKEN;
	j->opts.tenant_only = kind == JOB_TENANT;
	j->opts.wait_minutes = w->waiting ? 60 : 0;
	j->opts.send_test = kind == JOB_FULL && w->send_test ? w->p->sender : NULL;
	j->kind = kind;
	j->cancel = 0;
	j->done = false;
	snprintf(j->progress, sizeof(j->progress), "%s", "...");
	if (pthread_create(&j->thread, NULL, run, j) != 0) {
		status_set(w, true, "%s", _("Cannot start the check."));
		return;
	}
	j->running = true;
}

bool job_poll(struct wizard *w)
{
	struct job *j = &w->job;
	bool done;

	if (!j->running)
		return false;
	pthread_mutex_lock(&j->lock);
	done = j->done;
	pthread_mutex_unlock(&j->lock);
	if (!done)
		return false;
	pthread_join(j->thread, NULL);
	j->running = false;
	/* What the check learned goes back into the model. */
	if (j->work->sp_object_id)
		profile_set_str(&w->p->sp_object_id, j->work->sp_object_id);
	profile_clear_results(w->p);
	for (int i = 0; i < j->work->n_results; i++)
		profile_set_result(w->p, j->work->results[i].name, j->work->results[i].status,
				   j->work->results[i].message, j->work->results[i].at);
	return true;
}

const struct report_line *job_take_report(struct wizard *w, struct report *dst)
{
	report_clear(dst);
	*dst = w->job.report;
	memset(&w->job.report, 0, sizeof(w->job.report));
	return report_first_fail(dst);
}

void job_cancel(struct wizard *w)
{
	w->job.cancel = 1;
}

/* Waits until the thread has finished; job_poll() then collects it. */
void job_wait(struct wizard *w)
{
	for (;;) {
		bool done;
		pthread_mutex_lock(&w->job.lock);
		done = w->job.done || !w->job.running;
		pthread_mutex_unlock(&w->job.lock);
		if (done)
			return;
		napms(10);
	}
}
