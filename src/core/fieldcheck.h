/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The local checks of a whole profile, before anything goes on the network: each field through
 * its validator, the certificate files, the transport, the secret's expiry. One report line each. */
#ifndef O365_FIELDCHECK_H
#define O365_FIELDCHECK_H

#include <stdbool.h>

#include "profile.h"
#include "report.h"

struct fieldcheck_opts {
	const char *secret; /* the secret to check (the profile's, or a new one being rotated in) */
	bool token_only;    /* only what the token needs (steps 0-2) */
	int warn_days;	    /* warn when the secret expires within this many days; -1 never */
};

void fieldcheck_run(const struct profile *p, const struct fieldcheck_opts *o, struct report *r);

#endif
