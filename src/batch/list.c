/* SPDX-License-Identifier: GPL-3.0-or-later */
/* --list: every profile with its cloud, tenant, secret expiry, last check and last saved
 * verification. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"
#include "core/i18n.h"
#include "core/lastcheck.h"
#include "core/store.h"
#include "core/text.h"
#include "frontends.h"

/* "YYYY-MM-DD HH:MM message" for a recorded result. */
static void when_what(time_t at, const char *what, char *out, size_t n)
{
	char when[32];
	struct tm tm;

	gmtime_r(&at, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	snprintf(out, n, "%s %s", when, what ? what : "");
}

enum o365_rc batch_list(const struct options *o)
{
	char dir[4096], path[4200], **names = NULL;
	struct o365_err e;
	enum o365_rc rc;
	int n;

	err_clear(&e);
	if ((rc = store_dir(dir, sizeof(dir), &e)) != O365_OK) {
		err_print(&e);
		return rc;
	}
	n = store_list(dir, &names);
	if (n == 0) {
		printf(_("No profiles in %s. Run o365-oauth-setup to create one.\n"), dir);
		practice_list_profiles(stdout);
		return O365_OK;
	}
	/* The last --check (a state file) and the verification saved in the profile are different
	 * facts: a cron check that fails never rewrites the profile. */
	printf("%-*s %-*s %-*s %-*s %s\n", i18n_pad(_("PROFILE"), 16), _("PROFILE"), i18n_pad(_("CLOUD"), 7),
	       _("CLOUD"), i18n_pad(_("TENANT"), 38), _("TENANT"), i18n_pad(_("SECRET EXPIRES"), 17),
	       _("SECRET EXPIRES"), _("LAST CHECK / LAST SAVED VERIFICATION"));
	for (int i = 0; i < n; i++) {
		struct profile *p = NULL;
		const struct verification *v;
		struct last_check lc;
		char exp[40] = "-", checked[700], saved[700];
		int days;
		snprintf(path, sizeof(path), "%s/%s.json", dir, names[i]);
		if (store_load(path, &p, &e) != O365_OK) {
			printf("%-16s %s\n", names[i], e.msg);
			continue;
		}
		days = profile_days_left(p, time(NULL));
		if (days != INT_MIN)
			snprintf(exp, sizeof(exp), "%s (%dd)", p->secret_expiry, days);
		if (lastcheck_load(path, &lc))
			when_what(lc.at, lc.message, checked, sizeof(checked));
		else
			snprintf(checked, sizeof(checked), "%s", _("never checked"));
		if (p->draft)
			snprintf(saved, sizeof(saved), "%s", _("draft (setup not finished)"));
		else if ((v = profile_result(p, PROFILE_OVERALL)))
			when_what(v->at, v->message, saved, sizeof(saved));
		else
			snprintf(saved, sizeof(saved), "%s", _("never verified"));
		{
			/* a profile is a file anyone may have written: no raw control characters */
			char *t = text_clean(p->tenant ? p->tenant : "-", 200), *c = text_clean(checked, 300),
			     *sv = text_clean(saved, 300);
			printf("%-16s %-7s %-38s %-17s %s: %s\n", names[i], cloud_get(p->cloud)->key, t, exp,
			       _("last check"), c);
			printf("%-16s %-7s %-38s %-17s %s: %s\n", "", "", "", "",
			       _("last saved verification"), sv);
			free(t);
			free(c);
			free(sv);
		}
		profile_free(&p);
	}
	store_free_list(&names);
	practice_list_profiles(stdout);
	return O365_OK;
}
