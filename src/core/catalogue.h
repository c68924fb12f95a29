/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The catalogue of failures: every AADSTS code, transport fault and mail server reply we know,
 * mapped to the wizard step to return to, the cause in plain words, and the fix. One table each;
 * decisions branch on codes, never on our own message text. */
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

/* Where and how a mail dialogue ended. net/mail.c sets it while the dialogue runs, where each fact
 * is known; nothing downstream reads the transcript to decide. */
enum mail_verdict {
	MV_OK = 0,
	MV_TRANSPORT,	    /* no reply decided it: see the transport fault */
	MV_BUSY,	    /* a transient "come back later": 421, 4xx or BYE before login, [UNAVAILABLE] */
	MV_GREETING,	    /* refused before login (greeting, EHLO or CAPABILITY) */
	MV_NO_XOAUTH2,	    /* the capabilities do not offer XOAUTH2 */
	MV_STARTTLS,	    /* STARTTLS not offered or refused */
	MV_AUTH_REFUSED,    /* the reply to AUTH (or an RFC 7628 error challenge) refused the token */
	MV_COMMAND_REFUSED, /* logged in, then EXAMINE, NOOP, MAIL, RCPT or DATA was refused */
	MV_COUNT
};

/* The server reply that decided a verdict, as codes. */
struct mail_reply {
	int code;	    /* SMTP reply code (535), 0 for IMAP */
	char status[16];    /* SMTP enhanced status ("5.7.139"); IMAP "NO", "BAD" or "BYE" */
	char resp_code[32]; /* IMAP response code without brackets ("AUTHENTICATIONFAILED") */
	char command[16];   /* our command it answered ("AUTH", "MAIL", "EXAMINE"), "" for the greeting */
	bool sasl_error;    /* the server sent an RFC 7628 error challenge */
	char text[512];	    /* the reply line verbatim */
};

/* What a refusal means; one fix each. */
enum mail_cause {
	MC_OK = 0,
	MC_AUTH_FAILED,	       /* IMAP NO AUTHENTICATE failed / generic SASL refusal */
	MC_NOT_CONNECTED,      /* IMAP login accepted, mailbox refused (BAD User is authenticated but not
				  connected) */
	MC_SMTP_535_573,       /* 535 5.7.3 */
	MC_SMTP_AUTH_DISABLED, /* 535 5.7.139 SmtpClientAuthentication is disabled */
	MC_BASIC_DISABLED,     /* 535 5.7.139 basic authentication is disabled */
	MC_NOT_AUTHENTICATED,  /* 530 5.7.57 */
	MC_STOREDRV,	       /* 430 4.2.0 STOREDRV mailbox logon failure */
	MC_SENDAS_DENIED,      /* 554 5.2.252 SendAsDenied, or a sender refused after login */
	MC_NO_XOAUTH2,	       /* server does not offer XOAUTH2 */
	MC_STARTTLS,	       /* STARTTLS refused or missing */
	MC_UNKNOWN_USER,       /* mailbox does not exist */
	MC_BUSY,	       /* the server asked us to come back later */
	MC_GREETING,	       /* the server refused before login */
	MC_OTHER,
	MC_COUNT
};

/* Splits one server reply line into its codes (keeps command and sasl_error as they are). */
void catalogue_mail_reply_parse(enum mail_proto proto, const char *line, struct mail_reply *out);
/* Whether a refusal at this point is the server's "busy, try later" rather than a verdict. */
bool catalogue_mail_transient(enum mail_proto proto, bool before_login, const struct mail_reply *rp);
/* The cause of a verdict, from the reply's codes (and Microsoft's fixed keywords where one code
 * has several meanings). rp may be NULL. */
enum mail_cause catalogue_mail_cause(enum mail_proto proto, enum mail_verdict v, const struct mail_reply *rp);
/* The step and fix for a cause. roles_ok says the token's roles were right, which points a
 * refusal at the Exchange step. */
const struct fix *catalogue_mail(enum mail_cause c, enum mail_proto proto, bool roles_ok);
/* Whether a cause is a login refused although the token looked right (Exchange may still be
 * propagating, or a claims warning explains it better). */
bool catalogue_mail_login_refused(enum mail_cause c);

#endif
