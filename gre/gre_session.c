/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_session.c: the per-call enhanced-GRE engine of RFC 2637 §4.  Owns the
 * receive sequence state and reorder buffer (§4.3), ack generation (§4.2.5),
 * peer-ack processing, the adaptive ack time-out (§4.4) and the optional send
 * window (§4.2).  Must not read a clock, touch sockets, log, or allocate
 * after gre_session_new(): the I/O shell passes time in and acts on results.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "gre_session.h"
#include "seq.h"

#define GRE_RING	256		/* send timestamps kept (power of 2) */
#define GRE_WMAX_LOCAL	64		/* largest send window we run */
#define GRE_ATO_MIN	12000		/* µs; FreeBSD's floor for the ATO */
#define GRE_PPD_UNIT	100000		/* µs per PPD unit (1/10 s) */
#define GRE_REORDER_CAP	4096		/* sanity cap on reorder_max */
#define GRE_SLOT_NONE	UINT32_MAX

/* RFC 2637 §4.4.1 gains, applied to integer microseconds. */
#define ATO_ALPHA(x)	((x) / 8)	/* alpha = 1/8 */
#define ATO_BETA(x)	((x) / 4)	/* beta = 1/4 */
#define ATO_CHI(x)	((x) * 4)	/* chi = 4 */
#define ATO_DELTA(x)	((x) * 2)	/* delta = 2 (§4.4.2) */

enum slot_state {
	SLOT_FREE,
	SLOT_QUEUED,		/* in the reorder queue */
	SLOT_CAND,		/* the far-ahead candidate */
	SLOT_OUT		/* on the delivery list until the next call */
};

struct gre_slot {
	uint8_t		*buf;		/* max_payload bytes, preallocated */
	uint32_t	 len;
	uint32_t	 seq;
	uint64_t	 arrival;
	enum slot_state	 state;
};

struct gre_session {
	struct gre_config cfg;
	struct gre_stats st;

	/* Transmit side (RFC 2637 §4.2, §4.4). */
	uint32_t	 snd_nxt;	/* next sequence number to send */
	uint32_t	 snd_acked;	/* highest acked (or abandoned) */
	uint32_t	 win_ack;	/* window grows when acks reach this */
	uint32_t	 cwnd;		/* current send window */
	uint32_t	 wmax;		/* min(peer window, GRE_WMAX_LOCAL) */
	int		 windowing;	/* send window enforced for this call */
	int64_t		 rtt, dev, ato;	/* §4.4.1 estimator, µs */
	uint64_t	 ato_deadline;	/* ack time-out (windowing only) */
	uint64_t	 sent_time[GRE_RING];

	/* Receive side (RFC 2637 §4.3) and our acks (§4.2.5). */
	int		 rcv_started;	/* first data packet seen */
	uint32_t	 rcv_nxt;	/* next in-order seq; ack = rcv_nxt-1 */
	uint32_t	 ack_sent;	/* last ack value put on the wire */
	int		 ack_now;	/* lone ack wanted at once */
	uint64_t	 dack_deadline;	/* delayed lone ack */
	uint64_t	 reorder_deadline;
	uint32_t	 cand;		/* slot of the far candidate */

	struct gre_slot	*slots;
	uint32_t	 nslots;
	uint32_t	*q;		/* queued slots sorted by seq */
	uint32_t	 qlen;
	uint32_t	*freelist;	/* free slots, a stack */
	uint32_t	 nfree;
	uint32_t	*outlist;	/* slots on the delivery list */
	uint32_t	 nout;
	struct gre_frame *dl;		/* the delivery list */
	uint32_t	 dl_n, dl_pos, dl_cap;
	uint8_t		*mem;
};

static const char *const gre_verdict_names[] = {
	[GRE_V_DELIVER] = "deliver",
	[GRE_V_HELD] = "held",
	[GRE_V_ACK_ONLY] = "ack only",
	[GRE_V_EMPTY] = "empty",
	[GRE_V_DROP_INVALID] = "drop invalid header",
	[GRE_V_DROP_TRUNCATED] = "drop truncated",
	[GRE_V_DROP_BAD_CID] = "drop bad call id",
	[GRE_V_DROP_TOO_BIG] = "drop too big",
	[GRE_V_DROP_LATE] = "drop late or duplicate",
	[GRE_V_DROP_DUP] = "drop duplicate of queued",
};
static_assert(sizeof(gre_verdict_names) / sizeof(gre_verdict_names[0]) ==
    GRE_V_COUNT, "gre_verdict_names out of step with enum gre_verdict");

static const char *const gre_tx_verdict_names[] = {
	[GRE_TX_OK] = "ok",
	[GRE_TX_WINDOW_FULL] = "send window full",
	[GRE_TX_TOO_BIG] = "too big",
};
static_assert(sizeof(gre_tx_verdict_names) /
    sizeof(gre_tx_verdict_names[0]) == GRE_TX_COUNT,
    "gre_tx_verdict_names out of step with enum gre_tx_verdict");

static int64_t	 ato_clamp(const struct gre_session *, int64_t);
static void	 ato_sample(struct gre_session *, uint64_t);
static void	 ato_expire(struct gre_session *);
static void	 tx_peer_ack(struct gre_session *, uint32_t, uint64_t);
static void	 rx_begin(struct gre_session *);
static void	 rx_emit(struct gre_session *, const uint8_t *, uint32_t,
		    uint32_t, int);
static uint32_t	 rx_store(struct gre_session *, uint32_t, const uint8_t *,
		    uint32_t, uint64_t);
static void	 rx_unstore(struct gre_session *, uint32_t);
static void	 rx_queue_insert(struct gre_session *, uint32_t);
static int	 rx_queued_seq(const struct gre_session *, uint32_t);
static void	 rx_drain(struct gre_session *);
static void	 rx_release_head(struct gre_session *);
static void	 rx_rearm(struct gre_session *);
static void	 rx_expire(struct gre_session *, uint64_t);
static void	 rx_ack_schedule(struct gre_session *, uint64_t);
static int	 rx_ack_pending(const struct gre_session *);
static enum gre_verdict rx_data(struct gre_session *, uint32_t,
		    const uint8_t *, uint32_t, uint64_t);
static enum gre_verdict rx_far(struct gre_session *, uint32_t,
		    const uint8_t *, uint32_t, uint64_t);
static int	 is_lcp_echo(const uint8_t *, uint32_t);

/* The study's recommended defaults (§b.5-b.8, §d.2). */
void
gre_config_default(struct gre_config *c)
{
	memset(c, 0, sizeof(*c));
	c->reorder_max = 32;
	c->reorder_timeout_us = 50000;
	c->ack_delay_us = 50000;
	c->ack_every = 2;
	c->far_limit = 4096;
	c->ato_max_us = 3000000;
	c->max_payload = 2048;
	c->lcp_echo_late = 1;
}

/*
 * Allocate a session and all its storage: reorder_max + 2 payload slots
 * (the queue may momentarily hold reorder_max + 1 before the overflow
 * release, plus one far candidate).  Nothing is allocated after this.
 */
struct gre_session *
gre_session_new(const struct gre_config *cfg)
{
	struct gre_session	*s;
	uint32_t		 i;

	if (cfg->reorder_max > GRE_REORDER_CAP || cfg->max_payload == 0 ||
	    cfg->max_payload > UINT16_MAX || cfg->ato_max_us < GRE_ATO_MIN ||
	    cfg->ato_max_us > INT32_MAX)
		return NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->cfg = *cfg;
	s->nslots = cfg->reorder_max + 2;
	s->dl_cap = s->nslots + 1;
	s->slots = calloc(s->nslots, sizeof(*s->slots));
	s->q = calloc(s->nslots, sizeof(*s->q));
	s->freelist = calloc(s->nslots, sizeof(*s->freelist));
	s->outlist = calloc(s->nslots, sizeof(*s->outlist));
	s->dl = calloc(s->dl_cap, sizeof(*s->dl));
	s->mem = calloc(s->nslots, cfg->max_payload);
	if (s->slots == NULL || s->q == NULL || s->freelist == NULL ||
	    s->outlist == NULL || s->dl == NULL || s->mem == NULL) {
		gre_session_free(s);
		return NULL;
	}
	for (i = 0; i < s->nslots; i++)
		s->slots[i].buf = s->mem + (size_t)i * cfg->max_payload;
	gre_session_reset(s);
	return s;
}

void
gre_session_free(struct gre_session *s)
{
	if (s == NULL)
		return;
	free(s->mem);
	free(s->dl);
	free(s->outlist);
	free(s->freelist);
	free(s->q);
	free(s->slots);
	free(s);
}

/*
 * Back to the state of a fresh call (FreeBSD ng_pptpgre_reset): sequence,
 * ack, window, RTT state, queues and counters.  Storage is kept.
 */
void
gre_session_reset(struct gre_session *s)
{
	const struct gre_config	*c = &s->cfg;
	uint32_t		 i, ppd;

	memset(&s->st, 0, sizeof(s->st));
	memset(s->sent_time, 0, sizeof(s->sent_time));

	/* RFC 2637 §4.1: sequence numbers start at zero (configurable). */
	s->snd_nxt = c->tx_start_seq;
	s->snd_acked = c->tx_start_seq - 1;

	/*
	 * §4.2.1: the window starts at half the peer's (rounded up), at least
	 * 2 as in FreeBSD unless the peer asked for 1; a peer window of 0
	 * switches windowing off for the call (MS-PTPT §3.2.5.2).
	 */
	s->windowing = c->windowing && c->peer_win != 0;
	s->wmax = c->peer_win < GRE_WMAX_LOCAL ? c->peer_win : GRE_WMAX_LOCAL;
	s->cwnd = (s->wmax + 1) / 2;
	if (s->cwnd < 2)
		s->cwnd = 2;
	if (s->cwnd > s->wmax)
		s->cwnd = s->wmax;
	s->win_ack = s->snd_acked + s->cwnd;
	s->ato_deadline = GRE_NEVER;

	/* §4.4 (App. A): RTT seeded from the peer's PPD, DEV 0, ATO max. */
	ppd = c->peer_ppd > 1 ? c->peer_ppd : 1;
	s->rtt = (int64_t)ppd * GRE_PPD_UNIT;
	if (s->rtt > (int64_t)c->ato_max_us)
		s->rtt = (int64_t)c->ato_max_us;
	s->dev = 0;
	s->ato = (int64_t)c->ato_max_us;
	s->st.rtt_us = (uint64_t)s->rtt;
	s->st.ato_us = (uint64_t)s->ato;
	s->st.cwnd = s->windowing ? s->cwnd : 0;

	s->rcv_started = 0;
	s->rcv_nxt = 0;
	s->ack_sent = 0;
	s->ack_now = 0;
	s->dack_deadline = GRE_NEVER;
	s->reorder_deadline = GRE_NEVER;
	s->cand = GRE_SLOT_NONE;
	s->qlen = 0;
	s->nout = 0;
	s->nfree = s->nslots;
	for (i = 0; i < s->nslots; i++) {
		s->slots[i].state = SLOT_FREE;
		s->freelist[i] = s->nslots - 1 - i;
	}
	s->dl_n = s->dl_pos = 0;
}

const struct gre_stats *
gre_session_stats(const struct gre_session *s)
{
	return &s->st;
}

unsigned
gre_rx_queued(const struct gre_session *s)
{
	return s->qlen;
}

/* Next in-order sequence number expected (rcv_nxt); 0 before any data. */
int
gre_rx_expected(const struct gre_session *s, uint32_t *seq)
{
	*seq = s->rcv_nxt;
	return s->rcv_started;
}

const char *
gre_verdict_str(enum gre_verdict v)
{
	if ((unsigned)v >= GRE_V_COUNT)
		return "unknown";
	return gre_verdict_names[v];
}

const char *
gre_tx_verdict_str(enum gre_tx_verdict v)
{
	if ((unsigned)v >= GRE_TX_COUNT)
		return "unknown";
	return gre_tx_verdict_names[v];
}

/* ------------------------------------------------------------ receive */

/*
 * Start a new delivery list.  Slots delivered by the previous call were
 * kept so their pointers stayed valid until now; they become free again.
 */
static void
rx_begin(struct gre_session *s)
{
	while (s->nout > 0) {
		uint32_t i = s->outlist[--s->nout];

		s->slots[i].state = SLOT_FREE;
		s->freelist[s->nfree++] = i;
	}
	s->dl_n = s->dl_pos = 0;
}

static void
rx_emit(struct gre_session *s, const uint8_t *p, uint32_t len, uint32_t seq,
    int late)
{
	struct gre_frame *f;

	/* dl_cap = nslots + 1 bounds one call: each slot once, one direct. */
	if (s->dl_n == s->dl_cap)
		return;
	f = &s->dl[s->dl_n++];
	f->p = p;
	f->len = len;
	f->seq = seq;
	f->late = late;
	s->st.rx_delivered++;
}

/*
 * Next frame for PPP, in order.  Pointers stay valid until the next
 * gre_input(), gre_timer() or gre_session_reset() on this session (and,
 * for in-order frames not queued, while the caller keeps its input buffer).
 */
int
gre_rx_next(struct gre_session *s, struct gre_frame *f)
{
	if (s->dl_pos == s->dl_n)
		return 0;
	*f = s->dl[s->dl_pos++];
	return 1;
}

/* Copy a payload into a free preallocated slot; GRE_SLOT_NONE if none. */
static uint32_t
rx_store(struct gre_session *s, uint32_t seq, const uint8_t *p, uint32_t len,
    uint64_t now)
{
	struct gre_slot	*sl;
	uint32_t	 i;

	if (s->nfree == 0)
		return GRE_SLOT_NONE;
	i = s->freelist[--s->nfree];
	sl = &s->slots[i];
	if (len > 0)
		memcpy(sl->buf, p, len);
	sl->len = len;
	sl->seq = seq;
	sl->arrival = now;
	return i;
}

static void
rx_unstore(struct gre_session *s, uint32_t i)
{
	s->slots[i].state = SLOT_FREE;
	s->freelist[s->nfree++] = i;
}

/* Insert slot i keeping the queue sorted in serial order (§b.1). */
static void
rx_queue_insert(struct gre_session *s, uint32_t i)
{
	uint32_t	 seq = s->slots[i].seq, k;

	s->slots[i].state = SLOT_QUEUED;
	k = s->qlen;
	while (k > 0 && seq_gt(s->slots[s->q[k - 1]].seq, seq)) {
		s->q[k] = s->q[k - 1];
		k--;
	}
	s->q[k] = i;
	s->qlen++;
}

static int
rx_queued_seq(const struct gre_session *s, uint32_t seq)
{
	uint32_t	 k;

	for (k = 0; k < s->qlen; k++)
		if (s->slots[s->q[k]].seq == seq)
			return 1;
	return 0;
}

/* Deliver queued packets while the head is the next expected (§4.3). */
static void
rx_drain(struct gre_session *s)
{
	struct gre_slot	*sl;
	uint32_t	 n = 0, i;

	while (n < s->qlen) {
		i = s->q[n];
		sl = &s->slots[i];
		if (sl->seq != s->rcv_nxt)
			break;
		if (sl->len > 0)
			rx_emit(s, sl->buf, sl->len, sl->seq, 0);
		sl->state = SLOT_OUT;
		s->outlist[s->nout++] = i;
		s->rcv_nxt++;
		n++;
	}
	if (n > 0) {
		s->qlen -= n;
		memmove(s->q, s->q + n, s->qlen * sizeof(*s->q));
	}
}

/* Give up the gap before the queue head: count it lost, deliver on. */
static void
rx_release_head(struct gre_session *s)
{
	uint32_t	 seq = s->slots[s->q[0]].seq;

	s->st.rx_lost += seq_dist(seq, s->rcv_nxt);
	s->rcv_nxt = seq;
	rx_drain(s);
}

/* Reorder deadline: the oldest arrival in the queue plus the timeout. */
static void
rx_rearm(struct gre_session *s)
{
	uint64_t	 oldest = GRE_NEVER;
	uint32_t	 k;

	for (k = 0; k < s->qlen; k++)
		if (s->slots[s->q[k]].arrival < oldest)
			oldest = s->slots[s->q[k]].arrival;
	s->reorder_deadline = oldest == GRE_NEVER ? GRE_NEVER :
	    oldest + s->cfg.reorder_timeout_us;
}

/*
 * Enforce "no packet is held longer than reorder_timeout" (study §b.7):
 * while the oldest-arrived queued packet has expired, release everything in
 * sequence order up to and including it, skipping the gaps as lost.  A far
 * candidate older than the timeout is discarded.
 */
static void
rx_expire(struct gre_session *s, uint64_t now)
{
	uint64_t	 oldest;
	uint32_t	 k, oseq = 0;

	while (s->qlen > 0 && s->reorder_deadline <= now) {
		oldest = GRE_NEVER;
		for (k = 0; k < s->qlen; k++) {
			if (s->slots[s->q[k]].arrival < oldest) {
				oldest = s->slots[s->q[k]].arrival;
				oseq = s->slots[s->q[k]].seq;
			}
		}
		s->st.rx_reorder_timeouts++;
		while (s->qlen > 0 && seq_le(s->slots[s->q[0]].seq, oseq))
			rx_release_head(s);
		rx_rearm(s);
		rx_ack_schedule(s, now);
	}
	if (s->cand != GRE_SLOT_NONE && s->slots[s->cand].arrival +
	    s->cfg.reorder_timeout_us <= now) {
		rx_unstore(s, s->cand);
		s->cand = GRE_SLOT_NONE;
	}
}

/* Our ack value rcv_nxt-1 has not been put on the wire yet (§b.8). */
static int
rx_ack_pending(const struct gre_session *s)
{
	return s->rcv_started && s->rcv_nxt - 1 != s->ack_sent;
}

/* rcv_nxt moved: start the delayed-ack timer unless it already runs. */
static void
rx_ack_schedule(struct gre_session *s, uint64_t now)
{
	if (s->dack_deadline == GRE_NEVER && rx_ack_pending(s))
		s->dack_deadline = now + s->cfg.ack_delay_us;
}

/* LCP Echo-Request/Reply: FF 03 C0 21 then code 9 or 10 (Linux pptp). */
static int
is_lcp_echo(const uint8_t *p, uint32_t len)
{
	return len >= 5 && p[0] == 0xff && p[1] == 0x03 && p[2] == 0xc0 &&
	    p[3] == 0x21 && (p[4] == 9 || p[4] == 10);
}

/*
 * One datagram (IP header already stripped, see gre_ip4_strip()).  Order of
 * checks per study §a.3: header, call ID, size; then the ack (§4.2.5, a
 * bad ack never costs the payload), then the sequence number (§4.3).
 */
enum gre_verdict
gre_input(struct gre_session *s, const uint8_t *buf, size_t len, uint64_t now)
{
	struct gre_hdr	 h;
	enum gre_err	 e;

	rx_begin(s);
	if (now >= s->reorder_deadline || s->cand != GRE_SLOT_NONE)
		rx_expire(s, now);
	s->st.rx_pkts++;
	if ((e = gre_parse(buf, len, &h)) != GRE_OK) {
		if (e == GRE_ERR_RUNT || e == GRE_ERR_HDR_TRUNC ||
		    e == GRE_ERR_PAYLOAD_TRUNC) {
			s->st.rx_truncated++;
			return GRE_V_DROP_TRUNCATED;
		}
		s->st.rx_invalid_hdr++;
		return GRE_V_DROP_INVALID;
	}
	/* Offset 6 carries the receiver's, i.e. our, call ID (§4.1). */
	if (h.call_id != s->cfg.our_cid) {
		s->st.rx_bad_cid++;
		return GRE_V_DROP_BAD_CID;
	}
	if (h.payload_len > s->cfg.max_payload) {
		s->st.rx_too_big++;
		return GRE_V_DROP_TOO_BIG;
	}
	if (h.has_ack)
		tx_peer_ack(s, h.ack, now);
	if (!h.has_seq) {
		s->st.rx_ack_only++;
		return s->dl_n > 0 ? GRE_V_DELIVER : GRE_V_ACK_ONLY;
	}
	s->st.rx_bytes += h.payload_len;
	return rx_data(s, h.seq, h.payload, h.payload_len, now);
}

/* The receive decision procedure for data packet seq (study §b.7). */
static enum gre_verdict
rx_data(struct gre_session *s, uint32_t seq, const uint8_t *p, uint32_t len,
    uint64_t now)
{
	enum gre_verdict v;
	uint32_t	 i;
	int32_t		 d;

	/* Any first sequence number is the baseline (pptp-linux, Linux). */
	if (!s->rcv_started) {
		s->rcv_started = 1;
		s->rcv_nxt = seq;
		s->ack_sent = seq - 1;
	}
	if (len == 0)
		s->st.rx_empty++;
	d = seq_diff(seq, s->rcv_nxt);

	/*
	 * §4.3: a packet behind rcv_nxt (late, or a duplicate) MUST be
	 * discarded; never delivered out of order.  Exception: LCP echoes,
	 * so keepalives survive reordering (Linux pptp_rcv_core).
	 */
	if (d < 0) {
		if (s->cfg.lcp_echo_late && is_lcp_echo(p, len)) {
			s->st.rx_late_lcp++;
			rx_emit(s, p, len, seq, 1);
			return GRE_V_DELIVER;
		}
		s->st.rx_late_or_dup++;
		return GRE_V_DROP_LATE;
	}

	/* Far ahead: a jump is believed only when confirmed (§b.7). */
	if (s->cfg.far_limit != 0 && (uint32_t)d > s->cfg.far_limit)
		return rx_far(s, seq, p, len, now);
	if (s->cand != GRE_SLOT_NONE) {
		rx_unstore(s, s->cand);
		s->cand = GRE_SLOT_NONE;
	}

	if (d == 0) {
		/* In order: deliver straight from the caller's buffer. */
		if (len > 0)
			rx_emit(s, p, len, seq, 0);
		s->rcv_nxt++;
		rx_drain(s);
		if (s->qlen == 0)
			s->reorder_deadline = GRE_NEVER;
		else
			rx_rearm(s);
		rx_ack_schedule(s, now);
		return s->dl_n > 0 ? GRE_V_DELIVER : GRE_V_EMPTY;
	}

	if (s->cfg.reorder_max == 0) {
		/* Reordering off: jump over the gap at once (Linux-like). */
		s->st.rx_lost += (uint32_t)d;
		s->rcv_nxt = seq + 1;
		if (len > 0)
			rx_emit(s, p, len, seq, 0);
		rx_ack_schedule(s, now);
		return s->dl_n > 0 ? GRE_V_DELIVER : GRE_V_EMPTY;
	}

	/* Early: hold it, unless it is already held (FreeBSD). */
	if (rx_queued_seq(s, seq)) {
		s->st.rx_dup_queued++;
		return GRE_V_DROP_DUP;
	}
	i = rx_store(s, seq, p, len, now);
	if (i == GRE_SLOT_NONE)		/* cannot happen: nslots = max + 2 */
		return GRE_V_DROP_DUP;
	rx_queue_insert(s, i);
	s->st.rx_buffered++;
	v = GRE_V_HELD;

	/* Over the bound: give up the gap before the head (FreeBSD). */
	while (s->qlen > s->cfg.reorder_max) {
		s->st.rx_reorder_overflow++;
		rx_release_head(s);
	}
	rx_rearm(s);
	rx_ack_schedule(s, now);
	if (s->dl_n > 0)
		v = GRE_V_DELIVER;
	return v;
}

/*
 * Study §b.7 candidate/resync rule for d > far_limit.  A single far packet
 * (spoofed, corrupted) is held as a candidate and not delivered; only when
 * the next far packet lands within max(reorder_max, 1) of it is the jump
 * real: the queue is released, the gap counted lost, and delivery resumes
 * at the lower of the two.  Otherwise the newcomer replaces the candidate.
 */
static enum gre_verdict
rx_far(struct gre_session *s, uint32_t seq, const uint8_t *p, uint32_t len,
    uint64_t now)
{
	struct gre_slot	*c;
	uint32_t	 lim, base;
	int32_t		 k;

	if (s->cand != GRE_SLOT_NONE) {
		c = &s->slots[s->cand];
		k = seq_diff(seq, c->seq);
		lim = s->cfg.reorder_max > 0 ? s->cfg.reorder_max : 1;
		if (k == 0) {
			s->st.rx_dup_queued++;
			return GRE_V_DROP_DUP;
		}
		if ((k > 0 && (uint32_t)k <= lim) ||
		    (k < 0 && (uint32_t)-(int64_t)k <= lim)) {
			s->st.rx_resync++;
			base = k < 0 ? seq : c->seq;
			while (s->qlen > 0)
				rx_release_head(s);
			s->st.rx_lost += seq_dist(base, s->rcv_nxt);
			s->rcv_nxt = base;
			rx_queue_insert(s, s->cand);
			s->cand = GRE_SLOT_NONE;
			rx_drain(s);
			/* Now within reach: the ordinary path takes it. */
			(void)rx_data(s, seq, p, len, now);
			rx_rearm(s);
			rx_ack_schedule(s, now);
			return s->dl_n > 0 ? GRE_V_DELIVER : GRE_V_HELD;
		}
		rx_unstore(s, s->cand);
		s->cand = GRE_SLOT_NONE;
	}
	s->st.rx_far++;
	s->cand = rx_store(s, seq, p, len, now);
	if (s->cand != GRE_SLOT_NONE)
		s->slots[s->cand].state = SLOT_CAND;
	return GRE_V_HELD;
}

/* ---------------------------------------------------------- timers, acks */

/*
 * Fire whatever is due at now: reorder hold expiry, the far-candidate
 * expiry, the delayed lone ack and (windowing) the ack time-out.
 * Starts a new delivery list like gre_input().
 */
unsigned
gre_timer(struct gre_session *s, uint64_t now)
{
	unsigned	 act = 0;

	rx_begin(s);
	rx_expire(s, now);
	if (s->dack_deadline <= now) {
		s->dack_deadline = GRE_NEVER;
		if (rx_ack_pending(s))
			s->ack_now = 1;
	}
	if (s->ato_deadline <= now)
		ato_expire(s);
	if (s->dl_n > 0)
		act |= GRE_ACT_DELIVER;
	if (gre_ack_needed(s))
		act |= GRE_ACT_ACK;
	return act;
}

/*
 * The shell drained a batch of reads: with ack_every or more packets
 * unacknowledged, ask for a lone ack now (pptp-linux's effective policy,
 * study §b.8 item 3).  ack_every 0 leaves it to the delayed-ack timer.
 */
unsigned
gre_batch_end(struct gre_session *s, uint64_t now)
{
	(void)now;
	if (s->cfg.ack_every != 0 && rx_ack_pending(s) &&
	    seq_dist(s->rcv_nxt - 1, s->ack_sent) >= s->cfg.ack_every)
		s->ack_now = 1;
	return gre_ack_needed(s) ? GRE_ACT_ACK : 0;
}

/* Earliest absolute time gre_timer() has work, or GRE_NEVER. */
uint64_t
gre_next_deadline(const struct gre_session *s)
{
	uint64_t	 t = s->reorder_deadline;

	if (s->cand != GRE_SLOT_NONE && s->slots[s->cand].arrival +
	    s->cfg.reorder_timeout_us < t)
		t = s->slots[s->cand].arrival + s->cfg.reorder_timeout_us;
	if (s->dack_deadline < t)
		t = s->dack_deadline;
	if (s->ato_deadline < t)
		t = s->ato_deadline;
	return t;
}

/* A lone ack is due now and still carries news (§b.8 item 6). */
int
gre_ack_needed(const struct gre_session *s)
{
	return s->ack_now && rx_ack_pending(s);
}

/*
 * Build the 12-byte ack-only packet (S=0, A=1, RFC 2637 §4.1) if one is
 * needed; returns its length or 0.  Consumes no sequence number.
 */
size_t
gre_tx_ack(struct gre_session *s, uint8_t *buf, size_t cap)
{
	struct gre_hdr	 h;
	size_t		 n;

	if (!gre_ack_needed(s))
		return 0;
	memset(&h, 0, sizeof(h));
	h.call_id = s->cfg.peer_cid;
	h.has_ack = 1;
	h.ack = s->rcv_nxt - 1;
	if ((n = gre_build_hdr(buf, cap, &h)) == 0)
		return 0;
	s->ack_sent = h.ack;
	s->ack_now = 0;
	s->dack_deadline = GRE_NEVER;
	s->st.tx_ack_only++;
	return n;
}

/* ----------------------------------------------------------- transmit */

/*
 * Encapsulate the PPP frame at buf[headroom .. headroom+len) in place: the
 * header (12 or 16 bytes, GRE_HDR_MAX is always enough) is written just in
 * front of it and *out describes the packet to send.  The ack rides along
 * whenever there is news (or always_ack), cancelling the delayed ack.
 */
enum gre_tx_verdict
gre_tx_data(struct gre_session *s, uint8_t *buf, size_t headroom, size_t len,
    uint64_t now, struct gre_frame *out)
{
	struct gre_hdr	 h;
	size_t		 hlen;
	uint8_t		*pkt;

	memset(&h, 0, sizeof(h));
	h.has_seq = 1;
	h.has_ack = s->rcv_started && (s->cfg.always_ack || rx_ack_pending(s));
	hlen = gre_hdr_len(1, h.has_ack);
	if (len > UINT16_MAX || headroom < hlen) {
		s->st.tx_too_big++;
		return GRE_TX_TOO_BIG;
	}
	/* §4.2: stop when the unacked packets fill the window. */
	if (s->windowing &&
	    seq_dist(s->snd_nxt, s->snd_acked + 1) >= s->cwnd) {
		s->st.tx_window_drop++;
		return GRE_TX_WINDOW_FULL;
	}
	h.payload_len = (uint16_t)len;
	h.call_id = s->cfg.peer_cid;
	h.seq = s->snd_nxt;
	h.ack = s->rcv_nxt - 1;
	pkt = buf + headroom - hlen;
	(void)gre_build_hdr(pkt, hlen, &h);
	if (h.has_ack) {
		s->ack_sent = h.ack;
		s->ack_now = 0;
		s->dack_deadline = GRE_NEVER;
	}
	s->sent_time[s->snd_nxt & (GRE_RING - 1)] = now;
	/* §4.4: the ack timer runs from the oldest outstanding packet. */
	if (s->windowing && s->snd_nxt == s->snd_acked + 1)
		s->ato_deadline = now + (uint64_t)s->ato;
	s->snd_nxt++;
	s->st.tx_pkts++;
	s->st.tx_bytes += len;
	out->p = pkt;
	out->len = hlen + len;
	out->seq = h.seq;
	out->late = 0;
	return GRE_TX_OK;
}

static int64_t
ato_clamp(const struct gre_session *s, int64_t ato)
{
	if (ato < GRE_ATO_MIN)
		return GRE_ATO_MIN;
	if (ato > (int64_t)s->cfg.ato_max_us)
		return (int64_t)s->cfg.ato_max_us;
	return ato;
}

/*
 * RFC 2637 §4.4.1 (App. A.1) with the RFC gains in integer µs:
 *   DIFF = SAMPLE - RTT; RTT += alpha*DIFF; DEV += beta*(|DIFF| - DEV);
 *   ATO = RTT + chi*DEV, clamped to [12 ms, MaxTimeOut].
 */
static void
ato_sample(struct gre_session *s, uint64_t sample)
{
	int64_t		 diff, adiff;

	if (sample > (uint64_t)s->cfg.ato_max_us)
		sample = s->cfg.ato_max_us;
	diff = (int64_t)sample - s->rtt;
	adiff = diff < 0 ? -diff : diff;
	s->rtt += ATO_ALPHA(diff);
	s->dev += ATO_BETA(adiff - s->dev);
	s->ato = ato_clamp(s, s->rtt + ATO_CHI(s->dev));
	s->st.rtt_us = (uint64_t)s->rtt;
	s->st.ato_us = (uint64_t)s->ato;
}

/*
 * RFC 2637 §4.4.2 ack time-out: RTT = delta*RTT (the formula, not the
 * "chi" of the text's erratum), DEV kept, ATO recomputed; §4.2.2 halves
 * the window rounding up, minimum one; everything outstanding is treated
 * as acked (FreeBSD: "pretend we got the ack"), since nothing is resent.
 */
static void
ato_expire(struct gre_session *s)
{
	s->st.ack_timeouts++;
	s->rtt = ATO_DELTA(s->rtt);
	if (s->rtt == 0)
		s->rtt = 1;
	if (s->rtt > (int64_t)s->cfg.ato_max_us)
		s->rtt = (int64_t)s->cfg.ato_max_us;
	s->ato = ato_clamp(s, s->rtt + ATO_CHI(s->dev));
	s->cwnd = (s->cwnd + 1) / 2;
	if (s->cwnd < 1)
		s->cwnd = 1;
	s->snd_acked = s->snd_nxt - 1;
	s->win_ack = s->snd_acked + s->cwnd;
	s->ato_deadline = GRE_NEVER;
	s->st.rtt_us = (uint64_t)s->rtt;
	s->st.ato_us = (uint64_t)s->ato;
	s->st.cwnd = s->windowing ? s->cwnd : 0;
}

/*
 * The peer acknowledged a (study §b.4).  An ack beyond anything sent is
 * bogus, one at or before snd_acked is old (or for abandoned packets);
 * both are ignored.  Otherwise everything up to a is acked at once
 * (§4.2.5 multi-packet ack) and the RTT sample is the send time of a.
 */
static void
tx_peer_ack(struct gre_session *s, uint32_t a, uint64_t now)
{
	uint64_t	 sent;

	if (seq_gt(a, s->snd_nxt - 1)) {
		s->st.rx_bad_ack++;
		return;
	}
	if (seq_le(a, s->snd_acked)) {
		s->st.rx_old_ack++;
		return;
	}
	/* The timestamp of a survives only if a is among the last RING. */
	if (seq_dist(s->snd_nxt, a) <= GRE_RING) {
		sent = s->sent_time[a & (GRE_RING - 1)];
		ato_sample(s, now > sent ? now - sent : 0);
	}
	s->snd_acked = a;
	if (!s->windowing)
		return;
	/* §4.2.3: a whole window acked without time-out opens it by one. */
	if (seq_ge(a, s->win_ack)) {
		if (s->cwnd < s->wmax)
			s->cwnd++;
		s->win_ack = a + s->cwnd;
		s->st.cwnd = s->cwnd;
	}
	/* Restart the ack timer for the new oldest outstanding packet. */
	if (s->snd_acked + 1 != s->snd_nxt)
		s->ato_deadline = s->sent_time[(s->snd_acked + 1) &
		    (GRE_RING - 1)] + (uint64_t)s->ato;
	else
		s->ato_deadline = GRE_NEVER;
}
