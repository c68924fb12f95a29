/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where things live: the config directory and profile names, the state directory, listing. */
#ifndef O365_PATHS_H
#define O365_PATHS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Config directory: $XDG_CONFIG_HOME/o365-oauth-setup or ~/.config/o365-oauth-setup. */
enum o365_rc store_dir(char *out, size_t n, struct o365_err *e);
/* --config wins; else <store_dir>/<name>.json. name NULL means "default". */
enum o365_rc store_path(const char *config, const char *name, char *out, size_t n, struct o365_err *e);
bool store_name_ok(const char *name);
/* Creates the directory and its parents (0700) when missing. */
enum o365_rc store_ensure_dir(const char *dir, struct o365_err *e);
bool store_exists(const char *path);
/* The directory holding path must be safe for a secret: not another user's, not writable by
 * others (who could swap the file), and the config directory exactly 0700 as promised. A missing
 * directory passes (it is created 0700). */
enum o365_rc store_check_dir_of(const char *path, struct o365_err *e);
/* State directory (records of past checks, never configuration):
 * $XDG_STATE_HOME/o365-oauth-setup or ~/.local/state/o365-oauth-setup. */
enum o365_rc state_dir(char *out, size_t n, struct o365_err *e);

/* Profiles in the config directory, sorted; *names is NULL-terminated, free with store_free_list. */
int store_list(const char *dir, char ***names);
void store_free_list(char ***names);

#endif
