/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "i18n.h"
#include "paths.h"
#include "xalloc.h"

/* $XDG_var/o365-oauth-setup, else ~/home_rel/o365-oauth-setup (XDG Base Directory rules: only an
 * absolute XDG_ value counts). False when neither is set. */
static bool xdg_dir(const char *var, const char *home_rel, char *out, size_t n)
{
	const char *xdg = getenv(var), *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		snprintf(out, n, "%s/o365-oauth-setup", xdg);
	else if (home && home[0] == '/')
		snprintf(out, n, "%s/%s/o365-oauth-setup", home, home_rel);
	else
		return false;
	return true;
}

enum o365_rc store_dir(char *out, size_t n, struct o365_err *e)
{
	if (!xdg_dir("XDG_CONFIG_HOME", ".config", out, n))
		return err_set(e, O365_ECONFIG, "%s",
			       _("Neither XDG_CONFIG_HOME nor HOME is set; use --config FILE."));
	return O365_OK;
}

bool store_name_ok(const char *name)
{
	if (!name || !*name || name[0] == '.' || strlen(name) > 64)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_' || *p == '.'))
			return false;
	return true;
}

enum o365_rc store_path(const char *config, const char *name, char *out, size_t n, struct o365_err *e)
{
	char dir[4096];
	enum o365_rc rc;

	if (config) {
		if (snprintf(out, n, "%s", config) >= (int)n)
			return err_set(e, O365_EUSAGE, "%s", _("The --config path is too long."));
		return O365_OK;
	}
	if (!name)
		name = "default";
	if (!store_name_ok(name))
		return err_set(e, O365_EUSAGE,
			       _("'%s' is not a profile name: use letters, digits, '.', '-' and '_'."), name);
	if ((rc = store_dir(dir, sizeof(dir), e)) != O365_OK)
		return rc;
	snprintf(out, n, "%s/%s.json", dir, name);
	return O365_OK;
}

bool store_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

enum o365_rc store_ensure_dir(const char *dir, struct o365_err *e)
{
	return atomic_mkdirs(dir, e);
}

enum o365_rc store_check_dir_of(const char *path, struct o365_err *e)
{
	char dir[4096], cfg[4096];
	const char *slash = strrchr(path, '/');
	struct o365_err ignored;
	struct stat st;
	bool config_dir;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (stat(dir, &st) != 0)
		return errno == ENOENT
			       ? O365_OK
			       : err_set(e, O365_ECONFIG, _("%s: cannot use: %s"), dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return err_set(e, O365_ECONFIG, _("%s: not a directory"), dir);
	config_dir = store_dir(cfg, sizeof(cfg), &ignored) == O365_OK && strcmp(cfg, dir) == 0;
	if (st.st_uid != geteuid() && (config_dir || st.st_uid != 0)) {
		err_set(e, O365_ECONFIG,
			_("%s: the directory is owned by another user (uid %u), who could replace the "
			  "profile; refusing"),
			dir, (unsigned)st.st_uid);
		err_fix(e, _("Run: chown %u '%s' (or keep the profile in a directory of your own)"),
			(unsigned)geteuid(), dir);
		return O365_ECONFIG;
	}
	if (config_dir && (st.st_mode & 077)) {
		err_set(e, O365_ECONFIG,
			_("%s: permissions %04o; the configuration directory must be 0700 (yours only)"), dir,
			(unsigned)(st.st_mode & 07777));
		err_fix(e, _("Run: chmod 700 '%s'"), dir);
		return O365_ECONFIG;
	}
	if ((st.st_mode & 022) && !(st.st_mode & S_ISVTX)) {
		err_set(e, O365_ECONFIG, _("%s: writable by others, who could replace the profile; refusing"),
			dir);
		err_fix(e, _("Run: chmod go-w '%s', or keep the profile in a directory of your own"), dir);
		return O365_ECONFIG;
	}
	return O365_OK;
}

enum o365_rc state_dir(char *out, size_t n, struct o365_err *e)
{
	if (!xdg_dir("XDG_STATE_HOME", ".local/state", out, n))
		return err_set(e, O365_EIO, "%s", _("Neither XDG_STATE_HOME nor HOME is set."));
	return O365_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int store_list(const char *dir, char ***names)
{
	DIR *dh = opendir(dir);
	struct dirent *d;
	size_t n = 0, cap = 0;
	char **v = NULL;

	*names = NULL;
	if (!dh)
		return 0;
	while ((d = readdir(dh))) {
		size_t len = strlen(d->d_name);
		char **nv;
		if (len <= 5 || strcmp(d->d_name + len - 5, ".json") != 0 || d->d_name[0] == '.')
			continue;
		if (n + 2 > cap) {
			nv = xrealloc(v, (cap = cap ? cap * 2 : 8) * sizeof(*nv));
			v = nv;
		}
		v[n] = xstrndup(d->d_name, len - 5);
		v[++n] = NULL;
	}
	closedir(dh);
	if (v)
		qsort(v, n, sizeof(*v), cmp_str);
	*names = v;
	return (int)n;
}

void store_free_list(char ***names)
{
	if (!names || !*names)
		return;
	for (int i = 0; (*names)[i]; i++)
		free((*names)[i]);
	free(*names);
	*names = NULL;
}
