/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Access-token claims, decoded for diagnosis only: nothing depends on them being readable. */
#ifndef O365_CLAIMS_H
#define O365_CLAIMS_H

#include <stdbool.h>
#include <time.h>

#include "profile.h"
#include "report.h"

#define ROLE_SMTP "SMTP.SendAsApp"
#define ROLE_IMAP "IMAP.AccessAsApp"

struct claims {
	char *aud, *iss, *tid, *appid, *oid, *idtyp, *appidacr, *ver, *app_displayname;
	long exp, nbf, iat;
	char **roles; /* NULL-terminated */
	bool has_roles_claim;
};

/* False (with a reason) when the token is not a readable JWT. */
bool claims_decode(const char *token, struct claims *c, char *why, size_t whyn);
void claims_free(struct claims *c);
bool claims_has_role(const struct claims *c, const char *role);
/* Roles this profile needs; fills up to two names. */
int claims_required_roles(const struct profile *p, const char *out[2]);
/* Compares the claims with the profile and adds report lines; stores oid in the profile.
 * Returns true when every required role is present. */
bool claims_diagnose(const struct claims *c, struct profile *p, time_t now, struct report *r);

#endif
