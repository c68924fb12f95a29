/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The practice PowerShell prompt: the Exchange Online cmdlets the wizard writes, typed or pasted,
 * with PowerShell's own errors for wrong arguments, changing the simulated tenant. Also the portal's
 * actions as "portal ..." lines, so a demonstration can be scripted. */
#ifndef O365_PRACTICE_SHELL_H
#define O365_PRACTICE_SHELL_H

#include <stdbool.h>

#include "portal.h"
#include "tenant.h"

/* Runs one line and returns what PowerShell would print (heap, may be empty; NULL on memory
 * failure). *error is set when the line failed. */
char *practice_shell_line(struct practice *t, const char *line, bool *error);

#endif
