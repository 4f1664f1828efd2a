/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_gre_wire.c: libFuzzer target for gre/gre_wire.c.  Any input is
 * parsed (raw, and after an IPv4 strip); whatever parses is rebuilt and
 * re-parsed, and the two decodes must be identical, or abort().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../gre/gre_wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
roundtrip(const uint8_t *data, size_t size)
{
	static uint8_t	 out[70000];
	struct gre_hdr	 h1, h2;
	size_t		 n;

	if (gre_parse(data, size, &h1) != GRE_OK)
		return;
	n = gre_build(out, sizeof(out), &h1, h1.payload);
	if (n != gre_hdr_len(h1.has_seq, h1.has_ack) + h1.payload_len)
		abort();
	if (gre_parse(out, n, &h2) != GRE_OK)
		abort();
	if (h1.has_seq != h2.has_seq || h1.has_ack != h2.has_ack ||
	    h1.call_id != h2.call_id || h1.payload_len != h2.payload_len ||
	    (h1.has_seq && h1.seq != h2.seq) ||
	    (h1.has_ack && h1.ack != h2.ack))
		abort();
	if (h1.payload_len > 0 &&
	    memcmp(h1.payload, h2.payload, h1.payload_len) != 0)
		abort();
	/* Every shorter buffer must refuse the rebuilt packet. */
	if (gre_build(out, n - 1, &h1, h1.payload) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*g;
	size_t		 glen;
	uint32_t	 src;

	roundtrip(data, size);
	if (gre_ip4_strip(data, size, &g, &glen, &src) == GRE_OK) {
		if (g < data || g + glen != data + size)
			abort();
		roundtrip(g, glen);
	}
	return 0;
}
