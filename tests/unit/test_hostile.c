/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile input at the core's edges: text from servers made safe, growing buffers, numbers out of
 * range, and report lines that are never dropped, even out of memory. */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cert.h"
#include "net/mail.h"
#include "net/net.h"
#include "report.h"
#include "strbuf.h"
#include "tap.h"
#include "text.h"
#include "validate.h"

static void clean_escapes_controls(void **s)
{
	char *t = text_clean("a\x1b]52;c;aGk=\x07\x1b[2J b\xc2\x9b"
			     "c\xe2\x80\xae"
			     "d\nx|y",
			     200);
	assert_string_equal(t, "a\\x1B]52;c;aGk=\\x07\\x1B[2J b\\u009Bc\\u202Ed x|y");
	free(t);
	t = text_clean("caf\xc3\xa9 \xff\xfe ok \xe2\x82", 200); /* invalid and cut UTF-8 */
	assert_string_equal(t, "caf\xc3\xa9 \\xFF\\xFE ok \\xE2\\x82");
	free(t);
}

static void clean_cuts_on_character_boundaries(void **s)
{
	char in[400];
	char *t;

	for (int i = 0; i < 100; i++)
		memcpy(in + 3 * i, "\xe2\x82\xac", 3); /* euro signs */
	in[300] = '\0';
	for (size_t max = 8; max < 40; max++) {
		t = text_clean(in, max);
		assert_true(strlen(t) <= max);
		assert_int_equal((strlen(t) - 3) % 3, 0);
		assert_string_equal(t + strlen(t) - 3, "...");
		free(t);
	}
	strcpy(in, "ab\xc3\xa9");
	in[3] = '\0'; /* "ab" and half an e-acute */
	text_trim_partial(in);
	assert_string_equal(in, "ab");
	strcpy(in, "ab\xc3\xa9");
	text_trim_partial(in);
	assert_string_equal(in, "ab\xc3\xa9");
}

static void strbuf_grows_without_limit(void **s)
{
	struct strbuf b = {0};
	char *t;

	for (int i = 0; i < 20000; i++)
		strbuf_addf(&b, "%s'", "o'brien");
	t = strbuf_finish(&b);
	assert_non_null(t);
	assert_int_equal(strlen(t), 20000 * 8);
	free(t);
}

static void numbers_range_checked(void **s)
{
	long v = 7;

	assert_false(validate_whole(1e19, 0, 86400, &v));
	assert_false(validate_whole(1e20, 1, 65535, &v));
	assert_false(validate_whole(-1e300, 1, 65535, &v));
	assert_false(validate_whole(587.5, 1, 65535, &v));
	assert_false(validate_whole(0.0 / 0.0, 1, 65535, &v));
	assert_int_equal(v, 7);
	assert_true(validate_whole(587, 1, 65535, &v));
	assert_int_equal(v, 587);
}

/* The sanitizer's shadow memory cannot live under an address-space limit, and cmocka reports a
 * skipped case as "not ok": under ASan the case is left out of the run instead. */
#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifndef UNDER_ASAN
/* Out of memory while adding lines: the program ends loudly (status 71), a line is never lost. */
static void report_add_never_drops_a_line(void **s)
{
	pid_t pid = fork();
	int status = 0;

	assert_true(pid >= 0);
	if (pid == 0) {
		struct report r = {0};
		struct rlimit rl = {128L << 20, 128L << 20};
		size_t big = 1900;
		char *text = malloc(big + 1);
		if (!text)
			_exit(4);
		memset(text, 'x', big);
		text[big] = '\0';
		if (!freopen("/dev/null", "w", stderr))
			_exit(5);
		setrlimit(RLIMIT_AS, &rl);
		for (int i = 0; i < 1000000; i++) {
			report_add(&r, RS_FAIL, RK_TOKEN, NULL, -1, O365_EAUTH, NULL, "%s", text);
			if (r.n != i + 1 || !r.lines[i].text || strlen(r.lines[i].text) < 100)
				_exit(3); /* dropped or cut */
		}
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 71);
}
#endif

/* A private key is never written into a file planted beforehand, nor through a symbolic link. */
static void key_generation_writes_fresh_files(void **s)
{
	char dir[] = "/tmp/o365-keys-XXXXXX", path[256], target[256], cert[300], key[300], der[300];
	struct o365_err e;
	struct stat st;
	int planted;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/app.key", dir);
	planted = open(path, O_CREAT | O_RDWR, 0666);
	assert_true(planted >= 0);
	assert_int_equal(fchmod(planted, 0666), 0);
	assert_int_equal(
		cert_generate(dir, "app", 30, cert, sizeof(cert), key, sizeof(key), der, sizeof(der), &e),
		O365_OK);
	assert_int_equal(fstat(planted, &st), 0);
	assert_int_equal(st.st_size, 0); /* the planted file never saw the key */
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_uid, geteuid());
	assert_true(st.st_size > 1000);
	close(planted);

	snprintf(target, sizeof(target), "%s/elsewhere", dir);
	close(open(target, O_CREAT | O_WRONLY, 0644));
	snprintf(path, sizeof(path), "%s/link.key", dir);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(
		cert_generate(dir, "link", 30, cert, sizeof(cert), key, sizeof(key), der, sizeof(der), &e),
		O365_OK);
	assert_int_equal(stat(target, &st), 0);
	assert_int_equal(st.st_size, 0); /* not followed */
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0600);
	for (const char *n = "app\0link\0"; *n; n += strlen(n) + 1)
		for (const char *ext = ".key\0.pem\0.cer\0"; *ext; ext += strlen(ext) + 1) {
			snprintf(path, sizeof(path), "%s/%s%s", dir, n, ext);
			unlink(path);
		}
	unlink(target);
	assert_int_equal(rmdir(dir), 0);
}

/* Found by fuzzing: a client line at the very end of curl's buffer (not NUL-terminated) was read
 * past its end while looking for the command's verb. */
static void mail_lines_stay_in_their_buffer(void **s)
{
	static const char dialogue[] = "* OK ready\nC: A001 AUTHENTICATE";
	char *exact = malloc(sizeof(dialogue) - 1);
	struct mail_result r;

	memcpy(exact, dialogue, sizeof(dialogue) - 1); /* no NUL: as curl hands it over */
	mail_replay(MP_IMAP, exact, sizeof(dialogue) - 1, 67, &r);
	assert_int_equal(r.ok, false);
	free(r.transcript);
	free(exact);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_escapes_controls),
		cmocka_unit_test(clean_cuts_on_character_boundaries),
		cmocka_unit_test(strbuf_grows_without_limit),
		cmocka_unit_test(numbers_range_checked),
#ifndef UNDER_ASAN
		cmocka_unit_test(report_add_never_drops_a_line),
#endif
		cmocka_unit_test(key_generation_writes_fresh_files),
		cmocka_unit_test(mail_lines_stay_in_their_buffer),
	};
	return RUN(tests);
}
