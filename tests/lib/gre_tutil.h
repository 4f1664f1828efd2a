/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gre_tutil.h: test helpers for the GRE engine suites: packet builders,
 * a delivery log that drains gre_rx_next() and checks each payload names
 * its own sequence number, and lone-ack capture.  Test code only.
 */
#ifndef PPTPNG_GRE_TUTIL_H
#define PPTPNG_GRE_TUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "../../gre/gre_session.h"

#define TU_OUR_CID	0x1234
#define TU_PEER_CID	0x5678
#define TU_LOG_MAX	8192

struct tu_log {
	uint32_t	seq[TU_LOG_MAX];
	uint8_t		late[TU_LOG_MAX];
	size_t		n;
	size_t		bad_payload;	/* payload did not name its seq */
};

/* The Check fixture shared by the engine suites: a session, its config
 * (edit tu_c then call tu_renew()) and a delivery log. */
extern struct gre_session	*tu_s;
extern struct gre_config	 tu_c;
extern struct tu_log		 tu_lg;

void		 tu_setup(void);
void		 tu_teardown(void);
void		 tu_renew(void);
void		 tu_cfg(struct gre_config *);
struct gre_session *tu_new(const struct gre_config *);
size_t		 tu_pkt(uint8_t *, uint16_t, int, uint32_t, int, uint32_t,
		    const uint8_t *, uint16_t);
enum gre_verdict tu_in(struct gre_session *, uint32_t, uint64_t,
		    struct tu_log *);
enum gre_verdict tu_in_raw(struct gre_session *, const uint8_t *, size_t,
		    uint64_t, struct tu_log *);
unsigned	 tu_timer(struct gre_session *, uint64_t, struct tu_log *);
void		 tu_collect(struct gre_session *, struct tu_log *);
int		 tu_lone_ack(struct gre_session *, uint32_t *);
int		 tu_log_is(const struct tu_log *, const uint32_t *, size_t);

#endif /* PPTPNG_GRE_TUTIL_H */
