/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The simulated tenant's servers behind the same backend interface the checks use: the token
 * endpoint, OpenID discovery, and Exchange's IMAP and SMTP, answering with Microsoft's own words.
 * Nothing here opens a socket. */
#ifndef O365_PRACTICE_SERVERS_H
#define O365_PRACTICE_SERVERS_H

#include "net/backend.h"
#include "tenant.h"

/* Fills be so that every call goes to the tenant t (which must outlive it). */
void practice_backend(struct practice *t, struct net_backend *be);

#endif
