/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Network interface: token endpoint and tenant discovery. libcurl and OpenSSL live below this
 * header only; callers see plain C types. */
#ifndef O365_NET_H
#define O365_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/catalogue.h"
#include "core/err.h"

struct net_cfg {
	const char *cacert;	    /* extra CA bundle, NULL = system store */
	long connect_timeout_ms;    /* 0 = 10 s */
	long total_timeout_ms;	    /* 0 = 30 s */
	int max_attempts;	    /* 0 = 3 */
	long max_retry_wait_ms;	    /* cap on Retry-After, 0 = 30 s */
	volatile const int *cancel; /* set non-zero to abort */
	long long deadline_ms;	    /* net_now_ms() by which every attempt and wait ends, 0 = none */
	/* Told before a request is repeated (attempt 2 of max, ...), for a live progress line; may be
	 * NULL. Called from the requesting thread. */
	void (*on_attempt)(void *ud, int attempt, int max);
	void *attempt_ud;
};

/* The outcome of a token-endpoint or discovery request. */
struct net_result {
	enum net_fault fault; /* NF_NONE when the server answered in the protocol */
	long http_status;
	int attempts;
	char detail[512]; /* transport detail (curl's words) */
	/* Microsoft's error fields, when present */
	char error[64];
	long code; /* error_codes[0], 0 when none */
	char description[1024];
	char trace_id[64];
	char correlation_id[64];
	char timestamp[64];
};

struct token {
	char *access_token; /* cleansed by token_clear */
	long expires_in;
	time_t obtained;
};

struct discovery {
	char token_endpoint[512];
	char issuer[512];
	char region[32];	  /* tenant_region_scope */
	char cloud_instance[128]; /* cloud_instance_name */
};

struct token_request {
	const char *authority; /* https://host[:port] */
	const char *tenant;
	const char *client_id;
	const char *scope;
	const char *secret;    /* or: */
	const char *cert_path; /* PEM certificate */
	const char *key_path;  /* PEM private key */
	/* For an encrypted key; OpenSSL is never let to prompt (it would under a curses screen). */
	const char *key_passphrase;
	const char *key_passphrase_file; /* first line of a 0600 file of ours */
};

void net_global_init(void);
/* Monotonic milliseconds, for deadlines. */
long long net_now_ms(void);
/* Returns O365_OK with a token, else a code and r filled for the catalogue. */
enum o365_rc net_token_fetch(const struct net_cfg *cfg, const struct token_request *req, struct token *out,
			     struct net_result *r);
void token_clear(struct token *t);
bool token_usable(const struct token *t, time_t now);
enum o365_rc net_discover(const struct net_cfg *cfg, const char *authority, const char *tenant,
			  struct discovery *out, struct net_result *r);

/* For tests and fuzzing: an answer (status, content type, body) read exactly as the requests
 * above read it. */
enum o365_rc net_token_parse(long status, const char *ctype, const char *body, size_t len, struct token *out,
			     struct net_result *r);
enum o365_rc net_discovery_parse(long status, const char *ctype, const char *body, size_t len,
				 struct discovery *out, struct net_result *r);

#endif
