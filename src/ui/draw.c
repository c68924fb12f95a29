/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing reads the model and never changes it. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/codec.h"
#include "core/i18n.h"
#include "core/stepref.h"
#include "steps/steps.h"
#include "ui.h"

attr_t ui_attr(struct wizard *w, int role)
{
	if (!w->color) {
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

void status_set(struct wizard *w, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->status, sizeof(w->status), fmt, ap);
	va_end(ap);
	w->status_error = error;
}

/* Word-wraps text into the width; returns the next free row. */
int draw_text(struct wizard *w, int y, int x, int width, const char *text, attr_t attr)
{
	const char *p = text;
	int maxy = w->rows - 3;

	attron(attr);
	while (*p && y < maxy) {
		int len = 0, brk = -1;
		while (p[len] && p[len] != '\n' && len < width) {
			if (p[len] == ' ')
				brk = len;
			len++;
		}
		if (p[len] && p[len] != '\n' && brk > 0)
			len = brk;
		mvaddnstr(y++, x, p, len);
		p += len;
		if (*p == '\n' || *p == ' ')
			p++;
	}
	attroff(attr);
	return y;
}

static void mask_secret(const struct field *f, bool ascii, char *out, size_t n)
{
	codec_mask_secret(f->buf, f->reveal, ascii ? "*" : "\u2022", out, n);
}

void draw_fields(struct wizard *w, struct step_state *s, int y)
{
	int labelw = 26, x = 2 + labelw + 2, width = w->cols - x - 2;

	for (int i = 0; i < s->n && y < w->rows - 3; i++) {
		struct field *f = &s->f[i];
		char shown[600];
		bool focus = i == s->focus;
		if (f->hidden)
			continue;
		mvprintw(y, 2, "%-*.*s", labelw, labelw, _(f->label));
		switch (f->kind) {
		case FK_SECRET:
			mask_secret(f, w->ascii, shown, sizeof(shown));
			break;
		case FK_CHOICE:
			snprintf(shown, sizeof(shown), "< %s >", _(f->choices[f->choice]));
			break;
		case FK_CHECK:
			snprintf(shown, sizeof(shown), "[%c]", f->checked ? 'x' : ' ');
			break;
		default:
			snprintf(shown, sizeof(shown), "%s", f->buf);
		}
		if (f->kind == FK_SECRET) {
			/* Bullets are several bytes each: pad by columns, not bytes. */
			int cols = (int)(f->buf[0] ? (strlen(f->buf) > 12 ? 12 : strlen(f->buf)) : 0) +
				   (f->reveal && strlen(f->buf) > 8 ? 4 : 0);
			attron(focus ? ui_attr(w, ROLE_FOCUS) : A_UNDERLINE);
			mvaddstr(y, x, shown);
			for (int k = cols; k < width; k++)
				addch(' ');
			attroff(focus ? ui_attr(w, ROLE_FOCUS) : A_UNDERLINE);
		} else if (f->kind == FK_TEXT) {
			/* Long values show their end, where typing happens. */
			size_t len = strlen(shown);
			const char *v = len > (size_t)width - 1 ? shown + len - (width - 1) : shown;
			attron(focus ? ui_attr(w, ROLE_FOCUS) : A_UNDERLINE);
			mvprintw(y, x, "%-*.*s", width, width, v);
			attroff(focus ? ui_attr(w, ROLE_FOCUS) : A_UNDERLINE);
		} else {
			attron(focus ? ui_attr(w, ROLE_FOCUS) : A_NORMAL);
			mvprintw(y, x, "%s", shown);
			attroff(focus ? ui_attr(w, ROLE_FOCUS) : A_NORMAL);
		}
		y++;
		if (f->msg.res != V_OK && f->msg.text[0]) {
			attr_t a = ui_attr(w, f->msg.res == V_ERR ? ROLE_FAIL : ROLE_WARN);
			char line[600];
			snprintf(line, sizeof(line), "%s %s", f->msg.res == V_ERR ? "!" : "~", f->msg.text);
			y = draw_text(w, y, x, width, line, a);
		}
	}
	if (s->note[0])
		draw_text(w, y + 1, 2, w->cols - 4, s->note, ui_attr(w, ROLE_DIM));
}

int draw_report(struct wizard *w, const struct report *r, int y, int maxy)
{
	for (int i = 0; i < r->n && y < maxy; i++) {
		const struct report_line *l = &r->lines[i];
		int role = l->st == RS_OK     ? ROLE_OK
			   : l->st == RS_WARN ? ROLE_WARN
			   : l->st == RS_FAIL ? ROLE_FAIL
					      : ROLE_DIM;
		char line[2600];
		attron(ui_attr(w, role));
		mvprintw(y, 2, "%-4s", rstatus_label(l->st));
		attroff(ui_attr(w, role));
		snprintf(line, sizeof(line), "%s: %s", l->check, l->text);
		y = draw_text(w, y, 8, w->cols - 10, line, A_NORMAL);
		if (l->fix && y < maxy) {
			char fix[1600];
			if (l->step >= 0)
				snprintf(fix, sizeof(fix), _("-> step %d (%s): %s"), l->step,
					 step_name(l->step), l->fix);
			else
				snprintf(fix, sizeof(fix), "-> %s", l->fix);
			y = draw_text(w, y, 8, w->cols - 10, fix, ui_attr(w, ROLE_WARN));
		}
	}
	return y;
}

static bool routine(const struct report_line *l)
{
	return l->st == RS_INFO ||
	       (l->st == RS_OK && (l->kind == RK_FIELD || l->kind == RK_EXPIRY || l->kind == RK_TENANT));
}

int draw_report_brief(struct wizard *w, const struct report *r, int y, int maxy)
{
	struct report one = {0};

	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < r->n && y < maxy; i++) {
			if (routine(&r->lines[i]) != (pass == 1))
				continue;
			one.lines = &r->lines[i];
			one.n = 1;
			y = draw_report(w, &one, y, maxy);
		}
	}
	return y;
}

void draw_too_small(struct wizard *w)
{
	char msg[200];

	erase();
	snprintf(msg, sizeof(msg), _("Please make the window at least %dx%d (it is %dx%d now)."), UI_MIN_COLS,
		 UI_MIN_ROWS, w->cols, w->rows);
	mvaddnstr(0, 0, msg, w->cols);
	if (w->rows > 1)
		mvaddnstr(1, 0, _("Ctrl-C quits."), w->cols);
}

void draw_help(struct wizard *w)
{
	int n, y = 4;
	const struct action_info *t = actions_table(&n);

	attron(A_BOLD);
	mvprintw(3, 2, "%s", _("Keys"));
	attroff(A_BOLD);
	for (int i = 0; i < n && y < w->rows - 4; i++, y++) {
		attron(ui_attr(w, ROLE_KEY));
		mvprintw(y, 4, "%-22s", t[i].keys);
		attroff(ui_attr(w, ROLE_KEY));
		mvprintw(y, 27, "%.*s", w->cols - 29, _(t[i].label));
	}
	draw_text(w, y + 1, 2, w->cols - 4, _("Every failure names the step to go back to. Any key returns."),
		  A_NORMAL);
}

void draw_frame(struct wizard *w)
{
	char title[256], strip[256];
	int o = 0;

	getmaxyx(stdscr, w->rows, w->cols);
	checklist_free(); /* a step that wants it builds it again */
	erase();
	if (w->cols < UI_MIN_COLS || w->rows < UI_MIN_ROWS) {
		draw_too_small(w);
		refresh();
		return;
	}
	if (w->home)
		snprintf(title, sizeof(title), "%s", _(" o365-oauth-setup  |  Welcome back"));
	else
		snprintf(title, sizeof(title), _(" o365-oauth-setup  |  Step %d of %d: %s"), w->step,
			 STEP_COUNT - 1, step_name(w->step));
	attron(ui_attr(w, ROLE_TITLE));
	mvprintw(0, 0, "%-*s", w->cols, title);
	mvprintw(0, w->cols - (int)strlen(w->profile_name) - 11, " profile: %s", w->profile_name);
	attroff(ui_attr(w, ROLE_TITLE));
	for (int i = 0; i < STEP_COUNT; i++)
		o += snprintf(strip + o, sizeof(strip) - (size_t)o, i == w->step ? "[%d]" : " %d ", i);
	mvprintw(1, 2, "%s", strip);
	mvhline(2, 0, w->ascii ? '-' : ACS_HLINE, w->cols);
	if (w->help)
		draw_help(w);
	else
		steps_draw(w);
	mvhline(w->rows - 3, 0, w->ascii ? '-' : ACS_HLINE, w->cols);
	if (w->job.running) {
		static const char spin[] = "|/-\\";
		static int k;
		char p[512];
		pthread_mutex_lock(&w->job.lock);
		snprintf(p, sizeof(p), "%s", w->job.progress);
		pthread_mutex_unlock(&w->job.lock);
		/* The spinner is frozen in script mode so screens compare equal. */
		mvprintw(w->rows - 2, 0, " %c %.*s", w->script ? '*' : spin[k++ % 4], w->cols - 4, p);
	} else if (w->status[0]) {
		attron(ui_attr(w, w->status_error ? ROLE_FAIL : ROLE_OK));
		mvprintw(w->rows - 2, 1, "%.*s", w->cols - 2, w->status);
		attroff(ui_attr(w, w->status_error ? ROLE_FAIL : ROLE_OK));
	}
	attron(ui_attr(w, ROLE_DIM));
	mvprintw(w->rows - 1, 1, "%.*s", w->cols - 2,
		 w->job.running ? _("Esc cancel")
		 : w->help	? _("Any key returns to the step")
				: _("Enter next  Esc back  Tab field  F1 help  Ctrl-C quit"));
	attroff(ui_attr(w, ROLE_DIM));
	refresh();
}

int ui_ask(struct wizard *w, const char *question)
{
	int key;

	for (;;) {
		status_set(w, true, "%s", question);
		draw_frame(w);
		key = w->script ? script_next_key(w) : getch();
		if (key == ERR && w->script)
			return 27;
		if (key == 'y' || key == 'Y')
			return 'y';
		if (key == 'n' || key == 'N')
			return 'n';
		if (key == 27 || key == 3)
			return 27;
		if (key == KEY_RESIZE)
			continue;
	}
}
