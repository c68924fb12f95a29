/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The simulated tenant's state, clock, portal actions and saved form. */
#include "config.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/codec.h"
#include "core/crypto.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "scenario.h"
#include "tenant.h"

void practice_lock(struct practice *t)
{
	pthread_mutex_lock(&t->lock);
}

void practice_unlock(struct practice *t)
{
	pthread_mutex_unlock(&t->lock);
}

static double wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double practice_now(struct practice *t)
{
	return t->sim_base + (wall() - t->real_base) * t->speed;
}

bool practice_effective(struct practice *t, double at)
{
	return practice_now(t) - at >= PR_PROPAGATION;
}

void practice_log(struct practice *t, enum pr_event kind, int step, const char *fmt, ...)
{
	struct pr_event_rec *ev;
	va_list ap;

	if (t->nevents == PR_MAX_EVENTS) {
		/* Keep the start and the latest events. */
		memmove(&t->events[1], &t->events[2], sizeof(t->events[0]) * (PR_MAX_EVENTS - 2));
		t->nevents--;
	}
	ev = &t->events[t->nevents++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->real = time(NULL);
	ev->step = step;
	va_start(ap, fmt);
	vsnprintf(ev->text, sizeof(ev->text), fmt, ap);
	va_end(ap);
}

/* Every ID and secret comes from the tenant's seed, so a scenario looks the same each time. */
static void derive_hex(struct practice *t, const char *label, char hex[65])
{
	char buf[160];
	int n = snprintf(buf, sizeof(buf), "%s:", label);

	for (size_t i = 0; i < sizeof(t->seed) && n < (int)sizeof(buf) - 3; i++)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%02x", t->seed[i]);
	crypto_sha256_hex(buf, (size_t)n, hex);
}

void practice_derive_id(struct practice *t, const char *label, char out[PR_ID])
{
	char h[65];

	derive_hex(t, label, h);
	h[12] = '4';
	h[16] = "89ab"[(h[16] - '0') & 3];
	snprintf(out, PR_ID, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16, h + 20);
}

void practice_derive_secret(struct practice *t, const char *label, char out[48])
{
	static const char alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-";
	char h1[65], h2[65], l2[96];
	int k = 0;

	derive_hex(t, label, h1);
	snprintf(l2, sizeof(l2), "%s/2", label);
	derive_hex(t, l2, h2);
	/* Today's format: three characters, a digit, "Q~", then 34 more (40 in all). */
	for (int i = 0; i < 40; i++) {
		const char *h = i < 20 ? h1 : h2;
		int v = (int)strtol((char[]){h[(i % 20) * 3 % 64], h[((i % 20) * 3 + 1) % 64], 0}, NULL, 16);
		if (i == 3)
			out[k++] = (char)('0' + v % 10);
		else if (i == 4)
			out[k++] = 'Q';
		else if (i == 5)
			out[k++] = '~';
		else
			out[k++] = alpha[v % (i < 3 ? 62 : 66)];
	}
	out[k] = '\0';
}

const char *practice_api_name(enum pr_api api)
{
	return api == PR_API_EXCHANGE ? "Office 365 Exchange Online" : "Microsoft Graph";
}

const char *practice_type_name(enum pr_type type)
{
	return type == PR_APPLICATION ? N_("Application") : N_("Delegated");
}

const char *const *practice_permission_names(enum pr_api api, enum pr_type type)
{
	static const char *const exo_app[] = {"IMAP.AccessAsApp",   "SMTP.SendAsApp", "POP.AccessAsApp",
					      "full_access_as_app", "Mail.Read",      NULL};
	static const char *const exo_del[] = {"IMAP.AccessAsUser.All", "SMTP.Send", "EWS.AccessAsUser.All",
					      "POP.AccessAsUser.All", NULL};
	static const char *const graph_app[] = {"Mail.Send", "Mail.Read", "Mail.ReadWrite", "User.Read.All",
						NULL};
	static const char *const graph_del[] = {"User.Read", "IMAP.AccessAsUser.All", "SMTP.Send",
						"Mail.Send", NULL};

	if (api == PR_API_EXCHANGE)
		return type == PR_APPLICATION ? exo_app : exo_del;
	return type == PR_APPLICATION ? graph_app : graph_del;
}

struct practice *practice_new(const char *scenario, double speed)
{
	const struct pr_scenario *sc = practice_scenario(scenario);
	struct practice *t;

	if (!sc || !(t = calloc(1, sizeof(*t))))
		return NULL;
	pthread_mutex_init(&t->lock, NULL);
	snprintf(t->scenario, sizeof(t->scenario), "%s", sc->name);
	/* The same seed for every scenario: trainers can prepare their notes. */
	memcpy(t->seed, "o365-practice-01", sizeof(t->seed));
	t->speed = speed > 0 ? speed : PR_DEFAULT_SPEED;
	t->started = time(NULL);
	t->real_base = wall();
	t->sim_base = 0;
	practice_setup_clean(t);
	if (sc->tenant)
		sc->tenant(t);
	practice_log(t, PR_EV_START, -1, "%s", sc->name);
	return t;
}

void practice_free(struct practice **t)
{
	if (!t || !*t)
		return;
	pthread_mutex_destroy(&(*t)->lock);
	codec_cleanse(*t, sizeof(**t));
	free(*t);
	*t = NULL;
}

/* ---- the portal ---- */

const struct pr_secret *practice_new_secret(struct practice *t, const char *description, int days,
					    struct o365_err *e)
{
	struct pr_secret *s;
	char label[32];
	time_t when = time(NULL) + (time_t)days * 86400;
	struct tm tm;

	if (t->nsecrets == PR_MAX_SECRETS) {
		err_set(e, O365_ECONFIG, "%s", _("Too many client secrets: delete an old one first."));
		return NULL;
	}
	if (days < 1 || days > 730) {
		err_set(e, O365_ECONFIG, "%s",
			_("A client secret can last from 1 day to 24 months (730 days)."));
		return NULL;
	}
	s = &t->secrets[t->nsecrets++];
	memset(s, 0, sizeof(*s));
	t->counter++;
	snprintf(label, sizeof(label), "secret-id-%d", t->counter);
	practice_derive_id(t, label, s->id);
	snprintf(label, sizeof(label), "secret-%d", t->counter);
	practice_derive_secret(t, label, s->value);
	snprintf(s->description, sizeof(s->description), "%s",
		 description && *description ? description : "Extension Kit");
	gmtime_r(&when, &tm);
	strftime(s->expires, sizeof(s->expires), "%Y-%m-%d", &tm);
	practice_log(t, PR_EV_CHANGE, 2, "New client secret %s (Secret ID %s), expires %s", s->description,
		     s->id, s->expires);
	return s;
}

enum o365_rc practice_add_permission(struct practice *t, enum pr_api api, enum pr_type type, const char *name,
				     struct o365_err *e)
{
	const char *const *names = practice_permission_names(api, type);
	const char *canon = NULL;

	for (int i = 0; names[i]; i++)
		if (!strcasecmp(names[i], name))
			canon = names[i];
	if (!canon)
		return err_set(e, O365_ECONFIG, _("%s has no %s permission named %s."),
			       practice_api_name(api), practice_type_name(type), name);
	for (int i = 0; i < t->nperms; i++)
		if (t->perms[i].api == api && t->perms[i].type == type && !strcmp(t->perms[i].name, canon))
			return err_set(e, O365_ECONFIG, _("%s (%s, %s) is already on the list."), canon,
				       practice_api_name(api), practice_type_name(type));
	if (t->nperms == PR_MAX_PERMS)
		return err_set(e, O365_ECONFIG, "%s", _("Too many permissions: remove one first."));
	t->perms[t->nperms].api = api;
	t->perms[t->nperms].type = type;
	snprintf(t->perms[t->nperms].name, sizeof(t->perms[0].name), "%s", canon);
	t->perms[t->nperms].consented = false;
	t->nperms++;
	practice_log(t, PR_EV_CHANGE, 3, "Added permission %s (%s, %s)", canon, practice_api_name(api),
		     practice_type_name(type));
	return O365_OK;
}

enum o365_rc practice_remove_permission(struct practice *t, const char *name, struct o365_err *e)
{
	for (int i = 0; i < t->nperms; i++) {
		if (strcasecmp(t->perms[i].name, name) != 0)
			continue;
		practice_log(t, PR_EV_CHANGE, 3, "Removed permission %s (%s, %s)", t->perms[i].name,
			     practice_api_name(t->perms[i].api), practice_type_name(t->perms[i].type));
		memmove(&t->perms[i], &t->perms[i + 1], sizeof(t->perms[0]) * (size_t)(t->nperms - i - 1));
		t->nperms--;
		return O365_OK;
	}
	return err_set(e, O365_ECONFIG, _("No permission named %s is on the list."), name);
}

void practice_grant_consent(struct practice *t)
{
	for (int i = 0; i < t->nperms; i++)
		t->perms[i].consented = true;
	practice_log(t, PR_EV_CHANGE, 3, "Granted admin consent for %s", t->domain);
}

/* ---- Exchange lookups ---- */

const struct pr_sp *practice_find_sp(struct practice *t, const char *id)
{
	for (int i = 0; id && i < t->nsps; i++)
		if (!strcasecmp(t->sps[i].object_id, id) || !strcasecmp(t->sps[i].name, id))
			return &t->sps[i];
	/* An AppId names a service principal only when exactly one has it. */
	for (int i = 0, hits = 0, at = -1; id && i <= t->nsps; i++) {
		if (i < t->nsps && !strcasecmp(t->sps[i].app_id, id)) {
			hits++;
			at = i;
		}
		if (i == t->nsps && hits == 1)
			return &t->sps[at];
	}
	return NULL;
}

struct pr_mailbox *practice_find_box(struct practice *t, const char *addr)
{
	for (int i = 0; addr && i < t->nboxes; i++)
		if (!strcasecmp(t->boxes[i].addr, addr))
			return &t->boxes[i];
	return NULL;
}

bool practice_smtp_disabled(struct practice *t, const struct pr_mailbox *b, bool *by_mailbox)
{
	int mbx = practice_effective(t, b->smtp_at) ? b->smtp_auth_disabled : b->prev_smtp_auth_disabled;
	int org = practice_effective(t, t->org_smtp_at) ? t->org_smtp_auth_disabled
							: t->prev_org_smtp_auth_disabled;

	*by_mailbox = mbx == 1;
	return mbx == 1 || (mbx == -1 && org == 1);
}

bool practice_has_grant(struct practice *t, enum pr_grant kind, const char *mailbox, const char *sp)
{
	for (int i = 0; i < t->ngrants; i++)
		if (t->grants[i].kind == kind && !strcasecmp(t->grants[i].mailbox, mailbox) &&
		    !strcasecmp(t->grants[i].object_id, sp) && practice_effective(t, t->grants[i].at))
			return true;
	return false;
}

/* ---- saved state ---- */

static void put_str(cJSON *o, const char *k, const char *v)
{
	cJSON_AddStringToObject(o, k, v);
}

static void get_str(const cJSON *o, const char *k, char *dst, size_t n)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	if (cJSON_IsString(v))
		snprintf(dst, n, "%s", v->valuestring);
}

static double get_num(const cJSON *o, const char *k, double def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);

	return cJSON_IsNumber(v) ? v->valuedouble : def;
}

static char *to_json(struct practice *t)
{
	cJSON *o = cJSON_CreateObject(), *a;
	char seed[33];
	char *text;

	for (size_t i = 0; i < sizeof(t->seed); i++)
		snprintf(seed + 2 * i, 3, "%02x", t->seed[i]);
	put_str(o, "practice", t->scenario);
	put_str(o, "seed", seed);
	cJSON_AddNumberToObject(o, "counter", t->counter);
	cJSON_AddNumberToObject(o, "simulated", practice_now(t));
	cJSON_AddNumberToObject(o, "saved", wall());
	cJSON_AddNumberToObject(o, "started", (double)t->started);
	put_str(o, "tenant", t->tenant_id);
	put_str(o, "domain", t->domain);
	put_str(o, "app_name", t->app_name);
	put_str(o, "client_id", t->client_id);
	put_str(o, "app_object_id", t->app_object_id);
	put_str(o, "sp_object_id", t->sp_object_id);
	put_str(o, "other_client_id", t->other_client_id);
	put_str(o, "other_secret", t->other_secret);
	a = cJSON_AddArrayToObject(o, "secrets");
	for (int i = 0; i < t->nsecrets; i++) {
		cJSON *s = cJSON_CreateObject();
		put_str(s, "id", t->secrets[i].id);
		put_str(s, "value", t->secrets[i].value);
		put_str(s, "description", t->secrets[i].description);
		put_str(s, "expires", t->secrets[i].expires);
		cJSON_AddBoolToObject(s, "shown", t->secrets[i].shown);
		cJSON_AddItemToArray(a, s);
	}
	a = cJSON_AddArrayToObject(o, "permissions");
	for (int i = 0; i < t->nperms; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddNumberToObject(s, "api", t->perms[i].api);
		cJSON_AddNumberToObject(s, "type", t->perms[i].type);
		put_str(s, "name", t->perms[i].name);
		cJSON_AddBoolToObject(s, "consented", t->perms[i].consented);
		cJSON_AddItemToArray(a, s);
	}
	a = cJSON_AddArrayToObject(o, "service_principals");
	for (int i = 0; i < t->nsps; i++) {
		cJSON *s = cJSON_CreateObject();
		put_str(s, "app_id", t->sps[i].app_id);
		put_str(s, "object_id", t->sps[i].object_id);
		put_str(s, "name", t->sps[i].name);
		cJSON_AddNumberToObject(s, "at", t->sps[i].at);
		cJSON_AddItemToArray(a, s);
	}
	a = cJSON_AddArrayToObject(o, "grants");
	for (int i = 0; i < t->ngrants; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddNumberToObject(s, "kind", t->grants[i].kind);
		put_str(s, "mailbox", t->grants[i].mailbox);
		put_str(s, "object_id", t->grants[i].object_id);
		cJSON_AddNumberToObject(s, "at", t->grants[i].at);
		cJSON_AddItemToArray(a, s);
	}
	a = cJSON_AddArrayToObject(o, "mailboxes");
	for (int i = 0; i < t->nboxes; i++) {
		cJSON *s = cJSON_CreateObject();
		put_str(s, "address", t->boxes[i].addr);
		cJSON_AddNumberToObject(s, "smtp_auth_disabled", t->boxes[i].smtp_auth_disabled);
		cJSON_AddNumberToObject(s, "prev_smtp_auth_disabled", t->boxes[i].prev_smtp_auth_disabled);
		cJSON_AddNumberToObject(s, "smtp_at", t->boxes[i].smtp_at);
		cJSON_AddBoolToObject(s, "imap_enabled", t->boxes[i].imap_enabled);
		cJSON_AddItemToArray(a, s);
	}
	cJSON_AddNumberToObject(o, "org_smtp_auth_disabled", t->org_smtp_auth_disabled);
	cJSON_AddNumberToObject(o, "prev_org_smtp_auth_disabled", t->prev_org_smtp_auth_disabled);
	cJSON_AddNumberToObject(o, "org_smtp_at", t->org_smtp_at);
	cJSON_AddBoolToObject(o, "connected", t->connected);
	a = cJSON_AddArrayToObject(o, "events");
	for (int i = 0; i < t->nevents; i++) {
		cJSON *s = cJSON_CreateObject();
		cJSON_AddNumberToObject(s, "kind", t->events[i].kind);
		cJSON_AddNumberToObject(s, "real", (double)t->events[i].real);
		cJSON_AddNumberToObject(s, "step", t->events[i].step);
		cJSON_AddNumberToObject(s, "seconds", t->events[i].seconds);
		put_str(s, "text", t->events[i].text);
		cJSON_AddItemToArray(a, s);
	}
	text = cJSON_Print(o);
	cJSON_Delete(o);
	return text;
}

enum o365_rc practice_save(struct practice *t, const char *path, struct o365_err *e)
{
	char tmp[4200];
	char *text;
	int fd;
	size_t len;
	bool ok;

	practice_lock(t);
	text = to_json(t);
	practice_unlock(t);
	if (!text)
		return err_set(e, O365_EIO, "%s", _("Out of memory."));
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	len = strlen(text);
	ok = fd >= 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	free(text);
	if (!ok || rename(tmp, path) != 0) {
		int err = errno;
		unlink(tmp);
		return err_set(e, O365_EIO, _("Cannot save the practice tenant %s: %s"), path, strerror(err));
	}
	return O365_OK;
}

enum o365_rc practice_load(const char *path, double speed, struct practice **out, struct o365_err *e)
{
	FILE *f = fopen(path, "re");
	char *text = NULL, seed[40] = "";
	size_t len = 0;
	cJSON *o, *it;
	struct practice *t;

	*out = NULL;
	if (!f)
		return err_set(e, O365_EIO, _("Cannot read the practice tenant %s: %s"), path,
			       strerror(errno));
	{
		char buf[8192];
		size_t k;
		while ((k = fread(buf, 1, sizeof(buf), f)) > 0 && len < (1u << 20)) {
			char *nt = realloc(text, len + k + 1);
			if (!nt)
				break;
			text = nt;
			memcpy(text + len, buf, k);
			len += k;
			text[len] = '\0';
		}
	}
	fclose(f);
	o = text ? cJSON_Parse(text) : NULL;
	free(text);
	if (!cJSON_IsObject(o) || !(t = calloc(1, sizeof(*t)))) {
		cJSON_Delete(o);
		return err_set(e, O365_ECONFIG,
			       _("The practice tenant %s is damaged; start again with --practice-reset."),
			       path);
	}
	pthread_mutex_init(&t->lock, NULL);
	get_str(o, "practice", t->scenario, sizeof(t->scenario));
	get_str(o, "seed", seed, sizeof(seed));
	for (size_t i = 0; i < sizeof(t->seed) && seed[2 * i] && seed[2 * i + 1]; i++)
		t->seed[i] = (unsigned char)strtol((char[]){seed[2 * i], seed[2 * i + 1], 0}, NULL, 16);
	t->counter = (int)get_num(o, "counter", 0);
	t->speed = speed > 0 ? speed : PR_DEFAULT_SPEED;
	/* The clock runs on while nobody practises: the time between runs counts. */
	t->sim_base = get_num(o, "simulated", 0);
	t->real_base = get_num(o, "saved", wall());
	t->started = (time_t)get_num(o, "started", t->real_base);
	get_str(o, "tenant", t->tenant_id, sizeof(t->tenant_id));
	get_str(o, "domain", t->domain, sizeof(t->domain));
	get_str(o, "app_name", t->app_name, sizeof(t->app_name));
	get_str(o, "client_id", t->client_id, sizeof(t->client_id));
	get_str(o, "app_object_id", t->app_object_id, sizeof(t->app_object_id));
	get_str(o, "sp_object_id", t->sp_object_id, sizeof(t->sp_object_id));
	get_str(o, "other_client_id", t->other_client_id, sizeof(t->other_client_id));
	get_str(o, "other_secret", t->other_secret, sizeof(t->other_secret));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "secrets"))
	{
		struct pr_secret *s;
		if (t->nsecrets == PR_MAX_SECRETS)
			break;
		s = &t->secrets[t->nsecrets++];
		get_str(it, "id", s->id, sizeof(s->id));
		get_str(it, "value", s->value, sizeof(s->value));
		get_str(it, "description", s->description, sizeof(s->description));
		get_str(it, "expires", s->expires, sizeof(s->expires));
		s->shown = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "shown"));
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "permissions"))
	{
		struct pr_permission *p;
		if (t->nperms == PR_MAX_PERMS)
			break;
		p = &t->perms[t->nperms++];
		p->api = get_num(it, "api", 0) ? PR_API_GRAPH : PR_API_EXCHANGE;
		p->type = get_num(it, "type", 0) ? PR_APPLICATION : PR_DELEGATED;
		get_str(it, "name", p->name, sizeof(p->name));
		p->consented = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(it, "consented"));
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "service_principals"))
	{
		struct pr_sp *s;
		if (t->nsps == PR_MAX_SPS)
			break;
		s = &t->sps[t->nsps++];
		get_str(it, "app_id", s->app_id, sizeof(s->app_id));
		get_str(it, "object_id", s->object_id, sizeof(s->object_id));
		get_str(it, "name", s->name, sizeof(s->name));
		s->at = get_num(it, "at", 0);
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "grants"))
	{
		struct pr_grant_rec *g;
		if (t->ngrants == PR_MAX_GRANTS)
			break;
		g = &t->grants[t->ngrants++];
		g->kind = get_num(it, "kind", 0) ? PR_SENDAS : PR_FULLACCESS;
		get_str(it, "mailbox", g->mailbox, sizeof(g->mailbox));
		get_str(it, "object_id", g->object_id, sizeof(g->object_id));
		g->at = get_num(it, "at", 0);
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "mailboxes"))
	{
		struct pr_mailbox *b;
		if (t->nboxes == PR_MAX_BOXES)
			break;
		b = &t->boxes[t->nboxes++];
		get_str(it, "address", b->addr, sizeof(b->addr));
		b->smtp_auth_disabled = (int)get_num(it, "smtp_auth_disabled", -1);
		b->prev_smtp_auth_disabled = (int)get_num(it, "prev_smtp_auth_disabled", -1);
		b->smtp_at = get_num(it, "smtp_at", 0);
		b->imap_enabled = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(it, "imap_enabled"));
	}
	t->org_smtp_auth_disabled = (int)get_num(o, "org_smtp_auth_disabled", 0);
	t->prev_org_smtp_auth_disabled = (int)get_num(o, "prev_org_smtp_auth_disabled", 0);
	t->org_smtp_at = get_num(o, "org_smtp_at", 0);
	t->connected = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "connected"));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(o, "events"))
	{
		struct pr_event_rec *ev;
		if (t->nevents == PR_MAX_EVENTS)
			break;
		ev = &t->events[t->nevents++];
		ev->kind = (enum pr_event)get_num(it, "kind", PR_EV_NOTE);
		ev->real = (time_t)get_num(it, "real", 0);
		ev->step = (int)get_num(it, "step", -1);
		ev->seconds = get_num(it, "seconds", 0);
		get_str(it, "text", ev->text, sizeof(ev->text));
	}
	cJSON_Delete(o);
	if (!practice_scenario(t->scenario) || !t->tenant_id[0] || !t->client_id[0]) {
		practice_free(&t);
		return err_set(e, O365_ECONFIG,
			       _("The practice tenant %s is damaged; start again with --practice-reset."),
			       path);
	}
	*out = t;
	return O365_OK;
}

/* Practice profiles live in the practice folder beside the real ones. */
bool practice_owns_path(const char *path)
{
	char dir[4000], a[4096], b[4096];
	struct o365_err e;
	const char *slash = strrchr(path, '/');

	err_clear(&e);
	if (!slash || store_dir(dir, sizeof(dir), &e) != O365_OK)
		return false;
	snprintf(a, sizeof(a), "%.*s", (int)(slash - path), path);
	snprintf(b, sizeof(b), "%s/practice", dir);
	{
		char ra[4096], rb[4096];
		if (realpath(a, ra) && realpath(b, rb))
			return strcmp(ra, rb) == 0;
	}
	return strcmp(a, b) == 0;
}
