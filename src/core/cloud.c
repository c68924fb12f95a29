/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <strings.h>

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
			.instance = "microsoftonline.com",
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
			.instance = "microsoftonline.us",
			.regions = {"USG", "USGov"},
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
			.instance = "partner.microsoftonline.cn",
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

/* Case-insensitive: equal, or a subdomain of it. */
static bool host_is(const char *host, const char *name)
{
	size_t h = strlen(host), n = strlen(name);

	return h >= n && !strcasecmp(host + h - n, name) && (h == n || host[h - n - 1] == '.');
}

int cloud_from_discovery(const char *instance, const char *region)
{
	for (int i = 0; instance && *instance && i < CLOUD_COUNT; i++)
		if (host_is(instance, clouds[i].instance))
			return i;
	for (int i = 0; region && *region && i < CLOUD_COUNT; i++)
		for (int k = 0; k < 3 && clouds[i].regions[k]; k++)
			if (!strcasecmp(region, clouds[i].regions[k]))
				return i;
	return -1;
}

bool cloud_is_exchange_audience(enum cloud c, const char *aud)
{
	/* Entra's other names for Exchange Online: older hosts and the first-party app ID. */
	static const char *const other[] = {"https://outlook.office365.com", "https://outlook.office.com",
					    "https://ps.outlook.com", "00000002-0000-0ff1-ce00-000000000000",
					    NULL};
	const char *res = cloud_get(c)->resource;
	size_t n;

	if (!aud)
		return false;
	n = strlen(aud);
	while (n && aud[n - 1] == '/')
		n--;
	if (strlen(res) == n && strncasecmp(aud, res, n) == 0)
		return true;
	for (int i = 0; other[i]; i++)
		if (strlen(other[i]) == n && strncasecmp(aud, other[i], n) == 0)
			return true;
	return false;
}
