/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bare_pptp.c: bare-pptp.so, a test-only pppd plugin for the bench's PPTP
 * ceiling (issue 8's "bare kernel path"): pppd over the kernel's pptp
 * module with fixed addresses and call IDs given as options, and nothing
 * else - no control connection, no GRE engine, no events, none of
 * pptpd-ng's code.  What pptp-gre.so in kernel mode adds to a call is
 * measured against it.  Never installed; built for `make bench`.
 *
 *   plugin bare-pptp.so bare-local A.B.C.D bare-peer A.B.C.D
 *       bare-call-id N bare-peer-call-id N
 */
#include <sys/types.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/if_pppox.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../plugins/pppd_compat.h"

/* pptp-gre.so's MRU bound (an Ethernet MTU less IP and enhanced GRE):
 * the ceiling runs at the same MTU as the paths it bounds. */
#define BARE_MRU	1460

char pppd_version[] = PPTP_PPPD_VERSION;

static char	*opt_local, *opt_peer;
static int	 opt_call_id = -1, opt_peer_call_id = -1;
static struct in_addr local, peer;
static int	 bare_fd = -1;

#define BARE_OPT(n, t, a, help) \
	{ .name = (n), .type = (t), .addr = (a), .description = (help) }

static option_t bare_options[] = {
	BARE_OPT("bare-local", o_string, &opt_local,
	    "bare-pptp: our address (IPv4)"),
	BARE_OPT("bare-peer", o_string, &opt_peer,
	    "bare-pptp: the peer's address (IPv4)"),
	BARE_OPT("bare-call-id", o_int, &opt_call_id,
	    "bare-pptp: our call ID (1-65535)"),
	BARE_OPT("bare-peer-call-id", o_int, &opt_peer_call_id,
	    "bare-pptp: the peer's call ID (1-65535)"),
	{ .name = NULL }
};

static struct sockaddr_pppox
bare_addr(int call_id, struct in_addr a)
{
	struct sockaddr_pppox	 sp;

	memset(&sp, 0, sizeof(sp));
	sp.sa_family = AF_PPPOX;
	sp.sa_protocol = PX_PROTO_PPTP;
	sp.sa_addr.pptp.call_id = (uint16_t)call_id;
	sp.sa_addr.pptp.sin_addr = a;
	return sp;
}

static void
bare_check_options(void)
{
	char	 dev[64];

	if (opt_local == NULL || inet_pton(AF_INET, opt_local, &local) != 1 ||
	    opt_peer == NULL || inet_pton(AF_INET, opt_peer, &peer) != 1 ||
	    opt_call_id < 1 || opt_call_id > 65535 ||
	    opt_peer_call_id < 1 || opt_peer_call_id > 65535) {
		ppp_option_error("bare-pptp: bare-local, bare-peer (IPv4), "
		    "bare-call-id and bare-peer-call-id (1-65535) are all "
		    "required");
		die(EXIT_OPTION_ERROR);
	}
	snprintf(dev, sizeof(dev), "bare pptp (%s)", opt_peer);
	ppp_set_devnam(dev);
	if (lcp_wantoptions[0].mru > BARE_MRU)
		lcp_wantoptions[0].mru = BARE_MRU;
	if (lcp_allowoptions[0].mru > BARE_MRU)
		lcp_allowoptions[0].mru = BARE_MRU;
}

/* The kernel's PPTP socket, bound to our ID, connected to the peer's. */
static int
bare_connect(void)
{
	struct sockaddr_pppox	 sp;
	int			 fd;

	if ((fd = socket(AF_PPPOX, SOCK_STREAM | SOCK_CLOEXEC,
	    PX_PROTO_PPTP)) == -1) {
		error("bare-pptp: PX_PROTO_PPTP socket: %m (modprobe pptp)");
		return -1;
	}
	sp = bare_addr(opt_call_id, local);
	if (bind(fd, (struct sockaddr *)&sp, sizeof(sp)) == -1) {
		error("bare-pptp: bind call ID %d: %m", opt_call_id);
		close(fd);
		return -1;
	}
	sp = bare_addr(opt_peer_call_id, peer);
	if (connect(fd, (struct sockaddr *)&sp, sizeof(sp)) == -1) {
		error("bare-pptp: connect to call ID %d: %m", opt_peer_call_id);
		close(fd);
		return -1;
	}
	notice("bare-pptp: %s call %d <-> %s call %d", opt_local, opt_call_id,
	    opt_peer, opt_peer_call_id);
	bare_fd = fd;
	return fd;
}

static void
bare_disconnect(void)
{
	if (bare_fd >= 0)
		close(bare_fd);
	bare_fd = -1;
}

/* No framing to configure: the kernel channel takes whole frames. */
static void
bare_config(int mtu, u_int32_t accm, int pcomp, int accomp)
{
	(void)mtu;
	(void)accm;
	(void)pcomp;
	(void)accomp;
}

static struct channel bare_channel = {
	.options = bare_options,
	.check_options = bare_check_options,
	.connect = bare_connect,
	.disconnect = bare_disconnect,
	.establish_ppp = ppp_generic_establish,
	.disestablish_ppp = ppp_generic_disestablish,
	.send_config = bare_config,
	.recv_config = bare_config,
};

void	plugin_init(void);

void
plugin_init(void)
{
	ppp_add_options(bare_options);
	the_channel = &bare_channel;
}
