/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_main.h: the contract between tests/check_main.c and each
 * tests/check_*.c suite.  A suite file defines check_suite() and nothing
 * else global; check_main.c owns main(), the runner and the exit status.
 */
#ifndef PPTPNG_CHECK_MAIN_H
#define PPTPNG_CHECK_MAIN_H

#include <check.h>

Suite	*check_suite(void);

#endif
