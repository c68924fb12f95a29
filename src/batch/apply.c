/* SPDX-License-Identifier: GPL-3.0-or-later */
/* --batch FILE: create or update a profile from an answers file, verify, then save. */
#include "config.h"

#include <cjson/cJSON.h>
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
#include "core/stepref.h"
#include "core/store.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "frontends.h"
#include "practice/tenant.h"

void batch_print_report(const struct options *o, const struct report *r);

static char *read_text(const char *path, struct o365_err *e)
{
	/* O_NONBLOCK: opening a FIFO never blocks waiting for a writer (cron would hang) */
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) : STDIN_FILENO;
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t k;

	if (fd < 0) {
		err_set(e, O365_ECONFIG, _("%s: cannot open: %s"), path, strerror(errno));
		return NULL;
	}
	if (fd != STDIN_FILENO && (fstat(fd, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode)))) {
		close(fd);
		err_set(e, O365_ECONFIG, _("%s: not a regular file"), path);
		return NULL;
	}
	/* A pipe (--batch <(...)) is read like standard input; with no writer it ends at once. */
	if (fd != STDIN_FILENO && S_ISFIFO(st.st_mode))
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	for (;;) {
		if (n + 4096 + 1 > cap) {
			if ((cap = cap ? cap * 2 : 8192) > (1 << 20)) {
				free(buf);
				err_set(e, O365_ECONFIG, _("%s: too large for an answers file"), path);
				buf = NULL;
				break;
			}
			buf = xrealloc(buf, cap);
		}
		k = read(fd, buf + n, 4096);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k < 0) {
				err_set(e, O365_ECONFIG, _("%s: cannot read: %s"), path, strerror(errno));
				free(buf);
				buf = NULL;
			}
			break;
		}
		n += (size_t)k;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	if (buf) {
		buf[n] = '\0';
		if (strlen(buf) != n) {
			err_set(e, O365_ECONFIG, _("%s: contains a NUL byte; it is not an answers file"),
				path);
			free(buf);
			buf = NULL;
		}
	}
	return buf;
}

/* Answers override the profile key by key; objects merge, everything else replaces. */
static void merge(cJSON *dst, const cJSON *src)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, src)
	{
		cJSON *d = cJSON_GetObjectItemCaseSensitive(dst, it->string);
		if (d && cJSON_IsObject(d) && cJSON_IsObject(it))
			merge(d, it);
		else if (d)
			cJSON_ReplaceItemInObjectCaseSensitive(dst, it->string, cJSON_Duplicate(it, 1));
		else
			cJSON_AddItemToObject(dst, it->string, cJSON_Duplicate(it, 1));
	}
}

static enum o365_rc build(const struct options *o, const char *path, struct profile **out, struct o365_err *e)
{
	char *answers = NULL;
	struct profile *check = NULL, *base = NULL;
	cJSON *a = NULL, *b = NULL;
	enum o365_rc rc;

	*out = NULL;
	if (!(answers = read_text(o->batch_file, e)))
		return O365_ECONFIG;
	/* Parse the answers alone first so errors point into the answers file. */
	if ((rc = profile_from_answers(answers, o->batch_file, &check, e)) != O365_OK)
		goto out;
	if (check->secret) {
		rc = err_set(e, O365_ECONFIG, _("%s: an answers file never holds the client secret"),
			     o->batch_file);
		err_fix(e, "%s",
			_("Remove \"client_secret\" and pass it with --secret-stdin or --secret-file."));
		goto out;
	}
	/* A shared answers file must not decide where the secret and the token go. */
	{
		const char *key = check->authority	     ? "authority"
				  : check->imap_server	     ? "imap"
				  : check->smtp_check_server ? "smtp"
				  : check->ca_file	     ? "ca_file"
							     : NULL;
		if (key) {
			rc = err_set(e, O365_ECONFIG,
				     _("%s: an answers file never sets endpoints (\"endpoints\": \"%s\" is "
				       "there)"),
				     o->batch_file, key);
			err_fix(e, "%s",
				_("Remove \"endpoints\"; give a private endpoint on the command line with "
				  "--authority, --imap-server, --smtp-server or --cacert."));
			goto out;
		}
	}
	if (store_exists(path)) {
		if ((rc = store_load(path, &base, e)) != O365_OK)
			goto out;
	} else {
		base = profile_new();
	}
	/* One merge of the two trees: the answers override the profile key by key. */
	b = profile_to_tree(base);
	a = cJSON_Parse(answers);
	merge(b, a);
	rc = profile_from_tree(b, o->batch_file, out, e);
	b = NULL;
out:
	free(answers);
	cJSON_Delete(a);
	profile_free(&check);
	profile_free(&base);
	return rc;
}

enum o365_rc batch_apply(const struct options *o)
{
	char path[4096];
	struct o365_err e;
	struct profile *p = NULL;
	char *secret = NULL;
	struct verify_opts vo;
	struct verify_state st = {0};
	struct report r = {0};
	enum o365_rc rc;

	err_clear(&e);
	if ((rc = store_path(o->config, o->profile, path, sizeof(path), &e)) != O365_OK)
		goto fail;
	if (!o->net && practice_owns_path(path)) {
		rc = err_set(&e, O365_EUSAGE,
			     _("%s is a PRACTICE profile: it belongs to the simulated tenant."), path);
		err_fix(&e, "%s",
			_("Use it with --practice NAME; it is never checked against real servers."));
		goto fail;
	}
	if ((rc = build(o, path, &p, &e)) != O365_OK ||
	    (rc = settings_apply_overrides(o, p, &e)) != O365_OK ||
	    (rc = batch_read_secret(o, &secret, &e)) != O365_OK)
		goto fail;
	if (secret) {
		struct vmsg m;
		char *clean = NULL;
		if (validate_secret(secret, p->client_id, p->tenant, &clean, &m) == V_ERR) {
			rc = err_set(&e, O365_ECONFIG, _("Client secret is not valid (step 2, %s): %s"),
				     step_name(STEP_SECRET), m.text);
			goto fail;
		}
		profile_set_secret(p, clean);
		codec_free_secret(&clean);
	}
	if (o->secret_expiry)
		profile_set_str(&p->secret_expiry, o->secret_expiry);
	if (p->auth == AUTH_SECRET && !p->secret) {
		rc = err_set(&e, O365_ECONFIG, "%s",
			     _("No client secret: pass it with --secret-stdin or --secret-file."));
		goto fail;
	}
	p->draft = false;
	batch_verify_opts(o, &vo);
	batch_live_report(o, &r);
	rc = verify_run(p, &vo, &st, &r);
	batch_print_report(o, &r);
	if (rc == O365_OK || rc == O365_EEXPIRY || o->save_unverified) {
		enum o365_rc src = store_save(path, p, &e);
		if (src != O365_OK) {
			err_print(&e);
			rc = src;
			/* the last word must not be the checks' "passed" */
			printf(_("Result: NOT SAVED: %s is unchanged (%s).\n"), path, e.msg);
		} else {
			printf(_("Saved %s%s\n"), path,
			       rc == O365_OK || rc == O365_EEXPIRY ? "" : _(" (unverified)"));
		}
	} else {
		printf(_("Not saved: fix the failure above, or pass --save-unverified. %s is unchanged.\n"),
		       path);
	}
	goto out;
fail:
	err_print(&e);
out:
	codec_free_secret(&secret);
	verify_state_clear(&st);
	report_clear(&r);
	profile_free(&p);
	return rc;
}
