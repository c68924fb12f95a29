/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From the command line to the verifier: shared by both front-ends. */
#ifndef O365_SETTINGS_H
#define O365_SETTINGS_H

#include "check/verify.h"
#include "core/err.h"
#include "core/profile.h"
#include "options.h"

/* Applies --authority, --cacert, --imap-server, --smtp-server to the profile. */
enum o365_rc settings_apply_overrides(const struct options *o, struct profile *p, struct o365_err *e);
/* The verification options the command line asks for (no progress callback). */
void settings_verify_opts(const struct options *o, struct verify_opts *vo);

#endif
