/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "core/claims.h"
#include "core/fieldcheck.h"
#include "core/i18n.h"
#include "core/stepref.h"
#include "core/validate.h"
#include "core/xalloc.h"
#include "ladder.h"

void progress(const struct verify_opts *o, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (!o->progress)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	o->progress(o->ud, line);
}

/* The same authority up to trailing slashes and the host's case. */
static bool same_authority(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	while (na > 8 && a[na - 1] == '/')
		na--;
	while (nb > 8 && b[nb - 1] == '/')
		nb--;
	return na == nb && strncasecmp(a, b, na) == 0;
}

static bool given(const char *cli, const char *v)
{
	return cli && v && strcmp(cli, v) == 0;
}

/* Where the secret, the token and trust go when the profile, not the command line, says so: the
 * profile may have been written by someone else, so every run names the endpoint. */
static void endpoint_checks(const struct profile *p, const struct verify_opts *o, struct report *r)
{
	static const char *fix = N_("If this endpoint is not yours, remove \"endpoints\" from the profile; "
				    "if it is, pass it on the command line to confirm it.");
	struct stat st;
	char host[256];
	int port = 1;

	if (p->authority && validate_authority(p->authority, NULL) == V_OK &&
	    !same_authority(p->authority, cloud_get(p->cloud)->authority) &&
	    !given(o ? o->cli_authority : NULL, p->authority))
		report_add(r, RS_WARN, RK_FIELD, "endpoints", -1, O365_OK, _(fix),
			   _("The profile sends the client secret to the authority %s, not to %s."),
			   p->authority, cloud_get(p->cloud)->authority);
	if (p->imap_server && *p->imap_server) {
		if (!validate_hostport(p->imap_server, host, sizeof(host), &port))
			report_add(r, RS_FAIL, RK_FIELD, "endpoints", STEP_START, O365_ECONFIG,
				   _("Set endpoints.imap to HOST or HOST:PORT, or remove it."),
				   _("The profile's IMAP endpoint '%s' is not HOST or HOST:PORT."),
				   p->imap_server);
		else if (!given(o ? o->cli_imap : NULL, p->imap_server))
			report_add(r, RS_WARN, RK_FIELD, "endpoints", -1, O365_OK, _(fix),
				   _("The profile sends the access token to the IMAP server %s, not to %s."),
				   p->imap_server, cloud_get(p->cloud)->imap_host);
	}
	if (p->smtp_check_server && *p->smtp_check_server) {
		if (!validate_hostport(p->smtp_check_server, host, sizeof(host), &port))
			report_add(r, RS_FAIL, RK_FIELD, "endpoints", STEP_START, O365_ECONFIG,
				   _("Set endpoints.smtp to HOST or HOST:PORT, or remove it."),
				   _("The profile's SMTP endpoint '%s' is not HOST or HOST:PORT."),
				   p->smtp_check_server);
		else if (!given(o ? o->cli_smtp : NULL, p->smtp_check_server))
			report_add(
				r, RS_WARN, RK_FIELD, "endpoints", -1, O365_OK, _(fix),
				_("The profile sends the access token to the SMTP server %s for the check, "
				  "not to the one in the Mail server fields."),
				p->smtp_check_server);
	}
	if (p->ca_file && *p->ca_file && (stat(p->ca_file, &st) != 0 || !S_ISREG(st.st_mode)))
		report_add(r, RS_FAIL, RK_FIELD, "endpoints", STEP_START, O365_ECONFIG,
			   _("Point endpoints.ca_file at a PEM bundle, or remove it."),
			   _("The profile's CA bundle %s is not a readable regular file."), p->ca_file);
	else if (p->ca_file && *p->ca_file && !given(o ? o->cacert : NULL, p->ca_file))
		report_add(r, RS_WARN, RK_FIELD, "endpoints", -1, O365_OK, _(fix),
			   _("The profile makes every TLS connection trust the CA bundle %s."), p->ca_file);
}

void verify_fields(const struct profile *p, const struct verify_opts *o, struct report *r)
{
	struct fieldcheck_opts fo = {.secret = o && o->secret_override ? o->secret_override : p->secret,
				     .token_only = o && o->token_only,
				     .warn_days = o ? o->warn_days : -1};

	fieldcheck_run(p, &fo, r);
	endpoint_checks(p, o, r);
}

const struct net_backend *verify_backend(const struct verify_opts *o)
{
	return o->net ? o->net : net_backend_real();
}

void net_cfg_for(const struct profile *p, const struct verify_opts *o, struct net_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->cacert = o->cacert ? o->cacert : p->ca_file;
	cfg->total_timeout_ms = o->timeout_ms;
	if (o->timeout_ms && o->timeout_ms < 10000)
		cfg->connect_timeout_ms = o->timeout_ms;
	cfg->cancel = o->cancel;
	cfg->deadline_ms = o->deadline_ms;
}

/* One FAIL line from a token-endpoint or discovery outcome, with Microsoft's IDs. */
static void net_failure(struct report *r, enum rkind kind, enum o365_rc rc, const struct net_result *nr)
{
	bool transient = nr->fault == NF_HTTP_429 || nr->fault == NF_HTTP_5XX;

	/* The certificate credential could not be used here: a set-up matter, not the network. */
	if (rc == O365_ECONFIG && nr->fault == NF_LOCAL) {
		report_add(r, RS_FAIL, kind, NULL, STEP_SECRET, O365_ECONFIG,
			   _("Check the certificate and key files; an encrypted key needs its passphrase "
			     "(--key-passphrase-file, or the wizard asks for it)."),
			   _("The certificate credential cannot be used: %s."), nr->detail);
		return;
	}
	if ((nr->code || nr->error[0]) && !transient) {
		const struct fix *fx = catalogue_aadsts(nr->code);
		char text[1400];
		if (nr->code)
			snprintf(text, sizeof(text), "AADSTS%ld (%s): %s", nr->code, nr->error,
				 fx ? _(fx->cause) : nr->description);
		else
			snprintf(text, sizeof(text), "%s: %s", nr->error, nr->description);
		report_add(r, RS_FAIL, kind, NULL, fx ? fx->step : STEP_APP, rc,
			   fx ? _(fx->fix)
			      : _("Read Microsoft's words above; the trace ID helps Microsoft support."),
			   "%s", text);
		if (fx && nr->description[0])
			report_add(r, RS_INFO, kind, NULL, -1, O365_OK, NULL, _("Microsoft said: %s"),
				   nr->description);
		if (nr->trace_id[0] || nr->correlation_id[0])
			report_add(r, RS_INFO, kind, NULL, -1, O365_OK, NULL,
				   _("For a support ticket: trace ID %s, correlation ID %s, timestamp %s"),
				   nr->trace_id[0] ? nr->trace_id : "-",
				   nr->correlation_id[0] ? nr->correlation_id : "-",
				   nr->timestamp[0] ? nr->timestamp : "-");
		return;
	}
	{
		const struct fix *fx = catalogue_fault(nr->fault);
		if (nr->http_status && nr->fault != NF_NONE)
			report_add(r, RS_FAIL, kind, NULL, fx->step, fx->rc, _(fx->fix),
				   _("%s (HTTP %ld%s%s)"), _(fx->cause), nr->http_status,
				   nr->detail[0] ? ", " : "", nr->detail);
		else
			report_add(r, RS_FAIL, kind, NULL, fx->step, fx->rc, _(fx->fix), "%s%s%s",
				   _(fx->cause), nr->detail[0] ? " " : "", nr->detail);
		if (nr->attempts > 1)
			report_add(r, RS_INFO, kind, NULL, -1, O365_OK, NULL, _("Tried %d times."),
				   nr->attempts);
		if (transient && (nr->error[0] || nr->description[0]))
			report_add(r, RS_INFO, kind, NULL, -1, O365_OK, NULL, _("Microsoft said: %s %s"),
				   nr->error, nr->description);
		if (transient && (nr->trace_id[0] || nr->correlation_id[0]))
			report_add(r, RS_INFO, kind, NULL, -1, O365_OK, NULL,
				   _("For a support ticket: trace ID %s, correlation ID %s, timestamp %s"),
				   nr->trace_id[0] ? nr->trace_id : "-",
				   nr->correlation_id[0] ? nr->correlation_id : "-",
				   nr->timestamp[0] ? nr->timestamp : "-");
	}
}

static enum o365_rc check_tenant(struct profile *p, const struct verify_opts *o, struct report *r)
{
	struct net_cfg cfg;
	struct discovery d;
	struct net_result nr;
	enum o365_rc rc;
	int cloud, by_region;

	net_cfg_for(p, o, &cfg);
	progress(o, _("Looking up tenant %s ..."), p->tenant);
	rc = verify_backend(o)->discover(verify_backend(o)->ctx, &cfg, profile_authority(p), p->tenant, &d,
					 &nr);
	if (rc != O365_OK) {
		net_failure(r, RK_TENANT, rc, &nr);
		return rc;
	}
	report_add(r, RS_OK, RK_TENANT, NULL, -1, O365_OK, NULL, _("Tenant %s found (region %s)."), p->tenant,
		   d.region[0] ? d.region : "-");
	/* The discovery document names the tenant's cloud, by instance and by region. */
	cloud = cloud_from_discovery(d.cloud_instance, NULL);
	by_region = cloud_from_discovery(NULL, d.region);
	if ((cloud >= 0 && cloud != (int)p->cloud) || (by_region >= 0 && by_region != (int)p->cloud))
		report_add(r, RS_WARN, RK_TENANT, NULL, STEP_START, O365_OK,
			   _("Choose the tenant's cloud at step 0."),
			   _("The tenant belongs to another cloud (%s, region %s) than the one chosen (%s)."),
			   d.cloud_instance[0] ? d.cloud_instance : "-", d.region[0] ? d.region : "-",
			   _(cloud_get(p->cloud)->label));
	return O365_OK;
}

enum o365_rc check_token(struct profile *p, const struct verify_opts *o, struct verify_state *st,
			 struct report *r)
{
	struct net_cfg cfg;
	struct net_result nr;
	struct token_request req = {
		.authority = profile_authority(p),
		.tenant = p->tenant,
		.client_id = p->client_id,
		.scope = profile_scope(p),
	};
	struct claims c;
	char why[256];
	enum o365_rc rc;

	if (p->auth == AUTH_CERTIFICATE) {
		req.cert_path = p->cert_path;
		req.key_path = p->key_path;
		req.key_passphrase = o->key_passphrase;
		req.key_passphrase_file = o->key_passphrase_file;
	} else {
		req.secret = o->secret_override ? o->secret_override : p->secret;
	}
	net_cfg_for(p, o, &cfg);
	cfg.on_attempt = o->attempt; /* the tries of the token request reach the front-end */
	cfg.attempt_ud = o->ud;
	if (!token_usable(&st->token, time(NULL))) {
		token_clear(&st->token);
		struct timespec t0, t1;
		progress(o, "%s", _("Requesting a token ..."));
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = verify_backend(o)->token_fetch(verify_backend(o)->ctx, &cfg, &req, &st->token, &nr);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		st->t_token = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (rc != O365_OK) {
			net_failure(r, RK_TOKEN, rc, &nr);
			return rc;
		}
		report_add(r, RS_OK, RK_TOKEN, NULL, -1, O365_OK, NULL, _("Token issued (valid %ld s)%s."),
			   st->token.expires_in, nr.attempts > 1 ? _(" after retries") : "");
	}
	if (!claims_decode(st->token.access_token, &c, why, sizeof(why))) {
		report_add(r, RS_WARN, RK_CLAIMS, NULL, -1, O365_OK, NULL,
			   _("The token could not be read (%s); the mailbox checks will tell."), why);
		st->roles_known = false;
		st->roles_ok = true;
		st->has_imap_role = st->has_smtp_role = true;
		return O365_OK;
	}
	st->roles_known = true;
	{
		int before = r->n;
		st->roles_ok = claims_diagnose(&c, p, time(NULL), r);
		st->suspect_step = -1;
		for (int i = before; i < r->n; i++)
			if (r->lines[i].st == RS_WARN && r->lines[i].rc == O365_EAUTH && st->suspect_step < 0)
				st->suspect_step = r->lines[i].step;
		if (c.exp && c.exp <= time(NULL)) {
			report_add(r, RS_WARN, RK_CLAIMS, NULL, STEP_TOKEN, O365_EAUTH,
				   _("Check this computer's clock (timedatectl), then run the check again "
				     "for a new "
				     "token."),
				   "%s", _("The token had already expired when it arrived."));
			if (st->suspect_step < 0)
				st->suspect_step = STEP_TOKEN;
		}
	}
	st->has_imap_role = claims_has_role(&c, ROLE_IMAP);
	st->has_smtp_role = claims_has_role(&c, ROLE_SMTP);
	claims_free(&c);
	/* A token for another tenant or app ends the run here: no mailbox could accept it. */
	for (int i = 0; i < r->n; i++)
		if (r->lines[i].st == RS_FAIL && r->lines[i].rc == O365_EAUTH &&
		    r->lines[i].kind == RK_CLAIMS)
			return O365_EAUTH;
	return st->roles_ok ? O365_OK : O365_EROLES;
}

static void record(struct profile *p, const struct report *r)
{
	time_t now = time(NULL);
	char msg[600];
	enum check_status overall;

	profile_clear_results(p);
	for (int i = 0; i < r->n; i++) {
		const struct report_line *l = &r->lines[i];
		enum check_status cs = l->st == RS_FAIL	  ? CHECK_FAIL
				       : l->st == RS_WARN ? CHECK_WARN
							  : CHECK_OK;
		if (l->st == RS_INFO || l->kind == RK_CLAIMS)
			continue;
		profile_set_result(p, l->check, cs, l->text, now);
	}
	overall = report_summary(r, msg, sizeof(msg));
	profile_set_result(p, PROFILE_OVERALL, overall, msg, now);
}

/* Moves src's lines to the end of dst. */
static void report_append(struct report *dst, struct report *src)
{
	if (!src->n)
		return;
	dst->lines = xrealloc(dst->lines, (size_t)(dst->n + src->n) * sizeof(*dst->lines));
	memcpy(dst->lines + dst->n, src->lines, (size_t)src->n * sizeof(*src->lines));
	dst->n += src->n;
	free(src->lines);
	src->lines = NULL;
	src->n = 0;
}

struct tenant_job {
	struct profile *p;
	struct verify_opts o;
	struct report r;
	enum o365_rc rc;
};

static void *tenant_thread(void *ud)
{
	struct tenant_job *j = ud;

	j->rc = check_tenant(j->p, &j->o, &j->r);
	return NULL;
}

/* Over the network the tenant lookup and the token request go out together: the lookup costs no
 * time of its own. Its lines come first, as if it had run first, and a tenant that does not exist
 * hides the token's failure, which only repeats it. An in-process backend (practice) answers at
 * once, in order, so it is asked one after the other. */
static enum o365_rc tenant_and_token(struct profile *p, const struct verify_opts *opts,
				     struct verify_state *st, struct report *r)
{
	/* One deadline for the phase: the lookup, the token request and every retry end within
	 * --timeout (30 s by default), however the server stalls or dribbles. */
	struct verify_opts phase = *opts;
	const struct verify_opts *o = &phase;
	struct tenant_job j = {.p = p};
	struct report tr = {0};
	pthread_t t;
	enum o365_rc rc;

	phase.deadline_ms = net_now_ms() + (opts->timeout_ms > 0 ? opts->timeout_ms : 30000);
	j.o = phase;
	if (token_usable(&st->token, time(NULL)) || verify_backend(o) != net_backend_real()) {
		if ((rc = check_tenant(p, o, r)) != O365_OK)
			return rc;
		return check_token(p, o, st, r);
	}
	net_global_init();
	progress(o, _("Looking up tenant %s ..."), p->tenant);
	j.o.progress = NULL; /* the front-end's progress is not called from two threads */
	if (pthread_create(&t, NULL, tenant_thread, &j) != 0) {
		if ((rc = check_tenant(p, o, r)) != O365_OK)
			return rc;
		return check_token(p, o, st, r);
	}
	rc = check_token(p, o, st, &tr);
	pthread_join(t, NULL);
	report_append(r, &j.r);
	report_clear(&j.r);
	if (j.rc != O365_OK) {
		report_clear(&tr);
		token_clear(&st->token);
		return j.rc;
	}
	report_append(r, &tr);
	report_clear(&tr);
	return rc;
}

enum o365_rc verify_run(struct profile *p, const struct verify_opts *o, struct verify_state *st,
			struct report *r)
{
	enum o365_rc rc;

	st->suspect_step = -1;
	if (o->tenant_only) {
		struct vmsg m;
		if (validate_tenant(p->tenant, &m) != V_OK)
			report_add(r, RS_FAIL, RK_FIELD, "tenant", STEP_APP, O365_ECONFIG, m.text, "%s",
				   _("Directory (tenant) ID is not valid."));
		else {
			struct verify_opts phase = *o;
			phase.deadline_ms = net_now_ms() + (o->timeout_ms > 0 ? o->timeout_ms : 30000);
			check_tenant(p, &phase, r);
		}
		return report_rc(r);
	}
	verify_fields(p, o, r);
	if (report_first_fail(r) || o->fields_only)
		goto out;
	rc = tenant_and_token(p, o, st, r);
	/* With a role missing the logins still run: the servers' words confirm the diagnosis. */
	if ((rc != O365_OK && rc != O365_EROLES) || o->token_only)
		goto out;
	check_mailboxes(p, o, st, r);
out:
	record(p, r);
	return report_rc(r);
}

void verify_state_clear(struct verify_state *st)
{
	token_clear(&st->token);
	st->roles_known = st->roles_ok = false;
}
