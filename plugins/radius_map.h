/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * radius_map.h: the pure RADIUS logic of pptp-radius.so: attribute lists
 * and their wire codec, MS-CHAP credential layout (RFC 2548), MPPE key
 * decryption, MS-CHAP success/error text, reply mapping, Message-
 * Authenticator, terminate causes.  No pppd, no radcli, no I/O, no clock,
 * no allocation; MD5 and HMAC-MD5 come from libcrypto.
 */
#ifndef PPTPNG_RADIUS_MAP_H
#define PPTPNG_RADIUS_MAP_H

#include <stddef.h>
#include <stdint.h>

/* RFC 2865/2866/2867/2868/2869 attribute numbers we use. */
enum {
	RAD_USER_NAME = 1, RAD_USER_PASSWORD = 2, RAD_CHAP_PASSWORD = 3,
	RAD_NAS_IP_ADDRESS = 4, RAD_NAS_PORT = 5, RAD_SERVICE_TYPE = 6,
	RAD_FRAMED_PROTOCOL = 7, RAD_FRAMED_IP_ADDRESS = 8,
	RAD_FRAMED_IP_NETMASK = 9, RAD_FILTER_ID = 11, RAD_FRAMED_MTU = 12,
	RAD_REPLY_MESSAGE = 18, RAD_FRAMED_ROUTE = 22, RAD_CLASS = 25,
	RAD_VENDOR_SPECIFIC = 26, RAD_SESSION_TIMEOUT = 27,
	RAD_IDLE_TIMEOUT = 28, RAD_CALLED_STATION_ID = 30,
	RAD_CALLING_STATION_ID = 31, RAD_NAS_IDENTIFIER = 32,
	RAD_ACCT_STATUS_TYPE = 40, RAD_ACCT_DELAY_TIME = 41,
	RAD_ACCT_INPUT_OCTETS = 42, RAD_ACCT_OUTPUT_OCTETS = 43,
	RAD_ACCT_SESSION_ID = 44, RAD_ACCT_AUTHENTIC = 45,
	RAD_ACCT_SESSION_TIME = 46, RAD_ACCT_INPUT_PACKETS = 47,
	RAD_ACCT_OUTPUT_PACKETS = 48, RAD_ACCT_TERMINATE_CAUSE = 49,
	RAD_CHAP_CHALLENGE = 60, RAD_NAS_PORT_TYPE = 61,
	RAD_ACCT_INPUT_GIGAWORDS = 52, RAD_ACCT_OUTPUT_GIGAWORDS = 53,
	RAD_EVENT_TIMESTAMP = 55, RAD_TUNNEL_TYPE = 64,
	RAD_TUNNEL_MEDIUM_TYPE = 65, RAD_TUNNEL_CLIENT_ENDPOINT = 66,
	RAD_TUNNEL_SERVER_ENDPOINT = 67, RAD_ACCT_TUNNEL_CONNECTION = 68,
	RAD_MESSAGE_AUTHENTICATOR = 80, RAD_ACCT_INTERIM_INTERVAL = 85,
	RAD_NAS_PORT_ID = 87
};

/* RFC 2548 Microsoft vendor attributes. */
#define RAD_VENDOR_MS	311
enum {
	MS_CHAP_RESPONSE = 1, MS_CHAP_ERROR = 2, MS_MPPE_ENC_POLICY = 7,
	MS_MPPE_ENC_TYPES = 8, MS_CHAP_CHALLENGE = 11, MS_CHAP_MPPE_KEYS = 12,
	MS_MPPE_SEND_KEY = 16, MS_MPPE_RECV_KEY = 17, MS_CHAP2_RESPONSE = 25,
	MS_CHAP2_SUCCESS = 26, MS_PRIMARY_DNS = 28, MS_SECONDARY_DNS = 29,
	MS_PRIMARY_NBNS = 30, MS_SECONDARY_NBNS = 31
};

/* Codes (RFC 2865 §3, RFC 2866 §3). */
enum {
	RAD_CODE_ACCESS_REQUEST = 1, RAD_CODE_ACCESS_ACCEPT = 2,
	RAD_CODE_ACCESS_REJECT = 3, RAD_CODE_ACCT_REQUEST = 4,
	RAD_CODE_ACCT_RESPONSE = 5, RAD_CODE_ACCESS_CHALLENGE = 11
};

/* Acct-Status-Type (RFC 2866 §5.1) and Acct-Terminate-Cause (§5.10). */
enum { RAD_ACCT_START = 1, RAD_ACCT_STOP = 2, RAD_ACCT_INTERIM = 3 };
enum rad_term {
	RAD_TERM_USER_REQUEST = 1, RAD_TERM_LOST_CARRIER = 2,
	RAD_TERM_LOST_SERVICE = 3, RAD_TERM_IDLE_TIMEOUT = 4,
	RAD_TERM_SESSION_TIMEOUT = 5, RAD_TERM_ADMIN_RESET = 6,
	RAD_TERM_ADMIN_REBOOT = 7, RAD_TERM_PORT_ERROR = 8,
	RAD_TERM_NAS_ERROR = 9, RAD_TERM_NAS_REQUEST = 10,
	RAD_TERM_SERVICE_UNAVAILABLE = 15, RAD_TERM_CALLBACK = 16
};

#define RAD_HDR_LEN		20
#define RAD_PKT_MAX		4096
#define RAD_AUTH_LEN		16
#define RAD_ATTR_MAX		253	/* value bytes of one attribute */
#define RAD_MPPE_KEY_LEN	16
#define RAD_MS_CHAP_RESP_LEN	50	/* MS-CHAP(2)-Response value */
#define RAD_MAX_CLASS		4
#define RAD_MAX_ROUTES		8
#define RAD_ENV_MAX		256	/* one exported value, with NUL */

/* One attribute: vendor 0 for standard ones; value points into storage. */
struct rad_attr {
	uint32_t	 vendor;
	uint8_t		 type;
	uint8_t		 len;
	const uint8_t	*val;
};

/* An attribute list with its own value storage (requests, spool records). */
#define RAD_LIST_ATTRS	96
#define RAD_LIST_STORE	4096
struct rad_list {
	struct rad_attr	 a[RAD_LIST_ATTRS];
	size_t		 n;
	uint8_t		 store[RAD_LIST_STORE];
	size_t		 used;
	int		 err;		/* sticky: a value did not fit */
};

enum rad_err {
	RAD_OK = 0, RAD_E_SHORT, RAD_E_LENGTH, RAD_E_ATTR, RAD_E_VSA,
	RAD_E_TOO_MANY, RAD_E_CODE, RAD_E_AUTH, RAD_E_MSGAUTH,
	RAD_E_NO_MSGAUTH, RAD_E_KEY, RAD_E_SERVICE, RAD_E_SUCCESS,
	RAD_E_COUNT
};
extern const char *const rad_err_names[RAD_E_COUNT];

/* What an Access-Accept asks of the session (host byte order). */
struct rad_reply {
	uint32_t	 framed_ip;	/* 0: from the pool */
	int		 framed_ip_set;
	uint32_t	 framed_mask;
	uint32_t	 session_timeout, idle_timeout, interim;
	uint32_t	 mtu;
	uint32_t	 dns[2], nbns[2];
	uint32_t	 mppe_policy, mppe_types;	/* 0: not sent */
	const struct rad_attr *klass[RAD_MAX_CLASS];
	size_t		 nklass;
	const struct rad_attr *route[RAD_MAX_ROUTES];
	size_t		 nroute;
	const struct rad_attr *filter_id;
	const struct rad_attr *reply_msg;
	const struct rad_attr *send_key, *recv_key;	/* still encrypted */
	const struct rad_attr *chap2_success, *chap_error;
	const struct rad_attr *chap_mppe_keys;
};

/* Lists. */
void		 rad_list_init(struct rad_list *);
void		 rad_list_add(struct rad_list *, uint32_t, uint8_t,
		    const void *, size_t);
void		 rad_list_add_u32(struct rad_list *, uint32_t, uint8_t,
		    uint32_t);
void		 rad_list_add_str(struct rad_list *, uint32_t, uint8_t,
		    const char *);
const struct rad_attr *rad_list_find(const struct rad_attr *, size_t,
		    uint32_t, uint8_t);
uint32_t	 rad_attr_u32(const struct rad_attr *);

/* Wire codec of the attribute area (RFC 2865 §5, VSAs per §5.26). */
enum rad_err	 rad_attrs_parse(const uint8_t *, size_t, struct rad_attr *,
		    size_t, size_t *);
size_t		 rad_attrs_build(uint8_t *, size_t, const struct rad_attr *,
		    size_t);

/* Packets: header check, Response Authenticator, Message-Authenticator. */
enum rad_err	 rad_pkt_check(const uint8_t *, size_t, size_t *);
void		 rad_msgauth(const uint8_t *, size_t, const uint8_t *,
		    const void *, size_t, uint8_t[RAD_AUTH_LEN]);
enum rad_err	 rad_reply_verify(const uint8_t *, size_t,
		    const uint8_t[RAD_AUTH_LEN], const void *, size_t, int);
int		 rad_const_eq(const void *, const void *, size_t);

/* MS-CHAP credentials: PPP response layout -> RFC 2548 attribute. */
int		 rad_ms_chap_response(uint8_t[RAD_MS_CHAP_RESP_LEN], uint8_t,
		    const uint8_t *, size_t, int);

/* RFC 2548 §2.4.2/2.4.3 MS-MPPE-Send/Recv-Key, §2.4.1 MS-CHAP-MPPE-Keys. */
enum rad_err	 rad_mppe_key_decrypt(const struct rad_attr *, const void *,
		    size_t, const uint8_t[RAD_AUTH_LEN],
		    uint8_t[RAD_MPPE_KEY_LEN]);
enum rad_err	 rad_chap_mppe_keys_decrypt(const struct rad_attr *,
		    const void *, size_t, const uint8_t[RAD_AUTH_LEN],
		    uint8_t[RAD_MPPE_KEY_LEN]);

/* Text for the CHAP Success/Failure packet (RFC 2759 §5, §6). */
enum rad_err	 rad_chap2_success_text(const struct rad_attr *, uint8_t,
		    char *, size_t);
void		 rad_chap_failure_text(const struct rad_attr *,
		    const struct rad_attr *, const uint8_t *, size_t, int,
		    char *, size_t);

/* Reply mapping and export. */
enum rad_err	 rad_reply_map(const struct rad_attr *, size_t,
		    struct rad_reply *);
void		 rad_env_value(const struct rad_attr *, char *, size_t);
enum rad_term	 rad_term_cause(int);
void		 rad_split64(uint64_t, uint32_t *, uint32_t *);

#endif /* PPTPNG_RADIUS_MAP_H */
