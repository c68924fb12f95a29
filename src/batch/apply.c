/* SPDX-License-Identifier: GPL-3.0-or-later */
/* --batch FILE: create or update a profile from an answers file, verify, then save. */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *buf = NULL;
	size_t n = 0, cap = 0, k;

	if (!f) {
		err_set(e, O365_ECONFIG, _("%s: cannot open: %s"), path, strerror(errno));
		return NULL;
	}
	do {
		if (n + 4096 + 1 > cap) {
			if ((cap = cap ? cap * 2 : 8192) > (1 << 20)) {
				free(buf);
				err_set(e, O365_ECONFIG, _("%s: too large for an answers file"), path);
				return NULL;
			}
			buf = xrealloc(buf, cap);
		}
		k = fread(buf + n, 1, 4096, f);
		n += k;
	} while (k == 4096);
	buf[n] = '\0';
	if (f != stdin)
		fclose(f);
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
	rc = verify_run(p, &vo, &st, &r);
	batch_print_report(o, &r);
	if (rc == O365_OK || rc == O365_EEXPIRY || o->save_unverified) {
		enum o365_rc src = store_save(path, p, &e);
		if (src != O365_OK) {
			err_print(&e);
			rc = src;
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
