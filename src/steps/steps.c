/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The spine: the one table of steps and screens, the step order for each mode, and helpers the
 * step files share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/settings.h"
#include "core/i18n.h"
#include "core/profile_json.h"
#include "core/store.h"
#include "steps.h"

static const struct step_ops *const table[STEPS_N] = {
	[STEP_START] = &step_start,	      [STEP_APP] = &step_app,
	[STEP_SECRET] = &step_secret,	      [STEP_PERMISSIONS] = &step_permissions,
	[STEP_TOKEN] = &step_token,	      [STEP_EXCHANGE] = &step_exchange,
	[STEP_MAILSERVER] = &step_mailserver, [STEP_MAILBOX] = &step_mailbox,
	[STEP_SUMMARY] = &step_summary,	      [STEPS_HOME] = &step_home,
	[STEPS_PORTAL] = &step_portal,	      [STEPS_PSHELL] = &step_pshell,
};

const struct step_ops *steps_get(int id)
{
	return id >= 0 && id < STEPS_N ? table[id] : NULL;
}

/* Rotation walks secret -> token -> mailboxes -> summary; re-verification token -> mailboxes. */
int steps_next(const struct session *s, int from)
{
	if (from >= STEP_COUNT)
		return STEP_START;
	if (s->mode == WMODE_ROTATE) {
		static const int next[STEP_COUNT] = {2, 2, 4, 4, 7, 7, 7, 8, 8};
		return next[from];
	}
	if (s->mode == WMODE_REVERIFY) {
		static const int next[STEP_COUNT] = {4, 4, 4, 4, 7, 7, 7, 8, 8};
		return next[from];
	}
	return from + 1 < STEP_COUNT ? from + 1 : from;
}

int steps_prev(const struct session *s, int from)
{
	if (from >= STEP_COUNT)
		return from;
	if (s->mode == WMODE_ROTATE) {
		static const int prev[STEP_COUNT] = {2, 2, 2, 2, 2, 4, 4, 4, 7};
		return prev[from];
	}
	if (s->mode == WMODE_REVERIFY) {
		static const int prev[STEP_COUNT] = {4, 4, 4, 4, 4, 4, 4, 4, 7};
		return prev[from];
	}
	return from > 0 ? from - 1 : 0;
}

int steps_intro(struct session *s, const char *text)
{
	return draw_text(s->ui, 3, 2, s->ui->cols - 4, text, A_NORMAL) + 1;
}

void steps_commit_str(struct session *s, char **dst, const char *buf)
{
	char *t = validate_trim(buf);
	const char *v = t && *t ? t : NULL;

	if ((*dst == NULL) != (v == NULL) || (v && strcmp(*dst, v) != 0)) {
		profile_set_str(dst, v);
		s->dirty = true;
	}
	free(t);
}

enum vres check_email(const struct form *fm, struct field *f, struct vmsg *m)
{
	(void)fm;
	return validate_email(f->buf, m);
}

bool steps_fields_ok(struct session *s, struct form *fm, bool forward)
{
	int bad = fields_validate(fm);

	if (bad < 0 || !forward)
		return true;
	fm->focus = bad;
	status_set(s->ui, true, _("Fix %s: the reason is beside it."), _(fm->f[bad].label));
	return false;
}

bool steps_check(struct session *s, enum job_kind kind, bool waiting, const char *send_test)
{
	struct verify_opts o;
	struct profile *work = profile_clone(s->p);

	if (!work) {
		status_set(s->ui, true, "%s", _("Out of memory."));
		return false;
	}
	if (s->pending_secret) {
		profile_set_secret(work, s->pending_secret);
		profile_set_str(&work->secret_expiry, s->pending_expiry[0] ? s->pending_expiry : NULL);
	}
	settings_verify_opts(s->opts, &o);
	if (s->key_passphrase[0])
		o.key_passphrase = s->key_passphrase;
	o.token_only = kind == JOB_TOKEN;
	o.tenant_only = kind == JOB_TENANT;
	o.wait_minutes = waiting ? 60 : 0;
	o.send_test = kind == JOB_FULL ? send_test : NULL;
	if (!job_start(&s->job, work, &o, kind)) {
		status_set(s->ui, true, "%s", _("Cannot start the check."));
		return false;
	}
	status_set(s->ui, false, "%s", "");
	return true;
}

bool steps_leave_checked(struct session *s, bool forward, bool ok, bool ran, enum job_kind kind,
			 const char *question)
{
	if (!forward || ok)
		return true;
	if (!ran) {
		steps_check(s, kind, false, NULL);
		return false;
	}
	return ui_ask(s->ui, question, 'n') == 'y';
}

bool steps_cancelled(struct session *s)
{
	if (s->job.rc != O365_ECANCEL)
		return false;
	report_clear(&s->job.report);
	status_set(s->ui, false, "%s", _("The check was cancelled; nothing was decided. F5 runs it again."));
	return true;
}

const struct report_line *steps_take_report(struct session *s, struct report *dst)
{
	struct job *j = &s->job;

	/* What the check learned goes back into the model. */
	if (j->work && j->work->sp_object_id &&
	    (!s->p->sp_object_id || strcmp(s->p->sp_object_id, j->work->sp_object_id) != 0)) {
		profile_set_str(&s->p->sp_object_id, j->work->sp_object_id);
		s->dirty = true;
	}
	if (j->work) {
		profile_clear_results(s->p);
		for (int i = 0; i < j->work->n_results; i++)
			profile_set_result(s->p, j->work->results[i].name, j->work->results[i].status,
					   j->work->results[i].message, j->work->results[i].at);
	}
	report_clear(dst);
	*dst = j->report;
	memset(&j->report, 0, sizeof(j->report));
	return report_first_fail(dst);
}

/* The mailbox a login line is about, else NULL. */
static const char *mailbox_of(const struct report_line *l)
{
	return l->kind == RK_IMAP || l->kind == RK_SMTP ? l->subject : NULL;
}

void steps_note_failure(struct session *s, const struct report *r)
{
	const struct report_line *f = report_first_fail(r);
	const char *passed = NULL;
	char list[320] = "";
	size_t o = 0;
	int refused = 0;

	s->fail_step = f ? f->step : -1;
	s->fail_why[0] = s->fail_what[0] = '\0';
	if (!f)
		return;
	snprintf(s->fail_why, sizeof(s->fail_why), "%s", f->fix ? f->fix : f->text);
	/* A mailbox that logs in proves the service principal; a refused one then lacks its
	 * permission, whatever the catalogue guessed from that reply alone. */
	for (int i = 0; i < r->n; i++) {
		const char *box = mailbox_of(&r->lines[i]);
		if (box && r->lines[i].st == RS_OK && !passed)
			passed = box;
	}
	for (int i = 0; i < r->n; i++) {
		const char *box = mailbox_of(&r->lines[i]);
		const char *fix = r->lines[i].fix ? r->lines[i].fix : "";
		if (!box || r->lines[i].st != RS_FAIL || r->lines[i].rc != O365_EMAILBOX)
			continue;
		/* Only the login refusal the catalogue cannot pin down; SendAs and SMTP AUTH have
		 * their own fixes already. */
		if (!strstr(fix, "New-ServicePrincipal") || strstr(fix, "RecipientPermission") ||
		    strstr(fix, "Set-CASMailbox"))
			continue;
		if (strstr(list, box))
			continue;
		refused++;
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", o ? ", " : "", box);
		if (o >= sizeof(list))
			break;
	}
	if (passed && refused) {
		s->fail_step = STEP_EXCHANGE;
		snprintf(s->fail_what, sizeof(s->fail_what), "%s", list);
		snprintf(s->fail_why, sizeof(s->fail_why),
			 _("%s logs in, so the app's service principal is right; refused: %s. Run "
			   "Add-MailboxPermission for %s (and wait up to an hour for Exchange)."),
			 passed, s->fail_what, refused == 1 ? _("that mailbox") : _("those mailboxes"));
	}
}

void steps_focus_failure(struct session *s, struct form *fm, int idx)
{
	if (!s->fixing || idx < 0 || idx >= fm->n)
		return;
	s->fixing = false;
	fm->focus = idx;
	fm->f[idx].hidden = false;
	fm->f[idx].msg.res = V_ERR;
	snprintf(fm->f[idx].msg.text, sizeof(fm->f[idx].msg.text), "%.500s", s->fail_why);
	fm->f[idx].cur = strlen(fm->f[idx].buf);
}

void steps_copy(struct session *s, const char *what, const char *text, const char *fallback)
{
	ui_osc52_copy(text);
	status_set(s->ui, false,
		   _("%s was sent to the terminal's clipboard (OSC 52); some terminals ignore it. %s"), what,
		   fallback);
}

int steps_link(struct session *s, int y, const char *label, const char *url)
{
	int width = s->ui->cols - 4, len = (int)strlen(url);
	attr_t a = ui_attr(s->ui, ROLE_KEY);

	y = draw_text(s->ui, y, 2, width, label, A_NORMAL);
	if (y >= ui_bottom(s->ui))
		return y;
	if (len > width && strncmp(url, "https://", 8) == 0 && len - 8 <= width) {
		url += 8;
		len -= 8;
	}
	attron(a);
	if (len <= width) {
		mvaddstr(y++, 2, url);
	} else {
		for (int i = 0; i < len && y < ui_bottom(s->ui); i += s->ui->cols)
			mvaddnstr(y++, 0, url + i, s->ui->cols);
	}
	attroff(a);
	return y;
}

static char *json_without_results(const struct profile *p)
{
	struct profile *c = profile_clone(p);
	char *j;

	if (!c)
		return NULL;
	profile_clear_results(c);
	c->draft = false;
	c->resume_step = 0;
	j = profile_to_json(c);
	profile_free(&c);
	return j;
}

void steps_snapshot(struct session *s)
{
	free(s->snapshot);
	s->snapshot = json_without_results(s->p);
}

bool steps_changed(const struct session *s)
{
	char *now;
	bool diff;

	if (s->pending_secret)
		return true;
	if (!s->snapshot || !(now = json_without_results(s->p)))
		return true;
	diff = strcmp(now, s->snapshot) != 0;
	free(now);
	return diff;
}
