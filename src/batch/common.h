/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers shared by the non-interactive modes. */
#ifndef O365_BATCH_COMMON_H
#define O365_BATCH_COMMON_H

#include <stdbool.h>
#include <stdio.h>

#include "check/verify.h"
#include "core/err.h"
#include "core/profile.h"
#include "core/store.h"
#include "options.h"

struct loaded {
	char path[4096];
	struct profile *p;
};

/* Resolves and loads the profile named by the options; prints what went wrong. */
enum o365_rc batch_load(const struct options *o, struct loaded *l);
void batch_verify_opts(const struct options *o, struct verify_opts *vo);
/* Reads the secret from --secret-stdin or --secret-file (0600, owned by us). *secret is NULL when
 * neither was given. */
enum o365_rc batch_read_secret(const struct options *o, char **secret, struct o365_err *e);

/* Records a check's outcome beside the profile; a failure to record is said, not fatal. */
struct last_check;
void batch_record_last_check(const char *path, const struct last_check *lc);
/* One Nagios line for a profile (name prefixes text and perfdata labels, or NULL); returns the
 * Nagios status. */
int batch_nagios(FILE *out, const char *name, const struct options *o, const struct profile *p,
		 const struct report *r, const struct verify_state *st, enum o365_rc rc, double secs);

#endif
