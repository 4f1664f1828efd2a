/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_ctrl_wire.c: libFuzzer target for pptp-ctrl/ctrl_wire.c.  Whatever
 * parses must build back to exactly its length and parse again to the same
 * struct; the name and sanitize accessors run on every decoded value.
 * Any disagreement abort()s.  No I/O beyond what libFuzzer does.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../pptp-ctrl/ctrl_wire.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
touch_names(const struct ctrl_msg *m)
{
	char	buf[PPTP_STATS_LEN + 1];

	(void)ctrl_type_name((unsigned)m->type);
	switch (m->type) {
	case PPTP_MSG_SCCRQ:
	case PPTP_MSG_SCCRP:
		(void)ctrl_result_name(m->type, m->u.sccrp.result);
		(void)ctrl_error_name(m->u.sccrp.error);
		ctrl_sanitize(buf, sizeof(buf), m->u.sccrq.host_name);
		ctrl_sanitize(buf, sizeof(buf), m->u.sccrq.vendor);
		break;
	case PPTP_MSG_STOPCCRQ:
		(void)ctrl_stop_reason_name(m->u.stopccrq.reason);
		break;
	case PPTP_MSG_OCRQ:
		ctrl_sanitize(buf, sizeof(buf), m->u.ocrq.phone);
		ctrl_sanitize(buf, sizeof(buf), m->u.ocrq.subaddr);
		break;
	case PPTP_MSG_OCRP:
		(void)ctrl_result_name(m->type, m->u.ocrp.result);
		break;
	case PPTP_MSG_ICRQ:
		ctrl_sanitize(buf, sizeof(buf), m->u.icrq.dialed);
		ctrl_sanitize(buf, sizeof(buf), m->u.icrq.dialing);
		ctrl_sanitize(buf, sizeof(buf), m->u.icrq.subaddr);
		break;
	case PPTP_MSG_CDN:
		(void)ctrl_result_name(m->type, m->u.cdn.result);
		ctrl_sanitize(buf, sizeof(buf), m->u.cdn.stats);
		break;
	case PPTP_MSG_STOPCCRP:
	case PPTP_MSG_ECHORQ:
	case PPTP_MSG_ECHORP:
	case PPTP_MSG_ICRP:
	case PPTP_MSG_ICCN:
	case PPTP_MSG_CCRQ:
	case PPTP_MSG_WEN:
	case PPTP_MSG_SLI:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctrl_msg	m, m2;
	uint8_t		out[PPTP_CTRL_MAX_LEN];
	enum ctrl_err	e;
	size_t		n;

	e = ctrl_parse(data, size, &m);
	(void)ctrl_err_name(e);
	if (e != CTRL_OK)
		return 0;
	/* Validation promises: these hold for anything that parsed. */
	if (size < PPTP_CTRL_HDR_LEN || size > PPTP_CTRL_MAX_LEN ||
	    size != ctrl_msg_size((unsigned)m.type))
		abort();
	touch_names(&m);
	n = ctrl_build(out, sizeof(out), &m);
	if (n != size)
		abort();
	if (ctrl_parse(out, n, &m2) != CTRL_OK)
		abort();
	if (memcmp(&m, &m2, sizeof(m)) != 0)
		abort();
	/* Header and every fixed-width field are reproduced byte-exact. */
	if (memcmp(out, data, PPTP_CTRL_HDR_LEN) != 0)
		abort();
	return 0;
}
