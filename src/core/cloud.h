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
	const char *region; /* openid-configuration tenant_region_scope hint, NULL = any */
	bool confirmed;
};

const struct cloud_info *cloud_get(enum cloud c);
/* Returns -1 when the key is unknown. */
int cloud_from_key(const char *key);
/* Which cloud an authority host or token audience belongs to; -1 when none. */
int cloud_from_authority(const char *url);

#endif
