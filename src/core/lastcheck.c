/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "codec.h"
#include "crypto.h"
#include "lastcheck.h"
#include "paths.h"
#include "xalloc.h"

enum o365_rc lastcheck_path(const char *profile_path, char *out, size_t n, struct o365_err *e)
{
	char dir[4096], abs[PATH_MAX], name[128], hash[65];
	const char *base = strrchr(profile_path, '/');
	size_t len;
	enum o365_rc rc;

	if ((rc = state_dir(dir, sizeof(dir), e)) != O365_OK)
		return rc;
	if (!realpath(profile_path, abs))
		snprintf(abs, sizeof(abs), "%s", profile_path);
	base = base ? base + 1 : profile_path;
	len = strlen(base);
	if (len > 5 && !strcmp(base + len - 5, ".json"))
		len -= 5;
	if (len > 64)
		len = 64;
	snprintf(name, sizeof(name), "%.*s", (int)len, base);
	for (char *c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		      *c == '-' || *c == '_' || *c == '.'))
			*c = '_';
	crypto_sha256_hex(abs, strlen(abs), hash);
	if (snprintf(out, n, "%s/%s-%.12s.json", dir, name, hash) >= (int)n)
		return err_set(e, O365_EIO, "%s: %s", dir, strerror(ENAMETOOLONG));
	return O365_OK;
}

void lastcheck_from_report(const struct report *r, time_t now, struct last_check *lc)
{
	const struct report_line *f = report_first_fail(r);

	memset(lc, 0, sizeof(*lc));
	lc->at = now;
	lc->rc = report_rc(r);
	lc->step = f ? f->step : -1;
	snprintf(lc->check, sizeof(lc->check), "%s", f ? f->check : "");
	lc->status = report_summary(r, lc->message, sizeof(lc->message));
}

enum o365_rc lastcheck_save(const char *profile_path, const struct last_check *lc, struct o365_err *e)
{
	char path[4200], abs[PATH_MAX], when[32];
	cJSON *o = cJSON_CreateObject();
	struct tm tm;
	char *text;
	enum o365_rc rc;

	if ((rc = lastcheck_path(profile_path, path, sizeof(path), e)) != O365_OK) {
		cJSON_Delete(o);
		return rc;
	}
	if (!realpath(profile_path, abs))
		snprintf(abs, sizeof(abs), "%s", profile_path);
	gmtime_r(&lc->at, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cJSON_AddStringToObject(o, "profile", abs);
	cJSON_AddStringToObject(o, "at", when);
	cJSON_AddStringToObject(o, "status", check_status_key(lc->status));
	cJSON_AddStringToObject(o, "result", err_rc_name(lc->rc));
	cJSON_AddNumberToObject(o, "exit_status", err_exit_status(lc->rc));
	cJSON_AddNumberToObject(o, "step", lc->step);
	cJSON_AddStringToObject(o, "check", lc->check);
	cJSON_AddStringToObject(o, "message", lc->message);
	text = cJSON_Print(o);
	cJSON_Delete(o);
	text = xrealloc(text, strlen(text) + 2);
	strcat(text, "\n");
	rc = atomic_replace(path, text, strlen(text), 0600, 0, e);
	free(text);
	return rc;
}

bool lastcheck_load(const char *profile_path, struct last_check *lc)
{
	char path[4200], buf[8192];
	struct o365_err e;
	cJSON *o, *v;
	ssize_t k;
	int fd;
	struct tm tm = {0};

	memset(lc, 0, sizeof(*lc));
	lc->step = -1;
	if (lastcheck_path(profile_path, path, sizeof(path), &e) != O365_OK)
		return false;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return false;
	k = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (k <= 0)
		return false;
	buf[k] = '\0';
	if (!(o = cJSON_Parse(buf)))
		return false;
	v = cJSON_GetObjectItemCaseSensitive(o, "at");
	if (cJSON_IsString(v) && strptime(v->valuestring, "%Y-%m-%dT%H:%M:%SZ", &tm))
		lc->at = timegm(&tm);
	v = cJSON_GetObjectItemCaseSensitive(o, "status");
	lc->status = check_status_from_key(cJSON_IsString(v) ? v->valuestring : NULL);
	v = cJSON_GetObjectItemCaseSensitive(o, "step");
	if (cJSON_IsNumber(v))
		lc->step = v->valueint;
	v = cJSON_GetObjectItemCaseSensitive(o, "result");
	for (int rc = O365_OK; rc <= O365_EIO && cJSON_IsString(v); rc++)
		if (!strcmp(err_rc_name((enum o365_rc)rc), v->valuestring))
			lc->rc = (enum o365_rc)rc;
	v = cJSON_GetObjectItemCaseSensitive(o, "check");
	if (cJSON_IsString(v))
		snprintf(lc->check, sizeof(lc->check), "%s", v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(o, "message");
	if (cJSON_IsString(v))
		snprintf(lc->message, sizeof(lc->message), "%s", v->valuestring);
	cJSON_Delete(o);
	return lc->at != 0 && lc->status != CHECK_NONE;
}
