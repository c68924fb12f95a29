/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>

#include "crypto.h"

void crypto_sha256_hex(const void *data, size_t n, char out[65])
{
	unsigned char md[32];
	unsigned int mdlen = 0;

	EVP_Digest(data, n, md, &mdlen, EVP_sha256(), NULL);
	for (unsigned i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

bool crypto_random(unsigned char *buf, size_t n)
{
	return RAND_bytes(buf, (int)n) == 1;
}

bool crypto_guid(char out[37])
{
	unsigned char b[16];

	if (!crypto_random(b, sizeof(b)))
		return false;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
		 b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
	return true;
}
