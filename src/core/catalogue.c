/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "catalogue.h"
#include "i18n.h"
#include "stepref.h"

struct aadsts_entry {
	long code;
	struct fix fix;
};

static const struct aadsts_entry aadsts[] = {
	{7000215,
	 {O365_EAUTH, STEP_SECRET,
	  N_("The client secret was refused: mistyped, from another app, deleted, or the Secret ID "
	     "was pasted instead of the Value."),
	  N_("In Certificates & secrets copy the Value (not the Secret ID). If the Value is hidden, "
	     "create a new client secret and copy its Value at once.")}},
	{7000222,
	 {O365_EAUTH, STEP_SECRET, N_("The client secret has expired."),
	  N_("Create a new client secret in Certificates & secrets, enter its Value and expiry "
	     "date, then delete the expired one.")}},
	{700016,
	 {O365_EAUTH, STEP_APP,
	  N_("No application with this client ID exists in this tenant: often the Object ID or the "
	     "tenant ID was pasted as the client ID, or the tenant is wrong."),
	  N_("Copy the Application (client) ID and the Directory (tenant) ID again from the app "
	     "registration's Overview page.")}},
	{90002,
	 {O365_EAUTH, STEP_APP,
	  N_("The tenant was not found: a typo in the tenant ID, or the tenant is in another cloud."),
	  N_("Copy the Directory (tenant) ID again from the Overview page, and check the cloud chosen "
	     "at step 0.")}},
	{900023,
	 {O365_EAUTH, STEP_APP, N_("The tenant identifier is neither a GUID nor a domain."),
	  N_("Enter the Directory (tenant) ID GUID or a verified domain such as "
	     "contoso.onmicrosoft.com.")}},
	{90014,
	 {O365_EAUTH, STEP_APP, N_("A required field was missing from the token request."),
	  N_("Check that the client ID and the secret or certificate are filled in.")}},
	{900144,
	 {O365_EAUTH, STEP_APP, N_("A required field was missing from the token request."),
	  N_("Check that the client ID and the secret or certificate are filled in.")}},
	{9001023,
	 {O365_EAUTH, STEP_APP, N_("The /common or /consumers endpoint cannot issue app-only tokens."),
	  N_("Enter your own tenant: the Directory (tenant) ID or your domain.")}},
	{50059,
	 {O365_EAUTH, STEP_APP, N_("No tenant could be identified from the request."),
	  N_("Enter your own tenant: the Directory (tenant) ID or your domain.")}},
	{70011,
	 {O365_EAUTH, STEP_START, N_("The scope was refused as malformed."),
	  N_("Choose the right cloud at step 0; the scope must be the cloud's Exchange Online "
	     "resource with /.default.")}},
	{1002012,
	 {O365_EAUTH, STEP_START,
	  N_("The scope must end in /.default for app-only tokens (a permission name was used)."),
	  N_("Use the Exchange Online scope with /.default; the permissions themselves are granted "
	     "at step 3.")}},
	{700022,
	 {O365_EAUTH, STEP_START, N_("The scope names more than one resource."),
	  N_("Use one scope only: the Exchange Online resource with /.default.")}},
	{700023,
	 {O365_EAUTH, STEP_START, N_("The scope names no resource."),
	  N_("Use the Exchange Online resource with /.default.")}},
	{500011,
	 {O365_EAUTH, STEP_START,
	  N_("The Exchange Online resource was not found in the tenant: a typo in the scope, the "
	     "wrong cloud, or no Exchange Online in this tenant."),
	  N_("Check the cloud at step 0, and that the tenant has Exchange Online mailboxes.")}},
	{7000216,
	 {O365_EAUTH, STEP_SECRET, N_("No client secret or certificate was sent."),
	  N_("Enter the client secret Value, or choose the certificate and its key.")}},
	{7000218,
	 {O365_EAUTH, STEP_SECRET, N_("No client secret or certificate was sent."),
	  N_("Enter the client secret Value, or choose the certificate and its key.")}},
	{700025,
	 {O365_EAUTH, STEP_APP, N_("The app registration is a public client, which cannot use a secret."),
	  N_("In the app registration under Authentication set \"Allow public client flows\" to "
	     "No, save, and try again.")}},
	{7000112,
	 {O365_EAUTH, STEP_APP,
	  N_("The application is disabled in this tenant (possibly by Microsoft as a precaution)."),
	  N_("In Enterprise applications open the app, Properties, set \"Enabled for users to "
	     "sign-in\" to Yes; or ask Microsoft support why it was disabled.")}},
	{700027,
	 {O365_EAUTH, STEP_SECRET,
	  N_("The certificate that signed the request is not registered on the app."),
	  N_("Upload the .cer file shown at step 2 under Certificates & secrets > Certificates, "
	     "then try again.")}},
	{700024,
	 {O365_EAUTH, STEP_SECRET,
	  N_("The signed request is outside its valid time: this computer's clock is wrong."),
	  N_("Set the clock (for example enable NTP with timedatectl set-ntp true) and try again.")}},
	{50012,
	 {O365_EAUTH, STEP_SECRET, N_("The client assertion's signature was refused."),
	  N_("Upload the certificate shown at step 2, or generate a new key pair there.")}},
	{50013,
	 {O365_EAUTH, STEP_SECRET, N_("The client assertion was refused."),
	  N_("Generate the certificate again at step 2 and upload the new .cer file.")}},
	{50027,
	 {O365_EAUTH, STEP_SECRET, N_("The client assertion is not a valid JWT."),
	  N_("Generate the certificate again at step 2 and upload the new .cer file.")}},
	{700021,
	 {O365_EAUTH, STEP_APP, N_("The client assertion names another application."),
	  N_("Check the Application (client) ID.")}},
	{53003,
	 {O365_EAUTH, STEP_APP, N_("A Conditional Access policy for workload identities blocks this app."),
	  N_("Ask the Entra administrator to exclude this app from the policy (Entra ID > Security "
	     "> Conditional Access), then try again.")}},
};

const struct fix *catalogue_aadsts(long code)
{
	for (size_t i = 0; i < sizeof(aadsts) / sizeof(aadsts[0]); i++)
		if (aadsts[i].code == code)
			return &aadsts[i].fix;
	return NULL;
}

static const struct fix faults[NF_COUNT] = {
	[NF_NONE] = {O365_OK, -1, "", ""},
	[NF_DNS] = {O365_ENET, -1, N_("The server's name could not be resolved."),
		    N_("Check DNS and the network; behind a proxy set HTTPS_PROXY.")},
	[NF_REFUSED] = {O365_ENET, -1, N_("The connection was refused."),
			N_("Check the network, the firewall (outbound 443, 587, 993) and the server name "
			   "and port.")},
	[NF_TLS_VERIFY] = {O365_ENET, -1,
			   N_("The server's TLS certificate could not be verified (a TLS-inspecting proxy or "
			      "a missing CA)."),
			   N_("Install the proxy's CA in the system store or pass it with --cacert FILE; "
			      "verification is never switched off.")},
	[NF_TLS] = {O365_ENET, -1, N_("The TLS handshake failed."),
		    N_("Check that nothing between you and the server intercepts TLS, and that the port "
		       "speaks TLS.")},
	[NF_TIMEOUT] = {O365_ENET, -1, N_("The server did not answer in time."),
			N_("Check the network and any proxy, then try again; --timeout sets a longer "
			   "limit.")},
	[NF_PROXY] = {O365_ENET, -1, N_("The proxy refused or failed the connection."),
		      N_("Check HTTPS_PROXY / NO_PROXY and the proxy's credentials.")},
	[NF_HTTP_429] = {O365_ENET, -1, N_("The server kept asking to slow down (HTTP 429)."),
			 N_("Wait a few minutes and try again.")},
	[NF_HTTP_5XX] = {O365_ENET, -1, N_("The server failed (HTTP 5xx) even after retries."),
			 N_("This is on Microsoft's side or a proxy's: wait and try again; check "
			    "status.office.com.")},
	[NF_NOT_JSON] = {O365_ENET, -1, N_("The server's answer was not the JSON a token endpoint sends."),
			 N_("Check the authority URL; a proxy may be answering instead of Microsoft.")},
	[NF_HTML] =
		{O365_ENET, -1,
		 N_("The server answered with a web page, not a token (a proxy login or captive portal?)."),
		 N_("Check the authority URL and any proxy; open it in a browser to see the page.")},
	[NF_OVERSIZED] = {O365_ENET, -1, N_("The server's answer was far too large for a token response."),
			  N_("Check the authority URL; something other than the token endpoint answered.")},
	[NF_CLOSED] = {O365_ENET, -1, N_("The server closed the connection without an answer."),
		       N_("Try again; if it persists, check proxies and firewalls on the way.")},
	[NF_NO_TOKEN] = {O365_ENET, -1, N_("The server answered success but sent no access token."),
			 N_("Check the authority URL: it does not behave like Microsoft's token endpoint.")},
	[NF_REDIRECT] = {O365_ENET, -1,
			 N_("The server answered with a redirect; redirects are not followed."),
			 N_("Set the authority to the real token host (see --authority).")},
	[NF_HTTP_OTHER] = {O365_ENET, -1, N_("The server answered with an unexpected HTTP status."),
			   N_("Check the authority URL and any proxy.")},
	[NF_CANCELLED] = {O365_ECANCEL, -1, N_("Cancelled."), N_("Run the check again when ready.")},
	[NF_LOCAL] = {O365_ENET, -1, N_("The request could not be made on this computer."),
		      N_("See the detail above; check the CA file and the network libraries.")},
};

const struct fix *catalogue_fault(enum net_fault f)
{
	if ((unsigned)f >= NF_COUNT)
		f = NF_HTTP_OTHER;
	return &faults[f];
}

/* ---- mail replies ---- */

/* Case-insensitive search in the server's own words (Microsoft's fixed keywords, never ours). */
static bool has(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = hay; p && *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return false;
}

static bool digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

void catalogue_mail_reply_parse(enum mail_proto proto, const char *line, struct mail_reply *out)
{
	const char *p;

	out->code = 0;
	out->status[0] = out->resp_code[0] = '\0';
	snprintf(out->text, sizeof(out->text), "%s", line ? line : "");
	if (!line)
		return;
	if (proto == MP_SMTP) {
		size_t n = 0;
		if (strlen(line) < 3 || !digits(line, 3))
			return;
		out->code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
		/* enhanced status code (RFC 3463): class.subject.detail */
		p = line + 3;
		if (*p == ' ' || *p == '-')
			p++;
		while (p[n] && (p[n] == '.' || (p[n] >= '0' && p[n] <= '9')))
			n++;
		if (n >= 5 && n < sizeof(out->status) && (p[0] == '2' || p[0] == '4' || p[0] == '5') &&
		    p[1] == '.' && (!p[n] || p[n] == ' ' || p[n] == ';'))
			snprintf(out->status, sizeof(out->status), "%.*s", (int)n, p);
		return;
	}
	/* IMAP: "tag STATUS [CODE ...] text" or "* STATUS ..." */
	if (!(p = strchr(line, ' ')))
		return;
	p++;
	{
		size_t n = strcspn(p, " ");
		if (n < sizeof(out->status))
			snprintf(out->status, sizeof(out->status), "%.*s", (int)n, p);
		p += n;
	}
	if (p[0] == ' ' && p[1] == '[') {
		size_t n = strcspn(p + 2, " ]");
		if (n < sizeof(out->resp_code))
			snprintf(out->resp_code, sizeof(out->resp_code), "%.*s", (int)n, p + 2);
	}
}

bool catalogue_mail_transient(enum mail_proto proto, bool before_login, const struct mail_reply *rp)
{
	if (proto == MP_SMTP)
		return rp->code == 421 || !strncmp(rp->status, "4.3.2", 5) ||
		       (before_login && rp->code >= 400 && rp->code < 500);
	if (!strcasecmp(rp->resp_code, "UNAVAILABLE") || !strcasecmp(rp->resp_code, "INUSE"))
		return true;
	return before_login && !strcasecmp(rp->status, "BYE");
}

static bool status_is(const struct mail_reply *rp, const char *st)
{
	return !strcmp(rp->status, st);
}

enum mail_cause catalogue_mail_cause(enum mail_proto proto, enum mail_verdict v, const struct mail_reply *rp)
{
	static const struct mail_reply none = {0};

	if (!rp)
		rp = &none;
	switch (v) {
	case MV_OK:
		return MC_OK;
	case MV_BUSY:
		return MC_BUSY;
	case MV_GREETING:
		return MC_GREETING;
	case MV_NO_XOAUTH2:
		return MC_NO_XOAUTH2;
	case MV_STARTTLS:
		return MC_STARTTLS;
	default:
		break;
	}
	if (proto == MP_SMTP) {
		/* One enhanced code, several meanings: Microsoft's fixed keywords tell them apart. */
		if (status_is(rp, "5.7.139"))
			return has(rp->text, "basic authentication")	   ? MC_BASIC_DISABLED
			       : has(rp->text, "SmtpClientAuthentication") ? MC_SMTP_AUTH_DISABLED
									   : MC_AUTH_FAILED;
		if (status_is(rp, "5.2.252") || has(rp->text, "SendAsDenied"))
			return MC_SENDAS_DENIED;
		if (status_is(rp, "5.7.57") || rp->code == 530)
			return MC_NOT_AUTHENTICATED;
		if (rp->code == 430 || has(rp->text, "STOREDRV"))
			return MC_STOREDRV;
		if (status_is(rp, "5.7.3"))
			return MC_SMTP_535_573;
		/* a sender refused after a good login: the login may not send as it (Postfix delays
		 * the refusal of MAIL FROM until RCPT TO, in its own fixed words) */
		if (v == MV_COMMAND_REFUSED && status_is(rp, "5.7.1") &&
		    (!strcmp(rp->command, "MAIL") || has(rp->text, "Sender address rejected")))
			return MC_SENDAS_DENIED;
		if (rp->status[0] && !strncmp(rp->status + 1, ".1.1", 4))
			return MC_UNKNOWN_USER;
		if (v == MV_AUTH_REFUSED && (rp->sasl_error || rp->code == 535))
			return MC_AUTH_FAILED;
		return MC_OTHER;
	}
	if (!strcasecmp(rp->resp_code, "NONEXISTENT"))
		return MC_UNKNOWN_USER;
	if (v == MV_AUTH_REFUSED && (rp->sasl_error || status_is(rp, "NO") || status_is(rp, "BAD")))
		return MC_AUTH_FAILED;
	/* logged in, yet the mailbox will not open */
	if (v == MV_COMMAND_REFUSED && (status_is(rp, "NO") || status_is(rp, "BAD")))
		return MC_NOT_CONNECTED;
	return MC_OTHER;
}

bool catalogue_mail_login_refused(enum mail_cause c)
{
	return c == MC_AUTH_FAILED || c == MC_SMTP_535_573 || c == MC_OTHER;
}

static const char exchange_cause[] =
	N_("The token is right, so the Exchange step is the cause: the service principal was registered "
	   "with the wrong Object ID (the App Registration's instead of the Enterprise Application's) or "
	   "not at all, the mailbox has no FullAccess for it, or the change has not propagated yet.");
static const char exchange_fix[] =
	N_("Run the PowerShell from step 5 (New-ServicePrincipal with the token's oid, "
	   "Add-MailboxPermission), check it with Get-ServicePrincipal and Get-MailboxPermission, then "
	   "allow 30-60 minutes for Exchange to propagate.");

static const struct fix mail_fix[MC_COUNT] = {
	[MC_OK] = {O365_OK, -1, "", ""},
	[MC_AUTH_FAILED] = {O365_EMAILBOX, STEP_EXCHANGE, exchange_cause, exchange_fix},
	[MC_NOT_CONNECTED] =
		{O365_EMAILBOX, STEP_EXCHANGE,
		 N_("The login was accepted but the mailbox cannot be opened: no FullAccess for the "
		    "service principal, IMAP disabled for the mailbox, or the change is still "
		    "propagating."),
		 N_("Run Add-MailboxPermission -AccessRights FullAccess for this mailbox (step 5), "
		    "check Get-CASMailbox shows ImapEnabled True, then allow 30-60 minutes.")},
	[MC_SMTP_535_573] = {O365_EMAILBOX, STEP_EXCHANGE, exchange_cause, exchange_fix},
	[MC_SMTP_AUTH_DISABLED] =
		{O365_EMAILBOX, STEP_EXCHANGE,
		 N_("SMTP AUTH is disabled for the tenant or the mailbox; OAuth needs it "
		    "enabled too."),
		 N_("Run Set-CASMailbox -Identity <mailbox> -SmtpClientAuthenticationDisabled "
		    "$false (step 5), or for the whole organisation Set-TransportConfig "
		    "-SmtpClientAuthenticationDisabled $false.")},
	[MC_BASIC_DISABLED] =
		{O365_EMAILBOX, STEP_MAILSERVER,
		 N_("The server saw a password login (basic authentication), not OAuth."),
		 N_("Set Authentication type to Office365OAuth in the Extension Kit; this tool only "
		    "logs in with XOAUTH2, so check any proxy in between.")},
	[MC_NOT_AUTHENTICATED] = {O365_EMAILBOX, STEP_EXCHANGE,
				  N_("Mail was sent before a successful login (530 5.7.57)."),
				  N_("Fix the login failure reported above first; check SMTP AUTH is enabled "
				     "for the mailbox.")},
	[MC_STOREDRV] = {O365_EMAILBOX, STEP_EXCHANGE,
			 N_("Exchange could not open the mailbox for the service principal when submitting "
			    "(430 4.2.0 STOREDRV)."),
			 N_("Grant FullAccess with Add-MailboxPermission (step 5) and allow time to "
			    "propagate.")},
	[MC_SENDAS_DENIED] =
		{O365_EMAILBOX, STEP_EXCHANGE,
		 N_("The sender address differs from the login mailbox, and the app may not send "
		    "as it: SendAs is missing."),
		 N_("Run Add-RecipientPermission -Identity <sender> -Trustee <service principal> "
		    "-AccessRights SendAs (step 5), or make the sender equal to the username at "
		    "step 6.")},
	[MC_NO_XOAUTH2] = {O365_EMAILBOX, STEP_MAILSERVER, N_("The server does not offer XOAUTH2 login."),
			   N_("Check the server name and port: Office 365 uses outlook.office365.com:993 for "
			      "IMAP and smtp.office365.com:587 for SMTP.")},
	[MC_STARTTLS] = {O365_ENET, STEP_MAILSERVER, N_("The server did not start TLS on the SMTP port."),
			 N_("Use port 587 with STARTTLS (Transport security Auto or TLS), and check that "
			    "nothing strips STARTTLS on the way.")},
	[MC_UNKNOWN_USER] = {O365_EMAILBOX, STEP_MAILSERVER, N_("The server does not know this mailbox."),
			     N_("Check the address at step 6: it must be the mailbox's primary SMTP "
				"address.")},
	[MC_BUSY] = {O365_ENET, -1,
		     N_("The server is busy and asked to be tried again later (its words are above)."),
		     N_("Check again in a few minutes; if it persists, other clients may be holding "
			"too many connections to the server.")},
	[MC_GREETING] = {O365_ENET, STEP_MAILSERVER,
			 N_("The server refused the connection before any login (its words are above)."),
			 N_("Check the server name and port, and that this computer's address may "
			    "connect to it.")},
	[MC_OTHER] = {O365_EMAILBOX, STEP_EXCHANGE,
		      N_("The server refused the login; its exact words are in the transcript."),
		      N_("Check the service principal and mailbox permission (step 5), and the address "
			 "(step 6).")},
};

const struct fix *catalogue_mail(enum mail_cause c, enum mail_proto proto, bool roles_ok)
{
	static const struct fix roles_missing_imap = {
		O365_EROLES,
		STEP_PERMISSIONS,
		N_("The token has no IMAP.AccessAsApp role, so IMAP refuses every mailbox."),
		N_("Add the Application permission IMAP.AccessAsApp under Office 365 Exchange Online (not "
		   "Graph, not Delegated), grant admin consent, then fetch a new token."),
	};
	static const struct fix roles_missing_smtp = {
		O365_EROLES,
		STEP_PERMISSIONS,
		N_("The token has no SMTP.SendAsApp role, so SMTP refuses every mailbox."),
		N_("Add the Application permission SMTP.SendAsApp under Office 365 Exchange Online (not "
		   "Graph, not Delegated), grant admin consent, then fetch a new token."),
	};

	if ((unsigned)c >= MC_COUNT)
		c = MC_OTHER;
	if (!roles_ok && (catalogue_mail_login_refused(c) || c == MC_NOT_CONNECTED))
		return proto == MP_IMAP ? &roles_missing_imap : &roles_missing_smtp;
	return &mail_fix[c];
}
