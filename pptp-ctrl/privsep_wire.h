/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * privsep_wire.h: the codec of the messages between pptpd-ng's two
 * processes (privsep.c): the unprivileged one that parses network input
 * and the privileged one that only spawns and signals pppd.  One message
 * per SOCK_SEQPACKET datagram: magic, version, type, body length, a fixed
 * body per type.  Pure and bounded: no I/O, no allocation, no logging.
 * The privileged side parses with PS_FROM_CHILD and refuses anything the
 * unprivileged side has no business sending.
 */
#ifndef PPTPNG_PRIVSEP_WIRE_H
#define PPTPNG_PRIVSEP_WIRE_H

#include <stddef.h>
#include <stdint.h>

#define PS_MAGIC	0x5053	/* "PS" */
#define PS_VERSION	1
#define PS_HDR_LEN	6	/* magic u16, version u8, type u8, len u16 */
#define PS_BLOB_MAX	16384	/* PS_CONF body */
#define PS_DGRAM_MAX	(PS_HDR_LEN + PS_BLOB_MAX)
#define PS_SIG_TERM	15	/* the only two signals a child may ask for */
#define PS_SIG_KILL	9

enum ps_type {
	/* unprivileged -> privileged */
	PS_SPAWN = 1,		/* start pppd for a call; 2 fds attached */
	PS_KILL = 2,		/* signal a pppd we started */
	PS_RELOAD_REQ = 3,	/* pptpctl reload */
	/* privileged -> unprivileged */
	PS_SPAWNED = 16,	/* pid, or the errno of the failure */
	PS_EXITED = 17,		/* a pppd was reaped */
	PS_STOP = 18,		/* SIGTERM/SIGINT arrived: shut down */
	PS_CONF = 19		/* SIGHUP: the reloaded struct conf */
};

enum ps_from {
	PS_FROM_CHILD,
	PS_FROM_PARENT
};

/*
 * Every reason a message is refused; names in ps_err_str().  The codec
 * returns the first group; the privileged shell counts the second (what
 * only it can check) in the same table.
 */
enum ps_err {
	PS_OK = 0,
	PS_ERR_SHORT,		/* shorter than the header */
	PS_ERR_MAGIC,
	PS_ERR_VERSION,
	PS_ERR_TYPE,		/* unknown type */
	PS_ERR_DIRECTION,	/* a type the sender may not send */
	PS_ERR_LENGTH,		/* body length wrong for the type */
	PS_ERR_CALLID,		/* call ID 0 */
	PS_ERR_ADDR,		/* address 0, or half an address pair */
	PS_ERR_PID,		/* pid 0 or 1 */
	PS_ERR_SIGNAL,		/* neither SIGTERM nor SIGKILL */
	PS_ERR_FDS,		/* shell: wrong number or kind of fds */
	PS_ERR_UNKNOWN_PID,	/* shell: not a pppd we started */
	PS_ERR_DUP_CALL,	/* shell: call ID already has a pppd */
	PS_ERR_LIMIT,		/* shell: too many pppd */
	PS_ERR_COUNT
};

struct ps_spawn {
	uint16_t	call_id;
	uint16_t	peer_call_id;
	uint32_t	local;		/* host order; both 0 with delegate */
	uint32_t	remote;
	uint32_t	client;		/* the peer's address */
	uint32_t	ours;		/* our address on its connection */
};

struct ps_msg {
	enum ps_type	type;
	union {
		struct ps_spawn	spawn;
		struct {
			uint32_t	pid;
			uint8_t		sig;
		} kill;
		struct {
			uint16_t	call_id;
			uint32_t	pid;	/* 0: failed */
			uint32_t	err;	/* errno when pid is 0 */
		} spawned;
		struct {
			uint32_t	pid;
			uint32_t	status;	/* waitpid() status */
		} exited;
	} u;
	const uint8_t	*blob;		/* PS_CONF: into the parsed buffer */
	size_t		 bloblen;
};

const char	*ps_err_str(enum ps_err);
/* Encoded length, or 0 when it does not fit or the message is invalid. */
size_t		 ps_build(uint8_t *, size_t, const struct ps_msg *);
enum ps_err	 ps_parse(const uint8_t *, size_t, enum ps_from,
		    struct ps_msg *);

#endif /* PPTPNG_PRIVSEP_WIRE_H */
