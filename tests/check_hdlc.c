/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_hdlc.c: unit tests for plugins/hdlc.c, the RFC 1662 async framing
 * of the user-mode pump: the FCS check value, escaping, round trips fed
 * in every split, bad FCS, runts, overflow, aborts and raw control bytes.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../plugins/hdlc.h"

/* CRC-16/X-25 (the PPP FCS) check value of "123456789" is 0x906E. */
START_TEST(t_fcs_check_value)
{
	const uint8_t	 v[] = "123456789";

	ck_assert_uint_eq((uint16_t)~hdlc_fcs16(HDLC_FCS_INIT, v, 9), 0x906e);
}
END_TEST

/* An LCP Configure-Request header, as pppd sends it first. */
static const uint8_t lcp[] = { 0xff, 0x03, 0xc0, 0x21, 0x01, 0x01, 0x00, 0x04 };

START_TEST(t_encode_escapes)
{
	uint8_t		 out[64];
	const uint8_t	 f[] = { 0x7e, 0x7d, 0x00, 0x1f, 0x20, 0xff };
	size_t		 n, i;

	n = hdlc_encode(out, sizeof(out), f, sizeof(f));
	ck_assert_uint_gt(n, 0);
	ck_assert_uint_eq(out[0], 0x7e);
	ck_assert_uint_eq(out[n - 1], 0x7e);
	ck_assert_uint_eq(out[1], 0x7d);
	ck_assert_uint_eq(out[2], 0x5e);
	ck_assert_uint_eq(out[3], 0x7d);
	ck_assert_uint_eq(out[4], 0x5d);
	ck_assert_uint_eq(out[5], 0x7d);
	ck_assert_uint_eq(out[6], 0x20);
	ck_assert_uint_eq(out[7], 0x7d);
	ck_assert_uint_eq(out[8], 0x3f);
	ck_assert_uint_eq(out[9], 0x20);
	ck_assert_uint_eq(out[10], 0xff);
	/* No raw flag or control byte between the two flags. */
	for (i = 1; i < n - 1; i++) {
		ck_assert_uint_ne(out[i], 0x7e);
		ck_assert_uint_ge(out[i], 0x20);
	}
}
END_TEST

/* Every buffer size below the exact need fails; the exact one works. */
START_TEST(t_encode_no_room)
{
	uint8_t		 out[64];
	size_t		 full, i;

	full = hdlc_encode(out, sizeof(out), lcp, sizeof(lcp));
	ck_assert_uint_gt(full, 0);
	for (i = 0; i < full; i++)
		ck_assert_uint_eq(hdlc_encode(out, i, lcp, sizeof(lcp)), 0);
	ck_assert_uint_eq(hdlc_encode(out, full, lcp, sizeof(lcp)), full);
}
END_TEST

/* All 256 byte values, fed in chunks of _i bytes, come back intact. */
START_TEST(t_roundtrip_split)
{
	uint8_t		 f[256], enc[HDLC_ENC_MAX(256)], rbuf[300];
	struct hdlc_rx	 rx;
	const uint8_t	*p, *fr;
	size_t		 n, left, chunk, flen;
	int		 i, got = 0;

	for (i = 0; i < 256; i++)
		f[i] = (uint8_t)i;
	n = hdlc_encode(enc, sizeof(enc), f, sizeof(f));
	ck_assert_uint_gt(n, 0);
	hdlc_rx_init(&rx, rbuf, sizeof(rbuf));
	for (p = enc, left = n; left > 0; ) {
		chunk = left < (size_t)_i ? left : (size_t)_i;
		left -= chunk;
		while (hdlc_rx_feed(&rx, &p, &chunk, &fr, &flen)) {
			ck_assert_uint_eq(flen, sizeof(f));
			ck_assert_int_eq(memcmp(fr, f, flen), 0);
			got++;
		}
		ck_assert_uint_eq(chunk, 0);
	}
	ck_assert_int_eq(got, 1);
	ck_assert_uint_eq(rx.frames, 1);
}
END_TEST

/* Two frames sharing one flag, and an idle run of flags in front. */
START_TEST(t_back_to_back)
{
	uint8_t		 enc[128], rbuf[64];
	const uint8_t	*p, *fr;
	size_t		 n, m, flen;
	struct hdlc_rx	 rx;
	int		 got = 0;

	enc[0] = enc[1] = 0x7e;
	n = 2 + hdlc_encode(enc + 2, sizeof(enc) - 2, lcp, sizeof(lcp));
	m = hdlc_encode(enc + n - 1, sizeof(enc) - n, lcp, 4);
	n += m - 1;
	hdlc_rx_init(&rx, rbuf, sizeof(rbuf));
	p = enc;
	while (hdlc_rx_feed(&rx, &p, &n, &fr, &flen)) {
		ck_assert_uint_eq(flen, got == 0 ? sizeof(lcp) : 4);
		got++;
	}
	ck_assert_int_eq(got, 2);
	ck_assert_uint_eq(rx.runts + rx.bad_fcs + rx.too_long, 0);
}
END_TEST

START_TEST(t_bad_frames)
{
	uint8_t		 enc[64], rbuf[64];
	const uint8_t	*p, *fr;
	size_t		 n, flen;
	struct hdlc_rx	 rx;
	static const uint8_t runt[] = { 0x7e, 0x41, 0x42, 0x43, 0x7e };
	static const uint8_t abort_seq[] = { 0x7e, 0x41, 0x42, 0x43, 0x44,
	    0x7d, 0x7e };

	/* Bit flip: FCS error. */
	n = hdlc_encode(enc, sizeof(enc), lcp, sizeof(lcp));
	enc[3] ^= 0x01;
	hdlc_rx_init(&rx, rbuf, sizeof(rbuf));
	p = enc;
	ck_assert_int_eq(hdlc_rx_feed(&rx, &p, &n, &fr, &flen), 0);
	ck_assert_uint_eq(rx.bad_fcs, 1);

	p = runt;
	n = sizeof(runt);
	ck_assert_int_eq(hdlc_rx_feed(&rx, &p, &n, &fr, &flen), 0);
	ck_assert_uint_eq(rx.runts, 1);

	p = abort_seq;
	n = sizeof(abort_seq);
	ck_assert_int_eq(hdlc_rx_feed(&rx, &p, &n, &fr, &flen), 0);
	ck_assert_uint_eq(rx.bad_fcs, 1);
	ck_assert_uint_eq(rx.runts, 1);

	/* Longer than the buffer: counted once, then the next frame works. */
	hdlc_rx_init(&rx, rbuf, 8);
	n = hdlc_encode(enc, sizeof(enc), lcp, sizeof(lcp));
	p = enc;
	ck_assert_int_eq(hdlc_rx_feed(&rx, &p, &n, &fr, &flen), 0);
	ck_assert_uint_eq(rx.too_long, 1);
	n = hdlc_encode(enc, sizeof(enc), lcp, 4);
	p = enc;
	ck_assert_int_eq(hdlc_rx_feed(&rx, &p, &n, &fr, &flen), 1);
	ck_assert_uint_eq(flen, 4);
}
END_TEST

/* A peer that negotiated ACCM 0 sends raw control bytes: keep them. */
START_TEST(t_raw_control_bytes)
{
	uint8_t		 enc[32], rbuf[32];
	const uint8_t	 f[] = { 0xff, 0x03, 0x00, 0x21, 0x01, 0x02 };
	uint16_t	 fcs;
	const uint8_t	*p, *fr;
	size_t		 n = 0, flen, i;
	struct hdlc_rx	 rx;

	enc[n++] = 0x7e;
	for (i = 0; i < sizeof(f); i++)
		enc[n++] = f[i];
	fcs = (uint16_t)~hdlc_fcs16(HDLC_FCS_INIT, f, sizeof(f));
	enc[n++] = (uint8_t)fcs;
	enc[n++] = (uint8_t)(fcs >> 8);
	enc[n++] = 0x7e;
	hdlc_rx_init(&rx, rbuf, sizeof(rbuf));
	p = enc;
	ck_assert_int_eq(hdlc_rx_feed(&rx, &p, &n, &fr, &flen), 1);
	ck_assert_uint_eq(flen, sizeof(f));
	ck_assert_int_eq(memcmp(fr, f, flen), 0);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("hdlc");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, t_fcs_check_value);
	tcase_add_test(tc, t_encode_escapes);
	tcase_add_test(tc, t_encode_no_room);
	tcase_add_loop_test(tc, t_roundtrip_split, 1, 40);
	tcase_add_test(tc, t_back_to_back);
	tcase_add_test(tc, t_bad_frames);
	tcase_add_test(tc, t_raw_control_bytes);
	suite_add_tcase(s, tc);
	return s;
}
