/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Profiles on disk: JSON with a schema version; unknown keys survive a rewrite; writes are atomic
 * (temp file, fsync, rename, fsync directory), 0600 in a 0700 directory, with dated backups. */
#ifndef O365_STORE_H
#define O365_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "profile.h"

#define STORE_BACKUPS_KEPT 5

/* Config directory: $XDG_CONFIG_HOME/o365-oauth-setup or ~/.config/o365-oauth-setup. */
enum o365_rc store_dir(char *out, size_t n, struct o365_err *e);
/* --config wins; else <store_dir>/<name>.json. name NULL means "default". */
enum o365_rc store_path(const char *config, const char *name, char *out, size_t n, struct o365_err *e);
bool store_name_ok(const char *name);
/* Creates the directory and its parents (0700) when missing. */
enum o365_rc store_ensure_dir(const char *dir, struct o365_err *e);
bool store_exists(const char *path);

/* Loads and checks ownership and mode like ssh does. A missing file is O365_ECONFIG with
 * e->step == -2 so callers can tell "absent" from "broken". */
enum o365_rc store_load(const char *path, struct profile **out, struct o365_err *e);
enum o365_rc store_save(const char *path, struct profile *p, struct o365_err *e);

/* Serialisation without touching disk. where names the source in messages. */
char *store_to_json(const struct profile *p);
enum o365_rc store_from_json(const char *text, const char *where, struct profile **out, struct o365_err *e);
/* An answers file: profile keys, schema optional; messages point into the file as written. */
enum o365_rc store_from_answers(const char *text, const char *where, struct profile **out,
				struct o365_err *e);
void store_free_raw(void *raw);
/* A deep copy through the serialiser (secret included); NULL on failure. */
struct profile *profile_clone(const struct profile *p);

/* Profiles in the config directory, sorted; *names is NULL-terminated, free with store_free_list. */
int store_list(const char *dir, char ***names);
void store_free_list(char ***names);

/* Test seam: called at numbered points of a save so tests can die there. */
void store_set_fault_hook(void (*hook)(int point));

#endif
