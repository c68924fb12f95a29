/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

void err_clear(struct o365_err *e)
{
	if (!e)
		return;
	memset(e, 0, sizeof(*e));
	e->step = -1;
}

enum o365_rc err_set(struct o365_err *e, enum o365_rc rc, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return rc;
	e->rc = rc;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return rc;
}

void err_fix(struct o365_err *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	va_start(ap, fmt);
	vsnprintf(e->fix, sizeof(e->fix), fmt, ap);
	va_end(ap);
}

int err_exit_status(enum o365_rc rc)
{
	static const int status[] = {
		[O365_OK] = 0,	    [O365_EUSAGE] = 2,	 [O365_ECONFIG] = 3, [O365_EAUTH] = 4,
		[O365_EROLES] = 5,  [O365_EMAILBOX] = 6, [O365_ENET] = 7,    [O365_EEXPIRY] = 8,
		[O365_ECANCEL] = 1, [O365_EIO] = 3,
	};
	if ((unsigned)rc >= sizeof(status) / sizeof(status[0]))
		return 1;
	return status[rc];
}

const char *err_rc_name(enum o365_rc rc)
{
	static const char *const name[] = {
		[O365_OK] = "ok",	 [O365_EUSAGE] = "usage",   [O365_ECONFIG] = "config",
		[O365_EAUTH] = "auth",	 [O365_EROLES] = "roles",   [O365_EMAILBOX] = "mailbox",
		[O365_ENET] = "network", [O365_EEXPIRY] = "expiry", [O365_ECANCEL] = "cancelled",
		[O365_EIO] = "io",
	};
	if ((unsigned)rc >= sizeof(name) / sizeof(name[0]))
		return "unknown";
	return name[rc];
}

void err_print(const struct o365_err *e)
{
	fprintf(stderr, "%s: %s\n", PACKAGE, e->msg);
	if (e->fix[0])
		fprintf(stderr, "%s: %s\n", PACKAGE, e->fix);
}
