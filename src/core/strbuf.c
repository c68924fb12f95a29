/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "strbuf.h"
#include "xalloc.h"

static bool grow(struct strbuf *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 256;
	char *ns;

	if (b->failed)
		return false;
	if (extra > SIZE_MAX / 2 - b->len) {
		b->failed = true;
		return false;
	}
	if (b->len + extra + 1 <= b->cap)
		return true;
	while (cap < b->len + extra + 1)
		cap *= 2;
	ns = xmalloc(cap);
	if (b->s) {
		memcpy(ns, b->s, b->len + 1);
		codec_cleanse(b->s, b->cap);
		free(b->s);
	} else {
		ns[0] = '\0';
	}
	b->s = ns;
	b->cap = cap;
	return true;
}

void strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void strbuf_puts(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void strbuf_vaddf(struct strbuf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0)
		b->failed = true;
	else if (grow(b, (size_t)n)) {
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *strbuf_finish(struct strbuf *b)
{
	char *s;

	if (b->failed || !grow(b, 0)) {
		strbuf_discard(b);
		return NULL;
	}
	s = b->s;
	memset(b, 0, sizeof(*b));
	return s;
}

void strbuf_discard(struct strbuf *b)
{
	if (b->s) {
		codec_cleanse(b->s, b->cap);
		free(b->s);
	}
	memset(b, 0, sizeof(*b));
}
