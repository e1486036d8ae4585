#!/usr/bin/env bash
# The GitHub Action's first step (action.yml): builds unroot from the
# action's own checkout with the runner's Go (actions/setup-go, or the Go
# the runner image ships) into $RUNNER_TEMP/unroot-action/bin, and puts that
# directory on the PATH of the job's later steps.
set -euo pipefail
: "${GITHUB_ACTION_PATH:?set by the runner}" "${RUNNER_TEMP:?set by the runner}"
if ! command -v go >/dev/null; then
	echo "::error title=unroot::no Go on the runner: add actions/setup-go before this action"
	exit 1
fi
bindir="$RUNNER_TEMP/unroot-action/bin"
mkdir -p "$bindir"
cd "$GITHUB_ACTION_PATH"
CGO_ENABLED=0 go build -trimpath -o "$bindir/unroot" ./cmd/unroot
"$bindir/unroot" --version
if [ -n "${GITHUB_PATH:-}" ]; then
	echo "$bindir" >>"$GITHUB_PATH"
fi
