/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kernel_pptp.c: binds a call's kernel PPTP socket in the privileged
 * process, so pptp.ko's host-wide call-ID table cannot hand our ID to
 * another program between the Outgoing-Call-Reply and pppd's start.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "kernel_pptp.h"
#include "log.h"

static void
presence(struct kernel_pptp *k, int required, int there, int err)
{
	int	now = there ? 2 : 1;

	if (k->state == now)
		return;
	if (there && k->state == 1)
		log_info("kernel PPTP is available again: new calls use the "
		    "kernel data path");
	else if (!there)
		log_warnx("gre-mode %s: no kernel PPTP socket (%s): %s",
		    required ? "kernel" : "auto", strerror(err), required ?
		    "calls fail until the pptp module is loaded (modprobe "
		    "pptp) or gre-mode is auto or user" :
		    "new calls use the user-mode data path");
	k->state = now;
}

enum kpptp_result
kernel_pptp_bind(struct kernel_pptp *k, int required, uint16_t call_id,
    uint32_t ours, int *fd, int *err)
{
	struct sockaddr_pppox	 sp;
	struct in_addr		 a = { .s_addr = htonl(ours) };
	int			 s;

	*fd = -1;
	*err = 0;
	if ((s = socket(AF_PPPOX, SOCK_STREAM | SOCK_CLOEXEC,
	    PX_PROTO_PPTP)) == -1) {
		*err = errno;
		if (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT) {
			presence(k, required, 0, errno);
			return KPPTP_ABSENT;
		}
		return KPPTP_ERROR;
	}
	presence(k, required, 1, 0);
	sp = kernel_pptp_addr(call_id, a);
	if (bind(s, (struct sockaddr *)&sp, sizeof(sp)) == -1) {
		*err = errno;
		close(s);
		return *err == EBUSY ? KPPTP_BUSY : KPPTP_ERROR;
	}
	*fd = s;
	return KPPTP_BOUND;
}
