/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_ipc_wire.c: libFuzzer target for the plugin -> daemon event codec.
 * Whatever ipc_parse() accepts must rebuild to the identical bytes (the
 * encoding is canonical) and parse again to the same message.  Drives
 * only pptp-ctrl/ipc_wire.c: no I/O.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../pptp-ctrl/ipc_wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ipc_msg	 m, m2;
	static char		 out[IPC_DGRAM_MAX];
	size_t			 n, i;
	uint64_t		 v;

	if (ipc_parse((const char *)data, size, &m) != IPC_OK)
		return 0;
	for (i = 0; i < m.npairs; i++)
		(void)ipc_get_u64(&m, m.pairs[i].key, &v);
	n = ipc_build(out, sizeof(out), &m);
	if (n != size || memcmp(out, data, size) != 0)
		abort();
	if (ipc_parse(out, n, &m2) != IPC_OK ||
	    memcmp(&m, &m2, sizeof(m)) != 0)
		abort();
	return 0;
}
