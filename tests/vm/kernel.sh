#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# kernel.sh: prepares the VM bench's cache: Debian's stock kernel (unpacked
# with dpkg -x, never installed), its module tree (depmod'ed) and a small
# busybox initramfs that mounts the host root read-only under a tmpfs
# overlay.  Prints the cache directory.  Reuses what is already there.
#   PPTPNG_VM_CACHE   cache directory (default ~/.cache/pptpd-ng/vm)
#   PPTPNG_VM_KERNEL  kernel package version, e.g. 6.1.0-56-amd64
#                     (default: what linux-image-amd64 depends on)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${PPTPNG_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pptpd-ng/vm}
mkdir -p "$cache"

log() { echo "vm-kernel: $*" >&2; }

kver=${PPTPNG_VM_KERNEL:-}
if [ -z "$kver" ]; then
	# A kernel already unpacked is good enough: no apt access needed.
	kver=$(cat "$cache/current" 2>/dev/null || true)
fi
if [ -z "$kver" ]; then
	kver=$(apt-cache depends linux-image-amd64 2>/dev/null |
	    sed -n 's/.*Depends: linux-image-\(.*\)$/\1/p' | head -n 1)
	[ -n "$kver" ] || { log "cannot find linux-image-amd64's kernel" \
	    "(run apt-get update)"; exit 1; }
fi

kdir="$cache/$kver"
if [ ! -f "$kdir/ok" ]; then
	log "fetching linux-image-$kver"
	rm -rf "$kdir" && mkdir -p "$kdir/dl"
	(cd "$kdir/dl" && apt-get download "linux-image-$kver" >/dev/null 2>&1) ||
	    { log "apt-get download linux-image-$kver failed"; exit 1; }
	dpkg -x "$kdir"/dl/*.deb "$kdir/root"
	rm -rf "$kdir/dl"
	depmod -b "$kdir/root" "$kver"
	touch "$kdir/ok"
fi
echo "$kver" >"$cache/current"

# The initramfs only needs what mounting the 9p root takes; the rest of the
# modules are used from $kdir/root/lib/modules inside the guest.
initrd="$kdir/initrd.gz"
if [ ! -f "$initrd" ] || [ "$here/initramfs-init" -nt "$initrd" ]; then
	log "building initramfs"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	mkdir -p "$tmp/bin" "$tmp/dev" "$tmp/proc" "$tmp/sys" "$tmp/mods" \
	    "$tmp/mnt/lower" "$tmp/mnt/rw" "$tmp/newroot"
	bb=$(command -v busybox)
	file -L "$bb" 2>/dev/null | grep -q 'statically linked' ||
	    { log "$bb is not static: install busybox-static"; exit 1; }
	cp "$bb" "$tmp/bin/busybox"
	for a in sh mount mkdir insmod switch_root cat echo sleep poweroff; do
		ln -s busybox "$tmp/bin/$a"
	done
	mdir="$kdir/root/lib/modules/$kver"
	: >"$tmp/mods/order"
	for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev \
	    virtio_pci netfs fscache 9pnet 9pnet_virtio 9p overlay; do
		f=$(find "$mdir" -name "$m.ko" | head -n 1)
		if [ -z "$f" ]; then
			log "note: module $m not found (built in?)"
			continue
		fi
		cp "$f" "$tmp/mods/"
		echo "$m" >>"$tmp/mods/order"
	done
	cp "$here/initramfs-init" "$tmp/init"
	chmod 755 "$tmp/init"
	(cd "$tmp" && find . | cpio -o -H newc --quiet | gzip -1) >"$initrd.new"
	mv "$initrd.new" "$initrd"
fi
echo "$kdir"
