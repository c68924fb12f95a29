/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lists drawn with the ncurses menu library: the re-run start screen and checklists. The ticks of
 * a checklist live in the step's FK_CHECK fields, so Space and Up/Down go through the generic
 * field editor. */
#include "config.h"

#include <stdio.h>

#include "core/i18n.h"
#include "ui.h"

void ui_menu_free(struct ui_menu *m)
{
	if (m->menu) {
		unpost_menu(m->menu);
		free_menu(m->menu);
		m->menu = NULL;
	}
	for (int i = 0; i < UI_MENU_MAX; i++) {
		if (m->items[i])
			free_item(m->items[i]);
		m->items[i] = NULL;
	}
	if (m->sub) {
		delwin(m->sub);
		m->sub = NULL;
	}
}

int ui_menu_show(struct wizard *w, struct ui_menu *m, const char *const *names, int n, int current, int y,
		 int x)
{
	ui_menu_free(m);
	if (n > UI_MENU_MAX)
		n = UI_MENU_MAX;
	for (int i = 0; i < n; i++)
		m->items[i] = new_item(names[i], "");
	m->items[n] = NULL;
	if (!n || !(m->menu = new_menu(m->items)))
		return y;
	m->sub = derwin(stdscr, n, w->cols - x - 4, y, x);
	set_menu_win(m->menu, stdscr);
	set_menu_sub(m->menu, m->sub);
	set_menu_mark(m->menu, "> ");
	set_menu_fore(m->menu, ui_attr(w, ROLE_FOCUS));
	post_menu(m->menu);
	set_current_item(m->menu, m->items[current < n ? current : 0]);
	return y + n;
}

static struct ui_menu checklist;

void checklist_free(void)
{
	ui_menu_free(&checklist);
}

int checklist_draw(struct wizard *w, struct step_state *s, int y)
{
	static char text[STEP_MAX_FIELDS][160];
	const char *names[STEP_MAX_FIELDS];
	int n = 0, current = 0;

	for (int i = 0; i < s->n; i++) {
		if (s->f[i].hidden || s->f[i].kind != FK_CHECK)
			continue;
		snprintf(text[n], sizeof(text[n]), "[%c] %s", s->f[i].checked ? 'x' : ' ', _(s->f[i].label));
		if (i == s->focus)
			current = n;
		names[n] = text[n];
		n++;
	}
	return ui_menu_show(w, &checklist, names, n, current, y, 2);
}
