/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Translation macros shared by every layer. */
#ifndef O365_I18N_H
#define O365_I18N_H

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s)	    gettext(s)
#define P_(s, p, n) ngettext(s, p, n)
#else
#define _(s)	    (s)
#define P_(s, p, n) ((n) == 1 ? (s) : (p))
#endif
#define N_(s) s

/* The printf field width that pads s to the given number of screen columns: printf counts bytes,
 * and a translated "Schlüssel" takes fewer columns than bytes. Use as "%-*s", i18n_pad(s, n), s. */
int i18n_pad(const char *s, int columns);
/* The screen columns s takes. */
int i18n_width(const char *s);

#endif
