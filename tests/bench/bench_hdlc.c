/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_hdlc.c: MB/s of payload through the user-mode pump's HDLC codec
 * (plugins/hdlc.c): encode 1400-byte frames of random bytes (what MPPE
 * output looks like: about 13% of the bytes need escaping) into one 64 KiB
 * buffer as the pump does, then unframe that buffer; in CPU time, as the
 * machine is shared.  Reports only: never fails on time, only on a wrong
 * frame count.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../plugins/hdlc.h"

#define FRAME		1400
#define NFRAMES		200000u
#define OUTBUF		65536

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(void)
{
	static uint8_t	 in[FRAME], out[OUTBUF], rbuf[2050];
	struct hdlc_rx	 rx;
	const uint8_t	*p, *fr;
	uint64_t	 x = 88172645463325252ull, got = 0;
	size_t		 o, left, flen;
	double		 t0, tenc = 0, tdec = 0, t;
	uint32_t	 i, j;

	for (j = 0; j < FRAME; j++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		in[j] = (uint8_t)x;
	}
	hdlc_rx_init(&rx, rbuf, sizeof(rbuf));
	for (i = 0; i < NFRAMES; ) {
		t0 = now_s();
		for (o = 0; i < NFRAMES && o + HDLC_ENC_MAX(FRAME) <= OUTBUF;
		    i++) {
			in[0] = (uint8_t)i;	/* not the same frame each time */
			o += hdlc_encode(out + o, OUTBUF - o, in, FRAME);
		}
		t = now_s();
		tenc += t - t0;
		p = out;
		left = o;
		while (hdlc_rx_feed(&rx, &p, &left, &fr, &flen))
			got += flen == FRAME;
		tdec += now_s() - t;
	}
	printf("hdlc: encode %.0f MB/s, decode %.0f MB/s (%u frames of %u "
	    "random bytes)\n", (double)NFRAMES * FRAME / tenc / 1e6,
	    (double)NFRAMES * FRAME / tdec / 1e6, NFRAMES, FRAME);
	if (got != NFRAMES) {
		printf("hdlc: FAIL: %llu of %u frames decoded\n",
		    (unsigned long long)got, NFRAMES);
		return 1;
	}
	return 0;
}
