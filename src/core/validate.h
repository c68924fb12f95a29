/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Field validation: pure functions. Each failure fills a translated message that says what to do. */
#ifndef O365_VALIDATE_H
#define O365_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "cloud.h"

enum vres { V_OK = 0, V_WARN, V_ERR };

struct vmsg {
	enum vres res;
	char text[512];
};

enum vres validate_tenant(const char *in, struct vmsg *m);
enum vres validate_client_id(const char *in, const char *tenant, struct vmsg *m);
/* Trims spaces and quotes into *clean (heap, cleanse with codec_free_secret) when clean != NULL. */
enum vres validate_secret(const char *in, const char *client_id, const char *tenant, char **clean,
			  struct vmsg *m);
enum vres validate_email(const char *in, struct vmsg *m);
enum vres validate_host(const char *in, struct vmsg *m);
enum vres validate_port(const char *in, int *port, struct vmsg *m);
enum vres validate_expiry(const char *in, time_t now, struct vmsg *m);
enum vres validate_scope(const char *in, enum cloud c, struct vmsg *m);
enum vres validate_authority(const char *in, struct vmsg *m);
enum vres validate_object_id(const char *in, const char *client_id, struct vmsg *m);

bool validate_is_guid(const char *s);
bool validate_parse_date(const char *s, struct tm *tm);
/* "host", "host:port" or "[v6]:port". Returns false when malformed. */
bool validate_hostport(const char *s, char *host, size_t hn, int *port);
/* A number from a file or a server as a whole long in [lo, hi]; false when it is not finite, not
 * whole or out of range (checked before any conversion, which would be undefined). |hi| < 2^53. */
bool validate_whole(double d, long lo, long hi, long *out);
/* Copies s without surrounding blanks into a fresh heap string. */
char *validate_trim(const char *s);

#endif
