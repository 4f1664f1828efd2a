/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dae_wire.h: the codec of RFC 5176 Dynamic Authorization (Disconnect-
 * Request, CoA-Request and their ACK/NAK) that pptpd-ng answers on UDP
 * 3799: request parsing with Request Authenticator, Message-Authenticator
 * and Event-Timestamp checks, session matching, reply building, and the
 * duplicate-request cache.  Pure: no I/O, no clock (time is passed in), no
 * allocation, no logging; MD5 and HMAC-MD5 come from libcrypto.
 */
#ifndef PPTPNG_DAE_WIRE_H
#define PPTPNG_DAE_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DAE_PORT_DEFAULT	3799	/* RFC 5176 §3 */
#define DAE_WINDOW_DEFAULT	300	/* Event-Timestamp window, seconds */
#define DAE_HDR_LEN		20
#define DAE_AUTH_LEN		16
#define DAE_PKT_MAX		4096	/* RFC 2865 §3 */
#define DAE_STR_MAX		253	/* one attribute's value */
#define DAE_PROXY_MAX		4	/* Proxy-State attributes echoed */
#define DAE_REPLY_MAX		(DAE_HDR_LEN + 6 + 18 + \
				 DAE_PROXY_MAX * (2 + DAE_STR_MAX))
#define DAE_DUP_MAX		32	/* requests remembered */
#define DAE_DUP_KEEP_MS		30000	/* and for how long */

/* Codes, RFC 5176 §2.3. */
enum {
	DAE_CODE_DISCONNECT_REQUEST = 40, DAE_CODE_DISCONNECT_ACK = 41,
	DAE_CODE_DISCONNECT_NAK = 42, DAE_CODE_COA_REQUEST = 43,
	DAE_CODE_COA_ACK = 44, DAE_CODE_COA_NAK = 45
};

/* Attributes this codec knows (RFC 2865/2866/2869/3162/5176). */
enum {
	DAE_AT_USER_NAME = 1, DAE_AT_NAS_IP_ADDRESS = 4, DAE_AT_NAS_PORT = 5,
	DAE_AT_FRAMED_IP_ADDRESS = 8, DAE_AT_REPLY_MESSAGE = 18,
	DAE_AT_STATE = 24, DAE_AT_CLASS = 25, DAE_AT_CALLING_STATION_ID = 31,
	DAE_AT_NAS_IDENTIFIER = 32, DAE_AT_PROXY_STATE = 33,
	DAE_AT_ACCT_SESSION_ID = 44, DAE_AT_ACCT_TERMINATE_CAUSE = 49,
	DAE_AT_EVENT_TIMESTAMP = 55, DAE_AT_MESSAGE_AUTHENTICATOR = 80,
	DAE_AT_NAS_IPV6_ADDRESS = 95, DAE_AT_ERROR_CAUSE = 101
};

/* Error-Cause values, RFC 5176 §3.6. */
enum dae_cause {
	DAE_CAUSE_NONE = 0,
	DAE_CAUSE_UNSUPPORTED_ATTRIBUTE = 401,
	DAE_CAUSE_MISSING_ATTRIBUTE = 402,
	DAE_CAUSE_INVALID_REQUEST = 404,
	DAE_CAUSE_UNSUPPORTED_SERVICE = 405,
	DAE_CAUSE_SESSION_NOT_FOUND = 503,
	DAE_CAUSE_RESOURCES_UNAVAILABLE = 506
};

/* Why a datagram is dropped unanswered; names in dae_err_str(). */
enum dae_err {
	DAE_OK = 0,
	DAE_ERR_SHORT,		/* under 20 bytes, or Length says so */
	DAE_ERR_LENGTH,		/* Length field beyond the datagram or 4096 */
	DAE_ERR_CODE,		/* not a Disconnect- or CoA-Request */
	DAE_ERR_ATTR,		/* attribute framing broken */
	DAE_ERR_AUTH,		/* Request Authenticator wrong (RFC 5176 §3.5) */
	DAE_ERR_MSGAUTH,	/* Message-Authenticator wrong or malformed */
	DAE_ERR_STALE,		/* Event-Timestamp outside the window */
	DAE_ERR__COUNT
};

/* An octet string from the wire: bytes, not a C string. */
struct dae_str {
	bool		present;
	uint8_t		len;
	uint8_t		v[DAE_STR_MAX];
};

/* One authenticated request, decoded. */
struct dae_req {
	uint8_t		code;
	uint8_t		id;
	uint8_t		auth[DAE_AUTH_LEN];	/* Request Authenticator */
	bool		has_msgauth;
	bool		has_timestamp;
	uint32_t	timestamp;
	/* Session identification (RFC 5176 §3). */
	struct dae_str	user;
	struct dae_str	session_id;
	struct dae_str	calling;
	bool		has_framed_ip;
	uint32_t	framed_ip;		/* host order */
	/* Echoed in the reply, in order (RFC 5176 §3.6, RFC 2865 §5.33). */
	size_t		nproxy;
	struct dae_str	proxy[DAE_PROXY_MAX];
	/* What the request deserves before any session lookup. */
	enum dae_cause	cause;
	uint8_t		bad_type;		/* the attribute behind cause */
};

/* One session as the daemon sees it, for dae_match(). */
struct dae_session {
	const char	*user;		/* "" when not known */
	const char	*session_id;	/* Acct-Session-Id; "" when none */
	const char	*calling;	/* the client's public address */
	uint32_t	 framed_ip;	/* host order; 0 when none */
};

struct dae_dup_ent {
	uint32_t	addr;		/* host order; 0: free */
	uint16_t	port;
	uint8_t		id;
	uint8_t		auth[DAE_AUTH_LEN];
	uint64_t	t_ms;
	size_t		len;
	uint8_t		reply[DAE_REPLY_MAX];
};

struct dae_dup {
	struct dae_dup_ent e[DAE_DUP_MAX];
	unsigned	   next;
};

const char	*dae_err_str(enum dae_err);
const char	*dae_cause_str(enum dae_cause);
const char	*dae_code_str(uint8_t);

enum dae_err	 dae_parse(const uint8_t *, size_t, const void *, size_t,
		    uint64_t, uint32_t, struct dae_req *);
bool		 dae_match(const struct dae_req *, const struct dae_session *);
size_t		 dae_build_reply(uint8_t *, size_t, const struct dae_req *,
		    bool, enum dae_cause, const void *, size_t);
size_t		 dae_build_request(uint8_t *, size_t, uint8_t, uint8_t,
		    const uint8_t *, size_t, bool, const void *, size_t);

const struct dae_dup_ent *dae_dup_find(const struct dae_dup *, uint32_t,
		    uint16_t, const struct dae_req *, uint64_t);
void		 dae_dup_put(struct dae_dup *, uint32_t, uint16_t,
		    const struct dae_req *, uint64_t, const uint8_t *, size_t);

#endif /* PPTPNG_DAE_WIRE_H */
