/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Random bytes, GUIDs and SHA-256, backed by OpenSSL; callers never see OpenSSL types. */
#ifndef O365_CRYPTO_H
#define O365_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

/* SHA-256 of data as lowercase hex into out[65]. */
void crypto_sha256_hex(const void *data, size_t n, char out[65]);
/* Random bytes; false when the generator fails. */
bool crypto_random(unsigned char *buf, size_t n);
/* A random RFC 4122 version-4 GUID into out[37]. */
bool crypto_guid(char out[37]);

#endif
