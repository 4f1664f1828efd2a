/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_ipc.h: the contract between pptp-gre.so (inside pppd) and pptpd-ng
 * on the inherited `pptp-ctrl-fd` socket: grammar, event names and keys.
 * Declarations only; the codec is pptp-ctrl/ipc_wire.[ch] and the sending
 * shell is plugins/pptp_gre_ipc.c.  Both ends include this file.
 *
 * Transport: one end of a socketpair(AF_UNIX, SOCK_SEQPACKET) inherited by
 * pppd as fd N (`pptp-ctrl-fd N`).  The plugin writes events: one per
 * datagram, never split, never merged.  Hang-up is SIGTERM to pppd; there
 * is no command channel: the daemon writes only the `hangup` note below,
 * just before an administrative SIGTERM, and the plugin reads it only
 * when pppd ends the session.  Sends are non-blocking: an event that does not
 * fit in the socket buffer is dropped (counted in the next `stats` as
 * ipc_dropped), so a stalled daemon never stalls pppd.
 *
 * Grammar (ABNF, RFC 5234; a datagram is exactly one `line`):
 *
 *   line   = event *( SP pair ) LF          ; at most 2048 octets
 *   event  = 1*31( %x61-7A )                ; [a-z]
 *   pair   = key "=" value                  ; at most 48 pairs, keys unique
 *   key    = %x61-7A *30( %x61-7A / "_" )   ; [a-z][a-z_]*
 *   value  = *( lit / pct )                 ; decodes to 0..255 octets
 *   lit    = ALPHA / DIGIT / "-" / "." / "_" / ":" / "/" / "@" / "+" / ","
 *   pct    = "%" 2( DIGIT / %x41-46 )       ; upper-case hex
 *
 * Decoded values are printable ASCII (0x20-0x7E).  A `pct` escape is only
 * valid for a printable octet that is not a `lit` (so "%41" is refused):
 * one spelling per value, hence parse/build round-trip exactly.  A space
 * in a value is "%20".  Unknown events and keys must be ignored by the
 * daemon (forward compatibility); malformed datagrams are dropped whole.
 * Numbers are decimal uint64 without sign or leading zeros.
 *
 * Events (keys in order of emission):
 *
 *   phase   name=<dead|initialize|serialconn|dormant|establish|
 *           authenticate|callback|network|running|terminate|disconnect|
 *           holdoff|master>   on every pppd phase change; on terminate
 *           also status=N, pppd's exit status so far, when not 0 (a
 *           SIGTERM that follows, e.g. for the client's CCRQ, replaces it)
 *   auth    user=<peer_authname, bytes outside 0x20-0x7E replaced by '?'>
 *           [acct_session_id=<the Acct-Session-Id pptp-radius.so uses>]
 *           once the peer authenticated (not sent when we do not
 *           authenticate the peer); acct_session_id only when
 *           pptp-radius.so is loaded
 *   ipup    ifname=pppN local=<a.b.c.d> remote=<a.b.c.d> ifindex=N
 *           mode=<kernel|user>   the data path in use (gre-mode auto
 *           resolved)
 *   stats   secs=<since connect> rx_bytes= tx_bytes= rx_pkts= tx_pkts=
 *           (the ppp interface, 64-bit, from sysfs) ipc_dropped=, then
 *           mode=kernel, or mode=user followed by one gre_<counter>= per
 *           gre/gre_stats.h field (counters and gauges, in that file's
 *           order), hdlc_bad_fcs= hdlc_too_long= pump_tx_errors=
 *           pump_ppp_errors= (frames pppd's side did not take)
 *           l2tp_bad= (L2TP channel datagrams refused),
 *           pump_gre_drops= pump_ppp_drops= (what the kernel dropped
 *           because the pump's GRE socket or its channel's socket or
 *           tap queue was full), pump_l2tp_late= (pppd's frames that
 *           loopback had swapped, dropped late), tap_bad= (frames on the
 *           tap channel refused) and channel=<tap|l2tp|pty> (how pppd
 *           reaches the pump).
 *           Every PPTP_IPC_STATS_SECS seconds after ipup, and once more
 *           when IPCP goes down (the final counters).
 *   nogre   secs=N   nothing arrived from the peer N seconds after start
 *   exit    status=<pppd exit status> cause=<text, e.g.
 *           "peer authentication failed", "%20" on the wire>
 *
 * Daemon -> plugin (the one note; same grammar):
 *
 *   hangup  reason=admin-reset   an administrator (pptpctl disconnect,
 *           RFC 5176 Disconnect-Request) ends the call; SIGTERM follows.
 *           pptp-radius.so reports Acct-Terminate-Cause Admin-Reset.
 *
 * Between the two plugins inside one pppd (looked up with dlsym(), so
 * either may be loaded first or alone):
 *   pptp-radius.so exports  const char *pptp_radius_acct_session_id(void)
 *   pptp-gre.so exports     const char *pptp_gre_hangup_reason(void)
 */
#ifndef PPTPNG_PPTP_IPC_H
#define PPTPNG_PPTP_IPC_H

#define PPTP_IPC_EV_PHASE	"phase"
#define PPTP_IPC_EV_AUTH	"auth"
#define PPTP_IPC_EV_IPUP	"ipup"
#define PPTP_IPC_EV_STATS	"stats"
#define PPTP_IPC_EV_NOGRE	"nogre"
#define PPTP_IPC_EV_EXIT	"exit"
#define PPTP_IPC_EV_HANGUP	"hangup"	/* daemon -> plugin */

#define PPTP_IPC_REASON_ADMIN	"admin-reset"
#define PPTP_IPC_SYM_SESSION_ID	"pptp_radius_acct_session_id"
#define PPTP_IPC_SYM_HANGUP	"pptp_gre_hangup_reason"

#define PPTP_IPC_STATS_SECS	5	/* `stats` period */
#define PPTP_IPC_GRE_PREFIX	"gre_"	/* user-mode engine counters */

#endif /* PPTPNG_PPTP_IPC_H */
