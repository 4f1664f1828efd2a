/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_pppoe_frame.c: libFuzzer target for plugins/pppoe_frame.c.
 * Decodes arbitrary frames as the pump reads them from the tap (the
 * link's two addresses and session from the first 14 bytes); the PPP
 * frame of one it accepts must lie inside the input, and encoding it
 * back (as the pump does for the kernel, the link's ends swapped) must
 * decode to the same bytes, less address/control, plus the protocol's
 * zero when compressed.  No I/O.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/pppoe_frame.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t		 enc[PPPOE_ENC_HDR_MAX + 4096];
	struct pppoe_link	 l, back;
	const uint8_t		*ppp, *p;
	size_t			 len, n, got, pad, cut;

	if (size < 14 || size > 4096)
		return 0;
	memcpy(l.kernel, data, PPPOE_ETH_ALEN);
	memcpy(l.pump, data + 6, PPPOE_ETH_ALEN);
	l.sid = (uint16_t)(data[12] << 8 | data[13]);
	data += 14;
	size -= 14;
	if (pppoe_frame_decode(data, size, &l, &len) != PPPOE_RX_OK)
		return 0;
	if (len == 0 || size < PPPOE_HDR_LEN || len > size - PPPOE_HDR_LEN)
		abort();
	ppp = data + PPPOE_HDR_LEN;
	memcpy(back.kernel, l.pump, PPPOE_ETH_ALEN);
	memcpy(back.pump, l.kernel, PPPOE_ETH_ALEN);
	back.sid = l.sid;
	cut = len >= 2 && ppp[0] == 0xff && ppp[1] == 0x03 ? 2 : 0;
	p = ppp;
	got = len;
	n = pppoe_frame_encode(enc, sizeof(enc), &back, &p, &got);
	if (len == cut) {
		if (n != 0)
			abort();	/* nothing after address/control */
		return 0;
	}
	pad = (ppp[cut] & 1) ? 1 : 0;
	if (n != PPPOE_HDR_LEN + pad || p != ppp + cut || got != len - cut)
		abort();
	memcpy(enc + n, p, got);
	if (pppoe_frame_decode(enc, n + got, &l, &len) != PPPOE_RX_OK ||
	    len != got + pad || (pad && enc[PPPOE_HDR_LEN] != 0) ||
	    memcmp(enc + PPPOE_HDR_LEN + pad, ppp + cut, got) != 0)
		abort();
	return 0;
}
