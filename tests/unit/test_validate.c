/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "tap.h"
#include "validate.h"

#define TENANT "72f988bf-86f1-41af-91ab-2d7cd011db47"
#define CLIENT "11111111-2222-3333-4444-555555555555"
#define SECRET "bP88Q~rcBcYjzzOhg1Hnn76Wm3jGgakZiZ.8vMgR"

static void expect(enum vres got, enum vres want, const struct vmsg *m, const char *needle)
{
	if (got != want)
		fail_msg("got %d, want %d: %s", got, want, m->text);
	if (needle && !strstr(m->text, needle))
		fail_msg("'%s' not in: %s", needle, m->text);
	if (want != V_OK)
		assert_true(strlen(m->text) > 10); /* every failure says what to do */
}

static void tenant_good(void **s)
{
	struct vmsg m;
	expect(validate_tenant(TENANT, &m), V_OK, &m, NULL);
	expect(validate_tenant("  " TENANT "\n", &m), V_OK, &m, NULL);
	expect(validate_tenant("contoso.onmicrosoft.com", &m), V_OK, &m, NULL);
	expect(validate_tenant("example.test", &m), V_OK, &m, NULL);
	expect(validate_tenant("mail-corp.co.uk", &m), V_OK, &m, NULL);
}

static void tenant_bad(void **s)
{
	struct vmsg m;
	expect(validate_tenant("", &m), V_ERR, &m, "Directory (tenant) ID");
	expect(validate_tenant("common", &m), V_ERR, &m, "not a tenant");
	expect(validate_tenant("Organizations", &m), V_ERR, &m, "not a tenant");
	expect(validate_tenant("consumers", &m), V_ERR, &m, "not a tenant");
	expect(validate_tenant("https://login.microsoftonline.com/" TENANT "/oauth2/v2.0/token", &m), V_ERR,
	       &m, "URL");
	expect(validate_tenant(TENANT "/v2.0", &m), V_ERR, &m, "URL");
	expect(validate_tenant("<tenantId>", &m), V_ERR, &m, "placeholder");
	expect(validate_tenant("{tenant}", &m), V_ERR, &m, "placeholder");
	expect(validate_tenant("{{tenantid}}", &m), V_ERR, &m, "placeholder");
	expect(validate_tenant("undefined", &m), V_ERR, &m, "placeholder");
	expect(validate_tenant("00000000-0000-0000-0000-000000000000", &m), V_ERR, &m, "placeholder");
	expect(validate_tenant("72f988bf-86f1-41af-91ab-2d7cd011db4", &m), V_ERR, &m, "typo");
	expect(validate_tenant("admin@contoso.com", &m), V_ERR, &m, "e-mail");
	expect(validate_tenant("contoso", &m), V_ERR, &m, "domain");
	expect(validate_tenant("bad_domain.com", &m), V_ERR, &m, NULL);
	expect(validate_tenant("-x.com", &m), V_ERR, &m, NULL);
}

static void client_id(void **s)
{
	struct vmsg m;
	expect(validate_client_id(CLIENT, TENANT, &m), V_OK, &m, NULL);
	expect(validate_client_id(TENANT, TENANT, &m), V_ERR, &m, "tenant");
	expect(validate_client_id("72F988BF-86F1-41AF-91AB-2D7CD011DB47", TENANT, &m), V_ERR, &m, "tenant");
	expect(validate_client_id("", TENANT, &m), V_ERR, &m, "Application (client) ID");
	expect(validate_client_id("my-app", TENANT, &m), V_ERR, &m, "GUID");
	expect(validate_client_id("11111111-2222-3333-4444-55555555555", TENANT, &m), V_ERR, &m, "typo");
	expect(validate_client_id("00000002-0000-0ff1-ce00-000000000000", TENANT, &m), V_ERR, &m,
	       "Exchange Online");
	expect(validate_client_id("00000000-0000-0000-0000-000000000000", TENANT, &m), V_ERR, &m,
	       "placeholder");
}

static void secret(void **s)
{
	struct vmsg m;
	char *clean = NULL;

	expect(validate_secret(SECRET, CLIENT, TENANT, &clean, &m), V_OK, &m, NULL);
	assert_string_equal(clean, SECRET);
	codec_free_secret(&clean);
	expect(validate_secret("  \"" SECRET "\"  \n", CLIENT, TENANT, &clean, &m), V_OK, &m, NULL);
	assert_string_equal(clean, SECRET);
	codec_free_secret(&clean);
	expect(validate_secret("'" SECRET "'", CLIENT, TENANT, &clean, &m), V_OK, &m, NULL);
	assert_string_equal(clean, SECRET);
	codec_free_secret(&clean);
	expect(validate_secret("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", CLIENT, TENANT, &clean, &m), V_ERR, &m,
	       "Secret ID");
	assert_null(clean);
	expect(validate_secret(CLIENT, CLIENT, TENANT, NULL, &m), V_ERR, &m, "swapped");
	expect(validate_secret(TENANT, CLIENT, TENANT, NULL, &m), V_ERR, &m, "swapped");
	expect(validate_secret("", CLIENT, TENANT, NULL, &m), V_ERR, &m, "Value");
	expect(validate_secret("  ", CLIENT, TENANT, NULL, &m), V_ERR, &m, "Value");
	expect(validate_secret("eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.sig", CLIENT, TENANT, NULL, &m), V_ERR, &m,
	       "access token");
	expect(validate_secret("bP88Q~rcBcYjzz Ohg1Hnn76Wm3jGgakZiZ.8vMgR", CLIENT, TENANT, NULL, &m), V_ERR,
	       &m, "blanks");
	/* older formats exist: a soft warning, still accepted */
	expect(validate_secret("s3cr3t~value", CLIENT, TENANT, &clean, &m), V_WARN, &m,
	       "current client secret");
	assert_string_equal(clean, "s3cr3t~value");
	codec_free_secret(&clean);
	expect(validate_secret("abc+def/ghi=jkl+mno/pqr=stu+vwx/yz=", CLIENT, TENANT, NULL, &m), V_WARN, &m,
	       NULL);
}

static void email(void **s)
{
	struct vmsg m;
	expect(validate_email("box@example.test", &m), V_OK, &m, NULL);
	expect(validate_email("first.last+tag@contoso.co.uk", &m), V_OK, &m, NULL);
	expect(validate_email("", &m), V_ERR, &m, NULL);
	expect(validate_email("box", &m), V_ERR, &m, "not an e-mail");
	expect(validate_email("box@", &m), V_ERR, &m, NULL);
	expect(validate_email("@example.com", &m), V_ERR, &m, NULL);
	expect(validate_email("a@b@c.com", &m), V_ERR, &m, NULL);
	expect(validate_email("box@localhost", &m), V_ERR, &m, "domain");
	expect(validate_email("John Smith <js@contoso.com>", &m), V_ERR, &m, NULL);
	expect(validate_email("a..b@contoso.com", &m), V_ERR, &m, "dot");
	expect(validate_email("box@exa_mple.com", &m), V_ERR, &m, NULL);
}

static void host_and_port(void **s)
{
	struct vmsg m;
	int port = 0;
	char host[256];

	expect(validate_host("smtp.office365.com", &m), V_OK, &m, NULL);
	expect(validate_host("127.0.0.1", &m), V_OK, &m, NULL);
	expect(validate_host("::1", &m), V_OK, &m, NULL);
	expect(validate_host("localhost", &m), V_OK, &m, NULL);
	expect(validate_host("", &m), V_ERR, &m, NULL);
	expect(validate_host("smtp://smtp.office365.com", &m), V_ERR, &m, "without");
	expect(validate_host("smtp.office365.com:587", &m), V_ERR, &m, "port");
	expect(validate_host("smtp office365", &m), V_ERR, &m, NULL);
	expect(validate_port("587", &port, &m), V_OK, &m, NULL);
	assert_int_equal(port, 587);
	expect(validate_port("0", &port, &m), V_ERR, &m, NULL);
	expect(validate_port("65536", &port, &m), V_ERR, &m, NULL);
	expect(validate_port("58a", &port, &m), V_ERR, &m, NULL);
	expect(validate_port("", &port, &m), V_ERR, &m, NULL);
	expect(validate_port("465", &port, &m), V_WARN, &m, "587");
	assert_true(validate_hostport("127.0.0.1:10993", host, sizeof(host), &port));
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(port, 10993);
	assert_true(validate_hostport("[::1]:10587", host, sizeof(host), &port));
	assert_string_equal(host, "::1");
	assert_int_equal(port, 10587);
	port = 993;
	assert_true(validate_hostport("outlook.office365.com", host, sizeof(host), &port));
	assert_int_equal(port, 993);
	assert_false(validate_hostport("host:0", host, sizeof(host), &port));
	assert_false(validate_hostport("host:x", host, sizeof(host), &port));
	assert_false(validate_hostport("[::1", host, sizeof(host), &port));
	assert_false(validate_hostport("", host, sizeof(host), &port));
}

static void expiry(void **s)
{
	struct vmsg m;
	time_t now = 1795780800; /* 2026-11-27T12:00:00Z */

	expect(validate_expiry("2027-05-27", now, &m), V_OK, &m, NULL);
	expect(validate_expiry("2028-11-26", now, &m), V_OK, &m, NULL);
	expect(validate_expiry("2026-12-10", now, &m), V_WARN, &m, "13 days");
	expect(validate_expiry("2026-11-27", now, &m), V_WARN, &m, NULL);
	expect(validate_expiry("2026-11-26", now, &m), V_ERR, &m, "expired");
	expect(validate_expiry("2029-01-01", now, &m), V_ERR, &m, "24 months");
	expect(validate_expiry("2027-02-29", now, &m), V_ERR, &m, "YYYY-MM-DD");
	expect(validate_expiry("27-05-2027", now, &m), V_ERR, &m, "YYYY-MM-DD");
	expect(validate_expiry("2027/05/27", now, &m), V_ERR, &m, NULL);
	expect(validate_expiry("", now, &m), V_ERR, &m, NULL);
	expect(validate_expiry("2028-02-29", now, &m), V_OK, &m, NULL);
}

static void scope(void **s)
{
	struct vmsg m;
	expect(validate_scope("https://outlook.office365.com/.default", CLOUD_GLOBAL, &m), V_OK, &m, NULL);
	expect(validate_scope("https://outlook.office365.com/IMAP.AccessAsApp", CLOUD_GLOBAL, &m), V_ERR, &m,
	       "/.default");
	expect(validate_scope("https://graph.microsoft.com/.default", CLOUD_GLOBAL, &m), V_ERR, &m, "Graph");
	expect(validate_scope("https://outlook.office365.com/.default https://graph.microsoft.com/.default",
			      CLOUD_GLOBAL, &m),
	       V_ERR, &m, "one resource");
	expect(validate_scope("https://outlook.office365.com/.default", CLOUD_USGOV, &m), V_ERR, &m,
	       "office365.us");
	expect(validate_scope("https://outlook.office365.us/.default", CLOUD_USGOV, &m), V_OK, &m, NULL);
	expect(validate_scope("", CLOUD_GLOBAL, &m), V_ERR, &m, NULL);
}

static void misc(void **s)
{
	struct vmsg m;
	expect(validate_authority("https://127.0.0.1:4443", &m), V_OK, &m, NULL);
	expect(validate_authority("http://login.microsoftonline.com", &m), V_ERR, &m, "https");
	expect(validate_object_id("99999999-8888-7777-6666-555555555555", CLIENT, &m), V_OK, &m, NULL);
	expect(validate_object_id(CLIENT, CLIENT, &m), V_ERR, &m, "Enterprise");
	expect(validate_object_id("x", CLIENT, &m), V_ERR, &m, NULL);
	assert_true(validate_is_guid(TENANT));
	assert_false(validate_is_guid(TENANT "0"));
	assert_false(validate_is_guid("72f988bf_86f1-41af-91ab-2d7cd011db47"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tenant_good), cmocka_unit_test(tenant_bad), cmocka_unit_test(client_id),
		cmocka_unit_test(secret),      cmocka_unit_test(email),	     cmocka_unit_test(host_and_port),
		cmocka_unit_test(expiry),      cmocka_unit_test(scope),	     cmocka_unit_test(misc),
	};
	return RUN(tests);
}
