/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bounded HTTPS requests: no redirects, a size cap, timeouts, retries with backoff. */
#ifndef O365_HTTP_H
#define O365_HTTP_H

#include "net.h"

struct http_resp {
	long status;
	char *body; /* NUL-terminated; cleansed and freed by http_resp_free */
	size_t len;
	char content_type[128];
};

/* GET when form is NULL, else POST application/x-www-form-urlencoded. Retries 429, 5xx, time-outs
 * and dropped connections. */
enum net_fault http_request(const struct net_cfg *cfg, const char *url, const char *form,
			    struct http_resp *resp, struct net_result *r);
void http_resp_free(struct http_resp *resp);
/* Applies the common TLS and timeout settings to an easy handle (also used by mail checks). */
void http_apply_common(void *curl_easy, const struct net_cfg *cfg);
enum net_fault http_fault_from_curl(int curl_code);

#endif
