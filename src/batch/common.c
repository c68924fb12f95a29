/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static char *read_line_fd(int fd)
{
	char buf[4096];
	size_t n = 0;
	ssize_t k;
	char *out;

	while (n < sizeof(buf) - 1 && (k = read(fd, buf + n, sizeof(buf) - 1 - n)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			break;
		n += (size_t)k;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	out = xstrdup(buf);
	codec_cleanse(buf, sizeof(buf));
	return out;
}

enum o365_rc batch_read_secret(const struct options *o, char **secret, struct o365_err *e)
{
	*secret = NULL;
	if (o->secret_stdin) {
		*secret = read_line_fd(STDIN_FILENO);
	} else if (o->secret_file) {
		struct stat st;
		int fd = open(o->secret_file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
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
		*secret = read_line_fd(fd);
		close(fd);
	} else {
		return O365_OK;
	}
	if (!*secret || !**secret) {
		codec_free_secret(secret);
		return err_set(e, O365_ECONFIG, "%s", _("The secret given is empty."));
	}
	return O365_OK;
}
