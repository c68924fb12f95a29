/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text from servers and files made safe for a terminal, a log or a monitoring line. */
#ifndef O365_TEXT_H
#define O365_TEXT_H

#include <stddef.h>

/* A copy with control characters (C0, DEL, C1), bidirectional overrides and invalid UTF-8
 * escaped as \xHH or \uHHHH, tabs and line breaks as spaces, cut on a character boundary to at
 * most max bytes with "..." appended when cut. NULL only when out of memory. */
char *text_clean(const char *s, size_t max);
/* Shortens a NUL-terminated buffer that may end in the middle of a UTF-8 character. */
void text_trim_partial(char *s);

#endif
