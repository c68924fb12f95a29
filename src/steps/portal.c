/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Practice mode: the simulated Entra portal, as a trainee meets it. The values to copy sit beside
 * the ones that trap (the App Registration's Object ID, the Secret ID), and the fixes are the
 * portal's own: a new client secret, a permission added by API and type, admin consent. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "practice/portal.h"
#include "steps.h"

#define MAX_ROWS 64

enum pmode { PM_VIEW = 0, PM_API, PM_TYPE, PM_NAME };

struct portal {
	struct form fm; /* no fields: the rows are the page */
	int sel;	/* the chosen row */
	int top;	/* first row shown */
	enum pmode mode;
	int api, type, pick;
};

static int rows_now(struct session *s, struct pr_row *rows)
{
	int n;

	practice_lock(s->practice);
	n = practice_portal_rows(s->practice, rows, MAX_ROWS);
	practice_unlock(s->practice);
	return n;
}

static bool selectable(const struct pr_row *r)
{
	return r->copy || r->perm >= 0;
}

static void move_sel(struct portal *st, const struct pr_row *rows, int n, int dir)
{
	for (int i = st->sel + dir; i >= 0 && i < n; i += dir)
		if (selectable(&rows[i])) {
			st->sel = i;
			return;
		}
}

static void enter(struct session *s, void *priv)
{
	struct portal *st = priv;
	struct pr_row rows[MAX_ROWS];
	int n = rows_now(s, rows);

	st->mode = PM_VIEW;
	st->top = 0;
	if (st->sel >= n || !selectable(&rows[st->sel])) {
		st->sel = -1;
		move_sel(st, rows, n, 1);
	}
}

static const char *const api_names[] = {N_("Office 365 Exchange Online"), N_("Microsoft Graph"), NULL};
static const char *const type_names[] = {N_("Delegated permissions"), N_("Application permissions"), NULL};

static const char *const *choices(const struct portal *st)
{
	if (st->mode == PM_API)
		return api_names;
	if (st->mode == PM_TYPE)
		return type_names;
	return practice_permission_names((enum pr_api)st->api, (enum pr_type)st->type);
}

static void draw_pick(struct session *s, struct portal *st, int y)
{
	const char *const *c = choices(st);
	char head[200];

	if (st->mode == PM_API)
		snprintf(head, sizeof(head), "%s", _("Request API permissions: choose the API"));
	else if (st->mode == PM_TYPE)
		snprintf(head, sizeof(head), _("%s: what type of permissions does the app need?"),
			 _(api_names[st->api]));
	else
		snprintf(head, sizeof(head), _("%s, %s: choose the permission"), _(api_names[st->api]),
			 _(type_names[st->type]));
	attron(A_BOLD);
	mvaddnstr(y++, 2, head, s->ui->cols - 4);
	attroff(A_BOLD);
	y++;
	for (int i = 0; c[i] && y < s->ui->rows - 4; i++, y++) {
		attr_t a = i == st->pick ? ui_attr(s->ui, ROLE_FOCUS) : A_NORMAL;
		attron(a);
		mvprintw(y, 4, "%s %s", i == st->pick ? ">" : " ", st->mode == PM_NAME ? c[i] : _(c[i]));
		attroff(a);
	}
	draw_text(s->ui, y + 1, 2, s->ui->cols - 4, _("Up and Down choose, Enter takes it, Esc cancels."),
		  ui_attr(s->ui, ROLE_DIM));
}

static void draw(struct session *s, void *priv, int y)
{
	struct portal *st = priv;
	struct pr_row rows[MAX_ROWS];
	int n = rows_now(s, rows), maxy = s->ui->rows - 3, shown;

	y = draw_text(s->ui, y, 2, s->ui->cols - 4,
		      _("PRACTICE: a simulated portal, nothing here is a real tenant. Up and Down choose, F4 "
			"copies the value; n new client secret, a add a permission, d remove the chosen "
			"one, g grant admin consent; Esc returns to the wizard."),
		      ui_attr(s->ui, ROLE_DIM)) +
	    1;
	if (st->mode != PM_VIEW) {
		draw_pick(s, st, y);
		return;
	}
	shown = maxy - y;
	if (n > shown)
		shown--; /* a row for the marker */
	if (st->sel >= 0 && st->sel < st->top)
		st->top = st->sel > 0 && rows[st->sel - 1].kind == PR_ROW_HEADING ? st->sel - 1 : st->sel;
	if (st->sel >= st->top + shown)
		st->top = st->sel - shown + 1;
	if (st->top > n - shown)
		st->top = n - shown > 0 ? n - shown : 0;
	for (int i = st->top; i < n && i < st->top + shown; i++, y++) {
		const struct pr_row *r = &rows[i];
		attr_t a = i == st->sel ? ui_attr(s->ui, ROLE_FOCUS) : A_NORMAL;
		char line[300];
		switch (r->kind) {
		case PR_ROW_HEADING:
			attron(A_BOLD);
			mvaddnstr(y, 2, r->label, s->ui->cols - 4);
			attroff(A_BOLD);
			continue;
		case PR_ROW_FIELD:
			snprintf(line, sizeof(line), "%-26s %s", r->label, r->value);
			break;
		case PR_ROW_COLUMNS:
			snprintf(line, sizeof(line), "%-26.26s %s", r->label, r->value);
			break;
		case PR_ROW_TEXT:
			snprintf(line, sizeof(line), "%s", r->label);
			break;
		}
		attron(a);
		mvprintw(y, 2, "%c %.*s", i == st->sel ? '>' : ' ', s->ui->cols - 6, line);
		attroff(a);
	}
	if (st->top + shown < n || st->top > 0) {
		attron(ui_attr(s->ui, ROLE_KEY));
		mvaddnstr(maxy - 1, 2,
			  st->top + shown < n ? _("-- more below: Down --") : _("-- end; Up goes back --"),
			  s->ui->cols - 4);
		attroff(ui_attr(s->ui, ROLE_KEY));
	}
}

static void pick_done(struct session *s, struct portal *st)
{
	struct o365_err e;

	err_clear(&e);
	if (st->mode == PM_API) {
		st->api = st->pick;
		st->mode = PM_TYPE;
		st->pick = 0;
		return;
	}
	if (st->mode == PM_TYPE) {
		st->type = st->pick;
		st->mode = PM_NAME;
		st->pick = 0;
		return;
	}
	practice_lock(s->practice);
	if (practice_add_permission(s->practice, (enum pr_api)st->api, (enum pr_type)st->type,
				    choices(st)[st->pick], &e) == O365_OK)
		status_set(s->ui, false, _("Added %s: not granted until admin consent (g)."),
			   choices(st)[st->pick]);
	else
		status_set(s->ui, true, "%s", e.msg);
	practice_unlock(s->practice);
	st->mode = PM_VIEW;
}

static bool handle_pick(struct session *s, struct portal *st, enum action a)
{
	int n = 0;

	while (choices(st)[n])
		n++;
	if (a == ACT_FIELD_NEXT && st->pick + 1 < n)
		st->pick++;
	else if (a == ACT_FIELD_PREV && st->pick > 0)
		st->pick--;
	else if (a == ACT_NEXT)
		pick_done(s, st);
	else if (a == ACT_BACK)
		st->mode = PM_VIEW;
	return true;
}

static bool leave(struct session *s, void *priv, bool forward);

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct portal *st = priv;
	struct pr_row rows[MAX_ROWS];
	int n = rows_now(s, rows);
	const struct pr_row *r = st->sel >= 0 && st->sel < n ? &rows[st->sel] : NULL;
	struct o365_err e;

	err_clear(&e);
	if (st->mode != PM_VIEW)
		return handle_pick(s, st, a);
	switch (a) {
	case ACT_FIELD_NEXT:
	case ACT_FIELD_PREV:
		move_sel(st, rows, n, a == ACT_FIELD_NEXT ? 1 : -1);
		return true;
	case ACT_COPY:
	case ACT_NEXT:
		if (!r || !r->copy) {
			status_set(s->ui, true, "%s", _("Choose a value to copy with Up and Down."));
			return true;
		}
		{
			char what[80];
			snprintf(what, sizeof(what), "%s", r->label + strspn(r->label, " "));
			steps_copy(
				s, what, r->value,
				_("Otherwise select the value with the mouse and copy it from the screen."));
		}
		return true;
	case ACT_BACK:
		leave(s, priv, false);
		s->go_to = s->practice_from;
		return true;
	case ACT_CHAR:
		break;
	default:
		return false;
	}
	practice_lock(s->practice);
	if (key == 'n') {
		const struct pr_secret *sec = practice_new_secret(s->practice, NULL, 180, &e);
		if (sec)
			status_set(s->ui, false,
				   _("New secret, expires %s. Copy its Value now: hidden once you leave."),
				   sec->expires);
		else
			status_set(s->ui, true, "%s", e.msg);
	} else if (key == 'g') {
		practice_grant_consent(s->practice);
		status_set(s->ui, false, _("Granted admin consent for %s."), s->practice->domain);
	} else if (key == 'd') {
		if (r && r->perm >= 0) {
			char name[40];
			snprintf(name, sizeof(name), "%s", s->practice->perms[r->perm].name);
			if (practice_remove_permission(s->practice, name, &e) == O365_OK)
				status_set(s->ui, false, _("Removed %s."), name);
		} else {
			status_set(s->ui, true, "%s", _("Choose a permission with Up and Down first."));
		}
	} else if (key == 'a') {
		st->mode = PM_API;
		st->pick = 0;
	} else {
		status_set(
			s->ui, true, "%s",
			_("Here: n new client secret, a add a permission, d remove, g grant admin consent."));
	}
	practice_unlock(s->practice);
	n = rows_now(s, rows);
	if (st->sel >= n || !selectable(&rows[st->sel < 0 ? 0 : st->sel])) {
		st->sel = -1;
		move_sel(st, rows, n, 1);
	}
	if (key == 'n') /* the new secret's row, to copy at once */
		for (int i = n - 1; i >= 0; i--)
			if (rows[i].copy && rows[i].kind == PR_ROW_FIELD && i + 1 < n &&
			    strstr(rows[i + 1].label, _("Secret ID"))) {
				st->sel = i;
				break;
			}
	return true;
}

static bool leave(struct session *s, void *priv, bool forward)
{
	(void)priv;
	(void)forward;
	/* As in the portal, a secret's Value is shown only until the page is left. */
	practice_lock(s->practice);
	practice_portal_leave(s->practice);
	practice_unlock(s->practice);
	return true;
}

static unsigned long long keys(struct session *s, void *priv)
{
	(void)s;
	(void)priv;
	return ACT_BIT(ACT_COPY) | ACT_BIT(ACT_BACK) | ACT_BIT(ACT_FIELD_NEXT);
}

const struct step_ops step_portal = {
	.id = STEPS_PORTAL,
	.private_size = sizeof(struct portal),
	.enter = enter,
	.draw = draw,
	.handle = handle,
	.leave = leave,
	.keys = keys,
};
