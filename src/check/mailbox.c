/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The mailbox checks: one IMAP and SMTP login per mailbox with the token, re-checks while
 * Exchange propagates, the transcript, the real test message and the least-privilege probe. */
#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/catalogue.h"
#include "core/i18n.h"
#include "core/stepref.h"
#include "ladder.h"
#include "net/mail.h"

static void save_transcript(const char *path, struct mail_result *res, int n, struct report *r)
{
	struct stat fst;
	int fd;
	FILE *f;

	if (!path)
		return;
	/* Never a FIFO (the open would block), a symbolic link or someone else's file. */
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
	if (fd >= 0 && (fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode) || fst.st_uid != geteuid() ||
			ftruncate(fd, 0) != 0)) {
		close(fd);
		fd = -1;
	}
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

/* Exchange can take 30-60 minutes to apply a new service principal or permission: says so, and
 * waits one interval. False when cancelled. */
static bool wait_for_exchange(const struct verify_opts *o, int refused, time_t deadline)
{
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
			    "%d mailbox logins refused; next try in %d s (giving up in %ld min).", refused),
			 refused, left, mins);
		if (o->cancel && *o->cancel)
			break;
		poll(NULL, 0, 1000);
	}
	return !(o->cancel && *o->cancel);
}

/* One real message from the sender, logged in as the username: proves SendAs. */
static void send_test(const struct profile *p, const struct verify_opts *o, const struct verify_state *st,
		      const struct mail_cfg *mc, struct report *r)
{
	struct mail_result one;

	progress(o, _("Sending a test message to %s ..."), o->send_test);
	verify_backend(o)->mail_send_test(verify_backend(o)->ctx, mc, st->token.access_token, p->username,
					  p->sender, o->send_test, &one);
	if (one.ok)
		report_add(r, RS_OK, RK_SEND_TEST, NULL, -1, O365_OK, NULL,
			   _("Test message from %s to %s accepted."), p->sender, o->send_test);
	else
		report_mail(r, &one, 1, st);
	free(one.transcript);
}

/* Least privilege: a mailbox never granted must be refused. */
static void probe_denied(const struct profile *p, const struct verify_opts *o, const struct verify_state *st,
			 const struct mail_cfg *mc, struct report *r)
{
	struct mail_result *res = NULL;
	int n = 0;
	const char *one_box[2] = {o->probe_denied, NULL};

	progress(o, _("Confirming that %s is refused ..."), o->probe_denied);
	verify_backend(o)->mail_check(verify_backend(o)->ctx, mc, st->token.access_token, one_box,
				      p->mod_delivery, true, &res, &n);
	for (int i = 0; i < n; i++) {
		if (res[i].ok)
			report_add(r, RS_WARN, RK_DENIED, res[i].mailbox, STEP_EXCHANGE, O365_OK,
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

static enum o365_rc check_boxes(struct profile *p, const struct verify_opts *o, struct verify_state *st,
				struct report *r, const char *const *boxes)
{
	struct mail_cfg mc;
	struct mail_result *res = NULL;
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
		rc = verify_backend(o)->mail_check(verify_backend(o)->ctx, &mc, st->token.access_token, boxes,
						   p->mod_delivery, true, &res, &n);
		if (rc == O365_ECANCEL) {
			mail_results_free(&res, n);
			report_add(r, RS_FAIL, RK_MAILBOXES, NULL, -1, O365_ECANCEL, NULL, "%s",
				   _("Cancelled."));
			return O365_ECANCEL;
		}
		refused = count_refused(res, n, st);
		if (!refused || time(NULL) >= deadline || o->wait_minutes <= 0)
			break;
		if (!wait_for_exchange(o, refused, deadline)) {
			mail_results_free(&res, n);
			report_add(r, RS_FAIL, RK_MAILBOXES, NULL, -1, O365_ECANCEL, NULL, "%s",
				   _("Cancelled."));
			return O365_ECANCEL;
		}
		mail_results_free(&res, n);
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
	if (o->send_test)
		send_test(p, o, st, &mc, r);
	if (o->probe_denied)
		probe_denied(p, o, st, &mc, r);
	return report_rc(r);
}

/* The listed mailboxes and always the Username: the account the Extension Kit logs in with. */
enum o365_rc check_mailboxes(struct profile *p, const struct verify_opts *o, struct verify_state *st,
			     struct report *r)
{
	const char **boxes = profile_login_mailboxes(p);
	enum o365_rc rc = check_boxes(p, o, st, r, boxes);

	free(boxes);
	return rc;
}
