/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The result of a verification: one line per check (OK / WARN / FAIL / INFO) with the step and
 * fix. Batch prints it; the wizard draws it. */
#ifndef O365_REPORT_H
#define O365_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "profile.h"

enum rstatus { RS_OK = 0, RS_INFO, RS_WARN, RS_FAIL };

/* What a line is about: front-ends filter on this, never on the id's text. */
enum rkind {
	RK_FIELD = 0,  /* a local field check; the subject names the field ("fields" for the summary) */
	RK_EXPIRY,     /* the secret's expiry date */
	RK_TENANT,     /* tenant discovery */
	RK_TOKEN,      /* the token request */
	RK_CLAIMS,     /* what the token says */
	RK_ROLES,      /* the token's roles */
	RK_IMAP,       /* one mailbox's IMAP login; subject = mailbox */
	RK_SMTP,       /* one mailbox's SMTP login; subject = mailbox */
	RK_MAILBOXES,  /* the mailbox checks as a whole */
	RK_SEND_TEST,  /* the real test message */
	RK_DENIED,     /* a mailbox that must be refused; subject = mailbox */
	RK_TRANSCRIPT, /* the saved server dialogue */
	RK_COUNT
};

struct report_line {
	enum rstatus st;
	enum rkind kind;
	char *check;   /* the id shown and recorded: fields, tenant, token, roles, imap:box@x ... */
	char *subject; /* what the kind is about: the mailbox of RK_IMAP, RK_SMTP, RK_DENIED; the
			* field of RK_FIELD; NULL otherwise */
	char *text;
	char *fix; /* NULL when none */
	int step;  /* -1 when none */
	enum o365_rc rc;
};

struct report {
	struct report_line *lines;
	int n;
	/* Called after each line is added (a front-end prints it at once); may be NULL. */
	void (*added)(void *ud, struct report *r);
	void *ud;
	int shown; /* lines already printed by the front-end */
};

/* subject: the field for RK_FIELD, the mailbox for RK_IMAP, RK_SMTP and RK_DENIED, else NULL. */
void report_add(struct report *r, enum rstatus st, enum rkind kind, const char *subject, int step,
		enum o365_rc rc, const char *fix, const char *fmt, ...) O365_PRINTF(8, 9);
/* Whether a line belongs to the mailbox checks (logins, the summary, the test message). */
bool rkind_is_mail(enum rkind k);
/* The code of the first failure in check order, else EEXPIRY when flagged, else OK. */
enum o365_rc report_rc(const struct report *r);
int report_count(const struct report *r, enum rstatus st);
const struct report_line *report_first_fail(const struct report *r);
/* The whole run in one line ("passed", "passed with warnings", "failed at CHECK: step N (name)"),
 * and its status. */
enum check_status report_summary(const struct report *r, char *out, size_t n);
void report_print(FILE *f, const struct report *r, bool color, bool quiet);
/* Prints lines from index `from` on, and flushes f after each: a killed run keeps its log. */
void report_print_from(FILE *f, const struct report *r, int from, bool color, bool quiet);
/* Frees the lines and empties the report; the struct itself stays usable. */
void report_clear(struct report *r);
const char *rstatus_label(enum rstatus st);

#endif
