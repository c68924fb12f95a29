#include "config.h"

#include <stdio.h>

#include "core/i18n.h"
#include "frontends.h"

enum o365_rc wizard_run(const struct options *o)
{
	fprintf(stderr, "%s\n", _("The interactive wizard is not part of this build yet; use --batch and --check."));
	return O365_EUSAGE;
}
