// Package diff renders standard unified diffs ("diff -u" / "git diff" style)
// between two versions of a file.
//
// The line matching is done by go-diff (github.com/sergi/go-diff) in line
// mode; this package turns its edit script into hunks. Lines keep their exact
// bytes: a "\r" before the "\n" stays part of the line, and a last line that
// lacks a trailing newline is followed by the "\ No newline at end of file"
// marker, so that applying the diff to the old content (with git apply or
// patch -p1) reproduces the new content byte for byte.
package diff

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// DefaultContext is the number of context lines used by Unified.
const DefaultContext = 3

// noNewline is the marker that follows a line lacking a trailing newline.
const noNewline = "\\ No newline at end of file\n"

// Unified returns a standard unified diff of a -> b (3 lines of context) with
// headers "--- a/<path>" and "+++ b/<path>" (path is used as given), or ""
// when a and b are equal.
func Unified(path string, a, b []byte) string {
	return UnifiedContext("a/"+path, "b/"+path, a, b, DefaultContext)
}

// UnifiedContext is like Unified with n lines of context and explicit header
// labels (for example "a/Dockerfile" and "b/Dockerfile"). A negative n is
// treated as 0. It returns "" when a and b are equal.
func UnifiedContext(oldLabel, newLabel string, a, b []byte, n int) string {
	if bytes.Equal(a, b) {
		return ""
	}
	if n < 0 {
		n = 0
	}
	script := lineScript(string(a), string(b))

	var sb strings.Builder
	sb.Grow(len(a)/4 + len(b)/4 + 64)
	sb.WriteString("--- ")
	sb.WriteString(oldLabel)
	sb.WriteString("\n+++ ")
	sb.WriteString(newLabel)
	sb.WriteString("\n")
	writeHunks(&sb, script, n)
	return sb.String()
}

// edit is one line of the edit script: op is ' ' (in both), '-' (only in
// the old text) or '+' (only in the new text). text includes its line
// terminator, if any.
type edit struct {
	op   byte
	text string
}

// lineScript computes a line-level edit script turning a into b.
//
// go-diff's line mode maps every distinct line to one rune; v1.4.0 skips the
// surrogate range, so up to about 1.1 million distinct lines (a and b
// together) are supported, after which it panics. That is far beyond any
// Dockerfile.
func lineScript(a, b string) []edit {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // no deadline: always compute a complete, minimal diff
	c1, c2, lines := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffMain(c1, c2, false)
	diffs = dmp.DiffCharsToLines(diffs, lines)

	script := make([]edit, 0, strings.Count(a, "\n")+strings.Count(b, "\n")+2)
	// Within a run of changes (between two equalities) emit all deletions
	// before all insertions, as diff(1) does. go-diff already orders them
	// that way after its cleanup, but do not depend on it.
	var ins []edit
	flush := func() {
		script = append(script, ins...)
		ins = ins[:0]
	}
	for _, d := range diffs {
		var op byte
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			flush()
			op = ' '
		case diffmatchpatch.DiffDelete:
			op = '-'
		case diffmatchpatch.DiffInsert:
			op = '+'
		default:
			continue
		}
		for t := d.Text; t != ""; {
			i := strings.IndexByte(t, '\n')
			var line string
			if i < 0 {
				line, t = t, ""
			} else {
				line, t = t[:i+1], t[i+1:]
			}
			if op == '+' {
				ins = append(ins, edit{op, line})
			} else {
				script = append(script, edit{op, line})
			}
		}
	}
	flush()
	return script
}

// writeHunks renders the hunks of script with n lines of context. Changes
// separated by at most 2n unchanged lines share a hunk, as in GNU diff.
func writeHunks(sb *strings.Builder, script []edit, n int) {
	// oldLine and newLine count the lines of each side before script[pos].
	pos, oldLine, newLine := 0, 0, 0
	advance := func(to int) {
		for ; pos < to; pos++ {
			switch script[pos].op {
			case ' ':
				oldLine++
				newLine++
			case '-':
				oldLine++
			case '+':
				newLine++
			}
		}
	}

	for i := 0; i < len(script); {
		if script[i].op == ' ' {
			i++
			continue
		}
		// script[i] is the first change of a new hunk.
		start := max(i-n, 0)
		end := i
		for {
			for end < len(script) && script[end].op != ' ' {
				end++
			}
			k := end
			for k < len(script) && script[k].op == ' ' {
				k++
			}
			if k < len(script) && k-end <= 2*n {
				end = k // next change is close enough: same hunk
				continue
			}
			end = min(end+n, len(script))
			break
		}

		advance(start)
		oldStart, newStart := oldLine, newLine
		oldCount, newCount := 0, 0
		for _, e := range script[start:end] {
			if e.op != '+' {
				oldCount++
			}
			if e.op != '-' {
				newCount++
			}
		}
		sb.WriteString("@@ -")
		writeRange(sb, oldStart, oldCount)
		sb.WriteString(" +")
		writeRange(sb, newStart, newCount)
		sb.WriteString(" @@\n")
		for _, e := range script[start:end] {
			sb.WriteByte(e.op)
			sb.WriteString(e.text)
			if !strings.HasSuffix(e.text, "\n") {
				sb.WriteByte('\n')
				sb.WriteString(noNewline)
			}
		}
		i = end
	}
}

// writeRange writes a hunk range. before is the number of lines of the file
// preceding the hunk, count the number of lines of the hunk on that side.
// The count is omitted when it is 1; an empty range starts at the line
// before it.
func writeRange(sb *strings.Builder, before, count int) {
	if count == 0 {
		sb.WriteString(strconv.Itoa(before))
		sb.WriteString(",0")
		return
	}
	sb.WriteString(strconv.Itoa(before + 1))
	if count != 1 {
		sb.WriteByte(',')
		sb.WriteString(strconv.Itoa(count))
	}
}
