/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"

int i18n_width(const char *s)
{
	return (int)strlen(s) - i18n_pad(s, 0);
}

int i18n_pad(const char *s, int columns)
{
	size_t bytes = strlen(s);
	wchar_t *w = malloc((bytes + 1) * sizeof(*w));
	int cols = -1;

	if (w && mbstowcs(w, s, bytes + 1) != (size_t)-1)
		cols = wcswidth(w, bytes + 1);
	free(w);
	if (cols < 0) /* not valid in this locale: count bytes, as printf does */
		cols = (int)bytes;
	return columns + (int)bytes - cols;
}
