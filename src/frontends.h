/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The front-ends main() chooses between. Each returns a status code; *status is the exit status
 * for modes with their own convention (Nagios). */
#ifndef O365_FRONTENDS_H
#define O365_FRONTENDS_H

#include <stdio.h>

#include "core/err.h"
#include "options.h"

enum o365_rc batch_check(const struct options *o, int *status);
enum o365_rc batch_check_all(const struct options *o, int *status);
enum o365_rc batch_apply(const struct options *o);
enum o365_rc batch_rotate(const struct options *o);
enum o365_rc batch_export(const struct options *o);
enum o365_rc batch_powershell(const struct options *o);
enum o365_rc batch_list(const struct options *o);
enum o365_rc wizard_run(const struct options *o);
/* --practice: the same modes against the simulated tenant. */
enum o365_rc practice_run(const struct options *o, int *status);
/* The front-end for o's mode (main.c). */
enum o365_rc frontend_run(const struct options *o, int *status);
/* The practice profiles, each marked PRACTICE, for --list. */
void practice_list_profiles(FILE *f);
/* The wizard's keys from the action table, one "KEYS<TAB>what" line each. */
void wizard_print_keys(FILE *f);

/* Shared by the batch modes. */
struct report;
void batch_print_report(const struct options *o, const struct report *r);
/* Makes r print each line as it is added (not with --nagios). */
void batch_live_report(const struct options *o, struct report *r);

#endif
