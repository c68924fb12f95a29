/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The profile as JSON: the one codec for profiles, answers files and the --batch merge. Errors
 * name FILE:LINE:COL as written; unknown keys survive a rewrite (kept in profile->raw). */
#ifndef O365_PROFILE_JSON_H
#define O365_PROFILE_JSON_H

#include "err.h"
#include "profile.h"

struct cJSON;

/* A profile file (needs "schema"). where names the source in messages. */
enum o365_rc profile_from_json(const char *text, const char *where, struct profile **out, struct o365_err *e);
/* An answers file: profile keys, schema optional; messages point into the file as written. */
enum o365_rc profile_from_answers(const char *text, const char *where, struct profile **out,
				  struct o365_err *e);
/* A tree already in memory (taken, freed on failure), such as a merge of profile and answers. */
enum o365_rc profile_from_tree(struct cJSON *root, const char *where, struct profile **out,
			       struct o365_err *e);
/* The profile as a tree, secret included, unknown keys kept; never NULL. */
struct cJSON *profile_to_tree(const struct profile *p);
/* The same as text (free with free(); it holds the secret: cleanse first). */
char *profile_to_json(const struct profile *p);
/* profile->raw: the tree as read, for keys this version does not know. */
void profile_raw_free(void *raw);
void *profile_raw_dup(const void *raw);

#endif
