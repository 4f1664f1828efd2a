/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_pptp_opt.c: libFuzzer target for pptp-gre.so's option-value
 * parsers (plugins/pptp_opt.c).  The first byte picks the parser, the
 * rest is the value as pppd would hand it (NUL-terminated).  What is
 * accepted must hold its promise: a number prints back to the same
 * digits within the bounds, an address is unicast and prints back to the
 * same text, a host name is copied whole and only of allowed characters.
 */
#include <arpa/inet.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/pptp_opt.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const words[] = { "auto", "kernel", "user", NULL };
	char		 s[512], out[256], back[32];
	uint32_t	 a, h;
	long		 v;
	int		 i;

	if (size < 1 || size > sizeof(s))
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	switch (data[0] % 4) {
	case 0:
		if (pptp_opt_uint(s, 1, 65535, &v) == PPTP_OPT_OK) {
			snprintf(back, sizeof(back), "%ld", v);
			if (v < 1 || v > 65535 || strcmp(back, s) != 0)
				abort();
		}
		break;
	case 1:
		if (pptp_opt_ip4(s, &a) == PPTP_OPT_OK) {
			h = ntohl(a);
			if (h == 0 || h >= 0xe0000000 || h >> 24 == 127 ||
			    inet_ntop(AF_INET, &a, back, sizeof(back)) == NULL ||
			    strcmp(back, s) != 0)
				abort();
		}
		break;
	case 2:
		if (pptp_opt_host(s, out, sizeof(out)) == PPTP_OPT_OK &&
		    (strcmp(out, s) != 0 || strspn(out, "abcdefghijklmnopqrstu"
		    "vwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") !=
		    strlen(out) || out[0] == '-' || out[0] == '.'))
			abort();
		break;
	default:
		if (pptp_opt_keyword(s, words, &i) == PPTP_OPT_OK &&
		    strcmp(words[i], s) != 0)
			abort();
		break;
	}
	return 0;
}
