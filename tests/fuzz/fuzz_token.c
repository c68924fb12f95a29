/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A hostile token endpoint: its answer (status, content type, body) read as a token reply, an
 * AADSTS error and an OpenID discovery document, then put in report lines as a check would. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"
#include "report.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = {200, 400, 401, 429, 500, 503, 302};
	static const char *const types[] = {"application/json", "text/html", ""};
	struct token t;
	struct discovery d;
	struct net_result r;
	struct report rep = {0};
	long status;
	const char *ctype;

	if (size < 1)
		return 0;
	status = statuses[data[0] % 7];
	ctype = types[(data[0] / 7) % 3];
	data++;
	size--;
	net_token_parse(status, ctype, (const char *)data, size, &t, &r);
	report_add(&rep, RS_FAIL, RK_TOKEN, NULL, -1, O365_EAUTH, NULL, "AADSTS%ld (%s): %s %s %s %s", r.code,
		   r.error, r.description, r.trace_id, r.correlation_id, r.timestamp);
	token_clear(&t);
	net_discovery_parse(status, ctype, (const char *)data, size, &d, &r);
	report_add(&rep, RS_OK, RK_TENANT, NULL, -1, O365_OK, NULL, "%s %s %s %s", d.token_endpoint, d.issuer,
		   d.region, d.cloud_instance);
	report_clear(&rep);
	return 0;
}
