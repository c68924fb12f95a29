/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inside the verification ladder: what verify.c and mailbox.c share. Not for front-ends. */
#ifndef O365_LADDER_H
#define O365_LADDER_H

#include "net/backend.h"
#include "net/net.h"
#include "verify.h"

/* Who answers: the options' backend, or the real network. */
const struct net_backend *verify_backend(const struct verify_opts *o);
/* A live progress line for the front-end, when it asked for them. */
void progress(const struct verify_opts *o, const char *fmt, ...) O365_PRINTF(2, 3);
void net_cfg_for(const struct profile *p, const struct verify_opts *o, struct net_cfg *cfg);
/* Fetches (or reuses) the token and reports its claims. */
enum o365_rc check_token(struct profile *p, const struct verify_opts *o, struct verify_state *st,
			 struct report *r);
/* One IMAP and SMTP login per mailbox, waiting for Exchange when asked; then the test message and
 * the least-privilege probe when asked. */
enum o365_rc check_mailboxes(struct profile *p, const struct verify_opts *o, struct verify_state *st,
			     struct report *r);

#endif
