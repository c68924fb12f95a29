/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs a verification on a clone of the profile in a thread, so the screen never freezes and
 * Esc can cancel. The caller takes the outcome when it polls. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/i18n.h"
#include "ui.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_progress(void *ud, const char *line)
{
	struct job *j = ud;

	pthread_mutex_lock(&j->lock);
	snprintf(j->progress, sizeof(j->progress), "%s", line[0] == '!' && line[1] == ' ' ? line + 2 : line);
	j->try_n = j->try_max = 0; /* a new stage starts with its first try */
	pthread_mutex_unlock(&j->lock);
}

static void on_attempt(void *ud, int attempt, int max)
{
	struct job *j = ud;

	pthread_mutex_lock(&j->lock);
	j->try_n = attempt;
	j->try_max = max;
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

bool job_start(struct job *j, struct profile *work, const struct verify_opts *opts, enum job_kind kind)
{
	if (j->running || !work) {
		profile_free(&work);
		return false;
	}
	report_clear(&j->report);
	profile_free(&j->work);
	/* Every check fetches its own token: secrets and consent may have changed since. */
	verify_state_clear(&j->vstate);
	j->work = work;
	j->opts = *opts;
	j->opts.progress = on_progress;
	j->opts.attempt = on_attempt;
	j->opts.ud = j;
	j->opts.cancel = &j->cancel;
	j->kind = kind;
	j->cancel = 0;
	j->done = false;
	j->started_ms = now_ms();
	j->try_n = j->try_max = 0;
	snprintf(j->progress, sizeof(j->progress), "%s", _("Starting the check ..."));
	if (pthread_create(&j->thread, NULL, run, j) != 0)
		return false;
	j->running = true;
	return true;
}

bool job_poll(struct job *j)
{
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
	return true;
}

void job_progress(struct job *j, char *out, size_t n)
{
	long s = (now_ms() - j->started_ms) / 1000;

	pthread_mutex_lock(&j->lock);
	if (j->try_n > 1)
		snprintf(out, n, _("%s (try %d of %d, %ld s; Esc cancels)"), j->progress, j->try_n,
			 j->try_max, s);
	else if (s >= 2)
		snprintf(out, n, _("%s (%ld s; Esc cancels)"), j->progress, s);
	else
		snprintf(out, n, "%s", j->progress);
	pthread_mutex_unlock(&j->lock);
}

void job_cancel(struct job *j)
{
	j->cancel = 1;
}

/* Waits until the thread has finished; job_poll() then collects it. */
void job_wait(struct job *j)
{
	for (;;) {
		bool done;
		pthread_mutex_lock(&j->lock);
		done = j->done || !j->running;
		pthread_mutex_unlock(&j->lock);
		if (done)
			return;
		napms(10);
	}
}

void job_free(struct job *j)
{
	if (j->running) {
		job_cancel(j);
		job_wait(j);
		job_poll(j);
	}
	report_clear(&j->report);
	profile_free(&j->work);
	verify_state_clear(&j->vstate);
}
