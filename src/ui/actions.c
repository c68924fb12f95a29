/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one key table: it maps keys to actions and documents them, so help (F1), --keys, the man
 * page and the key line cannot disagree with what the keys do. Every F-key action also has a key
 * that works in every terminal: Alt+digit (or Esc then the digit) everywhere, and a letter outside
 * text fields. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "frontends.h"
#include "ui.h"

#define TEXT_ONLY 0x1000000 /* flag on a key code: only outside text fields */

struct binding {
	enum action action;
	int keys[8]; /* 0-terminated */
	const char *shown;
	const char *label;
	const char *hint;
};

static const struct binding table[] = {
	{ACT_NEXT,
	 {'\r', '\n', KEY_ENTER, KEY_ALT('n')},
	 "Enter, Alt-N",
	 N_("next step (Enter keeps the value)"),
	 N_("Enter next")},
	{ACT_BACK,
	 {27, KEY_ALT('b')},
	 "Esc, Alt-B",
	 N_("previous step; everything typed is kept"),
	 N_("Esc back")},
	{ACT_PORTAL,
	 {KEY_F(11), KEY_ALT('p')},
	 "F11, Alt-P",
	 N_("practice mode: the simulated portal (IDs, secrets, permissions)"),
	 N_("F11 portal")},
	{ACT_PSHELL,
	 {KEY_F(12), KEY_ALT('s')},
	 "F12, Alt-S",
	 N_("practice mode: the simulated Exchange Online PowerShell prompt"),
	 N_("F12 PowerShell")},
	{ACT_REVEAL,
	 {KEY_F(2), KEY_ALT('2'), 's' | TEXT_ONLY},
	 "F2, Alt-2, s",
	 N_("show the secret's first 3 characters, as the portal does"),
	 N_("F2 first 3")},
	{ACT_WRITE,
	 {KEY_F(3), KEY_ALT('3'), 'w' | TEXT_ONLY},
	 "F3, Alt-3, w",
	 N_("write what this step offers to a file"),
	 N_("F3 write")},
	{ACT_COPY,
	 {KEY_F(4), KEY_ALT('4'), 'c' | TEXT_ONLY},
	 "F4, Alt-4, c",
	 N_("send it to the terminal's clipboard (OSC 52)"),
	 N_("F4 copy")},
	{ACT_RUN,
	 {KEY_F(5), KEY_ALT('5'), 'r' | TEXT_ONLY},
	 "F5, Alt-5, r",
	 N_("run the check again"),
	 N_("F5 recheck")},
	{ACT_JUMP,
	 {KEY_F(6), KEY_ALT('6'), 'f' | TEXT_ONLY},
	 "F6, Alt-6, f",
	 N_("go to the field the failure names"),
	 N_("F6 fix it")},
	{ACT_WAIT,
	 {KEY_F(7), KEY_ALT('7'), 'p' | TEXT_ONLY},
	 "F7, Alt-7, p",
	 N_("wait for Exchange to propagate, re-checking every minute"),
	 N_("F7 wait")},
	{ACT_GENERATE,
	 {KEY_F(8), KEY_ALT('8'), 'k' | TEXT_ONLY},
	 "F8, Alt-8, k",
	 N_("generate a key and certificate"),
	 N_("F8 key")},
	{ACT_SEND,
	 {KEY_F(9), KEY_ALT('9'), 't' | TEXT_ONLY},
	 "F9, Alt-9, t",
	 N_("send one real test message (asks first)"),
	 N_("F9 test")},
	{ACT_FIELD_NEXT, {'\t', KEY_DOWN}, "Tab, Down", N_("next field, or scroll down"), N_("Tab field")},
	{ACT_FIELD_PREV, {KEY_BTAB, KEY_UP}, "Shift-Tab, Up", N_("previous field, or scroll up"), NULL},
	{ACT_PAGE_DOWN, {KEY_NPAGE}, "PgDn", N_("scroll the results down a page"), N_("PgDn more")},
	{ACT_PAGE_UP, {KEY_PPAGE}, "PgUp", N_("scroll the results up a page"), NULL},
	{ACT_HELP, {KEY_F(1), KEY_ALT('1'), '?' | TEXT_ONLY}, "F1, Alt-1, ?", N_("this help"), N_("F1 help")},
	{ACT_QUIT,
	 {KEY_F(10), KEY_ALT('0'), 3, 'q' | TEXT_ONLY},
	 "F10, Alt-0, Ctrl-C, q",
	 N_("quit (asks only when something would be lost)"),
	 N_("F10 quit")},
	{ACT_TOGGLE, {' ' | TEXT_ONLY}, "Space", N_("tick a box, change a choice"), N_("Space tick")},
	{ACT_LEFT, {KEY_LEFT}, "Left", N_("move the cursor, change a choice"), NULL},
	{ACT_RIGHT, {KEY_RIGHT}, "Right", N_("move the cursor, change a choice"), NULL},
	{ACT_HOME, {KEY_HOME, 1}, "Home, Ctrl-A", N_("start of the field"), NULL},
	{ACT_END, {KEY_END, 5}, "End, Ctrl-E", N_("end of the field"), NULL},
	{ACT_BACKSPACE, {KEY_BACKSPACE, 127, 8}, "Backspace", N_("delete before the cursor"), NULL},
	{ACT_DELETE, {KEY_DC, 4}, "Delete, Ctrl-D", N_("delete at the cursor"), NULL},
	{ACT_CLEAR, {21}, "Ctrl-U", N_("clear the field"), NULL},
};

#define N_TABLE ((int)(sizeof(table) / sizeof(table[0])))

static struct action_info infos[N_TABLE];

const struct action_info *actions_table(int *n)
{
	for (int i = 0; i < N_TABLE; i++)
		infos[i] =
			(struct action_info){table[i].action, table[i].shown, table[i].label, table[i].hint};
	*n = N_TABLE;
	return infos;
}

const struct action_info *action_info(enum action a)
{
	int n;
	const struct action_info *t = actions_table(&n);

	for (int i = 0; i < n; i++)
		if (t[i].action == a)
			return &t[i];
	return NULL;
}

const char *action_key_name(enum action a)
{
	static char name[16];

	for (int i = 0; i < N_TABLE; i++)
		if (table[i].action == a) {
			snprintf(name, sizeof(name), "%.*s", (int)strcspn(table[i].shown, ","),
				 table[i].shown);
			return name;
		}
	return "?";
}

enum action action_for_key(int key, bool in_text)
{
	if (key == KEY_RESIZE)
		return ACT_RESIZE;
	if (key == KEY_WAKE)
		return ACT_WAKE;
	if (key == KEY_PASTE_END)
		return ACT_PASTE_END;
	for (int i = 0; i < N_TABLE; i++)
		for (int k = 0; table[i].keys[k]; k++) {
			int code = table[i].keys[k] & ~TEXT_ONLY;
			if (code == key && !(in_text && (table[i].keys[k] & TEXT_ONLY)))
				return table[i].action;
		}
	return key >= 32 && key < 256 && key != 127 ? ACT_CHAR : ACT_NONE;
}

void wizard_print_keys(FILE *f)
{
	for (int i = 0; i < N_TABLE; i++)
		fprintf(f, "%s\t%s\n", table[i].shown, _(table[i].label));
}
