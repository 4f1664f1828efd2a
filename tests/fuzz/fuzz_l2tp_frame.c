/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_l2tp_frame.c: libFuzzer target for plugins/l2tp_frame.c.  Decodes
 * arbitrary datagrams as the pump does (IDs from the first 4 bytes); a
 * frame it accepts must lie inside the input, re-encode for the kernel
 * (with its Ns, if any) and decode back to the same PPP payload behind
 * FF 03 and the same Ns.  No I/O.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/l2tp_frame.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t	 enc[L2TP_ENC_OVERHEAD + 4096];
	const uint8_t	*ppp, *ppp2, *body;
	size_t		 len, len2, blen, n;
	uint16_t	 tun, ses;
	int32_t		 ns, ns2;

	if (size < 4 || size > 4096)
		return 0;
	tun = (uint16_t)(data[0] << 8 | data[1]);
	ses = (uint16_t)(data[2] << 8 | data[3]);
	data += 4;
	size -= 4;
	if (l2tp_frame_decode(data, size, tun, ses, &ppp, &len, &ns) !=
	    L2TP_RX_OK)
		return 0;
	if (ns != L2TP_NO_SEQ && (ns < 0 || ns > UINT16_MAX))
		abort();
	if (len == 0 || ppp < data || ppp + len > data + size)
		abort();
	body = ppp;
	blen = len;
	if (blen >= 2 && body[0] == 0xff && body[1] == 0x03) {
		body += 2;
		blen -= 2;
	}
	n = l2tp_frame_encode(enc, sizeof(enc), tun, ses, ns, ppp, len);
	if (blen == 0) {
		if (n != 0)
			abort();	/* nothing after address/control */
		return 0;
	}
	if (n == 0 || l2tp_frame_decode(enc, n, tun, ses, &ppp2, &len2,
	    &ns2) != L2TP_RX_OK || ns2 != ns || len2 < 2 + blen ||
	    ppp2[0] != 0xff || ppp2[1] != 0x03 ||
	    memcmp(ppp2 + len2 - blen, body, blen) != 0)
		abort();
	return 0;
}
