/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Picks the front-end for the chosen mode. */
#include "config.h"

#include "frontends.h"

enum o365_rc frontend_run(const struct options *o, int *status)
{
	*status = 0;
	switch (o->mode) {
	case MODE_CHECK:
		return o->all ? batch_check_all(o, status) : batch_check(o, status);
	case MODE_BATCH:
		return batch_apply(o);
	case MODE_ROTATE:
		return batch_rotate(o);
	case MODE_EXPORT:
		return batch_export(o);
	case MODE_POWERSHELL:
		return batch_powershell(o);
	case MODE_LIST:
		return batch_list(o);
	default:
		return wizard_run(o);
	}
}
