/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A growing string for every generator (exports, field sheet, PowerShell). Growth never uses
 * realloc: the old block is cleansed before it is freed, since the text may hold the secret. Out of
 * memory ends the program (xalloc); a size overflow is sticky: strbuf_finish() then returns NULL,
 * never a cut text. */
#ifndef O365_STRBUF_H
#define O365_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct strbuf {
	char *s;
	size_t len, cap;
	bool failed;
};

void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_puts(struct strbuf *b, const char *s);
void strbuf_addf(struct strbuf *b, const char *fmt, ...) O365_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *b, const char *fmt, va_list ap) O365_PRINTF(2, 0);
/* The text (heap, the caller frees it), or NULL when any addition failed. */
char *strbuf_finish(struct strbuf *b);
/* Cleanses and frees what was built. */
void strbuf_discard(struct strbuf *b);

#endif
