/* SPDX-License-Identifier: GPL-3.0-or-later */
/* --check: verify a saved profile without a screen; --nagios: one monitoring line. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "core/i18n.h"
#include "core/lastcheck.h"
#include "core/stepref.h"
#include "core/xalloc.h"
#include "frontends.h"

/* Prints each line as the check adds it, so a hung or killed run still leaves its log. */
static void live_line(void *ud, struct report *r)
{
	const struct options *o = ud;

	if (!o->quiet && isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K"); /* the progress line gives way */
	report_print_from(stdout, r, r->shown, !o->no_color && isatty(STDOUT_FILENO), o->quiet);
	r->shown = r->n;
}

void batch_live_report(const struct options *o, struct report *r)
{
	if (o->nagios)
		return;
	r->added = live_line;
	r->ud = (void *)o;
}

/* Prints the lines not yet shown and a closing line; shared by --check, --batch and --rotate. */
void batch_print_report(const struct options *o, const struct report *r)
{
	bool color = !o->no_color && isatty(STDOUT_FILENO);
	const struct report_line *f = report_first_fail(r);

	report_print_from(stdout, r, r->shown, color, o->quiet);
	if (f && f->step >= 0)
		printf(_("Result: FAILED at step %d (%s).\n"), f->step, step_name(f->step));
	else if (f)
		printf("%s\n", _("Result: FAILED."));
	else if (!o->quiet) {
		int nok = report_count(r, RS_OK), nwarn = report_count(r, RS_WARN);
		char passed[64], warned[64];

		snprintf(passed, sizeof(passed), P_("%d passed", "%d passed", nok), nok);
		snprintf(warned, sizeof(warned), P_("%d warning", "%d warnings", nwarn), nwarn);
		/* TRANSLATORS: "Result: 5 passed, 1 warning." */
		printf(_("Result: %s, %s.\n"), passed, warned);
	}
}

/* One Nagios line for a profile; name (for --all) prefixes the text and every perfdata label. */
int batch_nagios(FILE *out, const char *name, const struct options *o, const struct profile *p,
		 const struct report *r, const struct verify_state *st, enum o365_rc rc, double secs)
{
	int days = profile_days_left(p, time(NULL));
	const struct report_line *f = report_first_fail(r);
	const char *label;
	int code;
	char perf[768], pre[160] = "", q[4] = "";

	if (rc == O365_ECONFIG || rc == O365_EUSAGE || rc == O365_EIO) {
		code = 3;
		label = "UNKNOWN";
	} else if (f || (days != INT_MIN && days < 0) || (days != INT_MIN && days <= 7)) {
		code = 2;
		label = "CRITICAL";
	} else if (report_count(r, RS_WARN) || (days != INT_MIN && days <= o->warn_days)) {
		code = 1;
		label = "WARNING";
	} else {
		code = 0;
		label = "OK";
	}
	if (name) {
		snprintf(pre, sizeof(pre), "%s ", name);
		snprintf(q, sizeof(q), "'");
	}
	if (days != INT_MIN)
		snprintf(perf, sizeof(perf),
			 "%s%sdays_left%s=%d;%d;7 %s%scheck_time%s=%.3fs %s%stoken_time%s=%.3fs "
			 "%s%simap_time%s=%.3fs %s%ssmtp_time%s=%.3fs",
			 q, pre, q, days, o->warn_days, q, pre, q, secs, q, pre, q, st->t_token, q, pre, q,
			 st->t_imap, q, pre, q, st->t_smtp);
	else
		snprintf(perf, sizeof(perf),
			 "%s%scheck_time%s=%.3fs %s%stoken_time%s=%.3fs %s%simap_time%s=%.3fs "
			 "%s%ssmtp_time%s=%.3fs",
			 q, pre, q, secs, q, pre, q, st->t_token, q, pre, q, st->t_imap, q, pre, q,
			 st->t_smtp);
	if (name)
		snprintf(pre, sizeof(pre), "%s: ", name);
	if (f) {
		/* '|' starts the performance data: none may come from the text, nor from the check's
		 * name (an address may hold one). */
		char *t = xstrdup(f->text), *k = xstrdup(f->check);
		for (char *c = t; *c; c++)
			if (*c == '|')
				*c = '/';
		for (char *c = k; *c; c++)
			if (*c == '|')
				*c = '/';
		fprintf(out, "O365-OAUTH %s - %s%s: %s | %s\n", label, pre, k, t, perf);
		free(t);
		free(k);
	} else if (days != INT_MIN)
		fprintf(out, "O365-OAUTH %s - %s%s; secret expires in %d days (%s) | %s\n", label, pre,
			report_count(r, RS_WARN) ? "checks passed with warnings" : "all checks passed", days,
			p->secret_expiry, perf);
	else
		fprintf(out, "O365-OAUTH %s - %s%s; no secret expiry recorded | %s\n", label, pre,
			report_count(r, RS_WARN) ? "checks passed with warnings" : "all checks passed", perf);
	return code;
}

/* Records the outcome beside, never in, the profile; a failure to record is said, not fatal. */
void batch_record_last_check(const char *path, const struct last_check *lc)
{
	struct o365_err e;

	err_clear(&e);
	if (lastcheck_save(path, lc, &e) != O365_OK)
		fprintf(stderr, _("%s: the outcome of this check was not recorded: %s\n"), PACKAGE, e.msg);
}

enum o365_rc batch_check(const struct options *o, int *status)
{
	struct loaded l;
	struct verify_opts vo;
	struct verify_state st = {0};
	struct report r = {0};
	enum o365_rc rc;
	struct timespec t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((rc = batch_load(o, &l)) != O365_OK) {
		if (o->nagios) {
			printf("O365-OAUTH UNKNOWN - profile cannot be used | \n");
			*status = 3;
		}
		return rc;
	}
	if (l.p->draft) {
		struct last_check lc = {.at = time(NULL), .status = CHECK_FAIL, .rc = O365_ECONFIG};
		lc.step = l.p->resume_step;
		snprintf(lc.message, sizeof(lc.message), "%s", _("draft (setup not finished)"));
		batch_record_last_check(l.path, &lc);
		/* A draft is never mistaken for a verified profile. */
		if (o->nagios) {
			printf("O365-OAUTH UNKNOWN - %s is a draft: setup not finished | \n", l.path);
			*status = 3;
		} else {
			fprintf(stderr,
				_("%s: %s is a draft: the wizard stopped at step %d (%s). Run "
				  "o365-oauth-setup to "
				  "finish it.\n"),
				PACKAGE, l.path, l.p->resume_step, step_name(l.p->resume_step));
		}
		profile_free(&l.p);
		return O365_ECONFIG;
	}
	batch_verify_opts(o, &vo);
	batch_live_report(o, &r);
	if (!o->quiet && !o->nagios) {
		printf(_("Checking %s\n"), l.path);
		fflush(stdout);
	}
	rc = verify_run(l.p, &vo, &st, &r);
	{
		struct last_check lc;
		lastcheck_from_report(&r, time(NULL), &lc);
		batch_record_last_check(l.path, &lc);
	}
	if (!o->quiet && !o->nagios && isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (o->nagios)
		*status = batch_nagios(stdout, NULL, o, l.p, &r, &st, rc,
				       (double)(t1.tv_sec - t0.tv_sec) +
					       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	else
		batch_print_report(o, &r);
	verify_state_clear(&st);
	report_clear(&r);
	profile_free(&l.p);
	return rc;
}
