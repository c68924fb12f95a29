/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Profiles on disk: loaded only when owned by us and 0600 (as ssh does), saved atomically (see
 * atomic.h) with dated backups. The JSON itself is profile_json.h's; paths are paths.h's. */
#ifndef O365_STORE_H
#define O365_STORE_H

#include "err.h"
#include "paths.h"
#include "profile.h"
#include "profile_json.h"

#define STORE_BACKUPS_KEPT 5

/* Loads and checks ownership and mode. A missing file is O365_ECONFIG like a broken one; callers
 * that must tell them apart ask store_exists() first. */
enum o365_rc store_load(const char *path, struct profile **out, struct o365_err *e);
/* Writes 0600 in a 0700 directory, keeping the old file as a backup. */
enum o365_rc store_save(const char *path, struct profile *p, struct o365_err *e);

#endif
