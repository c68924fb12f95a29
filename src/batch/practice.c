/* SPDX-License-Identifier: GPL-3.0-or-later */
/* --practice: every mode against the simulated tenant. Practice profiles and the tenant's state
 * live in their own folder, so they never mix with real profiles, and a practice profile is only
 * ever checked against the simulation. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "core/i18n.h"
#include "core/store.h"
#include "frontends.h"
#include "practice/scenario.h"
#include "practice/servers.h"
#include "practice/shell.h"
#include "practice/summary.h"

struct session {
	char dir[4096];
	char profile[4200];
	char state[4200];
	struct practice *t;
	struct net_backend be;
};

static enum o365_rc practice_dir(char *out, size_t n, struct o365_err *e)
{
	char dir[4000];
	enum o365_rc rc = store_dir(dir, sizeof(dir), e);

	if (rc != O365_OK)
		return rc;
	if ((rc = store_ensure_dir(dir, e)) != O365_OK)
		return rc;
	snprintf(out, n, "%s/practice", dir);
	return store_ensure_dir(out, e);
}

static int list_scenarios(void)
{
	int n;
	const struct pr_scenario *s = practice_scenarios(&n);

	printf("%s\n", _("Practice scenarios (o365-oauth-setup --practice SCENARIO):"));
	for (int i = 0; i < n; i++)
		printf("  %-22s %s\n", s[i].name, _(s[i].summary));
	printf("  %-22s %s\n", "random",
	       _("one of the mistakes above (no-sendas aside), not named until it is fixed"));
	return 0;
}

void practice_list_profiles(FILE *f)
{
	char dir[4096], **names = NULL;
	struct o365_err e;
	int n;

	err_clear(&e);
	if (store_dir(dir, sizeof(dir), &e) != O365_OK)
		return;
	snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/practice");
	n = store_list(dir, &names);
	for (int i = 0, shown = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		if (len > 7 && !strcmp(names[i] + len - 7, ".tenant"))
			continue;
		if (!shown++)
			fprintf(f, "\n%s\n",
				_("Practice profiles (simulated tenant; used only with --practice):"));
		fprintf(f, "%-16s PRACTICE  o365-oauth-setup --practice %s\n", names[i], names[i]);
	}
	store_free_list(&names);
}

static enum o365_rc open_session(const struct options *o, struct session *s, struct o365_err *e)
{
	const char *name = o->practice;
	enum o365_rc rc;

	memset(s, 0, sizeof(*s));
	if (strcmp(name, "random") != 0 && !practice_scenario(name)) {
		err_set(e, O365_EUSAGE, _("No practice scenario is called '%s'."), name);
		err_fix(e, "%s", _("See them all with: o365-oauth-setup --practice list"));
		return O365_EUSAGE;
	}
	if ((rc = practice_dir(s->dir, sizeof(s->dir), e)) != O365_OK)
		return rc;
	snprintf(s->profile, sizeof(s->profile), "%s/%s.json", s->dir, name);
	snprintf(s->state, sizeof(s->state), "%s/%s.tenant.json", s->dir, name);
	if (o->practice_reset) {
		unlink(s->profile);
		unlink(s->state);
	}
	if (store_exists(s->state)) {
		if ((rc = practice_load(s->state, o->practice_speed, &s->t, e)) != O365_OK)
			return rc;
	} else {
		s->t = practice_new(strcmp(name, "random") ? name : practice_pick_random(),
				    o->practice_speed);
		if (!s->t)
			return err_set(e, O365_EIO, "%s", _("Out of memory."));
	}
	/* The values a trainee would have typed: the mistake is already made. The clean and fresh
	 * runs start the wizard empty, so the trainee types everything. */
	if (!store_exists(s->profile) && o->mode != MODE_BATCH &&
	    (o->mode != MODE_WIZARD || practice_scenario(s->t->scenario)->mistake)) {
		struct profile *p = profile_new();
		if (!p)
			return err_set(e, O365_EIO, "%s", _("Out of memory."));
		practice_lock(s->t);
		practice_typed_profile(s->t, p);
		practice_unlock(s->t);
		rc = store_save(s->profile, p, e);
		profile_free(&p);
		if (rc != O365_OK)
			return rc;
	}
	practice_backend(s->t, &s->be);
	return O365_OK;
}

static enum o365_rc run_shell(struct session *s)
{
	char *line = NULL;
	size_t cap = 0;
	bool tty = isatty(STDIN_FILENO), failed = false;

	if (tty)
		printf("%s\n",
		       _("PRACTICE PowerShell prompt (simulated Exchange Online). Paste the commands from "
			 "step 5, or type them; \"portal\" shows the portal; Ctrl-D ends."));
	for (;;) {
		bool err;
		char *text;
		ssize_t n;
		if (tty) {
			printf("PS> ");
			fflush(stdout);
		}
		if ((n = getline(&line, &cap, stdin)) < 0)
			break;
		line[strcspn(line, "\r\n")] = '\0';
		if (!tty)
			printf("PS> %s\n", line);
		text = practice_shell_line(s->t, line, &err);
		fputs(text ? text : "", stdout);
		free(text);
		failed |= err;
	}
	free(line);
	if (tty)
		printf("\n");
	return failed ? O365_ECONFIG : O365_OK;
}

/* --check against the simulated tenant, with the report kept for the summary. */
static enum o365_rc run_check(const struct options *po, struct session *s)
{
	struct loaded l;
	struct verify_opts vo;
	struct verify_state st = {0};
	struct report r = {0};
	enum o365_rc rc;

	if ((rc = batch_load(po, &l)) != O365_OK)
		return rc;
	batch_verify_opts(po, &vo);
	printf(_("Checking %s (PRACTICE: simulated tenant)\n"), l.path);
	rc = verify_run(l.p, &vo, &st, &r);
	if (!po->quiet && isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K");
	batch_print_report(po, &r);
	practice_lock(s->t);
	practice_record_check(s->t, &r, !po->token_only);
	practice_unlock(s->t);
	verify_state_clear(&st);
	report_clear(&r);
	profile_free(&l.p);
	return rc;
}

static void summary(const struct options *o, struct session *s, bool print)
{
	char *text;

	bool hidden;

	practice_lock(s->t);
	text = practice_summary(s->t);
	/* random keeps its secret from the trainee until the setup is verified. */
	hidden = !strcmp(o->practice, "random") && !practice_verified(s->t);
	practice_unlock(s->t);
	if (!text)
		return;
	if (print && hidden)
		printf("\n%s\n",
		       _("PRACTICE (random scenario): not verified yet. The trainer's summary names the "
			 "scenario once every check passes, or now with --summary FILE."));
	else if (print)
		printf("\n%s", text);
	if (o->summary_file) {
		FILE *f = fopen(o->summary_file, "w");
		if (!f || fputs(text, f) < 0 || fclose(f) != 0)
			fprintf(stderr, _("%s: cannot write the summary to %s: %s\n"), PACKAGE,
				o->summary_file, strerror(errno));
		else
			printf(_("Trainer's summary saved in %s\n"), o->summary_file);
	}
	free(text);
}

enum o365_rc practice_run(const struct options *o, int *status)
{
	struct session s;
	struct options po = *o;
	struct o365_err e;
	enum o365_rc rc, src;

	*status = 0;
	if (!strcmp(o->practice, "list"))
		return list_scenarios();
	if (o->nagios) {
		fprintf(stderr, _("%s: --nagios watches real tenants, not practice ones\n"), PACKAGE);
		return O365_EUSAGE;
	}
	err_clear(&e);
	if ((rc = open_session(o, &s, &e)) != O365_OK) {
		err_print(&e);
		practice_free(&s.t);
		return rc;
	}
	po.config = s.profile;
	po.profile = NULL;
	po.net = &s.be;
	po.practice_tenant = s.t;
	if (o->practice_portal) {
		char *text;
		practice_lock(s.t);
		text = practice_portal_text(s.t);
		practice_unlock(s.t);
		fputs(text ? text : "", stdout);
		free(text);
		rc = O365_OK;
	} else if (o->practice_shell) {
		rc = run_shell(&s);
	} else if (o->mode == MODE_CHECK) {
		rc = run_check(&po, &s);
	} else if (o->mode == MODE_LIST) {
		rc = batch_list(&po);
	} else {
		rc = frontend_run(&po, status);
	}
	if (o->mode == MODE_BATCH || o->mode == MODE_ROTATE) {
		practice_lock(s.t);
		practice_log(s.t, PR_EV_CHECK, -1, "%s: %s", o->mode == MODE_BATCH ? "--batch" : "--rotate",
			     rc == O365_OK ? _("every check passed") : err_rc_name(rc));
		s.t->events[s.t->nevents - 1].seconds = rc == O365_OK ? 1 : 0;
		practice_unlock(s.t);
	}
	{
		bool checked = !o->practice_portal && !o->practice_shell &&
			       (o->mode == MODE_CHECK || o->mode == MODE_BATCH || o->mode == MODE_ROTATE ||
				o->mode == MODE_WIZARD);
		if (checked || o->summary_file)
			summary(o, &s, checked);
	}
	if ((src = practice_save(s.t, s.state, &e)) != O365_OK) {
		err_print(&e);
		if (rc == O365_OK)
			rc = src;
	}
	practice_free(&s.t);
	return rc;
}
