/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The wizard's spine: one table of steps (steps.c). Each step keeps its own state behind its ops,
 * in the manner of tig's view_ops: the driver allocates `private_size` zeroed bytes per step, whose
 * first member is the step's `struct form`, and hands them to every op. What steps share is the
 * session: the profile, the path, what the checks found. Steps use the toolkit (ui/ui.h) and never
 * the driver; they ask the driver to move by setting session->go_to.
 *
 * Adding a step or screen: one file defining `const struct step_ops step_x` and one line in the
 * table in steps.c (plus its number in core/stepref.h if reports cite it). */
#ifndef O365_STEPS_H
#define O365_STEPS_H

#include <stdbool.h>

#include "core/stepref.h"
#include "options.h"
#include "ui/ui.h"

/* The table: STEP_START..STEP_SUMMARY, then the start screen at STEPS_HOME. */
#define STEPS_HOME STEP_COUNT
/* Practice mode's screens, reachable from every step when the tenant is simulated. */
#define STEPS_PORTAL (STEP_COUNT + 1)
#define STEPS_PSHELL (STEP_COUNT + 2)
#define STEPS_N	     (STEP_COUNT + 3)

enum wizard_mode { WMODE_SETUP = 0, WMODE_ROTATE, WMODE_REVERIFY };

/* What every step may read and change. The driver owns it. */
struct session {
	struct ui *ui;
	const struct options *opts;
	struct profile *p;
	char path[4096];       /* the saved profile */
	char draft_path[4200]; /* its draft, beside it */
	char profile_name[128];
	int mode; /* WMODE_* */
	struct job job;
	/* What the checks found. */
	bool token_ran, token_ok;
	bool mail_ran, mail_ok;
	int fail_step;	     /* step the last failure names, -1 none */
	char fail_why[600];  /* what to fix there, shown beside the field */
	char fail_what[320]; /* e.g. the refused mailbox */
	bool fixing;	     /* arrived at a step by F6: focus the field named */
	/* Rotation keeps the new secret apart until it passed every check. */
	char *pending_secret;
	char pending_expiry[16];
	/* An encrypted private key's passphrase, typed at step 2: for the checks only, never saved. */
	char key_passphrase[256];
	char old_expiry[16];
	bool fresh;   /* a new profile (first run, new profile or start over) */
	bool saved;   /* saved in this run */
	bool dirty;   /* something was changed in this run */
	int go_to;    /* a step asks the driver to move there; -1 none */
	bool to_home; /* ... or to the start screen */
	bool quit;
	int exit_rc;
	char farewell[1600]; /* printed on the terminal after the screen is gone */
	bool stale[STEPS_N]; /* reload this step's form from the profile on entry */
	char *snapshot;	     /* the profile as loaded, to tell whether anything changed */
	/* Practice mode: the simulated tenant (NULL for a real one), and the step its screens
	 * return to. */
	struct practice *practice;
	int practice_from;
};

struct step_ops {
	int id;
	size_t private_size; /* starts with a struct form */
	/* Entering: load the form from the profile the first time (or when stale). */
	void (*enter)(struct session *s, void *priv);
	/* Draws from row y. */
	void (*draw)(struct session *s, void *priv, int y);
	/* The keys it knows; false hands the action to the driver. */
	bool (*handle)(struct session *s, void *priv, enum action a, int key);
	/* forward: validate and commit; false keeps the user here. Backward commits what is valid. */
	bool (*leave)(struct session *s, void *priv, bool forward);
	/* A check this step started has finished. */
	void (*job_done)(struct session *s, void *priv);
	/* The actions that do something here now (ACT_BIT mask, KEYS_ENTER_QUITS when Enter ends the
	 * wizard), for the key line. */
	unsigned long long (*keys)(struct session *s, void *priv);
	/* Cleanses what it holds (secrets) before the driver frees it. */
	void (*cleanse)(void *priv);
};

extern const struct step_ops step_start, step_app, step_secret, step_permissions, step_token, step_exchange,
	step_mailserver, step_mailbox, step_summary, step_home, step_portal, step_pshell;

const struct step_ops *steps_get(int id);

/* The next and previous step for the session's mode (rotation skips steps). */
int steps_next(const struct session *s, int from);
int steps_prev(const struct session *s, int from);

/* Shared helpers for step files. */
int steps_intro(struct session *s, const char *text);
void steps_commit_str(struct session *s, char **dst, const char *buf);
/* Validates every field; going forward, an error focuses it and says so (returns false). */
bool steps_fields_ok(struct session *s, struct form *fm, bool forward);
enum vres check_email(const struct form *fm, struct field *f, struct vmsg *m);
/* Starts a check of the profile (with a pending secret) beside the screen. */
bool steps_check(struct session *s, enum job_kind kind, bool waiting, const char *send_test);
/* Going forward from a check's step: on when it passed, the check first when it never ran,
 * otherwise only if the admin says so to `question`. */
bool steps_leave_checked(struct session *s, bool forward, bool ok, bool ran, enum job_kind kind,
			 const char *question);
/* True (and a neutral line) when the finished check was cancelled: nothing was decided. */
bool steps_cancelled(struct session *s);
/* Takes the finished check's report into *dst; returns its first failure. */
const struct report_line *steps_take_report(struct session *s, struct report *dst);
/* Records where a failure points (fail_step, fail_why), narrowed by what else passed. */
void steps_note_failure(struct session *s, const struct report *r);
/* Arrived by F6: focus field `idx` with the failure's reason beside it. */
void steps_focus_failure(struct session *s, struct form *fm, int idx);
/* Remembers the profile as it is now: quitting later asks only if it changed. */
void steps_snapshot(struct session *s);
/* Whether the profile differs from the snapshot (check results aside). */
bool steps_changed(const struct session *s);
/* Pasted text for the practice PowerShell prompt: each whole line runs. */
void pshell_paste(struct session *s, void *priv, const char *text, size_t n);
/* Sends text to the terminal's clipboard and says honestly what that means, with `fallback`: what
 * to do when the terminal ignores it. */
void steps_copy(struct session *s, const char *what, const char *text, const char *fallback);
/* A web address under its label, on a row of its own so the mouse can select it: whole at the
 * margin when it fits, without "https://" when only that fits, else over full rows from the
 * first column (F4 still copies it whole). Returns the next row. */
int steps_link(struct session *s, int y, const char *label, const char *url);

#endif
