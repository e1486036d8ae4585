package diff

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// This file holds a small, strict unified-diff parser and applier: the tests
// and the fuzzers use it as a pure-Go oracle (applying Unified(a, b) to a must
// give b), without git or patch.

// Apply applies the single-file unified diff d to old. Every hunk must match
// exactly where its header says (no offset, no fuzz).
func Apply(old []byte, d string) ([]byte, error) { return applyUnified(old, d) }

// hunk is one parsed "@@ -l,s +l,s @@" section.
type hunk struct {
	oldStart, oldCount int // as written in the header
	newStart, newCount int
	ops                []byte   // ' ', '-' or '+' per body line
	texts              []string // exact line bytes, terminator included
}

// parsedDiff is a parsed single-file unified diff.
type parsedDiff struct {
	oldLabel, newLabel string
	hunks              []hunk
}

// splitLines splits s into lines, each keeping its "\n" (the last line may
// lack one).
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// parseRange parses "l" or "l,s".
func parseRange(s string) (start, count int, err error) {
	count = 1
	if i := strings.IndexByte(s, ','); i >= 0 {
		if count, err = strconv.Atoi(s[i+1:]); err != nil {
			return 0, 0, err
		}
		if s[i+1:] == "1" {
			return 0, 0, errors.New("count 1 must be omitted")
		}
		s = s[:i]
	}
	start, err = strconv.Atoi(s)
	if err != nil || start < 0 || count < 0 {
		return 0, 0, fmt.Errorf("bad range %q", s)
	}
	return start, count, nil
}

// parseUnified parses a unified diff as produced by Unified, strictly.
func parseUnified(d string) (*parsedDiff, error) {
	lines := splitLines(d)
	if len(lines) < 3 {
		return nil, errors.New("diff too short")
	}
	for _, l := range lines {
		if !strings.HasSuffix(l, "\n") {
			return nil, fmt.Errorf("diff line %q lacks a newline", l)
		}
	}
	if !strings.HasPrefix(lines[0], "--- ") || !strings.HasPrefix(lines[1], "+++ ") {
		return nil, fmt.Errorf("bad headers %q %q", lines[0], lines[1])
	}
	p := &parsedDiff{
		oldLabel: strings.TrimSuffix(lines[0][4:], "\n"),
		newLabel: strings.TrimSuffix(lines[1][4:], "\n"),
	}
	i := 2
	for i < len(lines) {
		h := strings.TrimSuffix(lines[i], "\n")
		var oldR, newR string
		if _, err := fmt.Sscanf(h, "@@ -%s +%s @@", &oldR, &newR); err != nil ||
			h != "@@ -"+oldR+" +"+newR+" @@" {
			return nil, fmt.Errorf("bad hunk header %q", h)
		}
		var hk hunk
		var err error
		if hk.oldStart, hk.oldCount, err = parseRange(oldR); err != nil {
			return nil, fmt.Errorf("hunk header %q: %v", h, err)
		}
		if hk.newStart, hk.newCount, err = parseRange(newR); err != nil {
			return nil, fmt.Errorf("hunk header %q: %v", h, err)
		}
		if (hk.oldCount > 0 && hk.oldStart == 0) || (hk.newCount > 0 && hk.newStart == 0) {
			return nil, fmt.Errorf("hunk header %q: non-empty range starting at 0", h)
		}
		i++
		oldLeft, newLeft := hk.oldCount, hk.newCount
		for oldLeft > 0 || newLeft > 0 {
			if i >= len(lines) {
				return nil, fmt.Errorf("hunk %q truncated", h)
			}
			l := lines[i]
			i++
			op := l[0]
			switch op {
			case ' ':
				oldLeft--
				newLeft--
			case '-':
				oldLeft--
			case '+':
				newLeft--
			default:
				return nil, fmt.Errorf("bad hunk line %q", l)
			}
			if oldLeft < 0 || newLeft < 0 {
				return nil, fmt.Errorf("hunk %q: too many lines", h)
			}
			text := l[1:]
			if i < len(lines) && strings.HasPrefix(lines[i], "\\") {
				if lines[i] != noNewline {
					return nil, fmt.Errorf("bad marker %q", lines[i])
				}
				text = strings.TrimSuffix(text, "\n")
				i++
			}
			hk.ops = append(hk.ops, op)
			hk.texts = append(hk.texts, text)
		}
		if i < len(lines) && !strings.HasPrefix(lines[i], "@@ ") {
			return nil, fmt.Errorf("unexpected line %q after hunk %q", lines[i], h)
		}
		p.hunks = append(p.hunks, hk)
	}
	if len(p.hunks) == 0 {
		return nil, errors.New("diff has no hunks")
	}
	return p, nil
}

// oldIndex is the 0-based index in the old file where hunk h begins.
func (h *hunk) oldIndex() int {
	if h.oldCount == 0 {
		return h.oldStart
	}
	return h.oldStart - 1
}

// newIndex is the 0-based index in the new file where hunk h begins.
func (h *hunk) newIndex() int {
	if h.newCount == 0 {
		return h.newStart
	}
	return h.newStart - 1
}

// applyUnified applies diff d to old. An empty diff means "no change". Every
// hunk must match exactly at the position its header says (no offset, no
// fuzz), and the new-side line numbers must be consistent.
func applyUnified(old []byte, d string) ([]byte, error) {
	if d == "" {
		return old, nil
	}
	p, err := parseUnified(d)
	if err != nil {
		return nil, err
	}
	oldLines := splitLines(string(old))
	var out strings.Builder
	pos := 0   // next old line to copy
	delta := 0 // new index - old index for unchanged lines
	for hi, h := range p.hunks {
		at := h.oldIndex()
		if at < pos || at > len(oldLines) {
			return nil, fmt.Errorf("hunk %d at old index %d out of order or range (pos %d, %d lines)", hi, at, pos, len(oldLines))
		}
		if h.newIndex() != at+delta {
			return nil, fmt.Errorf("hunk %d: new start %d inconsistent with old start %d (delta %d)", hi, h.newStart, h.oldStart, delta)
		}
		for _, l := range oldLines[pos:at] {
			out.WriteString(l)
		}
		pos = at
		for k, op := range h.ops {
			t := h.texts[k]
			if op != '+' {
				if pos >= len(oldLines) || oldLines[pos] != t {
					return nil, fmt.Errorf("hunk %d line %d: old text mismatch: %q", hi, k, t)
				}
				pos++
			}
			if op != '-' {
				out.WriteString(t)
			}
		}
		delta += h.newCount - h.oldCount
	}
	for _, l := range oldLines[pos:] {
		out.WriteString(l)
	}
	return []byte(out.String()), nil
}
