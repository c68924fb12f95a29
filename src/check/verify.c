/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/catalogue.h"
#include "core/claims.h"
#include "core/i18n.h"
#include "core/stepref.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "net/mail.h"
#include "verify.h"

static void progress(const struct verify_opts *o, const char *fmt, ...) O365_PRINTF(2, 3);

static void progress(const struct verify_opts *o, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (!o->progress)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	o->progress(o->ud, line);
}

static void field(struct report *r, enum vres v, const struct vmsg *m, const char *check, int step,
		  const char *what)
{
	if (v == V_ERR)
		report_add(r, RS_FAIL, RK_FIELD, check, step, O365_ECONFIG, m->text, _("%s is not valid."),
			   what);
	else if (v == V_WARN)
		report_add(r, RS_WARN, RK_FIELD, check, step, O365_OK, NULL, "%s: %s", what, m->text);
}

void verify_fields(const struct profile *p, const struct verify_opts *o, struct report *r)
{
	struct vmsg m;
	int before = r->n, days;

	field(r, validate_tenant(p->tenant, &m), &m, "tenant", STEP_APP, _("Directory (tenant) ID"));
	field(r, validate_client_id(p->client_id, p->tenant, &m), &m, "client-id", STEP_APP,
	      _("Application (client) ID"));
	if (p->auth == AUTH_CERTIFICATE) {
		struct stat st;
		if (!p->cert_path || access(p->cert_path, R_OK) != 0)
			report_add(r, RS_FAIL, RK_FIELD, "certificate", STEP_SECRET, O365_ECONFIG,
				   _("Generate the certificate at step 2, or set certificate.cert to its PEM "
				     "file."),
				   _("The certificate file %s cannot be read."),
				   p->cert_path ? p->cert_path : "-");
		if (!p->key_path || stat(p->key_path, &st) != 0)
			report_add(r, RS_FAIL, RK_FIELD, "certificate", STEP_SECRET, O365_ECONFIG,
				   _("Generate the certificate at step 2, or set certificate.key to its key "
				     "file."),
				   _("The private key %s cannot be read."), p->key_path ? p->key_path : "-");
		else if (st.st_mode & 077)
			report_add(r, RS_FAIL, RK_FIELD, "certificate", STEP_SECRET, O365_ECONFIG, NULL,
				   _("The private key %s is readable by others: run chmod 600 on it."),
				   p->key_path);
	} else {
		const char *sec = o && o->secret_override ? o->secret_override : p->secret;
		field(r, validate_secret(sec, p->client_id, p->tenant, NULL, &m), &m, "secret", STEP_SECRET,
		      _("Client secret"));
	}
	/* The token needs only steps 0-2; the mail fields come later in the wizard. */
	if (!(o && o->token_only) && (p->mod_notifications || p->mod_reporting || p->mod_delivery)) {
		field(r, validate_email(p->username, &m), &m, "username", STEP_MAILSERVER, _("Username"));
		field(r, validate_email(p->sender, &m), &m, "sender", STEP_MAILSERVER,
		      _("Sender's e-mail address"));
		field(r, validate_host(p->smtp_server, &m), &m, "smtp-server", STEP_MAILSERVER,
		      _("SMTP server"));
		if (p->smtp_port < 1 || p->smtp_port > 65535)
			report_add(r, RS_FAIL, RK_FIELD, "smtp-port", STEP_MAILSERVER, O365_ECONFIG, NULL,
				   "%s",
				   _("The SMTP server port must be from 1 to 65535 (587 for Office 365)."));
		else if (p->smtp_port != 587 && !p->smtp_check_server)
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
	for (int i = 0; !(o && o->token_only) && p->mailboxes && p->mailboxes[i]; i++)
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
	else if (o && days <= o->warn_days)
		report_add(r, RS_WARN, RK_EXPIRY, NULL, STEP_SECRET, O365_EEXPIRY,
			   _("Rotate the secret: o365-oauth-setup --rotate"),
			   P_("The client secret expires in %d day (%s).",
			      "The client secret expires in %d days (%s).", days),
			   days, p->secret_expiry);
	else
		report_add(r, RS_OK, RK_EXPIRY, NULL, -1, O365_OK, NULL,
			   _("The client secret expires in %d days (%s)."), days, p->secret_expiry);
}

static void net_cfg_for(const struct profile *p, const struct verify_opts *o, struct net_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->cacert = o->cacert ? o->cacert : p->ca_file;
	cfg->total_timeout_ms = o->timeout_ms;
	if (o->timeout_ms && o->timeout_ms < 10000)
		cfg->connect_timeout_ms = o->timeout_ms;
	cfg->cancel = o->cancel;
}

/* One FAIL line from a token-endpoint or discovery outcome, with Microsoft's IDs. */
static void net_failure(struct report *r, enum rkind kind, enum o365_rc rc, const struct net_result *nr)
{
	if (nr->code || nr->error[0]) {
		const struct fix *fx = catalogue_aadsts(nr->code);
		char text[1400];
		if (nr->code)
			snprintf(text, sizeof(text), "AADSTS%ld (%s): %s", nr->code, nr->error,
				 fx ? _(fx->cause) : nr->description);
		else
			snprintf(text, sizeof(text), "%s: %s", nr->error, nr->description);
		report_add(r, RS_FAIL, kind, NULL, fx ? fx->step : STEP_APP, rc,
			   fx ? _(fx->fix)
			      : _("Read Microsoft's words above; the trace ID helps Microsoft support."),
			   "%s", text);
		if (fx && nr->description[0])
			report_add(r, RS_INFO, kind, NULL, -1, O365_OK, NULL, _("Microsoft said: %s"),
				   nr->description);
		if (nr->trace_id[0] || nr->correlation_id[0])
			report_add(r, RS_INFO, kind, NULL, -1, O365_OK, NULL,
				   _("For a support ticket: trace ID %s, correlation ID %s, timestamp %s"),
				   nr->trace_id[0] ? nr->trace_id : "-",
				   nr->correlation_id[0] ? nr->correlation_id : "-",
				   nr->timestamp[0] ? nr->timestamp : "-");
		return;
	}
	{
		const struct fix *fx = catalogue_fault(nr->fault);
		if (nr->http_status && nr->fault != NF_NONE)
			report_add(r, RS_FAIL, kind, NULL, fx->step, fx->rc, _(fx->fix),
				   _("%s (HTTP %ld%s%s)"), _(fx->cause), nr->http_status,
				   nr->detail[0] ? ", " : "", nr->detail);
		else
			report_add(r, RS_FAIL, kind, NULL, fx->step, fx->rc, _(fx->fix), "%s%s%s",
				   _(fx->cause), nr->detail[0] ? " " : "", nr->detail);
		if (nr->attempts > 1)
			report_add(r, RS_INFO, kind, NULL, -1, O365_OK, NULL, _("Tried %d times."),
				   nr->attempts);
	}
}

static enum o365_rc check_tenant(struct profile *p, const struct verify_opts *o, struct report *r)
{
	struct net_cfg cfg;
	struct discovery d;
	struct net_result nr;
	enum o365_rc rc;
	int cloud;

	net_cfg_for(p, o, &cfg);
	progress(o, _("Looking up tenant %s ..."), p->tenant);
	rc = net_discover(&cfg, profile_authority(p), p->tenant, &d, &nr);
	if (rc != O365_OK) {
		net_failure(r, RK_TENANT, rc, &nr);
		return rc;
	}
	report_add(r, RS_OK, RK_TENANT, NULL, -1, O365_OK, NULL, _("Tenant %s found (region %s)."), p->tenant,
		   d.region[0] ? d.region : "-");
	/* The issuer's host tells the tenant's cloud. */
	cloud = -1;
	if (strstr(d.cloud_instance, "partner.microsoftonline.cn"))
		cloud = CLOUD_CHINA;
	else if (strstr(d.cloud_instance, "microsoftonline.us"))
		cloud = CLOUD_USGOV;
	else if (strstr(d.cloud_instance, "microsoftonline.com"))
		cloud = CLOUD_GLOBAL;
	if ((cloud >= 0 && cloud != (int)p->cloud) ||
	    (!strcasecmp(d.region, "USG") && p->cloud != CLOUD_USGOV) ||
	    (!strcasecmp(d.region, "USGov") && p->cloud != CLOUD_USGOV))
		report_add(r, RS_WARN, RK_TENANT, NULL, STEP_START, O365_OK,
			   _("Choose the tenant's cloud at step 0."),
			   _("The tenant belongs to another cloud (%s, region %s) than the one chosen (%s)."),
			   d.cloud_instance[0] ? d.cloud_instance : "-", d.region[0] ? d.region : "-",
			   _(cloud_get(p->cloud)->label));
	return O365_OK;
}

static enum o365_rc check_token(struct profile *p, const struct verify_opts *o, struct verify_state *st,
				struct report *r)
{
	struct net_cfg cfg;
	struct net_result nr;
	struct token_request req = {
		.authority = profile_authority(p),
		.tenant = p->tenant,
		.client_id = p->client_id,
		.scope = profile_scope(p),
	};
	struct claims c;
	char why[256];
	enum o365_rc rc;

	if (p->auth == AUTH_CERTIFICATE) {
		req.cert_path = p->cert_path;
		req.key_path = p->key_path;
	} else {
		req.secret = o->secret_override ? o->secret_override : p->secret;
	}
	net_cfg_for(p, o, &cfg);
	if (!token_usable(&st->token, time(NULL))) {
		token_clear(&st->token);
		struct timespec t0, t1;
		progress(o, "%s", _("Requesting a token ..."));
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = net_token_fetch(&cfg, &req, &st->token, &nr);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		st->t_token = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (rc != O365_OK) {
			net_failure(r, RK_TOKEN, rc, &nr);
			return rc;
		}
		report_add(r, RS_OK, RK_TOKEN, NULL, -1, O365_OK, NULL, _("Token issued (valid %ld s)%s."),
			   st->token.expires_in, nr.attempts > 1 ? _(" after retries") : "");
	}
	if (!claims_decode(st->token.access_token, &c, why, sizeof(why))) {
		report_add(r, RS_WARN, RK_CLAIMS, NULL, -1, O365_OK, NULL,
			   _("The token could not be read (%s); the mailbox checks will tell."), why);
		st->roles_known = false;
		st->roles_ok = true;
		st->has_imap_role = st->has_smtp_role = true;
		return O365_OK;
	}
	st->roles_known = true;
	{
		int before = r->n;
		st->roles_ok = claims_diagnose(&c, p, time(NULL), r);
		st->suspect_step = -1;
		for (int i = before; i < r->n; i++)
			if (r->lines[i].st == RS_WARN && r->lines[i].rc == O365_EAUTH && st->suspect_step < 0)
				st->suspect_step = r->lines[i].step;
		if (c.exp && c.exp <= time(NULL)) {
			report_add(r, RS_WARN, RK_CLAIMS, NULL, STEP_TOKEN, O365_EAUTH,
				   _("Check this computer's clock (timedatectl), then run the check again "
				     "for a new "
				     "token."),
				   "%s", _("The token had already expired when it arrived."));
			if (st->suspect_step < 0)
				st->suspect_step = STEP_TOKEN;
		}
	}
	st->has_imap_role = claims_has_role(&c, ROLE_IMAP);
	st->has_smtp_role = claims_has_role(&c, ROLE_SMTP);
	claims_free(&c);
	return st->roles_ok ? O365_OK : O365_EROLES;
}

static void save_transcript(const char *path, struct mail_result *res, int n, struct report *r)
{
	int fd;
	FILE *f;

	if (!path)
		return;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || fchmod(fd, 0600) != 0 || !(f = fdopen(fd, "w"))) {
		if (fd >= 0)
			close(fd);
		report_add(r, RS_WARN, RK_TRANSCRIPT, NULL, -1, O365_OK, NULL,
			   _("Cannot write the transcript %s."), path);
		return;
	}
	for (int i = 0; i < n; i++)
		fprintf(f, "==== %s %s: %s\n%s\n", res[i].proto == MP_IMAP ? "IMAP" : "SMTP", res[i].mailbox,
			res[i].ok ? "OK" : "FAILED", res[i].transcript ? res[i].transcript : "");
	fclose(f);
	report_add(r, RS_INFO, RK_TRANSCRIPT, NULL, -1, O365_OK, NULL,
		   _("Server dialogue kept in %s (tokens redacted)."), path);
}

static void mail_cfg_for(const struct profile *p, const struct verify_opts *o, struct mail_cfg *mc)
{
	memset(mc, 0, sizeof(*mc));
	net_cfg_for(p, o, &mc->net);
	profile_imap_endpoint(p, mc->imap_host, sizeof(mc->imap_host), &mc->imap_port);
	profile_smtp_endpoint(p, mc->smtp_host, sizeof(mc->smtp_host), &mc->smtp_port);
}

/* Whether the token carries the role this protocol needs (unknown counts as yes). */
static bool role_for(const struct verify_state *st, enum mail_proto proto)
{
	if (!st->roles_known)
		return true;
	return proto == MP_IMAP ? st->has_imap_role : st->has_smtp_role;
}

/* The fix for a refused login, from the verdict net/mail.c set. */
static const struct fix *mail_fix(const struct mail_result *m, const struct verify_state *st,
				  enum mail_cause *cause)
{
	*cause = catalogue_mail_cause(m->proto, m->verdict, &m->reply);
	return catalogue_mail(*cause, m->proto, role_for(st, m->proto));
}

/* How many logins the servers refused although they answered (Exchange may still be propagating). */
static int count_refused(const struct mail_result *res, int n, const struct verify_state *st)
{
	int refused = 0;
	enum mail_cause c;

	for (int i = 0; i < n; i++)
		refused += !res[i].ok && res[i].fault == NF_NONE &&
			   mail_fix(&res[i], st, &c)->rc == O365_EMAILBOX;
	return refused;
}

/* One line per mailbox and protocol. */
static void report_mail(struct report *r, const struct mail_result *res, int n, const struct verify_state *st)
{
	for (int i = 0; i < n; i++) {
		enum rkind kind = res[i].proto == MP_IMAP ? RK_IMAP : RK_SMTP;
		const char *box = res[i].mailbox;
		enum mail_cause cause;
		const struct fix *fx;
		if (res[i].ok) {
			report_add(r, RS_OK, kind, box, -1, O365_OK, NULL,
				   _("Logged in with XOAUTH2 (%.1f s)."), res[i].seconds);
			continue;
		}
		if (res[i].fault != NF_NONE) {
			fx = catalogue_fault(res[i].fault);
			report_add(r, RS_FAIL, kind, box, STEP_MAILSERVER, fx->rc, _(fx->fix), "%s %s",
				   _(fx->cause), res[i].last_reply);
			continue;
		}
		fx = mail_fix(&res[i], st, &cause);
		if (fx->rc == O365_EMAILBOX && st->roles_known && st->suspect_step >= 0 &&
		    catalogue_mail_login_refused(cause)) {
			report_add(r, RS_FAIL, kind, box, st->suspect_step, O365_EMAILBOX,
				   _("Fix the token problem warned about above, then check again."),
				   _("Server said \"%s\": the token itself is not right for Exchange "
				     "(see the "
				     "warning above)."),
				   res[i].last_reply);
			continue;
		}
		report_add(r, RS_FAIL, kind, box, fx->step, fx->rc, _(fx->fix), _("Server said \"%s\": %s"),
			   res[i].last_reply, _(fx->cause));
		if (res[i].verdict == MV_BUSY && res[i].attempts > 1)
			report_add(r, RS_INFO, kind, box, -1, O365_OK, NULL,
				   P_("The server was busy at the only try.",
				      "The server was busy at each of %d tries, over a few seconds.",
				      res[i].attempts),
				   res[i].attempts);
	}
}

/* Seconds between propagation re-checks; O365_WAIT_INTERVAL shortens it for tests. */
static int interval(void)
{
	const char *e = getenv("O365_WAIT_INTERVAL");
	int v = e ? atoi(e) : 0;
	return v > 0 && v <= 600 ? v : 60;
}

static enum o365_rc check_mailboxes(struct profile *p, const struct verify_opts *o, struct verify_state *st,
				    struct report *r)
{
	struct mail_cfg mc;
	struct mail_result *res = NULL;
	const char *fallback[2];
	const char *const *boxes = profile_check_mailboxes(p, fallback);
	int n = 0, refused;
	time_t deadline = time(NULL) + (time_t)o->wait_minutes * 60;
	enum o365_rc rc;

	if (!boxes[0]) {
		report_add(r, RS_WARN, RK_MAILBOXES, NULL, STEP_MAILSERVER, O365_OK, NULL, "%s",
			   _("No mailbox to check: set the username at step 6."));
		return O365_OK;
	}
	mail_cfg_for(p, o, &mc);
	for (;;) {
		int nboxes = 0;
		while (boxes[nboxes])
			nboxes++;
		progress(o,
			 P_("Checking %d mailbox over %s ...", "Checking %d mailboxes over %s ...", nboxes),
			 nboxes, p->mod_delivery ? _("IMAP and SMTP") : "SMTP");
		rc = net_mail_check(&mc, st->token.access_token, boxes, p->mod_delivery, true, &res, &n);
		if (rc == O365_ECANCEL) {
			mail_results_free(&res, n);
			report_add(r, RS_FAIL, RK_MAILBOXES, NULL, -1, O365_ECANCEL, NULL, "%s",
				   _("Cancelled."));
			return O365_ECANCEL;
		}
		refused = count_refused(res, n, st);
		if (!refused || time(NULL) >= deadline || o->wait_minutes <= 0)
			break;
		/* Exchange can take 30-60 minutes to apply a new service principal or permission. */
		progress(o,
			 P_("! %d mailbox login refused although the token is right. Exchange can take "
			    "30-60 minutes to apply a new service principal or permission: checking again "
			    "every %d s for up to %ld more minutes.",
			    "! %d mailbox logins refused although the token is right. Exchange can take "
			    "30-60 minutes to apply a new service principal or permission: checking again "
			    "every %d s for up to %ld more minutes.",
			    refused),
			 refused, interval(), (long)(deadline - time(NULL) + 59) / 60);
		for (int left = interval(); left > 0; left--) {
			long mins = (long)(deadline - time(NULL)) / 60;
			progress(o,
				 P_("%d mailbox login refused; next try in %d s (giving up in %ld min).",
				    "%d mailbox logins refused; next try in %d s (giving up in %ld min).",
				    refused),
				 refused, left, mins);
			if (o->cancel && *o->cancel)
				break;
			poll(NULL, 0, 1000);
		}
		mail_results_free(&res, n);
		if (o->cancel && *o->cancel) {
			report_add(r, RS_FAIL, RK_MAILBOXES, NULL, -1, O365_ECANCEL, NULL, "%s",
				   _("Cancelled."));
			return O365_ECANCEL;
		}
		if (!token_usable(&st->token, time(NULL)) && check_token(p, o, st, r) != O365_OK)
			return report_rc(r);
	}
	for (int i = 0; i < n; i++) {
		double *t = res[i].proto == MP_IMAP ? &st->t_imap : &st->t_smtp;
		if (res[i].seconds > *t)
			*t = res[i].seconds;
	}
	report_mail(r, res, n, st);
	if (refused && st->roles_ok)
		report_add(
			r, RS_INFO, RK_MAILBOXES, NULL, -1, O365_OK, NULL, "%s",
			_("The token's roles are right: if you ran the Exchange PowerShell within the last "
			  "hour, wait 30-60 minutes and check again (--wait 60)."));
	save_transcript(o->transcript, res, n, r);
	mail_results_free(&res, n);
	if (o->send_test) {
		struct mail_result one;
		progress(o, _("Sending a test message to %s ..."), o->send_test);
		rc = net_mail_send_test(&mc, st->token.access_token, p->username, p->sender, o->send_test,
					&one);
		if (one.ok)
			report_add(r, RS_OK, RK_SEND_TEST, NULL, -1, O365_OK, NULL,
				   _("Test message from %s to %s accepted."), p->sender, o->send_test);
		else
			report_mail(r, &one, 1, st);
		free(one.transcript);
	}
	if (o->probe_denied) {
		const char *one_box[2] = {o->probe_denied, NULL};
		progress(o, _("Confirming that %s is refused ..."), o->probe_denied);
		net_mail_check(&mc, st->token.access_token, one_box, p->mod_delivery, true, &res, &n);
		for (int i = 0; i < n; i++) {
			if (res[i].ok)
				report_add(
					r, RS_WARN, RK_DENIED, res[i].mailbox, STEP_EXCHANGE, O365_OK,
					_("Review Add-MailboxPermission and any organisation-wide grants "
					  "(RBAC for "
					  "Applications) for this app."),
					_("Finding: %s login to %s succeeded although it was never granted."),
					res[i].proto == MP_IMAP ? "IMAP" : "SMTP", res[i].mailbox);
			else
				report_add(r, RS_OK, RK_DENIED, res[i].mailbox, -1, O365_OK, NULL,
					   _("%s refused, as it should (%s)."),
					   res[i].proto == MP_IMAP ? "IMAP" : "SMTP", res[i].last_reply);
		}
		mail_results_free(&res, n);
	}
	return report_rc(r);
}

static void record(struct profile *p, const struct report *r)
{
	time_t now = time(NULL);
	char msg[600];
	enum check_status overall;

	profile_clear_results(p);
	for (int i = 0; i < r->n; i++) {
		const struct report_line *l = &r->lines[i];
		enum check_status cs = l->st == RS_FAIL	  ? CHECK_FAIL
				       : l->st == RS_WARN ? CHECK_WARN
							  : CHECK_OK;
		if (l->st == RS_INFO || l->kind == RK_CLAIMS)
			continue;
		profile_set_result(p, l->check, cs, l->text, now);
	}
	overall = report_summary(r, msg, sizeof(msg));
	profile_set_result(p, PROFILE_OVERALL, overall, msg, now);
}

/* Moves src's lines to the end of dst. */
static void report_append(struct report *dst, struct report *src)
{
	if (!src->n)
		return;
	dst->lines = xrealloc(dst->lines, (size_t)(dst->n + src->n) * sizeof(*dst->lines));
	memcpy(dst->lines + dst->n, src->lines, (size_t)src->n * sizeof(*src->lines));
	dst->n += src->n;
	free(src->lines);
	src->lines = NULL;
	src->n = 0;
}

struct tenant_job {
	struct profile *p;
	struct verify_opts o;
	struct report r;
	enum o365_rc rc;
};

static void *tenant_thread(void *ud)
{
	struct tenant_job *j = ud;

	j->rc = check_tenant(j->p, &j->o, &j->r);
	return NULL;
}

/* The tenant lookup and the token request go out together: the lookup costs no time of its own.
 * Its lines come first, as if it had run first, and a tenant that does not exist hides the token's
 * failure, which only repeats it. */
static enum o365_rc tenant_and_token(struct profile *p, const struct verify_opts *o, struct verify_state *st,
				     struct report *r)
{
	struct tenant_job j = {.p = p, .o = *o};
	struct report tr = {0};
	pthread_t t;
	enum o365_rc rc;

	if (token_usable(&st->token, time(NULL))) {
		if ((rc = check_tenant(p, o, r)) != O365_OK)
			return rc;
		return check_token(p, o, st, r);
	}
	net_global_init();
	progress(o, _("Looking up tenant %s ..."), p->tenant);
	j.o.progress = NULL; /* the front-end's progress is not called from two threads */
	if (pthread_create(&t, NULL, tenant_thread, &j) != 0) {
		if ((rc = check_tenant(p, o, r)) != O365_OK)
			return rc;
		return check_token(p, o, st, r);
	}
	rc = check_token(p, o, st, &tr);
	pthread_join(t, NULL);
	report_append(r, &j.r);
	report_free(&j.r);
	if (j.rc != O365_OK) {
		report_free(&tr);
		token_clear(&st->token);
		return j.rc;
	}
	report_append(r, &tr);
	report_free(&tr);
	return rc;
}

enum o365_rc verify_run(struct profile *p, const struct verify_opts *o, struct verify_state *st,
			struct report *r)
{
	enum o365_rc rc;

	st->suspect_step = -1;
	if (o->tenant_only) {
		struct vmsg m;
		if (validate_tenant(p->tenant, &m) != V_OK)
			report_add(r, RS_FAIL, RK_FIELD, "tenant", STEP_APP, O365_ECONFIG, m.text, "%s",
				   _("Directory (tenant) ID is not valid."));
		else
			check_tenant(p, o, r);
		return report_rc(r);
	}
	verify_fields(p, o, r);
	if (report_first_fail(r) || o->fields_only)
		goto out;
	rc = tenant_and_token(p, o, st, r);
	/* With a role missing the logins still run: the servers' words confirm the diagnosis. */
	if ((rc != O365_OK && rc != O365_EROLES) || o->token_only)
		goto out;
	check_mailboxes(p, o, st, r);
out:
	record(p, r);
	return report_rc(r);
}

void verify_state_clear(struct verify_state *st)
{
	token_clear(&st->token);
	st->roles_known = st->roles_ok = false;
}
