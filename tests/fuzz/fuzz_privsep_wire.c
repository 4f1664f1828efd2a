/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_privsep_wire.c: libFuzzer target for the privilege-separation
 * codec.  The first byte picks the side the message claims to come from;
 * whatever ps_parse() accepts must rebuild to the identical bytes (the
 * encoding is canonical) and parse again to the same message.  Drives
 * only pptp-ctrl/privsep_wire.c: no I/O.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../pptp-ctrl/privsep_wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t	 out[PS_DGRAM_MAX];
	struct ps_msg	 m, m2;
	enum ps_from	 from;
	size_t		 n;

	if (size < 1)
		return 0;
	from = data[0] & 1 ? PS_FROM_PARENT : PS_FROM_CHILD;
	data++;
	size--;
	if (ps_parse(data, size, from, &m) != PS_OK)
		return 0;
	n = ps_build(out, sizeof(out), &m);
	if (n != size || memcmp(out, data, size) != 0)
		abort();
	if (ps_parse(out, n, from, &m2) != PS_OK || m2.type != m.type ||
	    memcmp(&m.u, &m2.u, sizeof(m.u)) != 0 || m.bloblen != m2.bloblen)
		abort();
	return 0;
}
