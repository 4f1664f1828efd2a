/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_radius_spool.c: libFuzzer target for plugins/radius_spool.c.  A
 * spool file's bytes (after a crash or a bad disk) must decode or be
 * refused; a decoded record must encode back to the same bytes and
 * survive replay preparation.  No I/O.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/radius_spool.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rad_spool_rec	 r;
	static struct rad_list		 out;
	static uint8_t			 buf[RAD_SPOOL_REC_MAX];
	size_t				 n;

	if (rad_spool_decode(data, size, &r) != SPOOL_OK)
		return 0;
	n = rad_spool_encode(buf, sizeof(buf), &r);
	if (n != size || memcmp(buf, data, size) != 0)
		abort();
	/* A full list cannot take Acct-Delay-Time: flagged, not overrun. */
	rad_spool_prepare(&r, r.created + 5, &out);
	if (!out.err && out.n != r.attrs.n + 1)
		abort();
	return 0;
}
