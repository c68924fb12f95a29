/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A hostile IMAP or SMTP server: its lines through the same handling as a real login (transcript,
 * redaction, SASL error decoding, verdict), then the catalogue's classification. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "net/mail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int codes[] = {0, 67, 78, 7, 28, 56, 64};
	struct mail_result r;
	struct mail_reply rp;
	enum mail_proto proto;

	if (size < 1)
		return 0;
	proto = data[0] & 1 ? MP_SMTP : MP_IMAP;
	mail_replay(proto, (const char *)data + 1, size - 1, codes[(data[0] >> 1) % 7], &r);
	/* as the check reads it: the verdict and the reply the transfer recorded */
	catalogue_mail_transient(proto, true, &r.reply);
	catalogue_mail(catalogue_mail_cause(proto, r.verdict, &r.reply), proto, true);
	/* and the reply parser on the last words alone (the caller fills command and sasl_error) */
	memset(&rp, 0, sizeof(rp));
	catalogue_mail_reply_parse(proto, r.last_reply, &rp);
	catalogue_mail_cause(proto, r.verdict, &rp);
	free(r.transcript);
	return 0;
}
