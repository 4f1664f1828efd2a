/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench_pump.c: the user-mode pump (plugins/pptp_gre_pump.c) measured on
 * the host, without pppd or kernel PPP: two pumps in child processes, A on
 * 127.0.0.1 (call 100/200) and B on 127.0.0.2 (call 200/100), joined by
 * raw GRE sockets over loopback; this program plays pppd's side of both
 * pumps, once per channel: ppp_async on pty slaves, the kernel's L2TP PPP
 * channel (L2TPv2 datagrams on a loopback UDP pair, as l2tp_ppp sends
 * them), then the kernel's PPPoE channel (session frames through a packet
 * socket on each pump's own tap device, as pppoe sends them; skipped
 * without /dev/net/tun).  Prints, per channel, the ping-pong round trip
 * of one 84-byte frame through both pumps (median of PINGS) beside a UDP
 * ping-pong over loopback in the same run (the kernel-only reference),
 * then frames/s and Mbit/s of 1400-byte frames A -> B and what was lost.
 * Run it under `perf record -g` to profile the pump.  Needs CAP_NET_RAW
 * (skips, exit 0, without it); reports only, never fails on time: it
 * fails when a frame is wrong or out of order, when a ping is not
 * answered, when either engine held a ping in its reorder buffer or
 * released one on its timer (the pumps' own counters, not the clock: a
 * loaded host stalled single pings for seconds), when a frame on the
 * tap too long for the pump is not counted and dropped with the next one
 * passing, or when an idle pump wakes up (or had not published its
 * counters after the last packet).
 */
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/if_packet.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../../gre/gre_wire.h"
#include "../../plugins/hdlc.h"
#include "../../plugins/l2tp_frame.h"
#include "../../plugins/pppoe_frame.h"
#include "../../plugins/pptp_gre.h"

#define PINGS		2000
#define PING_LEN	84
#define BULK_LEN	1400
#define BULK_SECS	3
#define PUMP_TIMER_MS	5000		/* reorder hold; pings wait 2x that */
#define L2TP_TUNNEL	4242
#define L2TP_SESSION	1
#define ETH_P_PPPOE_SES	0x8864

struct end {
	enum pptp_chan		 kind;
	int			 slave;		/* pty slave, our UDP end or
						   our packet socket */
	struct pppoe_link	 link;		/* tap: the pump's view */
	struct pppoe_link	 kside;		/* ... and the kernel's */
	char			 ifname[IFNAMSIZ];
	pid_t			 pid;
	struct pptp_pump_shm	*shm;
	struct hdlc_rx		 rx;
	uint8_t			 rbuf[2050];
	uint8_t			 in[65536];
	size_t			 inlen, inoff;
	uint16_t		 ns_out;	/* L2TP: the kernel's Ns */
	uint16_t		 ns_in;		/* ... and the pump's next */
};

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
raw_socket(const char *local, const char *peer)
{
	struct sockaddr_in sin;
	int		   fd;

	if ((fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK, GRE_IPPROTO)) == -1)
		return -1;
	pptp_sockbuf(fd);	/* as the plugin's user mode does */
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	inet_pton(AF_INET, local, &sin.sin_addr);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		goto bad;
	inet_pton(AF_INET, peer, &sin.sin_addr);
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		goto bad;
	return fd;
bad:
	close(fd);
	return -1;
}

/*
 * The tap channel's two ends as pptp_gre_user.c sets them up (the same
 * pptp_pump_tap()), minus the PPPoE socket: a tap (returned, for the
 * pump) and a packet socket on it for the session frames (e->slave),
 * where the kernel's pppoe would be.
 */
static int
tap_start(struct end *e)
{
	struct pptp_pump_ppp	 pp;
	struct sockaddr_ll	 sll;
	const char		*what;
	int			 one = 1;

	memset(&pp, 0, sizeof(pp));
	if (pptp_pump_tap("pbench%d", 2048 + 8, 1, &pp, &what) == -1)
		return -1;
	memcpy(e->ifname, pp.ifname, IFNAMSIZ);
	e->link = pp.link;
	memcpy(e->kside.kernel, e->link.pump, PPPOE_ETH_ALEN);
	memcpy(e->kside.pump, e->link.kernel, PPPOE_ETH_ALEN);
	e->kside.sid = e->link.sid;
	if ((e->slave = socket(AF_PACKET, SOCK_RAW,
	    htons(ETH_P_PPPOE_SES))) == -1)
		return -1;
	/* Only what the pump wrote, not what we send to it. */
	(void)setsockopt(e->slave, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
	    sizeof(one));
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_PPPOE_SES);
	sll.sll_ifindex = (int)if_nametoindex(e->ifname);
	if (sll.sll_ifindex == 0 ||
	    bind(e->slave, (struct sockaddr *)&sll, sizeof(sll)) == -1)
		return -1;
	pptp_sockbuf(e->slave);
	return pp.fd;
}

/* One pump in a child: raw socket local->peer, pppd's side, call IDs. */
static int
end_start(struct end *e, const char *local, const char *peer, uint16_t cid,
    uint16_t pcid)
{
	struct pptp_conf c;
	struct termios	 t;
	int		 raw, master, u[2];

	if ((raw = raw_socket(local, peer)) == -1)
		return -1;
	if (e->kind == PCHAN_TAP) {
		if ((master = tap_start(e)) == -1)
			return -1;
	} else if (e->kind == PCHAN_L2TP) {
		if (pptp_pump_udp_pair(u, NULL) == -1)
			return -1;
		e->slave = u[0];
		master = u[1];
	} else {
		if (openpty(&master, &e->slave, NULL, NULL, NULL) == -1)
			return -1;
		tcgetattr(e->slave, &t);
		cfmakeraw(&t);
		tcsetattr(e->slave, TCSANOW, &t);
	}
	e->shm = mmap(NULL, sizeof(*e->shm), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (e->shm == MAP_FAILED)
		return -1;
	memset(&c, 0, sizeof(c));
	inet_pton(AF_INET, local, &c.local);
	inet_pton(AF_INET, peer, &c.peer);
	c.call_id = cid;
	c.peer_call_id = pcid;
	c.reorder_max = 32;
	c.reorder_ms = PUMP_TIMER_MS;
	if ((e->pid = fork()) == -1)
		return -1;
	if (e->pid == 0) {
		close(e->slave);
		struct pptp_pump_ppp pp = { .fd = master, .kind = e->kind,
		    .tunnel = L2TP_TUNNEL, .session = L2TP_SESSION,
		    .seq = e->kind == PCHAN_L2TP, .link = e->link };

		memcpy(pp.ifname, e->ifname, sizeof(pp.ifname));
		_exit(pptp_pump_run(raw, &pp, &c, e->shm));
	}
	close(raw);
	close(master);
	hdlc_rx_init(&e->rx, e->rbuf, sizeof(e->rbuf));
	return 0;
}

static void
send_frame(struct end *e, const uint8_t *f, size_t len)
{
	static uint8_t	 out[HDLC_ENC_MAX(2048)];
	size_t		 n, off = 0;
	ssize_t		 w;

	if (e->kind == PCHAN_TAP) {
		n = pppoe_frame_encode(out, sizeof(out), &e->kside, &f, &len);
		memcpy(out + n, f, len);
		while (send(e->slave, out, n + len, 0) < 0) {
			if (errno == ENOBUFS || errno == EAGAIN) {
				usleep(100);
				continue;
			}
			perror("bench_pump: send to the pump's tap");
			exit(1);
		}
		return;
	}
	if (e->kind == PCHAN_L2TP) {
		n = l2tp_frame_encode(out, sizeof(out), L2TP_TUNNEL,
		    L2TP_SESSION, e->ns_out++, f, len);
		while (send(e->slave, out, n, 0) < 0) {
			if (errno == ENOBUFS || errno == EAGAIN) {
				usleep(100);
				continue;
			}
			perror("bench_pump: send to the pump's UDP socket");
			exit(1);
		}
		return;
	}
	n = hdlc_encode(out, sizeof(out), f, len);
	while (off < n) {
		if ((w = write(e->slave, out + off, n - off)) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			perror("bench_pump: write to pty");
			exit(1);
		}
		off += (size_t)w;
	}
}

/* Next whole frame from pppd's side within tmo ms: its length, or 0. */
static size_t
recv_frame(struct end *e, const uint8_t **fr, int tmo)
{
	struct pollfd	 pfd = { e->slave, POLLIN, 0 };
	const uint8_t	*p;
	size_t		 left, flen;
	ssize_t		 n;
	int32_t		 ns;

	if (e->kind == PCHAN_TAP) {
		if (poll(&pfd, 1, tmo) <= 0 ||
		    (n = recv(e->slave, e->in, sizeof(e->in), 0)) <= 0 ||
		    pppoe_frame_decode(e->in, (size_t)n, &e->kside, &flen) !=
		    PPPOE_RX_OK)
			return 0;
		/* Address and control back in front, over the header's end. */
		e->in[PPPOE_HDR_LEN - 2] = 0xff;
		e->in[PPPOE_HDR_LEN - 1] = 0x03;
		*fr = e->in + PPPOE_HDR_LEN - 2;
		return flen + 2;
	}
	if (e->kind == PCHAN_L2TP) {
		if (poll(&pfd, 1, tmo) <= 0 ||
		    (n = recv(e->slave, e->in, sizeof(e->in), 0)) <= 0 ||
		    l2tp_frame_decode(e->in, (size_t)n, L2TP_TUNNEL,
		    L2TP_SESSION, fr, &flen, &ns) != L2TP_RX_OK)
			return 0;
		/*
		 * The kernel would hold or discard what is out of order.
		 * Gaps are frames our socket dropped in the bulk flood (the
		 * kernel takes them in the softirq instead).
		 */
		if (ns < 0 || (uint16_t)(ns - e->ns_in) >= 0x8000) {
			fprintf(stderr, "bench_pump: the pump sent Ns %d "
			    "behind %u\n", (int)ns, e->ns_in);
			exit(1);
		}
		e->ns_in = (uint16_t)(ns + 1);
		return flen;
	}
	for (;;) {
		p = e->in + e->inoff;
		left = e->inlen - e->inoff;
		if (hdlc_rx_feed(&e->rx, &p, &left, fr, &flen)) {
			e->inoff = e->inlen - left;
			return flen;
		}
		e->inoff = e->inlen = 0;
		if (poll(&pfd, 1, tmo) <= 0)
			return 0;
		if ((n = read(e->slave, e->in, sizeof(e->in))) <= 0)
			return 0;
		e->inlen = (size_t)n;
	}
}

/* UDP ping-pong over loopback: the same round trip with no pump. */
static double
udp_reference(void)
{
	static double	 rtt[PINGS];
	struct sockaddr_in a;
	socklen_t	 al = sizeof(a);
	uint8_t		 b[PING_LEN];
	int		 s1, s2, i;
	pid_t		 pid;
	double		 t0;

	s1 = socket(AF_INET, SOCK_DGRAM, 0);
	s2 = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s2, (struct sockaddr *)&a, sizeof(a)) == -1 ||
	    getsockname(s2, (struct sockaddr *)&a, &al) == -1 ||
	    connect(s1, (struct sockaddr *)&a, sizeof(a)) == -1)
		return 0;
	if ((pid = fork()) == 0) {
		struct sockaddr_in f;
		socklen_t	   fl;

		for (i = 0; i < PINGS; i++) {
			fl = sizeof(f);
			if (recvfrom(s2, b, sizeof(b), 0, (struct sockaddr *)&f,
			    &fl) <= 0 || sendto(s2, b, sizeof(b), 0,
			    (struct sockaddr *)&f, fl) <= 0)
				_exit(1);
		}
		_exit(0);
	}
	memset(b, 0, sizeof(b));
	for (i = 0; i < PINGS; i++) {
		t0 = now_us();
		if (send(s1, b, sizeof(b), 0) <= 0 ||
		    recv(s1, b, sizeof(b), 0) <= 0)
			return 0;
		rtt[i] = now_us() - t0;
	}
	waitpid(pid, NULL, 0);
	close(s1);
	close(s2);
	qsort(rtt, PINGS, sizeof(rtt[0]), cmp_d);
	return rtt[PINGS / 2];
}

/* Ping-pong through both pumps; median RTT in µs, -1 on a lost ping. */
static double
pump_pingpong(struct end *a, struct end *b, double *worst)
{
	static double	 rtt[PINGS];
	uint8_t		 f[PING_LEN];
	const uint8_t	*r;
	size_t		 n;
	double		 t0;
	int		 i;

	memset(f, 0x5a, sizeof(f));
	f[0] = 0xff;
	f[1] = 0x03;
	f[2] = 0x00;
	f[3] = 0x21;
	for (i = 0; i < PINGS; i++) {
		memcpy(f + 4, &i, sizeof(i));
		t0 = now_us();
		send_frame(a, f, sizeof(f));
		if ((n = recv_frame(b, &r, 2 * PUMP_TIMER_MS)) != sizeof(f) ||
		    memcmp(r, f, n) != 0)
			return -1;
		send_frame(b, r, n);
		if ((n = recv_frame(a, &r, 2 * PUMP_TIMER_MS)) != sizeof(f) ||
		    memcmp(r, f, n) != 0)
			return -1;
		rtt[i] = now_us() - t0;
	}
	qsort(rtt, PINGS, sizeof(rtt[0]), cmp_d);
	*worst = rtt[PINGS - 1];
	return rtt[PINGS / 2];
}

/*
 * Frames A -> B for BULK_SECS: a writer child, this process reads.
 * Returns -1 when a frame arrives behind a later one (lost ones are
 * counted by what got says, not refused).
 */
static int
pump_bulk(struct end *a, struct end *b, uint64_t *sent, uint64_t *got,
    double *secs)
{
	uint64_t	*shared;
	uint8_t		 f[BULK_LEN];
	const uint8_t	*r;
	double		 t0, t1;
	pid_t		 pid;
	uint64_t	 i, seen = 0;
	int		 st = 0;

	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	*shared = 0;
	t0 = now_us();
	if ((pid = fork()) == 0) {
		memset(f, 0xa5, sizeof(f));
		f[0] = 0xff;
		f[1] = 0x03;
		f[2] = 0x00;
		f[3] = 0x21;
		for (i = 0; now_us() - t0 < BULK_SECS * 1e6; i++) {
			memcpy(f + 4, &i, sizeof(i));
			send_frame(a, f, sizeof(f));
			__atomic_store_n(shared, i + 1, __ATOMIC_RELAXED);
		}
		_exit(0);
	}
	*got = 0;
	t1 = t0;
	while (recv_frame(b, &r, 500) == BULK_LEN) {
		memcpy(&i, r + 4, sizeof(i));
		if (*got > 0 && i < seen) {
			printf("bench_pump: FAIL: frame %llu arrived after "
			    "frame %llu\n", (unsigned long long)i,
			    (unsigned long long)seen);
			st = -1;
		}
		seen = i;
		(*got)++;
		t1 = now_us();
	}
	waitpid(pid, NULL, 0);
	*sent = __atomic_load_n(shared, __ATOMIC_RELAXED);
	*secs = (t1 - t0) / 1e6;
	return st;
}

/*
 * A frame longer than the pump takes (pppd's MTU set above 2048): A's
 * pump counts and drops it and carries on.  0 pass, -1 fail.
 */
static int
tap_too_long(struct end *a, struct end *b)
{
	static uint8_t	 f[3000];
	struct ifreq	 ifr;
	const uint8_t	*r;
	uint64_t	 bad0 = a->shm->tap_bad;
	int		 ctl;

	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, a->ifname, IFNAMSIZ);
	ifr.ifr_mtu = sizeof(f) + 100;
	if ((ctl = socket(AF_INET, SOCK_DGRAM, 0)) == -1 ||
	    ioctl(ctl, SIOCSIFMTU, &ifr) == -1) {
		perror("bench_pump: raising the tap's MTU");
		return -1;
	}
	close(ctl);
	memset(f, 0x3c, sizeof(f));
	f[0] = 0xff;
	f[1] = 0x03;
	f[2] = 0x00;
	f[3] = 0x21;
	send_frame(a, f, sizeof(f));
	send_frame(a, f, PING_LEN);
	if (recv_frame(b, &r, 2 * PUMP_TIMER_MS) != PING_LEN ||
	    memcmp(r, f, PING_LEN) != 0) {
		printf("bench_pump: FAIL: no frame through the pumps after a "
		    "%zu-byte one\n", sizeof(f));
		return -1;
	}
	usleep(500000);		/* the counters' next publication */
	if (a->shm->tap_bad != bad0 + 1) {
		printf("bench_pump: FAIL: a %zu-byte frame on the tap: tap_bad "
		    "%llu, expected %llu\n", sizeof(f),
		    (unsigned long long)a->shm->tap_bad,
		    (unsigned long long)bad0 + 1);
		return -1;
	}
	printf("bench_pump: a %zu-byte frame on the tap was counted and "
	    "dropped; the next one passed\n", sizeof(f));
	return 0;
}

/* The voluntary context switches of process pid so far, or -1. */
static long
sleeps(pid_t pid)
{
	char	 path[64], line[128];
	FILE	*f;
	long	 n = -1;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1)
			break;
	fclose(f);
	return n;
}

/*
 * After the pings, nothing moves: a pump must sleep through a whole
 * second (a server with hundreds of quiet calls pays every wake-up of
 * every pump), yet have published its counters after the last packet.
 */
static int
pump_idle(struct end *a, struct end *b)
{
	long	 a0, b0, a1, b1;

	usleep(500000);		/* the last publication after traffic */
	a0 = sleeps(a->pid);
	b0 = sleeps(b->pid);
	sleep(1);
	a1 = sleeps(a->pid);
	b1 = sleeps(b->pid);
	if (a0 < 0 || b0 < 0 || a1 < 0 || b1 < 0) {
		printf("bench_pump: FAIL: cannot read the pumps' context "
		    "switches\n");
		return -1;
	}
	if (a1 - a0 > 1 || b1 - b0 > 1) {
		printf("bench_pump: FAIL: idle pumps woke %ld and %ld times "
		    "in 1 s\n", a1 - a0, b1 - b0);
		return -1;
	}
	if (a->shm->gre.rx_pkts < PINGS || b->shm->gre.rx_pkts < PINGS) {
		printf("bench_pump: FAIL: counters not published after the "
		    "last packet: GRE in %llu and %llu, expected %d each\n",
		    (unsigned long long)a->shm->gre.rx_pkts,
		    (unsigned long long)b->shm->gre.rx_pkts, PINGS);
		return -1;
	}
	printf("bench_pump: idle pumps woke %ld and %ld times in 1 s; "
	    "counters published\n", a1 - a0, b1 - b0);
	return 0;
}

/* Both pumps on one channel kind; 0 pass, 1 fail, 77 skipped. */
static int
run(enum pptp_chan kind)
{
	static const char *const names[] = {
		[PCHAN_PTY] = "pty", [PCHAN_L2TP] = "L2TP channel",
		[PCHAN_TAP] = "tap channel"
	};
	static struct end a, b;
	const char	*chan = names[kind];
	double		 pump, udp, worst = 0, secs;
	uint64_t	 sent, got;
	int		 st = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.kind = b.kind = kind;
	if (end_start(&a, "127.0.0.1", "127.0.0.2", 100, 200) == -1 ||
	    end_start(&b, "127.0.0.2", "127.0.0.1", 200, 100) == -1) {
		if (kind == PCHAN_TAP)
			printf("bench_pump: tap channel skipped: %s (needs "
			    "/dev/net/tun and CAP_NET_ADMIN)\n",
			    strerror(errno));
		else
			printf("bench_pump: skipped: %s (raw GRE sockets need "
			    "CAP_NET_RAW)\n", strerror(errno));
		return 77;
	}
	printf("bench_pump: pppd's side through the %s\n", chan);
	udp = udp_reference();
	pump = pump_pingpong(&a, &b, &worst);
	if (pump < 0) {
		printf("bench_pump: FAIL: a ping through the pumps was lost "
		    "or damaged\n");
		st = 1;
	} else {
		printf("bench_pump: round trip of a %d-byte frame through two "
		    "pumps: median %.1f us (worst %.0f us) of %d; UDP over "
		    "loopback in the same run: %.1f us; ratio %.1f\n",
		    PING_LEN, pump, worst, PINGS, udp, udp > 0 ? pump / udp : 0);
		if (pump_idle(&a, &b) == -1)
			st = 1;
		if (a.shm->gre.rx_buffered + b.shm->gre.rx_buffered +
		    a.shm->gre.rx_reorder_timeouts +
		    b.shm->gre.rx_reorder_timeouts != 0) {
			printf("bench_pump: FAIL: a ping was held for "
			    "reordering or released by the engine's timer\n");
			st = 1;
		}
	}
	if (st == 0 && kind == PCHAN_TAP && tap_too_long(&a, &b) == -1)
		st = 1;
	if (st == 0) {
		if (pump_bulk(&a, &b, &sent, &got, &secs) == -1)
			st = 1;
		printf("bench_pump: %d-byte frames A -> B: %llu of %llu "
		    "delivered in %.2f s: %.0f frames/s, %.1f Mbit/s\n",
		    BULK_LEN, (unsigned long long)got,
		    (unsigned long long)sent, secs, got / secs,
		    got * BULK_LEN * 8 / secs / 1e6);
		if (got == 0)
			st = 1;
	}
	kill(a.pid, SIGTERM);
	kill(b.pid, SIGTERM);
	close(a.slave);
	close(b.slave);
	waitpid(a.pid, NULL, 0);
	waitpid(b.pid, NULL, 0);
	munmap(a.shm, sizeof(*a.shm));
	munmap(b.shm, sizeof(*b.shm));
	return st;
}

int
main(void)
{
	int	 st, tap;

	signal(SIGPIPE, SIG_IGN);
	if ((st = run(PCHAN_PTY)) == 77)
		return 0;
	st |= run(PCHAN_L2TP);
	if ((tap = run(PCHAN_TAP)) != 77)
		st |= tap;
	return st;
}
