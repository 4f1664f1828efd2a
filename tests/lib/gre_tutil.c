/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_tutil.c: packet builders and delivery logs shared by the GRE Check
 * suites.  Builds packets with the codec under test only where the suite
 * is not testing the codec itself; never touches a socket or the clock.
 */
#include <stdlib.h>
#include <string.h>

#include "gre_tutil.h"

struct gre_session	*tu_s;
struct gre_config	 tu_c;
struct tu_log		 tu_lg;

void
tu_setup(void)
{
	tu_cfg(&tu_c);
	memset(&tu_lg, 0, sizeof(tu_lg));
	if ((tu_s = tu_new(&tu_c)) == NULL)
		abort();
}

void
tu_teardown(void)
{
	gre_session_free(tu_s);
	tu_s = NULL;
}

/* Replace the fixture session with one built from the edited tu_c. */
void
tu_renew(void)
{
	gre_session_free(tu_s);
	if ((tu_s = tu_new(&tu_c)) == NULL)
		abort();
}

void
tu_cfg(struct gre_config *c)
{
	gre_config_default(c);
	c->our_cid = TU_OUR_CID;
	c->peer_cid = TU_PEER_CID;
}

struct gre_session *
tu_new(const struct gre_config *c)
{
	struct gre_config def;

	if (c == NULL) {
		tu_cfg(&def);
		c = &def;
	}
	return gre_session_new(c);
}

/* One GRE packet; with pl NULL the payload is seq (BE) then 0xA5 filler. */
size_t
tu_pkt(uint8_t *b, uint16_t cid, int has_seq, uint32_t seq, int has_ack,
    uint32_t ack, const uint8_t *pl, uint16_t plen)
{
	struct gre_hdr	 h;
	uint8_t		 def[64];

	memset(&h, 0, sizeof(h));
	h.call_id = cid;
	h.has_seq = (uint8_t)has_seq;
	h.seq = seq;
	h.has_ack = (uint8_t)has_ack;
	h.ack = ack;
	h.payload_len = has_seq ? plen : 0;
	if (pl == NULL) {
		memset(def, 0xa5, sizeof(def));
		def[0] = (uint8_t)(seq >> 24);
		def[1] = (uint8_t)(seq >> 16);
		def[2] = (uint8_t)(seq >> 8);
		def[3] = (uint8_t)seq;
		pl = def;
		if (plen > sizeof(def))
			abort();
	}
	return gre_build(b, 4096, &h, pl);
}

void
tu_collect(struct gre_session *s, struct tu_log *log)
{
	struct gre_frame f;
	uint32_t	 named;

	while (gre_rx_next(s, &f)) {
		if (log == NULL)
			continue;
		if (log->n == TU_LOG_MAX)
			abort();
		if (f.len == 8 && f.p[4] == 0xa5) {
			named = (uint32_t)f.p[0] << 24 |
			    (uint32_t)f.p[1] << 16 |
			    (uint32_t)f.p[2] << 8 | f.p[3];
			if (named != f.seq)
				log->bad_payload++;
		}
		log->seq[log->n] = f.seq;
		log->late[log->n] = (uint8_t)f.late;
		log->n++;
	}
}

/* Feed data packet seq (8-byte named payload, no ack) and drain. */
enum gre_verdict
tu_in(struct gre_session *s, uint32_t seq, uint64_t now, struct tu_log *log)
{
	uint8_t		 b[64];
	size_t		 n;

	n = tu_pkt(b, TU_OUR_CID, 1, seq, 0, 0, NULL, 8);
	return tu_in_raw(s, b, n, now, log);
}

enum gre_verdict
tu_in_raw(struct gre_session *s, const uint8_t *b, size_t n, uint64_t now,
    struct tu_log *log)
{
	enum gre_verdict v;

	v = gre_input(s, b, n, now);
	tu_collect(s, log);
	return v;
}

unsigned
tu_timer(struct gre_session *s, uint64_t now, struct tu_log *log)
{
	unsigned	 act;

	act = gre_timer(s, now);
	tu_collect(s, log);
	return act;
}

/* Build the lone ack if one is needed; 1 and its value, or 0. */
int
tu_lone_ack(struct gre_session *s, uint32_t *ack)
{
	struct gre_hdr	 h;
	uint8_t		 b[32];
	size_t		 n;

	if ((n = gre_tx_ack(s, b, sizeof(b))) == 0)
		return 0;
	if (n != 12 || gre_parse(b, n, &h) != GRE_OK || h.has_seq ||
	    !h.has_ack || h.call_id != TU_PEER_CID)
		abort();
	*ack = h.ack;
	return 1;
}

int
tu_log_is(const struct tu_log *log, const uint32_t *want, size_t n)
{
	return log->n == n && log->bad_payload == 0 &&
	    (n == 0 || memcmp(log->seq, want, n * sizeof(*want)) == 0);
}
