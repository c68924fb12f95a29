/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drives the token client directly (the library, not the command line) for tests/net.sh:
 *   net_probe AUTHORITY CA TENANT CLIENT_ID SECRET|-cert:PEM:KEY [TIMEOUT_MS]
 *   net_probe gen DIR NAME      generate a key and certificate; prints their paths and thumbprint
 * Prints "rc=<name> fault=<n> code=<aadsts> http=<status> attempts=<n> token=<yes|no>". */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cert.h"
#include "net/net.h"

int main(int argc, char **argv)
{
	struct net_cfg cfg = {0};
	struct token_request req = {0};
	struct token t;
	struct net_result r;
	char *cert = NULL;
	enum o365_rc rc;

	if (argc == 4 && !strcmp(argv[1], "gen")) {
		char cert_pem[4096], key_pem[4096], cer[4096], thumb[41];
		struct o365_err e;
		if (cert_generate(argv[2], argv[3], 730, cert_pem, sizeof(cert_pem), key_pem, sizeof(key_pem),
				  cer, sizeof(cer), &e) != O365_OK ||
		    cert_thumbprint(cert_pem, thumb, &e) != O365_OK) {
			printf("error %s\n", e.msg);
			return 1;
		}
		printf("%s %s %s %s\n", cert_pem, key_pem, cer, thumb);
		return 0;
	}
	if (argc < 6)
		return 2;
	cfg.cacert = argv[2];
	cfg.total_timeout_ms = argc > 6 ? atol(argv[6]) : 10000;
	cfg.connect_timeout_ms = cfg.total_timeout_ms;
	req.authority = argv[1];
	req.tenant = argv[3];
	req.client_id = argv[4];
	req.scope = "https://outlook.office365.com/.default";
	if (!strncmp(argv[5], "-cert:", 6)) {
		cert = strdup(argv[5] + 6);
		req.cert_path = cert;
		req.key_path = strchr(cert, ':') + 1;
		*strchr(cert, ':') = '\0';
	} else {
		req.secret = argv[5];
	}
	rc = net_token_fetch(&cfg, &req, &t, &r);
	printf("rc=%s fault=%d code=%ld http=%ld attempts=%d token=%s trace=%s\n", err_rc_name(rc),
	       (int)r.fault, r.code, r.http_status, r.attempts, t.access_token ? "yes" : "no",
	       r.trace_id[0] ? "yes" : "no");
	token_clear(&t);
	free(cert);
	return 0;
}
