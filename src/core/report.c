/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "report.h"
#include "stepref.h"
#include "strbuf.h"
#include "text.h"
#include "xalloc.h"

#define REPORT_TEXT_MAX 2000

static const char *const kind_ids[RK_COUNT] = {
	[RK_FIELD] = "fields",	      [RK_EXPIRY] = "expiry", [RK_TENANT] = "tenant",
	[RK_TOKEN] = "token",	      [RK_CLAIMS] = "claims", [RK_ROLES] = "roles",
	[RK_IMAP] = "imap",	      [RK_SMTP] = "smtp",     [RK_MAILBOXES] = "mailboxes",
	[RK_SEND_TEST] = "send-test", [RK_DENIED] = "denied", [RK_TRANSCRIPT] = "transcript",
};

bool rkind_is_mail(enum rkind k)
{
	return k == RK_IMAP || k == RK_SMTP || k == RK_MAILBOXES || k == RK_SEND_TEST;
}

void report_add(struct report *r, enum rstatus st, enum rkind kind, const char *subject, int step,
		enum o365_rc rc, const char *fix, const char *fmt, ...)
{
	struct report_line *l;
	struct strbuf b = {0};
	char *raw, check[300];
	va_list ap;

	if ((unsigned)kind >= RK_COUNT)
		kind = RK_FIELD;
	if (kind == RK_FIELD && subject)
		snprintf(check, sizeof(check), "%s", subject);
	else if (subject)
		snprintf(check, sizeof(check), "%s:%s", kind_ids[kind], subject);
	else
		snprintf(check, sizeof(check), "%s", kind_ids[kind]);

	l = xrealloc(r->lines, (size_t)(r->n + 1) * sizeof(*l));
	r->lines = l;
	l = &r->lines[r->n++];
	va_start(ap, fmt);
	strbuf_vaddf(&b, fmt, ap);
	va_end(ap);
	raw = strbuf_finish(&b);
	/* Lines carry servers' words: nothing reaches a terminal or log unescaped. */
	l->st = st;
	l->kind = kind;
	l->check = text_clean(check, 300);
	l->subject = subject ? text_clean(subject, 300) : NULL;
	l->text = text_clean(raw ? raw : "", REPORT_TEXT_MAX);
	l->fix = fix && *fix ? text_clean(fix, REPORT_TEXT_MAX) : NULL;
	free(raw);
	if (!l->check || !l->text || (subject && !l->subject) || (fix && *fix && !l->fix))
		xalloc_die(); /* a lost line could hide a failure */
	l->step = step;
	l->rc = rc;
	if (r->added)
		r->added(r->ud, r);
}

enum o365_rc report_rc(const struct report *r)
{
	enum o365_rc soft = O365_OK;

	for (int i = 0; i < r->n; i++) {
		if (r->lines[i].st == RS_FAIL)
			return r->lines[i].rc;
		if (r->lines[i].st == RS_WARN && r->lines[i].rc == O365_EEXPIRY)
			soft = O365_EEXPIRY;
	}
	return soft;
}

int report_count(const struct report *r, enum rstatus st)
{
	int n = 0;

	for (int i = 0; i < r->n; i++)
		n += r->lines[i].st == st;
	return n;
}

const struct report_line *report_first_fail(const struct report *r)
{
	for (int i = 0; i < r->n; i++)
		if (r->lines[i].st == RS_FAIL)
			return &r->lines[i];
	return NULL;
}

enum check_status report_summary(const struct report *r, char *out, size_t n)
{
	const struct report_line *f = report_first_fail(r);

	if (f && f->step >= 0) {
		snprintf(out, n, _("failed at %s: step %d (%s)"), f->check, f->step, step_name(f->step));
		return CHECK_FAIL;
	}
	if (f) {
		snprintf(out, n, _("failed at %s"), f->check);
		return CHECK_FAIL;
	}
	if (report_count(r, RS_WARN)) {
		snprintf(out, n, "%s", _("passed with warnings"));
		return CHECK_WARN;
	}
	snprintf(out, n, "%s", _("passed"));
	return CHECK_OK;
}

const char *rstatus_label(enum rstatus st)
{
	switch (st) {
	case RS_OK:
		return "OK";
	case RS_WARN:
		return "WARN";
	case RS_FAIL:
		return "FAIL";
	default:
		return "INFO";
	}
}

void report_print(FILE *f, const struct report *r, bool color, bool quiet)
{
	report_print_from(f, r, 0, color, quiet);
}

void report_print_from(FILE *f, const struct report *r, int from, bool color, bool quiet)
{
	static const char *const colors[] = {[RS_OK] = "\033[32m",
					     [RS_INFO] = "\033[36m",
					     [RS_WARN] = "\033[33m",
					     [RS_FAIL] = "\033[31;1m"};

	for (int i = from < 0 ? 0 : from; i < r->n; i++) {
		const struct report_line *l = &r->lines[i];
		if (quiet && l->st != RS_FAIL && l->st != RS_WARN)
			continue;
		fprintf(f, "%s%-4s%s  %-14s %s\n", color ? colors[l->st] : "", rstatus_label(l->st),
			color ? "\033[0m" : "", l->check, l->text);
		if (l->fix && l->step >= 0)
			fprintf(f, _("      -> Go back to step %d (%s): %s\n"), l->step, step_name(l->step),
				l->fix);
		else if (l->fix)
			fprintf(f, _("      -> %s\n"), l->fix);
		fflush(f);
	}
}

void report_clear(struct report *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->lines[i].check);
		free(r->lines[i].subject);
		free(r->lines[i].text);
		free(r->lines[i].fix);
	}
	free(r->lines);
	r->lines = NULL;
	r->n = 0;
	r->shown = 0;
}
