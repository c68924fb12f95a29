/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The network as the checks see it: token, discovery, mailbox logins and the send test. The real
 * implementation (libcurl) is the default; another one can stand in without the checks knowing. */
#ifndef O365_BACKEND_H
#define O365_BACKEND_H

#include "mail.h"
#include "net.h"

struct net_backend {
	void *ctx; /* passed back to every call */
	enum o365_rc (*token_fetch)(void *ctx, const struct net_cfg *cfg, const struct token_request *req,
				    struct token *out, struct net_result *r);
	enum o365_rc (*discover)(void *ctx, const struct net_cfg *cfg, const char *authority,
				 const char *tenant, struct discovery *out, struct net_result *r);
	enum o365_rc (*mail_check)(void *ctx, const struct mail_cfg *cfg, const char *token,
				   const char *const *mailboxes, bool imap, bool smtp,
				   struct mail_result **out, int *n);
	enum o365_rc (*mail_send_test)(void *ctx, const struct mail_cfg *cfg, const char *token,
				       const char *username, const char *sender, const char *rcpt,
				       struct mail_result *out);
};

/* The real network: Microsoft's endpoints and the mail servers, through libcurl. */
const struct net_backend *net_backend_real(void);

#endif
