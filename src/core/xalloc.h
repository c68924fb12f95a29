/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Allocation that never returns NULL: out of memory prints one message and exits, so no caller
 * half-handles a failed allocation (and no report line is ever dropped for want of memory). */
#ifndef O365_XALLOC_H
#define O365_XALLOC_H

#include <stddef.h>

#include "err.h"

#if defined(__GNUC__)
#define O365_NORETURN __attribute__((noreturn))
#else
#define O365_NORETURN
#endif

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) O365_PRINTF(1, 2);
/* Prints "out of memory" and exits with status 71 (EX_OSERR). */
void xalloc_die(void) O365_NORETURN;
/* Called before the message, e.g. to give the terminal back first. */
void xalloc_set_die_hook(void (*hook)(void));
/* Routes cJSON's allocations through the functions above. */
void xalloc_init_json(void);

#endif
