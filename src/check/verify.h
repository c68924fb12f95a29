/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The verification ladder shared by both front-ends: fields, tenant, token, claims, mailboxes.
 * It fills a report and records results in the profile. */
#ifndef O365_VERIFY_H
#define O365_VERIFY_H

#include <stdbool.h>
#include <stdio.h>

#include "core/profile.h"
#include "core/report.h"
#include "net/backend.h"
#include "net/net.h"

struct verify_opts {
	const char *cacert; /* overrides the profile's CA file */
	long timeout_ms;    /* total per request; 0 = default */
	int warn_days;
	const char *transcript; /* file to keep the server dialogue in, or NULL */
	const char *send_test;	/* recipient of a real test message, or NULL */
	const char *probe_denied;
	int wait_minutes; /* re-check refused mailboxes for this long */
	volatile int *cancel;
	/* Live progress for a front-end; may be NULL. */
	void (*progress)(void *ud, const char *line);
	/* The token request is being repeated: attempt of max (a server was busy); may be NULL.
	 * Same ud as progress. */
	void (*attempt)(void *ud, int attempt, int max);
	void *ud;
	bool fields_only;	     /* stop after the local checks */
	bool token_only;	     /* stop after the token and claims */
	bool tenant_only;	     /* only the tenant pre-check */
	const char *secret_override; /* verify with this secret instead of the profile's */
	/* Endpoints given on the command line: a profile's own differing ones draw a warning. */
	const char *cli_authority, *cli_imap, *cli_smtp;
	/* An encrypted private key's passphrase: typed (wizard) or a file's first line. */
	const char *key_passphrase, *key_passphrase_file;
	long long deadline_ms; /* set by the ladder for the token phase; 0 = none */

	/* Who answers the checks; NULL means the real network. */
	const struct net_backend *net;
};

/* Keeps the token between runs (rechecks reuse it until shortly before expiry). */
struct verify_state {
	struct token token;
	bool roles_known, roles_ok;
	bool has_imap_role, has_smtp_role; /* meaningful when roles_known */
	int suspect_step; /* a claims warning that explains refusals better than step 5, or -1 */
	double t_token, t_imap, t_smtp; /* seconds, for monitoring */
	long long token_deadline_ms;	/* discovery and token requests, retries included, end by it */
};

void verify_fields(const struct profile *p, const struct verify_opts *o, struct report *r);
enum o365_rc verify_run(struct profile *p, const struct verify_opts *o, struct verify_state *st,
			struct report *r);
void verify_state_clear(struct verify_state *st);

#endif
