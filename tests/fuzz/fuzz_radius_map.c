/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_radius_map.c: libFuzzer target for plugins/radius_map.c.  Treats
 * the input as a RADIUS reply: header check, attribute parse -> build ->
 * parse round trip, reply mapping, reply verification, MPPE key
 * decryption and the MS-CHAP texts of every attribute.  No I/O.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../plugins/radius_map.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t	reqauth[RAD_AUTH_LEN];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t		 buf[RAD_PKT_MAX * 2];
	struct rad_attr		 a[RAD_LIST_ATTRS], b[RAD_LIST_ATTRS];
	struct rad_reply	 rp;
	uint8_t			 key[RAD_MPPE_KEY_LEN];
	char			 text[256];
	size_t			 n, m, k, plen, i;

	(void)rad_reply_verify(data, size, reqauth, "s", 1, 1);
	if (rad_pkt_check(data, size, &plen) != RAD_OK)
		return 0;
	if (rad_attrs_parse(data + RAD_HDR_LEN, plen - RAD_HDR_LEN, a,
	    RAD_LIST_ATTRS, &n) != RAD_OK)
		abort();	/* rad_pkt_check accepted it */
	/* Build may split VSAs differently; the attribute list must hold. */
	k = rad_attrs_build(buf, sizeof(buf), a, n);
	if (n > 0 && k == 0)
		abort();
	if (rad_attrs_parse(buf, k, b, RAD_LIST_ATTRS, &m) != RAD_OK ||
	    m != n)
		abort();
	for (i = 0; i < n; i++)
		if (a[i].vendor != b[i].vendor || a[i].type != b[i].type ||
		    a[i].len != b[i].len ||
		    memcmp(a[i].val, b[i].val, a[i].len) != 0)
			abort();
	(void)rad_reply_map(a, n, &rp);
	for (i = 0; i < n; i++) {
		(void)rad_mppe_key_decrypt(&a[i], "s", 1, reqauth, key);
		(void)rad_chap_mppe_keys_decrypt(&a[i], "s", 1, reqauth, key);
		if (rad_chap2_success_text(&a[i], data[1], text,
		    sizeof(text)) == RAD_OK && strlen(text) != 42)
			abort();
		rad_chap_failure_text(&a[i], &a[i], data, size < 16 ? size :
		    16, 1, text, sizeof(text));
		if (strlen(text) >= sizeof(text))
			abort();
		rad_env_value(&a[i], text, sizeof(text));
	}
	return 0;
}
