/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The screen toolkit: terminal, key decoding and the one key table, drawing, fields, menus, a
 * scrolling pane, checks in the background, and the script mode tests drive it with. It knows
 * nothing of the wizard's steps: the driver (wizard.c) and the steps use it, never the reverse. */
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

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24

/* The screen as the toolkit sees it; the driver fills `redraw` to draw a whole frame. */
struct ui {
	int rows, cols;
	bool color, ascii;
	bool script;	  /* keys come from a script file */
	char status[512]; /* the message line */
	bool status_error;
	const char *ask;	/* a yes/no question being asked (ui_ask) */
	int ask_default;	/* 'y' or 'n' */
	const char *hint;	/* the key line, built by the driver for this screen */
	const char *busy;	/* what a running check is doing, shown instead of the message */
	int cursor_y, cursor_x; /* where the text cursor goes, -1 hidden */
	void (*redraw)(struct ui *ui);
	void *owner;
};

/* ---- actions.c: the one key table; F1, --keys and the man page come from it ---- */
enum action {
	ACT_NONE = 0,
	ACT_NEXT,
	ACT_BACK,
	ACT_FIELD_NEXT,
	ACT_FIELD_PREV,
	ACT_TOGGLE,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_HOME,
	ACT_END,
	ACT_PAGE_UP,
	ACT_PAGE_DOWN,
	ACT_BACKSPACE,
	ACT_DELETE,
	ACT_CLEAR,
	ACT_HELP,
	ACT_REVEAL,
	ACT_WRITE,
	ACT_COPY,
	ACT_RUN,
	ACT_JUMP,
	ACT_WAIT,
	ACT_GENERATE,
	ACT_SEND,
	ACT_QUIT,
	ACT_PORTAL, /* practice mode: the simulated portal */
	ACT_PSHELL, /* practice mode: the simulated PowerShell prompt */
	ACT_CHAR,   /* a printable character */
	ACT_PASTE_END,
	ACT_RESIZE,
	ACT_WAKE, /* a background check finished */
	ACT_COUNT
};

#define ACT_BIT(a) (1ULL << (a))
/* Beside the action bits a step's keys op returns: Enter ends the wizard here, so the key line
 * says so instead of "Enter next". */
#define KEYS_ENTER_QUITS (1ULL << ACT_COUNT)

struct action_info {
	enum action action;
	const char *keys;  /* as shown in help and the man page */
	const char *label; /* untranslated */
	const char *hint;  /* the key line's short form, untranslated; NULL: never on it */
};

const struct action_info *actions_table(int *n);
const struct action_info *action_info(enum action a);
enum action action_for_key(int key, bool in_text);
/* "F3 w" style name of an action's keys for messages, e.g. "F3". */
const char *action_key_name(enum action a);

/* ---- keys.c: terminal bytes to keys ---- */
/* Key codes beyond curses': Alt+x (or Esc x), and pasted text. */
#define KEY_ALT(c)	(0x10000 + (c))
#define KEY_IS_ALT(k)	((k) >= 0x10000 && (k) < 0x10100)
#define KEY_PASTE_BEGIN 0x10200
#define KEY_PASTE_END	0x10201
#define KEY_UNKNOWN	0x10202 /* a whole escape sequence nobody knows: swallowed */
#define KEY_WAKE	0x10203

/* Decodes one key from a byte source; next(ctx, wait_ms) returns a byte or -1 when none arrives in
 * time (wait_ms < 0 blocks). Whole CSI and SS3 sequences are read, known or not. */
int keys_decode(int (*next)(void *ctx, int wait_ms), void *ctx);
/* The next key from the terminal or the script; KEY_WAKE when `poll_ms` passed without one. */
int ui_key(struct ui *ui, int poll_ms);

/* ---- terminal.c ---- */
bool term_start(struct ui *ui, bool no_color);
void term_stop(void);
void term_install_signals(void);
/* True when the window's real size differs from the screen's, which is then resized: a SIGWINCH
 * lost between two quick resizes must not leave a stale layout until the next key. */
bool term_size_changed(const struct ui *ui);

/* ---- script.c: tests drive the screens with a key script and dump them ---- */
bool script_open(const char *path);
/* The next byte or key from the script; -1 at its end. */
int script_next(struct ui *ui, bool *raw_byte);
void script_save_screen(struct ui *ui, const char *name);
bool script_active(void);
bool script_has_bytes(void);

/* ---- draw.c ---- */
enum { ROLE_TITLE = 1, ROLE_OK, ROLE_WARN, ROLE_FAIL, ROLE_FOCUS, ROLE_DIM, ROLE_KEY };
attr_t ui_attr(struct ui *ui, int role);
/* Word-wraps text into width columns from (y, x); returns the next free row. Stops at maxy
 * (ui->rows - 3 when maxy is 0). */
int draw_text(struct ui *ui, int y, int x, int width, const char *text, attr_t attr);
int draw_text_to(struct ui *ui, int y, int x, int width, int maxy, const char *text, attr_t attr);
/* How many rows the text takes at that width. */
int text_rows(const char *text, int width);
void status_set(struct ui *ui, bool error, const char *fmt, ...) O365_PRINTF(3, 4);
/* The first row below the content: the footer takes the rule, the message (one to three rows,
 * as measured) and the key line. */
int ui_bottom(struct ui *ui);
/* The bottom of the screen: rule, message line (or question), key line. */
void draw_footer(struct ui *ui);
void draw_too_small(struct ui *ui);
/* Asks a yes/no question; Enter takes `def` ('y' or 'n'). Returns 'y', 'n' or 27 (Esc). */
int ui_ask(struct ui *ui, const char *question, int def);

/* ---- fields.c: a form of fields with line editing and live validation ---- */
enum fkind { FK_TEXT, FK_SECRET, FK_CHOICE, FK_CHECK };

struct form;
struct field {
	const char *label; /* untranslated */
	enum fkind kind;
	char buf[512];
	size_t max;		    /* most bytes accepted; 0: the buffer's size */
	size_t cur;		    /* the cursor, a byte offset into buf */
	int scroll;		    /* first column shown */
	const char *const *choices; /* FK_CHOICE, untranslated */
	int nchoices, choice;
	bool checked;
	bool reveal;
	bool hidden;
	bool optional;
	enum vres (*check)(const struct form *fm, struct field *f, struct vmsg *m);
	struct vmsg msg;
	char confirm[160]; /* a line beside the value saying how it was read */
};

#define FORM_MAX_FIELDS 12

struct form {
	struct field f[FORM_MAX_FIELDS];
	int n;
	int focus;
	void *ctx;	/* what the checks read (the step's session) */
	char note[512]; /* a line of feedback under the fields */
};

bool fields_handle(struct ui *ui, struct form *fm, enum action a, int key);
/* Inserts text (a paste) at the focused field's cursor, whole or not at all (said loudly). */
bool fields_insert(struct ui *ui, struct form *fm, const char *s, size_t n);
void field_set(struct field *f, const char *v);
/* Runs every field's check; returns the index of the first error or -1. */
int fields_validate(struct form *fm);
void field_check(struct form *fm, struct field *f);
bool field_is_text(const struct field *f);
/* Draws the fields from row y; returns the row after them. */
int draw_fields(struct ui *ui, struct form *fm, int y);
/* Whether the text looks like a client secret, so that no other field shows or repeats it. */
bool looks_like_secret(const char *s);
void form_cleanse(struct form *fm);

/* ---- pane.c: a scrolling pane of wrapped lines, with "more" markers ---- */
struct pane_line {
	char *text;
	int role;
	int indent; /* where wrapped rows start */
	int lead;   /* where the first row starts */
};
struct pane {
	struct pane_line *l;
	int n, cap;
	int top;     /* first line shown */
	int height;  /* rows it had when last drawn */
	int width;   /* the width lines were wrapped at */
	bool nowrap; /* long lines are cut at the edge and scroll sideways: code */
	int left;
	bool pages_only; /* Up and Down belong to a field there: the marker names only PgUp/PgDn */
};
void pane_clear(struct pane *p);
void pane_add(struct pane *p, int role, int indent, const char *text);
/* Adds a report: a summary line, failures first, then warnings, results, and details. */
void pane_add_report(struct pane *p, const struct report *r, int width);
/* Draws from row y to maxy (exclusive); returns the next free row. */
int pane_draw(struct ui *ui, struct pane *p, int y, int maxy);
/* Scrolls for PgUp/PgDn/Up/Down/Home/End; false when the pane has nothing to scroll. */
bool pane_scroll(struct pane *p, enum action a);
bool pane_scrolls(const struct pane *p);

/* ---- job.c: a verification beside the screen ---- */
enum job_kind { JOB_TENANT = 0, JOB_TOKEN, JOB_FULL };

struct job {
	pthread_t thread;
	bool running, done;
	volatile int cancel;
	pthread_mutex_t lock;
	char progress[512];
	int try_n, try_max; /* a repeated request: try_n of try_max (0 when not repeated) */
	long started_ms;
	struct profile *work; /* a clone the thread owns while running */
	struct verify_opts opts;
	struct verify_state vstate;
	struct report report;
	enum o365_rc rc;
	int kind;
};

/* Runs verify_run() on `work` (taken over) with `opts`; false when it could not start. */
bool job_start(struct job *j, struct profile *work, const struct verify_opts *opts, enum job_kind kind);
/* Polls a running job; true when it just finished. */
bool job_poll(struct job *j);
void job_cancel(struct job *j);
void job_wait(struct job *j);
/* The progress line with the time so far, e.g. "Requesting a token ... (try 2 of 3, 41 s; Esc
 * cancels)". */
void job_progress(struct job *j, char *out, size_t n);
void job_free(struct job *j);

/* ---- menu.c: lists on the ncurses menu library ---- */
#define UI_MENU_MAX 24
struct ui_menu {
	ITEM *items[UI_MENU_MAX + 1];
	MENU *menu;
	WINDOW *sub;
};
void ui_menu_free(struct ui_menu *m);
/* Posts the names at (y, x) with `current` selected; returns the row after the list. */
int ui_menu_show(struct ui *ui, struct ui_menu *m, const char *const *names, int n, int current, int y,
		 int x);
/* A form's FK_CHECK fields drawn as a menu, from row y; returns the row after it. */
int menu_checklist(struct ui *ui, struct ui_menu *m, struct form *fm, int y);

/* ---- clipboard.c ---- */
/* Sends text to the terminal's clipboard (OSC 52); the terminal may ignore it. */
void ui_osc52_copy(const char *text);

#endif
