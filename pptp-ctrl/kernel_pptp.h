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

#include <stdint.h>

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
 * module's presence changes (need is the gre-mode: "kernel" or "auto").
 */
enum kpptp_result kernel_pptp_bind(struct kernel_pptp *, const char *need,
	    uint16_t call_id, uint32_t ours, int *fd, int *err);

#endif
