/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Script mode, in the manner of tig's: keys come from a file (O365_SCRIPT), one per line, and
 * ":save NAME" writes the screen as text. The driver asks for the next key only when no check is
 * running, so tests never sleep. "raw BYTES" feeds terminal bytes (\e, \xNN, \r, \t) through the
 * same decoder a terminal's keys go through. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

static FILE *script;
static char pending[2048];
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

bool script_has_bytes(void)
{
	return pending_pos < pending_len;
}

static const struct {
	const char *name;
	int key;
} names[] = {
	{"<Enter>", '\r'},     {"<Tab>", '\t'},	       {"<S-Tab>", KEY_BTAB}, {"<Esc>", 27},
	{"<PgDn>", KEY_NPAGE}, {"<PgUp>", KEY_PPAGE},  {"<Up>", KEY_UP},      {"<Down>", KEY_DOWN},
	{"<Left>", KEY_LEFT},  {"<Right>", KEY_RIGHT}, {"<Space>", ' '},      {"<BS>", KEY_BACKSPACE},
	{"<Home>", KEY_HOME},  {"<End>", KEY_END},     {"<Del>", KEY_DC},     {"<C-c>", 3},
	{"<C-u>", 21},	       {"<F1>", KEY_F(1)},     {"<F2>", KEY_F(2)},    {"<F3>", KEY_F(3)},
	{"<F4>", KEY_F(4)},    {"<F5>", KEY_F(5)},     {"<F6>", KEY_F(6)},    {"<F7>", KEY_F(7)},
	{"<F8>", KEY_F(8)},    {"<F9>", KEY_F(9)},     {"<F10>", KEY_F(10)},  {"<F11>", KEY_F(11)},
	{"<F12>", KEY_F(12)},
};

void script_save_screen(struct ui *ui, const char *name)
{
	const char *dir = getenv("O365_SCREEN_DIR");
	char path[4096], line[1024];
	FILE *f;

	(void)ui;
	snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : ".", name);
	if (!(f = fopen(path, "w")))
		return;
	for (int y = 0; y < LINES; y++) {
		/* The limit is in bytes, and a row of UTF-8 text is longer than COLS bytes; reading
		 * stops at the end of the row. */
		int n = mvinnstr(y, 0, line, (int)sizeof(line) - 1);
		if (n < 0)
			n = 0;
		line[n] = '\0';
		while (n > 0 && line[n - 1] == ' ')
			line[--n] = '\0';
		fprintf(f, "%s\n", line);
	}
	fclose(f);
}

/* "\e[11~" -> the bytes; returns their count. */
static size_t unescape(const char *in, char *out, size_t n)
{
	size_t o = 0;

	while (*in && o + 1 < n) {
		if (*in != '\\') {
			out[o++] = *in++;
			continue;
		}
		in++;
		switch (*in) {
		case 'e':
			out[o++] = 27;
			break;
		case 'r':
			out[o++] = '\r';
			break;
		case 't':
			out[o++] = '\t';
			break;
		case 'x': {
			char hex[3] = {in[1], in[1] ? in[2] : 0, 0};
			out[o++] = (char)strtol(hex, NULL, 16);
			in += 2;
			break;
		}
		default:
			out[o++] = *in;
		}
		if (*in)
			in++;
	}
	return o;
}

/* Returns the next key or byte; commands are carried out on the way. */
int script_next(struct ui *ui, bool *raw_byte)
{
	char line[1200];

	*raw_byte = false;
	for (;;) {
		if (pending_pos < pending_len) {
			*raw_byte = true;
			return (unsigned char)pending[pending_pos++];
		}
		if (!script || !fgets(line, sizeof(line), script))
			return -1;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (!strncmp(line, ":save ", 6)) {
			if (ui->redraw)
				ui->redraw(ui);
			script_save_screen(ui, line + 6);
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
		if (!strncmp(line, "raw ", 4)) {
			pending_len = unescape(line + 4, pending, sizeof(pending));
			pending_pos = 0;
			continue;
		}
		if (!strncmp(line, "<A-", 3) && strlen(line) == 5 && line[4] == '>')
			return KEY_ALT(tolower((unsigned char)line[3]));
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
