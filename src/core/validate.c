/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codec.h"
#include "err.h"
#include "i18n.h"
#include "validate.h"
#include "xalloc.h"

static enum vres say(struct vmsg *m, enum vres r, const char *fmt, ...) O365_PRINTF(3, 4);

static enum vres say(struct vmsg *m, enum vres r, const char *fmt, ...)
{
	va_list ap;

	if (!m)
		return r;
	m->res = r;
	va_start(ap, fmt);
	vsnprintf(m->text, sizeof(m->text), fmt, ap);
	va_end(ap);
	return r;
}

static enum vres ok(struct vmsg *m)
{
	if (m) {
		m->res = V_OK;
		m->text[0] = '\0';
	}
	return V_OK;
}

char *validate_trim(const char *s)
{
	const char *e;

	if (!s)
		return xstrdup("");
	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return xstrndup(s, (size_t)(e - s));
}

bool validate_is_guid(const char *s)
{
	if (!s || strlen(s) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

static bool is_zero_guid(const char *s)
{
	return strcmp(s, "00000000-0000-0000-0000-000000000000") == 0;
}

/* Hex digits and dashes only, but not a well-formed GUID: a truncated or mistyped ID. */
static bool guid_like(const char *s)
{
	int dashes = 0, hex = 0;

	for (; *s; s++) {
		if (*s == '-')
			dashes++;
		else if (isxdigit((unsigned char)*s))
			hex++;
		else
			return false;
	}
	return dashes >= 2 && hex >= 16;
}

static bool is_placeholder(const char *s)
{
	static const char *const words[] = {"undefined",      "null",	    "none",	 "nil",
					    "tenant",	      "tenantid",   "tenant_id", "tenant-id",
					    "your-tenant-id", "yourtenant", "directory", "clientid",
					    "client_id",      "xxx",	    "todo",	 NULL};

	if (strpbrk(s, "<>{}[]$%"))
		return true;
	for (int i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

static bool valid_domain(const char *s)
{
	const char *label = s, *p;
	size_t n = strlen(s);
	bool alpha_tld = false;

	if (n < 3 || n > 253 || !strchr(s, '.') || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (p = s;; p++) {
		if (*p == '.' || *p == '\0') {
			size_t len = (size_t)(p - label);
			if (len == 0 || len > 63 || label[0] == '-' || p[-1] == '-')
				return false;
			alpha_tld = true;
			for (const char *q = label; q < p; q++)
				if (!isalpha((unsigned char)*q))
					alpha_tld = false;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!isalnum((unsigned char)*p) && *p != '-') {
			return false;
		}
	}
	return alpha_tld && (size_t)(p - label) >= 2;
}

enum vres validate_tenant(const char *in, struct vmsg *m)
{
	char *t = validate_trim(in);
	enum vres r;

	if (!*t) {
		r = say(m, V_ERR, "%s",
			_("Enter the Directory (tenant) ID from the Overview page of your app "
			  "registration."));
	} else if (!strcasecmp(t, "common") || !strcasecmp(t, "organizations") ||
		   !strcasecmp(t, "consumers")) {
		r = say(m, V_ERR,
			_("'%s' is not a tenant: app-only sign-in needs your own tenant. Use the Directory "
			  "(tenant) ID GUID or your domain, e.g. contoso.onmicrosoft.com."),
			t);
	} else if (strstr(t, "://") || strchr(t, '/') || strchr(t, '?')) {
		r = say(m, V_ERR, "%s",
			_("This looks like a URL or a path. Paste only the Directory (tenant) ID: the GUID "
			  "on the "
			  "app registration's Overview page."));
	} else if (is_placeholder(t)) {
		r = say(m, V_ERR, "%s",
			_("This is a placeholder, not a tenant. Copy the Directory (tenant) ID from the app "
			  "registration's Overview page."));
	} else if (validate_is_guid(t)) {
		r = is_zero_guid(t) ? say(m, V_ERR, "%s",
					  _("The all-zero GUID is a placeholder. Copy the real Directory "
					    "(tenant) ID."))
				    : ok(m);
	} else if (guid_like(t)) {
		r = say(m, V_ERR,
			_("This looks like a GUID with a typo (%zu characters; a GUID has 36, as "
			  "8-4-4-4-12 hex digits). Copy it again with the copy button."),
			strlen(t));
	} else if (strchr(t, '@')) {
		r = say(m, V_ERR, "%s",
			_("That is an e-mail address. Enter the tenant's domain (the part after @) or the "
			  "Directory (tenant) ID."));
	} else if (valid_domain(t)) {
		r = ok(m);
	} else {
		r = say(m, V_ERR, "%s",
			_("Enter the Directory (tenant) ID (a GUID such as "
			  "72f988bf-86f1-41af-91ab-2d7cd011db47) or a verified domain such as "
			  "contoso.onmicrosoft.com."));
	}
	free(t);
	return r;
}

enum vres validate_client_id(const char *in, const char *tenant, struct vmsg *m)
{
	char *t = validate_trim(in);
	enum vres r;

	if (!*t)
		r = say(m, V_ERR, "%s",
			_("Enter the Application (client) ID from the Overview page of your app "
			  "registration."));
	else if (!validate_is_guid(t))
		r = say(m, V_ERR, "%s",
			guid_like(t)
				? _("This looks like a GUID with a typo. Copy the Application (client) ID "
				    "again with the copy button.")
				: _("The Application (client) ID is a GUID (8-4-4-4-12 hex digits) from the "
				    "app registration's Overview page."));
	else if (is_zero_guid(t))
		r = say(m, V_ERR, "%s",
			_("The all-zero GUID is a placeholder. Copy the real Application (client) ID."));
	else if (tenant && strcasecmp(t, tenant) == 0)
		r = say(m, V_ERR, "%s",
			_("This is the Directory (tenant) ID. The Application (client) ID is the other GUID "
			  "on "
			  "the Overview page."));
	else if (strcasecmp(t, "00000002-0000-0ff1-ce00-000000000000") == 0)
		r = say(m, V_ERR, "%s",
			_("This is the ID of Office 365 Exchange Online itself. Enter your own app's "
			  "Application (client) ID."));
	else
		r = ok(m);
	free(t);
	return r;
}

/* Modern Entra secrets: 3 chars, a digit, "Q~", 31-34 chars from [A-Za-z0-9_~.-]. */
static bool modern_secret(const char *s)
{
	size_t n = strlen(s);

	if (n < 37 || n > 40 || !isdigit((unsigned char)s[3]) || s[4] != 'Q' || s[5] != '~')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_~.-", s[i]))
			return false;
	return true;
}

enum vres validate_secret(const char *in, const char *client_id, const char *tenant, char **clean,
			  struct vmsg *m)
{
	char *t = validate_trim(in);
	size_t n;
	enum vres r;

	/* Strip one layer of matching quotes, then blanks again: copied from JSON or a shell. */
	n = strlen(t);
	if (n >= 2 && ((t[0] == '"' && t[n - 1] == '"') || (t[0] == '\'' && t[n - 1] == '\''))) {
		char *u;
		t[n - 1] = '\0';
		u = validate_trim(t + 1);
		codec_free_secret(&t);
		t = u;
	}
	n = strlen(t);
	if (!n)
		r = say(m, V_ERR, "%s",
			_("Enter the client secret Value (Certificates & secrets > Client secrets > "
			  "Value)."));
	else if ((client_id && strcasecmp(t, client_id) == 0) || (tenant && strcasecmp(t, tenant) == 0))
		r = say(m, V_ERR, "%s",
			_("This is the client or tenant ID: the fields are swapped. Paste the client secret "
			  "Value here."));
	else if (validate_is_guid(t))
		r = say(m, V_ERR, "%s",
			_("This is the Secret ID, not the secret. Copy the Value column instead; if it is "
			  "hidden now, create a new client secret and copy its Value at once."));
	else if (strncmp(t, "eyJ", 3) == 0 && strchr(t, '.'))
		r = say(m, V_ERR, "%s",
			_("This is an access token, not a client secret. Paste the secret Value from "
			  "Certificates & secrets."));
	else if (strpbrk(t, " \t\r\n"))
		r = say(m, V_ERR, "%s",
			_("The secret contains blanks inside it, so it was not copied whole. Copy the Value "
			  "again with the copy button."));
	else if (!modern_secret(t))
		r = say(m, V_WARN, "%s",
			_("This does not look like a current client secret (about 40 characters with 'Q~' "
			  "after the first four). Older secrets look different; check you copied the whole "
			  "Value."));
	else
		r = ok(m);
	if (clean && r != V_ERR) {
		*clean = t;
		t = NULL;
	}
	codec_free_secret(&t);
	return r;
}

enum vres validate_email(const char *in, struct vmsg *m)
{
	const char *at, *p;
	char *t = validate_trim(in);
	enum vres r = V_OK;

	at = strchr(t, '@');
	if (!*t) {
		r = say(m, V_ERR, "%s", _("Enter an e-mail address such as notifications@contoso.com."));
		goto out;
	}
	if (!at || at == t || strchr(at + 1, '@') || strlen(t) > 254 || (size_t)(at - t) > 64) {
		r = say(m, V_ERR,
			_("'%s' is not an e-mail address. Use the form name@domain, e.g. "
			  "notifications@contoso.com."),
			t);
		goto out;
	}
	/* Typographic quotes are no part of an address and end a PowerShell string. */
	if (strstr(t, "\u2018") || strstr(t, "\u2019") || strstr(t, "\u201a") || strstr(t, "\u201b") ||
	    strstr(t, "\u201c") || strstr(t, "\u201d")) {
		r = say(m, V_ERR,
			_("'%s' has a typographic quote (such as ’); type a plain apostrophe (') instead."),
			t);
		goto out;
	}
	for (p = t; p < at; p++) {
		if (isspace((unsigned char)*p) || iscntrl((unsigned char)*p) || strchr("<>()[],;:\\\"", *p)) {
			r = say(m, V_ERR, _("'%s' has characters that are not allowed in an address."), t);
			goto out;
		}
	}
	if (t[0] == '.' || at[-1] == '.' || strstr(t, "..")) {
		r = say(m, V_ERR, _("'%s' has a misplaced dot before the @."), t);
		goto out;
	}
	if (!valid_domain(at + 1)) {
		r = say(m, V_ERR, _("The domain in '%s' is not valid. Use a domain such as contoso.com."), t);
		goto out;
	}
	ok(m);
out:
	free(t);
	return r;
}

static bool valid_ipv4(const char *s)
{
	int a, b, c, d;
	char tail;

	return sscanf(s, "%d.%d.%d.%d%c", &a, &b, &c, &d, &tail) == 4 && a >= 0 && a < 256 && b >= 0 &&
	       b < 256 && c >= 0 && c < 256 && d >= 0 && d < 256;
}

static bool valid_ipv6(const char *s)
{
	int colons = 0;

	for (; *s; s++) {
		if (*s == ':')
			colons++;
		else if (!isxdigit((unsigned char)*s) && *s != '.')
			return false;
	}
	return colons >= 2;
}

static bool valid_hostname(const char *s)
{
	if (!strcmp(s, "localhost") || valid_ipv4(s) || valid_ipv6(s))
		return true;
	return valid_domain(s);
}

enum vres validate_host(const char *in, struct vmsg *m)
{
	char *t = validate_trim(in);
	enum vres r;

	if (!*t)
		r = say(m, V_ERR, "%s", _("Enter a host name such as smtp.office365.com."));
	else if (strstr(t, "://"))
		r = say(m, V_ERR, "%s", _("Enter only the host name, without smtp:// or https://."));
	else if (strchr(t, ':') && !valid_ipv6(t))
		r = say(m, V_ERR, "%s", _("Enter the port in its own field, not after the host name."));
	else if (!valid_hostname(t))
		r = say(m, V_ERR, _("'%s' is not a valid host name."), t);
	else
		r = ok(m);
	free(t);
	return r;
}

enum vres validate_port(const char *in, int *port, struct vmsg *m)
{
	char *end;
	long v;

	if (!in || !*in)
		return say(m, V_ERR, "%s", _("Enter a port number; Office 365 uses 587."));
	v = strtol(in, &end, 10);
	if (*end || v < 1 || v > 65535)
		return say(m, V_ERR, "%s", _("A port is a number from 1 to 65535; Office 365 uses 587."));
	if (port)
		*port = (int)v;
	if (v == 465 || v == 25)
		return say(
			m, V_WARN, "%s",
			_("Office 365 accepts authenticated submission on port 587 with STARTTLS; port 465 "
			  "and 25 are not for this."));
	return ok(m);
}

bool validate_hostport(const char *s, char *host, size_t hn, int *port)
{
	const char *colon;
	size_t len;

	if (!s || !*s)
		return false;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close)
			return false;
		len = (size_t)(close - s - 1);
		colon = close[1] == ':' ? close + 1 : NULL;
		if (close[1] && !colon)
			return false;
		s++;
	} else {
		colon = strrchr(s, ':');
		if (colon && strchr(s, ':') != colon)
			return false; /* bare IPv6 needs brackets when a port follows */
		len = colon ? (size_t)(colon - s) : strlen(s);
	}
	if (len == 0 || len >= hn)
		return false;
	memcpy(host, s, len);
	host[len] = '\0';
	if (colon) {
		char *end;
		long v = strtol(colon + 1, &end, 10);
		if (*end || v < 1 || v > 65535)
			return false;
		*port = (int)v;
	}
	return valid_hostname(host);
}

bool validate_whole(double d, long lo, long hi, long *out)
{
	/* the range test comes first: only then is the conversion defined */
	if (!(d >= (double)lo && d <= (double)hi) || (double)(long)d != d)
		return false;
	*out = (long)d;
	return true;
}

bool validate_parse_date(const char *s, struct tm *tm)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, mo, d;
	char tail;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3)
		return false;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return false;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	return true;
}

enum vres validate_expiry(const char *in, time_t now, struct vmsg *m)
{
	struct tm tm, today;
	long days;

	if (!in || !*in)
		return say(m, V_ERR, "%s",
			   _("Enter the secret's expiry date as YYYY-MM-DD (the Expires column in "
			     "Certificates & secrets)."));
	if (!validate_parse_date(in, &tm))
		return say(m, V_ERR, _("'%s' is not a date. Use YYYY-MM-DD, e.g. 2027-05-31."), in);
	gmtime_r(&now, &today);
	days = (long)(timegm(&tm) / 86400 - now / 86400);
	if (days < 0)
		return say(m, V_ERR, "%s",
			   _("That date has passed: the secret has expired. Create a new client secret "
			     "and enter its Value and expiry."));
	/* Entra caps a secret at 24 months (731 days covers a leap day). */
	if (days > 731)
		return say(m, V_ERR, "%s",
			   _("Entra ID limits a client secret to 24 months. Check the Expires column and "
			     "enter that date."));
	if (days <= 30)
		return say(m, V_WARN,
			   P_("The secret expires in %ld day. Plan its rotation now.",
			      "The secret expires in %ld days. Plan its rotation now.", days),
			   days);
	return ok(m);
}

enum vres validate_scope(const char *in, enum cloud c, struct vmsg *m)
{
	const struct cloud_info *ci = cloud_get(c);
	size_t n;

	if (!in || !*in)
		return say(m, V_ERR, _("Enter the scope: %s"), ci->scope);
	n = strlen(in);
	if (strpbrk(in, " \t,"))
		return say(m, V_ERR, _("A scope names one resource only. Use %s"), ci->scope);
	if (n < 9 || strcmp(in + n - 9, "/.default") != 0)
		return say(m, V_ERR,
			   _("App-only tokens need a scope ending in /.default (not a permission name). "
			     "Use %s"),
			   ci->scope);
	if (strstr(in, "graph.microsoft"))
		return say(m, V_ERR,
			   _("That is the Microsoft Graph scope; IMAP and SMTP need Exchange Online's: %s"),
			   ci->scope);
	if (strcmp(in, ci->scope) != 0)
		return say(m, V_ERR, _("The scope for %s is %s"), _(ci->label), ci->scope);
	return ok(m);
}

/* https://HOST[:PORT] and at most trailing slashes: no user name, path, query or fragment, so the
 * host that receives the secret is exactly the one shown. */
enum vres validate_authority(const char *in, struct vmsg *m)
{
	char buf[300], host[256];
	const char *rest;
	size_t n;
	int port = 443;

	if (!in || strncmp(in, "https://", 8) != 0 || strlen(in) < 9)
		return say(m, V_ERR, "%s",
			   _("The authority must be an https:// URL such as "
			     "https://login.microsoftonline.com."));
	rest = in + 8;
	n = strlen(rest);
	while (n && rest[n - 1] == '/')
		n--;
	if (memchr(rest, '@', n))
		return say(m, V_ERR, "%s",
			   _("The authority URL takes no user name or password (nothing before an @)."));
	if (strpbrk(rest, "?#"))
		return say(m, V_ERR, "%s", _("The authority URL takes no query or fragment."));
	if (n && n < sizeof(buf)) {
		memcpy(buf, rest, n);
		buf[n] = '\0';
	}
	if (n == 0 || n >= sizeof(buf) || memchr(rest, '/', n) ||
	    !validate_hostport(buf, host, sizeof(host), &port))
		return say(m, V_ERR, "%s",
			   _("The authority is https://HOST or https://HOST:PORT and nothing more, such as "
			     "https://login.microsoftonline.com."));
	return ok(m);
}

enum vres validate_object_id(const char *in, const char *client_id, struct vmsg *m)
{
	if (!in || !validate_is_guid(in))
		return say(m, V_ERR, "%s",
			   _("The Enterprise Application Object ID is a GUID. The token check reads it for "
			     "you; run step 4."));
	if (client_id && strcasecmp(in, client_id) == 0)
		return say(m, V_ERR, "%s",
			   _("This is the Application (client) ID. New-ServicePrincipal needs the Enterprise "
			     "Application's Object ID."));
	return ok(m);
}
