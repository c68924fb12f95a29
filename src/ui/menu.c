/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Lists drawn with the ncurses menu library: the start screen's choices, pickers and checklists.
 * The ticks of a checklist live in the form's FK_CHECK fields, so Space and Up/Down go through
 * the form like any field. */
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

int ui_menu_show(struct ui *ui, struct ui_menu *m, const char *const *names, int n, int current, int y, int x)
{
	ui_menu_free(m);
	if (n > UI_MENU_MAX)
		n = UI_MENU_MAX;
	if (y + n > ui_bottom(ui))
		n = ui_bottom(ui) - y;
	if (n <= 0)
		return y;
	for (int i = 0; i < n; i++)
		m->items[i] = new_item(names[i], "");
	m->items[n] = NULL;
	if (!(m->menu = new_menu(m->items)))
		return y;
	m->sub = derwin(stdscr, n, ui->cols - x - 2, y, x);
	set_menu_win(m->menu, stdscr);
	set_menu_sub(m->menu, m->sub);
	set_menu_format(m->menu, n, 1);
	set_menu_mark(m->menu, "> ");
	set_menu_fore(m->menu, ui_attr(ui, ROLE_FOCUS));
	post_menu(m->menu);
	set_current_item(m->menu, m->items[current >= 0 && current < n ? current : 0]);
	return y + n;
}

int menu_checklist(struct ui *ui, struct ui_menu *m, struct form *fm, int y)
{
	static char text[FORM_MAX_FIELDS][160];
	const char *names[FORM_MAX_FIELDS];
	int n = 0, current = 0;

	for (int i = 0; i < fm->n; i++) {
		if (fm->f[i].hidden || fm->f[i].kind != FK_CHECK)
			continue;
		snprintf(text[n], sizeof(text[n]), "[%c] %s", fm->f[i].checked ? 'x' : ' ',
			 _(fm->f[i].label));
		if (i == fm->focus)
			current = n;
		names[n] = text[n];
		n++;
	}
	return ui_menu_show(ui, m, names, n, current, y, 2);
}
