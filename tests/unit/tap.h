/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmocka with TAP output, so the automake harness counts every case. */
#ifndef O365_TEST_TAP_H
#define O365_TEST_TAP_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#define RUN(tests) (cmocka_set_message_output(CM_OUTPUT_TAP), cmocka_run_group_tests(tests, NULL, NULL))

#endif
