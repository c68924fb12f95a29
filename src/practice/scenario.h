/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Practice scenarios: a clean run, a fresh start, and one per mistake the diagnosis catalogue
 * knows. Each sets up the simulated tenant and the values a trainee would type. */
#ifndef O365_PRACTICE_SCENARIO_H
#define O365_PRACTICE_SCENARIO_H

#include <stdbool.h>

#include "core/profile.h"
#include "tenant.h"

struct pr_scenario {
	const char *name;
	const char *summary;		    /* untranslated; use _() */
	bool mistake;			    /* random picks among these */
	void (*tenant)(struct practice *t); /* the mistake, applied to a clean tenant */
};

/* The table, and its length in *n. */
const struct pr_scenario *practice_scenarios(int *n);
/* NULL when no scenario has this name. */
const struct pr_scenario *practice_scenario(const char *name);
/* One of the mistakes, chosen at random. */
const char *practice_pick_random(void);
/* The profile a trainee would have typed for the tenant's scenario (caller holds the lock). */
void practice_typed_profile(const struct practice *t, struct profile *p);
/* The baseline, right in every respect (used by the scenarios). */
void practice_setup_clean(struct practice *t);

#endif
