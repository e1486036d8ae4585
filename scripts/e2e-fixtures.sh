#!/usr/bin/env bash
# e2e-fixtures.sh: build every fixture under e2e/testdata with both builders
# and run `verify` on it, comparing with each fixture's verify.expected.
#
#   scripts/e2e-fixtures.sh                      # all fixtures, both builders
#   scripts/e2e-fixtures.sh compliant nginx-like # some fixtures
#   UNROOT_E2E_BUILDERS=classic scripts/e2e-fixtures.sh
#   UNROOT_E2E_UPDATE=1 scripts/e2e-fixtures.sh  # re-record verify.expected
#
# Runs scripts/e2e-setup.sh first (idempotent). See e2e/README.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

bash "$here/e2e-setup.sh"

if [ -z "${DOCKER:-}" ] && [ -x /usr/bin/docker ]; then
	export DOCKER=/usr/bin/docker
fi
if [ $# -gt 0 ]; then
	UNROOT_E2E_FIXTURES=$(IFS=,; echo "$*")
	export UNROOT_E2E_FIXTURES
fi
export UNROOT_DOCKER_TESTS=1

cd "$repo"
start=$SECONDS
go test -count=1 -timeout 60m -v -run 'TestOriginalFixtures' ./e2e/
echo "[e2e-fixtures] done in $((SECONDS - start)) s"
