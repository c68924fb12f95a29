/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The base64 and base64url decoders (token payloads, SASL error reports). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	unsigned char *out;
	size_t n = 0;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	out = codec_b64url_decode(s, size, &n);
	if (out && n > size)
		abort(); /* decoding never grows the data */
	free(out);
	out = codec_b64_decode(s, &n);
	free(out);
	free(s);
	return 0;
}
