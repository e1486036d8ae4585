#!/usr/bin/env bash
# e2e-setup.sh: prepare this machine for unroot's end-to-end tests.
#
#  1. installs docker.io, debootstrap and busybox-static with apt-get when missing;
#  2. starts dockerd in the background when no daemon answers;
#  3. builds the local base images the fixtures use (no registry is reachable):
#       debian:bookworm (also tagged debian:bookworm-slim and debian:12), from debootstrap
#       busybox (busybox:latest), from Debian's busybox-static
#       golang:MAJOR.MINOR-bookworm (the build stage of unroot's own Dockerfile),
#         from debian:bookworm, ca-certificates and the host's Go toolchain
#  4. installs Debian's podman (the second engine, and Buildah as third builder),
#     copies the base images into its storage and makes `podman run` work here
#     (see "Podman" in e2e/README.md); the end-to-end suite skips podman when
#     this step reports that it cannot run containers.
#
# It is idempotent: whatever is already there is left alone. See e2e/README.md.
#
# Environment:
#   DOCKER          docker client to use (default: /usr/bin/docker when it exists, else docker)
#   DEBIAN_MIRROR   mirror for debootstrap (default: the first one in the host's apt sources)
#   DEBIAN_SUITE    suite to bootstrap (default: bookworm)
#   UNROOT_E2E_REBUILD=1   rebuild the base images even when they exist
#   DOCKERD_FLAGS   extra flags for dockerd when this script starts it
#   GO              Go command whose toolchain goes into the golang image (default: go)
#   UNROOT_E2E_PODMAN=0    skip podman (step 4)
set -euo pipefail

log() { printf '[e2e-setup] %s\n' "$*"; }
die() { printf '[e2e-setup] error: %s\n' "$*" >&2; exit 1; }

SUITE="${DEBIAN_SUITE:-bookworm}"
REBUILD="${UNROOT_E2E_REBUILD:-0}"
SCRIPT_START=$SECONDS

if [ "$(id -u)" != 0 ]; then
	die "must run as root (apt-get, dockerd, debootstrap)"
fi

# ---------------------------------------------------------------- packages
apt_updated=0
ensure_pkg() { # ensure_pkg PACKAGE COMMAND-THAT-SHOULD-EXIST
	local pkg=$1 probe=$2
	if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' && [ -e "$probe" ]; then
		log "package $pkg: already installed"
		return
	fi
	if [ "$apt_updated" = 0 ]; then
		log "apt-get update"
		DEBIAN_FRONTEND=noninteractive apt-get update -qq
		apt_updated=1
	fi
	log "installing $pkg"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
}
ensure_pkg docker.io /usr/sbin/dockerd
ensure_pkg debootstrap /usr/sbin/debootstrap
ensure_pkg busybox-static /bin/busybox

# Prefer Debian's client: a newer client elsewhere on PATH may want buildx for `docker build`.
if [ -z "${DOCKER:-}" ]; then
	if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi
fi
log "docker client: $DOCKER"

# ---------------------------------------------------------------- daemon
if "$DOCKER" info >/dev/null 2>&1; then
	log "docker daemon: already running"
else
	logdir=$(mktemp -d "${TMPDIR:-/tmp}/unroot-dockerd.XXXXXX")
	log "starting dockerd (log: $logdir/dockerd.log)"
	# shellcheck disable=SC2086 # DOCKERD_FLAGS is a list of flags
	nohup dockerd --host unix:///var/run/docker.sock ${DOCKERD_FLAGS:-} >"$logdir/dockerd.log" 2>&1 &
	echo $! >"$logdir/dockerd.pid"
	deadline=$((SECONDS + 60))
	until [ -S /var/run/docker.sock ] && "$DOCKER" info >/dev/null 2>&1; do
		if [ $SECONDS -ge $deadline ]; then
			tail -n 30 "$logdir/dockerd.log" >&2 || true
			die "dockerd did not answer within 60 s"
		fi
		if ! kill -0 "$(cat "$logdir/dockerd.pid")" 2>/dev/null; then
			tail -n 30 "$logdir/dockerd.log" >&2 || true
			die "dockerd exited"
		fi
		sleep 1
	done
	log "docker daemon: up after $((SECONDS - deadline + 60)) s (pid $(cat "$logdir/dockerd.pid"))"
fi

have_image() { [ "$REBUILD" != 1 ] && "$DOCKER" image inspect "$1" >/dev/null 2>&1; }

workdir=$(mktemp -d "${TMPDIR:-/tmp}/unroot-e2e-setup.XXXXXX")
cleanup() { rm -rf "$workdir"; }

# image_from_rootfs CTX TAG: packs CTX/rootfs as root's files into
# CTX/rootfs.tar and builds TAG from CTX/Dockerfile, which ADDs it.
image_from_rootfs() {
	tar -C "$1/rootfs" --numeric-owner --owner=0 --group=0 -cf "$1/rootfs.tar" .
	rm -rf "$1/rootfs"
	"$DOCKER" build --network host -q -t "$2" "$1" >/dev/null
}
trap cleanup EXIT

# ---------------------------------------------------------------- debian
# debian_mirror prints the first Debian archive URI of the host's apt sources
# (one-line sources.list format and deb822 .sources files), skipping security.
debian_mirror() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; break } }' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "$f"
	done
}

# The image is rebuilt when it predates the apt settings below.
if have_image "debian:$SUITE" && "$DOCKER" run --rm --network host "debian:$SUITE" test -f /etc/apt/apt.conf.d/90unroot-e2e-no-caches; then
	log "image debian:$SUITE: present"
else
	mirror="${DEBIAN_MIRROR:-}"
	if [ -z "$mirror" ]; then
		mirror=$(debian_mirror | grep -v -- '-security' | grep -E '^(https?|file)://' | head -n 1 || true)
	fi
	[ -n "$mirror" ] || die "no Debian mirror found in the host's apt sources; set DEBIAN_MIRROR"
	root="$workdir/debian-rootfs"
	log "debootstrap --variant=minbase $SUITE from $mirror (takes a few minutes)"
	t0=$SECONDS
	debootstrap --variant=minbase "$SUITE" "$root" "$mirror" >"$workdir/debootstrap.log" 2>&1 || {
		tail -n 30 "$workdir/debootstrap.log" >&2
		die "debootstrap failed"
	}
	log "debootstrap took $((SECONDS - t0)) s"
	# Like the official images: no package lists or caches, updates enabled.
	rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
	if ! grep -q "$SUITE-updates" "$root/etc/apt/sources.list" 2>/dev/null; then
		echo "deb $mirror $SUITE-updates main" >>"$root/etc/apt/sources.list"
	fi
	# Like the official images, apt keeps no binary caches in the image
	# (written here in our own words).
	cat >"$root/etc/apt/apt.conf.d/90unroot-e2e-no-caches" <<-'EOF'
	// unroot e2e base image: no pkgcache.bin/srcpkgcache.bin in image layers.
	Dir::Cache::pkgcache "";
	Dir::Cache::srcpkgcache "";
	EOF
	: >"$root/etc/hostname"
	t0=$SECONDS
	tar -C "$root" --numeric-owner \
		--exclude='./proc/*' --exclude='./sys/*' --exclude='./dev/*' --exclude='./run/*' \
		-c . | "$DOCKER" import \
		--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
		--change 'CMD ["bash"]' \
		--message "debootstrap --variant=minbase $SUITE (unroot e2e-setup)" \
		- "debian:$SUITE" >/dev/null
	rm -rf "$root"
	log "imported debian:$SUITE in $((SECONDS - t0)) s"
fi
if [ "$SUITE" = bookworm ]; then
	for tag in debian:bookworm-slim debian:12; do
		"$DOCKER" tag debian:bookworm "$tag"
	done
	log "tagged debian:bookworm-slim debian:12"
fi

# ---------------------------------------------------------------- busybox
if have_image busybox:latest; then
	log "image busybox:latest: present"
else
	t0=$SECONDS
	ctx="$workdir/busybox"
	rootfs="$ctx/rootfs"
	mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,home,var,proc,sys,dev,tmp}
	cp /bin/busybox "$rootfs/bin/busybox"
	# The equivalent of `busybox --install -s` run inside the rootfs, without
	# chroot and /proc: one symlink per applet at its usual place.
	busybox --list-full | while read -r applet; do
		[ "$applet" = bin/busybox ] && continue
		ln -sf /bin/busybox "$rootfs/$applet"
	done
	chmod 1777 "$rootfs/tmp"
	chmod 700 "$rootfs/root"
	cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/home:/bin/false
PASSWD
	cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
nobody:x:65534:
GROUP
	cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
ADD rootfs.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["sh"]
DOCKERFILE
	image_from_rootfs "$ctx" busybox:latest
	log "built busybox:latest in $((SECONDS - t0)) s"
fi

# ------------------------------------------------------ distroless :debug
# A look-alike of gcr.io/distroless/static-debian12:debug-nonroot (no
# registry answers here), made from Debian's busybox-static like busybox
# above, with the layout unroot must cope with: BusyBox and its applets in
# /busybox only, so there is no /bin/sh (a RUN needs SHELL), PATH ending in
# /busybox, root, nobody and nonroot (65532) in /etc/passwd, ENTRYPOINT
# /busybox/sh and USER 65532.
distroless=gcr.io/distroless/static-debian12:debug-nonroot
if have_image "$distroless"; then
	log "image $distroless: present"
else
	t0=$SECONDS
	ctx="$workdir/distroless"
	rootfs="$ctx/rootfs"
	mkdir -p "$rootfs"/{busybox,etc,root,home/nonroot,tmp,var,proc,sys,dev}
	cp /bin/busybox "$rootfs/busybox/busybox"
	busybox --list | while read -r applet; do
		[ "$applet" = busybox ] && continue
		ln -sf /busybox/busybox "$rootfs/busybox/$applet"
	done
	chmod 1777 "$rootfs/tmp"
	chmod 700 "$rootfs/root" "$rootfs/home/nonroot"
	cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
	cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
nobody:x:65534:
nonroot:x:65532:
GROUP
	cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
ADD rootfs.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/busybox
ENTRYPOINT ["/busybox/sh"]
USER 65532
DOCKERFILE
	image_from_rootfs "$ctx" "$distroless"
	rm -rf "$ctx"
	log "built $distroless (a look-alike from busybox-static) in $((SECONDS - t0)) s"
fi

# ---------------------------------------------------------------- golang
# unroot's own Dockerfile builds in `ARG GO_IMAGE=golang:1.26-bookworm`, the
# image users pull. No registry answers here, so an image under the same tag
# is made like the official one: Debian bookworm, ca-certificates (the build
# downloads modules from the Go module proxy) with the host's CA bundle over
# Debian's (so that a TLS-intercepting proxy the host trusts is trusted in the
# build too), the Go toolchain in
# /usr/local/go (the host's, from `go env GOROOT`), GOPATH=/go and
# GOTOOLCHAIN=local. A pulled golang image is left alone.
GO_CMD="${GO:-go}"
if ! command -v "$GO_CMD" >/dev/null; then
	log "no go command: golang image not made"
else
	goversion=$("$GO_CMD" env GOVERSION) # go1.26.8
	gominor=$(printf '%s\n' "${goversion#go}" | cut -d. -f1,2)
	goimage="golang:$gominor-bookworm"
	if have_image "$goimage"; then
		log "image $goimage: present"
	else
		t0=$SECONDS
		ctx="$workdir/golang"
		mkdir -p "$ctx"
		cp -a "$("$GO_CMD" env GOROOT)" "$ctx/go"
		rm -rf "$ctx/go/test" "$ctx/go/api" "$ctx/go/pkg/obj"
		cp /etc/ssl/certs/ca-certificates.crt "$ctx/ca-certificates.crt"
		cat >"$ctx/Dockerfile" <<-DOCKERFILE
		FROM debian:bookworm
		RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates git \\
		 && rm -rf /var/lib/apt/lists/*
		COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
		COPY go /usr/local/go
		ENV GOLANG_VERSION=${goversion#go} GOTOOLCHAIN=local GOPATH=/go \\
		    PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
		WORKDIR /go
		DOCKERFILE
		"$DOCKER" build --network host -q -t "$goimage" "$ctx" >/dev/null
		rm -rf "$ctx"
		log "built $goimage ($goversion of the host) in $((SECONDS - t0)) s"
	fi
fi

"$DOCKER" image ls --format '{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}' |
	grep -E '^(debian|busybox|golang|gcr.io/distroless/[^:]*):' | sed 's/^/[e2e-setup]   /'

# ---------------------------------------------------------------- podman
# Podman is the second engine. A failure here is reported, not fatal: the
# suite then runs on Docker alone and says so.
podman_conf=/etc/containers/containers.conf.d/50-unroot-e2e.conf
podman_runs() { podman run --rm --network host busybox:latest true 2>&1; }
if [ "${UNROOT_E2E_PODMAN:-1}" != 0 ]; then
	t0=$SECONDS
	ensure_pkg podman /usr/bin/podman
	# Base images: copied from the local Docker engine (no registry).
	for img in debian:bookworm debian:bookworm-slim busybox:latest; do
		if podman image exists "docker.io/library/$img"; then
			log "podman image $img: present"
		else
			if podman pull -q "docker-daemon:$img" >/dev/null; then
				log "podman image $img: copied from docker"
			else
				log "podman image $img: could not copy it from docker"
			fi
		fi
	done
	if out=$(podman_runs); then
		log "podman run: works"
	elif printf '%s' "$out" | grep -qiE 'rlimit|cgroups in hybrid mode'; then
		# Podman (as root) sets RLIMIT_NOFILE to 1048576 and RLIMIT_NPROC
		# to 4194304 in every container; where the hard limits are lower
		# and CAP_SYS_RESOURCE is missing (a container sandbox) the OCI
		# runtime's setrlimit fails with EPERM. crun also refuses a hybrid
		# cgroup v1/v2 host. Lower the defaults under the hard limits and use
		# runc, in a drop-in file that only podman reads.
		log "podman run failed: $out"
		nofile=$(ulimit -Hn)
		nproc=$(ulimit -Hu)
		[ "$nofile" = unlimited ] && nofile=1048576
		# At the hard limit itself RLIMIT_NPROC still failed here; half is ample.
		if [ "$nproc" = unlimited ] || [ "$nproc" -gt 65536 ]; then nproc=32768; else nproc=$((nproc / 2)); fi
		mkdir -p "$(dirname "$podman_conf")"
		cat >"$podman_conf" <<CONF
# Written by unroot's scripts/e2e-setup.sh: podman's default rlimits are above
# this machine's hard limits (ulimit -Hn, -Hu) and crun refuses its cgroups.
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=$nproc:$nproc"]

[engine]
runtime = "runc"
CONF
		log "wrote $podman_conf (nofile=$nofile, nproc=$nproc, runtime runc)"
		if out=$(podman_runs); then
			log "podman run: works"
		else
			log "podman run still fails, the suite will skip podman: $out"
		fi
	else
		log "podman run fails, the suite will skip podman: $out"
	fi
	log "podman: $((SECONDS - t0)) s"
fi
log "done in $((SECONDS - SCRIPT_START)) s"
