/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The ncurses front-end: one driver, one action table, a few widgets, and a script mode that
 * reads keys from a file and dumps screens, so tests need no tty. */
#ifndef O365_UI_H
#define O365_UI_H

#include <curses.h>
#include <menu.h>
#include <pthread.h>
#include <stdbool.h>

#include "check/verify.h"
#include "core/profile.h"
#include "core/report.h"
#include "core/validate.h"
#include "options.h"

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24

enum action {
	ACT_NONE = 0,
	ACT_NEXT,	/* Enter, PgDn, Alt-N */
	ACT_BACK,	/* Esc, PgUp, Alt-B */
	ACT_FIELD_NEXT, /* Tab, Down */
	ACT_FIELD_PREV, /* Shift-Tab, Up */
	ACT_TOGGLE,	/* Space */
	ACT_LEFT,
	ACT_RIGHT,
	ACT_HELP,     /* F1, ? */
	ACT_QUIT,     /* Ctrl-C, F10, q outside text fields */
	ACT_REVEAL,   /* F2 */
	ACT_RUN,      /* F5: run the check again */
	ACT_JUMP,     /* F6: go to the step the failure names */
	ACT_WAIT,     /* F7: wait for Exchange to propagate */
	ACT_WRITE,    /* F3: write the file this step offers */
	ACT_COPY,     /* F4: copy to the clipboard (OSC 52) */
	ACT_GENERATE, /* F8: generate key and certificate */
	ACT_SEND,     /* F9: send one real test message */
	ACT_CLEAR,    /* Ctrl-U */
	ACT_BACKSPACE,
	ACT_CHAR, /* a printable character */
	ACT_RESIZE,
	ACT_COUNT
};

struct action_info {
	enum action action;
	const char *keys;  /* as shown in help and the man page */
	const char *label; /* untranslated */
};

/* The one table of keys; help and the man page's key list come from it. */
const struct action_info *actions_table(int *n);
enum action action_for_key(int key, bool in_text);

enum fkind { FK_TEXT, FK_SECRET, FK_CHOICE, FK_CHECK };

struct wizard;
struct field {
	const char *label; /* untranslated */
	enum fkind kind;
	char buf[512];
	const char *const *choices; /* FK_CHOICE, untranslated */
	int nchoices, choice;
	bool checked;
	bool reveal;
	bool hidden;
	bool optional;
	enum vres (*check)(struct wizard *w, struct field *f, struct vmsg *m);
	struct vmsg msg;
};

#define STEP_MAX_FIELDS 12

struct step_state {
	struct field f[STEP_MAX_FIELDS];
	int n;
	int focus;
	bool loaded;
	char note[512]; /* a line of feedback under the fields */
};

/* A verification running beside the screen. */
struct job {
	pthread_t thread;
	bool running, done;
	volatile int cancel;
	pthread_mutex_t lock;
	char progress[512];
	struct profile *work; /* a clone the thread owns while running */
	struct verify_opts opts;
	struct verify_state vstate;
	struct report report;
	enum o365_rc rc;
	int kind;
};

enum job_kind { JOB_TENANT = 0, JOB_TOKEN, JOB_FULL };

enum wizard_mode { WMODE_SETUP = 0, WMODE_ROTATE, WMODE_REVERIFY };

struct wizard {
	const struct options *opts;
	struct profile *p;
	char path[4096];
	char profile_name[128];
	int step;
	int next_step_on_done;
	struct step_state st[16];
	struct job job;
	struct report last_token; /* step 4's last report */
	struct report last_mail;  /* step 7's last report */
	bool token_ran, token_ok;
	bool mail_ran, mail_ok;
	bool saved;
	int fail_step;	  /* step named by the last failure, -1 none */
	char status[512]; /* the message line */
	bool status_error;
	bool help;
	bool quit;
	int exit_rc;
	bool color, ascii;
	bool script; /* keys come from a script file */
	WINDOW *win;
	int rows, cols;
	bool waiting;		 /* step 7: waiting out propagation */
	bool send_test;		 /* step 7: the next check sends one real message */
	char *pending_secret;	 /* rotation: the new secret being verified */
	int mode;		 /* WMODE_*: what this run is for */
	char pending_expiry[16]; /* rotation: the new secret's expiry */
	char old_expiry[16];
	char tenant_checked[256]; /* the tenant the pre-check last passed */
	bool tenant_net_failed;
	struct report last_tenant;
	bool home; /* the re-run start screen is shown */
};

/* terminal.c */
bool term_start(struct wizard *w);
void term_stop(void);
void term_install_signals(void);

/* script.c: tests drive the wizard with a key script and dump screens */
bool script_open(const char *path);
/* Next key from the script; blocks for nothing. ERR at the end of the script. */
int script_next_key(struct wizard *w);
void script_save_screen(struct wizard *w, const char *name);
bool script_active(void);

/* draw.c */
void draw_frame(struct wizard *w);
int draw_text(struct wizard *w, int y, int x, int width, const char *text, attr_t attr);
void draw_fields(struct wizard *w, struct step_state *s, int y);
int draw_report(struct wizard *w, const struct report *r, int y, int maxy);
/* The lines that matter first (failures, warnings, results), then details while space lasts. */
int draw_report_brief(struct wizard *w, const struct report *r, int y, int maxy);
void draw_help(struct wizard *w);
void draw_too_small(struct wizard *w);
void status_set(struct wizard *w, bool error, const char *fmt, ...) O365_PRINTF(3, 4);
attr_t ui_attr(struct wizard *w, int role);
enum { ROLE_TITLE = 1, ROLE_OK, ROLE_WARN, ROLE_FAIL, ROLE_FOCUS, ROLE_DIM, ROLE_KEY };
/* Asks a yes/no question on the message line; returns 'y', 'n' or 27 (Esc). */
int ui_ask(struct wizard *w, const char *question);

/* fields.c: the generic field editor */
bool fields_handle(struct wizard *w, struct step_state *s, enum action a, int key);
void field_set(struct field *f, const char *v);
/* Runs every field's check; returns the index of the first error or -1. */
int fields_validate(struct wizard *w, struct step_state *s);

/* job.c */
void job_start(struct wizard *w, enum job_kind kind);
/* Polls a running job; true when it just finished. */
bool job_poll(struct wizard *w);
void job_cancel(struct wizard *w);
/* Moves a finished job's report into *dst (freeing what was there); returns its first failure. */
const struct report_line *job_take_report(struct wizard *w, struct report *dst);
void job_wait(struct wizard *w);

/* checklist.c: lists on the ncurses menu library */
#define UI_MENU_MAX 16
struct ui_menu {
	ITEM *items[UI_MENU_MAX + 1];
	MENU *menu;
	WINDOW *sub;
};
void ui_menu_free(struct ui_menu *m);
/* Posts the names at (y, x) with `current` selected; returns the row after the list. */
int ui_menu_show(struct wizard *w, struct ui_menu *m, const char *const *names, int n, int current, int y,
		 int x);
/* FK_CHECK fields drawn as a menu */
int checklist_draw(struct wizard *w, struct step_state *s, int y);
void checklist_free(void);

/* clipboard.c */
void ui_osc52_copy(const char *text);

#endif
