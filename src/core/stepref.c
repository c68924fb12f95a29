/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "i18n.h"
#include "stepref.h"

const char *step_name(int step)
{
	static const char *const names[STEP_COUNT] = {
		[STEP_START] = N_("Start"),
		[STEP_APP] = N_("App registration"),
		[STEP_SECRET] = N_("Client secret"),
		[STEP_PERMISSIONS] = N_("API permissions"),
		[STEP_TOKEN] = N_("Token check"),
		[STEP_EXCHANGE] = N_("Exchange service principal"),
		[STEP_MAILSERVER] = N_("Mail server settings"),
		[STEP_MAILBOX] = N_("Mailbox check"),
		[STEP_SUMMARY] = N_("Summary and save"),
	};
	if (step < 0 || step >= STEP_COUNT)
		return "";
	return _(names[step]);
}
