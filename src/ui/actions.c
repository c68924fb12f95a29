/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "core/i18n.h"
#include "frontends.h"
#include "ui.h"

static const struct action_info table[] = {
	{ACT_NEXT, "Enter, PgDn, Alt-N", N_("next step (Enter keeps the current value)")},
	{ACT_BACK, "Esc, PgUp, Alt-B", N_("previous step; everything typed is kept")},
	{ACT_FIELD_NEXT, "Tab, Down", N_("next field")},
	{ACT_FIELD_PREV, "Shift-Tab, Up", N_("previous field")},
	{ACT_TOGGLE, "Space", N_("tick a box, change a choice")},
	{ACT_LEFT, "Left, Right", N_("change a choice")},
	{ACT_CLEAR, "Ctrl-U", N_("clear the field")},
	{ACT_REVEAL, "F2", N_("show the secret's last 4 characters")},
	{ACT_WRITE, "F3", N_("write the file this step offers")},
	{ACT_COPY, "F4", N_("copy to the clipboard (OSC 52, works over SSH)")},
	{ACT_RUN, "F5", N_("run the check again")},
	{ACT_JUMP, "F6", N_("go to the step the failure names")},
	{ACT_WAIT, "F7", N_("wait for Exchange, re-checking every minute")},
	{ACT_GENERATE, "F8", N_("generate a key and certificate")},
	{ACT_HELP, "F1, ?", N_("this help")},
	{ACT_QUIT, "Ctrl-C, F10, q", N_("quit (asks to save a draft)")},
};

const struct action_info *actions_table(int *n)
{
	*n = (int)(sizeof(table) / sizeof(table[0]));
	return table;
}

enum action action_for_key(int key, bool in_text)
{
	switch (key) {
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_NPAGE:
		return ACT_NEXT;
	case 27:
	case KEY_PPAGE:
		return ACT_BACK;
	case '\t':
	case KEY_DOWN:
		return ACT_FIELD_NEXT;
	case KEY_BTAB:
	case KEY_UP:
		return ACT_FIELD_PREV;
	case ' ':
		return in_text ? ACT_CHAR : ACT_TOGGLE;
	case KEY_LEFT:
		return ACT_LEFT;
	case KEY_RIGHT:
		return ACT_RIGHT;
	case KEY_F(1):
		return ACT_HELP;
	case '?':
		return in_text ? ACT_CHAR : ACT_HELP;
	case 3: /* Ctrl-C */
	case KEY_F(10):
		return ACT_QUIT;
	case 'q':
		return in_text ? ACT_CHAR : ACT_QUIT;
	case KEY_F(2):
		return ACT_REVEAL;
	case KEY_F(3):
		return ACT_WRITE;
	case KEY_F(4):
		return ACT_COPY;
	case KEY_F(5):
		return ACT_RUN;
	case KEY_F(6):
		return ACT_JUMP;
	case KEY_F(7):
		return ACT_WAIT;
	case KEY_F(8):
		return ACT_GENERATE;
	case KEY_F(9):
		return ACT_SEND;
	case 21: /* Ctrl-U */
		return ACT_CLEAR;
	case KEY_BACKSPACE:
	case 127:
	case 8:
		return ACT_BACKSPACE;
	case KEY_RESIZE:
		return ACT_RESIZE;
	default:
		return key >= 32 && key < 256 ? ACT_CHAR : ACT_NONE;
	}
}

void wizard_print_keys(FILE *f)
{
	int n;
	const struct action_info *t = actions_table(&n);

	for (int i = 0; i < n; i++)
		fprintf(f, "%s\t%s\n", t[i].keys, _(t[i].label));
}
