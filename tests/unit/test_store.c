/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "store.h"
#include "tap.h"

static char dir[256];
static char path[512];

static const char *dirname_of_path(void)
{
	static char d[512];
	snprintf(d, sizeof(d), "%s/cfg", dir);
	return d;
}

static int setup(void **s)
{
	snprintf(dir, sizeof(dir), "/tmp/o365-store-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/cfg/default.json", dir);
	return 0;
}

static int teardown(void **s)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *p, const char *text, mode_t mode)
{
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(p, mode);
}

static char *read_file(const char *p)
{
	FILE *f = fopen(p, "r");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

static struct profile *sample(const char *secret)
{
	struct profile *p = profile_new();
	profile_set_str(&p->tenant, "72f988bf-86f1-41af-91ab-2d7cd011db47");
	profile_set_str(&p->client_id, "11111111-2222-3333-4444-555555555555");
	profile_set_secret(p, secret);
	profile_set_str(&p->secret_expiry, "2027-06-30");
	profile_set_str(&p->username, "box@example.test");
	profile_set_str(&p->sender, "alerts@example.test");
	profile_add_mailbox(p, "box@example.test");
	profile_add_mailbox(p, "other@example.test");
	p->mod_delivery = true;
	p->transport = TSEC_TLS;
	p->smtp_port = 10587;
	p->checklist[CL_ADMIN_CONSENT] = true;
	profile_set_str(&p->imap_server, "127.0.0.1:10993");
	profile_set_result(p, "token", CHECK_OK, "roles fine", 1795780800);
	return p;
}

static int count_backups(void)
{
	char d[600];
	DIR *dh;
	struct dirent *e;
	int n = 0;
	snprintf(d, sizeof(d), "%s/cfg", dir);
	if (!(dh = opendir(d)))
		return 0;
	while ((e = readdir(dh)))
		if (strstr(e->d_name, ".bak-"))
			n++;
	closedir(dh);
	return n;
}

static void round_trip(void **s)
{
	struct o365_err e;
	struct profile *p = sample("bP88Q~rcBcYjzzOhg1Hnn76Wm3jGgakZiZ.8vMgR"), *q = NULL;
	struct stat st;
	char d[600];

	assert_int_equal(store_save(path, p, &e), O365_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	snprintf(d, sizeof(d), "%s/cfg", dir);
	assert_int_equal(stat(d, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(store_load(path, &q, &e), O365_OK);
	assert_string_equal(q->tenant, p->tenant);
	assert_string_equal(q->client_id, p->client_id);
	assert_string_equal(q->secret, p->secret);
	assert_string_equal(q->secret_expiry, "2027-06-30");
	assert_string_equal(q->sender, "alerts@example.test");
	assert_int_equal(profile_mailbox_count(q), 2);
	assert_string_equal(q->mailboxes[1], "other@example.test");
	assert_true(q->mod_delivery);
	assert_int_equal(q->transport, TSEC_TLS);
	assert_int_equal(q->smtp_port, 10587);
	assert_true(q->checklist[CL_ADMIN_CONSENT]);
	assert_false(q->checklist[CL_SP_REGISTERED]);
	assert_string_equal(q->imap_server, "127.0.0.1:10993");
	assert_int_equal(q->n_results, 1);
	assert_int_equal(q->results[0].status, CHECK_OK);
	assert_int_equal((long)q->results[0].at, 1795780800L);
	/* save the loaded copy again: identical bytes */
	{
		char *a = profile_to_json(p), *b = profile_to_json(q);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
	profile_free(&p);
	profile_free(&q);
	assert_null(q);
}

static void unknown_keys_survive(void **s)
{
	struct o365_err e;
	struct profile *p = NULL;
	char *text;

	{
		char d[600];
		snprintf(d, sizeof(d), "%s/cfg", dir);
		mkdir(d, 0700);
	}
	write_file(path,
		   "{\"schema\":1,\"tenant\":\"example.test\",\"x_vault\":{\"name\":\"Sales\",\"id\":7},\n"
		   " \"mail_server\":{\"smtp_server\":\"smtp.office365.com\",\"x_future\":[1,2]},\n"
		   " \"client_secret\":\"s3cr3t~value\"}\n",
		   0600);
	assert_int_equal(store_load(path, &p, &e), O365_OK);
	profile_set_str(&p->client_id, "11111111-2222-3333-4444-555555555555");
	assert_int_equal(store_save(path, p, &e), O365_OK);
	text = read_file(path);
	assert_non_null(strstr(text, "\"x_vault\""));
	assert_non_null(strstr(text, "\"Sales\""));
	assert_non_null(strstr(text, "\"x_future\""));
	assert_non_null(strstr(text, "11111111-2222-3333-4444-555555555555"));
	assert_non_null(strstr(text, "s3cr3t~value"));
	free(text);
	assert_int_equal(count_backups(), 1);
	profile_free(&p);
}

static void refuses_open_permissions(void **s)
{
	struct o365_err e;
	struct profile *p = sample("x"), *q = NULL;

	assert_int_equal(store_save(path, p, &e), O365_OK);
	chmod(path, 0644);
	assert_int_equal(store_load(path, &q, &e), O365_ECONFIG);
	assert_non_null(strstr(e.msg, "too open"));
	assert_non_null(strstr(e.fix, "chmod 600"));
	assert_null(q);
	chmod(path, 0620);
	assert_int_equal(store_load(path, &q, &e), O365_ECONFIG);
	chmod(path, 0600);
	assert_int_equal(store_load(path, &q, &e), O365_OK);
	profile_free(&q);
	if (geteuid() == 0) {
		assert_int_equal(chown(path, 4242, 4242), 0);
		assert_int_equal(store_load(path, &q, &e), O365_ECONFIG);
		assert_non_null(strstr(e.msg, "another user"));
		assert_non_null(strstr(e.fix, "chown"));
	}
	profile_free(&p);
}

/* A clone owns its own copies: changing or freeing the original leaves it whole. */
static void clone_is_a_copy(void **s)
{
	struct o365_err e;
	struct profile *p = NULL, *q;
	char *a, *b;

	assert_int_equal(
		profile_from_json("{\"schema\": 1, \"future_key\": {\"x\": 1}, \"tenant\": \"t.example\","
				  " \"client_secret\": \"S3cret~value\", \"mailboxes\": [\"a@x.test\"]}",
				  "t", &p, &e),
		O365_OK);
	profile_set_result(p, "token", CHECK_OK, "fine", 1795780800);
	q = profile_clone(p);
	a = profile_to_json(p);
	b = profile_to_json(q);
	assert_string_equal(a, b);
	assert_non_null(strstr(b, "future_key"));
	assert_non_null(strstr(b, "S3cret~value"));
	assert_true(q->tenant != p->tenant && q->mailboxes != p->mailboxes && q->results != p->results);
	profile_set_str(&p->tenant, "changed.example");
	profile_free(&p);
	assert_string_equal(q->tenant, "t.example");
	assert_string_equal(q->mailboxes[0], "a@x.test");
	assert_string_equal(q->results[0].message, "fine");
	free(a);
	free(b);
	profile_free(&q);
}

static void missing_file(void **s)
{
	struct o365_err e;
	struct profile *q = NULL;
	assert_false(store_exists("/nonexistent/x.json"));
	assert_int_equal(store_load("/nonexistent/x.json", &q, &e), O365_ECONFIG);
	assert_non_null(strstr(e.msg, "no such profile"));
	assert_null(q);
}

static void malformed_messages(void **s)
{
	struct o365_err e;
	struct profile *q = NULL;

	assert_int_equal(profile_from_json("{\n  \"schema\": 1,\n  \"tenant\": \"x\"\n  \"client_id\": 3\n}",
					   "f.json", &q, &e),
			 O365_ECONFIG);
	assert_non_null(strstr(e.msg, "f.json:4:"));
	assert_true(strlen(e.fix) > 0);
	assert_int_equal(profile_from_json("{\"schema\":1,\n\"mail_server\":{\"smtp_port\":\"587\"}}",
					   "f.json", &q, &e),
			 O365_ECONFIG);
	assert_non_null(strstr(e.msg, "f.json:2:"));
	assert_non_null(strstr(e.msg, "smtp_port"));
	assert_int_equal(
		profile_from_json("{\"schema\":1,\"mail_server\":{\"smtp_port\":70000}}", "f", &q, &e),
		O365_ECONFIG);
	assert_int_equal(profile_from_json("{\"schema\":1,\"cloud\":\"mars\"}", "f", &q, &e), O365_ECONFIG);
	assert_non_null(strstr(e.msg, "cloud"));
	assert_int_equal(profile_from_json("{\"schema\":1,\"mailboxes\":\"a@b.c\"}", "f", &q, &e),
			 O365_ECONFIG);
	assert_int_equal(profile_from_json("{\"tenant\":\"x\"}", "f", &q, &e), O365_ECONFIG);
	assert_non_null(strstr(e.msg, "schema"));
	assert_int_equal(profile_from_json("{\"schema\":9}", "f", &q, &e), O365_ECONFIG);
	assert_non_null(strstr(e.msg, "newer"));
	assert_int_equal(profile_from_json("[1,2]", "f", &q, &e), O365_ECONFIG);
	assert_int_equal(profile_from_json("", "f", &q, &e), O365_ECONFIG);
	assert_null(q);
}

static void malformed_file_kept(void **s)
{
	struct o365_err e;
	struct profile *q = NULL, *p = sample("new");
	char d[600];
	char *text;

	snprintf(d, sizeof(d), "%s/cfg", dir);
	mkdir(d, 0700);
	write_file(path, "{ broken", 0600);
	assert_int_equal(store_load(path, &q, &e), O365_ECONFIG);
	assert_int_equal(store_save(path, p, &e), O365_OK);
	assert_int_equal(count_backups(), 1);
	/* the broken original survives as the backup */
	{
		DIR *dh = opendir(d);
		struct dirent *de;
		char b[900] = "";
		while ((de = readdir(dh)))
			if (strstr(de->d_name, ".bak-"))
				snprintf(b, sizeof(b), "%s/%s", d, de->d_name);
		closedir(dh);
		text = read_file(b);
		assert_string_equal(text, "{ broken");
		free(text);
	}
	profile_free(&p);
}

static void backups_pruned(void **s)
{
	struct o365_err e;
	struct profile *p = sample("a");

	for (int i = 0; i < 9; i++) {
		profile_set_str(&p->app_name, i % 2 ? "one" : "two");
		assert_int_equal(store_save(path, p, &e), O365_OK);
	}
	assert_int_equal(count_backups(), STORE_BACKUPS_KEPT);
	profile_free(&p);
}

/* Dies before the n-th system call of a save, counting every write, fsync, link and rename. */
static int die_at, calls;
static int die_hook(enum atomic_step step)
{
	if (++calls == die_at)
		_exit(0);
	return 0;
}

/* The file on disk is always exactly the old or the new version, never a mix. */
static void check_old_or_new(const char *old_text, const char *new_text)
{
	char *text = read_file(path);
	assert_non_null(text);
	if (strcmp(text, old_text) != 0 && strcmp(text, new_text) != 0)
		fail_msg("partial profile after a crash:\n%s", text);
	free(text);
}

static int count_calls(enum atomic_step step)
{
	calls++;
	return 0;
}

static void crash_points(void **s)
{
	struct o365_err e;
	struct profile *a = sample("OLD-secret"), *b = sample("NEW-secret");
	char *old_text, *new_text;
	int total;

	profile_set_str(&b->app_name, "a much longer name so that the new file is larger than the old one");
	assert_int_equal(store_save(path, b, &e), O365_OK);
	new_text = read_file(path);
	calls = 0;
	atomic_set_fault_hook(count_calls);
	assert_int_equal(store_save(path, a, &e), O365_OK);
	atomic_set_fault_hook(NULL);
	total = calls;
	assert_true(total >= 7); /* mkdir, create, write, fsync, close, backup, rename, dirsync, ... */
	old_text = read_file(path);
	/* every call of a save, in turn, is where the process dies */
	for (int i = 0; i < 2 * (total + 1); i++) {
		pid_t pid;
		int status;
		die_at = i / 2 + 1;
		pid = fork();
		if (pid == 0) {
			struct o365_err ce;
			calls = 0;
			atomic_set_fault_hook(die_hook);
			store_save(path, i % 2 ? a : b, &ce);
			_exit(0);
		}
		assert_true(waitpid(pid, &status, 0) == pid);
		check_old_or_new(old_text, new_text);
	}
	free(old_text);
	free(new_text);
	profile_free(&a);
	profile_free(&b);
}

/* A failing system call leaves the old file as it was and no temporary file behind. */
static int fail_at, fail_errno;
static int fail_hook(enum atomic_step step)
{
	return ++calls == fail_at ? fail_errno : 0;
}

static void failed_calls(void **s)
{
	struct o365_err e;
	struct profile *a = sample("OLD-secret"), *b = sample("NEW-secret");
	char *old_text;
	int total;

	assert_int_equal(store_save(path, a, &e), O365_OK);
	old_text = read_file(path);
	calls = 0;
	atomic_set_fault_hook(count_calls);
	assert_int_equal(store_save(path, a, &e), O365_OK);
	total = calls;
	for (int i = 1; i <= total; i++) {
		DIR *dh;
		struct dirent *d;
		enum o365_rc rc;
		calls = 0;
		fail_at = i;
		fail_errno = ENOSPC;
		atomic_set_fault_hook(fail_hook);
		rc = store_save(path, b, &e);
		atomic_set_fault_hook(NULL);
		{
			char *text = read_file(path);
			/* before the rename the old file stays; after it the new one is complete */
			if (rc != O365_OK)
				assert_string_equal(text, old_text);
			free(text);
		}
		dh = opendir(dirname_of_path());
		while ((d = readdir(dh)))
			if (strstr(d->d_name, ".tmp-"))
				fail_msg("temporary file %s left after a failure at call %d", d->d_name, i);
		closedir(dh);
		assert_int_equal(store_save(path, a, &e), O365_OK);
	}
	free(old_text);
	profile_free(&a);
	profile_free(&b);
}

static void random_kills(void **s)
{
	struct o365_err e;
	struct profile *a = sample("OLD-secret"), *b = sample("NEW-secret");
	char *old_text, *new_text;

	profile_set_str(&b->app_name, "different");
	assert_int_equal(store_save(path, b, &e), O365_OK);
	new_text = read_file(path);
	assert_int_equal(store_save(path, a, &e), O365_OK);
	old_text = read_file(path);
	srand(777);
	for (int i = 0; i < 200; i++) {
		struct timespec t0, t;
		long wait_ns = (long)(rand() % 3000) * 1000;
		int status;
		pid_t pid = fork();
		if (pid == 0) {
			struct o365_err ce;
			for (;;)
				store_save(path, (rand() & 1) ? a : b, &ce);
		}
		/* spin for a random time, then kill the writer wherever it is */
		clock_gettime(CLOCK_MONOTONIC, &t0);
		do
			clock_gettime(CLOCK_MONOTONIC, &t);
		while ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) < wait_ns);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		check_old_or_new(old_text, new_text);
	}
	free(old_text);
	free(new_text);
	profile_free(&a);
	profile_free(&b);
}

static void profile_paths(void **s)
{
	char out[512];
	struct o365_err e;

	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	assert_int_equal(store_path(NULL, NULL, out, sizeof(out), &e), O365_OK);
	assert_string_equal(out, "/x/conf/o365-oauth-setup/default.json");
	assert_int_equal(store_path(NULL, "customer-a", out, sizeof(out), &e), O365_OK);
	assert_string_equal(out, "/x/conf/o365-oauth-setup/customer-a.json");
	assert_int_equal(store_path("/y/file.json", "ignored", out, sizeof(out), &e), O365_OK);
	assert_string_equal(out, "/y/file.json");
	assert_int_equal(store_path(NULL, "../etc/passwd", out, sizeof(out), &e), O365_EUSAGE);
	assert_int_equal(store_path(NULL, ".hidden", out, sizeof(out), &e), O365_EUSAGE);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/u", 1);
	assert_int_equal(store_path(NULL, NULL, out, sizeof(out), &e), O365_OK);
	assert_string_equal(out, "/home/u/.config/o365-oauth-setup/default.json");
}

static void list_profiles(void **s)
{
	struct o365_err e;
	struct profile *p = sample("x");
	char d[600], p2[600], **names = NULL;

	assert_int_equal(store_save(path, p, &e), O365_OK);
	snprintf(p2, sizeof(p2), "%s/cfg/acme.json", dir);
	assert_int_equal(store_save(p2, p, &e), O365_OK);
	snprintf(d, sizeof(d), "%s/cfg", dir);
	assert_int_equal(store_list(d, &names), 2);
	assert_string_equal(names[0], "acme");
	assert_string_equal(names[1], "default");
	store_free_list(&names);
	assert_null(names);
	profile_free(&p);
}

/* A repeated key is named in the error, escaped: a file's bytes never reach the terminal raw. */
static void duplicate_key_escaped(void **s)
{
	struct o365_err e;
	struct profile *q = NULL;

	assert_int_equal(profile_from_json("{\"schema\":1,\"\\u001b]52;c;SGk=\\u0007\":1,"
					   "\"\\u001b]52;c;SGk=\\u0007\":2}",
					   "f.json", &q, &e),
			 O365_ECONFIG);
	assert_non_null(strstr(e.msg, "more than once"));
	assert_null(strchr(e.msg, 0x1b));
	assert_null(strchr(e.msg, 0x07));
	assert_null(q);
}

/* cJSON ends a string at an escaped NUL: the rest of the value would be dropped without a word. */
static void nul_escape_refused(void **s)
{
	struct o365_err e;
	struct profile *q = NULL;

	assert_int_equal(
		profile_from_json("{\"schema\":1,\n\"client_secret\":\"abc\\u0000def\"}", "f.json", &q, &e),
		O365_ECONFIG);
	assert_non_null(strstr(e.msg, "f.json:2:"));
	assert_null(q);
	assert_int_equal(profile_from_answers("{\"tenant\":\"contoso.example\\u0000.evil\"}", "a", &q, &e),
			 O365_ECONFIG);
	assert_null(q);
	/* an escaped backslash before "u0000" is ordinary text */
	assert_int_equal(profile_from_json("{\"schema\":1,\"app_name\":\"a\\\\u0000\"}", "f", &q, &e),
			 O365_OK);
	assert_string_equal(q->app_name, "a\\u0000");
	profile_free(&q);
}

/* Text from a shared answers file is printed by every generator and drawn on screen: no control
 * characters. A saved profile that holds one still loads. */
static void control_characters_refused(void **s)
{
	struct o365_err e;
	struct profile *q = NULL;

	assert_int_equal(
		profile_from_answers("{\n\"app_name\":\"A\\u001b]52;c;SGk=\\u0007\"}", "a.answers", &q, &e),
		O365_ECONFIG);
	assert_non_null(strstr(e.msg, "a.answers:2:"));
	assert_non_null(strstr(e.msg, "app_name"));
	assert_null(q);
	assert_int_equal(
		profile_from_answers("{\"mail_server\":{\"sender\":\"a\\u009b2J@b.example\"}}", "a", &q, &e),
		O365_ECONFIG);
	assert_null(q);
	assert_int_equal(profile_from_answers("{\"mailboxes\":[\"a@b.example\\r\\nX\"]}", "a", &q, &e),
			 O365_ECONFIG);
	assert_null(q);
	assert_int_equal(
		profile_from_answers("{\"app_name\":\"Zagreb \u010ca\u0161a \u201cx\u201d\"}", "a", &q, &e),
		O365_OK);
	profile_free(&q);
	assert_int_equal(profile_from_json("{\"schema\":1,\"app_name\":\"Ext\\tKit\"}", "f", &q, &e),
			 O365_OK);
	assert_string_equal(q->app_name, "Ext\tKit");
	profile_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_keys_survive, setup, teardown),
		cmocka_unit_test_setup_teardown(refuses_open_permissions, setup, teardown),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(malformed_messages),
		cmocka_unit_test_setup_teardown(malformed_file_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(backups_pruned, setup, teardown),
		cmocka_unit_test_setup_teardown(crash_points, setup, teardown),
		cmocka_unit_test_setup_teardown(random_kills, setup, teardown),
		cmocka_unit_test_setup_teardown(failed_calls, setup, teardown),
		cmocka_unit_test(clone_is_a_copy),
		cmocka_unit_test(profile_paths),
		cmocka_unit_test_setup_teardown(list_profiles, setup, teardown),
		cmocka_unit_test(duplicate_key_escaped),
		cmocka_unit_test(nul_escape_refused),
		cmocka_unit_test(control_characters_refused),
	};
	return RUN(tests);
}
