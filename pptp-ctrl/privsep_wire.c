/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * privsep_wire.c: builds and strictly parses the privilege-separation
 * messages (see privsep_wire.h).  Big-endian fields through gre/bytes.h's
 * bounds-checked cursor; every field is checked the same way whether the
 * message is built or parsed, so ps_build() never emits what ps_parse()
 * refuses.
 */
#include <string.h>

#include "../gre/bytes.h"
#include "privsep_wire.h"

static const char *const ps_err_names[PS_ERR_COUNT] = {
	[PS_OK] = "ok",
	[PS_ERR_SHORT] = "shorter than the header",
	[PS_ERR_MAGIC] = "bad magic",
	[PS_ERR_VERSION] = "bad version",
	[PS_ERR_TYPE] = "unknown type",
	[PS_ERR_DIRECTION] = "type not allowed from this side",
	[PS_ERR_LENGTH] = "wrong body length",
	[PS_ERR_CALLID] = "call ID 0",
	[PS_ERR_ADDR] = "bad address",
	[PS_ERR_PID] = "bad pid",
	[PS_ERR_SIGNAL] = "signal not allowed",
	[PS_ERR_FDS] = "wrong file descriptors",
	[PS_ERR_UNKNOWN_PID] = "not a pppd of ours",
	[PS_ERR_DUP_CALL] = "call ID already running",
	[PS_ERR_LIMIT] = "too many pppd",
};

const char *
ps_err_str(enum ps_err e)
{
	if ((unsigned)e >= PS_ERR_COUNT)
		return "unknown";
	return ps_err_names[e];
}

/* The fixed body length of a type, -1 for a variable one, -2 unknown. */
static int
body_len(enum ps_type t)
{
	switch (t) {
	case PS_SPAWN:
		return 20;
	case PS_KILL:
		return 5;
	case PS_RELOAD_REQ:
	case PS_STOP:
		return 0;
	case PS_SPAWNED:
		return 10;
	case PS_EXITED:
		return 8;
	case PS_CONF:
		return -1;
	}
	return -2;
}

static int
from_child(enum ps_type t)
{
	return t == PS_SPAWN || t == PS_KILL || t == PS_RELOAD_REQ;
}

static enum ps_err
check(const struct ps_msg *m)
{
	const struct ps_spawn	*s = &m->u.spawn;

	switch (m->type) {
	case PS_SPAWN:
		if (s->call_id == 0)
			return PS_ERR_CALLID;
		if (s->client == 0 || s->ours == 0 ||
		    (s->local == 0) != (s->remote == 0))
			return PS_ERR_ADDR;
		break;
	case PS_KILL:
		if (m->u.kill.pid <= 1 || m->u.kill.pid > INT32_MAX)
			return PS_ERR_PID;
		if (m->u.kill.sig != PS_SIG_TERM &&
		    m->u.kill.sig != PS_SIG_KILL)
			return PS_ERR_SIGNAL;
		break;
	case PS_SPAWNED:
		if (m->u.spawned.call_id == 0)
			return PS_ERR_CALLID;
		if (m->u.spawned.pid == 1 || m->u.spawned.pid > INT32_MAX)
			return PS_ERR_PID;
		break;
	case PS_EXITED:
		if (m->u.exited.pid <= 1 || m->u.exited.pid > INT32_MAX)
			return PS_ERR_PID;
		break;
	case PS_CONF:
		if (m->bloblen == 0 || m->bloblen > PS_BLOB_MAX)
			return PS_ERR_LENGTH;
		break;
	case PS_RELOAD_REQ:
	case PS_STOP:
		break;
	default:
		return PS_ERR_TYPE;
	}
	return PS_OK;
}

size_t
ps_build(uint8_t *buf, size_t cap, const struct ps_msg *m)
{
	struct wr	 w;
	int		 len;
	uint8_t		*q;

	if ((len = body_len(m->type)) == -2 || check(m) != PS_OK)
		return 0;
	if (len == -1)
		len = (int)m->bloblen;
	wr_init(&w, buf, cap);
	wr_u16(&w, PS_MAGIC);
	wr_u8(&w, PS_VERSION);
	wr_u8(&w, (uint8_t)m->type);
	wr_u16(&w, (uint16_t)len);
	switch (m->type) {
	case PS_SPAWN:
		wr_u16(&w, m->u.spawn.call_id);
		wr_u16(&w, m->u.spawn.peer_call_id);
		wr_u32(&w, m->u.spawn.local);
		wr_u32(&w, m->u.spawn.remote);
		wr_u32(&w, m->u.spawn.client);
		wr_u32(&w, m->u.spawn.ours);
		break;
	case PS_KILL:
		wr_u32(&w, m->u.kill.pid);
		wr_u8(&w, m->u.kill.sig);
		break;
	case PS_SPAWNED:
		wr_u16(&w, m->u.spawned.call_id);
		wr_u32(&w, m->u.spawned.pid);
		wr_u32(&w, m->u.spawned.err);
		break;
	case PS_EXITED:
		wr_u32(&w, m->u.exited.pid);
		wr_u32(&w, m->u.exited.status);
		break;
	case PS_CONF:
		if ((q = wr_take(&w, m->bloblen)) != NULL)
			memcpy(q, m->blob, m->bloblen);
		break;
	default:
		break;
	}
	if (w.err)
		return 0;
	return (size_t)(w.p - buf);
}

enum ps_err
ps_parse(const uint8_t *buf, size_t n, enum ps_from from, struct ps_msg *m)
{
	struct rd	r;
	unsigned	magic, ver, len;
	int		want;

	memset(m, 0, sizeof(*m));
	if (n < PS_HDR_LEN)
		return PS_ERR_SHORT;
	rd_init(&r, buf, n);
	magic = rd_u16(&r);
	ver = rd_u8(&r);
	m->type = (enum ps_type)rd_u8(&r);
	len = rd_u16(&r);
	if (magic != PS_MAGIC)
		return PS_ERR_MAGIC;
	if (ver != PS_VERSION)
		return PS_ERR_VERSION;
	if ((want = body_len(m->type)) == -2)
		return PS_ERR_TYPE;
	if ((from == PS_FROM_CHILD) != from_child(m->type))
		return PS_ERR_DIRECTION;
	if (len != rd_left(&r) || (want >= 0 && len != (unsigned)want))
		return PS_ERR_LENGTH;
	switch (m->type) {
	case PS_SPAWN:
		m->u.spawn.call_id = rd_u16(&r);
		m->u.spawn.peer_call_id = rd_u16(&r);
		m->u.spawn.local = rd_u32(&r);
		m->u.spawn.remote = rd_u32(&r);
		m->u.spawn.client = rd_u32(&r);
		m->u.spawn.ours = rd_u32(&r);
		break;
	case PS_KILL:
		m->u.kill.pid = rd_u32(&r);
		m->u.kill.sig = rd_u8(&r);
		break;
	case PS_SPAWNED:
		m->u.spawned.call_id = rd_u16(&r);
		m->u.spawned.pid = rd_u32(&r);
		m->u.spawned.err = rd_u32(&r);
		break;
	case PS_EXITED:
		m->u.exited.pid = rd_u32(&r);
		m->u.exited.status = rd_u32(&r);
		break;
	case PS_CONF:
		m->bloblen = len;
		m->blob = rd_take(&r, len);
		break;
	default:
		break;
	}
	if (r.err)
		return PS_ERR_LENGTH;
	return check(m);
}
