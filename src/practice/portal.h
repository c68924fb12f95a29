/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The practice portal's pages, as rows a screen draws or text prints: the app registration's
 * Overview (with its Object ID beside the IDs that matter), Certificates & secrets, API
 * permissions, and the Enterprise application's Object ID. */
#ifndef O365_PRACTICE_PORTAL_H
#define O365_PRACTICE_PORTAL_H

#include <stdbool.h>

#include "tenant.h"

enum pr_row_kind { PR_ROW_HEADING = 0, PR_ROW_FIELD, PR_ROW_COLUMNS, PR_ROW_TEXT };

struct pr_row {
	enum pr_row_kind kind;
	char label[64];	 /* heading, field label, or the first column */
	char value[160]; /* the field's value, or the other columns */
	bool copy;	 /* a value a trainee may copy into the wizard */
	int perm;	 /* the permission this row shows, or -1 */
};

/* Fills up to max rows; returns how many (caller holds the lock). A secret's Value shows until
 * practice_portal_leave(). */
int practice_portal_rows(struct practice *t, struct pr_row *rows, int max);
/* The trainee left the page: new secrets' Values are hidden from now on, as in the portal. */
void practice_portal_leave(struct practice *t);
/* The pages as text (heap), then leaves them (caller holds the lock). */
char *practice_portal_text(struct practice *t);

#endif
