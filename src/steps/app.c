/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 1: the app registration's IDs, with a tenant pre-check before the secret is typed. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "steps.h"

enum { F_TENANT, F_CLIENT, F_NAME };

static enum vres check_tenant(struct wizard *w, struct field *f, struct vmsg *m)
{
	return validate_tenant(f->buf, m);
}

static enum vres check_client(struct wizard *w, struct field *f, struct vmsg *m)
{
	return validate_client_id(f->buf, w->st[STEP_APP].f[F_TENANT].buf, m);
}

static void enter(struct wizard *w, struct step_state *s)
{
	if (s->loaded)
		return;
	s->n = 3;
	s->f[F_NAME] = (struct field){.label = N_("Name (optional)"), .kind = FK_TEXT, .optional = true};
	s->f[F_TENANT] =
		(struct field){.label = N_("Directory (tenant) ID"), .kind = FK_TEXT, .check = check_tenant};
	s->f[F_CLIENT] = (struct field){
		.label = N_("Application (client) ID"), .kind = FK_TEXT, .check = check_client};
	field_set(&s->f[F_NAME], w->p->app_name);
	field_set(&s->f[F_TENANT], w->p->tenant);
	field_set(&s->f[F_CLIENT], w->p->client_id);
	s->focus = F_TENANT;
	if (w->p->tenant)
		fields_validate(w, s);
}

static void draw(struct wizard *w, struct step_state *s, int y)
{
	y = steps_intro(
		w, _("In the Microsoft Entra admin center open Identity > Applications > App "
		     "registrations > New registration. Name it (for example Extension Kit), keep "
		     "\"Accounts in this organizational directory only\", leave the redirect URI empty and "
		     "Register. Copy both IDs from the app's Overview page."));
	draw_fields(w, s, y);
	if (w->last_tenant.n)
		draw_report(w, &w->last_tenant, y + 6, w->rows - 3);
}

static bool leave(struct wizard *w, struct step_state *s, bool forward)
{
	if (!steps_fields_ok(w, s, forward))
		return false;
	steps_commit_str(&w->p->app_name, s->f[F_NAME].buf);
	if (s->f[F_TENANT].msg.res != V_ERR)
		steps_commit_str(&w->p->tenant, s->f[F_TENANT].buf);
	if (s->f[F_CLIENT].msg.res != V_ERR)
		steps_commit_str(&w->p->client_id, s->f[F_CLIENT].buf);
	if (!forward)
		return true;
	/* The tenant is looked up once per value; offline, a second Enter goes on without it. */
	if (w->p->tenant && strcasecmp(w->tenant_checked, w->p->tenant) != 0) {
		if (w->tenant_net_failed) {
			w->tenant_net_failed = false;
			snprintf(w->tenant_checked, sizeof(w->tenant_checked), "%s", w->p->tenant);
			return true;
		}
		w->next_step_on_done = steps_next(w, STEP_APP);
		job_start(w, JOB_TENANT);
		return false;
	}
	return true;
}

static void job_done(struct wizard *w, struct step_state *s)
{
	const struct report_line *f;

	f = job_take_report(w, &w->last_tenant);
	if (!f) {
		snprintf(w->tenant_checked, sizeof(w->tenant_checked), "%s", w->p->tenant);
		steps_go(w, w->next_step_on_done);
		status_set(w, false, _("Tenant %s found."), w->p->tenant);
		return;
	}
	w->tenant_net_failed = f->rc == O365_ENET;
	status_set(w, true, "%s",
		   w->tenant_net_failed
			   ? _("The tenant could not be looked up; Enter again goes on without it.")
			   : _("Fix the tenant: see the reason above."));
}

const struct step_ops step_app = {
	.id = STEP_APP, .enter = enter, .draw = draw, .leave = leave, .job_done = job_done};
