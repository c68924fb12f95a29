/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Exports of a profile: the M-Files Admin field sheet, our documented JSON, and shell KEY=VALUE. */
#ifndef O365_EXPORT_H
#define O365_EXPORT_H

#include <stdbool.h>

#include "profile.h"

enum export_format { EXPORT_SHEET = 0, EXPORT_JSON, EXPORT_ENV };

/* -1 when the name is unknown. */
int export_format_from_name(const char *name);
/* Heap string; the secret appears only when include_secret is true. */
char *export_profile(const struct profile *p, enum export_format f, bool include_secret);

#endif
