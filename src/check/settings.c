/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/settings.h"
#include "core/i18n.h"
#include "core/validate.h"

enum o365_rc settings_apply_overrides(const struct options *o, struct profile *p, struct o365_err *e)
{
	struct vmsg m;
	char host[256];
	int port = 1;

	if (o->authority) {
		if (validate_authority(o->authority, &m) != V_OK)
			return err_set(e, O365_EUSAGE, "--authority: %s", m.text);
		profile_set_str(&p->authority, o->authority);
	}
	if (o->cacert) {
		struct stat st;
		if (access(o->cacert, R_OK) != 0)
			return err_set(e, O365_EUSAGE, _("--cacert %s: %s"), o->cacert, strerror(errno));
		if (stat(o->cacert, &st) != 0 || !S_ISREG(st.st_mode))
			return err_set(e, O365_EUSAGE, _("--cacert %s: not a regular file"), o->cacert);
		profile_set_str(&p->ca_file, o->cacert);
	}
	if (o->imap_server) {
		if (!validate_hostport(o->imap_server, host, sizeof(host), &port))
			return err_set(e, O365_EUSAGE, _("--imap-server takes HOST or HOST:PORT, not '%s'"),
				       o->imap_server);
		profile_set_str(&p->imap_server, o->imap_server);
	}
	if (o->smtp_server) {
		if (!validate_hostport(o->smtp_server, host, sizeof(host), &port))
			return err_set(e, O365_EUSAGE, _("--smtp-server takes HOST or HOST:PORT, not '%s'"),
				       o->smtp_server);
		profile_set_str(&p->smtp_check_server, o->smtp_server);
	}
	return O365_OK;
}

void settings_verify_opts(const struct options *o, struct verify_opts *vo)
{
	memset(vo, 0, sizeof(*vo));
	vo->cacert = o->cacert;
	vo->cli_authority = o->authority;
	vo->cli_imap = o->imap_server;
	vo->cli_smtp = o->smtp_server;
	vo->key_passphrase_file = o->key_passphrase_file;
	vo->timeout_ms = o->timeout_s ? o->timeout_s * 1000L : 0;
	vo->warn_days = o->warn_days;
	vo->transcript = o->transcript;
	vo->send_test = o->send_test;
	vo->probe_denied = o->probe_denied;
	vo->wait_minutes = o->wait_minutes;
	vo->token_only = o->token_only;
	vo->net = o->net;
	vo->ud = (void *)o;
}
