/* SPDX-License-Identifier: GPL-3.0-or-later */
/* --rotate: a transaction. The new secret is verified alone; only then is it swapped into the
 * profile (atomically, with a backup). On any failure the file stays byte for byte as it was. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "common.h"
#include "core/codec.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/store.h"
#include "core/validate.h"
#include "frontends.h"

enum o365_rc batch_rotate(const struct options *o)
{
	struct loaded l;
	struct o365_err e;
	struct profile *next = NULL;
	char *secret = NULL, *clean = NULL, old_expiry[32];
	struct vmsg m;
	struct verify_opts vo;
	struct verify_state st = {0};
	struct report r = {0};
	enum o365_rc rc;

	err_clear(&e);
	if ((rc = batch_load(o, &l)) != O365_OK)
		return rc;
	snprintf(old_expiry, sizeof(old_expiry), "%s",
		 l.p->secret_expiry ? l.p->secret_expiry : _("unknown"));
	if ((rc = batch_read_secret(o, &secret, &e)) != O365_OK)
		goto fail;
	if (!secret) {
		rc = err_set(&e, O365_EUSAGE, "%s",
			     _("--rotate needs the new secret from --secret-stdin or --secret-file."));
		goto fail;
	}
	if (validate_secret(secret, l.p->client_id, l.p->tenant, &clean, &m) == V_ERR) {
		rc = err_set(&e, O365_ECONFIG, _("The new client secret is not valid: %s"), m.text);
		goto fail;
	}
	if (l.p->secret && strcmp(clean, l.p->secret) == 0) {
		rc = err_set(
			&e, O365_ECONFIG, "%s",
			_("This is the secret already in use. Create a new client secret (keep the old one "
			  "until the end) and pass its Value."));
		goto fail;
	}
	if (o->secret_expiry && validate_expiry(o->secret_expiry, time(NULL), &m) == V_ERR) {
		rc = err_set(&e, O365_EUSAGE, "--secret-expiry: %s", m.text);
		goto fail;
	}
	next = profile_clone(l.p);
	profile_set_secret(next, clean);
	next->auth = AUTH_SECRET;
	profile_set_str(&next->secret_expiry, o->secret_expiry);
	batch_verify_opts(o, &vo);
	batch_live_report(o, &r);
	printf(_("Verifying the new secret for %s (the old one stays in force) ...\n"), l.path);
	rc = verify_run(next, &vo, &st, &r);
	batch_print_report(o, &r);
	if (rc != O365_OK && rc != O365_EEXPIRY) {
		printf(_("Rotation abandoned: nothing was changed and the old secret (expires %s) stays in "
			 "use.\n"),
		       old_expiry);
		goto out;
	}
	if ((rc = store_save(l.path, next, &e)) != O365_OK) {
		err_print(&e);
		printf(_("Rotation not completed: the new secret passed its checks but could not be saved; "
			 "%s "
			 "is unchanged and the old secret (expires %s) stays in use.\n"),
		       l.path, old_expiry);
		goto out;
	}
	printf(_("The new secret is saved in %s (the previous file is kept as a backup).\n"), l.path);
	printf(_("Now update the Extension Kit's Client Secret, then delete the old secret (expires %s) in "
		 "Entra ID > App registrations > Certificates & secrets.\n"),
	       old_expiry);
	if (!o->secret_expiry)
		printf("%s\n",
		       _("No expiry was given for the new secret: record it with --batch or the wizard."));
	goto out;
fail:
	err_print(&e);
out:
	codec_free_secret(&secret);
	codec_free_secret(&clean);
	verify_state_clear(&st);
	report_clear(&r);
	profile_free(&next);
	profile_free(&l.p);
	return rc;
}
