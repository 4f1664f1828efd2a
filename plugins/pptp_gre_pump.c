/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_gre_pump.c: the user-mode pump, run in a child forked from pppd:
 * moves PPP frames between the raw GRE socket (through the gre/ engine)
 * and pppd's side, which is the kernel's PPPoE PPP channel on a private
 * tap (one frame per read or write through the pppoe_frame codec), its
 * L2TP PPP channel on loopback (one frame per datagram through the
 * l2tp_frame codec, batched both ways, numbered both ways so that
 * neither side passes on frames loopback swapped) or a pty master
 * (through the hdlc codec), and publishes counters in shared memory.  Must not call pppd (it is a separate
 * process) and never allocates per packet: every buffer is set up before
 * the loop.
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <linux/if_tun.h>
#include <linux/sock_diag.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../gre/gre_session.h"
#include "../gre/gre_wire.h"
#include "hdlc.h"
#include "l2tp_frame.h"
#include "pppoe_frame.h"
#include "pptp_gre.h"

#define PUMP_BATCH	32		/* datagrams per recvmmsg/sendmmsg */
#define PUMP_PKT	2304		/* IP (60) + GRE (16) + payload (2048) */
#define PUMP_FRAME	2048		/* largest PPP frame either way */
#define PUMP_L2TP_HDR	16		/* room for a received L2TP header */
#define PUMP_PTY_IN	65536		/* one read from the pty master */
#define PUMP_PTY_OUT	65536		/* encoded frames before one write */
#define PUMP_PUBLISH_US	200000		/* shared counters refresh */
#define PUMP_POLL_MAX_MS	60000		/* longest single sleep */

struct pump {
	int			 raw;
	struct pptp_pump_ppp	 ppp;
	struct gre_session	*gs;
	struct pptp_pump_shm	*shm;
	struct pptp_pump_shm	 loc;	/* private copy of the extra counters */
	struct hdlc_rx		 hrx;
	uint8_t			 rx[PUMP_BATCH][PUMP_PKT];
	struct mmsghdr		 rmsg[PUMP_BATCH];
	struct iovec		 riov[PUMP_BATCH];
	uint8_t			 tx[PUMP_BATCH][GRE_HDR_MAX + PUMP_L2TP_HDR +
				    PUMP_FRAME];
	struct mmsghdr		 tmsg[PUMP_BATCH];
	struct iovec		 tiov[PUMP_BATCH];
	unsigned		 ntx;
	/* L2TP side: datagrams in land in tx[] behind the GRE headroom. */
	struct mmsghdr		 kin[PUMP_BATCH];
	struct iovec		 kiniov[PUMP_BATCH];
	uint8_t			 kout[PUMP_BATCH][L2TP_ENC_OVERHEAD +
				    PUMP_FRAME];
	struct mmsghdr		 koutmsg[PUMP_BATCH];
	struct iovec		 koutiov[PUMP_BATCH];
	uint16_t		 kout_ns[PUMP_BATCH];
	unsigned		 nkout;
	uint16_t		 ns_out;	/* Ns of our next frame to pppd */
	struct l2tp_seq		 kseq;		/* order of pppd's frames */
	unsigned		 kidx[PUMP_BATCH];
	uint16_t		 kns[PUMP_BATCH];
	unsigned		 korder[PUMP_BATCH];
	const uint8_t		*kfr[PUMP_BATCH];
	size_t			 kflen[PUMP_BATCH];
	/* Tap side: headers apart, frames in tx[] behind the headroom. */
	uint8_t			 tin[PPPOE_HDR_LEN];
	uint8_t			 tout[PPPOE_ENC_HDR_MAX];
	uint8_t			 ack[GRE_HDR_MAX];
	uint8_t			 pin[PUMP_PTY_IN];
	uint8_t			 pout[PUMP_PTY_OUT];
	size_t			 npout;
	uint8_t			 hbuf[PUMP_FRAME + 2];
	uint64_t		 published;
	int			 dirty;		/* counters moved since */
};

/* One static pump per child: large buffers, never on the stack. */
static struct pump	 the_pump;

static uint64_t	 pump_now(void);
static int	 pump_flush_pty(struct pump *);
static int	 pump_flush_l2tp(struct pump *);
static int	 pump_flush_ppp(struct pump *);
static int	 pump_deliver(struct pump *);
static void	 pump_send_ack(struct pump *);
static void	 pump_flush_tx(struct pump *);
static void	 pump_queue_gre(struct pump *, uint8_t *, size_t, size_t,
		    uint64_t);
static int	 pump_from_gre(struct pump *);
static int	 pump_from_pty(struct pump *);
static int	 pump_from_l2tp(struct pump *);
static int	 pump_from_tap(struct pump *);
static int	 pump_from_ppp(struct pump *);
static int	 pump_to_tap(struct pump *, const uint8_t *, size_t);
static int	 tap_ifreq(int, unsigned long, struct ifreq *,
		    const struct pptp_pump_ppp *, const char *, const char **);
static void	 pump_publish(struct pump *, uint64_t);

static uint64_t
pump_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* Write the encoded frames; a full write or an error (-1: pppd gone). */
static int
pump_flush_pty(struct pump *p)
{
	size_t	 off = 0;
	ssize_t	 n;

	while (off < p->npout) {
		n = write(p->ppp.fd, p->pout + off, p->npout - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			p->npout = 0;
			return -1;
		}
		off += (size_t)n;
	}
	p->npout = 0;
	return 0;
}

/*
 * Send the queued L2TP datagrams to the kernel's channel; -1 when it is
 * gone (pppd closed the tunnel socket: ECONNREFUSED).  Any other failure
 * drops frames, as a congested line would: the one frame, or on a
 * numbered channel the rest of the batch, whose Ns are used again (a
 * gap would make the kernel hold every later frame for its reorder
 * time-out).
 */
static int
pump_flush_l2tp(struct pump *p)
{
	unsigned i = 0;
	int	 n;

	while (i < p->nkout) {
		n = sendmmsg(p->ppp.fd, p->koutmsg + i, p->nkout - i,
		    MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECONNREFUSED) {
				p->nkout = 0;
				return -1;
			}
			if (p->ppp.seq) {
				p->loc.ppp_errors += p->nkout - i;
				p->ns_out = p->kout_ns[i];
				break;
			}
			p->loc.ppp_errors++;
			i++;
			continue;
		}
		i += (unsigned)n;
	}
	p->nkout = 0;
	return 0;
}

/* The tap takes each frame as it is written: nothing is queued. */
static int
pump_flush_ppp(struct pump *p)
{
	switch (p->ppp.kind) {
	case PCHAN_L2TP:
		return pump_flush_l2tp(p);
	case PCHAN_PTY:
		return pump_flush_pty(p);
	case PCHAN_TAP:
		break;
	}
	return 0;
}

/*
 * One frame into the tap: the kernel runs it through the PPPoE channel,
 * ppp_generic, MPPE and up the stack before writev() returns, so frames
 * reach pppd's side in the order written.  -1 when the tap is gone.
 */
static int
pump_to_tap(struct pump *p, const uint8_t *fr, size_t len)
{
	struct iovec	 iov[2];
	size_t		 h;

	if ((h = pppoe_frame_encode(p->tout, sizeof(p->tout), &p->ppp.link,
	    &fr, &len)) == 0) {
		p->loc.ppp_errors++;
		return 0;
	}
	iov[0].iov_base = p->tout;
	iov[0].iov_len = h;
	iov[1].iov_base = (void *)(uintptr_t)fr;
	iov[1].iov_len = len;
	while (writev(p->ppp.fd, iov, 2) < 0) {
		if (errno == EINTR)
			continue;
		if (errno == EBADFD)
			return -1;
		p->loc.ppp_errors++;
		break;
	}
	return 0;
}

/* Frame everything the engine has ready for pppd. */
static int
pump_deliver(struct pump *p)
{
	struct gre_frame f;
	size_t		 n;

	while (gre_rx_next(p->gs, &f)) {
		if (p->ppp.kind == PCHAN_TAP) {
			if (pump_to_tap(p, f.p, f.len) == -1)
				return -1;
			continue;
		}
		if (p->ppp.kind == PCHAN_L2TP) {
			/* Copied now: f points into the engine's buffers. */
			n = l2tp_frame_encode(p->kout[p->nkout],
			    sizeof(p->kout[0]), p->ppp.tunnel, p->ppp.session,
			    p->ppp.seq ? p->ns_out : L2TP_NO_SEQ, f.p, f.len);
			if (n == 0) {
				p->loc.ppp_errors++;
				continue;
			}
			p->kout_ns[p->nkout] = p->ns_out++;
			p->koutiov[p->nkout].iov_len = n;
			if (++p->nkout == PUMP_BATCH &&
			    pump_flush_l2tp(p) == -1)
				return -1;
			continue;
		}
		if (p->npout + HDLC_ENC_MAX(f.len) > sizeof(p->pout) &&
		    pump_flush_pty(p) == -1)
			return -1;
		n = hdlc_encode(p->pout + p->npout, sizeof(p->pout) - p->npout,
		    f.p, f.len);
		if (n == 0)
			p->loc.ppp_errors++;
		p->npout += n;
	}
	return 0;
}

static void
pump_send_ack(struct pump *p)
{
	size_t	 n;

	if ((n = gre_tx_ack(p->gs, p->ack, sizeof(p->ack))) == 0)
		return;
	if (send(p->raw, p->ack, n, MSG_DONTWAIT) < 0)
		p->loc.tx_errors++;
}

/* RFC 2637 §4 / study §a.4: a failed send drops the packet, not the call. */
static void
pump_flush_tx(struct pump *p)
{
	unsigned i = 0;
	int	 n;

	while (i < p->ntx) {
		n = sendmmsg(p->raw, p->tmsg + i, p->ntx - i, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			p->loc.tx_errors++;
			i++;		/* skip the packet that failed */
			continue;
		}
		i += (unsigned)n;
	}
	p->ntx = 0;
}

/* Drain the raw socket in batches; feed the engine; frame for pppd. */
static int
pump_from_gre(struct pump *p)
{
	const uint8_t	*gre;
	size_t		 glen;
	uint32_t	 src;
	uint64_t	 now;
	unsigned	 rounds;
	int		 n, i;

	for (rounds = 0; rounds < 8; rounds++) {
		for (i = 0; i < PUMP_BATCH; i++)
			p->rmsg[i].msg_len = 0;
		n = recvmmsg(p->raw, p->rmsg, PUMP_BATCH, MSG_DONTWAIT, NULL);
		if (n <= 0)
			break;
		now = pump_now();
		for (i = 0; i < n; i++) {
			if (gre_ip4_strip(p->rx[i], p->rmsg[i].msg_len, &gre,
			    &glen, &src) != GRE_OK)
				continue;
			(void)gre_input(p->gs, gre, glen, now);
			if (pump_deliver(p) == -1)
				return -1;
		}
		if (gre_batch_end(p->gs, now) & GRE_ACT_ACK)
			pump_send_ack(p);
		if (n < PUMP_BATCH)
			break;
	}
	return pump_flush_ppp(p);
}

/*
 * Frame the PPP frame at slot + off (GRE_HDR_MAX headroom or more before
 * it) as GRE and queue it; sent when PUMP_BATCH are queued or by the
 * caller's pump_flush_tx().  A frame the engine refuses is counted there.
 */
static void
pump_queue_gre(struct pump *p, uint8_t *slot, size_t off, size_t len,
    uint64_t now)
{
	struct gre_frame out;

	if (gre_tx_data(p->gs, slot, off, len, now, &out) != GRE_TX_OK)
		return;
	p->tiov[p->ntx].iov_base = (void *)(uintptr_t)out.p;
	p->tiov[p->ntx].iov_len = out.len;
	if (++p->ntx == PUMP_BATCH)
		pump_flush_tx(p);
}

/* Read what pppd wrote, unframe it and send each frame as GRE. */
static int
pump_from_pty(struct pump *p)
{
	const uint8_t	 *in, *fr;
	size_t		  left, flen;
	ssize_t		  n;
	uint64_t	  now;
	uint8_t		 *slot;

	n = read(p->ppp.fd, p->pin, sizeof(p->pin));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return -1;	/* EIO: the slave side (pppd) is gone */
	now = pump_now();
	in = p->pin;
	left = (size_t)n;
	while (hdlc_rx_feed(&p->hrx, &in, &left, &fr, &flen)) {
		slot = p->tx[p->ntx];
		memcpy(slot + GRE_HDR_MAX, fr, flen);
		pump_queue_gre(p, slot, GRE_HDR_MAX, flen, now);
	}
	pump_flush_tx(p);
	return 0;
}

/*
 * Drain the L2TP channel's datagrams in batches, each straight into a
 * tx slot behind the GRE headroom, and send them as GRE in one go, in
 * the order of their Ns on a numbered channel (l2tp_seq_order(): late
 * frames are dropped and counted).  Returns -1 when the channel is gone
 * (pppd closed its socket).
 */
static int
pump_from_l2tp(struct pump *p)
{
	uint64_t	  now;
	unsigned	  rounds, m, k, j, i;
	uint8_t		 *slot;
	int32_t		  ns;
	int		  n, numbered;

	for (rounds = 0; rounds < 8; rounds++) {
		for (i = 0; i < PUMP_BATCH; i++) {
			p->kin[i].msg_len = 0;
			p->kin[i].msg_hdr.msg_flags = 0;
		}
		n = recvmmsg(p->ppp.fd, p->kin, PUMP_BATCH, MSG_DONTWAIT, NULL);
		if (n < 0 && errno == ECONNREFUSED)
			return -1;
		if (n <= 0)
			break;
		now = pump_now();
		numbered = p->ppp.seq;
		for (i = m = 0; i < (unsigned)n; i++) {
			if ((p->kin[i].msg_hdr.msg_flags & MSG_TRUNC) ||
			    l2tp_frame_decode(p->tx[i] + GRE_HDR_MAX,
			    p->kin[i].msg_len, p->ppp.tunnel, p->ppp.session,
			    &p->kfr[i], &p->kflen[i], &ns) != L2TP_RX_OK) {
				p->loc.l2tp_bad++;
				continue;
			}
			if (ns == L2TP_NO_SEQ)
				numbered = 0;	/* not ours to order */
			p->kns[m] = (uint16_t)ns;
			p->kidx[m++] = i;
		}
		if (numbered)
			k = l2tp_seq_order(&p->kseq, p->kns, m, p->korder);
		else
			for (k = 0; k < m; k++)
				p->korder[k] = k;
		for (j = 0; j < k; j++) {
			i = p->kidx[p->korder[j]];
			slot = p->tx[i];
			pump_queue_gre(p, slot, (size_t)(p->kfr[i] - slot),
			    p->kflen[i], now);
		}
		pump_flush_tx(p);
		if (n < PUMP_BATCH)
			break;
	}
	return 0;
}

/*
 * Read pppd's frames from the tap, each behind the GRE headroom of a tx
 * slot (its Ethernet and PPPoE headers apart), and send them as GRE in
 * batches, in the order read.  Frames that are not the call's session
 * (pppoe_frame_decode()) or longer than a slot (pppd's MTU above 2048)
 * are counted and dropped.  Returns -1 when the tap is gone.
 */
static int
pump_from_tap(struct pump *p)
{
	struct iovec	  iov[2];
	uint64_t	  now = 0;
	unsigned	  reads;
	uint8_t		 *slot;
	size_t		  plen;
	ssize_t		  n;

	for (reads = 0; reads < 8 * PUMP_BATCH; reads++) {
		slot = p->tx[p->ntx];
		iov[0].iov_base = p->tin;
		iov[0].iov_len = sizeof(p->tin);
		/* Room for the address and control fields PPPoE leaves out. */
		iov[1].iov_base = slot + GRE_HDR_MAX + 2;
		iov[1].iov_len = sizeof(p->tx[0]) - GRE_HDR_MAX - 2;
		n = readv(p->ppp.fd, iov, 2);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n == 0 || (n < 0 && errno == EBADFD)) {
			pump_flush_tx(p);
			return -1;	/* the tap is detached: gone */
		}
		/*
		 * Longer than the slot: the tap cut it (it returns the
		 * frame's length) or refused the copy (EFAULT); dropped.
		 */
		if (n < 0 || (size_t)n > iov[0].iov_len + iov[1].iov_len) {
			p->loc.tap_bad++;
			continue;
		}
		if (pppoe_frame_decode(p->tin, (size_t)n, &p->ppp.link,
		    &plen) != PPPOE_RX_OK) {
			p->loc.tap_bad++;
			continue;
		}
		if (now == 0)
			now = pump_now();
		slot[GRE_HDR_MAX] = 0xff;		/* address */
		slot[GRE_HDR_MAX + 1] = 0x03;		/* control */
		pump_queue_gre(p, slot, GRE_HDR_MAX, plen + 2, now);
	}
	pump_flush_tx(p);
	return 0;
}

/*
 * PPTP_SOCKBUF both ways.  Plain SO_RCVBUF is capped at net.core.rmem_max
 * (208 KiB on a stock kernel), about a hundred full-size frames: a TCP
 * burst into ppp0 overflowed the sending pump's channel socket, and every
 * such drop is a retransmission.  The FORCE options pass the cap for root.
 */
void
pptp_sockbuf(int fd)
{
	int	 sz = PPTP_SOCKBUF;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)) == -1)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz)) == -1)
		(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
}

/*
 * Two UDP sockets on 127.0.0.1 connected to each other, the L2TP
 * channel's loopback: [0] becomes the tunnel's (pppd's), [1] the pump's
 * (non-blocking).  Each accepts datagrams only from the other, whose
 * port is held for the call; peer gets [1]'s address.  -1 with errno.
 */
int
pptp_pump_udp_pair(int fd[2], struct sockaddr_in *peer)
{
	struct sockaddr_in	 sin[2];
	socklen_t		 len;
	int			 i, err;

	fd[0] = fd[1] = -1;
	for (i = 0; i < 2; i++) {
		fd[i] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC |
		    (i == 1 ? SOCK_NONBLOCK : 0), 0);
		if (fd[i] == -1)
			goto bad;
		memset(&sin[i], 0, sizeof(sin[i]));
		sin[i].sin_family = AF_INET;
		sin[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(sin[i]);
		if (bind(fd[i], (struct sockaddr *)&sin[i], len) == -1 ||
		    getsockname(fd[i], (struct sockaddr *)&sin[i], &len) == -1)
			goto bad;
		pptp_sockbuf(fd[i]);
	}
	if (connect(fd[0], (struct sockaddr *)&sin[1], sizeof(sin[1])) == -1 ||
	    connect(fd[1], (struct sockaddr *)&sin[0], sizeof(sin[0])) == -1)
		goto bad;
	if (peer != NULL)
		*peer = sin[1];
	return 0;
bad:
	err = errno;
	for (i = 0; i < 2; i++)
		if (fd[i] >= 0)
			close(fd[i]);
	errno = err;
	return -1;
}

/* One interface ioctl on pp->ifname; *what names it on failure. */
static int
tap_ifreq(int sock, unsigned long req, struct ifreq *ifr,
    const struct pptp_pump_ppp *pp, const char *name, const char **what)
{
	memcpy(ifr->ifr_name, pp->ifname, IFNAMSIZ);
	if (ioctl(sock, req, ifr) == 0)
		return 0;
	*what = name;
	return -1;
}

/*
 * The tap channel's device, named from tmpl ("pptptap%d"): our own
 * locally administered Ethernet address, set before anything else looks
 * (udev's MACAddressPolicy=persistent replaces an address the kernel
 * drew at random, and a changed address ends every PPPoE session on the
 * device), MTU mtu, IPv6 off before it comes up (the host has nothing
 * to send there), up without ARP.  Fills pp (fd: the tap, non-blocking;
 * ifname; link: its address and the pump's, which differs in the last
 * bit; sid) and returns 0, or -1 with errno set and *what naming the
 * step that failed.  The tap goes away with its last descriptor.
 */
int
pptp_pump_tap(const char *tmpl, int mtu, uint16_t sid,
    struct pptp_pump_ppp *pp, const char **what)
{
	struct ifreq	 ifr;
	char		 path[64 + IFNAMSIZ];
	int		 tap, ctl = -1, fd, err;

	*what = "open /dev/net/tun";
	if ((tap = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK)) ==
	    -1)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", tmpl);
	*what = "TUNSETIFF";
	if (ioctl(tap, TUNSETIFF, &ifr) == -1)
		goto bad;
	memcpy(pp->ifname, ifr.ifr_name, IFNAMSIZ);
	pp->ifname[IFNAMSIZ - 1] = '\0';
	*what = "socket";
	if ((ctl = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		goto bad;
	memset(&pp->link, 0, sizeof(pp->link));
	*what = "getrandom";
	if (getrandom(pp->link.kernel, PPPOE_ETH_ALEN, 0) != PPPOE_ETH_ALEN)
		goto bad;
	pp->link.kernel[0] = (uint8_t)((pp->link.kernel[0] | 0x02) & ~0x01);
	memcpy(pp->link.pump, pp->link.kernel, PPPOE_ETH_ALEN);
	pp->link.pump[5] ^= 0x01;
	pp->link.sid = sid;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
	memcpy(ifr.ifr_hwaddr.sa_data, pp->link.kernel, PPPOE_ETH_ALEN);
	if (tap_ifreq(ctl, SIOCSIFHWADDR, &ifr, pp, "SIOCSIFHWADDR",
	    what) == -1)
		goto bad;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_mtu = mtu;
	if (tap_ifreq(ctl, SIOCSIFMTU, &ifr, pp, "SIOCSIFMTU", what) == -1)
		goto bad;
	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6",
	    pp->ifname);
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) >= 0) {
		(void)write(fd, "1\n", 2);	/* no IPv6 in the kernel: fine */
		close(fd);
	}
	memset(&ifr, 0, sizeof(ifr));
	if (tap_ifreq(ctl, SIOCGIFFLAGS, &ifr, pp, "SIOCGIFFLAGS", what) == -1)
		goto bad;
	ifr.ifr_flags |= IFF_UP | IFF_NOARP;
	if (tap_ifreq(ctl, SIOCSIFFLAGS, &ifr, pp, "bringing it up",
	    what) == -1)
		goto bad;
	close(ctl);
	pp->fd = tap;
	pp->kind = PCHAN_TAP;
	return 0;
bad:
	err = errno;
	if (ctl >= 0)
		close(ctl);
	close(tap);
	errno = err;
	return -1;
}

/*
 * What the kernel dropped on the tap so far because its queue to the
 * pump was full: the pump fell behind.  Unchanged if unknown.
 */
static void
pump_tap_drops(const char *ifname, uint64_t *drops)
{
	char	 path[96], buf[32];
	ssize_t	 n;
	int	 fd;

	snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/tx_dropped",
	    ifname);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	*drops = strtoull(buf, NULL, 10);
}

/*
 * What the kernel dropped on a socket so far because its receive buffer
 * was full (SO_MEMINFO): the pump fell behind.  Unchanged if unknown.
 */
static void
pump_sock_drops(int fd, uint64_t *drops)
{
	uint32_t	 mi[SK_MEMINFO_VARS];
	socklen_t	 len = sizeof(mi);

	if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mi, &len) == 0 &&
	    len > SK_MEMINFO_DROPS * sizeof(mi[0]))
		*drops = mi[SK_MEMINFO_DROPS];
}

/* Sequence-locked copy of the counters into the shared page. */
static void
pump_publish(struct pump *p, uint64_t now)
{
	struct pptp_pump_shm *s = p->shm;

	p->published = now;
	p->dirty = 0;
	p->loc.hdlc_bad_fcs = p->hrx.bad_fcs;
	p->loc.hdlc_too_long = p->hrx.too_long;
	pump_sock_drops(p->raw, &p->loc.gre_sock_drops);
	if (p->ppp.kind == PCHAN_L2TP)
		pump_sock_drops(p->ppp.fd, &p->loc.ppp_sock_drops);
	else if (p->ppp.kind == PCHAN_TAP)
		pump_tap_drops(p->ppp.ifname, &p->loc.ppp_sock_drops);
	__atomic_store_n(&s->gen, s->gen + 1, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	s->gre = *gre_session_stats(p->gs);
	s->hdlc_bad_fcs = p->loc.hdlc_bad_fcs;
	s->hdlc_too_long = p->loc.hdlc_too_long;
	s->tx_errors = p->loc.tx_errors;
	s->ppp_errors = p->loc.ppp_errors;
	s->l2tp_bad = p->loc.l2tp_bad;
	s->gre_sock_drops = p->loc.gre_sock_drops;
	s->ppp_sock_drops = p->loc.ppp_sock_drops;
	s->l2tp_late = p->kseq.late;
	s->tap_bad = p->loc.tap_bad;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&s->gen, s->gen + 1, __ATOMIC_RELEASE);
}

static int
pump_from_ppp(struct pump *p)
{
	switch (p->ppp.kind) {
	case PCHAN_TAP:
		return pump_from_tap(p);
	case PCHAN_L2TP:
		return pump_from_l2tp(p);
	case PCHAN_PTY:
		break;
	}
	return pump_from_pty(p);
}

/*
 * The loop: poll both fds with the engine's next deadline as time-out.
 * Returns 0 when pppd closed its side, 1 on a set-up or socket failure.
 */
int
pptp_pump_run(int raw, const struct pptp_pump_ppp *ppp,
    const struct pptp_conf *conf, struct pptp_pump_shm *shm)
{
	struct pump		*p = &the_pump;
	struct gre_config	 gc;
	struct pollfd		 pfd[2];
	uint64_t		 now, dl;
	int			 i, n, tmo;

	memset(&p->loc, 0, sizeof(p->loc));
	p->raw = raw;
	p->ppp = *ppp;
	p->shm = shm;
	p->ntx = 0;
	p->npout = 0;
	p->nkout = 0;
	p->ns_out = 0;			/* the kernel expects 0 first */
	l2tp_seq_init(&p->kseq);
	gre_config_default(&gc);
	gc.our_cid = conf->call_id;
	gc.peer_cid = conf->peer_call_id;
	gc.reorder_max = conf->reorder_max;
	gc.reorder_timeout_us = (uint64_t)conf->reorder_ms * 1000;
	gc.max_payload = PUMP_FRAME;
	if ((p->gs = gre_session_new(&gc)) == NULL)
		return 1;
	hdlc_rx_init(&p->hrx, p->hbuf, sizeof(p->hbuf));
	for (i = 0; i < PUMP_BATCH; i++) {
		p->riov[i].iov_base = p->rx[i];
		p->riov[i].iov_len = sizeof(p->rx[i]);
		memset(&p->rmsg[i], 0, sizeof(p->rmsg[i]));
		p->rmsg[i].msg_hdr.msg_iov = &p->riov[i];
		p->rmsg[i].msg_hdr.msg_iovlen = 1;
		memset(&p->tmsg[i], 0, sizeof(p->tmsg[i]));
		p->tmsg[i].msg_hdr.msg_iov = &p->tiov[i];
		p->tmsg[i].msg_hdr.msg_iovlen = 1;
		p->kiniov[i].iov_base = p->tx[i] + GRE_HDR_MAX;
		p->kiniov[i].iov_len = sizeof(p->tx[i]) - GRE_HDR_MAX;
		memset(&p->kin[i], 0, sizeof(p->kin[i]));
		p->kin[i].msg_hdr.msg_iov = &p->kiniov[i];
		p->kin[i].msg_hdr.msg_iovlen = 1;
		p->koutiov[i].iov_base = p->kout[i];
		memset(&p->koutmsg[i], 0, sizeof(p->koutmsg[i]));
		p->koutmsg[i].msg_hdr.msg_iov = &p->koutiov[i];
		p->koutmsg[i].msg_hdr.msg_iovlen = 1;
	}
	pump_publish(p, pump_now());

	pfd[0].fd = raw;
	pfd[0].events = POLLIN;
	pfd[1].fd = p->ppp.fd;
	pfd[1].events = POLLIN;
	for (;;) {
		/*
		 * Sleep until a packet or the engine's next deadline; moved
		 * counters are published within PUMP_PUBLISH_US.  An idle
		 * call's pump does not wake at all: a server with hundreds
		 * of quiet calls would otherwise spend its CPU on them.
		 * Every counter moves only with traffic (socket and tap
		 * drops too: they mean a queue to read), so dirty is set
		 * by each wake-up that found work.
		 */
		now = pump_now();
		dl = gre_next_deadline(p->gs);
		if (p->dirty && p->published + PUMP_PUBLISH_US < dl)
			dl = p->published + PUMP_PUBLISH_US;
		if (dl == GRE_NEVER)
			tmo = -1;
		else if (dl <= now)
			tmo = 0;
		else if (dl - now >= (uint64_t)PUMP_POLL_MAX_MS * 1000)
			tmo = PUMP_POLL_MAX_MS;
		else
			tmo = (int)((dl - now + 999) / 1000);
		if ((n = poll(pfd, 2, tmo)) < 0) {
			if (errno != EINTR)
				return 1;
			continue;	/* revents are not set */
		}
		if (n > 0)
			p->dirty = 1;
		if ((pfd[1].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    pump_from_ppp(p) == -1)
			return 0;
		if ((pfd[0].revents & POLLIN) && pump_from_gre(p) == -1)
			return 0;
		if (pfd[0].revents & (POLLERR | POLLNVAL))
			(void)recv(raw, p->rx[0], 1, MSG_DONTWAIT);
		now = pump_now();
		if (gre_next_deadline(p->gs) <= now) {
			unsigned act = gre_timer(p->gs, now);

			p->dirty = 1;
			if ((act & GRE_ACT_DELIVER) && (pump_deliver(p) == -1 ||
			    pump_flush_ppp(p) == -1))
				return 0;
			if (act & GRE_ACT_ACK)
				pump_send_ack(p);
		}
		if (p->dirty && now - p->published >= PUMP_PUBLISH_US)
			pump_publish(p, now);
	}
}
