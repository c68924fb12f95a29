/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Practice mode: a simulated Exchange Online PowerShell prompt. Step 5's commands, typed or
 * pasted, change the simulated tenant and answer as PowerShell does. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "practice/shell.h"
#include "steps.h"

#define HISTORY 32

struct pshell {
	struct form fm; /* the command line */
	struct pane out;
	char history[HISTORY][512]; /* the lines run, oldest first, as Up recalls them */
	int nhist, hpos;
};

static void enter(struct session *s, void *priv)
{
	struct pshell *st = priv;

	if (!st->fm.n) {
		st->fm.n = 1;
		st->fm.f[0] = (struct field){.label = N_("PS>"), .kind = FK_TEXT, .optional = true};
	}
	st->out.pages_only = true; /* Up and Down recall commands here */
	if (!st->out.n) {
		pane_add(
			&st->out, ROLE_DIM, 0,
			_("PRACTICE: a simulated Exchange Online PowerShell; nothing here reaches a real "
			  "tenant. Type or paste the commands from step 5 (F4 there copies them); Enter runs "
			  "a line, Up recalls an earlier one, PgUp and PgDn scroll. Start with "
			  "Connect-ExchangeOnline. Esc returns to the wizard."));
		pane_add(&st->out, ROLE_DIM, 0, "");
	}
	(void)s;
}

static void run_line(struct session *s, struct pshell *st, const char *line)
{
	bool err;
	char *text, *p, echo[600];

	if (*line) {
		if (st->nhist == HISTORY) {
			memmove(st->history[0], st->history[1], sizeof(st->history[0]) * (HISTORY - 1));
			st->nhist--;
		}
		snprintf(st->history[st->nhist++], sizeof(st->history[0]), "%s", line);
	}
	st->hpos = st->nhist;
	snprintf(echo, sizeof(echo), "PS> %s", line);
	pane_add(&st->out, ROLE_KEY, 4, echo);
	text = practice_shell_line(s->practice, line, &err);
	for (p = text; p && *p;) {
		size_t n = strcspn(p, "\n");
		char *l = strndup(p, n);
		if (l)
			pane_add(&st->out, err ? ROLE_FAIL : 0, 0, l);
		free(l);
		p += n + (p[n] == '\n');
	}
	free(text);
	st->out.top = INT_MAX / 2; /* follow the newest output */
}

static void draw(struct session *s, void *priv, int y)
{
	struct pshell *st = priv;
	int bottom = s->ui->rows - 4;

	pane_draw(s->ui, &st->out, y, bottom);
	draw_fields(s->ui, &st->fm, bottom);
}

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct pshell *st = priv;
	struct field *f = &st->fm.f[0];

	switch (a) {
	case ACT_NEXT: {
		char line[sizeof(f->buf)];
		snprintf(line, sizeof(line), "%s", f->buf);
		field_set(f, "");
		run_line(s, st, line);
		return true;
	}
	case ACT_BACK:
		s->go_to = s->practice_from;
		return true;
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
		pane_scroll(&st->out, a);
		return true;
	case ACT_FIELD_PREV: /* Up: the previous command, as in PowerShell */
	case ACT_FIELD_NEXT:
		if (a == ACT_FIELD_PREV && st->hpos > 0)
			st->hpos--;
		else if (a == ACT_FIELD_NEXT && st->hpos < st->nhist)
			st->hpos++;
		field_set(f, st->hpos < st->nhist ? st->history[st->hpos] : "");
		f->cur = strlen(f->buf);
		return true;
	default:
		return fields_handle(s->ui, &st->fm, a, key);
	}
}

void pshell_paste(struct session *s, void *priv, const char *text, size_t n)
{
	struct pshell *st = priv;
	size_t i = 0;

	/* Whole lines run one after another; a last line without its newline waits to be run. */
	while (i < n) {
		size_t k = i;
		char line[1024];
		while (k < n && text[k] != '\n' && text[k] != '\r')
			k++;
		if (k == n) {
			fields_insert(s->ui, &st->fm, text + i, k - i);
			break;
		}
		snprintf(line, sizeof(line), "%s%.*s", st->fm.f[0].buf, (int)(k - i), text + i);
		field_set(&st->fm.f[0], "");
		run_line(s, st, line);
		i = k + 1;
		if (text[k] == '\r' && i < n && text[i] == '\n')
			i++;
	}
}

static unsigned long long keys(struct session *s, void *priv)
{
	(void)s;
	(void)priv;
	return ACT_BIT(ACT_BACK) | ACT_BIT(ACT_PAGE_UP) | ACT_BIT(ACT_PAGE_DOWN);
}

static void cleanse(void *priv)
{
	struct pshell *st = priv;

	pane_clear(&st->out);
}

const struct step_ops step_pshell = {
	.id = STEPS_PSHELL,
	.private_size = sizeof(struct pshell),
	.enter = enter,
	.draw = draw,
	.handle = handle,
	.keys = keys,
	.cleanse = cleanse,
};
