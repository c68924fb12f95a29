/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Terminal set-up and restoration, signals included. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/xalloc.h"
#include "ui.h"

static SCREEN *screen;
static FILE *null_out, *null_in;
static bool on_tty;

/* Bracketed paste: a pasted value arrives marked, so its newline does not press Enter. */
static void paste_mode(bool on)
{
	if (!on_tty)
		return;
	/* write(2) is safe in a signal handler, stdio is not. */
	if (write(STDOUT_FILENO, on ? "\033[?2004h" : "\033[?2004l", 8) < 0)
		return;
}

void term_stop(void)
{
	if (screen && !isendwin()) {
		paste_mode(false);
		endwin();
	}
}

static void on_fatal_signal(int sig)
{
	/* Restore the terminal first, then die of the same signal. */
	term_stop();
	signal(sig, SIG_DFL);
	raise(sig);
}

void term_install_signals(void)
{
	static const int sigs[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	atexit(term_stop);
	xalloc_set_die_hook(term_stop); /* the message must land on the real screen */
}

bool term_start(struct ui *ui, bool no_color)
{
	const char *term = getenv("TERM");

	if (ui->script) {
		/* Script mode: ncurses keeps the whole screen in memory and writes nothing. */
		null_out = fopen("/dev/null", "w");
		null_in = fopen("/dev/null", "r");
		screen = newterm(term && *term ? term : "xterm", null_out, null_in);
	} else {
		/* Unicode box drawing rather than the alternate charset: right in every UTF-8 terminal. */
		if (!ui->ascii)
			setenv("NCURSES_NO_UTF8_ACS", "1", 0);
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fprintf(stderr, "%s: %s\n", PACKAGE,
				_("the wizard needs a terminal; without one use --batch FILE and --check"));
			return false;
		}
		screen = newterm(NULL, stdout, stdin);
		on_tty = true;
	}
	if (!screen) {
		fprintf(stderr, _("%s: cannot use the terminal type '%s'; set TERM (e.g. TERM=xterm)\n"),
			PACKAGE, term ? term : "");
		return false;
	}
	set_term(screen);
	term_install_signals();
	raw();
	noecho();
	nonl();
	/* Keys are decoded in keys.c, for every terminal alike. */
	keypad(stdscr, FALSE);
	curs_set(0);
	ui->color = !no_color && has_colors();
	if (ui->color) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
		init_pair(2, COLOR_GREEN, -1);
		init_pair(3, COLOR_YELLOW, -1);
		init_pair(4, COLOR_RED, -1);
		init_pair(5, COLOR_BLACK, COLOR_CYAN);
		init_pair(6, COLOR_CYAN, -1);
	}
	refresh();
	paste_mode(true);
	getmaxyx(stdscr, ui->rows, ui->cols);
	return true;
}

bool term_size_changed(const struct ui *ui)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 && ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) != 0)
		return false;
	if (ws.ws_row == 0 || ws.ws_col == 0)
		return false;
	if (ws.ws_row != LINES || ws.ws_col != COLS)
		resizeterm(ws.ws_row, ws.ws_col);
	return LINES != ui->rows || COLS != ui->cols;
}
