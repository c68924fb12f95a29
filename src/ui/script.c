/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Script mode, in the manner of tig's: keys come from a file (O365_SCRIPT), one per line, and
 * ":save NAME" writes the screen as text. The driver asks for the next key only when no work is
 * running, so tests never sleep. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

static FILE *script;
static char pending[640];
static size_t pending_pos, pending_len;

bool script_open(const char *path)
{
	script = fopen(path, "r");
	return script != NULL;
}

bool script_active(void)
{
	return script != NULL;
}

static const struct {
	const char *name;
	int key;
} names[] = {
	{"<Enter>", '\r'},     {"<Tab>", '\t'},	       {"<S-Tab>", KEY_BTAB}, {"<Esc>", 27},
	{"<PgDn>", KEY_NPAGE}, {"<PgUp>", KEY_PPAGE},  {"<Up>", KEY_UP},      {"<Down>", KEY_DOWN},
	{"<Left>", KEY_LEFT},  {"<Right>", KEY_RIGHT}, {"<Space>", ' '},      {"<BS>", KEY_BACKSPACE},
	{"<C-c>", 3},	       {"<C-u>", 21},	       {"<F1>", KEY_F(1)},    {"<F2>", KEY_F(2)},
	{"<F3>", KEY_F(3)},    {"<F4>", KEY_F(4)},     {"<F5>", KEY_F(5)},    {"<F6>", KEY_F(6)},
	{"<F7>", KEY_F(7)},    {"<F8>", KEY_F(8)},     {"<F9>", KEY_F(9)},    {"<F10>", KEY_F(10)},
};

void script_save_screen(struct wizard *w, const char *name)
{
	const char *dir = getenv("O365_SCREEN_DIR");
	char path[4096], line[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : ".", name);
	if (!(f = fopen(path, "w")))
		return;
	for (int y = 0; y < LINES; y++) {
		int n = mvinnstr(y, 0, line, (int)sizeof(line) - 1 < COLS ? (int)sizeof(line) - 1 : COLS);
		if (n < 0)
			n = 0;
		line[n] = '\0';
		while (n > 0 && line[n - 1] == ' ')
			line[--n] = '\0';
		fprintf(f, "%s\n", line);
	}
	fclose(f);
}

/* Returns the next key; commands are carried out on the way. */
int script_next_key(struct wizard *w)
{
	char line[600];

	for (;;) {
		if (pending_pos < pending_len)
			return (unsigned char)pending[pending_pos++];
		if (!script || !fgets(line, sizeof(line), script))
			return ERR;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!strncmp(line, ":save ", 6)) {
			draw_frame(w);
			script_save_screen(w, line + 6);
			continue;
		}
		if (!strncmp(line, ":resize ", 8)) {
			int c = 0, r = 0;
			if (sscanf(line + 8, "%dx%d", &c, &r) == 2 && c > 0 && r > 0) {
				resizeterm(r, c);
				return KEY_RESIZE;
			}
			continue;
		}
		if (!strncmp(line, "type ", 5)) {
			snprintf(pending, sizeof(pending), "%s", line + 5);
			pending_len = strlen(pending);
			pending_pos = 0;
			continue;
		}
		if (!strcmp(line, "<A-n>"))
			return 0x10000 + 'n';
		if (!strcmp(line, "<A-b>"))
			return 0x10000 + 'b';
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (!strcmp(line, names[i].name))
				return names[i].key;
		if (strlen(line) == 1)
			return (unsigned char)line[0];
		/* A line the script language does not know is a broken test, not a no-op. */
		fprintf(stderr, "o365-oauth-setup: script: unknown line '%s'\n", line);
		exit(99);
	}
}
