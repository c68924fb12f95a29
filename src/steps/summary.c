/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 8: every value on one screen, the atomic save, the Extension Kit export, next steps. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/codec.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/store.h"
#include "steps.h"

static bool reveal;

static void enter(struct wizard *w, struct step_state *s)
{
	reveal = false;
}

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

static void row(struct wizard *w, int *y, const char *label, const char *value)
{
	if (*y >= w->rows - 9)
		return;
	mvprintw(*y, 2, "%-30s %.*s", label, w->cols - 34, value && *value ? value : "-");
	(*y)++;
}

static void draw(struct wizard *w, struct step_state *s, int y)
{
	struct profile *p = w->p;
	const char *sec = w->mode == WMODE_ROTATE ? w->pending_secret : p->secret;
	char masked[64] = "", port[16], boxes[256] = "", next[600];

	codec_mask_secret(sec, reveal, "*", masked, sizeof(masked));
	snprintf(port, sizeof(port), "%d", p->smtp_port);
	for (int i = 0; p->mailboxes && p->mailboxes[i]; i++)
		snprintf(boxes + strlen(boxes), sizeof(boxes) - strlen(boxes), "%s%s", i ? ", " : "",
			 p->mailboxes[i]);
	row(w, &y, _("Authentication type"), "Office365OAuth");
	row(w, &y, _("SMTP server / port / security"), NULL);
	mvprintw(y - 1, 33, "%s : %s / %s", p->smtp_server ? p->smtp_server : "-", port,
		 tsec_key(p->transport));
	row(w, &y, _("Username / sender"), NULL);
	mvprintw(y - 1, 33, "%s / %s", p->username ? p->username : "-", p->sender ? p->sender : "-");
	row(w, &y, _("Delivery notifications"), p->mod_delivery ? _("Yes") : _("No"));
	row(w, &y, _("Tenant ID"), p->tenant);
	row(w, &y, _("Application (client) ID"), p->client_id);
	row(w, &y, p->auth == AUTH_CERTIFICATE ? _("Certificate") : _("Client Secret (F2 shows 4)"),
	    p->auth == AUTH_CERTIFICATE ? p->cert_path : masked);
	row(w, &y, _("Secret expires"), w->mode == WMODE_ROTATE ? w->pending_expiry : p->secret_expiry);
	row(w, &y, _("Scope"), profile_scope(p));
	row(w, &y, _("Enterprise App Object ID"), p->sp_object_id);
	row(w, &y, _("Mailboxes"), boxes);
	row(w, &y, _("Checks"), NULL);
	mvprintw(y - 1, 33, "%s",
		 !w->token_ran	? _("token not checked")
		 : !w->token_ok ? _("token FAILED")
		 : !w->mail_ran ? _("token OK, mailboxes not checked")
		 : w->mail_ok	? _("token OK, mailboxes OK")
				: _("token OK, mailboxes FAILED"));
	if (w->saved && w->mode == WMODE_ROTATE)
		snprintf(next, sizeof(next),
			 _("Saved. Now paste the new secret into the Extension Kit's Client Secret, then "
			   "delete the old "
			   "secret (expires %s) in Certificates & secrets. Enter quits."),
			 w->old_expiry[0] ? w->old_expiry : "?");
	else if (w->saved)
		snprintf(next, sizeof(next),
			 _("Saved. Next: in M-Files Admin set Authentication type Office365OAuth and copy "
			   "these fields (F3 writes them to a file). Rotate the secret by %s with "
			   "o365-oauth-setup --rotate; monitor with --check --nagios. Enter quits."),
			 rotate_by(p));
	else
		snprintf(next, sizeof(next), "%s",
			 _("Enter saves the profile (0600, the previous one kept as a backup). F3 writes the "
			   "Extension Kit field sheet and JSON."));
	draw_text(w, w->rows - 8, 2, w->cols - 4, next, w->saved ? ui_attr(w, ROLE_OK) : A_NORMAL);
	if (s->note[0])
		draw_text(w, w->rows - 5, 2, w->cols - 4, s->note, ui_attr(w, ROLE_DIM));
}

static void write_exports(struct wizard *w, struct step_state *s)
{
	char dir[4096], sheet[4400], json[4400];
	struct o365_err e;
	char *a = export_profile(w->p, EXPORT_SHEET, false), *b = export_profile(w->p, EXPORT_JSON, false);
	FILE *f;
	bool ok =
		a && b && store_dir(dir, sizeof(dir), &e) == O365_OK && store_ensure_dir(dir, &e) == O365_OK;

	if (ok) {
		snprintf(sheet, sizeof(sheet), "%s/%s-extension-kit.txt", dir, w->profile_name);
		snprintf(json, sizeof(json), "%s/%s-extension-kit.json", dir, w->profile_name);
		ok = (f = fopen(sheet, "w")) && fputs(a, f) >= 0 && fclose(f) == 0;
		ok = ok && (f = fopen(json, "w")) && fputs(b, f) >= 0 && fclose(f) == 0;
	}
	if (ok)
		snprintf(s->note, sizeof(s->note), _("Wrote %s and %s (the secret is not in them)."), sheet,
			 json);
	else
		snprintf(s->note, sizeof(s->note), "%s", _("Could not write the export files."));
	free(a);
	free(b);
}

static bool save(struct wizard *w)
{
	struct o365_err e;
	struct profile *target = w->p;
	bool verified = w->token_ok && w->mail_ok;

	err_clear(&e);
	if (w->mode == WMODE_ROTATE) {
		/* The swap happens only after the new secret passed every check. */
		if (!verified) {
			status_set(w, true, "%s",
				   _("The new secret has not passed every check: nothing was changed. Esc "
				     "goes back."));
			return false;
		}
		profile_set_secret(target, w->pending_secret);
		profile_set_str(&target->secret_expiry, w->pending_expiry[0] ? w->pending_expiry : NULL);
	} else if (!verified &&
		   ui_ask(w, _("Not every check passed. Save as a draft to finish later? (y/n)")) != 'y') {
		status_set(w, false, "%s", "");
		return false;
	}
	target->draft = !verified;
	target->resume_step = verified ? 0 : STEP_SUMMARY;
	if (store_save(w->path, target, &e) != O365_OK) {
		status_set(w, true, "%s", e.msg);
		return false;
	}
	w->saved = true;
	status_set(w, false, _("Saved %s"), w->path);
	return true;
}

static bool handle(struct wizard *w, struct step_state *s, enum action a, int key)
{
	if (a == ACT_REVEAL) {
		reveal = !reveal;
		return true;
	}
	if (a == ACT_WRITE) {
		write_exports(w, s);
		return true;
	}
	return false;
}

static bool leave(struct wizard *w, struct step_state *s, bool forward)
{
	if (!forward)
		return true;
	if (w->saved) {
		w->quit = true;
		w->exit_rc = O365_OK;
		return false;
	}
	save(w);
	return false;
}

const struct step_ops step_summary = {
	.id = STEP_SUMMARY, .enter = enter, .draw = draw, .handle = handle, .leave = leave};
