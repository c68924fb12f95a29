/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <curl/curl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/codec.h"
#include "core/xalloc.h"
#include "http.h"

#define BODY_CAP (256 * 1024)

/* One TLS session cache and DNS cache for every handle in the process (threads included), through
 * libcurl's share interface. */
static CURLSH *share;
static pthread_mutex_t share_locks[CURL_LOCK_DATA_LAST];

static void share_lock(CURL *h, curl_lock_data d, curl_lock_access a, void *ud)
{
	pthread_mutex_lock(&share_locks[d]);
}

static void share_unlock(CURL *h, curl_lock_data d, void *ud)
{
	pthread_mutex_unlock(&share_locks[d]);
}

static void global_init_once(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (int i = 0; i < CURL_LOCK_DATA_LAST; i++)
		pthread_mutex_init(&share_locks[i], NULL);
	if ((share = curl_share_init())) {
		curl_share_setopt(share, CURLSHOPT_LOCKFUNC, share_lock);
		curl_share_setopt(share, CURLSHOPT_UNLOCKFUNC, share_unlock);
		curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
		curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
	}
}

void net_global_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, global_init_once);
}

/* The CA store, parsed once per file for the whole process. libcurl 7.88 would parse the bundle
 * again for every connection (its own cache lives in one multi handle, and only without a CA
 * directory, which Debian's build sets): 145 certificates, about 40 ms of CPU and a megabyte each
 * time. Stores are never freed: a handful at most, alive until exit. */
struct ca_store {
	char *path; /* NULL = the system's store */
	X509_STORE *store;
};
static struct ca_store ca_stores[8];
static pthread_mutex_t ca_lock = PTHREAD_MUTEX_INITIALIZER;

/* Returns a reference for the caller to own. */
static X509_STORE *ca_store_get(const char *path)
{
	X509_STORE *st = NULL;
	int i;

	pthread_mutex_lock(&ca_lock);
	for (i = 0; i < 8 && ca_stores[i].store; i++) {
		const char *p = ca_stores[i].path;
		if ((!p && !path) || (p && path && !strcmp(p, path))) {
			st = ca_stores[i].store;
			X509_STORE_up_ref(st);
			goto out;
		}
	}
	if (!(st = X509_STORE_new()))
		goto out;
	/* The system's store is what libcurl would use: the bundle file and the hashed directory. */
	if ((path ? X509_STORE_load_file(st, path) : X509_STORE_set_default_paths(st)) != 1) {
		X509_STORE_free(st);
		ERR_clear_error(); /* libcurl reads this queue for its own messages */
		st = NULL;
		goto out;
	}
	/* As libcurl sets on its own stores: an intermediate that is trusted ends the chain. */
	X509_STORE_set_flags(st, X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_TRUSTED_FIRST);
	if (i < 8 && (!path || (ca_stores[i].path = strdup(path)))) {
		ca_stores[i].store = st; /* the cache keeps the first reference */
		X509_STORE_up_ref(st);
	}
out:
	pthread_mutex_unlock(&ca_lock);
	return st;
}

/* Called by libcurl for every new TLS connection, after its own CA set-up (which has nothing to
 * load: CAINFO and CAPATH are cleared). */
static CURLcode on_ssl_ctx(CURL *c, void *ctx, void *ud)
{
	X509_STORE *st = ca_store_get(ud);

	if (!st)
		return CURLE_SSL_CACERT_BADFILE;
	SSL_CTX_set_cert_store(ctx, st); /* takes our reference */
	/* Idle connections give their TLS buffers back: hundreds of them wait for the server at once. */
	SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);
	return CURLE_OK;
}

long long net_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds left before the deadline (at least 1), or the default when there is none. */
static long left_ms(const struct net_cfg *cfg, long dflt)
{
	long long left;

	if (!cfg->deadline_ms)
		return dflt;
	left = cfg->deadline_ms - net_now_ms();
	if (left < 1)
		left = 1;
	return left < dflt ? (long)left : dflt;
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

	if (len > 12 && strncasecmp(data, "Retry-After:", 12) == 0) {
		/* delay-seconds only (an HTTP date counts as none); huge values are capped later, so
		 * no multiplication can overflow */
		char num[16];
		size_t k = 0;
		const char *v = data + 12;
		while (v < data + len && (*v == ' ' || *v == '\t'))
			v++;
		while (v < data + len && *v >= '0' && *v <= '9' && k < sizeof(num) - 1)
			num[k++] = *v++;
		num[k] = '\0';
		if (k && (v == data + len || *v == '\r' || *v == '\n' || *v == ' '))
			h->retry_after = k > 6 ? 999999 : strtol(num, NULL, 10);
	} else if (len > 13 && strncasecmp(data, "Content-Type:", 13) == 0) {
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
			 left_ms(cfg, cfg->connect_timeout_ms ? cfg->connect_timeout_ms : 10000L));
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
			 left_ms(cfg, cfg->total_timeout_ms ? cfg->total_timeout_ms : 30000L));
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	curl_easy_setopt(c, CURLOPT_CAINFO, NULL);
	curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
	curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, cfg->cacert && *cfg->cacert ? (void *)cfg->cacert : NULL);
	if (share)
		curl_easy_setopt(c, CURLOPT_SHARE, share);
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

/* A request that timed out is not repeated: the server had its whole time limit already. */
static bool retryable(enum net_fault f, long status)
{
	return f == NF_CLOSED || status == 429 || (status >= 500 && status <= 599);
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
			if (cc ==
			    CURLE_SSL_CACERT_BADFILE) /* from on_ssl_ctx, which has no words of its own */
				snprintf(r->detail, sizeof(r->detail),
					 "(no CA certificates could be read from %s)",
					 cfg->cacert && *cfg->cacert ? cfg->cacert : "the system store");
			else
				snprintf(r->detail, sizeof(r->detail), "%s",
					 errbuf[0] ? errbuf : curl_easy_strerror(cc));
		} else {
			f = NF_NONE;
		}
		/* Backoff 1 s, 2 s, 4 s ...; the server's Retry-After wins, within a cap. */
		wait = 1000L << (attempt - 1);
		if (h.retry_after >= 0)
			wait = h.retry_after * 1000;
		if (wait > cap)
			wait = cap;
		/* No retry that could not finish before the deadline: report what we have. */
		if (cfg->deadline_ms && net_now_ms() + wait + 500 >= cfg->deadline_ms)
			max = attempt;
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
		if (cfg->on_attempt)
			cfg->on_attempt(cfg->attempt_ud, attempt + 1, max);
		if (!backoff(cfg, wait))
			return r->fault = NF_CANCELLED;
	}
	return r->fault = f;
}
