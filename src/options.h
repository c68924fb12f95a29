/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parsed command line, passed explicitly to the front-ends (no global option variables). */
#ifndef O365_OPTIONS_H
#define O365_OPTIONS_H

#include <stdbool.h>

struct net_backend;
struct practice;

enum mode {
	MODE_WIZARD = 0,
	MODE_CHECK,
	MODE_BATCH,
	MODE_ROTATE,
	MODE_EXPORT,
	MODE_POWERSHELL,
	MODE_LIST,
	MODE_HELP,
	MODE_VERSION,
	MODE_KEYS,
};

struct options {
	enum mode mode;
	const char *config;  /* --config FILE */
	const char *profile; /* --profile NAME */
	bool no_color;
	const char *batch_file; /* --batch FILE */
	bool secret_stdin;
	const char *secret_file;
	const char *key_passphrase_file; /* --key-passphrase-file: for an encrypted private key */
	bool save_unverified;
	int warn_days;
	const char *authority;
	const char *cacert;
	const char *imap_server;
	const char *smtp_server;
	const char *transcript;
	const char *send_test;
	int wait_minutes;
	const char *probe_denied;
	const char *export_format;
	bool include_secret;
	bool nagios;
	bool quiet;
	bool token_only;	   /* --token-only: skip the mailbox checks */
	bool all;		   /* --all (or --list --check): every saved profile */
	int timeout_s;		   /* --timeout: per request */
	const char *secret_expiry; /* --secret-expiry for --rotate and --batch */

	/* Practice mode: a simulated tenant instead of the network. */
	const char *practice;		  /* --practice SCENARIO (or "list") */
	double practice_speed;		  /* --practice-speed: simulated seconds per second */
	bool practice_reset;		  /* --practice-reset: start the scenario again */
	bool practice_shell;		  /* --shell: the practice PowerShell prompt on stdin */
	bool practice_portal;		  /* --portal: print the practice portal */
	const char *summary_file;	  /* --summary FILE: save the trainer's summary */
	const struct net_backend *net;	  /* set by the practice front-end; NULL = the network */
	struct practice *practice_tenant; /* the simulated tenant behind net, for its screens */
};

#endif
