/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <curl/curl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/codec.h"
#include "core/xalloc.h"
#include "http.h"

#define BODY_CAP (256 * 1024)

void net_global_init(void)
{
	static int done;

	if (!done) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		done = 1;
	}
}

struct sink {
	char *buf;
	size_t len, cap;
	bool overflow;
};

static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
	struct sink *s = ud;
	size_t add = size * n;

	if (s->len + add > BODY_CAP) {
		s->overflow = true;
		return 0;
	}
	if (s->len + add + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 4096;
		char *nb;
		while (cap < s->len + add + 1)
			cap *= 2;
		nb = xmalloc(cap);
		if (s->buf) {
			memcpy(nb, s->buf, s->len);
			codec_cleanse(s->buf, s->len);
			free(s->buf);
		}
		s->buf = nb;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, data, add);
	s->len += add;
	s->buf[s->len] = '\0';
	return add;
}

struct hdrs {
	long retry_after;
	char content_type[128];
};

static size_t on_header(char *data, size_t size, size_t n, void *ud)
{
	struct hdrs *h = ud;
	size_t len = size * n;

	if (len > 12 && strncasecmp(data, "Retry-After:", 12) == 0)
		h->retry_after = strtol(data + 12, NULL, 10);
	else if (len > 13 && strncasecmp(data, "Content-Type:", 13) == 0) {
		size_t k = len - 13;
		const char *v = data + 13;
		while (k && (*v == ' ' || *v == '\t'))
			v++, k--;
		while (k && (v[k - 1] == '\r' || v[k - 1] == '\n'))
			k--;
		if (k >= sizeof(h->content_type))
			k = sizeof(h->content_type) - 1;
		memcpy(h->content_type, v, k);
		h->content_type[k] = '\0';
	}
	return len;
}

static int on_progress(void *ud, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	volatile const int *cancel = ud;
	return cancel && *cancel ? 1 : 0;
}

void http_apply_common(void *easy, const struct net_cfg *cfg)
{
	CURL *c = easy;

	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
			 cfg->connect_timeout_ms ? cfg->connect_timeout_ms : 10000L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, cfg->total_timeout_ms ? cfg->total_timeout_ms : 30000L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (cfg->cacert && *cfg->cacert)
		curl_easy_setopt(c, CURLOPT_CAINFO, cfg->cacert);
	curl_easy_setopt(c, CURLOPT_USERAGENT, PACKAGE "/" VERSION);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)cfg->cancel);
}

enum net_fault http_fault_from_curl(int code)
{
	switch ((CURLcode)code) {
	case CURLE_OK:
		return NF_NONE;
	case CURLE_COULDNT_RESOLVE_HOST:
		return NF_DNS;
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_PROXY:
		return NF_PROXY;
	case CURLE_COULDNT_CONNECT:
		return NF_REFUSED;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
		return NF_TLS_VERIFY;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_USE_SSL_FAILED:
		return NF_TLS;
	case CURLE_OPERATION_TIMEDOUT:
		return NF_TIMEOUT;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		return NF_CLOSED;
	case CURLE_ABORTED_BY_CALLBACK:
		return NF_CANCELLED;
	default:
		return NF_LOCAL;
	}
}

static bool retryable(enum net_fault f, long status)
{
	return f == NF_TIMEOUT || f == NF_CLOSED || status == 429 || (status >= 500 && status <= 599);
}

/* Sleeps in short slices so a cancel request is honoured at once. */
static bool backoff(const struct net_cfg *cfg, long ms)
{
	while (ms > 0) {
		long slice = ms > 100 ? 100 : ms;
		if (cfg->cancel && *cfg->cancel)
			return false;
		poll(NULL, 0, (int)slice);
		ms -= slice;
	}
	return !(cfg->cancel && *cfg->cancel);
}

void http_resp_free(struct http_resp *resp)
{
	if (resp->body) {
		codec_cleanse(resp->body, resp->len);
		free(resp->body);
	}
	memset(resp, 0, sizeof(*resp));
}

enum net_fault http_request(const struct net_cfg *cfg, const char *url, const char *form,
			    struct http_resp *resp, struct net_result *r)
{
	int max = cfg->max_attempts > 0 ? cfg->max_attempts : 3;
	long cap = cfg->max_retry_wait_ms > 0 ? cfg->max_retry_wait_ms : 30000;
	enum net_fault f = NF_LOCAL;

	net_global_init();
	memset(resp, 0, sizeof(*resp));
	for (int attempt = 1; attempt <= max; attempt++) {
		CURL *c = curl_easy_init();
		struct sink s = {0};
		struct hdrs h = {.retry_after = -1};
		char errbuf[CURL_ERROR_SIZE] = "";
		struct curl_slist *hl = NULL;
		CURLcode cc;
		long status = 0, wait;

		if (!c) {
			snprintf(r->detail, sizeof(r->detail), "curl_easy_init failed");
			return r->fault = NF_LOCAL;
		}
		http_apply_common(c, cfg);
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
		curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
		curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
		curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
		curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)BODY_CAP);
		hl = curl_slist_append(hl, "Accept: application/json");
		if (form) {
			hl = curl_slist_append(hl, "Content-Type: application/x-www-form-urlencoded");
			curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
		}
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
		cc = curl_easy_perform(c);
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		curl_slist_free_all(hl);
		curl_easy_cleanup(c);
		r->attempts = attempt;
		r->http_status = status;
		if (s.overflow || cc == CURLE_FILESIZE_EXCEEDED) {
			f = NF_OVERSIZED;
		} else if (cc != CURLE_OK) {
			f = http_fault_from_curl(cc);
			snprintf(r->detail, sizeof(r->detail), "%s",
				 errbuf[0] ? errbuf : curl_easy_strerror(cc));
		} else {
			f = NF_NONE;
		}
		if (!retryable(f, status) || attempt == max) {
			if (f == NF_NONE || f == NF_OVERSIZED) {
				resp->status = status;
				resp->body = s.buf;
				resp->len = s.len;
				snprintf(resp->content_type, sizeof(resp->content_type), "%s",
					 h.content_type);
				s.buf = NULL;
			}
			if (s.buf) {
				codec_cleanse(s.buf, s.len);
				free(s.buf);
			}
			if (f == NF_NONE && status == 429 && attempt == max)
				f = NF_HTTP_429;
			else if (f == NF_NONE && status >= 500 && attempt == max)
				f = NF_HTTP_5XX;
			return r->fault = f;
		}
		if (s.buf) {
			codec_cleanse(s.buf, s.len);
			free(s.buf);
		}
		/* Backoff 1 s, 2 s, 4 s ...; the server's Retry-After wins, within a cap. */
		wait = 1000L << (attempt - 1);
		if (h.retry_after >= 0)
			wait = h.retry_after * 1000;
		if (wait > cap)
			wait = cap;
		if (!backoff(cfg, wait))
			return r->fault = NF_CANCELLED;
	}
	return r->fault = f;
}
