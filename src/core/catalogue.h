/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The catalogue of failures: every AADSTS code, transport fault and mail server reply we know,
 * mapped to the wizard step to return to, the cause in plain words, and the fix. One table each;
 * decisions branch on codes, never on message text (except mail replies, which have no codes). */
#ifndef O365_CATALOGUE_H
#define O365_CATALOGUE_H

#include <stdbool.h>

#include "err.h"

struct fix {
	enum o365_rc rc;
	int step;
	const char *cause; /* untranslated; use _() */
	const char *fix;   /* untranslated; use _() */
};

enum net_fault {
	NF_NONE = 0,
	NF_DNS,
	NF_REFUSED,
	NF_TLS_VERIFY,
	NF_TLS,
	NF_TIMEOUT,
	NF_PROXY,
	NF_HTTP_429,
	NF_HTTP_5XX,
	NF_NOT_JSON,
	NF_HTML,
	NF_OVERSIZED,
	NF_CLOSED,
	NF_NO_TOKEN,
	NF_REDIRECT,
	NF_HTTP_OTHER,
	NF_CANCELLED,
	NF_LOCAL,
	NF_COUNT
};

/* NULL when the code is not in the catalogue. */
const struct fix *catalogue_aadsts(long code);
const struct fix *catalogue_fault(enum net_fault f);

/* Mail server replies. */
enum mail_proto { MP_IMAP = 0, MP_SMTP };

enum mail_verdict {
	MV_OK = 0,
	MV_AUTH_FAILED,	       /* IMAP NO AUTHENTICATE failed / generic SASL refusal */
	MV_NOT_CONNECTED,      /* IMAP BAD User is authenticated but not connected */
	MV_SMTP_535_573,       /* 535 5.7.3 */
	MV_SMTP_AUTH_DISABLED, /* 535 5.7.139 SmtpClientAuthentication is disabled */
	MV_BASIC_DISABLED,     /* 535 5.7.139 basic authentication is disabled */
	MV_NOT_AUTHENTICATED,  /* 530 5.7.57 */
	MV_STOREDRV,	       /* 430 4.2.0 STOREDRV mailbox logon failure */
	MV_SENDAS_DENIED,      /* 554 5.2.252 SendAsDenied */
	MV_NO_XOAUTH2,	       /* server does not offer XOAUTH2 */
	MV_STARTTLS,	       /* STARTTLS refused or missing */
	MV_UNKNOWN_USER,       /* mailbox does not exist */
	MV_OTHER,
	MV_COUNT
};

/* Reads the server's own words (the transcript) and decides. */
enum mail_verdict catalogue_mail_classify(enum mail_proto proto, const char *transcript);
/* The step and fix for a verdict. roles_ok says the token's roles were right, which points a
 * refusal at the Exchange step. */
const struct fix *catalogue_mail(enum mail_verdict v, enum mail_proto proto, bool roles_ok);

#endif
