/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The outcome of the last --check of a profile, kept in a small state file under
 * $XDG_STATE_HOME: a check records what it saw without ever writing the profile itself, so a
 * monitoring run can never rewrite configuration. The profile's own "last_verification" is the
 * result recorded when it was last saved (by the wizard or --batch). */
#ifndef O365_LASTCHECK_H
#define O365_LASTCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "err.h"
#include "profile.h"
#include "report.h"

struct last_check {
	time_t at;
	enum check_status status; /* CHECK_OK, CHECK_WARN or CHECK_FAIL */
	enum o365_rc rc;	  /* the run's result code */
	int step;		  /* the step the first failure points at, -1 when none */
	char check[300];	  /* the first failing check's id ("imap:box@x"), "" when none */
	char message[600];	  /* the summary, in the language of the run */
};

/* The state file for a profile path: <state_dir>/<name>-<hash>.json, the hash of the absolute
 * path telling apart profiles of the same name in different directories. */
enum o365_rc lastcheck_path(const char *profile_path, char *out, size_t n, struct o365_err *e);
/* Fills lc from a finished report. */
void lastcheck_from_report(const struct report *r, time_t now, struct last_check *lc);
/* Writes the state file atomically (0600, no backups). */
enum o365_rc lastcheck_save(const char *profile_path, const struct last_check *lc, struct o365_err *e);
/* Reads it; false when no check was recorded (or the file is unreadable). */
bool lastcheck_load(const char *profile_path, struct last_check *lc);

#endif
