/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Encoding and secret hygiene, backed by OpenSSL; callers never see OpenSSL types. */
#ifndef O365_CODEC_H
#define O365_CODEC_H

#include <stdbool.h>
#include <stddef.h>

/* Decodes base64url (padding optional). Returns a NUL-terminated heap buffer, *len set; NULL on
 * malformed input. */
unsigned char *codec_b64url_decode(const char *in, size_t inlen, size_t *len);
/* Encodes to base64url without padding; heap string. */
char *codec_b64url_encode(const unsigned char *in, size_t len);
char *codec_b64_encode(const unsigned char *in, size_t len);
/* Standard base64 (with padding) to a NUL-terminated heap buffer; NULL when malformed. */
unsigned char *codec_b64_decode(const char *in, size_t *len);
void codec_cleanse(void *p, size_t n);
/* Cleanses and frees a NUL-terminated secret, clearing the pointer. */
void codec_free_secret(char **s);
/* SHA-256 of data as lowercase hex into out[65]. */
void codec_sha256_hex(const void *data, size_t n, char out[65]);
/* Random bytes; false when the generator fails. */
bool codec_random(unsigned char *buf, size_t n);
/* A random RFC 4122 version-4 GUID into out[37]. */
bool codec_guid(char out[37]);

#endif
