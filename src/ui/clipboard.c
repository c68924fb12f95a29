/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copy through the terminal (OSC 52): works over SSH, no X needed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codec.h"
#include "ui.h"

void ui_osc52_copy(const char *text)
{
	char *b64 = codec_b64_encode((const unsigned char *)text, strlen(text));

	if (!b64)
		return;
	/* Written around curses: the sequence goes straight to the terminal. */
	if (!script_active()) {
		fprintf(stdout, "\033]52;c;%s\a", b64);
		fflush(stdout);
	}
	free(b64);
}
