/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_radius.c: the pppd 2.4.9 side of pptp-radius.so: radius.so's option
 * names, the PAP/CHAP/MS-CHAP hooks, MPPE key installation, the address
 * hooks, reply parameters and accounting Start/Interim/Stop with the disk
 * spool.  Attribute logic lives in radius_map.c, radcli in
 * pptp_radius_rc.c; this file never includes radcli and never calls
 * exit() or fatal() after plugin_init.
 */
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pppd_compat.h"

#include "pptp_ipc.h"
#include "pptp_radius.h"
#include "radius_spool.h"

#define DEF_CONFIG	"/etc/radcli/radiusclient.conf"
#define DEF_SPOOL	"/var/spool/pptpd-ng/radius"
#define DEF_SPOOL_MAX	10000
#define MAX_AVPAIRS	16

char pppd_version[] = PPTP_PPPD_VERSION;

/* OPT_STATIC: pppd would free() a default held in a char pointer. */
static char	 opt_config[MAXPATHLEN] = DEF_CONFIG;
static char	 opt_spool[MAXPATHLEN] = DEF_SPOOL;
static int	 opt_spool_max = DEF_SPOOL_MAX;
static bool	 opt_map_ifname = 1;
static bool	 opt_map_ttyname = 0;
static char	*avpairs[MAX_AVPAIRS];
static int	 navpairs;

static struct radc	*rc;
static char		 sess_id[17];
static uint32_t		 nas_port;

/* What the last Access-Accept granted; rep points into reply. */
static struct radc_reply reply;
static struct rad_reply	 rep;
static int		 authed;

static struct rad_spool	 spool;
static int		 acct_started, acct_stopped;
static time_t		 acct_start_time;
static uint64_t		 last_cnt[4];	/* rx/tx bytes, rx/tx packets */

static int	 opt_avpair(char **);
static int	 check_secret(void);
static enum rad_term term_cause(void);
const char	*pptp_radius_acct_session_id(void);
static int	 pap_auth(char *, char *, char **, struct wordlist **,
		    struct wordlist **);
static int	 chap_verify(char *, char *, int, struct chap_digest_type *,
		    unsigned char *, unsigned char *, char *, int);
static void	 choose_ip(u_int32_t *);
static int	 allowed_address(u_int32_t);
static void	 ev_ip_up(void *, int);
static void	 ev_ip_down(void *, int);
static void	 ev_exit(void *, int);
static void	 ev_interim(void *);
static int	 ensure_open(void);
static void	 refuse_radius_so(void);
static void	 common_attrs(struct rad_list *);
static enum radc_res auth_send(const char *, struct rad_list *);
static int	 apply_reply(void);
static void	 export_env(void);
static int	 install_keys(int, const unsigned char *);
static void	 acct_send(int);
static int	 acct_deliver(const struct rad_list *);
static int	 spool_send(void *, const struct rad_list *);
static void	 read_counters(void);
static uint32_t	 local_address(void);
static void	 make_session_id(void);
static int	 mkdirs(const char *);

void		 plugin_init(void);

static option_t options[] = {
	{ .name = "radius-config-file", .type = o_string, .addr = opt_config,
	  .description = "RADIUS client configuration file (radcli format)",
	  .flags = OPT_PRIV | OPT_STATIC, .upper_limit = MAXPATHLEN },
	{ .name = "avpair", .type = o_special, .addr = (void *)opt_avpair,
	  .description = "Attribute=value added to every RADIUS request",
	  .flags = OPT_PRIV | OPT_A2LIST },
	{ .name = "map-to-ifname", .type = o_bool, .addr = &opt_map_ifname,
	  .description = "NAS-Port is the ppp unit number (default)",
	  .flags = 1 | OPT_A2CLR, .addr2 = &opt_map_ttyname },
	{ .name = "map-to-ttyname", .type = o_bool, .addr = &opt_map_ttyname,
	  .description = "NAS-Port is the number at the end of the tty name",
	  .flags = 1 | OPT_A2CLR, .addr2 = &opt_map_ifname },
	{ .name = "radius-acct-spool", .type = o_string, .addr = opt_spool,
	  .description = "Directory for accounting records no server "
	  "accepted", .flags = OPT_PRIV | OPT_STATIC,
	  .upper_limit = MAXPATHLEN },
	{ .name = "radius-acct-spool-max", .type = o_int,
	  .addr = &opt_spool_max,
	  .description = "Most accounting records kept in the spool",
	  .flags = OPT_PRIV | OPT_LLIMIT | OPT_ULIMIT,
	  .upper_limit = 1000000, .lower_limit = 1 },
	{ .name = NULL }
};

static int
opt_avpair(char **argv)
{
	if (strchr(*argv, '=') == NULL) {
		ppp_option_error("avpair: expected Attribute=value, got %q", *argv);
		return 0;
	}
	if (navpairs == MAX_AVPAIRS) {
		ppp_option_error("avpair: at most %d", MAX_AVPAIRS);
		return 0;
	}
	avpairs[navpairs++] = strdup(*argv);
	return avpairs[navpairs - 1] != NULL;
}

/*
 * radius.so and this plugin both export rc_* style symbols and pppd loads
 * plugins RTLD_GLOBAL: running both would call the wrong library.
 */
static void
refuse_radius_so(void)
{
	if (dlsym(RTLD_DEFAULT, "radius_logged_in_user") != NULL)
		fatal("pptp-radius: refusing to run with pppd's radius.so "
		    "loaded; load only one RADIUS plugin");
}

void
plugin_init(void)
{
	refuse_radius_so();
	ppp_add_options(options);
	pap_check_hook = check_secret;
	chap_check_hook = check_secret;
	pap_auth_hook = pap_auth;
	chap_verify_hook = chap_verify;
	ip_choose_hook = choose_ip;
	allowed_address_hook = allowed_address;
	ppp_add_notify(NF_IP_UP, ev_ip_up, NULL);
	ppp_add_notify(NF_IP_DOWN, ev_ip_down, NULL);
	ppp_add_notify(NF_EXIT, ev_exit, NULL);
	make_session_id();
	info("pptp-radius: plugin loaded (pppd %s)", PPTP_PPPD_VERSION);
}

/* We supply the secrets (pppd then agrees to authenticate the peer). */
static int
check_secret(void)
{
	refuse_radius_so();	/* radius.so may have come after us */
	return 1;
}

/* 16 hex digits: seconds, pid and random bits; unique across restarts. */
static void
make_session_id(void)
{
	uint16_t	r = 0;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != sizeof(r))
		r = (uint16_t)(clock() ^ getppid());
	snprintf(sess_id, sizeof(sess_id), "%08X%04X%04X",
	    (unsigned int)time(NULL), (unsigned int)getpid() & 0xffff,
	    (unsigned int)r);
}

static int
mkdirs(const char *path)
{
	char	buf[MAXPATHLEN], *p;

	if (strlcpy(buf, path, sizeof(buf)) >= sizeof(buf))
		return -1;
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) == -1 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0700) == -1 && errno != EEXIST ? -1 : 0;
}

static int
ensure_open(void)
{
	char	err[256];
	const char *dev, *p;

	if (rc != NULL)
		return 0;
	if ((rc = radc_open(opt_config, err, sizeof(err))) == NULL) {
		error("pptp-radius: %s", err);
		return -1;
	}
	if (!radc_is_tls(rc))
		dbglog("pptp-radius: RADIUS over UDP: libradcli %s cannot "
		    "send or check Message-Authenticator; serv-type tls is "
		    "the strong option", "1.2.11");
	if (opt_map_ttyname) {
		dev = ppp_devnam();
		for (p = dev + strlen(dev);
		    p > dev && p[-1] >= '0' && p[-1] <= '9'; p--)
			;
		nas_port = (uint32_t)strtoul(p, NULL, 10);
	} else
		nas_port = (uint32_t)ppp_ifunit();
	strlcpy(spool.dir, opt_spool, sizeof(spool.dir));
	spool.max = (unsigned int)opt_spool_max;
	if (mkdirs(spool.dir) == -1)
		warn("pptp-radius: spool %s: %m", spool.dir);
	return 0;
}

/* pptp-gre.so, when loaded, knows the address the client called. */
static uint32_t
local_address(void)
{
	uint32_t (*fn)(void);

	*(void **)&fn = dlsym(RTLD_DEFAULT, "pptp_gre_local_addr");
	return fn != NULL ? fn() : 0;
}

/* Attributes of every request (RFC 2865 §5, RFC 2868 §3, RFC 2869). */
static void
common_attrs(struct rad_list *l)
{
	char		 ip[INET_ADDRSTRLEN], port_id[32];
	uint32_t	 local;
	const char	*calling;
	int		 i;

	rad_list_add_u32(l, 0, RAD_SERVICE_TYPE, 2);		/* Framed */
	rad_list_add_u32(l, 0, RAD_FRAMED_PROTOCOL, 1);		/* PPP */
	rad_list_add_u32(l, 0, RAD_NAS_PORT_TYPE, 5);		/* Virtual */
	if (ppp_ifname()[0] != '\0')
		rad_list_add_str(l, 0, RAD_NAS_PORT_ID, ppp_ifname());
	else {
		snprintf(port_id, sizeof(port_id), "ppp%u", nas_port);
		rad_list_add_str(l, 0, RAD_NAS_PORT_ID, port_id);
	}
	calling = ppp_get_remote_number();
	if (calling == NULL || calling[0] == '\0')
		calling = ppp_ipparam();
	if (calling == NULL)
		calling = "";
	rad_list_add_str(l, 0, RAD_CALLING_STATION_ID, calling);
	rad_list_add_str(l, 0, RAD_ACCT_SESSION_ID, sess_id);
	/* RFC 2868 §3.1/3.2: tag 0, PPTP (1) over IPv4 (1). */
	rad_list_add_u32(l, 0, RAD_TUNNEL_TYPE, 1);
	rad_list_add_u32(l, 0, RAD_TUNNEL_MEDIUM_TYPE, 1);
	rad_list_add_str(l, 0, RAD_TUNNEL_CLIENT_ENDPOINT, calling);
	if ((local = local_address()) != 0 &&
	    inet_ntop(AF_INET, &local, ip, sizeof(ip)) != NULL) {
		rad_list_add_str(l, 0, RAD_CALLED_STATION_ID, ip);
		rad_list_add_str(l, 0, RAD_TUNNEL_SERVER_ENDPOINT, ip);
	}
	for (i = 0; i < navpairs; i++)
		if (radc_avpair(rc, avpairs[i], l) == -1)
			warn("pptp-radius: avpair %q: unknown attribute or "
			    "bad value", avpairs[i]);
}

static enum radc_res
auth_send(const char *user, struct rad_list *l)
{
	enum radc_res	 r;

	rad_list_add_str(l, 0, RAD_USER_NAME, user);
	common_attrs(l);
	if (l->err) {
		error("pptp-radius: request too large");
		return RADC_ERROR;
	}
	r = radc_auth(rc, nas_port, l, &reply);
	switch (r) {
	case RADC_ACCEPT:
		break;
	case RADC_REJECT:
		notice("pptp-radius: %s rejected%s%s", user,
		    reply.msg[0] != '\0' ? ": " : "", reply.msg);
		break;
	case RADC_NOSERVER:
		error("pptp-radius: no RADIUS server answered for %s", user);
		break;
	case RADC_ERROR:
		error("pptp-radius: cannot send the request for %s", user);
		break;
	}
	return r;
}

/* Access-Accept -> session parameters (once: re-challenges only check). */
static int
apply_reply(void)
{
	enum rad_err	 e;
	int		 i;

	if ((e = rad_reply_map(reply.attrs.a, reply.attrs.n, &rep)) != RAD_OK) {
		error("pptp-radius: Access-Accept refused: %s",
		    rad_err_names[e]);
		return -1;
	}
	if (rep.mppe_policy == MPPE_ENC_POL_ENC_REQUIRED &&
	    ccp_wantoptions[0].mppe == 0) {
		error("pptp-radius: server requires MPPE but it is not "
		    "enabled (require-mppe-128)");
		return -1;
	}
	if (authed)
		return 0;
	authed = 1;
	if (rep.mppe_types != 0 && ccp_wantoptions[0].mppe != 0) {
		if (!(rep.mppe_types & MPPE_ENC_TYPES_RC4_128))
			ccp_wantoptions[0].mppe &= ~MPPE_OPT_128;
		if (!(rep.mppe_types & MPPE_ENC_TYPES_RC4_40))
			ccp_wantoptions[0].mppe &= ~MPPE_OPT_40;
		if ((ccp_wantoptions[0].mppe & (MPPE_OPT_128 | MPPE_OPT_40))
		    == 0) {
			error("pptp-radius: no MPPE strength left that the "
			    "server allows");
			return -1;
		}
	}
	if (rep.session_timeout > 0)
		ppp_set_max_connect_time(rep.session_timeout);
	if (rep.idle_timeout > 0)
		ppp_set_max_idle_time(rep.idle_timeout);
	for (i = 0; i < 2; i++) {
		if (rep.dns[i] != 0)
			ipcp_allowoptions[0].dnsaddr[i] = htonl(rep.dns[i]);
		if (rep.nbns[i] != 0)
			ipcp_allowoptions[0].winsaddr[i] = htonl(rep.nbns[i]);
	}
	export_env();
	return 0;
}

/* Reply attributes for ip-up/ip-down scripts (printable text only). */
static void
export_env(void)
{
	char	 v[RAD_ENV_MAX], all[1024], name[48];	/* RADIUS_FRAMED_ROUTE_ and a size_t */
	size_t	 i;

	ppp_script_setenv("RADIUS_ACCT_SESSION_ID", sess_id, 0);
	all[0] = '\0';
	for (i = 0; i < rep.nroute; i++) {
		rad_env_value(rep.route[i], v, sizeof(v));
		snprintf(name, sizeof(name), "RADIUS_FRAMED_ROUTE_%zu", i + 1);
		ppp_script_setenv(name, v, 0);
		if (i > 0)
			strlcat(all, ";", sizeof(all));
		strlcat(all, v, sizeof(all));
	}
	if (rep.nroute > 0)
		ppp_script_setenv("RADIUS_FRAMED_ROUTE", all, 0);
	if (rep.filter_id != NULL) {
		rad_env_value(rep.filter_id, v, sizeof(v));
		ppp_script_setenv("RADIUS_FILTER_ID", v, 0);
	}
	if (rep.nklass > 0) {
		rad_env_value(rep.klass[0], v, sizeof(v));
		ppp_script_setenv("RADIUS_CLASS", v, 0);
	}
#define ENV_NUM(n, x) do {						\
	if ((x) != 0) {							\
		snprintf(v, sizeof(v), "%u", (unsigned int)(x));	\
		ppp_script_setenv((n), v, 0);				\
	}								\
} while (0)
	ENV_NUM("RADIUS_SESSION_TIMEOUT", rep.session_timeout);
	ENV_NUM("RADIUS_IDLE_TIMEOUT", rep.idle_timeout);
	ENV_NUM("RADIUS_ACCT_INTERIM_INTERVAL", rep.interim);
	ENV_NUM("RADIUS_FRAMED_MTU", rep.mtu);
#undef ENV_NUM
	if (rep.framed_mask != 0) {
		uint32_t m = htonl(rep.framed_mask);

		inet_ntop(AF_INET, &m, v, sizeof(v));
		ppp_script_setenv("RADIUS_FRAMED_IP_NETMASK", v, 0);
	}
}

static int
pap_auth(char *user, char *passwd, char **msgp, struct wordlist **paddrs,
    struct wordlist **popts)
{
	static char	 msg[256];
	struct rad_list	 l;

	(void)paddrs;
	(void)popts;
	*msgp = msg;
	snprintf(msg, sizeof(msg), "Authentication failed");
	if (ensure_open() == -1)
		return 0;
	rad_list_init(&l);
	rad_list_add_str(&l, 0, RAD_USER_PASSWORD, passwd);
	if (auth_send(user, &l) != RADC_ACCEPT || apply_reply() == -1) {
		if (reply.msg[0] != '\0')
			snprintf(msg, sizeof(msg), "%.200s", reply.msg);
		return 0;
	}
	snprintf(msg, sizeof(msg), "%.200s", reply.msg[0] != '\0' ?
	    reply.msg : "Login ok");
	return 1;
}

/*
 * RFC 2548 §2.4.2/2.4.3: MS-MPPE-Send-Key is the NAS-to-client key and is
 * pppd's mppe_send_key; §2.4.1 MS-CHAP-MPPE-Keys gives MS-CHAPv1 the
 * password hash hash that pppd turns into the session key.
 */
static int
install_keys(int code, const unsigned char *chal)
{
	uint8_t		 s[RAD_MPPE_KEY_LEN], r[RAD_MPPE_KEY_LEN];
	enum rad_err	 e;

	if (code == CHAP_MICROSOFT_V2) {
		if (rep.send_key == NULL && rep.recv_key == NULL)
			return 0;
		if ((e = rad_mppe_key_decrypt(rep.send_key, reply.secret,
		    reply.secret_len, reply.reqauth, s)) != RAD_OK ||
		    (e = rad_mppe_key_decrypt(rep.recv_key, reply.secret,
		    reply.secret_len, reply.reqauth, r)) != RAD_OK) {
			error("pptp-radius: MS-MPPE keys: %s",
			    rad_err_names[e]);
			return -1;
		}
		pptp_mppe_set_keys(s, r, (int)sizeof(s));
	} else if (code == CHAP_MICROSOFT) {
		if (rep.chap_mppe_keys == NULL)
			return 0;
		if ((e = rad_chap_mppe_keys_decrypt(rep.chap_mppe_keys,
		    reply.secret, reply.secret_len, reply.reqauth, s)) !=
		    RAD_OK) {
			error("pptp-radius: MS-CHAP-MPPE-Keys: %s",
			    rad_err_names[e]);
			return -1;
		}
		memcpy(r, chal, 8);	/* MS-CHAPv1: an 8-byte challenge */
		mppe_set_chapv1(r, s);
	}
	explicit_bzero(s, sizeof(s));
	explicit_bzero(r, sizeof(r));
	return 0;
}

/* pppd 2.4.9 chap-new.c: challenge and response are length-prefixed. */
static int
chap_verify(char *name, char *ourname, int id, struct chap_digest_type *dt,
    unsigned char *challenge, unsigned char *response, char *message,
    int space)
{
	struct rad_list	 l;
	uint8_t		 ms[RAD_MS_CHAP_RESP_LEN], cp[17];
	const uint8_t	*chal = challenge + 1, *resp = response + 1;
	size_t		 chlen = challenge[0], rlen = response[0];
	int		 ms_kind = 0;
	enum radc_res	 r;

	(void)ourname;
	snprintf(message, (size_t)space, "Access denied");
	if (ensure_open() == -1)
		goto fail;
	rad_list_init(&l);
	switch (dt->code) {
	case CHAP_MD5:
		if (rlen != 16)
			goto fail;
		cp[0] = (uint8_t)id;
		memcpy(cp + 1, resp, 16);
		rad_list_add(&l, 0, RAD_CHAP_CHALLENGE, chal, chlen);
		rad_list_add(&l, 0, RAD_CHAP_PASSWORD, cp, sizeof(cp));
		break;
	case CHAP_MICROSOFT:
	case CHAP_MICROSOFT_V2:
		ms_kind = 1;
		if (rad_ms_chap_response(ms, (uint8_t)id, resp, rlen,
		    dt->code == CHAP_MICROSOFT_V2) == -1)
			goto fail;
		rad_list_add(&l, RAD_VENDOR_MS, MS_CHAP_CHALLENGE, chal,
		    chlen);
		rad_list_add(&l, RAD_VENDOR_MS, dt->code == CHAP_MICROSOFT_V2 ?
		    MS_CHAP2_RESPONSE : MS_CHAP_RESPONSE, ms, sizeof(ms));
		break;
	default:
		error("pptp-radius: CHAP digest %d not supported", dt->code);
		goto fail;
	}
	r = auth_send(name, &l);
	if (r != RADC_ACCEPT) {
		if (r == RADC_REJECT)
			(void)rad_reply_map(reply.attrs.a, reply.attrs.n, &rep);
		else
			memset(&rep, 0, sizeof(rep));
		rad_chap_failure_text(rep.chap_error, rep.reply_msg, chal,
		    chlen, ms_kind, message, (size_t)space);
		return 0;
	}
	if (apply_reply() == -1)
		goto fail;
	if (dt->code == CHAP_MICROSOFT_V2 &&
	    rad_chap2_success_text(rep.chap2_success, (uint8_t)id, message,
	    (size_t)space) != RAD_OK) {
		error("pptp-radius: Access-Accept without a valid "
		    "MS-CHAP2-Success");
		goto fail;
	}
	if (install_keys(dt->code, chal) == -1)
		goto fail;
	if (ccp_wantoptions[0].mppe != 0 && ms_kind && !mppe_keys_isset()) {
		error("pptp-radius: MPPE is required but the server sent no "
		    "keys");
		goto fail;
	}
	if (dt->code != CHAP_MICROSOFT_V2)
		snprintf(message, (size_t)space, "Access granted");
	return 1;
 fail:
	rad_chap_failure_text(NULL, NULL, chal, chlen, ms_kind, message,
	    (size_t)space);
	return 0;
}

/* ipcp.c calls this when IPCP (re)starts: RADIUS's address wins. */
static void
choose_ip(u_int32_t *addr)
{
	if (authed && rep.framed_ip_set)
		*addr = htonl(rep.framed_ip);
}

/*
 * auth.c: 1 allows, 0 refuses.  Without this hook a RADIUS user gets no
 * address at all (pppd found no secrets line to take them from).
 */
static int
allowed_address(u_int32_t addr)
{
	if (authed && rep.framed_ip_set)
		return addr == htonl(rep.framed_ip);
	return ipcp_wantoptions[0].hisaddr != 0 &&
	    addr == ipcp_wantoptions[0].hisaddr;
}

/* 64-bit counters from the kernel; interface rx is Acct-Input. */
static void
read_counters(void)
{
	static const char *const names[4] = {
		"rx_bytes", "tx_bytes", "rx_packets", "tx_packets"
	};
	char	 path[128];
	FILE	*f;
	unsigned long long v;
	ppp_link_stats_st st;
	int	 i, ok = 0;

	for (i = 0; i < 4 && ppp_ifname()[0] != '\0'; i++) {
		snprintf(path, sizeof(path), "/sys/class/net/%s/statistics/%s",
		    ppp_ifname(), names[i]);
		if ((f = fopen(path, "re")) == NULL)
			continue;
		if (fscanf(f, "%llu", &v) == 1) {
			last_cnt[i] = v;
			ok++;
		}
		fclose(f);
	}
	if (ok == 4)
		return;
	if (ppp_get_link_stats(&st)) {
		last_cnt[0] = st.bytes_in;
		last_cnt[1] = st.bytes_out;
		last_cnt[2] = st.pkts_in;
		last_cnt[3] = st.pkts_out;
	}
}

/*
 * Acct-Terminate-Cause: Admin-Reset when pptpd-ng said an administrator
 * ended the call (pptp-gre.so keeps its note), else from pppd's status.
 */
static enum rad_term
term_cause(void)
{
	const char	*(*why)(void), *r;

	why = (const char *(*)(void))dlsym(RTLD_DEFAULT, PPTP_IPC_SYM_HANGUP);
	if (why != NULL && (r = why()) != NULL &&
	    strcmp(r, PPTP_IPC_REASON_ADMIN) == 0)
		return RAD_TERM_ADMIN_RESET;
	return rad_term_cause(ppp_status());
}

/* For pptp-gre.so, which tells pptpd-ng (RFC 5176 Disconnect by it). */
__attribute__((visibility("default"))) const char *
pptp_radius_acct_session_id(void)
{
	return sess_id[0] != '\0' ? sess_id : NULL;
}

/* RFC 2866 Accounting-Request of the given Acct-Status-Type. */
static void
acct_send(int type)
{
	struct rad_list	 l;
	char		 name[MAXNAMELEN];
	uint32_t	 lo, giga;
	size_t		 i;
	time_t		 now = time(NULL);

	if (ensure_open() == -1)
		return;
	rad_list_init(&l);
	rad_list_add_str(&l, 0, RAD_USER_NAME,
	    ppp_peer_authname(name, sizeof(name)));
	common_attrs(&l);
	rad_list_add_u32(&l, 0, RAD_ACCT_STATUS_TYPE, (uint32_t)type);
	rad_list_add_u32(&l, 0, RAD_ACCT_AUTHENTIC, 1);		/* RADIUS */
	rad_list_add_u32(&l, 0, RAD_EVENT_TIMESTAMP, (uint32_t)now);
	rad_list_add_u32(&l, 0, RAD_ACCT_DELAY_TIME, 0);
	if (ipcp_hisoptions[0].hisaddr != 0)
		rad_list_add_u32(&l, 0, RAD_FRAMED_IP_ADDRESS,
		    ntohl(ipcp_hisoptions[0].hisaddr));
	for (i = 0; i < rep.nklass; i++)
		rad_list_add(&l, 0, RAD_CLASS, rep.klass[i]->val,
		    rep.klass[i]->len);
	if (type != RAD_ACCT_START) {
		rad_list_add_u32(&l, 0, RAD_ACCT_SESSION_TIME,
		    (uint32_t)(now - acct_start_time));
		rad_split64(last_cnt[0], &lo, &giga);
		rad_list_add_u32(&l, 0, RAD_ACCT_INPUT_OCTETS, lo);
		rad_list_add_u32(&l, 0, RAD_ACCT_INPUT_GIGAWORDS, giga);
		rad_split64(last_cnt[1], &lo, &giga);
		rad_list_add_u32(&l, 0, RAD_ACCT_OUTPUT_OCTETS, lo);
		rad_list_add_u32(&l, 0, RAD_ACCT_OUTPUT_GIGAWORDS, giga);
		rad_list_add_u32(&l, 0, RAD_ACCT_INPUT_PACKETS,
		    (uint32_t)last_cnt[2]);
		rad_list_add_u32(&l, 0, RAD_ACCT_OUTPUT_PACKETS,
		    (uint32_t)last_cnt[3]);
	}
	if (type == RAD_ACCT_STOP)
		rad_list_add_u32(&l, 0, RAD_ACCT_TERMINATE_CAUSE,
		    (uint32_t)term_cause());
	if (l.err) {
		error("pptp-radius: accounting request too large");
		return;
	}
	(void)acct_deliver(&l);
}

static int
spool_send(void *arg, const struct rad_list *l)
{
	(void)arg;
	return radc_acct(rc, nas_port, l) == RADC_ACCEPT ? 0 : -1;
}

/*
 * Never lose a record: older spooled records go first (replayed in
 * order); if any remain, or no server takes this one, it joins the
 * spool behind them.
 */
static int
acct_deliver(const struct rad_list *l)
{
	struct rad_spool_rec	*sr;
	struct timeval		 tv;
	unsigned int		 sent = 0;
	size_t			 i;
	int			 left, e;

	left = rad_spool_replay(&spool, (uint64_t)time(NULL), spool_send,
	    NULL, &sent);
	if (sent > 0)
		info("pptp-radius: replayed %u spooled accounting record%s",
		    sent, sent == 1 ? "" : "s");
	if (left == 0 && spool_send(NULL, l) == 0)
		return 0;
	if ((sr = calloc(1, sizeof(*sr))) == NULL)
		goto lost;
	gettimeofday(&tv, NULL);
	sr->created = (uint64_t)tv.tv_sec;
	sr->delay = 0;
	rad_list_init(&sr->attrs);
	for (i = 0; i < l->n; i++)
		if (!(l->a[i].vendor == 0 &&
		    l->a[i].type == RAD_ACCT_DELAY_TIME))
			rad_list_add(&sr->attrs, l->a[i].vendor, l->a[i].type,
			    l->a[i].val, l->a[i].len);
	e = rad_spool_put(&spool, sr,
	    (uint64_t)tv.tv_sec * 1000000 + (uint64_t)tv.tv_usec,
	    (uint32_t)getpid());
	free(sr);
	if (e == 0) {
		warn("pptp-radius: accounting record spooled in %s "
		    "(no server accepted it)", spool.dir);
		return -1;
	}
	errno = -e;
 lost:
	error("pptp-radius: accounting record LOST (spool %s: %m)",
	    spool.dir);
	return -1;
}

static void
ev_interim(void *arg)
{
	(void)arg;
	if (!acct_started || acct_stopped)
		return;
	read_counters();
	acct_send(RAD_ACCT_INTERIM);
	ppp_timeout(ev_interim, NULL, (int)rep.interim, 0);
}

static void
ev_ip_up(void *arg, int unused)
{
	(void)arg;
	(void)unused;
	if (!authed || acct_started)
		return;
	if (rep.mtu != 0 && (int)rep.mtu < ppp_get_mtu(ppp_ifunit()))
		ppp_set_mtu(ppp_ifunit(), (int)rep.mtu);
	acct_started = 1;
	acct_start_time = time(NULL);
	memset(last_cnt, 0, sizeof(last_cnt));
	acct_send(RAD_ACCT_START);
	if (rep.interim > 0)
		ppp_timeout(ev_interim, NULL, (int)rep.interim, 0);
}

static void
ev_ip_down(void *arg, int unused)
{
	(void)arg;
	(void)unused;
	if (!acct_started || acct_stopped)
		return;
	ppp_untimeout(ev_interim, NULL);
	read_counters();
	acct_stopped = 1;
	acct_send(RAD_ACCT_STOP);
}

/* pppd is exiting without IPCP going down first (fatal paths). */
static void
ev_exit(void *arg, int unused)
{
	(void)arg;
	(void)unused;
	if (acct_started && !acct_stopped) {
		acct_stopped = 1;
		acct_send(RAD_ACCT_STOP);
	}
	explicit_bzero(&reply, sizeof(reply));
	radc_close(rc);
	rc = NULL;
}
