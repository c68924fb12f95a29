/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One error idiom: a status code plus a translated message and fix. Only main.c maps codes to
 * exit statuses. */
#ifndef O365_ERR_H
#define O365_ERR_H

#include <stddef.h>

enum o365_rc {
	O365_OK = 0,
	O365_EUSAGE,   /* bad command line */
	O365_ECONFIG,  /* configuration missing, invalid or insecure */
	O365_EAUTH,    /* token endpoint rejected tenant, app, secret or certificate */
	O365_EROLES,   /* token lacks a required permission */
	O365_EMAILBOX, /* a mailbox refused access */
	O365_ENET,     /* network, TLS or server failure */
	O365_EEXPIRY,  /* all fine, but the secret expires soon */
	O365_ECANCEL,  /* the user cancelled */
	O365_EIO,      /* local file system failure */
};

struct o365_err {
	enum o365_rc rc;
	int step; /* wizard step to return to, -1 when none */
	char msg[1024];
	char fix[1024];
};

#if defined(__GNUC__)
#define O365_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define O365_PRINTF(a, b)
#endif

void err_clear(struct o365_err *e);
/* Sets rc and message; returns rc so callers can `return err_set(...)`. NULL-safe. */
enum o365_rc err_set(struct o365_err *e, enum o365_rc rc, const char *fmt, ...) O365_PRINTF(3, 4);
void err_fix(struct o365_err *e, const char *fmt, ...) O365_PRINTF(2, 3);
/* Exit status for a code (the table documented in the man page). */
int err_exit_status(enum o365_rc rc);
const char *err_rc_name(enum o365_rc rc);
/* "PACKAGE: message" and the fix on stderr, for front-ends before (or without) a screen. */
void err_print(const struct o365_err *e);

#endif
