/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A profile or answers file from anyone: the loader, then every generator and validator on what
 * it accepted. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "powershell.h"
#include "profile_json.h"
#include "validate.h"

static void run_all(struct profile *p)
{
	struct vmsg m;
	char *t, *c;
	int port;

	for (int f = EXPORT_SHEET; f <= EXPORT_ENV; f++) {
		free(export_profile(p, (enum export_format)f, false));
		free(export_profile(p, (enum export_format)f, true));
	}
	free(powershell_script(p, 1700000000));
	t = profile_to_json(p);
	free(t);
	validate_tenant(p->tenant, &m);
	validate_client_id(p->client_id, p->tenant, &m);
	c = NULL;
	validate_secret(p->secret, p->client_id, p->tenant, &c, &m);
	free(c);
	validate_email(p->username, &m);
	validate_email(p->sender, &m);
	validate_host(p->smtp_server, &m);
	if (p->authority)
		validate_authority(p->authority, &m);
	if (p->secret_expiry)
		validate_expiry(p->secret_expiry, 1700000000, &m);
	if (p->sp_object_id)
		validate_object_id(p->sp_object_id, p->client_id, &m);
	for (int i = 0; p->mailboxes && p->mailboxes[i]; i++)
		validate_email(p->mailboxes[i], &m);
	if (p->imap_server) {
		char host[256];
		validate_hostport(p->imap_server, host, sizeof(host), &port);
	}
	profile_days_left(p, 1700000000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct profile *p = NULL;
	struct o365_err e;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (profile_from_json(text, "fuzz", &p, &e) == O365_OK)
		run_all(p);
	profile_free(&p);
	if (profile_from_answers(text, "fuzz", &p, &e) == O365_OK)
		run_all(p);
	profile_free(&p);
	free(text);
	return 0;
}
