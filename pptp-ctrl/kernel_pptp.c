/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kernel_pptp.c: binds a call's kernel PPTP socket in the privileged
 * process, so pptp.ko's host-wide call-ID table cannot hand our ID to
 * another program between the Outgoing-Call-Reply and pppd's start.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_pppox.h>
#include "kernel_pptp.h"
#include "log.h"

static void
presence(struct kernel_pptp *k, const char *need, int there, int err)
{
	int	now = there ? 2 : 1;

	if (k->state == now)
		return;
	if (there && k->state == 1)
		log_info("kernel PPTP is available again: new calls use the "
		    "kernel data path");
	else if (!there)
		log_warnx("gre-mode %s: no kernel PPTP socket (%s): %s", need,
		    strerror(err), strcmp(need, "kernel") == 0 ?
		    "calls fail until the pptp module is loaded (modprobe "
		    "pptp) or gre-mode is auto or user" :
		    "new calls use the user-mode data path");
	k->state = now;
}

enum kpptp_result
kernel_pptp_bind(struct kernel_pptp *k, const char *need, uint16_t call_id,
    uint32_t ours, int *fd, int *err)
{
	struct sockaddr_pppox	 sp;
	int			 s;

	*fd = -1;
	*err = 0;
	if ((s = socket(AF_PPPOX, SOCK_STREAM | SOCK_CLOEXEC,
	    PX_PROTO_PPTP)) == -1) {
		*err = errno;
		if (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT) {
			presence(k, need, 0, errno);
			return KPPTP_ABSENT;
		}
		return KPPTP_ERROR;
	}
	presence(k, need, 1, 0);
	memset(&sp, 0, sizeof(sp));
	sp.sa_family = AF_PPPOX;
	sp.sa_protocol = PX_PROTO_PPTP;
	sp.sa_addr.pptp.call_id = call_id;
	sp.sa_addr.pptp.sin_addr.s_addr = htonl(ours);
	if (bind(s, (struct sockaddr *)&sp, sizeof(sp)) == -1) {
		*err = errno;
		close(s);
		return *err == EBUSY ? KPPTP_BUSY : KPPTP_ERROR;
	}
	*fd = s;
	return KPPTP_BOUND;
}
