#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The token client through its library interface (net_token_fetch), one line per scenario.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"
PROBE=$top_builddir/tests/unit/net_probe
token_start
# probe NAME CLIENT SECRET EXPECTED-REGEX [TENANT] [TIMEOUT_MS]
probe() {
	run "$PROBE" "$AUTHORITY" "$CA" "${5:-$TENANT}" "$2" "$3" "${6:-10000}"
	expect "library: $1" 0 "$4"
}
probe good "$APP" "$SECRET" "rc=ok .*token=yes"
probe wrong-secret "$APP" wrong-secret-value "rc=auth .*code=7000215 http=401 .*trace=yes"
probe secret-id-pasted "$APP" "$SECRET_ID" "rc=auth .*code=7000215"
probe expired-secret 33333333-4444-5555-6666-777777777777 "$SECRET" "rc=auth .*code=7000222"
probe unknown-app 12345678-1234-1234-1234-123456789abc "$SECRET" "rc=auth .*code=700016"
probe unknown-tenant "$APP" "$SECRET" "rc=auth .*code=90002" nosuch.example.test
probe malformed-tenant "$APP" "$SECRET" "rc=auth .*code=9001023" common
probe no-roles 22222222-3333-4444-5555-666666666666 "$SECRET" "rc=ok .*token=yes"
probe 429-then-ok f0000000-0000-0000-0000-000000000009 x "rc=ok .*attempts=2 token=yes"
probe http-500 f0000000-0000-0000-0000-000000000001 x "rc=network fault=8 .*http=500 attempts=3"
probe http-503 f0000000-0000-0000-0000-000000000002 x "rc=network fault=8 .*http=503 attempts=3"
probe malformed-json f0000000-0000-0000-0000-000000000003 x "rc=network fault=9 "
probe html-page f0000000-0000-0000-0000-000000000004 x "rc=network fault=10 "
probe oversized f0000000-0000-0000-0000-000000000005 x "rc=network fault=11 "
probe hanging f0000000-0000-0000-0000-000000000006 x "rc=network fault=5 .*attempts=1" "$TENANT" 1000
probe closed f0000000-0000-0000-0000-000000000007 x "rc=network fault=12 "
probe non-jwt f0000000-0000-0000-0000-000000000008 x "rc=ok .*token=yes"
probe no-token f0000000-0000-0000-0000-00000000000b x "rc=network fault=13 "
probe redirect f0000000-0000-0000-0000-00000000000c x "rc=network fault=14 "
probe certificate "$APP" "-cert:$STATE/pki/client.pem:$STATE/pki/client.key" "rc=ok .*token=yes"
probe cert-not-registered 66666666-7777-8888-9999-aaaaaaaaaaaa "-cert:$STATE/pki/client.pem:$STATE/pki/client.key" \
	"rc=auth .*code=700027"
probe cert-missing-key "$APP" "-cert:$STATE/pki/client.pem:/nonexistent.key" "rc=config fault=17"
# Certificate credential: a generated key pair is private, the certificate parses, the thumbprint is
# the SHA-1 the portal shows, and the stand-in rejects it until it is registered.
run "$PROBE" gen "$TMP/certs" demo
read -r gcert gkey gcer gthumb <"$TMP/out"
[ "$(stat -c %a "$gkey")" = 600 ] && ok "generated key is 0600" || not_ok "generated key is 0600" "$(ls -l "$gkey")"
fp=$(openssl x509 -in "$gcert" -noout -fingerprint -sha1 | sed 's/.*=//; s/://g')
[ "$fp" = "$gthumb" ] && ok "thumbprint is the certificate's SHA-1" || not_ok "thumbprint is the certificate's SHA-1" "$fp vs $gthumb"
openssl x509 -inform DER -in "$gcer" -noout >/dev/null 2>&1 && ok "the .cer to upload is DER" || not_ok "the .cer to upload is DER"
probe generated-cert-unregistered "$APP" "-cert:$gcert:$gkey" "rc=auth .*code=700027"
done_testing
