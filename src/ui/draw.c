/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing: colours by role, wrapped text, the footer (message line, questions, key line). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "ui.h"

attr_t ui_attr(struct ui *ui, int role)
{
	if (!ui->color) {
		switch (role) {
		case ROLE_TITLE:
		case ROLE_FOCUS:
			return A_REVERSE;
		case ROLE_FAIL:
		case ROLE_KEY:
			return A_BOLD;
		default:
			return A_NORMAL;
		}
	}
	switch (role) {
	case ROLE_TITLE:
		return COLOR_PAIR(1) | A_BOLD;
	case ROLE_OK:
		return COLOR_PAIR(2);
	case ROLE_WARN:
		return COLOR_PAIR(3) | A_BOLD;
	case ROLE_FAIL:
		return COLOR_PAIR(4) | A_BOLD;
	case ROLE_FOCUS:
		return COLOR_PAIR(5);
	case ROLE_KEY:
		return COLOR_PAIR(6) | A_BOLD;
	default:
		return A_NORMAL;
	}
}

void status_set(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof(ui->status), fmt, ap);
	va_end(ap);
	ui->status_error = error;
}

/* The bytes of the next wrapped line of p at `width` columns; *skip is what follows it. */
static int wrap_line(const char *p, int width, int *skip)
{
	int len = 0, brk = -1, cols = 0;

	while (p[len] && p[len] != '\n' && cols < width) {
		if (p[len] == ' ')
			brk = len;
		len++;
		while (((unsigned char)p[len] & 0xc0) == 0x80)
			len++;
		cols++;
	}
	if (p[len] && p[len] != '\n' && p[len] != ' ' && brk > 0)
		len = brk;
	*skip = len + (p[len] == '\n' || p[len] == ' ');
	return len;
}

int text_rows(const char *text, int width)
{
	int rows = 0, skip;

	if (width < 1)
		return 0;
	for (const char *p = text; *p; p += skip) {
		wrap_line(p, width, &skip);
		rows++;
	}
	return rows;
}

int draw_text_to(struct ui *ui, int y, int x, int width, int maxy, const char *text, attr_t attr)
{
	const char *p = text;
	int skip;

	if (maxy <= 0)
		maxy = ui_bottom(ui);
	attron(attr);
	while (*p && y < maxy) {
		int len = wrap_line(p, width, &skip);
		mvaddnstr(y++, x, p, len);
		p += skip;
	}
	attroff(attr);
	return y;
}

int draw_text(struct ui *ui, int y, int x, int width, const char *text, attr_t attr)
{
	return draw_text_to(ui, y, x, width, 0, text, attr);
}

void draw_too_small(struct ui *ui)
{
	char msg[200];

	erase();
	snprintf(msg, sizeof(msg), _("Please make the window at least %dx%d (it is %dx%d now)."), UI_MIN_COLS,
		 UI_MIN_ROWS, ui->cols, ui->rows);
	mvaddnstr(0, 0, msg, ui->cols);
	if (ui->rows > 1)
		mvaddnstr(1, 0, _("F10 or Ctrl-C quits."), ui->cols);
}

static void rule(struct ui *ui, int y)
{
	mvhline(y, 0, ui->ascii ? '-' : ACS_HLINE, ui->cols);
}

static int status_rows(struct ui *ui)
{
	int n = ui->busy ? 1 : ui->status[0] ? text_rows(ui->status, ui->cols - 2) : 1;

	return n < 1 ? 1 : n > 3 ? 3 : n;
}

int ui_bottom(struct ui *ui)
{
	return ui->rows - 2 - status_rows(ui);
}

void draw_footer(struct ui *ui)
{
	if (ui->ask) {
		char q[1200];
		int h, top;
		snprintf(q, sizeof(q), "%s %s", ui->ask, ui->ask_default == 'y' ? "[Y/n]" : "[y/N]");
		h = text_rows(q, ui->cols - 2);
		top = ui->rows - 2 - h;
		for (int y = top - 1; y < ui->rows; y++) {
			move(y, 0);
			clrtoeol();
		}
		rule(ui, top - 1);
		draw_text_to(ui, top, 1, ui->cols - 2, ui->rows - 1, q, ui_attr(ui, ROLE_WARN));
		attron(ui_attr(ui, ROLE_DIM));
		mvprintw(ui->rows - 1, 1, "%.*s", ui->cols - 2,
			 ui->ask_default == 'y' ? _("y yes   n no   Enter yes   Esc cancel")
						: _("y yes   n no   Enter no   Esc cancel"));
		attroff(ui_attr(ui, ROLE_DIM));
		curs_set(0);
		return;
	}
	for (int y = ui_bottom(ui); y < ui->rows - 1; y++) {
		move(y, 0);
		clrtoeol();
	}
	rule(ui, ui_bottom(ui));
	if (ui->busy) {
		mvprintw(ui->rows - 2, 1, "%.*s", ui->cols - 2, ui->busy);
	} else if (ui->status[0]) {
		draw_text_to(ui, ui_bottom(ui) + 1, 1, ui->cols - 2, ui->rows - 1, ui->status,
			     ui_attr(ui, ui->status_error ? ROLE_FAIL : ROLE_OK));
	}
	move(ui->rows - 1, 0);
	clrtoeol();
	attron(ui_attr(ui, ROLE_DIM));
	/* in screen columns, not bytes: the key line is measured so (a longer one stops at the edge) */
	mvaddnstr(ui->rows - 1, 1, ui->hint ? ui->hint : "",
		  i18n_pad(ui->hint ? ui->hint : "", ui->cols - 2));
	attroff(ui_attr(ui, ROLE_DIM));
	if (ui->cursor_y >= 0) {
		move(ui->cursor_y, ui->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

int ui_ask(struct ui *ui, const char *question, int def)
{
	int key, r;

	ui->ask = question;
	ui->ask_default = def;
	for (;;) {
		if (ui->redraw)
			ui->redraw(ui);
		key = ui_key(ui, -1);
		if (key == ERR) {
			r = 27; /* the script ended */
			break;
		}
		if (key == 'y' || key == 'Y') {
			r = 'y';
			break;
		}
		if (key == 'n' || key == 'N') {
			r = 'n';
			break;
		}
		if (key == '\r' || key == '\n' || key == KEY_ENTER) {
			r = def;
			break;
		}
		if (key == 27 || key == 3 || key == KEY_F(10)) {
			r = 27;
			break;
		}
		if (key == KEY_RESIZE)
			getmaxyx(stdscr, ui->rows, ui->cols);
	}
	ui->ask = NULL;
	return r;
}
