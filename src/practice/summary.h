/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The trainer's summary of a practice session: scenario, time per step, the checks that failed,
 * and what was changed to fix them. */
#ifndef O365_PRACTICE_SUMMARY_H
#define O365_PRACTICE_SUMMARY_H

#include "core/report.h"
#include "tenant.h"

/* Records a finished check from its report (caller holds the lock). A partial check (token only)
 * is recorded only when it failed. */
void practice_record_check(struct practice *t, const struct report *r, bool full);
/* Records the time spent on a wizard step (caller holds the lock). */
void practice_record_step(struct practice *t, int step, double seconds);
/* Whether a check has passed since the session began (caller holds the lock). */
bool practice_verified(const struct practice *t);
/* The summary as text (heap); the caller holds the lock. */
char *practice_summary(struct practice *t);

#endif
