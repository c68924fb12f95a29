/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "cloud.h"
#include "i18n.h"

static const struct cloud_info clouds[CLOUD_COUNT] = {
	[CLOUD_GLOBAL] =
		{
			.key = "global",
			.label = N_("Global (Microsoft 365)"),
			.authority = "https://login.microsoftonline.com",
			.scope = "https://outlook.office365.com/.default",
			.resource = "https://outlook.office365.com",
			.imap_host = "outlook.office365.com",
			.smtp_host = "smtp.office365.com",
			.region = NULL,
			.confirmed = true,
		},
	[CLOUD_USGOV] =
		{
			.key = "usgov",
			.label = N_("US Government (GCC High / DoD)"),
			.authority = "https://login.microsoftonline.us",
			.scope = "https://outlook.office365.us/.default",
			.resource = "https://outlook.office365.us",
			.imap_host = "outlook.office365.us",
			.smtp_host = "smtp.office365.us",
			.region = "USG",
			.confirmed = false,
		},
	[CLOUD_CHINA] =
		{
			.key = "china",
			.label = N_("China (21Vianet)"),
			.authority = "https://login.partner.microsoftonline.cn",
			.scope = "https://partner.outlook.cn/.default",
			.resource = "https://partner.outlook.cn",
			.imap_host = "partner.outlook.cn",
			.smtp_host = "smtp.partner.outlook.cn",
			.region = NULL,
			.confirmed = false,
		},
};

const struct cloud_info *cloud_get(enum cloud c)
{
	if ((unsigned)c >= CLOUD_COUNT)
		c = CLOUD_GLOBAL;
	return &clouds[c];
}

int cloud_from_key(const char *key)
{
	for (int i = 0; key && i < CLOUD_COUNT; i++)
		if (strcmp(clouds[i].key, key) == 0)
			return i;
	return -1;
}

int cloud_from_authority(const char *url)
{
	for (int i = 0; url && i < CLOUD_COUNT; i++) {
		size_t n = strlen(clouds[i].authority);
		if (strncmp(url, clouds[i].authority, n) == 0 && (url[n] == '\0' || url[n] == '/'))
			return i;
	}
	return -1;
}
