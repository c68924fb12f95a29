/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "check/settings.h"
#include "common.h"
#include "core/codec.h"
#include "core/i18n.h"
#include "core/store.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "practice/tenant.h"

enum o365_rc batch_load(const struct options *o, struct loaded *l)
{
	struct o365_err e;
	enum o365_rc rc;

	err_clear(&e);
	memset(l, 0, sizeof(*l));
	if ((rc = store_path(o->config, o->profile, l->path, sizeof(l->path), &e)) != O365_OK ||
	    (rc = store_load(l->path, &l->p, &e)) != O365_OK) {
		err_print(&e);
		return rc;
	}
	if (!o->net && practice_owns_path(l->path)) {
		err_set(&e, O365_EUSAGE, _("%s is a PRACTICE profile: it belongs to the simulated tenant."),
			l->path);
		err_fix(&e, "%s",
			_("Use it with --practice NAME; it is never checked against real servers."));
		err_print(&e);
		profile_free(&l->p);
		return O365_EUSAGE;
	}
	if ((rc = settings_apply_overrides(o, l->p, &e)) != O365_OK) {
		err_print(&e);
		profile_free(&l->p);
	}
	return rc;
}

static void batch_progress(void *ud, const char *line)
{
	const struct options *o = ud;

	/* Lines starting with "! " are notices worth a line of their own, tty or not. */
	if (o->nagios)
		return;
	if (!strncmp(line, "! ", 2))
		fprintf(stderr, "%s%s\n", isatty(STDERR_FILENO) ? "\r\033[K" : "", line + 2);
	else if (!o->quiet && isatty(STDERR_FILENO))
		fprintf(stderr, "\r\033[K%s", line);
}

void batch_verify_opts(const struct options *o, struct verify_opts *vo)
{
	settings_verify_opts(o, vo);
	vo->progress = batch_progress;
	vo->ud = (void *)o;
}

#define SECRET_MAX 4096

/* The secret is the first line of fd. Nothing is cut silently: a longer input, a NUL byte or a
 * second line with text is refused rather than half-used. */
static enum o365_rc read_secret_fd(int fd, const char *what, bool one_line, char **out, struct o365_err *e)
{
	char buf[SECRET_MAX + 2];
	size_t n = 0, line;
	ssize_t k;
	enum o365_rc rc = O365_OK;

	*out = NULL;
	while (n < sizeof(buf) - 1 && (k = read(fd, buf + n, sizeof(buf) - 1 - n)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			rc = err_set(e, O365_ECONFIG, _("%s: cannot read: %s"), what, strerror(errno));
			goto out;
		}
		n += (size_t)k;
		if (one_line && memchr(buf + n - (size_t)k, '\n', (size_t)k))
			break; /* a terminal: done at Enter, not at end of file */
	}
	buf[n] = '\0';
	line = strcspn(buf, "\r\n");
	if (memchr(buf, '\0', n)) {
		rc = err_set(e, O365_ECONFIG,
			     _("%s: the secret contains a NUL byte; it was not copied whole"), what);
		goto out;
	}
	if (n == sizeof(buf) - 1 && line == n) {
		rc = err_set(e, O365_ECONFIG, _("%s: the secret is longer than %d bytes; nothing was sent"),
			     what, SECRET_MAX);
		goto out;
	}
	if (buf[line + strspn(buf + line, " \t\r\n")]) {
		rc = err_set(e, O365_ECONFIG, _("%s: more than one line; give only the secret Value"), what);
		goto out;
	}
	buf[line] = '\0';
	*out = xstrdup(buf);
out:
	codec_cleanse(buf, sizeof(buf));
	return rc;
}

static struct termios saved_tty;
static volatile sig_atomic_t tty_quiet;

/* A signal while typing gives the terminal its echo back before the default action. */
static void tty_restore_and_die(int sig)
{
	if (tty_quiet)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* --secret-stdin on a terminal: a prompt, echo off, done at Enter; the terminal is restored
 * however the read ends. */
static enum o365_rc read_secret_tty(char **out, struct o365_err *e)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa, old[4];
	struct termios quiet;
	enum o365_rc rc;

	if (tcgetattr(STDIN_FILENO, &saved_tty) != 0)
		return read_secret_fd(STDIN_FILENO, _("standard input"), true, out, e);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tty_restore_and_die;
	for (int i = 0; i < 4; i++)
		sigaction(sigs[i], &sa, &old[i]);
	quiet = saved_tty;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ICANON | ECHONL;
	tty_quiet = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
	fprintf(stderr, "%s", _("Client secret Value (typing is not shown), then Enter: "));
	fflush(stderr);
	rc = read_secret_fd(STDIN_FILENO, _("the terminal"), true, out, e);
	if (tty_quiet)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
	tty_quiet = 0;
	for (int i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	return rc;
}

enum o365_rc batch_read_secret(const struct options *o, char **secret, struct o365_err *e)
{
	*secret = NULL;
	if (o->secret_stdin) {
		enum o365_rc rc = isatty(STDIN_FILENO) ? read_secret_tty(secret, e)
						       : read_secret_fd(STDIN_FILENO, _("standard input"),
									false, secret, e);
		if (rc != O365_OK)
			return rc;
	} else if (o->secret_file) {
		struct stat st;
		int fd = open(o->secret_file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
		if (fd < 0)
			return err_set(e, O365_ECONFIG, _("--secret-file %s: %s"), o->secret_file,
				       strerror(errno));
		if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			close(fd);
			return err_set(e, O365_ECONFIG, _("--secret-file %s: not a regular file"),
				       o->secret_file);
		}
		if (st.st_uid != geteuid() || (st.st_mode & 077)) {
			close(fd);
			err_set(e, O365_ECONFIG,
				_("--secret-file %s: readable by others or not yours; refusing"),
				o->secret_file);
			err_fix(e, _("Run: chmod 600 '%s' (as its owner)"), o->secret_file);
			return O365_ECONFIG;
		}
		enum o365_rc rc = read_secret_fd(fd, o->secret_file, false, secret, e);
		close(fd);
		if (rc != O365_OK)
			return rc;
	} else {
		return O365_OK;
	}
	if (!*secret || !**secret) {
		codec_free_secret(secret);
		return err_set(e, O365_ECONFIG, "%s", _("The secret given is empty."));
	}
	return O365_OK;
}
