/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fieldcheck.h"
#include "i18n.h"
#include "stepref.h"
#include "validate.h"

static void field(struct report *r, enum vres v, const struct vmsg *m, const char *check, int step,
		  const char *what)
{
	if (v == V_ERR)
		report_add(r, RS_FAIL, RK_FIELD, check, step, O365_ECONFIG, m->text, _("%s is not valid."),
			   what);
	else if (v == V_WARN)
		report_add(r, RS_WARN, RK_FIELD, check, step, O365_OK, NULL, "%s: %s", what, m->text);
}

void fieldcheck_run(const struct profile *p, const struct fieldcheck_opts *o, struct report *r)
{
	struct vmsg m;
	int before = r->n, days;

	field(r, validate_tenant(p->tenant, &m), &m, "tenant", STEP_APP, _("Directory (tenant) ID"));
	field(r, validate_client_id(p->client_id, p->tenant, &m), &m, "client-id", STEP_APP,
	      _("Application (client) ID"));
	if (p->auth == AUTH_CERTIFICATE) {
		struct stat st;
		/* regular files only: a FIFO would hang the read */
		if (!p->cert_path || access(p->cert_path, R_OK) != 0 || stat(p->cert_path, &st) != 0 ||
		    !S_ISREG(st.st_mode))
			report_add(r, RS_FAIL, RK_FIELD, "certificate", STEP_SECRET, O365_ECONFIG,
				   _("Generate the certificate at step 2, or set certificate.cert to its PEM "
				     "file."),
				   _("The certificate file %s cannot be read."),
				   p->cert_path ? p->cert_path : "-");
		if (!p->key_path || stat(p->key_path, &st) != 0 || !S_ISREG(st.st_mode))
			report_add(r, RS_FAIL, RK_FIELD, "certificate", STEP_SECRET, O365_ECONFIG,
				   _("Generate the certificate at step 2, or set certificate.key to its key "
				     "file."),
				   _("The private key %s cannot be read."), p->key_path ? p->key_path : "-");
		else if (st.st_mode & 077)
			report_add(r, RS_FAIL, RK_FIELD, "certificate", STEP_SECRET, O365_ECONFIG, NULL,
				   _("The private key %s is readable by others: run chmod 600 on it."),
				   p->key_path);
	} else {
		const char *sec = o->secret;
		field(r, validate_secret(sec, p->client_id, p->tenant, NULL, &m), &m, "secret", STEP_SECRET,
		      _("Client secret"));
	}
	/* The token needs only steps 0-2; the mail fields come later in the wizard. */
	if (!o->token_only && (p->mod_notifications || p->mod_reporting || p->mod_delivery)) {
		field(r, validate_email(p->username, &m), &m, "username", STEP_MAILSERVER, _("Username"));
		field(r, validate_email(p->sender, &m), &m, "sender", STEP_MAILSERVER,
		      _("Sender's e-mail address"));
		field(r, validate_host(p->smtp_server, &m), &m, "smtp-server", STEP_MAILSERVER,
		      _("SMTP server"));
		if (p->smtp_port < 1 || p->smtp_port > 65535)
			report_add(r, RS_FAIL, RK_FIELD, "smtp-port", STEP_MAILSERVER, O365_ECONFIG, NULL,
				   "%s",
				   _("The SMTP server port must be from 1 to 65535 (587 for Office 365)."));
		else if (p->smtp_port != CLOUD_SMTP_PORT && !p->smtp_check_server)
			report_add(r, RS_WARN, RK_FIELD, "smtp-port", STEP_MAILSERVER, O365_OK, NULL,
				   _("SMTP port %d: Office 365 takes OAuth submission on 587."),
				   p->smtp_port);
		if (p->transport == TSEC_NONE)
			report_add(
				r, RS_FAIL, RK_FIELD, "transport", STEP_MAILSERVER, O365_ECONFIG, NULL, "%s",
				_("Transport security None sends the token in clear; choose Auto or TLS."));
		else if (p->transport == TSEC_SSL)
			report_add(r, RS_WARN, RK_FIELD, "transport", STEP_MAILSERVER, O365_OK, NULL, "%s",
				   _("Transport security SSL may mean implicit TLS, which port 587 does not "
				     "speak; Auto or TLS is safer."));
	}
	for (int i = 0; !o->token_only && p->mailboxes && p->mailboxes[i]; i++)
		field(r, validate_email(p->mailboxes[i], &m), &m, "mailboxes", STEP_EXCHANGE,
		      p->mailboxes[i]);
	if (p->authority)
		field(r, validate_authority(p->authority, &m), &m, "authority", STEP_START,
		      _("Authority URL"));
	if (r->n == before)
		report_add(r, RS_OK, RK_FIELD, "fields", -1, O365_OK, NULL, "%s",
			   _("All fields are well-formed."));
	days = profile_days_left(p, time(NULL));
	if (days == INT_MIN)
		report_add(r, RS_INFO, RK_EXPIRY, NULL, -1, O365_OK, NULL, "%s",
			   _("No secret expiry date recorded; add it at step 2 to be warned in time."));
	else if (days < 0)
		report_add(r, RS_WARN, RK_EXPIRY, NULL, STEP_SECRET, O365_EEXPIRY,
			   _("Rotate the secret: o365-oauth-setup --rotate"),
			   _("The recorded expiry date %s has passed."), p->secret_expiry);
	else if (days <= o->warn_days)
		report_add(r, RS_WARN, RK_EXPIRY, NULL, STEP_SECRET, O365_EEXPIRY,
			   _("Rotate the secret: o365-oauth-setup --rotate"),
			   P_("The client secret expires in %d day (%s).",
			      "The client secret expires in %d days (%s).", days),
			   days, p->secret_expiry);
	else
		report_add(r, RS_OK, RK_EXPIRY, NULL, -1, O365_OK, NULL,
			   _("The client secret expires in %d days (%s)."), days, p->secret_expiry);
}
