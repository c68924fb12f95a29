/* --export, --powershell and --list. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common.h"
#include "core/codec.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/powershell.h"
#include "core/store.h"
#include "frontends.h"

enum o365_rc batch_export(const struct options *o)
{
	struct loaded l;
	int f = export_format_from_name(o->export_format);
	char *text;
	enum o365_rc rc;

	if (f < 0) {
		fprintf(stderr, _("%s: --export takes extension-kit, json or env, not '%s'\n"), PACKAGE,
			o->export_format);
		return O365_EUSAGE;
	}
	if ((rc = batch_load(o, &l)) != O365_OK)
		return rc;
	text = export_profile(l.p, (enum export_format)f, o->include_secret);
	if (text) {
		fputs(text, stdout);
		codec_cleanse(text, strlen(text));
		free(text);
	}
	profile_free(&l.p);
	return text ? O365_OK : O365_EIO;
}

enum o365_rc batch_powershell(const struct options *o)
{
	struct loaded l;
	char *text;
	enum o365_rc rc;

	if ((rc = batch_load(o, &l)) != O365_OK)
		return rc;
	text = powershell_script(l.p, time(NULL));
	if (text)
		fputs(text, stdout);
	free(text);
	profile_free(&l.p);
	return text ? O365_OK : O365_EIO;
}

static const struct verification *overall(const struct profile *p)
{
	for (int i = 0; i < p->n_results; i++)
		if (!strcmp(p->results[i].name, "overall"))
			return &p->results[i];
	return NULL;
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
	printf("%-16s %-7s %-38s %-16s %s\n", _("PROFILE"), _("CLOUD"), _("TENANT"), _("SECRET EXPIRES"),
	       _("LAST RESULT"));
	for (int i = 0; i < n; i++) {
		struct profile *p = NULL;
		const struct verification *v;
		char exp[40] = "-", last[200] = "-";
		int days;
		snprintf(path, sizeof(path), "%s/%s.json", dir, names[i]);
		if (store_load(path, &p, &e) != O365_OK) {
			printf("%-16s %s\n", names[i], e.msg);
			continue;
		}
		days = profile_days_left(p, time(NULL));
		if (days != INT_MIN)
			snprintf(exp, sizeof(exp), "%s (%dd)", p->secret_expiry, days);
		if ((v = overall(p))) {
			char when[32];
			struct tm tm;
			gmtime_r(&v->at, &tm);
			strftime(when, sizeof(when), "%Y-%m-%d", &tm);
			snprintf(last, sizeof(last), "%s %s", when, v->message ? v->message : "");
		}
		if (p->draft)
			snprintf(last, sizeof(last), "%s", _("draft (setup not finished)"));
		printf("%-16s %-7s %-38s %-16s %s\n", names[i], cloud_get(p->cloud)->key,
		       p->tenant ? p->tenant : "-", exp, last);
		profile_free(&p);
	}
	store_free_list(&names);
	practice_list_profiles(stdout);
	return O365_OK;
}
