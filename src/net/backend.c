/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The real network behind the backend interface. */
#include "config.h"

#include "backend.h"

static enum o365_rc real_token(void *ctx, const struct net_cfg *cfg, const struct token_request *req,
			       struct token *out, struct net_result *r)
{
	(void)ctx;
	return net_token_fetch(cfg, req, out, r);
}

static enum o365_rc real_discover(void *ctx, const struct net_cfg *cfg, const char *authority,
				  const char *tenant, struct discovery *out, struct net_result *r)
{
	(void)ctx;
	return net_discover(cfg, authority, tenant, out, r);
}

static enum o365_rc real_mail_check(void *ctx, const struct mail_cfg *cfg, const char *token,
				    const char *const *mailboxes, bool imap, bool smtp,
				    struct mail_result **out, int *n)
{
	(void)ctx;
	return net_mail_check(cfg, token, mailboxes, imap, smtp, out, n);
}

static enum o365_rc real_send_test(void *ctx, const struct mail_cfg *cfg, const char *token,
				   const char *username, const char *sender, const char *rcpt,
				   struct mail_result *out)
{
	(void)ctx;
	return net_mail_send_test(cfg, token, username, sender, rcpt, out);
}

static const struct net_backend real = {
	.ctx = NULL,
	.token_fetch = real_token,
	.discover = real_discover,
	.mail_check = real_mail_check,
	.mail_send_test = real_send_test,
};

const struct net_backend *net_backend_real(void)
{
	return &real;
}
