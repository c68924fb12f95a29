/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Mailbox checks over IMAP and SMTP with XOAUTH2, run concurrently with one token. */
#ifndef O365_MAIL_H
#define O365_MAIL_H

#include <stdbool.h>

#include "core/catalogue.h"
#include "net.h"

struct mail_cfg {
	struct net_cfg net;
	char imap_host[256];
	int imap_port;
	char smtp_host[256];
	int smtp_port;
};

struct mail_result {
	enum mail_proto proto;
	char mailbox[256];
	bool ok;
	enum mail_verdict verdict; /* set where the deciding fact arrived */
	struct mail_reply reply;   /* the reply that decided a refusal, as codes */
	int curl_code;
	enum net_fault fault; /* transport fault (MV_TRANSPORT), NF_NONE when the server answered */
	char last_reply[512]; /* the server's last words, for people */
	char *transcript;     /* redacted dialogue, heap */
	double seconds;
	int attempts; /* logins tried: a busy server is asked again */
};

/* One IMAP (EXAMINE INBOX) and/or SMTP (NOOP) login per mailbox, all at once. */
enum o365_rc net_mail_check(const struct mail_cfg *cfg, const char *token, const char *const *mailboxes,
			    bool imap, bool smtp, struct mail_result **out, int *n);
/* Sends one real message from sender (logged in as username) to rcpt. */
enum o365_rc net_mail_send_test(const struct mail_cfg *cfg, const char *token, const char *username,
				const char *sender, const char *rcpt, struct mail_result *out);
void mail_results_free(struct mail_result **r, int n);
/* For tests and fuzzing: a dialogue replayed through the same line handling and verdict as a real
 * login. Lines starting "C: " are the client's, the others the server's; curl_code is how the
 * transfer ended. out->transcript is the caller's to free. */
void mail_replay(enum mail_proto proto, const char *dialogue, size_t n, int curl_code,
		 struct mail_result *out);

#endif
