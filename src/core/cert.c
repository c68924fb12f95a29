/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Key pair and self-signed certificate for the certificate credential (no network). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "cert.h"
#include "codec.h"
#include "crypto.h"
#include "i18n.h"
#include "paths.h"

/* Writes what the callback serialises into a fresh file: a temporary file created O_EXCL by
 * mkstemp, its mode set (and checked), then renamed over path. A file someone else created at path
 * beforehand is replaced, never written into, and a symbolic link there is never followed. */
static enum o365_rc write_new(const char *path, mode_t mode, int (*put)(BIO *, void *), void *obj,
			      struct o365_err *e)
{
	BIO *mem = BIO_new(BIO_s_mem());
	char *data = NULL;
	long len;
	enum o365_rc rc;

	if (!mem || put(mem, obj) != 1 || (len = BIO_get_mem_data(mem, &data)) <= 0) {
		BIO_free(mem);
		return err_set(e, O365_EIO, _("%s: cannot write: %s"), path, _("encoding failed"));
	}
	rc = atomic_replace(path, data, (size_t)len, mode, 0, e);
	codec_cleanse(data, (size_t)len);
	BIO_free(mem);
	return rc;
}

static int put_key(BIO *b, void *k)
{
	return PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
}

static int put_cert(BIO *b, void *x)
{
	return PEM_write_bio_X509(b, x);
}

static int put_der(BIO *b, void *x)
{
	return i2d_X509_bio(b, x);
}

enum o365_rc cert_generate(const char *dir, const char *name, int days, char *cert_pem, size_t cn,
			   char *key_pem, size_t kn, char *cer_der, size_t dn, struct o365_err *e)
{
	EVP_PKEY *key = NULL;
	X509 *x = NULL;
	X509_NAME *subj;
	enum o365_rc rc = O365_EIO;
	char cn_text[128];

	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return err_set(e, O365_EIO, _("%s: cannot create: %s"), dir, strerror(errno));
	snprintf(cert_pem, cn, "%s/%s.pem", dir, name);
	snprintf(key_pem, kn, "%s/%s.key", dir, name);
	snprintf(cer_der, dn, "%s/%s.cer", dir, name);
	if (!(key = EVP_RSA_gen(2048)) || !(x = X509_new())) {
		err_set(e, O365_EIO, "%s", _("Generating the RSA key failed."));
		goto out;
	}
	X509_set_version(x, 2);
	{
		unsigned char serial[16];
		BIGNUM *bn;
		crypto_random(serial, sizeof(serial));
		serial[0] &= 0x7f; /* a positive serial */
		bn = BN_bin2bn(serial, sizeof(serial), NULL);
		BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
		BN_free(bn);
	}
	X509_gmtime_adj(X509_getm_notBefore(x), -300);
	X509_gmtime_adj(X509_getm_notAfter(x), (long)days * 86400L);
	X509_set_pubkey(x, key);
	subj = X509_get_subject_name(x);
	snprintf(cn_text, sizeof(cn_text), "o365-oauth-setup %s", name);
	X509_NAME_add_entry_by_txt(subj, "CN", MBSTRING_UTF8, (unsigned char *)cn_text, -1, -1, 0);
	X509_set_issuer_name(x, subj);
	if (!X509_sign(x, key, EVP_sha256())) {
		err_set(e, O365_EIO, "%s", _("Signing the certificate failed."));
		goto out;
	}
	/* the key first and private: the directory is checked like the profile's */
	if ((rc = store_check_dir_of(key_pem, e)) != O365_OK ||
	    (rc = write_new(key_pem, 0600, put_key, key, e)) != O365_OK ||
	    (rc = write_new(cert_pem, 0644, put_cert, x, e)) != O365_OK ||
	    (rc = write_new(cer_der, 0644, put_der, x, e)) != O365_OK)
		goto out;
	rc = O365_OK;
out:
	X509_free(x);
	EVP_PKEY_free(key);
	return rc;
}

enum o365_rc cert_thumbprint(const char *cert_pem, char out[41], struct o365_err *e)
{
	FILE *f = fopen(cert_pem, "r");
	X509 *x;
	unsigned char md[20];
	unsigned int n = 0;

	if (!f)
		return err_set(e, O365_ECONFIG, _("%s: cannot read: %s"), cert_pem, strerror(errno));
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (!x)
		return err_set(e, O365_ECONFIG, _("%s: not a PEM certificate"), cert_pem);
	X509_digest(x, EVP_sha1(), md, &n);
	X509_free(x);
	for (unsigned i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02X", md[i]);
	return O365_OK;
}
