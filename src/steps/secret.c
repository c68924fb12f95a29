/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step 2: the client secret Value and its expiry, or a certificate. In rotation the new secret is
 * kept apart from the profile until it has been verified. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/cert.h"
#include "core/codec.h"
#include "core/i18n.h"
#include "core/store.h"
#include "net/net.h"
#include "steps.h"

static const char *const kinds[] = {N_("Client secret"), N_("Certificate")};

enum { F_KIND, F_SECRET, F_EXPIRY, F_CERT, F_KEY };

static enum vres check_secret(struct wizard *w, struct field *f, struct vmsg *m)
{
	enum vres r = validate_secret(f->buf, w->p->client_id, w->p->tenant, NULL, m);

	if (r != V_ERR && w->mode == WMODE_ROTATE && w->p->secret) {
		char *t = validate_trim(f->buf);
		if (t && !strcmp(t, w->p->secret)) {
			m->res = r = V_ERR;
			snprintf(m->text, sizeof(m->text), "%s",
				 _("This is the secret in use now. Create a new client secret and paste its "
				   "Value."));
		}
		codec_free_secret(&t);
	}
	return r;
}

static enum vres check_expiry(struct wizard *w, struct field *f, struct vmsg *m)
{
	return validate_expiry(f->buf, time(NULL), m);
}

static enum vres check_file(struct wizard *w, struct field *f, struct vmsg *m)
{
	FILE *fp = f->buf[0] ? fopen(f->buf, "r") : NULL;

	m->res = fp ? V_OK : V_ERR;
	snprintf(m->text, sizeof(m->text), "%s",
		 fp ? "" : _("Cannot read this file; F8 generates a key and certificate."));
	if (fp)
		fclose(fp);
	return m->res;
}

static void show_kind(struct step_state *s)
{
	bool cert = s->f[F_KIND].choice == 1;

	s->f[F_SECRET].hidden = cert;
	s->f[F_EXPIRY].hidden = cert;
	s->f[F_CERT].hidden = !cert;
	s->f[F_KEY].hidden = !cert;
}

static void enter(struct wizard *w, struct step_state *s)
{
	if (s->loaded)
		return;
	s->n = 5;
	s->f[F_KIND] = (struct field){.label = N_("Credential"),
				      .kind = FK_CHOICE,
				      .choices = kinds,
				      .nchoices = 2,
				      .choice = w->p->auth == AUTH_CERTIFICATE};
	s->f[F_SECRET] =
		(struct field){.label = N_("Client secret Value"), .kind = FK_SECRET, .check = check_secret};
	s->f[F_EXPIRY] =
		(struct field){.label = N_("Expires (YYYY-MM-DD)"), .kind = FK_TEXT, .check = check_expiry};
	s->f[F_CERT] = (struct field){.label = N_("Certificate (PEM)"), .kind = FK_TEXT, .check = check_file};
	s->f[F_KEY] = (struct field){.label = N_("Private key (PEM)"), .kind = FK_TEXT, .check = check_file};
	if (w->mode != WMODE_ROTATE) {
		field_set(&s->f[F_SECRET], w->p->secret);
		field_set(&s->f[F_EXPIRY], w->p->secret_expiry);
	} else {
		s->f[F_KIND].choice = 0;
	}
	field_set(&s->f[F_CERT], w->p->cert_path);
	field_set(&s->f[F_KEY], w->p->key_path);
	s->focus = F_SECRET;
	show_kind(s);
	if (s->f[F_SECRET].buf[0])
		fields_validate(w, s);
}

static void draw(struct wizard *w, struct step_state *s, int y)
{
	if (w->mode == WMODE_ROTATE)
		y = steps_intro(
			w, _("Rotation: in Certificates & secrets add a NEW client secret and keep the old "
			     "one until the end. Paste the new Value; it is verified on its own before "
			     "anything changes."));
	else if (s->f[F_KIND].choice == 1)
		y = steps_intro(
			w, _("F8 makes a key (kept here, 0600) and a certificate; upload the .cer file under "
			     "Certificates & secrets > Certificates. The Extension Kit documents only a "
			     "client secret: use a certificate only if your version supports it."));
	else
		y = steps_intro(
			w, _("In the app registration open Certificates & secrets > Client secrets > New "
			     "client secret, choose an expiry (24 months at most) and Add. Copy the Value "
			     "at once: it is shown only now. The Secret ID next to it is not the secret."));
	draw_fields(w, s, y);
}

static void generate(struct wizard *w, struct step_state *s)
{
	char dir[4096], cert[4300], key[4300], cer[4300], thumb[41];
	struct o365_err e;

	err_clear(&e);
	if (store_dir(dir, sizeof(dir), &e) != O365_OK || store_ensure_dir(dir, &e) != O365_OK ||
	    cert_generate(dir, w->profile_name, 730, cert, sizeof(cert), key, sizeof(key), cer, sizeof(cer),
			  &e) != O365_OK ||
	    cert_thumbprint(cert, thumb, &e) != O365_OK) {
		status_set(w, true, "%s", e.msg);
		return;
	}
	field_set(&s->f[F_CERT], cert);
	field_set(&s->f[F_KEY], key);
	fields_validate(w, s);
	snprintf(s->note, sizeof(s->note),
		 _("Upload %s (thumbprint %s) under Certificates & secrets > Certificates."), cer, thumb);
}

static bool handle(struct wizard *w, struct step_state *s, enum action a, int key)
{
	if (a == ACT_GENERATE && s->f[F_KIND].choice == 1) {
		generate(w, s);
		return true;
	}
	if (!fields_handle(w, s, a, key))
		return false;
	show_kind(s);
	return true;
}

static bool leave(struct wizard *w, struct step_state *s, bool forward)
{
	char *clean = NULL;
	struct vmsg m;

	if (!steps_fields_ok(w, s, forward))
		return false;
	if (s->f[F_KIND].choice == 1) {
		w->p->auth = AUTH_CERTIFICATE;
		steps_commit_str(&w->p->cert_path, s->f[F_CERT].buf);
		steps_commit_str(&w->p->key_path, s->f[F_KEY].buf);
		return true;
	}
	if (validate_secret(s->f[F_SECRET].buf, w->p->client_id, w->p->tenant, &clean, &m) == V_ERR)
		return !forward;
	if (w->mode == WMODE_ROTATE) {
		codec_free_secret(&w->pending_secret);
		w->pending_secret = clean;
		snprintf(w->pending_expiry, sizeof(w->pending_expiry), "%.10s", s->f[F_EXPIRY].buf);
		w->token_ran = w->mail_ran = false;
		return true;
	}
	w->p->auth = AUTH_SECRET;
	if (!w->p->secret || strcmp(w->p->secret, clean) != 0)
		w->token_ran = w->mail_ran = false; /* a new secret needs new proof */
	profile_set_secret(w->p, clean);
	codec_free_secret(&clean);
	if (s->f[F_EXPIRY].msg.res != V_ERR)
		steps_commit_str(&w->p->secret_expiry, s->f[F_EXPIRY].buf);
	w->p->checklist[CL_SECRET_VALUE_COPIED] = true;
	return true;
}

const struct step_ops step_secret = {
	.id = STEP_SECRET, .enter = enter, .draw = draw, .handle = handle, .leave = leave};
