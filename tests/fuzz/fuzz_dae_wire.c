/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_dae_wire.c: libFuzzer target for the RFC 5176 codec.  The input is
 * tried twice: as a datagram (whatever parses must yield a reply that
 * fits), and as the attributes of a request we sign ourselves, which must
 * then authenticate, parse again and answer.  Drives only
 * pptp-ctrl/dae_wire.c: no I/O.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../pptp-ctrl/dae_wire.h"

#define SECRET	"fuzz-secret"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
answer(const struct dae_req *q)
{
	static const struct dae_session s = { "alice", "0123", "192.0.2.1",
	    0x0a000007 };
	uint8_t	 out[DAE_REPLY_MAX];
	bool	 hit;

	hit = q->cause == DAE_CAUSE_NONE && dae_match(q, &s);
	if (dae_build_reply(out, sizeof(out), q, hit, hit ? DAE_CAUSE_NONE :
	    q->cause != DAE_CAUSE_NONE ? q->cause :
	    DAE_CAUSE_SESSION_NOT_FOUND, SECRET, sizeof(SECRET) - 1) == 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t	 pkt[DAE_PKT_MAX];
	struct dae_req	 q;
	enum dae_err	 e;
	size_t		 n;

	if (dae_parse(data, size, SECRET, sizeof(SECRET) - 1, 1700000000,
	    300, &q) == DAE_OK)
		answer(&q);
	if (size < 1)
		return 0;
	n = dae_build_request(pkt, sizeof(pkt), data[0] & 1 ?
	    DAE_CODE_COA_REQUEST : DAE_CODE_DISCONNECT_REQUEST, data[0],
	    data + 1, size - 1, (data[0] & 2) != 0, SECRET,
	    sizeof(SECRET) - 1);
	if (n == 0)
		return 0;
	e = dae_parse(pkt, n, SECRET, sizeof(SECRET) - 1, 0, 0, &q);
	if (e == DAE_ERR_AUTH || e == DAE_ERR_SHORT || e == DAE_ERR_LENGTH ||
	    e == DAE_ERR_CODE || e == DAE_ERR_STALE)
		abort();	/* we signed it right, window off */
	if (e == DAE_OK)
		answer(&q);
	return 0;
}
