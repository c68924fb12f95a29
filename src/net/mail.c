/* SPDX-License-Identifier: GPL-3.0-or-later */
/* IMAP and SMTP logins with XOAUTH2. The client can never fall back to PLAIN or LOGIN: the bearer
 * goes in CURLOPT_XOAUTH2_BEARER, the mechanism is pinned with AUTH=XOAUTH2, and CURLOPT_HTTPAUTH is
 * never set. */
#include "config.h"

#include <ctype.h>
#include <curl/curl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/codec.h"
#include "core/crypto.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "http.h"
#include "mail.h"

/* Where the dialogue is: set by our own commands, so each reply is judged where it belongs. */
enum stage { ST_GREETING = 0, ST_CAPS, ST_TLS, ST_AUTH, ST_COMMAND, ST_LOGOUT };

struct xfer {
	struct mail_result *res;
	char *buf;
	size_t len, cap;
	enum stage stage;
	char command[16]; /* our last command's verb */
	bool decided;	  /* the verdict is set: later replies only go into the transcript */
	bool xoauth2_offered, logged_in;
	char last_final[512];
	char sasl_error[384]; /* decoded "+ <base64>" / "334 <base64>" after a refused XOAUTH2 */
	bool auth_sent;
	int fd;	   /* the connection's socket while libcurl keeps it open, else -1 */
	bool slot; /* holds one of the process's connection slots */
	enum { X_WAITING = 0, X_ACTIVE, X_DONE } state;
	long long due_ms; /* X_WAITING: not before this (monotonic) */
	/* for the test message */
	const char *msg;
	size_t msg_len, msg_off;
};

static void append(struct xfer *x, const char *prefix, const char *data, size_t n)
{
	/* The transcript is read in a terminal: control characters are escaped. */
	char *raw = xstrndup(data, n), *clean = text_clean(raw, 4 * n + 16);
	size_t k = clean ? strlen(clean) : 0, need = x->len + strlen(prefix) + k + 2;

	free(raw);
	if (!clean || need > 256 * 1024)
		goto out; /* a hostile server cannot make us hoard memory */
	if (need > x->cap) {
		size_t cap = x->cap ? x->cap : 2048;
		char *nb;
		while (cap < need)
			cap *= 2;
		nb = xrealloc(x->buf, cap);
		x->buf = nb;
		x->cap = cap;
	}
	x->len += (size_t)sprintf(x->buf + x->len, "%s", prefix);
	while (k && clean[k - 1] == ' ')
		k--;
	memcpy(x->buf + x->len, clean, k);
	x->len += k;
	x->buf[x->len++] = '\n';
	x->buf[x->len] = '\0';
out:
	free(clean);
}

/* Our command's verb moves the stage; a SASL continuation stays in AUTH. */
static void note_command(struct xfer *x, const char *data, size_t k)
{
	char verb[16] = "";
	const char *p = data;
	size_t n;

	if (x->stage == ST_AUTH && !x->logged_in && x->auth_sent && !x->decided) {
		/* continuation lines (the token, or "*" / "" to cancel) */
		if (x->res->proto == MP_SMTP || !memchr(data, ' ', k))
			return;
	}
	if (x->res->proto == MP_IMAP) {
		const char *sp = memchr(data, ' ', k);
		if (!sp)
			return;
		p = sp + 1;
	}
	/* curl's debug data is not NUL-terminated: stay within k bytes */
	for (n = 0; p + n < data + k && p[n] != ' ' && n + 1 < sizeof(verb); n++)
		;
	for (size_t i = 0; i < n; i++)
		verb[i] = (char)toupper((unsigned char)p[i]);
	verb[n] = '\0';
	snprintf(x->command, sizeof(x->command), "%s", verb);
	if (!strcmp(verb, "CAPABILITY") || !strcmp(verb, "EHLO") || !strcmp(verb, "HELO"))
		x->stage = x->logged_in ? ST_COMMAND : ST_CAPS;
	else if (!strcmp(verb, "STARTTLS"))
		x->stage = ST_TLS;
	else if (!strcmp(verb, "AUTHENTICATE") || !strcmp(verb, "AUTH")) {
		x->stage = ST_AUTH;
		snprintf(x->command, sizeof(x->command), "AUTH");
	} else if (!strcmp(verb, "LOGOUT") || !strcmp(verb, "QUIT"))
		x->stage = ST_LOGOUT;
	else
		x->stage = ST_COMMAND;
}

/* Client lines that carry the token are cut after the mechanism name. */
static void client_line(struct xfer *x, const char *data, size_t n)
{
	char line[256];
	const char *auth = NULL;
	size_t k = n;

	while (k && (data[k - 1] == '\n' || data[k - 1] == '\r'))
		k--;
	note_command(x, data, k);
	for (size_t i = 0; i + 12 <= k; i++) {
		if (strncasecmp(data + i, "AUTHENTICATE", 12) == 0 ||
		    (i == 0 && strncasecmp(data, "AUTH ", 5) == 0)) {
			auth = data + i;
			break;
		}
	}
	if (auth)
		x->auth_sent = true;
	if (auth) {
		const char *sp = memchr(auth, ' ', k - (size_t)(auth - data));
		const char *sp2 = sp ? memchr(sp + 1, ' ', k - (size_t)(sp + 1 - data)) : NULL;
		size_t keep = sp2 ? (size_t)(sp2 - data) : k;
		snprintf(line, sizeof(line), "%.*s%s", (int)(keep > 200 ? 200 : keep), data,
			 sp2 ? " <redacted>" : "");
		append(x, "> ", line, strlen(line));
		return;
	}
	if (k > 32 && !memchr(data, ' ', k)) {
		append(x, "> ", "<redacted>", 10); /* a bare SASL continuation: the token itself */
		return;
	}
	append(x, "> ", data, k);
}

/* Records the verdict once, where the reply that decided it arrived. */
static void decide(struct xfer *x, const char *line)
{
	struct mail_result *r = x->res;
	bool before_login = x->stage <= ST_CAPS;

	catalogue_mail_reply_parse(r->proto, line, &r->reply);
	snprintf(r->reply.command, sizeof(r->reply.command), "%s", x->command);
	r->reply.sasl_error = x->sasl_error[0] != '\0';
	if (catalogue_mail_transient(r->proto, before_login, &r->reply))
		r->verdict = MV_BUSY;
	else if (before_login)
		r->verdict = MV_GREETING;
	else if (x->stage == ST_TLS)
		r->verdict = MV_STARTTLS;
	else if (x->stage == ST_AUTH)
		r->verdict = MV_AUTH_REFUSED;
	else
		r->verdict = MV_COMMAND_REFUSED;
	x->decided = true;
}

/* Capability lines: IMAP "* CAPABILITY ..." or "[CAPABILITY ...]", SMTP EHLO's "250-AUTH ...". */
static void note_caps(struct xfer *x, const char *line)
{
	bool caps;

	if (x->res->proto == MP_IMAP)
		caps = !strncasecmp(line, "* CAPABILITY ", 13) || strstr(line, "[CAPABILITY ");
	else
		caps = x->stage == ST_CAPS && !strncmp(line, "250", 3);
	if (!caps)
		return;
	if (x->res->proto == MP_IMAP
		    ? strstr(line, "AUTH=XOAUTH2") != NULL
		    : (strlen(line) > 8 && !strncasecmp(line + 4, "AUTH", 4) && strstr(line, "XOAUTH2")))
		x->xoauth2_offered = true;
}

static void server_line(struct xfer *x, const char *data, size_t n)
{
	size_t k = n;
	char line[512];
	bool final, error = false, ok = false;

	while (k && (data[k - 1] == '\n' || data[k - 1] == '\r'))
		k--;
	append(x, "< ", data, k);
	snprintf(line, sizeof(line), "%.*s", (int)(k > 500 ? 500 : k), data);
	text_trim_partial(line);
	note_caps(x, line);
	/* A challenge with a payload after the token was sent is the server's error report (RFC 7628). */
	if (x->auth_sent && !x->sasl_error[0] && x->stage == ST_AUTH &&
	    ((line[0] == '+' && line[1] == ' ' && line[2]) || (!strncmp(line, "334 ", 4) && line[4]))) {
		const char *b64 = line[0] == '+' ? line + 2 : line + 4;
		size_t dn = 0;
		unsigned char *dec = codec_b64_decode(b64, &dn);
		if (dec) {
			snprintf(x->sasl_error, sizeof(x->sasl_error), _("XOAUTH2 refused: %.*s"),
				 (int)(dn > 300 ? 300 : dn), (const char *)dec);
			for (char *c = x->sasl_error; *c; c++)
				if ((unsigned char)*c < 0x20)
					*c = ' ';
			text_trim_partial(x->sasl_error);
			free(dec);
		}
	}
	if (x->stage == ST_LOGOUT)
		return; /* the goodbye says nothing about the check */
	if (x->res->proto == MP_SMTP) {
		final = k >= 3 && (k == 3 || line[3] == ' ');
		error = final && line[0] >= '4' && line[0] <= '5';
		ok = final && line[0] == '2';
	} else {
		final = line[0] != '*' && line[0] != '+';
		if (final) {
			const char *sp = strchr(line, ' ');
			error = sp && (!strncasecmp(sp + 1, "NO", 2) || !strncasecmp(sp + 1, "BAD", 3));
			ok = sp && !strncasecmp(sp + 1, "OK", 2);
		} else if (!strncasecmp(line, "* BYE", 5)) {
			error = true; /* an untagged BYE before we asked for it */
			final = true;
		}
	}
	if (error && !x->decided)
		decide(x, line);
	if (ok && x->stage == ST_AUTH)
		x->logged_in = true;
	if (final)
		snprintf(x->last_final, sizeof(x->last_final), "%s", line);
}

static int on_debug(CURL *h, curl_infotype type, char *data, size_t n, void *ud)
{
	struct xfer *x = ud;
	const char *p = data, *end = data + n;

	if (type != CURLINFO_HEADER_IN && type != CURLINFO_HEADER_OUT && type != CURLINFO_TEXT)
		return 0;
	/* curl may hand over several lines at once */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p + 1) : (size_t)(end - p);
		if (type == CURLINFO_HEADER_IN)
			server_line(x, p, len);
		else if (type == CURLINFO_HEADER_OUT)
			client_line(x, p, len);
		else if (len > 1 && !memmem(p, len, "Bearer", 6)) /* not NUL-terminated */
			append(x, "* ", p, len);
		p += len;
	}
	return 0;
}

static size_t discard(char *d, size_t s, size_t n, void *ud)
{
	return s * n;
}

static size_t read_msg(char *buf, size_t s, size_t n, void *ud)
{
	struct xfer *x = ud;
	size_t left = x->msg_len - x->msg_off, k = s * n < left ? s * n : left;

	memcpy(buf, x->msg + x->msg_off, k);
	x->msg_off += k;
	return k;
}

/* libcurl says goodbye (LOGOUT, QUIT) when it closes a connection and waits for the answer,
 * blocking the whole multi loop for a round trip per connection. The check needs no goodbye: the
 * socket is shut down as soon as a transfer is done, so the goodbye fails at once and costs
 * nothing. The socket callbacks track which descriptor is whose. */
static curl_socket_t on_open_socket(void *ud, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct xfer *x = ud;
	curl_socket_t fd = socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);

	if (fd != CURL_SOCKET_BAD)
		x->fd = fd;
	return fd;
}

static int on_close_socket(void *ud, curl_socket_t fd)
{
	struct xfer *x = ud;

	if (x->fd == fd)
		x->fd = -1;
	return close(fd);
}

static CURL *make_easy(const struct mail_cfg *cfg, struct xfer *x, const char *token, const char *user)
{
	CURL *c = curl_easy_init();
	char url[512];
	const char *host = x->res->proto == MP_IMAP ? cfg->imap_host : cfg->smtp_host;
	int port = x->res->proto == MP_IMAP ? cfg->imap_port : cfg->smtp_port;
	bool v6 = strchr(host, ':') != NULL;

	if (!c)
		return NULL;
	http_apply_common(c, &cfg->net);
	if (x->res->proto == MP_IMAP) {
		snprintf(url, sizeof(url), "imaps://%s%s%s:%d/", v6 ? "[" : "", host, v6 ? "]" : "", port);
		curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "imaps");
		/* AUTHENTICATE can succeed while the mailbox stays closed: open it to be sure. */
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "EXAMINE INBOX");
	} else {
		snprintf(url, sizeof(url), "smtp://%s%s%s:%d/o365-oauth-setup.invalid", v6 ? "[" : "", host,
			 v6 ? "]" : "", port);
		curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp");
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_USERNAME, user);
	curl_easy_setopt(c, CURLOPT_XOAUTH2_BEARER, token);
	curl_easy_setopt(c, CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2");
	/* Server lines are short: a small receive buffer instead of 16 KiB per connection. */
	curl_easy_setopt(c, CURLOPT_BUFFERSIZE, 1024L);
	/* Every login is a new connection; it is never reused for another check. */
	curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
	x->fd = -1;
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, x);
	curl_easy_setopt(c, CURLOPT_CLOSESOCKETFUNCTION, on_close_socket);
	curl_easy_setopt(c, CURLOPT_CLOSESOCKETDATA, x);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, x);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_PRIVATE, x);
	return c;
}

static void finish(struct xfer *x, CURL *c, CURLcode cc)
{
	struct mail_result *r = x->res;
	double secs = 0;
	const char *note = NULL;

	if (c)
		curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &secs);
	r->seconds = secs;
	r->curl_code = (int)cc;
	r->ok = cc == CURLE_OK;
	r->fault = NF_NONE;
	if (r->ok) {
		r->verdict = MV_OK;
	} else if (cc == CURLE_USE_SSL_FAILED) {
		r->verdict = MV_STARTTLS;
		note = _("STARTTLS failed: the server did not start TLS");
	} else if (x->decided) {
		/* the verdict was set by the reply that refused */
	} else if (x->sasl_error[0]) {
		r->verdict = MV_AUTH_REFUSED;
		r->reply.sasl_error = true;
		snprintf(r->reply.command, sizeof(r->reply.command), "AUTH");
	} else if (cc == CURLE_LOGIN_DENIED && !x->auth_sent && !x->xoauth2_offered) {
		/* the capabilities had no XOAUTH2, and the mechanism is pinned */
		r->verdict = MV_NO_XOAUTH2;
		note = _("XOAUTH2 is not offered by the server");
	} else if (cc == CURLE_LOGIN_DENIED || cc == CURLE_QUOTE_ERROR || cc == CURLE_REMOTE_ACCESS_DENIED) {
		r->verdict = x->logged_in ? MV_COMMAND_REFUSED : MV_AUTH_REFUSED;
	} else {
		r->verdict = MV_TRANSPORT;
		r->fault = http_fault_from_curl(cc);
	}
	snprintf(r->last_reply, sizeof(r->last_reply), "%s",
		 x->decided			      ? r->reply.text
		 : x->sasl_error[0] && cc != CURLE_OK ? x->sasl_error
						      : x->last_final);
	if (!r->ok && !r->last_reply[0])
		snprintf(r->last_reply, sizeof(r->last_reply), "(%s)", curl_easy_strerror(cc));
	if (note)
		append(x, "* ", note, strlen(note));
	else if (x->sasl_error[0] && cc != CURLE_OK)
		append(x, "* ", x->sasl_error, strlen(x->sasl_error));
	r->transcript = x->buf;
	x->buf = NULL;
}

/* Connections at once to one server. Exchange Online allows 3 concurrent SMTP AUTH connections
 * per mailbox and Exchange Server 16 IMAP connections per user by default, 2000 from one address
 * (Set-ImapSettings MaxConnectionsPerUser, MaxConnectionFromSingleIP); it publishes no per-client
 * limit for Exchange Online. A check opens one connection per mailbox and protocol, so per-mailbox
 * limits are never approached; 100 per server keeps 100 mailboxes in one wave and a long list
 * well under per-address limits, with at most 200 sockets open (the default descriptor limit is
 * 1024). The limit holds for the whole process, so profiles checked at once share it.
 * O365_MAIL_CONNECTIONS overrides it (for tests). */
static int max_per_server(void)
{
	const char *e = getenv("O365_MAIL_CONNECTIONS");
	int v = e ? atoi(e) : 0;
	return v > 0 && v <= 1000 ? v : 100;
}

static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static int slots_used[2]; /* IMAP, SMTP */

static bool slot_take(struct xfer *x)
{
	int i = x->res->proto == MP_SMTP;

	pthread_mutex_lock(&slots_lock);
	if (slots_used[i] < max_per_server()) {
		slots_used[i]++;
		x->slot = true;
	}
	pthread_mutex_unlock(&slots_lock);
	return x->slot;
}

static void slot_give(struct xfer *x)
{
	if (!x->slot)
		return;
	pthread_mutex_lock(&slots_lock);
	slots_used[x->res->proto == MP_SMTP]--;
	pthread_mutex_unlock(&slots_lock);
	x->slot = false;
}

/* A server that says "busy, come back later" is asked again, up to this many logins in all, after
 * about 1 s and then 2 s (with jitter, so a hundred refused logins do not return in step). */
#define BUSY_ATTEMPTS 3

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Takes the finished login back for another try: its dialogue so far stays in the transcript. */
static void retry_later(struct xfer *x)
{
	struct mail_result *r = x->res;
	char note[96];
	long wait = 1000L << (r->attempts - 1);
	unsigned spread = (unsigned)((uintptr_t)x * 2654435761u) ^ (unsigned)now_ms();

	wait += (long)(spread % (unsigned)(wait / 2 + 1)) - wait / 4;
	x->buf = r->transcript;
	r->transcript = NULL;
	x->len = x->buf ? strlen(x->buf) : 0;
	x->cap = x->buf ? x->len + 1 : 0;
	snprintf(note, sizeof(note), "the server is busy: trying again in %.1f s", (double)wait / 1000);
	append(x, "* ", note, strlen(note));
	x->stage = ST_GREETING;
	x->command[0] = x->last_final[0] = x->sasl_error[0] = '\0';
	x->decided = x->xoauth2_offered = x->logged_in = x->auth_sent = false;
	r->ok = false;
	r->verdict = MV_OK;
	memset(&r->reply, 0, sizeof(r->reply));
	r->curl_code = 0;
	r->fault = NF_NONE;
	r->last_reply[0] = '\0';
	x->state = X_WAITING;
	x->due_ms = now_ms() + wait;
}

enum o365_rc net_mail_check(const struct mail_cfg *cfg, const char *token, const char *const *mailboxes,
			    bool imap, bool smtp, struct mail_result **out, int *n)
{
	int count = 0, running = 0, k = 0, waiting, wait_ms;
	CURLM *m;
	struct xfer *xs;
	CURL **handles;
	struct mail_result *res;
	enum o365_rc rc = O365_OK;

	net_global_init();
	while (mailboxes[count])
		count++;
	count *= (imap ? 1 : 0) + (smtp ? 1 : 0);
	*out = res = xcalloc((size_t)count + 1, sizeof(*res));
	*n = 0;
	xs = xcalloc((size_t)count + 1, sizeof(*xs));
	handles = xcalloc((size_t)count + 1, sizeof(*handles));
	m = curl_multi_init();
	if (!m) {
		free(xs);
		free(handles);
		curl_multi_cleanup(m);
		return O365_ENET;
	}
	for (int i = 0; mailboxes[i]; i++) {
		for (int pr = 0; pr < 2; pr++) {
			if ((pr == 0 && !imap) || (pr == 1 && !smtp))
				continue;
			res[k].proto = pr == 0 ? MP_IMAP : MP_SMTP;
			snprintf(res[k].mailbox, sizeof(res[k].mailbox), "%s", mailboxes[i]);
			xs[k].res = &res[k];
			xs[k].fd = -1;
			xs[k].state = X_WAITING;
			k++;
		}
	}
	*n = k;
	for (;;) {
		CURLMsg *msg;
		int left, i;
		long long now = now_ms(), next_due = -1;
		/* A transfer is handed to libcurl only when a connection slot is free: its time-outs
		 * start when its connection does, never while it waits its turn. */
		waiting = 0;
		for (i = 0; i < k; i++) {
			struct xfer *x = &xs[i];
			if (x->state != X_WAITING)
				continue;
			waiting++;
			if (x->due_ms > now) {
				if (next_due < 0 || x->due_ms < next_due)
					next_due = x->due_ms;
				continue;
			}
			if (!slot_take(x))
				continue;
			if (handles[i]) {
				curl_multi_remove_handle(m, handles[i]);
				curl_easy_cleanup(handles[i]);
			}
			handles[i] = make_easy(cfg, x, token, res[i].mailbox);
			if (handles[i] && res[i].proto == MP_SMTP) {
				/* EHLO, STARTTLS, AUTH, then NOOP: nothing is sent. */
				curl_easy_setopt(handles[i], CURLOPT_NOBODY, 1L);
				curl_easy_setopt(handles[i], CURLOPT_CUSTOMREQUEST, "NOOP");
			}
			res[i].attempts++;
			x->state = X_ACTIVE;
			waiting--;
			if (!handles[i] || curl_multi_add_handle(m, handles[i]) != CURLM_OK) {
				snprintf(res[i].last_reply, sizeof(res[i].last_reply), "%s",
					 "(out of memory)");
				x->state = X_DONE;
				slot_give(x);
			}
		}
		curl_multi_perform(m, &running);
		while ((msg = curl_multi_info_read(m, &left))) {
			struct xfer *x = NULL;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
			finish(x, msg->easy_handle, msg->data.result);
			if (x->fd >= 0)
				shutdown(x->fd, SHUT_RDWR); /* no goodbye: see on_open_socket */
			slot_give(x);
			x->state = X_DONE;
			if (x->res->verdict == MV_BUSY && x->res->attempts < BUSY_ATTEMPTS &&
			    !(cfg->net.cancel && *cfg->net.cancel)) {
				retry_later(x);
				waiting++;
			}
		}
		if (cfg->net.cancel && *cfg->net.cancel) {
			rc = O365_ECANCEL;
			break;
		}
		if (!running && !waiting)
			break;
		/* Sleep until there is news, a busy server's wait ends, or (20 ms) a slot may be free
		 * that other profiles' checks held. */
		wait_ms = running ? 200 : 20;
		if (next_due >= 0) {
			long long until = next_due - now_ms();
			wait_ms = until < 0 ? 0 : until < 200 ? (int)until : 200;
		}
		if (running)
			curl_multi_poll(m, NULL, 0, wait_ms, NULL);
		else
			poll(NULL, 0, wait_ms);
	}
	for (int i = 0; i < k; i++) {
		if (xs[i].fd >= 0)
			shutdown(xs[i].fd, SHUT_RDWR);
		slot_give(&xs[i]);
		if (handles[i]) {
			curl_multi_remove_handle(m, handles[i]);
			curl_easy_cleanup(handles[i]);
		}
	}
	/* Closes the connections libcurl kept; their sockets are shut down, so nothing waits. */
	curl_multi_cleanup(m);
	for (int i = 0; i < k; i++) {
		if (!res[i].transcript) {
			res[i].transcript = xs[i].buf;
			xs[i].buf = NULL;
		}
		free(xs[i].buf);
	}
	free(xs);
	free(handles);
	return rc;
}

enum o365_rc net_mail_send_test(const struct mail_cfg *cfg, const char *token, const char *username,
				const char *sender, const char *rcpt, struct mail_result *out)
{
	struct xfer x = {.res = out};
	struct curl_slist *rcpts = NULL;
	char msg[2048], date[64], from[300], guid[37] = "";
	time_t now = time(NULL);
	struct tm tm;
	CURL *c;
	CURLcode cc;

	memset(out, 0, sizeof(*out));
	out->proto = MP_SMTP;
	snprintf(out->mailbox, sizeof(out->mailbox), "%s", sender);
	net_global_init();
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	crypto_guid(guid);
	snprintf(msg, sizeof(msg),
		 "From: <%s>\r\nTo: <%s>\r\nSubject: o365-oauth-setup test message\r\nDate: %s\r\n"
		 "Message-ID: <%s@o365-oauth-setup.invalid>\r\nMIME-Version: 1.0\r\n"
		 "Content-Type: text/plain; charset=utf-8\r\n\r\n"
		 "This test message was sent by o365-oauth-setup to confirm that the app can send\r\n"
		 "as %s after logging in as %s with OAuth.\r\n",
		 sender, rcpt, date, guid, sender, username);
	x.msg = msg;
	x.msg_len = strlen(msg);
	if (!(c = make_easy(cfg, &x, token, username)))
		return O365_ENET;
	snprintf(from, sizeof(from), "<%s>", sender);
	rcpts = curl_slist_append(rcpts, rcpt);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_msg);
	curl_easy_setopt(c, CURLOPT_READDATA, &x);
	cc = curl_easy_perform(c);
	finish(&x, c, cc);
	if (x.fd >= 0)
		shutdown(x.fd, SHUT_RDWR); /* the message is in: QUIT would only cost a round trip */
	curl_easy_cleanup(c);
	curl_slist_free_all(rcpts);
	free(x.buf);
	return out->ok ? O365_OK : O365_EMAILBOX;
}

void mail_replay(enum mail_proto proto, const char *dialogue, size_t n, int curl_code,
		 struct mail_result *out)
{
	struct xfer x;
	const char *p = dialogue, *end = dialogue + n;

	memset(&x, 0, sizeof(x));
	memset(out, 0, sizeof(*out));
	out->proto = proto;
	x.res = out;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p + 1) : (size_t)(end - p);
		if (len >= 3 && !memcmp(p, "C: ", 3))
			on_debug(NULL, CURLINFO_HEADER_OUT, (char *)p + 3, len - 3, &x);
		else
			on_debug(NULL, CURLINFO_HEADER_IN, (char *)p, len, &x);
		p += len;
	}
	finish(&x, NULL, (CURLcode)curl_code);
	free(x.buf);
}

void mail_results_free(struct mail_result **r, int n)
{
	if (!r || !*r)
		return;
	for (int i = 0; i < n; i++)
		free((*r)[i].transcript);
	free(*r);
	*r = NULL;
}
