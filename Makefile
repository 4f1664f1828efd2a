# SPDX-License-Identifier: GPL-2.0-or-later
#
# pptpd-ng: the one non-recursive Makefile for every component.  Objects go
# under $(B) (build/ by default); user CFLAGS/CPPFLAGS/LDFLAGS come last.
# Targets: all check check-unit check-fuzz check-vm sanitize fuzz bench lint
# demo deps install uninstall clean.  `make V=1` shows the commands.

PREFIX		?= /usr/local
SBINDIR		?= $(PREFIX)/sbin
MANDIR		?= $(PREFIX)/share/man
DATADIR		?= $(PREFIX)/share
SYSCONFDIR	?= /etc
MIBDIR		?= $(DATADIR)/snmp/mibs
DOCDIR		?= $(DATADIR)/doc/pptpd-ng
EXAMPLESDIR	?= $(DOCDIR)/examples
DESTDIR		?=

PKG_CONFIG	?= pkg-config
CC		?= cc
AR		?= ar
CLANG		?= clang

# pppd's plugin directory: pppd.pc (2.5+) knows it; 2.4.x only has its
# version in patchlevel.h and installs plugins in /usr/lib/pppd/VERSION.
PPPD_VERSION	:= $(shell sed -n 's/^\#define VERSION[ \t]*"\(.*\)"/\1/p' \
		     /usr/include/pppd/patchlevel.h 2>/dev/null)
PLUGINDIR	?= $(or $(shell $(PKG_CONFIG) --variable=plugindir pppd \
		     2>/dev/null),/usr/lib/pppd/$(PPPD_VERSION))
# systemd's directories, as systemd.pc names them (Debian's when absent).
UNITDIR		?= $(or $(shell $(PKG_CONFIG) --variable=systemdsystemunitdir \
		     systemd 2>/dev/null),/lib/systemd/system)
SYSUSERSDIR	?= $(or $(shell $(PKG_CONFIG) --variable=sysusersdir \
		     systemd 2>/dev/null),/usr/lib/sysusers.d)

CFLAGS		?= -O2 -g
B		?= build

WARNINGS	:= -Wall -Wextra -Wshadow -Wpointer-arith -Wcast-qual \
		   -Wstrict-prototypes -Wmissing-prototypes \
		   -Wmissing-declarations -Wsign-compare \
		   -Wimplicit-fallthrough -Wformat=2 -Wvla
ifneq ($(CI),)
WERROR		?= 1
endif
ifeq ($(WERROR),1)
WARNINGS	+= -Werror
endif

ifeq ($(SAN),1)
SAN_FLAGS	:= -fsanitize=address,undefined -fno-omit-frame-pointer \
		   -fno-sanitize-recover=undefined
endif

PROJ_CFLAGS	:= -std=c11 -D_GNU_SOURCE -fPIC $(WARNINGS) -MMD -MP $(SAN_FLAGS)
ALL_CFLAGS	 = $(PROJ_CFLAGS) $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS	 = $(SAN_FLAGS) $(LDFLAGS)

pc_cflags	= $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs		= $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)
CHECK_CFLAGS	:= $(call pc_cflags,check)
CHECK_LIBS	:= $(call pc_libs,check)
EVENT_CFLAGS	:= $(call pc_cflags,libevent)
EVENT_LIBS	:= $(call pc_libs,libevent)
SSL_LIBS	:= $(call pc_libs,libcrypto)
RADCLI_CFLAGS	:= $(call pc_cflags,radcli)
RADCLI_LIBS	:= $(call pc_libs,radcli)
SNMP_CFLAGS	:= $(shell net-snmp-config --cflags 2>/dev/null)
SNMP_LIBS	:= $(shell net-snmp-config --agent-libs 2>/dev/null)

ifeq ($(V),1)
Q		:=
msg		:= @true
else
Q		:= @
msg		:= @printf '  %-8s %s\n'
endif

.DEFAULT_GOAL	:= all
.SECONDARY:
.PHONY: all check check-unit check-fuzz check-vm sanitize fuzz bench lint \
	demo deps install uninstall clean

# ---------------------------------------------------------------- gre/
# The pure enhanced-GRE engine.  Every gre/*.c is part of libgre.a.
GRE_SRCS	:= $(wildcard gre/*.c)
GRE_OBJS	:= $(GRE_SRCS:%.c=$(B)/%.o)
LIBGRE		:= $(B)/libgre.a

# ---------------------------------------------------------------- pptp-ctrl/
# libpptpctrl.a holds every pptp-ctrl/*.c except the files with a main().
CTRL_MAINS	:= pptp-ctrl/pptpd.c pptp-ctrl/pptpctl.c
CTRL_SRCS	:= $(filter-out $(CTRL_MAINS),$(wildcard pptp-ctrl/*.c))
CTRL_OBJS	:= $(CTRL_SRCS:%.c=$(B)/%.o)
LIBCTRL		:= $(B)/libpptpctrl.a

PROGS		:= $(if $(wildcard pptp-ctrl/pptpd.c),$(B)/pptpd-ng) \
		   $(if $(wildcard pptp-ctrl/pptpctl.c),$(B)/pptpctl)

# ---------------------------------------------------------------- plugins/
# Pure code of the plugins (no pppd), also linked into the Check suites:
# libplugpure.a.  pptp-gre.so is the pppd shell (plugins/pptp_gre*.c,
# compiled against pppd 2.4.9's headers) plus the pure code it needs; its
# undefined symbols resolve from pppd at dlopen time.
PLUG_PURE_SRCS	:= plugins/hdlc.c plugins/l2tp_frame.c plugins/pppoe_frame.c \
		   plugins/pptp_opt.c
PLUG_PURE_OBJS	:= $(PLUG_PURE_SRCS:%.c=$(B)/%.o)
LIBPLUG		:= $(B)/libplugpure.a
PPTPGRE_SRCS	:= $(wildcard plugins/pptp_gre*.c)
PPTPGRE_OBJS	:= $(PPTPGRE_SRCS:%.c=$(B)/%.o) $(PLUG_PURE_OBJS) \
		   $(GRE_OBJS) $(B)/pptp-ctrl/ipc_wire.o
# Client role: the control codec, framing and the PNS FSM.
PPTPGRE_OBJS	+= $(B)/pptp-ctrl/ctrl_wire.o $(B)/pptp-ctrl/ctrl_frame.o \
		   $(B)/pptp-ctrl/pns_fsm.o
PLUGINS		:= $(if $(PPTPGRE_SRCS),$(B)/pptp-gre.so)

# ---------------------------------------------------------------- snmp/
# snmp/snmp_rows.c is pure (MIB mapping; libsnmpa.a, also in the Check
# suites); the other snmp/*.c are the net-snmp shell of pptpd-ng-snmp,
# built only where net-snmp-config exists.
SNMPA_PURE_SRCS	:= $(wildcard snmp/snmp_rows.c)
SNMPA_PURE_OBJS	:= $(SNMPA_PURE_SRCS:%.c=$(B)/%.o)
LIBSNMPA	:= $(if $(SNMPA_PURE_SRCS),$(B)/libsnmpa.a)
SNMPA_SRCS	:= $(filter-out $(SNMPA_PURE_SRCS),$(wildcard snmp/*.c))
SNMPA_OBJS	:= $(SNMPA_SRCS:%.c=$(B)/%.o)
PROGS		+= $(if $(and $(SNMPA_SRCS),$(SNMP_LIBS)),$(B)/pptpd-ng-snmp)

$(B)/libsnmpa.a: $(SNMPA_PURE_OBJS)
	$(msg) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

LIBS		:= $(LIBSNMPA) $(if $(CTRL_SRCS),$(LIBCTRL)) \
		   $(if $(GRE_SRCS),$(LIBGRE)) $(LIBPLUG)

$(SNMPA_OBJS): ALL_CFLAGS += $(SNMP_CFLAGS)
$(B)/pptpd-ng-snmp: $(SNMPA_OBJS) $(LIBSNMPA) $(LIBS)
	$(msg) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(SNMP_LIBS)

# ---------------------------------------------------------------- radius
# pptp-radius.so: the pppd shell (plugins/pptp_radius.c) and the radcli
# shell (plugins/pptp_radius_rc.c) over the radius code that knows neither
# (libradius.a: pure radius_map.c, radius_spool.c and the spool's file
# shell radius_spool_io.c, also linked into the Check suites and fuzzers).
RADIUS_PURE_SRCS := plugins/radius_map.c plugins/radius_spool.c
RADIUS_LIB_SRCS	:= $(RADIUS_PURE_SRCS) plugins/radius_spool_io.c
RADIUS_LIB_OBJS	:= $(RADIUS_LIB_SRCS:%.c=$(B)/%.o)
LIBRADIUS	:= $(B)/libradius.a
PPTPRAD_SRCS	:= $(wildcard plugins/pptp_radius*.c)
PPTPRAD_OBJS	:= $(PPTPRAD_SRCS:%.c=$(B)/%.o) $(RADIUS_LIB_OBJS)
PLUGINS		+= $(B)/pptp-radius.so
LIBS		+= $(LIBRADIUS)

$(LIBRADIUS): $(RADIUS_LIB_OBJS)
	$(msg) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(B)/plugins/pptp_radius_rc.o: ALL_CFLAGS += $(RADCLI_CFLAGS)
$(B)/pptp-radius.so: $(PPTPRAD_OBJS)
	$(msg) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -shared -o $@ $^ $(RADCLI_LIBS) $(SSL_LIBS)

all: $(LIBS) $(PROGS) $(PLUGINS)

$(LIBPLUG): $(PLUG_PURE_OBJS)
	$(msg) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(B)/pptp-gre.so: $(PPTPGRE_OBJS)
	$(msg) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -shared -o $@ $^

$(LIBGRE): $(GRE_OBJS)
$(LIBCTRL): $(CTRL_OBJS)
$(LIBGRE) $(LIBCTRL):
	$(msg) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(B)/pptp-ctrl/%.o: ALL_CFLAGS += $(EVENT_CFLAGS)
$(B)/pptp-ctrl/pptpd.o: ALL_CFLAGS += -DPPTPNG_PLUGINDIR='"$(PLUGINDIR)"'

$(B)/pptpd-ng: $(B)/pptp-ctrl/pptpd.o $(LIBS)
	$(msg) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(EVENT_LIBS) $(SSL_LIBS)

$(B)/pptpctl: $(B)/pptp-ctrl/pptpctl.o $(LIBS)
	$(msg) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(msg) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# ---------------------------------------------------------------- tests
# Every tests/check_*.c is one Check suite binary, linked with
# tests/check_main.c and all project libraries (the linker takes only
# what the suite uses).
CHECK_SRCS	:= $(wildcard tests/check_*.c)
CHECK_BINS	:= $(patsubst tests/%.c,$(B)/tests/%,\
		   $(filter-out tests/check_main.c,$(CHECK_SRCS)))
# Shared test helpers (simulators, vectors): tests/lib/*.c -> libtest.a.
TESTLIB_SRCS	:= $(wildcard tests/lib/*.c)
TESTLIB_OBJS	:= $(TESTLIB_SRCS:%.c=$(B)/%.o)
LIBTEST		:= $(if $(TESTLIB_SRCS),$(B)/libtest.a)
$(B)/libtest.a: $(TESTLIB_OBJS)
	$(msg) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(B)/tests/%.o: ALL_CFLAGS += $(CHECK_CFLAGS)
$(B)/tests/check_%: $(B)/tests/check_%.o $(B)/tests/check_main.o $(LIBTEST) $(LIBS)
	$(msg) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(EVENT_LIBS) \
	    $(SSL_LIBS) -lm

# Micro-benchmarks: tests/bench/bench_*.c, plain programs.
BENCH_SRCS	:= $(wildcard tests/bench/bench_*.c)
BENCH_BINS	:= $(BENCH_SRCS:tests/bench/%.c=$(B)/tests/bench/%)
$(B)/tests/bench/bench_%: $(B)/tests/bench/bench_%.o $(LIBTEST) $(LIBS)
	$(msg) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^
# bench_pump runs the user-mode pump itself (no pppd in it).
$(B)/tests/bench/bench_pump: $(B)/tests/bench/bench_pump.o \
		$(B)/plugins/pptp_gre_pump.o $(LIBTEST) $(LIBS)
	$(msg) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^
# bare-pptp.so: the VM bench's PPTP ceiling, a pppd plugin with none of
# our code (pppd over pptp.ko with fixed call IDs).  Built by check too,
# so that it cannot rot between benches.
BARE_PLUGIN	:= $(B)/tests/bench/bare-pptp.so
$(BARE_PLUGIN): $(B)/tests/bench/bare_pptp.o
	$(msg) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -shared -o $@ $^

# libFuzzer targets: tests/fuzz/fuzz_*.c built with clang into
# $(B)/fuzz/, each linked against its own instrumented copy of the sources.
FUZZ_SRCS	:= $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS	:= $(FUZZ_SRCS:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_CFLAGS	:= -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined
# Only the pure modules: the daemon's I/O shell files need libevent and main().
CTRL_SHELL	:= pptp-ctrl/conn.c pptp-ctrl/callmgr.c pptp-ctrl/listener.c \
		   pptp-ctrl/privsep.c \
		   pptp-ctrl/control.c pptp-ctrl/dae.c
FUZZ_LIBSRCS	:= $(GRE_SRCS) $(filter-out $(CTRL_SHELL),$(CTRL_SRCS)) \
		   $(PLUG_PURE_SRCS)
FUZZ_LIBSRCS	+= $(RADIUS_PURE_SRCS)
$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIBSRCS) $(wildcard gre/*.h pptp-ctrl/*.h plugins/*.h)
	@mkdir -p $(@D)
	$(msg) FUZZ $@
	$(Q)$(CLANG) $(FUZZ_CFLAGS) $(EVENT_CFLAGS) -o $@ $< $(FUZZ_LIBSRCS) \
	    $(EVENT_LIBS) $(SSL_LIBS)

FUZZ_SECONDS	?= 60
CHECK_FUZZ_SECONDS ?= 10

check-unit: $(CHECK_BINS)
	$(Q)tests/run-checks.sh --unit $(CHECK_BINS)

check-fuzz:
	$(Q)tests/run-checks.sh --fuzz-build "$(MAKE) --no-print-directory $(FUZZ_BINS)" \
	    --fuzz-seconds $(CHECK_FUZZ_SECONDS) $(FUZZ_BINS)

check-vm: all
	$(Q)tests/run-checks.sh --vm

# Everything: unit suites, the pump over loopback (bench_pump, which fails
# on frames out of order or held, never on time), a short pass of every
# fuzz target, the VM scenarios; one summary line at the end.
check: all $(CHECK_BINS) $(B)/tests/bench/bench_pump $(BARE_PLUGIN)
	$(Q)tests/run-checks.sh --unit $(CHECK_BINS) \
	    --host $(B)/tests/bench/bench_pump \
	    --fuzz-build "$(MAKE) --no-print-directory $(FUZZ_BINS)" \
	    --fuzz-seconds $(CHECK_FUZZ_SECONDS) $(FUZZ_BINS) --vm

# Then the main e2e scenario with an ASan+UBSan daemon and plugin; pppd
# gets the ASan runtime preloaded to load the plugin (tests/vm/lib.sh).
sanitize:
	$(Q)$(MAKE) --no-print-directory B=build/san SAN=1 check-unit
	$(Q)$(MAKE) --no-print-directory B=build/san SAN=1 all
	$(Q)BUILD=$(CURDIR)/build/san \
	    SAN_PRELOAD=$$($(CC) -print-file-name=libasan.so) \
	    tests/vm/run.sh tests/vm/scenarios/20-pptpdng-pptp-linux.sh

fuzz: $(FUZZ_BINS)
	$(Q)tests/run-checks.sh --fuzz-seconds $(FUZZ_SECONDS) $(FUZZ_BINS)

bench: all $(BENCH_BINS) $(BARE_PLUGIN)
	$(Q)for b in $(BENCH_BINS); do $$b || exit 1; done
	$(Q)PPTPNG_VM_MEM=$${PPTPNG_VM_MEM:-6144} tests/vm/run.sh --bench

demo: all
	$(Q)tests/vm/run.sh --demo

deps:
	$(Q)tests/deps.sh

MAN_PAGES	:= $(wildcard pptp-ctrl/*.[58] plugins/*.8 snmp/*.8)
lint:
	$(Q)$(if $(MAN_PAGES),mandoc -Tlint -Wwarning $(MAN_PAGES),true)
	$(Q)shellcheck -x tests/*.sh tests/vm/*.sh tests/vm/scenarios/*.sh \
	    tests/bench/scenarios/*.sh
	$(Q)tests/mib-check.sh $(B)/pptpd-ng-snmp || [ $$? -eq 77 ]

# contrib/: linted, not installed.
.PHONY: lint-contrib
lint: lint-contrib
lint-contrib:
	$(Q)mandoc -Tlint -Wwarning contrib/site-to-site/pptp-site.8
	$(Q)shellcheck contrib/site-to-site/pptp-site

MAN5		:= $(filter %.5,$(MAN_PAGES))
MAN8		:= $(filter %.8,$(MAN_PAGES))

# Everything under contrib/ goes to EXAMPLESDIR, as Debian ships examples;
# scripts (*.sh) stay executable; docs/*.md to DOCDIR; the units, with their binary paths moved to SBINDIR,
# to UNITDIR.  Of /etc only the logrotate file, and only when absent;
# uninstall removes it only while unchanged.  Configurations stay examples.
CONTRIB		:= $(shell find contrib -type f 2>/dev/null | sort)
DOCS		:= $(wildcard docs/*.md)
UNITS		:= $(wildcard contrib/systemd/*.service)
LOGROTATE	:= $(DESTDIR)$(SYSCONFDIR)/logrotate.d/pptpd-ng
define nl


endef

install: all
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(MANDIR)/man8
	$(if $(PROGS),install -m 0755 $(PROGS) $(DESTDIR)$(SBINDIR)/)
	$(if $(MAN5),install -m 0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/)
	$(if $(MAN8),install -m 0644 $(MAN8) $(DESTDIR)$(MANDIR)/man8/)
	$(if $(PLUGINS),install -d $(DESTDIR)$(PLUGINDIR))
	$(if $(PLUGINS),install -m 0755 $(PLUGINS) $(DESTDIR)$(PLUGINDIR)/)
	$(if $(wildcard snmp/*.txt),install -d $(DESTDIR)$(MIBDIR))
	$(if $(wildcard snmp/*.txt),install -m 0644 snmp/*.txt $(DESTDIR)$(MIBDIR)/)
	$(foreach f,$(CONTRIB),install -D -m $(if $(filter %.sh,$(f)),0755,0644) $(f) \
	    $(DESTDIR)$(EXAMPLESDIR)/$(f:contrib/%=%)$(nl))
	$(foreach f,$(DOCS),install -D -m 0644 $(f) \
	    $(DESTDIR)$(DOCDIR)/$(notdir $(f))$(nl))
	$(foreach f,$(UNITS),sed 's#/usr/sbin/#$(SBINDIR)/#g' $(f) | \
	    install -D -m 0644 /dev/stdin $(DESTDIR)$(UNITDIR)/$(notdir $(f))$(nl))
	install -D -m 0644 contrib/sysusers/pptpd-ng.conf \
	    $(DESTDIR)$(SYSUSERSDIR)/pptpd-ng.conf
	[ -e $(LOGROTATE) ] || \
	    install -D -m 0644 contrib/logrotate/pptpd-ng $(LOGROTATE)

uninstall:
	rm -f $(addprefix $(DESTDIR)$(SBINDIR)/,$(notdir $(PROGS)))
	rm -f $(addprefix $(DESTDIR)$(PLUGINDIR)/,$(notdir $(PLUGINS)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(MAN8)))
	rm -f $(addprefix $(DESTDIR)$(MIBDIR)/,$(notdir $(wildcard snmp/*.txt)))
	rm -f $(addprefix $(DESTDIR)$(EXAMPLESDIR)/,$(CONTRIB:contrib/%=%))
	rm -f $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(DOCS)))
	rm -f $(addprefix $(DESTDIR)$(UNITDIR)/,$(notdir $(UNITS)))
	rm -f $(DESTDIR)$(SYSUSERSDIR)/pptpd-ng.conf
	! cmp -s contrib/logrotate/pptpd-ng $(LOGROTATE) || rm -f $(LOGROTATE)
	-find $(DESTDIR)$(EXAMPLESDIR) -depth -type d -empty -delete 2>/dev/null
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

clean:
	rm -rf build

-include $(shell find $(B) -name '*.d' 2>/dev/null)
