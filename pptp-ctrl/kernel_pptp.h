/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kernel_pptp.h: the call ID in the kernel's PPTP module (pptp.ko).  Its
 * call-ID table is one for the whole host, all network namespaces and
 * every program that uses it, so the privileged process binds the call's
 * pppox socket before the call is answered and pppd inherits it bound:
 * the ID in our Outgoing-Call-Reply is then the one the kernel delivers
 * to us.  Also remembers whether the module is there, to log the change
 * once rather than once per call.
 */
#ifndef PPTPNG_KERNEL_PPTP_H
#define PPTPNG_KERNEL_PPTP_H

#include <netinet/in.h>
#include <stdint.h>
#include <linux/if_pppox.h>

enum kpptp_result {
	KPPTP_BOUND,		/* *fd is the bound socket */
	KPPTP_ABSENT,		/* no kernel PPTP: use the user-mode path */
	KPPTP_BUSY,		/* another socket holds this call ID */
	KPPTP_ERROR		/* anything else; *err says what */
};

struct kernel_pptp {
	int	state;		/* 0 unknown, 1 absent, 2 there */
};

/*
 * A PX_PROTO_PPTP socket bound to (call_id, ours) (ours in host order).
 * The socket is close-on-exec: pass it with dup2().  Logs only when the
 * module's presence changes (required: gre-mode kernel, else auto).
 */
enum kpptp_result kernel_pptp_bind(struct kernel_pptp *, int required,
	    uint16_t call_id, uint32_t ours, int *fd, int *err);

/*
 * The pppox address of call ID id at addr, for bind() (id 0: the kernel
 * picks) and connect(); pptp-gre.so builds its addresses with it too.
 */
static inline struct sockaddr_pppox
kernel_pptp_addr(uint16_t id, struct in_addr addr)
{
	struct sockaddr_pppox	sp = { .sa_family = AF_PPPOX,
	    .sa_protocol = PX_PROTO_PPTP };

	sp.sa_addr.pptp.call_id = id;
	sp.sa_addr.pptp.sin_addr = addr;
	return sp;
}

#endif
