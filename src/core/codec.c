/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "xalloc.h"

unsigned char *codec_b64url_decode(const char *in, size_t inlen, size_t *len)
{
	size_t padded = (inlen + 3) / 4 * 4;
	char *tmp = xmalloc(padded + 1);
	unsigned char *out = xmalloc(padded / 4 * 3 + 1);
	int n;
	size_t pad = padded - inlen;

	if (inlen % 4 == 1)
		goto fail;
	for (size_t i = 0; i < inlen; i++) {
		char c = in[i];
		if (c == '-')
			c = '+';
		else if (c == '_')
			c = '/';
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			goto fail; /* '+', '/', '=' and junk are not base64url */
		tmp[i] = c;
	}
	memset(tmp + inlen, '=', pad);
	tmp[padded] = '\0';
	n = EVP_DecodeBlock(out, (const unsigned char *)tmp, (int)padded);
	if (n < 0)
		goto fail;
	n -= (int)pad; /* EVP_DecodeBlock counts padding as zero bytes */
	out[n] = '\0';
	*len = (size_t)n;
	free(tmp);
	return out;
fail:
	free(tmp);
	free(out);
	return NULL;
}

unsigned char *codec_b64_decode(const char *in, size_t *len)
{
	size_t n = strlen(in), pad = 0;
	unsigned char *out;
	int k;

	if (n == 0 || n % 4)
		return NULL;
	out = xmalloc(n / 4 * 3 + 1);
	k = EVP_DecodeBlock(out, (const unsigned char *)in, (int)n);
	if (k < 0) {
		free(out);
		return NULL;
	}
	while (pad < 2 && n > pad && in[n - 1 - pad] == '=')
		pad++;
	k -= (int)pad;
	out[k] = '\0';
	*len = (size_t)k;
	return out;
}

char *codec_b64_encode(const unsigned char *in, size_t len)
{
	char *out = xmalloc((len + 2) / 3 * 4 + 1);

	EVP_EncodeBlock((unsigned char *)out, in, (int)len);
	return out;
}

char *codec_b64url_encode(const unsigned char *in, size_t len)
{
	char *out = codec_b64_encode(in, len);
	size_t n;

	if (!out)
		return NULL;
	for (n = 0; out[n]; n++) {
		if (out[n] == '+')
			out[n] = '-';
		else if (out[n] == '/')
			out[n] = '_';
	}
	while (n > 0 && out[n - 1] == '=')
		out[--n] = '\0';
	return out;
}

void codec_cleanse(void *p, size_t n)
{
	if (p && n)
		OPENSSL_cleanse(p, n);
}

void codec_free_secret(char **s)
{
	if (!s || !*s)
		return;
	OPENSSL_cleanse(*s, strlen(*s));
	free(*s);
	*s = NULL;
}

void codec_mask_secret(const char *secret, bool reveal, const char *dot, char *out, size_t n)
{
	size_t len = secret ? strlen(secret) : 0;
	size_t shown = reveal && len > 8 ? 4 : 0;
	size_t dots = len - shown > 12 ? 12 : len - shown, o = 0;

	if (!n)
		return;
	out[0] = '\0';
	for (size_t i = 0; i < dots && o + strlen(dot) + 5 < n; i++)
		o += (size_t)snprintf(out + o, n - o, "%s", dot);
	if (shown)
		snprintf(out + o, n - o, "%s", secret + len - shown);
}
