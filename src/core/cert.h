/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The certificate credential, made and read locally with OpenSSL; callers see plain C types. */
#ifndef O365_CERT_H
#define O365_CERT_H

#include <stddef.h>

#include "err.h"

/* Certificate credential: RSA 2048 key (0600) and a self-signed certificate, as PEM, plus the DER
 * .cer to upload. Paths are written into the out buffers. */
enum o365_rc cert_generate(const char *dir, const char *name, int days, char *cert_pem, size_t cn,
			   char *key_pem, size_t kn, char *cer_der, size_t dn, struct o365_err *e);
/* Hex SHA-1 thumbprint as the portal shows it (upper case), for a PEM certificate. */
enum o365_rc cert_thumbprint(const char *cert_pem, char out[41], struct o365_err *e);

#endif
