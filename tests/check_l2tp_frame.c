/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * check_l2tp_frame.c: unit tests for plugins/l2tp_frame.c, the L2TPv2
 * data messages between the user-mode pump and the kernel's L2TP PPP
 * channel: what the kernel sends decodes, every optional field is
 * skipped, foreign and broken datagrams are refused with their reason,
 * frames for the kernel get address/control and a full protocol, Ns
 * both ways, and the kernel's frames are put in Ns order or dropped late.
 */
#include <stdint.h>
#include <string.h>

#include "check_main.h"
#include "../plugins/l2tp_frame.h"

#define TUN	0x1234
#define SES	1

/* As l2tp_core builds it: version 2, tunnel, session, then FF 03 PPP. */
static const uint8_t kernel_msg[] = {
	0x00, 0x02, 0x12, 0x34, 0x00, 0x01,
	0xff, 0x03, 0x00, 0x21, 0x45, 0x00
};

START_TEST(t_decode_kernel)
{
	const uint8_t	*ppp;
	size_t		 len;

	int32_t		 ns = 0;

	ck_assert_int_eq(l2tp_frame_decode(kernel_msg, sizeof(kernel_msg),
	    TUN, SES, &ppp, &len, &ns), L2TP_RX_OK);
	ck_assert_ptr_eq(ppp, kernel_msg + 6);
	ck_assert_uint_eq(len, 6);
	ck_assert_int_eq(ns, L2TP_NO_SEQ);
}
END_TEST

/* L (with padding after Length), S (Ns, Nr) and O (offset pad). */
START_TEST(t_decode_optional_fields)
{
	const uint8_t	 m[] = {
		0x4a, 0x02,		/* L, S, O; version 2 */
		0x00, 0x13,		/* Length 19: 2 bytes of pad follow */
		0x12, 0x34, 0x00, 0x01,	/* tunnel, session */
		0x00, 0x05, 0x00, 0x07,	/* Ns, Nr */
		0x00, 0x02, 0xaa, 0xbb,	/* Offset Size 2, pad */
		0xc0, 0x21, 0x09,	/* PPP: LCP, code 9 */
		0xee, 0xee		/* past Length */
	};
	const uint8_t	*ppp;
	size_t		 len;

	int32_t		 ns = -2;

	ck_assert_int_eq(l2tp_frame_decode(m, sizeof(m), TUN, SES, &ppp,
	    &len, &ns), L2TP_RX_OK);
	ck_assert_ptr_eq(ppp, m + 16);
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(ns, 5);
}
END_TEST

START_TEST(t_decode_refusals)
{
	uint8_t		 m[sizeof(kernel_msg)];
	const uint8_t	*ppp;
	size_t		 len, cut;

	for (cut = 0; cut < 6; cut++)
		ck_assert_int_eq(l2tp_frame_decode(kernel_msg, cut, TUN, SES,
		    &ppp, &len, NULL), L2TP_RX_SHORT);
	ck_assert_int_eq(l2tp_frame_decode(kernel_msg, 6, TUN, SES, &ppp,
	    &len, NULL), L2TP_RX_EMPTY);
	memcpy(m, kernel_msg, sizeof(m));
	m[1] = 0x03;
	ck_assert_int_eq(l2tp_frame_decode(m, sizeof(m), TUN, SES, &ppp,
	    &len, NULL), L2TP_RX_VERSION);
	m[1] = 0x02;
	m[0] = 0xc8;		/* T, L, S: a control message */
	ck_assert_int_eq(l2tp_frame_decode(m, sizeof(m), TUN, SES, &ppp,
	    &len, NULL), L2TP_RX_CONTROL);
	ck_assert_int_eq(l2tp_frame_decode(kernel_msg, sizeof(kernel_msg),
	    TUN + 1, SES, &ppp, &len, NULL), L2TP_RX_ID);
	ck_assert_int_eq(l2tp_frame_decode(kernel_msg, sizeof(kernel_msg),
	    TUN, SES + 1, &ppp, &len, NULL), L2TP_RX_ID);
	/* Length below its own header, or past the datagram. */
	{
		uint8_t	 l[] = { 0x40, 0x02, 0x00, 0x03, 0x12, 0x34, 0x00,
		    0x01, 0xff, 0x03 };

		ck_assert_int_eq(l2tp_frame_decode(l, sizeof(l), TUN, SES,
		    &ppp, &len, NULL), L2TP_RX_SHORT);
		l[3] = 0x0b;
		ck_assert_int_eq(l2tp_frame_decode(l, sizeof(l), TUN, SES,
		    &ppp, &len, NULL), L2TP_RX_SHORT);
		l[3] = 0x08;	/* header only */
		ck_assert_int_eq(l2tp_frame_decode(l, sizeof(l), TUN, SES,
		    &ppp, &len, NULL), L2TP_RX_EMPTY);
	}
	/* An offset that runs past the end. */
	{
		const uint8_t o[] = { 0x02, 0x02, 0x12, 0x34, 0x00, 0x01,
		    0x00, 0x09, 0xff, 0x03 };

		ck_assert_int_eq(l2tp_frame_decode(o, sizeof(o), TUN, SES,
		    &ppp, &len, NULL), L2TP_RX_SHORT);
	}
	ck_assert_str_eq(l2tp_rx_str(L2TP_RX_CONTROL), "control");
	ck_assert_str_eq(l2tp_rx_str(L2TP_RX_COUNT), "?");
}
END_TEST

/* A full frame goes through as it is, behind the header. */
START_TEST(t_encode_full)
{
	const uint8_t	 f[] = { 0xff, 0x03, 0xc0, 0x21, 0x01, 0x01 };
	uint8_t		 out[64];
	size_t		 n;

	n = l2tp_frame_encode(out, sizeof(out), TUN, SES, L2TP_NO_SEQ, f,
	    sizeof(f));
	ck_assert_uint_eq(n, 6 + sizeof(f));
	ck_assert_int_eq(memcmp(out, kernel_msg, 6), 0);
	ck_assert_int_eq(memcmp(out + 6, f, sizeof(f)), 0);
}
END_TEST

/* ACFC and PFC from the peer: both put back for ppp_generic. */
START_TEST(t_encode_compressed)
{
	const uint8_t	 acfc[] = { 0x80, 0x21, 0x01 };	/* IPCP */
	const uint8_t	 pfc[] = { 0x21, 0x45, 0x00 };	/* IP, 1 byte */
	const uint8_t	 want_acfc[] = { 0xff, 0x03, 0x80, 0x21, 0x01 };
	const uint8_t	 want_pfc[] = { 0xff, 0x03, 0x00, 0x21, 0x45, 0x00 };
	uint8_t		 out[64];
	size_t		 n;

	n = l2tp_frame_encode(out, sizeof(out), TUN, SES, L2TP_NO_SEQ, acfc,
	    sizeof(acfc));
	ck_assert_uint_eq(n, 6 + sizeof(want_acfc));
	ck_assert_int_eq(memcmp(out + 6, want_acfc, sizeof(want_acfc)), 0);
	n = l2tp_frame_encode(out, sizeof(out), TUN, SES, L2TP_NO_SEQ, pfc,
	    sizeof(pfc));
	ck_assert_uint_eq(n, 6 + sizeof(want_pfc));
	ck_assert_int_eq(memcmp(out + 6, want_pfc, sizeof(want_pfc)), 0);
}
END_TEST

START_TEST(t_encode_refusals)
{
	const uint8_t	 ac[] = { 0xff, 0x03 };
	const uint8_t	 f[] = { 0xff, 0x03, 0xc0, 0x21 };
	uint8_t		 out[64];

	ck_assert_uint_eq(l2tp_frame_encode(out, sizeof(out), TUN, SES,
	    L2TP_NO_SEQ, f, 0), 0);
	ck_assert_uint_eq(l2tp_frame_encode(out, sizeof(out), TUN, SES,
	    L2TP_NO_SEQ, ac, sizeof(ac)), 0);
	ck_assert_uint_eq(l2tp_frame_encode(out, 6 + sizeof(f) - 1, TUN, SES,
	    L2TP_NO_SEQ, f, sizeof(f)), 0);
	ck_assert_uint_eq(l2tp_frame_encode(out, 6 + sizeof(f), TUN, SES,
	    L2TP_NO_SEQ, f, sizeof(f)), 6 + sizeof(f));
	/* Numbered: 4 more bytes. */
	ck_assert_uint_eq(l2tp_frame_encode(out, 10 + sizeof(f) - 1, TUN, SES,
	    7, f, sizeof(f)), 0);
	ck_assert_uint_eq(l2tp_frame_encode(out, 10 + sizeof(f), TUN, SES,
	    7, f, sizeof(f)), 10 + sizeof(f));
}
END_TEST

/* What we encode, the kernel's decoder reads back (same header rules). */
START_TEST(t_roundtrip)
{
	uint8_t		 f[300], out[320];
	const uint8_t	*ppp;
	size_t		 n, len, i;

	for (i = 0; i < sizeof(f); i++)
		f[i] = (uint8_t)(i * 7 + 2);	/* even first byte */
	n = l2tp_frame_encode(out, sizeof(out), TUN, SES, L2TP_NO_SEQ, f,
	    sizeof(f));
	ck_assert_uint_eq(n, 6 + 2 + sizeof(f));
	ck_assert_int_eq(l2tp_frame_decode(out, n, TUN, SES, &ppp, &len, NULL),
	    L2TP_RX_OK);
	ck_assert_uint_eq(len, 2 + sizeof(f));
	ck_assert_int_eq(memcmp(ppp + 2, f, sizeof(f)), 0);
}
END_TEST

/* Ns as the kernel's receive side reads it: S bit, Ns, Nr 0. */
START_TEST(t_encode_numbered)
{
	const uint8_t	 f[] = { 0xff, 0x03, 0x00, 0xfd, 0x90, 0x07 };
	const uint8_t	 want[] = {
		0x08, 0x02, 0x12, 0x34, 0x00, 0x01,	/* S, v2, IDs */
		0xbe, 0xef, 0x00, 0x00			/* Ns, Nr */
	};
	uint8_t		 out[64];
	const uint8_t	*ppp;
	size_t		 n, len;
	int32_t		 ns;

	n = l2tp_frame_encode(out, sizeof(out), TUN, SES, 0xbeef, f,
	    sizeof(f));
	ck_assert_uint_eq(n, sizeof(want) + sizeof(f));
	ck_assert_int_eq(memcmp(out, want, sizeof(want)), 0);
	ck_assert_int_eq(memcmp(out + sizeof(want), f, sizeof(f)), 0);
	ck_assert_int_eq(l2tp_frame_decode(out, n, TUN, SES, &ppp, &len, &ns),
	    L2TP_RX_OK);
	ck_assert_int_eq(ns, 0xbeef);
	ck_assert_uint_eq(len, sizeof(f));
	/* Out of the 16-bit range: no Ns at all. */
	n = l2tp_frame_encode(out, sizeof(out), TUN, SES, 0x10000, f,
	    sizeof(f));
	ck_assert_uint_eq(n, 6 + sizeof(f));
	ck_assert_int_eq(out[0], 0x00);
}
END_TEST

/* order[] as indices into ns[], k of them; late the running count. */
static void
order_is(struct l2tp_seq *q, const uint16_t *ns, unsigned n,
    const unsigned *want, unsigned k, uint64_t late)
{
	unsigned	 order[32], i, got;

	got = l2tp_seq_order(q, ns, n, order);
	ck_assert_uint_eq(got, k);
	for (i = 0; i < k; i++)
		ck_assert_uint_eq(order[i], want[i]);
	ck_assert_uint_eq(q->late, late);
}

/*
 * The kernel's frames leave in Ns order: swaps inside a batch are
 * undone, a frame behind one already sent is dropped and counted, and
 * the 16-bit wrap is no jump back.
 */
START_TEST(t_seq_order)
{
	struct l2tp_seq	 q;
	const uint16_t	 first[] = { 1, 0, 2 };	/* the very first batch */
	const uint16_t	 swap[] = { 4, 3, 6, 5 };
	const uint16_t	 late[] = { 2, 7 };	/* 2 left long ago */
	const uint16_t	 gap[] = { 10 };	/* 8, 9 still on the way */
	const uint16_t	 after[] = { 9, 8, 11 };
	const uint16_t	 wrap1[] = { 65534, 65535 };
	const uint16_t	 wrap2[] = { 1, 0 };
	const unsigned	 o_first[] = { 1, 0, 2 }, o_swap[] = { 1, 0, 3, 2 };
	const unsigned	 o_late[] = { 1 }, o_gap[] = { 0 }, o_after[] = { 2 };
	const unsigned	 o_wrap1[] = { 0, 1 }, o_wrap2[] = { 1, 0 };

	l2tp_seq_init(&q);
	order_is(&q, first, 3, o_first, 3, 0);
	ck_assert_uint_eq(q.next, 3);
	order_is(&q, swap, 4, o_swap, 4, 0);
	order_is(&q, late, 2, o_late, 1, 1);
	ck_assert_uint_eq(q.next, 8);
	order_is(&q, gap, 1, o_gap, 1, 1);
	order_is(&q, after, 3, o_after, 1, 3);	/* 8 and 9 came too late */
	order_is(&q, NULL, 0, NULL, 0, 3);
	ck_assert_uint_eq(q.next, 12);
	q.next = 65534;
	order_is(&q, wrap1, 2, o_wrap1, 2, 3);
	ck_assert_uint_eq(q.next, 0);
	order_is(&q, wrap2, 2, o_wrap2, 2, 3);
	ck_assert_uint_eq(q.next, 2);
}
END_TEST

/* A first frame far from 0 (a kernel that does not start there). */
START_TEST(t_seq_start)
{
	struct l2tp_seq	 q;
	const uint16_t	 b[] = { 40001, 40000 };
	const unsigned	 o[] = { 1, 0 };

	l2tp_seq_init(&q);
	order_is(&q, b, 2, o, 2, 0);
	ck_assert_uint_eq(q.next, 40002);
}
END_TEST

Suite *
check_suite(void)
{
	Suite	*s = suite_create("l2tp_frame");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, t_decode_kernel);
	tcase_add_test(tc, t_decode_optional_fields);
	tcase_add_test(tc, t_decode_refusals);
	tcase_add_test(tc, t_encode_full);
	tcase_add_test(tc, t_encode_compressed);
	tcase_add_test(tc, t_encode_refusals);
	tcase_add_test(tc, t_roundtrip);
	tcase_add_test(tc, t_encode_numbered);
	tcase_add_test(tc, t_seq_order);
	tcase_add_test(tc, t_seq_start);
	suite_add_tcase(s, tc);
	return s;
}
