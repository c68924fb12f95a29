/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 1: the app registration's IDs, with a tenant pre-check before the secret is typed. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/i18n.h"
#include "steps.h"

enum { F_TENANT, F_CLIENT, F_NAME };

/* The App registrations list itself: without "https://" it fits one row of 80 columns. */
#define APPS_URL "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade"

struct app {
	struct form fm;
	char tenant_checked[256]; /* the tenant the pre-check last passed */
	bool tenant_net_failed;
	struct report last; /* the pre-check's report */
	struct pane pane;
};

static enum vres check_tenant(const struct form *fm, struct field *f, struct vmsg *m)
{
	(void)fm;
	return validate_tenant(f->buf, m);
}

static enum vres check_client(const struct form *fm, struct field *f, struct vmsg *m)
{
	return validate_client_id(f->buf, fm->f[F_TENANT].buf, m);
}

/* The field a step-1 failure names. A fix that names the client ID is about it even when it
 * also names the tenant ("copy both IDs again" after AADSTS700016: the tenant was found, the
 * app was not). */
static int failed_field(const char *why)
{
	if (strstr(why, _("Application (client) ID")) || strcasestr(why, "client ID"))
		return F_CLIENT;
	if (strstr(why, _("Directory (tenant) ID")) || strcasestr(why, "tenant"))
		return F_TENANT;
	return F_CLIENT;
}

static void enter(struct session *s, void *priv)
{
	struct app *st = priv;
	struct form *fm = &st->fm;

	if (!fm->n) {
		fm->n = 3;
		fm->f[F_NAME] =
			(struct field){.label = N_("Name (optional)"), .kind = FK_TEXT, .optional = true};
		fm->f[F_TENANT] = (struct field){.label = N_("Directory (tenant) ID"),
						 .kind = FK_TEXT,
						 .check = check_tenant,
						 .max = 200};
		fm->f[F_CLIENT] = (struct field){.label = N_("Application (client) ID"),
						 .kind = FK_TEXT,
						 .check = check_client,
						 .max = 200};
		field_set(&fm->f[F_NAME], s->p->app_name);
		field_set(&fm->f[F_TENANT], s->p->tenant);
		field_set(&fm->f[F_CLIENT], s->p->client_id);
		fm->focus = F_TENANT;
		if (s->p->tenant)
			fields_validate(fm);
	}
	if (s->fixing)
		steps_focus_failure(s, fm, failed_field(s->fail_why));
}

static void draw(struct session *s, void *priv, int y)
{
	struct app *st = priv;

	y = steps_intro(s,
			_("In the Microsoft Entra admin center open Identity > Applications > App "
			  "registrations > New registration (F4 copies the page's address). Name it (for "
			  "example Extension Kit), keep \"Accounts in this organizational directory only\", "
			  "leave the redirect URI empty and Register. Copy both IDs from the app's Overview "
			  "page."));
	y = draw_fields(s->ui, &st->fm, y);
	if (!st->pane.n)
		y = steps_link(s, y + 1, _("App registrations (F4 copies the address):"), APPS_URL);
	if (st->pane.n)
		pane_draw(s->ui, &st->pane, y + 1, ui_bottom(s->ui));
}

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct app *st = priv;

	if (a == ACT_COPY) {
		steps_copy(s, _("The App registrations page's address"), APPS_URL,
			   _("If pasting gives nothing, select the address on the screen with the mouse."));
		return true;
	}
	return fields_handle(s->ui, &st->fm, a, key);
}

static unsigned long long keys(struct session *s, void *priv)
{
	(void)s;
	(void)priv;
	return ACT_BIT(ACT_COPY);
}

static bool leave(struct session *s, void *priv, bool forward)
{
	struct app *st = priv;
	struct form *fm = &st->fm;

	if (!steps_fields_ok(s, fm, forward))
		return false;
	steps_commit_str(s, &s->p->app_name, fm->f[F_NAME].buf);
	if (fm->f[F_TENANT].msg.res != V_ERR)
		steps_commit_str(s, &s->p->tenant, fm->f[F_TENANT].buf);
	if (fm->f[F_CLIENT].msg.res != V_ERR)
		steps_commit_str(s, &s->p->client_id, fm->f[F_CLIENT].buf);
	if (!forward)
		return true;
	/* The tenant is looked up once per value; offline, a second Enter goes on without it. */
	if (s->p->tenant && strcasecmp(st->tenant_checked, s->p->tenant) != 0) {
		if (st->tenant_net_failed) {
			st->tenant_net_failed = false;
			snprintf(st->tenant_checked, sizeof(st->tenant_checked), "%s", s->p->tenant);
			return true;
		}
		steps_check(s, JOB_TENANT, false, NULL);
		return false;
	}
	return true;
}

static void job_done(struct session *s, void *priv)
{
	struct app *st = priv;
	const struct report_line *f = steps_take_report(s, &st->last);

	pane_clear(&st->pane);
	if (s->job.rc == O365_ECANCEL) {
		status_set(s->ui, false, "%s", _("The tenant look-up was cancelled. Enter tries again."));
		return;
	}
	if (!f) {
		snprintf(st->tenant_checked, sizeof(st->tenant_checked), "%s", s->p->tenant);
		s->go_to = steps_next(s, STEP_APP);
		report_clear(&st->last);
		return;
	}
	pane_add_report(&st->pane, &st->last, s->ui->cols - 4);
	st->tenant_net_failed = f->rc == O365_ENET;
	if (!st->tenant_net_failed) {
		st->fm.focus = F_TENANT;
		st->fm.f[F_TENANT].msg.res = V_ERR;
		snprintf(st->fm.f[F_TENANT].msg.text, sizeof(st->fm.f[F_TENANT].msg.text), "%s",
			 f->fix ? f->fix : f->text);
	}
	status_set(s->ui, true, "%s",
		   st->tenant_net_failed
			   ? _("The tenant could not be looked up; Enter again goes on without it.")
			   : _("Fix the tenant: the reason is beside it."));
}

static void cleanse(void *priv)
{
	struct app *st = priv;

	report_clear(&st->last);
	pane_clear(&st->pane);
}

const struct step_ops step_app = {.id = STEP_APP,
				  .private_size = sizeof(struct app),
				  .enter = enter,
				  .draw = draw,
				  .handle = handle,
				  .leave = leave,
				  .job_done = job_done,
				  .keys = keys,
				  .cleanse = cleanse};
