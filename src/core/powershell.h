/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Exchange Online PowerShell for a profile, with real values. */
#ifndef O365_POWERSHELL_H
#define O365_POWERSHELL_H

#include <time.h>

#include "profile.h"

/* Heap string; the caller frees it. */
char *powershell_script(const struct profile *p, time_t now);

#endif
