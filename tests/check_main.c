/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_main.c: main() for every Check suite binary.  Runs the suite in
 * Check's fork mode (unless CK_FORK says otherwise) so a crash fails only
 * its own test, prints Check's summary line and exits non-zero on failure.
 */
#include <stdlib.h>

#include "check_main.h"

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(check_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
