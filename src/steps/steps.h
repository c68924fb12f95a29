/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The wizard's spine: one table of steps. Each step loads its fields from the profile on entry,
 * draws, handles the keys it knows (returning false for the rest, which the driver handles once),
 * and validates and commits when left. Adding a step is one file plus one line in steps.c. */
#ifndef O365_STEPS_H
#define O365_STEPS_H

#include <stdbool.h>

#include "core/stepref.h"
#include "ui/ui.h"

struct step_ops {
	int id;
	void (*enter)(struct wizard *w, struct step_state *s);
	void (*draw)(struct wizard *w, struct step_state *s, int y);
	bool (*handle)(struct wizard *w, struct step_state *s, enum action a, int key);
	/* forward: validate and commit; false keeps the user here. Backward always commits what is valid. */
	bool (*leave)(struct wizard *w, struct step_state *s, bool forward);
	/* A verification this step started has finished. */
	void (*job_done)(struct wizard *w, struct step_state *s);
};

extern const struct step_ops step_start, step_app, step_secret, step_permissions, step_token, step_exchange,
	step_mailserver, step_mailbox, step_summary;

const struct step_ops *steps_get(int id);
void steps_draw(struct wizard *w);
/* Moves to another step (entering it); the driver's one way to change w->step. */
void steps_go(struct wizard *w, int id);
/* The next and previous step for the wizard's mode (rotation skips steps). */
int steps_next(const struct wizard *w, int from);
int steps_prev(const struct wizard *w, int from);

/* Shared helpers for step files. */
int steps_intro(struct wizard *w, const char *text);
void steps_commit_str(char **dst, const char *buf);
/* Validates every field; going forward, an error focuses it and says so (returns false). */
bool steps_fields_ok(struct wizard *w, struct step_state *s, bool forward);
enum vres check_email(struct wizard *w, struct field *f, struct vmsg *m);

/* home.c: the re-run start screen */
void home_draw(struct wizard *w);
bool home_handle(struct wizard *w, enum action a, int key);
void home_enter(struct wizard *w);
void home_leave(void);

#endif
