/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Catalogue, claims and report: the diagnosis logic without any network. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "claims.h"
#include "cloud.h"
#include "codec.h"
#include "report.h"
#include "stepref.h"
#include "tap.h"

static void every_required_code_has_a_step_and_fix(void **s)
{
	const long codes[] = {7000215, 7000222, 700016,	 90002,	 900023,  9001023, 70011,  1002012,
			      500011,  7000216, 7000218, 700025, 7000112, 700027,  700024, 53003};
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		const struct fix *f = catalogue_aadsts(codes[i]);
		if (!f)
			fail_msg("AADSTS%ld is not in the catalogue", codes[i]);
		assert_true(f->step >= STEP_START && f->step < STEP_COUNT);
		assert_true(strlen(f->cause) > 10 && strlen(f->fix) > 10);
		assert_int_equal(f->rc, O365_EAUTH);
	}
	assert_null(catalogue_aadsts(12345));
	assert_int_equal(catalogue_aadsts(7000215)->step, STEP_SECRET);
	assert_int_equal(catalogue_aadsts(700016)->step, STEP_APP);
	assert_non_null(strstr(catalogue_aadsts(7000215)->fix, "Value"));
}

static void every_fault_has_words(void **s)
{
	for (int f = NF_DNS; f < NF_COUNT; f++) {
		const struct fix *fx = catalogue_fault((enum net_fault)f);
		assert_true(strlen(fx->cause) > 5 && strlen(fx->fix) > 5);
	}
	assert_non_null(strstr(catalogue_fault(NF_TLS_VERIFY)->fix, "--cacert"));
}

static void mail_replies(void **s)
{
	struct {
		enum mail_proto p;
		enum mail_verdict v;
		const char *command;
		const char *line;
		enum mail_cause c;
		int step;
	} cases[] = {
		{MP_IMAP, MV_AUTH_REFUSED, "AUTH", "A002 NO AUTHENTICATE failed.", MC_AUTH_FAILED,
		 STEP_EXCHANGE},
		{MP_IMAP, MV_COMMAND_REFUSED, "EXAMINE", "A003 BAD User is authenticated but not connected.",
		 MC_NOT_CONNECTED, STEP_EXCHANGE},
		{MP_SMTP, MV_AUTH_REFUSED, "AUTH", "535 5.7.3 Authentication unsuccessful [X]",
		 MC_SMTP_535_573, STEP_EXCHANGE},
		{MP_SMTP, MV_AUTH_REFUSED, "AUTH",
		 "535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the "
		 "Tenant.",
		 MC_SMTP_AUTH_DISABLED, STEP_EXCHANGE},
		{MP_SMTP, MV_AUTH_REFUSED, "AUTH",
		 "535 5.7.139 Authentication unsuccessful, basic authentication is disabled.",
		 MC_BASIC_DISABLED, STEP_MAILSERVER},
		{MP_SMTP, MV_COMMAND_REFUSED, "MAIL", "530 5.7.57 Client not authenticated to send mail.",
		 MC_NOT_AUTHENTICATED, STEP_EXCHANGE},
		{MP_SMTP, MV_COMMAND_REFUSED, "DATA", "430 4.2.0 STOREDRV; mailbox logon failure;",
		 MC_STOREDRV, STEP_EXCHANGE},
		{MP_SMTP, MV_COMMAND_REFUSED, "DATA", "554 5.2.252 SendAsDenied; a not allowed to send as b",
		 MC_SENDAS_DENIED, STEP_EXCHANGE},
		{MP_SMTP, MV_COMMAND_REFUSED, "RCPT",
		 "553 5.7.1 <o@x>: Sender address rejected: not owned by user b@x", MC_SENDAS_DENIED,
		 STEP_EXCHANGE},
		{MP_SMTP, MV_COMMAND_REFUSED, "MAIL", "553 5.7.1 <o@x>: not yours", MC_SENDAS_DENIED,
		 STEP_EXCHANGE},
		{MP_SMTP, MV_STARTTLS, "STARTTLS", "454 4.7.0 TLS not available", MC_STARTTLS,
		 STEP_MAILSERVER},
		{MP_IMAP, MV_AUTH_REFUSED, "AUTH", "A002 NO [AUTHENTICATIONFAILED] Authentication failed.",
		 MC_AUTH_FAILED, STEP_EXCHANGE},
		{MP_IMAP, MV_NO_XOAUTH2, "", "", MC_NO_XOAUTH2, STEP_MAILSERVER},
		{MP_IMAP, MV_GREETING, "CAPABILITY", "A001 BAD not now", MC_GREETING, STEP_MAILSERVER},
		{MP_SMTP, MV_BUSY, "", "421 4.3.2 Service not available", MC_BUSY, -1},
		{MP_SMTP, MV_COMMAND_REFUSED, "RCPT", "550 5.1.1 <x@y>: Recipient address rejected",
		 MC_UNKNOWN_USER, STEP_MAILSERVER},
		{MP_IMAP, MV_COMMAND_REFUSED, "EXAMINE", "A003 NO [NONEXISTENT] Mailbox doesn't exist: INBOX",
		 MC_UNKNOWN_USER, STEP_MAILSERVER},
		/* the words do not matter where a code decides */
		{MP_SMTP, MV_AUTH_REFUSED, "AUTH", "535 5.7.3 .lufsseccusnu noitacitnehtuA", MC_SMTP_535_573,
		 STEP_EXCHANGE},
		{MP_IMAP, MV_COMMAND_REFUSED, "EXAMINE", "A003 BAD .detcennoc ton tub", MC_NOT_CONNECTED,
		 STEP_EXCHANGE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mail_reply rp = {0};
		enum mail_cause c;
		catalogue_mail_reply_parse(cases[i].p, cases[i].line, &rp);
		snprintf(rp.command, sizeof(rp.command), "%s", cases[i].command);
		c = catalogue_mail_cause(cases[i].p, cases[i].v, &rp);
		if (c != cases[i].c)
			fail_msg("case %zu: cause %d, want %d", i, c, cases[i].c);
		assert_int_equal(catalogue_mail(c, cases[i].p, true)->step, cases[i].step);
	}
	/* an RFC 7628 error challenge is an AUTH refusal whatever follows */
	{
		struct mail_reply rp = {.sasl_error = true};
		assert_int_equal(catalogue_mail_cause(MP_IMAP, MV_AUTH_REFUSED, &rp), MC_AUTH_FAILED);
		assert_int_equal(catalogue_mail_cause(MP_SMTP, MV_AUTH_REFUSED, &rp), MC_AUTH_FAILED);
	}
	/* replies split into codes */
	{
		struct mail_reply rp = {0};
		catalogue_mail_reply_parse(MP_SMTP, "535 5.7.139 Authentication unsuccessful", &rp);
		assert_int_equal(rp.code, 535);
		assert_string_equal(rp.status, "5.7.139");
		catalogue_mail_reply_parse(MP_SMTP, "250-AUTH LOGIN", &rp);
		assert_int_equal(rp.code, 250);
		assert_string_equal(rp.status, "");
		catalogue_mail_reply_parse(MP_IMAP, "A002 NO [AUTHENTICATIONFAILED] Authentication failed.",
					   &rp);
		assert_string_equal(rp.status, "NO");
		assert_string_equal(rp.resp_code, "AUTHENTICATIONFAILED");
		catalogue_mail_reply_parse(MP_IMAP, "* BYE Connection queue full", &rp);
		assert_string_equal(rp.status, "BYE");
	}
	/* busy: transient replies, told apart from refusals */
	{
		struct mail_reply rp = {0};
		catalogue_mail_reply_parse(MP_IMAP, "* BYE Connection queue full", &rp);
		assert_true(catalogue_mail_transient(MP_IMAP, true, &rp));
		assert_false(catalogue_mail_transient(MP_IMAP, false, &rp));
		catalogue_mail_reply_parse(MP_SMTP, "421 4.3.2 Service not available", &rp);
		assert_true(catalogue_mail_transient(MP_SMTP, false, &rp));
		catalogue_mail_reply_parse(MP_SMTP, "451 4.7.0 Temporary server error", &rp);
		assert_true(catalogue_mail_transient(MP_SMTP, true, &rp));
		assert_false(catalogue_mail_transient(MP_SMTP, false, &rp));
		catalogue_mail_reply_parse(MP_SMTP, "430 4.2.0 STOREDRV; mailbox logon failure", &rp);
		assert_false(catalogue_mail_transient(MP_SMTP, false, &rp));
		catalogue_mail_reply_parse(MP_IMAP, "A3 NO [UNAVAILABLE] try later", &rp);
		assert_true(catalogue_mail_transient(MP_IMAP, false, &rp));
	}
	/* with the role missing, a refusal points at the permissions step */
	assert_int_equal(catalogue_mail(MC_AUTH_FAILED, MP_IMAP, false)->step, STEP_PERMISSIONS);
	assert_int_equal(catalogue_mail(MC_AUTH_FAILED, MP_IMAP, false)->rc, O365_EROLES);
	assert_non_null(strstr(catalogue_mail(MC_SMTP_AUTH_DISABLED, MP_SMTP, true)->fix, "Set-CASMailbox"));
	assert_non_null(
		strstr(catalogue_mail(MC_SENDAS_DENIED, MP_SMTP, true)->fix, "Add-RecipientPermission"));
	assert_int_equal(catalogue_mail(MC_BUSY, MP_IMAP, true)->rc, O365_ENET);
}

static char *make_jwt(const char *payload)
{
	char *p = codec_b64url_encode((const unsigned char *)payload, strlen(payload));
	char *out = malloc(strlen(p) + 64);
	sprintf(out, "eyJhbGciOiJSUzI1NiJ9.%s.c2ln", p);
	free(p);
	return out;
}

static void claims_good_and_missing(void **s)
{
	struct profile *p = profile_new();
	struct claims c;
	struct report r = {0};
	char why[200];
	char *tok = make_jwt(
		"{\"aud\":\"https://outlook.office365.com\",\"tid\":\"72f988bf-86f1-41af-91ab-2d7cd011db47\","
		"\"appid\":\"11111111-2222-3333-4444-555555555555\",\"oid\":\"99999999-8888-7777-6666-"
		"555555555555\","
		"\"idtyp\":\"app\",\"appidacr\":\"1\",\"roles\":[\"SMTP.SendAsApp\"],\"exp\":4102444800}");

	profile_set_str(&p->tenant, "72f988bf-86f1-41af-91ab-2d7cd011db47");
	profile_set_str(&p->client_id, "11111111-2222-3333-4444-555555555555");
	assert_true(claims_decode(tok, &c, why, sizeof(why)));
	assert_string_equal(c.oid, "99999999-8888-7777-6666-555555555555");
	assert_true(claims_has_role(&c, "SMTP.SendAsApp"));
	assert_false(claims_has_role(&c, "IMAP.AccessAsApp"));
	p->mod_delivery = false;
	assert_true(claims_diagnose(&c, p, 1795780800, &r));
	assert_string_equal(p->sp_object_id, "99999999-8888-7777-6666-555555555555");
	assert_int_equal(report_rc(&r), O365_OK);
	report_clear(&r);
	p->mod_delivery = true; /* delivery notifications need IMAP */
	assert_false(claims_diagnose(&c, p, 1795780800, &r));
	assert_int_equal(report_rc(&r), O365_EROLES);
	assert_int_equal(report_first_fail(&r)->step, STEP_PERMISSIONS);
	assert_non_null(strstr(report_first_fail(&r)->fix, "Office 365 Exchange Online"));
	report_clear(&r);
	claims_free(&c);
	free(tok);
	profile_free(&p);
}

static void claims_not_a_jwt(void **s)
{
	struct claims c;
	char why[200];
	assert_false(claims_decode("opaque-token", &c, why, sizeof(why)));
	assert_true(strlen(why) > 5);
	assert_false(claims_decode("a.!!!.c", &c, why, sizeof(why)));
	assert_false(claims_decode("a.bm90IGpzb24.c", &c, why, sizeof(why)));
	assert_false(claims_decode(NULL, &c, why, sizeof(why)));
}

static void report_codes(void **s)
{
	struct report r = {0};
	report_add(&r, RS_OK, RK_FIELD, "a", -1, O365_OK, NULL, "fine");
	assert_int_equal(report_rc(&r), O365_OK);
	report_add(&r, RS_WARN, RK_EXPIRY, NULL, STEP_SECRET, O365_EEXPIRY, NULL, "soon");
	assert_int_equal(report_rc(&r), O365_EEXPIRY);
	report_add(&r, RS_FAIL, RK_TOKEN, NULL, STEP_SECRET, O365_EAUTH, "fix it", "bad");
	report_add(&r, RS_FAIL, RK_IMAP, "b@x", STEP_EXCHANGE, O365_EMAILBOX, "fix", "bad");
	assert_int_equal(report_rc(&r), O365_EAUTH); /* the first failure in check order */
	assert_int_equal(report_count(&r, RS_FAIL), 2);
	/* lines are typed: a kind and what it is about, besides the id shown */
	assert_int_equal(r.lines[3].kind, RK_IMAP);
	assert_string_equal(r.lines[3].subject, "b@x");
	assert_string_equal(r.lines[3].check, "imap:b@x");
	assert_true(rkind_is_mail(r.lines[3].kind));
	assert_int_equal(r.lines[2].kind, RK_TOKEN);
	assert_null(r.lines[2].subject);
	assert_string_equal(r.lines[2].check, "token");
	report_clear(&r);
	assert_int_equal(r.n, 0);
}

/* Facts with one home: clouds, the secret mask, sender and username. */
static void one_home(void **s)
{
	char m[80];
	struct profile *p = profile_new();

	assert_int_equal(cloud_from_discovery("microsoftonline.us", NULL), CLOUD_USGOV);
	assert_int_equal(cloud_from_discovery("partner.microsoftonline.cn", NULL), CLOUD_CHINA);
	assert_int_equal(cloud_from_discovery("microsoftonline.com", "WW"), CLOUD_GLOBAL);
	assert_int_equal(cloud_from_discovery(NULL, "USGov"), CLOUD_USGOV);
	assert_int_equal(cloud_from_discovery("", "WW"), -1);
	assert_int_equal(cloud_from_discovery("evilmicrosoftonline.com", NULL), -1);
	assert_true(cloud_is_exchange_audience(CLOUD_USGOV, "https://outlook.office365.us/"));
	assert_true(cloud_is_exchange_audience(CLOUD_GLOBAL, "00000002-0000-0ff1-ce00-000000000000"));
	assert_false(cloud_is_exchange_audience(CLOUD_GLOBAL, "https://graph.microsoft.com"));
	codec_mask_secret("bP88Q~rcBcYjzzOhg1Hnn76Wm3jGgakZiZ.8vMgR", false, "*", m, sizeof(m));
	assert_string_equal(m, "************");
	codec_mask_secret("bP88Q~rcBcYjzzOhg1Hnn76Wm3jGgakZiZ.8vMgR", true, "*", m, sizeof(m));
	assert_string_equal(m, "************vMgR");
	codec_mask_secret("short", true, "*", m, sizeof(m));
	assert_string_equal(m, "*****");
	codec_mask_secret(NULL, true, "*", m, sizeof(m));
	assert_string_equal(m, "");
	assert_false(profile_sender_differs(p));
	profile_set_str(&p->username, "Box@Example.test");
	profile_set_str(&p->sender, "box@example.test");
	assert_false(profile_sender_differs(p));
	profile_set_str(&p->sender, "alerts@example.test");
	assert_true(profile_sender_differs(p));
	profile_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_required_code_has_a_step_and_fix),
		cmocka_unit_test(every_fault_has_words),
		cmocka_unit_test(mail_replies),
		cmocka_unit_test(claims_good_and_missing),
		cmocka_unit_test(claims_not_a_jwt),
		cmocka_unit_test(report_codes),
		cmocka_unit_test(one_home),
	};
	return RUN(tests);
}
