#!/usr/bin/env bash
# integration-setup.sh DIR: install the real clients of unroot's --format
# outputs into DIR (outside the repository; nothing goes into go.mod):
#
#   DIR/node_modules/.bin/sarif-multitool   the SARIF SDK's validator (npm @microsoft/sarif-multitool)
#   DIR/bin/reviewdog                       reviewdog, built from the Go module proxy
#
# Node.js and npm come from apt when missing (Debian's nodejs also brings
# the ICU library the validator's .NET runtime loads; `make integration`
# sets DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 so that it needs none).
# Idempotent: what is there at the pinned version is kept.
set -euo pipefail

SARIF_MULTITOOL_VERSION=5.7.0
REVIEWDOG_VERSION=v0.21.0

dir=${1:?usage: integration-setup.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
log() { printf '[integration-setup] %s\n' "$*"; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	log "apt-get install nodejs npm"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq nodejs npm >/dev/null
fi

pkg=$dir/node_modules/@microsoft/sarif-multitool/package.json
if ! grep -q "\"version\": \"$SARIF_MULTITOOL_VERSION\"" "$pkg" 2>/dev/null; then
	log "npm install @microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION into $dir"
	npm install --prefix "$dir" --no-audit --no-fund --no-save "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" >/dev/null
fi
# The package's postinstall only marks the binary executable; newer npm
# versions may skip install scripts.
chmod u+x "$dir"/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$dir/node_modules/.bin/sarif-multitool" --version 2>&1 | head -1

# reviewdog -version says "master" when built with go install: ask the
# binary's build information instead.
rd_version() { go version -m "$dir/bin/reviewdog" 2>/dev/null | awk '$1 == "mod" { print $3 }'; }
if [ "$(rd_version)" != "$REVIEWDOG_VERSION" ]; then
	log "go install reviewdog@$REVIEWDOG_VERSION into $dir/bin"
	GOBIN=$dir/bin go install "github.com/reviewdog/reviewdog/cmd/reviewdog@$REVIEWDOG_VERSION"
fi
printf 'reviewdog %s\n' "$(rd_version)"
