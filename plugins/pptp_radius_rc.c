/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pptp_radius_rc.c: the radcli side of pptp-radius.so: reads a
 * radiusclient.conf, makes sure the RFC 2548 Microsoft dictionary is
 * loaded, turns our attribute lists into radcli's VALUE_PAIRs and back,
 * and sends (blocking, with radcli's retries and server failover).
 * Must not include pppd headers or interpret attributes.
 */
#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <radcli/radcli.h>

#include "pptp_radius.h"

struct radc {
	rc_handle	*rh;
};

/* RFC 2548 attributes, for dictionaries that do not include them. */
static const char ms_dict[] =
    "VENDOR Microsoft 311\n"
    "ATTRIBUTE MS-CHAP-Response 1 string Microsoft\n"
    "ATTRIBUTE MS-CHAP-Error 2 string Microsoft\n"
    "ATTRIBUTE MS-MPPE-Encryption-Policy 7 string Microsoft\n"
    "ATTRIBUTE MS-MPPE-Encryption-Types 8 string Microsoft\n"
    "ATTRIBUTE MS-RAS-Vendor 9 integer Microsoft\n"
    "ATTRIBUTE MS-CHAP-Challenge 11 string Microsoft\n"
    "ATTRIBUTE MS-CHAP-MPPE-Keys 12 string Microsoft\n"
    "ATTRIBUTE MS-MPPE-Send-Key 16 string Microsoft\n"
    "ATTRIBUTE MS-MPPE-Recv-Key 17 string Microsoft\n"
    "ATTRIBUTE MS-CHAP2-Response 25 string Microsoft\n"
    "ATTRIBUTE MS-CHAP2-Success 26 string Microsoft\n"
    "ATTRIBUTE MS-Primary-DNS-Server 28 ipaddr Microsoft\n"
    "ATTRIBUTE MS-Secondary-DNS-Server 29 ipaddr Microsoft\n"
    "ATTRIBUTE MS-Primary-NBNS-Server 30 ipaddr Microsoft\n"
    "ATTRIBUTE MS-Secondary-NBNS-Server 31 ipaddr Microsoft\n";

static int	 to_pairs(rc_handle *, const struct rad_list *, VALUE_PAIR **);
static void	 from_pairs(VALUE_PAIR *, struct rad_list *);

struct radc *
radc_open(const char *path, char *err, size_t errlen)
{
	struct radc	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	/* rc_read_config also reads the file's `dictionary`. */
	if ((c->rh = rc_read_config(path)) == NULL) {
		snprintf(err, errlen, "cannot read %s (see syslog)", path);
		free(c);
		return NULL;
	}
	if (rc_dict_getvend(c->rh, RAD_VENDOR_MS) == NULL &&
	    rc_read_dictionary_from_buffer(c->rh, ms_dict,
	    sizeof(ms_dict) - 1) != 0) {
		snprintf(err, errlen, "cannot load the Microsoft dictionary");
		rc_destroy(c->rh);
		free(c);
		return NULL;
	}
	return c;
}

void
radc_close(struct radc *c)
{
	if (c == NULL)
		return;
	rc_destroy(c->rh);
	free(c);
}

int
radc_is_tls(const struct radc *c)
{
	rc_socket_type t = rc_get_socket_type(c->rh);

	return t == RC_SOCKET_TLS || t == RC_SOCKET_DTLS;
}

/*
 * One `avpair Attribute=value` option (radius.so's syntax): the name from
 * the dictionary, the value by the attribute's type (a dictionary VALUE
 * name or a number for integers, dotted quad for addresses).
 */
int
radc_avpair(struct radc *c, const char *s, struct rad_list *l)
{
	char		 name[NAME_LENGTH + 1];
	const char	*eq = strchr(s, '=');
	DICT_ATTR	*d;
	DICT_VALUE	*dv;
	struct in_addr	 in;
	char		*end;
	unsigned long	 v;
	size_t		 n;

	if (eq == NULL || (n = (size_t)(eq - s)) == 0 || n > NAME_LENGTH)
		return -1;
	memcpy(name, s, n);
	name[n] = '\0';
	if ((d = rc_dict_findattr(c->rh, name)) == NULL)
		return -1;
	eq++;
	switch (d->type) {
	case PW_TYPE_INTEGER:
	case PW_TYPE_DATE:
		if ((dv = rc_dict_findval(c->rh, eq)) != NULL)
			v = (unsigned long)dv->value;
		else {
			errno = 0;
			v = strtoul(eq, &end, 10);
			if (errno != 0 || *eq == '\0' || *end != '\0' ||
			    v > 0xffffffffUL)
				return -1;
		}
		rad_list_add_u32(l, VENDOR(d->value), (uint8_t)ATTRID(d->value),
		    (uint32_t)v);
		break;
	case PW_TYPE_IPADDR:
		if (inet_pton(AF_INET, eq, &in) != 1)
			return -1;
		rad_list_add_u32(l, VENDOR(d->value), (uint8_t)ATTRID(d->value),
		    ntohl(in.s_addr));
		break;
	default:
		rad_list_add_str(l, VENDOR(d->value), (uint8_t)ATTRID(d->value),
		    eq);
		break;
	}
	return l->err ? -1 : 0;
}

/*
 * Integers, dates and addresses travel as 4 big-endian bytes in our lists
 * and as host-order uint32_t in radcli; everything else is bytes.  An
 * attribute the dictionary does not know cannot be sent by radcli: -1.
 */
static int
to_pairs(rc_handle *rh, const struct rad_list *l, VALUE_PAIR **out)
{
	DICT_ATTR	*d;
	uint32_t	 v;
	int		 id;
	size_t		 i;

	*out = NULL;
	for (i = 0; i < l->n; i++) {
		id = (int)(l->a[i].type | l->a[i].vendor << 16);
		if ((d = rc_dict_getattr(rh, id)) == NULL)
			goto bad;
		switch (d->type) {
		case PW_TYPE_INTEGER:
		case PW_TYPE_DATE:
		case PW_TYPE_IPADDR:
			if (l->a[i].len != 4)
				goto bad;
			v = rad_attr_u32(&l->a[i]);
			if (rc_avpair_add(rh, out, (int)l->a[i].type, &v, 4,
			    (int)l->a[i].vendor) == NULL)
				goto bad;
			break;
		case PW_TYPE_STRING:
		case PW_TYPE_IPV6ADDR:
		case PW_TYPE_IPV6PREFIX:
			if (rc_avpair_add(rh, out, (int)l->a[i].type,
			    l->a[i].val, l->a[i].len,
			    (int)l->a[i].vendor) == NULL)
				goto bad;
			break;
		}
	}
	return 0;
 bad:
	rc_avpair_free(*out);
	*out = NULL;
	return -1;
}

static void
from_pairs(VALUE_PAIR *vp, struct rad_list *l)
{
	char		*raw;
	unsigned int	 len;

	rad_list_init(l);
	for (; vp != NULL; vp = vp->next) {
		switch (vp->type) {
		case PW_TYPE_INTEGER:
		case PW_TYPE_DATE:
		case PW_TYPE_IPADDR:
			rad_list_add_u32(l, VENDOR(vp->attribute),
			    (uint8_t)ATTRID(vp->attribute), vp->lvalue);
			break;
		case PW_TYPE_STRING:
		case PW_TYPE_IPV6ADDR:
		case PW_TYPE_IPV6PREFIX:
			if (rc_avpair_get_raw(vp, &raw, &len) != 0)
				continue;
			rad_list_add(l, VENDOR(vp->attribute),
			    (uint8_t)ATTRID(vp->attribute), raw, len);
			break;
		}
	}
}

enum radc_res
radc_auth(struct radc *c, uint32_t port, const struct rad_list *req,
    struct radc_reply *rep)
{
	RC_AAA_CTX	*ctx = NULL;
	VALUE_PAIR	*send, *recv = NULL;
	const char	*secret;
	const void	*vec;
	enum radc_res	 res;
	int		 rc;

	memset(rep, 0, sizeof(*rep));
	rad_list_init(&rep->attrs);
	if (to_pairs(c->rh, req, &send) == -1)
		return RADC_ERROR;
	rc = rc_aaa_ctx(c->rh, &ctx, port, send, &recv, rep->msg, 1,
	    PW_ACCESS_REQUEST);
	switch (rc) {
	case OK_RC:
		res = RADC_ACCEPT;
		break;
	case REJECT_RC:
	case CHALLENGE_RC:
		res = RADC_REJECT;
		break;
	case TIMEOUT_RC:
		res = RADC_NOSERVER;
		break;
	default:
		res = RADC_ERROR;
		break;
	}
	if (ctx != NULL) {
		secret = rc_aaa_ctx_get_secret(ctx);
		vec = rc_aaa_ctx_get_vector(ctx);
		if (secret != NULL) {
			rep->secret_len = strnlen(secret,
			    sizeof(rep->secret) - 1);
			memcpy(rep->secret, secret, rep->secret_len);
		}
		if (vec != NULL)
			memcpy(rep->reqauth, vec, RAD_AUTH_LEN);
		rc_aaa_ctx_free(ctx);
	}
	from_pairs(recv, &rep->attrs);
	rc_avpair_free(recv);
	rc_avpair_free(send);
	return res;
}

enum radc_res
radc_acct(struct radc *c, uint32_t port, const struct rad_list *req)
{
	VALUE_PAIR	*send;
	int		 rc;

	if (to_pairs(c->rh, req, &send) == -1)
		return RADC_ERROR;
	rc = rc_aaa(c->rh, port, send, NULL, NULL, 1, PW_ACCOUNTING_REQUEST);
	rc_avpair_free(send);
	switch (rc) {
	case OK_RC:
		return RADC_ACCEPT;
	case TIMEOUT_RC:
		return RADC_NOSERVER;
	default:
		return RADC_ERROR;
	}
}
