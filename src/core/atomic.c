/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "i18n.h"
#include "xalloc.h"

static int (*fault_hook)(enum atomic_step step);

void atomic_set_fault_hook(int (*hook)(enum atomic_step step))
{
	fault_hook = hook;
}

/* 0 to go on; else the call is treated as failed with that errno. */
static int fault(enum atomic_step step)
{
	int err = fault_hook ? fault_hook(step) : 0;

	if (err)
		errno = err;
	return err;
}

enum o365_rc atomic_mkdirs(const char *dir, struct o365_err *e)
{
	char buf[4096];
	struct stat st;

	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? O365_OK : err_set(e, O365_EIO, _("%s: not a directory"), dir);
	if (snprintf(buf, sizeof(buf), "%s", dir) >= (int)sizeof(buf))
		return err_set(e, O365_EIO, _("%s: cannot create: %s"), dir, strerror(ENAMETOOLONG));
	for (char *p = buf + 1;; p++) {
		bool last = *p == '\0';
		if (*p != '/' && !last)
			continue;
		*p = '\0';
		if ((fault(AT_MKDIR) || mkdir(buf, 0700) != 0) && errno != EEXIST)
			return err_set(e, O365_EIO, _("%s: cannot create: %s"), buf, strerror(errno));
		if (last)
			break;
		*p = '/';
	}
	return O365_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keeps the newest `keep` backups of base in dir; the names sort by date. */
static void prune_backups(const char *dir, const char *base, int keep)
{
	char prefix[512], **names = NULL, full[4096 + 256 + 2];
	size_t n = 0, cap = 0, plen;
	struct dirent *d;
	DIR *dh = opendir(dir);

	if (!dh)
		return;
	plen = (size_t)snprintf(prefix, sizeof(prefix), "%s.bak-", base);
	while ((d = readdir(dh))) {
		if (strncmp(d->d_name, prefix, plen) != 0)
			continue;
		if (n == cap)
			names = xrealloc(names, (cap = cap ? cap * 2 : 8) * sizeof(*names));
		names[n++] = xstrdup(d->d_name);
	}
	closedir(dh);
	if (names)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (i + (size_t)keep < n && !fault(AT_PRUNE)) {
			snprintf(full, sizeof(full), "%s/%s", dir, names[i]);
			unlink(full);
		}
		free(names[i]);
	}
	free(names);
}

static void split_path(const char *path, char *dir, size_t dn, const char **base)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		snprintf(dir, dn, ".");
		*base = path;
	} else if (slash == path) {
		snprintf(dir, dn, "/");
		*base = slash + 1;
	} else {
		snprintf(dir, dn, "%.*s", (int)(slash - path), path);
		*base = slash + 1;
	}
}

/* A hard link keeps the old version byte for byte without copying. */
static enum o365_rc backup(const char *path, struct o365_err *e)
{
	char name[4200], stamp[32];
	struct tm tm;
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "%s.bak-%s-%03ld%s%.0d", path, stamp, ts.tv_nsec / 1000000,
			 i ? "-" : "", i);
		if (!fault(AT_BACKUP) && link(path, name) == 0)
			return O365_OK;
		if (errno != EEXIST)
			break;
	}
	return err_set(e, O365_EIO, _("%s: cannot keep a backup: %s"), path, strerror(errno));
}

static bool write_all(int fd, const char *buf, size_t n)
{
	while (n) {
		ssize_t k;
		if (fault(AT_WRITE))
			return false;
		k = write(fd, buf, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return false;
		buf += k;
		n -= (size_t)k;
	}
	return true;
}

enum o365_rc atomic_replace(const char *path, const char *data, size_t len, mode_t mode, int backups,
			    struct o365_err *e)
{
	char dir[4096], tmp[4200];
	const char *base;
	enum o365_rc rc = O365_OK;
	int fd = -1, dfd;
	struct stat st;

	split_path(path, dir, sizeof(dir), &base);
	if ((rc = atomic_mkdirs(dir, e)) != O365_OK)
		return rc;
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp-XXXXXX", dir, base);
	if (fault(AT_CREATE) || (fd = mkstemp(tmp)) < 0) {
		tmp[0] = '\0';
		return err_set(e, O365_EIO, _("%s: cannot create a temporary file: %s"), dir,
			       strerror(errno));
	}
	if (fchmod(fd, mode) != 0) {
		rc = err_set(e, O365_EIO, _("%s: cannot set its permissions: %s"), tmp, strerror(errno));
		goto out;
	}
	if (!write_all(fd, data, len)) {
		rc = err_set(e, O365_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
		goto out;
	}
	if (fault(AT_FSYNC) || fsync(fd) != 0) {
		rc = err_set(e, O365_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
		goto out;
	}
	{
		int err = fault(AT_CLOSE);
		if (close(fd) != 0 && !err)
			err = errno;
		fd = -1;
		if (err) {
			rc = err_set(e, O365_EIO, _("%s: cannot write: %s"), tmp, strerror(err));
			goto out;
		}
	}
	if (backups > 0 && lstat(path, &st) == 0 && S_ISREG(st.st_mode) && (rc = backup(path, e)) != O365_OK)
		goto out;
	if (fault(AT_RENAME) || rename(tmp, path) != 0) {
		rc = err_set(e, O365_EIO, _("%s: cannot replace: %s"), path, strerror(errno));
		goto out;
	}
	tmp[0] = '\0';
	/* The rename is durable only once the directory is synced. */
	if (!fault(AT_DIRSYNC) && (dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	if (backups > 0)
		prune_backups(dir, base, backups);
out:
	if (fd >= 0)
		close(fd);
	if (tmp[0])
		unlink(tmp);
	return rc;
}
