/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The generic field editor: typing, clearing, choices, ticks and live validation. */
#include "config.h"

#include <string.h>

#include "core/codec.h"
#include "ui.h"

void field_set(struct field *f, const char *v)
{
	snprintf(f->buf, sizeof(f->buf), "%s", v ? v : "");
}

static void check_one(struct wizard *w, struct field *f)
{
	if (f->hidden || !f->check) {
		f->msg.res = V_OK;
		f->msg.text[0] = '\0';
		return;
	}
	if (f->optional && !f->buf[0] && (f->kind == FK_TEXT || f->kind == FK_SECRET)) {
		f->msg.res = V_OK;
		f->msg.text[0] = '\0';
		return;
	}
	f->check(w, f, &f->msg);
}

int fields_validate(struct wizard *w, struct step_state *s)
{
	int first = -1;

	for (int i = 0; i < s->n; i++) {
		check_one(w, &s->f[i]);
		if (s->f[i].msg.res == V_ERR && first < 0)
			first = i;
	}
	return first;
}

static void move_focus(struct step_state *s, int dir)
{
	for (int k = 0; k < s->n; k++) {
		s->focus = (s->focus + dir + s->n) % s->n;
		if (!s->f[s->focus].hidden)
			return;
	}
}

/* Returns true when the action was consumed by the focused field. */
bool fields_handle(struct wizard *w, struct step_state *s, enum action a, int key)
{
	struct field *f;
	size_t len;

	if (s->n == 0)
		return false;
	f = &s->f[s->focus];
	switch (a) {
	case ACT_FIELD_NEXT:
		check_one(w, f);
		move_focus(s, 1);
		return true;
	case ACT_FIELD_PREV:
		check_one(w, f);
		move_focus(s, -1);
		return true;
	case ACT_CHAR:
		if (f->kind != FK_TEXT && f->kind != FK_SECRET)
			return false;
		len = strlen(f->buf);
		if (len + 1 < sizeof(f->buf) && key >= 32 && key < 256) {
			f->buf[len] = (char)key;
			f->buf[len + 1] = '\0';
			check_one(w, f); /* live validation as the value is typed */
		}
		return true;
	case ACT_BACKSPACE:
		if (f->kind != FK_TEXT && f->kind != FK_SECRET)
			return false;
		len = strlen(f->buf);
		/* A whole UTF-8 character: continuation bytes first, then its lead byte. */
		while (len && ((unsigned char)f->buf[len - 1] & 0xc0) == 0x80)
			f->buf[--len] = '\0';
		if (len)
			f->buf[len - 1] = '\0';
		check_one(w, f);
		return true;
	case ACT_CLEAR:
		if (f->kind == FK_SECRET)
			codec_cleanse(f->buf, sizeof(f->buf));
		f->buf[0] = '\0';
		check_one(w, f);
		return true;
	case ACT_TOGGLE:
	case ACT_RIGHT:
	case ACT_LEFT:
		if (f->kind == FK_CHECK && a == ACT_TOGGLE) {
			f->checked = !f->checked;
			return true;
		}
		if (f->kind == FK_CHOICE) {
			f->choice = (f->choice + (a == ACT_LEFT ? f->nchoices - 1 : 1)) % f->nchoices;
			check_one(w, f);
			return true;
		}
		return false;
	case ACT_REVEAL:
		/* The step's secret, wherever the focus is. */
		for (int i = 0; i < s->n; i++) {
			if (s->f[i].kind == FK_SECRET && !s->f[i].hidden) {
				s->f[i].reveal = !s->f[i].reveal;
				return true;
			}
		}
		return false;
	default:
		return false;
	}
}
