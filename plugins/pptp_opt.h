/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_opt.h: the strict parsers behind pptp-gre.so's pppd options
 * (pptp_gre.c): decimal numbers, IPv4 unicast literals, host names and
 * keywords.  Pure: no pppd, no I/O, no logging; the caller words the
 * option error from the result.
 */
#ifndef PPTPNG_PPTP_OPT_H
#define PPTPNG_PPTP_OPT_H

#include <stddef.h>
#include <stdint.h>

enum pptp_opt_err {
	PPTP_OPT_OK = 0,
	PPTP_OPT_NOT_NUMBER,	/* not plain decimal, or out of range */
	PPTP_OPT_NOT_IP4,	/* not a dotted quad */
	PPTP_OPT_NOT_UNICAST,	/* 0.0.0.0, 127/8, multicast or above */
	PPTP_OPT_NOT_HOST,	/* not [A-Za-z0-9._-], or too long */
	PPTP_OPT_NOT_KEYWORD	/* none of the allowed words */
};

/* Decimal only (no sign, no 0x, no leading zero, no spaces), in [lo, hi]. */
enum pptp_opt_err pptp_opt_uint(const char *, long, long, long *);
/* An IPv4 literal (inet_pton rules) that is a unicast address; network order. */
enum pptp_opt_err pptp_opt_ip4(const char *, uint32_t *);
/* A DNS name or IPv4 literal shorter than cap, copied into out. */
enum pptp_opt_err pptp_opt_host(const char *, char *, size_t);
/* The index of s in the NULL-terminated words. */
enum pptp_opt_err pptp_opt_keyword(const char *, const char *const *, int *);

#endif /* PPTPNG_PPTP_OPT_H */
