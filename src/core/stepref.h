/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Wizard step numbers and names as the catalogue and reports cite them ("go back to step N").
 * The step table in src/steps/ uses the same numbers. */
#ifndef O365_STEPREF_H
#define O365_STEPREF_H

enum step_id {
	STEP_START = 0,
	STEP_APP = 1,
	STEP_SECRET = 2,
	STEP_PERMISSIONS = 3,
	STEP_TOKEN = 4,
	STEP_EXCHANGE = 5,
	STEP_MAILSERVER = 6,
	STEP_MAILBOX = 7,
	STEP_SUMMARY = 8,
	STEP_COUNT
};

/* Translated short name, e.g. "Client secret". */
const char *step_name(int step);

#endif
