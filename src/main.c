/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Entry point: options, then one front-end. Only here do status codes become exit statuses. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/xalloc.h"
#include "frontends.h"
#include "options.h"

enum {
	OPT_NO_COLOR = 256,
	OPT_SECRET_STDIN,
	OPT_SECRET_FILE,
	OPT_SAVE_UNVERIFIED,
	OPT_WARN_DAYS,
	OPT_AUTHORITY,
	OPT_CACERT,
	OPT_IMAP,
	OPT_SMTP,
	OPT_TRANSCRIPT,
	OPT_SEND_TEST,
	OPT_WAIT,
	OPT_PROBE_DENIED,
	OPT_ROTATE,
	OPT_EXPORT,
	OPT_INCLUDE_SECRET,
	OPT_POWERSHELL,
	OPT_NAGIOS,
	OPT_LIST,
	OPT_TIMEOUT,
	OPT_SECRET_EXPIRY,
	OPT_TOKEN_ONLY,
	OPT_KEYS,
	OPT_KEY_PASSPHRASE_FILE,
	OPT_PRACTICE,
	OPT_PRACTICE_SPEED,
	OPT_PRACTICE_RESET,
	OPT_SHELL,
	OPT_PORTAL,
	OPT_SUMMARY,
	OPT_ALL,
};

static const struct option long_opts[] = {
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{"config", required_argument, NULL, 'c'},
	{"profile", required_argument, NULL, 'p'},
	{"no-color", no_argument, NULL, OPT_NO_COLOR},
	{"check", no_argument, NULL, 'C'},
	{"batch", required_argument, NULL, 'b'},
	{"secret-stdin", no_argument, NULL, OPT_SECRET_STDIN},
	{"secret-file", required_argument, NULL, OPT_SECRET_FILE},
	{"key-passphrase-file", required_argument, NULL, OPT_KEY_PASSPHRASE_FILE},
	{"save-unverified", no_argument, NULL, OPT_SAVE_UNVERIFIED},
	{"warn-days", required_argument, NULL, OPT_WARN_DAYS},
	{"authority", required_argument, NULL, OPT_AUTHORITY},
	{"cacert", required_argument, NULL, OPT_CACERT},
	{"imap-server", required_argument, NULL, OPT_IMAP},
	{"smtp-server", required_argument, NULL, OPT_SMTP},
	{"transcript", required_argument, NULL, OPT_TRANSCRIPT},
	{"send-test", required_argument, NULL, OPT_SEND_TEST},
	{"wait", required_argument, NULL, OPT_WAIT},
	{"probe-denied", required_argument, NULL, OPT_PROBE_DENIED},
	{"rotate", no_argument, NULL, OPT_ROTATE},
	{"export", required_argument, NULL, OPT_EXPORT},
	{"include-secret", no_argument, NULL, OPT_INCLUDE_SECRET},
	{"powershell", no_argument, NULL, OPT_POWERSHELL},
	{"nagios", no_argument, NULL, OPT_NAGIOS},
	{"list", no_argument, NULL, OPT_LIST},
	{"quiet", no_argument, NULL, 'q'},
	{"timeout", required_argument, NULL, OPT_TIMEOUT},
	{"token-only", no_argument, NULL, OPT_TOKEN_ONLY},
	{"keys", no_argument, NULL, OPT_KEYS},
	{"all", no_argument, NULL, OPT_ALL},
	{"secret-expiry", required_argument, NULL, OPT_SECRET_EXPIRY},
	{"practice", required_argument, NULL, OPT_PRACTICE},
	{"practice-speed", required_argument, NULL, OPT_PRACTICE_SPEED},
	{"practice-reset", no_argument, NULL, OPT_PRACTICE_RESET},
	{"shell", no_argument, NULL, OPT_SHELL},
	{"portal", no_argument, NULL, OPT_PORTAL},
	{"summary", required_argument, NULL, OPT_SUMMARY},
	{NULL, 0, NULL, 0},
};

static void usage(FILE *f)
{
	fprintf(f, _("Usage: %s [OPTION]...\n"), PACKAGE);
	fputs(_("Set up and verify Office 365 OAuth (app-only) for the mail server of Unitfly's\n"
		"Extension Kit for M-Files. Without options, starts the interactive wizard.\n\n"),
	      f);
	fputs(_("Modes:\n"
		"  -C, --check              verify a saved profile without a screen\n"
		"      --all                with --check: every saved profile at once\n"
		"  -b, --batch FILE         create or update a profile from an answers file\n"
		"      --rotate             replace the client secret once the new one works\n"
		"      --export FORMAT      print the profile as extension-kit, json or env\n"
		"      --powershell         print the Exchange Online PowerShell for the profile\n"
		"      --list               list the saved profiles\n\n"),
	      f);
	fputs(_("Profile:\n"
		"  -c, --config FILE        use this profile file\n"
		"  -p, --profile NAME       use the named profile (default: default)\n\n"),
	      f);
	fputs(_("Secrets (never on the command line):\n"
		"      --secret-stdin       read the client secret from standard input\n"
		"      --secret-file FILE   read the client secret from FILE (mode 0600)\n"
		"      --secret-expiry DATE the new secret's expiry (YYYY-MM-DD)\n"
		"      --key-passphrase-file FILE  the passphrase of an encrypted key (0600)\n\n"),
	      f);
	fputs(_("Checks:\n"
		"      --save-unverified    with --batch: save even when a check fails\n"
		"      --warn-days N        warn when the secret expires within N days (30)\n"
		"      --authority URL      token authority (default: the cloud's)\n"
		"      --cacert FILE        trust this CA bundle for every TLS connection\n"
		"      --imap-server H[:P]  IMAP host for the mailbox check (port 993)\n"
		"      --smtp-server H[:P]  SMTP host for the mailbox check (port 587)\n"
		"      --transcript FILE    keep the server dialogue, tokens redacted (0600)\n"
		"      --send-test ADDRESS  send one real test message from the sender address\n"
		"      --wait MINUTES       re-check refused mailboxes while Exchange propagates\n"
		"      --probe-denied MBX   confirm that a mailbox never granted is refused\n"
		"      --token-only         check fields, tenant and token; skip the mailboxes\n"
		"      --nagios             with --check: one status line and Nagios exit codes\n"
		"      --include-secret     with --export: include the client secret\n"
		"      --timeout SECONDS    time limit for the token phase and each login (30)\n\n"),
	      f);
	fputs(_("Practice (a simulated tenant: no network, no Azure):\n"
		"      --practice SCENARIO  any mode against a simulated tenant; 'list' names\n"
		"                           the scenarios, 'random' picks one unnamed\n"
		"      --practice-speed N   simulated seconds per second (60: Exchange's\n"
		"                           30 minutes pass in 30 seconds)\n"
		"      --practice-reset     start the scenario again from the beginning\n"
		"      --portal             print the practice portal's pages\n"
		"      --shell              the practice PowerShell prompt (standard input)\n"
		"      --summary FILE       save the trainer's summary to FILE\n\n"),
	      f);
	fputs(_("Other:\n"
		"      --no-color           no colours (NO_COLOR is honoured too)\n"
		"  -q, --quiet              print only failures\n"
		"      --keys               list the wizard's keys\n"
		"  -h, --help               show this help and exit\n"
		"  -V, --version            show the version and exit\n\n"),
	      f);
	fputs(_("Exit status: 0 fine, 2 bad command line, 3 configuration, 4 credentials\n"
		"rejected, 5 permission missing, 6 mailbox refused, 7 network or server,\n"
		"8 secret expires soon.\n\n"),
	      f);
	/* TRANSLATORS: the argument is the bug-report e-mail address. */
	fprintf(f, _("Report bugs to: <%s>\n"), PACKAGE_BUGREPORT);
}

static void version(void)
{
	printf("%s %s\n", PACKAGE, VERSION);
	puts("Copyright (C) 2026 The o365-oauth-setup authors.");
	fputs(_("License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
		"This is free software: you are free to change and redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n"),
	      stdout);
}

static int number(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static void set_mode(struct options *o, enum mode m, int *conflict)
{
	if (o->mode != MODE_WIZARD && o->mode != m)
		(*conflict)++;
	o->mode = m;
}

/* Returns 0, or an exit status for a bad command line. */
static int parse(int argc, char **argv, struct options *o)
{
	int c, conflict = 0, list_check = 0;

	memset(o, 0, sizeof(*o));
	o->warn_days = 30;
	while ((c = getopt_long(argc, argv, "hVc:p:Cb:q", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			o->mode = MODE_HELP;
			return 0;
		case 'V':
			o->mode = MODE_VERSION;
			return 0;
		case 'c':
			o->config = optarg;
			break;
		case 'p':
			o->profile = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case OPT_NO_COLOR:
			o->no_color = true;
			break;
		case 'C':
			set_mode(o, MODE_CHECK, &conflict);
			list_check |= 2;
			break;
		case 'b':
			set_mode(o, MODE_BATCH, &conflict);
			o->batch_file = optarg;
			break;
		case OPT_ROTATE:
			set_mode(o, MODE_ROTATE, &conflict);
			break;
		case OPT_EXPORT:
			set_mode(o, MODE_EXPORT, &conflict);
			o->export_format = optarg;
			break;
		case OPT_POWERSHELL:
			set_mode(o, MODE_POWERSHELL, &conflict);
			break;
		case OPT_LIST:
			set_mode(o, MODE_LIST, &conflict);
			list_check |= 1;
			break;
		case OPT_ALL:
			o->all = true;
			break;
		case OPT_SECRET_STDIN:
			o->secret_stdin = true;
			break;
		case OPT_SECRET_FILE:
			o->secret_file = optarg;
			break;
		case OPT_KEY_PASSPHRASE_FILE:
			o->key_passphrase_file = optarg;
			break;
		case OPT_SAVE_UNVERIFIED:
			o->save_unverified = true;
			break;
		case OPT_WARN_DAYS:
			if (number(optarg, 0, 3650, &o->warn_days) != 0) {
				fprintf(stderr, _("%s: --warn-days takes a number of days from 0 to 3650\n"),
					PACKAGE);
				return 2;
			}
			break;
		case OPT_WAIT:
			if (number(optarg, 0, 240, &o->wait_minutes) != 0) {
				fprintf(stderr, _("%s: --wait takes minutes from 0 to 240\n"), PACKAGE);
				return 2;
			}
			break;
		case OPT_TIMEOUT:
			if (number(optarg, 1, 600, &o->timeout_s) != 0) {
				fprintf(stderr, _("%s: --timeout takes seconds from 1 to 600\n"), PACKAGE);
				return 2;
			}
			break;
		case OPT_KEYS:
			o->mode = MODE_KEYS;
			return 0;
		case OPT_TOKEN_ONLY:
			o->token_only = true;
			break;
		case OPT_SECRET_EXPIRY:
			o->secret_expiry = optarg;
			break;
		case OPT_PRACTICE:
			o->practice = optarg;
			break;
		case OPT_PRACTICE_SPEED: {
			int v;
			if (number(optarg, 1, 1000000, &v) != 0) {
				fprintf(stderr, _("%s: --practice-speed takes a number from 1 to 1000000\n"),
					PACKAGE);
				return 2;
			}
			o->practice_speed = v;
			break;
		}
		case OPT_PRACTICE_RESET:
			o->practice_reset = true;
			break;
		case OPT_SHELL:
			o->practice_shell = true;
			break;
		case OPT_PORTAL:
			o->practice_portal = true;
			break;
		case OPT_SUMMARY:
			o->summary_file = optarg;
			break;
		case OPT_AUTHORITY:
			o->authority = optarg;
			break;
		case OPT_CACERT:
			o->cacert = optarg;
			break;
		case OPT_IMAP:
			o->imap_server = optarg;
			break;
		case OPT_SMTP:
			o->smtp_server = optarg;
			break;
		case OPT_TRANSCRIPT:
			o->transcript = optarg;
			break;
		case OPT_SEND_TEST:
			o->send_test = optarg;
			break;
		case OPT_PROBE_DENIED:
			o->probe_denied = optarg;
			break;
		case OPT_INCLUDE_SECRET:
			o->include_secret = true;
			break;
		case OPT_NAGIOS:
			o->nagios = true;
			break;
		default:
			fprintf(stderr, _("Try '%s --help' for more information.\n"), PACKAGE);
			return 2;
		}
	}
	if (optind < argc) {
		/* Not echoed: a stray argument is often the secret itself. */
		fprintf(stderr,
			_("%s: unexpected argument %d (not shown); secrets are never taken on the command "
			  "line (use --secret-stdin or --secret-file)\n"),
			PACKAGE, optind);
		return 2;
	}
	/* --list --check checks every listed profile. */
	if (list_check == 3 && conflict == 1 && (o->mode == MODE_CHECK || o->mode == MODE_LIST)) {
		o->mode = MODE_CHECK;
		o->all = true;
		conflict = 0;
	}
	if (conflict) {
		fprintf(stderr,
			_("%s: choose one of --check, --batch, --rotate, --export, --powershell and "
			  "--list\n"),
			PACKAGE);
		return 2;
	}
	if (o->secret_stdin && o->secret_file) {
		fprintf(stderr, _("%s: use either --secret-stdin or --secret-file, not both\n"), PACKAGE);
		return 2;
	}
	if (o->config && o->profile) {
		fprintf(stderr, _("%s: use either --config or --profile, not both\n"), PACKAGE);
		return 2;
	}
	if (o->all && (o->mode != MODE_CHECK || o->config || o->profile)) {
		fprintf(stderr, _("%s: --all goes with --check, without --config or --profile\n"), PACKAGE);
		return 2;
	}
	if (o->all && (o->transcript || o->send_test || o->probe_denied)) {
		fprintf(stderr,
			_("%s: --transcript, --send-test and --probe-denied check one profile; use --profile "
			  "NAME\n"),
			PACKAGE);
		return 2;
	}
	if (o->nagios && o->mode != MODE_CHECK) {
		fprintf(stderr, _("%s: --nagios goes with --check\n"), PACKAGE);
		return 2;
	}
	if (o->include_secret && o->mode != MODE_EXPORT) {
		fprintf(stderr, _("%s: --include-secret goes with --export\n"), PACKAGE);
		return 2;
	}
	if ((o->secret_stdin || o->secret_file) && o->mode != MODE_BATCH && o->mode != MODE_ROTATE) {
		fprintf(stderr, _("%s: --secret-stdin and --secret-file go with --batch or --rotate\n"),
			PACKAGE);
		return 2;
	}
	if (!o->practice && (o->practice_speed || o->practice_reset || o->practice_shell ||
			     o->practice_portal || o->summary_file)) {
		fprintf(stderr,
			_("%s: --practice-speed, --practice-reset, --shell, --portal and --summary go with "
			  "--practice\n"),
			PACKAGE);
		return 2;
	}
	if (o->practice && (o->config || o->profile)) {
		fprintf(stderr,
			_("%s: --practice uses its own practice profiles; leave out --config and "
			  "--profile\n"),
			PACKAGE);
		return 2;
	}
	if (o->practice && o->all) {
		fprintf(stderr, _("%s: --all checks the real profiles; --practice checks one scenario\n"),
			PACKAGE);
		return 2;
	}
	if (o->practice_shell && o->practice_portal) {
		fprintf(stderr, _("%s: use either --shell or --portal, not both\n"), PACKAGE);
		return 2;
	}
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		o->no_color = true;
	return 0;
}

/* The secret must never reach a core dump; files we create are private. */
static void harden(void)
{
	struct rlimit rl = {0, 0};

	setrlimit(RLIMIT_CORE, &rl);
	/* Past a file size limit a write fails with EFBIG, which a save reports and cleans up after,
	 * instead of the process dying with a temporary file left behind. */
	signal(SIGXFSZ, SIG_IGN);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	umask(077);
}

/* One front-end per mode; *status is set only by modes with their own exit statuses (Nagios). */
static enum o365_rc dispatch(const struct options *o, int *status)
{
	*status = 0;
	/* Practice runs the same modes, with the simulated tenant set in a copy of the options. */
	if (o->practice && !o->net)
		return practice_run(o, status);
	switch (o->mode) {
	case MODE_CHECK:
		return o->all ? batch_check_all(o, status) : batch_check(o, status);
	case MODE_BATCH:
		return batch_apply(o);
	case MODE_ROTATE:
		return batch_rotate(o);
	case MODE_EXPORT:
		return batch_export(o);
	case MODE_POWERSHELL:
		return batch_powershell(o);
	case MODE_LIST:
		return batch_list(o);
	default:
		return wizard_run(o);
	}
}

enum o365_rc frontend_run(const struct options *o, int *status)
{
	return dispatch(o, status);
}

int main(int argc, char **argv)
{
	struct options opts;
	enum o365_rc rc;
	const char *localedir;
	int st;

	harden();
	xalloc_init_json();
	setlocale(LC_ALL, "");
#if ENABLE_NLS
	/* O365_LOCALEDIR lets the tests use catalogues built from the source tree. */
	localedir = getenv("O365_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	if ((st = parse(argc, argv, &opts)) != 0)
		return st;
	switch (opts.mode) {
	case MODE_HELP:
		usage(stdout);
		return 0;
	case MODE_VERSION:
		version();
		return 0;
	case MODE_KEYS:
		wizard_print_keys(stdout);
		return 0;
	default:
		break;
	}
	rc = dispatch(&opts, &st);
	/* Nagios plugins speak their own exit codes. */
	if (opts.nagios)
		return st;
	return err_exit_status(rc);
}
