/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A token from a hostile endpoint: the claims decoder and the diagnosis of what it says. The
 * input is used as the whole token and, base64url-encoded, as a JWT payload. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "codec.h"
#include "profile.h"
#include "report.h"

static void one(const char *token)
{
	struct claims c;
	char why[256];
	struct profile *p = profile_new();
	struct report r = {0};

	profile_set_str(&p->tenant, "72f988bf-86f1-41af-91ab-2d7cd011db47");
	profile_set_str(&p->client_id, "11111111-2222-3333-4444-555555555555");
	p->mod_delivery = true;
	if (claims_decode(token, &c, why, sizeof(why))) {
		claims_diagnose(&c, p, 1700000000, &r);
		claims_free(&c);
	}
	report_clear(&r);
	profile_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = malloc(size + 1), *payload, *jwt;

	if (!raw)
		return 0;
	memcpy(raw, data, size);
	raw[size] = '\0';
	one(raw);
	payload = codec_b64url_encode(data, size);
	if (payload && (jwt = malloc(strlen(payload) + 32))) {
		strcpy(jwt, "eyJhbGciOiJSUzI1NiJ9.");
		strcat(jwt, payload);
		strcat(jwt, ".c2ln");
		one(jwt);
		free(jwt);
	}
	free(payload);
	free(raw);
	return 0;
}
