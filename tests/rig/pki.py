#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test PKI for the loopback rig, written into STATE/pki:
ca.pem (clients' --cacert), server.pem/.key (127.0.0.1, ::1, localhost), jwt.key/.pub.pem and
jwt.kid (signs the stand-in's access tokens), jwt-wrong.key (bad-signature tokens),
client.pem/.key (a registered app certificate). Existing files are kept."""
import base64
import datetime
import hashlib
import ipaddress
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID


def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def write_key(path, k):
    with open(path, "wb") as f:
        f.write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()))
    os.chmod(path, 0o600)


def write_cert(path, c):
    with open(path, "wb") as f:
        f.write(c.public_bytes(serialization.Encoding.PEM))
    os.chmod(path, 0o644)


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def main(state):
    d = os.path.join(state, "pki")
    os.makedirs(d, exist_ok=True)
    os.chmod(d, 0o755)
    now = datetime.datetime.utcnow() - datetime.timedelta(minutes=5)
    later = now + datetime.timedelta(days=3650)
    if not os.path.exists(os.path.join(d, "server.pem")):
        ca_key = key()
        ca = (x509.CertificateBuilder().subject_name(name("o365-oauth-setup test CA"))
              .issuer_name(name("o365-oauth-setup test CA")).public_key(ca_key.public_key())
              .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(later)
              .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
              .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
              .sign(ca_key, hashes.SHA256()))
        srv_key = key()
        srv = (x509.CertificateBuilder().subject_name(name("localhost")).issuer_name(ca.subject)
               .public_key(srv_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now).not_valid_after(later)
               .add_extension(x509.SubjectAlternativeName([
                   x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                   x509.IPAddress(ipaddress.ip_address("::1"))]), critical=False)
               .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .sign(ca_key, hashes.SHA256()))
        write_cert(os.path.join(d, "ca.pem"), ca)
        write_key(os.path.join(d, "server.key"), srv_key)
        write_cert(os.path.join(d, "server.pem"), srv)
        jk = key()
        write_key(os.path.join(d, "jwt.key"), jk)
        write_key(os.path.join(d, "jwt-wrong.key"), key())
        pub = jk.public_key()
        with open(os.path.join(d, "jwt.pub.pem"), "wb") as f:
            f.write(pub.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
        der = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        kid = base64.urlsafe_b64encode(hashlib.sha1(der).digest()).rstrip(b"=").decode()
        with open(os.path.join(d, "jwt.kid"), "w") as f:
            f.write(kid + "\n")
        ck = key()
        cc = (x509.CertificateBuilder().subject_name(name("registered test app")).issuer_name(name("registered test app"))
              .public_key(ck.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now).not_valid_after(later).sign(ck, hashes.SHA256()))
        write_key(os.path.join(d, "client.key"), ck)
        write_cert(os.path.join(d, "client.pem"), cc)
    # Dovecot looks keys up as <prefix>default/RS256/<kid>, readable by its auth user.
    kid = open(os.path.join(d, "jwt.kid")).read().strip()
    kd = os.path.join(state, "keys", "default", "RS256")
    os.makedirs(kd, exist_ok=True)
    for p in (os.path.join(state, "keys"), os.path.join(state, "keys", "default"), kd):
        os.chmod(p, 0o755)
    with open(os.path.join(d, "jwt.pub.pem"), "rb") as src, open(os.path.join(kd, kid), "wb") as dst:
        dst.write(src.read())
    os.chmod(os.path.join(kd, kid), 0o644)


if __name__ == "__main__":
    main(sys.argv[1])
