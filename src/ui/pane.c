/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A scrolling pane: lines wrapped once at the width they are shown at, drawn from `top`, with a
 * marker when more lies above or below. Results and PowerShell go in one, so nothing is cut off
 * silently at 80x24. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/stepref.h"
#include "core/xalloc.h"
#include "ui.h"

void pane_clear(struct pane *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->l[i].text);
	free(p->l);
	*p = (struct pane){.nowrap = p->nowrap, .pages_only = p->pages_only};
}

void pane_add(struct pane *p, int role, int indent, const char *text)
{
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 32;
		p->l = xrealloc(p->l, (size_t)cap * sizeof(*p->l));
		p->cap = cap;
	}
	p->l[p->n].text = xstrdup(text ? text : "");
	p->l[p->n].role = role;
	p->l[p->n].indent = indent;
	p->l[p->n].lead = 0;
	p->n++;
}

static int role_of(enum rstatus st)
{
	return st == RS_OK ? ROLE_OK : st == RS_WARN ? ROLE_WARN : st == RS_FAIL ? ROLE_FAIL : ROLE_DIM;
}

static bool routine(const struct report_line *l)
{
	return l->st == RS_INFO ||
	       (l->st == RS_OK && (l->kind == RK_FIELD || l->kind == RK_EXPIRY || l->kind == RK_TENANT));
}

/* The wizard gives no command-line advice: a report's "(--wait 60)" is what F7 does here, and
 * "o365-oauth-setup --rotate" is the start screen's first choice. */
static void screen_words(const char *in, char *out, size_t n)
{
	const char *rotate = "o365-oauth-setup --rotate";
	size_t o = 0;

	while (*in && o + 1 < n) {
		const char *close;
		if (in[0] == ' ' && in[1] == '(' && in[2] == '-' && in[3] == '-' &&
		    (close = strchr(in, ')'))) {
			in = close + 1;
			continue;
		}
		if (!strncmp(in, rotate, strlen(rotate))) {
			o += (size_t)snprintf(out + o, n - o, "%s",
					      _("run this wizard again and choose Rotate"));
			in += strlen(rotate);
			continue;
		}
		out[o++] = *in++;
	}
	out[o < n ? o : n - 1] = '\0';
}

/* A report line as pane lines: "FAIL  check: text", then "-> step N (name): fix". */
static void add_line(struct pane *p, const struct report_line *l)
{
	char line[2600], fix[1800], text[2000], how[1500];

	screen_words(l->text, text, sizeof(text));
	snprintf(line, sizeof(line), "%-4s  %s: %s", rstatus_label(l->st), l->check, text);
	pane_add(p, role_of(l->st), 6, line);
	if (!l->fix)
		return;
	screen_words(l->fix, how, sizeof(how));
	if (l->step >= 0)
		snprintf(fix, sizeof(fix), _("-> step %d (%s): %s"), l->step, step_name(l->step), how);
	else
		snprintf(fix, sizeof(fix), "-> %s", how);
	pane_add(p, ROLE_WARN, 9, fix);
	if (p->n)
		p->l[p->n - 1].lead = 6;
}

void pane_add_report(struct pane *p, const struct report *r, int width)
{
	(void)width;
	/* Failures first, then warnings, then results, then routine details. */
	for (int pass = 0; pass < 4; pass++)
		for (int i = 0; i < r->n; i++) {
			const struct report_line *l = &r->lines[i];
			int rank = l->st == RS_FAIL ? 0 : l->st == RS_WARN ? 1 : routine(l) ? 3 : 2;
			if (rank == pass)
				add_line(p, l);
		}
}

/* The bytes of row `row` of a pane line wrapped at w columns (continuation rows lose the indent). */
static int wrap_at(const char *t, int ww, int *skip)
{
	int n = 0, brk = -1, cols = 0;

	while (t[n] && t[n] != '\n' && cols < ww) {
		if (t[n] == ' ')
			brk = n;
		n++;
		while (((unsigned char)t[n] & 0xc0) == 0x80)
			n++;
		cols++;
	}
	if (t[n] && t[n] != '\n' && t[n] != ' ' && brk > 0)
		n = brk;
	*skip = n + (t[n] == '\n' || t[n] == ' ');
	return n;
}

static int rows_of(const struct pane *p, const struct pane_line *l)
{
	int rows = 0, skip;

	if (p->nowrap)
		return 1;
	for (const char *t = l->text; *t; t += skip)
		wrap_at(t, rows++ ? p->width - l->indent : p->width - l->lead, &skip);
	return rows ? rows : 1;
}

/* Draws one pane line, skipping its first `skip` rows; returns rows drawn. */
static int draw_line(struct ui *ui, const struct pane *p, const struct pane_line *l, int skip, int y,
		     int maxy)
{
	const char *t = l->text;
	int row = 0, drawn = 0, w = p->width;
	attr_t a = ui_attr(ui, l->role);

	if (p->nowrap) {
		int col = 0;
		move(y, 2);
		while (*t && col < p->left + w) {
			int n = 1;
			while (((unsigned char)t[n] & 0xc0) == 0x80)
				n++;
			if (col >= p->left)
				addnstr(t, n);
			t += n;
			col++;
		}
		if (col == p->left + w && *t)
			mvaddch(y, 2 + w, '>');
		return 1;
	}
	while (*t && y + drawn < maxy) {
		int x = row ? 2 + l->indent : 2 + l->lead, next,
		    n = wrap_at(t, row ? w - l->indent : w - l->lead, &next);
		if (row >= skip) {
			/* The status word alone takes the role's colour; the text stays plain. */
			if (row == 0 && l->indent == 6 && l->role != ROLE_WARN && n >= 4) {
				attron(a);
				mvaddnstr(y + drawn, x, t, 4);
				attroff(a);
				mvaddnstr(y + drawn, x + 4, t + 4, n - 4);
			} else {
				attron(a);
				mvaddnstr(y + drawn, x, t, n);
				attroff(a);
			}
			drawn++;
		}
		t += next;
		row++;
	}
	return drawn;
}

static int total_rows(const struct pane *p)
{
	int rows = 0;

	for (int i = 0; i < p->n; i++)
		rows += rows_of(p, &p->l[i]);
	return rows;
}

int pane_draw(struct ui *ui, struct pane *p, int y, int maxy)
{
	int total, row = 0, height;
	char mark[80];

	p->width = ui->cols - 4;
	total = total_rows(p);
	height = maxy - y;
	if (height < 1)
		return y;
	if (total > height)
		height--; /* a row for the marker */
	p->height = height;
	if (p->top > total - height)
		p->top = total - height > 0 ? total - height : 0;
	for (int i = 0; i < p->n && row - p->top < height; i++) {
		int r = rows_of(p, &p->l[i]);
		if (row + r > p->top) {
			int skip = p->top > row ? p->top - row : 0;
			draw_line(ui, p, &p->l[i], skip, y + row + skip - p->top, y + height);
		}
		row += r;
	}
	if (total > height) {
		int below = total - p->top - height;
		if (below > 0)
			snprintf(mark, sizeof(mark),
				 p->pages_only ? _("-- %d more rows below: PgDn --")
					       : _("-- %d more rows below: PgDn or Down --"),
				 below);
		else
			snprintf(mark, sizeof(mark), "%s",
				 p->pages_only ? _("-- end; PgUp goes back --")
					       : _("-- end; PgUp or Up goes back --"));
		attron(ui_attr(ui, ROLE_KEY));
		mvaddnstr(y + height, 2, mark, ui->cols - 4);
		attroff(ui_attr(ui, ROLE_KEY));
		return y + height + 1;
	}
	return y + total;
}

bool pane_scrolls(const struct pane *p)
{
	return p->height > 0 && total_rows(p) > p->height;
}

bool pane_scroll(struct pane *p, enum action a)
{
	int total = total_rows(p), page = p->height > 2 ? p->height - 1 : 1;

	if (!pane_scrolls(p)) {
		if (p->nowrap && (a == ACT_LEFT || a == ACT_RIGHT))
			goto sideways;
		return false;
	}
	switch (a) {
	case ACT_PAGE_DOWN:
		p->top += page;
		break;
	case ACT_PAGE_UP:
		p->top -= page;
		break;
	case ACT_FIELD_NEXT:
		p->top++;
		break;
	case ACT_FIELD_PREV:
		p->top--;
		break;
	case ACT_HOME:
		p->top = 0;
		break;
	case ACT_END:
		p->top = total;
		break;
	case ACT_LEFT:
	case ACT_RIGHT:
		if (p->nowrap)
			goto sideways;
		return false;
	default:
		return false;
	}
	if (p->top > total - p->height)
		p->top = total - p->height;
	if (p->top < 0)
		p->top = 0;
	return true;
sideways:
	p->left += a == ACT_RIGHT ? 8 : -8;
	if (p->left < 0)
		p->left = 0;
	return true;
}
