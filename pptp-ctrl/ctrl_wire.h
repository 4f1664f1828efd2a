/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctrl_wire.h: the PPTP control-message codec (RFC 2637 §1.4, §2): wire
 * constants named by class, host-order structs for all 15 message types,
 * ctrl_parse()/ctrl_build() and the code -> name tables.
 * Pure: no I/O, no allocation, no logging, no clock, no global state.
 * Shared by the PAC (server) and a future PNS (client) side.
 */
#ifndef PPTPNG_CTRL_WIRE_H
#define PPTPNG_CTRL_WIRE_H

#include <stddef.h>
#include <stdint.h>

/* RFC 2637 §1.4: the fixed 12-byte header of every control message. */
#define PPTP_CTRL_HDR_LEN	12
#define PPTP_CTRL_MAX_LEN	220	/* ICRQ, the largest message */
#define PPTP_MAGIC_COOKIE	0x1A2B3C4DU
#define PPTP_MSGTYPE_CONTROL	1
#define PPTP_MSGTYPE_MGMT	2
#define PPTP_PROTO_VERSION	0x0100	/* RFC 2637 §2.1: version 1, rev 0 */
#define PPTP_TCP_PORT		1723

/* Fixed-width string fields (RFC 2637 §2.1, §2.7, §2.9, §2.13). */
#define PPTP_HOSTNAME_LEN	64
#define PPTP_VENDOR_LEN		64
#define PPTP_PHONE_LEN		64
#define PPTP_SUBADDR_LEN	64
#define PPTP_STATS_LEN		128

/* Control Message Type (RFC 2637 §1.4). */
enum ctrl_type {
	PPTP_MSG_SCCRQ = 1,	/* Start-Control-Connection-Request */
	PPTP_MSG_SCCRP = 2,	/* Start-Control-Connection-Reply */
	PPTP_MSG_STOPCCRQ = 3,	/* Stop-Control-Connection-Request */
	PPTP_MSG_STOPCCRP = 4,	/* Stop-Control-Connection-Reply */
	PPTP_MSG_ECHORQ = 5,	/* Echo-Request */
	PPTP_MSG_ECHORP = 6,	/* Echo-Reply */
	PPTP_MSG_OCRQ = 7,	/* Outgoing-Call-Request */
	PPTP_MSG_OCRP = 8,	/* Outgoing-Call-Reply */
	PPTP_MSG_ICRQ = 9,	/* Incoming-Call-Request */
	PPTP_MSG_ICRP = 10,	/* Incoming-Call-Reply */
	PPTP_MSG_ICCN = 11,	/* Incoming-Call-Connected */
	PPTP_MSG_CCRQ = 12,	/* Call-Clear-Request */
	PPTP_MSG_CDN = 13,	/* Call-Disconnect-Notify */
	PPTP_MSG_WEN = 14,	/* WAN-Error-Notify */
	PPTP_MSG_SLI = 15	/* Set-Link-Info */
};
#define PPTP_MSG_MAX		15

/* Framing / bearer capability bits and types (RFC 2637 §2.1, §2.7). */
#define PPTP_FRAMING_ASYNC	0x1
#define PPTP_FRAMING_SYNC	0x2
#define PPTP_BEARER_ANALOG	0x1
#define PPTP_BEARER_DIGITAL	0x2
#define PPTP_BEARER_ANY		3
#define PPTP_FRAMING_ANY	3

/* SCCRP Result Code (RFC 2637 §2.2). */
#define PPTP_SCCRP_RESULT_OK		1
#define PPTP_SCCRP_RESULT_GENERAL	2
#define PPTP_SCCRP_RESULT_EXISTS	3
#define PPTP_SCCRP_RESULT_NOT_AUTH	4
#define PPTP_SCCRP_RESULT_BAD_VERSION	5

/* StopCCRQ Reason (RFC 2637 §2.3). */
#define PPTP_STOP_REASON_NONE		1
#define PPTP_STOP_REASON_PROTOCOL	2
#define PPTP_STOP_REASON_LOCAL_SHUTDOWN	3

/* StopCCRP Result Code (RFC 2637 §2.4). */
#define PPTP_STOPCCRP_RESULT_OK		1
#define PPTP_STOPCCRP_RESULT_GENERAL	2

/* Echo-Reply Result Code (RFC 2637 §2.6). */
#define PPTP_ECHORP_RESULT_OK		1
#define PPTP_ECHORP_RESULT_GENERAL	2

/* OCRP Result Code (RFC 2637 §2.8). */
#define PPTP_OCRP_RESULT_CONNECTED	1
#define PPTP_OCRP_RESULT_GENERAL	2
#define PPTP_OCRP_RESULT_NO_CARRIER	3
#define PPTP_OCRP_RESULT_BUSY		4
#define PPTP_OCRP_RESULT_NO_DIAL_TONE	5
#define PPTP_OCRP_RESULT_TIMEOUT	6
#define PPTP_OCRP_RESULT_DO_NOT_ACCEPT	7

/* ICRP Result Code (RFC 2637 §2.10). */
#define PPTP_ICRP_RESULT_CONNECT	1
#define PPTP_ICRP_RESULT_GENERAL	2
#define PPTP_ICRP_RESULT_DO_NOT_ACCEPT	3

/* CDN Result Code (RFC 2637 §2.13). */
#define PPTP_CDN_RESULT_LOST_CARRIER	1
#define PPTP_CDN_RESULT_GENERAL		2
#define PPTP_CDN_RESULT_ADMIN_SHUTDOWN	3
#define PPTP_CDN_RESULT_REQUEST		4

/* General Error Codes (RFC 2637 §2.16). */
#define PPTP_ERROR_NONE			0
#define PPTP_ERROR_NOT_CONNECTED	1
#define PPTP_ERROR_BAD_FORMAT		2
#define PPTP_ERROR_BAD_VALUE		3
#define PPTP_ERROR_NO_RESOURCE		4
#define PPTP_ERROR_BAD_CALLID		5
#define PPTP_ERROR_PAC_ERROR		6

/*
 * Decoded messages.  Every field is in host order; fixed-width strings are
 * the wire bytes up to the first NUL (at most the field width), always
 * NUL-terminated, NOT sanitised: use ctrl_sanitize() before logging.
 * Reserved fields are kept so that build(parse(x)) reproduces x.
 */

/* SCCRQ (§2.1) and SCCRP (§2.2) share one layout. */
struct ctrl_scc {
	uint16_t	version;
	uint16_t	reserved1;	/* SCCRQ only */
	uint8_t		result;		/* SCCRP only */
	uint8_t		error;		/* SCCRP only */
	uint32_t	framing_caps;
	uint32_t	bearer_caps;
	uint16_t	max_channels;
	uint16_t	firmware_rev;
	char		host_name[PPTP_HOSTNAME_LEN + 1];
	char		vendor[PPTP_VENDOR_LEN + 1];
};

struct ctrl_stopccrq {			/* §2.3 */
	uint8_t		reason;
	uint8_t		reserved1;
	uint16_t	reserved2;
};

struct ctrl_stopccrp {			/* §2.4 */
	uint8_t		result;
	uint8_t		error;
	uint16_t	reserved1;
};

struct ctrl_echorq {			/* §2.5 */
	uint32_t	id;
};

struct ctrl_echorp {			/* §2.6 */
	uint32_t	id;
	uint8_t		result;
	uint8_t		error;
	uint16_t	reserved1;
};

struct ctrl_ocrq {			/* §2.7 */
	uint16_t	call_id;
	uint16_t	call_serial;
	uint32_t	min_bps;
	uint32_t	max_bps;
	uint32_t	bearer_type;
	uint32_t	framing_type;
	uint16_t	recv_window;
	uint16_t	ppd;		/* Packet Processing Delay */
	uint16_t	phone_len;
	uint16_t	reserved1;
	char		phone[PPTP_PHONE_LEN + 1];
	char		subaddr[PPTP_SUBADDR_LEN + 1];
};

struct ctrl_ocrp {			/* §2.8 */
	uint16_t	call_id;
	uint16_t	peer_call_id;
	uint8_t		result;
	uint8_t		error;
	uint16_t	cause;
	uint32_t	connect_speed;
	uint16_t	recv_window;
	uint16_t	ppd;
	uint32_t	phys_channel_id;
};

struct ctrl_icrq {			/* §2.9 */
	uint16_t	call_id;
	uint16_t	call_serial;
	uint32_t	bearer_type;
	uint32_t	phys_channel_id;
	uint16_t	dialed_len;
	uint16_t	dialing_len;
	char		dialed[PPTP_PHONE_LEN + 1];
	char		dialing[PPTP_PHONE_LEN + 1];
	char		subaddr[PPTP_SUBADDR_LEN + 1];
};

struct ctrl_icrp {			/* §2.10 */
	uint16_t	call_id;
	uint16_t	peer_call_id;
	uint8_t		result;
	uint8_t		error;
	uint16_t	recv_window;
	uint16_t	ptd;		/* Packet Transmit Delay */
	uint16_t	reserved1;
};

struct ctrl_iccn {			/* §2.11 */
	uint16_t	peer_call_id;
	uint16_t	reserved1;
	uint32_t	connect_speed;
	uint16_t	recv_window;
	uint16_t	ptd;
	uint32_t	framing_type;
};

struct ctrl_ccrq {			/* §2.12: the PNS's Call ID */
	uint16_t	call_id;
	uint16_t	reserved1;
};

struct ctrl_cdn {			/* §2.13: the PAC's Call ID */
	uint16_t	call_id;
	uint8_t		result;
	uint8_t		error;
	uint16_t	cause;
	uint16_t	reserved1;
	char		stats[PPTP_STATS_LEN + 1];
};

struct ctrl_wen {			/* §2.14 */
	uint16_t	peer_call_id;
	uint16_t	reserved1;
	uint32_t	crc_errors;
	uint32_t	framing_errors;
	uint32_t	hw_overruns;
	uint32_t	buf_overruns;
	uint32_t	timeout_errors;
	uint32_t	align_errors;
};

struct ctrl_sli {			/* §2.15 */
	uint16_t	peer_call_id;
	uint16_t	reserved1;
	uint32_t	send_accm;
	uint32_t	recv_accm;
};

struct ctrl_msg {
	enum ctrl_type	type;
	/*
	 * Number of in-message Reserved fields found non-zero by
	 * ctrl_parse().  They are tolerated (a receiver gains nothing by
	 * refusing them) and kept; the caller counts them.  Ignored by
	 * ctrl_build(), which writes the reserved fields as stored.
	 */
	unsigned	reserved_nonzero;
	union {
		struct ctrl_scc		sccrq;
		struct ctrl_scc		sccrp;
		struct ctrl_stopccrq	stopccrq;
		struct ctrl_stopccrp	stopccrp;
		struct ctrl_echorq	echorq;
		struct ctrl_echorp	echorp;
		struct ctrl_ocrq	ocrq;
		struct ctrl_ocrp	ocrp;
		struct ctrl_icrq	icrq;
		struct ctrl_icrp	icrp;
		struct ctrl_iccn	iccn;
		struct ctrl_ccrq	ccrq;
		struct ctrl_cdn		cdn;
		struct ctrl_wen		wen;
		struct ctrl_sli		sli;
	} u;
};

/* Why a buffer is not a valid control message, in the order checked. */
enum ctrl_err {
	CTRL_OK = 0,
	CTRL_ERR_SHORT,		/* buffer shorter than the 12-byte header */
	CTRL_ERR_LEN_SHORT,	/* Length field < 12 */
	CTRL_ERR_LEN_LONG,	/* Length field > 220 */
	CTRL_ERR_MSGTYPE,	/* PPTP Message Type != 1 (control) */
	CTRL_ERR_MAGIC,		/* Magic Cookie != 0x1A2B3C4D */
	CTRL_ERR_RESERVED0,	/* header Reserved0 != 0 */
	CTRL_ERR_TYPE,		/* unknown Control Message Type */
	CTRL_ERR_SIZE,		/* Length != the size of that type */
	CTRL_ERR_TRUNCATED,	/* buffer shorter than Length */
	CTRL_ERR_TRAILING,	/* buffer longer than Length */
	CTRL_ERR__MAX
};

/* Exact size of message type t (1..15), or 0 for an unknown type. */
size_t		 ctrl_msg_size(unsigned t);

enum ctrl_err	 ctrl_parse(const uint8_t *buf, size_t len,
		    struct ctrl_msg *out);
/* Bytes written, or 0 if m->type is unknown or cap is too small. */
size_t		 ctrl_build(uint8_t *buf, size_t cap, const struct ctrl_msg *m);

/*
 * Copy src for logging: '"', '\\' and bytes outside 0x20..0x7e become
 * '?', so a wire string cannot end the quotes it is logged in.
 */
char		*ctrl_sanitize(char *dst, size_t dstsz, const char *src);

/* Names; "unknown" for values outside the tables. */
const char	*ctrl_err_name(enum ctrl_err);
const char	*ctrl_type_name(unsigned type);
/* Result Code of the reply message type (SCCRP, StopCCRP, ECHORP, OCRP,
 * ICRP, CDN). */
const char	*ctrl_result_name(unsigned type, unsigned result);
const char	*ctrl_error_name(unsigned error);	/* §2.16 */
const char	*ctrl_stop_reason_name(unsigned reason);

#endif /* PPTPNG_CTRL_WIRE_H */
