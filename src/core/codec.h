/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Encoding (base64, base64url) and secret hygiene (cleansing, masking), backed by OpenSSL;
 * callers never see OpenSSL types. */
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
/* The one way a secret is shown: at most 12 dots (its length is nobody's business), then its
 * last 4 characters when reveal is set and it is long enough to keep most of it hidden. dot is
 * "*" or a UTF-8 bullet. */
void codec_mask_secret(const char *secret, bool reveal, const char *dot, char *out, size_t n);
#endif
