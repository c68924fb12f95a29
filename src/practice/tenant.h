/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The simulated tenant behind practice mode: an app registration with its secrets and API
 * permissions, the enterprise application, and Exchange Online's service principals, mailbox
 * permissions and SMTP AUTH settings, on a compressed clock. Model code: no curses, no curl, no
 * sockets. All access goes through these functions, which take the tenant's lock. */
#ifndef O365_PRACTICE_TENANT_H
#define O365_PRACTICE_TENANT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/err.h"

#define PR_ID	       37
#define PR_MAX_SECRETS 8
#define PR_MAX_PERMS   12
#define PR_MAX_SPS     4
#define PR_MAX_GRANTS  16
#define PR_MAX_BOXES   4
#define PR_MAX_EVENTS  96
/* Exchange applies a change after this many simulated seconds. */
#define PR_PROPAGATION (30 * 60)
/* Simulated seconds per real second unless --practice-speed says otherwise. */
#define PR_DEFAULT_SPEED 60

enum pr_api { PR_API_EXCHANGE = 0, PR_API_GRAPH };
enum pr_type { PR_DELEGATED = 0, PR_APPLICATION };
enum pr_grant { PR_FULLACCESS = 0, PR_SENDAS };
enum pr_event { PR_EV_START = 0, PR_EV_CHECK, PR_EV_CHANGE, PR_EV_STEP, PR_EV_NOTE };

struct pr_secret {
	char id[PR_ID];
	char value[48];
	char description[64];
	char expires[11]; /* YYYY-MM-DD */
	bool shown;	  /* the Value was shown once; the portal hides it from now on */
};

struct pr_permission {
	enum pr_api api;
	enum pr_type type;
	char name[40];
	bool consented;
};

struct pr_sp {
	char app_id[PR_ID];
	char object_id[PR_ID];
	char name[64];
	double at; /* simulated time of the change */
};

struct pr_grant_rec {
	enum pr_grant kind;
	char mailbox[128];
	char object_id[PR_ID]; /* the service principal granted */
	double at;
};

struct pr_mailbox {
	char addr[128];
	int smtp_auth_disabled; /* -1 = $null (the organisation decides), 0, 1 */
	int prev_smtp_auth_disabled;
	double smtp_at;
	bool imap_enabled;
};

struct pr_event_rec {
	enum pr_event kind;
	time_t real;
	int step;	/* PR_EV_CHECK: failed step or -1; PR_EV_STEP: the step */
	double seconds; /* PR_EV_STEP: time spent */
	char text[240];
};

struct practice {
	pthread_mutex_t lock;
	char scenario[32];
	unsigned char seed[16];
	int counter; /* derives new IDs and secrets */
	double speed;
	double sim_base;  /* simulated seconds at real_base */
	double real_base; /* wall-clock seconds, fractional */
	time_t started;

	char tenant_id[PR_ID];
	char domain[64];
	char app_name[64];
	char client_id[PR_ID];
	char app_object_id[PR_ID];
	char sp_object_id[PR_ID]; /* the enterprise application's Object ID */
	char other_client_id[PR_ID];
	char other_secret[48]; /* a secret of another app in the tenant */

	struct pr_secret secrets[PR_MAX_SECRETS];
	int nsecrets;
	struct pr_permission perms[PR_MAX_PERMS];
	int nperms;

	struct pr_sp sps[PR_MAX_SPS];
	int nsps;
	struct pr_grant_rec grants[PR_MAX_GRANTS];
	int ngrants;
	struct pr_mailbox boxes[PR_MAX_BOXES];
	int nboxes;
	int org_smtp_auth_disabled, prev_org_smtp_auth_disabled;
	double org_smtp_at;
	bool connected; /* Connect-ExchangeOnline ran */

	struct pr_event_rec events[PR_MAX_EVENTS];
	int nevents;
};

/* A new tenant set up as the scenario describes; NULL for an unknown scenario. */
struct practice *practice_new(const char *scenario, double speed);
void practice_free(struct practice **t);
/* Whether a profile path lies in the practice folder: such a profile is only ever checked
 * against the simulation. */
bool practice_owns_path(const char *path);
/* Saved state (JSON, 0600) so a demonstration can span several runs. */
enum o365_rc practice_load(const char *path, double speed, struct practice **out, struct o365_err *e);
enum o365_rc practice_save(struct practice *t, const char *path, struct o365_err *e);

void practice_lock(struct practice *t);
void practice_unlock(struct practice *t);
/* Simulated seconds since the scenario began (changes made before it are negative). */
double practice_now(struct practice *t);
/* Whether a change made at simulated time `at` has reached every Exchange server. */
bool practice_effective(struct practice *t, double at);
void practice_log(struct practice *t, enum pr_event kind, int step, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Derived values (caller holds the lock). */
void practice_derive_id(struct practice *t, const char *label, char out[PR_ID]);
void practice_derive_secret(struct practice *t, const char *label, char out[48]);
const char *practice_api_name(enum pr_api api);
const char *practice_type_name(enum pr_type type);

/* The portal's actions; each returns O365_OK or fills e. Caller holds the lock. */
const struct pr_secret *practice_new_secret(struct practice *t, const char *description, int days,
					    struct o365_err *e);
enum o365_rc practice_add_permission(struct practice *t, enum pr_api api, enum pr_type type, const char *name,
				     struct o365_err *e);
enum o365_rc practice_remove_permission(struct practice *t, const char *name, struct o365_err *e);
void practice_grant_consent(struct practice *t);
/* Permission names the portal offers for an API and type, NULL-terminated. */
const char *const *practice_permission_names(enum pr_api api, enum pr_type type);

/* Exchange lookups (caller holds the lock). */
const struct pr_sp *practice_find_sp(struct practice *t, const char *identity);
struct pr_mailbox *practice_find_box(struct practice *t, const char *addr);
/* Effective SMTP AUTH state for a mailbox right now: disabled, and whether by the mailbox. */
bool practice_smtp_disabled(struct practice *t, const struct pr_mailbox *b, bool *by_mailbox);
/* Whether sp (by Object ID) has an effective grant of this kind on the mailbox. */
bool practice_has_grant(struct practice *t, enum pr_grant kind, const char *mailbox, const char *sp);

#endif
