/* SPDX-License-Identifier: GPL-3.0-or-later */
/* --export and --powershell: what the admin pastes into M-Files Admin and Exchange Online. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "core/codec.h"
#include "core/export.h"
#include "core/i18n.h"
#include "core/powershell.h"
#include "frontends.h"

enum o365_rc batch_export(const struct options *o)
{
	struct loaded l;
	int f = export_format_from_name(o->export_format);
	char *text;
	enum o365_rc rc;

	if (f < 0) {
		fprintf(stderr, _("%s: --export takes extension-kit, json or env, not '%s'\n"), PACKAGE,
			o->export_format);
		return O365_EUSAGE;
	}
	if ((rc = batch_load(o, &l)) != O365_OK)
		return rc;
	text = export_profile(l.p, (enum export_format)f, o->include_secret);
	if (text) {
		fputs(text, stdout);
		codec_cleanse(text, strlen(text));
		free(text);
	}
	profile_free(&l.p);
	return text ? O365_OK : O365_EIO;
}

enum o365_rc batch_powershell(const struct options *o)
{
	struct loaded l;
	char *text;
	enum o365_rc rc;

	if ((rc = batch_load(o, &l)) != O365_OK)
		return rc;
	text = powershell_script(l.p, time(NULL));
	if (text)
		fputs(text, stdout);
	free(text);
	profile_free(&l.p);
	return text ? O365_OK : O365_EIO;
}
