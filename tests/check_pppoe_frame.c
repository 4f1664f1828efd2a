/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_pppoe_frame.c: unit tests for plugins/pppoe_frame.c, the
 * Ethernet + PPPoE session headers between the user-mode pump and the
 * kernel's PPPoE PPP channel on the tap: what the kernel sends decodes,
 * foreign and broken frames are refused with their reason, frames for
 * the kernel lose address/control and get a full protocol field, and
 * what is encoded decodes back.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../plugins/pppoe_frame.h"

static const struct pppoe_link link_ = {
	.kernel = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 },
	.pump = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x54 },
	.sid = 1
};

/* As the kernel's pppoe channel sends on the tap: to us, from the tap. */
static const uint8_t kernel_frame[] = {
	0x02, 0x11, 0x22, 0x33, 0x44, 0x54,	/* dst: the pump */
	0x02, 0x11, 0x22, 0x33, 0x44, 0x55,	/* src: the tap */
	0x88, 0x64,				/* PPPoE session */
	0x11, 0x00, 0x00, 0x01, 0x00, 0x04,	/* ver/type, code, sid, len */
	0x00, 0x21, 0x45, 0x00			/* PPP: IPv4 */
};

START_TEST(t_decode_kernel)
{
	size_t	 len = 0;

	ck_assert_int_eq(pppoe_frame_decode(kernel_frame, sizeof(kernel_frame),
	    &link_, &len), PPPOE_RX_OK);
	ck_assert_uint_eq(len, 4);
	/* Padding past the length field is allowed and left out. */
	ck_assert_int_eq(pppoe_frame_decode(kernel_frame,
	    sizeof(kernel_frame) + 10, &link_, &len), PPPOE_RX_OK);
	ck_assert_uint_eq(len, 4);
}
END_TEST

/* Change byte at to v and expect the reason r. */
static void
refused(size_t at, uint8_t v, size_t n, enum pppoe_rx r)
{
	uint8_t	 f[sizeof(kernel_frame)];
	size_t	 len = 99;

	memcpy(f, kernel_frame, sizeof(f));
	if (at < sizeof(f))
		f[at] = v;
	ck_assert_str_eq(pppoe_rx_str(pppoe_frame_decode(f, n, &link_, &len)),
	    pppoe_rx_str(r));
	ck_assert_uint_eq(len, 99);
}

START_TEST(t_decode_refusals)
{
	size_t	 n = sizeof(kernel_frame);

	refused(n, 0, 13, PPPOE_RX_SHORT);		/* no ethertype */
	refused(n, 0, 19, PPPOE_RX_SHORT);		/* half a header */
	refused(12, 0x86, n, PPPOE_RX_ETHERTYPE);	/* 0x8664 */
	refused(13, 0x63, n, PPPOE_RX_ETHERTYPE);	/* discovery 0x8863 */
	refused(0, 0x33, n, PPPOE_RX_ADDRESS);		/* multicast dst */
	refused(5, 0x55, n, PPPOE_RX_ADDRESS);		/* to the tap */
	refused(11, 0x54, n, PPPOE_RX_ADDRESS);		/* from us */
	refused(14, 0x12, n, PPPOE_RX_HEADER);		/* type 2 */
	refused(15, 0xa7, n, PPPOE_RX_HEADER);		/* PADT */
	refused(17, 0x02, n, PPPOE_RX_SESSION);
	refused(19, 0x05, n, PPPOE_RX_SHORT);		/* length past end */
	refused(19, 0x00, n, PPPOE_RX_EMPTY);
	ck_assert_str_eq(pppoe_rx_str(PPPOE_RX_COUNT), "?");
}
END_TEST

START_TEST(t_encode_full)
{
	const uint8_t	 ppp[] = { 0xff, 0x03, 0x00, 0x21, 0x45, 0x00 };
	const uint8_t	*p = ppp;
	uint8_t		 h[PPPOE_ENC_HDR_MAX];
	size_t		 len = sizeof(ppp), n;

	n = pppoe_frame_encode(h, sizeof(h), &link_, &p, &len);
	ck_assert_uint_eq(n, PPPOE_HDR_LEN);
	ck_assert_ptr_eq(p, ppp + 2);
	ck_assert_uint_eq(len, 4);
	ck_assert_mem_eq(h, link_.kernel, 6);		/* to the tap */
	ck_assert_mem_eq(h + 6, link_.pump, 6);		/* from us */
	ck_assert_uint_eq(h[12], 0x88);
	ck_assert_uint_eq(h[13], 0x64);
	ck_assert_uint_eq(h[14], 0x11);
	ck_assert_uint_eq(h[15], 0x00);
	ck_assert_uint_eq(h[16], 0x00);
	ck_assert_uint_eq(h[17], 0x01);
	ck_assert_uint_eq(h[18], 0x00);
	ck_assert_uint_eq(h[19], 0x04);
}
END_TEST

/* ACFC and PFC from the peer: no FF 03, one-byte protocol 0x21. */
START_TEST(t_encode_compressed)
{
	const uint8_t	 ppp[] = { 0x21, 0x45, 0x00 };
	const uint8_t	*p = ppp;
	uint8_t		 h[PPPOE_ENC_HDR_MAX];
	size_t		 len = sizeof(ppp);

	ck_assert_uint_eq(pppoe_frame_encode(h, sizeof(h), &link_, &p, &len),
	    PPPOE_HDR_LEN + 1);
	ck_assert_ptr_eq(p, ppp);
	ck_assert_uint_eq(len, 3);
	ck_assert_uint_eq(h[19], 4);		/* the zero counts */
	ck_assert_uint_eq(h[20], 0x00);
}
END_TEST

START_TEST(t_encode_refusals)
{
	static uint8_t	 big[0x10001];
	const uint8_t	 acfc_only[] = { 0xff, 0x03 };
	const uint8_t	 ppp[] = { 0x00, 0x21 };
	const uint8_t	*p;
	uint8_t		 h[PPPOE_ENC_HDR_MAX];
	size_t		 len;

	p = acfc_only;
	len = sizeof(acfc_only);
	ck_assert_uint_eq(pppoe_frame_encode(h, sizeof(h), &link_, &p, &len),
	    0);
	ck_assert_ptr_eq(p, acfc_only);		/* untouched on refusal */
	len = 0;
	ck_assert_uint_eq(pppoe_frame_encode(h, sizeof(h), &link_, &p, &len),
	    0);
	p = ppp;
	len = sizeof(ppp);
	ck_assert_uint_eq(pppoe_frame_encode(h, PPPOE_HDR_LEN - 1, &link_, &p,
	    &len), 0);
	p = big;
	len = sizeof(big);
	ck_assert_uint_eq(pppoe_frame_encode(h, sizeof(h), &link_, &p, &len),
	    0);
	len = 0xffff;
	ck_assert_uint_eq(pppoe_frame_encode(h, sizeof(h), &link_, &p, &len),
	    PPPOE_HDR_LEN);
}
END_TEST

/* What the pump writes, seen from the kernel's side, swapped back. */
START_TEST(t_roundtrip)
{
	const uint8_t	 ppp[] = { 0xc0, 0x21, 0x01, 0x01, 0x00, 0x04 };
	const struct pppoe_link back = {
		.kernel = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x54 },
		.pump = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 },
		.sid = 1
	};
	const uint8_t	*p = ppp;
	uint8_t		 f[PPPOE_ENC_HDR_MAX + sizeof(ppp)];
	size_t		 len = sizeof(ppp), n, got = 0;

	n = pppoe_frame_encode(f, sizeof(f), &link_, &p, &len);
	ck_assert_uint_eq(n, PPPOE_HDR_LEN);
	memcpy(f + n, p, len);
	ck_assert_int_eq(pppoe_frame_decode(f, n + len, &back, &got),
	    PPPOE_RX_OK);
	ck_assert_uint_eq(got, sizeof(ppp));
	ck_assert_mem_eq(f + PPPOE_HDR_LEN, ppp, sizeof(ppp));
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("pppoe_frame");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, t_decode_kernel);
	tcase_add_test(tc, t_decode_refusals);
	tcase_add_test(tc, t_encode_full);
	tcase_add_test(tc, t_encode_compressed);
	tcase_add_test(tc, t_encode_refusals);
	tcase_add_test(tc, t_roundtrip);
	suite_add_tcase(s, tc);
	return s;
}
