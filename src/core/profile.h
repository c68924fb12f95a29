/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The model: one profile is everything the wizard asks, derives and verifies. No curses, no curl.
 * Strings are owned by the profile (heap, NULL = unset); profile_free() releases them and
 * cleanses the secret. */
#ifndef O365_PROFILE_H
#define O365_PROFILE_H

#include <stdbool.h>
#include <time.h>

#include "cloud.h"

#define PROFILE_SCHEMA 1

enum auth_method { AUTH_SECRET = 0, AUTH_CERTIFICATE };
enum tsec { TSEC_AUTO = 0, TSEC_SSL, TSEC_TLS, TSEC_NONE, TSEC_COUNT };
enum check_status { CHECK_NONE = 0, CHECK_OK, CHECK_WARN, CHECK_FAIL };

/* The per-step checklist items the admin ticks (portal and PowerShell steps). */
enum checklist_item {
	CL_APP_REGISTERED = 0,
	CL_SECRET_VALUE_COPIED,
	CL_PERM_SMTP,
	CL_PERM_IMAP,
	CL_ADMIN_CONSENT,
	CL_SP_REGISTERED,
	CL_MAILBOX_PERMISSION,
	CL_SENDAS,
	CL_SMTP_AUTH_ENABLED,
	CL_COUNT
};

struct verification {
	char *name; /* e.g. "token", "imap:box@example.com" */
	enum check_status status;
	char *message;
	time_t at;
};

struct profile {
	int schema;
	enum cloud cloud;
	char *tenant;
	char *client_id;
	enum auth_method auth;
	char *secret;	     /* the Value; cleansed on free */
	char *secret_expiry; /* YYYY-MM-DD as recorded by the admin */
	char *cert_path;     /* certificate (PEM) for client_assertion */
	char *key_path;	     /* its private key (0600) */

	bool mod_notifications;
	bool mod_delivery; /* delivery notifications: needs IMAP.AccessAsApp */
	bool mod_reporting;

	/* Extension Kit "Mail server" fields */
	char *smtp_server;
	int smtp_port;
	enum tsec transport;
	char *username;
	char *sender;

	char **mailboxes;   /* NULL-terminated; mailboxes to grant and check */
	char *sp_object_id; /* Enterprise Application object ID (token oid) */
	char *app_name;	    /* display name used in the portal, for the PowerShell */

	bool checklist[CL_COUNT];

	/* endpoint overrides (private endpoints, tests) */
	char *authority;	 /* https://host[:port] */
	char *imap_server;	 /* host[:port] */
	char *smtp_check_server; /* host[:port] used for the check only */
	char *ca_file;

	struct verification *results;
	int n_results;

	bool draft; /* saved mid-wizard; never a verified profile */
	int resume_step;

	void *raw; /* cJSON of the loaded file: unknown keys survive a rewrite */
};

struct profile *profile_new(void);
void profile_free(struct profile **p);
/* A deep copy, secret and unknown keys included. */
struct profile *profile_clone(const struct profile *p);
/* Replaces *dst with a copy of src (NULL clears). Returns false on allocation failure. */
bool profile_set_str(char **dst, const char *src);
/* Secret setter that cleanses the old value. */
bool profile_set_secret(struct profile *p, const char *secret);
bool profile_add_mailbox(struct profile *p, const char *mbx);
void profile_clear_mailboxes(struct profile *p);
int profile_mailbox_count(const struct profile *p);
void profile_set_result(struct profile *p, const char *name, enum check_status st, const char *msg,
			time_t at);
void profile_clear_results(struct profile *p);
/* A recorded result by check id; "overall" is the whole verification. NULL when none. */
const struct verification *profile_result(const struct profile *p, const char *name);
#define PROFILE_OVERALL "overall"
const char *check_status_key(enum check_status s); /* "ok", "warn", "fail", "none" */
enum check_status check_status_from_key(const char *s);
/* The effective values after defaults and overrides. */
const char *profile_authority(const struct profile *p);
const char *profile_scope(const struct profile *p);
/* Host and port for the checks; *port receives the default when none is given. */
void profile_imap_endpoint(const struct profile *p, char *host, size_t hn, int *port);
void profile_smtp_endpoint(const struct profile *p, char *host, size_t hn, int *port);
/* Days from today until the recorded expiry; INT_MIN when unknown. */
int profile_days_left(const struct profile *p, time_t now);
/* Whether mail goes out as another address than the login: SendAs is then needed. */
bool profile_sender_differs(const struct profile *p);
/* The mailboxes actually checked: the configured list, else the username. */
const char *const *profile_check_mailboxes(const struct profile *p, const char **fallback);
/* The mailboxes to grant and check: the configured list, then the Username when the list lacks
 * it (the account the Extension Kit logs in with is always verified). A NULL-terminated heap array
 * of borrowed strings: free() the array only. */
const char **profile_login_mailboxes(const struct profile *p);

const char *tsec_key(enum tsec t);
int tsec_from_key(const char *s);
const char *checklist_key(enum checklist_item i);

#endif
