/* A checklist drawn with the ncurses menu library; the ticks live in the step's FK_CHECK fields,
 * so Space and Up/Down go through the generic field editor. */
#include "config.h"

#include <menu.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/i18n.h"
#include "ui.h"

static ITEM *items[STEP_MAX_FIELDS + 1];
static char names[STEP_MAX_FIELDS][160];
static MENU *menu;
static WINDOW *sub;

void checklist_free(void)
{
	if (menu) {
		unpost_menu(menu);
		free_menu(menu);
		menu = NULL;
	}
	for (int i = 0; i < STEP_MAX_FIELDS; i++) {
		if (items[i])
			free_item(items[i]);
		items[i] = NULL;
	}
	if (sub) {
		delwin(sub);
		sub = NULL;
	}
}

int checklist_draw(struct wizard *w, struct step_state *s, int y)
{
	int n = 0, current = 0;

	checklist_free();
	for (int i = 0; i < s->n; i++) {
		if (s->f[i].hidden || s->f[i].kind != FK_CHECK)
			continue;
		snprintf(names[n], sizeof(names[n]), "[%c] %s", s->f[i].checked ? 'x' : ' ',
			 _(s->f[i].label));
		if (i == s->focus)
			current = n;
		items[n] = new_item(names[n], "");
		n++;
	}
	items[n] = NULL;
	if (!n || !(menu = new_menu(items)))
		return y;
	sub = derwin(stdscr, n, w->cols - 6, y, 2);
	set_menu_win(menu, stdscr);
	set_menu_sub(menu, sub);
	set_menu_mark(menu, "> ");
	set_menu_fore(menu, ui_attr(w, ROLE_FOCUS));
	post_menu(menu);
	set_current_item(menu, items[current]);
	return y + n;
}
