/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every field validator on anything typed or pasted. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *clean = NULL, host[256];
	struct vmsg m;
	struct tm tm;
	int port = 0;
	long v;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	validate_tenant(s, &m);
	validate_client_id(s, "72f988bf-86f1-41af-91ab-2d7cd011db47", &m);
	validate_secret(s, "11111111-2222-3333-4444-555555555555", "72f988bf-86f1-41af-91ab-2d7cd011db47",
			&clean, &m);
	free(clean);
	validate_email(s, &m);
	validate_host(s, &m);
	validate_port(s, &port, &m);
	validate_expiry(s, 1700000000, &m);
	for (int c = 0; c < CLOUD_COUNT; c++)
		validate_scope(s, (enum cloud)c, &m);
	validate_authority(s, &m);
	validate_object_id(s, "11111111-2222-3333-4444-555555555555", &m);
	validate_is_guid(s);
	validate_parse_date(s, &tm);
	validate_hostport(s, host, sizeof(host), &port);
	free(validate_trim(s));
	if (size >= sizeof(double)) {
		double d;
		memcpy(&d, data, sizeof(d));
		validate_whole(d, -100000, 100000, &v);
	}
	free(s);
	return 0;
}
