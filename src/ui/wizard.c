/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The driver, above the steps: one loop that draws, reads a key, lets the step handle it, and
 * does Back, Next, Help, Quit, paste, resize and background checks once for every step. It knows
 * the steps only through their table and ops; each step's state is private to it. */
#include "config.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "check/settings.h"
#include "core/codec.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/xalloc.h"
#include "frontends.h"
#include "practice/summary.h"
#include "practice/tenant.h"
#include "steps/steps.h"
#include "ui.h"

struct wizard {
	struct ui ui;
	struct session s;
	int step;	       /* the current step or screen (STEPS_HOME) */
	void *priv[STEPS_N];   /* each step's own state, ops->private_size bytes */
	bool entered[STEPS_N]; /* entered at least once */
	bool help;	       /* the key help is shown */
	struct pane help_pane;
	char hint[400];	  /* the key line */
	char busy[512];	  /* what a running check is doing */
	char paste[4096]; /* a bracketed paste being collected */
	size_t paste_len;
	bool pasting, paste_over;
	struct timespec since; /* when the current step was entered (practice summary) */
};

static struct form *form_of(struct wizard *w)
{
	return w->priv[w->step] ? (struct form *)w->priv[w->step] : NULL;
}

static bool in_text(struct wizard *w)
{
	struct form *fm = form_of(w);

	if (w->help || !fm || fm->n == 0)
		return false;
	return field_is_text(&fm->f[fm->focus]) && !fm->f[fm->focus].hidden;
}

static void free_priv(struct wizard *w, int id)
{
	const struct step_ops *op = steps_get(id);

	if (!w->priv[id])
		return;
	if (op->cleanse)
		op->cleanse(w->priv[id]);
	form_cleanse(w->priv[id]);
	free(w->priv[id]);
	w->priv[id] = NULL;
	w->entered[id] = false;
}

/* The trainer's summary keeps the time spent on each step, until now. */
/* Display columns of n bytes of UTF-8 (bytes when the locale cannot say). */
static int text_width(const char *t, size_t n)
{
	mbstate_t ms = {0};
	int w = 0;

	while (n) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, t, n, &ms);
		int cw;
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&ms, 0, sizeof(ms));
			k = 1;
			cw = 1;
		} else {
			cw = wcwidth(wc);
			cw = cw < 0 ? 1 : cw;
		}
		w += cw;
		t += k;
		n -= k;
	}
	return w;
}

/* Prints text left on the terminal after the screen is gone, each line wrapped at spaces to the
 * width and continued under its own indentation (past "N. " for a numbered line), so nothing is
 * broken in the middle of a word by the terminal. */
static void print_wrapped(FILE *out, const char *text, int width)
{
	while (*text) {
		const char *eol = strchr(text, '\n'), *p = text, *d;
		size_t len = eol ? (size_t)(eol - text) : strlen(text);
		int indent = 0, col;

		while (p < text + len && *p == ' ')
			p++;
		indent = (int)(p - text);
		for (d = p; d < text + len && *d >= '0' && *d <= '9'; d++)
			;
		if (d > p && d + 1 < text + len && d[0] == '.' && d[1] == ' ')
			indent += (int)(d - p) + 2;
		fwrite(text, 1, (size_t)(p - text), out);
		col = (int)(p - text);
		while (p < text + len) {
			const char *e = p, *sp = p;
			int ww;
			while (sp < text + len && *sp == ' ')
				sp++;
			e = sp;
			while (e < text + len && *e != ' ')
				e++;
			ww = text_width(sp, (size_t)(e - sp));
			if (col > indent && col + (int)(sp - p) + ww > width) {
				fprintf(out, "\n%*s", indent, "");
				col = indent;
			} else {
				fwrite(p, 1, (size_t)(sp - p), out);
				col += (int)(sp - p);
			}
			fwrite(sp, 1, (size_t)(e - sp), out);
			col += ww;
			p = e;
		}
		fputc('\n', out);
		text += len + (eol ? 1 : 0);
	}
}

static void practice_timing(struct wizard *w)
{
	struct timespec now;

	if (!w->s.practice)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (w->entered[w->step] && w->step < STEP_COUNT) {
		practice_lock(w->s.practice);
		practice_record_step(w->s.practice, w->step,
				     (double)(now.tv_sec - w->since.tv_sec) +
					     (double)(now.tv_nsec - w->since.tv_nsec) / 1e9);
		practice_unlock(w->s.practice);
	}
	w->since = now;
}

static void enter(struct wizard *w, int id)
{
	const struct step_ops *op = steps_get(id);

	if (!op)
		return;
	practice_timing(w);
	if (w->s.stale[id])
		free_priv(w, id);
	w->s.stale[id] = false;
	if (!w->priv[id]) {
		w->priv[id] = xcalloc(1, op->private_size < sizeof(struct form) ? sizeof(struct form)
										: op->private_size);
		((struct form *)w->priv[id])->ctx = &w->s;
	}
	w->step = id;
	if (op->enter)
		op->enter(&w->s, w->priv[id]);
	w->entered[id] = true;
}

/* Steps ask to move by setting go_to or to_home; this carries it out. */
static void follow(struct wizard *w)
{
	int to = w->s.to_home ? STEPS_HOME : w->s.go_to;

	w->s.to_home = false;
	w->s.go_to = -1;
	if (to >= 0)
		enter(w, to);
}

/* ---- the key line: only keys that do something on this screen ---- */
static unsigned long long live_actions(struct wizard *w)
{
	const struct step_ops *op = steps_get(w->step);
	struct form *fm = form_of(w);
	unsigned long long m = ACT_BIT(ACT_HELP) | ACT_BIT(ACT_QUIT) | ACT_BIT(ACT_NEXT);

	if (w->step != STEPS_HOME && (w->step != steps_prev(&w->s, w->step) || !w->s.fresh))
		m |= ACT_BIT(ACT_BACK);
	if (fm && fm->n > 1)
		m |= ACT_BIT(ACT_FIELD_NEXT) | ACT_BIT(ACT_FIELD_PREV);
	if (fm && fm->n) {
		struct field *f = &fm->f[fm->focus];
		if (f->kind == FK_CHECK || f->kind == FK_CHOICE)
			m |= ACT_BIT(ACT_TOGGLE);
		if (f->kind == FK_CHOICE || field_is_text(f))
			m |= ACT_BIT(ACT_LEFT) | ACT_BIT(ACT_RIGHT);
		if (field_is_text(f))
			m |= ACT_BIT(ACT_HOME) | ACT_BIT(ACT_END) | ACT_BIT(ACT_BACKSPACE) |
			     ACT_BIT(ACT_DELETE) | ACT_BIT(ACT_CLEAR) | ACT_BIT(ACT_CHAR);
		for (int i = 0; i < fm->n; i++)
			if (fm->f[i].kind == FK_SECRET && !fm->f[i].hidden)
				m |= ACT_BIT(ACT_REVEAL);
	}
	if (w->s.fail_step >= 0 && w->step != STEPS_HOME)
		m |= ACT_BIT(ACT_JUMP);
	if (op && op->keys)
		m |= op->keys(&w->s, w->priv[w->step]);
	if (w->s.practice)
		m |= ACT_BIT(ACT_PORTAL) | ACT_BIT(ACT_PSHELL);
	return m;
}

/* An action's words on the key line, NULL when it has none there. */
static const char *hint_text(const struct action_info *t, unsigned long long m)
{
	if (t->action == ACT_NEXT && (m & KEYS_ENTER_QUITS))
		return _("Enter quit");
	return t->hint ? _(t->hint) : NULL;
}

/* Screen columns the key line takes with the actions in m. */
static int hint_width(const struct action_info *t, int n, unsigned long long m)
{
	int width = 0;

	for (int i = 0; i < n; i++) {
		const char *h = hint_text(&t[i], m);
		if (h && (m & ACT_BIT(t[i].action)))
			width += (width ? 2 : 0) + text_width(h, strlen(h));
	}
	return width;
}

static void build_hint(struct wizard *w)
{
	unsigned long long m;
	int n;
	const struct action_info *t = actions_table(&n);
	size_t o = 0;

	if (w->s.job.running) {
		snprintf(w->hint, sizeof(w->hint), "%s", _("Esc cancel the check"));
		return;
	}
	if (w->help) {
		snprintf(w->hint, sizeof(w->hint), "%s", _("PgDn and Down scroll; any other key returns"));
		return;
	}
	m = live_actions(w);
	/* When the keys do not all fit, F10 goes first (F1 lists it), then those the screen explains
	 * itself (Tab, PgDn with its "more below" marker, Space), then practice's F11 and F12, then
	 * the step's own from the right; Enter, Esc and F1 (which lists them all) always stay. */
	for (int pass = 0; pass < 4 && hint_width(t, n, m) > w->ui.cols - 2; pass++)
		for (int i = n - 1; i >= 0 && hint_width(t, n, m) > w->ui.cols - 2; i--) {
			enum action a = t[i].action;
			bool minor = a == ACT_FIELD_NEXT || a == ACT_PAGE_DOWN || a == ACT_TOGGLE;
			bool kept = a == ACT_NEXT || a == ACT_BACK || a == ACT_HELP;
			bool practice = a == ACT_PORTAL || a == ACT_PSHELL;
			if (pass == 0 ? a == ACT_QUIT : pass == 1 ? minor : pass == 2 ? practice : !kept)
				m &= ~ACT_BIT(a);
		}
	w->hint[0] = '\0';
	for (int i = 0; i < n; i++) {
		const char *h = hint_text(&t[i], m);
		if (!h || !(m & ACT_BIT(t[i].action)))
			continue;
		if (o + strlen(h) + 2 >= sizeof(w->hint))
			break;
		o += (size_t)snprintf(w->hint + o, sizeof(w->hint) - o, "%s%s", o ? "  " : "", h);
	}
}

/* ---- drawing ---- */
static void draw_help(struct wizard *w)
{
	int n;
	const struct action_info *t = actions_table(&n);
	unsigned long long m;
	char line[300];
	int top = w->help_pane.top;

	w->help = false;
	m = live_actions(w);
	w->help = true;
	pane_clear(&w->help_pane);
	w->help_pane.top = top;
	for (int i = 0; i < n; i++) {
		/* The practice screens exist only with --practice. */
		if (!w->s.practice && (t[i].action == ACT_PORTAL || t[i].action == ACT_PSHELL))
			continue;
		snprintf(line, sizeof(line), "%c %-22.22s %s", m & ACT_BIT(t[i].action) ? '*' : ' ',
			 t[i].keys, _(t[i].label));
		pane_add(&w->help_pane, m & ACT_BIT(t[i].action) ? ROLE_KEY : ROLE_DIM, 25, line);
	}
	pane_add(&w->help_pane, ROLE_DIM, 0, "");
	pane_add(&w->help_pane, ROLE_DIM, 0,
		 _("* acts on this screen. Letters work outside text fields; Alt+digit (or Esc, then the "
		   "digit) works everywhere, for terminals whose F-keys do not arrive."));
	attron(A_BOLD);
	mvprintw(3, 2, "%s", _("Keys"));
	attroff(A_BOLD);
	pane_draw(&w->ui, &w->help_pane, 4, ui_bottom(&w->ui));
}

static void frame(struct ui *ui)
{
	struct wizard *w = ui->owner;
	const struct step_ops *op = steps_get(w->step);
	char title[256], strip[256], prof[128];
	int o = 0;

	getmaxyx(stdscr, ui->rows, ui->cols);
	erase();
	ui->cursor_y = -1;
	ui->busy = NULL;
	if (w->s.job.running) {
		char p[500];
		job_progress(&w->s.job, p, sizeof(p));
		snprintf(w->busy, sizeof(w->busy), "%s%s", ui->script ? "* " : "", p);
		ui->busy = w->busy;
	}
	if (ui->cols < UI_MIN_COLS || ui->rows < UI_MIN_ROWS) {
		draw_too_small(ui);
		refresh();
		return;
	}
	if (w->step == STEPS_PORTAL)
		snprintf(title, sizeof(title), "%s", _(" o365-oauth-setup  |  PRACTICE portal"));
	else if (w->step == STEPS_PSHELL)
		snprintf(title, sizeof(title), "%s", _(" o365-oauth-setup  |  PRACTICE PowerShell"));
	else if (w->step == STEPS_HOME)
		snprintf(title, sizeof(title), "%s", _(" o365-oauth-setup  |  Start"));
	else
		snprintf(title, sizeof(title), _(" o365-oauth-setup  |  Step %d of %d: %s"), w->step,
			 STEP_COUNT - 1, step_name(w->step));
	attron(ui_attr(ui, ROLE_TITLE));
	mvprintw(0, 0, "%-*s", i18n_pad(title, ui->cols), title);
	snprintf(prof, sizeof(prof), w->s.practice ? _(" PRACTICE: %s") : _(" profile: %s"),
		 w->s.profile_name);
	mvprintw(0, ui->cols - i18n_width(prof) - 1, "%s", prof);
	attroff(ui_attr(ui, ROLE_TITLE));
	for (int i = 0; i < STEP_COUNT; i++)
		o += snprintf(strip + o, sizeof(strip) - (size_t)o, i == w->step ? "[%d]" : " %d ", i);
	mvprintw(1, 2, "%s", strip);
	mvhline(2, 0, ui->ascii ? '-' : ACS_HLINE, ui->cols);
	if (w->help)
		draw_help(w);
	else if (op && op->draw && w->priv[w->step])
		op->draw(&w->s, w->priv[w->step], 3);
	if (ui->busy)
		ui->cursor_y = -1;
	build_hint(w);
	ui->hint = w->hint;
	draw_footer(ui);
	refresh();
}

/* ---- leaving ---- */
static void save_draft(struct wizard *w)
{
	struct o365_err e;
	struct profile *d;
	int at = w->step < STEP_COUNT ? w->step : STEP_START;

	err_clear(&e);
	if (!(d = profile_clone(w->s.p)))
		return;
	d->draft = true;
	d->resume_step = at;
	if (store_save(w->s.draft_path, d, &e) == O365_OK)
		snprintf(w->s.ui->status, sizeof(w->s.ui->status),
			 _("Draft saved in %s; run the wizard again to resume at step %d. %s is unchanged."),
			 w->s.draft_path, at, w->s.path);
	else
		status_set(&w->ui, true, "%s", e.msg);
	profile_free(&d);
}

/* A field on this screen holding typed text that is not valid, so not kept: quitting would drop
 * it without a word. */
static const struct field *unkept_field(struct wizard *w)
{
	struct form *fm = w->step < STEPS_HOME ? w->priv[w->step] : NULL;

	for (int i = 0; fm && i < fm->n; i++) {
		const struct field *f = &fm->f[i];
		if (!f->hidden && field_is_text(f) && f->buf[0] && f->msg.res == V_ERR)
			return f;
	}
	return NULL;
}

static void quit(struct wizard *w)
{
	const struct step_ops *op = steps_get(w->step);
	int a;

	w->s.exit_rc = w->s.saved ? O365_OK : O365_ECANCEL;
	if (w->s.saved) {
		w->s.quit = true;
		return;
	}
	if (op && op->leave && w->priv[w->step])
		op->leave(&w->s, w->priv[w->step], false); /* keep what is valid on this screen */
	if (!steps_changed(&w->s)) {
		const struct field *f = unkept_field(w);
		char q[400];
		if (f) {
			snprintf(q, sizeof(q),
				 _("%s is not valid, so what you typed there is not kept. Quit anyway?"),
				 _(f->label));
			if (ui_ask(&w->ui, q, 'n') != 'y')
				return;
		}
		w->ui.status[0] = '\0';
		w->s.quit = true;
		return;
	}
	if (w->s.mode == WMODE_ROTATE) {
		a = ui_ask(&w->ui,
			   _("Quit the rotation? Nothing has been changed: the profile keeps the old secret "
			     "and the new one is forgotten."),
			   'n');
		if (a == 'y') {
			snprintf(w->ui.status, sizeof(w->ui.status), "%s",
				 _("Rotation cancelled; the profile is unchanged."));
			w->s.quit = true;
		}
		return;
	}
	a = ui_ask(&w->ui,
		   _("Quit without saving the profile. Keep what you entered as a draft to resume later? "
		     "The saved profile is not touched either way."),
		   'y');
	if (a == 27) {
		status_set(&w->ui, false, "%s", "");
		return;
	}
	if (a == 'y')
		save_draft(w);
	else
		w->ui.status[0] = '\0';
	w->s.quit = true;
}

static void go(struct wizard *w, bool forward)
{
	const struct step_ops *op = steps_get(w->step);
	int to = forward ? steps_next(&w->s, w->step) : steps_prev(&w->s, w->step);

	if (op->leave && !op->leave(&w->s, w->priv[w->step], forward))
		return;
	if (w->s.go_to >= 0 || w->s.to_home || w->s.quit)
		return; /* the step chose where to go */
	if (!forward && w->step == to) {
		if (!w->s.fresh) {
			enter(w, STEPS_HOME);
			return;
		}
		status_set(&w->ui, false, "%s", _("This is the first step."));
		return;
	}
	enter(w, to);
}

static void nothing_here(struct wizard *w, enum action a)
{
	const struct action_info *i = action_info(a);

	if (!i)
		return;
	status_set(&w->ui, true, _("%s does nothing on this screen (%s). F1 lists the keys."),
		   action_key_name(a), _(i->label));
}

/* C0, DEL and C1 (UTF-8 C2 80..9F): on screen they move the cursor; in a saved value they break
 * the profile. */
static bool has_controls(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
		    ((unsigned char)s[i] == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		     (unsigned char)s[i + 1] <= 0x9f))
			return true;
	return false;
}

static void paste_done(struct wizard *w)
{
	struct form *fm = form_of(w);
	size_t n = w->paste_len;

	/* A trailing newline (or a table cell's tab) comes with many copies; it is not part of the value. */
	while (n && (w->paste[n - 1] == '\r' || w->paste[n - 1] == '\n' || w->paste[n - 1] == '\t'))
		n--;
	if (w->paste_over)
		status_set(&w->ui, true, "%s",
			   _("The pasted text is longer than any value here: nothing was added."));
	else if (w->step == STEPS_PSHELL)
		pshell_paste(&w->s, w->priv[w->step], w->paste, n);
	else if (!fm || !in_text(w))
		status_set(&w->ui, true, "%s", _("Pasting needs a text field: Tab moves to one."));
	else if (n && memchr(w->paste, '\n', n))
		status_set(&w->ui, true, "%s", _("The pasted text has several lines: nothing was added."));
	else if (has_controls(w->paste, n))
		status_set(&w->ui, true, "%s",
			   _("The pasted text holds a tab or another control character: nothing was added."));
	else
		fields_insert(&w->ui, fm, w->paste, n);
	codec_cleanse(w->paste, sizeof(w->paste));
	w->paste_len = 0;
	w->pasting = w->paste_over = false;
}

static void dispatch(struct wizard *w, int key)
{
	const struct step_ops *op = steps_get(w->step);
	enum action a;
	struct form *fm;

	if (key == KEY_PASTE_BEGIN) {
		w->pasting = true;
		w->paste_len = 0;
		return;
	}
	if (w->pasting) {
		if (key == KEY_PASTE_END) {
			paste_done(w);
		} else if (key >= 0 && key < 256) {
			if (w->paste_len + 1 < sizeof(w->paste))
				w->paste[w->paste_len++] = (char)key;
			else
				w->paste_over = true;
		}
		return;
	}
	if (key == KEY_UNKNOWN) {
		status_set(&w->ui, true, "%s",
			   _("That key sent a sequence this program does not know; nothing was done. F1 "
			     "lists the keys."));
		return;
	}
	a = action_for_key(key, in_text(w));
	if (a == ACT_RESIZE || a == ACT_WAKE || a == ACT_PASTE_END)
		return;
	if (a == ACT_NONE) {
		if (!w->s.job.running)
			status_set(&w->ui, true, "%s", _("That key does nothing here. F1 lists the keys."));
		return;
	}
	if (w->ui.cols < UI_MIN_COLS || w->ui.rows < UI_MIN_ROWS) {
		if (a == ACT_QUIT)
			quit(w);
		return;
	}
	if (w->s.job.running) {
		if (a == ACT_BACK || a == ACT_QUIT)
			job_cancel(&w->s.job);
		return;
	}
	w->ui.status[0] = '\0'; /* a message lasts until the next key */
	if (w->help) {
		if (!pane_scroll(&w->help_pane, a))
			w->help = false;
		return;
	}
	if (a == ACT_HELP) {
		w->help = true;
		w->help_pane.top = 0;
		return;
	}
	if (a == ACT_QUIT) {
		quit(w);
		return;
	}
	if ((a == ACT_PORTAL || a == ACT_PSHELL) && w->s.practice) {
		int to = a == ACT_PORTAL ? STEPS_PORTAL : STEPS_PSHELL;
		w->ui.status[0] = '\0';
		if (op->leave)
			op->leave(&w->s, w->priv[w->step], false);
		if (w->step != STEPS_PORTAL && w->step != STEPS_PSHELL)
			w->s.practice_from = w->step;
		enter(w, to);
		return;
	}
	fm = form_of(w);
	if (op->handle ? op->handle(&w->s, w->priv[w->step], a, key)
		       : fm && fields_handle(&w->ui, fm, a, key)) {
		follow(w);
		return;
	}
	if (a == ACT_NEXT)
		go(w, true);
	else if (a == ACT_BACK)
		go(w, false);
	else if (a == ACT_JUMP && w->s.fail_step >= 0 && w->step != STEPS_HOME) {
		int to = w->s.fail_step;
		if (op->leave)
			op->leave(&w->s, w->priv[w->step], false);
		/* Fixing a step is ordinary editing, except a rotation's new secret, which stays apart
		 * from the profile until it has passed. */
		if (!(w->s.mode == WMODE_ROTATE && to == STEP_SECRET))
			w->s.mode = WMODE_SETUP;
		w->s.fixing = true;
		enter(w, to);
	} else if (a != ACT_CHAR && a != ACT_FIELD_NEXT && a != ACT_FIELD_PREV)
		nothing_here(w, a);
	else if (a == ACT_CHAR && key >= '0' && key <= '9')
		status_set(&w->ui, true, "%s",
			   _("Numbers jump to a step from the start screen (Esc at step 0)."));
	follow(w);
}

static void finished_job(struct wizard *w)
{
	const struct step_ops *op = steps_get(w->step);

	if (w->s.practice && w->s.job.kind != JOB_TENANT) {
		practice_lock(w->s.practice);
		practice_record_check(w->s.practice, &w->s.job.report, w->s.job.kind == JOB_FULL);
		practice_unlock(w->s.practice);
	}
	if (op && op->job_done)
		op->job_done(&w->s, w->priv[w->step]);
	report_clear(&w->s.job.report);
	follow(w);
}

/* ---- start and end ---- */
static enum o365_rc setup(struct wizard *w, const struct options *o)
{
	struct o365_err e;
	enum o365_rc rc;
	const char *slash, *dot;
	struct session *s = &w->s;

	err_clear(&e);
	s->ui = &w->ui;
	w->ui.owner = w;
	w->ui.redraw = frame;
	s->opts = o;
	s->fail_step = -1;
	s->go_to = -1;
	s->practice = o->practice_tenant;
	pthread_mutex_init(&s->job.lock, NULL);
	if ((rc = store_path(o->config, o->profile, s->path, sizeof(s->path), &e)) != O365_OK) {
		err_print(&e);
		return rc;
	}
	if (!o->net && practice_owns_path(s->path)) {
		err_set(&e, O365_EUSAGE, _("%s is a PRACTICE profile: it belongs to the simulated tenant."),
			s->path);
		err_fix(&e, "%s",
			_("Use it with --practice NAME; it is never checked against real servers."));
		err_print(&e);
		return O365_EUSAGE;
	}
	snprintf(s->draft_path, sizeof(s->draft_path), "%s.draft", s->path);
	slash = strrchr(s->path, '/');
	slash = slash ? slash + 1 : s->path;
	dot = strrchr(slash, '.');
	snprintf(s->profile_name, sizeof(s->profile_name), "%.*s",
		 (int)(dot ? dot - slash : (long)strlen(slash)), slash);
	if (store_exists(s->path)) {
		if ((rc = store_load(s->path, &s->p, &e)) != O365_OK) {
			err_print(&e);
			return rc;
		}
	} else if (store_exists(s->draft_path)) {
		if ((rc = store_load(s->draft_path, &s->p, &e)) != O365_OK) {
			err_print(&e);
			return rc;
		}
	} else {
		s->p = profile_new();
	}
	if ((rc = settings_apply_overrides(o, s->p, &e)) != O365_OK) {
		err_print(&e);
		return rc;
	}
	if (getenv("O365_SCRIPT")) {
		if (!script_open(getenv("O365_SCRIPT"))) {
			fprintf(stderr, "%s: cannot read O365_SCRIPT %s\n", PACKAGE, getenv("O365_SCRIPT"));
			return O365_EUSAGE;
		}
		w->ui.script = true;
	}
	/* Line drawing in ASCII where UTF-8 is not available, and always in scripts (golden screens). */
	w->ui.ascii = w->ui.script || getenv("O365_ASCII") || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	return O365_OK;
}

/* Other profiles in the configuration directory: the start screen offers a picker. */
static bool others_exist(void)
{
	char dir[4096], **names = NULL;
	struct o365_err e;
	int n = 0;

	if (store_dir(dir, sizeof(dir), &e) == O365_OK)
		n = store_list(dir, &names);
	store_free_list(&names);
	return n > 0;
}

static int next_key(struct wizard *w)
{
	int key;

	if (w->s.job.running && w->ui.script) {
		job_wait(&w->s.job);
		return KEY_WAKE;
	}
	/* Idle, the window is measured again each second (see term_size_changed). */
	key = ui_key(&w->ui, w->s.job.running ? 100 : 1000);
	if (key == KEY_WAKE && !w->ui.script && term_size_changed(&w->ui))
		return KEY_RESIZE;
	return key;
}

enum o365_rc wizard_run(const struct options *o)
{
	struct wizard *w = xcalloc(1, sizeof(*w));
	enum o365_rc rc;
	bool existed, draft;

	if ((rc = setup(w, o)) != O365_OK)
		goto out;
	existed = store_exists(w->s.path);
	draft = store_exists(w->s.draft_path);
	steps_snapshot(&w->s);
	if (!term_start(&w->ui, o->no_color)) {
		rc = O365_EUSAGE;
		goto out;
	}
	w->s.fresh = !existed && !draft;
	if (!existed && draft) {
		int at = w->s.p->resume_step;
		enter(w, at >= 0 && at < STEP_COUNT ? at : 0);
		status_set(&w->ui, false,
			   _("Resuming the draft at step %d; Esc goes back through the earlier steps."),
			   w->step);
	} else if (existed || (!draft && !o->profile && !o->config && others_exist())) {
		enter(w, STEPS_HOME);
	} else {
		enter(w, STEP_START);
	}
	if (w->s.practice && !w->ui.status[0])
		status_set(&w->ui, false, "%s",
			   _("PRACTICE: a simulated tenant. F11 opens its portal, F12 its PowerShell."));
	while (!w->s.quit) {
		int key;
		frame(&w->ui);
		key = next_key(w);
		if (w->s.job.running && job_poll(&w->s.job))
			finished_job(w);
		if (key == ERR) {
			if (w->ui.script && !w->s.job.running)
				break; /* the script has ended */
			continue;
		}
		if (key == KEY_RESIZE)
			getmaxyx(stdscr, w->ui.rows, w->ui.cols);
		dispatch(w, key);
	}
	practice_timing(w);
	job_free(&w->s.job);
	for (int i = 0; i < STEPS_N; i++)
		free_priv(w, i);
	pane_clear(&w->help_pane);
	term_stop();
	if (w->ui.status[0] && !w->ui.script)
		printf("%s\n", w->ui.status);
	if (w->s.farewell[0])
		print_wrapped(w->ui.script ? stderr : stdout, w->s.farewell,
			      w->ui.cols > 20 ? w->ui.cols : 80);
	rc = w->s.exit_rc;
out:
	if (w) {
		job_free(&w->s.job);
		for (int i = 0; i < STEPS_N; i++)
			free_priv(w, i);
		codec_free_secret(&w->s.pending_secret);
		codec_cleanse(w->s.key_passphrase, sizeof(w->s.key_passphrase));
		profile_free(&w->s.p);
		free(w->s.snapshot);
		free(w);
	}
	return rc;
}
