/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_opt.c: the option-value parsers of pptp-gre.so (see pptp_opt.h).
 * Every value comes from a command line pptpd-ng or an admin wrote, and
 * is still checked as if hostile: bounded lengths, no locale, no strtol
 * leniency.
 */
#include <arpa/inet.h>

#include <string.h>

#include "pptp_opt.h"

enum pptp_opt_err
pptp_opt_uint(const char *s, long lo, long hi, long *out)
{
	long	 v = 0;
	size_t	 i, n = strnlen(s, 11);

	if (n == 0 || n > 10 || (n > 1 && s[0] == '0'))
		return PPTP_OPT_NOT_NUMBER;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return PPTP_OPT_NOT_NUMBER;
		v = v * 10 + (s[i] - '0');
	}
	if (v < lo || v > hi)
		return PPTP_OPT_NOT_NUMBER;
	*out = v;
	return PPTP_OPT_OK;
}

enum pptp_opt_err
pptp_opt_ip4(const char *s, uint32_t *out)
{
	struct in_addr	a;
	uint32_t	h;

	if (inet_pton(AF_INET, s, &a) != 1)
		return PPTP_OPT_NOT_IP4;
	h = ntohl(a.s_addr);
	if (h == 0 || h >= 0xe0000000 || (h >> 24) == 127)
		return PPTP_OPT_NOT_UNICAST;
	*out = a.s_addr;
	return PPTP_OPT_OK;
}

enum pptp_opt_err
pptp_opt_host(const char *s, char *out, size_t cap)
{
	size_t	i, n = strnlen(s, cap);

	if (n == 0 || n >= cap || s[0] == '-' || s[0] == '.')
		return PPTP_OPT_NOT_HOST;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '.' || s[i] == '_'))
			return PPTP_OPT_NOT_HOST;
	memcpy(out, s, n + 1);
	return PPTP_OPT_OK;
}

enum pptp_opt_err
pptp_opt_keyword(const char *s, const char *const *words, int *idx)
{
	int	i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0) {
			*idx = i;
			return PPTP_OPT_OK;
		}
	return PPTP_OPT_NOT_KEYWORD;
}
