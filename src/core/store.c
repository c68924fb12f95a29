#include "config.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "codec.h"
#include "i18n.h"
#include "store.h"
#include "xalloc.h"

static void (*fault_hook)(int point);

void store_set_fault_hook(void (*hook)(int point))
{
	fault_hook = hook;
}

static void fault(int point)
{
	if (fault_hook)
		fault_hook(point);
}

enum o365_rc store_dir(char *out, size_t n, struct o365_err *e)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		snprintf(out, n, "%s/o365-oauth-setup", xdg);
	else if (home && home[0] == '/')
		snprintf(out, n, "%s/.config/o365-oauth-setup", home);
	else
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

void store_free_raw(void *raw)
{
	cJSON_Delete(raw);
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
	char quoted[128];
	const char *at;
	int line = 0, col = 0;

	if (r->failed)
		return;
	r->failed = true;
	snprintf(quoted, sizeof(quoted), "\"%s\"", key);
	at = r->text ? strstr(r->text, quoted) : NULL;
	if (at) {
		locate(r->text, at, &line, &col);
		err_set(r->e, O365_ECONFIG, "%s:%d:%d: '%s' %s", r->where, line, col, key, what);
	} else {
		err_set(r->e, O365_ECONFIG, "%s: '%s' %s", r->where, key, what);
	}
	if (r->answers)
		err_fix(r->e, "%s",
			_("Correct the value in the answers file; see the man page for the keys."));
	else
		err_fix(r->e, "%s",
			_("Correct the value in the file, or move the file away and run the wizard again."));
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
	if (!profile_set_str(dst, v->valuestring))
		bad(r, key, _("could not be stored (out of memory)"));
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
	if (!cJSON_IsNumber(v) || v->valuedouble != (double)(int)v->valuedouble || v->valueint < lo ||
	    v->valueint > hi) {
		snprintf(what, sizeof(what), _("must be a whole number from %d to %d"), lo, hi);
		bad(r, key, what);
		return;
	}
	*dst = v->valueint;
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
			enum check_status cs = CHECK_NONE;
			if (!cJSON_IsString(n) || !cJSON_IsString(st))
				continue; /* history is advisory: skip what we cannot read */
			if (!strcmp(st->valuestring, "ok"))
				cs = CHECK_OK;
			else if (!strcmp(st->valuestring, "warn"))
				cs = CHECK_WARN;
			else if (!strcmp(st->valuestring, "fail"))
				cs = CHECK_FAIL;
			profile_set_result(p, n->valuestring, cs, cJSON_IsString(m) ? m->valuestring : "",
					   parse_iso(cJSON_IsString(at) ? at->valuestring : NULL));
		}
	}
}

static enum o365_rc from_json(const char *text, const char *where, struct profile **out, struct o365_err *e,
			      bool answers)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
	struct reader r = {.answers = answers, .where = where, .text = text, .e = e};
	struct profile *p = NULL;
	int schema = 0;

	*out = NULL;
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
	if (!cJSON_IsObject(root)) {
		err_set(e, O365_ECONFIG, _("%s:1:1: a profile is a JSON object { ... }"), where);
		goto fail;
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
	if (!(p = profile_new())) {
		err_set(e, O365_ECONFIG, "%s", _("Out of memory."));
		goto fail;
	}
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
	cJSON_Delete(root);
	return O365_ECONFIG;
}

enum o365_rc store_from_json(const char *text, const char *where, struct profile **out, struct o365_err *e)
{
	return from_json(text, where, out, e, false);
}

enum o365_rc store_from_answers(const char *text, const char *where, struct profile **out, struct o365_err *e)
{
	return from_json(text, where, out, e, true);
}

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
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT) {
			err_set(e, O365_ECONFIG, _("%s: no such profile"), path);
			err_fix(e, "%s", _("Run o365-oauth-setup without options to create it."));
			e->step = -2;
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
	rc = store_from_json(text, path, out, e);
	codec_cleanse(text, len);
	free(text);
	return rc;
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

static const char *status_key(enum check_status s)
{
	switch (s) {
	case CHECK_OK:
		return "ok";
	case CHECK_WARN:
		return "warn";
	case CHECK_FAIL:
		return "fail";
	default:
		return "none";
	}
}

char *store_to_json(const struct profile *p)
{
	cJSON *root = p->raw ? cJSON_Duplicate(p->raw, 1) : cJSON_CreateObject();
	cJSON *o, *a;
	char *text;

	if (!root)
		return NULL;
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
	for (int i = 0; a && p->mailboxes && p->mailboxes[i]; i++)
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
	for (int i = 0; a && i < p->n_results; i++) {
		cJSON *it = cJSON_CreateObject();
		char when[32];
		struct tm tm;
		gmtime_r(&p->results[i].at, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		cJSON_AddStringToObject(it, "check", p->results[i].name);
		cJSON_AddStringToObject(it, "status", status_key(p->results[i].status));
		cJSON_AddStringToObject(it, "message", p->results[i].message ? p->results[i].message : "");
		cJSON_AddStringToObject(it, "at", when);
		cJSON_AddItemToArray(a, it);
	}
	put(root, "last_verification", a);
	text = cJSON_Print(root);
	cJSON_Delete(root);
	return text;
}

static enum o365_rc mkdirs(const char *dir, struct o365_err *e)
{
	char buf[4096];
	struct stat st;

	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? O365_OK : err_set(e, O365_EIO, _("%s: not a directory"), dir);
	snprintf(buf, sizeof(buf), "%s", dir);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return err_set(e, O365_EIO, _("%s: cannot create: %s"), buf, strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return err_set(e, O365_EIO, _("%s: cannot create: %s"), buf, strerror(errno));
	return O365_OK;
}

enum o365_rc store_ensure_dir(const char *dir, struct o365_err *e)
{
	return mkdirs(dir, e);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keeps the newest STORE_BACKUPS_KEPT backups of path; names sort by date. */
static void prune_backups(const char *dir, const char *base)
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
		if (n == cap) {
			names = xrealloc(names, (cap = cap ? cap * 2 : 8) * sizeof(*names));
		}
		names[n] = xstrdup(d->d_name);
		n++;
	}
	closedir(dh);
	if (names)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (i + STORE_BACKUPS_KEPT < n) {
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

/* Hard link keeps the old version byte for byte without copying. */
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
		if (link(path, name) == 0)
			return O365_OK;
		if (errno != EEXIST)
			break;
	}
	return err_set(e, O365_EIO, _("%s: cannot keep a backup: %s"), path, strerror(errno));
}

static bool write_all(int fd, const char *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t chunk = n - done < 256 ? n - done : 256;
		ssize_t k = write(fd, buf + done, chunk);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return false;
		done += (size_t)k;
		fault(100 + (int)(done / 256)); /* mid-write: a partial temp file exists */
	}
	return true;
}

enum o365_rc store_save(const char *path, struct profile *p, struct o365_err *e)
{
	char dir[4096], tmp[4200];
	const char *base;
	char *text = NULL;
	enum o365_rc rc = O365_OK;
	int fd = -1, dfd = -1;
	struct stat st;

	split_path(path, dir, sizeof(dir), &base);
	if ((rc = mkdirs(dir, e)) != O365_OK)
		return rc;
	if (!(text = store_to_json(p)))
		return err_set(e, O365_EIO, "%s", _("Out of memory."));
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp-XXXXXX", dir, base);
	fault(1);
	fd = mkstemp(tmp);
	if (fd < 0) {
		rc = err_set(e, O365_EIO, _("%s: cannot create a temporary file: %s"), dir, strerror(errno));
		goto out;
	}
	fchmod(fd, 0600);
	fault(2);
	if (!write_all(fd, text, strlen(text)) || !write_all(fd, "\n", 1)) {
		rc = err_set(e, O365_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
		goto out;
	}
	fault(3);
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		rc = err_set(e, O365_EIO, _("%s: cannot write: %s"), tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	fault(4);
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && (rc = backup(path, e)) != O365_OK)
		goto out;
	fault(5);
	if (rename(tmp, path) != 0) {
		rc = err_set(e, O365_EIO, _("%s: cannot replace: %s"), path, strerror(errno));
		goto out;
	}
	tmp[0] = '\0';
	fault(6);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	fault(7);
	prune_backups(dir, base);
out:
	if (fd >= 0)
		close(fd);
	if (tmp[0])
		unlink(tmp);
	if (text) {
		codec_cleanse(text, strlen(text));
		cJSON_free(text);
	}
	return rc;
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

struct profile *profile_clone(const struct profile *p)
{
	char *text = store_to_json(p);
	struct profile *q = NULL;
	struct o365_err e;

	if (text) {
		store_from_json(text, "clone", &q, &e);
		codec_cleanse(text, strlen(text));
		cJSON_free(text);
	}
	return q;
}
