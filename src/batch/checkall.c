/* SPDX-License-Identifier: GPL-3.0-or-later */
/* --check --all (and --list --check): every saved profile checked at once, one token each, for
 * those who look after many customers' vaults. One line per profile, and the worst exit status. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "check/settings.h"
#include "common.h"
#include "core/i18n.h"
#include "core/lastcheck.h"
#include "core/stepref.h"
#include "frontends.h"

/* Profiles checked at the same time; the mail layer limits connections across all of them. */
#define WORKERS 32

struct item {
	char name[256];
	char path[4400];
	struct profile *p; /* NULL when it could not be loaded */
	char error[1100];  /* why it could not be loaded or checked */
	enum o365_rc rc;
	struct report r;
	struct verify_state st;
	double secs;
};

struct pool {
	const struct options *o;
	struct item *items;
	int n, next;
	pthread_mutex_t lock;
};

static double since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void *worker(void *ud)
{
	struct pool *pl = ud;

	for (;;) {
		struct item *it;
		struct verify_opts vo;
		struct timespec t0;
		int i;

		pthread_mutex_lock(&pl->lock);
		i = pl->next++;
		pthread_mutex_unlock(&pl->lock);
		if (i >= pl->n)
			return NULL;
		it = &pl->items[i];
		if (!it->p)
			continue;
		/* No progress lines: many checks run at once. */
		settings_verify_opts(pl->o, &vo);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		it->rc = verify_run(it->p, &vo, &it->st, &it->r);
		it->secs = since(&t0);
	}
}

/* Which exit status wins: a failure at the earliest step, then a mailbox refusal, then the
 * network, then a secret expiring soon. */
static int severity(enum o365_rc rc)
{
	switch (rc) {
	case O365_OK:
		return 0;
	case O365_EEXPIRY:
		return 1;
	case O365_ENET:
		return 2;
	case O365_EMAILBOX:
		return 3;
	case O365_EROLES:
		return 4;
	case O365_EAUTH:
		return 5;
	default:
		return 6;
	}
}

/* Nagios: CRITICAL, then UNKNOWN, then WARNING, then OK. */
static int nagios_rank(int code)
{
	static const int rank[] = {0, 1, 3, 2};
	return code >= 0 && code <= 3 ? rank[code] : 3;
}

static void load(const struct options *o, const char *dir, struct item *it)
{
	struct o365_err e;

	err_clear(&e);
	snprintf(it->path, sizeof(it->path), "%s/%s.json", dir, it->name);
	if (store_load(it->path, &it->p, &e) != O365_OK ||
	    (it->rc = settings_apply_overrides(o, it->p, &e)) != O365_OK) {
		snprintf(it->error, sizeof(it->error), "%s", e.msg);
		it->rc = e.rc != O365_OK ? e.rc : O365_ECONFIG;
		profile_free(&it->p);
		return;
	}
	if (it->p->draft) {
		struct last_check lc = {.at = time(NULL), .status = CHECK_FAIL, .rc = O365_ECONFIG};
		lc.step = it->p->resume_step;
		snprintf(lc.message, sizeof(lc.message), "%s", _("draft (setup not finished)"));
		batch_record_last_check(it->path, &lc);
		snprintf(it->error, sizeof(it->error),
			 _("a draft: the wizard stopped at step %d (%s); run o365-oauth-setup to finish it"),
			 it->p->resume_step, step_name(it->p->resume_step));
		it->rc = O365_ECONFIG;
		profile_free(&it->p);
	}
}

/* Enough descriptors for every profile's connections at once. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 4096 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max < 4096 ? rl.rlim_max : 4096;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void print_line(const struct options *o, const struct item *it)
{
	const struct report_line *f = it->p ? report_first_fail(&it->r) : NULL;
	const struct report_line *w = NULL;

	if (it->p)
		for (int i = 0; i < it->r.n && !w; i++)
			if (it->r.lines[i].st == RS_WARN)
				w = &it->r.lines[i];
	if (!it->p)
		printf("%-16s %-6s %s\n", it->name, "FAIL", it->error);
	else if (f && f->step >= 0)
		printf("%-16s %-6s %s %d (%s): %s: %s\n", it->name, "FAIL", _("step"), f->step,
		       step_name(f->step), f->check, f->text);
	else if (f)
		printf("%-16s %-6s %s: %s\n", it->name, "FAIL", f->check, f->text);
	else if (w && !o->quiet)
		printf("%-16s %-6s %s (%.1f s): %s: %s\n", it->name, "WARN", _("passed with warnings"),
		       it->secs, w->check, w->text);
	else if (!o->quiet)
		printf("%-16s %-6s %s (%.1f s)\n", it->name, "OK", _("all checks passed"), it->secs);
}

enum o365_rc batch_check_all(const struct options *o, int *status)
{
	char dir[4096], **names = NULL;
	struct o365_err e;
	struct pool pl = {.o = o};
	pthread_t threads[WORKERS];
	int n, nthreads = 0, worst = 0, failed = 0, warned = 0;
	enum o365_rc rc = O365_OK;
	char **lines = NULL;

	err_clear(&e);
	if ((rc = store_dir(dir, sizeof(dir), &e)) != O365_OK) {
		if (o->nagios) {
			printf("O365-OAUTH UNKNOWN - %s | \n", e.msg);
			*status = 3;
		} else {
			err_print(&e);
		}
		return rc;
	}
	n = store_list(dir, &names);
	if (n <= 0) {
		if (o->nagios) {
			printf("O365-OAUTH UNKNOWN - no profiles in %s | \n", dir);
			*status = 3;
		} else {
			fprintf(stderr, _("%s: no profiles in %s. Run o365-oauth-setup to create one.\n"),
				PACKAGE, dir);
		}
		store_free_list(&names);
		return O365_ECONFIG;
	}
	pl.items = calloc((size_t)n, sizeof(*pl.items));
	lines = calloc((size_t)n, sizeof(*lines));
	if (!pl.items || !lines) {
		free(pl.items);
		free(lines);
		store_free_list(&names);
		return O365_EIO;
	}
	pl.n = n;
	pthread_mutex_init(&pl.lock, NULL);
	for (int i = 0; i < n; i++) {
		snprintf(pl.items[i].name, sizeof(pl.items[i].name), "%s", names[i]);
		load(o, dir, &pl.items[i]);
	}
	store_free_list(&names);
	raise_fd_limit();
	net_global_init();
	if (!o->quiet && !o->nagios)
		printf(P_("Checking %d profile in %s\n", "Checking %d profiles in %s\n", n), n, dir);
	while (nthreads < WORKERS && nthreads < n &&
	       pthread_create(&threads[nthreads], NULL, worker, &pl) == 0)
		nthreads++;
	if (!nthreads)
		worker(&pl); /* no thread to be had: one after the other */
	for (int i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);

	for (int i = 0; i < n; i++) {
		struct item *it = &pl.items[i];
		if (it->p) {
			struct last_check lc;
			lastcheck_from_report(&it->r, time(NULL), &lc);
			batch_record_last_check(it->path, &lc);
		}
		if (severity(it->rc) > severity(rc))
			rc = it->rc;
		failed += it->p ? report_first_fail(&it->r) != NULL : 1;
		warned += it->p && !report_first_fail(&it->r) && report_count(&it->r, RS_WARN);
	}
	if (o->nagios) {
		/* One line per profile, the worst first: Nagios reads the first line as the status. */
		int *codes = calloc((size_t)n, sizeof(*codes));
		for (int i = 0; i < n; i++) {
			struct item *it = &pl.items[i];
			size_t len = 0;
			FILE *f = open_memstream(&lines[i], &len);
			if (!f)
				continue;
			if (it->p)
				codes[i] = batch_nagios(f, it->name, o, it->p, &it->r, &it->st, it->rc,
							it->secs);
			else {
				codes[i] = 3;
				fprintf(f, "O365-OAUTH UNKNOWN - %s: %s | \n", it->name, it->error);
			}
			fclose(f);
			if (nagios_rank(codes[i]) > nagios_rank(worst))
				worst = codes[i];
		}
		for (int pass = 3; pass >= 0; pass--)
			for (int i = 0; i < n; i++)
				if (codes && nagios_rank(codes[i]) == pass && lines[i])
					fputs(lines[i], stdout);
		*status = worst;
		free(codes);
	} else {
		for (int i = 0; i < n; i++)
			print_line(o, &pl.items[i]);
		if (failed)
			printf(_("Result: %d of %d profiles FAILED; %d passed with warnings.\n"), failed, n,
			       warned);
		else if (!o->quiet)
			printf(_("Result: all %d profiles passed, %d with warnings.\n"), n, warned);
	}
	for (int i = 0; i < n; i++) {
		verify_state_clear(&pl.items[i].st);
		report_clear(&pl.items[i].r);
		profile_free(&pl.items[i].p);
		free(lines[i]);
	}
	pthread_mutex_destroy(&pl.lock);
	free(lines);
	free(pl.items);
	return rc;
}
