/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 8: every value on one screen, the atomic save, the Extension Kit export, the secret handed
 * over through the clipboard, and the next steps. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/atomic.h"
#include "core/codec.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/store.h"
#include "steps.h"

struct summary {
	struct form fm;
	bool reveal;
};

/* Two weeks before expiry leaves time for the Exchange side to settle. */
static const char *rotate_by(const struct profile *p)
{
	static char date[16];
	struct tm tm;
	time_t t;

	if (!p->secret_expiry || !validate_parse_date(p->secret_expiry, &tm))
		return _("its expiry date");
	t = timegm(&tm) - 14 * 86400;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	return date;
}

static void row(struct session *s, int *y, const char *label, const char *value)
{
	if (*y >= ui_bottom(s->ui))
		return;
	mvprintw(*y, 2, "%-*s %.*s", i18n_pad(label, 30), label, s->ui->cols - 34,
		 value && *value ? value : "-");
	(*y)++;
}

static const char *secret_now(const struct session *s)
{
	return s->mode == WMODE_ROTATE ? s->pending_secret : s->p->secret;
}

static void draw(struct session *s, void *priv, int y)
{
	struct summary *st = priv;
	struct profile *p = s->p;
	const char *sec = secret_now(s);
	char masked[64] = "", line[300], boxes[256] = "", next[900];
	size_t n = sec ? strlen(sec) : 0;

	if (sec && st->reveal && n > 8)
		snprintf(masked, sizeof(masked), "%.3s", sec);
	for (size_t i = strlen(masked); sec && i < (n > 12 ? 12 : n); i++)
		strcat(masked, "*");
	for (int i = 0; p->mailboxes && p->mailboxes[i]; i++)
		snprintf(boxes + strlen(boxes), sizeof(boxes) - strlen(boxes), "%s%s", i ? ", " : "",
			 p->mailboxes[i]);
	row(s, &y, _("Authentication type"), "Office365OAuth");
	snprintf(line, sizeof(line), "%s : %d / %s", p->smtp_server ? p->smtp_server : "-", p->smtp_port,
		 tsec_key(p->transport));
	row(s, &y, _("SMTP server / port / security"), line);
	snprintf(line, sizeof(line), "%s / %s", p->username ? p->username : "-", p->sender ? p->sender : "-");
	row(s, &y, _("Username / sender"), line);
	row(s, &y, _("Delivery notifications"), p->mod_delivery ? _("Yes") : _("No"));
	row(s, &y, _("Tenant ID"), p->tenant);
	row(s, &y, _("Application (client) ID"), p->client_id);
	row(s, &y, p->auth == AUTH_CERTIFICATE ? _("Certificate") : _("Client Secret (F2 first 3)"),
	    p->auth == AUTH_CERTIFICATE ? p->cert_path : masked);
	row(s, &y, _("Secret expires"), s->mode == WMODE_ROTATE ? s->pending_expiry : p->secret_expiry);
	row(s, &y, _("Scope"), profile_scope(p));
	row(s, &y, _("Enterprise App Object ID"), p->sp_object_id);
	row(s, &y, _("Mailboxes"), boxes);
	row(s, &y, _("Checks"),
	    !s->token_ran  ? _("token not checked in this run")
	    : !s->token_ok ? _("token FAILED")
	    : !s->mail_ran ? _("token OK, mailboxes not checked")
	    : s->mail_ok   ? _("token OK, mailboxes OK")
			   : _("token OK, mailboxes FAILED"));
	if (s->saved)
		snprintf(next, sizeof(next), "%s",
			 _("Saved. F4 copies the secret for M-Files Admin (asks first), F3 writes the other "
			   "fields to a file, Enter quits and prints the next steps."));
	else
		snprintf(next, sizeof(next), "%s",
			 _("Enter saves the profile (0600, the previous one kept as a backup). F3 writes the "
			   "Extension Kit field sheet and JSON; F4 copies the secret (asks first)."));
	(void)st;
	draw_text(s->ui, y + 1, 2, s->ui->cols - 4, next, s->saved ? ui_attr(s->ui, ROLE_OK) : A_NORMAL);
}

static void write_exports(struct session *s, struct summary *st)
{
	char dir[4096], sheet[4400], json[4400];
	struct o365_err e;
	char *a = export_profile(s->p, EXPORT_SHEET, false), *b = export_profile(s->p, EXPORT_JSON, false);
	bool ok =
		a && b && store_dir(dir, sizeof(dir), &e) == O365_OK && store_ensure_dir(dir, &e) == O365_OK;

	if (ok) {
		snprintf(sheet, sizeof(sheet), "%s/%s-extension-kit.txt", dir, s->profile_name);
		snprintf(json, sizeof(json), "%s/%s-extension-kit.json", dir, s->profile_name);
		/* fresh files renamed into place: a symbolic link planted there is not followed */
		ok = store_check_dir_of(sheet, &e) == O365_OK &&
		     atomic_replace(sheet, a, strlen(a), 0600, 0, &e) == O365_OK &&
		     atomic_replace(json, b, strlen(b), 0600, 0, &e) == O365_OK;
	}
	if (ok)
		snprintf(st->fm.note, sizeof(st->fm.note), _("Wrote %s and %s (the secret is not in them)."),
			 sheet, json);
	else
		snprintf(st->fm.note, sizeof(st->fm.note), "%s", _("Could not write the export files."));
	free(a);
	free(b);
}

static void farewell(struct session *s)
{
	struct profile *p = s->p;

	if (s->mode == WMODE_ROTATE)
		snprintf(s->farewell, sizeof(s->farewell),
			 _("Next:\n"
			   "  1. In M-Files Admin paste the new secret into the Mail server's Client\n"
			   "     Secret and save.\n"
			   "  2. In Certificates & secrets delete the old secret (expires %s).\n"
			   "  3. Rotate again by %s.\n"),
			 s->old_expiry[0] ? s->old_expiry : "?", rotate_by(p));
	else
		snprintf(s->farewell, sizeof(s->farewell),
			 _("Next:\n"
			   "  1. In M-Files Admin open Configurations > Other Applications > Extension Kit\n"
			   "     > Email Notifications > Mail server and enter:\n"
			   "       Authentication type  Office365OAuth\n"
			   "       SMTP server          %s\n"
			   "       Port                 %d (%s)\n"
			   "       Username             %s\n"
			   "       Sender               %s\n"
			   "       Tenant ID            %s\n"
			   "       Client ID            %s\n"
			   "       Scope                %s\n"
			   "       Client Secret        the value you pasted here\n"
			   "  2. Save the configuration and send a test notification.\n"
			   "  3. Rotate the client secret by %s: run this wizard again and choose\n"
			   "     \"Rotate the client secret\".\n"),
			 p->smtp_server ? p->smtp_server : "-", p->smtp_port, tsec_key(p->transport),
			 p->username ? p->username : "-", p->sender ? p->sender : "-",
			 p->tenant ? p->tenant : "-", p->client_id ? p->client_id : "-", profile_scope(p),
			 rotate_by(p));
}

static bool save(struct session *s)
{
	struct o365_err e;
	struct profile *target = s->p;
	bool verified = s->token_ok && s->mail_ok;

	err_clear(&e);
	if (s->mode == WMODE_ROTATE) {
		/* The swap happens only after the new secret passed every check. */
		if (!verified) {
			status_set(s->ui, true, "%s",
				   _("The new secret has not passed every check: nothing was changed. Esc "
				     "goes back."));
			return false;
		}
		profile_set_secret(target, s->pending_secret);
		profile_set_str(&target->secret_expiry, s->pending_expiry[0] ? s->pending_expiry : NULL);
	} else if (!verified) {
		/* An unverified profile is a draft, in the draft's own file: a working one stays. */
		int a = ui_ask(
			s->ui,
			_("Not every check passed, so this cannot be saved as the profile. Keep it as a "
			  "draft to finish later? The saved profile is not touched."),
			'y');
		struct profile *d;
		if (a != 'y' || !(d = profile_clone(s->p)))
			return false;
		d->draft = true;
		d->resume_step = STEP_SUMMARY;
		if (store_save(s->draft_path, d, &e) != O365_OK)
			status_set(s->ui, true, "%s", e.msg);
		else
			status_set(s->ui, false, _("Draft saved in %s."), s->draft_path);
		profile_free(&d);
		return false;
	}
	target->draft = false;
	target->resume_step = 0;
	if (store_save(s->path, target, &e) != O365_OK) {
		status_set(s->ui, true, "%s", e.msg);
		return false;
	}
	unlink(s->draft_path);
	s->saved = true;
	s->fresh = false;
	farewell(s);
	status_set(s->ui, false, _("Saved %s"), s->path);
	return true;
}

static void copy_secret(struct session *s)
{
	const char *sec = secret_now(s);

	if (!sec) {
		status_set(s->ui, true, "%s", _("There is no client secret to copy."));
		return;
	}
	if (ui_ask(s->ui,
		   _("Send the client secret to the terminal's clipboard, for M-Files Admin's Client Secret "
		     "field? It is not shown on screen. Clear the clipboard afterwards."),
		   'n') != 'y') {
		status_set(s->ui, false, "%s", _("Nothing was copied."));
		return;
	}
	steps_copy(s, _("The client secret"), sec,
		   _("If pasting gives nothing, paste the Value you copied from the portal, or take it from "
		     "the profile file (readable by you only)."));
}

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct summary *st = priv;

	(void)key;
	switch (a) {
	case ACT_REVEAL:
		st->reveal = !st->reveal;
		return true;
	case ACT_WRITE:
		write_exports(s, st);
		return true;
	case ACT_COPY:
		copy_secret(s);
		return true;
	default:
		return false;
	}
}

static unsigned long long keys(struct session *s, void *priv)
{
	(void)priv;
	return ACT_BIT(ACT_WRITE) | (secret_now(s) ? ACT_BIT(ACT_REVEAL) | ACT_BIT(ACT_COPY) : 0) |
	       (s->saved ? KEYS_ENTER_QUITS : 0);
}

static bool leave(struct session *s, void *priv, bool forward)
{
	(void)priv;
	if (!forward)
		return true;
	if (s->saved) {
		s->quit = true;
		s->exit_rc = O365_OK;
		return false;
	}
	save(s);
	return false;
}

const struct step_ops step_summary = {.id = STEP_SUMMARY,
				      .private_size = sizeof(struct summary),
				      .draw = draw,
				      .handle = handle,
				      .leave = leave,
				      .keys = keys};
