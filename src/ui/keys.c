/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Terminal bytes to keys. The terminal's own sequences are decoded here rather than through
 * terminfo alone: PuTTY, xterm, rxvt, the Linux console, screen and tmux send F1-F12, Home and End
 * in ways a TERM setting often misses, and an unknown sequence must never reach a field as text
 * nor be taken for a lone Esc. A whole CSI (ESC [ ... final) or SS3 (ESC O x) sequence is always
 * read; what is not known is swallowed as KEY_UNKNOWN. */
#include "config.h"

#include <string.h>

#include "ui.h"

#define ESC_WAIT_MS 40 /* a lone Esc is one with nothing after it this soon */

/* CSI n ~ : VT220 style, as xterm, PuTTY, rxvt, screen, tmux and the console send. */
static int tilde_key(int n)
{
	static const struct {
		int n, key;
	} map[] = {
		{1, KEY_HOME},		{2, KEY_IC},	      {3, KEY_DC},     {4, KEY_END},
		{5, KEY_PPAGE},		{6, KEY_NPAGE},	      {7, KEY_HOME},   {8, KEY_END},
		{11, KEY_F(1)},		{12, KEY_F(2)},	      {13, KEY_F(3)},  {14, KEY_F(4)},
		{15, KEY_F(5)},		{17, KEY_F(6)},	      {18, KEY_F(7)},  {19, KEY_F(8)},
		{20, KEY_F(9)},		{21, KEY_F(10)},      {23, KEY_F(11)}, {24, KEY_F(12)},
		{200, KEY_PASTE_BEGIN}, {201, KEY_PASTE_END},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].n == n)
			return map[i].key;
	return KEY_UNKNOWN;
}

/* CSI or SS3 with a letter final: arrows, Home/End, xterm's F1-F4, PuTTY's keypad. */
static int letter_key(int c)
{
	switch (c) {
	case 'A':
		return KEY_UP;
	case 'B':
		return KEY_DOWN;
	case 'C':
		return KEY_RIGHT;
	case 'D':
		return KEY_LEFT;
	case 'H':
		return KEY_HOME;
	case 'F':
		return KEY_END;
	case 'P':
		return KEY_F(1);
	case 'Q':
		return KEY_F(2);
	case 'R':
		return KEY_F(3);
	case 'S':
		return KEY_F(4);
	case 'Z':
		return KEY_BTAB;
	case 'M':
		return '\r'; /* keypad Enter in application mode */
	default:
		return KEY_UNKNOWN;
	}
}

static int csi(int (*next)(void *, int), void *ctx)
{
	int params[4] = {0}, np = 0, c;
	bool priv = false;

	c = next(ctx, ESC_WAIT_MS);
	if (c == '[') { /* the Linux console's F1-F5: ESC [ [ A..E */
		c = next(ctx, ESC_WAIT_MS);
		return c >= 'A' && c <= 'E' ? KEY_F(c - 'A' + 1) : KEY_UNKNOWN;
	}
	for (;; c = next(ctx, ESC_WAIT_MS)) {
		if (c < 0)
			return KEY_UNKNOWN; /* cut short: what came is swallowed, not typed */
		if (c >= '0' && c <= '9') {
			if (np == 0)
				np = 1;
			params[np - 1] = params[np - 1] * 10 + (c - '0');
			if (params[np - 1] > 100000)
				params[np - 1] = 100000;
		} else if (c == ';') {
			if (np == 0)
				np = 1;
			if (np < 4)
				np++;
		} else if (c >= 0x3c && c <= 0x3f) {
			priv = true; /* <=>? private parameters: replies, not keys */
		} else if (c >= 0x20 && c <= 0x2f) {
			; /* intermediate bytes */
		} else if (c >= 0x40 && c <= 0x7e) {
			break;
		} else if (c == '$' || c == '^' || c == '@') {
			break; /* rxvt's modified keys end in $ ^ @ */
		} else {
			return KEY_UNKNOWN;
		}
	}
	if (priv)
		return KEY_UNKNOWN;
	if (c == '~' || c == '$' || c == '^' || c == '@')
		return tilde_key(params[0]);
	/* CSI 1;5C (modified arrows) and CSI A alike: the modifier is dropped. */
	if (np <= 1 || params[0] == 1)
		return letter_key(c);
	return KEY_UNKNOWN;
}

int keys_decode(int (*next)(void *ctx, int wait_ms), void *ctx)
{
	int c = next(ctx, -1), d;

	if (c < 0)
		return ERR;
	if (c >= KEY_MIN)
		return c; /* already a key (scripts, KEY_RESIZE) */
	if (c != 27)
		return c;
	d = next(ctx, ESC_WAIT_MS);
	if (d < 0)
		return 27; /* a lone Esc */
	if (d == '[')
		return csi(next, ctx);
	if (d == 'O') {
		int e = next(ctx, ESC_WAIT_MS);
		return e < 0 ? KEY_ALT('o') : letter_key(e);
	}
	if (d == 27)
		return 27; /* Esc Esc: Esc */
	if (d >= 'A' && d <= 'Z')
		d += 'a' - 'A';
	if (d >= 32 && d < 127)
		return KEY_ALT(d);
	return KEY_UNKNOWN;
}

/* ---- where the bytes come from ---- */
static int term_next(void *ctx, int wait_ms)
{
	int c;

	(void)ctx;
	timeout(wait_ms);
	c = getch();
	return c == ERR ? -1 : c;
}

static int script_byte(void *ctx, int wait_ms)
{
	struct ui *ui = ctx;
	bool raw = false;
	int c;

	/* Inside a sequence only the bytes already queued count: a script line is one burst. */
	if (wait_ms >= 0 && !script_has_bytes())
		return -1;
	c = script_next(ui, &raw);
	return c;
}

int ui_key(struct ui *ui, int poll_ms)
{
	int k;

	if (ui->script)
		return keys_decode(script_byte, ui);
	timeout(poll_ms);
	k = getch();
	if (k == ERR)
		return KEY_WAKE;
	if (k != 27)
		return k;
	ungetch(k);
	return keys_decode(term_next, ui);
}
