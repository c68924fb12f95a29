/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The trainer's summary, built from the session's event log. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/stepref.h"
#include "scenario.h"
#include "summary.h"

void practice_record_check(struct practice *t, const struct report *r, bool full)
{
	const struct report_line *f = report_first_fail(r);

	if (!f && !full)
		return;
	if (f)
		practice_log(t, PR_EV_CHECK, f->step, "%s: %s", f->check, f->text);
	else {
		practice_log(t, PR_EV_CHECK, -1, "%s", _("every check passed"));
		t->events[t->nevents - 1].seconds = 1; /* marks a pass */
	}
}

void practice_record_step(struct practice *t, int step, double seconds)
{
	practice_log(t, PR_EV_STEP, step, "%s", step_name(step));
	t->events[t->nevents - 1].seconds = seconds;
}

bool practice_verified(const struct practice *t)
{
	for (int i = 0; i < t->nevents; i++)
		if (t->events[i].kind == PR_EV_CHECK && t->events[i].seconds > 0)
			return true;
	return false;
}

static void span(char *out, size_t n, double secs)
{
	long s = secs < 0 ? 0 : (long)(secs + 0.5);

	if (s >= 3600)
		snprintf(out, n, "%ld h %02ld min", s / 3600, s / 60 % 60);
	else if (s >= 60)
		snprintf(out, n, "%ld min %02ld s", s / 60, s % 60);
	else
		snprintf(out, n, "%ld s", s);
}

char *practice_summary(struct practice *t)
{
	const struct pr_scenario *sc = practice_scenario(t->scenario);
	char *buf = NULL, when[64], d[32];
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct tm tm;
	int checks = 0, failed = 0, changes = 0, verified_at = -1;
	double step_time[STEP_COUNT] = {0};
	time_t first_fail[STEP_COUNT] = {0}, fixed[STEP_COUNT] = {0};

	if (!out)
		return NULL;
	gmtime_r(&t->started, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
	fprintf(out, "%s\n", _("PRACTICE: trainer's summary"));
	fprintf(out, _("Scenario: %s (%s)\n"), t->scenario, sc ? _(sc->summary) : "-");
	span(d, sizeof(d), difftime(time(NULL), t->started));
	fprintf(out, _("Started %s; %s so far.\n"), when, d);

	fprintf(out, "\n%s\n", _("Checks run:"));
	for (int i = 0; i < t->nevents; i++) {
		const struct pr_event_rec *ev = &t->events[i];
		if (ev->kind != PR_EV_CHECK)
			continue;
		checks++;
		span(d, sizeof(d), difftime(ev->real, t->started));
		if (ev->seconds <= 0) {
			failed++;
			fprintf(out, _("  +%-10s check %d FAILED at step %d (%s): %s\n"), d, checks, ev->step,
				ev->step >= 0 ? step_name(ev->step) : "-", ev->text);
			if (ev->step >= 0 && ev->step < STEP_COUNT && !first_fail[ev->step])
				first_fail[ev->step] = ev->real;
		} else {
			fprintf(out, _("  +%-10s check %d passed\n"), d, checks);
			if (verified_at < 0)
				verified_at = i;
		}
		/* A step is fixed when a later check fails further on, or passes. */
		for (int s = 0; s < STEP_COUNT; s++)
			if (first_fail[s] && !fixed[s] && (ev->seconds > 0 || ev->step > s))
				fixed[s] = ev->real;
	}
	if (!checks)
		fprintf(out, "  %s\n", _("(none yet)"));

	fprintf(out, "\n%s\n", _("Changes made:"));
	for (int i = 0; i < t->nevents; i++) {
		const struct pr_event_rec *ev = &t->events[i];
		if (ev->kind != PR_EV_CHANGE)
			continue;
		changes++;
		span(d, sizeof(d), difftime(ev->real, t->started));
		fprintf(out, "  +%-10s %s\n", d, ev->text);
	}
	if (!changes)
		fprintf(out, "  %s\n", _("(none)"));

	fprintf(out, "\n%s\n", _("Time per step:"));
	{
		bool any = false;
		for (int i = 0; i < t->nevents; i++)
			if (t->events[i].kind == PR_EV_STEP && t->events[i].step >= 0 &&
			    t->events[i].step < STEP_COUNT)
				step_time[t->events[i].step] += t->events[i].seconds;
		for (int s = 0; s < STEP_COUNT; s++) {
			char fix[64] = "";
			if (!step_time[s] && !first_fail[s])
				continue;
			any = true;
			span(d, sizeof(d), step_time[s]);
			if (first_fail[s] && fixed[s]) {
				char f[32];
				span(f, sizeof(f), difftime(fixed[s], first_fail[s]));
				snprintf(fix, sizeof(fix), _("; fixed %s after it failed"), f);
			} else if (first_fail[s]) {
				snprintf(fix, sizeof(fix), "%s", _("; still failing"));
			}
			fprintf(out, _("  step %d %-*s %s on screen%s\n"), s, i18n_pad(step_name(s), 26),
				step_name(s), step_time[s] ? d : "-", fix);
		}
		if (!any)
			fprintf(out, "  %s\n", _("(no step timed yet)"));
	}
	fprintf(out, "\n");
	if (verified_at >= 0) {
		span(d, sizeof(d), difftime(t->events[verified_at].real, t->started));
		fprintf(out,
			P_("Outcome: verified after %d check, %s after the start.\n",
			   "Outcome: verified after %d checks, %s after the start.\n", checks),
			checks, d);
	} else {
		fprintf(out,
			P_("Outcome: not verified yet (%d check, %d failed).\n",
			   "Outcome: not verified yet (%d checks, %d failed).\n", checks),
			checks, failed);
	}
	return fclose(out) == 0 ? buf : (free(buf), NULL);
}
