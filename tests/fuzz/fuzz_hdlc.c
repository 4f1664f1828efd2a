/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_hdlc.c: libFuzzer target for plugins/hdlc.c.  Feeds arbitrary
 * pty bytes to the decoder in two pieces; every frame it returns must
 * encode and decode back to itself.  No I/O.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/hdlc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t	 rbuf[1600], rbuf2[1600], enc[HDLC_ENC_MAX(1600)];
	struct hdlc_rx	 rx, rx2;
	const uint8_t	*p, *fr, *fr2, *q;
	size_t		 n, flen, flen2, m, half;
	int		 piece;

	hdlc_rx_init(&rx, rbuf, sizeof(rbuf));
	half = size / 2;
	for (piece = 0; piece < 2; piece++) {
		p = data + (piece == 0 ? 0 : half);
		n = piece == 0 ? half : size - half;
		while (hdlc_rx_feed(&rx, &p, &n, &fr, &flen)) {
			m = hdlc_encode(enc, sizeof(enc), fr, flen);
			if (m == 0)
				abort();
			hdlc_rx_init(&rx2, rbuf2, sizeof(rbuf2));
			q = enc;
			if (!hdlc_rx_feed(&rx2, &q, &m, &fr2, &flen2) ||
			    flen2 != flen || memcmp(fr, fr2, flen) != 0 ||
			    m != 0)
				abort();
		}
		if (n != 0)
			abort();	/* the decoder must consume everything */
	}
	return 0;
}
