# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Real Dovecot (IMAPS, LMTP, SASL for Postfix) and Postfix (STARTTLS + XOAUTH2 through Dovecot SASL,
# and a relay into the mailboxes), configured under $STATE, on ephemeral loopback ports.
# Sourced by tests/lib.sh users after rig_pki. Sets IMAP_PORT SMTP_PORT. Root is needed (CI runs
# as root): Dovecot and Postfix drop to their own users.

mailrig_start() {
	local ports c=$STATE/conf d p
	ports=$("$PY" "$RIG/freeports.py" 4) || return 1
	# shellcheck disable=SC2086
	set -- $ports
	IMAP_PORT=$1 LMTP_PORT=$2 RELAY_PORT=$3 SMTP_PORT=$4
	d=$c/dovecot
	p=$c/postfix
	mkdir -p "$d" "$p" "$STATE/run/mail" "$STATE/run/postfix/spool" "$STATE/run/postfix/data"
	chmod 755 "$c" "$d" "$STATE/run"
	chown 65534:65534 "$STATE/run/mail"
	chown postfix "$STATE/run/postfix/data"
	{
		echo "box@example.test::::::"
		echo "other@example.test::::::"
		echo "sender@example.test::::::"
		for i in $(seq 1 200); do printf 'mbx%02d@example.test::::::\n' "$i"; done
	} >"$d/users"
	sed "s|@STATE@|$STATE|g" "$RIG/roles.lua" >"$d/roles.lua"
	local kid; kid=$(cat "$STATE/pki/jwt.kid")
	cat >"$d/oauth2.conf.ext" <<CONF
introspection_mode = local
local_validation_key_dict = fs:posix:prefix=$STATE/keys/
issuers = https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/
audience = https://outlook.office365.com
# App-only tokens name no mailbox: a constant format makes both sides equal, so user= decides.
username_attribute = tid
username_format = any
pass_attrs = o365_roles=%{oauth2:roles}
CONF
	cat >"$d/dovecot.conf" <<CONF
base_dir = $STATE/run/dovecot
state_dir = $STATE/run/dovecot-state
instance_name = o365t-$IMAP_PORT
protocols = imap lmtp
listen = 127.0.0.1
log_path = $STATE/run/dovecot.log
auth_verbose = yes
ssl = required
ssl_cert = <$STATE/pki/server.pem
ssl_key = <$STATE/pki/server.key
ssl_min_protocol = TLSv1.2
auth_mechanisms = xoauth2
disable_plaintext_auth = yes
auth_failure_delay = 0
auth_cache_size = 0
passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = $d/oauth2.conf.ext
  result_success = continue-ok
  result_failure = return-fail
  result_internalfail = return-fail
}
passdb {
  driver = lua
  args = file=$d/roles.lua blocking=no
  skip = unauthenticated
  result_success = return-ok
  result_failure = return-fail
}
userdb {
  driver = passwd-file
  args = username_format=%Lu $d/users
  default_fields = uid=65534 gid=65534 home=$STATE/run/mail/%Ln
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
first_valid_gid = 1
namespace inbox {
  inbox = yes
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = $IMAP_PORT
    ssl = yes
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
protocol lmtp {
  postmaster_address = postmaster@example.test
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
  client_limit = 4000
}
service auth {
  unix_listener auth-client {
    mode = 0666
  }
}
# Hundreds of logins at once (the benchmark checks 100 mailboxes over IMAP and SMTP, and many
# profiles share one mailbox): the server must never be what is measured.
default_process_limit = 100
default_client_limit = 2000
mail_max_userip_connections = 1000
service imap-login {
  service_count = 0
  process_min_avail = 2
  client_limit = 1000
}
# Mail processes are reused and a few wait ready: a fork and exec per login is the server's cost.
service imap {
  process_limit = 1000
  service_count = 1000
  process_min_avail = 16
}
service auth {
  client_limit = 4000
}
CONF
	chmod 644 "$d"/*
	: >"$STATE/run/dovecot.log"
	chmod 600 "$STATE/run/dovecot.log"
	dovecot -F -c "$d/dovecot.conf" </dev/null >"$STATE/run/dovecot.out" 2>&1 &
	DOVECOT_PID=$!
	at_exit "mailrig_stop_dovecot"
	cat >"$p/main.cf" <<CONF
compatibility_level = 3.6
queue_directory = $STATE/run/postfix/spool
data_directory = $STATE/run/postfix/data
mail_owner = postfix
setgid_group = postdrop
myhostname = localhost
mydomain = example.test
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
virtual_mailbox_domains = example.test
virtual_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
relayhost =
default_transport = error:this test relay delivers only to example.test
smtputf8_enable = no
biff = no
maillog_file = $STATE/run/postfix/maillog
maillog_file_prefixes = $STATE/run
alias_maps =
alias_database =
# No per-client limits: every connection comes from 127.0.0.1.
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
smtpd_client_auth_rate_limit = 0
default_process_limit = 1000
CONF
	cat >"$p/master.cf" <<CONF
127.0.0.1:$RELAY_PORT inet n - n - - smtpd
127.0.0.1:$SMTP_PORT inet n - n - 1000 smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_cert_file=$STATE/pki/server.pem
  -o smtpd_tls_key_file=$STATE/pki/server.key
  -o smtpd_tls_auth_only=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_sasl_type=dovecot
  -o smtpd_sasl_path=$STATE/run/dovecot/auth-client
  -o smtpd_sender_login_maps=regexp:$p/sender_login
  -o smtpd_sender_restrictions=reject_sender_login_mismatch
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
pickup unix n - n 60 1 pickup
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
tlsmgr unix - - n 1000? 1 tlsmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
smtp unix - - n - - smtp
relay unix - - n - - smtp
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
lmtp unix - - n - - lmtp
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
CONF
	# The sending mailbox may only use its own address as sender (SendAs is not granted).
	echo '/^(.*)$/ ${1}' >"$p/sender_login"
	# Postfix re-reads a main.cf younger than 2 s: date it back.
	touch -d "@$(($(date +%s) - 60))" "$p/main.cf" "$p/master.cf"
	: >"$STATE/run/postfix/maillog"
	mailrig_wait_port "$IMAP_PORT" || { echo "Bail out! dovecot did not start: $(tail -3 "$STATE/run/dovecot.log" "$STATE/run/dovecot.out")"; exit 1; }
	mailrig_wait_port "$LMTP_PORT" || { echo "Bail out! dovecot lmtp did not start"; exit 1; }
	postfix -c "$p" start </dev/null >/dev/null 2>&1 || { echo "Bail out! postfix did not start: $(tail -5 "$STATE/run/postfix/maillog")"; exit 1; }
	at_exit "mailrig_stop_postfix"
	mailrig_wait_port "$SMTP_PORT" || { echo "Bail out! postfix did not listen: $(tail -5 "$STATE/run/postfix/maillog")"; exit 1; }
}

# Waits for a listener by trying to connect; each try blocks until refused, so no fixed sleeps.
mailrig_wait_port() {
	"$PY" - "$1" <<'PY'
import socket, sys, time
end = time.monotonic() + 30
while time.monotonic() < end:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
}

mailrig_stop_postfix() {
	postfix -c "$STATE/conf/postfix" stop </dev/null >/dev/null 2>&1
}

# TERM alone leaves an auth process whose client is still connected: collect the children first.
mailrig_stop_dovecot() {
	local kids
	kids=$(ps -o pid= --ppid "$DOVECOT_PID" 2>/dev/null)
	kill -TERM "$DOVECOT_PID" 2>/dev/null
	wait "$DOVECOT_PID" 2>/dev/null
	# shellcheck disable=SC2086
	[ -n "$kids" ] && kill -KILL $kids 2>/dev/null
}
