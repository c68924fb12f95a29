/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The result of a verification: one line per check (OK / WARN / FAIL / INFO) with the step and
 * fix. Batch prints it; the wizard draws it. */
#ifndef O365_REPORT_H
#define O365_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"

enum rstatus { RS_OK = 0, RS_INFO, RS_WARN, RS_FAIL };

struct report_line {
	enum rstatus st;
	char *check; /* short id: fields, tenant, token, roles, imap:box@x ... */
	char *text;
	char *fix; /* NULL when none */
	int step;  /* -1 when none */
	enum o365_rc rc;
};

struct report {
	struct report_line *lines;
	int n;
};

void report_add(struct report *r, enum rstatus st, const char *check, int step, enum o365_rc rc,
		const char *fix, const char *fmt, ...) O365_PRINTF(7, 8);
/* The code of the first failure in check order, else EEXPIRY when flagged, else OK. */
enum o365_rc report_rc(const struct report *r);
int report_count(const struct report *r, enum rstatus st);
const struct report_line *report_first_fail(const struct report *r);
void report_print(FILE *f, const struct report *r, bool color, bool quiet);
void report_free(struct report *r);
const char *rstatus_label(enum rstatus st);

#endif
