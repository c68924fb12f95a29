/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one table of national clouds: authority, scope, IMAP and SMTP hosts. The non-global values
 * are not confirmed by Microsoft documentation; they live here and nowhere else. */
#ifndef O365_CLOUD_H
#define O365_CLOUD_H

#include <stdbool.h>

enum cloud { CLOUD_GLOBAL = 0, CLOUD_USGOV, CLOUD_CHINA, CLOUD_COUNT };

struct cloud_info {
	const char *key;       /* profile JSON value */
	const char *label;     /* shown to the user (translated at use) */
	const char *authority; /* https://host, no trailing slash */
	const char *scope;     /* resource/.default */
	const char *resource;  /* scope without /.default */
	const char *imap_host;
	const char *smtp_host;
	const char *instance;	/* openid-configuration cloud_instance_name */
	const char *regions[3]; /* tenant_region_scope values that belong only to this cloud */
	bool confirmed;
};

/* Exchange Online's ports, the same in every cloud. */
#define CLOUD_IMAP_PORT 993 /* implicit TLS */
#define CLOUD_SMTP_PORT 587 /* STARTTLS */

const struct cloud_info *cloud_get(enum cloud c);
/* Returns -1 when the key is unknown. */
int cloud_from_key(const char *key);
/* Which cloud an authority host or token audience belongs to; -1 when none. */
int cloud_from_authority(const char *url);
/* Which cloud a tenant's OpenID discovery names by cloud_instance_name, else by
 * tenant_region_scope (either may be NULL); -1 when it does not say. */
int cloud_from_discovery(const char *instance, const char *region);
/* Whether a token audience is Exchange Online for the chosen cloud (its resource, or one of the
 * names Entra also uses for Exchange). */
bool cloud_is_exchange_audience(enum cloud c, const char *aud);

#endif
