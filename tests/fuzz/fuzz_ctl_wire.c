/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_ctl_wire.c: libFuzzer target for the control-socket codec.
 * Whatever ctl_parse() accepts must build again, and that line must parse
 * to the identical record (the build is canonical even where the input
 * was not: spacing, escapes, key order, unknown keys).  Drives only
 * pptp-ctrl/ctl_wire.c: no I/O.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../pptp-ctrl/ctl_wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ctl_rec	 r, r2;
	static char		 out[CTL_LINE_MAX], out2[CTL_LINE_MAX];
	enum ctl_err		 e;
	size_t			 n, n2;

	(void)ctl_line_len((const char *)data, size);
	if (ctl_parse((const char *)data, size, &r) != CTL_OK)
		return 0;
	if ((n = ctl_build(out, sizeof(out), &r, &e)) == 0) {
		/* Only a call's gre_ keys can outgrow a line: never. */
		abort();
	}
	if (ctl_parse(out, n, &r2) != CTL_OK)
		abort();
	/* Non-user calls drop their gre_ keys: compare the canonical form. */
	if ((n2 = ctl_build(out2, sizeof(out2), &r2, &e)) != n ||
	    memcmp(out, out2, n) != 0)
		abort();
	return 0;
}
