#!/bin/sh
# unroot-fleet.sh: the script to give multi-gitter, run in each cloned
# repository (working directory = the clone, REPOSITORY=owner/name):
#
#   multi-gitter run ./unroot-fleet.sh --manual-commit \
#     --org my-org --branch unroot/arbitrary-uid
#
# It rewrites the repository's Dockerfiles with `unroot -w` and, when
# something changed, commits the change itself (--manual-commit) with the
# pull-request description unroot writes (--pr-body) as the commit message:
# multi-gitter takes the first line as the PR title and the rest as its
# body, so each repository's PR explains its own changes.
#
# Exit status, as multi-gitter reads it:
#   0  done, whether or not anything changed (multi-gitter skips a
#      repository without a new commit); also for a repository without
#      Dockerfiles
#   2  unroot could not process a Dockerfile: the repository is listed as
#      failed and multi-gitter discards the clone (no partial PR)
#
# Nothing is left in the clone: multi-gitter commits every untracked file
# (`git add .`), so the description is written to a temporary file outside
# it. Settings come from the repository's own .unroot.yaml; more flags for
# every repository can be given in UNROOT_FLAGS (e.g. "--uid 1000680000").
set -eu

unroot=${UNROOT:-unroot}

# A repository without Dockerfiles has nothing to change (unroot itself
# calls a directory without any an error, to catch mistyped paths).
if [ -z "$(find . \( -name .git -o -name vendor -o -name node_modules \) -prune -o -type f \
	\( -iname Dockerfile -o -iname 'Dockerfile.*' -o -iname '*.dockerfile' \
	-o -iname Containerfile -o -iname 'Containerfile.*' \) -print | head -n 1)" ]; then
	echo "unroot-fleet: ${REPOSITORY:-.}: no Dockerfiles"
	exit 0
fi

body=$(mktemp "${TMPDIR:-/tmp}/unroot-pr-body.XXXXXX")
trap 'rm -f "$body"' EXIT

status=0
# shellcheck disable=SC2086 # UNROOT_FLAGS is a list of flags
# --strict=false: a repository's .unroot.yaml may ask for --strict in its
# CI; a fleet run proposes the fixes and lists what is left in the PR.
"$unroot" -w --progress=never --strict=false --pr-body "$body" ${UNROOT_FLAGS:-} . || status=$?
if [ "$status" -ne 0 ]; then
	echo "unroot-fleet: ${REPOSITORY:-.}: unroot failed (exit $status); no change proposed" >&2
	exit 2
fi

if [ -z "$(git status --porcelain)" ]; then
	echo "unroot-fleet: ${REPOSITORY:-.}: already fine"
	exit 0
fi

# The title without its Markdown heading mark; verbatim keeps the body's
# "## ..." headings even where git is set to strip comment lines.
msg=$(mktemp "${TMPDIR:-/tmp}/unroot-commit-msg.XXXXXX")
trap 'rm -f "$body" "$msg"' EXIT
sed '1s/^# //' "$body" >"$msg"
git add -u # unroot only rewrites files the repository tracks
git commit -q --cleanup=verbatim -F "$msg"
echo "unroot-fleet: ${REPOSITORY:-.}: committed $(git diff --name-only HEAD~1 | wc -l | tr -d ' ') file(s)"
