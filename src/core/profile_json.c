/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codec.h"
#include "i18n.h"
#include "profile_json.h"
#include "text.h"
#include "validate.h"
#include "xalloc.h"

/* A tree that held the secret is wiped before it is freed. */
static void scrub_and_delete(cJSON *root)
{
	cJSON *sec = cJSON_GetObjectItemCaseSensitive(root, "client_secret");

	if (cJSON_IsString(sec) && sec->valuestring)
		codec_cleanse(sec->valuestring, strlen(sec->valuestring));
	cJSON_Delete(root);
}

/* ---- reading ---- */

struct reader {
	bool answers; /* an answers file, not a profile */
	const char *where;
	const char *text;
	struct o365_err *e;
	bool failed;
};

static void locate(const char *text, const char *at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (const char *p = text; p < at && *p; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

/* A wrong type is reported at the key's first appearance in the text. */
static void bad(struct reader *r, const char *key, const char *what)
{
	char quoted[128], *shown;
	const char *at;
	int line = 0, col = 0;

	if (r->failed)
		return;
	r->failed = true;
	snprintf(quoted, sizeof(quoted), "\"%s\"", key);
	at = r->text ? strstr(r->text, quoted) : NULL;
	shown = text_clean(key, 120); /* a repeated key is the file's own text */
	if (at) {
		locate(r->text, at, &line, &col);
		err_set(r->e, O365_ECONFIG, "%s:%d:%d: '%s' %s", r->where, line, col, shown ? shown : "?",
			what);
	} else {
		err_set(r->e, O365_ECONFIG, "%s: '%s' %s", r->where, shown ? shown : "?", what);
	}
	free(shown);
	if (r->answers)
		err_fix(r->e, "%s",
			_("Correct the value in the answers file; see the man page for the keys."));
	else
		err_fix(r->e, "%s",
			_("Correct the value in the file, or move the file away and run the wizard again."));
}

/* C0, DEL and C1 (UTF-8 C2 80..9F): each generator prints values as they are, and a terminal
 * would obey them. Refused in answers files, which are shared; a saved profile that already holds
 * one still loads, so an update never stops a working set-up. */
static bool has_controls(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return true;
	return false;
}

static void get_str(struct reader *r, const cJSON *obj, const char *key, char **dst)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v || cJSON_IsNull(v))
		return;
	if (!cJSON_IsString(v)) {
		bad(r, key, _("must be a string"));
		return;
	}
	if (r->answers && has_controls(v->valuestring)) {
		bad(r, key, _("must not hold control characters (line breaks, tabs, escapes)"));
		return;
	}
	profile_set_str(dst, v->valuestring);
}

static void get_bool(struct reader *r, const cJSON *obj, const char *key, bool *dst)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v)
		return;
	if (!cJSON_IsBool(v)) {
		bad(r, key, _("must be true or false"));
		return;
	}
	*dst = cJSON_IsTrue(v);
}

static void get_int(struct reader *r, const cJSON *obj, const char *key, int *dst, int lo, int hi)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char what[96];

	if (!v)
		return;
	long n = 0;

	if (!cJSON_IsNumber(v) || !validate_whole(v->valuedouble, lo, hi, &n)) {
		snprintf(what, sizeof(what), _("must be a whole number from %d to %d"), lo, hi);
		bad(r, key, what);
		return;
	}
	*dst = (int)n;
}

static const cJSON *get_obj(struct reader *r, const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (v && !cJSON_IsObject(v)) {
		bad(r, key, _("must be an object { ... }"));
		return NULL;
	}
	return v;
}

static time_t parse_iso(const char *s)
{
	struct tm tm = {0};

	if (!s || !strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return 0;
	return timegm(&tm);
}

static void read_profile(struct reader *r, const cJSON *root, struct profile *p)
{
	const cJSON *o, *v;
	char *s = NULL;

	get_str(r, root, "cloud", &s);
	if (s) {
		int c = cloud_from_key(s);
		if (c < 0)
			bad(r, "cloud", _("must be \"global\", \"usgov\" or \"china\""));
		else
			p->cloud = (enum cloud)c;
		free(s);
		s = NULL;
	}
	get_str(r, root, "tenant", &p->tenant);
	get_str(r, root, "client_id", &p->client_id);
	get_str(r, root, "auth", &s);
	if (s) {
		if (!strcmp(s, "secret"))
			p->auth = AUTH_SECRET;
		else if (!strcmp(s, "certificate"))
			p->auth = AUTH_CERTIFICATE;
		else
			bad(r, "auth", _("must be \"secret\" or \"certificate\""));
		free(s);
		s = NULL;
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "client_secret");
	if (v && !cJSON_IsNull(v)) {
		if (!cJSON_IsString(v))
			bad(r, "client_secret", _("must be a string"));
		else
			profile_set_secret(p, v->valuestring);
	}
	get_str(r, root, "secret_expiry", &p->secret_expiry);
	if ((o = get_obj(r, root, "certificate"))) {
		get_str(r, o, "cert", &p->cert_path);
		get_str(r, o, "key", &p->key_path);
	}
	if ((o = get_obj(r, root, "modules"))) {
		get_bool(r, o, "email_notifications", &p->mod_notifications);
		get_bool(r, o, "reporting", &p->mod_reporting);
	}
	if ((o = get_obj(r, root, "mail_server"))) {
		get_str(r, o, "smtp_server", &p->smtp_server);
		get_int(r, o, "smtp_port", &p->smtp_port, 1, 65535);
		get_str(r, o, "transport_security", &s);
		if (s) {
			int t = tsec_from_key(s);
			if (t < 0)
				bad(r, "transport_security",
				    _("must be \"Auto\", \"SSL\", \"TLS\" or \"None\""));
			else
				p->transport = (enum tsec)t;
			free(s);
			s = NULL;
		}
		get_str(r, o, "username", &p->username);
		get_str(r, o, "sender", &p->sender);
		get_bool(r, o, "delivery_notifications", &p->mod_delivery);
	}
	v = cJSON_GetObjectItemCaseSensitive(root, "mailboxes");
	if (v && !cJSON_IsArray(v)) {
		bad(r, "mailboxes", _("must be a list of addresses [ ... ]"));
	} else if (v) {
		const cJSON *it;
		cJSON_ArrayForEach(it, v)
		{
			if (!cJSON_IsString(it)) {
				bad(r, "mailboxes", _("must hold only strings"));
				break;
			}
			if (r->answers && has_controls(it->valuestring)) {
				bad(r, "mailboxes",
				    _("must not hold control characters (line breaks, tabs, escapes)"));
				break;
			}
			profile_add_mailbox(p, it->valuestring);
		}
	}
	get_str(r, root, "service_principal_object_id", &p->sp_object_id);
	get_str(r, root, "app_name", &p->app_name);
	if ((o = get_obj(r, root, "checklist")))
		for (int i = 0; i < CL_COUNT; i++)
			get_bool(r, o, checklist_key((enum checklist_item)i), &p->checklist[i]);
	if ((o = get_obj(r, root, "endpoints"))) {
		get_str(r, o, "authority", &p->authority);
		get_str(r, o, "imap", &p->imap_server);
		get_str(r, o, "smtp", &p->smtp_check_server);
		get_str(r, o, "ca_file", &p->ca_file);
	}
	get_bool(r, root, "draft", &p->draft);
	get_int(r, root, "resume_step", &p->resume_step, 0, 99);
	v = cJSON_GetObjectItemCaseSensitive(root, "last_verification");
	if (v && !cJSON_IsArray(v)) {
		bad(r, "last_verification", _("must be a list"));
	} else if (v) {
		const cJSON *it;
		cJSON_ArrayForEach(it, v)
		{
			const cJSON *n = cJSON_GetObjectItemCaseSensitive(it, "check");
			const cJSON *st = cJSON_GetObjectItemCaseSensitive(it, "status");
			const cJSON *m = cJSON_GetObjectItemCaseSensitive(it, "message");
			const cJSON *at = cJSON_GetObjectItemCaseSensitive(it, "at");
			enum check_status cs;
			if (!cJSON_IsString(n) || !cJSON_IsString(st))
				continue; /* history is advisory: skip what we cannot read */
			cs = check_status_from_key(st->valuestring);
			profile_set_result(p, n->valuestring, cs, cJSON_IsString(m) ? m->valuestring : "",
					   parse_iso(cJSON_IsString(at) ? at->valuestring : NULL));
		}
	}
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

/* A key given twice in one object is ambiguous (this reader would take the first, another tool
 * the last), so it is refused. Returns the repeated key, NULL when none. */
static const char *duplicate_key(const cJSON *o)
{
	const cJSON *it;
	const char *dup = NULL;
	size_t n = 0;

	if (cJSON_IsObject(o)) {
		const cJSON **keys;
		for (it = o->child; it; it = it->next)
			n++;
		keys = xmalloc((n ? n : 1) * sizeof(*keys));
		n = 0;
		for (it = o->child; it; it = it->next)
			if (it->string)
				keys[n++] = it;
		qsort(keys, n, sizeof(*keys), cmp_key);
		for (size_t i = 1; i < n && !dup; i++)
			if (!strcmp(keys[i - 1]->string, keys[i]->string))
				dup = keys[i]->string;
		free(keys);
	}
	for (it = o ? o->child : NULL; it && !dup; it = it->next)
		if (cJSON_IsObject(it) || cJSON_IsArray(it))
			dup = duplicate_key(it);
	return dup;
}

/* Reads a parsed tree (taking it); text, when known, places errors at FILE:LINE:COL. */
static enum o365_rc from_tree(cJSON *root, const char *text, const char *where, struct profile **out,
			      struct o365_err *e, bool answers)
{
	struct reader r = {.answers = answers, .where = where, .text = text, .e = e};
	struct profile *p = NULL;
	int schema = 0;

	*out = NULL;
	if (!cJSON_IsObject(root)) {
		err_set(e, O365_ECONFIG, _("%s:1:1: a profile is a JSON object { ... }"), where);
		goto fail;
	}
	{
		const char *dup = duplicate_key(root);
		if (dup) {
			bad(&r, dup, _("is given more than once; keep exactly one"));
			goto fail;
		}
	}
	if (!answers && !cJSON_GetObjectItemCaseSensitive(root, "schema")) {
		err_set(e, O365_ECONFIG, _("%s: no \"schema\" key: this is not an o365-oauth-setup profile"),
			where);
		goto fail;
	}
	get_int(&r, root, "schema", &schema, 1, 1000);
	if (r.failed)
		goto fail;
	if (schema > PROFILE_SCHEMA) {
		err_set(e, O365_ECONFIG,
			_("%s: schema %d was written by a newer o365-oauth-setup (this one reads %d)"), where,
			schema, PROFILE_SCHEMA);
		err_fix(e, _("Install the newer version, or use another --profile."));
		goto fail;
	}
	p = profile_new();
	read_profile(&r, root, p);
	if (r.failed)
		goto fail;
	p->schema = PROFILE_SCHEMA;
	/* The secret lives in p->secret only: scrub it from the kept tree. */
	{
		cJSON *sec = cJSON_GetObjectItemCaseSensitive(root, "client_secret");
		if (cJSON_IsString(sec) && sec->valuestring)
			codec_cleanse(sec->valuestring, strlen(sec->valuestring));
		if (cJSON_IsString(sec))
			cJSON_ReplaceItemInObjectCaseSensitive(root, "client_secret", cJSON_CreateString(""));
	}
	p->raw = root;
	*out = p;
	return O365_OK;
fail:
	profile_free(&p);
	scrub_and_delete(root);
	return O365_ECONFIG;
}

/* An escaped NUL inside a string (cJSON ends the string there, dropping the rest); NULL when none. */
static const char *nul_escape(const char *text)
{
	bool in = false;

	for (const char *p = text; *p; p++) {
		if (!in) {
			in = *p == '"';
		} else if (*p == '"') {
			in = false;
		} else if (*p == '\\') {
			if (p[1] == 'u' && !strncmp(p + 2, "0000", 4))
				return p;
			if (p[1])
				p++;
		}
	}
	return NULL;
}

static enum o365_rc from_text(const char *text, const char *where, struct profile **out, struct o365_err *e,
			      bool answers)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
	const char *nul = root ? nul_escape(text) : NULL;

	*out = NULL;
	if (nul) {
		int line, col;
		locate(text, nul, &line, &col);
		err_set(e, O365_ECONFIG, _("%s:%d:%d: \\u0000 (a NUL character) cannot be part of a value"),
			where, line, col);
		err_fix(e, "%s", _("Remove it: every value is text, and a NUL would cut it short."));
		scrub_and_delete(root);
		return O365_ECONFIG;
	}
	if (!root) {
		int line, col;
		const char *at = cJSON_GetErrorPtr();
		locate(text, at ? at : text + strlen(text), &line, &col);
		err_set(e, O365_ECONFIG, _("%s:%d:%d: not valid JSON here"), where, line, col);
		err_fix(e, _("Fix the JSON at that place (a missing comma, quote or brace), or move the file "
			     "away and run the wizard again; a broken file is never overwritten without a "
			     "backup."));
		return O365_ECONFIG;
	}
	return from_tree(root, text, where, out, e, answers);
}

enum o365_rc profile_from_json(const char *text, const char *where, struct profile **out, struct o365_err *e)
{
	return from_text(text, where, out, e, false);
}

enum o365_rc profile_from_answers(const char *text, const char *where, struct profile **out,
				  struct o365_err *e)
{
	return from_text(text, where, out, e, true);
}

enum o365_rc profile_from_tree(struct cJSON *root, const char *where, struct profile **out,
			       struct o365_err *e)
{
	return from_tree(root, NULL, where, out, e, false);
}

/* ---- writing ---- */

static cJSON *child_obj(cJSON *parent, const char *key)
{
	cJSON *o = cJSON_GetObjectItemCaseSensitive(parent, key);

	if (o && cJSON_IsObject(o))
		return o;
	cJSON_DeleteItemFromObjectCaseSensitive(parent, key);
	return cJSON_AddObjectToObject(parent, key);
}

static void put(cJSON *obj, const char *key, cJSON *item)
{
	if (!obj || !item) {
		cJSON_Delete(item);
		return;
	}
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item);
	else
		cJSON_AddItemToObject(obj, key, item);
}

static void put_str(cJSON *obj, const char *key, const char *s)
{
	if (s)
		put(obj, key, cJSON_CreateString(s));
	else
		cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
}

struct cJSON *profile_to_tree(const struct profile *p)
{
	cJSON *root = p->raw ? cJSON_Duplicate(p->raw, 1) : cJSON_CreateObject();
	cJSON *o, *a;

	put(root, "schema", cJSON_CreateNumber(PROFILE_SCHEMA));
	put(root, "draft", cJSON_CreateBool(p->draft));
	put(root, "resume_step", cJSON_CreateNumber(p->resume_step));
	put_str(root, "cloud", cloud_get(p->cloud)->key);
	put_str(root, "tenant", p->tenant);
	put_str(root, "client_id", p->client_id);
	put_str(root, "auth", p->auth == AUTH_CERTIFICATE ? "certificate" : "secret");
	put_str(root, "client_secret", p->secret);
	put_str(root, "secret_expiry", p->secret_expiry);
	if (p->cert_path || p->key_path) {
		o = child_obj(root, "certificate");
		put_str(o, "cert", p->cert_path);
		put_str(o, "key", p->key_path);
	} else {
		cJSON_DeleteItemFromObjectCaseSensitive(root, "certificate");
	}
	o = child_obj(root, "modules");
	put(o, "email_notifications", cJSON_CreateBool(p->mod_notifications));
	put(o, "reporting", cJSON_CreateBool(p->mod_reporting));
	o = child_obj(root, "mail_server");
	put(o, "authentication_type", cJSON_CreateString("Office365OAuth"));
	put_str(o, "smtp_server", p->smtp_server);
	put(o, "smtp_port", cJSON_CreateNumber(p->smtp_port));
	put_str(o, "transport_security", tsec_key(p->transport));
	put_str(o, "username", p->username);
	put_str(o, "sender", p->sender);
	put(o, "delivery_notifications", cJSON_CreateBool(p->mod_delivery));
	a = cJSON_CreateArray();
	for (int i = 0; p->mailboxes && p->mailboxes[i]; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(p->mailboxes[i]));
	put(root, "mailboxes", a);
	put_str(root, "service_principal_object_id", p->sp_object_id);
	put_str(root, "app_name", p->app_name);
	o = child_obj(root, "checklist");
	for (int i = 0; i < CL_COUNT; i++)
		put(o, checklist_key((enum checklist_item)i), cJSON_CreateBool(p->checklist[i]));
	o = child_obj(root, "endpoints");
	put_str(o, "authority", p->authority);
	put_str(o, "imap", p->imap_server);
	put_str(o, "smtp", p->smtp_check_server);
	put_str(o, "ca_file", p->ca_file);
	a = cJSON_CreateArray();
	for (int i = 0; i < p->n_results; i++) {
		cJSON *it = cJSON_CreateObject();
		char when[32];
		struct tm tm;
		gmtime_r(&p->results[i].at, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		cJSON_AddStringToObject(it, "check", p->results[i].name);
		cJSON_AddStringToObject(it, "status", check_status_key(p->results[i].status));
		cJSON_AddStringToObject(it, "message", p->results[i].message ? p->results[i].message : "");
		cJSON_AddStringToObject(it, "at", when);
		cJSON_AddItemToArray(a, it);
	}
	put(root, "last_verification", a);
	return root;
}

char *profile_to_json(const struct profile *p)
{
	cJSON *root = profile_to_tree(p);
	char *text = cJSON_Print(root);

	scrub_and_delete(root);
	return text;
}

void profile_raw_free(void *raw)
{
	cJSON_Delete(raw);
}

void *profile_raw_dup(const void *raw)
{
	return raw ? cJSON_Duplicate(raw, 1) : NULL;
}
