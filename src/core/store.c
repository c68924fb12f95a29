/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "codec.h"
#include "i18n.h"
#include "paths.h"
#include "store.h"
#include "xalloc.h"

static char *slurp(int fd, size_t max, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	ssize_t k;

	while (buf) {
		if (n + 1 >= cap) {
			char *nb;
			if (cap >= max) {
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			nb = xrealloc(buf, cap * 2);
			buf = nb;
			cap *= 2;
		}
		k = read(fd, buf + n, cap - n - 1);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			free(buf);
			return NULL;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

enum o365_rc store_load(const char *path, struct profile **out, struct o365_err *e)
{
	struct stat st;
	char *text = NULL;
	size_t len = 0;
	enum o365_rc rc;
	int fd;

	*out = NULL;
	if ((rc = store_check_dir_of(path, e)) != O365_OK)
		return rc;
	/* O_NONBLOCK: a FIFO is refused below instead of blocking the open */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT) {
			err_set(e, O365_ECONFIG, _("%s: no such profile"), path);
			err_fix(e, "%s", _("Run o365-oauth-setup without options to create it."));
			return O365_ECONFIG;
		}
		err_set(e, O365_ECONFIG, _("%s: cannot open: %s"), path, strerror(errno));
		if (errno == ELOOP)
			err_fix(e, "%s",
				_("The profile is a symbolic link; point --config at the real file."));
		return O365_ECONFIG;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, O365_ECONFIG, _("%s: not a regular file"), path);
	}
	if (st.st_uid != geteuid()) {
		close(fd);
		err_set(e, O365_ECONFIG,
			_("%s: owned by another user (uid %u); refusing to use a secret "
			  "someone else can change"),
			path, (unsigned)st.st_uid);
		err_fix(e, _("Run: chown %u '%s'"), (unsigned)geteuid(), path);
		return O365_ECONFIG;
	}
	if (st.st_mode & 077) {
		close(fd);
		err_set(e, O365_ECONFIG,
			_("%s: permissions %04o are too open: the file holds a client secret"), path,
			(unsigned)(st.st_mode & 07777));
		err_fix(e, _("Run: chmod 600 '%s'"), path);
		return O365_ECONFIG;
	}
	text = slurp(fd, 4 << 20, &len);
	close(fd);
	if (!text)
		return err_set(e, O365_ECONFIG, _("%s: cannot read: %s"), path, strerror(errno));
	if (strlen(text) != len) {
		codec_cleanse(text, len);
		free(text);
		return err_set(e, O365_ECONFIG, _("%s: contains a NUL byte; it is not a profile"), path);
	}
	rc = profile_from_json(text, path, out, e);
	codec_cleanse(text, len);
	free(text);
	return rc;
}

enum o365_rc store_save(const char *path, struct profile *p, struct o365_err *e)
{
	char *text = profile_to_json(p);
	size_t len = strlen(text);
	enum o365_rc rc;

	if ((rc = store_check_dir_of(path, e)) != O365_OK) {
		codec_cleanse(text, len);
		free(text);
		return rc;
	}
	text = xrealloc(text, len + 2);
	text[len++] = '\n';
	text[len] = '\0';
	rc = atomic_replace(path, text, len, 0600, STORE_BACKUPS_KEPT, e);
	codec_cleanse(text, len);
	free(text);
	return rc;
}
