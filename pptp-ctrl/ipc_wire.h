/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipc_wire.h: the codec of the one-line event datagrams that pptp-gre.so
 * sends to pptpd-ng over the inherited SOCK_SEQPACKET socket (grammar in
 * plugins/pptp_ipc.h).  Pure and bounded: no I/O, no allocation, no
 * logging, no global state.  The daemon treats every datagram as untrusted.
 */
#ifndef PPTPNG_IPC_WIRE_H
#define PPTPNG_IPC_WIRE_H

#include <stddef.h>
#include <stdint.h>

#define IPC_DGRAM_MAX	2048	/* one datagram, LF included */
#define IPC_NAME_MAX	31	/* event name or key, characters */
#define IPC_VALUE_MAX	255	/* decoded value, bytes */
#define IPC_PAIRS_MAX	48	/* key=value pairs per event */

/* Every reason ipc_parse() or a builder refuses; names in ipc_err_str(). */
enum ipc_err {
	IPC_OK = 0,
	IPC_ERR_EMPTY,		/* zero bytes */
	IPC_ERR_TOO_LONG,	/* above IPC_DGRAM_MAX */
	IPC_ERR_NO_LF,		/* does not end with exactly one LF */
	IPC_ERR_EVENT,		/* event name empty, too long or not [a-z] */
	IPC_ERR_KEY,		/* key empty, too long or not [a-z_] */
	IPC_ERR_NO_EQ,		/* pair without '=' */
	IPC_ERR_VALUE,		/* bad character or escape in a value */
	IPC_ERR_VALUE_LEN,	/* decoded value above IPC_VALUE_MAX */
	IPC_ERR_SPACE,		/* empty field: two spaces, or a trailing one */
	IPC_ERR_DUP_KEY,	/* the same key twice */
	IPC_ERR_PAIRS,		/* more than IPC_PAIRS_MAX pairs */
	IPC_ERR_NO_ROOM,	/* builder: output buffer too small */
	IPC_ERR_COUNT
};

struct ipc_pair {
	char	key[IPC_NAME_MAX + 1];
	char	val[IPC_VALUE_MAX + 1];	/* decoded, printable ASCII */
};

/* One decoded event; strings NUL-terminated, pairs in wire order. */
struct ipc_msg {
	char		event[IPC_NAME_MAX + 1];
	size_t		npairs;
	struct ipc_pair	pairs[IPC_PAIRS_MAX];
};

const char	*ipc_err_str(enum ipc_err);

/* Building: start an event, append pairs, encode.  All validate. */
enum ipc_err	 ipc_msg_init(struct ipc_msg *, const char *);
enum ipc_err	 ipc_msg_add(struct ipc_msg *, const char *, const char *);
enum ipc_err	 ipc_msg_add_u64(struct ipc_msg *, const char *, uint64_t);
size_t		 ipc_build(char *, size_t, const struct ipc_msg *);

/* Parsing: the whole datagram, strictly (the canonical form only). */
enum ipc_err	 ipc_parse(const char *, size_t, struct ipc_msg *);
const char	*ipc_get(const struct ipc_msg *, const char *);
int		 ipc_get_u64(const struct ipc_msg *, const char *, uint64_t *);

#endif /* PPTPNG_IPC_WIRE_H */
