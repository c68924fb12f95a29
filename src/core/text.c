/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "text.h"

/* Length of the valid UTF-8 sequence at s (1-4), 0 when invalid; *cp receives the code point. */
static size_t utf8_len(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0];
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and beyond U+10FFFF */
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static bool unsafe(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029 || cp == 0x200e ||
	       cp == 0x200f || cp == 0x061c;
}

char *text_clean(const char *s, size_t max)
{
	struct strbuf b = {0};
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	if (max < 8)
		max = 8;
	while (*p) {
		unsigned cp = 0;
		size_t n = utf8_len(p, &cp), mark = b.len;
		if (n == 0) {
			strbuf_addf(&b, "\\x%02X", *p);
			n = 1;
		} else if (cp == '\t' || cp == '\n' || cp == '\r') {
			strbuf_add(&b, " ", 1);
		} else if (cp < 0x20 || cp == 0x7f) {
			strbuf_addf(&b, "\\x%02X", cp);
		} else if (unsafe(cp)) {
			strbuf_addf(&b, "\\u%04X", cp);
		} else {
			strbuf_add(&b, (const char *)p, n);
		}
		p += n;
		if (b.len > max || (b.len > max - 3 && *p)) {
			/* cut before the character (or escape) that went past the limit */
			b.len = mark;
			if (b.s)
				b.s[b.len] = '\0';
			strbuf_add(&b, "...", 3);
			break;
		}
	}
	return strbuf_finish(&b);
}

void text_trim_partial(char *s)
{
	size_t n = strlen(s), start = n;
	unsigned cp;

	/* find the start of the last character and check it is whole */
	while (start > 0 && n - start < 4 && ((unsigned char)s[start - 1] & 0xc0) == 0x80)
		start--;
	if (start > 0 && ((unsigned char)s[start - 1] & 0x80)) {
		start--;
		if (utf8_len((const unsigned char *)s + start, &cp) != n - start)
			s[start] = '\0';
	}
}
