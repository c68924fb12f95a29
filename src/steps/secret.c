/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 2: the client secret Value and its expiry, or a certificate. In rotation the new secret is
 * kept apart from the profile until it has been verified. */
#include "config.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/cert.h"
#include "core/codec.h"
#include "core/i18n.h"
#include "core/store.h"
#include "steps.h"

static const char *const kinds[] = {N_("Client secret"), N_("Certificate")};

enum { F_KIND, F_SECRET, F_EXPIRY, F_CERT, F_KEY, F_PASS };

struct secret {
	struct form fm; /* first: the form's checks reach the rest through it */
	bool kept;	/* the saved secret is longer than the field and stays as it is */
};

static enum vres check_secret(const struct form *fm, struct field *f, struct vmsg *m)
{
	struct session *s = fm->ctx;
	enum vres r;

	if (((const struct secret *)fm)->kept && !f->buf[0]) {
		m->res = V_OK;
		m->text[0] = '\0';
		return V_OK;
	}
	r = validate_secret(f->buf, s->p->client_id, s->p->tenant, NULL, m);

	if (r != V_ERR && s->mode == WMODE_ROTATE && s->p->secret) {
		char *t = validate_trim(f->buf);
		if (t && !strcmp(t, s->p->secret)) {
			m->res = r = V_ERR;
			snprintf(m->text, sizeof(m->text), "%s",
				 _("This is the secret in use now. Create a new client secret and paste its "
				   "Value."));
		}
		codec_free_secret(&t);
	}
	return r;
}

/* The portal's choices: 180, 365, 545 and 730 days from today. */
static int preset_days(const char *t)
{
	char *end;
	long months = strtol(t, &end, 10);

	while (*end == ' ')
		end++;
	if (end == t ||
	    (*end && strcasecmp(end, "m") && strcasecmp(end, "months") && strcasecmp(end, "month")))
		return -1;
	switch (months) {
	case 6:
		return 180;
	case 12:
		return 365;
	case 18:
		return 545;
	case 24:
		return 730;
	default:
		return -2;
	}
}

static bool valid_ymd(int y, int mo, int d, struct tm *tm)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 2000 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return false;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0))
		return false;
	*tm = (struct tm){.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = 12};
	return true;
}

/* Reads an expiry as typed: months (6, 12, 18, 24), 2027-06-01, 1.6.2027, 6/1/2027 or 13/1/2027.
 * *ambiguous is set when a/b/yyyy could be either order (read as the portal's US month/day). */
static bool parse_expiry(const char *in, time_t now, struct tm *tm, bool *ambiguous)
{
	int a, b, c, n = 0;
	char sep1, sep2, rest;
	int days = preset_days(in);

	*ambiguous = false;
	if (days > 0) {
		time_t t = now + (time_t)days * 86400;
		gmtime_r(&t, tm);
		tm->tm_hour = 12;
		return true;
	}
	if (sscanf(in, "%d%c%d%c%d%n%c", &a, &sep1, &b, &sep2, &c, &n, &rest) != 5 || sep1 != sep2)
		return false;
	if (sep1 == '-' || (sep1 == '/' && a > 999))
		return valid_ymd(a, b, c, tm);
	if (c < 100)
		c += 2000;
	if (sep1 == '.')
		return valid_ymd(c, b, a, tm); /* day.month.year */
	if (sep1 != '/')
		return false;
	if (a > 12)
		return valid_ymd(c, b, a, tm); /* day/month/year */
	*ambiguous = b <= 12 && a != b;
	return valid_ymd(c, a, b, tm); /* month/day/year, as the portal shows in US English */
}

static enum vres check_expiry(const struct form *fm, struct field *f, struct vmsg *m)
{
	struct tm tm;
	bool amb;
	time_t now = time(NULL);
	long days;
	char date[64], iso[16];

	(void)fm;
	m->res = V_OK;
	m->text[0] = '\0';
	if (!f->buf[0]) {
		m->res = V_ERR;
		snprintf(m->text, sizeof(m->text), "%s",
			 _("Type 6, 12, 18 or 24 (months from today, as the portal offers) or the date in "
			   "the Expires column."));
		return m->res;
	}
	if (!parse_expiry(f->buf, now, &tm, &amb)) {
		m->res = V_ERR;
		snprintf(m->text, sizeof(m->text), "%s",
			 preset_days(f->buf) == -2
				 ? _("The portal offers 6, 12, 18 or 24 months; for another length type the "
				     "date from the Expires column.")
				 : _("Not a date. Type it as the Expires column shows it (2027-06-01, "
				     "6/1/2027 "
				     "or 1.6.2027), or 6, 12, 18 or 24 for months."));
		return m->res;
	}
	days = (long)(timegm(&tm) / 86400 - now / 86400);
	strftime(date, sizeof(date), "%-d %B %Y", &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%d", &tm);
	if (days < 0) {
		m->res = V_ERR;
		snprintf(m->text, sizeof(m->text),
			 _("%s has passed: the secret has expired. Create a new client secret and enter "
			   "its Value and expiry."),
			 iso);
		return m->res;
	}
	snprintf(f->confirm, sizeof(f->confirm), _("= %s, in %ld days"), date, days);
	if (amb) {
		m->res = V_WARN;
		snprintf(m->text, sizeof(m->text),
			 _("Read as month/day. If you meant day/month, type %04d-%02d-%02d."),
			 tm.tm_year + 1900, tm.tm_mday, tm.tm_mon + 1);
	} else if (days > 731) {
		m->res = V_WARN;
		snprintf(m->text, sizeof(m->text), "%s",
			 _("More than 24 months: Entra allows 24 at most. Check the Expires column."));
	} else if (days <= 30) {
		m->res = V_WARN;
		snprintf(m->text, sizeof(m->text), "%s", _("That is soon: plan the rotation now."));
	}
	return m->res;
}

static enum vres check_file(const struct form *fm, struct field *f, struct vmsg *m)
{
	/* O_NONBLOCK: typing the name of a FIFO must not hang the screen */
	int fd = f->buf[0] ? open(f->buf, O_RDONLY | O_NONBLOCK | O_CLOEXEC) : -1;
	struct stat st;
	bool ok = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);

	(void)fm;
	if (fd >= 0)
		close(fd);
	m->res = ok ? V_OK : V_ERR;
	snprintf(m->text, sizeof(m->text), "%s",
		 ok ? "" : _("Cannot read this file; F8 generates a key and certificate."));
	return m->res;
}

static void show_kind(struct form *fm)
{
	bool cert = fm->f[F_KIND].choice == 1;

	fm->f[F_SECRET].hidden = cert;
	fm->f[F_EXPIRY].hidden = cert;
	fm->f[F_CERT].hidden = !cert;
	fm->f[F_KEY].hidden = !cert;
	fm->f[F_PASS].hidden = !cert;
}

/* The expiry as stored: YYYY-MM-DD. */
static bool expiry_iso(const char *in, char *out, size_t n)
{
	struct tm tm;
	bool amb;

	if (!parse_expiry(in, time(NULL), &tm, &amb))
		return false;
	strftime(out, n, "%Y-%m-%d", &tm);
	return true;
}

static void enter(struct session *s, void *priv)
{
	struct secret *st = priv;
	struct form *fm = &st->fm;

	if (!fm->n) {
		fm->n = 6;
		fm->f[F_KIND] = (struct field){.label = N_("Credential"),
					       .kind = FK_CHOICE,
					       .choices = kinds,
					       .nchoices = 2,
					       .choice = s->p->auth == AUTH_CERTIFICATE};
		fm->f[F_SECRET] = (struct field){.label = N_("Client secret Value"),
						 .kind = FK_SECRET,
						 .check = check_secret,
						 .max = 256};
		fm->f[F_EXPIRY] = (struct field){.label = N_("Expires (months or date)"),
						 .kind = FK_TEXT,
						 .check = check_expiry,
						 .max = 40};
		fm->f[F_CERT] = (struct field){
			.label = N_("Certificate (PEM)"), .kind = FK_TEXT, .check = check_file};
		fm->f[F_KEY] = (struct field){
			.label = N_("Private key (PEM)"), .kind = FK_TEXT, .check = check_file};
		/* An encrypted key is opened with this, never by a prompt from OpenSSL. */
		fm->f[F_PASS] = (struct field){.label = N_("Key passphrase"), .kind = FK_SECRET, .max = 200};
		/* A secret longer than the field (made with --batch) is never cut: it is kept as saved
		 * unless a new Value is typed. */
		st->kept =
			s->mode != WMODE_ROTATE && s->p->secret && strlen(s->p->secret) > fm->f[F_SECRET].max;
		if (st->kept)
			snprintf(fm->note, sizeof(fm->note),
				 _("The profile's secret (%zu characters) is longer than this field: it is "
				   "kept as saved unless you paste a new Value."),
				 strlen(s->p->secret));
		if (s->mode != WMODE_ROTATE) {
			field_set(&fm->f[F_SECRET], st->kept ? "" : s->p->secret);
			field_set(&fm->f[F_EXPIRY], s->p->secret_expiry);
		} else {
			fm->f[F_KIND].choice = 0;
		}
		field_set(&fm->f[F_CERT], s->p->cert_path);
		field_set(&fm->f[F_KEY], s->p->key_path);
		fm->focus = F_SECRET;
		show_kind(fm);
		if (fm->f[F_SECRET].buf[0] || st->kept)
			fields_validate(fm);
	}
	if (s->fixing) {
		bool cert = fm->f[F_KIND].choice == 1;
		steps_focus_failure(s, fm, cert ? F_CERT : F_SECRET);
	}
}

static void draw(struct session *s, void *priv, int y)
{
	struct form *fm = priv;

	if (s->mode == WMODE_ROTATE)
		y = steps_intro(
			s, _("Rotation: in Certificates & secrets add a NEW client secret and keep the old "
			     "one until the end. Paste the new Value; it is verified on its own before "
			     "anything changes."));
	else if (fm->f[F_KIND].choice == 1)
		y = steps_intro(
			s, _("F8 makes a key (kept here, 0600) and a certificate; upload the .cer file under "
			     "Certificates & secrets > Certificates. The Extension Kit documents only a "
			     "client secret: use a certificate only if your version supports it."));
	else
		y = steps_intro(
			s, _("In the app registration open Certificates & secrets > Client secrets > New "
			     "client secret, choose an expiry (24 months at most) and Add. Copy the Value "
			     "at once: it is shown only now. The Secret ID next to it is not the secret. "
			     "F2 shows the first 3 characters, as the portal's Value column does."));
	draw_fields(s->ui, fm, y);
}

static void generate(struct session *s, struct form *fm)
{
	char dir[4096], cert[4300], key[4300], cer[4300], thumb[41];
	struct o365_err e;

	err_clear(&e);
	if (store_dir(dir, sizeof(dir), &e) != O365_OK || store_ensure_dir(dir, &e) != O365_OK ||
	    cert_generate(dir, s->profile_name, 730, cert, sizeof(cert), key, sizeof(key), cer, sizeof(cer),
			  &e) != O365_OK ||
	    cert_thumbprint(cert, thumb, &e) != O365_OK) {
		status_set(s->ui, true, "%s", e.msg);
		return;
	}
	field_set(&fm->f[F_CERT], cert);
	field_set(&fm->f[F_KEY], key);
	fields_validate(fm);
	snprintf(fm->note, sizeof(fm->note),
		 _("Upload %s (thumbprint %s) under Certificates & secrets > Certificates."), cer, thumb);
}

static bool handle(struct session *s, void *priv, enum action a, int key)
{
	struct form *fm = priv;

	if (a == ACT_GENERATE && fm->f[F_KIND].choice == 1) {
		generate(s, fm);
		return true;
	}
	if (!fields_handle(s->ui, fm, a, key))
		return false;
	show_kind(fm);
	return true;
}

static unsigned long long keys(struct session *s, void *priv)
{
	struct form *fm = priv;

	(void)s;
	return fm->f[F_KIND].choice == 1 ? ACT_BIT(ACT_GENERATE) : 0;
}

static bool leave(struct session *s, void *priv, bool forward)
{
	struct secret *st = priv;
	struct form *fm = &st->fm;
	char *clean = NULL, iso[16] = "";
	struct vmsg m;

	if (!steps_fields_ok(s, fm, forward))
		return false;
	if (fm->f[F_KIND].choice == 1) {
		if (s->p->auth != AUTH_CERTIFICATE)
			s->token_ran = s->mail_ran = false;
		s->p->auth = AUTH_CERTIFICATE;
		steps_commit_str(s, &s->p->cert_path, fm->f[F_CERT].buf);
		steps_commit_str(s, &s->p->key_path, fm->f[F_KEY].buf);
		codec_cleanse(s->key_passphrase, sizeof(s->key_passphrase));
		snprintf(s->key_passphrase, sizeof(s->key_passphrase), "%.255s", fm->f[F_PASS].buf);
		return true;
	}
	if (st->kept && !fm->f[F_SECRET].buf[0]) {
		if (s->p->auth != AUTH_SECRET)
			s->token_ran = s->mail_ran = false;
		s->p->auth = AUTH_SECRET;
		if (expiry_iso(fm->f[F_EXPIRY].buf, iso, sizeof(iso)))
			steps_commit_str(s, &s->p->secret_expiry, iso);
		return true;
	}
	if (validate_secret(fm->f[F_SECRET].buf, s->p->client_id, s->p->tenant, &clean, &m) == V_ERR)
		return !forward;
	expiry_iso(fm->f[F_EXPIRY].buf, iso, sizeof(iso));
	if (s->mode == WMODE_ROTATE) {
		codec_free_secret(&s->pending_secret);
		s->pending_secret = clean;
		snprintf(s->pending_expiry, sizeof(s->pending_expiry), "%s", iso);
		s->token_ran = s->mail_ran = false;
		return true;
	}
	s->p->auth = AUTH_SECRET;
	if (!s->p->secret || strcmp(s->p->secret, clean) != 0) {
		s->token_ran = s->mail_ran = false; /* a new secret needs new proof */
		profile_set_secret(s->p, clean);
		s->p->checklist[CL_SECRET_VALUE_COPIED] = true;
	}
	codec_free_secret(&clean);
	if (iso[0])
		steps_commit_str(s, &s->p->secret_expiry, iso);
	return true;
}

const struct step_ops step_secret = {.id = STEP_SECRET,
				     .private_size = sizeof(struct secret),
				     .enter = enter,
				     .draw = draw,
				     .handle = handle,
				     .leave = leave,
				     .keys = keys};
