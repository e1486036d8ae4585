#!/usr/bin/env bash
# The GitHub Action's second step (action.yml): runs unroot over INPUT_PATHS
# in INPUT_MODE (check, diff or fix), prints the diffs and an annotation per
# finding, writes a job summary with the findings table to
# $GITHUB_STEP_SUMMARY and sets the outputs changed-files and findings in
# $GITHUB_OUTPUT.
#
# Exit status: 2 when unroot reports an error; 1 in check mode when a file
# would change; 0 otherwise.
set -uo pipefail

unroot=${UNROOT_BIN:-unroot}
mode=${INPUT_MODE:-check}
format=${INPUT_FORMAT:-text}
read -r -a paths <<<"$(printf '%s' "${INPUT_PATHS:-}" | tr '\n' ' ')"
read -r -a flags <<<"$(printf '%s' "${INPUT_FLAGS:-}" | tr '\n' ' ')"
[ ${#paths[@]} -gt 0 ] || paths=(.)
cd "${GITHUB_WORKSPACE:-.}" || exit 2

case "$mode" in
check) mode_flags=(--check -d) ;;
diff) mode_flags=(-d) ;;
fix) mode_flags=(-w) ;;
*)
	echo "::error title=unroot::mode must be check, diff or fix, not \"$mode\""
	exit 2
	;;
esac
if [ "$format" != text ]; then
	mode_flags+=(--format "$format")
fi

tmp=$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/unroot-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# First the files that would change and the findings (unroot -l) ...
"$unroot" -l "${flags[@]}" -- "${paths[@]}" >"$tmp/changed" 2>"$tmp/messages"
list_status=$?
# ... then what the mode asks for: the diffs go to the log.
if [ "$mode" = fix ]; then
	"$unroot" "${mode_flags[@]}" "${flags[@]}" -- "${paths[@]}" 2>"$tmp/fix-messages"
	mode_status=$?
	# Findings were printed by the first run; errors of writing were not.
	grep -v -F -x -f "$tmp/messages" "$tmp/fix-messages" >>"$tmp/messages"
else
	"$unroot" "${mode_flags[@]}" "${flags[@]}" -- "${paths[@]}" 2>/dev/null
	mode_status=$?
fi

# escape_data and escape_property encode text for a workflow command
# (::warning file=...::message), as the runner decodes it.
escape_data() {
	local s=${1//'%'/'%25'}
	s=${s//$'\r'/'%0D'}
	printf '%s' "${s//$'\n'/'%0A'}"
}
escape_property() {
	local s
	s=$(escape_data "$1")
	s=${s//':'/'%3A'}
	printf '%s' "${s//','/'%2C'}"
}
# cell makes text safe in a Markdown table cell.
cell() { printf '%s' "${1//'|'/'\|'}"; }

finding_re='^(.+):([0-9]+): (UR[0-9]+) (.*)$'
findings=0
rows=""
other=""
while IFS= read -r line || [ -n "$line" ]; do
	if [[ $line =~ $finding_re ]]; then
		file=${BASH_REMATCH[1]} lineno=${BASH_REMATCH[2]} rule=${BASH_REMATCH[3]} message=${BASH_REMATCH[4]}
		findings=$((findings + 1))
		echo "::warning file=$(escape_property "$file"),line=$lineno,title=$(escape_property "unroot $rule")::$(escape_data "$message")"
		rows+="| \`$(cell "$file")\` | $lineno | [$rule](https://github.com/unroot/unroot/blob/main/docs/rules/$rule.md) | $(cell "$message") |"$'\n'
	elif [ -n "$line" ]; then
		echo "$line"
		other+="$line"$'\n'
	fi
done <"$tmp/messages"
changed=$(grep -c . "$tmp/changed")

status=0
if [ $list_status -ge 2 ] || [ $mode_status -ge 2 ]; then
	status=2
elif [ "$mode" = check ] && [ "$changed" -gt 0 ]; then
	status=1
fi

case "$mode" in
fix) verb="changed" ;;
*) verb="would change" ;;
esac
{
	echo "## unroot ($mode)"
	echo
	echo "$changed file(s) $verb, $findings finding(s)."
	if [ "$changed" -gt 0 ]; then
		echo
		while IFS= read -r file; do
			echo "- \`$(cell "$file")\`"
		done <"$tmp/changed"
	fi
	if [ "$findings" -gt 0 ]; then
		echo
		echo "| File | Line | Rule | Finding |"
		echo "| --- | --- | --- | --- |"
		printf '%s' "$rows"
	fi
	if [ -n "$other" ]; then
		echo
		echo "Other messages:"
		echo
		echo '```'
		printf '%s' "$other"
		echo '```'
	fi
	if [ $status = 2 ]; then
		echo
		echo "unroot reported an error (exit 2)."
	fi
} >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
{
	echo "changed-files=$changed"
	echo "findings=$findings"
} >>"${GITHUB_OUTPUT:-/dev/null}"
exit $status
