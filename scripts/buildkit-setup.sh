#!/usr/bin/env bash
# buildkit-setup.sh: a standalone BuildKit that builds Dockerfiles docker
# 20.10's own BuildKit cannot (heredocs: RUN <<EOT, COPY <<EOF), offline.
#
#  1. builds buildkitd and buildctl from the Go module proxy, at the
#     github.com/moby/buildkit version in go.mod, into a cache dir outside
#     the repository (go install pkg@version refuses the module: its go.mod
#     has exclude directives, so this builds inside the module's own tree);
#  2. installs skopeo (Debian) when missing;
#  3. starts buildkitd (OCI worker, the runc that docker.io installs) in the
#     background when no buildkitd answers on its socket;
#  4. copies the local base images (scripts/e2e-setup.sh) from the docker
#     daemon into OCI layouts, which builds get as named contexts (no
#     registry is reachable) and lists them in $DIR/contexts.
#
# Run after scripts/e2e-setup.sh, as root. Idempotent: what is in place is
# left alone. The e2e tests read $DIR (see buildWithBuildKitd in
# e2e/buildkitd_test.go and e2e/README.md).
#
# Environment:
#   UNROOT_BUILDKIT_DIR   cache dir (default ${XDG_CACHE_HOME:-$HOME/.cache}/unroot-buildkit)
#   UNROOT_BUILDKIT_ADDR  buildkitd socket (default unix:///run/unroot-buildkit/buildkitd.sock)
#   DOCKER                docker client (default /usr/bin/docker when it exists, else docker)
#   UNROOT_BUILDKIT_IMAGES  base images to export (default: debian:bookworm debian:bookworm-slim debian:12 busybox:latest)
set -euo pipefail

log() { printf '[buildkit-setup] %s\n' "$*"; }
die() { printf '[buildkit-setup] error: %s\n' "$*" >&2; exit 1; }

SCRIPT_START=$SECONDS
[ "$(id -u)" = 0 ] || die "must run as root (buildkitd runs containers with runc)"

repo=$(cd "$(dirname "$0")/.." && pwd)
DIR="${UNROOT_BUILDKIT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/unroot-buildkit}"
ADDR="${UNROOT_BUILDKIT_ADDR:-unix:///run/unroot-buildkit/buildkitd.sock}"
IMAGES="${UNROOT_BUILDKIT_IMAGES:-debian:bookworm debian:bookworm-slim debian:12 busybox:latest}"
if [ -z "${DOCKER:-}" ]; then
	if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi
fi
GO="${GO:-go}"

version=$(awk '$1 == "github.com/moby/buildkit" { print $2 }' "$repo/go.mod")
[ -n "$version" ] || die "github.com/moby/buildkit not found in go.mod"
bin="$DIR/$version/bin"
mkdir -p "$DIR"

# ---------------------------------------------------------------- binaries
if [ -x "$bin/buildkitd" ] && [ -x "$bin/buildctl" ]; then
	log "buildkitd/buildctl $version: present in $bin"
else
	t0=$SECONDS
	log "building buildkitd and buildctl $version from the Go module proxy (first time: minutes)"
	src=$(cd "$repo" && "$GO" mod download -json "github.com/moby/buildkit@$version" |
		awk -F'"' '$2 == "Dir" { print $4 }')
	[ -d "$src" ] || die "go mod download github.com/moby/buildkit@$version gave no directory"
	mkdir -p "$bin.tmp"
	(cd "$src" && GOFLAGS=-mod=mod "$GO" build -trimpath \
		-ldflags "-X github.com/moby/buildkit/version.Version=$version" \
		-o "$bin.tmp/" ./cmd/buildkitd ./cmd/buildctl)
	rm -rf "$bin" && mv "$bin.tmp" "$bin"
	log "built in $((SECONDS - t0)) s"
fi
ln -sfn "$version" "$DIR/current"
buildctl=("$bin/buildctl" --addr "$ADDR")

# ---------------------------------------------------------------- packages
command -v runc >/dev/null || die "runc not found (it comes with docker.io: run scripts/e2e-setup.sh first)"
if command -v skopeo >/dev/null; then
	log "package skopeo: already installed"
else
	t0=$SECONDS
	log "installing skopeo"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends skopeo >/dev/null
	log "installed in $((SECONDS - t0)) s"
fi

# ---------------------------------------------------------------- daemon
running_version() { "${buildctl[@]}" debug info 2>/dev/null | awk '$1 == "BuildKit:" { print $3 }'; }
current=$(running_version || true)
if [ -n "$current" ] && [ "$current" != "$version" ]; then
	# Another version answers. Replace it only when it is the one this
	# script started (its pid file names a live buildkitd using our state
	# dir); anything else is not ours to stop.
	pid=$(cat "$DIR/buildkitd.pid" 2>/dev/null || true)
	if [ -n "$pid" ] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "buildkitd --root $DIR/root "; then
		log "buildkitd $current answers; stopping it (pid $pid) for $version"
		kill "$pid"
		for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
		current=""
	else
		die "buildkitd $current (not started by this script) answers on $ADDR; $version is wanted: stop it or set UNROOT_BUILDKIT_ADDR"
	fi
fi
if [ -n "$current" ]; then
	log "buildkitd: already running ($current on $ADDR)"
else
	t0=$SECONDS
	sock=${ADDR#unix://}
	mkdir -p "$(dirname "$sock")" "$DIR/root"
	log "starting buildkitd on $ADDR (log: $DIR/buildkitd.log)"
	# Host networking only, as for every build here; RUN gets network.host
	# when the build asks for it (buildWithBuildKitd does).
	setsid nohup "$bin/buildkitd" --root "$DIR/root" --addr "$ADDR" \
		--oci-worker=true --oci-worker-binary "$(command -v runc)" --oci-worker-net host \
		--containerd-worker=false \
		--allow-insecure-entitlement network.host \
		>>"$DIR/buildkitd.log" 2>&1 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&- &
	# (The daemon must not inherit a caller's descriptors: run under
	# `flock FILE cmd`, it would hold the lock for as long as it runs.)
	echo $! >"$DIR/buildkitd.pid"
	deadline=$((SECONDS + 30))
	until [ -n "$(running_version || true)" ]; do
		if [ $SECONDS -ge $deadline ]; then
			tail -n 30 "$DIR/buildkitd.log" >&2 || true
			die "buildkitd did not answer within 30 s"
		fi
		if ! kill -0 "$(cat "$DIR/buildkitd.pid")" 2>/dev/null; then
			tail -n 30 "$DIR/buildkitd.log" >&2 || true
			die "buildkitd exited"
		fi
		sleep 0.5
	done
	log "buildkitd: up after $((SECONDS - t0)) s (pid $(cat "$DIR/buildkitd.pid"))"
fi

# ---------------------------------------------------------------- base images
# Each image goes to $DIR/oci/<image ID>, so tags of one image share a
# layout and a rebuilt image gets a new one. $DIR/contexts lists, one per
# line: the name a FROM line uses, the layout dir, the manifest digest.
mkdir -p "$DIR/oci"
contexts="$DIR/contexts.tmp"
: >"$contexts"
for image in $IMAGES; do
	id=$("$DOCKER" image inspect -f '{{.Id}}' "$image" 2>/dev/null) ||
		die "image $image not found: run scripts/e2e-setup.sh first"
	layout="$DIR/oci/${id#sha256:}"
	if [ -f "$layout/index.json" ]; then
		log "image $image: OCI layout present (${id:7:12})"
	else
		t0=$SECONDS
		rm -rf "$layout.tmp"
		skopeo copy --quiet "docker-daemon:$image" "oci:$layout.tmp:image"
		mv "$layout.tmp" "$layout"
		log "image $image: copied to an OCI layout in $((SECONDS - t0)) s (${id:7:12})"
	fi
	digest=$(grep -o '"digest":"sha256:[0-9a-f]*"' "$layout/index.json" | head -n 1 | cut -d'"' -f4)
	# BuildKit names a FROM image as docker does, without ":latest".
	printf '%s\t%s\t%s\n' "${image%:latest}" "$layout" "$digest" >>"$contexts"
done
mv "$contexts" "$DIR/contexts"
# Layouts of images that have since been rebuilt.
for layout in "$DIR"/oci/*; do
	grep -qF "$layout" "$DIR/contexts" || { log "removing stale layout $layout"; rm -rf "$layout"; }
done

log "done in $((SECONDS - SCRIPT_START)) s"
