/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A form of fields: line editing with a visible cursor, choices, ticks and live validation. The
 * editor is our own rather than the form library's because a secret is drawn masked with its
 * first characters on request, and a value that looks like a secret is masked in any field. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/codec.h"
#include "core/i18n.h"
#include "ui.h"

bool field_is_text(const struct field *f)
{
	return f->kind == FK_TEXT || f->kind == FK_SECRET;
}

static size_t field_max(const struct field *f)
{
	return f->max && f->max < sizeof(f->buf) ? f->max : sizeof(f->buf) - 1;
}

void field_set(struct field *f, const char *v)
{
	snprintf(f->buf, sizeof(f->buf), "%s", v ? v : "");
	f->cur = strlen(f->buf);
	f->scroll = 0;
}

/* Entra's secrets: three characters, a digit, "Q~", then about 34 more. */
bool looks_like_secret(const char *s)
{
	const char *q = s ? strstr(s, "Q~") : NULL;
	size_t n = s ? strlen(s) : 0;

	if (!q || n < 30 || q - s > 8)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_~.-", s[i]) &&
		    s[i] != ' ')
			return false;
	return true;
}

void field_check(struct form *fm, struct field *f)
{
	f->msg.res = V_OK;
	f->msg.text[0] = '\0';
	f->confirm[0] = '\0';
	if (f->hidden)
		return;
	if (f->kind == FK_TEXT && looks_like_secret(f->buf)) {
		/* Never drawn, never repeated in a message. */
		f->msg.res = V_ERR;
		snprintf(f->msg.text, sizeof(f->msg.text), "%s",
			 _("This looks like a client secret: it belongs in Client secret Value, not here. "
			   "Ctrl-U clears it."));
		return;
	}
	if (!f->check)
		return;
	if (f->optional && !f->buf[0] && field_is_text(f))
		return;
	f->check(fm, f, &f->msg);
}

int fields_validate(struct form *fm)
{
	int first = -1;

	for (int i = 0; i < fm->n; i++) {
		field_check(fm, &fm->f[i]);
		if (fm->f[i].msg.res == V_ERR && !fm->f[i].hidden && first < 0)
			first = i;
	}
	return first;
}

static void move_focus(struct form *fm, int dir)
{
	for (int k = 0; k < fm->n; k++) {
		fm->focus = (fm->focus + dir + fm->n) % fm->n;
		if (!fm->f[fm->focus].hidden)
			return;
	}
}

/* Inserts bytes at the cursor; refuses (and says so) what does not fit. */
static bool insert(struct ui *ui, struct form *fm, struct field *f, const char *s, size_t n)
{
	size_t len = strlen(f->buf);

	if (len + n > field_max(f)) {
		status_set(ui, true,
			   _("Too long for %s (at most %zu characters): nothing was added. Ctrl-U clears the "
			     "field."),
			   _(f->label), field_max(f));
		return false;
	}
	memmove(f->buf + f->cur + n, f->buf + f->cur, len - f->cur + 1);
	memcpy(f->buf + f->cur, s, n);
	f->cur += n;
	field_check(fm, f);
	return true;
}

bool fields_insert(struct ui *ui, struct form *fm, const char *s, size_t n)
{
	struct field *f = fm->n ? &fm->f[fm->focus] : NULL;

	if (!f || !field_is_text(f))
		return false;
	return insert(ui, fm, f, s, n);
}

static size_t prev_char(const char *b, size_t i)
{
	if (i)
		i--;
	while (i && ((unsigned char)b[i] & 0xc0) == 0x80)
		i--;
	return i;
}

static size_t next_char(const char *b, size_t i)
{
	if (b[i])
		i++;
	while (((unsigned char)b[i] & 0xc0) == 0x80)
		i++;
	return i;
}

static bool edit(struct ui *ui, struct form *fm, struct field *f, enum action a, int key)
{
	size_t len = strlen(f->buf), at;
	char c;

	if (f->cur > len)
		f->cur = len;
	switch (a) {
	case ACT_CHAR:
		c = (char)key;
		insert(ui, fm, f, &c, 1);
		return true;
	case ACT_LEFT:
		f->cur = prev_char(f->buf, f->cur);
		return true;
	case ACT_RIGHT:
		f->cur = next_char(f->buf, f->cur);
		return true;
	case ACT_HOME:
		f->cur = 0;
		return true;
	case ACT_END:
		f->cur = len;
		return true;
	case ACT_BACKSPACE:
		if (!f->cur)
			return true;
		at = prev_char(f->buf, f->cur);
		memmove(f->buf + at, f->buf + f->cur, len - f->cur + 1);
		f->cur = at;
		field_check(fm, f);
		return true;
	case ACT_DELETE:
		at = next_char(f->buf, f->cur);
		memmove(f->buf + f->cur, f->buf + at, len - at + 1);
		field_check(fm, f);
		return true;
	case ACT_CLEAR:
		codec_cleanse(f->buf, sizeof(f->buf));
		f->cur = 0;
		f->scroll = 0;
		field_check(fm, f);
		return true;
	default:
		return false;
	}
}

/* Returns true when the action was used by the form. */
bool fields_handle(struct ui *ui, struct form *fm, enum action a, int key)
{
	struct field *f;

	if (fm->n == 0)
		return false;
	f = &fm->f[fm->focus];
	switch (a) {
	case ACT_FIELD_NEXT:
	case ACT_FIELD_PREV:
		if (fm->n < 2)
			return false;
		field_check(fm, f);
		move_focus(fm, a == ACT_FIELD_NEXT ? 1 : -1);
		return true;
	case ACT_REVEAL:
		/* The form's secret, wherever the focus is. */
		for (int i = 0; i < fm->n; i++) {
			if (fm->f[i].kind == FK_SECRET && !fm->f[i].hidden) {
				fm->f[i].reveal = !fm->f[i].reveal;
				return true;
			}
		}
		return false;
	default:
		break;
	}
	if (field_is_text(f))
		return edit(ui, fm, f, a, key);
	if (f->kind == FK_CHECK && (a == ACT_TOGGLE || a == ACT_CHAR) && (key == ' ' || a == ACT_TOGGLE)) {
		f->checked = !f->checked;
		field_check(fm, f);
		return true;
	}
	if (f->kind == FK_CHOICE && (a == ACT_TOGGLE || a == ACT_LEFT || a == ACT_RIGHT)) {
		f->choice = (f->choice + (a == ACT_LEFT ? f->nchoices - 1 : 1)) % f->nchoices;
		field_check(fm, f);
		return true;
	}
	return false;
}

void form_cleanse(struct form *fm)
{
	for (int i = 0; i < FORM_MAX_FIELDS; i++)
		codec_cleanse(fm->f[i].buf, sizeof(fm->f[i].buf));
}

/* What a field shows: secrets and secret-like values masked, the portal's first 3 on request. */
static void shown_text(struct ui *ui, const struct field *f, char *out, size_t n, bool *masked)
{
	const char *dot = ui->ascii ? "*" : "\u2022";
	size_t len = strlen(f->buf), o = 0, shown = 0;

	*masked = f->kind == FK_SECRET || (f->kind == FK_TEXT && looks_like_secret(f->buf));
	if (!*masked) {
		snprintf(out, n, "%s", f->buf);
		return;
	}
	if (f->kind == FK_SECRET && f->reveal && len > 8)
		shown = 3;
	o = (size_t)snprintf(out, n, "%.*s", (int)shown, f->buf);
	for (size_t i = shown; i < len && o + 4 < n; i++)
		o += (size_t)snprintf(out + o, n - o, "%s", dot);
}

/* Columns (characters) in the first `bytes` bytes of s. */
static int cols_before(const char *s, size_t bytes)
{
	int c = 0;

	for (size_t i = 0; i < bytes && s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

/* Draws s from column `from`, at most `width` columns. */
static void put_cols(const char *s, int from, int width)
{
	int col = 0;
	const char *p = s;

	while (*p && col < from + width) {
		int len = 1;
		while (((unsigned char)p[len] & 0xc0) == 0x80)
			len++;
		if (col >= from)
			addnstr(p, len);
		p += len;
		col++;
	}
}

int draw_fields(struct ui *ui, struct form *fm, int y)
{
	int labelw = 26, x = 2 + labelw + 2, width = ui->cols - x - 2;
	int maxy = ui_bottom(ui);

	for (int i = 0; i < fm->n && y < maxy; i++) {
		struct field *f = &fm->f[i];
		char shown[2100];
		bool focus = i == fm->focus, masked;
		attr_t a = focus ? ui_attr(ui, ROLE_FOCUS) : A_UNDERLINE;
		if (f->hidden)
			continue;
		mvprintw(y, 2, "%-*.*s", labelw, labelw, _(f->label));
		if (field_is_text(f)) {
			/* Columns are characters: the cursor's column is the characters before it. */
			int curcol, total, start;
			shown_text(ui, f, shown, sizeof(shown), &masked);
			curcol = cols_before(f->buf, f->cur);
			total = cols_before(f->buf, strlen(f->buf));
			if (curcol - f->scroll > width - 1)
				f->scroll = curcol - (width - 1);
			if (curcol < f->scroll)
				f->scroll = curcol;
			if (f->scroll > 0 && total - f->scroll < width - 1)
				f->scroll = total - (width - 1) > 0 ? total - (width - 1) : 0;
			start = f->scroll;
			attron(a);
			move(y, x);
			for (int k = 0; k < width; k++)
				addch(' ');
			move(y, x);
			put_cols(shown, start, width);
			attroff(a);
			if (f->scroll > 0)
				mvaddch(y, x - 1, '<');
			if (total - f->scroll > width)
				mvaddch(y, x + width, '>');
			if (focus) {
				ui->cursor_y = y;
				ui->cursor_x = x + curcol - f->scroll;
			}
		} else {
			if (f->kind == FK_CHOICE)
				snprintf(shown, sizeof(shown), "< %s >", _(f->choices[f->choice]));
			else
				snprintf(shown, sizeof(shown), "[%c]", f->checked ? 'x' : ' ');
			attron(focus ? ui_attr(ui, ROLE_FOCUS) : A_NORMAL);
			mvprintw(y, x, "%s", shown);
			attroff(focus ? ui_attr(ui, ROLE_FOCUS) : A_NORMAL);
		}
		y++;
		if (f->confirm[0] && f->msg.res != V_ERR && y < maxy)
			y = draw_text(ui, y, x, width, f->confirm, ui_attr(ui, ROLE_OK));
		if (f->msg.res != V_OK && f->msg.text[0]) {
			char line[600];
			snprintf(line, sizeof(line), "%s %s", f->msg.res == V_ERR ? "!" : "~", f->msg.text);
			y = draw_text(ui, y, x, width, line,
				      ui_attr(ui, f->msg.res == V_ERR ? ROLE_FAIL : ROLE_WARN));
		}
	}
	if (fm->note[0] && y + 1 < maxy)
		y = draw_text(ui, y + 1, 2, ui->cols - 4, fm->note, ui_attr(ui, ROLE_DIM));
	return y;
}
