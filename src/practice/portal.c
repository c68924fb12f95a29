/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The practice portal's pages. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "portal.h"

static struct pr_row *row(struct pr_row *rows, int *n, int max, enum pr_row_kind kind, const char *label,
			  bool copy, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static struct pr_row *row(struct pr_row *rows, int *n, int max, enum pr_row_kind kind, const char *label,
			  bool copy, const char *fmt, ...)
{
	struct pr_row *r;
	va_list ap;

	if (*n >= max)
		return NULL;
	r = &rows[(*n)++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->copy = copy;
	r->perm = -1;
	snprintf(r->label, sizeof(r->label), "%s", label);
	va_start(ap, fmt);
	vsnprintf(r->value, sizeof(r->value), fmt, ap);
	va_end(ap);
	return r;
}

int practice_portal_rows(struct practice *t, struct pr_row *rows, int max)
{
	int n = 0;
	char org[64];

	/* "Granted for Contoso": the portal names the organisation, not its domain. */
	snprintf(org, sizeof(org), "%.*s", (int)strcspn(t->domain, "."), t->domain);
	if (org[0] >= 'a' && org[0] <= 'z')
		org[0] = (char)(org[0] - 'a' + 'A');

	row(rows, &n, max, PR_ROW_HEADING, _("App registrations > Extension Kit > Overview"), false, "%s",
	    "");
	row(rows, &n, max, PR_ROW_FIELD, _("Display name"), false, "%s", t->app_name);
	row(rows, &n, max, PR_ROW_FIELD, _("Application (client) ID"), true, "%s", t->client_id);
	row(rows, &n, max, PR_ROW_FIELD, _("Object ID"), true, "%s", t->app_object_id);
	row(rows, &n, max, PR_ROW_FIELD, _("Directory (tenant) ID"), true, "%s", t->tenant_id);
	row(rows, &n, max, PR_ROW_HEADING, _("Certificates & secrets > Client secrets"), false, "%s", "");
	if (!t->nsecrets)
		row(rows, &n, max, PR_ROW_TEXT, _("(no client secrets)"), false, "%s", "");
	for (int i = 0; i < t->nsecrets; i++) {
		const struct pr_secret *s = &t->secrets[i];
		char v[48];
		if (s->shown)
			snprintf(v, sizeof(v), "%.3s%s", s->value, "*************************************");
		else
			snprintf(v, sizeof(v), "%s", s->value);
		/* Both have a copy button in the portal: one of them is the trap. */
		row(rows, &n, max, PR_ROW_COLUMNS, s->description, false, "%s %s", _("expires"), s->expires);
		row(rows, &n, max, PR_ROW_FIELD, _("  Value"), !s->shown, "%s", v);
		row(rows, &n, max, PR_ROW_FIELD, _("  Secret ID"), true, "%s", s->id);
	}
	row(rows, &n, max, PR_ROW_HEADING, _("API permissions"), false, "%s", "");
	row(rows, &n, max, PR_ROW_COLUMNS, _("API / Permission name"), false, "%-12s %s", _("Type"),
	    _("Status"));
	for (int a = 0; a < 2; a++) {
		bool any = false;
		for (int i = 0; i < t->nperms; i++) {
			const struct pr_permission *p = &t->perms[i];
			char label[64];
			if ((int)p->api != a)
				continue;
			if (!any)
				row(rows, &n, max, PR_ROW_TEXT, practice_api_name((enum pr_api)a), false,
				    "%s", "");
			any = true;
			struct pr_row *r;
			snprintf(label, sizeof(label), "  %s", p->name);
			if (p->consented)
				r = row(rows, &n, max, PR_ROW_COLUMNS, label, false, "%-12s %s %s",
					_(practice_type_name(p->type)), _("Granted for"), org);
			else
				r = row(rows, &n, max, PR_ROW_COLUMNS, label, false, "%-12s %s",
					_(practice_type_name(p->type)), _("Not granted"));
			if (r)
				r->perm = i;
		}
	}
	row(rows, &n, max, PR_ROW_HEADING, _("Enterprise applications > Extension Kit > Overview"), false,
	    "%s", "");
	row(rows, &n, max, PR_ROW_FIELD, _("Application ID"), true, "%s", t->client_id);
	row(rows, &n, max, PR_ROW_FIELD, _("Object ID"), true, "%s", t->sp_object_id);
	return n;
}

void practice_portal_leave(struct practice *t)
{
	for (int i = 0; i < t->nsecrets; i++)
		t->secrets[i].shown = true;
}

char *practice_portal_text(struct practice *t)
{
	struct pr_row rows[64];
	int n = practice_portal_rows(t, rows, 64);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		return NULL;
	fprintf(out, "%s\n", _("PRACTICE PORTAL (simulated; nothing here is a real tenant)"));
	for (int i = 0; i < n; i++) {
		switch (rows[i].kind) {
		case PR_ROW_HEADING:
			fprintf(out, "\n%s\n", rows[i].label);
			break;
		case PR_ROW_FIELD:
			fprintf(out, "  %-28s %s\n", rows[i].label, rows[i].value);
			break;
		case PR_ROW_COLUMNS:
			fprintf(out, "  %-28.28s %s\n", rows[i].label, rows[i].value);
			break;
		case PR_ROW_TEXT:
			fprintf(out, "  %s\n", rows[i].label);
			break;
		}
	}
	practice_portal_leave(t);
	return fclose(out) == 0 ? buf : (free(buf), NULL);
}
